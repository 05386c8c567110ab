"""Where the parts of a page stand among its lines: title, dateline, body, credits, tail.

Every page our users capture has the same parts in the same order, whatever the site:

    site header, menus, breadcrumbs       chrome (skipped)
    [document-information table]          government notices: 索引号 / 发布机构 / 发布日期 ...
    title
    [dateline]                            date, outlet, origin, author (one or a few lines)
    [toolbar]                             chrome (skipped)
    body                                  the article's own paragraphs
    [credits]                             来源：… / 编辑：… / 审核：… (kept as text, out of the body)
    tail                                  disclaimer, share bar, related lists, footer (dropped)

:func:`find_layout` finds them with the rules of :mod:`parkgraph.reader.lines` and
:mod:`parkgraph.reader.datelines`: the dateline is the first metadata line before the first paragraph;
the title is the line right above it, unless that is a menu or breadcrumb, in which case the
metadata was a document-information table and the title is the line below it; the body runs to the
first line that ends a body; chrome lines inside it are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .datelines import DATE_RE, MetaLine, make_date, parse_meta_line
from .lexicon import LEXICON
from .lines import (
    clean_title,
    content_length,
    credit,
    ends_body,
    is_chrome,
    is_paragraph,
    is_sentence,
    is_title_like,
    is_toolbar,
)

__all__ = ["Layout", "find_body", "find_layout", "reporter_of", "signature_date"]

#: How many lines before the first paragraph a dateline may stand (site headers can be long).
_HEAD_LINES = 80

#: A header split over lines: at most this many byline lines of at most this many characters.
_MAX_BYLINE_LINES = 3
_BYLINE_PART = 10

#: Most lines between the dateline and the first paragraph that may be widgets rather than body.
_LEAD_LINES = 10

#: What a byline adds after the names: ``(记者 某某文/图)``, ``(记者 某某 摄)``.
_CREDIT_SUFFIX = re.compile(r"\s*(?:文\s*/\s*图|图\s*/\s*文|/\s*文|/\s*图|摄影|摄)$")
#: ``(记者 张云)``, ``（速新闻记者 张云）``, ``…5月6日电（记者 林晓 王卓）`` in the first paragraph.
_BYLINE = re.compile(r"[(（]\s*[^()（）]{0,12}?记者\s*(?P<names>[^()（）。，,]+?)\s*[)）]")
#: A byline on a line of its own: ``本报记者 周宁``, ``记者 林晓 王卓``, ``通讯员 韦珺``.
_BYLINE_LINE = re.compile(
    r"^(?:本报|本台|本网|本刊)?(?:首席|特约)?(?:记者|通讯员)\s*(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4}){0,3})$"
)
#: A byline under a dateline that names the outlets, then the reporters, then the correspondents
#: (``鹭平日报·澜江新闻网 林晓 通讯员 周宁``).
_OUTLET_BYLINE = re.compile(
    r"^[\u4e00-\u9fff·・]{2,24}?(?:报|网|台|社|刊|中心)(?:记者)?\s+(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4}){0,2})"
    r"\s+通讯员\s*[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4}){0,3}$"
)
#: A column's tag before a headline: ``（新春走基层）``, ``【高质量发展】``.
_COLUMN_TAG = re.compile(r"\s*[(（【\[][^()（）【】\[\]]{1,12}[)）】\]]\s*")
#: A bracketed byline closing the text: ``（记者 周宁）``.
_CLOSING_BYLINE = re.compile(r"[(（]\s*(?:记者|通讯员)\s*(?P<names>[^()（）。，,]+?)\s*[)）]$")
#: ``鹭平台记者 林晓 报道`` at the end of a broadcast or wire story.
_SIGN_OFF = re.compile(
    r"记者\s*(?P<names>[^\s记]{2,4}(?:\s+[^\s记]{2,4})*)\s.*报道$|记者\s*(?P<one>\S{2,4})\s*报道$"
)
#: A line that is a date and nothing else: the date under a notice's signature.
_DATE_ONLY = re.compile(r"^\s*" + DATE_RE.pattern + r"\s*$")
#: A line of separators only (``|`` between a dateline's two halves put on lines of their own).
_SEPARATORS_ONLY = re.compile(r"^[|｜丨/\\—–-]+$")
#: The parts of a date put on lines of their own: ``2015`` / ``12/23`` / ``22:07``.
_YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}$")
_MONTH_DAY = re.compile(r"^\d{1,2}[/-]\d{1,2}$")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
#: A link of a list after the text: two to fourteen letters or characters, no punctuation, no digit.
_LINK = re.compile(r"^[^\W\d_]{2,14}$")
_MIN_LINKS = 3

#: How a lead opens after a headline run into it without a break: a date, a 本报讯.
_LEAD_OPENING = re.compile(r"\s*(?:(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日|本[报台网刊]讯)")

#: The shortest piece of a caption that is read as the caption repeated (fewer may be anything).
_MIN_REPEAT = 4

#: A day that opens a line (``28日，…``): the month above it is a date cut by a line break, not a count.
_DAY_FIRST = re.compile(r"^\d{1,2}日")
_CN_DATE = re.compile(
    r"^[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$"
)


@dataclass
class Layout:
    """Indices into the capture's lines (or values read off them) for each part of the page."""

    title: int | None = None
    dateline: list[int] = field(default_factory=list)
    meta: list[MetaLine] = field(default_factory=list)
    body: list[int] = field(default_factory=list)
    credits: list[int] = field(default_factory=list)
    tail: int = 0
    table: bool = False  # the metadata was a document-information table above the title
    #: Where a body line's own text starts, for a line that opens with the headline run into it.
    cuts: dict[int, int] = field(default_factory=dict)

    @property
    def published(self) -> date | datetime | None:
        """The publication date the metadata states, labelled first (发布日期 before 成文日期)."""
        for key in ("published", "updated", "written"):
            for meta in self.meta:
                if key == "published" and meta.published is not None:
                    return meta.published
                if key != "published" and key in meta.dates:
                    return meta.dates[key]
        return None

    @property
    def impossible_date(self) -> str | None:
        """A date-shaped text of the metadata that is no calendar date (2022年13月03日), if any."""
        return next((m.impossible for m in self.meta if m.impossible), None)

    def first(self, attribute: str) -> str | None:
        """The first non-empty ``publisher``, ``source`` or ``author`` the metadata lines state."""
        return next((getattr(m, attribute) for m in self.meta if getattr(m, attribute)), None)


