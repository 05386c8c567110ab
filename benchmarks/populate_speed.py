"""Per-article cost of the corpus build's stages: read, annotations, and populate + N-Triples two ways.

Why: a 10,000-article build must take under 10 minutes on a 2-core machine, so one article's
read → annotations → triples → canonical N-Triples must stay well under 60 ms (the target is 35 ms).
This generates N synthetic articles (parkgraph.synth) and times, per article:

* ``read``: :func:`parkgraph.reader.read_capture`;
* ``annotations``: :func:`parkgraph.annotations.load_annotations`;
* ``populate``: :func:`parkgraph.populate.populate` (an rdflib Graph), and ``ntriples(graph)`` of it;
* old path ``ntriples(populate(...))`` against the new :func:`parkgraph.populate.article_ntriples`
  (no rdflib Graph), which must give the same bytes (checked for every article).

    python benchmarks/populate_speed.py                 # 100 articles, 3 rounds
    python benchmarks/populate_speed.py --articles 500 --rounds 5

One process, single-threaded, timed in CPU time (``--wall`` for wall-clock time). The machine is shared,
so each stage runs ``--rounds`` times over all the articles (the old and new paths in alternate rounds) and
the median round is reported; compare the ratios of one run rather than absolute times across runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parkgraph.annotations import Annotations, load_annotations  # noqa: E402
from parkgraph.namespaces import DEFAULT_BASE  # noqa: E402
from parkgraph.output import ntriples  # noqa: E402
from parkgraph.populate import article_ntriples, populate  # noqa: E402
from parkgraph.reader import Article, read_capture  # noqa: E402
from parkgraph.synth import generate_corpus  # noqa: E402
from parkgraph.vocabulary import Vocabulary, load_ontology  # noqa: E402

Pair = tuple[Article, Annotations]
T = TypeVar("T")


#: CPU time of this process by default: on a shared machine, waiting for a core is not the code's cost.
clock: Callable[[], float] = time.process_time


def per_article_ms(rounds: int, function: Callable[[T], object], items: Sequence[T]) -> float:
    """``function`` over all ``items``, ``rounds`` times: the median round's milliseconds per item."""
    times = []
    for _ in range(rounds):
        started = clock()
        for item in items:
            function(item)
        times.append((clock() - started) / len(items) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="synthetic articles (default 100)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per stage; the median is shown")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    args = parser.parse_args(argv)
    if args.wall:
        global clock
        clock = time.perf_counter

    vocabulary = Vocabulary.from_graph(load_ontology(ROOT / "ontology"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        started = time.perf_counter()
        ids = generate_corpus(args.articles, out, seed=args.seed)
        print(f"{len(ids)} synthetic articles generated in {time.perf_counter() - started:.1f} s")
        captures = [out / "corpus" / f"{ident}.txt" for ident in ids]
        notes_paths = [out / "annotations" / f"{ident}.yaml" for ident in ids]
        n = len(ids)

        read_ms = per_article_ms(args.rounds, read_capture, captures)
        notes_ms = per_article_ms(args.rounds, load_annotations, notes_paths)
        pairs: list[Pair] = [
            (read_capture(c), load_annotations(a)) for c, a in zip(captures, notes_paths, strict=True)
        ]

        def old(pair: Pair) -> bytes:
            return ntriples(populate(*pair, vocabulary=vocabulary, base=DEFAULT_BASE))

        def new(pair: Pair) -> bytes:
            return article_ntriples(*pair, vocabulary=vocabulary, base=DEFAULT_BASE)

        triples = 0
        for pair in pairs:
            data = new(pair)
            if data != old(pair):
                print(f"MISMATCH: article_ntriples != ntriples(populate()) for {pair[0].article_id}")
                return 1
            triples += data.count(b"\n")

        populate_ms = per_article_ms(
            args.rounds, lambda pair: populate(*pair, vocabulary=vocabulary, base=DEFAULT_BASE), pairs
        )
        # 20 graphs kept alive are enough to time ntriples(); all N would make the garbage collector's
        # full passes, which walk every live object, the larger cost.
        graphs = [populate(*pair, vocabulary=vocabulary, base=DEFAULT_BASE) for pair in pairs[:20]]
        serialise_ms = per_article_ms(args.rounds, ntriples, graphs)
        del graphs

        # Whole rounds of one path, then of the other: alternating article by article would charge one
        # path's garbage collections to the other.
        old_times: list[float] = []
        new_times: list[float] = []
        for _ in range(args.rounds):
            old_times.append(per_article_ms(1, old, pairs))
            new_times.append(per_article_ms(1, new, pairs))
        old_ms, new_ms = statistics.median(old_times), statistics.median(new_times)

    kind = "wall-clock" if args.wall else "CPU"
    print(f"{triples / n:,.0f} triples per article; {kind} ms per article (median of {args.rounds} rounds):")
    rows = [
        ("read_capture", read_ms),
        ("load_annotations", notes_ms),
        ("populate (rdflib Graph)", populate_ms),
        ("ntriples(graph)", serialise_ms),
        ("old: ntriples(populate())", old_ms),
        ("new: article_ntriples()", new_ms),
    ]
    for name, ms in rows:
        print(f"  {name:28s} {ms:8.2f}")
    print(f"  {'ratio old / new':28s} {old_ms / new_ms:8.2f}x")
    old_total, new_total = read_ms + notes_ms + old_ms, read_ms + notes_ms + new_ms
    print(
        f"read + annotations + N-Triples: old {old_total:.1f} ms, new {new_total:.1f} ms per article "
        f"({new_total * 10_000 / 60_000:.1f} min for 10,000 articles on one core)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
