"""How well the extractor finds time expressions: per dev capture, the gold dates found with the right
resolution, the mentions found that are not in gold, and the CPU time.

usage: python benchmarks/extraction_timex.py [DEV_DIR] [--extra]   (default ../shared/extraction/dev)

A gold date (``dates`` in the gold file: ``text`` as it stands in the article, ``resolved`` against
the dateline) is **right** when its text occurs as, or inside, a mention ``find_times`` found in the
reader's article text, and that mention's first and last day are those of ``resolved``: for an
interval ``BEGIN/END``, the first day of BEGIN and the last day of END (``2017/2022-09-03`` is
2017-01-01 to 2022-09-03); a ``YYYY`` or ``YYYY-MM`` may be resolved as the instant or as an interval
covering the same days. **Extra** counts mentions that contain no gold date text (not an error: gold
files list each time once and skip page chrome; ``--extra`` prints them).

Target: at least 0.9 of the gold dates right on every capture. Timing is the median CPU time
(``time.process_time``) of five runs of ``find_times`` on each article, in milliseconds.
"""

from __future__ import annotations

import calendar
import json
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parkgraph.extract.timex import TimeMention, find_times  # noqa: E402
from parkgraph.reader import read_capture  # noqa: E402

TARGET = 0.9
RUNS = 5


def first_day(value: str) -> date:
    """The first day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    parts = [int(part) for part in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> date:
    """The last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts)


def gold_days(resolved: str) -> tuple[date, date]:
    """The first and last day a gold ``resolved`` value covers."""
    begin, _, end = resolved.partition("/")
    return first_day(begin), last_day(end or begin)


@dataclass
class Result:
    capture: str
    golds: int
    right: int
    found: int
    extra: list[TimeMention]
    misses: list[str]
    cpu_ms: float

    @property
    def recall(self) -> float:
        return self.right / self.golds if self.golds else 1.0


def score(capture: Path) -> Result:
    gold = json.loads(capture.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
    article = read_capture(capture)
    times = []
    for _ in range(RUNS):
        started = time.process_time()
        mentions = find_times(article.text, reference=article.published)
        times.append(time.process_time() - started)
    right, misses = 0, []
    for entry in gold["dates"]:
        days = gold_days(entry["resolved"])
        holders = [m for m in mentions if entry["text"] in m.text]
        if any((m.spec.begin, m.spec.end) == days for m in holders):
            right += 1
        else:
            found = ", ".join(f"{m.text}={m.spec.begin}/{m.spec.end}" for m in holders) or "no mention"
            misses.append(f"{entry['text']} → {entry['resolved']} ({found})")
    gold_texts = [entry["text"] for entry in gold["dates"]]
    extra = [m for m in mentions if not any(t in m.text for t in gold_texts)]
    return Result(
        capture.stem, len(gold["dates"]), right, len(mentions), extra, misses, 1000 * statistics.median(times)
    )


def main(argv: list[str]) -> int:
    show_extra = "--extra" in argv
    args = [a for a in argv if a != "--extra"]
    dev = Path(args[0]) if args else ROOT.parent / "shared" / "extraction" / "dev"
    results = [score(capture) for capture in sorted(dev.glob("*.txt"))]
    print(f"{'capture':<24} {'gold':>4} {'right':>5} {'recall':>6} {'found':>5} {'extra':>5} {'cpu ms':>7}")
    for r in results:
        print(
            f"{r.capture:<24} {r.golds:>4} {r.right:>5} {r.recall:>6.3f} {r.found:>5} {len(r.extra):>5} "
            f"{r.cpu_ms:>7.2f}"
        )
    golds, right = sum(r.golds for r in results), sum(r.right for r in results)
    print(
        f"{'all':<24} {golds:>4} {right:>5} {right / golds:>6.3f} {sum(r.found for r in results):>5} "
        f"{sum(len(r.extra) for r in results):>5} {statistics.median(r.cpu_ms for r in results):>7.2f}"
        "  (cpu: median per article)"
    )
    for r in results:
        for miss in r.misses:
            print(f"miss  {r.capture}: {miss}")
        if show_extra:
            for m in r.extra:
                resolved = m.spec.value or f"{m.spec.begin}/{m.spec.end}"
                print(f"extra {r.capture}: {m.start} {m.text} = {resolved}")
    below = [r.capture for r in results if r.recall < TARGET]
    print(f"target ≥ {TARGET} on every capture: {'met' if not below else 'missed on ' + ', '.join(below)}")
    return 0 if not below else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
