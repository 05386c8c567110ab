"""Datelines and document-information lines: the publication date and who published and wrote a page.

A dateline is a short line near the headline that carries a date (and often a time) with the
outlet, the origin (来源) and the author, labelled (``发布时间：… 来源：… 作者：…``) or not
(``2022年09月03日 17:59 新浪网 作者 速新闻``, ``原创 许嘉禾 榆川高新发布 2023-07-18 18:30``). Government
pages put the same fields in a table of ``label：value`` lines. :func:`parse_meta_line` reads any of
these; it returns None for a line that is article text.

>>> meta = parse_meta_line("2022年09月03日 17:59 新浪网 作者 速新闻")
>>> meta.published.isoformat(), meta.publisher, meta.source
('2022-09-03T17:59:00+08:00', '新浪网', '速新闻')
>>> meta = parse_meta_line("发布时间：2024-10-15 09:32　　来源：棠阴县融媒体中心　　作者：韦珺")
>>> meta.published.isoformat(), meta.source, meta.author
('2024-10-15T09:32:00+08:00', '棠阴县融媒体中心', '韦珺')
>>> meta = parse_meta_line("原创 许嘉禾 榆川高新发布 2023-07-18 18:30 发表于沧澜")
>>> meta.author, meta.outlet
('许嘉禾', '榆川高新发布')
>>> parse_meta_line("7月14日，沧澜省工业和信息化厅公布2023年度名单。") is None
True

Dates stand beside other fields, run into a source or among counters:

>>> meta = parse_meta_line("来源:鹭平日报2025-08-25 10:49")
>>> meta.published.isoformat(), meta.source
('2025-08-25T10:49:00+08:00', '鹭平日报')
>>> meta = parse_meta_line("2020-09-21 责任编辑: 作者: 来源:鹭平日报 阅读量:7648")
>>> meta.published.isoformat(), meta.source, meta.author
('2020-09-21', '鹭平日报', None)

The page's furniture on a dateline (counters, buttons, the site's editor, labels left empty) stays out
of the article text (:func:`clean_dateline`):

>>> clean_dateline("发布时间:2024-01-02 10:00 浏览次数: 【字体: 大 中 小】 终审:")
'发布时间:2024-01-02 10:00'
>>> clean_dateline("来源：鹭平日报 | 发布时间：2023-09-14 | 浏览：521次 | 作者：葛文涛")
'来源：鹭平日报 | 发布时间：2023-09-14 | 作者：葛文涛'
>>> clean_dateline("2022年09月03日 17:59 新浪网 作者 速新闻")
'2022年09月03日 17:59 新浪网 作者 速新闻'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from .lexicon import LEXICON
from .lines import content_length, is_sentence, tokens

__all__ = [
    "CHINA_TZ",
    "DATE_RE",
    "MetaLine",
    "clean_dateline",
    "clean_fields",
    "make_date",
    "parse_meta_line",
]

#: Datelines carry Beijing wall-clock time without an offset; China has one zone and no DST.
CHINA_TZ = timezone(timedelta(hours=8))

#: A calendar date with an optional time of day: 2024-10-15 09:32, 2022年09月03日 17:59, 2024/3/2.
DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*"
    r"(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})(?:\s*日|(?!\d))|(?P<sep>[-/.])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?!\d))"
    r"(?:(?:\s*|T)(?P<H>[01]?\d|2[0-3])\s*[:：时]\s*(?P<M>[0-5]\d)(?:\s*[:：分]\s*(?P<S>[0-5]\d))?(?!\d))?"
)

_LABELS = sorted(LEXICON.field_labels, key=len, reverse=True)
#: ``label：value``; the value runs to the next wide gap, bar or label.
_FIELD = re.compile(r"(?P<label>" + "|".join(map(re.escape, _LABELS)) + r")\s*[：:]\s*")
_GAP = re.compile(r"\s{2,}|\u3000|[|｜丨]")

#: Words of a dateline that are neither a date nor a name: WeChat's 原创, 发表于<place>, counts, and
#: bracketed toolbar buttons that share the line (【字体：大 中 小】 【打印】).
_NOISE = re.compile(
    r"原创|(?:发表|发布)于\s*\S+|(?:阅读|浏览|点击|评论)\s*[（(]?\d+[)）]?次?|【[^】]{0,12}】|\[[^\]]{0,12}\]"
)
#: An author's credit among a dateline's items: ``某某/文``, ``文/某某``, ``某某 文/图``.
_SLASH_CREDIT = re.compile(
    r"(?:^|(?<=\s))(?:(?P<before>[^\s/|｜丨]{1,12}?)\s*/\s*(?:文/图|图/文|文图|图文|文)"
    r"|(?:文|文/图|图/文|文图|图文)\s*/\s*(?P<after>[^\s/|｜丨]{1,12}))(?=\s|$|[|｜丨])"
)
#: A reporter run into the source after a space (``来源:鹭平日报 林晓``).
_RUN_IN_REPORTER = re.compile(r"^(?P<outlet>\S+)\s+(?P<name>[\u4e00-\u9fff]{2,3})$")
#: A weekday between a date and its time (2024年5月6日 星期一 10:30) hides the time from DATE_RE.
_WEEKDAY = re.compile(r"(?<=[日\d])\s*(?:星期|周)[一二三四五六日天]\s*")

#: A bracketed group of a dateline (``【字体：大 中 小】``, ``[打印本页]``): chrome if made of toolbar words.
_BRACKETED = re.compile(r"【[^】]{0,24}】|\[[^\]]{0,24}\]|［[^］]{0,24}］")
#: An unlabelled counter (``阅读 (12)``, ``浏览 1287次``).
_COUNTER = re.compile(r"(?:阅读|浏览|点击|评论)\s*[（(]?\d+[)）]?次?")
#: A site's address among a dateline's items.
_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:com|cn|net|org|gov)(?:\.cn)?/?$", re.IGNORECASE)
#: The white space and bars between a dateline's items.
_SEPARATOR_RUN = re.compile(r"((?:\s|[|｜丨])+)")

#: Most unlabelled items a dateline carries besides its date (outlet, author, source, "作者").
_MAX_ITEMS = 4
#: An unlabelled name this short that ends like no outlet is no outlet (a handle, a word).
_SHORT_NAME = 4
_MAX_ITEM = 24
_MAX_META_LINE = 160


@dataclass
class MetaLine:
    """What one dateline or document-information line states; ``fields`` maps each labelled field
    (``published``, ``source``, ``author``, ...) to its first value."""

    fields: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date | datetime] = field(default_factory=dict)
    publisher: str | None = None
    outlet: str | None = None  # an outlet named without a label: a WeChat account, a portal's source
    source: str | None = None
    author: str | None = None
    unlabelled_date: date | datetime | None = None
    impossible: str | None = None  # a date-shaped text that is no calendar date (2022年13月03日)

    @property
    def published(self) -> date | datetime | None:
        """The publication date this line states: labelled, else the bare date, else an update date."""
        return self.dates.get("published") or self.unlabelled_date or self.dates.get("updated")


#: The earliest publication date a capture may have: older dates are typos (``1024`` for ``2024``).
EARLIEST = date(1949, 1, 1)


def implausible(value: date | datetime, *, today: date | None = None) -> str | None:
    """Why ``value`` cannot be when an article was published, or None: after tomorrow (judged against
    today's date in Beijing, a day's grace for time zones and clocks), or before 1949.

    >>> implausible(date(9999, 12, 31), today=date(2025, 1, 1))
    'is in the future (after tomorrow, 2025-01-02)'
    >>> implausible(date(1024, 5, 6)), implausible(date(2024, 5, 6))
    ('is before 1949', None)
    """
    day = value.astimezone(CHINA_TZ).date() if isinstance(value, datetime) else value
    today = today or datetime.now(CHINA_TZ).date()
    if day > today + timedelta(days=1):
        return f"is in the future (after tomorrow, {today + timedelta(days=1)})"
    if day < EARLIEST:
        return f"is before {EARLIEST.year}"
    return None


def same_day(a: date | datetime, b: date | datetime) -> bool:
    """Do two publication dates name the same day (in Beijing)?"""
    days = [v.astimezone(CHINA_TZ).date() if isinstance(v, datetime) else v for v in (a, b)]
    return days[0] == days[1]


def make_date(match: re.Match[str]) -> date | datetime | None:
    """The date (or Beijing date-time) of a :data:`DATE_RE` match; None if it is no real date."""
    year = int(match.group("y"))
    month = int(match.group("m1") or match.group("m2"))
    day = int(match.group("d1") or match.group("d2"))
    try:
        if match.group("H") is None:
            return date(year, month, day)
        return datetime(
            year,
            month,
            day,
            int(match.group("H")),
            int(match.group("M")),
            int(match.group("S") or 0),
            tzinfo=CHINA_TZ,
        )
    except ValueError:
        return None


def parse_meta_line(line: str) -> MetaLine | None:
    """Read a dateline or a ``label：value`` metadata line; None if the line is article text. Labels in
    traditional script (``發佈時間：``, ``來源：``) are read as their simplified forms; the values are
    the line's own text."""
    if not line or len(line) > _MAX_META_LINE or is_sentence(line):
        return None
    key = LEXICON.simplified(line)
    meta = _parse(key)
    if meta is None or key == line:
        return meta

    def original(value: str | None) -> str | None:
        at = key.find(value) if value else -1
        return line[at : at + len(value)] if value and at >= 0 else value

    meta.fields = {name: original(value) or value for name, value in meta.fields.items()}
    meta.publisher, meta.outlet = original(meta.publisher), original(meta.outlet)
    meta.source, meta.author = original(meta.source), original(meta.author)
    return meta


