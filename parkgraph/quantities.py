"""Parse Chinese quantity surface forms ("超过120亿元", "80余家", "103.38%") into :class:`Quantity`.

Pure functions, no RDF. The RDF layer turns a :class:`Quantity` into a ``schema:MonetaryAmount`` or
``schema:QuantitativeValue`` node (see ``docs/model.md``, section "Quantities"), using
:data:`UNIT_IDS` for ``schema:unitText`` / ``schema:unitCode``.

Grammar (after NFKC normalisation, so full-width digits and "％" are accepted)::

    [prefix qualifier] [百分之] number [余|多] [百|千|万|亿 ...] [余|多] [unit word] [左右|以上]

* number: Arabic (``36.45``, ``1,500``) or Chinese (``三``, ``两``, ``十一``, ``三点五``); a bare
  multiplier counts as one of it (``突破亿元`` = 1亿 元).
* multipliers: 百 = 10**2, 千 = 10**3, 万 = 10**4, 亿 = 10**8; several multiply (``万亿`` = 10**12).
* qualifiers (``pg:QualifierScheme`` local names):

  ========================  =======================================
  surface                   qualifier
  ========================  =======================================
  (none), 达到, 达            ``Exactly``
  超过, 超, 多于, 逾          ``MoreThan``
  余, 多 (after the number)  ``SlightlyMoreThan`` ("80余家" = 80-odd)
  突破                       ``Exceeding``
  近, 将近                   ``Nearly``
  约, 大约, 左右 (suffix)     ``Approximately``
  不少于, 至少, 以上 (suffix)  ``AtLeast``
  ========================  =======================================

* unit words: the keys of :data:`UNITS`. Generic measure words without a unit of their own
  (:data:`MEASURE_WORDS`, e.g. the 大 of "三大") are accepted only when ``unit=`` names the unit.

Examples:

>>> q = parse_quantity("超过120亿元")
>>> q.value, q.unit, q.qualifier, q.is_lower_bound, q.is_money
(Decimal('12000000000'), 'CNY', 'MoreThan', True, True)
>>> parse_quantity("2000余万元").value
Decimal('20000000')
>>> parse_quantity("45万台", unit="server").unit
'server'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import NamedTuple

import cn2an

__all__ = [
    "MEASURE_WORDS",
    "MULTIPLIERS",
    "QUALIFIERS",
    "UNITS",
    "UNIT_IDS",
    "Quantity",
    "UnitInfo",
    "parse_quantity",
]


class UnitInfo(NamedTuple):
    """A unit: its id (``Quantity.unit``), English ``schema:unitText`` and UN/CEFACT ``schema:unitCode``.

    ``text_en`` and ``code`` are ``None`` where the RDF layer must not emit them (money is a
    ``schema:MonetaryAmount`` with ``schema:currency``; mu has no UN/CEFACT code).
    """

    id: str
    text_en: str | None
    code: str | None


#: unit id → :class:`UnitInfo`. Every ``Quantity.unit`` is a key of this table.
UNIT_IDS: Mapping[str, UnitInfo] = MappingProxyType(
    {
        info.id: info
        for info in (
            UnitInfo("CNY", None, None),  # money: schema:currency "CNY", value in yuan
            UnitInfo("percent", "percent", "P1"),
            UnitInfo("enterprise", "enterprises", "C62"),
            UnitInfo("item", "items", "C62"),
            UnitInfo("person", "persons", "IE"),
            UnitInfo("unit", "units", "C62"),
            UnitInfo("server", "servers", "C62"),
            UnitInfo("mu", "mu", None),  # 亩, about 666.7 m²; no UN/CEFACT code
            UnitInfo("park", "parks", "C62"),
            UnitInfo("project", "projects", "C62"),
            UnitInfo("key-project", "key projects", "C62"),
            UnitInfo("institution", "institutions", "C62"),
            UnitInfo("patent", "patents", "C62"),
            UnitInfo("result", "results", "C62"),
            UnitInfo("incubator", "incubators", "C62"),
            UnitInfo("case", "cases", "C62"),
        )
    }
)

#: Chinese unit word → :class:`UnitInfo` (the unit a surface form gets when ``unit=`` is not given).
UNITS: Mapping[str, UnitInfo] = MappingProxyType(
    {
        "元": UNIT_IDS["CNY"],
        "%": UNIT_IDS["percent"],
        "家": UNIT_IDS["enterprise"],
        "个": UNIT_IDS["item"],
        "项": UNIT_IDS["item"],
        "件": UNIT_IDS["item"],
        "人": UNIT_IDS["person"],
        "名": UNIT_IDS["person"],
        "位": UNIT_IDS["person"],
        "台": UNIT_IDS["unit"],  # generic measure word for machines; say unit="server" for servers
        "亩": UNIT_IDS["mu"],
        "起": UNIT_IDS["case"],
    }
)

#: Unit words that measure something specific; ``unit=`` may not re-label them.
_FIXED_UNIT_WORDS = frozenset({"元", "%", "亩"})

#: Generic measure words with no unit of their own, accepted only together with ``unit=``.
MEASURE_WORDS: frozenset[str] = frozenset({"大", "座", "所", "批", "条", "只", "种", "套", "次", "块"})

#: multiplier character → factor.
MULTIPLIERS: Mapping[str, int] = MappingProxyType({"百": 10**2, "千": 10**3, "万": 10**4, "亿": 10**8})

#: qualifier local names (concepts of ``pg:QualifierScheme``).
QUALIFIERS: frozenset[str] = frozenset(
    {"Exactly", "MoreThan", "SlightlyMoreThan", "Exceeding", "Nearly", "Approximately", "AtLeast"}
)
_LOWER_BOUNDS = frozenset({"MoreThan", "SlightlyMoreThan", "Exceeding", "AtLeast"})
_UPPER_BOUNDS = frozenset({"Nearly"})

# Longest first, so 超过 wins over 超 and 达到 over 达. None = no qualifier of its own (达到 just reports).
_PREFIXES: tuple[tuple[str, str | None], ...] = tuple(
    sorted(
        {
            "达到": None,
            "达": None,
            "超过": "MoreThan",
            "超": "MoreThan",
            "多于": "MoreThan",
            "逾": "MoreThan",
            "突破": "Exceeding",
            "将近": "Nearly",
            "近": "Nearly",
            "大约": "Approximately",
            "约": "Approximately",
            "不少于": "AtLeast",
            "至少": "AtLeast",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_SUFFIXES: tuple[tuple[str, str], ...] = (("左右", "Approximately"), ("以上", "AtLeast"))
_ODD = "SlightlyMoreThan"  # 余 / 多 after the number

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿点"
_CORE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[" + _CN_DIGITS + r"]+)"
    r"(?P<odd1>[余多])?"
    r"(?P<mult>[百千万亿]*)"
    r"(?P<odd2>[余多])?"
    r"(?P<word>.*)"
)

_ACCEPTED = (
    "accepted forms: [qualifier] number [余] [万|亿|千] unit word, e.g. '36.45亿元', '103.38%', "
    "'80余家', '超过120亿元', '2000余万元', '突破亿元', '近300起', '约5万元', '5万元左右', '不少于10家', "
    "'三个'; qualifier prefixes: "
    + ", ".join(p for p, _ in _PREFIXES)
    + "; unit words: "
    + " ".join(UNITS)
    + "; other measure words ("
    + " ".join(sorted(MEASURE_WORDS))
    + ") need unit=<id> with id one of: "
    + ", ".join(UNIT_IDS)
)


@dataclass(frozen=True)
class Quantity:
    """A parsed quantity.

    ``value`` is normalised (亿, 万, 千 multiplied out; percentages as the number: 103.38 for 103.38%)
    and written without exponent or trailing zeros; ``unit`` is a key of :data:`UNIT_IDS`;
    ``qualifier`` a local name from :data:`QUALIFIERS`; ``surface`` the form as given.

    >>> q = parse_quantity("近300起")
    >>> q.qualifier, q.is_upper_bound, q.is_lower_bound
    ('Nearly', True, False)
    """

    value: Decimal
    unit: str
    qualifier: str
    surface: str

    @property
    def is_lower_bound(self) -> bool:
        """The value is a lower bound (MoreThan, SlightlyMoreThan, Exceeding, AtLeast): schema:minValue."""
        return self.qualifier in _LOWER_BOUNDS

    @property
    def is_upper_bound(self) -> bool:
        """The value is an upper bound (Nearly): ``schema:maxValue``."""
        return self.qualifier in _UPPER_BOUNDS

    @property
    def is_money(self) -> bool:
        """The quantity is an amount of money (a ``schema:MonetaryAmount``, value in yuan).

        >>> parse_quantity("36.45亿元").is_money, parse_quantity("80余家").is_money
        (True, False)
        """
        return self.unit == "CNY"

    @property
    def unit_info(self) -> UnitInfo:
        """The :class:`UnitInfo` of ``unit`` (English unitText, UN/CEFACT unitCode).

        >>> parse_quantity("103.38%").unit_info
        UnitInfo(id='percent', text_en='percent', code='P1')
        """
        return UNIT_IDS[self.unit]


def _fail(surface: str, reason: str) -> ValueError:
    return ValueError(f"cannot parse quantity {surface!r}: {reason}; {_ACCEPTED}")


def _chinese_number(run: str) -> Decimal:
    """Read a Chinese numeral (``三``, ``两千``, ``十一``, ``三点五亿``, bare ``亿``) with cn2an, strictly."""
    text = run.replace("两", "二").replace("〇", "零")
    if text[0] in "百千万亿":
        text = "一" + text  # 百余家 = 一百余家, 突破亿元 = 突破一亿元
    factor = 1
    while text:
        try:
            number = cn2an.cn2an(text, "strict")
        except (ValueError, KeyError, IndexError):
            # cn2an rejects "三点五亿": peel trailing multipliers off and apply them ourselves.
            if text[-1] in MULTIPLIERS and len(text) > 1:
                factor *= MULTIPLIERS[text[-1]]
                text = text[:-1]
                continue
            raise ValueError(f"{run!r} is not a Chinese numeral") from None
        return Decimal(str(number)) * factor
    raise ValueError(f"{run!r} is not a Chinese numeral")  # pragma: no cover - loop always returns


def _normalise(value: Decimal) -> Decimal:
    """Integral → no fraction digits; otherwise trailing zeros dropped, never in exponent notation.

    >>> _normalise(Decimal("36.45") * 10**8), _normalise(Decimal("103.380")), _normalise(Decimal("1E+3"))
    (Decimal('3645000000'), Decimal('103.38'), Decimal('1000'))
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    normal = value.normalize()
    if normal.as_tuple().exponent > 0:  # pragma: no cover - integral values are handled above
        return normal.quantize(Decimal(1))
    return normal


