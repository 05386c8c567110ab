"""The per-article Entailer (parkgraph.entailment) against owlrl, and the inference queries without owlrl.

Why these tests: the corpus build cannot afford owlrl (seconds per article, growing with the graph), so
it closes each article with the Entailer instead. That is only acceptable if (1) on the first article
the Entailer derives exactly the data-level triples owlrl's OWL 2 RL closure keeps (the useful ones,
:func:`parkgraph.formats.is_useful_entailment`), (2) its N-Triples path gives the same triples as its
rdflib path, (3) closing articles one by one gives the closure of their union, and (4) the seven
competency questions that need inference get their expected answers from data + ontology + Entailer
output, on rdflib and on an Oxigraph store laid out like the corpus store (named graphs, queried as their
merge).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from parkgraph.entailment import Entailer, Triple
from parkgraph.output import ntriples
from parkgraph.query import QueryResult, from_oxigraph, run_query, to_oxigraph
from tests.conftest import require, term_key
from tests.test_queries import (
    EXPECTED_DIR,
    GRAPH_FILE,
    PARAMETERS,
    QUERIES,
    cell,
    expected_cell,
    inference_of,
    read_expected,
)

INFERENCE_QUERIES = [p for p in QUERIES if inference_of(p) != "none"]
EX = "urn:ex:"


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


@pytest.fixture(scope="module")
def data() -> Graph:
    require(GRAPH_FILE.exists(), f"{GRAPH_FILE} is missing; run `python build_graph.py` first")
    return Graph().parse(GRAPH_FILE, format="turtle")


@pytest.fixture(scope="module")
def entailer(ontology: Graph) -> Entailer:
    return Entailer.from_ontology(ontology)


@pytest.fixture(scope="module")
def entailed(entailer: Entailer, data: Graph) -> set[Triple]:
    return entailer.entail(data)


@pytest.fixture(scope="module")
def owlrl_useful(data: Graph, ontology: Graph) -> set[Triple]:
    """What owlrl's OWL 2 RL closure of data + ontology adds, filtered as graph/parkgraph.inferred.ttl is."""
    import owlrl

    from parkgraph.formats import is_useful_entailment

    asserted = Graph()
    asserted += data
    asserted += ontology
    closed = Graph()
    closed += asserted
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        closed
    )
    return {t for t in closed if t not in asserted and is_useful_entailment(t, asserted)}


# --- against owlrl, on the first article ------------------------------------------------------------------


def test_same_data_entailments_as_owlrl(
    entailed: set[Triple], owlrl_useful: set[Triple], ontology: Graph
) -> None:
    """Every useful owlrl entailment about the article's resources, and nothing else."""
    ontology_terms = set(ontology.subjects())
    about_data = {t for t in owlrl_useful if t[0] not in ontology_terms}
    assert len(about_data) > 1000  # types via subclasses, pg:evidence ⊑ prov:wasDerivedFrom, inverses
    assert entailed - about_data == set()
    assert about_data - entailed == set()


def test_schema_entailments_are_owlrls_but_the_trivial_ones(
    entailer: Entailer, owlrl_useful: set[Triple], ontology: Graph
) -> None:
    """owlrl also closes the ontology itself: subclass chains and domains/ranges generalised along them.
    The Entailer computes those once (``schema``), leaving out ``rdfs:domain/rdfs:range owl:Thing``,
    which scm-cls + scm-dom1/scm-rng1 derive for every property and which say nothing."""
    ontology_terms = set(ontology.subjects())
    about_ontology = {t for t in owlrl_useful if t[0] in ontology_terms}
    missing = about_ontology - entailer.schema
    assert all(p in (RDFS.domain, RDFS.range) and o == OWL.Thing for _, p, o in missing), missing
    assert entailer.schema - about_ontology == set()
    assert len(entailer.schema) > 50


def test_domains_and_ranges_add_nothing_on_the_first_article(
    ontology: Graph, data: Graph, entailed: set[Triple]
) -> None:
    """owlrl applies prp-dom / prp-rng, so the Entailer does too; on the first article every subject and
    object already has a type that implies the domain or range, so they are redundant there."""
    assert Entailer.from_ontology(ontology, domains_and_ranges=False).entail(data) == entailed


def test_the_ontology_needs_no_rule_the_entailer_lacks(entailer: Entailer) -> None:
    """No owl:TransitiveProperty, property chain, functional property, sameAs or class expression: the
    single-premise rules are all of OWL 2 RL this ontology uses, so per-article closure is exact."""
    assert entailer.unsupported == ()


# --- the two paths and the per-article property -----------------------------------------------------------


def test_ntriples_path_gives_the_same_triples(entailer: Entailer, data: Graph, entailed: set[Triple]) -> None:
    out = entailer.entail_ntriples(ntriples(data))
    lines = out.decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(set(lines))
    assert set(Graph().parse(data=out.decode("utf-8"), format="nt")) == entailed


def test_ntriples_path_is_fast(entailer: Entailer, data: Graph) -> None:
    """Milliseconds for an article (owlrl takes seconds); the bound is loose for a busy machine."""
    text = ntriples(data)
    entailer.entail_ntriples(text)
    started = time.perf_counter()
    for _ in range(5):
        entailer.entail_ntriples(text)
    assert (time.perf_counter() - started) / 5 < 0.1


def test_closing_parts_closes_the_whole(entailer: Entailer, data: Graph) -> None:
    """Every rule has one data premise, so closing two halves of a graph separately gives the closure of
    the whole: what makes closing each article on its own exact."""
    triples = sorted(data)
    halves = triples[::2], triples[1::2]
    whole = entailer.entail(triples)
    parts = (entailer.entail(halves[0]) | entailer.entail(halves[1])) - set(triples)
    assert parts == whole


