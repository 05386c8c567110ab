"""Facts about the entities: statistics, the relations the genre's verbs state, approvals, industries.

Relations come from the verbs of the genre (位于, 集聚 / 引进 / 入驻 / 落户, 出台 / 印发 / 发布, 与…签署 /
合作 / 共建, 投资 / 建设) between the entities of one sentence, and from names (a park named after its
zone is in that zone). All the verbs are data (``data/relations.yaml``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from itertools import product
from pathlib import Path

import yaml

from ..annotations import Fact, Prop
from ..reader import Article
from .assemble import Draft, curie, quote
from .lac import Token
from .names import NAME_RULES
from .posts import Post
from .resolve import Entity as Found
from .spans import Mention, Span
from .tables import find_tables

__all__ = ["add_relations", "add_statistics", "sentences", "verb_positions"]

_RULES = yaml.safe_load((Path(__file__).with_name("data") / "relations.yaml").read_text(encoding="utf-8"))
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_SUBJECT_KINDS = frozenset(
    {
        "park",
        "zone",
        "company",
        "project",
        "place",
        "platform",
        "research_institute",
        "incubator",
        "university",
        "government",
        "programme",
    }
)
_MAIN_KINDS = ("park", "zone")


def sentences(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def add_relations(draft: Draft, article: Article, entities: list[Found]) -> None:
    """Relations the sentences' verbs and the names state, and the industries listed."""
    text = article.text
    mentions = sorted((m, e) for e in entities for m in e.mentions)
    main = _main_subject(entities, article.title)
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
    _industries(draft, text, entities, main)


def verb_positions(tokens: list[Token]) -> frozenset[int]:
    """Where the model's verbs and prepositions start: a clause's subject comes before them."""
    return frozenset(t.start for t in tokens if t.tag in {"v", "p"})


def add_statistics(
    draft: Draft,
    article: Article,
    entities: list[Found],
    *,
    verbs: frozenset[int] = frozenset(),
    posts: Sequence[Post] = (),
) -> None:
    """A ``pg:Statistic`` for every quantity the text states, about what its sentence is about.

    What a number is about (:func:`_subject`, :func:`_referred`): the first entity of its clause
    (the genre puts the subject first: 园区实现营业收入78.6亿元); the article's main subject (the park
    or zone of the headline) when the clause opens with 园区 / 该区; the last project, company or place
    named when the clause says 项目 / 公司 / 全市; else the subject of the paragraph's sentence before,
    else the main subject. What it measures: the indicator words before it
    (:mod:`parkgraph.extract.numbers`); when: the time expression before it in its sentence. Ranges
    (10至15亿元) are left out: a statistic has one value.
    """
    from .numbers import find_quantities

    text = article.text
    mentions = _outermost(sorted((m, e) for e in entities for m in e.mentions))
    main = _main_subject(entities, article.title)
    quantities = find_quantities(text)
    times = _times(article)
    speakers = _speakers(text, posts)
    zones = [e for e in entities if e.kind == "zone"]
    previous: Found | None = None  # the subject of the paragraph's last sentence that had one
    for sentence in sentences(text):
        if "\n" in text[max(0, sentence.start - 1) : sentence.start]:
            previous = None  # a new paragraph
        inside = [(m, e) for m, e in mentions if sentence.start <= m.start and m.end <= sentence.end]
        in_sentence = [t for t in times if sentence.start <= t.start and t.end <= sentence.end]
        used: set[int] = set()
        first_subject = _sentence_subject(text, sentence, inside)
        for number in (q for q in quantities if sentence.start <= q.start and q.end <= sentence.end):
            own = (
                _attributive(text, sentence, number, inside)
                or _subject(text, sentence, number, inside, verbs)
                or _referred(text, _clause_start(text, sentence, number.start), number, mentions, verbs)
            )
            own = own or _spoken(text, number, speakers, zones)
            main_reference = _opens_with_main_reference(text, sentence, number, verbs)
            topic = (
                None
                if own or main_reference
                else _topic(text, sentence, number, inside, mentions, main, verbs)
            )
            subject = own or (
                main if main_reference else topic or _first_before(number, inside) or previous or main
            )
            if subject is not None and number.upper is None:
                time = max(
                    (t for t in in_sentence if t.end <= number.start), key=lambda t: t.end, default=None
                )
                if time is not None:
                    used.add(time.start)
                _statistic(draft, subject, number, time)
                for other in _each_of(text, sentence, number, inside, subject):
                    _statistic(draft, other, number, time, shared=True)
        previous = first_subject or previous
        for time in in_sentence:
            subject = inside[0][1] if inside else main
            if time.start not in used and subject is not None:
                _event(draft, subject, time, sentence)


