"""The reader's vocabulary of page chrome and metadata, loaded from ``lexicon.yaml`` beside this module.

Why data: what a toolbar, a share widget or a related-headline list says differs from site to site,
but the shape of the rule does not. A new site's wording is a line in the YAML file, not a branch
in the code, and the file is part of every article's cache key (see ``parkgraph.articles``).

>>> LEXICON.field_of("发布时间"), LEXICON.field_of("成文日期"), LEXICON.field_of("来源")
('published', 'written', 'source')
>>> bool(LEXICON.ends_body_always("特别声明:以上文章内容仅代表作者本人观点。"))
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["LEXICON", "LEXICON_PATH", "Lexicon"]

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")

#: A name of two to four Han characters (a person's name written without a label).
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@dataclass(frozen=True)
class Lexicon:
    """Compiled chrome and metadata vocabulary (see ``lexicon.yaml`` for what each part means)."""

    end_of_body: tuple[re.Pattern[str], ...]
    end_of_body_line: tuple[re.Pattern[str], ...]
    chrome_line: tuple[re.Pattern[str], ...]
    chrome_sentence: tuple[re.Pattern[str], ...]
    list_bullets: str
    title_labels: tuple[str, ...]
    dateline_chrome_labels: frozenset[str]
    user_handle: re.Pattern[str]
    trailing_credit: re.Pattern[str]
    author_not_person: tuple[str, ...]
    outlet_endings: tuple[str, ...]
    surnames: frozenset[str]
    traditional: Mapping[int, str]
    toolbar_words: frozenset[str]
    navigation_words: frozenset[str]
    table_header_words: frozenset[str]
    field_labels: Mapping[str, str]
    credit_labels: frozenset[str]
    staff_credit_labels: frozenset[str]
    site_editor: re.Pattern[str]
    record_sentence: re.Pattern[str]
    alt_text_joiners: tuple[str, ...]
    picture_placeholder: re.Pattern[str]
    dateline_links: re.Pattern[str]
    site_name_prefixes: tuple[str, ...]
    site_name_suffixes: tuple[str, ...]
    site_header_endings: tuple[str, ...]
    error_page: tuple[str, ...]

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> Lexicon:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))

        def patterns(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(pattern) for pattern in data[key])

        labels = {label: field for field, names in data["field_labels"].items() for label in names}
        return cls(
            end_of_body=patterns("end_of_body"),
            end_of_body_line=patterns("end_of_body_line"),
            chrome_line=patterns("chrome_line"),
            chrome_sentence=patterns("chrome_sentence"),
            list_bullets=str(data["list_bullets"]),
            title_labels=tuple(str(label) for label in data["title_labels"]),
            dateline_chrome_labels=frozenset(str(label) for label in data["dateline_chrome_labels"]),
            user_handle=re.compile(data["user_handle"]),
            trailing_credit=re.compile(data["trailing_credit"]),
            author_not_person=tuple(str(word) for word in data["author_not_person"]),
            outlet_endings=tuple(str(word) for word in data["outlet_endings"]),
            surnames=frozenset(str(data["surnames"]).split()),
            traditional={ord(t): pair[0] for pair in str(data["traditional"]).split() for t in pair[1:]},
            toolbar_words=frozenset(str(word) for word in data["toolbar_words"]),
            navigation_words=frozenset(str(word) for word in data["navigation_words"]),
            table_header_words=frozenset(str(word) for word in data["table_header_words"]),
            field_labels=labels,
            credit_labels=frozenset(data["credit_labels"]),
            staff_credit_labels=frozenset(data["staff_credit_labels"]),
            site_editor=re.compile(data["site_editor"]),
            record_sentence=re.compile(data["record_sentence"]),
            alt_text_joiners=tuple(str(word) for word in data["alt_text_joiners"]),
            picture_placeholder=re.compile(data["picture_placeholder"]),
            dateline_links=re.compile(data["dateline_links"]),
            site_name_prefixes=tuple(data["site_name_prefixes"]),
            site_name_suffixes=tuple(data["site_name_suffixes"]),
            site_header_endings=tuple(str(word) for word in data["site_header_endings"]),
            error_page=tuple(str(word) for word in data["error_page"]),
        )

    def field_of(self, label: str) -> str | None:
        """The metadata field a dateline label names (``published``, ``source``, ...), or None."""
        return self.field_labels.get(label)

    def simplified(self, line: str) -> str:
        """The line with the traditional characters of the vocabulary in their simplified form, one
        character for one (so a match in it is a match at the same place in ``line``).

        >>> LEXICON.simplified("發佈時間：2019-05-14 | 來源：鷺平網")
        '发布时间：2019-05-14 | 来源：鷺平网'
        """
        return line.translate(self.traditional)

    def unbulleted(self, line: str) -> str:
        """The line, simplified, without the bullet that opens an item of a link list (``• 上一篇：…``)."""
        return self.simplified(line).lstrip(self.list_bullets + " \u3000\t")

    def ends_body_always(self, line: str) -> bool:
        line = self.unbulleted(line)
        return any(pattern.search(line) for pattern in self.end_of_body)

    def ends_body_as_line(self, line: str) -> bool:
        line = self.unbulleted(line)
        return any(pattern.search(line) for pattern in self.end_of_body_line)

    def is_chrome_line(self, line: str) -> bool:
        line = self.unbulleted(line)
        return any(pattern.search(line) for pattern in self.chrome_line)

    def without_trailing_credit(self, line: str) -> str:
        """The paragraph without an editor's credit run into its end (``……。[编辑:林晓]`` → ``……。``).

        >>> LEXICON.without_trailing_credit("园区产值增长12%。鹭平日报编辑：周宁")
        '园区产值增长12%。'
        """
        match = self.trailing_credit.search(self.simplified(line))
        return line[: match.start()].rstrip() if match and match.start() > 0 else line

    def is_person_name(self, name: str) -> bool:
        """Two to four characters that start with a surname and end like no outlet or office: a
        person's name, read where nothing labels it (``某某 2015-09-24`` under a headline).

        >>> [LEXICON.is_person_name(name) for name in ("林晓", "欧阳晓晨", "鹭平网", "浅草")]
        [True, True, False, False]
        """
        key = self.simplified(name)
        return (
            bool(_HAN_NAME.match(key))
            and (key[0] in self.surnames or key[:2] in self.surnames)
            and not key.endswith(self.outlet_endings + self.author_not_person)
        )

    def is_outlet_name(self, name: str) -> bool:
        """A name that ends like an outlet's (``鹭平日报``, ``青岚发布``, ``鹭平网``)."""
        return self.simplified(name).endswith(self.outlet_endings)

    def is_site_editor(self, line: str) -> bool:
        """The site's own editor (``责任编辑：林晓``, ``【责编：周宁】``), which ends the body."""
        return bool(self.site_editor.match(self.unbulleted(line)))

    def is_record_sentence(self, line: str) -> bool:
        """A record's field written as a sentence (``内容摘要：…。``, ``摘要：…。``)."""
        return bool(self.record_sentence.match(self.simplified(line)))

    def is_dateline_link(self, item: str) -> bool:
        """A link among a dateline's items (``进入某某论坛``, ``手机看视频``)."""
        return bool(self.dateline_links.match(self.simplified(item)))

    def is_chrome_sentence(self, line: str) -> bool:
        """A sentence no article says (a browser's upgrade notice): chrome although it ends in 。."""
        line = self.simplified(line)
        return any(pattern.search(line) for pattern in self.chrome_sentence)


LEXICON = Lexicon.load()