def find_layout(lines: list[str], *, title: str | None = None) -> Layout:
    """Locate the parts of the page in ``lines`` (stripped). ``title``, when the user gave one (the
    sidecar), places the body after the line that says it."""
    layout = Layout()
    first_paragraph = next((i for i, line in enumerate(lines) if _opens_text(line)), len(lines))
    block = _metadata_block(lines, min(first_paragraph, _HEAD_LINES))
    known_title = _line_of(lines, title) if title else None
    if block:
        start, end = block
        layout.meta = [m for m in (parse_meta_line(lines[i]) for i in range(start, end + 1)) if m]
        if not any(_dated(m) for m in layout.meta):  # a date split over lines (2015 / 12/23 / 22:07)
            layout.meta.append(_split_date(lines, start)[1])  # type: ignore[index]
        above = _title_above(lines, start)
        if known_title is not None and known_title < start:
            above = known_title
        if above is not None:
            layout.title = above
            byline = [
                i
                for i in range(above + 1, start)
                if lines[i] and content_length(lines[i]) and not is_toolbar(lines[i])
            ]
            if byline:  # a header split over lines: read the byline with the date line it belongs to
                joint = parse_meta_line(" ".join(lines[i] for i in [*byline, start]))
                layout.meta = ([joint] if joint else []) + layout.meta
            layout.dateline = byline + [i for i in range(start, end + 1) if lines[i]]
            body_from = end + 1
            below = _byline_below(lines, body_from)
            if below is not None:  # 某报·某网 某某 通讯员 某某 under the date
                index, author = below
                layout.meta.append(MetaLine(author=author))
                layout.dateline.append(index)
                body_from = index + 1
        else:
            layout.table = True
            layout.title = known_title if known_title is not None else _title_below(lines, end + 1)
            body_from = (layout.title if layout.title is not None else end) + 1
            if layout.title is None:  # no headline at all: the date above the text is its dateline
                layout.dateline = [i for i in range(start, end + 1) if lines[i]]
    else:  # no dateline: the headline is the nearest headline-like line above the first paragraph
        layout.title = known_title if known_title is not None else _title_before(lines, first_paragraph)
        body_from = (layout.title if layout.title is not None else -1) + 1
        following = next(
            (i for i in range(body_from, len(lines)) if lines[i] and not is_chrome(lines[i])), None
        )
        meta = parse_meta_line(lines[following]) if following is not None else None
        byline = _BYLINE_LINE.match(LEXICON.simplified(lines[following])) if following is not None else None
        if meta is not None and (meta.source or meta.author or meta.publisher or meta.fields):
            layout.meta, layout.dateline, body_from = [meta], [following], following + 1
        elif byline and layout.title is not None:  # ``本报记者 周宁`` under the headline
            names = lines[following][byline.start("names") : byline.end("names")]  # type: ignore[index]
            layout.meta, layout.dateline = [MetaLine(author=names.split()[0])], [following]
            body_from = following + 1
    find_body(lines, body_from, layout, title=title or _title_text(lines, layout.title))
    return layout


