"""The competency questions' files (``queries/*.rq``): what their header says, and their parameters.

Why: at corpus scale a question is asked about one thing (this article, this park) or a page at a time,
as a user asks it, not about everything at once (most questions list every match in the corpus: 1,000 to
100,000 rows at 10k articles, which no store answers in 100 ms). So a question names what it is about as
a *parameter*, a variable its text leaves unbound, declared in its header with a default::

    # parameter: ?article — the article (an IRI); default: the first article
    # parameter: ?park — the park (an IRI); default: what ?article is about
    # parameter: ?alias — a zh-Hans literal; default: "省工信厅"@zh-Hans

Every tool that asks a question (``parkgraph query``, :meth:`parkgraph.api.KnowledgeGraph.question`, the
tests, the benchmarks) binds the defaults of the parameters the caller did not bind, as values (never
pasted into the text); left unbound (``parkgraph query --unscoped``), a parameter matches everything,
and the question is the corpus-wide one. The defaults a header may name:

* ``the first article``: the article whose IRI sorts first (the first capture in id order);
* ``what ?article is about``: the ``schema:about`` of the article the question is scoped to (its
  ``?article`` parameter, bound or defaulted first), the first in IRI order;
* ``what the first article is about``: the same for the first article, for a question about a park
  that is not scoped to an article;
* ``the node labelled "风云动画"@zh-Hans``: the node with that ``skos:prefLabel`` (the first in IRI
  order), for a question about a named thing, which is still asked by its label but can be bound to
  another;
* a literal (``"省工信厅"@zh-Hans``): that literal, for a parameter declared as a literal.

A parameter with no ``default:`` is left unbound unless the caller binds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

from .errors import QueryError
from .ntriples import to_rdflib
from .query_result import QueryResult

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph

_HEADER = re.compile(r"^# (question \(zh-Hans\)|question \(en\)|inference|parameter): ?(.*)$", re.M)
_PARAMETER = re.compile(r"^\?(\w+)\b(?:.*?\ban? (?!plain\b)([A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*) literal)?")
_DEFAULT = re.compile(r";\s*default:\s*(.+?)\s*$")
FIRST_ARTICLE = "the first article"
ABOUT_ARTICLE = "what ?article is about"
ABOUT_FIRST = "what the first article is about"
LABELLED = re.compile(r'^the node labelled ("(?:[^"\\]|\\.)*"@[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$')

_FIRST_ARTICLE_QUERY = """PREFIX schema: <https://schema.org/>
SELECT (IRI(MIN(STR(?article))) AS ?first) WHERE { ?article a schema:NewsArticle }"""
_ABOUT_QUERY = """PREFIX schema: <https://schema.org/>
SELECT (IRI(MIN(STR(?about))) AS ?first) WHERE { ?article schema:about ?about }"""
_LABELLED_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT (IRI(MIN(STR(?node))) AS ?first) WHERE { ?node skos:prefLabel ?label }"""


@dataclass(frozen=True)
class Parameter:
    """A variable the question leaves for the caller to bind: a node, or a literal in ``language``."""

    name: str
    language: str | None = None  # None: a node; "" a plain literal; else the literal's language
    default: str = ""  # as the header writes it (see the module's docstring); "" for none

    @property
    def literal(self) -> bool:
        return self.language is not None


@dataclass(frozen=True)
class QuestionFile:
    """A competency question's file, as its header describes it."""

    name: str
    path: Path
    text: str
    zh: str
    en: str
    inference: str
    parameters: tuple[Parameter, ...]

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def read_question(path: str | Path) -> QuestionFile:
    """A question file and its header (the ``#`` lines before the first ``PREFIX``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    header: dict[str, str] = {}
    parameters: list[Parameter] = []
    for key, value in _HEADER.findall(text.split("\nPREFIX", 1)[0]):
        if key != "parameter":
            header.setdefault(key, value.strip())
            continue
        found = _PARAMETER.match(value.strip())
        if not found:
            raise QueryError(f"{path}: '# parameter: {value}': write '# parameter: ?name — what it is'")
        default = _DEFAULT.search(value)
        language = found.group(2)
        if language is None and re.search(r"\ba plain literal\b", value):
            language = ""
        parameters.append(Parameter(found.group(1), language, default.group(1) if default else ""))
    return QuestionFile(
        name=path.stem,
        path=path,
        text=text,
        zh=header.get("question (zh-Hans)", ""),
        en=header.get("question (en)", ""),
        inference=(header.get("inference", "none") or "none").split()[0],
        parameters=tuple(parameters),
    )


#: Runs a SELECT with bindings on whatever the question is asked of (a store, a graph, an endpoint).
Ask = Callable[[str, Mapping[str, Node]], QueryResult]


def default_bindings(question: QuestionFile, given: Mapping[str, Node], ask: Ask) -> dict[str, Node]:
    """``given`` plus the defaults of the parameters it leaves unbound, in the header's order (so a
    default may use an earlier parameter's value). A default that finds nothing leaves its parameter
    unbound; a default this module does not know is an error naming the file."""
    bound = dict(given)
    for parameter in question.parameters:
        if parameter.name in bound or not parameter.default:
            continue
        value = _default(parameter, bound, ask, question.path)
        if value is not None:
            bound[parameter.name] = value
    return bound


def _default(parameter: Parameter, bound: Mapping[str, Node], ask: Ask, path: Path) -> Node | None:
    default = parameter.default
    if parameter.literal:
        literal = _literal(default, f"{path}: ?{parameter.name}'s default {default!r}")
        if literal.language is None and literal.datatype is None and parameter.language:
            return Literal(str(literal), lang=parameter.language)
        return literal
    if default == FIRST_ARTICLE:
        return _first(ask(_FIRST_ARTICLE_QUERY, {}))
    if default in (ABOUT_ARTICLE, ABOUT_FIRST):
        article = bound.get("article") if default == ABOUT_ARTICLE else _first(ask(_FIRST_ARTICLE_QUERY, {}))
        return None if article is None else _first(ask(_ABOUT_QUERY, {"article": article}))
    labelled = LABELLED.match(default)
    if labelled:
        label = _literal(labelled.group(1), f"{path}: ?{parameter.name}'s default {default!r}")
        return _first(ask(_LABELLED_QUERY, {"label": label}))
    raise QueryError(
        f"{path}: ?{parameter.name}'s default {default!r}: use {FIRST_ARTICLE!r}, {ABOUT_ARTICLE!r}, "
        f"{ABOUT_FIRST!r}, 'the node labelled \"…\"@lang' or, for a literal parameter, a literal"
    )


def _literal(text: str, what: str) -> Literal:
    """The literal a header writes as in N-Triples (``"省工信厅"@zh-Hans``), or an error naming ``what``."""
    try:
        term = to_rdflib(text)
    except ValueError:
        term = None
    if not isinstance(term, Literal):
        raise QueryError(f"{what} is not a literal")
    return term


def _first(result: QueryResult) -> URIRef | None:
    rows = result.rows or []
    value = rows[0][0] if rows else None
    return value if isinstance(value, URIRef) else None


def graph_asker(graph: Graph) -> Ask:
    """An :data:`Ask` on an rdflib graph."""
    from .query import run_query

    return lambda text, bindings: run_query(text, graph, engine="rdflib", bindings=bindings)


def store_asker(store: ox.Store, *, union: bool = True) -> Ask:
    """An :data:`Ask` on a pyoxigraph store (by default on the union of its graphs, as the build's store
    and ``parkgraph.nq`` are queried)."""
    from .query import run_on_store

    return lambda text, bindings: run_on_store(text, store, bindings=bindings, union=union)
