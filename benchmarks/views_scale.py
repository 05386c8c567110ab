#!/usr/bin/env python3
"""How the views scale: generation time and size of the overview and an ego view at 1k and 10k entities.

    python benchmarks/views_scale.py                 # 1k and 10k entities
    python benchmarks/views_scale.py --sizes 1000 --all --browser --pyvis
    python benchmarks/views_scale.py --articles 200 1000 --work DIR    # the article pages of a corpus

For each size a synthetic graph shaped like parkgraph's (parkgraph.views.synthetic: entities linked by
preferential attachment, statistics with quantities and times, reified statements, evidence) is
converted to the networkx model, then the overview and two ego views (a hub's and a typical entity's)
are generated and measured. ``--all`` also times every page of views/ (one per entity and concept),
``--browser`` opens the overview in headless Chromium and times it until the layout is frozen, and
``--pyvis`` times filling a plain pyvis ``Network`` with ``add_node``/``add_edge`` for comparison with
:meth:`~parkgraph.views.render.OfflineNetwork.set_data`.

``--articles N`` measures the article pages of a synthetic corpus of N articles (``parkgraph.synth``,
seed 0, in ``--work``/N, made once and reused): a cold build (the pages' share of it, their sizes, the
index's), an unchanged rebuild (no page made), a rebuild after one annotation file got a comment (its
page made again, not written: same bytes) and after one entity's English label changed (its page alone
written: every other page keeps its modification time).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parkgraph.namespaces import DEFAULT_BASE  # noqa: E402
from parkgraph.views import render  # noqa: E402
from parkgraph.views.model import build_model  # noqa: E402
from parkgraph.views.synthetic import synthetic_graph  # noqa: E402
from parkgraph.vocabulary import load_ontology  # noqa: E402


def timed(function, *args, repeat: int = 3):  # type: ignore[no-untyped-def]
    """(median seconds, result) over ``repeat`` runs."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def browser_seconds(html: str, folder: Path) -> float:
    """Seconds until the page's layout is stabilised and frozen in headless Chromium."""
    from playwright.sync_api import sync_playwright

    (folder / "lib").mkdir(parents=True, exist_ok=True)
    for name, source in render.lib_files().items():
        shutil.copyfile(source, folder / "lib" / name)
    page_path = folder / "overview.html"
    page_path.write_text(html, encoding="utf-8")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=args)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        started = time.perf_counter()
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=300_000)
        seconds = time.perf_counter() - started
        browser.close()
    return seconds


def pyvis_seconds(nodes: list[dict[str, object]], edges: list[dict[str, object]]) -> tuple[float, float]:
    """(plain pyvis add_node/add_edge, OfflineNetwork.set_data) seconds for the same data."""
    from pyvis.network import Network

    started = time.perf_counter()
    plain = Network(directed=True)
    for node in nodes:
        plain.add_node(node["id"], label=node["label"])
    for edge in edges:
        plain.add_edge(edge["from"], edge["to"])
    naive = time.perf_counter() - started
    started = time.perf_counter()
    render.OfflineNetwork(heading="x").set_data(nodes, edges)
    return naive, time.perf_counter() - started


