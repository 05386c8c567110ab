"""From mentions to entities: one entity per thing the article names, with its aliases.

Within one article, in this order:

1. the same text is the same entity; a division's stem and its full name (某某, 某某市) are one place;
2. an alias the article defines (``（以下简称“芯测微电子”）``) is the entity named just before it;
3. a name relative to the article's place (省工信厅, 市政府, 县委) is the body of that level the article
   names in full (沧澜省工业和信息化厅), or, when there is none, the body of the one place of that level
   the article names (its label is then composed with the place and its level word: 沧澜省 +
   工业和信息化厅, 中共某州市委); else it keeps the name the text gives it and is this article's alone
   (``relative``), since two articles' 省工信厅 may be two provinces' and a wrong merge is worse than a
   missing one; 某某市委 and 某某市政府 are written in full (中共某某市委, 某某市人民政府);
4. a company's short name (芯测微电子 for 沧澜芯测微电子科技有限公司: the full name less its place,
   legal form and trade words) is that company wherever the text uses it, unless it is a word of the
   glossary (新能源) or a place; a zone or park named with and without its places or owner is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .english import is_generic
from .gazetteer import GAZETTEER
from .names import NAME_RULES, NameRules
from .spans import Mention

__all__ = ["Entity", "resolve"]

#: Trade words a company's short name drops (芯测微电子科技有限公司 → 芯测微电子).
_TRADE = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团",
    "股份",
    "科技",
    "技术",
    "实业",
    "发展",
    "控股",
    "公司",
)
_LEVEL_CHARS = {"省": "province", "市": "city", "县": "county", "区": "district"}
#: Kinds whose names may be relative to the article's place (市湖滨新区, 省工信厅, 县委).
_RELATIVE_KINDS = frozenset({"government", "party_committee", "zone", "park"})
#: Names that start with a level character without being relative to a place (市场监督管理局).
_NOT_RELATIVE = (
    *("市场", "市监", "省域", "市域", "区域", "县域", "省级", "市级", "县级", "区级"),
    *("省内", "市内", "县内", "区内", "省外", "市外"),
)


@dataclass
class Entity:
    """One thing the article names: its kind, its label (the fullest name), every mention of it."""

    kind: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    relative: bool = False  # named only relative to the article's place: never merged across articles

    @property
    def first(self) -> Mention:
        return min(self.mentions)

    @property
    def confidence(self) -> float:
        return max(m.confidence for m in self.mentions)


def resolve(text: str, mentions: list[Mention], rules: NameRules = NAME_RULES) -> list[Entity]:
    """The article's entities, in order of first mention."""
    by_text: dict[str, Entity] = {}
    for mention in sorted(mentions):
        entity = by_text.get(mention.text)
        if entity is None:
            entity = by_text[mention.text] = Entity(mention.kind, mention.text)
        entity.mentions.append(mention)
    _place_stems_are_no_people(by_text)
    _same_places(by_text)
    _defined_aliases(text, by_text)
    _short_zone_names(by_text)
    _zone_named_short_inside(by_text)
    _full_party_and_government_names(by_text, rules)
    _relative_names(by_text, rules)
    _place_prefixed_zones(by_text, rules)
    _bare_heads(by_text, rules)
    _short_company_names(text, by_text, mentions)
    _short_park_names(by_text, rules)
    _projects_named_after_developers(text, by_text)
    _short_titles(text, by_text, rules)
    _every_occurrence(text, by_text)
    entities = {id(e): e for e in by_text.values()}.values()
    return sorted(entities, key=lambda e: e.first)


#: Kinds whose names, once found, are that thing wherever else they stand (people and places
#: are not: their names are short and stand inside other words and names).
_NAMED_EVERYWHERE = frozenset(
    {"company", "research_institute", "platform", "incubator", "university", "park", "zone", "project"}
)
_MIN_EVERYWHERE = 3


#: The shortest short title (订单班 of 锂电订单班, 标准厂房三期 of 某经开区标准厂房三期).
_MIN_SHORT_TITLE = 3


