"""What the extractor's statistics are about, one rule a test, named after the phrase it handles.

The captures are fictional, written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from parkgraph.extract.pipeline import extract
from parkgraph.reader import parse_capture

HEAD = "鹭平高新区智能装备产业园新引进项目12个\n发布时间：2024-05-08 10:30　　来源：鹭平日报\n"


def about(body: str, *, head: str = HEAD) -> dict[str, str]:
    """Each statistic's quantity surface → the zh label of what it is about (``body`` under ``head``)."""
    notes = extract(parse_capture(head + body, path=Path("t.txt"))).annotations
    found = {}
    for fact in notes.facts.values():
        subject = next((p.values[0] for p in fact.props if p.predicate.endswith("observationAbout")), None)
        if fact.quantity and subject:
            found[fact.quantity] = notes.entities[subject].label
    return found


def test_first_entity_of_the_clause_yuanqu_shixian() -> None:
    found = about("鹭平芯原科技有限公司去年实现产值5.2亿元，带动就业800人。\n")
    assert found["5.2亿元"] == "鹭平芯原科技有限公司"


def test_yuanqu_is_the_headlines_park() -> None:
    found = about("目前，园区已集聚企业136家，其中规上工业企业47家。\n")
    assert found["136家"] == "鹭平高新区智能装备产业园"


def test_xiangmu_refers_back_to_the_last_project() -> None:
    body = "桐川经济开发区储能电池二期项目于3月开工。项目总投资18亿元，建成后年产电池10GWh。\n"
    assert about(body)["18亿元"] == "桐川经济开发区储能电池二期项目"


def test_a_sentence_without_a_subject_carries_the_paragraphs_last_one() -> None:
    body = "鹭平芯原科技有限公司去年产值5.2亿元。今年一季度，产值同比增长21.5%。\n"
    assert about(body)["21.5%"] == "鹭平芯原科技有限公司"


def test_a_new_paragraph_does_not_carry_the_subject() -> None:
    body = "鹭平芯原科技有限公司去年产值5.2亿元。\n今年一季度，产值同比增长21.5%。\n"
    assert about(body)["21.5%"] == "鹭平高新区智能装备产业园"


def test_statistic_carries_the_time_of_its_sentence_jinnian_yi_jidu() -> None:
    notes = extract(
        parse_capture(HEAD + "今年一季度，园区产值同比增长21.5%。\n", path=Path("t.txt"))
    ).annotations
    assert {fact.time for fact in notes.facts.values() if fact.quantity == "21.5%"} == {"今年一季度"}


def test_a_number_in_a_name_is_that_things_nianchan_10_wandun() -> None:
    body = "鹭平芯原科技有限公司年产10万吨预制菜及中央厨房项目正式开工。\n"
    assert about(body)["10万吨"] == "鹭平芯原科技有限公司年产10万吨预制菜及中央厨房项目"  # its longest name


def test_the_clause_carries_the_topic_of_the_clause_before_qizhong() -> None:
    body = "桐川储能电池二期项目于3月开工。项目总投资18亿元，其中固定资产投资不少于15亿元。\n"
    assert about(body)["不少于15亿元"] == "桐川储能电池二期项目"


def test_a_topic_opening_with_yuanqu_is_the_main_subject() -> None:
    body = "据鹭平芯原科技有限公司介绍，目前，园区已集聚企业80余家，今年上半年，实现主营业务收入36.45亿元。\n"
    assert about(body)["36.45亿元"] == "鹭平高新区智能装备产业园"


def test_xiangmu_inside_a_name_refers_to_nothing() -> None:
    body = "桐川储能电池二期项目于3月开工。项目选址鹭平高新区新材料产业园，规划用地约420亩。\n"
    assert about(body)["约420亩"] == "桐川储能电池二期项目"


def test_a_number_before_de_describes_the_name_after_it_zong_guimo_de() -> None:
    body = "鹭平高新区管委会设立总规模20亿元的鹭平智能装备产业投资基金。\n"
    assert about(body)["20亿元"] == "鹭平智能装备产业投资基金"


def test_you_jingguo_de_the_subject_is_the_name_after_de() -> None:
    body = "由澜江省工业和信息化厅批复建设的澜江省智能装备创新中心同样落户园区，目前累计申请发明专利146项。\n"
    assert about(body)["146项"] == "澜江省智能装备创新中心"


