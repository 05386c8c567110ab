"""How well the extractor does: every development capture built with no curated file, and scored.

usage: python benchmarks/extraction.py [DEV_DIR] [--json OUT.json]   (default ../shared/extraction/dev)

Each capture is copied alone into a fresh project (the repository's ontology, no annotations), built
as a user would build it (``parkgraph build``: extraction in the worker, validation, files), and the
built graph is scored by the development set's own ``score.py`` (which reads the graph only, never an
annotation file). ``000_64b6559f5e865fa2`` is the corpus's first article: its row is that article
extracted, its curated file moved aside. CPU is the median over the captures of ``time.process_time``
of one extraction (capture read, tagged, recognised, resolved, assembled), the model loaded once, as
in a worker; a test (tests/test_extract_scores.py) keeps the scores from falling below the floors
this reports.
"""

from __future__ import annotations

import json
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
from parkgraph.extract.assemble import english  # noqa: E402
from parkgraph.extract.lac import tagger  # noqa: E402
from parkgraph.extract.pipeline import extract  # noqa: E402
from parkgraph.reader import read_capture  # noqa: E402

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


def score_capture(capture: Path, gold: Path) -> dict[str, float]:
    """Build ``capture`` alone, with no annotations, and score the graph against ``gold``."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "corpus").mkdir()
        (root / "annotations").mkdir()
        shutil.copy(capture, root / "corpus" / capture.name)
        shutil.copytree(ROOT / "ontology", root / "ontology")
        build(Project.at(root), jobs=1, progress=False)
        scorer = gold.parent.parent / "score.py"
        out = (
            subprocess.run(
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
            )
            .stdout.strip()
            .splitlines()
        )
    return json.loads(out[-2])


def cpu_ms(captures: list[Path]) -> list[float]:
    tagger()  # loaded once per worker
    times = []
    for capture in captures:
        article = read_capture(capture)
        extract(article)  # warm: regexes compiled, the model's session run once
        english.cache_clear()  # but no label remembered: as for an article the worker has not seen
        started = time.process_time()
        extract(article)
        times.append((time.process_time() - started) * 1000)
    return times


def main(argv: list[str]) -> int:
    out = None
    if "--json" in argv:
        out = Path(argv[argv.index("--json") + 1])
        argv = argv[: argv.index("--json")]
    dev = Path(argv[0]) if argv else ROOT.parent / "shared" / "extraction" / "dev"
    captures = sorted(p for p in dev.iterdir() if p.suffix in {".txt", ".html"})
    rows = {}
    for capture in captures:
        gold = capture.with_name(capture.stem + ".gold.json")
        if gold.exists():
            rows[capture.stem] = score_capture(capture, gold)
    times = cpu_ms(captures)
    print("| capture | " + " | ".join(title for _, title in COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    for name, row in rows.items():
        print(
            f"| {name} | "
            + " | ".join(f"{row[key]:.3f}" if key != "leaks" else str(row[key]) for key, _ in COLUMNS)
            + " |"
        )
    means = {key: statistics.mean(row[key] for row in rows.values()) for key, _ in COLUMNS}
    print("| mean | " + " | ".join(f"{means[key]:.3f}" for key, _ in COLUMNS) + " |")
    print(
        f"extraction CPU per article: median {statistics.median(times):.1f} ms "
        f"(min {min(times):.1f}, max {max(times):.1f}; {len(times)} captures, model loaded once)"
    )
    if out is not None:
        out.write_text(json.dumps({"rows": rows, "mean": means, "cpu_ms": times}, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
