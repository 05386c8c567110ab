"""The streaming writers behind ``parkgraph export`` (JSON-LD, GraphML/GEXF, the inferred closure) give
what the build writes from the whole union in rdflib: the same graph, and where the format allows the
same bytes. Two built projects: the fixture project (one article) and a 3-article synthetic corpus whose
articles share about fifty entities (so merging per-article models and closures is exercised)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from parkgraph.build import Project, build
from parkgraph.export import closure, jsonld
from parkgraph.export import networkx as nx_export
from parkgraph.export.source import GraphSource, SharedIndex, source_from_nquads
from parkgraph.namespaces import DEFAULT_BASE
from parkgraph.vocabulary import load_ontology

from .conftest import ROOT, build_fixture_project, synthetic_project


@pytest.fixture(scope="module")
def one_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project (the repository's first article), built."""
    root = tmp_path_factory.mktemp("one")
    build_fixture_project(root)
    return root


@pytest.fixture(scope="module")
def three_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three synthetic articles that share entities (seed 5 keeps some names), built."""
    root = tmp_path_factory.mktemp("three")
    synthetic_project(root, 3, seed=5)
    build(Project.at(root), jobs=1)
    return root


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology(ROOT / "ontology")


def _source(root: Path) -> GraphSource:
    return source_from_nquads(root / "graph" / "parkgraph.nq")


def _written(write, source: GraphSource, ontology: Graph, **options: object) -> bytes:  # type: ignore[no-untyped-def]
    stream = io.BytesIO()
    write(source, stream, ontology=ontology, base=DEFAULT_BASE, **options)
    return stream.getvalue()


def test_source_from_nquads_yields_ontology_articles_shared_void_in_order(three_articles: Path) -> None:
    passes = _source(three_articles)
    kinds = [(kind, name.rsplit("/", 1)[-1]) for name, kind, _ in passes()]
    assert kinds == [
        ("ontology", "ontology"),
        ("article", "syn_000001"),
        ("article", "syn_000002"),
        ("article", "syn_000003"),
        ("shared", "shared"),
        ("void", "void"),
    ]
    assert list(passes()) == list(passes())  # each call a fresh, identical pass
    triples = sum(data.count(b"\n") for _, _, data in passes())
    assert triples == (three_articles / "graph" / "parkgraph.nq").read_bytes().count(b"\n")


@pytest.mark.parametrize("project", ["one_article", "three_articles"])
def test_jsonld_export_is_the_builds_jsonld_graph(
    project: str, request: pytest.FixtureRequest, ontology: Graph
) -> None:
    root = request.getfixturevalue(project)
    data = _written(jsonld.write, _source(root), ontology)
    assert data == _written(jsonld.write, _source(root), ontology)  # deterministic
    ours = Graph().parse(data=data, format="json-ld")
    builds = Graph().parse(root / "graph" / "parkgraph.jsonld", format="json-ld")
    assert len(ours) == len(builds)
    assert isomorphic(ours, builds)


@pytest.mark.parametrize("project", ["one_article", "three_articles"])
@pytest.mark.parametrize(
    ("fmt", "write"), [("graphml", nx_export.write_graphml), ("gexf", nx_export.write_gexf)]
)
def test_networkx_export_merged_per_article_is_the_builds_bytes(
    project: str,
    fmt: str,
    write,
    request: pytest.FixtureRequest,
    ontology: Graph,  # type: ignore[no-untyped-def]
) -> None:
    root = request.getfixturevalue(project)
    assert _written(write, _source(root), ontology) == (root / "graph" / f"parkgraph.{fmt}").read_bytes()


def test_shared_entities_get_evidence_from_every_article(three_articles: Path, ontology: Graph) -> None:
    """An entity named in three articles carries the evidence spans of all three after merging."""
    graph = nx_export.merged_graph(_source(three_articles), ontology=ontology, base=DEFAULT_BASE)
    spread = [
        data["articles"]
        for _, data in graph.nodes(data=True)
        if len(str(data.get("articles", "")).split()) == 3
    ]
    assert spread, "the fixture should have entities with evidence in all three articles"


def test_closure_of_one_article_is_the_builds_inferred_turtle(
    one_article: Path, ontology: Graph, tmp_path: Path
) -> None:
    """One article: the per-article closure is the union closure, byte for byte (the repository's
    committed ``graph/parkgraph.inferred.ttl`` is this article's too)."""
    source = _source(one_article)
    data = closure.inferred_bytes(source, ontology=ontology, base=DEFAULT_BASE, cache=tmp_path)
    assert data == (one_article / "graph" / "parkgraph.inferred.ttl").read_bytes()
    committed = Graph().parse(ROOT / "graph" / "parkgraph.inferred.ttl", format="turtle")
    assert isomorphic(Graph().parse(data=data, format="turtle"), committed)
    streamed = _written(closure.write, source, ontology, cache=tmp_path)
    assert isomorphic(Graph().parse(data=streamed, format="turtle"), committed)


def _edited(source: GraphSource, article: str) -> GraphSource:
    """``source`` with one character of ``article``'s text changed (a one-character edit)."""

    def passes() -> Iterator[tuple[str, str, bytes]]:
        for name, kind, data in source():
            if name.endswith(f"/{article}"):
                lines = data.split(b"\n")
                (at,) = [i for i, line in enumerate(lines) if b"<https://schema.org/text>" in line]
                lines[at] = lines[at].replace("园".encode(), "圆".encode(), 1)
                data = b"\n".join(lines)
            yield name, kind, data

    return passes


def test_one_changed_article_recomputes_only_its_closure(
    three_articles: Path, ontology: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[int] = []
    real = closure.entailments

    def counted(*args: object, **kwargs: object) -> bytes:
        runs.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(closure, "entailments", counted)
    source = _source(three_articles)
    cold = closure.inferred_bytes(source, ontology=ontology, base=DEFAULT_BASE, cache=tmp_path)
    # the ontology's own entailments, each article's, and the shared triples' that no article touches
    assert len(runs) == 5
    # three articles: the per-article closure is still exactly the union's (no chain spans articles here)
    assert cold == (three_articles / "graph" / "parkgraph.inferred.ttl").read_bytes()
    assert closure.inferred_bytes(source, ontology=ontology, base=DEFAULT_BASE, cache=tmp_path) == cold
    assert len(runs) == 5
    files = set(tmp_path.iterdir())
    closure.inferred_bytes(
        _edited(source, "syn_000002"), ontology=ontology, base=DEFAULT_BASE, cache=tmp_path
    )
    assert len(runs) == 6
    assert len(set(tmp_path.iterdir()) - files) == 1
    assert len(list(tmp_path.iterdir())) == 5  # the edited article's old entry is pruned
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_closure_cache_entry_edited_by_hand_is_computed_again(
    one_article: Path, ontology: Graph, tmp_path: Path
) -> None:
    source = _source(one_article)
    first = closure.inferred_bytes(source, ontology=ontology, base=DEFAULT_BASE, cache=tmp_path)
    entries = sorted(tmp_path.iterdir(), key=lambda p: p.stat().st_size)
    biggest = entries[-1]  # the article's entailments
    biggest.write_bytes(biggest.read_bytes()[:-40])  # truncated
    assert closure.inferred_bytes(source, ontology=ontology, base=DEFAULT_BASE, cache=tmp_path) == first
    assert closure._checked(biggest.read_bytes()) is not None  # rewritten whole
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_shared_index_picks_the_triples_about_an_articles_nodes() -> None:
    index = SharedIndex(b'<urn:e> <urn:p> <urn:f> .\n<urn:f> <urn:label> "f" .\n<urn:g> <urn:p> <urn:h> .\n')
    assert index.about({b"<urn:f>"}) == b'<urn:e> <urn:p> <urn:f> .\n<urn:f> <urn:label> "f" .\n'
    assert (
        index.described({b"<urn:e>", b"<urn:g>"}) == b"<urn:e> <urn:p> <urn:f> .\n<urn:g> <urn:p> <urn:h> .\n"
    )


#: The OWL terms whose OWL 2 RL rules take a single data triple (with the ontology's axioms).
ONE_PREMISE_AXIOMS = frozenset(
    {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf, OWL.SymmetricProperty}
)


def test_ontology_has_no_axiom_whose_rule_joins_two_data_triples(ontology: Graph) -> None:
    """The per-article closure equals the union's only while no rule joins two data triples (which
    could be in two articles): see docs/model.md, "The inferred closure, article by article". A
    transitive, functional or inverse-functional property, a key, a property chain, a restriction, an
    intersection, a disjointness or an equivalence of classes needs that section and this test revised."""
    schema_terms = {p for _, p, _ in ontology} | set(ontology.objects(None, RDF.type))
    owl_rdfs = {t for t in schema_terms if str(t).startswith((str(OWL), str(RDFS)))}
    harmless = ONE_PREMISE_AXIOMS | {RDFS.label, RDFS.comment, RDFS.isDefinedBy, RDFS.seeAlso}
    harmless |= {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    harmless |= {OWL.NamedIndividual, OWL.Ontology, OWL.versionIRI, OWL.versionInfo, OWL.imports}
    assert owl_rdfs <= harmless, sorted(owl_rdfs - harmless)


def test_data_states_no_schema(three_articles: Path) -> None:
    """Nor may the data itself state an axiom or an ``owl:sameAs`` (the same section)."""
    for _, kind, data in _source(three_articles)():
        if kind not in ("article", "shared"):
            continue
        for line in data.splitlines():
            predicate = line.split(b" ")[1].decode()
            assert not predicate.startswith(f"<{OWL}"), line
            assert not predicate.startswith(f"<{RDFS}") or predicate == f"<{RDFS.label}>", line
            if predicate == f"<{RDF.type}>":
                assert not line.split(b" ")[2].decode().startswith(f"<{OWL}"), line


def _chunked(source: GraphSource, lines: int = 100) -> GraphSource:
    """``source`` with the shared graph yielded in chunks of ``lines`` lines, as the export's does."""

    def passes() -> Iterator[tuple[str, str, bytes]]:
        for name, kind, data in source():
            if kind != "shared":
                yield name, kind, data
                continue
            rows = data.splitlines(keepends=True)
            for start in range(0, len(rows), lines):
                yield name, kind, b"".join(rows[start : start + lines])

    return passes


def test_writers_accept_the_shared_graph_in_chunks(
    three_articles: Path, ontology: Graph, tmp_path: Path
) -> None:
    source, chunked = _source(three_articles), _chunked(_source(three_articles))
    assert sum(kind == "shared" for _, kind, _ in chunked()) > 1
    for fmt, write in (("graphml", nx_export.write_graphml), ("gexf", nx_export.write_gexf)):
        built = (three_articles / "graph" / f"parkgraph.{fmt}").read_bytes()
        assert _written(write, chunked, ontology) == built
    ours = Graph().parse(data=_written(jsonld.write, chunked, ontology), format="json-ld")
    assert isomorphic(ours, Graph().parse(data=_written(jsonld.write, source, ontology), format="json-ld"))
    inferred = closure.inferred_bytes(chunked, ontology=ontology, base=DEFAULT_BASE, cache=tmp_path)
    assert inferred == (three_articles / "graph" / "parkgraph.inferred.ttl").read_bytes()


def test_parkgraph_export_of_the_dataset_gives_the_builds_files(three_articles: Path, tmp_path: Path) -> None:
    """End to end through :func:`parkgraph.export.export` (its source reads ``graph/dataset/``, the
    shared graph in chunks): GraphML and GEXF byte for byte, JSON-LD and the closure the same graph."""
    from parkgraph.export import export

    def exported(fmt: str, **options: object) -> bytes:
        out = io.BytesIO()
        folder = three_articles / "graph"
        export(folder, fmt=fmt, out=None, ontology_dir=three_articles / "ontology", stdout=out, **options)  # type: ignore[arg-type]
        return out.getvalue()

    graph = three_articles / "graph"
    for fmt in ("graphml", "gexf"):
        assert exported(fmt) == (graph / f"parkgraph.{fmt}").read_bytes(), fmt
    ours = Graph().parse(data=exported("jsonld"), format="json-ld")
    assert isomorphic(ours, Graph().parse(graph / "parkgraph.jsonld", format="json-ld"))
    ours = Graph().parse(data=exported("inferred", cache_dir=tmp_path), format="turtle")
    assert isomorphic(ours, Graph().parse(graph / "parkgraph.inferred.ttl", format="turtle"))
