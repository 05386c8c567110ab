"""The OWL 2 RL closure (``graph/parkgraph.inferred.ttl``), computed and cached article by article.

:func:`parkgraph.formats.closure` runs owlrl over the whole union: 27.7 s of a 32 s rebuild after a
one-character edit of a 3-article corpus, and growing with the corpus. Here each article is closed on
its own, with the part of the shared graph it touches and the ontology:

    entailments(A) = closure(A + shared triples whose subject or object A mentions + ontology)
                     - those asserted triples - the ontology's own entailments

kept as canonical N-Triples in ``cache/<sha256 of the inputs>.nt`` (written atomically), so an edit
recomputes the closure of the articles it changed and of none other. The ontology's own entailments are
computed once (cached the same way). The output is the asserted union (articles, shared graph,
ontology) plus every article's entailments plus the ontology's. What this does not entail that the
closure of the union does (a chain whose links are in two articles) is in docs/model.md, "The inferred
closure, article by article".

Memory: the shared graph's lines (indexed by subject and object) plus one article's closure; the
streamed :func:`write` never holds the union, :func:`inferred_bytes` does (it serialises one Turtle
document with rdflib, byte for byte as :func:`parkgraph.formats.inferred_turtle`, for small corpora).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rdflib import Graph

from ..formats import CACHE_DIR, _bound, cached, closure, inferred_turtle
from ..namespaces import PREFIXES
from ..ntriples import graph_ntriples
from ..output import ntriples, write_atomically
from .source import GraphSource, SharedIndex, mentioned

if TYPE_CHECKING:
    from ..project import BuiltGraph, Project


def default_prefixes(base: str) -> dict[str, str]:
    """The prefixes the build's ``parkgraph.inferred.ttl`` binds."""
    return {**PREFIXES, "pgid": f"{base}id/"}


def _parse(data: bytes) -> Graph:
    graph = Graph(bind_namespaces="none")
    if data.strip():
        graph.parse(data=data, format="nt")
    return graph


#: The name of a cache entry (:meth:`ClosureCache.prune` removes no other file).
_ENTRY = re.compile(r"[0-9a-f]{64}\.nt")


def _checked(entry: bytes) -> bytes | None:
    """The body of a cache entry whose first line (an N-Triples comment) is its body's sha256, else None.

    >>> body = b"<urn:a> <urn:p> <urn:b> .\\n"
    >>> _checked(b"# sha256 " + hashlib.sha256(body).hexdigest().encode() + b"\\n" + body) == body
    True
    >>> _checked(b"# sha256 00\\n" + body) is None
    True
    """
    head, _, body = entry.partition(b"\n")
    if head != b"# sha256 " + hashlib.sha256(body).hexdigest().encode():
        return None
    return body


