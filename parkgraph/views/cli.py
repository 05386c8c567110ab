"""Subcommands of this package (registered by parkgraph.cli): ``stats``, ``export-networkx``, ``views``.

They read the built graph (``graph/parkgraph.ttl`` unless ``--graph`` says otherwise) and the project's
ontology; none rebuilds. Heavy modules are imported inside the handlers, so ``parkgraph --help`` stays
fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ParkgraphError

if TYPE_CHECKING:
    from ..project import BuiltGraph, Project

FORMAT_CHOICES = ("graphml", "gexf", "json")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this package's subcommands to the ``parkgraph`` parser."""
    stats = commands.add_parser(
        "stats",
        help="counts by type and predicate, components, most central entities",
        description="Summarise the entity-level graph (docs/views.md): nodes by type, edges by "
        "predicate, connected components, and the most central nodes by degree and betweenness.",
    )
    _graph_options(stats)
    stats.add_argument("--top", type=int, default=10, help="how many central nodes to list (default 10)")
    stats.add_argument("--format", "-f", choices=["table", "json"], default="table")
    stats.set_defaults(run=_stats)

    export = commands.add_parser(
        "export-networkx",
        help="write the entity-level networkx graph as GraphML, GEXF or node-link JSON",
        description="Write the graph as a networkx MultiDiGraph (one node per entity, fact and concept, "
        "literals as attributes; see docs/views.md) for Gephi, Cytoscape or your own code.",
    )
    _graph_options(export)
    export.add_argument("--format", "-f", choices=FORMAT_CHOICES, default="graphml")
    export.add_argument(
        "--out", "-o", help="output file, '-' for standard output (default: graph/parkgraph.<format>)"
    )
    export.set_defaults(run=_export)

    views = commands.add_parser(
        "views",
        help="(re)generate the offline HTML views",
        description="Write index.html, the overview, one ego view per entity and concept and one view "
        "per industrial chain, action and platform. They need no network: open index.html.",
    )
    _graph_options(views, provenance=False)
    views.add_argument("--out", "-o", type=Path, help="output folder (default: graph/views/)")
    views.set_defaults(run=_views)


def _graph_options(parser: argparse.ArgumentParser, *, provenance: bool = True) -> None:
    parser.add_argument(
        "--graph",
        type=Path,
        action="append",
        help="graph file(s) to read (default: graph/parkgraph.ttl; any RDF format rdflib knows)",
    )
    parser.add_argument("--base", help="base IRI of the graph (default: its pgid: prefix, else the default)")
    if provenance:
        parser.add_argument(
            "--provenance",
            action="store_true",
            help="also include the articles and evidence spans as nodes (left out by default)",
        )


def load_built(project: Project, files: list[Path] | None = None, *, base: str | None = None) -> BuiltGraph:
    """A :class:`~parkgraph.build.BuiltGraph` from graph files already written, and the ontology."""
    from rdflib import Graph

    from ..namespaces import DEFAULT_BASE
    from ..project import BuiltGraph
    from ..vocabulary import load_ontology

    graph = Graph()
    for path in files or [project.graph_path("ttl")]:
        if not path.exists():
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


def _model(args: argparse.Namespace, *, provenance: bool = False):  # type: ignore[no-untyped-def]
    from ..project import Project
    from . import model_of

    project = Project.find(args.project)
    return project, model_of(load_built(project, args.graph, base=args.base), provenance=provenance)


def _stats(args: argparse.Namespace) -> int:
    from .stats import compute_stats, format_stats

    if args.top < 1:
        raise ParkgraphError(f"--top {args.top}: give a positive number")
    _, model = _model(args, provenance=args.provenance)
    stats = compute_stats(model.graph, type_labels=model.type_labels, top=args.top)
    sys.stdout.write((stats.to_json() if args.format == "json" else format_stats(stats)) + "\n")
    return 0


def _export(args: argparse.Namespace) -> int:
    from ..output import write_atomically
    from .export import FORMATS

    project, model = _model(args, provenance=args.provenance)
    suffix, write = FORMATS[args.format]
    data = write(model.graph)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    out = Path(args.out) if args.out else project.graph_path(suffix)
    write_atomically({out: lambda: data})
    print(
        f"wrote {out} ({model.graph.number_of_nodes()} nodes, {model.graph.number_of_edges()} edges)",
        file=sys.stderr,
    )
    return 0


def _views(args: argparse.Namespace) -> int:
    from . import VIEWS_FOLDER
    from .render import write_html_views

    project, model = _model(args)
    out = args.out or project.out_dir / VIEWS_FOLDER
    written = write_html_views(model, out)
    print(f"wrote {len(written)} files to {out}; open {Path(out) / 'index.html'}", file=sys.stderr)
    return 0
