"""Events: what the article reports as happening, each an n-ary fact with its participants in their roles.

Real news states most relations through events: an official visits a park (调研 / 考察 / 视察), parties
sign (签约 / 签署), projects start, go into production or are completed (开工 / 投产 / 竣工), a company
settles in a park (落户 / 入驻), parties co-build (共建). Each becomes a fact of a subclass of ``pg:Event``
(``data/events.yaml`` names the class, the verbs and the cue words) whose roles are the ontology's
properties: ``prov:wasAssociatedWith`` the agent (the visitor, a party), ``pg:counterparty`` the other
party (甲与乙签约), ``pg:visited`` what a visit goes to, ``pg:eventProject`` the projects, ``pg:produces``
what is signed or built, ``schema:location`` where, ``schema:organizer`` who holds it, ``schema:attendee``
who attends, presides, speaks, announces or witnesses (出席 / 主持 / 致辞 / 宣布 / 见证) or accompanies a
visit (陪同), ``pg:quantity`` its amount (总投资…亿元) and ``time:hasTime`` the nearest time before its verb.

One event per real happening, not per verb (coreference within the article): every mention of the
article's ceremony of a kind (集中开工, 开工仪式, 此次开工), every mention of its visit (an official and
their party, 一行), every signing between the same parties is one event, which gathers the roles each
mention states. A verb is an event only where the text says the thing happened: never in a plan or an
aim (计划开工, 确保投产), never as a count (新开工项目49个), never in a quotation.

Precision first: a role is filled only from the clause that states it; an event with no participant
the ontology's shapes require is left out. Approvals (获批 / 认定 / 批复) are :func:`add_approvals`:
a ``pg:DesignationEvent`` of the title the text awards (国家级高新区, never the verb 批准), or a
``pg:ApprovalEvent`` where it names none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..annotations import Fact, Prop
from ..reader import Article
from .assemble import Draft, curie, quote
from .clauses import RULES as RELATION_RULES
from .clauses import TOPIC_OPENERS, fact_id, main_subject, outermost, sentences
from .names import NAME_RULES
from .posts import Post
from .resolve import Entity as Found
from .spans import Mention, Span

__all__ = ["EVENT_RULES", "add_approvals", "add_events", "designate", "designation"]

EVENT_RULES = yaml.safe_load((Path(__file__).with_name("data") / "events.yaml").read_text(encoding="utf-8"))
_KINDS: dict[str, dict] = EVENT_RULES["kinds"]
_TRIGGERS = {kind: re.compile(spec["trigger"]) for kind, spec in _KINDS.items()}
_WEAK_VISIT = re.compile(EVENT_RULES["visit_weak"])
_FUTURE = re.compile(EVENT_RULES["future"])
_AFTER = re.compile(EVENT_RULES["after"])
_THEN = re.compile(EVENT_RULES["then"])
_AGGREGATE = re.compile(EVENT_RULES["aggregate"])
_THIS = re.compile(EVENT_RULES["this"])
_MODIFIER_BEFORE = re.compile(EVENT_RULES["modifier_before"])
_MODIFIER_AFTER = re.compile(EVENT_RULES["modifier_after"])
_CEREMONY_BEFORE = re.compile(f"(?:{EVENT_RULES['ceremony_before']})$")
_CEREMONY_AFTER = re.compile(EVENT_RULES["ceremony_after"])
_DESTINATION = re.compile(EVENT_RULES["destination"])
_FRONTED_GAP = re.compile(EVENT_RULES["fronted_gap"])
_ACCOMPANY = re.compile(EVENT_RULES["accompany"])
_PARTY = re.compile(EVENT_RULES["party"])
_COUNTERPARTY = re.compile(EVENT_RULES["counterparty"])
_ATTEND = re.compile(EVENT_RULES["attend"])
_NOT_ATTEND_BEFORE = re.compile(EVENT_RULES["not_attend_before"])
_NOT_ATTEND_AFTER = re.compile(EVENT_RULES["not_attend_after"])
_SPEECH = re.compile(EVENT_RULES["speech"])
_HELD = re.compile(EVENT_RULES["held"])
_VENUE = re.compile(f"(?:{EVENT_RULES['venue']})$")
_AMOUNT = re.compile(f"(?:{EVENT_RULES['amount']})$")
_APPROVAL = re.compile(EVENT_RULES["approval"])
_ADOPTS = re.compile(EVENT_RULES["adopts"])
_DOCUMENT_LEAD = re.compile(r"了?《")
_TITLE_LEAD = re.compile(EVENT_RULES["title_lead"])
_TITLE = re.compile(
    f"(?:{EVENT_RULES['title_province']})?(?:{EVENT_RULES['title_levels']})?"
    f"[^，。；、,;“”《》（）()和及与]{{0,20}}(?:{EVENT_RULES['title_heads']})"
)
_TITLE_OPENS = re.compile(f"(?:{EVENT_RULES['title_province']}|{EVENT_RULES['title_levels']})")
_COUNTED = re.compile(EVENT_RULES["counted"])
_CEREMONY_NOUN = re.compile(r"仪式|活动|大会|典礼|现场会|动员会|推进会|观摩会")
_MAIN_REFERENCE = re.compile(f"^(?:{RELATION_RULES['main_references']})")
_CLAUSE_MARKS = "，,；;：:"
#: A sentence to its full stop (a list of attendees runs on over semicolons).
_FULL_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
#: The words right after a name, to the next mark or list word: a name's continuation is at most this.
_POST_GAP = re.compile(f"[\\u4e00-\\u9fff、]{{0,12}}(?:{EVENT_RULES['post_titles']})")
_NAME_BREAK = re.compile(EVENT_RULES["name_break"])
#: Markers between a party and its counterparty that also join a list (甲和乙与丙): the last choice.
_LIST_JOINERS = frozenset({"和"})
_CREDIT = re.compile(f"(?:{EVENT_RULES['credit']})$")
_NAME_REST = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,12}(?=[、，,。；;：:）)”\s]|等|共|$)")

#: Kinds of entity that take part in events as parties (an organisation, or a park, zone or place
#: acting through its government).
_PARTIES = frozenset(
    {
        "government",
        "party_committee",
        "company",
        "university",
        "research_institute",
        "platform",
        "incubator",
        "media",
        "park",
        "zone",
        "place",
    }
)
_ORGANISATIONS = frozenset(
    {"government", "party_committee", "company", "university", "research_institute", "incubator", "media"}
)
_PLACES = frozenset({"park", "zone", "place"})
#: What a visit goes to (pg:visited; a plain place is its schema:location).
_VISITABLE = frozenset(
    {"park", "zone", "company", "research_institute", "platform", "incubator", "university", "project"}
)
#: What is co-built or set up (pg:produces).
_BUILT = frozenset({"research_institute", "platform", "incubator", "park", "project", "university"})
#: What settles (prov:wasAssociatedWith; a project is pg:eventProject).
_SETTLERS = frozenset({"company", "research_institute", "platform", "incubator", "university"})
#: The order an event's kinds are named in its label and types (a ceremony of both: 投产和开工).
_KIND_ORDER = tuple(_KINDS)
#: How many quotes an event keeps (its first mentions; the attendance sentences after them).
_MAX_QUOTES = 6
_CONFIDENCE = 0.6

Pair = tuple[Mention, Found]


@dataclass
class _Event:
    """One happening in the making: its kinds, the roles its mentions fill, its time and amount."""

    kinds: list[str]
    start: int  # where its first mention's verb stands
    ceremony: bool = False
    roles: dict[str, dict[int, Found]] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    time: object | None = None  # a TimeMention
    amount: object | None = None  # a QuantityMention

    def add(self, role: str, entity: Found) -> None:
        self.roles.setdefault(role, {}).setdefault(id(entity), entity)

    def has(self, role: str) -> bool:
        return bool(self.roles.get(role))

    def members(self, role: str) -> list[Found]:
        return list(self.roles.get(role, {}).values())

    def parties(self) -> set[int]:
        return set(self.roles.get("prov:wasAssociatedWith", {})) | set(self.roles.get("pg:counterparty", {}))


@dataclass
class _Context:
    """What every rule reads: the text, its sentences' entities, times, amounts, the main subject."""

    text: str
    mentions: list[Pair]
    times: list
    amounts: list
    main: Found | None
    quotes: list[tuple[int, int]]
    all_mentions: list[Pair] = field(default_factory=list)
    posted: list[Span] = field(default_factory=list)  # the spans of the posts (organisation, title, person)
    short: set[Mention] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.short = {m for m, e in self.mentions if e.kind != "person" and self.cut_short(m)}

    def inside(self, start: int, end: int, kinds: frozenset[str] | None = None) -> list[Pair]:
        """The (outermost) names between ``start`` and ``end``, of ``kinds``; never one cut short."""
        return [
            (m, e)
            for m, e in self.mentions
            if start <= m.start
            and m.end <= end
            and (kinds is None or e.kind in kinds)
            and m not in self.short
            and (e.kind == "person" or not self.in_post(m))
            and not (e.kind == "person" and self.credited(m))
        ]

    def credited(self, mention: Span) -> bool:
        """Whether a person is named in a credit, not as a participant: after 记者 / 通讯员 (本报讯（记者
        某某）), or inside brackets (an aside)."""
        line_start = self.text.rfind("\n", 0, mention.start) + 1
        before = self.text[line_start : mention.start]
        if _CREDIT.search(before.rstrip(" \u3000、")):
            return True
        opened = max(before.rfind("（"), before.rfind("("))
        closed = max(before.rfind("）"), before.rfind(")"))
        return opened > closed

    def in_post(self, mention: Span) -> bool:
        """Whether a name is the organisation of a post (某经开区党工委 of 某经开区党工委副书记某某):
        the person's, no party or place of the event of its own."""
        if any(p.start <= mention.start and mention.end < p.end for p in self.posted):
            return True
        title = _POST_GAP.match(self.text, mention.end)
        return title is not None and any(
            m.start == title.end() for m, e in self.mentions if e.kind == "person"
        )

    def quoted(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.quotes)

    def every(self, start: int, end: int, kinds: frozenset[str]) -> list[Pair]:
        """Every name between ``start`` and ``end`` of ``kinds``, inner names too (the project named in
        a 《…项目投资协议书》)."""
        return [
            (m, e)
            for m, e in self.all_mentions
            if start <= m.start and m.end <= end and e.kind in kinds and m not in self.short
        ]

    def cut_short(self, mention: Span) -> bool:
        """Whether the name is the start of a longer name the recogniser missed: the words after it,
        to the next mark, end in a head word (某高新区 of 某高新区科技企业孵化器)."""
        rest = _NAME_REST.match(self.text, mention.end)
        return (
            rest is not None
            and not _NAME_BREAK.search(rest.group())
            and NAME_RULES.head_kind(rest.group()) is not None
            and not any(rest.start() <= m.start < rest.end() for m, _ in self.mentions)  # 批准设立某区
        )


