"""Photo captions run into the paragraph after them, put back on a line of their own.

A page saved as text loses the break between a picture's caption and the text that follows it: the
caption and its photographer's credit open the next paragraph (``某某工业园区。 林晓 摄连日来，在……``), or
a caption stands before the lead's ``本报讯`` (``正在建设中的双子楼本报讯（记者 林晓）……``). Left so, the
paragraph's first sentence is a caption glued to a clause (``摄连日来``), and the lead's 电头 is not at its
start. :func:`split_captions` cuts such a paragraph in two: the caption (with its credit, which says who
took the picture) and the paragraph, each a line of the body. The caption stays text: it often states
who is in the picture and where.

>>> split_captions("鹭平高新区一角。 林晓 摄连日来，园区企业加紧赶制订单。")
['鹭平高新区一角。 林晓 摄', '连日来，园区企业加紧赶制订单。']
>>> split_captions("建设中的青岚科创中心本报讯（记者 林晓）8月24日，青岚科创中心主体结构封顶。")
['建设中的青岚科创中心', '本报讯（记者 林晓）8月24日，青岚科创中心主体结构封顶。']
>>> split_captions("园区一角。林晓摄影作品获奖后，园区又举办了影展。")
['园区一角。林晓摄影作品获奖后，园区又举办了影展。']
>>> split_captions("项目进展顺利。该公司拍摄的宣传片已在园区展映。")
['项目进展顺利。该公司拍摄的宣传片已在园区展映。']
"""

from __future__ import annotations

import re

from .lexicon import LEXICON

__all__ = ["split_captions"]

#: A caption of one sentence, its photographer's credit (``林晓 摄``, ``（记者 林晓 王卓 摄）``) and the
#: paragraph that follows without a break. 摄影 / 摄像 / 摄制 are words of a sentence, not a credit.
_CAPTION_CREDIT = re.compile(
    r"^(?P<caption>[^。！？!?]{2,40}[。！!]"
    # a break before the names (a space, a bracket, 记者): a sentence's words run on without one
    r"(?:\s+|\s*[（(]\s*|\s*(?:本报|本台|本网)?(?:首席|特约)?(?:记者|通讯员)\s*)"
    r"[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4}){0,2}\s*摄(?![影像制])\s*[)）]?)"
    r"(?P<rest>\S.{7,})$"
)
#: A caption with no sentence mark standing before the lead's 本报讯 (or 本台讯, 本网讯, 本刊讯).
_CAPTION_LEAD = re.compile(r"^(?P<caption>[^。！？!?，,：:；;]{2,30}?)(?P<rest>本[报台网刊]讯.{8,})$")


def split_captions(paragraph: str) -> list[str]:
    """The paragraph, or the caption run into its start and the paragraph after it (see the module)."""
    key = LEXICON.simplified(paragraph)
    for pattern in (_CAPTION_CREDIT, _CAPTION_LEAD):
        match = pattern.match(key)
        if match:
            caption = paragraph[: match.end("caption")].strip()
            return [caption, paragraph[match.start("rest") :].strip()]
    return [paragraph]
