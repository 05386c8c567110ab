"""Find the names in an article: people, bodies, companies, institutes, parks, zones, places,
programmes, policies and projects, each a :class:`~parkgraph.extract.spans.Mention` of the text.

Two sources, each doing what it does well:

- the model (LAC, :mod:`parkgraph.extract.lac`) for people and for where words begin and end,
  including the proper parts of names (place names, brands) that no rule could list;
- the genre's naming rules (:mod:`parkgraph.extract.names`): a name is a proper part followed by a
  head word that says what it is (…有限公司, …工业和信息化厅, …产业园, …经开区), so a name is grown
  leftwards from its head over the words that can be part of a name, and typed by the head.
  Titles in 《》 are policies or works; “quoted” names followed by 计划 / 行动 / 孵化器 are
  programmes, incubators and the like.

Overlaps are settled longest first: a person or place inside an organisation's name is not a
mention of its own, except that the place a body is named after is (沧澜省 in 沧澜省工业和信息化厅).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .english import is_generic
from .gazetteer import GAZETTEER
from .lac import Token
from .names import NAME_RULES, NameRules
from .spans import Mention
from .tables import find_tables, table_mentions

__all__ = ["recognise"]

#: Tags of words that can be part of a name (LAC): names, nouns, verbal nouns, numbers in names.
_NAME_TAGS = frozenset({"LOC", "ORG", "PER", "nz", "nw", "n", "vn", "an", "j"})
_PROPER_TAGS = frozenset({"LOC", "ORG", "PER", "nz", "nw"})
_CONNECTORS = frozenset("和与及")
#: Verbs 于 ("at, in") follows, so a 于… the model reads as a person's name is none (发表于澜江).
_YU_VERBS = ("发表", "发布", "位", "成立", "始建", "创建", "落户", "生", "毕业")
_VERB_TAGS = frozenset({"v", "vd", "ad", "d", "p"})
_LEADING_VERB_TAGS = frozenset({"v", "vd", "u", "p", "d", "c"})
_HAN = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f]+$")
_LATIN = re.compile(r"[A-Za-z]")
_POLICY = re.compile(r"《(?P<title>[^《》\n]{2,60})》")
#: A line that is a document's title: who issues it, 关于, what about, and the kind of document
#: (嵩宁省工业和信息化厅关于公布…名单的通知); the title is a policy document, its issuer named first.
_DOCUMENT_TITLE = re.compile(
    r"^(?P<title>[\u4e00-\u9fff（）]{4,40}?关于[^。！？!?\n|｜]{2,80}的(?:通知|意见|办法|决定|公告|通报|批复|规定|方案|实施方案|实施意见|指导意见))$",
    re.MULTILINE,
)
_QUOTED = re.compile(r"[“\"](?P<name>[^“”\"\n]{2,16})[”\"]")
_ALIAS = re.compile(
    r"[（(](?:以下)?(?:简称|下称)[：:]?\s*(?P<aliases>[“\"][^”\"]{2,16}[”\"](?:\s*(?:或|、|和)\s*[“\"][^”\"]{2,16}[”\"])*)"
)
_QUOTED_ALIAS = re.compile(r"[“\"](?P<alias>[^”\"]{2,16})[”\"]")

#: What a project's name may hold besides name words: numbers, measures, adjectives, verbs.
_PROJECT_TAGS = frozenset({"m", "q", "a", "ad", "v", "vd", "vn", "an"})
_NUMERAL = re.compile(r"^[一二三四五六七八九十两几多数\d]+[大个家项批类]?$")

#: A capacity written into a project's name (百万吨, 30万千瓦, 2GW): it names the project.
_MEASURED = re.compile(
    r"^(?:\d+(?:\.\d+)?|[一二三四五六七八九十两百千万亿]+)+(?:万|亿)?(?:吨|千瓦|兆瓦|吉瓦|GW|MW|千伏|标箱|立方米)$"
)
#: A credit after a reporter's name: 文/图 (text and pictures by).
_CREDITED = re.compile(r"文\s*[/／]\s*图")
#: Kinds of names whose proper part is a place or a brand, never words of the glossary alone (a
#: company may be 中国某某银行 in glossary words; a zone named 生态经济区 is only described).
_DESCRIBED_KINDS = frozenset({"zone", "park", "incubator", "platform", "research_institute"})
#: A number of places (三省, 两市): no place's name.
_NUMERAL_PLACE = re.compile(r"[一二三四五六七八九十两几多数各]地?[省市县区州]$")
#: A count right before a noun phrase (6家, 两个): what follows is a kind of thing, not a name.
_COUNTED = re.compile(r"(?:\d+|[一二三四五六七八九十两几数多]+)[家个所座批类项]$")

#: Levels of the divisions whose names (stems included) are names wherever the model puts them
#: inside a name; a county's stem is too often a word (城关, 和平) to be taken unless tagged a name.
_PLACE_LEVELS = {"province": True, "city": True}
#: Words after a city's name that mean its area (某某地区, 某某一带), not a division named so.
_AREA_WORDS = ("地区", "一带", "境内", "全境")
#: Dashes that join two parties inside one name (中国—东盟).
_DASHES = frozenset({"—", "－", "-", "–"})

#: Longest name grown from a head word, in code points.
_MAX_NAME = 40
#: A person's name: a surname and a given name of two to four Han characters in all.
_PERSON = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f]{2,4}$")


def recognise(text: str, tokens: list[Token], rules: NameRules = NAME_RULES) -> list[Mention]:
    """Every name mention in ``text``, given its LAC tokens; sorted, no two overlapping but for
    places inside the names of bodies."""
    boundary_end = {token.end: index for index, token in enumerate(tokens)}
    candidates: list[Mention] = []
    candidates += _grown_names(text, tokens, boundary_end, rules)
    candidates += _quoted(text, rules)
    candidates += _model_names(text, tokens, rules)
    candidates += _titled_names(text, tokens, rules)
    candidates += _listed(text, tokens, rules)
    candidates += _designations(text, rules)
    candidates += _parts(text)
    candidates += _national(text, rules)
    candidates += table_mentions(text, rules)
    candidates += _table_headings(text, rules)
    candidates += _developer_named(text, candidates)
    chosen = [part for mention in _settle(candidates) for part in _split_nested(mention, rules)]
    chosen += _developers_in(chosen, candidates)
    chosen += _issuers(chosen, rules)
    chosen += _agreed_projects(chosen)
    chosen += _places_in_names(chosen, rules)
    chosen += _bare(text, tokens, chosen, rules)
    return sorted(set(chosen))


def aliases(text: str) -> list[tuple[int, int, str]]:
    """``（以下简称“X”或“Y”）``: where each alias is defined (start, end of the bracket) and the alias."""
    return [
        (m.start(), m.end(), quoted.group("alias"))
        for m in _ALIAS.finditer(text)
        for quoted in _QUOTED_ALIAS.finditer(m.group("aliases"))
    ]


def _grown_names(
    text: str, tokens: list[Token], boundary_end: dict[int, int], rules: NameRules
) -> Iterable[Mention]:
    """Names grown leftwards from each head word that ends a word."""
    token_at = {}
    for index, token in enumerate(tokens):
        for position in range(token.start, token.end):
            token_at[position] = index
    for match in rules.head_pattern.finditer(text):
        head_start, end = match.span()
        kind = rules.heads[match.group()]
        if (
            end not in boundary_end
            and not _head_ends_here(text, end)
            and not text.startswith(rules.glue_words, end)
            and not (kind in {"party_committee", "government"} and text.startswith(rules.posts, end))
        ):
            continue  # inside a word, unless a glued verb (大学共建…) or a title (市委书记) follows
        if text.startswith(rules.head_not_before.get(match.group(), ()), end):
            continue  # 项目经理 is a title, not a project
        following = tokens[token_at[end]] if end in token_at else None
        if match.group() in rules.verb_heads and following is not None and following.tag in _VERB_TAGS:
            continue  # 经开区计划新开工: 计划 is the verb "plans to"
        head_tags = _NAME_TAGS | ({"a", "vd", "ad"} if kind in rules.created_kinds else set())
        head_tags |= {"m"} if kind == "project" else set()  # 标准厂房三期: a phase names a project
        if head_start not in token_at:
            continue
        straddling = tokens[token_at[head_start]]
        cut = (
            straddling.start < head_start < straddling.end < end
        )  # 高强科技|企业|孵化器: the model cut the head
        if straddling.tag not in head_tags and not (cut and straddling.tag != "w"):
            continue  # 署 in 签署 is no head: the word it is in is a verb
        index = token_at[head_start]
        start = tokens[index].start
        proper = tokens[index].tag in _PROPER_TAGS and tokens[index].start < head_start
        index -= 1
        verb_inside = False
        while index >= 0 and end - tokens[index].start <= _MAX_NAME:
            token = tokens[index]
            if token.end != tokens[index + 1].start:
                break
            if token.text in _CONNECTORS and index > 0 and _joinable_connector(tokens, index, rules):
                start, index = token.start, index - 1
                continue
            if kind == "project" and (
                token.text.endswith(rules.posts) or (token.tag == "PER" and verb_inside)
            ):
                break  # 书记郑怀远宣布项目: a title, or a person doing what the name's verb says
            if token.text in rules.building_verbs and start - token.end >= 0 and head_start - start >= 2:
                break  # 主要建设|某某软件研发中心: the verb opens the object; 中国建设银行 keeps it
            verb_inside = verb_inside or token.tag == "v"
            other = rules.head_kind(token.text) if kind == "project" else None
            if other is not None and other[1] in {"park", "zone"} and proper:
                break  # 某工业区某某特钢项目: a project with a name of its own, in the park named before it
            if other is not None and other[1] in {"company", "government", "party_committee", "university"}:
                proper = (
                    proper or other[1] == "company"
                )  # 某某有限公司竹缠绕复合管道项目: named by its developer
                break
            if kind == "project" and _project_part(tokens, index, rules):
                start, index = token.start, index - 1  # 二期, 年产10万吨, 回收利用: parts of its name
                proper = (
                    proper or token.text in rules.project_words or _MEASURED.match(token.text) is not None
                )
                continue  # 百万吨乙烯项目: a capacity names a project as 年产 does
            if token.text in "（）()" and token.text:
                start, index = token.start, index - 1  # 绿珀环保科技（雁岭）有限公司
                continue
            if kind in rules.created_kinds and token.tag in {"a", "vd", "ad"} and _nameable(token.text):
                start, index = token.start, index - 1  # 公共服务平台, 联合研发中心: words of what it does
                continue
            if _PLACE_LEVELS.get(GAZETTEER.level(token.text) or "") and len(token.text) >= 2:
                start, index, proper = token.start, index - 1, True  # 凭祥|p 产业园: a city the model
                continue  # took for another word is still the place the park is named after
            if (
                token.text in _DASHES
                and index > 0
                and tokens[index - 1].tag in _PROPER_TAGS
                and tokens[index + 1].tag in _PROPER_TAGS
            ):
                start, index = token.start, index - 1  # 中国—东盟…产业基地: two parties, one name
                continue
            if (
                token.tag not in _NAME_TAGS
                or token.text in rules.not_names
                or not _nameable(token.text)
                or _NUMERAL_PLACE.search(token.text)
            ):
                break  # 浙江三省政府: 三省 is no one's name
            start = token.start
            bare = kind == "project" and token.text in rules.heads  # 综合保税区二期: no one's own name
            proper = proper or (token.tag in _PROPER_TAGS and not bare) or bool(_LATIN.search(token.text))
            index -= 1
        cleaned = clean_name(text, start, end, rules)
        if kind in rules.generic_kinds and not proper:
            generic = _generic_name(text, tokens, token_at[head_start], end, rules)
            if generic is not None:
                yield Mention(
                    generic, end, text[generic:end], kind=kind, confidence=0.6, source=f"head:{match.group()}"
                )
            continue
        if not proper and kind in rules.created_kinds and cleaned is not None:
            start, name = cleaned
            if len(name) >= rules.created_min_length and text[:start].endswith(rules.creation_verbs):
                yield Mention(start, end, name, kind=kind, confidence=0.6, source=f"created:{match.group()}")
            continue
        if not proper or cleaned is None:
            continue
        start, name = cleaned
        if kind == "company" and match.group() in {"公司", "集团"} and len(name) <= 3:
            continue
        if kind == "project" and _COUNTED.search(text, 0, head_start):
            continue  # 某某园区14个项目: a count of projects, none of them named
        if kind == "project" and rules.place_level(name[: -len(match.group())]):
            continue  # 某某省项目310个: the projects from a place, none of them named
        if kind in _DESCRIBED_KINDS and is_generic(name[: -len(match.group())]):
            continue  # 生态经济区, 软件园: what kind of zone, not which
        first = tokens[token_at[start]] if start in token_at else None
        placed = first is not None and first.tag == "LOC" and first.end == head_start
        if _COUNTED.search(text, 0, start) and (placed or rules.place_level(name[: -len(match.group())])):
            continue  # 6家湖南孵化器: a count of a place's incubators, no one's name
        yield from _split_joined(
            Mention(start, end, name, kind=kind, confidence=0.8, source=f"head:{match.group()}")
        )


#: A place's party committee and its people's government written together, each short (县委县政府,
#: 省委省政府: "the county's committee and government"): two bodies, never one named 县委县政府.
_JOINED_BODIES = re.compile(r"^(?P<party>[省市县区州镇]委)(?P<government>[省市县区州镇](?:人民)?政府)$")


def _split_joined(mention: Mention) -> list[Mention]:
    """A mention, or the two bodies it runs together (县委县政府 → 县委, 县政府)."""
    joined = _JOINED_BODIES.match(mention.text)
    if joined is None:
        return [mention]
    cut = mention.start + joined.end("party")
    return [
        Mention(
            mention.start, cut, joined.group("party"), kind="party_committee", confidence=0.5, source="bare"
        ),
        Mention(
            cut,
            mention.end,
            joined.group("government"),
            kind="government",
            confidence=0.7,
            source=mention.source,
        ),
    ]


def _project_part(tokens: list[Token], index: int, rules: NameRules) -> bool:
    """Whether ``tokens[index]`` can be part of a project's name: a number, measure, adjective or
    verb that does not govern the project (推进, 是), a single-character verb only inside a name the
    model cut in two (锐/ORG 能/v 新能源)."""
    token = tokens[index]
    if token.text in rules.project_stops or token.tag not in _PROJECT_TAGS:
        return token.text in rules.project_words
    if token.tag == "v" and len(token.text) == 1:
        if index == 0 or tokens[index - 1].end != token.start:
            return False
        before = tokens[index - 1]
        if before.tag in _PROPER_TAGS or _PHASE.match(before.text):
            return True  # 锐|能 新能源, 二期|混|改: a word the model cut, after a name or a phase
        return before.tag == "v" and len(before.text) == 1 and _project_part(tokens, index - 1, rules)
    return True


#: A project's phase (二期, 三期): what follows it is still the project's name (二期混改项目).
_PHASE = re.compile(r"^[一二三四五六七八九十\d]+期$")


def _generic_name(text: str, tokens: list[Token], index: int, end: int, rules: NameRules) -> int | None:
    """Where a programme's name starts (国家重点研发计划): over nouns, scope words included, but
    never over a whole-scope word (全省) or a verb; None if it comes out too short to be a title."""
    start = tokens[index].start
    index -= 1
    while index >= 0 and tokens[index].tag in _NAME_TAGS and tokens[index].end == tokens[index + 1].start:
        if tokens[index].text.startswith(("全", "各", "该", "我")) or end - tokens[index].start > _MAX_NAME:
            break
        start = tokens[index].start
        index -= 1
    return start if end - start >= rules.generic_min_length else None


def _listed(text: str, tokens: list[Token], rules: NameRules) -> Iterable[Mention]:
    """Names in a list closed by 等 and a word that says what they are (A、B、C等重点企业). An item
    needs a proper word the model found and is never words of the glossary alone (软件、电商等企业).
    An item with no proper word beside one that has it (高原之宝 beside 藏建科技) is most often a
    name too, but reading it moves figures the statistics attach by sentence subject (a company
    named in a list becomes the subject of a later sentence about its product), so it waits."""
    pattern = rules.list_pattern
    first_tag = {t.start: t.tag for t in tokens}
    token_from = {t.start: t for t in tokens}
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    proper_at = {p for t in tokens if t.tag in _PROPER_TAGS for p in range(t.start, t.end)}
    for match in pattern.finditer(text):
        if re.search(r"行业|领域|产业|方向|类", match.group("mods")):
            continue  # 软件、电商等行业企业: the items are industries
        kind = rules.list_heads[match.group("head")]
        offset = match.start("items")
        items = []
        for item in re.finditer(r"[^、]+", match.group("items")):
            start, end = offset + item.start(), offset + item.end()
            for word in rules.descriptors:
                if text.startswith(word, start) and end - start > len(word) + 1:
                    start += len(word)
            while (
                start in token_from
                and token_from[start].tag in _LEADING_VERB_TAGS
                and token_from[start].end < end
                and not (token_from[start].tag == "d" and len(token_from[start].text) == 1)  # 太|忻大道
            ):
                start = token_from[
                    start
                ].end  # 引进了筑梦之星、…等孵化器: the verb opens the list, not the name
            if start not in starts or end not in ends or first_tag.get(start) not in _NAME_TAGS:
                continue  # 帮助京东数据: a verb opens the item
            name = text[start:end]
            if name in rules.not_names or (rules.head_kind(name) is not None and kind != "company"):
                continue
            if is_generic(name) or name in rules.descriptors:
                continue
            items.append((start, end, name, any(p in proper_at for p in range(start, end))))
        for start, end, name, proper in items:
            if not proper:
                continue  # 高原之宝 beside 藏建科技 is likely a name too, but see the docstring
            confidence = 0.6
            yield Mention(
                start, end, name, kind=kind, confidence=confidence, source=f"list:{match.group('head')}"
            )


#: A park or project said to be made of parts, each named (园区由甲区、乙区、丙园三部分组成): the parts'
#: names, the last after 和 or 、, before a count of parts.
_PARTS = re.compile(
    r"由(?P<items>[^。；;，,：:由]{4,120}?)(?:[一二三四五六七八九十两]|\d{1,2})(?:个|大)?"
    r"(?:部分|片区|功能区|区域|板块|组团)(?:组成|构成)"
)
#: Where a part lies, written before its name (厂区内某某区, 厂区外某某区).
_PART_PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{1,3}[内外]|[东南西北]侧|[东南西北]部)")
#: What a part's name ends with: an area (…区) or a park (…园).
_PART_HEADS = {"区": "zone", "园": "park", "园区": "park", "组团": "zone"}


def _parts(text: str) -> Iterable[Mention]:
    """The parts a park, zone or project is made of, named in the sentence that says so (某某园区由
    精细化工区、新材料区、中小企业创业园三部分组成): each an area of its own, even when its name only
    says what it holds; an item that is no area (某某镇) is none."""
    for match in _PARTS.finditer(text):
        offset = match.start("items")
        for item in re.finditer(r"[^、和]+", match.group("items")):
            name, start = item.group(), offset + item.start()
            lead = _PART_PLACE.match(name)
            if lead is not None and len(name) - lead.end() >= 3:
                name, start = name[lead.end() :], start + lead.end()
            kind = next(
                (
                    k
                    for head, k in sorted(_PART_HEADS.items(), key=lambda p: -len(p[0]))
                    if name.endswith(head)
                ),
                None,
            )
            if kind is None or len(name) < 3 or not _PART_NAME.match(name):
                continue
            yield Mention(start, start + len(name), name, kind=kind, confidence=0.6, source="parts")


#: A part's name: Han characters, with a bracketed word inside (循环经济示范（试验）区).
_PART_NAME = re.compile(r"^[\u4e00-\u9fff]+(?:[（(][\u4e00-\u9fff]{1,4}[)）][\u4e00-\u9fff]*)?$")


def _designations(text: str, rules: NameRules) -> Iterable[Mention]:
    """Titles a park, zone or firm is awarded (省级特色产业园区, 国家级科技企业孵化器): programmes."""
    for match in rules.designation_pattern.finditer(text):
        yield Mention(
            match.start(), match.end(), match.group(), kind="programme", confidence=0.5, source="designation"
        )


def _table_headings(text: str, rules: NameRules) -> Iterable[Mention]:
    """A table's heading that is a designation (一、省级大数据产业园培育对象（3家）): a programme."""
    for table in find_tables(text, rules):
        heading = table.heading
        if heading is not None and heading.text.startswith(rules.designation_levels):
            yield Mention(
                heading.start,
                heading.end,
                heading.text,
                kind="programme",
                confidence=0.6,
                source="table:heading",
            )


