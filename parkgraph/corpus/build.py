"""The corpus build, end to end: every article's output, in id order, resolved and streamed into the graph
files and the store. Each step is another module's; this one only puts them in order:

    articles (:mod:`.workers`) → entities resolved (:mod:`.resolution`) → lines split between the
    article's graph and the shared one (:mod:`.shared`) → graph files (:mod:`.graphfiles`) and the store
    (:mod:`.store_update`), or the last build's blocks copied (:mod:`.reuse`)

Nothing is replaced unless every article builds and validates: the graph files are written to temporary
files that the caller moves into place at the end, and the store is either built beside the old one and
swapped in, or (when only a few articles changed) updated after everything else succeeded. An uncurated
capture that cannot be built is *set aside* instead (:mod:`parkgraph.setaside`): it is left out as if it
were not in the corpus, so a graph it had in the last build leaves the files and the store like a
withdrawn one's.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..articles import ArticleOutput, ArticleSource, PipelineSpec
from ..errors import ParkgraphError, ValidationError
from ..setaside import SetAside, check_built_any
from ..void import VOID_GRAPH_ID, VOID_PREFIXES, void_ntriples
from .counts import CorpusCounts, article_record
from .graphfiles import GraphFileWriter, StagedFiles, nquads, turtle_document
from .resolution import Resolver, rewrite
from .reuse import BlockReuse
from .shared import SHARED_GRAPH_ID, SharedLines
from .store_update import MANIFEST, STORE_LAYOUT, StoreUpdate
from .workers import build_articles

#: Above this many triples the corpus is not loaded into rdflib (JSON-LD, closure, views are skipped).
IN_MEMORY_LIMIT = 300_000
_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"
_LICENSE = b"<http://purl.org/dc/terms/license>"
#: Article ids the build's own graphs take (``{base}graph/{id}``).
RESERVED_IDS = (SHARED_GRAPH_ID, VOID_GRAPH_ID)


@dataclass
class CorpusResult:
    articles: tuple[str, ...]
    triples: int
    entities: dict[str, set[str]]  # resolved entity IRI → its asserted types (union over articles)
    concepts: int
    facts: int
    statements: int
    evidence: int
    merged: int  # entities rewritten to an earlier article's node
    rebuilt: int  # articles built (not read from the cache)
    union_ntriples: bytes | None  # the union as N-Triples, only below IN_MEMORY_LIMIT
    files: list[Path] = field(default_factory=list)
    staged: StagedFiles | None = None
    store: StoreUpdate | None = None
    spool: SharedLines | None = None  # the shared graph's lines: the store loads them at commit
    unchanged: bool = False  # every graph as the last build left it: nothing was (or needs to be) written
    warnings: tuple[str, ...] = ()  # the extractor's, article by article
    article_warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the same, by article id
    set_aside: tuple[SetAside, ...] = ()  # captures left out (not in ``articles``), in id order


@dataclass
class Tally:
    """What the build summary counts, article by article (in id order)."""

    entities: dict[str, set[str]] = field(default_factory=dict)
    concepts: set[str] = field(default_factory=set)
    totals: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(("facts", "statements", "evidence", "merged", "rebuilt"), 0)
    )
    warnings: list[str] = field(default_factory=list)
    article_warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    set_aside: list[SetAside] = field(default_factory=list)
    failures: list[ArticleOutput] = field(default_factory=list)

    def count(self, output: ArticleOutput, mapping: dict[str, str], entity_prefix: str) -> None:
        """An article that validated, its entities resolved by ``mapping``."""
        self.totals["merged"] += len(mapping)
        for node in output.nodes:
            iri = mapping.get(node.iri, node.iri)
            if iri.startswith(entity_prefix):
                self.entities.setdefault(iri, set()).update(node.types)
            elif _CONCEPT in node.types:
                self.concepts.add(iri)
        for name in ("facts", "statements", "evidence"):
            self.totals[name] += getattr(output, name)

    def result(self, sources: list[ArticleSource], **outcome: Any) -> CorpusResult:
        left_out = {entry.article_id for entry in self.set_aside}
        return CorpusResult(
            articles=tuple(s.article_id for s in sources if s.article_id not in left_out),
            entities=self.entities,
            concepts=len(self.concepts),
            warnings=tuple(self.warnings),
            article_warnings=self.article_warnings,
            set_aside=tuple(self.set_aside),
            **self.totals,  # type: ignore[arg-type]
            **outcome,
        )


#: An article ready to write: its output, its entities' mapping, its graph's digest.
Work = tuple[ArticleOutput, dict[str, str], str]
#: Called with each article that validated, in id order, as the build takes it: its output, its entities'
#: mapping (:meth:`Resolver.resolve`) and the digest of both (what its graph is made from). The build
#: hands it the article pages' maker (:mod:`parkgraph.views.article_pages`), which makes a page only for
#: an article whose digest changed, while the corpus streams.
ArticleHook = Callable[[ArticleOutput, dict[str, str], str], None]


class CorpusBuild:
    """One corpus build's state: the resolver, the shared lines, the writers, the tally."""

    def __init__(
        self,
        sources: list[ArticleSource],
        spec: PipelineSpec,
        *,
        ontology_nt: bytes,
        ontology_name: str,
        out_paths: dict[str, Path] | None,
        store_folder: Path | None,
        prefixes: dict[str, str],
        void_path: Path | None = None,
        on_article: ArticleHook | None = None,
    ) -> None:
        self.sources = sources
        self.on_article = on_article
        self.spec = spec
        self.ontology_nt = ontology_nt
        self.ontology_name = ontology_name
        self.out_paths = out_paths
        self.entity_prefix = f"{spec.base}id/"
        self.shared_name = f"{spec.base}graph/{SHARED_GRAPH_ID}"
        self.void_name = f"{spec.base}graph/{VOID_GRAPH_ID}"
        self.void_path = void_path if out_paths else None
        for source in sources:
            if source.article_id in RESERVED_IDS:
                what = "shared graph" if source.article_id == SHARED_GRAPH_ID else "VoID description's graph"
                raise ParkgraphError(
                    f"{source.capture}: the article id {source.article_id!r} is reserved for the {what} "
                    f"<{spec.base}graph/{source.article_id}>; rename the capture and its annotations"
                )
        self.resolver = Resolver(entity_prefix=self.entity_prefix)
        self.staged = StagedFiles() if out_paths else None
        self.store = _open_store(store_folder, spec.base, ontology_nt, prefixes)
        self.spool = _spool(out_paths, store_folder)
        self.shared = SharedLines(spec.base, self.spool)
        self.writer: GraphFileWriter | None = None
        self.prefixes = prefixes
        self.reuse: BlockReuse[Work] = BlockReuse(self.store, None)
        self.tally = Tally()
        self.counts = CorpusCounts(spec.base)
        self.union_parts: list[bytes] | None = []  # the union, while small enough for rdflib

    def graph_of(self, article_id: str) -> str:
        """The article's graph name, as :func:`parkgraph.formats.article_graph_name` mints it (without its
        id check: a capture's odd name is reported, with its file, when its annotations are read)."""
        return f"{self.spec.base}graph/{article_id}"

    def run(self, *, jobs: int, use_cache: bool, progress: bool, strict: bool) -> CorpusResult:
        try:
            self.start()
            outputs = build_articles(
                self.sources, self.spec, jobs=jobs, use_cache=use_cache, progress=progress, strict=strict
            )
            for output in outputs:
                self.take(output)
            check_built_any(self.tally.set_aside, len(self.sources))
            if not self.tally.failures:
                unchanged, rest = self.reuse.finish(
                    lambda work: self.graph_of(work[0].article_id),
                    (self.ontology_name, self.shared_name, self.void_name),
                )
                if unchanged:
                    self.discard()
                    assert self.store is not None
                    return self.tally.result(
                        self.sources, triples=self.store.old_triples, union_ntriples=None, unchanged=True
                    )
                for work in rest:  # an article was withdrawn
                    self.stream(*work)
            self.raise_failures()
            self.finish()
        except BaseException:
            self.discard()
            raise
        return self.tally.result(
            self.sources,
            triples=self.shared.triples,
            union_ntriples=b"".join(self.union_parts) if self.union_parts is not None else None,
            staged=self.staged,
            store=self.store,
            spool=self.shared,
        )

    def start(self) -> None:
        """The ontology's graph first; then decide whether the last build's graphs can be reused."""
        if self.staged is not None and self.out_paths:
            self.writer = GraphFileWriter(self.staged, self.out_paths, self.prefixes)
        if self.store is not None:
            changed = sum(1 for s in self.sources if self.graph_of(s.article_id) not in self.store.old)
            self.store.decide(changed, len(self.sources))
            ontology_nq = nquads(self.ontology_nt, self.ontology_name)
            self.store.put(self.ontology_name, ontology_nq, hashlib.sha256(self.ontology_nt).hexdigest())
        if self.writer is not None:
            self.writer.graph(self.ontology_name, self.ontology_nt, union=False)
        stamped = {**(self.out_paths or {}), **({"void": self.void_path} if self.void_path else {})}
        self.reuse = BlockReuse.start(
            self.store, self.writer, self.out_paths, stamped=list(stamped.values()), limit=IN_MEMORY_LIMIT
        )
        if self.reuse.copying:
            self.union_parts = None  # read back from the union file, if it turns out small enough

    def take(self, output: ArticleOutput | SetAside) -> None:
        """One article's output, in id order: tallied, resolved, and written (or held)."""
        tally = self.tally
        if isinstance(output, SetAside):  # left out as if it were not in the corpus
            tally.set_aside.append(output)
            return
        tally.totals["rebuilt"] += not output.from_cache
        tally.warnings.extend(output.warnings)
        if output.warnings:
            tally.article_warnings[output.article_id] = output.warnings
        if output.report:
            tally.failures.append(output)
            return
        if tally.failures:
            return  # keep validating, to report every failing article; write nothing more
        mapping = self.resolver.resolve(output.nodes)
        tally.count(output, mapping, self.entity_prefix)
        digest = hashlib.sha256((output.key + json.dumps(sorted(mapping.items()))).encode()).hexdigest()
        if self.on_article is not None:
            self.on_article(output, mapping, digest)
        work = (dataclasses.replace(output, nodes=()), mapping, digest)  # nodes: done with
        for ready in self.reuse.admit(work, self.graph_of(output.article_id), digest):
            self.stream(*ready)

    def stream(self, output: ArticleOutput, mapping: dict[str, str], digest: str) -> None:
        """An article's graph into the store and the files: copied from the last build's files if it did
        not change (then only its lines for the shared graph are needed), else split and written."""
        graph_name = self.graph_of(output.article_id)
        store, writer = self.store, self.writer
        reused = self.reuse.copy(graph_name, digest)
        if reused is not None:
            assert store is not None
            self.shared.share_only(output.ntriples(), mapping, reused["triples"])
            self.counts.add(graph_name, output.article_id, reused["counts"])
            store.put(graph_name, b"", digest)  # the same digest: the store keeps the graph
            return
        split = self.shared.split(rewrite(output.ntriples(), mapping))
        own = split.own
        record = article_record(output.counts, split, own.count(b"\n"))
        self.counts.add(graph_name, output.article_id, record)
        nq = nquads(own, graph_name) if store is not None or writer is not None else b""
        if store is not None:
            store.put(graph_name, nq, digest)
        if writer is not None:
            blocks = writer.graph(graph_name, own, union=True, nq=nq)
            if store is not None:
                store.blocks[graph_name] = {"triples": record["triples"], "files": blocks, "counts": record}
        if self.union_parts is not None:
            self.union_parts += (own, split.new)
            if self.shared.triples > IN_MEMORY_LIMIT:
                self.union_parts = None

    def raise_failures(self) -> None:
        failures = self.tally.failures
        if failures:
            raise ValidationError(
                "\n\n".join(f"article {f.article_id}:\n{f.report}" for f in failures[:20])
                + (f"\n\n… and {len(failures) - 20} more articles" if len(failures) > 20 else "")
            )

    def finish(self) -> None:
        """The shared graph (copied, if unchanged) and then the VoID description, last: into the files
        and, at commit, the store."""
        self.shared.close()
        shared_digest = self.shared.content.hexdigest()
        writer, store = self.writer, self.store
        void_nt = self.void()
        if writer is not None:
            assert self.spool is not None
            if self.reuse.copy(self.shared_name, shared_digest) is None:
                blocks = writer.shared(self.shared_name, self.spool)
                if store is not None:
                    store.blocks[self.shared_name] = {"files": blocks}
            void_blocks = writer.described(self.void_name, void_nt, VOID_PREFIXES)
            if store is not None:
                store.blocks[self.void_name] = {"files": void_blocks}
            writer.close()
            if self.reuse.copying and self.shared.triples <= IN_MEMORY_LIMIT:  # small enough again
                assert self.staged is not None and self.out_paths is not None
                self.union_parts = [self.staged.temporary(self.out_paths["nt"]).read_bytes()]
        if self.void_path is not None:
            assert self.staged is not None
            prefixes = dict(sorted({**self.prefixes, **VOID_PREFIXES}.items()))
            with self.staged.open(self.void_path) as stream:
                stream.write(turtle_document(void_nt, prefixes))
        shared_diff = void_diff = None
        if store is not None and store.fresh_store is None:  # in place: the changes alone, if known
            old_shared = self.reuse.old_ntriples(self.shared_name)
            if old_shared is not None and store.old.get(self.shared_name) != shared_digest:
                shared_diff = self.shared.diff(old_shared)
            old_void = self.reuse.old_ntriples(self.void_name)
            if old_void is not None:
                before = set(old_void.splitlines(keepends=True))
                after = set(void_nt.splitlines(keepends=True))
                void_diff = b"".join(sorted(before - after)), b"".join(sorted(after - before))
        self.reuse.close()
        if store is not None:
            assert self.spool is not None
            store.put_shared(self.shared_name, self.spool, shared_digest, diff=shared_diff)
            void_digest = hashlib.sha256(void_nt).hexdigest()
            store.put(self.void_name, nquads(void_nt, self.void_name), void_digest, diff=void_diff)

    def void(self) -> bytes:
        """The VoID description of what this build holds (:mod:`parkgraph.void`), as N-Triples."""
        counts = self.counts.dataset(self.shared, self.shared_name, self.tally.entities)
        licence = re.search(
            rb"^<" + re.escape(self.ontology_name.encode()) + rb"> " + _LICENSE + rb" <([^>]*)> \.$",
            self.ontology_nt,
            re.M,
        )
        return void_ntriples(
            counts,
            base=self.spec.base,
            ontology=self.ontology_name,
            licence=licence.group(1).decode() if licence else None,
        )

    def discard(self) -> None:
        """Remove everything this build staged: the spool, the temporary files, a fresh store."""
        self.reuse.close()
        self.shared.discard()
        if self.writer is not None:
            self.writer.abandon()
        if self.staged is not None:
            self.staged.abort()
        if self.store is not None:
            self.store.abort()


