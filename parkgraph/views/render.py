"""Offline HTML views of the graph, drawn by vis-network through pyvis (the contract is in docs/views.md).

Written to ``views/``: ``index.html`` (every view, searchable), ``overview.html``, one ego view per
entity and concept (``entity/<slug>.html``, ``concept/<scheme>--<slug>.html``) and one view per
industrial chain, action and platform (``chain/``, ``action/``, ``platform/``).

pyvis is used for what it does well (its ``Network``, physics and options objects, its template
machinery and its bundled copy of vis-network) and its flaws are worked around:

* **offline**: pyvis's templates load vis-network or Bootstrap from CDNs whatever ``cdn_resources`` says;
  our template (``templates/view.html``) loads only ``lib/`` files copied next to the views, and a
  Content-Security-Policy forbids the page any other request;
* **escaping**: pyvis renders without autoescape and vis-network shows string tooltips as HTML; our
  Jinja environment autoescapes, the graph data travels as JSON in a ``<script type="application/json">``
  block (``<``, ``>``, ``&`` escaped, so ``</script>`` cannot end it) and ``lib/parkgraph-view.js``
  builds every tooltip and panel with ``textContent``;
* **speed**: ``add_node``/``add_edge`` search plain lists (quadratic); :meth:`OfflineNetwork.set_data`
  fills the network in one pass.

Big graphs stay usable: the overview shows at most :data:`OVERVIEW_MAX_NODES` nodes (the best connected)
and folds the rest into one "+N more" node per category; ego and theme views are capped the same way.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
import types
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import networkx as nx

from .highlight import text_html
from .model import CATEGORIES, CATEGORY_BY_KEY, Category, EvidenceSpan, GraphModel
from .paths import article_path, concept_path, entity_path, safe_name
from .templating import PACKAGE, environment, json_script  # noqa: F401  (json_script: re-exported)

if TYPE_CHECKING:
    from .article_pages import ArticleRow


def _import_pyvis_network() -> types.ModuleType:
    """``pyvis.network``, imported without loading IPython when IPython is not loaded yet.

    pyvis.network imports ``IPython.display.IFrame`` when it is imported (0.2-0.5 s, more than all the
    rest of the views step) only for ``Network.show(notebook=True)``, which the views never call. For
    this one import a stand-in ``IPython.display`` sits in ``sys.modules``; its ``IFrame`` imports the
    real one when called. The stand-in is removed right after, so ``import IPython`` later (a notebook)
    loads the real package.
    """
    if "pyvis.network" in sys.modules or "IPython" in sys.modules:
        return importlib.import_module("pyvis.network")

    def iframe(*args: object, **kwargs: object) -> object:
        from IPython.display import IFrame

        return IFrame(*args, **kwargs)

    package, display = types.ModuleType("IPython"), types.ModuleType("IPython.display")
    display.IFrame = iframe  # type: ignore[attr-defined]
    package.display = display  # type: ignore[attr-defined]
    sys.modules.update({"IPython": package, "IPython.display": display})
    try:
        return importlib.import_module("pyvis.network")
    finally:
        for name, module in (("IPython", package), ("IPython.display", display)):
            if sys.modules.get(name) is module:
                del sys.modules[name]


Network = _import_pyvis_network().Network

#: The overview draws at most this many graph nodes; the rest become one "+N more" node per category.
OVERVIEW_MAX_NODES = 300
#: An ego view holds at most this many nodes (radius 2 where it fits, else radius 1, else the best
#: connected neighbours plus "+N more" nodes).
EGO_MAX_NODES = 60
#: Ego views do not expand (radius 2) through hubs with more neighbours than this: open their own view.
EGO_EXPAND_MAX_DEGREE = 12
#: A chain / action / platform view holds at most this many nodes.
THEME_MAX_NODES = 120
#: Above this many nodes the overview starts with the concept nodes hidden (the legend shows them).
OVERVIEW_CONCEPTS_SHOWN_MAX = 120
#: A graph view lists at most this many of the articles that mention its focus (the newest).
MENTIONS_MAX = 50
#: Canvas labels are cut to this many characters (the tooltip and the panel show the whole label).
LABEL_MAX = 12
#: Physics iterations before the layout is frozen (fewer for big views, so they open quickly).
STABILIZATION_ITERATIONS = (600, 300)

#: Canvas font: the CJK fonts of Linux (Debian fonts-noto-cjk), macOS and Windows.
FONT_FACE = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
#: (folder, class CURIE, zh, en): the themed views.
THEMES = (
    ("chain", "pg:IndustrialChain", "产业链", "industrial chain"),
    ("action", "pg:Action", "行动", "action"),
    ("platform", "pg:Platform", "平台", "platform"),
)

#: vis-network's files as bundled with pyvis (templates/lib/vis-<version>/), and ours (static/)
PYVIS_LIB = ("vis-network.min.js", "vis-network.css")
OWN_LIB = ("parkgraph-view.js", "parkgraph-index.js", "parkgraph-article.js", "parkgraph.css")
#: Sub-folders of views/ whose *.html files are all ours (stale ones are removed).
VIEW_FOLDERS = ("entity", "concept", *(theme[0] for theme in THEMES))

SHAPE_GLYPHS = {
    "dot": "●",
    "diamond": "◆",
    "triangle": "▲",
    "triangleDown": "▼",
    "square": "■",
    "star": "★",
    "hexagon": "⬢",
    "box": "▬",
}


@functools.lru_cache(maxsize=16)
def _parse_options(text: str) -> object:
    return json.loads(text)


class _BoundTemplate:
    """A template with extra context bound, for pyvis's ``generate_html`` (which passes a fixed set)."""

    def __init__(self, template, **extra: object) -> None:  # type: ignore[no-untyped-def]
        self.template = template
        self.extra = extra

    def render(self, **context: object) -> str:
        if isinstance(context.get("options"), str):  # pyvis hands the options over as a JSON string
            context["options"] = _parse_options(str(context["options"]))
        return self.template.render(**context, **self.extra)


