"""The article pages as files (issue 24): every evidence span one element holding its quote, at its offsets
in code points; the facts as tables; escaping (markup, script, bidirectional controls); curated and
extracted pages; the index of articles; entity views listing their articles; fact nodes labelled by what
they say; deterministic and incremental writing, at corpus scale too. What the pages do in a browser is
tested in test_views_articles_browser.py.

The hostile and the extracted captures are fictional, written for these tests.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from parkgraph.build import BuildResult, Project, build
from parkgraph.namespaces import DEFAULT_BASE
from parkgraph.views import article_pages, highlight, render
from parkgraph.views.article import LOW_CONFIDENCE, SKIPPED, read_article
from parkgraph.views.article_page import render_article
from parkgraph.views.model import GraphModel
from parkgraph.views.triples import TripleIndex
from parkgraph.views.vocab import Vocab

from .conftest import ROOT, synthetic_project
from .test_reader_bad_input import BODY, DATELINE, HEAD, TAIL, TITLE

FIRST = "000_64b6559f5e865fa2"
ARTICLE = f"{DEFAULT_BASE}article/{FIRST}"
HOSTILE = "300_hostile"
EXTRACTED = "310_extracted"
#: A character outside the BMP (one code point, two UTF-16 units), before highlighted spans.
NON_BMP = "𫖯"
RLO = "\u202e"
HOSTILE_TITLE = f"<script>alert('title')</script>鹭平{NON_BMP}谷园新增三家企业{RLO}倒序"
HOSTILE_CAPTURE = (
    HEAD
    + HOSTILE_TITLE
    + "\n"
    + DATELINE
    + f"5月7日，记者从{NON_BMP}谷科技园获悉，<img src=x onerror=alert(1)>园区新增三家企业，总数达到27家。\n"
    + f"据介绍，</script><script>alert(2)</script>{RLO}企业去年合计营收4.6亿元。\n"
    + TAIL
)
HOSTILE_SIDECAR = 'publisher: 鹭平日报\nurl: "https://example.org/news?a=1&b=<b>x</b>"\n'
HOSTILE_ANNOTATIONS = f"""article: {HOSTILE}
schemes:
  indicators: {{label: 统计指标, en: statistical indicators}}
concepts:
  indicators:
    enterprise-count: {{label: 企业数量, en: number of enterprises, quote: 总数达到27家}}
    revenue: {{label: 营业收入, en: revenue, quote: 合计营收4.6亿元}}
entities:
  fugu-park:
    type: pg:IndustrialPark
    label: {NON_BMP}谷科技园
    en: Fugu Science Park
    quote: {NON_BMP}谷科技园
  hostile-company:
    type: pg:Company
    label: "<img src=x onerror=alert(1)>园区"
    en: "</script><script>alert(3)</script>"
    quote: "<img src=x onerror=alert(1)>园区"
  lin-xiao:
    type: [foaf:Person, schema:Person]
    label: 林晓
    en: Lin Xiao
    quote: 林晓
  luping-daily:
    type: pg:NewsOrganisation
    label: 鹭平日报
    en: Luping Daily
    quote: 鹭平日报
facts:
  - s: hostile-company
    p: schema:location
    o: fugu-park
    quote: "{NON_BMP}谷科技园获悉，<img src=x onerror=alert(1)>园区"
  - id: enterprise-count-2024
    type: pg:Statistic
    label: {NON_BMP}谷科技园企业总数
    en: Fugu Science Park enterprise count
    quote: 园区新增三家企业，总数达到27家
    props:
      schema:observationAbout: fugu-park
      pg:indicator: indicators/enterprise-count
    quantity: 27家
  - id: revenue-last-year
    type: pg:Statistic
    label: "</script><script>alert(2)</script>营收"
    en: revenue last year
    quote: "</script><script>alert(2)</script>\\u202e企业去年合计营收4.6亿元"
    props:
      schema:observationAbout: hostile-company
      pg:indicator: indicators/revenue
    quantity: 4.6亿元
    time: 去年
