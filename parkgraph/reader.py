"""Read a raw news capture (a web page saved as text) into an :class:`Article`.

This is the first stage of the pipeline. Everything downstream (evidence spans, the published
``schema:articleBody``) is measured in code points of :attr:`Article.body`, so this module fixes
that text once: decoded, newline-normalised, NFC-normalised, and limited to the article itself.
Page chrome (reading lists, photo/video teasers, copyright lines) never reaches the body, the title
or the keywords, because it names unrelated people and places that would pollute the graph.

A capture looks like this (one item a line; blank lines are ignored)::

    新浪新闻客户端                              site name
    <title>                                     page header
    <title>                                     article heading (the repeat)
    2022年09月03日 17:59 新浪网 作者 速新闻        dateline
    缩小字体 放大字体 收藏 微博 微信 0             toolbar (optional)
    <body paragraphs>
    特别声明:...                                 footer
    宿迁市 产业园 开发区 数字经济                  keywords
    <chrome: 权利保护声明页, 阅读排行榜, 图片新闻, ...>

>>> capture = "新浪新闻客户端\\n标题\\n2022年09月03日 17:59 新浪网 作者 速新闻\\n  (速新闻记者 张云)正文。\\n"
>>> article = parse_capture(capture, path=Path("demo.txt"))
>>> article.article_id, article.title, article.reporter, article.body
('demo', '标题', '张云', '(速新闻记者 张云)正文。')
>>> article.published.isoformat()
'2022-09-03T17:59:00+08:00'
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from charset_normalizer import from_bytes

from parkgraph.errors import CaptureError

__all__ = [
    "CHINA_TZ",
    "CHROME_MARKERS",
    "FOOTER_MARKER",
    "Article",
    "article_id_for",
    "decode_capture",
    "normalise_text",
    "parse_capture",
    "read_capture",
]

#: Datelines carry Beijing wall-clock time without an offset; China has one zone and no DST.
CHINA_TZ = timezone(timedelta(hours=8))

#: Line prefixes of page chrome. The body stops at the first of them when the footer is missing, so
#: that reading lists and teasers (which name unrelated people) can never leak into the body.
CHROME_MARKERS: tuple[str, ...] = (
    "权利保护声明页",
    "阅读排行榜",
    "图片新闻",
    "视频新闻",
    "新媒体实验室",
    "举报邮箱",
    "Copyright",
)

#: The disclaimer that closes every article body; the line after it holds the keywords.
FOOTER_MARKER = "特别声明"

#: Lines that name the site rather than the article; never accepted as a title.
SITE_NAME_LINES: tuple[str, ...] = ("新浪新闻客户端", "新浪新闻", "新浪网")

#: Article ids become IRI path segments and file names, so they are restricted to a safe alphabet.
ARTICLE_ID_RE = re.compile(r"^[A-Za-z0-9_.-]+$")

#: ``2022年09月03日 17:59 新浪网 作者 速新闻``: date, time, publisher, source.
DATELINE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s+(\d{1,2}):(\d{2})\s+(\S+)\s+作者\s+(\S+)")

#: ``(速新闻记者 张云)`` at the start of the first paragraph, with full-width or ASCII parentheses.
BYLINE_RE = re.compile(r"^[(（]\s*[^()（）]*?记者\s*(?P<name>[^()（）]+?)\s*[)）]")

#: Words of the share/zoom toolbar that follows the dateline (the trailing number is a comment count).
TOOLBAR_WORDS = frozenset({"缩小字体", "放大字体", "收藏", "微博", "微信", "分享", "评论"})

#: Encodings (as :func:`codecs.lookup` names them) accepted from detection. All are decoded with
#: gb18030, a superset of the others, so characters outside GB2312/GBK still decode.
GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312"})

#: Bytes that do not occur in text (C0 controls except tab/newline/vertical tab/form feed/CR, and DEL).
_CONTROL_BYTES = frozenset(set(range(0x09)) | set(range(0x0E, 0x20)) | {0x7F})

#: Above this share of control bytes a file is treated as binary rather than as text with a few strays.
_MAX_CONTROL_RATIO = 0.05

#: Invisible characters stripped with the white space around a paragraph (zero-width space, BOM, ...).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


@dataclass(frozen=True)
class Article:
    """One news article: its metadata and its body text, free of page chrome.

    ``body`` is ``"\\n".join(paragraphs)``. ``text`` is the article as a reader sees it without the
    chrome: headline, dateline and body, one per line. Evidence offsets are code points into ``text``
    (published as ``schema:text``), so facts stated by the headline or dateline are traceable too.
    """

    article_id: str
    source_path: Path
    sha256: str
    encoding: str
    title: str
    published: datetime
    publisher: str
    source: str
    reporter: str | None
    keywords: tuple[str, ...]
    body: str
    paragraphs: tuple[str, ...]
    dateline: str

    @property
    def text(self) -> str:
        """Headline, dateline and body joined by newlines: the text evidence offsets index."""
        return f"{self.title}\n{self.dateline}\n{self.body}"

    @property
    def body_offset(self) -> int:
        """Code-point offset of ``body`` inside ``text``."""
        return len(self.title) + len(self.dateline) + 2


def article_id_for(path: Path) -> str:
    """Return the article id (the file stem), refusing stems that are unsafe in IRIs and file names."""
    stem = path.stem
    if not ARTICLE_ID_RE.match(stem):
        raise CaptureError(
            path,
            f"the file stem {stem!r} is not a valid article id (allowed: letters, digits, '_', '.', '-')",
            "rename the capture, e.g. to 000_64b6559f5e865fa2.txt",
        )
    return stem


def read_capture(path: str | Path) -> Article:
    """Read, decode and parse the capture at ``path``.

    The article id is checked before the file is read so that a badly named file fails the same way
    whether or not its content is fine.
    """
    path = Path(path)
    article_id_for(path)
    if not path.exists():
        raise CaptureError(path, "no such file", "check the path or the corpus directory")
    if path.is_dir():
        raise CaptureError(path, "is a directory, not a capture file", "pass the path of a .txt capture")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CaptureError(
            path, f"could not be read: {error.strerror or error}", "check permissions"
        ) from error
    text, encoding = decode_capture(data, path=path)
    return parse_capture(text, path=path, raw=data, encoding=encoding)


def decode_capture(data: bytes, *, path: Path) -> tuple[str, str]:
    """Decode raw capture bytes; return ``(text, encoding)``.

    UTF-8 is tried first, strictly, because it is what captures normally are and because detection on
    valid UTF-8 is needless guesswork. Otherwise charset-normalizer guesses, and only the GB family is
    accepted: these are Chinese news pages, and any other guess on such bytes is almost surely wrong,
    so failing loudly beats building a graph from mojibake. A leading BOM is dropped; newlines and
    Unicode normalisation are left to :func:`normalise_text`.
    """
    if not data:
        raise CaptureError(path, "is empty", "re-capture the article page")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise CaptureError(path, "is UTF-16/UTF-32 encoded, which is not supported", "re-save it as UTF-8")
    if b"\x00" in data:
        raise CaptureError(path, "looks binary (it contains NUL bytes)", "pass a text capture of the page")
    controls = sum(1 for byte in data if byte in _CONTROL_BYTES)
    if controls / len(data) > _MAX_CONTROL_RATIO:
        raise CaptureError(
            path,
            f"looks binary ({controls} of {len(data)} bytes are control characters)",
            "pass a text capture of the page",
        )

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text.removeprefix("\ufeff"), "utf-8"

    best = from_bytes(data).best()
    detected = _codec_name(best.encoding) if best is not None and best.encoding else None
    if detected not in GB_FAMILY:
        found = f"detected {detected!r}" if detected else "no encoding was detected"
        raise CaptureError(
            path,
            f"could not be decoded: it is not UTF-8 and {found}, not GB18030/GBK/GB2312",
            "re-save the capture as UTF-8",
        )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise CaptureError(
            path,
            f"could not be decoded as {detected} (invalid bytes at offset {error.start})",
            "re-save the capture as UTF-8",
        ) from error
    return text.removeprefix("\ufeff"), detected


def normalise_text(text: str) -> str:
    """Unify newlines to ``\\n`` and apply NFC, so offsets do not depend on how the page was saved."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def parse_capture(
    text: str,
    *,
    path: Path,
    raw: bytes | None = None,
    encoding: str = "utf-8",
) -> Article:
    """Parse already-decoded capture text into an :class:`Article`.

    ``path`` supplies the article id and is named in every error. ``raw`` is the file's bytes, whose
    SHA-256 identifies the exact input; without it the hash is taken over ``text`` encoded as UTF-8.
    """
    path = Path(path)
    article_id = article_id_for(path)
    sha256 = hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()
    text = normalise_text(text)
    if not text.strip():
        raise CaptureError(path, "is empty", "re-capture the article page")

    lines = [_clean(line) for line in text.split("\n")]

    dateline_index, match = _find_dateline(lines, path)
    year, month, day, hour, minute = (int(group) for group in match.groups()[:5])
    try:
        published = datetime(year, month, day, hour, minute, tzinfo=CHINA_TZ)
    except ValueError as error:
        raise CaptureError(
            path,
            f"the dateline {lines[dateline_index]!r} has an impossible date or time ({error})",
            "fix the dateline in the capture",
        ) from error
    publisher, source = match.group(6), match.group(7)

    title = _find_title(lines[:dateline_index], path)

    body_start = dateline_index + 1
    following = _next_non_empty(lines, body_start)
    if following is not None and _is_toolbar(lines[following]):
        body_start = following + 1
    body_end = _body_end(lines, body_start)
    paragraphs = tuple(line for line in lines[body_start:body_end] if line)
    if not paragraphs:
        raise CaptureError(
            path,
            "has no article body between the dateline and the footer",
            "check that the capture contains the article text",
        )

    byline = BYLINE_RE.match(paragraphs[0])
    reporter = byline.group("name") if byline else None

    return Article(
        article_id=article_id,
        source_path=path,
        sha256=sha256,
        encoding=encoding,
        title=title,
        published=published,
        publisher=publisher,
        source=source,
        reporter=reporter,
        keywords=_keywords(lines, body_start),
        body="\n".join(paragraphs),
        paragraphs=paragraphs,
        dateline=lines[dateline_index],
    )


