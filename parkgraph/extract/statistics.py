"""Statistics: every quantity the text states, about the entity the genre's syntax says it is about.

What a number is about is read from its clause (:func:`add_statistics` says in which order): the
name that holds it, the name after 的 it describes, the title it counts, the clause's subject before
its verb, a word referring back, the speaker of a quote, the topic carried across commas, the
sentence's and the paragraph's subject, the article's main subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..annotations import Fact, Prop
from ..reader import Article
from .assemble import Draft, curie, quote
from .clauses import (
    CLAUSE_MARKS,
    COPULAS,
    MAIN_KINDS,
    RULES,
    SUBJECT_KINDS,
    TOPIC_OPENERS,
    bare_match,
    cut_from,
    fact_id,
    main_subject,
    outermost,
    sentences,
    start_of_clause,
)
from .figures import Figure, add_ranking, add_statistic, headline_once, named_spans, without_names
from .lac import Token
from .names import NAME_RULES
from .numbers import NUMBER_RULES, QuantityMention, find_rankings
from .posts import Post
from .resolve import Entity as Found
from .spans import Mention, Span
from .timex import TimeMention

__all__ = ["add_statistics", "name_spans", "verb_positions"]


def verb_positions(tokens: Sequence[Token]) -> frozenset[int]:
    """Where the model's verbs and prepositions start: a clause's subject comes before them."""
    return frozenset(t.start for t in tokens if t.tag in {"v", "p"})


def name_spans(tokens: Sequence[Token]) -> tuple[Span, ...]:
    """The model's names (people, places, organisations): what a number is about, never what it
    measures (湖南6家孵化器: 湖南 is no indicator)."""
    return tuple(Span(t.start, t.end, t.text) for t in tokens if t.tag in {"PER", "LOC", "ORG"})


#: The model's tags of words that name a thing (nouns, verbal and adjectival nouns).
_NOUN_TAGS = frozenset({"n", "nz", "nw", "vn", "an", "f", "s"})


def _noun_spans(tokens: Sequence[Token]) -> tuple[Span, ...]:
    return tuple(Span(t.start, t.end, t.text) for t in tokens if t.tag in _NOUN_TAGS)


def add_statistics(
    draft: Draft,
    article: Article,
    entities: list[Found],
    *,
    tokens: Sequence[Token] = (),
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
    every = sorted((m, e) for e in entities for m in e.mentions)  # inside longer names too
    mentions = outermost(every)
    main = main_subject(entities, article.title)
    cut = cut_from(article)  # a capture cut short: its broken clause states nothing
    verbs = verb_positions(tokens)
    named = [*name_spans(tokens), *named_spans(text, entities)]
    quantities = [
        q
        for q in without_names(find_quantities(text), named, _noun_spans(tokens))
        if q.end <= cut and not _names_a_kind(text, q) and not _in_quoted_name(text, q)
    ]
    times = [t for t in _times(article) if t.end <= cut]
    speakers = _speakers(text, posts)
    zones = [e for e in entities if e.kind == "zone"]
    rankings = [r for r in find_rankings(text) if r.end <= cut]
    found: list[Figure] = []
    held = tuple(p.span for p in posts)  # 某公司董事长某某: the company is the post's, not a subject
    previous: Found | _Unknown | None = None  # the subject of the paragraph's last sentence that had one
    for sentence in sentences(text):
        if "\n" in text[max(0, sentence.start - 1) : sentence.start]:
            previous = None  # a new paragraph
        inside = [(m, e) for m, e in mentions if sentence.start <= m.start and m.end <= sentence.end]
        reading = _Reading(
            text, sentence, inside, mentions, every, main, verbs, speakers, zones, previous, held
        )
        in_sentence = [t for t in times if sentence.start <= t.start and t.end <= sentence.end]
        used: set[int] = set()
        for number in (q for q in quantities if sentence.start <= q.start and q.end <= sentence.end):
            subject, explicit = reading.about(number)
            in_headline = number.end <= len(article.title)  # kept to join the body's twin, if any
            if (subject is not None or in_headline) and number.upper is None:
                time = _time_before(number, in_sentence, used)
                found.append(Figure(number, subject, time, explicit=explicit))
                for other in _each_of(text, sentence, number, inside, subject) if subject else ():
                    found.append(Figure(number, other, time, explicit=True, shared=True))
        for rank in (r for r in rankings if sentence.start <= r.start and r.end <= sentence.end):
            subject, _ = reading.about(rank)
            if subject is not None:
                add_ranking(draft, rank, subject, _time_before(rank, in_sentence, used))
        referent = reading.main_referent()
        previous = _sentence_subject(text, sentence, inside, mentions, referent, verbs, held) or previous
        in_dateline = bool(article.dateline) and sentence.start < article.body_offset  # datePublished
        reporters = [e for _, e in inside if e.kind not in _NOT_REPORTED]
        for time in in_sentence:
            subject = reporters[0] if reporters else main
            if time.start not in used and subject is not None and not in_dateline:
                _event(draft, subject, time, sentence)
    for statistic in headline_once(text, found, len(article.title)):
        add_statistic(draft, statistic)


class _Unknown:
    """What a clause is about when it says so with a word whose referent the article does not name
    (该中心, 项目 with no project named, 园区 with no main park): someone the reader cannot name, so
    no one else either (never the subject carried over)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


