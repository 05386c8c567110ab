"""The corpus on disk (issue 23): each graph in its own file under ``graph/dataset/``, a change costs what it
changes, union files only while the corpus is small, ``parkgraph export`` for the rest."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

from parkgraph.build import Project, build
from parkgraph.cli import main
from parkgraph.corpus import build as corpus_build
from parkgraph.corpus.dataset import DATASET_FOLDER, BuiltDataset
from parkgraph.corpus.store_update import MANIFEST
from parkgraph.errors import DatasetChangedError, GraphNotBuiltError
from parkgraph.export import export

from .conftest import synthetic_project

LINE_FORMATS = ("nq", "nt", "ttl", "trig")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three synthetic articles, built once (the module's copy stays as built)."""
    folder = tmp_path_factory.mktemp("dataset")
    synthetic_project(folder, 3, seed=7)
    build(Project.at(folder), jobs=1)
    return folder


def copy_of(synthetic: Path, root: Path) -> Project:
    shutil.copytree(synthetic, root, symlinks=True)
    return Project.at(root)


def dataset_files(project: Project) -> dict[str, bytes]:
    folder = project.out_dir / DATASET_FOLDER
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.nq"))}


def stamps(project: Project) -> dict[str, int]:
    folder = project.out_dir / DATASET_FOLDER
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*.nq"))}


def article_ids(project: Project) -> list[str]:
    return sorted(p.stem for p in project.corpus_dir.glob("*.txt"))


