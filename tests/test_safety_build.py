"""Issue 21, "safe by default": regression tests of the build's defects 5 to 7.

5. two builds at once in one project crashed (``FileNotFoundError`` in ``.parkgraph-cache``);
6. a full disk gave a raw ``OSError`` traceback, and the graph files, report and views were already
   replaced when the store's commit failed, though exit status 1 says "nothing changed";
7. the temporary files of a killed build stayed forever.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from parkgraph.build import Project, build
from parkgraph.corpus import store_update
from parkgraph.errors import BuildRunningError, DiskFullError
from parkgraph.formats import CACHE_DIR
from parkgraph.lock import PROJECT_LOCK, locked
from parkgraph.output import NamedWriter, named
from parkgraph.tempfiles import stale_temporaries

from .conftest import copy_project, require
from .test_corpus import add_copy

ROOT = Path(__file__).resolve().parents[1]


def cli(project: Path, *args: str, **options: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "parkgraph.cli", "--project", str(project), "build", "--jobs", "1", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        **options,  # type: ignore[arg-type]
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (the store's too), relative path → SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's project, copied and built once (its article cached)."""
    root = tmp_path_factory.mktemp("built")
    build(copy_project(root), jobs=1)
    return root


@pytest.fixture()
def project(built_once: Path, tmp_path: Path) -> Project:
    """A private copy of :func:`built_once`, outputs and cache included."""
    shutil.copytree(built_once, tmp_path / "p", symlinks=True)
    return Project.at(tmp_path / "p")


# --- 5. two builds at once ---------------------------------------------------------------------------


def test_regression_two_builds_at_once_both_succeed_one_after_the_other(tmp_path: Path) -> None:
    """5: two builds started together in one fresh project (empty cache): the second waits for the
    first, saying so, and both succeed with the same graph; neither crashes in the cache."""
    project = copy_project(tmp_path)
    first, second = cli(project.root), cli(project.root)
    outs = [process.communicate(timeout=600) for process in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), outs
    errors = outs[0][1] + outs[1][1]
    assert "Traceback" not in errors
    assert "waiting for another build of this project to finish (pid " in errors
    fresh = tmp_path / "fresh"
    build(copy_project(fresh), jobs=1)
    assert project.graph_path("nq").read_bytes() == (fresh / "graph" / "parkgraph.nq").read_bytes()


def test_regression_two_builds_at_once_no_wait_exits_4_and_changes_nothing(project: Project) -> None:
    """5: with ``--no-wait`` a build that finds another running says so in one line and exits with
    status 4 (docs/build.md), without a traceback and without touching anything."""
    before = snapshot(project.out_dir)
    with locked(project.root / CACHE_DIR / PROJECT_LOCK):  # what a running build holds
        done = cli(project.root, "--no-wait")
        _out, err = done.communicate(timeout=300)
    assert done.returncode == 4, err
    assert err.startswith("parkgraph: error: another build is running (pid ") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(project.out_dir) == before
    with locked(project.root / CACHE_DIR / PROJECT_LOCK), pytest.raises(BuildRunningError):
        build(project, jobs=1, wait=False)


def test_regression_two_builds_at_once_into_one_output_folder_wait_for_each_other(project: Project) -> None:
    """5: the output folder is locked too (two projects built into one folder do not mix): a build
    waits while another holds it, and goes on when it is released."""
    with locked(project.out_dir):
        waiting = cli(project.root)
        deadline = time.monotonic() + 120
        assert waiting.stderr is not None
        line = waiting.stderr.readline()
        assert "waiting for another build writing this output folder to finish" in line, line
        assert waiting.poll() is None and time.monotonic() < deadline
    _out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err


# --- 7. temporary files of a killed build ------------------------------------------------------------


