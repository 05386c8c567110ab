"""Running SPARQL on the graph, on rdflib or Oxigraph, with optional RDFS / OWL-RL inference.

Parameters are passed as *bindings* (rdflib ``initBindings``, Oxigraph ``substitutions``), never
pasted into the query text, so a value taken from an article cannot change what a query means.
Results from both engines come back as the same :class:`QueryResult` of rdflib terms, so tests can
compare them as sets.

>>> from rdflib import Graph, Literal
>>> g = Graph().parse(data='<urn:a> <urn:p> "x"@zh-Hans .', format="turtle")
>>> q = 'SELECT ?s WHERE { ?s <urn:p> ?o }'
>>> run_query(q, g, engine="rdflib").rows == run_query(q, g, engine="oxigraph").rows
True
>>> run_query('SELECT ?s WHERE { ?s <urn:p> ?o }', g, bindings={"o": Literal("y")}).rows
[]
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal as Choice

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import QueryError
from .query_result import QueryResult
from .query_result import normalise as _normalise
from .sparql_text import check_bindings, with_values

Engine = Choice["rdflib", "oxigraph"]
Inference = Choice["none", "rdfs", "owlrl"]


def read_query(path: str | Path) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None


def with_inference(graph: Graph, inference: Inference) -> Graph:
    """A copy of ``graph`` closed under RDFS or OWL 2 RL semantics (owlrl); ``graph`` is untouched."""
    if inference == "none":
        return graph
    import owlrl  # imported lazily: it is only needed when inference is asked for

    closed = Graph()
    for prefix, namespace in graph.namespaces():
        closed.bind(prefix, namespace)
    closed += graph
    semantics = {"rdfs": owlrl.RDFS_Semantics, "owlrl": owlrl.OWLRL_Semantics}[inference]
    owlrl.DeductiveClosure(semantics, axiomatic_triples=False, datatype_axioms=False).expand(closed)
    # owlrl works in generalised RDF and derives triples with a literal subject (from rdfs:range
    # rdfs:Literal and the like); they are not RDF, and Oxigraph rightly refuses to load them.
    for triple in [t for t in closed if isinstance(t[0], Literal)]:
        closed.remove(triple)
    return closed


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r}")


def from_oxigraph(term: object) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"cannot convert {term!r}")


def oxigraph_store(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph store holding ``graph`` (loaded as N-Triples, Oxigraph's fastest path)."""
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def run_query(
    query: str,
    graph: Graph,
    *,
    engine: Engine = "rdflib",
    bindings: Mapping[str, Node] | None = None,
    store: ox.Store | None = None,
) -> QueryResult:
    """Run ``query`` on ``graph`` with the chosen engine. Raises QueryError with line and column, and
    :class:`~parkgraph.errors.BindingError` for a value no engine should take (the same for both)."""
    bindings = check_bindings(bindings or {})
    if engine == "rdflib":
        return _run_rdflib(query, graph, bindings)
    if engine == "oxigraph":
        return _run_oxigraph(query, store if store is not None else oxigraph_store(graph), bindings)
    raise QueryError(f"unknown engine {engine!r}; use rdflib or oxigraph")


def _run_rdflib(query: str, graph: Graph, bindings: Mapping[str, Node]) -> QueryResult:
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(query, initNs=dict(graph.namespaces()))
    except ParseException as error:
        raise QueryError(
            f"SPARQL syntax error at line {error.lineno}, column {error.col}: {error.msg}"
        ) from None
    result = graph.query(prepared, initBindings=bindings)
    if result.type == "ASK":
        return QueryResult(boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult(graph=result.graph)
    variables = tuple(str(v) for v in result.vars or ())
    rows = [tuple(_normalise(value) for value in row) for row in result]  # type: ignore[union-attr]
    return QueryResult(variables=variables, rows=rows)


def _run_oxigraph(query: str, store: ox.Store, bindings: Mapping[str, Node]) -> QueryResult:
    return run_on_store(query, store, bindings=bindings)


def run_on_store(
    query: str, store: ox.Store, *, bindings: Mapping[str, Node] | None = None, union: bool = False
) -> QueryResult:
    """Run ``query`` on an Oxigraph ``store`` (``union``: with the union of its graphs as the default
    graph, as the build's store and ``parkgraph.nq`` are meant to be queried).

    Bindings go in a ``VALUES`` block first in the WHERE group, each value written as an escaped RDF
    term (:func:`parkgraph.sparql_text.with_values`, as for an endpoint), so no value is ever pasted
    into the query as text. Not Oxigraph's substitutions (pre-bound variables): it refuses them for a
    variable the SELECT does not project, and where it takes them its planner does not start from them
    (on 1k articles, 32-evidence-integrity bound to one article took 1.98 s with a substitution, 20 ms
    with VALUES). Only a query VALUES cannot go into (``CONSTRUCT WHERE { … }``) gets substitutions.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("x")))
    >>> q = 'SELECT ?o WHERE { ?s <urn:p> ?o }'
    >>> run_on_store(q, store, bindings={"s": URIRef("urn:a")}).rows
    [(rdflib.term.Literal('x'),)]
    >>> run_on_store(q, store, bindings={"s": URIRef("urn:b")}).rows
    []
    """
    bindings = check_bindings(bindings or {})
    text, substitutions = query, None
    if bindings:
        try:
            text = with_values(query, bindings)
        except QueryError as error:
            if "CONSTRUCT WHERE" not in str(error):
                raise
            substitutions = {ox.Variable(name): to_oxigraph(value) for name, value in bindings.items()}
    try:
        result = store.query(text, substitutions=substitutions, use_default_graph_as_union=union)
    except SyntaxError as error:
        message = str(error)
        if text != query:  # say where the error is in the caller's text, not in the bound one
            try:
                ox.Store().query(query)
            except SyntaxError as original:
                message = str(original)
        raise QueryError(_oxigraph_syntax_error(message)) from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        graph = Graph()
        for triple in result:
            graph.add(
                (from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object))
            )  # type: ignore[arg-type]
        return QueryResult(graph=graph)
    variables = tuple(v.value for v in result.variables)
    rows = [tuple(_normalise(from_oxigraph(solution[v])) for v in result.variables) for solution in result]
    return QueryResult(variables=variables, rows=rows)


