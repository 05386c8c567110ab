"""Tests of the synthetic corpus generator (parkgraph/synth.py).

The generator exists to scale-test the build, so what matters is that every synthetic article is a
valid project input (it reads, populates and validates like a curated one), that runs are reproducible,
and that the merged graph has both kinds of entity: shared ones (one IRI across articles) and renamed
ones (one IRI per article).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from parkgraph.annotations import load_annotations
from parkgraph.build import BuildResult, Project, build
from parkgraph.evidence import locate
from parkgraph.namespaces import DEFAULT_BASE, SCHEMA
from parkgraph.reader import read_capture
from parkgraph.synth import SOURCE_ANNOTATIONS, SOURCE_CAPTURE, Synthesizer, generate_corpus, main

from .conftest import synthetic_project

ROOT = Path(__file__).resolve().parents[1]
SHARED = ["jiangsu", "state-council", "jd-group", "jiangsu-industry-it-department", "sina", "su-news"]
RENAMED = ["suqian-software-park", "suqian", "fei-xinli", "zhang-yun", "vazyme", "post-park-party-secretary"]


def entity(slug: str) -> URIRef:
    return URIRef(f"{DEFAULT_BASE}id/{slug}")


def all_quotes(path: Path) -> list[tuple[str, int]]:
    notes = load_annotations(path)
    items = [*notes.concepts.values(), *notes.entities.values(), *notes.relations, *notes.facts.values()]
    return [(q.exact, q.occurrence) for item in items for q in item.quotes]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Three articles in which every renameable name is renamed (keep=0), laid out as a project."""
    root = tmp_path_factory.mktemp("synthetic")
    ids = synthetic_project(root, 3, seed=0, keep=0.0)
    return root, ids


@pytest.fixture(scope="module")
def built(corpus: tuple[Path, list[str]]) -> BuildResult:
    root, _ = corpus
    return build(Project.at(root), write=False)


def test_writes_only_captures_and_annotations(tmp_path: Path) -> None:
    ids = generate_corpus(2, tmp_path)
    assert ids == ["syn_000001", "syn_000002"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "annotations/syn_000001.yaml",
        "annotations/syn_000002.yaml",
        "corpus/syn_000001.txt",
        "corpus/syn_000002.txt",
    ]


def test_synthetic_corpus_builds_and_validates(corpus: tuple[Path, list[str]], built: BuildResult) -> None:
    _, ids = corpus
    assert built.articles == tuple(ids)
    assert built.validation.conforms, built.validation.report()
    assert built.files == ()
    assert built.stats["triples"] > 3 * 4000


def test_default_keep_builds_and_validates(tmp_path: Path) -> None:
    """With the default keep some renameable names stay shared; the merged graph must still validate."""
    synthetic_project(tmp_path, 3, seed=11)
    result = build(Project.at(tmp_path), write=False)
    assert result.validation.conforms, result.validation.report()


def test_captures_are_sina_captures(corpus: tuple[Path, list[str]]) -> None:
    root, ids = corpus
    source = read_capture(SOURCE_CAPTURE)
    source_raw = SOURCE_CAPTURE.read_text(encoding="utf-8")
    for ident in ids:
        path = root / "corpus" / f"{ident}.txt"
        article = read_capture(path)
        assert article.article_id == ident
        assert (article.published, article.publisher, article.source) == (
            source.published,
            source.publisher,
            source.source,
        )
        assert len(article.paragraphs) == len(source.paragraphs)
        assert article.title != source.title and article.title.endswith("市软件园获批省大数据产业园")
        assert article.reporter not in (None, source.reporter)
        assert len(article.keywords) == len(source.keywords)
        raw = path.read_text(encoding="utf-8")
        chrome = source_raw[source_raw.index("权利保护声明页") :]
        assert raw.endswith(chrome)  # the page chrome is kept verbatim
        for original in ("宿迁", "费新力", "张云", "诺唯赞", "36.45亿元"):
            assert original not in article.text


def test_the_reporter_is_the_renamed_person(corpus: tuple[Path, list[str]], built: BuildResult) -> None:
    root, ids = corpus
    article = read_capture(root / "corpus" / f"{ids[0]}.txt")
    author = built.graph.value(URIRef(f"{DEFAULT_BASE}article/{ids[0]}"), SCHEMA.author)
    assert author == entity("zhang-yun-s000001")
    assert Literal(article.reporter, lang="zh-Hans") in set(built.graph.objects(author, SKOS.prefLabel))


def test_renamed_quotes_are_found_in_the_text(corpus: tuple[Path, list[str]]) -> None:
    root, ids = corpus
    source_quotes = all_quotes(SOURCE_ANNOTATIONS)
    for ident in ids:
        text = read_capture(root / "corpus" / f"{ident}.txt").text
        quotes = all_quotes(root / "annotations" / f"{ident}.yaml")
        assert len(quotes) == len(source_quotes)
        for exact, occurrence in quotes:
            assert locate(text, exact, occurrence=occurrence) is not None, (ident, exact, occurrence)
        renamed = [q for q, s in zip(quotes, source_quotes, strict=True) if q[0] != s[0]]
        assert len(renamed) > 50  # the park, the people, the companies, the numbers