def _parse(line: str) -> MetaLine | None:
    meta = MetaLine()
    rest = _take_fields(_WEEKDAY.sub(" ", line), meta)
    slash = _SLASH_CREDIT.search(rest)
    if slash:  # ``耐火材料网 yll/文``: the author's credit, not two names and a word
        meta.author = slash.group("before") or slash.group("after")
        rest = rest[: slash.start()] + " " + rest[slash.end() :]
    found = False
    for match in DATE_RE.finditer(rest):
        value = make_date(match)
        if value is None:
            meta.impossible = meta.impossible or match.group(0)
            found = True
        elif meta.unlabelled_date is None:
            meta.unlabelled_date = value
            found = True
    first_date = DATE_RE.search(rest)
    before, after = (rest[: first_date.start()], rest[first_date.end() :]) if first_date else (rest, "")
    before_items, after_items = (
        [item for item in tokens(_NOISE.sub(" ", DATE_RE.sub(" ", part))) if _is_name_item(item)]
        for part in (before, after)
    )
    items = before_items + after_items
    if not (meta.fields or found):
        return None
    if len(items) > _MAX_ITEMS or any(len(item) > _MAX_ITEM or "，" in item for item in items):
        return None
    if not meta.fields and content_length("".join(items)) > 40:
        return None
    # Names stand before the date (WeChat's 原创 author account, a portal's account) or after it
    # (Sina's outlet 作者 source, a company's department); after a date that has names before it,
    # a word is where the post was made (WeChat's 发表于 without the 于). Beside labelled fields, an
    # unlabelled item is the site naming itself, and two are links (进入论坛, 手机看视频), not names.
    if not meta.fields or len(items) == 1:
        _read_items(before_items if [i for i in before_items if i != "原创"] else after_items, meta)
    meta.source = meta.fields.get("source") or meta.source
    run_in = _RUN_IN_REPORTER.match(meta.source or "")
    if run_in and LEXICON.is_outlet_name(run_in.group("outlet")) and _is_reporter(run_in.group("name")):
        meta.source = run_in.group("outlet")  # ``来源:鹭平日报 林晓``: the reporter run into the source
        meta.author = meta.author or run_in.group("name")
    meta.author = _person(meta.fields.get("author") or meta.author)
    if meta.author and " " in meta.author:  # ``作者：林晓 王卓``: the first named is the reporter
        meta.author = _person(meta.author.split()[0])
    meta.publisher = meta.fields.get("publisher") or meta.publisher
    return meta