def test_a_clause_opening_with_a_verb_continues_the_object_before_it_hangai() -> None:
    body = "鹭平市工业和信息化局发布《鹭平市智能装备应用场景清单》，涵盖智能制造等领域场景项目35个。\n"
    assert about(body)["35个"] == "鹭平市智能装备应用场景清单"


def test_a_count_before_a_title_is_the_titles_8_jia_shengji() -> None:
    body = "鹭平高新区智能装备产业园入选今年全省新认定的8家省级智能制造示范园区。\n"
    assert about(body)["8家"] == "省级智能制造示范园区"


def test_jun_a_number_holds_for_each_of_the_list() -> None:
    notes = extract(
        parse_capture(
            HEAD + "其中，鹭平芯原科技有限公司、鹭平晶控电子有限公司主营业务收入均超过20亿元。\n",
            path=Path("t.txt"),
        )
    ).annotations
    subjects = {
        notes.entities[p.values[0]].label
        for fact in notes.facts.values()
        if fact.quantity == "超过20亿元"
        for p in fact.props
        if p.predicate.endswith("observationAbout")
    }
    assert subjects == {"鹭平芯原科技有限公司", "鹭平晶控电子有限公司"}


def test_a_place_inside_a_name_is_no_subject_of_its_own() -> None:
    body = "鹭平市智能终端产业园主营业务收入超过20亿元。\n"
    assert about(body)["超过20亿元"] == "鹭平市智能终端产业园"


def test_a_sentence_opening_with_you_is_about_the_name_after_de_zhuban_de() -> None:
    body = "10月14日上午，由中共鹭平县委、鹭平县人民政府主办的鹭平县重大项目集中签约仪式举行。"
    body += "此次集中签约项目12个。\n"
    assert about(body)["12个"] == "鹭平县"


def test_the_count_after_deng_is_not_about_the_listed_items() -> None:
    body = "鹭平芯原科技有限公司去年产值5.2亿元。园区将推进鹭芯二期项目、晶控三期项目等9个在建项目。\n"
    assert about(body).get("9个") != "鹭芯二期项目"


def test_what_follows_shi_describes_the_subject_and_is_no_topic() -> None:
    body = "鹭平经济开发区是国家级经济技术开发区，已形成以智能装备为主导的产业集群，"
    body += "去年实现规上工业产值1260亿元。\n"
    assert about(body)["1260亿元"] == "鹭平经济开发区"


def test_clauses_without_a_subject_carry_the_object_before_them_dui_an() -> None:
    body = "鹭平区人民政府今年出台《鹭平区促进储能产业发展若干措施》，"
    body += "对新落户企业，按设备投资额的10%给予补贴。\n"
    assert about(body)["10%"] == "鹭平区促进储能产业发展若干措施"


def test_a_broadcast_sound_bite_is_the_speakers_tongqisheng() -> None:
    body = "【同期声】鹭平晶控电子有限公司副总经理 林书远\n"
    body += "我们和客户的直线距离不到2公里，物流成本降低了约30%。\n"
    found = about(body)
    assert found["约30%"] == "鹭平晶控电子有限公司"


def test_a_reference_after_the_verb_is_an_object_daidong_quanxian() -> None:
    body = "鹭芯二期项目总投资15.6亿元，建成后带动全县新增种植基地近2万亩。\n"
    assert about(body)["近2万亩"] == "鹭芯二期项目"


def test_lizheng_frames_the_clause_and_yuanqu_is_still_its_subject() -> None:
    body = "鹭平芯原科技有限公司去年产值5.2亿元。下一步，力争到2025年园区营业收入突破200亿元。\n"
    assert about(body)["突破200亿元"] == "鹭平高新区智能装备产业园"


def test_an_object_describing_clause_passes_its_topic_on_hangai_zong_jine() -> None:
    body = "鹭平市工业和信息化局发布《鹭平市智能装备应用场景清单》，"
    body += "涵盖智能制造等领域场景项目35个，总金额约9.5亿元。\n"
    assert about(body)["约9.5亿元"] == "鹭平市智能装备应用场景清单"


def test_yongyou_is_said_of_the_subject_not_of_the_object_before() -> None:
    body = "鹭平芯原科技有限公司建有澜江省智能装备工程技术研究中心，拥有授权发明专利187项。\n"
    assert about(body)["187项"] == "鹭平芯原科技有限公司"


