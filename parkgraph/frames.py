"""SPARQL solutions as a pandas ``DataFrame`` with typed columns (``parkgraph[notebook]``).

A cell holds an RDF term; a DataFrame wants one dtype a column. Each column gets the dtype of the
terms in it, so that analysts can sort, filter and plot without casting:

===========================================================  ==========================================
terms in the column (unbound cells aside)                    dtype
===========================================================  ==========================================
xsd:integer and its subtypes (long, nonNegativeInteger, …)   ``Int64`` (nullable integers)
any of xsd:decimal, xsd:double, xsd:float (and integers)     ``Float64``
xsd:boolean                                                  ``boolean``
xsd:date, xsd:dateTime                                       ``datetime64[ns]`` (with the offset when
                                                             every value has the same one, else UTC)
xsd:gYear, xsd:gYearMonth                                    ``period[Y]``, ``period[M]``
strings, language-tagged strings, IRIs, anything else        ``string`` (the text; the tag is dropped)
a mix of the above                                           ``object`` (each term's Python value)
===========================================================  ==========================================

Unbound cells are ``<NA>`` (``NaT`` in date columns). The terms themselves stay in the result's
``rows`` when the language tag or the exact datatype matters.

pandas is imported when a frame is made, never when parkgraph is imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from .errors import MissingExtraError

if TYPE_CHECKING:
    import pandas as pd
    from rdflib.term import Node

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(
    XSD + name
    for name in (
        "integer",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
_FLOATS = frozenset(XSD + name for name in ("decimal", "double", "float"))
_DATES = frozenset({XSD + "date", XSD + "dateTime", XSD + "dateTimeStamp"})
_PERIODS = {XSD + "gYear": "Y", XSD + "gYearMonth": "M"}
_INT64 = (-(2**63), 2**63 - 1)


def import_pandas():  # type: ignore[no-untyped-def]  # -> the pandas module
    """pandas, or a :class:`~parkgraph.errors.MissingExtraError` that says how to install it."""
    try:
        import pandas
    except ImportError:
        raise MissingExtraError("pandas", "a DataFrame") from None
    return pandas


def _kind(term: Node) -> str:
    """The column family of one bound term: int, float, bool, date, period:Y|M or text."""
    from rdflib import Literal

    if not isinstance(term, Literal) or term.language:
        return "text"
    datatype = str(term.datatype) if term.datatype is not None else XSD + "string"
    if datatype in _INTEGERS:
        return "int" if isinstance(term.toPython(), int) else "text"
    if datatype in _FLOATS:
        return "float" if isinstance(term.toPython(), (int, float, Decimal)) else "text"
    if datatype == XSD + "boolean":
        return "bool" if isinstance(term.toPython(), bool) else "text"
    if datatype in _DATES:
        return "date" if isinstance(term.toPython(), (dt.date, dt.datetime)) else "text"
    if datatype in _PERIODS:
        return f"period:{_PERIODS[datatype]}"
    return "text"


def _column_kind(kinds: set[str]) -> str:
    if not kinds:
        return "text"
    if len(kinds) == 1:
        return next(iter(kinds))
    if kinds <= {"int", "float"}:
        return "float"
    return "mixed"


def _timestamps(values: list[object]):  # type: ignore[no-untyped-def]
    """datetime64 values: naive stays naive, one common offset is kept, several become UTC."""
    pd = import_pandas()
    offsets = {v.utcoffset() for v in values if isinstance(v, dt.datetime) and v is not None}
    naive = any(v is not None and (not isinstance(v, dt.datetime) or v.tzinfo is None) for v in values)
    stamps = [pd.Timestamp(v) if v is not None else pd.NaT for v in values]
    if offsets and (naive or len(offsets) > 1):
        return pd.to_datetime(
            [s.tz_localize("UTC") if s is not pd.NaT and s.tzinfo is None else s for s in stamps], utc=True
        )
    return pd.to_datetime(stamps)


def column(terms: Sequence[Node | None]):  # type: ignore[no-untyped-def]  # -> pd.Series
    """One result column as a typed pandas Series (see the module docstring for the rules)."""
    pd = import_pandas()
    bound = [t for t in terms if t is not None]
    kind = _column_kind({_kind(t) for t in bound})
    values = [None if t is None else t.toPython() for t in terms]  # type: ignore[union-attr]
    if kind == "int":
        if all(_INT64[0] <= v <= _INT64[1] for v in values if v is not None):  # type: ignore[operator]
            return pd.array(values, dtype="Int64")
        kind = "float"
    if kind == "float":
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")  # type: ignore[arg-type]
    if kind == "bool":
        return pd.array(values, dtype="boolean")
    if kind == "date":
        return _timestamps(values)
    if kind.startswith("period:"):
        freq = kind.split(":", 1)[1]
        periods = [
            pd.NaT if t is None else pd.Period(str(t)[: 4 if freq == "Y" else 7], freq=freq) for t in terms
        ]
        return pd.PeriodIndex(periods, freq=freq)
    if kind == "mixed":
        return pd.array(values, dtype=object)
    return pd.array([None if t is None else str(t) for t in terms], dtype="string")


def frame(variables: Sequence[str], rows: Sequence[Sequence[Node | None]]) -> pd.DataFrame:
    """A DataFrame with one typed column per variable, in the query's order, and a RangeIndex."""
    pd = import_pandas()
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in variables]
    data = {name: pd.Series(column(cells), name=name) for name, cells in zip(variables, columns, strict=True)}
    return pd.DataFrame(data, columns=list(variables))
