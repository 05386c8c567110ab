"""Issue 21, "safe by default": regression tests of the build's input defects 1 to 4.

1. one line-separator character (U+2028, U+2029, U+0085, U+000B, U+000C) in a capture or a curated label
   failed every build with a ``ValueError`` naming no file;
2. a bad sidecar or annotation file (a control byte, 500 nested ``[``, a directory in its place) crashed
   with a traceback instead of naming the file;
3. a symlink in ``corpus/`` was followed out of the project, other entries were skipped without a word,
   and a huge capture ran for minutes;
4. an implausible date in a sidecar (``9999-12-31``) was accepted and became the dataset's date.

Every capture here is fictional, written for the tests (the good page of ``test_reader_bad_input``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from parkgraph.build import BuildResult, Project, _rdflib_graph, build
from parkgraph.reader import normalise_text, read_capture
from parkgraph.report import REPORT_NAME
from parkgraph.textnorm import DROPPED, LINE_BREAKS

from .conftest import ROOT, copy_project
from .test_reader_bad_input import BODY, DATELINE, GOOD, HEAD, TAIL, TITLE

FIRST = "000_64b6559f5e865fa2"
#: Every character str.splitlines() ends a line at, but "\n".
SEPARATORS = ("\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r")


def report_of(project: Project) -> dict[str, object]:
    return json.loads(project.out_dir.joinpath(REPORT_NAME).read_text(encoding="utf-8"))


def nt_of(result: BuildResult) -> str:
    return next(p for p in result.files if p.name == "parkgraph.nt").read_text(encoding="utf-8")


# --- 1. line separators -------------------------------------------------------------------------------


def test_regression_normalised_text_has_one_kind_of_line_break_and_no_controls() -> None:
    text = "甲" + "乙".join(SEPARATORS) + "丙\r\n丁" + "".join(DROPPED) + "戊\t己"
    normal = normalise_text(text)
    assert normal.split("\n") == normal.splitlines()
    assert normal == "甲" + "\n乙" * (len(SEPARATORS) - 1) + "\n丙\n丁戊\t己"
    assert not set(normal) & set(LINE_BREAKS + DROPPED)


def test_regression_ntriples_lines_are_split_at_newline_only() -> None:
    """The merged graph is read line by line: a literal holding any of str.splitlines()'s separators (the
    ontology's, an API caller's) stays one triple."""
    lines = [f'<urn:a> <urn:p{i}> "x{ch}y" .' for i, ch in enumerate(SEPARATORS[:-1])]
    graph = _rdflib_graph(("\n".join(sorted(lines)) + "\n").encode("utf-8"), "https://example.org/")
    assert len(graph) == len(lines)
    for i, ch in enumerate(SEPARATORS[:-1]):
        assert graph.value(URIRef("urn:a"), URIRef(f"urn:p{i}")) == Literal(f"x{ch}y")


@pytest.fixture(scope="module")
def separated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """The first article (curated, one label given a line separator by a YAML escape) and an extracted
    capture with every separator in its title, body and tail."""
    project = copy_project(tmp_path_factory.mktemp("separators"))
    capture = (
        HEAD
        + TITLE.replace("三家", "三家\u2028")
        + DATELINE
        + BODY.replace("，园区", "，\u2029园区").replace("据介绍，", "据介绍\x85，")
        + "".join(f"第{i}行{ch}" for i, ch in enumerate(SEPARATORS))
        + "\n"
        + TAIL
    )
    (project.corpus_dir / "200_separators.txt").write_text(capture, encoding="utf-8", newline="")
    notes = project.annotations_dir / f"{FIRST}.yaml"
    text = notes.read_text(encoding="utf-8")
    assert "{label: 产业," in text
    notes.write_text(text.replace("{label: 产业,", '{label: "产\\L业",', 1), encoding="utf-8")
    return project, build(project, jobs=1)


def test_regression_a_line_separator_in_a_capture_broke_every_build(separated) -> None:  # type: ignore[no-untyped-def]
    project, result = separated
    assert not result.set_aside and "200_separators" in result.articles
    article = read_capture(project.corpus_dir / "200_separators.txt")
    assert not set(article.text) & set(LINE_BREAKS + DROPPED)
    assert article.title == "省级专精特新企业"  # a line break, as the rule says: two lines
    assert article.body.split("\n") == article.body.splitlines()
    nt = nt_of(result)
    assert not set(nt) & set(LINE_BREAKS.replace("\r", "") + DROPPED)
    again = build(project, jobs=1)  # and again, from the cache: it used to fail on every rerun
    assert nt_of(again) == nt


def test_regression_a_line_separator_in_a_curated_label_broke_every_build(separated) -> None:  # type: ignore[no-untyped-def]
    project, result = separated
    assert FIRST in result.articles
    nt = nt_of(result)
    assert '"产\\n业"@zh-Hans' in nt and "\u2028" not in nt
