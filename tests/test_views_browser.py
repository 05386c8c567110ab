"""The HTML views in a real browser: headless Chromium (Debian ``chromium``) driven by Playwright.

Every view type loads with no console error and no request leaving the page, holds the nodes and edges
it should, shows the right evidence on hover and on click, runs nothing from a hostile label, and the
overview's screenshot is saved to artifacts/screenshots/ (kept by the test run, not committed).
Without Chromium or Playwright these tests skip (CI sets PARKGRAPH_STRICT=1: then they fail).
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from parkgraph.build import BuildResult
from parkgraph.namespaces import DEFAULT_BASE
from parkgraph.views import render
from parkgraph.views.model import GraphModel, build_model

from .conftest import ROOT, require
from .test_views import XSS_ALT, XSS_IMG, XSS_SCRIPT, hostile_model

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
ID = f"{DEFAULT_BASE}id/"
READY = "body[data-ready='1']"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require(
        CHROMIUM is not None and importlib.util.find_spec("playwright") is not None,
        "browser tests need Debian's chromium (apt-get install chromium fonts-noto-cjk) and "
        "pip install playwright",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page and everything it did: console messages, uncaught errors, requests, dialogs."""

    page: object
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.console, self.console
        assert not self.dialogs, self.dialogs
        assert not self.blocked, f"requests left the page: {self.blocked}"
        assert all(url.startswith("file://") for url in self.requests), self.requests


@pytest.fixture
def visit(browser) -> Iterator:  # type: ignore[no-untyped-def]
    contexts = []

    def open_page(path: Path, *, ready: bool = True) -> Visit:
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, service_workers="block")
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(route) -> None:  # type: ignore[no-untyped-def]
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                seen.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page.on(
            "console",
            lambda m: seen.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("request", lambda r: seen.requests.append(r.url))

        def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
            seen.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.resolve().as_uri())
        if ready:
            page.wait_for_selector(READY, state="attached", timeout=60_000)
        return seen

    yield open_page
    for context in contexts:
        context.close()



@pytest.fixture(scope="module")
def views(built: BuildResult) -> Path:
    return next(p for p in built.files if p.name == "parkgraph.graphml").parent / "views"


def expected_counts(model: GraphModel, path: str) -> tuple[int, int]:
    """(visible nodes, edges) of a page, computed from the graph, not from the page's data."""
    page = next(p for p in render.pages(model) if p.path == path)
    shown = set(page.selection.nodes)
    pairs = {(u, v) for u, v in model.graph.subgraph(shown).edges()}
    links = sum(len(c.links) for c in page.selection.clusters)
    nodes = len(shown) + len(page.selection.clusters)
    if page.kind == "overview" and nodes > render.OVERVIEW_CONCEPTS_SHOWN_MAX:
        nodes -= sum(1 for n in shown if model.graph.nodes[n]["category"] == "concept")
    return nodes, len(pairs) + links


def network_counts(page) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return tuple(
        page.evaluate("[parkgraph.network.body.data.nodes.length, parkgraph.network.body.data.edges.length]")
    )


