"""How well the reader cuts pages: per capture, the date found, the body's boundaries, chrome leaked,
body lines lost, and whether the page was refused.

usage: python benchmarks/reader_captures.py [FOLDER ...] [--details odd|even|all] [--json OUT.json]

FOLDER defaults to both development sets beside the repository, ``../shared/extraction/dev`` (six
longer captures) and ``../shared/extraction/real`` (real pages, excerpts as a search engine stored
them). Each capture is read as the build reads it, with its ``.meta.yaml`` sidecar where it has one.
Each gold file marks where the article begins and ends (``body_start``, ``body_end``: strings that
occur once in the capture, the first and the last of the region, inclusive; they may span a line
break) and lists chrome strings (``boilerplate_terms``). The reader's article text (title, dateline,
body, credits) is compared with the gold region line by line:

- **start**: the body's first line keeps a line of the region, and the region's first line is kept by
  it or by a line of the reader's header (title, dateline) above it (some golds leave the headline or
  the dateline out of the region: those lines then count as extra, not as a wrong start; a headline
  repeated in a caption further down keeps that caption's line, which says nothing of the start);
- **end**: the text's last line is the region's last;
- **lost**: region lines (non-empty) that no line of the text keeps;
- **extra**: lines of the text that keep no region line;
- **leaks**: chrome terms found in the text (title included) or in the metadata (publisher, source,
  author);
- **refused**: the reader refused the page (the build would set it aside): a row marked refused, with
  its date, start and end wrong and every region line lost.

A text line *keeps* a region line when it equals it or when its items (split at white space) occur in
the region line in order and cover at least half of it: a dateline or a headline the reader cleaned of
its chrome fields still keeps its line. Each folder is reported apart, with its means; a folder of real
pages (``dNN``) also in its two halves, odd and even numbers, because rules are written while looking
at one half and measured on the other. The lines naming what was lost, extra or leaked (the
"details") are printed for a folder that is not split in halves, and for a split folder only for the
half ``--details`` names, so that the other half stays unread.

Targets (issues 11 and 20): no capture refused, the date right on every capture, no leaks, at most one
body line lost per capture. Timing is the median of five reads of each capture, in milliseconds.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parkgraph.errors import ParkgraphError  # noqa: E402
from parkgraph.reader import read_capture  # noqa: E402
from parkgraph.reader.decoding import decode_capture, normalise_text  # noqa: E402
from parkgraph.reader.lines import clean_line, content_length  # noqa: E402

SHARED = ROOT.parent / "shared" / "extraction"
_REAL_NAME = re.compile(r"^d(\d+)$")
_DETAILS = ("leaks", "lost", "extra")


def captures_in(folder: Path) -> list[Path]:
    """The captures of ``folder`` that have a gold file, in name order."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in {".txt", ".html"} and p.with_name(p.stem + ".gold.json").exists()
    )


def region_of(capture: Path, gold: dict) -> list[str] | None:
    """The gold region's non-empty lines, stripped as the reader strips them; None without bounds."""
    if "body_start" not in gold:
        return None
    raw = normalise_text(decode_capture(capture.read_bytes(), path=capture)[0])
    start_text = unicodedata.normalize("NFC", gold["body_start"])
    end_text = unicodedata.normalize("NFC", gold["body_end"]).rstrip("\n")
    begin = raw.index(start_text)
    finish = raw.index(end_text, begin) + len(end_text) - 1
    lines = raw.split("\n")
    first, last = raw.count("\n", 0, begin), raw.count("\n", 0, finish)
    if not clean_line(lines[first]):  # a start string that opens with a line break
        first = next(i for i in range(first, last + 1) if clean_line(lines[i]))
    return [clean_line(line) for line in lines[first : last + 1] if clean_line(line)]


def keeps(text_line: str, region_line: str) -> bool:
    """Does ``text_line`` of the article keep ``region_line`` of the capture (see the module doc)?"""
    if text_line == region_line:
        return True
    at = 0
    for item in text_line.split():
        found = region_line.find(item, at)
        if found < 0:
            return False
        at = found + len(item)
    return content_length(text_line) * 2 >= content_length(region_line) > 0


def score(capture: Path, gold: dict) -> dict:
    """One capture's row (see the module doc)."""
    region = region_of(capture, gold)
    try:
        article = read_capture(capture)
    except ParkgraphError as error:
        return {
            "capture": capture.stem,
            "refused": True,
            "why": str(error).splitlines()[0],
            "published": None,
            "date_ok": False,
            "start_ok": False if region is not None else None,
            "end_ok": False if region is not None else None,
            "lost": list(region or []),
            "extra": [],
            "leaks": [],
            "ms": 0.0,
            "publisher": None,
            "source": None,
            "author": None,
        }
    text_lines = article.text.split("\n")
    if region is not None:
        lost = [line for line in region if not any(keeps(t, line) for t in text_lines)]
        extra = [t for t in text_lines if not any(keeps(t, line) for line in region)]
        header = 1 + (article.dateline.count("\n") + 1 if article.dateline else 0)  # title, dateline
        start_ok = (
            header < len(text_lines)
            and any(keeps(text_lines[header], line) for line in region)
            and any(keeps(t, region[0]) for t in text_lines[: header + 1])
        )
        end_ok = keeps(text_lines[-1], region[-1])
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
        "refused": False,
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


