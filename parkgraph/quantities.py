"""Parse Chinese quantity surface forms ("超过120亿元", "80余家", "103.38%") into :class:`Quantity`.

Pure functions, no RDF. The RDF layer turns a :class:`Quantity` into a ``schema:MonetaryAmount`` or
``schema:QuantitativeValue`` node (see ``docs/model.md``, section "Quantities"), using
:data:`UNIT_IDS` for ``schema:unitText`` / ``schema:unitCode``.

Grammar (after NFKC normalisation, so full-width digits and "％" are accepted, and with the traditional
characters of numbers, units and qualifiers read as their simplified forms: 億 亿, 萬 万, 個 个,
超過 超过, so a page in traditional script parses too)::

    [prefix qualifier] [百分之] number [余|多] [百|千|万|亿 ...] [余|多] [unit word] [suffix qualifier]

with the suffix qualifiers 左右, 上下, 以上, 以下, 以内,

plus three whole forms: fractions (``三分之一`` = 33.33 percent, ``千分之五`` = 0.5 percent), halves
(``一半``, ``半数`` = 50 percent; ``过半`` = more than 50 percent), and ranges (:func:`parse_range`:
``10至15亿元``, ``3-5年``).

* number: Arabic (``36.45``, ``1,500``) or Chinese (``三``, ``两``, ``十一``, ``三点五``); a bare
  multiplier counts as one of it (``突破亿元`` = 1亿 元).
* multipliers: 百 = 10**2, 千 = 10**3, 万 = 10**4, 亿 = 10**8; several multiply (``万亿`` = 10**12). A unit
  word that begins with a multiplier character keeps it (``2.6亿千瓦时`` = 2.6亿 kWh, ``5万千瓦`` = 5万 kW).
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
  不少于, 不低于, 至少,       ``AtLeast``
  以上 (suffix)
  不到, 不足, 少于, 低于,      ``LessThan`` (strictly below)
  不满
  不超过, 至多, 最多,          ``AtMost``
  以下, 以内 (suffix)
  ========================  =======================================

  ``LessThan`` and ``AtMost`` are upper bounds like ``Nearly``; 高达, 多达 report the value (``Exactly``).

* 余 / 多 after a unit word of :data:`ODD_AFTER_UNITS` is "-odd" too: ``2倍多``, ``3年多``.
* unit words: the keys of :data:`UNITS`; a few scale their number (``七成`` = 70 percent, see
  :data:`UNIT_FACTORS`). Generic measure words without a unit of their own (:data:`MEASURE_WORDS`,
  e.g. the 大 of "三大") are accepted only when ``unit=`` names the unit.
* a year is not a quantity: ``2023年`` (four Arabic digits, 1000-2999, before 年) is refused.

Examples:

>>> q = parse_quantity("超过120亿元")
>>> q.value, q.unit, q.qualifier, q.is_lower_bound, q.is_money
(Decimal('12000000000'), 'CNY', 'MoreThan', True, True)
>>> parse_quantity("2000余万元").value
Decimal('20000000')
>>> parse_quantity("45万台", unit="server").unit
'server'
>>> parse_quantity("约2.6亿千瓦时").value, parse_quantity("约2.6亿千瓦时").unit
(Decimal('260000000'), 'kilowatt-hour')
>>> parse_quantity("不到30公里").qualifier, parse_quantity("七成").value, parse_quantity("超过一半").value
('LessThan', Decimal('70'), Decimal('50'))
>>> low, high = parse_range("10至15亿元")
>>> (low.value, low.qualifier), (high.value, high.qualifier)
((Decimal('1000000000'), 'AtLeast'), (Decimal('1500000000'), 'AtMost'))
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
    "CURRENCIES",
    "MEASURE_WORDS",
    "MULTIPLIERS",
    "ODD_AFTER_UNITS",
    "QUALIFIERS",
    "QUALIFIER_PREFIXES",
    "QUALIFIER_SUFFIXES",
    "RANGE_SEPARATORS",
    "SIMPLIFIED",
    "UNITS",
    "UNIT_FACTORS",
    "UNIT_IDS",
    "Quantity",
    "UnitInfo",
    "parse_quantity",
    "parse_range",
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
            # Other currencies: money like CNY (schema:MonetaryAmount), value in the currency's own unit
            # (2.1亿美元 is 210000000 USD, never converted); the id is the ISO 4217 code.
            UnitInfo("USD", None, None),
            UnitInfo("EUR", None, None),
            UnitInfo("HKD", None, None),
            UnitInfo("JPY", None, None),
            UnitInfo("GBP", None, None),
            UnitInfo("KRW", None, None),
            UnitInfo("AUD", None, None),
            UnitInfo("CAD", None, None),
            UnitInfo("SGD", None, None),
            UnitInfo("CHF", None, None),
            UnitInfo("RUB", None, None),
            UnitInfo("MOP", None, None),
            UnitInfo("TWD", None, None),
            UnitInfo("percentage-point", "percentage points", None),  # 个百分点: a difference of percents
            UnitInfo("times", "times", None),  # 倍: a multiple ("增长近3倍")
            UnitInfo("square-metre", "square metres", "MTK"),
            UnitInfo("square-kilometre", "square kilometres", "KMK"),
            UnitInfo("hectare", "hectares", "HAR"),
            UnitInfo("cubic-metre", "cubic metres", "MTQ"),
            UnitInfo("metre", "metres", "MTR"),
            UnitInfo("kilometre", "kilometres", "KMT"),
            UnitInfo("tonne", "tonnes", "TNE"),
            UnitInfo("kilogram", "kilograms", "KGM"),
            UnitInfo("kilowatt", "kilowatts", "KWT"),
            UnitInfo("megawatt", "megawatts", "MAW"),
            UnitInfo("gigawatt", "gigawatts", "A90"),
            UnitInfo("kilowatt-hour", "kilowatt hours", "KWH"),
            UnitInfo("megawatt-hour", "megawatt hours", "MWH"),
            UnitInfo("gigawatt-hour", "gigawatt hours", "GWH"),
            UnitInfo("year", "years", "ANN"),
            UnitInfo("month", "months", "MON"),
            UnitInfo("day", "days", "DAY"),
            UnitInfo("working-day", "working days", None),
            UnitInfo("hour", "hours", "HUR"),
            UnitInfo("piece", "pieces", "C62"),  # 颗, 粒, 枚, 片: chips, wafers, ...
            UnitInfo("household", "households", "C62"),  # 户: households, registered businesses
            UnitInfo("person-time", "person-times", None),  # 人次: visits, trainings
            UnitInfo("teu", "TEU", None),  # 标箱: twenty-foot equivalent units of containers
            UnitInfo("enterprise-time", "enterprise-times", None),  # 家次: 扶持企业1717家次
            UnitInfo("building", "buildings", "C62"),  # 栋, 幢: 标准厂房12栋
            UnitInfo("parcel", "land parcels", "C62"),  # 宗: 出让土地5宗
            UnitInfo("site", "sites", "C62"),  # 处: 建成3处
        )
    }
)

#: Traditional characters of numbers, units and qualifiers → their simplified forms, one code point for
#: one (offsets survive): pages in traditional script (big5 mirrors, wire copy) state figures too.
SIMPLIFIED: dict[int, str] = str.maketrans(
    "億萬兩個項畝條餘噸臺輛戶種塊棟處點約過達將歐幣韓鎊頃時標為級",
    "亿万两个项亩条余吨台辆户种块栋处点约过达将欧币韩镑顷时标为级",
)

#: unit id → ISO 4217 code of the money units (``Quantity.is_money``; ``Quantity.currency``).
CURRENCIES: Mapping[str, str] = MappingProxyType(
    {unit: unit for unit in UNIT_IDS if unit.isupper() and len(unit) == 3}  # the ISO 4217 ids
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
        "人民币": UNIT_IDS["CNY"],  # 3亿人民币
        "美元": UNIT_IDS["USD"],
        "美金": UNIT_IDS["USD"],
        "欧元": UNIT_IDS["EUR"],
        "港元": UNIT_IDS["HKD"],
        "港币": UNIT_IDS["HKD"],
        "日元": UNIT_IDS["JPY"],
        "英镑": UNIT_IDS["GBP"],
        "韩元": UNIT_IDS["KRW"],
        "澳元": UNIT_IDS["AUD"],
        "加元": UNIT_IDS["CAD"],
        "新加坡元": UNIT_IDS["SGD"],
        "瑞士法郎": UNIT_IDS["CHF"],
        "卢布": UNIT_IDS["RUB"],
        "澳门元": UNIT_IDS["MOP"],
        "澳门币": UNIT_IDS["MOP"],
        "新台币": UNIT_IDS["TWD"],
        "个百分点": UNIT_IDS["percentage-point"],
        "百分点": UNIT_IDS["percentage-point"],
        "成": UNIT_IDS["percent"],  # 七成 = 70 percent (UNIT_FACTORS)
        "倍": UNIT_IDS["times"],
        "平方米": UNIT_IDS["square-metre"],
        "平米": UNIT_IDS["square-metre"],
        "m2": UNIT_IDS["square-metre"],  # ㎡ and m² after NFKC
        "平方公里": UNIT_IDS["square-kilometre"],
        "平方千米": UNIT_IDS["square-kilometre"],
        "公顷": UNIT_IDS["hectare"],
        "立方米": UNIT_IDS["cubic-metre"],
        "米": UNIT_IDS["metre"],
        "公里": UNIT_IDS["kilometre"],
        "千米": UNIT_IDS["kilometre"],
        "吨": UNIT_IDS["tonne"],
        "公斤": UNIT_IDS["kilogram"],
        "千克": UNIT_IDS["kilogram"],
        "千瓦": UNIT_IDS["kilowatt"],
        "kW": UNIT_IDS["kilowatt"],
        "兆瓦": UNIT_IDS["megawatt"],
        "MW": UNIT_IDS["megawatt"],
        "吉瓦": UNIT_IDS["gigawatt"],
        "GW": UNIT_IDS["gigawatt"],
        "千瓦时": UNIT_IDS["kilowatt-hour"],
        "度": UNIT_IDS["kilowatt-hour"],  # 发电量2.6亿度
        "kWh": UNIT_IDS["kilowatt-hour"],
        "兆瓦时": UNIT_IDS["megawatt-hour"],
        "MWh": UNIT_IDS["megawatt-hour"],
        "GWh": UNIT_IDS["gigawatt-hour"],
        "年": UNIT_IDS["year"],  # a duration ("有效期为3年"); a year (2023年) is refused
        "个月": UNIT_IDS["month"],  # 月 alone is a month of the calendar (3月)
        "天": UNIT_IDS["day"],  # 日 alone is a day of the month (14日)
        "个工作日": UNIT_IDS["working-day"],
        "工作日": UNIT_IDS["working-day"],
        "小时": UNIT_IDS["hour"],
        "个小时": UNIT_IDS["hour"],
        "颗": UNIT_IDS["piece"],
        "粒": UNIT_IDS["piece"],
        "枚": UNIT_IDS["piece"],
        "片": UNIT_IDS["piece"],
        "户": UNIT_IDS["household"],
        "人次": UNIT_IDS["person-time"],
        "辆": UNIT_IDS["unit"],
        "架": UNIT_IDS["unit"],  # aircraft, server racks
        "艘": UNIT_IDS["unit"],
        "标箱": UNIT_IDS["teu"],
        "家次": UNIT_IDS["enterprise-time"],
        "栋": UNIT_IDS["building"],
        "幢": UNIT_IDS["building"],
        "宗": UNIT_IDS["parcel"],
        "处": UNIT_IDS["site"],
    }
)

#: Unit words after which 多 / 余 still means "-odd": 增长2倍多, 用了3年多 (SlightlyMoreThan).
ODD_AFTER_UNITS: frozenset[str] = frozenset({"倍", "年", "个月", "天", "小时", "个小时"})

#: Unit words that scale their number: 七成 (seven tenths) = 70 percent.
UNIT_FACTORS: Mapping[str, int] = MappingProxyType({"成": 10})

#: Unit words that measure something specific; ``unit=`` may not re-label them.
_FIXED_UNIT_WORDS = frozenset(
    word
    for word, info in UNITS.items()
    if info.id not in {"enterprise", "item", "person", "unit", "case", "piece"}
)

#: Generic measure words with no unit of their own, accepted only together with ``unit=`` (部分: 由甲、乙
#: 两部分组成, the parts a whole is made of).
MEASURE_WORDS: frozenset[str] = frozenset(
    {"大", "座", "所", "批", "条", "只", "种", "套", "次", "块", "部分"}
)

#: multiplier character → factor.
MULTIPLIERS: Mapping[str, int] = MappingProxyType({"百": 10**2, "千": 10**3, "万": 10**4, "亿": 10**8})

#: qualifier local names (concepts of ``pg:QualifierScheme``).
QUALIFIERS: frozenset[str] = frozenset(
    {
        "Exactly", "MoreThan", "SlightlyMoreThan", "Exceeding", "Nearly", "Approximately", "AtLeast",
        "LessThan", "AtMost",
    }
)  # fmt: skip
_LOWER_BOUNDS = frozenset({"MoreThan", "SlightlyMoreThan", "Exceeding", "AtLeast"})
_UPPER_BOUNDS = frozenset({"Nearly", "LessThan", "AtMost"})

#: qualifier word before the number → qualifier (None: the word only reports the value, as 达到 does).
QUALIFIER_PREFIXES: Mapping[str, str | None] = MappingProxyType(
    {
        "达到了": None,
        "达到": None,
        "达": None,
        "高达": None,
        "多达": None,
        "超过了": "MoreThan",  # the 了 of a completed action: 超过了100家 is still more than 100
        "超过": "MoreThan",
        "超": "MoreThan",
        "多于": "MoreThan",
        "逾": "MoreThan",
        "过": "MoreThan",  # 过亿, 过千家 (the extractor refuses the 过 of 通过, 经过)
        "突破了": "Exceeding",
        "突破": "Exceeding",
        "将近": "Nearly",
        "接近": "Nearly",
        "近": "Nearly",
        "大约": "Approximately",
        "约合": "Approximately",
        "约为": "Approximately",
        "约": "Approximately",
        "不少于": "AtLeast",
        "不低于": "AtLeast",
        "至少": "AtLeast",
        "不到": "LessThan",
        "不足": "LessThan",
        "少于": "LessThan",
        "低于": "LessThan",
        "不满": "LessThan",
        "不超过": "AtMost",
        "至多": "AtMost",
        "最多": "AtMost",
    }
)
#: qualifier word after the number (and its unit word) → qualifier.
QUALIFIER_SUFFIXES: Mapping[str, str] = MappingProxyType(
    {"左右": "Approximately", "上下": "Approximately", "以上": "AtLeast", "以下": "AtMost", "以内": "AtMost"}
)
# Longest first, so 超过 wins over 超, 达到 over 达 and 不超过 over 超过.
_PREFIXES: tuple[tuple[str, str | None], ...] = tuple(
    sorted(QUALIFIER_PREFIXES.items(), key=lambda item: -len(item[0]))
)
_SUFFIXES: tuple[tuple[str, str], ...] = tuple(QUALIFIER_SUFFIXES.items())
_ODD = "SlightlyMoreThan"  # 余 / 多 after the number

#: What joins the two ends of a range (``10至15亿元``, ``3-5年``, ``10%～15%``).
RANGE_SEPARATORS: tuple[str, ...] = ("至", "到", "-", "~", "～", "—", "－", "–")

# 一半 / 半数 = 50 percent; 过半 says more than half.
_HALVES: Mapping[str, str | None] = MappingProxyType({"一半": None, "半数": None, "过半": "MoreThan"})
_FRACTION = re.compile(
    r"(?P<den>[\d.]+|[零〇一二两三四五六七八九十百千万]+)分之(?P<num>[\d.]+|[零〇一二两三四五六七八九十百千点]+)"
)

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
        """The value is an upper bound (Nearly, LessThan, AtMost): ``schema:maxValue``."""
        return self.qualifier in _UPPER_BOUNDS

    @property
    def is_money(self) -> bool:
        """The quantity is an amount of money (a ``schema:MonetaryAmount``, value in yuan for CNY, in the
        currency's own unit otherwise: see :attr:`currency`).

        >>> parse_quantity("36.45亿元").is_money, parse_quantity("80余家").is_money
        (True, False)
        """
        return self.unit in CURRENCIES

    @property
    def currency(self) -> str | None:
        """ISO 4217 code of a money quantity (``schema:currency``), None for other quantities.

        >>> [parse_quantity(surface).currency for surface in ("3亿美元", "3亿元", "3家")]
        ['USD', 'CNY', None]
        """
        return CURRENCIES.get(self.unit)

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
    text = unicodedata.normalize("NFKC", surface).translate(SIMPLIFIED).strip(" \t\r\n\u3000")
    if not text:
        raise _fail(surface, "it is empty")
    if text.startswith("第"):
        raise _fail(surface, "an ordinal (第…) is not a quantity")

    if text in _HALVES:
        return _share(surface, text, [], unit)  # 过半 is a half, not 过 + 半
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
    if text in _HALVES or _FRACTION.fullmatch(text):
        return _share(surface, text, qualifiers, unit)
    percent = text.startswith("百分之")
    if percent:
        text = text[len("百分之") :]

    match = _CORE.fullmatch(text)
    if match is None:
        raise _fail(surface, "no number found")
    num, odd1, mult, odd2, word = match.group("num", "odd1", "mult", "odd2", "word")
    if odd1 and odd2:
        raise _fail(surface, "余/多 given twice")
    if not odd2:
        mult, word = _unit_keeps_multiplier(mult, word)
    odd3 = len(word) > 1 and word[-1] in "余多" and word[:-1] in ODD_AFTER_UNITS and not (odd1 or odd2)
    if odd3:
        word = word[:-1]
    if odd1 or odd2 or odd3:
        qualifiers.append(_ODD)
    qualifier = _one_qualifier(surface, qualifiers)

    try:
        value = Decimal(num.replace(",", "")) if num[0].isdigit() else _chinese_number(num)
    except (ValueError, InvalidOperation) as error:
        raise _fail(surface, str(error)) from None
    if word == "年" and not mult and num.isdigit() and len(num) == 4 and 1000 <= value < 3000:
        raise _fail(surface, "a year (…年) is not a quantity")
    for char in mult:
        value *= MULTIPLIERS[char]
    value *= UNIT_FACTORS.get(word, 1)

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


def _one_qualifier(surface: str, qualifiers: list[str]) -> str:
    """The one qualifier a surface form states; saying the same one twice ("约5万元左右") is fine."""
    distinct = list(dict.fromkeys(qualifiers))
    if len(distinct) > 1:
        raise _fail(surface, f"conflicting qualifiers {' + '.join(distinct)}")
    return distinct[0] if distinct else "Exactly"


def _unit_keeps_multiplier(mult: str, word: str) -> tuple[str, str]:
    """Give a unit word back the multiplier characters it begins with: the grammar reads "亿千瓦时" as
    multipliers 亿千 and word 瓦时, but 千瓦时 is the unit (and 万千瓦 is 万 kilowatts, 2.6百分点 a unit).

    >>> _unit_keeps_multiplier("亿千", "瓦时"), _unit_keeps_multiplier("万", "元")
    (('亿', '千瓦时'), ('万', '元'))
    """
    if word in UNITS or word in MEASURE_WORDS:
        return mult, word
    for split in range(len(mult) - 1, -1, -1):
        if mult[split:] + word in UNITS:
            return mult[:split], mult[split:] + word
    return mult, word


def _share(surface: str, text: str, qualifiers: list[str], unit: str | None) -> Quantity:
    """A share of a whole in percent: 一半 / 半数 / 过半 (half), 三分之一, 千分之五 (fractions).

    >>> _share("三分之一", "三分之一", [], None).value, _share("过半", "过半", [], None).qualifier
    (Decimal('33.33'), 'MoreThan')
    """
    if unit not in (None, "percent"):
        raise _fail(surface, f"a share is a percentage; unit={unit!r} cannot re-label it")
    if text in _HALVES:
        own = _HALVES[text]
        value = Decimal(50)
        qualifiers = [*qualifiers, own] if own else qualifiers
    else:
        match = _FRACTION.fullmatch(text)
        assert match is not None  # the caller checked
        try:
            parts = [
                Decimal(part) if part[0].isdigit() else _chinese_number(part)
                for part in match.group("den", "num")
            ]
        except (ValueError, InvalidOperation) as error:
            raise _fail(surface, str(error)) from None
        if not parts[0]:
            raise _fail(surface, "a fraction over zero")
        value = (parts[1] * 100 / parts[0]).quantize(Decimal("0.01"))
    return Quantity(_normalise(value), "percent", _one_qualifier(surface, qualifiers), surface)


def parse_range(surface: str, *, unit: str | None = None) -> tuple[Quantity, Quantity]:
    """Parse a range ("10至15亿元", "3-5年", "5万至8万吨", "10%-15%") into its two ends, the lower one
    ``AtLeast``, the upper one ``AtMost`` (a range states both bounds, and the RDF layer writes
    ``schema:minValue`` / ``schema:maxValue`` for them). The lower end borrows the upper end's unit word,
    and its multipliers too when it has none of its own: 10至15亿元 is 10亿 to 15亿.

    Raises :class:`ValueError` as :func:`parse_quantity` does, and when the ends are in the wrong order.

    >>> [(q.value, q.unit, q.qualifier) for q in parse_range("3-5年")]
    [(Decimal('3'), 'year', 'AtLeast'), (Decimal('5'), 'year', 'AtMost')]
    >>> [q.value for q in parse_range("5万至8万吨")]
    [Decimal('50000'), Decimal('80000')]
    """
    text = unicodedata.normalize("NFKC", surface).translate(SIMPLIFIED).strip(" \t\r\n\u3000")
    for separator in RANGE_SEPARATORS:
        low, found, high = text.partition(unicodedata.normalize("NFKC", separator))
        if found and low and high:
            break
    else:
        raise _fail(surface, "no range separator (" + " ".join(RANGE_SEPARATORS) + ")")
    upper_match = _CORE.fullmatch(high)
    lower_match = _CORE.fullmatch(low)
    if upper_match is None or lower_match is None:
        raise _fail(surface, "a range needs a number at each end")
    upper = parse_quantity(high, unit=unit)
    if not lower_match.group("word"):
        mult, word = _unit_keeps_multiplier(upper_match.group("mult"), upper_match.group("word"))
        low += word if lower_match.group("mult") else mult + word
    lower = parse_quantity(low, unit=unit or upper.unit)
    if lower.qualifier != "Exactly" or upper.qualifier != "Exactly":
        raise _fail(surface, "the ends of a range take no qualifier of their own")
    if lower.unit != upper.unit or lower.value >= upper.value:
        raise _fail(surface, "a range runs from a smaller to a larger number of one unit")
    return (
        Quantity(lower.value, lower.unit, "AtLeast", surface),
        Quantity(upper.value, upper.unit, "AtMost", surface),
    )
