"""The reader's result: one article, its metadata and its text, free of page chrome."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from parkgraph.errors import CaptureError

__all__ = ["ARTICLE_ID_RE", "CAPTURE_SUFFIXES", "Article", "article_id_for"]

#: Article ids become IRI path segments and file names, so they are restricted to a safe alphabet.
ARTICLE_ID_RE = re.compile(r"^[A-Za-z0-9_.-]+$")

#: What ends a finished paragraph: a sentence mark, a closing quote or bracket (a byline, a sign-off).
_CLOSING = frozenset("。！？!?…”’」』)）]】》>")
#: A last line that is a sign-off or a signature date (``鹭平台记者 林晓 报道``, ``2024年5月6日``).
_SIGN_OFF = re.compile(r"(报道|摄|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})$")

#: The file suffixes of captures: a page saved as text, or as HTML.
CAPTURE_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class Article:
    """One news article: its metadata and its body text, free of page chrome.

    ``body`` is ``"\\n".join(paragraphs)``. ``text`` is the article as a reader sees it without the
    chrome: headline, dateline (when the page has one), body and the credit lines that close some
    pages (编辑：… 审核：…), one per line. Evidence offsets are code points into ``text`` (published as
    ``schema:text``), so facts stated by the headline, dateline or credits are traceable too.
    ``published`` is a Beijing-time ``datetime`` when the page gives a time, else a ``date``.
    """

    article_id: str
    source_path: Path
    sha256: str
    encoding: str
    title: str
    published: datetime | date
    publisher: str | None
    source: str | None
    reporter: str | None
    keywords: tuple[str, ...]
    body: str
    paragraphs: tuple[str, ...]
    dateline: str
    credits: tuple[str, ...] = ()
    url: str | None = None
    #: What the reader had to guess (a title made of the first sentence), each naming the capture: the
    #: build reports them with the article, which it builds all the same.
    warnings: tuple[str, ...] = ()

    @property
    def cut_off(self) -> bool:
        """Does the body stop mid-sentence (an excerpt cut short: ``…总投资12.``, ``…民建市``)? The last
        paragraph is running text (it holds a comma or a sentence mark) that ends in no sentence mark,
        closing quote or bracket, and no sign-off; a table row or a caption is no cut sentence."""
        last = self.body.rstrip().rpartition("\n")[2]
        running = any(mark in last for mark in "，,；;。！？!?")
        return running and last[-1] not in _CLOSING and not _SIGN_OFF.search(last)

    @property
    def text(self) -> str:
        """Headline, dateline, body and credits joined by newlines: the text evidence offsets index."""
        return "\n".join(part for part in (self.title, self.dateline, self.body, *self.credits) if part)

    @property
    def body_offset(self) -> int:
        """Code-point offset of ``body`` inside ``text``."""
        return len(self.title) + 1 + (len(self.dateline) + 1 if self.dateline else 0)


def article_id_for(path: Path) -> str:
    """Return the article id (the file stem), refusing stems that are unsafe in IRIs and file names."""
    stem = path.name
    for suffix in (*CAPTURE_SUFFIXES, ".meta.yaml"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    else:
        stem = path.stem
    if not ARTICLE_ID_RE.match(stem):
        raise CaptureError(
            path,
            f"the file stem {stem!r} is not a valid article id (allowed: letters, digits, '_', '.', '-')",
            "rename the capture, e.g. to 000_64b6559f5e865fa2.txt",
        )
    return stem
