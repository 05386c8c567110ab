"""The extractor's name rules, one family a test, each named after the phrase it handles.

Every sentence is fictional, written for these tests (invented places, people and companies).
"""

from __future__ import annotations

import pytest

from parkgraph.extract.lac import Token, tagger
from parkgraph.extract.posts import find_posts
from parkgraph.extract.recognise import recognise
from parkgraph.extract.resolve import resolve


def names(text: str) -> dict[str, str]:
    mentions = recognise(text, tagger().tag(text))
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return {m.text: m.kind for m in mentions}


def entities(text: str):  # type: ignore[no-untyped-def]
    mentions = recognise(text, tagger().tag(text))
    return resolve(text, mentions)


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("鹭平市人民政府今年出台了支持政策。", "鹭平市人民政府", "government"),
        ("澜江省工业和信息化厅公布了名单。", "澜江省工业和信息化厅", "government"),
        ("澜江芯原微电子科技有限公司是园区引进的龙头企业。", "澜江芯原微电子科技有限公司", "company"),
        ("园区联合澜江理工大学共建实验室。", "澜江理工大学", "university"),
        ("鹭平微纳传感技术研究院已建成中试线。", "鹭平微纳传感技术研究院", "research_institute"),
        ("鹭平高新区智能装备产业园位于城市东部。", "鹭平高新区智能装备产业园", "park"),
        ("项目选址桐川经济开发区，规划用地约420亩。", "桐川经济开发区", "zone"),
    ],
    ids=[
        "renmin-zhengfu",
        "gongye-he-xinxihua-ting",
        "keji-youxian-gongsi",
        "daxue",
        "yanjiuyuan",
        "chanyeyuan",
        "jingji-kaifaqu",
    ],
)
def test_a_name_is_grown_from_its_head_word(sentence: str, name: str, kind: str) -> None:
    assert names(sentence).get(name) == kind


def test_bracketed_place_stays_inside_the_company_name() -> None:
    assert names("澜江晶拓科技（鹭平）有限公司相继落户。").get("澜江晶拓科技（鹭平）有限公司") == "company"


def test_glued_verb_is_cut_off_the_name_lianhe() -> None:
    found = names("鹭平区联合鹭平职业技术学院开设订单班。")
    assert "鹭平职业技术学院" in found
    assert not any(name.startswith("鹭平区联合") for name in found)


def test_descriptor_is_no_part_of_the_name_longtou_qiye() -> None:
    found = names("澴州市农业龙头企业绿畴集团投资设立了新公司。")
    assert found.get("绿畴集团") == "company"
    assert not any("龙头企业" in name for name in found)


def test_head_word_inside_a_verb_is_no_head_qianshu() -> None:
    assert not any(name.endswith("签署") for name in names("桐岭大学签署合作协议。"))


def test_head_without_a_proper_part_is_no_name_chanyeyuan() -> None:
    assert "大数据产业园" not in names("全市首家通过省级大数据产业园评估的园区。")


def test_numbered_group_is_no_name_san_da_pingtai() -> None:
    assert not any(name.startswith("三大") for name in names("构建“三大平台” 丰富产业内涵。"))


def test_policy_title_in_shuminghao_is_a_policy() -> None:
    assert (
        names("市政府出台《鹭平市促进智能制造发展若干措施》。").get("鹭平市促进智能制造发展若干措施")
        == "policy"
    )


def test_quoted_name_before_jihua_is_a_programme() -> None:
    assert names("园区依托“鹭平英才”计划引进人才。").get("鹭平英才") == "programme"


def test_quoted_name_before_fuhuaqi_is_an_incubator() -> None:
    assert names("“芯谷”孵化器在孵企业达72家。").get("芯谷") == "incubator"


def test_listed_names_closed_by_deng_qiye_are_companies() -> None:
    found = names("帮助鹭芯科技、云启数据等重点企业招引人才。")
    assert found.get("云启数据") == "company"


def test_listed_industries_are_not_companies_hangye() -> None:
    found = names("孵化软件服务外包、跨境电商等行业中小微企业40余家。")
    assert "跨境电商" not in found


def test_designation_with_a_level_is_a_programme_shengji() -> None:
    assert names("鹭平智能传感器产业园入选省级特色产业园区。").get("省级特色产业园区") == "programme"


def test_person_after_a_title_is_a_person() -> None:
    assert names("鹭平高新区党工委书记沈亦舟表示，将加快建设。").get("沈亦舟") == "person"


def test_place_a_body_is_named_after_is_a_place() -> None:
    assert names("澜江省工业和信息化厅公布了名单。").get("澜江省") == "place"


def test_tourist_resort_is_no_place_dujiaqu() -> None:
    assert "旅游度假区" not in names("创建国家级旅游度假区。")


def test_alias_yixia_jiancheng_is_the_same_entity() -> None:
    text = "澜江芯原微电子科技有限公司（以下简称“芯原微电子”）落户园区。芯原微电子二期项目开工。"
    company = next(e for e in entities(text) if e.kind == "company")
    assert "芯原微电子" in company.aliases
    assert {m.text for m in company.mentions} >= {"澜江芯原微电子科技有限公司", "芯原微电子"}


