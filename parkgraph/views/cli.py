"""Subcommands of this package (registered by parkgraph.cli)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add this package's subcommands to the ``parkgraph`` parser."""
