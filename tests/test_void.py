"""The VoID description the build writes (``graph/void.ttl``, the graph ``{base}graph/void``) says what the
data holds: every count is checked against the same count computed from the quads of ``parkgraph.nq``,
on the first article and on a synthetic corpus, after a fresh build and after an incremental one."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from parkgraph.build import BuildResult, Project, build
from parkgraph.corpus import build as corpus_build
from parkgraph.corpus.store_update import STORE_FOLDER
from parkgraph.void import VOID, key, read_void

from .conftest import ROOT, synthetic_project

BASE = "https://w3id.org/parkgraph/"
ONTOLOGY = "https://w3id.org/parkgraph/ontology"
VOID_GRAPH = f"{BASE}graph/void"
SHARED = f"{BASE}graph/shared"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FACT_TYPES = {
    "https://w3id.org/parkgraph/ontology#Evidence",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement",
}


def expected_counts(nq: Path) -> dict[str, object]:
    """What the description must say, computed from the data's quads alone (not from the build's counts)."""
    quads = [q for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)]
    data = [q for q in quads if q.graph_name.value not in (ONTOLOGY, VOID_GRAPH)]
    predicates = Counter(q.predicate.value for q in data)
    typed = {(q.subject.value, q.object.value) for q in data if q.predicate.value == RDF_TYPE}
    classes = Counter(cls for _, cls in typed)
    entities = {s for s, _ in typed if s.startswith(f"{BASE}id/")}
    entity_classes = Counter(cls for s, cls in typed if s in entities)
    by_graph: dict[str, list[ox.Quad]] = {}
    for q in data:
        by_graph.setdefault(q.graph_name.value, []).append(q)
    subsets = {}
    for graph, members in by_graph.items():
        if graph == SHARED:
            continue
        article = graph.rsplit("/", 1)[1]
        fact_prefix = f"{BASE}fact/{article}/"
        facts = Counter(
            q.object.value
            for q in members
            if q.predicate.value == RDF_TYPE
            and (q.object.value in FACT_TYPES or "/" not in q.subject.value.removeprefix(fact_prefix))
            and q.subject.value.startswith((fact_prefix, f"{BASE}evidence/"))
        )
        subsets[graph] = {
            "triples": len(members),
            "entities": len({q.subject.value for q in members if q.subject.value.startswith(f"{BASE}id/")}),
            "facts": dict(facts),
        }
    published = [q.object.value[:10] for q in data if q.predicate.value == "https://schema.org/datePublished"]
    return {
        "triples": len(data),
        "entities": len(entities),
        "predicates": dict(predicates),
        "classes": dict(classes),
        "entity_classes": dict(entity_classes),
        "subsets": subsets,
        "shared": len(by_graph.get(SHARED, [])),
        "issued": max(published),
    }


def described_counts(void_ttl: Path) -> dict[str, object]:
    """What ``graph/void.ttl`` says, read with rdflib (another parser than the build's)."""
    graph = Graph().parse(void_ttl, format="turtle")

    def rows(query: str) -> list[tuple[str, ...]]:
        return [tuple(str(term) for term in row) for row in graph.query(f"PREFIX void: <{VOID}> " + query)]

    ((triples, entities, n_classes, n_properties, issued),) = rows(
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?t ?e ?c ?p ?i WHERE { ?d void:uriSpace ?u ; "
        "void:triples ?t ; void:entities ?e ; void:classes ?c ; void:properties ?p ; dcterms:issued ?i }"
    )
    classes = dict(
        rows(
            "SELECT ?c ?n WHERE { ?d void:uriSpace ?u ; void:classPartition ?x . "
            "?x void:class ?c ; void:distinctSubjects ?n }"
        )
    )
    entity_classes = dict(
        rows(
            "SELECT ?c ?n WHERE { ?d void:uriSpace ?u ; void:classPartition ?x . "
            "?x void:class ?c ; void:entities ?n }"
        )
    )
    predicates = dict(
        rows(
            "SELECT ?p ?n WHERE { ?d void:uriSpace ?u ; void:propertyPartition ?x . "
            "?x void:property ?p ; void:triples ?n }"
        )
    )
    subsets: dict[str, dict[str, object]] = {}
    for graph_name, n, e in rows(
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?s ?n ?e WHERE { ?d void:uriSpace ?u ; "
        "void:subset ?s . ?s dcterms:source ?a ; void:triples ?n ; void:entities ?e }"
    ):
        subsets[graph_name] = {"triples": int(n), "entities": int(e), "facts": {}}
    for graph_name, cls, n in rows(
        "SELECT ?s ?c ?n WHERE { ?s void:classPartition ?x . ?x void:class ?c ; void:distinctSubjects ?n . "
        "FILTER NOT EXISTS { ?s void:uriSpace ?u } }"
    ):
        subsets[graph_name]["facts"][cls] = int(n)  # type: ignore[index]
    ((shared,),) = rows(f"SELECT ?n WHERE {{ <{SHARED}> void:triples ?n }}")
    assert int(n_classes) == len(classes) and int(n_properties) == len(predicates)
    return {
        "triples": int(triples),
        "entities": int(entities),
        "predicates": {k: int(v) for k, v in predicates.items()},
        "classes": {k: int(v) for k, v in classes.items()},
        "entity_classes": {k: int(v) for k, v in entity_classes.items()},
        "subsets": subsets,
        "shared": int(shared),
        "issued": issued,
    }


def assert_described(out_dir: Path) -> None:
    void_ttl, nq = out_dir / "void.ttl", out_dir / "parkgraph.nq"
    if not nq.exists():  # a big corpus: the union is exported on request, from graph/dataset/
        from parkgraph.export import export

        nq = out_dir.parent / "exported.nq"
        export(out_dir, fmt="nq", out=nq, ontology_dir=out_dir.parent / "ontology")
    assert described_counts(void_ttl) == expected_counts(nq)
    dataset = Dataset()
    dataset.parse(nq, format="nquads")
    in_nq = Graph()
    for triple in dataset.graph(URIRef(VOID_GRAPH)):
        in_nq.add(triple)
    assert isomorphic(in_nq, Graph().parse(void_ttl, format="turtle")), "void.ttl and the nq's VoID graph"


def test_the_first_articles_description_matches_its_data(built: BuildResult) -> None:
    out = built.files[0].parent
    assert_described(out)
    text = (out / "void.ttl").read_text(encoding="utf-8")
    assert 'dcterms:issued "2022-09-03"^^xsd:date' in text
    assert "dcterms:license <https://creativecommons.org/licenses/by/4.0/>" in text
    assert "dcterms:conformsTo <https://w3id.org/parkgraph/ontology>" in text
    assert not re.search(r"\[|_:", text), "no blank nodes: every partition has an IRI"


def test_the_committed_void_file_equals_a_fresh_build(built: BuildResult) -> None:
    fresh = built.files[0].parent / "void.ttl"
    assert (ROOT / "graph" / "void.ttl").read_bytes() == fresh.read_bytes()


def test_the_store_holds_the_description_and_stats_reads_it(built: BuildResult) -> None:
    store = ox.Store.read_only(str(built.files[0].parent / STORE_FOLDER))
    summary = read_void(store)
    assert summary is not None
    assert (summary.triples, summary.entities) == (built.stats["triples"], built.stats["entities"])
    companies = [c for c in summary.classes if c[0].endswith("#Company")]
    assert companies == [("https://w3id.org/parkgraph/ontology#Company", 10, 10)]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("void-synthetic")
    synthetic_project(folder, 3, seed=7)
    return folder


def test_incremental_description_equals_a_fresh_one_and_its_data(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Graphs kept from the last build are counted from the manifest, not read again: the description
    must still be the fresh build's, and right."""
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 1_000)  # a "big" corpus: no union files
    project = Project.at(shutil.copytree(synthetic, tmp_path / "incremental"))
    build(project, jobs=1)
    assert_described(project.out_dir)
    middle = sorted(project.annotations_dir.glob("*.yaml"))[1]
    text = middle.read_text(encoding="utf-8")
    changed = re.sub(r'(\n    en: "[^"]*)"', r'\1 (renamed)"', text, count=1)
    assert changed != text
    middle.write_text(changed, encoding="utf-8")
    result = build(project, jobs=1)
    assert result.stats["rebuilt"] == 1
    assert_described(project.out_dir)
    fresh = Project.at(
        shutil.copytree(
            project.root, tmp_path / "fresh", ignore=shutil.ignore_patterns("graph", ".parkgraph-cache")
        )
    )
    build(fresh, jobs=1)
    assert (fresh.out_dir / "void.ttl").read_bytes() == (project.out_dir / "void.ttl").read_bytes()
    void_graph = ox.NamedNode(VOID_GRAPH)
    in_store = set(
        ox.Store.read_only(str(project.out_dir / STORE_FOLDER)).quads_for_pattern(
            None, None, None, void_graph
        )
    )
    assert in_store == set(
        ox.Store.read_only(str(fresh.out_dir / STORE_FOLDER)).quads_for_pattern(None, None, None, void_graph)
    )


def test_partition_keys_are_curies_or_digests_never_text() -> None:
    assert key("https://w3id.org/parkgraph/ontology#Company") == "pg.Company"
    assert key("http://rdfs.org/ns/void#triples") == "void.triples"
    odd = key("https://example.org/x y/中文")
    assert re.fullmatch(r"iri\.[0-9a-f]{20}", odd)
