"""The graph in real engines: every output parses in rdflib, pyoxigraph, Apache Jena (riot) and Raptor
(rapper) with the same triple count, and every competency question in ``queries/`` gives the same
answers on rdflib, pyoxigraph, Jena ARQ and an Oxigraph server over HTTP.

Answers are compared as result sets (multisets of rows), not text: numbers by value (Oxigraph writes the
decimal 12.0 as ``12``, rdflib and Jena as ``12.0``), language tags case-insensitively (Oxigraph
lower-cases ``zh-Hans`` to ``zh-hans``; RDF says tags are case-insensitive).

A query whose ``# inference:`` header says ``rdfs`` or ``owlrl`` runs on rdflib over the graph closed by
owlrl (the reasoner ``parkgraph query --inference`` uses), and on the engines without a reasoner over
``graph/parkgraph.inferred.ttl``: so this also proves the inferred output answers those questions.

Jena runs all queries of a dataset in one JVM (tools/jena/SparqlBatch.java); one Oxigraph server, started
on 127.0.0.1 for the session, holds the article graphs, the ontology graph and the inferred graph, and each
query names its dataset with the protocol's ``default-graph-uri``. Without Java + Jena, Raptor or the
``oxigraph`` executable those tests skip (fail under PARKGRAPH_STRICT=1, as in CI).
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.query import Result
from rdflib.term import Node

from parkgraph.build import BuildResult
from parkgraph.cli import _parse_binding
from parkgraph.query import (
    QueryResult,
    _normalise,
    oxigraph_store,
    run_endpoint_query,
    run_query,
    with_inference,
)
from parkgraph.questions import default_bindings, graph_asker, read_question
from parkgraph.sparql_text import with_values
from parkgraph.store.server import INFERRED_GRAPH, DataFile, OxigraphServer, find_oxigraph, graph_names
from parkgraph.vocabulary import load_ontology
from tests.conftest import ROOT, require, term_key

QUERY_DIR = ROOT / "queries"
QUERIES = sorted(QUERY_DIR.glob("*.rq"))
OUTPUTS = ("ttl", "nt", "jsonld", "trig", "nq", "inferred.ttl")
DATASETS = ("trig", "nq")
RAPTOR_SYNTAX = {"ttl": "turtle", "nt": "ntriples", "trig": "trig", "nq": "nquads", "inferred.ttl": "turtle"}
ENGINES = ("pyoxigraph", "jena", "oxigraph-server")


def load_jena() -> ModuleType:
    spec = importlib.util.spec_from_file_location("parkgraph_tools_jena", ROOT / "tools" / "jena" / "jena.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


JENA = load_jena()


def require_jena() -> None:
    reason = JENA.missing()
    require(reason is None, f"Apache Jena cannot run: {reason}")


def require_raptor() -> None:
    require(
        shutil.which("rapper") is not None, "Raptor's rapper is not installed (apt-get install raptor2-utils)"
    )


def require_oxigraph() -> None:
    require(find_oxigraph() is not None, "the oxigraph server is not installed (pip install oxigraph)")


# --- the query files --------------------------------------------------------------------------------------


def inference_of(path: Path) -> str:
    """The ``# inference: none|rdfs|owlrl`` header line (none if absent)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        found = re.match(r"#\s*inference:\s*(\w+)", line)
        if found:
            return found.group(1)
    return "none"


def _only_on_extracted(path: Path) -> bool:
    """A question about extracted articles (query 41): it answers nothing on the curated corpus."""
    return "# answers: on extracted articles only" in path.read_text(encoding="utf-8")


def bindings_of(path: Path, graph: Graph) -> dict[str, Node]:
    """Parameters a query documents in its header (``--bind 'name=value'``), bound as the CLI binds them,
    and the defaults of the others (the first article, what it is about), found on ``graph``."""
    header = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    given = dict(_parse_binding(text) for text in re.findall(r"--bind '([^']+)'", header))
    return default_bindings(read_question(path), given, graph_asker(graph))