@dataclass(frozen=True)
class _Reading:
    """One sentence read for what its figures are about (:meth:`about`)."""

    text: str
    sentence: Span
    inside: list[tuple[Mention, Found]]  # the sentence's entities
    mentions: list[tuple[Mention, Found]]  # the article's, each inside no other
    every: list[tuple[Mention, Found]]  # the article's, inside longer names too (某省 of 某省人民政府)
    main: Found | None
    verbs: frozenset[int]
    speakers: list[tuple[int, int, Post]]
    zones: list[Found]
    previous: Found | _Unknown | None  # the subject the paragraph carries over
    held: tuple[Span, ...] = ()  # the posts' spans (某公司董事长某某)

    def about(self, number: Span) -> tuple[Found | None, bool]:
        """What ``number`` is about, and whether its own sentence says so (else the paragraph's subject
        carried over, or the article's)."""
        text, sentence, inside, verbs = self.text, self.sentence, self.inside, self.verbs
        mentions = self.mentions
        clause_start = start_of_clause(text, sentence, number.start)
        if _scope_rule(text, clause_start, number) is not None:  # 是全省14个产业集聚区中唯一…
            place = _place_scope(text, clause_start, number, self.every)
            return place, place is not None  # the province's fourteen, or nobody's
        own = (
            _attributive(text, sentence, number, inside)
            or _subject(text, sentence, number, inside, verbs)
            or _referred(text, clause_start, number, mentions, verbs)
        )
        own = own or _spoken(text, number, self.speakers, self.zones)
        if isinstance(own, _Unknown):
            return None, False
        if own is not None:
            return own, True
        if _opens_with_main_reference(text, sentence, number, verbs):
            return self.main_referent(), True
        topic = _topic(text, sentence, number, inside, mentions, self.main_referent(), verbs)
        if isinstance(topic, _Unknown):
            return None, False
        if topic is not None:
            return topic, True
        if _opens_with_reference(text, sentence, number, mentions, verbs):
            return None, False  # 我省…居全国第7位 with no province named: not the last subject's
        if _quoted_first_person(text, number):
            return None, False  # “我们今年完成投资20亿元”: the speaker's, whom no post names
        first = _first_before(text, sentence, number, inside, verbs, self.held)
        if first is not None:
            return first, True
        if isinstance(self.previous, _Unknown):
            return None, False
        return self.previous or self.main, False

    def main_referent(self) -> Found | None:
        """园区 / 该区 with no main park or zone: the park or zone the paragraph is about, else nobody."""
        if self.main is not None:
            return self.main
        previous = self.previous
        return previous if isinstance(previous, Found) and previous.kind in MAIN_KINDS else None


def _names_a_kind(text: str, number: QuantityMention) -> bool:
    """A threshold naming a kind of thing, not a figure of anything: an amount or a share written
    right before the noun it qualifies (亿元以上项目49个, 总投资额过亿的项目47个, 增长20%的企业)."""
    if number.counted is not None or number.quantity.unit_info.code in {"C62", "IE"}:
        return False
    after = number.end + (1 if text.startswith("的", number.end) else 0)
    nouns = NUMBER_RULES.nouns_by_first.get(text[after : after + 1], ())
    return any(text.startswith(noun, after) for noun in nouns)


