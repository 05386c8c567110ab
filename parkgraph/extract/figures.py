"""Figures made facts: one ``pg:Statistic`` for each figure the text states (one, with both spans,
for a figure the headline states and the body repeats), one ``pg:RankingClaim`` for each ranking;
and what a figure measures, never a name (:func:`without_names`).

:mod:`parkgraph.extract.statistics` decides what each figure is about; this module writes it down.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from ..annotations import Fact, Prop
from .assemble import Draft, curie, english, quote
from .clauses import fact_id
from .numbers import NUMBER_RULES, QuantityMention, RankMention
from .resolve import Entity as Found
from .spans import Span
from .timex import TimeMention

__all__ = ["Figure", "add_ranking", "add_statistic", "headline_once", "named_spans", "without_names"]


@dataclass(frozen=True)
class Figure:
    """A number and what it is about, before it becomes a fact: ``explicit`` when its own sentence
    says what (not the paragraph's or the article's subject carried over); ``also``: the headline's
    span stating the same figure."""

    number: QuantityMention
    subject: Found | None  # None only for a headline figure waiting for its body twin
    time: TimeMention | None
    explicit: bool
    shared: bool = False
    also: Span | None = None


def headline_once(text: str, found: list[Figure], title_end: int) -> list[Figure]:
    """A figure the headline states and the body states again is one fact, with both spans as its
    evidence (某港27个重点项目… / 本次…项目共27个): the body's statement, about what the body says it is
    about, else what the headline says. The same number measuring two named things (新引进项目12个 /
    签约项目12个) is two facts; a headline figure the body does not repeat stays as it is."""
    body = [f for f in found if f.number.start >= title_end and not f.shared]
    kept = [f for f in found if f.number.start >= title_end]
    merged: dict[int, Figure] = {}
    for headline in (f for f in found if f.number.end <= title_end):
        same = [f for f in body if _same_figure(f.number, headline.number) and id(f) not in merged]
        alike = [f for f in same if _measures_alike(f.number, headline.number)]
        unnamed = [f for f in same if f.number.indicator is None or headline.number.indicator is None]
        twin = (alike or unnamed or [None])[0]
        if twin is None:
            if headline.subject is not None:
                kept.append(headline)
            continue
        headline_says = headline.explicit and headline.subject is not None and not twin.explicit
        subject = headline.subject if headline_says else twin.subject
        merged[id(twin)] = dataclasses.replace(
            twin,
            subject=subject,
            time=twin.time or headline.time,
            explicit=twin.explicit or headline.explicit,
            also=_evidence(text, headline.number, headline.time),
        )
    return [merged.get(id(f), f) for f in kept]


def _same_figure(one: QuantityMention, other: QuantityMention) -> bool:
    """The same value in the same unit, or both counts, with the same qualifier (27个重点项目 and
    项目共27个; not 27亿元 and 27个)."""
    a, b = one.quantity, other.quantity
    counts = a.unit_info.code == b.unit_info.code == "C62"
    return (a.value, a.qualifier) == (b.value, b.qualifier) and (a.unit == b.unit or counts)


def _measures_alike(one: QuantityMention, other: QuantityMention) -> bool:
    """The two count the same noun or name the same indicator (14个项目 … 共有14个项目)."""
    return any(
        x is not None and y is not None and (x.text in y.text or y.text in x.text)
        for x, y in ((one.counted, other.counted), (one.indicator, other.indicator))
    )


def named_spans(text: str, entities: Sequence[Found]) -> list[Span]:
    """Every place the text writes an entity's name or alias, inside longer names too (the park of
    某工业园区14个项目)."""
    spans = []
    for entity in entities:
        for name in {entity.label, *entity.aliases}:
            at = text.find(name)
            while at >= 0 and name:
                spans.append(Span(at, at + len(name), name))
                at = text.find(name, at + 1)
    return spans


def without_names(
    quantities: list[QuantityMention], names: Sequence[Span], nouns: Sequence[Span] = ()
) -> list[QuantityMention]:
    """The quantities, each indicator starting after the names that open it: a name is what the number
    is about, not what it measures (湖南6家孵化器; 目前某科学城复工复产率 → 复工复产率); an indicator that
    was only a name (某工业园区14个项目) is none, and so is one that names no thing, only an action
    (共建立230家, 遍布31个, 前进7位: ``nouns`` are the model's nouns) unless it is a known indicator
    word (同比增长)."""
    found = []
    for number in quantities:
        indicator = number.indicator
        if indicator is None:
            found.append(number)
            continue
        begin = indicator.start
        opening = [n for n in names if n.start <= begin < n.end <= indicator.end]
        while opening:
            begin = max(n.end for n in opening)
            opening = [n for n in names if n.start <= begin < n.end <= indicator.end]
        words = indicator.text[begin - indicator.start :].lstrip("的之等")
        kept = Span(indicator.end - len(words), indicator.end, words) if words else None
        if kept is not None and nouns and not _names_a_thing(kept, nouns):
            kept = None
        if kept != indicator:
            number = dataclasses.replace(number, indicator=kept)
        found.append(number)
    return found


def _names_a_thing(indicator: Span, nouns: Sequence[Span]) -> bool:
    """Whether the indicator holds a noun (营业收入, 复工复产率) or is a known indicator word (同比增长)."""
    if indicator.text in NUMBER_RULES.indicator_words:
        return True
    return any(n.start < indicator.end and indicator.start < n.end for n in nouns)


def add_statistic(draft: Draft, found: Figure) -> None:
    """The ``pg:Statistic`` of one number: about its subject, measuring its indicator (数量 when nothing
    names one), at its time, its evidence the words from the indicator or time to the number (and the
    headline's, where the headline states it too)."""
    text, number, subject, time, shared = draft.text, found.number, found.subject, found.time, found.shared
    assert subject is not None
    indicator = number.indicator
    label_zh, ind_span = (
        ("数量", Span(number.start, number.end, number.text))
        if indicator is None
        else (indicator.text, indicator)
    )
    ref = draft.concept("indicators", label_zh, ind_span, kind="industry")
    evidence = _evidence(text, number, time)
    slug = fact_id("stat", number.start, number.end, *((subject.label,) if shared else ()))
    subject_slug = draft.slug_for(subject)
    draft.facts[slug] = Fact(
        slug=slug,
        label=f"{subject.label}{label_zh}",
        en=f"{draft.concepts[ref].en} of {draft.entities[subject_slug].en}",
        quotes=(quote(text, evidence),) + (() if found.also is None else (quote(text, found.also),)),
        line=0,
        types=(curie("pg:Statistic"),),
        props=(
            Prop(curie("schema:observationAbout"), (subject_slug,), 0),
            Prop(curie("pg:indicator"), (ref,), 0),
        ),
        quantity=number.text,
        unit=number.annotation_unit,
        time=time.text if time is not None else None,
    )
    draft.confidence[slug] = 0.6


def _evidence(text: str, number: QuantityMention, time: TimeMention | None) -> Span:
    """The words that state a number: from its indicator or its time, whichever comes first, to it."""
    start = min(
        number.start,
        number.indicator.start if number.indicator is not None else number.start,
        time.start if time is not None else number.start,
    )
    return Span(start, number.end, text[start : number.end])


def add_ranking(draft: Draft, rank: RankMention, subject: Found, time: TimeMention | None) -> None:
    """A ``pg:RankingClaim`` (居全国第7位): the entity ranked, its rank, the criterion (the words before
    the ranking, else the ranking's own words), the scope where the article names that place."""
    text = draft.text
    criterion = rank.indicator.text if rank.indicator is not None else rank.text
    start = min(rank.start, *(s.start for s in (rank.indicator, time) if s is not None))
    evidence = Span(start, rank.end, text[start : rank.end])
    slug = fact_id("rank", rank.start, rank.end)
    subject_slug = draft.slug_for(subject)
    scope = rank.scope.text if rank.scope is not None else ""
    en = english(criterion, "industry")
    draft.facts[slug] = Fact(
        slug=slug,
        label=f"{subject.label}{rank.indicator.text if rank.indicator else ''}{scope}第{rank.rank}",
        en=f"{draft.entities[subject_slug].en} ranks {rank.rank} by {en}",
        quotes=(quote(text, evidence),),
        line=0,
        types=(curie("pg:RankingClaim"),),
        props=(
            Prop(curie("pg:rankedEntity"), (subject_slug,), 0),
            Prop(curie("pg:rank"), (rank.rank,), 0),
            Prop(curie("pg:rankingCriterion"), (criterion, {"en": en}), 0),
        ),
        time=time.text if time is not None else None,
    )
    draft.confidence[slug] = 0.6