def _byline_below(lines: list[str], start: int) -> tuple[int, str] | None:
    """A byline line right below the dateline (past blank lines and chrome) naming the outlets, the
    reporters and the correspondents: its index and the first reporter."""
    index = _past_blank_and_chrome(lines, start)
    match = _OUTLET_BYLINE.match(LEXICON.simplified(lines[index])) if index < len(lines) else None
    if match is None:
        return None
    return index, lines[index][match.start("names") : match.end("names")].split()[0].strip("、")


def _opens_text(line: str) -> bool:
    """Can the article's text start with this line: a paragraph, neither chrome nor a record's field
    written as a sentence (``内容摘要：…。``, the abstract above a record's text)."""
    return is_paragraph(line) and not is_chrome(line) and not LEXICON.is_record_sentence(line)


def _title_text(lines: list[str], index: int | None) -> str | None:
    return clean_title(lines[index]) if index is not None else None


def _metadata_block(lines: list[str], limit: int) -> tuple[int, int] | None:
    """The first run of metadata lines before ``limit`` that states a date: ``(first, last)``."""
    index = 0
    while index < limit:
        split = _split_date(lines, index)
        if split is not None:
            return index, split[0]
        meta = parse_meta_line(lines[index]) if not is_chrome(lines[index]) else None
        if meta is None:
            index += 1
            continue
        start = end = index
        dated = _dated(meta)
        while end + 1 < len(lines):
            following = lines[end + 1]
            if _SEPARATORS_ONLY.match(following) and end + 2 < len(lines) and parse_meta_line(lines[end + 2]):
                end += 1  # ``发布时间：…`` / ``|`` / ``作者：…``: one dateline put on three lines
                continue
            meta = parse_meta_line(following) if following and not is_chrome(following) else None
            if meta is None:
                break
            end += 1
            dated = dated or _dated(meta)
        if dated:
            return start, end
        index = end + 1
    return None


def _split_date(lines: list[str], index: int) -> tuple[int, MetaLine] | None:
    """A date a page's layout put on lines of its own, year, day and time (``2015`` / ``12/23`` /
    ``22:07``): the last of its lines and what it states; None unless ``index`` starts one."""
    year = _YEAR_ONLY.match(lines[index])
    parts = [i for i in range(index + 1, min(len(lines), index + 5)) if lines[i]][:2]
    if not year or not parts or not _MONTH_DAY.match(lines[parts[0]]):
        return None
    joint = f"{lines[index]}/{lines[parts[0]]}"
    end = parts[0]
    if len(parts) > 1 and _TIME_ONLY.match(lines[parts[1]]):
        joint, end = f"{joint} {lines[parts[1]]}", parts[1]
    meta = parse_meta_line(joint)
    return (end, meta) if meta is not None and _dated(meta) else None


def _dated(meta: MetaLine) -> bool:
    return meta.published is not None or bool(meta.dates) or meta.impossible is not None


def _title_above(lines: list[str], start: int) -> int | None:
    """The headline right above a dateline: the nearest line above, past blanks and toolbars only,
    and past a byline split over short lines (WeChat copied as text: 原创 / author / account)."""
    index = _line_above(lines, start)
    if index is None or not is_title_like(lines[index]):
        return None
    nearest, steps = index, 0
    while _is_byline_part(lines[index]) and steps < _MAX_BYLINE_LINES:
        above = _line_above(lines, index)
        if above is None or not is_title_like(lines[above]):
            break
        index, steps = above, steps + 1
        if not _is_byline_part(lines[index]):
            return index
    return nearest if not lines[nearest].startswith("原创") else None


def _line_above(lines: list[str], index: int) -> int | None:
    index -= 1
    while index >= 0 and (not lines[index] or is_toolbar(lines[index]) or not content_length(lines[index])):
        index -= 1
    return index if index >= 0 else None


