"""Relations between the entities: what the genre's verbs, tables, names and datelines state.

Relations come from the verbs of the genre (位于, 集聚 / 引进 / 入驻 / 落户, 出台 / 印发 / 发布, 与…签署 /
合作 / 共建, 投资 / 建设) between the entities of one sentence, and from names (a park named after its
zone is in that zone). All the verbs are data (``data/relations.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import product

from ..reader import Article
from .assemble import Draft
from .clauses import (
    CLAUSE_MARKS,
    RULES,
    TOPIC_OPENERS,
    main_subject,
    outermost,
    relate,
    sentences,
    start_of_clause,
)
from .events import designate, designation
from .industries import add_industries
from .names import NAME_RULES
from .resolve import Entity as Found
from .spans import Mention, Span
from .tables import find_tables

__all__ = ["add_relations"]


def add_relations(draft: Draft, article: Article, entities: list[Found]) -> None:
    """Relations the sentences' verbs and the names state, and the industries listed."""
    text = article.text
    mentions = sorted((m, e) for e in entities for m in e.mentions)
    main = main_subject(entities, article.title)
    for sentence in sentences(text):
        inside = [(m, e) for m, e in mentions if sentence.start <= m.start and m.end <= sentence.end]
        _relations(draft, sentence, inside, main)
    _table_relations(draft, text, entities)
    _adjacent_developers(draft, text, mentions)
    _bylines(draft, article, mentions)
    _issued_titles(draft, entities)
    _adjacent_issuers(draft, text, mentions)
    _adjacent_containment(draft, text, mentions)
    _counted_places(draft, text, mentions)
    _named_containment(draft, entities)
    _named_sub_organisations(draft, entities)
    _named_jurisdictions(draft, entities)
    _adjacent_administrations(draft, text, mentions)
    _named_developers(draft, entities)
    add_industries(draft, article, entities, main)


#: How sure a relation read from names (某经开区管委会 runs 某经开区; 沧澜省榆川市) is: more than one read
#: from a clause's verb (Draft.relate's default).
_NAMED = 0.7

#: Prepositions after which a name says where, not who (在某经开区投资…).
_LOCATIVES = frozenset("在于")


