"""Typed errors. Each one names the file (and line or span) and says what to do about it.

All derive from :class:`ParkgraphError`, so a caller (the CLI) can catch one type and print
``str(error)``, which is always a complete, actionable sentence.
"""

from __future__ import annotations

from pathlib import Path


class ParkgraphError(Exception):
    """Base class of every error parkgraph raises on purpose.

    Picklable whatever a subclass's ``__init__`` takes, so an error raised while a worker process builds
    one article of a corpus reaches the main process as itself (type, message and attributes).
    ``exit_status`` is the status the ``parkgraph`` command exits with on it (docs/build.md lists them).
    """

    exit_status = 1

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[ParkgraphError], args: tuple[object, ...], state: dict[str, object]) -> ParkgraphError:
    error = Exception.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class CaptureProblem(ParkgraphError):
    """Something wrong with one capture: its path, the problem and what to do, as one sentence."""

    def __init__(self, path: Path | str, problem: str, hint: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.hint = hint
        message = f"{self.path}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class CaptureError(CaptureProblem):
    """A raw article capture is missing, empty, binary, undecodable or has no recognisable body."""


class ExtractionError(CaptureProblem):
    """The extractor failed on a capture the reader accepted (a fault of the extractor on that page).

    Its own type, not the extractor's ``ValueError`` or ``KeyError``, so that a corpus build can tell a
    failed extraction, which it sets aside, from a fault of its own, which stops it.
    """


class AnnotationError(ParkgraphError):
    """An annotation file is malformed or refers to something that does not exist."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path = Path(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {problem}")


class EvidenceNotFoundError(AnnotationError):
    """A quote in an annotation file does not occur in the article body."""

    def __init__(self, path: Path | str, line: int | None, quote: str, detail: str = "") -> None:
        self.quote = quote
        problem = (
            f"quote {quote!r} is not in the article body{detail}; copy the exact text of the "
            "article (after NFC normalisation, without page chrome) into the annotation"
        )
        super().__init__(path, line, problem)


class ValidationError(ParkgraphError):
    """The built graph violates the SHACL shapes or a SPARQL quality check."""

    def __init__(self, report: str) -> None:
        self.report = report
        super().__init__(f"the graph does not validate:\n{report}")


class QueryError(ParkgraphError):
    """A SPARQL query file is missing or malformed."""


class BindingError(QueryError):
    """A value bound to a query variable is not an RDF term every engine can take (a relative or
    malformed IRI, a lone surrogate, a bad language tag): refused the same way before any engine sees
    it, so that rdflib, Oxigraph and an endpoint never answer the same binding differently."""

    def __init__(self, name: str, value: object, problem: str) -> None:
        self.name = name
        self.value = value
        self.problem = problem
        super().__init__(f"cannot bind ?{name} to {value!r}: {problem}")


class UnknownParameterError(QueryError):
    """A value was bound to a name the query does not use: it would change nothing, so a misspelt
    ``--bind`` name would silently answer another question than the one asked."""

    def __init__(self, name: str, query: str, parameters: tuple[str, ...]) -> None:
        self.name = name
        self.parameters = parameters
        listed = ", ".join(f"?{p}" for p in parameters) if parameters else "none"
        super().__init__(
            f"cannot bind ?{name}: {query} has no variable ?{name}; its parameters: {listed}"
        )


class UnknownArticleError(QueryError, LookupError):
    """An article parameter names no article of the graph; the message lists the closest ids."""

    def __init__(self, name: str, value: str, closest: tuple[str, ...] = ()) -> None:
        self.name = name
        self.value = value
        self.closest = closest
        hint = f"the closest ids: {', '.join(closest)}" if closest else "no article id is close to it"
        super().__init__(
            f"cannot bind ?{name} to {value!r}: no article has that id or IRI; {hint} (an article is named "
            "by its id, the capture's file stem in corpus/, or by its IRI)"
        )


class GraphNotBuiltError(ParkgraphError):
    """A graph was asked for where no build has written one (or a build left it incomplete)."""

    def __init__(self, folder: Path | str, missing: str) -> None:
        self.folder = Path(folder)
        self.missing = missing
        super().__init__(
            f"no graph built yet in {self.folder} ({missing}); run `parkgraph build` first "
            "(or `python build_graph.py` in the project folder)"
        )


class DatasetChangedError(ParkgraphError):
    """A graph file of the build (``graph/dataset/``) is missing, truncated or edited since the build
    wrote it: it is never trusted; the next build writes it again."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(
            f"{self.path}: not as the last build wrote it (missing, truncated or edited); "
            "run `parkgraph build`, which writes it again"
        )