class OfflineNetwork(Network):
    """A pyvis ``Network`` that fills itself in linear time and renders our safe, offline template."""

    def __init__(self, *, heading: str) -> None:
        super().__init__(height="100%", width="100%", directed=True, heading=heading, cdn_resources="local")
        self.templateEnv = environment()
        self.path = "view.html"

    def set_data(self, nodes: list[dict[str, object]], edges: list[dict[str, object]]) -> None:
        """All nodes and edges at once (pyvis's ``add_node`` checks ``n_id not in list`` per node)."""
        self.nodes = nodes
        self.edges = edges
        self.node_ids = [n["id"] for n in nodes]
        self.node_map = {n["id"]: n for n in nodes}

    def render(self, **extra: object) -> str:
        """The page, through pyvis's ``generate_html`` with our template and ``extra`` context."""
        self.template = _BoundTemplate(self.templateEnv.get_template(self.path), **extra)
        # notebook=True makes pyvis use self.template as given; it changes nothing else we use
        return self.generate_html(name="view.html", notebook=True)


# --- selecting what a view shows ------------------------------------------------------------------


@dataclass
class Cluster:
    """Hidden nodes of one category, drawn as one "+N more" node linked to the shown ones."""

    category: Category
    count: int
    links: Counter[str] = field(default_factory=Counter)  # shown node → number of edges to hidden ones


@dataclass
class Selection:
    nodes: list[str]
    clusters: list[Cluster]
    note: str
    note_en: str


@dataclass(frozen=True)
class Page:
    path: str  # relative to views/, e.g. "entity/suqian.html"
    kind: str  # overview | ego | chain | action | platform
    title: str
    title_en: str
    focus: str | None
    selection: Selection


def _rank_key(model: GraphModel, degree: dict[str, int]):  # type: ignore[no-untyped-def]
    kind_order = {"entity": 0, "fact": 1, "concept": 2}

    def key(node: str) -> tuple[int, int, str]:
        return (-degree[node], kind_order.get(str(model.graph.nodes[node].get("kind")), 3), node)

    return key


def _with_clusters(
    model: GraphModel, shown: list[str], candidates: Iterable[str], undirected: nx.Graph
) -> list[Cluster]:
    """One cluster per category of the ``candidates`` not ``shown``, with links to the shown nodes."""
    shown_set = set(shown)
    clusters: dict[str, Cluster] = {}
    for node in candidates:
        if node in shown_set:
            continue
        category = model.category(node)
        cluster = clusters.setdefault(category.key, Cluster(category, 0))
        cluster.count += 1
        for other in undirected.adj[node]:
            if other in shown_set:
                cluster.links[other] += 1
    order = {c.key: i for i, c in enumerate(CATEGORIES)}
    return sorted(clusters.values(), key=lambda c: order[c.category.key])


