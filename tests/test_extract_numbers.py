"""Tests of parkgraph.extract.numbers: each named after the phrase it handles; the sentences are
fictional (invented places and companies), written in the styles of the genre."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest

from parkgraph.extract.numbers import NUMBER_RULES, QuantityMention, find_quantities, find_rankings
from parkgraph.extract.spans import Span
from parkgraph.quantities import MEASURE_WORDS, UNIT_IDS, UNITS, parse_quantity, parse_range


def mentions(text: str) -> list[QuantityMention]:
    """find_quantities, checking what every mention promises: it stands in the text where it says, the
    parser reads its text as its quantity, its indicator and counted noun are spans of the text too."""
    found = find_quantities(text)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
        if mention.upper is None:
            assert parse_quantity(mention.text, unit=mention.quantity.unit) == mention.quantity
            assert parse_quantity(mention.text, unit=mention.annotation_unit) == mention.quantity
        else:
            assert parse_range(mention.text, unit=mention.quantity.unit) == (mention.quantity, mention.upper)
        for span in (mention.indicator, mention.counted):
            if span is not None:
                span.check(text)
        if mention.indicator is not None:
            assert mention.indicator.end <= mention.start
        if mention.counted is not None:
            assert mention.counted.start == mention.end
            assert text.startswith(mention.phrase, mention.start)
    assert found == sorted(found)
    assert all(a.end <= b.start for a, b in pairwise(found))
    return found


def only(text: str) -> QuantityMention:
    found = mentions(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def described(text: str) -> list[tuple[str, str, str, str]]:
    """(text, value, unit, qualifier) of every mention."""
    return [(m.text, str(m.quantity.value), m.quantity.unit, m.quantity.qualifier) for m in mentions(text)]


def indicator(mention: QuantityMention) -> str | None:
    return mention.indicator.text if mention.indicator else None


# --- money ----------------------------------------------------------------------------------------


def test_yi_yuan_is_hundreds_of_millions_of_yuan() -> None:
    m = only("今年上半年，园区实现营业收入78.6亿元。")
    assert (m.text, m.quantity.value, m.quantity.unit, m.quantity.qualifier) == (
        "78.6亿元",
        Decimal(7860000000),
        "CNY",
        "Exactly",
    )
    assert m.quantity.is_money


def test_wan_yuan_and_yuan() -> None:
    assert described("奖励200万元，员工月收入有6000多元") == [
        ("200万元", "2000000", "CNY", "Exactly"),
        ("6000多元", "6000", "CNY", "SlightlyMoreThan"),
    ]


def test_mei_yuan_is_us_dollars() -> None:
    m = only("外资企业到位资金1.5亿美元。")
    assert (m.quantity.value, m.quantity.unit, m.quantity.currency) == (Decimal(150000000), "USD", "USD")
    assert m.quantity.is_money


def test_chinese_numeral_money() -> None:
    assert described("引导基金两千余万元") == [("两千余万元", "20000000", "CNY", "SlightlyMoreThan")]


def test_tupo_yi_yuan_bare_multiplier_with_qualifier() -> None:
    assert described("线上销售突破亿元") == [("突破亿元", "100000000", "CNY", "Exceeding")]


def test_bare_multiplier_without_qualifier_is_not_a_quantity() -> None:
    assert mentions("每万元GDP能耗下降") == []


# --- qualifiers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "qualifier"),
    [
        ("集聚企业超过200家。", "超过200家", "MoreThan"),
        ("年纳税逾3亿元。", "逾3亿元", "MoreThan"),
        ("产值超2万亿元。", "超2万亿元", "MoreThan"),
        ("出货量突破5亿颗。", "突破5亿颗", "Exceeding"),
        ("引进人才近百名。", "近百名", "Nearly"),
        ("规划用地约420亩。", "约420亩", "Approximately"),
        ("规划面积约为3.6平方公里。", "约为3.6平方公里", "Approximately"),
        ("固定资产投资不少于28亿元。", "不少于28亿元", "AtLeast"),
        ("每年安排不低于500万元科研经费。", "不低于500万元", "AtLeast"),
        ("平均距离不到30公里。", "不到30公里", "LessThan"),
        ("用地不足50亩。", "不足50亩", "LessThan"),
        ("工期不超过18个月。", "不超过18个月", "AtMost"),
        ("可吸纳就业800人左右。", "800人左右", "Approximately"),
        ("新增就业岗位1200个以上。", "1200个以上", "AtLeast"),
        ("投资额在5000万元以下。", "5000万元以下", "AtMost"),
        ("误差控制在5%以内。", "5%以内", "AtMost"),
    ],
)
def test_qualifier_words_are_in_the_span(sentence: str, surface: str, qualifier: str) -> None:
    m = only(sentence)
    assert m.text == surface
    assert m.quantity.qualifier == qualifier
    assert parse_quantity(m.text).qualifier == qualifier


def test_yu_jia_is_slightly_more_than() -> None:
    m = only("园区已集聚数字经济类企业80余家。")
    assert (m.text, m.quantity.value, m.quantity.unit, m.quantity.qualifier) == (
        "80余家",
        Decimal(80),
        "enterprise",
        "SlightlyMoreThan",
    )


def test_shi_yu_jia_and_bai_yu_ming() -> None:
    assert described("引进十余家企业，百余名专家") == [
        ("十余家", "10", "enterprise", "SlightlyMoreThan"),
        ("百余名", "100", "person", "SlightlyMoreThan"),
    ]


def test_da_dao_only_reports_and_stays_out_of_the_span() -> None:
    m = only("京东系项目总数达到12个。")
    assert m.text == "12个"
    assert m.quantity.qualifier == "Exactly"


def test_qian_yue_is_not_about() -> None:
    m = only("集中签约12个项目。")
    assert (m.text, m.quantity.qualifier) == ("12个", "Exactly")


def test_jie_yue_is_not_about_but_yue_after_it_is() -> None:
    assert described("节约用水约3万吨") == [("约3万吨", "30000", "tonne", "Approximately")]


# --- percentages and changes ----------------------------------------------------------------------


def test_tong_bi_zeng_zhang_percent() -> None:
    m = only("规上工业总产值同比增长21.4%。")
    assert (m.text, m.quantity.value, m.quantity.unit) == ("21.4%", Decimal("21.4"), "percent")
    assert indicator(m) == "规上工业总产值同比增长"


def test_tong_bi_xia_jiang_percent_keeps_the_decline_in_the_indicator() -> None:
    m = only("出口额同比下降3.2%。")
    assert (m.quantity.value, indicator(m)) == (Decimal("3.2"), "出口额同比下降")


def test_elided_variable_leaves_the_change_word_alone() -> None:
    first, second = mentions("实现营业收入78.6亿元，同比增长31.6%。")
    assert indicator(first) == "营业收入"
    assert indicator(second) == "同比增长"


def test_ge_bai_fen_dian_is_percentage_points() -> None:
    m = only("增速高于全市平均水平12.4个百分点。")
    assert (m.text, m.quantity.value, m.quantity.unit) == (
        "12.4个百分点",
        Decimal("12.4"),
        "percentage-point",
    )


def test_full_width_percent_sign() -> None:
    assert described("增长12.5％") == [("12.5％", "12.5", "percent", "Exactly")]


def test_qi_cheng_is_seventy_percent() -> None:
    assert described("主体钢结构已经完成了七成") == [("七成", "70", "percent", "Exactly")]


def test_chao_guo_yi_ban_is_more_than_half() -> None:
    assert described("需求占比超过一半") == [("超过一半", "50", "percent", "MoreThan")]


def test_san_fen_zhi_yi_is_a_share() -> None:
    assert described("产值占全市三分之一") == [("三分之一", "33.33", "percent", "Exactly")]


def test_bei_is_times() -> None:
    assert described("订单量同比增长近3倍") == [("近3倍", "3", "times", "Nearly")]


def test_bei_duo_is_slightly_more_than() -> None:
    assert described("产值增长2倍多，") == [("2倍多", "2", "times", "SlightlyMoreThan")]


# --- areas, weights, energy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit"),
    [
        ("已建成标准厂房42万平方米。", "42万平方米", "420000", "square-metre"),
        ("建筑面积5.6万㎡。", "5.6万㎡", "56000", "square-metre"),
        ("规划面积28.6平方公里。", "28.6平方公里", "28.6", "square-kilometre"),
        ("占地30公顷。", "30公顷", "30", "hectare"),
        ("种植面积超过15万亩。", "超过15万亩", "150000", "mu"),
        ("年产1.2万吨高性能碳纤维。", "1.2万吨", "12000", "tonne"),
        ("年产10GWh储能电池。", "10GWh", "10", "gigawatt-hour"),
        ("建设200兆瓦光伏电站。", "200兆瓦", "200", "megawatt"),
        ("装机容量达5万千瓦。", "5万千瓦", "50000", "kilowatt"),
        ("年均发电量约2.6亿千瓦时。", "约2.6亿千瓦时", "260000000", "kilowatt-hour"),
        ("年发电量2.6亿度。", "2.6亿度", "260000000", "kilowatt-hour"),
        ("集装箱吞吐量30万标箱。", "30万标箱", "300000", "teu"),
    ],
)
def test_measures(sentence: str, surface: str, value: str, unit: str) -> None:
    m = only(sentence)
    assert (m.text, str(m.quantity.value), m.quantity.unit) == (surface, value, unit)


def test_gwh_needs_a_word_boundary() -> None:
    assert mentions("部署5G基站与5GWhx模组") == []


# --- counts ---------------------------------------------------------------------------------------


def test_wan_tai_is_units() -> None:
    m = only("可提供45万台服务器安装能力。")
    assert (m.text, m.quantity.value, m.counted.text, m.phrase) == (
        "45万台",
        Decimal(450000),
        "服务器",
        "45万台服务器",
    )


def test_jia_ge_xiang_ren_ming() -> None:
    assert described("集聚企业136家，项目53个，专利146项，员工2600人，学生320名") == [
        ("136家", "136", "enterprise", "Exactly"),
        ("53个", "53", "project", "Exactly"),
        ("146项", "146", "patent", "Exactly"),
        ("2600人", "2600", "person", "Exactly"),
        ("320名", "320", "person", "Exactly"),
    ]


def test_thousands_separator() -> None:
    assert described("规上企业1,250家") == [("1,250家", "1250", "enterprise", "Exactly")]


def test_san_da_counts_its_noun() -> None:
    m = only("重点发展光电传感器、汽车电子三大方向。")
    assert (m.text, m.counted.text, m.phrase, m.quantity.value, m.quantity.unit) == (
        "三大",
        "方向",
        "三大方向",
        Decimal(3),
        "item",
    )
    assert m.indicator is None  # the members come before a 三大, not the measure


def test_liang_da_zhu_dao_chan_ye() -> None:
    assert only("形成中医药、竹木新材料两大主导产业。").phrase == "两大主导产业"


def test_liang_ge_is_two() -> None:
    m = only("搭建两个平台。")
    assert (m.text, m.quantity.value, m.counted.text) == ("两个", Decimal(2), "平台")


def test_ge_ban_counts_classes() -> None:
    m = only("订单班规模扩大到了12个班。")
    assert (m.text, m.phrase, m.quantity.unit) == ("12个", "12个班", "item")


def test_counted_noun_with_modifier_takes_its_unit() -> None:
    m = only("12家优质医药科技企业迅速集聚。")
    assert (m.counted.text, m.quantity.unit) == ("优质医药科技企业", "enterprise")
    m = only("确定8家省级特色产业园区")
    assert (m.counted.text, m.quantity.unit) == ("省级特色产业园区", "park")


def test_counted_noun_stops_at_other_words() -> None:
    first, _ = mentions("为全省100余家政企单位转化成果200余个")
    assert first.counted.text == "政企单位"
    assert first.quantity.unit == "institution"


def test_ge_xiang_mu_is_a_count_of_projects() -> None:
    assert only("集中开工8个项目。").quantity.unit == "project"
    assert only("累计引进重大产业项目67个。").quantity.unit == "project"  # from the indicator


def test_yi_jia_is_the_indefinite_article() -> None:
    assert mentions("这是唯一一家省级园区，一批配套企业相继落户，一条条产线高速运转") == []


def test_vague_shu_shi_and_shang_bai_are_not_numbers() -> None:
    assert mentions("数十家企业入驻，上百名人才集聚，早一天投产") == []


# --- durations ------------------------------------------------------------------------------------


def test_nian_duration() -> None:
    m = only("认定有效期为3年。")
    assert (m.text, m.quantity.unit, indicator(m)) == ("3年", "year", "认定有效期")
    assert only("培育期原则上为两年。").quantity.value == Decimal(2)


def test_ge_yue_tian_gong_zuo_ri() -> None:
    assert described("只用了14个月，周期从15天缩短到5天，压缩至1个工作日") == [
        ("14个月", "14", "month", "Exactly"),
        ("15天", "15", "day", "Exactly"),
        ("5天", "5", "day", "Exactly"),
        ("1个工作日", "1", "working-day", "Exactly"),
    ]


def test_jin_san_nian_is_a_period_not_a_quantity() -> None:
    assert mentions("近三年来，未来五年，最近3个月") == []


def test_san_nian_xing_dong_ji_hua_is_a_name() -> None:
    assert mentions("实施“感知榆川”三年行动计划") == []


# --- ranges ---------------------------------------------------------------------------------------


def test_zhi_range_reports_both_ends() -> None:
    m = only("项目计划投资10至15亿元。")
    assert m.text == "10至15亿元"
    assert (m.quantity.value, m.quantity.qualifier) == (Decimal(1000000000), "AtLeast")
    assert (m.upper.value, m.upper.qualifier) == (Decimal(1500000000), "AtMost")
    assert indicator(m) == "计划投资"


def test_hyphen_range_of_years() -> None:
    m = only("建设周期3-5年。")
    assert (m.quantity.value, m.upper.value, m.quantity.unit) == (Decimal(3), Decimal(5), "year")


def test_range_of_years_of_the_calendar_is_not_a_quantity() -> None:
    assert mentions("《2023-2025年行动方案》") == []


# --- not quantities -------------------------------------------------------------------------------


def test_year_is_not_a_quantity() -> None:
    assert mentions("园区2019年开园建设，2025年建成。") == []


def test_year_du_and_dates_are_not_quantities() -> None:
    assert mentions("公布2023年度名单，7月14日召开，公示期为2023年11月6日至11月10日") == []


def test_ordinal_di_is_not_a_quantity() -> None:
    assert mentions("第三次集中签约，第34次会议，第二个项目") == []


def test_document_number_is_not_a_quantity() -> None:
    assert mentions("嵩工信数〔2023〕58号，嵩工信规〔2021〕3号") == []


def test_phone_and_postcode_are_not_quantities() -> None:
    assert mentions("电话：0571-88886666，邮编310000") == []


def test_model_names_are_not_quantities() -> None:
    assert mentions("T700级碳纤维、5G模组、MEMS芯片、V2.0版本") == []


def test_list_numbering_is_not_a_quantity() -> None:
    assert mentions("01 龙头引领\n一、强化园区建设主体责任\n1 | 枫陵市数字经济产业园") == []


def test_names_and_idioms_are_not_quantities() -> None:
    assert mentions("以三台山数据研究院为依托，惠及千家万户，打造千亿级产业集群，“十四五”时期") == []


def test_unit_word_inside_another_word() -> None:
    assert mentions("80年代建成，5成员单位") == []


def test_shang_xia_you_is_no_approximately() -> None:
    m = only("园区内3家上下游企业")
    assert (m.text, m.quantity.qualifier, m.counted.text) == ("3家", "Exactly", "上下游企业")


# --- indicators -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("项目总投资42亿元。", "总投资"),
        ("今年上半年，园区实现营业收入78.6亿元。", "营业收入"),
        ("目前，园区集聚传感器上下游企业136家。", "集聚传感器上下游企业"),
        ("截至目前已累计认定29家。", "累计认定"),
        ("芯测微电子MEMS压力传感器芯片出货量突破5亿颗。", "出货量"),
        ("从业人员超过3.2万人。", "从业人员"),
        ("拥有授权发明专利187项。", "授权发明专利"),
        ("公司今年产值预计能突破80亿元。", "产值"),
        ("新产品从设计到量产的周期缩短了约40%。", "周期缩短"),
    ],
)
def test_indicator(sentence: str, expected: str) -> None:
    assert indicator(only(sentence)) == expected


def test_indicator_is_none_after_a_list() -> None:
    assert only("诺唯赞生物、苏博医学等12家优质企业").indicator is None


def test_indicator_does_not_reach_back_over_another_number() -> None:
    first, second = mentions("总面积由8.3平方公里扩大到15.6平方公里")
    assert indicator(first) == "总面积"
    assert indicator(second) == "扩大"


def test_indicator_that_is_only_a_subject_is_none() -> None:
    assert only("全省共有11个园区获批").indicator is None


# --- the data -------------------------------------------------------------------------------------


def test_data_is_consistent_with_the_parser() -> None:
    rules = NUMBER_RULES
    assert set(rules.measure_units) <= MEASURE_WORDS
    assert set(rules.measure_units.values()) <= set(UNIT_IDS)
    assert {unit for unit in rules.counted_nouns.values() if unit} <= set(UNIT_IDS)
    assert rules.time_units <= set(UNITS)
    assert rules.count_units <= set(UNITS) | set(rules.measure_units)
    assert set(rules.not_after) <= set(UNITS) | set(rules.measure_units)


def test_mention_is_a_span() -> None:
    m = only("总投资35亿元")
    assert isinstance(m, Span)
    assert m == QuantityMention(m.start, m.end, "35亿元", parse_quantity("35亿元"), m.indicator)
    with pytest.raises(ValueError):
        QuantityMention(0, 3, "35亿元", parse_quantity("35亿元"))


def test_empty_text() -> None:
    assert find_quantities("") == []


# --- money in other currencies, names that look like counts, rankings ---------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "currency"),
    [
        ("青岚高新区实际使用外资2.1亿美元。", "2.1亿美元", "USD"),
        ("合同外资3000万港元。", "3000万港元", "HKD"),
        ("引进日资项目，投资50亿日元。", "50亿日元", "JPY"),
        ("出口额达800万欧元。", "800万欧元", "EUR"),
    ],
)
def test_money_in_another_currency_meiyuan_gangyuan(text: str, surface: str, currency: str) -> None:
    m = only(text)
    assert (m.text, m.quantity.currency) == (surface, currency)


@pytest.mark.parametrize(
    "text", ["深入学习党的二十大精神。", "严格落实中央八项规定。", "汽车零件加工项目开工。"]
)
def test_ershi_da_and_ling_jian_are_no_counts(text: str) -> None:
    assert mentions(text) == []


def test_paiming_28_wei_is_a_place_not_28_people() -> None:
    assert mentions("园区在全省综合考评中排名28位，去年前进7位。") == []
    assert only("园区引进高层次人才28位。").quantity.unit == "person"


@pytest.mark.parametrize(
    ("text", "rank", "scope", "criterion"),
    [
        ("我省本次获批数量居全国第7位。", 7, "全国", "获批数量"),
        ("园区工业增加值增速位列全省第二。", 2, "全省", "工业增加值增速"),
        ("园区综合实力排名全省开发区首位。", 1, "全省开发区", "综合实力"),
        ("营业收入排名28位。", 28, None, "营业收入"),
    ],
)
def test_ju_quanguo_di_7_wei_rankings(text: str, rank: int, scope: str | None, criterion: str) -> None:
    (found,) = find_rankings(text)
    assert (found.rank, found.scope and found.scope.text, found.indicator and found.indicator.text) == (
        rank,
        scope,
        criterion,
    )


@pytest.mark.parametrize(
    "text", ["安排第一批项目。", "将发展作为第一要务。", "稳居全国第一方阵。", "跻身行业第一梯队。"]
)
def test_ordinals_that_are_no_rankings_di_yi_pi(text: str) -> None:
    assert find_rankings(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [
        ("鹭平芯原二期项目总投资50亿，建设期3年。", "50亿", "5000000000", "Exactly"),
        ("园区工业产值突破千亿。", "突破千亿", "100000000000", "Exceeding"),
        ("园区营收超百亿。", "超百亿", "10000000000", "MoreThan"),
    ],
)
def test_money_without_yuan_zong_touzi_50_yi(text: str, surface: str, value: str, qualifier: str) -> None:
    """Headlines drop the 元 after a money word: 总投资50亿 is 5,000,000,000 yuan."""
    m = mentions(text)[0]
    assert (m.text, str(m.quantity.value), m.quantity.unit, m.quantity.qualifier) == (
        surface,
        value,
        "CNY",
        qualifier,
    )
    assert m.annotation_unit == "CNY"


def test_yi_after_no_money_word_is_no_money_fuwu_renkou() -> None:
    assert mentions("园区服务人口1.4亿，用户超过3亿。") == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("建成标准厂房12栋。", "building"),
        ("出让土地5宗。", "parcel"),
        ("扶持企业1717家次。", "enterprise-time"),
    ],
)
def test_buildings_parcels_and_enterprise_times_dong_zong_jia_ci(text: str, unit: str) -> None:
    assert only(text).quantity.unit == unit


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "qualifier"),
    [
        ("全縣年度投資22.3億元。", "22.3億元", "2230000000", "CNY", "Exactly"),
        ("實際利用外資1.2億美元。", "1.2億美元", "120000000", "USD", "Exactly"),
        ("園區企業超過100個。", "超過100個", "100", "item", "MoreThan"),
        ("規劃用地約5萬畝。", "約5萬畝", "50000", "mu", "Approximately"),
    ],
)
def test_a_page_in_traditional_script_yi_yuan(
    text: str, surface: str, value: str, unit: str, qualifier: str
) -> None:
    """億, 萬, 個, 超過, 約: a big5 mirror's figures read as the simplified ones, in its own characters."""
    m = only(text)
    assert (m.text, str(m.quantity.value), m.quantity.unit, m.quantity.qualifier) == (
        surface,
        value,
        unit,
        qualifier,
    )


