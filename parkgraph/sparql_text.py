"""SPARQL text written safely: a bound value as the one RDF term it is, never as text that could change
the query, and a query's structure (its WHERE group, its solution modifiers) found by tokens, not by
searching the text.

Why a module of its own: the endpoint client (:mod:`parkgraph.store.endpoint`) and the local engines
(:mod:`parkgraph.query`) both need it, and neither should import the other for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import QueryError

__all__ = ["sparql_term", "with_values"]

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def sparql_term(term: Node) -> str:
    """``term`` as SPARQL text that can only ever be that one term."""
    if isinstance(term, URIRef):
        if _IRI_FORBIDDEN.search(str(term)):
            raise QueryError(f"cannot bind {str(term)!r}: not a valid IRI")
        return f"<{term}>"
    if isinstance(term, Literal):
        text = (
            str(term)
            .replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        if term.language:
            if not _LANGUAGE.match(term.language):
                raise QueryError(f"cannot bind a literal with language tag {term.language!r}")
            return f'"{text}"@{term.language}'
        if term.datatype is not None:
            return f'"{text}"^^{sparql_term(URIRef(term.datatype))}'
        return f'"{text}"'
    if isinstance(term, BNode):
        raise QueryError("cannot bind a blank node in a query sent to an endpoint; bind an IRI")
    raise QueryError(f"cannot bind {term!r}")


# Tokens of SPARQL that may hold braces or parentheses which are not syntax.
_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n]*
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
        |<[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<brace>[{}()])
      |(?P<word>[A-Za-z]+)""",
    re.VERBOSE | re.DOTALL,
)


def _where_group_start(query: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE group."""
    depth, parens, groups = 0, 0, 0
    form, previous = None, None
    for match in _TOKENS.finditer(query):
        word, brace = match.group("word"), match.group("brace")
        if word:
            upper = word.upper()
            if form is None and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = upper
            if depth == 0 and parens == 0:
                previous = upper
            continue
        if brace == "(":
            parens += 1
        elif brace == ")":
            parens -= 1
        elif brace == "{" and parens == 0:
            if depth == 0:
                groups += 1
                if form == "CONSTRUCT" and groups == 1:
                    if previous == "WHERE":
                        raise QueryError(
                            "cannot bind values in a CONSTRUCT WHERE { } query; write its template"
                        )
                else:
                    return match.end()
            depth += 1
        elif brace == "}" and parens == 0:
            depth -= 1
    raise QueryError("cannot bind values: the query has no WHERE group")


def with_values(query: str, bindings: Mapping[str, Node]) -> str:
    """``query`` with ``VALUES (?a ?b) { (term term) }`` first in its WHERE group, on the same line
    (so line numbers in an error message still match the file)."""
    return _with_values(query, bindings)[0]


def _with_values(query: str, bindings: Mapping[str, Node]) -> tuple[str, tuple[int, int, int] | None]:
    """The bound query and (line, column, length) of the inserted block, to map error positions back."""
    if not bindings:
        return query, None
    names = sorted(bindings)
    for name in names:
        if not _VARIABLE.match(name):
            raise QueryError(f"cannot bind {name!r}: not a variable name")
    row = " ".join(sparql_term(bindings[name]) for name in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    at = _where_group_start(query)
    line = query.count("\n", 0, at) + 1
    column = at - (query.rfind("\n", 0, at) + 1) + 1  # 1-based column of the block's first character
    return query[:at] + block + query[at:], (line, column, len(block))
