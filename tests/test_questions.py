"""Binding a question's parameters (``parkgraph.questions.bind_question``), on a small graph written here:
an entity parameter takes an IRI, a label or an alias; a label several entities share is an error listing
them, one none has an error with the closest labels; an unknown parameter is an error; ``?article`` takes
an id or an IRI and, bound alone, scopes the other defaults to that article.

The graph is fictional (two articles, two parks, a company): no text of a real page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from parkgraph.errors import (
    AmbiguousEntityError,
    BindingError,
    QueryError,
    UnknownArticleError,
    UnknownEntityError,
    UnknownParameterError,
)
from parkgraph.questions import bind_question, graph_asker, parse_question

BASE = "https://w3id.org/parkgraph/"
A1, A2 = URIRef(f"{BASE}article/001_first"), URIRef(f"{BASE}article/002_second")
QINGLAN = URIRef(f"{BASE}id/qinglan-hi-tech-zone")
SONGHE = URIRef(f"{BASE}id/songhe-park")
LANTU = URIRef(f"{BASE}id/lantu-robotics")
LANTU_TWIN = URIRef(f"{BASE}id/lantu-robotics-group")
REVENUE = URIRef(f"{BASE}concept/indicators/revenue")

TURTLE = f"""
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix pg: <https://w3id.org/parkgraph/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .

<{A1}> a schema:NewsArticle ; schema:identifier "001_first" ; schema:mentions <{QINGLAN}> , <{LANTU}> ,
    <{LANTU_TWIN}> .
<{A2}> a schema:NewsArticle ; schema:identifier "002_second" ; schema:mentions <{SONGHE}> , <{LANTU}> .
<{QINGLAN}> a pg:DevelopmentZone ; skos:prefLabel "青岚高新区"@zh-Hans , "Qinglan Hi-tech Zone"@en ;
    skos:altLabel "青岚高新技术产业开发区"@zh-Hans ; pg:evidence <{BASE}ev/1> .
<{SONGHE}> a pg:IndustrialPark ; skos:prefLabel "松禾产业园"@zh-Hans ;
    pg:evidence <{BASE}ev/2> , <{BASE}ev/3> .
<{BASE}ev/1> oa:hasSource <{A1}> .
<{BASE}ev/2> oa:hasSource <{A2}> .
<{BASE}ev/3> oa:hasSource <{A2}> .
<{LANTU}> skos:prefLabel "蓝图机器人"@zh-Hans ; skos:altLabel "蓝图"@zh-Hans .
<{LANTU_TWIN}> skos:prefLabel "蓝图机器人集团"@zh-Hans ; skos:altLabel "蓝图"@zh-Hans .
<{REVENUE}> a skos:Concept ; skos:prefLabel "营业收入"@zh-Hans .
"""

QUESTION = """# question (zh-Hans): 某园区的某企业？
# question (en): A park's company?
# inference: none
# parameter: ?article — the article (its id or IRI); default: the first article
# parameter: ?park — the park (an IRI, or any of its labels or aliases); default: what ?article is about
# parameter: ?company — the company (an IRI, or any of its labels or aliases); no default: any
# parameter: ?indicator — the indicator (a concept: an IRI or a label); no default: any
# parameter: ?from — an xsd:date literal, the first day; no default: none
# parameter: ?alias — a zh-Hans literal, an alias; no default: any

PREFIX schema: <https://schema.org/>
SELECT ?article ?park ?company ?indicator ?from ?alias WHERE { ?article schema:mentions ?park , ?company }
ORDER BY ?park
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    data = Graph()
    data.parse(data=TURTLE, format="turtle")
    return data


def bind(graph: Graph, **given: object) -> dict[str, object]:
    question = parse_question(QUESTION, Path("q.rq"))
    return dict(bind_question(question, given, graph_asker(graph)))  # type: ignore[arg-type]


def test_defaults_are_the_first_article_and_the_zone_it_names_most(graph: Graph) -> None:
    assert bind(graph) == {"article": A1, "park": QINGLAN}


NAMES = ["青岚高新区", "Qinglan Hi-tech Zone", "qinglan hi-tech zone", "青岚高新技术产业开发区", str(QINGLAN)]


@pytest.mark.parametrize("value", [*NAMES, QINGLAN, Literal("青岚高新区", lang="zh-Hans")])
def test_an_entity_parameter_takes_an_iri_a_label_or_an_alias(graph: Graph, value: object) -> None:
    assert bind(graph, park=value)["park"] == QINGLAN