def _time_before(number: Span, in_sentence: list[TimeMention], used: set[int]) -> TimeMention | None:
    """The time the number's sentence gives last before it (marked ``used``: no event of its own)."""
    time = max((t for t in in_sentence if t.end <= number.start), key=lambda t: t.end, default=None)
    if time is not None:
        used.add(time.start)
    return time


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


def _opens_with_reference(
    text: str,
    sentence: Span,
    number: Span,
    mentions: list[tuple[Mention, Found]],
    verbs: frozenset[int] = frozenset(),
) -> bool:
    """Whether the number's clause opens with a word referring back (我省, 该市, 项目; data:
    ``references``): then it is about that word's referent or nothing, never the subject carried over."""
    clause_start = start_of_clause(text, sentence, number.start)
    opener = clause_start + TOPIC_OPENERS.match(text[clause_start : number.start]).end()
    named = {p for m, _ in mentions for p in range(m.start, m.end)}
    return any(
        _refers(rule, text[opener : number.start]) and opener not in named
        for rule in RULES["references"]
    )


#: A demonstrative before a word referring back (该项目, 这家企业, 上述项目): the same reference.
_DEMONSTRATIVE = "(?:该|本|此|这个|这一|这家|这些|上述)?"


def _refers(rule: dict, words: str) -> bool:  # type: ignore[type-arg]
    """Whether ``words`` open with the reference word of ``rule`` (项目, 该项目)."""
    return re.match(f"{_DEMONSTRATIVE}(?:{rule['pattern']})", words) is not None


def _scope_rule(text: str, clause_start: int, number: Span) -> dict | None:  # type: ignore[type-arg]
    """The place reference written right before the number (全省14个, 全市3家), whose count it scopes."""
    before = text[clause_start : number.start]
    return next(
        (
            rule
            for rule in RULES["references"]
            if "level" in rule and re.search(f"(?:{rule['pattern']})$", before)
        ),
        None,
    )


def _place_scope(
    text: str, clause_start: int, number: Span, mentions: list[tuple[Mention, Found]]
) -> Found | None:
    """The place a count right after 全省 / 全市 / 我县 is of (是全省14个…: the province's, not the
    sentence subject's): the article's one place of that level named before it, else none."""
    rule = _scope_rule(text, clause_start, number)
    if rule is None:
        return None
    places = [
        e
        for m, e in mentions
        if m.end <= number.start
        and e.kind in rule["kinds"]
        and NAME_RULES.place_level(e.label) == rule["level"]
    ]
    return places[-1] if len({id(e) for e in places}) == 1 else None


def _opens_with_main_reference(
    text: str, sentence: Span, number: Span, verbs: frozenset[int] = frozenset()
) -> bool:
    """Whether the number's clause names the main subject (园区 / 该区) before its first verb."""
    clause_start = start_of_clause(text, sentence, number.start)
    opener = clause_start + TOPIC_OPENERS.match(text[clause_start : number.start]).end()
    first_verb = next((p for p in range(opener, number.start) if p in verbs), number.start)
    return bool(re.search(RULES["main_references"], text[clause_start:first_verb]))


def _names_main_reference(
    text: str, start: int, end: int, mentions: list[tuple[Mention, Found]], verbs: frozenset[int]
) -> bool:
    """Whether the clause ``text[start:end]`` names the main subject (园区, 一季度开发区…) before its first
    verb, in no name of its own (the 经开区 of 某经开区 refers to nothing)."""
    opener = start + TOPIC_OPENERS.match(text[start:end]).end()
    first_verb = next((p for p in range(opener, end) if p in verbs), end)
    near = [m for m, _ in mentions if start < m.end and m.start < first_verb]
    named = {p - start for m in near for p in range(m.start, m.end)}
    return bare_match(RULES["main_references"], text[start:first_verb], named) is not None


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


#: Between a count and the title it counts: nothing (8家省级特色产业园区) or 园区为 (5家园区为…).
_COUNTS_TITLE = re.compile(r"^(?:(?:园区|企业|单位)?(?:为|成为|列为|认定为|确定为)(?:\d{4}年度?)?)?$")


