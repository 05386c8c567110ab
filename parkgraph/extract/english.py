"""English labels and ASCII slugs for entity names found in Chinese text.

The graph's shapes require an English ``skos:prefLabel`` on every entity and entity IRIs need ASCII
slugs (``docs/model.md``, "Labels" and "IRIs"), but the extractor only sees Chinese names. This
module writes English the way the curated annotations do: institution words translated from a
glossary (``data/glossary.yaml``, rules as data), everything else (place names, trade names, people)
in pinyin. It is deterministic and offline: the glossary ships with the package and pypinyin ships its
own phrase data.

How a name is written:

1. normalise: NFKC (full-width letters, digits and brackets become ASCII), Chinese quotes and
   book-title marks become ``"``, control and format characters go;
2. segment each run of Han characters against the glossary, taking the split that leaves the fewest
   characters unknown, then the one with the fewest words; a one-character word counts only in its
   context (a level word after a place name, "与" between two known words), so place names survive;
3. write known words in English and the rest in pinyin (one capitalised word a run: 鹭平 → Luping),
   keep ASCII letters and digits (MEMS, 5G); bracketed and quoted parts are written on their own.

Conventions (the same everywhere):

* a level word (省, 市, 县, ...) after a place name is an adjective before a government or party body
  ("Canglan Provincial ...", "Luping Municipal ..."), the place otherwise ("Luping Software Park");
  a name that ends with it is the place itself ("沧澜省" → "Canglan Province", "鹭平市" → "Luping");
* committees, offices and departments *of* something put their owner last: "Administrative Committee
  of Yuchuan High-tech Zone", "Office of the Luping Municipal People's Government" ("the" before
  an owner that is itself a government or party body), as the curated labels do;
* CPC bodies start with "CPC": "CPC Luping Municipal Committee", "CPC Working Committee of ...";
* people: surname, space, given name ("Ouyang Che"); compound surnames and surname readings are data;
* pinyin: ü is written "yu" (Lyu, as on passports), "'" separates a syllable starting with a, o or e
  (Xi'an); labels are printable ASCII, slugs match :data:`SLUG_RE`.

>>> english_label("沧澜省工业和信息化厅", kind="government")
'Canglan Provincial Department of Industry and Information Technology'
>>> english_label("鹭平市", kind="place")
'Luping'
>>> english_label("榆川高新技术产业开发区管理委员会", kind="government")
'Administrative Committee of Yuchuan High-tech Industrial Development Zone'
>>> english_label("中共鹭平市委", kind="party_committee")
'CPC Luping Municipal Committee'
>>> slugify("Canglan Provincial People's Government")
'canglan-provincial-peoples-government'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .spans import KINDS as SPAN_KINDS

__all__ = [
    "KINDS",
    "SLUG_RE",
    "Entry",
    "Glossary",
    "GlossaryError",
    "SlugRegistry",
    "default_glossary",
    "english_label",
    "is_generic",
    "slugify",
]

KINDS = frozenset(SPAN_KINDS)
# The same pattern as parkgraph.iris.SLUG_RE (a test checks), kept here so that importing this module
# does not import rdflib.
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_SLUG_LENGTH = 80

_HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:[-.&+'][A-Za-z0-9]+)*")
# Quotes, book-title marks and brackets NFKC leaves alone: one ASCII form each, so that a quoted or
# bracketed part is found however the article typed it.
_PUNCTUATION = str.maketrans(
    {
        "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
        "《": '"', "》": '"', "〈": '"', "〉": '"', "【": "(", "】": ")", "〔": "(", "〕": ")",
        "〖": "(", "〗": ")", "—": "-", "–": "-", "―": "-", "〜": "-",
    }
)  # fmt: skip
_YEAR = re.compile(r"(\d{2,4})年")
_NAME_DOTS = re.compile(r"[·・•‧]+")
_OF_FRAME = re.compile(r"关于(.+)的(.+)")
_FRAME_KINDS = frozenset({"programme", "policy", "work"})
_WHOLE_NAME_KINDS = frozenset({"person", "place"})
# Limits that keep hostile input cheap: no entity name is longer, no name nests brackets deeper.
_MAX_NAME = 200
_MAX_DEPTH = 3
# What a label may contain: letters, digits, space and the punctuation of names ("Co., Ltd.", "R&D",
# "(Yuchuan)", quoted programmes, "People's"). Anything else (markup, ';', '<') becomes a space.
_LABEL_UNSAFE = re.compile(r"[^A-Za-z0-9 '\"(),.&/+-]+")


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the word and what is wrong with it."""


