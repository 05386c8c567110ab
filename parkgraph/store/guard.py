"""A small proxy in front of the Oxigraph server: refuses writes a web page could forge, and stops
queries that run past their time or whose client has gone.

Why: ``oxigraph serve`` accepts a SPARQL UPDATE as an HTML form would send it
(``application/x-www-form-urlencoded``) and checks no ``Origin``, so any page open in a browser on the
same machine could post ``update=DROP ALL`` to ``http://127.0.0.1:7878/update`` (cross-site request
forgery: the browser sends it, the page only cannot read the answer). And Oxigraph's own query timeout
(``--timeout-s``) is checked only when the query next reads the store: a join computed in memory ran 14 s
past a 2 s timeout, and a query whose client had gone ran on as long. Oxigraph has no option for either,
so ``parkgraph serve`` puts this proxy on the address the user asked for and runs Oxigraph on another
loopback port behind it. The proxy forwards every request as it is, except:

* a request that could write (``PUT``, ``DELETE``, ``PATCH``, and a ``POST`` anywhere but ``/query``)
  whose ``Origin`` is not the server's own (``http://`` + its ``Host``), or ``null``, or whose
  ``Sec-Fetch-Site`` says another site sent it: refused with 403. Browsers send ``Origin`` with every
  cross-origin ``POST`` (and ``Sec-Fetch-Site`` with every request); programs (``curl``, ``parkgraph
  push``) send neither and go through. (A read-only server refuses every write anyway.)
* when the proxy listens on a loopback address, any request whose ``Host`` is not a loopback name:
  refused with 403, so that a page whose name is made to resolve to 127.0.0.1 (DNS rebinding) does not
  become "the server's own origin".

It also keeps the queries in flight (:class:`InFlight`): when one has run past its deadline, or its
client has closed the connection, :class:`parkgraph.store.server.OxigraphServer` restarts Oxigraph, the
only way to stop a query in it (the other queries in flight then fail with 502 and can be sent again).

An old browser that sends neither ``Origin`` nor ``Sec-Fetch-Site`` with a form is not stopped by this;
keep a writable server to the time you need it.
"""

from __future__ import annotations

import http.client
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .http import is_loopback

#: Headers that belong to one connection, not to the request: not forwarded.
_HOP_BY_HOP = frozenset(
    (
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    )
)
_READ_ONLY_METHODS = frozenset(("GET", "HEAD", "OPTIONS"))


def refusal(method: str, path: str, headers: dict[str, str], *, loopback: bool) -> str | None:
    """Why the guard refuses this request, or None to forward it (``headers`` with lower-case names).

    >>> refusal("POST", "/update", {"host": "127.0.0.1:7878", "origin": "https://evil.example"},
    ...         loopback=True)
    'a write from https://evil.example, another origin than http://127.0.0.1:7878'
    >>> refusal("POST", "/update", {"host": "127.0.0.1:7878"}, loopback=True) is None  # curl
    True
    >>> refusal("GET", "/query?query=ASK{}", {"host": "evil.example:7878"}, loopback=True)
    'Host evil.example:7878 is not a name of this loopback server'
    """
    host = headers.get("host", "")
    if loopback and host and not is_loopback(urlsplit(f"//{host}").hostname or ""):
        return f"Host {host} is not a name of this loopback server"  # a browser always sends one
    writes = method not in _READ_ONLY_METHODS and not (method == "POST" and path.split("?")[0] == "/query")
    if not writes:
        return None
    origin = headers.get("origin")
    own = f"http://{host}"
    if origin is not None and origin.rstrip("/").lower() != own.lower():
        return f"a write from {origin}, another origin than {own}"
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"a write sent by another site (Sec-Fetch-Site: {site})"
    return None


@dataclass
class InFlight:
    """A request being forwarded: when it started, whether it is a query (which the supervisor may stop),
    when its client went away (None while connected), and whether the supervisor stopped it."""

    started: float = field(default_factory=time.monotonic)
    query: bool = False
    abandoned: float | None = None
    stopped: bool = False


def is_query(method: str, path: str) -> bool:
    return method in ("GET", "POST") and path.split("?")[0] == "/query" and (method == "POST" or "?" in path)


def _client_gone(connection: socket.socket) -> bool:
    """Whether the client closed its side (readable, and nothing to read: EOF)."""
    try:
        return connection.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


#: How much of a query's answer the proxy holds back before it forwards the status: an answer that
#: ends within it is checked whole for Oxigraph's cancellation (see :func:`_cancelled`).
HELD_BACK = 1 << 16


def _held_back(answer: http.client.HTTPResponse) -> bytes:
    """The first :data:`HELD_BACK` bytes of ``answer`` (all of it, if shorter: ``answer`` is then closed)."""
    parts: list[bytes] = []
    size = 0
    while size < HELD_BACK and (chunk := answer.read1(HELD_BACK - size)):
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def _cancelled(body: bytes) -> bool:
    """Whether ``body`` is an answer Oxigraph cut at its ``--timeout-s``: it may have sent the status
    200 and the results' head before the timeout struck, then writes "The SPARQL operation has been
    cancelled" into the body. Held back whole, such an answer becomes the guard's 503; a longer one has
    been forwarded in part, and the client sees the broken body
    (:func:`parkgraph.store.endpoint._broken_answer` names it)."""
    return body.rstrip().endswith(b"has been cancelled")


