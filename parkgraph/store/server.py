"""Running an Oxigraph SPARQL server (the ``oxigraph`` executable of the PyPI package ``oxigraph``).

:class:`OxigraphServer` starts ``oxigraph serve`` on a loopback address (a free port unless told
otherwise), waits until it answers queries, and always stops it (``with`` block or :meth:`stop`).
Data is loaded before the server starts, with ``oxigraph load`` (atomic per file): graphs already
in a persistent store folder are dropped first, so serving again replaces them instead of mixing
old and new triples.

Oxigraph's HTTP API: ``/query`` (SPARQL query), ``/update`` (SPARQL update), ``/store`` (Graph Store
HTTP Protocol: ``PUT /store?graph=IRI`` replaces a graph; a ``POST /store`` without ``?graph=`` or
``?default`` makes a new server-named graph), and ``/`` (a query page, YASGUI).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..errors import ParkgraphError
from .http import StoreError, is_loopback, request

#: The named graph ``parkgraph serve --inferred`` loads graph/parkgraph.inferred.ttl into.
INFERRED_GRAPH = "https://w3id.org/parkgraph/inferred"
DEFAULT_PORT = 7878


def find_oxigraph() -> str | None:
    """The ``oxigraph`` executable: on PATH, or next to this Python (a venv that is not activated)."""
    found = shutil.which("oxigraph")
    if found:
        return found
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        candidate = Path(folder) / ("oxigraph.exe" if sys.platform == "win32" else "oxigraph")
        if candidate.exists():
            return str(candidate)
    return None


def require_oxigraph() -> str:
    executable = find_oxigraph()
    if executable is None:
        raise ParkgraphError("the oxigraph server is not installed: pip install oxigraph (PyPI package)")
    return executable


def free_port(host: str = "127.0.0.1") -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_in_use(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


@dataclass(frozen=True)
class DataFile:
    """A file to load: a dataset (TriG, N-Quads) or a graph file loaded into ``graph`` (None: default)."""

    path: Path
    graph: str | None = None


def graph_names(files: Sequence[DataFile]) -> list[str]:
    """Every named graph the files will fill (to drop before loading them again)."""
    import pyoxigraph as ox

    names: set[str] = set()
    for item in files:
        if item.graph:
            names.add(item.graph)
        elif item.path.suffix in (".nq", ".trig"):
            fmt = ox.RdfFormat.N_QUADS if item.path.suffix == ".nq" else ox.RdfFormat.TRIG
            names.update(
                q.graph_name.value
                for q in ox.parse(path=str(item.path), format=fmt)
                if isinstance(q.graph_name, ox.NamedNode)
            )
    return sorted(names)


class OxigraphServer:
    """An ``oxigraph serve`` process on ``host:port`` over the store folder ``location``."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        location: Path | None = None,
        read_only: bool = False,
        union_default_graph: bool = True,
        allow_public: bool = False,
        executable: str | None = None,
        startup_timeout: float = 30.0,
    ) -> None:
        if not is_loopback(host) and not allow_public:
            raise ParkgraphError(
                f"refusing to serve on {host}, which is not a loopback address: anyone who can reach it "
                "could read (and, unless --read-only, change) the store; pass --public to do it anyway"
            )
        self.host = host
        self.port = port
        self.read_only = read_only
        self.union_default_graph = union_default_graph
        self.executable = executable or require_oxigraph()
        self.startup_timeout = startup_timeout
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        if location is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="parkgraph-oxigraph-")
            location = Path(self._temporary.name)
        self.location = Path(location)
        self.process: subprocess.Popen[bytes] | None = None
        self._log: tempfile._TemporaryFileWrapper[bytes] | None = None

    # --- URLs ------------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"

    @property
    def page_url(self) -> str:
        return f"{self.base_url}/"

    @property
    def temporary(self) -> bool:
        return self._temporary is not None

    # --- loading (before start) -----------------------------------------------------------------
    def _run(self, *args: str) -> None:
        done = subprocess.run([self.executable, *args], capture_output=True, text=True)
        if done.returncode != 0:
            raise StoreError(f"oxigraph {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def load(self, files: Sequence[DataFile]) -> None:
        """Replace the graphs of ``files`` in the store folder (the server must not be running)."""
        if self.process is not None:
            raise ParkgraphError("load data before starting the server")
        self.location.mkdir(parents=True, exist_ok=True)
        names = graph_names(files)
        if names and any(self.location.iterdir()):
            update = " ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in names)
            self._run("update", "--location", str(self.location), "--update", update)
        for item in files:
            if not item.path.exists():
                raise ParkgraphError(f"{item.path}: no such file; run `parkgraph build` first")
            args = ["load", "--location", str(self.location), "--file", str(item.path)]
            if item.graph:
                args += ["--graph", item.graph]
            self._run(*args)

    # --- running ---------------------------------------------------------------------------------
    def start(self) -> OxigraphServer:
        chosen = self.port == 0
        for _attempt in range(3 if chosen else 1):
            if chosen:
                self.port = free_port(self.host)
            elif port_in_use(self.host, self.port):
                raise StoreError(
                    f"port {self.port} on {self.host} is already in use; choose another with --port"
                )
            self._spawn()
            try:
                self._wait_ready()
                return self
            except StoreError:
                log = self.log_text()
                self._terminate()
                if chosen and "in use" in log.lower():
                    continue  # another process took the free port first: try another
                raise
        raise StoreError(f"could not start oxigraph on {self.host}: no free port")

    def _spawn(self) -> None:
        command = "serve-read-only" if self.read_only else "serve"
        host = f"[{self.host}]" if ":" in self.host else self.host
        args = [self.executable, command, "--location", str(self.location), "--bind", f"{host}:{self.port}"]
        if self.union_default_graph:
            args.append("--union-default-graph")
        self._log = tempfile.TemporaryFile(prefix="parkgraph-oxigraph-log-")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            args, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )

    def log_text(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", errors="replace")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        probe = f"{self.query_url}?query={quote('ASK {}')}"
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                status, log = self.process.returncode, self.log_text().strip()
                raise StoreError(f"oxigraph exited with status {status} at start-up: {log}")
            try:
                request("GET", probe, headers={"Accept": "application/sparql-results+json"}, timeout=2)
                return
            except StoreError:
                time.sleep(0.05)
        raise StoreError(f"oxigraph did not answer on {self.base_url} within {self.startup_timeout:g} s")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s); remove a temporary store folder."""
        self._terminate()
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def _terminate(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> OxigraphServer:
        if self.process is None:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
