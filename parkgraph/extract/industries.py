"""Industries: the lists after 重点发展 / 聚焦 / 主导产业为 / 涵盖…等领域 / 打造…产业集群, as SKOS concepts
of the ``industries`` scheme linked to what their clause is about.

The triggers are data (``data/relations.yaml``, ``industries``). A *strong* trigger says the items
are industries (重点发展A、B两大产业); a *weak* one only says what something covers or centres on
(涵盖, 聚焦, 围绕, 以…为重点), so an item counts only when it is written like an industry (ends with
one of ``industry_heads``: 新材料, 装备制造, 现代服务业; not 科技协同创新, 城市更新).

What the list is about: the main park or zone when its clause opens with 园区 / 该区; else the
entity that opens the clause (鹭平经开区聚焦…); else the one that opens its sentence; else the
article's main subject (the headline's park or zone). Never an entity that is only named before the
list as an object or a list item (…包括A项目、B项目等项目，涵盖新能源等领域: the projects' zone, not B).
A park, zone or place gets ``pg:keyIndustry``, a company ``pg:industry``, a programme
``pg:focusArea``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..reader import Article
from .assemble import Draft
from .clauses import CLAUSE_MARKS, RULES, TOPIC_OPENERS, cut_from, outermost
from .resolve import Entity as Found
from .spans import Mention, Span

__all__ = ["add_industries"]

#: The kinds of entity a list of industries can be about, and the property that links them.
_PREDICATES = {
    "park": "pg:keyIndustry",
    "zone": "pg:keyIndustry",
    "place": "pg:keyIndustry",
    "company": "pg:industry",
    "programme": "pg:focusArea",
}
#: What separates the items of a list (以及 before 及; 和 / 与 only between items, never inside one).
_SEPARATORS = re.compile(r"以及|[、，,及和与]")
#: A list whose ending calls its items industries (…五大产业为重点, …等行业) is one of industries.
_NAMED_INDUSTRIES = re.compile("产业|行业")
#: What a sentence or a clause ends with.
_SENTENCE_ENDS = "。！？!?\n"


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    strong: bool


@cache
def _rules() -> tuple[tuple[_Rule, ...], tuple[str, ...], tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    """The triggers, the heads an industry ends with, the heads it never ends with, and the words
    around an item that are no part of its name (before: 千亿级; after: 等, 三大, 产业集群)."""
    data = RULES["industries"]
    parts: dict[str, str] = {}

    def expand(pattern: str) -> str:  # {name} is a part; {0,9} a quantifier
        return re.sub(r"\{([a-z]\w*)\}", lambda m: parts[m.group(1)], pattern)

    for name, part in data["parts"].items():
        parts[name] = expand(part)

    rules = tuple(_Rule(re.compile(expand(r["pattern"])), bool(r.get("strong"))) for r in data["triggers"])
    return (
        rules,
        tuple(data["industry_heads"]),
        tuple(data["not_heads"]),
        re.compile(expand(data["before_item"])),
        re.compile(expand(data["after_item"])),
    )


def add_industries(draft: Draft, article: Article, entities: list[Found], main: Found | None) -> None:
    """Each industry listed after a trigger, a concept of the ``industries`` scheme, linked to what
    its clause is about; items the capture's cut breaks off (…涵盖先进制造、石化) are left out."""
    text = article.text
    cut = cut_from(article)
    mentions = sorted((m, e) for e in entities for m in e.mentions)
    subjects = outermost(mentions)  # 宿迁市 of 宿迁市软件园 is no subject of its own
    rules, heads, not_heads, before, after = _rules()
    seen: set[tuple[int, int]] = set()
    for rule in rules:
        for match in rule.pattern.finditer(text):
            if match.group("items") is None or (match.end() == len(text) and cut == len(text)):
                continue  # a list running to the end of a whole text has no ending: no list
            subject = _about(text, match.start(), subjects, main)
            strong = rule.strong or bool(_NAMED_INDUSTRIES.search(text, match.end("items"), match.end()))
            predicate = _PREDICATES.get(subject.kind) if subject is not None else None
            for span in _items(text, match.start("items"), match.end("items"), before, after):
                if span.end > cut or (span.start, span.end) in seen or _is_name(span, mentions):
                    continue
                if span.text.endswith(not_heads) or not (strong or span.text.endswith(heads)):
                    continue
                seen.add((span.start, span.end))
                ref = draft.concept("industries", span.text, span)
                if subject is not None and predicate is not None:
                    draft.relate(draft.slug_for(subject), predicate, ref, span)


