"""Serving and pushing: ``parkgraph serve``, ``parkgraph push`` (Graph Store HTTP Protocol) and
``parkgraph query --endpoint``, end to end against a real Oxigraph server that the tests start on
127.0.0.1 and always stop. Error paths (refused connection, HTTP errors, time-outs, auth headers) use
small servers on 127.0.0.1 as well; no test sends anything to another address."""

from __future__ import annotations

import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from rdflib import Graph, Literal, URIRef

from parkgraph.build import BuildResult
from parkgraph.cli import main
from parkgraph.errors import ParkgraphError, QueryError
from parkgraph.query import run_endpoint_query, run_query
from parkgraph.sparql_text import sparql_term, with_values
from parkgraph.store.http import Auth, StoreError, auth_from_env, request, server_message
from parkgraph.store.push import GraphUpload, graph_url, push, read_uploads
from parkgraph.store.server import DataFile, OxigraphServer, find_oxigraph, free_port, port_in_use
from parkgraph.vocabulary import load_ontology
from tests.conftest import ROOT, require

ONTOLOGY_GRAPH = "https://w3id.org/parkgraph/ontology"
SKOS_PREFIX = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def require_oxigraph() -> None:
    require(find_oxigraph() is not None, "the oxigraph server is not installed (pip install oxigraph)")


@pytest.fixture(scope="module")
def server() -> Iterator[OxigraphServer]:
    """A read-write Oxigraph server on 127.0.0.1 (free port, temporary store), stopped after the module."""
    require_oxigraph()
    instance = OxigraphServer(host="127.0.0.1", port=0, read_only=False)
    try:
        instance.start()
        yield instance
    finally:
        instance.stop()


@pytest.fixture
def store(server: OxigraphServer) -> OxigraphServer:
    """The module's server, emptied for this test."""
    request(
        "POST", server.update_url, body=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
    )
    return server


@pytest.fixture(scope="module")
def nquads(built: BuildResult) -> Path:
    return next(path for path in built.files if path.name == "parkgraph.nq")


def graph_counts(server: OxigraphServer) -> dict[str, int]:
    result = run_endpoint_query(COUNT_GRAPHS, server.query_url)
    return {str(g): int(n) for g, n in result.rows or []}  # type: ignore[arg-type]


def dump(server: OxigraphServer) -> set[tuple[str, ...]]:
    result = run_endpoint_query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", server.query_url)
    return {tuple(t.n3() for t in row) for row in result.rows or []}  # type: ignore[union-attr]


# --- push -------------------------------------------------------------------------------------------------


def void_triples(built: BuildResult) -> int:
    """The triples of the build's VoID description (its own graph in parkgraph.nq)."""
    return len(Graph().parse(built.files[0].parent / "void.ttl"))


def test_push_puts_each_article_the_shared_and_the_ontology_graph_in_place(
    store: OxigraphServer, nquads: Path, built: BuildResult
) -> None:
    result = push(store.store_url, read_uploads(nquads))
    counts = graph_counts(store)
    articles = {f"https://w3id.org/parkgraph/graph/{a}" for a in built.articles}
    shared = "https://w3id.org/parkgraph/graph/shared"
    void = "https://w3id.org/parkgraph/graph/void"
    assert set(counts) == articles | {shared, void, ONTOLOGY_GRAPH}
    assert counts[ONTOLOGY_GRAPH] == len(load_ontology(ROOT / "ontology"))
    assert counts[void] == void_triples(built)
    assert sum(counts[a] for a in articles) + counts[shared] == len(built.graph)
    assert result.triples == sum(counts.values())


def test_pushing_twice_leaves_the_same_triples(store: OxigraphServer, nquads: Path) -> None:
    push(store.store_url, read_uploads(nquads))
    first = dump(store)
    push(store.store_url, read_uploads(nquads))
    assert dump(store) == first


