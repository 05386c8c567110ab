"""JSON-LD of the union of the article graphs and the shared graph, streamed graph by graph.

The build's ``graph/parkgraph.jsonld`` (:func:`parkgraph.output.jsonld`) serialises the whole union
from one rdflib Graph; here each graph is serialised on its own with the same ``@context`` and its
node objects are written into one top-level ``@graph`` array, so memory is bounded by the largest
graph (the shared graph, or the largest article), never the corpus.

The result is the same RDF graph as the build's file, not the same bytes: a node described in two
graphs (an entity's name and type in the shared graph, ``pg:evidence`` of it in each article) is one
node object there and one per graph here. JSON-LD merges node objects with the same ``@id`` when it
expands a document (JSON-LD 1.1, node map generation), so both read back as the same triples. The
ontology and the VoID description are left out, as in the build's file. Same source, same bytes: each
graph's node objects are sorted as :func:`parkgraph.output.jsonld` sorts them.
"""

from __future__ import annotations

import json
from typing import BinaryIO

from rdflib import Graph

from ..output import jsonld, jsonld_context
from .source import GraphSource

#: The kinds of graph whose triples the JSON-LD holds (the build's ``parkgraph.jsonld``).
UNION_KINDS = frozenset({"article", "shared"})


def write(source: GraphSource, stream: BinaryIO, *, ontology: Graph, base: str) -> None:
    """Write the JSON-LD of the article and shared graphs of ``source`` to ``stream``.

    ``ontology`` is not written (the build's file holds none of it); it is taken for the same
    signature as the other writers.
    """
    extra = {"pgid": f"{base}id/"}
    context = json.dumps(jsonld_context(extra), ensure_ascii=False, indent=1, sort_keys=True)
    stream.write(b'{\n "@context": ' + _indent(context).encode("utf-8") + b',\n "@graph": [')
    first = True
    for _, kind, data in source():
        if kind not in UNION_KINDS or not data.strip():
            continue
        for node in _nodes(data, extra):
            text = json.dumps(node, ensure_ascii=False, indent=1, sort_keys=True)
            stream.write((b"\n  " if first else b",\n  ") + _indent(text, "  ").encode("utf-8"))
            first = False
    stream.write(b"\n ]\n}\n")


def _nodes(ntriples: bytes, extra: dict[str, str]) -> list[object]:
    """The top-level node objects of one graph's JSON-LD, as the build's serialiser makes them."""
    graph = Graph(bind_namespaces="none")
    graph.parse(data=ntriples, format="nt")
    document = json.loads(jsonld(graph, extra_prefixes=extra))
    document.pop("@context", None)
    if "@graph" in document:  # rdflib writes a lone node object without a @graph array
        return list(document["@graph"])
    return [document] if document else []


def _indent(text: str, prefix: str = " ") -> str:
    """``text`` with every line after the first indented by ``prefix`` (nesting a dumped value)."""
    return text.replace("\n", "\n" + prefix)
