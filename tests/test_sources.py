"""Finding a corpus's articles: text and HTML captures, their annotations and their sidecars."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkgraph.articles import find_sources
from parkgraph.errors import ParkgraphError


def corpus(tmp_path: Path, *names: str) -> tuple[Path, Path]:
    captures, notes = tmp_path / "corpus", tmp_path / "annotations"
    captures.mkdir()
    notes.mkdir()
    for name in names:
        (captures / name).write_text("x", encoding="utf-8")
        stem = name.split(".")[0]
        if not name.endswith(".meta.yaml"):
            (notes / f"{stem}.yaml").write_text(f"article: {stem}\nentities: {{}}\n", encoding="utf-8")
    return captures, notes


def test_text_and_html_captures_are_found_in_id_order_with_their_sidecars(tmp_path: Path) -> None:
    captures, notes = corpus(tmp_path, "b.html", "a.txt", "c.htm", "b.meta.yaml")
    sources = find_sources(captures, notes)
    assert [(s.article_id, s.capture.name) for s in sources] == [
        ("a", "a.txt"),
        ("b", "b.html"),
        ("c", "c.htm"),
    ]
    assert [s.sidecar.name if s.sidecar else None for s in sources] == [None, "b.meta.yaml", None]


def test_a_sidecar_is_part_of_the_articles_digest(tmp_path: Path) -> None:
    captures, notes = corpus(tmp_path, "a.txt")
    before = find_sources(captures, notes)[0].digest()
    (captures / "a.meta.yaml").write_text("published: 2024-05-06\n", encoding="utf-8")
    after = find_sources(captures, notes)[0].digest()
    (captures / "a.meta.yaml").write_text("published: 2024-05-07\n", encoding="utf-8")
    assert len({before, after, find_sources(captures, notes)[0].digest()}) == 3


def test_two_captures_of_one_article_are_refused(tmp_path: Path) -> None:
    captures, notes = corpus(tmp_path, "a.txt", "a.html")
    with pytest.raises(ParkgraphError, match=r"a\.txt: another capture of the same article, .*a\.html"):
        find_sources(captures, notes)


def test_sidecar_without_capture_is_named(tmp_path: Path) -> None:
    captures, notes = corpus(tmp_path, "a.txt", "z.meta.yaml")
    with pytest.raises(ParkgraphError, match=r"z\.meta\.yaml: a sidecar without a capture"):
        find_sources(captures, notes)


def test_empty_corpus_names_both_kinds_of_capture(tmp_path: Path) -> None:
    captures, notes = corpus(tmp_path)
    with pytest.raises(ParkgraphError, match=r"no captures \(\*\.txt, \*\.html\)"):
        find_sources(captures, notes)
