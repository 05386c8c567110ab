"""The questions of ``queries/`` asked of an extracted article (issue 22): every one answers with
``article=<id>`` alone, and the answers about what the article says are the rows written here by hand,
from the fictional capture of tests/test_extract_build.py (written for the tests; no real page).

The project is the fixed fixture project (the first article, curated) plus that capture, with no
annotation file, so the build extracts it. The first article's answers are queries/expected/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import parkgraph
from parkgraph.api import KnowledgeGraph, QueryResults

from .conftest import ROOT, build_fixture_project
from .test_extract_build import CAPTURE

ARTICLE = "201_extracted"
PARK = "鹭平高新区智能装备产业园"
QUESTIONS = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    folder = tmp_path_factory.mktemp("extracted-questions")
    result = build_fixture_project(folder, {ARTICLE: CAPTURE})
    assert result.stats["extracted"] == 1
    return parkgraph.open(Path(folder))


def columns(result: QueryResults, *names: str) -> list[tuple[str, ...]]:
    """The rows of ``result``, only the columns ``names``, as text ('' for unbound)."""
    index = [result.variables.index(name) for name in names]
    return [tuple("" if row[i] is None else str(row[i]) for i in index) for row in result.rows or []]


@pytest.mark.parametrize("name", QUESTIONS)
def test_every_question_answers_for_an_extracted_article_by_its_id(kg: KnowledgeGraph, name: str) -> None:
    """The issue's bar: each question runs with ``article=<id>`` alone, on an extracted article."""
    answer = kg.question(name, article=ARTICLE)
    assert answer.boolean is not None or answer.rows is not None


def test_posts(kg: KnowledgeGraph) -> None:
    answer = kg.question("13-posts", article=ARTICLE)
    assert columns(answer, "personZh", "postZh", "organisationZh", "roleZh") == [
        ("邵承泽", "鹭平高新区党工委副书记", "鹭平高新区党工委", "副书记"),
        ("邵承泽", "鹭平高新技术产业开发区管委会主任", "鹭平高新技术产业开发区管委会", "主任"),
    ]


def test_places_in_a_city(kg: KnowledgeGraph) -> None:
    answer = kg.question("19-places-in-place", article=ARTICLE, region="鹭平市")
    assert columns(answer, "placeZh", "parentZh") == [
        (PARK, "鹭平高新技术产业开发区"),
        ("鹭平高新技术产业开发区", "鹭平市"),
    ]


def test_article_metadata_without_keywords(kg: KnowledgeGraph) -> None:
    """The capture has no keywords: the metadata question still answers (its keywords are OPTIONAL)."""
    answer = kg.question("28-article-metadata", article=ARTICLE)
    assert columns(answer, "headline", "publisherZh", "sourceZh", "authorZh", "identifier", "keyword") == [
        ("鹭平高新区智能装备产业园新引进项目12个", "鹭平市人民政府", "鹭平日报", "林晓", ARTICLE, "")
    ]
    assert columns(answer, "datePublished") == [("2024-05-08T10:30:00+08:00",)]


def test_time_window(kg: KnowledgeGraph) -> None:
    answer = kg.question("27-time-window", article=ARTICLE, **{"from": "2024-05-01", "to": "2024-05-31"})
    assert columns(answer, "begin", "end") == [("2024-05-07", "2024-05-07")]
    assert not kg.question("27-time-window", article=ARTICLE, **{"from": "2024-06-01"}).rows


def test_parks_of_a_city(kg: KnowledgeGraph) -> None:
    answer = kg.question("44-parks-in-place", article=ARTICLE, place="鹭平市")
    assert columns(answer, "zoneZh", "typeZh", "containerZh") == [
        (PARK, "产业园", "鹭平高新技术产业开发区"),
        ("鹭平高新技术产业开发区", "开发区", "鹭平市"),
    ]


def test_a_parks_companies(kg: KnowledgeGraph) -> None:
    answer = kg.question("45-park-organisations", article=ARTICLE, park=PARK)
    assert columns(answer, "organisationZh", "howZh") == [("澜江芯原微电子科技有限公司", "所在地")]


def test_a_parks_figures(kg: KnowledgeGraph) -> None:
    """新引进项目12个 (the headline, undated) and 今年已新引进重点项目12个 (this year: 2024)."""
    answer = kg.question("46-park-figures", park=PARK)
    assert columns(answer, "whatZh", "value", "surface", "source") == [
        ("新引进项目", "12", "12个", ARTICLE),
        ("新引进重点项目", "12", "12个", ARTICLE),
    ]
    assert columns(answer, "begin", "timeSurface") == [("", ""), ("2024", "今年")]