"""


def hostile_project(folder: Path) -> Project:
    """A fictional curated article whose title, text, labels and URL hold markup, script, a
    right-to-left override and a character outside the BMP before its highlighted spans; and a
    fictional capture with no annotations (extracted)."""
    shutil.copytree(ROOT / "ontology", folder / "ontology")
    (folder / "corpus").mkdir()
    (folder / "annotations").mkdir()
    (folder / "corpus" / f"{HOSTILE}.txt").write_text(HOSTILE_CAPTURE, encoding="utf-8")
    (folder / "corpus" / f"{HOSTILE}.meta.yaml").write_text(HOSTILE_SIDECAR, encoding="utf-8")
    (folder / "annotations" / f"{HOSTILE}.yaml").write_text(HOSTILE_ANNOTATIONS, encoding="utf-8")
    (folder / "corpus" / f"{EXTRACTED}.txt").write_text(
        HEAD + TITLE + DATELINE + BODY + TAIL, encoding="utf-8"
    )
    return Project.at(folder)


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    project = hostile_project(tmp_path_factory.mktemp("hostile-articles"))
    return project, build(project)


@pytest.fixture(scope="module")
def views(built: BuildResult) -> Path:
    return next(p for p in built.files if p.name == "parkgraph.graphml").parent / "views"


class Marks(HTMLParser):
    """Every ``<mark data-i>`` of a page: its attributes and its text (marks nest: a text is in each open
    mark), and the text of each layer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict[str, str]] = []
        self.open: list[dict[str, str]] = []
        self.depth: list[str] = []
        self.layers: list[str] = []
        self.layer_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.depth.append(tag)
        if tag == "div" and "pg-layer" in attributes.get("class", "").split():
            self.layers.append("")
            self.layer_depth = len(self.depth)
        if tag == "mark" and "data-i" in attributes:
            attributes["text"] = ""
            self.marks.append(attributes)
            self.open.append(attributes)
        elif tag == "mark":
            self.open.append({})

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()
        if self.layer_depth is not None and len(self.depth) == self.layer_depth and tag == "div":
            self.layer_depth = None
        self.depth.pop()

    def handle_data(self, data: str) -> None:
        for mark in self.open:
            if "text" in mark:
                mark["text"] += data
        if self.layer_depth is not None:
            self.layers[-1] += data


def marks_of(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser


def graph_spans(graph: Graph, article: str) -> dict[tuple[int, int], str]:
    rows = graph.query(
        """PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?start ?end ?exact WHERE {
          ?e oa:hasSource ?article ; oa:hasSelector ?p , ?q .
          ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }""",
        initBindings={"article": URIRef(article)},
    )
    return {(int(r.start), int(r.end)): str(r.exact) for r in rows}  # type: ignore[union-attr]


# --- the text and its highlights ------------------------------------------------------------------


def test_crossing_spans_go_to_another_layer_nested_ones_nest() -> None:
    spans = [highlight.Span(0, 0, 10, "a"), highlight.Span(1, 2, 5, "b"), highlight.Span(2, 5, 15, "c")]
    layers = highlight.layers(spans)
    assert [[s.number for s in layer] for layer in layers] == [[0, 1], [2]]  # 2 crosses 0: a layer of its own
    html = highlight.layer_html("0123456789abcdefghij", layers[0])
    assert html == (
        '<mark class="a" data-i="0" data-start="0" data-end="10">01<mark class="b" data-i="1" '
        'data-start="2" data-end="5">234</mark>56789</mark>abcdefghij'
    )


def test_every_mark_holds_its_quote_whatever_the_spans() -> None:
    """Property test: random spans (nested, crossing, equal ends, empty, at the edges) over a text with
    markup, non-BMP and bidirectional characters: each span is exactly one mark, its text is its quote,
    every layer is a prefix of the text, and layer 0 is the whole text."""
    alphabet = ["甲", "乙", NON_BMP, "<", ">", "&", '"', RLO, "\n", "a", " ", "\u2066"]
    generator = random.Random(24)
    for _ in range(300):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 40)))
        spans = []
        for number in range(generator.randint(0, 12)):
            start = generator.randint(0, len(text))
            spans.append(highlight.Span(number, start, generator.randint(start, len(text)), "pg-hl"))
        html = "".join(f'<div class="pg-layer">{layer}</div>' for layer in highlight.text_layers(text, spans))
        parsed = marks_of(html)
        assert sorted(int(m["data-i"]) for m in parsed.marks) == [s.number for s in spans]
        for mark in parsed.marks:
            start, end = int(mark["data-start"]), int(mark["data-end"])
            assert mark["text"] == text[start:end], (text, spans)
        assert parsed.layers[0] == text
        assert all(text.startswith(layer) for layer in parsed.layers)