def test_a_concept_parameter_takes_its_label(graph: Graph) -> None:
    assert bind(graph, indicator="营业收入")["indicator"] == REVENUE


def test_a_preferred_label_wins_over_an_alias(graph: Graph) -> None:
    assert bind(graph, company="蓝图机器人")["company"] == LANTU


def test_a_label_of_several_entities_is_an_error_listing_them(graph: Graph) -> None:
    with pytest.raises(AmbiguousEntityError) as raised:
        bind(graph, company="蓝图")
    message = str(raised.value)
    assert "?company" in message and str(LANTU) in message and str(LANTU_TWIN) in message
    assert raised.value.parameter == "company"


def test_a_label_of_no_entity_is_an_error_with_the_closest_labels(graph: Graph) -> None:
    with pytest.raises(UnknownEntityError) as raised:
        bind(graph, park="青岚高新")
    assert "青岚高新区" in raised.value.closest
    assert "cannot bind ?park" in str(raised.value)


def test_an_unknown_parameter_is_an_error(graph: Graph) -> None:
    with pytest.raises(UnknownParameterError, match=r"\?nosuchvar.*\?article, \?park"):
        bind(graph, nosuchvar="1")


@pytest.mark.parametrize("value", ["002_second", str(A2), A2, Literal("002_second")])
def test_an_article_is_named_by_its_id_or_iri_and_scopes_the_defaults(graph: Graph, value: object) -> None:
    assert bind(graph, article=value) == {"article": A2, "park": SONGHE}


def test_an_unknown_article_id_is_an_error_with_the_closest_ids(graph: Graph) -> None:
    with pytest.raises(UnknownArticleError) as raised:
        bind(graph, article="002_secnd")
    assert raised.value.closest[0] == "002_second"
    assert isinstance(raised.value, QueryError)


def test_literal_parameters_take_their_declared_language_or_datatype(graph: Graph) -> None:
    bound = bind(graph, alias="蓝图", **{"from": "2024-06-30"})
    assert bound["alias"] == Literal("蓝图", lang="zh-Hans")
    assert bound["from"] == Literal("2024-06-30", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
    with pytest.raises(BindingError, match="not an xsd:date"):
        bind(graph, **{"from": "June 2024"})


def test_unscoped_binds_only_what_is_given(graph: Graph) -> None:
    question = parse_question(QUESTION, Path("q.rq"))
    assert bind_question(question, {"company": "蓝图机器人"}, graph_asker(graph), scoped=False) == {
        "company": LANTU
    }


# --- the command line, on the project's own build ---------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
FIRST = "000_64b6559f5e865fa2"


def run_cli(
    capsys: pytest.CaptureFixture[str], *bindings: str, query: str = "13-posts.rq"
) -> tuple[int, str, str]:
    from parkgraph.cli import main

    args = ["--project", str(ROOT), "query", "-f", "csv", str(ROOT / "queries" / query)]
    for binding in bindings:
        args += ["--bind", binding]
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_takes_an_article_by_id_or_iri(capsys: pytest.CaptureFixture[str]) -> None:
    if not (ROOT / "graph" / "parkgraph.ttl").exists():
        pytest.skip("no build of the project")
    code, whole, _ = run_cli(capsys)
    assert code == 0 and len(whole.splitlines()) > 1
    assert run_cli(capsys, f"article={FIRST}")[:2] == (0, whole)
    assert run_cli(capsys, f"article=<{BASE}article/{FIRST}>")[:2] == (0, whole)


@pytest.mark.parametrize(
    ("binding", "message"),
    [
        ("nosuchvar=1", "has no variable ?nosuchvar"),
        ("article=000_64b6559f5e865fa3", f"the closest ids: {FIRST}"),
        ("park=青岚高新区", "no entity is labelled '青岚高新区'"),
    ],
)
def test_the_cli_refuses_what_it_cannot_bind_without_a_traceback(
    capsys: pytest.CaptureFixture[str], binding: str, message: str
) -> None:
    if not (ROOT / "graph" / "parkgraph.ttl").exists():
        pytest.skip("no build of the project")
    code, out, err = run_cli(capsys, binding, query="01-park-approval.rq")
    assert code != 0 and out == ""
    assert message in err and "Traceback" not in err
