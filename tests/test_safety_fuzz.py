"""Issue 21, "Proof": random captures through the reader and a one-article build (Hypothesis).

Every capture is the good fictional page of ``test_reader_bad_input``, bent at random: fragments of
random Unicode (line and paragraph separators, C0 and C1 controls, bidi overrides and isolates,
noncharacters, combining marks, surrogate escapes that become raw bytes), CR LF or CR or U+2028 line
ends, a huge line, a random sidecar, saved as UTF-8, GB18030 or UTF-16, as text or HTML; or random
bytes outright. The properties:

* the reader returns an article whose text has one kind of line break and no control character, or
  refuses the capture with a :class:`~parkgraph.errors.CaptureError` naming the capture or its sidecar;
  nothing else;
* a build of the capture beside a good one builds it or sets it aside with its name; it never
  crashes, and writes nothing outside ``graph/`` and the cache (nor leaves a temporary file).

The number of examples is bounded (``PARKGRAPH_FUZZ_EXAMPLES`` scales it) and derandomised, so CI runs
the same examples every time in about a minute; there is no deadline, since a loaded machine would make
one flaky. To explore further: ``PARKGRAPH_FUZZ_EXAMPLES=10 PARKGRAPH_FUZZ_RANDOM=1 python -m pytest
tests/test_safety_fuzz.py``.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkgraph.build import Project, build
from parkgraph.errors import CaptureError, ParkgraphError
from parkgraph.reader import parse_capture, read_capture
from parkgraph.textnorm import DROPPED, LINE_BREAKS, normalise_text, surrogate

from .conftest import ROOT
from .test_reader_bad_input import BODY, DATELINE, HEAD, TAIL, TITLE

SCALE = float(os.environ.get("PARKGRAPH_FUZZ_EXAMPLES", "1"))
EXPLORE = os.environ.get("PARKGRAPH_FUZZ_RANDOM") == "1"


def bounded(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        derandomize=not EXPLORE,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


#: Characters that broke, or might break, something: every line break str.splitlines() knows, controls,
#: escape sequences, bidi overrides and isolates, a BOM and the noncharacters, combining marks, and what
#: N-Triples, Turtle, JSON, HTML and XML escape.
SPECIAL = (
    *"\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e\r\t\x00\x01\x07\x1b\x7f\x80\x9b\x9f",
    "\r\n",
    "\x1b[31m",
    *"\u202e\u202d\u2066\u2067\u2068\u2069\u200f\u200e\u061c",
    *"\ufeff\ufffe\uffff\ufffd\u0301\u3000\xa0",
    "\U0001f600",
    *'<>&"\'\\{}#%|^`',
    "\\n",
    '"""',
    "]]>",
    "<script>alert(1)</script>",
    "&#x2028;",
    "&#11;",
)



def fragments(escapes: bool = True) -> st.SearchStrategy[str]:
    """A special character, random Unicode, or (rarely, and not when ``escapes`` is false: a capture
    holding one is no UTF-8) a surrogate escape, which the capture's file holds as the raw byte it
    stands for."""
    return st.integers(0, 9 if escapes else 8).flatmap(
        lambda odds: st.sampled_from(SPECIAL)
        if odds < 5
        else st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)
        if odds < 9
        else st.binary(min_size=1, max_size=6).map(lambda b: b.decode("utf-8", "surrogateescape"))
    )


@dataclass(frozen=True)
class Capture:
    """A capture to write: its text, how to save it, and its sidecar's bytes (None: no sidecar)."""

    text: str
    suffix: str
    encoding: str
    sidecar: bytes | None
    raw: bytes | None = None  # random bytes instead of text

    def write(self, folder: Path, article_id: str) -> Path:
        for old in folder.glob(f"{article_id}.*"):  # the last example's (two captures of one id are fatal)
            old.unlink()
        path = folder / f"{article_id}.{self.suffix}"
        if self.raw is not None:
            path.write_bytes(self.raw)
        elif self.encoding == "utf-16":
            path.write_bytes(self.text.encode("utf-16", "surrogatepass"))
        else:
            path.write_bytes(self.text.encode(self.encoding, "surrogateescape"))
        if self.sidecar is not None:
            (folder / f"{article_id}.meta.yaml").write_bytes(self.sidecar)
        return path


