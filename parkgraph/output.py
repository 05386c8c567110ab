"""Writing the graph files: deterministic bytes, written atomically.

Determinism: N-Triples are written sorted, one triple a line, so the file is canonical for a graph
without blank nodes (parkgraph mints IRIs for every node). Turtle and JSON-LD come from rdflib, whose
serialisers sort subjects and predicates; a test rebuilds and compares bytes.

Atomicity: every file of a build is first written next to its target under a temporary name, and
only when all are written are they moved into place with :func:`os.replace`. A failure before that
leaves the previous files untouched and removes the temporary ones.
"""

from __future__ import annotations

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
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            pending.append((Path(temp), path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            # mkstemp creates 0600; give the file the mode a plain open() would (0666 less umask).
            os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        for temp, _ in pending:
            temp.unlink(missing_ok=True)
        raise
    for temp, path in pending:
        os.replace(temp, path)
    return [path for _, path in pending]
