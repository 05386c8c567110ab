#!/usr/bin/env python3
"""The corpus build at scale, against Oxigraph's raw bulk load of the same N-Quads (and, optionally, rdflib).

    python benchmarks/corpus_scale.py --articles 1000 [--articles 10000 ...] --work DIR [--extracted]
        [--repeat 5] [--query-timeout 60] [--no-unscoped] [--rdflib-max-articles N]
        [--build-arg=--jobs=2] [--json out.json]
    python benchmarks/corpus_scale.py --report out.json    # the tables again, from a --json file

Why: issue 13 sets targets relative to the machine, each measured side by side in one run at 1k and 10k
articles: the cold build (validated, files and store) at most 2.0x the wall time of Oxigraph's bulk load of
the same N-Quads; peak memory of all build processes under 2 GB; an unchanged rebuild under 2 % of the
cold build and one article changed under 5 % of it; the same for a corpus whose articles are extracted
(``--extracted``: the same captures without annotations, the extractor running in the workers); every
competency question, scoped or paged, under 100 ms median on the 10k store, reported beside its unscoped
time; ``parkgraph stats`` (the VoID description) under 100 ms. So, for each ``--articles N`` (and kind):

1. a synthetic project (``parkgraph synth --articles N --out DIR/N --seed 0``; ``DIR/N-extracted/``:
   ``--captures-only``), written every run (seconds at 10k; the same bytes each time) with the current
   ontology and questions; it replaces the previous run's project, graph and logs included;
2. **our build, cold**: ``DIR/N/graph`` and ``DIR/N/.parkgraph-cache`` deleted, then
   ``python -m parkgraph.cli --project DIR/N build --quiet`` in a subprocess. Wall time, the CPU of its
   whole process tree, and the peak memory of the tree (the build forks worker processes, so one
   process's ``ru_maxrss`` would miss most of it): /proc is polled every 0.2 s for the build and its
   descendants, and the maximum of their summed RSS, of their summed PSS (RSS counts pages the forked
   workers share with the parent once per process; PSS splits them) and of the largest single RSS are
   reported; and the **bytes written** by the tree (``/proc/<pid>/io``: ``write_bytes``, what was sent to
   the storage layer, and ``wchar``, what was passed to ``write()``; the difference of this script's own
   counters, to which the kernel adds each reaped child's, see :func:`io_counters`) and the **bytes on
   disk after it** in ``DIR/N/graph`` and the article cache ``DIR/N/.parkgraph-cache`` (apparent and
   allocated, as ``du -sb`` / ``du -sB1`` count them, hard links once), for each of the three builds;
3. **our build, warm** (unchanged, everything from the article cache) and **incremental** (one annotation
   file gets a YAML comment line appended: same triples, new content hash, so exactly that article is
   rebuilt and its named graph replaced; for an extracted corpus one capture gets a line break: its
   digest, one triple, changes); the file is restored afterwards;
4. **Oxigraph ceiling**: ``pyoxigraph.Store(tmp).bulk_load(path=graph/parkgraph.nq)`` in a subprocess,
   timed inside it: what loading those same quads costs with nothing else to do. The ratio is our cold
   wall time over its. Above 300k triples the build writes no ``graph/parkgraph.nq`` (issue 23): the quads
   are then first written, untimed, by ``parkgraph export --format nq`` (:func:`union_nquads`);
5. **the VoID description read from our store** (``parkgraph.void.read_void``, what ``parkgraph stats``
   prints): the median of ``--repeat`` reads, and the time to open the store;
6. **questions on our store**: ``graph/oxigraph`` opened read-only, every ``queries/*.rq`` run once to
   warm up and then ``--repeat`` times, each query's median, first and slowest run: **scoped**, as a user
   asks it (the defaults of the parameters its header declares bound, the first article and what it is
   about, found on the store first and not timed; a SELECT paged to ``PAGE`` rows), and **unscoped**, the
   question over the whole corpus (``--no-unscoped`` skips those). Bound as ``parkgraph query`` binds
   (VALUES, never pasted), on the union of the store's graphs (``use_default_graph_as_union``, as
   ``parkgraph query --store`` does; no triple is in two graphs). A child process runs them and is
   killed, the question recorded as ``timeout`` or ``memory``, when one uses more than
   ``--query-timeout`` CPU seconds or ``--query-memory-gb`` of RSS; a new child goes on with the next.
   Questions whose header asks for ``rdfs`` / ``owlrl`` inference run *without* it (marked ``*``);
7. optionally (``--rdflib-max-articles``), the plain rdflib pipeline of issue 5: parse + merge, Turtle
   serialisation and the questions on rdflib, in a subprocess with a hard ``--rdflib-timeout`` and
   ``RLIMIT_AS`` of ``--rdflib-memory-gb``.

Ratios and shares come from one run on one shared 2-core machine on which other work may run at the same
time: the load average and available memory before and after each size are printed with the numbers,
and the numbers are what this run saw, not a guarantee. Subprocess wall times include interpreter start
and imports (about a second); the ceiling is timed inside its process.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import signal
import stat
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LIMIT_MS = 100.0
#: Issue 13's targets, relative to the machine: the cold build (validated, files and store) at most this
#: many times the wall time of Oxigraph's bulk load of the same N-Quads; an unchanged rebuild and one
#: article changed at most these shares of the cold build.
CEILING_RATIO_TARGET = 2.0
UNCHANGED_SHARE_TARGET = 0.02
INCREMENTAL_SHARE_TARGET = 0.05
MEMORY_TARGET = 2 * 1024**3
GiB = 1024**3
#: The builds of a size, in the order they run: cold, unchanged (all from the cache), one article changed.
BUILDS = ("cold", "warm", "incremental")
#: Rows a listing question answers at once when it is asked as a user asks it (``--limit``).
PAGE = 20


# --- queries -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Query:
    name: str
    text: str
    inference: str  # what the header asks for; both engines run it without
    bindings: dict[str, tuple[str, str | None]]  # name → (text, language)
    path: str = ""


def read_queries() -> list[Query]:
    """``queries/*.rq`` with their ``# inference:`` and the ``--bind 'name=text@lang'`` of their header."""
    queries = []
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
        found = re.search(r"^#\s*inference:\s*(\w+)", header, re.M)
        bindings: dict[str, tuple[str, str | None]] = {}
        for binding in re.findall(r"--bind '([^']+)'", header):
            name, _, value = binding.partition("=")
            literal, at, language = value.rpartition("@")
            bindings[name] = (literal, language) if at else (value, None)
        queries.append(Query(path.stem, text, found.group(1) if found else "none", bindings, str(path)))
    return queries


def count_result(result: object) -> int:
    """Rows of a SELECT, triples of a CONSTRUCT, 1/0 for an ASK (a pyoxigraph or parkgraph result)."""
    rows = getattr(result, "rows", None)
    if rows is not None:
        return len(rows)
    graph = getattr(result, "graph", None)
    if graph is not None:
        return len(graph)
    boolean = getattr(result, "boolean", None)
    if boolean is not None:
        return int(bool(boolean))
    if isinstance(result, Iterator) or hasattr(result, "__iter__"):
        return sum(1 for _ in result)  # type: ignore[union-attr]
    return int(bool(result))


# --- processes and their memory -------------------------------------------------------------------------
def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(root: int) -> list[int]:
    children, tree, todo = _children_map(), [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def rss_pss(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in bytes, (0, 0) once it is gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return rss, pss


@dataclass
class Peak:
    """The largest memory a process tree was seen to use."""

    tree_rss: int = 0
    tree_pss: int = 0
    process_rss: int = 0
    processes: int = 0
    samples: int = 0


class TreeMonitor:
    """Polls /proc every ``interval`` seconds for a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid = pid
        self.interval = interval
        self.peak = Peak()
        self.current_rss = 0
        self.main_cpu = 0.0  # the process's own CPU seconds (not its children's), at the last sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMonitor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        self.main_cpu = cpu_seconds(self.pid) or self.main_cpu  # 0 once it is gone: keep the last
        sizes = [rss_pss(pid) for pid in process_tree(self.pid)]
        sizes = [s for s in sizes if s[0]]
        self.current_rss = sum(s[0] for s in sizes)
        if not sizes:
            return
        peak = self.peak
        peak.samples += 1
        peak.tree_rss = max(peak.tree_rss, sum(s[0] for s in sizes))
        peak.tree_pss = max(peak.tree_pss, sum(s[1] for s in sizes))
        peak.process_rss = max(peak.process_rss, max(s[0] for s in sizes))
        peak.processes = max(peak.processes, len(sizes))


@dataclass
class Run:
    """A monitored subprocess."""

    command: list[str]
    seconds: float
    returncode: int | None  # None: killed at the timeout
    peak: Peak
    stderr_tail: str = ""
    started_at: float = 0.0  # time.time() at start
    ended_at: float = 0.0
    cpu_s: float = 0.0  # user + system CPU of the whole tree (every process, once it has exited)
    main_cpu_s: float = 0.0  # of which the command's own process (as last sampled, every 0.2 s)
    io: dict[str, int] = field(default_factory=dict)  # the whole tree's /proc/<pid>/io (io_counters)
    disk: dict[str, dict[str, int]] = field(default_factory=dict)  # folder → disk_usage() after the run

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_monitored(
    command: list[str],
    *,
    log: Path,
    timeout: float | None = None,
    memory_limit: int | None = None,
) -> Run:
    """Run ``command`` in its own session, polling its process tree's memory; kill the session (only
    it: its process group is the child's own) at ``timeout``."""
    env = _env()

    def limit() -> None:
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log.with_suffix(".out"), "wb") as out, open(log.with_suffix(".err"), "wb") as err:
        started_at = time.time()
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        io_before = io_counters()
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=err, start_new_session=True, preexec_fn=limit
        )
        with TreeMonitor(process.pid) as monitor:
            try:
                returncode: int | None = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                returncode = None
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the tree's, as each process was waited for
        io_after = io_counters()  # likewise: each reaped process's I/O is added to its parent's
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    io = {key: io_after[key] - io_before.get(key, 0) for key in io_after}
    tail = log.with_suffix(".err").read_text(encoding="utf-8", errors="replace")[-2000:]
    return Run(
        command, seconds, returncode, monitor.peak, tail, started_at, time.time(), cpu, monitor.main_cpu, io
    )


def _env() -> dict[str, str]:
    """The environment of a command: this checkout's parkgraph first on the path."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


def io_counters(pid: int | str = "self") -> dict[str, int]:
    """``/proc/<pid>/io``: ``wchar`` (bytes passed to write() and the like, page cache or not),
    ``write_bytes`` (bytes the process caused to be sent to the storage layer: pages it dirtied),
    ``cancelled_write_bytes`` (of those, dirty pages dropped before writeback, as when a file is
    truncated or deleted), and the read counterparts; {} once the process is gone.

    Why this script's own counters, read before and after a command, and not a sum over the command's
    process tree polled every 0.2 s: the kernel adds a process's counters, when its parent reaps it, to
    the parent's (``wait_task_zombie``), so a parent's ``/proc/<pid>/io`` includes its reaped workers'
    and a sum of each process's last seen value counts the workers twice, while a worker's last 0.2 s
    before it exits would be missed. Every process of the command's tree is reaped by its parent, the
    command by this script (which writes nothing meanwhile; its polling thread only reads /proc), so
    the difference of this process's counters is the whole tree's, exactly, as ``RUSAGE_CHILDREN`` is
    for CPU time."""
    counters = {}
    try:
        with open(f"/proc/{pid}/io", encoding="ascii") as handle:
            for line in handle:
                key, _, value = line.partition(":")
                counters[key.strip()] = int(value)
    except (OSError, ValueError):
        return {}
    return counters


def disk_usage(folder: Path) -> dict[str, int]:
    """What ``folder`` holds on disk, as ``du`` counts it: ``apparent`` bytes (``du -sb``: every entry's
    size, directories included) and ``allocated`` bytes (``du -sB1``: the blocks they occupy), each inode
    counted once however many hard links it has; ``files``: regular files. Zeros if it does not exist."""
    seen: set[tuple[int, int]] = set()
    usage = {"apparent": 0, "allocated": 0, "files": 0}
    if not folder.exists():
        return usage
    todo = [str(folder)]
    while todo:
        path = todo.pop()
        with contextlib.suppress(FileNotFoundError):  # a temporary entry removed meanwhile
            info = os.lstat(path)
            if (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                usage["apparent"] += info.st_size
                usage["allocated"] += info.st_blocks * 512
                usage["files"] += stat.S_ISREG(info.st_mode)
            if stat.S_ISDIR(info.st_mode):
                todo.extend(entry.path for entry in os.scandir(path))
    return usage


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(b")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def has_default_graph(store: Path) -> bool:
    """Whether the build's store holds anything in its default graph (the de-duplicated union, since the
    build puts it there) or only named graphs (then queries need the union of all graphs)."""
    import pyoxigraph as ox

    opened = ox.Store.read_only(str(store))
    found = next(iter(opened.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    del opened
    return found


def count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return lines


def environment() -> dict[str, float]:
    """Load average and available memory: how busy the shared machine was."""
    available = 0
    with open("/proc/meminfo", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("MemAvailable:"):
                available = int(line.split()[1]) * 1024
    load1, load5, _ = os.getloadavg()
    return {"load1": load1, "load5": load5, "mem_available_gb": available / GiB}


# --- the union files, when the build did not write them ------------------------------------------------
def union_nquads(folder: Path, scratch: Path) -> tuple[Path, str]:
    """The N-Quads of the whole dataset of the project ``folder`` and how they were found: the build's
    ``graph/parkgraph.nq`` if it wrote one; else (above 300k triples the build writes no union files,
    issue 23) ``parkgraph export --format nq`` into ``scratch``; else, in a checkout whose ``parkgraph``
    has no ``export`` command yet, the concatenation of the per-article and shared files the build keeps
    in ``graph/dataset/`` (``**/*.nq``, sorted by path: the same quads, in another order, which a bulk
    load does not mind). Made before the ceiling is timed, and not counted in it."""
    built = folder / "graph" / "parkgraph.nq"
    if built.exists():
        return built, "graph/parkgraph.nq, written by the build"
    scratch.mkdir(parents=True, exist_ok=True)
    target = scratch / "parkgraph.nq"
    if has_command("export"):
        command = [sys.executable, "-m", "parkgraph.cli", "--project", str(folder), "export"]
        command += ["--format", "nq", "--out", str(target)]
        made = subprocess.run(command, cwd=ROOT, env=_env(), capture_output=True, text=True)
        if made.returncode != 0:
            raise RuntimeError(f"{' '.join(command[2:])} failed: {made.stderr.strip()[-1000:]}")
        return target, "parkgraph export --format nq (untimed)"
    parts = sorted((folder / "graph" / "dataset").rglob("*.nq"))
    if not parts:
        raise RuntimeError(f"{folder / 'graph'}: neither parkgraph.nq nor dataset/**/*.nq")
    with target.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 20)
    return target, f"graph/dataset/**/*.nq concatenated ({len(parts)} files; no export command; untimed)"


def has_command(name: str) -> bool:
    """Whether this checkout's ``parkgraph`` command has the subcommand ``name``."""
    from parkgraph.cli import make_parser

    commands = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return name in commands.choices


