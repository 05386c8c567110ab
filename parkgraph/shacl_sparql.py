"""SHACL Core shapes compiled to SPARQL SELECT queries, so a large graph is validated by the store.

Why: pySHACL walks focus nodes in Python (about 0.5 s per article here), which is hours for 10k articles.
The shapes of ``ontology/shapes.ttl`` use only SHACL Core, and every SHACL Core constraint is a graph
pattern: compiled once into one SELECT per (shape, constraint), Oxigraph evaluates each over the whole
merged graph with its indexes. Each query's rows are the violations: ``?focus`` and, for constraints
about individual value nodes, ``?value``, exactly what pySHACL reports as ``sh:focusNode`` /
``sh:value``, with the constraint's ``sh:sourceShape`` and ``sh:sourceConstraintComponent``.

Only the constraint components below are compiled. Anything else in a shape (another ``sh:`` parameter, a
property path that is not a plain IRI, SHACL-SPARQL, a recursive shape) raises
:class:`UnsupportedShapeError` naming the shape and the component, so a new shape can never be skipped
silently:

* targets: ``sh:targetClass``, ``sh:targetNode``, ``sh:targetObjectsOf``, ``sh:targetSubjectsOf``;
* ``sh:property`` with an IRI ``sh:path``;
* cardinality: ``sh:minCount``, ``sh:maxCount``;
* values: ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:in``, ``sh:hasValue``;
* ranges: ``sh:minInclusive``, ``sh:minExclusive``, ``sh:maxInclusive``, ``sh:maxExclusive``;
* strings: ``sh:minLength``, ``sh:maxLength``, ``sh:pattern`` (+ ``sh:flags``), ``sh:languageIn``,
  ``sh:uniqueLang``;
* pairs: ``sh:lessThan``;
* shape-based and logical: ``sh:node``, ``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount`` /
  ``sh:qualifiedMaxCount``, ``sh:or``, ``sh:xone``, ``sh:and``, ``sh:not``.

Semantics follow pySHACL 0.40 where it and the specification differ: ``sh:languageIn`` matches a tag
case-insensitively either whole or by its first subtag (pySHACL), not by SPARQL ``langMatches``. SHACL
instances (``sh:targetClass``, ``sh:class``) are ``rdf:type/rdfs:subClassOf*``, so the store must hold the
ontology's class hierarchy (or, with ``materialised_types=True``, every entailed ``rdf:type``, which is what
:func:`parkgraph.validate.with_entailed_types` adds; the plain ``rdf:type`` queries are then faster).
Well-formedness of typed literals (``sh:datatype``) is checked with the lexical-space regex of common XSD
types (integer family, decimal, boolean, date, dateTime, gYear, gYearMonth). Oxigraph 0.5 stores every
literal of a type derived from xsd:integer (``"48"^^xsd:nonNegativeInteger``) as ``xsd:integer`` (and
canonicalises lexical forms: ``"12.0"^^xsd:decimal`` becomes ``"12"``), so by default such a datatype
constraint accepts an xsd:integer within the type's range (see ``exact_integer_subtypes``).

Nested shapes (``sh:node``, the members of ``sh:or``...) become boolean ``EXISTS { … } || …`` expressions
rather than ``UNION`` s: rdflib evaluates ``EXISTS { {FILTER …} UNION {FILTER …} }`` without the outer
bindings, and the queries are meant to run on rdflib too.

>>> from rdflib import Graph
>>> shapes = Graph().parse(format="turtle", data='''
...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
...     ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...         sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "needs a name" ] .''')
>>> data = Graph().parse(format="turtle", data='''
...     @prefix ex: <http://example.org/> . ex:a a ex:C ; ex:name "A" . ex:b a ex:C .''')
>>> [(str(v.focus), v.component.split("#")[1], v.message)
...  for v in validate_with_sparql(load_store(data), compile_shapes(shapes))]
[('http://example.org/b', 'MinCountConstraintComponent', 'needs a name')]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from .query import from_oxigraph

__all__ = [
    "CompiledConstraint",
    "UnsupportedShapeError",
    "Violation",
    "compile_shapes",
    "load_store",
    "validate_with_sparql",
]


class UnsupportedShapeError(ValueError):
    """A shape uses SHACL this compiler does not translate; validating without it would hide violations."""

    def __init__(self, shape: Node, component: Node | str, detail: str = "") -> None:
        self.shape = shape
        self.component = component
        name = component.n3() if isinstance(component, Node) else component
        super().__init__(
            f"shape {shape.n3()}: {name} is not supported by parkgraph.shacl_sparql"
            + (f" ({detail})" if detail else "")
            + "; add it to the compiler or validate this shape with pySHACL"
        )


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint of one shape, for the focus nodes of one targeted shape, as a SPARQL SELECT.

    ``query`` selects ``?focus`` and, if ``reports_value``, ``?value``; every row is a violation.
    ``target_shape`` is the shape whose targets give the focus nodes (``shape`` itself, or the node shape
    whose ``sh:property`` it is).
    """

    shape: Node
    component: URIRef
    message: str
    severity: URIRef
    path: URIRef | None
    target_shape: Node
    query: str
    reports_value: bool


