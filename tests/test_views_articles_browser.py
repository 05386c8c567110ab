"""The article pages in a real browser (headless Chromium through Playwright, as test_views_browser.py).

On the first article's page every highlight's text is the graph's ``oa:exact`` for its offsets, and the
code point offset the page computes for it is its ``data-start``; clicking a highlight shows its fact;
the figures table lists the article's figures, sorts, and jumps to a span; a hostile article (markup,
script, a right-to-left override, a character outside the BMP before its spans) runs nothing and shows
its text as text, at the graph's offsets; the index filters articles by date and kind. Screenshots of a
curated and an extracted page are saved to artifacts/screenshots/ (docs/views.md shows them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from parkgraph.build import BuildResult, Project
from parkgraph.namespaces import DEFAULT_BASE

from .test_views_articles import (
    ARTICLE,
    EXTRACTED,
    FIRST,
    HOSTILE,
    HOSTILE_TITLE,
    NON_BMP,
    graph_spans,
    hostile_build,  # noqa: F401  (a fixture, asked for by name in ``hostile``)
)
from .test_views_browser import READY, SCREENSHOTS, browser, visit  # noqa: F401  (fixtures, by name)

#: Each mark's offsets, its text, and the code point offset the page computes for its first character.
MARKS = """() => Array.from(document.querySelectorAll('#pg-text mark[data-i]')).map(m => [
  Number(m.dataset.start), Number(m.dataset.end), m.textContent,
  parkgraph.offsetAt(m.firstChild || m, 0), Number(m.dataset.i)])"""


def page_of(views: Path, article: str) -> Path:
    return views / "article" / f"{article}.html"


@pytest.fixture
def open_page(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """test_views_browser's ``visit``: a page opened in Chromium, with what it did (requests, errors)."""
    return request.getfixturevalue("visit")


@pytest.fixture
def hostile(request: pytest.FixtureRequest) -> tuple[Project, BuildResult]:
    """test_views_articles' build of the hostile and the extracted article."""
    return request.getfixturevalue("hostile_build")  # type: ignore[no-any-return]


def click_mark(page, mark) -> None:  # type: ignore[no-untyped-def]
    """Click the middle of a mark's first character (so the page's own offset for the click is the
    mark's ``data-start``, in code points)."""
    x, y = mark.evaluate(
        """m => { const t = document.createTreeWalker(m, NodeFilter.SHOW_TEXT).nextNode();
        const r = document.createRange(); r.setStart(t, 0);
        r.setEnd(t, t.data.codePointAt(0) > 0xffff ? 2 : 1);
        const b = r.getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; }"""
    )
    page.mouse.click(x, y)


def test_first_article_highlights_are_the_graphs_spans(open_page, built: BuildResult) -> None:  # type: ignore[no-untyped-def]
    views = next(p for p in built.files if p.name == "parkgraph.graphml").parent / "views"
    seen = open_page(page_of(views, FIRST))
    page = seen.page
    marks = page.evaluate(MARKS)
    expected = graph_spans(built.graph, ARTICLE)
    assert len(marks) == len(expected) == 221
    for start, end, text, offset, _ in marks:
        assert text == expected[(start, end)]  # the highlight's text is the graph's oa:exact
        assert offset == start  # and it stands at the graph's offset, counted in code points
    # the base layer is the article's text; every overlay lies exactly over it
    text = str(built.graph.value(URIRef(ARTICLE), URIRef("https://schema.org/text")))
    assert page.evaluate("document.getElementById('pg-text-0').textContent") == text
    overlay = page.locator(".pg-overlay mark[data-i]").first
    start, end = int(overlay.get_attribute("data-start")), int(overlay.get_attribute("data-end"))
    under = page.evaluate(
        """([s]) => { const layer = document.getElementById('pg-text-0');
        const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT); let n, seen = 0;
        while ((n = walker.nextNode())) { const len = Array.from(n.data).length;
          if (seen + len > s) { const r = document.createRange();
            const units = Array.from(n.data).slice(0, s - seen).join('').length;
            r.setStart(n, units); r.setEnd(n, units + Array.from(n.data)[s - seen].length);
            const b = r.getBoundingClientRect(); return [b.x, b.y]; }
          seen += len; } }""",
        [start],
    )
    box = overlay.evaluate("m => { const b = m.getClientRects()[0]; return [b.x, b.y]; }")
    assert abs(under[0] - box[0]) < 1 and abs(under[1] - box[1]) < 1  # the overlay's mark sits on its words
    seen.assert_clean()


