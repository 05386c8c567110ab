"""Bad captures: each gets a clear error naming the file and what to do, and a build writes nothing.

Every capture here is written for the test (fictional). The error kinds are those a corpus collected
from many sites holds: empty and binary files, UTF-16, a file cut inside a character, a file that is
partly UTF-8 and partly GB18030, index, error and login pages, a body shorter than a sentence, an
HTML file that is not an article, a page with no date and no sidecar, and broken sidecars.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parkgraph.build import build
from parkgraph.errors import CaptureError
from parkgraph.reader import read_capture

from .conftest import copy_project

HEAD = "鹭平市人民政府\n首页 | 新闻中心 | 政务公开 | 互动交流\n当前位置：首页 > 新闻中心 > 本地要闻\n"
TITLE = "鹭平高新区新增三家省级专精特新企业\n"
DATELINE = "发布时间：2024-05-08 10:30　　来源：鹭平日报　　作者：林晓\n"
BODY = (
    "5月7日，记者从鹭平高新区获悉，园区新增三家省级专精特新企业，总数达到27家。\n"
    "据介绍，三家企业分别从事传感器、精密模具和工业软件研发，去年合计营收4.6亿元。\n"
)
TAIL = "【打印本页】【关闭窗口】\n主办单位：鹭平市人民政府办公室　　澜ICP备00000000号\n"
GOOD = HEAD + TITLE + DATELINE + BODY + TAIL

INDEX_PAGE = (
    HEAD
    + "本地要闻\n"
    + "".join(f"· 鹭平高新区第{n}批项目集中开工 2024-05-0{n}\n" for n in range(1, 9))
    + "共8条 首页 上一页 下一页 尾页\n"
    + TAIL
)
ERROR_PAGE = "鹭平市人民政府\n404\n您访问的页面不存在或已被删除\n返回首页\n"
LOGIN_PAGE = "鹭平日报\n会员登录\n本文为会员专享内容，请先登录后查看全文。\n登录 注册\n"
SHORT_BODY = HEAD + TITLE + DATELINE + "详见附件。\n" + TAIL
NO_DATE = HEAD + TITLE + BODY + TAIL

HTML_NOT_ARTICLE = (
    "<html><head><title>鹭平市人民政府</title></head><body>"
    "<nav><a href='/'>首页</a> <a href='/news'>新闻中心</a></nav>"
    "<ul><li><a href='/1'>鹭平高新区项目开工</a></li><li><a href='/2'>园区招聘会举行</a></li></ul>"
    "<footer>主办单位：鹭平市人民政府办公室</footer></body></html>"
)
NOT_HTML = "这不是网页，只是一行文字。"

CASES: dict[str, tuple[str, bytes, tuple[str, ...]]] = {
    "empty": ("txt", b"", ("is empty", "re-capture")),
    "binary-png": ("txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", ("looks binary",)),
    "utf16-with-bom": ("txt", GOOD.encode("utf-16"), ("UTF-16", "re-save it as UTF-8")),
    "utf16-without-bom": ("txt", GOOD.encode("utf-16-le"), ("UTF-16", "re-save it as UTF-8")),
    "truncated-utf8": (
        "txt",
        GOOD.rstrip().encode("utf-8")[:-1],
        ("cut short", "capture or save the page again"),
    ),
    "truncated-gb18030": ("txt", GOOD.rstrip().encode("gb18030")[:-1], ("cut short",)),
    "mixed-utf8-and-gb18030": (
        "txt",
        (HEAD + TITLE + DATELINE).encode("utf-8") + (BODY + TAIL).encode("gb18030"),
        ("mixes encodings", "re-save the capture as UTF-8"),
    ),
    "index-page": ("txt", INDEX_PAGE.encode(), ("index or list page", "capture the article page itself")),
    "error-page": ("txt", ERROR_PAGE.encode(), ("error or login page", "capture the article page itself")),
    "login-page": ("txt", LOGIN_PAGE.encode(), ("error or login page",)),
    "body-shorter-than-a-sentence": ("txt", SHORT_BODY.encode(), ("shorter than a sentence",)),
    "no-date-no-sidecar": ("txt", NO_DATE.encode(), ("no recognisable publication date", "published:")),
    "html-not-an-article": (
        "html",
        HTML_NOT_ARTICLE.encode(),
        ("not an article", "capture the article page"),
    ),
    "html-that-is-plain-text": ("html", NOT_HTML.encode(), ("not an HTML page",)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_capture_is_refused_with_file_and_advice(tmp_path: Path, name: str) -> None:
    suffix, data, fragments = CASES[name]
    path = tmp_path / f"bad_{name.replace('-', '_')}.{suffix}"
    path.write_bytes(data)
    with pytest.raises(CaptureError) as raised:
        read_capture(path)
    message = str(raised.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message
    assert raised.value.hint, "every refusal says what to do"


def test_the_good_capture_the_bad_ones_are_made_from_is_read(tmp_path: Path) -> None:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    article = read_capture(path)
    assert article.paragraphs == tuple(BODY.splitlines())
    assert article.dateline == DATELINE.strip()


def test_no_date_error_names_the_sidecar_to_write_and_the_sidecar_fixes_it(tmp_path: Path) -> None:
    path = tmp_path / "nodate.txt"
    path.write_text(NO_DATE, encoding="utf-8")
    with pytest.raises(CaptureError, match=r"nodate\.meta\.yaml"):
        read_capture(path)
    (tmp_path / "nodate.meta.yaml").write_text("published: 2024-05-08\n", encoding="utf-8")
    assert read_capture(path).published.isoformat() == "2024-05-08"


def test_mtime_is_never_a_date(tmp_path: Path) -> None:
    """Regression: nothing is guessed from the file's modification time."""
    path = tmp_path / "nodate.txt"
    path.write_text(NO_DATE, encoding="utf-8")
    import os

    os.utime(path, (1_700_000_000, 1_700_000_000))
    with pytest.raises(CaptureError, match="no recognisable publication date"):
        read_capture(path)


