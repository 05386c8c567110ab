"""SPARQL text written safely: a bound value as the one RDF term it is, never as text that could change
the query, and a query's structure (its WHERE group, its solution modifiers) found by tokens, not by
searching the text.

Why a module of its own: the endpoint client (:mod:`parkgraph.store.endpoint`) and the local engines
(:mod:`parkgraph.query`) both need it, and neither should import the other for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import BindingError, QueryError

__all__ = ["check_bindings", "check_iri", "check_term", "query_variables", "sparql_term", "with_values"]

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _iri_problem(iri: str) -> str | None:
    """Why ``iri`` is not an absolute IRI every engine takes, or None."""
    if not _is_text(iri):
        return "it holds a lone surrogate, which is not Unicode text (was it bytes that are not UTF-8?)"
    bad = _IRI_FORBIDDEN.search(iri)
    if bad:
        what = "a space" if bad.group() == " " else f"the character {bad.group()!r}"
        return f"not a valid IRI: it holds {what} (percent-encode it: {quote_char(bad.group())})"
    if not _SCHEME.match(iri):
        return "not an absolute IRI (it has no scheme such as https:); write the whole IRI"
    return None


def quote_char(char: str) -> str:
    """``char`` percent-encoded, as an IRI writes it.

    >>> quote_char(" ")
    '%20'
    """
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


def _is_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_term(name: str, term: Node) -> Node:
    """``term``, if every engine can take it as the value of ``?name``; else a
    :class:`~parkgraph.errors.BindingError` saying why.

    Why one check before any engine: unchecked, the same bad value gave different answers per engine
    (an IRI with a space: 0 rows on rdflib, an error on Oxigraph; a lone surrogate, which a command line
    that is not UTF-8 produces: 0 rows on rdflib, an uncaught ``UnicodeEncodeError`` on Oxigraph).

    >>> check_term("s", URIRef("https://example.org/a"))
    rdflib.term.URIRef('https://example.org/a')
    >>> check_term("s", Literal("\\udcff"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    parkgraph.errors.BindingError: cannot bind ?s to '\\udcff': it holds a lone surrogate, which is not ...
    """
    if not _VARIABLE.match(name):
        raise QueryError(f"cannot bind {name!r}: not a variable name")
    if isinstance(term, URIRef):
        problem = _iri_problem(str(term))
        if problem:
            raise BindingError(name, str(term), problem)
    elif isinstance(term, Literal):
        if not _is_text(str(term)):
            raise BindingError(
                name, str(term), "it holds a lone surrogate, which is not Unicode text (was it bytes that "
                "are not UTF-8?)"
            )
        if term.language and not _LANGUAGE.match(term.language):
            raise BindingError(name, str(term), f"{term.language!r} is not a language tag")
        if term.datatype is not None:
            problem = _iri_problem(str(term.datatype))
            if problem:
                raise BindingError(name, str(term), f"its datatype {str(term.datatype)!r} is {problem}")
    elif not isinstance(term, BNode):
        raise BindingError(name, term, "not an RDF term (bind an IRI, a literal or a value)")
    return term


def check_iri(name: str, iri: str) -> str:
    """``iri`` if it is an absolute IRI every engine takes as the value of ``?name``, else a
    :class:`~parkgraph.errors.BindingError` (before rdflib's ``URIRef`` logs its own warning about it)."""
    problem = _iri_problem(iri)
    if problem:
        raise BindingError(name, iri, problem)
    return iri


def check_bindings(bindings: Mapping[str, Node]) -> dict[str, Node]:
    """Every binding :func:`check_term` checked, as a new dict."""
    return {name: check_term(name, term) for name, term in bindings.items()}


def sparql_term(term: Node) -> str:
    """``term`` as SPARQL text that can only ever be that one term."""
    if isinstance(term, URIRef):
        problem = _iri_problem(str(term))
        if problem:
            raise QueryError(f"cannot bind {str(term)!r}: {problem}")
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
      |(?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)
      |(?P<star>\*)
      |(?P<word>[A-Za-z]+)""",
    re.VERBOSE | re.DOTALL,
)


class _Group:
    """A ``{ … }`` of the query: where its content starts, what it uses, its nested groups."""

    def __init__(self, start: int, parent: _Group | None, kind: str) -> None:
        self.start = start  # just after its "{"
        self.parent = parent
        self.kind = kind  # "group"; "subselect" (a "{ SELECT …"); "data" (a VALUES block's rows)
        self.variables: set[str] = set()  # used directly in it, not in a nested group
        self.children: list[_Group] = []
        self.projected: set[str] | None = set()  # a sub-select's projection; None for SELECT *

    def uses(self, name: str) -> bool:
        """Whether the variable occurs in this group or a nested one of the same scope (a nested
        sub-select counts only if it projects the variable)."""
        if name in self.variables:
            return True
        return any(
            child.uses(name)
            for child in self.children
            if child.kind == "group" or (child.kind == "subselect" and child.sees(name))
        )

    def sees(self, name: str) -> bool:
        """For a sub-select: whether ``name`` inside it is the enclosing query's variable."""
        return self.projected is None or name in self.projected


def _group_tree(query: str) -> list[_Group]:
    """Every ``{ … }`` of ``query``, in the order they open (strings, IRIs and comments skipped)."""
    groups: list[_Group] = []
    stack: list[_Group] = []
    last = ""  # the previous brace or keyword
    values_next = False  # a VALUES keyword was read: the next "{" holds its rows
    projecting: _Group | None = None  # the sub-select whose projection is being read
    for match in _TOKENS.finditer(query):
        if match.group("skip") is not None:
            continue
        word, brace, var = match.group("word"), match.group("brace"), match.group("var")
        if brace == "{":
            parent = stack[-1] if stack else None
            group = _Group(match.end(), parent, "data" if values_next else "group")
            values_next = False
            projecting = None
            if parent is not None:
                parent.children.append(group)
            groups.append(group)
            stack.append(group)
        elif brace == "}":
            if stack:
                stack.pop()
        elif var:
            if projecting is not None:
                if projecting.projected is not None:
                    projecting.projected.add(var[1:])
            elif stack:
                stack[-1].variables.add(var[1:])
        elif word:
            upper = word.upper()
            if upper == "VALUES":
                values_next = True
            elif upper == "SELECT" and last == "{" and stack:
                stack[-1].kind = "subselect"
                projecting = stack[-1]
        elif match.group("star") and projecting is not None and last in ("SELECT", "DISTINCT", "REDUCED"):
            projecting.projected = None
        if brace or word:
            last = brace or word.upper()
    return groups


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
    (so line numbers in an error message still match the file), and first in every group nested in it
    (OPTIONAL, UNION, MINUS, EXISTS, GRAPH, and a sub-select projecting the variable) that uses a bound
    variable, with the values of the variables it uses.

    Why in the nested groups too: a store may evaluate such a group on its own and join it after
    (Oxigraph 0.5 does, for an OPTIONAL of more than one pattern), and then a variable bound only
    outside it matches everything inside it: on 1k articles, a question scoped to one article took
    387 ms instead of 11. The nested blocks change no answer: the variable is the same variable there
    (a sub-select that does not project it is left alone), and the group's solutions are joined with
    the outer ones, which all have that value.

    >>> bound = with_values("SELECT * { ?x ?p ?o OPTIONAL { ?o ?q ?y . ?y ?p ?z } }", {"p": URIRef("urn:p")})
    >>> print(bound)  # doctest: +ELLIPSIS
    SELECT * { VALUES (?p) { (<urn:p>) }  ?x ?p ?o OPTIONAL { VALUES (?p) { (<urn:p>) }  ?o ?q ?y . ...
    """
    return _with_values(query, bindings)[0]


def _with_values(query: str, bindings: Mapping[str, Node]) -> tuple[str, tuple[int, int, int] | None]:
    """The bound query and (line, column, length) of the inserted block, to map error positions back."""
    if not bindings:
        return query, None
    names = sorted(bindings)
    check_bindings(bindings)
    terms = {name: sparql_term(bindings[name]) for name in names}

    def block(chosen: list[str]) -> str:
        return f" VALUES ({' '.join('?' + n for n in chosen)}) {{ ({' '.join(terms[n] for n in chosen)}) }} "

    at = _where_group_start(query)
    insertions = [(at, block(names))]
    where = next((g for g in _group_tree(query) if g.start == at), None)
    if where is not None:
        insertions += _nested_insertions(where, names, block)
    line = query.count("\n", 0, at) + 1
    column = at - (query.rfind("\n", 0, at) + 1) + 1  # 1-based column of the block's first character
    for position, text in sorted(insertions, reverse=True):
        query = query[:position] + text + query[position:]
    return query, (line, column, len(insertions[0][1]))


def _nested_insertions(
    group: _Group, names: list[str], block: Callable[[list[str]], str]
) -> list[tuple[int, str]]:
    """Where to put the VALUES of the bound variables in the groups nested in ``group``, and what."""
    found: list[tuple[int, str]] = []
    for child in group.children:
        if child.kind == "data":
            continue
        if child.kind == "subselect":  # its WHERE group, for the variables it projects
            seen = [n for n in names if child.sees(n)]
            for inner in child.children:
                if inner.kind == "group" and seen:
                    used = [n for n in seen if inner.uses(n)]
                    if used:
                        found.append((inner.start, block(used)))
                    found += _nested_insertions(inner, seen, block)
            continue
        used = [n for n in names if child.uses(n)]
        if used:
            found.append((child.start, block(used)))
        found += _nested_insertions(child, names, block)
    return found


def query_variables(query: str) -> frozenset[str]:
    """The names of the variables ``query`` uses (``?x`` or ``$x``), strings, IRIs and comments skipped.

    Why: a binding of a variable the query does not use changes nothing, so a misspelt ``--bind`` name
    would silently answer the unbound question; the callers refuse it instead.

    >>> sorted(query_variables('SELECT ?a WHERE { ?a <urn:p> "?b" . $c ?p ?a } # ?d'))
    ['a', 'c', 'p']
    """
    return frozenset(
        match.group("var")[1:] for match in _TOKENS.finditer(query) if match.group("var") is not None
    )


def paged(query: str, limit: int | None = None, offset: int = 0) -> str:
    """``query`` answering only the page of ``limit`` solutions after the first ``offset`` (in its
    ORDER BY's order): its own top-level ``LIMIT`` / ``OFFSET``, if any, narrowed to that page, else the
    two appended. Only integers are written into the text; the query's structure is found by tokens
    (strings, IRIs and comments skipped), and a ``LIMIT`` inside a sub-select is left alone.

    >>> paged("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", 10, 20)
    'SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\\nLIMIT 10 OFFSET 20'
    >>> paged("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 } } LIMIT 100 OFFSET 10", 10, 95)
    'SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 5 } }\\nLIMIT 5 OFFSET 105'
    """
    if limit is None and not offset:
        return query
    bad_limit = limit is not None and (not isinstance(limit, int) or limit < 0)
    if bad_limit or not isinstance(offset, int) or offset < 0:
        raise QueryError(f"--limit {limit} --offset {offset}: give whole numbers, 0 or more")
    depth = parens = 0
    form = None
    seen_group = False
    found: dict[str, tuple[int, int, int]] = {}  # LIMIT / OFFSET → (start, end of its number, value)
    values_at: int | None = None
    for match in _TOKENS.finditer(query):
        word, brace = match.group("word"), match.group("brace")
        if brace == "(":
            parens += 1
        elif brace == ")":
            parens -= 1
        elif brace == "{" and parens == 0:
            depth += 1
        elif brace == "}" and parens == 0:
            depth -= 1
            seen_group = seen_group or depth == 0
        elif word:
            upper = word.upper()
            if form is None and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = upper
            if depth == 0 and parens == 0 and seen_group and upper in ("LIMIT", "OFFSET"):
                number = re.compile(r"\s*(\d+)").match(query, match.end())
                if number is None:
                    raise QueryError(f"the query's {upper} has no number")
                found[upper] = (match.start(), number.end(), int(number.group(1)))
            elif depth == 0 and parens == 0 and seen_group and upper == "VALUES" and values_at is None:
                values_at = match.start()
    if form == "ASK":
        raise QueryError("--limit and --offset page a SELECT, CONSTRUCT or DESCRIBE, not an ASK")
    old_limit = found["LIMIT"][2] if "LIMIT" in found else None
    old_offset = found["OFFSET"][2] if "OFFSET" in found else 0
    new_offset = old_offset + offset
    remaining = None if old_limit is None else max(0, old_limit - offset)
    candidates = [n for n in (limit, remaining) if n is not None]
    new_limit = min(candidates) if candidates else None
    for key in sorted(found, key=lambda k: found[k][0], reverse=True):  # cut them out, last first
        start, end, _ = found[key]
        query = query[:start] + query[end:]
        if values_at is not None and start < values_at:
            values_at -= end - start
    modifiers = (f"LIMIT {new_limit} " if new_limit is not None else "") + (
        f"OFFSET {new_offset}" if new_offset else ""
    )
    modifiers = modifiers.strip()
    if values_at is not None:
        return query[:values_at] + modifiers + "\n" + query[values_at:]
    return query.rstrip() + "\n" + modifiers
