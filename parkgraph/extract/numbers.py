"""Find the quantity expressions of an article (实现营业收入78.6亿元, 超过200家, 近3倍, 三大方向) and
the words naming what each measures, as :class:`QuantityMention` spans of the text.

The parser (:mod:`parkgraph.quantities`) is the one authority on what a surface form means: this
module only finds where forms stand, using the parser's own tables (unit words, qualifier words, range
separators), and hands every candidate to :func:`~parkgraph.quantities.parse_quantity`; what the parser
refuses (years, ordinals, unknown words) is no mention. What only finding needs (which measure words
count things, words that merely look like quantities, indicator and counted-noun vocabulary) is data,
in ``data/numbers.yaml``.

Conventions (the same everywhere):

* **span**: the number with its qualifier words (超过, 逾, 突破, 近, 约, 不少于, 不到 before it; 余, 多
  inside it; 左右, 以上, 以下 after it) and its unit word, so that
  ``parse_quantity(m.text, unit=m.quantity.unit) == m.quantity`` for every mention (``unit=`` because
  generic measure words, the 大 of 三大, have no unit of their own). Words that only report a value
  (达到, 达, 高达) are not part of it; a prefix that is the tail of another word (the 约 of 签约) is not a
  qualifier.
* **ranges** (10至15亿元, 3-5年) are one mention: ``quantity`` is the lower end (``AtLeast``), ``upper`` the
  upper end (``AtMost``), and ``parse_range(m.text) == (m.quantity, m.upper)``.
* **indicator**: the words of the number's own clause, right before it, that name what is measured,
  with light verbs and subjects before them and linking words after them left out:
  园区实现营业收入78.6亿元 → 营业收入; 项目总投资42亿元 → 总投资; 认定有效期为3年 → 认定有效期;
  园区集聚传感器上下游企业136家 → 集聚传感器上下游企业. A change figure keeps its whole phrase, the
  measured variable with the change word: 规上工业总产值同比增长21.4% → 规上工业总产值同比增长; where the
  variable is elided (实现营业收入78.6亿元，同比增长31.6%) the indicator is the change word alone
  (同比增长) and the fact builder pairs it with the clause before. The indicator never reaches back over
  a clause delimiter or another number, is at most ``max_chars`` long, and is None where nothing names
  the measure (a list before 等, the members before a 三大).
* **counted**: the noun a count counts when it follows the measure word (12个项目, 三大方向, 12个班,
  12家优质医药科技企业); a generic count word then takes that noun's unit (12个项目 → ``project``).
* **not quantities**: years and dates (2023年, 7月14日, 2023年度), ordinals (第三次), document numbers
  (〔2023〕58号), phone and list numbers (no unit word), model names (T700级, 5G), calendar periods
  (近三年, 未来五年), names and idioms (三年行动计划, 三台山, 千家万户), the indefinite 一 (一家企业,
  一批项目), vague numbers (数十家, 上百名), bare multipliers without a qualifier (每万元).

>>> text = "今年上半年，园区实现营业收入78.6亿元，同比增长31.6%；集聚企业超过200家。"
>>> [(m.text, str(m.quantity.value), m.quantity.qualifier, m.indicator.text) for m in find_quantities(text)]
[('78.6亿元', '7860000000', 'Exactly', '营业收入'), ('31.6%', '31.6', 'Exactly', '同比增长'), \
('超过200家', '200', 'MoreThan', '集聚企业')]
>>> [(m.text, m.counted.text, m.quantity.unit) for m in find_quantities("重点发展三大方向，签约12个项目")]
[('三大', '方向', 'item'), ('12个', '项目', 'project')]
>>> [m.text for m in find_quantities("2023年7月14日，第三次会议在三台山召开，近三年引进一批企业")]
[]
>>> m = find_quantities("投资10至15亿元")[0]
>>> m.text, str(m.quantity.value), m.quantity.qualifier, str(m.upper.value), m.upper.qualifier
('10至15亿元', '1000000000', 'AtLeast', '1500000000', 'AtMost')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from parkgraph.quantities import (
    CURRENCIES,
    MEASURE_WORDS,
    ODD_AFTER_UNITS,
    QUALIFIER_PREFIXES,
    QUALIFIER_SUFFIXES,
    RANGE_SEPARATORS,
    SIMPLIFIED,
    UNITS,
    Quantity,
    parse_quantity,
    parse_range,
)

from .spans import Span

__all__ = [
    "NUMBER_RULES",
    "NumberRules",
    "QuantityMention",
    "RankMention",
    "find_quantities",
    "find_rankings",
]

DATA = Path(__file__).with_name("data") / "numbers.yaml"

_ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.．]\d+)?"
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CHINESE = rf"[{_CN_CHARS}](?:[{_CN_CHARS}]|点(?=[零〇一二三四五六七八九]))*"
_MULTIPLIER_CHARS = frozenset("百千万亿")
#: Before a number: no digit, decimal point or Latin letter (T700, V2.0, 0571-…).
_NOT_AFTER_ALNUM = r"(?<![\d.．,A-Za-z_])"
#: A date or time of the calendar inside an indicator's clause: the indicator starts after it.
_CALENDAR = re.compile(rf"(?:\d+|[{_CN_CHARS}]+)(?:年度|年|月份|月|日|号|季度|时)")


@dataclass(frozen=True)
class QuantityMention(Span):
    """A quantity expression of the article text: ``text[start:end]``, what the parser reads it as,
    what it measures and counts (see the module's conventions). Ordered by position, like every span.
    """

    quantity: Quantity
    indicator: Span | None = None
    counted: Span | None = None
    upper: Quantity | None = None  # the upper end of a range; ``quantity`` is then the lower end

    @property
    def phrase(self) -> str:
        """The mention with its counted noun (三大方向, 12个班): what a reader quotes as the quantity.

        The counted noun starts where the mention ends, so the phrase is text of the article too.
        """
        return self.text if self.counted is None else self.text + self.counted.text

    @property
    def annotation_unit(self) -> str | None:
        """The ``unit:`` an annotation's fact needs beside ``quantity: <text>`` for the loader to read
        this mention as :attr:`quantity` (三大 → ``item``, 12个 of 12个项目 → ``project``); None when the
        text alone says it. A range needs :func:`~parkgraph.quantities.parse_range` whatever the unit.

        >>> [m.annotation_unit for m in find_quantities("三大方向，12个项目，42亿元")]
        ['item', 'project', None]
        """
        try:
            alone = parse_quantity(self.text) if self.upper is None else parse_range(self.text)[0]
        except ValueError:
            return self.quantity.unit
        return None if alone.unit == self.quantity.unit else self.quantity.unit


@dataclass(frozen=True)
class RankMention(Span):
    """A place in an order (居全国第7位): the rank (1 for 首位), the scope it holds in (全国) and the
    words before it naming the criterion (获批数量居全国第7位 → 获批数量), as :class:`QuantityMention`
    names its indicator."""

    rank: int
    scope: Span | None = None
    indicator: Span | None = None


@dataclass(frozen=True)
class NumberRules:
    """The data of ``numbers.yaml``, with the patterns built from it and from the parser's tables."""

    measure_units: Mapping[str, str]  # generic measure word -> unit id
    count_units: frozenset[str]
    time_units: frozenset[str]
    time_frame_before: tuple[str, ...]
    name_after_time: tuple[str, ...]
    not_after: Mapping[str, str]  # unit word -> characters that make it part of another word
    not_suffixes: tuple[str, ...]
    vague_before: tuple[str, ...]
    not_qualifiers: tuple[str, ...]
    not_quantities: tuple[str, ...]
    delimiters: frozenset[str]
    link_words: tuple[str, ...]
    starts_after: tuple[str, ...]
    leading_chars: frozenset[str]
    max_chars: int
    indicator_words: tuple[str, ...]
    counted_nouns: Mapping[str, str | None]  # noun -> unit id a generic count of it takes
    counted_modifier_chars: int
    counted_stops: frozenset[str]
    money_words: tuple[str, ...] = ()
    rank_verbs: tuple[str, ...] = ()
    rank_scopes: tuple[str, ...] = ()
    rank_first: tuple[str, ...] = ()
    not_after_rank: tuple[str, ...] = ()
    places_before: tuple[str, ...] = ()
    not_after_round: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path = DATA) -> NumberRules:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        indicator = data["indicator"]
        return cls(
            measure_units=dict(data["measure_words"]),
            count_units=frozenset(data["count_units"]),
            time_units=frozenset(data["time_units"]),
            time_frame_before=_longest_first(data["time_frame_before"]),
            name_after_time=tuple(data["name_after_time"]),
            not_after={word: "".join(chars) for word, chars in data["not_after"].items()},
            not_suffixes=tuple(data["not_suffixes"]),
            vague_before=_longest_first(data["vague_before"]),
            not_qualifiers=_longest_first(data["not_qualifiers"]),
            not_quantities=_longest_first(data["not_quantities"]),
            delimiters=frozenset(indicator["delimiters"]),
            link_words=_longest_first(indicator["link_words"]),
            starts_after=_longest_first(indicator["starts_after"]),
            leading_chars=frozenset(indicator["leading_chars"]),
            max_chars=int(indicator["max_chars"]),
            indicator_words=_longest_first(indicator["words"]),
            counted_nouns=dict(data["counted_nouns"]),
            counted_modifier_chars=int(data["counted_modifier_chars"]),
            counted_stops=frozenset(data["counted_stops"]),
            money_words=_longest_first(data["money_words"]),
            rank_verbs=_longest_first(data["rankings"]["verbs"]),
            rank_scopes=_longest_first(data["rankings"]["scopes"]),
            rank_first=_longest_first(data["rankings"]["first"]),
            not_after_rank=_longest_first(data["rankings"]["not_after_rank"]),
            places_before=_longest_first(data["rankings"]["places_before"]),
            not_after_round=_longest_first(data["not_after_round"]),
        )

    @cached_property
    def unit_words(self) -> tuple[str, ...]:
        """Every unit word a mention can end with: the parser's, its NFKC variants found in text (％),
        and the measure words that count things."""
        words = set(UNITS) | set(self.measure_units) | {"％", "㎡", "m²"}
        unknown = set(self.measure_units) - MEASURE_WORDS
        if unknown:
            raise ValueError(f"numbers.yaml: measure words the parser does not know: {sorted(unknown)}")
        return _longest_first(words)

    @cached_property
    def single_pattern(self) -> re.Pattern[str]:
        """One quantity: [qualifier] (share | 百分之N | N [余多] [multipliers] [余多] unit) [suffix]."""
        prefixes = _alternation(word for word, qualifier in QUALIFIER_PREFIXES.items() if qualifier)
        suffixes = _alternation(QUALIFIER_SUFFIXES)
        number = f"{_ARABIC}|{_CHINESE}"
        share = rf"一半|半数|过半|(?:\d+|[{_CN_CHARS}]+)分之(?:{_ARABIC}|{_CHINESE})"
        firsts = {word[0] for word, qualifier in QUALIFIER_PREFIXES.items() if qualifier} | set("一半过百")
        # The lookahead lets the engine pass over most characters at once: far faster than trying
        # every qualifier word at every position.
        return re.compile(
            rf"(?=[\d０-９{_CN_CHARS}{re.escape(''.join(sorted(firsts)))}])"
            rf"(?P<prefix>{prefixes})?"
            rf"(?:(?P<share>{share})"
            rf"|(?P<pct>百分之)(?P<pnum>{_CHINESE}|{_ARABIC})"
            rf"|{_NOT_AFTER_ALNUM}(?P<num>{number})(?P<odd1>[余多])?(?P<mult>[百千万亿]*)(?P<odd2>[余多])?"
            rf"(?P<unit>{self._unit_alternation})"
            rf"(?:{self._odd_after}(?P<odd3>[余多])(?=[{re.escape(''.join(self.delimiters))}的时来]|$))?)"
            rf"(?P<suffix>{suffixes})?"
        )

    @cached_property
    def range_pattern(self) -> re.Pattern[str]:
        """Two numbers joined by a range separator, the second with a unit word: 10至15亿元, 3-5年."""
        number = f"{_ARABIC}|{_CHINESE}"
        units = self._unit_alternation
        separators = _alternation(RANGE_SEPARATORS)
        return re.compile(
            rf"(?=[\d０-９{_CN_CHARS}]){_NOT_AFTER_ALNUM}(?P<low>(?:{number})[百千万亿]*(?:{units})?)(?:{separators})"
            rf"(?P<high>(?:{number})[百千万亿]*(?P<unit>{units}))(?![\d.．])"
        )

    @cached_property
    def _odd_after(self) -> str:
        """Lookbehinds for the unit words after which 余 / 多 is "-odd" (2倍多, 3年多)."""
        return "(?:" + "|".join(f"(?<={re.escape(word)})" for word in sorted(ODD_AFTER_UNITS)) + ")"

    @cached_property
    def _unit_alternation(self) -> str:
        # A unit ending in a Latin letter must end the word: 5GW is gigawatts, 5G is no unit.
        return "|".join(
            re.escape(word) + ("(?![A-Za-z])" if word[-1].isascii() and word[-1].isalpha() else "")
            for word in self.unit_words
        )

    @cached_property
    def bare_money_pattern(self) -> re.Pattern[str]:
        """[qualifier] N[余多]亿 with no unit word after it (总投资50亿, 突破千亿)."""
        prefixes = _alternation(word for word, qualifier in QUALIFIER_PREFIXES.items() if qualifier)
        return re.compile(
            rf"(?P<prefix>{prefixes})?{_NOT_AFTER_ALNUM}(?:(?P<num>{_ARABIC}|{_CHINESE})(?P<odd1>[余多])?)?"
            rf"(?P<mult>[百千万]*亿)(?P<odd2>[余多])?(?P<unit>)(?![\d百千万亿元])"
        )

    @cached_property
    def rank_pattern(self) -> re.Pattern[str]:
        """verb [scope] (第N[位名] | 首位): a one-character verb only with a scope (安排第一批 is none)."""
        short = [v for v in self.rank_verbs if len(v) == 1]
        long = [v for v in self.rank_verbs if len(v) > 1]
        number = r"\d{1,3}|[一二三四五六七八九十]{1,3}"
        rank = (
            rf"(?:第(?P<rank>{number})(?:位|名)?|(?P<bare>{number})(?:位|名)|(?P<first>{_alternation(self.rank_first)}))"
            rf"(?!{_alternation(self.not_after_rank)})"
        )
        scopes = _alternation(self.rank_scopes)
        return re.compile(
            rf"(?:(?P<verb>{_alternation(long)})(?P<scope>{scopes})?"
            rf"|(?P<short>{_alternation(short)})(?P<scope2>{scopes})){rank}"
        )

    @cached_property
    def not_quantity_pattern(self) -> re.Pattern[str]:
        return re.compile(_alternation(self.not_quantities))

    @cached_property
    def starts_after_pattern(self) -> re.Pattern[str]:
        return re.compile(_alternation(self.starts_after))

    @cached_property
    def nouns_by_first(self) -> Mapping[str, tuple[str, ...]]:
        """Counted nouns by their first character, longest first."""
        nouns: dict[str, list[str]] = {}
        for noun in _longest_first(self.counted_nouns):
            nouns.setdefault(noun[0], []).append(noun)
        return {first: tuple(words) for first, words in nouns.items()}


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda word: (-len(word), word)))


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that 不超过 wins over 超过 and 超过 over 超."""
    return "|".join(map(re.escape, _longest_first(words)))


NUMBER_RULES = NumberRules.load()


def find_quantities(text: str, rules: NumberRules = NUMBER_RULES) -> list[QuantityMention]:
    """Every quantity expression in ``text``, in order, none overlapping another; a text in
    traditional script is read as simplified (億 亿, 個 个: :data:`~parkgraph.quantities.SIMPLIFIED`),
    its mentions keep the text's own characters.

    >>> [(m.text, str(m.quantity.value)) for m in find_quantities("總投資12億元，項目3個")]
    [('12億元', '1200000000'), ('3個', '3')]
    """
    scan = text.translate(SIMPLIFIED)
    if scan == text:
        return _find_quantities(text, rules)
    return [_in_text(m, text) for m in _find_quantities(scan, rules)]


def _in_text(mention: QuantityMention, text: str) -> QuantityMention:
    """A mention found in the simplified copy, with the text's own characters (same offsets)."""

    def own(span: Span | None) -> Span | None:
        return None if span is None else Span(span.start, span.end, text[span.start : span.end])

    surface = text[mention.start : mention.end]
    upper = mention.upper
    if upper is not None:
        low, high = parse_range(surface, unit=mention.quantity.unit)
        quantity, upper = low, high
    else:
        quantity = dataclasses.replace(mention.quantity, surface=surface)
    return QuantityMention(
        mention.start, mention.end, surface, quantity, own(mention.indicator), own(mention.counted), upper
    )


