"""The article pages of ``views/article/``, made as the corpus build takes each article, and only when
the article changed.

Why incremental: at corpus scale (10k articles) making every page on every build would cost more than
the build's rebuild of one changed article. So each page is keyed by what it is made from (the corpus
build's digest of the article's graph and of how its entities were resolved, the code of this package,
the ontology and the base IRI); ``views/articles.json`` records each article's key, its page's size and its
row of the index. An article whose key and page are as recorded is neither read nor rendered nor written;
any other is rendered, and its page written if its bytes changed. Pages of articles no longer in the
corpus are removed.

Article pages never depend on whether the graph views (entity pages …) are written: those exist only for
corpora small enough for the in-memory graph, which is known only once the corpus is built, so the
pages read it from ``lib/parkgraph-graph.js`` (:func:`graph_flag`), written by every build, and link
to entity pages only when it says they exist. A corpus crossing the limit rewrites no page.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import ARTICLE_FOLDER, VIEWS_FOLDER, article_path

if TYPE_CHECKING:
    from rdflib import Graph

    from ..articles import ArticleOutput
    from ..corpus.graphfiles import StagedFiles
    from ..project import Project
    from .triples import TripleIndex
    from .vocab import Vocab

#: Under views/: every article's key, page size and index row.
MANIFEST = "articles.json"
#: Under views/lib/: whether the graph views are written beside the article pages.
GRAPH_FLAG = "parkgraph-graph.js"
_FORMAT = 1


@dataclass(frozen=True)
class ArticleRow:
    """An article's row of the index (JSON-able: it is kept in the manifest for unchanged articles)."""

    id: str
    path: str  # relative to views/
    title: str
    published: str
    outlet: str
    entities: int
    facts: int
    statements: int
    spans: int
    extractor: str | None  # the extractor's version; None for a curated article
    low: int  # records the extractor was not sure of

    @property
    def date(self) -> str:
        return self.published[:10]


@dataclass
class PagesResult:
    """What :meth:`ArticlePages.finish` hands the build: the rows (in id order), the pages to remove,
    and counts for the summary and the benchmark."""

    rows: list[ArticleRow]
    removed: list[Path]
    rendered: int
    written: int
    kept: int
    seconds: float


