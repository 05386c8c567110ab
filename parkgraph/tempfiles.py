"""The temporary files a build stages, and removing the ones a killed build left.

Why: every output is written under a temporary name first and moved into place only when all are
written (:mod:`parkgraph.output`, :class:`parkgraph.corpus.graphfiles.StagedFiles`). A build killed
before that (``kill -9``, a power cut) cannot remove them: one kill left 460 MB. The next build does,
at its start, while it holds the locks of :mod:`parkgraph.lock`, so that no other build can be writing
them.

Only names a build makes are removed, never a user's file:

* in the output folder: ``.<output>.<random>.tmp`` for each file the build writes there
  (``.parkgraph.nt.k3j2x8.tmp``, ``.build-report.json.….tmp``, ``.void.ttl.….tmp``,
  ``.oxigraph.manifest.json.….tmp``), the shared graph's spool ``.shared.<random>.nt``, and the store
  folders being built ``.oxigraph.<random>/``;
* in ``views/`` and ``dataset/`` (the build's own folders), any ``.*.tmp``;
* in the article cache (``.parkgraph-cache/``, the build's own folder), any ``.*.tmp``.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

#: The output folder's temporary names (the stems are the files the build writes there).
_OUTPUT_TEMPORARY = re.compile(
    r"^\.(?:parkgraph\.[A-Za-z.]+|build-report\.json|void\.ttl|oxigraph\.manifest\.json)\.[^/]+\.tmp$"
    r"|^\.shared\.[^/]+\.nt$"
)
#: A store folder being built (fresh, or a checkpoint of the last one being updated).
_STORE_TEMPORARY = re.compile(r"^\.oxigraph\.[^/.]+$")


@dataclass(frozen=True)
class Removed:
    """What :func:`remove_stale` removed: paths and bytes."""

    paths: tuple[Path, ...] = ()
    size: int = 0


def _size(path: Path) -> int:
    if path.is_dir() and not path.is_symlink():
        return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())
    return path.lstat().st_size


def stale_temporaries(out_dir: Path | None, cache_dir: Path | None) -> list[Path]:
    """The temporary files and folders a build makes that are in ``out_dir`` (with its ``views/`` and
    ``dataset/``) and ``cache_dir``; stale if no build is running, which holding the locks makes sure
    of."""
    found: list[Path] = []
    if out_dir is not None and out_dir.is_dir():
        for entry in out_dir.iterdir():
            file = _OUTPUT_TEMPORARY.match(entry.name) and not entry.is_dir()
            store = _STORE_TEMPORARY.match(entry.name) and entry.is_dir() and not entry.is_symlink()
            if file or store:
                found.append(entry)
        for own in ("views", "dataset"):  # the build's own folders: the HTML views, the per-graph files
            folder = out_dir / own
            if folder.is_dir() and not folder.is_symlink():
                found += [p for p in folder.rglob(".*.tmp") if p.is_file() and not p.is_symlink()]
    if cache_dir is not None and cache_dir.is_dir():
        found += [p for p in cache_dir.rglob(".*.tmp") if p.is_file() and not p.is_symlink()]
    return sorted(found)


def remove_stale(out_dir: Path | None, cache_dir: Path | None) -> Removed:
    """Remove :func:`stale_temporaries`; call it only while holding the build's locks."""
    paths, size = [], 0
    for path in stale_temporaries(out_dir, cache_dir):
        try:
            size += _size(path)
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            continue
        paths.append(path)
    return Removed(tuple(paths), size)
