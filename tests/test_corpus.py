"""The corpus build: many articles, one graph; entities resolved across articles; a named graph, a cache
entry and a store graph per article; incremental rebuilds; nothing replaced when an article fails."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from parkgraph.build import Project, build
from parkgraph.corpus import build as corpus_build
from parkgraph.corpus import workers
from parkgraph.corpus.dataset import DATASET_FOLDER
from parkgraph.corpus.store_update import MANIFEST, STORE_FOLDER
from parkgraph.errors import AnnotationError, ParkgraphError

from .conftest import copy_project, synthetic_project

FIRST = "000_64b6559f5e865fa2"
BASE = "https://w3id.org/parkgraph/"
PG = "https://w3id.org/parkgraph/ontology#"
SHARED = f"{BASE}graph/shared"
VOID = f"{BASE}graph/void"
ONTOLOGY = "https://w3id.org/parkgraph/ontology"
EVIDENCE_SOURCES = """
    PREFIX pg: <https://w3id.org/parkgraph/ontology#>
    PREFIX oa: <http://www.w3.org/ns/oa#>
    SELECT DISTINCT ?article WHERE { ?entity pg:evidence/oa:hasSource ?article } ORDER BY ?article
"""


def add_copy(project: Project, article_id: str, *, renames: dict[str, str] | None = None) -> None:
    """A second article: the first one's capture and annotations under ``article_id``, with entity slugs
    renamed (so only its names and types say it is the same entity)."""
    shutil.copy(project.corpus_dir / f"{FIRST}.txt", project.corpus_dir / f"{article_id}.txt")
    text = (project.annotations_dir / f"{FIRST}.yaml").read_text(encoding="utf-8")
    text = text.replace(f"article: {FIRST}", f"article: {article_id}")
    for old, new in (renames or {}).items():
        text = text.replace(f" {old}:", f" {new}:").replace(f" {old},", f" {new},")
        text = text.replace(f" {old}}}", f" {new}}}").replace(f" {old}]", f" {new}]")
        text = (
            text.replace(f" {old}\n", f" {new}\n")
            .replace(f"[{old},", f"[{new},")
            .replace(f"[{old}]", f"[{new}]")
        )
    (project.annotations_dir / f"{article_id}.yaml").write_text(text, encoding="utf-8")


def store_of(project: Project) -> ox.Store:
    return ox.Store.read_only(str(project.out_dir / STORE_FOLDER))


def graphs_in(store: ox.Store) -> set[str]:
    return {g.value for g in store.named_graphs()}


def union_lines(project: Project) -> list[str]:
    return project.graph_path("nt").read_text(encoding="utf-8").splitlines()


@pytest.fixture()
def two(tmp_path: Path) -> Project:
    project = copy_project(tmp_path)
    add_copy(project, "001_copy", renames={"jd-group": "jingdong-group"})
    return project


def test_same_name_and_type_is_one_node_with_provenance_to_both_articles(two: Project) -> None:
    result = build(two, jobs=1)
    lines = union_lines(two)
    assert not any("/id/jingdong-group>" in line for line in lines), "merged by name and type"
    assert result.stats["merged"] == 1
    store = store_of(two)
    sources = store.query(
        EVIDENCE_SOURCES.replace("?entity", f"<{BASE}id/jd-group>"), use_default_graph_as_union=True
    )
    assert [s["article"].value for s in sources] == [f"{BASE}article/{FIRST}", f"{BASE}article/001_copy"]


def test_posts_of_the_same_name_are_not_merged(two: Project, tmp_path: Path) -> None:
    """Regression: an org:Post is a position in one organisation; merged by name, one post of a 1k corpus
    had 74 English names and 13-posts.rq ran out of time."""
    add_copy(two, "002_copy", renames={"post-hubin-party-secretary": "post-other-secretary"})
    result = build(two, jobs=1)
    lines = union_lines(two)
    assert any("/id/post-other-secretary>" in line for line in lines), "kept apart"
    assert result.stats["merged"] == 1  # jingdong-group of 001_copy, not the post of 002_copy


def test_curated_identity_is_one_node_described_once_in_the_union(two: Project) -> None:
    build(two, jobs=1)
    lines = union_lines(two)
    assert len(lines) == len(set(lines))
    label = [line for line in lines if line.startswith(f"<{BASE}id/jiangsu> <http://www.w3.org/2004/02/skos")]
    assert len([x for x in label if "prefLabel" in x]) == 2  # zh-Hans and en, once each
    store = store_of(two)
    described = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{BASE}id/jiangsu> a ?type }} }}")
    assert [s["g"].value for s in described] == [SHARED]
    evidenced = store.query(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{BASE}id/jiangsu> <{PG}evidence> ?e }} }} ORDER BY ?g"
    )
    assert [s["g"].value for s in evidenced] == [f"{BASE}graph/{FIRST}", f"{BASE}graph/001_copy"]


def test_each_article_has_its_named_graph_in_the_store_and_the_dataset_files(two: Project) -> None:
    build(two, jobs=1)
    names = {f"{BASE}graph/{FIRST}", f"{BASE}graph/001_copy", SHARED, VOID, ONTOLOGY}
    assert graphs_in(store_of(two)) == names
    quads = set(ox.parse(path=str(two.graph_path("nq")), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == names
    reloaded = ox.Store()  # the same canonical literals as the store ("12.0"^^xsd:decimal is 12)
    reloaded.bulk_load(path=str(two.graph_path("nq")), format=ox.RdfFormat.N_QUADS)
    assert set(store_of(two)) == set(reloaded)


def test_no_triple_is_in_two_graphs_so_the_union_default_graph_has_no_duplicates(two: Project) -> None:
    """Oxigraph's union default graph repeats a triple once per graph holding it (regression: a label
    lookup on 200 articles took 78 s when every article's graph repeated its entities' triples)."""
    build(two, jobs=1)
    store = store_of(two)
    quads = list(store)
    assert len({ox.Triple(q.subject, q.predicate, q.object) for q in quads}) == len(quads)
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    union = ox.Store()  # the same canonical literals as the store ("12.0"^^xsd:decimal is 12)
    union.bulk_load(path=str(two.graph_path("nt")), format=ox.RdfFormat.N_TRIPLES)
    articles = {q for q in quads if q.graph_name.value not in (ONTOLOGY, VOID)}  # the data: the union
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in articles} == {
        ox.Triple(q.subject, q.predicate, q.object) for q in union
    }
    rows = store.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        'SELECT ?e WHERE { ?e skos:altLabel "省工信厅"@zh-Hans ; skos:prefLabel ?l }',
        use_default_graph_as_union=True,
    )
    assert len(list(rows)) == 2  # one entity, two preferred labels: not once per article


ALT_LABEL_QUERY = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    'SELECT ?e ?l WHERE { ?e skos:altLabel "省工信厅"@zh-Hans ; skos:prefLabel ?l }'
)


def test_query_store_sees_each_triple_once(two: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """``parkgraph query --store`` queries the union of the store's graphs."""
    from parkgraph.cli import main

    build(two, jobs=1)
    query = two.root / "alias.rq"
    query.write_text(ALT_LABEL_QUERY, encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(two.root), "query", "--store", str(query), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert len(rows) == 3  # header + the entity's zh-Hans and en preferred labels, once each


def test_served_built_store_sees_each_triple_once(two: Project) -> None:
    """Regression: ``serve --built-store`` (union default graph) returned every triple twice while the
    store also kept the union in its default graph."""
    from parkgraph.query import run_endpoint_query
    from parkgraph.store.server import OxigraphServer, find_oxigraph

    from .conftest import require

    require(find_oxigraph() is not None, "the oxigraph server is not installed (pip install oxigraph)")
    build(two, jobs=1)
    server = OxigraphServer(host="127.0.0.1", port=0, location=two.out_dir / STORE_FOLDER, read_only=True)
    try:
        server.start()
        result = run_endpoint_query(ALT_LABEL_QUERY, server.query_url)
    finally:
        server.stop()
    assert len(result.rows or []) == 2


def test_reserved_article_id_is_refused(two: Project) -> None:
    add_copy(two, "shared")
    with pytest.raises(ParkgraphError, match=r"shared\.txt: the article id 'shared' is reserved"):
        build(two, write=False)


def test_incremental_store_update_keeps_the_union_right(two: Project) -> None:
    add_copy(two, "002_copy")
    build(two, jobs=1)
    path = two.annotations_dir / "001_copy.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    (two.corpus_dir / "002_copy.txt").unlink()
    (two.annotations_dir / "002_copy.yaml").unlink()
    build(two, jobs=1)
    incremental = {q for q in store_of(two).quads_for_pattern(None, None, None, None)}
    shutil.rmtree(two.out_dir)
    build(two, jobs=1)
    assert {q for q in store_of(two).quads_for_pattern(None, None, None, None)} == incremental


def test_rebuild_after_changing_one_article_rebuilds_only_that_article(two: Project) -> None:
    add_copy(two, "002_copy")
    build(two, jobs=1)
    manifest = json.loads((two.out_dir / MANIFEST).read_text())
    again = build(two, jobs=1)
    assert again.stats["rebuilt"] == 0
    path = two.annotations_dir / "001_copy.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    changed = build(two, jobs=1)
    assert changed.stats["rebuilt"] == 1
    after = json.loads((two.out_dir / MANIFEST).read_text())
    differs = {g for g in after["graphs"] if after["graphs"][g] != manifest["graphs"].get(g)}
    assert differs == {f"{BASE}graph/001_copy"}


def test_withdrawn_article_leaves_the_store_and_the_files(two: Project) -> None:
    add_copy(two, "002_copy")
    build(two, jobs=1)
    (two.corpus_dir / "002_copy.txt").unlink()
    (two.annotations_dir / "002_copy.yaml").unlink()
    build(two, jobs=1)
    assert f"{BASE}graph/002_copy" not in graphs_in(store_of(two))
    assert "002_copy" not in two.graph_path("nq").read_text(encoding="utf-8")


def test_failing_article_replaces_neither_files_nor_store(two: Project) -> None:
    build(two, jobs=1)
    before = {p: p.read_bytes() for p in two.out_dir.iterdir() if p.is_file()}
    stored = len(store_of(two))
    path = two.annotations_dir / "001_copy.yaml"
    broken = path.read_text(encoding="utf-8").replace("quote: 京东集团\n", "quote: 不存在\n")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"001_copy\.yaml"):
        build(two, jobs=1)
    assert {p: p.read_bytes() for p in two.out_dir.iterdir() if p.is_file()} == before
    assert len(store_of(two)) == stored
    assert not [p for p in two.out_dir.iterdir() if p.name.startswith(".")]


