"""Read a raw news capture (a web page saved as text or HTML) into an :class:`Article`.

This is the first stage of the pipeline. Everything downstream (evidence spans, the published
``schema:articleBody``) is measured in code points of :attr:`Article.text`, so this package fixes
that text once: decoded, newline-normalised, NFC-normalised, and limited to the article itself.
Page chrome (menus, toolbars, reading lists, related headlines, copyright and ICP lines) never
reaches the body, the title or the keywords, because it names unrelated people and places that
would pollute the graph.

One package, one job a module: :mod:`~parkgraph.reader.decoding` (bytes to text),
:mod:`~parkgraph.reader.lines` and :mod:`~parkgraph.reader.lexicon` (what a line is, with the
chrome vocabulary as data), :mod:`~parkgraph.reader.datelines` (dates, outlets, authors),
:mod:`~parkgraph.reader.layout` (where title, dateline, body and credits stand),
:mod:`~parkgraph.reader.html` (trafilatura for HTML pages), :mod:`~parkgraph.reader.sidecar`
(``<id>.meta.yaml``, which overrides what the page says).

>>> capture = (
...     "鹭平市人民政府\\n首页 | 新闻中心 | 政务公开 | 互动交流\\n当前位置：首页 > 新闻中心\\n"
...     "鹭平高新区新增三家企业\\n发布时间：2024-05-08 10:30　来源：鹭平日报　作者：林晓\\n"
...     "【字体：大 中 小】\\n5月7日，鹭平高新区新增三家省级专精特新企业，园区企业总数达到120家。\\n"
...     "【打印本页】【关闭窗口】\\n主办单位：鹭平市人民政府办公室\\n"
... )
>>> article = parse_capture(capture, path=Path("demo.txt"))
>>> article.article_id, article.title, article.publisher, article.source, article.reporter
('demo', '鹭平高新区新增三家企业', '鹭平市人民政府', '鹭平日报', '林晓')
>>> article.published.isoformat(), article.body
('2024-05-08T10:30:00+08:00', '5月7日，鹭平高新区新增三家省级专精特新企业，园区企业总数达到120家。')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from parkgraph.errors import CaptureError
from parkgraph.inputfiles import CAPTURE_LIMIT_HINT, DEFAULT_MAX_CAPTURE_BYTES, read_regular
from parkgraph.textnorm import surrogate

from .article import ARTICLE_ID_RE, CAPTURE_SUFFIXES, Article, article_id_for
from .captions import split_captions
from .datelines import CHINA_TZ, DATE_RE, clean_dateline, clean_fields, implausible, same_day
from .decoding import decode_capture, normalise_text
from .layout import Layout, find_body, find_layout, reporter_of, signature_date
from .lexicon import LEXICON
from .lines import (
    SENTENCE_END,
    clean_line,
    clean_title,
    content_length,
    credit,
    ends_body,
    is_chrome,
    is_paragraph,
    is_sentence,
    tokens,
)
from .outlets import copyright_owner, site_name, wire_agency, wire_dateline
from .sidecar import SIDECAR_SUFFIX, Sidecar, load_sidecar, sidecar_path

__all__ = [
    "ARTICLE_ID_RE",
    "CAPTURE_SUFFIXES",
    "CHINA_TZ",
    "SIDECAR_SUFFIX",
    "Article",
    "Sidecar",
    "article_id_for",
    "decode_capture",
    "ends_body",
    "load_sidecar",
    "normalise_text",
    "parse_capture",
    "parse_html_capture",
    "read_capture",
    "sidecar_path",
]

#: Fewer letters, digits and Han characters than this in the whole body is not an article.
MIN_BODY_CONTENT = 16

#: A page with this many headline-list items and no running text is an index page.
_MIN_LIST = 3
_BULLETS = frozenset("·•●○■□◆◇▶►▪-*>")

#: ``关键词：a b c`` or ``标签：a、b`` in the page's tail.
_KEYWORD_LINE = re.compile(r"^(关键词|关键字|标签|Tags?)\s*[：:]\s*(?P<words>.+)$")


def read_capture(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_CAPTURE_BYTES) -> Article:
    """Read, decode and parse the capture at ``path`` (``.txt`` or ``.html``) with its sidecar.

    The article id is checked before the file is read so that a badly named file fails the same way
    whether or not its content is fine. Only a regular file is read, never through a symbolic link, and
    one over ``max_bytes`` is refused before it is read (:mod:`parkgraph.inputfiles`).
    """
    path = Path(path)
    article_id_for(path)
    data = read_regular(path, limit=max_bytes, limit_hint=CAPTURE_LIMIT_HINT)
    sidecar = load_sidecar(path)
    text, encoding = decode_capture(data, path=path)
    if path.suffix.lower() in (".html", ".htm"):
        return parse_html_capture(text, path=path, raw=data, encoding=encoding, sidecar=sidecar)
    return parse_capture(text, path=path, raw=data, encoding=encoding, sidecar=sidecar)


def parse_capture(
    text: str,
    *,
    path: Path,
    raw: bytes | None = None,
    encoding: str = "utf-8",
    sidecar: Sidecar | None = None,
) -> Article:
    """Parse already-decoded text capture into an :class:`Article`.

    ``path`` supplies the article id and is named in every error. ``raw`` is the file's bytes, whose
    SHA-256 identifies the exact input; without it the hash is taken over ``text`` encoded as UTF-8.
    """
    path, article_id, sidecar, sha256, text = _prepared(text, path, raw, sidecar)
    lines = [clean_line(line) for line in text.split("\n")]
    layout = find_layout(lines, title=sidecar.title)
    paragraphs = _paragraphs(lines, layout)
    _check_body(paragraphs, lines, path)
    warnings: tuple[str, ...] = ()
    title = sidecar.title or (clean_title(lines[layout.title]) if layout.title is not None else "")
    if not title:  # wire copy opening with its date and 电头, a 大事记 entry, a page of 时间 / 来源 and text
        title, warnings = first_sentence(paragraphs[0]), (_no_headline(path),)
    published, warned = _published(sidecar, layout.published, signature_date(paragraphs), path)
    warnings += warned
    if published is None:
        _refuse_undated(layout, lines, path)
    publisher, source = _publisher_and_source(
        sidecar,
        layout,
        site=_site(lines, layout),
        owner=copyright_owner(lines[layout.tail :]),
        paragraphs=paragraphs,
        credited=_credited(lines, layout, "来源"),
    )
    return Article(
        article_id=article_id,
        source_path=path,
        sha256=sha256,
        encoding=encoding,
        title=title,
        published=published,
        publisher=publisher,
        source=source,
        reporter=layout.first("author") or reporter_of(paragraphs),
        keywords=_keywords(lines, layout.tail),
        body="\n".join(paragraphs),
        paragraphs=paragraphs,
        dateline=_dateline(lines[i] for i in layout.dateline),
        credits=_credits(lines[i] for i in layout.credits),
        url=sidecar.url,
        warnings=warnings,
    )


def parse_html_capture(
    text: str,
    *,
    path: Path,
    raw: bytes | None = None,
    encoding: str = "utf-8",
    sidecar: Sidecar | None = None,
) -> Article:
    """Parse an HTML capture: trafilatura's main text as the body, the page's own dateline for the date."""
    from .html import article_lines, read_html

    path, article_id, sidecar, sha256, text = _prepared(text, path, raw, sidecar)
    if "<" not in text or not re.search(r"<\s*(html|body|div|p|article)\b", text, re.IGNORECASE):
        raise CaptureError(
            path, "is not an HTML page (no <html>, <body> or <p> element)", "save the page as HTML"
        )
    page = read_html(text)
    if page is None:
        raise CaptureError(
            path,
            "has no article text that trafilatura could find (an index, login or error page?)",
            "save the article page itself",
        )
    body_layout = Layout()
    lines = article_lines(page)
    find_body(lines, 0, body_layout)
    paragraphs = _paragraphs(lines, body_layout)
    _check_body(paragraphs, list(page.visible), path)
    layout = page.layout
    visible = list(page.visible)
    title = sidecar.title or page.title or (visible[layout.title] if layout.title is not None else None)
    title = clean_title(clean_line(title)) if title else None  # a title of a label or a BOM alone is none
    warnings: tuple[str, ...] = ()
    if not title:
        title, warnings = first_sentence(paragraphs[0]), (_no_headline(path),)
    dateline = _dateline(visible[i] for i in layout.dateline) if layout.title is not None else ""
    published, warned = _published(
        sidecar, layout.published or page.date, signature_date(paragraphs), path
    )
    warnings += warned
    if published is None:
        _refuse_undated(layout, list(page.visible), path)
    publisher, source = _publisher_and_source(
        sidecar,
        layout,
        site=page.sitename or _site(visible, layout),
        owner=copyright_owner(visible),
        paragraphs=paragraphs,
        credited=_credited(lines, body_layout, "来源"),
    )
    return Article(
        article_id=article_id,
        source_path=path,
        sha256=sha256,
        encoding=encoding,
        title=clean_title(clean_line(title)),
        published=published,
        publisher=publisher,
        source=source,
        reporter=layout.first("author") or page.author or reporter_of(paragraphs),
        keywords=(),
        body="\n".join(paragraphs),
        paragraphs=paragraphs,
        dateline=dateline,
        credits=_credits(lines[i] for i in body_layout.credits),
        url=sidecar.url or page.url,
        warnings=warnings,
    )


def _paragraphs(lines: list[str], layout: Layout) -> tuple[str, ...]:
    """The body's lines as paragraphs: without the headline run into the first (``标题2015年2月5日，…``)
    or an editor's credit run into their end, and with a photo caption run into their start put on a
    line of its own (:mod:`parkgraph.reader.captions`)."""
    return tuple(
        part
        for index in layout.body
        for part in split_captions(
            LEXICON.without_trailing_credit(lines[index][layout.cuts.get(index, 0) :].lstrip())
        )
    )


def _published(
    sidecar: Sidecar, dated: date | datetime | None, signed: date | datetime | None, path: Path
) -> tuple[date | datetime | None, tuple[str, ...]]:
    """The publication date (the sidecar's, else the page's dateline, else a signature date) and a
    warning when the sidecar contradicts the dateline. The sidecar still wins, as documented: the user
    may know better (a page re-dated when it was moved); but a wrong sidecar silently replaced the page's
    own date, so the build report says so. A page's date that cannot be a publication date (after
    tomorrow, before 1949) is refused, as a sidecar's is (:func:`parkgraph.reader.datelines.implausible`)."""
    if sidecar.published is not None:
        if dated is None or same_day(sidecar.published, dated):
            return sidecar.published, ()
        return sidecar.published, (
            f"{sidecar.path}: published {sidecar.published.isoformat()} contradicts the page's dateline "
            f"({dated.isoformat()}); the sidecar's date is used (correct the sidecar if it is wrong)",
        )
    published = dated or signed
    reason = implausible(published) if published is not None else None
    if reason:
        assert published is not None
        raise CaptureError(
            path,
            f"its date {published.isoformat()} {reason}: no article was published then",
            f"add the date it was published as 'published: YYYY-MM-DD' to {sidecar_path(path)}",
        )
    return published, ()