def _is_byline_part(line: str) -> bool:
    """``原创 …`` or a short name-like line (an author, an account) in a header split over lines."""
    return line.startswith("原创") or (content_length(line) <= _BYLINE_PART and not is_sentence(line))


def _next_title(lines: list[str], start: int, stop: int | None = None) -> int | None:
    """The first headline-like line at or after ``start`` (and before ``stop``, the first paragraph:
    a line after the text, a sign-off or a footer, is no headline)."""
    stop = len(lines) if stop is None or stop >= len(lines) else stop
    return next((i for i in range(start, stop) if is_title_like(lines[i])), None)


def _title_before(lines: list[str], paragraph: int) -> int | None:
    """The headline of a page without a dateline: the first headline-like line above its first
    paragraph that is not the site's name heading the page (``某某日报数字报``, ``某某市人民政府``)
    nor a metadata line without a date (``来源：…``)."""
    first = next((i for i, line in enumerate(lines) if line), None)
    for index in range(min(paragraph, len(lines))):
        line = lines[index]
        if not is_title_like(line) or parse_meta_line(line) is not None:
            continue
        if index == first and LEXICON.simplified(line).endswith(LEXICON.site_header_endings):
            continue
        return index
    return None


def _title_below(lines: list[str], start: int) -> int | None:
    """The headline right below a document-information table: the first line after it that is not
    blank or chrome, if it is headline-like. (A page that shows only 时间 / 来源 above the text has no
    headline there: its first line below is the body's.)"""
    following = next((i for i in range(start, len(lines)) if lines[i] and not is_chrome(lines[i])), None)
    return following if following is not None and is_title_like(lines[following]) else None


def _line_of(lines: list[str], text: str) -> int | None:
    return next((i for i, line in enumerate(lines) if line == text), None)


def find_body(lines: list[str], start: int, layout: Layout, *, title: str | None = None) -> None:
    """The body: from the first non-chrome line after ``start`` to the first line that ends a body;
    chrome lines inside are dropped, and trailing credit lines are set apart. A first line that says
    the ``title`` again (a page that repeats its headline above the text) is the title, not the body."""
    index = _past_blank_and_chrome(lines, start)
    if title and index < len(lines) and _says_title(lines[index], title):
        index = _past_blank_and_chrome(lines, index + 1)
    index = _past_lead_chrome(lines, index)
    if title and index < len(lines) and _headline_run_in(lines[index], title):
        layout.cuts[index] = len(title)  # 标题2015年2月5日，…: the text starts after the headline
    body: list[int] = []
    while index < len(lines) and not ends_body(lines[index]):
        line = lines[index]
        if line and not is_chrome(line) and not (line.isdigit() and not _month_of(lines, index)):
            body.append(index)  # a number alone is a count or a page number, unless a date's month
        index += 1
    layout.tail = index
    if len(body) > 1 and _cut_repeat(lines[body[-1]], lines[body[-2]]):
        body.pop()
    links = _link_list(lines, body)
    if links:
        del body[-links:]
    credits: list[int] = []
    while len(body) > 1 and credit(lines[body[-1]]):
        credits.insert(0, body.pop())
    if index < len(lines) and LEXICON.is_site_editor(lines[index]):  # 编辑 审核 above 责编: the site's staff
        credits = [i for i in credits if _credit_label(lines[i]) not in LEXICON.staff_credit_labels]
    layout.body, layout.credits = body, credits


def _link_list(lines: list[str], body: list[int]) -> int:
    """How many of the body's last lines are a list of links after the text (a B2B site's product links
    under a repost, a tag cloud): three or more short lines of words only (no punctuation, no digit),
    after a paragraph that ends its sentence, most of them ending like no body or company (the bodies
    that sign a notice are no link list). 0 when the body ends otherwise."""
    run = 0
    while run < len(body) - 1 and _LINK.match(lines[body[-1 - run]]):
        run += 1
    if run < _MIN_LINKS or not is_paragraph(before := lines[body[-1 - run]]) or before[-1] not in "。！？!?”":
        return 0
    named = sum(lines[i].endswith(LEXICON.author_not_person) for i in body[-run:])
    return run if named * 2 < run else 0


def _credit_label(line: str) -> str | None:
    found = credit(line)
    return found[0] if found else None