def test_sheng_gongxin_ting_is_the_provinces_department() -> None:
    text = "澜江省工业和信息化厅公布名单。此次认定由省工信厅组织开展。"
    department = next(e for e in entities(text) if e.kind == "government")
    assert department.label == "澜江省工业和信息化厅"
    assert "省工信厅" in department.aliases


def test_sheng_gongxin_ting_without_the_full_name_is_composed_with_the_province() -> None:
    text = "澜江省今年新认定园区8家。此次认定由省工信厅组织开展。"
    department = next(e for e in entities(text) if e.kind == "government")
    assert department.label == "澜江省工业和信息化厅"
    assert department.relative


def test_sheng_gongxin_ting_with_no_province_keeps_its_written_name_in_this_article_only() -> None:
    """A wrong merge is worse than a missing entity: 省工信厅 of an unknown province keeps the name the
    text gives it and is never merged with another article's (``relative``)."""
    (department,) = [
        e for e in entities("此次认定由省工信厅组织开展，共有37家园区申报。") if e.kind == "government"
    ]
    assert department.label == "省工信厅" and department.relative


def test_company_short_name_is_the_company() -> None:
    text = "鹭平敏拓光电技术有限公司落户园区。敏拓光电研发的模组已进入供应链。"
    company = next(e for e in entities(text) if e.kind == "company")
    assert "敏拓光电" in company.aliases


def test_short_zone_name_jingkaiqu_is_the_zone() -> None:
    zones = [
        e for e in entities("桐川经济开发区成立于2012年。桐川经开区党工委书记出席。") if e.kind == "zone"
    ]
    assert len(zones) == 1 and "桐川经开区" in zones[0].aliases


def test_two_posts_joined_by_dunhao_fu_shuji_guanweihui_zhuren() -> None:
    text = "鹭平高新区成立于2010年。鹭平高新区党工委副书记、管委会主任邵承泽主持会议。"
    found = entities(text)
    posts = {(p.person.label, p.title, p.organisation.label) for p in find_posts(text, found)}
    assert ("邵承泽", "副书记", "鹭平高新区党工委") in posts
    assert ("邵承泽", "主任", "鹭平高新区管委会") in posts


def test_shizhang_is_a_post_in_the_citys_government() -> None:
    text = "萧川市人民政府与企业签约。萧川市委副书记、市长卓远明出席。"
    posts = {(p.title, p.organisation.label) for p in find_posts(text, entities(text))}
    assert ("市长", "萧川市人民政府") in posts
    assert ("副书记", "中共萧川市委") in posts  # written 萧川市委: the CPC committee in full


def test_title_after_company_with_space_zongjingli() -> None:
    text = "【同期声】澜江锐能新能源科技有限公司总经理 邓启远"
    posts = {(p.person.label, p.title) for p in find_posts(text, entities(text))}
    assert ("邓启远", "总经理") in posts


def test_place_before_the_zone_named_after_it_is_two_names() -> None:
    found = names("该园区位于白泷市白泷高新技术产业开发区，规划面积3平方公里。")
    assert found.get("白泷高新技术产业开发区") == "zone"
    assert found.get("白泷市") == "place"


def test_sub_area_after_its_zone_is_a_name_of_its_own_pianqu() -> None:
    found = names("仪式在桐川经济开发区鹿岗片区举行。")
    assert found.get("鹿岗片区") == "zone"
    assert found.get("桐川经济开发区") == "zone"


def test_bare_place_name_is_no_person() -> None:
    text = "萧川市人民政府与企业签约。项目团队已经进驻萧川，将加快建设。"
    assert not [e for e in entities(text) if e.kind == "person"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("这是鹭芯新能源二期项目。", "鹭芯新能源二期项目"),
        ("在汇川精密电池结构件项目建设现场，塔吊林立。", "汇川精密电池结构件项目"),
        ("我们将重点推进桐源环保年产5万吨电池回收利用项目。", "桐源环保年产5万吨电池回收利用项目"),
        ("二是推进年产10万吨预制菜及中央厨房项目建设。", "年产10万吨预制菜及中央厨房项目"),
    ],
    ids=[
        "zheshi-erqi-xiangmu",
        "zai-xiangmu-jianshe-xianchang",
        "tuijin-nianchan-xiangmu",
        "nianchan-ji-xiangmu",
    ],
)
def test_a_projects_name_holds_verbs_and_numbers_but_not_the_verb_governing_it(
    sentence: str, name: str
) -> None:
    assert names(sentence).get(name) == "project"


def names_of(entity) -> set[str]:  # type: ignore[no-untyped-def]
    return {entity.label, *entity.aliases, *(m.text for m in entity.mentions)}


def test_a_project_after_its_developer_is_named_by_it_youxian_gongsi_xiangmu() -> None:
    text = "鹭平竹原新材料科技有限公司竹缠绕复合管道项目签约。其中，竹原新材竹缠绕复合管道项目总投资8.2亿元。"
    (project,) = [e for e in entities(text) if e.kind == "project"]
    assert project.label == "鹭平竹原新材料科技有限公司竹缠绕复合管道项目"  # the full name, as written first
    assert {"竹原新材竹缠绕复合管道项目", "竹缠绕复合管道项目"} <= names_of(project)
    assert len(project.mentions) == 2
    (company,) = [e for e in entities(text) if e.kind == "company"]
    assert company.label == "鹭平竹原新材料科技有限公司"  # named inside the project's name


