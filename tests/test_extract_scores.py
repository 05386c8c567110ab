"""The extractor's scores on the development captures and on real pages never fall below what was
last reported.

The captures and their gold files are ``../shared/extraction/dev`` (six longer captures) and
``../shared/extraction/real`` (16 real pages from 16 provinces, excerpts as a search engine stored
them), beside the repository, as CI lays it out. ``benchmarks/extraction.py`` builds each one alone
with no curated file and scores the built graph with the set's own ``score.py``. The floors are the
means the README reports ("How well the reader and the extractor do"), rounded down; the chrome leaks
and refusals are ceilings.
"""

from __future__ import annotations

import importlib.util

import pytest

from .conftest import ROOT, require

SHARED = ROOT.parent / "shared" / "extraction"

#: Means over each set, as last reported (benchmarks/extraction.py; README), rounded down.
FLOORS = {
    "dev": {
        "entity_precision": 0.99,
        "entity_recall": 0.88,
        "entity_f1": 0.93,
        "type_accuracy": 0.98,
        "quantity_recall": 0.88,
        "qualifier_accuracy": 0.99,
        "date_recall": 0.99,
        "post_recall": 0.93,
        "relation_recall": 0.66,
    },
    "real": {
        "entity_precision": 0.97,
        "entity_recall": 0.86,
        "entity_f1": 0.91,
        "type_accuracy": 0.98,
        "quantity_recall": 0.82,
        "qualifier_accuracy": 0.93,
        "date_recall": 0.95,
        "post_recall": 0.98,
        "relation_recall": 0.64,
    },
}
#: Chrome terms in the built graphs and captures refused, summed over each set: ceilings.
CEILINGS = {"dev": {"leaks": 0, "refused": 0}, "real": {"leaks": 2, "refused": 0}}


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "extraction_benchmark", ROOT / "benchmarks" / "extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request: pytest.FixtureRequest) -> tuple[str, dict[str, float]]:
    """(set name, the set's means), each capture built alone and scored."""
    folder = SHARED / request.param
    require(folder.is_dir(), f"the {request.param} captures are not at {folder} (they come with ../shared/)")
    benchmark = _benchmark()
    rows = {
        capture.stem: benchmark.score_capture(capture, capture.with_name(capture.stem + ".gold.json"))
        for capture in benchmark.captures_in(folder)
    }
    return request.param, benchmark.means(rows)


@pytest.mark.parametrize("metric", sorted(FLOORS["dev"]))
def test_mean_score_stays_above_its_floor(scored: tuple[str, dict[str, float]], metric: str) -> None:
    name, mean = scored
    floor = FLOORS[name][metric]
    assert mean[metric] >= floor, f"{name}: {metric}: mean {mean[metric]:.3f} fell below {floor}"


@pytest.mark.parametrize("count", ["leaks", "refused"])
def test_chrome_leaks_and_refusals_stay_below_their_ceiling(
    scored: tuple[str, dict[str, float]], count: str
) -> None:
    name, mean = scored
    ceiling = CEILINGS[name][count]
    assert mean[count] <= ceiling, f"{name}: {mean[count]} {count}, over the ceiling {ceiling}"
