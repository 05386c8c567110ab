"""Subcommands of this package (registered by parkgraph.cli): ``serve`` and ``push``.

``parkgraph serve`` loads graph/parkgraph.nq (each article's named graph, the shared graph of entities
and concepts, and the ontology's graph) into Oxigraph, serves it read-only on 127.0.0.1 with the union of
all graphs as the default graph and a query timeout, prints the endpoint URLs, and stops the server on
Ctrl-C. ``--writable`` accepts updates, behind a proxy that refuses cross-origin writes
(:mod:`parkgraph.store.guard`); ``--built-store`` serves the build's own store, always read-only.

``parkgraph push --endpoint URL`` replaces each of those graphs in any SPARQL 1.1 store through the
Graph Store HTTP Protocol (see :mod:`parkgraph.store.push`).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import GraphNotBuiltError, ParkgraphError
from .server import QUERY_TIMEOUT

if TYPE_CHECKING:
    from ..project import Project
    from .server import OxigraphServer


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this package's subcommands to the ``parkgraph`` parser."""
    serve = commands.add_parser(
        "serve",
        help="serve the graph with an Oxigraph SPARQL server on 127.0.0.1 (Ctrl-C stops it)",
        description="Load graph/parkgraph.nq (articles' named graphs, the shared graph, the ontology "
        "graph) into Oxigraph and serve it. Queries without GRAPH see the union of all graphs (no "
        "triple is in two of them).",
    )
    serve.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument(
        "--public",
        action="store_true",
        help="allow binding a non-loopback address given with --host (the endpoint is then reachable from "
        "the network; still read-only unless --writable)",
    )
    serve.add_argument(
        "--location",
        type=Path,
        help="store folder, kept after exit (default: a temporary folder, removed on exit)",
    )
    writes = serve.add_mutually_exclusive_group()
    writes.add_argument(
        "--writable",
        action="store_true",
        help="accept SPARQL UPDATE and Graph Store writes (changes go to the served copy; writes whose "
        "Origin is another site's are refused)",
    )
    writes.add_argument(
        "--read-only", action="store_true", help="refuse updates and Graph Store writes (the default)"
    )
    serve.add_argument(
        "--timeout",
        type=float,
        default=QUERY_TIMEOUT,
        metavar="SECONDS",
        help=f"cancel a query that runs longer (default {QUERY_TIMEOUT}; 0: no limit)",
    )
    serve.add_argument(
        "--file",
        type=Path,
        action="append",
        help="TriG/N-Quads file(s) to serve (default: graph/parkgraph.nq)",
    )
    serve.add_argument(
        "--built-store",
        action="store_true",
        help="serve graph/oxigraph, the store the build keeps up to date, as it is and read-only (nothing "
        "is loaded: the way to serve a large corpus)",
    )
    serve.add_argument(
        "--inferred",
        action="store_true",
        help="also load graph/parkgraph.inferred.ttl into the graph <https://w3id.org/parkgraph/inferred>",
    )
    serve.set_defaults(run=_serve)

    push = commands.add_parser(
        "push",
        help="replace the graph's named graphs in a SPARQL 1.1 store (Graph Store HTTP Protocol)",
        description="PUT each named graph of the file (default graph/parkgraph.nq: one graph per "
        "article, the shared graph of entities and concepts, and the ontology's) to the store's "
        "Graph Store endpoint, replacing it. Pushing twice "
        "leaves the same triples. Credentials come from the environment: PARKGRAPH_USER and "
        "PARKGRAPH_PASSWORD (HTTP Basic) or PARKGRAPH_TOKEN (Bearer).",
    )
    push.add_argument(
        "--endpoint",
        required=True,
        help="the Graph Store endpoint: Oxigraph http://HOST:7878/store, "
        "Fuseki http://HOST:3030/DATASET/data, "
        "GraphDB http://HOST:7200/repositories/REPO/rdf-graphs/service, "
        "Virtuoso http://HOST:8890/sparql-graph-crud-auth",
    )
    push.add_argument("--graph", help="put everything into this one named graph instead")
    push.add_argument("--file", type=Path, help="RDF file to push (default: graph/parkgraph.nq)")
    push.add_argument("--user", help="HTTP Basic user (password: $PARKGRAPH_PASSWORD, else asked)")
    push.add_argument(
        "--token-env", metavar="VAR", help="send a Bearer token read from environment variable VAR"
    )
    push.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each answer (60)")
    push.add_argument(
        "--dry-run",
        action="store_true",
        help="read and list the graphs to replace and to remove, change nothing (the store is asked which "
        "graphs it has)",
    )
    push.add_argument(
        "--query-endpoint",
        metavar="URL",
        help="the store's SPARQL query endpoint, asked which graphs of the project it holds (default: "
        "derived from --endpoint for Oxigraph, Fuseki, GraphDB and Virtuoso)",
    )
    push.add_argument(
        "--keep-stale",
        action="store_true",
        help="leave in the store the graphs of the project that the local dataset no longer has",
    )
    push.set_defaults(run=_push)