def _open_store(
    folder: Path | None, base: str, ontology_nt: bytes, prefixes: dict[str, str]
) -> StoreUpdate | None:
    if folder is None:
        return None
    identity = hashlib.sha256(f"{STORE_LAYOUT}\n{base}\n".encode() + ontology_nt).hexdigest()
    store = StoreUpdate.open(folder, folder.parent / MANIFEST, identity)
    # Graphs are copied from the last build's files only if the modules that write them and the prefixes
    # are the same: the articles' cache keys cover the rest (pipeline code, versions).
    store.writer = _writer_identity(prefixes)
    return store


def _writer_identity(prefixes: dict[str, str]) -> str:
    """The digest of this package's code and the prefixes: what decides the files' bytes beyond the
    graphs' digests."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(json.dumps(prefixes).encode())
    return digest.hexdigest()


def _spool(out_paths: dict[str, Path] | None, store_folder: Path | None) -> Path | None:
    """A temporary file for the shared graph's lines, beside the outputs (None for a dry run)."""
    if not out_paths and store_folder is None:
        return None
    folder = next(iter(out_paths.values())).parent if out_paths else store_folder.parent  # type: ignore[union-attr]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".shared.", suffix=".nt", dir=folder)
    except OSError as error:
        from ..output import named

        raise named(error, folder) from None
    os.close(handle)
    return Path(name)