def measure(n: int, args: argparse.Namespace, ontology) -> dict[str, object]:  # type: ignore[no-untyped-def]
    import networkx as nx

    started = time.perf_counter()
    rdf = synthetic_graph(n, seed=1)
    generated = time.perf_counter() - started
    model_s, model = timed(lambda: build_model(rdf, ontology=ontology, base=DEFAULT_BASE), repeat=1)
    g = model.graph
    degree = dict(g.degree())
    undirected = nx.Graph(g.to_undirected(as_view=True))
    renderer = render.Renderer(model)

    def overview() -> tuple[render.Selection, str]:
        selection = render.select_overview(model, degree, undirected)
        page = render.Page("overview.html", "overview", "总览", "Overview", None, selection)
        return selection, renderer.render(page)

    def ego(node: str):  # type: ignore[no-untyped-def]
        def run() -> tuple[render.Selection, str]:
            selection = render.select_ego(model, node, degree, undirected)
            page = render.Page("entity/x.html", "ego", "x", "x", node, selection)
            return selection, renderer.render(page)

        return run

    entities = sorted(
        (n for n, d in g.nodes(data=True) if d["kind"] == "entity"), key=lambda x: (degree[x], x)
    )
    hub, typical = entities[-1], entities[len(entities) // 2]
    overview_s, (overview_sel, overview_html) = timed(overview)
    hub_s, (hub_sel, hub_html) = timed(ego(hub))
    typical_s, (typical_sel, typical_html) = timed(ego(typical))
    result: dict[str, object] = {
        "entities": n,
        "triples": len(rdf),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "synthetic_graph_s": round(generated, 2),
        "model_s": round(model_s, 2),
        "overview_s": round(overview_s, 3),
        "overview_bytes": len(overview_html.encode("utf-8")),
        "overview_nodes_drawn": len(overview_sel.nodes) + len(overview_sel.clusters),
        "overview_clusters": len(overview_sel.clusters),
        "ego_hub_s": round(hub_s, 3),
        "ego_hub_bytes": len(hub_html.encode("utf-8")),
        "ego_hub_nodes": len(hub_sel.nodes) + len(hub_sel.clusters),
        "ego_hub_degree": degree[hub],
        "ego_typical_s": round(typical_s, 3),
        "ego_typical_bytes": len(typical_html.encode("utf-8")),
        "ego_typical_nodes": len(typical_sel.nodes),
    }
    if args.all:
        all_s, files = timed(lambda: render.html_files(model), repeat=1)
        result.update(
            all_pages_s=round(all_s, 2),
            all_pages=len(files),
            all_pages_mb=round(sum(map(len, files.values())) / 1e6, 1),
        )
    if args.browser:
        with tempfile.TemporaryDirectory() as tmp:
            result["overview_browser_s"] = round(browser_seconds(overview_html, Path(tmp)), 2)
    if args.pyvis:
        nodes = [{"id": i, "label": str(node)} for i, node in enumerate(g)]
        index = {node: i for i, node in enumerate(g)}
        edges = [{"from": index[u], "to": index[v]} for u, v in g.edges()]
        naive, ours = pyvis_seconds(nodes, edges)
        result.update(pyvis_add_node_s=round(naive, 2), set_data_s=round(ours, 4))
    return result


def _build(folder: Path) -> tuple[float, dict[str, object]]:
    from parkgraph.build import Project, build

    started = time.perf_counter()
    result = build(Project.at(folder))
    return time.perf_counter() - started, result.stats


def _pages(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (folder / "graph" / "views" / "article").glob("*.html")}


def _edit_last_entity_label(notes: str) -> str:
    """``notes`` (an annotation file) with the English label of its last entity changed."""
    start = notes.index("\nentities:\n")
    end = re.search(r"\n[a-z]", notes[start + 1 :])
    stop = start + 1 + end.start() if end else len(notes)
    at = notes.rindex("\n    en: ", start, stop)
    return notes[:at] + "\n    en: (edited) " + notes[at + len("\n    en: ") :]


def measure_articles(n: int, work: Path) -> dict[str, object]:
    """The article pages of a synthetic corpus of ``n`` articles: cold, unchanged, one article changed."""
    from parkgraph.synth import generate_corpus

    folder = work / str(n)
    if not (folder / "corpus").exists():
        generate_corpus(n, folder, seed=0)
    if not (folder / "ontology").exists():
        shutil.copytree(ROOT / "ontology", folder / "ontology")
    for stale in (folder / "graph", folder / ".parkgraph-cache"):
        shutil.rmtree(stale, ignore_errors=True)
    result: dict[str, object] = {"articles": n}
    cold_s, stats = _build(folder)
    pages = stats["article_pages"]
    sizes = sorted(p.stat().st_size for p in (folder / "graph" / "views" / "article").glob("*.html"))
    views = folder / "graph" / "views"
    result.update(
        triples=stats["triples"],
        graph_views=(views / "overview.html").exists(),
        cold_build_s=round(cold_s, 1),
        cold_pages_s=pages["seconds"],  # type: ignore[index]
        cold_pages_share=f"{100 * pages['seconds'] / cold_s:.1f} %",  # type: ignore[index]
        ms_per_page=round(1000 * pages["seconds"] / max(1, pages["rendered"]), 1),  # type: ignore[index]
        pages=len(sizes),
        page_median_kb=round(statistics.median(sizes) / 1000, 1),
        page_max_kb=round(sizes[-1] / 1000, 1),
        pages_total_mb=round(sum(sizes) / 1e6, 1),
        index_kb=round((views / "index.html").stat().st_size / 1000, 1),
        manifest_kb=round((views / "articles.json").stat().st_size / 1000, 1),
    )
    warm_s, stats = _build(folder)
    result.update(unchanged_build_s=round(warm_s, 1), unchanged_pages=stats["article_pages"])
    ids = sorted(p.stem for p in (folder / "annotations").glob("*.yaml"))
    notes = folder / "annotations" / f"{ids[len(ids) // 2]}.yaml"
    original = notes.read_text(encoding="utf-8")
    try:
        before = _pages(folder)
        notes.write_text(original + "# a comment: same graph\n", encoding="utf-8")
        comment_s, stats = _build(folder)
        after = _pages(folder)
        result.update(
            comment_build_s=round(comment_s, 1),
            comment_pages=stats["article_pages"],
            comment_pages_rewritten=sum(after[p] != before.get(p) for p in after),
        )
        edited = _edit_last_entity_label(original)
        notes.write_text(edited, encoding="utf-8")
        before = after
        edit_s, stats = _build(folder)
        after = _pages(folder)
        result.update(
            edit_build_s=round(edit_s, 1),
            edit_pages=stats["article_pages"],
            edit_pages_rewritten=sum(after[p] != before.get(p) for p in after),
        )
    finally:
        notes.write_text(original, encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="entity counts")
    parser.add_argument("--all", action="store_true", help="also time every page of views/")
    parser.add_argument("--browser", action="store_true", help="also time the overview in headless Chromium")
    parser.add_argument("--pyvis", action="store_true", help="also time plain pyvis add_node/add_edge")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--articles", type=int, nargs="+", help="measure the article pages of N articles")
    parser.add_argument("--work", type=Path, help="folder for --articles' synthetic corpora")
    args = parser.parse_args(argv)
    results: list[dict[str, object]] = []
    if args.articles:
        if args.work is None:
            parser.error("--articles needs --work DIR")
        for n in args.articles:
            result = measure_articles(n, args.work)
            results.append(result)
            print(f"\n{n:,} articles")
            for key, value in result.items():
                print(f"  {key:24} {value}")
        if args.json:
            args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        return 0
    ontology = load_ontology(ROOT / "ontology")
    for n in args.sizes:
        result = measure(n, args, ontology)
        results.append(result)
        print(
            f"\n{n:,} entities ({result['nodes']:,} nodes, {result['edges']:,} edges, "
            f"{result['triples']:,} triples)"
        )
        for key, value in result.items():
            if key not in ("entities", "nodes", "edges", "triples"):
                print(f"  {key:22} {value:>12,}" if isinstance(value, int) else f"  {key:22} {value:>12}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