def ontology_graph_name(folder: Path, nq: Path) -> str:
    """The name of the ontology's graph: the one of ``graph/dataset/ontology.nq`` if the build keeps
    one, else that of the first quad of ``nq`` (the build's union file puts the ontology first)."""
    kept = folder / "graph" / "dataset" / "ontology.nq"
    with (kept if kept.exists() else nq).open("rb") as handle:
        return handle.readline().rstrip(b" .\n").rpartition(b" ")[2].decode()[1:-1]


def union_ntriples(nq: Path, target: Path, *, ontology: str) -> Path:
    """The union N-Triples (every graph but the ontology's, the graph name dropped; duplicates left to
    the store, a set) of ``nq``: what ``graph/parkgraph.nt`` held, for the ceiling's default graph."""
    skip = f"<{ontology}>".encode()
    target.parent.mkdir(parents=True, exist_ok=True)
    with nq.open("rb") as source, target.open("wb") as out:
        for line in source:
            body, _, graph = line.rstrip(b" .\n").rpartition(b" ")
            if graph != skip:
                out.write(body + b" .\n")
    return target


# --- children (this script run with --child) -------------------------------------------------------------
class _Timeout(BaseException):
    """Raised by SIGALRM; a BaseException, so that no ``except Exception`` in rdflib swallows it."""


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout


