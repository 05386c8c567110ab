"""N-Triples terms and canonical N-Triples, written without going through an rdflib Graph.

Why: a corpus build turns every article into canonical N-Triples (:func:`parkgraph.output.ntriples`),
and doing that through an rdflib Graph and rdflib's ``nt`` serializer costs more than building the
triples themselves (every ``Graph.add`` updates three indexes and fires an event; every term is
re-validated by ``n3()``). The functions here produce the same text from plain strings: a term is its
N-Triples form (``<iri>``, ``"text"@lang``, ``"lexical"^^<datatype>``), a triple is three such strings,
and :func:`canonical` sorts the lines exactly as ``ntriples()`` does.

The output is byte-identical to rdflib 7's ``nt`` serializer (``rdflib/plugins/serializers/nt.py``):

* an IRI is ``<iri>``, refused (as ``URIRef.n3()`` refuses it) if it holds one of ``<>" {}|\\^```;
* a literal's lexical form escapes only ``\\``, newline, ``"`` and carriage return, in that order;
  tabs, other control characters and non-BMP characters are written as they are (UTF-8). So a line
  ends at ``\n`` only: a literal may hold U+2028, U+0085 or a form feed, at which ``str.splitlines()``
  would split it (article text never does: :mod:`parkgraph.textnorm`; the ontology or an API caller's
  text may), and the package splits N-Triples at ``\n`` (``bytes.splitlines()``, which ends lines at
  ``\n`` and ``\r`` only, is safe too);
* a language-tagged literal is ``"…"@tag`` (the tag as given), a datatyped one ``"…"^^<datatype>``
  (the datatype not checked), a plain one ``"…"``.

>>> iri("https://example.org/a")
'<https://example.org/a>'
>>> literal('say "hi"\\n', lang="en")
'"say \\\\"hi\\\\"\\\\n"@en'
>>> literal("12", datatype="http://www.w3.org/2001/XMLSchema#integer")
'"12"^^<http://www.w3.org/2001/XMLSchema#integer>'
>>> canonical([("<urn:b>", "<urn:p>", '"x"'), ("<urn:a>", "<urn:p>", "<urn:c>")])
b'<urn:a> <urn:p> <urn:c> .\\n<urn:b> <urn:p> "x" .\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["canonical", "graph_ntriples", "iri", "literal", "literal_term", "quoted", "term", "to_rdflib"]

Triple = tuple[str, str, str]

#: The ``<subject> rdf:type <class> .`` lines of canonical N-Triples (no blank nodes), as
#: ``findall`` pairs (subject, class) with their angle brackets: a scan of a whole buffer in C, where
#: splitting every line in Python took milliseconds an article.
TYPE_LINE = re.compile(rb"^(<[^>]*>) <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> (<[^>]*>) \.$", re.M)
#: Every line's subject and predicate (parkgraph writes no blank nodes: both are always IRIs).
SUBJECT_PREDICATE = re.compile(rb"^(<[^>]*>) (<[^>]*>) ", re.M)
#: The ``<subject> skos:prefLabel "…"@zh-Hans .`` lines: pairs (subject, the quoted literal).
ZH_LABEL_LINE = re.compile(
    rb'^(<[^>]*>) <http://www\.w3\.org/2004/02/skos/core#prefLabel> ("(?:[^"\\]|\\.)*")@zh-Hans \.$', re.M
)

#: The characters rdflib's ``_is_valid_uri`` rejects (``rdflib.term._invalid_uri_chars``).
_INVALID_IRI = re.compile(r'[<>" {}|\\^`]')


def iri(value: str) -> str:
    """``<value>``; ValueError for an IRI rdflib would refuse to serialise (so no broken line is written)."""
    if _INVALID_IRI.search(value):
        raise ValueError(
            f'"{value}" does not look like a valid URI, I cannot serialize this as N3/Turtle. '
            "Perhaps you wanted to urlencode it?"
        )
    return f"<{value}>"


def quoted(text: str) -> str:
    """``text`` in double quotes with rdflib's N-Triples escapes (``nt._quote_encode``: the same four
    replacements in the same order)."""
    escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    return f'"{escaped}"'


def literal(lexical: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal's N-Triples form from its lexical form (as rdflib holds it) and tag or datatype.

    The lexical form is written as given: pass what ``str(Literal(...))`` is, since rdflib normalises
    some datatyped lexical forms (``Literal("01", datatype=XSD.integer)`` is ``"1"``); for an
    rdflib Literal use :func:`literal_term`.
    """
    if lang:
        if datatype:
            raise ValueError("Literal has datatype AND language!")
        return f"{quoted(lexical)}@{lang}"
    if datatype:
        return f"{quoted(lexical)}^^<{datatype}>"
    return quoted(lexical)


