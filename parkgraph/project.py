"""Where a project's inputs and outputs live, and what the derived outputs are made from.

Why a module of its own: the build (:mod:`parkgraph.build`) writes into a :class:`Project` and hands a
:class:`BuiltGraph` to the modules that derive other outputs from it (:mod:`parkgraph.formats`,
:mod:`parkgraph.views`); they need these two types, not the build, so they import this module and the
build imports them, one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import ParkgraphError

__all__ = ["GRAPH_NAME", "BuiltGraph", "Project"]

#: The stem of the graph files written to ``graph/``.
GRAPH_NAME = "parkgraph"


@dataclass(frozen=True)
class Project:
    """Where a project's inputs and outputs live. ``Project.at(root)`` gives the standard layout."""

    root: Path
    corpus_dir: Path
    annotations_dir: Path
    ontology_dir: Path
    out_dir: Path

    @classmethod
    def at(cls, root: str | Path, *, out_dir: str | Path | None = None) -> Project:
        root = Path(root).resolve()
        return cls(
            root=root,
            corpus_dir=root / "corpus",
            annotations_dir=root / "annotations",
            ontology_dir=root / "ontology",
            out_dir=Path(out_dir).resolve() if out_dir else root / "graph",
        )

    @classmethod
    def find(cls, start: str | Path = ".", *, out_dir: str | Path | None = None) -> Project:
        """The project whose folder holds ``start`` (a folder with ``ontology/`` and ``corpus/``)."""
        here = Path(start).resolve()
        for folder in (here, *here.parents):
            if (folder / "ontology").is_dir() and (folder / "corpus").is_dir():
                return cls.at(folder, out_dir=out_dir)
        raise ParkgraphError(f"{here}: not inside a parkgraph project (no ontology/ and corpus/ found)")

    @property
    def shapes_path(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    @property
    def checks_dir(self) -> Path:
        return self.ontology_dir / "checks"

    def graph_path(self, suffix: str) -> Path:
        return self.out_dir / f"{GRAPH_NAME}.{suffix}"


@dataclass(frozen=True)
class BuiltGraph:
    """What derived outputs (other formats, networkx, HTML views) are made from."""

    graph: Graph  # every article's facts, merged
    ontology: Graph
    base: str
