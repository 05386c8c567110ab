"""The numbers of the corpus's VoID description (:mod:`parkgraph.void`), summed graph by graph as the build
writes them.

Why a module of its own: counting must not cost a pass over the corpus. Each article's worker counts its
lines about nodes scoped to it (:attr:`parkgraph.articles.ArticleOutput.counts`); the split into the
article's graph and the shared graph (:mod:`.shared`) counts the rest as it looks at each line anyway;
this module adds them up. An article graph copied from the last build's files is not looked at: its
numbers are the ones the last build recorded in the store's manifest, next to its blocks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..void import DatasetCounts, SubsetCounts
from .shared import SharedLines, Split


def article_record(counts: Mapping[str, Any], split: Split, triples: int) -> dict[str, Any]:
    """What the manifest keeps of an article graph for the description: the worker's ``counts`` of its
    article-scoped lines, plus its lines about entities and concepts that stayed in its graph."""
    predicates = Counter(counts.get("predicates", {}))
    predicates.update({p[1:-1].decode(): n for p, n in split.run_predicates.items()})
    return {
        "triples": triples,
        "entities": split.entities,
        "predicates": dict(sorted(predicates.items())),
        "classes": dict(counts.get("classes", {})),
        "facts": dict(counts.get("facts", {})),
        "published": counts.get("published", ""),
    }


class CorpusCounts:
    """The sums over every graph, in the order the build takes them (articles in id order)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.predicates: Counter[str] = Counter()
        self.classes: Counter[str] = Counter()
        self.subsets: list[SubsetCounts] = []
        self.issued = ""

    def add(self, graph: str, article_id: str, record: Mapping[str, Any]) -> None:
        """An article graph's record (:func:`article_record`, fresh or from the manifest)."""
        self.predicates.update(record["predicates"])
        self.classes.update(record["classes"])
        self.issued = max(self.issued, record["published"])
        self.subsets.append(
            SubsetCounts(
                graph=graph,
                article=f"{self.base}article/{article_id}",
                triples=record["triples"],
                entities=record["entities"],
                facts=record["facts"],
            )
        )

    def dataset(
        self, shared: SharedLines, shared_name: str, entities: Mapping[str, set[str]]
    ) -> DatasetCounts:
        """The description's numbers, once every graph is in: the shared graph's from ``shared``, the
        entities' classes from ``entities`` (resolved entity IRI → asserted types)."""
        predicates = self.predicates + Counter({p[1:-1].decode(): n for p, n in shared.predicates.items()})
        classes = self.classes + Counter({c[1:-1].decode(): n for c, n in shared.classes.items()})
        entity_classes: Counter[str] = Counter(t for types in entities.values() for t in types)
        shared_triples = shared.triples - sum(s.triples for s in self.subsets)
        return DatasetCounts(
            triples=shared.triples,
            entities=len(entities),
            predicates=dict(sorted(predicates.items())),
            classes=dict(sorted(classes.items())),
            entity_classes=dict(sorted(entity_classes.items())),
            subsets=self.subsets,
            shared=(shared_name, shared_triples),
            issued=self.issued,
        )