def _find_quantities(text: str, rules: NumberRules) -> list[QuantityMention]:
    blocked = [(m.start(), m.end()) for m in rules.not_quantity_pattern.finditer(text)]
    found: list[tuple[int, int, Quantity, Quantity | None, str]] = []
    taken: list[tuple[int, int]] = []
    for match in rules.range_pattern.finditer(text):
        ranged = _range(text, match, rules, blocked)
        if ranged is not None:
            found.append(ranged)
            taken.append((ranged[0], ranged[1]))
    for match in rules.single_pattern.finditer(text):
        single = _single(text, match, rules, blocked)
        if single is not None and not _overlaps(single[0], single[1], taken):
            found.append(single)
            taken.append((single[0], single[1]))
    for match in rules.bare_money_pattern.finditer(text):
        money = _bare_money(text, match, rules, blocked)
        if money is not None and not _overlaps(money[0], money[1], taken):
            found.append(money)
    found.sort(key=lambda item: (item[0], item[1]))
    mentions: list[QuantityMention] = []
    previous_end = 0
    for start, end, quantity, upper, unit_word in found:
        counted = _counted(text, end, unit_word, rules) if upper is None else None
        indicator = None if unit_word == "大" else _indicator(text, start, previous_end, rules)
        quantity = _relabel(quantity, unit_word, counted, indicator, rules)
        mentions.append(QuantityMention(start, end, text[start:end], quantity, indicator, counted, upper))
        previous_end = end
    return mentions