def facts_of(capture: str) -> list:  # type: ignore[type-arg]
    """The extracted facts of a whole capture (headline, dateline, body)."""
    return list(extract(parse_capture(capture, path=Path("t.txt"))).annotations.facts.values())


def statistics_of(capture: str) -> list:  # type: ignore[type-arg]
    """The extracted statistics of a whole capture (not the events that carry an amount too)."""
    return [f for f in facts_of(capture) if any(t.endswith("#Statistic") for t in f.types)]


def test_an_indicator_is_never_the_name_the_number_is_about_cangzhou_6_jia() -> None:
    """沧澜6家孵化器…: 沧澜 (a place) is what the six are about, not what is measured; an indicator
    concept labelled with a place's name would pass for that place."""
    capture = "沧澜6家孵化器获批国家级科技企业孵化器\n发布时间：2024-05-08 10:30\n"
    capture += "目前青岚科学城复工复产率已经超过90%。\n"
    notes = extract(parse_capture(capture, path=Path("t.txt"))).annotations
    indicators = {c.label for ref, c in notes.concepts.items() if ref.startswith("indicators/")}
    assert "沧澜" not in indicators and "青岚科学城复工复产率已经" not in indicators
    assert "复工复产率" in indicators


def test_a_figure_in_the_headline_and_again_in_the_body_is_one_fact() -> None:
    capture = "青岚港27个重点项目集中开工，总投资约268亿元\n发布时间：2023-12-28 10:30\n"
    capture += "12月28日，青岚经济开发区重点项目集中开工仪式举行。"
    capture += "本次集中开工项目共27个，总投资约268亿元。\n"
    facts = statistics_of(capture)
    assert sorted(f.quantity for f in facts) == ["27个", "约268亿元"]
    invest = next(f for f in facts if f.quantity == "约268亿元")
    assert len(invest.quotes) == 2  # the headline's span and the body's
    assert {q.exact for q in invest.quotes} == {"总投资约268亿元"}
    assert [q.occurrence for q in invest.quotes] == [2, 1]


def test_the_same_number_of_two_named_things_stays_two_facts() -> None:
    capture = HEAD + "此次集中签约项目12个，其中新引进项目12个。\n"
    found = statistics_of(capture)
    twelve = sorted((len(f.quotes), f.quotes[0].exact) for f in found if f.quantity == "12个")
    assert twelve == [(1, "集中签约项目12个"), (2, "新引进项目12个")]  # the headline's is the second's


def test_ju_quanguo_di_7_wei_is_a_ranking_claim_of_the_subject() -> None:
    body = "鹭平高新区智能装备产业园今年获批数量居全国第7位，增速位列全省第二。\n"
    claims = [f for f in facts_of(HEAD + body) if any(t.endswith("RankingClaim") for t in f.types)]
    ranks = {
        next(p.values[0] for p in f.props if p.predicate.endswith("#rank")): next(
            p.values[0] for p in f.props if p.predicate.endswith("rankingCriterion")
        )
        for f in claims
    }
    assert ranks == {7: "获批数量", 2: "增速"}


def test_anpai_di_yi_pi_is_no_ranking() -> None:
    body = "园区安排第一批项目，将发展作为第一要务，稳居全省第一方阵。\n"
    assert not [f for f in facts_of(HEAD + body) if any(t.endswith("RankingClaim") for t in f.types)]


def test_a_clause_opening_with_wosheng_is_not_the_last_subjects() -> None:
    """我省…: about the province, or about nothing when the article names none; never the body named
    in the sentence before."""
    body = "记者从鹭平市科学技术局获悉，经评审，鹭平市科学技术局公布了名单。我省国家级孵化器数量增至31家。\n"
    assert "31家" not in about(body)


def test_ju_jieshao_names_the_source_not_the_subject() -> None:
    body = "据鹭平高新区管委会副主任林书远介绍，鹭平高新区设立至今，已引进企业262家。"
    body += "2015年以来扶持实体落地企业1717家。\n"
    assert about(body)["1717家"] == "鹭平高新区"


#: A whole paragraph before a cut one (the reader wants running text), and its figures.
LEAD = "5月7日，记者从鹭平高新技术产业开发区获悉，园区今年已新引进重点项目12个，总投资45亿元。\n"
WHOLE = {"12个", "45亿元"}