def test_a_project_named_by_a_short_developer_name_and_a_word_of_its_name() -> None:
    text = "绿川食品科技（鹭平）有限公司年产10万吨预制菜及中央厨房项目签约。"
    text += "其中，绿川食品预制菜项目总投资6.5亿元。"
    (project,) = [e for e in entities(text) if e.kind == "project"]
    assert project.label == "绿川食品科技（鹭平）有限公司年产10万吨预制菜及中央厨房项目"
    assert {"年产10万吨预制菜及中央厨房项目", "绿川食品预制菜项目"} <= names_of(project)


def test_a_branch_in_brackets_between_developer_and_project_jituan_kuohao_chanyeyuan_xiangmu() -> None:
    text = "鹭平云岫集团（青岚）智能装备产业园项目开工仪式举行。"
    found = names(text)
    assert found.get("鹭平云岫集团（青岚）智能装备产业园项目") == "project"
    assert found.get("鹭平云岫集团") == "company"
    assert "青岚）智能装备产业园项目" not in found


def test_a_phase_and_a_reform_cut_in_one_character_words_erqi_hungai_xiangmu() -> None:
    text = "青岚市澄湖新型建材科技有限公司二期混改项目奠基仪式举行。"
    assert names(text).get("青岚市澄湖新型建材科技有限公司二期混改项目") == "project"


def test_the_project_an_agreement_in_shuminghao_is_about_xiangmu_touzi_xieyishu() -> None:
    assert names("双方签署《高端铝材产业基地项目投资协议书》。").get("高端铝材产业基地项目") == "project"


def test_jihua_before_a_verb_is_no_programme_jingkaiqu_jihua_xin_kaigong() -> None:
    assert "经开区计划" not in names("今年，经开区计划新开工重大产业项目25个。")


def test_quoted_name_ending_in_ban_is_a_programme_dingdanban() -> None:
    assert names("鹭平区联合鹭平职业技术学院，开设“储能订单班”。").get("储能订单班") == "programme"


def test_a_facility_titled_by_what_it_does_after_a_creating_verb_jianshe_de() -> None:
    found = names("经开区投资3.8亿元建设的储能电池检测认证公共服务平台预计5月投入使用。")
    assert found.get("储能电池检测认证公共服务平台") == "platform"
    assert "检测认证公共服务平台" not in names("加快检测认证公共服务平台等基础设施建设。")


def test_lianhe_inside_the_head_is_no_glued_verb_lianhe_yanfa_zhongxin() -> None:
    assert (
        names("双方将共建铝基复合材料联合研发中心。").get("铝基复合材料联合研发中心") == "research_institute"
    )


def test_a_person_doing_the_verb_is_no_part_of_a_project_xiangxi_liaojie_xiangmu() -> None:
    found = names("县委书记方慕远详细了解项目建设进展。")
    assert not any(kind == "project" for kind in found.values())


def test_a_descriptor_the_model_cut_in_two_is_no_part_of_the_name_jianshe_yunyingfang() -> None:
    found = names("项目建设运营方鹭平高新绿能发展有限公司总经理蔺书远介绍。")
    assert found.get("鹭平高新绿能发展有限公司") == "company"


def test_a_phase_names_a_project_biaozhun_changfang_sanqi() -> None:
    assert names("鹭平经开区标准厂房三期等8个项目同时开工。").get("鹭平经开区标准厂房三期") == "project"
    assert not any(kind == "project" for kind in names("从签约到一期投产，仅用了11个月。").values())


def test_a_short_title_stands_for_the_full_one_dingdanban() -> None:
    text = "园区开设“储能订单班”。今年，订单班规模扩大到了12个班。"
    (programme,) = [e for e in entities(text) if e.kind == "programme"]
    assert "订单班" in programme.aliases and len(programme.mentions) == 2


def test_a_credit_line_bianji_is_a_post_in_the_publisher() -> None:
    from pathlib import Path

    from parkgraph.extract.pipeline import extract
    from parkgraph.reader import parse_capture

    capture = "鹭平高新区智能装备产业园新引进项目12个\n原创 林望舒 鹭平高新发布 2024-05-08 10:30 发表于澜江\n"
    capture += "鹭平芯原科技有限公司去年实现产值5.2亿元。\n编辑：林望舒\n审核：孟知远\n"
    notes = extract(parse_capture(capture, path=Path("t.txt"))).annotations
    held = {
        (notes.entities[r.subject].label, notes.entities[str(r.obj)].label)
        for r in notes.relations
        if r.predicate.endswith("holds")
    }
    assert {("林望舒", "鹭平高新发布编辑"), ("孟知远", "鹭平高新发布审核")} <= held


def test_fabiao_yu_place_is_no_person_yu_lanjiang() -> None:
    assert "于澜江" not in names("原创 林望舒 鹭平高新发布 2024-05-08 10:30 发表于澜江")


# --- posts with titles and short body names, places by their stems (issue 20) ---------------------


