"""The extractor's scores on the development captures never fall below what was last reported.

The captures and their gold files are ``../shared/extraction/dev`` (beside the repository, as CI lays
it out); ``benchmarks/extraction.py`` builds each one with no curated file and scores the graph
with the set's own ``score.py``. The floors are the means reported in the README, rounded down.
"""

from __future__ import annotations

import importlib.util
import statistics

import pytest

from .conftest import ROOT, require

DEV = ROOT.parent / "shared" / "extraction" / "dev"

#: Mean over the dev captures, as last reported (README, "Extraction"), rounded down.
FLOORS = {
    "entity_precision": 0.99,
    "entity_recall": 0.88,
    "entity_f1": 0.93,
    "type_accuracy": 0.98,
    "quantity_recall": 0.86,
    "qualifier_accuracy": 0.99,
    "date_recall": 0.99,
    "post_recall": 0.91,
    "relation_recall": 0.65,
}


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "extraction_benchmark", ROOT / "benchmarks" / "extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    require(DEV.is_dir(), f"the development captures are not at {DEV} (they come with ../shared/)")
    benchmark = _benchmark()
    return {
        capture.stem: benchmark.score_capture(capture, capture.with_name(capture.stem + ".gold.json"))
        for capture in sorted(DEV.glob("*.txt"))
    }


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_mean_score_stays_above_its_floor(scores: dict[str, dict[str, float]], metric: str) -> None:
    mean = statistics.mean(row[metric] for row in scores.values())
    assert mean >= FLOORS[metric], f"{metric}: mean {mean:.3f} fell below {FLOORS[metric]}"


def test_no_chrome_leaks_into_any_extracted_graph(scores: dict[str, dict[str, float]]) -> None:
    assert {name: row["leaks"] for name, row in scores.items() if row["leaks"]} == {}