def _bracketed(text: str, start: int, position: int) -> bool:
    """Whether ``position`` is inside a bracket opened after ``start`` (an aside, an alias)."""
    before = text[start:position]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _relations(draft: Draft, sentence: Span, inside: list[tuple[Mention, Found]], main: Found | None) -> None:
    text = draft.text
    outer = outermost(inside)  # an object is a whole name (与某高新区管委会签署: not 某高新区)
    for rule in RULES["verbs"]:
        if "requires" in rule and not re.search(rule["requires"], sentence.text):
            continue
        for match in re.finditer(rule["pattern"], sentence.text):
            at = sentence.start + match.start()
            end = sentence.start + match.end()
            if any(m.start <= at < m.end or m.start < end <= m.end for m, _ in outer):
                continue  # a verb inside a name (某绿色产业集聚区: no 集聚) says nothing
            subjects = [
                (m, e)
                for m, e in inside
                if m.end <= at
                and e.kind in rule["subject"]
                and text[m.start - 1 : m.start] not in _LOCATIVES
                and not _bracketed(text, sentence.start, m.start)
                and not _named_within(m, inside)
            ]  # 公司将在某经开区（以下简称“某经开区”）投资…: where, and an aside, are not who
            objects = [
                (m, e)
                for m, e in outer
                if m.start >= end and e.kind in rule["object"] and not _counts_others(text, m, e)
            ]
            if rule.get("clause"):  # the objects of the verb's own clause only
                clause_end = min(
                    (e for e in (text.find(c, end, sentence.end) for c in CLAUSE_MARKS) if e >= 0),
                    default=sentence.end,
                )
                objects = [(m, e) for m, e in objects if m.end <= clause_end]
            if rule.get("list_after"):  # 园区内的A、B等: the names listed right after the words
                objects = _listed(text, end, objects)
            if rule.get("then") and objects and not re.match(rule["then"], text[objects[-1][0].end :]):
                objects = []  # 在某园区建设: the words after the names must be the rule's
            if rule.get("subject_clause"):  # 园区由A、B组成: the clause's topic, or the last clause's end
                subjects = _clause_subjects(text, sentence, at, subjects)
            if rule.get("until"):  # 甲联合乙共建丙: the objects before the next verb
                stop = re.compile(rule["until"]).search(text, end, sentence.end)
                objects = [(m, e) for m, e in objects if stop is None or m.end <= stop.start()]
            if rule.get("passive"):  # 某项目由某公司投资建设: who after 由, what opens the clause
                subjects, objects = _passive(text, sentence, at, inside, rule)
            elif rule.get("object_before"):
                objects = [(m, e) for m, e in inside if m.end <= at and e.kind in rule["object"]]
                subjects = [
                    (m, e)
                    for m, e in inside
                    if m.end <= at and e.kind in rule["subject"] and (m, e) not in objects
                ] or []
            if (
                not subjects
                and not rule.get("passive")
                and main is not None
                and main.kind in rule["subject"]
                and (
                    re.search(f"(?:{RULES['main_references']})$", text[max(sentence.start, at - 4) : at])
                    or _topic_is_main(text, sentence, at, inside)
                )
            ):
                subjects = [(Mention(at - 1, at, text[at - 1], kind=main.kind), main)]  # 园区引进…
            if not objects and rule.get("object_main") and main is not None and main.kind in rule["object"]:
                objects = [(Mention(at, end, text[at:end], kind=main.kind), main)]  # …等企业相继落户
            if not subjects or not objects:
                continue
            chosen = subjects if rule.get("all_subjects") else [subjects[-1]]
            for (subject_mention, subject), (mention, obj) in product(chosen, objects):
                if subject is obj:
                    continue
                start, stop = min(subject_mention.start, mention.start), max(subject_mention.end, mention.end)
                span = Span(start, stop, text[start:stop])
                if rule.get("inverse"):
                    relate(draft, obj, rule["predicate"], subject, span)
                else:
                    relate(draft, subject, rule["predicate"], obj, span)


#: The bodies whose name holds their zone's (某高新区管委会): the zone inside stands for them.
_RUNNING_KINDS = frozenset({"government", "party_committee"})


def _named_within(mention: Mention, inside: list[tuple[Mention, Found]]) -> bool:
    """Whether a name is only part of a longer one, of another thing (某高新区 of 某高新区创业孵化基地):
    no subject of its own. The zone of its committee (某高新区管委会引进…) still is."""
    return any(
        o.start <= mention.start
        and mention.end <= o.end
        and (o.start, o.end) != (mention.start, mention.end)
        and e.kind not in _RUNNING_KINDS
        for o, e in inside
    )


#: 甲等7家技术转移中心: what a counted list after a name says the listed things are (its last word), by kind.
_LIST_NOUNS: dict[str, tuple[str, ...]] = {kind: tuple(words) for kind, words in RULES["list_nouns"].items()}
_COUNTED_AFTER = re.compile(
    r"等(?:\d+|[一二三四五六七八九十百两]+)?(?:家|个|所|座|项|批)?[\u4e00-\u9fff]{0,10}?"
    r"(?P<noun>[\u4e00-\u9fff]{1,4})(?=[，。；、,;：:]|$)"
)


def _counts_others(text: str, mention: Mention, entity: Found) -> bool:
    """Whether a name opens a counted list of things of another kind (引入某大学等7家技术转移中心: the
    centres are brought in, not the university): then it names whose they are, and is no object."""
    match = _COUNTED_AFTER.match(text, mention.end)
    if match is None:
        return False
    noun = text[mention.end : match.end()]
    kinds = {kind for kind, words in _LIST_NOUNS.items() if noun.endswith(words)}
    return bool(kinds) and entity.kind not in kinds


#: How long a clause that only frames a sentence (近年来, 3月25日下午, 与此同时) may be.
_FRAME = 8


