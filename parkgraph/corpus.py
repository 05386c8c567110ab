"""The corpus build: a folder of articles → one graph, each article in its own named graph, streamed.

    articles (worker processes, cached by content) → resolve shared nodes → store + graph files

Why this shape: a corpus of 10k articles is about 50M triples, which rdflib cannot hold (about 16 MB of
memory per article) nor serialise in reasonable time. So nothing here keeps the corpus in memory:

* every article is built and validated on its own (:mod:`parkgraph.articles`), in a pool of worker
  processes, and cached by content hash: an unchanged article is read back from the cache;
* articles are then taken in id order, one at a time: their entities are resolved against the ones
  earlier articles introduced (:class:`Resolver`), their N-Triples rewritten accordingly, loaded into an
  on-disk Oxigraph store (one named graph per article) and appended to the graph files;
* outputs that need the whole graph in rdflib (JSON-LD, the OWL 2 RL closure, networkx and the HTML
  views) are made only while the corpus is small (:data:`IN_MEMORY_LIMIT` triples).

Nothing is replaced unless every article builds and validates: the graph files are written to temporary
files and moved into place at the end, and the store is either built beside the old one and swapped in,
or (when only a few articles changed) updated after everything else succeeded.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .articles import ArticleOutput, ArticleSource, NodeRecord, PipelineSpec, build_article, builder_for
from .errors import ValidationError

#: Above this many triples the corpus is not loaded into rdflib (JSON-LD, closure, views are skipped).
IN_MEMORY_LIMIT = 300_000
#: The Oxigraph store's folder and its manifest, inside the output folder (neither is committed).
STORE_FOLDER = "oxigraph"
MANIFEST = "oxigraph.manifest.json"
#: Bytes of N-Quads loaded into a fresh store at once.
LOAD_BATCH = 128 << 20
#: Articles built in this process rather than a worker pool when this few need building.
IN_PROCESS_MAX = 4


# --- cross-article resolution --------------------------------------------------------------------------
class Resolver:
    """Decides which node an article's entity is, given the articles before it (in id order).

    Curated identity first: an entity whose IRI (its annotation slug) an earlier article already used is
    that node. Otherwise an entity with the same normalised zh-Hans name and one of the same types as an
    entity met earlier is that earlier entity, and its IRI is rewritten to the earlier one. Two entities of
    one article are never merged with each other (the curator told them apart). Concepts keep their
    curated IRIs. Taking articles in id order makes the result independent of build order and of caching.

    >>> from parkgraph.articles import NodeRecord
    >>> r = Resolver(entity_prefix="https://x/id/")
    >>> r.resolve([NodeRecord("https://x/id/jd", ("https://x/Company",), "京东集团")])
    {}
    >>> r.resolve([NodeRecord("https://x/id/jd-group", ("https://x/Company",), "京东集团")])
    {'https://x/id/jd-group': 'https://x/id/jd'}
    """

    def __init__(self, *, entity_prefix: str) -> None:
        self.entity_prefix = entity_prefix
        self.seen: dict[str, int] = {}  # canonical node IRI → how many articles mention it
        self.by_key: dict[tuple[str, str], str] = {}

    def resolve(self, nodes: Iterable[NodeRecord]) -> dict[str, str]:
        nodes = list(nodes)
        own = {n.iri for n in nodes}
        mapping: dict[str, str] = {}
        for node in nodes:
            iri = node.iri
            if node.name and iri not in self.seen and iri.startswith(self.entity_prefix):
                matches = {
                    self.by_key[(t, node.name)] for t in node.types if (t, node.name) in self.by_key
                } - own
                if matches:
                    iri = mapping[node.iri] = min(matches)
            self.seen[iri] = self.seen.get(iri, 0) + 1
            if node.name and iri.startswith(self.entity_prefix):
                for t in node.types:
                    self.by_key.setdefault((t, node.name), iri)
        return mapping


def rewrite(data: bytes, mapping: dict[str, str]) -> bytes:
    """``data`` (N-Triples) with every IRI in ``mapping`` replaced, re-sorted and de-duplicated."""
    if not mapping:
        return data
    table = {f"<{old}>".encode(): f"<{new}>".encode() for old, new in mapping.items()}
    pattern = re.compile(b"|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    lines = set(pattern.sub(lambda m: table[m.group(0)], data).splitlines())
    return b"".join(line + b"\n" for line in sorted(lines))


# --- the graph files ------------------------------------------------------------------------------------
class StagedFiles:
    """Files written under temporary names next to their targets, moved into place all at once."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []
        self.removals: list[Path] = []

    def open(self, path: Path):  # type: ignore[no-untyped-def]
        import tempfile

        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        self.pending.append((Path(temp), path))
        return os.fdopen(handle, "wb", buffering=1 << 20)

    def remove(self, path: Path) -> None:
        self.removals.append(path)

    def commit(self) -> list[Path]:
        from .output import _umask

        for temp, _ in self.pending:
            os.chmod(temp, 0o666 & ~_umask())
        for temp, path in self.pending:
            os.replace(temp, path)
        for path in self.removals:
            path.unlink(missing_ok=True)
        return [path for _, path in self.pending]

    def abort(self) -> None:
        for temp, _ in self.pending:
            temp.unlink(missing_ok=True)


