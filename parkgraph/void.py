"""The VoID description of the built dataset: its counts, written by the build, read by ``parkgraph stats``.

Why: corpus-wide counts (entities by class, triples by predicate, facts per article) over a store of 40M
triples take seconds to minutes by SPARQL over the data, and the answer only changes when the build
changes the data. So the build counts as it writes (:mod:`parkgraph.corpus.counts`), and describes the
dataset in W3C VoID (https://www.w3.org/TR/void/) with DCAT and Dublin Core metadata, in its own named
graph ``{base}graph/void`` (in the store, ``parkgraph.nq`` and ``parkgraph.trig``) and in
``graph/void.ttl``; questions about counts read that (tens of triples) instead.

The description (``{base}dataset``, a ``void:Dataset`` and ``dcat:Dataset``):

* ``dcterms:title``, ``dcterms:description``, ``dcterms:license`` (the ontology's), ``dcterms:issued``
  (the publication date of the newest article: the same corpus gives the same bytes, whenever it is
  built), ``dcterms:conformsTo`` the ontology, ``void:vocabulary`` every namespace its classes and
  properties are in;
* ``void:uriSpace "{base}id/"``: its *entities* are the resources of that space (what the build
  summary calls entities); ``void:triples`` (of the union of the article graphs and the shared graph,
  ``parkgraph.nt``), ``void:entities``, ``void:classes``, ``void:properties``;
* a ``void:classPartition`` per class (``{base}dataset/class/{key}``) with ``void:class``,
  ``void:distinctSubjects`` (its instances, asserted types only) and, for classes of entities,
  ``void:entities``;
* a ``void:propertyPartition`` per predicate (``{base}dataset/property/{key}``) with ``void:property``
  and ``void:triples``;
* a ``void:subset`` per graph: each article's (its graph's name, with ``dcterms:source`` the article,
  ``void:triples``, ``void:entities`` it describes, and a class partition
  ``{base}dataset/article/{id}/{key}`` per class of its facts, statements and evidence spans, with
  ``void:distinctSubjects``), and the shared graph (``void:triples``).

Every number is a sum over graphs, exact because no triple is in two graphs; the build keeps each
graph's numbers in the store's manifest, so an incremental build counts only the graphs it rewrites.
``tests/test_void.py`` checks them against counts computed from the data.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .namespaces import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph as ox

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
#: The id of the VoID description's named graph (``{base}graph/void``).
VOID_GRAPH_ID = "void"
#: The VoID description's file in the output folder.
VOID_FILE = "void.ttl"
#: Prefixes of the VoID file, beyond the project's.
VOID_PREFIXES = {"void": VOID, "dcat": DCAT}

TITLE = {
    "en": "parkgraph: Chinese industrial parks from news articles",
    "zh-Hans": "中国产业园区新闻知识图谱",
}
DESCRIPTION = {
    "en": "Industrial parks, the bodies that run them, the companies, projects and programmes in them, "
    "and the numbers reported about them, each fact with the span of the news article that states it.",
    "zh-Hans": "产业园区及其管理机构、入驻企业、项目与计划，以及报道中的数据；"
    "每条事实都附有陈述它的新闻原文片段。",
}
_LOCAL = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class SubsetCounts:
    """One article graph's numbers."""

    graph: str  # the graph's name, the subset's IRI
    article: str  # the article's IRI
    triples: int
    entities: int
    facts: Mapping[str, int]  # class IRI → instances, for its facts, statements and evidence spans


@dataclass
class DatasetCounts:
    """Everything the description says, summed over the graphs."""

    triples: int = 0
    entities: int = 0
    predicates: dict[str, int] = field(default_factory=dict)  # IRI → triples
    classes: dict[str, int] = field(default_factory=dict)  # IRI → instances
    entity_classes: dict[str, int] = field(default_factory=dict)  # IRI → entities
    subsets: list[SubsetCounts] = field(default_factory=list)  # articles, in id order
    shared: tuple[str, int] = ("", 0)  # the shared graph's name and triples
    issued: str = ""  # YYYY-MM-DD, or "" when no article has a date


def key(iri: str) -> str:
    """A partition's IRI segment for a class or property: ``pg.Company`` where a prefix of ours covers the
    IRI with a plain local name, else ``iri.`` + a digest (never article text, always unique).

    >>> key("https://w3id.org/parkgraph/ontology#Company"), key("urn:x:a b")
    ('pg.Company', 'iri.5a9d3cc89a66cc9212a9')
    """
    for prefix, namespace in sorted({**PREFIXES, **VOID_PREFIXES}.items()):
        local = iri[len(namespace) :]
        if iri.startswith(namespace) and _LOCAL.match(local):
            return f"{prefix}.{local}"
    return "iri." + hashlib.sha256(iri.encode()).hexdigest()[:20]


