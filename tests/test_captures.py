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