class GraphFileWriter:
    """Streams the corpus into ``parkgraph.nt`` / ``.ttl`` (the union of the article graphs) and
    ``parkgraph.nq`` / ``.trig`` (the ontology's graph, then each article's), one article at a time.

    Turtle and TriG are
    written by pyoxigraph's serialisers, article by article (rdflib's Turtle serialiser is quadratic in
    the number of IRIs no prefix covers).
    """

    def __init__(self, staged: StagedFiles, paths: dict[str, Path], prefixes: dict[str, str]) -> None:
        self.streams = {suffix: staged.open(path) for suffix, path in paths.items()}
        self.prefixes = dict(sorted(prefixes.items()))
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()).encode()
        self.streams["ttl"].write(header)
        self.streams["trig"].write(header)

    def _turtle(self, triples: Iterable[ox.Quad | ox.Triple]) -> bytes:
        """Turtle of ``triples`` without the ``@prefix`` header (written once, at the top)."""
        data = restore_language_case(
            ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)
        )
        end = 0
        while data.startswith(b"@prefix ", end):
            end = data.index(b"\n", end) + 1
        return data[end:]

    def graph(self, name: str, data: bytes, triples: list[ox.Quad] | None = None) -> bytes:
        """A named graph (sorted N-Triples ``data``) into the dataset files; returns its Turtle body."""
        suffix = f" <{name}> .\n".encode()
        self.streams["nq"].write(b"".join(line[:-2] + suffix for line in data.splitlines()))
        if triples is None:
            triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        body = self._turtle(triples)
        self.streams["trig"].write(f"<{name}> {{\n".encode() + body + b"}\n")
        return body

    def ontology(self, name: str, data: bytes) -> None:
        self.graph(name, data)

    def article(self, name: str, data: bytes, union: bytes, kept: list[int] | None) -> None:
        """An article's graph (``data``) into the dataset files and ``union`` (its lines that are new to
        the union, the ``kept`` ones, None for all; see :class:`UnionLines`) into the union files."""
        triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))  # one triple a line, in order
        body = self.graph(name, data, triples)
        self.streams["nt"].write(union)
        if kept is not None:
            body = self._turtle([triples[i] for i in kept])
        self.streams["ttl"].write(body)

    def close(self) -> None:
        for stream in self.streams.values():
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()


_LANGUAGE_TAG = re.compile(rb'(?<!\\)((?:\\\\)*)"@([a-z]{2,3}(?:-[a-z0-9]{1,8})*)\b')


def _bcp47_case(tag: str) -> str:
    """BCP 47's conventional case: language lower, script Title (``Hans``), region upper (``CN``)."""
    parts = tag.split("-")
    out = [parts[0]]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            part = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            part = part.upper()
        out.append(part)
    return "-".join(out)


