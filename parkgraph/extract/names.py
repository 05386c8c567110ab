"""The naming rules of the genre, loaded from ``data/names.yaml``: head words, levels, abbreviations,
post titles. Data, not code: a new kind of body is a line in the YAML file.

>>> rules = NAME_RULES
>>> rules.head_kind("沧澜省工业和信息化厅"), rules.head_kind("昊衡智能科技（榆川）有限公司")
(('工业和信息化厅', 'government'), ('有限公司', 'company'))
>>> rules.level_of("榆川市"), rules.level_of("棠阴县"), rules.level_of("芯测")
('city', 'county', None)
>>> rules.expand("省工信厅")
'省工业和信息化厅'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from .gazetteer import GAZETTEER

__all__ = ["NAME_RULES", "NameRules"]

DATA = Path(__file__).with_name("data") / "names.yaml"


@dataclass(frozen=True)
class NameRules:
    heads: Mapping[str, str]  # head word -> kind
    levels: Mapping[str, str]  # level suffix -> level
    abbreviations: Mapping[str, str]
    not_names: frozenset[str]
    not_heads: tuple[str, ...]
    democratic_parties: tuple[str, ...]
    party_departments: frozenset[str]
    company_titles: frozenset[str]
    descriptors: tuple[str, ...]
    placed_descriptors: frozenset[str]
    glue_words: tuple[str, ...]
    posts: tuple[str, ...]
    quoted: Mapping[str, str]  # follower word -> kind
    policy_heads: tuple[str, ...]
    work_followers: tuple[str, ...]
    generic_kinds: frozenset[str]
    generic_min_length: int
    designation_levels: tuple[str, ...]
    not_place_endings: tuple[str, ...]
    bare_heads: Mapping[str, str]
    head_not_before: Mapping[str, tuple[str, ...]]
    government_titles: Mapping[str, str]
    list_heads: Mapping[str, str]
    national_bodies: Mapping[str, str]
    project_words: frozenset[str]
    project_stops: frozenset[str]
    verb_heads: frozenset[str]
    created_kinds: frozenset[str]
    creation_verbs: tuple[str, ...]
    created_min_length: int
    surnames: frozenset[str]
    name_enders: str
    building_verbs: frozenset[str]

    @classmethod
    def load(cls, path: Path = DATA) -> NameRules:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        heads = {word: kind for kind, words in data["heads"].items() for word in words}
        levels = {word: level for level, words in data["places"].items() for word in words}
        quoted = {word: kind for kind, words in data["quoted"].items() for word in words}
        return cls(
            heads=heads,
            levels=levels,
            abbreviations=dict(data["abbreviations"]),
            not_names=frozenset(data["not_names"]),
            not_heads=tuple(data["not_heads"]),
            democratic_parties=tuple(data["democratic_parties"]),
            party_departments=frozenset(data["party_departments"]),
            company_titles=frozenset(data["company_titles"]),
            descriptors=tuple(sorted(data["descriptors"], key=len, reverse=True)),
            placed_descriptors=frozenset(data["placed_descriptors"]),
            glue_words=tuple(sorted(data["glue_words"], key=len, reverse=True)),
            posts=tuple(sorted(data["posts"], key=len, reverse=True)),
            quoted=quoted,
            policy_heads=tuple(sorted(data["policy_heads"], key=len, reverse=True)),
            work_followers=tuple(data["work_followers"]),
            generic_kinds=frozenset(data["generic_kinds"]),
            generic_min_length=int(data["generic_min_length"]),
            designation_levels=tuple(data["designation_levels"]),
            not_place_endings=tuple(data["not_place_endings"]),
            bare_heads={word: kind for kind, words in data["bare_heads"].items() for word in words},
            head_not_before={head: tuple(words) for head, words in data["head_not_before"].items()},
            government_titles=dict(data["government_titles"]),
            list_heads={word: kind for kind, words in data["list_heads"].items() for word in words},
            national_bodies={word: kind for kind, words in data["national_bodies"].items() for word in words},
            project_words=frozenset(data["project_words"]),
            project_stops=frozenset(data["project_stops"]),
            verb_heads=frozenset(data["verb_heads"]),
            created_kinds=frozenset(data["created_kinds"]),
            creation_verbs=tuple(data["creation_verbs"]),
            created_min_length=int(data["created_min_length"]),
            surnames=frozenset(data["surnames"]),
            name_enders=str(data["name_enders"]),
            building_verbs=frozenset(data["building_verbs"]),
        )

    @cached_property
    def head_pattern(self) -> re.Pattern[str]:
        """Every head word, longest first: ``finditer`` gives where names may end."""
        return re.compile("|".join(map(re.escape, sorted(self.heads, key=len, reverse=True))))

    @cached_property
    def list_pattern(self) -> re.Pattern[str]:
        """A list of names closed by 等 and the word that says what they are: groups items, mods, head."""
        heads = "|".join(map(re.escape, sorted(self.list_heads, key=len, reverse=True)))
        item = r"[^、，,。；;：:\s“”《》（）()]{2,14}"
        return re.compile(
            rf"(?P<items>(?:{item}、)+{item})等"
            r"(?:一大批|一批|大批|\d+|[一二三四五六七八九十两百千]+)?[家个所批]?(?P<mods>[^，,。；;、：:！!？?\s]{0,8}?)(?P<head>"
            + heads
            + ")"
        )

    @cached_property
    def designation_pattern(self) -> re.Pattern[str]:
        """A level of government, a few words and what is designated (省级特色产业园区)."""
        levels = "|".join(map(re.escape, self.designation_levels))
        return re.compile(
            r"(?:" + levels + r")[\u4e00-\u9fff“”]{2,14}?"
            r"(?:产业园区|园区|产业园|基地|示范区|示范基地|孵化器|企业|中心|平台|工厂|车间|集群|开发区)"
            r"(?:(?![\u4e00-\u9fff])|(?=之一|名单|称号|行列|总数))"
        )

    def head_kind(self, name: str) -> tuple[str, str] | None:
        """The longest head word ``name`` ends with, and the kind it names."""
        for length in range(min(len(name), 12), 0, -1):
            head = name[-length:]
            if head in self.heads:
                return head, self.heads[head]
        return None

    def level_of(self, name: str) -> str | None:
        """``province``, ``city``, ``county``, ``district``, ``town`` for a place name, else None."""
        for length in (3, 2, 1):
            if len(name) > length and name[-length:] in self.levels:
                return self.levels[name[-length:]]
        return None

    def place_level(self, name: str) -> str | None:
        """The level of a place name: from its level word (榆川市), else from the gazetteer of the
        country's divisions, which also knows them by their stems (某某 for 某某市).

        >>> NAME_RULES.place_level("榆川市"), NAME_RULES.place_level("张掖"), NAME_RULES.place_level("榆川")
        ('city', 'city', None)
        """
        return self.level_of(name) or GAZETTEER.level(name)

    def expand(self, name: str) -> str:
        """The name with its abbreviated head written out (省工信厅 → 省工业和信息化厅)."""
        for short in sorted(self.abbreviations, key=len, reverse=True):
            if name.endswith(short):
                return name[: -len(short)] + self.abbreviations[short]
        return name


NAME_RULES = NameRules.load()