def posts_of(text: str) -> set[tuple[str, str, str]]:
    found = entities(text)
    return {(p.person.label, p.title, p.organisation.label) for p in find_posts(text, found)}


def test_shiwei_shuji_after_a_place_is_a_post_in_the_citys_cpc_committee() -> None:
    """萧川 | 市委书记 (the model's one word) still names 萧川市委, written in full as 中共萧川市委."""
    text = "萧川市委书记卓远明出席仪式。"
    (committee,) = [e for e in entities(text) if e.kind == "party_committee"]
    assert committee.label == "中共萧川市委" and "萧川市委" in committee.aliases
    assert ("卓远明", "书记", "中共萧川市委") in posts_of(text)


def test_shiwei_of_a_zhou_place_keeps_the_shi_never_zhongong_x_zhou_wei() -> None:
    """Regression: 市委 of the article's one city 某州 was composed as 中共某州委 (no such body)."""
    text = "青岚州今年新开工项目12个。市委书记卓远明、市人大常委会主任郑怀远、市政协主席欧阳澈出席。"
    labels = {e.label for e in entities(text)}
    assert {"中共青岚州市委", "青岚州市人大常委会", "青岚州市政协"} <= labels
    assert not any(label.endswith("州委") or label == "青岚州人大常委会" for label in labels)
    assert ("郑怀远", "主任", "青岚州市人大常委会") in posts_of(text)
    assert ("欧阳澈", "主席", "青岚州市政协") in posts_of(text)


def test_shiwei_with_no_city_named_keeps_its_written_name() -> None:
    (committee,) = [e for e in entities("区委副书记卓远明调研企业。") if e.kind == "party_committee"]
    assert committee.label == "区委" and committee.relative


def test_bare_quwei_inside_another_word_is_no_committee() -> None:
    """社区委员会 holds the characters 区委, not the district committee."""
    assert not [e for e in entities("鹭平市湖畔社区委员会组织居民参观。") if e.label == "区委"]


def test_zhengfawei_shuji_after_shiwei_fushuji_is_the_city_committees_department() -> None:
    text = "鹭平市委副书记、政法委书记卓远明出席。"
    assert ("卓远明", "副书记", "中共鹭平市委") in posts_of(text)
    assert ("卓远明", "书记", "鹭平市委政法委") in posts_of(text)


def test_gongwei_of_a_zone_is_its_party_working_committee() -> None:
    text = "鹭平经济开发区工委书记卓远明主持会议。"
    assert ("卓远明", "书记", "鹭平经济开发区工委") in posts_of(text)


def test_minjian_shengweihui_fuzhuwei_is_a_post_in_the_partys_committee() -> None:
    text = "民建澜江省委会副主委、鹭平市委会主委卓远明出席。"
    kinds = {e.label: e.kind for e in entities(text)}
    assert kinds["民建澜江省委会"] == kinds["鹭平市委会"] == "party_committee"
    assert {("卓远明", "副主委", "民建澜江省委会"), ("卓远明", "主委", "鹭平市委会")} <= posts_of(text)


def test_xiehui_lishi_is_a_post_in_the_association_whose_name_holds_qiye() -> None:
    """Regression: 企业 inside 青年企业家协会 was cut off as a descriptor, leaving 家协会."""
    text = "鹭平青年企业家协会理事卓远明发言。"
    assert ("卓远明", "理事", "鹭平青年企业家协会") in posts_of(text)


def test_fushizhang_of_another_city_is_no_post_in_this_citys_government() -> None:
    """Regression: 某市副市长 was put in the article's one city government, another city's."""
    text = "鹭平市人民政府与企业签约。澜江市副市长卓远明出席。"
    assert not [p for p in posts_of(text) if p[1] == "副市长"]


def test_dongshizhang_after_the_companys_party_committee_is_the_companys() -> None:
    text = "鹭平芯测科技有限公司党委书记、董事长卓远明一行到园区调研。"
    posts = posts_of(text)
    assert ("卓远明", "书记", "鹭平芯测科技有限公司党委") in posts
    assert ("卓远明", "董事长", "鹭平芯测科技有限公司") in posts
    assert "鹭平芯测科技有限公司" in {e.label for e in entities(text) if e.kind == "company"}


def test_zhang_fushizhang_is_a_title_no_person() -> None:
    assert not [e for e in entities("张副市长一行考察了鹭平高新区。") if e.kind == "person"]


def test_two_person_words_the_model_cut_are_one_name() -> None:
    """The model's vocabulary may cut a transcribed name in two (岚氏 | 雪秋): one person, never two."""
    from parkgraph.extract.lac import Token

    text = "岚氏雪秋出席仪式。"
    tokens = [Token(0, 2, "岚氏", "PER"), Token(2, 4, "雪秋", "PER"), Token(4, 6, "出席", "v")]
    tokens += [Token(6, 8, "仪式", "n"), Token(8, 9, "。", "w")]
    people = [m.text for m in recognise(text, tokens) if m.kind == "person"]
    assert people == ["岚氏雪秋"]


def test_shi_dongbu_is_a_place_fragment_no_government_body() -> None:
    assert not [e for e in entities("鹭平市东部的新城区建设提速。") if e.kind == "government"]