def test_regression_temp_files_of_a_killed_build_are_removed_by_the_next(project: Project) -> None:
    """7: a build killed (SIGKILL) while writing left its temporary files for ever; the next build
    removes them, and only them, and says so."""
    add_copy(project, "001_copy", renames={"jd-group": "jingdong-group"})
    killed = cli(project.root, start_new_session=True)
    deadline = time.monotonic() + 300
    while not stale_temporaries(project.out_dir, None) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.communicate()
    left = stale_temporaries(project.out_dir, None)
    assert left, "the build was killed while it had temporary files"
    user_files = [project.out_dir / name for name in ("notes.tmp", ".mine.tmp", "keep.parkgraph.nt.tmp")]
    for path in user_files:
        path.write_text("mine", encoding="utf-8")
    done = cli(project.root)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert "temporary file" in out and "a killed build left" in out
    assert stale_temporaries(project.out_dir, project.root / CACHE_DIR) == []
    assert all(not path.exists() for path in left)
    assert all(path.read_text(encoding="utf-8") == "mine" for path in user_files), "a user's files stay"


def test_regression_temp_files_of_every_kind_are_removed(project: Project) -> None:
    """7: every kind of temporary the build makes: graph files, the spool, a store folder being built,
    the manifest's, a view's, a cache entry's."""
    out, cache = project.out_dir, project.root / CACHE_DIR
    stale = [
        out / ".parkgraph.nq.k3j2x8ab.tmp",
        out / ".parkgraph.inferred.ttl.a1b2c3d4.tmp",
        out / ".build-report.json.zz9.tmp",
        out / ".oxigraph.manifest.json.q1.tmp",
        out / ".shared.8f7e6d5c.nt",
        out / "views" / "entity" / ".x.html.p0.tmp",
        next((cache / "articles").iterdir()) / ".abc.nt.r2.tmp",
    ]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 1000)
    store = out / ".oxigraph.w8n3k2"
    store.mkdir()
    (store / "000001.sst").write_bytes(b"y" * 5000)
    result = build(project, jobs=1)
    assert not any(path.exists() for path in [*stale, store])
    assert f"removed {len(stale) + 1} temporary files a killed build left (0.0 MB)" in result.summary()


# --- 6. a full disk ----------------------------------------------------------------------------------


def _full(path: Path | str) -> OSError:
    return named(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), path)


#: Where a disk can fill up while a build stages its outputs: (what, the temporary name's start).
STAGES = [
    ("N-Quads file", ".parkgraph.nq."),
    ("shared graph spool", ".shared."),
    ("VoID description", ".void.ttl."),
    ("JSON-LD", ".parkgraph.jsonld."),
    ("OWL 2 RL closure", ".parkgraph.inferred.ttl."),
    ("networkx export", ".parkgraph.graphml."),
    ("HTML view", ".index.html."),
    ("build report", ".build-report.json."),
]


@pytest.mark.parametrize(("what", "prefix"), STAGES, ids=[s[0] for s in STAGES])
def test_regression_disk_full_while_staging_changes_nothing(
    project: Project, monkeypatch: pytest.MonkeyPatch, what: str, prefix: str
) -> None:
    """6: the disk fills while the build writes one of its outputs (a write raising ENOSPC, as a full
    disk does, at each stage in turn): a DiskFullError naming that file and the space needed, and every
    file of the last build, the store's included, byte for byte as it was, with no temporary left."""
    add_copy(project, "001_copy", renames={"jd-group": "jingdong-group"})
    before = snapshot(project.out_dir)
    original = NamedWriter.write

    def write(self: NamedWriter, data: bytes) -> int:  # type: ignore[override]
        if self.path.name.startswith(prefix):
            raise _full(self.path)
        return original(self, data)

    monkeypatch.setattr(NamedWriter, "write", write)
    with pytest.raises(DiskFullError) as caught:
        build(project, jobs=1)
    error = caught.value
    assert error.path.name.startswith(prefix), error.path
    assert "no space left on the device" in str(error) and "needs about" in str(error)
    assert "Nothing was changed" in str(error)
    assert snapshot(project.out_dir) == before, what
    assert stale_temporaries(project.out_dir, None) == []
    monkeypatch.undo()
    build(project, jobs=1)  # and once there is space, the build goes through
    assert snapshot(project.out_dir) != before


