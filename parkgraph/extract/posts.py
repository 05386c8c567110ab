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
from pathlib import Path

import yaml

from .names import NAME_RULES, NameRules
from .resolve import Entity
from .spans import Span

__all__ = ["Post", "credit_posts", "find_posts"]

_KINDS_BY_HEAD = yaml.safe_load(
    (Path(__file__).with_name("data") / "kinds.yaml").read_text(encoding="utf-8")
)["by_head"]

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
    written: str = ""  # the post as the text writes it (管委会主任), where that is not the label


def find_posts(text: str, entities: list[Entity], rules: NameRules = NAME_RULES) -> list[Post]:
    ends = {}
    for entity in entities:
        for mention in entity.mentions:
            ends[mention.end] = (entity, mention)
    posts: list[Post] = []
    for person in (e for e in entities if e.kind == "person"):
        for mention in person.mentions:
            before = _posts_before(text, mention, person, entities, ends, rules)
            posts.extend(before or _post_after(text, mention, person, entities, rules))
    unique = {(id(p.person), p.title, id(p.organisation)): p for p in posts}
    return sorted(unique.values(), key=lambda p: (p.span.start, p.title))


#: What may stand between a person's name and the post written after it (某某，某某有限公司董事长).
_APPOSITION = "，,（( "
#: What ends a post written after a name (、 would go on to the next person's posts).
_POST_ENDS = "，,。；;）) \n"


def _post_after(text, mention, person, entities, rules):  # type: ignore[no-untyped-def]
    """某某，某某有限公司董事长 / 某某（某某局局长）: a post written after the name, in apposition, of
    the organisation named right there; never across a sentence, and never the posts of the next
    person in a list of people each written after their posts (某某，某公司党委委员、纪委书记某某)."""
    at = mention.end
    if at >= len(text) or text[at] not in _APPOSITION:
        return []
    at += 1
    for entity in entities:
        if entity.kind not in _ORGANISATIONS or (
            entity.kind == "platform" and not _is_association(entity, rules)
        ):
            continue
        for org in entity.mentions:
            if org.start != at:
                continue
            title = next((t for t in rules.posts if text.startswith(t, org.end)), None)
            end = org.end + len(title) if title else -1
            if (
                title is not None
                and (end == len(text) or text[end] in _POST_ENDS)
                and not _names_next(text, end, entities)
            ):
                return [Post(person, title, entity, Span(mention.start, end, text[mention.start : end]))]
    return []


def _names_next(text: str, at: int, entities: list[Entity]) -> bool:
    """Whether a person's name follows ``at`` after punctuation: the title before it is that person's."""
    while at < len(text) and text[at] in _POST_ENDS:
        at += 1
    return any(m.start == at for e in entities if e.kind == "person" for m in e.mentions)


def _posts_before(text, mention, person, entities, ends, rules):  # type: ignore[no-untyped-def]
    position = mention.start
    while position > 0 and text[position - 1] in " \u3000":
        position -= 1
    found: list[tuple[str, Entity | None, int]] = []
    limit = max(0, mention.start - _WINDOW)
    while position > limit:
        titles = _titles_ending_at(text, position, rules)
        if not titles:
            break
        for match in reversed(titles):  # 某开发区党委|委员, not 某开发区|党委委员: the nearest organisation
            title_start = position - len(match)
            org, org_start = _organisation_ending_at(text, title_start, entities, ends, rules)
            if org is None and text.endswith("的", 0, title_start):  # 某某有限公司的总经理某某
                org, org_start = _organisation_ending_at(text, title_start - 1, entities, ends, rules)
                org_start = org_start if org is not None else title_start
            if org is not None:
                break
        else:
            match = titles[0]
            title_start, org, org_start = position - len(match), None, position - len(match)
        found.append((match, org, org_start if org is not None else title_start))
        position = org_start if org is not None else title_start
        if position > 0 and text[position - 1] in "、，,":
            position -= 1
            continue
        break
    posts = []
    previous: Entity | None = None
    for title, org, start in reversed(found):  # left to right: an omitted organisation is the one before
        written = text[start : text.index(title, start) + len(title)] if org is not None else ""
        if title in rules.government_titles and (org is None or org.kind != "government"):
            named = ends.get(start)  # 某某市副市长: the place written before the title
            place = named[0] if named is not None and named[0].kind == "place" else None
            org = _government_of(title, previous, place, entities, rules)  # 区长: the district's government
            if org is None:
                continue
        if (
            org is None
            and previous is not None
            and title in rules.company_titles
            and previous.kind != "company"
        ):
            org = _owner(previous, entities)  # 某某有限公司党委书记、董事长: the company's chairman
            if org is None:
                continue
        org = org or previous
        if org is None:
            continue
        previous = org
        span = Span(start, mention.end, text[start : mention.end])
        posts.append(Post(person, title, org, span, written=written))
    return posts


_LEVELS = {"省": "province", "市": "city", "县": "county", "区": "district"}