def _national(text: str, rules: NameRules) -> Iterable[Mention]:
    for name, kind in rules.national_bodies.items():
        at = text.find(name)
        while at >= 0:
            yield Mention(at, at + len(name), name, kind=kind, confidence=0.9, source="national")
            at = text.find(name, at + 1)


def clean_name(text: str, start: int, end: int, rules: NameRules) -> tuple[int, str] | None:
    """``(start, name)`` of ``text[start:end]`` less what is no part of the name: leading marks,
    descriptors (龙头企业…), a verb glued on before it (…联合<name>); None if no proper part is left."""
    name = text[start:end]
    if "_" in name:  # 仪式_fororder_某某党工委: a CMS artefact glued on; no name holds an underscore
        cut = name.rindex("_") + 1
        name, start = name[cut:], start + cut
    while (name and not _nameable(name[0])) or name[:1] in "（()）":
        name, start = name[1:], start + 1
    closed = min((name.find(mark) for mark in ")）" if mark in name), default=-1)
    if closed >= 0 and not any(mark in name[:closed] for mark in "(（"):  # 共青城)某某项目: the bracket is
        name, start = name[closed + 1 :], start + closed + 1  # the company's before it, not the name's
    opened = max(name.rfind("("), name.rfind("（"))
    if opened > max(name.rfind(")"), name.rfind("）")):  # 某某开发区(高新区: the alias in brackets
        name, start = name[opened + 1 :], start + opened + 1
    head = rules.head_kind(name)
    if head is None or name.endswith(rules.not_heads):
        return None  # 某市东部 is where, not who
    changed = True
    while changed:
        changed = False
        for word in rules.descriptors:
            if name.startswith(word) and len(name) > len(word) + len(head[0]):
                name, start, changed = name[len(word) :], start + len(word), True
                break
        for word in (*rules.glue_words, *rules.descriptors):
            at = name.find(word)
            if at >= 0 and at + len(word) > len(name) - len(head[0]):
                at = -1  # 联合研发中心: the word is the head's own
            if at > 0 and word in rules.placed_descriptors and rules.place_level(name[:at]):
                at = -1  # 某省国有资本运营有限公司: the province's, a name
            if at >= 0:
                tail = name[at + len(word) :]
                own = len(tail) - len(head[0])  # a descriptor leaves a name, never 企业|家协会
                if own >= (1 if word in rules.glue_words else 2) and tail.endswith(head[0]):
                    name, start, changed = tail, start + at + len(word), True
                    break
                if word in rules.glue_words and at > 0:
                    return None  # 澜江理工大学共建实验室: a verb inside, two things, no one name
    rest = name[: -len(head[0])]
    if _NUMERAL_PLACE.search(rest) or (rest in rules.levels and len(rest) > 1):
        return None  # 浙江三省政府, 自治区人民政府: the governments of several, no one body
    graded = rest.rfind("级")
    if graded > 0 and (graded == len(rest) - 1 or is_generic(rest[graded + 1 :])):
        return None  # 某某自治区级高新技术产业园区: a grade of parks (a designation), not one park
    if not rest or rest in rules.not_names or rest in rules.descriptors or _NUMERAL.match(rest):
        return None
    return start, name