@contextmanager
def alarm(seconds: float) -> Iterator[None]:
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child_ceiling(spec: dict[str, Any]) -> int:
    """Oxigraph's raw bulk load of the N-Quads into an empty on-disk store (the ceiling); then, timed
    apart, the union N-Triples and the ontology into that store's default graph (the de-duplicated
    union, for the second set of query times)."""
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(spec["store"])
    store.bulk_load(path=spec["nq"], format=ox.RdfFormat.N_QUADS)
    store.flush()
    seconds = time.perf_counter() - started
    quads = len(store)
    started = time.perf_counter()
    if spec["default_graph"]:
        store.bulk_load(path=spec["nt"], format=ox.RdfFormat.N_TRIPLES)
        store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{spec['ontology']}> {{ ?s ?p ?o }} }}")
        store.flush()
    default_s = time.perf_counter() - started
    report = {
        "seconds": seconds,
        "quads": quads,
        "default_graph_s": default_s,
        "total_quads": len(store),
        "maxrss": _maxrss(),
    }
    Path(spec["out"]).write_text(json.dumps(report))
    return 0


def child_queries(spec: dict[str, Any]) -> int:
    """The competency queries on an on-disk store, opened read-only: one warm-up run, then ``repeat``
    timed runs (one when the warm-up took longer than ``budget``); a JSON line as each begins and ends.

    ``spec["mode"]``: "scoped", each question as a user asks it (the defaults of the parameters its
    header declares bound, the first article and what it is about, found on this store first and not
    timed; a SELECT paged to ``spec["page"]`` rows), or "unscoped", the question over the whole corpus
    (only the literals its header's ``--bind`` gives). Bound as ``parkgraph query`` binds them
    (:func:`parkgraph.query.run_on_store`: VALUES, never pasted)."""
    import pyoxigraph as ox
    from rdflib import Literal

    from parkgraph.query import run_on_store
    from parkgraph.questions import default_bindings, read_question, store_asker
    from parkgraph.sparql_text import paged

    store = ox.Store.read_only(spec["store"])
    ask = store_asker(store, union=spec["union"])
    with open(spec["out"], "a", encoding="utf-8") as out:
        for query in spec["queries"]:
            begin = {"event": "begin", "name": query["name"], "at": time.time(), "cpu": time.process_time()}
            out.write(json.dumps(begin) + "\n")
            out.flush()
            bindings: dict[str, Any] = {
                k: Literal(v, lang=lang) if lang else Literal(v) for k, (v, lang) in query["bindings"].items()
            }
            text = query["text"]
            if spec["mode"] == "scoped":
                bindings = default_bindings(read_question(query["path"]), bindings, ask)
                if re.search(r"^\s*SELECT\b", text, re.M):
                    text = paged(text, spec["page"])

            def run(text: str = text, bindings: dict[str, Any] = bindings) -> int:
                return count_result(run_on_store(text, store, bindings=bindings, union=spec["union"]))

            started = time.perf_counter()
            rows = run()
            first = time.perf_counter() - started
            times = []
            for _ in range(spec["repeat"] if first < spec["budget"] else 1):
                started = time.perf_counter()
                run()
                times.append(time.perf_counter() - started)
            record = {
                "event": "end",
                "name": query["name"],
                "status": "ok",
                "bindings": {k: str(v) for k, v in bindings.items()},
                "rows": rows,
                "first_ms": first * 1000,
                "median_ms": statistics.median(times) * 1000,
                "max_ms": max(times) * 1000,
                "runs": len(times),
            }
            out.write(json.dumps(record) + "\n")
            out.flush()
    return 0


def child_void(spec: dict[str, Any]) -> int:
    """``parkgraph stats``'s reading of the VoID description on the build's store (opened read-only):
    the time to open the store, and the median of ``repeat`` reads after a first one."""
    import pyoxigraph as ox

    from parkgraph.void import read_void

    started = time.perf_counter()
    store = ox.Store.read_only(spec["store"])
    opened = time.perf_counter() - started
    started = time.perf_counter()
    summary = read_void(store)
    first = time.perf_counter() - started
    times = []
    for _ in range(spec["repeat"]):
        started = time.perf_counter()
        read_void(store)
        times.append(time.perf_counter() - started)
    report = {
        "open_ms": opened * 1000,
        "first_ms": first * 1000,
        "median_ms": statistics.median(times) * 1000,
        "triples": summary.triples if summary else None,
        "entities": summary.entities if summary else None,
        "classes": len(summary.classes) if summary else None,
        "properties": len(summary.properties) if summary else None,
    }
    Path(spec["out"]).write_text(json.dumps(report))
    return 0