def test_guo_yi_is_more_than_and_guo_ban_still_a_half() -> None:
    assert [(m.text, m.quantity.qualifier) for m in mentions("园区产值过百亿，企业过千家，过半为高企。")] == [
        ("过百亿", "MoreThan"),
        ("过千家", "MoreThan"),
        ("过半", "MoreThan"),
    ]
    assert [m.text for m in mentions("企业通过3项认证，经过5年建设。")] == ["3项", "5年"]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("投资百亿的鹭平钠离子电池项目正式签约。", "百亿", "10000000000"),
        ("青岚新材料产业基地总投资百亿元。", "百亿元", "10000000000"),
        ("园区工业产值千亿。", "千亿", "100000000000"),
    ],
)
def test_touzi_bai_yi_is_a_round_amount(text: str, surface: str, value: str) -> None:
    """投资百亿的…项目: a round hundred 亿 yuan written with multipliers alone (每万元 is still a rate)."""
    m = only(text)
    assert (m.text, str(m.quantity.value), m.quantity.unit, m.quantity.qualifier) == (
        surface,
        value,
        "CNY",
        "Exactly",
    )


@pytest.mark.parametrize(
    "text", ["园区将打造千亿级产业集群。", "引进百亿级项目。", "为鹭平打造千亿家电产业。"]
)
def test_qian_yi_ji_is_a_size_class_and_qian_yi_jia_no_count(text: str) -> None:
    assert mentions(text) == []


def test_liang_bufen_zucheng_counts_the_parts() -> None:
    """由甲区、乙区两部分组成: two parts; 一部分 and 大部分 are "some" and "most", no counts."""
    m = only("青岚产业园由新材料区和智造区两部分组成。")
    assert (m.text, str(m.quantity.value), m.quantity.unit) == ("两部分", "2", "item")
    assert mentions("一部分企业已经投产，大部分项目进展顺利。") == []


@pytest.mark.parametrize(
    "text", ["市四套班子领导出席仪式。", "县四大家领导参加。", "工业投资实现两位数增长。"]
)
def test_si_tao_banzi_and_liang_wei_shu_are_no_counts(text: str) -> None:
    """四套班子 (a locality's four leading bodies) is a title; 两位数 an order of magnitude."""
    assert mentions(text) == []
