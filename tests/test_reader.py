"""Tests of parkgraph.reader: metadata of the real capture, chrome exclusion, encodings, bad inputs.

The page shapes of other sites (government, WeChat, wire, notices, transcripts, HTML) are the
conformance cases in ``tests/captures/`` (``tests/test_captures.py``)."""

from __future__ import annotations

import doctest
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from parkgraph import reader
from parkgraph.errors import CaptureError
from parkgraph.reader import Article, decode_capture, parse_capture, read_capture

CAPTURE = Path(__file__).resolve().parents[1] / "corpus" / "000_64b6559f5e865fa2.txt"
CAPTURE_NAME = CAPTURE.name
BEIJING = timezone(timedelta(hours=8))

DATELINE = "2022年09月03日 17:59 新浪网 作者 速新闻"
FIRST = "鹭平高新区今年新引进重点项目12个，总投资超过80亿元。"
SECOND = "园区已集聚电子信息企业80余家，上半年营收同比增长12.5%。"
MINIMAL = (
    f"新浪新闻客户端\n标题\n标题\n{DATELINE}\n缩小字体 放大字体 收藏 微博 微信 0\n  {FIRST}\n  {SECOND}\n"
)


@pytest.fixture(scope="module")
def article() -> Article:
    return read_capture(CAPTURE)


def write(tmp_path: Path, data: bytes, name: str = CAPTURE_NAME) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- the real capture ---------------------------------------------------------------------------


def test_real_capture_metadata(article: Article) -> None:
    assert article.article_id == "000_64b6559f5e865fa2"
    assert article.source_path == CAPTURE
    assert article.encoding == "utf-8"
    assert len(article.sha256) == 64
    assert article.title == "今年全省唯一!宿迁市软件园获批省大数据产业园"
    assert article.published == datetime(2022, 9, 3, 17, 59, tzinfo=BEIJING)
    assert article.published.utcoffset() == timedelta(hours=8)
    assert article.publisher == "新浪网"
    assert article.source == "速新闻"
    assert article.reporter == "张云"
    assert article.keywords == ("宿迁市", "产业园", "开发区", "数字经济")


def test_real_capture_paragraphs(article: Article) -> None:
    assert len(article.paragraphs) == 24
    assert article.paragraphs[0].startswith("(速新闻记者 张云)金秋,是收获的季节!9月2日,")
    assert article.paragraphs[0].endswith("也是全市首家通过省级大数据产业园评估的园区。")
    assert article.paragraphs[3] == "紧抓黄金机遇 力争勇立潮头"
    assert article.paragraphs[-1] == (
        "“数字乡村”行动依托市湖滨新区省级现代农业产业高质量发展示范园,加快智慧渔业综合管理平台、"
        "“直播电商+企业”网络营销体系、农户信息服务应用体系建设。目前已实现智慧水产面积超2万亩,"
        "霸王蟹产品在电商平台销售突破亿元,增速位居全国第一。"
    )
    assert article.body == "\n".join(article.paragraphs)


def test_real_capture_sha256_is_of_raw_bytes(article: Article) -> None:
    import hashlib

    assert article.sha256 == hashlib.sha256(CAPTURE.read_bytes()).hexdigest()


def test_paragraphs_are_stripped_and_non_empty(article: Article) -> None:
    for paragraph in article.paragraphs:
        assert paragraph
        assert paragraph == paragraph.strip()
        assert "\n" not in paragraph


@pytest.mark.parametrize(
    "chrome",
    [
        "普京",
        "布林肯",
        "阅读排行榜",
        "举报邮箱",
        "Copyright",
        "特别声明",
        "新浪新闻客户端",
        "缩小字体",
        DATELINE,
    ],
)
def test_body_excludes_page_chrome(article: Article, chrome: str) -> None:
    assert chrome not in article.body
    assert chrome not in article.title
    assert all(chrome not in keyword for keyword in article.keywords)


def test_byline_stays_in_body_as_evidence_for_reporter(article: Article) -> None:
    assert article.body.startswith("(速新闻记者 张云)")


def test_module_docstring_example_runs() -> None:
    result = doctest.testmod(reader, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0


# --- normalisation and encodings ---------------------------------------------------------------


def test_nfc_is_applied_to_body_and_title(tmp_path: Path) -> None:
    text = MINIMAL.replace("鹭平高新区", "cafe\u0301区").replace("标题", "标题e\u0301")
    article = parse_capture(text, path=tmp_path / "nfc.txt")
    assert article.paragraphs[0].startswith("caf\u00e9区")
    assert "\u0301" not in article.body
    assert article.title == "标题\u00e9"


def test_nfc_is_applied_when_reading_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace("鹭平高新区", "e\u0301").encode("utf-8"), "nfc.txt")
    assert read_capture(path).paragraphs[0].startswith("\u00e9今年")