def test_a_capture_cut_mid_number_states_nothing_in_the_cut_clause_zong_touzi_12() -> None:
    """总投资12. where the excerpt stops: the figure may have gone on (12.5亿元); nothing of that clause."""
    capture = HEAD + LEAD + "青岚经济开发区新签约项目8个，总投资12."
    facts = statistics_of(capture)
    assert [f.quantity for f in facts if f.quantity not in WHOLE] == ["8个"]


def test_a_capture_cut_mid_unit_gives_no_wrong_unit_3_qian_wa() -> None:
    """年发电3千瓦 cut from 3千瓦时: kilowatts would be wrong; the cut clause gives nothing."""
    capture = HEAD + LEAD + "园区光伏项目总投资5亿元，年发电量3千瓦"
    assert [f.quantity for f in statistics_of(capture) if f.quantity not in WHOLE] == ["5亿元"]


def test_a_whole_last_line_is_not_cut() -> None:
    capture = HEAD + LEAD + "园区光伏项目总投资5亿元，年发电量3千瓦时。"
    assert "3千瓦时" in {f.quantity for f in statistics_of(capture)}
    table = HEAD + LEAD + "名称 | 投资\n鹭平芯原科技有限公司 | 5亿元"
    assert "5亿元" in {f.quantity for f in statistics_of(table)}


# --- industries (parkgraph/extract/industries.py) ---------------------------------------------------


def industries(body: str, head: str = HEAD) -> set[tuple[str, str, str]]:
    """(subject, property, industry) of every industry relation the extractor states."""
    notes = extract(parse_capture(head + body, path=Path("t.txt"))).annotations
    label = {slug: e.label for slug, e in notes.entities.items()}
    label |= {ref: c.label for ref, c in notes.concepts.items()}
    return {
        (label[r.subject], r.predicate.rsplit("#", 1)[-1], label[str(r.obj)])
        for r in notes.relations
        if str(r.obj).startswith("industries/")
    }


PARK = "鹭平高新区智能装备产业园"


def test_zhongdian_fazhan_liang_da_chanye_are_the_parks_industries() -> None:
    found = industries("园区重点发展新能源、新材料两大产业，强链补链。\n")
    assert found == {(PARK, "keyIndustry", "新能源"), (PARK, "keyIndustry", "新材料")}


def test_the_list_goes_on_after_chanye_and_a_dun() -> None:
    found = industries("园区重点发展数字经济产业、智能制造、绿色新材料三大战略性新兴产业。\n")
    assert {i for _, _, i in found} == {"数字经济", "智能制造", "绿色新材料"}


def test_dazao_qianyi_ji_chanye_jiqun_is_the_industry_without_its_size() -> None:
    assert industries("园区将打造千亿级高端装备产业集群。\n") == {(PARK, "keyIndustry", "高端装备")}


def test_yi_wei_zhongdian_takes_only_what_is_written_like_an_industry() -> None:
    assert industries("园区以产业协作配套、科技协同创新为重点，加快建设。\n") == set()
    found = industries("园区以生物医药、清洁能源为重点，加快建设。\n")
    assert found == {(PARK, "keyIndustry", "生物医药"), (PARK, "keyIndustry", "清洁能源")}


def test_hangai_deng_lingyu_after_a_list_of_projects_is_not_the_last_projects() -> None:
    """…包括A项目、B项目等项目，涵盖…等领域: the projects' (the headline park's), never B's."""
    body = "此次集中开工项目112个，包括鹭平芯原二期项目、青岚光电产业基地项目等项目，"
    body += "涵盖新能源、高端装备制造以及现代服务业等领域。\n"
    assert industries(body) == {
        (PARK, "keyIndustry", "新能源"),
        (PARK, "keyIndustry", "高端装备制造"),
        (PARK, "keyIndustry", "现代服务业"),
    }


def test_a_clause_opened_by_a_body_without_industries_is_not_the_parks() -> None:
    """市委、市政府围绕数字产业发展…: the party committee's and government's concern, not the park's."""
    body = "鹭平市委、鹭平市人民政府围绕新能源产业发展，出台政策。\n"
    assert not any(s == PARK for s, _, _ in industries(body))


