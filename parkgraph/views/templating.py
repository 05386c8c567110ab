"""The Jinja environment of every page of the views, and the one safe way graph data enters a page.

Its own module so that the article pages (:mod:`parkgraph.views.article_page`), made while a corpus
builds, need not import pyvis (which :mod:`parkgraph.views.render` does).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from markupsafe import Markup

PACKAGE = Path(__file__).resolve().parent


def json_script(value: object) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` or line separators."""
    if isinstance(value, str):
        value = json.loads(value)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@functools.cache
def environment():  # type: ignore[no-untyped-def]  # -> jinja2.Environment
    """The Jinja environment of our templates: autoescaping on, unlike pyvis's."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(PACKAGE / "templates")),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["json_script"] = json_script
    return env
