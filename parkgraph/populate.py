"""Populating RDF from an article and its curated annotations.

One function, :func:`populate`, turns an :class:`~parkgraph.reader.Article` and its
:class:`~parkgraph.annotations.Annotations` into an ``rdflib.Graph`` following docs/model.md:
labels in ``zh-Hans`` and ``en``, every entity, fact and simple statement linked with ``pg:evidence``
to a Web Annotation span of the article, quantities normalised, relative dates resolved against the
dateline. Every problem raises :class:`~parkgraph.errors.AnnotationError` with the annotation's line.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, TIME, XSD

from .annotations import Annotations, Fact, Labelled, Prop, Quote
from .errors import AnnotationError, EvidenceNotFoundError
from .evidence import Span, count, locate
from .iris import IriMinter
from .namespaces import OA, PG, PREFIXES, SCHEMA
from .quantities import Quantity, parse_quantity
from .reader import Article
from .temporal import TimeSpec, resolve_time, xsd_datatype
from .vocabulary import Vocabulary

ZH = "zh-Hans"
EN = "en"
LOWER_BOUNDS = {"MoreThan", "SlightlyMoreThan", "Exceeding", "AtLeast"}
UPPER_BOUNDS = {"Nearly"}
_XSD_INSTANT = {"date": TIME.inXSDDate, "gYearMonth": TIME.inXSDgYearMonth, "gYear": TIME.inXSDgYear}


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


class _Populator:
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
        self.graph = new_graph()
        self.text = article.text
        self.article_iri = self.iris.article()

    # --- helpers ---------------------------------------------------------------------------------
    def fail(self, line: int | None, problem: str) -> AnnotationError:
        return AnnotationError(self.notes.path, line, problem)

    def add(self, s: URIRef, p: URIRef, o: Any) -> None:
        self.graph.add((s, p, o))

    def labels(self, node: URIRef, item: Labelled) -> None:
        for predicate in (SKOS.prefLabel, RDFS.label):
            self.add(node, predicate, Literal(item.label, lang=ZH))
            self.add(node, predicate, Literal(item.en, lang=EN))
        for alt in item.alt:
            if alt != item.label:
                self.add(node, SKOS.altLabel, Literal(alt, lang=ZH))

    def span(self, quote: Quote) -> Span:
        span = locate(self.text, quote.exact, occurrence=quote.occurrence)
        if span is None:
            found = count(self.text, quote.exact)
            detail = f" (it occurs {found} time(s), not {quote.occurrence})" if found else ""
            raise EvidenceNotFoundError(self.notes.path, quote.line, quote.exact, detail)
        return span

    def evidence(self, node: URIRef, quotes: Iterable[Quote]) -> list[Span]:
        spans = []
        for quote in quotes:
            span = self.span(quote)
            spans.append(span)
            self.add(node, PG.evidence, self.evidence_node(span))
        return spans

    def evidence_node(self, span: Span) -> URIRef:
        node = self.iris.evidence(span.start, span.end)
        quote, position = IriMinter.part(node, "quote"), IriMinter.part(node, "position")
        self.add(node, RDF.type, PG.Evidence)
        self.add(node, RDF.type, OA.SpecificResource)
        self.add(node, OA.hasSource, self.article_iri)
        self.add(node, OA.hasSelector, quote)
        self.add(node, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(span.exact, lang=ZH))
        if span.prefix:
            self.add(quote, OA.prefix, Literal(span.prefix, lang=ZH))
        if span.suffix:
            self.add(quote, OA.suffix, Literal(span.suffix, lang=ZH))
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger))
        return node

    def types(self, node: URIRef, types: Iterable[str], line: int) -> None:
        for type_iri in types:
            iri = URIRef(type_iri)
            if iri not in self.vocabulary.classes:
                raise self.fail(
                    line, f"class {iri} is not declared in the ontology; declare it or fix the type"
                )
            self.add(node, RDF.type, iri)

    def ref(self, value: Any, line: int) -> URIRef:
        """Resolve an annotation reference: entity slug, fact slug or concept 'scheme/slug'."""
        if isinstance(value, str):
            if value in self.notes.entities:
                return self.iris.entity(value)
            if value in self.notes.facts:
                return self.iris.fact(value)
            if value in self.notes.concepts:
                concept = self.notes.concepts[value]
                return self.iris.concept(concept.scheme, concept.slug)
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

    def props(self, node: URIRef, props: Iterable[Prop], reify_with: tuple[Quote, ...] | None) -> None:
        for prop in props:
            predicate = URIRef(prop.predicate)
            for value in prop.values:
                obj = self.value(predicate, value, prop.line)
                self.add(node, predicate, obj)
                if reify_with is not None:
                    self.reify(node, predicate, obj, reify_with)

    def value(self, predicate: URIRef, value: Any, line: int) -> Any:
        if predicate in self.vocabulary.object_properties:
            return self.ref(value, line)
        if predicate in self.vocabulary.datatype_ranges:
            return self.literal(value, self.vocabulary.datatype_ranges[predicate], line, predicate)
        raise self.fail(line, f"property {predicate} is not declared in the ontology; declare it there first")

    def reify(self, s: URIRef, p: URIRef, o: Any, quotes: tuple[Quote, ...]) -> None:
        statement = self.iris.statement(str(s), str(p), o.n3())
        self.add(statement, RDF.type, RDF.Statement)
        self.add(statement, RDF.subject, s)
        self.add(statement, RDF.predicate, p)
        self.add(statement, RDF.object, o)
        self.evidence(statement, quotes)

    # --- the parts of the graph ----------------------------------------------------------------------
    def article_node(self) -> None:
        a, node = self.article, self.article_iri
        self.add(node, RDF.type, SCHEMA.NewsArticle)
        self.add(node, SCHEMA.identifier, Literal(a.article_id))
        self.add(node, SCHEMA.headline, Literal(a.title, lang=ZH))
        self.add(node, SCHEMA.datePublished, Literal(a.published.isoformat(), datatype=XSD.dateTime))
        self.add(node, SCHEMA.inLanguage, Literal(ZH))
        self.add(node, SCHEMA.text, Literal(a.text, lang=ZH))
        self.add(node, SCHEMA.articleBody, Literal(a.body, lang=ZH))
        self.add(node, SCHEMA.sha256, Literal(a.sha256))
        for keyword in a.keywords:
            self.add(node, SCHEMA.keywords, Literal(keyword, lang=ZH))
        self.add(node, SCHEMA.publisher, self.named_entity(a.publisher, "publisher"))
        self.add(node, SCHEMA.sourceOrganization, self.named_entity(a.source, "source"))
        if a.reporter:
            self.add(node, SCHEMA.author, self.named_entity(a.reporter, "reporter"))
        for slug in self.notes.about:
            self.add(node, SCHEMA.about, self.iris.entity(slug))
        for slug in self.notes.entities:
            self.add(node, SCHEMA.mentions, self.iris.entity(slug))

    def named_entity(self, name: str, role: str) -> URIRef:
        """The annotated entity whose label or alias is the metadata value ``name``."""
        for slug, entity in self.notes.entities.items():
            if name == entity.label or name in entity.alt:
                return self.iris.entity(slug)
        raise self.fail(
            None,
            f"the article's {role} {name!r} (from the capture's header) has no entity here; add one",
        )

    def schemes(self) -> None:
        for scheme in self.notes.schemes.values():
            node = self.iris.scheme(scheme.slug)
            self.add(node, RDF.type, SKOS.ConceptScheme)
            for predicate in (SKOS.prefLabel, RDFS.label):
                self.add(node, predicate, Literal(scheme.label, lang=ZH))
                self.add(node, predicate, Literal(scheme.en, lang=EN))
        for concept in self.notes.concepts.values():
            node = self.iris.concept(concept.scheme, concept.slug)
            self.add(node, RDF.type, SKOS.Concept)
            self.add(node, SKOS.inScheme, self.iris.scheme(concept.scheme))
            self.labels(node, concept)
            self.evidence(node, concept.quotes)

    def entities(self) -> None:
        for entity in self.notes.entities.values():
            node = self.iris.entity(entity.slug)
            self.types(node, entity.types, entity.line)
            self.labels(node, entity)
            self.evidence(node, entity.quotes)
            self.props(node, entity.props, reify_with=entity.quotes)

    def relations(self) -> None:
        for relation in self.notes.relations:
            subject = self.ref(relation.subject, relation.line)
            predicate = URIRef(relation.predicate)
            obj = self.value(predicate, relation.obj, relation.line)
            self.add(subject, predicate, obj)
            self.reify(subject, predicate, obj, relation.quotes)

    def facts(self) -> None:
        for fact in self.notes.facts.values():
            node = self.iris.fact(fact.slug)
            self.types(node, fact.types, fact.line)
            self.labels(node, fact)
            spans = self.evidence(node, fact.quotes)
            self.props(node, fact.props, reify_with=None)
            if fact.quantity is not None:
                self.check_in_quotes(fact, fact.quantity, spans, "quantity")
                self.quantity(node, self.parse_quantity(fact))
            elif fact.unit is not None:
                raise self.fail(fact.line, f"fact {fact.slug!r} has a unit but no quantity")
            if fact.time is not None:
                self.check_in_quotes(fact, fact.time, spans, "time")
                self.time(node, self.resolve_time(fact))

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
        node = IriMinter.part(fact, "value")
        value = decimal_literal(quantity.value)
        self.add(fact, PG.quantity, node)
        self.add(node, SCHEMA.value, value)
        if quantity.is_money:
            self.add(node, RDF.type, SCHEMA.MonetaryAmount)
            self.add(node, SCHEMA.currency, Literal("CNY"))
        else:
            info = quantity.unit_info
            self.add(node, RDF.type, SCHEMA.QuantitativeValue)
            self.add(node, SCHEMA.unitText, Literal(info.text_en))
            if info.code:
                self.add(node, SCHEMA.unitCode, Literal(info.code))
        self.add(node, PG.qualifier, PG[quantity.qualifier])
        self.add(node, PG.surfaceForm, Literal(quantity.surface, lang=ZH))
        if quantity.qualifier in LOWER_BOUNDS:
            self.add(node, SCHEMA.minValue, value)
        elif quantity.qualifier in UPPER_BOUNDS:
            self.add(node, SCHEMA.maxValue, value)

    def time(self, fact: URIRef, spec: TimeSpec) -> None:
        node = IriMinter.part(fact, "time")
        self.add(fact, TIME.hasTime, node)
        self.add(node, PG.surfaceForm, Literal(spec.surface, lang=ZH))
        if spec.kind == "interval":
            assert spec.begin is not None and spec.end is not None
            self.add(node, RDF.type, TIME.ProperInterval)
            for predicate, day, name in (
                (TIME.hasBeginning, spec.begin, "begin"),
                (TIME.hasEnd, spec.end, "end"),
            ):
                instant = IriMinter.part(node, name)
                self.add(node, predicate, instant)
                self.add(instant, RDF.type, TIME.Instant)
                self.add(instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date))
        else:
            datatype = xsd_datatype(spec)
            self.add(node, RDF.type, TIME.Instant)
            self.add(node, _XSD_INSTANT[datatype], Literal(spec.value, datatype=XSD[datatype]))

    def run(self) -> Graph:
        self.article_node()
        self.schemes()
        self.entities()
        self.relations()
        self.facts()
        return self.graph


def populate(article: Article, annotations: Annotations, *, vocabulary: Vocabulary, base: str) -> Graph:
    """Build one article's graph. Raises AnnotationError (with file and line) on any problem."""
    return _Populator(article, annotations, vocabulary, base).run()
