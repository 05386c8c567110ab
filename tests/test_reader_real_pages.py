"""Rules of the reader for real pages of any site (issue 20), each on fictional lines written for
these tests: pages read without a headline, dates beside other fields, the chrome that shares a line
with the dateline or follows the text. Whole pages of each class are the conformance cases in
``tests/captures/`` (``tests/test_captures.py``)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from parkgraph.build import build
from parkgraph.reader import Sidecar, parse_capture
from parkgraph.reader.datelines import clean_dateline, clean_fields, parse_meta_line
from parkgraph.reader.lines import clean_title, ends_body, is_chrome

from .conftest import copy_project

BEIJING = timezone(timedelta(hours=8))
TITLE = "青岚高新区新增省级专精特新企业8家"
FIRST = "8月24日，澜江省工业和信息化厅公布省级专精特新中小企业名单，青岚高新区8家企业入选。"
SECOND = "截至目前，青岚高新区已累计培育省级以上专精特新企业41家，其中国家级企业6家。"


def read(text: str, tmp_path: Path, name: str = "page.txt"):  # type: ignore[no-untyped-def]
    return parse_capture(text, path=tmp_path / name)


# --- dates beside other fields ----------------------------------------------------------------------


def test_laiyuan_with_the_date_run_in_gives_source_and_date() -> None:
    meta = parse_meta_line("来源:鹭平日报2025-08-25 10:49")
    assert meta is not None
    assert meta.source == "鹭平日报" and meta.published == datetime(2025, 8, 25, 10, 49, tzinfo=BEIJING)


def test_date_before_empty_labels_and_a_reading_count_is_read() -> None:
    meta = parse_meta_line("2020-09-21 责任编辑: 作者: 来源:鹭平日报 阅读量:7648")
    assert meta is not None
    assert (meta.published, meta.source, meta.author) == (date(2020, 9, 21), "鹭平日报", None)


def test_shijian_with_an_unpadded_month_is_the_date() -> None:
    meta = parse_meta_line("时间: 2023-1-31 09:06")
    assert meta is not None and meta.published == datetime(2023, 1, 31, 9, 6, tzinfo=BEIJING)


def test_date_split_over_three_lines_is_one_date_time(tmp_path: Path) -> None:
    article = read(f"{TITLE}\n2015\n12/23\n22:07\n{FIRST}\n{SECOND}\n", tmp_path)
    assert article.published == datetime(2015, 12, 23, 22, 7, tzinfo=BEIJING)
    assert article.title == TITLE and article.paragraphs == (FIRST, SECOND)


def test_traditional_fabu_shijian_and_laiyuan_are_read() -> None:
    meta = parse_meta_line("發佈時間: 2019-05-14 15:33:42 | 來源: 瀾江網 | 作者: 林曉")
    assert meta is not None
    assert meta.published == datetime(2019, 5, 14, 15, 33, 42, tzinfo=BEIJING)
    assert (meta.source, meta.author) == ("瀾江網", "林曉")


# --- the dateline's furniture stays out of the text --------------------------------------------------


def test_liulan_cishu_font_toolbar_and_empty_zhongshen_leave_only_the_date() -> None:
    assert (
        clean_dateline("发布时间:2024-01-02 10:00 浏览次数: 【字体: 大 中 小】 终审:")
        == "发布时间:2024-01-02 10:00"
    )


def test_empty_zeren_bianji_and_zuozhe_and_yueduliang_leave_the_dateline() -> None:
    assert (
        clean_dateline("2020-09-21 责任编辑: 作者: 来源:鹭平日报 阅读量:7648") == "2020-09-21 来源:鹭平日报"
    )


def test_dianji_and_shoucang_beside_laiyuan_make_the_line_a_toolbar() -> None:
    assert clean_dateline("来源: 青岚广播电视台 点击: 收藏") is None


def test_clean_dateline_keeps_its_separators() -> None:
    assert clean_dateline("来源：鹭平日报 | 发布时间：2023-09-14 | 浏览：521次 | 作者：葛文涛") == (
        "来源：鹭平日报 | 发布时间：2023-09-14 | 作者：葛文涛"
    )


def test_dateline_without_furniture_is_unchanged() -> None:
    line = "2022年09月03日 17:59 鹭平网 作者 鹭平新闻"
    assert clean_dateline(line) == line


def test_credit_line_of_empty_labels_and_zeren_bianji_is_no_credit() -> None:
    assert clean_fields("来源: 作者:  责任编辑:俞霏") is None
    assert clean_fields("编辑：许嘉禾") == "编辑：许嘉禾"


def test_forum_handle_is_no_author() -> None:
    meta = parse_meta_line("作者: lp2021    时间: 2023-1-31 09:06")
    assert meta is not None and meta.author is None
    assert clean_dateline("作者: lp2021    时间: 2023-1-31 09:06") == "时间: 2023-1-31 09:06"


def test_zuozhe_bangongshi_is_no_reporter() -> None:
    meta = parse_meta_line("发布时间：2024-05-08 10:30　作者：办公室")
    assert meta is not None and meta.author is None and meta.fields["author"] == "办公室"


# --- chrome that reached the body ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "• 上一篇：青岚高新区召开二季度经济形势分析会",
        "  · 下一篇：鹭平市举办校企人才对接会",
        "[编辑:严可馨]",
        "（编辑：严可馨）",
        "鹭平日报编辑:葛文涛",
        "关注鹭平发布官方微信平台",
        "扫描二维码分享到微信",
        "二维码",
        "分享更多",
        "分享让更多人看到",
        "本文所在版面导航",
        "【本文所在版面导航】",
        "新闻推荐",
        "更多资讯请关注鹭平发布官方微信平台",
        "近期报纸查看",
        "文章搜索",
        "回到首页 回到顶部",
        "主办单位及版权所有:青岚县中小企业服务中心",
        "本文来源鹭平网,作者:lp2021,原文:https://news.example.cn/1.html",
    ],
)
def test_line_ends_the_body(line: str) -> None:
    assert ends_body(line), line


@pytest.mark.parametrize(
    "line",
    [
        "提醒:你正在使用的浏览器内核版本过低,请尽快升级你的浏览器。详情",
        "第A03版：经济",
        "唯一号：320100-2016-0815-0042",
        "分类号：F127",
        "服务中心服务电话:",
        "DSC_3566.JPG",
        "（资料图）",
        "|",
        "· 《鹭平高新区》栏目设置[05/29]",
        "關閉窗口",
        "切换到宽版",
        "<!-- /2024/web/banner01 -->",
        "2024年5月23日  星期四  多云转晴 21~33°C",
    ],
)
def test_line_is_chrome(line: str) -> None:
    assert is_chrome(line), line


@pytest.mark.parametrize(
    "line", [FIRST, "编辑：许嘉禾", "鹭平日报记者 林晓", "2024年5月6日", "【正文】", "二、主要任务"]
)
def test_article_line_is_neither_chrome_nor_an_end(line: str) -> None:
    assert not is_chrome(line) and not ends_body(line), line


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        ("园区产值增长12%。[编辑:林晓]", "园区产值增长12%。"),
        ("园区产值增长12%。鹭平日报编辑：周宁", "园区产值增长12%。"),
        ("“园区将加快建设。”（责任编辑：韦珺）", "“园区将加快建设。”"),
        ("鹭平日报编辑部召开座谈会，编辑：周宁等参加。", "鹭平日报编辑部召开座谈会，编辑：周宁等参加。"),
    ],
)
def test_editor_credit_run_into_a_paragraph_is_cut_off(tmp_path: Path, paragraph: str, kept: str) -> None:
    article = read(f"{TITLE}\n2024-08-25 10:49　来源：鹭平日报\n{FIRST}\n{paragraph}\n", tmp_path)
    assert article.paragraphs == (FIRST, kept)


def test_biaoti_label_and_print_button_leave_the_title() -> None:
    assert clean_title(f"标题: {TITLE} [打印本页]") == TITLE
    assert clean_title(f"{TITLE}******") == TITLE


# --- the title ----------------------------------------------------------------------------------------


def test_headline_repeated_above_the_text_is_one_title(tmp_path: Path) -> None:
    article = read(
        f"{TITLE}\n2024-08-25 10:49　来源：鹭平日报\n{TITLE}\n有省级专精特新企业41家\n{FIRST}\n", tmp_path
    )
    assert article.title == TITLE and article.paragraphs == ("有省级专精特新企业41家", FIRST)


def test_wire_copy_opening_with_its_date_is_titled_by_its_first_sentence(tmp_path: Path) -> None:
    first = "澜江社鹭平5月6日电（记者 林晓）鹭平高新区一季度新引进项目14个。这是记者6日获悉的。"
    article = read(f"2024-05-06 10:20\n{first}\n{SECOND}\n", tmp_path, "wire.txt")
    assert article.title == "鹭平高新区一季度新引进项目14个"
    assert article.dateline == "2024-05-06 10:20" and article.paragraphs == (first, SECOND)
    assert article.publisher == "澜江社" and article.reporter == "林晓"
    assert len(article.warnings) == 1 and "wire.txt: has no headline" in article.warnings[0]


def test_page_with_only_shijian_and_laiyuan_above_the_text_is_read(tmp_path: Path) -> None:
    article = read(
        f"当前位置：首页 > 工作动态\n时间：2023-1-31 09:06　来源：青岚高新区管委会\n{FIRST}\n", tmp_path
    )
    assert article.title == "8月24日，澜江省工业和信息化厅公布省级专精特新中小企业名单，青岚高新区8家企业入选"
    assert article.source == "青岚高新区管委会" and article.paragraphs == (FIRST,)


def test_month_cut_from_its_day_by_a_line_break_stays_in_the_body(tmp_path: Path) -> None:
    day = "28日，青岚经济开发区重点项目集中开工仪式举行，标志着园区建设再迈上新台阶。"
    article = parse_capture(
        f"{TITLE}\n来源：青岚广播电视台\n12\n{day}\n",
        path=tmp_path / "a.txt",
        sidecar=Sidecar(published=date(2023, 12, 28)),
    )
    assert article.title == TITLE and article.paragraphs == ("12", day)


def test_number_alone_inside_the_text_is_a_count(tmp_path: Path) -> None:
    article = read(f"{TITLE}\n2024-08-25 10:49　来源：鹭平日报\n{FIRST}\n166\n{SECOND}\n", tmp_path)
    assert article.paragraphs == (FIRST, SECOND)


def test_count_above_the_text_is_still_a_widget(tmp_path: Path) -> None:
    article = read(f"{TITLE}\n2024-08-25 10:49　来源：鹭平日报\n12\n{FIRST}\n", tmp_path)
    assert article.paragraphs == (FIRST,)


def test_excerpt_cut_mid_number_is_read_and_marked_cut_off(tmp_path: Path) -> None:
    article = read(
        f"{TITLE}\n2024-07-02 09:15　来源：鹭平日报\n{FIRST}\n7月1日，园区共签约项目28个，总投资12.", tmp_path
    )
    assert article.cut_off and article.paragraphs[-1].endswith("总投资12.")
    assert not read(f"{TITLE}\n2024-07-02 09:15\n{FIRST}\n", tmp_path).cut_off


# --- the build reports what the reader guessed ----------------------------------------------------------


def test_build_reads_a_page_without_headline_and_warns_naming_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    first = "澜江社鹭平5月6日电（记者 林晓）鹭平高新区一季度新引进项目14个，总投资86亿元。"
    (project.corpus_dir / "204_headless.txt").write_text(f"2024-05-06 10:20\n{first}\n{SECOND}\n", "utf-8")
    result = build(project, jobs=1)
    assert result.validation.conforms and not result.set_aside
    assert any("204_headless.txt: has no headline" in w for w in result.stats["warnings"])
    assert "204_headless.txt: has no headline" in result.summary()
    report = json.loads(project.out_dir.joinpath("build-report.json").read_text(encoding="utf-8"))
    [entry] = [f for f in report["files"] if f["article"] == "204_headless"]
    assert entry["status"] == "extracted"
    assert entry["warnings"][0].startswith("corpus/204_headless.txt: has no headline")


def test_html_page_without_any_title_is_read_with_its_first_sentence(tmp_path: Path) -> None:
    from parkgraph.reader import parse_html_capture

    html = (
        '<html><head><meta name="PubDate" content="2024-05-08 10:30"></head><body><div class="content">'
        f"<p>{FIRST}</p><p>{SECOND}</p></div></body></html>"
    )
    article = parse_html_capture(html, path=tmp_path / "notitle.html")
    assert article.title == FIRST.rstrip("。") and article.paragraphs == (FIRST, SECOND)
    assert len(article.warnings) == 1 and "notitle.html: has no headline" in article.warnings[0]


# --- phase 2 (issue 20): classes seen on the even half of the real pages and on the smoke pages -----------


def test_pinyin_glosses_of_a_converted_page_leave_labels_and_names(tmp_path: Path) -> None:
    article = read(
        "鷺平開(kāi)發區新增企業8家\n2007-06-04 記者:林曉 來(lái)源:瀾江經(jīng)濟報\n"
        "青嵐開(kāi)發區今年新增企業8家,商務(wù)局表示,園區將繼續擴大招商。\n",
        tmp_path,
    )
    assert article.title == "鷺平開發區新增企業8家" and article.source == "瀾江經濟報"
    assert article.reporter == "林曉" and "(k" not in article.text


def test_brackets_that_are_no_gloss_stay() -> None:
    from parkgraph.reader.lines import clean_line

    assert clean_line("循环经济示范(试验)区 (A)区") == "循环经济示范(试验)区 (A)区"


@pytest.mark.parametrize(
    "line",
    [
        "要闻    |    澜江远洋    |    外商在鹭平    |    直观澜江    |    视频    |    市州新闻",
        "首页  |  头条  |  要闻  |  澜江  |  国内  |  文旅  |  财金  |  吃喝  | ",
        "当前版:02版",
        "通版阅读请点击:",
        "展开通版",
        "收缩通版",
        "页面",
        "辅助线",
        "退出长者模式",
        "知识类型: 析出资源",
        "颗粒名称: 青岚县考察团来鹭平考察",
        "内容",
    ],
)
def test_phase_two_line_is_chrome(line: str) -> None:
    assert is_chrome(line), line


def test_head_of_a_table_between_bars_is_no_menu() -> None:
    assert not is_chrome("序号 | 园区名称 | 所在地 | 运营主体 | 备注")
    assert not is_chrome("2024-02-28  |  鹭平日报  |  林晓  |  周宁  |  韦珺")


def test_editor_credit_run_into_two_outlets_joined_by_a_dot_ends_the_body() -> None:
    assert ends_body("鹭平晚报·澜江新闻网编辑:葛文涛")


def test_font_buttons_and_a_take_away_qr_leave_the_dateline() -> None:
    line = "2023-02-14 11:00:41 大字体 小字体 扫码带走"
    meta = parse_meta_line(line)
    assert meta is not None and (meta.author, meta.source, meta.outlet) == (None, None, None)
    assert clean_dateline(line) == "2023-02-14 11:00:41"


def test_epaper_page_header_above_the_headline_is_no_title(tmp_path: Path) -> None:
    article = read(
        f"通版阅读请点击:\n展开通版\n收缩通版\n当前版:02版\n发布日期:2024年08月25日\n{TITLE}\n{FIRST}\n{SECOND}\n",
        tmp_path,
    )
    assert article.title == TITLE and article.paragraphs == (FIRST, SECOND)
    assert article.publisher is None and "当前版" not in article.text and "发布日期" not in article.text
    assert article.published == date(2024, 8, 25)


def test_site_name_below_an_accessibility_toolbar_is_the_publisher(tmp_path: Path) -> None:
    article = read(
        f"页面\n配色\n辅助线\n重置\n澜江省园区发展和投资促进服务中心官方网站\n当前位置:首页 > 工作动态\n"
        f"{TITLE}\n2024-08-25 10:49     来源:鹭平日报\n{FIRST}\n",
        tmp_path,
    )
    assert article.publisher == "澜江省园区发展和投资促进服务中心" and article.source == "鹭平日报"


def test_feature_name_below_a_toolbar_is_no_publisher(tmp_path: Path) -> None:
    article = read(
        f"无障碍浏览\n退出长者模式\n青岚高新区新闻发布会专题\n首页 > 青岚高新区新闻发布会\n"
        f"{TITLE}\n发布日期:2024-08-25 10:49 来源:青岚高新区\n{FIRST}\n",
        tmp_path,
    )
    assert article.publisher is None and article.source == "青岚高新区"


def test_menu_between_bars_is_no_publisher(tmp_path: Path) -> None:
    article = read(
        f"要闻 | 澜江远洋 | 外商在鹭平 | 直观澜江 | 视频 | 市州新闻\n\n{TITLE}\n"
        f"2024-08-25 10:49来源:鹭平日报责编:林晓\n{FIRST}\n",
        tmp_path,
    )
    assert article.publisher is None and article.source == "鹭平日报"


def test_staff_credits_above_zebian_are_the_sites_furniture(tmp_path: Path) -> None:
    article = read(
        f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n{SECOND}\n编辑:严可馨\n责编:葛文涛\n审核:周宁\n"
        "扫一扫二维码下载\n",
        tmp_path,
    )
    assert article.paragraphs == (FIRST, SECOND) and article.credits == ()
    assert "严可馨" not in article.text and "周宁" not in article.text


def test_credits_without_zebian_stay_the_texts(tmp_path: Path) -> None:
    credits = "来源：鹭平日报\n编辑：严可馨\n审核：周宁\n"
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n{credits}", tmp_path)
    assert article.credits == ("来源：鹭平日报", "编辑：严可馨", "审核：周宁")


def test_laiyuan_credit_above_zebian_stays(tmp_path: Path) -> None:
    credits = "来源：鹭平日报\n编辑：严可馨\n责任编辑：周宁\n"
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n{credits}", tmp_path)
    assert article.credits == ("来源：鹭平日报",)


def test_archive_record_fields_and_its_abstract_stay_above_the_text(tmp_path: Path) -> None:
    lead = "本报讯(记者 林晓)8月24日,青岚县考察团来鹭平考察鹭平高新区和枫渡工业园。市委书记周宁陪同考察。"
    article = parse_capture(
        f"{TITLE}\n\n知识类型: 析出资源\n查看原文\n内容出处: 《鹭平日报》 报纸\n唯一号: 310520020230003567\n"
        f"颗粒名称: {TITLE}\n分类号: G210\n摘要: {lead[13:]}\n关键词: 市委 考察团 工业\n"
        f"\n内容\n\n{lead}\n{SECOND}\n",
        path=tmp_path / "record.txt",
        sidecar=Sidecar(published=date(2009, 9, 15)),
    )
    assert article.title == TITLE and article.paragraphs == (lead, SECOND)
    assert article.reporter == "林晓"


def test_neirong_zhaiyao_sentence_under_the_dateline_is_no_paragraph(tmp_path: Path) -> None:
    article = read(
        f"首页 >> 管理学 >> 管理动态\n{TITLE}\n2024年08月25日 16:03 来源:鹭平日报 作者: 字号\n"
        f"关键词:;鹭平;高新区\n\n内容摘要:{FIRST}\n\n关键词:;鹭平;高新区\n\n作者简介:\n\n{FIRST}\n{SECOND}\n",
        tmp_path,
    )
    assert article.paragraphs == (FIRST, SECOND)


def test_zhaiyao_inside_the_text_stays(tmp_path: Path) -> None:
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n摘要：{SECOND}\n", tmp_path)
    assert article.paragraphs == (FIRST, f"摘要：{SECOND}")


def test_picture_placeholder_above_the_text_is_a_widget(tmp_path: Path) -> None:
    head = f"{TITLE}\n\n2024-08-25 10:49:50\n浏览量 30213\n\n图片\n\n"
    article = read(f"{head}{FIRST}\n\n图片\n\n{SECOND}\n", tmp_path)
    assert article.paragraphs == (FIRST, "图片", SECOND)


def test_alt_text_joiner_of_a_picture_is_read_as_a_space(tmp_path: Path) -> None:
    caption = "签约现场 供图 青岚高新区党工委宣传部"
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n{TITLE}_fororder_{caption}\n{caption}\n", tmp_path)
    assert article.paragraphs == (FIRST, f"{TITLE} {caption}", caption)


def test_caption_repeated_and_cut_by_the_excerpt_ends_the_body_before_it(tmp_path: Path) -> None:
    caption = "青岚高新区党工委副书记、管委会主任林晓主持 供图 青岚高新区党工委宣传部"
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n{TITLE} {caption}\n\n青岚高新区党工委副", tmp_path)
    assert article.paragraphs == (FIRST, f"{TITLE} {caption}")


def test_closing_byline_that_the_first_paragraph_also_names_stays(tmp_path: Path) -> None:
    first = "澜江社鹭平5月6日电（记者 林晓）鹭平高新区一季度新引进项目14个。"
    article = read(f"{TITLE}\n2024-05-06 10:20\n{first}\n{SECOND}\n（记者 林晓）\n", tmp_path)
    assert article.paragraphs[-1] == "（记者 林晓）"


def test_author_credit_with_a_slash_wen_is_the_author_not_an_outlet() -> None:
    meta = parse_meta_line("2016年09月29日 15:15 鹭平建材网 lxw/文")
    assert meta is not None and (meta.author, meta.outlet) == ("lxw", "鹭平建材网")
    meta = parse_meta_line("2016年09月29日 15:15 文/林晓")
    assert meta is not None and meta.author == "林晓" and meta.outlet is None


def test_name_alone_beside_the_date_is_the_author_when_it_is_a_persons(tmp_path: Path) -> None:
    meta = parse_meta_line("葛文涛 2012-12-25 09:13:46")
    assert meta is not None and (meta.author, meta.outlet) == ("葛文涛", None)
    article = read(f"{TITLE}\n葛文涛\n2012-12-25 09:13:46\n{FIRST}\n", tmp_path)
    assert article.reporter == "葛文涛" and article.publisher is None


def test_handle_alone_beside_the_date_is_no_outlet() -> None:
    meta = parse_meta_line("浅溪 2015-09-24")
    assert meta is not None and (meta.author, meta.outlet) == (None, None)


def test_outlet_alone_beside_the_date_is_still_the_outlet() -> None:
    meta = parse_meta_line("鹭平日报 2020-10-14 08:50")
    assert meta is not None and (meta.author, meta.outlet) == (None, "鹭平日报")


def test_reporter_run_into_the_laiyuan_is_the_author() -> None:
    meta = parse_meta_line("2021-05-15 10:32 来源:澜江日报 林晓")
    assert meta is not None and (meta.source, meta.author) == ("澜江日报", "林晓")
    meta = parse_meta_line("2021-05-15 10:32 来源:澜江日报 客户端")
    assert meta is not None and meta.author is None


def test_forum_and_video_links_leave_the_dateline() -> None:
    line = "發佈時間:2012年06月06日 10:53 | 進入鷺平論壇 | 來源:瀾江日報 | 手機看視頻"
    assert clean_dateline(line) == "發佈時間:2012年06月06日 10:53 | 來源:瀾江日報"


def test_time_written_right_after_ri_is_read() -> None:
    meta = parse_meta_line("2022年05月27日09:34 | 来源:澜江日报")
    assert meta is not None and meta.published == datetime(2022, 5, 27, 9, 34, tzinfo=BEIJING)


def test_date_repeated_under_the_dateline_is_said_once(tmp_path: Path) -> None:
    article = read(
        f"{TITLE}\n2024年08月25日 16:03 来源:鹭平日报 作者: 字号\n2024年08月25日 16:03\n来源:鹭平日报 作者:\n"
        f"{FIRST}\n",
        tmp_path,
    )
    assert article.dateline == "2024年08月25日 16:03 来源:鹭平日报" and article.paragraphs == (FIRST,)


def test_labelled_line_under_the_headline_is_its_dateline_even_without_a_value(tmp_path: Path) -> None:
    article = parse_capture(
        f"{TITLE}\n作者:网站采编关键词:\n{FIRST}\n",
        path=tmp_path / "a.txt",
        sidecar=Sidecar(published=date(2020, 10, 12)),
    )
    assert article.paragraphs == (FIRST,) and "采编" not in article.text


def test_ju_before_the_agency_of_a_wire_story_is_no_part_of_it(tmp_path: Path) -> None:
    article = parse_capture(
        f"据澜江社鹭平5月6日电 {FIRST}\n{SECOND}\n",
        path=tmp_path / "a.txt",
        sidecar=Sidecar(published=date(2024, 5, 6)),
    )
    assert article.publisher == "澜江社"


def test_wen_tu_after_the_reporters_name_is_no_part_of_it(tmp_path: Path) -> None:
    article = read(f"{TITLE}\n2019-08-22\n本报讯(记者林晓文/图){FIRST}\n", tmp_path)
    assert article.reporter == "林晓"


def test_photo_caption_run_into_the_next_paragraph_is_a_line_of_its_own(tmp_path: Path) -> None:
    caption = "青岚县溪口工业园区。 林晓 摄"
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n{caption}{SECOND}\n", tmp_path)
    assert article.paragraphs == (FIRST, caption, SECOND)


def test_caption_before_benbaoxun_is_a_line_of_its_own(tmp_path: Path) -> None:
    lead = f"本报讯(记者 林晓){FIRST}"
    article = read(f"{TITLE}\n2024-08-25 10:49\n建设中的青岚科创中心{lead}\n", tmp_path)
    assert article.paragraphs == ("建设中的青岚科创中心", lead) and article.reporter == "林晓"


def test_sentence_followed_by_a_verb_with_she_is_no_caption(tmp_path: Path) -> None:
    paragraph = "项目进展顺利。该公司拍摄的宣传片已在园区展映，吸引企业前来洽谈。"
    article = read(f"{TITLE}\n2024-08-25 10:49\n{paragraph}\n", tmp_path)
    assert article.paragraphs == (paragraph,)


def test_product_links_after_a_repost_leave_the_body(tmp_path: Path) -> None:
    links = "\n输送带批发\n\n鹭平锐科\n\n其他工程机械\n"
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n{SECOND}\n{links}", tmp_path)
    assert article.paragraphs == (FIRST, SECOND)


def test_bodies_signing_a_notice_are_no_link_list(tmp_path: Path) -> None:
    signed = ("鹭平市发展和改革委员会", "鹭平市财政局", "鹭平市工业和信息化局")
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n" + "\n".join(signed) + "\n", tmp_path)
    assert article.paragraphs == (FIRST, *signed)


def test_two_short_lines_after_the_text_stay(tmp_path: Path) -> None:
    article = read(f"{TITLE}\n2024-08-25 10:49\n{FIRST}\n园区风貌\n青岚科创中心\n", tmp_path)
    assert article.paragraphs == (FIRST, "园区风貌", "青岚科创中心")


def test_headline_run_into_the_lead_before_its_date_is_the_headline(tmp_path: Path) -> None:
    article = read(f"{TITLE}-【新闻】\n发布时间:2021-05-24 08:01:28\n{TITLE}{FIRST}\n{SECOND}\n", tmp_path)
    assert article.title == TITLE and article.paragraphs == (FIRST, SECOND)


def test_lead_restating_the_headline_as_its_first_clause_is_kept(tmp_path: Path) -> None:
    lead = f"{TITLE}，总投资12亿元，将于年内投产。"
    article = read(f"{TITLE}\n2024-08-25 10:49\n{lead}\n", tmp_path)
    assert article.paragraphs == (lead,)


def test_newsletters_greeting_above_its_items_is_chrome(tmp_path: Path) -> None:
    greeting = "会员朋友们,早上好!欢迎点击鹭平晨报,今天是2024年5月23日,星期四,让我们一起来关注新闻。"
    article = read(f"{TITLE}\n2024-05-22 16:28:39\n\n{greeting}\n\n{FIRST}\n", tmp_path)
    assert article.paragraphs == (FIRST,)
    assert not is_chrome("“各位朋友们，大家好！”鹭平市市长林晓在致辞中说，园区将扩大开放。")


def test_table_bar_after_the_last_field_leaves_the_dateline() -> None:
    assert clean_dateline("2007-06-04 記者:林曉 來源:瀾江日報 |") == "2007-06-04 記者:林曉 來源:瀾江日報"


def test_byline_of_outlets_reporter_and_correspondent_under_the_date_is_the_datelines(tmp_path: Path) -> None:
    byline = "鹭平晚报·澜江新闻网 葛文涛 通讯员 严可馨"
    article = read(f"{TITLE}\n\n2023-02-14 11:00:41 大字体 小字体\n打印\n\n{byline}\n\n{FIRST}\n", tmp_path)
    assert article.dateline == f"2023-02-14 11:00:41\n{byline}"
    assert article.reporter == "葛文涛" and article.paragraphs == (FIRST,)