# --- comparing answers ------------------------------------------------------------------------------------


def answer_key(result: QueryResult) -> object:
    """What must be equal across engines: variables and the multiset of rows, the boolean, or the graph."""
    if result.boolean is not None:
        return ("ask", result.boolean)
    if result.graph is not None:
        return ("graph", Counter(tuple(term_key(t) for t in triple) for triple in result.graph))
    rows = Counter(tuple(term_key(t) for t in row) for row in result.rows or [])
    return ("select", result.variables, rows)


def srj_result(path: Path) -> QueryResult:
    """A SPARQL JSON results file (Jena's answer) as a QueryResult of normalised rdflib terms."""
    with path.open("rb") as stream:
        result = Result.parse(stream, format="json")
    if result.type == "ASK":
        return QueryResult(boolean=bool(result.askAnswer))
    variables = tuple(str(v) for v in result.vars or ())
    return QueryResult(
        variables=variables,
        rows=[tuple(_normalise(b.get(v)) for v in result.vars or ()) for b in result.bindings],
    )


# --- the outputs of a fresh build -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def outputs(built: BuildResult) -> dict[str, Path]:
    """Output kind (``ttl``, ``trig``, ``inferred.ttl``...) → the freshly built file."""
    files = {path.name.split(".", 1)[1]: path for path in built.files if path.name.startswith("parkgraph.")}
    files = {kind: path for kind, path in files.items() if kind in OUTPUTS}
    missing = set(OUTPUTS) - files.keys()
    assert not missing, f"the build wrote no {sorted(missing)}"
    return files


@pytest.fixture(scope="session")
def reference_counts(outputs: dict[str, Path], built: BuildResult) -> dict[str, int]:
    """Triples (or quads) in each output, by rdflib, checked against the build where it can be."""
    counts = {}
    for kind, path in outputs.items():
        if kind in DATASETS:
            dataset = Dataset()
            dataset.parse(path, format="trig" if kind == "trig" else "nquads")
            counts[kind] = sum(1 for _ in dataset.quads((None, None, None, None)))
        else:
            counts[kind] = len(Graph().parse(path, format="json-ld" if kind == "jsonld" else None))
    for kind in ("ttl", "nt", "jsonld"):
        assert counts[kind] == len(built.graph), kind
    ontology = load_ontology(ROOT / "ontology")
    void = len(Graph().parse(built.files[0].parent / "void.ttl"))  # the VoID description's graph
    assert counts["nq"] == counts["trig"] == len(built.graph) + len(ontology) + void  # one article
    assert counts["inferred.ttl"] > len(built.graph) + len(ontology)
    return counts


# --- parsing in every engine ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", OUTPUTS)
def test_output_parses_in_pyoxigraph_with_the_same_count(
    kind: str, outputs: dict[str, Path], reference_counts: dict[str, int]
) -> None:
    fmt = {
        "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
        "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS, "inferred.ttl": ox.RdfFormat.TURTLE,
    }[kind]  # fmt: skip
    quads = set(ox.parse(path=str(outputs[kind]), format=fmt))
    assert len(quads) == reference_counts[kind]


def riot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(JENA.command("riotcmd.riot", *args), capture_output=True, text=True, timeout=300)


def test_every_output_validates_in_jena_riot(outputs: dict[str, Path]) -> None:
    """``riot --validate``: no error and no warning (bad IRI, bad lexical form, bad language tag)."""
    require_jena()
    plain = [str(outputs[kind]) for kind in OUTPUTS if kind != "jsonld"]
    for args in (plain, ["--syntax=jsonld10", str(outputs["jsonld"])]):
        done = riot("--validate", *args)
        assert done.returncode == 0, done.stdout + done.stderr
        assert not re.search(r"\b(WARN|ERROR)\b", done.stdout + done.stderr), done.stdout + done.stderr


