"""A *graph source*: the built corpus, one named graph at a time, for the streaming writers.

A :data:`GraphSource` is a zero-argument callable; each call starts one pass and returns a fresh
iterator of ``(graph_name, kind, ntriples)``, in this order:

1. the ontology's graph (kind ``"ontology"``),
2. each article's named graph (kind ``"article"``), in article id order,
3. the shared graph (kind ``"shared"``: resolved entities and concepts, their types, labels and
   relations),
4. the VoID description (kind ``"void"``).

``graph_name`` is the graph's IRI; ``ntriples`` its triples as canonical N-Triples (sorted lines). No
triple is in two graphs. A graph may come in several consecutive chunks of whole lines (the shared
graph grows with the corpus): every writer here accepts that.

Why a callable rather than an iterable: some writers need two passes (the networkx export reads the
shared graph, which comes last, before the articles), and a pass over per-article files is cheap to
start again while holding every graph to replay it is not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
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


class SharedIndex:
    """The shared graph's N-Triples lines by subject and by IRI object, to pick an article's part.

    >>> index = SharedIndex(
    ...     b'<urn:a> <urn:p> <urn:b> .\\n<urn:b> <urn:q> "x" .\\n<urn:c> <urn:p> <urn:d> .\\n'
    ... )
    >>> index.about({b"<urn:b>"})
    b'<urn:a> <urn:p> <urn:b> .\\n<urn:b> <urn:q> "x" .\\n'
    """

    def __init__(self, ntriples: bytes) -> None:
        self.lines = [line for line in ntriples.split(b"\n") if line.strip()]
        self.lines.sort()
        self.by_node: dict[bytes, list[int]] = defaultdict(list)
        self.by_subject: dict[bytes, list[int]] = defaultdict(list)
        for number, line in enumerate(self.lines):
            subject, obj = _ends(line)
            self.by_subject[subject].append(number)
            self.by_node[subject].append(number)
            if obj is not None and obj != subject:
                self.by_node[obj].append(number)

    def about(self, nodes: Iterable[bytes]) -> bytes:
        """Canonical N-Triples of the shared triples whose subject or object is one of ``nodes``."""
        return self.text(self.numbers_about(nodes))

    def numbers_about(self, nodes: Iterable[bytes]) -> set[int]:
        """The line numbers of :meth:`about`'s triples."""
        return {n for node in nodes for n in self.by_node.get(node, ())}

    def text(self, numbers: Iterable[int]) -> bytes:
        """Canonical N-Triples of the lines numbered ``numbers``."""
        return self._lines(numbers)

    def described(self, nodes: Iterable[bytes]) -> bytes:
        """Canonical N-Triples of the shared triples whose subject is one of ``nodes``."""
        return self._lines(n for node in nodes for n in self.by_subject.get(node, ()))

    def subjects(self) -> set[bytes]:
        """The subjects of the shared graph's triples."""
        return set(self.by_subject)

    def _lines(self, numbers: Iterable[int]) -> bytes:
        return b"".join(self.lines[n] + b"\n" for n in sorted(set(numbers)))


def _ends(line: bytes) -> tuple[bytes, bytes | None]:
    """The subject and, when it is an IRI, the object of one N-Triples line (no blank nodes)."""
    subject, rest = line.split(b" ", 1)
    _, obj = rest.split(b" ", 1)
    obj = obj.rstrip()
    if obj.endswith(b" ."):
        obj = obj[:-2]
    return subject, (obj if obj.startswith(b"<") else None)


def mentioned(ntriples: bytes) -> set[bytes]:
    """The IRIs (``<…>``) that are the subject or object of a triple of ``ntriples``."""
    found: set[bytes] = set()
    for line in ntriples.split(b"\n"):
        if line.strip():
            subject, obj = _ends(line)
            found.add(subject)
            if obj is not None:
                found.add(obj)
    return found
