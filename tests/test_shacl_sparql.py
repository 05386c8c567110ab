"""Tests of the SHACL→SPARQL compiler (parkgraph/shacl_sparql.py) against pySHACL.

pySHACL is the reference: on the real first article both validators must find nothing, and on every
broken graph of tests/test_ontology.py (plus the cases below, which reach the constraint components those
do not) the compiled queries must report the same (focus node, sh:sourceShape,
sh:sourceConstraintComponent) triples. Oxigraph renames blank nodes on load, so blank focus nodes are
compared as one placeholder.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from parkgraph.annotations import load_annotations
from parkgraph.namespaces import DEFAULT_BASE
from parkgraph.populate import populate
from parkgraph.reader import read_capture
from parkgraph.shacl_sparql import (
    CompiledConstraint,
    UnsupportedShapeError,
    Violation,
    compile_shapes,
    load_store,
    validate_with_sparql,
)
from parkgraph.validate import with_entailed_types
from parkgraph.vocabulary import Vocabulary
from tests.test_ontology import BASE, PGSH, SHACL_CASES, minimal_graph, ontology, shapes

ROOT = Path(__file__).resolve().parents[1]
FIRST = "000_64b6559f5e865fa2"
Key = tuple[Node, Node, Node]
BLANK = BNode("blank")


@functools.cache
def compiled() -> list[CompiledConstraint]:
    return compile_shapes(shapes())


def canonical(focus: Node) -> Node:
    return BLANK if isinstance(focus, BNode) else focus


def pyshacl_keys(union: Graph, shapes_graph: Graph) -> set[Key]:
    _conforms, results, _text = pyshacl.validate(
        union, shacl_graph=shapes_graph, inference="none", advanced=True
    )
    return {
        (canonical(results.value(r, SH.focusNode)), results.value(r, SH.sourceShape),
         results.value(r, SH.sourceConstraintComponent))
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }


def keys(violations: list[Violation]) -> set[Key]:
    return {(canonical(v.focus), v.shape, v.component) for v in violations}


# ============================================================================ the real article


@functools.cache
def first_article() -> Graph:
    return populate(
        read_capture(ROOT / "corpus" / f"{FIRST}.txt"),
        load_annotations(ROOT / "annotations" / f"{FIRST}.yaml"),
        vocabulary=Vocabulary.from_graph(ontology()),
        base=DEFAULT_BASE,
    )


def test_first_article_conforms_in_both_validators() -> None:
    data = first_article()
    union = with_entailed_types(data, ontology())
    assert pyshacl_keys(union, shapes()) == set()
    assert validate_with_sparql(load_store(data, ontology()), compiled()) == []
    materialised = compile_shapes(shapes(), materialised_types=True)
    assert validate_with_sparql(load_store(union), materialised) == []


# ============================================================================ parity on broken graphs

# name, SPARQL update breaking the minimal graph of tests/test_ontology.py, a shape that must be reported.
# They reach what SHACL_CASES does not: qualified max counts, sh:maxCount, sh:minLength, sh:nodeKind,
# literal focus nodes of sh:targetObjectsOf, blank focus nodes, language-tag case and subtags.
EXTRA_CASES = [
    ("evidence with two quote selectors",
     "INSERT { ?ev oa:hasSelector <urn:extra:quote> . <urn:extra:quote> a oa:TextQuoteSelector ; "
     'oa:exact "园"@zh-Hans } WHERE { id:park pg:evidence ?ev }', PGSH.QuoteSelectorProperty),
    ("post with two org:postIn",
     "INSERT DATA { id:park-party-committee-secretary org:postIn id:hubin }", PGSH.PostInProperty),
    ("empty oa:exact",
     'DELETE { ?q oa:exact ?x } INSERT { ?q oa:exact ""@zh-Hans } '
     "WHERE { id:park pg:evidence ?ev . ?ev oa:hasSelector ?q . ?q oa:exact ?x }", None),
    ("rdf:predicate is a literal",
     'DELETE { ?st rdf:predicate ?p } INSERT { ?st rdf:predicate "containedInPlace" } '
     "WHERE { ?st a rdf:Statement ; rdf:predicate ?p }", None),
    ("oa:start is a plain string",
     'DELETE { ?p oa:start ?s } INSERT { ?p oa:start "5" } '
     "WHERE { id:park pg:evidence ?ev . ?ev oa:hasSelector ?p . ?p oa:start ?s }", None),
    ("time:hasTime points to a literal",
     'INSERT DATA { fact:h1-2022-revenue time:hasTime "2022" }', PGSH.StatisticTimeProperty),
    ("a blank-node company without labels or evidence",
     "INSERT DATA { [] a pg:Company ; skos:prefLabel \"无名\"@zh-Hans }", PGSH.AnyEntityShape),
    ("label tagged zh-Hans-CN",
     'INSERT DATA { id:jiangsu skos:prefLabel "江苏"@zh-Hans-CN }', PGSH.PrefLabelLanguageProperty),
    ("second English label tagged EN",
     'INSERT DATA { id:jiangsu skos:prefLabel "Jiangsu"@EN }', PGSH.PrefLabelUniqueLangProperty),
    ("currency tagged as English",
     'DELETE { ?v schema:currency "CNY" } INSERT { ?v schema:currency "CNY"@en } '
     "WHERE { fact:h1-2022-revenue pg:quantity ?v }", None),
    ("rank as a decimal",
     'DELETE { ?c pg:rank 1 } INSERT { ?c pg:rank 1.0 } WHERE { ?c a pg:RankingClaim }', PGSH.RankProperty),
    ("interval with two beginnings",
     'INSERT { ?t time:hasBeginning ?e } WHERE { fact:h1-2022-revenue time:hasTime ?t . ?t time:hasEnd ?e }',
     None),
    ("instant without a position",
     "DELETE WHERE { ?i time:inXSDDate ?d . ?t time:hasBeginning ?i }", PGSH.InstantShape),
]

ALL_CASES = [(c[0], c[1], c[3]) for c in SHACL_CASES] + EXTRA_CASES


@pytest.mark.parametrize(("update", "shape"), [c[1:] for c in ALL_CASES], ids=[c[0] for c in ALL_CASES])
def test_same_violations_as_pyshacl(update: str, shape: URIRef | None) -> None:
    data = minimal_graph(update)
    expected = pyshacl_keys(with_entailed_types(data, ontology()), shapes())
    found = validate_with_sparql(load_store(data, ontology()), compiled())
    assert expected, "the case must break a rule"
    assert keys(found) == expected
    if shape is not None:
        assert shape in {s for _, s, _ in expected}


@pytest.mark.parametrize("case", [0, 8, 13], ids=lambda i: SHACL_CASES[i][0])
def test_rdflib_engine_agrees(case: int) -> None:
    """The queries are plain SPARQL 1.1: rdflib finds the same (slowly: seconds, not milliseconds)."""
    data = minimal_graph(SHACL_CASES[case][1])
    union = data + ontology()
    assert keys(validate_with_sparql(union, compiled())) == keys(
        validate_with_sparql(load_store(data, ontology()), compiled()))


def test_the_minimal_graph_conforms() -> None:
    assert validate_with_sparql(load_store(minimal_graph(), ontology()), compiled()) == []


def test_violation_carries_message_value_path_and_severity() -> None:
    data = minimal_graph("DELETE { ?c pg:rank 1 } INSERT { ?c pg:rank 0 } WHERE { ?c a pg:RankingClaim }")
    (violation,) = validate_with_sparql(load_store(data, ontology()), compiled())
    assert violation[:4] == (
        URIRef(f"{BASE}fact/A/only-provincial-big-data-park-2022"), PGSH.RankProperty,
        SH.MinInclusiveConstraintComponent,
        "a pg:RankingClaim needs exactly one pg:rank, an xsd:integer of at least 1",
    )
    assert violation.value == Literal(0)
    assert violation.path == URIRef("https://w3id.org/parkgraph/ontology#rank")
    assert violation.severity == SH.Violation


# ============================================================================ the compiled queries


def test_every_constraint_of_the_shapes_is_compiled() -> None:
    found = {(c.shape, c.component) for c in compiled()}
    assert (PGSH.AnyEntityShape, SH.OrConstraintComponent) in found
    assert (PGSH.InstantShape, SH.XoneConstraintComponent) in found
    assert (PGSH.QuantityProperty, SH.NodeConstraintComponent) in found
    assert (PGSH.QuoteSelectorProperty, SH.QualifiedMaxCountConstraintComponent) in found
    assert (PGSH.StartBeforeEndProperty, SH.LessThanConstraintComponent) in found
    assert (PGSH.ConfidenceProperty, SH.MaxInclusiveConstraintComponent) in found  # confidence ≤ 1
    components = {c.component for c in compiled()}
    assert SH.PatternConstraintComponent in components  # schema:currency, an ISO 4217 code
    assert len(components) == 18
    assert compiled() == compile_shapes(shapes())  # deterministic


@pytest.mark.parametrize("index", range(0, 120, 7))
def test_queries_parse_in_both_engines(index: int) -> None:
    query = compiled()[index].query
    assert prepareQuery(query).algebra.name == "SelectQuery"
    assert list(pyoxigraph.Store().query(query)) == []


# ============================================================================ components shapes.ttl lacks

EXTRA_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Item a sh:NodeShape ; sh:targetClass ex:Item ;
    sh:property [ sh:path ex:code ; sh:pattern "^[A-Z]{2}[0-9]+$" ; sh:maxLength 6 ] ,
        [ sh:path ex:score ; sh:maxInclusive 10 ; sh:minExclusive 0 ] ,
        [ sh:path ex:tag ; sh:minCount 2 ; sh:maxCount 3 ] ,
        [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Part ] ; sh:qualifiedMinCount 2 ] ;
    sh:and ( [ sh:path ex:name ; sh:minCount 1 ] [ sh:path ex:name ; sh:datatype xsd:string ] ) ;
    sh:not [ sh:path ex:deleted ; sh:hasValue true ] .
ex:Root a sh:NodeShape ; sh:targetNode ex:root ; sh:nodeKind sh:IRI ; sh:hasValue ex:root ;
    sh:property [ sh:path ex:child ; sh:node ex:Item ] .
ex:Subjects a sh:NodeShape ; sh:targetSubjectsOf ex:code ; sh:class ex:Item .
ex:Off a sh:NodeShape ; sh:targetClass ex:Item ; sh:deactivated true ;
    sh:property [ sh:path ex:x ; sh:minCount 1 ] .
"""
EXTRA_DATA = """
@prefix ex: <http://example.org/> .
ex:root ex:child ex:good , ex:bad , ex:worse .
ex:good a ex:Item ; ex:code "AB12" ; ex:score 10 ; ex:tag 1 , 2 ; ex:part ex:p1 , ex:p2 ; ex:name "good" .
ex:p1 a ex:Part . ex:p2 a ex:Part .
ex:bad a ex:Item ; ex:code "ab12" , "AB12345" ; ex:score 0 , 11 , "x" ; ex:tag 1 ; ex:part ex:p1 , ex:bad ;
    ex:name "bad"@en ; ex:deleted true .
ex:worse a ex:Item ; ex:tag 1 , 2 , 3 , 4 ; ex:name "worse" .
ex:stray ex:code "ZZ1" .
"""


