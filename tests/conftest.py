"""Shared fixtures. The built graph is built once per test session (in a temporary folder)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from parkgraph.build import BuildResult, Project, build
from parkgraph.namespaces import DEFAULT_BASE
from parkgraph.vocabulary import load_ontology

if TYPE_CHECKING:
    from parkgraph.views.model import GraphModel

ROOT = Path(__file__).resolve().parents[1]

#: Set by CI: a test that would skip for a missing tool (Chromium, Java, ...) fails instead.
STRICT_ENV = "PARKGRAPH_STRICT"


def require(condition: bool, reason: str) -> None:
    """Skip with ``reason`` unless ``condition``; under ``PARKGRAPH_STRICT=1`` (CI) fail instead."""
    if condition:
        return
    if os.environ.get(STRICT_ENV) == "1":
        pytest.fail(f"{reason} (and {STRICT_ENV}=1 turns this skip into a failure)")
    pytest.skip(reason)


def copy_project(destination: Path) -> Project:
    """A private copy of the project's inputs, so a test can break them without touching the repo."""
    for name in ("corpus", "annotations", "ontology"):
        shutil.copytree(ROOT / name, destination / name)
    return Project.at(destination)


#: A fixed project's inputs (a copy of the first article and its annotation): what the API's examples and
#: their test run on, so that articles a user adds to ``corpus/`` change no example's answer.
FIXTURE_PROJECT = ROOT / "tests" / "data" / "project"


def make_fixture_project(destination: Path) -> Path:
    """A built project in ``destination``: :data:`FIXTURE_PROJECT`'s corpus and annotations with the
    repository's ontology and questions, its graph built into ``graph/``."""
    build_fixture_project(destination)
    return destination


def build_fixture_project(destination: Path, captures: Mapping[str, str] | None = None) -> BuildResult:
    """:func:`make_fixture_project` with ``captures`` (article id → capture text) added to its corpus
    with no annotation file, so that the build extracts them; the build's result."""
    for name in ("corpus", "annotations"):
        shutil.copytree(FIXTURE_PROJECT / name, destination / name)
    for name in ("ontology", "queries"):
        shutil.copytree(ROOT / name, destination / name)
    for article_id, text in (captures or {}).items():
        (destination / "corpus" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    return build(Project.at(destination), jobs=1)


def synthetic_project(destination: Path, articles: int, **options: Any) -> list[str]:
    """A synthetic corpus of ``articles`` (:func:`parkgraph.synth.generate_corpus` with ``options``) laid
    out as a project in ``destination``, with a copy of the ontology; the articles' ids."""
    from parkgraph.synth import generate_corpus

    ids = generate_corpus(articles, destination, **options)
    shutil.copytree(ROOT / "ontology", destination / "ontology")
    return ids


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """The ontology (every ``ontology/*.ttl`` but the shapes), parsed once."""
    return load_ontology(ROOT / "ontology")


@pytest.fixture(scope="session")
def model(built: BuildResult, ontology: Graph) -> GraphModel:
    """The networkx model of the freshly built graph."""
    from parkgraph.views.model import build_model

    return build_model(built.graph, ontology=ontology, base=DEFAULT_BASE)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A fresh build of the real project into a temporary output folder."""
    out = tmp_path_factory.mktemp("graph")
    return build(Project.at(ROOT, out_dir=out))


_NUMERIC_NAMES = ("decimal", "integer", "double", "float", "long", "int", "short", "byte")
_NUMERIC_NAMES += ("nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger")
_NUMERIC_NAMES += ("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")
#: Numeric datatypes: engines agree on their values, not on their lexical forms or exact subtypes.
NUMERIC = frozenset(XSD[name] for name in _NUMERIC_NAMES)


def is_number(term: Node | None) -> bool:
    return isinstance(term, Literal) and term.language is None and term.datatype in NUMERIC


def term_key(term: Node | None) -> tuple[object, ...]:
    """How answers from different engines are compared: numbers by value (Oxigraph writes the decimal
    12.0 as "12" and stores xsd:nonNegativeInteger as xsd:integer), language tags case-insensitively
    (Oxigraph lower-cases them), everything else exactly."""
    if term is None:
        return ("unbound",)
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    assert isinstance(term, Literal)
    if term.language:
        return ("lang", str(term), term.language.lower())
    if is_number(term):
        return ("number", Decimal(str(term)).normalize())
    if term.datatype is None or term.datatype == XSD.string:
        return ("string", str(term))
    return ("typed", str(term), str(term.datatype))
