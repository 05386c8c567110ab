"""The namespaces parkgraph uses, in one place, with the prefixes every output binds."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

PG = Namespace("https://w3id.org/parkgraph/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
CV = Namespace("http://data.europa.eu/m8g/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
VANN = Namespace("http://purl.org/vocab/vann/")

DEFAULT_BASE = "https://w3id.org/parkgraph/"

#: prefix → namespace, bound in every serialisation and used to expand CURIEs in annotation files.
PREFIXES: dict[str, str] = {
    "pg": str(PG),
    "org": str(ORG),
    "cv": str(CV),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "skos": str(SKOS),
    "time": str(TIME),
    "oa": str(OA),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "vann": str(VANN),
}

__all__ = [
    "CV",
    "DCTERMS",
    "DEFAULT_BASE",
    "FOAF",
    "OA",
    "ORG",
    "OWL",
    "PG",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SH",
    "SKOS",
    "TIME",
    "VANN",
    "XSD",
]