def child_rdflib(spec: dict[str, Any]) -> int:
    """The plain rdflib pipeline: parse + merge, serialise Turtle, competency queries; one JSON line per
    event into ``spec["out"]`` so that whatever finished survives a kill."""
    with open(spec["out"], "a", encoding="utf-8") as out:

        def emit(**record: Any) -> None:
            record = {**record, "at": time.time(), "maxrss": _maxrss()}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()

        from rdflib import Graph, Literal

        from parkgraph.namespaces import DEFAULT_BASE, PREFIXES
        from parkgraph.query import run_query

        files = sorted(Path(spec["input"]).glob("*.nt"))
        graph = Graph()
        for prefix, namespace in {**PREFIXES, "pgid": f"{DEFAULT_BASE}id/"}.items():
            graph.bind(prefix, namespace, override=True)

        emit(event="begin", stage="parse")
        started = time.perf_counter()
        step = max(1, len(files) // 10)
        try:
            for i, path in enumerate(files, 1):
                graph.parse(path, format="nt")
                if i % step == 0:
                    emit(event="progress", stage="parse", files=i, seconds=time.perf_counter() - started)
        except MemoryError:
            emit(event="end", stage="parse", status="memory", seconds=time.perf_counter() - started)
            return 3
        emit(
            event="end",
            stage="parse",
            status="ok",
            seconds=time.perf_counter() - started,
            files=len(files),
            triples=len(graph),
        )

        emit(event="begin", stage="serialise")
        started = time.perf_counter()
        status = "ok"
        try:
            with alarm(spec["serialise_timeout"]):
                graph.serialize(destination=spec["turtle"], format="turtle", encoding="utf-8")
        except _Timeout:
            status = "timeout"
        except MemoryError:
            status = "memory"
        size = os.path.getsize(spec["turtle"]) if os.path.exists(spec["turtle"]) else 0
        emit(event="end", stage="serialise", status=status, seconds=time.perf_counter() - started, bytes=size)
        Path(spec["turtle"]).unlink(missing_ok=True)

        emit(event="begin", stage="queries")
        for query in spec["queries"]:
            bindings = {k: Literal(v, lang=lang) for k, (v, lang) in query["bindings"].items()}
            started = time.perf_counter()
            rows: int | None = None
            try:
                with alarm(spec["query_timeout"]):
                    rows = count_result(run_query(query["text"], graph, engine="rdflib", bindings=bindings))
                status = "ok"
            except _Timeout:
                status = "timeout"
            except MemoryError:
                status = "memory"
            except Exception as error:  # a query rdflib cannot run is a result, not a crash
                status = f"error: {type(error).__name__}: {error}"[:300]
            emit(
                event="query",
                name=query["name"],
                status=status,
                rows=rows,
                seconds=time.perf_counter() - started,
            )
        emit(event="end", stage="queries", status="ok")
    return 0


# --- the benchmark ----------------------------------------------------------------------------------------
@dataclass
class Stage:
    status: str  # ok | timeout | memory | killed | skipped | failed
    seconds: float | None = None  # when ok
    lower_bound_s: float | None = None  # when it did not finish: how long it ran before it was stopped
    detail: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        if self.status == "ok" and self.seconds is not None:
            return f"{self.seconds:.1f}"
        if self.lower_bound_s is not None:
            return f"> {self.lower_bound_s:.0f} ({self.status})"
        return self.status


@dataclass
class SizeResult:
    articles: int
    kind: str = "curated"  # or "extracted": captures only, every article extracted in the workers
    corpus: dict[str, Any] = field(default_factory=dict)
    environment_before: dict[str, float] = field(default_factory=dict)
    environment_after: dict[str, float] = field(default_factory=dict)
    triples: int = 0
    quads: int = 0
    files_mb: dict[str, float] = field(default_factory=dict)
    builds: dict[str, dict[str, Any]] = field(default_factory=dict)
    ceiling: dict[str, Any] = field(default_factory=dict)
    ceiling_input: str = ""  # where the N-Quads the ceiling loads came from (union_nquads)
    rdflib: dict[str, Any] = field(default_factory=dict)
    store_has_default_graph: bool = False
    store_query_mode: str = ""
    queries: dict[str, dict[str, Any]] = field(default_factory=dict)  # on our store, scoped / paged
    unscoped_queries: dict[str, dict[str, Any]] = field(default_factory=dict)  # corpus-wide
    void: dict[str, Any] = field(default_factory=dict)  # reading the VoID description
    dedup_queries: dict[str, dict[str, Any]] = field(default_factory=dict)  # union N-Triples as default
    errors: list[str] = field(default_factory=list)


class Benchmark:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.queries = read_queries()

    # --- corpus ---------------------------------------------------------------------------------------
    def corpus(self, folder: Path, n: int, *, extracted: bool = False) -> dict[str, Any]:
        """The synthetic project of ``n`` articles in ``folder``, written by ``parkgraph synth`` (seed 0)
        every run, so that its ontology and questions are the current ones (the same arguments write the
        same bytes; 10k articles take seconds); ``extracted``: the same captures without annotations
        (``--captures-only``), so that the build extracts every article in its workers. ``parkgraph
        synth`` replaces a synthetic project whole (the previous run's graph, cache and logs with it) and
        refuses any other non-empty folder, such as one an earlier version of this script made: remove
        that one by hand."""
        command = [sys.executable, "-m", "parkgraph.cli", "synth", "--articles", str(n), "--out", str(folder)]
        command += ["--seed", "0", *(["--captures-only"] if extracted else [])]
        started = time.perf_counter()
        made = subprocess.run(command, cwd=ROOT, env=_env(), capture_output=True, text=True)
        if made.returncode != 0:
            raise SystemExit(f"corpus_scale.py: {' '.join(command[2:])} failed:\n{made.stderr.strip()}")
        info: dict[str, Any] = {"generated": True, "seconds": time.perf_counter() - started}
        inputs = [d for d in (folder / "corpus", folder / "annotations") if d.is_dir()]
        info["mb"] = sum(p.stat().st_size for d in inputs for p in d.iterdir()) / 1e6
        return info

    # --- our build ------------------------------------------------------------------------------------
    def build(self, folder: Path, name: str) -> Run:
        command = [
            sys.executable,
            "-m",
            "parkgraph.cli",
            "--project",
            str(folder),
            "build",
            "--quiet",
            *self.args.build_arg,
        ]
        run = run_monitored(command, log=folder / "logs" / f"build-{name}", timeout=self.args.build_timeout)
        run.disk = {"graph": disk_usage(folder / "graph"), "cache": disk_usage(folder / ".parkgraph-cache")}
        print(
            f"  build {name}: {run.seconds:.1f} s, {run.cpu_s:.0f} CPU-s, rc {run.returncode}, "
            f"peak tree RSS {run.peak.tree_rss / GiB:.2f} GB; wrote {_size(run.io.get('write_bytes'))} "
            f"(wchar {_size(run.io.get('wchar'))}); on disk after it: graph/ {_disk(run.disk['graph'])}, "
            f"cache {_disk(run.disk['cache'])}",
            flush=True,
        )
        return run

    @contextmanager
    def touched(self, folder: Path) -> Iterator[Path]:
        """One annotation file with a comment line appended (same triples, new content hash), restored;
        for an extracted corpus, one capture with a line break appended (its digest, a triple, changes)."""
        files = sorted((folder / "annotations").glob("*.yaml")) or sorted((folder / "corpus").glob("*.txt"))
        path = files[len(files) // 2]
        original = path.read_bytes()
        newline = b"" if original.endswith(b"\n") else b"\n"
        stamp = f"# corpus_scale.py touched this at {time.time_ns()}\n".encode()
        comment = stamp if path.suffix == ".yaml" else b"\n"
        path.write_bytes(original + newline + comment)
        try:
            yield path
        finally:
            path.write_bytes(original)

    def our_builds(self, folder: Path, result: SizeResult) -> bool:
        shutil.rmtree(folder / "graph", ignore_errors=True)
        shutil.rmtree(folder / ".parkgraph-cache", ignore_errors=True)
        runs = {"cold": self.build(folder, "cold")}
        if runs["cold"].ok:
            graph = folder / "graph"
            # Above 300k triples the build writes no union files (issue 23): then the quads are counted
            # from the ceiling's export and the triples read from the VoID description (size()).
            nt, nq = graph / "parkgraph.nt", graph / "parkgraph.nq"
            result.triples = count_lines(nt) if nt.exists() else 0
            result.quads = count_lines(nq) if nq.exists() else 0
            result.files_mb = {p.name: p.stat().st_size / 1e6 for p in sorted(graph.glob("parkgraph.*"))}
            runs["warm"] = self.build(folder, "warm")
            with self.touched(folder) as path:
                runs["incremental"] = self.build(folder, "incremental")
                runs["incremental"].command.append(f"(after touching {path.name})")
            if runs["incremental"].ok and nq.exists():
                after = count_lines(nq)
                if after != result.quads:
                    result.errors.append(f"incremental build changed the quads: {result.quads} -> {after}")
        for name, run in runs.items():
            result.builds[name] = {
                "seconds": run.seconds,
                "cpu_s": run.cpu_s,
                "main_cpu_s": run.main_cpu_s,
                "returncode": run.returncode,
                "peak": asdict(run.peak),
                "io": run.io,
                "disk": run.disk,
                **({"stderr_tail": run.stderr_tail} if not run.ok else {}),
            }
            if not run.ok:
                result.errors.append(f"build {name} failed (rc {run.returncode}):\n{run.stderr_tail}")
        return all(run.ok for run in runs.values()) or runs["cold"].ok

    # --- Oxigraph ceiling ----------------------------------------------------------------------------
    def child(self, kind: str, spec: dict[str, Any], log: Path, **limits: Any) -> Run:
        command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(spec)]
        return run_monitored(command, log=log, **limits)

    def ceiling(self, folder: Path, result: SizeResult, *, default_graph: bool) -> Path | None:
        """The Oxigraph bulk load; returns the store it made (the named graphs, and the de-duplicated
        union in the default graph if ``default_graph``)."""
        store = folder / "ceiling-store"
        shutil.rmtree(store, ignore_errors=True)
        out = folder / "logs" / "ceiling.json"
        scratch = folder / "ceiling-input"  # the union files made for the ceiling (untimed), removed after
        shutil.rmtree(scratch, ignore_errors=True)
        try:
            nq, how = union_nquads(folder, scratch)
        except RuntimeError as error:
            result.errors.append(f"no N-Quads for the Oxigraph bulk load: {error}")
            return None
        result.ceiling_input = how
        if not result.quads:
            result.quads = count_lines(nq)
        ontology = ontology_graph_name(folder, nq)
        nt = folder / "graph" / "parkgraph.nt"
        if default_graph and not nt.exists():
            nt = union_ntriples(nq, scratch / "union.nt", ontology=ontology)
        spec = {
            "store": str(store),
            "nq": str(nq),
            "nt": str(nt),
            "ontology": ontology,
            "out": str(out),
            "default_graph": default_graph,
        }
        try:
            run = self.child("ceiling", spec, folder / "logs" / "ceiling")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        if not run.ok:
            result.errors.append(f"Oxigraph bulk load failed (rc {run.returncode}):\n{run.stderr_tail}")
            shutil.rmtree(store, ignore_errors=True)
            return None
        data = json.loads(out.read_text())
        result.ceiling = {**data, "wall_s": run.seconds, "cpu_s": run.cpu_s, "peak": asdict(run.peak)}
        print(f"  Oxigraph bulk load: {data['seconds']:.1f} s for {data['quads']:,} quads", flush=True)
        return store

    # --- queries on a store ----------------------------------------------------------------------------
    def store_queries(
        self, store: Path, *, union: bool, log: Path, mode: str = "scoped"
    ) -> dict[str, dict[str, Any]]:
        """Every competency query on ``store`` in a child process, watched: a query that uses more than
        ``--query-timeout`` seconds of CPU (warm-up and timed runs together; CPU, not wall time, so that a
        busy machine does not kill it; three times as much wall time stops a stalled one) or takes the
        child over ``--query-memory-gb`` is killed and recorded as such, and a new child goes on with the
        next query."""
        args = self.args
        results: dict[str, dict[str, Any]] = {}
        remaining = list(self.queries)
        events_path = log.with_suffix(".jsonl")
        while remaining:
            events_path.unlink(missing_ok=True)
            spec = {
                "store": str(store),
                "union": union,
                "repeat": args.repeat,
                "budget": args.query_budget,
                "out": str(events_path),
                "mode": mode,
                "page": PAGE,
                "queries": [
                    {"name": q.name, "text": q.text, "bindings": q.bindings, "path": q.path}
                    for q in remaining
                ],
            }
            command = [sys.executable, str(Path(__file__).resolve()), "--child", "queries", json.dumps(spec)]
            with open(log.with_suffix(".err"), "wb") as err:
                process = subprocess.Popen(
                    command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True
                )
                killed = ""
                current: tuple[str, float, float] | None = None
                limit = args.query_timeout if mode == "scoped" else args.unscoped_timeout
                with TreeMonitor(process.pid) as monitor:
                    while process.poll() is None:
                        time.sleep(0.2)
                        current = self._current_query(events_path, results)
                        if current and cpu_seconds(process.pid) - current[2] > limit:
                            killed = f"timeout (> {limit:.0f} s CPU)"
                        elif current and time.time() - current[1] > 3 * limit:
                            killed = f"timeout (> {3 * limit:.0f} s wall)"
                        elif monitor.current_rss > args.query_memory_gb * GiB:
                            killed = f"memory (> {args.query_memory_gb:g} GB RSS)"
                        if killed:
                            os.killpg(process.pid, signal.SIGKILL)
                            process.wait()
                current = self._current_query(events_path, results)
            if current is None:
                left = [q for q in remaining if q.name not in results]
                if left:  # the child died outside any query (at start): nothing to skip, so stop
                    tail = log.with_suffix(".err").read_text(errors="replace")[-500:]
                    raise RuntimeError(f"query child failed (rc {process.returncode}):\n{tail}")
                break
            name, began, _ = current
            if not killed:
                lines = log.with_suffix(".err").read_text(errors="replace").strip().splitlines()
                killed = f"crashed (rc {process.returncode}): " + (lines[-1][:200] if lines else "")
                for line in lines:
                    if "panicked" in line or "memory allocation" in line:
                        killed += f" [{line.strip()[:200]}]"
                        break
            results[name] = {
                "status": killed,
                "seconds_before_stop": time.time() - began,
                "peak_rss": monitor.peak.tree_rss,
            }
            print(f"    {name}: {killed}", flush=True)
            remaining = [q for q in remaining if q.name not in results]
        return {q.name: {"inference": q.inference, **results[q.name]} for q in self.queries}

    @staticmethod
    def _current_query(path: Path, results: dict[str, dict[str, Any]]) -> tuple[str, float, float] | None:
        """Read the child's events into ``results``; the query it is running now, since when (wall clock)
        and from what CPU time of the child."""
        current = None
        if not path.exists():
            return None
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue  # a line being written
            if event["event"] == "begin":
                current = (event["name"], event["at"], event["cpu"])
            else:
                results[event["name"]] = {k: v for k, v in event.items() if k not in ("event", "name")}
                current = None
        return current

    # --- plain rdflib --------------------------------------------------------------------------------
    def split_graphs(self, nq: Path, into: Path) -> int:
        """graph/parkgraph.nq → one N-Triples file per named graph (each graph's lines are contiguous;
        a graph met again is appended to)."""
        shutil.rmtree(into, ignore_errors=True)
        into.mkdir(parents=True)
        names: dict[bytes, Path] = {}
        current: bytes | None = None
        handle = None
        with nq.open("rb") as source:
            for line in source:
                body, _, graph = line.rstrip(b" .\n").rpartition(b" ")
                if graph != current:
                    if handle is not None:
                        handle.close()
                    path = names.setdefault(graph, into / f"{len(names):06d}.nt")
                    handle = path.open("ab")
                    current = graph
                assert handle is not None
                handle.write(body + b" .\n")
        if handle is not None:
            handle.close()
        return len(names)

    def plain_rdflib(self, folder: Path, result: SizeResult) -> None:
        args = self.args
        if result.articles > args.rdflib_max_articles:
            result.rdflib = {"skipped": f"over --rdflib-max-articles {args.rdflib_max_articles}"}
            return
        work = folder / "rdflib"
        try:
            nq, _how = union_nquads(folder, work / "union")
        except RuntimeError as error:
            result.rdflib = {"skipped": f"no N-Quads: {error}"}
            return
        graphs = self.split_graphs(nq, work / "input")
        shutil.rmtree(work / "union", ignore_errors=True)
        out = work / "events.jsonl"
        out.unlink(missing_ok=True)
        spec = {
            "input": str(work / "input"),
            "turtle": str(work / "merged.ttl"),
            "out": str(out),
            "serialise_timeout": args.rdflib_serialise_timeout,
            "query_timeout": args.rdflib_query_timeout,
            "queries": [{"name": q.name, "text": q.text, "bindings": q.bindings} for q in self.queries],
        }
        print(
            f"  rdflib pipeline on {graphs} graphs (timeout {args.rdflib_timeout:.0f} s, "
            f"RLIMIT_AS {args.rdflib_memory_gb:g} GB) ...",
            flush=True,
        )
        run = self.child(
            "rdflib",
            spec,
            folder / "logs" / "rdflib",
            timeout=args.rdflib_timeout,
            memory_limit=int(args.rdflib_memory_gb * GiB),
        )
        shutil.rmtree(work / "input", ignore_errors=True)
        events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        stages: dict[str, Stage] = {}
        begun: dict[str, float] = {}
        maxrss = 0
        queries: dict[str, dict[str, Any]] = {}
        for event in events:
            maxrss = max(maxrss, event.get("maxrss", 0))
            stage = event.get("stage")
            if event["event"] == "begin":
                begun[stage] = event["at"]
            elif event["event"] == "end" and stage != "queries":
                ok = event["status"] == "ok"
                detail = {k: event[k] for k in ("triples", "files", "bytes") if k in event}
                stages[stage] = Stage(
                    event["status"],
                    event["seconds"] if ok else None,
                    None if ok else event["seconds"],
                    detail,
                )
            elif event["event"] == "query":
                queries[event["name"]] = {k: event[k] for k in ("status", "rows", "seconds")}
        why = "timeout" if run.returncode is None else "killed"
        if run.returncode not in (0, None) and "MemoryError" in run.stderr_tail:
            why = "memory"
        for stage in ("parse", "serialise"):
            if stage not in stages:
                stages[stage] = (
                    Stage(why, lower_bound_s=run.ended_at - begun[stage])
                    if stage in begun
                    else Stage("not reached")
                )
        finished = [q for q in queries.values() if q["status"] == "ok"]
        stages["queries"] = Stage(
            "ok" if len(finished) == len(self.queries) else ("partial" if finished else why),
            sum(q["seconds"] for q in finished) if finished else None,
            detail={"finished": len(finished), "total": len(self.queries)},
        )
        result.rdflib = {
            "stages": {k: asdict(v) for k, v in stages.items()},
            "queries": queries,
            "wall_s": run.seconds,
            "cpu_s": run.cpu_s,
            "returncode": run.returncode,
            "maxrss": maxrss,
            "peak": asdict(run.peak),
            **({"stderr_tail": run.stderr_tail} if not run.ok else {}),
        }
        print("  rdflib: " + ", ".join(f"{k} {v.text()}" for k, v in stages.items()), flush=True)

    # --- one size --------------------------------------------------------------------------------------
    def void(self, store: Path, folder: Path, result: SizeResult) -> None:
        """How long ``parkgraph stats`` takes to read the VoID description from our store."""
        out = folder / "logs" / "void.json"
        run = self.child("void", {"store": str(store), "out": str(out), "repeat": self.args.repeat}, out)
        if run.ok:
            result.void = json.loads(out.read_text())
            print(
                f"  VoID read: {result.void['median_ms']:.1f} ms (store opened in "
                f"{result.void['open_ms']:.0f} ms)",
                flush=True,
            )
        else:
            result.errors.append(f"reading the VoID failed (rc {run.returncode}):\n{run.stderr_tail}")

    def size(self, n: int, *, extracted: bool = False) -> SizeResult:
        folder = self.args.work / (f"{n}-extracted" if extracted else str(n))
        folder.mkdir(parents=True, exist_ok=True)
        result = SizeResult(n, kind="extracted" if extracted else "curated", environment_before=environment())
        print(f"N = {n} ({result.kind}): {folder}", flush=True)
        result.corpus = self.corpus(folder, n, extracted=extracted)
        if extracted and self.our_builds(folder, result):  # the build's targets; no questions asked
            store = self.ceiling(folder, result, default_graph=False)
            if store is not None:
                shutil.rmtree(store, ignore_errors=True)
        elif not extracted and self.our_builds(folder, result):
            ours = folder / "graph" / "oxigraph"
            result.store_has_default_graph = has_default_graph(ours)
            mode = self.args.store_graph
            union = mode == "union" or (mode == "auto" and not result.store_has_default_graph)
            result.store_query_mode = "union of all graphs" if union else "default graph"
            self.void(ours, folder, result)
            if not result.triples and result.void.get("triples"):
                result.triples = result.void["triples"]  # no parkgraph.nt: the VoID description's count
            print(f"  questions on our store, scoped and paged ({result.store_query_mode}) ...", flush=True)
            result.queries = self.store_queries(ours, union=union, log=folder / "logs" / "queries-ours")
            if not self.args.no_unscoped:
                print("  questions on our store, unscoped ...", flush=True)
                result.unscoped_queries = self.store_queries(
                    ours, union=union, log=folder / "logs" / "queries-unscoped", mode="unscoped"
                )
            dedup = self.args.dedup_pass or result.store_has_default_graph
            store = self.ceiling(folder, result, default_graph=dedup)
            if store is not None and dedup:
                print("  queries on a de-duplicated default graph ...", flush=True)
                result.dedup_queries = self.store_queries(
                    store, union=False, log=folder / "logs" / "queries-dedup"
                )
            if store is not None:
                shutil.rmtree(store, ignore_errors=True)
            self.plain_rdflib(folder, result)
        result.environment_after = environment()
        return result


# --- the report -------------------------------------------------------------------------------------------
def _gb(n: int) -> str:
    return f"{n / GiB:.2f}"


def _size(n: int | None) -> str:
    """Bytes, in MB below a GB (decimal units, as ``ls -l --si`` and the issue's "20.7 GB")."""
    if n is None:
        return "—"
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB"


def _disk(usage: dict[str, int] | None) -> str:
    """A :func:`disk_usage`: apparent / allocated."""
    if not usage:
        return "—"
    return f"{_size(usage['apparent'])} / {_size(usage['allocated'])}"


def _cpu(run: dict[str, Any]) -> str:
    """CPU seconds of a run's process tree, and how many cores that kept busy on average."""
    cpu, wall = run.get("cpu_s"), run.get("wall_s", run.get("seconds"))
    if not cpu or not wall:
        return "–"
    main = run.get("main_cpu_s")
    split = f"; main process {main:.0f}, others {cpu - main:.0f}" if main and cpu - main > 1 else ""
    return f"{cpu:.0f} ({cpu / wall:.2f} cores{split})"


def _ratio(slow: float | None, fast: float | None, lower_bound: bool = False) -> str:
    if not slow or not fast:
        return "—"
    ratio = slow / fast
    return f"{'> ' if lower_bound else ''}{ratio:.1f}x" if ratio >= 1 else f"{ratio:.2f}x"


def _query_cell(q: dict[str, Any] | None) -> tuple[str, str]:
    """(median ms, rows) of one query on one store, or why it has none."""
    if not q:
        return "—", "—"
    if q.get("status") != "ok":
        return q["status"].split(" ")[0], "—"
    return f"{q['median_ms']:.1f}", f"{q['rows']:,}"


def report(r: SizeResult) -> str:
    r.store_query_mode = r.store_query_mode or "union of all graphs"  # JSON of an earlier version
    lines = [f"## {r.articles:,} articles ({r.kind})"]
    env_b, env_a = r.environment_before, r.environment_after
    lines.append(
        f"machine: load {env_b.get('load1', 0):.1f} → {env_a.get('load1', 0):.1f}, available memory "
        f"{env_b.get('mem_available_gb', 0):.1f} → {env_a.get('mem_available_gb', 0):.1f} GB "
        "(shared, 2 cores)"
    )
    if "cold" not in r.builds or r.builds["cold"]["returncode"] != 0:
        lines += ["our build FAILED:", *r.errors]
        return "\n".join(lines)
    lines.append(
        f"graph: {r.triples:,} triples (union, parkgraph.nt), {r.quads:,} quads (parkgraph.nq); files "
        + ", ".join(f"{k.removeprefix('parkgraph.')} {v:.0f} MB" for k, v in r.files_mb.items())
    )
    lines += [
        "",
        "| run | wall (s) | CPU (s) | tree RSS (GB) | tree PSS (GB) | largest process (GB) | processes |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    labels = {
        "cold": "our build, cold",
        "warm": "our build, warm (all cached)",
        "incremental": "our build, 1 article changed",
    }
    for name, build in r.builds.items():
        p = build["peak"]
        failed = "" if build["returncode"] == 0 else f" (rc {build['returncode']})"
        lines.append(
            f"| {labels[name]} | {build['seconds']:.1f}{failed} | {_cpu(build)} | {_gb(p['tree_rss'])} | "
            f"{_gb(p['tree_pss'])} | {_gb(p['process_rss'])} | {p['processes']} |"
        )
    if r.ceiling:
        p = r.ceiling["peak"]
        lines.append(
            f"| Oxigraph bulk load of parkgraph.nq (ceiling; timed in-process) | "
            f"{r.ceiling['seconds']:.1f} | {_cpu(r.ceiling)} | {_gb(p['tree_rss'])} | {_gb(p['tree_pss'])} | "
            f"{_gb(p['process_rss'])} | {p['processes']} |"
        )
    if r.rdflib.get("peak"):
        p = r.rdflib["peak"]
        lines.append(
            f"| plain rdflib pipeline (whole subprocess) | {r.rdflib['wall_s']:.1f} | {_cpu(r.rdflib)} | "
            f"{_gb(p['tree_rss'])} | {_gb(p['tree_pss'])} | {_gb(p['process_rss'])} | "
            f"{p['processes']} |"
        )

    if any(build.get("io") for build in r.builds.values()):  # JSON of runs before issue 23 has none
        lines += [
            "",
            "bytes written by all the build's processes (write_bytes: sent to the storage layer; wchar: "
            "passed to write()), and on disk after the build (apparent / allocated, hard links once)",
            "",
            "| run | written | wchar | graph/ after | .parkgraph-cache after |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, build in r.builds.items():
            io, disk = build.get("io") or {}, build.get("disk") or {}
            lines.append(
                f"| {labels[name]} | {_size(io.get('write_bytes'))} | {_size(io.get('wchar'))} | "
                f"{_disk(disk.get('graph'))} | {_disk(disk.get('cache'))} |"
            )
    if r.ceiling_input:
        lines.append(f"the ceiling's N-Quads: {r.ceiling_input}")

    cold = r.builds["cold"]
    lines.append("")
    if r.ceiling:
        if r.store_has_default_graph:  # our store holds the N-Quads and the union: so does the ceiling
            quads, ceiling_s = r.ceiling["total_quads"], r.ceiling["seconds"] + r.ceiling["default_graph_s"]
            what = "the same N-Quads plus the union N-Triples as default graph (what our store holds)"
        else:
            quads, ceiling_s, what = r.ceiling["quads"], r.ceiling["seconds"], "the same N-Quads"
        ours_qps, ceiling_qps = quads / cold["seconds"], quads / ceiling_s
        lines.append(
            f"throughput: our cold build {ours_qps:,.0f} quads/s into the store ({quads:,} quads; "
            f"{r.triples / cold['seconds']:,.0f} union triples/s); Oxigraph's bulk load of {what}: "
            f"{ceiling_s:.1f} s, {ceiling_qps:,.0f} quads/s. The ceiling is {ceiling_qps / ours_qps:.1f}x "
            f"ours (ours = {100 * ours_qps / ceiling_qps:.1f} % of it). parkgraph.nq alone: "
            f"{r.ceiling['seconds']:.1f} s, {r.ceiling['quads'] / r.ceiling['seconds']:,.0f} quads/s"
        )

    verdicts = []
    if r.ceiling:
        ratio = cold["seconds"] / r.ceiling["seconds"]
        verdicts.append(
            f"cold build {cold['seconds']:.1f} s = {ratio:.2f}x Oxigraph's bulk load of the same N-Quads "
            f"({r.ceiling['seconds']:.1f} s) vs at most {CEILING_RATIO_TARGET:.1f}x: "
            + ("met" if ratio <= CEILING_RATIO_TARGET else "MISSED")
        )
    for name, share_target in (("warm", UNCHANGED_SHARE_TARGET), ("incremental", INCREMENTAL_SHARE_TARGET)):
        if name in r.builds and r.builds[name]["returncode"] == 0:
            share = r.builds[name]["seconds"] / cold["seconds"]
            label = "unchanged rebuild" if name == "warm" else "one article changed"
            verdicts.append(
                f"{label} {r.builds[name]['seconds']:.1f} s = {100 * share:.1f} % of the cold build vs under "
                f"{100 * share_target:.0f} %: " + ("met" if share < share_target else "MISSED")
            )
    peak = max(b["peak"]["tree_rss"] for b in r.builds.values())
    peak_pss = max(b["peak"]["tree_pss"] for b in r.builds.values())
    verdict = "met" if peak < MEMORY_TARGET else "met by PSS only" if peak_pss < MEMORY_TARGET else "MISSED"
    verdicts.append(
        f"build peak memory {_gb(peak)} GB tree RSS ({_gb(peak_pss)} GB PSS) vs < 2 GB: " + verdict
    )
    if r.void:
        verdicts.append(
            f"parkgraph stats (VoID read from the store): {r.void['median_ms']:.1f} ms median "
            f"vs under {LIMIT_MS:.0f} ms: "
            + ("met" if r.void["median_ms"] < LIMIT_MS else "MISSED")
            + f" (opening the store: {r.void['open_ms']:.0f} ms)"
        )
    for label, queries in (
        (f"our store, scoped / paged ({r.store_query_mode})", r.queries),
        ("our store, unscoped (reported, no target)", r.unscoped_queries),
        ("the de-duplicated default graph of the ceiling store", r.dedup_queries),
    ):
        if not queries:
            continue
        medians = {k: q["median_ms"] for k, q in queries.items() if q.get("status") == "ok"}
        failed = [k for k, q in queries.items() if q.get("status") != "ok"]
        slow = [k for k, v in medians.items() if v > LIMIT_MS]
        worst = max(medians, key=lambda k: medians[k]) if medians else None
        verdicts.append(
            f"queries on {label}: {len(medians)}/{len(queries)} finished, "
            + (f"slowest median {medians[worst]:.1f} ms ({worst}), " if worst else "")
            + f"{len(slow) + len(failed)} over {LIMIT_MS:.0f} ms or not finished"
        )
    lines += ["targets:", *(f"  {v}" for v in verdicts)]

    lines += [
        "",
        "plain rdflib pipeline (input: the N-Triples our build made, split by named graph; making "
        "the triples from the annotations and validating them are NOT part of it):",
    ]
    if "skipped" in r.rdflib:
        lines.append(f"  skipped: {r.rdflib['skipped']}")
    elif r.rdflib:
        stages = {k: Stage(**v) for k, v in r.rdflib["stages"].items()}
        parse, serialise = stages["parse"], stages["serialise"]
        lower = parse.seconds is None or serialise.seconds is None
        load_ser = sum(
            x.seconds if x.seconds is not None else (x.lower_bound_s or 0) for x in (parse, serialise)
        )
        warm = r.builds.get("warm", {}).get("seconds")
        done = {k: v for k, v in r.rdflib["queries"].items() if v["status"] == "ok"}
        both = [k for k in done if r.queries.get(k, {}).get("status") == "ok"]
        rdflib_q = sum(done[k]["seconds"] for k in both)
        ours_first = sum(r.queries[k]["first_ms"] for k in both) / 1000
        ours_median = sum(r.queries[k]["median_ms"] for k in both) / 1000
        total_r, total_o = load_ser + rdflib_q, cold["seconds"] + ours_first
        both_dedup = [k for k in done if r.dedup_queries.get(k, {}).get("status") == "ok"]
        rdflib_d = sum(done[k]["seconds"] for k in both_dedup)
        dedup_first = sum(r.dedup_queries[k]["first_ms"] for k in both_dedup) / 1000
        dedup_median = sum(r.dedup_queries[k]["median_ms"] for k in both_dedup) / 1000
        lines += [
            "",
            "| stage | rdflib (s) | ours (s) | rdflib / ours |",
            "|---|---:|---:|---:|",
            f"| parse + merge ({parse.detail.get('triples', 0):,} triples) | {parse.text()} | — | — |",
            f"| serialise Turtle | {serialise.text()} | — | — |",
            f"| parse+merge+serialise vs our warm build (N-Triples in; all files out) | {load_ser:.1f} | "
            f"{warm or 0:.1f} | {_ratio(load_ser, warm, lower)} |",
            f"| parse+merge+serialise vs our cold build (annotations in, validated) | {load_ser:.1f} | "
            f"{cold['seconds']:.1f} | {_ratio(load_ser, cold['seconds'], lower)} |",
            f"| {len(both)} queries finished on both (ours: our store, first run) | {rdflib_q:.2f} | "
            f"{ours_first:.2f} | {_ratio(rdflib_q, ours_first)} |",
            f"| same, ours median | {rdflib_q:.2f} | {ours_median:.2f} | {_ratio(rdflib_q, ours_median)} |",
            *(
                [
                    f"| {len(both_dedup)} queries finished on both (ours: de-duplicated default graph, first "
                    f"run) | {rdflib_d:.2f} | {dedup_first:.2f} | {_ratio(rdflib_d, dedup_first)} |",
                    f"| same, ours median | {rdflib_d:.2f} | {dedup_median:.2f} | "
                    f"{_ratio(rdflib_d, dedup_median)} |",
                ]
                if r.dedup_queries
                else []
            ),
            "| total (rdflib: all stages; ours: cold build + first query runs on our store) | "
            f"{total_r:.1f} | "
            f"{total_o:.1f} | {_ratio(total_r, total_o, lower)} |",
            f"rdflib peak RSS {_gb(r.rdflib['maxrss'])} GB; returncode {r.rdflib['returncode']} "
            f"(None = killed at --rdflib-timeout); queries {stages['queries'].detail}",
        ]
    if r.queries:
        dedup = bool(r.dedup_queries)
        lines += [
            "",
            f"questions: median ms and rows; our store queried as the {r.store_query_mode}; scoped = as a "
            f"user asks it (its parameters' defaults bound, a SELECT paged to {PAGE} rows), unscoped = the "
            "question over the whole corpus (* = header asks for inference: run without it; rdflib: one "
            "run, s)",
            "",
            "| question | scoped ms | rows | unscoped ms | rows |"
            + (" dedup default graph ms | rows |" if dedup else "")
            + " rdflib s | rows |",
            "|---|---:|---:|---:|---:|" + ("---:|---:|" if dedup else "") + "---:|---:|",
        ]
        for name, q in r.queries.items():
            union_ms, union_rows = _query_cell(q)
            dedup_ms, dedup_rows = _query_cell(r.dedup_queries.get(name))
            rq = r.rdflib.get("queries", {}).get(name)
            if rq is None:
                reached = "not reached" if r.rdflib.get("queries") is not None else "—"
                rdflib_s, rdflib_rows = reached, "—"
            elif rq["status"] == "ok":
                rdflib_s, rdflib_rows = f"{rq['seconds']:.2f}", f"{rq['rows']:,}"
            else:
                rdflib_s, rdflib_rows = rq["status"].split(":")[0], "—"
            star = "*" if q["inference"] != "none" else ""
            middle = f" {dedup_ms} | {dedup_rows} |" if dedup else ""
            wide_ms, wide_rows = _query_cell(r.unscoped_queries.get(name))
            lines.append(
                f"| {name}{star} | {union_ms} | {union_rows} | {wide_ms} | {wide_rows} |{middle} "
                f"{rdflib_s} | {rdflib_rows} |"
            )
        differ = [
            k
            for k, q in r.queries.items()
            if q.get("status") == "ok"
            and r.dedup_queries.get(k, {}).get("status") == "ok"
            and q["rows"] != r.dedup_queries[k]["rows"]
        ]
        mismatched = [
            k
            for k, v in r.rdflib.get("queries", {}).items()
            if v["status"] == "ok"
            and r.queries.get(k, {}).get("status") == "ok"
            and v["rows"] != r.queries[k]["rows"]
        ]
        verdict = f"DIFFER for {', '.join(mismatched)}" if mismatched else "equal wherever both finished"
        lines.append(f"row counts, our store vs rdflib: {verdict}")
        if differ:
            lines.append(
                f"rows differ between our store and the de-duplicated graph for {len(differ)} "
                "queries: the union default graph yields a solution per named graph holding a "
                "shared triple (oxigraph/oxigraph#1919)"
            )
    for error in r.errors:
        lines.append(f"error: {error}")
    return "\n".join(lines)


def _cpu_split(run: dict[str, Any]) -> str:
    """A build's CPU seconds as main process + the rest (its workers)."""
    cpu, main = run.get("cpu_s") or 0.0, run.get("main_cpu_s") or 0.0
    return f"{main:,.0f} + {cpu - main:,.0f} = {cpu:,.0f} CPU-s"


def readme_tables(results: list[SizeResult]) -> str:
    """The README's tables from one run: every size and kind side by side against issue 13's targets,
    then each question's median on the curated corpora, scoped as a user asks it beside unscoped."""
    done = [r for r in results if "cold" in r.builds and r.builds["cold"]["returncode"] == 0]
    head = [f"{r.articles:,} {r.kind}" for r in done]
    lines = [
        "| | " + " | ".join(head) + " | target |",
        "|---|" + "---:|" * len(done) + "---:|",
    ]

    def row(label: str, cells: list[str], target: str = "") -> None:
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    def share(r: SizeResult, name: str) -> str:
        build = r.builds.get(name)
        if not build or build["returncode"] != 0:
            return "—"
        return f"{build['seconds']:.1f} s ({100 * build['seconds'] / r.builds['cold']['seconds']:.1f} %)"

    row("union triples / quads", [f"{r.triples:,} / {r.quads:,}" for r in done])
    row("graph files (nq + nt + trig + ttl)", [f"{sum(r.files_mb.values()) / 1024:.1f} GB" for r in done])

    def written(r: SizeResult) -> str:
        sizes = [_size((r.builds.get(name, {}).get("io") or {}).get("write_bytes")) for name in BUILDS]
        return " / ".join(sizes) if any(size != "—" for size in sizes) else "—"

    def on_disk(r: SizeResult) -> str:
        disk = r.builds["cold"].get("disk") or {}
        if not disk:
            return "—"
        return f"{_size(disk['graph']['allocated'])} + {_size(disk['cache']['allocated'])}"

    row("bytes written: cold / unchanged / one changed (all build processes)", [written(r) for r in done])
    row("on disk after the cold build: graph/ + article cache (allocated)", [on_disk(r) for r in done])
    row("cold build: validated, files + store", [f"{r.builds['cold']['seconds']:.1f} s" for r in done])
    row("its CPU: main process + workers", [_cpu_split(r.builds["cold"]) for r in done])
    row(
        "Oxigraph's bulk load of the same N-Quads (the ceiling)",
        [f"{r.ceiling['seconds']:.1f} s, {r.ceiling['cpu_s']:.0f} CPU-s" if r.ceiling else "—" for r in done],
    )
    row(
        "cold build ÷ ceiling",
        [f"{r.builds['cold']['seconds'] / r.ceiling['seconds']:.2f}x" if r.ceiling else "—" for r in done],
        f"≤ {CEILING_RATIO_TARGET:.1f}x",
    )
    row(
        "peak memory of all build processes (RSS / PSS)",
        [
            f"{_gb(max(b['peak']['tree_rss'] for b in r.builds.values()))} / "
            f"{_gb(max(b['peak']['tree_pss'] for b in r.builds.values()))} GB"
            for r in done
        ],
        f"< {MEMORY_TARGET / GiB:.0f} GB",
    )
    row(
        "unchanged rebuild (share of cold)",
        [share(r, "warm") for r in done],
        f"< {100 * UNCHANGED_SHARE_TARGET:.0f} %",
    )
    row(
        "one article changed (share of cold)",
        [share(r, "incremental") for r in done],
        f"< {100 * INCREMENTAL_SHARE_TARGET:.0f} %",
    )
    row(
        "`parkgraph stats` (the VoID description, read from the store)",
        [f"{r.void['median_ms']:.1f} ms" if r.void else "—" for r in done],
        f"< {LIMIT_MS:.0f} ms",
    )

    def slowest(queries: dict[str, dict[str, Any]]) -> str:
        medians = {k: q["median_ms"] for k, q in queries.items() if q.get("status") == "ok"}
        if not queries:
            return "—"
        over = sum(1 for q in queries.values() if q.get("status") != "ok" or q["median_ms"] > LIMIT_MS)
        worst = max(medians, key=lambda k: medians[k]) if medians else None
        return (f"{medians[worst]:.1f} ms ({worst[:2]}), " if worst else "") + f"{over} over"

    row(
        "questions scoped / paged: slowest median, how many over 100 ms",
        [slowest(r.queries) for r in done],
        f"all < {LIMIT_MS:.0f} ms",
    )
    row(
        "questions unscoped (no target): slowest finished, how many over 100 ms or stopped",
        [slowest(r.unscoped_queries) for r in done],
    )

    curated = [r for r in done if r.kind == "curated" and r.queries]
    if curated:
        lines += [
            "",
            "| question | "
            + " | ".join(f"{r.articles:,} scoped | {r.articles:,} unscoped" for r in curated)
            + " |",
            "|---|" + "---:|---:|" * len(curated),
        ]
        for name in curated[0].queries:
            cells = []
            for r in curated:
                for queries in (r.queries, r.unscoped_queries):
                    ms, _rows = _query_cell(queries.get(name))
                    cells.append(ms)
            star = "*" if curated[0].queries[name].get("inference", "none") != "none" else ""
            lines.append(f"| {name}{star} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        kind, spec = argv[1], json.loads(argv[2])
        children = {
            "rdflib": child_rdflib, "ceiling": child_ceiling, "queries": child_queries, "void": child_void
        }  # fmt: skip
        return children[kind](spec)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, action="append", help="corpus size (repeatable)")
    parser.add_argument("--work", type=Path, help="folder for the corpora, graphs and logs")
    parser.add_argument("--report", type=Path, metavar="JSON", help="only print the tables of a --json file")
    parser.add_argument(
        "--readme",
        type=Path,
        metavar="JSON",
        help="only print the README's tables (all sizes) of a --json file",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query on our store")
    parser.add_argument(
        "--query-budget",
        type=float,
        default=10.0,
        help="a query on our store whose warm-up takes longer is timed once",
    )
    parser.add_argument(
        "--query-timeout",
        type=float,
        default=60.0,
        help="a query on our store (warm-up + runs) is killed after this many CPU seconds",
    )
    parser.add_argument(
        "--query-memory-gb",
        type=float,
        default=4.0,
        help="a query on our store is killed when its process passes this RSS",
    )
    parser.add_argument(
        "--store-graph",
        choices=["auto", "union", "default"],
        default="auto",
        help="query our store's default graph, or the union of all its graphs "
        "(auto: the default graph when the build put the union there)",
    )
    parser.add_argument(
        "--dedup-pass",
        action="store_true",
        help="also query the de-duplicated default graph of the ceiling store",
    )
    parser.add_argument("--build-timeout", type=float, default=7200.0)
    parser.add_argument(
        "--build-arg",
        action="append",
        default=[],
        help="extra argument for `parkgraph build` (repeatable), e.g. --build-arg=--jobs=2",
    )
    parser.add_argument(
        "--rdflib-max-articles", type=int, default=0, help="run the plain rdflib pipeline up to this size"
    )
    parser.add_argument(
        "--extracted",
        action="store_true",
        help="also build, for each size, the same captures without annotations (extracted in the workers)",
    )
    parser.add_argument(
        "--only-extracted",
        action="store_true",
        help="build only the extracted corpora (a run of the curated ones done apart, e.g. on a busy day)",
    )
    parser.add_argument("--no-unscoped", action="store_true", help="skip the unscoped questions")
    parser.add_argument(
        "--unscoped-timeout",
        type=float,
        default=20.0,
        help="an unscoped question (warm-up + runs) is stopped after this many CPU seconds",
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="remove each size's corpus, graph and cache once measured (10k curated and extracted need "
        "about 85 GB together otherwise); the logs stay",
    )
    parser.add_argument("--rdflib-timeout", type=float, default=900.0, help="hard limit of the rdflib run, s")
    parser.add_argument("--rdflib-serialise-timeout", type=float, default=300.0)
    parser.add_argument("--rdflib-query-timeout", type=float, default=30.0, help="per query (s)")
    parser.add_argument("--rdflib-memory-gb", type=float, default=16.0, help="RLIMIT_AS of the rdflib run")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    if args.readme:
        print(
            readme_tables(
                [SizeResult(**data) for data in json.loads(args.readme.read_text(encoding="utf-8"))]
            )
        )
        return 0
    if args.report:
        for data in json.loads(args.report.read_text(encoding="utf-8")):
            print(report(SizeResult(**data)), end="\n\n")
        return 0
    if not args.articles or not args.work:
        parser.error("--articles and --work are required (unless --report)")
    args.work = args.work.resolve()
    bench = Benchmark(args)
    results = []
    for n in args.articles:
        kinds = (True,) if args.only_extracted else (False, True) if args.extracted else (False,)
        for extracted in kinds:
            results.append(bench.size(n, extracted=extracted))
            if args.clean:
                folder = args.work / (f"{n}-extracted" if extracted else str(n))
                for name in ("graph", ".parkgraph-cache", "corpus", "annotations"):
                    shutil.rmtree(folder / name, ignore_errors=True)
            print()
            print(report(results[-1]), flush=True)
            print()
            if args.json:
                data = [asdict(r) for r in results]
                args.json.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