def _project_file(args: argparse.Namespace, suffix: str) -> Path:
    from ..project import Project

    return Project.find(args.project).graph_path(suffix)


def _quads_files(args: argparse.Namespace) -> list[Path]:
    """The built dataset's N-Quads: ``graph/parkgraph.nq``, or each graph's file above the size the build
    writes the union files at (:func:`parkgraph.corpus.dataset.quads_files`)."""
    from ..corpus.dataset import quads_files
    from ..project import Project

    project = Project.find(args.project)
    return quads_files(project.out_dir, project.graph_path("nq"))


def built_store(project_dir: str | Project) -> Path:
    """The build's Oxigraph store folder, refusing one a failed or interrupted build left stale."""
    from ..corpus.store_update import MANIFEST, STORE_FOLDER
    from ..project import Project

    project = project_dir if isinstance(project_dir, Project) else Project.find(project_dir)
    folder = project.out_dir / STORE_FOLDER
    if not (project.out_dir / MANIFEST).exists() or not folder.is_dir():
        raise GraphNotBuiltError(project.out_dir, f"no up-to-date Oxigraph store at {folder}")
    return folder


def _serve(args: argparse.Namespace) -> int:
    from ..lock import locked
    from .server import INFERRED_GRAPH, DataFile, OxigraphServer

    files = [DataFile(path) for path in args.file] if args.file else [DataFile(p) for p in _quads_files(args)]
    if args.inferred:
        files.append(DataFile(_project_file(args, "inferred.ttl"), graph=INFERRED_GRAPH))
    location = args.location
    what = ", ".join(str(f.path) for f in files)
    if args.built_store:
        if args.file or args.inferred or args.location:
            raise ParkgraphError(
                "--built-store serves the build's store as it is: drop --file, --inferred and --location"
            )
        if args.writable:
            raise ParkgraphError(
                "--built-store is served read-only: serve never changes the build's store (its graph files "
                "would disagree). To change data, serve a copy: parkgraph serve --writable (loads "
                "graph/parkgraph.nq into a temporary store)"
            )
        location, files = built_store(args.project), []
        what = f"the build's store {location}"
    server = OxigraphServer(
        host=args.host,
        port=args.port,
        location=location,
        read_only=not args.writable,
        allow_public=args.public,
        timeout=args.timeout,
    )
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        server.load(files)
        # Not while a build swaps the store folder. Once open, the server keeps the store it opened
        # (a build never writes into a store folder: it swaps in a new one): restart it for a newer build.
        with (
            locked(location.parent, shared=True, what="the build writing this store")
            if args.built_store
            else contextlib.nullcontext()
        ):
            server.start()
        _warn_public(server)
        where = (
            f"{server.location} (temporary: removed on exit)" if server.temporary else str(server.location)
        )
        mode = "writable; writes from other sites refused" if not server.read_only else "read-only"
        limit = f"queries stopped after {server.timeout:g} s" if server.timeout else "no query timeout"
        lines = [
            f"Serving {what} with Oxigraph at {server.base_url} ({mode}; {limit})",
            f"  SPARQL query:   {server.query_url}",
        ]
        if not server.read_only:
            lines += [f"  SPARQL update:  {server.update_url}", f"  Graph Store:    {server.store_url}"]
        lines += [
            f"  Query page:     {server.page_url}",
            f"Store folder: {where}",
            "Press Ctrl-C to stop.",
        ]
        print("\n".join(lines), flush=True)
        code = server.wait()
        raise ParkgraphError(f"oxigraph stopped by itself (status {code}): {server.log_text().strip()}")
    except KeyboardInterrupt:
        print("Stopping the server...", file=sys.stderr, flush=True)
        return 0
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


