"""The build's Oxigraph store (``graph/oxigraph/``), brought up to date with the graph files.

Why a module of its own: the store is the one output that is not rewritten from scratch on every build.
It is either loaded as the build goes into a fresh store that then replaces the old one, or, when a valid
store exists and few graphs changed, updated graph by graph in a checkpoint of the old one (hard links:
only the changes take space) that then replaces it. Either way the new store is staged beside the old one
and swapped in by renaming, once everything else is staged too, so a failed build leaves it as it was; its
manifest (``graph/oxigraph.manifest.json``) records what each graph holds (a digest), so the next build
knows which graphs changed, and where each graph's block lies in the graph files
(:mod:`parkgraph.corpus.reuse` copies those).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

#: The Oxigraph store's folder and its manifest, inside the output folder (neither is committed).
STORE_FOLDER = "oxigraph"
MANIFEST = "oxigraph.manifest.json"
#: Bytes of N-Quads loaded into a fresh store at once.
LOAD_BATCH = 128 << 20
#: Part of the store's identity: a store laid out by an older parkgraph is rebuilt, not updated.
STORE_LAYOUT = "graphs: ontology, articles, shared; no default graph"


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
    # graph name → (N-Triples lines it no longer holds, lines it now holds too): graphs updated in place
    # by their difference, not removed and loaded again (the shared graph, the VoID description)
    diffs: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    manifest_temp: Path | None = None  # the new manifest, staged beside the old one

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

    def decide(self, changed: int, total: int) -> None:
        """Fresh store when there is none or most graphs change; otherwise update in place at the end."""
        if not self.old or changed > total // 2:
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            self.fresh_folder = _reserve(self.folder.parent, ".oxigraph.", create=True)
            self.fresh_store = ox.Store(str(self.fresh_folder))

    def put(self, name: str, nq: bytes, digest: str, *, diff: tuple[bytes, bytes] | None = None) -> None:
        """Graph ``name`` holds ``nq`` (N-Quads, all in that graph), whose content ``digest`` names;
        ``diff``: what it lost and gained since the last build, as N-Triples (then a store updated in
        place applies that instead of replacing the graph).

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
            if diff is not None and name in self.old:
                self.diffs[name] = diff
            else:
                self.pending.append((name, nq))

    def put_shared(
        self, name: str, spool: Path, digest: str, *, diff: tuple[bytes, bytes] | None = None
    ) -> None:
        """The shared graph: its lines are in ``spool`` (read at :meth:`commit`); ``diff`` as for
        :meth:`put`."""
        self.new[name] = digest
        changed = self.old.get(name) != digest
        if self.fresh_store is None and changed and diff is not None and name in self.old:
            self.diffs[name] = diff
        elif self.fresh_store is not None or changed:
            self.shared = (name, spool)

    def load_batch(self) -> None:
        if self.batch and self.fresh_store is not None:
            try:
                self.fresh_store.bulk_load(b"".join(self.batch), format=ox.RdfFormat.N_QUADS)
            except OSError as error:
                from ..output import named

                assert self.fresh_folder is not None
                raise named(error, self.fresh_folder) from None
        self.batch, self.batched = [], 0

    def stage(self) -> None:
        """Write everything the update needs beside the store, changing nothing the store or its
        manifest hold: a fresh store is finished in its own folder; an update in place is applied to a
        checkpoint of the store (RocksDB's: hard links to its immutable files, so a copy costs
        milliseconds and only the changes take space); the manifest goes to a temporary file. Then
        :meth:`commit` only renames. A failure here (a full disk) leaves the last build's store as it
        was; the error names the folder being written."""
        folder = self.fresh_folder or self.folder
        try:
            if self.fresh_store is not None:
                self.load_batch()
                self._load_shared(self.fresh_store)
                self.fresh_store.flush()
                self.fresh_store = None  # closed: the last reference goes
            elif self.changes():
                folder = self.fresh_folder = _reserve(self.folder.parent, ".oxigraph.")
                ox.Store.read_only(str(self.folder)).backup(str(self.fresh_folder))
                store = ox.Store(str(self.fresh_folder))
                try:
                    gone = sorted(set(self.old) - set(self.new))
                    gone += [n for n, _ in self.pending if n in self.old]
                    for name in gone:
                        store.remove_graph(ox.NamedNode(name))
                    for _, nq in self.pending:
                        store.bulk_load(nq, format=ox.RdfFormat.N_QUADS)
                    for name, (removed, added) in sorted(self.diffs.items()):
                        apply_diff(store, name, removed, added)
                    self._load_shared(store)
                    store.flush()
                except BaseException as failure:
                    # the frames the error passed through hold the store too: clear their locals
                    traceback.clear_frames(failure.__traceback__)
                    raise
                finally:
                    # closed now, even on an error: the traceback would keep this frame, and RocksDB
                    # open, writing files into the checkpoint while abort() removes it (seen under load)
                    del store
            # compact: json's indenting encoder is pure Python (0.5 s for the 1k corpus's manifest)
            manifest = {
                "identity": self.identity,
                "graphs": dict(sorted(self.new.items())),
                "files": dict(sorted(self.files.items())),
                "triples": self.triples,
                "writer": self.writer,
                "blocks": dict(sorted(self.blocks.items())),
            }
            folder = self.manifest_path
            self.manifest_temp = _write_temporary(
                self.manifest_path, json.dumps(manifest, separators=(",", ":")).encode() + b"\n"
            )
        except OSError as error:
            from ..output import named

            raise named(error, folder) from None

    def changes(self) -> bool:
        """Whether an update in place changes anything in the store."""
        return bool(set(self.old) - set(self.new) or self.pending or self.diffs or self.shared)

    def commit(self) -> None:
        """Put what :meth:`stage` wrote in place, by renaming: the manifest goes first (until it is back
        the store counts as stale, and the next build makes a fresh one), then the store folder is
        swapped with the staged one and the old one removed, then the manifest comes back."""
        assert self.manifest_temp is not None, "stage() first"
        self.manifest_path.unlink(missing_ok=True)
        if self.fresh_folder is not None:
            old = None
            if self.folder.exists():
                old = _reserve(self.folder.parent, ".oxigraph.", create=False)
                os.rename(self.folder, old)
            os.rename(self.fresh_folder, self.folder)
            self.fresh_folder = None
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        os.replace(self.manifest_temp, self.manifest_path)
        self.manifest_temp = None

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
        """Remove whatever was staged; the store and its manifest stay as the last build left them."""
        self.fresh_store = None
        if self.fresh_folder is not None:
            for _ in range(5):  # a store being closed may still write a file as the folder goes
                shutil.rmtree(self.fresh_folder, ignore_errors=True)
                if not self.fresh_folder.exists():
                    break
                time.sleep(0.2)
            self.fresh_folder = None
        if self.manifest_temp is not None:
            self.manifest_temp.unlink(missing_ok=True)
            self.manifest_temp = None


def _reserve(parent: Path, prefix: str, *, create: bool = False) -> Path:
    """A new, unused name in ``parent`` starting with ``prefix`` (a name :mod:`parkgraph.tempfiles`
    knows as the build's own); the folder is created only if ``create`` (a RocksDB checkpoint and a
    rename both want a name that does not exist yet)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    if not create:
        folder.rmdir()
    return folder


def _write_temporary(path: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``path`` (``.<name>.<random>.tmp``), synced; its path."""
    import tempfile

    from ..output import _umask

    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def apply_diff(store: ox.Store, name: str, removed: bytes, added: bytes) -> None:
    """Graph ``name`` of ``store`` without the N-Triples lines ``removed`` and with ``added``.

    Why not remove and load the graph again: for the shared graph of 1k articles (173k lines) that took
    5 s, 3.5 s of it removing, and one article that changed alters a few of its lines."""
    graph = ox.NamedNode(name)
    if removed:
        for triple in ox.parse(removed, format=ox.RdfFormat.N_TRIPLES):
            store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, graph))
    if added:
        store.bulk_load(added, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
