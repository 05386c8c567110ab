"""A view of the graph for a notebook cell (``KnowledgeGraph.show``): the HTML views' page, self-contained.

The page is made by the same :class:`~parkgraph.views.render.Renderer`, from the same selections and
with the same escaping as ``graph/views/`` (autoescaped template, graph data only in the escaped JSON
block, tooltips built with ``textContent``); ``templates/inline.html`` extends ``view.html`` and puts
vis-network and our script and style into the page instead of loading them from ``lib/``, so a notebook
needs neither files next to it nor a network (no CDN, unlike pyvis's notebook mode). The page's CSP
allows exactly those scripts, by SHA-256 digest, and no request.

In Jupyter the page is shown in an ``<iframe srcdoc>`` (the whole page HTML-escaped into the attribute,
sandboxed to run scripts only), so its script and style cannot touch the notebook, nor the notebook's
its own. About 0.7 MB a view, mostly vis-network.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from markupsafe import Markup

from .model import GraphModel
from .render import (
    OVERVIEW_MAX_NODES,
    Page,
    Renderer,
    Selection,
    _rank_key,
    _with_clusters,
    lib_files,
    select_ego,
    select_overview,
)

#: The lib/ files inlined, in the order view.html loads them.
STYLES = ("vis-network.css", "parkgraph.css")
SCRIPTS = ("vis-network.min.js", "parkgraph-view.js")
#: Height of the notebook cell's frame, in CSS pixels.
DEFAULT_HEIGHT = 640


def _safe_inline(text: str, tag: str) -> Markup:
    """``text`` (one of our lib/ files) safe inside ``<tag>…</tag>``: it cannot close the element."""
    if re.search(rf"</{tag}", text, re.IGNORECASE) or "<!--" in text:
        raise ValueError(f"a lib/ file holds '</{tag}' or '<!--' and cannot be inlined as it is")
    return Markup(text)


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_context() -> dict[str, object]:
    """The template context of ``inline.html``: the lib/ files' text and the scripts' CSP digests."""
    files = lib_files()
    styles = [_safe_inline(files[name].read_text(encoding="utf-8"), "style") for name in STYLES]
    scripts = [_safe_inline(files[name].read_text(encoding="utf-8"), "script") for name in SCRIPTS]
    return {
        "inline": {
            "styles": styles,
            "scripts": scripts,
            "script_hashes": Markup(" ".join(_digest(str(s)) for s in scripts)),
        }
    }


def select_radius(model: GraphModel, focus: str, radius: int) -> Selection:
    """Every node within ``radius`` edges of ``focus`` (either direction), the nearest and best
    connected :data:`~parkgraph.views.render.OVERVIEW_MAX_NODES` of them if there are more (the rest are
    grouped by category into "+N more" nodes, as in the other views)."""
    undirected = nx.Graph(model.graph.to_undirected(as_view=True))
    distance = nx.single_source_shortest_path_length(undirected, focus, cutoff=radius)
    degree = dict(model.graph.degree())
    if len(distance) <= OVERVIEW_MAX_NODES:
        return Selection(
            sorted(distance),
            [],
            f"半径 {radius} · {len(distance)} 个节点",
            f"radius {radius} · {len(distance)} nodes",
        )
    rank = _rank_key(model, degree)
    shown = sorted(sorted(distance, key=lambda n: (distance[n], *rank(n)))[:OVERVIEW_MAX_NODES])
    return Selection(
        shown,
        _with_clusters(model, shown, distance, undirected),
        f"半径 {radius} · 显示 {len(shown):,} / {len(distance):,} 个节点",
        f"radius {radius} · showing {len(shown):,} of {len(distance):,} nodes",
    )


def page_of(model: GraphModel, focus: str | None, radius: int | None) -> Page:
    """The page to show: the overview, the ego view of ``focus`` as ``graph/views/`` has it (radius
    ``None``), or everything within ``radius`` of it."""
    g = model.graph
    if focus is None:
        degree = dict(g.degree())
        undirected = nx.Graph(g.to_undirected(as_view=True))
        return Page(
            "inline.html", "overview", "总览", "Overview", None, select_overview(model, degree, undirected)
        )
    data = g.nodes[focus]
    if radius is None:
        degree = dict(g.degree())
        undirected = nx.Graph(g.to_undirected(as_view=True))
        selection = select_ego(model, focus, degree, undirected)
    else:
        selection = select_radius(model, focus, radius)
    return Page(
        "inline.html",
        "ego",
        f"{data['label']} 的邻域",
        f"Neighbourhood of {data.get('label_en', data['label'])}",
        focus,
        selection,
    )


def inline_html(model: GraphModel, *, focus: str | None = None, radius: int | None = None) -> str:
    """The self-contained page of :func:`page_of` (UTF-8 text, nothing to fetch)."""
    renderer = Renderer(model, template="inline.html", context=inline_context(), links=False)
    return renderer.render(page_of(model, focus, radius))


@dataclass(frozen=True)
class InlineView:
    """A graph view that Jupyter shows inline (``_repr_html_``); ``save`` writes it as a page."""

    html: str  # the whole self-contained page
    title: str
    height: int = DEFAULT_HEIGHT

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.title)}" '
            f'sandbox="allow-scripts" referrerpolicy="no-referrer" '
            f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #dee2e6;"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (it opens in any browser, offline) and return the path."""
        from ..output import write_atomically

        path = Path(path)
        write_atomically({path: lambda: self.html.encode("utf-8")})
        return path

    def __repr__(self) -> str:
        return (
            f"<InlineView {self.title!r}: {len(self.html):,} characters; display it in Jupyter or .save() it>"
        )
