"""The result of a SPARQL query, whichever engine ran it: rdflib, Oxigraph, or a remote endpoint.

Why a module of its own: every engine's runner returns it (:mod:`parkgraph.query`,
:mod:`parkgraph.store.endpoint`), so it has to be importable by each without the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal
from rdflib.term import Node

__all__ = ["QueryResult", "normalise"]


@dataclass(frozen=True)
class QueryResult:
    """A SELECT's variables and rows, an ASK's boolean, or a CONSTRUCT/DESCRIBE's graph."""

    variables: tuple[str, ...] = ()
    rows: list[tuple[Node | None, ...]] | None = None
    boolean: bool | None = None
    graph: Graph | None = None

    def row_set(self) -> set[tuple[Node | None, ...]]:
        return set(self.rows or [])


def normalise(term: Node | None) -> Node | None:
    """Compare literals by value-space lexical form, so '1'^^xsd:integer from both engines match."""
    if isinstance(term, Literal) and term.datatype is not None and term.value is not None:
        return Literal(term.value, datatype=term.datatype) if not term.language else term
    return term
