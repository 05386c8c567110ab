"""The entity-level networkx graph, its GraphML / GEXF / node-link exports and ``parkgraph stats``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, URIRef

from parkgraph.build import BuildResult
from parkgraph.cli import main
from parkgraph.namespaces import DEFAULT_BASE
from parkgraph.query import _width
from parkgraph.views.export import FORMATS, read_graph
from parkgraph.views.model import GraphModel, _expand, build_model, sentence_around, to_networkx
from parkgraph.views.synthetic import synthetic_graph

from .conftest import ROOT

ID = f"{DEFAULT_BASE}id/"
FACT = f"{DEFAULT_BASE}fact/000_64b6559f5e865fa2/"
PARK = f"{ID}suqian-software-park"
EXPORT_NAMES = [f"parkgraph.{suffix}" for suffix, _ in FORMATS.values()]



@pytest.fixture(scope="module")
def graph(model: GraphModel) -> nx.MultiDiGraph:
    return model.graph


def _out_dir(built: BuildResult) -> Path:
    return next(p for p in built.files if p.name == "parkgraph.graphml").parent


# --- the model --------------------------------------------------------------------------------------


def test_one_node_per_entity_fact_and_concept_no_literals_no_provenance(graph: nx.MultiDiGraph) -> None:
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert kinds == {"entity", "fact", "concept"}
    assert sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "entity") == 80
    assert all(node.startswith(("https://", "http://")) for node in graph)  # literals never become nodes
    assert not any("/evidence/" in node or "/article/" in node for node in graph)
    assert not any(node.endswith(("/value", "/time")) for node in graph)  # quantity/time nodes folded
    assert not any("/stmt-" in node for node in graph)  # reified statements folded into edges
    assert nx.is_directed(graph) and graph.is_multigraph()


def test_entity_attributes(graph: nx.MultiDiGraph) -> None:
    park = graph.nodes[PARK]
    assert park["label"] == "宿迁市软件与服务外包产业园"
    assert park["label_en"] == "Suqian Software and Service Outsourcing Industrial Park"
    assert park["type"] == "pg:IndustrialPark"  # most specific class, as a CURIE
    assert park["category"] == "park"
    assert "宿迁市软件园" in park["skos:altLabel"].split("; ")
    assert park["evidence"] == "宿迁市软件与服务外包产业园"
    assert park["evidence_sentence"].startswith("9月2日,记者从市湖滨新区获悉")
    assert park["evidence_sentence"].endswith("的园区。")
    assert park["evidence_span"] == "000_64b6559f5e865fa2:93-106"
    person = graph.nodes[f"{ID}zhang-yun"]
    assert person["type"] == "foaf:Person" and person["types"] == "foaf:Person schema:Person"


def test_fact_values_are_folded_into_attributes(graph: nx.MultiDiGraph) -> None:
    funds = graph.nodes[f"{FACT}guidance-funds-2022"]
    assert funds["kind"] == "fact" and funds["type"] == "pg:Statistic"
    assert funds["value"] == 20_000_000.0 and funds["min_value"] == 20_000_000.0
    assert (funds["unit"], funds["currency"], funds["qualifier"]) == ("CNY", "CNY", "pg:SlightlyMoreThan")
    assert funds["quantity_text"] == "2000余万元"
    assert (funds["time"], funds["time_text"]) == ("2022", "今年")
    revenue = [d for _, d in graph.nodes(data=True) if d.get("quantity_text") == "36.45亿元"]
    assert len(revenue) == 1
    assert revenue[0]["time"] == "2022-01-01/2022-06-30"
    assert (revenue[0]["time_begin"], revenue[0]["time_end"]) == ("2022-01-01", "2022-06-30")
    claim = graph.nodes[f"{FACT}bawang-crab-growth-first"]
    assert claim["pg:rank"] == 1 and isinstance(claim["pg:rank"], int)
    assert claim["pg:rankingCriterion"] == "电商平台销售增速"
    assert claim["pg:rankingCriterion@en"] == "growth of e-commerce sales"


def test_edges_are_object_property_triples_keyed_by_predicate(
    built: BuildResult, graph: nx.MultiDiGraph
) -> None:
    hasmember = [(u, v) for u, v, k in graph.edges(keys=True) if k == "pg:hasMember"]
    assert (f"{ID}jd-chain", f"{ID}jd-cloud-town") in hasmember
    data = graph.get_edge_data(f"{ID}jd-chain", f"{ID}jd-cloud-town")["pg:hasMember"]
    assert data["predicate"] == "pg:hasMember" and data["label"] == "包含成员"
    assert data["label_en"] and data["id"].startswith("e")
    assert data["evidence"]  # the reified statement's evidence
    # every edge is a triple of the RDF graph, between two nodes
    for u, v, key in graph.edges(keys=True):
        assert (URIRef(u), _expand(key), URIRef(v)) in built.graph
    assert len({d["id"] for _, _, d in graph.edges(data=True)}) == graph.number_of_edges()


def test_every_attribute_is_a_scalar_of_one_type_per_key(graph: nx.MultiDiGraph) -> None:
    for records in ([d for _, d in graph.nodes(data=True)], [d for _, _, d in graph.edges(data=True)]):
        types: dict[str, set[type]] = {}
        for data in records:
            for key, value in data.items():
                assert isinstance(value, (str, int, float, bool)), (key, value)
                types.setdefault(key, set()).add(type(value))
        assert all(len(found) == 1 for found in types.values()), types


def test_provenance_adds_articles_and_evidence(built: BuildResult, ontology: Graph) -> None:
    full = to_networkx(built.graph, ontology=ontology, base=DEFAULT_BASE, provenance=True)
    kinds = {d["kind"] for _, d in full.nodes(data=True)}
    assert {"article", "evidence"} <= kinds
    article = next(n for n, d in full.nodes(data=True) if d["kind"] == "article")
    assert full.out_degree(article) >= 80  # schema:mentions every entity
    evidence = [n for n, d in full.nodes(data=True) if d["kind"] == "evidence"]
    assert full.nodes[evidence[0]]["label"] == full.nodes[evidence[0]]["evidence"]
    assert full.has_edge(PARK, f"{DEFAULT_BASE}evidence/000_64b6559f5e865fa2/93-106", "pg:evidence")


def test_sentence_around_clips_long_context() -> None:
    text = "甲" * 1000 + "。乙" + "丙" * 3 + "丁。"
    before, after = sentence_around(text, 1003, 1005)  # 丙丙
    assert (before, after) == ("乙丙", "丁。")
    before, after = sentence_around("x" * 2000, 1000, 1001)
    assert before.startswith("…") and after.endswith("…")


# --- the files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_reads_back_with_networkx(fmt: str, built: BuildResult, graph: nx.MultiDiGraph) -> None:
    suffix, _ = FORMATS[fmt]
    path = _out_dir(built) / f"parkgraph.{suffix}"
    back = read_graph(str(path), fmt)
    assert isinstance(back, nx.MultiDiGraph)
    assert set(back.nodes) == set(graph.nodes)
    for node, data in graph.nodes(data=True):
        assert {k: v for k, v in back.nodes[node].items() if k != "viz"} == data, node
    ours = {(u, v, d["predicate"]): d for u, v, d in graph.edges(data=True)}
    theirs = {(u, v, d["predicate"]): d for u, v, d in back.edges(data=True)}
    assert ours.keys() == theirs.keys()
    for triple, data in ours.items():
        got = {k: v for k, v in theirs[triple].items() if k not in ("id", "networkx_key")}
        assert got == {k: v for k, v in data.items() if k != "id"}, triple
    if fmt == "json":
        assert {k for _, _, k in back.edges(keys=True)} == {
            d["predicate"] for _, _, d in graph.edges(data=True)
        }
    else:  # GraphML and GEXF use the stable edge id as the edge id (Gephi needs unique ids)
        assert {k for _, _, k in back.edges(keys=True)} == {d["id"] for _, _, d in graph.edges(data=True)}


def test_gexf_has_category_colours(built: BuildResult) -> None:
    back = read_graph(str(_out_dir(built) / "parkgraph.gexf"), "gexf")
    assert back.nodes[PARK]["viz"]["color"] == {"r": 232, "g": 89, "b": 12, "a": 1.0}


def test_committed_exports_equal_a_fresh_build(built: BuildResult) -> None:
    """graph/parkgraph.{graphml,gexf,nodelink.json} are committed: they must be what a build writes."""
    for name in EXPORT_NAMES:
        committed, fresh = ROOT / "graph" / name, _out_dir(built) / name
        assert committed.exists(), f"{committed} is missing: run python build_graph.py and commit graph/"
        assert committed.read_bytes() == fresh.read_bytes(), (
            f"{committed} differs from a fresh build: run python build_graph.py and commit graph/"
        )


def test_exports_are_byte_identical_across_hash_seeds(tmp_path: Path, built: BuildResult) -> None:
    out = tmp_path / "out"
    for seed in ("0", "4242"):
        subprocess.run(
            [sys.executable, str(ROOT / "build_graph.py"), "--out", str(out), "--quiet"],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=tmp_path,
        )
        for name in EXPORT_NAMES:
            assert (out / name).read_bytes() == (_out_dir(built) / name).read_bytes(), (seed, name)


def test_graphml_and_gexf_are_well_formed_xml_with_hostile_text(tmp_path: Path, ontology: Graph) -> None:
    hostile = 'a <b> & "c" \n d </script> \x01'
    g = synthetic_graph(6, labels=[(hostile, hostile, _expand("pg:Company"))])
    model = build_model(g, ontology=ontology, base=DEFAULT_BASE)
    for fmt, (suffix, write) in FORMATS.items():
        path = tmp_path / f"x.{suffix}"
        path.write_bytes(write(model.graph))
        back = read_graph(str(path), fmt)
        # XML cannot hold U+0001 at all: it is dropped; everything else survives
        expected = hostile if fmt == "json" else hostile.replace("\x01", "")
        assert back.nodes[f"{ID}e000000"]["label"] == expected
        assert back.nodes[f"{ID}e000000"]["label_en"] == expected


# --- the CLI --------------------------------------------------------------------------------------------


def test_stats_prints_aligned_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(ROOT), "stats", "--top", "5"]) == 0
    out = capsys.readouterr().out
    for heading in ("Nodes by type", "Edges by predicate", "connected components", "(degree)", "betweenness"):
        assert heading in out
    assert "pg:IndustrialPark" in out and "产业园" in out
    lines = out.splitlines()
    top = lines.index("Most connected entities (degree)")
    header, rule, first = lines[top + 1], lines[top + 2], lines[top + 3]
    assert "宿迁市软件与服务外包产业园" in first  # the park is the best connected entity
    assert _width(rule) >= _width(first.rstrip())  # CJK cells take two columns: columns stay aligned
    assert header.index("type") == _display_index(first, "pg:IndustrialPark")


def _display_index(line: str, needle: str) -> int:
    return _width(line[: line.index(needle)])


def test_stats_json(capsys: pytest.CaptureFixture[str], graph: nx.MultiDiGraph) -> None:
    assert main(["--project", str(ROOT), "stats", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["nodes"], data["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert data["top_degree"][0]["label"] == "宿迁市软件与服务外包产业园"
    assert data["components"] >= 1 and data["betweenness_exact"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_networkx_command(fmt: str, tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    out = tmp_path / f"g.{fmt}"
    assert main(["--project", str(ROOT), "export-networkx", "--format", fmt, "--out", str(out)]) == 0
    back = read_graph(str(out), fmt)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()


def test_export_networkx_with_provenance_and_missing_graph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.json"
    assert (
        main(["--project", str(ROOT), "export-networkx", "-f", "json", "--provenance", "--out", str(out)])
        == 0
    )
    assert any(d.get("kind") == "evidence" for _, d in read_graph(str(out), "json").nodes(data=True))
    missing = tmp_path / "none.ttl"
    assert main(["--project", str(ROOT), "stats", "--graph", str(missing)]) == 1
    assert "run `parkgraph build` first" in capsys.readouterr().err