def find_rankings(text: str, rules: NumberRules = NUMBER_RULES) -> list[RankMention]:
    """Every place in an order the text states (位居全国第7位, 排名全省首位), in order.

    >>> [(r.text, r.rank, r.scope.text, r.indicator.text) for r in find_rankings("本次获批数量居全国第7位。")]
    [('居全国第7位', 7, '全国', '获批数量')]
    >>> find_rankings("安排第一批项目，列为第三次会议议题")
    []
    """
    found = []
    for match in rules.rank_pattern.finditer(text):
        number = match.group("rank") or match.group("bare")
        rank = 1 if number is None else int(number) if number.isdigit() else _small_chinese(number)
        if rank < 1:
            continue
        scope_group = "scope" if match.group("scope") else "scope2" if match.group("scope2") else None
        scope = None if scope_group is None else Span(*match.span(scope_group), match.group(scope_group))
        start, end = match.span()
        indicator = _indicator(text, start, 0, rules)
        found.append(RankMention(start, end, text[start:end], rank, scope, indicator))
    return found


def _small_chinese(numeral: str) -> int:
    """一 … 九十九 as an int (0 for what is none)."""
    digits = "一二三四五六七八九"
    if "十" not in numeral:
        return digits.index(numeral) + 1 if len(numeral) == 1 and numeral in digits else 0
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (digits.index(tens) + 1 if tens else 1) * 10 + (digits.index(ones) + 1 if ones else 0)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _single(
    text: str, match: re.Match[str], rules: NumberRules, blocked: list[tuple[int, int]]
) -> tuple[int, int, Quantity, None, str] | None:
    """The quantity a match of the single pattern states, or None where it only looks like one."""
    start, end = match.span()
    prefix, unit_word, suffix = match.group("prefix"), match.group("unit") or "", match.group("suffix")
    if prefix and _ends_with_any(text, match.end("prefix"), rules.not_qualifiers):
        start, prefix = match.end("prefix"), None  # the 约 of 签约: a word, not a qualifier
    if suffix and any(text.startswith(word, match.start("suffix")) for word in rules.not_suffixes):
        end, suffix = match.start("suffix"), None
    number_start = next(match.start(group) for group in ("num", "share", "pct") if match.group(group))
    if _overlaps(number_start, end, blocked):
        return None
    if match.group("num") is not None and not _number_is_quantity(text, match, prefix, rules):
        return None
    if unit_word in ("位", "名") and _ends_with_any(text, start, rules.places_before):
        return None  # 排名28位, 前进7位: places in an order, not people
    following = text[match.end("unit") : match.end("unit") + 1] if unit_word else ""
    if following and not suffix and following in rules.not_after.get(unit_word, ""):
        return None  # 80年代, 三台山: the unit word is part of another word
    if unit_word in rules.time_units and not _is_duration(
        text, start, number_start, match.end("unit"), rules
    ):
        return None
    surface = text[start:end]
    try:
        quantity = parse_quantity(surface, unit=rules.measure_units.get(unit_word))
    except ValueError:
        return None
    return start, end, quantity, None, unit_word