def _no_headline(path: Path) -> str:
    """The warning for a page read without a headline: the build reports it, naming the file."""
    return (
        f"{path}: has no headline; its title is the body's first sentence "
        f"(add 'title:' to {sidecar_path(path)} to give it one)"
    )


def _dateline(lines: Iterable[str]) -> str:
    """The dateline lines as the text keeps them: without the page furniture that shares them, and
    without a line that says again what a line above said (a date repeated under the full dateline)."""
    kept: list[str] = []
    for line in map(clean_dateline, lines):
        if line and not any(line in above for above in kept):
            kept.append(line)
    return "\n".join(kept)


def _credits(lines: Iterable[str]) -> tuple[str, ...]:
    """The credit lines as the text keeps them: without empty labels and the site's own editor."""
    return tuple(line for line in map(clean_fields, lines) if line)


#: The longest title made of a first sentence; a longer one is cut at its last comma before this.
_MAX_SENTENCE_TITLE = 60


def first_sentence(paragraph: str) -> str:
    """The title of a page that has no headline: its first sentence, without the wire story's 电头 and
    byline that open it and the mark that ends it.

    >>> first_sentence("澜江社鹭平5月6日电（记者 林晓）鹭平高新区新增企业12家。园区营收增长。")
    '鹭平高新区新增企业12家'
    """
    text = paragraph[wire_dateline(paragraph) :].lstrip()
    end = next((i for i, ch in enumerate(text) if ch in SENTENCE_END), len(text))
    sentence = text[:end].strip() or paragraph
    if len(sentence) > _MAX_SENTENCE_TITLE:
        cut = max(sentence.rfind(mark, 0, _MAX_SENTENCE_TITLE) for mark in "，,；;")
        sentence = sentence[:cut] if cut > 0 else sentence[:_MAX_SENTENCE_TITLE]
    return sentence


