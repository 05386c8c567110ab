"""HTML captures: trafilatura finds the main text and the metadata; the line rules finish the job.

trafilatura (with htmldate for the date) is the field's tool for "the article in this page", so
no HTML rule is written here. What it returns is then treated like a text capture's body: its
lines pass the same end-of-body, chrome and credit rules (a 责任编辑 line inside the article
container is still chrome), and the page's visible lines are searched for the dateline with the
same rules as a text capture, which gives the time of day and the 来源 / 作者 that trafilatura
does not report.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from .datelines import CHINA_TZ, parse_meta_line
from .decoding import normalise_text
from .layout import Layout, find_layout
from .lines import clean_line, is_chrome

__all__ = ["HtmlPage", "read_html"]

#: Elements whose text is never shown, and the block elements that start a new visible line.
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML capture holds: trafilatura's title, text lines and metadata, and the layout of the
    page's visible lines (where the dateline is)."""

    title: str | None
    lines: tuple[str, ...]
    url: str | None
    sitename: str | None
    author: str | None
    date: datetime | date | None
    visible: tuple[str, ...]
    layout: Layout


def read_html(html: str) -> HtmlPage | None:
    """Extract the article from an HTML page; None when trafilatura finds no main text in it."""
    import trafilatura
    from htmldate import find_date

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
    )
    visible = tuple(visible_lines(html))
    # What trafilatura returns is text again: character references (&#x2028;, &#11;) are decoded only
    # now, so it is normalised as the capture was.
    title = None
    if document is not None and document.title:
        title = clean_line(normalise_text(document.title))
    layout = find_layout(list(visible), title=title)
    if document is None or not document.text:
        return None
    text = normalise_text(document.text)
    lines = tuple(line for line in (clean_line(raw) for raw in text.split("\n")) if line)
    found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%dT%H:%M:%S%z")
    return HtmlPage(
        title=title,
        lines=lines,
        url=_url(document.url),
        sitename=clean_line(normalise_text(document.sitename)) if document.sitename else None,
        author=clean_line(normalise_text(document.author)) if document.author else None,
        date=_htmldate(found),
        visible=visible,
        layout=layout,
    )


def article_lines(page: HtmlPage) -> list[str]:
    """trafilatura's lines less a leading title or dateline it took in with the article."""
    lines = list(page.lines)
    while lines and (lines[0] == page.title or parse_meta_line(lines[0]) is not None or is_chrome(lines[0])):
        lines.pop(0)
    return lines


def visible_lines(html: str) -> list[str]:
    """The page's text as a browser shows it, one block a line (what "save as text" would give)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    for element in root.iter(*_INVISIBLE_TAGS):
        element.drop_tree()
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        block = isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if element.text and isinstance(element.tag, str):
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    text = normalise_text("".join(parts))
    return [line for line in (clean_line(raw) for raw in text.split("\n")) if line]


def _url(found: str | None) -> str | None:
    """The page's own URL (its canonical link), if it is one: http(s), no white space or control
    characters (a page's markup is no more trusted than a sidecar)."""
    if not found or not found.startswith(("http://", "https://")):
        return None
    return None if any(ch.isspace() or unicodedata.category(ch) == "Cc" for ch in found) else found


def _htmldate(found: str | None) -> datetime | date | None:
    """htmldate's answer: a date-time when the page's markup gave a time, else a date."""
    if not found:
        return None
    value = datetime.strptime(found[:19], "%Y-%m-%dT%H:%M:%S")
    offset = found[19:]
    if value.time() == datetime.min.time() and not offset:
        return value.date()
    if offset:
        return datetime.strptime(found, "%Y-%m-%dT%H:%M:%S%z").astimezone(CHINA_TZ)
    return value.replace(tzinfo=CHINA_TZ)