def test_a_list_cut_by_the_capture_keeps_its_whole_items() -> None:
    """…涵盖先进制造、石化 where the excerpt stops: 石化 may have gone on (石化新材料); 先进制造 is whole."""
    body = LEAD + "本次开工项目共27个，其中投产项目8个，涵盖先进制造、石化"
    assert industries(body) == {(PARK, "keyIndustry", "先进制造")}


def test_an_industry_word_is_never_a_companys_alias_xinnengyuan() -> None:
    body = "鹭平新能源科技有限公司落户园区。园区重点发展新能源、新材料两大产业。\n"
    notes = extract(parse_capture(HEAD + body, path=Path("t.txt"))).annotations
    company = next(e for e in notes.entities.values() if e.label == "鹭平新能源科技有限公司")
    assert "新能源" not in company.alt


def test_a_place_where_is_not_what_the_count_is_about_she_zai() -> None:
    """主会场设在某新城，其余11个县设分会场: the new town is where the main venue is, not the 11's subject."""
    body = "5月7日，鹭平高新区智能装备产业园重大项目集中开工。"
    body += "主会场设在青岚经济开发区，其余11个县设分会场。\n"
    assert about(body).get("11个") != "青岚经济开发区"


def test_an_item_listed_after_baokuo_is_no_subject_for_the_next_sentence() -> None:
    """…包括某大道、某新区基础设施等项目；产业类项目112个: the next sentence's figures are not that
    new district's."""
    body = "此次开工基础设施类项目71个，包括青岚大道、鹭平新区基础设施等项目；"
    body += "产业类项目112个，总投资616亿元。\n"
    found = about(body)
    assert found.get("112个") != "鹭平新区" and found.get("616亿元") != "鹭平新区"


def indicators(body: str) -> dict[str, str]:
    """Each statistic's quantity surface → its indicator's label."""
    notes = extract(parse_capture(HEAD + body, path=Path("t.txt"))).annotations
    found = {}
    for fact in notes.facts.values():
        ref = next((p.values[0] for p in fact.props if p.predicate.endswith("indicator")), None)
        if fact.quantity and ref:
            found[fact.quantity] = notes.concepts[ref].label
    return found


def test_an_indicator_names_a_thing_not_an_action_gongjianli_bianbu() -> None:
    """共建立230家…，遍布31个省份: 建立 and 遍布 measure nothing; 产值同比增长 names 产值."""
    found = indicators("目前共建立230家国家级经开区，遍布31个省份，产值同比增长12%。\n")
    assert (found["230家"], found["31个"], found["12%"]) == ("数量", "数量", "产值同比增长")


def test_an_indicator_starts_after_shi_and_le_fenbie_shi_zongtouzi() -> None:
    found = indicators("两个项目分别是总投资10.6亿元的青岚物流基地项目，园区规划了面积5平方公里。\n")
    assert (found["10.6亿元"], found["5平方公里"]) == ("总投资", "面积")


def test_a_count_of_a_named_list_is_not_its_items_deng_qiye_141_jia() -> None:
    """聚集了甲、乙等企业141家: the 141 are not 乙's, and 等企业 is no indicator."""
    body = "鹭平高新区智能装备产业园聚集了鹭平芯原科技有限公司、青岚晶控电子有限公司等企业141家。\n"
    assert about(body)["141家"] == "鹭平高新区智能装备产业园"
    assert indicators(body)["141家"] == "企业"


def test_a_list_closed_by_gong_is_counted_not_its_first_item() -> None:
    body = "园区的鹭平芯原科技有限公司、青岚晶控电子有限公司共2家企业获评专精特新企业。\n"
    assert about(body).get("2家") not in {"鹭平芯原科技有限公司", "青岚晶控电子有限公司"}


def test_quansheng_14_ge_is_the_provinces_count_not_the_subjects() -> None:
    """青岚集聚区是全省14个产业集聚区中唯一…: the fourteen are the province's; with no province named,
    nobody's (never the zone's)."""
    body = "澜江省人民政府批复设立青岚产业集聚区。"
    body += "青岚产业集聚区是全省14个产业集聚区中唯一以“绿色”冠名的集聚区。\n"
    assert about(body).get("14个") == "澜江省"
    body = "青岚产业集聚区是全省14个产业集聚区中唯一以“绿色”冠名的集聚区。\n"
    assert "14个" not in about(body)


