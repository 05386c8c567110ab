"""Time expressions in article text: every span that says when, resolved against the dateline.

The forms are data (``data/timex.yaml``): each pattern is a regex over the text, and what it matched
is resolved by :func:`parkgraph.temporal.resolve_time`, the same parser the curated annotations
go through, so an extracted time and a curated one mean the same. The scanner keeps the longest
matches first and lets none overlap (今年1至2月 is one interval, not 今年 and 2月); a match the
parser refuses is dropped before that, so a shorter one in its place can still win. Words that
point back (当年, 签约当天) take the time of an earlier mention; vague ones (近年来, 日前) are left out.

>>> from datetime import date
>>> text = "今年1至2月，园区产值增长21%。去年4月投产，当年实现产值9.6亿元，认定有效期为3年。"
>>> for m in find_times(text, reference=date(2024, 3, 26)):
...     print(m.start, m.text, m.spec.kind, m.spec.value or f"{m.spec.begin}/{m.spec.end}")
0 今年1至2月 interval 2024-01-01/2024-02-29
17 去年4月 year-month 2023-04
24 当年 year 2023
>>> [m.text for m in find_times("自2019年以来累计引进项目52个，近年来发展迅速", reference=date(2023, 7, 18))]
['自2019年以来']
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import yaml

from ..temporal import TimeSpec, resolve_time
from .spans import Span

__all__ = ["Anaphor", "Pattern", "TimeMention", "TimexRules", "find_times", "load_rules"]

DATA = Path(__file__).with_name("data") / "timex.yaml"

#: Full-width ASCII (２０２３, －, ～) to half-width, one code point for one, so offsets survive.
_HALF_WIDTH = str.maketrans({chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)})
_PART_NAME = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class TimeMention(Span):
    """A time expression of the article text and what it resolves to.

    Ordered by span (``Span``'s order); equal only with the same resolution too."""

    spec: TimeSpec


@dataclass(frozen=True)
class Pattern:
    """A way of writing a time: matches are resolved with ``resolve_time``."""

    name: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Anaphor:
    """A word that takes its time from an earlier mention (``data/timex.yaml``, ``anaphora``)."""

    name: str
    regex: re.Pattern[str]
    unit: str  # "year" or "day"
    same_sentence: bool
    antecedents: frozenset[str]  # pattern names; empty: any
    present: tuple[re.Pattern[str], ...]  # contexts in which it means the reference year or day
    offset: int = 0  # days after the antecedent's day (次日: 1)


@dataclass(frozen=True)
class TimexRules:
    patterns: tuple[Pattern, ...]
    anaphora: tuple[Anaphor, ...]
    sentence_ends: frozenset[str]


def _expand(regex: str, parts: dict[str, str]) -> str:
    """Replace each ``{name}`` by its fragment, so the table can name ``{year}`` rather than repeat
    it; ``{2}`` and other quantifiers are left alone (digits are no names)."""

    def fragment(match: re.Match[str]) -> str:
        if match.group(1) not in parts:
            raise ValueError(f"{DATA.name}: no part named {match.group(1)!r} in {regex!r}")
        return parts[match.group(1)]

    return _PART_NAME.sub(fragment, regex)


@cache
def load_rules(path: Path = DATA) -> TimexRules:
    """Read and compile the pattern table (once per path)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    parts: dict[str, str] = {}
    for name, fragment in data["parts"].items():
        parts[name] = _expand(fragment, parts)
    patterns = tuple(Pattern(p["name"], re.compile(_expand(p["regex"], parts))) for p in data["patterns"])
    anaphora = tuple(
        Anaphor(
            name=a["name"],
            regex=re.compile(_expand(a["regex"], parts)),
            unit=a["unit"],
            same_sentence=bool(a["same_sentence"]),
            antecedents=frozenset(a["antecedents"]),
            present=tuple(re.compile(_expand(r, parts)) for r in a["present"]),
            offset=int(a.get("offset", 0)),
        )
        for a in data["anaphora"]
    )
    return TimexRules(patterns, anaphora, frozenset(data["sentence_ends"]))


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: str
    spec: TimeSpec | None  # None for an anaphor, resolved after selection
    anaphor: Anaphor | None = None


def _candidates(text: str, scan: str, reference: date | datetime, rules: TimexRules) -> Iterator[_Candidate]:
    """Every match of every pattern that the parser resolves, and every anaphor."""
    for pattern in rules.patterns:
        for match in pattern.regex.finditer(scan):
            try:
                spec = resolve_time(text[match.start() : match.end()], reference=reference)
            except ValueError:
                continue
            yield _Candidate(match.start(), match.end(), pattern.name, spec)
    for anaphor in rules.anaphora:
        for match in anaphor.regex.finditer(scan):
            yield _Candidate(match.start(), match.end(), anaphor.name, None, anaphor)


def _longest_first(candidates: Iterator[_Candidate], length: int) -> list[_Candidate]:
    """Keep the longest candidates, then the earliest, never two that overlap; in text order."""
    taken = bytearray(length)
    kept = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if not any(taken[candidate.start : candidate.end]):
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def _in_present_context(anaphor: Anaphor, scan: str, start: int, end: int) -> bool:
    return any(
        m.start() <= start and end <= m.end() for regex in anaphor.present for m in regex.finditer(scan)
    )


def _antecedent_time(
    anaphor: Anaphor, start: int, text: str, earlier: list[tuple[str, TimeMention]], rules: TimexRules
) -> str | None:
    """The time an anaphor points back to, as a form ``resolve_time`` reads ("2023年",
    "2023-08-16"): that of the nearest earlier mention of the right kind, None if there is none."""
    for rule, mention in reversed(earlier):
        if anaphor.same_sentence and any(char in rules.sentence_ends for char in text[mention.end : start]):
            return None
        if anaphor.antecedents and rule not in anaphor.antecedents:
            continue
        spec = mention.spec
        if spec.begin is None or spec.end is None:
            continue
        if anaphor.unit == "year" and spec.begin.year == spec.end.year:
            return f"{spec.begin.year:04d}年"
        if anaphor.unit == "day" and spec.begin == spec.end:
            return (spec.begin + timedelta(days=anaphor.offset)).isoformat()
    return None


def _reference_time(anaphor: Anaphor, reference: date | datetime) -> str:
    day = reference.date() if isinstance(reference, datetime) else reference
    return f"{day.year:04d}年" if anaphor.unit == "year" else day.isoformat()


def find_times(text: str, *, reference: date | datetime) -> list[TimeMention]:
    """Every time expression in ``text`` that can be placed in time, in text order, resolved against
    ``reference`` (the article's dateline); ``text[m.start:m.end] == m.text`` for each.

    >>> signed = "8月16日签署协议。签约当天，双方还签署了合作协议"
    >>> [m.spec.value for m in find_times(signed, reference=date(2023, 8, 18))]
    ['2023-08-16', '2023-08-16']
    """
    rules = load_rules()
    scan = text.translate(_HALF_WIDTH)
    mentions: list[tuple[str, TimeMention]] = []
    for candidate in _longest_first(_candidates(text, scan, reference, rules), len(text)):
        surface = text[candidate.start : candidate.end]
        spec = candidate.spec
        if candidate.anaphor is not None:
            anaphor = candidate.anaphor
            if _in_present_context(anaphor, scan, candidate.start, candidate.end):
                time = _reference_time(anaphor, reference)
            else:
                time = _antecedent_time(anaphor, candidate.start, text, mentions, rules)
            if time is None:
                continue
            spec = dataclasses.replace(resolve_time(time, reference=reference), surface=surface)
        assert spec is not None
        mentions.append((candidate.rule, TimeMention(candidate.start, candidate.end, surface, spec)))
    return [mention for _, mention in mentions]
