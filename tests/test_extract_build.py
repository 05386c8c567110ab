"""A capture with no curated file is extracted by the build: validated, traced, deterministic, safe.

The captures are fictional, written for these tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from parkgraph.build import Project, build
from parkgraph.extract.assemble import EXTRACTOR_VERSION
from parkgraph.iris import SLUG_RE

from .conftest import copy_project

PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
PG = Namespace("https://w3id.org/parkgraph/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
QUERIES = Path(__file__).resolve().parents[1] / "queries"
PREF = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
BASE = "https://w3id.org/parkgraph/"

CAPTURE = """鹭平市人民政府
首页 | 新闻中心 | 政务公开 | 互动交流
当前位置：首页 > 新闻中心 > 本地要闻
鹭平高新区智能装备产业园新引进项目12个
发布时间：2024-05-08 10:30　　来源：鹭平日报　　作者：林晓
【字体：大 中 小】
5月7日，记者从鹭平高新技术产业开发区获悉，鹭平高新区智能装备产业园今年已新引进重点项目12个。
澜江芯原微电子科技有限公司（以下简称“芯原微电子”）是园区引进的龙头企业，芯原微电子二期项目已开工建设。
鹭平高新区党工委副书记、管委会主任邵承泽表示，园区将加快建设智能装备产业集群。
鹭平市人民政府今年出台《鹭平市支持智能装备产业发展若干政策》，推出22条支持措施。
【打印本页】【关闭窗口】
主办单位：鹭平市人民政府办公室　　澜ICP备00000000号
"""

HOSTILE = CAPTURE.replace("澜江芯原微电子科技有限公司", '澜江<script>alert(1)</script>"> ; DROP科技有限公司')


def extracted_project(tmp_path: Path, capture: str = CAPTURE, name: str = "201_extracted") -> Project:
    project = copy_project(tmp_path)
    (project.corpus_dir / f"{name}.txt").write_text(capture, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    project = extracted_project(tmp_path_factory.mktemp("extracted"))
    return project, build(project, jobs=1)


def test_capture_without_annotations_is_extracted_and_validates(built) -> None:  # type: ignore[no-untyped-def]
    _project, result = built
    assert result.validation.conforms
    assert result.stats["curated"] == 1 and result.stats["extracted"] == 1
    assert "annotations: 1 curated, 1 extracted" in result.summary()


def test_extracted_entities_are_mentioned_typed_and_traced(built) -> None:  # type: ignore[no-untyped-def]
    project, _ = built
    graph = Graph()
    graph.parse(project.graph_path("nt"), format="nt")
    article = URIRef(f"{BASE}article/201_extracted")
    mentioned = set(graph.objects(article, SCHEMA.mentions))
    labels = {str(o) for e in mentioned for o in graph.objects(e, PREF) if o.language == "zh-Hans"}
    assert {"鹭平高新技术产业开发区", "澜江芯原微电子科技有限公司", "邵承泽", "鹭平市人民政府"} <= labels
    for entity in mentioned:
        assert graph.value(entity, PG.evidence) is not None, entity
        assert SLUG_RE.match(str(entity).removeprefix(f"{BASE}id/")), entity
    company = next(e for e in mentioned if (e, RDF.type, PG.Company) in graph)
    assert Literal("芯原微电子", lang="zh-Hans") in set(
        graph.objects(company, URIRef("http://www.w3.org/2004/02/skos/core#altLabel"))
    )


def test_the_extraction_is_a_prov_activity_of_the_extractor_at_its_version(built) -> None:  # type: ignore[no-untyped-def]
    project, _ = built
    graph = Graph()
    graph.parse(project.graph_path("nt"), format="nt")
    activity = URIRef(f"{BASE}activity/extraction/201_extracted")
    agent = URIRef(f"{BASE}agent/parkgraph-extractor/{EXTRACTOR_VERSION}")
    assert (activity, RDF.type, PROV.Activity) in graph
    assert (activity, PROV.used, URIRef(f"{BASE}article/201_extracted")) in graph
    assert (activity, PROV.wasAssociatedWith, agent) in graph
    assert (agent, RDF.type, PROV.SoftwareAgent) in graph
    assert str(graph.value(agent, SCHEMA.softwareVersion)) == EXTRACTOR_VERSION
    spans = set(graph.subjects(RDF.type, PG.Evidence))
    extracted = {s for s in spans if "/201_extracted/" in str(s)}
    assert extracted and all((s, PROV.wasGeneratedBy, activity) in graph for s in extracted)
    curated = spans - extracted
    assert curated and not any((s, PROV.wasGeneratedBy, None) in graph for s in curated)


def test_competency_question_lists_the_extracted_facts_of_an_entity_with_their_spans(built) -> None:  # type: ignore[no-untyped-def]
    from parkgraph.query import run_query

    project, _ = built
    graph = Graph()
    graph.parse(project.graph_path("nt"), format="nt")
    query = (QUERIES / "41-extracted-facts.rq").read_text(encoding="utf-8")
    for engine in ("rdflib", "oxigraph"):
        rows = run_query(
            query, graph, engine=engine, bindings={"name": Literal("鹭平市人民政府", lang="zh-Hans")}
        ).rows
        assert rows, engine
        article = graph.value(URIRef(f"{BASE}article/201_extracted"), SCHEMA.text)
        for row in rows:
            kind, exact, start, end = row[1], row[2], int(row[3]), int(row[4])
            assert str(article)[start:end] == str(exact), (kind, exact)


def test_the_post_of_the_person_is_in_the_party_committee(built) -> None:  # type: ignore[no-untyped-def]
    project, _ = built
    graph = Graph()
    graph.parse(project.graph_path("nt"), format="nt")
    person = next(graph.subjects(PREF, Literal("邵承泽", lang="zh-Hans")))
    orgs = {
        str(o)
        for post in graph.objects(person, ORG.holds)
        for o in graph.objects(graph.value(post, ORG.postIn), PREF)
        if o.language == "zh-Hans"
    }
    assert "鹭平高新区党工委" in orgs


def test_extraction_is_deterministic(tmp_path: Path, built) -> None:  # type: ignore[no-untyped-def]
    project, _ = built
    again = extracted_project(tmp_path)
    build(again, jobs=1)
    for suffix in ("nt", "trig", "ttl"):
        assert project.graph_path(suffix).read_bytes() == again.graph_path(suffix).read_bytes()


def test_markup_and_injection_in_the_text_never_reach_an_iri(tmp_path: Path) -> None:
    project = extracted_project(tmp_path, HOSTILE, "202_hostile")
    result = build(project, jobs=1)
    assert result.validation.conforms
    data = project.graph_path("nt").read_text(encoding="utf-8")
    minted = [iri for iri in re.findall(r"<([^>]*)>", data) if iri.startswith(BASE)]
    assert minted
    for iri in minted:
        assert re.fullmatch(r"[A-Za-z0-9_./:#%-]+", iri) and "script" not in iri and "alert" not in iri, iri


def test_capture_in_which_nothing_is_found_builds_with_a_warning(tmp_path: Path) -> None:
    capture = "通知\n发布时间：2024-05-08\n各有关单位：请于本月底前报送年度工作总结和明年工作计划。\n"
    project = extracted_project(tmp_path, capture, "203_nothing")
    result = build(project, jobs=1)
    assert result.validation.conforms
    assert any("203_nothing.txt" in w and "no entity" in w for w in result.stats["warnings"])
    assert "warning:" in result.summary()
    report = json.loads(project.out_dir.joinpath("build-report.json").read_text(encoding="utf-8"))
    [entry] = [f for f in report["files"] if f["article"] == "203_nothing"]
    assert entry["status"] == "extracted" and entry["warnings"] == report["warnings"]
    assert entry["warnings"][0].startswith("corpus/203_nothing.txt: the extractor found no entity")


def test_the_draft_builds_the_same_graph_as_the_extraction(tmp_path: Path, built) -> None:  # type: ignore[no-untyped-def]
    """``parkgraph extract -o annotations/<id>.yaml``: the loader takes the draft unchanged, and its build
    is the extraction's build, byte for byte (until a curator deletes its ``extracted:`` line)."""
    from parkgraph.cli import main

    project, _ = built
    drafted = extracted_project(tmp_path)
    capture = drafted.corpus_dir / "201_extracted.txt"
    assert main(["extract", str(capture), "-o", str(drafted.annotations_dir / "201_extracted.yaml")]) == 0
    result = build(drafted, jobs=1)
    assert result.stats["curated"] == 2 and result.stats["extracted"] == 0
    for suffix in ("nt", "trig"):
        assert drafted.graph_path(suffix).read_bytes() == project.graph_path(suffix).read_bytes(), suffix
