"""What the fact rules share: sentences and clauses, the words that open them, the article's main
subject, and the verbs, references and industries of the genre (``data/relations.yaml``).

Relations (:mod:`parkgraph.extract.relations`) and statistics (:mod:`parkgraph.extract.statistics`)
both read a sentence as clauses whose topic the genre puts first; this is that reading, once.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from ..reader import Article
from .assemble import Draft
from .resolve import Entity as Found
from .spans import Mention, Span

__all__ = [
    "CLAUSE_MARKS",
    "COPULAS",
    "MAIN_KINDS",
    "RULES",
    "SUBJECT_KINDS",
    "TOPIC_OPENERS",
    "bare_match",
    "cut_from",
    "fact_id",
    "main_subject",
    "outermost",
    "relate",
    "sentences",
    "start_of_clause",
]

RULES = yaml.safe_load((Path(__file__).with_name("data") / "relations.yaml").read_text(encoding="utf-8"))


SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


SUBJECT_KINDS = frozenset(
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


MAIN_KINDS = ("park", "zone")


def sentences(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in SENTENCE.finditer(text) if m.group().strip()]


#: What ends a finished last line: a sentence's end, a closing quote or bracket (…（记者 某某）).
_FINISHED = tuple("。！？!?…”’」』）)】]》;；")
#: What ends a clause: the text before the last of these in a cut line was written in full.
_CLAUSE_ENDS = "，,；;：:、。！？!?"


def cut_from(article: Article) -> int:
    """Where the text stops being whole: the start of the clause a cut capture breaks off (…开工项目19个，
    涵盖先进制造、石化 → 石化; 总投资12.), else the text's length. A capture is cut when its body is the
    last thing in it (no credits after it) and its last line ends without a sentence's closing mark; a
    table row (cells between |) is whole as it stands. Nothing in the cut clause is a fact: its number,
    name or list may have gone on. What comes before it, up to its comma, was written in full.

    >>> from datetime import date
    >>> from pathlib import Path
    >>> def article(body):
    ...     day = date(2024, 1, 2)
    ...     return Article("a", Path("a"), "", "utf-8", "标题", day, None, None, None, (), body, (), "")
    >>> cut = article("项目共27个，其中投产项目8个，涵盖先进制造、石化")
    >>> cut.text[cut_from(cut) :]
    '石化'
    >>> whole = article("项目共27个。")
    >>> cut_from(whole) == len(whole.text)
    True
    """
    text = article.text
    if article.credits or not article.body or not text.endswith(article.body):
        return len(text)
    line_start = text.rfind("\n") + 1
    line = text[line_start:].rstrip()
    if not line or line.endswith(_FINISHED) or "|" in line or "｜" in line:
        return len(text)
    return line_start + max(line.rfind(mark) for mark in _CLAUSE_ENDS) + 1


def outermost(mentions: list[tuple[Mention, Found]]) -> list[tuple[Mention, Found]]:
    """The mentions inside no other (枫陵市 in 枫陵市数字经济产业园 is no subject of its own)."""
    return [
        (m, e)
        for m, e in mentions
        if not any(
            o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
            for o, _ in mentions
        )
    ]


def start_of_clause(text: str, sentence: Span, position: int) -> int:
    """Where the clause holding ``position`` begins: after the sentence's last comma (or colon,
    semicolon) before it."""
    cut = max(text.rfind(mark, sentence.start, position) for mark in CLAUSE_MARKS)
    return cut + 1 if cut >= 0 else sentence.start


CLAUSE_MARKS = "，,；;：:"


#: What may open a clause before its topic: connectives and time words (其中，项目…; 今年，公司…).
TOPIC_OPENERS = re.compile(
    r"^(?:其中|同时|此外|另外|目前|截至目前|今年|去年|明年|下一步|预计|并|且|还|已|将|力争|确保|争取|计划|"
    r"要|到\d{4}年(?:底|末)?|\d{4}年(?:底|末)?)*"
)  # and what only frames it: 力争到2025年园区营业收入突破200亿元 is the park's


#: Verbs after which a name describes the subject rather than being an object of its own.
COPULAS = ("是", "为", "成为", "作为", "系", "属于")


def bare_match(pattern: str, clause: str, named: set[int]) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``clause`` that is no part of a name (the 经开区 of
    萧宁经开区新材料产业园 refers to nothing)."""
    return next((m for m in re.finditer(pattern, clause) if m.start() not in named), None)


def main_subject(entities: list[Found], title: str = "") -> Found | None:
    """The article's main subject: the park (else zone, else programme) its headline names, else its
    most-mentioned park or zone (named twice at least: a park named once in a list is no article's
    subject)."""
    for kind in MAIN_KINDS:
        titled = [e for e in entities if e.kind == kind and e.first.end <= len(title)]
        if titled:
            return titled[0]
    titled = [e for e in entities if e.kind == "programme" and e.label in title]
    if titled:
        return titled[0]  # …关于公布2023年度省级大数据产业园名单的通知: the title it gives
    ranked = [e for e in entities if e.kind in MAIN_KINDS and len(e.mentions) > 1]
    return max(ranked, key=lambda e: (len(e.mentions), -e.first.start), default=None)  # named once: an aside


def fact_id(prefix: str, *parts: object) -> str:
    return f"{prefix}-" + hashlib.sha1("\0".join(map(str, parts)).encode("utf-8")).hexdigest()[:10]


#: Predicates whose object the shapes require to be a schema:Place (ontology/shapes.ttl), and the
#: kinds typed as one (data/kinds.yaml): a rule that points one at a project or a company says nothing
#: the graph may hold, and must not make the article fail validation.
PLACE_PREDICATES = frozenset({"schema:containedInPlace", "dcterms:spatial", "pg:rankingScope"})
PLACE_KINDS = frozenset({"place", "zone", "park"})


def relate(
    draft: Draft, subject: Found, predicate: str, obj: Found, span: Span, confidence: float = 0.6
) -> None:
    """State ``subject predicate obj`` in ``draft``, unless the object is of a kind the predicate's
    range rules out (regression: 某产业园项目由甲区、乙区组成 put the areas in a project, and the
    real page it came from was refused by validation)."""
    if predicate in PLACE_PREDICATES and obj.kind not in PLACE_KINDS:
        return
    draft.relate(draft.slug_for(subject), predicate, draft.slug_for(obj), span, confidence=confidence)
