"""Running an Oxigraph SPARQL server (the ``oxigraph`` executable of the PyPI package ``oxigraph``).

:class:`OxigraphServer` starts ``oxigraph serve-read-only`` (or, asked to be writable, ``oxigraph serve``
behind the :mod:`parkgraph.store.guard` proxy, which refuses writes a web page could forge) on a loopback
address (a free port unless told otherwise), with a query timeout, waits until it answers queries, and
always stops it (``with`` block or :meth:`stop`).
Data is loaded before the server starts, with ``oxigraph load`` (atomic per file): graphs already
in a persistent store folder are dropped first, so serving again replaces them instead of mixing
old and new triples.

Oxigraph's HTTP API: ``/query`` (SPARQL query), ``/update`` (SPARQL update), ``/store`` (Graph Store
HTTP Protocol: ``PUT /store?graph=IRI`` replaces a graph; a ``POST /store`` without ``?graph=`` or
``?default`` makes a new server-named graph), and ``/`` (a query page, YASGUI).
"""

from __future__ import annotations

import math
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..errors import ParkgraphError
from .http import StoreError, is_loopback, request

if TYPE_CHECKING:
    from .guard import OriginGuard

#: The named graph ``parkgraph serve --inferred`` loads graph/parkgraph.inferred.ttl into.
INFERRED_GRAPH = "https://w3id.org/parkgraph/inferred"
DEFAULT_PORT = 7878
#: Seconds a query may run on the server (0: no limit). Oxigraph cancels it at its next read of the
#: store after that (``--timeout-s``); :data:`HARD_STOP` seconds later the guard restarts Oxigraph.
QUERY_TIMEOUT = 60
#: Seconds past the timeout after which a query still running is stopped by restarting Oxigraph.
HARD_STOP = 5.0
#: Seconds after its client went away after which a query still running is stopped the same way.
ABANDONED_STOP = 1.0


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
        read_only: bool = True,
        union_default_graph: bool = True,
        allow_public: bool = False,
        executable: str | None = None,
        startup_timeout: float = 30.0,
        timeout: float = QUERY_TIMEOUT,
        guard: bool = True,
    ) -> None:
        """``read_only`` (the default) serves with ``oxigraph serve-read-only``, which refuses every write.
        ``guard`` (the default) puts the :mod:`parkgraph.store.guard` proxy on ``host:port`` and Oxigraph
        on another loopback port behind it: cross-origin writes are refused, and a query is stopped
        :data:`HARD_STOP` seconds past ``timeout`` (0: no limit), or :data:`ABANDONED_STOP` seconds after
        its client went away, by restarting Oxigraph."""
        if not is_loopback(host) and not allow_public:
            raise ParkgraphError(
                f"refusing to serve on {host}, which is not a loopback address: anyone who can reach it "
                "could read (and, with --writable, change) the store; pass --public to do it anyway"
            )
        if timeout < 0:
            raise ParkgraphError(f"a query timeout of {timeout:g} s: give seconds, or 0 for no limit")
        self.host = host
        self.port = port
        self.read_only = read_only
        self.timeout = timeout
        self.guarded = guard
        self._guard: OriginGuard | None = None
        self.upstream_port = 0
        self.restarts = 0  # how many times a query was stopped by restarting Oxigraph
        self._restarting = threading.Event()
        self._stopping = threading.Event()
        self._supervisor: threading.Thread | None = None
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
        if self.read_only and not (self.location / "CURRENT").exists():
            import pyoxigraph as ox  # serve-read-only opens a store, and refuses to create one

            self.location.mkdir(parents=True, exist_ok=True)
            ox.Store(str(self.location)).flush()
        if self.guarded:
            self._start_guard()
        try:
            self._start_oxigraph()
        except BaseException:
            self._stop_guard()
            raise
        if self._guard is not None:
            self._stopping.clear()
            self._supervisor = threading.Thread(
                target=self._supervise, name="parkgraph-supervisor", daemon=True
            )
            self._supervisor.start()
        return self

    def _supervise(self) -> None:
        """Stop the queries the guard finds overdue or abandoned, by restarting Oxigraph: Oxigraph checks
        its own timeout only when a query next reads the store, and never notices a client that left."""
        assert self._guard is not None
        deadline = self.timeout + HARD_STOP if self.timeout else 0
        while not self._stopping.wait(0.2):
            if self._guard.overdue(deadline, ABANDONED_STOP) and not self._stopping.is_set():
                self._restart()

    def _restart(self) -> None:
        assert self._guard is not None
        self._restarting.set()
        self._guard.server.ready.clear()
        try:
            self._terminate(grace=2)
            self.restarts += 1
            self._start_oxigraph(port=self.upstream_port)
        except StoreError:
            pass  # wait() reports it: the process is gone
        finally:
            self._restarting.clear()

    def wait(self) -> int:
        """Wait until Oxigraph exits by itself (not when the supervisor restarts it); its status."""
        while True:
            process = self.process
            if process is None:
                if not self._restarting.is_set():
                    return -1
                time.sleep(0.05)
                continue
            code = process.wait()
            time.sleep(0.05)
            if self._restarting.is_set() or self.process is not process:
                continue
            return code

    def _start_oxigraph(self, port: int = 0) -> None:
        """``oxigraph serve`` on ``host:port``, or behind the guard on a free loopback port (``port``, if
        given: the one it had before a restart)."""
        host, fixed = ("127.0.0.1", port) if self.guarded else (self.host, self.port)
        for _attempt in range(3 if fixed == 0 else 1):
            if fixed == 0:
                port = free_port(host)
            elif port_in_use(host, fixed):
                raise StoreError(f"port {fixed} on {host} is already in use; choose another with --port")
            else:
                port = fixed
            self._spawn(host, port)
            try:
                self._wait_ready()
                return
            except StoreError:
                log = self.log_text()
                self._terminate()
                if fixed == 0 and "in use" in log.lower():
                    continue  # another process took the free port first: try another
                raise
        raise StoreError(f"could not start oxigraph on {host}: no free port")

    def _start_guard(self) -> None:
        """The proxy on ``host:port`` (Oxigraph will listen behind it, on a free loopback port)."""
        from .guard import OriginGuard

        if self.port and port_in_use(self.host, self.port):
            raise StoreError(f"port {self.port} on {self.host} is already in use; choose another with --port")
        try:
            self._guard = OriginGuard(
                self.host,
                self.port,
                ("127.0.0.1", 0),
                upstream_timeout=None,  # the supervisor stops what runs too long
                query_timeout=self.timeout,
            ).start()
        except OSError as error:
            raise StoreError(f"cannot listen on {self.host}:{self.port}: {error.strerror or error}") from None
        self.port = self._guard.port

    def _stop_guard(self) -> None:
        guard, self._guard = self._guard, None
        if guard is not None:
            guard.stop()

    def _spawn(self, host: str, port: int) -> None:
        command = "serve-read-only" if self.read_only else "serve"
        if self._guard is not None:
            self.upstream_port = port
            self._guard.server.upstream = (host, port)
        else:
            self.port = port
        bind = f"[{host}]" if ":" in host else host
        args = [self.executable, command, "--location", str(self.location), "--bind", f"{bind}:{port}"]
        if self.union_default_graph:
            args.append("--union-default-graph")
        if self.timeout:
            args += ["--timeout-s", str(max(1, math.ceil(self.timeout)))]
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
        base = f"http://127.0.0.1:{self.upstream_port}" if self._guard is not None else self.base_url
        probe = f"{base}/query?query={quote('ASK {}')}"
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                status, log = self.process.returncode, self.log_text().strip()
                raise StoreError(f"oxigraph exited with status {status} at start-up: {log}")
            try:
                request("GET", probe, headers={"Accept": "application/sparql-results+json"}, timeout=2)
                if self._guard is not None:
                    self._guard.server.ready.set()
                return
            except StoreError:
                time.sleep(0.05)
        raise StoreError(f"oxigraph did not answer on {self.base_url} within {self.startup_timeout:g} s")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s) and its guard; remove a temporary store
        folder."""
        self._stopping.set()
        self._terminate()
        self._stop_guard()
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def _terminate(self, grace: float = 10) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=grace)
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
