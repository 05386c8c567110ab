"""Issue 21, "safe by default": regression tests of the server's and the remote store's defects 8 to 11.

8. ``parkgraph serve`` was writable by default (``DROP ALL`` answered 204, a cross-origin form POST from a
   page wrote to the store), and with ``--built-store`` the changes persisted in the build's store;
9. no query timeout: a runaway query kept both cores busy after its client had gone;
10. ``--public`` bound 0.0.0.0 without a word, and the ``--built-store`` banner read "Serving  with";
11. ``push`` left the graphs of removed articles on the remote.

Every request goes to a server on 127.0.0.1 that the test starts, bounded in count and time.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from parkgraph.cli import main
from parkgraph.store.http import StoreError, request
from parkgraph.store.server import HARD_STOP, DataFile, OxigraphServer, find_oxigraph

from .conftest import require

ROOT = Path(__file__).resolve().parents[1]
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: 300 triples joined four ways: 8e9 rows to count, minutes of work.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    require(find_oxigraph() is not None, "the oxigraph server is not installed (pip install oxigraph)")
    path = tmp_path / "data.nq"
    lines = [f'<urn:s{i}> <urn:p> "{i}" <https://w3id.org/parkgraph/graph/a{i % 3}> .\n' for i in range(300)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def count(url: str, **headers: str) -> int:
    answer = request(
        "GET",
        f"{url}/query?query={urllib.parse.quote(COUNT)}",
        headers={"Accept": "text/csv", **headers},
    )
    return int(answer.text().split()[1])


def update(url: str, text: str, **headers: str) -> int:
    """POST a SPARQL UPDATE as an HTML form does; the HTTP status (the error's, if refused)."""
    try:
        return request(
            "POST",
            f"{url}/update",
            body=urllib.parse.urlencode({"update": text}).encode(),
            headers={**FORM, **headers},
        ).status
    except StoreError as error:
        assert error.status is not None, error
        return error.status


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.fixture()
def serve_cli(tmp_path: Path) -> Iterator[list[subprocess.Popen[str]]]:
    """``parkgraph serve`` processes started by a test, stopped (Ctrl-C) after it."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_serve(started: list[subprocess.Popen[str]], *args: str, project: Path = ROOT) -> tuple[str, str]:
    """Start ``parkgraph serve ARGS``; its banner and its base URL, once it listens."""
    process = subprocess.Popen(
        [sys.executable, "-m", "parkgraph.cli", "--project", str(project), "serve", "--port", "0", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    started.append(process)
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if "Press Ctrl-C" in line:
            break
    banner = "".join(lines)
    found = re.search(r"with Oxigraph at (http://\S+)", banner)
    assert found, banner + (process.stderr.read() if process.poll() is not None and process.stderr else "")
    return banner, found.group(1)


# --- 8. read-only by default, never the build's store, no cross-origin write ------------------------


def test_regression_serve_is_read_only_by_default(data: Path, serve_cli: list[subprocess.Popen[str]]) -> None:
    """8: ``DROP ALL`` and a Graph Store PUT answered 204 and 201 on a plain ``parkgraph serve``."""
    banner, url = start_serve(serve_cli, "--file", str(data))
    assert "(read-only;" in banner and "/update" not in banner
    before = count(url)
    assert update(url, "DROP ALL") == 403
    with pytest.raises(StoreError) as refused:
        request(
            "PUT",
            f"{url}/store?graph=urn:x",
            body=b"<urn:a> <urn:b> <urn:c> .",
            headers={"Content-Type": "application/n-triples"},
        )
    assert refused.value.status == 403
    assert count(url) == before == 300


def test_regression_writable_serve_refuses_a_cross_origin_write(data: Path) -> None:
    """8: a form POST from a page of another origin wrote to the store (CSRF). Measured: with
    ``--writable`` the same POST with a foreign ``Origin`` (or ``Sec-Fetch-Site: cross-site``, or a
    rebound ``Host``) is refused with 403 and changes nothing; without ``Origin`` (curl, push) or from
    the server's own page it goes through."""
    server = OxigraphServer(port=0, read_only=False)
    server.load([DataFile(data)])
    with server:
        url = server.base_url
        own = url
        assert update(url, "DROP ALL", Origin="https://evil.example") == 403
        assert update(url, "DROP ALL", Origin="null") == 403
        assert update(url, "DROP ALL", **{"Sec-Fetch-Site": "cross-site"}) == 403
        assert update(url, "DROP ALL", Host=f"evil.example:{server.port}") == 403  # DNS rebinding
        with pytest.raises(StoreError) as refused:
            request(
                "DELETE",
                f"{url}/store?graph=https://w3id.org/parkgraph/graph/a0",
                headers={"Origin": "https://evil.example"},
            )
        assert refused.value.status == 403
        assert count(url) == 300, "no refused request changed anything"
        assert update(url, "DROP GRAPH <https://w3id.org/parkgraph/graph/a0>", Origin=own) == 204
        assert count(url) == 200
        assert update(url, "DROP GRAPH <https://w3id.org/parkgraph/graph/a1>") == 204  # no Origin: curl
        assert count(url) == 100


def test_regression_serve_never_modifies_the_built_store(
    tmp_path: Path, serve_cli: list[subprocess.Popen[str]]
) -> None:
    """8: with ``--built-store`` the written changes persisted in the build's store, so ``query --store``
    answered from tampered data. Now ``--built-store`` is always read-only, and ``--writable`` with it
    is refused; the store's files are byte for byte as the build left them."""
    from parkgraph.build import Project, build

    from .conftest import copy_project

    require(find_oxigraph() is not None, "the oxigraph server is not installed (pip install oxigraph)")
    project = copy_project(tmp_path)
    build(project, jobs=1)
    store = project.out_dir / "oxigraph"
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in store.iterdir() if p.is_file()}
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "parkgraph.cli",
            "--project",
            str(project.root),
            "serve",
            "--built-store",
            "--writable",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 1 and "--built-store is served read-only" in refused.stderr
    assert "Traceback" not in refused.stderr
    banner, url = start_serve(serve_cli, "--built-store", project=project.root)
    assert f"Serving the build's store {store} with Oxigraph at {url} (read-only;" in banner  # 10: named
    total = count(url)
    assert update(url, "DROP ALL") == 403
    assert count(url) == total > 0
    serve_cli[0].send_signal(signal.SIGINT)
    serve_cli[0].wait(timeout=30)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in store.iterdir() if p.is_file()}
    data_files = {name for name in before if name.endswith(".sst")}
    assert {name: after.get(name) for name in data_files} == {name: before[name] for name in data_files}
    assert Project.at(project.root).out_dir == project.out_dir