def _head_ends_here(text: str, end: int) -> bool:
    """A head word may end inside a model word when the next character starts a new clause."""
    return end >= len(text) or not ("\u4e00" <= text[end] <= "\u9fff")


def _joinable_connector(tokens: list[Token], index: int, rules: NameRules) -> bool:
    """和 / 与 inside one name (软件与服务外包产业园), not between two (A公司与B公司)."""
    before, after = tokens[index - 1], tokens[index + 1]
    if rules.head_kind(before.text) is not None or before.tag in {"PER"}:
        return False
    return before.tag in _NAME_TAGS and after.tag in {"n", "vn", "nz"}


def _nameable(word: str) -> bool:
    return bool(_HAN.match(word) or _LATIN.search(word) or word.isdigit() or word in "（）()")


def _quoted(text: str, rules: NameRules) -> Iterable[Mention]:
    """《title》 as a policy or a work; “name”<follower> as a programme, incubator, platform, park."""
    for match in _POLICY.finditer(text):
        title = match.group("title")
        after = text[match.end() : match.end() + 4]
        kind = "work" if any(after.startswith(word) for word in rules.work_followers) else "policy"
        confidence = 0.9 if title.endswith(rules.policy_heads) else 0.6
        yield Mention(
            match.start("title"), match.end("title"), title, kind=kind, confidence=confidence, source="《》"
        )
    for match in _DOCUMENT_TITLE.finditer(text):
        yield Mention(
            match.start("title"),
            match.end("title"),
            match.group("title"),
            kind="policy",
            confidence=0.8,
            source="title",
        )
    quoted = list(_QUOTED.finditer(text))
    followers = sorted(rules.quoted, key=len, reverse=True)
    for index, match in enumerate(quoted):
        name = match.group("name")
        last = index  # “一带一路”、“中国制造2025”和某某政策: the word after the list says what each item is
        while last + 1 < len(quoted) and text[quoted[last].end() : quoted[last + 1].start()] in _QUOTE_JOINS:
            last += 1
        after = text[quoted[last].end() : quoted[last].end() + 16]
        tail = _UNQUOTED_TAIL.match(after)
        after = after[tail.end() :] if tail is not None else after
        follower = next((w for w in followers if after.startswith(w)), None)
        inner = next((w for w in followers if name.endswith(w)), None)
        if inner is not None and _NUMERAL.match(name[: -len(inner)]) and rules.quoted[inner] != "programme":
            continue  # “三大平台” counts platforms, whatever follows; “十项行动” titles one programme
        if follower is not None:
            yield Mention(
                match.start("name"),
                match.end("name"),
                name,
                kind=rules.quoted[follower],
                confidence=0.7,
                source=f"“”{follower}",
            )
        elif inner is not None and len(name) > len(inner) + 1:
            yield Mention(
                match.start("name"),
                match.end("name"),
                name,
                kind=rules.quoted[inner],
                confidence=0.7,
                source=f"“…{inner}”",
            )