def _short_titles(text: str, by_text: dict[str, Entity], rules: NameRules) -> None:
    """Short forms the genre uses for a programme or project once named in full, when they stand
    alone elsewhere in the text: a project's name less the place or zone it opens with
    (某经开区标准厂房三期 → 标准厂房三期), a programme's name less its two-character qualifier
    (锂电订单班 → 订单班)."""
    entities = list({id(e): e for e in by_text.values()}.values())
    places = [n for e in entities if e.kind in {"place", "zone"} for n in (e.label, *e.aliases)]
    for entity in entities:
        shorts = []
        if entity.kind == "project":
            shorts = [entity.label[len(p) :] for p in places if entity.label.startswith(p)]
        elif entity.kind == "programme" and rules.head_kind(entity.label) is None:
            shorts = [entity.label[2:]]
        for short in shorts:
            if len(short) < _MIN_SHORT_TITLE or short in by_text or short in rules.not_names:
                continue
            if short in text.replace(entity.label, ""):
                entity.aliases.add(short)
                _add_occurrences(text, short, entity, by_text, source="short title")


def _every_occurrence(text: str, by_text: dict[str, Entity]) -> None:
    """A name found once names its thing wherever else it stands outside another name (药研社 in a
    list the list rule could not read): a mention of it there too."""
    entities = list({id(e): e for e in by_text.values()}.values())
    taken = sorted((m.start, m.end) for e in entities for m in e.mentions)
    covered = [False] * (len(text) + 1)
    for start, end in taken:
        for position in range(start, end):
            covered[position] = True
    for entity in entities:
        if entity.kind not in _NAMED_EVERYWHERE:
            continue
        for name in sorted({entity.label, *entity.aliases}, key=len, reverse=True):
            if len(name) < _MIN_EVERYWHERE:
                continue
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                if not any(covered[at:end]):
                    entity.mentions.append(
                        Mention(at, end, name, kind=entity.kind, confidence=0.6, source="again")
                    )
                    for position in range(at, end):
                        covered[position] = True
                at = text.find(name, end)


def _place_stems_are_no_people(by_text: dict[str, Entity]) -> None:
    """萧宁 in 进驻萧宁 is the place 萧宁市, not a person, when the article names something that begins
    with it (萧宁市, 萧宁经开区): the model tags bare place names as people."""
    others = [name for name, e in by_text.items() if e.kind != "person"]
    for name, entity in list(by_text.items()):
        if entity.kind == "person" and any(o != name and o.startswith(name) for o in others):
            del by_text[name]


def _defined_aliases(text: str, by_text: dict[str, Entity]) -> None:
    from .recognise import aliases

    mentions = sorted((m, e) for e in by_text.values() for m in e.mentions)
    for start, _end, alias in aliases(text):
        before = [(m, e) for m, e in mentions if m.end <= start and start - m.end <= 2]
        if not before:
            continue
        owner = before[-1][1]
        owner.aliases.add(alias)
        _add_occurrences(text, alias, owner, by_text, source="以下简称")


def _add_occurrences(
    text: str, alias: str, owner: Entity, by_text: dict[str, Entity], *, source: str
) -> None:
    """Every place ``alias`` stands in the text outside a longer mention, as a mention of ``owner``."""
    if alias in by_text and by_text[alias] is not owner:
        other = by_text.pop(alias)
        owner.mentions.extend(
            Mention(m.start, m.end, m.text, kind=owner.kind, confidence=m.confidence, source=m.source)
            for m in other.mentions
        )
    by_text[alias] = owner
    covered = [(m.start, m.end) for e in by_text.values() for m in e.mentions]
    at = text.find(alias)
    while at >= 0:
        end = at + len(alias)
        inside = any(s <= at and end <= e and (s, e) != (at, end) for s, e in covered)
        if not inside and not any(m.start == at and m.end == end for m in owner.mentions):
            owner.mentions.append(Mention(at, end, alias, kind=owner.kind, confidence=0.7, source=source))
        at = text.find(alias, at + 1)


