"""Tests of the curator's draft (parkgraph/extract/draft.py) and of ``parkgraph extract``.

The draft is only useful if loading it gives back what the extractor found, so most tests write
hand-built annotations (fictional names, written for these tests) and load the text again with the
curated loader; :func:`assert_same_records` compares everything but YAML lines and the file path.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from parkgraph.annotations import (
    Annotations,
    Concept,
    Entity,
    Fact,
    Prop,
    Quote,
    Relation,
    Scheme,
    load_annotations,
)
from parkgraph.cli import main
from parkgraph.extract.draft import DraftError, draft_yaml
from parkgraph.namespaces import FOAF, ORG, PG, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
CURATED = ROOT / "annotations" / "000_64b6559f5e865fa2.yaml"
ARTICLE_ID = "900_0f1c2a3b4d5e6f70"

#: What a written file cannot keep: where the records stood in it, and whether they came from the
#: extractor (a loaded file is a curator's, whoever drafted it).
_IGNORED = {"line", "path", "node_lines", "extracted", "extractor_version"}


# --- the comparison ------------------------------------------------------------------------------


def records(value: Any) -> Any:
    """``value`` as plain data without the fields in ``_IGNORED``, so that two loads compare equal."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: records(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _IGNORED
        }
    if isinstance(value, Mapping):
        return {key: records(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [records(item) for item in value]
    return value


def assert_same_records(loaded: Annotations, given: Annotations) -> None:
    """Every record of ``given`` is in ``loaded`` and equal (slugs, labels, en, alt, types, props,
    quotes with occurrences, relations, facts with quantity/unit/time), section by section so that a
    failure names what differs."""
    got, want = records(loaded), records(given)
    assert got.keys() == want.keys()
    for section in want:
        assert got[section] == want[section], section


def round_trip(tmp_path: Path, annotations: Annotations, **options: Any) -> tuple[str, Annotations]:
    text = draft_yaml(annotations, **options)
    path = tmp_path / f"{annotations.article_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return text, load_annotations(path)


# --- hand-built annotations ------------------------------------------------------------------------


def quote(exact: str, occurrence: int = 1) -> tuple[Quote, ...]:
    return (Quote(exact, occurrence, 0),)


def entity(slug: str, label: str, en: str, *types: str, **fields: Any) -> Entity:
    fields.setdefault("quotes", quote(label))
    return Entity(slug=slug, label=label, en=en, line=0, types=types, **fields)


def sample() -> Annotations:
    """One of everything the format has, with names made up for the test."""
    schemes = {
        "sectors": Scheme("sectors", "行业", "sectors", 0),
        "levels": Scheme("levels", "级别", "levels: official #ranks", 0),
    }
    concepts = [
        Concept(
            "quantum-sensing", "量子传感", "quantum sensing", quote("量子传感"), 0, ("量子感知",), "sectors"
        ),
        Concept("yes", "是", "a slug YAML 1.1 reads as true", quote("是"), 0, scheme="sectors"),
        Concept("provincial", "省级", "provincial", quote("省级", 2), 0, scheme="levels"),
    ]
    description = [{"zh-Hans": "湖畔的园区: 第#2期"}, {"en": "a park: phase #2, 'north'"}]
    entities = [
        entity(
            "qingluan-park",
            "青鸾湖智能传感产业园",
            "Qingluan Lake Smart Sensing Park",
            str(PG.IndustrialPark),
            alt=("青鸾湖园区", "传感园"),
            props=(Prop(str(SCHEMA.description), tuple(description), 0),),
        ),
        entity("qingluan", "青鸾市", "Qingluan", str(PG.City), alt=("青鸾",)),
        entity(
            "feiyun-tech",
            "*飞云科技",
            '&Feiyun "Tech": Ltd. #1',
            str(PG.Company),
            str(SCHEMA.Organization),
            quotes=(Quote("*飞云科技", 1, 0), Quote("飞云", 3, 0)),
        ),
        entity("mo-lan", "墨兰", "Mo Lan", str(FOAF.Person), str(SCHEMA.Person)),
        entity(
            "post-park-director",
            "青鸾湖园区主任",
            "Director of Qingluan Lake Park",
            str(ORG.Post),
            props=(
                Prop(str(ORG.postIn), ("qingluan-park",), 0),
                Prop(str(ORG.role), ("levels/provincial",), 0),
            ),
        ),
        entity("sensing-programme", "“感知青鸾”计划", '"Sensing Qingluan" programme', str(PG.Programme)),
        entity("sensor-fab", "传感器晶圆厂", "sensor wafer fab", str(PG.Project)),
        entity("lake-alliance", "湖畔联盟", "Lakeside Alliance", str(PG.Alliance)),
        entity("qingluan-committee", "青鸾市委", "CPC Qingluan Committee", str(PG.PartyCommittee)),
        entity("qingluan-government", "青鸾市政府", "Qingluan Government", str(PG.GovernmentBody)),
        entity(
            "qingluan-institute", "青鸾传感研究院", "Qingluan Sensing Institute", str(PG.ResearchInstitute)
        ),
    ]
    relations = (
        Relation("qingluan-park", str(SCHEMA.containedInPlace), "qingluan", quote("位于青鸾市"), 0),
        Relation("qingluan-park", str(PG.keyIndustry), "sectors/quantum-sensing", quote("量子传感", 2), 0),
        Relation("mo-lan", str(ORG.holds), "post-park-director", quote("主任墨兰"), 0),
        Relation("qingluan-park", str(SCHEMA.foundingDate), "2021-05-01", quote("2021年5月1日"), 0),
        Relation("qingluan-park", str(PG.rank), 3, quote("第三"), 0),
    )
    facts = [
        Fact(
            "revenue-2023-h1",
            "青鸾湖园区2023年上半年营收",
            "park revenue: first half of 2023",
            (Quote("营收12.5亿元", 1, 0), Quote("同比增长", 2, 0)),
            0,
            types=(str(PG.Statistic),),
            props=(
                Prop(str(SCHEMA.observationAbout), ("qingluan-park",), 0),
                Prop(str(PG.indicator), ("sectors/quantum-sensing",), 0),
            ),
            quantity="12.5亿元",
            unit="yuan",
            time="2023年上半年",
        ),
        Fact(
            "park-founded",
            "青鸾湖园区成立",
            "the park is founded",
            quote("成立"),
            0,
            types=(str(PG.Event), str(SCHEMA.Event)),
            props=(Prop(str(PG.designatedEntity), ("qingluan-park", "feiyun-tech"), 0),),
            time="2021年",
        ),
    ]
    return Annotations(
        path=Path("sample.yaml"),
        article_id=ARTICLE_ID,
        about=("qingluan-park",),
        schemes=schemes,
        concepts={c.ref: c for c in concepts},
        entities={e.slug: e for e in entities},
        relations=relations,
        facts={f.slug: f for f in facts},
        extracted=True,
        extractor_version="0.0.test",
    )


def lone_entity(text: str) -> Annotations:
    """An article whose one entity carries ``text`` in every string field the format has."""
    found = entity(
        "thing",
        text,
        text,
        str(PG.Company),
        alt=(text,),
        quotes=quote(text, 2),
        props=(Prop(str(SCHEMA.description), (text, {"zh-Hans": text}), 0),),
    )
    relation = Relation("thing", str(SCHEMA.description), text, quote(text), 0)
    return Annotations(Path("x.yaml"), ARTICLE_ID, (), {}, {}, {"thing": found}, (relation,), {})


# --- round trips -----------------------------------------------------------------------------------


def test_round_trip_keeps_every_record(tmp_path: Path) -> None:
    given = sample()
    _, loaded = round_trip(tmp_path, given, source=f"corpus/{ARTICLE_ID}.txt")
    assert_same_records(loaded, given)
    assert loaded.relations[3].obj == "2021-05-01"  # a string still, not a date
    assert loaded.relations[4].obj == 3


TRICKY = [
    "a: b",
    "key:value",
    "标签：全角冒号",
    "#hash first",
    "text # comment?",
    "*star",
    "&anchor",
    "!tag",
    "%percent",
    "@at",
    "`tick",
    "|pipe",
    ">fold",
    "- dash",
    "-dash",
    "? question",
    "?q",
    ":colon",
    "[bracket]",
    "{brace}",
    "a, b",
    "a,b",
    "'single'",
    '"double"',
    "it's",
    "“中文引号”",
    "null",
    "~",
    "true",
    "No",
    "on",
    "123",
    "0x1F",
    "1e3",
    "1:30",
    "12.5",
    ".inf",
    "2021-05-01",
    "=",
    "<<",
    "---",
    "...",
    "tab\there",
    "line\nbreak",
    "back\\slash",
    "ends with colon:",
]


@pytest.mark.parametrize("text", TRICKY)
def test_strings_yaml_would_misread_round_trip(tmp_path: Path, text: str) -> None:
    given = lone_entity(text)
    written, loaded = round_trip(tmp_path, given)
    assert_same_records(loaded, given)
    # The loader uses LibYAML when PyYAML has it; the pure-Python parser must read the same.
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yaml.load(written, Loader=yaml.SafeLoader) == yaml.load(written, Loader=fast)


def test_curated_file_loads_unchanged(tmp_path: Path) -> None:
    curated = load_annotations(CURATED)
    _, loaded = round_trip(tmp_path, curated, source=f"corpus/{CURATED.stem}.txt")
    assert_same_records(loaded, curated)


def test_draft_is_deterministic() -> None:
    assert draft_yaml(sample()) == draft_yaml(sample())


def test_unknown_namespace_is_a_clear_error() -> None:
    given = dataclasses.replace(
        sample(), entities={"x": entity("x", "某物", "something", "http://example.org/Thing")}
    )
    with pytest.raises(DraftError, match=re.escape("http://example.org/Thing")):
        draft_yaml(given)


# --- layout ------------------------------------------------------------------------------------------


def test_layout_reads_like_the_curated_file() -> None:
    text = draft_yaml(sample(), source=f"corpus/{ARTICLE_ID}.txt")
    lines = text.splitlines()
    assert lines[0].startswith(f"# Annotations of corpus/{ARTICLE_ID}.txt: a MACHINE DRAFT")
    assert "0.0.test" in lines[0]
    assert "\\u" not in text and "青鸾湖智能传感产业园" in text
    tops = [line.split(":")[0] for line in lines if re.match(r"[a-z]+:", line)]
    assert tops == ["article", "extracted", "about", "schemes", "concepts", "entities", "facts"]
    rules = [line.strip("# -") for line in lines if line.startswith("  # ---")]
    assert rules == [
        "places",
        "government bodies",
        "party organisations",
        "companies",
        "institutes and universities",
        "parks and zones",
        "people",
        "posts",
        "programmes and policies",
        "projects",
        "others",
        "relations",
        "events, statistics and claims",
    ]
    assert (
        "    quantum-sensing: {label: 量子传感, en: quantum sensing, alt: [量子感知], quote: 量子传感}"
        in lines
    )
    assert "    provincial: {label: 省级, en: provincial, quote: {exact: 省级, occurrence: 2}}" in lines
    assert "    'yes': {label: 是, en: a slug YAML 1.1 reads as true, quote: 是}" in lines
    assert "  - {s: qingluan-park, p: schema:containedInPlace, o: qingluan, quote: 位于青鸾市}" in lines
    assert "  - {s: qingluan-park, p: schema:foundingDate, o: '2021-05-01', quote: 2021年5月1日}" in lines
    assert "    type: [pg:Company, schema:Organization]" in lines
    assert "    props: {org:postIn: qingluan-park, org:role: levels/provincial}" in lines
    assert lines.index("  - id: revenue-2023-h1") > max(i for i, line in enumerate(lines) if "{s: " in line)


def test_records_keep_their_order_within_a_group() -> None:
    given = sample()
    reordered = dataclasses.replace(given, entities=dict(reversed(list(given.entities.items()))))
    lines = draft_yaml(reordered).splitlines()
    assert lines.index("  qingluan-committee:") < lines.index("  lake-alliance:")  # groups first
    people_and_posts = [line for line in lines if line in ("  mo-lan:", "  post-park-director:")]
    assert people_and_posts == ["  mo-lan:", "  post-park-director:"]


# --- confidence ---------------------------------------------------------------------------------------


def test_confidence_below_threshold_is_a_check_comment(tmp_path: Path) -> None:
    confidence = {
        "qingluan-park": 0.55,
        "qingluan": 0.75,
        "sectors/quantum-sensing": 0.4,
        "revenue-2023-h1": 0.6,
        "mo-lan": 0.9,
    }
    text, loaded = round_trip(tmp_path, sample(), confidence=confidence)
    lines = text.splitlines()
    assert "  qingluan-park:  # confidence 0.55: check" in lines
    assert "  qingluan:" in lines  # 0.75 is sure enough
    assert "  mo-lan:" in lines
    assert any(
        line.startswith("    quantum-sensing: {") and line.endswith("  # confidence 0.40: check")
        for line in lines
    )
    assert "  - id: revenue-2023-h1  # confidence 0.60: check" in lines
    assert sum("# confidence" in line for line in lines[4:]) == 3
    assert_same_records(loaded, sample())  # comments change nothing


# --- the command ----------------------------------------------------------------------------------------

CAPTURE = (
    "新浪新闻客户端\n\n青鸾湖传感产业园获批省级特色园区\n\n青鸾湖传感产业园获批省级特色园区\n"
    "2023年07月12日 09:30 新浪网 作者 青鸾日报\n缩小字体 放大字体 收藏 微博 微信 0\n\n"
    "  (青鸾日报记者 墨兰)7月11日,记者从青鸾市高新区获悉,位于该区的青鸾湖传感产业园获批省级特色园区。\n\n"
    "  今年上半年,园区实现主营业务收入12.5亿元,同比增长18.6%,集聚传感器企业40余家。\n"
)


@pytest.fixture
def capture(tmp_path: Path) -> Path:
    """A small fictional capture; skips the command's tests while the extractor cannot be imported."""
    # The extractor's stages (parkgraph/extract/*.py) are written alongside this draft writer; until
    # all of them are in place, importing the pipeline fails and these tests have nothing to run.
    try:
        import parkgraph.extract.pipeline  # noqa: F401
    except ImportError as error:
        pytest.skip(f"the extractor's pipeline cannot be imported yet: {error}")
    path = tmp_path / "corpus" / f"{ARTICLE_ID}.txt"
    path.parent.mkdir()
    path.write_text(CAPTURE, encoding="utf-8")
    return path


def test_extractor_output_round_trips(capture: Path, tmp_path: Path) -> None:
    from parkgraph.extract.pipeline import extract
    from parkgraph.reader import read_capture

    extraction = extract(read_capture(capture))
    assert extraction.annotations.entities, "the fictional capture names a city, a zone and a reporter"
    _, loaded = round_trip(tmp_path, extraction.annotations, confidence=extraction.confidence)
    assert_same_records(loaded, extraction.annotations)


def test_extract_prints_a_draft_that_loads(
    capture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(capture)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# Annotations of {capture}: a MACHINE DRAFT")
    path = tmp_path / "printed.yaml"
    path.write_text(out, encoding="utf-8")
    assert load_annotations(path).article_id == ARTICLE_ID


def test_extract_writes_the_file_and_refuses_to_overwrite_it(
    capture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "annotations" / f"{ARTICLE_ID}.yaml"
    assert main(["extract", str(capture), "-o", str(out)]) == 0
    written = out.read_text(encoding="utf-8")
    assert load_annotations(out).article_id == ARTICLE_ID
    assert capsys.readouterr().out == ""

    out.write_text("# curated\n", encoding="utf-8")
    assert main(["extract", str(capture), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "# curated\n"

    assert main(["extract", str(capture), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8") == written
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def test_extract_of_a_missing_capture_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / f"{ARTICLE_ID}.txt")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("parkgraph: error: ") and "no such file" in err
    assert err.count("\n") == 1