def select_overview(model: GraphModel, degree: dict[str, int], undirected: nx.Graph) -> Selection:
    nodes = sorted(model.graph.nodes)
    total = len(nodes)
    if total <= OVERVIEW_MAX_NODES:
        return Selection(nodes, [], f"{total} 个节点", f"{total} nodes")
    shown = sorted(sorted(nodes, key=_rank_key(model, degree))[:OVERVIEW_MAX_NODES])
    clusters = _with_clusters(model, shown, nodes, undirected)
    return Selection(
        shown,
        clusters,
        f"显示连接最多的 {len(shown):,} / {total:,} 个节点，其余按类别汇总",
        f"showing the {len(shown):,} best connected of {total:,} nodes; the rest are grouped by category",
    )


def select_ego(model: GraphModel, focus: str, degree: dict[str, int], undirected: nx.Graph) -> Selection:
    """Radius 2 where it fits in :data:`EGO_MAX_NODES` (hubs are not expanded), else radius 1."""
    rank = _rank_key(model, degree)
    ring1 = sorted(undirected.adj[focus], key=rank)
    if 1 + len(ring1) > EGO_MAX_NODES:
        shown = sorted([focus, *ring1[: EGO_MAX_NODES - 1]])
        return Selection(
            shown,
            _with_clusters(model, shown, ring1, undirected),
            f"半径 1 · 显示 {len(shown) - 1:,} / {len(ring1):,} 个邻居",
            f"radius 1 · showing {len(shown) - 1:,} of {len(ring1):,} neighbours",
        )
    included = {focus, *ring1}
    expanded = skipped = 0
    for node in sorted(ring1, key=lambda n: (degree[n], n)):
        new = [n for n in undirected.adj[node] if n not in included]
        if not new:
            continue
        if degree[node] > EGO_EXPAND_MAX_DEGREE or len(included) + len(new) > EGO_MAX_NODES:
            skipped += 1
            continue
        included.update(new)
        expanded += 1
    radius = 2 if expanded else 1
    note = f"半径 {radius} · {len(included)} 个节点"
    note_en = f"radius {radius} · {len(included)} nodes"
    if skipped:
        note += f" · {skipped} 个枢纽未展开"
        note_en += f" · {skipped} hubs not expanded"
    return Selection(sorted(included), [], note, note_en)


def select_theme(model: GraphModel, anchor: str, degree: dict[str, int], undirected: nx.Graph) -> Selection:
    """The anchor; what it links to (its members, projects, partners …) and what those link to; what
    links to it; and the facts (statistics, events, claims) about the anchor and its direct links, with
    their other participants."""
    g = model.graph
    kind = {n: str(g.nodes[n].get("kind")) for n in g}
    level1 = set(g.successors(anchor))
    included = {anchor} | level1 | set(g.predecessors(anchor))
    for node in level1:
        if kind[node] != "concept":  # concepts end a path: they link everything alike
            included.update(g.successors(node))
    for node in {anchor} | level1:
        for fact in g.predecessors(node):
            if kind[fact] == "fact":
                included.add(fact)
                included.update(g.successors(fact))
    if len(included) <= THEME_MAX_NODES:
        return Selection(sorted(included), [], f"{len(included)} 个节点", f"{len(included)} nodes")
    distance = nx.single_source_shortest_path_length(undirected, anchor)
    ranked = sorted(included, key=lambda n: (distance.get(n, 99), *_rank_key(model, degree)(n)))
    shown = sorted(ranked[:THEME_MAX_NODES])
    return Selection(
        shown,
        _with_clusters(model, shown, included, undirected),
        f"显示 {len(shown):,} / {len(included):,} 个节点",
        f"showing {len(shown):,} of {len(included):,} nodes",
    )


# --- page names -------------------------------------------------------------------------------------


