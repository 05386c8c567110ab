"""Smoke run of the reader and the extractor over real pages that nobody scores.

usage: python benchmarks/smoke.py DIR [--entities] [--json OUT]

The scored captures (``../shared/extraction``) are few, and rules written while looking at them fit
them. A smoke set is a folder of more real pages of the genre (``sNN.txt`` / ``.html``, each with its
optional ``.meta.yaml`` sidecar), read to see what the code does on pages it was not written on:
which are refused and why, where page chrome reaches the article text, which entities are wrong.
The pages of a smoke set are never committed and their names never go into rules; this script names
no page and knows nothing of any.

Each capture is read as the build reads it (:func:`parkgraph.reader.read_capture`, sidecar included)
and extracted with :func:`parkgraph.extract.pipeline.extract` (the model loaded once). For each it
prints: read or refused (with the reader's reason), the title found, the body's first and last line,
the lines of the article text that look like chrome (the reader's own vocabulary, ``lexicon.yaml``,
plus the markers below), the entities by kind and the extractor's warnings; ``--entities`` lists
every entity, fact and concept with its kind and confidence, for a human to eyeball. The summary
gives captures, refused, captures with suspected chrome, entities per capture and the extraction CPU
median (``time.process_time`` of one extraction per capture, model already loaded).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parkgraph.errors import ParkgraphError  # noqa: E402
from parkgraph.extract.lac import tagger  # noqa: E402
from parkgraph.extract.pipeline import Extraction, extract  # noqa: E402
from parkgraph.reader import CAPTURE_SUFFIXES, Article, read_capture  # noqa: E402
from parkgraph.reader.lines import ends_body, is_chrome, is_paragraph, is_sentence  # noqa: E402

# Typical chrome markers of Chinese news, government, company and WeChat pages: a line of the article
# text that shows one is reported as suspected chrome, with the marker's class (a human judges).
# Traditional forms are listed too: big5 mirrors of mainland pages are common. Where a marker counts:
#   "any"   - every line, running text included: strings that sentences do not contain;
#   "short" - only lines that are not running text: words sentences use too (分享, 关注, 点击, 登录);
#   "field" - metadata labels, which belong in the dateline and the credit lines: title and body only;
#   "field, short" - both: a date opening a line is metadata, unless the line is running text.
CHROME_MARKERS: tuple[tuple[str, str, str], ...] = (
    ("prev/next", "any", r"上一篇|下一篇|上一条|下一条|上一主题|下一主题|没有了"),
    ("prev/next", "short", r"上一个|下一个|上一個|下一個"),
    ("share bar", "short", r"分享|转发|轉發|收藏|点赞|在看|复制链接|複製鏈接|评分|評分|意見反饋|意见反馈"),
    ("QR/WeChat", "any", r"二维码|二維碼|扫一扫|掃一掃|公众号|公眾號|阅读原文|官方微信"),
    ("QR/WeChat", "short", r"微信|关注|關注"),
    ("editor credit", "field", r"责任编辑|責任編輯|编辑\s*[:：]|編輯\s*[:：]"),
    ("editor credit", "field", r"编审\s*[:：]|签发\s*[:：]|审核\s*[:：]"),
    ("editor credit", "short", r"记者|記者|通讯员|通訊員"),
    ("photo caption", "any", r"\s摄\S|\s攝\S|^▲|^图为|资料图"),
    ("photo caption", "short", r"摄$|攝$"),
    ("metadata", "field", r"来源\s*[:：]|來源\s*[:：]|作者\s*[:：]|时间\s*[:：]"),
    ("metadata", "field", r"发布时间|發布時間|發佈時間"),
    ("metadata", "field, short", r"^\d{4}[-/.年]\d{1,2}"),
    ("metadata", "any", r"浏览次数|瀏覽次數|点击数|阅读量|字体\s*[:：]|字號"),
    ("metadata", "any", r"【打印|关闭窗口|關閉窗口|关闭本页"),
    ("metadata", "short", r"点击|點擊|浏览|瀏覽|阅读|字体|字号|打印|关闭|關閉|[:：]$"),
    ("page label", "short", r"^(文章)?正文$|^文章详情$|^详情$|日期选择|切换到宽版|切换$"),
    ("page label", "short", r"回到首页|回到顶部|返回顶部|返回首页"),
    ("related list", "short", r"新闻推荐|相关阅读|相关新闻|推荐阅读|最近发表|随机阅读|^更多|排行"),
    ("forum", "any", r"本帖|只看楼主|只看该作者|倒序阅读|快速回复|发表于|字节$"),
    ("e-paper furniture", "any", r"版面导航|版面導航|近期报纸|文章搜索|PDF版"),
    ("e-paper furniture", "any", r"第\s*\S{1,4}\s*版\s*[:：]"),
    ("archive record fields", "any", r"唯一号|分类号|索引号|内容摘要|作者简介"),
    ("archive record fields", "any", r"关键词\s*[:：]|关键字\s*[:：]|标题\s*[:：]|^摘要\s*[:：]"),
    ("footer", "any", r"版权所有|版權所有|Copyright|ICP备|ICP證|公网安备|網安備"),
    ("footer", "any", r"网站地图|網站地圖|免责声明|不良信息举报|广告拦截"),
    ("footer", "short", r"联系我们|聯系我們|关于我们|友情链接|网站群|举报"),
    ("login/comment", "short", r"^(用户)?登[录錄]|^注册|立即注册|评论|評論|留言|跟帖|回复"),
    ("code/markup", "any", r"\.(JPG|jpg|jpeg|png|PNG|gif)$|<!--|-->|\*{3,}|!\[\]|[A-Za-z]+Id\b"),
    ("stray symbols", "any", r"^[^\w]+$|^\d{1,6}$"),
)

_COMPILED = [(kind, where, re.compile(pattern)) for kind, where, pattern in CHROME_MARKERS]
_SHORT = 36  # characters kept of a line in the report


@dataclass
class Row:
    """What the reader and the extractor made of one capture."""

    capture: str
    read: bool
    reason: str = ""
    published: str = ""
    title: str = ""
    first_line: str = ""
    last_line: str = ""
    headline_repeated: bool = False
    chrome: list[tuple[str, str, str]] = field(default_factory=list)  # (part, class, line)
    chrome_entities: list[tuple[str, str, str]] = field(default_factory=list)  # (label, kind, class)
    kinds: dict[str, int] = field(default_factory=dict)
    facts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    entities: list[tuple[str, str, float, list[str]]] = field(default_factory=list)
    cpu_ms: float | None = None


def short(line: str, width: int = _SHORT) -> str:
    """The line cut to ``width`` characters, with an ellipsis where it was cut.

    >>> short("鹭平高新区新增三家企业", 5)
    '鹭平高新区…'
    """
    return line if len(line) <= width else line[:width] + "…"


def repeats(title: str, line: str) -> bool:
    """Does ``line`` repeat the headline: the same words (punctuation aside) opening it, or closing a
    line that only adds a column tag before them?

    >>> repeats("鹭平高新区新增三家企业", "（走基层）鹭平高新区新增三家企业")
    True
    >>> repeats("鹭平高新区新增三家企业", "5月7日，鹭平高新区新增三家企业，园区企业总数达到120家。")
    False
    """
    words, other = re.sub(r"\W", "", title), re.sub(r"\W", "", line)
    if not words:
        return False
    return other.startswith(words) or (other.endswith(words) and len(other) - len(words) <= 10)


def kind_of(types: tuple[str, ...]) -> str:
    """The local name of the most specific (last) type IRI: ``...#City`` -> ``City``.

    >>> kind_of(("https://schema.org/Place", "https://w3id.org/parkgraph/ontology#City"))
    'City'
    """
    return re.split(r"[#/]", types[-1])[-1] if types else "?"


def chrome_classes(line: str, part: str) -> list[str]:
    """The chrome classes a line of the article text shows (empty: it looks like text).

    ``part`` is ``title``, ``dateline``, ``body`` or ``credit`` (a line of the article text), a
    metadata field (``publisher``, ``source``, ``reporter``: a value, in which a label is chrome too)
    or ``entity`` (an entity's label). The reader's own tests (:func:`is_chrome`, :func:`ends_body`)
    apply outside the dateline, whose metadata they would flag; the markers as
    :data:`CHROME_MARKERS` says.

    >>> chrome_classes("上一篇：鹭平高新区新增三家企业", "body")
    ['reader vocabulary', 'prev/next']
    >>> chrome_classes("来源：鹭平日报", "dateline"), chrome_classes("（编辑：林晓）", "body")
    ([], ['editor credit'])
    >>> chrome_classes("鹭平高新区与三家企业分享了经验，关注企业需求，促进项目落地。", "body")
    []
    """
    found = []
    if part != "dateline" and (is_chrome(line) or ends_body(line)):
        found.append("reader vocabulary")
    running_text = is_sentence(line) or is_paragraph(line)
    for kind, where, pattern in _COMPILED:
        if "field" in where and part in ("dateline", "credit"):
            continue
        if "short" in where and running_text:
            continue
        if kind not in found and pattern.search(line):
            found.append(kind)
    return found


def parts(article: Article) -> list[tuple[str, str]]:
    """Each non-empty line of the article text, and each metadata value the graph publishes as a
    literal, with the part it belongs to."""
    labelled = [("title", article.title)]
    labelled += [("dateline", line) for line in article.dateline.split("\n")]
    labelled += [("body", line) for line in article.body.split("\n")]
    labelled += [("credit", line) for line in article.credits]
    labelled += [("publisher", article.publisher or ""), ("source", article.source or "")]
    labelled += [("reporter", article.reporter or "")]
    return [(part, line) for part, line in labelled if line.strip()]


def fill_extraction(row: Row, extraction: Extraction) -> None:
    annotations, confidence = extraction.annotations, extraction.confidence
    for slug, entity in annotations.entities.items():
        kind = kind_of(entity.types)
        row.kinds[kind] = row.kinds.get(kind, 0) + 1
        surfaces = sorted({quote.exact for quote in entity.quotes} - {entity.label})
        row.entities.append((entity.label, kind, confidence.get(slug, 0.0), surfaces[:3]))
        for found in chrome_classes(entity.label, "entity"):
            row.chrome_entities.append((entity.label, kind, found))
    for slug, fact in annotations.facts.items():
        kind = kind_of(fact.types)
        row.facts[kind] = row.facts.get(kind, 0) + 1
        row.entities.append((fact.label, "fact:" + kind, confidence.get(slug, 0.0), []))
    for concept in annotations.concepts.values():
        row.entities.append((concept.label, "concept:" + concept.scheme, 1.0, []))
    row.warnings = list(extraction.warnings)


def smoke(capture: Path, warm_up: bool = False) -> Row:
    """Read and extract one capture; a refusal is a result, not an error. ``warm_up`` extracts it
    once untimed first (regexes compiled, the model's session run), as for every later capture."""
    try:
        article = read_capture(capture)
    except ParkgraphError as error:
        return Row(capture.stem, False, reason=getattr(error, "problem", str(error)))
    body = [line for line in article.body.split("\n") if line.strip()]
    row = Row(
        capture.stem,
        True,
        published=article.published.isoformat(),
        title=article.title,
        first_line=body[0] if body else "",
        last_line=body[-1] if body else "",
        headline_repeated=bool(body) and repeats(article.title, body[0]),
    )
    for part, line in parts(article):
        for kind in chrome_classes(line, part):
            row.chrome.append((part, kind, line))
    try:
        if warm_up:
            extract(article)
        started = time.process_time()
        extraction = extract(article)
        row.cpu_ms = (time.process_time() - started) * 1000
    except ParkgraphError as error:
        row.warnings.append(f"extraction failed: {error}")
        return row
    fill_extraction(row, extraction)
    return row


def report(row: Row, entities: bool) -> list[str]:
    if not row.read:
        return [f"{row.capture}  REFUSED  {row.reason}"]
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(row.kinds.items())) or "none"
    facts = ", ".join(f"{kind} {n}" for kind, n in sorted(row.facts.items())) or "none"
    lines = [
        f"{row.capture}  read  {row.published}  title: {short(row.title, 60)}",
        f"    body: {short(row.first_line)}  ...  {short(row.last_line)}"
        + ("  (headline repeated as first line)" if row.headline_repeated else ""),
        f"    entities: {kinds}; facts: {facts}; cpu {row.cpu_ms or 0:.0f} ms",
    ]
    by_line: dict[tuple[str, str], list[str]] = {}
    for part, kind, line in row.chrome:
        by_line.setdefault((part, line), []).append(kind)
    for (part, line), kinds_of_line in by_line.items():
        times = len(kinds_of_line) // len(set(kinds_of_line))
        repeat = f" (x{times})" if times > 1 else ""
        kinds_text = "/".join(dict.fromkeys(kinds_of_line))
        lines.append(f"    chrome? [{part}] {kinds_text}: {short(line, 60)}{repeat}")
    for label, kind, found in row.chrome_entities:
        lines.append(f"    chrome entity? {kind} {label} ({found})")
    lines += [f"    warning: {warning}" for warning in row.warnings]
    if entities:
        for label, kind, confidence, surfaces in sorted(row.entities, key=lambda e: (e[1], e[0])):
            also = f"  (also: {' / '.join(surfaces)})" if surfaces else ""
            lines.append(f"      {kind:<28} {confidence:.2f}  {label}{also}")
    return lines


def summary(rows: list[Row]) -> dict[str, float]:
    read = [row for row in rows if row.read]
    counts = [sum(row.kinds.values()) for row in read]
    times = [row.cpu_ms for row in read if row.cpu_ms is not None]
    return {
        "captures": len(rows),
        "refused": len(rows) - len(read),
        "with_chrome": sum(1 for row in read if row.chrome),
        "chrome_lines": sum(len({(part, line) for part, _, line in row.chrome}) for row in read),
        "chrome_entities": sum(len({label for label, _, _ in row.chrome_entities}) for row in read),
        "entities_per_capture": statistics.mean(counts) if counts else 0.0,
        "entities_median": statistics.median(counts) if counts else 0.0,
        "cpu_ms_median": statistics.median(times) if times else 0.0,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder of captures (.txt/.html with .meta.yaml sidecars)")
    parser.add_argument("--entities", action="store_true", help="list every entity with kind and confidence")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the rows and the summary as JSON")
    args = parser.parse_args(argv)
    captures = sorted(p for p in args.dir.iterdir() if p.suffix in CAPTURE_SUFFIXES)
    tagger()  # the model, loaded once
    rows = []
    for capture in captures:
        rows.append(smoke(capture, warm_up=not any(row.cpu_ms is not None for row in rows)))
    for row in rows:
        print("\n".join(report(row, args.entities)))
    totals = summary(rows)
    print(
        f"\n{totals['captures']} captures, {totals['refused']} refused, "
        f"{totals['with_chrome']} read with suspected chrome ({totals['chrome_lines']} lines, "
        f"{totals['chrome_entities']} entities that look like chrome), "
        f"{totals['entities_per_capture']:.1f} entities per read capture "
        f"(median {totals['entities_median']:.1f}), "
        f"extraction CPU median {totals['cpu_ms_median']:.0f} ms"
    )
    if args.json:
        payload = {"summary": totals, "captures": [asdict(row) for row in rows]}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
