"""The Python API (parkgraph.api, issue 14): cheap to import, its doctests and the example notebook run on
a fresh build, typed DataFrames, bound values, entities with evidence, the exported networkx graph, an
offline inline view, typed errors."""

from __future__ import annotations

import datetime as dt
import doctest
import html
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

import parkgraph
from parkgraph import api, frames
from parkgraph.cli import main
from parkgraph.errors import (
    AmbiguousEntityError,
    GraphNotBuiltError,
    ParkgraphError,
    QueryError,
    UnknownEntityError,
)
from parkgraph.views import inline
from parkgraph.views.export import read_graph

from .conftest import ROOT, copy_project, make_fixture_project, require
from .test_views import XSS_ALT, XSS_IMG, XSS_SCRIPT, hostile_model
from .test_views_browser import browser  # noqa: F401  (the fixture)

PARK = "https://w3id.org/parkgraph/id/suqian-software-park"
NOTEBOOK = ROOT / "docs" / "explore.ipynb"
#: What `import parkgraph` must not import (each costs tens to hundreds of milliseconds).
HEAVY = ("rdflib", "pyoxigraph", "networkx", "pyvis", "pandas", "IPython", "jinja2", "yaml", "parkgraph.api")


@pytest.fixture(scope="module")
def project_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private, fixed project (tests/data/project: the first article, whatever the user's corpus/ holds)
    with the repository's ontology and queries, built into its graph/: what the API's examples show."""
    return make_fixture_project(tmp_path_factory.mktemp("api-project"))


@pytest.fixture(scope="module")
def kg(project_dir: Path) -> api.KnowledgeGraph:
    return parkgraph.open(project_dir)


# --- import cost ------------------------------------------------------------------------------------


def test_import_parkgraph_loads_none_of_the_heavy_modules() -> None:
    code = (
        "import sys, parkgraph; "
        f"print([m for m in {HEAVY!r} if m in sys.modules]); "
        "parkgraph.QueryError; parkgraph.ParkgraphError; "
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "[]"], done.stdout


def test_import_time_is_measured_and_small() -> None:
    """``python -X importtime``: parkgraph's own cumulative time (a few ms; rdflib alone is ~300 ms)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import parkgraph"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split("|") for line in done.stderr.splitlines() if line.strip().endswith("| parkgraph")]
    assert rows, done.stderr
    cumulative_us = int(rows[-1][1])
    assert cumulative_us < 100_000, f"import parkgraph took {cumulative_us} µs"


def test_the_api_loads_on_first_use_and_build_stays_a_callable_module() -> None:
    assert parkgraph.open is api.open and parkgraph.KnowledgeGraph is api.KnowledgeGraph
    assert parkgraph.build is sys.modules["parkgraph.build"] and callable(parkgraph.build)
    from parkgraph import build as build_module

    assert build_module.Project is not None  # `from parkgraph import build` is still the module
    with pytest.raises(AttributeError):
        parkgraph.no_such_name  # noqa: B018


# --- doctests and the notebook -----------------------------------------------------------------------


def test_the_api_doctests_pass_on_a_fresh_build(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_dir)  # the examples open the project they run in
    names = {"parkgraph": parkgraph}  # as conftest.py gives pytest's doctests: api must not import it
    for module in (api, parkgraph, frames):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, extraglobs=names)
        assert result.failed == 0, f"{module.__name__}: {result}"
    assert doctest.testmod(api, extraglobs=names).attempted >= 40  # every public function has examples


def test_the_examples_run_on_the_fixed_project_not_the_users_corpus(project_dir: Path) -> None:
    """Issue 22: after a user added one article to corpus/, 7 doctests failed (``Expected: (4969, 80) Got:
    (7644, 113)``). The examples' project holds the fixed inputs of tests/data/project, whatever corpus/
    holds; pytest's own doctests run there too (conftest.py)."""
    fixed = ROOT / "tests" / "data" / "project" / "corpus"
    used = sorted(p.name for p in (project_dir / "corpus").iterdir())
    assert used == sorted(p.name for p in fixed.iterdir()) == ["000_64b6559f5e865fa2.txt"]


