"""Where each view lives under ``views/``, from IRIs and article ids alone.

One module for it because two kinds of page link to each other: the graph views
(:mod:`parkgraph.views.render`) link entities to their article pages and article pages
(:mod:`parkgraph.views.article_page`) link entities to their graph views, and neither should need the
other's data to know a file name. No text from an article is ever part of a file name: slugs and ids are
checked ASCII, anything else is replaced by a hash.
"""

from __future__ import annotations

import hashlib
import re

#: Where the HTML views go, inside the build's output folder.
VIEWS_FOLDER = "views"
#: The folder of the article pages, under views/.
ARTICLE_FOLDER = "article"

_ARTICLE_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,119}")
_SLUG = re.compile(r"[A-Za-z0-9_-]{1,120}")


def safe_name(name: str) -> str:
    """Slugs are checked ASCII (docs/model.md); anything else gets a hash, never text from the IRI."""
    if _SLUG.fullmatch(name):
        return name
    return "n-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def entity_path(iri: str, base: str) -> str | None:
    """``entity/<slug>.html`` for an entity IRI ``{base}id/<slug>``; None for any other IRI."""
    prefix = f"{base}id/"
    if not iri.startswith(prefix):
        return None
    return f"entity/{safe_name(iri[len(prefix) :])}.html"


def concept_path(iri: str, base: str) -> str:
    """``concept/<scheme>--<slug>.html`` for ``{base}concept/<scheme>/<slug>`` (other concepts: hashed)."""
    prefix = f"{base}concept/"
    rest = iri[len(prefix) :] if iri.startswith(prefix) else iri
    return f"concept/{safe_name(rest.replace('/', '--'))}.html"


def article_path(article_id: str) -> str:
    """``article/<id>.html``: ids are checked ``^[A-Za-z0-9_.-]+$`` when the capture is read."""
    name = article_id if _ARTICLE_ID.fullmatch(article_id) else safe_name(article_id)
    return f"{ARTICLE_FOLDER}/{name}.html"
