"""Graph names of the dataset files, and the inferred Turtle.

``graph/parkgraph.trig`` and ``graph/parkgraph.nq`` (written by
:class:`parkgraph.corpus.graphfiles.GraphFileWriter`)
hold the same quads: every article's facts, statements and evidence (and which of its evidence supports
which entity) in that article's named graph ``{base}graph/{article-id}``; what the articles say about
entities and concepts (types, names, relations between them), each triple once, in the shared graph
``{base}graph/shared``; and the ontology in the graph named by its own IRI
(``https://w3id.org/parkgraph/ontology``). No triple is in two graphs and the default graph is empty;
the union of the article graphs and the shared graph is exactly ``graph/parkgraph.ttl``.

``graph/parkgraph.inferred.ttl`` is the data *and* the ontology closed under OWL 2 RL (owlrl, which
includes the RDFS rules for subclasses, subproperties, domains and ranges, plus inverse, symmetric
and transitive properties and equivalences), for stores that have no reasoner. Only useful
entailments are kept: see :func:`is_useful_entailment`.

Every file is deterministic (same inputs, same bytes, whatever Python's hash seed): N-Quads are
sorted lines; TriG is written graph by graph (ontology first, then articles in id order, then the
shared graph) from pyoxigraph's Turtle serialiser, fed sorted lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from .namespaces import PG
from .output import Writer

if TYPE_CHECKING:
    pass

#: Suffixes (``graph/parkgraph.<suffix>``) of the files written here.
TRIG, NQUADS, INFERRED = "trig", "nq", "inferred.ttl"

#: The ontology's graph name when the ontology declares no ``owl:Ontology`` IRI.
DEFAULT_ONTOLOGY_GRAPH = URIRef(str(PG).rstrip("#/"))

_BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))
#: Types every resource or literal has under RDFS / OWL RL: true, but they answer no question.
_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource, RDFS.Literal, RDFS.Datatype, RDF.langString})
_REFLEXIVE = frozenset(
    {OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty}
)


#: Where content-addressed results of slow steps are kept between builds (not committed).
CACHE_DIR = ".parkgraph-cache"


def cached(folder: Path, name: str, inputs: Iterable[bytes], produce: Writer) -> bytes:
    """``produce()``, or the bytes it gave last time for the same ``inputs``.

    The OWL 2 RL closure takes owlrl seconds for one article while everything else in the build takes
    about one; when neither the graph nor the ontology changed, the answer cannot have changed either.
    The key also covers this module's source and owlrl's version, so a change of the closure code
    invalidates it. Only the newest entry per ``name`` is kept. ``PARKGRAPH_NO_CACHE=1`` bypasses it
    (the determinism tests set it, so they exercise the real computation).
    """
    import hashlib
    import os

    if os.environ.get("PARKGRAPH_NO_CACHE") == "1":
        return produce()

    import owlrl

    digest = hashlib.sha256()
    for part in (*inputs, Path(__file__).read_bytes(), str(owlrl.__version__).encode()):
        digest.update(hashlib.sha256(part).digest())
    path = folder / f"{name}-{digest.hexdigest()[:32]}.bin"
    if path.exists():
        return path.read_bytes()
    data = produce()
    from .output import write_atomically

    for old in folder.glob(f"{name}-*.bin"):
        old.unlink(missing_ok=True)
    write_atomically({path: lambda: data})
    return data


def ontology_graph_name(ontology: Graph) -> URIRef:
    """The ontology's own IRI (the subject of ``a owl:Ontology``), its graph's name in TriG/N-Quads."""
    names = sorted(s for s in ontology.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    return names[0] if names else DEFAULT_ONTOLOGY_GRAPH


def article_graph_name(base: str, article_id: str) -> URIRef:
    """``{base}graph/{article-id}``, as :meth:`parkgraph.iris.IriMinter.graph` mints it."""
    from .iris import IriMinter

    return IriMinter(base=base, article_id=article_id).graph()


def _bound(triples: Iterable[tuple], prefixes: Mapping[str, str]) -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add(triple)
    return graph


def is_useful_entailment(triple: tuple, asserted: Graph) -> bool:
    """False for what a closure adds that answers no question (or is not valid RDF):

    * generalised RDF: literal subjects, blank nodes (owlrl's datatype and literal rules);
    * reflexive ``owl:sameAs`` / ``rdfs:subClassOf`` / ``rdfs:subPropertyOf`` / equivalences;
    * facts about RDF, RDFS, OWL and XSD's own terms (their axioms);
    * ``a owl:Thing``, ``a rdfs:Resource`` and the like, ``rdfs:subClassOf owl:Thing``;
    * a literal that is already asserted in another lexical form (``"1.50"`` vs ``"1.5"``).
    """
    s, p, o = triple
    if isinstance(s, (Literal, BNode)) or isinstance(o, BNode) or isinstance(p, BNode):
        return False
    if s == o and p in _REFLEXIVE:
        return False
    if str(s).startswith(_BUILT_IN):
        return False
    if o in _TRIVIAL_TYPES and p in (RDF.type, RDFS.subClassOf, OWL.equivalentClass):
        return False
    if p == RDF.type and isinstance(o, URIRef) and str(o).startswith(str(XSD)):
        return False
    if isinstance(o, Literal):
        return not any(isinstance(x, Literal) and x.eq(o) for x in asserted.objects(s, p))
    return True


def closure(graph: Graph, ontology: Graph) -> Graph:
    """``graph`` + ``ontology`` + their useful OWL 2 RL entailments (no axiomatic triples)."""
    import owlrl

    asserted = Graph(bind_namespaces="none")
    asserted += graph
    asserted += ontology
    closed = Graph(bind_namespaces="none")
    closed += asserted
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(
        closed
    )
    for triple in list(closed):
        if triple not in asserted and not is_useful_entailment(triple, asserted):
            closed.remove(triple)
    return closed


def inferred_turtle(graph: Graph, ontology: Graph, *, prefixes: Mapping[str, str]) -> bytes:
    return _bound(closure(graph, ontology), prefixes).serialize(format="turtle", encoding="utf-8")
