"""Tests of parkgraph.quantities: every surface form of the first article, plus edge and error cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parkgraph.quantities import (
    MEASURE_WORDS,
    QUALIFIERS,
    UNIT_IDS,
    UNITS,
    Quantity,
    UnitInfo,
    parse_quantity,
    parse_range,
)

# surface, expected value (as a string), unit id, qualifier
ARTICLE_FORMS = [
    ("36.45亿元", "3645000000", "CNY", "Exactly"),
    ("103.38%", "103.38", "percent", "Exactly"),
    ("80余家", "80", "enterprise", "SlightlyMoreThan"),
    ("超过120亿元", "12000000000", "CNY", "MoreThan"),
    ("50亿元", "5000000000", "CNY", "Exactly"),
    ("45万台", "450000", "unit", "Exactly"),
    ("20亿元", "2000000000", "CNY", "Exactly"),
    ("5个", "5", "item", "Exactly"),
    ("12个", "12", "item", "Exactly"),
    ("12家", "12", "enterprise", "Exactly"),
    ("15家", "15", "enterprise", "Exactly"),
    ("25万人", "250000", "person", "Exactly"),
    ("达到25万人", "250000", "person", "Exactly"),
    ("2个", "2", "item", "Exactly"),
    ("24项", "24", "item", "Exactly"),
    ("100余家", "100", "enterprise", "SlightlyMoreThan"),
    ("200余个", "200", "item", "SlightlyMoreThan"),
    ("40余家", "40", "enterprise", "SlightlyMoreThan"),
    ("2000余万元", "20000000", "CNY", "SlightlyMoreThan"),
    ("1500余人", "1500", "person", "SlightlyMoreThan"),
    ("超2万亩", "20000", "mu", "MoreThan"),
    ("突破亿元", "100000000", "CNY", "Exceeding"),
    ("11个", "11", "item", "Exactly"),
    ("1个", "1", "item", "Exactly"),
    ("达到12个", "12", "item", "Exactly"),
    ("近300起", "300", "case", "Nearly"),
    ("47%", "47", "percent", "Exactly"),
    ("达12.8%", "12.8", "percent", "Exactly"),
]

OTHER_FORMS = [
    ("约5万元", "50000", "CNY", "Approximately"),
    ("大约5万元", "50000", "CNY", "Approximately"),
    ("5万元左右", "50000", "CNY", "Approximately"),
    ("约5万元左右", "50000", "CNY", "Approximately"),
    ("不少于10家", "10", "enterprise", "AtLeast"),
    ("至少10家", "10", "enterprise", "AtLeast"),
    ("10家以上", "10", "enterprise", "AtLeast"),
    ("将近300起", "300", "case", "Nearly"),
    ("多于3个", "3", "item", "MoreThan"),
    ("逾3个", "3", "item", "MoreThan"),
    ("80多家", "80", "enterprise", "SlightlyMoreThan"),
    ("5万余人", "50000", "person", "SlightlyMoreThan"),
    ("三个", "3", "item", "Exactly"),
    ("两个", "2", "item", "Exactly"),
    ("十一个", "11", "item", "Exactly"),
    ("十余家", "10", "enterprise", "SlightlyMoreThan"),
    ("百余家", "100", "enterprise", "SlightlyMoreThan"),
    ("两千余万元", "20000000", "CNY", "SlightlyMoreThan"),
    ("三千万元", "30000000", "CNY", "Exactly"),
    ("三点五亿元", "350000000", "CNY", "Exactly"),
    ("1.2万亿元", "1200000000000", "CNY", "Exactly"),
    ("突破万元", "10000", "CNY", "Exceeding"),
    ("3千元", "3000", "CNY", "Exactly"),
    ("百分之四十七", "47", "percent", "Exactly"),
    ("12.50%", "12.5", "percent", "Exactly"),
    ("0.5%", "0.5", "percent", "Exactly"),
    ("1,500人", "1500", "person", "Exactly"),
    ("１２家", "12", "enterprise", "Exactly"),  # full-width digits
    ("１０３．３８％", "103.38", "percent", "Exactly"),
    ("30名", "30", "person", "Exactly"),
    ("30位", "30", "person", "Exactly"),
    ("6件", "6", "item", "Exactly"),
    (" 50亿元\u3000", "5000000000", "CNY", "Exactly"),  # surrounding white space
]


@pytest.mark.parametrize(("surface", "value", "unit", "qualifier"), ARTICLE_FORMS + OTHER_FORMS)
def test_parse(surface: str, value: str, unit: str, qualifier: str) -> None:
    q = parse_quantity(surface)
    assert q == Quantity(Decimal(value), unit, qualifier, surface)
    assert str(q.value) == value  # no exponent, no trailing zeros
    assert q.unit in UNIT_IDS
    assert q.qualifier in QUALIFIERS


def test_decimal_arithmetic() -> None:
    q = parse_quantity("36.45亿元")
    assert isinstance(q.value, Decimal)
    assert q.value == Decimal("36.45") * 10**8 == Decimal(3645000000)
    assert str(q.value) == "3645000000"


@pytest.mark.parametrize(
    ("surface", "unit", "value"),
    [
        ("45万台", "server", "450000"),
        ("三大", "item", "3"),
        ("三大", "incubator", "3"),
        ("五大", "item", "5"),
        ("两部分", "item", "2"),  # 由甲区、乙区两部分组成
        ("11个", "park", "11"),
        ("1个", "park", "1"),
        ("5个", "project", "5"),
        ("12个", "project", "12"),
        ("2个", "key-project", "2"),
        ("24项", "patent", "24"),
        ("200余个", "result", "200"),
        ("100余家", "institution", "100"),
        ("12家", "enterprise", "12"),
        ("80", "enterprise", "80"),  # a bare number needs unit=
        ("36.45亿元", "CNY", "3645000000"),  # restating the unit of 元 is fine
    ],
)
def test_unit_override(surface: str, unit: str, value: str) -> None:
    q = parse_quantity(surface, unit=unit)
    assert q.unit == unit
    assert q.value == Decimal(value)
    assert q.surface == surface


@pytest.mark.parametrize(
    ("qualifier", "lower", "upper"),
    [
        ("Exactly", False, False),
        ("MoreThan", True, False),
        ("SlightlyMoreThan", True, False),
        ("Exceeding", True, False),
        ("AtLeast", True, False),
        ("Nearly", False, True),
        ("Approximately", False, False),
    ],
)
def test_bounds(qualifier: str, lower: bool, upper: bool) -> None:
    q = Quantity(Decimal(1), "item", qualifier, "1个")
    assert q.is_lower_bound is lower
    assert q.is_upper_bound is upper


@pytest.mark.parametrize(
    ("surface", "lower", "upper"),
    [
        ("超过120亿元", True, False),
        ("80余家", True, False),
        ("突破亿元", True, False),
        ("不少于10家", True, False),
        ("近300起", False, True),
        ("约5万元", False, False),
        ("50亿元", False, False),
    ],
)
def test_bounds_from_surface(surface: str, lower: bool, upper: bool) -> None:
    q = parse_quantity(surface)
    assert (q.is_lower_bound, q.is_upper_bound) == (lower, upper)


def test_is_money() -> None:
    assert parse_quantity("36.45亿元").is_money
    assert parse_quantity("2000余万元").is_money
    assert not parse_quantity("103.38%").is_money
    assert not parse_quantity("80余家").is_money


def test_unit_tables() -> None:
    assert UNITS["元"] == UnitInfo("CNY", None, None)
    assert UNITS["%"] == UnitInfo("percent", "percent", "P1")
    assert UNITS["家"] == UnitInfo("enterprise", "enterprises", "C62")
    assert UNITS["个"] == UnitInfo("item", "items", "C62")
    assert UNITS["项"] == UnitInfo("item", "items", "C62")
    assert UNITS["人"] == UnitInfo("person", "persons", "IE")
    assert UNITS["名"] == UNITS["人"]
    assert UNITS["台"] == UnitInfo("unit", "units", "C62")
    assert UNITS["亩"] == UnitInfo("mu", "mu", None)
    required = {
        "CNY",
        "percent",
        "enterprise",
        "item",
        "person",
        "unit",
        "server",
        "mu",
        "park",
        "project",
        "patent",
        "result",
        "incubator",
    }
    assert required <= set(UNIT_IDS)
    for unit_id, info in UNIT_IDS.items():
        assert info.id == unit_id
    for info in UNITS.values():
        assert UNIT_IDS[info.id] == info
    assert parse_quantity("45万台", unit="server").unit_info == UnitInfo("server", "servers", "C62")
    assert not MEASURE_WORDS & set(UNITS)


def test_frozen() -> None:
    q = parse_quantity("5个")
    with pytest.raises(AttributeError):
        q.value = Decimal(6)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("surface", "unit", "reason"),
    [
        ("第三十四次", None, "ordinal"),
        ("第三十四次", "item", "ordinal"),
        ("三大", None, "measure word"),
        ("两部分", None, "measure word"),
        ("80", None, "no unit word"),
        ("近年来", None, "no number"),
        ("多次", None, "no number"),
        ("", None, "empty"),
        ("   ", None, "empty"),
        ("abc", None, "no number"),
        ("5亿元x", None, "not a unit word"),
        ("12家园区", None, "not a unit word"),
        ("一一家", None, "Chinese numeral"),
        ("80余多家", None, "twice"),
        ("超过80余家", None, "conflicting"),
        ("约10家以上", None, "conflicting"),
        ("百分之47元", None, "百分之"),
        ("50亿元", "person", "re-label"),
        ("103.38%", "item", "re-label"),
        ("45万台", "gadget", "unit id"),
        ("1.2.3个", None, "not a unit word"),
    ],
)
def test_errors(surface: str, unit: str | None, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_quantity(surface, unit=unit)
    message = str(info.value)
    assert repr(surface) in message
    assert reason in message
    assert "accepted forms" in message


def test_type_error() -> None:
    with pytest.raises(TypeError):
        parse_quantity(36)  # type: ignore[arg-type]


# Forms added for the extractor (parkgraph/extract/numbers.py): other units, LessThan / AtMost,
# shares, "-odd" after a unit, unit words that begin with a multiplier character.
EXTRACTOR_FORMS = [
    ("约3.6平方公里", "3.6", "square-kilometre", "Approximately"),
    ("42万平方米", "420000", "square-metre", "Exactly"),
    ("5.6万㎡", "56000", "square-metre", "Exactly"),
    ("30公顷", "30", "hectare", "Exactly"),
    ("1.2万吨", "12000", "tonne", "Exactly"),
    ("不到30公里", "30", "kilometre", "LessThan"),
    ("不足50亩", "50", "mu", "LessThan"),
    ("少于3家", "3", "enterprise", "LessThan"),
    ("不超过18个月", "18", "month", "AtMost"),
    ("5000万元以下", "50000000", "CNY", "AtMost"),
    ("5%以内", "5", "percent", "AtMost"),
    ("不低于500万元", "5000000", "CNY", "AtLeast"),
    ("约为3.6平方公里", "3.6", "square-kilometre", "Approximately"),
    ("接近300起", "300", "case", "Nearly"),
    ("高达12.8%", "12.8", "percent", "Exactly"),
    ("12.4个百分点", "12.4", "percentage-point", "Exactly"),
    ("2.6百分点", "2.6", "percentage-point", "Exactly"),
    ("近3倍", "3", "times", "Nearly"),
    ("2倍多", "2", "times", "SlightlyMoreThan"),
    ("3年多", "3", "year", "SlightlyMoreThan"),
    ("七成", "70", "percent", "Exactly"),
    ("超过一半", "50", "percent", "MoreThan"),
    ("过半", "50", "percent", "MoreThan"),
    ("三分之一", "33.33", "percent", "Exactly"),
    ("千分之五", "0.5", "percent", "Exactly"),
    ("10GWh", "10", "gigawatt-hour", "Exactly"),
    ("200兆瓦", "200", "megawatt", "Exactly"),
    ("5万千瓦", "50000", "kilowatt", "Exactly"),
    ("约2.6亿千瓦时", "260000000", "kilowatt-hour", "Approximately"),
    ("2.6亿度", "260000000", "kilowatt-hour", "Exactly"),
    ("3年", "3", "year", "Exactly"),
    ("两年", "2", "year", "Exactly"),
    ("14个月", "14", "month", "Exactly"),
    ("15天", "15", "day", "Exactly"),
    ("1个工作日", "1", "working-day", "Exactly"),
    ("突破5亿颗", "500000000", "piece", "Exceeding"),
    ("4.6万架", "46000", "unit", "Exactly"),
    ("5860户", "5860", "household", "Exactly"),
    ("20万人次", "200000", "person-time", "Exactly"),
    ("30万标箱", "300000", "teu", "Exactly"),
    ("1.5亿美元", "150000000", "USD", "Exactly"),
    ("约合700欧元", "700", "EUR", "Approximately"),
]


@pytest.mark.parametrize(("surface", "value", "unit", "qualifier"), EXTRACTOR_FORMS)
def test_parse_extractor_forms(surface: str, value: str, unit: str, qualifier: str) -> None:
    q = parse_quantity(surface)
    assert q == Quantity(Decimal(value), unit, qualifier, surface)
    assert q.unit in UNIT_IDS
    assert q.qualifier in QUALIFIERS


def test_upper_bounds_of_the_new_qualifiers() -> None:
    assert parse_quantity("不到30公里").is_upper_bound
    assert parse_quantity("不超过18个月").is_upper_bound
    assert not parse_quantity("不到30公里").is_lower_bound


def test_currencies() -> None:
    assert parse_quantity("1.5亿美元").is_money
    assert parse_quantity("1.5亿美元").currency == "USD"
    assert parse_quantity("1.5亿元").currency == "CNY"
    assert parse_quantity("15家").currency is None


@pytest.mark.parametrize(
    ("surface", "value", "currency"),
    [
        ("2.1亿美元", "210000000", "USD"),
        ("3000万港元", "30000000", "HKD"),
        ("5亿港币", "500000000", "HKD"),
        ("1200万欧元", "12000000", "EUR"),
        ("50亿日元", "5000000000", "JPY"),
        ("800万英镑", "8000000", "GBP"),
        ("300亿韩元", "30000000000", "KRW"),
        ("2亿澳元", "200000000", "AUD"),
        ("6000万新加坡元", "60000000", "SGD"),
        ("5亿人民币", "500000000", "CNY"),
    ],
)
def test_money_in_another_currency_keeps_its_currency_and_value(
    surface: str, value: str, currency: str
) -> None:
    """An amount is in the currency it is written in, never converted: 2.1亿美元 is 210000000 USD."""
    q = parse_quantity(surface)
    assert (q.value, q.currency, q.is_money) == (Decimal(value), currency, True)
    assert q.unit_info.text_en is None  # money has schema:currency, no unitText


@pytest.mark.parametrize(
    ("surface", "low", "high", "unit"),
    [
        ("10至15亿元", "1000000000", "1500000000", "CNY"),
        ("3-5年", "3", "5", "year"),
        ("5万至8万吨", "50000", "80000", "tonne"),
        ("10%～15%", "10", "15", "percent"),
        ("三到五个", "3", "5", "item"),
    ],
)
def test_parse_range(surface: str, low: str, high: str, unit: str) -> None:
    lower, upper = parse_range(surface)
    assert lower == Quantity(Decimal(low), unit, "AtLeast", surface)
    assert upper == Quantity(Decimal(high), unit, "AtMost", surface)


@pytest.mark.parametrize(
    ("surface", "reason"),
    [
        ("2023年", "a year"),
        ("15亿元", "no range separator"),
        ("15至10亿元", "smaller to a larger"),
        ("2023-2025年", "a year"),
        ("约10至15亿元", "a number at each end"),
    ],
)
def test_parse_range_errors(surface: str, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_range(surface) if surface != "2023年" else parse_quantity(surface)
    assert reason in str(info.value)


def test_a_share_is_a_percentage() -> None:
    with pytest.raises(ValueError, match="share"):
        parse_quantity("一半", unit="item")


# --- money in other currencies: a schema:MonetaryAmount in that currency ---------------------------

#: A fictional page whose figures are in US dollars and in Hong Kong dollars.
FOREIGN_CAPTURE = """青岚高新区上半年实际使用外资2.1亿美元
发布时间：2024-07-10 09:00　　来源：鹭平日报
今年上半年，青岚高新区实际使用外资2.1亿美元，同比增长12%。
园区新签外资项目5个，合同外资3000万港元。
"""

FOREIGN_ANNOTATIONS = """article: 301_foreign
schemes:
  indicators: {label: 统计指标, en: statistical indicators}