def _subject(
    text: str, sentence: Span, number: Span, inside: list[tuple[Mention, Found]], verbs: frozenset[int]
) -> Found | _Unknown | None:
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
    clause_start = start_of_clause(text, sentence, number.start)
    if _counts_a_list(text, clause_start, number):
        return None  # A项目、B项目等9个在建项目: the count of a list is not about its items
    before = [
        (m, e)
        for m, e in inside
        if clause_start <= m.start
        and m.end <= number.start
        and e.kind in SUBJECT_KINDS
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
        mention, entity = in_clause[0]
        if _listed(text, mention) and not _EACH.search(text, mention.end, number.start):
            return UNKNOWN  # 甲、乙营业收入合计300亿元: the list's, none of its items'
        return entity
    return None


#: Words that make a figure after a list hold for each of its items (A、B收入均超过20亿元).
_EACH = re.compile("均|都|各|分别")


#: What may follow a name up to the 、 of a list it is an item of: the tail of a longer name the
#: recogniser cut short (某某|解放、某某|奔腾、…).
_ITEM_TAIL = re.compile(r"[\u4e00-\u9fff]{0,2}(?:、|等)")


def _listed(text: str, mention: Mention) -> bool:
    """Whether ``mention`` is an item of a list (甲、乙, 甲等企业): a list is what its clause is about,
    none of its items alone."""
    return text[mention.start - 1 : mention.start] == "、" or bool(_ITEM_TAIL.match(text, mention.end))


def _held(mention: Mention, held: Sequence[Span]) -> bool:
    """Whether ``mention`` names the organisation of a post (某公司董事长某某): the sentence is about
    the person."""
    return any(span.start <= mention.start and mention.end <= span.end for span in held)


#: The most characters a quoted name or slogan holds (“三个一批”, “一主六双”); a longer quote is speech.
_QUOTED_NAME_CHARS = 8


def _in_quoted_name(text: str, number: Span) -> bool:
    """A number inside a short quoted name or slogan (“三个一批”项目, “双过半”, “十项行动”) is part of
    the name, no figure of anything."""
    opening = text.rfind("“", 0, number.start)
    if opening < 0 or text.rfind("”", opening, number.start) >= 0:
        return False
    closing = text.find("”", number.end)
    quoted = text[opening + 1 : closing]
    short = 0 <= closing - opening - 1 <= _QUOTED_NAME_CHARS
    return short and not any(c in "，,。；;：:！？\n" for c in quoted)


def _quoted_first_person(text: str, number: Span) -> bool:
    """Whether ``number`` is inside a quote a speaker says of themselves (“…我们又完成投资20亿元”): the
    speaker's figure, when no post says who speaks."""
    opening = text.rfind("“", 0, number.start)
    if opening < 0 or text.rfind("”", opening, number.start) >= 0 or "\n" in text[opening : number.start]:
        return False
    closing = text.find("”", number.end)
    return "我" in text[opening : closing if closing >= 0 else len(text)]


#: What may stand between a number and the 的 that makes it describe the name after it (建设的).
_ATTRIBUTIVE = re.compile(r"^[\u4e00-\u9fff]{0,4}的$")


def _attributive(
    text: str, sentence: Span, number: Span, inside: list[tuple[Mention, Found]]
) -> Found | None:
    """总规模20亿元的智能传感器产业投资基金, 投资3.8亿元建设的…平台: a number before 的 and a name
    describes that name."""
    after = [(m, e) for m, e in inside if m.start >= number.end and m.start - number.end <= 5]
    for mention, entity in after:
        if _ATTRIBUTIVE.match(text[number.end : mention.start]) and entity.kind in SUBJECT_KINDS:
            return entity
    return None


#: What opens a clause whose subject is named after its 的 (由省工信厅批复建设的…创新中心同样落户园区).
_PASSIVE_OPENERS = ("由", "经")


#: A clause that only says where the sentence's figures come from (据某管委会介绍, 据了解, 记者从…获悉):
#: who tells is not what is told about.
_ATTRIBUTION = re.compile(
    r"^(?:据.{0,40}?(?:介绍|了解|统计|透露|表示|显示|消息|报道)|.{0,30}?(?:获悉|了解到|得知)"
    r"|.{0,30}?(?:数据|统计|资料|报告)显示)$"
)


def _point(text: str, position: int) -> Span:
    """A one-character span at ``position`` (the last character where the text ends there): where a
    clause ends, for the rules that read up to a number."""
    position = min(position, len(text) - 1)
    return Span(position, position + 1, text[position])


def _sentence_subject(
    text: str,
    sentence: Span,
    inside: list[tuple[Mention, Found]],
    mentions: list[tuple[Mention, Found]] = (),  # type: ignore[assignment]
    main_referent: Found | None = None,
    verbs: frozenset[int] = frozenset(),
    held: Sequence[Span] = (),
) -> Found | _Unknown | None:
    """What a sentence is about, for the sentences after it: the subject of its first clause that
    names one (:func:`_clause_subject`), or the name after 的 when that clause opens with 由 / 经
    (由…主办的棠阴县…仪式…举行), or what a clause opening with a word referring back refers to (该项目,
    园区: ``main_referent``; :data:`UNKNOWN` when the article names no such thing). A sentence opening
    with a person or a post (某市委书记某某，某公司董事长某某…出席) is about people: none."""
    at = sentence.start
    while at < sentence.end:
        cut = min(
            (i for i in (text.find(mark, at, sentence.end) for mark in CLAUSE_MARKS) if i >= 0),
            default=sentence.end,
        )
        opener = at + TOPIC_OPENERS.match(text[at:cut]).end()
        if _ATTRIBUTION.match(text[at:cut].strip()):
            at = cut + 1
            continue
        passive = _passive_head(text, opener, cut, inside)
        if passive is not None:
            return passive
        first = next(((m, e) for m, e in inside if m.start == opener), None)
        if first is not None and (first[1].kind == "person" or _held(first[0], held)):
            return None
        named = {p for m, _ in mentions for p in range(m.start, m.end)}
        if opener not in named and any(_refers(rule, text[opener:cut]) for rule in RULES["references"]):
            referred = _referred(text, opener, _point(text, cut), mentions)
            if referred is not None or not re.match(RULES["main_references"], text[opener:cut]):
                return referred or UNKNOWN
        subject = _clause_subject(text, at, cut, inside, verbs, held)
        if subject is not None:
            return subject
        if _names_main_reference(text, at, cut, mentions, verbs):
            return main_referent or UNKNOWN
        at = cut + 1
    return None


#: Verbs after which a name says where something happens, not who does it (主会场设在某新城). A bare
#: 在 is not one: 在某项目建设现场，… sets the scene of what the paragraph is about.
_LOCATIVE_BEFORE = re.compile(r"(?:设在|位于|来到|前往|走进|深入)$")


#: Words before a name that make it the place where something is (项目位于某园区, 落户某产业园).
_WHERE_BEFORE = re.compile(r"(?:位于|坐落于|落户|落户于|入驻|进驻|设在|在|于|来到|走进|深入)$")


def _subject_capable(text: str, mention: Mention, clause_opener: int) -> bool:
    """Whether ``mention`` can be what its clause is about: not a place where (设在某新城), not an item
    of what a verb said of the thing before lists (包括某大道、某新城基础设施等项目)."""
    if _LOCATIVE_BEFORE.search(text, max(0, mention.start - 2), mention.start):
        return False
    return not text.startswith(tuple(RULES["object_verbs"]), clause_opener)


def _passive_head(text: str, opener: int, end: int, inside: list[tuple[Mention, Found]]) -> Found | None:
    """The subject of a clause opening with 由 / 经 (…批复建设的X同样落户…): the name after its 的."""
    if not text.startswith(_PASSIVE_OPENERS, opener):
        return None
    heads = [
        e
        for m, e in inside
        if opener < m.start < end and text[m.start - 1] == "的" and e.kind in SUBJECT_KINDS
    ]
    return heads[0] if heads else None


#: A number counting the list before it: 甲、乙等6家, 甲、乙等企业141家, 甲、乙共6家 (a 、 list closed by
#: 等 or 共).
_LIST_COUNT = re.compile(r"、[^，,；;。]*(?:等[\u4e00-\u9fff]{0,6}|共|合计)$")


def _counts_a_list(text: str, clause_start: int, number: Span) -> bool:
    """Whether the number counts the list its clause names before it (甲、乙等企业141家)."""
    return text[number.start - 1 : number.start] == "等" or bool(
        _LIST_COUNT.search(text, clause_start, number.start)
    )


def _first_before(
    text: str,
    sentence: Span,
    number: Span,
    inside: list[tuple[Mention, Found]],
    verbs: frozenset[int] = frozenset(),
    held: Sequence[Span] = (),
) -> Found | None:
    """The subject of the first clause before the number's that names one (:func:`_clause_subject`):
    the sentence's subject when no clause the number continues names one (主会场设在某新城，其余11个县…:
    某新城 is where, not what the 11 are about); never an item of the list the number counts
    (甲、乙等6家企业获批)."""
    end = start_of_clause(text, sentence, number.start)
    at = sentence.start
    while at < end:
        cut = min(
            (i for i in (text.find(mark, at, end) for mark in CLAUSE_MARKS) if i >= 0),
            default=end,
        )
        subject = _clause_subject(text, at, cut, inside, verbs, held)
        if subject is not None:
            return subject
        at = cut + 1
    return None


#: What may open a clause before its subject without making it an object: the scene or frame (在某项目
#: 建设现场，…; 以某研究院为依托，…) and a demonstrative's copula (这是某县今年举办的第三次签约活动).
_FRAMES = re.compile(r"在|以|(?:这|此|那)[也既还就]?(?:是|为)")


def _clause_subject(
    text: str,
    start: int,
    end: int,
    inside: list[tuple[Mention, Found]],
    verbs: frozenset[int],
    held: Sequence[Span] = (),
) -> Found | None:
    """What the clause ``text[start:end]`` is about: its first entity that can be a subject, named
    before the clause's first verb (after it, an object: 将利用某经开区规划用地100万平方米; after 是, a
    description: 某工业区是市政府规划建设的…), not an item of a list (甲、乙等企业落户: the list's), not
    a post's organisation (某公司董事长某某), not a place where (设在某新城); none in a clause that only
    says where the figures come from (据…介绍, 某部发布的数据显示). A clause opening with 在 sets the
    scene (在某项目建设现场，…): the name after it is the paragraph's subject."""
    if _ATTRIBUTION.match(text[start:end].strip()):
        return None
    opener = start + TOPIC_OPENERS.match(text[start:end]).end()
    covered = {p for m, _ in inside for p in range(m.start, m.end)}
    framing = _FRAMES.match(text, opener)
    if framing is not None:
        covered |= set(range(opener, framing.end()))
    first_verb = next((v for v in range(opener, end) if v in verbs and v not in covered), end)
    for mention, entity in inside:
        if mention.start < start or mention.end > end:
            continue
        headed = text[max(0, mention.start - 2) : mention.start].endswith(("的", "的“"))
        if mention.start >= first_verb and not headed:
            continue  # an object; but 某公司研发的“某某”平台为…: the name after 的 heads the clause
        if (
            entity.kind in SUBJECT_KINDS
            and _subject_capable(text, mention, opener)
            and not _listed(text, mention)
            and not _held(mention, held)
        ):
            return entity
    return None


def _topic(
    text: str,
    sentence: Span,
    number: Span,
    inside: list[tuple[Mention, Found]],
    mentions: list[tuple[Mention, Found]],
    main: Found | None,
    verbs: frozenset[int] = frozenset(),
) -> Found | _Unknown | None:
    """The topic the number's clause continues: the nearest clause before it in the sentence that
    opens with an entity or a word referring to one (项目总投资35亿元，其中固定资产投资不少于28亿元;
    项目全部达产后，预计可实现年销售收入约48亿元): Chinese carries a topic across commas."""
    starts = {m.start: (m, e) for m, e in inside if e.kind in SUBJECT_KINDS}
    ends = {
        m.end: e
        for m, e in inside
        if e.kind in SUBJECT_KINDS | {"policy"} and not text[: m.start].endswith(COPULAS)
    }  # 萧宁经开区是国家级经济技术开发区: what follows 是 describes the subject, it is no new topic
    cut = start_of_clause(text, sentence, number.start)
    verb_first = _describes_object(text, cut + TOPIC_OPENERS.match(text[cut : number.start]).end(), verbs)
    while cut > sentence.start:
        end = cut - 1
        start = start_of_clause(text, sentence, end)
        clause = text[start:end]
        opener = start + TOPIC_OPENERS.match(clause).end()
        closed = end - len(clause) + len(clause.rstrip('》”"）)'))
        referring = any(_refers(rule, text[opener:end]) for rule in RULES["references"])
        if verb_first and closed in ends and not referring:
            return ends[closed]  # 发布《…清单》，涵盖…项目35个: the object before is the topic
        verb_first = _describes_object(text, opener, verbs)  # 发布《清单》，涵盖…，总金额约9.5亿元:
        # a clause opening with a verb that describes an object takes the object before it, and
        # passes it on
        if _ATTRIBUTION.match(clause.strip()):
            cut = start  # 某部发布的数据显示，…: who tells is no topic
            continue
        head = _passive_head(text, opener, end, inside)
        if head is not None:
            return head
        if opener in starts:
            mention, entity = starts[opener]
            return UNKNOWN if _listed(text, mention) else entity  # 甲、乙…，投资金额达120亿元: the list's
        if referring:
            return _referred(text, opener, Span(end, end + 1, text[end]), mentions) or UNKNOWN
        if _names_main_reference(text, start, end, mentions, verbs):
            return main or UNKNOWN  # 园区已集聚…，今年上半年，实现主营业务收入36.45亿元
        cut = start
    return None


def _describes_object(text: str, opener: int, verbs: frozenset[int]) -> bool:
    """Whether a clause opens with a verb the genre uses of the thing just named (涵盖, 包括, 按…
    给予; data: ``object_verbs``), not of the sentence's subject (拥有, 承担)."""
    return opener in verbs and text.startswith(tuple(RULES["object_verbs"]), opener)


def _each_of(
    text: str, sentence: Span, number: Span, inside: list[tuple[Mention, Found]], subject: Found
) -> list[Found]:
    """A、B主营业务收入均超过200亿元: the others of a list that opens the clause with ``subject``, when
    均 / 都 says the number holds for each."""
    clause_start = start_of_clause(text, sentence, number.start)
    opener = clause_start + TOPIC_OPENERS.match(text[clause_start : number.start]).end()
    if not re.search("均|都", text[opener : number.start]):
        return []
    listed, at = [], opener
    for mention, entity in sorted(m for m in inside if m[0].start >= opener and m[0].end <= number.start):
        if mention.start != at or entity.kind not in SUBJECT_KINDS:
            break
        listed.append(entity)
        at = mention.end + (1 if text[mention.end : mention.end + 1] in "、和及与" else 0)
    unique = list({id(e): e for e in listed}.values())
    return [e for e in unique if e is not subject] if any(e is subject for e in unique) else []


#: Whose news a dated sentence is never about: the outlet that reports it (某网5月14日讯) or a person
#: (the reporter, an official: the event is about what they visit or sign).
_NOT_REPORTED = frozenset({"media", "person"})


def _event(draft: Draft, subject: Found, time, sentence: Span) -> None:  # type: ignore[no-untyped-def]
    """What a sentence reports at a time (7月14日，…公布名单): an event about the sentence's first entity,
    dated, its evidence the sentence."""
    slug = fact_id("event", time.start, time.end)
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
    opener = clause_start + TOPIC_OPENERS.match(text[clause_start : number.start]).end()
    first_verb = next((p for p in range(opener, number.start) if p in verbs), number.start)
    clause = text[clause_start:first_verb]
    named = {
        p - clause_start
        for m, _ in mentions
        if m.end > clause_start and m.start < number.start
        for p in range(m.start, m.end)
    }
    main_reference = bare_match(RULES["main_references"], clause, named)
    found_rules = sorted(
        (found.start(), index, rule)
        for index, rule in enumerate(RULES["references"])
        if (found := bare_match(rule["pattern"], clause, named)) is not None
        and number.start - clause_start - found.end() > _COUNTED_GAP
    )
    for position, _, rule in found_rules:
        if main_reference is not None and main_reference.start() < position:
            break  # 确保今年园区新引进传感器项目不少于15个: the park's, not a project's
        kind = [
            (m, e)
            for m, e in mentions
            if e.kind in rule["kinds"]
            and not (rule.get("not_where") and _WHERE_BEFORE.search(text, max(0, m.start - 3), m.start))
            and ("level" not in rule or NAME_RULES.place_level(e.label) == rule["level"])
            and ("heads" not in rule or any(n.endswith(tuple(rule["heads"])) for n in (e.label, *e.aliases)))
        ]
        alone = len({id(e) for _, e in kind}) == 1
        word = clause_start + position  # the referent is named before the word that refers to it
        earlier = [
            e for m, e in kind if m.end <= word and (alone or number.start - m.end <= _REFERENCE_REACH)
        ]
        if earlier:
            return earlier[-1]
    return None