def _bare_money(
    text: str, match: re.Match[str], rules: NumberRules, blocked: list[tuple[int, int]]
) -> tuple[int, int, Quantity, None, str] | None:
    """总投资50亿, 产值突破千亿: an amount in yuan written without 元, when what it measures is money
    (``money_words``); None for anything else (服务人口1.4亿)."""
    start, end = match.span()
    if _overlaps(start, end, blocked) or any(text.startswith(word, end) for word in rules.unit_words):
        return None
    if match.group("num") is None and not match.group("prefix"):
        return None  # a bare 亿 is a number only after a qualifier (过亿, 突破亿)
    if match.group("num") is not None and not _number_is_quantity(text, match, match.group("prefix"), rules):
        return None
    indicator = _indicator(text, start, 0, rules)
    if indicator is None or not indicator.text.endswith(rules.money_words):
        return None
    try:
        quantity = parse_quantity(text[start:end], unit="CNY")
    except ValueError:
        return None
    return start, end, quantity, None, ""


def _number_is_quantity(text: str, match: re.Match[str], prefix: str | None, rules: NumberRules) -> bool:
    """Refuse what the parser would read but a reader would not: ordinals (第三), the indefinite 一
    (一家企业), vague numbers (数十家, 上百名), brand-like 三元, bare multipliers with no qualifier
    (每万元)."""
    num, number_start = match.group("num"), match.start("num")
    before = text[number_start - 1 : number_start]
    if before == "第" and not prefix:
        return False
    if num in ("零", "〇"):
        return False  # 零件, 零部件: no zero of anything
    if num[0].isdigit() or num[0] in "０１２３４５６７８９":
        return True
    unit_word = match.group("unit")
    odd = match.group("odd1") or match.group("odd2")
    if not prefix and _ends_with_any(text, number_start, rules.vague_before):
        return False
    if num == "一" and unit_word in rules.count_units:
        return False
    if set(num) <= _MULTIPLIER_CHARS and not (prefix or odd):
        return _is_round_amount(text, match, rules)  # 投资百亿: a round figure; 每万元: a rate
    money = unit_word in UNITS and UNITS[unit_word].id in CURRENCIES
    return not (money and not set(num) & _MULTIPLIER_CHARS and not odd)  # 三元 is a brand, 三万元 money


