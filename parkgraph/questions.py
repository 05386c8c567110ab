"""The competency questions' files (``queries/*.rq``): what their header says, their parameters, and how
a caller's values and the defaults are bound to them.

Why: a question is asked of a corpus about one thing (this article, this park, this company, this time
window) and a page at a time, as a user asks it, not about everything at once (most questions list every
match in the corpus: 1,000 to 100,000 rows at 10k articles, which no store answers in 100 ms). So a
question names what it is about as a *parameter*, a variable its text leaves unbound, declared in its
header, with a default or none::

    # parameter: ?article — the article the answer comes from (its id or IRI); default: the first article
    # parameter: ?park — the park (an IRI, or any of its labels or aliases); default: what ?article is about
    # parameter: ?indicator — the indicator (a concept: an IRI or a label); no default: every indicator
    # parameter: ?alias — a zh-Hans literal, an alias to look up
    # parameter: ?from — an xsd:date literal, the first day of the time window

No query text names an entity, a concept or a literal of one article: what a question is about is always
a parameter, so the same question answers for any article of any corpus.

Every tool that asks a question (``parkgraph query``, :meth:`parkgraph.api.KnowledgeGraph.question`, the
tests, the benchmarks) binds it with :func:`bind_question`: the caller's values, checked and resolved,
then the defaults of the parameters the caller did not bind, as values (never pasted into the text).

* A name that is no variable of the query is an error (:class:`~parkgraph.errors.UnknownParameterError`):
  a misspelt name would otherwise answer the unbound question.
* A node parameter (one not declared a literal) takes an IRI (``<…>`` on the command line), a CURIE of
  the project's prefixes (``pg:listedOn``), or any label or alias of an entity or concept, in any
  language (compared as the build compares names across articles: NFKC, case-folded, without spaces,
  middle dots or hyphens). A preferred label wins over an alias; a name several nodes share is an
  :class:`~parkgraph.errors.AmbiguousEntityError` listing them, a name none has an
  :class:`~parkgraph.errors.UnknownEntityError` listing the closest labels.
* ``?article`` takes the article's id (the capture's file stem, ``000_64b6559f5e865fa2``) or its IRI.
* A literal parameter takes text: in the header's language (``a zh-Hans literal``), plain (``a plain
  literal``) or of the header's datatype (``an xsd:date literal``, checked).

The defaults a header may name, found on the graph asked:

* ``the first article``: the article whose IRI sorts first (the first capture in id order);
* ``what ?article is about``: the ``schema:about`` of the article the question is asked of (``?article``,
  bound by the caller or defaulted first; the first article when the question leaves it unbound), the
  first in IRI order; for an article that says of none (an extracted one), the park or zone it names
  most often. So binding ``?article`` alone scopes the whole question to that article;
* ``the node labelled "风云动画"@zh-Hans``: the node with that ``skos:prefLabel`` (kept for questions of
  one's own; no question of ``queries/`` names a label of an article);
* a literal (``"0.6"``), for a parameter declared a literal.

A parameter with no ``default:`` is left unbound unless the caller binds it: it then matches anything,
as it does with ``parkgraph query --unscoped`` (``scoped=False``), the question over the whole corpus.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .errors import (
    AmbiguousEntityError,
    BindingError,
    QueryError,
    UnknownArticleError,
    UnknownEntityError,
    UnknownParameterError,
)
from .namespaces import PREFIXES, XSD
from .ntriples import to_rdflib
from .query_result import QueryResult
from .sparql_text import query_variables

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph

__all__ = [
    "Ask",
    "Parameter",
    "QuestionFile",
    "bind_question",
    "default_bindings",
    "graph_asker",
    "read_question",
    "resolve_article",
    "resolve_node",
    "store_asker",
]

_HEADER = re.compile(r"^# (question \(zh-Hans\)|question \(en\)|inference|parameter): ?(.*)$", re.M)
_PARAMETER = re.compile(r"^\?(\w+)\b")
_LITERAL = re.compile(
    r"\ban? (plain|xsd:[A-Za-z]+|[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*) literal\b"
)
_DEFAULT = re.compile(r";\s*default:\s*(.+?)\s*$")
FIRST_ARTICLE = "the first article"
ABOUT_ARTICLE = "what ?article is about"
ABOUT_FIRST = "what the first article is about"  # read as ABOUT_ARTICLE: an article bound scopes it
LABELLED = re.compile(r'^the node labelled ("(?:[^"\\]|\\.)*"@[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$')
#: The parameter that names an article (by its id or IRI), and scopes the other defaults.
ARTICLE = "article"
#: An IRI a user writes: a scheme the web uses, or a CURIE of the project's prefixes (pg:listedOn).
_IRI_TEXT = re.compile(r"^(?:https?|urn|file|ftp|mailto|tag):\S+$")
_CURIE = re.compile(r"^([A-Za-z][\w-]*):([A-Za-z_][\w.-]*)$")
_ARTICLE_ID = re.compile(r"^[A-Za-z0-9_.-]+$")

_PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
_FIRST_ARTICLE_QUERY = (
    _PREFIXES + "SELECT (IRI(MIN(STR(?article))) AS ?first) WHERE { ?article a schema:NewsArticle }"
)
_ABOUT_QUERY = _PREFIXES + "SELECT (IRI(MIN(STR(?about))) AS ?first) WHERE { ?article schema:about ?about }"
#: An article that says what it is about in no schema:about (the extractor writes none): the park or
#: zone it names in the most spans, the first in IRI order among equals.
_MOST_NAMED_ZONE_QUERY = (
    _PREFIXES
    + """SELECT ?zone (COUNT(DISTINCT ?evidence) AS ?spans) WHERE {
  ?article schema:mentions ?zone .
  ?zone a ?class .
  FILTER(?class IN (pg:DevelopmentZone, pg:IndustrialPark))
  ?zone pg:evidence ?evidence .
  ?evidence oa:hasSource ?article .
}
GROUP BY ?zone
ORDER BY DESC(?spans) STR(?zone)
LIMIT 1"""
)
_LABELLED_QUERY = _PREFIXES + "SELECT (IRI(MIN(STR(?node))) AS ?first) WHERE { ?node skos:prefLabel ?label }"
_ARTICLE_QUERY = _PREFIXES + "SELECT ?article WHERE { ?article schema:identifier ?id ; a schema:NewsArticle }"
_ARTICLE_IDS_QUERY = _PREFIXES + "SELECT ?id WHERE { ?article a schema:NewsArticle ; schema:identifier ?id }"
#: The nodes a name can denote: entities (every entity is one an article mentions) and SKOS concepts;
#: not facts, classes or properties, which have labels too.
_NAMEABLE = "FILTER(EXISTS { ?any schema:mentions ?node } || EXISTS { ?node a skos:Concept })"
#: A name as it is written, in each language the graph labels in: index lookups, fast on any store.
_EXACT_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?node ?predicate ?zh WHERE {
  { BIND(?nameZhHans AS ?label) } UNION { BIND(?nameZh AS ?label) } UNION { BIND(?nameEn AS ?label) }
  UNION { BIND(?namePlain AS ?label) }
  ?node ?predicate ?label .
  FILTER(?predicate IN (skos:prefLabel, rdfs:label, skos:altLabel))
  """
    + _NAMEABLE
    + """
  OPTIONAL { ?node skos:prefLabel ?zh FILTER(langMatches(lang(?zh), "zh-Hans")) }
}"""
)
#: Labels sharing a piece of a name (two characters of it): the candidates a name written otherwise
#: (with spaces, in other case or width) and the closest labels of an unknown name are found among.
_PIECES = 6
_CANDIDATES_QUERY = (
    _PREFIXES
    + """SELECT DISTINCT ?node ?predicate ?label ?zh WHERE {
  ?node ?predicate ?label .
  FILTER(?predicate IN (skos:prefLabel, skos:altLabel))
  FILTER("""
    + " || ".join(f"CONTAINS(LCASE(STR(?label)), ?piece{i})" for i in range(_PIECES))
    + """)
  """
    + _NAMEABLE
    + """
  OPTIONAL { ?node skos:prefLabel ?zh FILTER(langMatches(lang(?zh), "zh-Hans")) }
}"""
)
_PREFERRED = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label")
def _pattern(pattern: str) -> Callable[[str], object]:
    """A check that a text matches ``pattern`` whole (ValueError if not)."""

    def check(text: str) -> object:
        if not re.fullmatch(pattern, text):
            raise ValueError(text)
        return text

    return check