def test_every_public_function_of_the_api_has_an_example() -> None:
    missing = []
    for name in api.__all__:
        target = getattr(api, name)
        members = [target] + [
            member
            for attr, member in vars(target).items()
            if isinstance(target, type) and not attr.startswith("_") and callable(member)
        ]
        for member in members:
            doc = getattr(member, "__doc__", "") or ""
            if member.__module__ == "parkgraph.api" and ">>>" not in doc and not isinstance(member, type):
                missing.append(f"{name}.{getattr(member, '__name__', '?')}")
    assert not missing, missing


def test_the_notebook_is_committed_without_outputs() -> None:
    data = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in data["cells"] if cell["cell_type"] == "code"]
    assert code and all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)


def test_the_notebook_runs_on_a_fresh_build(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require(
        all(importlib.util.find_spec(m) for m in ("nbclient", "nbformat", "ipykernel")),
        "the notebook test needs nbclient, nbformat and ipykernel (pip install -e '.[test]')",
    )
    import nbformat
    from jupyter_client.kernelspec import find_kernel_specs
    from nbclient import NotebookClient

    require(
        "python3" in find_kernel_specs(), "no python3 Jupyter kernel (python -m ipykernel install --user)"
    )
    docs = project_dir / "docs"
    docs.mkdir(exist_ok=True)
    shutil.copy(NOTEBOOK, docs / NOTEBOOK.name)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    notebook = nbformat.read(docs / NOTEBOOK.name, as_version=4)
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(docs)}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    views = [
        o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {}) and "srcdoc" in str(o)
    ]
    assert len(views) == 1 and "宿迁市软件与服务外包产业园" in html.unescape(views[0])
    assert not re.search(r"<script[^>]+src=", html.unescape(views[0]))
    shown = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "今年上半年,实现主营业务收入36.45亿元" in shown and "datetime64[ns]" in shown


# --- opening and errors ------------------------------------------------------------------------------


def test_open_with_no_build_says_to_run_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    with pytest.raises(GraphNotBuiltError) as raised:
        parkgraph.open(tmp_path)
    message = str(raised.value)
    assert str(project.out_dir) in message and "parkgraph build" in message and "build_graph.py" in message
    with pytest.raises(GraphNotBuiltError):
        parkgraph.open(tmp_path, backend="store")
    assert isinstance(raised.value, ParkgraphError)


def test_the_store_and_the_files_give_the_same_answers(kg: api.KnowledgeGraph, project_dir: Path) -> None:
    assert kg.backend == "store"  # the build left its store up to date
    files = parkgraph.open(project_dir, backend="files")
    assert files.backend == "files"
    asked = 0
    for question in kg.questions():
        if question.inference == "none":
            assert kg.question(question.name).row_set() == files.question(question.name).row_set(), question
            assert len(kg.question(question.name, scoped=False)) >= len(kg.question(question.name)), question
            asked += 1
    assert asked >= 30


def test_questions_by_name_and_unknown_names(kg: api.KnowledgeGraph) -> None:
    assert len(kg.questions()) == len(list((ROOT / "queries").glob("*.rq")))
    assert kg.question("20-park-revenue.rq") == kg.question("20")
    with pytest.raises(QueryError, match="did you mean 01-park-approval"):
        kg.question("01-park-aproval")
    with pytest.raises(QueryError, match="ambiguous"):
        kg.question("0")


