"""Reusing what the last build wrote, for graphs whose content did not change.

Why a module of its own: past :data:`parkgraph.corpus.build.IN_MEMORY_LIMIT` triples, rebuilding the
graph files of a corpus in which nothing, or one article, changed is mostly work already done. Two things
avoid it, both decided from the store's manifest (:mod:`parkgraph.corpus.store_update`), which records
each graph's digest and where its block lies in each graph file:

* **holding**: until an article's graph differs from the last build's, it is held, not written; if none
  differs and the files are as that build left them (size, time, the writer's identity), nothing needs
  writing at all (reading and re-serialising 10k unchanged articles took minutes);
* **copying**: once one differs, the graphs that did not are copied from the last build's files by the
  kernel (:meth:`parkgraph.corpus.graphfiles.GraphFileWriter.splice`), not serialised again (10k
  articles, one changed: 154 s before).

Only for corpora past the limit, whose outputs are all streamed; a smaller corpus is rewritten whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from .graphfiles import GraphFileWriter
from .store_update import StoreUpdate, file_stamp

Item = TypeVar("Item")


def files_unchanged(store: StoreUpdate, paths: Iterable[Path]) -> bool:
    """Whether the files the build writes (``paths``) are as the last build left them (same size and
    modification time, written by the same writer), so that a build whose graphs all keep their digests
    need not write anything."""
    paths = list(paths)
    if not store.old or store.old_writer != store.writer or set(store.old_files) != {p.name for p in paths}:
        return False
    return all(file_stamp(path) == store.old_files[path.name] for path in paths)


@dataclass
class BlockReuse(Generic[Item]):
    """Holds graphs while every one is as the last build left it, and copies unchanged graphs' blocks.

    ``admit`` takes each article's work item in id order and gives back the items to write now: none while
    holding, all the held ones (this one last) once one differs, and the item itself when not holding.
    ``copy`` copies a graph's blocks from the last build's files if its digest is the one recorded.
    """

    store: StoreUpdate | None
    writer: GraphFileWriter | None
    held: list[Item] | None = None  # None: not holding (writing as they come)
    old_files: dict[str, int] = field(default_factory=dict)  # the last build's files, by suffix: fds

    @classmethod
    def start(
        cls,
        store: StoreUpdate | None,
        writer: GraphFileWriter | None,
        out_paths: dict[str, Path] | None,
        *,
        stamped: list[Path],
        limit: int,
    ) -> BlockReuse[Item]:
        """Holding if the store's manifest is past ``limit`` triples and the files the build writes
        (``stamped``: the graph files of ``out_paths`` and the others it stamps) are as it left them;
        copying too if the store is updated in place."""
        reuse: BlockReuse[Item] = cls(store, writer)
        if store is None or not out_paths or store.old_triples <= limit:
            return reuse
        if files_unchanged(store, stamped):
            reuse.held = []
            if writer is not None and store.old_blocks and store.fresh_store is None:
                reuse.old_files = {suffix: os.open(path, os.O_RDONLY) for suffix, path in out_paths.items()}
        return reuse

    @property
    def holding(self) -> bool:
        return self.held is not None

    @property
    def copying(self) -> bool:
        """Whether graphs are copied from the last build's files (so the union is not held in memory)."""
        return bool(self.old_files)

    def admit(self, item: Item, name: str, digest: str) -> list[Item]:
        """The items to write now, given graph ``name``'s new ``digest``."""
        if self.held is None:
            return [item]
        self.held.append(item)
        assert self.store is not None
        if self.store.old.get(name) == digest:
            return []
        released, self.held = self.held, None
        return released

    def finish(self, name_of: Callable[[Item], str], others: Iterable[str]) -> tuple[bool, list[Item]]:
        """At the end: whether nothing changed (every article was held, and the graphs, the held ones'
        and ``others``, are exactly the last build's), and the held items still to write otherwise (an
        article was withdrawn)."""
        held, self.held = self.held, None
        if held is None:
            return False, []
        assert self.store is not None
        names = {name_of(item) for item in held} | set(others)
        if names == set(self.store.old):
            return True, []
        return False, held

    def copy(self, name: str, digest: str) -> dict[str, Any] | None:
        """If graph ``name`` holds what ``digest`` names and the last build's files are open: copy its
        blocks from them, record the new blocks, and return what the last build recorded of it; else None
        (write it anew). A fresh store needs every graph's N-Quads anyway, so then nothing is copied."""
        store = self.store
        if store is None or not self.old_files or store.fresh_store is not None:
            return None
        if store.old.get(name) != digest:
            return None
        reused = store.old_blocks.get(name)
        if reused is not None:
            assert self.writer is not None
            store.blocks[name] = {**reused, "files": self.writer.splice(reused["files"], self.old_files)}
        return reused

    def old_ntriples(self, name: str) -> bytes | None:
        """Graph ``name`` as the last build wrote it, as N-Triples (read from its block of the last
        build's ``parkgraph.nq``), when the last build's files are open; else None."""
        if self.store is None or "nq" not in self.old_files:
            return None
        block = self.store.old_blocks.get(name, {}).get("files", {}).get("nq")
        if block is None:
            return None
        offset, length = block
        data = os.pread(self.old_files["nq"], length, offset)
        if len(data) != length:
            return None
        suffix = f" <{name}> .\n".encode()
        lines = data.splitlines(keepends=True)
        if not all(line.endswith(suffix) for line in lines):
            return None  # not that graph's block after all: reload the graph instead
        return b"".join(line[: -len(suffix)] + b" .\n" for line in lines)

    def close(self) -> None:
        for descriptor in self.old_files.values():
            os.close(descriptor)
        self.old_files.clear()
