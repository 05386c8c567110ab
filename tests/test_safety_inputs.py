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
    """The union N-Triples the build left (a rebuild that changed no graph lists no graph file as
    written: the file is the last build's)."""
    assert result.report is not None
    return (result.report.parent / "parkgraph.nt").read_text(encoding="utf-8")


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
    _, result = separated
    assert FIRST in result.articles
    nt = nt_of(result)
    assert '"产\\n业"@zh-Hans' in nt and "\u2028" not in nt


# --- 2 and 3. bad sidecars, annotation bytes and corpus entries ------------------------------------------

#: Captures made of the good page, each with something wrong beside it (sidecar or the entry itself).
HOSTILE_SIDECARS = {
    "210_control-byte": b'title: "a\x01b"\n',
    "220_nested": b"published: " + b"[" * 500 + b"]" * 500 + b"\n",
    "230_very-nested": b"published: " + b"[" * 60_000 + b"\n",  # LibYAML's composer crashes at 100,000
    "240_bad-date": b"published: 2024-13-40\n",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """The first article (curated), a good capture, and every kind of hostile entry beside them."""
    import os

    project = copy_project(tmp_path_factory.mktemp("hostile"))
    corpus = project.corpus_dir
    (corpus / "200_good.txt").write_text(GOOD, encoding="utf-8")
    for article_id, sidecar in HOSTILE_SIDECARS.items():
        (corpus / f"{article_id}.txt").write_text(GOOD, encoding="utf-8")
        (corpus / f"{article_id}.meta.yaml").write_bytes(sidecar)
    (corpus / "250_folder-sidecar.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "250_folder-sidecar.meta.yaml").mkdir()
    (corpus / "260_linked-sidecar.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "260_linked-sidecar.meta.yaml").symlink_to(corpus / "240_bad-date.meta.yaml")
    (corpus / "300_passwd.txt").symlink_to("/etc/passwd")
    (corpus / "300_passwd.meta.yaml").write_text("published: 2024-05-06\n", encoding="utf-8")
    (corpus / "310_inside-link.txt").symlink_to(corpus / "200_good.txt")  # not followed either
    (corpus / "320_folder.html").mkdir()
    os.mkfifo(corpus / "330_pipe.txt")  # opening it used to wait for a writer forever
    with (corpus / "340_huge.txt").open("wb") as huge:  # 50 MB ran 7 minutes at 1.5 GB
        huge.truncate(50 * 1024 * 1024)
    (corpus / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "notes.md").write_text("# notes\n", encoding="utf-8")
    (corpus / "page_files").mkdir()
    os.mkfifo(corpus / "queue")
    (project.annotations_dir / "README.md").write_text("curated files\n", encoding="utf-8")
    (project.annotations_dir / "200_good.yml").write_text("article: 200_good\n", encoding="utf-8")
    return project, build(project, jobs=1)


def errors_of(project: Project) -> dict[str, str]:
    files = report_of(project)["files"]
    return {entry["article"]: entry["error"] for entry in files if entry["status"] == "set-aside"}  # type: ignore[union-attr]


def test_regression_bad_sidecars_crashed_the_build_instead_of_naming_the_file(hostile) -> None:  # type: ignore[no-untyped-def]
    project, result = hostile
    assert set(result.articles) == {FIRST, "200_good"}
    errors = errors_of(project)
    assert errors["210_control-byte"].startswith("corpus/210_control-byte.meta.yaml: line 1: column 10 holds")
    assert "U+0001" in errors["210_control-byte"]
    assert errors["220_nested"] == (
        "corpus/220_nested.meta.yaml: line 1: nests deeper than 32 levels (fix the sidecar)"
    )
    assert errors["230_very-nested"].startswith("corpus/230_very-nested.meta.yaml: line 1: nests deeper")
    assert errors["240_bad-date"].startswith("corpus/240_bad-date.meta.yaml: line 1: has a date that is not")
    assert errors["250_folder-sidecar"].startswith("corpus/250_folder-sidecar.meta.yaml: is a folder")
    assert errors["260_linked-sidecar"].startswith("corpus/260_linked-sidecar.meta.yaml: is a symbolic link")


def test_regression_a_symlink_in_the_corpus_was_followed_out_of_the_project(hostile) -> None:  # type: ignore[no-untyped-def]
    project, result = hostile
    errors = errors_of(project)
    for article_id in ("300_passwd", "310_inside-link"):
        assert errors[article_id].startswith(f"corpus/{article_id}.txt: is a symbolic link (put the file")
    graph = b"".join(path.read_bytes() for path in result.files if path.is_file())
    assert b"root:" not in graph and b"/bin/" not in graph


def test_regression_folders_pipes_and_huge_captures_named_like_captures_are_set_aside(hostile) -> None:  # type: ignore[no-untyped-def]
    project, result = hostile
    errors = errors_of(project)
    assert errors["320_folder"] == (
        "corpus/320_folder.html: is a folder, not a file (replace it with the file, or remove it)"
    )
    assert errors["330_pipe"].startswith("corpus/330_pipe.txt: is a named pipe (FIFO), not a file")
    assert errors["340_huge"].startswith("corpus/340_huge.txt: is 50 MB, over the limit of 5 MB (")
    assert "--max-capture-size" in errors["340_huge"]
    assert result.seconds < 120  # set aside unread, not read for minutes


def test_regression_entries_not_read_are_listed_in_the_report_with_why(hostile) -> None:  # type: ignore[no-untyped-def]
    project, result = hostile
    not_read = {entry["path"]: entry["reason"] for entry in report_of(project)["not_read"]}  # type: ignore[union-attr]
    assert set(not_read) == {
        "annotations/200_good.yml",
        "annotations/README.md",
        "corpus/.hidden.txt",
        "corpus/notes.md",
        "corpus/page_files",
        "corpus/queue",
    }
    assert not_read["corpus/.hidden.txt"].startswith("hidden")
    assert not_read["corpus/page_files"].startswith("a folder, not a capture")
    assert not_read["corpus/queue"].startswith("a named pipe (FIFO), not a capture")
    assert not_read["annotations/200_good.yml"] == "a file, not an annotation file (<id>.yaml)"
    assert "not read: 6 entries of the input folders" in result.summary()


def test_regression_a_control_byte_in_a_comment_of_a_curated_file_crashed_the_build(tmp_path: Path) -> None:
    from parkgraph.errors import AnnotationError

    project = copy_project(tmp_path)
    notes = project.annotations_dir / f"{FIRST}.yaml"
    lines = notes.read_text(encoding="utf-8").split("\n")
    lines[2] += "  # a\x01b"
    notes.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(AnnotationError, match=rf"{FIRST}\.yaml:3: column \d+ holds the character U\+0001"):
        build(project, jobs=1)
    notes.write_text("\n".join(lines[:2] + lines[3:]) + "\nx: " + "[" * 100_000, encoding="utf-8")
    with pytest.raises(AnnotationError, match=rf"{FIRST}\.yaml:\d+: nests deeper than 32 levels"):
        build(project, jobs=1)


def test_regression_a_linked_annotation_file_is_not_followed(tmp_path: Path) -> None:
    from parkgraph.errors import AnnotationError

    project = copy_project(tmp_path)
    notes = project.annotations_dir / f"{FIRST}.yaml"
    elsewhere = tmp_path / "elsewhere.yaml"
    notes.rename(elsewhere)
    notes.symlink_to(elsewhere)
    with pytest.raises(AnnotationError, match=rf"{FIRST}\.yaml: is a symbolic link; put the file itself"):
        build(project, jobs=1)


def test_regression_an_unexpected_error_prints_one_line_and_where_its_report_is(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No expected error prints a traceback (above); a bug prints one line and where the whole report is,
    or with --debug the traceback itself."""
    import parkgraph.api
    from parkgraph.cli import main

    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(parkgraph.api, "build", broken)
    assert main(["--project", str(ROOT), "build", "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("parkgraph: internal error: RecursionError: maximum recursion depth exceeded (")
    report = Path(err.split("the whole traceback is in ", 1)[1].split(",", 1)[0])
    try:
        assert "Traceback (most recent call last)" in report.read_text(encoding="utf-8")
    finally:
        report.unlink()
    with pytest.raises(RecursionError):
        main(["--project", str(ROOT), "--debug", "build", "--dry-run"])


def test_regression_the_capture_size_limit_is_an_option() -> None:
    from parkgraph.cli import make_parser

    parser = make_parser()
    assert parser.parse_args(["build"]).max_capture_size == 5 * 1024 * 1024
    assert parser.parse_args(["build", "--max-capture-size", "20MB"]).max_capture_size == 20 * 1024 * 1024
    assert parser.parse_args(["build", "--max-capture-size", "0"]).max_capture_size is None
    with pytest.raises(SystemExit):
        parser.parse_args(["build", "--max-capture-size", "lots"])


def test_regression_a_capture_over_a_given_limit_is_set_aside(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project.corpus_dir / "200_good.txt").write_text(GOOD + "\n" * 20_000, encoding="utf-8")
    result = build(project, jobs=1, max_capture_bytes=16 * 1024)
    assert [entry.article_id for entry in result.set_aside] == ["200_good"]
    assert "over the limit of 16 KB" in result.set_aside[0].message


def test_the_sources_module_knows_the_readers_suffixes() -> None:
    from parkgraph import reader, sources

    assert sources.CAPTURE_SUFFIXES == reader.CAPTURE_SUFFIXES
    assert sources.SIDECAR_SUFFIX == reader.SIDECAR_SUFFIX


# --- 4. implausible dates -------------------------------------------------------------------------------


def sidecar_date(tmp_path: Path, published: str, page: str = GOOD) -> object:
    capture = tmp_path / "good.txt"
    capture.write_text(page, encoding="utf-8")
    (tmp_path / "good.meta.yaml").write_text(f"published: {published}\n", encoding="utf-8")
    return read_capture(capture)


def test_regression_a_sidecar_date_in_the_future_or_before_1949_is_refused(tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    from parkgraph.errors import CaptureError
    from parkgraph.reader import CHINA_TZ

    today = datetime.now(CHINA_TZ).date()
    for published in ("9999-12-31", str(today + timedelta(days=2)), "1948-12-31", "0001-01-01T00:00:00"):
        with pytest.raises(CaptureError) as refused:
            sidecar_date(tmp_path, published)
        assert str(refused.value).startswith(f"{tmp_path / 'good.meta.yaml'}: published ")
        message = str(refused.value)
        assert "no article was published then" in message and "published: 2024-05-06" in message
    for published in (str(today + timedelta(days=1)), "1949-01-01"):  # tomorrow: a day's grace
        assert str(sidecar_date(tmp_path, published).published) == published  # type: ignore[attr-defined]


def test_regression_a_page_date_in_the_future_is_refused(tmp_path: Path) -> None:
    from parkgraph.errors import CaptureError

    capture = tmp_path / "good.txt"
    capture.write_text(GOOD.replace("2024-05-08", "2099-05-08"), encoding="utf-8")
    with pytest.raises(CaptureError, match=r"good\.txt: its date 2099-05-08T10:30:00\+08:00 is in the futu"):
        read_capture(capture)
    (tmp_path / "good.meta.yaml").write_text("published: 2024-05-08\n", encoding="utf-8")
    assert read_capture(capture).published.isoformat() == "2024-05-08"  # the sidecar's, with a warning


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    project = copy_project(tmp_path_factory.mktemp("dates"))
    for article_id, published in (("200_future", "9999-12-31"), ("210_contradicts", "2024-05-09")):
        (project.corpus_dir / f"{article_id}.txt").write_text(GOOD, encoding="utf-8")
        sidecar = project.corpus_dir / f"{article_id}.meta.yaml"
        sidecar.write_text(f"published: {published}\n", encoding="utf-8")
    return project, build(project, jobs=1)


def test_regression_a_sidecar_dated_9999_became_the_datasets_date(dated) -> None:  # type: ignore[no-untyped-def]
    project, result = dated
    assert [entry.article_id for entry in result.set_aside] == ["200_future"]
    assert errors_of(project)["200_future"].startswith(
        "corpus/200_future.meta.yaml: published 9999-12-31 is in the future (after tomorrow, "
    )
    void = (project.out_dir / "void.ttl").read_text(encoding="utf-8")
    assert "9999" not in void and "2024-05-09" in void  # dcterms:issued: the latest article's date


def test_regression_a_sidecar_contradicting_the_dateline_is_a_warning_in_the_report(dated) -> None:  # type: ignore[no-untyped-def]
    project, result = dated
    assert "210_contradicts" in result.articles
    files = {entry["article"]: entry for entry in report_of(project)["files"]}  # type: ignore[union-attr]
    assert files["210_contradicts"]["warnings"] == [
        "corpus/210_contradicts.meta.yaml: published 2024-05-09 contradicts the page's dateline "
        "(2024-05-08T10:30:00+08:00); the sidecar's date is used (correct the sidecar if it is wrong)"
    ]
    nt = nt_of(result)
    article = "<https://w3id.org/parkgraph/article/210_contradicts>"
    assert f'{article} <https://schema.org/datePublished> "2024-05-09"' in nt