def ego_path(model: GraphModel, node: str) -> str | None:
    """The ego view of an entity or concept, relative to views/ (``None`` for other nodes)."""
    kind = model.graph.nodes[node].get("kind")
    if kind == "entity":
        return entity_path(node, model.base)
    if kind == "concept":
        return concept_path(node, model.base)
    return None


def pages(model: GraphModel) -> list[Page]:
    """Every view of the model: the overview, the themes, the ego views."""
    g = model.graph
    degree = dict(g.degree())
    undirected = nx.Graph(g.to_undirected(as_view=True))
    result = [
        Page(
            "overview.html", "overview", "总览", "Overview", None, select_overview(model, degree, undirected)
        )
    ]
    for folder, cls, zh, en in THEMES:
        for node in sorted(
            n for n in g if cls in model.classes.get(n, ()) and g.nodes[n]["kind"] == "entity"
        ):
            data = g.nodes[node]
            result.append(
                Page(
                    f"{folder}/{safe_name(node[len(f'{model.base}id/') :])}.html",
                    folder,
                    f"{zh}：{data['label']}",
                    f"{en[0].upper()}{en[1:]}: {data.get('label_en', data['label'])}",
                    node,
                    select_theme(model, node, degree, undirected),
                )
            )
    for node in sorted(g):
        path = ego_path(model, node)
        if path is None:
            continue
        data = g.nodes[node]
        result.append(
            Page(
                path,
                "ego",
                f"{data['label']} 的邻域",
                f"Neighbourhood of {data.get('label_en', data['label'])}",
                node,
                select_ego(model, node, degree, undirected),
            )
        )
    return result


# --- rendering --------------------------------------------------------------------------------------


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def fact_caption(model: GraphModel, node: str) -> str | None:
    """A fact node's canvas label: what it says, not whom it is about (its label names its subject,
    which the edge already shows).

    * a statistic (any fact with a quantity that is no event or ranking): its indicator and value,
      "主营业务收入\n36.45亿元";
    * an event: its types and date, "开工、投产\n2024-06-11";
    * a ranking claim: its criterion and rank, "电商平台销售增速\n第1".

    None for a fact with none of these (it keeps its label)."""
    g = model.graph
    data = g.nodes[node]
    category = data.get("category")
    types = [model.type_labels.get(t, (t, ""))[0] for t in str(data.get("types", "")).split() if t]
    kinds = "、".join(dict.fromkeys(t for t in types if t))
    if category == "event":
        when = _when(data)
        return (
            f"{_short(kinds or str(data['label']))}\n{when}" if when else _short(kinds or str(data["label"]))
        )
    if category == "claim":
        criterion = str(data.get("pg:rankingCriterion", "")).split("; ")[0]
        rank = data.get("pg:rank")
        head = _short(criterion or kinds or str(data["label"]))
        return f"{head}\n第{rank}" if rank not in (None, "") else head
    value = data.get("quantity_text") or (_number(data["value"]) if "value" in data else "")
    if not value:
        return None
    indicators = sorted(
        str(g.nodes[target]["label"]) for target, keys in g.adj[node].items() if "pg:indicator" in keys
    )
    head = indicators[0] if indicators else kinds or str(data["label"])
    return f"{_short(head)}\n{value}"


def _when(data: dict[str, object]) -> str:
    """A fact's time for a canvas label: a date, or the bounds of an interval."""
    begin, end = data.get("time_begin"), data.get("time_end")
    if begin and begin == end:
        return str(begin)
    if begin or end:
        return f"{begin or '…'}–{end or '…'}"
    return str(data.get("time_text", ""))


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


