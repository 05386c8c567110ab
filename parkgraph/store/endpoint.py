"""Querying a remote SPARQL 1.1 endpoint (SPARQL 1.1 Protocol), with results as a :class:`QueryResult`.

The query is sent with ``POST`` (form-encoded, the one form every endpoint accepts) and an ``Accept``
header asking for SPARQL JSON results or N-Triples; XML, CSV/TSV results and Turtle/RDF-XML graphs are
read too, for endpoints that ignore the header.

Parameters are never spliced into the query as text. The SPARQL Protocol has no separate parameter
channel, so a binding is sent the way SPARQL itself provides for data: an inline ``VALUES`` block
placed first in the query's WHERE group, with each value written as an RDF term by
:func:`parkgraph.sparql_text.sparql_term` (IRIs checked, strings escaped), so no value can change the
query's structure. It joins with the rest of the group before any aggregation, as a pre-bound variable
would.

A query the endpoint rejects as malformed raises :class:`~parkgraph.errors.QueryError` with its line
and column: taken from the server's message where it gives them (Oxigraph ``error at 3:14``, Jena and
RDF4J ``line 3, column 14``), else found by parsing the query locally with rdflib.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError
from ..query_result import QueryResult, normalise
from ..sparql_text import _with_values
from .http import DEFAULT_TIMEOUT, Auth, StoreError, auth_from_env, request

ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.7, application/rdf+xml;q=0.5"
)
_RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_FORMATS = {
    "application/n-triples": "nt",
    "text/plain": "nt",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}
# Where servers say where a syntax error is: "error at 3:14" (Oxigraph), "line 3, column 14" (Jena,
# RDF4J/GraphDB, Virtuoso says "line 3").
_POSITIONS = (
    re.compile(r"\berror at (\d+):(\d+)"),
    re.compile(r"\bline (\d+), column (\d+)", re.IGNORECASE),
)


def _plain(term: Node | None) -> Node | None:
    """``"x"^^xsd:string`` as ``"x"`` (the same literal in RDF 1.1), as the other engines give it."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def _local_syntax_error(query: str) -> str | None:
    """rdflib's "line L, column C: ..." for ``query``, or None if rdflib parses it."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepareQuery(query)
    except ParseException as error:
        return f"line {error.lineno}, column {error.col}: {error.msg}"
    except Exception:  # rdflib's algebra stage may fail on valid but unusual queries: not a syntax error
        return None
    return None


def syntax_error(
    query: str, server_text: str, *, status: int | None, inserted: tuple[int, int, int] | None = None
) -> QueryError:
    """The error for a query the endpoint rejected, with line and column wherever they can be had
    (in the user's text: a position after an inserted VALUES block is moved back by its length)."""
    first_line = server_text.strip().splitlines()[0] if server_text.strip() else ""
    if len(first_line) > 300:
        first_line = first_line[:299] + "…"
    for pattern in _POSITIONS:
        found = pattern.search(server_text)
        if found:
            line, column = int(found.group(1)), int(found.group(2))
            if inserted and line == inserted[0] and column >= inserted[1] + inserted[2]:
                column -= inserted[2]
            return QueryError(
                f"SPARQL syntax error at line {line}, column {column} (endpoint said: {first_line})"
            )
    local = _local_syntax_error(query)
    if local:
        return QueryError(f"SPARQL syntax error at {local} (endpoint said: HTTP {status}: {first_line})")
    return QueryError(f"the endpoint rejected the query (HTTP {status}): {first_line}")


def query_endpoint(
    query: str,
    endpoint: str,
    *,
    bindings: Mapping[str, Node] | None = None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    auth: Auth | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> QueryResult:
    """Run ``query`` at the SPARQL query ``endpoint``; ``default_graphs``/``named_graphs`` are the
    protocol's ``default-graph-uri``/``named-graph-uri`` (the dataset), auth defaults to the
    environment's (:func:`~parkgraph.store.http.auth_from_env`)."""
    if bindings:
        local = _local_syntax_error(query)  # report positions in the user's text, not the bound one
        if local:
            raise QueryError(f"SPARQL syntax error at {local}")
    text, inserted = _with_values(query, bindings or {})
    form = [("query", text)]
    form += [("default-graph-uri", g) for g in default_graphs]
    form += [("named-graph-uri", g) for g in named_graphs]
    try:
        response = request(
            "POST",
            endpoint,
            body=urlencode(form).encode("utf-8"),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT},
            auth=auth if auth is not None else auth_from_env(),
            timeout=timeout,
        )
    except StoreError as error:
        if error.status == 400:
            raise syntax_error(query, error.body, status=error.status, inserted=inserted) from None
        raise
    kind = response.content_type
    if kind not in _GRAPH_FORMATS and kind not in _RESULT_FORMATS:
        raise QueryError(f"{endpoint} answered with {kind or 'no content type'}, not SPARQL results")
    try:
        if kind in _GRAPH_FORMATS:
            graph = Graph()
            graph.parse(data=response.body, format=_GRAPH_FORMATS[kind])
            return QueryResult(graph=graph)
        result = Result.parse(source=io.BytesIO(response.body), format=_RESULT_FORMATS[kind])
    except Exception as error:  # rdflib's parsers raise many unrelated types for a broken body
        raise _broken_answer(endpoint, response.body, error) from None
    if result.type == "ASK":
        return QueryResult(boolean=bool(result.askAnswer))
    variables = tuple(str(v) for v in result.vars or ())
    rows = [tuple(normalise(_plain(b.get(v))) for v in result.vars or ()) for b in result.bindings]
    return QueryResult(variables=variables, rows=rows)


def _broken_answer(endpoint: str, body: bytes, error: Exception) -> QueryError:
    """The error for an answer that is not the results it says it is: most often one cut short, as
    Oxigraph's is when a query passes its ``--timeout-s`` after the answer began (it then writes "The
    SPARQL operation has been cancelled" into the body of a 200 answer)."""
    tail = body[-200:].decode("utf-8", "replace")
    if "cancelled" in tail.lower() or "timeout" in tail.lower():
        return QueryError(
            f"{endpoint} stopped the query at its timeout, after it had begun answering: "
            f"{' '.join(tail.split()[-8:])}"
        )
    return QueryError(f"{endpoint} sent an answer that cannot be read ({type(error).__name__}: {error})")
