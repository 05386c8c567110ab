"""An article's text as HTML, with every evidence span one element carrying its offsets.

The rendering (docs/views.md, "Article pages"):

* Each span is **one** ``<mark>`` whose text is exactly its quote, with ``data-start`` / ``data-end``
  (code points of the article's ``schema:text``, end exclusive, as in the graph) and ``data-i`` (its
  number on the page). Offsets are counted here, in Python, where a string is code points: a character
  outside the BMP (𫖯) is one, as in the graph, though a JavaScript string holds it as two UTF-16 units.
* **Nested** spans nest: a span inside another is a ``<mark>`` inside the other's.
* **Crossing** spans (one starts inside another and ends after it: 57 pairs in the first article) cannot
  both be single elements of one flow of text. So the text is laid out in *layers*: layer 0 is the text
  itself, with every span that nests; a span crossing one of those goes to the first layer where it
  crosses none. A further layer is a copy of the text in the same box (absolutely positioned over it,
  its text transparent, only its marks visible: underlined in their colour), so its marks sit exactly
  over the words they quote. The first article needs two layers. A layer's copy stops at the end of
  the line of its last span (nothing after a line break moves what is before it).
* Marks add no padding, border or margin (only backgrounds, shadows and underlines), so every layer
  wraps the same way; the text keeps its line breaks (``white-space: pre-wrap``).
* Article text is escaped, and a bidirectional control character (U+202A–U+202E, U+2066–U+2069,
  U+200E/F, U+061C) is wrapped in an isolating ``<span class="pg-ctl">``, which shows its code point and
  confines its effect to itself: a page cannot be made to read backwards. The character stays in the
  text, so each mark's text is still its quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Bidirectional formatting characters: embeddings, overrides, isolates, marks.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


@dataclass(frozen=True)
class Span:
    """A span to mark: its number on the page, its offsets (code points, end exclusive), its classes."""

    number: int
    start: int
    end: int
    classes: str


def text_html(text: str) -> Markup:
    """``text`` escaped, each bidirectional control isolated and labelled (see the module docstring)."""
    if not _BIDI.search(text):
        return escape(text)
    out = []
    last = 0
    for match in _BIDI.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        char = match.group()
        out.append(f'<span class="pg-ctl" data-cp="U+{ord(char):04X}">{char}</span>')
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def plain_text(text: str) -> str:
    """``text`` for where no element can go (a page's ``<title>``): each bidirectional control replaced
    by its code point, "⟨U+202E⟩", so it reorders nothing."""
    return _BIDI.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def layers(spans: Sequence[Span]) -> list[list[Span]]:
    """The spans by layer: each layer a laminar family (any two of its spans are disjoint or nested),
    each span in the first layer where it crosses none (greedy, in order of start, longest first)."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, s.number))
    stacks: list[list[Span]] = []  # per layer, the spans open at the current start, innermost last
    result: list[list[Span]] = []
    for span in ordered:
        for layer, stack in enumerate(stacks):
            while stack and stack[-1].end <= span.start:
                stack.pop()
            if not stack or span.end <= stack[-1].end:
                stack.append(span)
                result[layer].append(span)
                break
        else:
            stacks.append([span])
            result.append([span])
    return result or [[]]


def layer_html(text: str, spans: Sequence[Span], *, until: int | None = None) -> Markup:
    """``text[:until]`` with ``spans`` (a laminar family, in order of start, longest first) as nested
    ``<mark>`` elements."""
    end_of_text = len(text) if until is None else until
    out: list[str] = []
    open_ends: list[int] = []
    position = 0

    def emit(upto: int) -> None:
        nonlocal position
        # close every mark ending before ``upto``, writing the text up to each end
        while open_ends and open_ends[-1] <= upto:
            end = open_ends.pop()
            out.append(str(text_html(text[position:end])))
            out.append("</mark>")
            position = end
        out.append(str(text_html(text[position:upto])))
        position = upto

    for span in spans:
        emit(span.start)
        out.append(
            f'<mark class="{span.classes}" data-i="{span.number}" '
            f'data-start="{span.start}" data-end="{span.end}">'
        )
        open_ends.append(span.end)
    emit(end_of_text)
    while open_ends:  # spans past ``until`` (not expected: callers cut after the last end)
        open_ends.pop()
        out.append("</mark>")
    return Markup("".join(out))


def text_layers(text: str, spans: Sequence[Span]) -> list[Markup]:
    """Layer 0 (the whole text with the nesting spans) and one overlay a further layer (see the module
    docstring); each overlay's copy of the text stops at the line break after its last span."""
    result = []
    for number, layer in enumerate(layers(spans)):
        if number == 0:
            result.append(layer_html(text, layer))
            continue
        last = max(span.end for span in layer)
        line_end = text.find("\n", last)
        result.append(layer_html(text, layer, until=len(text) if line_end == -1 else line_end))
    return result