def _is_name_item(item: str) -> bool:
    """An unlabelled item of a dateline that may name someone: not a bare bracket or bar left by a
    toolbar, not the site's address (``www.example.cn``), not a toolbar button or a link."""
    return (
        bool(content_length(item))
        and not _ADDRESS.match(item)
        and item not in LEXICON.toolbar_words
        and not LEXICON.is_dateline_link(item)
    )


def _is_reporter(name: str) -> bool:
    """A name run into a source after a space that is a reporter's: not an outlet's or an office's
    part, not a credit's label or a button."""
    return not (
        name.endswith(LEXICON.outlet_endings + LEXICON.author_not_person)
        or name in LEXICON.credit_labels
        or name in LEXICON.toolbar_words
        or name in LEXICON.field_labels
    )


def _person(author: str | None) -> str | None:
    """The author when it names a person: not a user handle (a forum poster's ``lp2021``), not an
    office (``作者：办公室``), not a toolbar button that follows an empty label (``作者： 字号``)."""
    if (
        not author
        or LEXICON.user_handle.match(author)
        or author.endswith(LEXICON.author_not_person)
        or author in LEXICON.toolbar_words
    ):
        return None
    return author


def clean_dateline(line: str) -> str | None:
    """The dateline as the article text keeps it: without the page's furniture that shares its line
    (counters, toolbar buttons, the site's own editor, a poster's handle, labels left without a value).

    A line with nothing of that is returned unchanged. A line that is left without a date once its
    furniture is gone is the page's toolbar naming the source (``来源：… 点击：… 收藏``): its fields
    are read (:func:`parse_meta_line`), but it is no part of the text, so None.
    """
    text = clean_fields(line)
    if text is None or (text != line and not DATE_RE.search(text)):
        return None
    return text.rstrip("|｜丨 \u3000") or None  # a table's bar after the last field


