"""A synthetic corpus for scaling work: N Sina-style captures + annotations derived from one real article.

Why: the build has to be measured (and its bottlenecks found) on 1k and 10k articles long before that many
articles are curated. Copying one article N times would be useless: every node would collapse into the
same IRIs, so neither graph size, nor entity resolution, nor validation cost would scale like a real
corpus. Instead each synthetic article is the source article with

* its *renameable names* (:data:`DEFAULT_NAMES`: the city 宿迁, the district 湖滨, people, companies,
  institutes) replaced by names generated from fixed syllable tables, consistently in the capture text
  (headline, dateline-free body, keywords), the zh-Hans and English labels, alt labels and quotes;
  every entity whose labels (or whose ``props`` targets' labels) contain a renamed name gets a slug suffix
  (``suqian-software-park-s000007``), so it is a distinct node;
* every other entity (江苏省, 国务院, 京东集团, 省工信厅, the concepts, ...) keeping its slug, labels and
  props, so the same IRI is mentioned by every article and the merged graph has cross-article entities;
  ``keep`` (a probability per renameable name and article) makes a share of the renameable names keep
  their original identity too;
* the numbers of quantities (``36.45亿元``, ``80余家``) replaced, consistently in the text, the facts'
  ``quantity`` and their quotes (same digit count and decimals, so the parser reads them the same way).

Quotes are not re-derived by string substitution (a quote can start or end next to a renamed name, and a
renamed quote may occur earlier in the new text); each quote's span in the source text is mapped through
the substitution, and ``{exact, occurrence}`` is written when the renamed quote is not its first
occurrence. Dates, times and the page chrome stay as they are.

Generation is template-based (source parsed once, per article only the variable parts are filled) so that
10k articles take seconds, not the minutes a YAML dump per article would.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     ids = generate_corpus(2, Path(tmp), seed=1)
...     sorted(p.name for p in (Path(tmp) / "corpus").iterdir())
['syn_000001.txt', 'syn_000002.txt']
>>> ids
['syn_000001', 'syn_000002']
"""

from __future__ import annotations

import argparse
import bisect
import functools
import json
import random
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .evidence import locate
from .reader import decode_capture, ends_body, normalise_text, read_capture

__all__ = [
    "DEFAULT_NAMES",
    "SOURCE_ANNOTATIONS",
    "SOURCE_CAPTURE",
    "Name",
    "Synthesizer",
    "article_id",
    "generate_corpus",
    "main",
]

_ROOT = Path(__file__).resolve().parents[1]
#: The article every synthetic one is derived from.
SOURCE_CAPTURE = _ROOT / "corpus" / "000_64b6559f5e865fa2.txt"
SOURCE_ANNOTATIONS = _ROOT / "annotations" / "000_64b6559f5e865fa2.yaml"


@dataclass(frozen=True)
class Name:
    """A renameable name: how it is written in Chinese (``zh``, with a fixed ``tail`` that is kept, e.g.
    the 动画 of 风云动画) and in the English labels (``en``), and which syllable table renames it."""

    zh: str
    en: str
    kind: str  # "place" | "person" | "org"
    tail: str = ""

    @property
    def key(self) -> str:
        """What is searched for in Chinese text."""
        return self.zh + self.tail


#: The renameable names of the source article. Everything not listed keeps its identity in every
#: synthetic article (江苏省, 国务院, 京东集团, 省工信厅, 新浪网, 速新闻, 百度, the concepts, ...).
DEFAULT_NAMES: tuple[Name, ...] = (
    Name("宿迁", "Suqian", "place"),
    Name("湖滨", "Lakeside", "place"),
    Name("无锡", "Wuxi", "place"),
    Name("张先彦", "Zhang Xianyan", "person"),
    Name("陈磊", "Chen Lei", "person"),
    Name("费新力", "Fei Xinli", "person"),
    Name("张云", "Zhang Yun", "person"),
    Name("药研社", "Yaoyanshe", "org"),
    Name("诺唯赞", "Vazyme", "org"),
    Name("苏博", "Subo", "org"),
    Name("元晟", "Yuansheng", "org"),
    Name("风云", "Fengyun", "org", tail="动画"),
    Name("流彩", "Liucai", "org"),
    Name("双星", "Shuangxing", "org"),
    Name("三台山", "Santaishan", "org"),
    Name("筑梦", "Zhumeng", "org"),
)

