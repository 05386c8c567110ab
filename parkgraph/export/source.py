"""A *graph source*: the built corpus, one named graph at a time, for the streaming writers.

A :data:`GraphSource` is a zero-argument callable; each call starts one pass and returns a fresh
iterator of ``(graph_name, kind, ntriples)``, in this order:

1. the ontology's graph (kind ``"ontology"``),
2. each article's named graph (kind ``"article"``), in article id order,
3. the shared graph (kind ``"shared"``: resolved entities and concepts, their types, labels and
   relations),
4. the VoID description (kind ``"void"``).

``graph_name`` is the graph's IRI; ``ntriples`` its triples as canonical N-Triples (sorted lines). No
triple is in two graphs. Why a callable rather than an iterable: some writers need two passes (the
networkx export reads the shared graph, which comes last, before the articles), and a pass over
per-article files is cheap to start again while holding every graph to replay it is not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

GraphSource = Callable[[], Iterator[tuple[str, str, bytes]]]

#: The kinds of graph a source yields, in the order it yields them.
KINDS = ("ontology", "article", "shared", "void")


def graph_kind(name: str, *, base: str) -> str:
    """The kind of the graph named ``name`` in a project whose IRIs start with ``base``.

    >>> [graph_kind(n, base="https://x.org/") for n in
    ...  ("https://x.org/graph/shared", "https://x.org/graph/void", "https://x.org/graph/a1",
    ...   "https://w3id.org/parkgraph/ontology")]
    ['shared', 'void', 'article', 'ontology']
    """
    prefix = f"{base}graph/"
    if not name.startswith(prefix):
        return "ontology"
    rest = name[len(prefix) :]
    return rest if rest in ("shared", "void") else "article"


def source_from_nquads(path: Path, *, base: str | None = None) -> GraphSource:
    """The graph source of a built ``graph/parkgraph.nq`` (sorted N-Quads, every triple in a named graph).

    Each pass reads the whole file and groups its lines by graph, so this is for tests and small
    corpora; a corpus build's per-article files make a source that holds one graph at a time. ``base``
    (default: :data:`parkgraph.namespaces.DEFAULT_BASE`) tells the shared and VoID graphs' names.
    """
    if base is None:
        from ..namespaces import DEFAULT_BASE

        base = DEFAULT_BASE
    resolved_base = base

    def passes() -> Iterator[tuple[str, str, bytes]]:
        graphs: dict[str, list[bytes]] = defaultdict(list)
        with open(path, "rb") as stream:
            for line in stream:
                if not line.strip():
                    continue
                # a quad line ends with " <graph> .\n"; the graph IRI holds no space
                triple, name, _ = line.rstrip(b"\n").rsplit(b" ", 2)
                graphs[name[1:-1].decode("utf-8")].append(triple + b" .\n")
        rank = {kind: i for i, kind in enumerate(KINDS)}
        order = sorted(graphs, key=lambda n: (rank[graph_kind(n, base=resolved_base)], n))
        for name in order:
            lines = graphs.pop(name)
            lines.sort()
            yield name, graph_kind(name, base=resolved_base), b"".join(lines)

    return passes
