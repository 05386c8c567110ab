"""``parkgraph synth`` (issue 23): a synthetic project that builds as it is.

Regression: ``python -m parkgraph.synth`` wrote ``corpus/`` and ``annotations/`` only, and the build then
stopped with "not inside a parkgraph project" until ``ontology/`` was copied in by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parkgraph.api import build
from parkgraph.cli import main
from parkgraph.synthproject import MARKER, SynthError, make_synthetic_project


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_project_builds_as_it_is_regression_not_inside_a_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tmp"
    assert main(["synth", "--articles", "3", "--out", str(out)]) == 0
    assert "3 articles" in capsys.readouterr().err
    assert main(["--project", str(out), "build", "--quiet", "--jobs", "1"]) == 0
    assert (out / "graph" / "oxigraph").is_dir()
    report = json.loads((out / "graph" / "build-report.json").read_text(encoding="utf-8"))
    assert json.dumps(report).count('"curated"') >= 3


def test_same_seed_same_bytes_another_seed_other_bytes(tmp_path: Path) -> None:
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        assert main(["synth", "--articles", "2", "--seed", str(seed), "--out", str(tmp_path / name)]) == 0
    a, b, c = (files_of(tmp_path / name) for name in "abc")
    assert a == b
    assert a != c and a.keys() == c.keys()
    assert {
        "ontology/parkgraph.ttl",
        "ontology/shapes.ttl",
        "queries/01-park-approval.rq",
        MARKER,
    } <= a.keys()
    assert any(name.startswith("ontology/checks/") for name in a)


@pytest.mark.parametrize(
    "argv",
    [
        ["--articles", "-1"],
        ["--articles", "x"],
        ["--articles", "2", "--keep", "1.5"],
        ["--articles", "2", "--seed", "s"],
    ],
)
def test_bad_arguments_are_usage_errors(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["synth", *argv, "--out", str(tmp_path / "p")])
    assert stopped.value.code == 2
    assert "parkgraph synth: error: argument" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_no_articles_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["synth", "--articles", "0", "--out", str(tmp_path / "p")]) == 1
    assert "--articles 0: give at least 1" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_refuses_a_folder_that_is_not_a_synthetic_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("hours of work\n", encoding="utf-8")
    assert main(["synth", "--articles", "1", "--out", str(work)]) == 1
    err = capsys.readouterr().err
    assert f"{work}: is not empty and not a synthetic project" in err and "Traceback" not in err
    assert sorted(p.name for p in work.iterdir()) == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["work"]  # no temporary folder left behind
    assert main(["synth", "--articles", "1", "--out", str(work / "notes.txt")]) == 1
    assert "is a file" in capsys.readouterr().err


def test_writes_into_an_empty_folder_and_replaces_a_synthetic_project_whole(tmp_path: Path) -> None:
    out = tmp_path / "p"
    out.mkdir()
    make_synthetic_project(out, articles=2)
    (out / "graph").mkdir()
    (out / "graph" / "stale.nq").write_text("", encoding="utf-8")
    made = make_synthetic_project(out, articles=1, captures_only=True)
    assert made.ids == ("syn_000001",)
    assert sorted(p.name for p in out.iterdir()) == ["corpus", "ontology", MARKER, "queries"]
    assert [p.name for p in tmp_path.iterdir()] == ["p"]
    assert json.loads((out / MARKER).read_text(encoding="utf-8"))["captures_only"] is True


def test_a_source_without_the_ontology_says_where_it_looked(tmp_path: Path) -> None:
    """What an installed package (no ontology/ beside it) gets: a clear error, nothing written."""
    with pytest.raises(SynthError, match="installed package"):
        make_synthetic_project(tmp_path / "p", articles=1, source=tmp_path / "nowhere")
    assert not (tmp_path / "p").exists()


def test_an_interrupted_write_leaves_no_half_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    def fail(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(shutil, "copytree", fail)
    with pytest.raises(KeyboardInterrupt):
        make_synthetic_project(tmp_path / "p", articles=2)
    assert list(tmp_path.iterdir()) == []


def test_captures_only_builds_by_extraction(tmp_path: Path) -> None:
    made = make_synthetic_project(tmp_path / "p", articles=1, captures_only=True)
    assert not (made.root / "annotations").exists()
    result = build(made.root, jobs=1)
    assert result.articles == made.ids
    assert result.stats["extracted"] == 1 and result.stats.get("curated", 0) == 0
    assert result.validation.conforms


def test_synth_help_describes_the_command_and_every_option() -> None:
    import argparse

    from parkgraph.cli import make_parser

    commands = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    synth = commands.choices["synth"]
    assert synth.description and "builds it as it is" in synth.description.replace("\n", " ")
    assert not [a.dest for a in synth._actions if not a.help and a.dest != "help"]
