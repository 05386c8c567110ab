"""Checks that hold by construction, proved where the data is made instead of by SPARQL over every triple.

Why: two of the quality checks (``ontology/checks/*.rq``) read every triple of the graph they check, and a
corpus build validates every article: ``evidence-span-mismatch`` (each evidence span's ``oa:exact``,
``oa:prefix`` and ``oa:suffix`` are its article's text at its offsets) and ``dangling-iri`` (no IRI is
the object of a triple without an ``rdf:type`` somewhere) took 13 of the 18-21 ms the checks cost an
article (evidence is more than half of its triples). Both are about what the populator mints (the
spans it locates in the article's text, the IRIs it writes), so it proves them as it mints them
(:mod:`parkgraph.populate`): a string slice per span and a set difference over its terms, well under a
millisecond. That is decision (a) of issue 13.

Each function answers the rows the SPARQL check answers on the same graph (``?entity``, ``?message``,
the same messages), so a corpus build's report does not change. The single-article build and the tests
keep the SPARQL checks (:meth:`parkgraph.validate.Validator.validate_ntriples` runs them unless it is
given these rows), and ``tests/test_minted.py`` proves on a set of broken inputs (wrong offsets, wrong
exact, prefix or suffix, a dangling IRI, missing evidence) that the corpus validation reports every
violation the full SPARQL and compiled-SHACL validation reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: The checks of ``ontology/checks/`` proved here in a corpus build, in the order the validator runs them.
REPLACED_CHECKS = ("dangling-iri", "evidence-span-mismatch")

Row = tuple[str, str]
#: A term as the populator writes it: ``<iri>`` or a quoted N-Triples literal.
Triple = tuple[str, str, str]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_TYPE = f"<{_RDF}type>"
#: Predicates whose objects point outside the graph by design (as ``dangling-iri.rq`` lists them).
DANGLING_EXEMPT = frozenset(
    f"<{iri}>"
    for iri in (
        _RDF + "type",
        _RDF + "predicate",
        "http://www.w3.org/2000/01/rdf-schema#isDefinedBy",
        "http://www.w3.org/2000/01/rdf-schema#seeAlso",
        "http://purl.org/dc/terms/license",
        "http://purl.org/dc/terms/source",
        "http://www.w3.org/2002/07/owl#imports",
        "http://www.w3.org/2002/07/owl#versionIRI",
        "http://www.w3.org/2002/07/owl#sameAs",
        "https://schema.org/url",
        "https://schema.org/sameAs",
        "https://schema.org/license",
    )
)
#: The vocabularies whose IRIs never dangle (datatypes, rdf:nil, …).
_RESERVED = tuple(
    f"<{ns}"
    for ns in (
        _RDF,
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://www.w3.org/2002/07/owl#",
        "http://www.w3.org/2001/XMLSchema#",
    )
)
_NT_LINE = re.compile(r"^(\S+) (<[^>]*>) (.*) \.$")


@dataclass(frozen=True)
class MintedSpan:
    """An evidence span as the populator wrote it: its node (``<iri>``), its source's text, its offsets
    and its quote selector's strings (``prefix`` / ``suffix`` None when not written)."""

    node: str
    text: str
    start: int
    end: int
    exact: str
    prefix: str | None
    suffix: str | None


def span_rows(spans: Iterable[MintedSpan]) -> list[Row]:
    """The rows of ``evidence-span-mismatch.rq`` for these spans: the text between the offsets is not
    the quote, or the prefix does not end at the start, or the suffix does not begin at the end."""
    rows = set()
    for span in spans:
        message = span_message(span)
        if message:
            rows.add((span.node[1:-1], message))
    return sorted(rows)


def span_message(span: MintedSpan) -> str:
    """The check's message for one span, "" when it matches. The check slices with XPath's
    ``fn:substring``, which takes what of a range lies inside the text, as :func:`_substring` does."""
    body, start, end = span.text, span.start, span.end
    found = _substring(body, start + 1, end - start)
    parts = []
    if found != span.exact:
        parts.append(
            f'text at {start}-{end} of the article text is "{found}", not the quoted "{span.exact}"; '
        )
    if span.prefix is not None and not _substring(body, 1, start).endswith(span.prefix):
        parts.append(f'oa:prefix "{span.prefix}" does not end at offset {start}; ')
    if span.suffix is not None and not _substring(body, end + 1).startswith(span.suffix):
        parts.append(f'oa:suffix "{span.suffix}" does not begin at offset {end}; ')
    return "".join(parts)


def _substring(text: str, start: int, length: int | None = None) -> str:
    """XPath ``fn:substring(text, start, length)`` for integers: 1-based, the characters at positions
    p with ``start <= p < start + length``.

    >>> _substring("abcdef", 2, 3), _substring("abc", 0, 2), _substring("abc", 5, 1), _substring("abc", 2)
    ('bcd', 'a', '', 'bc')
    """
    first = max(start, 1)
    last = len(text) + 1 if length is None else min(start + length, len(text) + 1)
    return text[first - 1 : last - 1] if last > first else ""


class OntologyTerms:
    """What ``dangling-iri.rq`` needs of the ontology, found once: its typed terms, and the IRIs its own
    triples use without a type (reported for every graph checked with it, unless the data types them)."""

    def __init__(self, ontology_nt: bytes) -> None:
        # "\n" only ends an N-Triples line (str.splitlines() also splits at U+2028 in a literal)
        triples = [_split(line) for line in ontology_nt.decode("utf-8").split("\n") if line]
        self.typed = {s for s, p, _ in triples if p == _TYPE}
        self.untyped_objects = _untyped(triples, self.typed)

    def dangling_rows(self, triples: Iterable[Triple]) -> list[Row]:
        """The check's rows on an article's triples together with the ontology."""
        triples = list(triples)
        typed = {s for s, p, _ in triples if p == _TYPE}
        found = _untyped(triples, self.typed | typed)
        found |= {(o, p) for o, p in self.untyped_objects if o not in typed}
        return sorted(_dangling_row(o, p) for o, p in found)


def _split(line: str) -> Triple:
    matched = _NT_LINE.match(line)
    if matched is None:
        raise ValueError(f"not a canonical N-Triples line: {line[:80]!r}")
    s, p, o = matched.groups()
    return s, p, o


def _untyped(triples: Iterable[Triple], typed: set[str]) -> set[tuple[str, str]]:
    """(object, predicate) of the triples whose object is an IRI without a type in ``typed``."""
    return {
        (o, p)
        for _, p, o in triples
        if o.startswith("<") and p not in DANGLING_EXEMPT and not o.startswith(_RESERVED) and o not in typed
    }


def _dangling_row(obj: str, predicate: str) -> Row:
    entity = obj[1:-1]
    return entity, (
        f"{entity} is used as the object of {predicate} but has no rdf:type "
        "(a typo, or a reference to nothing)"
    )


@dataclass(frozen=True)
class MintReport:
    """What the populator proved of one article: each replaced check's rows (empty when it passes)."""

    rows: dict[str, tuple[Row, ...]]

    @classmethod
    def of(
        cls, triples: Iterable[Triple], spans: Iterable[MintedSpan], ontology: OntologyTerms
    ) -> MintReport:
        return cls(
            {
                "dangling-iri": tuple(ontology.dangling_rows(triples)),
                "evidence-span-mismatch": tuple(span_rows(spans)),
            }
        )
