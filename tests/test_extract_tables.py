"""The extractor's table and document-title rules, one a test, named after the phrase they handle.

Every notice here is fictional, written for these tests (invented places, bodies and companies).
"""

from __future__ import annotations

from pathlib import Path

from parkgraph.extract.pipeline import extract
from parkgraph.extract.tables import find_tables
from parkgraph.reader import parse_capture

NOTICE = """澜江省工业和信息化厅关于公布2024年度省级智能制造示范园区名单的通知
发布时间：2024-06-12 09:00　　来源：澜江省工业和信息化厅
各设区市工业和信息化局：经评审，现将2024年度省级智能制造示范园区名单予以公布。
附件
一、省级智能制造示范园区（2家）
序号 | 园区名称 | 所在地 | 运营主体
1 | 鹭平智能装备产业园 | 鹭平市东湖区 | 鹭平智造发展有限公司
2 | 桐川精密制造产业园 | 桐川市桐川经济开发区 | 桐川经济开发区管理委员会
"""


def extracted():  # type: ignore[no-untyped-def]
    notes = extract(parse_capture(NOTICE, path=Path("t.txt"))).annotations
    label = {slug: entity.label for slug, entity in notes.entities.items()}
    label |= {ref: concept.label for ref, concept in notes.concepts.items()}
    relations = {
        (label[r.subject], r.predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1], label.get(str(r.obj)))
        for r in notes.relations
    }
    return notes, label, relations


def test_table_header_yuanqu_mingcheng_suozaidi_yunying_zhuti() -> None:
    (table,) = find_tables(NOTICE)
    assert table.heading is not None and table.heading.text == "省级智能制造示范园区"
    rows = [(r.name.text, [p.text for p in r.location], r.operator and r.operator.text) for r in table.rows]
    assert rows == [
        ("鹭平智能装备产业园", ["鹭平市", "东湖区"], "鹭平智造发展有限公司"),
        ("桐川精密制造产业园", ["桐川市", "桐川经济开发区"], "桐川经济开发区管理委员会"),
    ]


def test_a_table_row_is_in_its_location_and_run_by_its_operator() -> None:
    _, labels, relations = extracted()
    assert {"鹭平智能装备产业园", "东湖区", "鹭平智造发展有限公司", "桐川经济开发区"} <= set(labels.values())
    assert ("鹭平智能装备产业园", "containedInPlace", "东湖区") in relations
    assert ("东湖区", "containedInPlace", "鹭平市") in relations
    assert ("鹭平智造发展有限公司", "administers", "鹭平智能装备产业园") in relations
    assert ("桐川经济开发区管理委员会", "administers", "桐川精密制造产业园") in relations


def test_a_tables_heading_shengji_is_the_title_its_rows_are_given() -> None:
    notes, labels, relations = extracted()
    designated = {
        labels[p.values[0]]
        for fact in notes.facts.values()
        for p in fact.props
        if p.predicate.endswith("designatedEntity")
    }
    assert designated == {"鹭平智能装备产业园", "桐川精密制造产业园"}
    assert ("省级智能制造示范园区", "designation", "省级智能制造示范园区") in relations  # programme → title


def test_a_line_without_a_header_is_no_table() -> None:
    assert find_tables("甲 | 乙 | 丙\n1 | 2 | 3\n") == ()


def test_document_title_guanyu_de_tongzhi_is_a_policy_issued_by_its_first_body() -> None:
    _, labels, relations = extracted()
    title = "澜江省工业和信息化厅关于公布2024年度省级智能制造示范园区名单的通知"
    assert title in labels.values()
    assert (title, "legislationPassedBy", "澜江省工业和信息化厅") in relations


HEAD = (
    "鹭平高新区智能装备产业园新引进项目12个\n发布时间：2024-05-08 10:30　　来源：鹭平日报　　作者：林望舒\n"
)


def related(body: str) -> set[tuple[str, str, str | None]]:
    notes = extract(parse_capture(HEAD + body, path=Path("t.txt"))).annotations
    label = {slug: entity.label for slug, entity in notes.entities.items()}
    label |= {ref: concept.label for ref, concept in notes.concepts.items()}
    return {
        (label[r.subject], r.predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1], label.get(str(r.obj)))
        for r in notes.relations
    }


def test_yuanqu_zhongdian_fazhan_lists_the_main_parks_industries() -> None:
    body = "园区由鹭平智造投资有限公司负责运营。园区重点发展工业机器人、数控机床两大方向。\n"
    found = related(body)
    assert ("鹭平高新区智能装备产业园", "keyIndustry", "工业机器人") in found
    assert not any(s == "鹭平智造投资有限公司" and p == "industry" for s, p, _ in found)


