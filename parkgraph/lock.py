"""One build at a time: advisory locks (``fcntl.flock``) on a file of the project and of the output folder.

Why: two builds of one project at once share the article cache (``.parkgraph-cache/``), where each
removes the other's files as it replaces an entry (one crashed with ``FileNotFoundError``), and two
builds writing one output folder would replace each other's graph files and store. So a build holds

* the project's lock, the file ``.parkgraph-cache/build.lock``, for the whole build (a dry run too: it
  writes the cache), and
* the output folder's lock, on the folder itself (``graph/``: ``flock`` locks a folder as well as a
  file, so nothing is added to it), while it writes there, so that two projects built into one folder
  do not mix either;

and ``parkgraph serve --built-store`` takes the output folder's lock *shared* while it opens the
build's store, so that it never opens a store a build is swapping.

A second build waits for the first, saying so on standard error, or with ``wait=False``
(``parkgraph build --no-wait``) fails at once with :class:`~parkgraph.errors.BuildRunningError` (exit
status 4). The locks are the kernel's: a build that is killed releases them as its process ends, so
there is never a stale lock to remove by hand. Holding them is also what makes removing the temporary
files a killed build left safe (:mod:`parkgraph.tempfiles`): no other build can be writing them.

``flock`` is advisory, per open file, and local: a folder on NFS may not honour it; on a system without
``fcntl`` (Windows) builds are not locked.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import BuildRunningError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux or macOS
    fcntl = None  # type: ignore[assignment]

#: The project's lock file, inside its cache folder (the output folder is locked itself).
PROJECT_LOCK = "build.lock"
#: The descriptors of the locks this process holds (see :func:`release_inherited`).
_HELD: set[int] = set()


def _stderr(message: str) -> None:
    print(f"parkgraph: {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def locked(
    path: Path,
    *,
    shared: bool = False,
    wait: bool = True,
    what: str = "a build",
    notify: Callable[[str], None] = _stderr,
) -> Iterator[None]:
    """Hold the lock of ``path`` for the ``with`` block: exclusive, or ``shared`` with other shared
    holders. ``path`` is a lock file (created if missing; an exclusive holder writes its pid into it, for
    the message of whoever waits) or a folder (locked itself: nothing is added to it). If another process
    holds it: wait, after one line through ``notify``, or, unless ``wait``, raise
    :class:`BuildRunningError` naming the holder."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    folder = path.is_dir()
    if folder:
        descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = "another process" if folder else _holder(descriptor)
            if not wait:
                raise BuildRunningError(path, holder) from None
            notify(f"waiting for {what} to finish ({holder} holds {path}); Ctrl-C stops waiting")
            fcntl.flock(descriptor, mode)
        _HELD.add(descriptor)
        if not (shared or folder):  # say who holds it, for the message of whoever waits next
            said = f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}".encode()
            os.pwrite(descriptor, said, 0)  # written, then cut to length: never an empty file between
            os.ftruncate(descriptor, len(said))
        yield
    finally:
        _HELD.discard(descriptor)
        os.close(descriptor)  # releases the lock


def release_inherited() -> None:
    """In a process forked from a build (a worker of its pool): close the copies of the build's lock
    descriptors it inherited, so that a worker outliving a killed build does not keep the project locked
    (a ``flock`` lasts until every copy of its descriptor is closed). The build's own copies keep the
    locks."""
    for descriptor in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _HELD.clear()


def _holder(descriptor: int, *, patience: float = 1.0) -> str:
    """What the holder wrote into the lock file: ``pid 123 since 2025-01-02 10:42:03``. A holder that
    took the lock a moment ago may not have written it yet (regression: two builds started together in
    a fresh project, where the file is created empty): read again for up to ``patience`` seconds."""
    deadline = time.monotonic() + patience
    while not (text := os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip()):
        if time.monotonic() > deadline:
            return "another process"
        time.sleep(0.02)
    return text


@contextlib.contextmanager
def build_locks(cache_dir: Path, out_dir: Path | None, *, wait: bool = True) -> Iterator[None]:
    """The locks a build holds: the project's (the file ``build.lock`` in ``cache_dir``), then the output
    folder's (``out_dir`` itself; None for a dry run, which writes no output). Always taken in that
    order, so two builds never wait for each other in a circle."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(locked(cache_dir / PROJECT_LOCK, wait=wait, what="another build of this project"))
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            stack.enter_context(locked(out_dir, wait=wait, what="another build writing this output folder"))
        yield
