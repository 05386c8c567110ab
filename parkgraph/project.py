"""Where a project's inputs and outputs live, and what the derived outputs are made from.

Why a module of its own: the build (:mod:`parkgraph.build`) writes into a :class:`Project` and hands a
:class:`BuiltGraph` to the modules that derive other outputs from it (:mod:`parkgraph.formats`,
:mod:`parkgraph.views`); they need these two types, not the build, so they import this module and the
build imports them, one way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import ParkgraphError

__all__ = ["GRAPH_NAME", "BuiltGraph", "Project", "load_built"]

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


def load_built(project: Project, files: list[Path] | None = None, *, base: str | None = None) -> BuiltGraph:
    """A :class:`BuiltGraph` from graph files already written (default ``graph/parkgraph.ttl``) and the
    ontology: what ``parkgraph stats``, ``views`` and the API make the entity-level graph from."""
    from .namespaces import DEFAULT_BASE
    from .vocabulary import load_ontology

    graph = Graph()
    for path in files or [project.graph_path("ttl")]:
        if not path.exists():
            if files is None and (project.out_dir / "dataset").is_dir():
                raise ParkgraphError(
                    f"{path}: not written: the build writes the union files only up to 300,000 triples "
                    "(graph/dataset/ holds each graph); `parkgraph export --format ttl` writes it"
                )
            raise ParkgraphError(f"{path}: no such graph file; run `parkgraph build` first")
        try:
            graph.parse(path)
        except Exception as error:  # rdflib raises several unrelated types for bad input
            raise ParkgraphError(f"{path}: cannot read it as RDF: {error}") from error
    if base is None:
        pgid = dict(graph.namespaces()).get("pgid")
        if pgid is not None and str(pgid).endswith("id/"):
            base = str(pgid)[: -len("id/")]
        else:
            base = os.environ.get("PARKGRAPH_BASE") or DEFAULT_BASE
    return BuiltGraph(graph=graph, ontology=load_ontology(project.ontology_dir), base=base)
