"""The triple-store formats: TriG and N-Quads with a named graph per article and one for the ontology, and
the inferred Turtle (OWL 2 RL closure by owlrl, without axiomatic or generalised triples)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from parkgraph.build import BuildResult, Project, build
from parkgraph.formats import (
    DEFAULT_ONTOLOGY_GRAPH,
    closure,
    is_useful_entailment,
    ontology_graph_name,
)
from parkgraph.namespaces import PG, SCHEMA
from parkgraph.vocabulary import load_ontology

from .conftest import ROOT, copy_project

ONTOLOGY_GRAPH = URIRef("https://w3id.org/parkgraph/ontology")
BASE = "https://w3id.org/parkgraph/"
SHARED_GRAPH = URIRef(f"{BASE}graph/shared")
VOID_GRAPH = URIRef(f"{BASE}graph/void")


def by_name(built: BuildResult) -> dict[str, Path]:
    return {path.name: path for path in built.files}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ROOT / "ontology")


@pytest.fixture(scope="module")
def dataset(built: BuildResult) -> Dataset:
    data = Dataset()
    data.parse(by_name(built)["parkgraph.trig"], format="trig")
    return data


def triples_of(graph: Graph) -> set[tuple]:
    return set(graph.triples((None, None, None)))


def test_build_writes_trig_nquads_and_inferred_turtle(built: BuildResult) -> None:
    assert {"parkgraph.trig", "parkgraph.nq", "parkgraph.inferred.ttl"} <= by_name(built).keys()


def test_each_article_has_its_named_graph_and_the_ontology_its_own(
    built: BuildResult, dataset: Dataset, ontology: Graph
) -> None:
    names = {g.identifier for g in dataset.graphs() if len(g)}
    articles = {URIRef(f"{BASE}graph/{article}") for article in built.articles}
    assert names == articles | {ONTOLOGY_GRAPH, SHARED_GRAPH, VOID_GRAPH}
    assert triples_of(dataset.graph(ONTOLOGY_GRAPH)) == triples_of(ontology)
    void = Graph().parse(built.files[0].parent / "void.ttl")
    assert triples_of(dataset.graph(VOID_GRAPH)) == triples_of(void)
    union = Graph()
    for name in articles | {SHARED_GRAPH}:
        union += dataset.graph(name)
    assert triples_of(union) == triples_of(built.graph)
    shared = triples_of(dataset.graph(SHARED_GRAPH))
    assert shared and all(str(s).startswith((f"{BASE}id/", f"{BASE}concept/")) for s, _, _ in shared)
    assert len(dataset.default_graph) == 0  # the default graph is empty: every triple has a graph


def test_trig_and_nquads_hold_the_same_quads(built: BuildResult) -> None:
    files = by_name(built)
    from_trig = set(ox.parse(path=str(files["parkgraph.trig"]), format=ox.RdfFormat.TRIG))
    from_nq = set(ox.parse(path=str(files["parkgraph.nq"]), format=ox.RdfFormat.N_QUADS))
    assert from_trig == from_nq


def test_nquads_are_graph_by_graph_each_sorted_without_blank_nodes(built: BuildResult) -> None:
    """The ontology's graph first, then each article's in id order, then the shared graph and the VoID
    description's, each graph's lines sorted and unique: canonical, and writable one article at a time."""
    lines = by_name(built)["parkgraph.nq"].read_text(encoding="utf-8").splitlines()
    graphs: dict[str, list[str]] = {}
    for line in lines:
        graphs.setdefault(line.rsplit(" ", 2)[1], []).append(line)
    names = list(graphs)
    assert names[0] == f"<{ONTOLOGY_GRAPH}>"
    assert names[1:-2] == sorted(names[1:-2]) == [f"<{BASE}graph/{a}>" for a in built.articles]
    assert names[-2:] == [f"<{SHARED_GRAPH}>", f"<{VOID_GRAPH}>"]
    assert all(group == sorted(set(group)) for group in graphs.values())
    assert not any("_:" in line.split('"')[0] for line in lines)


def test_turtle_and_trig_keep_the_language_tags_case(built: BuildResult) -> None:
    """pyoxigraph writes them and lower-cases tags; the writer restores ``zh-Hans``."""
    for name in ("parkgraph.ttl", "parkgraph.trig"):
        text = by_name(built)[name].read_text(encoding="utf-8")
        assert '"@zh-Hans' in text and "@zh-hans" not in text


def test_the_article_text_keeps_its_line_breaks_in_trig(built: BuildResult, dataset: Dataset) -> None:
    """TriG blocks are not indented: indenting a multi-line literal would change the article's text."""
    bodies = {str(o) for _, _, o, _ in dataset.quads((None, SCHEMA.articleBody, None, None))}
    assert bodies == {str(o) for o in built.graph.objects(None, SCHEMA.articleBody)}
    assert all("\n" in body for body in bodies)


