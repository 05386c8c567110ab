"""Subcommands of this package (registered by parkgraph.cli): ``stats``, ``export-networkx``, ``views``.

They read the built graph (``graph/parkgraph.ttl`` unless ``--graph`` says otherwise) and the project's
ontology; none rebuilds. Heavy modules are imported inside the handlers, so ``parkgraph --help`` stays
fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ParkgraphError

if TYPE_CHECKING:
    from ..void import VoidSummary

FORMAT_CHOICES = ("graphml", "gexf", "json")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this package's subcommands to the ``parkgraph`` parser."""
    stats = commands.add_parser(
        "stats",
        help="the dataset's counts (its VoID description), components, most central entities",
        description="Summarise the built dataset: its counts as the build's VoID description says them "
        "(triples, entities by class, triples by predicate: read, not computed, so as fast at 10k "
        "articles as at one), then, when the graph is small enough for the entity-level graph (or with "
        "--network, or for --graph files), nodes by type, edges by predicate, connected components, and "
        "the most central nodes by degree and betweenness (docs/views.md).",
    )
    _graph_options(stats)
    stats.add_argument("--top", type=int, default=10, help="how many central nodes to list (default 10)")
    stats.add_argument("--format", "-f", choices=["table", "json"], default="table")
    stats.add_argument(
        "--network",
        choices=["auto", "yes", "no"],
        default="auto",
        help="the entity-level graph's components and centrality: auto (when the graph has at most "
        "the build's in-memory limit of triples), yes, no",
    )
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
        description="Write index.html, the overview, one ego view per entity and concept, one view "
        "per industrial chain, action and platform, and one page per article with its evidence "
        "highlighted. They need no network: open index.html.",
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


def _model(args: argparse.Namespace, *, provenance: bool = False):  # type: ignore[no-untyped-def]
    from ..project import Project
    from . import model_of

    project = Project.find(args.project)
    from ..project import load_built

    return project, model_of(load_built(project, args.graph, base=args.base), provenance=provenance)


def _stats(args: argparse.Namespace) -> int:
    """The VoID summary of the build (unless ``--graph`` files are given), then the network analysis."""
    import json

    if args.top < 1:
        raise ParkgraphError(f"--top {args.top}: give a positive number")
    summary = None
    if not args.graph:
        from ..api import open as open_graph
        from ..void import format_void

        summary = open_graph(args.project).stats()
    network = args.network == "yes" or (args.network == "auto" and _small(summary))
    parts: list[str] = []
    data: dict[str, object] = {}
    if summary is not None:
        parts.append(format_void(summary, top=args.top))
        data["void"] = summary.to_json()
    if network:
        from .stats import compute_stats, format_stats

        _, model = _model(args, provenance=args.provenance)
        stats = compute_stats(model.graph, type_labels=model.type_labels, top=args.top)
        parts.append(format_stats(stats))
        data.update(json.loads(stats.to_json()))
    elif summary is not None:
        parts.append(f"network analysis skipped: {summary.triples:,} triples (--network yes to force it)")
    if args.format == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write("\n\n".join(parts) + "\n")
    return 0


def _small(summary: VoidSummary | None) -> bool:
    """Whether the entity-level graph may be made: no VoID (an older build, or files), or at most as many
    triples as the build itself makes the networkx exports for."""
    from ..corpus.build import IN_MEMORY_LIMIT

    return summary is None or summary.triples <= IN_MEMORY_LIMIT


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
    from ..project import Project, load_built
    from . import VIEWS_FOLDER, write_html_folder

    project = Project.find(args.project)
    built = load_built(project, args.graph, base=args.base)
    out = args.out or project.out_dir / VIEWS_FOLDER
    written = write_html_folder(built, out)
    print(f"wrote {len(written)} files to {out}; open {Path(out) / 'index.html'}", file=sys.stderr)
    return 0
