"""The one-step build: captures + annotations → validated graph files.

    read capture → load annotations → locate evidence → mint IRIs → populate → validate → write

Nothing is written unless the whole graph validates, and then every output is staged beside the last
build's and all are put in place by renaming, so a failure, a full disk included, changes none. One build
runs at a time (:mod:`parkgraph.lock`), and it first removes what a killed build left
(:mod:`parkgraph.tempfiles`). An uncurated capture that cannot be built is set aside
(:mod:`parkgraph.setaside`) unless the build is strict; the report of what became of each capture
(:mod:`parkgraph.report`) is written with the graph.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from .articles import PipelineSpec, builder_for
from .corpus.build import IN_MEMORY_LIMIT, CorpusResult, build_corpus
from .corpus.dataset import DATASET_FOLDER
from .corpus.store_update import STORE_FOLDER
from .errors import DiskFullError, megabytes
from .export.closure import inferred_file
from .formats import CACHE_DIR, INFERRED, ontology_graph_name
from .inputfiles import DEFAULT_MAX_CAPTURE_BYTES
from .iris import check_base
from .lock import build_locks
from .namespaces import DEFAULT_BASE, PREFIXES
from .output import is_disk_full, jsonld, ntriples
from .populate import graph_of
from .project import BuiltGraph, Project
from .report import REPORT_NAME, build_report, not_read_lines, report_bytes, set_aside_lines
from .setaside import SetAside
from .sources import NotRead, scan_inputs
from .tempfiles import Removed, remove_stale
from .validate import ValidationResult
from .views import VIEWS_FOLDER, view_files
from .views.article_pages import ArticlePageStage
from .vocabulary import load_ontology
from .void import VOID_FILE


@dataclass(frozen=True)
class BuildResult:
    graph: Graph | None  # the merged graph in rdflib, for corpora small enough to hold (else None)
    validation: ValidationResult
    articles: tuple[str, ...]
    files: tuple[Path, ...]
    seconds: float
    stats: dict[str, object] = field(default_factory=dict)
    set_aside: tuple[SetAside, ...] = ()  # captures left out of the graph (see parkgraph.setaside)
    report: Path | None = None  # build-report.json, if written (not in a dry run)
    not_read: tuple[NotRead, ...] = ()  # entries of corpus/ and annotations/ not read (parkgraph.sources)

    def summary(self) -> str:
        s = self.stats
        shown = ", ".join(self.articles[:3]) + (", …" if len(self.articles) > 3 else "")
        lines = [
            f"articles: {len(self.articles)} ({shown}); built {s['rebuilt']}, "
            f"{len(self.articles) - int(s['rebuilt'])} from the cache",  # type: ignore[call-overload]
            f"annotations: {s.get('curated', 0)} curated, {s.get('extracted', 0)} extracted",
            f"triples: {s['triples']}",
            f"entities: {s['entities']} ({s['merged']} mentions resolved by name to an earlier article's)",
        ]
        by_type: Counter[str] = s["entities_by_type"]  # type: ignore[assignment]
        lines += [f"  {name}: {n}" for name, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))]
        lines += [
            f"concepts: {s['concepts']}",
            f"n-ary facts: {s['facts']} (events, statistics, claims)",
            f"simple statements with evidence: {s['statements']}",
            f"evidence spans: {s['evidence']}",
            f"validation: {'conforms' if self.validation.conforms else 'FAILS'} "
            f"(SHACL + {self.validation.checks_run} SPARQL checks)",
            f"written: {', '.join(str(p.name) for p in self.files) or 'nothing'}"
            + (" (every graph as the last build left it)" if s.get("unchanged") else ""),
            *(
                [
                    f"skipped (over {CLOSURE_LIMIT if s['skipped'] == (INFERRED,) else IN_MEMORY_LIMIT:,} "
                    "triples): "
                    + ", ".join(f"parkgraph.{x}" for x in s["skipped"])  # type: ignore[attr-defined]
                    + "; `parkgraph export --format FORMAT` writes any of them from graph/dataset/"
                ]
                if s.get("skipped")
                else []
            ),
            *([f"store: {self.files[0].parent / STORE_FOLDER}"] if self.files else []),
            *(
                [
                    f"views: {self.files[0].parent / 'views' / 'index.html'}"
                    + _pages_note(s.get("article_pages"))
                ]
                if self.files and (self.graph is not None or s.get("article_pages"))
                else []
            ),
            *[f"warning: {warning}" for warning in s.get("warnings", ())],  # type: ignore[attr-defined]
            *_removed_lines(s.get("removed")),
            *set_aside_lines(self.set_aside, self.report),
            *not_read_lines(self.not_read, self.report),
            f"time: {self.seconds:.2f} s",
        ]
        return "\n".join(lines)


def _pages_note(pages: object) -> str:
    """The summary's note on the article pages: how many were made, and how many were kept as they were."""
    if not isinstance(pages, dict):
        return ""
    return (
        f" (article pages: {pages['written']} written, {pages['rendered'] - pages['written']} made again "
        f"unchanged, {pages['kept']} kept)"
    )