# Syllable tables: (hanzi, pinyin). Characters that occur in the source's renameable names are left out,
# so a generated name never reproduces an original one.


def _table(hanzi: str, pinyin: str) -> tuple[tuple[str, str], ...]:
    """Pair each character with its pinyin syllable."""
    return tuple(zip(hanzi, pinyin.split(), strict=True))


_PLACE = _table(
    "安平临川泰丰宁清河阳华兴德庆昌明南溪松柏桐梅兰枫岳峰源泉涌城",
    "an ping lin chuan tai feng ning qing he yang hua xing de qing chang ming nan xi song bai tong mei "
    "lan feng yue feng yuan quan yong cheng",
)
_SURNAMES = _table(
    "王李刘杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许韩冯邓曹彭曾萧",
    "wang li liu yang huang zhao zhou wu xu sun zhu ma hu guo lin he gao luo zheng liang xie song tang "
    "xu han feng deng cao peng zeng xiao",
)
_GIVEN = _table(
    "伟芳娜敏静丽强军洋勇艳杰涛明超秀霞平刚桂华建国文志海波辉鹏宇晨",
    "wei fang na min jing li qiang jun yang yong yan jie tao ming chao xiu xia ping gang gui hua jian "
    "guo wen zhi hai bo hui peng yu chen",
)
_BRAND = _table(
    "康瑞恒泰科创信达宏远嘉禾汇通联智盛鼎坤宸睿思卓越启航锐捷铭",
    "kang rui heng tai ke chuang xin da hong yuan jia he hui tong lian zhi sheng ding kun chen rui si "
    "zhuo yue qi hang rui jie ming",
)

#: A quantity's number: digits (with decimals) directly before an optional 余/多 and a unit or multiplier.
#: Dates (2022年09月03日, 9月2日), times and ordinals (第三十四次) never match, so they stay.
_NUMBER = r"(?<![\d.])\d+(?:\.\d+)?(?=[余多]?[个家项人台亩元%万亿千百])"


def article_id(index: int) -> str:
    """The id (and file stem) of the ``index``-th synthetic article.

    >>> article_id(7)
    'syn_000007'
    """
    return f"syn_{index:06d}"


# ----------------------------------------------------------------------------------------- templates


class _Text:
    """A string with its substitution points found once; rendered per article from a replacement map."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        self.text = text
        self.spans = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
        self.ends = [end for _, end, _ in self.spans]

    def render(self, replacements: dict[str, str]) -> tuple[str, list[int]]:
        """The substituted text and ``shift[i]``: how far text after the first ``i`` matches moved."""
        parts, shift, pos, delta = [], [0], 0, 0
        for start, end, token in self.spans:
            new = replacements.get(token, token)
            parts.append(self.text[pos:start])
            parts.append(new)
            pos = end
            delta += len(new) - (end - start)
            shift.append(delta)
        parts.append(self.text[pos:])
        return "".join(parts), shift


@dataclass(frozen=True)
class _Slot:
    """A variable part of the annotation template, filled per article."""

    kind: str  # id | slug | ref | zh | zhnum | en | qty | quote
    value: Any


_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_:.-]*$")


#: JSON string quoting (what ``json.dumps(s, ensure_ascii=False)`` does, without its per-call overhead).
_quote_string = json.encoder.encode_basestring


def _scalar(value: Any) -> str:
    """A YAML flow scalar. Strings are JSON-quoted: always valid YAML, never re-typed (no 'yes' → True).

    >>> print(_scalar('"我和云"平台'), _scalar(34), _scalar(True))
    "\\"我和云\\"平台" 34 true
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if value is None:
        return "null"
    return _quote_string(str(value))


