"""Turn what the extractor found into :class:`~parkgraph.annotations.Annotations`, the very records the
curated loader makes, so that populating, validating and the corpus build cannot tell the two apart.

Every record carries quotes located where the components found them (exact text and occurrence),
and a confidence kept beside the annotations for the draft's comments. Identities are ASCII slugs
of the English labels plus a short hash of the kind and the Chinese name: the same company in two
articles is one node, two names that romanise alike are two, and a name relative to an article's
place (省工信厅 resolved to its province) hashes the article id in, so it is never merged across
articles.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml

from ..annotations import Annotations, Concept, Entity, Fact, Prop, Quote, Relation, Scheme
from ..namespaces import PREFIXES
from .english import english_label, slugify
from .names import NAME_RULES
from .posts import Post
from .resolve import Entity as Found
from .spans import Span

__all__ = ["EXTRACTOR_VERSION", "Draft", "assemble", "quote"]

#: The extractor's version, recorded in the graph (a prov:SoftwareAgent) with each extracted article.
EXTRACTOR_VERSION = "0.2.0"

_KINDS = yaml.safe_load((Path(__file__).with_name("data") / "kinds.yaml").read_text(encoding="utf-8"))
_MAX_QUOTES = 4
_SLUG_LENGTH = 60

SCHEMES = {
    "roles": ("职务", "roles"),
    "indicators": ("统计指标", "statistical indicators"),
    "industries": ("产业", "industries"),
    "designations": ("称号与认定", "designations and approvals"),
}


#: How sure the extractor is of a relation a rule states, unless the rule says (``Draft.relate``), and of
#: a concept it names (an industry, a role, an indicator, a designation).
RELATION_CONFIDENCE = 0.6
CONCEPT_CONFIDENCE = 0.6


def curie(value: str) -> str:
    prefix, local = value.split(":", 1)
    return PREFIXES[prefix] + local


def quote(text: str, span: Span) -> Quote:
    """The quote that locates ``span``: its text and which occurrence (overlaps counted, as
    :func:`parkgraph.evidence.locate` counts them)."""
    occurrence, at = 0, -1
    while True:
        at = text.find(span.text, at + 1)
        occurrence += 1
        if at == span.start or at < 0:
            break
    if at < 0:
        raise ValueError(f"{span.text!r} is not in the text at {span.start}")
    return Quote(span.text, occurrence, 0)


@dataclass
class Draft:
    """The annotations in the making, and the confidence of each record (by slug or fact id)."""

    article_id: str
    path: Path
    text: str
    entities: dict[str, Entity] = field(default_factory=dict)
    concepts: dict[str, Concept] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    facts: dict[str, Fact] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    slugs: dict[int, str] = field(default_factory=dict)
    _stated: set[tuple[str, str, str]] = field(default_factory=set)

    def relate(
        self, subject: str, predicate: str, obj: str, span: Span, confidence: float = RELATION_CONFIDENCE
    ) -> None:
        """State ``subject predicate obj`` (slugs or concept refs; predicate a CURIE) with the span that
        says it, once however many sentences say it, never of a thing with itself; ``confidence`` is
        how sure the rule that found it is (the first rule to state it decides)."""
        key = (subject, curie(predicate), obj)
        if subject != obj and key not in self._stated:
            self._stated.add(key)
            self.relations.append(
                Relation(subject, key[1], obj, (quote(self.text, span),), 0, confidence=round(confidence, 2))
            )

    def slug_for(self, found: Found) -> str:
        return self.slugs[id(found)]

    def concept(self, scheme: str, label: str, span: Span, kind: str = "industry") -> str:
        en = english(label, kind)
        slug = _slug(en, f"concept\0{scheme}\0{label}")
        ref = f"{scheme}/{slug}"
        if ref not in self.concepts:
            self.concepts[ref] = Concept(
                slug=slug, label=label, en=en, quotes=(quote(self.text, span),), line=0, scheme=scheme
            )
            self.confidence.setdefault(ref, CONCEPT_CONFIDENCE)
        return ref

    def annotations(self) -> Annotations:
        used = {ref.split("/", 1)[0] for ref in self.concepts}
        schemes = {key: Scheme(key, zh, en, 0) for key, (zh, en) in SCHEMES.items() if key in used}
        sure = self.confidence
        return Annotations(
            path=self.path,
            article_id=self.article_id,
            about=(),
            schemes=schemes,
            concepts={ref: _sure(c, sure.get(ref)) for ref, c in sorted(self.concepts.items())},
            entities={slug: _sure(e, sure.get(slug)) for slug, e in sorted(self.entities.items())},
            relations=tuple(sorted(self.relations, key=lambda r: (r.subject, r.predicate, str(r.obj)))),
            facts={slug: _sure(f, sure.get(slug)) for slug, f in sorted(self.facts.items())},
            extracted=True,
            extractor_version=EXTRACTOR_VERSION,
        )


_Record = TypeVar("_Record", Concept, Entity, Fact)


def _sure(record: _Record, confidence: float | None) -> _Record:
    """``record`` carrying ``confidence`` (rounded to two places: a draft writes it so), if it has one."""
    if confidence is None or record.confidence is not None:
        return record
    return replace(record, confidence=round(confidence, 2))


def _slug(label: str, key: str) -> str:
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:6]
    return f"{slugify(label, max_length=_SLUG_LENGTH)}-{digest}"


@lru_cache(maxsize=8192)
def english(name: str, kind: str) -> str:
    """:func:`~parkgraph.extract.english.english_label`, remembered: a worker labels the same indicator
    and body names article after article."""
    return english_label(name, kind=kind)


def types_of(found: Found) -> tuple[str, ...]:
    classes = list(_KINDS["classes"][found.kind])
    head = NAME_RULES.head_kind(found.label)
    if (
        head is not None
        and head[0] in _KINDS["by_head"]
        and found.kind in {"government", "party_committee", "project", "platform"}
    ):
        classes += _KINDS["by_head"][head[0]]
    if found.kind == "place":
        level = NAME_RULES.place_level(found.label)
        if level in _KINDS["by_level"]:
            classes += _KINDS["by_level"][level]
    return tuple(curie(c) for c in dict.fromkeys(classes))


def assemble(article_id: str, path: Path, text: str, entities: list[Found], posts: list[Post]) -> Draft:
    """The draft's entities (with the places, posts and roles the text states)."""
    draft = Draft(article_id, path, text)
    for found in entities:
        en = english(found.label, found.kind)
        key = f"{found.kind}\0{found.label}" + (f"\0{article_id}" if found.relative else "")
        slug = _slug(en, key)
        while slug in draft.entities and draft.entities[slug].label != found.label:
            slug += "-x"
        draft.slugs[id(found)] = slug
        surfaces: dict[str, Span] = {}
        for mention in sorted(found.mentions):
            surfaces.setdefault(mention.text, mention)
        quotes = tuple(quote(text, span) for span in list(surfaces.values())[:_MAX_QUOTES])
        alt = tuple(sorted((found.aliases | set(surfaces)) - {found.label}))
        draft.entities[slug] = Entity(
            slug=slug, label=found.label, en=en, quotes=quotes, line=0, alt=alt, types=types_of(found)
        )
        draft.confidence[slug] = found.confidence
    for post in posts:
        _post(draft, post)
    return draft


def _post(draft: Draft, post: Post) -> None:
    org_slug, person_slug = draft.slug_for(post.organisation), draft.slug_for(post.person)
    label = f"{post.organisation.label}{post.title}"
    org_en = draft.entities[org_slug].en
    en = f"{english(post.title, 'work')} of {org_en}"
    slug = _slug(en, f"post\0{label}\0{draft.article_id}")
    span = post.span
    at = draft.text.rfind(post.title, span.start, span.end)
    role = draft.concept("roles", post.title, Span(at, at + len(post.title), post.title), kind="work")
    props = (Prop(curie("org:postIn"), (org_slug,), 0), Prop(curie("org:role"), (role,), 0))
    draft.entities.setdefault(
        slug,
        Entity(
            slug=slug,
            label=label,
            en=en,
            quotes=(quote(draft.text, span),),
            line=0,
            alt=(post.written,) if post.written and post.written != label else (),
            types=(curie("org:Post"),),
            props=props,
        ),
    )
    draft.relate(person_slug, "org:holds", slug, span)
    draft.confidence[slug] = 0.7