def test_text_is_escaped_and_bidi_controls_isolated() -> None:
    html = str(highlight.text_html(f"<b>&{RLO}x"))
    assert html == f'&lt;b&gt;&amp;<span class="pg-ctl" data-cp="U+202E">{RLO}</span>x'
    assert highlight.plain_text(f"a{RLO}b") == "a⟨U+202E⟩b"


# --- the first article's page ------------------------------------------------------------------------


def test_first_article_page_marks_every_span_at_the_graphs_offsets(views: Path, built: BuildResult) -> None:
    html = (views / "article" / f"{FIRST}.html").read_text(encoding="utf-8")
    parsed = marks_of(html)
    expected = graph_spans(built.graph, ARTICLE)
    assert len(expected) == 221
    found = {(int(m["data-start"]), int(m["data-end"])): m["text"] for m in parsed.marks}
    assert len(parsed.marks) == len(found) == len(expected)  # each span exactly once
    assert found == expected  # every mark's text is the graph's oa:exact for its offsets
    text = str(built.graph.value(URIRef(ARTICLE), URIRef("https://schema.org/text")))
    assert parsed.layers[0] == text
    assert len(parsed.layers) == 2  # 57 crossing pairs in this article: one overlay holds them
    classes = {m["class"] for m in parsed.marks}
    assert {"pg-hl pg-c-park", "pg-hl pg-c-statistic", "pg-hl pg-c-statement"} <= classes


