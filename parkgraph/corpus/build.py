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
import itertools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..articles import ArticleOutput, ArticleSource, PipelineSpec
from ..errors import ParkgraphError, ValidationError
from ..setaside import SetAside, check_built_any
from ..void import VOID_GRAPH_ID, VOID_PREFIXES, void_ntriples
from .counts import CorpusCounts, article_record
from .dataset import DATASET_FOLDER, ONTOLOGY, SHARED, VOID, DatasetLayout, strip_graph, verified
from .graphfiles import GraphFileWriter, StagedFiles, nquads, turtle_document
from .resolution import Resolver, rewrite
from .shared import SHARED_GRAPH_ID, SharedLines
from .store_update import MANIFEST, STORE_LAYOUT, StoreUpdate, file_stamp
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
    # the article graphs and the shared graph, as (name, kind, N-Triples), only below IN_MEMORY_LIMIT:
    # what the closure is computed from, article by article (parkgraph.export.closure)
    union_graphs: tuple[tuple[str, str, bytes], ...] = ()
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
    """One corpus build's state: the resolver, the shared lines, the per-graph files, the tally."""

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
        dataset_folder: Path | None = None,
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
        if dataset_folder is None and out_paths:
            dataset_folder = next(iter(out_paths.values())).parent / DATASET_FOLDER
        self.dataset = DatasetLayout(dataset_folder) if dataset_folder is not None and out_paths else None
        self.store = _open_store(store_folder, spec.base, ontology_nt, prefixes)
        self.spool = _spool(out_paths, store_folder)
        self.shared = SharedLines(spec.base, self.spool)
        self.prefixes = prefixes
        self.tally = Tally()
        self.counts = CorpusCounts(spec.base)
        # each article's own lines, in id order, while the corpus is small enough for the union files
        # (its own lines, or its file to read them from when needed: a kept article's)
        self.union: list[tuple[str, bytes | Path]] | None = []
        self.written = 0  # graph files (re)written or removed by this build
        self.stamped: list[tuple[str, Path]] = []  # graph files staged: their stamps go to the manifest
        # the last build's files are trusted only if the same code and prefixes wrote them
        self.same_writer = self.store is not None and self.store.old_writer == self.store.writer
        # articles kept as the last build left them, whose lines for the shared graph are not yet derived:
        # while no graph has changed, maybe never (an unchanged corpus of 1k spent 4.6 s deriving them)
        self.deferred: list[tuple[ArticleOutput, dict[str, str]]] | None = [] if self.same_writer else None

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
            self.raise_failures()
            if self.nothing_changed():
                self.discard()
                assert self.store is not None
                return self.tally.result(
                    self.sources, triples=self.store.old_triples, union_ntriples=None, unchanged=True
                )
            self.share_deferred()
            self.finish()
            if self.nothing_changed():
                self.discard()
                assert self.store is not None
                return self.tally.result(
                    self.sources, triples=self.store.old_triples, union_ntriples=None, unchanged=True
                )
        except BaseException:
            self.discard()
            raise
        return self.tally.result(
            self.sources,
            triples=self.shared.triples,
            union_ntriples=self.union_ntriples(),
            union_graphs=self.union_graphs(),
            staged=self.staged,
            store=self.store,
            spool=self.shared,
        )

    def start(self) -> None:
        """The ontology's graph first, into the store and its file."""
        if self.store is not None:
            changed = sum(1 for s in self.sources if self.graph_of(s.article_id) not in self.store.old)
            if not self.same_writer:
                changed = len(self.sources)
            self.store.decide(changed, len(self.sources))
            ontology_nq = nquads(self.ontology_nt, self.ontology_name)
            self.store.put(self.ontology_name, ontology_nq, hashlib.sha256(self.ontology_nt).hexdigest())
            if self.dataset is not None:
                digest = hashlib.sha256(self.ontology_nt).hexdigest()
                same = self.same_writer and self.store.old.get(self.ontology_name) == digest
                record = self.write_graph_file(
                    self.ontology_name, self.dataset.own(ONTOLOGY), lambda: [ontology_nq], same=same
                )
                self.store.blocks[self.ontology_name] = {"file": record}

    def take(self, output: ArticleOutput | SetAside) -> None:
        """One article's output, in id order: tallied, resolved, and written."""
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
        self.stream(dataclasses.replace(output, nodes=()), mapping, digest)  # nodes: done with

    def stream(self, output: ArticleOutput, mapping: dict[str, str], digest: str) -> None:
        """An article's graph into the store and its file. If its digest is the one the last build recorded
        and its file is as that build wrote it (:func:`verified`), neither is touched: only its lines
        for the shared graph are needed. Otherwise it is split and its file written again."""
        graph_name = self.graph_of(output.article_id)
        store = self.store
        old = store.old_blocks.get(graph_name) if store is not None and self.same_writer else None
        path = self.dataset.article(output.article_id) if self.dataset is not None else None
        if (
            store is not None
            and old is not None
            and store.old.get(graph_name) == digest
            and "counts" in old
            and (path is None or verified(path, old.get("file")))
        ):
            self.shared.triples += old["triples"]
            if self.deferred is not None:
                self.deferred.append((output, mapping))
            else:
                self.shared.share_only(output.ntriples(), mapping, 0)
            self.counts.add(graph_name, output.article_id, old["counts"])
            fresh = store.fresh_store is not None
            store.put(graph_name, path.read_bytes() if fresh and path is not None else b"", digest)
            store.blocks[graph_name] = old
            if self.union is not None and path is not None:
                self.hold(graph_name, path)  # read only if the union files are written after all
            return
        self.share_deferred()
        split = self.shared.split(rewrite(output.ntriples(), mapping))
        own = split.own
        record = article_record(output.counts, split, own.count(b"\n"))
        self.counts.add(graph_name, output.article_id, record)
        nq = nquads(own, graph_name) if store is not None or path is not None else b""
        if store is not None:
            store.put(graph_name, nq, digest)
            block: dict[str, Any] = {"triples": record["triples"], "counts": record}
            if path is not None:
                previous = (old or {}).get("file") or {}
                same = previous.get("sha256") == hashlib.sha256(nq).hexdigest()
                block["file"] = self.write_graph_file(graph_name, path, lambda: [nq], same=same)
            store.blocks[graph_name] = block
        if self.union is not None:
            self.hold(graph_name, own)

    def share_deferred(self) -> None:
        """The shared graph's lines of the articles kept so far, in id order, before any other's: a graph
        changed, so the shared graph is derived again, exactly as a fresh build derives it."""
        if self.deferred is None:
            return
        deferred, self.deferred = self.deferred, None
        for output, mapping in deferred:
            self.shared.share_only(output.ntriples(), mapping, 0)

    def hold(self, graph_name: str, own: bytes | Path) -> None:
        """Keep an article's own lines (or its file) for the union files, while the corpus is small
        enough."""
        assert self.union is not None
        self.union.append((graph_name, own))
        if self.shared.triples > IN_MEMORY_LIMIT:
            self.union = None

    def write_graph_file(
        self, graph_name: str, path: Path, make: Callable[[], Iterable[bytes]], *, same: bool
    ) -> dict[str, Any]:
        """Graph ``graph_name``'s file ``path``, the N-Quads chunks ``make()`` gives: staged, unless ``same``
        (its content is the last build's) and the file is as that build wrote it (:func:`verified`).
        Returns the manifest's record of the file (its stamp is filled in at :meth:`stamp_files`)."""
        assert self.dataset is not None and self.staged is not None
        store = self.store
        block = store.old_blocks.get(graph_name) if store is not None and self.same_writer else None
        previous = (block or {}).get("file")
        if same and previous and verified(path, previous):
            return dict(previous)
        digest = hashlib.sha256()
        with self.staged.open(path) as stream:
            for chunk in make():
                digest.update(chunk)
                stream.write(chunk)
        self.written += 1
        self.stamped.append((graph_name, path))
        return {"path": self.dataset.relative(path), "sha256": digest.hexdigest(), "stamp": None}

    def raise_failures(self) -> None:
        failures = self.tally.failures
        if failures:
            raise ValidationError(
                "\n\n".join(f"article {f.article_id}:\n{f.report}" for f in failures[:20])
                + (f"\n\n… and {len(failures) - 20} more articles" if len(failures) > 20 else "")
            )

    def finish(self) -> None:
        """The shared graph and then the VoID description, last, into their files and, at commit, the
        store; the union files while the corpus is small; the withdrawn articles' files removed."""
        self.shared.close()
        shared_digest = self.shared.content.hexdigest()
        store = self.store
        void_nt = self.void()
        void_digest = hashlib.sha256(void_nt).hexdigest()
        old_shared = old_void = None
        if self.dataset is not None and store is not None:
            assert self.spool is not None
            spool, shared_path, void_path = self.spool, self.dataset.own(SHARED), self.dataset.own(VOID)
            # what an update in place diffs against, read before the files are replaced (only if changed)
            old_shared = (
                self.old_graph(self.shared_name, shared_path)
                if store.old.get(self.shared_name) != shared_digest
                else None
            )
            old_void = None
            if store.old.get(self.void_name) != void_digest:
                old_void = self.old_graph(self.void_name, void_path)
            store.blocks[self.shared_name] = {
                "file": self.write_graph_file(
                    self.shared_name,
                    shared_path,
                    lambda: _nquads_chunks(spool, self.shared_name),
                    same=self.same_writer and store.old.get(self.shared_name) == shared_digest,
                )
            }
            store.blocks[self.void_name] = {
                "file": self.write_graph_file(
                    self.void_name,
                    void_path,
                    lambda: [nquads(void_nt, self.void_name)],
                    same=self.same_writer and store.old.get(self.void_name) == void_digest,
                )
            }
            self.remove_withdrawn()
        self.write_union(void_nt, void_digest)
        shared_diff = void_diff = None
        if store is not None and store.fresh_store is None:  # in place: the changes alone, if known
            if old_shared is not None and store.old.get(self.shared_name) != shared_digest:
                shared_diff = self.shared.diff(old_shared)
            if old_void is not None:
                before = set(old_void.splitlines(keepends=True))
                after = set(void_nt.splitlines(keepends=True))
                void_diff = b"".join(sorted(before - after)), b"".join(sorted(after - before))
        if store is not None:
            assert self.spool is not None
            store.put_shared(self.shared_name, self.spool, shared_digest, diff=shared_diff)
            store.put(self.void_name, nquads(void_nt, self.void_name), void_digest, diff=void_diff)
            store.triples = self.shared.triples
            if self.staged is not None:
                self.stamp_files(store)

    def old_graph(self, graph_name: str, path: Path) -> bytes | None:
        """Graph ``graph_name`` as the last build wrote it, as N-Triples, read from its file if that is
        as the build left it (what an update in place diffs against); else None."""
        store = self.store
        if store is None or not self.same_writer or store.fresh_store is not None:
            return None
        record = store.old_blocks.get(graph_name, {}).get("file")
        if not verified(path, record):
            return None
        return strip_graph(path.read_bytes(), graph_name)

    def remove_withdrawn(self) -> None:
        """The files of graphs the last build had and this one has not (withdrawn articles)."""
        assert self.store is not None and self.dataset is not None and self.staged is not None
        for name, block in sorted(self.store.old_blocks.items()):
            record = block.get("file") if isinstance(block, dict) else None
            if name in self.store.blocks or not record or "path" not in record:
                continue
            path = self.dataset.folder / record["path"]
            if self.dataset.folder in path.resolve().parents:  # never outside the dataset folder
                self.staged.remove(path)
                self.written += 1

    def write_union(self, void_nt: bytes, void_digest: str) -> None:
        """``graph/parkgraph.nq`` / ``.trig`` / ``.nt`` / ``.ttl``: written while the corpus is at most
        :data:`IN_MEMORY_LIMIT` triples and something changed (or a file is not as the last build left
        it); above the limit they are removed, and ``parkgraph export`` writes them on request. And
        ``void.ttl``, the description in Turtle, whatever the corpus's size."""
        if self.staged is None or not self.out_paths:
            return
        paths = list(self.out_paths.values())
        if self.union is None or self.shared.triples > IN_MEMORY_LIMIT:
            self.union = None
            for path in paths:
                if path.exists():
                    self.staged.remove(path)
                    self.written += 1
        elif self.written or not self.files_unchanged(paths):
            assert self.spool is not None
            writer = GraphFileWriter.staged(self.staged, self.out_paths, self.prefixes)
            try:
                writer.graph(self.ontology_name, self.ontology_nt, union=False)
                for graph_name, own in self.union_lines():
                    writer.graph(graph_name, own, union=True)
                writer.shared(self.shared_name, self.spool)
                writer.described(self.void_name, void_nt, VOID_PREFIXES)
                writer.close()
            except BaseException:
                writer.abandon()
                raise
            self.written += 1
        if self.void_path is None:
            return
        store = self.store
        same = store is not None and store.old.get(self.void_name) == void_digest
        if not same or not self.files_unchanged([self.void_path]):
            prefixes = dict(sorted({**self.prefixes, **VOID_PREFIXES}.items()))
            with self.staged.open(self.void_path) as stream:
                stream.write(turtle_document(void_nt, prefixes))
            self.written += 1

    def files_unchanged(self, paths: list[Path]) -> bool:
        """Whether ``paths`` are as the last build left them (same writer, size and time)."""
        store = self.store
        if store is None or not self.same_writer:
            return False
        return all(
            path.name in store.old_files and file_stamp(path) == store.old_files[path.name] for path in paths
        )

    def stamp_files(self, store: StoreUpdate) -> None:
        """The stamps the files will have once in place (renaming keeps size and time): the per-graph
        files' into their records, the union files' (while written) and ``void.ttl``'s into the
        manifest."""
        assert self.staged is not None
        for graph_name, path in self.stamped:
            block = store.blocks.get(graph_name)
            if block is not None and "file" in block:
                block["file"]["stamp"] = file_stamp(self.staged.temporary(path))
        paths = list(self.out_paths.values()) if self.union is not None and self.out_paths else []
        if self.void_path is not None:
            paths.append(self.void_path)
        staged = self.staged
        store.files = {  # type: ignore[assignment]
            path.name: file_stamp(staged.temporary(path) if staged.has(path) else path) for path in paths
        }

    def nothing_changed(self) -> bool:
        """Whether this build of a corpus past :data:`IN_MEMORY_LIMIT` wrote no file and leaves the store
        as it was: then it is discarded and the result says every graph is as the last build left it.
        (A small corpus goes on: its in-memory outputs and graph views are made from the union, each
        written only if its bytes changed.)"""
        store = self.store
        if store is None or self.staged is None or self.written or store.fresh_store is not None:
            return False
        if self.deferred is not None:  # before finish(): the graphs were kept; are the build's own too?
            if store.old_triples <= IN_MEMORY_LIMIT:  # (the shared lines are not counted yet)
                return False
            names = set(store.new) | {self.shared_name, self.void_name}
            union_left = any(path.exists() for path in (self.out_paths or {}).values())
            return (
                names == set(store.old)
                and not union_left  # a last build of a smaller corpus wrote them: they go now
                and self.own_file_kept(self.shared_name, SHARED)
                and self.own_file_kept(self.void_name, VOID)
                and self.void_path is not None
                and self.files_unchanged([self.void_path])
            )
        if self.union is not None or self.shared.triples <= IN_MEMORY_LIMIT:
            return False
        return set(store.new) == set(store.old) and not store.changes()

    def own_file_kept(self, graph_name: str, kind: str) -> bool:
        """Whether the file of one of the build's own graphs is as the last build recorded it."""
        assert self.store is not None and self.dataset is not None
        return verified(self.dataset.own(kind), self.store.old_blocks.get(graph_name, {}).get("file"))

    def union_graphs(self) -> tuple[tuple[str, str, bytes], ...]:
        """The graphs of the union, one by one, while the corpus is small enough (else none)."""
        if self.union is None:
            return ()
        shared = self.shared.data()
        return (
            *((name, "article", own) for name, own in self.union_lines()),
            (self.shared_name, "shared", shared),
        )

    def union_ntriples(self) -> bytes | None:
        """The union of the article graphs and the shared graph as N-Triples, for the outputs made in
        rdflib (JSON-LD, the closure, the views), while the corpus is small enough."""
        if self.union is None:
            return None
        shared = self.shared.data()
        return b"".join(own for _, own in self.union_lines()) + shared

    def union_lines(self) -> Iterator[tuple[str, bytes]]:
        """Each article graph's name and lines, for the union (read from the file of a kept one)."""
        assert self.union is not None
        for graph_name, own in self.union:
            yield graph_name, own if isinstance(own, bytes) else strip_graph(own.read_bytes(), graph_name)

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
        self.shared.discard()
        if self.staged is not None:
            self.staged.abort()
        if self.store is not None:
            self.store.abort()


def _nquads_chunks(spool: Path, graph_name: str, lines: int = 200_000) -> Iterator[bytes]:
    """The spool's N-Triples lines as N-Quads in ``graph_name``, in chunks of ``lines`` lines."""
    with spool.open("rb") as stream:
        while chunk := b"".join(itertools.islice(stream, lines)):
            yield nquads(chunk, graph_name)


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