concepts:
  indicators:
    fdi-utilised: {label: 实际使用外资, en: foreign investment actually utilised, quote: 实际使用外资}
entities:
  qinglan-high-tech-zone:
    type: pg:DevelopmentZone
    label: 青岚高新区
    en: Qinglan High-tech Zone
    quote: 青岚高新区
  luping-daily:
    type: pg:NewsOrganisation
    label: 鹭平日报
    en: Luping Daily
    quote: 鹭平日报
facts:
  - id: fdi-h1-2024
    type: pg:Statistic
    label: 青岚高新区上半年实际使用外资
    en: Qinglan High-tech Zone actually utilised foreign investment, H1 2024
    quote: 今年上半年，青岚高新区实际使用外资2.1亿美元
    props:
      schema:observationAbout: qinglan-high-tech-zone
      pg:indicator: indicators/fdi-utilised
    quantity: 2.1亿美元
    time: 今年上半年
"""


@pytest.mark.parametrize("curated", [False, True], ids=["extracted", "curated"])
def test_an_amount_in_us_dollars_no_longer_sets_the_page_aside(tmp_path, curated: bool) -> None:  # type: ignore[no-untyped-def]
    """实际使用外资2.1亿美元 made the page unbuildable: the populator wrote its currency but the shape
    allowed only CNY, so the extracted page was set aside and a curated file failed. Now the amount is a
    schema:MonetaryAmount in USD (its value in dollars, not converted) and the page builds."""
    import shutil

    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF

    from parkgraph.build import Project, build

    from .conftest import ROOT

    schema = Namespace("https://schema.org/")
    (tmp_path / "corpus").mkdir()
    (tmp_path / "annotations").mkdir()
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    (tmp_path / "corpus" / "301_foreign.txt").write_text(FOREIGN_CAPTURE, encoding="utf-8")
    if curated:
        (tmp_path / "annotations" / "301_foreign.yaml").write_text(FOREIGN_ANNOTATIONS, encoding="utf-8")
    project = Project.at(tmp_path)
    result = build(project, jobs=1, strict=True)
    assert result.validation.conforms and not result.set_aside
    graph = Graph().parse(project.graph_path("nt"), format="nt")
    amounts = {
        (str(graph.value(node, schema.currency)), graph.value(node, schema.value).toPython())
        for node in graph.subjects(RDF.type, schema.MonetaryAmount)
    }
    assert ("USD", Decimal(210000000)) in amounts  # in dollars, not converted to yuan
    if not curated:
        assert ("HKD", Decimal(30000000)) in amounts


@pytest.mark.parametrize(
    ("surface", "qualifier"),
    [("超过了100家", "MoreThan"), ("突破了千亿元", "Exceeding"), ("达到了50亿元", "Exactly")],
)
def test_a_qualifier_with_le_keeps_its_meaning_chaoguo_le(surface: str, qualifier: str) -> None:
    assert parse_quantity(surface).qualifier == qualifier