def _relative_names(by_text: dict[str, Entity], rules: NameRules) -> None:
    """省工信厅 → the province's 工业和信息化厅, 市湖滨新区 → <city>湖滨新区: the full entity the article
    names, else the name composed with the one place of that level it names (the written form kept
    as an alias; the place's level word kept too: 市委 of 某州 is 中共某州市委, never 中共某州委); else
    the name as written, an entity of this article alone (``relative``: never merged across articles,
    since two articles' 省工信厅 may be two provinces')."""
    places: dict[str, list[str]] = {}
    for entity in {id(e): e for e in by_text.values()}.values():
        level = rules.place_level(entity.label) if entity.kind == "place" else None
        if level:
            places.setdefault(level, []).append(entity.label)
    for name, entity in list(by_text.items()):
        if (
            entity.kind not in _RELATIVE_KINDS
            or name[:1] not in _LEVEL_CHARS
            or by_text.get(name) is not entity
        ):
            continue
        if name.startswith(_NOT_RELATIVE) or len(name) < 2 or entity.label != name:
            continue
        level, head = _LEVEL_CHARS[name[0]], rules.expand(name[1:])
        full = {
            id(e): e
            for key, e in by_text.items()
            if e is not entity
            and e.kind == entity.kind
            and key.endswith(head)
            and len(key) > len(head) + 1
            and rules.place_level(key[: -len(head)].removeprefix("中共") or "-") == level
        }
        entity.relative = True
        home = _home_places(places.get(level, []), by_text)
        if len(full) == 1:
            body = next(iter(full.values()))
            if all(_named_after(body, place) for place in home):
                _merge(by_text, name, body)  # unless another place of that level is named: whose is 市委?
        elif not full and len(home) == 1:
            place = home[0]
            prefix = place if place.endswith(name[0]) else place + name[0]
            entity.label = f"中共{prefix}委" if head == "委" else prefix + head
            entity.aliases |= {name, prefix + name[1:]} - {entity.label}


def _home_places(places: list[str], by_text: dict[str, Entity]) -> list[str]:
    """Of several places of one level, the ones the article's zones and parks are named after (甲市
    of 甲经开区, beside 乙市 and 丙市 named as its partners): a 市委 written short is the zone's
    city's. All of them when that leaves none."""
    if len(places) < 2:
        return places
    zones = [e.label for e in by_text.values() if e.kind in {"zone", "park"}]
    stems = {p: GAZETTEER.stem(p) or p for p in places}
    named = [p for p in places if len(stems[p]) >= 2 and any(z.startswith(stems[p]) for z in zones)]
    return named or places


def _named_after(body: Entity, place: str) -> bool:
    """Whether ``body`` is named after ``place`` (中共某某市委, 某某市人民政府 after 某某市)."""
    return any(name.removeprefix("中共").startswith(place) for name in (body.label, *body.aliases))


def _same_places(by_text: dict[str, Entity]) -> None:
    """某某 and 某某市 (a division's stem and its full name) are one place, labelled by the longest
    form the text writes on its own (not only inside a body's name: 某某市委 says nothing of the
    place's own name)."""
    places = [e for e in {id(e): e for e in by_text.values()}.values() if e.kind == "place"]
    for short in places:
        longer = [
            p
            for p in places
            if p is not short
            and p.label.startswith(short.label)
            and len(short.label) >= 2
            and GAZETTEER.stem(p.label) == short.label
        ]
        if len(longer) != 1:
            continue
        place = longer[0]
        standalone = any(m.source != "place-in-name" for m in place.mentions)
        if by_text.get(short.label) is short:
            _merge(by_text, short.label, place)
        if not standalone:  # 某某市 only in 某某市委: the place is 某某
            place.aliases.discard(short.label)
            place.aliases.add(place.label)
            by_text[short.label] = place
            place.label = short.label


#: A zone's short head and the full heads it stands for (萧宁经开区 → 萧宁经济技术开发区).
_ZONE_SHORT = {
    "经开区": ("经济技术开发区", "经济开发区"),
    "高新区": ("高新技术产业开发区",),
    "开发区": ("经济技术开发区", "经济开发区", "高新技术产业开发区"),
}


#: A place's party committee and people's government as the genre writes them for short, and in full.
_PARTY_SHORT = ("省委", "市委", "县委", "区委", "州委")
_GOVERNMENT_SHORT = ("省政府", "市政府", "县政府", "区政府", "州政府", "镇政府")


