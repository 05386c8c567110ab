"""The provenance machinery of an extraction (its prov:Activity and the extractor, a prov:SoftwareAgent) is
no node of the entity views: docs/views.md says no node is "other", but both were (issue 22)."""

from __future__ import annotations

from rdflib import Graph

from parkgraph.namespaces import DEFAULT_BASE
from parkgraph.views.model import build_model

from .conftest import ROOT

BASE = DEFAULT_BASE

TURTLE = f"""
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix pg: <https://w3id.org/parkgraph/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .

<{BASE}article/001_x> a schema:NewsArticle ; schema:mentions <{BASE}id/qinglan-zone> ;
    prov:wasGeneratedBy <{BASE}activity/001_x> .
<{BASE}activity/001_x> a prov:Activity ; prov:used <{BASE}article/001_x> ;
    prov:wasAssociatedWith <{BASE}agent/parkgraph-extractor/1.0> .
<{BASE}agent/parkgraph-extractor/1.0> a prov:SoftwareAgent ; schema:softwareVersion "1.0" .
<{BASE}id/qinglan-zone> a pg:DevelopmentZone ; skos:prefLabel "青岚高新区"@zh-Hans ;
    prov:wasGeneratedBy <{BASE}activity/001_x> .
"""


def test_no_view_shows_the_extraction_or_its_software_as_other() -> None:
    from parkgraph.vocabulary import load_ontology

    data = Graph()
    data.parse(data=TURTLE, format="turtle")
    ontology = load_ontology(ROOT / "ontology")
    for provenance in (False, True):
        model = build_model(data, ontology=ontology, base=BASE, provenance=provenance)
        graph = model.graph if hasattr(model, "graph") else model
        kinds = {str(node): attrs.get("kind") for node, attrs in graph.nodes(data=True)}
        assert f"{BASE}id/qinglan-zone" in kinds
        assert "other" not in kinds.values(), (provenance, kinds)
        assert not [n for n in kinds if "/activity/" in n or "/agent/" in n]
