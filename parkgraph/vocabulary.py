"""What the ontology says about its terms, in the form population needs.

Population asks the ontology, not a hard-coded table, whether a property takes an IRI or a literal and
which datatype a literal gets. Adding a property to ``ontology/parkgraph.ttl`` is therefore enough to use
it in annotation files; using an undeclared one is an error that says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .errors import ParkgraphError


@dataclass(frozen=True)
class Vocabulary:
    """The declared classes and properties of the ontology."""

    classes: frozenset[URIRef]
    object_properties: frozenset[URIRef]
    datatype_ranges: dict[URIRef, URIRef]

    @classmethod
    def from_graph(cls, ontology: Graph) -> Vocabulary:
        classes = frozenset(s for s in ontology.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef))
        objects = frozenset(
            s for s in ontology.subjects(RDF.type, OWL.ObjectProperty) if isinstance(s, URIRef)
        )
        ranges: dict[URIRef, URIRef] = {}
        for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
            declared = sorted(r for r in ontology.objects(prop, RDFS.range) if isinstance(r, URIRef))
            if len(declared) != 1:
                raise ParkgraphError(
                    f"ontology: datatype property {prop} needs exactly one rdfs:range, has {len(declared)}"
                )
            ranges[URIRef(prop)] = declared[0]
        both = objects & ranges.keys()
        if both:
            raise ParkgraphError(f"ontology: {sorted(both)[0]} is both an object and a datatype property")
        return cls(classes=classes, object_properties=objects, datatype_ranges=ranges)


def load_ontology(directory: Path) -> Graph:
    """Parse every ``*.ttl`` of the ontology folder except the SHACL shapes."""
    graph = Graph()
    files = sorted(p for p in Path(directory).glob("*.ttl") if p.name != "shapes.ttl")
    if not files:
        raise ParkgraphError(f"{directory}: no ontology (*.ttl) found; run from the project folder")
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises several unrelated types for bad Turtle
            raise ParkgraphError(f"{path}: not valid Turtle: {error}") from error
    return graph