def test_clicking_a_highlight_shows_its_fact(open_page, built: BuildResult) -> None:  # type: ignore[no-untyped-def]
    views = next(p for p in built.files if p.name == "parkgraph.graphml").parent / "views"
    seen = open_page(page_of(views, FIRST))
    page = seen.page
    record = page.evaluate(
        "parkgraph.data.records.findIndex(r => r.iri.endsWith('fact/" + FIRST + "/park-revenue-2022-h1'))"
    )
    span = page.evaluate(f"parkgraph.data.records[{record}].spans[0]")
    mark = page.locator(f"#pg-text-0 mark[data-i='{span}']")
    mark.scroll_into_view_if_needed()
    mark.hover()
    tip = page.locator("#pg-tip")
    tip.wait_for(state="visible")
    assert "主营业务收入" in tip.inner_text()
    click_mark(page, mark)
    details = page.locator("#pg-details")
    card = details.locator(f".pg-record[data-record='{record}']").first
    card.wait_for()
    text = card.inner_text()
    assert "主营业务收入" in text and "36.45亿元" in text and "今年上半年（2022-01-01 – 2022-06-30）" in text
    assert "统计" in text  # its class
    assert (
        details.locator(".pg-span-head cite").first.inner_text()
        == f"{FIRST}:{mark.get_attribute('data-start')}-{mark.get_attribute('data-end')}"
    )
    # a participant links to its graph view (they are written beside the page for this small corpus)
    link = card.locator("a.pg-ego").first
    assert link.get_attribute("href") == "../entity/suqian-software-park.html"
    assert page.locator(f"tr[data-record='{record}'].pg-current").count() == 1  # its table row is marked
    seen.assert_clean()


def test_the_figures_table_lists_sorts_and_jumps(open_page, built: BuildResult) -> None:  # type: ignore[no-untyped-def]
    views = next(p for p in built.files if p.name == "parkgraph.graphml").parent / "views"
    seen = open_page(page_of(views, FIRST))
    page = seen.page
    rows = page.locator("table[data-table='figures'] tbody tr")
    assert rows.count() == 25
    indicators = rows.evaluate_all("rs => rs.map(r => r.cells[1].textContent)")
    assert "主营业务收入" in indicators and "总投资" in indicators
    value = page.locator("table[data-table='figures'] th").nth(2)
    value.click()
    numbers = rows.evaluate_all("rs => rs.map(r => Number(r.cells[2].dataset.sort))")
    assert numbers == sorted(numbers)
    value.click()
    numbers = rows.evaluate_all("rs => rs.map(r => Number(r.cells[2].dataset.sort))")
    assert numbers == sorted(numbers, reverse=True) and numbers[0] == 12_000_000_000
    rows.first.click()  # the largest figure: 超过120亿元
    selected = page.locator("#pg-text mark.pg-selected").first
    selected.wait_for()
    assert "120亿元" in selected.inner_text()
    assert selected.is_visible()
    seen.assert_clean()