def _clause_subjects(
    text: str, sentence: Span, at: int, subjects: list[tuple[Mention, Found]]
) -> list[tuple[Mention, Found]]:
    """The subjects of the verb's own clause; if none, the one that closes the clause before it (某项目，
    正在某园区建设中: the topic goes on)."""
    clause_start = start_of_clause(text, sentence, at)
    own = [(m, e) for m, e in subjects if m.start >= clause_start]
    if own or clause_start <= sentence.start:
        return own
    closing = [(m, e) for m, e in subjects if m.end == clause_start - 1]
    if closing or text[clause_start + TOPIC_OPENERS.match(text[clause_start:at]).end() : at].strip():
        return closing
    # the verb opens its clause (某市位于…，下辖…): the topic the sentence opened with goes on, after
    # the short framing clauses before it (近年来，某基地…)
    start = sentence.start
    while start < clause_start:
        opener = start + TOPIC_OPENERS.match(text[start:at]).end()
        topic = [(m, e) for m, e in subjects if m.start == opener]
        end = min((e for e in (text.find(c, start, at) for c in CLAUSE_MARKS) if e >= 0), default=at)
        if topic or end - start > _FRAME or any(start <= m.start < end for m, _ in subjects):
            return topic
        start = end + 1
    return []


def _listed(text: str, start: int, candidates: list[tuple[Mention, Found]]) -> list[tuple[Mention, Found]]:
    """The names of ``candidates`` listed from ``start`` on: the first there, then each joined to the
    last by 、 / 和 / 及 / 与 (A、B和C)."""
    by_start = {m.start: (m, e) for m, e in candidates}
    listed, at = [], start
    while at in by_start:
        mention, entity = by_start[at]
        listed.append((mention, entity))
        at = mention.end + (1 if text[mention.end : mention.end + 1] in "、和及与" else 0)
        if at == mention.end:
            break
    return listed


def _passive(
    text: str, sentence: Span, at: int, inside: list[tuple[Mention, Found]], rule: dict
) -> tuple[list[tuple[Mention, Found]], list[tuple[Mention, Found]]]:
    """X由Y投资建设 / X由Y投资设立: Y, named right after 由 and before the verb, is the subject; X, the
    first name of the clause before 由, the object."""
    clause_start = start_of_clause(text, sentence, at)
    by = text.rfind("由", clause_start, at)
    if by < 0:
        return [], []
    subjects = [(m, e) for m, e in inside if m.start == by + 1 and m.end <= at and e.kind in rule["subject"]]
    if not subjects or text[subjects[0][0].end : at].strip():
        return [], []  # only the agent between 由 and the verb
    objects = [(m, e) for m, e in inside if clause_start <= m.start and m.end <= by]
    return subjects, [objects[0]] if objects and objects[0][1].kind in rule["object"] else []


def _topic_is_main(text: str, sentence: Span, at: int, inside: list[tuple[Mention, Found]]) -> bool:
    """Whether the clauses before ``at`` carry the main subject as their topic (园区充分发挥…优势，
    引进了…): the nearest clause that opens with a subject opens with 园区 / 该区."""
    starts = {m.start for m, _ in inside}
    cut = at
    while cut > sentence.start:
        start = start_of_clause(text, sentence, cut)
        opener = start + TOPIC_OPENERS.match(text[start:at]).end()
        if opener in starts:
            return False
        if re.match(RULES["main_references"], text[opener:at]):
            return True
        cut = start - 1
    return False


def _adjacent_containment(draft: Draft, text: str, mentions: list[tuple[Mention, Found]]) -> None:
    """A place or zone written right before another (沧澜省榆川市, 榆川高新区鹿鸣片区) contains it."""
    by_start = {m.start: (m, e) for m, e in mentions}
    for mention, entity in mentions:
        if entity.kind not in {"place", "zone"} or mention.end not in by_start:
            continue
        inner_mention, inner = by_start[mention.end]
        if inner.kind in {"place", "zone", "park", "project"} and inner is not entity:
            span = Span(mention.start, inner_mention.end, text[mention.start : inner_mention.end])
            relate(draft, inner, "schema:containedInPlace", entity, span, confidence=_NAMED)