def _full_party_and_government_names(by_text: dict[str, Entity], rules: NameRules) -> None:
    """某某市委 is 中共某某市委 and 某某市政府 is 某某市人民政府 (the written form an alias), so that the
    committee and the government are named alike however an article writes them."""
    for entity in list({id(e): e for e in by_text.values()}.values()):
        label = entity.label
        if entity.kind == "party_committee" and label.endswith(_PARTY_SHORT) and not label.startswith("中共"):
            place = label[:-1]  # 某某市 | 委
            if len(place) > 2 and place[-1] == place[-2]:
                place = place[:-1]  # 某某市市委, 某某省省委: the level written twice, one committee
            full = f"中共{place}委"
        elif entity.kind == "government" and label.endswith(_GOVERNMENT_SHORT):
            place = label[:-2]  # 某某市 | 政府
            if len(place) > 2 and place[-1] == place[-2]:
                place = place[:-1]  # 某某市市政府
            full = place + "人民政府"
        else:
            continue
        if len(place) < 3 or not rules.place_level(place):
            continue
        entity.aliases.add(label)
        entity.label = full
        other = by_text.get(full)
        if other is not None and other is not entity:
            _merge(by_text, full, entity)
        by_text[full] = entity


def _place_prefixed_zones(by_text: dict[str, Entity], rules: NameRules) -> None:
    """某县某某工业园区, 某某某某工业园区 (the county's stem) and 某某工业园区 are one park (or zone): the
    genre drops the county or city before a zone's own name once it is known, or writes it short.
    Names whose own part (less the places before it) is the same are merged into the longest, unless
    they are named after different places (某市工业园区 and 某县工业园区 are two)."""
    zones = [e for e in {id(e): e for e in by_text.values()}.values() if e.kind in {"zone", "park"}]
    groups: dict[tuple[str, str], list[tuple[frozenset[str], Entity]]] = {}
    for zone in zones:
        place, core = _less_places(zone.label, rules)
        head = rules.head_kind(core)
        if head is None or len(core) < 3 or len(core) == len(head[0]):
            continue  # 汽开区 of 某某汽开区 is a name; 高新区 of 某某高新区 is only its kind
        groups.setdefault((zone.kind, core), []).append((_place_stems(place, rules), zone))
    _owner_prefixed(zones, by_text)
    for members in groups.values():
        widest = max((places for places, _ in members), key=len)
        if len(members) < 2 or not all(places <= widest for places, _ in members):
            continue
        into = max((z for _, z in members), key=lambda z: (len(z.label), z.label))
        for _, zone in members:
            if zone is not into and by_text.get(zone.label) is zone:
                _merge(by_text, zone.label, into)


#: The shortest zone or park name that is its own even with a word before it (its owner: 某师某某园区).
_DISTINCT_ZONE = 8


def _owner_prefixed(zones: list[Entity], by_text: dict[str, Entity]) -> None:
    """某某某某某某工业园区 and <owner>某某某某某某工业园区 (a long name with the body it belongs to
    written before it) are one park: the longer is the shorter, named with its owner."""
    for short in zones:
        if len(short.label) < _DISTINCT_ZONE or by_text.get(short.label) is not short:
            continue
        longer = [
            z for z in zones if z is not short and z.kind == short.kind and z.label.endswith(short.label)
        ]
        if len(longer) == 1 and by_text.get(longer[0].label) is longer[0]:
            _merge(by_text, short.label, longer[0])


def _place_stems(places: str, rules: NameRules) -> frozenset[str]:
    """The places a run of place names names, by their stems: 某省某市 → {某, 某}, 某县 → {某}."""
    stems = set()
    while places:
        for cut in range(len(places), 1, -1):
            if places[:cut] in GAZETTEER:
                stems.add(GAZETTEER.stem(GAZETTEER.full(places[:cut]) or places[:cut]))
                places = places[cut:]
                break
        else:
            level = next((w for w in sorted(rules.levels, key=len, reverse=True) if places.endswith(w)), "")
            stems.add(places[: len(places) - len(level)] or places)
            break
    return frozenset(stems)


def _less_places(name: str, rules: NameRules) -> tuple[str, str]:
    """(the places a name opens with, the rest): 某省某县某某园区 → (某省某县, 某某园区)."""
    place = ""
    while True:
        for cut in range(min(len(name) - 3, 7), 1, -1):
            head = rules.head_kind(name[cut:])
            if rules.place_level(name[:cut]) and head is not None and len(name) - cut > len(head[0]):
                place, name = place + name[:cut], name[cut:]
                break
        else:
            return place, name


