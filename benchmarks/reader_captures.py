"""How well the reader cuts pages: per capture, the date found, the body's boundaries, chrome leaked,
body lines lost.

usage: python benchmarks/reader_captures.py [DEV_DIR]   (default ../shared/extraction/dev)

Each development capture's gold file marks where the article begins and ends (``body_start``,
``body_end``: the title line through the last line, inclusive) and lists chrome strings
(``boilerplate_terms``). The reader's article text (title, dateline, body, credits) is compared with
the gold region line by line:

- **start / end**: the text's first line is the region's first, its last line the region's last;
- **lost**: region lines (non-empty) that are not lines of the text;
- **extra**: lines of the text outside the region;
- **leaks**: chrome terms found in the text or in the metadata (publisher, source, author).

Targets (issue 11): the date right on every capture that states it, no leaks, at most one body line
lost per capture. Timing is the median of five reads of each capture, in milliseconds.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parkgraph.reader import read_capture  # noqa: E402
from parkgraph.reader.decoding import decode_capture, normalise_text  # noqa: E402
from parkgraph.reader.lines import clean_line  # noqa: E402


def score(capture: Path, gold: dict) -> dict:
    article = read_capture(capture)
    text_lines = article.text.split("\n")
    raw = normalise_text(decode_capture(capture.read_bytes(), path=capture)[0])
    lines = [clean_line(line) for line in raw.split("\n")]
    if "body_start" in gold:
        start = next(i for i, line in enumerate(lines) if gold["body_start"] in line)
        end = next(i for i, line in enumerate(lines) if gold["body_end"] in line)
        region = [line for line in lines[start : end + 1] if line]
        kept = set(text_lines)
        lost = [line for line in region if line not in kept]
        extra = [line for line in text_lines if line not in set(region)]
        start_ok, end_ok = text_lines[0] == region[0], text_lines[-1] == region[-1]
    else:
        lost, extra, start_ok, end_ok = [], [], None, None
    metadata = [article.text, article.publisher or "", article.source or "", article.reporter or ""]
    leaks = [term for term in gold.get("boilerplate_terms", []) if any(term in value for value in metadata)]
    timings = []
    for _ in range(5):
        began = time.perf_counter()
        read_capture(capture)
        timings.append((time.perf_counter() - began) * 1000)
    return {
        "capture": capture.stem,
        "published": article.published.isoformat(),
        "date_ok": article.published.isoformat()[:10] == gold["published"],
        "start_ok": start_ok,
        "end_ok": end_ok,
        "lost": lost,
        "extra": extra,
        "leaks": leaks,
        "ms": statistics.median(timings),
        "publisher": article.publisher,
        "source": article.source,
        "author": article.reporter,
    }


def mark(value: bool | None) -> str:
    return "n/a" if value is None else ("right" if value else "WRONG")


def main(argv: list[str]) -> int:
    dev = Path(argv[0]) if argv else ROOT.parent / "shared" / "extraction" / "dev"
    rows = []
    for capture in sorted(p for p in dev.iterdir() if p.suffix in {".txt", ".html"}):
        gold_path = capture.with_name(capture.stem + ".gold.json")
        if gold_path.exists():
            rows.append(score(capture, json.loads(gold_path.read_text(encoding="utf-8"))))
    print("| capture | published | date | start | end | chrome leaked | body lines lost | extra | ms |")
    print("|---|---|---|---|---|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['capture']} | {row['published']} | {mark(row['date_ok'])} | {mark(row['start_ok'])} | "
            f"{mark(row['end_ok'])} | {len(row['leaks'])} | {len(row['lost'])} | {len(row['extra'])} | "
            f"{row['ms']:.1f} |"
        )
    for row in rows:
        for kind in ("leaks", "lost", "extra"):
            for line in row[kind]:
                print(f"{row['capture']}: {kind}: {line[:80]}")
    failed = [r for r in rows if not r["date_ok"] or r["leaks"] or len(r["lost"]) > 1]
    print(f"{len(rows)} captures, {len(failed)} off target")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
