"""Entity resolution across articles: which node an article's entity is, given the articles before it.

Why a module of its own: resolution is the one step of a corpus build that needs every earlier article
(in id order), so it runs in the build's main process, serially; everything it needs to know about an
article is the short list of that article's shared nodes (:class:`parkgraph.articles.NodeRecord`), and
all it gives back is a mapping of IRIs to rewrite (:func:`rewrite`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..articles import NodeRecord

#: Classes whose instances a name does not identify, so they are never merged by name (curated identity,
#: the same slug, still makes them one node). An org:Post is a position in one organisation (W3C ORG):
#: "党工委书记" of two parks are two posts. Merging them by name gave one post 74 English names in a
#: 1k-article corpus, and queries joining posts with their names returned millions of rows.
NOT_RESOLVED_BY_NAME = frozenset({"http://www.w3.org/ns/org#Post"})


class Resolver:
    """Decides which node an article's entity is, given the articles before it (in id order).

    Curated identity first: an entity whose IRI (its annotation slug) an earlier article already used is
    that node. Otherwise an entity with the same normalised zh-Hans name and one of the same types as an
    entity met earlier is that earlier entity, and its IRI is rewritten to the earlier one. Two entities of
    one article are never merged with each other (the curator told them apart). Concepts keep their
    curated IRIs. Taking articles in id order makes the result independent of build order and of caching.

    >>> from parkgraph.articles import NodeRecord
    >>> r = Resolver(entity_prefix="https://x/id/")
    >>> r.resolve([NodeRecord("https://x/id/jd", ("https://x/Company",), "京东集团")])
    {}
    >>> r.resolve([NodeRecord("https://x/id/jd-group", ("https://x/Company",), "京东集团")])
    {'https://x/id/jd-group': 'https://x/id/jd'}
    """

    def __init__(self, *, entity_prefix: str) -> None:
        self.entity_prefix = entity_prefix
        self.seen: dict[str, int] = {}  # canonical node IRI → how many articles mention it
        self.by_key: dict[tuple[str, str], str] = {}

    def resolve(self, nodes: Iterable[NodeRecord]) -> dict[str, str]:
        """The article's IRIs that are an earlier article's node, mapped to that node's IRI."""
        nodes = list(nodes)
        own = {n.iri for n in nodes}
        mapping: dict[str, str] = {}
        for node in nodes:
            iri = node.iri
            by_name = iri.startswith(self.entity_prefix) and not NOT_RESOLVED_BY_NAME.intersection(node.types)
            if node.name and iri not in self.seen and by_name:
                matches = {
                    self.by_key[(t, node.name)] for t in node.types if (t, node.name) in self.by_key
                } - own
                if matches:
                    iri = mapping[node.iri] = min(matches)
            self.seen[iri] = self.seen.get(iri, 0) + 1
            if node.name and by_name:
                for t in node.types:
                    self.by_key.setdefault((t, node.name), iri)
        return mapping


def rewrite(data: bytes, mapping: dict[str, str]) -> bytes:
    r"""``data`` (N-Triples) with every IRI in ``mapping`` replaced, re-sorted and de-duplicated.

    One ``bytes.replace`` per mapped IRI: ``<old>`` with its brackets matches whole IRIs only, and no new
    IRI is an old one (:class:`Resolver` maps only to nodes of earlier articles), so the order does not
    matter. (A regex alternation compiled per article cost 2.4 s of a 1k-article build.)

    >>> rewrite(b'<a> <p> <b> .\n<c> <p> <b> .\n', {"c": "a"})
    b'<a> <p> <b> .\n'
    """
    if not mapping:
        return data
    for old, new in mapping.items():
        data = data.replace(f"<{old}>".encode(), f"<{new}>".encode())
    lines = set(data.splitlines())
    return b"".join(line + b"\n" for line in sorted(lines))
