"""The corpus on disk: each graph of a build in its own N-Quads file, under ``graph/dataset/``.

    graph/dataset/ontology.nq           the ontology's graph
    graph/dataset/articles/<id>.nq      each article's named graph ``{base}graph/<id>``
    graph/dataset/shared.nq             the shared graph (resolved entities, concepts, the extractor)
    graph/dataset/void.nq               the VoID description of what the build holds

Why one file per graph: a build in which one article changed rewrites that article's file, the shared
graph's and the VoID description's, and nothing else. With the union files of a 10k-article corpus
(20.7 GB) rewritten by every build, one changed article had cost 8.9 % of a cold build (issue 23). The
union files (``graph/parkgraph.nq`` and the rest) are written by the build only while the corpus is
small; ``parkgraph export`` streams them from these files on request (:mod:`parkgraph.export`).

Each file is written under a temporary name and moved into place with the build's other outputs
(:class:`parkgraph.corpus.graphfiles.StagedFiles`); its SHA-256 and its stamp (size, modification time)
go into the store's manifest. A file whose stamp differs is read and its digest compared: one that is
missing, truncated or edited by hand is never trusted, and the build writes it again from the article's
output (:func:`verified`). The per-article files are not synced one by one (10k ``fsync`` calls): a file
a power cut left short fails its digest and is rebuilt the same way.

The files' bytes are deterministic: each article's lines are sorted N-Triples turned into N-Quads
(:func:`parkgraph.corpus.graphfiles.nquads`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .store_update import file_stamp

#: The folder of the per-graph files, inside the output folder (not committed: rebuilt from the corpus).
DATASET_FOLDER = "dataset"
#: The per-article files' folder, inside :data:`DATASET_FOLDER`.
ARTICLES_FOLDER = "articles"
#: The build's own graphs' files, in the order :func:`graph_files` lists them around the articles.
ONTOLOGY, SHARED, VOID = "ontology", "shared", "void"
SUFFIX = ".nq"


@dataclass(frozen=True)
class GraphFile:
    """One graph's file: the graph's name, its kind (``ontology``, ``article``, ``shared``, ``void``),
    the article id for an article's graph, and the file."""

    name: str
    kind: str
    path: Path
    article_id: str | None = None

    def nquads(self) -> bytes:
        return self.path.read_bytes()

    def ntriples(self) -> bytes:
        """The graph's lines as N-Triples (its N-Quads without the graph name)."""
        return strip_graph(self.path.read_bytes(), self.name)


@dataclass(frozen=True)
class DatasetLayout:
    """Where each graph's file goes, inside ``folder`` (``graph/dataset/``).

    >>> layout = DatasetLayout(Path("graph/dataset"))
    >>> layout.article("000_x").as_posix(), layout.own(SHARED).as_posix()
    ('graph/dataset/articles/000_x.nq', 'graph/dataset/shared.nq')
    """

    folder: Path

    def article(self, article_id: str) -> Path:
        return self.folder / ARTICLES_FOLDER / f"{article_id}{SUFFIX}"

    def own(self, kind: str) -> Path:
        """The file of one of the build's own graphs (:data:`ONTOLOGY`, :data:`SHARED`, :data:`VOID`)."""
        return self.folder / f"{kind}{SUFFIX}"

    def relative(self, path: Path) -> str:
        """``path`` relative to the folder, as the manifest records it."""
        return path.relative_to(self.folder).as_posix()


def strip_graph(nquads: bytes, name: str) -> bytes:
    """N-Quads lines of graph ``name`` as N-Triples lines.

    >>> strip_graph(b'<a> <p> "x" <urn:g> .\\n', "urn:g")
    b'<a> <p> "x" .\\n'
    """
    suffix = f" <{name}> .\n".encode()
    lines = nquads.splitlines(keepends=True)
    return b"".join(line[: -len(suffix)] + b" .\n" if line.endswith(suffix) else line for line in lines)