def add_events(draft: Draft, article: Article, entities: list[Found], posts: Sequence[Post] = ()) -> None:
    """The article's events (``data/events.yaml``) as n-ary facts of the draft, after the statistics: a
    plain ``pg:Event`` the statistics dated at the same time expression is the same happening, and
    gives way to the typed one. ``posts`` (:func:`~parkgraph.extract.posts.find_posts`) say which
    organisations are named only as a person's (…党工委副书记某某 is no party of a signing)."""
    context = _context(article, entities, posts)
    events: list[_Event] = []
    for sentence in sentences(context.text):
        for event, kind_mentions in _mentions(context, sentence):
            _merge(events, event, kind_mentions)
        _visit(context, sentence, events)
    _scenes(context, events)
    _venues(context, events)
    _attendance(context, events)
    for event in sorted(events, key=lambda e: e.start):
        _emit(draft, context, event)
    add_approvals(draft, context)


def _context(article: Article, entities: list[Found], posts: Sequence[Post]) -> _Context:
    from .numbers import find_quantities

    text = article.text
    every = sorted((m, e) for e in entities for m in e.mentions)
    amounts = [q for q in find_quantities(text) if q.quantity.is_money and q.upper is None]
    quotes = [(m.start(), m.end()) for m in re.finditer(r"“[^”\n]*”", text)]
    main = main_subject(entities, article.title)
    return _Context(
        text, outermost(every), _times(article), amounts, main, quotes, every, [p.span for p in posts]
    )


def _times(article: Article) -> list:  # type: ignore[type-arg]
    """The time expressions whose surface alone resolves as the finder resolved it (an annotation keeps
    the surface, and the populator resolves it again against the dateline)."""
    from ..temporal import resolve_time
    from .timex import find_times

    found = []
    for mention in find_times(article.text, reference=article.published):
        try:
            if resolve_time(mention.text, reference=article.published) == mention.spec:
                found.append(mention)
        except ValueError:
            continue
    return found


# --- finding the verbs ---------------------------------------------------------------------------------


