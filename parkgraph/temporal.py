"""Resolve Chinese time expressions ("今年上半年", "去年10月", "9月2日") against an article's dateline.

Pure functions, no RDF. The RDF layer turns a :class:`TimeSpec` into an OWL-Time node (see
``docs/model.md``, section "Time"): an instant gets ``time:inXSDDate`` / ``time:inXSDgYearMonth`` /
``time:inXSDgYear`` (:func:`xsd_datatype` names which), an interval ``time:hasBeginning`` /
``time:hasEnd`` instants with ``time:inXSDDate`` of ``begin`` / ``end``.

Accepted forms (the whole expression, after NFKC normalisation; nothing is stripped off)::

    year                 今年 去年 前年 明年 后年 | 2017年 | 二〇一七年 | 2023年度
    instant              year | [year] month | [year] month day         (9月2日 = reference year)
                         2024-03-26 | 2024/3/26 | 2024.3.26
    part of a year       [year] 年初 (its first month) / 年底 / 年末 (its last month) / 年内 (the year):
                         去年底 = December of last year, 年初 = January of the reference year
    part of a month      [year] month 份 / 初 / 底 / 末 / 上旬 / 中旬 / 下旬 (the month: 3月初 = 2024-03)
    month                本月 这个月 上月 上个月 下月 下个月 [初 / 底 / 末 / 份] | 月初 月底 月末 (this month)
    week                 本周 上周 下周 (Monday to Sunday) | 上周五 本周三 … (that day)
    day                  今天 今日 今晨 今早 昨天 昨日 昨晚 前天 明天 明日 后天
                         | 19日 (a day of the reference month, not after the reference day)
    half year            [year] 上半年 | [year] 下半年                    (interval)
    quarter              [year] [第]一季度 … [第]四季度 | [year] 前两季度 / 前三季度 (interval)
    first months         [year] 前N个月, N 1-12              (interval: 前11个月 = January to November)
    range                point 至|到|-|—|~ point                         (interval, first to last day covered)
                         the second point takes a missing year and month from the first (11月6日至10日),
                         a bare first number takes the unit of the second (1至2月, 2021-2025年)
    since                [自|自从|从] point 以来|至今                     (interval up to the reference day)
    by                   到|至|截至|截止 point                           (the point itself: 到2025年 = 2025)
    recent years         近N年 [来], N 2-10                 (the reference year and the N-1 before it)
    five-year plan       十一五 … 十九五 ["…" 期间 / 时期]                (interval: 十四五 = 2021-2025)
    now                  目前 当前 现在 截至目前 截止目前                  (the reference day)

months are 1-12 or 一…十二 followed by 月, days 1-31 or 一…三十一 followed by 日 or 号. A month
written without a year is in the reference year, unless it lies nine months or more after the
reference month: an article of early January writing 12月28日 means last December.
Vague expressions (近年来, 日前, 近期 …) are refused with :class:`ValueError`, as is anything else;
so is 当年 ("that year"), which needs the text around it (``parkgraph.extract.timex`` resolves it).

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
from datetime import date, datetime, timedelta

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

_NOW = frozenset({"目前", "当前", "现在", "截至目前", "截止目前", "截至当前", "截至现在"})
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}
_RELATIVE_DAYS = {
    "前天": -2,
    "昨天": -1,
    "昨日": -1,
    "昨晚": -1,
    "今天": 0,
    "今日": 0,
    "今晨": 0,
    "今早": 0,
    "明天": 1,
    "明日": 1,
    "后天": 2,
}
_RELATIVE_MONTHS = {"上月": -1, "上个月": -1, "本月": 0, "这个月": 0, "下月": 1, "下个月": 1}
_RELATIVE_WEEKS = {"上周": -1, "上星期": -1, "本周": 0, "这周": 0, "下周": 1, "下星期": 1}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
#: A month this many months or more after the reference month, written without a year, is last year's.
_LAST_YEARS_MONTHS = 9
_CN_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")

_YEAR = r"(?P<year>今年|去年|前年|明年|后年|\d{4}年|[〇零一二三四五六七八九]{4}年)"
_MONTH = r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,3})月"
_DAY = r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,4})[日号]"
_INSTANT = re.compile(f"{_YEAR}?(?:{_MONTH}(?:{_DAY})?)?")
_ISO = re.compile(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})")
_FISCAL_YEAR = re.compile(f"{_YEAR}度")
_YEAR_PART = re.compile(f"(?:{_YEAR}年?|年)(?P<part>初|底|末|内)")
_MONTH_PART = re.compile(f"(?P<instant>{_YEAR}?{_MONTH})(?:份|初|底|末|上旬|中旬|下旬|上中旬|中下旬)")
_HALF = re.compile(f"{_YEAR}?(?P<half>[上下])半年")
_QUARTER = re.compile(f"{_YEAR}?(?:第?(?P<quarter>[一二三四1-4])|前(?P<first>[二两三23]))季度")
_SINCE = re.compile(r"(?:自从|自|从)?(?P<instant>.+)(?:以来|至今)")
_BY = re.compile(r"(?:截至|截止到|截止|到|至)(?P<instant>.+)")
_RANGE_SEPARATOR = re.compile(r"至|到|-|—|–|~|〜")
_PARTS = re.compile(f"{_YEAR}?(?:{_MONTH})?(?:{_DAY})?")
_BARE_END = re.compile(r"(?P<head>.*?)(?P<bare>\d{1,4}|[〇零一二三四五六七八九十]{1,4})")
_RECENT_YEARS = re.compile(r"近(?P<n>10|[2-9]|[两二三四五六七八九十])年来?")
_RELATIVE_MONTH = re.compile(
    "(?P<month>" + "|".join(_RELATIVE_MONTHS) + ")(?:份|初|底|末|上旬|中旬|下旬)?"
)
_RELATIVE_WEEK = re.compile("(?P<week>" + "|".join(_RELATIVE_WEEKS) + ")(?P<day>[一二三四五六日天])?")
_BARE_DAY = re.compile(_DAY)
_THIS_MONTH_PART = re.compile("月(?:初|底|末)")
_FIRST_MONTHS = re.compile(f"{_YEAR}?前(?P<n>1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])个月")
_PLAN = re.compile(r"[“\"]?十(?P<plan>[一二三四五六七八九])五[”\"]?(?:期间|时期)?")

_ACCEPTED = (
    "accepted forms: 今年 去年 前年 明年, 2017年, 2023年度, 2021年10月, 去年10月, 今年3月, 9月2日, "
    "2022年9月2日, 2024-03-26, 年底 / 2023年底, 5月份 / 3月初 / 3月中旬, 昨天 / 今天, "
    "[year]上半年 / [year]下半年, [year][第]一季度 … 四季度 / 前三季度, "
    "1至2月 / 11月6日至10日 / 2021-2025年, 前11个月, 上月 / 本月底 / 月底, 上周 / 本周三, 19日 (this month), "
    "[自]2017年以来 / 去年以来 / 2019年至今, 到2025年, 近三年, 十四五, "
    "目前 / 当前 / 现在 / 截至目前; vague expressions (" + " ".join(sorted(VAGUE)) + ") are refused"
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
        if year_token is None and month - ref.month >= _LAST_YEARS_MONTHS:
            year -= 1  # 12月28日 in an article of 3 January: last December
        first = date(year, month, 1)
        if day_token is None:
            return TimeSpec(surface, "year-month", f"{year:04d}-{month:02d}", first, _month_end(year, month))
        day = date(year, month, _small_number(day_token))
    except (ValueError, KeyError, IndexError) as error:  # month 13, 2月30日, 十十月 …
        raise _fail(surface, f"no such date ({error})") from None
    return TimeSpec(surface, "date", day.isoformat(), day, day)


def _point(surface: str, text: str, ref: date) -> TimeSpec | None:
    """Resolve one point of the time line: an instant, an ISO date, a 年度, or a part of a year or
    month (年底, 3月初), which the gold files place at the year or month it is part of; None when
    ``text`` is none of these."""
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = (int(match.group(name)) for name in ("year", "month", "day"))
        try:
            point = date(year, month, day)
        except ValueError as error:
            raise _fail(surface, f"no such date ({error})") from None
        return TimeSpec(surface, "date", point.isoformat(), point, point)
    match = _FISCAL_YEAR.fullmatch(text)
    if match:
        return _instant(surface, match.group("year"), ref)
    match = _YEAR_PART.fullmatch(text)
    if match:  # 年底 is the year's last month, 年初 its first; 年内 the whole year
        year = _year(match.group("year") or "今年", ref)
        month = {"初": "1月", "底": "12月", "末": "12月"}.get(match.group("part"), "")
        return _instant(surface, f"{year:04d}年{month}", ref)
    match = _MONTH_PART.fullmatch(text)
    if match:
        return _instant(surface, match.group("instant"), ref)
    return _instant(surface, text, ref)


def _parts(text: str) -> list[str | None] | None:
    """The year, month and day tokens of ``[year] [month] [day]`` (a range's end), None if not."""
    match = _PARTS.fullmatch(text)
    if match is None or not text:
        return None
    return list(match.group("year", "month", "day"))


def _range_end_parts(first: str, last: str) -> tuple[list[str | None], list[str | None]] | None:
    """The parts of both ends of a range, the way Chinese writes ranges: the last end takes a
    missing year (and, for days, month) from the first; a bare number at the first end
    (1至2月, 2021-2025年, 6至10日) takes the unit the last end starts with."""
    tail = _parts(last)
    if tail is None:
        return None
    head = _parts(first)
    if head is None:
        match = _BARE_END.fullmatch(first)
        if match is None:
            return None
        head = _parts(match.group("head")) if match.group("head") else [None, None, None]
        unit = next((i for i, part in enumerate(tail) if part is not None), None)
        if head is None or unit is None or any(part is not None for part in head[unit:]):
            return None
        bare = match.group("bare")
        head[unit] = f"{bare}年" if unit == 0 else bare
    if tail[0] is None:
        tail[0] = head[0]
    if tail[2] is not None and tail[1] is None:
        if head[1] is None:
            return None
        tail[1] = head[1]
    return head, tail


def _joined(parts: list[str | None]) -> str:
    year, month, day = parts
    return (year or "") + (f"{month}月" if month else "") + (f"{day}日" if day else "")


def _range(surface: str, text: str, ref: date) -> TimeSpec | None:
    """Resolve ``point 至 point`` (or 到, -, —, ~) as the interval from the first day the first
    point covers to the last day the second covers; None when ``text`` is not a range."""
    for separator in _RANGE_SEPARATOR.finditer(text):
        first, last = text[: separator.start()], text[separator.end() :]
        if not first or not last:
            continue
        ends = _range_end_parts(first, last)
        if ends is not None:
            begin = _instant(surface, _joined(ends[0]), ref)
            end = _instant(surface, _joined(ends[1]), ref)
        else:  # two whole points, e.g. 2023-11-06至2023-11-10
            begin, end = _point(surface, first, ref), _point(surface, last, ref)
        if begin is None or end is None:
            continue
        if end.end < begin.begin:
            raise _fail(surface, f"it ends on {end.end}, before it begins on {begin.begin}")
        return TimeSpec(surface, "interval", None, begin.begin, end.end)
    return None


def _plan(surface: str, number: str) -> TimeSpec:
    """The N-th five-year plan (十一五 … 十九五): the third ran 1966-1970 and they have followed on
    since, so the 14th (十四五) is 2021-2025."""
    first_year = 1966 + 5 * (10 + "一二三四五六七八九".index(number) + 1 - 3)
    return TimeSpec(surface, "interval", None, date(first_year, 1, 1), date(first_year + 4, 12, 31))


def _recent_years(surface: str, count: str, ref: date) -> TimeSpec:
    """近N年: the gold files count the reference year as the last of the N (近三年 in 2024 is
    2022-2024)."""
    years = int(count) if count.isdigit() else _small_number(count.replace("两", "二"))
    return TimeSpec(surface, "interval", None, date(ref.year - years + 1, 1, 1), date(ref.year, 12, 31))


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
    if text in _RELATIVE_DAYS:
        day = ref + timedelta(days=_RELATIVE_DAYS[text])
        return TimeSpec(surface, "date", day.isoformat(), day, day)
    match = _RELATIVE_MONTH.fullmatch(text)
    if match:
        index = ref.year * 12 + ref.month - 1 + _RELATIVE_MONTHS[match.group("month")]
        first = date(index // 12, index % 12 + 1, 1)
        value = f"{first.year:04d}-{first.month:02d}"
        return TimeSpec(surface, "year-month", value, first, _month_end(first.year, first.month))
    if _THIS_MONTH_PART.fullmatch(text):  # 月底前完成: this month's end
        return _instant(surface, f"{ref.year:04d}年{ref.month}月", ref)  # type: ignore[return-value]
    match = _FIRST_MONTHS.fullmatch(text)
    if match:  # 今年前11个月: January to November
        year = _year(match.group("year"), ref)
        months = _small_number(match.group("n").replace("两", "二"))
        return TimeSpec(surface, "interval", None, date(year, 1, 1), _month_end(year, months))
    match = _RELATIVE_WEEK.fullmatch(text)
    if match:
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=_RELATIVE_WEEKS[match.group("week")])
        if match.group("day"):
            day = monday + timedelta(days=_WEEKDAYS[match.group("day")])
            return TimeSpec(surface, "date", day.isoformat(), day, day)
        return TimeSpec(surface, "interval", None, monday, monday + timedelta(days=6))
    match = _BARE_DAY.fullmatch(text)
    if match:  # 19日 in an article of 21 September: 19 September; a later day may be a plan or last month's
        number = _small_number(match.group("day"))
        if not 1 <= number <= ref.day:
            raise _fail(surface, f"a day of the month after the reference day ({ref}) is ambiguous")
        day = ref.replace(day=number)
        return TimeSpec(surface, "date", day.isoformat(), day, day)

    match = _PLAN.fullmatch(text)
    if match:
        return _plan(surface, match.group("plan"))
    match = _RECENT_YEARS.fullmatch(text)
    if match:
        return _recent_years(surface, match.group("n"), ref)

    match = _HALF.fullmatch(text)
    if match:
        year = _year(match.group("year"), ref)
        if match.group("half") == "上":
            return TimeSpec(surface, "interval", None, date(year, 1, 1), date(year, 6, 30))
        return TimeSpec(surface, "interval", None, date(year, 7, 1), date(year, 12, 31))

    match = _QUARTER.fullmatch(text)
    if match:
        year = _year(match.group("year"), ref)
        if match.group("first"):  # 前三季度: from the first quarter through the N-th
            last_month = 3 * {"二": 2, "两": 2, "2": 2, "三": 3, "3": 3}[match.group("first")]
            return TimeSpec(surface, "interval", None, date(year, 1, 1), _month_end(year, last_month))
        quarter = "一二三四".find(match.group("quarter")) + 1 or int(match.group("quarter"))
        first_month = 3 * quarter - 2
        return TimeSpec(
            surface, "interval", None, date(year, first_month, 1), _month_end(year, first_month + 2)
        )

    match = _SINCE.fullmatch(text)
    if match:
        start = _point(surface, match.group("instant"), ref)
        if start is None:
            raise _fail(surface, f"{match.group('instant')!r} before 以来 is not a year, month or date")
        if start.begin > ref:
            raise _fail(surface, f"it starts on {start.begin}, after the reference date {ref}")
        return TimeSpec(surface, "interval", None, start.begin, ref)

    spec = _point(surface, text, ref) or _range(surface, text, ref)
    if spec is not None:
        return spec
    match = _BY.fullmatch(text)
    spec = _point(surface, match.group("instant"), ref) if match else None
    if spec is None:
        raise _fail(surface, "it is not a recognised time expression")
    return spec