def _items(text: str, start: int, end: int, before: re.Pattern[str], after: re.Pattern[str]) -> list[Span]:
    """The items of the list ``text[start:end]``, each without the words around it that are no part of
    its name (千亿级新材料产业集群 → 新材料; 高端装备等七大产业 → 高端装备), 2 to 10 characters long."""
    found = []
    at = start
    for separator in [*_SEPARATORS.finditer(text, start, end), None]:
        stop = end if separator is None else separator.start()
        item_start, item_end = at, stop
        head = before.match(text, item_start, item_end)
        if head is not None:
            item_start = head.end()
        tail = after.search(text, item_start, item_end)
        if tail is not None:
            item_end = tail.start()  # nothing left when the item is only such words (重点发展方向)
        words = text[item_start:item_end].strip()
        if 2 <= len(words) <= 10:
            offset = text.index(words, item_start)
            found.append(Span(offset, offset + len(words), words))
        if separator is not None:
            at = separator.end()
    return found


def _is_name(span: Span, mentions: Sequence[tuple[Mention, Found]]) -> bool:
    """The item is (part of) an entity's name: 某新能源有限公司 is a company, not the industry 新能源. A
    short name that is the item itself is not (以风电装备、新能源汽车为主导: the industry, whatever company
    is called 风电装备 for short)."""
    return any(
        m.start <= span.start
        and span.end <= m.end
        and e.kind != "programme"
        and not (m.text == span.text and m.text != e.label)
        for m, e in mentions
    )


def _about(
    text: str, trigger: int, mentions: list[tuple[Mention, Found]], main: Found | None
) -> Found | None:
    """What the list is about: the main subject when its clause opens with 园区 / 该区; else the
    entity opening its clause; the thing named just before when the clause opens with a verb said of
    it (发布《某清单》，涵盖…等领域: the list's, which has no industries); else the entity opening its
    sentence's first clause; else the main subject."""
    clause_start = max(text.rfind(mark, 0, trigger) for mark in CLAUSE_MARKS + _SENTENCE_ENDS) + 1
    opener = clause_start + TOPIC_OPENERS.match(text[clause_start:trigger]).end()
    if re.match(RULES["main_references"], text[opener:trigger]):
        return main
    opening = _opening(mentions, opener, trigger, text)
    if opening is not None:
        return opening
    if opener == trigger and text.startswith(tuple(RULES["object_verbs"]), trigger) and clause_start > 0:
        closed = len(text[: clause_start - 1].rstrip('》”"）)'))
        named = next((e for m, e in mentions if m.end == closed), None)
        if named is not None:
            return named
    sentence_start = max(text.rfind(mark, 0, trigger) for mark in _SENTENCE_ENDS + "；;") + 1
    first_clause_end = min(
        (i for i in (text.find(mark, sentence_start, trigger) for mark in CLAUSE_MARKS) if i >= 0),
        default=trigger,
    )
    sentence_opener = sentence_start + TOPIC_OPENERS.match(text[sentence_start:first_clause_end]).end()
    if re.match(RULES["main_references"], text[sentence_opener:first_clause_end]):
        return main
    return _opening(mentions, sentence_opener, first_clause_end, text) or main


def _opening(mentions: list[tuple[Mention, Found]], start: int, end: int, text: str = "") -> Found | None:
    """The entity whose name opens ``start:end``, quoted or not (its subject: 鹭平经开区聚焦…; “某某”行动
    围绕…). One of a kind with no industries (市委、市政府围绕…) says the list is not the park's either."""
    while start < end and text[start : start + 1] in _OPENING_MARKS:
        start += 1
    return next((e for m, e in mentions if m.start == start and m.end <= end), None)


#: Quotes and brackets that may open a clause before its subject's name.
_OPENING_MARKS = frozenset('“"《「『（(')
