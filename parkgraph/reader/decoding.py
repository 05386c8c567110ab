"""Bytes to text: UTF-8, or GB18030/GBK/GB2312, or a clear refusal naming the file and what to do.

Everything downstream counts code points of the NFC text, so this is where a capture's text is fixed
once. The rules refuse rather than guess: a graph built from mojibake is worse than no graph.

>>> decode_capture("园区".encode("gb18030") * 20, path=Path("a.txt"))[1]
'gb18030'
>>> decode_capture("园区".encode("utf-8") + b"\\xe5\\x9b", path=Path("a.txt"))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
parkgraph.errors.CaptureError: a.txt: ends in the middle of a UTF-8 character (byte 6 of 8): ...
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from parkgraph import textnorm
from parkgraph.errors import CaptureError

__all__ = ["GB_FAMILY", "decode_capture", "normalise_text"]

#: Encodings (as :func:`codecs.lookup` names them) accepted from detection. All are decoded with
#: gb18030, a superset of the others, so characters outside GB2312/GBK still decode.
GB_FAMILY = frozenset({"gb18030", "gbk", "gb2312"})

#: Bytes that do not occur in text (C0 controls except tab/newline/vertical tab/form feed/CR, and DEL).
_CONTROL_BYTES = frozenset(set(range(0x09)) | set(range(0x0E, 0x20)) | {0x7F})

#: Above this share of control bytes a file is treated as binary rather than as text with a few strays.
_MAX_CONTROL_RATIO = 0.05

#: Runs of Han text that decode as valid UTF-8. GB18030 bytes practically never do (none in a whole
#: GB18030 article), so a file that is not valid UTF-8 but holds several is UTF-8 and something else.
_UTF8_HAN_RUN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]{4,}")
_MIXED_RUNS = 3

_RESAVE = "re-save the capture as UTF-8"


def decode_capture(data: bytes, *, path: Path) -> tuple[str, str]:
    """Decode raw capture bytes; return ``(text, encoding)``.

    UTF-8 is tried first, strictly, because it is what captures normally are and because detection on
    valid UTF-8 is needless guesswork. Otherwise charset-normalizer guesses, and only the GB family is
    accepted: these are Chinese news pages, and any other guess on such bytes is almost surely wrong.
    A file cut inside a character, or one that is partly UTF-8 and partly another encoding, gets its
    own message with the byte offset. A leading BOM is dropped; newlines and Unicode normalisation
    are left to :func:`normalise_text`.
    """
    if not data:
        raise CaptureError(path, "is empty", "re-capture the article page")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        b"\x00" in data and _looks_utf16(data)
    ):
        raise CaptureError(path, "is UTF-16/UTF-32 encoded, which is not supported", "re-save it as UTF-8")
    if b"\x00" in data:
        raise CaptureError(path, "looks binary (it contains NUL bytes)", "pass a text capture of the page")
    controls = sum(1 for byte in data if byte in _CONTROL_BYTES)
    if controls / len(data) > _MAX_CONTROL_RATIO:
        raise CaptureError(
            path,
            f"looks binary ({controls} of {len(data)} bytes are control characters)",
            "pass a text capture of the page",
        )

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    else:
        return text.removeprefix("\ufeff"), "utf-8"

    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        raise CaptureError(
            path,
            f"ends in the middle of a UTF-8 character (byte {utf8_error.start} of {len(data)}): "
            "the file was cut short",
            "capture or save the page again",
        )
    if len(_UTF8_HAN_RUN.findall(data.decode("utf-8", errors="replace"))) >= _MIXED_RUNS:
        raise CaptureError(
            path,
            f"mixes encodings: it is mostly UTF-8 but byte {utf8_error.start} is not "
            "(part of the file was pasted or saved in another encoding)",
            _RESAVE,
        )

    detected = _detect(data)
    if detected not in GB_FAMILY:
        _refuse_cut_gb(data, path)
        found = f"detected {detected!r}" if detected else "no encoding was detected"
        raise CaptureError(
            path, f"could not be decoded: it is not UTF-8 and {found}, not GB18030/GBK/GB2312", _RESAVE
        )
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as error:
        if error.end >= len(data) - 1:
            raise CaptureError(
                path,
                f"ends in the middle of a {detected} character (byte {error.start} of {len(data)}): "
                "the file was cut short",
                "capture or save the page again",
            ) from error
        raise CaptureError(
            path, f"could not be decoded as {detected} (invalid bytes at offset {error.start})", _RESAVE
        ) from error
    return text.removeprefix("\ufeff"), detected


def normalise_text(text: str) -> str:
    """The capture's text as the graph carries it, so offsets do not depend on how the page was saved:
    without a leading BOM, every line break (``\\r\\n``, ``\\r``, U+2028, U+0085, ...) a ``\\n``, other
    control characters removed, NFC (the one rule of :mod:`parkgraph.textnorm`)."""
    return textnorm.normalise_text(text.removeprefix("\ufeff"))


def _detect(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return _codec_name(best.encoding) if best is not None and best.encoding else None


def _refuse_cut_gb(data: bytes, path: Path) -> None:
    """A GB18030 file cut inside its last character defeats detection: name what happened."""
    try:
        data.decode("gb18030")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3 and _detect(data[: error.start]) in GB_FAMILY:
            raise CaptureError(
                path,
                f"ends in the middle of a GB18030 character (byte {error.start} of {len(data)}): "
                "the file was cut short",
                "capture or save the page again",
            ) from None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: bytes with NULs that decode as UTF-16 to printable text."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        readable = sum(
            (ch.isascii() and (ch.isprintable() or ch.isspace()))
            or "\u4e00" <= ch <= "\u9fff"
            or "\u3000" <= ch <= "\u303f"
            or "\uff00" <= ch <= "\uffef"
            for ch in text
        )
        if "\n" in text and readable >= 0.9 * len(text):
            return True
    return False


def _codec_name(name: str) -> str | None:
    """Canonical codec name (``GB2312`` → ``gb2312``, ``cp936`` → ``gbk``), or None if Python lacks it."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