class _Handler(BaseHTTPRequestHandler):
    """Forwards one request to the upstream server, unless :func:`refusal` refuses it."""

    server: _GuardServer
    protocol_version = "HTTP/1.0"  # one request a connection: the answer's end is the connection's

    def _forward(self) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        refused = refusal(self.command, self.path, headers, loopback=self.server.loopback)
        if refused:
            self._plain(403, "Forbidden", f"parkgraph serve refused this request: {refused}")
            return
        body = self._body()
        if not self.server.ready.wait(60):  # Oxigraph is being restarted
            self._plain(503, "Service Unavailable", "the Oxigraph server behind parkgraph serve is not up")
            return
        flight = InFlight(query=is_query(self.command, self.path))
        with self.server.lock:
            self.server.inflight[id(flight)] = flight
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=self.server.upstream_timeout)
        started = False
        try:
            upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for name, value in self.headers.items():
                if name.lower() not in _HOP_BY_HOP and name.lower() not in ("content-length", "expect"):
                    upstream.putheader(name, value)
            if body is not None:
                upstream.putheader("Content-Length", str(len(body)))
            upstream.endheaders(body)
            self._await(upstream, flight)
            answer = upstream.getresponse()
            held = _held_back(answer) if flight.query and answer.status == 200 else b""
            if answer.isclosed() and _cancelled(held):
                flight.stopped = True
                raise http.client.IncompleteRead(held)
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.end_headers()
            started = True
            self.wfile.write(held)
            while chunk := answer.read(1 << 16):
                self.wfile.write(chunk)
        except (OSError, http.client.HTTPException) as error:
            if not started and flight.abandoned is None:
                if flight.stopped:
                    limit = self.server.query_timeout
                    message = (
                        f"the query ran longer than the server's {limit:g} s timeout and was stopped "
                        "(parkgraph serve --timeout SECONDS allows longer)"
                    )
                    self._plain(503, "Query Timeout", message)
                elif not self.server.ready.is_set():
                    message = (
                        "the server was restarted to stop another query that ran too long; send it again"
                    )
                    self._plain(503, "Service Unavailable", message)
                else:
                    self._plain(
                        502, "Bad Gateway", f"the Oxigraph server behind parkgraph serve failed: {error}"
                    )
        finally:
            upstream.close()
            with self.server.lock:
                self.server.inflight.pop(id(flight), None)

    def _await(self, upstream: http.client.HTTPConnection, flight: InFlight) -> None:
        """Wait until the upstream server starts answering, noting if the client goes away meanwhile."""
        assert upstream.sock is not None
        while flight.abandoned is None:
            ready, _, _ = select.select([upstream.sock, self.connection], [], [], 0.25)
            if upstream.sock in ready:
                return
            if self.connection in ready and _client_gone(self.connection):
                flight.abandoned = time.monotonic()
        # the client is gone: wait for the answer anyway (or for the supervisor to stop the query)

    def _plain(self, status: int, reason: str, message: str) -> None:
        """An answer of the guard's own: ``status``, and ``message`` as plain text."""
        body = f"{message}\n".encode()
        self.send_response(status, reason)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes | None:
        """The request's body (``Content-Length`` or chunked), or None."""
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            parts = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline().strip():  # trailers
                pass
            return b"".join(parts)
        length = self.headers.get("Content-Length")
        return self.rfile.read(int(length)) if length else None

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _forward

    def log_message(self, format: str, *args: object) -> None:
        pass


class _GuardServer(ThreadingHTTPServer):
    daemon_threads = True
    upstream: tuple[str, int]
    upstream_timeout: float | None
    query_timeout: float
    loopback: bool
    inflight: dict[int, InFlight]
    lock: threading.Lock
    ready: threading.Event  # set while Oxigraph is up (cleared while the supervisor restarts it)


class OriginGuard:
    """The proxy, listening on ``host:port`` (0: a free port) and forwarding to ``upstream``."""

    def __init__(
        self,
        host: str,
        port: int,
        upstream: tuple[str, int],
        *,
        upstream_timeout: float | None = None,
        query_timeout: float = 0,
    ) -> None:
        import socket

        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        server_class = type("GuardServer", (_GuardServer,), {"address_family": family})
        self.server: _GuardServer = server_class((host.strip("[]"), port), _Handler)
        self.server.upstream = upstream
        self.server.upstream_timeout = upstream_timeout
        self.server.loopback = is_loopback(host)
        self.server.query_timeout = query_timeout
        self.server.inflight = {}
        self.server.lock = threading.Lock()
        self.server.ready = threading.Event()
        self.port = int(self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, name="parkgraph-guard", daemon=True)

    def overdue(self, deadline: float, grace: float) -> list[InFlight]:
        """The queries in flight that ran longer than ``deadline`` seconds, or whose client went away
        more than ``grace`` seconds ago, marked stopped."""
        now = time.monotonic()
        with self.server.lock:
            found = [
                flight
                for flight in self.server.inflight.values()
                if flight.query
                and not flight.stopped
                and (
                    (deadline and now - flight.started > deadline)
                    or (flight.abandoned is not None and now - flight.abandoned > grace)
                )
            ]
            for flight in found:
                flight.stopped = True
        return found

    def start(self) -> OriginGuard:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
