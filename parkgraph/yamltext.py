"""Loading the YAML files people write (sidecars, annotation files): any byte of them is an error that
says where it is, never a crash.

Why: given a control character, even in a comment, PyYAML raises a ``ReaderError`` that names no line;
given 500 nested ``[`` its pure-Python composer recurses into a ``RecursionError`` (a traceback of
~3,000 lines) and LibYAML's C composer, given 100,000, crashes the process outright (no ``except`` catches
a segmentation fault); a date it cannot build is a ``ValueError``, a list used as a key a ``TypeError``.
:func:`load` turns every one of these into a :class:`YamlProblem` with the line, which the caller names
its file in (a sidecar's :class:`~parkgraph.errors.CaptureError`, an annotation file's
:class:`~parkgraph.errors.AnnotationError`):

* characters YAML does not allow anywhere are found first, with their line and column;
* nesting is limited to :data:`MAX_DEPTH` levels: :class:`Loader` constructs every document from its root
  down, counting levels as it goes, and a text that could nest deeper than its composer can take (an
  upper bound read off the text: its brackets, indentation and line length) is first checked event by
  event, which stops at the first level too deep.

>>> load("a: [1, {b: c}]")
{'a': [1, {'b': 'c'}]}
>>> load("a: " + "[" * 500 + "]" * 500)
Traceback (most recent call last):
...
parkgraph.yamltext.YamlProblem: line 1: nests deeper than 32 levels
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["MAX_DEPTH", "Loader", "YamlProblem", "load"]

#: The deepest nesting of collections accepted: an annotation file nests 7 levels, a sidecar 1.
MAX_DEPTH = 32
#: Texts that could nest deeper than this are checked event by event before they are composed: LibYAML's
#: composer recurses in C (fine at 5,000 levels, a crash at 100,000), PyYAML's in Python (two frames a
#: level, against a limit of 1,000 frames).
_COMPOSE_LIMIT = 1000 if hasattr(yaml, "CSafeLoader") else 100

#: What YAML 1.1 allows in a stream (``yaml.reader.Reader.NON_PRINTABLE``): tab, line breaks, printable
#: ASCII, NEL and the rest of Unicode but surrogates, U+FFFE and U+FFFF.
_NOT_ALLOWED = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_STR_TAG = "tag:yaml.org,2002:str"


class YamlProblem(Exception):
    """Why a YAML text cannot be loaded, and on which line (1-based; None when YAML does not say).

    ``cause`` is the exception of PyYAML or of a constructor behind it (a ``ValueError`` for a date
    such as 2024-13-40), for a caller that words some of them itself."""

    def __init__(self, line: int | None, problem: str, cause: BaseException | None = None) -> None:
        self.line = line
        self.problem = problem
        self.cause = cause
        super().__init__(f"line {line}: {problem}" if line is not None else problem)


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader (LibYAML's parser when PyYAML has it) that counts how deep collections nest.

    A document is constructed from its root down in one pass (PyYAML's default builds nested sequences
    later, out of order, where no depth can be counted), so every level passes through
    :meth:`construct_object` and none can go past :data:`MAX_DEPTH`. A ``str`` scalar's text is returned
    directly: that is all ``construct_yaml_str`` does, and most of these files is strings.
    """

    _depth = 0
    _node: yaml.Node | None = None

    def construct_document(self, node: yaml.Node) -> Any:
        data = self.construct_object(node, deep=True)
        self.constructed_objects = {}
        self.recursive_objects = {}
        self.deep_construct = False
        return data

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if type(node) is yaml.ScalarNode:
            if node.tag == _STR_TAG:
                return node.value
            self._node = node  # a value that fails to build (a date) is reported at its line
            return super().construct_object(node, deep=deep)
        self._node = node
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise YamlProblem(node.start_mark.line + 1, f"nests deeper than {MAX_DEPTH} levels")
            return super().construct_object(node, deep=deep)
        finally:
            self._depth -= 1

    def current_line(self) -> int | None:
        """The line of the node being constructed (where a constructor failed)."""
        return self._node.start_mark.line + 1 if self._node is not None else None


def load(text: str, loader: type[Loader] = Loader, *, name: str = "<text>") -> Any:
    """The one document in ``text``; a :class:`YamlProblem` for anything wrong with it."""
    _check_characters(text)
    if _nesting_bound(text) > _COMPOSE_LIMIT:
        _check_nesting(text, loader)
    instance = loader(text)
    instance.name = name
    try:
        return instance.get_single_data()
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise YamlProblem(line, f"is not valid YAML: {error.problem}", error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(None, f"is not valid YAML: {error}", error) from None
    except RecursionError as error:  # merge keys (<<) chained too deep: the last resort
        raise YamlProblem(instance.current_line(), "nests too deeply to be read", error) from None
    except (ValueError, TypeError, OverflowError) as error:
        line = instance.current_line()
        raise YamlProblem(line, f"has a value that cannot be read ({error})", error) from None
    finally:
        instance.dispose()


def _check_characters(text: str) -> None:
    """Refuse a character YAML does not allow (a control character, even in a comment), saying where."""
    found = _NOT_ALLOWED.search(text)
    if found is None:
        return
    before = text[: found.start()]
    breaks = list(_LINE_BREAK.finditer(before))
    column = found.start() - (breaks[-1].end() if breaks else 0) + 1
    raise YamlProblem(
        len(breaks) + 1,
        f"column {column} holds the character U+{ord(found.group()):04X}, which YAML allows nowhere "
        "(not even in a comment); delete it",
    )


def _nesting_bound(text: str) -> int:
    """How deep ``text`` could nest at most: a flow collection opens with ``[`` or ``{``; a block one
    needs more indentation or an indicator (``- ``, ``? ``, ``: ``) on its line, and a block mapping's
    value may be a sequence at its own indentation (so two levels a column); merge keys nest too."""
    flow = text.count("[") + text.count("{")
    indent = max((len(spaces) for spaces in re.findall(r"^ *", text, re.MULTILINE)), default=0)
    longest = max(map(len, text.split("\n")), default=0)
    return flow + 2 * indent + longest // 2 + text.count("<<") + 2


def _check_nesting(text: str, loader: type[Loader]) -> None:
    """Walk the text's events, stopping at the first collection deeper than :data:`MAX_DEPTH` (the
    parser keeps a stack, not a recursion, so this is safe at any depth)."""
    parser = loader(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(event.start_mark.line + 1, f"nests deeper than {MAX_DEPTH} levels")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        raise YamlProblem(line, f"is not valid YAML: {error.problem}", error) from None
    finally:
        parser.dispose()
