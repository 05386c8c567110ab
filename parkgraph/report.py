"""The build report: what became of every capture, for people (the summary) and scripts (JSON).

``graph/build-report.json`` is written with the graph files and says, capture by capture, whether it
was built from curated annotations, built by the extractor, or set aside (:mod:`parkgraph.setaside`),
with the error and what to do, and the extractor's warnings. Its schema is in ``docs/build.md``.

Why it is shaped as it is: it sits beside the graph files, which are byte-identical for the same
inputs, and is committed with them, so it is as deterministic as they are: keys sorted, files in id
order, paths relative to the project folder (an absolute path would differ between two checkouts), and
nothing about the run itself (no time, no "from the cache"), which the printed summary tells instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .setaside import SetAside
from .sources import ArticleSource, NotRead

#: The report's file name, in the output folder beside the graph files.
REPORT_NAME = "build-report.json"
#: The report's schema version: raised when a field changes meaning or goes.
REPORT_VERSION = 1
#: What the CLI exits with when the build set captures aside (0: none; 1: the build failed).
SET_ASIDE_STATUS = 3


def build_report(
    sources: Iterable[ArticleSource],
    set_aside: Iterable[SetAside],
    warnings: Mapping[str, tuple[str, ...]],
    *,
    root: Path,
    not_read: Iterable[NotRead] = (),
) -> dict[str, object]:
    """The report of a build of ``sources``: ``set_aside`` were left out, ``warnings`` are the
    extractor's by article id, ``not_read`` the entries of the input folders not read; paths and
    messages relative to ``root``."""
    aside = {entry.article_id: entry for entry in set_aside}
    files: list[dict[str, object]] = []
    all_warnings: list[str] = []
    for source in sorted(sources, key=lambda s: s.article_id):
        entry = aside.get(source.article_id)
        status = "set-aside" if entry else "curated" if source.curated else "extracted"
        own_warnings = [_relative_text(w, root) for w in warnings.get(source.article_id, ())]
        all_warnings += own_warnings
        files.append(
            {
                "article": source.article_id,
                "capture": _relative(source.capture, root),
                "annotations": _relative(source.annotations, root) if source.annotations else None,
                "sidecar": _relative(source.sidecar, root) if source.sidecar else None,
                "status": status,
                "stage": entry.stage if entry else None,
                "error": _relative_text(entry.message, root) if entry else None,
                "todo": _relative_text(entry.todo, root) if entry else None,
                "warnings": own_warnings,
            }
        )
    counts = {status: sum(f["status"] == status for f in files) for status in ("curated", "extracted")}
    left_out = [str(f["capture"]) for f in files if f["status"] == "set-aside"]
    return {
        "version": REPORT_VERSION,
        "complete": not left_out,
        "counts": {
            "captures": len(files),
            "built": counts["curated"] + counts["extracted"],
            **counts,
            "set_aside": len(left_out),
            "warnings": len(all_warnings),
        },
        "set_aside": left_out,
        "warnings": all_warnings,
        "files": files,
        "not_read": [
            {"path": _relative(entry.path, root), "reason": entry.reason}
            for entry in sorted(not_read, key=lambda entry: str(entry.path))
        ],
    }


def report_bytes(report: Mapping[str, object]) -> bytes:
    """The report as the file holds it: UTF-8 JSON, keys sorted, one level a space, a final newline."""
    return (json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def set_aside_lines(set_aside: Iterable[SetAside], report: Path | None) -> list[str]:
    """The summary's lines on set-aside captures: how many, then each one's message (which names the
    file and, in parentheses, what to do), its other lines indented."""
    entries = list(set_aside)
    if not entries:
        return []
    where = f"; listed in {report}" if report is not None else ""
    lines = [f"set aside: {len(entries)} capture{'s' if len(entries) != 1 else ''}, not in the graph{where}"]
    for entry in entries:
        first, *rest = entry.message.split("\n")
        lines.append(f"  {first}")
        lines += [f"      {line}" for line in rest]
        if entry.todo not in entry.message:  # the reader's and extractor's messages end with it
            lines.append(f"    what to do: {entry.todo}")
    return lines


def not_read_lines(not_read: Iterable[NotRead], report: Path | None) -> list[str]:
    """The summary's lines on the entries of ``corpus/`` and ``annotations/`` not read: how many, then
    each (at most ten: the report lists them all)."""
    entries = list(not_read)
    if not entries:
        return []
    where = f"; listed in {report}" if report is not None else ""
    counted = f"{len(entries)} entr{'ies' if len(entries) != 1 else 'y'}"
    lines = [f"not read: {counted} of the input folders{where}"]
    lines += [f"  {entry.path}: {entry.reason}" for entry in entries[:10]]
    if len(entries) > 10:
        lines.append(f"  … and {len(entries) - 10} more")
    return lines


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _relative_text(text: str, root: Path) -> str:
    """``text`` with the project folder's paths relative to it (messages name files by absolute path)."""
    return text.replace(f"{root}{os.sep}", "")
