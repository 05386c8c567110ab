"""Minting IRIs: one configurable base, stable across rebuilds, never built from article text.

Every IRI is the base plus fixed path segments plus *slugs* that curators chose (checked against
:data:`SLUG_RE`) or numbers (offsets) or hashes. Text from an article never reaches an IRI, so a name
with spaces, Chinese characters or ``<script>`` cannot produce an unsafe or unstable identifier.

>>> minter = IriMinter(base="https://example.org/pg/", article_id="a1")
>>> str(minter.entity("suqian-software-park"))
'https://example.org/pg/id/suqian-software-park'
>>> str(minter.evidence(10, 22))
'https://example.org/pg/evidence/a1/10-22'
>>> IriMinter(base="https://example.org/pg", article_id="a1")
Traceback (most recent call last):
...
ValueError: base IRI 'https://example.org/pg' must end with '/' or '#'
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from rdflib import URIRef

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARTICLE_ID_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
# Characters RFC 3987 forbids in an IRI (plus the ones that would break N-Triples / Turtle).
_UNSAFE_IN_BASE = re.compile(r'[\s<>"{}|\\^`\x00-\x1f\x7f]')


def is_slug(text: str) -> bool:
    """True if ``text`` is a valid curated identifier (lower-case ASCII words joined by '-')."""
    return bool(SLUG_RE.match(text))


def check_base(base: str) -> str:
    """Return ``base`` if it is an absolute http(s) IRI ending in '/' or '#', else raise ValueError."""
    parts = urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"base IRI {base!r} must be an absolute http(s) IRI")
    if _UNSAFE_IN_BASE.search(base):
        raise ValueError(f"base IRI {base!r} contains characters not allowed in an IRI")
    if not base.endswith(("/", "#")):
        raise ValueError(f"base IRI {base!r} must end with '/' or '#'")
    return base


class IriMinter:
    """Mints the IRIs of one article's graph under one base (see docs/model.md, "IRIs")."""

    def __init__(self, *, base: str, article_id: str) -> None:
        self.base = check_base(base)
        if not ARTICLE_ID_RE.match(article_id):
            raise ValueError(f"article id {article_id!r} must match {ARTICLE_ID_RE.pattern}")
        self.article_id = article_id

    def _slug(self, slug: str) -> str:
        if not is_slug(slug):
            raise ValueError(f"{slug!r} is not a slug (lower-case ASCII words joined by '-')")
        return slug

    def entity(self, slug: str) -> URIRef:
        """A real-world thing: one IRI however many articles mention it."""
        return URIRef(f"{self.base}id/{self._slug(slug)}")

    def scheme(self, scheme: str) -> URIRef:
        return URIRef(f"{self.base}concept/{self._slug(scheme)}")

    def concept(self, scheme: str, slug: str) -> URIRef:
        return URIRef(f"{self.scheme(scheme)}/{self._slug(slug)}")

    def article(self) -> URIRef:
        return URIRef(f"{self.base}article/{self.article_id}")

    def graph(self) -> URIRef:
        """The named graph holding this article's facts."""
        return URIRef(f"{self.base}graph/{self.article_id}")

    def fact(self, slug: str) -> URIRef:
        """An n-ary fact stated by this article (per article: another article states its own)."""
        return URIRef(f"{self.base}fact/{self.article_id}/{self._slug(slug)}")

    def statement(self, subject: str, predicate: str, obj: str) -> URIRef:
        """The reification node of a simple triple, named by a hash of the triple."""
        digest = hashlib.sha1(f"{subject} {predicate} {obj}".encode()).hexdigest()[:12]
        return URIRef(f"{self.base}fact/{self.article_id}/stmt-{digest}")

    def evidence(self, start: int, end: int) -> URIRef:
        """A span of the article text, named by its code-point offsets."""
        if not 0 <= start < end:
            raise ValueError(f"bad span {start}-{end}")
        return URIRef(f"{self.base}evidence/{self.article_id}/{start}-{end}")

    def extraction(self) -> URIRef:
        """The activity of the extractor that drafted this article's annotations (PROV-O)."""
        return URIRef(f"{self.base}activity/extraction/{self.article_id}")

    def annotation(self, body: str) -> URIRef:
        """The extractor's annotation of one record of this article (its confidence, its targets),
        named after the record's own IRI ``body``: ``{base}annotation/{article}/`` and the body's path
        under the base, less the article segment of a fact's (``id/…``, ``concept/…/…``, ``fact/…``).

        >>> m = IriMinter(base="https://example.org/pg/", article_id="a1")
        >>> str(m.annotation(str(m.entity("suqian"))))
        'https://example.org/pg/annotation/a1/id/suqian'
        >>> str(m.annotation(str(m.fact("stat-1"))))
        'https://example.org/pg/annotation/a1/fact/stat-1'
        """
        if not body.startswith(self.base):
            raise ValueError(f"{body!r} is not under the base {self.base!r}")
        path = body[len(self.base) :].split("/")
        if path[0] == "fact" and len(path) > 1 and path[1] == self.article_id:
            del path[1]
        if path[0] not in {"id", "concept", "fact"} or not all(is_slug(part) for part in path[1:]):
            raise ValueError(f"{body!r} is no entity, concept or fact of article {self.article_id!r}")
        return URIRef(f"{self.base}annotation/{self.article_id}/{'/'.join(path)}")

    def software(self, name: str, version: str) -> URIRef:
        """A program that made part of the graph, at one version (a prov:SoftwareAgent)."""
        if not is_slug(name) or not all(part.isdigit() for part in version.split(".")):
            raise ValueError(f"bad software name or version {name!r} {version!r}")
        return URIRef(f"{self.base}agent/{name}/{version}")

    @staticmethod
    def part(node: URIRef, *segments: str) -> URIRef:
        """A node that belongs to another one (a fact's value or time, a span's selector)."""
        return URIRef("/".join([str(node), *segments]))