def test_annotations_without_capture_are_named(two: Project) -> None:
    (two.corpus_dir / "001_copy.txt").unlink()
    with pytest.raises(ParkgraphError, match=r"001_copy\.yaml: no capture"):
        build(two, write=False)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    synthetic_project(folder, 3, seed=5)
    return folder


def copy_of(synthetic: Path, root: Path) -> Project:
    """The synthetic corpus copied to ``root``, as a project (the module's copy stays untouched)."""
    shutil.copytree(synthetic, root)
    return Project.at(root)


def test_worker_processes_and_one_process_write_the_same_bytes(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "IN_PROCESS_MAX", 0)  # a pool even for three articles
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 1_000)  # only the streamed files: the ones at stake
    outputs = {}
    for jobs in (1, 2):
        result = build(copy_of(synthetic, tmp_path / f"jobs{jobs}"), jobs=jobs)
        assert result.stats["rebuilt"] == 3
        dataset = result.files[0].parent / DATASET_FOLDER
        outputs[jobs] = {p.name: p.read_bytes() for p in [*result.files, *sorted(dataset.rglob("*.nq"))]}
    assert outputs[1] == outputs[2] and "shared.nq" in outputs[1]


def test_corpus_too_big_for_rdflib_skips_and_removes_the_in_memory_outputs(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_of(synthetic, tmp_path / "big")
    project.out_dir.mkdir()
    for suffix in ("jsonld", "graphml"):  # left by an earlier, smaller build
        project.graph_path(suffix).write_text("stale", encoding="utf-8")
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 10_000)
    result = build(project, jobs=1)
    assert result.graph is None
    assert not project.graph_path("jsonld").exists() and not project.graph_path("graphml").exists()
    assert "skipped" in result.summary() and "parkgraph export" in result.summary()
    assert not project.graph_path("ttl").exists() and not project.graph_path("trig").exists()
    assert (project.out_dir / DATASET_FOLDER / "shared.nq").exists()