def change_one_article(project: Project, article_id: str) -> None:
    """A new English name for one entity of the article: its graph and the shared graph change."""
    path = project.annotations_dir / f"{article_id}.yaml"
    text = path.read_text(encoding="utf-8")
    changed = text.replace('en: "', 'en: "Renamed ', 1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def exported(project: Project, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    export(project.out_dir, fmt=fmt, out=None, ontology_dir=project.ontology_dir, stdout=out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def test_each_graph_has_its_own_file_and_together_they_are_the_union_file(synthetic: Path) -> None:
    project = Project.at(synthetic)
    files = dataset_files(project)
    ids = article_ids(project)
    assert sorted(files) == sorted(
        ["ontology.nq", "shared.nq", "void.nq", *(f"articles/{i}.nq" for i in ids)]
    )
    ordered = [files["ontology.nq"], *(files[f"articles/{i}.nq"] for i in ids), files["shared.nq"]]
    ordered.append(files["void.nq"])
    assert b"".join(ordered) == project.graph_path("nq").read_bytes()


@pytest.mark.parametrize("fmt", LINE_FORMATS)
def test_export_writes_the_union_file_the_build_wrote_byte_for_byte(synthetic: Path, fmt: str) -> None:
    project = Project.at(synthetic)
    assert exported(project, fmt) == project.graph_path(fmt).read_bytes()


def test_export_gzip_is_deterministic_and_holds_the_same_bytes(synthetic: Path, tmp_path: Path) -> None:
    project = Project.at(synthetic)
    first, second = exported(project, "nq", compress=True), exported(project, "nq", compress=True)
    assert first == second
    assert gzip.decompress(first) == project.graph_path("nq").read_bytes()
    target = tmp_path / "out" / "union.ttl.gz"
    command = ["--project", str(synthetic), "export", "--format", "ttl", "--gzip", "--out", str(target)]
    assert main(command) == 0
    assert gzip.decompress(target.read_bytes()) == project.graph_path("ttl").read_bytes()
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]  # no temporary left


def test_one_article_changed_rewrites_its_file_the_shared_and_void_files_only(
    synthetic: Path, tmp_path: Path
) -> None:
    project = copy_of(synthetic, tmp_path / "one")
    before_bytes, before = dataset_files(project), stamps(project)
    middle = article_ids(project)[1]
    change_one_article(project, middle)
    result = build(project, jobs=1)
    assert result.stats["rebuilt"] == 1
    after_bytes, after = dataset_files(project), stamps(project)
    touched = {name for name in after if after[name] != before[name]}
    # a name is the shared graph's; the article's own file is rewritten only if its bytes change
    assert "shared.nq" in touched and touched <= {f"articles/{middle}.nq", "shared.nq", "void.nq"}
    assert {n for n in after if after_bytes[n] != before_bytes[n]} == touched
    fresh = copy_of(synthetic, tmp_path / "fresh")
    shutil.rmtree(fresh.out_dir)
    shutil.rmtree(fresh.root / ".parkgraph-cache", ignore_errors=True)
    change_one_article(fresh, middle)
    build(fresh, jobs=1)
    assert dataset_files(fresh) == after_bytes
    for fmt in LINE_FORMATS:
        assert project.graph_path(fmt).read_bytes() == fresh.graph_path(fmt).read_bytes(), fmt


def test_a_comment_in_an_annotation_rewrites_no_graph_file(synthetic: Path, tmp_path: Path) -> None:
    """Same triples under a new content hash: the article is rebuilt, its file's bytes are the same."""
    project = copy_of(synthetic, tmp_path / "comment")
    before = stamps(project)
    path = project.annotations_dir / f"{article_ids(project)[0]}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    result = build(project, jobs=1)
    assert result.stats["rebuilt"] == 1
    assert stamps(project) == before


def test_unchanged_rebuild_writes_no_graph_file(synthetic: Path, tmp_path: Path) -> None:
    project = copy_of(synthetic, tmp_path / "same")
    before = stamps(project)
    union = {fmt: project.graph_path(fmt).stat().st_mtime_ns for fmt in LINE_FORMATS}
    build(project, jobs=1)
    assert stamps(project) == before
    assert {fmt: project.graph_path(fmt).stat().st_mtime_ns for fmt in LINE_FORMATS} == union


def test_regression_unchanged_small_corpus_keeps_its_graph_views(synthetic: Path, tmp_path: Path) -> None:
    """An unchanged rebuild of a small corpus once took the path of a big one and removed the graph
    views (overview.html) as if the corpus had grown past the in-memory limit."""
    project = copy_of(synthetic, tmp_path / "views")
    views = project.out_dir / "views"
    before = {p.relative_to(views): p.read_bytes() for p in views.rglob("*") if p.is_file()}
    assert Path("overview.html") in before
    build(project, jobs=1)
    after = {p.relative_to(views): p.read_bytes() for p in views.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("damage", ["missing", "truncated", "edited", "touched"])
def test_regression_a_graph_file_damaged_by_hand_is_rebuilt_never_trusted(
    synthetic: Path, tmp_path: Path, damage: str
) -> None:
    project = copy_of(synthetic, tmp_path / damage)
    expected = dataset_files(project)
    target = project.out_dir / DATASET_FOLDER / "articles" / f"{article_ids(project)[2]}.nq"
    data = target.read_bytes()
    if damage == "missing":
        target.unlink()
    elif damage == "truncated":
        target.write_bytes(data[: len(data) // 2])
    elif damage == "edited":
        target.write_bytes(data.replace(b"<https://w3id.org/parkgraph/", b"<https://w3id.org/parkgrapx/", 1))
    else:  # the same bytes written again: a new time, the same digest
        target.write_bytes(data)
    if damage != "touched":
        with pytest.raises(DatasetChangedError, match=target.name):
            exported(project, "nq")
    result = build(project, jobs=1)
    assert dataset_files(project) == expected
    assert result.stats["rebuilt"] == 0
    assert exported(project, "nq") == project.graph_path("nq").read_bytes()


def test_withdrawn_article_loses_its_file(synthetic: Path, tmp_path: Path) -> None:
    project = copy_of(synthetic, tmp_path / "withdrawn")
    last = article_ids(project)[-1]
    (project.corpus_dir / f"{last}.txt").unlink()
    (project.annotations_dir / f"{last}.yaml").unlink()
    build(project, jobs=1)
    assert f"articles/{last}.nq" not in dataset_files(project)
    assert len(BuiltDataset.read(project.out_dir).files) == 2 + 3


def test_big_corpus_writes_no_union_files_and_export_writes_what_a_small_build_would(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the in-memory limit the build keeps only the per-graph files; export gives the same bytes as
    the union files of the same corpus built small."""
    project = copy_of(synthetic, tmp_path / "big")
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 1_000)
    result = build(project, jobs=1)
    for fmt in LINE_FORMATS:
        assert not project.graph_path(fmt).exists(), fmt
    assert "parkgraph export --format" in result.summary()
    small = Project.at(synthetic)
    for fmt in LINE_FORMATS:
        assert exported(project, fmt) == small.graph_path(fmt).read_bytes(), fmt
    again = build(project, jobs=1)
    assert again.stats["unchanged"]


def test_export_of_a_project_never_built_says_to_build_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("ontology", "corpus"):
        (tmp_path / name).mkdir()
    with pytest.raises(GraphNotBuiltError, match="parkgraph build"):
        export(tmp_path / "graph", fmt="nq", out=None, ontology_dir=tmp_path / "ontology")
    (tmp_path / "graph").mkdir()
    assert main(["--project", str(tmp_path), "export", "--format", "ttl"]) == GraphNotBuiltError(
        tmp_path, ""
    ).exit_status
    err = capsys.readouterr().err
    assert "run `parkgraph build` first" in err and "Traceback" not in err
    assert not (tmp_path / "graph" / "parkgraph.ttl").exists()


def test_regression_a_manifest_naming_a_file_outside_the_dataset_is_refused(
    synthetic: Path, tmp_path: Path
) -> None:
    project = copy_of(synthetic, tmp_path / "outside")
    manifest_path = project.out_dir / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    name = next(n for n, b in manifest["blocks"].items() if b.get("file", {}).get("path") == "void.nq")
    manifest["blocks"][name]["file"]["path"] = "../../../etc/passwd"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(GraphNotBuiltError, match="outside"):
        BuiltDataset.read(project.out_dir)


def test_regression_temporaries_a_killed_build_left_in_the_dataset_are_removed(tmp_path: Path) -> None:
    """A build killed while staging per-article files left ``.<id>.nq.<random>.tmp`` in
    ``graph/dataset/articles/``, which nothing removed."""
    from parkgraph.tempfiles import remove_stale, stale_temporaries

    articles = tmp_path / "graph" / DATASET_FOLDER / "articles"
    articles.mkdir(parents=True)
    left = articles / ".a1.nq.k3j2x8ab.tmp"
    left.write_bytes(b"half")
    kept = articles / "a1.nq"
    kept.write_bytes(b"whole")
    assert stale_temporaries(tmp_path / "graph", None) == [left]
    remove_stale(tmp_path / "graph", None)
    assert not left.exists() and kept.exists()