@dataclass(frozen=True)
class Entry:
    """One glossary word: its English and where and how it is written (see ``data/glossary.yaml``)."""

    word: str
    en: str
    role: str = "word"
    order: str = "after"
    cpc: bool = False
    min_before: int = 0
    before_known: bool = False
    between_known: bool = False
    # Level words only: templates with "{}" for the place name, and the forms without a place name.
    place: str = "{}"
    modifier: str = "{}"
    adjective: str = "{}"
    bare: str = ""
    bare_modifier: str | None = None
    leading: bool = False
    kinds: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False)

    def for_kind(self, kind: str) -> Entry:
        """The entry as written for an entity of ``kind`` (委员会 is a Committee for a party body)."""
        override = self.kinds.get(kind)
        return replace(self, **override) if override else self


_ENTRY_FIELDS = frozenset(f.name for f in fields(Entry)) - {"word"}
_LEVEL_FORMS = ("place", "modifier", "adjective")


@dataclass(frozen=True)
class Glossary:
    """The words english_label() knows, and the surname data of people's names."""

    words: Mapping[str, Entry]
    compound_surnames: Mapping[str, str]
    surname_readings: Mapping[str, str]
    longest: int

    @classmethod
    def load(cls, path: str | Path) -> Glossary:
        """Read a glossary file (the format of ``data/glossary.yaml``)."""
        text = Path(path).read_text(encoding="utf-8")
        return cls.from_data(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Glossary:
        """Build and check a glossary from parsed YAML, so a typo fails at load time, not in a label.

        >>> g = Glossary.from_data({"groups": {"x": {"role": "park", "words": {"园区": "Park"}}}})
        >>> g.words["园区"].en, g.words["园区"].role
        ('Park', 'park')
        >>> Glossary.from_data({"groups": {"x": {"words": {"园区": {"en": "Park", "colour": 1}}}}})
        Traceback (most recent call last):
        ...
        parkgraph.extract.english.GlossaryError: glossary word '园区' (group x): unknown field(s) colour
        """
        words: dict[str, Entry] = {}
        for word, spec in (data.get("levels") or {}).items():
            _add(words, _entry(word, spec, {"role": "level", "en": ""}, where="levels"))
        for name, group in (data.get("groups") or {}).items():
            defaults = {key: value for key, value in group.items() if key != "words"}
            for word, spec in (group.get("words") or {}).items():
                _add(words, _entry(word, spec, defaults, where=f"group {name}"))
        surnames = data.get("surnames") or {}
        compound, readings = (_surnames(surnames.get(part) or {}) for part in ("compound", "readings"))
        return cls(words, compound, readings, max(map(len, words), default=1))


def _surnames(data: Mapping[Any, Any]) -> dict[str, str]:
    """Surname → pinyin, checked like every other English text of the glossary."""
    return {str(han): _ascii_value(str(han), pinyin, "surnames") for han, pinyin in data.items()}


def _entry(word: Any, spec: Any, defaults: Mapping[str, Any], *, where: str) -> Entry:
    """One checked entry from its YAML value (a string is just the English)."""
    word = str(word)
    if isinstance(spec, str):
        spec = {"en": spec}
    if not isinstance(spec, Mapping):
        raise GlossaryError(f"glossary word {word!r} ({where}): expected English text or a mapping")
    merged = {**defaults, **spec}
    unknown = sorted(set(merged) - _ENTRY_FIELDS)
    if unknown:
        raise GlossaryError(f"glossary word {word!r} ({where}): unknown field(s) {', '.join(unknown)}")
    if "en" not in merged:
        raise GlossaryError(f"glossary word {word!r} ({where}): no 'en'")
    entry = Entry(word=word, **merged)
    if set(entry.kinds) - KINDS:
        raise GlossaryError(f"glossary word {word!r} ({where}): unknown kind(s) in 'kinds'")
    for kind, override in entry.kinds.items():
        if not isinstance(override, Mapping) or set(override) - _ENTRY_FIELDS or "kinds" in override:
            raise GlossaryError(f"glossary word {word!r} ({where}): bad override for kind {kind}")
        _check(entry.for_kind(kind), f"{where}, kind {kind}")
    _check(entry, where)
    return entry


def _check(entry: Entry, where: str) -> None:
    """The checks of one entry as it will be written: ASCII English, a known order, level templates."""
    word = entry.word
    for text in (entry.en, entry.bare, entry.bare_modifier or "", *(getattr(entry, f) for f in _LEVEL_FORMS)):
        _ascii_value(word, text, where)
    if entry.order not in {"after", "of"}:
        raise GlossaryError(f"glossary word {word!r} ({where}): order must be 'after' or 'of'")
    if entry.role == "level" and any(getattr(entry, f).count("{}") != 1 for f in _LEVEL_FORMS):
        raise GlossaryError(f"glossary word {word!r} ({where}): level forms need one '{{}}' for the place")


def _ascii_value(word: str, text: Any, where: str) -> str:
    """Check one English text of the glossary: labels must come out as printable ASCII."""
    if not isinstance(text, str) or not re.fullmatch(r"[ -~]*", text):
        raise GlossaryError(f"glossary word {word!r} ({where}): English {text!r} is not printable ASCII")
    return text


def _add(words: dict[str, Entry], entry: Entry) -> None:
    """Add an entry; a word in two groups would silently win or lose, so it is an error."""
    if not entry.word or entry.word in words:
        raise GlossaryError(f"glossary word {entry.word!r} is empty or listed twice")
    words[entry.word] = entry


@cache
def default_glossary() -> Glossary:
    """The glossary shipped with the package, read once."""
    source = resources.files(__package__).joinpath("data", "glossary.yaml")
    text = source.read_text(encoding="utf-8")
    return Glossary.from_data(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


# --- labels ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    """A piece of a name: ``han`` (unknown, written in pinyin), ``word`` (glossary), ``place`` (a
    caller's place), ``ascii`` (kept as it is) or ``group`` (a bracketed or quoted part, written)."""

    kind: str
    text: str
    entry: Entry | None = None
    en: str = ""


def english_label(
    name: str, *, kind: str, glossary: Glossary | None = None, places: Mapping[str, str] | None = None
) -> str:
    """The English label of an entity named ``name`` (Chinese) of ``kind`` (one of :data:`KINDS`).

    ``places`` maps place names the caller already knows (without their level word: "榆川", not
    "榆川市") to English, so they are split off a longer name. The label is never empty: a name with
    nothing writable (no letters, no readable characters) gets "Unnamed <kind> <hash>". Only the
    first 200 characters of a name are read.

    >>> english_label("鹭平市人民政府", kind="government")
    "Luping Municipal People's Government"
    >>> english_label("欧阳澈", kind="person")
    'Ouyang Che'
    >>> english_label("昊衡智能科技（榆川）有限公司", kind="company")
    'Haoheng Intelligent Technology (Yuchuan) Co., Ltd.'
    >>> english_label("鹭平MEMS传感器产业园", kind="park")
    'Luping MEMS Sensor Industrial Park'
    """
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    glossary = glossary or default_glossary()
    text = _normalise(name)[:_MAX_NAME]
    if kind == "person":
        label = _person_label(text, glossary)
    else:
        label = _name_label(text, kind=kind, glossary=glossary, places=places or {})
    return _clean(label) or _placeholder(text, kind)


@lru_cache(maxsize=8192)
def is_generic(words: str) -> bool:
    """Whether ``words`` (Han text) are glossary words only, with no proper part for pinyin: a
    description (生态, 新能源, 智能科技), not what names one thing.

    >>> is_generic("新能源"), is_generic("智能科技"), is_generic("芯测微电子"), is_generic("鹭平市")
    (True, True, False, False)
    """
    glossary = default_glossary()
    if not words or not _HAN.fullmatch(words[0]) or any(not _HAN.match(ch) for ch in words):
        return False
    tokens = _settle(_segment(words, kind="work", glossary=glossary, places={}))
    return all(t.kind == "word" and t.entry is not None and t.entry.role != "level" for t in tokens)


def _normalise(name: str) -> str:
    """NFKC, Latin letters without accents (Café -> Cafe), one form of quotes and brackets, no
    control or format characters, single spaces: the forms of one name become one text."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    text = unicodedata.normalize("NFC", "".join(ch for ch in text if not unicodedata.combining(ch)))
    text = text.translate(_PUNCTUATION)
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    return " ".join(text.split())


def _placeholder(name: str, kind: str) -> str:
    """A stable label for a name with nothing writable, so that every entity still has one."""
    digest = hashlib.sha1(f"{kind}\n{name}".encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"Unnamed {kind.replace('_', ' ')} {digest}"


def _clean(label: str) -> str:
    """Printable ASCII only (whatever the name contained), single spaces, no empty brackets.

    >>> _clean('Luping <script> "" ( ) Park;')
    'Luping script Park'
    """
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    text = " ".join(_LABEL_UNSAFE.sub(" ", text).split())
    text = text.replace("( ", "(").replace(" )", ")")
    text = re.sub(r'\(\)|""', " ", text)
    return " ".join(text.split()).strip(" ,&/+-")


def _person_label(text: str, glossary: Glossary) -> str:
    """Surname then given name, each one pinyin word ("Ouyang Che"); dotted names part by part."""
    if _NAME_DOTS.search(text) or not _HAN.search(text):
        return " ".join(_plain_word(part) for part in _NAME_DOTS.split(text))
    han = "".join(_HAN.findall(text))
    if len(han) >= 3 and han[:2] in glossary.compound_surnames:
        surname, given = glossary.compound_surnames[han[:2]], han[2:]
    else:
        surname, given = glossary.surname_readings.get(han[0]) or _pinyin_word(han[0]), han[1:]
    return f"{surname} {_pinyin_word(given)}" if given else surname


def _plain_word(text: str) -> str:
    """A piece of a name with no structure: its Han characters as one pinyin word, ASCII kept."""
    pieces = re.findall(rf"{_HAN.pattern}+|{_ASCII_WORD.pattern}", text)
    return " ".join(_pinyin_word(p) if _HAN.match(p) else p for p in pieces)


def _name_label(text: str, *, kind: str, glossary: Glossary, places: Mapping[str, str]) -> str:
    """The label of anything but a person: segment, then compose."""
    text = _YEAR.sub(r"\1 ", text)
    if kind in _FRAME_KINDS:
        if len(text) > 2 and text[0] == text[-1] == '"' and '"' not in text[1:-1]:
            text = text[1:-1]
        frame = _OF_FRAME.fullmatch(text)
        if frame:  # 关于<topic>的<document> -> "<document> on <topic>"
            topic, document = (
                _name_label(part, kind=kind, glossary=glossary, places=places) for part in frame.groups()
            )
            return f"{document} on {topic}"
    tokens = _tokens(text, kind=kind, glossary=glossary, places=places)
    cpc = bool(tokens) and _role(tokens[0]) == "prefix"  # 中共...: a CPC body, whatever follows
    tokens = [t for t in tokens if _role(t) != "prefix"]
    if kind not in _WHOLE_NAME_KINDS and len(tokens) > 1 and _is_han_run(tokens[0], length=4):
        # 行政区划 + 字号: a four-character run before the known words of an organisation's name is
        # a two-character place and a two-character trade name (沧澜芯测 -> Canglan Xince).
        first = tokens[0].text
        tokens[:1] = [_Token("han", first[:2]), _Token("han", first[2:])]
    label = _compose(tokens)
    return f"CPC {label}" if cpc and "CPC" not in label.split() else label


def _tokens(
    text: str, *, kind: str, glossary: Glossary, places: Mapping[str, str], depth: int = 0
) -> list[_Token]:
    """Split a normalised name into tokens; bracketed and quoted parts are written here, on their own
    (up to :data:`_MAX_DEPTH` levels deep; deeper brackets only separate)."""
    tokens: list[_Token] = []
    run: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if _HAN.match(ch):
            run.append(ch)
            i += 1
            continue
        tokens += _segment("".join(run), kind=kind, glossary=glossary, places=places)
        run = []
        end = _closing(text, i) if depth < _MAX_DEPTH else -1
        if end > i:
            inner_kind = "place" if ch == "(" else kind
            inner = _tokens(
                text[i + 1 : end], kind=inner_kind, glossary=glossary, places=places, depth=depth + 1
            )
            written = _compose(inner)
            written = f"({written})" if ch == "(" else f'"{written}"'
            tokens.append(_Token("group", text[i : end + 1], en=written))
            i = end + 1
            continue
        word = _ASCII_WORD.match(text, i)
        if word:
            tokens.append(_Token("ascii", word.group()))
            i = word.end()
            continue
        i += 1  # anything else separates
    tokens += _segment("".join(run), kind=kind, glossary=glossary, places=places)
    return _settle(tokens)


def _closing(text: str, start: int) -> int:
    """Index of the bracket or quote closing the one at ``start``, or -1 (not an opening one)."""
    if text[start] == '"':
        return text.find('"', start + 1)
    if text[start] != "(":
        return -1
    depth = 0
    for j in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        if depth == 0:
            return j
    return -1


def _segment(run: str, *, kind: str, glossary: Glossary, places: Mapping[str, str]) -> list[_Token]:
    """The split of a Han run that leaves the fewest characters unknown, then has the fewest words.

    Dynamic programming over positions: cost (unknown characters, words); on a tie the longer word
    seen first wins, so the split is deterministic.
    """
    if not run:
        return []
    longest = max(glossary.longest, max(map(len, places), default=1))
    best: list[tuple[int, int] | None] = [None] * (len(run) + 1)
    back: list[tuple[int, _Token | None]] = [(0, None)] * (len(run) + 1)
    best[0] = (0, 0)
    for i in range(len(run)):
        cost = best[i]
        if cost is None:
            continue
        options: list[tuple[int, tuple[int, int], _Token | None]] = []
        for length in range(min(longest, len(run) - i), 0, -1):
            piece = run[i : i + length]
            if piece in places:
                options.append((i + length, (cost[0], cost[1] + 1), _Token("place", piece, en=places[piece])))
            elif piece in glossary.words:
                entry = glossary.words[piece].for_kind(kind)
                options.append((i + length, (cost[0], cost[1] + 1), _Token("word", piece, entry)))
        options.append((i + 1, (cost[0] + 1, cost[1]), None))
        for j, new_cost, token in options:
            old = best[j]
            if old is None or new_cost < old:
                best[j], back[j] = new_cost, (i, token)
    tokens: list[_Token] = []
    j = len(run)
    while j > 0:
        i, token = back[j]
        tokens.append(token or _Token("han", run[i:j]))
        j = i
    return _merge_han(tokens[::-1])


def _merge_han(tokens: list[_Token]) -> list[_Token]:
    """Join neighbouring unknown pieces into one run (one pinyin word)."""
    merged: list[_Token] = []
    for token in tokens:
        if token.kind == "han" and merged and merged[-1].kind == "han":
            merged[-1] = _Token("han", merged[-1].text + token.text)
        else:
            merged.append(token)
    return merged


def _settle(tokens: list[_Token]) -> list[_Token]:
    """Turn back into unknown text the context-bound words that stand out of their context."""
    # One word at a time, leftmost first: turning 镇 of 镇江市 back into text gives 市 the
    # two-character place name it needs.
    while True:
        wrong = next((k for k, t in enumerate(tokens) if t.kind == "word" and not _fits(tokens, k)), None)
        if wrong is None:
            return tokens
        tokens[wrong] = _Token("han", tokens[wrong].text)
        tokens = _merge_han(tokens)


def _fits(tokens: list[_Token], k: int) -> bool:
    """Whether the glossary word at ``k`` is read as that word here (see the glossary's fields)."""
    entry = tokens[k].entry
    assert entry is not None
    before = tokens[k - 1] if k else None
    after = tokens[k + 1] if k + 1 < len(tokens) else None
    if entry.role == "level":
        if before is None:
            return entry.leading and after is not None
        return before.kind == "place" or (before.kind == "han" and len(before.text) >= entry.min_before)
    if entry.between_known and not (_known(before) and _known(after)):
        return False
    if entry.before_known and after is not None and after.kind == "han":
        return False
    return sum(len(t.text) for t in tokens[:k]) >= entry.min_before


def _known(token: _Token | None) -> bool:
    return token is not None and token.kind in {"word", "place"}


def _compose(tokens: list[_Token]) -> str:
    """English for a token list: "of" heads put their owner last, everything else keeps its order.

    Trailing "of" heads are peeled in a loop, not by recursion, so a name made of many of them
    cannot exhaust the stack.
    """
    heads: list[_Token] = []
    while len(tokens) > 1 and _is_of_head(tokens, len(tokens) - 1):
        heads.append(tokens[-1])
        tokens = tokens[:-1]
    label = _core(tokens)
    owner_last = tokens[-1] if tokens else None
    for head in reversed(heads):  # the innermost first: Office of the Administrative Committee of …
        label = _of(_text_of_head(head), label, owner_last)
        owner_last = head
    return label


def _core(tokens: list[_Token]) -> str:
    """A token list that does not end with an "of" head."""
    if not tokens:
        return ""
    last = len(tokens) - 1
    if _is_organ(tokens[last]):
        # A body under an "of" body: "Economic Development Bureau of the Administrative Committee of ..."
        for k in range(last - 1, 0, -1):
            if _is_of_head(tokens, k):
                return _of(_compose(tokens[k + 1 :]), _compose(tokens[: k + 1]), tokens[k])
    return _linear(tokens)


def _is_of_head(tokens: list[_Token], k: int) -> bool:
    """An "of" word that has an owner before it and is not straight after a level word."""
    entry = tokens[k].entry
    before = tokens[k - 1].entry if k else None
    return entry is not None and entry.order == "of" and k > 0 and not (before and before.role == "level")


def _role(token: _Token) -> str | None:
    return token.entry.role if token.entry is not None else None


def _is_organ(token: _Token) -> bool:
    return _role(token) == "organ"


def _is_han_run(token: _Token, *, length: int) -> bool:
    return token.kind == "han" and len(token.text) == length


def _text_of_head(token: _Token) -> str:
    entry = token.entry
    assert entry is not None
    return f"CPC {entry.en}" if entry.cpc else entry.en


def _of(head: str, owner: str, owner_last: _Token | None) -> str:
    """ "<head> of <owner>", with "the" before an owner that is a government or party body."""
    if not owner:
        return head
    article = "the " if owner_last is not None and _is_organ(owner_last) else ""
    return f"{head} of {article}{owner}"


def _linear(tokens: list[_Token]) -> str:
    """Tokens written in their order (Chinese names are head-final like English noun phrases)."""
    parts: list[str] = []
    cpc = False
    for k, token in enumerate(tokens):
        entry = token.entry
        if token.kind == "han":
            parts.append(_pinyin_word(token.text))
        elif token.kind == "ascii":
            parts.append(token.text)
        elif entry is None:
            parts.append(token.en)
        elif entry.role == "level":
            _write_level(parts, tokens, k)
        else:
            cpc = cpc or entry.cpc
            parts.append(entry.en)
    text = " ".join(part for part in parts if part)
    return f"CPC {text}" if cpc and not text.startswith("CPC") else text


def _write_level(parts: list[str], tokens: list[_Token], k: int) -> None:
    """Write the level word at ``k`` as place, adjective or modifier, folding in the place before it."""
    entry = tokens[k].entry
    assert entry is not None
    rest = tokens[k + 1 :]
    if not rest:
        form = "place"
    elif _is_organ(rest[-1]) and all(t.kind == "word" and t.entry and t.entry.role != "level" for t in rest):
        form = "adjective"
    else:
        form = "modifier"
    if k and tokens[k - 1].kind in {"han", "place"}:
        parts[-1] = getattr(entry, form).format(parts[-1])
    else:
        bare_modifier = entry.bare if entry.bare_modifier is None else entry.bare_modifier
        parts.append(bare_modifier if form == "modifier" else entry.bare)


@lru_cache(maxsize=65536)
def _pinyin_word(han: str) -> str:
    """One run of Han characters as one capitalised pinyin word (鹭平 -> Luping, 西安 -> Xi'an).

    pypinyin reads the run with its phrase data, so polyphonic characters come out right where the
    phrase is known (重庆 -> Chongqing). Imported here, not at module level: its data take a quarter
    of a second to load, and only the first label pays for it.

    >>> _pinyin_word("重庆"), _pinyin_word("西安"), _pinyin_word("绿")
    ('Chongqing', "Xi'an", 'Lyu')
    """
    from pypinyin import Style, lazy_pinyin

    word = ""
    readings = lazy_pinyin(han, style=Style.NORMAL, errors=_no_reading)
    if han[:1] == "长" and readings[:1] == ["zhang"]:
        readings[0] = "chang"  # a name opening with 长 (rivers, places, brands) reads cháng, not zhǎng
    for reading in readings:
        syllable = re.sub(r"[^a-z]", "", reading.lower()).replace("v", "yu")  # pypinyin writes ü as v
        if not syllable:
            continue
        word += f"'{syllable}" if word and syllable[0] in "aoe" else syllable
    return word.capitalize()


def _no_reading(chars: str) -> str:
    """pypinyin's errors hook: a character without a reading is left out (the label stays ASCII)."""
    return ""


# --- slugs ----------------------------------------------------------------------------------------


def slugify(english: str, *, max_length: int = DEFAULT_SLUG_LENGTH) -> str:
    """An IRI slug (:data:`SLUG_RE`) from English text: ASCII-folded, lower case, words joined by '-'.

    Long slugs are cut at a word boundary. Text with nothing left after folding gets a short stable
    hash of the text, so every name still has a slug.

    >>> slugify("Haoheng Intelligent Technology (Yuchuan) Co., Ltd.")
    'haoheng-intelligent-technology-yuchuan-co-ltd'
    >>> slugify("R&D Centre"), slugify("Xi'an")
    ('r-and-d-centre', 'xian')
    >>> slugify("鹭平")
    'h-f72f741b64'
    """
    if max_length < 12:
        raise ValueError(f"max_length {max_length} is too short for a slug (12 or more)")
    folded = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode("ascii")
    folded = folded.replace("&", " and ").replace("'", "")
    slug = _truncate(re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-"), max_length)
    return slug or _hash_slug(english)


def _truncate(slug: str, max_length: int) -> str:
    """Cut a slug to ``max_length`` characters at a '-' where there is one."""
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    if slug[max_length] != "-" and "-" in cut:
        cut = cut.rsplit("-", 1)[0]
    return cut.strip("-")


def _hash_slug(text: str) -> str:
    digest = hashlib.sha1(unicodedata.normalize("NFC", text).encode("utf-8", "surrogatepass")).hexdigest()
    return f"h-{digest[:10]}"


class SlugRegistry:
    """Hands out one slug per (name, kind), never the same slug twice.

    The same name and kind always get the same slug (names are compared after normalisation, so
    full-width and half-width brackets are one name). A second name whose slug is taken gets ``-2``,
    then ``-3``, ...: in the order the names are asked for with :meth:`slug`, or in sorted order of
    (name, kind) with :meth:`assign`, which makes the result independent of the order of its input.
    ``reserved`` slugs (the curated ones) are never handed out.

    >>> registry = SlugRegistry(reserved=["luping"])
    >>> registry.slug("鹭平市", kind="place")
    'luping-2'
    >>> registry.slug("鹭平市", kind="place"), registry.label("鹭平市", kind="place")
    ('luping-2', 'Luping')
    >>> registry.slug("鹭平", kind="place")
    'luping-3'
    """

    def __init__(
        self,
        *,
        reserved: Iterable[str] = (),
        glossary: Glossary | None = None,
        places: Mapping[str, str] | None = None,
        max_length: int = DEFAULT_SLUG_LENGTH,
    ) -> None:
        self._glossary = glossary
        self._places = places
        self._max_length = max_length
        self._taken: set[str] = set()
        for slug in reserved:
            if not SLUG_RE.match(slug):
                raise ValueError(f"reserved slug {slug!r} does not match {SLUG_RE.pattern}")
            self._taken.add(slug)
        self._given: dict[tuple[str, str], tuple[str, str]] = {}

    def slug(self, name: str, *, kind: str) -> str:
        """The slug of (name, kind), handing out a new one the first time."""
        return self._get(name, kind)[0]

    def label(self, name: str, *, kind: str) -> str:
        """The English label the slug was made from."""
        return self._get(name, kind)[1]

    def assign(self, names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """Slugs for many (name, kind) pairs, handed out in sorted order, so input order cannot matter."""
        pairs = list(names)
        for name, kind in sorted({(_normalise(name), kind) for name, kind in pairs}):
            self._get(name, kind)
        return {(name, kind): self.slug(name, kind=kind) for name, kind in pairs}

    def items(self) -> list[tuple[str, str, str]]:
        """(normalised name, kind, slug) for everything handed out, sorted."""
        return sorted((name, kind, slug) for (name, kind), (slug, _) in self._given.items())

    def __contains__(self, slug: object) -> bool:
        return slug in self._taken

    def __len__(self) -> int:
        return len(self._given)

    def _get(self, name: str, kind: str) -> tuple[str, str]:
        key = (_normalise(name), kind)
        if key not in self._given:
            english = english_label(key[0], kind=kind, glossary=self._glossary, places=self._places)
            slug = self._free(slugify(english, max_length=self._max_length))
            self._taken.add(slug)
            self._given[key] = (slug, english)
        return self._given[key]

    def _free(self, base: str) -> str:
        """``base``, or the first of base-2, base-3, ... not taken (cut so the suffix fits)."""
        candidate, n = base, 2
        while candidate in self._taken:
            suffix = f"-{n}"
            candidate = _truncate(base, self._max_length - len(suffix)) + suffix
            n += 1
        return candidate
