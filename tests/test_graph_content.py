"""What the first article's graph says: the facts the issue names, checked against the built graph."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, TIME, XSD

from parkgraph.build import BuildResult
from parkgraph.namespaces import OA, ORG, PG, SCHEMA

BASE = "https://w3id.org/parkgraph/"
ARTICLE = URIRef(f"{BASE}article/000_64b6559f5e865fa2")
CHROME_WORDS = (
    "普京",
    "布林肯",
    "阅读排行榜",
    "举报邮箱",
    "Copyright",
    "特别声明",
    "视频新闻",
    "新媒体实验室",
)


def entity(slug: str) -> URIRef:
    return URIRef(f"{BASE}id/{slug}")


def fact(slug: str) -> URIRef:
    return URIRef(f"{BASE}fact/000_64b6559f5e865fa2/{slug}")


@pytest.fixture(scope="module")
def g(built: BuildResult) -> Graph:
    return built.graph


def test_nothing_from_the_page_chrome_is_in_the_graph(g: Graph) -> None:
    for _, _, obj in g:
        if isinstance(obj, Literal):
            assert not any(word in str(obj) for word in CHROME_WORDS), obj


def test_every_iri_is_ascii_without_spaces(g: Graph) -> None:
    for triple in g:
        for term in triple:
            if isinstance(term, URIRef):
                assert str(term).isascii() and " " not in str(term), term


def test_article_metadata(g: Graph) -> None:
    assert (ARTICLE, RDF.type, SCHEMA.NewsArticle) in g
    assert g.value(ARTICLE, SCHEMA.headline) == Literal(
        "今年全省唯一!宿迁市软件园获批省大数据产业园", lang="zh-Hans"
    )
    published = g.value(ARTICLE, SCHEMA.datePublished)
    assert published == Literal("2022-09-03T17:59:00+08:00", datatype=XSD.dateTime)
    assert g.value(ARTICLE, SCHEMA.publisher) == entity("sina")
    assert g.value(ARTICLE, SCHEMA.sourceOrganization) == entity("su-news")
    assert g.value(ARTICLE, SCHEMA.author) == entity("zhang-yun")
    keywords = {str(k) for k in g.objects(ARTICLE, SCHEMA.keywords)}
    assert keywords == {"宿迁市", "产业园", "开发区", "数字经济"}


def test_every_evidence_span_is_the_exact_text_at_its_offsets(g: Graph) -> None:
    text = str(g.value(ARTICLE, SCHEMA.text))
    spans = list(g.subjects(RDF.type, PG.Evidence))
    assert len(spans) > 150
    for span in spans:
        selectors = list(g.objects(span, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
        start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
        assert text[start:end] == str(g.value(quote, OA.exact))


def test_one_node_per_real_thing_with_aliases(g: Graph) -> None:
    department = entity("jiangsu-industry-it-department")
    assert Literal("省工信厅", lang="zh-Hans") in set(g.objects(department, SKOS.altLabel))
    park_aliases = {str(a) for a in g.objects(entity("suqian-software-park"), SKOS.altLabel)}
    assert {"宿迁市软件园", "园区"} <= park_aliases
    with_label = set(g.subjects(SKOS.prefLabel, Literal("宿迁市软件与服务外包产业园", lang="zh-Hans")))
    assert with_label == {entity("suqian-software-park")}


def test_every_entity_has_one_label_per_language(g: Graph) -> None:
    entities = {s for s in g.subjects(RDF.type) if str(s).startswith(f"{BASE}id/")}
    assert len(entities) >= 75
    for node in entities:
        languages = sorted(label.language for label in g.objects(node, SKOS.prefLabel))
        assert languages == ["en", "zh-Hans"], node


def quantity(g: Graph, node: URIRef) -> tuple[Decimal, URIRef, str]:
    value = g.value(node, PG.quantity)
    return (
        Decimal(str(g.value(value, SCHEMA.value))),
        g.value(value, PG.qualifier),
        str(g.value(value, PG.surfaceForm)),
    )


@pytest.mark.parametrize(
    ("slug", "value", "qualifier", "surface"),
    [
        ("park-revenue-2022-h1", Decimal("3645000000"), PG.Exactly, "36.45亿元"),
        ("park-revenue-growth-2022-h1", Decimal("103.38"), PG.Exactly, "103.38%"),
        ("park-digital-economy-enterprises", Decimal(80), PG.SlightlyMoreThan, "80余家"),
        ("jd-projects-total-investment", Decimal("12000000000"), PG.MoreThan, "超过120亿元"),
        ("jd-data-centre-server-capacity", Decimal(450000), PG.Exactly, "45万台"),
        ("guidance-funds-2022", Decimal(20000000), PG.SlightlyMoreThan, "2000余万元"),
        ("smart-aquaculture-area", Decimal(20000), PG.MoreThan, "超2万亩"),
        ("bawang-crab-ecommerce-sales", Decimal(100000000), PG.Exceeding, "突破亿元"),
        ("incubators-introduced", Decimal(3), PG.Exactly, "三大"),
    ],
)
def test_quantities_are_normalised(
    g: Graph, slug: str, value: Decimal, qualifier: URIRef, surface: str
) -> None:
    assert quantity(g, fact(slug)) == (value, qualifier, surface)


def test_money_is_cny_decimal_and_lower_bounds_have_min_value(g: Graph) -> None:
    value = g.value(fact("jd-projects-total-investment"), PG.quantity)
    assert (value, RDF.type, SCHEMA.MonetaryAmount) in g
    assert g.value(value, SCHEMA.currency) == Literal("CNY")
    assert g.value(value, SCHEMA.value).datatype == XSD.decimal
    assert g.value(value, SCHEMA.minValue) == g.value(value, SCHEMA.value)


def time_of(g: Graph, node: URIRef) -> tuple[str, ...]:
    when = g.value(node, TIME.hasTime)
    if (when, RDF.type, TIME.ProperInterval) in g:
        begin = g.value(g.value(when, TIME.hasBeginning), TIME.inXSDDate)
        end = g.value(g.value(when, TIME.hasEnd), TIME.inXSDDate)
        return (str(g.value(when, PG.surfaceForm)), str(begin), str(end))
    for predicate in (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear):
        if (value := g.value(when, predicate)) is not None:
            return (str(g.value(when, PG.surfaceForm)), str(value))
    raise AssertionError(f"{node} has no time")


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (fact("park-revenue-2022-h1"), ("今年上半年", "2022-01-01", "2022-06-30")),
        (fact("politburo-study-session-34"), ("去年10月", "2021-10")),
        (fact("approval-news-2022-09-02"), ("9月2日", "2022-09-02")),
        (fact("park-approval-2022"), ("今年", "2022")),
        (fact("provincial-big-data-parks-since-2017"), ("自2017年以来", "2017-01-01", "2022-09-03")),
    ],
)
def test_relative_dates_resolve_against_the_dateline(
    g: Graph, node: URIRef, expected: tuple[str, ...]
) -> None:
    assert time_of(g, node) == expected


def test_posts_and_hierarchy(g: Graph) -> None:
    post = g.value(entity("zhang-xianyan"), ORG.holds)
    assert g.value(post, ORG.postIn) == entity("hubin-party-working-committee")
    assert set(g.objects(entity("chen-lei"), ORG.holds)) == {
        entity("post-hubin-party-deputy-secretary"),
        entity("post-hubin-administrative-director"),
    }
    assert (
        entity("jiangsu-industry-it-department"),
        ORG.subOrganizationOf,
        entity("jiangsu-government"),
    ) in g


def test_the_counts_the_issue_names(g: Graph) -> None:
    park = entity("suqian-software-park")
    assert len(set(g.objects(park, PG.keyIndustry))) == 5
    assert len(set(g.objects(park, PG.hasChain))) == 3
    assert len(set(g.objects(park, PG.hasPlatform))) == 3
    actions = set(g.subjects(RDF.type, PG.Action))
    assert len(actions) == 3
    assert sum(len(set(g.objects(a, PG.hasProject))) for a in actions) == 9
    assert len(set(g.subjects(RDF.type, PG.PolicyDocument))) == 3


def test_simple_statements_are_reified_with_evidence(g: Graph) -> None:
    statements = [
        s for s in g.subjects(RDF.subject, entity("vazyme")) if g.value(s, RDF.predicate) == PG.listedOn
    ]
    assert len(statements) == 1
    span = g.value(statements[0], PG.evidence)
    exact = next(
        g.value(sel, OA.exact)
        for sel in g.objects(span, OA.hasSelector)
        if g.value(sel, OA.exact) is not None
    )
    assert str(exact) == "科创板上市公司诺唯赞生物"
