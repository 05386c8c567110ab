"""The RDF graph as an entity-level :class:`networkx.MultiDiGraph` (the contract is in docs/views.md).

* **Nodes** are IRIs: entities (``{base}id/…``), n-ary facts (events, statistics, investments,
  capacities, ranking claims: kept as small typed nodes, because most have three or more participants
  and cannot become one edge without losing some) and the SKOS concepts they point to.
* **Folded into attributes**, never nodes: literals (``label``, ``label_en``, ``skos:altLabel``,
  ``pg:rank`` …), a fact's quantity node (``value``, ``unit``, ``qualifier`` …) and time node
  (``time``, ``time_begin``, ``time_end`` …), concept schemes (``scheme``), reified ``rdf:Statement``\\ s
  and evidence spans (``evidence``: the quote; ``evidence_sentence``: the article sentence holding it;
  ``evidence_span``: ``article:start-end``) on the node or edge they support.
* **Edges**: one per object-property triple between two nodes, keyed by the predicate's CURIE, with
  ``predicate``, ``label`` (zh-Hans), ``label_en`` and a stable ``id``.
* **Provenance** (articles, evidence spans, the extractor's per-record ``oa:Annotation``\\ s) stays out of
  the default graph: the article ``schema:mentions`` every entity and would turn every centrality
  measure into "the article".
  ``provenance=True`` adds article and evidence nodes with their ``schema:mentions``,
  ``pg:evidence`` and ``oa:hasSource`` edges.

Every attribute is a scalar (str, int, float, bool) of one type per key, so GraphML and GEXF can hold
it; several values of one property are joined with ``"; "`` (evidence with newlines).
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, TIME, XSD
from rdflib.term import Node

from ..namespaces import OA, PG, PREFIXES, SCHEMA

ZH = "zh-Hans"

#: Node kinds, in the order views rank them when they must choose.
KINDS = ("entity", "fact", "concept", "other", "article", "evidence")


@dataclass(frozen=True)
class Category:
    """A colour/shape group of the views and the ``category`` attribute of the networkx nodes."""

    key: str
    label: str  # zh-Hans
    label_en: str
    classes: tuple[str, ...]  # a node is in the first category one of its classes (or superclasses) is in
    color: str
    shape: str  # a vis-network shape whose label is drawn below it


CATEGORIES: tuple[Category, ...] = (
    Category("park", "园区与开发区", "park / zone", ("pg:DevelopmentZone",), "#e8590c", "star"),
    Category("chain", "产业链", "industrial chain", ("pg:IndustrialChain",), "#e03131", "hexagon"),
    Category("platform", "平台", "platform", ("pg:Platform",), "#9c36b5", "hexagon"),
    Category(
        "project", "项目与行动", "project / action", ("pg:Project", "pg:Programme"), "#a0522d", "square"
    ),
    Category("company", "企业", "company", ("pg:Company", "schema:Corporation"), "#1c7ed6", "dot"),
    Category(
        "government",
        "政府与党组织",
        "government / party",
        ("pg:GovernmentBody", "pg:PartyOrganisation", "cv:PublicOrganisation"),
        "#2b8a3e",
        "triangleDown",
    ),
    Category("person", "人物", "person", ("foaf:Person", "schema:Person"), "#d6336c", "dot"),
    Category("post", "职位", "post", ("org:Post",), "#f59f00", "dot"),
    Category(
        "organisation",
        "其他机构",
        "other organisation",
        ("org:Organization", "schema:Organization", "foaf:Group"),
        "#1098ad",
        "dot",
    ),
    Category("facility", "设施", "facility", ("pg:Facility",), "#74b816", "square"),
    Category("place", "地点", "place", ("schema:Place",), "#0ca678", "square"),
    Category(
        "product", "产品与品牌", "product / brand", ("schema:Product", "schema:Brand"), "#845ef7", "dot"
    ),
    Category("article", "报道", "news article", ("schema:NewsArticle",), "#343a40", "box"),
    Category("work", "政策与作品", "policy / work", ("schema:CreativeWork",), "#364fc7", "square"),
    Category(
        "statistic", "统计数据", "statistic", ("pg:Statistic", "schema:Observation"), "#0b7285", "diamond"
    ),
    Category("event", "事件", "event", ("pg:Event", "schema:Event"), "#e67700", "diamond"),
    Category("claim", "排名声明", "ranking claim", ("pg:RankingClaim",), "#5c7cfa", "diamond"),
    Category("concept", "概念", "concept", ("skos:Concept",), "#868e96", "triangle"),
    Category("evidence", "证据", "evidence", ("pg:Evidence",), "#adb5bd", "dot"),
    Category("other", "其他", "other", (), "#ced4da", "dot"),
)
CATEGORY_BY_KEY = {c.key: c for c in CATEGORIES}

#: Literals that are too big for an attribute (the article text: evidence carries the sentences).
HEAVY_PREDICATES = frozenset({SCHEMA.text, SCHEMA.articleBody})
LABEL_PREDICATES = frozenset({SKOS.prefLabel, RDFS.label})
#: Links to nodes that are folded into their subject's attributes.
FOLDING_PREDICATES = frozenset({PG.quantity, TIME.hasTime, TIME.hasBeginning, TIME.hasEnd, OA.hasSelector})
#: Never edges: typing, folded structure, reification and provenance (provenance=True adds some back).
SKIPPED_PREDICATES = frozenset(
    {RDF.type, SKOS.inScheme, RDF.subject, RDF.predicate, RDF.object, PG.evidence, SCHEMA.mentions}
)
PROVENANCE_PREDICATES = frozenset({PG.evidence, SCHEMA.mentions, OA.hasSource})
#: The classes of the build's provenance machinery (an extraction and its software), in no view.
PROV_MACHINERY = frozenset({PROV.Activity, PROV.SoftwareAgent})
TIME_VALUE_PREDICATES = (TIME.inXSDDateTimeStamp, TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear)
_EXACT, _PREFIX, _SUFFIX, _START, _END = OA.exact, OA.prefix, OA.suffix, OA.start, OA.end
SENTENCE_ENDS = "。！？!?；;\n"
#: Longest sentence context kept on either side of a quote (code points).
SENTENCE_CONTEXT = 160


def curie(iri: Node | str) -> str:
    """``https://schema.org/name`` → ``schema:name`` (the IRI itself when no prefix fits)."""
    return _curie(str(iri))


