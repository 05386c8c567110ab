"""The extractor's one entry point: an article in, annotations out (what a curator would write).

The stages, each a module with one job: tag (LAC), recognise names, resolve aliases, find posts,
find quantities and times and attach them to what each sentence is about, relate, find the events
(:mod:`parkgraph.extract.events`), and assemble the records the curated loader makes
(:mod:`parkgraph.extract.assemble`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..annotations import Annotations
from ..reader import Article
from .assemble import EXTRACTOR_VERSION, Draft, assemble
from .events import add_events
from .lac import tagger
from .posts import credit_posts, find_posts
from .recognise import recognise
from .relations import add_relations
from .resolve import resolve
from .spans import Mention
from .statistics import add_statistics

__all__ = ["EXTRACTOR_VERSION", "Extraction", "extract"]

#: What a reporter's name looks like: two to four Han characters, or a transcribed name (艾力·买买提).
_PERSON_NAME = re.compile(
    r"^(?:[\u4e00-\u9fff\u3400-\u4dbf]{2,4}|[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6})+)$"
)


@dataclass(frozen=True)
class Extraction:
    """What the extractor made of one article: the annotations, each record's confidence, warnings."""

    annotations: Annotations
    confidence: dict[str, float]
    warnings: tuple[str, ...]


def extract(article: Article) -> Extraction:
    text = article.text
    tokens = tagger().tag(text)
    mentions = _with_metadata(article, recognise(text, tokens))
    entities = resolve(text, mentions)
    posts = find_posts(text, entities) + credit_posts(text, entities, (article.publisher, article.source))
    draft: Draft = assemble(article.article_id, article.source_path, text, entities, posts)
    add_relations(draft, article, entities)
    add_statistics(draft, article, entities, tokens=tokens, posts=posts)
    add_events(draft, article, entities, posts)  # after the statistics: a typed event replaces theirs
    warnings = (
        ()
        if draft.entities
        else (
            f"{article.source_path}: the extractor found no entity in it; "
            "the graph has its article and text only",
        )
    )
    return Extraction(draft.annotations(), dict(draft.confidence), warnings)


def _with_metadata(article: Article, mentions: list[Mention]) -> list[Mention]:
    """The mentions plus the publisher, the origin and the reporter the reader found, where the text
    names them. The reader's name wins over a person or place the model found inside it (鹭平高新 of
    鹭平高新发布, tagged a person): it read the name from a labelled field, the model guessed."""
    kept = list(mentions)
    for name, kind in ((article.publisher, "media"), (article.source, "media"), (article.reporter, "person")):
        if not name or (kind == "person" and not _PERSON_NAME.match(name)):
            continue  # a forum's user name (xia2021) is no one's name
        at = article.text.find(name)
        while at >= 0:
            end = at + len(name)
            overlapping = [m for m in kept if m.start < end and at < m.end]
            inside = all(at <= m.start and m.end <= end and m.source.startswith("lac:") for m in overlapping)
            if inside and not any((m.start, m.end) == (at, end) for m in overlapping):
                kept = [m for m in kept if m not in overlapping]
                kept.append(Mention(at, end, name, kind=kind, confidence=0.9, source="metadata"))
            at = article.text.find(name, at + 1)
    return kept
