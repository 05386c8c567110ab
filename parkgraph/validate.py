"""Validation: the SHACL shapes of ``ontology/shapes.ttl`` (compiled to SPARQL) plus SPARQL quality checks.

The shapes are SHACL Core; :mod:`parkgraph.shacl_sparql` compiles them to SPARQL, run on Oxigraph, and
tests/test_shacl_sparql.py proves it reports what pySHACL reports. The quality checks
(``ontology/checks/*.rq``, in the spirit of the Ontology Development Kit) are SELECT queries whose
every row is a violation. Both kinds of failure end in one :class:`ValidationResult`;
:meth:`ValidationResult.raise_for_errors` turns a failure into a :class:`~parkgraph.errors.ValidationError`
carrying a readable report (in pySHACL's format).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .errors import ParkgraphError, ValidationError
from .minted import REPLACED_CHECKS, MintReport, OntologyTerms
from .ntriples import TYPE_LINE
from .shacl_sparql import CompiledConstraint, Violation, compile_shapes, validate_with_sparql


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


class Validator:
    """The SHACL shapes compiled to SPARQL plus the quality checks, ready to validate many graphs.

    Why compiled: pySHACL walks focus nodes in Python (0.33 s for the first article, 52 s for 100
    merged ones), the compiled queries (:mod:`parkgraph.shacl_sparql`) run in Oxigraph in about 20 ms
    an article and report the same (focus, shape, component) results, which tests/test_shacl_sparql.py
    proves against pySHACL on a set of broken inputs. Compile once per process, then call
    :meth:`validate_ntriples` per article (or :meth:`validate_store` on a loaded store).

    >>> from rdflib import Graph
    >>> from parkgraph.vocabulary import load_ontology
    >>> ontology = load_ontology(Path("ontology"))
    >>> validator = Validator.load(ontology=ontology, shapes=load_shapes(Path("ontology/shapes.ttl")),
    ...                            checks_dir=Path("ontology/checks"))
    >>> validator.validate_ntriples(b"").conforms
    True
    """

    def __init__(
        self, *, constraints: list[CompiledConstraint], checks: list[tuple[str, str]], ontology: Graph
    ) -> None:
        self.constraints = tuple(constraints)
        self.checks = tuple(checks)
        self.superclasses = {
            f"<{cls}>".encode(): tuple(f"<{parent}>".encode() for parent in sorted(parents) if parent != cls)
            for cls, parents in superclasses(ontology).items()
        }
        ontology_nt = ontology.serialize(format="nt", encoding="utf-8")
        self.ontology_nt = ontology_nt + self.entailed_types(ontology_nt)
        self._ontology_terms: OntologyTerms | None = None

    @property
    def ontology_terms(self) -> OntologyTerms:
        """What the checks proved at mint time need of the ontology (made on first use)."""
        if self._ontology_terms is None:
            self._ontology_terms = OntologyTerms(self.ontology_nt)
        return self._ontology_terms

    @classmethod
    def load(cls, *, ontology: Graph, shapes: Graph, checks_dir: Path) -> Validator:
        files = sorted(Path(checks_dir).glob("*.rq"))
        checks = [(path.stem, path.read_text(encoding="utf-8")) for path in files]
        for path, (_name, text) in zip(files, checks, strict=True):
            try:
                ox.Store().query(text)
            except SyntaxError as error:
                raise ParkgraphError(f"{path}: the check is not valid SPARQL: {error}") from None
        return cls(
            constraints=compile_shapes(shapes, materialised_types=True), checks=checks, ontology=ontology
        )

    def entailed_types(self, data: bytes) -> bytes:
        """The rdf:type triples rdfs:subClassOf entails from canonical N-Triples ``data`` (RDFS rule rdfs9),
        as N-Triples; string work on the lines, since only ``?s rdf:type ?class`` lines matter."""
        out: list[bytes] = []
        for subject, cls in TYPE_LINE.findall(data):
            for parent in self.superclasses.get(cls, ()):
                out.append(subject + _RDF_TYPE + parent + b" .\n")
        return b"".join(out)

    def validate_ntriples(self, data: bytes, *, minted: MintReport | None = None) -> ValidationResult:
        """Validate one graph given as N-Triples (with the ontology and the entailed types added).

        ``minted``: what the populator proved of it as it minted it (:mod:`parkgraph.minted`, a corpus
        build's articles); then the checks it answers for are not run again by SPARQL, and its rows are
        reported under their names instead."""
        store = ox.Store()
        store.bulk_load(self.ontology_nt, format=ox.RdfFormat.N_TRIPLES)
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        store.bulk_load(self.entailed_types(data), format=ox.RdfFormat.N_TRIPLES)
        return self.validate_store(store, minted=minted)

    def validate_store(self, store: ox.Store, *, minted: MintReport | None = None) -> ValidationResult:
        """Validate what ``store``'s default graph holds (data, ontology and entailed types); the checks
        ``minted`` answers for are taken from it."""
        violations = validate_with_sparql(store, self.constraints)
        failures = []
        for name, text in self.checks:
            if minted is not None and name in REPLACED_CHECKS:
                if minted.rows.get(name):
                    failures.append(CheckFailure(name, tuple(sorted(minted.rows[name]))))
                continue
            result = store.query(text)
            names = result.variables  # type: ignore[union-attr]
            rows = tuple(sorted(tuple(_text(solution[v]) for v in names) for solution in result))  # type: ignore[union-attr]
            if rows:
                failures.append(CheckFailure(name, rows))
        return ValidationResult(
            shacl_conforms=not any(v.severity == SH.Violation for v in violations),
            shacl_report=shacl_report(violations),
            check_failures=tuple(failures),
            checks_run=len(self.checks),
        )


_RDF_TYPE = f" <{RDF.type}> ".encode()


def _text(term: object) -> str:
    return "" if term is None else str(getattr(term, "value", term))


def shacl_report(violations: list[Violation]) -> str:
    """A report in the shape of pySHACL's text report: one block per result."""
    lines = ["Validation Report", f"Conforms: {not violations}"]
    if violations:
        lines.append(f"Results ({len(violations)}):")
    for v in violations:
        component = str(v.component).rsplit("#", 1)[-1]
        lines += [
            f"Constraint Violation in {component} ({v.component}):",
            f"\tSeverity: sh:{str(v.severity).rsplit('#', 1)[-1]}",
            f"\tSource Shape: {v.shape.n3()}",
            f"\tFocus Node: {v.focus.n3()}",
            *([f"\tValue Node: {v.value.n3()}"] if v.value is not None else []),
            *([f"\tResult Path: {v.path.n3()}"] if v.path is not None else []),
            f"\tMessage: {v.message}",
        ]
    return "\n".join(lines)


def validate_graph(data: Graph, *, ontology: Graph, shapes: Graph, checks_dir: Path) -> ValidationResult:
    """Validate ``data`` (with the ontology's class hierarchy) against the shapes and the SPARQL checks."""
    validator = Validator.load(ontology=ontology, shapes=shapes, checks_dir=checks_dir)
    return validator.validate_ntriples(data.serialize(format="nt", encoding="utf-8"))