def test_gb18030_capture_decodes_to_same_body(tmp_path: Path, article: Article) -> None:
    path = write(tmp_path, CAPTURE.read_text(encoding="utf-8").encode("gb18030"))
    copy = read_capture(path)
    assert copy.encoding in {"gb18030", "gbk", "gb2312"}
    assert copy.body == article.body
    assert copy.title == article.title
    assert copy.keywords == article.keywords
    assert copy.sha256 != article.sha256


def test_crlf_capture_gives_identical_body(tmp_path: Path, article: Article) -> None:
    crlf = CAPTURE.read_bytes().replace(b"\n", b"\r\n")
    assert read_capture(write(tmp_path, crlf)).body == article.body


def test_bare_cr_capture_gives_identical_body(tmp_path: Path, article: Article) -> None:
    cr = CAPTURE.read_bytes().replace(b"\n", b"\r")
    assert read_capture(write(tmp_path, cr)).body == article.body


def test_bom_capture_gives_identical_body(tmp_path: Path, article: Article) -> None:
    copy = read_capture(write(tmp_path, b"\xef\xbb\xbf" + CAPTURE.read_bytes()))
    assert copy.encoding == "utf-8"
    assert copy.body == article.body
    assert copy.title == article.title


def test_ideographic_space_and_nbsp_are_stripped_from_paragraphs(tmp_path: Path) -> None:
    text = MINIMAL.replace(f"  {FIRST}", f"\u3000\u3000{FIRST}\u00a0").replace(
        f"  {SECOND}", f"\u00a0{SECOND}\u3000"
    )
    article = parse_capture(text, path=tmp_path / "spaces.txt")
    assert article.paragraphs == (FIRST, SECOND)
    assert article.body == f"{FIRST}\n{SECOND}"


def test_decode_capture_prefers_utf8(tmp_path: Path) -> None:
    assert decode_capture("标题".encode(), path=tmp_path / "x.txt") == ("标题", "utf-8")


# --- structure variants ------------------------------------------------------------------------


def test_body_without_toolbar_starts_after_dateline(tmp_path: Path) -> None:
    text = f"标题\n{DATELINE}\n{FIRST}\n"
    assert parse_capture(text, path=tmp_path / "a.txt").paragraphs == (FIRST,)


def test_body_without_footer_stops_at_first_chrome_line(tmp_path: Path) -> None:
    text = (
        f"标题\n{DATELINE}\n{FIRST}\n阅读排行榜 评论排行榜\n  • 01 普京访华\n举报邮箱:jubao@vip.sina.com\n"
    )
    article = parse_capture(text, path=tmp_path / "a.txt")
    assert article.paragraphs == (FIRST,)
    assert article.keywords == ()


SINA_CHROME = ["权利保护声明页", "阅读排行榜", "图片新闻", "视频新闻", "新媒体实验室", "举报邮箱"]


@pytest.mark.parametrize("marker", SINA_CHROME)
def test_every_sina_chrome_marker_ends_the_body(tmp_path: Path, marker: str) -> None:
    text = f"标题\n{DATELINE}\n{FIRST}\n{marker}\n普京\n"
    assert parse_capture(text, path=tmp_path / "a.txt").body == FIRST


def test_footer_followed_directly_by_chrome_has_no_keywords(tmp_path: Path) -> None:
    text = (
        f"标题\n{DATELINE}\n{FIRST}\n特别声明:仅代表作者本人观点。\n权利保护声明页/Notice to Right Holders\n"
    )
    article = parse_capture(text, path=tmp_path / "a.txt")
    assert article.body == FIRST
    assert article.keywords == ()


def test_fullwidth_byline_parentheses_give_reporter(tmp_path: Path) -> None:
    text = f"标题\n{DATELINE}\n（速新闻记者　张云）{FIRST}\n"
    assert parse_capture(text, path=tmp_path / "a.txt").reporter == "张云"


def test_no_byline_gives_no_reporter(tmp_path: Path) -> None:
    assert parse_capture(f"标题\n{DATELINE}\n{FIRST}\n", path=tmp_path / "a.txt").reporter is None


def test_parse_capture_without_raw_hashes_text(tmp_path: Path) -> None:
    import hashlib

    article = parse_capture(MINIMAL, path=tmp_path / "a.txt")
    assert article.sha256 == hashlib.sha256(MINIMAL.encode("utf-8")).hexdigest()


# --- bad inputs: each raises CaptureError naming the file --------------------------------------


