#!/usr/bin/env python3
"""Load and query times of the graph on each engine: rdflib, pyoxigraph, Apache Jena ARQ, an Oxigraph
server over HTTP, and Raptor (parse only).

    python benchmarks/engines_load_query.py [--repeat 5] [--graph-dir graph] [--json out.json]

Loads the plain dataset (graph/parkgraph.nq: article graphs + ontology graph; 6,780 quads for one
article) and the inferred Turtle, then runs every competency question in queries/ (a query whose header
says ``rdfs``/``owlrl`` on the inferred graph, the others on the plain one) ``--repeat`` times after one
warm-up run, and reports per engine: load time, the sum over all queries of each query's median time, and
both as a ratio to the fastest engine, all from one run on this machine. Engines that are not installed
are left out with the reason. Jena's times are measured inside its JVM (SparqlBatch.java); its JVM start
(plus compiling SparqlBatch.java) is reported separately. The Oxigraph server's query times include HTTP.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402
from rdflib import Dataset, Graph  # noqa: E402

from parkgraph.query import run_endpoint_query, run_query  # noqa: E402
from parkgraph.sparql_text import with_values  # noqa: E402
from parkgraph.store.server import INFERRED_GRAPH, DataFile, OxigraphServer, find_oxigraph, graph_names  # noqa: E402


def load_jena():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("parkgraph_tools_jena", ROOT / "tools" / "jena" / "jena.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def inference_of(text: str) -> str:
    found = re.search(r"^#\s*inference:\s*(\w+)", text, re.M)
    return found.group(1) if found else "none"


def bindings_of(text: str) -> dict:
    from parkgraph.cli import _parse_binding

    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    return dict(_parse_binding(b) for b in re.findall(r"--bind '([^']+)'", header))


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def median_time(function: Callable[[], object], repeat: int) -> float:
    function()  # warm-up (parsing caches, JIT of the store's indexes)
    return statistics.median(timed(function) for _ in range(repeat))


class Bench:
    def __init__(self, graph_dir: Path, repeat: int) -> None:
        self.nq = graph_dir / "parkgraph.nq"
        self.inferred = graph_dir / "parkgraph.inferred.ttl"
        self.repeat = repeat
        self.queries = [
            (p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "queries").glob("*.rq"))
        ]
        self.results: dict[str, dict[str, object]] = {}
        self.skipped: dict[str, str] = {}

    def record(self, engine: str, load: float, queries: dict[str, float], **extra: object) -> None:
        self.results[engine] = {
            "load_s": load,
            "query_s": sum(queries.values()),
            "per_query_s": queries,
            **extra,
        }
        print(
            f"  {engine}: load {load * 1000:.0f} ms, queries {sum(queries.values()) * 1000:.0f} ms",
            flush=True,
        )

    # --- engines -------------------------------------------------------------------------------------------
    def rdflib(self) -> None:
        plain, closed = Graph(), Graph()

        def load() -> None:
            dataset = Dataset()
            dataset.parse(self.nq, format="nquads")
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                plain.add((s, p, o))
            closed.parse(self.inferred, format="turtle")

        load_s = timed(load)
        times = {}
        for name, text in self.queries:
            graph = plain if inference_of(text) == "none" else closed
            bindings = bindings_of(text)
            times[name] = median_time(
                lambda text=text, graph=graph, bindings=bindings: run_query(
                    text, graph, engine="rdflib", bindings=bindings
                ),
                self.repeat,
            )
        self.record("rdflib", load_s, times)

    def pyoxigraph(self) -> None:
        stores: dict[str, ox.Store] = {}

        def load() -> None:
            dataset = ox.Store()
            dataset.bulk_load(path=str(self.nq), format=ox.RdfFormat.N_QUADS)
            stores["none"] = dataset
            stores["closed"] = ox.Store()
            stores["closed"].bulk_load(path=str(self.inferred), format=ox.RdfFormat.TURTLE)

        load_s = timed(load)
        times = {}
        for name, text in self.queries:
            plain = inference_of(text) == "none"
            store = stores["none" if plain else "closed"]
            bindings = bindings_of(text)
            substitutions = {ox.Variable(k): _ox_term(v) for k, v in bindings.items()}

            def run(
                text: str = text, store: ox.Store = store, plain: bool = plain, subs: dict = substitutions
            ) -> None:
                result = store.query(text, use_default_graph_as_union=plain, substitutions=subs or None)
                list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)

            times[name] = median_time(run, self.repeat)
        self.record("pyoxigraph", load_s, times)

    def jena(self) -> None:
        os.environ.setdefault("PARKGRAPH_JVM_OPTIONS", "")  # full JIT for steady-state query times
        jena = load_jena()
        reason = jena.missing()
        if reason:
            self.skipped["jena"] = reason
            return
        with tempfile.TemporaryDirectory() as folder:
            groups: dict[str, list[Path]] = {"none": [], "closed": []}
            for name, text in self.queries:
                group = "none" if inference_of(text) == "none" else "closed"
                path = Path(folder) / group / f"{name}.rq"
                path.parent.mkdir(exist_ok=True)
                path.write_text(with_values(text, bindings_of(text)), encoding="utf-8")
                groups[group].append(path)
            load_s, times, wall = 0.0, {}, 0.0
            for group, files in groups.items():
                if not files:
                    continue
                data = (
                    ["--data", str(self.nq), "--union"] if group == "none" else ["--data", str(self.inferred)]
                )
                command = jena.batch_command(
                    *data, "--repeat", str(self.repeat + 1), "--out", f"{folder}/out", *map(str, files)
                )
                started = time.perf_counter()
                done = subprocess.run(command, capture_output=True, text=True, check=True)
                wall += time.perf_counter() - started
                for line in done.stdout.splitlines():
                    fields = line.split("\t")
                    if fields[0] == "load":
                        load_s += float(fields[1]) / 1000
                    elif fields[0] == "query":
                        runs = [float(x) / 1000 for x in fields[2].split(",")][1:]  # drop the warm-up run
                        times[fields[1]] = statistics.median(runs)
                    elif fields[0] == "error":
                        raise RuntimeError(f"Jena failed on {fields[1]}: {fields[2]}")
        in_jvm = load_s + sum(times.values()) * (self.repeat + 1)
        self.record("jena", load_s, times, jvm_start_and_compile_s=max(0.0, wall - in_jvm) / 2)

    def oxigraph_server(self) -> None:
        if find_oxigraph() is None:
            self.skipped["oxigraph-server"] = (
                "the oxigraph executable is not installed (pip install oxigraph)"
            )
            return
        server = OxigraphServer(port=0, read_only=True, union_default_graph=False)
        try:
            files = [DataFile(self.nq), DataFile(self.inferred, graph=INFERRED_GRAPH)]
            load_s = timed(lambda: server.load(files))
            start_s = timed(server.start)
            plain = graph_names(files[:1])
            times = {}
            for name, text in self.queries:
                graphs = plain if inference_of(text) == "none" else [INFERRED_GRAPH]
                bindings = bindings_of(text)
                times[name] = median_time(
                    lambda text=text, graphs=graphs, bindings=bindings: run_endpoint_query(
                        text, server.query_url, bindings=bindings, default_graphs=graphs
                    ),
                    self.repeat,
                )
            self.record("oxigraph-server", load_s, times, server_start_s=start_s)
        finally:
            server.stop()

    def raptor(self) -> None:
        if shutil.which("rapper") is None:
            self.skipped["raptor"] = "rapper is not installed (apt-get install raptor2-utils)"
            return
        load_s = 0.0
        for path, syntax in ((self.nq, "nquads"), (self.inferred, "turtle")):
            load_s += timed(
                lambda p=path, s=syntax: subprocess.run(
                    ["rapper", "-i", s, "-c", str(p)], capture_output=True, check=True
                )
            )
        self.results["raptor"] = {"load_s": load_s, "query_s": None, "per_query_s": {}}
        print(f"  raptor: parse {load_s * 1000:.0f} ms (no query engine)", flush=True)

    # --- report ----------------------------------------------------------------------------------------
    def report(self) -> str:
        loads = [r["load_s"] for r in self.results.values()]
        queries = [r["query_s"] for r in self.results.values() if r["query_s"] is not None]
        fastest_load, fastest_query = min(loads), min(queries) if queries else None
        lines = [
            f"{len(self.queries)} queries, median of {self.repeat} runs each after a warm-up; "
            f"data: {self.nq.name} + {self.inferred.name}",
            "",
            "| engine | load (ms) | load ratio | all queries (ms) | query ratio |",
            "|---|---:|---:|---:|---:|",
        ]
        for engine, r in self.results.items():
            q = r["query_s"]
            lines.append(
                f"| {engine} | {r['load_s'] * 1000:.0f} | {r['load_s'] / fastest_load:.1f}x | "
                + (f"{q * 1000:.0f} | {q / fastest_query:.1f}x |" if q is not None else "— | — |")
            )
        for engine, r in self.results.items():
            for key in ("jvm_start_and_compile_s", "server_start_s"):
                if key in r:
                    lines.append(f"{engine}: {key[:-2].replace('_', ' ')} {r[key] * 1000:.0f} ms")
        for engine, reason in self.skipped.items():
            lines.append(f"{engine}: skipped ({reason})")
        return "\n".join(lines)


def _ox_term(term):  # type: ignore[no-untyped-def]
    from parkgraph.query import to_oxigraph

    return to_oxigraph(term)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--graph-dir", type=Path, default=ROOT / "graph")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    bench = Bench(args.graph_dir, args.repeat)
    for engine in (bench.rdflib, bench.pyoxigraph, bench.jena, bench.oxigraph_server, bench.raptor):
        engine()
    print()
    print(bench.report())
    if args.json:
        args.json.write_text(
            json.dumps({"results": bench.results, "skipped": bench.skipped}, indent=1) + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