def test_trig_and_inferred_turtle_are_byte_identical_across_hash_seeds(
    tmp_path: Path, built: BuildResult
) -> None:
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
        "from parkgraph.build import Project, build;"
        "build(Project.at(sys.argv[1], out_dir=sys.argv[2]))"
    )
    for seed in ("987",):
        out = tmp_path / seed
        subprocess.run(
            [sys.executable, "-c", script, str(ROOT), str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PARKGRAPH_NO_CACHE": "1"},
        )
        for name in ("parkgraph.trig", "parkgraph.nq", "parkgraph.ttl", "parkgraph.inferred.ttl"):
            assert (out / name).read_bytes() == by_name(built)[name].read_bytes(), (seed, name)


def test_ontology_graph_is_named_by_the_ontology_iri(ontology: Graph) -> None:
    assert ontology_graph_name(ontology) == ONTOLOGY_GRAPH
    assert ontology_graph_name(Graph()) == DEFAULT_ONTOLOGY_GRAPH == ONTOLOGY_GRAPH


def test_named_graphs_follow_the_base(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    base = "https://example.org/kg/"
    result = build(project, base=base)
    data = Dataset()
    data.parse(project.graph_path("trig"), format="trig")
    names = {g.identifier for g in data.graphs() if len(g)}
    ours = (*result.articles, "shared", "void")
    assert names == {URIRef(f"{base}graph/{a}") for a in ours} | {ONTOLOGY_GRAPH}


# --- the inferred Turtle ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def inferred(built: BuildResult) -> Graph:
    return Graph().parse(by_name(built)["parkgraph.inferred.ttl"], format="turtle")


def test_inferred_holds_the_data_and_the_ontology(
    built: BuildResult, inferred: Graph, ontology: Graph
) -> None:
    assert triples_of(built.graph) <= triples_of(inferred)
    assert triples_of(ontology) <= triples_of(inferred)
    assert len(inferred) > len(built.graph) + len(ontology)


def test_inferred_has_superclass_types_and_inverse_properties(inferred: Graph, ontology: Graph) -> None:
    parks = set(inferred.subjects(RDF.type, PG.IndustrialPark))
    assert parks
    for superclass in ontology.transitive_objects(PG.IndustrialPark, RDFS.subClassOf):
        if superclass not in (PG.IndustrialPark, OWL.Thing, RDFS.Resource):
            assert all((park, RDF.type, superclass) in inferred for park in parks), superclass
    inverse = set(ontology.objects(SCHEMA.containedInPlace, OWL.inverseOf)) | set(
        ontology.subjects(OWL.inverseOf, SCHEMA.containedInPlace)
    )
    contained = list(inferred.subject_objects(SCHEMA.containedInPlace))
    assert contained
    for prop in inverse:
        assert all((whole, prop, part) in inferred for part, whole in contained)


def test_inferred_has_no_axiomatic_or_generalised_triples(inferred: Graph, built: BuildResult) -> None:
    asserted = triples_of(built.graph)
    for s, p, o in inferred:
        assert not isinstance(s, (Literal, BNode)) and not isinstance(o, BNode), (s, p, o)
        assert o not in (OWL.Thing, RDFS.Resource, RDFS.Literal, RDF.langString) or p != RDF.type, (s, o)
        assert not (s == o and p in (OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf)), s
        if (s, p, o) not in asserted and p == RDF.type:
            assert not str(o).startswith(str(XSD)), (s, o)


def test_inferred_entailments_are_filtered_as_documented() -> None:
    asserted = Graph()
    a, b = URIRef("http://example.org/a"), URIRef("http://example.org/b")
    asserted.add((a, SCHEMA.value, Literal("1.50", datatype=XSD.decimal)))
    assert not is_useful_entailment((a, OWL.sameAs, a), asserted)
    assert not is_useful_entailment((a, RDF.type, OWL.Thing), asserted)
    assert not is_useful_entailment((Literal("x"), RDF.type, RDFS.Literal), asserted)
    assert not is_useful_entailment((a, RDF.type, XSD.decimal), asserted)
    assert not is_useful_entailment((OWL.Thing, RDFS.subClassOf, OWL.Thing), asserted)
    assert not is_useful_entailment((a, SCHEMA.value, Literal("1.5", datatype=XSD.decimal)), asserted)
    assert not is_useful_entailment((a, SCHEMA.about, BNode()), asserted)
    assert is_useful_entailment((a, RDF.type, PG.IndustrialPark), asserted)
    assert is_useful_entailment((a, SCHEMA.containsPlace, b), asserted)
    assert is_useful_entailment((a, SCHEMA.value, Literal("2", datatype=XSD.decimal)), asserted)


def test_closure_of_a_small_graph() -> None:
    ontology = Graph()
    ontology.add((PG.Park, RDFS.subClassOf, PG.Place))
    ontology.add((SCHEMA.containsPlace, OWL.inverseOf, SCHEMA.containedInPlace))
    data = Graph()
    a, b = URIRef("http://example.org/a"), URIRef("http://example.org/b")
    data.add((a, RDF.type, PG.Park))
    data.add((a, SCHEMA.containedInPlace, b))
    closed = closure(data, ontology)
    assert (a, RDF.type, PG.Place) in closed
    assert (b, SCHEMA.containsPlace, a) in closed
    assert (a, OWL.sameAs, a) not in closed
    assert not any(isinstance(s, Literal) for s, _, _ in closed)


# --- JSON-LD ----------------------------------------------------------------------------------------------


def test_json_ld_has_a_readable_context(built: BuildResult) -> None:
    data = json.loads(by_name(built)["parkgraph.jsonld"].read_text(encoding="utf-8"))
    context = data["@context"]
    for prefix in ("pg", "schema", "skos", "oa", "prov", "time", "pgid"):
        assert prefix in context, prefix
    text = json.dumps(data, ensure_ascii=False)
    assert '"skos:prefLabel"' in text and '"pgid:suqian-software-park"' in text


def test_project_graph_paths() -> None:
    project = Project.at(ROOT)
    assert project.graph_path("inferred.ttl").name == "parkgraph.inferred.ttl"


def test_inferred_cache_returns_what_was_computed_and_misses_on_new_input(tmp_path: Path) -> None:
    from parkgraph.formats import cached

    calls: list[int] = []

    def produce() -> bytes:
        calls.append(1)
        return b"closure %d" % len(calls)

    first = cached(tmp_path, "inferred", [b"graph", b"ontology"], produce)
    assert cached(tmp_path, "inferred", [b"graph", b"ontology"], produce) == first
    assert len(calls) == 1
    assert cached(tmp_path, "inferred", [b"graph changed", b"ontology"], produce) == b"closure 2"
    assert len(list(tmp_path.glob("inferred-*.bin"))) == 1
