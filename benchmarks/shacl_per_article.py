"""pySHACL against the compiled SHACL→SPARQL validator (parkgraph.shacl_sparql) on Oxigraph.

Why: the build validates the merged graph with pySHACL, about 0.5 s per article on this machine, which
does not reach the 10k-articles-in-10-minutes target. This measures, from one run each:

1. the first article's graph: pySHACL vs the compiled queries (store load and queries timed apart);
2. a merged graph of N synthetic articles (parkgraph.synth, populated directly, no pySHACL inside):
   the same, and whether both validators agree (both must report no violation on valid data).

    python benchmarks/shacl_per_article.py --articles 100            # pySHACL on 100 articles too
    python benchmarks/shacl_per_article.py --articles 1000 --no-pyshacl-merged

Only one process, single-threaded: the numbers are wall-clock seconds on a shared 2-core machine, so
compare ratios of one run rather than absolute times across runs.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyshacl  # noqa: E402
from rdflib import Graph  # noqa: E402
from rdflib.namespace import RDF, SH  # noqa: E402

from parkgraph.annotations import load_annotations  # noqa: E402
from parkgraph.namespaces import DEFAULT_BASE  # noqa: E402
from parkgraph.populate import new_graph, populate  # noqa: E402
from parkgraph.reader import read_capture  # noqa: E402
from parkgraph.shacl_sparql import compile_shapes, load_store, validate_with_sparql  # noqa: E402
from parkgraph.synth import generate_corpus  # noqa: E402
from parkgraph.validate import load_shapes, with_entailed_types  # noqa: E402
from parkgraph.vocabulary import Vocabulary, load_ontology  # noqa: E402

T = TypeVar("T")
FIRST = "000_64b6559f5e865fa2"


def timed(action: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def pyshacl_results(union: Graph, shapes: Graph) -> set[tuple[object, object, object]]:
    """pySHACL as the build runs it; returns the (focus, source shape, component) of every result."""
    _conforms, results, _text = pyshacl.validate(union, shacl_graph=shapes, inference="none", advanced=True)
    return {
        (
            results.value(r, SH.focusNode),
            results.value(r, SH.sourceShape),
            results.value(r, SH.sourceConstraintComponent),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }


def compare(label: str, data: Graph, ontology: Graph, shapes: Graph, *, run_pyshacl: bool) -> None:
    compiled, compile_s = timed(lambda: compile_shapes(shapes))
    compiled_mat = compile_shapes(shapes, materialised_types=True)
    union, union_s = timed(lambda: with_entailed_types(data, ontology))
    store, load_s = timed(lambda: load_store(data, ontology))
    found, query_s = timed(lambda: validate_with_sparql(store, compiled))
    store_mat, load_mat_s = timed(lambda: load_store(union))
    found_mat, query_mat_s = timed(lambda: validate_with_sparql(store_mat, compiled_mat))
    print(f"\n== {label}: {len(data):,} data triples, {len(union):,} with ontology and entailed types")
    print(f"  compile shapes ({len(compiled)} queries)          {compile_s:8.3f} s")
    print(f"  with_entailed_types (for pySHACL)              {union_s:8.3f} s")
    print(f"  Oxigraph load data+ontology                    {load_s:8.3f} s")
    print(f"  compiled SPARQL, rdf:type/rdfs:subClassOf*     {query_s:8.3f} s   violations: {len(found)}")
    print(f"  Oxigraph load union (materialised types)       {load_mat_s:8.3f} s")
    print(
        f"  compiled SPARQL, materialised rdf:type         {query_mat_s:8.3f} s   "
        f"violations: {len(found_mat)}"
    )
    if not run_pyshacl:
        print("  pySHACL                                        (skipped)")
        return
    expected, pyshacl_s = timed(lambda: pyshacl_results(union, shapes))
    got = {(v.focus, v.shape, v.component) for v in found}
    print(
        f"  pySHACL (inference none, merged union)         {pyshacl_s:8.3f} s   violations: {len(expected)}"
    )
    print(f"  same results as pySHACL: {got == expected}")
    print(f"  ratio pySHACL / compiled queries:              {pyshacl_s / query_s:8.1f} x")
    print(f"  ratio pySHACL / (load + queries):              {pyshacl_s / (load_s + query_s):8.1f} x")
    print(
        "  ratio (entail + pySHACL) / (load + queries):   "
        f"{(union_s + pyshacl_s) / (load_s + query_s):8.1f} x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=50, help="synthetic articles to merge (default 50)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-pyshacl-merged", action="store_true", help="skip pySHACL on the merged graph")
    args = parser.parse_args(argv)

    ontology = load_ontology(ROOT / "ontology")
    vocabulary = Vocabulary.from_graph(ontology)
    shapes = load_shapes(ROOT / "ontology" / "shapes.ttl")

    first = populate(
        read_capture(ROOT / "corpus" / f"{FIRST}.txt"),
        load_annotations(ROOT / "annotations" / f"{FIRST}.yaml"),
        vocabulary=vocabulary,
        base=DEFAULT_BASE,
    )
    compare(f"first article ({FIRST})", first, ontology, shapes, run_pyshacl=True)

    folder = Path(tempfile.mkdtemp(prefix="parkgraph-bench-"))
    try:
        ids, generate_s = timed(lambda: generate_corpus(args.articles, folder, seed=args.seed))

        def read_and_populate() -> Graph:
            merged = new_graph()
            for ident in ids:
                article = read_capture(folder / "corpus" / f"{ident}.txt")
                notes = load_annotations(folder / "annotations" / f"{ident}.yaml")
                merged += populate(article, notes, vocabulary=vocabulary, base=DEFAULT_BASE)
            return merged

        merged, populate_s = timed(read_and_populate)
    finally:
        shutil.rmtree(folder)
    print(
        f"\n== {args.articles} synthetic articles: generated in {generate_s:.2f} s, "
        f"read + loaded + populated + merged in {populate_s:.2f} s "
        f"({populate_s / args.articles * 1000:.0f} ms/article)"
    )
    compare(
        f"merged graph of {args.articles} synthetic articles",
        merged,
        ontology,
        shapes,
        run_pyshacl=not args.no_pyshacl_merged,
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