def _short_zone_names(by_text: dict[str, Entity]) -> None:
    """梓泉经开区 is 梓泉经济开发区 when the article names it in full."""
    for name, entity in list(by_text.items()):
        if entity.kind != "zone":
            continue
        for short, fulls in _ZONE_SHORT.items():
            if name.endswith(short) and len(name) > len(short):
                stem = name[: -len(short)]
                full = {
                    id(e): e
                    for key, e in by_text.items()
                    if e is not entity and e.kind == "zone" and key in {stem + f for f in fulls}
                }
                if len(full) == 1:
                    _merge(by_text, name, next(iter(full.values())))


#: A zone's full head and the short one the genre writes for it inside longer names.
_ZONE_WRITTEN_SHORT = (
    ("高新技术产业开发区", "高新区"),
    ("经济技术开发区", "经开区"),
    ("经济开发区", "经开区"),
)


def _zone_named_short_inside(by_text: dict[str, Entity]) -> None:
    """某某高新区创业孵化基地 is 某某高新技术产业开发区创业孵化基地: two names of one kind that differ
    only in how they write the zone they open with are one thing, labelled by the longer."""
    groups: dict[tuple[str, str], list[Entity]] = {}
    for entity in {id(e): e for e in by_text.values()}.values():
        key = entity.label
        for full, short in _ZONE_WRITTEN_SHORT:
            key = key.replace(full, short)
        if key != entity.label or any(short in key for _, short in _ZONE_WRITTEN_SHORT):
            groups.setdefault((entity.kind, key), []).append(entity)
    for members in groups.values():
        if len(members) < 2:
            continue
        into = max(members, key=lambda e: (len(e.label), e.label))
        for member in members:
            if member is not into and by_text.get(member.label) is member:
                _merge(by_text, member.label, into)


#: A place's CPC committee in full (中共某某市委), the committee its departments (政法委) belong to.
_CPC_OF_PLACE = re.compile(r"^中共.{2,8}[省市县区州]委$")


def _bare_heads(by_text: dict[str, Entity], rules: NameRules) -> None:
    """管委会 / 党工委 standing alone: the article's one body of that head, or the body of its one zone
    (梓泉经济开发区 + 管理委员会); a party committee's department (政法委, 组织部) standing alone, the
    department of the article's one CPC committee of a place; dropped when the article names several."""
    zones = {id(e): e for e in by_text.values() if e.kind == "zone" and not _is_bare(e, rules)}
    for name, entity in list(by_text.items()):
        if not _is_bare(entity, rules) or name[:1] in _LEVEL_CHARS or by_text.get(name) is not entity:
            continue
        head = rules.expand(name)
        full = {
            id(e): e
            for key, e in by_text.items()
            if e is not entity
            and e.kind == entity.kind
            and not _is_bare(e, rules)
            and rules.expand(key).endswith(head)
        }
        committees = {
            id(e): e
            for e in by_text.values()
            if e.kind == "party_committee"
            and (
                (_CPC_OF_PLACE.match(e.label) and rules.place_level(e.label[2:-1]))
                or e.label in _PARTY_SHORT  # 市委 as written: its 政法委 is 市委政法委, as written too
            )
        }
        if len(full) == 1:
            _merge(by_text, name, next(iter(full.values())))
        elif name in rules.party_departments:
            if full or len(committees) != 1:
                del by_text[name]
                continue
            committee = next(iter(committees.values()))  # 政法委 of 中共某某市委: 某某市委政法委
            entity.label = committee.label.removeprefix("中共") + name
            entity.aliases.add(name)
            entity.relative = committee.relative
        elif not full and len(zones) == 1:
            zone = next(iter(zones.values()))
            entity.label = zone.label + name
            entity.aliases |= {name, zone.label + head} - {entity.label}
            entity.aliases |= {alias + name for alias in zone.aliases}  # 汽开区管委会 of 某某汽开区 (汽开区)
        else:
            del by_text[name]


def _is_bare(entity: Entity, rules: NameRules) -> bool:
    return entity.label in rules.bare_heads