#: What joins quoted names in a list (“一带一路”、“中国制造2025”).
_QUOTE_JOINS = frozenset({"、", "和", "与", "及", "，"})
#: An unquoted last item of such a list before the word that says what they are (…和某某振兴政策).
_UNQUOTED_TAIL = re.compile(r"^[和与及][\u4e00-\u9fff]{2,6}?(?=政策|战略|倡议|部署)")


def _straddled(text: str, token: Token, rules: NameRules) -> int:
    """How many of a token's first characters end a descriptor that starts before it (建设运营|方鹭平…:
    the model cut 建设运营方 in two)."""
    for word in rules.descriptors:
        for cut in range(1, min(len(word), token.end - token.start)):
            if text.startswith(word[cut:], token.start) and text[: token.start].endswith(word[:cut]):
                return len(word) - cut
    return 0


def _model_names(text: str, tokens: list[Token], rules: NameRules) -> Iterable[Mention]:
    """People, and organisations and places the model finds whole and whose head the rules know."""
    joined = -1
    for index, token in enumerate(tokens):
        if index == joined:
            continue
        if token.tag == "PER":
            after = tokens[index + 1] if index + 1 < len(tokens) else None
            if (
                after is not None
                and after.tag == "PER"
                and after.start == token.end
                and min(len(token.text), len(after.text)) >= 2  # not 打造成|梓泉: a verb's 成
            ):
                joined = index + 1  # 荷氏/PER 祥秋/PER: one name the model's vocabulary cut in two
                name = token.text + after.text
                if _PERSON.match(name) and _is_person(tokens, index + 1, rules, first=index):
                    yield Mention(
                        token.start, after.end, name, kind="person", confidence=0.7, source="lac:PER+PER"
                    )
                continue
            end = token.end - 1 if _CREDITED.match(text, token.end - 1) and len(token.text) > 2 else token.end
            name = text[token.start : end]  # 某某文/图: the credit's 文 is no part of the name
            if _PERSON.match(name) and not name.endswith(rules.posts) and _is_person(tokens, index, rules):
                # 张副市长 is a title and a surname, no one's name
                yield Mention(token.start, end, name, kind="person", confidence=0.85, source="lac:PER")
        elif token.tag in {"ORG", "LOC"} and token.text not in rules.not_names:
            head = rules.head_kind(token.text)
            skip = _straddled(text, token, rules) if token.tag == "ORG" else 0
            cleaned = clean_name(token.text, skip, len(token.text), rules) if head is not None else None
            if head is not None and cleaned is not None:
                start, name = cleaned
                if head[1] in _DESCRIBED_KINDS and is_generic(name[: -len(head[0])]):
                    continue
                yield from _split_joined(
                    Mention(
                        token.start + start,
                        token.end,
                        name,
                        kind=head[1],
                        confidence=0.8,
                        source=f"lac:{token.tag}",
                    )
                )
            elif token.tag == "LOC" and head is None and _HAN.match(token.text):
                for at, part in _divisions(token.text, rules):
                    start = token.start + at
                    yield Mention(
                        start, start + len(part), part, kind="place", confidence=0.8, source="lac:LOC"
                    )


