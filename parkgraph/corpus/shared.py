"""Which graph each line of an article goes to: the article's own named graph, or the shared graph.

Why a module of its own: this split is what keeps every triple in exactly one graph, so that the union
of the graphs (what Oxigraph and Jena query as the default graph) has no duplicates; the graph files, the
store and the VoID counts all rely on it.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .resolution import rewrite

#: The id of the shared graph (``{base}graph/shared``): entities and concepts, each line once.
SHARED_GRAPH_ID = "shared"
_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass(frozen=True)
class Split:
    """An article's lines, split: its own graph's, and those new to the shared graph; and, of its lines
    about entities and concepts that stay in its own graph (which of its spans supports which entity),
    how many there are by predicate and how many entities they are about (the article's entities)."""

    own: bytes
    new: bytes
    run_predicates: Counter[bytes]
    entities: int


#: The IRI spaces under the base whose lines any article may say: the software agents that extracted
#: articles, concepts and entities (sorted: their lines are runs of the sorted N-Triples, in this order).
SHARED_KINDS = ("agent", "concept", "id")


class SharedLines:
    """Splits each article's lines into its own graph and the shared graph, which holds each line once.

    Facts, statements, evidence and the article node have IRIs scoped to their article
    (``{base}fact/<article>/…`` and so on), so lines about them are the article's alone. Lines about
    entities, concepts and the software that extracted articles (``{base}id/…``, ``{base}concept/…``,
    ``{base}agent/…``) can be said by many articles: they go to
    the shared graph, once, unless their object is scoped to the article (``<entity> pg:evidence
    <evidence/…>``: which of this article's spans supports the entity), which stays in the article's graph.
    So no triple is in two graphs, and the union of the graphs (what Oxigraph's and Jena's union default
    graph gives) has no duplicates. Lines already shared are remembered as 16-byte BLAKE2 digests (a
    collision, at 2**-128 per pair, would be needed to lose one); new ones are appended to ``spool``.
    """

    def __init__(self, base: str, spool: Path | None) -> None:
        # the runs of sorted lines whose subject starts <{base}agent/, <{base}concept/ and <{base}id/
        # ("0" follows "/"), in the order the lines sort
        self.runs = [(f"<{base}{kind}/".encode(), f"<{base}{kind}0".encode()) for kind in SHARED_KINDS]
        self.scoped = tuple(f"<{base}{kind}/".encode() for kind in ("article", "evidence", "fact"))
        self.seen: set[bytes] = set()
        self.triples = 0
        self.spool = spool
        self.stream: BinaryIO | None = None
        # with no spool (a dry run, which writes nothing), the shared graph's lines are kept in memory
        self.lines: list[bytes] | None = [] if spool is None else None
        if spool is not None:
            from ..output import NamedWriter

            self.stream = NamedWriter(os.open(spool, os.O_WRONLY | os.O_TRUNC), spool, 1 << 20)  # type: ignore[assignment]
        self.content = hashlib.sha256()  # of the shared graph's lines, in order: the store's digest of it
        self.entity_prefix = f"<{base}id/".encode()
        # what the shared graph holds, for its VoID description: lines by predicate, instances by class
        self.predicates: Counter[bytes] = Counter()
        self.classes: Counter[bytes] = Counter()

    def split(self, data: bytes) -> Split:
        """The article's own lines of ``data`` (sorted N-Triples) and its lines new to the shared graph.

        The lines are sorted, so those about concepts and entities are two runs, found by bisection;
        only their lines are looked at one by one.
        """
        lines = data.splitlines(keepends=True)
        own: list[bytes] = []
        new: list[bytes] = []
        predicates: Counter[bytes] = Counter()
        entities: set[bytes] = set()
        start = 0
        for first, end in self._runs(lines):
            own += lines[start:first]
            self._share(lines[first:end], own, new, predicates, entities)
            start = end
        own += lines[start:]
        self.triples += len(own)
        return Split(b"".join(own), self._add(new), predicates, len(entities))

    def share_only(self, data: bytes, mapping: dict[str, str], own_triples: int) -> bytes:
        """For an article whose own graph is taken as the last build left it (its file in
        ``graph/dataset/``, ``own_triples`` lines): its lines new to the shared graph, as :meth:`split` of
        ``rewrite(data, mapping)`` would give them. Only the entity and concept runs are looked at
        (found by searching the bytes, not by splitting every line: a rebuild in which one article of
        1k changed spent 1.1 s splitting lines) and rewritten: ``mapping`` maps entity IRIs to entity
        IRIs, so no line enters or leaves a run."""
        runs = rewrite(b"".join(self._run_bytes(data)), mapping)
        new: list[bytes] = []
        self._share(runs.splitlines(keepends=True), [], new, Counter(), set())
        self.triples += own_triples
        return self._add(new)

    def _run_bytes(self, data: bytes) -> list[bytes]:
        """The runs of sorted N-Triples ``data`` whose subjects start as :attr:`runs` say, as bytes.

        Lines are sorted, so a run is contiguous: it starts at the first line with its prefix and ends
        after the last one. A newline is never inside an N-Triples line (literals escape it), so
        ``b"\\n" + prefix`` finds line starts only.

        >>> lines = SharedLines("https://x.org/", None)
        >>> data = b'<https://x.org/article/a> <p> "1" .\\n<https://x.org/id/e> <p> "2" .\\n<z> <p> "3" .\\n'
        >>> lines._run_bytes(data)
        [b'', b'', b'<https://x.org/id/e> <p> "2" .\\n']
        """
        out = []
        for low, _ in self.runs:
            first = 0 if data.startswith(low) else data.find(b"\n" + low) + 1
            if first == 0 and not data.startswith(low):
                out.append(b"")
                continue
            last = data.rfind(b"\n" + low) + 1
            last = max(last, first)
            end = data.find(b"\n", last)
            out.append(data[first : end + 1 if end >= 0 else len(data)])
        return out

    def _runs(self, lines: list[bytes]) -> list[tuple[int, int]]:
        return [(bisect.bisect_left(lines, low), bisect.bisect_left(lines, high)) for low, high in self.runs]

    def _share(
        self,
        lines: list[bytes],
        own: list[bytes],
        new: list[bytes],
        predicates: Counter[bytes],
        entities: set[bytes],
    ) -> None:
        """Lines about entities and concepts: to ``own`` if their object is scoped to the article (counted
        in ``predicates``, their entity subjects in ``entities``), else to ``new`` unless the shared graph
        has them already."""
        for line in lines:
            subject, predicate, rest = line.split(b" ", 2)
            if rest.startswith(self.scoped):
                own.append(line)
                predicates[predicate] += 1
                if subject.startswith(self.entity_prefix):
                    entities.add(subject)
                continue
            digest = hashlib.blake2b(line, digest_size=16).digest()
            if digest not in self.seen:
                self.seen.add(digest)
                new.append(line)
                self.predicates[predicate] += 1
                if predicate == _RDF_TYPE:
                    self.classes[rest[: rest.rindex(b" ")]] += 1

    def _add(self, new: list[bytes]) -> bytes:
        new_data = b"".join(new)
        self.triples += len(new)
        self.content.update(new_data)
        if self.stream is not None:
            self.stream.write(new_data)  # a NamedWriter: its errors name the spool
        elif self.lines is not None:
            self.lines.append(new_data)
        return new_data

    def data(self) -> bytes:
        """The shared graph's lines so far (read from the spool, which :meth:`close` flushes)."""
        if self.lines is not None:
            return b"".join(self.lines)
        return self.spool.read_bytes() if self.spool is not None else b""

    def diff(self, old: bytes) -> tuple[bytes, bytes]:
        """What the shared graph lost and gained since the last build, whose shared graph was ``old``
        (N-Triples lines): (its lines no longer said, the spool's lines it did not have). Call after
        :meth:`close`. Lines are compared by the digests :meth:`split` keeps, so the old graph's lines
        are never all held at once."""
        assert self.spool is not None
        before: set[bytes] = set()
        removed = []
        for line in old.splitlines(keepends=True):
            digest = hashlib.blake2b(line, digest_size=16).digest()
            before.add(digest)
            if digest not in self.seen:
                removed.append(line)
        added = []
        with self.spool.open("rb") as lines:
            for line in lines:
                if hashlib.blake2b(line, digest_size=16).digest() not in before:
                    added.append(line)
        return b"".join(removed), b"".join(added)

    def close(self) -> None:
        if self.stream is not None:
            stream, self.stream = self.stream, None
            stream.close()

    def discard(self) -> None:
        with contextlib.suppress(OSError):  # the full disk that failed the build fails this flush too
            self.close()
        if self.spool is not None:
            self.spool.unlink(missing_ok=True)