def _prepared(
    text: str, path: Path, raw: bytes | None, sidecar: Sidecar | None
) -> tuple[Path, str, Sidecar, str, str]:
    """What both kinds of capture start from: the path, the article id (checked), the sidecar, the
    input's digest and the NFC text, refusing an empty one."""
    path = Path(path)
    article_id = article_id_for(path)
    sidecar = sidecar or Sidecar()
    bad = surrogate(text)
    if bad is not None:  # only a caller's str can hold one: bytes are decoded strictly
        raise CaptureError(
            path,
            f"holds an unpaired surrogate U+{ord(text[bad]):04X} at character {bad}, which is no text "
            "(a str decoded with errors='surrogateescape'?)",
            "pass the file's bytes, or text decoded strictly",
        )
    sha256 = _sha256(raw if raw is not None else text.encode("utf-8"), sidecar)
    text = normalise_text(text)
    if not text.strip():
        raise CaptureError(path, "is empty", "re-capture the article page")
    return path, article_id, sidecar, sha256, text


def _sha256(raw: bytes, sidecar: Sidecar) -> str:
    """The input's identity: the capture's bytes, and the sidecar's when there is one."""
    digest = hashlib.sha256(raw)
    if sidecar.path is not None:
        digest.update(b"\0sidecar\0" + sidecar.raw)
    return digest.hexdigest()


