"""The reader's results on the development captures never fall below what was last reported.

The captures and their gold files are ``../shared/extraction/dev`` (six longer captures) and
``../shared/extraction/real`` (real pages), beside the repository as CI lays it out;
``benchmarks/reader_captures.py`` reads each one (with its ``.meta.yaml`` sidecar) and compares the
article text with the gold region and chrome terms. The floors are the means it reported (README,
"How well the reader and the extractor do"), rounded down; the ceilings (leaks, lines lost or extra)
rounded up.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from .conftest import ROOT, require

SHARED = ROOT.parent / "shared" / "extraction"

#: Each folder's summary as last reported: shares of captures right (floors), counts (ceilings).
FLOORS = {
    "dev": {"date": 1.0, "start": 1.0, "end": 1.0},
    "real": {"date": 1.0, "start": 1.0, "end": 0.93},
}
CEILINGS = {
    "dev": {"leaks": 0, "lost": 0.0, "extra": 0.0, "refused": 0},
    "real": {"leaks": 2, "lost": 0.5, "extra": 0.8, "refused": 0},
}


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "reader_benchmark", ROOT / "benchmarks" / "reader_captures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def summaries() -> dict[str, dict[str, float]]:
    require(SHARED.is_dir(), f"the development captures are not at {SHARED} (they come with ../shared/)")
    benchmark = _benchmark()
    out = {}
    for folder in FLOORS:
        captures = benchmark.captures_in(SHARED / folder)
        rows = [
            benchmark.score(c, json.loads(c.with_name(c.stem + ".gold.json").read_text("utf-8")))
            for c in captures
        ]
        out[folder] = benchmark.means(rows)
    return out


@pytest.mark.parametrize(("folder", "metric"), [(f, m) for f, floors in FLOORS.items() for m in floors])
def test_reader_share_stays_above_its_floor(summaries: dict, folder: str, metric: str) -> None:
    value = summaries[folder][metric]
    assert value >= FLOORS[folder][metric], (
        f"{folder} {metric}: {value:.3f} fell below {FLOORS[folder][metric]}"
    )


@pytest.mark.parametrize(("folder", "metric"), [(f, m) for f, ceilings in CEILINGS.items() for m in ceilings])
def test_reader_count_stays_below_its_ceiling(summaries: dict, folder: str, metric: str) -> None:
    value = summaries[folder][metric]
    assert value <= CEILINGS[folder][metric], (
        f"{folder} {metric}: {value} rose above {CEILINGS[folder][metric]}"
    )