def test_withdrawing_an_article_removes_what_it_alone_said_about_entities(
    synthetic: Path, tmp_path: Path
) -> None:
    """The shared graph is reloaded when its content changes: an entity only the withdrawn article
    named leaves it, as a fresh build would have it."""
    project = copy_of(synthetic, tmp_path / "withdraw")
    build(project, jobs=1)
    last = sorted(project.corpus_dir.glob("*.txt"))[-1]
    shared_before = set(store_of(project).quads_for_pattern(None, None, None, ox.NamedNode(SHARED)))
    last.unlink()
    (project.annotations_dir / f"{last.stem}.yaml").unlink()
    build(project, jobs=1)
    incremental = set(store_of(project))
    assert {q for q in incremental if q.graph_name.value == SHARED} < shared_before
    shutil.rmtree(project.out_dir)
    build(project, jobs=1)
    assert set(store_of(project)) == incremental


def test_unchanged_big_corpus_writes_nothing_until_an_article_changes(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: a rebuild of 10k unchanged articles re-serialised every file (153 s)."""
    project = copy_of(synthetic, tmp_path / "unchanged")
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 1_000)  # a "big" corpus: no union files
    first = build(project, jobs=1)
    written = dataset_files(project)
    stamps = {p: p.stat().st_mtime_ns for p in (project.out_dir / DATASET_FOLDER).rglob("*.nq")}
    again = build(project, jobs=1)
    assert again.stats["unchanged"] and again.files == ()
    assert "every graph as the last build left it" in again.summary()
    assert again.stats["triples"] == first.stats["triples"]
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    (project.out_dir / DATASET_FOLDER / "shared.nq").write_text("edited by hand", encoding="utf-8")
    repaired = build(project, jobs=1)
    assert not repaired.stats["unchanged"]
    assert dataset_files(project) == written
    path = sorted(project.annotations_dir.glob("*.yaml"))[-1]
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    changed = build(project, jobs=1)
    assert changed.stats["rebuilt"] == 1
    assert dataset_files(project) == written


def dataset_files(project: Project) -> dict[str, bytes]:
    """The build's per-graph files (``graph/dataset/``), by path inside it."""
    folder = project.out_dir / DATASET_FOLDER
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.nq"))}


def rename_about_park(project: Project, article_id: str) -> None:
    """Change what one article says: its park's English name (a new triple in the shared graph)."""
    path = project.annotations_dir / f"{article_id}.yaml"
    text = path.read_text(encoding="utf-8")
    about = re.search(r'^about: "(.+)"$', text, re.MULTILINE).group(1)  # type: ignore[union-attr]
    renamed = re.sub(rf'(\n  {about}:\n(?:    .*\n)*?    en: "[^"]*)"', r'\1 (renamed)"', text, count=1)
    assert renamed != text
    path.write_text(renamed, encoding="utf-8")


def withdraw_all_but_the_first(project: Project) -> None:
    for path in sorted(project.corpus_dir.glob("*.txt"))[1:]:
        path.unlink()
        (project.annotations_dir / f"{path.stem}.yaml").unlink()


def test_big_corpus_rebuild_touches_only_the_changed_graphs_and_equals_a_fresh_build(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: one changed article of 10k re-serialised all 10k graphs into the files (154 s), then
    copied them (102 s: 20.7 GB). Now the other articles' files are not touched; the result is a fresh
    build's."""
    project = copy_of(synthetic, tmp_path / "one")
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 1_000)  # a "big" corpus: no union files
    build(project, jobs=1)
    folder = project.out_dir / DATASET_FOLDER
    before = {p.name: p.stat().st_mtime_ns for p in folder.rglob("*.nq")}
    middle = sorted(project.annotations_dir.glob("*.yaml"))[1].stem
    rename_about_park(project, middle)
    changed = build(project, jobs=1)
    assert changed.stats["rebuilt"] == 1
    after = {p.name: p.stat().st_mtime_ns for p in folder.rglob("*.nq")}
    touched = {name for name in after if after[name] != before[name]}
    assert "shared.nq" in touched and touched <= {f"{middle}.nq", "shared.nq", "void.nq"}
    incremental_store = set(store_of(project))
    fresh = copy_of(synthetic, tmp_path / "fresh")
    rename_about_park(fresh, middle)
    build(fresh, jobs=1)
    assert dataset_files(project) == dataset_files(fresh)
    assert incremental_store == set(store_of(fresh))


def test_big_corpus_shrinking_below_the_limit_gets_its_union_and_in_memory_outputs_back(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the limit no union file is written; if the corpus then turns out small enough, the union
    files, JSON-LD and the views come back, as a build of the small corpus from scratch writes them."""
    project = copy_of(synthetic, tmp_path / "shrink")
    small = copy_of(synthetic, tmp_path / "small")
    withdraw_all_but_the_first(small)
    expected = build(small, jobs=1)  # the first article alone, built from scratch
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", expected.stats["triples"])
    assert build(project, jobs=1).graph is None  # three articles: too big for rdflib
    assert not project.graph_path("nq").exists()
    withdraw_all_but_the_first(project)
    shrunk = build(project, jobs=1)
    assert shrunk.graph is not None
    for suffix in ("nq", "nt", "trig", "ttl", "jsonld", "graphml"):
        assert project.graph_path(suffix).read_bytes() == small.graph_path(suffix).read_bytes(), suffix


def test_quiet_build_prints_nothing(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "quiet"
    shutil.copytree(synthetic, root)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "parkgraph.cli",
            "--project",
            str(root),
            "build",
            "-q",
            "--jobs",
            "2",
            "--dry-run",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == "" and done.stderr == ""


def test_closure_is_skipped_above_its_limit_and_the_stale_file_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parkgraph import build as build_module

    project = copy_project(tmp_path)
    project.out_dir.mkdir()
    project.graph_path("inferred.ttl").write_text("stale", encoding="utf-8")
    monkeypatch.setattr(build_module, "CLOSURE_LIMIT", 1_000)
    result = build(project, jobs=1)
    assert not project.graph_path("inferred.ttl").exists()
    assert project.graph_path("jsonld").exists()
    assert "parkgraph.inferred.ttl" in result.summary().split("skipped", 1)[1]


def test_big_corpus_rebuild_updates_the_shared_and_void_graphs_by_their_difference(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: one changed article of 10k removed and loaded again the whole shared graph (1.7M lines;
    5 s for 173k at 1k). Now the store gets the lines that changed, and is the same as a fresh build's."""
    from parkgraph.corpus import store_update

    project = copy_of(synthetic, tmp_path / "diff")
    monkeypatch.setattr(corpus_build, "IN_MEMORY_LIMIT", 1_000)  # a "big" corpus: no union files
    build(project, jobs=1)
    applied: list[tuple[str, int, int]] = []
    apply = store_update.apply_diff

    def spy(store: ox.Store, name: str, removed: bytes, added: bytes) -> None:
        applied.append((name, removed.count(b"\n"), added.count(b"\n")))
        apply(store, name, removed, added)

    monkeypatch.setattr(store_update, "apply_diff", spy)
    middle = sorted(project.annotations_dir.glob("*.yaml"))[1].stem
    rename_about_park(project, middle)  # a name: the shared graph changes, the counts do not
    build(project, jobs=1)
    assert [name for name, _, _ in applied] == [SHARED]
    last = sorted(project.corpus_dir.glob("*.txt"))[-1]
    last.unlink()  # an article withdrawn: the counts change too
    (project.annotations_dir / f"{last.stem}.yaml").unlink()
    build(project, jobs=1)
    assert [name for name, _, _ in applied] == [SHARED, SHARED, VOID]
    assert all(removed + added < 2_000 for _, removed, added in applied)  # not the graphs: 12k lines
    fresh = copy_of(synthetic, tmp_path / "fresh")
    rename_about_park(fresh, middle)
    (fresh.corpus_dir / last.name).unlink()
    (fresh.annotations_dir / f"{last.stem}.yaml").unlink()
    build(fresh, jobs=1)
    assert set(store_of(project)) == set(store_of(fresh))