def _clause(text: str, sentence: Span, position: int) -> tuple[int, int]:
    """The clause around ``position``: from after the last clause mark before it to the next one."""
    start = max(text.rfind(mark, sentence.start, position) for mark in _CLAUSE_MARKS) + 1
    start = max(start, sentence.start)
    ends = [e for e in (text.find(mark, position, sentence.end) for mark in _CLAUSE_MARKS) if e >= 0]
    return start, min(ends, default=sentence.end)


def _happened(context: _Context, sentence: Span, start: int, end: int) -> bool:
    """Whether the verb at ``start:end`` reports a happening: not quoted, not a plan or an aim, not a
    time word (投产后), not a count (新开工项目49个) unless the clause says it is this event's."""
    text = context.text
    if context.quoted(start):
        return False
    clause_start, clause_end = _clause(text, sentence, start)
    before = text[clause_start:start]
    if _FUTURE.search(before) or _AFTER.match(text[end:clause_end]):
        return False
    this = _THIS.search(text[clause_start:clause_end])
    if _THEN.match(text[end:clause_end]) and not this:
        return False  # 项目的建成将带动…: what it will do once it happens (此次签约将深化合作 happened)
    counted = _AGGREGATE.match(text[end:clause_end]) or _MODIFIER_AFTER.match(text[end:clause_end])
    return not ((counted or _MODIFIER_BEFORE.search(before)) and not this)


def _triggers(context: _Context, sentence: Span) -> list[tuple[int, int, str]]:
    """The event verbs of a sentence that report happenings, longest first, none overlapping."""
    found = []
    for kind, pattern in _TRIGGERS.items():
        if kind == "visit":
            continue
        for match in pattern.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            found.append((start, end, kind))
    taken: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(found, key=lambda t: (t[0] - t[1], t[0])):
        if all(end <= s or e <= start for s, e, _ in taken):
            taken.append((start, end, kind))
    return [t for t in sorted(taken) if _happened(context, sentence, t[0], t[1])]


def _mentions(context: _Context, sentence: Span) -> list[tuple[_Event, list[str]]]:
    """Each event mention of a sentence (visits apart) as an event of its own, with the roles its
    clause states; verbs joined by 和 / 及 / 、 / 暨 (集中投产和开工仪式) are one mention."""
    text = context.text
    groups: list[list[tuple[int, int, str]]] = []
    for trigger in _triggers(context, sentence):
        if groups and re.fullmatch(r"[和及、暨与]", text[groups[-1][-1][1] : trigger[0]]):
            groups[-1].append(trigger)
        else:
            groups.append([trigger])
    made = []
    for group in groups:
        kinds = sorted({kind for _, _, kind in group}, key=_KIND_ORDER.index)
        start, end = group[0][0], group[-1][1]
        event = _Event(kinds, start)
        _fill(context, sentence, event, start, end)
        if event.roles or event.ceremony:
            made.append((event, kinds))
    return made


def _ceremony(context: _Context, sentence: Span, start: int, end: int) -> bool:
    """Whether a mention is of the article's ceremony: 集中开工, 开工仪式 / 活动, 此次开工."""
    text = context.text
    clause_start, clause_end = _clause(text, sentence, start)
    return bool(
        _CEREMONY_BEFORE.search(text[clause_start:start])
        or _CEREMONY_AFTER.match(text[end:clause_end])
        or _THIS.search(text[clause_start:clause_end])
    )


# --- roles from the clause -----------------------------------------------------------------------------


def _fill(context: _Context, sentence: Span, event: _Event, start: int, end: int) -> None:
    """The roles the clause of a mention states, by its kinds (a ceremony of several, 签约暨开工, takes
    the roles of each)."""
    text = context.text
    kinds = set(event.kinds)
    clause_start, clause_end = _clause(text, sentence, start)
    event.ceremony = _ceremony(context, sentence, start, end)
    before = context.inside(clause_start, start)
    after = context.inside(end, clause_end)
    if kinds & {"signing", "cobuilding"} and not event.ceremony:
        _parties(context, event, clause_start, start, before)
    if "signing" in kinds:
        signed = next(((m, e) for m, e in after if m.start == end + (text[end : end + 1] == "了")), None)
        if signed is not None and signed[1].kind in _ORGANISATIONS and text[start:end] == "签约":
            event.add("pg:counterparty", signed[1])  # …仪式举行，并签约某某有限公司: who it signed with
        for _, entity in context.inside(end, clause_end, frozenset({"policy", "work"})):
            event.add("pg:produces", entity)
        for _, entity in context.every(clause_start, clause_end, frozenset({"project"})):
            event.add("pg:eventProject", entity)  # 签署《…项目投资协议》: the project it is about
    if "cobuilding" in kinds:
        built = next(((m, e) for m, e in after if e.kind in _BUILT and m.start - end <= 2), None)
        if built is None:
            event.roles.clear()
        else:
            event.add("pg:produces", built[1])
    if "settlement" in kinds:
        _settlement(context, event, clause_start, end, clause_end, before, after)
    if kinds & {"start", "commissioning", "completion", "signing"}:
        projects = [(m, e) for m, e in before + after if e.kind == "project"]
        for _, entity in projects:
            event.add("pg:eventProject", entity)
        for mention, entity in before:
            listed = (
                text[mention.end : mention.end + 1] in "、等"
                or text[mention.start - 1 : mention.start] == "、"
            )
            if (
                entity.kind in _PLACES
                and not listed  # a park among the projects listed (A、B等项目开工) is one of them
                and not _HELD.search(text[mention.end : start])
                and not _in_parties(event, entity)
            ):
                event.add("schema:location", entity)  # 某经开区重点项目集中开工
            elif entity.kind == "company" and not projects and not kinds & {"signing"}:
                event.add("prov:wasAssociatedWith", entity)  # 某公司生产线正式投产
        _held(context, sentence, event)
        if event.ceremony:
            # the ceremony's projects: its sentence's, and those the next one lists (其中，…包括A、B等项目)
            stop = sentence.end
            if re.match(r"\s*其中", text[sentence.end : sentence.end + 4]):
                stop = min(
                    (e for e in (text.find(c, sentence.end) for c in "。\n") if e >= 0), default=len(text)
                )
            for _, entity in context.inside(sentence.start, stop, frozenset({"project"})):
                event.add("pg:eventProject", entity)
    event.spans.append(_stripped(sentence))
    event.time = _time_before(context, sentence, start)
    event.amount = _amount(context, sentence, end, clause_start)


def _in_parties(event: _Event, entity: Found) -> bool:
    return id(entity) in event.parties()


