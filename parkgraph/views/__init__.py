"""Derived views of the built graph (issue 3 fills this in: networkx exports and HTML views)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..build import BuiltGraph, Project


def write_views(built: BuiltGraph, project: Project) -> list[Path]:
    """Write the views derived from ``built``; return the paths written."""
    return []
