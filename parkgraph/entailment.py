"""Streaming entailment, one article at a time: the part of OWL 2 RL the competency questions need.

Why not owlrl: its closure of one article (≈5,000 triples) with the ontology takes seconds and grows
linearly with the graph (75 s for 40 articles), so it cannot close a 10,000-article corpus. But every
rule this ontology actually uses has a *single data premise* (the other premises are ontology axioms):

* ``cax-sco`` / ``cax-eqc``: ``x a C``, ``C ⊑ D`` (``rdfs:subClassOf``, ``owl:equivalentClass``) → ``x a D``;
* ``prp-spo1`` / ``prp-eqp``: ``x p y``, ``p ⊑ q`` (``rdfs:subPropertyOf``, ``owl:equivalentProperty``)
  → ``x q y``;
* ``prp-inv``: ``x p y``, ``p owl:inverseOf q`` (either way round) → ``y q x``;
* ``prp-symp``: ``x p y``, ``p a owl:SymmetricProperty`` → ``y p x``;
* ``prp-dom`` / ``prp-rng``: ``x p y``, ``p rdfs:domain C`` / ``rdfs:range C`` → ``x a C`` / ``y a C``;

and the consequences of one triple never need another data triple. So the closure of a union of articles
is the union of the articles' closures, and each article can be closed on its own, as it is built, in
milliseconds (:meth:`Entailer.entail_ntriples` works on canonical N-Triples lines without parsing them
into rdflib terms). The rules are compiled once from the ontology (:meth:`Entailer.from_ontology`): each
property maps to the properties (and directions) its triples entail and to the classes they type their
subject and object with, already closed under the class hierarchy, so closing a triple is one lookup.

Rules with two data premises cannot be done per article and are not done here: ``owl:TransitiveProperty``
(``prp-trp``), ``owl:sameAs``, functional and inverse-functional properties, ``owl:hasKey``, property
chains and class expressions (``owl:intersectionOf``, ``owl:someValuesFrom``, ...). The ontology uses
none of them today; :attr:`Entailer.unsupported` lists any it declares, so a caller can refuse or warn.

What is left out on purpose, as :func:`parkgraph.formats.is_useful_entailment` does for owlrl's output:
types every resource has (``owl:Thing``, ``rdfs:Resource``, ``rdfs:Literal``, XSD datatypes), and
"triples" with a literal subject (the inverse of a datatype property, the range type of a literal),
which are not RDF. Rules are read from the ontology only: classes or properties an article declares
itself are not taken into account. A triple the ontology itself asserts (a concept it declares, used by
an article) is not returned as new: a store that holds the ontology has it already. The ontology's own
closure (subclass chains, domains and ranges generalised) is :attr:`Entailer.schema`, computed once.

On the first article, :meth:`Entailer.entail` gives exactly the 1,090 triples about the article's
resources that owlrl's OWL 2 RL closure keeps (tests/test_entailment.py), in about 3 ms through
:meth:`Entailer.entail_ntriples` where owlrl takes over 3 s.

>>> from rdflib import Graph, URIRef
>>> from rdflib.namespace import RDF
>>> ontology = Graph().parse(format="turtle", data='''
...     @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
...     @prefix owl: <http://www.w3.org/2002/07/owl#> .
...     <urn:Park> rdfs:subClassOf <urn:Place> .
...     <urn:in> owl:inverseOf <urn:contains> ; rdfs:range <urn:Place> .''')
>>> entailer = Entailer.from_ontology(ontology)
>>> park, city = URIRef("urn:park"), URIRef("urn:city")
>>> sorted(entailer.entail([(park, RDF.type, URIRef("urn:Park")), (park, URIRef("urn:in"), city)]))
... # doctest: +NORMALIZE_WHITESPACE
[(rdflib.term.URIRef('urn:city'), rdflib.term.URIRef('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'),
  rdflib.term.URIRef('urn:Place')),
 (rdflib.term.URIRef('urn:city'), rdflib.term.URIRef('urn:contains'), rdflib.term.URIRef('urn:park')),
 (rdflib.term.URIRef('urn:park'), rdflib.term.URIRef('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'),
  rdflib.term.URIRef('urn:Place'))]
>>> print(entailer.entail_ntriples(b'<urn:park> <urn:in> <urn:city> .\\n').decode(), end="")
<urn:city> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:Place> .
<urn:city> <urn:contains> <urn:park> .
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

__all__ = ["TRIVIAL_CLASSES", "Entailer", "PropertyRule", "Triple"]

Triple = tuple[Node, Node, Node]

#: Classes every resource or literal belongs to: true, but they answer no question (and owlrl's useful
#: entailments leave them out too).
TRIVIAL_CLASSES = frozenset({OWL.Thing, RDFS.Resource, RDFS.Literal, RDFS.Datatype, RDF.langString})

#: OWL constructs whose rules need two or more data triples (or class expressions): not implemented,
#: because they cannot be applied to one article at a time. Values: how :attr:`Entailer.unsupported`
#: names them.
_UNSUPPORTED_TYPES = {
    OWL.TransitiveProperty: "owl:TransitiveProperty",
    OWL.FunctionalProperty: "owl:FunctionalProperty",
    OWL.InverseFunctionalProperty: "owl:InverseFunctionalProperty",
}
_UNSUPPORTED_PREDICATES = {
    OWL.propertyChainAxiom: "owl:propertyChainAxiom",
    OWL.hasKey: "owl:hasKey",
    OWL.sameAs: "owl:sameAs",
    OWL.intersectionOf: "owl:intersectionOf",
    OWL.unionOf: "owl:unionOf",
    OWL.someValuesFrom: "owl:someValuesFrom",
    OWL.allValuesFrom: "owl:allValuesFrom",
    OWL.hasValue: "owl:hasValue",
    OWL.maxCardinality: "owl:maxCardinality",
    OWL.maxQualifiedCardinality: "owl:maxQualifiedCardinality",
}

_TYPE_NT = b"<" + str(RDF.type).encode() + b">"
_TYPED = b" " + _TYPE_NT + b" %s ."


def _nt(iri: URIRef) -> bytes:
    return b"<" + str(iri).encode("utf-8") + b">"


def _closure(edges: Mapping[URIRef, set[URIRef]], start: URIRef) -> set[URIRef]:
    """Everything reachable from ``start`` along ``edges`` (``start`` included): cycles are fine."""
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _useful_class(cls: URIRef) -> bool:
    return cls not in TRIVIAL_CLASSES and not str(cls).startswith(str(XSD))


@dataclass(frozen=True)
class PropertyRule:
    """What one triple ``s p o`` with this predicate entails (all of it already closed)."""

    forward: tuple[URIRef, ...]  # s q o  (q ≠ p)
    backward: tuple[URIRef, ...]  # o q s  (inverses, symmetric)
    subject_types: tuple[URIRef, ...]  # s a C
    object_types: tuple[URIRef, ...]  # o a C (only when o is not a literal)


@dataclass(frozen=True)
class Entailer:
    """The ontology's single-premise OWL 2 RL rules, compiled; see the module docstring.

    Build one with :meth:`from_ontology`; then :meth:`entail` (rdflib terms) or :meth:`entail_ntriples`
    (canonical N-Triples, what the corpus build calls per article) give the new triples only.
    """

    #: class → its superclasses (transitive, equivalences both ways; neither itself nor trivial ones).
    superclasses: Mapping[URIRef, frozenset[URIRef]]
    #: property → what its triples entail.
    rules: Mapping[URIRef, PropertyRule]
    #: Axioms of the ontology whose rules are not applied (e.g. ``owl:TransitiveProperty <p>``).
    unsupported: tuple[str, ...] = ()
    #: The ontology's own entailments (class and property hierarchies closed, domains and ranges
    #: generalised: OWL 2 RL's scm-* rules), computed once: they belong with the ontology, not to an
    #: article.
    schema: frozenset[Triple] = frozenset()
    #: Triples the ontology itself asserts that a rule could also derive from an article (an article
    #: that uses a concept the ontology declares): not new in a store that holds the ontology.
    known: frozenset[Triple] = frozenset()
    _type_lines: Mapping[bytes, tuple[bytes, ...]] = field(default_factory=dict, repr=False)
    _rule_lines: Mapping[bytes, tuple[tuple[bytes, ...], ...]] = field(default_factory=dict, repr=False)
    _derivable: frozenset[bytes] = frozenset()
    _known_lines: frozenset[bytes] = frozenset()

    @classmethod
    def from_ontology(cls, ontology: Graph, *, domains_and_ranges: bool = True) -> Entailer:
        """Compile the rules of ``ontology`` (class and property axioms between IRIs).

        ``domains_and_ranges=False`` leaves out prp-dom / prp-rng typing. owlrl applies them, so they are
        on by default; on the first article they derive nothing that the asserted types do not already
        give (every subject and object is typed), so switching them off changes nothing there either.
        """
        sub_class: dict[URIRef, set[URIRef]] = {}
        for a, b in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                sub_class.setdefault(a, set()).add(b)
        for a, b in ontology.subject_objects(OWL.equivalentClass):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                sub_class.setdefault(a, set()).add(b)
                sub_class.setdefault(b, set()).add(a)
        superclasses = {
            c: frozenset(x for x in _closure(sub_class, c) if x != c and _useful_class(x)) for c in sub_class
        }
        superclasses = {c: s for c, s in superclasses.items() if s}

        # A "view" of a triple s p o is (q, flipped): it entails s q o, or o q s when flipped.
        views: dict[tuple[URIRef, bool], set[tuple[URIRef, bool]]] = {}

        def link(a: URIRef, b: URIRef, flip: bool) -> None:
            for direction in (False, True):
                views.setdefault((a, direction), set()).add((b, direction != flip))

        properties: set[URIRef] = set()
        sub_property: dict[URIRef, set[URIRef]] = {}
        for a, b in ontology.subject_objects(RDFS.subPropertyOf):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                link(a, b, False)
                sub_property.setdefault(a, set()).add(b)
                properties.add(a)
        for a, b in ontology.subject_objects(OWL.equivalentProperty):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                link(a, b, False)
                link(b, a, False)
                sub_property.setdefault(a, set()).add(b)
                sub_property.setdefault(b, set()).add(a)
                properties |= {a, b}
        for a, b in ontology.subject_objects(OWL.inverseOf):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                link(a, b, True)
                link(b, a, True)
                properties |= {a, b}
        for p in ontology.subjects(RDF.type, OWL.SymmetricProperty):
            if isinstance(p, URIRef):
                link(p, p, True)
                properties.add(p)
        domains: dict[URIRef, set[URIRef]] = {}
        ranges: dict[URIRef, set[URIRef]] = {}
        for axiom, table in ((RDFS.domain, domains), (RDFS.range, ranges)):
            for p, c in ontology.subject_objects(axiom):
                if isinstance(p, URIRef) and isinstance(c, URIRef) and p != RDF.type:
                    table.setdefault(p, set()).add(c)
                    if domains_and_ranges:
                        properties.add(p)
        typing = (domains, ranges) if domains_and_ranges else ({}, {})

        def typed(classes: Iterable[URIRef]) -> set[URIRef]:
            out: set[URIRef] = set()
            for c in classes:
                out.add(c)
                out |= superclasses.get(c, frozenset())
            return {c for c in out if _useful_class(c)}

        rules: dict[URIRef, PropertyRule] = {}
        for p in sorted(properties - {RDF.type}):
            reachable = _closure(views, (p, False))  # type: ignore[arg-type]
            forward = sorted(q for q, flip in reachable if not flip and q != p)
            backward = sorted(q for q, flip in reachable if flip)
            subject_classes = [c for q, flip in reachable for c in typing[flip].get(q, ())]
            object_classes = [c for q, flip in reachable for c in typing[not flip].get(q, ())]
            rule = PropertyRule(
                forward=tuple(forward),
                backward=tuple(backward),
                subject_types=tuple(sorted(typed(subject_classes))),
                object_types=tuple(sorted(typed(object_classes))),
            )
            if any((rule.forward, rule.backward, rule.subject_types, rule.object_types)):
                rules[p] = rule

        unsupported = sorted(
            {
                f"{name} <{x}>"
                for t, name in _UNSUPPORTED_TYPES.items()
                for x in ontology.subjects(RDF.type, t)
            }
            | {f"{name} <{x}>" for a, name in _UNSUPPORTED_PREDICATES.items() for x in ontology.subjects(a)}
        )
        derivable = {RDF.type} | {q for r in rules.values() for q in (*r.forward, *r.backward)}
        known = Graph(bind_namespaces="none")
        for triple in ontology:
            if triple[1] in derivable:
                known.add(triple)
        known_lines = frozenset(known.serialize(format="nt", encoding="utf-8").split(b"\n")) - {b""}
        # Precomputed line tails: " <rdf:type> <C> ." is appended to a subject as it is.
        type_lines = {_nt(c): tuple(_TYPED % _nt(x) for x in sorted(s)) for c, s in superclasses.items()}
        rule_lines = {
            _nt(p): (
                tuple(_nt(q) for q in r.forward),
                tuple(_nt(q) for q in r.backward),
                tuple(_TYPED % _nt(c) for c in r.subject_types),
                tuple(_TYPED % _nt(c) for c in r.object_types),
            )
            for p, r in rules.items()
        }
        schema = _schema_entailments(ontology, sub_class, sub_property, domains, ranges)
        return cls(
            superclasses=superclasses,
            rules=rules,
            unsupported=tuple(unsupported),
            schema=frozenset(schema),
            known=frozenset(known),
            _type_lines=type_lines,
            _rule_lines=rule_lines,
            _derivable=frozenset(_nt(p) for p in derivable),
            _known_lines=known_lines,
        )

    def entail(self, triples: Iterable[Triple]) -> set[Triple]:
        """The triples ``triples`` entail under the compiled rules that are not among them."""
        asserted = set(triples)
        out: set[Triple] = set()
        for s, p, o in asserted:
            if p == RDF.type:
                for c in self.superclasses.get(o, ()):  # type: ignore[call-overload]
                    out.add((s, RDF.type, c))
                continue
            rule = self.rules.get(p)  # type: ignore[call-overload]
            if rule is None:
                continue
            resource = not isinstance(o, Literal)
            out.update((s, q, o) for q in rule.forward)
            out.update((s, RDF.type, c) for c in rule.subject_types)
            if resource:
                out.update((o, q, s) for q in rule.backward)
                out.update((o, RDF.type, c) for c in rule.object_types)
        return out - asserted - self.known

    def entail_ntriples(self, data: bytes) -> bytes:
        """:meth:`entail` on canonical N-Triples (one triple a line), as sorted N-Triples lines.

        Only the predicate is looked at for most lines (split at the first two spaces, which N-Triples
        IRIs and blank node labels cannot contain); terms are copied byte for byte, so the output is in
        the same canonical form as the input and can be appended to it.
        """
        type_lines, rule_lines, derivable = self._type_lines, self._rule_lines, self._derivable
        out: set[bytes] = set()
        add = out.add
        present: list[bytes] = []  # the input lines a derived line could equal
        for line in data.split(b"\n"):
            parts = line.split(b" ", 2)
            if len(parts) < 3:
                continue
            s, p, rest = parts
            if p not in derivable and p not in rule_lines:
                continue
            if p in derivable:
                present.append(line.rstrip())
            o = rest[:-2] if rest.endswith(b" .") else rest.rstrip().removesuffix(b".").rstrip()
            if p == _TYPE_NT:
                for tail in type_lines.get(o, ()):
                    add(s + tail)  # tail: b" <rdf:type> <C> ."
                continue
            rule = rule_lines.get(p)
            if rule is None:
                continue
            forward, backward, subject_types, object_types = rule
            for q in forward:
                add(b"%s %s %s ." % (s, q, o))
            for tail in subject_types:
                add(s + tail)
            if not o.startswith(b'"'):
                for q in backward:
                    add(b"%s %s %s ." % (o, q, s))
                for tail in object_types:
                    add(o + tail)
        if not out:
            return b""
        out.difference_update(present)
        out -= self._known_lines
        return b"".join(line + b"\n" for line in sorted(out))


def _schema_entailments(
    ontology: Graph,
    sub_class: Mapping[URIRef, set[URIRef]],
    sub_property: Mapping[URIRef, set[URIRef]],
    domains: Mapping[URIRef, set[URIRef]],
    ranges: Mapping[URIRef, set[URIRef]],
) -> set[Triple]:
    """OWL 2 RL's schema rules between IRIs: scm-sco, scm-eqc1/2, scm-spo, scm-eqp1/2, scm-dom1/2 and
    scm-rng1/2; reflexive and ``owl:Thing`` conclusions (scm-cls, scm-op) are true of everything and left
    out. Only triples the ontology does not assert are returned."""
    out: set[Triple] = set()
    supers = {c: _closure(sub_class, c) - {c} for c in sub_class}
    for c, parents in supers.items():
        for d in parents:
            if _useful_class(d):
                out.add((c, RDFS.subClassOf, d))
                if c in supers.get(d, ()):
                    out.add((c, OWL.equivalentClass, d))
    super_properties = {p: _closure(sub_property, p) - {p} for p in sub_property}
    for p, parents in super_properties.items():
        for q in parents:
            out.add((p, RDFS.subPropertyOf, q))
            if p in super_properties.get(q, ()):
                out.add((p, OWL.equivalentProperty, q))
    for axiom, table in ((RDFS.domain, domains), (RDFS.range, ranges)):
        for p in set(table) | set(super_properties):
            for q in {p} | super_properties.get(p, set()):
                for c in table.get(q, ()):
                    for d in {c} | supers.get(c, set()):
                        if _useful_class(d):
                            out.add((p, axiom, d))
    return {t for t in out if t not in ontology}
