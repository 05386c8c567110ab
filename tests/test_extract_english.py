"""Tests of parkgraph.extract.english: English labels and slugs for names found in Chinese text.

Each test is named after the phrase it handles. Every place, person and company here is invented
(沧澜省, 鹭平市, 榆川市, 棠阴县, ...); only the institutional words are real.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from parkgraph.extract.english import (
    KINDS,
    SLUG_RE,
    Glossary,
    GlossaryError,
    SlugRegistry,
    default_glossary,
    english_label,
    slugify,
)

PRINTABLE_ASCII = re.compile(r"^[\x20-\x7e]+$")


def label(name: str, kind: str) -> str:
    return english_label(name, kind=kind)


# --- places and level words -----------------------------------------------------------------------


def test_province_as_place():
    assert label("沧澜省", "place") == "Canglan Province"


def test_city_as_place_is_just_its_name():
    assert label("鹭平市", "place") == "Luping"


def test_county_and_district_as_place():
    assert label("棠阴县", "place") == "Tangyin County"
    assert label("鹭平市和平区", "place") == "Luping Heping District"


def test_one_character_county():
    assert label("澜县", "place") == "Lan County"


def test_level_character_inside_place_name():
    # 镇 and 乡 are level words only after a place name of two characters.
    assert label("镇澜市", "place") == "Zhenlan"
    assert label("澜乡县", "place") == "Lanxiang County"


def test_leading_level_word_is_adjective():
    assert label("省大数据产业园", "park") == "Provincial Big Data Industrial Park"
    assert label("市政府", "government") == "Municipal Government"
    assert label("市湖滨新区", "zone") == "Hubin New District"


# --- government -----------------------------------------------------------------------------------


def test_municipal_peoples_government():
    assert label("鹭平市人民政府", "government") == "Luping Municipal People's Government"


def test_county_peoples_government():
    assert label("棠阴县人民政府", "government") == "Tangyin County People's Government"


def test_provincial_department_of_industry_and_it():
    assert (
        label("沧澜省工业和信息化厅", "government")
        == "Canglan Provincial Department of Industry and Information Technology"
    )


def test_municipal_bureau_of_industry_and_it():
    assert (
        label("鹭平市工业和信息化局", "government")
        == "Luping Municipal Bureau of Industry and Information Technology"
    )


def test_development_and_reform_commission():
    assert (
        label("鹭平市发展和改革委员会", "government") == "Luping Municipal Development and Reform Commission"
    )
    assert label("鹭平市发改委", "government") == "Luping Municipal Development and Reform Commission"


def test_adjective_before_known_words_then_organ():
    assert label("鹭平市大数据管理局", "government") == "Luping Municipal Big Data Administration"


def test_district_government_inside_city():
    assert label("鹭平市榆川区人民政府", "government") == "Luping Yuchuan District People's Government"


def test_general_office_of_provincial_government():
    assert (
        label("沧澜省人民政府办公厅", "government")
        == "General Office of the Canglan Provincial People's Government"
    )


def test_one_character_bureau():
    assert label("鹭平市数据局", "government") == "Luping Municipal Data Bureau"


# --- zones and parks ------------------------------------------------------------------------------


def test_high_tech_zone_abbreviation():
    assert label("榆川高新区", "zone") == "Yuchuan High-tech Zone"


def test_economic_and_technological_development_zone():
    assert label("鹭平经济技术开发区", "zone") == "Luping Economic and Technological Development Zone"


def test_high_tech_zone_committee():
    expected = "Administrative Committee of Yuchuan High-tech Industrial Development Zone"
    assert label("榆川高新技术产业开发区管理委员会", "government") == expected
    assert label("榆川高新区管委会", "government") == "Administrative Committee of Yuchuan High-tech Zone"


def test_bureau_of_administrative_committee():
    assert (
        label("榆川高新区管委会经济发展局", "government")
        == "Economic Development Bureau of the Administrative Committee of Yuchuan High-tech Zone"
    )


def test_software_and_service_outsourcing_park():
    assert (
        label("鹭平市软件与服务外包产业园", "park")
        == "Luping Software and Service Outsourcing Industrial Park"
    )


def test_conjunction_inside_place_name_is_pinyin():
    # 和 of 和平 is not "and": it is not between two known words.
    assert label("鹭平市和平区", "place") == "Luping Heping District"


def test_ascii_letters_and_digits_kept():
    assert label("鹭平MEMS传感器产业园", "park") == "Luping MEMS Sensor Industrial Park"
    assert label("榆川5G产业园", "park") == "Yuchuan 5G Industrial Park"


# --- party ----------------------------------------------------------------------------------------


def test_cpc_municipal_committee():
    assert label("中共鹭平市委", "party_committee") == "CPC Luping Municipal Committee"
    assert label("鹭平市委", "party_committee") == "CPC Luping Municipal Committee"
    assert label("中共鹭平市委员会", "party_committee") == "CPC Luping Municipal Committee"


def test_cpc_provincial_and_district_committee():
    assert label("中共沧澜省委", "party_committee") == "CPC Canglan Provincial Committee"
    assert label("榆川区委", "party_committee") == "CPC Yuchuan District Committee"


def test_party_working_committee_of_zone():
    expected = "CPC Working Committee of Yuchuan High-tech Zone"
    assert label("榆川高新区党工委", "party_committee") == expected
    assert label("中共榆川高新区工作委员会", "party_committee") == expected


def test_party_committee_of_park():
    assert label("鹭平市软件园党委", "party_committee") == "CPC Committee of Luping Software Park"


def test_department_of_party_committee():
    assert (
        label("鹭平市委宣传部", "party_committee")
        == "Publicity Department of the CPC Luping Municipal Committee"
    )


def test_commission_for_discipline_inspection():
    assert (
        label("鹭平市纪委", "party_committee") == "CPC Luping Municipal Commission for Discipline Inspection"
    )


def test_committee_word_depends_on_kind():
    assert label("鹭平市委员会", "government") == "Luping Municipal Commission"
    assert label("鹭平市委员会", "party_committee") == "CPC Luping Municipal Committee"


# --- people ---------------------------------------------------------------------------------------


def test_person_surname_and_given_name():
    assert label("陈砚秋", "person") == "Chen Yanqiu"


def test_compound_surname_ouyang():
    assert label("欧阳澈", "person") == "Ouyang Che"


def test_two_character_name_with_compound_surname_characters():
    # A two-character name is surname + given name, even when the two could be a compound surname.
    assert label("欧澜", "person") == "Ou Lan"


def test_polyphonic_surname_reading():
    assert label("曾鹭", "person") == "Zeng Lu"
    assert label("单澜舟", "person") == "Shan Lanzhou"


def test_dotted_name_part_by_part():
    assert label("阿依·澜舟", "person") == "Ayi Lanzhou"


# --- companies and others -------------------------------------------------------------------------


def test_company_place_and_trade_name():
    assert (
        label("沧澜芯测微电子科技有限公司", "company")
        == "Canglan Xince Microelectronics Technology Co., Ltd."
    )


def test_company_with_level_word_before_trade_name():
    assert label("鹭平市芯测科技有限公司", "company") == "Luping Xince Technology Co., Ltd."


def test_company_with_bracketed_place():
    assert (
        label("昊衡智能科技（榆川）有限公司", "company")
        == "Haoheng Intelligent Technology (Yuchuan) Co., Ltd."
    )
    assert (
        label("昊衡智能科技(榆川市)有限公司", "company")
        == "Haoheng Intelligent Technology (Yuchuan) Co., Ltd."
    )


def test_joint_stock_company_party_committee():
    assert (
        label("沧澜芯测股份有限公司党委", "party_committee")
        == "CPC Committee of Canglan Xince Co., Ltd. (joint-stock)"
    )


def test_university_and_research_institute():
    assert label("鹭平职业技术学院", "university") == "Luping Vocational and Technical College"
    assert label("沧澜大学", "university") == "Canglan University"
    assert label("榆川芯测研究院", "research_institute") == "Yuchuan Xince Research Institute"


def test_media_centre_and_incubator():
    assert label("鹭平融媒体中心", "media") == "Luping Media Centre"
    assert label("鹭平孵化器", "incubator") == "Luping Incubator"


def test_known_place_splits_run():
    assert english_label("芯测沧澜研究院", kind="research_institute", places={"沧澜": "Canglan"}) == (
        "Xince Canglan Research Institute"
    )


# --- programmes and policies ----------------------------------------------------------------------


def test_programme_in_quotes():
    assert (
        label("“十四五”数字经济发展规划", "programme")
        == '"14th Five-Year Plan" Digital Economy Development Plan'
    )


def test_quoted_part_in_pinyin_and_english():
    assert (
        label("鹭平“双创”示范基地", "park")
        == 'Luping "Mass Entrepreneurship and Innovation" Demonstration Base'
    )
    assert label("“澜舟”行动", "programme") == '"Lanzhou" Action'


def test_policy_about_frame():
    assert (
        label("关于促进数字经济高质量发展的若干措施", "policy")
        == "Measures on Promoting Digital Economy High-quality Development"
    )


def test_policy_with_book_title_marks_and_years():
    assert (
        label("《鹭平市数字经济发展三年行动计划（2023—2025年）》", "policy")
        == "Luping Digital Economy Development Three-Year Action Plan (2023-2025)"
    )


# --- pinyin ---------------------------------------------------------------------------------------


def test_polyphonic_characters_read_as_phrases():
    # 重 alone reads zhong; in the phrase 重建 (rebuild) it reads chong.
    assert label("鹭平重建项目", "project") == "Luping Chongjian Project"


def test_apostrophe_between_syllables_and_u_umlaut():
    assert label("鹭安", "place") == "Lu'an"
    assert label("绿澜", "place") == "Lyulan"


def test_accented_latin_letters_are_folded():
    assert label("Café鹭平", "company") == "Cafe Luping"


# --- safety and determinism -----------------------------------------------------------------------

AWKWARD_NAMES = [
    "鹭平<script>alert('x')</script>科技有限公司",
    '"> ; DROP TABLE entities; --',
    "榆川\x00\x07\x1b[31m高新区\u200b\u202e",
    "沧澜省　工业和信息化厅",
    "（）“”《》",
    "\x00",
    "",
    "한국어",
    "𠀀𠀁",
    "鹭平" * 60 + "有限公司",
]


ORDINARY_NAMES = ["沧澜省工业和信息化厅", "欧阳澈", "昊衡智能科技（榆川）有限公司"]


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("name", [*AWKWARD_NAMES, *ORDINARY_NAMES])
def test_english_label_is_ascii_printable(name, kind):
    text = english_label(name, kind=kind)
    assert PRINTABLE_ASCII.match(text)
    assert text == " ".join(text.split())
    assert not re.search(r"[<>;`\\{}\[\]=]", text)


def test_nothing_writable_gets_placeholder():
    first = english_label("\x00\x07", kind="company")
    assert re.fullmatch(r"Unnamed company [0-9a-f]{8}", first)
    assert english_label("\x00\x07", kind="company") == first
    assert english_label("한국어", kind="party_committee").startswith("Unnamed party committee ")


def test_unknown_kind_raises():
    with pytest.raises(ValueError, match="kind 'org' is not one of"):
        english_label("鹭平市", kind="org")


def test_labels_do_not_depend_on_hash_seed():
    code = (
        "from parkgraph.extract.english import SlugRegistry\n"
        "r = SlugRegistry()\n"
        "print(r.assign([('鹭平市', 'place'), ('鹭平', 'place'), ('中共鹭平市委', 'party_committee'),"
        " ('\\x00', 'company'), ('\\x01', 'company')]))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


def test_import_does_not_load_pypinyin():
    # pypinyin's phrase data take a quarter of a second; only the first label should pay for it.
    code = "import sys, parkgraph.extract.english; print('pypinyin' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- slugs ----------------------------------------------------------------------------------------


def test_slugify_words_and_punctuation():
    assert slugify("Luping Municipal People's Government") == "luping-municipal-peoples-government"
    assert slugify("Haoheng Intelligent Technology (Yuchuan) Co., Ltd.") == (
        "haoheng-intelligent-technology-yuchuan-co-ltd"
    )
    assert slugify("R&D Centre") == "r-and-d-centre"
    assert slugify("Café Zürich") == "cafe-zurich"


def test_slug_of_nothing_ascii_is_stable_hash():
    assert re.fullmatch(r"h-[0-9a-f]{10}", slugify("鹭平"))
    assert slugify("鹭平") == slugify("鹭平")
    assert slugify("鹭平") != slugify("榆川")
    assert SLUG_RE.match(slugify(""))


def test_long_slug_is_cut_at_word_boundary():
    slug = slugify("Canglan " * 30, max_length=40)
    assert len(slug) <= 40 and SLUG_RE.match(slug) and slug.endswith("canglan")


def test_slug_re_is_the_iris_one():
    from parkgraph.iris import SLUG_RE as IRIS_SLUG_RE

    assert SLUG_RE.pattern == IRIS_SLUG_RE.pattern


def test_same_name_same_slug():
    registry = SlugRegistry()
    first = registry.slug("昊衡智能科技（榆川）有限公司", kind="company")
    assert registry.slug("昊衡智能科技（榆川）有限公司", kind="company") == first
    assert registry.slug("昊衡智能科技(榆川)有限公司", kind="company") == first  # half-width brackets
    assert first == "haoheng-intelligent-technology-yuchuan-co-ltd"
    assert len(registry) == 1


def test_slug_collision_gets_suffix():
    registry = SlugRegistry()
    assert registry.slug("鹭平市", kind="place") == "luping"
    assert registry.slug("鹭平", kind="place") == "luping-2"
    assert registry.slug("鹭平市", kind="government") == "luping-3"
    assert registry.slug("鹭平", kind="place") == "luping-2"
    assert registry.label("鹭平", kind="place") == "Luping"


def test_slug_suffix_skips_natural_slug():
    registry = SlugRegistry(reserved=["luping", "luping-2"])
    assert registry.slug("鹭平市", kind="place") == "luping-3"
    assert "luping-3" in registry


def test_slug_collision_order_is_deterministic_in_assign():
    names = [("鹭平市", "place"), ("鹭平", "place"), ("鹭平市", "government"), ("榆川", "place")]
    forward = SlugRegistry().assign(names)
    backward = SlugRegistry().assign(list(reversed(names)))
    assert forward == backward
    assert sorted(forward.values()) == ["luping", "luping-2", "luping-3", "yuchuan"]


def test_slug_suffix_fits_max_length():
    registry = SlugRegistry(max_length=20)
    slugs = [registry.slug("鹭平" * 20 + suffix, kind="place") for suffix in ("甲", "乙", "丙")]
    assert len(set(slugs)) == 3
    assert all(len(slug) <= 20 and SLUG_RE.match(slug) for slug in slugs)


def test_reserved_slug_must_be_a_slug():
    with pytest.raises(ValueError, match="reserved slug"):
        SlugRegistry(reserved=["Not A Slug"])


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_slug_of_markup_and_injection_is_safe(name):
    registry = SlugRegistry()
    for kind in ("company", "person", "programme"):
        assert SLUG_RE.match(registry.slug(name, kind=kind))
    assert SLUG_RE.match(slugify(name))


def test_slugs_of_names_without_writable_text_differ():
    registry = SlugRegistry()
    assert registry.slug("\x00", kind="company") != registry.slug("한국어", kind="company")


# --- the glossary ---------------------------------------------------------------------------------


def test_glossary_covers_institutional_vocabulary():
    glossary = default_glossary()
    assert len(glossary.words) >= 150
    words = "人民政府 管委会 党工委 有限公司 高新技术产业开发区 孵化器 融媒体中心 新能源"
    assert all(word in glossary.words for word in words.split())
    assert all(PRINTABLE_ASCII.match(e.en) or e.en == "" for e in glossary.words.values())
    assert glossary.compound_surnames["欧阳"] == "Ouyang"


def test_glossary_unknown_field_fails_with_word():
    with pytest.raises(GlossaryError, match=r"'园区'.*unknown field"):
        Glossary.from_data({"groups": {"parks": {"words": {"园区": {"en": "Park", "ordre": "of"}}}}})


def test_glossary_word_twice_fails():
    data = {"groups": {"a": {"words": {"园区": "Park"}}, "b": {"words": {"园区": "Zone"}}}}
    with pytest.raises(GlossaryError, match="listed twice"):
        Glossary.from_data(data)


def test_glossary_non_ascii_english_fails():
    with pytest.raises(GlossaryError, match="not printable ASCII"):
        Glossary.from_data({"groups": {"a": {"words": {"园区": "Parc é"}}}})


def test_custom_glossary_changes_convention():
    data = {
        "levels": {"市": {"place": "{} City", "modifier": "{} City", "adjective": "{} City"}},
        "groups": {"gov": {"role": "organ", "words": {"人民政府": "People's Government"}}},
    }
    glossary = Glossary.from_data(data)
    assert (
        english_label("鹭平市人民政府", kind="government", glossary=glossary)
        == "Luping City People's Government"
    )


@pytest.mark.parametrize(
    "name",
    [
        "(" * 500 + "鹭平" + ")" * 500,
        "管委会" * 1000,
        "管委会局" * 500,
        "鹭" * 10_000,
        "“" * 301,
        "办" * 1000,
    ],
)
def test_hostile_names_are_cheap_and_safe(name):
    text = english_label(name, kind="government")
    assert PRINTABLE_ASCII.match(text)
    assert SLUG_RE.match(slugify(text))


# --- titles, bodies and indicators of the genre come from the glossary, never pinyin (issue 20) ----


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("书记", "Secretary"),
        ("副书记", "Deputy Secretary"),
        ("主任", "Director"),
        ("市长", "Mayor"),
        ("副县长", "Deputy County Magistrate"),
        ("副校长", "Vice President"),
        ("董事长", "Chairman"),
        ("二级调研员", "Second-grade Consultant"),
        ("副主委", "Vice Chairman"),
        ("记者", "Reporter"),
    ],
)
def test_post_titles_are_translated_not_romanised(name: str, english: str) -> None:
    assert label(name, "work") == english


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("地区生产总值", "GDP"),
        ("新增市场主体", "New Market Entities"),
        ("总投资", "Total Investment"),
        ("规上工业增加值", "Value Added of Industry above Designated Size"),
        ("基础设施类项目", "Infrastructure Project"),
    ],
)
def test_indicators_are_translated_not_romanised(name: str, english: str) -> None:
    assert label(name, "work") == english


def test_zhengfawei_of_a_city_committee_is_its_commission() -> None:
    assert (
        label("鹭平市委政法委", "party_committee")
        == "Political and Legal Affairs Commission of the CPC Luping Municipal Committee"
    )


def test_minjian_shiweihui_is_the_democratic_partys_city_committee() -> None:
    assert label("民建鹭平市委会", "party_committee") == (
        "China National Democratic Construction Association Luping Municipal Committee"
    )


def test_gongwei_and_chanye_xincheng_of_a_zone() -> None:
    assert (
        label("榆川经济开发区工委", "party_committee")
        == "Working Committee of Yuchuan Economic Development Zone"
    )
    assert label("棠阴青岚产业新城", "zone") == "Tangyin Qinglan Industrial New City"


def test_is_generic_tells_descriptions_from_names() -> None:
    from parkgraph.extract.english import is_generic

    assert is_generic("新能源") and is_generic("生态") and is_generic("智能科技")
    assert not is_generic("鹭平") and not is_generic("芯测微电子") and not is_generic("")