def namespace_of(iri: str) -> str:
    """The vocabulary an IRI is in: up to its last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _literal(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def _integer(n: int) -> str:
    return f'"{n}"^^<{XSD}integer>'


def void_ntriples(
    counts: DatasetCounts, *, base: str, ontology: str, licence: str | None = None
) -> bytes:
    """The description as canonical N-Triples (sorted lines, no blank nodes)."""
    dataset = f"{base}dataset"
    lines: list[str] = []

    def add(subject: str, predicate: str, obj: str) -> None:
        lines.append(f"<{subject}> <{predicate}> {obj} .\n")

    add(dataset, RDF_TYPE, f"<{VOID}Dataset>")
    add(dataset, RDF_TYPE, f"<{DCAT}Dataset>")
    for language, text in TITLE.items():
        add(dataset, f"{DCTERMS}title", f"{_literal(text)}@{language}")
    for language, text in DESCRIPTION.items():
        add(dataset, f"{DCTERMS}description", f"{_literal(text)}@{language}")
    if licence:
        add(dataset, f"{DCTERMS}license", f"<{licence}>")
    if counts.issued:
        add(dataset, f"{DCTERMS}issued", f'"{counts.issued}"^^<{XSD}date>')
    add(dataset, f"{DCTERMS}conformsTo", f"<{ontology}>")
    add(dataset, f"{VOID}uriSpace", _literal(f"{base}id/"))
    add(dataset, f"{VOID}triples", _integer(counts.triples))
    add(dataset, f"{VOID}entities", _integer(counts.entities))
    add(dataset, f"{VOID}classes", _integer(len(counts.classes)))
    add(dataset, f"{VOID}properties", _integer(len(counts.predicates)))
    for vocabulary in sorted({namespace_of(i) for i in (*counts.classes, *counts.predicates)}):
        add(dataset, f"{VOID}vocabulary", f"<{vocabulary}>")
    for cls, n in counts.classes.items():
        partition = f"{dataset}/class/{key(cls)}"
        add(dataset, f"{VOID}classPartition", f"<{partition}>")
        add(partition, f"{VOID}class", f"<{cls}>")
        add(partition, f"{VOID}distinctSubjects", _integer(n))
        if counts.entity_classes.get(cls):
            add(partition, f"{VOID}entities", _integer(counts.entity_classes[cls]))
    for predicate, n in counts.predicates.items():
        partition = f"{dataset}/property/{key(predicate)}"
        add(dataset, f"{VOID}propertyPartition", f"<{partition}>")
        add(partition, f"{VOID}property", f"<{predicate}>")
        add(partition, f"{VOID}triples", _integer(n))
    for subset in counts.subsets:
        add(dataset, f"{VOID}subset", f"<{subset.graph}>")
        add(subset.graph, f"{DCTERMS}source", f"<{subset.article}>")
        add(subset.graph, f"{VOID}triples", _integer(subset.triples))
        add(subset.graph, f"{VOID}entities", _integer(subset.entities))
        article_id = subset.graph.rsplit("/", 1)[1]
        for cls, n in subset.facts.items():
            partition = f"{dataset}/article/{article_id}/{key(cls)}"
            add(subset.graph, f"{VOID}classPartition", f"<{partition}>")
            add(partition, f"{VOID}class", f"<{cls}>")
            add(partition, f"{VOID}distinctSubjects", _integer(n))
    shared, triples = counts.shared
    if shared:
        add(dataset, f"{VOID}subset", f"<{shared}>")
        add(shared, RDF_TYPE, f"<{VOID}Dataset>")
        add(shared, f"{VOID}triples", _integer(triples))
    return "".join(sorted(set(lines))).encode("utf-8")


# --- reading it back -------------------------------------------------------------------------------------
_PREFIXES = f"PREFIX void: <{VOID}>\nPREFIX dcterms: <{DCTERMS}>\n"
SUMMARY_QUERY = (
    _PREFIXES
    + """SELECT ?dataset ?triples ?entities ?classes ?properties ?issued ?title WHERE {
  ?dataset void:uriSpace ?space ;
           void:triples ?triples ;
           void:entities ?entities ;
           void:classes ?classes ;
           void:properties ?properties .
  OPTIONAL { ?dataset dcterms:issued ?issued }
  OPTIONAL { ?dataset dcterms:title ?title FILTER(langMatches(lang(?title), "en")) }
}"""
)
CLASSES_QUERY = (
    _PREFIXES
    + """SELECT ?class ?instances ?entities WHERE {
  ?dataset void:uriSpace ?space ;
           void:classPartition ?partition .
  ?partition void:class ?class ;
             void:distinctSubjects ?instances .
  OPTIONAL { ?partition void:entities ?entities }
}
ORDER BY DESC(?instances) STR(?class)"""
)
PROPERTIES_QUERY = (
    _PREFIXES
    + """SELECT ?property ?triples WHERE {
  ?dataset void:uriSpace ?space ;
           void:propertyPartition ?partition .
  ?partition void:property ?property ;
             void:triples ?triples .
}
ORDER BY DESC(?triples) STR(?property)"""
)


@dataclass(frozen=True)
class VoidSummary:
    """What ``parkgraph stats`` prints: the dataset's counts, as the build's VoID description says."""

    dataset: str
    title: str
    issued: str
    triples: int
    entities: int
    classes: tuple[tuple[str, int, int], ...]  # class IRI, instances, entities (0: not entities)
    properties: tuple[tuple[str, int], ...]  # predicate IRI, triples

    def to_json(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "title": self.title,
            "issued": self.issued,
            "triples": self.triples,
            "entities": self.entities,
            "classes": [{"class": c, "instances": n, "entities": e} for c, n, e in self.classes],
            "properties": [{"property": p, "triples": n} for p, n in self.properties],
        }


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells: tuple[str, ...]) -> str:
        out = [c + " " * (w - _width(c)) if i == 0 else " " * (w - _width(c)) + c
               for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(out).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def _curie(iri: str) -> str:
    for prefix, namespace in sorted({**PREFIXES, **VOID_PREFIXES}.items()):
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def format_void(summary: VoidSummary, *, top: int | None = None) -> str:
    """The summary as text: the dataset's totals, its entities by class and its triples by predicate
    (the ``top`` most frequent of each, or all)."""
    by_entities = sorted(summary.classes, key=lambda x: (-x[2], x[0]))
    entity_rows = [(_curie(c), f"{e:,}") for c, _, e in by_entities if e]
    other_rows = [(_curie(c), f"{n:,}") for c, n, e in summary.classes if not e]
    predicate_rows = [(_curie(p), f"{n:,}") for p, n in summary.properties]
    shown = slice(None, top)
    lines = [
        f"{summary.title or summary.dataset} (VoID: {summary.dataset}"
        + (f", issued {summary.issued}" if summary.issued else "")
        + ")",
        f"{summary.triples:,} triples, {summary.entities:,} entities, {len(summary.classes)} classes, "
        f"{len(summary.properties)} properties",
        "",
        "Entities by class",
        *_table(("class", "entities"), entity_rows[shown]),
        "",
        "Other resources by class (facts, statements, evidence, articles, concepts, …)",
        *_table(("class", "instances"), other_rows[shown]),
        "",
        "Triples by predicate",
        *_table(("predicate", "triples"), predicate_rows[shown]),
    ]
    if top is not None and max(len(entity_rows), len(other_rows), len(predicate_rows)) > top:
        lines.append(f"(the {top} most frequent of each; --top to show more)")
    return "\n".join(lines)


def read_void(store: ox.Store) -> VoidSummary | None:
    """The summary of the VoID description in ``store`` (queried as the union of its graphs), or None
    when it has none (a graph built before parkgraph wrote one)."""
    def rows(query: str) -> list[list[str]]:
        result = store.query(query, use_default_graph_as_union=True)
        names = result.variables  # type: ignore[union-attr]
        return [
            ["" if s[v] is None else s[v].value for v in names]  # type: ignore[index,union-attr]
            for s in result  # type: ignore[union-attr]
        ]

    found = rows(SUMMARY_QUERY)
    if not found:
        return None
    dataset, triples, entities, _, _, issued, title = found[0]
    classes = tuple((c, int(n), int(e or 0)) for c, n, e in rows(CLASSES_QUERY))
    properties = tuple((p, int(n)) for p, n in rows(PROPERTIES_QUERY))
    return VoidSummary(dataset, title, issued, int(triples), int(entities), classes, properties)