def test_hostile_article_runs_nothing_and_counts_code_points(open_page, hostile) -> None:  # type: ignore[no-untyped-def]
    project, result = hostile
    seen = open_page(page_of(project.out_dir / "views", HOSTILE))
    page = seen.page
    assert page.evaluate(
        "[document.querySelectorAll('img').length, document.querySelectorAll('svg').length]"
    ) == [0, 0]
    assert page.evaluate("document.scripts.length") == 3  # the JSON block, the graph flag, our script
    assert page.locator("#pg-heading").inner_text() == HOSTILE_TITLE  # the text, as text
    ctl = page.locator("#pg-heading .pg-ctl")  # the override shown by its code point, its effect confined
    assert ctl.count() == 1 and ctl.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    assert "U+202E" in ctl.evaluate("e => getComputedStyle(e, '::before').content")
    # "倒序" after the override still reads left to right: its first character is left of its second
    order = page.evaluate(
        """() => { const t = document.getElementById('pg-heading').lastChild;
        const r = document.createRange(); r.setStart(t, 0); r.setEnd(t, 1);
        const a = r.getBoundingClientRect().x;
        r.setStart(t, 1); r.setEnd(t, 2); return [a, r.getBoundingClientRect().x]; }"""
    )
    assert order[0] < order[1]
    assert page.title().startswith("<script>alert('title')</script>")
    marks = page.evaluate(MARKS)
    expected = graph_spans(result.graph, f"{DEFAULT_BASE}article/{HOSTILE}")
    assert {(s, e): t for s, e, t, _, _ in marks} == expected
    for start, _, _, offset, _ in marks:
        assert offset == start
    park = next(m for m in marks if m[2] == f"{NON_BMP}谷科技园")
    naive = page.evaluate(
        "t => document.getElementById('pg-text-0').textContent.indexOf(t)", f"{NON_BMP}谷科技园"
    )
    assert naive == park[0] + 1  # a UTF-16 index would be off by the title's non-BMP character
    # clicking the span after the non-BMP characters shows its own record
    after = next(m for m in marks if m[2].startswith("<img"))
    mark = page.locator(f"#pg-text-0 mark[data-i='{after[4]}']")
    click_mark(page, mark)
    assert page.evaluate("parkgraph.lastPoint") == after[0]  # in UTF-16 units it would be 2 more
    first_card = page.locator("#pg-details .pg-record .pg-title").first
    assert first_card.inner_text() == "<img src=x onerror=alert(1)>园区"
    # selecting a span's text reports its offsets in code points
    page.evaluate(
        "i => { const m = document.querySelector(`#pg-text-0 mark[data-i='${i}']`);"
        " const r = document.createRange(); r.selectNodeContents(m);"
        " const s = getSelection(); s.removeAllRanges(); s.addRange(r); }",
        after[4],
    )
    selection = page.locator("#pg-selection")
    page.wait_for_function("document.getElementById('pg-selection').dataset.start !== undefined")
    assert (int(selection.get_attribute("data-start")), int(selection.get_attribute("data-end"))) == (
        after[0],
        after[1],
    )
    assert page.locator("#pg-url").inner_text() == "https://example.org/news?a=1&b=<b>x</b>"
    seen.assert_clean()
    assert not any(url.endswith("/x") for url in seen.requests)


def test_index_filters_articles_by_date_and_kind(open_page, hostile) -> None:  # type: ignore[no-untyped-def]
    project, _ = hostile
    seen = open_page(project.out_dir / "views" / "index.html", ready=False)
    page = seen.page
    page.wait_for_load_state("load")
    rows = page.locator("tr.pg-article-row")
    assert rows.count() == 2
    page.select_option("#pg-kind", "extracted")
    assert page.locator("tr.pg-article-row:visible").count() == 1
    assert page.locator("tr.pg-article-row:visible").get_attribute("data-kind") == "extracted"
    page.select_option("#pg-kind", "")
    page.fill("#pg-from", "2030-01-01")
    page.dispatch_event("#pg-from", "change")
    assert page.locator("tr.pg-article-row:visible").count() == 0
    page.fill("#pg-from", "")
    page.dispatch_event("#pg-from", "change")
    page.fill("#pg-filter", "𫖯谷")
    assert page.locator("tr.pg-article-row:visible").count() == 1
    page.click("tr.pg-article-row:visible a")
    page.wait_for_selector(READY, state="attached")
    assert page.url.endswith(f"/article/{HOSTILE}.html")
    seen.assert_clean()


def test_article_screenshots_are_saved(open_page, built: BuildResult, hostile) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    views = next(p for p in built.files if p.name == "parkgraph.graphml").parent / "views"
    curated = open_page(page_of(views, FIRST))
    curated.page.locator("table[data-table='figures'] tbody tr").nth(4).click()  # 主营业务收入 36.45亿元
    curated.page.mouse.move(1, 1)
    curated.page.screenshot(path=str(SCREENSHOTS / "article-curated.png"))
    project, _ = hostile
    extracted = open_page(page_of(project.out_dir / "views", EXTRACTED))
    extracted.page.locator("table[data-table='figures'] tbody tr").first.click()
    extracted.page.mouse.move(1, 1)
    extracted.page.screenshot(path=str(SCREENSHOTS / "article-extracted.png"))
    assert (SCREENSHOTS / "article-curated.png").stat().st_size > 50_000
    curated.assert_clean()
    extracted.assert_clean()
