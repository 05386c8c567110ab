"""Populating RDF from an article and its curated annotations.

:func:`populate` turns an :class:`~parkgraph.reader.Article` and its
:class:`~parkgraph.annotations.Annotations` into an ``rdflib.Graph`` following docs/model.md:
labels in ``zh-Hans`` and ``en``, every entity, fact and simple statement linked with ``pg:evidence``
to a Web Annotation span of the article, quantities normalised, relative dates resolved against the
dateline. Every problem raises :class:`~parkgraph.errors.AnnotationError` with the annotation's line.

:func:`article_ntriples` gives the same article's canonical N-Triples, the bytes of
``ntriples(populate(...))``, without an rdflib Graph. Why: a corpus build of 10,000 articles cannot
afford rdflib's per-triple cost (a ``Graph.add`` updates three indexes and fires an event, and each term
is built and validated as an object), which was most of the time per article. So the populator works on
triples of N-Triples terms (plain strings, see :mod:`parkgraph.ntriples`): an insertion-ordered dict
keyed by triple de-duplicates them as a graph would, N-Triples is those triples formatted and sorted, and
:func:`populate` builds its Graph from them once (:func:`graph_of`), in the order the triples were first
stated, so its store, and every serialisation of it, is what adding them one by one gave.
:func:`article_triples` hands the triples themselves to callers that merge or count without querying.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, TIME, XSD
from rdflib.term import Node

from . import ntriples as nt
from .annotations import Annotations, Concept, Entity, Fact, Labelled, Prop, Quote, Relation
from .errors import AnnotationError, EvidenceNotFoundError
from .evidence import Span, count, locate
from .iris import IriMinter
from .minted import MintedSpan, MintReport, OntologyTerms
from .namespaces import OA, PG, PREFIXES, SCHEMA
from .quantities import Quantity, parse_quantity
from .reader import Article
from .temporal import TimeSpec, resolve_time, xsd_datatype
from .vocabulary import Vocabulary

ZH = "zh-Hans"
EN = "en"
_XSD_INSTANT = {"date": TIME.inXSDDate, "gYearMonth": TIME.inXSDgYearMonth, "gYear": TIME.inXSDgYear}

#: The terms every article uses, in N-Triples form, made once: building a URIRef from a Namespace
#: attribute costs a microsecond, and the populator names them thousands of times per article.
_TYPE = nt.iri(RDF.type)
_PREF_LABEL = nt.iri(SKOS.prefLabel)
_LABEL = nt.iri(RDFS.label)
_ALT_LABEL = nt.iri(SKOS.altLabel)
_EVIDENCE = nt.iri(PG.evidence)
_PG_EVIDENCE = nt.iri(PG.Evidence)
_SPECIFIC_RESOURCE = nt.iri(OA.SpecificResource)
_HAS_SOURCE = nt.iri(OA.hasSource)
_HAS_SELECTOR = nt.iri(OA.hasSelector)
_TEXT_QUOTE_SELECTOR = nt.iri(OA.TextQuoteSelector)
_TEXT_POSITION_SELECTOR = nt.iri(OA.TextPositionSelector)
_EXACT = nt.iri(OA.exact)
_PREFIX = nt.iri(OA.prefix)
_SUFFIX = nt.iri(OA.suffix)
_START = nt.iri(OA.start)
_END = nt.iri(OA.end)
_NON_NEGATIVE_INTEGER = f"^^<{XSD.nonNegativeInteger}>"
_STATEMENT = nt.iri(RDF.Statement)
_SUBJECT = nt.iri(RDF.subject)
_PREDICATE = nt.iri(RDF.predicate)
_OBJECT = nt.iri(RDF.object)
_IN_SCHEME = nt.iri(SKOS.inScheme)
_CONCEPT = nt.iri(SKOS.Concept)
_CONCEPT_SCHEME = nt.iri(SKOS.ConceptScheme)
_PG_QUALIFIER = nt.iri(PG.qualifier)
_PG_QUANTITY = nt.iri(PG.quantity)
_PG_SURFACE_FORM = nt.iri(PG.surfaceForm)
_SCHEMA_MONETARY_AMOUNT = nt.iri(SCHEMA.MonetaryAmount)
_SCHEMA_NEWS_ARTICLE = nt.iri(SCHEMA.NewsArticle)
_SCHEMA_QUANTITATIVE_VALUE = nt.iri(SCHEMA.QuantitativeValue)
_SCHEMA_ABOUT = nt.iri(SCHEMA.about)
_SCHEMA_ARTICLE_BODY = nt.iri(SCHEMA.articleBody)
_SCHEMA_AUTHOR = nt.iri(SCHEMA.author)
_SCHEMA_CURRENCY = nt.iri(SCHEMA.currency)
_SCHEMA_DATE_PUBLISHED = nt.iri(SCHEMA.datePublished)
_SCHEMA_HEADLINE = nt.iri(SCHEMA.headline)
_SCHEMA_IDENTIFIER = nt.iri(SCHEMA.identifier)
_SCHEMA_IN_LANGUAGE = nt.iri(SCHEMA.inLanguage)
_SCHEMA_KEYWORDS = nt.iri(SCHEMA.keywords)
_SCHEMA_MAX_VALUE = nt.iri(SCHEMA.maxValue)
_SCHEMA_MENTIONS = nt.iri(SCHEMA.mentions)
_SCHEMA_MIN_VALUE = nt.iri(SCHEMA.minValue)
_SCHEMA_PUBLISHER = nt.iri(SCHEMA.publisher)
_SCHEMA_URL = nt.iri(SCHEMA.url)
_PROV = "http://www.w3.org/ns/prov#"
_PROV_ACTIVITY = nt.iri(URIRef(_PROV + "Activity"))
_PROV_SOFTWARE_AGENT = nt.iri(URIRef(_PROV + "SoftwareAgent"))
_PROV_USED = nt.iri(URIRef(_PROV + "used"))
_PROV_ASSOCIATED = nt.iri(URIRef(_PROV + "wasAssociatedWith"))
_PROV_GENERATED_BY = nt.iri(URIRef(_PROV + "wasGeneratedBy"))
_SCHEMA_SOFTWARE_VERSION = nt.iri(SCHEMA.softwareVersion)
_OA_ANNOTATION = nt.iri(OA.Annotation)
_OA_HAS_BODY = nt.iri(OA.hasBody)
_OA_HAS_TARGET = nt.iri(OA.hasTarget)
_OA_MOTIVATED_BY = nt.iri(OA.motivatedBy)
_OA_IDENTIFYING = nt.iri(OA.identifying)
_OA_DESCRIBING = nt.iri(OA.describing)
#: ITS 2.0's text-analysis confidence (as NIF uses it): the extractor's confidence in a record, 0..1.
_ITS_TA_CONFIDENCE = "<http://www.w3.org/2005/11/its/rdf#taConfidence>"
_XSD_DOUBLE = f"^^<{XSD.double}>"
_SCHEMA_SOURCE_ORGANIZATION = nt.iri(SCHEMA.sourceOrganization)
_SCHEMA_SHA256 = nt.iri(SCHEMA.sha256)
_SCHEMA_TEXT = nt.iri(SCHEMA.text)
_SCHEMA_UNIT_CODE = nt.iri(SCHEMA.unitCode)
_SCHEMA_UNIT_TEXT = nt.iri(SCHEMA.unitText)
_SCHEMA_VALUE = nt.iri(SCHEMA.value)
_TIME_INSTANT = nt.iri(TIME.Instant)
_TIME_PROPER_INTERVAL = nt.iri(TIME.ProperInterval)
_TIME_HAS_TIME = nt.iri(TIME.hasTime)
_TIME_IN_XSD_DATE = nt.iri(TIME.inXSDDate)

Triple = tuple[str, str, str]


def decimal_literal(value: Decimal) -> Literal:
    """An xsd:decimal in the lexical form every serialisation keeps: '12.0', never '12' or '1.2E+1'.

    Turtle's shorthand decimal needs a '.', so rdflib writes 12 as ``12.0``; emitting that form from
    the start keeps Turtle, N-Triples and JSON-LD byte-for-byte about the same literal.
    """
    text = format(value, "f")
    if "." not in text:
        text += ".0"
    return Literal(text, datatype=XSD.decimal)


def new_graph() -> Graph:
    """An empty graph with parkgraph's prefixes bound (so every serialisation uses them)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _lang(text: str, lang: str) -> str:
    """A language-tagged literal's N-Triples form (the hot case of :func:`parkgraph.ntriples.literal`)."""
    return f"{nt.quoted(text)}@{lang}"


