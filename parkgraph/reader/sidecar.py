"""The sidecar ``corpus/<id>.meta.yaml``: metadata the user knows, which overrides what the page says.

A page whose date the reader cannot find (a wire story without its year, a page saved without its
header) gets it from here, never from the file's mtime::

    published: 2024-05-06            # ISO date or date-time; a date-time without offset is Beijing time
    url: https://news.example.cn/a/1.html
    publisher: 澜江日报
    title: 鹭平高新区新增三家省级专精特新企业
    source: 鹭平日报
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from parkgraph.errors import CaptureError
from parkgraph.inputfiles import MAX_SIDECAR_BYTES, SIDECAR_LIMIT_HINT, read_regular
from parkgraph.textnorm import normalise_text
from parkgraph.yamltext import YamlProblem, load

from .datelines import CHINA_TZ, implausible
from .lines import clean_line

__all__ = ["SIDECAR_KEYS", "SIDECAR_SUFFIX", "Sidecar", "load_sidecar", "sidecar_path"]

SIDECAR_SUFFIX = ".meta.yaml"
SIDECAR_KEYS = ("published", "url", "publisher", "title", "source")
_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Sidecar:
    """The metadata a sidecar gives; None where it says nothing."""

    path: Path | None = None
    published: datetime | date | None = None
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    source: str | None = None
    #: The sidecar file's bytes (empty when there is none): part of the article's digest. Kept as read,
    #: not read again, so the digest is of what was parsed.
    raw: bytes = field(default=b"", repr=False)


def sidecar_path(capture: Path) -> Path:
    """``corpus/<id>.meta.yaml`` for ``corpus/<id>.txt`` or ``corpus/<id>.html``."""
    return capture.with_name(capture.name[: -len(capture.suffix)] + SIDECAR_SUFFIX)


def load_sidecar(capture: Path) -> Sidecar:
    """The sidecar beside ``capture``, or an empty :class:`Sidecar` when there is none."""
    path = sidecar_path(capture)
    if not os.path.lexists(path):  # a link to nowhere is there, and refused as a link
        return Sidecar()
    raw = read_regular(path, limit=MAX_SIDECAR_BYTES, limit_hint=SIDECAR_LIMIT_HINT)
    try:
        data = load(raw.decode("utf-8"), name=str(path))
    except UnicodeDecodeError:
        raise CaptureError(path, "is not UTF-8", "save the sidecar as UTF-8") from None
    except YamlProblem as problem:
        where = f"line {problem.line}: " if problem.line is not None else ""
        if isinstance(problem.cause, ValueError):  # PyYAML turns 2024-13-40 into a date and fails
            raise CaptureError(
                path,
                f"{where}has a date that is not an ISO date or date-time ({problem.cause})",
                "write e.g. published: 2024-05-06",
            ) from None
        raise CaptureError(path, f"{where}{problem.problem}", "fix the sidecar") from None
    if data is None:
        return Sidecar(path, raw=raw)
    if not isinstance(data, dict):
        raise CaptureError(
            path, "must be a mapping of metadata keys", f"use the keys {', '.join(SIDECAR_KEYS)}"
        )
    unknown = sorted(str(key) for key in data if key not in SIDECAR_KEYS)
    if unknown:
        raise CaptureError(path, f"has unknown key(s) {', '.join(unknown)}", f"use {', '.join(SIDECAR_KEYS)}")
    values: dict[str, str] = {}
    for key in ("url", "publisher", "title", "source"):
        if key in data:
            value = data[key]
            # as a page's lines are: white space and invisible characters (a BOM) off both ends
            text = clean_line(normalise_text(value)) if isinstance(value, str) else ""
            if not text:
                raise CaptureError(path, f"{key!r} must be a non-empty string", "fix the sidecar")
            values[key] = text
    if "url" in values and (
        not values["url"].startswith(_URL_SCHEMES)
        or any(c.isspace() or unicodedata.category(c) == "Cc" for c in str(data["url"]).strip())
    ):
        raise CaptureError(path, f"url {values['url']!r} is not an http(s) URL", "fix the sidecar")
    published = _published(data["published"], path) if "published" in data else None
    return Sidecar(path, published, **values, raw=raw)


def _published(value: object, path: Path) -> datetime | date:
    """A YAML date or date-time, or an ISO string of one, naive date-times Beijing time; refused when it
    cannot be when the article was published (after tomorrow, before 1949): the sidecar's date overrides
    the page's, and becomes the dataset's ``dcterms:issued`` if it is the latest."""
    published = _date(value, path)
    reason = implausible(published)
    if reason:
        raise CaptureError(
            path,
            f"published {published.isoformat()} {reason}: no article was published then",
            "write the day the article was published, e.g. published: 2024-05-06, or remove the line to use "
            "the page's own date",
        )
    return published


def _date(value: object, path: Path) -> datetime | date:
    if isinstance(value, str):
        try:
            value = (
                datetime.fromisoformat(value.strip())
                if "T" in value or ":" in value
                else date.fromisoformat(value.strip())
            )
        except ValueError:
            raise CaptureError(
                path,
                f"published {value!r} is not an ISO date or date-time",
                "write e.g. published: 2024-05-06",
            ) from None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=CHINA_TZ)
    if isinstance(value, date):
        return value
    raise CaptureError(
        path, f"published {value!r} is not an ISO date or date-time", "write e.g. published: 2024-05-06"
    )
