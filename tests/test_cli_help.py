"""``parkgraph COMMAND --help`` says what the command does, and every option says what it is for (issue 22:
build, query and extract had no description, --format no help)."""

from __future__ import annotations

import argparse

import pytest

from parkgraph.cli import make_parser


def subcommand(name: str) -> argparse.ArgumentParser:
    parser = make_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return commands.choices[name]


@pytest.mark.parametrize("name", ["build", "query", "extract"])
def test_a_command_has_a_description_and_every_option_a_help(name: str) -> None:
    command = subcommand(name)
    assert command.description and len(command.description) > 80, name
    undocumented = [a.dest for a in command._actions if a.help in (None, "") and a.dest != "help"]
    assert not undocumented, f"{name}: {undocumented}"


def test_query_help_shows_an_example_and_the_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        make_parser().parse_args(["query", "--help"])
    shown = capsys.readouterr().out
    assert "--bind article=" in shown.replace("\n", " ") and "SPARQL 1.1 Query Results JSON" in shown
