"""The graph files of a corpus build: ``parkgraph.nq`` / ``.trig`` (named graphs) and ``parkgraph.nt`` /
``.ttl`` (their union), streamed graph by graph, staged under temporary names and moved into place at once.

Why a module of its own: what the files hold is decided elsewhere (which graph a line belongs to:
:mod:`parkgraph.corpus.shared`); this module only turns graphs into bytes, deterministically, and
remembers where each graph's block went in each file, so that a later build can copy a graph that did not
change instead of serialising it again (:mod:`parkgraph.corpus.reuse`). Nothing here holds the corpus.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox


def nquads(data: bytes, graph: str) -> bytes:
    """N-Triples ``data`` as N-Quads lines in ``graph``.

    >>> nquads(b'<a> <p> "x y" .\\n', "urn:g")
    b'<a> <p> "x y" <urn:g> .\\n'
    """
    suffix = f" <{graph}> .\n".encode()
    return b"".join(line[:-2] + suffix for line in data.splitlines())



class StagedFiles:
    """Files written under temporary names next to their targets, moved into place all at once."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []
        self.removals: list[Path] = []
        self.targets: dict[Path, Path] = {}  # target → its temporary file

    def open(self, path: Path) -> BinaryIO:
        """A new temporary file beside ``path`` (``.<name>.<random>.tmp``, a name
        :mod:`parkgraph.tempfiles` knows) that :meth:`commit` moves to ``path``; its write errors name
        it."""
        import tempfile

        from ..output import NamedWriter, named

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as error:
            raise named(error, path.parent) from None
        self.pending.append((Path(temp), path))
        self.targets[path] = Path(temp)
        return NamedWriter(handle, Path(temp), buffering=1 << 20)  # type: ignore[return-value]

    def remove(self, path: Path) -> None:
        self.removals.append(path)

    def adopt(self, other: StagedFiles) -> None:
        """Take over ``other``'s staged files and removals, to commit (or abort) them with these."""
        self.pending.extend(other.pending)
        self.removals.extend(other.removals)
        self.targets.update(other.targets)
        other.pending, other.removals, other.targets = [], [], {}

    def temporary(self, path: Path) -> Path:
        """The temporary file that will become ``path``."""
        return self.targets[path]

    def has(self, path: Path) -> bool:
        """Whether a temporary file that will become ``path`` is staged."""
        return path in self.targets

    def commit(self) -> list[Path]:
        from ..output import _umask

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

    def __init__(self, streams: dict[str, BinaryIO], prefixes: dict[str, str]) -> None:
        """Write into ``streams`` (by suffix: ``nq``, ``trig``, ``nt``, ``ttl``; any of them): the build's
        staged files (:meth:`staged`) or the one stream ``parkgraph export`` writes."""
        self.streams = streams
        self.offsets = dict.fromkeys(self.streams, 0)  # bytes written to each file so far
        self.prefixes = dict(sorted(prefixes.items()))
        header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()).encode()
        self._write("ttl", header)
        self._write("trig", header)

    @classmethod
    def staged(cls, staged: StagedFiles, paths: dict[str, Path], prefixes: dict[str, str]) -> GraphFileWriter:
        """A writer into new staged files, one for each of ``paths`` (by suffix)."""
        return cls({suffix: staged.open(path) for suffix, path in paths.items()}, prefixes)

    def _write(self, suffix: str, data: bytes) -> list[int]:
        """Append ``data`` to one file, if it is written; its block there: ``[offset, length]``."""
        offset = self.offsets.get(suffix, 0)
        stream = self.streams.get(suffix)
        if stream is None:
            return [offset, 0]
        stream.write(data)
        self.offsets[suffix] += len(data)
        return [offset, len(data)]

    def _turtle(self, data: bytes, prefixes: dict[str, str] | None = None) -> bytes:
        """Turtle of N-Triples ``data`` without the ``@prefix`` header (written once, at the top)."""
        return _turtle_body(data, prefixes or self.prefixes)

    def graph(self, name: str, data: bytes, *, union: bool, nq: bytes | None = None) -> dict[str, list[int]]:
        """Named graph ``name`` (N-Triples ``data``; ``nq``, its N-Quads, if already made) into the dataset
        files, and into the union files too when ``union``. A graph may come in several parts: TriG
        allows a graph name on several blocks, whose triples are then merged.

        Returns where it went, file by file (``{"nq": [offset, length], …}``)."""
        if not data:
            return {}
        blocks = {}
        if "nq" in self.streams:
            blocks["nq"] = self._write("nq", nq if nq is not None else nquads(data, name))
        body = self._turtle(data) if "trig" in self.streams or (union and "ttl" in self.streams) else b""
        blocks["trig"] = self._write("trig", f"<{name}> {{\n".encode() + body + b"}\n")
        if union:
            blocks["nt"] = self._write("nt", data)
            blocks["ttl"] = self._write("ttl", body)
        return blocks

    def described(self, name: str, data: bytes, prefixes: dict[str, str]) -> dict[str, list[int]]:
        """A graph about the dataset (its VoID description) into the dataset files only, last, with
        ``prefixes`` of its own: declared in the TriG right before its block (TriG allows a directive
        between blocks), so the union files' header stays the data's. Returns its blocks, as
        :meth:`graph` does."""
        extra = {p: ns for p, ns in sorted(prefixes.items()) if self.prefixes.get(p) != ns}
        blocks = {"nq": self._write("nq", nquads(data, name))}
        directives = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in extra.items()).encode()
        body = self._turtle(data, {**self.prefixes, **extra})
        blocks["trig"] = self._write("trig", directives + f"<{name}> {{\n".encode() + body + b"}\n")
        return blocks

    def shared(self, name: str, spool: Path) -> dict[str, list[int]]:
        """The shared graph, from the spool of its N-Triples lines, in chunks of :data:`CHUNK_LINES`;
        its blocks (one per file: the chunks follow each other)."""
        start = dict(self.offsets)
        with spool.open("rb") as lines:
            while chunk := b"".join(itertools.islice(lines, self.CHUNK_LINES)):
                self.graph(name, chunk, union=True)
        return {suffix: [start[suffix], self.offsets[suffix] - start[suffix]] for suffix in self.streams}

    def close(self) -> None:
        from ..output import named

        for stream in self.streams.values():
            stream.flush()
            try:
                os.fsync(stream.fileno())
            except OSError as error:
                raise named(error, getattr(stream, "path", "a graph file")) from None
            stream.close()

    def abandon(self) -> None:
        """Close the files unfinished (the caller then removes them), whatever the last flush says: a
        full disk that failed the build fails it too."""
        for stream in self.streams.values():
            with contextlib.suppress(OSError):
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


def turtle_document(data: bytes, prefixes: dict[str, str]) -> bytes:
    """A Turtle document of canonical N-Triples ``data``: the ``@prefix`` header in ``prefixes``' order
    (pyoxigraph's own header is not in a fixed order, so it is replaced), then pyoxigraph's serialisation,
    with language tags in their usual case."""
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in prefixes.items()).encode()
    return header + _turtle_body(data, prefixes)


def _turtle_body(data: bytes, prefixes: dict[str, str]) -> bytes:
    """Turtle of N-Triples ``data`` using ``prefixes``, without the ``@prefix`` header."""
    triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    turtle = restore_language_case(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes))
    end = 0
    while turtle.startswith(b"@prefix ", end):
        end = turtle.index(b"\n", end) + 1
    return turtle[end:]


_SUBTAGGED = re.compile(rb'"@([a-z]{2,3}(?:-[a-z0-9]{1,8})+)')
