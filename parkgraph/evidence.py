"""Locating evidence quotes in an article's text.

Offsets are Unicode code points of the NFC text, ``end`` exclusive, exactly what Python's ``str``
indexing gives and what W3C Web Annotation's ``oa:TextPositionSelector`` means. Never bytes.

>>> span = locate("金秋,是收获的季节!9月2日", "9月2日")
>>> (span.start, span.end, span.exact, span.prefix)
(10, 14, '9月2日', '金秋,是收获的季节!')
>>> locate("abcabc", "abc", occurrence=2).start
3
>>> locate("abc", "x") is None
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: How many code points of context a TextQuoteSelector keeps on each side.
CONTEXT = 16


@dataclass(frozen=True, order=True)
class Span:
    """A located quote: where it stands and the context around it."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def locate(text: str, quote: str, *, occurrence: int = 1, context: int = CONTEXT) -> Span | None:
    """Find the ``occurrence``-th (1-based) place of ``quote`` in ``text``; None if it is not there.

    Both are compared after NFC normalisation; ``text`` is expected to be NFC already (the reader
    normalises), so the offsets returned index ``text`` itself.
    """
    quote = unicodedata.normalize("NFC", quote)
    if not quote:
        return None
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            return None
    end = start + len(quote)
    return Span(
        start=start,
        end=end,
        exact=quote,
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def count(text: str, quote: str) -> int:
    """How many (possibly overlapping) times ``quote`` occurs in ``text``."""
    quote = unicodedata.normalize("NFC", quote)
    found, start = 0, text.find(quote)
    while quote and start >= 0:
        found += 1
        start = text.find(quote, start + 1)
    return found