def test_the_cli_query_runs_through_the_api(project_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--bind`` of a variable the query does not project (01's ?park) now works on Oxigraph too."""
    query = str(project_dir / "queries" / "01-park-approval.rq")
    for extra in ([], ["--store"]):
        assert main(["--project", str(project_dir), "query", *extra, "--bind", f"park=<{PARK}>", query]) == 0
        assert "江苏省工业和信息化厅" in capsys.readouterr().out
        other = "park=<https://w3id.org/parkgraph/id/jiangsu>"
        assert main(["--project", str(project_dir), "query", *extra, "--bind", other, query]) == 0
        assert "(0 rows)" in capsys.readouterr().out


# --- bindings ----------------------------------------------------------------------------------------

HOSTILE = '宿迁市软件园" } ; DELETE WHERE { ?s ?p ?o } #\n<x> '


@pytest.mark.parametrize("projected", [True, False])
def test_bound_text_is_data_never_query_text(kg: api.KnowledgeGraph, projected: bool) -> None:
    select = "?e ?label" if projected else "?e"
    query = f"SELECT {select} WHERE {{ ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?label }}"
    assert len(kg.query(query, bindings={"label": Literal(HOSTILE, lang="zh-Hans")})) == 0
    found = kg.query(query, bindings={"label": Literal("宿迁市软件园", lang="zh-Hans")})
    assert [str(row[0]) for row in found] == [PARK]
    with pytest.raises(QueryError, match="not a variable name"):
        kg.query(query, bindings={"label}": "x"})


def test_a_question_takes_its_article_by_id_iri_or_uriref(kg: api.KnowledgeGraph) -> None:
    """Issue 22: every form raised UnknownEntityError (a URIRef is a str, and was looked up as a label)."""
    first = "000_64b6559f5e865fa2"
    iri = f"https://w3id.org/parkgraph/article/{first}"
    expected = kg.question("13-posts").rows
    assert expected
    for article in (first, iri, URIRef(iri)):
        assert kg.question("13-posts", article=article).rows == expected, article


def test_a_question_refuses_an_unknown_parameter_article_or_label(kg: api.KnowledgeGraph) -> None:
    from parkgraph.errors import UnknownArticleError, UnknownParameterError

    with pytest.raises(UnknownParameterError, match=r"\?nosuchvar"):
        kg.question("13-posts", nosuchvar="1")
    with pytest.raises(UnknownArticleError, match="000_64b6559f5e865fa2"):
        kg.question("13-posts", article="000_64b6559f5e865fa3")
    with pytest.raises(UnknownEntityError, match="cannot bind \\?park"):
        kg.question("01", park="青岚高新区")
    with pytest.raises(UnknownParameterError):
        kg.query("SELECT ?x WHERE { ?x ?p ?o }", bindings={"y": 1})


def test_bindings_of_python_values_entities_and_question_parameters(kg: api.KnowledgeGraph) -> None:
    park = kg.entity("软件园")
    query = "SELECT ?x ?y WHERE { BIND(?a AS ?x) BIND(?b AS ?y) }"
    row = kg.query(query, bindings={"a": park, "b": 3}).rows
    assert row == [(URIRef(PARK), Literal(3))]
    english = "Suqian Software and Service Outsourcing Industrial Park"
    assert kg.question("01", park=park).rows == kg.question("01", park=english).rows == kg.question("01").rows
    with pytest.raises(UnknownEntityError):
        kg.question("01", park="宿迁软件公园")
    # the parameter of 29 is a zh-Hans literal: a str binds as one
    assert (
        kg.question("29", alias="省工信厅").rows
        == kg.query(
            (ROOT / "queries" / "29-entity-by-alias.rq").read_text(encoding="utf-8"),
            bindings={"alias": Literal("省工信厅", lang="zh-Hans")},
        ).rows
    )


def test_inference_and_engines(kg: api.KnowledgeGraph) -> None:
    text = (ROOT / "queries" / "15-government-bodies.rq").read_text(encoding="utf-8")
    plain = kg.query(text)
    rdfs = kg.query(text, inference="rdfs")
    assert len(rdfs) == 5 and len(plain) < len(rdfs)
    assert kg.query(text, inference="rdfs", engine="rdflib").row_set() == rdfs.row_set()
    assert kg.question("15-government-bodies").row_set() == rdfs.row_set()
    with pytest.raises(QueryError, match="inference"):
        kg.query(text, inference="owl")  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="line 1, column"):
        kg.query("SELECT ?x WHERE { ?x ?y }")


# --- DataFrames --------------------------------------------------------------------------------------


def test_to_pandas_types_each_kind_of_column() -> None:
    pd = pytest.importorskip("pandas")
    when = dt.datetime(2022, 9, 3, 17, 59, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    rows = [
        (
            Literal(12),
            Literal(Decimal("36.45")),
            Literal(dt.date(2022, 1, 1)),
            Literal(when),
            Literal("2022", datatype=XSD.gYear),
            Literal("宿迁市软件园", lang="zh-Hans"),
            URIRef(PARK),
            Literal(True),
            Literal(1),
        ),
        (None, Literal(1.5e3), None, None, None, Literal("plain"), None, None, Literal("one", lang="en")),
    ]
    names = ("n", "x", "date", "stamp", "year", "text", "iri", "flag", "mixed")
    frame = api.QueryResults(variables=names, rows=rows).to_pandas()
    dtypes = {name: str(frame[name].dtype) for name in names}
    assert dtypes == {
        "n": "Int64",
        "x": "Float64",
        "date": "datetime64[ns]",
        "stamp": "datetime64[ns, UTC+08:00]",
        "year": "period[Y-DEC]",
        "text": "string",
        "iri": "string",
        "flag": "boolean",
        "mixed": "object",
    }
    assert frame["n"][0] == 12 and frame["n"].isna()[1]
    assert frame["x"].tolist() == [36.45, 1500.0]
    assert frame["date"][0] == pd.Timestamp("2022-01-01") and pd.isna(frame["date"][1])
    assert frame["stamp"][0].hour == 17 and frame["year"][0].year == 2022
    assert frame["text"].tolist() == ["宿迁市软件园", "plain"] and frame["iri"][0] == PARK
    assert frame["mixed"].tolist() == [1, "one"]
    several = api.QueryResults(
        variables=("t",), rows=[(Literal(when),), (Literal(dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc)),)]
    ).to_pandas()
    assert str(several["t"].dtype) == "datetime64[ns, UTC]"  # several offsets: in UTC
    empty = api.QueryResults(variables=("a", "b"), rows=[]).to_pandas()
    assert list(empty.columns) == ["a", "b"] and len(empty) == 0


def test_to_pandas_of_a_real_query_ask_and_construct(kg: api.KnowledgeGraph) -> None:
    pytest.importorskip("pandas")
    frame = kg.question("20-park-revenue").to_pandas()
    assert frame["value"][0] == 3645000000 and str(frame["start"].dtype) == "Int64"
    assert str(frame["spanMatches"].dtype) == "boolean" and bool(frame["spanMatches"][0])
    ask = kg.query("ASK { ?s a <https://schema.org/NewsArticle> }")
    assert bool(ask) and ask.to_pandas()["boolean"].tolist() == [True]
    construct = kg.query(f"CONSTRUCT {{ <{PARK}> ?p ?o }} WHERE {{ <{PARK}> ?p ?o }}")
    triples = construct.to_pandas()
    assert list(triples.columns) == ["subject", "predicate", "object"] and len(triples) == len(construct)


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(ImportError, match=re.escape("pip install 'parkgraph[notebook]'")):
        api.QueryResults(variables=("a",), rows=[]).to_pandas()


def test_to_rdflib_gives_rdflib_results(kg: api.KnowledgeGraph) -> None:
    result = kg.question("12-key-industries").to_rdflib()
    assert result.type == "SELECT" and len(result) == 5
    assert all(isinstance(row[0], Literal) for row in result)
    ask = kg.query("ASK { ?s ?p ?o }").to_rdflib()
    assert ask.type == "ASK" and ask.askAnswer is True
    graph = kg.query(f"CONSTRUCT {{ <{PARK}> ?p ?o }} WHERE {{ <{PARK}> ?p ?o }}").to_rdflib()
    assert isinstance(graph, Graph) and (URIRef(PARK), None, None) in graph
    assert len(kg.to_rdflib(ontology=False)) == 4969 and len(kg.to_rdflib()) > 4969


def test_results_show_as_the_cli_table_and_as_escaped_html() -> None:
    result = api.QueryResults(variables=("x",), rows=[(Literal(XSS_IMG),), (None,)])
    assert repr(result).splitlines()[0] == "x" and "(2 rows)" in repr(result)
    page = result._repr_html_()
    assert XSS_IMG not in page and html.escape(XSS_IMG) in page


# --- entities and search -----------------------------------------------------------------------------


def test_an_entity_by_label_alias_english_label_and_iri(kg: api.KnowledgeGraph) -> None:
    names = (
        "宿迁市软件与服务外包产业园",
        "宿迁市软件园",
        "软件园",
        "Suqian Software and Service Outsourcing Industrial Park",
    )
    found = {kg.entity(name).iri for name in (*names, " 宿迁市 软件园 ", PARK)}
    assert found == {PARK}
    park = kg.entity("宿迁市软件园")
    assert park.types == ("pg:IndustrialPark",) and park.kind == "entity"
    assert {(label.text, label.language) for label in park.labels} >= {
        ("宿迁市软件与服务外包产业园", "zh-Hans"),
        ("Suqian Software and Service Outsourcing Industrial Park", "en"),
        ("宿迁市软件园", "zh-Hans"),
    }
    assert kg.entity(park) == park and kg.entity(kg.search("软件园")[0]).iri == PARK


def test_every_fact_of_an_entity_has_evidence_that_is_the_article_text(kg: api.KnowledgeGraph) -> None:
    text = str(next(kg.to_rdflib().objects(None, URIRef("https://schema.org/text"))))
    park = kg.entity("宿迁市软件园")
    kinds = {fact.kind for fact in park.facts}
    assert {"event", "statistic", "claim", "relation"} <= kinds
    for fact in park.facts:
        assert fact.evidence, fact
        for span in fact.evidence:
            assert text[span.start : span.end] == span.exact and span.exact in span.sentence
    revenue = next(f for f in park.facts if f.label == "宿迁市软件园2022年上半年主营业务收入")
    assert ("value", "36.45亿元（3,645,000,000 CNY）") in revenue.details
    assert revenue.inverse and revenue.predicate == "schema:observationAbout"
    person = kg.entity("费新力")
    assert any(f.predicate == "org:holds" and f.label == "宿迁市软件园党委书记" for f in person.facts)


def test_entity_to_pandas_has_a_row_per_fact_and_span(kg: api.KnowledgeGraph) -> None:
    pytest.importorskip("pandas")
    park = kg.entity("宿迁市软件园")
    frame = park.to_pandas()
    assert len(frame) == sum(max(1, len(f.evidence)) for f in park.facts)
    assert str(frame["start"].dtype) == "Int64" and str(frame["exact"].dtype) == "string"


def test_unknown_and_ambiguous_names(kg: api.KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UnknownEntityError) as raised:
        kg.entity("宿迁软件园")
    assert raised.value.closest[0] == "宿迁市软件园" and "宿迁市软件园" in str(raised.value)
    assert isinstance(raised.value, LookupError)
    with pytest.raises(UnknownEntityError, match="no label is close"):
        kg.entity("zzzzzzzzzzzzzzzzzzzz")
    with pytest.raises(TypeError):
        kg.entity(42)
    twin = "https://w3id.org/parkgraph/id/suqian"
    names = dict(kg._names_index())
    names[twin] = (*names[twin], api.Label("软件园", "zh-Hans", "skos:altLabel"))
    monkeypatch.setattr(kg, "_names", names)
    with pytest.raises(AmbiguousEntityError) as ambiguous:
        kg.entity("软件园")
    assert {iri for _, iri in ambiguous.value.candidates} == {PARK, twin}
    assert kg.entity("宿迁市软件园").iri == PARK  # an alias of one only


def test_search_any_language_exact_first(kg: api.KnowledgeGraph) -> None:
    hits = kg.search("数据中心")
    assert [hit.label for hit in hits[:2]] == ["京东云华东数据中心", "全域旅游大数据中心"]
    assert all("数据中心" in hit.matched for hit in hits)
    assert kg.search("jd cloud")[0].label_en.startswith("JD Cloud")
    assert kg.search("省工信厅")[0].label == "江苏省工业和信息化厅"
    assert kg.search("") == () and len(kg.search("园", limit=3)) == 3


# --- networkx and the inline view --------------------------------------------------------------------


def test_to_networkx_is_the_graph_the_build_exports(kg: api.KnowledgeGraph, project_dir: Path) -> None:
    exported = read_graph(str(project_dir / "graph" / "parkgraph.nodelink.json"), "json")
    graph = kg.to_networkx()
    assert dict(graph.nodes(data=True)) == dict(exported.nodes(data=True))
    assert sorted(graph.edges(keys=True)) == sorted(exported.edges(keys=True))
    graph.remove_node(PARK)  # a copy: the KnowledgeGraph's own is untouched
    assert PARK in kg.to_networkx()


def test_to_networkx_around_an_entity(kg: api.KnowledgeGraph) -> None:
    import networkx as nx

    one = kg.to_networkx(ego="宿迁市软件园", radius=1)
    two = kg.to_networkx(ego=PARK)
    full = kg.to_networkx().to_undirected(as_view=True)
    assert set(one) == {PARK, *full.adj[PARK]}
    assert set(two) == set(nx.single_source_shortest_path_length(full, PARK, cutoff=2))
    assert one.graph["name"] == "parkgraph"


def test_show_is_offline_escaped_and_the_views_template(kg: api.KnowledgeGraph, ontology: Graph) -> None:
    view = kg.show(ego="宿迁市软件园")
    page = view.html
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2 and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert all(inline._digest(s) in csp for s in scripts)  # each inlined script allowed by its digest
    assert 'id="pg-data"' in page and "pg-legend" in page  # the views' page
    frame = view._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in frame
    assert html.unescape(frame.split('srcdoc="', 1)[1].split('" title=', 1)[0]) == page
    assert kg.show().title == "总览" and kg.show(ego=PARK, radius=1).html.count('"focus":') == 1

    hostile = hostile_model(ontology)
    focus = next(n for n, d in hostile.graph.nodes(data=True) if d["label"] == XSS_SCRIPT)
    page = inline.inline_html(hostile, focus=focus)
    for attack in (XSS_IMG, XSS_SCRIPT, XSS_ALT):
        assert attack not in page
    assert page.count("</script>") == 3  # the JSON block and the two scripts: the label closed none


def test_show_draws_in_a_browser_with_no_request(kg: api.KnowledgeGraph, browser, tmp_path: Path) -> None:  # noqa: F811
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body>{kg.show(ego=PARK)._repr_html_()}</body></html>", "utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(host.as_uri())
        frame = page.frames[1]
        frame.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
        nodes = frame.evaluate("parkgraph.network.body.data.nodes.length")
        focus = frame.evaluate("document.getElementById('pg-details').textContent")
    finally:
        context.close()
    assert not problems and requests == [host.as_uri()]
    assert nodes > 10 and "宿迁市软件与服务外包产业园" in focus and "打开邻域视图" not in focus


def test_saved_view_is_a_page(kg: api.KnowledgeGraph, tmp_path: Path) -> None:
    path = kg.show(ego=PARK).save(tmp_path / "park.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_values_of_unknown_types_cannot_be_bound(kg: api.KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="blank node"):  # a VALUES block cannot hold one
        kg.query("SELECT ?x WHERE { BIND(?a AS ?x) }", bindings={"a": BNode()})
    with pytest.raises(QueryError, match="cannot bind"):
        kg.query("SELECT ?x WHERE { BIND(?a AS ?x) }", bindings={"a": object()})


def test_the_readme_api_lines_run(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In Python", 1)[1]
    code = re.search(r"```python\n(.*?)\n```", section, re.S).group(1)  # type: ignore[union-attr]
    assert len(code.splitlines()) == 5 and readme.index("```sh") < readme.index("## In Python")
    monkeypatch.chdir(project_dir)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert isinstance(namespace["kg"], api.KnowledgeGraph)
