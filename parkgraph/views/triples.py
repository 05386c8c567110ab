"""A small read-only index of triples, made from canonical N-Triples or from an rdflib graph.

Why not rdflib: an article page is made from one article's graph (5,000 lines for the first article)
while the corpus build streams, and at 10k articles parsing each into an rdflib ``Graph`` would cost
more than rendering the page. parkgraph's N-Triples are canonical (:mod:`parkgraph.ntriples`: no blank
nodes, one triple a line, literals escaping only ``\\``, ``\\n``, ``"`` and ``\\r``), so one regular
expression reads them in one pass. The same index is made from an rdflib graph for ``parkgraph views``,
which reads the graph files, so an article page has one way of being made whatever the source.

An IRI is a ``str`` (without angle brackets), a literal a :class:`Lit`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef


@dataclass(frozen=True, slots=True)
class Lit:
    """A literal: its lexical form, its language tag ("" for none) and its datatype IRI ("" for none)."""

    value: str
    lang: str = ""
    datatype: str = ""


Term = str | Lit

_LINE = re.compile(
    r'^<([^>]*)> <([^>]*)> (?:<([^>]*)>|"([^"\\]*(?:\\.[^"\\]*)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?) \.$',
    re.M,
)
_ESCAPE = re.compile(r'\\(?:([\\"nrtbf\'])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))')
_SIMPLE = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "'": "'"}


def _unescape(match: re.Match[str]) -> str:
    simple, short, long = match.groups()
    if simple:
        return _SIMPLE[simple]
    return chr(int(short or long, 16))


class TripleIndex:
    """Subject → predicate → objects (in the order the triples came), and object IRI → predicate →
    subjects for the predicates in :data:`REVERSED` (the few an article page looks up backwards).

    ``skip`` predicates are left out: an article page needs neither ``rdfs:label`` (every node has the
    same ``skos:prefLabel``), the quotes' prefix and suffix, the body (the page shows ``schema:text``)
    nor the provenance of each span; leaving them out halves the work of reading an article."""

    def __init__(self, skip: frozenset[str] = frozenset()) -> None:
        self.out: dict[str, dict[str, list[Term]]] = {}
        self.into: dict[str, dict[str, list[str]]] = {}
        self.skip = skip

    def add(self, s: str, p: str, o: Term) -> None:
        if p in self.skip:
            return
        by_predicate = self.out.get(s)
        if by_predicate is None:
            by_predicate = self.out[s] = {}
        found = by_predicate.get(p)
        if found is None:
            by_predicate[p] = [o]
        else:
            found.append(o)
        if p in REVERSED and isinstance(o, str):
            self.into.setdefault(o, {}).setdefault(p, []).append(s)

    @classmethod
    def from_ntriples(cls, data: bytes | str, *, skip: frozenset[str] = frozenset()) -> TripleIndex:
        """The index of canonical N-Triples (lines it cannot read, such as blank nodes, are skipped:
        parkgraph writes none). One ``findall`` over the whole text and a loop without calls: this is
        most of the cost of an article page (5,000 lines for the first article)."""
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        index = cls(skip)
        out, into = index.out, index.into
        for s, p, iri, lexical, lang, datatype in _LINE.findall(text):
            if p in skip:
                continue
            o: Term
            if iri:  # parkgraph never writes the empty IRI <>, so "" is a literal
                o = iri
                if p in REVERSED:
                    into.setdefault(iri, {}).setdefault(p, []).append(s)
            else:
                if "\\" in lexical:
                    lexical = _ESCAPE.sub(_unescape, lexical)
                o = Lit(lexical, lang, datatype)
            by_predicate = out.get(s)
            if by_predicate is None:
                out[s] = {p: [o]}
                continue
            found = by_predicate.get(p)
            if found is None:
                by_predicate[p] = [o]
            else:
                found.append(o)
        return index

    @classmethod
    def from_triples(
        cls, triples: Iterable[tuple[object, object, object]], *, skip: frozenset[str] = frozenset()
    ) -> TripleIndex:
        """The index of rdflib triples (blank nodes are skipped: parkgraph mints none)."""
        index = cls(skip)
        for s, p, o in triples:
            if not isinstance(s, URIRef) or not isinstance(p, URIRef):
                continue
            if isinstance(o, URIRef):
                index.add(str(s), str(p), str(o))
            elif isinstance(o, Literal):
                datatype = str(o.datatype) if o.datatype is not None else ""
                index.add(str(s), str(p), Lit(str(o), o.language or "", datatype))
        return index

    @classmethod
    def from_graph(cls, graph: Graph, *, skip: frozenset[str] = frozenset()) -> TripleIndex:
        return cls.from_triples(graph, skip=skip)

    def objects(self, s: str, p: str) -> list[Term]:
        found = self.out.get(s)
        return found.get(p, []) if found is not None else []

    def iris(self, s: str, p: str) -> list[str]:
        """The IRI objects of ``s p``, sorted."""
        found = self.objects(s, p)
        if len(found) == 1:
            return [found[0]] if isinstance(found[0], str) else []
        return sorted(o for o in found if isinstance(o, str))

    def literals(self, s: str, p: str) -> list[Lit]:
        found = self.objects(s, p)
        if len(found) == 1:
            return [found[0]] if isinstance(found[0], Lit) else []
        return sorted((o for o in found if isinstance(o, Lit)), key=_lit_key)

    def value(self, s: str, p: str) -> Term | None:
        """One object of ``s p`` (the least, so that the answer does not depend on the order of lines)."""
        found = self.objects(s, p)
        if len(found) < 2:
            return found[0] if found else None
        return min(found, key=lambda o: (1, *_lit_key(o)) if isinstance(o, Lit) else (0, o, "", ""))

    def subjects(self, p: str, o: str) -> list[str]:
        found = self.into.get(o)
        if found is None:
            return []
        subjects = found.get(p, [])
        return sorted(subjects) if len(subjects) > 1 else list(subjects)

    def predicates(self, s: str) -> list[str]:
        found = self.out.get(s)
        return sorted(found) if found is not None else []

    def types(self, s: str) -> list[str]:
        return self.iris(s, RDF_TYPE)


def _lit_key(lit: Lit) -> tuple[str, str, str]:
    return (lit.value, lit.lang, lit.datatype)


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Predicates whose subjects are looked up by object (:meth:`TripleIndex.subjects`).
REVERSED = frozenset(
    {
        RDF_TYPE,
        "http://www.w3.org/ns/oa#hasSource",
        "https://w3id.org/parkgraph/ontology#evidence",
        "http://www.w3.org/ns/org#holds",
        "http://www.w3.org/ns/prov#used",
    }
)