#: A bare multiplier run that is a round number of its own: 百亿, 千亿, 万亿 (百万, 千万 are as often
#: "millions of", a manner of speaking: 百万群众).
_ROUND = re.compile(r"(?:[百千万])亿")


def _is_round_amount(text: str, match: re.Match[str], rules: NumberRules) -> bool:
    """投资百亿的…项目, 产值千亿元: a round amount written with multipliers alone; not a size class
    (百亿级, 千亿级产业集群: ``not_after_round``)."""
    numeral = match.group("num") + (match.group("mult") or "")
    unit_word = match.group("unit")
    money = not unit_word or (unit_word in UNITS and UNITS[unit_word].id in CURRENCIES)
    if not money or not _ROUND.fullmatch(numeral):
        return False  # 千亿家电: no count of a hundred billion firms
    return not any(text.startswith(word, match.end()) for word in rules.not_after_round)


def _is_duration(text: str, start: int, number_start: int, unit_end: int, rules: NumberRules) -> bool:
    """A number of years, months or days, not a period of the calendar (近三年, 未来五年) nor part of a
    name (三年行动计划)."""
    if _ends_with_any(text, number_start, rules.time_frame_before) or _ends_with_any(
        text, start, rules.time_frame_before
    ):
        return False
    return not any(text.startswith(word, unit_end) for word in rules.name_after_time)