#: Verbs that say who spoke a quote (“…”某公司总经理某某介绍).
_SPEECH = re.compile(r"^[^，。！？\n]{0,24}?(?:介绍|表示|说|告诉|称|指出|坦言|感慨)")


def _speakers(text: str, posts: Sequence[Post]) -> list[tuple[int, int, Post]]:
    """Who speaks where: the paragraph after a line that is only a speaker's post (【同期声】某公司
    副总经理 某某, as broadcast transcripts mark a sound bite), and a quote followed by a speaker's
    post and a verb of speech (“…”某公司总经理某某介绍)."""
    found = []
    for post in posts:
        line_start = text.rfind("\n", 0, post.span.start) + 1
        line_end = text.find("\n", post.span.end)
        if line_end < 0:
            continue
        before = text[line_start : post.span.start].strip()
        if re.fullmatch(r"(?:【[^】]{1,8}】)?", before) and not text[post.span.end : line_end].strip():
            next_end = text.find("\n", line_end + 1)
            found.append((line_end + 1, len(text) if next_end < 0 else next_end, post))
        elif text[max(0, post.span.start - 1) : post.span.start] == "”" and _SPEECH.match(
            text[post.span.end :]
        ):
            opening = text.rfind("“", 0, post.span.start)
            if opening >= 0:
                found.append((opening + 1, post.span.start - 1, post))
    return found


def _spoken(
    text: str, number: Span, speakers: list[tuple[int, int, Post]], zones: Sequence[Found]
) -> Found | None:
    """A number a speaker states is about what they speak for: their organisation (我们; the zone,
    for a zone's committee), or themselves (我)."""
    for start, end, post in speakers:
        if start <= number.start and number.end <= end:
            before = text[start : number.start]
            if "我" in before.replace("我们", ""):
                return post.person  # 以前我在外地打工…每月收入有6000多元
            organisation = post.organisation
            zone = next(
                (z for z in zones for n in (z.label, *z.aliases) if organisation.label.startswith(n)), None
            )
            return zone or organisation  # 某经开区党工委副书记: "we" are the zone
    return None


def _outermost(mentions: list[tuple[Mention, Found]]) -> list[tuple[Mention, Found]]:
    """The mentions inside no other (枫陵市 in 枫陵市数字经济产业园 is no subject of its own)."""
    return [
        (m, e)
        for m, e in mentions
        if not any(
            o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
            for o, _ in mentions
        )
    ]


def _clause_start(text: str, sentence: Span, position: int) -> int:
    """Where the clause holding ``position`` begins: after the sentence's last comma (or colon,
    semicolon) before it."""
    cut = max(text.rfind(mark, sentence.start, position) for mark in _CLAUSE_MARKS)
    return cut + 1 if cut >= 0 else sentence.start


def _opens_with_main_reference(
    text: str, sentence: Span, number: Span, verbs: frozenset[int] = frozenset()
) -> bool:
    """Whether the number's clause names the main subject (园区 / 该区) before its first verb."""
    clause_start = _clause_start(text, sentence, number.start)
    opener = clause_start + _TOPIC_OPENERS.match(text[clause_start : number.start]).end()
    first_verb = next((p for p in range(opener, number.start) if p in verbs), number.start)
    return bool(re.search(_RULES["main_references"], text[clause_start:first_verb]))


def _times(article: Article) -> list:  # type: ignore[type-arg]
    """The article's time expressions whose surface alone resolves as the finder resolved it (the
    annotation keeps the surface, and populate resolves it again against the dateline)."""
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


_CLAUSE_MARKS = "，,；;：:"