def test_a_dated_sentence_is_never_the_outlets_news_xinwen_wang_xun() -> None:
    """鹭平新闻网5月7日讯 …: the outlet reports the news, the news is not about it; the dateline's date
    is the article's publication date, no event."""
    capture = "鹭平高新区重点项目集中开工\n2024-05-08 10:30　　来源：鹭平新闻网\n"
    capture += "鹭平新闻网5月8日讯 5月7日，鹭平高新区智能装备产业园举行重点项目集中开工仪式。\n"
    events = [f for f in facts_of(capture) if any(t.endswith("#Event") for t in f.types)]
    about_events = {next(p.values[0] for p in f.props if p.predicate.endswith("about")) for f in events}
    notes = extract(parse_capture(capture, path=Path("t.txt"))).annotations
    assert {notes.entities[slug].label for slug in about_events} <= {"鹭平高新区智能装备产业园", "鹭平高新区"}
    assert events


def test_a_threshold_names_a_kind_and_is_no_figure_yiyuan_yishang_xiangmu() -> None:
    """亿元以上新开工项目49个, 总投资额过亿的项目47个: the 49 and 47 are figures; 亿元 and 过亿 only say
    which projects."""
    body = "园区亿元以上新开工项目49个，总投资额过亿的项目47个，10亿元以上的项目3个。\n"
    quantities = {f.quantity for f in statistics_of(HEAD + body)}
    assert quantities == {"12个", "49个", "47个", "3个"}


# --- what a figure is not about (phase 2 of issue 20) ----------------------------------------------

#: A headline naming no park or zone: the article has no main subject to fall back on.
PLAIN = "鹭平市重大项目建设综述\n发布时间：2024-05-08 10:30　　来源：鹭平日报\n"


def about_plain(body: str) -> dict[str, str]:
    return about(body, head=PLAIN)


def test_a_number_inside_a_quoted_slogan_is_no_figure_san_ge_yi_pi() -> None:
    """“三个一批”, “双过半”, “十项行动”: the number is part of the name."""
    body = "鹭平芯原科技有限公司全力抓好“三个一批”项目建设，冲刺“双过半”，落实“十项行动”。\n"
    assert not {"三个", "过半", "十项"} & set(about(body))


def test_a_name_after_the_verb_is_an_object_not_the_sentences_subject_liyong() -> None:
    """…将利用青岚经开区规划用地100万平方米: the zone is where the land is, not what the figures of the
    sentences after are about."""
    body = "鹭平铝业新材料孵化区将利用青岚经济开发区规划用地100万平方米。新增投资50亿元。\n"
    found = about_plain(body)
    assert found.get("100万平方米") != "青岚经济开发区" and found.get("50亿元") != "青岚经济开发区"


def test_what_follows_shi_is_no_subject_of_the_sentences_after() -> None:
    """这片工业区是鹭平市人民政府规划建设的…: the government planned it; the roads are the area's."""
    body = "这片工业区是鹭平市人民政府规划建设的生态园林工业区。先后修筑道路25条，引进企业17家。\n"
    found = about_plain(body)
    assert "25条" not in found and "17家" not in found


def test_gai_zhongxin_with_no_centre_named_is_nobodys() -> None:
    """截至目前，该中心已经引进…项目208个: the centre's; when the extractor has not found it, nobody's,
    never the company named in the sentence before."""
    body = "新建的合作中心颇为热闹，鹭平芯原科技有限公司、青岚晶控电子有限公司等企业落户。"
    body += "截至目前，该中心已经引进一批头部企业，新签约人工智能产业项目208个。\n"
    found = about(body)
    assert found.get("208个") not in {"鹭平芯原科技有限公司", "青岚晶控电子有限公司"}


def test_a_figure_after_a_list_is_the_lists_not_its_first_items() -> None:
    """甲项目、乙项目、丙项目3项计划参加集中签约，投资金额达120亿元: the three's together."""
    body = "鹭芯二期项目、晶控三期项目、青岚物流基地项目3项计划参加集中签约，投资金额达120亿元。\n"
    found = about(body)
    assert found.get("120亿元") != "鹭芯二期项目" and found.get("3项") != "鹭芯二期项目"


