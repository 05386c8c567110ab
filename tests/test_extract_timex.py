"""Tests of parkgraph.extract.timex: time expressions found in article text and resolved.

Every sentence here is written for the tests (invented places and companies); each test is named after
the phrase it handles.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from itertools import pairwise

import pytest

from parkgraph.extract.spans import Span
from parkgraph.extract.timex import TimeMention, find_times, load_rules
from parkgraph.temporal import TimeSpec

REFERENCE = date(2024, 3, 26)


def times(text: str, reference: date | datetime = REFERENCE) -> list[tuple[str, str]]:
    """(mention text, resolution) pairs; resolution is the instant's value or ``BEGIN/END``."""
    mentions = find_times(text, reference=reference)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.spec.surface == mention.text
    for first, second in pairwise(mentions):
        assert first.end <= second.start, "mentions overlap"
    return [(m.text, m.spec.value or f"{m.spec.begin}/{m.spec.end}") for m in mentions]


def test_time_mention_is_a_span_with_a_spec() -> None:
    [mention] = find_times("青禾园区于2023年7月开园。", reference=REFERENCE)
    assert isinstance(mention, Span)
    assert isinstance(mention.spec, TimeSpec)
    assert (mention.start, mention.end, mention.text) == (5, 12, "2023年7月")
    with pytest.raises(AttributeError):
        mention.spec = mention.spec  # type: ignore[misc]


def test_mentions_order_by_span() -> None:
    mentions = find_times("去年产值增长，今年继续增长。", reference=REFERENCE)
    assert sorted(reversed(mentions)) == mentions
    assert isinstance(mentions[0], TimeMention)


# Absolute forms.


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("青禾园区2023年获批。", [("2023年", "2023")]),
        ("青禾园区2023年7月获批。", [("2023年7月", "2023-07")]),
        ("青禾园区2023年7月14日获批。", [("2023年7月14日", "2023-07-14")]),
        ("发布时间：2024-03-26 19:46", [("2024-03-26", "2024-03-26")]),
        ("发布于2024/3/5。", [("2024/3/5", "2024-03-05")]),
        ("二〇二三年十一月二十日印发", [("二〇二三年十一月二十日", "2023-11-20")]),
        ("２０２３年７月１４日，园区揭牌。", [("２０２３年７月１４日", "2023-07-14")]),
    ],
)
def test_absolute_dates(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert times(sentence) == expected


def test_nian_du_is_the_year() -> None:
    assert times("公布2023年度省级特色产业园区名单") == [("2023年度", "2023")]


def test_year_inside_a_title_is_still_a_time() -> None:
    assert times("《青禾市2023年度重点项目名单》") == [("2023年度", "2023")]


def test_di_san_ji_du_of_a_year() -> None:
    assert times("2024年第三季度重大项目集中开工") == [("2024年第三季度", "2024-07-01/2024-09-30")]


# Relative to the reference.


@pytest.mark.parametrize(
    ("word", "year"), [("今年", "2024"), ("去年", "2023"), ("明年", "2025"), ("前年", "2022")]
)
def test_relative_years(word: str, year: str) -> None:
    assert times(f"园区{word}实现产值80亿元。") == [(word, year)]


def test_jin_nian_shang_ban_nian_and_xia_ban_nian() -> None:
    assert times("今年上半年增长12%，下半年还将提速。") == [
        ("今年上半年", "2024-01-01/2024-06-30"),
        ("下半年", "2024-07-01/2024-12-31"),
    ]


@pytest.mark.parametrize(
    ("phrase", "resolved"),
    [
        ("一季度", "2024-01-01/2024-03-31"),
        ("第一季度", "2024-01-01/2024-03-31"),
        ("今年四季度", "2024-10-01/2024-12-31"),
        ("前三季度", "2024-01-01/2024-09-30"),
        ("今年前三季度", "2024-01-01/2024-09-30"),
    ],
)
def test_ji_du_quarters(phrase: str, resolved: str) -> None:
    assert times(f"园区{phrase}完成投资5亿元") == [(phrase, resolved)]


def test_jin_nian_1_zhi_2_yue_is_an_interval_of_months() -> None:
    assert times("今年1至2月，园区工业总产值同比增长21%。") == [("今年1至2月", "2024-01-01/2024-02-29")]


def test_1_2_yue_with_a_hyphen() -> None:
    assert times("1-2月，公司产值增长了46%。") == [("1-2月", "2024-01-01/2024-02-29")]


def test_dates_zhi_dates_is_one_interval() -> None:
    assert times("公示期为2023年11月6日至11月10日。") == [
        ("2023年11月6日至11月10日", "2023-11-06/2023-11-10")
    ]
    assert times("展会7月14日至16日举行。") == [("7月14日至16日", "2024-07-14/2024-07-16")]


def test_year_range_2021_2025_nian() -> None:
    assert times("规划期为2021—2025年。") == [("2021—2025年", "2021-01-01/2025-12-31")]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("5月", "2024-05"), ("5月份", "2024-05"), ("3月初", "2024-03"), ("3月中旬", "2024-03")],
)
def test_yue_months_without_a_year_are_in_the_reference_year(phrase: str, value: str) -> None:
    assert times(f"设备{phrase}进场调试。") == [(phrase, value)]