def test_push_replaces_a_graph_instead_of_appending(
    store: OxigraphServer, nquads: Path, tmp_path: Path
) -> None:
    uploads = read_uploads(nquads)
    stale = b'<https://example.org/stale> <https://example.org/p> "old" .\n'
    push(store.store_url, [GraphUpload(u.name, u.body + stale, u.triples + 1) for u in uploads])
    assert "https://example.org/stale" in str(dump(store))
    push(store.store_url, uploads)
    assert "https://example.org/stale" not in str(dump(store))
    assert sum(graph_counts(store).values()) == sum(u.triples for u in uploads)


def test_push_into_one_named_graph(store: OxigraphServer, nquads: Path, built: BuildResult) -> None:
    target = "https://example.org/graphs/parkgraph"
    uploads = read_uploads(nquads, graph=target)
    assert [u.name for u in uploads] == [target]
    push(store.store_url, uploads)
    everything = len(built.graph) + len(load_ontology(ROOT / "ontology")) + void_triples(built)
    assert graph_counts(store) == {target: everything}


def test_push_of_a_turtle_file_goes_to_the_default_graph(store: OxigraphServer, built: BuildResult) -> None:
    turtle = next(path for path in built.files if path.name == "parkgraph.ttl")
    uploads = read_uploads(turtle)
    assert [u.name for u in uploads] == [None]
    assert graph_url(store.store_url, None).endswith("/store?default")
    push(store.store_url, uploads)
    total = run_endpoint_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store.query_url)
    assert int(total.rows[0][0]) == len(built.graph)  # type: ignore[index,arg-type]


def test_a_refused_body_leaves_the_graph_as_it_was(store: OxigraphServer, nquads: Path) -> None:
    uploads = read_uploads(nquads)
    push(store.store_url, uploads)
    before = dump(store)
    broken = GraphUpload(uploads[-1].name, uploads[-1].body + b"<https://example.org/broken> <oops .\n", 1)
    with pytest.raises(StoreError) as caught:
        push(store.store_url, [uploads[0], broken])
    message = str(caught.value)
    assert caught.value.status == 400
    assert (
        "HTTP 400" in message and "was not replaced" in message and "replaced before the failure" in message
    )
    assert re.search(r"(?i)pars|syntax|error", message)  # the server's own message is quoted
    assert dump(store) == before


def test_push_keeps_language_tags_as_written(nquads: Path) -> None:
    """Oxigraph's parser lower-cases tags; Jena and GraphDB keep what they are sent, so send zh-Hans."""
    bodies = b"".join(upload.body for upload in read_uploads(nquads))
    assert b'"@zh-Hans .' in bodies and b"@zh-hans" not in bodies