def test_juji_one_industry_chanye() -> None:
    assert ("鹭平高新区智能装备产业园", "keyIndustry", "工业机器人") in related(
        "鹭平高新区智能装备产业园聚焦工业机器人产业，强链补链。\n"
    )


def test_a_body_named_after_another_is_part_of_it_xueyuan() -> None:
    body = "鹭平职业技术学院智能制造学院与鹭平职业技术学院共同举办了招聘会。\n"
    assert ("鹭平职业技术学院智能制造学院", "subOrganizationOf", "鹭平职业技术学院") in related(body)


def test_a_body_named_after_a_zone_is_part_of_its_committee_jingji_fazhan_ju() -> None:
    body = "鹭平高新区管委会召开会议。鹭平高新区经济发展局负责人介绍了情况。\n"
    assert ("鹭平高新区经济发展局", "subOrganizationOf", "鹭平高新区管委会") in related(body)


def test_a_project_sharing_its_brand_with_a_company_is_its_huilong_jingmi() -> None:
    body = "鹭平市人民政府高度重视。鹭平汇川精密结构件有限公司正在建设新厂房。"
    body += "在汇川精密电池结构件项目建设现场，塔吊林立。\n"
    assert ("汇川精密电池结构件项目", "developer", "鹭平汇川精密结构件有限公司") in related(body)


def test_every_company_of_a_list_that_jiju_is_in_the_main_park() -> None:
    body = "鹭平芯原科技有限公司、鹭平晶控电子有限公司等企业迅速集聚。\n"
    found = related(body)
    for company in ("鹭平芯原科技有限公司", "鹭平晶控电子有限公司"):
        assert (company, "location", "鹭平高新区智能装备产业园") in found


def test_shuangfang_gongjian_both_parties_develop_it() -> None:
    body = "鹭平芯原科技有限公司与鹭平理工大学签署合作协议，双方将共建鹭平智能装备研究院。\n"
    found = related(body)
    assert ("鹭平智能装备研究院", "developer", "鹭平芯原科技有限公司") in found
    assert ("鹭平智能装备研究院", "developer", "鹭平理工大学") in found


def test_the_datelines_reporter_is_a_member_of_its_publisher_zuozhe() -> None:
    assert ("林望舒", "memberOf", "鹭平日报") in related("鹭平芯原科技有限公司去年实现产值5.2亿元。\n")


def test_a_location_cell_zhou_shi_is_one_city_not_zhou_and_shi() -> None:
    text = "序号 | 名称 | 所在地\n1 | 禾州临江工业园 | 禾州市临江区\n"
    (table,) = find_tables(text)
    assert [p.text for p in table.rows[0].location] == ["禾州市", "临江区"]


def test_a_body_right_before_a_shuminghao_title_issued_it_guowuyuan() -> None:
    body = "园区贯彻落实国务院《关于促进智能装备产业发展的指导意见》，加快发展。\n"
    assert any(p == "legislationPassedBy" and o == "国务院" for _, p, o in related(body))


def test_the_place_after_zai_is_where_not_who_invests_zai_touzi_jianshe() -> None:
    body = "鹭平芯原科技有限公司将在鹭平经济开发区投资建设鹭芯智能终端二期项目。\n"
    found = related(body)
    assert ("鹭芯智能终端二期项目", "developer", "鹭平芯原科技有限公司") in found
    assert ("鹭芯智能终端二期项目", "developer", "鹭平经济开发区") not in found


def test_a_zone_that_builds_a_platform_develops_it_jianshe_de() -> None:
    body = "鹭平高新区投资3.8亿元建设的鹭平储能电池检测认证公共服务平台预计5月投入使用。\n"
    assert ("鹭平储能电池检测认证公共服务平台", "developer", "鹭平高新区") in related(body)


def test_regression_an_empty_cell_in_a_menu_bar_crashed_the_extractor() -> None:
    # A navigation bar written with bars and a trailing one (要闻 | 视频 | ) has an empty last cell:
    # it made a zero-length Span and the whole article failed with "bad span".
    text = "要闻 | 视频 | 特色产业 | \n名称 | 地区 | \n青禾数据产业园 | 禾川市 | \n"
    tables = find_tables(text)
    assert [row.name.text for table in tables for row in table.rows] == ["青禾数据产业园"]