@pytest.mark.parametrize("stage", ["store update", "manifest"])
def test_regression_disk_full_while_staging_the_store_changes_nothing(
    project: Project, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    """6: the store's changes are staged too (in a checkpoint of it) before anything is replaced: a full
    disk while applying them, or while writing the manifest, replaces neither the graph files, nor the
    report, nor the views, nor the store."""
    add_copy(project, "001_copy", renames={"jd-group": "jingdong-group"})
    before = snapshot(project.out_dir)
    if stage == "store update":

        def load(self: store_update.StoreUpdate, store: object) -> None:
            raise OSError("IO error: No space left on device: While appending to file: 000012.sst")

        monkeypatch.setattr(store_update.StoreUpdate, "_load_shared", load)
    else:

        def write(path: Path, data: bytes) -> Path:
            raise _full(path.parent / f".{path.name}.x.tmp")

        monkeypatch.setattr(store_update, "_write_temporary", write)
    with pytest.raises(DiskFullError) as caught:
        build(project, jobs=1)
    expected = "oxigraph" if stage == "store update" else ".oxigraph.manifest.json."
    assert expected in caught.value.path.name, caught.value.path
    assert snapshot(project.out_dir) == before
    assert stale_temporaries(project.out_dir, None) == []


def test_regression_disk_full_from_the_cli_is_one_line_and_exit_1(project: Project, tmp_path: Path) -> None:
    """6, end to end: ``parkgraph build`` on a full disk prints one line naming the file, exit 1."""
    add_copy(project, "001_copy", renames={"jd-group": "jingdong-group"})
    hook = tmp_path / "sitecustomize.py"  # makes every write of the N-Quads file fail, in that process
    hook.write_text(
        "import errno, os\n"
        "from parkgraph import output\n"
        "original = output.NamedWriter.write\n"
        "def write(self, data):\n"
        "    if self.path.name.startswith('.parkgraph.nq.'):\n"
        "        raise output.named(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), self.path)\n"
        "    return original(self, data)\n"
        "output.NamedWriter.write = write\n",
        encoding="utf-8",
    )
    before = snapshot(project.out_dir)
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    done = cli(project.root, env=env)
    _out, err = done.communicate(timeout=600)
    assert done.returncode == 1, err
    assert err.startswith("parkgraph: error: ") and "Traceback" not in err and len(err.splitlines()) == 1
    assert ".parkgraph.nq." in err and "no space left on the device" in err
    assert snapshot(project.out_dir) == before


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of its own (tmpfs), to fill up; needs root (CI and the developers' machines
    run as root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], capture_output=True
    )
    require(done.returncode == 0, f"mounting a tmpfs needs root: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_regression_disk_full_on_a_real_small_file_system(project: Project, small_disk: Path) -> None:
    """6, measured on a real full disk: the output folder on a tmpfs that holds the last build's outputs
    and 1 MB more. The build that needs more fails naming the file, every output stays as it was, and
    once the file system is bigger the same build goes through."""
    out = small_disk / "graph"
    build(Project.at(project.root, out_dir=out), jobs=1)
    before = snapshot(out)
    used = shutil.disk_usage(small_disk).used
    subprocess.run(["mount", "-o", f"remount,size={used + (1 << 20)}", str(small_disk)], check=True)
    add_copy(project, "001_copy", renames={"jd-group": "jingdong-group"})
    with pytest.raises(DiskFullError) as caught:
        build(Project.at(project.root, out_dir=out), jobs=1)
    error = caught.value
    assert out in (error.path, *error.path.parents), error.path
    assert error.needed > error.free
    assert snapshot(out) == before
    assert stale_temporaries(out, None) == []
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    build(Project.at(project.root, out_dir=out), jobs=1)
    assert snapshot(out) != before
