"""Shared fixtures. The built graph is built once per test session (in a temporary folder)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from parkgraph.build import BuildResult, Project, build

ROOT = Path(__file__).resolve().parents[1]

#: Set by CI: a test that would skip for a missing tool (Chromium, Java, ...) fails instead.
STRICT_ENV = "PARKGRAPH_STRICT"


def require(condition: bool, reason: str) -> None:
    """Skip with ``reason`` unless ``condition``; under ``PARKGRAPH_STRICT=1`` (CI) fail instead."""
    if condition:
        return
    if os.environ.get(STRICT_ENV) == "1":
        pytest.fail(f"{reason} (and {STRICT_ENV}=1 turns this skip into a failure)")
    pytest.skip(reason)


def copy_project(destination: Path) -> Project:
    """A private copy of the project's inputs, so a test can break them without touching the repo."""
    for name in ("corpus", "annotations", "ontology"):
        shutil.copytree(ROOT / name, destination / name)
    return Project.at(destination)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A fresh build of the real project into a temporary output folder."""
    out = tmp_path_factory.mktemp("graph")
    return build(Project.at(ROOT, out_dir=out))