def _key(key: Any) -> str:
    return key if isinstance(key, str) and _PLAIN_KEY.match(key) else _scalar(key)


class _Emitter:
    """Emits a block-style YAML template as a list of constant strings and :class:`_Slot` s.

    ``constant(slot)`` returns the slot's text when no article can change it (a label without a
    renameable name, a reference to a shared entity), so only the variable parts are filled per article.
    """

    def __init__(self, constant: Any = lambda slot: None) -> None:
        self.parts: list[str | _Slot] = []
        self.constant = constant

    def slot(self, slot: _Slot) -> None:
        text = self.constant(slot)
        if text is None:
            self.parts.append(slot)
        else:
            self.text(text)

    def text(self, text: str) -> None:
        if self.parts and isinstance(self.parts[-1], str):
            self.parts[-1] += text
        else:
            self.parts.append(text)

    def flow(self, node: Any) -> None:
        if isinstance(node, _Slot):
            self.slot(node)
        elif isinstance(node, dict):
            self.text("{")
            for i, (key, value) in enumerate(node.items()):
                self.text((", " if i else "") + _key(key) + ": ")
                self.flow(value)
            self.text("}")
        elif isinstance(node, list):
            self.text("[")
            for i, item in enumerate(node):
                if i:
                    self.text(", ")
                self.flow(item)
            self.text("]")
        else:
            self.text(_scalar(node))

    @staticmethod
    def _is_block(node: Any) -> bool:
        if isinstance(node, dict):
            return len(node) > 1 or any(isinstance(v, (dict, list)) for v in node.values())
        if isinstance(node, list):
            return any(isinstance(item, dict) and _Emitter._is_block(item) for item in node)
        return False

    def mapping(self, node: dict[Any, Any], indent: int, first_prefix: str | None = None) -> None:
        if not node:
            self.text((first_prefix or " " * indent) + "{}\n")
            return
        for i, (key, value) in enumerate(node.items()):
            self.text(first_prefix if i == 0 and first_prefix is not None else " " * indent)
            if isinstance(key, _Slot):
                self.slot(key)
                self.text(":")
            else:
                self.text(_key(key) + ":")
            if (isinstance(value, dict) and value and self._is_block(value)) or (
                isinstance(value, dict) and len(value) > 1
            ):
                self.text("\n")
                self.mapping(value, indent + 2)
            elif isinstance(value, list) and self._is_block(value):
                self.text("\n")
                for item in value:
                    if isinstance(item, dict):
                        self.mapping(item, indent + 4, first_prefix=" " * (indent + 2) + "- ")
                    else:
                        self.text(" " * (indent + 2) + "- ")
                        self.flow(item)
                        self.text("\n")
            else:
                self.text(" ")
                self.flow(value)
                self.text("\n")


# ----------------------------------------------------------------------------------------- the generator


@dataclass(frozen=True)
class _Variant:
    """One synthetic article's choices."""

    index: int
    names: dict[str, str]  # zh key → new zh key (renamed names only)
    en_names: dict[str, str]  # English name → new English name
    numbers: dict[str, str]  # number → new number
    slugs: dict[str, str]  # renamed entity slug → new slug