#: The datatypes a literal parameter may declare, and how a value of each is checked.
_LEXICAL: dict[str, Callable[[str], object]] = {
    "date": dt.date.fromisoformat,
    "dateTime": lambda text: dt.datetime.fromisoformat(text.replace("Z", "+00:00")),
    "gYear": _pattern(r"-?\d{4,}"),
    "gYearMonth": _pattern(r"-?\d{4,}-(0[1-9]|1[0-2])"),
    "decimal": _pattern(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    "integer": _pattern(r"[+-]?\d+"),
    "double": float,
}


@dataclass(frozen=True)
class Parameter:
    """A variable the question leaves for the caller to bind: a node, or a literal in ``language`` or of
    ``datatype``."""

    name: str
    language: str | None = None  # None: a node (or a typed literal); "" a plain literal; else its language
    default: str = ""  # as the header writes it (see the module's docstring); "" for none
    datatype: str | None = None  # a typed literal's datatype IRI (xsd:date …)
    description: str = ""  # what the header says it is, default aside

    @property
    def literal(self) -> bool:
        return self.language is not None or self.datatype is not None


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

    @property
    def variables(self) -> frozenset[str]:
        """Every variable of the query text: what a caller may bind."""
        return query_variables(self.text)


def read_question(path: str | Path) -> QuestionFile:
    """A question file and its header (the ``#`` lines before the first ``PREFIX``).

    >>> question = read_question(Path(__file__).parents[1] / "queries" / "29-entity-by-alias.rq")
    >>> [(p.name, p.language, p.default) for p in question.parameters]
    [('article', None, 'the first article'), ('alias', 'zh-Hans', '')]
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    return parse_question(text, path)


def parse_question(text: str, path: Path) -> QuestionFile:
    """:func:`read_question` of a text."""
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
        description = value[: default.start()] if default else value
        language: str | None = None
        datatype: str | None = None
        literal = _LITERAL.search(description)
        if literal:
            kind = literal.group(1)
            if kind == "plain":
                language = ""
            elif kind.startswith("xsd:"):
                if kind[4:] not in _LEXICAL:
                    raise QueryError(
                        f"{path}: ?{found.group(1)} is {kind}: declare one of "
                        f"{', '.join('xsd:' + k for k in _LEXICAL)}"
                    )
                datatype = str(XSD) + kind[4:]
            else:
                language = kind
        parameters.append(
            Parameter(
                found.group(1),
                language,
                default.group(1) if default else "",
                datatype,
                description.split("—", 1)[-1].strip(),
            )
        )
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


def bind_question(
    question: QuestionFile, given: Mapping[str, Node | str], ask: Ask, *, scoped: bool = True
) -> dict[str, Node]:
    """The bindings ``question`` is asked with: the caller's ``given`` values, checked and resolved (see
    the module's docstring), plus, when ``scoped``, the defaults of the parameters ``given`` leaves
    unbound. ``ask`` runs the look-ups on the graph the question is asked of.

    A ``str`` or an untyped text literal for a node parameter is a name (a label, an alias, an article
    id); an rdflib term is kept as it is, but for a text literal given to a parameter declared a literal
    of another language or datatype, which takes the declared one (``--bind alias=省工信厅``).
    """
    variables = question.variables
    declared = tuple(p.name for p in question.parameters)
    for name in given:
        if name not in variables:
            raise UnknownParameterError(name, "the question", declared)
    bound: dict[str, Node] = {}
    for name in sorted(given, key=lambda n: n != ARTICLE):  # the article first: it scopes nothing else
        bound[name] = _value(question, name, given[name], ask)
    return default_bindings(question, bound, ask) if scoped else bound


def _value(question: QuestionFile, name: str, value: Node | str, ask: Ask) -> Node:
    """A caller's value for ``?name`` as the term to bind."""
    parameter = question.parameter(name)
    if parameter is not None and parameter.literal:
        return _literal_value(parameter, value)
    if isinstance(value, (URIRef, BNode)):
        return value
    if isinstance(value, Literal):
        if parameter is None or value.datatype is not None:
            return value  # a literal for a variable of the caller's own query: as it is
        value = str(value)
    if not isinstance(value, str):
        return value
    if name == ARTICLE:
        return resolve_article(value, ask, name=name)
    return resolve_node(value, ask, name=name)


def _literal_value(parameter: Parameter, value: Node | str) -> Node:
    if isinstance(value, Literal) and (value.language or value.datatype):
        return value
    if not isinstance(value, (str, Literal)):
        return value
    text = str(value)
    if parameter.datatype is not None:
        kind = parameter.datatype.removeprefix(str(XSD))
        try:
            _LEXICAL[kind](text)
        except (ValueError, TypeError):
            raise BindingError(
                parameter.name, text, f"not an xsd:{kind} value (e.g. {_EXAMPLES.get(kind, '1')})"
            ) from None
        return Literal(text, datatype=URIRef(parameter.datatype))
    return Literal(text, lang=parameter.language or None)


_EXAMPLES = {"date": "2024-06-30", "dateTime": "2024-06-30T09:00:00+08:00", "gYear": "2024"}
_EXAMPLES |= {"gYearMonth": "2024-06", "decimal": "0.6", "double": "0.6", "integer": "12"}


def resolve_article(value: str, ask: Ask, *, name: str = ARTICLE) -> URIRef:
    """The article ``value`` names: its IRI as it is, or its id (``schema:identifier``, the capture's file
    stem). An id no article has is an :class:`~parkgraph.errors.UnknownArticleError` with the closest
    ids (an IRI is not checked: an article the graph lacks answers nothing, as any value does)."""
    if _IRI_TEXT.match(value):
        return URIRef(value)
    if _ARTICLE_ID.match(value):
        rows = ask(_ARTICLE_QUERY, {"id": Literal(value)}).rows or []
        found = sorted({str(row[0]) for row in rows if isinstance(row[0], URIRef)})
        if found:
            return URIRef(found[0])
    ids = sorted({str(row[0]) for row in ask(_ARTICLE_IDS_QUERY, {}).rows or [] if row[0] is not None})
    raise UnknownArticleError(name, value, tuple(difflib.get_close_matches(value, ids, n=5, cutoff=0.3)))


def resolve_node(value: str, ask: Ask, *, name: str = "") -> URIRef:
    """The entity or concept ``value`` names: an IRI or CURIE as it is; else the node with that label or
    alias in any language (a preferred label wins over an alias), compared as the build compares names
    (NFKC, case-folded, without spaces, middle dots or hyphens).

    Why on the graph asked, by SPARQL: a question is asked of a store of any size, where the entity
    index of :meth:`parkgraph.api.KnowledgeGraph.entity` (made from the graph in rdflib) is not
    available. The name as written is found by index look-ups; a name written otherwise, and the
    closest labels of one no node has, among the labels sharing two characters with it."""
    text = value.strip()
    if _IRI_TEXT.match(text):
        return URIRef(text)
    curie = _CURIE.match(text)
    if curie and curie.group(1) in PREFIXES:
        return URIRef(PREFIXES[curie.group(1)] + curie.group(2))
    if not text:
        raise BindingError(name or "node", value, "an empty name; give a label, an alias or an IRI")
    bindings: dict[str, Node] = {
        "nameZhHans": Literal(text, lang="zh-Hans"),
        "nameZh": Literal(text, lang="zh"),
        "nameEn": Literal(text, lang="en"),
        "namePlain": Literal(text),
    }
    hits = [(row[0], str(row[1]), row[2]) for row in ask(_EXACT_QUERY, bindings).rows or []]
    chosen = _choose(text, hits, name)
    if chosen is not None:
        return chosen
    from .articles import normalise_name

    wanted = normalise_name(text)
    pieces = [wanted[i : i + 2] for i in range(max(1, len(wanted) - 1))][:_PIECES] or [wanted]
    pieces += [pieces[-1]] * (_PIECES - len(pieces))
    rows = ask(_CANDIDATES_QUERY, {f"piece{i}": Literal(p) for i, p in enumerate(pieces)}).rows or []
    candidates = [(row[0], str(row[1]), row[3], str(row[2])) for row in rows]  # node, predicate, zh, label
    same = [(node, how, zh) for node, how, zh, label in candidates if normalise_name(label) == wanted]
    chosen = _choose(text, same, name)
    if chosen is not None:
        return chosen
    labels = {normalise_name(label): label for *_, label in sorted(candidates, key=lambda c: c[3])}
    holding = {key for key in labels if wanted and (wanted in key or key in wanted)}
    close = holding | set(difflib.get_close_matches(wanted, sorted(labels), n=5, cutoff=0.3))

    def similarity(key: str) -> tuple[float, str]:
        return (-difflib.SequenceMatcher(None, wanted, key).ratio(), key)

    raise UnknownEntityError(
        text, tuple(labels[key] for key in sorted(close, key=similarity)[:5]), parameter=name
    )


def _choose(text: str, hits: list[tuple[Node, str, Node | None]], name: str) -> URIRef | None:
    """The one node ``hits`` (node, label predicate, its zh-Hans label) name, preferred labels first;
    None for none; an :class:`~parkgraph.errors.AmbiguousEntityError` for several."""
    preferred = {node for node, predicate, _ in hits if predicate in _PREFERRED}
    found = preferred or {node for node, _, _ in hits}
    if not found:
        return None
    if len(found) == 1:
        node = next(iter(found))
        assert isinstance(node, URIRef)
        return node
    labels = {node: str(zh) if zh is not None else str(node) for node, _, zh in hits}
    raise AmbiguousEntityError(text, tuple(sorted((labels[n], str(n)) for n in found)), parameter=name)


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
        if literal.language is None and literal.datatype is None:
            return _literal_value(parameter, str(literal))
        return literal
    if default == FIRST_ARTICLE:
        return _first(ask(_FIRST_ARTICLE_QUERY, {}))
    if default in (ABOUT_ARTICLE, ABOUT_FIRST):
        article = bound.get(ARTICLE) or _first(ask(_FIRST_ARTICLE_QUERY, {}))
        return None if article is None else _about(article, ask)
    labelled = LABELLED.match(default)
    if labelled:
        label = _literal(labelled.group(1), f"{path}: ?{parameter.name}'s default {default!r}")
        return _first(ask(_LABELLED_QUERY, {"label": label}))
    raise QueryError(
        f"{path}: ?{parameter.name}'s default {default!r}: use {FIRST_ARTICLE!r}, {ABOUT_ARTICLE!r}, "
        "'the node labelled \"…\"@lang' or, for a literal parameter, a literal"
    )


def _about(article: Node, ask: Ask) -> URIRef | None:
    """What ``article`` is about: its ``schema:about`` (the first in IRI order), else the park or zone it
    names in the most spans; None for an article that names none."""
    found = _first(ask(_ABOUT_QUERY, {"article": article}))
    if found is None:
        rows = ask(_MOST_NAMED_ZONE_QUERY, {"article": article}).rows or []
        found = rows[0][0] if rows and isinstance(rows[0][0], URIRef) else None
    return found


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