#: Tags of the words of a person's name the model did not tag as one (况/n 泉水/n).
_CUT_NAME_TAGS = frozenset({"n", "nz", "nw", "PER"})


def _titled_names(text: str, tokens: list[Token], rules: NameRules) -> Iterable[Mention]:
    """A person's name right after a post title and closed by a comma or an enumeration mark, that
    the model cut into common words (某某人大常委会主任况|泉水，): two or three characters opening
    with a surname, made of nouns only (never a verb: 主任介绍，), and no word of the glossary."""
    for index, token in enumerate(tokens[:-2]):
        if not token.text.endswith(rules.posts):
            continue
        words, length = [], 0
        for following in tokens[index + 1 : index + 4]:
            if following.start != token.end + length or following.tag not in _CUT_NAME_TAGS:
                break
            words.append(following)
            length += len(following.text)
            if length >= 2:
                after = text[following.end : following.end + 1]
                if length <= 3 and after and after in rules.name_enders:
                    name = text[token.end : following.end]
                    if (
                        len(words) > 1
                        and _HAN.match(name)
                        and name[0] in rules.surnames
                        and not is_generic(name)
                        and not name.endswith(rules.posts)
                    ):
                        yield Mention(
                            token.end, following.end, name, kind="person", confidence=0.6, source="title+name"
                        )
                    break