def _warn_public(server: OxigraphServer) -> None:
    """``--public``: say on standard error, before anything else, who can now reach the endpoint."""
    from .http import is_loopback

    if is_loopback(server.host):
        return
    writes = (
        "and change it (--writable)"
        if not server.read_only
        else "but not change it (read-only; --writable would let them)"
    )
    print(
        f"parkgraph: warning: serving on {server.host}:{server.port}, reachable from the network: "
        f"anyone who can reach this port can read the whole graph, {writes}",
        file=sys.stderr,
        flush=True,
    )


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _auth(args: argparse.Namespace):  # -> Auth | None
    from .http import Auth, auth_from_env

    if args.token_env:
        token = os.environ.get(args.token_env)
        if not token:
            raise ParkgraphError(f"--token-env {args.token_env}: that environment variable is not set")
        return Auth("bearer", token)
    if args.user:
        password = os.environ.get("PARKGRAPH_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise ParkgraphError(f"--user {args.user}: set PARKGRAPH_PASSWORD (no terminal to ask on)")
            password = getpass.getpass(f"password for {args.user}: ")
        return Auth("basic", password, user=args.user)
    return auth_from_env()


def _push(args: argparse.Namespace) -> int:
    from .http import StoreError, check_url
    from .push import project_prefix, push, read_uploads

    check_url(args.endpoint)
    paths = [args.file] if args.file else _quads_files(args)
    uploads = [upload for path in paths for upload in read_uploads(path, graph=args.graph)]
    path = paths[0] if len(paths) == 1 else paths[0].parent  # the dataset folder, in messages
    prefix = None if args.keep_stale or args.graph else project_prefix(uploads)
    query_url = _query_endpoint(args) if prefix else None
    if args.dry_run:
        for upload in uploads:
            print(f"would PUT {upload.label}: {upload.triples} triples")
        if prefix:
            print(
                f"would DELETE every graph under <{prefix}> that {query_url} lists and {path} does not have"
            )
        return 0
    auth = _auth(args)
    stale: list[str] = []
    if prefix and query_url:
        from .push import remote_graphs

        local = {upload.name for upload in uploads}
        try:
            held = remote_graphs(query_url, prefix, auth=auth, timeout=args.timeout)
        except StoreError as error:
            raise StoreError(
                f"push failed before sending anything: asking the store which graphs it holds: {error}\n"
                "Nothing was replaced. (--keep-stale pushes without asking.)",
                status=error.status,
            ) from None
        stale = [name for name in held if name not in local]

    def progress(upload, status: int) -> None:  # type: ignore[no-untyped-def]
        print(f"PUT {upload.label}: {upload.triples} triples (HTTP {status})", flush=True)

    def removing(name: str, status: int) -> None:
        print(f"DELETE <{name}>: removed, no longer in {path} (HTTP {status})", flush=True)

    result = push(
        args.endpoint,
        uploads,
        auth=auth,
        timeout=args.timeout,
        progress=progress,
        stale=stale,
        removing=removing,
    )
    n = len(result.removed)
    removed = f"; removed {n} graph{'s' if n != 1 else ''} no longer in it" if n else ""
    print(f"pushed {result.triples} triples in {len(result.graphs)} graphs to {args.endpoint}{removed}")
    return 0


def _query_endpoint(args: argparse.Namespace) -> str:
    """The store's SPARQL query endpoint, which push asks which graphs of the project it holds."""
    from .http import check_url
    from .push import query_endpoint_for

    found = args.query_endpoint or query_endpoint_for(args.endpoint)
    if found is None:
        raise ParkgraphError(
            f"--endpoint {args.endpoint}: cannot tell this store's SPARQL query endpoint, which push asks "
            "which graphs of removed articles to delete; give it with --query-endpoint URL, or pass "
            "--keep-stale to leave them"
        )
    return check_url(found)