#: Between a count and the title it counts: nothing (8家省级特色产业园区) or 园区为 (5家园区为…).
_COUNTS_TITLE = re.compile(r"^(?:(?:园区|企业|单位)?(?:为|成为|列为|认定为|确定为)(?:\d{4}年度?)?)?$")


def _subject(
    text: str, sentence: Span, number: Span, inside: list[tuple[Mention, Found]], verbs: frozenset[int]
) -> Found | None:
    """What a number is about: the entity whose name holds it; else the first entity of its clause
    before it; a clause that opens with 园区 / 该区 (the article's main subject) has none; else the
    first entity of the sentence before it."""
    named = [(m, e) for m, e in inside if m.start <= number.start and number.end <= m.end]
    if named:
        return named[0][1]  # 年产10万吨…项目, 200兆瓦…电站: a number in a name is that thing's
    counted = next(
        (
            e
            for m, e in inside
            if e.kind == "programme"
            and 0 <= m.start - number.end <= 10
            and _COUNTS_TITLE.match(text[number.end : m.start])
        ),
        None,
    )  # 全省新认定的8家省级特色产业园区, 等5家园区为2023年度省级…: what the number counts is the title's
    if counted is not None:
        return counted
    clause_start = _clause_start(text, sentence, number.start)
    if text[number.start - 1 : number.start] == "等":
        return None  # A项目、B项目等9个在建项目: the count of a list is not about its items
    before = [
        (m, e)
        for m, e in inside
        if clause_start <= m.start
        and m.end <= number.start
        and e.kind in _SUBJECT_KINDS
        and not (e.kind == "programme" and number.start - m.end <= _COUNTED_GAP)  # 国家高新技术企业58家
    ]
    headed = [(m, e) for m, e in before if text[max(0, m.start - 2) : m.start].endswith(("的", "的“"))]
    if headed:
        return headed[0][1]  # 高新科创公司运营的“传感谷”孵化器在孵企业达72家: the name after 的
    covered = {p for m, _ in inside for p in range(m.start, m.end)}
    in_clause = [
        (m, e)
        for m, e in before
        if not any(v in verbs and v not in covered for v in range(clause_start, m.start))
    ]  # 目前已牵头承担国家重点研发计划项目2项: after the verb, an object, not the subject
    if in_clause:
        return in_clause[0][1]
    return None


#: What may stand between a number and the 的 that makes it describe the name after it (建设的).
_ATTRIBUTIVE = re.compile(r"^[\u4e00-\u9fff]{0,4}的$")


def _attributive(
    text: str, sentence: Span, number: Span, inside: list[tuple[Mention, Found]]
) -> Found | None:
    """总规模20亿元的智能传感器产业投资基金, 投资3.8亿元建设的…平台: a number before 的 and a name
    describes that name."""
    after = [(m, e) for m, e in inside if m.start >= number.end and m.start - number.end <= 5]
    for mention, entity in after:
        if _ATTRIBUTIVE.match(text[number.end : mention.start]) and entity.kind in _SUBJECT_KINDS:
            return entity
    return None


#: What opens a clause whose subject is named after its 的 (由省工信厅批复建设的…创新中心同样落户园区).
_PASSIVE_OPENERS = ("由", "经")


def _sentence_subject(text: str, sentence: Span, inside: list[tuple[Mention, Found]]) -> Found | None:
    """What a sentence is about: the first entity of its first clause that names one, or the name
    after 的 when that clause opens with 由 / 经 (由…主办的棠阴县…仪式…举行)."""
    at = sentence.start
    while at < sentence.end:
        cut = min(
            (i for i in (text.find(mark, at, sentence.end) for mark in _CLAUSE_MARKS) if i >= 0),
            default=sentence.end,
        )
        clause = [(m, e) for m, e in inside if at <= m.start and m.end <= cut and e.kind in _SUBJECT_KINDS]
        if clause:
            opener = at + _TOPIC_OPENERS.match(text[at:cut]).end()
            return _passive_head(text, opener, cut, inside) or clause[0][1]
        at = cut + 1
    return None


