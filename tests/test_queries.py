"""The competency questions in ``queries/*.rq``, run on rdflib and on Oxigraph, against hand-derived answers.

Every query is run on the built graph (``graph/parkgraph.ttl``) plus the ontology, closed under the
inference its ``# inference:`` header line names. Both engines must return the same rows in the same
order (every SELECT has an ORDER BY), and those rows must equal ``queries/expected/<name>.csv``, which
was written by reading the article and the annotation file, not by pasting query output.

Cells are compared as follows: IRIs by their full text; numeric literals by value (``Decimal``), so
``3645000000.0`` equals ``3645000000``; language-tagged literals by (text, lower-cased tag) between
engines and by text against the CSV; other literals by their lexical form; unbound as the empty string.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from parkgraph.errors import QueryError
from parkgraph.query import QueryResult, oxigraph_store, run_query, with_inference
from parkgraph.questions import bind_question, default_bindings, graph_asker, read_question
from parkgraph.sparql_text import paged
from parkgraph.vocabulary import load_ontology
from tests.conftest import is_number, require, term_key

ROOT = Path(__file__).resolve().parents[1]
QUERY_DIR = ROOT / "queries"
EXPECTED_DIR = QUERY_DIR / "expected"
GRAPH_FILE = ROOT / "graph" / "parkgraph.ttl"
VOID_FILE = ROOT / "graph" / "void.ttl"
QUERIES = sorted(QUERY_DIR.glob("*.rq"))
NAME = re.compile(r"^(?P<nn>\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.rq$")
INFERENCES = ("none", "rdfs", "owlrl")
DATA_BASE = "https://w3id.org/parkgraph/"
ONTOLOGY_NS = "https://w3id.org/parkgraph/ontology#"

#: The first article's answers, kept as tests: each question is generic (what it is about is a parameter),
#: and the test binds the parameters to the first article's entities, concepts and literals (by label, as a
#: user does: ``parkgraph query --bind designation=江苏省大数据产业园``), never pasted into the query text.
ALIAS_QUERY = "29-entity-by-alias"
ALIAS = Literal("省工信厅", lang="zh-Hans")
#: The corpus's one article is curated, so it has no extracted facts: tests/test_extract_build.py asks
#: query 41 of an extracted article.
EXTRACTED_QUERY = "41-extracted-facts"
PARAMETERS: dict[str, dict[str, Node | str]] = {
    "01-park-approval": {"designation": "江苏省大数据产业园"},
    "07-chain-summary": {"indicator": "企业数量"},
    "08-company-works": {"company": "风云动画"},
    "19-places-in-place": {"region": "江苏省"},
    "20-park-revenue": {"indicator": "主营业务收入"},
    "21-yoy-growth": {"indicator": "主营业务收入", "growthIndicator": "主营业务收入同比增长"},
    "25-place-figures": {"place": "江苏省", "indicator": "获批省大数据产业园数量"},
    "27-time-window": {"from": "2022-01-01", "to": "2022-06-30"},
    ALIAS_QUERY: {"alias": ALIAS},
    "30-company-listed": {"company": "诺唯赞生物", "board": "科创板"},
    "31-statement-evidence": {"subject": "诺唯赞生物", "predicate": "pg:listedOn", "object": "科创板"},
    EXTRACTED_QUERY: {"name": Literal("宿迁市软件与服务外包产业园", lang="zh-Hans")},
}
HOSTILE = '"x" } ; DROP ALL ; #'


def question_bindings(
    path: Path, graph: Graph, given: Mapping[str, Node | str] | None = None
) -> dict[str, Node]:
    """The bindings a question is asked with: ``given`` (default: :data:`PARAMETERS`), resolved as the tools
    resolve them (a label names its entity), plus its header's defaults for the rest (the first article,
    what it is about), found on ``graph``."""
    chosen = PARAMETERS.get(path.stem, {}) if given is None else given
    return bind_question(read_question(path), chosen, graph_asker(graph))


Row = tuple[Node | None, ...]


# --- reading the query files -----------------------------------------------------------------------------


def header(path: Path) -> dict[str, str]:
    """The ``# key: value`` lines of the comment block that opens a query file."""
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep and key.strip() and not key.startswith(" " * 2):
            fields.setdefault(key.strip(), value.strip())
    return fields


