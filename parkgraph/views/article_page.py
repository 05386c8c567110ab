"""An article's page (``views/article/<id>.html``) from its :class:`~parkgraph.views.article.ArticleData`.

The page: the article's metadata (title, date, outlet, author, URL, curated or extracted and by which
extractor version); its text with every evidence span highlighted in its record's colour
(:mod:`.highlight`); beside it a details panel (what the graph says from the span under the pointer or
clicked: :file:`static/parkgraph-article.js`) and the article's facts as sortable tables whose rows jump
to their spans. Same rules as the graph views: offline (only ``lib/`` files, a CSP forbidding anything
else), every string from the article escaped, byte-identical output for the same article.

Size (docs/views.md, "Size limits"): a page holds its article's text and records, whatever the size of
the corpus (about 4-5 times the text: the first article's is 0.2 MB); an article with more than
:data:`ARTICLE_MAX_SPANS` spans has only the first ones highlighted (its tables still list every record).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markupsafe import Markup

from .article import LOW_CONFIDENCE, ArticleData, Cell, Part, Row, colour
from .highlight import Span, plain_text, text_html, text_layers
from .model import CATEGORIES

#: At most this many spans are highlighted on one page (the first, in text order).
ARTICLE_MAX_SPANS = 3000

_STATEMENT_LEGEND = ("statement", "关系陈述", "statement")


@dataclass(frozen=True)
class _Column:
    zh: str
    en: str
    type: str  # "number" or "text": how the column sorts


@dataclass(frozen=True)
class _CellView:
    html: Markup
    sort: str | None  # None: the column sorts by the cell's text


@dataclass(frozen=True)
class _RowView:
    record: int
    span: int  # the record's first span (-1: none shown)
    low: bool
    cells: tuple[_CellView, ...]


@dataclass(frozen=True)
class _TableView:
    key: str
    title: str
    title_en: str
    columns: tuple[_Column, ...]
    rows: tuple[_RowView, ...]


def when(published: str) -> str:
    """``2022-09-03T17:59:00+08:00`` → ``2022-09-03 17:59 +08:00``; a date stays as it is."""
    date, _, rest = published.partition("T")
    if not rest:
        return published
    clock, zone = rest[:5], rest[8:].lstrip(".0123456789")
    return f"{date} {clock} {zone}".strip()


def tint(hex_colour: str) -> str:
    """A highlight's background: the class colour at about 20 % opacity (``#rrggbb33``)."""
    return f"{hex_colour}33" if len(hex_colour) == 7 else hex_colour


def _legend(data: ArticleData, shown: int) -> list[dict[str, object]]:
    counts: dict[str, int] = {}
    for highlight in data.highlights[:shown]:
        counts[highlight.category] = counts.get(highlight.category, 0) + 1
    entries = [(c.key, c.label, c.label_en) for c in CATEGORIES]
    entries.append(_STATEMENT_LEGEND)
    return [
        {
            "key": key,
            "label": zh,
            "en": en,
            "color": colour(key),
            "tint": tint(colour(key)),
            "count": counts[key],
        }
        for key, zh, en in entries
        if counts.get(key)
    ]


def _cell(cell: Cell) -> _CellView:
    if isinstance(cell.sort, str):
        return _CellView(text_html(cell.text), None if cell.sort == cell.text else cell.sort)
    return _CellView(text_html(cell.text), repr(float(cell.sort)))


def _tables(data: ArticleData, shown: int) -> list[_TableView]:
    result = []
    for table in data.tables:
        numeric = [
            all(isinstance(row.cells[i].sort, float) for row in table.rows) for i in range(len(table.columns))
        ]
        columns = tuple(
            _Column(zh, en, "number" if numeric[i] else "text") for i, (zh, en) in enumerate(table.columns)
        )
        rows = tuple(_row(data, row, shown) for row in table.rows)
        result.append(_TableView(table.key, table.title, table.title_en, columns, rows))
    return result


def _row(data: ArticleData, row: Row, shown: int) -> _RowView:
    record = data.records[row.record]
    first = min(record.spans) if record.spans else -1
    return _RowView(row.record, first if 0 <= first < shown else -1, record.low, tuple(map(_cell, row.cells)))


def payload(data: ArticleData, shown: int, base: str) -> dict[str, object]:
    """The JSON the page's script reads: each span's offsets and records, each record's card. Kept small
    (it is a third of a page): a participant that is a record of the page is its number, IRIs under the
    base are relative to it, colours are given once per class, a curated record has no confidence."""
    records = []
    for r in data.records:
        record: dict[str, object] = {
            "kind": r.kind,
            "label": r.label,
            "en": r.label_en,
            "type": r.type_label,
            "typeEn": r.type_label_en,
            "curie": r.curie,
            "category": r.category,
            "values": [list(v) for v in r.values],
            "parts": [_part(p) for p in r.parts],
            "spans": [s for s in r.spans if s < shown],
            "href": r.href,
            "iri": r.iri[len(base) :] if r.iri.startswith(base) else r.iri,
        }
        if r.confidence is not None:
            record["confidence"] = r.confidence
        records.append(record)
    return {
        "article": {"id": data.article_id, "title": data.title, "length": len(data.text)},
        "base": base,
        "lowConfidence": LOW_CONFIDENCE,
        "colors": {r.category: colour(r.category) for r in data.records},
        "spans": [[h.start, h.end, list(h.records)] for h in data.highlights[:shown]],
        "records": records,
    }


def _part(part: Part) -> list[object]:
    if part.record is not None:
        return [part.role, part.role_en, part.record]
    return [part.role, part.role_en, part.label, part.href]


def render_article(data: ArticleData, base: str) -> str:
    """The page's HTML (the same bytes for the same ``data``); ``base`` is the graph's base IRI."""
    shown = min(len(data.highlights), ARTICLE_MAX_SPANS)
    spans = [
        Span(i, h.start, h.end, f"pg-hl pg-c-{h.category}") for i, h in enumerate(data.highlights[:shown])
    ]
    return _template().render(
        a=data,
        root="../",
        title_html=text_html(data.title),
        title_plain=plain_text(data.title),
        published=when(data.published),
        outlet_html=text_html(data.outlet),
        origin_html=text_html(data.origin),
        authors_html=text_html("、".join(data.authors)),
        url_html=text_html(data.url),
        layers=text_layers(data.text, spans),
        legend=_legend(data, shown),
        tables=_tables(data, shown),
        truncated=shown < len(data.highlights),
        shown_spans=shown,
        low_threshold=f"{LOW_CONFIDENCE:.2f}",
        payload=payload(data, shown, base),
    )


@functools.cache
def _template():  # type: ignore[no-untyped-def]  # -> jinja2.Template
    from .templating import environment

    return environment().get_template("article.html")