def build_corpus(
    sources: list[ArticleSource],
    spec: PipelineSpec,
    *,
    ontology_nt: bytes,
    ontology_name: str,
    out_paths: dict[str, Path] | None,
    store_folder: Path | None,
    prefixes: dict[str, str],
    void_path: Path | None = None,
    jobs: int = 0,
    progress: bool = False,
    strict: bool = False,
    on_article: ArticleHook | None = None,
) -> CorpusResult:
    """Build every article and stream the corpus into the graph files and the store.

    ``out_paths`` (suffix → path for ``nt``, ``nq``, ``ttl``, ``trig``) and ``store_folder`` are None for a
    dry run; ``void_path`` is where the VoID description goes in Turtle (``graph/void.ttl``). Files are
    staged, not committed: the caller commits ``result.staged`` and ``result.store`` once it has written
    everything else, or aborts them. An uncurated capture that cannot be built is set
    aside (``result.set_aside``), unless ``strict``, when it fails the build as any other error does.
    ``on_article`` is called with each article that validated, in id order (:data:`ArticleHook`).
    """
    corpus = CorpusBuild(
        sources,
        spec,
        ontology_nt=ontology_nt,
        ontology_name=ontology_name,
        out_paths=out_paths,
        store_folder=store_folder,
        prefixes=prefixes,
        void_path=void_path,
        on_article=on_article,
    )
    return corpus.run(
        jobs=jobs or os.cpu_count() or 1,
        use_cache=os.environ.get("PARKGRAPH_NO_CACHE") != "1",
        progress=progress,
        strict=strict,
    )
