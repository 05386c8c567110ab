"""One article as its page shows it: metadata, text, every evidence span and what the graph took from it.

Made from the article's own triples (:class:`~parkgraph.views.triples.TripleIndex`: the article's graph
as the corpus build resolved it, or the whole union for ``parkgraph views``), so a page can be made while
the corpus streams, without the rest of the graph. Nothing here is HTML: :mod:`.article_page` renders
it, :mod:`.highlight` lays out the text.

What the page says, and where it comes from (docs/model.md):

* **records**: every node with ``pg:evidence`` in this article — entities, concepts, n-ary facts
  (statistics, investments, events, ranking claims …) and reified statements — with the spans that
  support it here, its class (the colour group of the graph views), its values (quantity, time, literal
  properties), its participants (object properties, each linked to its own page when there is one) and
  the extractor's confidence (``itsrdf:taConfidence`` of the article's ``oa:Annotation`` whose body it is);
* **highlights**: every evidence span (``oa:TextPositionSelector``: code points of ``schema:text``, end
  exclusive) with the records it supports; its colour is its first record's by the order entity,
  concept, fact, statement (a name is coloured by what it names, a clause by the fact it states);
* **tables**: figures, events, posts, rankings, other facts, relations, entities, one row a record,
  in text order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from .model import CATEGORY_BY_KEY, curie
from .paths import concept_path, entity_path
from .triples import Lit, TripleIndex
from .vocab import ZH, Vocab

#: Records the extractor was less sure of than this are marked (the draft's ``# confidence …: check``,
#: :data:`parkgraph.extract.draft.CHECK_BELOW`; a test keeps the two equal).
LOW_CONFIDENCE = 0.75

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SCHEMA = "https://schema.org/"
_PG = "https://w3id.org/parkgraph/ontology#"
_OA = "http://www.w3.org/ns/oa#"
_PROV = "http://www.w3.org/ns/prov#"
_TIME = "http://www.w3.org/2006/time#"
_ORG = "http://www.w3.org/ns/org#"
_ITS_CONFIDENCE = "http://www.w3.org/2005/11/its/rdf#taConfidence"

TYPE = _RDF + "type"
STATEMENT = _RDF + "Statement"
CONCEPT = _SKOS + "Concept"
PREF_LABEL, ALT_LABEL, LABEL = _SKOS + "prefLabel", _SKOS + "altLabel", _RDFS + "label"
IN_SCHEME = _SKOS + "inScheme"
EVIDENCE, QUANTITY, QUALIFIER, SURFACE = (
    _PG + "evidence",
    _PG + "quantity",
    _PG + "qualifier",
    _PG + "surfaceForm",
)
INDICATOR, RANK, RANKED, CRITERION, SCOPE = (
    _PG + "indicator",
    _PG + "rank",
    _PG + "rankedEntity",
    _PG + "rankingCriterion",
    _PG + "rankingScope",
)
HAS_SOURCE, HAS_SELECTOR, EXACT, START, END = (
    _OA + "hasSource",
    _OA + "hasSelector",
    _OA + "exact",
    _OA + "start",
    _OA + "end",
)
HAS_BODY = _OA + "hasBody"
HAS_TIME, BEGINNING, ENDING = _TIME + "hasTime", _TIME + "hasBeginning", _TIME + "hasEnd"
INSTANTS = tuple(
    _TIME + name for name in ("inXSDDateTimeStamp", "inXSDDate", "inXSDgYearMonth", "inXSDgYear")
)
VALUE, MIN_VALUE, MAX_VALUE = _SCHEMA + "value", _SCHEMA + "minValue", _SCHEMA + "maxValue"
UNIT_TEXT, CURRENCY = _SCHEMA + "unitText", _SCHEMA + "currency"
OBSERVATION_ABOUT = _SCHEMA + "observationAbout"
HOLDS, ROLE, POST_IN = _ORG + "holds", _ORG + "role", _ORG + "postIn"
POST = _ORG + "Post"
PROV_USED, PROV_ASSOCIATED, VERSION = _PROV + "used", _PROV + "wasAssociatedWith", _SCHEMA + "softwareVersion"
SUBJECT, PREDICATE, OBJECT = _RDF + "subject", _RDF + "predicate", _RDF + "object"
EVENT, STATISTIC, CLAIM = _PG + "Event", _PG + "Statistic", _PG + "RankingClaim"

#: A fact's links that are its structure, not its participants.
_STRUCTURE = frozenset({TYPE, EVIDENCE, QUANTITY, HAS_TIME})
#: Literal properties never shown as a record's values (labels are shown as such; the text is the page).
_HIDDEN_LITERALS = frozenset({PREF_LABEL, LABEL, _SCHEMA + "text", _SCHEMA + "articleBody"})
#: What an article page never reads, left out of its index (:class:`TripleIndex` ``skip``).
SKIPPED = frozenset(
    {
        LABEL,
        _OA + "prefix",
        _OA + "suffix",
        _OA + "hasTarget",
        _OA + "motivatedBy",
        _PROV + "wasGeneratedBy",
        _SCHEMA + "articleBody",
        _SCHEMA + "mentions",
        _SCHEMA + "keywords",
        _SCHEMA + "sha256",
    }
)
_KIND_ORDER = {"entity": 0, "concept": 1, "fact": 2, "statement": 3, "other": 4}


@dataclass(frozen=True)
class Part:
    """A participant of a record: its role (the property's labels) and what fills it."""

    role: str
    role_en: str
    label: str
    href: str | None = None  # the participant's graph view, relative to views/
    record: int | None = None  # the participant's record on this page, if it has one


@dataclass(frozen=True)
class Record:
    """A node this article is evidence of (an entity, concept, fact or statement)."""

    kind: str  # entity | concept | fact | statement | other
    iri: str
    label: str
    label_en: str
    type_label: str
    type_label_en: str
    curie: str  # the class that chose its colour group
    category: str  # the colour group's key (parkgraph.views.model.CATEGORIES)
    values: tuple[tuple[str, str, str], ...] = ()  # (name, name_en, text)
    parts: tuple[Part, ...] = ()
    spans: tuple[int, ...] = ()  # its evidence in this article, as indices into ArticleData.highlights
    confidence: float | None = None
    href: str | None = None

    @property
    def low(self) -> bool:
        return self.confidence is not None and self.confidence < LOW_CONFIDENCE


@dataclass(frozen=True)
class Highlight:
    """An evidence span: code points ``[start, end)`` of the article's text, and the records it supports."""

    start: int
    end: int
    exact: str
    records: tuple[int, ...]
    category: str


@dataclass(frozen=True)
class Cell:
    text: str
    sort: str | float  # what the column sorts by (numbers numerically)
    record: int | None = None  # a cell naming another record of the page links to its span


@dataclass(frozen=True)
class Row:
    record: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    title_en: str
    columns: tuple[tuple[str, str], ...]  # (zh, en)
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ArticleData:
    """Everything an article page shows."""

    article_id: str
    iri: str
    title: str
    published: str  # as the graph states it (xsd:date or xsd:dateTime lexical form)
    outlet: str  # schema:publisher's label
    origin: str  # schema:sourceOrganization's label (the outlet that wrote it), if another
    authors: tuple[str, ...]
    url: str
    extractor: str | None  # the extractor's version for an extracted article, None for a curated one
    text: str
    highlights: tuple[Highlight, ...]
    records: tuple[Record, ...]
    tables: tuple[Table, ...] = ()
    mismatched: int = 0  # evidence spans whose offsets do not hold their quote (left out; never expected)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def date(self) -> str:
        return self.published[:10]

    @property
    def extracted(self) -> bool:
        return self.extractor is not None


def article_iris(index: TripleIndex) -> list[str]:
    """Every article of the index (``schema:NewsArticle``), sorted."""
    return index.subjects(TYPE, _SCHEMA + "NewsArticle")


class _Reader:
    """Reads one article's records off the index."""

    def __init__(self, index: TripleIndex, vocab: Vocab, base: str) -> None:
        self.index = index
        self.vocab = vocab
        self.base = base
        self.entity_prefix = f"{base}id/"
        self.concept_prefix = f"{base}concept/"
        self.fact_prefix = f"{base}fact/"
        self._labels: dict[str, tuple[str, str]] = {}

    # --- labels ---------------------------------------------------------------------------------

    def labels(self, iri: str) -> tuple[str, str]:
        """(zh-Hans, en) label: the node's own (skos:prefLabel, else rdfs:label), else the ontology's."""
        found = self._labels.get(iri)
        if found is None:
            found = self._labels[iri] = self._read_labels(iri)
        return found

    def _read_labels(self, iri: str) -> tuple[str, str]:
        by_lang: dict[str, str] = {}
        for predicate in (PREF_LABEL, LABEL):  # rdfs:label only in a language without a skos:prefLabel
            for lit in self.index.literals(iri, predicate):  # sorted: the least wins, whatever the order
                by_lang.setdefault(lit.lang, lit.value)
        zh = by_lang.get(ZH) or by_lang.get("zh") or by_lang.get("")
        en = by_lang.get("en", "")
        if zh is None:
            onto_zh, onto_en = self.vocab.labels.get(iri, ("", ""))
            zh = onto_zh or en or iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            en = en or onto_en
        return zh, en

    def label(self, term: str | Lit) -> str:
        if isinstance(term, Lit):
            return term.value
        return self.labels(term)[0]

    def href(self, iri: str) -> str | None:
        """The graph view of an entity or concept (whether it is written is the page script's to know:
        ``lib/parkgraph-graph.js`` says whether the graph views are written beside the article pages)."""
        if iri.startswith(self.entity_prefix):
            return entity_path(iri, self.base)
        if iri.startswith(self.concept_prefix) or CONCEPT in self.index.types(iri):
            return concept_path(iri, self.base)
        return None

    def kind(self, iri: str) -> str:
        types = self.index.types(iri)
        if STATEMENT in types:
            return "statement"
        if CONCEPT in types:
            return "concept"
        if iri.startswith(self.entity_prefix):
            return "entity"
        if iri.startswith(self.fact_prefix):
            return "fact"
        return "other"

    # --- values ---------------------------------------------------------------------------------

    def quantity(self, node: str) -> tuple[list[tuple[str, str, str]], dict[str, object]]:
        """A fact's quantity as a value line, and its parts for the figures table."""
        index = self.index
        target = (index.iris(node, QUANTITY) or [None])[0]
        if target is None:
            return [], {}
        value = index.value(target, VALUE)
        surface = index.value(target, SURFACE)
        currency = index.value(target, CURRENCY)
        unit = index.value(target, UNIT_TEXT) or currency
        qualifier = index.value(target, QUALIFIER)
        number = _decimal(value)
        qualifier_label = ("", "")
        if isinstance(qualifier, str) and qualifier != _PG + "Exactly":
            qualifier_label = self.vocab.label(qualifier)
        unit_text = unit.value if isinstance(unit, Lit) else ""
        parts = []
        if number is not None:
            parts.append(f"{format_number(number)} {unit_text}".strip())
        if qualifier_label[0]:
            parts.append(
                f"{qualifier_label[0]} / {qualifier_label[1]}" if qualifier_label[1] else qualifier_label[0]
            )
        text = surface.value if isinstance(surface, Lit) else ""
        if parts:
            text = f"{text}（{'，'.join(parts)}）" if text else "，".join(parts)
        figure = {
            "number": number,
            "unit": unit_text,
            "surface": surface.value if isinstance(surface, Lit) else "",
            "qualifier": qualifier_label[0],
        }
        return ([("数值", "value", text)] if text else []), figure

    def instant(self, node: str) -> str | None:
        for predicate in INSTANTS:
            found = self.index.value(node, predicate)
            if isinstance(found, Lit):
                return found.value
        return None

    def time(self, node: str) -> tuple[str, str]:
        """(shown, sort key) of a fact's ``time:hasTime``: "今年上半年（2022-01-01 – 2022-06-30）"."""
        index = self.index
        target = (index.iris(node, HAS_TIME) or [None])[0]
        if target is None:
            return "", ""
        surface = index.value(target, SURFACE)
        begin_node, end_node = index.value(target, BEGINNING), index.value(target, ENDING)
        if isinstance(begin_node, str) or isinstance(end_node, str):
            begin = self.instant(begin_node) if isinstance(begin_node, str) else None
            end = self.instant(end_node) if isinstance(end_node, str) else None
            shown = f"{begin or '…'} – {end or '…'}"
            key = begin or end or ""
        else:
            instant = self.instant(target)
            shown = key = instant or ""
        if isinstance(surface, Lit) and surface.value:
            shown = f"{surface.value}（{shown}）" if shown else surface.value
        return shown, key

    def literal_values(self, node: str) -> list[tuple[str, str, str]]:
        """Every literal property but labels, joined per property: zh-Hans (or no language) first."""
        index = self.index
        lines = []
        for predicate in index.predicates(node):
            if predicate in _HIDDEN_LITERALS:
                continue
            found = index.literals(node, predicate)
            if not found:
                continue
            zh = [lit.value for lit in found if lit.lang in ("", ZH)]
            other = [lit.value for lit in found if lit.lang not in ("", ZH)]
            text = "、".join(zh)
            if other:
                text = f"{text}（{'; '.join(other)}）" if text else "; ".join(other)
            name, name_en = self.vocab.label(predicate)
            lines.append((name, name_en, text))
        return lines


def read_article(index: TripleIndex, article: str, vocab: Vocab, *, base: str) -> ArticleData:
    """The page's content for ``article`` (its IRI) from ``index``."""
    reader = _Reader(index, vocab, base)
    article_id = _text(index.value(article, _SCHEMA + "identifier")) or article.rstrip("/").rsplit("/", 1)[-1]
    text = _text(index.value(article, _SCHEMA + "text"))
    spans: dict[str, tuple[int, int, str]] = {}
    mismatched = 0
    for evidence in index.subjects(HAS_SOURCE, article):
        start = end = None
        exact = ""
        for selector in index.iris(evidence, HAS_SELECTOR):
            exact = exact or _text(index.value(selector, EXACT))
            s, e = _integer(index.value(selector, START)), _integer(index.value(selector, END))
            if s is not None and e is not None:
                start, end = s, e
        if start is None or end is None:
            continue
        if not (0 <= start <= end <= len(text)) or (exact and text[start:end] != exact):
            mismatched += 1
            continue
        spans[evidence] = (start, end, text[start:end])
    ordered = sorted(spans, key=lambda e: (spans[e][0], -spans[e][1], e))
    span_number = {e: i for i, e in enumerate(ordered)}

    # records: every node with evidence here, in text order of their first span
    supported: dict[str, list[int]] = {}
    for evidence in ordered:
        for node in index.subjects(EVIDENCE, evidence):
            supported.setdefault(node, []).append(span_number[evidence])
    kinds = {node: reader.kind(node) for node in supported}
    nodes = sorted(supported, key=lambda n: (min(supported[n]), _KIND_ORDER[kinds[n]], n))
    record_number = {node: i for i, node in enumerate(nodes)}
    confidence = _confidences(index, article_id, base)

    records: list[Record] = []
    extra: list[dict[str, object]] = []  # per record, what the tables need beyond the card
    for node in nodes:
        spans_of = tuple(sorted(supported[node]))
        record, more = _record(reader, node, kinds[node], record_number, confidence.get(node), spans_of)
        records.append(record)
        extra.append(more)

    highlights = []
    for evidence in ordered:
        start, end, exact = spans[evidence]
        numbers = sorted(
            (record_number[n] for n in index.subjects(EVIDENCE, evidence)),
            key=lambda r: (_KIND_ORDER[records[r].kind], r),
        )
        category = records[numbers[0]].category if numbers else "evidence"
        highlights.append(Highlight(start, end, exact, tuple(numbers), category))

    extractor = None
    for activity in index.subjects(PROV_USED, article):
        for agent in index.iris(activity, PROV_ASSOCIATED):
            version = index.value(agent, VERSION)
            if version is not None:
                extractor = _text(version)
    entity_count = sum(1 for r in records if r.kind in ("entity", "concept"))
    data = ArticleData(
        article_id=article_id,
        iri=article,
        title=_text(index.value(article, _SCHEMA + "headline")) or article_id,
        published=_text(index.value(article, _SCHEMA + "datePublished")),
        outlet=_names(reader, index.objects(article, _SCHEMA + "publisher")),
        origin=_names(reader, index.objects(article, _SCHEMA + "sourceOrganization")),
        authors=tuple(sorted({reader.label(a) for a in index.objects(article, _SCHEMA + "author")})),
        url=_text(index.value(article, _SCHEMA + "url")),
        extractor=extractor,
        text=text,
        highlights=tuple(highlights),
        records=tuple(records),
        mismatched=mismatched,
        counts={
            "entities": entity_count,
            "facts": sum(1 for r in records if r.kind == "fact"),
            "statements": sum(1 for r in records if r.kind == "statement"),
            "spans": len(highlights),
        },
    )
    return _with_tables(data, extra, reader)


def _record(
    reader: _Reader,
    node: str,
    kind: str,
    numbers: dict[str, int],
    confidence: float | None,
    spans: tuple[int, ...],
) -> tuple[Record, dict[str, object]]:
    """A record's card, and what its table rows need."""
    index, vocab = reader.index, reader.vocab
    label, label_en = reader.labels(node)
    more: dict[str, object] = {}
    types = index.types(node)
    specific = vocab.specific([t for t in types if t != STATEMENT])
    if kind == "statement":
        subject, predicate = index.value(node, SUBJECT), index.value(node, PREDICATE)
        obj = index.value(node, OBJECT)
        p_zh, p_en = vocab.label(predicate) if isinstance(predicate, str) else ("", "")
        parts = tuple(
            _part(reader, role, role_en, term, numbers)
            for role, role_en, term in (("主体", "subject", subject), ("客体", "object", obj))
            if term is not None
        )
        s_label = reader.label(subject) if subject is not None else ""
        o_label = reader.label(obj) if obj is not None else ""
        more = {"relation": (p_zh, p_en), "subject": subject, "object": obj}
        return (
            Record(
                kind=kind,
                iri=node,
                label=f"{s_label} —{p_zh}→ {o_label}",
                label_en=p_en,
                type_label="关系陈述",
                type_label_en="statement",
                curie=curie(predicate) if isinstance(predicate, str) else "",
                category="statement",
                values=(("关系", "relation", f"{p_zh}（{p_en}）" if p_en else p_zh),),
                parts=parts,
                spans=spans,
                confidence=confidence,
            ),
            more,
        )
    category, main = vocab.category(specific)
    type_zh = "、".join(vocab.label(t)[0] for t in specific) or category.label
    type_en = ", ".join(vocab.label(t)[1] or curie(t) for t in specific) or category.label_en
    values: list[tuple[str, str, str]] = []
    parts: list[Part] = []
    if kind == "concept":
        for scheme in index.iris(node, IN_SCHEME):
            values.append(("概念体系", "scheme", reader.label(scheme)))
    quantity_lines, figure = reader.quantity(node)
    values += quantity_lines
    time_shown, time_key = reader.time(node)
    if time_shown:
        values.append(("时间", "time", time_shown))
    values += reader.literal_values(node)
    if kind == "fact":
        for predicate in index.predicates(node):
            if predicate in _STRUCTURE:
                continue
            role, role_en = vocab.label(predicate)
            for target in index.iris(node, predicate):
                parts.append(_part(reader, role, role_en, target, numbers))
    elif kind == "entity" and POST in types:
        for holder in index.subjects(HOLDS, node):
            parts.append(_part(reader, "任职者", "holder", holder, numbers))
        for predicate in (ROLE, POST_IN):
            role, role_en = vocab.label(predicate)
            for target in index.iris(node, predicate):
                parts.append(_part(reader, role, role_en, target, numbers))
    more = {"figure": figure, "time": (time_shown, time_key), "types": types}
    return (
        Record(
            kind=kind,
            iri=node,
            label=label,
            label_en=label_en,
            type_label=type_zh,
            type_label_en=type_en,
            curie=curie(main) if main else "",
            category=category.key,
            values=tuple(values),
            parts=tuple(parts),
            spans=spans,
            confidence=confidence,
            href=reader.href(node) if kind in ("entity", "concept") else None,
        ),
        more,
    )


def _part(reader: _Reader, role: str, role_en: str, term: str | Lit, numbers: dict[str, int]) -> Part:
    if isinstance(term, Lit):
        return Part(role, role_en, term.value)
    return Part(role, role_en, reader.label(term), reader.href(term), numbers.get(term))


def _confidences(index: TripleIndex, article_id: str, base: str) -> dict[str, float]:
    """record IRI → the extractor's confidence, from this article's ``oa:Annotation``\\ s only (an entity
    is shared: another article's annotation says how sure that extraction was)."""
    prefix = f"{base}annotation/{article_id}/"
    found: dict[str, float] = {}
    for annotation, predicates in index.out.items():
        if not annotation.startswith(prefix):
            continue
        values = predicates.get(_ITS_CONFIDENCE, [])
        bodies = predicates.get(HAS_BODY, [])
        for value in values:
            number = _decimal(value)
            if number is None:
                continue
            for body in bodies:
                if isinstance(body, str):
                    found[body] = min(found.get(body, 1.0), float(number))
    return found


# --- tables -------------------------------------------------------------------------------------------


def _with_tables(data: ArticleData, extra: list[dict[str, object]], reader: _Reader) -> ArticleData:
    records = data.records
    index = reader.index
    numbers = {record.iri: number for number, record in enumerate(records)}
    rows: dict[str, list[Row]] = {key: [] for key in _TABLES}
    for number, record in enumerate(records):
        more = extra[number]
        confidence = _confidence_cell(record)

        def link(term: object) -> Cell:
            if isinstance(term, Lit):
                return Cell(term.value, term.value)
            if isinstance(term, str):
                label = reader.label(term)
                return Cell(label, label, numbers.get(term))
            return Cell("", "")

        if record.kind == "statement":
            p_zh, _ = more["relation"]  # type: ignore[misc]
            cells = (link(more["subject"]), Cell(p_zh, p_zh), link(more["object"]), confidence)
            rows["relations"].append(Row(number, cells))
            continue
        types = set(more.get("types", ()))  # type: ignore[arg-type]
        time_shown, time_key = more.get("time", ("", ""))  # type: ignore[misc]
        figure: dict[str, object] = more.get("figure", {})  # type: ignore[assignment]
        up = set().union(*(reader.vocab.up(t) for t in types)) if types else set()
        if record.kind in ("entity", "concept"):
            if POST in up:
                holders = [link(h) for h in index.subjects(HOLDS, record.iri)]
                roles = [reader.label(r) for r in index.iris(record.iri, ROLE)] or [record.label]
                orgs = [link(o) for o in index.iris(record.iri, POST_IN)]
                rows["posts"].append(
                    Row(
                        number,
                        (_join(holders), Cell("、".join(roles), "、".join(roles)), _join(orgs), confidence),
                    )
                )
            rows["entities"].append(
                Row(
                    number,
                    (
                        Cell(record.label, record.label, number),
                        Cell(record.type_label, record.type_label),
                        Cell(record.label_en, record.label_en),
                        confidence,
                    ),
                )
            )
            continue
        if record.kind != "fact":
            continue
        amount = _amount_cell(figure)
        if EVENT in up:
            participants = "；".join(f"{p.role}：{p.label}" for p in record.parts)
            rows["events"].append(
                Row(
                    number,
                    (
                        Cell(record.type_label, record.type_label),
                        Cell(record.label, record.label, number),
                        Cell(time_shown, time_key),
                        Cell(participants, participants),
                        amount,
                        confidence,
                    ),
                )
            )
        elif CLAIM in up:
            rank = index.value(record.iri, RANK)
            criterion = [lit for lit in index.literals(record.iri, CRITERION) if lit.lang in ("", ZH)]
            rank_number = _decimal(rank)
            rows["rankings"].append(
                Row(
                    number,
                    (
                        _join([link(t) for t in index.iris(record.iri, RANKED)]),
                        Cell(
                            criterion[0].value if criterion else "", criterion[0].value if criterion else ""
                        ),
                        Cell(_text(rank), float(rank_number) if rank_number is not None else -1.0),
                        _join([link(t) for t in index.iris(record.iri, SCOPE)]),
                        confidence,
                    ),
                )
            )
        elif figure:
            subjects = [link(t) for t in index.iris(record.iri, OBSERVATION_ABOUT)]
            indicators = [reader.label(t) for t in index.iris(record.iri, INDICATOR)]
            indicator = "、".join(indicators) or record.type_label
            rows["figures"].append(
                Row(
                    number,
                    (
                        _join(subjects),
                        Cell(indicator, indicator, number),
                        amount,
                        Cell(str(figure.get("unit", "")), str(figure.get("unit", ""))),
                        Cell(str(figure.get("qualifier", "")), str(figure.get("qualifier", ""))),
                        Cell(time_shown, time_key),
                        confidence,
                    ),
                )
            )
        else:
            parts = "；".join(f"{p.role}：{p.label}" for p in record.parts)
            rows["other"].append(
                Row(
                    number,
                    (
                        Cell(record.type_label, record.type_label),
                        Cell(record.label, record.label, number),
                        Cell(time_shown, time_key),
                        Cell(parts, parts),
                        confidence,
                    ),
                )
            )
    with_confidence = any(r.confidence is not None for r in records)
    tables = []
    for key, (title, title_en, columns) in _TABLES.items():
        if not rows[key]:
            continue
        found = rows[key]
        if not with_confidence:  # a curated article: no confidence column
            columns = columns[:-1]
            found = [Row(r.record, r.cells[:-1]) for r in found]
        tables.append(Table(key, title, title_en, columns, tuple(found)))
    return replace(data, tables=tuple(tables))


_CONFIDENCE_COLUMN = ("置信度", "confidence")
#: key → (title, English title, columns); the last column is the confidence (dropped when none is known).
_TABLES: dict[str, tuple[str, str, tuple[tuple[str, str], ...]]] = {
    "figures": (
        "数据",
        "figures",
        (
            ("主体", "about"),
            ("指标", "indicator"),
            ("数值", "value"),
            ("单位", "unit"),
            ("限定", "qualifier"),
            ("时间", "period"),
            _CONFIDENCE_COLUMN,
        ),
    ),
    "events": (
        "事件",
        "events",
        (
            ("类型", "type"),
            ("事件", "event"),
            ("日期", "date"),
            ("参与方", "participants"),
            ("金额", "amount"),
            _CONFIDENCE_COLUMN,
        ),
    ),
    "posts": (
        "职务",
        "posts",
        (("人物", "person"), ("职务", "title"), ("机构", "organisation"), _CONFIDENCE_COLUMN),
    ),
    "rankings": (
        "排名",
        "rankings",
        (("对象", "ranked"), ("标准", "criterion"), ("名次", "rank"), ("范围", "scope"), _CONFIDENCE_COLUMN),
    ),
    "other": (
        "其他事实",
        "other facts",
        (
            ("类型", "type"),
            ("事实", "fact"),
            ("时间", "time"),
            ("参与方", "participants"),
            _CONFIDENCE_COLUMN,
        ),
    ),
    "relations": (
        "关系",
        "relations",
        (("主体", "subject"), ("关系", "relation"), ("客体", "object"), _CONFIDENCE_COLUMN),
    ),
    "entities": (
        "实体",
        "entities",
        (("名称", "name"), ("类别", "class"), ("英文", "English"), _CONFIDENCE_COLUMN),
    ),
}


def _confidence_cell(record: Record) -> Cell:
    if record.confidence is None:
        return Cell("", -1.0)
    return Cell(f"{record.confidence:.2f}", record.confidence)


def _amount_cell(figure: dict[str, object]) -> Cell:
    number = figure.get("number") if figure else None
    if not isinstance(number, Decimal):
        return Cell("", -1.0)
    surface = str(figure.get("surface") or "")
    text = format_number(number)
    return Cell(f"{text}（{surface}）" if surface and surface != text else text, float(number))


def _join(cells: list[Cell]) -> Cell:
    """One cell for several participants; it links to the first that has a record here."""
    if not cells:
        return Cell("", "")
    text = "、".join(c.text for c in cells)
    return Cell(text, text, next((c.record for c in cells if c.record is not None), None))


# --- small helpers --------------------------------------------------------------------------------------


def _text(term: object) -> str:
    return term.value if isinstance(term, Lit) else (term if isinstance(term, str) else "")


def _names(reader: _Reader, terms: list[str | Lit]) -> str:
    return "、".join(sorted({reader.label(t) for t in terms}))


def _integer(term: object) -> int | None:
    if isinstance(term, Lit):
        try:
            return int(term.value)
        except ValueError:
            return None
    return None


def _decimal(term: object) -> Decimal | None:
    if isinstance(term, Lit):
        try:
            number = Decimal(term.value)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def format_number(number: Decimal) -> str:
    """``3645000000`` → ``3,645,000,000``; ``36.450`` → ``36.45``."""
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


#: For a category key, its colour (the graph views' legend); statements have their own.
def colour(key: str) -> str:
    if key == "statement":
        return STATEMENT_COLOUR
    return CATEGORY_BY_KEY[key].color if key in CATEGORY_BY_KEY else CATEGORY_BY_KEY["other"].color


STATEMENT_COLOUR = "#748ffc"

__all__ = [
    "LOW_CONFIDENCE",
    "SKIPPED",
    "ArticleData",
    "Cell",
    "Highlight",
    "Part",
    "Record",
    "Row",
    "Table",
    "article_iris",
    "colour",
    "format_number",
    "read_article",
]
