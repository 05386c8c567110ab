"""Conformance cases of the reader: one folder a page shape, the capture and what a careful reader finds.

Each ``tests/captures/<case>/`` holds a capture (``.txt`` or ``.html``, with a ``.meta.yaml`` sidecar
for some) and ``expected.yaml`` (format: ``tests/captures/README.md``). The captures are fictional,
written for these tests in the shapes of real sites: portals, government pages and notices, WeChat
accounts, wire copy, broadcast transcripts, company and B2B pages, HTML pages saved from a browser.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from parkgraph.reader import CAPTURE_SUFFIXES, Article, read_capture

CASES = Path(__file__).resolve().parent / "captures"
CASE_DIRS = sorted(path for path in CASES.iterdir() if path.is_dir() and (path / "expected.yaml").exists())


def capture_of(case: Path) -> Path:
    (capture,) = [p for p in case.iterdir() if p.suffix in CAPTURE_SUFFIXES]
    return capture


def expected_of(case: Path) -> dict:
    return yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=CASE_DIRS, ids=[case.name for case in CASE_DIRS])
def case(request: pytest.FixtureRequest) -> tuple[Article, dict]:
    return read_capture(capture_of(request.param)), expected_of(request.param)


def test_every_shape_has_a_case() -> None:
    names = {case.name for case in CASE_DIRS}
    for prefix in (
        "portal_",
        "gov_",
        "gov_notice",
        "gov_publicity",
        "wechat",
        "wire",
        "tv_",
        "company",
        "b2b",
        "html_",
        "html_sidecar",
    ):
        assert any(name.startswith(prefix) for name in names), prefix
    assert any(expected_of(c)["encoding"] == "gb18030" for c in CASE_DIRS)


def test_every_class_of_real_page_has_a_case() -> None:
    """Issue 20's classes of real pages: read without a headline, dates beside other fields, the chrome
    that reached the body, bad input."""
    names = {case.name for case in CASE_DIRS}
    assert names >= {
        "wire_dateline_first",  # date and 电头 first, no headline
        "chronicle_entry",  # 大事记 entry
        "committee_time_source",  # 时间 / 来源 above the text only
        "lead_only_sidecar",  # the text alone, date from the sidecar
        "date_beside_fields",  # 来源:某报2025-08-25 10:49; • 上一篇
        "split_date_lines",  # 2015 / 12/23 / 22:07
        "wechat_qr_tail",  # 关注…官方微信平台, 二维码, 分享更多
        "epaper_page",  # 本文所在版面导航, 近期报纸查看, 文章搜索
        "editor_credits",  # [编辑:…], 某报编辑:某某
        "archive_record",  # 唯一号:, 分类号:
        "forum_printable",  # 标题: … [打印本页], a poster's handle
        "dateline_furniture",  # empty labels and a counter beside the date; headline repeated
        "gov_counter_toolbar",  # 发布时间:… 浏览次数: 【字体: 大 中 小】 终审:
        "traditional_script",  # 發佈時間 / 來源 / 責任編輯
        "cut_excerpt",  # cut mid-number
        # phase 2: the even half of the real pages and the smoke pages
        "epaper_page_header",  # 通版阅读, 当前版:02版, the issue date above the headline
        "portal_bar_menu_byline",  # a menu between bars, 大字体 扫码带走, 某报·某网 某某 通讯员 某某
        "archive_record_abstract",  # 知识类型, 颗粒名称, 摘要 as a sentence, 内容
        "b2b_product_links",  # -【新闻】, the headline run into the lead, product links
        "traditional_glosses",  # 開(kāi)發區, 來(lái)源
        "caption_run_in",  # …园区。 某某 摄连日来; 编辑 审核 beside 责编
        "gov_accessibility_toolbar",  # 页面 配色 辅助线 重置, a long site name
    }


def test_body(case: tuple[Article, dict]) -> None:
    article, expected = case
    assert list(article.paragraphs) == expected["body"].splitlines()


def test_title_and_dateline(case: tuple[Article, dict]) -> None:
    article, expected = case
    assert article.title == expected["title"]
    assert article.dateline == expected["dateline"]


def test_published(case: tuple[Article, dict]) -> None:
    article, expected = case
    published = expected["published"]
    assert isinstance(published, date)
    assert type(article.published) is type(published)
    assert article.published == published
    if isinstance(published, datetime):
        assert article.published.utcoffset() == published.utcoffset()


def test_publisher_source_author_url(case: tuple[Article, dict]) -> None:
    article, expected = case
    assert (article.publisher, article.source, article.reporter, article.url) == (
        expected["publisher"],
        expected["source"],
        expected["author"],
        expected["url"],
    )


def test_credits(case: tuple[Article, dict]) -> None:
    article, expected = case
    assert list(article.credits) == expected["credits"]


def test_no_chrome_reaches_the_article(case: tuple[Article, dict]) -> None:
    article, expected = case
    fields = [
        article.text,
        article.publisher or "",
        article.source or "",
        article.reporter or "",
        *article.keywords,
    ]
    for chrome in expected["chrome"]:
        assert not any(chrome in value for value in fields), chrome


def test_encoding(case: tuple[Article, dict]) -> None:
    article, expected = case
    assert article.encoding == expected["encoding"]


def test_warnings(case: tuple[Article, dict]) -> None:
    """A page read without a headline says so (the build reports it); the others warn of nothing."""
    article, expected = case
    fragments = expected.get("warnings", [])
    assert len(article.warnings) == len(fragments)
    for warning, fragment in zip(article.warnings, fragments, strict=True):
        assert fragment in warning and str(article.source_path) in warning


def test_cut_off(case: tuple[Article, dict]) -> None:
    article, expected = case
    assert article.cut_off == expected.get("cut_off", False)