def test_first_article_page_tables(views: Path, built: BuildResult) -> None:
    html = (views / "article" / f"{FIRST}.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="pg-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    statistics = {
        str(s)
        for s in built.graph.subjects(URIRef("https://w3id.org/parkgraph/ontology#quantity"), None)
        if str(s).startswith(f"{DEFAULT_BASE}fact/{FIRST}/")
        and (s, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None) in built.graph
    }
    figures = re.search(r'<table class="pg-table" data-table="figures".*?</table>', html, re.S).group(0)  # type: ignore[union-attr]
    rows = re.findall(r'<tr data-record="(\d+)" data-span="(-?\d+)"', figures)
    assert {data["base"] + data["records"][int(r)]["iri"] for r, _ in rows} == statistics  # 25, each once
    for record, span in rows:  # each row jumps to its record's first span
        assert int(span) == min(data["records"][int(record)]["spans"])
    revenue = next(r for r in data["records"] if r["iri"].endswith("/park-revenue-2022-h1"))
    assert ["时间", "time", "今年上半年（2022-01-01 – 2022-06-30）"] in revenue["values"]
    for key in ("events", "posts", "rankings", "relations", "entities"):
        assert f'data-table="{key}"' in html
    assert "<th" in html and "置信度<br>" not in html  # curated: no confidence column
    assert 'id="pg-provenance">人工标注' in html


def test_article_pages_are_deterministic_and_escaped_once(built: BuildResult, ontology: Graph) -> None:
    index = TripleIndex.from_graph(built.graph, skip=SKIPPED)
    vocab = Vocab.of(ontology)
    first = render_article(read_article(index, ARTICLE, vocab, base=DEFAULT_BASE), DEFAULT_BASE)
    again = render_article(
        read_article(TripleIndex.from_graph(built.graph, skip=SKIPPED), ARTICLE, vocab, base=DEFAULT_BASE),
        DEFAULT_BASE,
    )
    assert first == again
    nt = next(p for p in built.files if p.name == "parkgraph.nt").read_bytes()
    from_lines = render_article(
        read_article(TripleIndex.from_ntriples(nt, skip=SKIPPED), ARTICLE, vocab, base=DEFAULT_BASE),
        DEFAULT_BASE,
    )
    assert from_lines == first  # the same page from N-Triples lines as from an rdflib graph


def test_index_lists_the_articles_and_entity_views_list_theirs(views: Path) -> None:
    index = (views / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr class="pg-article-row"[^>]*>.*?</tr>', index, re.S).group(0)  # type: ignore[union-attr]
    assert 'data-date="2022-09-03"' in row and 'data-kind="curated"' in row
    assert f'href="article/{FIRST}.html"' in row and "今年全省唯一" in row and "新浪网" in row
    assert '<td class="pg-num">136</td><td class="pg-num">36</td><td class="pg-num">118</td>' in row
    park = (views / "entity" / "suqian-software-park.html").read_text(encoding="utf-8")
    mentions = re.search(r'<section class="pg-mentions".*?</section>', park, re.S).group(0)  # type: ignore[union-attr]
    assert (
        f'href="../article/{FIRST}.html#iri=https%3A%2F%2Fw3id.org%2Fparkgraph%2Fid%2Fsuqian-software-park"'
        in mentions
    )
    assert "2022-09-03" in mentions
    assert (views / "lib" / article_pages.GRAPH_FLAG).read_text(encoding="utf-8").endswith("= true;\n")


def test_fact_nodes_are_labelled_by_what_they_say(model: GraphModel) -> None:
    g = model.graph
    revenue = f"{DEFAULT_BASE}fact/{FIRST}/park-revenue-2022-h1"
    assert render.fact_caption(model, revenue) == "主营业务收入\n36.45亿元"  # not the park's name
    captions = {n: render.fact_caption(model, n) for n, d in g.nodes(data=True) if d["kind"] == "fact"}
    events = [n for n in captions if g.nodes[n]["category"] == "event"]
    assert events and all(captions[n] for n in events)
    dated = [n for n in events if g.nodes[n].get("time_begin")]
    assert dated and all(f"\n{g.nodes[n]['time_begin']}" in str(captions[n]) for n in dated)
    designations = [n for n in dated if "pg:DesignationEvent" in g.nodes[n]["types"]]
    assert designations and all(str(captions[n]).startswith("认定事件\n") for n in designations)
    claims = [c for n, c in captions.items() if g.nodes[n]["category"] == "claim"]
    assert claims and all("\n第" in c for c in claims)  # type: ignore[operator]
    for node, caption in captions.items():  # a statistic shows its indicator, never the park's name
        if g.nodes[node]["category"] == "statistic":
            assert caption and not caption.startswith("宿迁市软件与服务外包产业园")


# --- the hostile and the extracted article ---------------------------------------------------------


def test_hostile_article_is_shown_as_text(hostile_build: tuple[Project, BuildResult]) -> None:
    project, result = hostile_build
    page = (project.out_dir / "views" / "article" / f"{HOSTILE}.html").read_text(encoding="utf-8")
    for raw in ("<script>alert", "<img src=x", "<b>x</b>", "alert(2)</script>"):
        assert raw not in page
    assert page.count("<script") == 3 and page.count("</script>") == 3  # data, graph flag, our script
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert f'<span class="pg-ctl" data-cp="U+202E">{RLO}</span>倒序</h1>' in page
    title = "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;鹭平𫖯谷园新增三家企业⟨U+202E⟩倒序"
    assert f"<title>{title} · parkgraph</title>" in page
    parsed = marks_of(page)
    spans = graph_spans(result.graph, f"{DEFAULT_BASE}article/{HOSTILE}")
    assert {(int(m["data-start"]), int(m["data-end"])): m["text"] for m in parsed.marks} == spans
    park = next(m for m in parsed.marks if m["text"] == f"{NON_BMP}谷科技园")
    text = parsed.layers[0]
    assert text.index(f"{NON_BMP}谷科技园") == int(park["data-start"])  # code points: the graph's offsets
    after = int(next(m for m in parsed.marks if m["text"].startswith("<img"))["data-start"])
    assert len(text[:after].encode("utf-16-le")) // 2 == after + 2  # in UTF-16 (JavaScript) two more


def test_extracted_article_shows_the_extractor_and_its_confidence(
    hostile_build: tuple[Project, BuildResult],
) -> None:
    from parkgraph.extract.draft import CHECK_BELOW

    assert LOW_CONFIDENCE == CHECK_BELOW  # the page marks what the draft asks a curator to check
    project, _ = hostile_build
    page = (project.out_dir / "views" / "article" / f"{EXTRACTED}.html").read_text(encoding="utf-8")
    assert re.search(
        r'id="pg-provenance">自动抽取 <span lang="en">extracted</span> · parkgraph extractor \d', page
    )
    assert "置信度<br>" in page  # the confidence column
    data = json.loads(re.search(r'id="pg-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    low = {
        i
        for i, r in enumerate(data["records"])
        if r["confidence"] is not None and r["confidence"] < LOW_CONFIDENCE
    }
    marked = {int(r) for r in re.findall(r'<tr data-record="(\d+)"[^>]*class="pg-low"', page)}
    assert low and marked == low
    index = (project.out_dir / "views" / "index.html").read_text(encoding="utf-8")
    assert 'data-kind="extracted"' in index and 'data-kind="curated"' in index


# --- incremental writing ------------------------------------------------------------------------------


def test_an_unchanged_article_is_neither_rendered_nor_written(
    tmp_path: Path, built: BuildResult, ontology: Graph
) -> None:
    nt = next(p for p in built.files if p.name == "parkgraph.nt").read_bytes()
    staged: dict[Path, bytes] = {}

    def run(digest: str) -> article_pages.PagesResult:
        staged.clear()
        pages = article_pages.ArticlePages(tmp_path, Vocab.of(ontology), DEFAULT_BASE, staged.__setitem__)
        pages.add(FIRST, digest, lambda: nt)
        result = pages.finish()
        for path, data in staged.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return result

    first = run("d1")
    assert (first.rendered, first.written, first.kept) == (1, 1, 0)
    page = tmp_path / "article" / f"{FIRST}.html"
    assert set(staged) == {page, tmp_path / article_pages.MANIFEST}
    stamp = page.stat().st_mtime_ns
    second = run("d1")
    assert (second.rendered, second.written, second.kept) == (
        0,
        0,
        1,
    ) and not staged  # nothing read or written
    assert second.rows == first.rows  # the index row comes from the manifest
    third = run("d2")  # a new digest, the same graph: made again, not written
    assert (third.rendered, third.written, third.kept) == (1, 0, 0) and set(staged) == {
        tmp_path / article_pages.MANIFEST
    }
    assert page.stat().st_mtime_ns == stamp
    page.write_text("edited by hand", encoding="utf-8")
    assert run("d2").written == 1  # a page that is not what the manifest recorded is made again


def test_corpus_scale_pages_are_written_incrementally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the in-memory limit there are no graph views, but every article has its page, listed in the
    index; a rebuild after one annotation file changed makes that article's page alone."""
    from parkgraph.corpus import build as corpus_build

    ids = synthetic_project(tmp_path, 3, seed=5)
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 1_000)
    monkeypatch.setattr("parkgraph.build.IN_MEMORY_LIMIT", 1_000)
    project = Project.at(tmp_path)
    first = build(project)
    views = project.out_dir / "views"
    pages = sorted((views / "article").glob("*.html"))
    assert [p.stem for p in pages] == sorted(ids)
    assert first.stats["article_pages"]["written"] == 3  # type: ignore[index]
    assert not (views / "entity").exists() and not (views / "overview.html").exists()
    index = (views / "index.html").read_text(encoding="utf-8")
    assert index.count('class="pg-article-row"') == 3 and "in-memory limit" in index
    assert (views / "lib" / article_pages.GRAPH_FLAG).read_text(encoding="utf-8").endswith("= false;\n")
    stamps = {p: p.stat().st_mtime_ns for p in pages}
    unchanged = build(project)
    assert unchanged.stats["unchanged"]  # every graph as it was: nothing staged but what views changed
    assert unchanged.stats["article_pages"] == {
        "rendered": 0,
        "written": 0,
        "kept": 3,
        "removed": 0,
        "seconds": unchanged.stats["article_pages"]["seconds"],
    }  # type: ignore[index]
    notes = project.annotations_dir / f"{ids[1]}.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + "# curated again\n", encoding="utf-8")
    again = build(project)
    done = again.stats["article_pages"]
    assert (done["rendered"], done["kept"]) == (1, 2)  # type: ignore[index]
    for path, stamp in stamps.items():
        assert path.stat().st_mtime_ns == stamp  # the same graph: no page rewritten
    (project.corpus_dir / f"{ids[2]}.txt").unlink()
    (project.annotations_dir / f"{ids[2]}.yaml").unlink()
    gone = build(project)
    assert gone.stats["article_pages"]["removed"] == 1  # type: ignore[index]
    assert sorted(p.stem for p in (views / "article").glob("*.html")) == sorted(ids[:2])