class _Populator:
    """Collects one article's triples, as triples of N-Triples terms (see the module docstring).

    A term is a ``str``: ``<iri>`` or a quoted literal. Two rdflib terms are equal exactly when their
    N-Triples forms are, for every term made here (rdflib compares language tags case-insensitively, but
    the only tags used are the constants ``zh-Hans`` and ``en``), so the dict de-duplicates as a Graph does.
    """

    def __init__(self, article: Article, notes: Annotations, vocabulary: Vocabulary, base: str) -> None:
        if notes.article_id != article.article_id:
            raise AnnotationError(
                notes.path,
                1,
                f"article {notes.article_id!r} does not match the capture {article.source_path.name!r}",
            )
        self.article = article
        self.notes = notes
        self.vocabulary = vocabulary
        self.iris = IriMinter(base=base, article_id=article.article_id)
        #: Insertion-ordered set of triples (dict keys): the order decides a built Graph's store order.
        self.triples: dict[Triple, None] = {}
        self.text = article.text
        self.article_iri = nt.iri(self.iris.article())
        self._entities: dict[str, str] = {}
        self._refs: dict[str, str] = {}
        self._spans: dict[tuple[str, int], Span] = {}
        self._evidence: dict[tuple[int, int], str] = {}
        #: Every evidence span as written, for the checks proved at mint time (:mod:`parkgraph.minted`).
        self.minted_spans: list[MintedSpan] = []
        #: The records a draft gives a confidence: (node, motivation, quotes, confidence), in order.
        self._confident: list[tuple[str, str, tuple[Quote, ...], float]] = []

    # --- helpers ---------------------------------------------------------------------------------
    def fail(self, line: int | None, problem: str) -> AnnotationError:
        return AnnotationError(self.notes.path, line, problem)

    def add(self, s: str, p: str, o: str) -> None:
        self.triples[(s, p, o)] = None

    def entity(self, slug: str) -> str:
        """An entity's IRI term; entities are named many times (mentions, props, relations)."""
        term = self._entities.get(slug)
        if term is None:
            term = self._entities[slug] = nt.iri(self.iris.entity(slug))
        return term

    def labels(self, node: str, item: Labelled) -> None:
        zh, en = _lang(item.label, ZH), _lang(item.en, EN)
        for predicate in (_PREF_LABEL, _LABEL):
            self.add(node, predicate, zh)
            self.add(node, predicate, en)
        for alt in item.alt:
            if alt != item.label:
                self.add(node, _ALT_LABEL, _lang(alt, ZH))

    def span(self, quote: Quote) -> Span:
        key = (quote.exact, quote.occurrence)
        span = self._spans.get(key)
        if span is not None:
            return span
        span = locate(self.text, quote.exact, occurrence=quote.occurrence)
        if span is None:
            found = count(self.text, quote.exact)
            detail = f" (it occurs {found} time(s), not {quote.occurrence})" if found else ""
            raise EvidenceNotFoundError(self.notes.path, quote.line, quote.exact, detail)
        self._spans[key] = span
        return span

    def confident(
        self,
        node: str,
        record: Concept | Entity | Fact | Relation,
        quotes: tuple[Quote, ...],
        motivation: str,
    ) -> None:
        """Remember the extractor's confidence in ``record`` (the node ``node``), if it has one and the
        article is extracted: :meth:`extraction` states it on the record's annotation."""
        if record.confidence is not None and self.notes.extracted:
            self._confident.append((node, motivation, quotes, record.confidence))

    def evidence(self, node: str, quotes: Iterable[Quote]) -> list[Span]:
        spans = []
        for quote in quotes:
            span = self.span(quote)
            spans.append(span)
            self.add(node, _EVIDENCE, self.evidence_node(span))
        return spans

    def evidence_node(self, span: Span) -> str:
        """The span's evidence node; its triples are stated the first time only (later, all duplicates)."""
        known = self._evidence.get((span.start, span.end))
        if known is not None:
            return known
        iri = self.iris.evidence(span.start, span.end)
        node = nt.iri(iri)
        quote = nt.iri(IriMinter.part(iri, "quote"))
        position = nt.iri(IriMinter.part(iri, "position"))
        self.add(node, _TYPE, _PG_EVIDENCE)
        self.add(node, _TYPE, _SPECIFIC_RESOURCE)
        self.add(node, _HAS_SOURCE, self.article_iri)
        self.add(node, _HAS_SELECTOR, quote)
        self.add(node, _HAS_SELECTOR, position)
        self.add(quote, _TYPE, _TEXT_QUOTE_SELECTOR)
        self.add(quote, _EXACT, _lang(span.exact, ZH))
        if span.prefix:
            self.add(quote, _PREFIX, _lang(span.prefix, ZH))
        if span.suffix:
            self.add(quote, _SUFFIX, _lang(span.suffix, ZH))
        self.add(position, _TYPE, _TEXT_POSITION_SELECTOR)
        # str(int) is the lexical form rdflib gives Literal(int, datatype=...).
        self.add(position, _START, f'"{span.start}"{_NON_NEGATIVE_INTEGER}')
        self.add(position, _END, f'"{span.end}"{_NON_NEGATIVE_INTEGER}')
        self._evidence[(span.start, span.end)] = node
        prefix, suffix = span.prefix or None, span.suffix or None  # as written: none when empty
        minted = MintedSpan(node, self.text, span.start, span.end, span.exact, prefix, suffix)
        self.minted_spans.append(minted)
        return node

    def types(self, node: str, types: Iterable[str], line: int) -> None:
        for type_iri in types:
            iri = URIRef(type_iri)
            if iri not in self.vocabulary.classes:
                raise self.fail(
                    line, f"class {iri} is not declared in the ontology; declare it or fix the type"
                )
            self.add(node, _TYPE, nt.iri(iri))

    def ref(self, value: Any, line: int) -> str:
        """Resolve an annotation reference: entity slug, fact slug or concept 'scheme/slug'."""
        if isinstance(value, str):
            term = self._refs.get(value)
            if term is not None:
                return term
            if value in self.notes.entities:
                term = self.entity(value)
            elif value in self.notes.facts:
                term = nt.iri(self.iris.fact(value))
            elif value in self.notes.concepts:
                concept = self.notes.concepts[value]
                term = nt.iri(self.iris.concept(concept.scheme, concept.slug))
            if term is not None:
                self._refs[value] = term  # the same few nodes are referred to over and over
                return term
        raise self.fail(line, f"{value!r} is not an entity, fact or concept ('scheme/slug') of this file")

    def literal(self, value: Any, datatype: URIRef, line: int, predicate: URIRef) -> Literal:
        if datatype == RDF.langString:
            if isinstance(value, str):
                return Literal(value, lang=ZH)
            if isinstance(value, dict) and len(value) == 1:
                ((lang, text),) = value.items()
                if lang in (ZH, EN) and isinstance(text, str):
                    return Literal(text, lang=lang)
            raise self.fail(line, f"{predicate} takes text, or {{zh-Hans: …}} / {{en: …}}; got {value!r}")
        if datatype in (XSD.integer, XSD.nonNegativeInteger):
            if isinstance(value, int) and not isinstance(value, bool):
                return Literal(value, datatype=datatype)
            raise self.fail(line, f"{predicate} takes a whole number; got {value!r}")
        if datatype == XSD.decimal:
            try:
                return decimal_literal(Decimal(str(value)))
            except InvalidOperation:
                raise self.fail(line, f"{predicate} takes a decimal number; got {value!r}") from None
        if not isinstance(value, (str, int)):
            raise self.fail(line, f"{predicate} takes a {datatype} literal; got {value!r}")
        return Literal(str(value), datatype=None if datatype == XSD.string else datatype)

    def props(
        self,
        node: str,
        props: Iterable[Prop],
        reify_with: tuple[Quote, ...] | None,
        record: Labelled | None = None,
    ) -> None:
        """The props of ``node``; reified with ``reify_with``'s quotes if given, each statement then
        carrying ``record``'s confidence (an extracted entity's properties are as sure as it is)."""
        for prop in props:
            predicate = URIRef(prop.predicate)
            p = nt.iri(predicate)
            for value in prop.values:
                obj, obj_n3 = self.value(predicate, value, prop.line)
                self.add(node, p, obj)
                if reify_with is not None:
                    statement = self.reify(node, p, obj, obj_n3, reify_with)
                    if record is not None:
                        self.confident(statement, record, reify_with, _OA_DESCRIBING)

    def value(self, predicate: URIRef, value: Any, line: int) -> tuple[str, str]:
        """The object term, and its rdflib ``n3()`` (which names the statement; for a literal it is not
        the N-Triples form: rdflib's n3 writes a literal with a newline in triple quotes)."""
        if predicate in self.vocabulary.object_properties:
            term = self.ref(value, line)
            return term, term  # URIRef.n3() is <iri>, the N-Triples form
        if predicate in self.vocabulary.datatype_ranges:
            literal = self.literal(value, self.vocabulary.datatype_ranges[predicate], line, predicate)
            return nt.literal_term(literal), literal.n3()
        raise self.fail(line, f"property {predicate} is not declared in the ontology; declare it there first")

    def reify(self, s: str, p: str, o: str, o_n3: str, quotes: tuple[Quote, ...]) -> str:
        statement = nt.iri(self.iris.statement(s[1:-1], p[1:-1], o_n3))
        self.add(statement, _TYPE, _STATEMENT)
        self.add(statement, _SUBJECT, s)
        self.add(statement, _PREDICATE, p)
        self.add(statement, _OBJECT, o)
        self.evidence(statement, quotes)
        return statement

    # --- the parts of the graph ----------------------------------------------------------------------
    def article_node(self) -> None:
        a, node = self.article, self.article_iri
        add = self.add
        add(node, _TYPE, _SCHEMA_NEWS_ARTICLE)
        add(node, _SCHEMA_IDENTIFIER, nt.literal(a.article_id))
        add(node, _SCHEMA_HEADLINE, _lang(a.title, ZH))
        # A date-time when the page states the time of day, else the date alone (the shapes accept either).
        kind = XSD.dateTime if isinstance(a.published, datetime) else XSD.date
        add(node, _SCHEMA_DATE_PUBLISHED, nt.literal_term(Literal(a.published.isoformat(), datatype=kind)))
        if a.url:
            add(node, _SCHEMA_URL, nt.literal_term(Literal(a.url, datatype=XSD.anyURI)))
        add(node, _SCHEMA_IN_LANGUAGE, nt.literal(ZH))
        add(node, _SCHEMA_TEXT, _lang(self.text, ZH))
        add(node, _SCHEMA_ARTICLE_BODY, _lang(a.body, ZH))
        add(node, _SCHEMA_SHA256, nt.literal(a.sha256))
        for keyword in a.keywords:
            add(node, _SCHEMA_KEYWORDS, _lang(keyword, ZH))
        for value, predicate, role in (
            (a.publisher, _SCHEMA_PUBLISHER, "publisher"),
            (a.source, _SCHEMA_SOURCE_ORGANIZATION, "source"),
            (a.reporter, _SCHEMA_AUTHOR, "reporter"),
        ):
            entity = self.named_entity(value, role) if value else None
            if entity is not None:
                add(node, predicate, entity)
        for slug in self.notes.about:
            add(node, _SCHEMA_ABOUT, self.entity(slug))
        for slug in self.notes.entities:
            add(node, _SCHEMA_MENTIONS, self.entity(slug))

    def named_entity(self, name: str, role: str) -> str | None:
        """The annotated entity whose label or alias is the metadata value ``name`` (None for an
        extracted article whose text does not name it)."""
        for slug, entity in self.notes.entities.items():
            if name == entity.label or name in entity.alt:
                return self.entity(slug)
        if self.notes.extracted:
            return None
        raise self.fail(
            None,
            f"the article's {role} {name!r} (from the capture's header) has no entity here; add one",
        )

    def schemes(self) -> None:
        for scheme in self.notes.schemes.values():
            node = nt.iri(self.iris.scheme(scheme.slug))
            self.add(node, _TYPE, _CONCEPT_SCHEME)
            zh, en = _lang(scheme.label, ZH), _lang(scheme.en, EN)
            for predicate in (_PREF_LABEL, _LABEL):
                self.add(node, predicate, zh)
                self.add(node, predicate, en)
        for concept in self.notes.concepts.values():
            node = nt.iri(self.iris.concept(concept.scheme, concept.slug))
            self.add(node, _TYPE, _CONCEPT)
            self.add(node, _IN_SCHEME, nt.iri(self.iris.scheme(concept.scheme)))
            self.labels(node, concept)
            self.evidence(node, concept.quotes)
            self.confident(node, concept, concept.quotes, _OA_IDENTIFYING)

    def entities(self) -> None:
        for entity in self.notes.entities.values():
            node = self.entity(entity.slug)
            self.types(node, entity.types, entity.line)
            self.labels(node, entity)
            self.evidence(node, entity.quotes)
            self.confident(node, entity, entity.quotes, _OA_IDENTIFYING)
            self.props(node, entity.props, reify_with=entity.quotes, record=entity)

    def relations(self) -> None:
        for relation in self.notes.relations:
            subject = self.ref(relation.subject, relation.line)
            predicate = URIRef(relation.predicate)
            p = nt.iri(predicate)
            obj, obj_n3 = self.value(predicate, relation.obj, relation.line)
            self.add(subject, p, obj)
            statement = self.reify(subject, p, obj, obj_n3, relation.quotes)
            self.confident(statement, relation, relation.quotes, _OA_DESCRIBING)

    def facts(self) -> None:
        for fact in self.notes.facts.values():
            iri = self.iris.fact(fact.slug)
            node = nt.iri(iri)
            self.types(node, fact.types, fact.line)
            self.labels(node, fact)
            spans = self.evidence(node, fact.quotes)
            self.confident(node, fact, fact.quotes, _OA_DESCRIBING)
            self.props(node, fact.props, reify_with=None)
            if fact.quantity is not None:
                self.check_in_quotes(fact, fact.quantity, spans, "quantity")
                self.quantity(iri, self.parse_quantity(fact))
            elif fact.unit is not None:
                raise self.fail(fact.line, f"fact {fact.slug!r} has a unit but no quantity")
            if fact.time is not None:
                self.check_in_quotes(fact, fact.time, spans, "time")
                self.time(iri, self.resolve_time(fact))

    def check_in_quotes(self, fact: Fact, surface: str, spans: list[Span], what: str) -> None:
        if not any(surface in span.exact for span in spans):
            raise self.fail(fact.line, f"fact {fact.slug!r}: its {what} {surface!r} is not inside its quote")

    def parse_quantity(self, fact: Fact) -> Quantity:
        try:
            return parse_quantity(fact.quantity or "", unit=fact.unit)
        except ValueError as error:
            raise self.fail(fact.line, f"fact {fact.slug!r}: {error}") from None

    def resolve_time(self, fact: Fact) -> TimeSpec:
        try:
            return resolve_time(fact.time or "", reference=self.article.published)
        except ValueError as error:
            raise self.fail(fact.line, f"fact {fact.slug!r}: {error}") from None

    def quantity(self, fact: URIRef, quantity: Quantity) -> None:
        node = nt.iri(IriMinter.part(fact, "value"))
        value = nt.literal_term(decimal_literal(quantity.value))
        self.add(nt.iri(fact), _PG_QUANTITY, node)
        self.add(node, _SCHEMA_VALUE, value)
        if quantity.is_money:
            self.add(node, _TYPE, _SCHEMA_MONETARY_AMOUNT)
            self.add(node, _SCHEMA_CURRENCY, nt.literal(quantity.currency))
        else:
            info = quantity.unit_info
            self.add(node, _TYPE, _SCHEMA_QUANTITATIVE_VALUE)
            self.add(node, _SCHEMA_UNIT_TEXT, nt.literal(info.text_en))
            if info.code:
                self.add(node, _SCHEMA_UNIT_CODE, nt.literal(info.code))
        self.add(node, _PG_QUALIFIER, nt.iri(PG[quantity.qualifier]))
        self.add(node, _PG_SURFACE_FORM, _lang(quantity.surface, ZH))
        if quantity.is_lower_bound:
            self.add(node, _SCHEMA_MIN_VALUE, value)
        elif quantity.is_upper_bound:
            self.add(node, _SCHEMA_MAX_VALUE, value)

    def time(self, fact: URIRef, spec: TimeSpec) -> None:
        iri = IriMinter.part(fact, "time")
        node = nt.iri(iri)
        self.add(nt.iri(fact), _TIME_HAS_TIME, node)
        self.add(node, _PG_SURFACE_FORM, _lang(spec.surface, ZH))
        if spec.kind == "interval":
            assert spec.begin is not None and spec.end is not None
            self.add(node, _TYPE, _TIME_PROPER_INTERVAL)
            for predicate, day, name in (
                (TIME.hasBeginning, spec.begin, "begin"),
                (TIME.hasEnd, spec.end, "end"),
            ):
                instant = nt.iri(IriMinter.part(iri, name))
                self.add(node, nt.iri(predicate), instant)
                self.add(instant, _TYPE, _TIME_INSTANT)
                date = Literal(day.isoformat(), datatype=XSD.date)
                self.add(instant, _TIME_IN_XSD_DATE, nt.literal_term(date))
        else:
            datatype = xsd_datatype(spec)
            self.add(node, _TYPE, _TIME_INSTANT)
            instant = Literal(spec.value, datatype=XSD[datatype])
            self.add(node, nt.iri(_XSD_INSTANT[datatype]), nt.literal_term(instant))

    def run(self) -> dict[Triple, None]:
        self.article_node()
        self.schemes()
        self.entities()
        self.relations()
        self.facts()
        if self.notes.extracted:
            self.extraction()
        return self.triples

    def extraction(self) -> None:
        """PROV-O for an extracted article: the extraction, the program (and version) that ran it, the
        article it used, and every evidence span it generated. A curated article has none of these."""
        activity = nt.iri(self.iris.extraction())
        agent = nt.iri(self.iris.software("parkgraph-extractor", self.notes.extractor_version))
        self.add(activity, _TYPE, _PROV_ACTIVITY)
        self.add(activity, _PROV_USED, self.article_iri)
        self.add(activity, _PROV_ASSOCIATED, agent)
        for predicate in (_PREF_LABEL, _LABEL):
            self.add(activity, predicate, _lang(f"{self.article.article_id} 的自动抽取", ZH))
            self.add(activity, predicate, _lang(f"automatic extraction of {self.article.article_id}", EN))
            self.add(agent, predicate, _lang(f"parkgraph 抽取器 {self.notes.extractor_version}", ZH))
            self.add(agent, predicate, _lang(f"parkgraph extractor {self.notes.extractor_version}", EN))
        self.add(agent, _TYPE, _PROV_SOFTWARE_AGENT)
        self.add(agent, _SCHEMA_SOFTWARE_VERSION, nt.literal(self.notes.extractor_version))
        for node in sorted(set(self._evidence.values())):
            self.add(node, _PROV_GENERATED_BY, activity)
        self.annotations(activity)

    def annotations(self, activity: str) -> None:
        """The extractor's confidence in each record, as Web Annotation: per record an ``oa:Annotation``
        of this article (``{base}annotation/{article}/…``) whose body is the entity, concept, fact or
        statement, whose targets are its evidence spans, motivated by ``oa:identifying`` (a thing named)
        or ``oa:describing`` (a fact stated), generated by the extraction, with ITS 2.0's
        ``itsrdf:taConfidence`` (xsd:double, 0..1). Entities are shared across articles, so the
        confidence is the annotation's, never the entity's: another article may name it surely."""
        annotated: set[str] = set()
        for node, motivation, quotes, confidence in self._confident:
            if node in annotated:
                continue  # a statement stated twice (a relation and an entity's property): the first says
            annotated.add(node)
            annotation = nt.iri(self.iris.annotation(node[1:-1]))
            self.add(annotation, _TYPE, _OA_ANNOTATION)
            self.add(annotation, _OA_MOTIVATED_BY, motivation)
            self.add(annotation, _OA_HAS_BODY, node)
            for quote in quotes:
                self.add(annotation, _OA_HAS_TARGET, self.evidence_node(self.span(quote)))
            self.add(annotation, _PROV_GENERATED_BY, activity)
            self.add(annotation, _ITS_TA_CONFIDENCE, f'"{float(confidence)!r}"{_XSD_DOUBLE}')