def test_a_broken_file_fails_before_anything_is_sent(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    with pytest.raises(ParkgraphError, match=r"bad\.nq: cannot read it"):
        read_uploads(bad)


def test_graph_url_encodes_the_iri_and_keeps_an_existing_query_string() -> None:
    assert (
        graph_url("http://h/store", "https://x/g?a=1#b")
        == "http://h/store?graph=https%3A%2F%2Fx%2Fg%3Fa%3D1%23b"
    )
    assert graph_url("http://h/rdf-graphs/service?x=1", None) == "http://h/rdf-graphs/service?x=1&default"


# --- errors the user can act on ---------------------------------------------------------------------------


def test_refused_connection_is_reported() -> None:
    port = free_port()
    with pytest.raises(StoreError, match="connection refused"):
        request("GET", f"http://127.0.0.1:{port}/store")


def test_http_error_quotes_the_server(store: OxigraphServer) -> None:
    with pytest.raises(StoreError) as caught:
        push(f"{store.base_url}/nope", [GraphUpload("https://example.org/g", b"", 0)])
    assert caught.value.status == 404
    assert "HTTP 404" in str(caught.value) and "not supported" in str(caught.value)


def test_timeout_is_reported() -> None:
    """A listening socket that never answers (the kernel accepts the connection; nobody reads it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"no answer from 127\.0\.0\.1:\d+ within 0\.5 s"):
            request("PUT", f"http://127.0.0.1:{port}/store?default", body=b"", timeout=0.5)
        assert time.monotonic() - started < 10


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers PUT with 204 (or 401 for the user "wrong"), remembering the Authorization headers."""

    seen: ClassVar[list[str | None]] = []

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        auth = self.headers.get("Authorization")
        self.seen.append(auth)
        if auth == Auth("basic", "secret", user="wrong").header():
            body = b"Unauthorized: bad credentials"
            self.send_response(401)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    _Recorder.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/store"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_basic_and_bearer_auth_are_sent(recorder: str) -> None:
    upload = [GraphUpload("https://example.org/g", b"", 0)]
    push(recorder, upload, auth=Auth("basic", "s3cret", user="alice"))
    push(recorder, upload, auth=Auth("bearer", "tok-123"))
    push(recorder, upload)
    assert _Recorder.seen == ["Basic YWxpY2U6czNjcmV0", "Bearer tok-123", None]
    with pytest.raises(StoreError, match=r"HTTP 401.*PARKGRAPH_USER.*bad credentials"):
        push(recorder, upload, auth=Auth("basic", "secret", user="wrong"))


def test_auth_comes_from_the_environment_never_the_command_line() -> None:
    assert auth_from_env({}) is None
    assert auth_from_env({"PARKGRAPH_TOKEN": "t"}) == Auth("bearer", "t")
    assert auth_from_env({"PARKGRAPH_USER": "u", "PARKGRAPH_PASSWORD": "p"}) == Auth("basic", "p", user="u")
    assert "p" not in repr(Auth("basic", "p", user="u")).replace("user='u'", "")


def test_push_cli_uses_token_env(
    recorder: str, nquads: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MY_STORE_TOKEN", "abc")
    code = main(
        [
            "--project",
            str(ROOT),
            "push",
            "--endpoint",
            recorder,
            "--file",
            str(nquads),
            "--token-env",
            "MY_STORE_TOKEN",
            "--keep-stale",  # the recorder has no query endpoint to ask which graphs it holds
        ]
    )
    assert code == 0
    assert set(_Recorder.seen) == {"Bearer abc"}
    assert "pushed" in capsys.readouterr().out


def test_server_message_is_one_short_line_without_html() -> None:
    assert (
        server_message(b"<html><body><h1>Error</h1>\n<p>bad   thing</p></body></html>") == "Error bad thing"
    )
    assert len(server_message(b"x" * 5000)) <= 600


# --- the push and query commands --------------------------------------------------------------------------


def test_push_command_end_to_end(store: OxigraphServer, nquads: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    args = ["--project", str(ROOT), "push", "--endpoint", store.store_url, "--file", str(nquads)]
    assert main(args) == 0
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count(f"PUT <{ONTOLOGY_GRAPH}>") == 2 and "pushed" in out
    assert ONTOLOGY_GRAPH in graph_counts(store)


def test_push_command_reports_a_refused_connection(nquads: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    assert main(["--project", str(ROOT), "push", "--endpoint", endpoint, "--file", str(nquads)]) == 1
    err = capsys.readouterr().err
    assert "connection refused" in err and "Nothing was replaced" in err and "Traceback" not in err


def test_push_dry_run_sends_nothing(nquads: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    assert (
        main(["--project", str(ROOT), "push", "--endpoint", endpoint, "--file", str(nquads), "--dry-run"])
        == 0
    )
    assert f"would PUT <{ONTOLOGY_GRAPH}>" in capsys.readouterr().out


def test_query_command_on_an_endpoint_gives_the_local_answer(
    store: OxigraphServer,
    nquads: Path,
    capsys,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    push(store.store_url, read_uploads(nquads))
    query = ROOT / "queries" / "29-entity-by-alias.rq"
    if not query.exists():
        query = tmp_path / "q.rq"
        query.write_text(f"{SKOS_PREFIX}\nSELECT ?e WHERE {{ ?e skos:altLabel ?alias }} ORDER BY ?e\n")
    common = [
        "--project",
        str(ROOT),
        "query",
        str(query),
        "--format",
        "csv",
        "--bind",
        "alias=省工信厅@zh-Hans",
    ]
    assert main([*common, "--engine", "rdflib"]) == 0
    local = capsys.readouterr().out
    assert main([*common, "--endpoint", store.query_url]) == 0
    remote = capsys.readouterr().out
    assert sorted(remote.splitlines()) == sorted(local.splitlines())
    for fmt in ("table", "json"):
        assert main([*common[:4], "--format", fmt, "--bind", common[-1], "--endpoint", store.query_url]) == 0
        assert capsys.readouterr().out.strip()


def test_query_command_on_an_endpoint_reports_line_and_column(
    store: OxigraphServer, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTR(?o)\n}\n", encoding="utf-8")
    assert main(["--project", str(ROOT), "query", str(bad), "--endpoint", store.query_url]) == 1
    err = capsys.readouterr().err
    assert re.search(r"bad\.rq: SPARQL syntax error at line 4, column \d+", err), err


def test_query_command_endpoint_refuses_local_only_options(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    query = tmp_path / "q.rq"
    query.write_text("ASK {}")
    code = main(["query", str(query), "--endpoint", "http://127.0.0.1:1/query", "--inference", "rdfs"])
    assert code == 1 and "--inference" in capsys.readouterr().err


# --- syntax errors and bindings ---------------------------------------------------------------------------


def test_malformed_query_has_line_and_column_on_every_path(store: OxigraphServer) -> None:
    """Each engine says where it stopped; for this mistake all of them point at line 4."""
    text = "PREFIX ex: <https://example.org/>\nSELECT ?x WHERE {\n  ?x ex:p ?y .\n  FILTR(?y)\n}\n"
    for run in (
        lambda: run_query(text, Graph(), engine="rdflib"),
        lambda: run_query(text, Graph(), engine="oxigraph"),
        lambda: run_endpoint_query(text, store.query_url),
        lambda: run_endpoint_query(text, store.query_url, bindings={"x": URIRef("https://example.org/a")}),
    ):
        with pytest.raises(QueryError, match=r"SPARQL syntax error at line 4, column \d+"):
            run()


def test_endpoint_error_after_a_binding_points_into_the_users_text(store: OxigraphServer) -> None:
    """An error only the server finds (an undeclared prefix) is reported at the column of the user's text,
    not of the text with the VALUES block."""
    text = "SELECT ?x WHERE { ?x nope:p ?y }"
    with pytest.raises(QueryError) as caught:
        run_endpoint_query(text, store.query_url, bindings={"y": Literal("v")})
    found = re.search(r"line 1, column (\d+)", str(caught.value))
    assert found and abs(int(found.group(1)) - text.index("nope:p")) <= 8, str(caught.value)


def test_values_go_first_in_the_where_group() -> None:
    bound = with_values('SELECT ?x # { not a group\nWHERE { ?x ?p "}{" }', {"p": URIRef("https://e.org/p")})
    assert bound == 'SELECT ?x # { not a group\nWHERE { VALUES (?p) { (<https://e.org/p>) }  ?x ?p "}{" }'
    construct = with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": Literal(1)})
    assert construct.endswith(
        'WHERE { VALUES (?o) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) }  ?s ?p ?o }'
    )
    ask = with_values("ASK { ?s ?p ?o }", {"s": URIRef("https://e.org/s")})
    assert ask.startswith("ASK { VALUES (?s)")
    subselect = with_values(
        "SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?a ?b ?c }", {"a": URIRef("https://e.org/a")}
    )
    assert "WHERE { VALUES (?a)" in subselect
    with pytest.raises(QueryError, match="CONSTRUCT WHERE"):
        with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": URIRef("https://e.org/s")})


def test_bound_values_cannot_change_the_query(store: OxigraphServer, nquads: Path) -> None:
    push(store.store_url, read_uploads(nquads))
    before = graph_counts(store)
    hostile = '"x" } ; DROP ALL ; #'
    text = f"{SKOS_PREFIX}\nSELECT ?e WHERE {{ ?e skos:altLabel ?alias }} ORDER BY ?e"
    for value in (Literal(hostile), Literal(hostile, lang="zh-Hans"), Literal('a\\b\n"c"')):
        assert run_endpoint_query(text, store.query_url, bindings={"alias": value}).rows == []
    assert graph_counts(store) == before
    assert sparql_term(Literal('say "hi"\n')) == '"say \\"hi\\"\\n"'
    with pytest.raises(QueryError, match="not a valid IRI"):
        sparql_term(URIRef("https://e.org/a> } ; DROP ALL ; <x"))


def test_endpoint_bindings_match_local_bindings(
    store: OxigraphServer, nquads: Path, built: BuildResult
) -> None:
    push(store.store_url, read_uploads(nquads))
    text = (
        f"{SKOS_PREFIX}\n"
        "SELECT ?label (COUNT(?alt) AS ?n) "
        "WHERE { ?e skos:prefLabel ?label ; skos:altLabel ?alt } GROUP BY ?label"
    )
    label = Literal("宿迁市软件与服务外包产业园", lang="zh-Hans")
    local = run_query(text, built.graph, bindings={"label": label})
    remote = run_endpoint_query(text, store.query_url, bindings={"label": label})
    assert local.row_set() == remote.row_set() and len(remote.rows or []) == 1


# --- serve ------------------------------------------------------------------------------------------------


def test_server_refuses_a_public_address_unless_asked(capsys) -> None:  # type: ignore[no-untyped-def]
    require_oxigraph()
    with pytest.raises(ParkgraphError, match="--public"):
        OxigraphServer(host="0.0.0.0")
    assert main(["--project", str(ROOT), "serve", "--host", "0.0.0.0", "--port", "0"]) == 1
    assert "not a loopback address" in capsys.readouterr().err


def test_serving_again_from_a_store_folder_replaces_the_graphs(tmp_path: Path) -> None:
    require_oxigraph()
    old = tmp_path / "old.nq"
    old.write_text('<https://e.org/s> <https://e.org/p> "old" <https://e.org/g> .\n', encoding="utf-8")
    new = tmp_path / "new.nq"
    new.write_text('<https://e.org/s> <https://e.org/p> "new" <https://e.org/g> .\n', encoding="utf-8")
    location = tmp_path / "store"
    for data, expected in ((old, "old"), (new, "new")):
        server = OxigraphServer(port=0, location=location, read_only=True)
        try:
            server.load([DataFile(data)])
            server.start()
            rows = run_endpoint_query("SELECT ?o WHERE { ?s ?p ?o }", server.query_url).rows
            assert rows == [(Literal(expected),)]
        finally:
            server.stop()
    assert location.exists()  # a store folder the user chose is kept


def test_server_stops_and_frees_its_port() -> None:
    require_oxigraph()
    server = OxigraphServer(port=0)
    try:
        server.start()
        port, folder = server.port, server.location
        assert port_in_use("127.0.0.1", port)
    finally:
        server.stop()
    assert not port_in_use("127.0.0.1", port)
    assert not folder.exists()  # the temporary store is removed


def test_serve_command_prints_the_endpoints_and_stops_on_ctrl_c(built: BuildResult) -> None:
    require_oxigraph()
    port = free_port()
    nq = next(path for path in built.files if path.name == "parkgraph.nq")
    inferred = next(path for path in built.files if path.name == "parkgraph.inferred.ttl")
    command = [
        sys.executable,
        "-m",
        "parkgraph.cli",
        "--project",
        str(ROOT),
        "serve",
        "--port",
        str(port),
        "--file",
        str(nq),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        lines = []
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Press Ctrl-C" in line:
                break
        output = "".join(lines)
        base = f"http://127.0.0.1:{port}"
        for url in (f"{base}/query", f"{base}/"):
            assert url in output, output
        # read-only unless --writable (issue 21): no update or Graph Store endpoint is offered
        assert f"{base}/update" not in output and f"{base}/store" not in output and "(read-only;" in output
        total = run_endpoint_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", f"{base}/query")
        everything = len(built.graph) + len(load_ontology(ROOT / "ontology")) + void_triples(built)
        assert int(total.rows[0][0]) == everything  # type: ignore[index,arg-type]
        page = request("GET", f"{base}/", headers={"Accept": "text/html"})
        assert page.status == 200
        folder = Path(re.search(r"Store folder: (\S+)", output).group(1))  # type: ignore[union-attr]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert not port_in_use("127.0.0.1", port)
        assert not folder.exists()
        assert "Traceback" not in (process.stderr.read() if process.stderr else "")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
    assert inferred.exists()