def _ends_with_any(text: str, position: int, words: Iterable[str]) -> bool:
    """Some word of ``words`` ends at ``position`` of ``text``."""
    return any(text.endswith(word, 0, position) for word in words)


def _range(
    text: str, match: re.Match[str], rules: NumberRules, blocked: list[tuple[int, int]]
) -> tuple[int, int, Quantity, Quantity, str] | None:
    start, end = match.span()
    if text[start - 1 : start] == "第" or _overlaps(start, end, blocked):
        return None
    unit_word = match.group("unit")
    if unit_word in rules.time_units and not _is_duration(text, start, start, end, rules):
        return None
    try:
        lower, upper = parse_range(text[start:end], unit=rules.measure_units.get(unit_word))
    except ValueError:
        return None
    return start, end, lower, upper, unit_word


def _counted(text: str, end: int, unit_word: str, rules: NumberRules) -> Span | None:
    """The noun right after a count's measure word (12个项目), with up to ``counted_modifier_chars``
    characters of modifier before it (12家优质医药科技企业): the first counted noun within reach,
    extended over the counted nouns that touch or overlap it (30名订单班学员, 8家省级特色产业园区) but
    not over other words (100余家政企单位转化成果 counts 政企单位)."""
    if unit_word not in rules.count_units:
        return None
    noun_end = None
    for offset in range(rules.counted_modifier_chars + 1):
        position = end + offset
        if offset and not _is_word_char(text[position - 1 : position], rules):
            return None
        length = _noun_at(text, position, rules)
        if length:
            begin, noun_end = position, position + length
            break
    if noun_end is None:
        return None
    grown = True
    while grown:
        grown = False
        for position in range(begin + 1, noun_end + 1):
            length = _noun_at(text, position, rules)
            if length and position + length > noun_end:
                noun_end, grown = position + length, True
                break
    return Span(end, noun_end, text[end:noun_end])