def parse_quantity(surface: str, *, unit: str | None = None) -> Quantity:
    """Parse a Chinese quantity surface form.

    ``unit`` overrides the unit id the unit word would give (it must be a key of :data:`UNIT_IDS`);
    it is required for generic measure words (:data:`MEASURE_WORDS`) and bare numbers, and cannot
    re-label money (元), percentages (%) or areas (亩). Raises :class:`ValueError` quoting ``surface``.

    >>> parse_quantity("36.45亿元")
    Quantity(value=Decimal('3645000000'), unit='CNY', qualifier='Exactly', surface='36.45亿元')
    >>> parse_quantity("80余家")
    Quantity(value=Decimal('80'), unit='enterprise', qualifier='SlightlyMoreThan', surface='80余家')
    >>> parse_quantity("突破亿元").value, parse_quantity("突破亿元").qualifier
    (Decimal('100000000'), 'Exceeding')
    >>> parse_quantity("超2万亩")
    Quantity(value=Decimal('20000'), unit='mu', qualifier='MoreThan', surface='超2万亩')
    >>> parse_quantity("三大", unit="item").value
    Decimal('3')
    >>> parse_quantity("第三十四次")
    Traceback (most recent call last):
        ...
    ValueError: cannot parse quantity '第三十四次': an ordinal (第…) is not a quantity; accepted forms: ...
    """
    if not isinstance(surface, str):
        raise TypeError(f"parse_quantity() expects a str, got {type(surface).__name__}")
    if unit is not None and unit not in UNIT_IDS:
        raise _fail(surface, f"unit={unit!r} is not a known unit id")
    text = unicodedata.normalize("NFKC", surface).strip(" \t\r\n\u3000")
    if not text:
        raise _fail(surface, "it is empty")
    if text.startswith("第"):
        raise _fail(surface, "an ordinal (第…) is not a quantity")

    qualifiers: list[str] = []
    for prefix, qualifier in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix) :]
            if qualifier is not None:
                qualifiers.append(qualifier)
            break
    for suffix, qualifier in _SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            qualifiers.append(qualifier)
            break
    percent = text.startswith("百分之")
    if percent:
        text = text[len("百分之") :]

    match = _CORE.fullmatch(text)
    if match is None:
        raise _fail(surface, "no number found")
    num, odd1, mult, odd2, word = match.group("num", "odd1", "mult", "odd2", "word")
    if odd1 and odd2:
        raise _fail(surface, "余/多 given twice")
    if odd1 or odd2:
        qualifiers.append(_ODD)
    qualifiers = list(dict.fromkeys(qualifiers))  # "约5万元左右" says Approximately twice: fine
    if len(qualifiers) > 1:
        raise _fail(surface, f"conflicting qualifiers {' + '.join(qualifiers)}")
    qualifier = qualifiers[0] if qualifiers else "Exactly"

    try:
        value = Decimal(num.replace(",", "")) if num[0].isdigit() else _chinese_number(num)
    except (ValueError, InvalidOperation) as error:
        raise _fail(surface, str(error)) from None
    for char in mult:
        value *= MULTIPLIERS[char]

    if percent:
        if word:
            raise _fail(surface, f"百分之 takes no unit word, got {word!r}")
        word = "%"
    if word in UNITS:
        word_unit = UNITS[word].id
        if unit is not None and unit != word_unit and word in _FIXED_UNIT_WORDS:
            raise _fail(surface, f"{word!r} always means {word_unit!r}; unit={unit!r} cannot re-label it")
        unit_id = unit or word_unit
    elif word in MEASURE_WORDS or not word:
        if unit is None:
            what = f"{word!r} is a generic measure word" if word else "there is no unit word"
            raise _fail(surface, f"{what}; pass unit=<id>")
        unit_id = unit
    else:
        raise _fail(surface, f"{word!r} is not a unit word")

    return Quantity(value=_normalise(value), unit=unit_id, qualifier=qualifier, surface=surface)
