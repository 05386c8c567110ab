"""What one line of a capture is: a sentence, a title, chrome, the end of the body, a credit.

These are the general rules of the reader: line shape (length, punctuation, separators), the
vocabulary of :mod:`parkgraph.reader.lexicon`, and nothing about any one site. Lines are already
stripped (:func:`clean_line`).

>>> is_chrome("当前位置：首页 > 新闻中心 > 本地要闻"), is_chrome("首页 | 新闻中心 | 政务公开 | 互动交流")
(True, True)
>>> is_chrome("缩小字体 放大字体 收藏 微博 微信 0"), is_chrome("园区已集聚企业80余家。")
(True, False)
>>> ends_body("【字体：大 中 小】　　【打印本页】　　【关闭窗口】"), ends_body("相关信息显示，园区营收增长。")
(True, False)
>>> credit("审核：龚子墨"), credit("来源：鹭平日报"), credit("记者从园区获悉，")
(('审核', '龚子墨'), ('来源', '鹭平日报'), None)
>>> clean_title("标题: 鹭平高新区新增三家企业 [打印本页]")
'鹭平高新区新增三家企业'
"""

from __future__ import annotations

import re

from .lexicon import LEXICON

__all__ = [
    "SENTENCE_END",
    "clean_line",
    "clean_title",
    "content_length",
    "credit",
    "ends_body",
    "is_chrome",
    "is_navigation",
    "is_paragraph",
    "is_sentence",
    "is_title_like",
    "is_toolbar",
    "tokens",
]

#: Invisible characters stripped with the white space around a line (zero-width space, BOM, ...).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

#: A pinyin gloss a script converter put after a character (``開(kāi)發區``, ``來(lái)源``): a syllable with
#: a tone mark in brackets right after a Han character. No text writes one there (a reading in a textbook
#: aside); left in, it splits labels (``來(lái)源：``) and names (``商務(wù)部``).
_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（][a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,6}[)）]"
)

#: Punctuation that ends a sentence; a line holding one is article text, not a menu or a label.
SENTENCE_END = frozenset("。！？!?")

#: Separators between the items of a menu, a toolbar or a dateline.
_SEPARATORS = re.compile(r"[\s|｜丨•·/]+|&nbsp;")

#: A bar of this many items or more, set apart by bars, is a menu; a colon or a digit makes it a dateline.
_MENU_ITEMS = 5
_BARS = re.compile(r"\s*[|｜丨]\s*")
_FIELD_MARK = re.compile(r"[：:\d]")
_SPACES = re.compile(r"\s+")

#: Longest line that may be a menu item list, a toolbar or a prev/next link rather than article text.
_MAX_CHROME_LINE = 100
_MAX_END_LINE = 80

#: A title is one line of at most this many code points.
_MAX_TITLE = 100

_CREDIT = re.compile(
    r"^(?P<label>" + "|".join(sorted(map(re.escape, LEXICON.credit_labels), key=len, reverse=True)) + r")"
    r"\s*[：:丨|｜/]\s*(?P<value>\S.{0,38})$"
)
_BRACKETS = str.maketrans("", "", "【】[]［］()（）<>《》")
_TITLE_LABEL = re.compile(r"^(?:" + "|".join(map(re.escape, LEXICON.title_labels)) + r")\s*[：:]\s*")
_TRAILING_GROUP = re.compile(r"\s*(?:【[^】]{1,12}】|\[[^\]]{1,12}\]|［[^］]{1,12}］)\s*$")
#: A site's section after the headline, set off by a dash (``标题-【新闻】``, ``标题_【动态】``).
_TRAILING_SECTION = re.compile(r"\s*[-_－—–|｜]\s*(?:【[^】]{1,6}】|\[[^\]]{1,6}\])\s*$")
_TRAILING_DECORATION = re.compile(r"\s*(?:[|｜丨]|[*＊#=~～]{2,})\s*$")
_CONTENT = re.compile(r"[\w]", re.UNICODE)


def clean_line(line: str) -> str:
    """Strip white space (ASCII, U+3000, NBSP, ...) and invisible characters from both ends of a line,
    and from inside it a script converter's pinyin glosses and the word a CMS joins a picture's alt text
    with (``lexicon.yaml``, ``alt_text_joiners``).

    >>> clean_line("  國家級開(kāi)發區吸收外資　")
    '國家級開發區吸收外資'
    """
    line = line.strip().strip(_INVISIBLE).strip()
    for joiner in LEXICON.alt_text_joiners:  # a picture's alt text: headline_fororder_caption
        if joiner in line:
            line = line.replace(joiner, " ").strip()
    return _GLOSS.sub("", line) if "(" in line or "（" in line else line