@functools.lru_cache(maxsize=4096)
def _curie(text: str) -> str:
    best = ""
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{text[len(PREFIXES[best]) :]}" if best else text


def _expand(name: str) -> URIRef:
    prefix, _, local = name.partition(":")
    return URIRef(PREFIXES[prefix] + local)


@dataclass(frozen=True)
class EvidenceSpan:
    """A quote of an article and the sentence around it (``before + exact + after``)."""

    iri: str
    article: str
    start: int
    end: int
    exact: str
    before: str = ""
    after: str = ""

    @property
    def sentence(self) -> str:
        return f"{self.before}{self.exact}{self.after}"

    @property
    def ref(self) -> str:
        return f"{self.article}:{self.start}-{self.end}"


@dataclass(frozen=True)
class KeyValue:
    """One line of a tooltip: a property's name (zh-Hans, en) and its value as text."""

    name: str
    name_en: str
    text: str


@dataclass(frozen=True)
class GraphModel:
    """The networkx graph plus what views need beyond scalar attributes."""

    graph: nx.MultiDiGraph
    evidence: dict[str, tuple[EvidenceSpan, ...]]  # node → spans
    edge_evidence: dict[tuple[str, str, str], tuple[EvidenceSpan, ...]]  # (u, v, key) → spans
    values: dict[str, tuple[KeyValue, ...]]  # node → key values for tooltips
    type_labels: dict[str, tuple[str, str]]  # class CURIE → (zh-Hans, en)
    classes: dict[str, frozenset[str]]  # node → CURIEs of its classes and all their superclasses
    base: str
    #: article id → (headline, datePublished): what a graph view says of the articles it links to
    articles: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: node → ids of the articles that ``schema:mentions`` it (newest first)
    mentions: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def category(self, node: str) -> Category:
        return CATEGORY_BY_KEY[self.graph.nodes[node]["category"]]

    def edge_spans(self, u: str, v: str, key: str) -> tuple[EvidenceSpan, ...]:
        """The evidence of an edge: its reified statement's, else (a fact's edge) the fact's."""
        spans = self.edge_evidence.get((u, v, key))
        if spans:
            return spans
        if self.graph.nodes[u].get("kind") == "fact":
            return self.evidence.get(u, ())
        return ()