def literal_term(node: Literal) -> str:
    """An rdflib Literal as rdflib's ``nt`` serializer writes it (``_quoteLiteral``)."""
    return literal(str(node), lang=node.language, datatype=node.datatype)


def term(node: Node) -> str:
    """Any rdflib term as it stands in an N-Triples line written by rdflib.

    As in rdflib's ``_nt_row``, only an object literal gets the N-Triples quoting; anything that is
    neither an IRI nor a literal (a blank node) is written by its own ``n3()``.
    """
    if type(node) is URIRef:
        return iri(node)
    if isinstance(node, Literal):
        return literal_term(node)
    return node.n3()


_ESCAPE = re.compile(r'\\([\\n"r])')
_UNESCAPED = {"\\": "\\", "n": "\n", '"': '"', "r": "\r"}


def _unescape(match: re.Match[str]) -> str:
    return _UNESCAPED[match.group(1)]


def to_rdflib(text: str) -> URIRef | Literal:
    r"""The rdflib term of an IRI or literal written by :func:`iri` or :func:`literal` (its inverse).

    >>> to_rdflib(r'"a\\b\n"@en') == Literal("a\\b\n", lang="en")
    True
    """
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    close = text.rfind('"')  # a language tag or datatype IRI never holds a '"'
    if not text.startswith('"') or close < 1:
        raise ValueError(f"not an N-Triples IRI or literal: {text!r}")
    lexical = text[1:close]
    if "\\" in lexical:
        lexical = _ESCAPE.sub(_unescape, lexical)
    rest = text[close + 1 :]
    if rest.startswith("@") and len(rest) > 1:
        return Literal(lexical, lang=rest[1:])
    if rest.startswith("^^<") and rest.endswith(">"):
        return Literal(lexical, datatype=URIRef(rest[3:-1]))
    if rest:
        raise ValueError(f"not an N-Triples IRI or literal: {text!r}")
    return Literal(lexical)


def canonical(triples: Iterable[Triple]) -> bytes:
    """Canonical N-Triples of distinct triples of N-Triples terms: one a line, sorted, UTF-8."""
    lines = [f"{s} {p} {o} ." for s, p, o in triples]
    lines.sort()
    return ("\n".join(lines) + "\n").encode("utf-8")


def graph_ntriples(graph: Graph) -> bytes:
    """Canonical N-Triples of an rdflib graph, the bytes :func:`parkgraph.output.ntriples` defines.

    Equal to splitting rdflib's ``nt`` output into lines and sorting them, at about 0.6 of the time:
    an IRI repeats a lot (a predicate in thousands of triples), so each distinct one is formatted
    once; literals are not cached, because rdflib's Literal equality ignores the case of language tags
    and a cache keyed by Literal could write one literal's tag for another's.
    """
    iris: dict[URIRef, str] = {}
    rest: list[str] = []  # lines with a term that is neither IRI nor literal, written by its n3()

    def named(node: Node) -> str | None:
        if type(node) is URIRef:
            text = iris.get(node)
            if text is None:
                text = iris[node] = iri(node)
            return text
        return None

    # rdflib's serializer writes what iterating the graph gives; a Dataset gives quads, written as triples.
    triples = ((q[0], q[1], q[2]) for q in graph) if isinstance(graph, Dataset) else graph
    lines: list[str] = []
    for s, p, o in triples:
        subject, predicate = named(s), named(p)
        obj = named(o)
        if obj is None and isinstance(o, Literal):
            obj = literal_term(o)
        if subject is None or predicate is None or obj is None:
            # rdflib's _nt_row: n3() for a subject or predicate that is not an IRI, and for an object that
            # is neither an IRI nor a literal. Such text may hold a newline, which the rdflib-based
            # ntriples() would split into two lines; do the same.
            rest.append(f"{subject or s.n3()} {predicate or p.n3()} {obj or o.n3()} .")
        else:
            lines.append(f"{subject} {predicate} {obj} .")
    if rest:
        lines.extend(line for line in "\n".join(rest).split("\n") if line.strip())
    lines.sort()
    return ("\n".join(lines) + "\n").encode("utf-8")