def test_components_beyond_shapes_ttl_agree_with_pyshacl() -> None:
    shapes_graph = Graph().parse(data=EXTRA_SHAPES, format="turtle")
    data = Graph().parse(data=EXTRA_DATA, format="turtle")
    expected = pyshacl_keys(data, shapes_graph)
    found = validate_with_sparql(load_store(data), compile_shapes(shapes_graph))
    assert keys(found) == expected
    assert {c for _, _, c in expected} >= {
        SH.PatternConstraintComponent, SH.MaxLengthConstraintComponent, SH.MaxInclusiveConstraintComponent,
        SH.MinExclusiveConstraintComponent, SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent,
        SH.QualifiedMinCountConstraintComponent, SH.AndConstraintComponent, SH.NotConstraintComponent,
        SH.NodeConstraintComponent, SH.ClassConstraintComponent,
    }
    assert keys(validate_with_sparql(data, compile_shapes(shapes_graph))) == expected  # rdflib too


# ============================================================================ refusing what is not compiled


@pytest.mark.parametrize(("shape", "component"), [
    ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:a ; sh:equals ex:b ] .", "equals"),
    ("ex:S sh:targetClass ex:C ; sh:closed true .", "closed"),
    ("ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:a ] ; sh:minCount 1 ] .", "path"),
    ("ex:S sh:targetClass ex:C ; sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ] .", "path"),
    ("ex:S sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this WHERE {}\" ] .", "sparql"),
    ("ex:S sh:targetClass ex:C ; sh:node ex:S .", "recursive"),
    ("ex:S sh:targetClass ex:C ; sh:in ( [] ) .", "blank nodes"),
    ("ex:S sh:targetClass ex:C ; sh:minCount 1 .", "property shape"),
    ("ex:S a rdfs:Class ; sh:targetClass ex:C ; sh:class ex:D .", "implicit class target"),
])
def test_unsupported_shapes_are_refused_by_name(shape: str, component: str) -> None:
    shapes_graph = Graph().parse(format="turtle", data=(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . "
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . " + shape))
    with pytest.raises(UnsupportedShapeError, match=component) as error:
        compile_shapes(shapes_graph)
    assert "shape " in str(error.value) and "not supported" in str(error.value)
