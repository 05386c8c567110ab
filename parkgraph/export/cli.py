"""``parkgraph export``: the command line of :func:`parkgraph.export.export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import FORMATS


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``export`` to the ``parkgraph`` parser."""
    command = commands.add_parser(
        "export",
        help="write the union of the built corpus in one format (Turtle, N-Quads, JSON-LD, …)",
        description="Write the graph the last build made, in one format, streamed graph by graph from "
        "the build's per-article files (graph/dataset/) in bounded memory: what the build itself "
        "writes to graph/parkgraph.* only while the corpus is small (up to about 300k triples). "
        "Formats: "
        + "; ".join(f"{name}: {what}" for name, (_, what) in FORMATS.items())
        + ". Build first: a project never built, or a graph file changed since the build, is an error.",
    )
    command.add_argument("--format", "-f", choices=list(FORMATS), required=True, help="the format to write")
    command.add_argument(
        "--out",
        "-o",
        help="the file to write (written whole or not at all); '-' for standard output "
        "(default: graph/parkgraph.<suffix>, with .gz when compressed)",
    )
    command.add_argument("--gzip", action="store_true", help="compress the output with gzip")
    command.set_defaults(run=_export)


def _export(args: argparse.Namespace) -> int:
    from ..formats import CACHE_DIR
    from ..project import Project
    from . import default_path, export

    project = Project.find(args.project)
    if args.out == "-":
        out = None
    elif args.out:
        out = Path(args.out)
    else:
        out = default_path(project.out_dir, args.format, compress=args.gzip)
    done = export(
        project.out_dir,
        fmt=args.format,
        out=out,
        compress=args.gzip,
        ontology_dir=project.ontology_dir,
        cache_dir=project.root / CACHE_DIR / "closure",
    )
    if out is not None:
        print(f"parkgraph: wrote {out} ({done.size:,} bytes, {done.graphs} graphs)", file=sys.stderr)
    return 0