def restore_language_case(data: bytes) -> bytes:
    r"""Turtle/TriG from pyoxigraph with language tags in BCP 47's usual case.

    Oxigraph lower-cases language tags when it parses (RDF 1.1 allows it: tags compare case-insensitively),
    so ``"…"@zh-Hans`` would come out as ``@zh-hans``; parkgraph writes ``zh-Hans`` everywhere. Only a tag
    right after a literal's closing (unescaped) quote is touched. Plain ``bytes.replace`` per distinct tag
    does it (a regex with a callback per literal took 9 s of a 21 s build of 200 articles), unless a
    literal contains an escaped quote followed by ``@``, where only the careful regex is right.

    >>> restore_language_case(b'p:a p:b "x"@zh-hans , "say \\"@en\\""@en-gb .')
    b'p:a p:b "x"@zh-Hans , "say \\"@en\\""@en-GB .'
    """
    if b'\\"@' in data:
        return _LANGUAGE_TAG.sub(
            lambda m: m.group(1) + b'"@' + _bcp47_case(m.group(2).decode()).encode(), data
        )
    for tag in sorted(set(_SUBTAGGED.findall(data)), key=len, reverse=True):
        fixed = _bcp47_case(tag.decode()).encode()
        if fixed != tag:
            data = data.replace(b'"@' + tag, b'"@' + fixed)
    return data


_SUBTAGGED = re.compile(rb'"@([a-z]{2,3}(?:-[a-z0-9]{1,8})+)')


class UnionLines:
    """De-duplicates the union of the article graphs without holding it.

    Facts, statements and evidence have IRIs scoped to their article, so only lines about entities and
    concepts (``{base}id/…``, ``{base}concept/…``) can occur in two articles; only those lines are
    remembered, as 16-byte BLAKE2 digests (a collision, at 2**-128 per pair, would be needed to lose one).
    """

    def __init__(self, base: str) -> None:
        self.shareable = (f"<{base}id/".encode(), f"<{base}concept/".encode())
        self.seen: set[bytes] = set()
        self.triples = 0

    def add(self, data: bytes) -> tuple[bytes, list[int] | None]:
        """The lines of ``data`` (N-Triples) not already in the union, which now holds them, and their
        indices (None when that is every line)."""
        lines = data.splitlines()
        kept = []
        for index, line in enumerate(lines):
            if line.startswith(self.shareable):
                digest = hashlib.blake2b(line, digest_size=16).digest()
                if digest in self.seen:
                    continue
                self.seen.add(digest)
            kept.append(index)
        self.triples += len(kept)
        if len(kept) == len(lines):
            return data, None
        return b"".join(lines[i] + b"\n" for i in kept), kept