def _divisions(name: str, rules: NameRules) -> list[tuple[int, str]]:
    """The places a LOC word names, with their offsets: itself when the gazetteer knows it or it ends
    with a level word (榆川市), or the two divisions written together (某省某市 as 沧澜榆川); none
    for a word that only ends like a place (城区) or opens with a party's name (民建市, cut short)."""
    if (
        name.endswith(rules.not_place_endings)
        or name.startswith(rules.democratic_parties)
        or _NUMERAL_PLACE.search(name)
    ):
        return []  # 浙江三省: a number of provinces
    if GAZETTEER.full(name) == name or GAZETTEER.level(name) in {"province", "city"}:
        return [(0, name)]  # a county's stem alone (惠民, 城关) is too often a word: only with 县 / 区
    if name.endswith(_AREA_WORDS) and GAZETTEER.level(name[:-2]) in {"province", "city"}:
        return [(0, name[:-2])]  # 某某地区 of a city: "the 某某 area", the city, not a division of its own
    for cut in range(len(name) - 2, 1, -1):  # 某某省某某市: the province with its level word
        if GAZETTEER.level(name[:cut]) == "province" and rules.place_level(name[cut:]):
            return [(0, name[:cut]), (cut, name[cut:])]
    return [(0, name)] if _stem_length(name, rules) >= 2 else []  # 兴市 of 旅游兴市, 自治区: no place


def _stem_length(name: str, rules: NameRules) -> int:
    """How long a place name is without its level word (0 when it has none or is one)."""
    for length in (3, 2, 1):
        if len(name) >= length and name[-length:] in rules.levels:
            return len(name) - length
    return 0


def _is_person(tokens: list[Token], index: int, rules: NameRules, *, first: int | None = None) -> bool:
    """A PER word is a person unless it is the start of a brand (敏拓 in 敏拓光电研发…: a noun
    follows with nothing between) or stands in a quoted slogan (“周调度、月通报”). ``first`` is the
    index of the name's first word when the model cut it in two."""
    token = tokens[index]
    first = index if first is None else first
    before = tokens[first - 1] if first > 0 else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    titled = before is not None and (before.text.endswith(rules.posts) or before.text.endswith("记者"))
    if (
        after is not None
        and after.start == token.end
        and after.tag in {"n", "nz", "vn"}
        and not titled
        and not after.text.endswith(rules.posts)
    ):
        return False
    if before is not None and before.text in {"“", "「", '"'}:
        return False
    if _in_slogan(tokens, first, index):
        return False  # “政产学研金介云”: a slogan's words, no one's name
    if before is not None and token.text.startswith("于") and before.text.endswith(_YU_VERBS):
        return False  # 发表于澜江: 于 is "at", not the surname
    if first == index and token.text in GAZETTEER and not titled:
        return False  # 云霄 of a headline: the county the model took for a name
    bracketed = after is not None and after.text.startswith(("〔", "[", "（"))
    return not (bracketed and not titled and not _titled_in_brackets(tokens, index + 1, rules))


