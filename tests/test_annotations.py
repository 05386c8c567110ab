"""The annotation loader: every malformed file gives an error naming the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkgraph.annotations import load_annotations
from parkgraph.errors import AnnotationError

ROOT = Path(__file__).resolve().parents[1]
FIRST = ROOT / "annotations" / "000_64b6559f5e865fa2.yaml"

MINIMAL = """\
article: a1
schemes:
  roles: {label: 职务, en: roles}
concepts:
  roles:
    secretary: {label: 书记, en: secretary, quote: 书记}
entities:
  park:
    type: pg:IndustrialPark
    label: 软件园
    en: Software Park
    quote: 软件园
facts:
  - {s: park, p: pg:hasDesignation, o: roles/secretary, quote: 软件园}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "a1.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_first_article_annotations_load() -> None:
    notes = load_annotations(FIRST)
    assert notes.article_id == "000_64b6559f5e865fa2"
    assert "suqian-software-park" in notes.entities
    assert notes.entities["jiangsu-industry-it-department"].alt == ("省工信厅",)
    assert len(notes.relations) > 50
    assert notes.facts["park-revenue-2022-h1"].quantity == "36.45亿元"


def test_minimal_file_loads(tmp_path: Path) -> None:
    notes = load_annotations(write(tmp_path, MINIMAL))
    assert list(notes.entities) == ["park"]
    assert notes.entities["park"].types == ("https://w3id.org/parkgraph/ontology#IndustrialPark",)
    assert notes.relations[0].obj == "roles/secretary"
    assert notes.relations[0].line == 14


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("  park:\n    type", "  Park Name:\n    type"), 9, "lower-case ASCII"),
        (("type: pg:IndustrialPark", "type: nope:IndustrialPark"), 9, "unknown prefix 'nope'"),
        (("    quote: 软件园\n", ""), 9, "lacks quote"),
        (("    en: Software Park\n", "    en: Software Park\n    colour: red\n"), 9, "unknown key(s) colour"),
        (("article: a1", "article: a1\narticle: a2"), 2, "duplicate key 'article'"),
        (("  roles:\n    secretary", "  places:\n    secretary"), 6, "not declared under 'schemes:'"),
        (("quote: 软件园}", "quote: 软件园, extra: 1}"), 14, "unknown key(s) extra"),
    ],
    ids=[
        "bad-slug",
        "unknown-prefix",
        "missing-quote",
        "unknown-key",
        "duplicate-key",
        "undeclared-scheme",
        "unquoted-comma-in-flow-mapping",
    ],
)
def test_malformed_annotation_names_file_and_line(
    tmp_path: Path, change: tuple[str, str], line: int, message: str
) -> None:
    old, new = change
    assert old in MINIMAL
    path = write(tmp_path, MINIMAL.replace(old, new, 1))
    with pytest.raises(AnnotationError) as caught:
        load_annotations(path)
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}:")


def test_duplicate_entity_id_is_refused_not_overwritten(tmp_path: Path) -> None:
    text = MINIMAL + "  - id: park\n    type: pg:Statistic\n    label: x\n    en: x\n    quote: 软件园\n"
    with pytest.raises(AnnotationError, match="already used at line 9"):
        load_annotations(write(tmp_path, text))


def test_missing_annotation_file(tmp_path: Path) -> None:
    with pytest.raises(AnnotationError, match="no such annotation file"):
        load_annotations(tmp_path / "nope.yaml")


def test_invalid_yaml_reports_line(tmp_path: Path) -> None:
    with pytest.raises(AnnotationError, match="not valid YAML") as caught:
        load_annotations(write(tmp_path, "article: a1\nentities: [\n  x: {\n"))
    assert caught.value.line is not None


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a1.yaml"
    path.write_bytes("article: 宿迁".encode("gb18030"))
    with pytest.raises(AnnotationError, match="not UTF-8"):
        load_annotations(path)


def test_quotes_are_nfc_normalised(tmp_path: Path) -> None:
    text = MINIMAL.replace("quote: 软件园\n", 'quote: "Cafe\\u0301"\n', 1)
    notes = load_annotations(write(tmp_path, text))
    assert notes.entities["park"].quotes[0].exact == "Café"