def clean_fields(line: str) -> str | None:
    """A line of labelled fields (a dateline, a credit line) without the page's furniture among them:
    counters, toolbar buttons, the site's own editor, a poster's handle, labels left without a value.
    The line itself when it has none of that; None when nothing is left.

    >>> clean_fields("来源: 作者:  责任编辑:林晓") is None
    True
    """
    key = LEXICON.simplified(line)
    dropped = [False] * len(line)

    def drop(start: int, end: int) -> None:
        dropped[start:end] = [True] * (end - start)

    blanked = key
    for group in _BRACKETED.finditer(key):
        if _is_toolbar_group(group.group(0)):
            drop(*group.span())
            blanked = blanked[: group.start()] + " " * len(group.group(0)) + blanked[group.end() :]
    matches = list(_FIELD.finditer(blanked))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(blanked)
        value_text = blanked[match.end() : end]
        gap = _GAP.search(value_text)
        value = (value_text[: gap.start()] if gap else value_text).strip()
        label = match.group("label")
        chrome = label in LEXICON.dateline_chrome_labels or not value
        if not chrome and LEXICON.field_of(label) == "author":  # a handle or a button, not an office
            chrome = bool(LEXICON.user_handle.match(value)) or value in LEXICON.toolbar_words
        if chrome:
            drop(match.start(), match.end() + (gap.start() if gap else len(value_text)))
    for counter in _COUNTER.finditer(blanked):
        drop(*counter.span())
    parts, at = [], 0
    for part in _SEPARATOR_RUN.split(line):
        parts.append((part, at))
        at += len(part)
    for index in range(0, len(parts), 2):
        part, at = parts[index]
        item = key[at : at + len(part)]
        if item in LEXICON.toolbar_words or LEXICON.is_dateline_link(item) or not content_length(part):
            drop(at, at + len(part))
    if not any(dropped):
        return line
    # the items left, each joined to the one before by the separator that followed that one
    text, separator = "", ""
    for index, (part, at) in enumerate(parts):
        if index % 2:
            separator = separator or part
            continue
        kept = "".join(ch for ch, gone in zip(part, dropped[at : at + len(part)], strict=True) if not gone)
        if content_length(kept):
            text += (separator if text else "") + kept
            separator = ""
    return text or None


