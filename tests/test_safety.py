"""Issue 21, "safe by default": regression tests of the output and binding defects (items 12 to 14).

The build's (5 to 7) are in test_safety_build.py, the server's and the remote store's (8 to 11) in
test_safety_server.py. Each test is named after the defect it pins down.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from rdflib import Graph, Literal, URIRef

from parkgraph.cli import main
from parkgraph.errors import BindingError
from parkgraph.query import format_csv, format_json, format_table, run_query, terminal_safe
from parkgraph.query_result import QueryResult

ROOT = Path(__file__).resolve().parents[1]
#: Article text a hostile page could carry: clear the screen, beep, retitle the terminal, reverse a line.
HOSTILE = "ok\x1b[2J\x1b]0;pwned\x07gone\x9b31m\u202etxt.exe\u2028next\x85line"


def _graph_file(tmp_path: Path, text: str) -> Path:
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal(text)))
    path = tmp_path / "g.nt"
    path.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return path


def _query_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    return path


# --- 13. terminal injection -------------------------------------------------------------------------


def test_regression_table_output_escapes_terminal_controls_and_bidi_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """13: ``query --format table`` printed ESC sequences, BEL and U+202E from an article raw."""
    data = _graph_file(tmp_path, HOSTILE)
    query = _query_file(tmp_path, "SELECT ?o WHERE { ?s ?p ?o }")
    base = ["--project", str(ROOT), "query", "--graph", str(data), "--no-ontology", str(query)]
    assert main([*base, "--format", "table"]) == 0
    table = capsys.readouterr().out
    unsafe = [ch for ch in table if (ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F]
    assert not unsafe and "\u202e" not in table and "\u2028" not in table
    assert "ok\\u001B[2J\\u001B]0;pwned\\u0007gone\\u009B31m\\u202Etxt.exe\\u2028next\\u0085line" in table
    # CSV and JSON are for programs: every character stays exactly as the article has it
    assert main([*base, "--format", "csv"]) == 0
    assert HOSTILE in capsys.readouterr().out
    assert main([*base, "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["results"]["bindings"][0]["o"]["value"] == HOSTILE


def test_regression_table_output_of_a_graph_escapes_controls_and_stays_turtle() -> None:
    """13: a CONSTRUCT shown as a table is Turtle; its escapes are Turtle's, so it is the same graph."""
    graph = Graph()
    graph.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal(HOSTILE)))
    shown = format_table(QueryResult(graph=graph))
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert set(Graph().parse(data=shown, format="turtle")) == set(graph)


def test_regression_csv_and_json_keep_control_characters_exact() -> None:
    result = QueryResult(variables=("o",), rows=[(Literal(HOSTILE),)])
    assert HOSTILE in format_csv(result)
    assert json.loads(format_json(result))["results"]["bindings"][0]["o"]["value"] == HOSTILE
    assert terminal_safe("中文 plain, tab-free text") == "中文 plain, tab-free text"


# --- 14. one error for a bad binding, whatever the engine ---------------------------------------


BAD_VALUES = [
    URIRef("not an iri"),  # a space: Oxigraph refused it, rdflib answered 0 rows
    URIRef("relative/path"),  # no scheme: a syntax error on Oxigraph, 0 rows on rdflib
    URIRef("https://example.org/\ud800"),  # a lone surrogate: UnicodeEncodeError on Oxigraph
    Literal("\udcff"),  # what a non-UTF-8 command line argument becomes (surrogateescape)
    Literal("x", datatype=URIRef("bad datatype")),
]


@pytest.mark.parametrize("value", BAD_VALUES, ids=lambda v: ascii(str(v)))
def test_regression_bad_binding_is_one_typed_error_on_every_engine(value: URIRef | Literal) -> None:
    """14: the same bad value gave an error on Oxigraph, 0 rows on rdflib, or an uncaught
    UnicodeEncodeError; now one :class:`BindingError` from both engines, and from the API."""
    graph = Graph().parse(data='<urn:a> <urn:p> "x" .', format="turtle")
    query = "SELECT ?s WHERE { ?s <urn:p> ?o }"
    messages = set()
    for engine in ("rdflib", "oxigraph"):
        with pytest.raises(BindingError) as caught:
            run_query(query, graph, engine=engine, bindings={"s": value})  # type: ignore[arg-type]
        messages.add(str(caught.value))
    assert len(messages) == 1 and messages.pop().startswith("cannot bind ?s to ")