def clean_title(line: str) -> str:
    """A title line without what a field, a table or a toolbar adds to it: a ``标题：`` label (a forum's
    printable view, an archive record), toolbar buttons after it (``[打印本页]``), a site's section set
    off by a dash (``-【新闻】``), a table cell's bar and a row of decoration (``******``)."""
    label = _TITLE_LABEL.match(LEXICON.simplified(line))
    title = line[label.end() :] if label else line
    while True:
        group = _TRAILING_GROUP.search(title)
        section = _TRAILING_SECTION.search(title)
        if group and is_toolbar(group.group(0)) and group.start() > 0:
            title = title[: group.start()]
        elif section and section.start() > 0:
            title = title[: section.start()]
        elif _TRAILING_DECORATION.search(title) and content_length(title):
            title = _TRAILING_DECORATION.sub("", title)
        else:
            return title.strip()


def tokens(line: str) -> list[str]:
    """The line's items, split at white space and the separators menus and datelines use."""
    return [token for token in _SEPARATORS.split(line) if token]


def is_sentence(line: str) -> bool:
    """True for a line that ends or holds a sentence (article text; never cut as chrome)."""
    return any(ch in SENTENCE_END for ch in line)


def content_length(text: str) -> int:
    """Letters, digits and Han characters in ``text`` (punctuation and spaces not counted)."""
    return len(_CONTENT.findall(text))


def is_paragraph(line: str) -> bool:
    """A line of running text: a full stop or two commas in 30 characters or more. (A headline may
    end in ！ or hold one comma, so neither alone makes a paragraph.)"""
    if content_length(line) < 30:
        return False
    return "。" in line or sum(line.count(mark) for mark in "，,；;") >= 2


def _length(line: str) -> int:
    """The line's length with each run of white space counted as one (a menu padded with spaces is no
    longer a menu for it)."""
    return len(_SPACES.sub(" ", line))


def is_toolbar(line: str) -> bool:
    """A line made only of toolbar and share-widget words, counts and brackets."""
    words = tokens(LEXICON.simplified(line).translate(_BRACKETS).replace("：", " ").replace(":", " "))
    return (
        bool(words)
        and all(word in LEXICON.toolbar_words or word.isdigit() for word in words)
        and any(word in LEXICON.toolbar_words for word in words)
    )


def is_navigation(line: str) -> bool:
    """A menu: several short items, at least half of them navigation words, and no sentence; or a bar of
    five or more short items set apart by bars (``要闻 | 城市 | 视频 | 专题 | 市州新闻``), whatever they
    say: a site's sections are its own words, but only a menu lines up short words between bars (a
    dateline's items carry labels and a date, a headline has at most one bar), except a table's head
    (``序号 | 园区名称 | 所在地 | 运营主体 | 备注``), whose first cell is a column's name.

    >>> is_navigation("首页 | 新闻中心 | 政务公开"), is_navigation("要闻 | 鹭平 | 枫渡 | 沅州 | 专题")
    (True, True)
    >>> is_navigation("序号 | 园区名称 | 所在地 | 运营主体 | 备注")
    False
    >>> is_navigation("来源：鹭平日报 | 发布时间：2023-09-14 | 作者：葛文涛 | 编辑：林晓")
    False
    """
    if is_sentence(line) or _length(line) > _MAX_CHROME_LINE:
        return False
    items = tokens(LEXICON.simplified(line))
    if len(items) < 3 or any(len(item) > 8 for item in items):
        return False
    if (
        len(items) >= _MENU_ITEMS
        and len(_BARS.findall(line)) >= _MENU_ITEMS - 1
        and not _FIELD_MARK.search(line)
        and items[0] not in LEXICON.table_header_words
    ):
        return True
    return sum(item in LEXICON.navigation_words for item in items) * 2 >= len(items)


def is_chrome(line: str) -> bool:
    """Page chrome wherever it stands: breadcrumbs, menus, toolbars, players, footers, QR prompts, and
    lines with no letter, digit or character at all (a table's bars, a rule of dashes)."""
    if not line:
        return False
    if not content_length(line):
        return True
    if is_sentence(line) or _length(line) > _MAX_CHROME_LINE:
        return LEXICON.is_chrome_sentence(line)
    return LEXICON.is_chrome_line(line) or is_toolbar(line) or is_navigation(line)


def ends_body(line: str) -> bool:
    """True for a line after which nothing is the article's: disclaimers, share bars, related lists."""
    if LEXICON.ends_body_always(line):
        return True
    return not is_sentence(line) and _length(line) <= _MAX_END_LINE and LEXICON.ends_body_as_line(line)


def credit(line: str) -> tuple[str, str] | None:
    """``(label, value)`` for a credit line such as ``编辑：许嘉禾``, else None."""
    match = _CREDIT.match(LEXICON.simplified(line))
    if match is None or is_sentence(match.group("value")):
        return None
    return match.group("label"), line[match.start("value") : match.end("value")].strip()


def is_title_like(line: str) -> bool:
    """Could this line be a headline: not chrome, not too long, not a sentence ending in 。."""
    return (
        bool(line)
        and content_length(line) >= 2
        and not line.isdigit()
        and len(line) <= _MAX_TITLE
        and not line.endswith("。")
        and not is_chrome(line)
        and not ends_body(line)
    )