class UnknownEntityError(ParkgraphError, LookupError):
    """No entity has the label, alias or IRI asked for; the message lists the closest labels."""

    def __init__(self, name: str, closest: tuple[str, ...] = (), *, parameter: str = "") -> None:
        self.name = name
        self.closest = closest
        self.parameter = parameter  # the query parameter it was given for, if any
        hint = f"the closest labels: {', '.join(closest)}" if closest else "no label is close to it"
        where = f"cannot bind ?{parameter}: " if parameter else ""
        search = "" if parameter else " (search by part of a name with `kg.search(...)`)"
        super().__init__(f"{where}no entity is labelled {name!r} in any language; {hint}{search}")


class AmbiguousEntityError(ParkgraphError, LookupError):
    """A label or alias names several entities; the message lists them with their IRIs."""

    def __init__(self, name: str, candidates: tuple[tuple[str, str], ...], *, parameter: str = "") -> None:
        self.name = name
        self.candidates = candidates  # (label, IRI)
        self.parameter = parameter  # the query parameter it was given for, if any
        listed = "; ".join(f"{label} <{iri}>" for label, iri in candidates)
        where = f"cannot bind ?{parameter}: " if parameter else ""
        super().__init__(
            f"{where}{name!r} names {len(candidates)} entities: {listed}; ask for one by its IRI"
        )


class MissingExtraError(ParkgraphError, ImportError):
    """An optional dependency (pandas, Jupyter) is not installed; the message says what to install."""

    def __init__(self, package: str, feature: str) -> None:
        self.package = package
        super().__init__(
            f"{feature} needs {package}, which is not installed; pip install 'parkgraph[notebook]'"
        )


class BuildRunningError(ParkgraphError):
    """Another build holds the project's (or the output folder's) lock and the caller chose not to wait.

    Its own exit status (4), so that a script or a scheduler can tell "try later" from a failed build."""

    exit_status = 4

    def __init__(self, lock: Path | str, holder: str) -> None:
        self.lock = Path(lock)
        self.holder = holder
        super().__init__(
            f"another build is running ({holder}; it holds {self.lock}); wait for it to finish, or run "
            "without --no-wait to wait for it. Nothing was changed"
        )


class DiskFullError(ParkgraphError):
    """A file of the build could not be written for lack of space; nothing was changed."""

    def __init__(self, path: Path | str, folder: Path | str, free: int, needed: int) -> None:
        self.path = Path(path)
        self.folder = Path(folder)
        self.free = free
        self.needed = needed
        super().__init__(
            f"{self.path}: could not be written: no space left on the device ({self.folder} has "
            f"{megabytes(free)} free). The build stages all its outputs beside the last build's before it "
            f"replaces them: it needs about {megabytes(needed)} free there; free that much and build again. "
            "Nothing was changed: the graph files, the report, the views and the store are as the last "
            "build left them"
        )


def megabytes(size: int) -> str:
    """A size for a person: ``12.3 MB``.

    >>> megabytes(12_345_678), megabytes(0)
    ('12.3 MB', '0.0 MB')
    """
    return f"{size / 1e6:.1f} MB"
