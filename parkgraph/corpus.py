"""The corpus build: a folder of articles → one graph, each article in its own named graph, streamed.

    articles (worker processes, cached by content) → resolve shared nodes → store + graph files

Why this shape: a corpus of 10k articles is about 50M triples, which rdflib cannot hold (about 16 MB of
memory per article) nor serialise in reasonable time. So nothing here keeps the corpus in memory:

* every article is built and validated on its own (:mod:`parkgraph.articles`), in a pool of worker
  processes, and cached by content hash: an unchanged article is read back from the cache;
* articles are then taken in id order, one at a time: their entities are resolved against the ones
  earlier articles introduced (:class:`Resolver`), their N-Triples rewritten accordingly and split
  (:class:`SharedLines`) into the article's own graph (its facts, statements, evidence, and which
  evidence supports which entity) and what it says about entities and concepts, which every article may
  say again and which goes, once, to the shared graph; then loaded into an on-disk Oxigraph store and
  appended to the graph files;
* outputs that need the whole graph in rdflib (JSON-LD, the OWL 2 RL closure, networkx and the HTML
  views) are made only while the corpus is small (:data:`IN_MEMORY_LIMIT` triples).

Nothing is replaced unless every article builds and validates: the graph files are written to temporary
files and moved into place at the end, and the store is either built beside the old one and swapped in,
or (when only a few articles changed) updated after everything else succeeded. An uncurated capture that
cannot be built is *set aside* instead (:mod:`parkgraph.setaside`): it is left out as if it were not in
the corpus, so a graph it had in the last build leaves the files and the store like a withdrawn one's.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import hashlib
import itertools
import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .articles import ArticleOutput, ArticleSource, NodeRecord, PipelineSpec, builder_for
from .errors import ParkgraphError, ValidationError
from .setaside import SetAside, build_or_set_aside, check_built_any

#: Above this many triples the corpus is not loaded into rdflib (JSON-LD, closure, views are skipped).
IN_MEMORY_LIMIT = 300_000
#: The Oxigraph store's folder and its manifest, inside the output folder (neither is committed).
STORE_FOLDER = "oxigraph"
MANIFEST = "oxigraph.manifest.json"
#: Bytes of N-Quads loaded into a fresh store at once.
LOAD_BATCH = 128 << 20
#: The id of the shared graph (``{base}graph/shared``): entities and concepts, each line once.
SHARED_GRAPH_ID = "shared"
#: Part of the store's identity: a store laid out by an older parkgraph is rebuilt, not updated.
STORE_LAYOUT = "graphs: ontology, articles, shared; no default graph"
#: Articles built in this process rather than a worker pool when this few need building.
IN_PROCESS_MAX = 4


#: Classes whose instances a name does not identify, so they are never merged by name (curated identity,
#: the same slug, still makes them one node). An org:Post is a position in one organisation (W3C ORG):
#: "党工委书记" of two parks are two posts. Merging them by name gave one post 74 English names in a
#: 1k-article corpus, and queries joining posts with their names returned millions of rows.
NOT_RESOLVED_BY_NAME = frozenset({"http://www.w3.org/ns/org#Post"})


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
            by_name = iri.startswith(self.entity_prefix) and not NOT_RESOLVED_BY_NAME.intersection(node.types)
            if node.name and iri not in self.seen and by_name:
                matches = {
                    self.by_key[(t, node.name)] for t in node.types if (t, node.name) in self.by_key
                } - own
                if matches:
                    iri = mapping[node.iri] = min(matches)
            self.seen[iri] = self.seen.get(iri, 0) + 1
            if node.name and by_name:
                for t in node.types:
                    self.by_key.setdefault((t, node.name), iri)
        return mapping


def rewrite(data: bytes, mapping: dict[str, str]) -> bytes:
    r"""``data`` (N-Triples) with every IRI in ``mapping`` replaced, re-sorted and de-duplicated.

    One ``bytes.replace`` per mapped IRI: ``<old>`` with its brackets matches whole IRIs only, and no new
    IRI is an old one (:class:`Resolver` maps only to nodes of earlier articles), so the order does not
    matter. (A regex alternation compiled per article cost 2.4 s of a 1k-article build.)

    >>> rewrite(b'<a> <p> <b> .\n<c> <p> <b> .\n', {"c": "a"})
    b'<a> <p> <b> .\n'
    """
    if not mapping:
        return data
    for old, new in mapping.items():
        data = data.replace(f"<{old}>".encode(), f"<{new}>".encode())
    lines = set(data.splitlines())
    return b"".join(line + b"\n" for line in sorted(lines))


def nquads(data: bytes, graph: str) -> bytes:
    """N-Triples ``data`` as N-Quads lines in ``graph``.

    >>> nquads(b'<a> <p> "x y" .\\n', "urn:g")
    b'<a> <p> "x y" <urn:g> .\\n'
    """
    suffix = f" <{graph}> .\n".encode()
    return b"".join(line[:-2] + suffix for line in data.splitlines())


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

    def temporary(self, path: Path) -> Path:
        """The temporary file that will become ``path``."""
        return next(temp for temp, target in self.pending if target == path)

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


def copy_range(source: int, target: int, offset: int, length: int) -> None:
    """Append ``length`` bytes of file descriptor ``source`` from ``offset`` to ``target``, in the kernel
    when it can (``copy_file_range``: 3.2 GB in 5.6 s here), else through a buffer."""
    end = offset + length
    while offset < end:
        try:
            copied = os.copy_file_range(source, target, min(end - offset, 1 << 30), offset)
        except (AttributeError, OSError):  # no such call, or not between these files: copy by hand
            copied = 0
        if not copied:
            chunk = os.pread(source, min(end - offset, 1 << 24), offset)
            if not chunk:
                raise ParkgraphError(f"the last build's graph files end early (at byte {offset}); rebuild")
            view = memoryview(chunk)
            while view:
                view = view[os.write(target, view) :]
            copied = len(chunk)
        offset += copied


class GraphFileWriter:
    """Streams the corpus into ``parkgraph.nq`` / ``.trig`` (the ontology's graph, each article's graph,
    then the shared graph) and ``parkgraph.nt`` / ``.ttl`` (their union, without the ontology).

    Every triple is in exactly one graph (see :class:`SharedLines`), so the union files are the dataset
    files without graph names, and each article's Turtle is serialised once, for both. Turtle and TriG are
    written by pyoxigraph's serialisers, article by article (rdflib's Turtle serialiser is quadratic in
    the number of IRIs no prefix covers); the shared graph, which grows with the corpus, is written last
    from its spool file, in chunks.
    """

    #: N-Triples lines serialised to Turtle at once when writing the shared graph.
    CHUNK_LINES = 200_000

    def __init__(self, staged: StagedFiles, paths: dict[str, Path], prefixes: dict[str, str]) -> None:
        self.streams = {suffix: staged.open(path) for suffix, path in paths.items()}
        self.offsets = dict.fromkeys(self.streams, 0)  # bytes written to each file so far
        self.prefixes = dict(sorted(prefixes.items()))
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()).encode()
        self._write("ttl", header)
        self._write("trig", header)

    def _write(self, suffix: str, data: bytes) -> list[int]:
        """Append ``data`` to one file; its block there: ``[offset, length]``."""
        offset = self.offsets[suffix]
        self.streams[suffix].write(data)
        self.offsets[suffix] += len(data)
        return [offset, len(data)]

    def _turtle(self, data: bytes) -> bytes:
        """Turtle of N-Triples ``data`` without the ``@prefix`` header (written once, at the top)."""
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=self.prefixes)
        data = restore_language_case(turtle)
        end = 0
        while data.startswith(b"@prefix ", end):
            end = data.index(b"\n", end) + 1
        return data[end:]

    def graph(self, name: str, data: bytes, *, union: bool, nq: bytes | None = None) -> dict[str, list[int]]:
        """Named graph ``name`` (N-Triples ``data``; ``nq``, its N-Quads, if already made) into the dataset
        files, and into the union files too when ``union``. A graph may come in several parts: TriG
        allows a graph name on several blocks, whose triples are then merged.

        Returns where it went, file by file (``{"nq": [offset, length], …}``), so that a later build can
        copy the block as it is (:meth:`splice`)."""
        if not data:
            return {}
        blocks = {"nq": self._write("nq", nq if nq is not None else nquads(data, name))}
        body = self._turtle(data)
        blocks["trig"] = self._write("trig", f"<{name}> {{\n".encode() + body + b"}\n")
        if union:
            blocks["nt"] = self._write("nt", data)
            blocks["ttl"] = self._write("ttl", body)
        return blocks

    def splice(self, blocks: dict[str, list[int]], sources: dict[str, int]) -> dict[str, list[int]]:
        """Copy a graph's blocks, as :meth:`graph` reported them, from the last build's files (open file
        descriptors ``sources``, by suffix): what a graph whose content did not change needs, without
        parsing or serialising anything. The kernel copies (``copy_file_range``)."""
        out = {}
        for suffix, (offset, length) in blocks.items():
            stream = self.streams[suffix]
            stream.flush()
            copy_range(sources[suffix], stream.fileno(), offset, length)
            stream.seek(0, os.SEEK_END)  # the copy moved the file's end under the buffered writer
            out[suffix] = [self.offsets[suffix], length]
            self.offsets[suffix] += length
        return out

    def shared(self, name: str, spool: Path) -> dict[str, list[int]]:
        """The shared graph, from the spool of its N-Triples lines, in chunks of :data:`CHUNK_LINES`;
        its blocks (one per file: the chunks follow each other)."""
        start = dict(self.offsets)
        with spool.open("rb") as lines:
            while chunk := b"".join(itertools.islice(lines, self.CHUNK_LINES)):
                self.graph(name, chunk, union=True)
        return {suffix: [start[suffix], self.offsets[suffix] - start[suffix]] for suffix in self.streams}

    def close(self) -> None:
        for stream in self.streams.values():
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()

    def abandon(self) -> None:
        """Close the files unfinished (the caller then removes them)."""
        for stream in self.streams.values():
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


class SharedLines:
    """Splits each article's lines into its own graph and the shared graph, which holds each line once.

    Facts, statements, evidence and the article node have IRIs scoped to their article
    (``{base}fact/<article>/…`` and so on), so lines about them are the article's alone. Lines about
    entities and concepts (``{base}id/…``, ``{base}concept/…``) can be said by many articles: they go to
    the shared graph, once, unless their object is scoped to the article (``<entity> pg:evidence
    <evidence/…>``: which of this article's spans supports the entity), which stays in the article's graph.
    So no triple is in two graphs, and the union of the graphs (what Oxigraph's and Jena's union default
    graph gives) has no duplicates. Lines already shared are remembered as 16-byte BLAKE2 digests (a
    collision, at 2**-128 per pair, would be needed to lose one); new ones are appended to ``spool``.
    """

    def __init__(self, base: str, spool: Path | None) -> None:
        # the runs of sorted lines whose subject starts <{base}concept/ and <{base}id/ ("0" follows "/")
        self.runs = [(f"<{base}{kind}/".encode(), f"<{base}{kind}0".encode()) for kind in ("concept", "id")]
        self.scoped = tuple(f"<{base}{kind}/".encode() for kind in ("article", "evidence", "fact"))
        self.seen: set[bytes] = set()
        self.triples = 0
        self.spool = spool
        self.stream = spool.open("wb", buffering=1 << 20) if spool is not None else None
        self.content = hashlib.sha256()  # of the shared graph's lines, in order: the store's digest of it

    def split(self, data: bytes) -> tuple[bytes, bytes]:
        """The article's own lines of ``data`` (sorted N-Triples) and its lines new to the shared graph.

        The lines are sorted, so those about concepts and entities are two runs, found by bisection;
        only their lines are looked at one by one.
        """
        lines = data.splitlines(keepends=True)
        own: list[bytes] = []
        new: list[bytes] = []
        start = 0
        for first, end in self._runs(lines):
            own += lines[start:first]
            self._share(lines[first:end], own, new)
            start = end
        own += lines[start:]
        self.triples += len(own)
        return b"".join(own), self._add(new)

    def share_only(self, data: bytes, mapping: dict[str, str], own_triples: int) -> bytes:
        """For an article whose own graph is taken as the last build left it (:meth:`GraphFileWriter.splice`,
        ``own_triples`` lines): its lines new to the shared graph, as :meth:`split` of ``rewrite(data,
        mapping)`` would give them. Only the entity and concept runs are rewritten: ``mapping`` maps
        entity IRIs to entity IRIs, so no line enters or leaves a run."""
        lines = data.splitlines(keepends=True)
        runs = rewrite(b"".join(b"".join(lines[first:end]) for first, end in self._runs(lines)), mapping)
        new: list[bytes] = []
        self._share(runs.splitlines(keepends=True), [], new)
        self.triples += own_triples
        return self._add(new)

    def _runs(self, lines: list[bytes]) -> list[tuple[int, int]]:
        return [(bisect.bisect_left(lines, low), bisect.bisect_left(lines, high)) for low, high in self.runs]

    def _share(self, lines: list[bytes], own: list[bytes], new: list[bytes]) -> None:
        """Lines about entities and concepts: to ``own`` if their object is scoped to the article, else
        to ``new`` unless the shared graph has them already."""
        for line in lines:
            if line.split(b" ", 2)[2].startswith(self.scoped):
                own.append(line)
                continue
            digest = hashlib.blake2b(line, digest_size=16).digest()
            if digest not in self.seen:
                self.seen.add(digest)
                new.append(line)

    def _add(self, new: list[bytes]) -> bytes:
        new_data = b"".join(new)
        self.triples += len(new)
        self.content.update(new_data)
        if self.stream is not None:
            self.stream.write(new_data)
        return new_data

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()

    def discard(self) -> None:
        self.close()
        if self.spool is not None:
            self.spool.unlink(missing_ok=True)


def file_stamp(path: Path) -> list[int] | None:
    """A file's size and modification time (ns), or None if it is missing."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


# --- the store ------------------------------------------------------------------------------------------
@dataclass
class StoreUpdate:
    """How the build brings ``graph/oxigraph/`` up to date: loaded as it goes into a fresh store that
    replaces the old one, or, when a valid store exists, only the changed graphs, after validation.

    The store holds the graphs of ``parkgraph.nq``: the ontology's, one per article and the shared one.
    No triple is in two of them (:class:`SharedLines`), so querying with the union of the graphs as the
    default graph (``use_default_graph_as_union``, ``oxigraph serve --union-default-graph``) sees each
    triple once. (Oxigraph's union does not de-duplicate: with the entities' triples repeated in every
    article's graph, a label lookup on 200 articles took 78 s.) Each triple is stored once: storing the
    union again as the default graph had made loading twice as expensive.
    """

    folder: Path
    manifest_path: Path
    identity: str  # base + ontology + layout: a store built for another one is rebuilt
    old: dict[str, str] = field(default_factory=dict)  # graph name → digest of what it holds
    new: dict[str, str] = field(default_factory=dict)
    fresh_store: ox.Store | None = None
    fresh_folder: Path | None = None
    pending: list[tuple[str, bytes]] = field(default_factory=list)
    shared: tuple[str, Path] | None = None  # the shared graph's name and spool, if it must be (re)loaded
    old_files: dict[str, list[int]] = field(default_factory=dict)  # file name → [size, mtime_ns] written
    files: dict[str, list[int]] = field(default_factory=dict)
    writer: str = ""  # what decides the files' bytes beyond the graphs' digests (this module, prefixes)
    old_writer: str = ""
    old_triples: int = 0  # the union's triples, as last built
    triples: int = 0
    # graph name → {"files": {"nq": [offset, length] in that file, "trig": …}, "triples": its lines}
    old_blocks: dict[str, dict[str, Any]] = field(default_factory=dict)
    blocks: dict[str, dict[str, Any]] = field(default_factory=dict)
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
            update.old_files = dict(manifest.get("files", {}))
            update.old_triples = int(manifest.get("triples", 0))
            update.old_blocks = dict(manifest.get("blocks", {}))
            update.old_writer = str(manifest.get("writer", ""))
        return update

    def unchanged(self, out_paths: dict[str, Path]) -> bool:
        """Whether the graph files are as the last build left them (same size and modification time),
        so that a build whose graphs all keep their digests need not write anything."""
        if (
            not self.old
            or self.old_writer != self.writer
            or set(self.old_files) != {p.name for p in out_paths.values()}
        ):
            return False
        return all(file_stamp(path) == self.old_files[path.name] for path in out_paths.values())

    def reusable_block(self, name: str, digest: str) -> dict[str, Any] | None:
        """Graph ``name``'s blocks in the last build's files, if it holds what ``digest`` names and the
        store is updated in place (a fresh store needs every graph's N-Quads anyway)."""
        if self.fresh_store is None and self.old.get(name) == digest:
            return self.old_blocks.get(name)
        return None

    def decide(self, changed: int, total: int) -> None:
        """Fresh store when there is none or most graphs change; otherwise update in place at the end."""
        if not self.old or changed > total // 2:
            import tempfile

            self.fresh_folder = Path(tempfile.mkdtemp(prefix=".oxigraph.", dir=self.folder.parent))
            self.fresh_store = ox.Store(str(self.fresh_folder))

    def put(self, name: str, nq: bytes, digest: str) -> None:
        """Graph ``name`` holds ``nq`` (N-Quads, all in that graph), whose content ``digest`` names.

        A fresh store is loaded in batches of about :data:`LOAD_BATCH` bytes of N-Quads: one bulk load
        per article would leave RocksDB with two small files per article to merge and to search.
        """
        self.new[name] = digest
        if self.fresh_store is not None:
            self.batch.append(nq)
            self.batched += len(nq)
            if self.batched > LOAD_BATCH:
                self.load_batch()
        elif self.old.get(name) != digest:
            self.pending.append((name, nq))

    def put_shared(self, name: str, spool: Path, digest: str) -> None:
        """The shared graph: its lines are in ``spool`` (read at :meth:`commit`)."""
        self.new[name] = digest
        if self.fresh_store is not None or self.old.get(name) != digest:
            self.shared = (name, spool)

    def load_batch(self) -> None:
        if self.batch and self.fresh_store is not None:
            self.fresh_store.bulk_load(b"".join(self.batch), format=ox.RdfFormat.N_QUADS)
        self.batch, self.batched = [], 0

    def commit(self) -> None:
        from .output import write_atomically

        self.manifest_path.unlink(missing_ok=True)  # until the manifest is back, the store is stale
        if self.fresh_store is not None:
            self.load_batch()
            self._load_shared(self.fresh_store)
            self.fresh_store.flush()
            del self.fresh_store
            if self.folder.exists():
                shutil.rmtree(self.folder)
            assert self.fresh_folder is not None
            os.replace(self.fresh_folder, self.folder)
        else:
            store = ox.Store(str(self.folder))
            gone = sorted(set(self.old) - set(self.new)) + [n for n, _ in self.pending if n in self.old]
            for name in gone:
                store.remove_graph(ox.NamedNode(name))
            for _, nq in self.pending:
                store.bulk_load(nq, format=ox.RdfFormat.N_QUADS)
            self._load_shared(store)
            store.flush()
            del store
        manifest = {
            "identity": self.identity,
            "graphs": dict(sorted(self.new.items())),
            "files": dict(sorted(self.files.items())),
            "triples": self.triples,
            "writer": self.writer,
            "blocks": dict(sorted(self.blocks.items())),
        }
        write_atomically({self.manifest_path: lambda: json.dumps(manifest, indent=1).encode() + b"\n"})

    def _load_shared(self, store: ox.Store) -> None:
        """(Re)load the shared graph whole: which of its lines a withdrawn or changed article alone said
        is not known without reading every article. Reloading costs about 5 s for the 173k lines of a
        1k-article corpus (3.5 s of it removing the old graph)."""
        if self.shared is None:
            return
        name, spool = self.shared
        graph = ox.NamedNode(name)
        if self.fresh_store is None:
            store.remove_graph(graph)
        store.bulk_load(path=str(spool), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)

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
    spool: SharedLines | None = None  # the shared graph's lines: the store loads them at commit
    unchanged: bool = False  # every graph as the last build left it: nothing was (or needs to be) written
    warnings: tuple[str, ...] = ()  # the extractor's, article by article
    article_warnings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the same, by article id
    set_aside: tuple[SetAside, ...] = ()  # captures left out (not in ``articles``), in id order


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


#: How much lower a worker's scheduling priority is than the build's main process (``nice`` steps).
WORKER_NICENESS = 10


def start_worker() -> None:
    """Set up a worker process: :func:`tune_gc`, and a lower priority than the main process.

    Why the priority: the main process is the build's one serial chain (resolve, split, write, and the
    store's bulk loads, which run on every core). With equal priority, two workers and the main process
    share two cores three ways, the main process falls behind, and once the workers are done it finishes
    alone while a core idles. Niced workers run on what the main process leaves.
    """
    tune_gc()
    with contextlib.suppress(OSError):  # not permitted (some sandboxes): the same result, only slower
        os.nice(WORKER_NICENESS)


def build_articles(
    sources: list[ArticleSource],
    spec: PipelineSpec,
    *,
    jobs: int,
    use_cache: bool,
    progress: bool,
    strict: bool = False,
) -> Iterator[ArticleOutput | SetAside]:
    """Every article's output (or the record of its being set aside, unless ``strict``), in the order of
    ``sources``; uncached ones in ``jobs`` worker processes."""
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
                yield build_or_set_aside(spec, source, use_cache, strict)
                bar.update()
            return
        import multiprocessing

        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=start_worker) as pool:
            chunk = max(1, min(16, len(sources) // (jobs * 8)))
            n = len(sources)
            for output in pool.map(
                build_or_set_aside, [spec] * n, sources, [use_cache] * n, [strict] * n, chunksize=chunk
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
    strict: bool = False,
) -> CorpusResult:
    """Build every article and stream the corpus into the graph files and the store.

    ``out_paths`` (suffix → path for ``nt``, ``nq``, ``ttl``, ``trig``) and ``store_folder`` are None for a
    dry run. Files are staged, not committed: the caller commits ``result.staged`` and ``result.store``
    once it has written everything else, or aborts them. An uncurated capture that cannot be built is set
    aside (``result.set_aside``), unless ``strict``, when it fails the build as any other error does.
    """
    use_cache = os.environ.get("PARKGRAPH_NO_CACHE") != "1"
    jobs = jobs or os.cpu_count() or 1
    entity_prefix = f"{spec.base}id/"
    shared_name = f"{spec.base}graph/{SHARED_GRAPH_ID}"
    for source in sources:
        if source.article_id == SHARED_GRAPH_ID:
            raise ParkgraphError(
                f"{source.capture}: the article id {SHARED_GRAPH_ID!r} is reserved for the shared graph "
                f"<{shared_name}>; rename the capture and its annotations"
            )
    resolver = Resolver(entity_prefix=entity_prefix)
    staged = StagedFiles() if out_paths else None
    store = None
    if store_folder is not None:
        identity = hashlib.sha256(f"{STORE_LAYOUT}\n{spec.base}\n".encode() + ontology_nt).hexdigest()
        store = StoreUpdate.open(store_folder, store_folder.parent / MANIFEST, identity)
        # Graphs are copied from the last build's files only if this module, which writes them, and the
        # prefixes are the same: the articles' cache keys cover the rest (pipeline code, versions).
        store.writer = hashlib.sha256(Path(__file__).read_bytes() + json.dumps(prefixes).encode()).hexdigest()
    spool = None
    if out_paths or store_folder is not None:
        import tempfile

        folder = next(iter(out_paths.values())).parent if out_paths else store_folder.parent  # type: ignore[union-attr]
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".shared.", suffix=".nt", dir=folder)
        os.close(handle)
        spool = Path(name)
    shared = SharedLines(spec.base, spool)
    writer: GraphFileWriter | None = None
    old_files: dict[str, int] = {}  # the last build's graph files (descriptors), when graphs are copied

    def graph_of(article_id: str) -> str:
        """The article's graph name, as :func:`parkgraph.formats.article_graph_name` mints it (without its
        id check: a capture's odd name is reported, with its file, when its annotations are read)."""
        return f"{spec.base}graph/{article_id}"

    def copy_unchanged(name: str, digest: str) -> dict[str, Any] | None:
        """If graph ``name`` holds what ``digest`` names and the last build's files are open: copy its
        blocks from them and return what the last build recorded of it; else None (write it anew)."""
        reused = store.reusable_block(name, digest) if store is not None and old_files else None
        if reused is not None:
            assert store is not None and writer is not None
            store.blocks[name] = {**reused, "files": writer.splice(reused["files"], old_files)}
        return reused

    def close_old_files() -> None:
        for descriptor in old_files.values():
            os.close(descriptor)
        old_files.clear()

    def discard() -> None:
        """Remove everything this build staged: the spool, the temporary files, a fresh store."""
        close_old_files()
        shared.discard()
        if writer is not None:
            writer.abandon()
        if staged is not None:
            staged.abort()
        if store is not None:
            store.abort()

    try:
        writer = GraphFileWriter(staged, out_paths, prefixes) if staged and out_paths else None
        if store is not None:
            changed = sum(1 for s in sources if graph_of(s.article_id) not in store.old)
            store.decide(changed, len(sources))
            ontology_nq = nquads(ontology_nt, ontology_name)
            store.put(ontology_name, ontology_nq, hashlib.sha256(ontology_nt).hexdigest())
        if writer is not None:
            writer.graph(ontology_name, ontology_nt, union=False)
        failures: list[ArticleOutput] = []
        entities: dict[str, set[str]] = {}
        concepts: set[str] = set()
        totals = {"facts": 0, "statements": 0, "evidence": 0, "merged": 0, "rebuilt": 0}
        warnings: list[str] = []
        article_warnings: dict[str, tuple[str, ...]] = {}
        set_aside: list[SetAside] = []
        union_parts: list[bytes] | None = []
        outputs = build_articles(
            sources, spec, jobs=jobs, use_cache=use_cache, progress=progress, strict=strict
        )

        def result(**outcome: Any) -> CorpusResult:
            left_out = {entry.article_id for entry in set_aside}
            return CorpusResult(
                articles=tuple(s.article_id for s in sources if s.article_id not in left_out),
                entities=entities,
                concepts=len(concepts),
                warnings=tuple(warnings),
                article_warnings=article_warnings,
                set_aside=tuple(set_aside),
                **totals,
                **outcome,
            )

        def stream(output: ArticleOutput, mapping: dict[str, str], digest: str) -> None:
            nonlocal union_parts
            graph_name = graph_of(output.article_id)
            reused = copy_unchanged(graph_name, digest)
            if reused is not None:  # as the last build wrote it: copied; only its shared lines are needed
                assert store is not None
                shared.share_only(output.ntriples(), mapping, reused["triples"])
                store.put(graph_name, b"", digest)  # the same digest: the store keeps the graph
                return
            own, new_shared = shared.split(rewrite(output.ntriples(), mapping))
            nq = nquads(own, graph_name) if store is not None or writer is not None else b""
            if store is not None:
                store.put(graph_name, nq, digest)
            if writer is not None:
                blocks = writer.graph(graph_name, own, union=True, nq=nq)
                if store is not None:
                    store.blocks[graph_name] = {"triples": own.count(b"\n"), "files": blocks}
            if union_parts is not None:
                union_parts += (own, new_shared)
                if shared.triples > IN_MEMORY_LIMIT:
                    union_parts = None

        # Until an article's graph differs from the last build's, hold it: if none does, and the files
        # are as that build left them, nothing needs writing (reading and re-serialising 10k unchanged
        # articles took minutes). Once one differs, the graphs that do not are copied from the last
        # build's files, not serialised again (10k articles, one changed: 154 s before). Only for corpora
        # past IN_MEMORY_LIMIT, whose outputs are all streamed.
        held: list[tuple[ArticleOutput, dict[str, str], str]] | None = None
        if store is not None and out_paths and store.old_triples > IN_MEMORY_LIMIT:
            held = [] if store.unchanged(out_paths) else None
            if held is not None and writer is not None and store.old_blocks and store.fresh_store is None:
                old_files.update({suffix: os.open(path, os.O_RDONLY) for suffix, path in out_paths.items()})
                union_parts = None  # read back from the union file, if it turns out small enough
        for output in outputs:
            if isinstance(output, SetAside):  # left out as if it were not in the corpus
                set_aside.append(output)
                continue
            totals["rebuilt"] += not output.from_cache
            warnings.extend(output.warnings)
            if output.warnings:
                article_warnings[output.article_id] = output.warnings
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
            digest = hashlib.sha256((output.key + json.dumps(sorted(mapping.items()))).encode()).hexdigest()
            if held is not None:
                held.append((dataclasses.replace(output, nodes=()), mapping, digest))  # nodes: done with
                assert store is not None
                if store.old.get(graph_of(output.article_id)) == digest:
                    continue
                for args in held:  # this one differs: from now on everything is written
                    stream(*args)
                held = None
            else:
                stream(output, mapping, digest)
        check_built_any(set_aside, len(sources))
        if held is not None and not failures:
            assert store is not None
            names = {graph_of(a.article_id) for a, _, _ in held}
            if names | {ontology_name, shared_name} == set(store.old):
                discard()
                return result(triples=store.old_triples, union_ntriples=None, unchanged=True)
            for args in held:  # an article was withdrawn
                stream(*args)
        if failures:
            raise ValidationError(
                "\n\n".join(f"article {f.article_id}:\n{f.report}" for f in failures[:20])
                + (f"\n\n… and {len(failures) - 20} more articles" if len(failures) > 20 else "")
            )
        shared.close()
        shared_digest = shared.content.hexdigest()
        if writer is not None:
            assert spool is not None
            if copy_unchanged(shared_name, shared_digest) is None:
                blocks = writer.shared(shared_name, spool)
                if store is not None:
                    store.blocks[shared_name] = {"files": blocks}
            writer.close()
            if old_files and shared.triples <= IN_MEMORY_LIMIT:  # the corpus shrank: small enough again
                assert staged is not None and out_paths is not None
                union_parts = [staged.temporary(out_paths["nt"]).read_bytes()]
        close_old_files()
        if store is not None:
            assert spool is not None
            store.put_shared(shared_name, spool, shared_digest)
    except BaseException:
        discard()
        raise
    return result(
        triples=shared.triples,
        union_ntriples=b"".join(union_parts) if union_parts is not None else None,
        staged=staged,
        store=store,
        spool=shared,
    )