def test_yue_ri_without_a_year() -> None:
    assert times("7月14日，青禾市公布名单。") == [("7月14日", "2024-07-14")]


def test_qu_nian_10_yue() -> None:
    assert times("去年10月，项目开工。") == [("去年10月", "2023-10")]


def test_zuo_tian_and_jin_tian() -> None:
    assert times("项目昨天（3月25日）满产，今天开始发货。") == [
        ("昨天", "2024-03-25"),
        ("3月25日", "2024-03-25"),
        ("今天", "2024-03-26"),
    ]


def test_zuo_tian_against_a_beijing_dateline() -> None:
    dateline = datetime(2024, 3, 26, 0, 30, tzinfo=timezone(timedelta(hours=8)))
    assert times("园区昨天签约。", reference=dateline) == [("昨天", "2024-03-25")]


def test_jin_nian_yi_lai_runs_to_the_reference_day() -> None:
    assert times("今年以来，园区新签约项目18个。") == [("今年以来", "2024-01-01/2024-03-26")]


def test_qu_nian_yi_lai_runs_from_the_start_of_last_year() -> None:
    assert times("去年以来已服务企业83家。") == [("去年以来", "2023-01-01/2024-03-26")]


def test_zi_2021_nian_yi_lai_includes_zi() -> None:
    assert times("自2021年以来，累计引进项目52个。") == [("自2021年以来", "2021-01-01/2024-03-26")]


def test_2019_nian_yi_lai_and_zhi_jin() -> None:
    assert times("2019年以来累计投资，2020年至今持续增长。") == [
        ("2019年以来", "2019-01-01/2024-03-26"),
        ("2020年至今", "2020-01-01/2024-03-26"),
    ]


def test_jin_san_nian_ends_with_the_reference_year() -> None:
    assert times("近三年，工业增加值年均增长11.3%。") == [("近三年", "2022-01-01/2024-12-31")]


def test_jin_nian_lai_is_too_vague() -> None:
    assert times("近年来，青禾园区发展迅速；日前，近期，此前均无确切时间。") == []


@pytest.mark.parametrize("phrase", ["目前", "当前", "现在", "截至目前"])
def test_mu_qian_is_the_reference_day(phrase: str) -> None:
    assert times(f"{phrase}，园区已集聚企业63家。") == [(phrase, "2024-03-26")]


def test_shi_si_wu_qi_jian_is_2021_to_2025() -> None:
    assert times("“十四五”期间，青禾市将建成5个园区。") == [("十四五", "2021-01-01/2025-12-31")]
    assert times("落实十四五规划") == [("十四五", "2021-01-01/2025-12-31")]


def test_dao_2025_nian_is_the_year() -> None:
    assert times("力争到2025年园区营收突破200亿元。") == [("2025年", "2025")]


def test_nian_di_is_the_years_last_month_and_nian_nei_the_year() -> None:
    assert times("确保年底前完工，年内投产。") == [("年底", "2024-12"), ("年内", "2024")]
    assert times("截至2023年底，园区企业达120家。") == [("2023年底", "2023-12")]


# 当年, 当天: the time of an earlier mention.


def test_dang_nian_takes_the_year_of_the_time_before_it() -> None:
    assert times("青禾锂材去年4月投产，当年就实现产值9.6亿元。") == [("去年4月", "2023-04"), ("当年", "2023")]
    assert times("园区2019年开园，同年获批省级园区。") == [("2019年", "2019"), ("同年", "2019")]


def test_dang_nian_without_a_year_in_its_sentence_is_left_out() -> None:
    assert times("2019年园区开园。当年的老厂房如今焕然一新。") == [("2019年", "2019")]


def test_dang_nian_qian_yue_dang_nian_kai_gong_is_the_reference_year() -> None:
    assert times("力争到2026年建成。我们将按照“当年签约、当年开工”的目标推进。") == [
        ("2026年", "2026"),
        ("当年", "2024"),
        ("当年", "2024"),
    ]


def test_qian_yue_dang_tian_is_the_last_date_written() -> None:
    text = "8月16日，青禾新材签署投资协议。目前项目已启动。签约当天，双方还签署了合作协议。"
    assert times(text, reference=date(2023, 8, 18)) == [
        ("8月16日", "2023-08-16"),
        ("目前", "2023-08-18"),
        ("签约当天", "2023-08-16"),
    ]


def test_dang_tian_without_an_event_is_no_time() -> None:
    assert times("产品当天就能送到客户的生产线上。") == []


# Not times.


def test_duration_san_nian_is_not_a_time() -> None:
    assert times("认定有效期为3年，三年行动计划。") == []