def node_screen_position(page, node_id: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Where node ``node_id`` is drawn, in page coordinates."""
    x, y = page.evaluate(
        "id => { const n = parkgraph.network; const p = n.canvasToDOM(n.getPositions([id])[id]); "
        "return [p.x, p.y]; }",
        node_id,
    )
    box = page.locator("#pg-network canvas").bounding_box()
    return box["x"] + x, box["y"] + y


def node_id(page, label: str) -> int:  # type: ignore[no-untyped-def]
    return page.evaluate("label => parkgraph.data.info.nodes.findIndex(i => i.label === label)", label)


VIEW_PAGES = [
    "overview.html",
    "entity/suqian-software-park.html",
    "entity/vazyme.html",
    "concept/industries--big-data.html",
    "chain/jd-chain.html",
    "action/digital-countryside-action.html",
    "platform/hr-platform.html",
]


@pytest.mark.parametrize("path", VIEW_PAGES)
def test_view_loads_offline_with_the_expected_network(
    path: str, visit, views: Path, model: GraphModel
) -> None:  # type: ignore[no-untyped-def]
    seen = visit(views / path)
    seen.assert_clean()
    assert network_counts(seen.page) == expected_counts(model, path)
    positions = seen.page.evaluate("Object.keys(parkgraph.network.getPositions()).length")
    assert positions == expected_counts(model, path)[0]
    assert seen.page.evaluate("parkgraph.network.physics.physicsEnabled") is False  # settled, then frozen
    heading = seen.page.locator("#pg-heading").inner_text()
    assert heading and "parkgraph" in seen.page.title()


def test_index_loads_offline_and_searches(visit, views: Path) -> None:  # type: ignore[no-untyped-def]
    seen = visit(views / "index.html", ready=False)
    page = seen.page
    page.wait_for_load_state("load")
    total = page.locator("li[data-search]").count()
    assert total > 100
    page.fill("#pg-filter", "京东")
    visible = page.locator("li[data-search]:visible")
    assert 0 < visible.count() < total
    for text in visible.all_inner_texts():
        assert "京东" in text or "jd" in text.lower()
    assert "/" in page.locator("#pg-count").inner_text()
    page.fill("#pg-filter", "没有这种东西zzz")
    assert page.locator("#pg-empty").is_visible()
    page.fill("#pg-filter", "")
    page.click("a[href='entity/jd-chain.html']")
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    assert page.locator("#pg-heading").inner_text() == "“京东系”特色链 的邻域"
    seen.assert_clean()


def test_hover_on_a_node_shows_its_evidence_sentence(visit, views: Path, model: GraphModel) -> None:  # type: ignore[no-untyped-def]
    seen = visit(views / "entity" / "vazyme.html")
    page = seen.page
    target = node_id(page, "诺唯赞生物")
    span = model.evidence[f"{ID}vazyme"][0]
    page.mouse.move(*node_screen_position(page, target))
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert "诺唯赞生物" in text and "企业" in text  # label and type
    assert span.exact in text and span.sentence.replace("\n", "") in text.replace("\n", "")
    assert tooltip.locator("mark").inner_text() == span.exact  # the quote is highlighted in its sentence
    seen.assert_clean()


def test_hover_on_an_edge_shows_the_statement_evidence(visit, views: Path, model: GraphModel) -> None:  # type: ignore[no-untyped-def]
    seen = visit(views / "chain" / "jd-chain.html")
    page = seen.page
    page.evaluate("parkgraph.network.setOptions({edges: {smooth: false}})")  # straight: midpoint is on it
    source, target = node_id(page, "“京东系”特色链"), node_id(page, "京东云小镇")
    (x1, y1), (x2, y2) = node_screen_position(page, source), node_screen_position(page, target)
    page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    spans = model.edge_spans(f"{ID}jd-chain", f"{ID}jd-cloud-town", "pg:hasMember")
    assert spans, "the reified statement has evidence"
    text = tooltip.inner_text()
    assert "包含成员" in text and spans[0].exact in text
    seen.assert_clean()


def test_click_shows_details_with_evidence_and_ego_link(visit, views: Path, model: GraphModel) -> None:  # type: ignore[no-untyped-def]
    seen = visit(views / "chain" / "jd-chain.html")
    page = seen.page
    target = node_id(page, "京东云华东数据中心")
    page.mouse.click(*node_screen_position(page, target))
    details = page.locator("#pg-details")
    details.locator(".pg-title").first.wait_for()
    assert details.locator(".pg-title").first.inner_text() == "京东云华东数据中心"
    span = model.evidence[f"{ID}jd-cloud-east-china-data-centre"][0]
    assert span.exact in details.inner_text()
    link = details.locator("a.pg-ego")
    assert link.get_attribute("href") == "../entity/jd-cloud-east-china-data-centre.html"
    link.click()
    page.wait_for_selector(READY, state="attached", timeout=60_000)
    assert page.url.endswith("/entity/jd-cloud-east-china-data-centre.html")
    seen.assert_clean()


def test_legend_hides_and_shows_a_class(visit, views: Path, model: GraphModel) -> None:  # type: ignore[no-untyped-def]
    seen = visit(views / "overview.html")
    page = seen.page
    before, _ = network_counts(page)
    concepts = sum(1 for _, d in model.graph.nodes(data=True) if d["category"] == "concept")
    page.click(".pg-legend-row[data-group='concept']")
    assert network_counts(page)[0] == before + concepts
    page.click(".pg-legend-row[data-group='statistic']")
    statistics = sum(1 for _, d in model.graph.nodes(data=True) if d["category"] == "statistic")
    assert network_counts(page)[0] == before + concepts - statistics
    page.fill("#pg-search", "宿迁市软件与服务外包产业园")
    page.press("#pg-search", "Enter")
    assert page.locator("#pg-details .pg-title").first.inner_text() == "宿迁市软件与服务外包产业园"
    seen.assert_clean()


def test_hostile_labels_run_nothing_and_show_as_text(tmp_path: Path, visit, ontology: Graph) -> None:  # type: ignore[no-untyped-def]
    model = hostile_model(ontology)
    render.write_html_views(model, tmp_path)
    checks = (
        "[document.querySelectorAll('img').length, document.querySelectorAll('svg').length, "
        "document.scripts.length]"
    )
    for path in ("overview.html", "chain/e000000.html", "entity/e000001.html"):
        seen = visit(tmp_path / path)
        page = seen.page
        assert page.evaluate(checks) == [0, 0, 3]  # no injected image or svg, no extra script
        target = node_id(page, XSS_IMG)
        assert target >= 0
        page.mouse.move(*node_screen_position(page, target))
        tooltip = page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=10_000)
        assert XSS_IMG in tooltip.inner_text()  # shown literally
        assert tooltip.locator("img").count() == 0
        page.mouse.click(*node_screen_position(page, target))
        assert page.locator("#pg-details .pg-title").first.inner_text() == XSS_IMG
        options = page.evaluate(
            "Array.from(document.querySelectorAll('#pg-search-list option')).map(o => o.value)"
        )
        assert XSS_IMG in options and XSS_SCRIPT in options
        seen.assert_clean()
        assert not any(url.endswith("/x") for url in seen.requests)  # <img src=x> never loaded
    chain = visit(tmp_path / "chain" / "e000000.html").page
    assert chain.locator("#pg-heading").inner_text() == f"产业链：{XSS_IMG}"
    assert chain.title() == f"产业链：{XSS_IMG} · parkgraph"
    index = visit(tmp_path / "index.html", ready=False)
    index.page.wait_for_load_state("load")
    links = index.page.locator("li[data-search] a").all_inner_texts()
    assert XSS_IMG in links and XSS_SCRIPT in links
    index.page.fill("#pg-filter", XSS_ALT.lower())
    assert index.page.locator("li[data-search]:visible").count() >= 1  # the alt label is searchable text
    index.assert_clean()


def test_overview_screenshot_is_saved(visit, views: Path) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    seen = visit(views / "overview.html")
    path = SCREENSHOTS / "overview.png"
    seen.page.screenshot(path=str(path))
    assert path.stat().st_size > 50_000  # a drawn graph, not a blank page
    visit(views / "entity" / "suqian-software-park.html").page.screenshot(
        path=str(SCREENSHOTS / "ego-park.png")
    )
    seen.assert_clean()


def test_a_capped_overview_of_a_big_graph_stays_usable(tmp_path: Path, visit, ontology: Graph) -> None:  # type: ignore[no-untyped-def]
    from parkgraph.views.synthetic import synthetic_graph

    model = build_model(synthetic_graph(2000, seed=2), ontology=ontology, base=DEFAULT_BASE)
    g = model.graph
    selection = render.select_overview(model, dict(g.degree()), nx.Graph(g.to_undirected(as_view=True)))
    html = render.Renderer(model).render(
        render.Page("overview.html", "overview", "总览", "Overview", None, selection)
    )
    (tmp_path / "overview.html").write_text(html, encoding="utf-8")
    for name, source in render.lib_files().items():
        (tmp_path / "lib").mkdir(exist_ok=True)
        (tmp_path / "lib" / name).write_bytes(source.read_bytes())
    seen = visit(tmp_path / "overview.html")
    nodes, _ = network_counts(seen.page)
    assert nodes <= render.OVERVIEW_MAX_NODES + len(selection.clusters)
    seen.page.screenshot(path=str(tmp_path / "big.png"))
    seen.assert_clean()