def to_networkx(graph: Graph, *, ontology: Graph, base: str, provenance: bool = False) -> nx.MultiDiGraph:
    """The entity-level ``MultiDiGraph`` of ``graph`` (see the module docstring)."""
    return build_model(graph, ontology=ontology, base=base, provenance=provenance).graph


def build_model(graph: Graph, *, ontology: Graph, base: str, provenance: bool = False) -> GraphModel:
    return _Converter(graph, ontology, base, provenance).convert()


def _class_ancestors(ontology: Graph) -> dict[URIRef, frozenset[URIRef]]:
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for child, parent in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(child, URIRef) and isinstance(parent, URIRef):
            parents[child].add(parent)
    closure: dict[URIRef, frozenset[URIRef]] = {}

    def up(cls: URIRef) -> frozenset[URIRef]:
        if cls not in closure:
            closure[cls] = frozenset({cls})  # guards against cycles
            found = {cls}
            for parent in parents.get(cls, ()):
                found |= up(parent)
            closure[cls] = frozenset(found)
        return closure[cls]

    for cls in list(parents):
        up(cls)
    return closure


def _python_value(literal: Literal) -> str | int | float | bool:
    """A literal as a GraphML-safe scalar: numbers as numbers, everything else its lexical form."""
    value = literal.toPython()
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and literal.datatype != XSD.gYear:
        return value
    if isinstance(value, (float, Decimal)):
        return float(value)
    return str(literal)