def _codec_name(name: str) -> str | None:
    """Canonical codec name (``GB2312`` → ``gb2312``, ``cp936`` → ``gbk``), or None if Python lacks it."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _clean(line: str) -> str:
    """Strip white space (ASCII, U+3000, NBSP, ...) and invisible characters from both ends of a line."""
    return line.strip().strip(_INVISIBLE).strip()


def _find_dateline(lines: list[str], path: Path) -> tuple[int, re.Match[str]]:
    """Locate the dateline, the one line every capture of an article page must have."""
    for index, line in enumerate(lines):
        match = DATELINE_RE.match(line)
        if match:
            return index, match
    raise CaptureError(
        path,
        "has no dateline (a line like '2022年09月03日 17:59 新浪网 作者 速新闻'), "
        "so it is not a recognised news capture",
        "capture the article page itself, not an index or an error page",
    )


def _find_title(header: list[str], path: Path) -> str:
    """Return the title: the last non-empty line above the dateline.

    Pages repeat the title (page header, then article heading); when two copies are present the
    line above the dateline is confirmed as the title. The site name is never a title.
    """
    candidates = [line for line in header if line]
    if not candidates or candidates[-1] in SITE_NAME_LINES:
        raise CaptureError(path, "has no title above the dateline", "check that the capture is complete")
    return candidates[-1]


def _next_non_empty(lines: list[str], start: int) -> int | None:
    """Index of the first non-empty line at or after ``start``, or None."""
    return next((index for index in range(start, len(lines)) if lines[index]), None)


def _is_toolbar(line: str) -> bool:
    """True for the zoom/share toolbar line (``缩小字体 放大字体 收藏 微博 微信 0``)."""
    words = line.split()
    return (
        bool(words)
        and any(word in TOOLBAR_WORDS for word in words)
        and all(word in TOOLBAR_WORDS or word.isdigit() for word in words)
    )


def _is_footer(line: str) -> bool:
    """True for the disclaimer line or any chrome line, either of which ends the body."""
    return line.startswith(FOOTER_MARKER) or line.startswith(CHROME_MARKERS)


def _body_end(lines: list[str], start: int) -> int:
    """Index (exclusive) where the body ends: the footer, else the first chrome line, else the end."""
    return next((index for index in range(start, len(lines)) if _is_footer(lines[index])), len(lines))


def _keywords(lines: list[str], start: int) -> tuple[str, ...]:
    """The space-separated keywords on the line after the disclaimer; empty if there is none."""
    footer = next(
        (index for index in range(start, len(lines)) if lines[index].startswith(FOOTER_MARKER)), None
    )
    if footer is None:
        return ()
    following = _next_non_empty(lines, footer + 1)
    if following is None or _is_footer(lines[following]):
        return ()
    return tuple(dict.fromkeys(lines[following].split()))
