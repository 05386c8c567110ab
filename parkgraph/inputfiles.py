"""Reading what people put in the project: regular files only, never through a link, never past a limit.

Why: ``corpus/`` is filled from many places (a crawler, a colleague's folder, an unpacked archive), so it
may hold a symbolic link (``ln -s /etc/passwd corpus/x.txt`` put the password file into the graph), a
folder or a named pipe called like a capture (opening a pipe waits for a writer forever), or a capture
of 50 MB (7 minutes and 1.5 GB of memory before a word). So every input file (capture, sidecar,
annotation file) is opened here: without following a link (``O_NOFOLLOW``), without waiting
(``O_NONBLOCK``), checked to be a regular file on the open descriptor (so nothing can swap it between the
check and the read), and refused past a size limit before a byte is read.

:func:`entry_kind` says what a folder entry is without following it, for the build report's list of
entries that are not read.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from .errors import CaptureError

__all__ = [
    "CAPTURE_LIMIT_HINT",
    "DEFAULT_MAX_CAPTURE_BYTES",
    "MAX_SIDECAR_BYTES",
    "SIDECAR_LIMIT_HINT",
    "entry_kind",
    "format_size",
    "parse_size",
    "read_regular",
]

#: The largest capture read by default (``parkgraph build --max-capture-size``): a page saved by a
#: browser with its scripts inline is rarely over 2 MB, its article text a few tens of KB, and the
#: extractor takes about a minute per 200 KB of body text.
DEFAULT_MAX_CAPTURE_BYTES = 5 * 1024 * 1024
#: What to do about a capture over the limit.
CAPTURE_LIMIT_HINT = (
    "a saved page is rarely over 2 MB: save the article's page alone, or raise the limit "
    "(parkgraph build --max-capture-size)"
)
#: A sidecar is a few lines of metadata.
MAX_SIDECAR_BYTES = 64 * 1024
SIDECAR_LIMIT_HINT = "a sidecar holds a few lines of metadata"

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_NO_LINKS = "parkgraph reads no links, so that nothing outside the project is read"


def entry_kind(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (``"a symbolic link"``, ``"a folder"``, ...), not
    following a link; None for a regular file or when nothing is there."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    return _kind(mode)


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "not a regular file"


def read_regular(path: Path, *, limit: int | None = None, limit_hint: str = "") -> bytes:
    """The bytes of the regular file ``path``, opened without following a link; a :class:`CaptureError`
    naming it when it is a link, a folder, a pipe or a device, cannot be read, or holds more than
    ``limit`` bytes (``limit_hint``: how to raise the limit)."""
    path = Path(path)
    if entry_kind(path) == "a symbolic link":  # O_NOFOLLOW refuses it too, with a vaguer error
        raise _link(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _open_error(path, error) from None
    try:
        return _read(fd, path, limit, limit_hint)
    finally:
        os.close(fd)


def _link(path: Path) -> CaptureError:
    return CaptureError(path, "is a symbolic link", f"put the file itself in its place: {_NO_LINKS}")


def _not_a_file(path: Path, kind: str) -> CaptureError:
    return CaptureError(path, f"is {kind}, not a file", "replace it with the file, or remove it")


def _open_error(path: Path, error: OSError) -> CaptureError:
    if isinstance(error, FileNotFoundError):
        return CaptureError(path, "no such file", "check the path or the corpus folder")
    if error.errno == errno.ELOOP:  # a link put there since the check
        return _link(path)
    if error.errno == errno.EISDIR:
        return _not_a_file(path, "a folder")
    return CaptureError(path, f"could not be read: {error.strerror or error}", "check its permissions")


def _read(fd: int, path: Path, limit: int | None, limit_hint: str) -> bytes:
    info = os.fstat(fd)
    kind = _kind(info.st_mode)
    if kind is not None:
        raise _not_a_file(path, kind)
    if limit is not None and info.st_size > limit:
        raise CaptureError(path, _too_big(info.st_size, limit), limit_hint or "remove it")
    chunks, size = [], 0
    while True:
        try:
            chunk = os.read(fd, 1 << 20)
        except OSError as error:
            raise _open_error(path, error) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if limit is not None and size > limit:  # it grew while being read
            raise CaptureError(path, _too_big(size, limit), limit_hint or "remove it")


def _too_big(size: int, limit: int) -> str:
    return f"is {format_size(size)}, over the limit of {format_size(limit)}"


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """``"5MB"``, ``"500k"``, ``"2.5 MiB"`` or a number of bytes, in bytes (units are powers of 1024).

    >>> parse_size("5MB"), parse_size("500k"), parse_size("1024")
    (5242880, 512000, 1024)
    """
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a size such as 5MB, 500k or 1048576")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def format_size(size: int) -> str:
    """A size as people read it: ``5 MB``, ``50.0 MB``, ``512 KB``, ``12 bytes``.

    >>> format_size(5 * 1024 * 1024), format_size(52_428_800 + 1), format_size(512_000), format_size(12)
    ('5 MB', '50.0 MB', '500 KB', '12 bytes')
    """
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            return f"{value:.0f} {unit}" if size % factor == 0 else f"{value:.1f} {unit}"
    return f"{size} bytes"
