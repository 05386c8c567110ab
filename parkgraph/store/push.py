"""Pushing the graph to any SPARQL 1.1 store with the Graph Store HTTP Protocol.

Each graph is replaced with one ``PUT {endpoint}?graph={IRI}`` whose body is the whole graph (sorted
N-Triples, which every store reads as Turtle), so:

* pushing twice leaves the same triples: PUT replaces the graph, it never appends duplicates (a POST
  would; and a POST without ``?graph=`` makes a new, server-named graph on some stores);
* a graph is never half-replaced: the store receives the complete body in one request and replaces
  the graph in one transaction (Oxigraph, Fuseki, GraphDB and Virtuoso do); if the body is refused
  or the connection fails, the graph keeps its old triples;
* everything is read and serialised before the first request, so a broken input file changes nothing.

The protocol has no transaction spanning several graphs: if the third of five PUTs fails, the first
two graphs hold the new data and the others the old. The error says which, and pushing again (which
is safe) completes it.

A push makes the remote equal to the local dataset *within the project's graphs*: a graph under the
project's ``{base}graph/`` that the store holds and the local dataset no longer has (the graph of an
article removed from the corpus) is deleted (``DELETE {endpoint}?graph={IRI}``), after every PUT
succeeded, and named. Which graphs the store holds is asked of its SPARQL query endpoint, before anything
is sent (:func:`query_endpoint_for` derives it for Oxigraph, Fuseki, GraphDB and Virtuoso). Graphs
outside ``{base}graph/`` (the ontology's, anyone else's) are never deleted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from rdflib import BNode, Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import ParkgraphError
from ..output import ntriples
from .http import DEFAULT_TIMEOUT, Auth, StoreError, request

#: What the body is sent as: N-Triples is a subset of Turtle, and Turtle is what every store reads.
CONTENT_TYPE = "text/turtle"

_FORMATS = {
    ".nq": "nquads",
    ".trig": "trig",
    ".nt": "nt",
    ".ttl": "turtle",
    ".jsonld": "json-ld",
    ".rdf": "xml",
}
_DATASETS = (".nq", ".trig")


@dataclass(frozen=True)
class GraphUpload:
    """One graph to replace: its name (None: the store's default graph) and its N-Triples."""

    name: str | None
    body: bytes
    triples: int

    @property
    def label(self) -> str:
        return f"<{self.name}>" if self.name else "the default graph"


def read_uploads(path: Path, *, graph: str | None = None) -> list[GraphUpload]:
    """The graphs in ``path`` (TriG/N-Quads: one per named graph; Turtle, N-Triples, JSON-LD: the
    default graph), or everything in ``path`` merged into one graph named ``graph``.

    Read with rdflib, which keeps language tags as written (``zh-Hans``; Oxigraph's parser would
    lower-case them, and stores like Jena and GraphDB keep what they are sent)."""
    path = Path(path)
    if path.suffix not in _FORMATS:
        raise ParkgraphError(f"{path}: unknown RDF format; use one of {', '.join(sorted(_FORMATS))}")
    if not path.exists():
        raise ParkgraphError(f"{path}: no such file; run `parkgraph build` first")
    grouped: dict[str | None, Graph] = {}
    try:
        if path.suffix in _DATASETS:
            dataset = Dataset()
            dataset.parse(path, format=_FORMATS[path.suffix])
            for s, p, o, context in dataset.quads((None, None, None, None)):
                name = graph if graph is not None else _graph_name(context)
                grouped.setdefault(name, Graph()).add((s, p, o))
        else:
            grouped[graph] = Graph().parse(path, format=_FORMATS[path.suffix])
    except Exception as error:  # rdflib raises many unrelated types for a broken file
        raise ParkgraphError(f"{path}: cannot read it: {error}") from None
    return [
        GraphUpload(name, ntriples(grouped[name]), len(grouped[name]))
        for name in sorted(grouped, key=lambda n: (n is not None, n or ""))
    ]


def _graph_name(context: object) -> str | None:
    name = getattr(context, "identifier", context)
    if name is None or name == DATASET_DEFAULT_GRAPH_ID or isinstance(name, BNode):
        return None
    return str(name)


def graph_url(endpoint: str, name: str | None) -> str:
    """``endpoint?graph=IRI`` (or ``?default``), keeping a query string the endpoint URL already has."""
    parameter = "default" if name is None else f"graph={quote(name, safe='')}"
    return f"{endpoint}{'&' if urlsplit(endpoint).query else '?'}{parameter}"


def project_prefix(uploads: Iterable[GraphUpload]) -> str | None:
    """``{base}graph/``, the prefix of the project's graphs, from the shared graph's name among
    ``uploads`` (``{base}graph/shared``); None if there is none (a file of other graphs, ``--graph``)."""
    from ..corpus.shared import SHARED_GRAPH_ID

    for upload in uploads:
        if upload.name and upload.name.endswith(f"/graph/{SHARED_GRAPH_ID}"):
            return upload.name[: -len(SHARED_GRAPH_ID)]
    return None


#: How a Graph Store endpoint's URL ends, and what its SPARQL query endpoint's ends with instead.
_QUERY_ENDPOINTS = (
    (re.compile(r"/store$"), "/query"),  # Oxigraph
    (re.compile(r"/rdf-graphs/service$"), ""),  # GraphDB, RDF4J: /repositories/REPO
    (re.compile(r"/sparql-graph-crud-auth$"), "/sparql-auth"),  # Virtuoso
    (re.compile(r"/sparql-graph-crud$"), "/sparql"),
    (re.compile(r"/data$"), "/sparql"),  # Fuseki: /DATASET/data → /DATASET/sparql
)


def query_endpoint_for(endpoint: str) -> str | None:
    """The SPARQL query endpoint of the store whose Graph Store endpoint is ``endpoint``, for the stores
    whose URL layout is known; else None.

    >>> query_endpoint_for("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    >>> query_endpoint_for("http://localhost:3030/parkgraph/data?x=1")
    'http://localhost:3030/parkgraph/sparql?x=1'
    """
    parts = urlsplit(endpoint)
    for pattern, replacement in _QUERY_ENDPOINTS:
        if pattern.search(parts.path):
            return urlunsplit(parts._replace(path=pattern.sub(replacement, parts.path)))
    return None


def remote_graphs(
    query_endpoint: str, prefix: str, *, auth: Auth | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[str]:
    """The named graphs under ``prefix`` the store holds, asked of its SPARQL ``query_endpoint``."""
    from ..query import run_endpoint_query

    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }"
    result = run_endpoint_query(
        query, query_endpoint, bindings={"prefix": Literal(prefix)}, timeout=timeout, auth=auth
    )
    return sorted(str(row[0]) for row in result.rows or [] if row[0] is not None)


@dataclass(frozen=True)
class PushResult:
    endpoint: str
    graphs: tuple[GraphUpload, ...]
    statuses: tuple[int, ...]
    removed: tuple[str, ...] = ()  # graphs of the project the store held and the dataset no longer has

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)


