"""The README's promises: it opens with the two commands, and its example outputs are real."""

from __future__ import annotations

import contextlib
import io
import re
import shlex

import pytest

from parkgraph.build import BuildResult
from parkgraph.cli import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```console\n\$ (parkgraph query [^\n]+)\n(.*?)\n```", README, re.S)


def test_readme_opens_with_the_build_and_test_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)\n```", README, re.S)
    assert first_block is not None and README.index(first_block.group(0)) < README.index("\n## ")
    commands = first_block.group(1).splitlines()
    assert commands == ["python -m pip install -e '.[test]' && python build_graph.py", "python -m pytest"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython -m pytest\n" in ci, ".ci/run must run the README's test command"


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c.split()[-1] for c, _ in EXAMPLES])
def test_readme_example_output_is_what_the_command_prints(command: str, expected: str) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--project", str(ROOT), *shlex.split(command)[1:]]) == 0
    assert out.getvalue().rstrip() == expected.rstrip()


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 3


def test_readme_counts_are_those_of_a_fresh_build(built: BuildResult) -> None:
    stats = built.stats
    table = dict(re.findall(r"^\| ([a-zA-Z -]+) \| ([\d,]+)", README, re.M))
    assert int(table["triples"].replace(",", "")) == stats["triples"]
    assert int(table["entities"]) == stats["entities"]
    assert int(table["SKOS concepts"]) == stats["concepts"]
    assert int(table["n-ary facts"]) == stats["facts"]
    assert int(table["simple statements with evidence"]) == stats["statements"]
    assert int(table["evidence spans"]) == stats["evidence"]