class Renderer:
    """Turns selections into pages; per-node tooltip data is computed once and shared by all pages.

    ``template`` and ``context`` choose another template that extends ``view.html`` (a notebook's
    self-contained view, :mod:`parkgraph.views.inline`); ``links=False`` leaves out the links to other
    views, which only exist next to the written ``views/`` folder.
    """

    def __init__(
        self,
        model: GraphModel,
        *,
        template: str = "view.html",
        context: dict[str, object] | None = None,
        links: bool = True,
    ) -> None:
        self.model = model
        self.template = template
        self.context = dict(context or {})
        self.links = links
        self._info: dict[str, dict[str, object]] = {}
        self._options: dict[tuple[bool, bool], dict[str, object]] = {}

    def node_info(self, node: str) -> dict[str, object]:
        if node not in self._info:
            m, data = self.model, self.model.graph.nodes[node]
            type_curie = str(data.get("type", ""))
            type_zh, type_en = m.type_labels.get(type_curie, (type_curie, ""))
            self._info[node] = {
                "kind": data.get("kind"),
                "label": data["label"],
                "en": data.get("label_en", ""),
                "type": type_zh,
                "typeEn": type_en,
                "curie": type_curie,
                "iri": node,
                "values": [[kv.name, kv.name_en, kv.text] for kv in m.values.get(node, ())],
                "evidence": m.evidence.get(node, ()),  # EvidenceSpans: numbered per page in render()
                "href": ego_path(m, node) if self.links else None,
            }
        return self._info[node]

    def vis_node(self, node: str, index: int, focus: str | None, degree: int) -> dict[str, object]:
        """A vis node; ``degree`` (within the view) sets its size. A fact is labelled by what it says
        (:func:`fact_caption`), anything else by its name."""
        data = self.model.graph.nodes[node]
        caption = fact_caption(self.model, node) if data.get("kind") == "fact" else None
        if caption is not None:
            label = caption
        else:
            label = data["label"] if node == focus else _short(str(data["label"]))
        item: dict[str, object] = {
            "id": index,
            "label": label,
            "group": data["category"],
            "value": degree + 1,
        }
        if node == focus:
            item.update(borderWidth=5, font={"size": 20, "bold": True}, mass=3)
        return item

    def render(self, page: Page) -> str:
        g, m = self.model.graph, self.model
        sel = page.selection
        index = {node: i for i, node in enumerate(sel.nodes)}
        # the induced edges, straight from the adjacency (networkx subgraph views are slow)
        merged: dict[tuple[str, str], list[tuple[str, dict[str, object]]]] = {}
        local: Counter[str] = Counter()
        for u in sel.nodes:
            for v, by_key in sorted(g.adj[u].items()):
                if v in index:
                    merged[(u, v)] = sorted(by_key.items())
                    local[u] += len(by_key)
                    local[v] += len(by_key)
        nodes = [self.vis_node(node, i, page.focus, local[node]) for i, node in enumerate(sel.nodes)]
        infos: list[dict[str, object]] = [dict(self.node_info(node)) for node in sel.nodes]

        edges: list[dict[str, object]] = []
        edge_infos: list[dict[str, object]] = []
        for (u, v), items in merged.items():
            spans = {s: None for key, _ in items for s in m.edge_spans(u, v, key)}
            edges.append(
                {
                    "id": len(edges),
                    "from": index[u],
                    "to": index[v],
                    "label": " / ".join(str(d["label"]) for _, d in items),
                }
            )
            edge_infos.append(
                {
                    "predicates": [[key, d["label"], d.get("label_en", "")] for key, d in items],
                    "from": g.nodes[u]["label"],
                    "to": g.nodes[v]["label"],
                    "evidence": list(spans),
                }
            )
        for cluster in sel.clusters:
            cid = len(nodes)
            c = cluster.category
            nodes.append(
                {
                    "id": cid,
                    "label": f"+{cluster.count:,} {c.label}",
                    "group": c.key,
                    "value": min(cluster.count, 60) + 1,
                    "shape": "box",
                    "font": {"color": "#ffffff"},
                }
            )
            infos.append(
                {
                    "kind": "cluster",
                    "label": f"另有 {cluster.count:,} 个{c.label}未显示",
                    "en": f"{cluster.count:,} more {c.label_en} not shown",
                    "type": c.label,
                    "typeEn": c.label_en,
                    "curie": "",
                    "iri": "",
                    "values": [],
                    "evidence": [],
                    "href": None,
                    "search": c.label,
                }
            )
            for shown, count in sorted(cluster.links.items()):
                edges.append(
                    {"id": len(edges), "from": index[shown], "to": cid, "label": f"×{count}", "dashes": True}
                )
                edge_infos.append(
                    {
                        "predicates": [["", f"{count} 条连线", f"{count} links"]],
                        "from": g.nodes[shown]["label"],
                        "to": c.label,
                        "evidence": [],
                    }
                )

        # each evidence span once per page: nodes and edges refer to it by number
        table: dict[EvidenceSpan, int] = {}
        for item in (*infos, *edge_infos):
            item["evidence"] = [table.setdefault(span, len(table)) for span in item["evidence"]]  # type: ignore[union-attr]
        spans = [[s.before, s.exact, s.after, s.ref] for s in table]

        groups = Counter(str(n["group"]) for n in nodes)
        legend = [
            {
                "key": c.key,
                "label": c.label,
                "en": c.label_en,
                "color": c.color,
                "shape": c.shape,
                "glyph": SHAPE_GLYPHS.get(c.shape, "●"),
                "count": groups[c.key],
            }
            for c in CATEGORIES
            if groups[c.key]
        ]
        net = OfflineNetwork(heading=page.title)
        net.path = self.template
        net.set_data(nodes, edges)
        shared = self.options(len(nodes), len(edges))
        net.options = {**shared, "groups": {k: v for k, v in shared["groups"].items() if groups[k]}}
        hidden = []
        if page.kind == "overview" and len(nodes) > OVERVIEW_CONCEPTS_SHOWN_MAX and groups["concept"]:
            hidden.append("concept")
        depth = page.path.count("/")
        root = "../" * depth
        view = {
            "kind": page.kind,
            "path": page.path,
            "root": root,
            "title": page.title,
            "titleEn": page.title_en,
            "note": sel.note + (" · 概念节点已隐藏，点击图例显示" if hidden else ""),
            "noteEn": sel.note_en + (" · concepts hidden: click the legend to show them" if hidden else ""),
            "focus": index.get(page.focus) if page.focus else None,
            "counts": {"nodes": len(nodes), "edges": len(edges)},
            "hiddenGroups": hidden,
        }
        if not self.links:
            view["standalone"] = True  # lib/parkgraph-view.js links to no other view
        return net.render(
            root=root,
            view=view,
            legend=legend,
            info={"nodes": infos, "edges": edge_infos, "spans": spans},
            mentions=self.mentions(page.focus, root),
            **self.context,
        )

    def mentions(self, focus: str | None, root: str) -> dict[str, object]:
        """The articles that mention the view's focus, newest first (at most :data:`MENTIONS_MAX`),
        each linked to its page at the focus's first span; none in a notebook's view (no pages there)."""
        m = self.model
        ids = m.mentions.get(focus, ()) if focus else ()
        if not self.links or not ids:
            return {"rows": [], "total": 0, "more": 0}
        anchor = "#iri=" + quote(str(focus), safe="")
        rows = [
            {
                "href": f"{root}{article_path(i)}{anchor}",
                "title": text_html(m.articles.get(i, (i, ""))[0]),
                "date": m.articles.get(i, (i, ""))[1][:10],
            }
            for i in ids[:MENTIONS_MAX]
        ]
        return {"rows": rows, "total": len(ids), "more": max(0, len(ids) - MENTIONS_MAX)}

    def options(self, n_nodes: int, n_edges: int) -> dict[str, object]:
        """vis-network options: pyvis's physics/stabilisation objects plus our styling."""
        key = (n_nodes > 150, n_edges <= 600)
        if key not in self._options:
            self._options[key] = self._make_options(*key)
        return self._options[key]  # shared: neither pyvis nor we change it after this

    def _make_options(self, big: bool, smooth: bool) -> dict[str, object]:
        net = Network(directed=True)
        net.force_atlas_2based(
            gravity=-90,
            central_gravity=0.015,
            spring_length=90,
            spring_strength=0.07,
            damping=0.55,
            overlap=1,
        )
        net.set_edge_smooth("continuous")
        net.toggle_stabilization(True)
        options: dict[str, object] = json.loads(net.options.to_json())
        physics = options["physics"]
        assert isinstance(physics, dict)
        physics["stabilization"].update(  # type: ignore[union-attr]
            iterations=STABILIZATION_ITERATIONS[1 if big else 0], updateInterval=25, fit=True
        )
        physics["minVelocity"] = 1.0
        options["edges"] = {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {"color": "#b8bec5", "highlight": "#343a40", "hover": "#495057", "inherit": False},
            "font": {
                "size": 10,
                "color": "#6c757d",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            "smooth": {"enabled": smooth, "type": "continuous", "roundness": 0.3},
            "width": 1,
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        }
        options["nodes"] = {
            "font": {
                "face": FONT_FACE,
                "size": 18,
                "color": "#212529",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {
                "min": 10,
                "max": 40,
                "label": {"enabled": True, "min": 17, "max": 28, "drawThreshold": 6},
            },
            "borderWidth": 1.5,
        }
        options["groups"] = {
            c.key: {
                "shape": c.shape,
                "color": {
                    "background": c.color,
                    "border": "#343a40",
                    "highlight": {"background": c.color, "border": "#000000"},
                    "hover": {"background": c.color, "border": "#000000"},
                },
            }
            for c in CATEGORIES
        }
        options["interaction"] = {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "dragNodes": True,
        }
        options["layout"] = {"randomSeed": 7, "improvedLayout": not big}
        options.pop("configure", None)
        return options


def render_index(model: GraphModel | None, all_pages: list[Page], articles: Sequence[ArticleRow] = ()) -> str:
    """``index.html``: the articles (newest first, with a filter by text, date range, outlet and kind),
    then every graph view; with ``model`` None (a corpus past the in-memory limit) the articles alone."""
    sections: list[dict[str, object]] = []
    if model is not None:
        sections = _view_sections(model, all_pages)
    g = model.graph if model is not None else None
    counts = Counter(str(d.get("kind")) for _, d in g.nodes(data=True)) if g is not None else Counter()
    rows = sorted(articles, key=lambda r: (r.published, r.id), reverse=True)
    return (
        environment()
        .get_template("index.html")
        .render(
            sections=sections,
            graph=g is not None,
            total_nodes=g.number_of_nodes() if g is not None else 0,
            total_edges=g.number_of_edges() if g is not None else 0,
            counts=counts,
            n_views=len(all_pages),
            articles=[_article_row(r) for r in rows],
            outlets=sorted({r.outlet for r in rows if r.outlet}),
        )
    )


def _article_row(row: ArticleRow) -> dict[str, object]:
    return {
        "href": row.path,
        "date": row.date,
        "published": row.published,
        "title": text_html(row.title),
        "outlet": row.outlet,
        "outlet_html": text_html(row.outlet),
        "entities": row.entities,
        "facts": row.facts,
        "statements": row.statements,
        "kind": "extracted" if row.extractor else "curated",
        "extractor": row.extractor or "",
        "low": row.low,
    }


def _view_sections(model: GraphModel, all_pages: list[Page]) -> list[dict[str, object]]:
    g = model.graph
    sections: list[dict[str, object]] = []
    overview = all_pages[0]
    sections.append(
        {
            "key": "overview",
            "title": "总览",
            "en": "Overview",
            "color": "",
            "rows": [
                {
                    "href": overview.path,
                    "label": "整个图谱",
                    "en": "the whole graph",
                    "type": overview.selection.note,
                    "search": "总览 overview",
                }
            ],
        }
    )
    for folder, _, zh, en in THEMES:
        rows = [
            _index_row(model, p.focus, p.path, p.selection) for p in all_pages if p.kind == folder and p.focus
        ]
        if rows:
            sections.append(
                {"key": folder, "title": f"{zh}视图", "en": f"{en} views", "rows": rows, "color": ""}
            )
    by_category: dict[str, list[dict[str, str]]] = defaultdict(list)
    for p in all_pages:
        if p.kind == "ego" and p.focus:
            by_category[str(g.nodes[p.focus]["category"])].append(
                _index_row(model, p.focus, p.path, p.selection)
            )
    for c in CATEGORIES:
        rows = sorted(by_category.get(c.key, []), key=lambda r: (r["label"], r["href"]))
        if rows:
            sections.append(
                {
                    "key": f"ego-{c.key}",
                    "title": f"{c.label}邻域",
                    "en": f"{c.label_en} · neighbourhoods",
                    "rows": rows,
                    "color": c.color,
                }
            )
    return sections


def _index_row(model: GraphModel, node: str, path: str, selection: Selection) -> dict[str, str]:
    data = model.graph.nodes[node]
    type_zh, type_en = model.type_labels.get(str(data.get("type", "")), ("", ""))
    category = CATEGORY_BY_KEY[str(data["category"])]
    alt = str(data.get("skos:altLabel", ""))
    return {
        "href": path,
        "label": str(data["label"]),
        "en": str(data.get("label_en", "")),
        "type": f"{type_zh} · {selection.note}",
        "search": " ".join(
            [
                str(data["label"]),
                str(data.get("label_en", "")),
                alt,
                type_zh,
                type_en,
                category.label,
                category.label_en,
            ]
        ).lower(),
    }


def html_files(model: GraphModel | None, articles: Sequence[ArticleRow] = ()) -> dict[str, bytes]:
    """Every page of views/ but the article pages, path (relative to views/) → UTF-8 bytes (the lib/
    files not included): the graph views and the index, or (``model`` None: a corpus past the in-memory
    limit) the index of the articles alone."""
    if model is None:
        return {"index.html": render_index(None, [], articles).encode("utf-8")}
    all_pages = pages(model)
    renderer = Renderer(model)
    files = {page.path: renderer.render(page).encode("utf-8") for page in all_pages}
    files["index.html"] = render_index(model, all_pages, articles).encode("utf-8")
    return files


def lib_files() -> dict[str, Path]:
    """views/lib/ name → source file: vis-network as bundled with pyvis (its newest copy), and our
    script and style."""
    import pyvis

    bundled = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    versions = sorted(
        (p for p in bundled.glob("vis-*") if all((p / name).is_file() for name in PYVIS_LIB)),
        key=lambda p: tuple(int(n) if n.isdigit() else 0 for n in p.name[4:].split(".")),
    )
    if not versions:
        raise FileNotFoundError(f"{bundled}: pyvis's copy of vis-network is missing; reinstall pyvis")
    files = {name: versions[-1] / name for name in PYVIS_LIB}
    files.update({name: PACKAGE / "static" / name for name in OWN_LIB})
    return files


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def plan_html_views(
    model: GraphModel | None, folder: Path, articles: Sequence[ArticleRow] = ()
) -> tuple[dict[Path, bytes], list[Path], list[Path]]:
    """What writing every view but the article pages into ``folder`` takes: the files whose bytes are not
    already there (path → bytes), the views that are gone (to remove), and every view file. Nothing is
    written: the build stages the first and removes the second when it commits all its outputs
    (:func:`parkgraph.views.view_files`). With ``model`` None (a corpus past the in-memory limit) the
    graph views are all gone: only the index of ``articles`` and lib/ are written. The article pages
    are :mod:`parkgraph.views.article_pages`'."""
    from .article_pages import GRAPH_FLAG, graph_flag

    folder = Path(folder)
    wanted: dict[Path, bytes] = {
        folder / "lib" / name: source.read_bytes() for name, source in lib_files().items()
    }
    wanted[folder / "lib" / GRAPH_FLAG] = graph_flag(model is not None)
    pages_bytes = html_files(model, articles)
    wanted.update({folder / relative: data for relative, data in pages_bytes.items()})
    pending = {path: data for path, data in wanted.items() if not _unchanged(path, data)}
    keep = set(wanted)
    stale = [p for sub in VIEW_FOLDERS for p in (folder / sub).glob("*.html")]
    stale += [p for p in (folder / "lib").glob("*") if p.is_file()]
    stale += [p for p in (folder / "overview.html",) if p.exists()]
    return pending, sorted(p for p in stale if p not in keep), sorted(wanted)


def write_html_views(
    model: GraphModel | None,
    folder: Path,
    articles: Sequence[ArticleRow] = (),
    *,
    extra: dict[Path, bytes] | None = None,
    gone: Sequence[Path] = (),
) -> list[Path]:
    """Write every view into ``folder`` (UTF-8), all at once and atomically
    (:func:`parkgraph.output.write_atomically`), skipping files whose bytes are already there (a
    rebuild of an unchanged graph writes nothing); remove the views of nodes that are gone. ``extra``
    (the article pages that changed) is written with them and ``gone`` removed. Returns every view
    file, written or already up to date (the article pages not included)."""
    from ..output import write_atomically

    pending, stale, wanted = plan_html_views(model, folder, articles)
    pending.update(extra or {})
    write_atomically({path: (lambda data=data: data) for path, data in pending.items()})
    for path in [*stale, *gone]:
        path.unlink(missing_ok=True)
    return wanted
