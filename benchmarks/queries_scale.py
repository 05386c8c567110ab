#!/usr/bin/env python3
"""Competency-question times on a large on-disk Oxigraph store: is every query under 100 ms at 1k / 10k
articles?

    python benchmarks/queries_scale.py [--articles 1000] [--repeat 5] [--work DIR] [--json out.json]
                                       [--layout merged|union|both] [--only NN] [--timeout 120]
                                       [--queries DIR] [--drop-data]

(``--queries DIR`` times another folder of ``*.rq``, e.g. the queries of an older commit on the same
store; ``--drop-data`` deletes the 10-20 GB of N-Quads/N-Triples once the stores are loaded.)

Seen on this (shared, 2-core) machine: 10k articles took 33 min to build with two processes and 10 min to
load: 111.8M quads, 25 GB; 1k articles 11.2M quads, 2.6 GB.

Why a script of its own: the corpus build that will make such stores is being written, and the queries
have to be made fast before it exists. So this builds the store the way the corpus build will lay it
out, from its own simple pipeline:

1. ``parkgraph.synth.generate_corpus(N, ..., seed=0)`` writes N synthetic articles (captures + annotations);
2. each article is read, annotated and populated (``read_capture``, ``load_annotations``, ``populate``) in a
   pool of two processes, and closed by :class:`parkgraph.entailment.Entailer` (per article, no owlrl);
3. one N-Quads file gets every article's triples in its graph ``{base}graph/{article-id}``, the entailed
   triples in ``{base}graph/entailed`` (with the ontology's schema entailments; duplicates across articles
   are left to the store, a set of quads), and the ontology in its own graph (its ``owl:Ontology`` IRI);
4. ``pyoxigraph.Store(path).bulk_load`` loads it;
5. every ``queries/*.rq`` runs ``--repeat`` times after one warm-up, in a child process that is stopped
   after ``--timeout`` seconds, with the binding tests/test_queries.py gives 29-entity-by-alias.rq's
   ``?alias``.

Two layouts (``--layout``), because the obvious one gives wrong answers in pyoxigraph 0.5:

* ``union``: only the named graphs above, queried with ``use_default_graph_as_union=True``. Oxigraph 0.5
  does not deduplicate that union (oxigraph/oxigraph#1919, fixed for 0.6 by #1920): a triple stated by k
  articles (the label of a shared entity such as 江苏省) matches k times, so COUNTs are inflated and a
  query joining three shared labels returns k³ copies of each row;
* ``merged`` (default): the same named graphs plus the RDF merge of all of them in the default graph (the
  same triples loaded once more without a graph name; the store keeps each triple once), queried
  without the union flag. Twice the quads, but SPARQL's set semantics and the single-article answers.

With ``--work DIR`` the corpus, the data files and the stores are kept in DIR and reused by the next run
with the same ``--articles`` (delete them to rebuild); without it everything goes to a temporary folder.
The machine may be shared: the medians are what this run saw, not a guarantee.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402
from rdflib import Graph, URIRef  # noqa: E402
from rdflib.namespace import OWL, RDF  # noqa: E402

from parkgraph.entailment import Entailer  # noqa: E402
from parkgraph.namespaces import DEFAULT_BASE, PG  # noqa: E402
from parkgraph.vocabulary import load_ontology  # noqa: E402

LIMIT_MS = 100.0
#: The values tests/test_queries.py binds (never pasted into the query text).
PARAMETERS = {"29-entity-by-alias": {"alias": ox.Literal("省工信厅", language="zh-Hans")}}


def entailed_graph(base: str) -> str:
    return f"{base}graph/entailed"


def article_graph(base: str, article_id: str) -> str:
    from parkgraph.iris import IriMinter

    return str(IriMinter(base=base, article_id=article_id).graph())


def ontology_graph(ontology: Graph) -> str:
    names = sorted(str(s) for s in ontology.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    return names[0] if names else str(PG).rstrip("#/")


def canonical_ntriples(graph: Graph) -> bytes:
    lines = sorted(line for line in graph.serialize(format="nt", encoding="utf-8").split(b"\n") if line)
    return b"".join(line + b"\n" for line in lines)


def with_graph(ntriples: bytes, graph: str) -> bytes:
    """N-Triples lines → N-Quads lines in ``graph``."""
    tail = f" <{graph}> .\n".encode()
    return b"".join(line[:-2] + tail for line in ntriples.split(b"\n") if line.endswith(b" ."))


# --- building the N-Quads file (worker processes) ---------------------------------------------------------

_WORKER: dict[str, object] = {}


def _init_worker(folder: str, base: str) -> None:
    from parkgraph.vocabulary import Vocabulary

    ontology = load_ontology(ROOT / "ontology")
    _WORKER.update(
        folder=Path(folder),
        base=base,
        vocabulary=Vocabulary.from_graph(ontology),
        entailer=Entailer.from_ontology(ontology),
    )


def _article_quads(article_id: str) -> tuple[bytes, bytes, float, float, int, int]:
    """(N-Quads of the article and its entailments, the same as N-Triples, populate seconds, entail
    seconds, triples, entailed triples)."""
    from parkgraph.annotations import load_annotations
    from parkgraph.populate import populate
    from parkgraph.reader import read_capture

    folder, base = _WORKER["folder"], str(_WORKER["base"])
    assert isinstance(folder, Path)
    started = time.perf_counter()
    article = read_capture(folder / "corpus" / f"{article_id}.txt")
    notes = load_annotations(folder / "annotations" / f"{article_id}.yaml")
    graph = populate(article, notes, vocabulary=_WORKER["vocabulary"], base=base)  # type: ignore[arg-type]
    data = canonical_ntriples(graph)
    populated = time.perf_counter()
    entailer = _WORKER["entailer"]
    assert isinstance(entailer, Entailer)
    entailed = entailer.entail_ntriples(data)
    done = time.perf_counter()
    quads = with_graph(data, article_graph(base, article.article_id)) + with_graph(
        entailed, entailed_graph(base)
    )
    return (
        quads,
        data + entailed,
        populated - started,
        done - populated,
        data.count(b"\n"),
        entailed.count(b"\n"),
    )


def build_nquads(
    folder: Path, ids: list[str], out: Path, merged: Path, *, base: str, processes: int
) -> dict[str, float]:
    """Write the named graphs to ``out`` (N-Quads) and the same triples to ``merged`` (N-Triples, for the
    default graph of the ``merged`` layout). Atomically: a crash leaves no half file to be reused."""
    ontology = load_ontology(ROOT / "ontology")
    entailer = Entailer.from_ontology(ontology)
    partial, merged_partial = out.with_suffix(".partial"), merged.with_suffix(".partial")
    populate_s = entail_s = 0.0
    triples = entailed = 0
    started = time.perf_counter()
    with partial.open("wb") as handle, merged_partial.open("wb") as merged_handle:
        schema = Graph()
        for triple in entailer.schema:
            schema.add(triple)
        for data, graph in (
            (canonical_ntriples(ontology), ontology_graph(ontology)),
            (canonical_ntriples(schema), entailed_graph(base)),
        ):
            handle.write(with_graph(data, graph))
            merged_handle.write(data)
        with multiprocessing.get_context("fork").Pool(
            processes, initializer=_init_worker, initargs=(str(folder), base)
        ) as pool:
            for done, (quads, data, p_s, e_s, n, m) in enumerate(
                pool.imap(_article_quads, ids, chunksize=8), 1
            ):
                handle.write(quads)
                merged_handle.write(data)
                populate_s, entail_s = populate_s + p_s, entail_s + e_s
                triples, entailed = triples + n, entailed + m
                if done % 500 == 0 or done == len(ids):
                    rate = done / (time.perf_counter() - started)
                    print(f"  {done}/{len(ids)} articles ({rate:.1f}/s)", file=sys.stderr, flush=True)
    partial.replace(out)
    merged_partial.replace(merged)
    return {
        "wall_s": time.perf_counter() - started,
        "populate_ms_per_article": 1000 * populate_s / len(ids),
        "entail_ms_per_article": 1000 * entail_s / len(ids),
        "triples": triples,
        "entailed_triples_with_duplicates": entailed,
    }


# --- querying -----------------------------------------------------------------------------------------------


def run(store: ox.Store, text: str, substitutions: dict | None, union: bool) -> int:
    """Run a query to its last row; returns the number of rows (1 for an ASK)."""
    result = store.query(text, use_default_graph_as_union=union, substitutions=substitutions)
    if isinstance(result, ox.QueryBoolean):
        return 1
    return sum(1 for _ in result)  # type: ignore[arg-type]


def _time_query(store_dir: str, path: str, repeat: int, union: bool, answer: Connection) -> None:
    """In a child process: open the store read-only, warm up, time ``repeat`` runs, send the result."""
    store = ox.Store.read_only(store_dir)
    text = Path(path).read_text(encoding="utf-8")
    params = PARAMETERS.get(Path(path).stem, {})
    substitutions = {ox.Variable(k): v for k, v in params.items()} or None
    rows = run(store, text, substitutions, union)  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run(store, text, substitutions, union)
        times.append(time.perf_counter() - started)
    answer.send((rows, times))


def time_queries(
    store_dir: Path, queries: Path, *, union: bool, repeat: int, timeout: float, only: str | None
) -> Iterator[dict]:
    """Each query's median and minimum time and rows, or ``timeout`` (a stuck query is killed: an ORDER BY
    over a huge result cannot be interrupted from Python in the same process)."""
    context = multiprocessing.get_context("fork")
    for path in sorted(queries.glob("*.rq")):
        if only and only not in path.stem:
            continue
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_time_query, args=(str(store_dir), str(path), repeat, union, send))
        child.start()
        send.close()
        row: dict[str, object] = {"query": path.stem}
        if receive.poll(timeout):
            rows, times = receive.recv()
            row.update(
                median_ms=1000 * statistics.median(times),
                min_ms=1000 * min(times),
                runs=len(times),
                rows=rows,
            )
        else:
            child.kill()
            row.update(median_ms=None, timeout_s=timeout)
        child.join()
        receive.close()
        yield row


def report_queries(store_dir: Path, *, union: bool, args: argparse.Namespace) -> dict[str, object]:
    results = []
    print(f"{'query':32} {'median ms':>10} {'min ms':>9} {'runs':>4} {'rows':>9}")
    rows = time_queries(
        store_dir, args.queries, union=union, repeat=args.repeat, timeout=args.timeout, only=args.only
    )
    for row in rows:
        results.append(row)
        if row["median_ms"] is None:
            print(
                f"{row['query']:32} {'timeout':>10} (> {args.timeout:.0f} s for warm-up and runs)", flush=True
            )
            continue
        flag = "  > 100 ms" if row["median_ms"] > LIMIT_MS else ""  # type: ignore[operator]
        print(
            f"{row['query']:32} {row['median_ms']:10.1f} {row['min_ms']:9.1f} {row['runs']:4} "
            f"{row['rows']:9}{flag}",
            flush=True,
        )
    timed_out = [r["query"] for r in results if r["median_ms"] is None]
    medians = [r["median_ms"] for r in results if r["median_ms"] is not None]
    slow = [r["query"] for r in results if r["median_ms"] is not None and r["median_ms"] > LIMIT_MS]
    summary = {
        "max_ms": max(medians) if medians else None,
        "median_ms": statistics.median(medians) if medians else None,
        "sum_ms": sum(medians),
        "over_100_ms": slow,
        "timed_out": timed_out,
    }
    if medians:
        print(
            f"max {summary['max_ms']:.1f} ms, median {summary['median_ms']:.1f} ms,"
            f" sum {summary['sum_ms']:.0f} ms over {len(medians)} queries;"
            f" over {LIMIT_MS:.0f} ms: {', '.join(slow) or 'none'};"
            f" timed out: {', '.join(timed_out) or 'none'}"
        )
    return {"queries": results, "summary": summary}


def load_store(store_dir: Path, files: list[tuple[Path, ox.RdfFormat]]) -> float:
    """Bulk-load ``files`` into a new store at ``store_dir``; returns seconds."""
    shutil.rmtree(store_dir, ignore_errors=True)
    started = time.perf_counter()
    store = ox.Store(str(store_dir))
    for path, rdf_format in files:
        store.bulk_load(path=str(path), format=rdf_format)
    store.flush()
    store.optimize()
    del store
    (store_dir / "loaded").write_text("", encoding="utf-8")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, help="keep corpus, N-Quads and store here between runs")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per query (warm-up and runs)")
    parser.add_argument("--layout", choices=["merged", "union", "both"], default="merged")
    parser.add_argument("--only", help="run only queries whose name contains this")
    parser.add_argument("--queries", type=Path, default=ROOT / "queries", help="folder of *.rq to run")
    parser.add_argument(
        "--drop-data",
        action="store_true",
        help="delete the N-Quads/N-Triples files once the stores are loaded",
    )
    args = parser.parse_args(argv)

    temporary = None if args.work else tempfile.TemporaryDirectory(prefix="parkgraph-qs-")
    work = Path(args.work or temporary.name)  # type: ignore[union-attr]
    work.mkdir(parents=True, exist_ok=True)
    n = args.articles
    folder, nq, nt = work / f"corpus-{n}", work / f"{n}.nq", work / f"{n}.merged.nt"
    report: dict[str, object] = {"articles": n, "repeat": args.repeat}
    try:
        from parkgraph.synth import generate_corpus

        if not (folder / "complete").exists():
            started = time.perf_counter()
            shutil.rmtree(folder, ignore_errors=True)
            ids = generate_corpus(n, folder, seed=0)
            (folder / "complete").write_text("\n".join(ids) + "\n", encoding="utf-8")
            report["generate_s"] = time.perf_counter() - started
            print(f"generated {len(ids)} articles in {report['generate_s']:.1f} s", file=sys.stderr)
        ids = (folder / "complete").read_text(encoding="utf-8").split()
        layouts = ["merged", "union"] if args.layout == "both" else [args.layout]
        stores = {layout: work / f"store-{n}-{layout}" for layout in layouts}
        missing = [layout for layout, path in stores.items() if not (path / "loaded").exists()]
        if missing and not (nq.exists() and nt.exists()):
            report["build"] = build_nquads(folder, ids, nq, nt, base=DEFAULT_BASE, processes=args.processes)
            print(f"built: {json.dumps(report['build'])}", file=sys.stderr)
        if nq.exists():
            report["nquads_bytes"], report["merged_ntriples_bytes"] = nq.stat().st_size, nt.stat().st_size
        for layout in missing:
            files = [(nq, ox.RdfFormat.N_QUADS)]
            if layout == "merged":
                files.append((nt, ox.RdfFormat.N_TRIPLES))
            report[f"{layout}_load_s"] = load_store(stores[layout], files)
            print(f"{layout}: loaded in {report[f'{layout}_load_s']:.1f} s", file=sys.stderr)
        if args.drop_data:
            nq.unlink(missing_ok=True)
            nt.unlink(missing_ok=True)
        for layout, store_dir in stores.items():
            size = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file())
            quads = len(ox.Store.read_only(str(store_dir)))
            print(f"\n{layout}: {quads:,} quads, {size / 1e9:.2f} GB on disk", file=sys.stderr)
            result = report_queries(store_dir, union=layout == "union", args=args)
            report[layout] = {"quads": quads, "store_bytes": size, **result}
        if args.json:
            args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    finally:
        if temporary is not None:
            temporary.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