def _settlement(
    context: _Context,
    event: _Event,
    clause_start: int,
    end: int,
    clause_end: int,
    before: list[Pair],
    after: list[Pair],
) -> None:
    """某公司落户某园区 / 在某园区落户 / A、B等企业相继落户 (the article's park): who settles, where."""
    text = context.text
    settlers = [(m, e) for m, e in before if e.kind in _SETTLERS | {"project"}]
    if not settlers:
        event.roles.clear()
        return
    for _, entity in settlers:
        event.add("pg:eventProject" if entity.kind == "project" else "prov:wasAssociatedWith", entity)
    places = [(m, e) for m, e in after if e.kind in _PLACES and m.start - end <= 2]
    places += [(m, e) for m, e in before if e.kind in _PLACES and _VENUE.search(text[clause_start : m.start])]
    for _, entity in places[:1]:
        event.add("schema:location", entity)
    rest = text[end:clause_end].strip("了。！")
    if not places and context.main is not None and (not rest or _MAIN_REFERENCE.match(rest)):
        event.add("schema:location", context.main)  # …等企业相继落户 / 落户园区: the article's park


def _parties(context: _Context, event: _Event, clause_start: int, verb: int, before: list[Pair]) -> None:
    """甲与乙签约 / 甲联合乙共建: the party before 与, the counterparties after it; a place after 在
    is where it happens; people who sign on the parties' behalf attend."""
    text = context.text
    parties = [(m, e) for m, e in before if e.kind in _PARTIES]
    venue = [(m, e) for m, e in parties if _VENUE.search(text[max(clause_start, m.start - 2) : m.start])]
    parties = [p for p in parties if p not in venue]
    for _, entity in venue:
        if entity.kind in _PLACES:
            event.add("schema:location", entity)
    markers = [
        (m.group() in _LIST_JOINERS, clause_start + m.start())
        for m in _COUNTERPARTY.finditer(text[clause_start:verb])
        if not any(p.start <= clause_start + m.start() < p.end for p, _ in before)
    ]
    marker = min(markers)[1] if markers else None  # 甲和乙与丙签约: 与, not the 和 of a list
    if marker is not None:
        agents = [(m, e) for m, e in parties if m.end <= marker]
        others = [(m, e) for m, e in parties if m.start > marker]
        if not agents and _MAIN_REFERENCE.match(_opened(text, clause_start, marker)) and context.main:
            agents = [(Mention(marker, marker + 1, text[marker]), context.main)]  # 园区与某高校共建…
        for _, entity in _listed_before(text, agents):
            event.add("prov:wasAssociatedWith", entity)  # 甲、乙与丙签约: 甲 and 乙
        for _, entity in others:
            event.add("pg:counterparty", entity)
    for _, entity in before:
        if entity.kind == "person":
            event.add("schema:attendee", entity)  # 某总经理与某主任代表双方签约


def _listed_before(text: str, names: list[Pair]) -> list[Pair]:
    """The last of ``names`` and those listed with it before it (甲、乙与丙: 甲 and 乙; 甲的乙与丙: 乙)."""
    if not names:
        return []
    listed = [names[-1]]
    for mention, entity in reversed(names[:-1]):
        if text[mention.end : listed[-1][0].start] not in {"、", "和", "及"}:
            break
        listed.append((mention, entity))
    return listed[::-1]


def _opened(text: str, clause_start: int, position: int) -> str:
    """The clause's words from its topic on (less 其中, 今年 … before it)."""
    opener = clause_start + TOPIC_OPENERS.match(text[clause_start:position]).end()
    return text[opener:position]


def _held(context: _Context, sentence: Span, event: _Event) -> None:
    """某园区举行…仪式 (the park: where; an organisation: who holds it); 在某地举行 (where)."""
    text = context.text
    for match in _HELD.finditer(sentence.text):
        at = sentence.start + match.start()
        clause_start, _ = _clause(text, sentence, at)
        for mention, entity in context.inside(clause_start, at):
            venue = _VENUE.search(text[clause_start : mention.start]) is not None
            if entity.kind in _PLACES:
                event.add("schema:location", entity)
            elif entity.kind in _ORGANISATIONS and not venue:
                event.add("schema:organizer", entity)


def _stripped(sentence: Span) -> Span:
    stripped = sentence.text.strip()
    start = sentence.start + sentence.text.index(stripped)
    return Span(start, start + len(stripped), stripped)


#: What makes a time an attribute of the noun after it (2023年度重点项目, 2022年首批, 2024年第二批).
_ATTRIBUTE = re.compile(EVENT_RULES["time_attribute"])
#: What says how the news came, not what happened (记者从某区获悉, 据了解).
_REPORTED = re.compile(EVENT_RULES["reported"])

#: What may stand before a time that opens a sentence: nothing, or the story's lead (本报讯（记者 某某）).
_LEAD = re.compile(EVENT_RULES["lead"])

#: Times said relative to the day of writing (今日开工!): of two times of one length, the other is better.
_DEICTIC = re.compile(r"今|昨|前天|明|当天|当日|日前|近日")

#: What may follow a time at a sentence's opening before its comma (3月31日上午，…).
_DAY_PART = re.compile(r"^(?:上午|下午|晚上|晚间|中午|早上|凌晨|晚)?$")


def _time_before(context: _Context, sentence: Span, position: int):  # type: ignore[no-untyped-def]
    """When the verb at ``position`` happened: the nearest time expression of its clause before it
    that is no attribute of a noun (2023年度…项目, 2022年首批…: an attribute); else the one that opens the
    sentence as a clause of its own (3月28日，…), unless the clause after it reports how the news came
    (9月2日，记者从某区获悉，…: when the reporter learned, not when it happened); else an attribute's.
    A time in another clause says when something else happened (记者昨日获悉，日前…获批)."""
    text = context.text
    clause_start, _ = _clause(text, sentence, position)
    own, attributes, openers = [], [], []
    for time in context.times:
        if not (sentence.start <= time.start and time.end <= position):
            continue
        own_start, own_end = _clause(text, sentence, time.start)
        if time.start >= clause_start:
            (attributes if _ATTRIBUTE.match(text, time.end) else own).append(time)
        elif _LEAD.match(text[own_start : time.start]) and _DAY_PART.match(text[time.end : own_end]):
            _, next_end = _clause(text, sentence, min(own_end + 1, sentence.end))
            if not _REPORTED.search(text, own_end, next_end):
                openers.append(time)
    for found in (own, openers, attributes):
        if found:
            return found[-1]
    return None


