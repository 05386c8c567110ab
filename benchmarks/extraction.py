"""How well the extractor does: every capture of the development sets built with no curated file, and scored.

usage: python benchmarks/extraction.py [FOLDER ...] [--json OUT.json] [--misses odd|even|all]

FOLDER defaults to both sets beside the repository, ``../shared/extraction/dev`` (six longer captures
in several page shapes) and ``../shared/extraction/real`` (real pages from 16 provinces, excerpts as a
search engine stored them). Each capture is copied alone into a fresh project (the repository's
ontology, no annotations, its ``.meta.yaml`` sidecar where it has one), built as a user would build it
(``parkgraph build``: reading, extraction in the worker, validation, files), and the built graph is
scored by the set's own ``score.py`` (which reads the graph only, never an annotation file). A capture
the build refuses or sets aside scores 0 on every figure and is counted as refused.

``000_64b6559f5e865fa2`` is the corpus's first article: its row is that article extracted, its curated
file moved aside. Each folder is reported apart, with its mean; a folder of real pages (``dNN``) is
also reported in two halves, odd and even numbers, because rules are written while looking at one half
and measured on the other (docs/extraction.md, "Measured"). ``--misses`` prints the scorer's misses
for one half only, so that the other stays unread.

Qualifiers are averaged over the captures with a quantity found (a capture with none has no
qualifier to be right or wrong about). CPU is the median over the captures of ``time.process_time``
of one extraction (capture read, tagged, recognised, resolved, assembled), the model loaded once, as in
a worker. ``tests/test_extract_scores.py`` keeps the means from falling below the floors this reports.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parkgraph.build import Project, build  # noqa: E402
from parkgraph.errors import ParkgraphError  # noqa: E402
from parkgraph.extract.assemble import english  # noqa: E402
from parkgraph.extract.lac import tagger  # noqa: E402
from parkgraph.extract.pipeline import extract  # noqa: E402
from parkgraph.reader import read_capture  # noqa: E402

SHARED = ROOT.parent / "shared" / "extraction"
COLUMNS = (
    ("entity_precision", "P"),
    ("entity_recall", "R"),
    ("entity_f1", "F1"),
    ("type_accuracy", "types"),
    ("quantity_recall", "quantities"),
    ("qualifier_accuracy", "qualifiers"),
    ("date_recall", "dates"),
    ("post_recall", "posts"),
    ("relation_recall", "relations"),
    ("leaks", "leaks"),
)
_REAL_NAME = re.compile(r"^d(\d+)$")


def captures_in(folder: Path) -> list[Path]:
    """The captures of ``folder`` that have a gold file, in name order."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix in {".txt", ".html"} and p.with_name(p.stem + ".gold.json").exists()
    )


def score_capture(capture: Path, gold: Path, *, misses: bool = False) -> dict:
    """Build ``capture`` alone, with no annotations, and score the graph against ``gold``.

    With ``misses``, the row also holds the scorer's misses (``"misses"``: its lines)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "corpus").mkdir()
        (root / "annotations").mkdir()
        shutil.copy(capture, root / "corpus" / capture.name)
        sidecar = capture.with_name(capture.stem + ".meta.yaml")
        if sidecar.exists():  # the date a user gives a page that states none
            shutil.copy(sidecar, root / "corpus" / sidecar.name)
        shutil.copytree(ROOT / "ontology", root / "ontology")
        try:
            result = build(Project.at(root), jobs=1, progress=False)
        except ParkgraphError as error:  # every capture (this one) set aside: nothing was built
            return _refused(str(error).splitlines()[-1].strip())
        if result.set_aside:
            return _refused(result.set_aside[0].message)
        scorer = gold.parent.parent / "score.py"
        if not scorer.exists():  # a folder of one's own beside the sets: the sets' scorer
            scorer = SHARED / "score.py"
        lines = subprocess.run(
            [
                sys.executable,
                str(scorer),
                str(gold),
                capture.stem,
                str(root / "graph" / "parkgraph.nt"),
                str(ROOT / "ontology" / "parkgraph.ttl"),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    row = json.loads(lines[-2]) | {"refused": 0}
    if misses:
        row["misses"] = lines[:-2]
    return row


def _refused(why: str) -> dict:
    return {key: 0.0 for key, _ in COLUMNS} | {"leaks": 0, "refused": 1, "why": why}


def means(rows: dict[str, dict]) -> dict[str, float]:
    """Each column's mean over ``rows``; qualifiers over the rows with a quantity found."""
    out = {}
    for key, _ in COLUMNS:
        values = [
            row[key] for row in rows.values() if key != "qualifier_accuracy" or row["quantity_recall"] > 0
        ]
        out[key] = statistics.mean(values) if values else 0.0
    out["leaks"] = sum(row["leaks"] for row in rows.values())
    out["refused"] = sum(row.get("refused", 0) for row in rows.values())
    return out


