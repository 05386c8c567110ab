"""The one-step build: deterministic, atomic, validated, and clear about bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from parkgraph.build import BuildResult, Project, build
from parkgraph.errors import (
    AnnotationError,
    CaptureError,
    EvidenceNotFoundError,
    ValidationError,
)

from .conftest import ROOT, copy_project

ANNOTATION = "annotations/000_64b6559f5e865fa2.yaml"


def test_committed_graph_equals_a_fresh_build(built: BuildResult) -> None:
    """graph/ is generated: it is committed only because this proves it equals a fresh build."""
    for path in built.files:
        committed = ROOT / "graph" / path.name
        assert committed.exists(), f"{committed} is missing: run python build_graph.py and commit graph/"
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} differs from a fresh build: run python build_graph.py and commit graph/"
        )


def test_build_is_byte_identical_across_hash_seeds(tmp_path: Path, built: BuildResult) -> None:
    """Same inputs, same bytes, whatever Python's string-hash seed (set orders differ between runs)."""
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PARKGRAPH_NO_CACHE": "1"}
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, str(ROOT / "build_graph.py"), "--out", str(out), "--quiet"],
        check=True,
        env=env,
        cwd=tmp_path,
    )
    for path in built.files:
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_all_serialisations_hold_the_same_graph(built: BuildResult) -> None:
    by_name = {path.name: path for path in built.files}
    turtle = Graph().parse(by_name["parkgraph.ttl"], format="turtle")
    assert isomorphic(turtle, Graph().parse(by_name["parkgraph.nt"], format="nt"))
    assert isomorphic(turtle, Graph().parse(by_name["parkgraph.jsonld"], format="json-ld"))
    assert len(turtle) == len(built.graph)


def test_build_validates(built: BuildResult) -> None:
    assert built.validation.conforms, built.validation.report()
    assert built.validation.checks_run >= 7


def test_summary_names_types_facts_triples_and_validation(built: BuildResult) -> None:
    summary = built.summary()
    for word in ("triples:", "entities:", "pg:IndustrialPark", "n-ary facts:", "validation: conforms"):
        assert word in summary


def test_missing_quote_fails_with_file_line_and_quote(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.root / ANNOTATION
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "quote: 今年上半年,实现主营业务收入36.45亿元\n",
            "quote: 今年上半年,实现主营业务收入99.99亿元\n",
            1,
        ),
        encoding="utf-8",
    )
    with pytest.raises(EvidenceNotFoundError) as caught:
        build(project)
    message = str(caught.value)
    assert str(path) in message and "99.99亿元" in message
    assert caught.value.line is not None


def test_failed_build_leaves_previous_files_intact(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    first = build(project)
    before = {path: path.read_bytes() for path in first.files}
    path = project.root / ANNOTATION
    path.write_text(
        path.read_text(encoding="utf-8").replace("quote: 京东集团\n", "quote: 不存在的引文\n"),
        encoding="utf-8",
    )
    with pytest.raises(AnnotationError):
        build(project)
    assert {p: p.read_bytes() for p in first.files} == before
    assert not [p for p in project.out_dir.iterdir() if p.name.endswith(".tmp")]


def test_shape_violation_fails_the_build_with_shacl_report(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project.root / ANNOTATION
    # A post must be in exactly one organisation: give one post a second org:postIn.
    text = path.read_text(encoding="utf-8").replace(
        "      org:postIn: su-news\n", "      org:postIn: [su-news, sina]\n", 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        build(project, write=False)
    assert "postIn" in caught.value.report


def test_bad_capture_without_annotations_fails_a_strict_build_naming_the_file(tmp_path: Path) -> None:
    """A capture with no curated file is extracted, so it is read: a bad one fails a strict build naming
    the file (a default build sets it aside: tests/test_set_aside.py)."""
    project = copy_project(tmp_path)
    (project.corpus_dir / "001_new.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CaptureError, match=r"001_new\.txt"):
        build(project, write=False, strict=True)


def test_binary_capture_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project.corpus_dir / "001_bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (project.annotations_dir / "001_bin.yaml").write_text(
        "article: 001_bin\nentities: {}\n", encoding="utf-8"
    )
    with pytest.raises(CaptureError, match=r"001_bin\.txt"):
        build(project, write=False)


def test_unsafe_base_iri_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not allowed"):
        build(copy_project(tmp_path), base="https://example.org/a b/", write=False)


def test_base_iri_is_configurable(tmp_path: Path) -> None:
    result = build(copy_project(tmp_path), base="https://example.org/kg/", write=False)
    subjects = {str(s) for s in result.graph.subjects()}
    assert "https://example.org/kg/id/suqian-software-park" in subjects
    assert not any(s.startswith("https://w3id.org/parkgraph/id/") for s in subjects)


def test_cli_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project.corpus_dir / "001_new.txt").write_text("x", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "parkgraph.cli", "--project", str(project.root), "build", "--strict"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("parkgraph: error: ") and "Traceback" not in done.stderr


def test_project_is_found_from_a_subfolder() -> None:
    assert Project.find(ROOT / "tests").root == ROOT
