"""The one-step build: captures + annotations → validated graph files.

    read capture → load annotations → locate evidence → mint IRIs → populate → validate → write

Nothing is written unless the whole graph validates, and then every file is replaced atomically.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .annotations import load_annotations
from .errors import ParkgraphError
from .formats import extra_formats
from .iris import check_base
from .namespaces import DEFAULT_BASE, PG, PREFIXES
from .output import jsonld, ntriples, turtle, write_atomically
from .populate import new_graph, populate
from .reader import read_capture
from .validate import ValidationResult, load_shapes, validate_graph
from .views import write_views
from .vocabulary import Vocabulary, load_ontology

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
    article_graphs: dict[str, Graph]  # article id → that article's own graph
    ontology: Graph
    base: str


@dataclass(frozen=True)
class BuildResult:
    graph: Graph
    validation: ValidationResult
    articles: tuple[str, ...]
    files: tuple[Path, ...]
    seconds: float
    stats: dict[str, object] = field(default_factory=dict)

    def summary(self) -> str:
        s = self.stats
        lines = [
            f"articles: {len(self.articles)} ({', '.join(self.articles)})",
            f"triples: {s['triples']}",
            f"entities: {s['entities']}",
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
            f"written: {', '.join(str(p.name) for p in self.files) or 'nothing'}",
            *([f"views: {self.files[0].parent / 'views' / 'index.html'}"] if self.files else []),
            f"time: {self.seconds:.2f} s",
        ]
        return "\n".join(lines)


def _curie(iri: URIRef) -> str:
    for prefix, namespace in PREFIXES.items():
        if str(iri).startswith(namespace):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return str(iri)


def graph_stats(graph: Graph, *, base: str, ontology: Graph) -> dict[str, object]:
    """Counts for the build summary: entities by most specific class, facts, statements, evidence."""
    entity_prefix, fact_prefix = f"{base}id/", f"{base}fact/"
    subclass_pairs = {
        (s, o) for s, o in ontology.subject_objects(URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"))
    }
    by_type: Counter[str] = Counter()
    entities = {s for s in graph.subjects(RDF.type) if str(s).startswith(entity_prefix)}
    for entity in entities:
        types = set(graph.objects(entity, RDF.type))
        specific = sorted(t for t in types if not any((u, t) in subclass_pairs for u in types if u != t))
        by_type[" + ".join(_curie(t) for t in specific)] += 1
    facts = {
        s
        for s in graph.subjects(RDF.type)
        if str(s).startswith(fact_prefix)
        and (s, RDF.type, RDF.Statement) not in graph
        and "/" not in str(s)[len(fact_prefix) :].split("/", 1)[1]
    }
    return {
        "triples": len(graph),
        "entities": len(entities),
        "entities_by_type": by_type,
        "concepts": len(set(graph.subjects(RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")))),
        "facts": len(facts),
        "statements": len(set(graph.subjects(RDF.type, RDF.Statement))),
        "evidence": len(set(graph.subjects(RDF.type, PG.Evidence))),
    }


def build(project: Project, *, base: str | None = None, write: bool = True) -> BuildResult:
    """Build, validate and (if it validates and ``write``) write the project's graph."""
    started = time.perf_counter()
    base = check_base(base or os.environ.get("PARKGRAPH_BASE") or DEFAULT_BASE)
    ontology = load_ontology(project.ontology_dir)
    vocabulary = Vocabulary.from_graph(ontology)
    captures = sorted(project.corpus_dir.glob("*.txt"))
    if not captures:
        raise ParkgraphError(f"{project.corpus_dir}: no captures (*.txt) to build from")
    graph = new_graph()
    graph.bind("pgid", f"{base}id/")
    article_graphs: dict[str, Graph] = {}
    for capture in captures:
        annotation_path = project.annotations_dir / f"{capture.stem}.yaml"
        if not annotation_path.exists():
            raise ParkgraphError(
                f"{capture}: no annotation file; write {annotation_path} (see docs/model.md)"
            )
        article = read_capture(capture)
        notes = load_annotations(annotation_path)
        article_graphs[article.article_id] = populate(article, notes, vocabulary=vocabulary, base=base)
        graph += article_graphs[article.article_id]
    validation = validate_graph(
        graph,
        ontology=ontology,
        shapes=load_shapes(project.shapes_path),
        checks_dir=project.checks_dir,
    )
    validation.raise_for_errors()
    built = BuiltGraph(graph=graph, article_graphs=article_graphs, ontology=ontology, base=base)
    files: list[Path] = []
    if write:
        files = write_atomically(
            {
                project.graph_path("ttl"): lambda: turtle(graph),
                project.graph_path("nt"): lambda: ntriples(graph),
                project.graph_path("jsonld"): lambda: jsonld(graph, extra_prefixes={"pgid": f"{base}id/"}),
                **extra_formats(built, project),
            }
        )
        files += write_views(built, project)
    return BuildResult(
        graph=graph,
        validation=validation,
        articles=tuple(c.stem for c in captures),
        files=tuple(files),
        seconds=time.perf_counter() - started,
        stats=graph_stats(graph, base=base, ontology=ontology),
    )
