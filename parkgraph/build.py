"""The one-step build: captures + annotations → validated graph files.

    read capture → load annotations → locate evidence → mint IRIs → populate → validate → write

Nothing is written unless the whole graph validates, and then every file is replaced atomically. An
uncurated capture that cannot be built is set aside (:mod:`parkgraph.setaside`) unless the build is
strict; the report of what became of each capture (:mod:`parkgraph.report`) is written with the graph.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from .articles import PipelineSpec, builder_for, find_sources
from .corpus.build import IN_MEMORY_LIMIT, CorpusResult, build_corpus
from .corpus.store_update import STORE_FOLDER, file_stamp
from .formats import CACHE_DIR, INFERRED, inferred_file, ontology_graph_name
from .iris import check_base
from .namespaces import DEFAULT_BASE, PREFIXES
from .output import jsonld, ntriples, write_atomically
from .populate import graph_of
from .project import BuiltGraph, Project
from .report import REPORT_NAME, build_report, report_bytes, set_aside_lines
from .setaside import SetAside
from .validate import ValidationResult
from .views import write_views
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
                    "triples, too big for rdflib and owlrl): "
                    + ", ".join(f"parkgraph.{x}" for x in s["skipped"])  # type: ignore[attr-defined]
                ]
                if s.get("skipped")
                else []
            ),
            *([f"store: {self.files[0].parent / STORE_FOLDER}"] if self.files else []),
            *(
                [f"views: {self.files[0].parent / 'views' / 'index.html'}"]
                if self.files and self.graph is not None
                else []
            ),
            *[f"warning: {warning}" for warning in s.get("warnings", ())],  # type: ignore[attr-defined]
            *set_aside_lines(self.set_aside, self.report),
            f"time: {self.seconds:.2f} s",
        ]
        return "\n".join(lines)


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
) -> BuildResult:
    """Build, validate and (if every article validates and ``write``) write the project's graph.

    ``jobs`` worker processes build the articles (0: one per CPU); ``progress`` shows a progress bar on
    standard error when the build takes more than a second. A capture without curated annotations that
    the reader refuses, or whose extraction fails, is set aside (``result.set_aside``) and the rest is
    built; ``strict`` fails the build on it instead, writing nothing.
    """
    started = time.perf_counter()
    base = check_base(base or os.environ.get("PARKGRAPH_BASE") or DEFAULT_BASE)
    ontology = load_ontology(project.ontology_dir)
    sources = find_sources(project.corpus_dir, project.annotations_dir)
    spec = PipelineSpec(
        ontology_dir=project.ontology_dir,
        shapes_path=project.shapes_path,
        checks_dir=project.checks_dir,
        base=base,
        cache_dir=project.root / CACHE_DIR / "articles",
        # a corpus proves its spans and IRIs as they are minted; one article is checked by SPARQL as well
        mint_checks=len(sources) > 1,
    )
    prefixes = {**PREFIXES, "pgid": f"{base}id/"}
    builder_for(spec, ontology=ontology)  # the articles' builder in this process reuses the ontology
    result = build_corpus(
        sources,
        spec,
        ontology_nt=ntriples(ontology),
        ontology_name=str(ontology_graph_name(ontology)),
        out_paths={suffix: project.graph_path(suffix) for suffix in STREAMED_SUFFIXES}
        if write
        else None,
        store_folder=project.out_dir / STORE_FOLDER if write else None,
        prefixes=prefixes,
        void_path=project.out_dir / VOID_FILE if write else None,
        jobs=jobs,
        progress=progress,
        strict=strict,
    )
    report_path = project.out_dir / REPORT_NAME
    report = report_bytes(
        build_report(sources, result.set_aside, result.article_warnings, root=project.root)
    )
    graph: Graph | None = None
    files: list[Path] = []
    skipped: tuple[str, ...] = ()
    try:
        if result.union_ntriples is not None:
            graph = _rdflib_graph(result.union_ntriples, base)
            if write:
                built = BuiltGraph(graph=graph, ontology=ontology, base=base)
                extra = {project.graph_path("jsonld"): jsonld(graph, extra_prefixes={"pgid": f"{base}id/"})}
                if len(graph) <= CLOSURE_LIMIT:
                    extra[project.graph_path(INFERRED)] = inferred_file(built, project)
                else:
                    skipped = (INFERRED,)
                assert result.staged is not None
                for suffix in skipped:
                    result.staged.remove(project.graph_path(suffix))
                for path, data in extra.items():
                    with result.staged.open(path) as stream:
                        stream.write(data)
        elif write:
            skipped = IN_MEMORY_SUFFIXES
            if result.staged is not None:  # None: nothing changed, nothing to write
                for suffix in IN_MEMORY_SUFFIXES:
                    result.staged.remove(project.graph_path(suffix))
        if result.staged is not None:
            with result.staged.open(report_path) as stream:
                stream.write(report)
            files = result.staged.commit()
        elif write and _differs(report_path, report):  # graphs unchanged, but not what was set aside
            files = write_atomically({report_path: lambda: report})
        if graph is not None and write:
            files += write_views(built, project)
        if result.store is not None:
            streamed = [project.graph_path(suffix) for suffix in STREAMED_SUFFIXES]
            streamed.append(project.out_dir / VOID_FILE)
            result.store.files = {path.name: file_stamp(path) for path in streamed}  # type: ignore[misc]
            result.store.triples = result.triples
            result.store.commit()
    except BaseException:
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
    stats["warnings"] = result.warnings
    stats["curated"] = sum(source.curated for source in sources)
    stats["extracted"] = len(sources) - stats["curated"] - len(result.set_aside)
    return BuildResult(
        graph=graph,
        validation=ValidationResult(shacl_conforms=True, shacl_report="conforms", checks_run=checks),
        articles=result.articles,
        files=tuple(sorted(files)),
        seconds=time.perf_counter() - started,
        stats=stats,
        set_aside=result.set_aside,
        report=report_path if write else None,
    )


def build_project(
    path: str | Path = ".",
    *,
    out_dir: str | Path | None = None,
    base: str | None = None,
    write: bool = True,
    jobs: int = 0,
    progress: bool = False,
    strict: bool = False,
) -> BuildResult:
    """:func:`build` of the project whose folder holds ``path`` (``parkgraph.build(...)``,
    :func:`parkgraph.api.build`): here rather than in the API, so that this module need not import it."""
    project = Project.find(path, out_dir=out_dir)
    return build(project, base=base, write=write, jobs=jobs, progress=progress, strict=strict)


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except OSError:
        return True


def _rdflib_graph(data: bytes, base: str) -> Graph:
    """The merged graph in rdflib, from canonical N-Triples (split by hand: every line is
    ``<s> <p> object .``, and rdflib's N-Triples parser took 0.33 s for the first article)."""
    triples = []
    for line in data.decode("utf-8").splitlines():
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
