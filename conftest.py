"""pytest set-up for the doctests of the ``parkgraph`` package (``testpaths`` includes it).

Why: the API's examples are written as a notebook user writes them, ``parkgraph.open()``; the module
holding them (:mod:`parkgraph.api`) must not import the package it is part of (that import would close
an import cycle, ``parkgraph`` → ``parkgraph.api`` → ``parkgraph``), so the name is given to every
doctest here.
"""

from __future__ import annotations

import pytest

import parkgraph


@pytest.fixture(autouse=True)
def _parkgraph_in_doctests(doctest_namespace: dict[str, object]) -> None:
    doctest_namespace["parkgraph"] = parkgraph