def _oxigraph_syntax_error(message: str) -> str:
    """Oxigraph's "error at 3:14: expected ..." as "SPARQL syntax error at line 3, column 14: ..."."""
    found = re.match(r"error at (\d+):(\d+): ?(.*)", message, re.DOTALL)
    if not found:
        return f"SPARQL syntax error: {message}"
    line, column, detail = found.groups()
    detail = " ".join(detail.split())
    if len(detail) > 300:
        detail = detail[:299] + "…"
    return f"SPARQL syntax error at line {line}, column {column}: {detail}"


def run_endpoint_query(
    query: str,
    endpoint: str,
    *,
    bindings: Mapping[str, Node] | None = None,
    default_graphs: Sequence[str] = (),
    timeout: float = 60.0,
    auth: object | None = None,
) -> QueryResult:
    """Run ``query`` at a remote SPARQL 1.1 query endpoint (SPARQL Protocol, HTTP POST).

    Same :class:`QueryResult` as :func:`run_query`. ``bindings`` are sent as an inline ``VALUES``
    block of escaped RDF terms (never pasted in as text); ``default_graphs`` are the protocol's
    ``default-graph-uri``; ``auth`` is a :class:`parkgraph.store.http.Auth`, by default taken from
    ``PARKGRAPH_USER``/``PARKGRAPH_PASSWORD`` or ``PARKGRAPH_TOKEN``. Raises QueryError with line and
    column for a malformed query, and :class:`parkgraph.store.http.StoreError` (a ParkgraphError) for
    a refused connection, an HTTP error or a timeout.
    """
    from .store.endpoint import query_endpoint

    return query_endpoint(
        query,
        endpoint,
        bindings=bindings,
        default_graphs=default_graphs,
        auth=auth,  # type: ignore[arg-type]
        timeout=timeout,
    )


# --- output formats -----------------------------------------------------------------------------------


def _text(term: Node | None) -> str:
    return "" if term is None else str(term)


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: What a terminal would act on instead of showing: C0 controls but tab and newline, DEL, C1 controls
#: (ESC, BEL, CSI … start escape sequences; U+0085 ends a line), the line and paragraph separators, and
#: the bidirectional formatting characters (U+202E turns the rest of a line around: "exe.txt" shown
#: as "txt.exe").
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    r"""``text`` with every character a terminal would act on written as a ``\uXXXX`` escape (the
    escape SPARQL and Turtle strings use), so that article text printed in a table cannot move the
    cursor, recolour, retitle or beep the terminal, nor reverse what follows it.

    >>> terminal_safe("ok\x1b[2Jgone\x07\u202etxt.exe")
    'ok\\u001B[2Jgone\\u0007\\u202Etxt.exe'
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def _display(term: Node | None) -> str:
    """A cell of the table: IRIs shortened to CURIEs where one of our prefixes covers them; line breaks
    as spaces and control characters escaped (:func:`terminal_safe`)."""
    if isinstance(term, URIRef):
        from .namespaces import PREFIXES

        for prefix, namespace in PREFIXES.items():
            local = str(term)[len(namespace) :]
            if str(term).startswith(namespace) and local.replace("-", "").replace("_", "").isalnum():
                return f"{prefix}:{local}"
    return terminal_safe(_text(term).replace("\r\n", " ").replace("\n", " ").replace("\t", " "))


def format_table(result: QueryResult) -> str:
    """A readable text table (CJK-aware widths, IRIs as CURIEs, control characters escaped: it is for a
    terminal); CSV and JSON keep full IRIs and every character as it is.

    A graph (CONSTRUCT, DESCRIBE) is shown as Turtle, with control characters escaped too: the escapes
    are Turtle's own string escapes, so the text is still the same graph."""
    if result.boolean is not None:
        return "true" if result.boolean else "false"
    if result.graph is not None:
        turtle = result.graph.serialize(format="turtle")
        return "\n".join(terminal_safe(line) for line in turtle.split("\n"))
    header = list(result.variables)
    body = [[_display(value) for value in row] for row in result.rows or []]
    widths = [max([_width(h)] + [_width(row[i]) for row in body]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        padded = (cell + " " * (w - _width(cell)) for cell, w in zip(cells, widths, strict=True))
        return " | ".join(padded).rstrip()

    out = [line(header), "-+-".join("-" * w for w in widths)] + [line(row) for row in body]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out)


def format_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if result.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        for row in result.rows or []:
            writer.writerow([_text(value) for value in row])
    return buffer.getvalue()


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    value: dict[str, str] = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype:
        value["datatype"] = str(term.datatype)
    return value


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.boolean is not None:
        data: dict[str, object] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {
                var: _json_term(value)
                for var, value in zip(result.variables, row, strict=True)
                if value is not None
            }
            for row in result.rows or []
        ]
        data = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}
