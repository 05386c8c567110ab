"""The corpus-scale benchmark's tables, from a saved run (``benchmarks/corpus_scale.py --json``).

Why: the README's issue-13 tables are printed by ``--readme`` from a run's JSON; a change to the script
that broke reading an earlier run's JSON would only show up after a benchmark of an hour. The fixture is
the 1k part of the run the README reports, cut to three questions.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "tests" / "data" / "corpus_scale_1k.json"


def _benchmark():
    spec = importlib.util.spec_from_file_location("corpus_scale", ROOT / "benchmarks" / "corpus_scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus_scale", module)
    spec.loader.exec_module(module)
    return module


def test_readme_tables_put_each_size_beside_the_targets() -> None:
    bench = _benchmark()
    results = [bench.SizeResult(**data) for data in json.loads(RUN.read_text(encoding="utf-8"))]
    tables = bench.readme_tables(results)
    header = tables.splitlines()[0]
    assert header == "| | 1,000 curated | 1,000 extracted | target |"
    rows = {line.split(" | ")[0].lstrip("| "): line for line in tables.splitlines() if line.startswith("| ")}
    assert "| 3.70x | 4.93x | ≤ 2.0x |" in rows["cold build ÷ ceiling"]
    assert "71 + 112 = 183 CPU-s" in rows["its CPU: main process + workers"]
    assert "7.0 s (6.8 %)" in rows["one article changed (share of cold)"]
    # the questions' table: the curated corpus only, scoped beside unscoped
    assert "| question | 1,000 scoped | 1,000 unscoped |" in tables
    assert "| 01-park-approval | 9.1 | 224.2 |" in tables


def test_report_reads_each_size_of_a_saved_run() -> None:
    bench = _benchmark()
    for data in json.loads(RUN.read_text(encoding="utf-8")):
        text = bench.report(bench.SizeResult(**data))
        assert "cold build" in text and "MISSED" in text
