"""Validation: pySHACL against ``ontology/shapes.ttl`` plus SPARQL quality checks.

The quality checks (``ontology/checks/*.rq``, in the spirit of the Ontology Development Kit) are
SELECT queries whose every row is a violation. Both kinds of failure end in one
:class:`ValidationResult`; :meth:`ValidationResult.raise_for_errors` turns a failure into a
:class:`~parkgraph.errors.ValidationError` carrying pySHACL's readable report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from .errors import ParkgraphError, ValidationError


@dataclass(frozen=True)
class CheckFailure:
    check: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ValidationResult:
    """What validation found. ``conforms`` is True only if SHACL and every check pass."""

    shacl_conforms: bool
    shacl_report: str
    check_failures: tuple[CheckFailure, ...] = field(default=())
    checks_run: int = 0

    @property
    def conforms(self) -> bool:
        return self.shacl_conforms and not self.check_failures

    def report(self, *, limit: int = 10) -> str:
        parts = []
        if not self.shacl_conforms:
            parts.append(self.shacl_report.strip())
        for failure in self.check_failures:
            lines = [f"SPARQL check {failure.check}: {len(failure.rows)} violation(s)"]
            lines += ["  " + " | ".join(row) for row in failure.rows[:limit]]
            if len(failure.rows) > limit:
                lines.append(f"  … and {len(failure.rows) - limit} more")
            parts.append("\n".join(lines))
        return "\n\n".join(parts) if parts else "conforms"

    def raise_for_errors(self) -> None:
        if not self.conforms:
            raise ValidationError(self.report())


def load_shapes(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except FileNotFoundError:
        raise ParkgraphError(f"{path}: no SHACL shapes file") from None


def run_checks(graph: Graph, checks_dir: Path) -> tuple[list[CheckFailure], int]:
    """Run every ``*.rq`` check of ``checks_dir`` on ``graph``; each result row is a violation.

    The checks run on Oxigraph: the same queries took rdflib over a minute on the first article
    (a SUBSTR over the article text per evidence span) and Oxigraph a few milliseconds.
    """
    from .query import QueryError, oxigraph_store, run_query

    store = oxigraph_store(graph)
    failures = []
    files = sorted(Path(checks_dir).glob("*.rq"))
    for path in files:
        try:
            result = run_query(path.read_text(encoding="utf-8"), graph, engine="oxigraph", store=store)
        except QueryError as error:
            raise ParkgraphError(f"{path}: the check is not valid SPARQL: {error}") from error
        rows = tuple(tuple("" if value is None else str(value) for value in row) for row in result.rows or [])
        if rows:
            failures.append(CheckFailure(path.stem, tuple(sorted(rows))))
    return failures, len(files)


def superclasses(ontology: Graph) -> dict[Node, set[Node]]:
    """Each class's reflexive-transitive superclasses (rdfs:subClassOf*), from the ontology."""
    direct: dict[Node, set[Node]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        direct.setdefault(sub, set()).add(sup)
    closure: dict[Node, set[Node]] = {}

    def walk(cls: Node) -> set[Node]:
        if cls not in closure:
            closure[cls] = {cls}
            for parent in direct.get(cls, ()):
                closure[cls] |= walk(parent)
        return closure[cls]

    for cls in list(direct):
        walk(cls)
    return closure


def with_entailed_types(data: Graph, ontology: Graph) -> Graph:
    """``data`` + ``ontology`` + every rdf:type entailed by rdfs:subClassOf (RDFS rule rdfs9).

    This is all the inference the shapes need (``sh:targetClass`` and ``sh:class`` must see a
    pg:IndustrialPark as a schema:Place). Computing it here takes milliseconds, where pySHACL's
    ``inference="rdfs"`` runs a full owlrl closure of data and ontology and took minutes.
    """
    closure = superclasses(ontology)
    graph = Graph()
    graph += data
    graph += ontology
    for node, cls in list(graph.subject_objects(RDF.type)):
        for parent in closure.get(cls, ()):
            graph.add((node, RDF.type, parent))
    return graph


def validate_graph(data: Graph, *, ontology: Graph, shapes: Graph, checks_dir: Path) -> ValidationResult:
    """Validate ``data`` (with the ontology's class hierarchy) against SHACL shapes and SPARQL checks."""
    union = with_entailed_types(data, ontology)
    conforms, _report_graph, report_text = shacl_validate(
        union,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    failures, count = run_checks(union, checks_dir)
    return ValidationResult(
        shacl_conforms=bool(conforms),
        shacl_report=str(report_text),
        check_failures=tuple(failures),
        checks_run=count,
    )
