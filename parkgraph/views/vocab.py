"""What an article page needs of the ontology: class and property labels, superclasses, colour groups.

Made once per build (or per ``parkgraph views``) from the ontology graph and shared by every article page,
so a page is made from its article's triples alone (:mod:`parkgraph.views.article`). IRIs are plain
strings here, as in :mod:`parkgraph.views.triples`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from ..namespaces import PREFIXES
from .model import CATEGORIES, CATEGORY_BY_KEY, Category, curie

ZH = "zh-Hans"


@dataclass(frozen=True, eq=False)
class Vocab:
    """Labels (zh-Hans, en) of the ontology's terms and each class's superclasses (itself included)."""

    labels: dict[str, tuple[str, str]]
    ancestors: dict[str, frozenset[str]]
    #: (category, the class IRIs that put a node in it), in the order categories are tried
    anchors: tuple[tuple[Category, frozenset[str]], ...]

    @classmethod
    def of(cls, ontology: Graph) -> Vocab:
        found: dict[str, dict[str, str]] = defaultdict(dict)
        for predicate in (RDFS.label, SKOS.prefLabel):  # prefLabel last: it wins
            for subject, value in ontology.subject_objects(predicate):
                if isinstance(subject, URIRef) and isinstance(value, Literal):
                    lang = value.language or ""
                    previous = found[str(subject)].get(lang)
                    if previous is None or predicate == SKOS.prefLabel or str(value) < previous:
                        found[str(subject)][lang] = str(value)
        labels = {}
        for iri, by_lang in found.items():
            zh = by_lang.get(ZH) or by_lang.get("zh") or by_lang.get("") or by_lang.get("en") or ""
            labels[iri] = (zh, by_lang.get("en", ""))
        parents: dict[str, set[str]] = defaultdict(set)
        for child, parent in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(child, URIRef) and isinstance(parent, URIRef):
                parents[str(child)].add(str(parent))
        ancestors: dict[str, frozenset[str]] = {}

        def up(cls_iri: str) -> frozenset[str]:
            if cls_iri not in ancestors:
                ancestors[cls_iri] = frozenset({cls_iri})  # guards against cycles
                found_up = {cls_iri}
                for parent in parents.get(cls_iri, ()):
                    found_up |= up(parent)
                ancestors[cls_iri] = frozenset(found_up)
            return ancestors[cls_iri]

        for cls_iri in sorted(parents):
            up(cls_iri)
        anchors = tuple((c, frozenset(_expand(name) for name in c.classes)) for c in CATEGORIES)
        return cls(labels=labels, ancestors=ancestors, anchors=anchors)

    def label(self, iri: str) -> tuple[str, str]:
        """(zh-Hans, en) label of an ontology term; its CURIE when the ontology has none."""
        return self.labels.get(iri) or (curie(iri), "")

    def up(self, cls_iri: str) -> frozenset[str]:
        return self.ancestors.get(cls_iri, frozenset({cls_iri}))

    def specific(self, types: list[str]) -> list[str]:
        """The most specific of ``types`` (none of the others is a subclass of it), sorted by CURIE."""
        unique = set(types)
        return sorted((t for t in unique if not any(u != t and t in self.up(u) for u in unique)), key=curie)

    def category(self, types: list[str]) -> tuple[Category, str | None]:
        """The first colour group any of ``types`` falls in, and the type that put it there (the
        rule of :mod:`parkgraph.views.model`, so a page and the graph views colour a node alike)."""
        return _category(self, tuple(types))

    def _category(self, types: tuple[str, ...]) -> tuple[Category, str | None]:
        for category, anchors in self.anchors:
            for t in types:
                if anchors & self.up(t):
                    return category, t
        return CATEGORY_BY_KEY["other"], (types[0] if types else None)


@functools.lru_cache(maxsize=4096)
def _specific(vocab: Vocab, unique: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(
        sorted((t for t in unique if not any(u != t and t in vocab.up(u) for u in unique)), key=curie)
    )


@functools.lru_cache(maxsize=4096)
def _category(vocab: Vocab, types: tuple[str, ...]) -> tuple[Category, str | None]:
    return vocab._category(types)


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local