def test_industry_word_is_no_company_alias() -> None:
    """新能源 in 鹭平绿能新能源有限公司 is not the company wherever the text says 新能源."""
    text = "鹭平绿能新能源有限公司落户园区，园区新能源产业集聚。"
    (company,) = [e for e in entities(text) if e.kind == "company"]
    assert "新能源" not in company.aliases and len(company.mentions) == 1


def test_counted_place_incubators_are_no_name() -> None:
    """6家澜江孵化器 counts a province's incubators; it names none of them."""
    assert not [e for e in entities("共有6家澜江孵化器成功备案。") if e.kind == "incubator"]


def test_keji_qiye_fuhuaqi_is_one_incubator_name() -> None:
    text = "鹭平高新区智能制造科技企业孵化器成功备案。"
    assert "鹭平高新区智能制造科技企业孵化器" in {e.label for e in entities(text) if e.kind == "incubator"}


def test_zone_named_with_and_without_its_county_is_one_zone() -> None:
    text = "棠阴县青岚产业新城集中开工。青岚产业新城新开工项目12个。"
    zones = [e for e in entities(text) if e.kind == "zone"]
    assert len(zones) == 1 and "青岚产业新城" in {zones[0].label, *zones[0].aliases}


def test_zone_named_by_glossary_words_alone_is_none() -> None:
    assert not [e for e in entities("黄河沿线推进生态经济区建设。") if e.label == "生态经济区"]


def test_sansheng_zhengfu_is_no_body() -> None:
    """浙江三省政府-like phrases (澜江、鹭平、青岚三省政府) name the governments of three provinces."""
    found = entities("澜江省、鹭平省、青岚三省政府同意更名。")
    assert not [e for e in found if e.kind == "government" or e.label == "三省"]


def test_province_stem_and_full_name_are_one_place() -> None:
    """宁夏 and 宁夏回族自治区 (a division known by its stem from the gazetteer) are one place."""
    places = [e for e in entities("宁夏回族自治区今年新增园区3家。宁夏园区发展迅速。") if e.kind == "place"]
    assert len(places) == 1


def test_stem_of_a_county_alone_is_no_place() -> None:
    """A county's stem is too often a word (更加惠民): only written with 县 / 区 is it a place."""
    from parkgraph.extract.gazetteer import GAZETTEER

    assert GAZETTEER.level("甘州") == "district"
    assert not [e for e in entities("坚持发展成果更加惠民，甘州经济发展。") if e.label == "甘州"]


def test_jizhe_in_brackets_is_a_reporter_of_the_outlet_the_story_is_from() -> None:
    from parkgraph.extract.posts import credit_posts

    text = "鹭平新闻网\n来源：鹭平日报\n园区新开工项目12个。（记者 卓远明）"
    found = entities(text)
    posts = {
        (p.person.label, p.title, p.organisation.label)
        for p in credit_posts(text, found, ("鹭平新闻网", "鹭平日报"))
    }
    assert ("卓远明", "记者", "鹭平日报") in posts


def test_forum_user_name_is_no_reporter() -> None:
    """A byline's author field holding a user name (luping2021) names no person."""
    from types import SimpleNamespace

    from parkgraph.extract.pipeline import _with_metadata

    text = "作者：luping2021 时间：2023-1-31\n园区新开工项目12个。"
    article = SimpleNamespace(publisher=None, source=None, reporter="luping2021", text=text)
    assert not [m for m in _with_metadata(article, []) if m.kind == "person"]  # type: ignore[arg-type]


def test_reporter_credit_wen_tu_is_no_part_of_the_name() -> None:
    names_found = names("本报讯（记者卓远明文/图）园区新开工项目12个。")
    assert names_found.get("卓远明") == "person" and "卓远明文" not in names_found


def test_huitong_glued_before_a_relative_name_is_cut_off() -> None:
    """Regression: 会同 glued onto 省发展改革委 made a body 会同省发展改革委 and a province 会同省."""
    text = "沧澜省今年认定园区8家。省工信厅会同省发展改革委组织评审。"
    labels = {e.label for e in entities(text)}
    assert "沧澜省发展和改革委员会" in labels
    assert not any(label.startswith("会同") for label in labels)


def test_guoziwei_erji_diaoyanyuan_is_a_rank_post_in_the_body() -> None:
    assert ("卓远明", "二级调研员", "鹭平市国资委") in posts_of("鹭平市国资委二级调研员卓远明介绍了情况。")


def test_fuxianzhang_is_a_post_in_the_countys_peoples_government() -> None:
    assert ("郑怀远", "副县长", "棠阴县人民政府") in posts_of("棠阴县人民政府与企业签约。副县长郑怀远出席。")


def test_zongjingli_after_de_is_the_companys() -> None:
    assert ("卓远明", "总经理", "鹭平芯测科技有限公司") in posts_of(
        "鹭平芯测科技有限公司的总经理卓远明表示。"
    )


def test_dongshizhang_written_after_the_name_is_a_post() -> None:
    assert ("卓远明", "董事长", "鹭平芯测科技有限公司") in posts_of(
        "卓远明，鹭平芯测科技有限公司董事长，出席仪式。"
    )


