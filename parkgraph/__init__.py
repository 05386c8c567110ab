"""parkgraph: a knowledge graph of Chinese industrial parks, built from news articles with the evidence of
every fact. The Python API (:mod:`parkgraph.api`, docs/api.md) is what notebooks use:

    import parkgraph
    kg = parkgraph.open()                                 # the built graph of the project here
    kg.question("01-park-approval").to_pandas()           # a competency question → DataFrame
    kg.entity("宿迁市软件园").facts                       # an entity by label or alias, with evidence
    kg.show(ego="宿迁市软件园")                            # its neighbourhood, inline in Jupyter

``parkgraph.build(...)`` runs the build. Importing parkgraph is cheap: the API and what it needs
(rdflib, pyoxigraph, networkx, pyvis, pandas) are imported on first use (PEP 562 ``__getattr__``);
only the typed errors are imported with the package, so ``except parkgraph.ParkgraphError`` costs
nothing.

>>> import parkgraph
>>> parkgraph.open().entity("省工信厅").label_en
'Jiangsu Provincial Department of Industry and Information Technology'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import (
    AmbiguousEntityError,
    AnnotationError,
    CaptureError,
    EvidenceNotFoundError,
    GraphNotBuiltError,
    MissingExtraError,
    ParkgraphError,
    QueryError,
    UnknownEntityError,
    ValidationError,
)

if TYPE_CHECKING:
    from . import build  # a module, callable as the API's build (see parkgraph.build._CallableModule)
    from .api import Entity, Evidence, Fact, KnowledgeGraph, Label, Match, QueryResults, Question, open

#: Names this package gives from parkgraph.api, loaded when first asked for.
_API = ("Entity", "Evidence", "Fact", "KnowledgeGraph", "Label", "Match", "QueryResults", "Question", "open")

__all__ = [
    "AmbiguousEntityError",
    "AnnotationError",
    "CaptureError",
    "Entity",
    "Evidence",
    "EvidenceNotFoundError",
    "Fact",
    "GraphNotBuiltError",
    "KnowledgeGraph",
    "Label",
    "Match",
    "MissingExtraError",
    "ParkgraphError",
    "QueryError",
    "QueryResults",
    "Question",
    "UnknownEntityError",
    "ValidationError",
    "build",
    "open",
]


def __getattr__(name: str) -> object:
    if name in _API:
        value = getattr(importlib.import_module(".api", __name__), name)
        globals()[name] = value  # the next access is a plain attribute
        return value
    if name == "build":  # the module parkgraph.build, which is callable (importing binds it here)
        return importlib.import_module(".build", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
