"""Resolve Chinese time expressions ("今年上半年", "去年10月", "9月2日") against an article's dateline.

Pure functions, no RDF. The RDF layer turns a :class:`TimeSpec` into an OWL-Time node (see
``docs/model.md``, section "Time"): an instant gets ``time:inXSDDate`` / ``time:inXSDgYearMonth`` /
``time:inXSDgYear`` (:func:`xsd_datatype` names which), an interval ``time:hasBeginning`` /
``time:hasEnd`` instants with ``time:inXSDDate`` of ``begin`` / ``end``.

Accepted forms (the whole expression, after NFKC normalisation; nothing is stripped off)::

    year                 今年 去年 前年 明年 | 2017年 | 二〇一七年
    instant              year | [year] month | [year] month day         (9月2日 = reference year)
    half year            [year] 上半年 | [year] 下半年                    (interval)
    quarter              [year] [第]一季度 … [第]四季度                   (interval)
    since                [自|自从] instant 以来                          (interval up to the reference day)
    now                  目前 当前 现在                                  (the reference day)

months are 1-12 or 一…十二 followed by 月, days 1-31 or 一…三十一 followed by 日 or 号.
Vague expressions (近年来, 日前, 近期 …) are refused with :class:`ValueError`, as is anything else.

>>> from datetime import datetime, timedelta, timezone
>>> dateline = datetime(2022, 9, 3, 17, 59, tzinfo=timezone(timedelta(hours=8)))
>>> half = resolve_time("今年上半年", reference=dateline)
>>> half.kind, half.begin, half.end
('interval', datetime.date(2022, 1, 1), datetime.date(2022, 6, 30))
>>> resolve_time("去年10月", reference=dateline).value
'2021-10'
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

import cn2an

__all__ = ["KINDS", "VAGUE", "TimeSpec", "resolve_time", "xsd_datatype"]

#: the values of :attr:`TimeSpec.kind`.
KINDS: tuple[str, ...] = ("date", "year-month", "year", "interval")

#: expressions refused as too vague to place on a time line.
VAGUE: frozenset[str] = frozenset(
    {
        "近年来",
        "近年",
        "近几年",
        "近期",
        "近日",
        "日前",
        "此前",
        "以前",
        "之前",
        "过去",
        "未来",
        "如今",
        "前不久",
        "不久前",
        "最近",
        "早前",
        "今后",
        "将来",
    }
)

_NOW = frozenset({"目前", "当前", "现在"})
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_CN_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")

_YEAR = r"(?P<year>今年|去年|前年|明年|\d{4}年|[〇零一二三四五六七八九]{4}年)"
_MONTH = r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})月"
_DAY = r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,4})[日号]"
_INSTANT = re.compile(f"{_YEAR}?(?:{_MONTH}(?:{_DAY})?)?")
_HALF = re.compile(f"{_YEAR}?(?P<half>[上下])半年")
_QUARTER = re.compile(f"{_YEAR}?第?(?P<quarter>[一二三四1-4])季度")
_SINCE = re.compile(r"(?:自从|自)?(?P<instant>.+)以来")

_ACCEPTED = (
    "accepted forms: 今年 去年 前年 明年, 2017年, 2021年10月, 去年10月, 今年3月, 9月2日, 2022年9月2日, "
    "[year]上半年 / [year]下半年, [year][第]一季度 … 四季度, [自]2017年以来 / 去年以来 / 去年10月以来, "
    "目前 / 当前 / 现在; vague expressions (" + " ".join(sorted(VAGUE)) + ") are refused"
)


@dataclass(frozen=True)
class TimeSpec:
    """A resolved time expression.

    ``kind`` is one of :data:`KINDS`. Instants (``date``, ``year-month``, ``year``) have ``value``,
    the XSD lexical form ("2022-09-02", "2021-10", "2022"); intervals have ``value`` None.
    ``begin`` and ``end`` are always filled: the first and last day covered, inclusive
    (for an instant, the span of the day, month or year it names).

    >>> spec = resolve_time("2021年10月", reference=datetime(2022, 9, 3))
    >>> spec.kind, spec.value, spec.begin, spec.end
    ('year-month', '2021-10', datetime.date(2021, 10, 1), datetime.date(2021, 10, 31))
    """

    surface: str
    kind: str
    value: str | None
    begin: date | None
    end: date | None

    @property
    def is_instant(self) -> bool:
        """True for ``date``, ``year-month`` and ``year`` (an OWL-Time ``time:Instant``)."""
        return self.kind != "interval"


def xsd_datatype(spec: TimeSpec) -> str:
    """The XSD datatype local name of an instant's ``value``: "date", "gYearMonth" or "gYear".

    Intervals have none (their ends are ``xsd:date``): :class:`ValueError`.

    >>> d = datetime(2022, 9, 3)
    >>> [xsd_datatype(resolve_time(s, reference=d)) for s in ("9月2日", "去年10月", "2017年")]
    ['date', 'gYearMonth', 'gYear']
    """
    datatypes = {"date": "date", "year-month": "gYearMonth", "year": "gYear"}
    if spec.kind not in datatypes:
        raise ValueError(
            f"time expression {spec.surface!r} is an interval; it has no single XSD value "
            "(use its begin and end, xsd:date)"
        )
    return datatypes[spec.kind]


class _Unresolvable(ValueError):
    """The ValueError :func:`resolve_time` raises (already quoting the surface form)."""


def _fail(surface: str, reason: str) -> ValueError:
    return _Unresolvable(f"cannot resolve time expression {surface!r}: {reason}; {_ACCEPTED}")


def _small_number(text: str) -> int:
    """1-2 digit Arabic or Chinese number (month or day)."""
    if text.isdigit():
        return int(text)
    return int(cn2an.cn2an(text, "strict"))


def _year(token: str | None, ref: date) -> int:
    if token is None:
        return ref.year
    if token in _RELATIVE_YEARS:
        return ref.year + _RELATIVE_YEARS[token]
    return int(token[:-1].translate(_CN_YEAR_DIGITS))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _instant(surface: str, text: str, ref: date) -> TimeSpec | None:
    """Resolve ``[year] [month [day]]``; None when ``text`` is not of that form."""
    match = _INSTANT.fullmatch(text)
    if match is None or not text:
        return None
    year_token, month_token, day_token = match.group("year", "month", "day")
    try:
        year = _year(year_token, ref)
        if month_token is None:
            return TimeSpec(surface, "year", f"{year:04d}", date(year, 1, 1), date(year, 12, 31))
        month = _small_number(month_token)
        first = date(year, month, 1)
        if day_token is None:
            return TimeSpec(surface, "year-month", f"{year:04d}-{month:02d}", first, _month_end(year, month))
        day = date(year, month, _small_number(day_token))
    except (ValueError, KeyError, IndexError) as error:  # month 13, 2月30日, 十十月 …
        raise _fail(surface, f"no such date ({error})") from None
    return TimeSpec(surface, "date", day.isoformat(), day, day)


def resolve_time(surface: str, *, reference: datetime | date) -> TimeSpec:
    """Resolve a Chinese time expression against ``reference`` (the article's dateline).

    Relative years count from the reference's year, in its own time zone; a month and day without
    a year are in the reference year. Raises :class:`ValueError` quoting ``surface``.

    >>> from datetime import datetime, timedelta, timezone
    >>> dateline = datetime(2022, 9, 3, 17, 59, tzinfo=timezone(timedelta(hours=8)))
    >>> resolve_time("9月2日", reference=dateline).value
    '2022-09-02'
    >>> spec = resolve_time("自2017年以来", reference=dateline)
    >>> spec.kind, spec.begin, spec.end
    ('interval', datetime.date(2017, 1, 1), datetime.date(2022, 9, 3))
    >>> resolve_time("目前", reference=dateline).value
    '2022-09-03'
    >>> resolve_time("近年来", reference=dateline)
    Traceback (most recent call last):
        ...
    ValueError: cannot resolve time expression '近年来': it is too vague to place in time; accepted forms: ...
    """
    if not isinstance(surface, str):
        raise TypeError(f"resolve_time() expects a str, got {type(surface).__name__}")
    if isinstance(reference, datetime):
        ref = reference.date()
    elif isinstance(reference, date):
        ref = reference
    else:
        raise TypeError(f"reference must be a datetime, got {type(reference).__name__}")
    text = unicodedata.normalize("NFKC", surface).strip(" \t\r\n\u3000")
    try:
        return _resolve(surface, text, ref)
    except _Unresolvable as error:  # re-raised as a plain ValueError, without the internal chain
        raise ValueError(str(error)) from None
    except ValueError as error:  # date() out of range, e.g. year 0
        raise ValueError(str(_fail(surface, f"no such date ({error})"))) from None


def _resolve(surface: str, text: str, ref: date) -> TimeSpec:
    if not text:
        raise _fail(surface, "it is empty")
    if text in VAGUE:
        raise _fail(surface, "it is too vague to place in time")
    if text in _NOW:
        return TimeSpec(surface, "date", ref.isoformat(), ref, ref)

    match = _HALF.fullmatch(text)
    if match:
        year = _year(match.group("year"), ref)
        if match.group("half") == "上":
            return TimeSpec(surface, "interval", None, date(year, 1, 1), date(year, 6, 30))
        return TimeSpec(surface, "interval", None, date(year, 7, 1), date(year, 12, 31))

    match = _QUARTER.fullmatch(text)
    if match:
        year = _year(match.group("year"), ref)
        quarter = "一二三四".find(match.group("quarter")) + 1 or int(match.group("quarter"))
        first_month = 3 * quarter - 2
        return TimeSpec(
            surface, "interval", None, date(year, first_month, 1), _month_end(year, first_month + 2)
        )

    match = _SINCE.fullmatch(text)
    if match:
        start = _instant(surface, match.group("instant"), ref)
        if start is None:
            raise _fail(surface, f"{match.group('instant')!r} before 以来 is not a year, month or date")
        if start.begin > ref:
            raise _fail(surface, f"it starts on {start.begin}, after the reference date {ref}")
        return TimeSpec(surface, "interval", None, start.begin, ref)

    spec = _instant(surface, text, ref)
    if spec is None:
        raise _fail(surface, "it is not a recognised time expression")
    return spec