# --- the store ------------------------------------------------------------------------------------------
@dataclass
class StoreUpdate:
    """How the build brings ``graph/oxigraph/`` up to date: loaded as it goes into a fresh store that
    replaces the old one, or, when a valid store exists, only the changed graphs, after validation.

    The store holds every article's graph as a named graph *and* their de-duplicated union (with the
    ontology) as the default graph, which is what queries without ``GRAPH`` see. Why both: Oxigraph's
    "default graph as union" option does not de-duplicate, so a triple about an entity that 200 articles
    mention comes back 200 times, and a three-pattern join about it 200**3 times (a label lookup took
    78 s on 200 articles instead of a millisecond).
    """

    folder: Path
    manifest_path: Path
    identity: str  # base + ontology: a store built for another one is rebuilt
    old: dict[str, str] = field(default_factory=dict)  # graph name → digest of what it holds
    new: dict[str, str] = field(default_factory=dict)
    fresh_store: ox.Store | None = None
    fresh_folder: Path | None = None
    pending: list[tuple[str, bytes]] = field(default_factory=list)
    batch: list[bytes] = field(default_factory=list)
    batched: int = 0

    @classmethod
    def open(cls, folder: Path, manifest_path: Path, identity: str) -> StoreUpdate:
        update = cls(folder, manifest_path, identity)
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        if manifest.get("identity") == identity and folder.is_dir():
            update.old = dict(manifest.get("graphs", {}))
        return update

    def decide(self, changed: int, total: int) -> None:
        """Fresh store when there is none or most graphs change; otherwise update in place at the end."""
        if not self.old or changed > total // 2:
            import tempfile

            self.fresh_folder = Path(tempfile.mkdtemp(prefix=".oxigraph.", dir=self.folder.parent))
            self.fresh_store = ox.Store(str(self.fresh_folder))

    def put(self, name: str, data: bytes, digest: str, union: bytes) -> None:
        """Graph ``name`` holds ``data``; ``union`` is what it adds to the union (the default graph).

        A fresh store is loaded in batches of about :data:`LOAD_BATCH` bytes of N-Quads: one bulk load
        per article would leave RocksDB with two small files per article to merge and to search.
        """
        self.new[name] = digest
        if self.fresh_store is not None:
            suffix = f" <{name}> .\n".encode()
            self.batch.append(b"".join(line[:-2] + suffix for line in data.splitlines()))
            self.batch.append(union)  # N-Triples lines are N-Quads lines in the default graph
            self.batched += len(data) * 2
            if self.batched > LOAD_BATCH:
                self.load_batch()
        elif self.old.get(name) != digest:
            self.pending.append((name, data))

    def load_batch(self) -> None:
        if self.batch and self.fresh_store is not None:
            self.fresh_store.bulk_load(b"".join(self.batch), format=ox.RdfFormat.N_QUADS)
        self.batch, self.batched = [], 0

    def commit(self) -> None:
        from .output import write_atomically

        self.manifest_path.unlink(missing_ok=True)  # until the manifest is back, the store is stale
        if self.fresh_store is not None:
            self.load_batch()
            self.fresh_store.flush()
            del self.fresh_store
            if self.folder.exists():
                shutil.rmtree(self.folder)
            assert self.fresh_folder is not None
            os.replace(self.fresh_folder, self.folder)
        else:
            store = ox.Store(str(self.folder))
            replaced: list[ox.Quad] = []
            for name in sorted(set(self.old) - set(self.new)) + [n for n, _ in self.pending if n in self.old]:
                graph = ox.NamedNode(name)
                replaced += store.quads_for_pattern(None, None, None, graph)
                store.remove_graph(graph)
            for name, data in self.pending:
                store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
                store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
            # A triple of a replaced or withdrawn graph leaves the union unless another graph still has it.
            for quad in replaced:
                holders = store.quads_for_pattern(quad.subject, quad.predicate, quad.object, None)
                if not any(isinstance(q.graph_name, ox.NamedNode) for q in holders):
                    store.remove(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
            store.flush()
            del store
        manifest = {"identity": self.identity, "graphs": dict(sorted(self.new.items()))}
        write_atomically({self.manifest_path: lambda: json.dumps(manifest, indent=1).encode() + b"\n"})

    def abort(self) -> None:
        self.fresh_store = None
        if self.fresh_folder is not None:
            shutil.rmtree(self.fresh_folder, ignore_errors=True)


# --- the build ------------------------------------------------------------------------------------------
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


def tune_gc() -> None:
    """Fewer garbage collections in a process that builds many articles.

    Building an article allocates hundreds of thousands of small objects that are freed together, and
    the collector's default thresholds (700 allocations) re-scan the long-lived ones (ontology,
    vocabulary, compiled shapes) again and again: with them frozen and a higher threshold, reading,
    loading and populating an article took 13.5 ms instead of 21 (measured in benchmarks/populate_speed.py
    runs). Called in worker processes and by the CLI, which own their process; not by library calls.
    """
    import gc

    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def build_articles(
    sources: list[ArticleSource], spec: PipelineSpec, *, jobs: int, use_cache: bool, progress: bool
) -> Iterator[ArticleOutput]:
    """Every article's output, in the order of ``sources``; uncached ones in ``jobs`` worker processes."""
    from tqdm import tqdm

    builder = builder_for(spec, use_cache=use_cache)
    todo = [
        s for s in sources if not use_cache or not builder.paths(s.article_id, builder.key(s))[1].exists()
    ]
    bar = tqdm(
        total=len(sources),
        unit="article",
        disable=not progress,
        delay=1.0,
        file=sys.stderr,
        dynamic_ncols=True,
    )
    try:
        if len(todo) <= IN_PROCESS_MAX or jobs <= 1:
            for source in sources:
                yield build_article(spec, source, use_cache)
                bar.update()
            return
        import multiprocessing

        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=tune_gc) as pool:
            chunk = max(1, min(16, len(sources) // (jobs * 8)))
            for output in pool.map(
                build_article, [spec] * len(sources), sources, [use_cache] * len(sources), chunksize=chunk
            ):
                yield output
                bar.update()
    finally:
        bar.close()


def build_corpus(
    sources: list[ArticleSource],
    spec: PipelineSpec,
    *,
    ontology_nt: bytes,
    ontology_name: str,
    out_paths: dict[str, Path] | None,
    store_folder: Path | None,
    prefixes: dict[str, str],
    jobs: int = 0,
    progress: bool = False,
) -> CorpusResult:
    """Build every article and stream the corpus into the graph files and the store.

    ``out_paths`` (suffix → path for ``nt``, ``nq``, ``ttl``, ``trig``) and ``store_folder`` are None for a
    dry run. Files are staged, not committed: the caller commits ``result.staged`` and ``result.store``
    once it has written everything else, or aborts them.
    """
    use_cache = os.environ.get("PARKGRAPH_NO_CACHE") != "1"
    jobs = jobs or os.cpu_count() or 1
    entity_prefix = f"{spec.base}id/"
    resolver = Resolver(entity_prefix=entity_prefix)
    staged = StagedFiles() if out_paths else None
    store = None
    if store_folder is not None:
        identity = hashlib.sha256(spec.base.encode() + ontology_nt).hexdigest()
        store = StoreUpdate.open(store_folder, store_folder.parent / MANIFEST, identity)
    try:
        writer = GraphFileWriter(staged, out_paths, prefixes) if staged and out_paths else None
        if store is not None:
            changed = sum(1 for s in sources if f"{spec.base}graph/{s.article_id}" not in store.old)
            store.decide(changed, len(sources))
            store.put(ontology_name, ontology_nt, hashlib.sha256(ontology_nt).hexdigest(), ontology_nt)
        if writer is not None:
            writer.ontology(ontology_name, ontology_nt)
        failures: list[ArticleOutput] = []
        entities: dict[str, set[str]] = {}
        concepts: set[str] = set()
        totals = {"facts": 0, "statements": 0, "evidence": 0, "merged": 0, "rebuilt": 0}
        union_parts: list[bytes] | None = []
        union_lines = UnionLines(spec.base)
        outputs = build_articles(sources, spec, jobs=jobs, use_cache=use_cache, progress=progress)
        for output in outputs:
            totals["rebuilt"] += not output.from_cache
            if output.report:
                failures.append(output)
                continue
            if failures:
                continue  # keep validating, to report every failing article; write nothing more
            mapping = resolver.resolve(output.nodes)
            totals["merged"] += len(mapping)
            for node in output.nodes:
                iri = mapping.get(node.iri, node.iri)
                if iri.startswith(entity_prefix):
                    entities.setdefault(iri, set()).update(node.types)
                elif "http://www.w3.org/2004/02/skos/core#Concept" in node.types:
                    concepts.add(iri)
            for name in ("facts", "statements", "evidence"):
                totals[name] += getattr(output, name)
            data = rewrite(output.ntriples(), mapping)
            graph_name = f"{spec.base}graph/{output.article_id}"
            union, kept = union_lines.add(data)
            if store is not None:
                digest = hashlib.sha256(
                    (output.key + json.dumps(sorted(mapping.items()))).encode()
                ).hexdigest()
                store.put(graph_name, data, digest, union)
            if writer is not None:
                writer.article(graph_name, data, union, kept)
            if union_parts is not None:
                union_parts.append(union)
                if union_lines.triples > IN_MEMORY_LIMIT:
                    union_parts = None
        if failures:
            raise ValidationError(
                "\n\n".join(f"article {f.article_id}:\n{f.report}" for f in failures[:20])
                + (f"\n\n… and {len(failures) - 20} more articles" if len(failures) > 20 else "")
            )
        if writer is not None:
            writer.close()
    except BaseException:
        if staged is not None:
            staged.abort()
        if store is not None:
            store.abort()
        raise
    return CorpusResult(
        articles=tuple(s.article_id for s in sources),
        triples=union_lines.triples,
        entities=entities,
        concepts=len(concepts),
        facts=totals["facts"],
        statements=totals["statements"],
        evidence=totals["evidence"],
        merged=totals["merged"],
        rebuilt=totals["rebuilt"],
        union_ntriples=b"".join(union_parts) if union_parts is not None else None,
        staged=staged,
        store=store,
    )