def _merge(by_text: dict[str, Entity], name: str, into: Entity) -> None:
    other = by_text[name]
    if other is into:
        return
    into.mentions.extend(other.mentions)
    into.aliases.add(name)
    into.aliases |= other.aliases
    into.aliases.discard(into.label)
    for key, entity in list(by_text.items()):
        if entity is other:
            by_text[key] = into


def _short_company_names(text: str, by_text: dict[str, Entity], mentions: list[Mention]) -> None:
    """A company's short forms (:func:`_short_forms`) name it wherever they stand, unless they are
    words of the glossary (an industry: 新能源, 智能科技) or a place's name."""
    places = [e.label for e in by_text.values() if e.kind == "place"]
    stems = {p[:-1] for p in places if len(p) > 2} | set(places)
    for entity in list({id(e): e for e in by_text.values()}.values()):
        if entity.kind != "company":
            continue
        for short in _short_forms(entity.label, stems):
            if is_generic(short) or short in GAZETTEER:
                continue  # 某某新能源有限公司 is not every 新能源 of the text, nor 某某 the place
            if short in by_text and by_text[short] is not entity:
                if by_text[short].kind in {"company", "platform", "incubator", "research_institute"}:
                    _merge(by_text, short, entity)
                continue
            if short in text.replace(entity.label, ""):
                entity.aliases.add(short)
                _add_occurrences(text, short, entity, by_text, source="short name")


def _short_park_names(by_text: dict[str, Entity], rules: NameRules) -> None:
    """宿迁市软件园 is 宿迁市软件与服务外包产业园: two parks of one place whose shorter name is the
    longer one's opening words (after the place) and a park head, when no other park fits."""
    parks = [e for e in {id(e): e for e in by_text.values()}.values() if e.kind == "park"]
    for short in parks:
        head = rules.head_kind(short.label)
        if head is None:
            continue
        core = short.label[: -len(head[0])]
        if len(core) < 3:
            continue
        longer = [
            p
            for p in parks
            if p is not short
            and len(p.label) > len(short.label) + 1
            and p.label.startswith(core)
            and rules.head_kind(p.label) is not None
            and rules.head_kind(p.label)[1] == "park"
        ]
        if len(longer) == 1:
            _merge(by_text, short.label, longer[0])


#: The shortest part of a developer's name that may stand before its project's name (竹韵新材).
_SHORT_DEVELOPER = 2


def _projects_named_after_developers(text: str, by_text: dict[str, Entity]) -> None:
    """A project first named right after its developer (某某新材料科技有限公司竹缠绕复合管道项目) is
    named later with a short form of the developer before it (竹韵新材竹缠绕复合管道项目), or by a
    short form and a word of its name (绿畴食品预制菜项目); and a project named once without 项目 is
    the X项目 named after it (200兆瓦农光互补光伏电站 → 农光互补光伏电站项目). Each becomes one entity,
    labelled by its longest name."""
    unique = {id(e): e for e in by_text.values()}.values()
    projects = [e for e in unique if e.kind == "project"]
    company_at = {m.end: e for e in unique if e.kind == "company" for m in e.mentions}
    company_in = {m.start: (e, m) for e in unique if e.kind == "company" for m in e.mentions}
    covered = [(m.start, m.end) for e in unique for m in e.mentions]
    for project in projects:
        first = project.first
        developer, name = company_at.get(first.start), project.label
        nested = company_in.get(first.start)
        if developer is None and nested is not None and nested[1].end < first.end:
            developer = nested[0]  # 某某有限公司二期混改项目: the developer written inside the name
            name = _DEVELOPER_GAP.sub("", text[nested[1].end : first.end])
            if len(name) > 2:
                project.aliases.add(name)  # 二期混改项目: its name without its developer's
        if developer is not None:
            own = {(m.start, m.end) for m in developer.mentions}
            others = [span for span in covered if span not in own]
            _developer_prefixed(text, project, name, developer.label, others, by_text)
            _short_developer_named(text, project, developer.label, others, by_text)
            inside = [(m.start, m.end) for m in project.mentions]
            developer.mentions = [
                m
                for m in developer.mentions
                if not any(s <= m.start and m.end <= e for s, e in inside) or m.source.startswith(_WRITTEN)
            ]  # a short form inside the project's name is the project's; the name written in full stays
        for other in projects:
            if other is project or by_text.get(other.label) is not other:
                continue
            core = other.label.removesuffix("项目")
            if (developer is not None and _short_and_word(core, developer.label, project.label)) or (
                other.label.endswith("项目")
                and len(core) >= 4
                and project.label.endswith(core)
                and project.label != core
            ):
                _merge(by_text, other.label, project)
    for project in projects:
        longest = max((m.text for m in project.mentions), key=len)
        if by_text.get(project.label) is project and len(longest) > len(project.label):
            project.aliases.add(project.label)
            project.label = longest
            by_text[longest] = project


