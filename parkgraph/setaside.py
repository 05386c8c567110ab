"""Which failures of one article a corpus build sets aside, and which stop it.

Why: a corpus of a thousand captures collected from many sites holds a few that are not articles (an
index page, a login wall, an empty save, a page in the wrong encoding). Failing the whole build on one of
them means no graph until every file is perfect; so, as batch ingestion tools do, a capture the reader
refuses, or whose extraction fails, is *set aside*: it gets no article graph, the rest of the corpus is
built, and the build reports it (:mod:`parkgraph.report`) and ends with a distinct exit status.

What is never set aside, because a person stands behind it and must not see it silently dropped:

* anything about a capture with curated annotations (``annotations/<id>.yaml``): an error in the file,
  a graph that does not validate, and a capture the reader refuses, since the file commits a curator to
  that capture;
* anything at all in a ``strict`` build (``--strict``), which fails as builds always did.

Faults that are no page's (a missing module or model, a bug outside the extractor, a full disk) are not
caught here: they stop the build whatever the page.

This module holds that policy and the record of a set-aside capture; :func:`build_or_set_aside` is what
the corpus build's worker processes run for each article.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .articles import ArticleOutput, ArticleSource, PipelineSpec, build_article
from .errors import CaptureError, ExtractionError, ParkgraphError

#: Where an article failed: the reader refused the capture (or its sidecar), the extractor failed on it,
#: or the graph the extractor drafted does not validate.
STAGES = ("reader", "extraction", "validation")


@dataclass(frozen=True)
class SetAside:
    """A capture a build left out: which, where it failed, the message a strict build fails with (naming
    the file) and what to do. Plain data, so that it travels from a worker process as it is."""

    article_id: str
    capture: Path
    stage: str  # one of STAGES
    message: str
    todo: str


def build_or_set_aside(
    spec: PipelineSpec, source: ArticleSource, use_cache: bool = True, strict: bool = False
) -> ArticleOutput | SetAside:
    """Build one article, or set it aside if :func:`set_aside` says its failure may be; the function the
    corpus build's worker pool maps. Returning the record rather than raising keeps the pool going."""
    try:
        output = build_article(spec, source, use_cache)
    except ParkgraphError as error:
        if strict or (source.curated and not isinstance(error, CaptureError)):
            raise
        if source.curated:
            raise _curated(error, source) from None
        return set_aside(source, error)
    if output.report and not source.curated and not strict:
        return SetAside(
            source.article_id,
            source.capture,
            "validation",
            f"{source.capture}: the graph the extractor drafted for it does not validate:\n{output.report}",
            _draft_it(source),
        )
    return output


def set_aside(source: ArticleSource, error: ParkgraphError) -> SetAside:
    """The record of an uncurated capture that failed with ``error``; its message is ``str(error)``, the
    one a strict build fails with."""
    if isinstance(error, CaptureError):
        todo = error.hint or "capture the article page again, or remove the file from the corpus"
        return SetAside(source.article_id, source.capture, "reader", str(error), todo)
    if isinstance(error, ExtractionError) and error.hint:
        return SetAside(source.article_id, source.capture, "extraction", str(error), error.hint)
    # The extractor drafted annotations the loader refuses (a quote it mislocated, …): a curator can fix
    # the draft.
    return SetAside(source.article_id, source.capture, "extraction", str(error), _draft_it(source))


def _draft_it(source: ArticleSource) -> str:
    notes = f"annotations/{source.article_id}.yaml"
    return f"draft {notes} with `parkgraph extract {source.capture} -o {notes}`, correct it and build again"


def _curated(error: CaptureError, source: ArticleSource) -> CaptureError:
    """A curated capture the reader refuses: the same error, which also says why the build stops on it
    rather than setting it aside."""
    note = f"the build stops on it, even without --strict, because {source.annotations} curates it"
    return CaptureError(error.path, error.problem, f"{error.hint}; {note}" if error.hint else note)


def check_built_any(set_aside: list[SetAside], captures: int) -> None:
    """Refuse a build that set every capture aside: an empty graph would replace the last one, and a
    corpus none of whose files reads is more likely one mistake (a wrong folder, a wrong encoding for all)
    than many."""
    if not captures or len(set_aside) < captures:
        return
    shown = "\n".join(f"  {entry.message}" for entry in set_aside[:20])
    more = f"\n  … and {len(set_aside) - 20} more" if len(set_aside) > 20 else ""
    raise ParkgraphError(
        f"every capture ({captures}) would be set aside, so there is nothing to build and the last graph "
        f"is left as it was; fix the captures:\n{shown}{more}"
    )