#: The most words a quoted slogan holds around a word the model took for a name.
_SLOGAN_WORDS = 4


def _in_slogan(tokens: list[Token], first: int, last: int) -> bool:
    """Whether ``tokens[first..last]`` stand inside short quotes with other words (“政产学研金介云”):
    a slogan or a programme's name, which people's names are not part of."""
    left = next(
        (i for i in range(first - 1, max(-1, first - 1 - _SLOGAN_WORDS), -1) if tokens[i].tag == "w"), None
    )
    right = next(
        (i for i in range(last + 1, min(len(tokens), last + 1 + _SLOGAN_WORDS)) if tokens[i].tag == "w"), None
    )
    if left is None or right is None:
        return False
    return (
        tokens[left].text in {"“", "「", '"'}
        and tokens[right].text in {"”", "」", '"'}
        and (left + 1 < first or right - 1 > last)
    )


def _titled_in_brackets(tokens: list[Token], opening: int, rules: NameRules) -> bool:
    """Whether the bracket opening at ``tokens[opening]`` closes right after a post title: 某某（某某局
    局长）is a person with the post after the name, not a brand with a note."""
    for index in range(opening + 1, min(opening + 12, len(tokens))):
        if tokens[index].text.startswith(("）", ")", "〕", "]")):
            return index > opening + 1 and tokens[index - 1].text.endswith(rules.posts)
    return False


def _settle(candidates: list[Mention]) -> list[Mention]:
    """No overlaps: a table's cells first (a cell is a whole name, its bounds are the table's), then
    longer (then more confident, then earlier) mentions win."""
    chosen: list[Mention] = []
    taken: set[int] = set()
    order = sorted(
        candidates,
        key=lambda m: (not m.source.startswith("table:"), -(m.end - m.start), -m.confidence, m.start),
    )
    for mention in order:
        span = set(range(mention.start, mention.end))
        if span & taken:
            continue
        chosen.append(mention)
        taken |= span
    return chosen


def _split_nested(mention: Mention, rules: NameRules) -> list[Mention]:
    """Two names written as one: a place before a zone named after it (白渠市白渠高新技术产业开发区) and a
    sub-area after its zone (棠阴经济开发区鿍头片区) are each named on their own."""
    name = mention.text
    if mention.kind not in {"zone", "park"}:
        return [mention]
    for cut in range(2, min(len(name) - 3, 8)):
        prefix, rest = name[:cut], name[cut:]
        if rules.level_of(prefix) and rest.startswith(prefix[:-1]) and len(prefix) >= 3:
            return _split_at(mention, cut, "place")
    for cut in range(len(name) - 4, 3, -1):  # 某某工业园某某工业区: a park inside the park named first
        head = rules.head_kind(name[:cut])
        inner = rules.head_kind(name[cut:])
        if (
            head is not None
            and head[1] == "park"
            and cut - len(head[0]) >= 2
            and inner is not None
            and inner[1] in {"park", "zone"}
            and len(name) - cut - len(inner[0]) >= 2
        ):
            return _split_at(mention, cut, "park")
    if name.endswith("片区"):
        for cut in range(len(name) - 4, 2, -1):
            head = rules.head_kind(name[:cut])
            if head is not None and head[1] == "zone" and cut > len(head[0]):
                return _split_at(mention, cut, "zone", rest_kind="zone")
    return [mention]


def _split_at(mention: Mention, cut: int, kind: str, *, rest_kind: str | None = None) -> list[Mention]:
    """``mention`` cut after ``cut`` characters: the first name, of ``kind`` (found by splitting), and
    the rest, keeping the mention's kind (or ``rest_kind``), confidence and source."""
    first, rest = mention.text[:cut], mention.text[cut:]
    return [
        Mention(mention.start, mention.start + cut, first, kind=kind, confidence=0.7, source="split"),
        Mention(
            mention.start + cut,
            mention.end,
            rest,
            kind=rest_kind or mention.kind,
            confidence=mention.confidence,
            source=mention.source,
        ),
    ]


#: What may stand between a developer's name and its project's: nothing, or the place of the branch
#: that builds it in brackets (某某集团（某市）某某产业园项目).
_DEVELOPER_GAP = re.compile(r"^(?:[（(][\u4e00-\u9fff]{1,8}[)）])?$")


def _developer_named(text: str, candidates: list[Mention]) -> list[Mention]:
    """A project named with its developer before it (某某有限公司二期混改项目, 某某集团（某市）智能制造
    产业园项目): the developer's name and the project's written together are the project's full name
    (the company is named inside it, :func:`_developers_in`)."""
    companies: dict[int, list[Mention]] = {}
    for mention in candidates:
        if mention.kind == "company" and mention.source.startswith(("head:", "lac:")):
            companies.setdefault(mention.end, []).append(mention)
    found = []
    for project in candidates:
        if project.kind != "project" or not project.source.startswith("head:"):
            continue
        for end, developers in companies.items():
            if end <= project.start and _DEVELOPER_GAP.match(text[end : project.start]):
                developer = max(developers, key=lambda m: m.end - m.start)
                found.append(
                    Mention(
                        developer.start,
                        project.end,
                        text[developer.start : project.end],
                        kind="project",
                        confidence=project.confidence,
                        source="developer:" + project.source,
                    )
                )
    return found