def _cut_repeat(last: str, before: str) -> bool:
    """Is the body's last line a piece of the caption above it, repeated and cut by the excerpt (a
    picture's alt text and then its caption, ``…_fororder_某某主持 供图`` / ``某某主``)? Only a caption
    (no sentence mark) is repeated so; a sign-off or a credit is no piece of one."""
    return (
        not is_sentence(before)
        and not is_sentence(last)
        and content_length(last) >= _MIN_REPEAT
        and last in before
        and not before.endswith(last)  # the whole caption again ends where the alt text ends: kept
        and not credit(last)
    )


def _headline_run_in(line: str, title: str) -> bool:
    """Does ``line`` open with the headline run into the lead without a break (``标题2015年2月5日，…``,
    ``标题本报讯…``)? Only a date or a 本报讯 after it says so: a lead that restates the headline as its
    first clause (``标题，总投资…``) is the text's."""
    return line.startswith(title) and bool(_LEAD_OPENING.match(line, len(title)))


def _says_title(line: str, title: str) -> bool:
    """Is ``line`` the headline again: the same words, or with a column's tag before them
    (``（新春走基层）…``)?"""
    said = clean_title(line)
    return said == title or (said.endswith(title) and bool(_COLUMN_TAG.fullmatch(said[: -len(title)])))


def _past_blank_and_chrome(lines: list[str], index: int) -> int:
    while index < len(lines) and (not lines[index] or is_chrome(lines[index])):
        index += 1
    return index


def _past_lead_chrome(lines: list[str], start: int) -> int:
    """Where the body starts when widgets stand between the dateline and the first paragraph (a share
    bar, a follow button, a count, an account's one-line description): after the last of them."""
    filled = [i for i in range(start, len(lines)) if lines[i]][:_LEAD_LINES]  # blank lines do not count
    end = filled[-1] + 1 if filled else start
    first = next(
        (i for i in range(start, end) if is_paragraph(lines[i]) and not LEXICON.is_record_sentence(lines[i])),
        None,
    )
    if first is None:
        return start
    marks = [i for i in range(start, first) if _lead_widget(lines, i)]
    return marks[-1] + 1 if marks else start


def _lead_widget(lines: list[str], index: int) -> bool:
    """A line between the dateline and the text that is the page's, not the article's: chrome, a line
    that would end a body, a count, a picture's placeholder (``图片``), a record's abstract."""
    line = lines[index]
    return (
        is_chrome(line)
        or ends_body(line)
        or (line.isdigit() and not _month_of(lines, index))
        or bool(LEXICON.picture_placeholder.match(line))
        or LEXICON.is_record_sentence(line)
    )


def _month_of(lines: list[str], index: int) -> bool:
    """Is the number on line ``index`` the month of a date cut by a line break (``12`` / ``28日，…``)?"""
    following = next((line for line in lines[index + 1 :] if line), "")
    number = lines[index]  # isdigit(): "²" and 4,301 digits are digits, which int() refuses
    month = len(number) <= 2 and number.isdecimal() and 1 <= int(number) <= 12
    return month and bool(_DAY_FIRST.match(following))


def reporter_of(paragraphs: tuple[str, ...]) -> str | None:
    """The reporter a byline in the first paragraph, or a sign-off at the end, names."""
    for paragraph in paragraphs[:2]:  # the first, or the first after a deck
        first = paragraph[:60]
        match = _BYLINE.search(LEXICON.simplified(first))
        if match:
            names = _CREDIT_SUFFIX.sub("", first[match.start("names") : match.end("names")])
            return names.split()[0].strip("、") if names.split() else None
    for line in reversed(paragraphs[-2:]):
        key = LEXICON.simplified(line)
        match = _SIGN_OFF.search(key)
        if match:
            group = "names" if match.group("names") else "one"
            return line[match.start(group) : match.end(group)].split()[0]
        match = _CLOSING_BYLINE.search(key)
        if match:
            return line[match.start("names") : match.end("names")].split()[0].strip("、")
    return None


def signature_date(paragraphs: tuple[str, ...]) -> date | None:
    """The date alone on a line among the last lines of a notice (under its signature), if any;
    dates in Chinese numerals (二〇二三年十一月二十日) too."""
    for line in reversed(paragraphs[-6:]):
        if _CN_DATE.match(line):
            import cn2an  # 70 ms to import: only for the notices that need it

            line = cn2an.transform(line, "cn2an")
        match = _DATE_ONLY.match(line)
        if match:
            value = make_date(match)
            if value is not None:
                return value.date() if isinstance(value, datetime) else value
    return None
