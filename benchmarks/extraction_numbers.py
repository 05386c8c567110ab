"""How well :func:`parkgraph.extract.numbers.find_quantities` finds the quantities of the dev captures.

usage: python benchmarks/extraction_numbers.py [DEV_DIR] [--extras]   (default ../shared/extraction/dev)

For every capture with a gold file, ``find_quantities`` runs over the reader's article text and each
gold quantity is looked for:

- **found**: a mention whose text (or text with its counted noun, 三大方向) contains the gold ``text`` or
  equals it, with a value within 0.5 % of the gold ``value`` (either end of a range); values compare as
  the parser normalises them, money in yuan and percentages as the number. One mention may serve two
  gold quantities (主营业务收入均超过200亿元 is about two parks).
- **qualifier**: of the found, those whose qualifier says what the gold one does: exact ↔ Exactly;
  more_than ↔ MoreThan, SlightlyMoreThan, Exceeding; at_least ↔ AtLeast or any of those; approx ↔
  Approximately, Nearly, SlightlyMoreThan; less_than ↔ LessThan, Nearly, AtMost.
- **not in gold**: mentions that serve no gold quantity (the gold lists what the article says about
  its entities, so a real quantity can be "not in gold": the count is for watching, not a target).

Targets: found ≥ 0.95 and qualifier ≥ 0.95 over all gold quantities; CPU per article (median of
``time.process_time`` over repeated runs) a few milliseconds. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parkgraph.extract.numbers import QuantityMention, find_quantities  # noqa: E402
from parkgraph.reader import read_capture  # noqa: E402

AGREES = {
    "exact": {"Exactly"},
    "more_than": {"MoreThan", "SlightlyMoreThan", "Exceeding"},
    "at_least": {"AtLeast", "MoreThan", "SlightlyMoreThan", "Exceeding"},
    "approx": {"Approximately", "Nearly", "SlightlyMoreThan"},
    "less_than": {"LessThan", "Nearly", "AtMost"},
}
TOLERANCE = Decimal("0.005")
RUNS = 30
TARGET_FOUND = 0.95
TARGET_QUALIFIER = 0.95
TARGET_MS = 5.0


def close(value: Decimal, gold: Decimal) -> bool:
    """Within 0.5 % of the gold value (exactly, for a gold value of zero)."""
    return abs(value - gold) <= abs(gold) * TOLERANCE


def serves(mention: QuantityMention, gold: dict) -> bool:
    """The mention states the gold quantity: its text contains the gold text, its value is the gold's."""
    if gold["text"] not in mention.text and gold["text"] not in mention.phrase:
        return False
    wanted = Decimal(str(gold["value"]))
    ends = [mention.quantity] + ([mention.upper] if mention.upper else [])
    return any(close(end.value, wanted) for end in ends)


def cpu_ms(text: str) -> float:
    """Median CPU time of one ``find_quantities`` run over ``text``, in milliseconds."""
    timings = []
    for _ in range(RUNS):
        began = time.process_time()
        find_quantities(text)
        timings.append((time.process_time() - began) * 1000)
    return statistics.median(timings)


def score(capture: Path, gold: dict) -> dict:
    text = read_capture(capture).text
    mentions = find_quantities(text)
    for mention in mentions:
        mention.check(text)
    found, wrong_qualifier, missed = [], [], []
    used: set[int] = set()
    for quantity in gold.get("quantities", []):
        serving = [i for i, mention in enumerate(mentions) if serves(mention, quantity)]
        if not serving:
            missed.append(quantity)
            continue
        index = next((i for i in serving if i not in used), serving[0])
        used.add(index)
        found.append(quantity)
        if mentions[index].quantity.qualifier not in AGREES[quantity["qualifier"]]:
            wrong_qualifier.append((quantity, mentions[index]))
    extras = [mention for i, mention in enumerate(mentions) if i not in used]
    return {
        "capture": capture.stem,
        "gold": len(gold.get("quantities", [])),
        "found": found,
        "missed": missed,
        "wrong_qualifier": wrong_qualifier,
        "extras": extras,
        "mentions": len(mentions),
        "ms": cpu_ms(text),
    }


def main(argv: list[str]) -> int:
    show_extras = "--extras" in argv
    args = [arg for arg in argv if not arg.startswith("--")]
    dev = Path(args[0]) if args else ROOT.parent / "shared" / "extraction" / "dev"
    rows = []
    for capture in sorted(p for p in dev.iterdir() if p.suffix in {".txt", ".html"}):
        gold_path = capture.with_name(capture.stem + ".gold.json")
        if gold_path.exists():
            rows.append(score(capture, json.loads(gold_path.read_text(encoding="utf-8"))))
    print("| capture | gold | found | qualifier right | mentions | not in gold | CPU ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        found = len(row["found"])
        right = found - len(row["wrong_qualifier"])
        print(
            f"| {row['capture']} | {row['gold']} | {found} | {right} | {row['mentions']} | "
            f"{len(row['extras'])} | {row['ms']:.2f} |"
        )
    gold = sum(row["gold"] for row in rows)
    found = sum(len(row["found"]) for row in rows)
    right = found - sum(len(row["wrong_qualifier"]) for row in rows)
    extras = sum(len(row["extras"]) for row in rows)
    median_ms = statistics.median(row["ms"] for row in rows)
    print(
        f"| all | {gold} | {found} ({found / gold:.3f}) | {right} ({right / max(found, 1):.3f}) | "
        f"{sum(row['mentions'] for row in rows)} | {extras} | median {median_ms:.2f} |"
    )
    for row in rows:
        for quantity in row["missed"]:
            print(f"{row['capture']}: missed {quantity['text']} = {quantity['value']} ({quantity['about']})")
        for quantity, mention in row["wrong_qualifier"]:
            print(
                f"{row['capture']}: qualifier {quantity['text']}: gold {quantity['qualifier']}, "
                f"found {mention.quantity.qualifier} ({mention.text})"
            )
        if show_extras:
            for mention in row["extras"]:
                indicator = mention.indicator.text if mention.indicator else "-"
                print(f"{row['capture']}: not in gold {mention.phrase} [{indicator}]")
    on_target = (
        found / gold >= TARGET_FOUND and right / max(found, 1) >= TARGET_QUALIFIER and median_ms <= TARGET_MS
    )
    print(f"{len(rows)} captures: {'on target' if on_target else 'OFF TARGET'}")
    return 0 if on_target else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
