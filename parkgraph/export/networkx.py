"""GraphML and GEXF of the entity-level networkx model, built article by article.

The build makes ``graph/parkgraph.graphml``/``.gexf`` with :func:`parkgraph.views.model.build_model`
over the whole union in rdflib. Here the model is made per article and merged, so rdflib never holds
more than one article's graph with its neighbourhood in the shared graph:

* one pass reads the shared graph (it comes after the articles in a source) into a
  :class:`~parkgraph.export.source.SharedIndex` of its lines;
* for each article A, ``mentioned(A)`` are the IRIs of its graph, ``near(A)`` those plus the IRIs of
  the shared triples about them, and the model of A is built from A's graph plus every shared triple
  whose subject is in ``near(A)``. A node of that model is *complete* in it when it is in ``near(A)`` or
  is the subject of no shared triple: its types, labels and literals are then all there, so its
  attributes and outgoing edges are the union model's. An edge is taken from a model where its subject
  is complete;
* evidence is the one thing of a node or edge that several articles add to (an entity's
  ``pg:evidence`` in each article that names it, a reified relation's statements): the spans of all
  models are united and the evidence attributes recomputed from them, sorted as the build sorts them;
* the merged graph is laid out as the build lays it out (nodes sorted by IRI, edges by subject,
  predicate CURIE and object, edge ids hashed in that order, one type per attribute key), so
  :func:`parkgraph.views.export.graphml_bytes` and ``gexf_bytes`` write the build's bytes.

Where the bytes could still differ from the build's (none happens in the tests' corpora): an attribute
key whose values are ints and floats in one article and strings in another is ``str(float(v))`` here but
``str(v)`` in the build (each article's model already made its ints floats); a node complete in no
article's model (an entity no article mentions) gets the attributes of the first model that has it;
and a node that one article makes evidence, an article or a folded node while another links to it would
be an ``other`` node here. Each needs input the build never makes.

Memory grows with the nodes and edges of the entity graph (the merged networkx graph and the shared
graph's lines, which are the entity graph's types, labels and relations), never with all triples: no
article's facts, evidence or text outlive its own model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from rdflib import Graph

from ..views.export import gexf_bytes, graphml_bytes
from ..views.model import EvidenceSpan, _evidence_attributes, _span_order, _unify_attribute_types, build_model
from .source import GraphSource, SharedIndex, mentioned

if TYPE_CHECKING:
    import networkx as nx

    from ..views.model import GraphModel

#: The attributes :func:`parkgraph.views.model._evidence_attributes` sets (recomputed on merging).
EVIDENCE_KEYS = frozenset({"evidence", "evidence_sentence", "evidence_span", "articles"})


def _parse(data: bytes) -> Graph:
    graph = Graph(bind_namespaces="none")
    if data.strip():
        graph.parse(data=data, format="nt")
    return graph


def article_models(
    source: GraphSource, *, ontology: Graph, base: str
) -> Iterator[tuple[GraphModel, set[str]]]:
    """Each article's model and the nodes complete in it (see the module docstring), article by article."""
    shared = b"".join(data for _, kind, data in source() if kind == "shared")
    index = SharedIndex(shared)
    described = {s[1:-1].decode("utf-8") for s in index.subjects()}
    for _, kind, data in source():
        if kind != "article":
            continue
        mentions = mentioned(data)
        near = mentions | mentioned(index.about(mentions))
        graph = _parse(data + index.described(near))
        model = build_model(graph, ontology=ontology, base=base)
        near_names = {n[1:-1].decode("utf-8") for n in near}
        complete = {node for node in model.graph.nodes if node in near_names or node not in described}
        yield model, complete


class _Merged:
    """The union model, accumulated one article model at a time."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, object]] = {}
        self.partial: dict[str, dict[str, object]] = {}  # from models where the node is not complete
        self.node_spans: dict[str, set[EvidenceSpan]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, object]] = {}
        self.edge_spans: dict[tuple[str, str, str], set[EvidenceSpan]] = {}
        self.graph_attrs: dict[str, object] = {}

    def add(self, model: GraphModel, complete: set[str]) -> None:
        g = model.graph
        self.graph_attrs = dict(g.graph)
        for node, data in g.nodes(data=True):
            own = {k: v for k, v in data.items() if k not in EVIDENCE_KEYS}
            if node in complete:
                self.nodes.setdefault(node, own)
            else:
                self.partial.setdefault(node, own)
            self.node_spans.setdefault(node, set()).update(model.evidence.get(node, ()))
        for u, v, key, data in g.edges(keys=True, data=True):
            if u in complete:
                own = {k: val for k, val in data.items() if k not in EVIDENCE_KEYS}
                self.edges.setdefault((u, key, v), own)
        for (u, v, key), spans in model.edge_evidence.items():
            self.edge_spans.setdefault((u, key, v), set()).update(spans)

    def graph(self) -> nx.MultiDiGraph:
        import networkx as nx

        merged = nx.MultiDiGraph(**self.graph_attrs) if self.graph_attrs else nx.MultiDiGraph()
        endpoints = {u for u, _, _ in self.edges} | {v for _, _, v in self.edges}
        for node in sorted(set(self.nodes) | endpoints):
            own = self.nodes.get(node)
            if own is None:  # complete in no article's model: the first article's view of it
                own = self.partial.get(node, {})
            spans = sorted(self.node_spans.get(node, ()), key=_span_order)
            merged.add_node(node, **dict(sorted({**own, **_evidence_attributes(spans)}.items())))
        used: set[str] = set()
        for u, key, v in sorted(self.edges):
            data = dict(self.edges[(u, key, v)])
            edge_id = str(data["id"]).rstrip("x")  # the per-article model's suffix for a collision
            while edge_id in used:
                edge_id += "x"
            used.add(edge_id)
            data["id"] = edge_id
            spans = sorted(self.edge_spans.get((u, key, v), ()), key=_span_order)
            merged.add_edge(u, v, key=key, **dict(sorted({**data, **_evidence_attributes(spans)}.items())))
        _unify_attribute_types(merged)
        return merged


def merged_graph(source: GraphSource, *, ontology: Graph, base: str) -> nx.MultiDiGraph:
    """The entity-level ``MultiDiGraph`` of ``source``'s union, merged from per-article models."""
    merged = _Merged()
    for model, complete in article_models(source, ontology=ontology, base=base):
        merged.add(model, complete)
    return merged.graph()


def write_graphml(source: GraphSource, stream: BinaryIO, *, ontology: Graph, base: str) -> None:
    """The build's ``graph/parkgraph.graphml`` of ``source``, written to ``stream``."""
    stream.write(graphml_bytes(merged_graph(source, ontology=ontology, base=base)))


def write_gexf(source: GraphSource, stream: BinaryIO, *, ontology: Graph, base: str) -> None:
    """The build's ``graph/parkgraph.gexf`` of ``source``, written to ``stream``."""
    stream.write(gexf_bytes(merged_graph(source, ontology=ontology, base=base)))
