"""Tables in government notices and lists: each row names one thing and states where it is and who
runs it; the heading above the table says what the rows were named (一、省级大数据产业园（5家）).

The reader keeps a table as text lines whose cells are separated by a mark (``data/tables.yaml``)::

    序号 | 园区名称 | 所在地 | 运营主体
    1 | 枫林数字产业园 | 某市某区 | 某某发展有限公司

A row's cells are strong evidence: a cell under 园区名称 is a whole name, so the table gives
mentions (:func:`table_mentions`) the free-text rules may miss, and the row gives relations (the
row's thing is in the places of its location cell, run by its operator) that no verb states.

>>> text = "名单\\n序号 | 园区名称 | 所在地 | 运营主体\\n"
>>> text += "1 | 青禾数据产业园 | 禾川市青岭区 | 青禾数港有限公司\\n"
>>> rows = [row for table in find_tables(text) for row in table.rows]
>>> [(row.name.text, [c.text for c in row.location], row.operator.text) for row in rows]
[('青禾数据产业园', ['禾川市', '青岭区'], '青禾数港有限公司')]
>>> [(m.text, m.kind) for m in table_mentions(text)]
[('青禾数据产业园', 'park'), ('禾川市', 'place'), ('青岭区', 'place'), ('青禾数港有限公司', 'company')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

from .names import NAME_RULES, NameRules
from .spans import Mention, Span

__all__ = ["Row", "Table", "find_tables", "table_mentions"]

_DATA = yaml.safe_load((Path(__file__).with_name("data") / "tables.yaml").read_text(encoding="utf-8"))
_SEPARATORS = tuple(_DATA["separators"])
_SPLIT = re.compile("|".join(re.escape(s) for s in _SEPARATORS))
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f（）()A-Za-z0-9·]{3,40}$")
#: What opens a heading and closes it without being its words: 一、 / （一） / 1. and （5家）.
_ENUMERATOR = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])\s*"
)
_COUNT_TAIL = re.compile(r"\s*[（(][^（）()]*\d[^（）()]*[）)]\s*$")


@dataclass(frozen=True, slots=True)
class Row:
    """One row: its name cell, the places of its location cell (largest first), its operator cell."""

    name: Span
    kind: str | None
    location: tuple[Span, ...]
    operator: Span | None


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; ``heading`` is the line above it less its enumerator and count."""

    heading: Span | None
    rows: tuple[Row, ...]


class _Cell(NamedTuple):
    """A cell of a line, stripped of spaces; unlike a :class:`Span` it may be empty (``a | | b``)."""

    start: int
    end: int
    text: str

    def span(self) -> Span:
        return Span(self.start, self.end, self.text)


def _cells(text: str, start: int, end: int) -> list[_Cell]:
    """The cells of the line ``text[start:end]``, each stripped of spaces, empty ones kept so that
    a row's cells stay under their headers.

    >>> [c.text for c in _cells("要闻 | 视频 | ", 0, 10)]
    ['要闻', '视频', '']
    """
    cells, at = [], start
    for piece in _SPLIT.split(text[start:end]):
        stripped = piece.strip()
        offset = at + (piece.index(stripped) if stripped else 0)
        cells.append(_Cell(offset, offset + len(stripped), stripped))
        at += len(piece) + 1  # every separator is one character (data/tables.yaml)
    return cells


def _role(header: str) -> str | None:
    word = re.sub(r"\s+", "", header)
    for role in ("location", "operator", "name"):
        if any(word == w or word.endswith(w) for w in _DATA["columns"][role]):
            return role
    return None


def _header_kind(header: str) -> str | None:
    return next((kind for word, kind in _DATA["header_kinds"].items() if header.startswith(word)), None)