def _passive_head(text: str, opener: int, end: int, inside: list[tuple[Mention, Found]]) -> Found | None:
    """The subject of a clause opening with 由 / 经 (…批复建设的X同样落户…): the name after its 的."""
    if not text.startswith(_PASSIVE_OPENERS, opener):
        return None
    heads = [
        e
        for m, e in inside
        if opener < m.start < end and text[m.start - 1] == "的" and e.kind in _SUBJECT_KINDS
    ]
    return heads[0] if heads else None


def _first_before(number: Span, inside: list[tuple[Mention, Found]]) -> Found | None:
    """The sentence's first entity before the number: its subject when no clause names one."""
    return next((e for m, e in inside if m.end <= number.start and e.kind in _SUBJECT_KINDS), None)


#: What may open a clause before its topic: connectives and time words (其中，项目…; 今年，公司…).
_TOPIC_OPENERS = re.compile(
    r"^(?:其中|同时|此外|另外|目前|截至目前|今年|去年|明年|下一步|预计|并|且|还|已|将|力争|确保|争取|计划|"
    r"要|到\d{4}年(?:底|末)?|\d{4}年(?:底|末)?)*"
)  # and what only frames it: 力争到2025年园区营业收入突破200亿元 is the park's


def _topic(
    text: str,
    sentence: Span,
    number: Span,
    inside: list[tuple[Mention, Found]],
    mentions: list[tuple[Mention, Found]],
    main: Found | None,
    verbs: frozenset[int] = frozenset(),
) -> Found | None:
    """The topic the number's clause continues: the nearest clause before it in the sentence that
    opens with an entity or a word referring to one (项目总投资35亿元，其中固定资产投资不少于28亿元;
    项目全部达产后，预计可实现年销售收入约48亿元): Chinese carries a topic across commas."""
    starts = {m.start: e for m, e in inside if e.kind in _SUBJECT_KINDS}
    ends = {
        m.end: e
        for m, e in inside
        if e.kind in _SUBJECT_KINDS | {"policy"} and not text[: m.start].endswith(_COPULAS)
    }  # 萧宁经开区是国家级经济技术开发区: what follows 是 describes the subject, it is no new topic
    cut = _clause_start(text, sentence, number.start)
    verb_first = _describes_object(text, cut + _TOPIC_OPENERS.match(text[cut : number.start]).end(), verbs)
    while cut > sentence.start:
        end = cut - 1
        start = _clause_start(text, sentence, end)
        clause = text[start:end]
        opener = start + _TOPIC_OPENERS.match(clause).end()
        closed = end - len(clause) + len(clause.rstrip('》”"）)'))
        referring = any(re.match(rule["pattern"], text[opener:end]) for rule in _RULES["references"])
        if verb_first and closed in ends and not referring:
            return ends[closed]  # 发布《…清单》，涵盖…项目35个: the object before is the topic
        verb_first = _describes_object(text, opener, verbs)  # 发布《清单》，涵盖…，总金额约9.5亿元:
        # a clause opening with a verb that describes an object takes the object before it, and
        # passes it on
        head = _passive_head(text, opener, end, inside)
        if head is not None:
            return head
        if opener in starts:
            return starts[opener]
        if referring:
            return _referred(text, opener, Span(end, end + 1, text[end]), mentions)
        if re.match(_RULES["main_references"], text[opener:end]):
            return main  # 园区已集聚…，今年上半年，实现主营业务收入36.45亿元
        cut = start
    return None


#: Verbs after which a name describes the subject rather than being an object of its own.
_COPULAS = ("是", "为", "成为", "作为", "系", "属于")


def _describes_object(text: str, opener: int, verbs: frozenset[int]) -> bool:
    """Whether a clause opens with a verb the genre uses of the thing just named (涵盖, 包括, 按…
    给予; data: ``object_verbs``), not of the sentence's subject (拥有, 承担)."""
    return opener in verbs and text.startswith(tuple(_RULES["object_verbs"]), opener)