# --- 9. query timeouts ----------------------------------------------------------------------------


def test_regression_serve_stops_a_runaway_query_at_its_timeout(data: Path) -> None:
    """9, measured: a query that would run for minutes is answered with 503 about ``timeout + HARD_STOP``
    seconds after it was sent (Oxigraph's own ``--timeout-s`` is checked only when the query next reads
    the store: here it let it run on), and afterwards the server process uses no CPU."""
    server = OxigraphServer(port=0, timeout=1)
    server.load([DataFile(data)])
    with server:
        sent = time.monotonic()
        with pytest.raises(StoreError) as stopped:
            request(
                "POST",
                f"{server.base_url}/query",
                body=urllib.parse.urlencode({"query": RUNAWAY}).encode(),
                headers=FORM,
                timeout=60,
            )
        took = time.monotonic() - sent
        assert stopped.value.status == 503 and "ran longer than the server's 1 s timeout" in str(
            stopped.value
        )
        assert took < 1 + HARD_STOP + 10, took
        assert count(server.base_url) == 300, "the server answers again at once"
        assert server.process is not None
        pid = server.process.pid
        before = cpu_seconds(pid)
        time.sleep(1.5)
        assert cpu_seconds(pid) - before < 0.3, "nothing runs on"


def test_regression_serve_stops_a_query_whose_client_went_away(data: Path) -> None:
    """9, measured: the client of a runaway query gives up after 0.5 s; within a few seconds the server
    uses no CPU (without a timeout that would stop it: ``timeout=0``)."""
    server = OxigraphServer(port=0, timeout=0)
    server.load([DataFile(data)])
    with server:
        with pytest.raises(StoreError, match="no answer"):
            request(
                "POST",
                f"{server.base_url}/query",
                body=urllib.parse.urlencode({"query": RUNAWAY}).encode(),
                headers=FORM,
                timeout=0.5,
            )
        deadline = time.monotonic() + 20
        while server.restarts == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.restarts == 1
        assert server.process is not None
        pid = server.process.pid
        before = cpu_seconds(pid)
        time.sleep(1.5)
        assert cpu_seconds(pid) - before < 0.3
        assert count(server.base_url) == 300


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_regression_query_command_stops_at_its_timeout(engine: str, data: Path, tmp_path: Path) -> None:
    """9: ``parkgraph query`` had no timeout; now it stops after ``--timeout`` seconds (default 60) with
    one line and exit status 1, on both engines (neither can be interrupted from Python: the process
    ends)."""
    triples = tmp_path / "data.nt"
    triples.write_text(re.sub(r" <https://[^>]+> \.$", " .", data.read_text(), flags=re.M), encoding="utf-8")
    query = tmp_path / "runaway.rq"
    query.write_text(RUNAWAY + "\n", encoding="utf-8")
    started = time.monotonic()
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
            "--graph",
            str(triples),
            "--no-ontology",
            "--timeout",
            "2",
            str(query),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert (
        done.stderr.startswith(f"parkgraph: error: {query}: stopped after 2 s")
        and "Traceback" not in done.stderr
    )
    assert time.monotonic() - started < 30