def means(rows: list[dict]) -> dict[str, float]:
    """A group's summary: the share of captures right on date, start and end (of those with bounds),
    leaks in all, body lines lost and extra per capture, refused captures, captures off target."""

    def share(key: str) -> float:
        values = [row[key] for row in rows if row[key] is not None]
        return sum(values) / len(values) if values else 1.0

    return {
        "date": share("date_ok"),
        "start": share("start_ok"),
        "end": share("end_ok"),
        "leaks": sum(len(row["leaks"]) for row in rows),
        "lost": statistics.mean(len(row["lost"]) for row in rows) if rows else 0.0,
        "extra": statistics.mean(len(row["extra"]) for row in rows) if rows else 0.0,
        "refused": sum(row["refused"] for row in rows),
        "off_target": sum(off_target(row) for row in rows),
    }


def off_target(row: dict) -> bool:
    return bool(row["refused"] or not row["date_ok"] or row["leaks"] or len(row["lost"]) > 1)


def halves(rows: list[dict]) -> dict[str, list[dict]]:
    """A real-page folder's rows split by the parity of their number; {} for other folders."""
    numbered = [(row, _REAL_NAME.match(row["capture"])) for row in rows]
    if not rows or not all(match for _, match in numbered):
        return {}
    return {
        "odd": [row for row, match in numbered if match and int(match.group(1)) % 2],
        "even": [row for row, match in numbered if match and not int(match.group(1)) % 2],
    }


def mark(value: bool | None) -> str:
    return "n/a" if value is None else ("right" if value else "WRONG")


def table(rows: list[dict]) -> list[str]:
    out = [
        "| capture | published | date | start | end | chrome leaked | body lines lost | extra | ms "
        "| refused |",
        "|---|---|---|---|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        out.append(
            f"| {row['capture']} | {row['published'] or '—'} | {mark(row['date_ok'])} | "
            f"{mark(row['start_ok'])} | {mark(row['end_ok'])} | {len(row['leaks'])} | {len(row['lost'])} | "
            f"{len(row['extra'])} | {row['ms']:.1f} | {'REFUSED' if row['refused'] else ''} |"
        )
    out += [
        "",
        "| group | captures | date right | start right | end right | leaks | lost | extra | refused |",
    ]
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for title, group in {"mean": rows, **{f"{k} half": v for k, v in halves(rows).items()}}.items():
        m = means(group)
        out.append(
            f"| **{title}** | {len(group)} | {m['date']:.3f} | {m['start']:.3f} | {m['end']:.3f} | "
            f"{int(m['leaks'])} | {m['lost']:.2f} | {m['extra']:.2f} | {int(m['refused'])} |"
        )
    return out


def details(row: dict) -> list[str]:
    lines = [f"{row['capture']}: refused: {row['why']}"] if row["refused"] else []
    for kind in _DETAILS:
        lines += [f"{row['capture']}: {kind}: {line[:80]}" for line in row[kind]]
    if not row["refused"]:
        lines.append(
            f"{row['capture']}: publisher {row['publisher']!r}, source {row['source']!r}, "
            f"author {row['author']!r}"
        )
    return lines


def main(argv: list[str]) -> int:
    out, show = None, None
    if "--json" in argv:
        at = argv.index("--json")
        out, argv = Path(argv[at + 1]), argv[:at] + argv[at + 2 :]
    if "--details" in argv:
        at = argv.index("--details")
        show, argv = argv[at + 1], argv[:at] + argv[at + 2 :]
        if show not in {"odd", "even", "all"}:
            print("--details takes odd, even or all", file=sys.stderr)
            return 2
    folders = [Path(a) for a in argv] or [SHARED / "dev", SHARED / "real"]
    report: dict[str, dict] = {}
    failed = 0
    for folder in folders:
        rows = [
            score(capture, json.loads(capture.with_name(capture.stem + ".gold.json").read_text("utf-8")))
            for capture in captures_in(folder)
        ]
        print(f"\n### {folder.name} ({folder})\n")
        print("\n".join(table(rows)))
        split = halves(rows)
        if not split:
            shown = rows
            failed += sum(off_target(row) for row in rows)
        else:
            shown = rows if show == "all" else split.get(show or "", [])
        for row in shown:
            for line in details(row):
                print(line)
        counted = [row | {kind: len(row[kind]) for kind in _DETAILS} for row in rows]  # no held-out lines
        report[folder.name] = {"rows": counted, "mean": means(rows)} | {
            f"mean_{k}": means(v) for k, v in split.items()
        }
    print(f"\n{failed} development captures off target (refused, date wrong, a leak, or 2+ lines lost)")
    if out is not None:
        out.write_text(json.dumps(report, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