class Violation(NamedTuple):
    """A validation result: ``(focus, shape, component, message)`` first, so such 4-tuples sort alike."""

    focus: Node
    shape: Node
    component: URIRef
    message: str
    value: Node | None = None
    path: URIRef | None = None
    severity: URIRef = SH.Violation


# Parameters that configure a shape without being a constraint of their own.
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
_NON_VALIDATING = {
    SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.deactivated,
    SH.path, SH.property, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint, *_TARGETS,
}
_COMPONENT = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.hasValue: SH.HasValueConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH.qualifiedValueShape: SH.QualifiedMinCountConstraintComponent,  # and/or ...MaxCount..., see below
}
#: Components that only make sense with a path (SHACL: "property shapes only").
_PROPERTY_ONLY = {
    SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan, SH.qualifiedValueShape,
}
_RANGE_OPERATOR = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<"}
_NODE_KIND = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_TZ = r"(Z|[+-][0-9]{2}:[0-9]{2})?"
_DATE = r"-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
#: Lexical spaces (XSD 1.1) of the datatypes whose ill-formed literals pySHACL reports.
_LEXICAL = {
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.int: r"^[+-]?[0-9]+$",
    XSD.long: r"^[+-]?[0-9]+$",
    XSD.nonNegativeInteger: r"^(\+?[0-9]+|-0+)$",
    XSD.positiveInteger: r"^\+?0*[1-9][0-9]*$",
    XSD.decimal: r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$",
    XSD.boolean: r"^(true|false|1|0)$",
    XSD.date: f"^{_DATE}{_TZ}$",
    XSD.dateTime: f"^{_DATE}T([01][0-9]|2[0-4]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?{_TZ}$",
    XSD.gYear: f"^-?[0-9]{{4,}}{_TZ}$",
    XSD.gYearMonth: f"^-?[0-9]{{4,}}-(0[1-9]|1[0-2]){_TZ}$",
}
#: xsd:integer's derived types and their value ranges. Oxigraph 0.5 stores a literal of any of them as
#: xsd:integer (in canonical form), so by default an xsd:integer in the range is accepted for them.
_INTEGER_RANGES: dict[URIRef, tuple[int | None, int | None]] = {
    XSD.nonNegativeInteger: (0, None), XSD.positiveInteger: (1, None),
    XSD.nonPositiveInteger: (None, 0), XSD.negativeInteger: (None, -1),
    XSD.long: (-(2**63), 2**63 - 1), XSD.int: (-(2**31), 2**31 - 1),
    XSD.short: (-(2**15), 2**15 - 1), XSD.byte: (-128, 127),
    XSD.unsignedLong: (0, 2**64 - 1), XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1), XSD.unsignedByte: (0, 255),
}
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short, XSD.byte,
            XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger,
            XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}