@st.composite
def captures(draw: st.DrawFn, wild: bool = True) -> Capture:
    """The good page bent at random (mostly), or random bytes; a random sidecar now and then. Not
    ``wild``: mostly pages the reader reads (no random bytes, surrogate escapes or UTF-16, sidecars
    rarer), so that a build's examples mostly go all the way to the graph files."""
    odds = draw(st.integers(0, 99))
    bent = fragments(escapes=wild)
    sidecar: bytes | None = None
    if odds < (15 if wild else 5):
        key = draw(st.sampled_from(["title", "publisher", "source", "url", "published"]))
        sidecar = f"{key}: {draw(bent)}\n".encode("utf-8", "surrogateescape")
    elif odds < 20 and wild:
        sidecar = draw(st.binary(max_size=40))
    if wild and draw(st.integers(0, 99)) < 8:
        suffix = draw(st.sampled_from(["txt", "html"]))
        return Capture("", suffix, "utf-8", sidecar, raw=draw(st.binary(max_size=300)))
    lines = (HEAD + TITLE + DATELINE + BODY + TAIL).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        cut = draw(st.integers(0, len(line)))
        lines[at] = line[:cut] + draw(bent) + line[cut:]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(bent) * draw(st.integers(1, 20_000)))  # a huge line, up to ~250k chars
    end = draw(st.sampled_from(["\n", "\n", "\r\n", "\r", "\u2028", "\x85"]))
    suffix = draw(st.sampled_from(["txt", "txt", "html"]))
    if suffix == "html":
        escape = draw(st.booleans())
        shown = [html.escape(line) if escape else line for line in lines]
        text = f"<html><head><title>{shown[4]}</title></head><body>"
        text += end.join(f"<p>{line}</p>" for line in shown) + "</body></html>"
    else:
        text = end.join(lines)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["gb18030"] * 3 + (["utf-16"] if wild else [])))
    return Capture(text, suffix, encoding, sidecar)


def named(error: CaptureError, capture: Path) -> bool:
    """Does the error name the capture or its sidecar, as its first words?"""
    sidecar = capture.with_name(capture.name.rsplit(".", 1)[0] + ".meta.yaml")
    return str(error).startswith((f"{capture}: ", f"{sidecar}: "))


@given(capture=captures())
@bounded(40)
def test_the_reader_reads_any_capture_or_refuses_it_naming_it(capture: Capture) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = capture.write(Path(folder), "fuzz")
        try:
            article = read_capture(path)
        except CaptureError as error:
            assert named(error, path), str(error)
            return
        for text in (article.text, article.title, *article.keywords):
            assert not set(text) & set(LINE_BREAKS + DROPPED), repr(text)  # so splitlines() agrees
        assert article.body and article.title and article.text.encode("utf-8")


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=60) | st.lists(fragments()).map("".join))
@bounded(200)
def test_normalised_text_has_one_line_break_no_controls_and_is_nfc_and_stable(text: str) -> None:
    normal = normalise_text(text)
    assert not set(normal) & set(LINE_BREAKS + DROPPED) and unicodedata.is_normalized("NFC", normal)
    assert normalise_text(normal) == normal
    expected = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))  # the rule, the slow way
    expected = "".join("\n" if ch in LINE_BREAKS else "" if ch in DROPPED else ch for ch in expected)
    assert normal == unicodedata.normalize("NFC", expected)


@given(text=st.text(st.characters(exclude_categories=()), max_size=40), at=st.integers(0, 600))
@bounded(20)
def test_the_reader_refuses_a_str_holding_a_lone_surrogate_naming_the_capture(text: str, at: int) -> None:
    """A caller's ``str`` (decoded with ``errors="surrogateescape"``, say) may hold lone surrogates; they
    cannot be written as UTF-8, so the reader refuses them rather than failing later."""
    page = HEAD + TITLE + DATELINE + BODY + TAIL
    page = page[:at] + text + page[at:]
    try:
        article = parse_capture(page, path=Path("corpus/fuzz.txt"))
    except CaptureError as error:
        assert str(error).startswith("corpus/fuzz.txt: "), str(error)
        return
    assert surrogate(page) is None and article.text.encode("utf-8")


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` but the build's own folders, path → SHA-256 (a link by its target)."""
    found = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in ("graph", ".parkgraph-cache"):
            continue
        if path.is_symlink():
            found[str(relative)] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(relative)] = "folder"
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """A project of one good capture, built once (so its article comes from the cache after)."""
    root = tmp_path_factory.mktemp("fuzz") / "project"
    (root / "corpus").mkdir(parents=True)
    (root / "annotations").mkdir()
    shutil.copytree(ROOT / "ontology", root / "ontology")
    (root / "corpus" / "100_good.txt").write_text(HEAD + TITLE + DATELINE + BODY + TAIL, encoding="utf-8")
    project = Project.at(root)
    build(project, jobs=1)
    yield project


@given(capture=captures(wild=False))
@bounded(10)
def test_a_build_builds_any_capture_or_sets_it_aside_and_writes_only_its_own_folders(
    project: Project, capture: Capture
) -> None:
    path = capture.write(project.corpus_dir, "200_fuzz")
    outside = project.root.parent
    before, around = snapshot(project.root), sorted(p.name for p in outside.iterdir())
    with tempfile.TemporaryDirectory() as private:
        saved, tempfile.tempdir = tempfile.tempdir, private  # the build's own temporary files land here
        try:
            result = build(project, jobs=1)
        except ParkgraphError as error:  # only a fault of the project: the good capture is built
            pytest.fail(f"the build failed: {error}")
        finally:
            tempfile.tempdir = saved
        assert not list(Path(private).iterdir()), "the build left temporary files"
    if "200_fuzz" in result.articles:
        assert not result.set_aside
    else:
        (entry,) = result.set_aside
        assert entry.article_id == "200_fuzz" and entry.capture == path
        sidecar = path.with_name("200_fuzz.meta.yaml")
        assert entry.message.startswith((f"{path}: ", f"{sidecar}: ")), entry.message
    assert snapshot(project.root) == before
    assert sorted(p.name for p in outside.iterdir()) == around