def _specificity(time) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Sort key: the shortest period first, then the nearest (the last found)."""
    spec = time.spec
    days = (spec.end - spec.begin).days if spec.begin is not None and spec.end is not None else 10**6
    return days, -time.start


def _amount(context: _Context, sentence: Span, verb_end: int, clause_start: int):  # type: ignore[no-untyped-def]
    """The event's amount: money after 总投资 / 签约金额 / 投资 … in the verb's clause or a later one of
    its sentence (此次集中开工项目8个，总投资41.2亿元), with no other event's verb, plan or earlier
    happening between (…签约活动，此前已集中签约项目31个、总投资142.6亿元 is another's)."""
    text = context.text
    _, clause_end = _clause(text, sentence, verb_end - 1)
    for amount in context.amounts:
        if not (clause_start <= amount.start and amount.end <= sentence.end):
            continue
        between = text[verb_end : amount.start]
        if amount.start > clause_end and (
            _FUTURE.search(between) or any(p.search(between) for p in _TRIGGERS.values())
        ):
            continue
        head = text[max(sentence.start, amount.start - 8) : amount.start]
        head = re.sub(r"(?:约|达|为|超|近|逾|共|计|高达|达到|合计|累计)$", "", head)
        if _AMOUNT.search(head):
            return amount
    return None


# --- visits ----------------------------------------------------------------------------------------------


def _visit(context: _Context, sentence: Span, events: list[_Event]) -> None:
    """A sentence's visit: who visits (the people before its first visiting verb, else the bodies), who
    accompanies (陪同), what it goes to; one visit per article, unless other people make another."""
    text = context.text
    strong = [
        (sentence.start + m.start(), sentence.start + m.end())
        for m in _TRIGGERS["visit"].finditer(sentence.text)
        if _happened(context, sentence, sentence.start + m.start(), sentence.start + m.end())
    ]
    weak = [
        (sentence.start + m.start(), sentence.start + m.end())
        for m in _WEAK_VISIT.finditer(sentence.text)
        if _happened(context, sentence, sentence.start + m.start(), sentence.start + m.end())
    ]
    destinations = [
        (sentence.start + m.start(), sentence.start + m.end())
        for m in _DESTINATION.finditer(sentence.text)
        if any(p.start == sentence.start + m.end() for p, _ in context.mentions)
        and not context.quoted(sentence.start + m.start())
    ]
    known = next((e for e in events if e.kinds == ["visit"]), None)
    if not strong and not (known and (weak or destinations)):
        return
    verbs = sorted(strong + weak + destinations)
    first = verbs[0][0]
    companions = _companions(context, sentence)
    opener_start = sentence.start
    people = [
        (m, e)
        for m, e in context.inside(opener_start, first, frozenset({"person"}))
        if id(e) not in companions
    ]
    bodies = [] if people else [(m, e) for m, e in context.inside(opener_start, first, _ORGANISATIONS)]
    party = _PARTY.search(text[opener_start:first]) is not None
    event = _Event(["visit"], first)
    for _, entity in people or bodies:
        event.add("prov:wasAssociatedWith", entity)
    for entity in companions.values():
        event.add("schema:attendee", entity)
    for start, end in verbs:
        clause_start, clause_end = _clause(text, sentence, start)
        for _, entity in context.inside(end, clause_end) + _fronted(context, clause_start, start):
            if entity.kind in _VISITABLE:
                event.add("pg:visited", entity)
            elif entity.kind == "place":
                event.add("schema:location", entity)
    if not (event.has("pg:visited") or event.has("schema:location") or companions):
        return
    event.spans.append(_stripped(sentence))
    event.time = _time_before(context, sentence, first)
    visitors = set(event.roles.get("prov:wasAssociatedWith", {}))
    same = next(
        (
            e
            for e in events
            if e.kinds == ["visit"]
            and (not visitors or party or visitors & set(e.roles.get("prov:wasAssociatedWith", {})))
        ),
        None,
    )
    if same is not None:
        _absorb(same, event)
    elif visitors and strong:
        events.append(event)


def _fronted(context: _Context, clause_start: int, verb: int) -> list[Pair]:
    """What a visit goes to when the clause puts it before the verb: 对A、B（进行了）实地考察."""
    text = context.text
    by = text.rfind("对", clause_start, verb)
    if by < 0:
        return []
    named = context.inside(by + 1, verb)
    if not named or named[0][0].start != by + 1 or not _FRONTED_GAP.fullmatch(text[named[-1][0].end : verb]):
        return []
    return named


def _companions(context: _Context, sentence: Span) -> dict[int, Found]:
    """The people who accompany a visit: those named before 陪同 / 参加调研 back to the sentence's start or
    the last visiting verb before it (某某、某某，某某等参加调研; 在某某的陪同下)."""
    found: dict[int, Found] = {}
    for match in _ACCOMPANY.finditer(sentence.text):
        at = sentence.start + match.start()
        verbs = [
            sentence.start + m.end()
            for pattern in (_TRIGGERS["visit"], _DESTINATION)
            for m in pattern.finditer(sentence.text)
            if sentence.start + m.end() <= at
        ]
        for _, entity in context.inside(max([sentence.start, *verbs]), at, frozenset({"person"})):
            found[id(entity)] = entity
    return found


def _venues(context: _Context, events: list[_Event]) -> None:
    """主会场设在某产业新城 / 分会场设在…: where the article's one ceremony takes place."""
    ceremonies = [e for e in events if e.ceremony]
    if len(ceremonies) != 1:
        return
    text = context.text
    for match in re.finditer(r"(?:主会场|分会场|会场)(?:设在|设于|位于)", text):
        at = match.end()
        entity = next((e for m, e in context.inside(at, at + 30, _PLACES) if m.start == at), None)
        if entity is not None:
            ceremonies[0].add("schema:location", entity)
            sentence = next(s for s in sentences(text) if s.start <= match.start() < s.end)
            if _stripped(sentence) not in ceremonies[0].spans:
                ceremonies[0].spans.append(_stripped(sentence))


def _scenes(context: _Context, events: list[_Event]) -> None:
    """在某公司，某某了解… / ▲在某项目施工现场，某某察看…: where the article's visitors were, visited."""
    visit = next((e for e in events if e.kinds == ["visit"]), None)
    if visit is None:
        return
    visitors = set(visit.roles.get("prov:wasAssociatedWith", {}))
    text = context.text
    for match in re.finditer(r"(?:^|[。\n▲])\s*▲?在", text):
        at = match.end()
        comma = min((c for c in (text.find("，", at), text.find(",", at)) if c >= 0), default=-1)
        if comma < 0 or comma - at > 40:
            continue
        place = next(((m, e) for m, e in context.inside(at, comma) if m.start == at), None)
        if place is None or place[1].kind not in _VISITABLE:
            continue
        sentence_end = min(
            (e for e in (text.find(c, comma) for c in "。！？\n") if e >= 0), default=len(text)
        )
        after = text[sentence_end + 1 : sentence_end + 8]  # …一派繁忙景象。某某察看生产线: the next subject
        named = context.inside(comma + 1, sentence_end, frozenset({"person"}))
        named += [
            (m, e) for m, e in context.inside(sentence_end + 1, sentence_end + 8) if after.startswith(m.text)
        ]
        if any(id(e) in visitors for _, e in named):
            visit.add("pg:visited", place[1])
            span = Span(at - 1, sentence_end, text[at - 1 : sentence_end])
            if span not in visit.spans:
                visit.spans.append(span)


# --- coreference and attendance --------------------------------------------------------------------------


def _merge(events: list[_Event], event: _Event, kinds: list[str]) -> None:
    """Add a mention's event to the article's: the article's ceremony of those kinds takes every
    ceremony mention; a signing the same parties'; a start, commissioning or completion the same
    projects', or, naming none, the ceremony's (else the first of its kind). Anything else is a
    happening of its own."""
    same = None
    if event.ceremony:
        same = next((e for e in events if e.ceremony and set(kinds) & set(e.kinds)), None)
    if same is None and kinds[0] in {"signing", "cobuilding", "settlement"}:
        parties = event.parties()
        same = next(
            (
                e
                for e in events
                if e.kinds[0] == kinds[0] and parties and (parties == e.parties() or _named_again(event, e))
            ),
            None,
        )
        if same is None and not parties and kinds[0] == "signing":
            projects = set(event.roles.get("pg:eventProject", {}))
            same = next(
                (
                    e
                    for e in events
                    if e.kinds[0] == "signing"
                    and (
                        not projects
                        or not e.has("pg:eventProject")
                        or projects & set(e.roles["pg:eventProject"])
                    )
                ),
                None,
            )  # 代表双方签约: the article's signing; other projects' signings are others'
    if same is None and kinds[0] in {"start", "commissioning", "completion"}:
        projects = set(event.roles.get("pg:eventProject", {}))
        same = next(
            (
                e
                for e in events
                if set(kinds) & set(e.kinds) and projects & set(e.roles.get("pg:eventProject", {}))
            ),
            None,
        )
        if same is None and not projects:  # 宣布某区重点项目开工: the article's ceremony, else its event
            sharing = [e for e in events if set(kinds) & set(e.kinds)]
            same = next((e for e in sharing if e.ceremony), sharing[0] if sharing else None)
    if same is not None:
        _absorb(same, event)
        for kind in kinds:
            if kind not in same.kinds:
                same.kinds.append(kind)
        same.kinds.sort(key=_KIND_ORDER.index)
    else:
        events.append(event)


def _named_again(event: _Event, known: _Event) -> bool:
    """Whether a signing is one the article already reports, told again with or without its
    counterparties (甲与10家企业签约; 代表甲与乙、丙等10家企业签约): the same parties who sign, and
    the counterparties of one of them only."""
    agents = set(event.roles.get("prov:wasAssociatedWith", {}))
    others = set(event.roles.get("pg:counterparty", {}))
    known_others = set(known.roles.get("pg:counterparty", {}))
    return (
        bool(agents)
        and agents == set(known.roles.get("prov:wasAssociatedWith", {}))
        and (not others or not known_others)
    )


def _absorb(event: _Event, other: _Event) -> None:
    for role, members in other.roles.items():
        for entity in members.values():
            event.add(role, entity)
    event.spans.extend(s for s in other.spans if s not in event.spans)
    times = [t for t in (event.time, other.time) if t is not None]
    # the more specific; of two alike, the one written out (10月31日) over a headline's 今日
    event.time = min(times, key=lambda t: (_specificity(t)[0], bool(_DEICTIC.search(t.text))), default=None)
    event.amount = event.amount or other.amount
    event.ceremony = event.ceremony or other.ceremony


def _attendance(context: _Context, events: list[_Event]) -> None:
    """出席 / 主持 / 致辞 / 宣布 / 见证 an event: the people named before the verb (back to the previous
    such verb, a speech verb or the sentence's start) attend the event the words after it name (开工仪式,
    签约仪式), else the article's ceremony. A list of attendees runs on over semicolons (甲，乙；某局负责
    同志；…出席仪式), so the stretch is the whole sentence to its full stop."""
    text = context.text
    ceremonies = [e for e in events if e.ceremony]
    for sentence in (Span(m.start(), m.end(), m.group()) for m in _FULL_SENTENCE.finditer(text)):
        boundary = sentence.start
        for match in _ATTEND.finditer(sentence.text):
            at, end = sentence.start + match.start(), sentence.start + match.end()
            if (
                context.quoted(at)
                or _NOT_ATTEND_BEFORE.search(text[max(0, at - 2) : at])
                or _NOT_ATTEND_AFTER.match(text[end : end + 2])
            ):
                continue
            start = max([boundary, *(m.end() for m in _SPEECH.finditer(text, boundary, at))])
            boundary = end
            _, clause_end = _clause(text, sentence, at)
            target = _attended(text[end : min(clause_end, end + 30)], match.group(), events, ceremonies)
            if target is None:
                continue
            people = context.inside(start, at, frozenset({"person"}))
            for _, entity in people:
                if id(entity) not in set(target.roles.get("prov:wasAssociatedWith", {})):
                    target.add("schema:attendee", entity)
            if people:
                span = _stripped(sentence)
                if span not in target.spans:
                    target.spans.append(span)


def _attended(after: str, verb: str, events: list[_Event], ceremonies: list[_Event]) -> _Event | None:
    """The event an attendance verb is about: the kind the words after it name, else (a ceremony noun
    after it, 致辞 / 讲话 / 主持 alone, or any such verb closing its clause: 市领导某某参加。) the article's
    one ceremony."""
    for kind in _KIND_ORDER:
        if kind != "visit" and _TRIGGERS[kind].search(after):
            return next((e for e in ceremonies if kind in e.kinds), None) or next(
                (e for e in events if kind in e.kinds), None
            )
    if _TRIGGERS["visit"].match(after):
        return next((e for e in events if e.kinds == ["visit"]), None)
    spoken = verb in {"致辞", "讲话", "主持"} and re.match(r"^(?:时|中|上|并|$)", after)
    bare = not after.strip(
        "。！!；; \u3000"
    )  # 某某主持。/ 市领导某某参加。: the ceremony the article reports
    if _CEREMONY_NOUN.search(after) or spoken or bare:
        return ceremonies[0] if len(ceremonies) == 1 else None
    return None


# --- the facts ---------------------------------------------------------------------------------------------


#: The participant an event's label names first: a ceremony's place, else its agent.
_HEAD_ROLES = (
    "prov:wasAssociatedWith",
    "pg:counterparty",
    "schema:organizer",
    "schema:location",
    "pg:eventProject",
    "pg:visited",
)
_HEAD_ROLES_CEREMONY = ("schema:location", "schema:organizer", "prov:wasAssociatedWith", "pg:eventProject")

#: The roles of an event's fact, in the order they are written.
_ROLES = (
    "prov:wasAssociatedWith",
    "pg:counterparty",
    "pg:visited",
    "pg:eventProject",
    "pg:produces",
    "schema:location",
    "schema:organizer",
    "schema:attendee",
)


def _complete(event: _Event) -> bool:
    """Whether the event has the participants each of its classes' shapes needs (ontology/shapes.ttl)."""
    if "signing" in event.kinds or "cobuilding" in event.kinds:
        counterparties = event.members("pg:counterparty")
        if (
            not event.has("prov:wasAssociatedWith")
            and not event.has("pg:eventProject")
            and len(counterparties) >= 2
        ):
            # 与甲、乙签约 with no party before: 甲 is one (某项目与甲签约: the project's side signs)
            del event.roles["pg:counterparty"][id(counterparties[0])]
            event.add("prov:wasAssociatedWith", counterparties[0])
    return all(any(event.has(role) for role in _NEEDS[kind]) for kind in event.kinds) and (
        "cobuilding" not in event.kinds or event.has("prov:wasAssociatedWith")
    )


#: What each kind of event needs one of (its shape in ontology/shapes.ttl).
_NEEDS = {
    "visit": ("prov:wasAssociatedWith",),
    "signing": (
        "prov:wasAssociatedWith",
        "pg:counterparty",
        "schema:organizer",
        "pg:eventProject",
        "schema:location",  # 某经开区举行集中签约仪式: the ceremony of the park's signings
    ),
    "cobuilding": ("pg:produces",),
    "settlement": ("prov:wasAssociatedWith", "pg:eventProject"),
    "start": ("pg:eventProject", "schema:location", "schema:organizer", "prov:wasAssociatedWith"),
    "commissioning": ("pg:eventProject", "schema:location", "schema:organizer", "prov:wasAssociatedWith"),
    "completion": ("pg:eventProject", "schema:location", "schema:organizer", "prov:wasAssociatedWith"),
}


def _emit(draft: Draft, context: _Context, event: _Event) -> None:
    if not _complete(event) or (
        "visit" in event.kinds and not (event.has("pg:visited") or event.has("schema:location"))
    ):
        return
    text = draft.text
    spans = event.spans[:_MAX_QUOTES]
    for extra in (event.time, event.amount):  # the quotes must hold the time and the amount they state
        if extra is not None and not any(s.start <= extra.start and extra.end <= s.end for s in spans):
            holder = next(s for s in event.spans if s.start <= extra.start and extra.end <= s.end)
            spans = [*spans[: _MAX_QUOTES - 1], holder]
    seen: set[int] = set()  # one role an entity: the first of _ROLES it fills
    props = []
    for role in _ROLES:
        members = [e for e in event.members(role) if id(e) not in seen]
        seen |= {id(e) for e in members}
        if members:
            props.append(Prop(curie(role), tuple(draft.slug_for(e) for e in members), 0))
    order = _HEAD_ROLES_CEREMONY if event.ceremony else _HEAD_ROLES
    head = next((event.members(r)[0] for r in order if event.has(r)), None)
    zh = "、".join(_KINDS[k]["zh"] for k in event.kinds)
    en = " and ".join(_KINDS[k]["en"] for k in event.kinds)
    head_en = draft.entities[draft.slug_for(head)].en if head is not None else ""
    slug = fact_id("event", *event.kinds, event.start)
    time = event.time
    if time is not None:
        draft.facts.pop(fact_id("event", time.start, time.end), None)  # the statistics' plain event
    head_zh = head.label if head is not None else ""
    draft.facts[slug] = Fact(
        slug=slug,
        label=f"{head_zh}{zh}" + (f"（{time.text}）" if time is not None else ""),
        en=f"{en}: {head_en}" + (f" ({time.text})" if time is not None else ""),
        quotes=tuple(quote(text, s) for s in sorted(set(spans))),
        line=0,
        types=tuple(curie(_KINDS[k]["class"]) for k in event.kinds),
        props=tuple(props),
        quantity=event.amount.text if event.amount is not None else None,
        unit=event.amount.annotation_unit if event.amount is not None else None,
        time=time.text if time is not None else None,
    )
    draft.confidence[slug] = _CONFIDENCE


# --- approvals and designations ------------------------------------------------------------------------

#: What an approval approves or designates.
_APPROVED = frozenset(
    {"park", "zone", "platform", "research_institute", "incubator", "company", "project", "university"}
)
_BODIES = frozenset({"government", "party_committee"})


@dataclass
class _Approval:
    """An approval in the making: the title it awards (a concept's label and span) if the text names
    one, the body that approves, what it approves, its evidence and time."""

    title: tuple[str, Span] | None
    programme: Found | None
    body: Found | None
    approved: dict[int, Found] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    time: object | None = None
    verb: str = "批复"  # how the label says it (批复, 审议通过)


def add_approvals(draft: Draft, context: _Context) -> None:
    """获批 / 认定 / 批复 / 入选 …: one ``pg:DesignationEvent`` per title and approving body the article
    names (经某省政府批准, 某厅批复, 在某部公布的…中), with everything it designates, the title being
    what the text awards (省级…园区 after 获批, 国家级…孵化器 after 备案为; the programme of that name
    when the article names one), never the verb; a ``pg:ApprovalEvent`` where no title is named (获
    某省政府批复). An approval whose body the article does not name is left out."""
    approvals: list[_Approval] = []
    for sentence in sentences(context.text):
        in_sentence: list[_Approval] = []
        for match in _APPROVAL.finditer(sentence.text):
            at, end = sentence.start + match.start(), sentence.start + match.end()
            if context.quoted(at) or _FUTURE.search(
                context.text[_clause(context.text, sentence, at)[0] : at]
            ):
                continue
            found = _approval(context, sentence, at, end)
            if found is not None:
                in_sentence.append(found)
        titled = next((a for a in in_sentence if a.title is not None), None)
        for found in in_sentence:  # 某厅公布某称号名单，某园区成功入选: the title the sentence names
            if titled is not None and found is not titled and found.title is None:
                found.title, found.programme = titled.title, titled.programme
            _merge_approval(approvals, found)
    for approval in approvals:
        if approval.body is not None and approval.approved:
            _emit_approval(draft, approval)


def _approval(context: _Context, sentence: Span, at: int, end: int) -> _Approval | None:
    text = context.text
    inside = context.inside(sentence.start, sentence.end)
    bodies = [(m, e) for m, e in inside if e.kind in _BODIES]
    body = max(((m, e) for m, e in bodies if m.end <= at), key=lambda p: p[0].end, default=None)
    body = body or min(((m, e) for m, e in bodies if m.start >= end), key=lambda p: p[0].start, default=None)
    lead = end + _TITLE_LEAD.match(text[end : sentence.end]).end()
    programme = next(((m, e) for m, e in inside if e.kind == "programme" and end <= m.start <= lead), None)
    title: tuple[str, Span] | None = None
    named = next(((m, e) for m, e in inside if e.kind in _APPROVED and end <= m.start <= lead), None)
    if named is None and _ADOPTS.fullmatch(text[at:end]):  # 审议通过了《某规划》: the document adopted
        document = next(((m, e) for m, e in inside if e.kind == "policy" and m.start >= end), None)
        if document is not None and _DOCUMENT_LEAD.fullmatch(text[end : document[0].start]):
            named = document
    if programme is not None:
        title = (programme[1].label, programme[0])
    elif named is None:
        match = _TITLE.match(text, lead, sentence.end)
        if (
            match is not None
            and _TITLE_OPENS.match(match.group())  # a title says its level or province: 国家级…, 江苏省…
            and not any(m.start < match.end() and match.start() < m.end for m, _ in inside)
        ):
            title = (match.group(), Span(match.start(), match.end(), match.group()))
    clause_start, _ = _clause(text, sentence, at)
    approved = [(m, e) for m, e in context.inside(clause_start, at, _APPROVED)]
    if not approved and _COUNTED.search(text[clause_start:at]):
        return None  # 全省共有11个园区获批: a count of approvals, not one
    if named is not None:
        approved.append(named)  # 批复设立某经开区
    if not approved and title is not None:
        approved = [(m, e) for m, e in inside if e.kind in _APPROVED and m.start >= title[1].end]
    if not approved and body is None:
        return None
    result = _Approval(title, programme[1] if programme else None, body[1] if body else None)
    for _, entity in approved:
        result.approved.setdefault(id(entity), entity)
    result.spans.append(_stripped(sentence))
    result.time = _time_before(context, sentence, at)
    if _ADOPTS.fullmatch(text[at:end]):
        result.verb = text[at:end]
    return result


def _merge_approval(approvals: list[_Approval], found: _Approval) -> None:
    """The same title (and no other body), or the same body when neither names a title, is the same
    approval: the headline's 某园区获批某称号 and the body's 某厅批复…某称号 are one."""
    title = found.title[0] if found.title else None
    for known in approvals:
        known_title = known.title[0] if known.title else None
        bodies_agree = found.body is None or known.body is None or found.body is known.body
        same_title = title is not None and title == known_title and bodies_agree
        same_body = (
            found.body is not None and found.body is known.body and title is None and known_title is None
        )
        if same_title or same_body:
            known.body = known.body or found.body
            known.title = known.title or found.title
            known.programme = known.programme or found.programme
            known.approved.update(found.approved)
            known.spans.extend(s for s in found.spans if s not in known.spans)
            known.time = known.time or found.time
            return
    approvals.append(found)


def _emit_approval(draft: Draft, approval: _Approval) -> None:
    assert approval.body is not None
    body = approval.body
    entities = [e for e in approval.approved.values() if e is not body]
    if not entities:
        return
    spans = approval.spans[:_MAX_QUOTES]
    time = approval.time
    if time is not None and not any(s.start <= time.start and time.end <= s.end for s in spans):
        time = None
    first = entities[0]
    first_en = draft.entities[draft.slug_for(first)].en
    if approval.title is not None:
        label, span = approval.title
        ref = designation(draft, label, span, approval.programme)
        slug = fact_id("designation", label, body.label)
        props = (
            Prop(curie("pg:designatedEntity"), tuple(draft.slug_for(e) for e in entities), 0),
            Prop(curie("prov:wasAssociatedWith"), (draft.slug_for(body),), 0),
            Prop(curie("pg:designation"), (ref,), 0),
        )
        zh, en, types = (
            f"{first.label}：{label}",
            f"{first_en}: {draft.concepts[ref].en}",
            "pg:DesignationEvent",
        )
    else:
        slug = fact_id("approval", body.label, first.label)
        props = (
            Prop(curie("pg:approvedEntity"), tuple(draft.slug_for(e) for e in entities), 0),
            Prop(curie("prov:wasAssociatedWith"), (draft.slug_for(body),), 0),
        )
        body_en = draft.entities[draft.slug_for(body)].en
        zh, en, types = (
            f"{body.label}{approval.verb}{first.label}",
            f"{body_en} approves {first_en}",
            "pg:ApprovalEvent",
        )
    if time is not None:
        draft.facts.pop(fact_id("event", time.start, time.end), None)
    draft.facts[slug] = Fact(
        slug=slug,
        label=zh,
        en=en,
        quotes=tuple(quote(draft.text, s) for s in sorted(set(spans))),
        line=0,
        types=(curie(types),),
        props=props,
        time=time.text if time is not None else None,
    )
    draft.confidence[slug] = 0.5


def designation(draft: Draft, label: str, span: Span, programme: Found | None) -> str:
    """The designation concept a title names; the programme of that name, if the article names
    one, is linked to it (``pg:designation``: the title the programme awards)."""
    ref = draft.concept("designations", label, span, kind="programme")
    if programme is not None:
        draft.relate(draft.slug_for(programme), "pg:designation", ref, span, confidence=0.6)
    return ref


def designate(
    draft: Draft, entity: Found, mention: Span, body: Found, ref: str, label: str, evidence: Span
) -> None:
    """A ``pg:DesignationEvent``: ``entity`` given the title ``ref`` by ``body``, as ``evidence`` says
    (a row of a table under its heading)."""
    slug = fact_id("designation", mention.start, label)
    draft.facts[slug] = Fact(
        slug=slug,
        label=f"{entity.label}：{label}",
        en=f"{draft.entities[draft.slug_for(entity)].en}: {draft.concepts[ref].en}",
        quotes=(quote(draft.text, evidence),),
        line=0,
        types=(curie("pg:DesignationEvent"),),
        props=(
            Prop(curie("pg:designatedEntity"), (draft.slug_for(entity),), 0),
            Prop(curie("prov:wasAssociatedWith"), (draft.slug_for(body),), 0),
            Prop(curie("pg:designation"), (ref,), 0),
        ),
    )
    draft.confidence[slug] = 0.7