def article_triples(
    article: Article, annotations: Annotations, *, vocabulary: Vocabulary, base: str
) -> list[Triple]:
    """One article's distinct triples, each term in its N-Triples form, in the order first stated.

    The graph :func:`populate` returns, without rdflib: for callers that merge, count or write triples
    and never query them. Raises AnnotationError (with file and line) on any problem.
    """
    return list(_Populator(article, annotations, vocabulary, base).run())


def article_ntriples(
    article: Article, annotations: Annotations, *, vocabulary: Vocabulary, base: str
) -> bytes:
    """One article's canonical N-Triples: exactly ``ntriples(populate(...))``, at a fraction of the cost.

    Raises AnnotationError (with file and line) on any problem, as :func:`populate` does.
    """
    return nt.canonical(_Populator(article, annotations, vocabulary, base).run())


def article_ntriples_minted(
    article: Article, annotations: Annotations, *, vocabulary: Vocabulary, base: str, ontology: OntologyTerms
) -> tuple[bytes, MintReport]:
    """:func:`article_ntriples`, and what its evidence spans and IRIs prove as they are minted (the checks
    a corpus build runs here instead of by SPARQL: :mod:`parkgraph.minted`)."""
    populator = _Populator(article, annotations, vocabulary, base)
    triples = populator.run()
    return nt.canonical(triples), MintReport.of(triples, populator.minted_spans, ontology)


def graph_of(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph (with parkgraph's prefixes bound) of triples of N-Triples terms.

    Each distinct term becomes an rdflib term once; the triples are added in the given order.
    """
    graph = new_graph()
    terms: dict[str, Node] = {}

    def node(text: str) -> Node:
        made = terms.get(text)
        if made is None:
            made = terms[text] = nt.to_rdflib(text)
        return made

    # Graph.add less its per-triple checks (the terms are made right here): about 15% faster.
    add = graph.store.add
    for s, p, o in triples:
        add((node(s), node(p), node(o)), graph, False)
    return graph


def populate(article: Article, annotations: Annotations, *, vocabulary: Vocabulary, base: str) -> Graph:
    """Build one article's graph. Raises AnnotationError (with file and line) on any problem."""
    return graph_of(_Populator(article, annotations, vocabulary, base).run())