def test_juzhang_in_brackets_after_the_name_is_a_post() -> None:
    text = "卓远明（鹭平市工业和信息化局局长）出席。"
    assert ("卓远明", "局长", "鹭平市工业和信息化局") in posts_of(text)


def test_guanweihui_zhuren_keeps_the_post_as_written() -> None:
    """管委会主任 resolved to the zone's 管理委员会 keeps its written form (an altLabel of the post)."""
    text = "鹭平经济技术开发区管理委员会与企业签约。鹭平经开区党工委副书记、管委会主任卓远明出席。"
    (post,) = [p for p in find_posts(text, entities(text)) if p.title == "主任"]
    assert post.organisation.label == "鹭平经济技术开发区管理委员会" and post.written == "管委会主任"


def test_projects_listed_before_deng_zhongda_jichu_sheshi_are_projects() -> None:
    text = "全力推动青岚高铁、鹭平大道、澜江供水等重大交通水利基础设施建设。"
    projects = {e.label for e in entities(text) if e.kind == "project"}
    assert {"鹭平大道", "澜江供水"} <= projects
    assert not any(label.startswith(("全力", "推动")) for label in projects)


def test_list_of_glossary_words_is_no_list_of_names() -> None:
    assert not [
        e for e in entities("园区引进软件、电商、鹭平芯测科技等企业。") if e.label in {"软件", "电商"}
    ]


def test_baiwandun_capacity_names_a_project() -> None:
    assert "百万吨乙烯项目" in {e.label for e in entities("百万吨乙烯项目全面投产。") if e.kind == "project"}


def test_gongye_shejiyuan_is_a_park() -> None:
    assert names("代表团考察了青岚工业设计园。").get("青岚工业设计园") == "park"


def test_shi_fagaiwei_zhujianju_guoziwei_are_the_citys_departments_written_out() -> None:
    text = "鹭平市今年新签约项目12个。市发改委、市住建局、市国资委负责人出席。"
    labels = {e.label: e for e in entities(text) if e.kind == "government"}
    assert {"鹭平市发展和改革委员会", "鹭平市住房和城乡建设局", "鹭平市国有资产监督管理委员会"} <= set(labels)
    assert "市住建局" in labels["鹭平市住房和城乡建设局"].aliases


def test_gaisi_zongjingli_is_the_last_named_companys() -> None:
    text = "鹭平芯测科技有限公司成立于2015年。公司董事长卓远明介绍，该公司总经理郑怀远也出席。"
    posts = posts_of(text)
    assert ("卓远明", "董事长", "鹭平芯测科技有限公司") in posts
    assert ("郑怀远", "总经理", "鹭平芯测科技有限公司") in posts


def test_bare_gongsi_with_two_companies_named_is_no_ones() -> None:
    text = "鹭平芯测科技有限公司与青岚智造集团有限公司签约。公司董事长卓远明介绍。"
    assert not [p for p in posts_of(text) if p[1] == "董事长"]


def test_dangwei_weiyuan_is_a_member_of_the_zones_party_committee() -> None:
    text = "鹭平开发区党委委员、管委会副主任卓远明出席。"
    assert ("卓远明", "委员", "鹭平开发区党委") in posts_of(text)


def test_people_each_after_their_posts_are_no_appositions() -> None:
    """Regression: in 副总经理甲，某公司党委委员、纪委书记乙, 乙's posts were read as 甲's."""
    text = "鹭平芯测科技有限公司副总经理卓远明，青岚智造有限公司董事长郑怀远出席。"
    posts = posts_of(text)
    assert ("郑怀远", "董事长", "青岚智造有限公司") in posts
    assert not [p for p in posts if p[0] == "卓远明" and p[1] == "董事长"]


def test_zizhiqu_ji_gaoxinqu_is_a_grade_no_zone() -> None:
    """某自治区级高新技术产业开发区 names the grade a zone is given, not one zone."""
    assert not [e for e in entities("青岚地区自治区级高新技术产业开发区实现零突破。") if e.kind == "zone"]


# --- phase 2 of issue 20: classes of names, merges and posts seen on unseen real pages -----------


def test_shi_shiwei_with_the_level_written_twice_is_the_citys_committee() -> None:
    """某某市市委 is 中共某某市委 (the level word written twice), and its place 某某市, never 某某市市."""
    text = "鹭平市市委常委、澄湖县委书记卓远明带队考察。"
    found = {e.label: e for e in entities(text)}
    assert "中共鹭平市委" in found and "鹭平市市委" in found["中共鹭平市委"].aliases
    assert "鹭平市" in found and "鹭平市市" not in found


def test_shengwei_shengzhengfu_written_together_are_two_bodies() -> None:
    text = "青岚省委书记卓远明出席。省委省政府领导和青岚省人民政府有关部门参加。"
    found = {e.label: e for e in entities(text)}
    assert not any("省委省" in label for label in found)
    assert "省委" in found["中共青岚省委"].aliases
    assert "省政府" in found["青岚省人民政府"].aliases


def test_shiwei_with_two_cities_named_is_kept_as_written() -> None:
    """市委 of an article naming two cities is neither's for sure: kept as written, never merged."""
    text = "鹭平市市委常委卓远明带领考察团来青岚市考察澄湖工业区。市委书记郑怀远陪同。"
    found = {e.label: e for e in entities(text) if e.kind == "party_committee"}
    assert "市委" in found and found["市委"].relative
    assert "市委" not in found["中共鹭平市委"].aliases


