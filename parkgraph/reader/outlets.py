"""Who published a page: the site's name in its header, the owner its copyright line names, the
agency of a wire story's 电头.

The order of preference (see :func:`publisher_of`) is the same for every site: what the page labels
(``发布机构：``, Sina's ``新浪网 作者 速新闻``) first, then the site's own name in its header, then
the copyright owner, then the outlet a dateline names without a label (a WeChat account), then the
agency of a wire story. An outlet named by the dateline on a site with a name of its own is the
article's origin (``source``), not its publisher: a newspaper's account on a portal.

>>> site_name(["欢迎访问石梁县人民政府门户网站", "首页 | 新闻中心"], title=3)
'石梁县人民政府'
>>> site_name(["星岳新材 XINGYUE ADVANCED MATERIALS"], title=2)
'星岳新材'
>>> site_name(["雁岭网 — 雁岭市融媒体中心主办"], title=2)
'雁岭网'
>>> copyright_owner(["Copyright © 2005-2024 澜江恒昇集团有限公司 All Rights Reserved    澜ICP备09015562号-1"])
'澜江恒昇集团有限公司'
>>> copyright_owner(["鹭平市广播电视台版权所有 未经授权禁止复制或建立镜像"])
'鹭平市广播电视台'
>>> copyright_owner(["网易公司版权所有 ©1997-2023"])
'网易公司'
>>> wire_agency("澜江社鹭平5月6日电（记者 林晓 王卓）在鹭平高新区……")
'澜江社'
"""

from __future__ import annotations

import re

from .lexicon import LEXICON
from .lines import is_chrome

__all__ = ["copyright_owner", "site_name", "wire_agency", "wire_dateline"]

_NAME = r"[\u4e00-\u9fff（）()·]{2,30}?"
_SITE = re.compile(r"^(?P<name>[^\s|｜丨—–-]{2,20}?)(\s*[—–|｜丨-].*|\s+[A-Za-z0-9][A-Za-z0-9 .&:/-]*)?$")
_LONG_SITE = re.compile(r"^(?P<name>[\u4e00-\u9fff（）()]{21,34})$")
_COPYRIGHT = (
    # ``主办单位及版权所有：某某中心``: the owner follows the label
    re.compile(r"版权所有\s*[：:]\s*(?P<name>" + _NAME + r")(?:\s|$|[，,;；|｜])"),
    re.compile(
        r"(?:Copyright|COPYRIGHT|©)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–—]\s*\d{4})?)?\s*(?P<name>" + _NAME + r")\s*"
        r"(?:版权所有|All Rights Reserved|\s|$)"
    ),
    re.compile(r"(?P<name>" + _NAME + r")\s*版权所有"),
    re.compile(r"版权所有\s*[：:©]?\s*(?:\d{4}(?:\s*[-–—]\s*\d{4})?)?\s*(?P<name>" + _NAME + r")(?:\s|$)"),
)
#: ``新华社南京9月3日电``, ``澜江社鹭平5月6日电``: an agency, a place, a date and 电 open a wire story.
_WIRE = re.compile(
    r"^[【（(]?据?(?P<agency>[\u4e00-\u9fff]{1,8}?(?:社|网|台))[\u4e00-\u9fff]{0,8}?\d{1,2}月\d{1,2}日电"
)


def site_name(lines: list[str], *, title: int) -> str | None:
    """The site's name in the page's first line, when that line stands above the title and is a name (not
    the title itself). Below a toolbar or a menu (chrome above it), and when longer than twenty
    characters (``某某自治区园区发展和投资促进服务中心官方网站``), the first line that is not chrome is the
    site's name only if it ends like one (``lexicon.yaml``: site_header_endings): a feature's or a
    column's name there is no publisher.

    >>> site_name(["页面", "配色", "澜江省园区发展和投资促进服务中心官方网站", "当前位置：首页"], title=5)
    '澜江省园区发展和投资促进服务中心'
    """
    top = next((i for i, line in enumerate(lines) if line), None)
    first = next((i for i, line in enumerate(lines) if line and not is_chrome(line)), None)
    if first is None or top is None or first >= title:
        return None
    line, key = lines[first], LEXICON.simplified(lines[first])
    for prefix in LEXICON.site_name_prefixes:
        if key.startswith(prefix):
            line, key = line[len(prefix) :], key[len(prefix) :]
    match = _SITE.match(line) or _LONG_SITE.match(line)
    site_like = key.endswith(LEXICON.site_header_endings + LEXICON.site_name_suffixes)
    if not match or key in LEXICON.navigation_words:  # a section's label (新闻) names no site
        return None
    if (match.re is _LONG_SITE or first != top) and not site_like:
        return None  # below a toolbar or longer than a name, only a line that ends like a site's is one
    name, key = match.group("name"), key[match.start("name") : match.end("name")]
    for suffix in LEXICON.site_name_suffixes:
        if key.endswith(suffix):
            name, key = name[: -len(suffix)], key[: -len(suffix)]
    return name if len(name) >= 2 else None


def copyright_owner(lines: list[str]) -> str | None:
    """The owner a copyright line names (``Copyright © 2005-2024 某某有限公司``, ``某某台版权所有``)."""
    for line in lines:
        key = LEXICON.simplified(line)
        for pattern in _COPYRIGHT:
            match = pattern.search(key)
            if match:
                plug = _SITE_PLUG.match(key, match.start("name"), match.end("name"))
                return line[plug.end() if plug else match.start("name") : match.end("name")]
    return None


#: ``本网站由某某网版权所有``: the owner follows the site's plug.
_SITE_PLUG = re.compile(r"(?:本网站|本站|本网)?由")
#: A wire story's 电头 with the byline after it: ``澜江社鹭平5月6日电（记者 林晓 王卓）``, ``本报讯``.
_DATELINE_HEAD = re.compile(
    r"^(?:[(（][\u4e00-\u9fff\s、]{2,12}[)）]"  # a byline alone: （林晓）
    r"|[【（(]?据?[\u4e00-\u9fff]{1,8}?(?:社|网|台|报)[\u4e00-\u9fff]{0,8}?\d{1,2}月\d{1,2}日(?:电|讯)[】）)]?"
    r"|本报讯|本台讯|本网讯)\s*(?:[(（][^()（）]{0,30}[)）])?"
)


def wire_dateline(first_paragraph: str) -> int:
    """Where the text of a story opened by a 电头 (``澜江社鹭平5月6日电（记者 林晓）``) starts; 0 if none.

    >>> wire_dateline("澜江社鹭平5月6日电（记者 林晓）鹭平高新区……")
    17
    """
    match = _DATELINE_HEAD.match(LEXICON.simplified(first_paragraph))
    return match.end() if match else 0


def wire_agency(first_paragraph: str) -> str | None:
    """The agency of a wire story's 电头 (``澜江社鹭平5月6日电`` → 澜江社; ``据澜江社…电``, a repost's
    "according to", names the same agency), if it opens with one.

    >>> wire_agency("据澜江社鹭平5月6日电")
    '澜江社'
    """
    match = _WIRE.match(LEXICON.simplified(first_paragraph))
    return first_paragraph[match.start("agency") : match.end("agency")] if match else None
