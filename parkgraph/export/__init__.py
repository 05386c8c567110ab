"""``parkgraph export``: the union of a built corpus in any of its formats, streamed from the per-graph
files the build keeps (``graph/dataset/``, :mod:`parkgraph.corpus.dataset`), in bounded memory.

Why: past about 300k triples the build no longer writes the union files (``graph/parkgraph.nq`` and the
rest): at 10k articles they were 20.7 GB, rewritten by every build however small the change (issue 23).
A user who needs them asks for them, in the format they need, compressed if they like, to a file or to
standard output::

    parkgraph export --format ttl                     # graph/parkgraph.ttl
    parkgraph export --format nq --gzip --out -       # N-Quads, gzip-compressed, to standard output

The line formats (N-Quads, N-Triples) and the Turtle formats (Turtle, TriG) are written graph by graph,
by the writer the build itself uses (:class:`parkgraph.corpus.graphfiles.GraphFileWriter`), so for a
small corpus they are byte for byte the files the build wrote. JSON-LD, the OWL 2 RL closure and the
networkx formats have writers of their own (:mod:`.jsonld`, :mod:`.closure`, :mod:`.networkx`).

The export holds the output folder's lock *shared*, as ``parkgraph serve`` does, so no build swaps the
files while it reads them; each file is checked against the digest the build recorded first, and one
that is not as the build wrote it stops the export (:class:`~parkgraph.errors.DatasetChangedError`).
A file is written atomically (a temporary beside it, renamed at the end); gzip output is deterministic
(no name, time zero).
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..corpus.dataset import BuiltDataset, GraphFile
from ..errors import ParkgraphError
from .source import GraphSource

#: Export formats: name → (file suffix, what it holds).
FORMATS: dict[str, tuple[str, str]] = {
    "nq": ("nq", "N-Quads: every named graph (ontology, articles, shared, VoID)"),
    "trig": ("trig", "TriG: every named graph"),
    "nt": ("nt", "N-Triples: the union of the article graphs and the shared graph"),
    "ttl": ("ttl", "Turtle: the union of the article graphs and the shared graph"),
    "jsonld": ("jsonld", "JSON-LD: the union, compacted with parkgraph's context"),
    "inferred": ("inferred.ttl", "Turtle: the union and the ontology closed under OWL 2 RL"),
    "graphml": ("graphml", "GraphML: the entity-level networkx graph"),
    "gexf": ("gexf", "GEXF: the entity-level networkx graph"),
}
#: The graphs of the union formats (the data): not the ontology's, not the VoID description's.
_UNION_KINDS = ("article", "shared")
#: N-Triples lines of the shared graph serialised at once.
_CHUNK_LINES = 200_000


@dataclass(frozen=True)
class ExportResult:
    """What :func:`export` wrote: the format, the path (None for standard output), bytes and graphs."""

    format: str
    path: Path | None
    size: int
    graphs: int


def source_of(dataset: BuiltDataset) -> GraphSource:
    """The dataset's graphs as a source of ``(name, kind, N-Triples)``, one file at a time, each call a
    new pass; the shared graph in chunks of lines (it grows with the corpus)."""

    def graphs() -> Iterator[tuple[str, str, bytes]]:
        for file in dataset.files:
            if file.kind == "shared":
                yield from ((file.name, file.kind, chunk) for chunk in _chunks(file))
            else:
                yield file.name, file.kind, file.ntriples()

    return graphs


def _chunks(file: GraphFile) -> Iterator[bytes]:
    from ..corpus.dataset import strip_graph

    with file.path.open("rb") as stream:
        while chunk := b"".join(itertools.islice(stream, _CHUNK_LINES)):
            yield strip_graph(chunk, file.name)


def default_path(out_dir: Path, fmt: str, *, compress: bool) -> Path:
    """Where an export goes unless told: ``graph/parkgraph.<suffix>`` (``.gz`` added when compressed)."""
    from ..project import GRAPH_NAME

    return out_dir / f"{GRAPH_NAME}.{FORMATS[fmt][0]}{'.gz' if compress else ''}"


def export(
    out_dir: Path,
    *,
    fmt: str,
    out: Path | None,
    compress: bool = False,
    ontology_dir: Path,
    cache_dir: Path | None = None,
    stdout: BinaryIO | None = None,
) -> ExportResult:
    """Write the union of the corpus built into ``out_dir`` in format ``fmt`` (a key of
    :data:`FORMATS`) to ``out``, or to ``stdout`` (default: the process's) when ``out`` is None.

    Raises :class:`~parkgraph.errors.GraphNotBuiltError` if no build wrote ``out_dir`` and
    :class:`~parkgraph.errors.DatasetChangedError` if one of its files is not as the build wrote it.
    """
    from ..lock import locked

    if fmt not in FORMATS:
        raise ParkgraphError(f"unknown export format {fmt!r}; one of: {', '.join(FORMATS)}")
    if not out_dir.is_dir():
        from ..errors import GraphNotBuiltError

        raise GraphNotBuiltError(out_dir, "no output folder")
    with locked(out_dir, shared=True, what="the build writing this output folder"):
        dataset = BuiltDataset.read(out_dir)
        dataset.check()
        write = _writer(fmt, dataset, ontology_dir=ontology_dir, cache_dir=cache_dir)
        if out is None:
            target = stdout if stdout is not None else sys.stdout.buffer
            size = _write_to(target, write, compress=compress)
            target.flush()
        else:
            size = _write_file(out, write, compress=compress)
    return ExportResult(format=fmt, path=out, size=size, graphs=len(dataset.files))


class _Counting:
    """A binary stream that counts what goes through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()


def _write_to(target: BinaryIO, write: Callable[[BinaryIO], None], *, compress: bool) -> int:
    counting = _Counting(target)
    if compress:
        with gzip.GzipFile(filename="", mode="wb", fileobj=counting, mtime=0) as zipped:  # type: ignore[arg-type]
            write(zipped)  # type: ignore[arg-type]
    else:
        write(counting)  # type: ignore[arg-type]
    return counting.size


def _write_file(path: Path, write: Callable[[BinaryIO], None], *, compress: bool) -> int:
    """Write to a temporary file beside ``path`` and move it into place: never a half-written file."""
    from ..output import NamedWriter, _umask, named

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise named(error, path.parent) from None
    try:
        with NamedWriter(handle, Path(temp), buffering=1 << 20) as stream:
            size = _write_to(stream, write, compress=compress)  # type: ignore[arg-type]
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return size


def _writer(
    fmt: str, dataset: BuiltDataset, *, ontology_dir: Path, cache_dir: Path | None
) -> Callable[[BinaryIO], None]:
    """The function that writes format ``fmt`` of ``dataset`` into a stream."""
    source = source_of(dataset)
    if fmt in ("nq", "nt", "ttl", "trig"):
        return lambda stream: write_lines_or_turtle(source, stream, fmt=fmt, base=dataset.base)
    from ..vocabulary import load_ontology

    ontology = load_ontology(ontology_dir)
    if fmt == "jsonld":
        from .jsonld import write as write_jsonld

        return lambda stream: write_jsonld(source, stream, ontology=ontology, base=dataset.base)
    if fmt == "inferred":
        from .closure import write as write_closure

        return lambda stream: write_closure(
            source, stream, ontology=ontology, base=dataset.base, cache=cache_dir
        )
    from .networkx import write_gexf, write_graphml

    networkx = write_graphml if fmt == "graphml" else write_gexf
    return lambda stream: networkx(source, stream, ontology=ontology, base=dataset.base)


def write_lines_or_turtle(source: GraphSource, stream: BinaryIO, *, fmt: str, base: str) -> None:
    """N-Quads, N-Triples, Turtle or TriG of ``source`` into ``stream``, graph by graph, as the build
    writes its union files (:class:`~parkgraph.corpus.graphfiles.GraphFileWriter`)."""
    from ..corpus.graphfiles import GraphFileWriter
    from ..namespaces import PREFIXES
    from ..void import VOID_PREFIXES

    writer = GraphFileWriter({fmt: stream}, {**PREFIXES, "pgid": f"{base}id/"})
    for name, kind, data in source():
        if kind == "void":
            writer.described(name, data, VOID_PREFIXES)
        else:
            writer.graph(name, data, union=kind in _UNION_KINDS)
