"""Writing the graph files: deterministic bytes, written atomically.

Determinism: N-Triples are written sorted, one triple a line, so the file is canonical for a graph
without blank nodes (parkgraph mints IRIs for every node). Turtle and JSON-LD come from rdflib, whose
serialisers sort subjects and predicates; a test rebuilds and compares bytes.

Atomicity: every file of a build is first written next to its target under a temporary name, and
only when all are written are they moved into place with :func:`os.replace`. A failure before that
leaves the previous files untouched and removes the temporary ones.

A write that fails for lack of space (``ENOSPC``, ``EDQUOT``) is re-raised with the file it was writing
(:func:`named`: Python's own error for a failed ``write()`` names none), so that the build can say which
file could not be written (:class:`parkgraph.errors.DiskFullError`).
"""

from __future__ import annotations

import errno
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from rdflib import Graph

from .namespaces import PREFIXES
from .ntriples import graph_ntriples

Writer = Callable[[], bytes]


def ntriples(graph: Graph) -> bytes:
    """Canonical N-Triples: one triple a line, sorted, UTF-8.

    The lines rdflib's ``nt`` serializer writes, sorted; formatted by :mod:`parkgraph.ntriples`
    (byte-identical, without rdflib's per-term ``n3()`` and the decode/split of its output).
    """
    return graph_ntriples(graph)


def turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


def jsonld_context(extra: Mapping[str, str] | None = None) -> dict[str, object]:
    """A readable JSON-LD @context: our prefixes, plus ``@language``-free term definitions."""
    context: dict[str, object] = dict(sorted(PREFIXES.items()))
    if extra:
        context.update(sorted(extra.items()))
    return context


def jsonld(graph: Graph, *, extra_prefixes: Mapping[str, str] | None = None) -> bytes:
    context = jsonld_context(extra_prefixes)
    text = graph.serialize(format="json-ld", context=context, auto_compact=True, sort_keys=True, indent=1)
    data = _sorted_sets(json.loads(text))
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _sorted_sets(value: object, key: str = "") -> object:
    """Sort every JSON-LD array except ``@list`` ones: they are sets, and rdflib emits them in its
    internal store order, which changes with Python's hash seed."""
    if isinstance(value, dict):
        return {k: _sorted_sets(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_sets(item) for item in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
    return value


#: What an ``OSError`` says when the disk or the user's quota is full (RocksDB says it in words only).
_FULL = (errno.ENOSPC, errno.EDQUOT)
_FULL_WORDS = ("No space left on device", "Disk quota exceeded")


def is_disk_full(error: BaseException) -> bool:
    """Whether ``error`` is a write that failed for lack of space."""
    if not isinstance(error, OSError):
        return False
    return error.errno in _FULL or any(words in str(error) for words in _FULL_WORDS)


def named(error: OSError, path: Path | str) -> OSError:
    """``error``, naming ``path`` if it names no file yet (a failed ``write()`` or a store's error)."""
    if error.filename is None:
        if error.errno is not None:
            renamed = type(error)(error.errno, error.strerror, str(path))
        else:
            renamed = OSError(errno.ENOSPC if is_disk_full(error) else errno.EIO, str(error), str(path))
        renamed.__traceback__ = error.__traceback__
        return renamed
    return error


class NamedWriter(io.BufferedWriter):
    """A buffered binary file whose errors name it (:func:`named`): the graph files are written through
    these, in blocks, long after they were opened."""

    def __init__(self, handle: int, path: Path, buffering: int = io.DEFAULT_BUFFER_SIZE) -> None:
        super().__init__(io.FileIO(handle, "wb"), buffer_size=buffering)
        self.path = path

    def write(self, data: bytes) -> int:  # type: ignore[override]
        try:
            return super().write(data)
        except OSError as error:
            raise named(error, self.path) from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as error:
            raise named(error, self.path) from None

    def close(self) -> None:
        try:
            super().close()
        except OSError as error:
            raise named(error, self.path) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(files: Mapping[Path, Writer]) -> list[Path]:
    """Write every ``path: produce_bytes`` pair, all or nothing. Returns the paths written."""
    pending: list[tuple[Path, Path]] = []
    try:
        for path, produce in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            data = produce()
            try:
                handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            except OSError as error:
                raise named(error, path.parent) from None
            pending.append((Path(temp), path))
            with NamedWriter(handle, Path(temp)) as stream:
                stream.write(data)
                stream.flush()
                try:
                    os.fsync(stream.fileno())
                except OSError as error:
                    raise named(error, temp) from None
            # mkstemp creates 0600; give the file the mode a plain open() would (0666 less umask).
            os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        for temp, _ in pending:
            temp.unlink(missing_ok=True)
        raise
    for temp, path in pending:
        os.replace(temp, path)
    return [path for _, path in pending]