def _noun_at(text: str, position: int, rules: NumberRules) -> int:
    """The length of the longest counted noun at ``position``, 0 if there is none."""
    for noun in rules.nouns_by_first.get(text[position : position + 1], ()):
        if text.startswith(noun, position):
            return len(noun)
    return 0


def _is_word_char(char: str, rules: NumberRules) -> bool:
    return (
        bool(char) and char not in rules.delimiters and char not in rules.counted_stops and not char.isdigit()
    )


def _indicator(text: str, start: int, previous_end: int, rules: NumberRules) -> Span | None:
    """What the number at ``start`` measures: see the module's conventions."""
    begin = start
    floor = max(previous_end, start - 4 * rules.max_chars)
    while begin > floor and text[begin - 1] not in rules.delimiters:
        begin -= 1
    end = _strip_link_words(text, begin, start, rules)
    if end <= begin or text[end - 1] == "等":
        return None
    for match in rules.starts_after_pattern.finditer(text, begin, end):
        if match.end() < end:
            begin = max(begin, match.end())
    for match in _CALENDAR.finditer(text, begin, end):
        if match.end() < end:
            begin = max(begin, match.end())
    while (
        begin < end and text[begin] in rules.leading_chars and not _starts_with_word(text, begin, end, rules)
    ):
        begin += 1
    if end - begin > rules.max_chars:
        begin = _trim(text, begin, end, rules)
    words = text[begin:end]
    if begin >= end or (words in rules.starts_after and words not in rules.counted_nouns):
        return None  # nothing, or only a subject (全省, 有限公司); 项目53个 keeps 项目: what is counted
    if end - begin == 1 and text[begin:end] not in rules.indicator_words:
        return None  # one character left of a word (园区内 → 内) names nothing
    return Span(begin, end, text[begin:end])


