"""The HTML views as files: what the build writes, offline, escaped, capped at scale, the ``views``
command. What they do in a browser is tested in test_views_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from parkgraph.build import BuildResult
from parkgraph.cli import main
from parkgraph.namespaces import DEFAULT_BASE
from parkgraph.views import render
from parkgraph.views.model import GraphModel, _expand, build_model
from parkgraph.views.synthetic import synthetic_graph

from .conftest import ROOT

ID = f"{DEFAULT_BASE}id/"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(2)</script>"
XSS_ALT = '"><svg onload=alert(3)>'



@pytest.fixture(scope="module")
def views(built: BuildResult) -> Path:
    folder = next(p for p in built.files if p.name == "parkgraph.graphml").parent / "views"
    assert (folder / "index.html").exists(), "the build writes the views next to the graph files"
    return folder


def hostile_model(ontology: Graph, n: int = 12) -> GraphModel:
    """A tiny graph whose labels try to inject markup, script and attributes."""
    g = synthetic_graph(
        n,
        seed=3,
        labels=[
            (XSS_IMG, XSS_IMG + " en", _expand("pg:IndustrialChain")),
            (XSS_SCRIPT, "</script> en", _expand("pg:Company")),
        ],
        alt_labels=[XSS_ALT],
    )
    return build_model(g, ontology=ontology, base=DEFAULT_BASE)


def _data_block(html: str) -> dict:  # type: ignore[type-arg]
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', html, re.S)
    assert match, "every graph page carries its data in one JSON block"
    return json.loads(match.group(1))


def test_build_writes_every_view(views: Path, model: GraphModel) -> None:
    g = model.graph
    entities = [n for n, d in g.nodes(data=True) if d["kind"] == "entity"]
    concepts = [n for n, d in g.nodes(data=True) if d["kind"] == "concept"]
    assert len(list((views / "entity").glob("*.html"))) == len(entities) == 80
    assert len(list((views / "concept").glob("*.html"))) == len(concepts)
    assert (views / "overview.html").exists() and (views / "index.html").exists()
    assert sorted(p.stem for p in (views / "chain").glob("*.html")) == [
        "cultural-creative-chain",
        "jd-chain",
        "pharma-chain",
    ]
    assert len(list((views / "action").glob("*.html"))) == 3
    platforms = sorted(p.stem for p in (views / "platform").glob("*.html"))
    assert "hr-platform" in platforms and "yaoyanshe" in platforms  # a company that is also a platform
    for name in ("vis-network.min.js", "vis-network.css", "parkgraph-view.js", "parkgraph.css"):
        assert (views / "lib" / name).stat().st_size > 0


def test_views_are_utf8_offline_and_every_link_resolves(views: Path) -> None:
    pages = sorted(views.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = page.read_bytes().decode("utf-8")  # UTF-8, or this raises
        assert '<meta charset="utf-8">' in text
        assert "Content-Security-Policy" in text and "default-src 'none'" in text
        for ref in re.findall(r'(?:src|href)="([^"]*)"', text):
            assert not re.match(r"^(?:[a-z]+:|//)", ref), f"{page}: {ref} leaves the folder"
            assert (page.parent / ref.split("#")[0]).resolve().exists(), f"{page}: {ref} is missing"
        if 'id="pg-data"' in text:
            data = _data_block(text)
            infos = data["info"]["nodes"] if "info" in data else data["records"]  # a graph view, an article
            for info in infos:
                if info.get("href"):
                    assert (views / info["href"]).exists(), f"{page}: {info['href']} is missing"
    for script in (views / "lib").glob("parkgraph*.js"):
        code = script.read_text(encoding="utf-8")
        assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "eval(" not in code


def test_index_lists_every_view(views: Path) -> None:
    index = (views / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'<a href="([^"]+)"', index))
    pages = {p.relative_to(views).as_posix() for p in views.rglob("*.html")} - {"index.html"}
    assert linked == pages
    assert "article/000_64b6559f5e865fa2.html" in linked  # the article pages too
    assert 'id="pg-filter"' in index and "lib/parkgraph-index.js" in index


def test_view_data_matches_the_graph(views: Path, model: GraphModel) -> None:
    page = _data_block((views / "entity" / "jd-chain.html").read_text(encoding="utf-8"))
    labels = {info["label"] for info in page["info"]["nodes"]}
    assert "“京东系”特色链" in labels and "京东云小镇" in labels
    focus = page["info"]["nodes"][page["view"]["focus"]]
    assert focus["iri"] == f"{ID}jd-chain"
    spans = page["info"][
        "spans"
    ]  # each span once per page, [before, exact, after, ref]; referenced by number
    assert spans[focus["evidence"][0]][1] == "打造“京东系”特色链"
    assert len({tuple(s) for s in spans}) == len(spans)
    edge_labels = {e["label"] for e in page["edges"]}
    assert "包含成员" in edge_labels
    # each fact shows its quantity in its label, its values and its evidence in the tooltip data
    overview = _data_block((views / "overview.html").read_text(encoding="utf-8"))
    revenue = next(i for i in overview["info"]["nodes"] if i["label"] == "今年帮助企业申请的产业引导基金")
    assert ["数值", "value", "2000余万元（20,000,000 CNY，余 / slightly more than）"] in revenue["values"]
    assert ["时间", "time", "今年（2022）"] in revenue["values"]
    assert "产业引导基金2000余万元" in overview["info"]["spans"][revenue["evidence"][0]][1]
    assert overview["view"]["hiddenGroups"] == ["concept"]


def test_pyvis_flaws_are_fixed_in_the_output(views: Path) -> None:
    html = (views / "overview.html").read_text(encoding="utf-8")
    for cdn in ("cdnjs", "jsdelivr", "bootstrap", "unpkg"):
        assert cdn not in html
    assert html.count("<script") == 3  # the JSON block, vis-network, ours: nothing inline runs


def test_hostile_labels_are_escaped_everywhere(tmp_path: Path, ontology: Graph) -> None:
    model = hostile_model(ontology)
    render.write_html_views(model, tmp_path)
    for page in tmp_path.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html and "<svg onload" not in html, page
        assert html.count("</script>") == html.count("<script"), page  # nothing closes a script early
        assert "alert(2)</script>" not in html
    overview = _data_block((tmp_path / "overview.html").read_text(encoding="utf-8"))
    labels = {info["label"] for info in overview["info"]["nodes"]}
    assert {XSS_IMG, XSS_SCRIPT} <= labels  # the JSON still holds the text exactly
    chain = (tmp_path / "chain" / "e000000.html").read_text(encoding="utf-8")
    assert '<h1 id="pg-heading">产业链：&lt;img src=x onerror=alert(1)&gt;</h1>' in chain
    assert "<title>产业链：&lt;img src=x onerror=alert(1)&gt; · parkgraph</title>" in chain
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in index
    assert "&#34;&gt;&lt;svg onload=alert(3)&gt;" in index  # in a data-search attribute


def test_views_are_deterministic(model: GraphModel) -> None:
    assert render.html_files(model) == render.html_files(model)


def test_offline_network_adds_nodes_in_linear_time() -> None:
    net = render.OfflineNetwork(heading="x")
    nodes = [{"id": i, "label": str(i)} for i in range(20000)]
    net.set_data(nodes, [{"id": 0, "from": 0, "to": 1}])
    assert net.num_nodes() == 20000 and net.num_edges() == 1 and net.get_node(19999)["label"] == "19999"


@pytest.fixture(scope="module")
def big_model(ontology: Graph) -> GraphModel:
    return build_model(synthetic_graph(1000, seed=1), ontology=ontology, base=DEFAULT_BASE)


def test_overview_is_capped_and_clustered_past_the_limit(big_model: GraphModel) -> None:
    g = big_model.graph
    assert g.number_of_nodes() > render.OVERVIEW_MAX_NODES
    degree = dict(g.degree())
    undirected = nx.Graph(g.to_undirected(as_view=True))
    selection = render.select_overview(big_model, degree, undirected)
    assert len(selection.nodes) == render.OVERVIEW_MAX_NODES
    assert sum(c.count for c in selection.clusters) == g.number_of_nodes() - render.OVERVIEW_MAX_NODES
    hub = max(g, key=lambda n: (degree[n], n))
    assert hub in selection.nodes  # the best connected are kept
    html = render.Renderer(big_model).render(
        render.Page("overview.html", "overview", "总览", "Overview", None, selection)
    )
    data = _data_block(html)
    assert len(data["nodes"]) == render.OVERVIEW_MAX_NODES + len(selection.clusters)
    assert any(n["label"].startswith("+") for n in data["nodes"])
    assert "showing the 300 best connected" in data["view"]["noteEn"]


def test_ego_views_are_capped(big_model: GraphModel) -> None:
    g = big_model.graph
    degree = dict(g.degree())
    undirected = nx.Graph(g.to_undirected(as_view=True))
    for node in sorted(g, key=lambda n: -degree[n])[:5] + sorted(g)[:50]:
        selection = render.select_ego(big_model, node, degree, undirected)
        assert node in selection.nodes and len(selection.nodes) <= render.EGO_MAX_NODES
        assert set(undirected.adj[node]) <= set(selection.nodes) or selection.clusters


def test_views_command_writes_and_prunes(tmp_path: Path) -> None:
    out = tmp_path / "views"
    stale = out / "entity" / "gone.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    assert main(["--project", str(ROOT), "views", "--out", str(out)]) == 0
    assert (out / "index.html").exists() and (out / "entity" / "suqian-software-park.html").exists()
    assert not stale.exists()
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    assert main(["--project", str(ROOT), "views", "--out", str(out)]) == 0
    assert before == {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}  # unchanged: not rewritten