def _is_toolbar_group(group: str) -> bool:
    """``【字体：大 中 小】``, ``[打印本页]``: a bracketed group of toolbar words (and their labels)."""
    words = tokens(re.sub(r"[【】\[\]［］：:]", " ", group))
    return bool(words) and all(
        word in LEXICON.toolbar_words or word in LEXICON.dateline_chrome_labels or word.isdigit()
        for word in words
    )


def _take_fields(line: str, meta: MetaLine) -> str:
    """Record the line's ``label：value`` fields in ``meta``; return the line without them."""
    matches = list(_FIELD.finditer(line))
    if not matches:
        return line
    kept = [line[: matches[0].start()]]
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        value_text = line[match.end() : end]
        gap = _GAP.search(value_text)
        value = (value_text[: gap.start()] if gap else value_text).strip()
        label_field = LEXICON.field_of(match.group("label")) or "other"
        date_match = DATE_RE.match(value_text.strip())
        run_in = DATE_RE.search(value_text)
        if label_field in {"published", "updated", "written"} and date_match:
            parsed = make_date(date_match)
            if parsed is not None:
                meta.dates.setdefault(label_field, parsed)
            value = date_match.group(0)
            kept.append(value_text.strip()[date_match.end() :])
        elif run_in and (gap is None or run_in.start() < gap.start()):
            # ``来源:鹭平日报2025-08-25 10:49``: the date runs into the value; it is the line's date
            value = value_text[: run_in.start()].strip()
            kept.append(value_text[run_in.start() :])
        elif gap:
            kept.append(value_text[gap.end() :])
        if value:
            meta.fields.setdefault(label_field, value)
    return " ".join(kept)


def _read_items(items: list[str], meta: MetaLine) -> None:
    """Name the unlabelled items: ``publisher 作者 source`` (Sina), ``原创 author account`` (WeChat),
    ``author outlet``, else one name alone: a person's (a surname, two to four characters) is the author,
    one that ends like an outlet's or is longer is the outlet, and a short word that is neither (a
    user's handle) is no one. Whether an unlabelled outlet published the page or
    only supplied the article depends on the page (see :mod:`parkgraph.reader.outlets`)."""
    if "作者" in items:
        index = items.index("作者")
        before, after = items[:index], items[index + 1 :]
        if before and after:
            meta.publisher, meta.source = before[-1], after[0]
        elif after:
            meta.author = after[0]
        return
    names = [item for item in items if item != "原创"]
    if len(names) >= 2:
        meta.author, meta.outlet = names[0], names[-1]
    elif len(names) == 1 and LEXICON.is_person_name(names[0]):
        meta.author = names[0]  # ``某某 2015-09-24`` under a headline: who posted it, not an outlet
    elif len(names) == 1 and (LEXICON.is_outlet_name(names[0]) or len(names[0]) > _SHORT_NAME):
        meta.outlet = names[0]  # a short word that is neither (a user's handle) names no one
