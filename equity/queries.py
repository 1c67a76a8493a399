"""Named SQL queries: one ``queries/<name>.sql`` file each, values bound by ``$name``, never formatted in.

The organisation tables' templates (``org_template_<table>``, ``org_export_<table>``) are named queries
too, generated from data/schema.sql by equity.schema rather than written out once per table.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from equity import schema
from equity.db import cursor

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"

# Comments and string literals may hold "$word" that is not a parameter; strip them first.
_COMMENTS_AND_STRINGS = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'", re.S)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


class QueryError(Exception):
    """A query was asked for by a name that does not exist, or with the wrong parameters."""


def names() -> list[str]:
    return sorted({p.stem for p in QUERY_DIR.glob("*.sql")} | set(schema.QUERIES))


@cache
def sql(name: str) -> str:
    if name in schema.QUERIES:
        return schema.QUERIES[name]
    path = QUERY_DIR / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.is_file():
        raise QueryError(f"No query named {name!r} in {QUERY_DIR}")
    return path.read_text()


@cache
def parameters(name: str) -> frozenset[str]:
    """The ``$names`` a query declares, so callers can be checked to pass exactly those."""
    return frozenset(_PARAM.findall(_COMMENTS_AND_STRINGS.sub("", sql(name))))


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pd.DataFrame:
    """Run query ``name`` on a cursor of its own with exactly its declared parameters bound."""
    params = dict(params or {})
    expected = parameters(name)
    if set(params) != expected:
        missing = sorted(expected - set(params))
        extra = sorted(set(params) - expected)
        raise QueryError(f"Query {name!r}: missing parameters {missing}, unexpected {extra}")
    with cursor(con) as cur:
        return cur.execute(sql(name), params or None).df()