def _developers_in(chosen: list[Mention], candidates: list[Mention]) -> list[Mention]:
    """The company a project's full name opens with (某某有限公司 of 某某有限公司二期混改项目)."""
    found = []
    for project in chosen:
        if not project.source.startswith("developer:"):
            continue
        inside = [
            m for m in candidates if m.kind == "company" and m.start == project.start and m.end < project.end
        ]
        if inside:
            found.append(max(inside, key=lambda m: m.end - m.start))
    return found


def _issuers(mentions: list[Mention], rules: NameRules) -> list[Mention]:
    """The body a document's title names first (嵩宁省工业和信息化厅 in 嵩宁省工业和信息化厅关于…的通知)."""
    found = []
    for mention in mentions:
        if mention.source != "title":
            continue
        issuer = mention.text[: mention.text.index("关于")]
        head = rules.head_kind(issuer)
        if head is not None and head[1] in {"government", "party_committee"} and len(issuer) > len(head[0]):
            end = mention.start + len(issuer)
            found.append(Mention(mention.start, end, issuer, kind=head[1], confidence=0.8, source="issuer"))
    return found


#: Agreements named in 《》 for the project they are about (《…产业基地项目投资协议书》).
_AGREEMENT = re.compile(
    r"^(?P<project>.{4,40}?项目)(?:投资|合作|建设|框架|战略合作|入园|落户)?(?:协议书|协议|合同)$"
)


def _agreed_projects(mentions: list[Mention]) -> list[Mention]:
    """The project an agreement in 《》 is about: 《某某产业基地项目投资协议书》 names 某某产业基地项目."""
    found = []
    for mention in mentions:
        match = _AGREEMENT.match(mention.text) if mention.source == "《》" else None
        if match is not None:
            end = mention.start + match.end("project")
            name = match.group("project")
            found.append(
                Mention(mention.start, end, name, kind="project", confidence=0.7, source="agreement")
            )
    return found


def _bare(text: str, tokens: list[Token], mentions: list[Mention], rules: NameRules) -> list[Mention]:
    """Bare heads (管委会, 党工委, 县委) outside any name: the resolver decides whose they are. A bare
    head is a word of its own, or opens one that goes on with a post title (县委书记); never the
    inside of another word (社区委员会 holds no 区委)."""
    covered = {p for m in mentions for p in range(m.start, m.end)}
    word_at = {token.start: token for token in tokens}
    word_in = {p: token for token in tokens for p in range(token.start, token.end)}
    found = []
    for head, kind in rules.bare_heads.items():
        at = text.find(head)
        while at >= 0:
            end = at + len(head)
            last = word_in.get(end - 1)
            whole = (
                at in word_at
                and last is not None
                and (last.end == end or text[end : last.end] in rules.posts)
            )  # 政法|委书记: the head ends inside a word that goes on with a title
            if whole and not any(p in covered for p in range(at, end)):
                found.append(Mention(at, end, head, kind=kind, confidence=0.5, source="bare"))
                covered.update(range(at, end))
            at = text.find(head, at + 1)
    return found


#: Kinds of bodies a party committee belongs to and is named after (某某有限公司党委, 某某大学党委).
_OWNER_KINDS = frozenset({"company", "university", "research_institute", "government", "media"})
#: Kinds of names that may open with the zone they stand in (某高新区某某孵化器, 某高新区某某项目).
_IN_ZONE_KINDS = frozenset({"project", "incubator", "research_institute", "platform"})


def _places_in_names(mentions: list[Mention], rules: NameRules) -> list[Mention]:
    """The place a government or party body, zone or park is named after (沧澜省 in 沧澜省人民政府,
    棠阴县 in 中共棠阴县委): the name less its head, when what is left is a place name with its level
    word (a bare stem inside a park's name, 某某 of 某某工业园, is the park's name more than a mention of
    the place); and the zone a project, incubator or institute opens with (某高新区 in 某高新区某某孵化器)."""
    found = []
    for mention in mentions:
        if mention.kind not in {"government", "party_committee", "zone", "park"} | _IN_ZONE_KINDS:
            continue
        name = mention.text
        offset = 0
        if name.startswith("中共"):
            name, offset = name[2:], 2
        head = rules.head_kind(name)
        if head is None:
            continue
        rest = name[: -len(head[0])]
        owner = rules.head_kind(rest) if mention.kind == "party_committee" else None
        if owner is not None and owner[1] in _OWNER_KINDS and len(rest) > len(owner[0]) + 1:
            start = mention.start + offset  # 某某有限公司党委: the company's committee, and the company
            found.append(
                Mention(start, start + len(rest), rest, kind=owner[1], confidence=0.7, source="owner")
            )
            continue
        if head[0] in {"市委", "县委", "区委", "省委", "州委"} and not rest.endswith(head[0][0]):
            rest += head[0][0]  # 某某市委: the place 某某市 (but 某某市市委: 某某市, not 某某市市)
        for cut in range(len(rest), 1, -1):
            prefix = rest[:cut]
            start = mention.start + offset
            zone = rules.head_kind(prefix)
            if zone is not None and zone[1] == "zone" and len(prefix) > len(zone[0]) and _HAN.match(prefix):
                # 梓泉经开区 in 梓泉经开区党工委: the zone
                found.append(
                    Mention(
                        start, start + len(prefix), prefix, kind="zone", confidence=0.7, source="zone-in-name"
                    )
                )
                break
            if (
                rules.level_of(prefix) is not None
                and mention.kind not in _IN_ZONE_KINDS
                and 2 <= len(prefix) <= 6
                and _HAN.match(prefix)
            ):
                for at, part in _divisions(prefix, rules):  # 某省某州: two places
                    found.append(
                        Mention(
                            start + at,
                            start + at + len(part),
                            part,
                            kind="place",
                            confidence=0.7,
                            source="place-in-name",
                        )
                    )
                break
    return found