def test_duration_12_ge_yue_is_not_a_time() -> None:
    assert times("从签约到投产仅用了12个月，一个月内完成调试。") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "项目总投资2000余万元。",
        "可形成年产10GWh储能电池的生产能力。",
        "联系电话：0571-87654321",
        "青政发〔2023〕58号",
        "主要体现在三个方面",
        "5号线3号楼",
        "第三十四次集体学习",
        "同比增长20%，13月",
        "版本V2024.3.12.1",
        "十四五个班组",
        "每年年底",
    ],
)
def test_numbers_that_are_not_times(sentence: str) -> None:
    assert times(sentence) == []


def test_mu_qian_nian_chan_is_not_qian_nian() -> None:
    assert times("目前年产能达5万吨") == [("目前", "2024-03-26")]


def test_nian_nei_meng_gu_is_not_nian_nei() -> None:
    assert times("2023年内蒙古的园区") == [("2023年", "2023")]


def test_longest_match_wins() -> None:
    assert times("2023年11月6日至11月10日") == [("2023年11月6日至11月10日", "2023-11-06/2023-11-10")]
    assert times("今年5月份") == [("今年5月份", "2024-05")]


def test_unresolvable_match_gives_way_to_a_shorter_one() -> None:
    assert times("2021年2月29日") == [("2021年2月", "2021-02")]


def test_rules_load_from_data() -> None:
    rules = load_rules()
    assert {p.name for p in rules.patterns} >= {"date", "range", "since", "now"}
    assert {a.name for a in rules.anaphora} == {"same_year", "same_day", "next_day"}


def test_qu_nian_di_is_the_last_month_of_last_year() -> None:
    assert times("青岚经济区自去年底起步以来，加快建设。") == [("去年底", "2023-12")]
    assert times("年初，园区启动建设。") == [("年初", "2024-01")]


def test_shang_yue_ben_yue_di_and_xia_ge_yue_are_months() -> None:
    assert times("上月，园区签约项目5个；本月底前开工，下个月投产。") == [
        ("上月", "2024-02"),
        ("本月底", "2024-03"),
        ("下个月", "2024-04"),
    ]


def test_shang_zhou_is_last_week_and_ben_zhou_san_a_day() -> None:
    # 2024-03-26 is a Tuesday: last week ran from Monday 18 to Sunday 24 March.
    assert times("上周，园区召开推进会；本周三将举行签约仪式。") == [
        ("上周", "2024-03-18/2024-03-24"),
        ("本周三", "2024-03-27"),
    ]
    assert times("下周期内完成，本周末开放") == []


def test_jin_ri_and_ri_qian_have_no_date() -> None:
    assert times("近日，园区召开会议。日前，项目开工。") == []


def test_a_bare_day_is_the_datelines_month_19_ri() -> None:
    """本报9月20日讯 …19日，…: a newspaper writes the day alone for a day of the dateline's month."""
    assert times("本报鹭平3月25日讯 24日，园区召开推进会。", reference=date(2024, 3, 26)) == [
        ("3月25日", "2024-03-25"),
        ("24日", "2024-03-24"),
    ]


def test_a_bare_day_after_the_datelines_day_is_no_date() -> None:
    """将于28日举行 in an article of the 26th: a plan, or last month's 28th; left out."""
    assert times("签约仪式将于28日举行。") == []


def test_durations_and_counts_of_days_are_not_dates() -> None:
    assert times("自受理之日起15日内办结，为期3日，每月15日公布，第3日复查。") == []


def test_12_yue_28_ri_in_an_early_january_article_is_last_december() -> None:
    assert times("12月28日，园区举行集中开工仪式。", reference=date(2024, 1, 3)) == [
        ("12月28日", "2023-12-28")
    ]
    assert times("12月以来，园区新签项目8个。", reference=date(2024, 1, 3)) == [
        ("12月以来", "2023-12-01/2024-01-03")
    ]
    assert times("5月份投产。", reference=date(2024, 3, 26)) == [("5月份", "2024-05")]


def test_a_date_split_by_a_line_break_keeps_its_day() -> None:
    """A capture that breaks 12月28日 over two lines (12 / 28日) still dates the day."""
    assert times("12\n28日，仪式举行。", reference=date(2023, 12, 28)) == [("28日", "2023-12-28")]


def test_jin_nian_qian_11_ge_yue_is_january_to_november() -> None:
    assert times("今年前11个月，园区产值增长5%。", reference=date(2023, 12, 20)) == [
        ("今年前11个月", "2023-01-01/2023-11-30")
    ]
    assert times("项目提前3个月完成，近3个月订单增加。") == []


def test_ci_ri_is_the_day_after_the_last_date() -> None:
    assert times("12月5日，双方签约；次日，项目开工。", reference=date(2023, 12, 20)) == [
        ("12月5日", "2023-12-05"),
        ("次日", "2023-12-06"),
    ]


def test_yue_di_is_the_datelines_month() -> None:
    assert times("确保月底前完成，每月底报送进度。") == [("月底", "2024-03")]