def _places(cell: Span, rules: NameRules) -> tuple[Span, ...]:
    """The places (and zone) a location cell names from the largest down: 禾川市青岭区 → 禾川市, 青岭区."""
    parts: list[Span] = []
    text, at = cell.text, 0
    while at < len(text):
        rest = text[at:]
        end = next(
            (
                stop
                for stop in range(at + 2, min(len(text), at + 8) + 1)
                if rules.level_of(text[at:stop])
                and not text[at:stop].endswith(rules.not_place_endings)
                and (stop == len(text) or not rules.level_of(text[at : stop + 1]))  # 沅州市, not 沅州
            ),
            None,
        )
        if end is None:
            head = rules.head_kind(rest)
            if head is not None and head[1] in {"zone", "park"} and len(rest) > len(head[0]):
                parts.append(Span(cell.start + at, cell.end, rest))  # the cell ends with a zone
            break
        parts.append(Span(cell.start + at, cell.start + end, text[at:end]))
        at = end
    return tuple(parts)


def _name_cell(cell: _Cell) -> bool:
    return bool(_HAN_NAME.match(cell.text)) and not cell.text.isdigit()


def find_tables(text: str, rules: NameRules = NAME_RULES) -> tuple[Table, ...]:
    """Every table of ``text``: a header line whose cells name a name column, and the lines after
    it with as many cells."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*", text) if m.group()]
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        start, end = lines[index]
        header = _cells(text, start, end) if any(s in text[start:end] for s in _SEPARATORS) else []
        roles = [_role(cell.text) for cell in header]
        if len(header) < 2 or "name" not in roles:
            index += 1
            continue
        name_column = roles.index("name")
        kind = _header_kind(header[name_column].text)
        rows: list[Row] = []
        index += 1
        while index < len(lines):
            cells = _cells(text, *lines[index])
            if len(cells) != len(header):
                break
            name = cells[name_column]
            if _name_cell(name):
                row_cells = list(zip(cells, roles, strict=True))
                operator = next((c.span() for c, r in row_cells if r == "operator" and _name_cell(c)), None)
                location = next((c.span() for c, r in row_cells if r == "location" and c.text), None)
                places = _places(location, rules) if location is not None else ()
                rows.append(Row(name=name.span(), kind=kind, location=places, operator=operator))
            index += 1
        if rows:
            tables.append(Table(heading=_heading(text, lines, start), rows=tuple(rows)))
    return tuple(tables)


def _heading(text: str, lines: list[tuple[int, int]], header_start: int) -> Span | None:
    """The line right above a header, less 一、 and （5家）: what the rows are (a list's title)."""
    above = [line for line in lines if line[1] < header_start]
    if not above:
        return None
    start, end = above[-1]
    line = text[start:end]
    if any(s in line for s in _SEPARATORS):
        return None
    opener = _ENUMERATOR.match(line)
    cut_start = opener.end() if opener else len(line) - len(line.lstrip())
    tail = _COUNT_TAIL.search(line)
    cut_end = tail.start() if tail else len(line.rstrip())
    if cut_end - cut_start < 2:
        return None
    return Span(start + cut_start, start + cut_end, line[cut_start:cut_end])


def table_mentions(text: str, rules: NameRules = NAME_RULES) -> list[Mention]:
    """The names a table's cells give: the row's name (typed by its head word, else by its column's
    header), the places of its location cell, and its operator when its head word types it."""
    found: list[Mention] = []
    for table in find_tables(text, rules):
        for row in table.rows:
            head = rules.head_kind(row.name.text)
            kind = head[1] if head is not None else row.kind
            if kind is not None:
                found.append(_mention(row.name, kind, "table:name"))
            for index, place in enumerate(row.location):
                head = rules.head_kind(place.text)
                if head is None:
                    found.append(_mention(place, "place", "table:location"))
                elif head[1] in {"zone", "park"} and index == len(row.location) - 1:
                    found.append(_mention(place, head[1], "table:location"))
            if row.operator is not None:
                head = rules.head_kind(row.operator.text)
                if head is not None:
                    found.append(_mention(row.operator, head[1], "table:operator"))
    return found


def _mention(span: Span, kind: str, source: str) -> Mention:
    return Mention(span.start, span.end, span.text, kind=kind, confidence=0.85, source=source)
