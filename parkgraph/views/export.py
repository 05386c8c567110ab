"""Deterministic GraphML, GEXF and node-link JSON bytes of a networkx graph from :mod:`.model`.

Same graph, same bytes, whatever ``PYTHONHASHSEED`` or networkx version: the model inserts nodes, edges
and attributes in sorted order, and GraphML and GEXF are written here rather than by networkx, whose
writers stamp the date and their version, order keys by first use and import numpy (a third of a
second) to look for numpy types. networkx reads all three back (:func:`read_graph`; the tests do).

Edges carry a stable ``id`` (a hash of subject, predicate and object): GraphML and GEXF use it as the
edge id (Gephi drops edges with duplicate ids), so read back with networkx, an edge's key is that id and
its predicate is the ``predicate`` attribute; node-link JSON keeps the predicate as the key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from .model import CATEGORY_BY_KEY

if TYPE_CHECKING:
    import networkx as nx

#: Characters XML 1.0 cannot hold at all (they are dropped).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def _attr(value: object) -> str:
    """A quoted XML attribute value (newlines kept as ``&#10;``)."""
    return quoteattr(_text(value))


def _keys(records: Iterable[dict[str, object]], skip: frozenset[str] = frozenset()) -> dict[str, type]:
    """Attribute name → Python type, sorted by name (the model gives each key one type)."""
    found: dict[str, type] = {}
    for data in records:
        for key, value in data.items():
            if key not in skip:
                found.setdefault(key, type(value))
    return dict(sorted(found.items()))


GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GraphML: one ``<key>`` per attribute (declared once, sorted), nodes and edges in graph order."""
    node_keys = _keys(data for _, data in graph.nodes(data=True))
    edge_keys = _keys((data for _, _, data in graph.edges(data=True)), skip=frozenset({"id"}))
    graph_keys = _keys([graph.graph])
    ids: dict[tuple[str, str], str] = {}
    out = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for scope, keys in (("graph", graph_keys), ("node", node_keys), ("edge", edge_keys)):
        for name, kind in keys.items():
            ids[(scope, name)] = key_id = f"d{len(ids)}"
            out.append(
                f'  <key id="{key_id}" for="{scope}" attr.name={_attr(name)} '
                f'attr.type="{GRAPHML_TYPES.get(kind, "string")}" />'
            )
    out.append(f'  <graph edgedefault="{"directed" if graph.is_directed() else "undirected"}">')
    for name, value in sorted(graph.graph.items()):
        out.append(f'    <data key="{ids[("graph", name)]}">{escape(_text(value))}</data>')

    def data_lines(scope: str, data: dict[str, object], indent: str) -> list[str]:
        return [
            f'{indent}<data key="{ids[(scope, name)]}">{escape(_text(value))}</data>'
            for name, value in data.items()
            if (scope, name) in ids
        ]

    for node, data in graph.nodes(data=True):
        out.append(f"    <node id={_attr(node)}>")
        out += data_lines("node", data, "      ")
        out.append("    </node>")
    for u, v, data in graph.edges(data=True):
        out.append(f"    <edge id={_attr(data['id'])} source={_attr(u)} target={_attr(v)}>")
        out += data_lines("edge", data, "      ")
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 with each node's category colour (``viz:color``), so Gephi opens it coloured."""
    node_keys = _keys((data for _, data in graph.nodes(data=True)), skip=frozenset({"label"}))
    edge_keys = _keys((data for _, _, data in graph.edges(data=True)), skip=frozenset({"id", "label"}))
    out = [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
        'version="1.2">',
        "  <meta>",
        "    <creator>parkgraph</creator>",
        f"    <description>{escape(_text(graph.graph.get('base', '')))}</description>",
        "  </meta>",
        f'  <graph defaultedgetype="{"directed" if graph.is_directed() else "undirected"}" mode="static" '
        f"name={_attr(graph.graph.get('name', ''))}>",
    ]
    ids: dict[tuple[str, str], str] = {}
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        out.append(f'    <attributes class="{scope}" mode="static">')
        for name, kind in keys.items():
            ids[(scope, name)] = key_id = str(len(ids))
            out.append(
                f'      <attribute id="{key_id}" title={_attr(name)} '
                f'type="{GEXF_TYPES.get(kind, "string")}" />'
            )
        out.append("    </attributes>")

    def attvalues(scope: str, data: dict[str, object], indent: str) -> list[str]:
        values = [
            f'{indent}  <attvalue for="{ids[(scope, name)]}" value={_attr(value)} />'
            for name, value in data.items()
            if (scope, name) in ids
        ]
        return [f"{indent}<attvalues>", *values, f"{indent}</attvalues>"] if values else []

    out.append("    <nodes>")
    for node, data in graph.nodes(data=True):
        out.append(f"      <node id={_attr(node)} label={_attr(data.get('label', node))}>")
        out += attvalues("node", data, "        ")
        category = CATEGORY_BY_KEY.get(str(data.get("category")))
        if category is not None:
            r, g, b = (int(category.color[i : i + 2], 16) for i in (1, 3, 5))
            out.append(f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0" />')
        out.append("      </node>")
    out += ["    </nodes>", "    <edges>"]
    for u, v, data in graph.edges(data=True):
        label = f" label={_attr(data['label'])}" if "label" in data else ""
        out.append(f"      <edge id={_attr(data['id'])} source={_attr(u)} target={_attr(v)}{label}>")
        out += attvalues("edge", data, "        ")
        out.append("      </edge>")
    out += ["    </edges>", "  </graph>", "</gexf>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def node_link_bytes(graph: nx.MultiDiGraph) -> bytes:
    """networkx node-link JSON (``nx.node_link_graph(data, edges="edges")`` reads it back)."""
    import networkx as nx

    data = nx.node_link_data(graph, edges="edges")
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


#: ``--format`` name → (file suffix after ``parkgraph.``, writer)
FORMATS: dict[str, tuple[str, Callable[[nx.MultiDiGraph], bytes]]] = {
    "graphml": ("graphml", graphml_bytes),
    "gexf": ("gexf", gexf_bytes),
    "json": ("nodelink.json", node_link_bytes),
}


def read_graph(path: str, fmt: str) -> nx.MultiDiGraph:
    """Read a file written by :data:`FORMATS` back into a ``MultiDiGraph`` (tests and analysts)."""
    import networkx as nx

    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "json":
        with open(path, encoding="utf-8") as stream:
            return nx.node_link_graph(json.load(stream), edges="edges")
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
