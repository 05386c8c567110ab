"""Loading an article's curated annotation file (format: docs/model.md, "Annotation file").

The loader keeps the YAML line of every concept, entity, fact and quote, so any later error (a quote
not in the article, a reference to nothing, an undeclared property) names ``file:line``. It refuses
duplicate keys, which plain YAML would silently overwrite, losing a curator's data.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import AnnotationError, CaptureError
from .inputfiles import read_regular
from .iris import ARTICLE_ID_RE, is_slug
from .namespaces import PREFIXES
from .textnorm import normalise_text
from .yamltext import Loader, YamlProblem, load


@dataclass(frozen=True)
class Quote:
    """A quote from the article: the ``occurrence``-th (1-based) place where ``exact`` stands."""

    exact: str
    occurrence: int
    line: int


@dataclass(frozen=True)
class Labelled:
    """What every annotated node has: an id, labels and the quotes that state it."""

    slug: str
    label: str
    en: str
    quotes: tuple[Quote, ...]
    line: int
    alt: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scheme:
    slug: str
    label: str
    en: str
    line: int


@dataclass(frozen=True)
class Concept(Labelled):
    scheme: str = ""
    #: The extractor's confidence (0..1) in the record, in a draft (``extracted:``) only; the graph
    #: records it on the record's ``oa:Annotation`` (docs/model.md, "Confidence"). None when curated.
    #: Last of every record's fields, so records made by position keep their meaning.
    confidence: float | None = None

    @property
    def ref(self) -> str:
        return f"{self.scheme}/{self.slug}"


@dataclass(frozen=True)
class Prop:
    """One property of a node: a predicate IRI and its raw values, interpreted by the ontology."""

    predicate: str
    values: tuple[Any, ...]
    line: int


@dataclass(frozen=True)
class Entity(Labelled):
    types: tuple[str, ...] = ()
    props: tuple[Prop, ...] = ()
    confidence: float | None = None  # as Concept.confidence


@dataclass(frozen=True)
class Relation:
    """A simple statement ``s p o`` with the quote that states it."""

    subject: str
    predicate: str
    obj: Any
    quotes: tuple[Quote, ...]
    line: int
    confidence: float | None = None  # as Concept.confidence


@dataclass(frozen=True)
class Fact(Labelled):
    """An n-ary fact (event, statistic, claim): its own node with properties, quantity and time."""

    types: tuple[str, ...] = ()
    props: tuple[Prop, ...] = ()
    quantity: str | None = None
    unit: str | None = None
    time: str | None = None
    confidence: float | None = None  # as Concept.confidence


@dataclass(frozen=True)
class Annotations:
    path: Path
    article_id: str
    about: tuple[str, ...]
    schemes: Mapping[str, Scheme]
    concepts: Mapping[str, Concept]  # by "scheme/slug"
    entities: Mapping[str, Entity]
    relations: tuple[Relation, ...]
    facts: Mapping[str, Fact]
    node_lines: Mapping[str, int] = field(default_factory=dict)
    #: Drafted by the extractor rather than written by a curator: metadata the text does not name
    #: (a publisher known only from the page header) is left out instead of failing the build.
    extracted: bool = False
    #: The extractor's version, recorded in the graph with the extraction (prov:SoftwareAgent).
    extractor_version: str = ""


class _LineLoader(Loader):
    """A safe loader whose mappings remember their line and refuse duplicate keys.

    :class:`parkgraph.yamltext.Loader`: LibYAML's C parser when PyYAML has it (7 ms for the first
    article's file, against 50-100 ms for the pure-Python one; the constructors, and so the checks, are
    the same either way), nesting limited, a ``str`` scalar's text returned directly (an annotation file
    is mostly strings: a sixth off its load time).
    """


class _LineDict(dict):
    line: int = 0


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
    loader.flatten_mapping(node)
    result = _LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise AnnotationError(
                Path(loader.name),
                key_node.start_mark.line + 1,
                f"duplicate key {key!r} (YAML would silently keep only the last one); merge or rename it",
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _line(value: Any, default: int) -> int:
    return getattr(value, "line", default)


class _Reader:
    """Turns the parsed YAML into typed records, checking as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, line: int | None, problem: str) -> AnnotationError:
        return AnnotationError(self.path, line, problem)

    def mapping(self, value: Any, line: int, what: str) -> _LineDict:
        if not isinstance(value, dict):
            raise self.fail(line, f"{what} must be a mapping, not {type(value).__name__}")
        return value  # type: ignore[return-value]

    def keys(self, data: _LineDict, *, required: set[str], optional: set[str], what: str) -> None:
        missing = required - data.keys()
        if missing:
            raise self.fail(data.line, f"{what} lacks {', '.join(sorted(missing))}")
        unknown = data.keys() - required - optional
        if unknown:
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(
                data.line, f"{what} has unknown key(s) {', '.join(sorted(unknown))}; use {allowed}"
            )

    def text(self, data: _LineDict, key: str, what: str) -> str:
        value = data.get(key)
        text = normalise_text(value).strip() if isinstance(value, str) else ""
        if not text:
            raise self.fail(data.line, f"{what}: {key!r} must be a non-empty string")
        return text

    def slug(self, slug: Any, line: int, what: str) -> str:
        if not isinstance(slug, str) or not is_slug(slug):
            raise self.fail(line, f"{what} id {slug!r} must be lower-case ASCII words joined by '-'")
        return slug

    def curie(self, curie: Any, line: int) -> str:
        if not isinstance(curie, str) or ":" not in curie:
            raise self.fail(line, f"{curie!r} is not a CURIE such as pg:IndustrialPark")
        prefix, local = curie.split(":", 1)
        if prefix not in PREFIXES:
            raise self.fail(line, f"unknown prefix {prefix!r} in {curie!r}; known: {', '.join(PREFIXES)}")
        return PREFIXES[prefix] + local

    def quotes(self, data: _LineDict, what: str) -> tuple[Quote, ...]:
        raw = data.get("quote")
        items = raw if isinstance(raw, list) else [raw]
        quotes = []
        for item in items:
            exact = normalise_text(item).strip() if isinstance(item, str) else ""
            if exact:
                quotes.append(Quote(exact, 1, data.line))
            elif isinstance(item, dict) and isinstance(item.get("exact"), str):
                occurrence = item.get("occurrence", 1)
                if not isinstance(occurrence, int) or occurrence < 1:
                    raise self.fail(_line(item, data.line), "occurrence must be a whole number from 1")
                exact = normalise_text(item["exact"]).strip()
                quotes.append(Quote(exact, occurrence, _line(item, data.line)))
            else:
                raise self.fail(data.line, f"{what} needs a quote: the exact article text that states it")
        return tuple(quotes)

    def confidence(self, data: _LineDict, what: str) -> float | None:
        """The optional ``confidence`` of a draft's record: a number from 0 to 1."""
        if "confidence" not in data:
            return None
        value = data["confidence"]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise self.fail(data.line, f"{what}: confidence must be a number from 0 to 1, not {value!r}")
        return float(value)

    def alt(self, data: _LineDict, what: str) -> tuple[str, ...]:
        alt = data.get("alt", [])
        items = alt if isinstance(alt, list) else [None]
        names = [normalise_text(a).strip() if isinstance(a, str) else "" for a in items]
        if not all(names):
            raise self.fail(data.line, f"{what}: alt must be a list of names")
        return tuple(names)

    def types(self, data: _LineDict, what: str) -> tuple[str, ...]:
        raw = data.get("type")
        items = raw if isinstance(raw, list) else [raw]
        if not items or not all(isinstance(t, str) for t in items):
            raise self.fail(data.line, f"{what}: type must be a CURIE or a list of CURIEs")
        return tuple(self.curie(t, data.line) for t in items)

    def props(self, data: _LineDict, what: str) -> tuple[Prop, ...]:
        raw = data.get("props", {})
        props = self.mapping(raw, data.line, f"{what}: props")
        line = _line(props, data.line)
        result = []
        for key, value in props.items():
            values = tuple(value) if isinstance(value, list) else (value,)
            result.append(Prop(self.curie(key, line), values, line))
        return tuple(result)