def test_a_bodys_policies(kg: KnowledgeGraph) -> None:
    answer = kg.question("47-body-policies", article=ARTICLE, body="鹭平市人民政府")
    assert columns(answer, "bodyZh", "policyZh") == [("鹭平市人民政府", "鹭平市支持智能装备产业发展若干政策")]


def test_a_companys_links_by_its_short_name(kg: KnowledgeGraph) -> None:
    answer = kg.question("48-company-links", article=ARTICLE, company="芯原微电子")  # an alias
    company = "澜江芯原微电子科技有限公司"
    assert columns(answer, "companyZh", "howZh", "otherZh") == [(company, "所在地", PARK)]


def test_articles_mentioning_an_entity(kg: KnowledgeGraph) -> None:
    answer = kg.question("49-entity-articles", entity="芯原微电子")
    assert columns(answer, "source", "headline") == [(ARTICLE, "鹭平高新区智能装备产业园新引进项目12个")]


def test_records_to_check_below_a_confidence(kg: KnowledgeGraph) -> None:
    everything = kg.question("50-facts-to-check", article=ARTICLE)
    confidences = [float(c) for (c,) in columns(everything, "confidence")]
    assert confidences and confidences == sorted(confidences) and max(confidences) < 0.75
    unsure = kg.question("50-facts-to-check", article=ARTICLE, maxConfidence="0.55")
    assert columns(unsure, "recordZh", "exact") == [
        (
            "鹭平高新技术产业开发区（5月7日）",
            "5月7日，记者从鹭平高新技术产业开发区获悉，鹭平高新区智能装备产业园今年已新引进重点项目12个。",
        ),
        ("鹭平高新技术产业开发区管委会", "管委会"),
    ]
    assert not kg.question("50-facts-to-check").rows  # the first article is curated: nothing to check


def test_binding_the_article_alone_scopes_the_park(kg: KnowledgeGraph) -> None:
    """The extracted article says what it is about in no schema:about: its park is the zone it names in
    the most spans (鹭平高新技术产业开发区), not the first article's park."""
    answer = kg.question("14-park-leadership", article=ARTICLE)
    assert {row[0] for row in columns(answer, "placeZh")} == {"鹭平高新技术产业开发区"}


#: Questions about what the capture does not say: a designation, an approval's news, a Politburo session,
#: a company's works, platforms, action projects, a hierarchy of bodies, lower bounds, investments,
#: capacities, figures of a place, a revenue and its growth, a ranking, sub-organisations, alliances. Their
#: answer is no row (written by reading the capture), not an error.
SAYS_NOTHING = [
    "01",
    "02",
    "05",
    "08",
    "10",
    "11",
    "17",
    "20",
    "21",
    "22",
    "23",
    "24",
    "25",
    "26",
    "39",
    "40",
]


@pytest.mark.parametrize("name", SAYS_NOTHING)
def test_what_the_capture_does_not_say_is_no_row(kg: KnowledgeGraph, name: str) -> None:
    assert kg.question(name, article=ARTICLE).rows == []


def test_a_listing_the_capture_does_not_state(kg: KnowledgeGraph) -> None:
    assert kg.question("30-company-listed", article=ARTICLE).boolean is False


def test_bodies_party_organisations_and_their_posts(kg: KnowledgeGraph) -> None:
    committee, party = "鹭平高新技术产业开发区管委会", "鹭平高新区党工委"
    bodies = kg.question("15-government-bodies", article=ARTICLE)  # with RDFS inference
    assert columns(bodies, "organisationZh") == [("鹭平市人民政府",), (committee,)]
    assert columns(kg.question("16-party-organisations", article=ARTICLE), "organisationZh") == [(party,)]
    posts = kg.question("18-posts-under-body", article=ARTICLE, body=party)
    assert columns(posts, "bodyZh", "personZh", "postZh") == [(party, "邵承泽", "鹭平高新区党工委副书记")]
    held = kg.question("38-organisation-posts", article=ARTICLE)  # org:hasPost by owl:inverseOf
    assert columns(held, "organisationZh", "postZh", "holderZh") == [
        (party, "鹭平高新区党工委副书记", "邵承泽"),
        (committee, "鹭平高新技术产业开发区管委会主任", "邵承泽"),
    ]


def test_an_alias_and_the_places_it_contains(kg: KnowledgeGraph) -> None:
    found = kg.question("29-entity-by-alias", article=ARTICLE, alias="芯原微电子")
    assert columns(found, "labelZh") == [("澜江芯原微电子科技有限公司",)]
    contains = kg.question("37-contains-place", article=ARTICLE)  # schema:containsPlace by owl:inverseOf
    assert columns(contains, "containerZh", "placeZh") == [
        ("鹭平市", "鹭平高新技术产业开发区"),
        ("鹭平高新技术产业开发区", PARK),
    ]
    assert kg.question("32-evidence-integrity", article=ARTICLE).boolean is False  # no span is broken
