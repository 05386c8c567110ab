"""``parkgraph synth``: a synthetic project that builds as it is.

Why a module of its own: :mod:`parkgraph.synth` writes a synthetic *corpus* (``corpus/`` and
``annotations/``), and the build then stopped with "not inside a parkgraph project" until ``ontology/``
was copied in by hand (:meth:`parkgraph.project.Project.find` looks for ``ontology/`` beside
``corpus/``). Here the corpus gets what makes it a project: ``ontology/`` (the ontology, ``shapes.ttl``
and ``checks/``, which the build validates with) and the competency questions ``queries/*.rq`` (which
:meth:`parkgraph.api.KnowledgeGraph.questions` and the corpus-scale benchmark ask), copied from the
project parkgraph runs from: the synthetic articles are derived from that project's first article, so
the two come from the same checkout. An installed package carries neither, and says so.

Atomicity: the project is written in a temporary folder beside ``DIR`` and renamed into place when
complete, so ``DIR`` is never half a project; an interruption removes the temporary folder. ``DIR`` may
be missing, empty, or a synthetic project written before (recognised by :data:`MARKER`, which records
the arguments), which is then replaced whole, its ``graph/`` and article cache with it. Any other
non-empty folder is refused: it may be someone's work.

Determinism: the same arguments write the same bytes (the marker holds no time or path).

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     made = make_synthetic_project(Path(tmp) / "syn", articles=2, seed=1)
...     sorted(p.name for p in made.root.iterdir())
['annotations', 'corpus', 'ontology', 'parkgraph-synth.json', 'queries']
>>> made.ids
('syn_000001', 'syn_000002')
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ParkgraphError
from .synth import SOURCE_ANNOTATIONS, SOURCE_CAPTURE, generate_corpus

__all__ = ["MARKER", "SOURCE_PROJECT", "SynthError", "SyntheticProject", "make_synthetic_project"]

#: The project parkgraph runs from: its ontology, questions and first article make a synthetic project.
SOURCE_PROJECT = SOURCE_CAPTURE.parents[1]
#: The file that marks a folder as a synthetic project (and so one ``parkgraph synth`` may replace).
MARKER = "parkgraph-synth.json"


class SynthError(ParkgraphError):
    """A synthetic project cannot be written: where, and what to do."""


@dataclass(frozen=True)
class SyntheticProject:
    """What :func:`make_synthetic_project` wrote: the project folder and its articles' ids."""

    root: Path
    ids: tuple[str, ...]


def make_synthetic_project(
    out: str | Path,
    *,
    articles: int,
    seed: int = 0,
    keep: float = 0.1,
    captures_only: bool = False,
    source: Path = SOURCE_PROJECT,
) -> SyntheticProject:
    """Write a project of ``articles`` synthetic articles (:func:`parkgraph.synth.generate_corpus` with
    ``seed`` and ``keep``; ``captures_only``: no annotations, the build extracts every article) to
    ``out``, with the ``ontology/`` and ``queries/*.rq`` of ``source``. Raises :class:`SynthError` for an
    ``out`` that is neither missing, empty, nor a synthetic project, or a ``source`` without them."""
    if articles < 1:
        raise SynthError(f"--articles {articles}: give at least 1")
    if not 0.0 <= keep <= 1.0:
        raise SynthError(f"--keep {keep}: give a probability, from 0 to 1")
    root = Path(out).absolute()
    _check_source(source)
    _check_target(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.synth-", dir=root.parent))
    try:
        ids = generate_corpus(
            articles,
            staging,
            seed=seed,
            keep=keep,
            annotations=not captures_only,
            source_capture=source / SOURCE_CAPTURE.relative_to(SOURCE_PROJECT),
            source_annotations=source / SOURCE_ANNOTATIONS.relative_to(SOURCE_PROJECT),
        )
        shutil.copytree(source / "ontology", staging / "ontology", copy_function=shutil.copyfile)
        (staging / "queries").mkdir()
        for question in sorted((source / "queries").glob("*.rq")):
            shutil.copyfile(question, staging / "queries" / question.name)
        settings = {"articles": articles, "captures_only": captures_only, "keep": keep, "seed": seed}
        (staging / MARKER).write_text(
            json.dumps({"generator": "parkgraph synth", **settings}, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it 0700; a project is an ordinary folder
        _move_into_place(staging, root)
    except OSError as error:
        raise SynthError(f"{root}: could not be written: {error.strerror or error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return SyntheticProject(root=root, ids=tuple(ids))


def _check_source(source: Path) -> None:
    """The project the synthetic one is made from has what it needs."""
    needed = [
        source / "ontology" / "parkgraph.ttl",
        source / "ontology" / "shapes.ttl",
        source / "queries",
        source / SOURCE_CAPTURE.relative_to(SOURCE_PROJECT),
        source / SOURCE_ANNOTATIONS.relative_to(SOURCE_PROJECT),
    ]
    missing = [path for path in needed if not path.exists()]
    if missing:
        raise SynthError(
            f"{missing[0]}: not found; parkgraph synth copies the ontology, the questions and the first "
            f"article from the project parkgraph runs from ({source}), and an installed package has none: "
            "run it from a checkout of the repository (pip install -e .)"
        )


def _check_target(root: Path) -> None:
    """``root`` is missing, an empty folder, or a synthetic project (which is replaced)."""
    if root.exists() and not root.is_dir():
        raise SynthError(f"{root}: is a file; give a folder for the synthetic project")
    if root.is_dir() and any(root.iterdir()) and not (root / MARKER).is_file():
        raise SynthError(
            f"{root}: is not empty and not a synthetic project (no {MARKER}); parkgraph synth replaces "
            "only those: give a new or empty folder"
        )


def _move_into_place(staging: Path, root: Path) -> None:
    """Rename the complete project to ``root``; a previous synthetic project there is moved aside first
    and then removed, so ``root`` is at every moment either the old project, missing, or the new one."""
    if root.is_dir() and any(root.iterdir()):
        old = Path(tempfile.mkdtemp(prefix=f".{root.name}.old-", dir=root.parent))
        os.replace(root, old / "project")
        os.replace(staging, root)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, root)  # over an empty folder too (POSIX rename)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