def _each_of(
    text: str, sentence: Span, number: Span, inside: list[tuple[Mention, Found]], subject: Found
) -> list[Found]:
    """A、B主营业务收入均超过200亿元: the others of a list that opens the clause with ``subject``, when
    均 / 都 says the number holds for each."""
    clause_start = _clause_start(text, sentence, number.start)
    opener = clause_start + _TOPIC_OPENERS.match(text[clause_start : number.start]).end()
    if not re.search("均|都", text[opener : number.start]):
        return []
    listed, at = [], opener
    for mention, entity in sorted(m for m in inside if m[0].start >= opener and m[0].end <= number.start):
        if mention.start != at or entity.kind not in _SUBJECT_KINDS:
            break
        listed.append(entity)
        at = mention.end + (1 if text[mention.end : mention.end + 1] in "、和及与" else 0)
    unique = list({id(e): e for e in listed}.values())
    return [e for e in unique if e is not subject] if any(e is subject for e in unique) else []


def _statistic(draft: Draft, subject: Found, number, time, shared: bool = False) -> None:  # type: ignore[no-untyped-def]
    text = draft.text
    indicator = number.indicator
    label_zh, ind_span = (
        ("数量", Span(number.start, number.end, number.text))
        if indicator is None
        else (indicator.text, indicator)
    )
    ref = draft.concept("indicators", label_zh, ind_span, kind="industry")
    start = min(number.start, ind_span.start, time.start if time is not None else number.start)
    evidence = Span(start, number.end, text[start : number.end])
    slug = _fact_id("stat", number.start, number.end, *((subject.label,) if shared else ()))
    subject_slug = draft.slug_for(subject)
    draft.facts[slug] = Fact(
        slug=slug,
        label=f"{subject.label}{label_zh}",
        en=f"{draft.concepts[ref].en} of {draft.entities[subject_slug].en}",
        quotes=(quote(text, evidence),),
        line=0,
        types=(curie("pg:Statistic"),),
        props=(
            Prop(curie("schema:observationAbout"), (subject_slug,), 0),
            Prop(curie("pg:indicator"), (ref,), 0),
        ),
        quantity=number.text,
        unit=number.annotation_unit,
        time=time.text if time is not None else None,
    )
    draft.confidence[slug] = 0.6


def _event(draft: Draft, subject: Found, time, sentence: Span) -> None:  # type: ignore[no-untyped-def]
    """What a sentence reports at a time (7月14日，…公布名单): an event about the sentence's first entity,
    dated, its evidence the sentence."""
    slug = _fact_id("event", time.start, time.end)
    subject_slug = draft.slug_for(subject)
    stripped = sentence.text.strip()
    start = sentence.start + sentence.text.index(stripped)
    draft.facts[slug] = Fact(
        slug=slug,
        label=f"{subject.label}（{time.text}）",
        en=f"what the article reports of {draft.entities[subject_slug].en} ({time.text})",
        quotes=(quote(draft.text, Span(start, start + len(stripped), stripped)),),
        line=0,
        types=(curie("pg:Event"),),
        props=(Prop(curie("schema:about"), (subject_slug,), 0),),
        time=time.text,
    )
    draft.confidence[slug] = 0.5


#: A reference word this close before the number is the noun it counts (场景项目35个).
_COUNTED_GAP = 1

#: How far back (code points) a 项目 / 公司 may refer to the last project or company named.
_REFERENCE_REACH = 400