@functools.cache
def code_identity() -> str:
    """The digest of what decides a page's bytes besides its article: this package's modules and
    templates (the lib/ scripts and style are separate files, so a change to them rewrites no page)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*package.glob("*.py"), *(package / "templates").glob("*.html")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def graph_flag(graph_views: bool) -> bytes:
    """``lib/parkgraph-graph.js``: tells the article pages whether entity and concept pages exist."""
    value = "true" if graph_views else "false"
    return (
        "/* Written by the build: whether the graph views (entity/, concept/ …) are written beside the\n"
        " * article pages (only for corpora small enough for the in-memory graph). */\n"
        f"window.parkgraphGraphViews = {value};\n"
    ).encode()


@dataclass
class ArticlePages:
    """Collects the article pages of one build: :meth:`add` for each article as the corpus build takes it
    (in id order), :meth:`finish` at the end. Pages are handed to ``stage`` (path, bytes), which the
    build commits with its other outputs (or discards)."""

    folder: Path  # views/
    vocab: Vocab
    base: str
    stage: Callable[[Path, bytes], None]
    ontology_digest: str = ""
    rows: list[ArticleRow] = field(default_factory=list)
    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    rendered: int = 0
    written: int = 0
    kept: int = 0
    seconds: float = 0.0

    def __post_init__(self) -> None:
        self.old = _read_manifest(self.folder / MANIFEST)
        self.identity = hashlib.sha256(
            f"{code_identity()}\0{self.ontology_digest}\0{self.base}".encode()
        ).hexdigest()

    def key(self, digest: str) -> str:
        return hashlib.sha256(f"{self.identity}\0{digest}".encode()).hexdigest()

    def add(self, article_id: str, digest: str, ntriples: Callable[[], bytes]) -> None:
        """One article: kept if its key and page are as the manifest says (``digest`` names what its
        graph is made from; "" means unknown: always rendered), else rendered from ``ntriples()`` (its
        graph as canonical N-Triples, entities resolved)."""
        from .triples import TripleIndex

        self.add_index(article_id, digest, lambda: TripleIndex.from_ntriples(ntriples(), skip=_skipped()))

    def add_index(self, article_id: str, digest: str, index: Callable[[], TripleIndex]) -> None:
        import time

        started = time.perf_counter()
        relative = article_path(article_id)
        path = self.folder / relative
        key = self.key(digest) if digest else ""
        old = self.old.get(article_id)
        row = _old_row(old) if key and old is not None and old.get("key") == key else None
        if row is not None and _size(path) == old.get("size"):  # type: ignore[union-attr]
            self.kept += 1
            size = old["size"]  # type: ignore[index]
        else:
            from .article import read_article
            from .article_page import render_article

            data = read_article(index(), f"{self.base}article/{article_id}", self.vocab, base=self.base)
            page = render_article(data, self.base).encode("utf-8")
            self.rendered += 1
            if not _same_bytes(path, page):
                self.stage(path, page)
                self.written += 1
            row = ArticleRow(
                id=article_id,
                path=relative,
                title=data.title,
                published=data.published,
                outlet=data.outlet,
                entities=data.counts["entities"],
                facts=data.counts["facts"],
                statements=data.counts["statements"],
                spans=data.counts["spans"],
                extractor=data.extractor,
                low=sum(1 for r in data.records if r.low),
            )
            size = len(page)
        self.rows.append(row)
        self.entries[article_id] = {"key": key, "size": size, "row": asdict(row)}
        self.seconds += time.perf_counter() - started

    def finish(self) -> PagesResult:
        """Stage the manifest if it changed; the pages of articles gone, to remove."""
        manifest = json.dumps(
            {"format": _FORMAT, "articles": dict(sorted(self.entries.items()))},
            ensure_ascii=False,
            sort_keys=True,
            indent=0,
        ).encode("utf-8")
        manifest_path = self.folder / MANIFEST
        if not _same_bytes(manifest_path, manifest):
            self.stage(manifest_path, manifest)
        wanted = {self.folder / row.path for row in self.rows}
        removed = sorted(p for p in (self.folder / ARTICLE_FOLDER).glob("*.html") if p not in wanted)
        return PagesResult(
            rows=sorted(self.rows, key=lambda r: r.id),
            removed=removed,
            rendered=self.rendered,
            written=self.written,
            kept=self.kept,
            seconds=self.seconds,
        )


def all_pages(
    index: TripleIndex, *, folder: Path, vocab: Vocab, base: str, stage: Callable[[Path, bytes], None]
) -> PagesResult:
    """Every article of one index (the union graph of ``parkgraph views``), each rendered (no digest is
    known for them: only their bytes decide whether a page is written)."""
    from .article import article_iris

    pages = ArticlePages(folder, vocab, base, stage)
    ids: Iterable[str] = sorted(iri[len(f"{base}article/") :] for iri in article_iris(index))
    for article_id in ids:
        pages.add_index(article_id, "", lambda: index)
    return pages.finish()


def _skipped() -> frozenset[str]:
    from .article import SKIPPED

    return SKIPPED


def _read_manifest(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != _FORMAT
        or not isinstance(data.get("articles"), dict)
    ):
        return {}
    return data["articles"]


def _old_row(entry: dict[str, object]) -> ArticleRow | None:
    """The row the manifest kept, or None if it is not one (an older format, a hand edit)."""
    try:
        return ArticleRow(**entry["row"])  # type: ignore[arg-type]
    except (KeyError, TypeError):
        return None


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


@dataclass
class ArticlePageStage:
    """The build's side of the article pages: an :class:`ArticlePages` for ``views/`` of the build's
    output folder, staging into files of its own that the build commits with its other outputs
    (:meth:`parkgraph.corpus.graphfiles.StagedFiles.adopt`) or aborts. :meth:`take` is the corpus
    build's :data:`~parkgraph.corpus.build.ArticleHook`."""

    pages: ArticlePages
    staged: StagedFiles
    result: PagesResult | None = None

    @classmethod
    def start(cls, project: Project, ontology: Graph, ontology_nt: bytes, base: str) -> ArticlePageStage:
        from ..corpus.graphfiles import StagedFiles
        from .vocab import Vocab

        staged = StagedFiles()

        def stage(path: Path, data: bytes) -> None:
            with staged.open(path) as stream:
                stream.write(data)

        pages = ArticlePages(
            project.out_dir / VIEWS_FOLDER,
            Vocab.of(ontology),
            base,
            stage,
            ontology_digest=hashlib.sha256(ontology_nt).hexdigest(),
        )
        return cls(pages, staged)

    def take(self, output: ArticleOutput, mapping: dict[str, str], digest: str) -> None:
        """One article as the corpus build takes it: its page made only if its digest changed, from its
        graph with its entities resolved (so its links name the entities the graph has)."""
        from ..corpus.resolution import rewrite

        self.pages.add(output.article_id, digest, lambda: rewrite(output.ntriples(), mapping))

    def finish(self) -> PagesResult:
        self.result = self.pages.finish()
        return self.result