def assert_capture_error(path: Path, *fragments: str) -> None:
    with pytest.raises(CaptureError) as raised:
        read_capture(path)
    message = str(raised.value)
    assert path.name in message
    for fragment in fragments:
        assert fragment in message
    assert raised.value.path == path


def test_missing_file_raises_capture_error(tmp_path: Path) -> None:
    assert_capture_error(tmp_path / "missing.txt", "no such file")


def test_directory_raises_capture_error(tmp_path: Path) -> None:
    directory = tmp_path / "dir.txt"
    directory.mkdir()
    assert_capture_error(directory, "directory")


def test_empty_file_raises_capture_error(tmp_path: Path) -> None:
    assert_capture_error(write(tmp_path, b"", "empty.txt"), "is empty")


@pytest.mark.parametrize("blank", [b"   \n\t\n", "\u3000\u00a0\r\n".encode(), b"\xef\xbb\xbf\n"])
def test_whitespace_only_file_raises_capture_error(tmp_path: Path, blank: bytes) -> None:
    assert_capture_error(write(tmp_path, blank, "blank.txt"), "is empty")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"text\x00with\x00nuls",
        bytes([0x01, 0x02, 0x03, 0x1B]) * 10 + b"some text",
    ],
    ids=["png-header", "nul-bytes", "control-characters"],
)
def test_binary_file_raises_capture_error(tmp_path: Path, data: bytes) -> None:
    assert_capture_error(write(tmp_path, data, "image.txt"), "looks binary")


def test_utf16_file_raises_capture_error(tmp_path: Path) -> None:
    assert_capture_error(write(tmp_path, MINIMAL.encode("utf-16"), "wide.txt"), "UTF-16")


def test_undecodable_file_raises_capture_error(tmp_path: Path) -> None:
    assert_capture_error(
        write(tmp_path, bytes(range(0x80, 0x100)) * 4, "garbled.txt"), "could not be decoded"
    )


def test_text_without_dateline_raises_capture_error(tmp_path: Path) -> None:
    data = f"新浪新闻客户端\n标题\n{FIRST}\n特别声明:...\n".encode()
    path = write(tmp_path, data, "nodate.txt")
    assert_capture_error(path, "no recognisable publication date", "nodate.meta.yaml")


def test_dateline_without_body_raises_capture_error(tmp_path: Path) -> None:
    data = f"标题\n{DATELINE}\n缩小字体 放大字体 收藏 微博 微信 0\n\n特别声明:仅代表作者本人观点。\n宿迁市\n"
    assert_capture_error(write(tmp_path, data.encode(), "nobody.txt"), "no article body")


def test_dateline_followed_only_by_chrome_raises_capture_error(tmp_path: Path) -> None:
    data = f"标题\n{DATELINE}\n阅读排行榜 评论排行榜\n  • 01 普京访华\n"
    assert_capture_error(write(tmp_path, data.encode(), "chrome.txt"), "no article body")


def test_page_without_headline_is_read_and_titled_by_its_first_sentence(tmp_path: Path) -> None:
    data = f"新浪新闻客户端\n首页 | 新闻 | 财经 | 科技\n{DATELINE}\n{FIRST}\n"
    path = write(tmp_path, data.encode(), "notitle.txt")
    article = read_capture(path)
    assert article.title == "鹭平高新区今年新引进重点项目12个，总投资超过80亿元"
    assert article.paragraphs == (FIRST,)
    assert article.published == datetime(2022, 9, 3, 17, 59, tzinfo=BEIJING)
    (warning,) = article.warnings
    assert str(path) in warning and "no headline" in warning and "notitle.meta.yaml" in warning


def test_impossible_dateline_raises_capture_error(tmp_path: Path) -> None:
    data = MINIMAL.replace("09月03日", "13月03日")
    assert_capture_error(write(tmp_path, data.encode(), "baddate.txt"), "impossible date", "13月03日")


@pytest.mark.parametrize("name", ["bad name!.txt", "文章.txt", "a/b c.txt"])
def test_bad_file_stem_raises_capture_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(MINIMAL.encode("utf-8"))
    assert_capture_error(path, "not a valid article id")


def test_bad_file_stem_raises_in_parse_capture_too(tmp_path: Path) -> None:
    with pytest.raises(CaptureError, match="bad name!"):
        parse_capture(MINIMAL, path=tmp_path / "bad name!.txt")


def test_empty_text_raises_in_parse_capture(tmp_path: Path) -> None:
    with pytest.raises(CaptureError, match=r"empty\.txt: is empty"):
        parse_capture(" \n\u3000\n", path=tmp_path / "empty.txt")