def test_shiwei_is_the_city_its_zone_is_named_after() -> None:
    """Of several cities named, 市委 is the one the article's zone is named after (its partners aside)."""
    text = "鹭平经开区与青岚市、澄湖市的企业合作。鹭平市积极贯彻市委部署。"
    (committee,) = [e for e in entities(text) if e.kind == "party_committee"]
    assert committee.label == "中共鹭平市委"


def test_guoyou_after_a_province_is_part_of_the_companys_name() -> None:
    assert (
        names("青岚省国有资本运营有限公司董事长卓远明出席。").get("青岚省国有资本运营有限公司") == "company"
    )


def test_descriptor_before_a_name_still_is_no_part_of_it_guoyou() -> None:
    found = names("优质国有企业青岚智造集团落户园区。")
    assert found.get("青岚智造集团") == "company"


def test_an_underscore_artefact_is_no_part_of_a_name_fororder() -> None:
    text = "签约仪式_fororder_鹭平经开区党工委副书记卓远明主持"
    assert not any("_" in name for name in names(text))


def tagged(text: str, words: str) -> list[Token]:
    """Tokens as the model reads ``text`` when it reads it as ``words`` (word/TAG, space separated): the
    model's reading of some real sentences cannot be had from invented names."""
    tokens, at = [], 0
    for word in words.split():
        piece, tag = word.rsplit("/", 1)
        assert text.startswith(piece, at), (piece, at)
        tokens.append(Token(at, at + len(piece), piece, tag))
        at += len(piece)
    assert at == len(text)
    return tokens


def test_kaiqu_written_short_is_a_zone_and_its_guanweihui_the_zones() -> None:
    """汽开区 (某某汽车经济技术开发区 written short) is a zone, not a district named 汽开区."""
    text = "这是汽开区的举措。汽开区党工委、管委会班子成员出席。管委会主任卓远明主持。"
    found = entities(text)
    assert [e.label for e in found if e.kind == "zone"] == ["汽开区"]
    assert not [e for e in found if e.kind == "place"]
    (committee,) = [e for e in found if e.kind == "government"]
    assert committee.label == "汽开区管委会" and "管委会" in committee.aliases


def test_a_zone_named_with_its_city_and_without_is_one_with_a_short_core_kaiqu() -> None:
    """鹭平市汽开区 and 汽开区 are one zone (its city dropped, as the genre does), and 管委会 is its."""
    text = "鹭平市汽开区举行仪式。汽开区党工委、管委会班子成员出席。"
    tokens = tagged(
        text, "鹭平市汽开区/LOC 举行/v 仪式/n 。/w 汽开区党工委/ORG 、/w 管委会/n 班子/n 成员/n 出席/v 。/w"
    )
    found = resolve(text, recognise(text, tokens))
    (zone,) = [e for e in found if e.kind == "zone"]
    assert zone.label == "鹭平市汽开区" and "汽开区" in zone.aliases
    (committee,) = [e for e in found if e.kind == "government"]
    assert {"管委会", "汽开区管委会"} <= committee.aliases


def test_dangwei_fushuji_after_a_bodys_title_is_in_that_body() -> None:
    text = "鹭平市国资委主任、党委副书记卓远明出席。"
    posts = posts_of(text)
    assert ("卓远明", "党委副书记", "鹭平市国资委") in posts and ("卓远明", "主任", "鹭平市国资委") in posts


def test_zongjingli_zhuli_is_a_post() -> None:
    assert ("卓远明", "总经理助理", "青岚智造有限公司") in posts_of("青岚智造有限公司总经理助理卓远明出席。")


def test_fushizhang_beside_shizhengfu_written_short_is_in_it() -> None:
    text = "澄湖工业区是市委、市政府规划建设的园区。市委书记郑怀远、副市长卓远明陪同。"
    assert ("卓远明", "副市长", "市政府") in posts_of(text)


def test_glued_verb_liandong_is_cut_off_the_name() -> None:
    found = names("基地联动鹭平大学、青岚理工大学等高校搭建平台。")
    assert found.get("鹭平大学") == "university"
    assert not any(name.startswith("联动") for name in found)


def test_a_name_inside_a_quoted_slogan_is_no_person() -> None:
    assert not [e for e in entities("构建“政产学研金介云”融合创新网络。") if e.kind == "person"]


def test_gaoxinqu_written_short_inside_a_name_is_one_thing() -> None:
    text = "鹭平高新技术产业开发区创业孵化基地获批。近年来，鹭平高新区创业孵化基地持续完善服务。"
    (incubator,) = [e for e in entities(text) if e.kind == "incubator"]
    assert incubator.label == "鹭平高新技术产业开发区创业孵化基地"


def test_a_citys_diqu_is_the_city_not_a_division() -> None:
    places = {e.label for e in entities("推动哈尔滨地区相关产业发展。") if e.kind == "place"}
    assert "哈尔滨地区" not in places