def load_annotations(path: str | Path) -> Annotations:
    """Read and check one annotation file; raise :class:`AnnotationError` naming file and line."""
    path = Path(path)
    if not os.path.lexists(path):
        raise AnnotationError(path, None, "no such annotation file; write one (see docs/model.md)")
    try:
        text = read_regular(path).decode("utf-8")
    except CaptureError as error:  # a link, a folder, a pipe, unreadable: never followed or waited on
        raise AnnotationError(path, None, f"{error.problem}; {error.hint}") from None
    except UnicodeDecodeError as error:
        raise AnnotationError(path, None, f"is not UTF-8 ({error.reason}); save it as UTF-8") from None
    try:
        data = load(text, _LineLoader, name=str(path))
    except YamlProblem as problem:
        raise AnnotationError(path, problem.line, problem.problem) from None
    reader = _Reader(path)
    top = reader.mapping(data, 1, "the annotation file")
    reader.keys(
        top,
        required={"article", "entities"},
        optional={"about", "schemes", "concepts", "facts", "extracted"},
        what="the annotation file",
    )
    article_id = top["article"]
    if not isinstance(article_id, str) or not ARTICLE_ID_RE.match(article_id):
        raise reader.fail(top.line, f"article {article_id!r} must be the capture's file stem")

    node_lines: dict[str, int] = {}

    def claim(ref: str, line: int) -> None:
        if ref in node_lines:
            raise reader.fail(
                line, f"id {ref!r} is already used at line {node_lines[ref]}; ids must be unique"
            )
        node_lines[ref] = line

    schemes: dict[str, Scheme] = {}
    for slug, spec in reader.mapping(top.get("schemes", {}), top.line, "schemes").items():
        spec = reader.mapping(spec, top.line, f"scheme {slug!r}")
        reader.slug(slug, spec.line, "scheme")
        reader.keys(spec, required={"label", "en"}, optional=set(), what=f"scheme {slug!r}")
        schemes[slug] = Scheme(
            slug, reader.text(spec, "label", slug), reader.text(spec, "en", slug), spec.line
        )

    concepts: dict[str, Concept] = {}
    for scheme, members in reader.mapping(top.get("concepts", {}), top.line, "concepts").items():
        members = reader.mapping(members, top.line, f"concepts of {scheme!r}")
        if scheme not in schemes:
            raise reader.fail(members.line, f"concept scheme {scheme!r} is not declared under 'schemes:'")
        for slug, spec in members.items():
            spec = reader.mapping(spec, members.line, f"concept {slug!r}")
            what = f"concept {scheme}/{slug}"
            reader.slug(slug, spec.line, "concept")
            reader.keys(spec, required={"label", "en", "quote"}, optional={"alt", "confidence"}, what=what)
            concept = Concept(
                slug=slug,
                label=reader.text(spec, "label", what),
                en=reader.text(spec, "en", what),
                quotes=reader.quotes(spec, what),
                line=spec.line,
                alt=reader.alt(spec, what),
                confidence=reader.confidence(spec, what),
                scheme=scheme,
            )
            claim(concept.ref, spec.line)
            concepts[concept.ref] = concept

    entities: dict[str, Entity] = {}
    for slug, spec in reader.mapping(top["entities"], top.line, "entities").items():
        spec = reader.mapping(spec, top.line, f"entity {slug!r}")
        what = f"entity {slug!r}"
        reader.slug(slug, spec.line, "entity")
        optional = {"alt", "props", "confidence"}
        reader.keys(spec, required={"type", "label", "en", "quote"}, optional=optional, what=what)
        claim(slug, spec.line)
        entities[slug] = Entity(
            slug=slug,
            label=reader.text(spec, "label", what),
            en=reader.text(spec, "en", what),
            quotes=reader.quotes(spec, what),
            line=spec.line,
            alt=reader.alt(spec, what),
            confidence=reader.confidence(spec, what),
            types=reader.types(spec, what),
            props=reader.props(spec, what),
        )

    relations: list[Relation] = []
    facts: dict[str, Fact] = {}
    fact_items = top.get("facts", [])
    if not isinstance(fact_items, list):
        raise reader.fail(top.line, "facts must be a list")
    for item in fact_items:
        spec = reader.mapping(item, top.line, "a fact")
        if "id" not in spec:
            reader.keys(spec, required={"s", "p", "o", "quote"}, optional={"confidence"}, what="a relation")
            if not isinstance(spec["s"], str):
                raise reader.fail(spec.line, "a relation's s must be an id")
            relations.append(
                Relation(
                    subject=spec["s"],
                    predicate=reader.curie(spec["p"], spec.line),
                    obj=spec["o"],
                    quotes=reader.quotes(spec, "a relation"),
                    line=spec.line,
                    confidence=reader.confidence(spec, "a relation"),
                )
            )
            continue
        slug = reader.slug(spec["id"], spec.line, "fact")
        what = f"fact {slug!r}"
        reader.keys(
            spec,
            required={"id", "type", "label", "en", "quote"},
            optional={"props", "quantity", "unit", "time", "confidence"},
            what=what,
        )
        claim(slug, spec.line)
        optional_text = {
            key: reader.text(spec, key, what) if key in spec else None for key in ("quantity", "unit", "time")
        }
        facts[slug] = Fact(
            slug=slug,
            label=reader.text(spec, "label", what),
            en=reader.text(spec, "en", what),
            quotes=reader.quotes(spec, what),
            line=spec.line,
            confidence=reader.confidence(spec, what),
            types=reader.types(spec, what),
            props=reader.props(spec, what),
            **optional_text,
        )

    extracted = top.get("extracted")
    if extracted is not None and (not isinstance(extracted, str) or not extracted.strip()):
        raise reader.fail(top.line, "extracted must be the extractor's version, e.g. '0.1.0' (marks a draft)")
    about = top.get("about", [])
    about = tuple(about) if isinstance(about, list) else (about,)
    for ref in about:
        if ref not in entities:
            raise reader.fail(top.line, f"about: {ref!r} is not an entity of this file")
    return Annotations(
        path=path,
        article_id=article_id,
        about=about,
        schemes=schemes,
        concepts=concepts,
        entities=entities,
        relations=tuple(relations),
        facts=facts,
        node_lines=node_lines,
        extracted=extracted is not None,
        extractor_version=extracted.strip() if extracted is not None else "",
    )
