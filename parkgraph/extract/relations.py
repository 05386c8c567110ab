"""Relations between the entities: what the genre's verbs, tables, names and datelines state.

Relations come from the verbs of the genre (位于, 集聚 / 引进 / 入驻 / 落户, 出台 / 印发 / 发布, 与…签署 /
合作 / 共建, 投资 / 建设) between the entities of one sentence, and from names (a park named after its
zone is in that zone). All the verbs are data (``data/relations.yaml``).
"""

from __future__ import annotations

import re
from itertools import product

from ..annotations import Fact, Prop
from ..reader import Article
from .assemble import Draft, curie, quote
from .clauses import (
    RULES,
    TOPIC_OPENERS,
    fact_id,
    main_subject,
    relate,
    sentences,
    start_of_clause,
)
from .industries import add_industries
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
        _approvals(draft, sentence, inside)
    _table_relations(draft, text, entities)
    _adjacent_developers(draft, text, mentions)
    _bylines(draft, article, mentions)
    _issued_titles(draft, entities)
    _adjacent_issuers(draft, text, mentions)
    _adjacent_containment(draft, text, mentions)
    _named_containment(draft, entities)
    _named_sub_organisations(draft, entities)
    _named_developers(draft, entities)
    add_industries(draft, article, entities, main)


#: Prepositions after which a name says where, not who (在某经开区投资…).
_LOCATIVES = frozenset("在于")


def _bracketed(text: str, start: int, position: int) -> bool:
    """Whether ``position`` is inside a bracket opened after ``start`` (an aside, an alias)."""
    before = text[start:position]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _relations(draft: Draft, sentence: Span, inside: list[tuple[Mention, Found]], main: Found | None) -> None:
    text = draft.text
    for rule in RULES["verbs"]:
        if "requires" in rule and not re.search(rule["requires"], sentence.text):
            continue
        for match in re.finditer(rule["pattern"], sentence.text):
            at = sentence.start + match.start()
            end = sentence.start + match.end()
            subjects = [
                (m, e)
                for m, e in inside
                if m.end <= at
                and e.kind in rule["subject"]
                and text[m.start - 1 : m.start] not in _LOCATIVES
                and not _bracketed(text, sentence.start, m.start)
            ]  # 公司将在某经开区（以下简称“某经开区”）投资…: where, and an aside, are not who
            objects = [(m, e) for m, e in inside if m.start >= end and e.kind in rule["object"]]
            if rule.get("object_before"):
                objects = [(m, e) for m, e in inside if m.end <= at and e.kind in rule["object"]]
                subjects = [
                    (m, e)
                    for m, e in inside
                    if m.end <= at and e.kind in rule["subject"] and (m, e) not in objects
                ] or []
            if (
                not subjects
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
            relate(draft, inner, "schema:containedInPlace", entity, span)


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


def _approvals(draft: Draft, sentence: Span, inside: list[tuple[Mention, Found]]) -> None:
    """经嶂南省人民政府批准设立的梓泉经开区 / 省工信厅批复建设的创新中心 / X公布名单，Y入选: a designation
    event of what is approved by the body that approved it, as what the sentence names it (the
    programme it names, else the verb)."""
    for match in re.finditer(RULES["approvals"], sentence.text):
        at = sentence.start + match.start()
        bodies = [(m, e) for m, e in inside if e.kind in {"government", "party_committee"}]
        body = max((pair for pair in bodies if pair[0].end <= at), key=lambda pair: pair[0].end, default=None)
        if body is None:
            continue
        approved = [
            (m, e)
            for m, e in inside
            if e.kind in {"park", "zone", "platform", "research_institute", "incubator", "company", "project"}
        ]
        if not approved:
            continue
        programme = next(((m, e) for m, e in inside if e.kind == "programme"), None)
        label, span = (
            (programme[1].label, programme[0])
            if programme
            else (match.group(), Span(at, at + len(match.group()), match.group()))
        )
        ref = _designation(draft, label, span, programme[1] if programme else None)
        for mention, entity in approved:
            start, stop = min(mention.start, body[0].start), max(mention.end, body[0].end, span.end)
            evidence = Span(start, stop, draft.text[start:stop])
            _designate(draft, entity, mention, body, ref, label, evidence)
        break


def _designation(draft: Draft, label: str, span: Span, programme: Found | None) -> str:
    """The designation concept a title names; the programme of that name, if the article names
    one, is linked to it (``pg:designation``: the title the programme awards)."""
    ref = draft.concept("designations", label, span, kind="programme")
    if programme is not None:
        draft.relate(draft.slug_for(programme), "pg:designation", ref, span)
    return ref


def _designate(
    draft: Draft, entity: Found, mention: Span, body: tuple[Span, Found], ref: str, label: str, evidence: Span
) -> None:
    """A ``pg:DesignationEvent``: ``entity`` given the title ``ref`` by ``body``, as ``evidence`` says."""
    slug = fact_id("designation", mention.start, body[0].start, label)
    start, stop = evidence.start, evidence.end
    draft.facts[slug] = Fact(
        slug=slug,
        label=f"{entity.label}：{label}",
        en=f"{draft.entities[draft.slug_for(entity)].en}: {draft.concepts[ref].en}",
        quotes=(quote(draft.text, Span(start, stop, draft.text[start:stop])),),
        line=0,
        types=(curie("pg:DesignationEvent"),),
        props=(
            Prop(curie("pg:designatedEntity"), (draft.slug_for(entity),), 0),
            Prop(curie("prov:wasAssociatedWith"), (draft.slug_for(body[1]),), 0),
            Prop(curie("pg:designation"), (ref,), 0),
        ),
    )
    draft.confidence[slug] = 0.5


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
            ref = _designation(draft, heading.text, heading, programme)
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
                _designate(draft, thing, row.name, body, ref, heading.text, evidence)


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
        mention = min((m for m in entity.mentions if m.text == entity.label), default=None)
        if mention is None:
            continue
        parent = max(
            (
                o
                for o in organisations
                if o is not entity and entity.label.startswith(o.label) and len(entity.label) > len(o.label)
            ),
            key=lambda o: len(o.label),
            default=None,
        )
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
            parent = next(
                (o for o in organisations if o is not entity and {o.label, *o.aliases} & names), None
            )
        if parent is not None:
            relate(draft, entity, "org:subOrganizationOf", parent, mention)


def _named_containment(draft: Draft, entities: list[Found]) -> None:
    """A park, zone, project or place whose name starts with another place's or zone's name is in it."""
    containers = [e for e in entities if e.kind in {"place", "zone", "park"}]
    for entity in entities:
        if entity.kind not in {"zone", "park", "place", "project"}:
            continue
        mention = min((m for m in entity.mentions if m.text == entity.label), default=None)
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
            relate(draft, entity, "schema:containedInPlace", best, mention)
