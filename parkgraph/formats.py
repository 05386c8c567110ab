"""Further serialisations of the built graph (issue 4 fills this in: TriG, N-Quads, inferred Turtle)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .output import Writer

if TYPE_CHECKING:
    from .build import BuiltGraph, Project


def extra_formats(built: BuiltGraph, project: Project) -> dict[Path, Writer]:
    """``path: produce_bytes`` for every further format; written atomically with the core files."""
    return {}
