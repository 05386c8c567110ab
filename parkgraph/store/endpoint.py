"""Querying a remote SPARQL 1.1 endpoint (SPARQL 1.1 Protocol), with results as a :class:`QueryResult`.

The query is sent with ``POST`` (form-encoded, the one form every endpoint accepts) and an ``Accept``
header asking for SPARQL JSON results or N-Triples; XML, CSV/TSV results and Turtle/RDF-XML graphs are
read too, for endpoints that ignore the header.

Parameters are never spliced into the query as text. The SPARQL Protocol has no separate parameter
channel, so a binding is sent the way SPARQL itself provides for data: an inline ``VALUES`` block
placed first in the query's WHERE group, with each value written as an RDF term by
:func:`sparql_term` (IRIs checked, strings escaped), so no value can change the query's structure. It
joins with the rest of the group before any aggregation, as a pre-bound variable would.

A query the endpoint rejects as malformed raises :class:`~parkgraph.errors.QueryError` with its line
and column: taken from the server's message where it gives them (Oxigraph ``error at 3:14``, Jena and
RDF4J ``line 3, column 14``), else found by parsing the query locally with rdflib.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlencode

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from ..errors import QueryError
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
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
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


def sparql_term(term: Node) -> str:
    """``term`` as SPARQL text that can only ever be that one term."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: not a valid IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = (
            str(term)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            if not _LANGUAGE.match(term.language):
                raise QueryError(f"cannot bind a literal with language tag {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^{sparql_term(URIRef(term.datatype))}'
        return f'"{text}"'
    if isinstance(term, BNode):
        raise QueryError("cannot bind a blank node in a query sent to an endpoint; bind an IRI")
    raise QueryError(f"cannot bind {term!r}")


# Tokens of SPARQL that may hold braces or parentheses which are not syntax.
_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n]*
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
        |<[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<brace>[{}()])
      |(?P<word>[A-Za-z]+)""",
    re.VERBOSE | re.DOTALL,
)


def _where_group_start(query: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE group."""
    depth, parens, groups = 0, 0, 0
    form, previous = None, None
    for match in _TOKENS.finditer(query):
        word, brace = match.group("word"), match.group("brace")
        if word:
            upper = word.upper()
            if form is None and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = upper
            if depth == 0 and parens == 0:
                previous = upper
            continue
        if brace == "(":
            parens += 1
        elif brace == ")":
            parens -= 1
        elif brace == "{" and parens == 0:
            if depth == 0:
                groups += 1
                if form == "CONSTRUCT" and groups == 1:
                    if previous == "WHERE":
                        raise QueryError(
                            "cannot bind values in a CONSTRUCT WHERE { } query; write its template"
                        )
                else:
                    return match.end()
            depth += 1
        elif brace == "}" and parens == 0:
            depth -= 1
    raise QueryError("cannot bind values: the query has no WHERE group")


def with_values(query: str, bindings: Mapping[str, Node]) -> str:
    """``query`` with ``VALUES (?a ?b) { (term term) }`` first in its WHERE group, on the same line
    (so line numbers in an error message still match the file)."""
    return _with_values(query, bindings)[0]


def _with_values(query: str, bindings: Mapping[str, Node]) -> tuple[str, tuple[int, int, int] | None]:
    """The bound query and (line, column, length) of the inserted block, to map error positions back."""
    if not bindings:
        return query, None
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise QueryError(f"cannot bind {name!r}: not a variable name")
    row = " ".join(sparql_term(bindings[name]) for name in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    at = _where_group_start(query)
    line = query.count("\n", 0, at) + 1
    column = at - (query.rfind("\n", 0, at) + 1) + 1  # 1-based column of the block's first character
    return query[:at] + block + query[at:], (line, column, len(block))


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
):  # -> QueryResult (imported lazily: parkgraph.query imports this module)
    """Run ``query`` at the SPARQL query ``endpoint``; ``default_graphs``/``named_graphs`` are the
    protocol's ``default-graph-uri``/``named-graph-uri`` (the dataset), auth defaults to the
    environment's (:func:`~parkgraph.store.http.auth_from_env`)."""
    from ..query import QueryResult, _normalise

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
    if kind in _GRAPH_FORMATS:
        graph = Graph()
        graph.parse(data=response.body, format=_GRAPH_FORMATS[kind])
        return QueryResult(graph=graph)
    if kind not in _RESULT_FORMATS:
        raise QueryError(f"{endpoint} answered with {kind or 'no content type'}, not SPARQL results")
    result = Result.parse(source=io.BytesIO(response.body), format=_RESULT_FORMATS[kind])
    if result.type == "ASK":
        return QueryResult(boolean=bool(result.askAnswer))
    variables = tuple(str(v) for v in result.vars or ())
    rows = [tuple(_normalise(_plain(b.get(v))) for v in result.vars or ()) for b in result.bindings]
    return QueryResult(variables=variables, rows=rows)