#: A bracketed place between a developer's name and its project's (某某集团（某市）…项目).
_DEVELOPER_GAP = re.compile(r"^[（(][^（()）]{1,8}[)）]")
#: Sources of a company's own written name (not a short form the resolver found).
_WRITTEN = ("head:", "lac:")


def _developer_prefixed(
    text: str,
    project: Entity,
    name: str,
    developer: str,
    covered: list[tuple[int, int]],
    by_text: dict[str, Entity],
) -> None:
    """Every ``<short form of developer><name>`` in the text (``name`` the project's own name, without
    its developer's): a mention of ``project``."""
    at = text.find(name)
    while at >= 0:
        width = 0
        while at - width - 1 >= 0 and text[at - width - 1 : at] in developer:
            width += 1
        start, end = at - width, at + len(name)
        free = not any(s < end and start < e and (s, e) != (at, end) for s, e in covered)
        if width >= _SHORT_DEVELOPER and text[start:at] != developer and free:
            written = text[start:end]
            project.mentions = [m for m in project.mentions if (m.start, m.end) != (at, end)]
            project.mentions.append(
                Mention(start, end, written, kind="project", confidence=0.7, source="developer")
            )
            by_text.setdefault(written, project)
        at = text.find(name, at + 1)


#: The longest name (less 项目) a short developer name and a word of the project's name make.
_SHORT_PROJECT = 12
_OPENERS = "，,；;。：:、\n"


def _short_developer_named(
    text: str, project: Entity, developer: str, covered: list[tuple[int, int]], by_text: dict[str, Entity]
) -> None:
    """``；绿畴食品预制菜项目总投资…``: a clause opening with a short form of the developer and a word
    of the project's name, then 项目, is a mention of ``project``."""
    at = text.find("项目")
    while at >= 0:
        for width in range(min(_SHORT_PROJECT, at), 3, -1):
            start = at - width
            if text[start - 1 : start] not in _OPENERS or any(s < at + 2 and start < e for s, e in covered):
                continue
            taken = any(m.start < at + 2 and start < m.end for m in project.mentions)
            if not taken and _short_and_word(text[start:at], developer, project.label):
                name = text[start : at + 2]
                project.mentions.append(
                    Mention(start, at + 2, name, kind="project", confidence=0.6, source="developer")
                )
                project.aliases.add(name)
                by_text.setdefault(name, project)
                break
        at = text.find("项目", at + 2)


def _short_and_word(core: str, developer: str, label: str) -> bool:
    """``core`` (a project's name less 项目) is a short form of ``developer`` and a word of ``label``."""
    for cut in range(_SHORT_DEVELOPER, len(core) - 1):
        short, word = core[:cut], core[cut:]
        if short in developer and len(word) >= 2 and word in label:
            return True
    return False


def _short_forms(name: str, place_stems: set[str]) -> list[str]:
    """Short names a company goes by: the name less its legal form, bracketed place, trade words and
    leading place (沧澜芯测微电子科技有限公司 → 芯测微电子科技, 芯测微电子)."""
    core = name
    for _ in range(3):
        for word in _TRADE:
            if core.endswith(word) and len(core) > len(word) + 1:
                core = core[: -len(word)]
        if core.endswith(("）", ")")) and ("（" in core or "(" in core):
            core = core[: max(core.rfind("（"), core.rfind("("))]
    forms = [core]
    for stem in sorted(place_stems, key=len, reverse=True):
        if core.startswith(stem) and len(core) - len(stem) >= 2:
            forms.append(core[len(stem) :])
            break
    else:
        if len(core) >= 5:
            forms.append(core[2:])
    return [f for f in dict.fromkeys(forms) if len(f) >= 2 and f != name]
