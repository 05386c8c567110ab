"""pytest set-up for the doctests of the ``parkgraph`` package (``testpaths`` includes it).

Why: the API's examples are written as a notebook user writes them, ``parkgraph.open()``; the module
holding them (:mod:`parkgraph.api`) must not import the package it is part of (that import would close
an import cycle, ``parkgraph`` → ``parkgraph.api`` → ``parkgraph``), so the name is given to every
doctest here.

The examples open the project of the folder they run in, and their answers are the first article's. So
they run in a fixed fixture project (``tests/data/project``: the first article and its annotation, with
the repository's ontology and questions), built once per session, not in the user's own project: a user
who adds an article to ``corpus/`` changes their graph, not the answers the examples show (issue 22).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import parkgraph


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The doctests' project (:func:`tests.conftest.make_fixture_project`), built once."""
    from tests.conftest import make_fixture_project

    return make_fixture_project(tmp_path_factory.mktemp("fixture-project"))


@pytest.fixture(autouse=True)
def _parkgraph_in_doctests(request: pytest.FixtureRequest, doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["parkgraph"] = parkgraph
    if isinstance(request.node, pytest.DoctestItem):
        request.getfixturevalue("monkeypatch").chdir(request.getfixturevalue("fixture_project"))