# --- 10. --public ------------------------------------------------------------------------------------


def test_regression_public_serve_warns_and_stays_read_only(
    data: Path, serve_cli: list[subprocess.Popen[str]]
) -> None:
    """10: ``--host 0.0.0.0 --public`` said nothing about being reachable from the network. Now a warning
    on standard error, and read-only unless ``--writable`` too. (Requests go to 127.0.0.1 only.)"""
    banner, url = start_serve(serve_cli, "--host", "0.0.0.0", "--public", "--file", str(data))
    process = serve_cli[0]
    assert "(read-only;" in banner
    local = url.replace("0.0.0.0", "127.0.0.1")
    assert update(local, "DROP ALL") == 403
    assert count(local) == 300
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert "warning: serving on 0.0.0.0:" in err and "reachable from the network" in err
    assert "read-only" in err


# --- 11. push makes the remote equal to the local dataset ------------------------------------------


def test_regression_push_removes_the_graphs_of_removed_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """11: after an article was removed and the corpus rebuilt, a push left its graph on the remote with
    exit 0. Now push removes every graph under the project's ``{base}graph/`` that the local dataset no
    longer has, naming each, and leaves other graphs alone."""
    require(find_oxigraph() is not None, "the oxigraph server is not installed (pip install oxigraph)")
    base = "https://w3id.org/parkgraph/graph/"
    full = tmp_path / "full.nq"
    full.write_text(
        "".join(
            f'<urn:s{i}> <urn:p> "{i}" <{base}{name}> .\n' for i, name in enumerate(["a", "b", "shared"])
        ),
        encoding="utf-8",
    )
    smaller = tmp_path / "smaller.nq"  # article b removed
    smaller.write_text(
        "".join(f'<urn:s{i}> <urn:p> "{i}" <{base}{name}> .\n' for i, name in enumerate(["a", "shared"])),
        encoding="utf-8",
    )
    server = OxigraphServer(port=0, read_only=False)
    with server:
        store = f"{server.base_url}/store"
        update(server.base_url, "INSERT DATA { GRAPH <urn:other> { <urn:x> <urn:y> <urn:z> } }")
        assert main(["--project", str(ROOT), "push", "--endpoint", store, "--file", str(full)]) == 0
        capsys.readouterr()
        assert main(["--project", str(ROOT), "push", "--endpoint", store, "--file", str(smaller)]) == 0
        out = capsys.readouterr().out
        assert f"DELETE <{base}b>: removed, no longer in {smaller}" in out and "removed 1 graph no" in out
        graphs = (
            request(
                "GET",
                f"{server.base_url}/query?query="
                + urllib.parse.quote("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"),
                headers={"Accept": "text/csv"},
            )
            .text()
            .split()[1:]
        )
    assert graphs == [f"{base}a", f"{base}shared", "urn:other"], "b is gone; a graph not ours stays"


def test_regression_an_answer_cut_short_by_the_servers_timeout_is_a_clear_error() -> None:
    """9: Oxigraph cancels a query at its ``--timeout-s`` even after its answer began, writing "The SPARQL
    operation has been cancelled" into the body of a 200 answer; the client said nothing clear. Now a
    QueryError saying the endpoint stopped the query at its timeout."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from parkgraph.errors import QueryError
    from parkgraph.query import run_endpoint_query

    class CutShort(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been cancelled'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), CutShort)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(QueryError, match="stopped the query at its timeout"):
            run_endpoint_query(COUNT, f"http://127.0.0.1:{server.server_address[1]}/query")
    finally:
        server.shutdown()


def test_regression_query_timeout_never_ends_a_python_caller(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """9, the other side: ``parkgraph.cli.main([...])`` called from Python (a notebook, these tests) arms no
    timer that could end the caller's process after the query is done."""
    import threading

    triples = tmp_path / "g.nt"
    triples.write_text('<urn:a> <urn:p> "x" .\n', encoding="utf-8")
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?o WHERE { ?s ?p ?o }\n", encoding="utf-8")
    args = ["--project", str(ROOT), "query", "--graph", str(triples), "--no-ontology", "--timeout", "0.5"]
    assert main([*args, str(query)]) == 0
    assert not [t for t in threading.enumerate() if isinstance(t, threading.Timer) and t.is_alive()]
    time.sleep(1)  # still here
    assert "x" in capsys.readouterr().out
