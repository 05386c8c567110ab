"""The extractor's one entry point: an article in, annotations out (what a curator would write).

The stages, each a module with one job: tag (LAC), recognise names, resolve aliases, find posts,
find quantities and times and attach them to what each sentence is about, relate, and assemble
the records the curated loader makes (:mod:`parkgraph.extract.assemble`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..annotations import Annotations
from ..reader import Article
from .assemble import EXTRACTOR_VERSION, Draft, assemble
from .facts import add_relations, add_statistics, verb_positions
from .lac import tagger
from .posts import find_posts
from .recognise import recognise
from .resolve import resolve
from .spans import Mention

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract"]


@dataclass(frozen=True)
class Extraction:
    """What the extractor made of one article: the annotations, each record's confidence, warnings."""

    annotations: Annotations
    confidence: dict[str, float]
    warnings: tuple[str, ...]


def extract(article: Article) -> Extraction:
    text = article.text
    tokens = tagger().tag(text)
    mentions = recognise(text, tokens)
    mentions += _metadata_mentions(article, mentions)
    entities = resolve(text, mentions)
    posts = find_posts(text, entities)
    draft: Draft = assemble(article.article_id, article.source_path, text, entities, posts)
    add_relations(draft, article, entities)
    add_statistics(draft, article, entities, verbs=verb_positions(tokens), posts=posts)
    warnings = (
        ()
        if draft.entities
        else (
            f"{article.source_path}: the extractor found no entity in it; "
            "the graph has its article and text only",
        )
    )
    return Extraction(draft.annotations(), dict(draft.confidence), warnings)


def _metadata_mentions(article: Article, mentions: list[Mention]) -> list[Mention]:
    """The publisher, the origin and the reporter the reader found, where the text names them."""
    taken = {(m.start, m.end) for m in mentions}
    found = []
    for name, kind in ((article.publisher, "media"), (article.source, "media"), (article.reporter, "person")):
        if not name:
            continue
        at = article.text.find(name)
        while at >= 0:
            span = (at, at + len(name))
            if span not in taken and not any(s <= at < e or s < span[1] <= e for s, e in taken):
                found.append(Mention(at, at + len(name), name, kind=kind, confidence=0.9, source="metadata"))
                taken.add(span)
            at = article.text.find(name, at + 1)
    return found