def _removed_lines(removed: object) -> list[str]:
    """The summary's line about the temporary files a killed build left, if this one removed any."""
    if not isinstance(removed, Removed) or not removed.paths:
        return []
    n, size = len(removed.paths), megabytes(removed.size)
    return [f"removed {n} temporary file{'s' if n != 1 else ''} a killed build left ({size})"]


def _curie(iri: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return str(iri)


def corpus_stats(result: CorpusResult, *, ontology: Graph) -> dict[str, object]:
    """Counts for the build summary: entities by most specific class, facts, statements, evidence."""
    subclass_pairs = {(str(s), str(o)) for s, o in ontology.subject_objects(RDFS.subClassOf)}
    by_type: Counter[str] = Counter()
    for types in result.entities.values():
        specific = sorted(t for t in types if not any((u, t) in subclass_pairs for u in types if u != t))
        by_type[" + ".join(_curie(URIRef(t)) for t in specific)] += 1
    return {
        "triples": result.triples,
        "entities": len(result.entities),
        "entities_by_type": by_type,
        "concepts": result.concepts,
        "facts": result.facts,
        "statements": result.statements,
        "evidence": result.evidence,
        "merged": result.merged,
        "rebuilt": result.rebuilt,
    }


#: Graph files streamed article by article (:class:`parkgraph.corpus.graphfiles.GraphFileWriter`).
STREAMED_SUFFIXES = ("nt", "nq", "ttl", "trig")
#: Above this many triples the OWL 2 RL closure (owlrl: 3.3 s for the first article's 5k triples, and
#: linear: 75 s for 40 articles) is not computed and parkgraph.inferred.ttl is not written.
CLOSURE_LIMIT = 25_000
#: Graph files that need the whole graph in rdflib (JSON-LD, the OWL 2 RL closure, networkx exports).
IN_MEMORY_SUFFIXES = ("jsonld", INFERRED, "graphml", "gexf", "nodelink.json")


def build(
    project: Project,
    *,
    base: str | None = None,
    write: bool = True,
    jobs: int = 0,
    progress: bool = False,
    strict: bool = False,
    wait: bool = True,
    max_capture_bytes: int | None = DEFAULT_MAX_CAPTURE_BYTES,
) -> BuildResult:
    """Build, validate and (if every article validates and ``write``) write the project's graph.

    ``jobs`` worker processes build the articles (0: one per CPU); ``progress`` shows a progress bar on
    standard error when the build takes more than a second. A capture without curated annotations that
    the reader refuses, or whose extraction fails, is set aside (``result.set_aside``) and the rest is
    built; ``strict`` fails the build on it instead, writing nothing. A capture over
    ``max_capture_bytes`` is refused before it is read (None: no limit).

    One build at a time (:mod:`parkgraph.lock`): while another build of the project (or into the same
    output folder) runs, this one waits, or unless ``wait`` raises
    :class:`~parkgraph.errors.BuildRunningError`. Holding the locks, it first removes the temporary files
    a killed build left (:mod:`parkgraph.tempfiles`). Every output is staged and then committed by
    renaming (:func:`_stage_and_commit`): any failure before the commit, a full disk included
    (:class:`~parkgraph.errors.DiskFullError`, naming the file), leaves the last build's outputs as they
    were.
    """
    started = time.perf_counter()
    base = check_base(base or os.environ.get("PARKGRAPH_BASE") or DEFAULT_BASE)
    cache_dir = project.root / CACHE_DIR
    out_dir = project.out_dir if write else None
    with build_locks(cache_dir, out_dir, wait=wait):
        removed = remove_stale(out_dir, cache_dir)
        try:
            result = _build(
                project,
                base=base,
                write=write,
                jobs=jobs,
                progress=progress,
                strict=strict,
                max_capture_bytes=max_capture_bytes,
            )
        except OSError as error:
            if not is_disk_full(error):
                raise
            raise disk_full_error(error, project) from None
    result.stats["removed"] = removed
    return dataclasses.replace(result, seconds=time.perf_counter() - started)


def _build(
    project: Project,
    *,
    base: str,
    write: bool,
    jobs: int,
    progress: bool,
    strict: bool,
    max_capture_bytes: int | None,
) -> BuildResult:
    """:func:`build`, holding the locks."""
    ontology = load_ontology(project.ontology_dir)
    inputs = scan_inputs(project.corpus_dir, project.annotations_dir)
    sources = list(inputs.sources)
    spec = PipelineSpec(
        ontology_dir=project.ontology_dir,
        shapes_path=project.shapes_path,
        checks_dir=project.checks_dir,
        base=base,
        cache_dir=project.root / CACHE_DIR / "articles",
        # a corpus proves its spans and IRIs as they are minted; one article is checked by SPARQL as well
        mint_checks=len(sources) > 1,
        max_capture_bytes=max_capture_bytes,
    )
    prefixes = {**PREFIXES, "pgid": f"{base}id/"}
    builder_for(spec, ontology=ontology)  # the articles' builder in this process reuses the ontology
    ontology_nt = ntriples(ontology)
    pages = ArticlePageStage.start(project, ontology, ontology_nt, base) if write else None
    try:
        result = build_corpus(
            sources,
            spec,
            ontology_nt=ontology_nt,
            ontology_name=str(ontology_graph_name(ontology)),
            out_paths={suffix: project.graph_path(suffix) for suffix in STREAMED_SUFFIXES} if write else None,
            store_folder=project.out_dir / STORE_FOLDER if write else None,
            prefixes=prefixes,
            void_path=project.out_dir / VOID_FILE if write else None,
            jobs=jobs,
            progress=progress,
            strict=strict,
            on_article=pages.take if pages is not None else None,
        )
    except BaseException:
        if pages is not None:
            pages.staged.abort()
        raise
    report_path = project.out_dir / REPORT_NAME
    report = report_bytes(
        build_report(
            sources, result.set_aside, result.article_warnings, root=project.root, not_read=inputs.not_read
        )
    )
    graph: Graph | None = None
    files: list[Path] = []
    skipped: tuple[str, ...] = ()
    try:
        if result.union_ntriples is not None:
            graph = _rdflib_graph(result.union_ntriples, base)
        if write:
            assert pages is not None
            files, skipped = _stage_and_commit(project, result, graph, ontology, base, report, pages)
    except BaseException:
        if pages is not None:
            pages.staged.abort()
        if result.staged is not None:
            result.staged.abort()
        if result.store is not None:
            result.store.abort()
        raise
    finally:
        if result.spool is not None:
            result.spool.discard()
    checks = len(list(project.checks_dir.glob("*.rq")))  # every article passed them all
    stats = corpus_stats(result, ontology=ontology)
    stats["skipped"] = skipped
    stats["unchanged"] = result.unchanged
    if pages is not None and pages.result is not None:
        done = pages.result
        stats["article_pages"] = {
            "rendered": done.rendered,
            "written": done.written,
            "kept": done.kept,
            "removed": len(done.removed),
            "seconds": round(done.seconds, 3),
        }
    stats["warnings"] = result.warnings
    stats["curated"] = sum(source.curated for source in sources)
    stats["extracted"] = len(sources) - stats["curated"] - len(result.set_aside)
    return BuildResult(
        graph=graph,
        validation=ValidationResult(shacl_conforms=True, shacl_report="conforms", checks_run=checks),
        articles=result.articles,
        files=tuple(sorted(files)),
        seconds=0.0,
        stats=stats,
        set_aside=result.set_aside,
        report=report_path if write else None,
        not_read=inputs.not_read,
    )


def _stage_and_commit(
    project: Project,
    result: CorpusResult,
    graph: Graph | None,
    ontology: Graph,
    base: str,
    report: bytes,
    pages: ArticlePageStage,
) -> tuple[list[Path], tuple[str, ...]]:
    """Stage every output beside the last build's, then put them all in place: the files written and the
    in-memory outputs skipped.

    Staged: the streamed graph files and the VoID description (by :func:`build_corpus`), the in-memory
    outputs (JSON-LD, the OWL 2 RL closure), the report, the networkx exports, the HTML views that
    changed, the article pages that changed (staged as the corpus streamed: :class:`ArticlePageStage`),
    and the store with its manifest (:meth:`StoreUpdate.stage`). Only then the commit, which
    renames and removes and writes nothing: so a failure while staging, a full disk included, leaves
    every output as the last build left it (``parkgraph build`` exit status 1, "nothing changed").
    """
    staged, report_path = result.staged, project.out_dir / REPORT_NAME
    skipped: tuple[str, ...] = ()
    views_folder = project.out_dir / VIEWS_FOLDER
    dataset = project.out_dir / DATASET_FOLDER  # the per-graph files: listed apart, never committed
    articles = pages.finish()
    if staged is None:  # every graph as the last build left it: at most the report and the views changed
        staged = pages.staged
        _, html, gone = view_files(None, project, articles.rows)
        extra = dict(html)
        if _differs(report_path, report):  # not what was set aside
            extra[report_path] = report
        for path in [*gone, *articles.removed]:
            staged.remove(path)
        for path, data in extra.items():
            with staged.open(path) as stream:
                stream.write(data)
        kept = staged.commit()
        return [p for p in kept if views_folder not in p.parents and dataset not in p.parents], skipped
    staged.adopt(pages.staged)
    for path in articles.removed:
        staged.remove(path)
    if graph is not None:
        built = BuiltGraph(graph=graph, ontology=ontology, base=base)
        extra = {project.graph_path("jsonld"): jsonld(graph, extra_prefixes={"pgid": f"{base}id/"})}
        if len(graph) <= CLOSURE_LIMIT:
            extra[project.graph_path(INFERRED)] = inferred_file(built, project, result.union_graphs)
        else:
            skipped = (INFERRED,)
        exports, html, gone = view_files(built, project, articles.rows)
        extra.update(exports)
    else:
        skipped = (*STREAMED_SUFFIXES, *IN_MEMORY_SUFFIXES)  # the streamed ones: removed by build_corpus
        _, html, gone = view_files(None, project, articles.rows)
        extra = {}
    extra.update(html)
    for path in gone:
        staged.remove(path)
    for suffix in skipped:
        staged.remove(project.graph_path(suffix))
    extra[report_path] = report
    for path, data in extra.items():
        with staged.open(path) as stream:
            stream.write(data)
    store = result.store
    if store is not None:
        store.stage()
    files = staged.commit()
    if store is not None:
        store.commit()
    return [p for p in files if views_folder not in p.parents and dataset not in p.parents], skipped


def disk_full_error(error: OSError, project: Project) -> DiskFullError:
    """The :class:`DiskFullError` for ``error``: the file it names, the space free in its folder (now that
    what the build had staged is removed), and about how much a build needs there: the last build's
    outputs again (they stay until the new ones replace them), or, for the first build, more than is
    free."""
    path = Path(error.filename) if error.filename else project.out_dir
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    previous = 0
    if project.out_dir in (folder, *folder.parents):
        previous = output_size(project.out_dir)
    needed = max(previous, free)
    needed += max(needed // 10, 1_000_000)
    return DiskFullError(path, folder, free, needed)


def output_size(out_dir: Path) -> int:
    """Bytes the last build's outputs take in ``out_dir`` (the graph files, the report, the store, the
    views), counting a file hard-linked twice once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for path in out_dir.rglob("*"):
        try:
            stat = path.lstat()
        except OSError:
            continue
        if path.is_file() and (stat.st_dev, stat.st_ino) not in seen:
            seen.add((stat.st_dev, stat.st_ino))
            total += stat.st_size
    return total


def build_project(
    path: str | Path = ".",
    *,
    out_dir: str | Path | None = None,
    base: str | None = None,
    write: bool = True,
    jobs: int = 0,
    progress: bool = False,
    strict: bool = False,
    wait: bool = True,
    max_capture_bytes: int | None = DEFAULT_MAX_CAPTURE_BYTES,
) -> BuildResult:
    """:func:`build` of the project whose folder holds ``path`` (``parkgraph.build(...)``,
    :func:`parkgraph.api.build`): here rather than in the API, so that this module need not import it."""
    project = Project.find(path, out_dir=out_dir)
    return build(
        project,
        base=base,
        write=write,
        jobs=jobs,
        progress=progress,
        strict=strict,
        wait=wait,
        max_capture_bytes=max_capture_bytes,
    )


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except OSError:
        return True


def _rdflib_graph(data: bytes, base: str) -> Graph:
    """The merged graph in rdflib, from canonical N-Triples (split by hand: every line is
    ``<s> <p> object .``, and rdflib's N-Triples parser took 0.33 s for the first article)."""
    triples = []
    # split at "\n" only: a literal may hold U+2028, U+0085, a form feed ..., at which str.splitlines()
    # would split the line (parkgraph.textnorm)
    for line in data.decode("utf-8").split("\n")[:-1]:
        subject, predicate, rest = line.split(" ", 2)
        triples.append((subject, predicate, rest[:-2]))
    graph = graph_of(triples)
    graph.bind("pgid", f"{base}id/")
    return graph


class _CallableModule(ModuleType):
    """This module, callable: ``parkgraph.build(path=".", ...)`` is :func:`build_project` (which
    :func:`parkgraph.api.build` is too).

    The API's build has to be ``parkgraph.build``, which is also the name of this module: Python binds a
    package's submodule to its attribute when the submodule is first imported, so a function of that
    name would be replaced by the module (or would hide it from ``from parkgraph import build``). The
    module calling the API's function keeps both working.
    """

    def __call__(self, path: str | Path = ".", **options: Any) -> BuildResult:
        return build_project(path, **options)


sys.modules[__name__].__class__ = _CallableModule
