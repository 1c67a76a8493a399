"""Named SQL queries: one ``queries/<name>.sql`` file each, values bound by ``$name``, never formatted in.

The pages' queries are ``queries/*.sql``; the build's, which a load or an upgrade runs, ``queries/build/``
(named ``build/<name>``). A build query written for any table says ``{table}``, and the table it is run
for must be one of the schema's (``db.TABLE_ORDER``): no name from a file or a URL is ever spliced in.
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
from equity.db import TABLE_ORDER, cursor

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"

# Comments and string literals may hold "$word" that is not a parameter; strip them first.
_COMMENTS_AND_STRINGS = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'", re.S)
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"(?:build/)?[a-z0-9_]+")
TABLE = "{table}"  # where a build query written for any table names it


class QueryError(Exception):
    """A query was asked for by a name that does not exist, or with the wrong parameters."""


def names(folder: str = "") -> list[str]:
    """The pages' queries (with the generated templates), or with ``folder="build"`` the build's (as
    ``build/<name>``)."""
    if folder:
        return sorted(f"{folder}/{p.stem}" for p in (QUERY_DIR / folder).glob("*.sql"))
    return sorted({p.stem for p in QUERY_DIR.glob("*.sql")} | set(schema.QUERIES))


@cache
def sql(name: str) -> str:
    if name in schema.QUERIES:
        return schema.QUERIES[name]
    path = QUERY_DIR / f"{name}.sql"
    if not _NAME.fullmatch(name) or not path.is_file():
        raise QueryError(f"No query named {name!r} in {QUERY_DIR}")
    return path.read_text()


@cache
def parameters(name: str) -> frozenset[str]:
    """The ``$names`` a query declares, so callers can be checked to pass exactly those."""
    return frozenset(_PARAM.findall(_COMMENTS_AND_STRINGS.sub("", sql(name))))


def _checked(name: str, params: dict | None) -> dict:
    params = dict(params or {})
    expected = parameters(name)
    if set(params) != expected:
        missing = sorted(expected - set(params))
        extra = sorted(set(params) - expected)
        raise QueryError(f"Query {name!r}: missing parameters {missing}, unexpected {extra}")
    return params


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pd.DataFrame:
    """Run query ``name`` on a cursor of its own with exactly its declared parameters bound."""
    params = _checked(name, params)
    with cursor(con) as cur:
        return cur.execute(sql(name), params or None).df()


def execute(
    con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None, *, table: str | None = None
) -> duckdb.DuckDBPyConnection:
    """Run build query ``name`` on the build's own connection (whose registered frames and ATTACHed
    databases a cursor would not see), with exactly its declared parameters bound; ``table`` for a query
    written for any table, one of db.TABLE_ORDER. Returns the connection, to fetch from."""
    params = _checked(name, params)
    text = sql(name)
    if (TABLE in text) != (table is not None) or (table is not None and table not in TABLE_ORDER):
        raise QueryError(f"Query {name!r}: run for table {table!r}; expected one of the schema's tables")
    return con.execute(text.replace(TABLE, table or ""), params or None)