def sha256_of(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, read in chunks; None if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def verified(path: Path, record: Mapping[str, Any] | None) -> bool:
    """Whether ``path`` holds what the manifest's ``record`` says the last build wrote there.

    The stamp first (a file no one touched keeps its size and time); a file whose stamp differs is read
    and its SHA-256 compared, so a file touched but not changed is still trusted, and one that is
    missing, truncated or edited is not."""
    if not record:
        return False
    found = file_stamp(path) if path.is_file() else None
    if found is None:
        return False
    if found == record.get("stamp"):
        return True
    return sha256_of(path) == record.get("sha256")


@dataclass(frozen=True)
class BuiltDataset:
    """What the last build left in ``graph/dataset/``, as its manifest records it: the graphs' files
    in the union files' order, the base their names are minted under and the union's triple count."""

    folder: Path
    base: str
    files: tuple[GraphFile, ...]
    records: Mapping[str, Mapping[str, Any]]
    triples: int

    @classmethod
    def read(cls, out_dir: Path) -> BuiltDataset:
        """The dataset the build in ``out_dir`` recorded in its manifest (``oxigraph.manifest.json``).

        Raises :class:`~parkgraph.errors.GraphNotBuiltError` when no build recorded one."""
        import json

        from ..errors import GraphNotBuiltError
        from .shared import SHARED_GRAPH_ID
        from .store_update import MANIFEST

        manifest_path = out_dir / MANIFEST
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise GraphNotBuiltError(out_dir, f"no build manifest {MANIFEST}") from None
        folder = out_dir / DATASET_FOLDER
        records = {
            name: block["file"]
            for name, block in (manifest.get("blocks") or {}).items()
            if isinstance(block, dict) and isinstance(block.get("file"), dict) and "path" in block["file"]
        }
        shared_suffix = f"graph/{SHARED_GRAPH_ID}"
        base = next((name[: -len(shared_suffix)] for name in records if name.endswith(shared_suffix)), None)
        if base is None:
            raise GraphNotBuiltError(out_dir, f"{MANIFEST} lists no graph files of {DATASET_FOLDER}/")
        kinds = {f"{ONTOLOGY}{SUFFIX}": 0, f"{SHARED}{SUFFIX}": 2, f"{VOID}{SUFFIX}": 3}
        files = []
        for name, record in records.items():
            relative = str(record["path"])
            path = (folder / relative).resolve()
            if folder.resolve() not in path.parents:  # a manifest edited to point elsewhere: never read it
                raise GraphNotBuiltError(out_dir, f"{MANIFEST} names a file outside {DATASET_FOLDER}/")
            order = kinds.get(relative, 1)
            kind = {0: ONTOLOGY, 1: "article", 2: SHARED, 3: VOID}[order]
            article_id = Path(relative).name[: -len(SUFFIX)] if order == 1 else None
            files.append((order, relative, GraphFile(name, kind, folder / relative, article_id)))
        return cls(
            folder=folder,
            base=base,
            files=tuple(file for _, _, file in sorted(files, key=lambda item: item[:2])),
            records=records,
            triples=int(manifest.get("triples", 0)),
        )

    def check(self) -> None:
        """Raise :class:`DatasetChangedError` for the first file that is not as the build wrote it."""
        from ..errors import DatasetChangedError

        for file in self.files:
            if not verified(file.path, self.records[file.name]):
                raise DatasetChangedError(file.path)


def quads_files(out_dir: Path, union_nquads: Path) -> list[Path]:
    """The files that hold the built dataset's graphs, for a tool that loads them all (``serve``,
    ``push``, the API without a store): the union file ``union_nquads`` while the build writes it (a
    small corpus), else each graph's own file, checked against the digests the build recorded.

    Raises :class:`~parkgraph.errors.GraphNotBuiltError` when there is neither."""
    if union_nquads.is_file():
        return [union_nquads]
    dataset = BuiltDataset.read(out_dir)
    dataset.check()
    return [file.path for file in dataset.files]
