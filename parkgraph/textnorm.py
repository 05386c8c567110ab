"""What every text that reaches the graph is made of: one rule for line breaks and control characters.

Why one rule, here: a capture, a sidecar's title or a curated label may hold characters that some
tools take for the end of a line and others do not. ``str.splitlines()`` ends a line at U+2028 (line
separator), U+2029 (paragraph separator), U+0085 (next line), U+000B (vertical tab), U+000C (form
feed) and U+001C-U+001E (file, group and record separators) as well as at ``\\n`` and ``\\r``; an
N-Triples line ends at ``\\n`` only, so one such character in an article split one triple in two and
failed every build. Other control characters are invisible, never meant, and not allowed in XML (the
networkx exports) nor safe on a terminal. So, once, before anything counts offsets:

* ``\\r\\n``, ``\\r`` and every other character :data:`LINE_BREAKS` lists become ``\\n``;
* the other C0 and C1 control characters (all but tab and ``\\n``), and the noncharacters U+FFFE and
  U+FFFF, are removed;
* the text is NFC-normalised.

Offsets are code points of the text after this (the text the graph carries); docs/model.md, "The article
text and offsets". After it, ``text.splitlines()`` and ``text.split("\\n")`` agree (bar a final empty
line), so no later line split can disagree with another.

>>> normalise_text("a\\u2028b\\r\\nc\\x0bd\\x01e\\u0085f")
'a\\nb\\nc\\nde\\nf'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["DROPPED", "LINE_BREAKS", "normalise_text", "surrogate"]

#: What ends a line besides ``\n`` (the characters ``str.splitlines()`` splits at): each becomes ``\n``.
LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: C0 controls but tab, newline and the line breaks above; DEL; C1 controls but U+0085; U+FFFE, U+FFFF.
DROPPED = "".join(
    chr(c)
    for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF)
    if chr(c) not in LINE_BREAKS and chr(c) not in "\t\n"
)

_TABLE = str.maketrans({**{ch: "\n" for ch in LINE_BREAKS}, **{ch: None for ch in DROPPED}})
_SPECIAL = re.compile(f"[{re.escape(LINE_BREAKS + DROPPED)}]")


def normalise_text(text: str) -> str:
    """``text`` by the rule above: line breaks to ``\\n``, other controls removed, NFC.

    Most texts (a curated file's hundreds of labels) need none of it: they are returned as they are
    after two scans in C, which takes a fifth of the time of translating and normalising them."""
    if _SPECIAL.search(text) is not None:
        text = text.replace("\r\n", "\n").translate(_TABLE)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def surrogate(text: str) -> int | None:
    """The index of the first unpaired surrogate code point in ``text`` (U+D800-U+DFFF), or None.

    A ``str`` decoded with ``errors="surrogateescape"`` holds them; they are no text and cannot be
    written as UTF-8, so a caller passing one is refused rather than guessed at.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None
