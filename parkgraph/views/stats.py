"""``parkgraph stats``: what the entity-level graph holds and which entities are central.

Counts by type and by predicate, weakly connected components, the most central nodes by degree and by
betweenness (on the undirected simple graph: "who lies on the paths between others"). Betweenness is
exact up to :data:`EXACT_BETWEENNESS_MAX` nodes and estimated from a fixed sample of sources (seeded,
so the output is reproducible) above it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from ..query import _width

EXACT_BETWEENNESS_MAX = 2000
BETWEENNESS_SAMPLE = 500


@dataclass(frozen=True)
class Central:
    node: str
    label: str
    type: str
    degree: int
    betweenness: float


@dataclass(frozen=True)
class GraphStats:
    nodes: int
    edges: int
    by_kind: list[tuple[str, int]]
    by_type: list[tuple[str, str, int]]  # CURIE, label, count
    by_predicate: list[tuple[str, str, int]]  # CURIE, label, count
    components: int
    component_sizes: list[int]  # largest first
    isolated: int
    by_degree: list[Central]
    by_betweenness: list[Central]
    betweenness_exact: bool

    def to_json(self) -> str:
        def central(items: list[Central]) -> list[dict[str, object]]:
            return [item.__dict__ for item in items]

        data = {
            "nodes": self.nodes,
            "edges": self.edges,
            "by_kind": dict(self.by_kind),
            "by_type": [{"type": t, "label": label, "count": n} for t, label, n in self.by_type],
            "by_predicate": [
                {"predicate": p, "label": label, "count": n} for p, label, n in self.by_predicate
            ],
            "components": self.components,
            "component_sizes": self.component_sizes,
            "isolated": self.isolated,
            "top_degree": central(self.by_degree),
            "top_betweenness": central(self.by_betweenness),
            "betweenness_exact": self.betweenness_exact,
        }
        return json.dumps(data, ensure_ascii=False, indent=1)


def compute_stats(
    graph: nx.MultiDiGraph, *, type_labels: dict[str, tuple[str, str]], top: int = 10
) -> GraphStats:
    kinds = Counter(str(d.get("kind", "")) for _, d in graph.nodes(data=True))
    types = Counter(str(d.get("type", "")) for _, d in graph.nodes(data=True))
    predicates: Counter[str] = Counter()
    predicate_labels: dict[str, str] = {}
    for _, _, data in graph.edges(data=True):
        predicates[str(data["predicate"])] += 1
        predicate_labels.setdefault(str(data["predicate"]), str(data.get("label", "")))
    components = sorted((len(c) for c in nx.weakly_connected_components(graph)), reverse=True)
    simple = nx.Graph(graph.to_undirected(as_view=True))
    exact = simple.number_of_nodes() <= EXACT_BETWEENNESS_MAX
    betweenness = nx.betweenness_centrality(
        simple, k=None if exact else min(BETWEENNESS_SAMPLE, simple.number_of_nodes()), seed=0
    )
    degree = dict(graph.degree())

    def central(node: str) -> Central:
        data = graph.nodes[node]
        return Central(
            node=node,
            label=str(data.get("label", node)),
            type=str(data.get("type", "")),
            degree=int(degree[node]),
            betweenness=round(float(betweenness.get(node, 0.0)), 4),
        )

    # centrality is measured on the whole graph, but the lists name entities (not facts or concepts)
    candidates = [n for n, d in graph.nodes(data=True) if d.get("kind") == "entity"] or list(graph.nodes)
    by_degree = sorted(candidates, key=lambda n: (-degree[n], n))[:top]
    by_betweenness = sorted(candidates, key=lambda n: (-betweenness.get(n, 0.0), n))[:top]
    return GraphStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        by_kind=sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])),
        by_type=[
            (t, type_labels.get(t, ("", ""))[0], n)
            for t, n in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        by_predicate=[
            (p, predicate_labels[p], n) for p, n in sorted(predicates.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        components=len(components),
        component_sizes=components,
        isolated=sum(1 for size in components if size == 1),
        by_degree=[central(n) for n in by_degree],
        by_betweenness=[central(n) for n in by_betweenness],
        betweenness_exact=exact,
    )


def table(header: Sequence[str], rows: Sequence[Sequence[object]], *, right: Sequence[int] = ()) -> str:
    """A plain-text table; CJK characters count two columns. Columns in ``right`` are right-aligned."""
    cells = [[str(c).replace("\n", " ") for c in row] for row in rows]
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(header)]

    def line(row: Sequence[str]) -> str:
        out = []
        for i, (cell, w) in enumerate(zip(row, widths, strict=True)):
            pad = " " * (w - _width(cell))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    return "\n".join([line(list(header)), "  ".join("-" * w for w in widths), *(line(row) for row in cells)])


def format_stats(stats: GraphStats) -> str:
    sizes = ", ".join(str(s) for s in stats.component_sizes[:8])
    if len(stats.component_sizes) > 8:
        sizes += ", …"
    kinds = ", ".join(f"{n} {kind}" for kind, n in stats.by_kind)
    sections = [
        f"{stats.nodes} nodes ({kinds}), {stats.edges} edges",
        f"{stats.components} connected components (sizes {sizes}); {stats.isolated} isolated",
        "",
        "Nodes by type",
        table(["type", "类型", "count"], stats.by_type, right=(2,)),
        "",
        "Edges by predicate",
        table(["predicate", "标签", "count"], stats.by_predicate, right=(2,)),
        "",
        "Most connected entities (degree)",
        table(
            ["#", "label", "type", "degree"],
            [(i, c.label, c.type, c.degree) for i, c in enumerate(stats.by_degree, 1)],
            right=(0, 3),
        ),
        "",
        "Most central entities (betweenness centrality"
        + ("" if stats.betweenness_exact else f", estimated from {BETWEENNESS_SAMPLE} sources")
        + ")",
        table(
            ["#", "label", "type", "betweenness"],
            [(i, c.label, c.type, f"{c.betweenness:.4f}") for i, c in enumerate(stats.by_betweenness, 1)],
            right=(0, 3),
        ),
    ]
    return "\n".join(sections)