def test_regression_bad_binding_from_the_api_is_the_same_error() -> None:
    import parkgraph

    kg = parkgraph.open(ROOT)
    for engine in ("oxigraph", "rdflib"):
        with pytest.raises(BindingError, match="not a valid IRI"):
            kg.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", bindings={"s": URIRef("a b")}, engine=engine)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_regression_bad_binding_from_the_cli_is_one_line_without_traceback(
    engine: str, tmp_path: Path
) -> None:
    """14, end to end: a lone surrogate (a command-line argument that is not UTF-8) and a bad IRI, from
    ``parkgraph query --bind``: exit 1, one line naming the variable, no traceback, on both engines."""
    query = _query_file(tmp_path, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    for binding in (b"s=\xff\xfe", b"s=<not an iri>"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "parkgraph.cli",
                "--project",
                str(ROOT),
                "query",
                "--engine",
                engine,
                "--bind",
                binding,
                str(query),
            ],
            capture_output=True,
            cwd=ROOT,
        )
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 1, err
        assert err.startswith("parkgraph: error: cannot bind ?s to ") and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


# --- 12. credentials never follow a redirect to another origin ------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    """Answers every request after recording its Authorization header; ``redirect`` sends a 302 there."""

    redirect: str | None = None
    seen: list[str | None]

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append(self.headers.get("Authorization"))
        if self.redirect:
            self.send_response(302)
            self.send_header("Location", self.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


def _serve(handler: type[_Recorder]) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture()
def redirecting() -> Iterator[tuple[str, type[_Recorder], type[_Recorder]]]:
    """An endpoint that answers 302 to another origin (another port), and that other origin."""
    target = type("Target", (_Recorder,), {"seen": [], "redirect": None})
    other, other_url = _serve(target)
    source = type("Source", (_Recorder,), {"seen": [], "redirect": f"{other_url}/sparql"})
    first, first_url = _serve(source)
    try:
        yield f"{first_url}/sparql", source, target
    finally:
        first.shutdown()
        other.shutdown()


def test_regression_bearer_token_never_follows_a_redirect_to_another_origin(
    redirecting: tuple[str, type[_Recorder], type[_Recorder]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """12: ``query --endpoint`` to a server answering 302 to another port sent ``Authorization: Bearer``
    there and printed "(0 rows)" with exit 0. Now: an error naming both URLs; the other origin gets
    nothing."""
    endpoint, source, target = redirecting
    monkeypatch.setenv("PARKGRAPH_TOKEN", "secret-token")
    query = _query_file(tmp_path, "SELECT ?s WHERE { ?s ?p ?o }")
    assert main(["--project", str(ROOT), "query", "--unscoped", "--endpoint", endpoint, str(query)]) == 1
    err = capsys.readouterr().err
    assert "redirect" in err and "another origin" in err
    assert source.seen == ["Bearer secret-token"]
    assert target.seen == [], "nothing at all went to the other origin"
    assert "secret-token" not in err


def test_regression_push_never_follows_a_redirect_to_another_origin(
    redirecting: tuple[str, type[_Recorder], type[_Recorder]],
) -> None:
    from parkgraph.store.http import Auth, StoreError
    from parkgraph.store.push import GraphUpload, push

    endpoint, source, target = redirecting
    upload = GraphUpload("https://example.org/g", b"<urn:a> <urn:p> <urn:o> .\n", 1)
    with pytest.raises(StoreError, match="another origin"):
        push(endpoint, [upload], auth=Auth("basic", "pw", user="me"))
    assert len(source.seen) == 1 and target.seen == []


class _SameOrigin(_Recorder):
    """``/query`` answers 302 to ``/moved`` on the same server, which answers."""

    seen: ClassVar[list[str | None]] = []

    def _answer(self) -> None:
        self.redirect = "/moved" if self.path.startswith("/query") else None
        super()._answer()

    do_GET = _answer


def test_regression_a_same_origin_redirect_of_a_read_is_followed_with_its_credentials() -> None:
    """12, the other side: a redirect within the same origin (a moved path) is followed for a GET,
    with the credentials, which stay on the origin they were meant for."""
    from parkgraph.store.http import Auth, request

    server, url = _serve(_SameOrigin)
    try:
        response = request("GET", f"{url}/query", auth=Auth("bearer", "tok"))
    finally:
        server.shutdown()
    assert response.status == 200 and _SameOrigin.seen == ["Bearer tok", "Bearer tok"]