#: A list's count followed by a place and a noun (…共6家某省孵化器, …等3家省外企业): where the listed are.
_COUNT_BEFORE_PLACE = re.compile(r"[共等](?:\d+|[一二三四五六七八九十百两]+)(?:家|个|所|座|批)$")
#: The things a counted list's place says where they are (a place, zone or park contains them; an
#: organisation is there).
_CONTAINED = frozenset({"park", "zone", "project"})
_LOCATED = frozenset({"company", "research_institute", "platform", "incubator", "university"})


def _counted_places(draft: Draft, text: str, mentions: list[tuple[Mention, Found]]) -> None:
    """A、B、C共6家某省孵化器: the listed things are that place's (in it)."""
    by_end = {m.end: (m, e) for m, e in outermost(mentions)}
    for mention, place in mentions:
        if place.kind != "place" or not re.match(r"[\u4e00-\u9fff]", text[mention.end : mention.end + 1]):
            continue  # the place names the kind of the things counted: 某省孵化器, not 某省。
        count = _COUNT_BEFORE_PLACE.search(text, max(0, mention.start - 6), mention.start)
        if count is None or count.end() != mention.start or count.start() not in by_end:
            continue
        listed = [by_end[count.start()]]
        while listed[-1][0].start - 1 in by_end and text[listed[-1][0].start - 1] in "、和及":
            listed.append(by_end[listed[-1][0].start - 1])
        for item_mention, item in listed:
            span = Span(item_mention.start, mention.end, text[item_mention.start : mention.end])
            if item.kind in _CONTAINED:
                relate(draft, item, "schema:containedInPlace", place, span, confidence=_NAMED)
            elif item.kind in _LOCATED:
                relate(draft, item, "schema:location", place, span, confidence=_NAMED)


#: The shortest brand a project and its developer's name must share (汇隆精密…项目, 雁岭汇隆精密…公司).
_SHARED_BRAND = 3


def _named_developers(draft: Draft, entities: list[Found]) -> None:
    """A project named after a company (芯测微电子二期项目, 汇隆精密电池结构件项目) is that company's:
    the company whose name (less a leading place) it starts with, or shares the longest opening
    brand with, when no other company shares as much."""
    stems = {e.label for e in entities if e.kind == "place"}
    stems |= {p[:-1] for p in stems if len(p) > 2}
    companies = [(name, e) for e in entities if e.kind == "company" for name in _company_names(e, stems)]
    for project in (e for e in entities if e.kind == "project"):
        mention = min(project.mentions)
        owner = max(
            ((n, c) for n, c in companies if project.label.startswith(n) and len(n) >= 2),
            key=lambda pair: len(pair[0]),
            default=None,
        )
        if owner is None:
            shared: dict[int, set[int]] = {}
            by_id = {}
            for name, company in companies:
                length = _shared_opening(name, project.label)
                if length >= _SHARED_BRAND:
                    shared.setdefault(length, set()).add(id(company))
                    by_id[id(company)] = company
            if shared and len(shared[max(shared)]) == 1:
                owner = ("", by_id[next(iter(shared[max(shared)]))])
        if owner is not None:
            relate(draft, project, "pg:developer", owner[1], mention)