@pytest.mark.parametrize(
    ("sidecar", "fragment"),
    [
        ("published: [2024]\n", "not an ISO date"),
        ("published: 2024-13-40\n", "not an ISO date"),
        ("author: 林晓\n", "unknown key(s) author"),
        ("url: javascript:alert(1)\n", "not an http(s) URL"),
        ("title: ''\n", "non-empty string"),
        ("published: [unclosed\n", "not valid YAML"),
        ("- a list\n", "must be a mapping"),
    ],
    ids=["not-a-date", "impossible-date", "unknown-key", "unsafe-url", "empty-title", "bad-yaml", "a-list"],
)
def test_broken_sidecar_is_refused_with_its_own_name(tmp_path: Path, sidecar: str, fragment: str) -> None:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.meta.yaml").write_text(sidecar, encoding="utf-8")
    with pytest.raises(CaptureError) as raised:
        read_capture(path)
    assert "good.meta.yaml" in str(raised.value) and fragment in str(raised.value)


@pytest.mark.parametrize("name", ["truncated-utf8", "index-page", "html-not-an-article"])
def test_a_bad_capture_in_the_corpus_fails_the_build_and_writes_nothing(tmp_path: Path, name: str) -> None:
    project = copy_project(tmp_path)
    first = build(project)
    before = {path: path.read_bytes() for path in first.files}
    suffix, data, _ = CASES[name]
    (project.corpus_dir / f"001_bad.{suffix}").write_bytes(data)
    (project.annotations_dir / "001_bad.yaml").write_text(
        "article: 001_bad\nentities: {}\n", encoding="utf-8"
    )
    with pytest.raises(CaptureError, match=r"001_bad\."):
        build(project)
    assert {path: path.read_bytes() for path in first.files} == before
    assert not [p for p in project.out_dir.rglob("*.tmp")]
