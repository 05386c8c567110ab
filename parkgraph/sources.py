"""The build's inputs: which entries of ``corpus/`` and ``annotations/`` make which article, and which
are not read, with why.

Why a module of its own: what a build reads is a safety question as much as a layout one. A corpus folder
is filled from many places and may hold anything: links (``ln -s /etc/passwd corpus/x.txt`` put the
password file into the graph), folders, named pipes, hidden files, notes, a browser's ``_files`` folder.
So entries are looked at without following links, and:

* an entry named like a capture (``<id>.txt``, ``.html``, ``.htm``) is an article's capture whatever it
  is: if it is not a regular file, reading it fails with its name (:mod:`parkgraph.inputfiles`) and the
  build sets it aside, or stops on it when a curated annotation file commits a curator to it; the same
  for a sidecar (``<id>.meta.yaml``) and an annotation file (``annotations/<id>.yaml``) that are not
  regular files;
* every other entry is not read, and :class:`NotRead` says why, for the build report
  (``graph/build-report.json``, ``not_read``): hidden entries (a name starting with ``.``), and entries
  that are neither a capture, a sidecar nor an annotation file (a folder, a ``.pdf``, a ``.yml``).

Nothing is followed out of the project: the corpus and annotation folders are the project's (they may be
links themselves, set up by whoever set up the project), their entries are never followed.

>>> [s.article_id for s in find_sources(Path("corpus"), Path("annotations"))]
['000_64b6559f5e865fa2']
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import AnnotationError, CaptureError, ParkgraphError
from .inputfiles import (
    CAPTURE_LIMIT_HINT,
    DEFAULT_MAX_CAPTURE_BYTES,
    MAX_SIDECAR_BYTES,
    SIDECAR_LIMIT_HINT,
    entry_kind,
    read_regular,
)

__all__ = ["ArticleSource", "Inputs", "NotRead", "find_sources", "scan_inputs"]

#: The file suffixes of captures (:data:`parkgraph.reader.CAPTURE_SUFFIXES`; not imported from the reader,
#: which is heavy, and checked equal by tests/test_safety_inputs.py) and of sidecars.
CAPTURE_SUFFIXES = (".txt", ".html", ".htm")
SIDECAR_SUFFIX = ".meta.yaml"


@dataclass(frozen=True)
class ArticleSource:
    """An article's input files: the raw capture, its curated annotations, and the optional sidecar
    (``<id>.meta.yaml``) whose metadata overrides the page's."""

    article_id: str
    capture: Path
    annotations: Path | None  # None: no curated file, the extractor drafts the annotations
    sidecar: Path | None = None

    @property
    def curated(self) -> bool:
        return self.annotations is not None

    def digest(self, max_capture_bytes: int | None = DEFAULT_MAX_CAPTURE_BYTES) -> str:
        """The SHA-256 of the article's input files (regular files only, the capture at most
        ``max_capture_bytes``): a :class:`CaptureError`, or an :class:`AnnotationError` for the
        annotation file, naming the file that cannot be read."""
        h = hashlib.sha256()
        capture = read_regular(self.capture, limit=max_capture_bytes, limit_hint=CAPTURE_LIMIT_HINT)
        h.update(b"capture" + hashlib.sha256(capture).digest())
        if self.annotations is not None:
            try:
                data = read_regular(self.annotations)
            except CaptureError as error:
                raise AnnotationError(self.annotations, None, f"{error.problem}; {error.hint}") from None
            h.update(b"annotations" + hashlib.sha256(data).digest())
        if self.sidecar is not None:
            data = read_regular(self.sidecar, limit=MAX_SIDECAR_BYTES, limit_hint=SIDECAR_LIMIT_HINT)
            h.update(b"sidecar" + hashlib.sha256(data).digest())
        return h.hexdigest()


@dataclass(frozen=True)
class NotRead:
    """An entry of ``corpus/`` or ``annotations/`` that the build does not read, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Inputs:
    """What a build reads (``sources``, in id order) and what it leaves (``not_read``, by path)."""

    sources: tuple[ArticleSource, ...]
    not_read: tuple[NotRead, ...]


def find_sources(corpus_dir: Path, annotations_dir: Path) -> list[ArticleSource]:
    """Every capture (``corpus/<id>.txt`` or ``.html``) with its ``annotations/<id>.yaml`` and its
    sidecar, in id order (:func:`scan_inputs`)."""
    return list(scan_inputs(corpus_dir, annotations_dir).sources)


def scan_inputs(corpus_dir: Path, annotations_dir: Path) -> Inputs:
    """The articles of ``corpus_dir`` with their annotations and sidecars, and the entries not read.

    A capture without annotations is extracted (its source's ``annotations`` is None). Annotations or a
    sidecar without a capture, or two captures of one id, is an error naming the file: a corpus build
    must not silently leave an article out.
    """
    corpus_dir, annotations_dir = Path(corpus_dir), Path(annotations_dir)
    not_read: list[NotRead] = []
    captures: dict[str, Path] = {}
    sidecars: dict[str, Path] = {}
    for path in _entries(corpus_dir):
        name = path.name
        if name.startswith("."):
            not_read.append(NotRead(path, _hidden(path)))
        elif name.endswith(SIDECAR_SUFFIX):
            sidecars[name[: -len(SIDECAR_SUFFIX)]] = path
        elif path.suffix.lower() in CAPTURE_SUFFIXES:
            stem = name[: -len(path.suffix)]
            if stem in captures:
                raise ParkgraphError(
                    f"{path}: another capture of the same article, {captures[stem]}; keep one of them"
                )
            captures[stem] = path
        else:
            what = entry_kind(path) or "a file"
            reason = f"{what}, not a capture (.txt, .html, .htm) or a sidecar (.meta.yaml)"
            not_read.append(NotRead(path, reason))
    if not captures:
        raise ParkgraphError(f"{corpus_dir}: no captures (*.txt, *.html) to build from")
    notes: dict[str, Path] = {}
    for path in _entries(annotations_dir):
        if path.name.startswith("."):
            not_read.append(NotRead(path, _hidden(path)))
        elif path.suffix == ".yaml":
            notes[path.stem] = path
        else:
            what = entry_kind(path) or "a file"
            not_read.append(NotRead(path, f"{what}, not an annotation file (<id>.yaml)"))
    for stem, orphan in sorted(notes.items()):
        if stem not in captures:
            raise ParkgraphError(
                f"{orphan}: no capture {corpus_dir / (stem + '.txt')} (or .html); "
                "add it or remove the annotations"
            )
    for stem, orphan in sorted(sidecars.items()):
        if stem not in captures:
            raise ParkgraphError(f"{orphan}: a sidecar without a capture; add the capture or remove it")
    sources = tuple(
        ArticleSource(stem, capture, notes.get(stem), sidecars.get(stem))
        for stem, capture in sorted(captures.items())
    )
    return Inputs(sources, tuple(sorted(not_read, key=lambda entry: str(entry.path))))


def _entries(folder: Path) -> list[Path]:
    """The folder's entries by name (none if it is not there), never following one."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        return sorted(folder / entry.name for entry in entries)


def _hidden(path: Path) -> str:
    try:
        folder = stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        folder = False
    return f"hidden (its name starts with '.'): a {'folder' if folder else 'file'} the build leaves alone"
