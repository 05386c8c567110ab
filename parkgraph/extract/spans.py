"""What the extractor's components hand each other: spans of the article text and what they mean.

Offsets are Unicode code points of ``Article.text`` (the NFC text evidence offsets index), ``end``
exclusive, so every component's output can become evidence without searching the text again.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "Mention", "Span"]

#: What a named thing is, in the gold files' words; :mod:`parkgraph.extract.types` maps each to classes.
KINDS = (
    "person",
    "government",
    "party_committee",
    "company",
    "university",
    "research_institute",
    "incubator",
    "platform",
    "media",
    "park",
    "zone",
    "place",
    "industry",
    "programme",
    "policy",
    "project",
    "product",
    "work",
)


@dataclass(frozen=True, order=True)
class Span:
    """``text[start:end]`` of the article text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end or self.end - self.start != len(self.text):
            raise ValueError(f"bad span {self.start}-{self.end} for {self.text!r}")

    def check(self, article_text: str) -> None:
        """Raise ValueError unless the span stands in ``article_text`` where it says."""
        if article_text[self.start : self.end] != self.text:
            raise ValueError(f"span {self.start}-{self.end} is not {self.text!r} in the article text")


@dataclass(frozen=True, order=True)
class Mention(Span):
    """A span that names something of ``kind`` (one of :data:`KINDS`), with the recogniser's
    confidence (0–1) and the rule or model that found it (``source``, for the draft's comments)."""

    kind: str = "place"
    confidence: float = 1.0
    source: str = ""