def _string(text: str) -> str:
    """A SPARQL string literal (the query text never contains unescaped data)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


@dataclass(frozen=True)
class _Check:
    """A constraint as SPARQL: ``values`` (triple patterns binding ``value`` from the focus, or "")
    and ``condition``, an expression true iff that value (or the focus) violates the constraint.

    Cardinality constraints also carry ``grouped``: ``(pattern, optional, having)`` for the top-level
    query ``{targets} [OPTIONAL] {pattern} GROUP BY ?focus HAVING (having)``. Counting values once per
    focus node is much faster on large graphs than the pairwise-distinct join ``condition`` needs (which
    only nested shapes use, where no aggregate can be correlated with the outer focus node).
    """

    values: str
    value: str | None
    condition: str
    grouped: tuple[str, bool, str] | None = None

    def exists(self) -> str:
        """The whole check as one boolean expression about the focus (for nested shapes)."""
        if not self.values:
            return f"({self.condition})"
        return f"EXISTS {{ {self.values} FILTER ({self.condition}) }}"


class _Compiler:
    def __init__(self, shapes: Graph, *, materialised_types: bool, exact_integer_subtypes: bool) -> None:
        self.g = shapes
        self.exact_integer_subtypes = exact_integer_subtypes
        self.names = itertools.count()
        self.type_path = f"<{RDF.type}>" if materialised_types else f"<{RDF.type}>/<{RDFS.subClassOf}>*"
        self.stack: list[Node] = []

    def fresh(self, stem: str) -> str:
        return f"?{stem}{next(self.names)}"

    # --- reading shapes -----------------------------------------------------------------------------------
    def term(self, shape: Node, node: Node, what: Node) -> str:
        if isinstance(node, BNode):
            raise UnsupportedShapeError(shape, what, "blank nodes cannot be named in SPARQL")
        return node.n3()

    def one(self, shape: Node, predicate: URIRef) -> Node:
        values = list(self.g.objects(shape, predicate))
        if len(values) != 1:
            raise UnsupportedShapeError(shape, predicate, f"expected one value, found {len(values)}")
        return values[0]

    def integer(self, shape: Node, predicate: URIRef) -> int:
        value = self.one(shape, predicate)
        if not isinstance(value, Literal) or not isinstance(value.toPython(), int):
            raise UnsupportedShapeError(shape, predicate, f"{value.n3()} is not an integer")
        return int(value.toPython())

    def items(self, shape: Node, predicate: URIRef) -> list[Node]:
        return list(Collection(self.g, self.one(shape, predicate)))

    def path(self, shape: Node) -> str | None:
        paths = list(self.g.objects(shape, SH.path))
        if not paths:
            return None
        if len(paths) > 1 or not isinstance(paths[0], URIRef):
            raise UnsupportedShapeError(shape, SH.path, "only a single IRI path (a predicate) is compiled")
        return paths[0].n3()

    def deactivated(self, shape: Node) -> bool:
        values = self.g.objects(shape, SH.deactivated)
        return any(isinstance(v, Literal) and v.toPython() is True for v in values)

    def constraints(self, shape: Node) -> list[tuple[URIRef, Node]]:
        """The (parameter, value) pairs of ``shape`` that are constraints, refusing unknown ``sh:`` ones."""
        found = []
        for predicate, value in sorted(self.g.predicate_objects(shape), key=lambda po: (po[0], po[1].n3())):
            if not str(predicate).startswith(str(SH)) or predicate in _NON_VALIDATING:
                continue
            if predicate not in _COMPONENT:
                raise UnsupportedShapeError(shape, predicate)
            found.append((predicate, value))
        if (shape, RDF.type, RDFS.Class) in self.g or (shape, RDF.type, OWL.Class) in self.g:
            raise UnsupportedShapeError(shape, "implicit class target", "the shape is also a class")
        return found

    def message(self, shape: Node, component: URIRef) -> str:
        messages = list(self.g.objects(shape, SH.message))
        for wanted in ("en", None):
            for message in messages:
                if isinstance(message, Literal) and message.language == wanted:
                    return str(message)
        if messages:
            return str(messages[0])
        return f"{component.split('#')[-1]} violated"

    def severity(self, shape: Node) -> URIRef:
        severity = self.g.value(shape, SH.severity)
        return severity if isinstance(severity, URIRef) else SH.Violation

    # --- constraints ----------------------------------------------------------------------------------------
    def values(self, focus: str, path: str | None, name: str | None = None) -> tuple[str, str]:
        if path is None:
            return "", focus
        value = name or self.fresh("v")
        return f"{focus} {path} {value} .", value

    def distinct_values(self, focus: str, path: str, count: int, conforms: str | None = None) -> str:
        """A pattern matching ``count`` pairwise-different values (each conforming to a shape, if given)."""
        names = [self.fresh("n") for _ in range(count)]
        patterns = " ".join(f"{focus} {path} {name} ." for name in names)
        tests = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        if conforms is not None:
            tests += [f"!({self.violates(conforms, name)})" for name in names]
        return patterns + (f" FILTER ({' && '.join(tests)})" if tests else "")

    def check(self, shape: Node, predicate: URIRef, value: Node, focus: str, path: str | None,
              value_name: str | None = None) -> _Check | None:
        """The :class:`_Check` of one constraint parameter; None for constraints that never fail."""
        if predicate in _PROPERTY_ONLY and path is None:
            raise UnsupportedShapeError(shape, predicate, "only allowed on a property shape (with sh:path)")
        if predicate == SH.minCount:
            count = self.integer(shape, predicate)
            if count == 0:
                return None
            condition = f"NOT EXISTS {{ {self.distinct_values(focus, path, count)} }}"
            if count == 1:  # NOT EXISTS is the fastest form of "no value at all"
                return _Check("", None, condition)
            v = self.fresh("c")
            grouped = (f"{focus} {path} {v} .", True, f"COUNT(DISTINCT {v}) < {count}")
            return _Check("", None, condition, grouped)
        if predicate == SH.maxCount:
            count = self.integer(shape, predicate)
            v = self.fresh("c")
            return _Check("", None, f"EXISTS {{ {self.distinct_values(focus, path, count + 1)} }}",
                          (f"{focus} {path} {v} .", False, f"COUNT(DISTINCT {v}) > {count}"))
        if predicate == SH.uniqueLang:
            if not (isinstance(value, Literal) and value.toPython() is True):
                return None
            a, b = self.fresh("l"), self.fresh("l")
            return _Check("", None, (
                f"EXISTS {{ {focus} {path} {a} . {focus} {path} {b} . FILTER (!sameTerm({a}, {b}) && "
                f'isLiteral({a}) && isLiteral({b}) && lang({a}) != "" '
                f"&& LCASE(lang({a})) = LCASE(lang({b}))) }}"
            ))
        if predicate == SH.qualifiedValueShape:
            raise AssertionError("handled by qualified()")
        if predicate == SH.hasValue:
            if path is None:
                return _Check("", None, f"!sameTerm({focus}, {self.term(shape, value, predicate)})")
            return _Check("", None, f"NOT EXISTS {{ {focus} {path} {self.term(shape, value, predicate)} }}")

        values, v = self.values(focus, path, value_name)
        if predicate == SH["class"]:
            cls = self.term(shape, value, predicate)
            return _Check(values, v, f"NOT EXISTS {{ {v} {self.type_path} {cls} }}")
        if predicate == SH.datatype:
            return _Check(values, v, f"!({self.datatype_test(shape, value, v)})")
        if predicate == SH.nodeKind:
            if value not in _NODE_KIND:
                raise UnsupportedShapeError(shape, predicate, f"unknown node kind {value.n3()}")
            return _Check(values, v, "!" + _NODE_KIND[value].format(v=v))
        if predicate in _RANGE_OPERATOR:
            bound = self.term(shape, value, predicate)
            test = f"{v} {_RANGE_OPERATOR[predicate]} {bound}"
            if isinstance(value, Literal) and value.datatype in _NUMERIC:
                test = f"isNumeric({v}) && {test}"  # rdflib would otherwise order "x" after 1
            return _Check(values, v, f"!COALESCE({test}, false)")
        if predicate in (SH.minLength, SH.maxLength):
            operator = "<" if predicate == SH.minLength else ">"
            length = self.integer(shape, predicate)
            return _Check(values, v, f"isBlank({v}) || STRLEN(STR({v})) {operator} {length}")
        if predicate == SH.pattern:
            flags = self.g.value(shape, SH.flags)
            arguments = _string(str(value)) + (f", {_string(str(flags))}" if flags is not None else "")
            return _Check(values, v, f"isBlank({v}) || !REGEX(STR({v}), {arguments})")
        if predicate == SH.languageIn:
            languages = [str(item).lower() for item in self.items(shape, predicate)]
            if "*" in languages:
                test = f'lang({v}) != ""'
            else:
                listed = ", ".join(_string(language) for language in languages) or '""'
                test = (f'lang({v}) != "" && (LCASE(lang({v})) IN ({listed}) || '
                        f'LCASE(STRBEFORE(CONCAT(lang({v}), "-"), "-")) IN ({listed}))')
            return _Check(values, v, f"!(isLiteral({v}) && {test})")
        if predicate == SH["in"]:
            terms = [self.term(shape, item, predicate) for item in self.items(shape, predicate)]
            members = [f"sameTerm({v}, {term})" for term in terms]
            return _Check(values, v, f"!({' || '.join(members) or 'false'})")
        if predicate == SH.lessThan:
            other = self.fresh("w")
            values += f" {focus} {self.term(shape, value, predicate)} {other} ."
            numeric = f"isNumeric({v}) || isNumeric({other})"
            test = f"IF({numeric}, isNumeric({v}) && isNumeric({other}) && {v} < {other}, {v} < {other})"
            return _Check(values, v, f"!COALESCE({test}, false)")
        if predicate == SH.node:
            return _Check(values, v, self.violates(value, v))
        if predicate == SH["not"]:
            return _Check(values, v, f"!({self.violates(value, v)})")
        members = [self.violates(member, v) for member in self.items(shape, predicate)]
        if predicate == SH["and"]:
            return _Check(values, v, " || ".join(members) or "false")
        if predicate == SH["or"]:
            return _Check(values, v, " && ".join(f"({m})" for m in members) or "true")
        if predicate == SH.xone:
            conforming = " + ".join(f"IF({m}, 0, 1)" for m in members) or "0"
            return _Check(values, v, f"({conforming}) != 1")
        raise UnsupportedShapeError(shape, predicate)

    def datatype_test(self, shape: Node, datatype: Node, v: str) -> str:
        if not isinstance(datatype, URIRef):
            raise UnsupportedShapeError(shape, SH.datatype, f"{datatype.n3()} is not a datatype IRI")
        if datatype == RDF.langString:
            return f'isLiteral({v}) && lang({v}) != ""'
        if datatype == RDFS.Literal:
            return f"isLiteral({v})"
        test = f'sameTerm(datatype({v}), {datatype.n3()})'
        if datatype in _LEXICAL:
            test += f" && REGEX(STR({v}), {_string(_LEXICAL[datatype])})"
        if datatype in _INTEGER_RANGES and not self.exact_integer_subtypes:
            low, high = _INTEGER_RANGES[datatype]
            bounds = [f"{v} >= {low}" if low is not None else "",
                      f"{v} <= {high}" if high is not None else ""]
            in_range = " && ".join(b for b in bounds if b)
            test = f"({test}) || (sameTerm(datatype({v}), {XSD.integer.n3()}) && {in_range})"
        return f'isLiteral({v}) && lang({v}) = "" && ({test})'

    def qualified(self, shape: Node, focus: str, path: str | None) -> Iterator[tuple[URIRef, _Check]]:
        if path is None:
            raise UnsupportedShapeError(shape, SH.qualifiedValueShape, "only allowed on a property shape")
        disjoint = self.g.value(shape, SH.qualifiedValueShapesDisjoint)
        if isinstance(disjoint, Literal) and disjoint.toPython() is True:
            raise UnsupportedShapeError(shape, SH.qualifiedValueShapesDisjoint)
        qualified = self.one(shape, SH.qualifiedValueShape)

        def conforming() -> tuple[str, str]:
            v = self.fresh("q")
            classes = self.only_classes(qualified)
            if classes is not None:  # a join is much faster than FILTER (NOT EXISTS ...) per value
                return f"{focus} {path} {v} . " + " ".join(f"{v} {self.type_path} {c} ." for c in classes), v
            return f"{focus} {path} {v} . FILTER (!({self.violates(qualified, v)}))", v

        if (shape, SH.qualifiedMinCount, None) in self.g:
            count = self.integer(shape, SH.qualifiedMinCount)
            if count > 0:
                pattern = self.distinct_values(focus, path, count, conforms=qualified)
                values, v = conforming()
                grouped = (values, True, f"COUNT(DISTINCT {v}) < {count}")
                yield SH.QualifiedMinCountConstraintComponent, _Check(
                    "", None, f"NOT EXISTS {{ {pattern} }}", grouped)
        if (shape, SH.qualifiedMaxCount, None) in self.g:
            count = self.integer(shape, SH.qualifiedMaxCount)
            pattern = self.distinct_values(focus, path, count + 1, conforms=qualified)
            values, v = conforming()
            yield SH.QualifiedMaxCountConstraintComponent, _Check(
                "", None, f"EXISTS {{ {pattern} }}", (values, False, f"COUNT(DISTINCT {v}) > {count}"))

    def only_classes(self, shape: Node) -> list[str] | None:
        """The classes of a shape that is nothing but ``sh:class`` constraints (as in ``sh:qualifiedValueShape
        [ sh:class oa:TextQuoteSelector ]``), or None. Conformance to it is then a plain join."""
        constraints = self.constraints(shape)
        if (self.deactivated(shape) or not constraints or (shape, SH.path, None) in self.g
                or (shape, SH.property, None) in self.g
                or any(predicate != SH["class"] for predicate, _ in constraints)):
            return None
        return [self.term(shape, value, SH["class"]) for _, value in constraints]

    def checks(self, shape: Node, focus: str, value_name: str | None = None
               ) -> Iterator[tuple[Node, URIRef, URIRef | None, _Check]]:
        """Every check of ``shape`` for ``focus``, and of its ``sh:property`` shapes:
        ``(source shape, component, path, check)``."""
        if self.deactivated(shape):
            return
        if shape in self.stack:
            raise UnsupportedShapeError(shape, "recursive shape", "SHACL leaves recursion undefined")
        self.stack.append(shape)
        try:
            path = self.path(shape)
            path_iri = self.g.value(shape, SH.path)
            for predicate, value in self.constraints(shape):
                if predicate == SH.qualifiedValueShape:
                    for component, check in self.qualified(shape, focus, path):
                        yield shape, component, path_iri, check
                    continue
                check = self.check(shape, predicate, value, focus, path, value_name)
                if check is not None:
                    yield shape, _COMPONENT[predicate], path_iri, check
            for child in sorted(self.g.objects(shape, SH.property), key=lambda n: n.n3()):
                if path is not None:
                    raise UnsupportedShapeError(shape, SH.property, "sh:property on a property shape")
                yield from self.checks(child, focus, value_name)
        finally:
            self.stack.pop()

    def violates(self, shape: Node, focus: str) -> str:
        """A boolean expression: ``focus`` does not conform to ``shape``."""
        expressions = [check.exists() for _, _, _, check in self.checks(shape, focus)]
        return " || ".join(expressions) if expressions else "false"

    # --- top level ----------------------------------------------------------------------------------------
    def targets(self, shape: Node) -> list[str]:
        patterns = []
        for predicate in _TARGETS:
            for target in sorted(self.g.objects(shape, predicate), key=lambda n: n.n3()):
                term = self.term(shape, target, predicate)
                if predicate == SH.targetClass:
                    patterns.append(f"?focus {self.type_path} {term} .")
                elif predicate == SH.targetNode:
                    patterns.append(f"VALUES ?focus {{ {term} }}")
                elif predicate == SH.targetObjectsOf:
                    patterns.append(f"?targetSubject {term} ?focus .")
                else:
                    patterns.append(f"?focus {term} ?targetObject .")
        return patterns

    def compile(self) -> list[CompiledConstraint]:
        targeted = sorted({s for p in _TARGETS for s in self.g.subjects(p, None)}, key=lambda n: n.n3())
        compiled = []
        for shape in targeted:
            if self.deactivated(shape):
                continue
            union = " UNION ".join(f"{{ {pattern} }}" for pattern in self.targets(shape))
            focus_nodes = f"{{ SELECT DISTINCT ?focus WHERE {{ {union} }} }}"
            for source, component, path, check in self.checks(shape, "?focus", "?value"):
                reports_value = check.value is not None
                select = "?focus ?value" if reports_value and check.value != "?focus" else "?focus"
                comment = f"# {source.n3()} {component.n3()} (focus nodes of {shape.n3()})\n"
                if check.grouped is not None:
                    pattern, optional, having = check.grouped
                    query = (
                        f"{comment}SELECT ?focus WHERE {{\n  {focus_nodes}\n"
                        f"  {'OPTIONAL ' if optional else ''}{{ {pattern} }}\n"
                        f"}} GROUP BY ?focus HAVING ({having})"
                    )
                else:
                    query = (
                        f"{comment}SELECT DISTINCT {select} WHERE {{\n  {focus_nodes}\n"
                        + (f"  {check.values}\n" if check.values else "")
                        + f"  FILTER ({check.condition})\n}}"
                    )
                compiled.append(CompiledConstraint(
                    shape=source,
                    component=component,
                    message=self.message(source, component),
                    severity=self.severity(source),
                    path=path if isinstance(path, URIRef) else None,
                    target_shape=shape,
                    query=query,
                    reports_value=reports_value,
                ))
        return compiled


def compile_shapes(
    shapes: Graph, *, materialised_types: bool = False, exact_integer_subtypes: bool = False
) -> list[CompiledConstraint]:
    """Compile every targeted shape of ``shapes`` (and the shapes they use) into SPARQL queries.

    Raises :class:`UnsupportedShapeError` for anything outside the supported SHACL Core subset.
    ``materialised_types=True`` tests class membership with ``rdf:type`` alone (valid only when every
    rdfs:subClassOf-entailed type is in the data, as :func:`parkgraph.validate.with_entailed_types` does).
    ``exact_integer_subtypes=True`` makes ``sh:datatype xsd:nonNegativeInteger`` (and the other types derived
    from xsd:integer) refuse a plain xsd:integer, as pySHACL does; only meaningful on rdflib, since
    Oxigraph 0.5 stores all of them as xsd:integer.
    """
    return _Compiler(
        shapes, materialised_types=materialised_types, exact_integer_subtypes=exact_integer_subtypes
    ).compile()


def load_store(*graphs: Graph) -> ox.Store:
    """An in-memory Oxigraph store holding the union of ``graphs`` (e.g. the data and the ontology)."""
    store = ox.Store()
    for graph in graphs:
        store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _rows(
    store_or_graph: ox.Store | Graph, query: str, with_value: bool
) -> Iterable[tuple[Node, Node | None]]:
    if isinstance(store_or_graph, ox.Store):
        for solution in store_or_graph.query(query):
            focus = from_oxigraph(solution["focus"])
            yield focus, from_oxigraph(solution["value"]) if with_value else None
    else:
        for row in store_or_graph.query(query):
            yield row[0], row[1] if with_value else None


def _sort_key(violation: Violation) -> tuple[str, ...]:
    return tuple("" if part is None else part.n3() if isinstance(part, Node) else str(part)
                 for part in violation)


def validate_with_sparql(
    store_or_graph: ox.Store | Graph, compiled: Sequence[CompiledConstraint]
) -> list[Violation]:
    """Run every compiled constraint on a pyoxigraph ``Store`` (fast) or an rdflib ``Graph``.

    The store must hold the data and the ontology (for ``rdfs:subClassOf``). Returns the violations,
    de-duplicated and sorted; an empty list means the data conforms to the shapes.
    """
    found: set[Violation] = set()
    for constraint in compiled:
        with_value = constraint.reports_value and "?value" in constraint.query.split("WHERE", 1)[0]
        for focus, value in _rows(store_or_graph, constraint.query, with_value):
            if constraint.reports_value and value is None:
                value = focus  # a node shape's own value node is its focus node
            found.add(Violation(focus, constraint.shape, constraint.component, constraint.message,
                                value if constraint.reports_value else None, constraint.path,
                                constraint.severity))
    return sorted(found, key=_sort_key)
