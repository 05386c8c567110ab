"""The questions the first fictional capture says nothing of (designations, key industries, a body's
policy document, events of a park, spans and counts), asked of a second extracted article (issue 22),
with the rows written here by hand from its text.

``CAPTURE`` is fictional, written for these tests (no real page): 青岚, 澜江 and the bodies and companies
it names are invented. The project is the fixed fixture project (the first article, curated) plus this
capture and the one of tests/test_extract_build.py, both with no annotation file, so the build extracts
them. Questions 04 (the policies a park's approval implemented), 06 and 07 (industrial chains) and 09
(statuses) are not asked here: the extractor states none of them (see the module's last comment).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import parkgraph
from parkgraph.api import KnowledgeGraph

from .conftest import build_fixture_project
from .test_extract_build import CAPTURE as FIRST_CAPTURE
from .test_questions_extracted import columns

ARTICLE = "202_extracted"
FIRST = "201_extracted"
PARK = "青岚经济技术开发区新能源汽车零部件产业园"
COMMITTEE = "青岚经济技术开发区管委会"
GRANTOR = "澜江省工业和信息化厅"
PROJECT = "锐驰动力电驱系统项目"
PLAN = "青岚经济技术开发区新能源汽车产业发展三年行动计划"
TITLE = "省级特色产业园区"

CAPTURE = """青岚市人民政府
首页 | 新闻中心 | 政务公开 | 互动交流
当前位置：首页 > 新闻中心 > 园区动态
青岚经济技术开发区新能源汽车零部件产业园获评省级特色产业园区
发布时间：2024-09-12 09:00　　来源：青岚日报　　作者：苏明远
【字体：大 中 小】
9月10日，澜江省工业和信息化厅公布省级特色产业园区名单，青岚经济技术开发区新能源汽车零部件产业园成功入选。
园区重点发展动力电池、电驱系统和智能座舱等产业。
青岚经济技术开发区管委会印发《青岚经济技术开发区新能源汽车产业发展三年行动计划》，明确园区发展目标。
9月11日，青岚经济技术开发区管委会与澜江锐驰动力科技有限公司签署合作协议，锐驰动力电驱系统项目落户园区。
园区公共检测服务平台已投入运营。
【打印本页】【关闭窗口】
主办单位：青岚市人民政府办公室　　澜ICP备00000001号
"""


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    folder = tmp_path_factory.mktemp("extracted-questions-more")
    result = build_fixture_project(folder, {FIRST: FIRST_CAPTURE, ARTICLE: CAPTURE})
    assert result.stats["extracted"] == 2
    return parkgraph.open(Path(folder))


def test_a_designation_and_who_granted_it(kg: KnowledgeGraph) -> None:
    """公布省级特色产业园区名单，…产业园成功入选: the park holds the title, the department granted it."""
    answer = kg.question("03-designations", article=ARTICLE)
    assert columns(answer, "entityZh", "designationZh", "grantorZh") == [(PARK, TITLE, GRANTOR)]


def test_key_industries(kg: KnowledgeGraph) -> None:
    """园区重点发展动力电池、电驱系统和智能座舱等产业 (园区: the park of the headline)."""
    answer = kg.question("12-key-industries", article=ARTICLE, park=PARK)
    assert columns(answer, "industryZh", "schemeZh") == [
        ("动力电池", "产业"),
        ("智能座舱", "产业"),
        ("电驱系统", "产业"),
    ]


def test_the_sentence_stating_a_relation(kg: KnowledgeGraph) -> None:
    issued = kg.question("31-statement-evidence", article=ARTICLE, subject=PLAN)
    assert columns(issued, "subjectZh", "predicate", "objectZh", "exact") == [
        (PLAN, "https://schema.org/legislationPassedBy", COMMITTEE, f"{COMMITTEE}印发《{PLAN}")
    ]
    industries = kg.question(
        "31-statement-evidence", article=ARTICLE, subject=PARK, predicate="pg:keyIndustry"
    )
    assert columns(industries, "objectZh", "exact") == [
        ("动力电池",) * 2,
        ("电驱系统",) * 2,
        ("智能座舱",) * 2,
    ]
    spans = columns(industries, "start", "end", "exact") + columns(issued, "start", "end", "exact")
    for start, end, exact in spans:
        assert int(end) - int(start) == len(exact)


def test_spans_supporting_three_facts(kg: KnowledgeGraph) -> None:
    """No span of the second capture states three facts (a title, a signing and a settlement, one plan,
    industries one by one); in the first, each span naming 邵承泽's post states that he holds it, the
    body it is in and its role."""
    assert kg.question("33-facts-per-evidence", article=ARTICLE).rows == []
    first = kg.question("33-facts-per-evidence", article=FIRST)
    assert columns(first, "exact", "facts") == [
        ("鹭平高新区党工委副书记、管委会主任邵承泽", "3"),
        ("管委会主任邵承泽", "3"),
    ]


def test_entities_by_class(kg: KnowledgeGraph) -> None:
    """What the capture names: the department and the committee (government bodies, the committee an
    administrative committee), the company, the zone, the park, the daily and its author, the plan, the
    list of titled parks (a programme), the project, the province (a place)."""
    answer = kg.question("34-entities-by-class", article=ARTICLE)
    pg, schema = "https://w3id.org/parkgraph/ontology#", "https://schema.org/"
    assert columns(answer, "class", "entities") == [
        (f"{pg}GovernmentBody", "2"),
        ("http://xmlns.com/foaf/0.1/Person", "1"),
        (f"{schema}Person", "1"),
        (f"{schema}Place", "1"),
        (f"{pg}AdministrativeCommittee", "1"),
        (f"{pg}Company", "1"),
        (f"{pg}DevelopmentZone", "1"),
        (f"{pg}IndustrialPark", "1"),
        (f"{pg}NewsOrganisation", "1"),
        (f"{pg}PolicyDocument", "1"),
        (f"{pg}Programme", "1"),
        (f"{pg}Project", "1"),
        (f"{pg}Province", "1"),
    ]


def test_agents_and_places(kg: KnowledgeGraph) -> None:
    """Agents: the department, the committee, the company, the daily, the author; organisations: the
    first four; public: the department and the committee; places: 澜江省, the zone, the park."""
    answer = kg.question("35-agents-and-places", article=ARTICLE)  # with RDFS inference
    assert columns(answer, "class", "entities") == [
        ("http://xmlns.com/foaf/0.1/Agent", "5"),
        ("http://www.w3.org/ns/org#Organization", "4"),
        ("https://schema.org/Place", "3"),
        ("http://data.europa.eu/m8g/PublicOrganisation", "2"),
        ("http://xmlns.com/foaf/0.1/Person", "1"),
    ]


def test_concepts_the_article_names(kg: KnowledgeGraph) -> None:
    """Three industries and one title. The designations scheme also carries the first article's English
    label ('designations and official roles' beside 'designations and approvals'), so its one concept is
    counted under each label: only the counts are checked for it, not the number of rows."""
    rows = columns(kg.question("36-concepts-by-scheme", article=ARTICLE), "schemeEn", "concepts")
    assert ("industries", "3") in rows
    designations = [count for scheme, count in rows if scheme.startswith("designations")]
    assert designations and set(designations) == {"1"}
    assert {scheme for scheme, _ in rows} <= {
        "industries",
        "designations and approvals",
        "designations and official roles",
    }


def test_extracted_facts_about_a_plan(kg: KnowledgeGraph) -> None:
    """The plan's one fact, once: the committee issued it (with two extracted articles it came back four
    times while the extractor's agent was described in both article graphs; it is in the shared graph)."""
    answer = kg.question("41-extracted-facts", article=ARTICLE, name=PLAN)
    assert columns(answer, "name", "kind", "exact") == [(PLAN, "statement", f"{COMMITTEE}印发《{PLAN}")]
    assert all(0 < float(c) <= 1 for (c,) in columns(answer, "confidence"))


