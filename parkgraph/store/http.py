"""A small HTTP client for SPARQL stores (standard library only), with errors a user can act on.

Every failure becomes a :class:`StoreError` that names the URL and says what happened: the
connection was refused, the host is unknown, nothing came back within the timeout, or the server
answered with an HTTP error, in which case its own message is quoted.

Authentication is HTTP Basic or a Bearer token (:class:`Auth`). Secrets are read from the
environment (``PARKGRAPH_USER`` + ``PARKGRAPH_PASSWORD``, or ``PARKGRAPH_TOKEN``) or a prompt, never
from the command line, where other users of the machine could read them.

Loopback addresses never go through an HTTP proxy, whatever ``http_proxy`` says.

Redirects: credentials are never sent to another origin. A redirect to another scheme, host or port is
an error that names both URLs (urllib would follow it and send the ``Authorization`` header there; a
POST would even arrive as a GET without its query, and the answer looked like "0 rows"). A redirect
within the same origin is followed for GET and HEAD only: a redirected POST or PUT would lose its body.
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit

from ..errors import ParkgraphError

#: How long to wait for a store's answer, in seconds, unless told otherwise.
DEFAULT_TIMEOUT = 60.0
USER_AGENT = "parkgraph (SPARQL 1.1 Protocol / Graph Store HTTP Protocol client)"
_MESSAGE_LIMIT = 600


class StoreError(ParkgraphError):
    """A request to a SPARQL store failed. ``status`` is the HTTP status, if the server answered."""

    def __init__(self, message: str, *, status: int | None = None, body: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.body = body


@dataclass(frozen=True)
class Auth:
    """HTTP Basic (``user`` + ``secret``) or Bearer (``secret``) authentication."""

    kind: str  # "basic" or "bearer"
    secret: str = field(repr=False)
    user: str = ""

    def header(self) -> str:
        if self.kind == "bearer":
            return f"Bearer {self.secret}"
        token = base64.b64encode(f"{self.user}:{self.secret}".encode()).decode("ascii")
        return f"Basic {token}"


def auth_from_env(environ: Mapping[str, str] | None = None) -> Auth | None:
    """Bearer auth from ``PARKGRAPH_TOKEN``, else Basic from ``PARKGRAPH_USER``/``PARKGRAPH_PASSWORD``."""
    env = os.environ if environ is None else environ
    if env.get("PARKGRAPH_TOKEN"):
        return Auth("bearer", env["PARKGRAPH_TOKEN"])
    if env.get("PARKGRAPH_USER"):
        return Auth("basic", env.get("PARKGRAPH_PASSWORD", ""), user=env["PARKGRAPH_USER"])
    return None


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: bytes
    url: str

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def text(self) -> str:
        return self.body.decode(self.headers.get_content_charset() or "utf-8", errors="replace")


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(
            f"{url!r} is not an http(s) URL; give the store's full URL, e.g. http://127.0.0.1:7878/store"
        )
    return url


def server_message(body: bytes, limit: int = _MESSAGE_LIMIT) -> str:
    """The server's error text, on one line, without HTML tags, shortened to ``limit`` characters."""
    text = body.decode("utf-8", errors="replace")
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def origin(url: str) -> tuple[str, str, int | None]:
    """A URL's origin: scheme, host and port (the default port made explicit).

    >>> origin("http://127.0.0.1/query") == origin("HTTP://127.0.0.1:80/store")
    True
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(scheme)


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirect handling, refusing what would send the request (and its credentials) to another
    origin or drop its body."""

    def redirect_request(  # type: ignore[override]
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        method = req.get_method()
        where = f"{method} {req.full_url}: HTTP {code} redirects to {newurl}"
        if origin(newurl) != origin(req.full_url):
            raise StoreError(
                f"{where}, another origin: not followed, so that the request and its credentials never go "
                f"to an origin they were not meant for; if you trust it, give that URL instead",
                status=code,
            )
        if method not in ("GET", "HEAD"):
            raise StoreError(f"{where}: not followed (a redirected {method} loses its body); give that URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [_SameOriginRedirects()]
    if is_loopback(urlsplit(url).hostname or ""):
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def request(
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    auth: Auth | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Response:
    """Send one request; return the response if its status is 2xx, else raise :class:`StoreError`."""
    check_url(url)
    all_headers = {"User-Agent": USER_AGENT, **(headers or {})}
    if auth is not None:
        all_headers["Authorization"] = auth.header()
    req = urllib.request.Request(url, data=body, method=method, headers=all_headers)
    where = f"{method} {url}"
    try:
        with _opener(url).open(req, timeout=timeout) as answer:
            return Response(answer.status, answer.headers, answer.read(), url)
    except urllib.error.HTTPError as error:
        data = error.read() if error.fp is not None else b""
        message = server_message(data)
        hint = {
            401: " (check PARKGRAPH_USER/PARKGRAPH_PASSWORD or PARKGRAPH_TOKEN)",
            403: " (the credentials are not allowed to do this, or the store is read-only)",
            404: " (is the URL the store's Graph Store / SPARQL endpoint?)",
            405: " (this URL does not accept this method: is it the right endpoint?)",
            413: " (the store refused a request this large)",
            415: " (the store does not accept this format)",
        }.get(error.code, "")
        raise StoreError(
            f"{where}: HTTP {error.code} {error.reason}{hint}" + (f": {message}" if message else ""),
            status=error.code,
            body=data.decode("utf-8", errors="replace"),
        ) from None
    except urllib.error.URLError as error:
        raise StoreError(f"{where}: {_describe(error.reason, url, timeout)}") from None
    except TimeoutError as error:
        raise StoreError(f"{where}: {_describe(error, url, timeout)}") from None
    except (http.client.HTTPException, ConnectionError, OSError) as error:
        raise StoreError(f"{where}: {_describe(error, url, timeout)}") from None


def _describe(reason: object, url: str, timeout: float) -> str:
    host = urlsplit(url).netloc
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {host}: is the store running, and is the host and port right?"
    if isinstance(reason, (TimeoutError, socket.timeout)) or "timed out" in str(reason):
        return f"no answer from {host} within {timeout:g} s (is the store overloaded? --timeout waits longer)"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the host name in {url!r}: {reason.strerror or reason}"
    if isinstance(reason, (ConnectionResetError, http.client.RemoteDisconnected)):
        return f"{host} closed the connection without answering: {reason}"
    return f"cannot reach {host}: {reason}"