def _referred(
    text: str,
    clause_start: int,
    number: Span,
    mentions: list[tuple[Mention, Found]],
    verbs: frozenset[int] = frozenset(),
) -> Found | None:
    """项目 / 公司 / 全市 in the clause from ``clause_start`` to the number, before its first verb
    (带动全县新增…近2万亩: after the verb, an object): the last entity of that kind named before it
    (not too far back, unless the article names only one of that kind)."""
    opener = clause_start + _TOPIC_OPENERS.match(text[clause_start : number.start]).end()
    first_verb = next((p for p in range(opener, number.start) if p in verbs), number.start)
    clause = text[clause_start:first_verb]
    named = {
        p - clause_start
        for m, _ in mentions
        if m.end > clause_start and m.start < number.start
        for p in range(m.start, m.end)
    }
    main_reference = _bare_match(_RULES["main_references"], clause, named)
    found_rules = sorted(
        (found.start(), index, rule)
        for index, rule in enumerate(_RULES["references"])
        if (found := _bare_match(rule["pattern"], clause, named)) is not None
        and number.start - clause_start - found.end() > _COUNTED_GAP
    )
    for position, _, rule in found_rules:
        if main_reference is not None and main_reference.start() < position:
            break  # 确保今年园区新引进传感器项目不少于15个: the park's, not a project's
        kind = [
            (m, e)
            for m, e in mentions
            if e.kind in rule["kinds"]
            and ("level" not in rule or NAME_RULES.level_of(e.label) == rule["level"])
            and ("heads" not in rule or any(n.endswith(tuple(rule["heads"])) for n in (e.label, *e.aliases)))
        ]
        alone = len({id(e) for _, e in kind}) == 1
        earlier = [
            e
            for m, e in kind
            if m.end <= number.start and (alone or number.start - m.end <= _REFERENCE_REACH)
        ]
        if earlier:
            return earlier[-1]
    return None