def test_rules_on_a_small_ontology() -> None:
    ontology = Graph().parse(
        format="turtle",
        data=f"""
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix : <{EX}> .
        :A rdfs:subClassOf :B . :B owl:equivalentClass :C . :C rdfs:subClassOf owl:Thing .
        :p rdfs:subPropertyOf :q . :q owl:inverseOf :r . :r owl:equivalentProperty :s .
        :near a owl:SymmetricProperty .
        :q rdfs:domain :Dom ; rdfs:range :Rng .
        :name rdfs:subPropertyOf :label .
        :ancestor a owl:TransitiveProperty .
        """,
    )
    entailer = Entailer.from_ontology(ontology)
    x, y = ex("x"), ex("y")
    got = entailer.entail(
        [
            (x, RDF.type, ex("A")),
            (x, ex("p"), y),
            (x, ex("near"), y),
            (x, ex("name"), Literal("X")),
            (x, ex("ancestor"), y),
        ]
    )
    assert got == {
        (x, RDF.type, ex("B")),
        (x, RDF.type, ex("C")),  # equivalent class, not owl:Thing
        (x, ex("q"), y),
        (y, ex("r"), x),
        (y, ex("s"), x),
        (x, RDF.type, ex("Dom")),
        (y, RDF.type, ex("Rng")),
        (y, ex("near"), x),
        (x, ex("label"), Literal("X")),  # no inverse of a literal: a literal subject is not RDF
    }
    assert entailer.unsupported == (f"owl:TransitiveProperty <{EX}ancestor>",)
    assert (ex("A"), RDFS.subClassOf, ex("C")) in entailer.schema
    assert (ex("B"), OWL.equivalentClass, ex("C")) not in entailer.schema  # asserted, so not new
    assert (ex("C"), OWL.equivalentClass, ex("B")) in entailer.schema
    assert (ex("p"), RDFS.domain, ex("Dom")) in entailer.schema


def test_asserted_and_ontology_triples_are_not_new() -> None:
    ontology = Graph().parse(
        format="turtle",
        data=f"@prefix rdfs: <{RDFS}> . @prefix : <{EX}> . :A rdfs:subClassOf :B . :k a :B .",
    )
    entailer = Entailer.from_ontology(ontology)
    x = ex("x")
    assert entailer.entail([(x, RDF.type, ex("A")), (x, RDF.type, ex("B"))]) == set()
    assert entailer.entail([(ex("k"), RDF.type, ex("A"))]) == set()  # the ontology says it already
    line = f"<{EX}k> <{RDF.type}> <{EX}A> .\n".encode()
    assert entailer.entail_ntriples(line) == b""


# --- the inference questions without owlrl ----------------------------------------------------------------


@pytest.fixture(scope="module")
def closed_graph(data: Graph, ontology: Graph, entailer: Entailer, entailed: set[Triple]) -> Graph:
    graph = Graph()
    graph += data
    graph += ontology
    for triple in (*entailed, *entailer.schema):
        graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def corpus_store(data: Graph, ontology: Graph, entailer: Entailer) -> ox.Store:
    """The article in its graph, the Entailer's output (from N-Triples, as the corpus build makes it) in
    an entailment graph, the ontology in its own, and their merge in the default graph."""
    store = ox.Store()
    schema = Graph()
    for triple in entailer.schema:
        schema.add(triple)
    article = ntriples(data)
    for name, text in (
        ("urn:graph:article", article),
        ("urn:graph:entailed", entailer.entail_ntriples(article) + ntriples(schema)),
        ("urn:graph:ontology", ntriples(ontology)),
    ):
        for graph in (ox.NamedNode(name), ox.DefaultGraph()):
            store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    return store


def run_on_store(store: ox.Store, text: str, bindings: Mapping[str, Node] | None) -> QueryResult:
    substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in (bindings or {}).items()} or None
    result = store.query(text, substitutions=substitutions)
    variables = tuple(v.value for v in result.variables)  # type: ignore[union-attr]
    rows = [tuple(from_oxigraph(s[v]) for v in result.variables) for s in result]  # type: ignore[union-attr]
    return QueryResult(variables=variables, rows=rows)


def assert_expected(path: Path, result: QueryResult) -> None:
    head, rows = read_expected(EXPECTED_DIR / f"{path.stem}.csv")
    assert head == list(result.variables)
    actual = [[cell(term) for term in row] for row in result.rows or []]
    expected = [
        [expected_cell(text, term) for text, term in zip(row, actual_row, strict=True)]
        for row, actual_row in zip(rows, result.rows or [], strict=False)
    ] + rows[len(actual) :]
    assert actual == expected


@pytest.mark.parametrize("path", INFERENCE_QUERIES, ids=lambda p: p.stem)
def test_inference_question_on_rdflib(path: Path, closed_graph: Graph) -> None:
    text = path.read_text(encoding="utf-8")
    assert_expected(path, run_query(text, closed_graph, engine="rdflib", bindings=PARAMETERS.get(path.stem)))


@pytest.mark.parametrize("path", INFERENCE_QUERIES, ids=lambda p: p.stem)
def test_inference_question_on_oxigraph(path: Path, closed_graph: Graph, corpus_store: ox.Store) -> None:
    text = path.read_text(encoding="utf-8")
    bindings = PARAMETERS.get(path.stem)
    result = run_on_store(corpus_store, text, bindings)
    assert_expected(path, result)
    rdflib_rows = run_query(text, closed_graph, engine="rdflib", bindings=bindings).rows or []
    assert [tuple(map(term_key, r)) for r in result.rows or []] == [
        tuple(map(term_key, r)) for r in rdflib_rows
    ]


def test_there_are_seven_inference_questions() -> None:
    assert len(INFERENCE_QUERIES) == 7
