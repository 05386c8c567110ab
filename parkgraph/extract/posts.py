"""People's posts: ``市湖滨新区党工委副书记、管委会主任陈磊`` is two posts held by one person.

The genre writes a post as organisation + title right before the person's name (a space between is
allowed: ``公司总经理 邓启航``), several posts joined by 、, and an organisation left out when it is the
one before (``党工委书记、主任``) or said for short (``管委会主任`` after the zone was named). Credit lines
(``编辑：许嘉禾``) are posts in the publisher. Titles are data (``posts`` in ``data/names.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .names import NAME_RULES, NameRules
from .resolve import Entity
from .spans import Span

__all__ = ["Post", "credit_posts", "find_posts"]

#: How far before a name its posts may start (code points).
_WINDOW = 60
#: Kinds of entity a post can be in (W3C ORG: an org:Organization; a zone is a place).
_ORGANISATIONS = frozenset(
    {
        "government",
        "party_committee",
        "company",
        "university",
        "research_institute",
        "incubator",
        "platform",
        "media",
    }
)
#: Bare heads that stand for the article's one body of that head (管委会 → the zone's committee).
_BARE_HEADS = ("管委会", "管理委员会", "党工委", "党委", "人民政府", "政府", "市委", "县委", "区委", "省委")


@dataclass(frozen=True, eq=False)
class Post:
    """``person`` holds ``title`` in ``organisation``; ``span`` is the text that says so."""

    person: Entity
    title: str
    organisation: Entity
    span: Span


def find_posts(text: str, entities: list[Entity], rules: NameRules = NAME_RULES) -> list[Post]:
    ends = {}
    for entity in entities:
        for mention in entity.mentions:
            ends[mention.end] = (entity, mention)
    posts: list[Post] = []
    for person in (e for e in entities if e.kind == "person"):
        for mention in person.mentions:
            posts.extend(_posts_before(text, mention, person, entities, ends, rules))
    unique = {(id(p.person), p.title, id(p.organisation)): p for p in posts}
    return sorted(unique.values(), key=lambda p: (p.span.start, p.title))


def _posts_before(text, mention, person, entities, ends, rules):  # type: ignore[no-untyped-def]
    position = mention.start
    while position > 0 and text[position - 1] in " \u3000":
        position -= 1
    found: list[tuple[str, Entity | None, int]] = []
    limit = max(0, mention.start - _WINDOW)
    while position > limit:
        match = _title_ending_at(text, position, rules)
        if match is None:
            break
        title_start = position - len(match)
        org, org_start = _organisation_ending_at(text, title_start, entities, ends, rules)
        found.append((match, org, org_start if org is not None else title_start))
        position = org_start if org is not None else title_start
        if position > 0 and text[position - 1] in "、，,":
            position -= 1
            continue
        break
    posts = []
    previous: Entity | None = None
    for title, org, start in reversed(found):  # left to right: an omitted organisation is the one before
        if title in rules.government_titles and (org is None or org.kind != "government"):
            org = _government_of(title, previous, entities, rules)  # 区长: the district's government
            if org is None:
                continue
        org = org or previous
        if org is None:
            continue
        previous = org
        posts.append(Post(person, title, org, Span(start, mention.end, text[start : mention.end])))
    return posts


def _government_of(
    title: str, previous: Entity | None, entities: list[Entity], rules: NameRules
) -> Entity | None:
    """The people's government a 市长 / 县长 / 区长 heads: of the place the post before it names (梓泉区委
    副书记、区长 → 梓泉区人民政府), else the article's one government of that level."""
    level = rules.government_titles[title]
    governments = [
        e
        for e in entities
        if e.kind == "government" and e.label.endswith("人民政府") and e.label[:-4].endswith(level)
    ]
    if previous is not None:
        place = previous.label.removeprefix("中共")
        for head in ("委员会", "党工委", "党委", "委"):
            if place.endswith(head):
                place = place[: -len(head)]
                break
        same = [e for e in governments if e.label[:-4] == place]
        if same:
            return same[0]
    return governments[0] if len(governments) == 1 else None


def _title_ending_at(text: str, end: int, rules: NameRules) -> str | None:
    for title in rules.posts:
        if text.endswith(title, 0, end):
            return title
    return None


def _organisation_ending_at(text, end, entities, ends, rules):  # type: ignore[no-untyped-def]
    if end in ends:
        entity, mention = ends[end]
        if entity.kind in _ORGANISATIONS:
            return entity, mention.start
    for head in _BARE_HEADS:
        if text.endswith(head, 0, end):
            candidates = [
                e
                for e in entities
                if e.kind in {"government", "party_committee"}
                and rules.expand(e.label).endswith(rules.expand(head))
            ]
            if len(candidates) == 1:
                return candidates[0], end - len(head)
    return None, end


#: A credit line after the body: its label is the title the people named on it hold (编辑：许嘉禾).
_CREDIT = re.compile(
    r"^(?P<title>责任编辑|编辑|审核|审校|校对|记者|通讯员|摄影|作者)[：:]\s*(?P<names>[^\n]+)$", re.MULTILINE
)


def credit_posts(text: str, entities: list[Entity], outlets: Sequence[str | None]) -> list[Post]:
    """The people a credit line names (编辑：许嘉禾 / 审核：龚子墨) hold its title in the outlet that
    published the article (the publisher first, else the origin), when the text names that outlet."""
    media = {e.label: e for e in entities if e.kind == "media"}
    outlet = next((media[name] for name in outlets if name and name in media), None)
    if outlet is None:
        return []
    people = [(m, e) for e in entities if e.kind == "person" for m in e.mentions]
    posts = []
    for line in _CREDIT.finditer(text):
        for mention, person in people:
            if line.start("names") <= mention.start and mention.end <= line.end("names"):
                span = Span(line.start(), mention.end, text[line.start() : mention.end])
                posts.append(Post(person=person, title=line.group("title"), organisation=outlet, span=span))
    return posts
