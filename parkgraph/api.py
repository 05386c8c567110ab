"""The Python API, for notebooks: open the built graph, query it into DataFrames, explore it.

What the CLI does, as a few typed calls (``import parkgraph`` loads this module on first use, so
importing parkgraph stays cheap). The examples run in the project folder after ``python build_graph.py``:

>>> import parkgraph
>>> kg = parkgraph.open()                      # the built graph of the project here, read-only
>>> kg.question("01-park-approval", designation="江苏省大数据产业园").to_pandas()[["approverZh", "date"]]
   approverZh  date
0  江苏省工业和信息化厅  2022
>>> park = kg.entity("宿迁市软件园")            # by label or alias, in any language
>>> park.label_en, park.types
('Suqian Software and Service Outsourcing Industrial Park', ('pg:IndustrialPark',))
>>> [m.label for m in kg.search("数据中心")][:2]
['京东云华东数据中心', '全域旅游大数据中心']
>>> kg.to_networkx(ego=park, radius=1).number_of_nodes()
26

``kg.show(ego=park)`` draws the same neighbourhood inline in Jupyter (the HTML views' page, offline);
``kg.store`` (pyoxigraph) and ``kg.to_rdflib()`` are there for everything else.

Where the answers come from: SPARQL runs on Oxigraph, on the build's store (``graph/oxigraph``) when a
build left it up to date, else on ``graph/parkgraph.nq`` loaded into memory; both are queried with the
union of their graphs (articles, shared, ontology) as the default graph, as ``parkgraph query --store``
does. Inference (RDFS, OWL 2 RL) and the entity-level graph need the graph in rdflib, which is parsed
from ``graph/parkgraph.ttl`` and the ontology when first needed, as ``parkgraph views`` does, and is
subject to the same size limit as the build's networkx exports and views.

Values are bound, never pasted into a query; failures are the typed errors of :mod:`parkgraph.errors`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from .build import BuildResult
from .errors import (
    AmbiguousEntityError,
    GraphNotBuiltError,
    QueryError,
    UnknownEntityError,
    UnknownParameterError,
)
from .inputfiles import DEFAULT_MAX_CAPTURE_BYTES
from .project import BuiltGraph, Project
from .query import QueryResult, format_table, run_on_store, run_query, with_inference
from .views.model import EvidenceSpan, KeyValue

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd
    import pyoxigraph as ox
    import rdflib
    from rdflib.query import Result
    from rdflib.term import Node

    from .views.inline import InlineView
    from .views.model import GraphModel
    from .void import VoidSummary

__all__ = [
    "Entity",
    "Evidence",
    "Fact",
    "KnowledgeGraph",
    "Label",
    "Match",
    "QueryResults",
    "Question",
    "build",
    "open",
]

#: Where SPARQL runs: the build's store, the graph files, or whichever is there ("auto": the store).
Backend = Literal["auto", "store", "files"]
#: ``None`` (or "none"): the graph as built; "rdfs" / "owlrl": closed under RDFS / OWL 2 RL first.
Inference = Literal["none", "rdfs", "owlrl"] | None
Engine = Literal["oxigraph", "rdflib"]

#: An evidence span of an article: the quote, where it is, and the sentence around it.
Evidence = EvidenceSpan

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
#: The predicates whose literals name a node, most preferred first.
LABEL_PREDICATES = (SKOS + "prefLabel", RDFS + "label", SKOS + "altLabel")
_LOOKUP_KINDS = ("entity", "concept")
#: Python values a binding turns into typed literals (rdflib's mapping: xsd:string, integer, …).
_LITERAL_TYPES = (str, bool, int, float, Decimal, dt.date, dt.datetime, dt.time)
_QUESTIONS = "queries"


def build(
    path: str | Path = ".",
    *,
    out_dir: str | Path | None = None,
    base: str | None = None,
    write: bool = True,
    jobs: int = 0,
    progress: bool = False,
    strict: bool = False,
    wait: bool = True,
    max_capture_bytes: int | None = DEFAULT_MAX_CAPTURE_BYTES,
) -> BuildResult:
    """Build, validate and write the graph of the project at ``path`` (``parkgraph build``).

    Also callable as ``parkgraph.build(...)``. ``out_dir`` defaults to the project's ``graph/``,
    ``base`` to ``$PARKGRAPH_BASE`` or the w3id base; ``write=False`` builds and validates only (the
    CLI's ``--dry-run``); ``jobs`` worker processes build the articles (0: one per CPU). A capture
    the reader or the extractor cannot build is set aside (``result.set_aside``, and the report in
    ``graph/build-report.json``) unless ``strict``, which raises on it. Raises the build's typed
    errors (an annotation, capture or validation error names the file and what to do). While another
    build of the project runs it waits, or unless ``wait`` raises
    :class:`~parkgraph.errors.BuildRunningError`. A capture larger than ``max_capture_bytes`` (None: no
    limit) is set aside before it is read (``parkgraph build --max-capture-size``).

    >>> result = parkgraph.build(write=False, jobs=1)
    >>> result.articles, result.validation.conforms
    (('000_64b6559f5e865fa2',), True)
    """
    from .build import build_project

    return build_project(
        path,
        out_dir=out_dir,
        base=base,
        write=write,
        jobs=jobs,
        progress=progress,
        strict=strict,
        wait=wait,
        max_capture_bytes=max_capture_bytes,
    )


def open(
    path: str | Path = ".",
    *,
    out_dir: str | Path | None = None,
    backend: Backend = "auto",
) -> KnowledgeGraph:
    """The built graph of the project at (or above) ``path``, read-only.

    ``out_dir`` is the build's output folder (default: the project's ``graph/``). ``backend`` "store"
    insists on the build's Oxigraph store, "files" on the graph files, "auto" takes the store when a
    build left it up to date. Nothing is read until it is needed. Raises
    :class:`~parkgraph.errors.GraphNotBuiltError` (which says to run the build) when no build is there.

    >>> kg = parkgraph.open()
    >>> kg.project.out_dir.name
    'graph'
    """
    return KnowledgeGraph(Project.find(path, out_dir=out_dir), backend=backend)


@dataclass(frozen=True)
class QueryResults(QueryResult):
    """A query's answer: a SELECT's ``variables`` and ``rows`` (rdflib terms, ``None`` when unbound),
    an ASK's ``boolean`` or a CONSTRUCT's ``graph``. Shown as the CLI's table; ``len`` is the number of
    rows (or triples).

    >>> kg = parkgraph.open()
    >>> answer = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }")
    >>> answer.rows
    [(rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')),)]
    >>> answer.to_pandas().dtypes["n"]
    Int64Dtype()
    """

    @classmethod
    def of(cls, result: QueryResult) -> QueryResults:
        return cls(variables=result.variables, rows=result.rows, boolean=result.boolean, graph=result.graph)

    def to_pandas(self) -> pd.DataFrame:
        """A DataFrame with typed columns: numbers as ``Int64`` / ``Float64``, dates as ``datetime64``,
        years and months as periods, strings (with or without a language tag) and IRIs as ``string``,
        unbound as ``<NA>`` (the rules: :mod:`parkgraph.frames`). An ASK gives one ``boolean`` column, a
        CONSTRUCT its triples as ``subject``, ``predicate``, ``object``. Needs pandas
        (``pip install 'parkgraph[notebook]'``).

        >>> frame = parkgraph.open().question("20-park-revenue").to_pandas()
        >>> frame[["value", "currency", "begin", "end"]]
                  value currency      begin        end
        0  3645000000.0      CNY 2022-01-01 2022-06-30
        >>> str(frame["begin"].dtype), str(frame["value"].dtype), str(frame["exact"].dtype)
        ('datetime64[ns]', 'Float64', 'string')
        """
        from .frames import frame

        if self.boolean is not None:
            from rdflib import Literal as RdfLiteral

            return frame(("boolean",), [(RdfLiteral(self.boolean),)])
        if self.graph is not None:
            triples = sorted(self.graph, key=lambda t: tuple(str(x) for x in t))
            return frame(("subject", "predicate", "object"), triples)
        return frame(self.variables, self.rows or [])

    def to_rdflib(self) -> Result | rdflib.Graph:
        """rdflib's own kind of answer: a ``rdflib.query.Result`` (SELECT, ASK) or a ``Graph``
        (CONSTRUCT, DESCRIBE).

        >>> result = parkgraph.open().question("12-key-industries").to_rdflib()
        >>> result.type, len(result)
        ('SELECT', 5)
        """
        from rdflib.query import Result
        from rdflib.term import Variable

        if self.graph is not None:
            return self.graph
        if self.boolean is not None:
            answer = Result("ASK")
            answer.askAnswer = self.boolean
            return answer
        answer = Result("SELECT")
        names = [Variable(name) for name in self.variables]
        answer.vars = names
        answer.bindings = [
            {name: value for name, value in zip(names, row, strict=True) if value is not None}
            for row in self.rows or []
        ]
        return answer

    def __len__(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        if self.boolean is not None:
            return 1
        return len(self.rows or [])

    def __bool__(self) -> bool:
        return self.boolean if self.boolean is not None else len(self) > 0

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        if self.graph is not None:
            return iter(self.graph)  # type: ignore[arg-type]
        return iter(self.rows or [])

    def __repr__(self) -> str:
        return format_table(self)

    def _repr_html_(self) -> str:
        """The rows as an HTML table for Jupyter (every value escaped; IRIs in full)."""
        if self.rows is None:
            return f"<pre>{html.escape(format_table(self))}</pre>"
        head = "".join(f"<th>{html.escape(name)}</th>" for name in self.variables)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
            for row in self.rows
        )
        count = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>({count})</p>"


@dataclass(frozen=True)
class Question:
    """A competency question of ``queries/``: its name, its question in Chinese and English, the
    inference it needs, the literals the caller binds (name → language, or ``""``) and the nodes it is
    about (``scoped_by``: ``article``, ``park``), which default to the first article and what it is
    about (:mod:`parkgraph.questions`)."""

    name: str
    zh: str
    en: str
    inference: str
    parameters: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    scoped_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Label:
    """A name of a node: its text, its language tag (``""`` for none) and the predicate that gives it."""

    text: str
    language: str
    predicate: str  # skos:prefLabel, rdfs:label or skos:altLabel


@dataclass(frozen=True)
class Fact:
    """Something the graph says about an entity, and the article spans that say it.

    ``kind`` is the fact's category (``statistic``, ``event``, ``claim``) for an n-ary fact the entity
    takes part in, or ``relation`` for a link to another entity or concept. ``predicate`` is the edge
    between the two (its CURIE), ``inverse`` whether it points at the entity. ``details`` are the fact's
    values (quantity, time) and its other participants, as (name, text) pairs.
    """

    kind: str
    predicate: str
    label: str
    iri: str
    inverse: bool
    details: tuple[tuple[str, str], ...]
    evidence: tuple[EvidenceSpan, ...]

    def __str__(self) -> str:
        arrow = "←" if self.inverse else "→"
        details = "; ".join(f"{name}: {text}" for name, text in self.details)
        return f"[{self.kind}] {arrow} {self.predicate} {self.label}" + (f" ({details})" if details else "")


@dataclass(frozen=True, repr=False)
class Entity:
    """A node of the graph by its names: types, labels in every language, the facts it takes part in
    and the spans of the articles that state it (``evidence``) and each fact (``Fact.evidence``).

    >>> park = parkgraph.open().entity("Suqian Software and Service Outsourcing Industrial Park")
    >>> park
    Entity('宿迁市软件与服务外包产业园', types=('pg:IndustrialPark',), 25 facts)
    >>> sorted(label.text for label in park.labels if label.predicate == "skos:altLabel")
    ['园区', '宿迁市软件园', '软件园']
    >>> revenue = next(f for f in park.facts if f.label == "宿迁市软件园2022年上半年主营业务收入")
    >>> revenue.kind, revenue.predicate, revenue.inverse
    ('statistic', 'schema:observationAbout', True)
    >>> revenue.evidence[0].exact, revenue.evidence[0].ref
    ('今年上半年,实现主营业务收入36.45亿元', '000_64b6559f5e865fa2:1056-1077')
    """

    iri: str
    label: str
    label_en: str
    kind: str  # entity, concept (or fact, asked for by IRI)
    types: tuple[str, ...]  # CURIEs of its most specific classes
    labels: tuple[Label, ...]
    evidence: tuple[EvidenceSpan, ...]
    facts: tuple[Fact, ...]

    def to_pandas(self) -> pd.DataFrame:
        """One row per fact and evidence span: ``kind``, ``predicate``, ``inverse``, ``label``,
        ``details``, ``exact``, ``sentence``, ``article``, ``start``, ``end`` (a fact no span supports
        has one row with ``<NA>`` evidence). Needs pandas.

        >>> frame = parkgraph.open().entity("宿迁市软件园").to_pandas()
        >>> frame.loc[frame.kind == "statistic", "exact"].tolist()[:2]
        ['今年上半年,实现主营业务收入36.45亿元', '今年上半年,实现主营业务收入36.45亿元,同比增长103.38%']
        """
        from .frames import import_pandas

        pd = import_pandas()
        columns = ("kind", "predicate", "inverse", "label", "details", "exact", "sentence", "article")
        rows: list[tuple[object, ...]] = []
        for fact in self.facts:
            details = "; ".join(f"{name}: {text}" for name, text in fact.details)
            head = (fact.kind, fact.predicate, fact.inverse, fact.label, details)
            for span in fact.evidence or (None,):
                if span is None:
                    rows.append((*head, None, None, None, None, None))
                else:
                    rows.append((*head, span.exact, span.sentence, span.article, span.start, span.end))
        frame = pd.DataFrame(rows, columns=[*columns, "start", "end"])
        for name in (*columns[:2], *columns[3:]):
            frame[name] = frame[name].astype("string")
        frame["inverse"] = frame["inverse"].astype("boolean")
        for name in ("start", "end"):
            frame[name] = frame[name].astype("Int64")
        return frame

    def __repr__(self) -> str:
        return f"Entity({self.label!r}, types={self.types!r}, {len(self.facts)} facts)"

    def __str__(self) -> str:
        lines = [f"{self.label} ({self.label_en})" if self.label_en else self.label, f"  {self.iri}"]
        lines.append(f"  types: {', '.join(self.types)}")
        others = [f"{label.text}@{label.language}" if label.language else label.text for label in self.labels]
        lines.append(f"  labels: {'; '.join(others)}")
        for span in self.evidence[:3]:
            lines.append(f"  evidence: {span.exact} [{span.ref}]")
        for fact in self.facts:
            lines.append(f"  {fact}")
            lines += [f"      “{span.sentence}” [{span.ref}]" for span in fact.evidence[:1]]
        return "\n".join(lines)


@dataclass(frozen=True)
class Match:
    """A search hit: a node, its labels and type, and the label that matched."""

    iri: str
    label: str
    label_en: str
    type: str
    kind: str
    matched: str


class KnowledgeGraph:
    """The built graph of a project, read-only: SPARQL, entities, networkx and pyvis views.

    Made by :func:`parkgraph.open`. ``store`` is the pyoxigraph store queries run on;
    :meth:`to_rdflib` the rdflib graph (data and ontology) inference and the networkx model are made
    from. Both are the KnowledgeGraph's own: copy them before changing them.
    """

    def __init__(self, project: Project, *, backend: Backend = "auto") -> None:
        from .corpus.dataset import DATASET_FOLDER
        from .corpus.store_update import MANIFEST, STORE_FOLDER

        if backend not in ("auto", "store", "files"):
            raise ValueError(f"backend {backend!r}: use 'auto', 'store' or 'files'")
        self.project = project
        out = project.out_dir
        store_ready = (out / MANIFEST).exists() and (out / STORE_FOLDER).is_dir()
        quads = project.graph_path("nq")
        if backend == "store" and not store_ready:
            raise GraphNotBuiltError(out, f"no up-to-date Oxigraph store at {out / STORE_FOLDER}")
        if backend == "files" or (backend == "auto" and not store_ready):
            if not quads.exists() and not (out / DATASET_FOLDER).is_dir():
                raise GraphNotBuiltError(out, f"no {quads.name}")
            self.backend: Literal["store", "files"] = "files"
        else:
            self.backend = "store"
        self._store: ox.Store | None = None
        self._built: BuiltGraph | None = None
        self._combined: rdflib.Graph | None = None
        self._closed: dict[str, tuple[rdflib.Graph, ox.Store]] = {}
        self._model: GraphModel | None = None
        self._names: dict[str, tuple[Label, ...]] | None = None

    def __repr__(self) -> str:
        where = (
            self.project.out_dir / "oxigraph" if self.backend == "store" else self.project.graph_path("nq")
        )
        return f"<KnowledgeGraph of {self.project.root} ({self.backend}: {where})>"

    # --- SPARQL ---------------------------------------------------------------------------------

    @property
    def store(self) -> ox.Store:
        """The pyoxigraph store SPARQL runs on: the build's, opened read-only, or ``parkgraph.nq``
        loaded into memory. Query it with ``use_default_graph_as_union=True``.

        >>> len(parkgraph.open().store) > 4969  # the data's quads and the ontology's
        True
        """
        if self._store is None:
            import pyoxigraph as ox

            from .corpus.store_update import STORE_FOLDER

            if self.backend == "store":
                self._store = ox.Store.read_only(str(self.project.out_dir / STORE_FOLDER))
            else:
                from .corpus.dataset import quads_files

                store = ox.Store()
                for path in quads_files(self.project.out_dir, self.project.graph_path("nq")):
                    store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
                self._store = store
        return self._store

    def stats(self) -> VoidSummary | None:
        """The dataset's counts as the build's VoID description says them (:mod:`parkgraph.void`): triples,
        entities, entities and other resources by class, triples by predicate; read from the description,
        not computed, so as fast on 10k articles as on one. None for a graph built without one.

        >>> summary = parkgraph.open().stats()
        >>> summary.triples, summary.entities
        (4969, 80)
        >>> [n for c, n, e in summary.classes if c.endswith("#Company")]
        [10]
        """
        from .void import read_void

        return read_void(self.store)

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, object] | None = None,
        inference: Inference = None,
        engine: Engine = "oxigraph",
        limit: int | None = None,
        offset: int = 0,
    ) -> QueryResults:
        """Run a SPARQL query (text) with ``bindings`` (variable name → value) bound, never pasted;
        ``limit`` / ``offset`` answer a page of it (its top-level LIMIT / OFFSET set to that page, as
        numbers: :func:`parkgraph.sparql_text.paged`).

        A value is an rdflib term as it is; an :class:`Entity` or :class:`Match` its IRI; a ``str`` a
        plain string literal (bind ``rdflib.Literal(text, lang="zh-Hans")`` to match a Chinese label);
        a number, date or bool the typed literal. ``inference`` "rdfs" / "owlrl" closes the graph and
        the ontology first (owlrl, a few seconds; kept for the next query). ``engine`` "rdflib" runs it
        on rdflib instead of Oxigraph, as ``parkgraph query --engine rdflib`` does. Raises
        :class:`~parkgraph.errors.QueryError` with line and column for a malformed query.

        >>> from rdflib import Literal
        >>> kg = parkgraph.open()
        >>> q = "SELECT ?alias ?labelEn WHERE { ?e skos:altLabel ?alias ; skos:prefLabel ?labelEn . "
        >>> q += "FILTER(langMatches(lang(?labelEn), 'en')) }"
        >>> q = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> " + q
        >>> kg.query(q, bindings={"alias": Literal("省工信厅", lang="zh-Hans")}).rows[0][1]
        rdflib.term.Literal('Jiangsu Provincial Department of Industry and Information Technology', lang='en')
        """
        terms = {name: self._term(name, value) for name, value in (bindings or {}).items()}
        if terms:
            from .sparql_text import query_variables

            variables = query_variables(sparql)
            for name in terms:
                if name not in variables:
                    raise UnknownParameterError(name, "the query", tuple(sorted(variables)))
        if limit is not None or offset:
            from .sparql_text import paged

            sparql = paged(sparql, limit, offset)
        mode = inference or "none"
        if mode not in ("none", "rdfs", "owlrl"):
            raise QueryError(f"inference {inference!r}: use None, 'rdfs' or 'owlrl'")
        if engine not in ("oxigraph", "rdflib"):
            raise QueryError(f"engine {engine!r}: use 'oxigraph' or 'rdflib'")
        if mode != "none":
            graph, store = self._closure(mode)
            return QueryResults.of(run_query(sparql, graph, engine=engine, bindings=terms, store=store))
        if engine == "rdflib":
            return QueryResults.of(run_query(sparql, self.to_rdflib(), engine="rdflib", bindings=terms))
        return QueryResults.of(run_on_store(sparql, self.store, bindings=terms, union=True))

    def questions(self) -> tuple[Question, ...]:
        """The project's competency questions (``queries/*.rq``), by name.

        >>> first = parkgraph.open().questions()[0]
        >>> first.name, first.inference, first.zh
        ('01-park-approval', 'none', '某园区获得了哪些称号（获批、认定）？由谁授予？何时？')
        """
        folder = self.project.root / _QUESTIONS
        return tuple(_question(path) for path in sorted(folder.glob("*.rq")))

    def question(
        self,
        name: str,
        /,
        *,
        inference: Inference = None,
        limit: int | None = None,
        offset: int = 0,
        scoped: bool = True,
        **bindings: object,
    ) -> QueryResults:
        """Answer a competency question of ``queries/`` by name (``"01-park-approval"``, or a unique
        start of one such as ``"01"``), with the inference its ``# inference:`` line asks for unless
        ``inference`` says otherwise.

        Keywords bind the question's variables: one its ``# parameter:`` line declares a literal (e.g.
        ``alias``, a zh-Hans literal; ``from``, an xsd:date) is bound to a ``str`` as that literal; any
        other variable names a node: an IRI (a ``URIRef``, an :class:`Entity`, or a ``str`` IRI), or a
        ``str`` label or alias in any language (one several nodes share raises
        :class:`~parkgraph.errors.AmbiguousEntityError`, one none has
        :class:`~parkgraph.errors.UnknownEntityError` with the closest labels). ``article`` takes the
        article's id as well (``"000_64b6559f5e865fa2"``). A keyword that is no variable of the question
        raises :class:`~parkgraph.errors.UnknownParameterError`. The parameters the keywords do not bind
        take their header's defaults, the first article and what it is about (binding ``article`` alone
        scopes them to that article), unless ``scoped=False`` (then they match anything: the question
        over the whole corpus). ``limit`` / ``offset`` page the answer, in its ORDER BY's order.

        >>> kg = parkgraph.open()
        >>> kg.question("29-entity-by-alias", alias="省工信厅").to_pandas()["labelZh"].tolist()
        ['江苏省工业和信息化厅']
        >>> len(kg.question("01", park="宿迁市软件园", designation="江苏省大数据产业园"))
        1
        >>> len(kg.question("01", park="江苏省"))  # no designation of Jiangsu in the article
        0
        >>> len(kg.question("13-posts", article="000_64b6559f5e865fa2"))  # an article by its id
        5
        >>> len(kg.question("15-government-bodies"))  # its file says: inference rdfs
        5
        >>> [str(row[0]) for row in kg.question("13-posts", limit=2, offset=1)]  # a page of the answer
        ['张先彦', '费新力']
        """
        question = self._find_question(name)
        assert question.path is not None
        from rdflib import URIRef
        from rdflib.term import Node

        from .questions import bind_question, read_question

        given: dict[str, Node | str] = {}
        for variable, value in bindings.items():
            if isinstance(value, (Entity, Match)):
                given[variable] = URIRef(value.iri)
            elif isinstance(value, (Node, str)):  # a str: a name, id or IRI of a node, or a literal's text
                given[variable] = value
            else:
                given[variable] = self._term(variable, value)
        chosen = inference if inference is not None else question.inference
        file = read_question(question.path)
        try:
            terms = bind_question(file, given, lambda q, b: self.query(q, bindings=b), scoped=scoped)
            mode = cast(Inference, chosen)
            return self.query(file.text, bindings=terms, inference=mode, limit=limit, offset=offset)
        except QueryError as error:
            if type(error) is not QueryError:  # a typed error (a binding, a parameter) says what it is
                raise
            raise QueryError(f"{question.path}: {error}") from None

    def _find_question(self, name: str) -> Question:
        questions = self.questions()
        stem = name[:-3] if name.endswith(".rq") else name
        found = [q for q in questions if q.name == stem] or [q for q in questions if q.name.startswith(stem)]
        if len(found) == 1:
            return found[0]
        names = [q.name for q in questions]
        if found:
            raise QueryError(f"question {name!r} is ambiguous: {', '.join(q.name for q in found)}")
        close = difflib.get_close_matches(stem, names, n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; the questions: {', '.join(names)}"
        raise QueryError(f"no question {name!r} in {self.project.root / _QUESTIONS}{hint}")

    def _term(self, name: str, value: object) -> Node:
        """A binding's value as an RDF term (see :meth:`query`)."""
        from rdflib import Literal as RdfLiteral
        from rdflib import URIRef
        from rdflib.term import Node

        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"cannot bind {name!r}: not a variable name")
        if isinstance(value, Node):
            return value
        if isinstance(value, (Entity, Match)):
            return URIRef(value.iri)
        if isinstance(value, _LITERAL_TYPES):
            return RdfLiteral(value)
        raise QueryError(
            f"cannot bind ?{name} to a {type(value).__name__}: give an rdflib term, an Entity, text, "
            "a number, a date or a bool"
        )

    def _closure(self, inference: str) -> tuple[rdflib.Graph, ox.Store]:
        if inference not in self._closed:
            from .query import oxigraph_store

            graph = with_inference(self.to_rdflib(), inference)  # type: ignore[arg-type]
            self._closed[inference] = (graph, oxigraph_store(graph))
        return self._closed[inference]

    # --- rdflib and networkx --------------------------------------------------------------------

    def _built_graph(self) -> BuiltGraph:
        if self._built is None:
            from .project import load_built

            path = self.project.graph_path("ttl")
            if not path.exists():
                raise GraphNotBuiltError(self.project.out_dir, f"no {path.name}")
            self._built = load_built(self.project)
        return self._built

    def to_rdflib(self, *, ontology: bool = True) -> rdflib.Graph:
        """The graph in rdflib: the data of every article and (``ontology``) the ontology, the graph
        ``parkgraph query`` runs on. Parsed on first use (about a second for the first article).

        >>> len(parkgraph.open().to_rdflib(ontology=False))
        4969
        """
        built = self._built_graph()
        if not ontology:
            return built.graph
        if self._combined is None:
            from rdflib import Graph

            combined = Graph()
            for prefix, namespace in built.graph.namespaces():
                combined.bind(prefix, namespace)
            combined += built.graph
            combined += built.ontology
            self._combined = combined
        return self._combined

    @property
    def model(self) -> GraphModel:
        """The entity-level model the networkx exports and the HTML views are made from."""
        if self._model is None:
            from .views import model_of

            self._model = model_of(self._built_graph())
        return self._model

    def to_networkx(self, *, ego: object = None, radius: int = 2) -> nx.MultiDiGraph:
        """The entity-level ``MultiDiGraph`` the build exports (``graph/parkgraph.graphml``; the contract
        is in docs/views.md), a copy: all of it, or with ``ego`` (an entity, its label or IRI) the nodes
        within ``radius`` edges of it in either direction.

        >>> g = parkgraph.open().to_networkx()
        >>> g.number_of_nodes(), g.number_of_edges()
        (172, 199)
        """
        import networkx as nx

        graph = self.model.graph
        if ego is None:
            return graph.copy()
        return nx.ego_graph(graph, self._node(ego), radius=radius, undirected=True)

    def show(self, *, ego: object = None, radius: int | None = None, height: int = 640) -> InlineView:
        """A view that Jupyter draws inline: the HTML views' page (same template, escaping and legend;
        no CDN, nothing fetched), of the whole graph or of ``ego``'s neighbourhood (``radius`` None: as
        its page in ``graph/views/`` has it; else every node within ``radius``).
        ``.save(path)`` writes it as a page.

        >>> view = parkgraph.open().show(ego="宿迁市软件园")
        >>> view.title, 'src="http' in view.html, "<script src=" in view.html
        ('宿迁市软件与服务外包产业园 的邻域', False, False)
        """
        from .views.inline import InlineView, inline_html, page_of

        focus = None if ego is None else self._node(ego)
        page = page_of(self.model, focus, radius)
        return InlineView(inline_html(self.model, focus=focus, radius=radius), page.title, height=height)

    # --- entities -------------------------------------------------------------------------------

    def _names_index(self) -> dict[str, tuple[Label, ...]]:
        """node → its labels (entities and concepts of the model), most preferred first."""
        if self._names is None:
            from rdflib import Literal as RdfLiteral
            from rdflib import URIRef

            from .views.model import curie

            graph, nodes = self._built_graph().graph, self.model.graph.nodes
            found: dict[str, list[tuple[int, Label]]] = {}
            for rank, predicate in enumerate(LABEL_PREDICATES):
                for subject, value in graph.subject_objects(URIRef(predicate)):
                    node = str(subject)
                    if isinstance(value, RdfLiteral) and node in nodes:
                        label = Label(str(value), value.language or "", curie(predicate))
                        found.setdefault(node, []).append((rank, label))
            self._names = {
                node: tuple(dict.fromkeys(label for _, label in sorted(labels, key=_label_order)))
                for node, labels in sorted(found.items())
            }
        return self._names

    def _node(self, name: object) -> str:
        """The model node ``name`` denotes: an Entity or Match, a node's IRI, or a label or alias."""
        from .articles import normalise_name

        if isinstance(name, (Entity, Match)):
            name = name.iri
        if not isinstance(name, str):
            raise TypeError(f"an entity is named by a str (label, alias or IRI), not {type(name).__name__}")
        nodes = self.model.graph.nodes
        if name in nodes:
            return name
        wanted = normalise_name(name)
        preferred: list[str] = []
        aliased: list[str] = []
        for node, labels in self._names_index().items():
            if nodes[node].get("kind") not in _LOOKUP_KINDS:
                continue
            hits = [label for label in labels if normalise_name(label.text) == wanted]
            if any(label.predicate != "skos:altLabel" for label in hits):
                preferred.append(node)
            elif hits:
                aliased.append(node)
        found = preferred or aliased
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousEntityError(name, tuple((str(nodes[n]["label"]), n) for n in found))
        raise UnknownEntityError(name, self._closest(name))

    def _closest(self, name: str, n: int = 5) -> tuple[str, ...]:
        """The labels nearest ``name``: those holding it or held in it, then difflib's closest."""
        from .articles import normalise_name

        wanted = normalise_name(name)
        labels: dict[str, str] = {}
        for node, names in self._names_index().items():
            if self.model.graph.nodes[node].get("kind") in _LOOKUP_KINDS:
                for label in names:
                    labels.setdefault(normalise_name(label.text), label.text)
        holding = {k for k in labels if wanted and (wanted in k or k in wanted)}
        candidates = holding | set(difflib.get_close_matches(wanted, sorted(labels), n=n, cutoff=0.3))

        def similarity(key: str) -> tuple[float, str]:
            return (-difflib.SequenceMatcher(None, wanted, key).ratio(), key)

        return tuple(labels[k] for k in sorted(candidates, key=similarity)[:n])

    def entity(self, name: object) -> Entity:
        """The entity (or concept) with this label or alias in any language, or this IRI: its types,
        labels, evidence, and the facts it takes part in with theirs.

        Labels are compared as the build resolves names (NFKC, case-folded, without spaces, middle dots
        or hyphens). Raises :class:`~parkgraph.errors.UnknownEntityError` naming the closest labels, or
        :class:`~parkgraph.errors.AmbiguousEntityError` when several entities have the name.

        >>> kg = parkgraph.open()
        >>> kg.entity("省工信厅").label
        '江苏省工业和信息化厅'
        >>> try:
        ...     kg.entity("宿迁软件园")
        ... except parkgraph.UnknownEntityError as error:
        ...     print(error.closest[:3])
        ('宿迁市软件园', '宿迁市软件园党委', '软件园')
        """
        node = self._node(name)
        m = self.model
        g = m.graph
        data = g.nodes[node]
        facts: list[Fact] = []
        for u, v, key in sorted(g.in_edges(node, keys=True)) + sorted(g.out_edges(node, keys=True)):
            inverse = v == node
            other = u if inverse else v
            facts.append(self._fact(node, other, key, inverse, m.edge_spans(u, v, key)))
        facts.sort(key=_fact_order)
        return Entity(
            iri=node,
            label=str(data["label"]),
            label_en=str(data.get("label_en", "")),
            kind=str(data.get("kind", "")),
            types=tuple(str(data.get("types", "")).split()),
            labels=self._names_index().get(node, ()),
            evidence=m.evidence.get(node, ()),
            facts=tuple(facts),
        )

    def _fact(self, node: str, other: str, key: str, inverse: bool, spans: tuple[EvidenceSpan, ...]) -> Fact:
        m = self.model
        g = m.graph
        data = g.nodes[other]
        details: list[tuple[str, str]] = []
        if data.get("kind") == "fact":
            kind = str(data.get("category", "fact"))
            details += [(kv.name_en or kv.name, kv.text) for kv in m.values.get(other, ()) if _shown(kv)]
            for _, target, predicate in sorted(g.out_edges(other, keys=True)):
                if target != node:
                    details.append((predicate, str(g.nodes[target]["label"])))
            spans = m.evidence.get(other, ()) or spans
        else:
            kind = "relation"
        return Fact(
            kind=kind,
            predicate=key,
            label=str(data["label"]),
            iri=other,
            inverse=inverse,
            details=tuple(details),
            evidence=spans,
        )

    def search(self, text: str, *, limit: int = 20) -> tuple[Match, ...]:
        """Entities and concepts with a label or alias holding ``text`` (any language, compared as
        :meth:`entity` compares), the exact matches first, then the shortest labels.

        >>> for match in parkgraph.open().search("数据中心")[:2]:
        ...     print(match.label, match.type, match.matched)
        京东云华东数据中心 pg:DataCentre 京东云华东数据中心
        全域旅游大数据中心 pg:Project 全域旅游大数据中心
        """
        from .articles import normalise_name

        wanted = normalise_name(text)
        if not wanted:
            return ()
        nodes = self.model.graph.nodes
        hits: list[tuple[tuple[int, int, str, str], Match]] = []
        for node, labels in self._names_index().items():
            data = nodes[node]
            if data.get("kind") not in _LOOKUP_KINDS:
                continue
            best: tuple[int, int, str] | None = None
            for label in labels:
                key = normalise_name(label.text)
                if wanted in key:
                    score = (0 if key == wanted else 1 if key.startswith(wanted) else 2, len(key), label.text)
                    best = score if best is None or score < best else best
            if best is not None:
                match = Match(
                    iri=node,
                    label=str(data["label"]),
                    label_en=str(data.get("label_en", "")),
                    type=str(data.get("type", "")),
                    kind=str(data.get("kind", "")),
                    matched=best[2],
                )
                hits.append(((*best[:2], match.label, node), match))
        hits.sort(key=lambda hit: hit[0])
        return tuple(match for _, match in hits[:limit])


def _label_order(item: tuple[int, Label]) -> tuple[int, int, str]:
    rank, label = item
    language = {"zh-hans": 0, "zh": 1, "": 2, "en": 3}.get(label.language.lower(), 4)
    return (rank, language, label.text)


_FACT_KINDS = {"event": 0, "statistic": 1, "claim": 2}


def _fact_order(fact: Fact) -> tuple[int, str, str, str]:
    return (
        _FACT_KINDS.get(fact.kind, 3 if fact.kind != "relation" else 4),
        fact.predicate,
        fact.label,
        fact.iri,
    )


def _shown(kv: KeyValue) -> bool:
    """Values worth a fact's details: its quantity and time (labels and CURIEs are elsewhere)."""
    return bool(kv.text) and kv.name_en in ("value", "time")


def _question(path: Path) -> Question:
    from .namespaces import XSD
    from .questions import read_question

    question = read_question(path)
    return Question(
        name=question.name,
        zh=question.zh,
        en=question.en,
        inference=question.inference,
        parameters={
            p.name: p.language or (p.datatype or "").replace(str(XSD), "xsd:")
            for p in question.parameters
            if p.literal
        },
        path=path,
        scoped_by=tuple(p.name for p in question.parameters if not p.literal),
    )