def _format_number(value: Decimal | float | int) -> str:
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The parts of the sentence holding ``text[start:end]`` before and after it (clipped, with …).

    >>> sentence_around("甲。乙丙丁。戊", 3, 4)
    ('乙', '丁。')
    """
    window = 2 * SENTENCE_CONTEXT  # look no further than this for the sentence's ends
    lo = max(0, start - window)
    left = max((text.rfind(mark, lo, start) for mark in SENTENCE_ENDS), default=-1)
    left = left + 1 if left != -1 else lo
    hi = min(len(text), end + window)
    right = hi
    for mark in SENTENCE_ENDS:
        found = text.find(mark, max(end - 1, start), hi)
        if found != -1:
            right = min(right, found if mark == "\n" else found + 1)
    right = max(right, end)
    before, after = text[left:start].lstrip(), text[end:right].rstrip()
    if len(before) > SENTENCE_CONTEXT or (left == lo and lo > 0):
        before = "…" + before[-SENTENCE_CONTEXT:]
    if len(after) > SENTENCE_CONTEXT or (right == hi and hi < len(text)):
        after = after[:SENTENCE_CONTEXT] + "…"
    return before, after


class _Converter:
    def __init__(self, graph: Graph, ontology: Graph, base: str, provenance: bool) -> None:
        self.g = graph
        self.o = ontology
        self.base = base
        self.provenance = provenance
        self.ancestors = _class_ancestors(ontology)
        self.category_classes = [(c, [_expand(name) for name in c.classes]) for c in CATEGORIES]
        self.texts: dict[Node, str | None] = {}
        self.spans: dict[Node, EvidenceSpan | None] = {}
        # one pass over each predicate instead of a pattern query per node (10k nodes: 15 s → 2 s)
        self.label_index = [
            _literal_index(source, predicate)
            for source in (graph, ontology)
            for predicate in (SKOS.prefLabel, RDFS.label)
        ]
        self.evidence_of: dict[Node, list[Node]] = defaultdict(list)
        for subject, e in graph.subject_objects(PG.evidence):
            self.evidence_of[subject].append(e)
        self.selectors: dict[Node, list[Node]] = defaultdict(list)
        for e, selector in graph.subject_objects(OA.hasSelector):
            self.selectors[e].append(selector)
        self.selector_values = {
            predicate: dict(graph.subject_objects(predicate))
            for predicate in (_EXACT, _PREFIX, _SUFFIX, _START, _END)
        }
        self.sources = dict(graph.subject_objects(OA.hasSource))

    # --- labels ---------------------------------------------------------------------------------

    def _labels(self, term: Node, lang: str) -> list[str]:
        for index in self.label_index:
            found = index.get(term, {}).get(lang)
            if found:
                return found
        return []

    def label(self, term: Node) -> str:
        for lang in (ZH, "zh", "", "en"):
            found = self._labels(term, lang)
            if found:
                return found[0]
        text = str(term)
        return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def label_en(self, term: Node) -> str:
        found = self._labels(term, "en")
        return found[0] if found else ""

    # --- classification -------------------------------------------------------------------------

    def convert(self) -> GraphModel:
        g = self.g
        typed = {s for s in g.subjects(RDF.type) if isinstance(s, URIRef)}
        folded = {o for p in FOLDING_PREDICATES for o in g.objects(None, p) if isinstance(o, URIRef)}
        statements = set(g.subjects(RDF.type, RDF.Statement))
        schemes = set(g.subjects(RDF.type, SKOS.ConceptScheme))
        evidence = set(g.subjects(RDF.type, PG.Evidence)) | {
            o for o in g.objects(None, PG.evidence) if isinstance(o, URIRef)
        }
        articles = set(g.subjects(RDF.type, SCHEMA.NewsArticle))
        concepts = set(g.subjects(RDF.type, SKOS.Concept))
        # the extractor's per-record annotations (its confidence) are provenance too
        annotations = set(g.subjects(RDF.type, OA.Annotation))
        # so is the machinery of an extraction: the prov:Activity that made an article's graph and the
        # prov:SoftwareAgent (the extractor at a version) it is associated with; no entity of the news,
        # they would show as "other" nodes (issue 22), so no view shows them (the article pages say
        # which extractor made an article)
        machinery = {s for t in PROV_MACHINERY for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}
        excluded = folded | statements | schemes | machinery
        if not self.provenance:
            excluded |= evidence | articles | annotations

        kinds: dict[URIRef, str] = {}
        for s in sorted(typed - excluded):
            if s in evidence:
                kinds[s] = "evidence"
            elif s in articles:
                kinds[s] = "article"
            elif s in concepts:
                kinds[s] = "concept"
            elif str(s).startswith(f"{self.base}id/"):
                kinds[s] = "entity"
            elif str(s).startswith(f"{self.base}fact/"):
                kinds[s] = "fact"
            else:
                kinds[s] = "other"

        edges: list[tuple[URIRef, URIRef, URIRef]] = []
        skipped = SKIPPED_PREDICATES - (PROVENANCE_PREDICATES if self.provenance else frozenset())
        for s in list(kinds):
            for p, o in g.predicate_objects(s):
                if not isinstance(o, URIRef) or p in skipped or p in FOLDING_PREDICATES:
                    continue
                if not self.provenance and p in PROVENANCE_PREDICATES:
                    continue
                if o in excluded:
                    continue
                if o not in kinds:  # an IRI the data does not type (e.g. an ontology individual)
                    kinds[o] = "other"
                edges.append((s, p, o))

        statement_spans: dict[tuple[Node, Node, Node], list[EvidenceSpan]] = defaultdict(list)
        for st in statements:
            triple = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
            statement_spans[triple] += self.node_spans(st)  # type: ignore[index]

        nxg = nx.MultiDiGraph(name="parkgraph", base=self.base)
        node_evidence: dict[str, tuple[EvidenceSpan, ...]] = {}
        values: dict[str, tuple[KeyValue, ...]] = {}
        type_labels: dict[str, tuple[str, str]] = {}
        classes: dict[str, frozenset[str]] = {}
        for node in sorted(kinds, key=str):
            classes[str(node)] = frozenset(
                curie(c)
                for t in g.objects(node, RDF.type)
                if isinstance(t, URIRef)
                for c in self.ancestors.get(t, frozenset({t}))
            )
            attrs, spans, key_values = self.node_attributes(node, kinds[node], type_labels)
            nxg.add_node(str(node), **dict(sorted(attrs.items())))
            if spans:
                node_evidence[str(node)] = spans
            if key_values:
                values[str(node)] = key_values

        edge_evidence: dict[tuple[str, str, str], tuple[EvidenceSpan, ...]] = {}
        used_ids: set[str] = set()
        for s, p, o in sorted(edges, key=lambda t: (str(t[0]), curie(t[1]), str(t[2]))):
            key = curie(p)
            # a reified statement's evidence; a fact's own edges are supported by the fact's evidence,
            # which the fact node carries (views show it on those edges too: see edge_spans)
            spans = tuple(sorted(set(statement_spans.get((s, p, o), ())), key=_span_order))
            edge_id = "e" + hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:12]
            while edge_id in used_ids:
                edge_id += "x"
            used_ids.add(edge_id)
            attrs: dict[str, object] = {
                "id": edge_id,
                "predicate": key,
                "label": self.label(p),
                "label_en": self.label_en(p),
                **_evidence_attributes(spans),
            }
            nxg.add_edge(str(s), str(o), key=key, **dict(sorted(attrs.items())))
            if spans:
                edge_evidence[(str(s), str(o), key)] = spans
        _unify_attribute_types(nxg)
        article_meta, mentions = self.article_mentions(articles)
        return GraphModel(
            graph=nxg,
            evidence=node_evidence,
            edge_evidence=edge_evidence,
            values=values,
            type_labels=type_labels,
            classes=classes,
            base=self.base,
            articles=article_meta,
            mentions=mentions,
        )

    def article_mentions(
        self, articles: set[Node]
    ) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, ...]]]:
        """Each article's headline and date, and for each node the articles that mention it, newest
        first: so an entity's graph view can list them (the article pages are ``article/<id>.html``)."""
        g = self.g
        meta: dict[str, tuple[str, str]] = {}
        found: dict[str, list[str]] = defaultdict(list)
        for article in sorted(articles, key=str):
            identifier = g.value(article, SCHEMA.identifier)
            article_id = (
                str(identifier) if identifier is not None else str(article).rstrip("/").rsplit("/", 1)[-1]
            )
            headlines = sorted(str(h) for h in g.objects(article, SCHEMA.headline))
            published = g.value(article, SCHEMA.datePublished)
            meta[article_id] = (headlines[0] if headlines else article_id, str(published or ""))
            for node in g.objects(article, SCHEMA.mentions):
                found[str(node)].append(article_id)
        mentions = {
            node: tuple(sorted(ids, key=lambda i: (meta[i][1], i), reverse=True))
            for node, ids in found.items()
        }
        return meta, mentions

    def specific_types(self, node: URIRef) -> list[URIRef]:
        types = {t for t in self.g.objects(node, RDF.type) if isinstance(t, URIRef)}
        return sorted(
            (t for t in types if not any(u != t and t in self.ancestors.get(u, ()) for u in types)),
            key=curie,
        )

    def category_of(self, types: Iterable[URIRef]) -> tuple[Category, URIRef | None]:
        """The first category any of ``types`` falls in, and the type that put it there."""
        types = list(types)
        for category, anchors in self.category_classes:
            for t in types:
                if any(a in self.ancestors.get(t, frozenset({t})) for a in anchors):
                    return category, t
        return CATEGORY_BY_KEY["other"], (types[0] if types else None)

    # --- attributes -----------------------------------------------------------------------------

    def node_attributes(
        self, node: URIRef, kind: str, type_labels: dict[str, tuple[str, str]]
    ) -> tuple[dict[str, object], tuple[EvidenceSpan, ...], tuple[KeyValue, ...]]:
        g = self.g
        types = self.specific_types(node)
        category, main_type = self.category_of(types)
        attrs: dict[str, object] = {
            "kind": kind,
            "category": category.key,
            "label": self.label(node),
        }
        label_en = self.label_en(node)
        if label_en:
            attrs["label_en"] = label_en
        if main_type is not None:
            attrs["type"] = curie(main_type)
            attrs["types"] = " ".join(curie(t) for t in types)
        for t in types:
            type_labels.setdefault(curie(t), (self.label(t), self.label_en(t)))

        key_values: list[KeyValue] = []
        if kind == "concept":
            scheme_terms = sorted(g.objects(node, SKOS.inScheme), key=str)
            if scheme_terms:
                attrs["scheme"] = str(scheme_terms[0])
                attrs["scheme_label"] = self.label(scheme_terms[0])
                key_values.append(KeyValue("概念体系", "scheme", self.label(scheme_terms[0])))

        for target in sorted(g.objects(node, PG.quantity), key=str)[:1]:
            key_values += self.quantity(target, attrs)
        for target in sorted(g.objects(node, TIME.hasTime), key=str)[:1]:
            key_values += self.time(target, attrs)

        literals: dict[str, list[Literal]] = defaultdict(list)
        by_predicate: dict[URIRef, list[Literal]] = defaultdict(list)
        for p, o in g.predicate_objects(node):
            if not isinstance(o, Literal) or p in LABEL_PREDICATES or p in HEAVY_PREDICATES:
                continue
            lang = o.language or ""
            name = curie(p) if lang in ("", ZH) else f"{curie(p)}@{lang}"
            literals[name].append(o)
            by_predicate[p].append(o)  # type: ignore[index]
        for name, found in literals.items():
            if len(found) == 1:
                attrs[name] = _python_value(found[0])
            else:
                attrs[name] = "; ".join(sorted(str(v) for v in found))
        for p in sorted(by_predicate, key=curie):
            found = by_predicate[p]
            zh = sorted(str(v) for v in found if (v.language or "") in ("", ZH))
            other = sorted(str(v) for v in found if (v.language or "") not in ("", ZH))
            text = "、".join(zh)
            if other:
                text = f"{text}（{'; '.join(other)}）" if text else "; ".join(other)
            key_values.append(KeyValue(self.label(p), self.label_en(p), text))

        if kind == "evidence":  # provenance=True: the span itself
            own = self.span(node)
            spans = (own,) if own is not None else ()
            if own is not None:
                attrs["label"] = own.exact
        else:
            spans = self.node_spans(node)
        attrs.update(_evidence_attributes(spans))
        return attrs, spans, tuple(key_values)

    def quantity(self, q: URIRef, attrs: dict[str, object]) -> list[KeyValue]:
        g = self.g
        value = g.value(q, SCHEMA.value)
        surface = g.value(q, PG.surfaceForm)
        currency = g.value(q, SCHEMA.currency)
        unit = g.value(q, SCHEMA.unitText) or currency
        qualifier = g.value(q, PG.qualifier)
        for name, term in (
            ("value", value),
            ("min_value", g.value(q, SCHEMA.minValue)),
            ("max_value", g.value(q, SCHEMA.maxValue)),
        ):
            if isinstance(term, Literal):
                attrs[name] = float(term.toPython())
        for name, term in (
            ("unit", unit),
            ("currency", currency),
            ("unit_code", g.value(q, SCHEMA.unitCode)),
            ("quantity_text", surface),
        ):
            if term is not None:
                attrs[name] = str(term)
        if qualifier is not None:
            attrs["qualifier"] = curie(qualifier)
        parts = []
        if isinstance(value, Literal):
            parts.append(f"{_format_number(value.toPython())} {unit or ''}".strip())
        if qualifier is not None and qualifier != PG.Exactly:
            parts.append(f"{self.label(qualifier)} / {self.label_en(qualifier)}")
        text = str(surface) if surface is not None else ""
        if parts:
            text = f"{text}（{'，'.join(parts)}）" if text else "，".join(parts)
        return [KeyValue("数值", "value", text)] if text else []

    def instant(self, t: Node) -> str | None:
        for predicate in TIME_VALUE_PREDICATES:
            found = self.g.value(t, predicate)  # type: ignore[arg-type]
            if found is not None:
                return str(found)
        return None

    def time(self, t: URIRef, attrs: dict[str, object]) -> list[KeyValue]:
        g = self.g
        begin_node, end_node = g.value(t, TIME.hasBeginning), g.value(t, TIME.hasEnd)
        surface = g.value(t, PG.surfaceForm)
        if begin_node is not None or end_node is not None:
            begin = self.instant(begin_node) if begin_node is not None else None
            end = self.instant(end_node) if end_node is not None else None
            attrs["time"] = f"{begin or '..'}/{end or '..'}"
            if begin:
                attrs["time_begin"] = begin
            if end:
                attrs["time_end"] = end
            shown = f"{begin or '…'} – {end or '…'}"
        else:
            instant = self.instant(t)
            if instant is None:
                return []
            attrs["time"] = attrs["time_begin"] = attrs["time_end"] = instant
            shown = instant
        if surface is not None:
            attrs["time_text"] = str(surface)
            shown = f"{surface}（{shown}）"
        return [KeyValue("时间", "time", shown)]

    # --- evidence -------------------------------------------------------------------------------

    def node_spans(self, node: Node) -> tuple[EvidenceSpan, ...]:
        spans = {self.span(e) for e in self.evidence_of.get(node, ())}
        return tuple(sorted((s for s in spans if s is not None), key=_span_order))

    def article_text(self, article: Node) -> str | None:
        if article not in self.texts:
            text = self.g.value(article, SCHEMA.text)  # type: ignore[arg-type]
            self.texts[article] = str(text) if text is not None else None
        return self.texts[article]

    def span(self, e: Node) -> EvidenceSpan | None:
        if e in self.spans:
            return self.spans[e]
        g, values = self.g, self.selector_values
        exacts, prefixes, suffixes = values[_EXACT], values[_PREFIX], values[_SUFFIX]
        starts, ends = values[_START], values[_END]
        exact = prefix = suffix = None
        start = end = None
        for selector in self.selectors.get(e, ()):
            exact = exact or exacts.get(selector)
            prefix = prefix or prefixes.get(selector)
            suffix = suffix or suffixes.get(selector)
            if selector in starts and selector in ends:
                start = int(starts[selector].toPython())  # type: ignore[union-attr]
                end = int(ends[selector].toPython())  # type: ignore[union-attr]
        if exact is None:
            self.spans[e] = None
            return None
        source = self.sources.get(e)
        article = ""
        if source is not None:
            identifier = g.value(source, SCHEMA.identifier)
            article = (
                str(identifier) if identifier is not None else str(source).rstrip("/").rsplit("/", 1)[-1]
            )
        before, after = str(prefix or ""), str(suffix or "")
        text = self.article_text(source) if source is not None else None
        if text is not None and start is not None and end is not None and text[start:end] == str(exact):
            before, after = sentence_around(text, start, end)
        span = EvidenceSpan(
            iri=str(e),
            article=article,
            start=start if start is not None else -1,
            end=end if end is not None else -1,
            exact=str(exact),
            before=before,
            after=after,
        )
        self.spans[e] = span
        return span


