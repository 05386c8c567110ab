"""Regression: the extractor's software agent was described in the named graph of every extracted
article, so a corpus of two extracted articles held its triples twice, the union default graph gave
question 41 each fact four times, and the VoID counts (sums over graphs, exact only if no triple is in
two graphs) counted them once an article. The agent is now kept once, in the shared graph."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from .conftest import build_fixture_project
from .test_extract_build import CAPTURE as FIRST
from .test_questions_extracted_more import CAPTURE as SECOND

BASE = "https://w3id.org/parkgraph/"


@pytest.fixture(scope="module")
def quads(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = tmp_path_factory.mktemp("two-extracted")
    result = build_fixture_project(folder, {"201_extracted": FIRST, "202_extracted": SECOND})
    assert result.stats["extracted"] == 2
    dataset = Dataset()
    dataset.parse(Path(folder) / "graph" / "parkgraph.nq", format="nquads")
    return dataset


def test_regression_no_triple_is_in_two_graphs_with_two_extracted_articles(quads: Dataset) -> None:
    graphs: dict[tuple, set[str]] = defaultdict(set)
    for s, p, o, g in quads.quads((None, None, None, None)):
        graphs[(s, p, o)].add(str(g))
    assert {t: names for t, names in graphs.items() if len(names) > 1} == {}


def test_regression_the_extractors_agent_is_described_once_in_the_shared_graph(quads: Dataset) -> None:
    agents = {s for s, p, o, g in quads.quads((None, None, None, None)) if str(s).startswith(BASE + "agent/")}
    assert len(agents) == 1
    [agent] = agents
    where = {str(g) for _, _, _, g in quads.quads((agent, None, None, None))}
    assert where == {BASE + "graph/shared"}
    # each article's extraction still names it
    associated = URIRef("http://www.w3.org/ns/prov#wasAssociatedWith")
    assert len({g for _, _, o, g in quads.quads((None, associated, agent, None))}) == 2