def inference_of(path: Path) -> str:
    return header(path).get("inference", "").split()[0] if header(path).get("inference") else ""


def read_expected(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows, f"{path}: empty; write the header row (the SELECT variables, or 'boolean' for an ASK)"
    return rows[0], rows[1:]


# --- comparing terms ---------------------------------------------------------------------------------------


def canonical_number(text: str) -> str:
    """``3645000000.0`` → ``3645000000``; ``1.0E9`` → ``1000000000``; ``103.380`` → ``103.38``."""
    value = Decimal(text.strip())
    return "0" if value == 0 else format(value.normalize(), "f")


def cell(term: Node | None) -> str:
    """A result term as the CSV writes it (numbers in canonical form)."""
    if term is None:
        return ""
    if is_number(term):
        return canonical_number(str(term))
    return str(term)


def expected_cell(text: str, actual: Node | None) -> str:
    """An expected cell, in canonical number form where the engine answered a number."""
    if is_number(actual):
        try:
            return canonical_number(text)
        except InvalidOperation:
            return text
    return text


# --- the graph, once per inference mode ---------------------------------------------------------------------


class Engines:
    """The data + ontology graph, closed under each inference mode on first use, and its Oxigraph store."""

    def __init__(self, base: Graph) -> None:
        self.base = base
        self.graphs: dict[str, Graph] = {}
        self.stores: dict[str, ox.Store] = {}

    def graph(self, inference: str) -> Graph:
        if inference not in self.graphs:
            closed = with_inference(self.base, inference)  # type: ignore[arg-type]
            if inference != "none":
                # owlrl also derives generalised triples (a literal as subject, e.g. "x" a rdfs:Literal):
                # not RDF, Oxigraph refuses to load them, and no query here asks for them.
                for triple in [t for t in closed if isinstance(t[0], Literal)]:
                    closed.remove(triple)
            self.graphs[inference] = closed
        return self.graphs[inference]

    def store(self, inference: str) -> ox.Store:
        if inference not in self.stores:
            self.stores[inference] = oxigraph_store(self.graph(inference))
        return self.stores[inference]

    def run(
        self, text: str, inference: str, engine: str, bindings: Mapping[str, Node] | None = None
    ) -> QueryResult:
        graph = self.graph(inference)
        store = self.store(inference) if engine == "oxigraph" else None
        return run_query(text, graph, engine=engine, bindings=bindings, store=store)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def engines() -> Engines:
    require(GRAPH_FILE.exists(), f"{GRAPH_FILE} is missing; run `python build_graph.py` first")
    base = Graph()
    base.parse(GRAPH_FILE, format="turtle")
    base += load_ontology(ROOT / "ontology")
    base.parse(VOID_FILE, format="turtle")  # the build's VoID description: the count questions read it
    return Engines(base)


@pytest.fixture(scope="module")
def answers(engines: Engines) -> Callable[[Path], tuple[QueryResult, QueryResult]]:
    """Both engines' results for a query file (with its header's inference and its parameters), cached."""
    cache: dict[Path, tuple[QueryResult, QueryResult]] = {}

    def get(path: Path) -> tuple[QueryResult, QueryResult]:
        if path not in cache:
            text = path.read_text(encoding="utf-8")
            inference = inference_of(path)
            bindings = question_bindings(path, engines.graph("none"))
            cache[path] = (
                engines.run(text, inference, "rdflib", bindings),
                engines.run(text, inference, "oxigraph", bindings),
            )
        return cache[path]

    return get


# --- the query files themselves -----------------------------------------------------------------------------


def test_there_are_enough_competency_questions() -> None:
    assert len(QUERIES) >= 25, f"only {len(QUERIES)} queries in {QUERY_DIR}"


def test_query_files_are_numbered_01_02_and_so_on() -> None:
    numbers = []
    for path in QUERIES:
        match = NAME.match(path.name)
        assert match, f"{path.name}: name it NN-short-name.rq (lower-case ASCII, hyphens)"
        numbers.append(int(match["nn"]))
    assert numbers == list(range(1, len(QUERIES) + 1)), "query numbers must run 01, 02, ... without gaps"


def test_every_query_has_an_expected_answer_and_vice_versa() -> None:
    queries = {p.stem for p in QUERIES}
    expected = {p.stem for p in EXPECTED_DIR.glob("*.csv")}
    assert queries - expected == set(), "queries without queries/expected/<name>.csv"
    assert expected - queries == set(), "expected answers without a query"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_header(path: Path) -> None:
    fields = header(path)
    for key in ("question (zh-Hans)", "question (en)", "inference", "covers"):
        assert fields.get(key), f"{path.name}: the opening comment needs a '# {key}: ...' line"
    assert re.search(r"[\u4e00-\u9fff]", fields["question (zh-Hans)"]), f"{path.name}: zh-Hans question"
    assert inference_of(path) in INFERENCES, f"{path.name}: '# inference:' must be one of {INFERENCES}"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_is_portable(path: Path) -> None:
    """The rules that keep one query text giving the same answer on every engine and every base IRI."""
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r"lang\s*\([^)]*\)\s*!?=", body, re.I), f"{path.name}: use langMatches()"
    if re.search(r"^\s*SELECT\b", body, re.I | re.M):
        assert re.search(r"\bORDER\s+BY\b", body, re.I), f"{path.name}: a SELECT needs ORDER BY"
    assert "GROUP_CONCAT" not in body.upper(), f"{path.name}: GROUP_CONCAT order is undefined"
    data_iris = [iri for iri in re.findall(r"<([^<>\s]*)>", body) if iri.startswith(DATA_BASE)]
    assert all(iri.startswith(ONTOLOGY_NS) for iri in data_iris), (
        f"{path.name}: find entities by label, not by data IRI ({data_iris})"
    )
    declared = set(re.findall(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?:", body, re.I | re.M))
    without_strings = re.sub(r'"[^"\n]*"|<[^<>\s]*>', " ", body)
    used = set(re.findall(r"(?<![\w?$:])([A-Za-z][\w-]*):(?=[A-Za-z_])", without_strings))
    assert used <= declared, f"{path.name}: undeclared prefixes {sorted(used - declared)}"


#: The only string constants a query body may hold: language tags (for langMatches), the empty string, the
#: UN/CEFACT code of a percentage, and the names 41 gives its kinds of fact. Nothing of one article.
ALLOWED_STRINGS = {"", "zh-Hans", "en", "P1", "statement", "statistic", "event", "designation"}


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_text_names_nothing_of_one_article(path: Path) -> None:
    """Every question is generic (issue 22): what it is about is a parameter, so no query text names an
    entity, a concept label or a literal of one article (the first article's answers are kept as tests,
    by binding its entities: :data:`PARAMETERS`)."""
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    without_iris = re.sub(r"<[^<>\s]*>", " ", body)
    strings = re.findall(r'"((?:[^"\\\n]|\\.)*)"(@[A-Za-z-]+|\^\^\S+)?', without_iris)
    assert not [s for s, suffix in strings if suffix], f"{path.name}: a tagged or typed literal: bind it"
    assert {s for s, _ in strings} <= ALLOWED_STRINGS, f"{path.name}: a literal in the text: bind it"
    assert not re.search(r"[\u3400-\u9fff]", body), f"{path.name}: Chinese text in the query: bind it"
    assert not re.search(r"(?<![\w:#/.-])(?:19|20)\d\d(?![\w-])", without_iris), f"{path.name}: a year"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_question_is_asked_of_a_park_in_general(path: Path) -> None:
    """The header's question, too, names no park, company or place of the first article."""
    fields = header(path)
    for name in ("宿迁", "风云", "诺唯赞", "江苏", "京东", "Suqian", "Vazyme", "Fengyun", "Jiangsu"):
        assert name not in fields["question (zh-Hans)"] + fields["question (en)"], f"{path.name}: {name}"


# --- running them -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_both_engines_agree(path: Path, answers: Callable[[Path], tuple[QueryResult, QueryResult]]) -> None:
    rdflib_result, oxigraph_result = answers(path)
    assert rdflib_result.boolean == oxigraph_result.boolean
    assert rdflib_result.variables == oxigraph_result.variables
    rdflib_rows = [tuple(term_key(t) for t in row) for row in rdflib_result.rows or []]
    oxigraph_rows = [tuple(term_key(t) for t in row) for row in oxigraph_result.rows or []]
    assert rdflib_rows == oxigraph_rows


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_answer_is_the_expected_one(
    path: Path, engine: str, answers: Callable[[Path], tuple[QueryResult, QueryResult]]
) -> None:
    result = answers(path)[0 if engine == "rdflib" else 1]
    head, rows = read_expected(EXPECTED_DIR / f"{path.stem}.csv")
    if result.boolean is not None:
        assert head == ["boolean"], f"{path.stem}.csv: an ASK's header is 'boolean'"
        assert rows == [["true" if result.boolean else "false"]]
        return
    assert head == list(result.variables), f"{path.stem}.csv: header must be the SELECT variables"
    actual = [[cell(term) for term in row] for row in result.rows or []]
    assert all(len(row) == len(head) for row in rows), f"{path.stem}.csv: ragged row"
    expected = [
        [expected_cell(text, term) for text, term in zip(row, actual_row, strict=True)]
        for row, actual_row in zip(rows, result.rows or [], strict=False)
    ] + rows[len(actual) :]
    assert actual == expected


@pytest.mark.parametrize("path", [p for p in QUERIES if inference_of(p) != "none"], ids=lambda p: p.stem)
def test_inference_is_what_answers_it(path: Path, engines: Engines) -> None:
    """A query that says it needs inference gets another answer without it (no subclass lists by hand)."""
    text = path.read_text(encoding="utf-8")
    bindings = question_bindings(path, engines.graph("none"))
    plain = engines.run(text, "none", "rdflib", bindings)
    _, rows = read_expected(EXPECTED_DIR / f"{path.stem}.csv")
    assert [[cell(t) for t in row] for row in plain.rows or []] != rows


# --- the parameterised query --------------------------------------------------------------------------------


def test_alias_query_takes_the_alias_as_a_parameter() -> None:
    path = QUERY_DIR / f"{ALIAS_QUERY}.rq"
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "?alias" in body
    assert str(ALIAS) not in body, "the alias must be bound, not pasted into the query"
    assert PARAMETERS[ALIAS_QUERY] == {"alias": ALIAS}


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_alias_query_depends_on_its_binding(engine: str, engines: Engines) -> None:
    text = (QUERY_DIR / f"{ALIAS_QUERY}.rq").read_text(encoding="utf-8")
    bound = engines.run(text, "none", engine, {"alias": ALIAS})
    unbound = engines.run(text, "none", engine)
    label = bound.variables.index("labelZh")
    assert [cell(row[label]) for row in bound.rows or []] == ["江苏省工业和信息化厅"]
    assert len(unbound.rows or []) > len(bound.rows or []), "without the binding every aliased entity matches"
    other = engines.run(text, "none", engine, {"alias": Literal("中央政治局", lang="zh-Hans")})
    assert [cell(row[label]) for row in other.rows or []] == ["中共中央政治局"]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize(
    "value", [Literal(HOSTILE), Literal(HOSTILE, lang="zh-Hans")], ids=["plain", "zh-Hans"]
)
def test_hostile_alias_is_just_a_value(engine: str, value: Literal, engines: Engines) -> None:
    text = (QUERY_DIR / f"{ALIAS_QUERY}.rq").read_text(encoding="utf-8")
    size = len(engines.graph("none")), len(engines.store("none"))
    result = engines.run(text, "none", engine, {"alias": value})
    assert result.rows == []
    assert (len(engines.graph("none")), len(engines.store("none"))) == size


# --- the README ---------------------------------------------------------------------------------------------


def test_readme_lists_every_query() -> None:
    readme = (QUERY_DIR / "README.md").read_text(encoding="utf-8")
    for path in QUERIES:
        assert f"`{path.name}`" in readme, f"queries/README.md: add a row for {path.name}"
        assert header(path)["question (en)"] in readme, f"queries/README.md: {path.name}'s question"


# --- parameters and pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_parameters_are_declared_used_and_defaulted(path: Path, engines: Engines) -> None:
    """Every ``# parameter:`` names a variable of the query, with a default the tools know (or none)."""
    question = read_question(path)
    body = "\n".join(line for line in question.text.splitlines() if not line.lstrip().startswith("#"))
    for parameter in question.parameters:
        used = re.search(rf"\?{parameter.name}\b", body)
        assert used, f"{path.name}: ?{parameter.name} is not in the query"
    bound = question_bindings(path, engines.graph("none"))
    for parameter in question.parameters:
        if parameter.default:
            assert parameter.name in bound, f"{path.name}: ?{parameter.name}'s default found nothing"


def test_plain_literal_parameter_is_not_read_as_language_plain(tmp_path: Path) -> None:
    """Regression: '# parameter: ?x — a plain literal' took "plain" for a language tag, and its default
    became "x"@plain; a zh-Hans literal parameter keeps its language when its default has none."""
    path = tmp_path / "q.rq"
    path.write_text(
        '# parameter: ?x — a plain literal; default: "x"\n'
        '# parameter: ?alias — a zh-Hans literal; default: "省\\"工"\n'
        "PREFIX schema: <https://schema.org/>\nSELECT ?x ?alias WHERE { }\n",
        encoding="utf-8",
    )
    question = read_question(path)
    assert [(p.name, p.language) for p in question.parameters] == [("x", ""), ("alias", "zh-Hans")]
    bound = default_bindings(question, {}, lambda text, bindings: pytest.fail("no query is needed"))
    assert bound == {"x": Literal("x"), "alias": Literal('省"工', lang="zh-Hans")}


def test_the_defaults_are_the_first_article_and_what_it_is_about(engines: Engines) -> None:
    bound = question_bindings(QUERY_DIR / "20-park-revenue.rq", engines.graph("none"), {})
    assert {k: str(v) for k, v in bound.items()} == {
        "article": f"{DATA_BASE}article/000_64b6559f5e865fa2",
        "park": f"{DATA_BASE}id/suqian-software-park",
    }


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_bound_park_scopes_the_question(engine: str, engines: Engines) -> None:
    """Another park than the default: the first article says nothing of its approval."""
    path = QUERY_DIR / "01-park-approval.rq"
    zone = next(iter(engines.graph("none").subjects(None, Literal("湖滨新区", lang="zh-Hans"))), None)
    assert zone is not None
    bindings = question_bindings(path, engines.graph("none"), {"park": zone})
    assert engines.run(path.read_text(encoding="utf-8"), "none", engine, bindings).rows == []


@pytest.mark.parametrize("path", [p for p in QUERIES if "SELECT" in p.read_text(encoding="utf-8")],
                         ids=lambda p: p.stem)
def test_pages_are_slices_of_the_whole_answer(path: Path, engines: Engines) -> None:
    """``--limit`` / ``--offset`` give the rows of the ORDER BY's order, page by page, on both engines."""
    text, inference = path.read_text(encoding="utf-8"), inference_of(path)
    bindings = question_bindings(path, engines.graph("none"))
    for engine in ("rdflib", "oxigraph"):
        whole = engines.run(text, inference, engine, bindings).rows or []
        size = max(2, len(whole) // 3 + 1)
        pages = []
        for offset in range(0, len(whole) + size, size):
            pages += engines.run(paged(text, size, offset), inference, engine, bindings).rows or []
        assert [tuple(map(term_key, r)) for r in pages] == [tuple(map(term_key, r)) for r in whole], engine


def test_bindings_reach_the_nested_groups_that_use_them_and_nothing_else() -> None:
    """Regression: Oxigraph 0.5 evaluates an OPTIONAL of several patterns on its own, so a question bound
    to one article still read the whole corpus inside it (25 on 1k articles: 387 ms instead of 11)."""
    from parkgraph.sparql_text import with_values

    query = """SELECT ?x WHERE {
  VALUES ?kind { "a" "{ ?article" }
  ?x ?p ?article .
  OPTIONAL { ?x ?q ?y . ?y ?r ?article }
  OPTIONAL { ?x ?q ?z }
  { SELECT ?x WHERE { ?x ?s ?article } }
  { SELECT ?x ?article WHERE { ?x ?t ?article } }
  FILTER NOT EXISTS { ?article ?u ?x }
}"""
    article = URIRef(f"{DATA_BASE}article/a")
    bound = with_values(query, {"article": article})
    block = f"VALUES (?article) {{ (<{article}>) }}"
    assert bound.count(block) == 4  # the WHERE group, the first OPTIONAL, the projecting sub-select, EXISTS
    assert 'VALUES ?kind { "a" "{ ?article" }' in bound  # a VALUES block's rows and strings are data
    assert "{ SELECT ?x WHERE { ?x ?s ?article } }" in bound  # ?article there is another variable
    assert "OPTIONAL { ?x ?q ?z }" in bound


def test_pages_narrow_an_existing_limit_and_refuse_an_ask() -> None:
    assert paged("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 10", 4, 8).endswith("LIMIT 2 OFFSET 8")
    assert paged("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s", None, 5).endswith("\nOFFSET 5")
    with pytest.raises(QueryError, match="ASK"):
        paged("ASK { ?s ?p ?o }", 1)
    with pytest.raises(QueryError, match="whole numbers"):
        paged("SELECT * WHERE { ?s ?p ?o }", -1)


def test_the_cli_binds_defaults_pages_and_leaves_unscoped(capsys: pytest.CaptureFixture[str]) -> None:
    from parkgraph.cli import main

    query = str(QUERY_DIR / "13-posts.rq")
    assert main(["--project", str(ROOT), "query", "-f", "csv", query]) == 0
    whole = capsys.readouterr().out.splitlines()
    assert main(["--project", str(ROOT), "query", "-f", "csv", "--limit", "2", "--offset", "1", query]) == 0
    assert capsys.readouterr().out.splitlines() == [whole[0], *whole[2:4]]
    assert main(["--project", str(ROOT), "query", "-f", "csv", "--unscoped", query]) == 0
    assert capsys.readouterr().out.splitlines() == whole  # one article: the corpus-wide answer is the same
    other = f"article=<{DATA_BASE}article/none>"
    assert main(["--project", str(ROOT), "query", "-f", "csv", "--bind", other, query]) == 0
    assert capsys.readouterr().out.splitlines() == whole[:1]
    hostile = f"article=<{DATA_BASE}article/a> }} ; DROP ALL ; <x>"
    assert main(["--project", str(ROOT), "query", "--bind", hostile, query]) == 1
    assert "not a valid IRI" in capsys.readouterr().err