def halves(rows: dict[str, dict]) -> dict[str, dict[str, dict]]:
    """A real-page folder's rows split by the parity of their number; {} for other folders."""
    numbered = {name: int(m.group(1)) for name in rows if (m := _REAL_NAME.match(name))}
    if not numbered or len(numbered) != len(rows):
        return {}
    return {
        "odd": {name: rows[name] for name, n in numbered.items() if n % 2},
        "even": {name: rows[name] for name, n in numbered.items() if not n % 2},
    }


def cpu_ms(captures: list[Path]) -> list[float]:
    tagger()  # loaded once per worker
    times = []
    for capture in captures:
        try:
            article = read_capture(capture)
        except ParkgraphError:  # refused: nothing to extract
            continue
        extract(article)  # warm: regexes compiled, the model's session run once
        english.cache_clear()  # but no label remembered: as for an article the worker has not seen
        started = time.process_time()
        extract(article)
        times.append((time.process_time() - started) * 1000)
    return times


def _cell(key: str, value: float) -> str:
    return str(int(value)) if key in {"leaks", "refused"} else f"{value:.3f}"


def table(rows: dict[str, dict]) -> list[str]:
    out = [
        "| capture | " + " | ".join(title for _, title in COLUMNS) + " | refused |",
        "|---|" + "---:|" * (len(COLUMNS) + 1),
    ]
    for name, row in rows.items():
        cells = [_cell(key, row[key]) for key, _ in COLUMNS] + [str(row.get("refused", 0))]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    groups = {"mean": rows} | {f"mean, {k} half": v for k, v in halves(rows).items()}
    for title, group in groups.items():
        mean = means(group)
        cells = [_cell(key, mean[key]) for key, _ in COLUMNS] + [str(mean["refused"])]
        out.append(f"| **{title}** | " + " | ".join(f"**{c}**" for c in cells) + " |")
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/extraction.py", description=__doc__.split("\n\n", 1)[0]
    )
    parser.add_argument(
        "folders", nargs="*", type=Path, metavar="FOLDER", help="sets of captures with gold files"
    )
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="also write the report as JSON")
    parser.add_argument("--misses", choices=["odd", "even", "all"], help="print the misses of one half")
    args = parser.parse_args(argv)
    out, show = args.json, args.misses
    folders = args.folders or [SHARED / "dev", SHARED / "real"]
    for folder in folders:
        if not folder.is_dir():
            parser.error(f"{folder}: no such folder of captures")
    report: dict[str, dict] = {}
    everything: list[Path] = []
    for folder in folders:
        captures = captures_in(folder)
        everything += captures
        rows = {}
        for capture in captures:
            rows[capture.stem] = score_capture(
                capture, capture.with_name(capture.stem + ".gold.json"), misses=show is not None
            )
        print(f"\n### {folder.name} ({folder})\n")
        print("\n".join(table(rows)))
        for name, row in rows.items():
            if row.get("refused"):
                print(f"{name}: refused: {row['why']}")
        if show is not None:
            split = halves(rows)
            shown = rows if show == "all" or not split else split[show]
            for name, row in shown.items():
                for line in row.get("misses", []):
                    print(f"{name}: {line}")
        report[folder.name] = {
            "rows": {name: {k: v for k, v in row.items() if k != "misses"} for name, row in rows.items()},
            "mean": means(rows),
        } | {f"mean_{k}": means(v) for k, v in halves(rows).items()}
    times = cpu_ms(everything)
    print(
        f"\nextraction CPU per article: median {statistics.median(times):.1f} ms "
        f"(min {min(times):.1f}, max {max(times):.1f}; {len(times)} captures, model loaded once)"
    )
    if out is not None:
        report["cpu_ms"] = times  # type: ignore[assignment]
        out.write_text(json.dumps(report, indent=1, sort_keys=True, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