@functools.cache
def _code() -> bytes:
    """What the cache key holds of the code: this module's, :mod:`parkgraph.formats`' and owlrl's version."""
    import owlrl

    from .. import formats

    digest = hashlib.sha256()
    for part in (
        Path(__file__).read_bytes(),
        Path(formats.__file__).read_bytes(),
        owlrl.__version__.encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.digest()


def _key(*parts: bytes) -> str:
    """sha256 of the inputs and of the code (:func:`_code`): a cache entry's name."""
    digest = hashlib.sha256(_code())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def entailments(asserted: bytes, ontology: Graph, *, minus: Graph | None = None) -> bytes:
    """Canonical N-Triples of the useful OWL 2 RL entailments of ``asserted`` + ``ontology`` that are
    neither asserted there nor in ``minus`` (the ontology's own entailments)."""
    data = _parse(asserted)
    closed = closure(data, ontology)
    closed -= data
    closed -= ontology
    if minus is not None:
        closed -= minus
    return graph_ntriples(closed) if len(closed) else b""


class ClosureCache:
    """Per-article entailments, in ``folder`` (``None``: computed every time, kept nowhere).

    ``computed`` counts the closures run (not found in the cache), so tests and callers can tell;
    ``used`` is the entries a pass read or wrote, and :meth:`prune` removes the others (an article's
    entry from before its last edit), so the folder holds one entry per article, not one per edit.
    """

    def __init__(self, folder: Path | None, ontology: Graph) -> None:
        self.folder = folder
        self.ontology = ontology
        self.ontology_nt = graph_ntriples(ontology)
        self.computed = 0
        self.used: set[str] = set()
        self._ontology_entailments: Graph | None = None

    def _cached(self, key: str, produce: Callable[[], bytes]) -> bytes:
        """``produce()``, or the entry ``key`` holds if its body still has the digest in its first line
        (an entry truncated or edited by hand is computed again and rewritten, never trusted)."""
        self.used.add(f"{key}.nt")
        path = self.folder / f"{key}.nt" if self.folder is not None else None
        if path is not None and path.exists():
            found = _checked(path.read_bytes())
            if found is not None:
                return found
        data = produce()
        self.computed += 1
        if path is not None:
            digest = hashlib.sha256(data).hexdigest().encode()
            write_atomically({path: lambda: b"# sha256 " + digest + b"\n" + data})
        return data

    def prune(self) -> None:
        """Remove the entries of this cache's folder that the pass did not use (only its own names:
        64 hex digits ``.nt``, so a folder shared with other caches keeps theirs)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.nt"):
            if _ENTRY.fullmatch(path.name) and path.name not in self.used:
                path.unlink(missing_ok=True)

    def ontology_entailments(self) -> Graph:
        """What the ontology entails on its own (in every article's closure: kept once)."""
        if self._ontology_entailments is None:
            key = _key(b"ontology", self.ontology_nt)
            data = self._cached(key, lambda: entailments(b"", self.ontology))
            self._ontology_entailments = _parse(data)
        return self._ontology_entailments

    def article(self, article: bytes, shared_part: bytes) -> bytes:
        """The entailments of one article (with its part of the shared graph) beyond the ontology's."""
        minus = self.ontology_entailments()
        key = _key(b"article", article, shared_part, self.ontology_nt)
        return self._cached(key, lambda: entailments(article + shared_part, self.ontology, minus=minus))


def _chunks(source: GraphSource, *, ontology: Graph, cache: Path | None) -> Iterator[Graph]:
    """The output, graph by graph: the ontology and its entailments, each article and its entailments,
    the shared graph and the entailments of its triples that no article's part held. A source may yield
    the shared graph in several chunks of lines (:func:`parkgraph.export.source_of` does)."""
    shared = b"".join(data for _, kind, data in source() if kind == "shared")
    index = SharedIndex(shared)
    store = ClosureCache(cache, ontology)
    first = Graph(bind_namespaces="none")
    first += ontology
    first += store.ontology_entailments()
    yield first
    closed: set[int] = set()  # the shared lines closed with some article
    left = False  # whether the leftover shared lines were closed
    for _, kind, data in source():
        if kind == "article":
            numbers = index.numbers_about(mentioned(data))
            closed |= numbers
            yield _parse(data + store.article(data, index.text(numbers)))
        elif kind == "shared":
            # the shared triples no article's part held (a concept scheme no article names) are closed
            # on their own, so none is left out; once, with the first of the shared graph's chunks
            rest = index.text(set(range(len(index.lines))) - closed) if not left else b""
            left = True
            yield _parse(data + (store.article(b"", rest) if rest else b""))
    store.prune()


def write(
    source: GraphSource,
    stream: BinaryIO,
    *,
    ontology: Graph,
    base: str,
    prefixes: Mapping[str, str] | None = None,
    cache: Path | None = None,
) -> None:
    """Write the inferred Turtle of ``source`` to ``stream``, one Turtle block per graph.

    Each block is rdflib's Turtle of that graph (with its ``@prefix`` lines: Turtle allows a prefix to
    be declared again), so memory holds one article's graph, never the union. A subject described in
    several graphs gets a block in each; read back, the document is the same graph as
    :func:`inferred_bytes`' (a test checks it is isomorphic), not the same bytes.
    """
    bound = dict(prefixes) if prefixes is not None else default_prefixes(base)
    for chunk in _chunks(source, ontology=ontology, cache=cache):
        stream.write(_bound(chunk, bound).serialize(format="turtle", encoding="utf-8"))


def inferred_bytes(
    source: GraphSource,
    *,
    ontology: Graph,
    base: str,
    prefixes: Mapping[str, str] | None = None,
    cache: Path | None = None,
) -> bytes:
    """The inferred Turtle as one document, serialised as :func:`parkgraph.formats.inferred_turtle` does
    (holds the union in rdflib: for the build's small corpora)."""
    bound = dict(prefixes) if prefixes is not None else default_prefixes(base)
    union = Graph(bind_namespaces="none")
    for chunk in _chunks(source, ontology=ontology, cache=cache):
        union += chunk
    return _bound(union, bound).serialize(format="turtle", encoding="utf-8")


def inferred_file(
    built: BuiltGraph, project: Project, graphs: Sequence[tuple[str, str, bytes]] = ()
) -> bytes:
    """``graph/parkgraph.inferred.ttl``: the data and ontology closed under OWL 2 RL, cached by content.

    Given the union's ``graphs`` (name, kind, N-Triples) of more than one article, the closure is
    computed article by article, each article's cached by its own content: an edit to one article closes
    that article again, not the corpus (a one-edit rebuild of 3 synthetic articles: 11.6 s → 4.8 s,
    one run; 27.7 s of a 32 s rebuild had gone to closing the union). A cold build pays for it: 11.7 s →
    20.1 s for the same 3 articles, every article's closure repeating owlrl's fixed work. Otherwise the
    union is closed at once."""
    prefixes = {**PREFIXES, "pgid": f"{built.base}id/"}
    # one article: its closure is the union's, and closing the ontology apart first would cost an extra
    # owlrl pass (6.5 s → 9.3 s for the first article's cold build)
    if sum(kind == "article" for _, kind, _ in graphs) > 1:

        def produce() -> bytes:
            return inferred_bytes(
                lambda: iter(graphs),
                ontology=built.ontology,
                base=built.base,
                prefixes=prefixes,
                cache=project.root / CACHE_DIR / "closure",
            )

    else:

        def produce() -> bytes:
            return inferred_turtle(built.graph, built.ontology, prefixes=prefixes)

    return cached(
        project.root / CACHE_DIR,
        "inferred",
        [ntriples(built.graph), ntriples(built.ontology), repr(sorted(prefixes.items())).encode()],
        produce,
    )