def test_a_list_counted_without_deng_is_not_its_first_items_san_ge() -> None:
    """青岚、鹭平、沧澜3个沿边产业园…: the count of the list, and the list's figures after it."""
    body = "青岚产业园、鹭平产业园、沧澜产业园3个沿边产业园积极承接产业转移，招商到位资金同比增长83.1%。\n"
    items = {"青岚产业园", "鹭平产业园", "沧澜产业园"}
    found = about_plain(body)
    assert found.get("3个") not in items and found.get("83.1%") not in items


def test_an_attendee_list_is_no_subject_chuxi() -> None:
    """某市委书记某某，某公司董事长某某…；…及176家企业代表出席仪式: the sentence is about people; the
    company of a chairman is no subject of the count."""
    body = "5月7日，鹭平高新区智能装备产业园举行集中签约仪式。\n"
    body += "鹭平市委书记林书远，青岚控股集团有限公司董事长王立新；鹭平芯原科技有限公司等企业负责同志；"
    body += "及176家企业代表出席仪式。\n"
    assert about(body).get("176家") not in {"青岚控股集团有限公司", "鹭平芯原科技有限公司"}


def test_shuju_xianshi_names_the_source_not_the_subject() -> None:
    """某局发布的数据显示，我国目前共建立230家…: who tells is not what is told about; a count of the
    nation is no entity's."""
    body = "鹭平市商务局在活动期间发布的数据显示，我国目前共建立230家国家级经开区，遍布31个省份。\n"
    found = about(body)
    assert "230家" not in found and found.get("31个") != "鹭平市商务局"


def test_a_quote_in_the_first_person_is_the_speakers_women() -> None:
    """“短短一年时间，我们又完成投资20亿多元。”: the speaker's company, not the inspectors named before."""
    body = "6日，鹭平市工作检查组来到青岚玻璃有限公司。“短短一年时间，我们又完成投资20亿多元。”\n"
    found = about(body)
    assert found.get("20亿多元") != "鹭平市" and found.get("一年") != "鹭平市"


def test_kaifaqu_with_no_main_zone_is_not_the_last_subject() -> None:
    """…的合同外资成倍增长。一季度开发区直接利用外资9.32亿美元: 开发区 is a zone (which the headline
    names none of), never the subject of the sentence before."""
    body = "鹭平芯原科技有限公司的合同外资成倍增长。一季度开发区直接利用外资合同额9.32亿美元，增长1.7倍。\n"
    found = about_plain(body)
    assert "9.32亿美元" not in found and "1.7倍" not in found


def test_xiangmu_with_no_project_named_is_the_park_being_built() -> None:
    """某产业园由…建设。项目规划面积630亩: the park is the project."""
    body = "鹭平智能终端产业园由青岚城投集团以整体开发方式建设。项目规划面积630亩，计划总投资18亿元。\n"
    found = about_plain(body)
    assert found.get("630亩") == found.get("18亿元") == "鹭平智能终端产业园"


def test_a_word_referring_back_refers_to_a_name_before_it_pingtai() -> None:
    """平台由某经开区与某研究院共建。…送检周期将从15天缩短到5天: the platform named before 平台, not the
    institute named after it."""
    body = "鹭平经开区投资3.8亿元建设的新能源电池检测认证公共服务平台预计5月投入使用。"
    body += "平台由鹭平经济开发区与青岚省产品质量监督检验研究院共建。企业送检周期将从原来的15天缩短到5天。\n"
    assert about_plain(body).get("15天") == "新能源电池检测认证公共服务平台"


def test_zhe_shi_x_the_demonstratives_copula_names_the_subject() -> None:
    """据悉，这是鹭平县今年举办的第三次…活动，此前已集中签约项目31个: the county's."""
    body = "据悉，这是鹭平县今年举办的第三次重大项目集中签约活动，此前已集中签约项目31个。\n"
    assert about_plain(body).get("31个") == "鹭平县"


def test_yi_x_wei_yituo_frames_the_paragraphs_subject() -> None:
    """以某研究院为依托，…共建…基地。目前已申报国家级重点课题2个: the institute's."""
    body = "深化产学研合作机制，以鹭平数据研究院为依托，与青岚大学合作共建省级工业互联网培训基地。"
    body += "目前已申报国家级重点课题2个。\n"
    assert about(body).get("2个") == "鹭平数据研究院"