def test_a_dash_between_two_parties_is_inside_one_name() -> None:
    text = "投资百亿的中国—东盟(青岚)智能电动车产业基地落户鹭平。"
    assert names(text).get("中国—东盟(青岚)智能电动车产业基地") == "park"


def test_a_city_the_model_tags_as_another_word_names_its_park() -> None:
    """凭祥 (a county-level city) tagged a preposition before 产业园 is still the park's place."""
    assert names("项目正在凭祥产业园如火如荼建设中。").get("凭祥产业园") == "park"


def test_a_places_projects_counted_are_no_project_sheng_xiangmu() -> None:
    text = "其中青岚省项目310个，累计吸引投资190亿元。"
    found = names(text)
    assert "青岚省项目" not in found and found.get("青岚省") == "place"


def test_a_list_closed_by_yangqi_names_companies() -> None:
    text = "青岚石化、澄湖股份、鹭平电力集团等央企纷纷落子经开区。"
    companies = {e.label for e in entities(text) if e.kind == "company"}
    assert {"青岚石化", "澄湖股份", "鹭平电力集团"} <= companies


def test_a_list_closed_by_yidapi_names_companies() -> None:
    text = "澄湖讯飞、鹭平安信、青岚智造集团等一大批国内外知名科创企业落户。"
    companies = {e.label for e in entities(text) if e.kind == "company"}
    assert {"澄湖讯飞", "鹭平安信"} <= companies


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("紧紧围绕鹭平市“一港两区”功能定位，推动发展。", "一港两区"),
        ("积极贯彻市委“八项行动”部署。", "八项行动"),
        ("全面落实“一核三带”高质量发展战略。", "一核三带"),
        ("充分利用国家“数字丝路”、“智造2030”和西部开发政策。", "智造2030"),
    ],
    ids=["gongneng-dingwei", "bushu-with-a-count", "gaozhiliang-fazhan-zhanlue", "zhengce-after-a-list"],
)
def test_a_quoted_name_before_what_it_is_called_is_a_programme(sentence: str, name: str) -> None:
    assert names(sentence).get(name) == "programme"


def test_a_quoted_count_of_platforms_is_still_no_name() -> None:
    assert "三大平台" not in names("构建“三大平台”部署。")


def test_zhongyang_caijing_lingdao_xiaozu_is_a_central_party_body() -> None:
    assert names("中央财经领导小组第九次会议审议了规划纲要。").get("中央财经领导小组") == "party_committee"


def test_a_name_the_model_cut_after_a_title_is_a_person() -> None:
    """The model reads 况泉水 as 况 | 泉水 (common words): after a title and before a comma it is a name."""
    text = "鹭平市人大常委会主任况泉水，市政协主席郑怀远参加。"
    found = {e.label: e.kind for e in entities(text)}
    assert found.get("况泉水") == "person"
    assert ("况泉水", "主任", "鹭平市人大常委会") in posts_of(text)


def test_a_verb_after_a_title_is_no_name_zhuren_jieshao() -> None:
    assert not [e for e in entities("鹭平市科技局主任介绍，园区已建成平台。") if e.kind == "person"]


def test_jianshe_opening_an_object_is_no_part_of_the_name() -> None:
    """主要建设 opens what a project builds; the model may read 建设 as a noun (建设/vn)."""
    text = "主要建设青岚设计系统X9软件研发中心及生产线。"
    tokens = tagged(
        text, "主要/ad 建设/vn 青岚/LOC 设计/vn 系统/n X9/nz 软件/n 研发/vn 中心/n 及/c 生产线/n 。/w"
    )
    found = {m.text: m.kind for m in recognise(text, tokens)}
    assert found.get("青岚设计系统X9软件研发中心") == "research_institute"


def test_jianshe_inside_a_name_stays_zhongguo_jianshe_yinhang() -> None:
    text = "澄湖建设银行与园区签约。"
    tokens = tagged(text, "澄湖/LOC 建设/vn 银行/n 与/c 园区/n 签约/v 。/w")
    assert {m.text: m.kind for m in recognise(text, tokens)}.get("澄湖建设银行") == "company"


def test_parts_a_park_is_made_of_are_areas_bufen_zucheng() -> None:
    text = "园区由精细化工区、新材料区、循环经济示范(试验)区、中小企业创业园四部分组成。"
    found = names(text)
    assert {"精细化工区", "新材料区", "循环经济示范(试验)区", "中小企业创业园"} <= set(found)


def test_parts_with_where_they_lie_written_before_them() -> None:
    text = "项目由厂区内铝材新材料及产业孵化区和厂区外铝材深加工制造区两部分组成。"
    found = names(text)
    assert {"铝材新材料及产业孵化区", "铝材深加工制造区"} <= set(found)


def test_parts_that_are_no_areas_are_none_zhen_jiedao() -> None:
    assert not names("该区由澄湖镇、青岚街道两部分组成。").get("澄湖镇、青岚街道")


def test_a_park_inside_the_park_named_first_gongyequ() -> None:
    text = "考察团考察了澄湖工业园石湾工业区青岚特钢循环经济项目。"
    found = names(text)
    assert found.get("澄湖工业园") == "park" and found.get("石湾工业区") == "park"
    assert found.get("青岚特钢循环经济项目") == "project"