def _bare_match(pattern: str, clause: str, named: set[int]) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``clause`` that is no part of a name (the 经开区 of
    萧宁经开区新材料产业园 refers to nothing)."""
    return next((m for m in re.finditer(pattern, clause) if m.start() not in named), None)


def _main_subject(entities: list[Found], title: str = "") -> Found | None:
    """The article's main subject: the park (else zone, else programme) its headline names, else its
    most-mentioned park or zone."""
    for kind in _MAIN_KINDS:
        titled = [e for e in entities if e.kind == kind and e.first.end <= len(title)]
        if titled:
            return titled[0]
    titled = [e for e in entities if e.kind == "programme" and e.label in title]
    if titled:
        return titled[0]  # …关于公布2023年度省级大数据产业园名单的通知: the title it gives
    ranked = [e for e in entities if e.kind in _MAIN_KINDS]
    return max(ranked, key=lambda e: (len(e.mentions), -e.first.start), default=None)


def _fact_id(prefix: str, *parts: object) -> str:
    return f"{prefix}-" + hashlib.sha1("\0".join(map(str, parts)).encode("utf-8")).hexdigest()[:10]


def _relate(draft: Draft, subject: Found, predicate: str, obj: Found, span: Span) -> None:
    draft.relate(draft.slug_for(subject), predicate, draft.slug_for(obj), span)


#: Prepositions after which a name says where, not who (在某经开区投资…).
_LOCATIVES = frozenset("在于")


def _bracketed(text: str, start: int, position: int) -> bool:
    """Whether ``position`` is inside a bracket opened after ``start`` (an aside, an alias)."""
    before = text[start:position]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def _relations(draft: Draft, sentence: Span, inside: list[tuple[Mention, Found]], main: Found | None) -> None:
    text = draft.text
    for rule in _RULES["verbs"]:
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
                    re.search(f"(?:{_RULES['main_references']})$", text[max(sentence.start, at - 4) : at])
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
                    _relate(draft, obj, rule["predicate"], subject, span)
                else:
                    _relate(draft, subject, rule["predicate"], obj, span)


def _topic_is_main(text: str, sentence: Span, at: int, inside: list[tuple[Mention, Found]]) -> bool:
    """Whether the clauses before ``at`` carry the main subject as their topic (园区充分发挥…优势，
    引进了…): the nearest clause that opens with a subject opens with 园区 / 该区."""
    starts = {m.start for m, _ in inside}
    cut = at
    while cut > sentence.start:
        start = _clause_start(text, sentence, cut)
        opener = start + _TOPIC_OPENERS.match(text[start:at]).end()
        if opener in starts:
            return False
        if re.match(_RULES["main_references"], text[opener:at]):
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
            _relate(draft, inner, "schema:containedInPlace", entity, span)


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
            _relate(draft, project, "pg:developer", owner[1], mention)


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
    for match in re.finditer(_RULES["approvals"], sentence.text):
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
    slug = _fact_id("designation", mention.start, body[0].start, label)
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
                _relate(draft, thing, "schema:containedInPlace", places[-1], span)
            operator = at.get((row.operator.start, row.operator.end)) if row.operator is not None else None
            if operator is not None and row.operator is not None:
                start, stop = (
                    sorted((row.name.start, row.operator.start))[0],
                    max(row.name.end, row.operator.end),
                )
                span = Span(start, stop, text[start:stop])
                if thing.kind == "project":
                    _relate(draft, thing, "pg:developer", operator, span)
                elif thing.kind in {"park", "zone"}:
                    _relate(draft, operator, "pg:administers", thing, span)
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
                _relate(draft, project, "pg:developer", entity, span)


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
            _relate(draft, person, "org:memberOf", media, Span(start, stop, text[start:stop]))
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
            _relate(draft, policy, "schema:legislationPassedBy", issuer[1], span)


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
                _relate(draft, policy, "schema:legislationPassedBy", issuer, mention)


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
            _relate(draft, entity, "org:subOrganizationOf", parent, mention)


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
            _relate(draft, entity, "schema:containedInPlace", best, mention)


#: What ends a listed industry without being its name: 等, a count of the list (五大), 产业 / 方向.
_INDUSTRY_TAIL = re.compile(r"(?:等)?(?:[一二三四五六七八九十两]+大)?(?:产业|行业|领域|方向)?$")


def _industries(draft: Draft, text: str, entities: list[Found], main: Found | None) -> None:
    """Industries listed after the genre's words (重点发展, 聚焦, 主导产业 …) become SKOS concepts,
    the industries of what the clause is about (园区重点发展… is the main park's)."""
    mentions = sorted((m, e) for e in entities for m in e.mentions)
    for rule in _RULES["industries"]:
        for match in re.finditer(rule, text):
            items = match.group("items")
            offset = match.start("items")
            subject = _clause_subject(text, match.start(), mentions, main)
            for part in re.finditer(r"[^、，,和及与等]+", items):
                word = part.group().strip()
                trimmed = _INDUSTRY_TAIL.sub("", word)
                word = trimmed if len(trimmed) >= 2 and (len(word) > 4 or trimmed != word[:-2]) else word
                if not 2 <= len(word) <= 10:
                    continue
                start = offset + part.start() + part.group().index(word[0])
                ref = draft.concept("industries", word, Span(start, start + len(word), word))
                if subject is not None and subject.kind in {"park", "zone", "place"}:
                    _relate_concept(
                        draft, subject, "pg:keyIndustry", ref, Span(start, start + len(word), word)
                    )
                elif subject is not None and subject.kind == "company":
                    _relate_concept(draft, subject, "pg:industry", ref, Span(start, start + len(word), word))
                elif subject is not None and subject.kind == "programme":
                    _relate_concept(draft, subject, "pg:focusArea", ref, Span(start, start + len(word), word))


def _clause_subject(
    text: str, position: int, mentions: list[tuple[Mention, Found]], main: Found | None
) -> Found | None:
    """What the clause holding ``position`` is about: the main subject when it opens with 园区 /
    该区, else its first entity before ``position``, else the entity named last before it (within
    a short reach), else the main subject."""
    cut = max(text.rfind(mark, 0, position) for mark in _CLAUSE_MARKS + "。！？\n")
    start = cut + 1
    opener = start + _TOPIC_OPENERS.match(text[start:position]).end()
    if re.match(_RULES["main_references"], text[opener:position]):
        return main
    kinds = {"park", "zone", "company", "place", "programme"}
    inside = [(m, e) for m, e in mentions if start <= m.start and m.end <= position and e.kind in kinds]
    first = min(inside, key=lambda pair: (pair[0].start, -pair[0].end), default=(None, None))[1]
    return first or _nearest_subject([e for _, e in mentions], position) or main


def _nearest_subject(entities: list[Found], position: int) -> Found | None:
    before = [
        (m, e)
        for e in entities
        for m in e.mentions
        if m.end <= position and position - m.end <= 30 and e.kind in {"park", "zone", "company", "place"}
    ]
    return max(before, key=lambda pair: pair[0].end)[1] if before else None


def _relate_concept(draft: Draft, subject: Found, predicate: str, ref: str, span: Span) -> None:
    draft.relate(draft.slug_for(subject), predicate, ref, span)