def _shared_opening(first: str, second: str) -> int:
    """How many characters two names open with alike."""
    return next(
        (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
        min(len(first), len(second)),
    )


def _company_names(company: Found, place_stems: set[str]) -> set[str]:
    """A company's names, and each less the place it opens with (雁岭汇隆精密… → 汇隆精密…)."""
    names = {company.label, *company.aliases}
    for name in list(names):
        for stem in place_stems:
            if name.startswith(stem) and len(name) - len(stem) >= 2:
                names.add(name[len(stem) :])
    return names


def _table_relations(draft: Draft, text: str, entities: list[Found]) -> None:
    """What a table's row states: its thing is in the last place of its location cell, is run by
    its operator, and holds the title its table's heading names, given by the article's issuing
    body (the government body its headline names, else the first it names)."""
    at = {(m.start, m.end): e for e in entities for m in e.mentions}
    body = _issuer(entities, text)
    for table in find_tables(text):
        heading = table.heading
        programme = at.get((heading.start, heading.end)) if heading is not None else None
        ref = None
        if heading is not None and programme is not None and body is not None:
            ref = designation(draft, heading.text, heading, programme)
        for row in table.rows:
            thing = at.get((row.name.start, row.name.end))
            if thing is None:
                continue
            places = [at.get((p.start, p.end)) for p in row.location]
            if places and places[-1] is not None:
                span = Span(row.name.start, row.location[-1].end, text[row.name.start : row.location[-1].end])
                relate(draft, thing, "schema:containedInPlace", places[-1], span)
            operator = at.get((row.operator.start, row.operator.end)) if row.operator is not None else None
            if operator is not None and row.operator is not None:
                start, stop = (
                    sorted((row.name.start, row.operator.start))[0],
                    max(row.name.end, row.operator.end),
                )
                span = Span(start, stop, text[start:stop])
                if thing.kind == "project":
                    relate(draft, thing, "pg:developer", operator, span)
                elif thing.kind in {"park", "zone"}:
                    relate(draft, operator, "pg:administers", thing, span)
            if ref is not None and body is not None and heading is not None:
                evidence = Span(heading.start, row.name.end, text[heading.start : row.name.end])
                designate(draft, thing, row.name, body[1], ref, heading.text, evidence)


def _adjacent_developers(draft: Draft, text: str, mentions: list[tuple[Mention, Found]]) -> None:
    """A company written right before a project (某某有限公司年产10万吨…项目) is its developer."""
    by_start = {m.start: (m, e) for m, e in mentions}
    for mention, entity in mentions:
        if entity.kind == "company" and mention.end in by_start:
            project_mention, project = by_start[mention.end]
            if project.kind == "project":
                span = Span(mention.start, project_mention.end, text[mention.start : project_mention.end])
                relate(draft, project, "pg:developer", entity, span)


def _bylines(draft: Draft, article: Article, mentions: list[tuple[Mention, Found]]) -> None:
    """The reporter and an outlet named on one dateline (来源：某县融媒体中心　作者：某某): a member,
    of the origin (来源) first, else of the publisher."""
    outlets = [name for name in (article.source, article.publisher) if name]
    if not article.reporter or not outlets:
        return
    text = article.text
    for person_mention, person in mentions:
        if person.kind != "person" or person_mention.text != article.reporter:
            continue
        line_start = text.rfind("\n", 0, person_mention.start) + 1
        line_end = text.find("\n", person_mention.end)
        line_end = len(text) if line_end < 0 else line_end
        on_line = [
            (outlets.index(m.text), m, media)
            for m, media in mentions
            if media.kind == "media" and m.text in outlets and line_start <= m.start < line_end
        ]
        if on_line:
            _, mention, media = min(on_line, key=lambda item: (item[0], item[1].start))
            start, stop = min(mention.start, person_mention.start), max(mention.end, person_mention.end)
            relate(draft, person, "org:memberOf", media, Span(start, stop, text[start:stop]))
            return


#: What may stand between a body and the 《title》 it issued: 国务院《…》, 市政府印发的《…》.
_ISSUED_BY = re.compile(r"^(?:(?:印发|发布|出台|制定|颁布)?的)?《$")


def _adjacent_issuers(draft: Draft, text: str, mentions: list[tuple[Mention, Found]]) -> None:
    """A body written right before a policy's 《title》 (贯彻落实国务院《…纲要》) issued it."""
    bodies = [(m, e) for m, e in mentions if e.kind in {"government", "party_committee"}]
    for mention, policy in mentions:
        if policy.kind != "policy" or text[mention.start - 1 : mention.start] != "《":
            continue
        issuer = next(
            (
                (m, e)
                for m, e in bodies
                if 0 < mention.start - m.end <= 5 and _ISSUED_BY.match(text[m.end : mention.start])
            ),
            None,
        )
        if issuer is not None:
            span = Span(issuer[0].start, mention.end, text[issuer[0].start : mention.end])
            relate(draft, policy, "schema:legislationPassedBy", issuer[1], span)


def _issued_titles(draft: Draft, entities: list[Found]) -> None:
    """A document whose title names its issuer first (X关于…的通知) was issued by X."""
    at = {(m.start, m.end): e for e in entities for m in e.mentions}
    for policy in (e for e in entities if e.kind == "policy"):
        for mention in (m for m in policy.mentions if m.source == "title"):
            issuer = next(
                (
                    e
                    for (start, end), e in at.items()
                    if start == mention.start
                    and end < mention.end
                    and e.kind in {"government", "party_committee"}
                ),
                None,
            )
            if issuer is not None:
                relate(draft, policy, "schema:legislationPassedBy", issuer, mention)


def _issuer(entities: list[Found], text: str) -> tuple[Span, Found] | None:
    """The body that issues a notice: the first government body of its headline, else of its text."""
    bodies = [(m, e) for e in entities if e.kind == "government" for m in e.mentions]
    title_end = text.find("\n")
    titled = [pair for pair in bodies if pair[0].end <= title_end]
    return min(titled or bodies, key=lambda pair: pair[0].start, default=None)


_ORGANISATIONS = frozenset(
    {"government", "party_committee", "company", "university", "research_institute", "media"}
)


_COMMITTEES = ("管理委员会", "管委会")


def _named_sub_organisations(draft: Draft, entities: list[Found]) -> None:
    """A body named after another (某职业技术学院智能制造学院, 某市人民政府办公室) is part of it; a
    government body named after a zone (某高新区经济发展局) is part of the zone's committee
    (某高新技术产业开发区管理委员会)."""
    organisations = [e for e in entities if e.kind in _ORGANISATIONS]
    zones = [e for e in entities if e.kind == "zone"]
    for entity in organisations:
        mention = _naming(entity)
        if mention is None:
            continue
        parent = max(
            (
                o
                for o in organisations
                if o is not entity
                and entity.label.startswith(_unprefixed(o.label))
                and len(entity.label) > len(_unprefixed(o.label))
            ),
            key=lambda o: len(o.label),
            default=None,
        )  # 某市委政法委 is part of 中共某市委
        if parent is None and entity.kind == "government":
            zone = next(
                (
                    z
                    for z in zones
                    for n in (z.label, *z.aliases)
                    if entity.label.startswith(n) and len(entity.label) > len(n) + 1
                ),
                None,
            )
            names = (
                set() if zone is None else {n + h for n in (zone.label, *zone.aliases) for h in _COMMITTEES}
            )
            if entity.label in names or not names.isdisjoint(entity.aliases):
                names = (
                    set()
                )  # the zone's committee itself (某高新区管委会 / 管理委员会): no department of it
            parent = next(
                (o for o in organisations if o is not entity and {o.label, *o.aliases} & names), None
            )
        if parent is not None:
            relate(draft, entity, "org:subOrganizationOf", parent, mention, confidence=_NAMED)


def _naming(entity: Found) -> Mention | None:
    """The first mention that names ``entity`` in full, the evidence of what its name says; for a name
    the resolver composed from the article (市湖滨新区 → 宿迁市湖滨新区, 管委会 → 某经开区管委会), its first
    mention."""
    full = min((m for m in entity.mentions if m.text == entity.label), default=None)
    return full if full is not None else entity.first


#: What a party committee's full name opens with (中共某市委): left out when its name is a prefix.
_PARTY_PREFIX = "中共"


def _unprefixed(name: str) -> str:
    """A body's name less 中共 (中共某市委 → 某市委: how its departments are named, 某市委政法委)."""
    return name[len(_PARTY_PREFIX) :] if name.startswith(_PARTY_PREFIX) and len(name) > 4 else name


#: The heads of the bodies that run a zone or park (某经开区管委会 / 党工委 runs 某经开区).
_RUNNING_HEADS = ("管理委员会", "管委会", "党工委", "工委", "党委")


def _named_jurisdictions(draft: Draft, entities: list[Found]) -> None:
    """A body named after a zone or park and a committee head (某经开区管委会, 某高新区党工委) runs it
    (``pg:administers``); a government body or party committee named after a place (某市人民政府,
    中共某市委, 某市人大常委会, 某省工信厅) is that place's: the administrative area it covers
    (``dcterms:spatial``, as the Core Public Organisation Vocabulary links a public organisation to its
    area). A zone or place name less the place it opens with counts too (某省某市绿色产业集聚区 →
    某市绿色产业集聚区党工委)."""
    places = [e for e in entities if e.kind == "place"]
    stems = {p.label for p in places} | {p.label[:-1] for p in places if len(p.label) > 2}
    for body in (e for e in entities if e.kind in {"government", "party_committee"}):
        mention = _naming(body)
        if mention is None:
            continue
        name = _unprefixed(body.label)
        zone = _named_after(name, [e for e in entities if e.kind in {"zone", "park"}], stems)
        if zone is not None and name[len(zone[1]) :] in _RUNNING_HEADS:
            relate(draft, body, "pg:administers", zone[0], mention, confidence=_NAMED)
            continue
        place = _named_after(name, places, set(), rest=lambda rest: NAME_RULES.head_kind(rest) is not None)
        if place is not None:
            relate(draft, body, "dcterms:spatial", place[0], mention, confidence=_NAMED)


def _named_after(
    name: str, candidates: list[Found], stems: set[str], rest: Callable[[str], bool] = lambda _: True
) -> tuple[Found, str] | None:
    """The candidate whose name (an alias, or the name less a leading place stem; a place's name less
    its level character: 儋州 of 儋州市) ``name`` opens with, the longest after which ``rest`` accepts
    what is left; and that opening. (中共某市委 composed by the resolver is 某市 + 委: the opening
    that leaves a head word is 某 + 市委.)"""
    best: tuple[Found, str] | None = None
    for candidate in candidates:
        names = {candidate.label, *candidate.aliases}
        names |= {n[len(s) :] for n in list(names) for s in stems if n.startswith(s) and len(n) - len(s) >= 4}
        if candidate.kind == "place" and len(candidate.label) > 2 and NAME_RULES.level_of(candidate.label):
            names.add(candidate.label[:-1])
        for opening in names:
            longer = best is None or len(opening) > len(best[1])
            if (
                len(opening) >= 2
                and name.startswith(opening)
                and len(name) > len(opening)
                and longer
                and rest(name[len(opening) :])
            ):
                best = (candidate, opening)
    return best


def _adjacent_administrations(draft: Draft, text: str, mentions: list[tuple[Mention, Found]]) -> None:
    """A government body written right before a zone or park (某师某工业园区) runs it."""
    by_start = {m.start: (m, e) for m, e in mentions}
    for mention, entity in mentions:
        if entity.kind != "government" or mention.end not in by_start:
            continue
        zone_mention, zone = by_start[mention.end]
        if zone.kind in {"zone", "park"} and zone is not entity:
            span = Span(mention.start, zone_mention.end, text[mention.start : zone_mention.end])
            relate(draft, entity, "pg:administers", zone, span, confidence=_NAMED)


def _named_containment(draft: Draft, entities: list[Found]) -> None:
    """A park, zone, project or place whose name starts with another place's or zone's name is in it."""
    containers = [e for e in entities if e.kind in {"place", "zone", "park"}]
    for entity in entities:
        if entity.kind not in {"zone", "park", "place", "project"}:
            continue
        mention = _naming(entity)
        if mention is None:
            continue
        best = None
        for container in containers:
            names = {container.label, *container.aliases}
            if container.kind == "place" and len(container.label) > 2:
                names.add(container.label[:-1])  # 榆川高新区 is in 榆川市
            if (
                container is not entity
                and any(entity.label.startswith(n) and len(entity.label) > len(n) for n in names)
                and (best is None or len(container.label) > len(best.label))
            ):
                best = container
        if best is not None:
            relate(draft, entity, "schema:containedInPlace", best, mention, confidence=_NAMED)
