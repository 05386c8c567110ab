"""The corpus validation (spans and IRIs proved as they are minted, :mod:`parkgraph.minted`) reports every
violation the full validation (the compiled SHACL shapes and every SPARQL check) reports.

Regression for issue 13's decision (a): ``evidence-span-mismatch`` and ``dangling-iri`` read every triple
of every article by SPARQL (13 of the checks' 18-21 ms an article). A corpus build now proves them where
the populator mints spans and IRIs; here broken inputs reach the populator (a located span with wrong
offsets, a wrong quote, prefix or suffix, a span beyond the text or reversed, a reference to a node
nobody describes, an entity without evidence), and both validations must report the same violations,
row for row, message for message.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from parkgraph import populate
from parkgraph.articles import ArticleBuilder, ArticleSource, PipelineSpec
from parkgraph.evidence import Span
from parkgraph.minted import REPLACED_CHECKS, MintReport
from parkgraph.validate import ValidationResult

from .conftest import ROOT

FIRST = "000_64b6559f5e865fa2"
REVENUE = "今年上半年,实现主营业务收入36.45亿元"  # a quote of the first article, its own evidence node


@pytest.fixture(scope="module")
def builder(tmp_path_factory: pytest.TempPathFactory) -> ArticleBuilder:
    spec = PipelineSpec(
        ontology_dir=ROOT / "ontology",
        shapes_path=ROOT / "ontology" / "shapes.ttl",
        checks_dir=ROOT / "ontology" / "checks",
        base="https://w3id.org/parkgraph/",
        cache_dir=tmp_path_factory.mktemp("cache"),
        mint_checks=True,
    )
    return ArticleBuilder(spec, use_cache=False)


SOURCE = ArticleSource(FIRST, ROOT / "corpus" / f"{FIRST}.txt", ROOT / "annotations" / f"{FIRST}.yaml")


def violations(result: ValidationResult) -> set[tuple[str, tuple[str, ...]]]:
    """What a validation reports: its SHACL report's blocks and every check's rows."""
    found = {("shacl", tuple(block.splitlines())) for block in result.shacl_report.split("Constraint ")[1:]}
    return found | {(failure.check, row) for failure in result.check_failures for row in failure.rows}


Violations = set[tuple[str, tuple[str, ...]]]


def both(builder: ArticleBuilder) -> tuple[Violations, Violations]:
    """(full validation's violations, corpus validation's) of the first article as minted now."""
    data, _, minted = builder.minted(SOURCE)
    assert isinstance(minted, MintReport)
    full = builder.validator.validate_ntriples(data)
    corpus = builder.validator.validate_ntriples(data, minted=minted)
    return violations(full), violations(corpus)


@contextmanager
def located(change: Callable[[Span, str], Span]) -> Iterator[None]:
    """The populator's located spans for the revenue quote changed by ``change(span, text)``."""
    original = populate.locate

    def broken(text: str, quote: str, **options: int) -> Span | None:
        span = original(text, quote, **options)
        return change(span, text) if span is not None and quote == REVENUE else span

    populate.locate = broken  # type: ignore[assignment]
    try:
        yield
    finally:
        populate.locate = original


def test_a_valid_article_passes_both_and_the_minted_checks_find_nothing(builder: ArticleBuilder) -> None:
    data, _, minted = builder.minted(SOURCE)
    assert isinstance(minted, MintReport) and set(minted.rows) == set(REPLACED_CHECKS)
    assert not any(minted.rows.values())
    assert builder.validator.validate_ntriples(data, minted=minted).conforms
    assert builder.validator.validate_ntriples(data).conforms


SPANS: dict[str, Callable[[Span, str], Span]] = {
    "wrong offsets": lambda s, t: dataclasses.replace(s, start=s.start + 2, end=s.end + 2),
    "wrong exact": lambda s, t: dataclasses.replace(s, exact=s.exact.replace("主营", "主要")),
    "wrong prefix": lambda s, t: dataclasses.replace(s, prefix="某" + s.prefix[1:]),
    "wrong suffix": lambda s, t: dataclasses.replace(s, suffix=s.suffix[:-1] + "某"),
    "beyond the text": lambda s, t: dataclasses.replace(s, start=len(t) - 3, end=len(t) + 5),
    "escapes in the quote": lambda s, t: dataclasses.replace(s, exact='今年上半年"收入" \\ 和\n36.45亿元'),
}


@pytest.mark.parametrize("name", sorted(SPANS))
def test_broken_spans_are_reported_by_both_validations_alike(builder: ArticleBuilder, name: str) -> None:
    with located(SPANS[name]):
        full, corpus = both(builder)
    assert full, f"{name}: the full validation must see it"
    assert any(check == "evidence-span-mismatch" for check, _ in full)
    assert corpus == full


@pytest.mark.parametrize("name", ["reversed", "empty"])
def test_an_empty_or_reversed_span_is_never_minted(builder: ArticleBuilder, name: str) -> None:
    """The IRI minter refuses it (its IRI is made of its offsets): neither validation ever sees one."""
    change = {
        "reversed": lambda s, t: dataclasses.replace(s, start=s.end, end=s.start),
        "empty": lambda s, t: dataclasses.replace(s, end=s.start),
    }[name]
    with located(change), pytest.raises(ValueError, match="bad span"):
        builder.minted(SOURCE)


def test_a_dangling_iri_is_reported_by_both_validations_alike(
    builder: ArticleBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reference minted to a node nothing describes (here: a relation's object)."""
    original = populate._Populator.ref

    def ghostly(self: populate._Populator, value: object, line: int) -> str:
        term = original(self, value, line)
        return "<https://w3id.org/parkgraph/id/ghost>" if value == "hubin-new-district" else term

    monkeypatch.setattr(populate._Populator, "ref", ghostly)
    full, corpus = both(builder)
    dangling = {row for check, row in full if check == "dangling-iri"}
    assert {row[0] for row in dangling} == {"https://w3id.org/parkgraph/id/ghost"}
    assert corpus == full


def test_missing_evidence_is_reported_by_both_validations_alike(
    builder: ArticleBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = populate._Populator.evidence

    def forgetful(self: populate._Populator, node: str, quotes: object) -> list[Span]:
        if node.endswith("/id/jd-group>"):
            return []
        return original(self, node, quotes)  # type: ignore[arg-type]

    monkeypatch.setattr(populate._Populator, "evidence", forgetful)
    full, corpus = both(builder)
    assert any(check == "fact-without-evidence" for check, _ in full)
    assert corpus == full


def test_the_corpus_build_proves_and_the_single_article_build_queries(tmp_path: Path) -> None:
    """Two or more articles: mint checks; one: the SPARQL checks (both conform on the real article)."""
    from parkgraph.build import build

    from .conftest import copy_project
    from .test_corpus import add_copy

    project = copy_project(tmp_path)
    seen: list[bool] = []
    original = ArticleBuilder.minted

    def spy(self: ArticleBuilder, source: ArticleSource, *, checks: bool | None = None):  # type: ignore[no-untyped-def]
        seen.append(self.spec.mint_checks)
        return original(self, source, checks=checks)

    mp = pytest.MonkeyPatch()
    mp.setattr(ArticleBuilder, "minted", spy)
    mp.setenv("PARKGRAPH_NO_CACHE", "1")
    try:
        build(project, jobs=1, write=False)
        assert seen == [False]
        add_copy(project, "001_copy")
        seen.clear()
        build(project, jobs=1, write=False)
        assert seen == [True, True]
    finally:
        mp.undo()
