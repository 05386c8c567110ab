"""The articles of a corpus build, built in worker processes (or in this one, when few need building).

Why a module of its own: how the articles' work is spread over processes (a pool, its priority, its
garbage collector) is independent of what the build does with each article's output, which arrives here
in id order whatever process made it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from ..articles import ArticleOutput, ArticleSource, PipelineSpec, builder_for
from ..setaside import SetAside, build_or_set_aside

#: Articles built in this process rather than a worker pool when this few need building.
IN_PROCESS_MAX = 4


def tune_gc() -> None:
    """Fewer garbage collections in a process that builds many articles.

    Building an article allocates hundreds of thousands of small objects that are freed together, and
    the collector's default thresholds (700 allocations) re-scan the long-lived ones (ontology,
    vocabulary, compiled shapes) again and again: with them frozen and a higher threshold, reading,
    loading and populating an article took 13.5 ms instead of 21 (measured in benchmarks/populate_speed.py
    runs). Called in worker processes and by the CLI, which own their process; not by library calls.
    """
    import gc

    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


#: How much lower a worker's scheduling priority is than the build's main process (``nice`` steps).
WORKER_NICENESS = 10


def start_worker() -> None:
    """Set up a worker process: :func:`tune_gc`, and a lower priority than the main process.

    Why the priority: the main process is the build's one serial chain (resolve, split, write, and the
    store's bulk loads, which run on every core). With equal priority, two workers and the main process
    share two cores three ways, the main process falls behind, and once the workers are done it finishes
    alone while a core idles. Niced workers run on what the main process leaves.
    """
    from ..lock import release_inherited

    tune_gc()
    release_inherited()  # a worker forked from the build must not keep its locks if the build is killed
    with contextlib.suppress(OSError):  # not permitted (some sandboxes): the same result, only slower
        os.nice(WORKER_NICENESS)


def build_articles(
    sources: list[ArticleSource],
    spec: PipelineSpec,
    *,
    jobs: int,
    use_cache: bool,
    progress: bool,
    strict: bool = False,
) -> Iterator[ArticleOutput | SetAside]:
    """Every article's output (or the record of its being set aside, unless ``strict``), in the order of
    ``sources``; uncached ones in ``jobs`` worker processes."""
    from tqdm import tqdm

    builder = builder_for(spec, use_cache=use_cache)
    todo = [
        s for s in sources if not use_cache or not builder.paths(s.article_id, builder.key(s))[1].exists()
    ]
    bar = tqdm(
        total=len(sources),
        unit="article",
        disable=not progress,
        delay=1.0,
        file=sys.stderr,
        dynamic_ncols=True,
    )
    try:
        if len(todo) <= IN_PROCESS_MAX or jobs <= 1:
            for source in sources:
                yield build_or_set_aside(spec, source, use_cache, strict)
                bar.update()
            return
        import multiprocessing

        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=start_worker) as pool:
            chunk = max(1, min(16, len(sources) // (jobs * 8)))
            n = len(sources)
            for output in pool.map(
                build_or_set_aside, [spec] * n, sources, [use_cache] * n, [strict] * n, chunksize=chunk
            ):
                yield output
                bar.update()
    finally:
        bar.close()