def test_facts_per_article(kg: KnowledgeGraph) -> None:
    """One title awarded, one signing, one settlement; as many statements as 31 lists."""
    counts = dict(columns(kg.question("42-facts-per-article", article=ARTICLE), "class", "instances"))
    pg = "https://w3id.org/parkgraph/ontology#"
    statement = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"
    facts = {c: n for c, n in counts.items() if c not in (f"{pg}Evidence", statement)}
    assert facts == {f"{pg}DesignationEvent": "1", f"{pg}SigningEvent": "1", f"{pg}SettlementEvent": "1"}
    assert int(counts[statement]) == len(kg.question("31-statement-evidence", article=ARTICLE).rows or [])
    assert int(counts[f"{pg}Evidence"]) > 0


def test_a_parks_events(kg: KnowledgeGraph) -> None:
    """9月10日 the park is titled by the department; 9月11日 the project settles in it (the signing of
    the same day is the committee's and the company's: the park takes no part in it)."""
    answer = kg.question("43-park-events", article=ARTICLE, park=PARK)
    assert columns(answer, "date", "timeSurface", "roleZh", "participantZh") == [
        ("2024-09-10", "9月10日", "关联主体", GRANTOR),
        ("2024-09-10", "9月10日", "认定对象", PARK),
        ("2024-09-11", "9月11日", "所在地", PARK),
        ("2024-09-11", "9月11日", "涉及项目", PROJECT),
    ]
    assert len({event for (event,) in columns(answer, "eventZh")}) == 2


# Not asked here, because the extractor misses what the capture states (rows by hand would fail):
# 04: no pg:implementsPolicy on an approval (a policy the approval implemented);
# 06, 07: no pg:hasChain / pg:IndustrialChain (an industrial chain, its members and lead enterprise);
# 09: no pg:status (园区公共检测服务平台已投入运营: neither the platform nor its state is extracted).