def test_every_output_has_the_same_count_in_jena(
    outputs: dict[str, Path], reference_counts: dict[str, int]
) -> None:
    """``riot --count``. JSON-LD is read as JSON-LD 1.0 (jsonld-java): Debian's Jena lacks a Jakarta JSON
    implementation, so its JSON-LD 1.1 reader (titanium) fails with LOADING_DOCUMENT_FAILED."""
    require_jena()
    found: dict[str, int] = {}
    plain = [kind for kind in OUTPUTS if kind != "jsonld"]
    for kinds, extra in ((plain, []), (["jsonld"], ["--syntax=jsonld10"])):
        done = riot("--count", *extra, *(str(outputs[k]) for k in kinds))
        assert done.returncode == 0, done.stdout + done.stderr
        text = done.stdout + done.stderr
        for kind in kinds:
            match = re.search(re.escape(outputs[kind].name) + r" : (?:Triples|Quads) = ([\d,]+)", text)
            assert match, f"no count for {kind} in: {text}"
            found[kind] = int(match.group(1).replace(",", ""))
    assert found == reference_counts


@pytest.mark.parametrize("kind", [k for k in OUTPUTS if k in RAPTOR_SYNTAX])
def test_output_parses_in_raptor_with_the_same_count(
    kind: str, outputs: dict[str, Path], reference_counts: dict[str, int]
) -> None:
    """``rapper -c``. Raptor 2 has no JSON-LD parser (its ``json`` is RDF/JSON), so JSON-LD is not tried."""
    require_raptor()
    done = subprocess.run(
        ["rapper", "-i", RAPTOR_SYNTAX[kind], "-c", str(outputs[kind])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not re.search(r"(?i)\b(error|warning)\b", done.stderr.replace("Parsing returned", "")), done.stderr
    match = re.search(r"Parsing returned (\d+) triples", done.stderr)
    assert match, done.stderr
    assert int(match.group(1)) == reference_counts[kind]


# --- the engines, one set-up each per session -------------------------------------------------------------

#: Regression queries for the engine differences found (run on the plain dataset, like a query file).
REGRESSION_QUERIES = {
    # Oxigraph lower-cases language tags: lang(?l) = "zh-Hans" finds nothing there; langMatches is portable.
    "regression-language-tag": """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT (COUNT(*) AS ?n) WHERE { ?s skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hans")) }""",
    "regression-language-tag-lcase": """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT (COUNT(*) AS ?n) WHERE { ?s skos:prefLabel ?l FILTER(LCASE(lang(?l)) = "zh-hans") }""",
    # Oxigraph writes the decimal 3645000000.0 as 3645000000: values (and arithmetic) agree, text does not.
    "regression-decimal-values": """
        PREFIX schema: <https://schema.org/>
        SELECT ?v (?v * 2 AS ?twice) (?v >= 100 AS ?large) WHERE { ?q schema:value ?v }""",
    "regression-decimal-sum": """
        PREFIX schema: <https://schema.org/>
        SELECT (SUM(?v) AS ?sum) (COUNT(?v) AS ?n) (MAX(?v) AS ?max) WHERE { ?q schema:value ?v }""",
}


class Reference:
    """rdflib: the graph + ontology, closed by owlrl for a query that asks for inference."""

    def __init__(self, outputs: Mapping[str, Path]) -> None:
        self.base = Graph().parse(outputs["ttl"], format="turtle")
        self.base += load_ontology(ROOT / "ontology")
        self.base.parse(outputs["ttl"].parent / "void.ttl", format="turtle")  # the count questions read it
        self.closed: dict[str, Graph] = {}

    def graph(self, inference: str) -> Graph:
        if inference == "none":
            return self.base
        if inference not in self.closed:
            self.closed[inference] = with_inference(self.base, inference)  # type: ignore[arg-type]
        return self.closed[inference]

    def run(self, text: str, inference: str, bindings: Mapping[str, Node]) -> QueryResult:
        return run_query(text, self.graph(inference), engine="rdflib", bindings=bindings)


@pytest.fixture(scope="session")
def reference(outputs: dict[str, Path]) -> Reference:
    return Reference(outputs)


@pytest.fixture(scope="session")
def oxigraph_stores(outputs: dict[str, Path]) -> dict[str, ox.Store]:
    """In-process pyoxigraph: the Turtle + ontology + VoID description, and the inferred Turtle (no
    reasoner)."""
    plain = Graph().parse(outputs["ttl"], format="turtle") + load_ontology(ROOT / "ontology")
    plain.parse(outputs["ttl"].parent / "void.ttl", format="turtle")
    closed = ox.Store()
    closed.bulk_load(path=str(outputs["inferred.ttl"]), format=ox.RdfFormat.TURTLE)
    return {"none": oxigraph_store(plain), "closed": closed}


@pytest.fixture(scope="session")
def jena_answers(
    outputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory, reference: Reference
) -> dict[str, object]:
    """Query name → Jena's QueryResult (or its error text): two JVM runs, one per dataset.

    Plain queries run on the TriG file with the union of its graphs as the default graph (so this also
    proves the named-graph layout); the queries asking for inference run on the inferred Turtle."""
    require_jena()
    folder = tmp_path_factory.mktemp("jena")
    runs: dict[str, list[Path]] = {"none": [], "closed": []}
    for path in QUERIES:
        bindings = bindings_of(path, reference.base)
        text = with_values(path.read_text(encoding="utf-8"), bindings)  # bound as VALUES, not pasted
        target = folder / "queries" / ("none" if inference_of(path) == "none" else "closed") / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        runs[target.parent.name].append(target)
    for name, text in REGRESSION_QUERIES.items():
        target = folder / "queries" / "none" / f"{name}.rq"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        runs["none"].append(target)
    answers: dict[str, object] = {}
    for dataset, files in runs.items():
        if not files:
            continue
        data = (
            ["--data", str(outputs["trig"]), "--union"]
            if dataset == "none"
            else ["--data", str(outputs["inferred.ttl"])]
        )
        out = folder / "results" / dataset
        done = subprocess.run(
            JENA.batch_command(*data, "--out", str(out), *map(str, files)),
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        for path in files:
            if (out / f"{path.stem}.srj").exists():
                answers[path.stem] = srj_result(out / f"{path.stem}.srj")
            elif (out / f"{path.stem}.nt").exists():
                answers[path.stem] = QueryResult(graph=Graph().parse(out / f"{path.stem}.nt", format="nt"))
            else:
                answers[path.stem] = (out / f"{path.stem}.error").read_text(encoding="utf-8")
    return answers


@pytest.fixture(scope="session")
def oxigraph_server(outputs: dict[str, Path]) -> Iterator[tuple[OxigraphServer, list[str]]]:
    """One Oxigraph server on 127.0.0.1 (free port) for the session: the N-Quads (article graphs +
    ontology graph) and the inferred Turtle in its own graph. Yields it and the plain graphs' names."""
    require_oxigraph()
    server = OxigraphServer(host="127.0.0.1", port=0, read_only=True, union_default_graph=False)
    try:
        files = [DataFile(outputs["nq"]), DataFile(outputs["inferred.ttl"], graph=INFERRED_GRAPH)]
        server.load(files)
        server.start()
        yield server, graph_names(files[:1])
    finally:
        server.stop()


def engine_answer(
    engine: str,
    name: str,
    text: str,
    inference: str,
    bindings: Mapping[str, Node],
    request: pytest.FixtureRequest,
) -> object:
    if engine == "pyoxigraph":
        stores = request.getfixturevalue("oxigraph_stores")
        store = stores["none" if inference == "none" else "closed"]
        return run_query(text, Graph(), engine="oxigraph", bindings=bindings, store=store)
    if engine == "jena":
        return request.getfixturevalue("jena_answers")[name]
    server, plain_graphs = request.getfixturevalue("oxigraph_server")
    graphs = plain_graphs if inference == "none" else [INFERRED_GRAPH]
    return run_endpoint_query(text, server.query_url, bindings=bindings, default_graphs=graphs)


# --- the competency questions on every engine -------------------------------------------------------------


def test_there_are_queries_to_compare() -> None:
    assert QUERIES, f"no queries in {QUERY_DIR}"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_engines_give_the_same_answers(
    path: Path, engine: str, reference: Reference, request: pytest.FixtureRequest
) -> None:
    text, inference = path.read_text(encoding="utf-8"), inference_of(path)
    bindings = bindings_of(path, reference.base)
    expected = reference.run(text, inference, bindings)
    actual = engine_answer(engine, path.stem, text, inference, bindings, request)
    assert isinstance(actual, QueryResult), f"{engine} failed on {path.name}: {actual}"
    assert answer_key(actual) == answer_key(expected)
    if not _only_on_extracted(path):
        assert expected.rows or expected.boolean is not None or expected.graph, f"{path.name} answers nothing"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(REGRESSION_QUERIES))
def test_engine_differences_are_avoided(name: str, engine: str, reference: Reference, request) -> None:  # type: ignore[no-untyped-def]
    """Language tags are matched with langMatches (or lower-cased), numbers compared as numbers."""
    text = REGRESSION_QUERIES[name]
    expected = reference.run(text, "none", {})
    assert expected.rows and expected.rows[0][0] not in (None, Literal(0)), f"{name} must find something"
    actual = engine_answer(engine, name, text, "none", {}, request)
    assert isinstance(actual, QueryResult), f"{engine}: {actual}"
    assert answer_key(actual) == answer_key(expected)


def test_oxigraph_lower_cases_language_tags_so_lang_equality_is_not_portable(reference: Reference) -> None:
    """Why queries use langMatches(): with ``lang(?l) = "zh-Hans"`` rdflib finds the labels, Oxigraph not."""
    text = (
        "SELECT (COUNT(*) AS ?n) WHERE { "
        '?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(lang(?l) = "zh-Hans") }'
    )
    store = oxigraph_store(reference.base)
    assert run_query(text, reference.base).rows[0][0] != Literal(0)  # type: ignore[index]
    oxigraph = run_query(text, reference.base, engine="oxigraph", store=store).rows[0][0]  # type: ignore[index]
    rdflib = run_query(
        text.replace('lang(?l) = "zh-Hans"', 'langMatches(lang(?l), "zh-Hans")'), reference.base
    )
    assert oxigraph in (Literal(0), rdflib.rows[0][0])  # type: ignore[index]


def test_jena_reports_a_syntax_error_with_line_and_column(tmp_path: Path, outputs: dict[str, Path]) -> None:
    require_jena()
    (tmp_path / "bad.rq").write_text("SELECT ?x\nWHERE { ?x }\n", encoding="utf-8")
    command = JENA.batch_command(
        "--data", str(outputs["ttl"]), "--out", str(tmp_path / "o"), str(tmp_path / "bad.rq")
    )
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.search(r"line 2, column \d+", (tmp_path / "o" / "bad.error").read_text(encoding="utf-8"))


def test_jena_commands_start_with_the_classpath_workaround(tmp_path: Path) -> None:
    """Debian's Jena 4.5 crashes at start-up without the resource jar (XSSimpleTypeDecl.applyFacets1)."""
    require_jena()
    data = tmp_path / "x.ttl"
    data.write_text(
        '<http://example.org/a> <http://example.org/p> "1.5"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
    )
    query = tmp_path / "q.rq"
    query.write_text("SELECT (SUM(?o) AS ?s) WHERE { ?x ?p ?o }\n")
    done = subprocess.run(
        JENA.command("arq.sparql", "--data", str(data), "--query", str(query), "--results=json"),
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"]["bindings"][0]["s"]["value"] == "1.5"
    shacl = subprocess.run(JENA.command("shacl.shacl", "--help"), capture_output=True, text=True, timeout=300)
    assert "validate" in shacl.stdout + shacl.stderr
