"""Tests of parkgraph.temporal: relative and absolute Chinese time expressions against a dateline."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from parkgraph.temporal import KINDS, TimeSpec, resolve_time, xsd_datatype

DATELINE = datetime(2022, 9, 3, 17, 59, tzinfo=timezone(timedelta(hours=8)))
D = date

# surface, kind, value, begin, end (against DATELINE)
FORMS = [
    ("今年", "year", "2022", D(2022, 1, 1), D(2022, 12, 31)),
    ("去年", "year", "2021", D(2021, 1, 1), D(2021, 12, 31)),
    ("前年", "year", "2020", D(2020, 1, 1), D(2020, 12, 31)),
    ("明年", "year", "2023", D(2023, 1, 1), D(2023, 12, 31)),
    ("2017年", "year", "2017", D(2017, 1, 1), D(2017, 12, 31)),
    ("二〇一七年", "year", "2017", D(2017, 1, 1), D(2017, 12, 31)),
    ("去年10月", "year-month", "2021-10", D(2021, 10, 1), D(2021, 10, 31)),
    ("今年3月", "year-month", "2022-03", D(2022, 3, 1), D(2022, 3, 31)),
    ("2021年10月", "year-month", "2021-10", D(2021, 10, 1), D(2021, 10, 31)),
    ("2020年2月", "year-month", "2020-02", D(2020, 2, 1), D(2020, 2, 29)),  # leap year
    ("十二月", "year-month", "2022-12", D(2022, 12, 1), D(2022, 12, 31)),
    ("9月2日", "date", "2022-09-02", D(2022, 9, 2), D(2022, 9, 2)),
    ("9月2号", "date", "2022-09-02", D(2022, 9, 2), D(2022, 9, 2)),
    ("９月２日", "date", "2022-09-02", D(2022, 9, 2), D(2022, 9, 2)),  # full-width digits
    ("2022年9月2日", "date", "2022-09-02", D(2022, 9, 2), D(2022, 9, 2)),
    ("2022年09月02日", "date", "2022-09-02", D(2022, 9, 2), D(2022, 9, 2)),
    ("二〇二二年十月一日", "date", "2022-10-01", D(2022, 10, 1), D(2022, 10, 1)),
    ("去年10月1日", "date", "2021-10-01", D(2021, 10, 1), D(2021, 10, 1)),
    ("今年上半年", "interval", None, D(2022, 1, 1), D(2022, 6, 30)),
    ("上半年", "interval", None, D(2022, 1, 1), D(2022, 6, 30)),
    ("今年下半年", "interval", None, D(2022, 7, 1), D(2022, 12, 31)),
    ("下半年", "interval", None, D(2022, 7, 1), D(2022, 12, 31)),
    ("去年上半年", "interval", None, D(2021, 1, 1), D(2021, 6, 30)),
    ("2021年下半年", "interval", None, D(2021, 7, 1), D(2021, 12, 31)),
    ("今年一季度", "interval", None, D(2022, 1, 1), D(2022, 3, 31)),
    ("今年第一季度", "interval", None, D(2022, 1, 1), D(2022, 3, 31)),
    ("第一季度", "interval", None, D(2022, 1, 1), D(2022, 3, 31)),
    ("一季度", "interval", None, D(2022, 1, 1), D(2022, 3, 31)),
    ("二季度", "interval", None, D(2022, 4, 1), D(2022, 6, 30)),
    ("第三季度", "interval", None, D(2022, 7, 1), D(2022, 9, 30)),
    ("2021年第四季度", "interval", None, D(2021, 10, 1), D(2021, 12, 31)),
    ("去年4季度", "interval", None, D(2021, 10, 1), D(2021, 12, 31)),
    ("自2017年以来", "interval", None, D(2017, 1, 1), D(2022, 9, 3)),
    ("2017年以来", "interval", None, D(2017, 1, 1), D(2022, 9, 3)),
    ("自从2017年以来", "interval", None, D(2017, 1, 1), D(2022, 9, 3)),
    ("去年以来", "interval", None, D(2021, 1, 1), D(2022, 9, 3)),
    ("今年以来", "interval", None, D(2022, 1, 1), D(2022, 9, 3)),
    ("去年10月以来", "interval", None, D(2021, 10, 1), D(2022, 9, 3)),
    ("9月2日以来", "interval", None, D(2022, 9, 2), D(2022, 9, 3)),
    ("目前", "date", "2022-09-03", D(2022, 9, 3), D(2022, 9, 3)),
    ("当前", "date", "2022-09-03", D(2022, 9, 3), D(2022, 9, 3)),
    ("现在", "date", "2022-09-03", D(2022, 9, 3), D(2022, 9, 3)),
]


@pytest.mark.parametrize(("surface", "kind", "value", "begin", "end"), FORMS)
def test_resolve(surface: str, kind: str, value: str | None, begin: date, end: date) -> None:
    spec = resolve_time(surface, reference=DATELINE)
    assert spec == TimeSpec(surface, kind, value, begin, end)
    assert spec.kind in KINDS
    assert spec.is_instant is (kind != "interval")
    assert spec.begin <= spec.end


@pytest.mark.parametrize(
    ("surface", "reference", "value", "begin", "end"),
    [
        ("今年", datetime(2019, 1, 1), "2019", D(2019, 1, 1), D(2019, 12, 31)),
        ("去年", datetime(2019, 1, 1), "2018", D(2018, 1, 1), D(2018, 12, 31)),
        ("9月2日", datetime(2015, 12, 1, 8, 0), "2015-09-02", D(2015, 9, 2), D(2015, 9, 2)),
        ("2月", D(2024, 5, 1), "2024-02", D(2024, 2, 1), D(2024, 2, 29)),  # a plain date works too
        ("目前", datetime(2020, 2, 29, 23, 59), "2020-02-29", D(2020, 2, 29), D(2020, 2, 29)),
        ("上半年", datetime(2010, 3, 1), None, D(2010, 1, 1), D(2010, 6, 30)),
        ("去年以来", datetime(2010, 3, 1), None, D(2009, 1, 1), D(2010, 3, 1)),
    ],
)
def test_other_references(
    surface: str, reference: datetime | date, value: str | None, begin: date, end: date
) -> None:
    spec = resolve_time(surface, reference=reference)
    assert (spec.value, spec.begin, spec.end) == (value, begin, end)


def test_reference_date_is_taken_in_its_own_time_zone() -> None:
    # 2022-09-03 00:30 in Beijing is still 2022-09-02 in UTC; the dateline's own date counts.
    reference = datetime(2022, 9, 3, 0, 30, tzinfo=timezone(timedelta(hours=8)))
    assert resolve_time("目前", reference=reference).value == "2022-09-03"


@pytest.mark.parametrize(
    ("surface", "datatype"),
    [
        ("9月2日", "date"),
        ("目前", "date"),
        ("去年10月", "gYearMonth"),
        ("2017年", "gYear"),
        ("今年", "gYear"),
    ],
)
def test_xsd_datatype(surface: str, datatype: str) -> None:
    assert xsd_datatype(resolve_time(surface, reference=DATELINE)) == datatype


@pytest.mark.parametrize("surface", ["今年上半年", "自2017年以来", "一季度"])
def test_xsd_datatype_of_interval_fails(surface: str) -> None:
    with pytest.raises(ValueError, match=surface):
        xsd_datatype(resolve_time(surface, reference=DATELINE))


@pytest.mark.parametrize(
    ("surface", "reason"),
    [
        ("近年来", "too vague"),
        ("日前", "too vague"),
        ("近期", "too vague"),
        ("仅今年就", "not a recognised"),
        ("今年已", "not a recognised"),
        ("", "empty"),
        ("以来", "not a recognised"),
        ("自以来", "before 以来"),
        ("明年以来", "after the reference date"),
        ("2022年13月", "no such date"),
        ("2月30日", "no such date"),
        ("2021年2月29日", "no such date"),
        ("十十月", "no such date"),
        ("0000年", "no such date"),
        ("0000年上半年", "no such date"),
        ("第五季度", "not a recognised"),
        ("10月2", "not a recognised"),
        ("5日", "after the reference day"),  # a plan, or last month's: ambiguous
        ("22年", "not a recognised"),
        ("今年今年", "not a recognised"),
        ("第三十四次", "not a recognised"),
    ],
)
def test_errors(surface: str, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        resolve_time(surface, reference=DATELINE)
    message = str(info.value)
    assert repr(surface) in message
    assert reason in message
    assert "accepted forms" in message


def test_type_errors() -> None:
    with pytest.raises(TypeError):
        resolve_time(2022, reference=DATELINE)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        resolve_time("今年", reference="2022-09-03")  # type: ignore[arg-type]


def test_frozen() -> None:
    spec = resolve_time("今年", reference=DATELINE)
    with pytest.raises(AttributeError):
        spec.value = "2023"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("surface", "reference", "kind", "value", "begin", "end"),
    [
        ("去年底", D(2022, 3, 29), "year-month", "2021-12", D(2021, 12, 1), D(2021, 12, 31)),
        ("年底", D(2022, 3, 29), "year-month", "2022-12", D(2022, 12, 1), D(2022, 12, 31)),
        ("2023年末", D(2022, 3, 29), "year-month", "2023-12", D(2023, 12, 1), D(2023, 12, 31)),
        ("年初", D(2022, 3, 29), "year-month", "2022-01", D(2022, 1, 1), D(2022, 1, 31)),
        ("年内", D(2022, 3, 29), "year", "2022", D(2022, 1, 1), D(2022, 12, 31)),
        ("年初以来", D(2022, 3, 29), "interval", None, D(2022, 1, 1), D(2022, 3, 29)),
        ("上月", D(2022, 1, 10), "year-month", "2021-12", D(2021, 12, 1), D(2021, 12, 31)),
        ("本月底", D(2022, 2, 10), "year-month", "2022-02", D(2022, 2, 1), D(2022, 2, 28)),
        ("下个月", D(2022, 12, 10), "year-month", "2023-01", D(2023, 1, 1), D(2023, 1, 31)),
        ("上周", D(2022, 3, 29), "interval", None, D(2022, 3, 21), D(2022, 3, 27)),  # a Tuesday
        ("本周", D(2022, 3, 29), "interval", None, D(2022, 3, 28), D(2022, 4, 3)),
        ("上周五", D(2022, 3, 29), "date", "2022-03-25", D(2022, 3, 25), D(2022, 3, 25)),
        ("昨晚", D(2022, 3, 1), "date", "2022-02-28", D(2022, 2, 28), D(2022, 2, 28)),
        ("19日", D(2020, 9, 21), "date", "2020-09-19", D(2020, 9, 19), D(2020, 9, 19)),
        ("21号", D(2020, 9, 21), "date", "2020-09-21", D(2020, 9, 21), D(2020, 9, 21)),
        ("12月28日", D(2024, 1, 3), "date", "2023-12-28", D(2023, 12, 28), D(2023, 12, 28)),
        ("10月", D(2024, 1, 3), "year-month", "2023-10", D(2023, 10, 1), D(2023, 10, 31)),
        ("9月", D(2024, 1, 3), "year-month", "2024-09", D(2024, 9, 1), D(2024, 9, 30)),  # a plan
        ("1月5日", D(2023, 12, 28), "date", "2023-01-05", D(2023, 1, 5), D(2023, 1, 5)),
        ("12月至1月", D(2024, 1, 20), "interval", None, D(2023, 12, 1), D(2024, 1, 31)),
    ],
)
def test_relative_expressions_of_real_pages(
    surface: str, reference: date, kind: str, value: str | None, begin: date, end: date
) -> None:
    """去年底, 上周, 本月, a bare day and a month across the year boundary, against the dateline."""
    assert resolve_time(surface, reference=reference) == TimeSpec(surface, kind, value, begin, end)


@pytest.mark.parametrize("surface", ["近日", "日前", "近期", "前不久"])
def test_jin_ri_and_ri_qian_are_too_vague_for_a_date(surface: str) -> None:
    with pytest.raises(ValueError, match="too vague"):
        resolve_time(surface, reference=DATELINE)