def push(
    endpoint: str,
    uploads: Iterable[GraphUpload],
    *,
    auth: Auth | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Callable[[GraphUpload, int], None] | None = None,
    stale: Iterable[str] = (),
    removing: Callable[[str, int], None] | None = None,
) -> PushResult:
    """Replace every graph of ``uploads`` in the store at ``endpoint`` (a Graph Store Protocol URL), then
    delete the ``stale`` graphs (those of the project the dataset no longer has: :func:`remote_graphs`)."""
    uploads = tuple(uploads)
    done: list[GraphUpload] = []
    statuses: list[int] = []
    for upload in uploads:
        try:
            response = request(
                "PUT",
                graph_url(endpoint, upload.name),
                body=upload.body,
                headers={"Content-Type": CONTENT_TYPE},
                auth=auth,
                timeout=timeout,
            )
        except StoreError as error:
            raise StoreError(
                _failure(error, upload, done, uploads), status=error.status, body=error.body
            ) from None
        done.append(upload)
        statuses.append(response.status)
        if progress is not None:
            progress(upload, response.status)
    removed: list[str] = []
    for name in stale:
        try:
            response = request("DELETE", graph_url(endpoint, name), auth=auth, timeout=timeout)
        except StoreError as error:
            if error.status != 404:  # already gone: what was wanted
                left = ", ".join(f"<{n}>" for n in stale if n not in removed)
                raise StoreError(
                    f"push failed: {error}\nEvery graph was replaced, but these graphs of articles no longer "
                    f"in the dataset are still in the store: {left}. Pushing again removes them.",
                    status=error.status,
                    body=error.body,
                ) from None
            response = None
        removed.append(name)
        if removing is not None:
            removing(name, response.status if response is not None else 404)
    return PushResult(endpoint, tuple(done), tuple(statuses), tuple(removed))


def _failure(
    error: StoreError, failed: GraphUpload, done: list[GraphUpload], uploads: tuple[GraphUpload, ...]
) -> str:
    lines = [f"push failed: {error}", f"{failed.label} was not replaced: it keeps the triples it had."]
    if done:
        lines.append(f"replaced before the failure: {', '.join(u.label for u in done)}.")
    rest = [u.label for u in uploads[len(done) + 1 :]]
    if rest:
        lines.append(f"not pushed: {', '.join(rest)}.")
    if done:
        lines.append("Pushing again is safe (every graph is replaced, never appended to).")
    return "\n".join(lines)