def _starts_with_word(text: str, begin: int, end: int, rules: NumberRules) -> bool:
    """A known indicator word starts at ``begin``: its first character is no function word (从业人员)."""
    return any(text.startswith(word, begin, end) for word in rules.indicator_words)


def _strip_link_words(text: str, begin: int, end: int, rules: NumberRules) -> int:
    """Move ``end`` back over the words that only link an indicator to its number (达到, 为, 了)."""
    stripped = True
    while stripped:
        stripped = False
        for word in rules.link_words:
            if end - len(word) >= begin and text.endswith(word, begin, end):
                end -= len(word)
                stripped = True
                break
    return end


def _trim(text: str, begin: int, end: int, rules: NumberRules) -> int:
    """Where a too-long indicator starts: at the run of known indicator words it ends with
    (…的周期缩短 → 周期缩短; …芯片出货量 → 出货量), else ``max_chars`` back, moved forward so as not to
    split a Latin or digit run (MEMS)."""
    start = end
    while start > begin and end - start < rules.max_chars:
        word = next((w for w in rules.indicator_words if text.endswith(w, begin, start)), None)
        if word is None or end - start + len(word) > rules.max_chars:
            break
        start -= len(word)
    if start < end:
        return start
    start = end - rules.max_chars
    while start < end and _alnum(text[start - 1]) and _alnum(text[start]):
        start += 1
    return start


def _alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


#: Count words whose unit a counted noun or an indicator may refine (12个项目 → project).
_GENERIC_COUNT_UNITS = frozenset({"item", "enterprise", "unit"})


def _relabel(
    quantity: Quantity, unit_word: str, counted: Span | None, indicator: Span | None, rules: NumberRules
) -> Quantity:
    """A generic count takes the unit of the noun it counts, after it (12个项目) or ending its
    indicator (引进项目53个): the unit the curated annotations give such counts."""
    if quantity.unit not in _GENERIC_COUNT_UNITS or unit_word not in rules.count_units:
        return quantity
    unit = None
    if counted is not None:
        unit = _noun_unit(counted.text, rules)
    elif indicator is not None:
        unit = _noun_unit(indicator.text, rules)
    if unit is None or unit == quantity.unit:
        return quantity
    try:
        return parse_quantity(quantity.surface, unit=unit)
    except ValueError:  # pragma: no cover - generic count words take any unit
        return quantity


def _noun_unit(phrase: str, rules: NumberRules) -> str | None:
    """The unit of the counted noun ``phrase`` ends with (优质医药科技企业 → enterprise)."""
    for length in range(min(len(phrase), 4), 0, -1):
        unit = rules.counted_nouns.get(phrase[-length:])
        if unit is not None:
            return unit
        if phrase[-length:] in rules.counted_nouns:
            return None
    return None