def _check_body(paragraphs: tuple[str, ...], lines: list[str], path: Path) -> None:
    """Refuse a page that has no article in it: no body, an error or login page, an index or list
    page, a body shorter than a sentence."""
    if not paragraphs:
        _refuse_non_article(lines, path)
        raise CaptureError(
            path,
            "has no article body between the title and the page footer",
            "check that the capture contains the article text",
        )
    content = content_length("".join(paragraphs))
    running = any(
        is_paragraph(line) or (is_sentence(line) and content_length(line) >= 12) for line in paragraphs
    )
    if not running:
        _refuse_non_article(lines, path)
        if content >= MIN_BODY_CONTENT or _list_lines(lines) >= _MIN_LIST:
            raise CaptureError(
                path,
                "has no paragraph of running text: it looks like an index or list page, not an article",
                "capture the article page itself",
            )
    if content < MIN_BODY_CONTENT:
        raise CaptureError(
            path, f"has a body shorter than a sentence ({content} characters)", "capture the whole article"
        )


def _list_lines(lines: list[str]) -> int:
    """Headline-list items: short lines that open with a bullet or carry a date, and are no sentence."""
    return sum(
        1
        for line in lines
        if line
        and not is_sentence(line)
        and len(line) <= 60
        and (line[0] in _BULLETS or DATE_RE.search(line))
    )


def _refuse_undated(layout: Layout, lines: list[str], path: Path) -> NoReturn:
    """No date on the page: say so (or that its dateline's date is impossible) and how to give one."""
    _refuse_non_article(lines, path)
    hint = f"add the date as 'published: YYYY-MM-DD' to {sidecar_path(path)}"
    if layout.impossible_date:
        raise CaptureError(path, f"the dateline has an impossible date {layout.impossible_date!r}", hint)
    raise CaptureError(
        path, "has no recognisable publication date (no dateline such as '发布时间：2024-05-08 10:30')", hint
    )


def _refuse_non_article(lines: list[str], path: Path) -> None:
    """Name an error or login page as such (its words are in the lexicon) rather than as a bad article."""
    text = " ".join(line for line in lines if line)
    if len(text) < 600:
        found = next((word for word in LEXICON.error_page if word in text), None)
        if found:
            raise CaptureError(
                path,
                f"is an error or login page ({found!r}), not an article",
                "capture the article page itself",
            )


def _site(lines: list[str], layout: Layout) -> str | None:
    """The site's name in the header, above the title (or, on a page without one, above its text)."""
    head = layout.title if layout.title is not None else min([*layout.dateline, *layout.body], default=None)
    return site_name(lines, title=head) if head is not None else None


def _publisher_and_source(
    sidecar: Sidecar,
    layout: Layout,
    *,
    site: str | None,
    owner: str | None,
    paragraphs: tuple[str, ...],
    credited: str | None,
) -> tuple[str | None, str | None]:
    """The publisher and the origin, in the order of :mod:`parkgraph.reader.outlets`: what the user
    and the page's labels say, the site's name, the copyright owner, an unlabelled outlet, a wire
    agency. An unlabelled outlet on a site that has a name is the article's origin."""
    outlet = layout.first("outlet")
    publisher = (
        sidecar.publisher
        or layout.first("publisher")
        or site
        or owner
        or outlet
        or (wire_agency(paragraphs[0]) if paragraphs else None)
    )
    source = sidecar.source or layout.first("source") or (outlet if outlet != publisher else None) or credited
    return publisher, source


def _credited(lines: list[str], layout: Layout, label: str) -> str | None:
    """The value of a credit line (``来源：…``) after the body."""
    for index in layout.credits:
        found = credit(clean_fields(lines[index]) or "")
        if found and found[0] == label:
            return found[1]
    return None


def _keywords(lines: list[str], tail: int) -> tuple[str, ...]:
    """The page's keywords: a ``关键词：`` line in the tail, or the line of words after a disclaimer."""
    for index in range(tail, min(len(lines), tail + 12)):
        match = _KEYWORD_LINE.match(lines[index])
        if match:
            return tuple(dict.fromkeys(w for w in re.split(r"[\s,，、;；]+", match.group("words")) if w))
    if tail >= len(lines) or not LEXICON.ends_body_always(lines[tail]):
        return ()
    following = next((i for i in range(tail + 1, len(lines)) if lines[i]), None)
    if following is None or ends_body(lines[following]) or is_chrome(lines[following]):
        return ()
    words = tokens(lines[following])
    if len(words) < 2 or any(len(word) > 8 or is_sentence(word) for word in words):
        return ()
    return tuple(dict.fromkeys(lines[following].split()))