def _government_of(
    title: str, previous: Entity | None, place: Entity | None, entities: list[Entity], rules: NameRules
) -> Entity | None:
    """The people's government a 市长 / 县长 / 区长 heads: of the place written before the title
    (某某市副市长), else of the place the post before it names (梓泉区委副书记、区长 → 梓泉区人民政府),
    else the article's one government of that level when it names no other place of that level;
    None when the text leaves it open (a wrong post is worse than a missing one)."""
    level = rules.government_titles[title]
    governments = [
        e
        for e in entities
        if e.kind == "government" and e.label.endswith("人民政府") and e.label[:-4].endswith(level)
    ]
    if place is not None:
        names = {place.label, *place.aliases}
        names |= {n + level for n in names if not n.endswith(level)}
        same = [e for e in governments if e.label[:-4] in names]
        return same[0] if same else None
    if previous is not None:
        owner = previous.label.removeprefix("中共")
        for head in ("委员会", "党工委", "党委", "委"):
            if owner.endswith(head):
                owner = owner[: -len(head)]
                break
        same = [e for e in governments if e.label[:-4] == owner]
        if same:
            return same[0]
        if owner.endswith(level) and rules.place_level(owner):
            return None  # 某某区委副书记、区长 with no 某某区人民政府 named: not another district's
    others = [e for e in entities if e.kind == "place" and rules.place_level(e.label) == _LEVELS.get(level)]
    if len(governments) == 1 and all(governments[0].label[:-4].startswith(e.label) for e in others):
        return governments[0]
    written = [e for e in entities if e.kind == "government" and e.label == level + "政府"]
    if not governments and len(written) == 1:
        # 副市长 beside 市政府 as the text writes it (no place named for it): the same city's
        return written[0]
    return None


def _owner(body: Entity, entities: list[Entity]) -> Entity | None:
    """The company a body is named after (某某有限公司 of 某某有限公司党委), if the article names it."""
    owners = [e for e in entities if e.kind == "company" and body.label.startswith(e.label) and e is not body]
    return max(owners, key=lambda e: len(e.label)) if owners else None


def _is_association(entity: Entity, rules: NameRules) -> bool:
    """Whether a platform is an association (某某协会, 某某联盟): an organisation, which a post can be in;
    a service platform is not (``data/kinds.yaml`` types the former org:FormalOrganization)."""
    head = rules.head_kind(entity.label)
    return head is not None and "org:FormalOrganization" in _KINDS_BY_HEAD.get(head[0], ())


def _titles_ending_at(text: str, end: int, rules: NameRules) -> list[str]:
    """Every title the text has ending at ``end``, longest first (党委委员, 委员)."""
    return [title for title in rules.posts if text.endswith(title, 0, end)]


def _organisation_ending_at(text, end, entities, ends, rules):  # type: ignore[no-untyped-def]
    if end in ends:
        entity, mention = ends[end]
        if entity.kind in _ORGANISATIONS and (entity.kind != "platform" or _is_association(entity, rules)):
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
    for word in _COMPANY_REFERENCES:
        if text.endswith(word, 0, end):
            company = _company_referred(word, end - len(word), entities)
            if company is not None:
                return company, end - len(word)
    return None, end


#: Words a text refers back to a company with, before a title (公司董事长, 该公司总经理).
_COMPANY_REFERENCES = ("该公司", "该集团", "该企业", "公司", "集团")


def _company_referred(word: str, at: int, entities: list[Entity]) -> Entity | None:
    """The company 该公司 (the last one named before) or 公司 (the article's one company) refers to."""
    companies = [e for e in entities if e.kind == "company"]
    if word.startswith("该"):
        before = [(m.end, e) for e in companies for m in e.mentions if m.end <= at]
        return max(before, key=lambda pair: pair[0])[1] if before else None
    return companies[0] if len(companies) == 1 else None


#: A credit line after the body: its label is the title the people named on it hold (编辑：许嘉禾).
_CREDIT = re.compile(
    r"^(?P<title>责任编辑|编辑|审核|审校|校对|记者|通讯员|摄影|作者)[：:]\s*(?P<names>[^\n]+)$", re.MULTILINE
)


#: A reporter's byline right before a name: 记者 opening a bracket, a line or a sentence, or after
#: 本报 / 本台 / 本网 (新华社记者 names its agency, which :func:`find_posts` reads).
_BYLINE = re.compile(
    r"(?:^|(?<=[\s（(【\[。；;，,])|(?<=本报|本台|本网))(?P<title>记者)[ \u3000：:]*$", re.MULTILINE
)


def credit_posts(text: str, entities: list[Entity], outlets: Sequence[str | None]) -> list[Post]:
    """The people a credit line names (编辑：许嘉禾 / 审核：龚子墨) hold its title in the outlet that
    published the article (the publisher first, else the origin), when the text names that outlet; a
    reporter named in a byline (（记者 某某）) is the origin's (the outlet the story is from)."""
    media = {e.label: e for e in entities if e.kind == "media"}
    outlet = next((media[name] for name in outlets if name and name in media), None)
    if outlet is None:
        return []
    people = [(m, e) for e in entities if e.kind == "person" for m in e.mentions]
    posts = []
    origin = next((media[name] for name in reversed(outlets) if name and name in media), outlet)
    for mention, person in people:  # (记者 某某), 本报记者某某: a reporter of the outlet the story is from
        byline = _BYLINE.search(text, max(0, mention.start - 8), mention.start)
        if byline is not None:
            span = Span(byline.start("title"), mention.end, text[byline.start("title") : mention.end])
            posts.append(Post(person=person, title="记者", organisation=origin, span=span))
    for line in _CREDIT.finditer(text):
        for mention, person in people:
            if line.start("names") <= mention.start and mention.end <= line.end("names"):
                span = Span(line.start(), mention.end, text[line.start() : mention.end])
                posts.append(Post(person=person, title=line.group("title"), organisation=outlet, span=span))
    return posts