def _literal_index(graph: Graph, predicate: URIRef) -> dict[Node, dict[str, list[str]]]:
    """subject → language ("" for none) → sorted literal values of ``predicate``."""
    index: dict[Node, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for subject, value in graph.subject_objects(predicate):
        if isinstance(value, Literal):
            index[subject][value.language or ""].append(str(value))
    for by_lang in index.values():
        for values in by_lang.values():
            values.sort()
    return index


def _span_order(span: EvidenceSpan) -> tuple[str, int, int, str]:
    return (span.article, span.start, span.end, span.iri)


def _evidence_attributes(spans: Iterable[EvidenceSpan]) -> dict[str, object]:
    spans = list(spans)
    if not spans:
        return {}
    return {
        "evidence": "\n".join(s.exact for s in spans),
        "evidence_sentence": "\n".join(dict.fromkeys(s.sentence for s in spans)),
        "evidence_span": " ".join(s.ref for s in spans),
        "articles": " ".join(sorted({s.article for s in spans if s.article})),
    }


def _unify_attribute_types(graph: nx.MultiDiGraph) -> None:
    """One type per attribute key (GraphML declares a key's type once): int+float → float, else str."""

    def unify(records: list[dict[str, object]]) -> None:
        types: dict[str, set[type]] = defaultdict(set)
        for data in records:
            for key, value in data.items():
                types[key].add(type(value))
        for key, found in types.items():
            if len(found) < 2:
                continue
            convert = float if found <= {int, float} else str
            for data in records:
                if key in data:
                    data[key] = convert(data[key])  # type: ignore[operator]

    unify([data for _, data in graph.nodes(data=True)])
    unify([data for _, _, data in graph.edges(data=True)])