class Synthesizer:
    """Parses the source article once and renders any number of synthetic variants of it.

    ``keep`` is the probability that a renameable name keeps its original form (and so every entity
    named after it keeps its identity) in a given article; entities without a renameable name always do.
    """

    def __init__(
        self,
        source_capture: Path = SOURCE_CAPTURE,
        source_annotations: Path = SOURCE_ANNOTATIONS,
        *,
        names: Sequence[Name] = DEFAULT_NAMES,
        keep: float = 0.1,
    ) -> None:
        if not 0.0 <= keep <= 1.0:
            raise ValueError(f"keep must be a probability, not {keep!r}")
        self.keep = keep
        self.names = tuple(names)
        by_length = sorted(self.names, key=lambda n: -len(n.key))
        self._zh_names = {n.key: n for n in self.names}
        self._en_names = {n.en: n for n in self.names}
        names_alt = "|".join(re.escape(n.key) for n in by_length) or r"(?!)"
        self._names_re = re.compile(names_alt)
        self._names_numbers_re = re.compile(f"{names_alt}|{_NUMBER}")
        en_alt = "|".join(re.escape(n.en) for n in sorted(self.names, key=lambda n: -len(n.en)))
        self._en_re = re.compile(rf"\b(?:{en_alt})\b" if en_alt else r"(?!)")

        capture, _ = decode_capture(Path(source_capture).read_bytes(), path=Path(source_capture))
        capture = normalise_text(capture)
        split = _chrome_start(capture)
        self._head = _Text(capture[:split], self._names_numbers_re)
        self._tail = capture[split:]
        article = read_capture(source_capture)
        self._source_name = article.article_id
        self._text = _Text(article.text, self._names_numbers_re)

        source = yaml.load(Path(source_annotations).read_text(encoding="utf-8"), Loader=_LOADER)
        self._source = source
        self._numbers = sorted(
            {token for _, _, token in self._text.spans if token not in self._zh_names}
            | {
                m.group()
                for fact in source.get("facts") or []
                for m in re.finditer(_NUMBER, str(fact.get("quantity", "")))
            },
            key=lambda t: (len(t), t),
        )
        self._entity_names = self._entity_dependencies(source.get("entities") or {})
        self._quotes: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        emitter = _Emitter(self._constant)
        emitter.mapping(self._template(source, article.text), 0)
        self._parts = emitter.parts

    # --- preparation ---------------------------------------------------------------------------------
    def _constant(self, slot: _Slot) -> str | None:
        """The text of a slot that is the same in every article, else None."""
        kind, value = slot.kind, slot.value
        if kind in ("slug", "ref"):
            if self._entity_names.get(value):
                return None
            return value if kind == "slug" else _scalar(value)
        pattern = {"zh": self._names_re, "zhnum": self._names_numbers_re, "en": self._en_re,
                   "qty": self._names_numbers_re}.get(kind)
        if pattern is not None and not pattern.search(value):
            return _scalar(value)
        return None

    def _names_in(self, zh: Iterable[str], en: Iterable[str]) -> set[str]:
        found = {m.group() for text in zh for m in self._names_re.finditer(text)}
        found |= {self._en_names[m.group()].key for text in en for m in self._en_re.finditer(text)}
        return found

    def _entity_dependencies(self, entities: dict[str, Any]) -> dict[str, frozenset[str]]:
        """The renameable names each entity's identity depends on: those in its labels, alt labels and
        literal props, plus (transitively) those of the entities its props point to. A post whose org
        is renamed must be renamed too, or the merged graph would give it two org:postIn."""
        direct: dict[str, set[str]] = {}
        refs: dict[str, set[str]] = {}
        for slug, spec in entities.items():
            zh = [spec.get("label", ""), *spec.get("alt", [])]
            en = [spec.get("en", "")]
            refs[slug] = set()
            for value in _prop_values(spec.get("props") or {}):
                if isinstance(value, str) and value in entities:
                    refs[slug].add(value)
                elif isinstance(value, str):
                    zh.append(value)
                elif isinstance(value, dict):
                    zh += [str(v) for k, v in value.items() if k != "en"]
                    en += [str(v) for k, v in value.items() if k == "en"]
            direct[slug] = self._names_in(zh, en)
        closed = {slug: set(names) for slug, names in direct.items()}
        changed = True
        while changed:
            changed = False
            for slug, targets in refs.items():
                for target in targets:
                    if not closed[target] <= closed[slug]:
                        closed[slug] |= closed[target]
                        changed = True
        return {slug: frozenset(names) for slug, names in closed.items()}

    def _quote(self, raw: Any, text: str) -> _Slot:
        if isinstance(raw, dict):
            exact, occurrence = str(raw["exact"]).strip(), int(raw.get("occurrence", 1))
        else:
            exact, occurrence = str(raw).strip(), 1
        span = locate(text, exact, occurrence=occurrence)
        if span is None:
            raise ValueError(f"quote {exact!r} (occurrence {occurrence}) is not in the source article")
        start, end = span.start, span.end
        for match_start, match_end, _ in self._text.spans:  # never cut a renamed name or number in two
            if match_start < start < match_end:
                start = match_start
            if match_start < end < match_end:
                end = match_end
        ends = self._text.ends
        self._quotes[(start, end)] = (
            start, end, bisect.bisect_right(ends, start), bisect.bisect_right(ends, end)
        )
        return _Slot("quote", (start, end))

    def _quotes_of(self, raw: Any, text: str) -> Any:
        return [self._quote(q, text) for q in raw] if isinstance(raw, list) else self._quote(raw, text)

    def _literal(self, value: Any, *, kind: str) -> Any:
        if isinstance(value, str):
            return _Slot(kind, value)
        if isinstance(value, dict):
            return {k: (_Slot("en", v) if k == "en" else _Slot(kind, v)) if isinstance(v, str) else v
                    for k, v in value.items()}
        return value

    def _props(self, props: dict[str, Any], entities: dict[str, Any], *, kind: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, raw in props.items():
            items = raw if isinstance(raw, list) else [raw]
            converted = [
                _Slot("ref", v) if isinstance(v, str) and v in entities else
                v if isinstance(v, str) and "/" in v and " " not in v else self._literal(v, kind=kind)
                for v in items
            ]
            out[key] = converted if isinstance(raw, list) else converted[0]
        return out

    def _template(self, source: dict[str, Any], text: str) -> dict[str, Any]:
        entities = source.get("entities") or {}
        out: dict[str, Any] = {}
        for key, value in source.items():
            if key == "article":
                out[key] = _Slot("id", None)
            elif key == "about":
                refs = [_Slot("ref", v) for v in value] if isinstance(value, list) else None
                out[key] = refs if refs is not None else _Slot("ref", value)
            elif key == "concepts":
                out[key] = {
                    scheme: {
                        slug: {k: self._quotes_of(v, text) if k == "quote" else v for k, v in spec.items()}
                        for slug, spec in members.items()
                    }
                    for scheme, members in value.items()
                }
            elif key == "entities":
                out[key] = {
                    _Slot("slug", slug): self._entity(spec, entities, text) for slug, spec in value.items()
                }
            elif key == "facts":
                out[key] = [self._fact(fact, entities, text) for fact in value]
            else:
                out[key] = value
        return out

    def _entity(self, spec: dict[str, Any], entities: dict[str, Any], text: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in spec.items():
            if key == "label":
                out[key] = _Slot("zh", value)
            elif key == "en":
                out[key] = _Slot("en", value)
            elif key == "alt":
                out[key] = [_Slot("zh", v) for v in value]
            elif key == "quote":
                out[key] = self._quotes_of(value, text)
            elif key == "props":
                out[key] = self._props(value, entities, kind="zh")
            else:
                out[key] = value
        return out

    def _fact(self, fact: dict[str, Any], entities: dict[str, Any], text: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in fact.items():
            if key in ("s", "o"):
                out[key] = _Slot("ref", value) if isinstance(value, str) and value in entities else value
            elif key == "label":
                out[key] = _Slot("zhnum", value)
            elif key == "en":
                out[key] = _Slot("en", value)
            elif key == "quote":
                out[key] = self._quotes_of(value, text)
            elif key == "quantity":
                out[key] = _Slot("qty", value)
            elif key == "props":
                out[key] = self._props(value, entities, kind="zhnum")
            else:
                out[key] = value
        return out

    # --- one article ----------------------------------------------------------------------------------
    def variant(self, index: int, *, seed: int = 0) -> _Variant:
        """The choices of article ``index``: a pure function of (seed, index, keep, names, source)."""
        rng = random.Random(f"parkgraph-synth:{seed}:{index}")
        used = {n.zh for n in self.names}
        names: dict[str, str] = {}
        en_names: dict[str, str] = {}
        for name in self.names:
            keep = rng.random() < self.keep
            zh, en = _new_name(name, rng)
            while zh in used:
                zh, en = _new_name(name, rng)
            if keep:
                continue
            used.add(zh)
            names[name.key] = zh + name.tail
            en_names[name.en] = en
        numbers = {token: _new_number(token, rng) for token in self._numbers}
        renamed = set(names)
        suffix = f"-s{index:06d}"
        slugs = {slug: slug + suffix for slug, deps in self._entity_names.items() if deps & renamed}
        return _Variant(index, names, en_names, numbers, slugs)

    def render(self, index: int, *, seed: int = 0) -> tuple[str, str, str]:
        """``(article id, capture text, annotation YAML)`` of synthetic article ``index``."""
        v = self.variant(index, seed=seed)
        replacements = {**v.names, **v.numbers}
        head, _ = self._head.render(replacements)
        text, shift = self._text.render(replacements)
        ident = article_id(index)
        names_re, names_numbers_re, en_re = self._names_re, self._names_numbers_re, self._en_re

        def zh(value: str) -> str:
            return names_re.sub(lambda m: v.names.get(m.group(), m.group()), value)

        def zhnum(value: str) -> str:
            return names_numbers_re.sub(lambda m: replacements.get(m.group(), m.group()), value)

        def en(value: str) -> str:
            return en_re.sub(lambda m: v.en_names.get(m.group(), m.group()), value)

        quotes: dict[tuple[int, int], str] = {}

        def quote(key: tuple[int, int]) -> str:
            if key not in quotes:
                start, end, before_start, before_end = self._quotes[key]
                new_start, new_end = start + shift[before_start], end + shift[before_end]
                exact = text[new_start:new_end]
                occurrence, found = 1, text.find(exact)
                while 0 <= found < new_start:
                    occurrence += 1
                    found = text.find(exact, found + 1)
                quotes[key] = (
                    _scalar(exact) if occurrence == 1
                    else f"{{exact: {_scalar(exact)}, occurrence: {occurrence}}}"
                )
            return quotes[key]

        fill = {
            "id": lambda _: _scalar(ident),
            "slug": lambda s: v.slugs.get(s, s),
            "ref": lambda s: _scalar(v.slugs.get(s, s)),
            "zh": lambda s: _scalar(zh(s)),
            "zhnum": lambda s: _scalar(zhnum(s)),
            "en": lambda s: _scalar(en(s)),
            "qty": lambda s: _scalar(names_numbers_re.sub(lambda m: v.numbers.get(m.group(), m.group()), s)),
            "quote": quote,
        }
        yaml_text = "".join(p if isinstance(p, str) else fill[p.kind](p.value) for p in self._parts)
        header = f"# Synthetic article {ident}, derived from {self._source_name} by parkgraph.synth.\n"
        return ident, head + self._tail, header + yaml_text


def _prop_values(props: dict[str, Any]) -> Iterable[Any]:
    for raw in props.values():
        yield from raw if isinstance(raw, list) else [raw]


def _chrome_start(capture: str) -> int:
    """Offset of the first chrome line after the footer (reading lists etc. are kept verbatim)."""
    offset, seen_footer = 0, False
    for line in capture.split("\n"):  # the lines the reader sees (parkgraph.textnorm)
        stripped = line.strip()
        if ends_body(stripped):
            if seen_footer:
                return offset
            seen_footer = True
        offset += len(line) + 1
    return len(capture)


def _pick(table: Sequence[tuple[str, str]], count: int, rng: random.Random) -> tuple[str, list[str]]:
    chosen = [table[rng.randrange(len(table))] for _ in range(count)]
    return "".join(h for h, _ in chosen), [p for _, p in chosen]


def _new_name(name: Name, rng: random.Random) -> tuple[str, str]:
    """A generated (zh, en) name of the same kind and length as ``name``.

    >>> _new_name(Name("陈磊", "Chen Lei", "person"), random.Random(0))
    ('曹涛', 'Cao Tao')
    """
    length = len(name.zh)
    if name.kind == "person":
        surname, (surname_en,) = _pick(_SURNAMES, 1, rng)
        given, given_en = _pick(_GIVEN, length - 1, rng)
        return surname + given, f"{surname_en.capitalize()} {''.join(given_en).capitalize()}"
    table = _PLACE if name.kind == "place" else _BRAND
    zh, pinyin = _pick(table, length, rng)
    return zh, "".join(pinyin).capitalize()


def _new_number(token: str, rng: random.Random) -> str:
    """Another number with the same digit count and decimals (so it parses and reads the same way).

    >>> _new_number("36.45", random.Random(0)), _new_number("1", random.Random(0))
    ('59.60', '7')
    """
    whole, _, decimals = token.partition(".")
    for _ in range(20):
        digits = len(whole)
        new = str(rng.randint(10 ** (digits - 1) if digits > 1 else 1, 10**digits - 1))
        if decimals:
            new += "." + "".join(str(rng.randrange(10)) for _ in decimals)
        if new != token:
            return new
    return token


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=4)
def _synthesizer(capture: Path, annotations: Path, names: tuple[Name, ...], keep: float) -> Synthesizer:
    return Synthesizer(capture, annotations, names=names, keep=keep)


def generate_corpus(
    n: int,
    out_dir: Path,
    *,
    seed: int = 0,
    source_capture: Path = SOURCE_CAPTURE,
    source_annotations: Path = SOURCE_ANNOTATIONS,
    keep: float = 0.1,
    names: Sequence[Name] = DEFAULT_NAMES,
    annotations: bool = True,
) -> list[str]:
    """Write ``n`` synthetic articles to ``out_dir/corpus/<id>.txt`` and ``out_dir/annotations/<id>.yaml``.

    Returns the article ids (``syn_000001`` ...). The same arguments always write byte-identical files.
    Nothing else is written: ``parkgraph synth`` (:mod:`parkgraph.synthproject`) adds the ontology and
    questions, a project the build reads as it is.
    ``annotations=False`` writes the captures alone: a corpus whose every article the build extracts
    (the extracted variant of the corpus-scale benchmark).
    """
    if n < 0:
        raise ValueError(f"n must be at least 0, not {n}")
    synth = _synthesizer(
        Path(source_capture).resolve(), Path(source_annotations).resolve(), tuple(names), keep
    )
    corpus, notes_dir = Path(out_dir) / "corpus", Path(out_dir) / "annotations"
    corpus.mkdir(parents=True, exist_ok=True)
    if annotations:
        notes_dir.mkdir(parents=True, exist_ok=True)
    ids = []
    for index in range(1, n + 1):
        ident, capture, notes = synth.render(index, seed=seed)
        (corpus / f"{ident}.txt").write_text(capture, encoding="utf-8")
        if annotations:
            (notes_dir / f"{ident}.yaml").write_text(notes, encoding="utf-8")
        ids.append(ident)
    return ids


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m parkgraph.synth --articles N --out DIR [--seed S] [--keep P]``."""
    parser = argparse.ArgumentParser(prog="python -m parkgraph.synth", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--out", type=Path, required=True, help="folder that gets corpus/ and annotations/")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same files (default 0)")
    parser.add_argument(
        "--keep", type=float, default=0.1,
        help="probability that a renameable name keeps its original identity in an article (default 0.1)",
    )
    parser.add_argument(
        "--captures-only", action="store_true",
        help="write no annotations: the build extracts every article",
    )  # fmt: skip
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        ids = generate_corpus(
            args.articles, args.out, seed=args.seed, keep=args.keep, annotations=not args.captures_only
        )
    except ValueError as error:
        parser.error(str(error))
    print(f"wrote {len(ids)} articles to {args.out} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