def test_labels_alt_labels_and_english_labels_are_renamed(corpus: tuple[Path, list[str]]) -> None:
    root, ids = corpus
    source = load_annotations(SOURCE_ANNOTATIONS).entities["suqian-software-park"]
    park = load_annotations(root / "annotations" / f"{ids[0]}.yaml").entities["suqian-software-park-s000001"]
    assert park.label != source.label and park.label.endswith("市软件与服务外包产业园")
    assert park.en != source.en and park.en.endswith(" Software and Service Outsourcing Industrial Park")
    assert "Suqian" not in park.en
    assert park.alt[0] != source.alt[0] and park.alt[1:] == source.alt[1:]  # 软件园, 园区 are generic
    assert park.quotes[0].exact == park.label


def test_quantities_vary_consistently(corpus: tuple[Path, list[str]], built: BuildResult) -> None:
    root, ids = corpus
    values = set()
    for ident in ids:
        fact = load_annotations(root / "annotations" / f"{ident}.yaml").facts["park-revenue-2022-h1"]
        assert fact.quantity != "36.45亿元" and fact.quantity.endswith("亿元")
        assert fact.quantity in fact.quotes[0].exact
        node = URIRef(f"{DEFAULT_BASE}fact/{ident}/park-revenue-2022-h1/value")
        values.add(built.graph.value(node, SCHEMA.value))
    assert len(values) == len(ids) and Literal("3645000000.0") not in {Literal(str(v)) for v in values}


def test_shared_entities_have_one_iri_renamed_ones_one_per_article(built: BuildResult) -> None:
    graph = built.graph
    mentioned = {
        ident: set(graph.objects(URIRef(f"{DEFAULT_BASE}article/{ident}"), SCHEMA.mentions))
        for ident in built.articles
    }
    first, second = (mentioned[i] for i in built.articles[:2])
    for slug in SHARED:
        assert entity(slug) in first and entity(slug) in second, slug
    for slug in RENAMED:
        assert entity(slug) not in first | second, slug
        assert entity(f"{slug}-s000001") in first and entity(f"{slug}-s000002") in second, slug
        labels = [graph.value(entity(f"{slug}-s00000{i}"), SKOS.prefLabel) for i in (1, 2)]
        assert labels[0] != labels[1], slug
    shared = first & second
    assert len(shared) >= 40 and len(first - shared) >= 25  # both kinds, in numbers (49 and 30 of 79)
    # a shared entity keeps exactly one label per language, however many articles mention it
    assert len(set(graph.objects(entity("jiangsu"), SKOS.prefLabel))) == 2


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    runs = {name: tmp_path / name for name in ("a", "b", "c")}
    generate_corpus(3, runs["a"], seed=7)
    generate_corpus(3, runs["b"], seed=7)
    generate_corpus(3, runs["c"], seed=8)
    files = sorted(p.relative_to(runs["a"]) for p in runs["a"].rglob("*") if p.is_file())
    assert len(files) == 6
    for relative in files:
        assert (runs["a"] / relative).read_bytes() == (runs["b"] / relative).read_bytes(), relative
        assert (runs["a"] / relative).read_bytes() != (runs["c"] / relative).read_bytes(), relative


def test_keep_one_keeps_every_identity(tmp_path: Path) -> None:
    generate_corpus(1, tmp_path, keep=1.0)
    notes = load_annotations(tmp_path / "annotations" / "syn_000001.yaml")
    source = load_annotations(SOURCE_ANNOTATIONS)
    assert list(notes.entities) == list(source.entities)
    assert [e.label for e in notes.entities.values()] == [e.label for e in source.entities.values()]
    assert read_capture(tmp_path / "corpus" / "syn_000001.txt").title == read_capture(SOURCE_CAPTURE).title


def test_keep_must_be_a_probability() -> None:
    with pytest.raises(ValueError, match="probability"):
        Synthesizer(keep=1.5)


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--articles", "2", "--out", str(tmp_path / "out"), "--seed", "3"]) == 0
    assert "wrote 2 articles" in capsys.readouterr().out
    assert (tmp_path / "out" / "annotations" / "syn_000002.yaml").exists()


def test_generation_is_fast(tmp_path: Path) -> None:
    """About 1 ms an article here; a YAML dump per article would be ~100 ms (10k articles: minutes)."""
    started = time.perf_counter()
    generate_corpus(200, tmp_path)
    assert time.perf_counter() - started < 20  # generous: the machine is shared


def test_captures_only_writes_the_same_captures_and_no_annotations(tmp_path: Path) -> None:
    """The extracted variant of the corpus-scale benchmark: the same pages, every article extracted."""
    generate_corpus(2, tmp_path / "both", seed=3)
    generate_corpus(2, tmp_path / "bare", seed=3, annotations=False)
    assert not (tmp_path / "bare" / "annotations").exists()
    for name in ("syn_000001.txt", "syn_000002.txt"):
        bare, both = (tmp_path / kind / "corpus" / name for kind in ("bare", "both"))
        assert bare.read_bytes() == both.read_bytes()
