"""The database's tables as Python reads them: data/schema.sql, run once at import in an in-memory DuckDB.

data/schema.sql is the one declaration of every table: its name, its columns in order, their types,
which may be empty, the primary key, the references between tables, the allowed values of coded columns
(``CHECK (kind IN (...))``) and the ranges of numbers (``CHECK (lat BETWEEN -90 AND 90)``). The SQL has
to exist (it creates the database), DuckDB checks it, and its catalog gives all of that back; a Python
declaration would have had to generate DDL with every type, constraint and comment, or be kept in step
with it by hand. So this module reads the schema and restates none of it.

What SQL cannot say is added in ``_ORG`` below, keyed by the schema's names and checked against them at
import: which tables are the organisation's own (loaded by ``python -m equity ingest org``), the label
the Data & methods page gives each, the order its template's rows come in where that is not its primary
key, the INTEGER columns that hold a year, and the schema's view through which viewers read a table
that counts people (small counts withheld).

From these come ``TABLE_ORDER`` (every table, in the order the schema creates them, which lets each
reference find its row), ``ORG_TABLES`` (each organisation table's columns as the loader checks them)
and ``QUERIES``: for each organisation table ``org_template_<table>``, what a viewer may download, and
``org_export_<table>``, the editor's raw copy. Only names read from the schema, checked as plain
identifiers, are spliced into their SQL; no query takes a value from outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

PATH = Path(__file__).resolve().parent.parent / "data" / "schema.sql"


@dataclass(frozen=True)
class Col:
    name: str
    type: str = "text"  # text, date, float, int, year, bool
    required: bool = True
    allowed: tuple[str, ...] = ()
    ref: tuple[str, str] | None = None  # (table, column) it refers to
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Table:
    key: tuple[str, ...]
    columns: tuple[Col, ...]
    label: str = ""  # as the Data & methods page names its template
    order: tuple[str, ...] = ()  # the template's row order
    published: str | None = None  # the view viewers read it through, if it has one

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass(frozen=True)
class _Org:
    label: str
    order: tuple[str, ...] = ()  # the template's row order, where it is not the primary key
    years: tuple[str, ...] = ()  # INTEGER columns holding a year
    published: str | None = None  # the schema's view through which viewers read it, small counts withheld


# The organisation's own tables, in any order (the schema's is used), with what SQL cannot say of them.
_ORG = {
    "partners": _Org("Partners"),
    "programs": _Org("Programs", order=("start_date", "program_id")),
    "program_sites": _Org("Program sites", order=("program_id", "site_id")),
    "program_metrics": _Org("Program metrics", order=("program_id", "metric_id")),
    "program_results": _Org("Program results (one row per metric and month)", published="published_results"),
    "program_reach": _Org(
        "Program reach (people served by home area and year)",
        order=("program_id", "period", "area_id", "group_dim", "group_label"),
        years=("period",),
        published="published_reach",
    ),
    "partner_roles": _Org("Partner roles and decision authority"),
    "commitments": _Org("Commitments (who promised what, to whom, by when)"),
    "commitment_changes": _Org("Commitment history (each earlier due date and status)"),
    "community_input": _Org("Community input", published="published_community_input"),
    "actions": _Org("Actions taken on community input"),
    "contributions": _Org(
        "Contributions (resources pooled by partner, program and year)",
        order=("year", "partner_id", "contribution_id"),
        years=("year",),
    ),
    "program_indicators": _Org("Program aims (the indicators each program means to move)"),
    "program_changes": _Org("Program changes (dated changes to compare results before and after)"),
    # Engagement (equity/engagement.py): who took part in each stage, meetings, capacity, milestones.
    "engagement_stages": _Org(
        "Engagement by stage (community members who took part in each stage of each program)",
        published="published_engagement_stages",
    ),
    "engagement_partners": _Org("Engagement by stage: the partners who took part"),
    "meeting_bodies": _Org("Meeting bodies and the cadence agreed for each"),
    "meetings": _Org(
        "Meetings (date, body, community members present, decisions)",
        order=("held_on", "meeting_id"),
        published="published_meetings",
    ),
    "meeting_attendance": _Org("Meeting attendance (partners present at each meeting)"),
    "trainings": _Org(
        "Capacity building (trainings and support given to community partners)",
        order=("held_on", "training_id"),
        published="published_trainings",
    ),
    "milestones": _Org("Milestones reached", order=("reached_on", "milestone_id")),
    # Partnership health (equity/health.py): a published instrument's items, the rounds partners were
    # asked in, their ratings (viewers get the header alone: published_survey_sections sums them up), and
    # the ties partners report.
    "survey_items": _Org(
        "Partnership self-assessment items (instrument, section, scale)",
        order=("instrument", "section", "item_id"),
    ),
    "survey_rounds": _Org("Survey rounds", order=("opened_on", "round_id")),
    "survey_responses": _Org(
        "Self-assessment ratings (one row per respondent, round and item; no names)",
        published="published_survey_responses",
    ),
    "partner_ties": _Org("Partner ties reported (who works with whom, trust and value)"),
    "input_participants": _Org(
        "Who took part in community input, by group", published="published_input_participants"
    ),
    "lessons": _Org("Lessons learned", order=("date", "lesson_id")),
    "stories": _Org("Stories (meeting mode: slides, one idea on each)"),
    "story_slides": _Org("Story slides (each story's views, in order, with speaker notes)"),
}

_TYPES = {"VARCHAR": "text", "DATE": "date", "DOUBLE": "float", "INTEGER": "int", "BIGINT": "int"}
_TYPES["BOOLEAN"] = "bool"
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_NUMBER = r"(-?\d+(?:\.\d+)?)"
# The CHECK constraints an organisation table may have, as DuckDB writes them back.
_IN = re.compile(r'CHECK\(\("?(\w+)"? IN \((.*)\)\)\)')
_AT_LEAST = re.compile(rf'CHECK\(\("?(\w+)"? >= {_NUMBER}\)\)')
_BETWEEN = re.compile(rf'CHECK\(\("?(\w+)"? BETWEEN {_NUMBER} AND {_NUMBER}\)\)')


def _name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"{PATH}: {name!r} is not a plain lower-case name, so it cannot be spliced into SQL")
    return name


def _read() -> tuple[tuple[str, ...], frozenset[str], dict[str, Table]]:
    con = duckdb.connect(":memory:")
    try:
        con.execute(PATH.read_text())
        rows = con.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_oid").fetchall()
        tables = tuple(_name(t) for (t,) in rows)
        views = frozenset(
            v for (v,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        )
        unknown = sorted(set(_ORG) - set(tables))
        if unknown:
            raise ValueError(f"equity/schema.py names organisation tables {PATH} lacks: {unknown}")
        columns = con.execute(
            "SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() "
            "ORDER BY table_oid, column_index"
        ).fetchall()
        constraints = con.execute(
            "SELECT table_name, constraint_type, constraint_column_names, constraint_text, referenced_table, "
            "referenced_column_names FROM duckdb_constraints() WHERE constraint_type <> 'NOT NULL'"
        ).fetchall()
    finally:
        con.close()
    org = {
        t: _table(
            t,
            _ORG[t],
            views,
            [c[1:] for c in columns if c[0] == t],
            [c[1:] for c in constraints if c[0] == t],
        )
        for t in tables
        if t in _ORG
    }
    return tables, views, org


def _table(table: str, extra: _Org, views: frozenset[str], columns: list, constraints: list) -> Table:
    key: tuple[str, ...] = ()
    about: dict[str, dict] = {_name(c): {} for c, _, _ in columns}
    for kind, cols, text, ref_table, ref_cols in constraints:
        if kind == "PRIMARY KEY":
            key = tuple(cols)
        elif kind == "FOREIGN KEY" and len(cols) == 1:
            about[cols[0]]["ref"] = (_name(ref_table), _name(ref_cols[0]))
        elif kind == "CHECK" and (m := _IN.fullmatch(text)):
            values = re.findall(r"'((?:[^']|'')*)'", m[2])
            about[m[1]]["allowed"] = tuple(v.replace("''", "'") for v in values)
        elif kind == "CHECK" and (m := _AT_LEAST.fullmatch(text)):
            about[m[1]]["low"] = float(m[2])
        elif kind == "CHECK" and (m := _BETWEEN.fullmatch(text)):
            about[m[1]].update(low=float(m[2]), high=float(m[3]))
        else:
            raise ValueError(f"{PATH}: {table} has a constraint equity/schema.py does not read: {text}")
    if not key:
        raise ValueError(f"{PATH}: the organisation table {table} needs a primary key")
    cols = []
    for name, sql_type, nullable in columns:
        if sql_type not in _TYPES:
            raise ValueError(f"{PATH}: {table}.{name} is {sql_type}, a type equity/schema.py does not read")
        kind = "year" if name in extra.years else _TYPES[sql_type]
        cols.append(Col(name, kind, required=not nullable, **about[name]))
    names = {c.name for c in cols}
    stray = sorted(set(extra.order) - names) + sorted(set(extra.years) - names)
    if stray:
        raise ValueError(f"equity/schema.py names columns {table} lacks in {PATH}: {stray}")
    if extra.published is not None and extra.published not in views:
        raise ValueError(f"equity/schema.py reads {table} through a view {PATH} lacks: {extra.published}")
    return Table(key, tuple(cols), extra.label, extra.order or key, extra.published)


TABLE_ORDER, VIEWS, ORG_TABLES = _read()


def _select(table: str, source: str) -> str:
    spec = ORG_TABLES[table]
    return f"SELECT {', '.join(spec.names)}\nFROM {source}\nORDER BY {', '.join(spec.order)}\n"


# For each organisation table: its template as a viewer may download it (through its published view,
# where it has one, so small counts are withheld as the pages withhold them), and the editor's raw copy
# (`python -m equity export org`, small counts included; never offered to viewers).
QUERIES = {
    **{
        f"org_template_{t}": f"-- Template for {t}.csv as viewers may download it (equity/schema.py).\n"
        + _select(t, spec.published or t)
        for t, spec in ORG_TABLES.items()
    },
    **{
        f"org_export_{t}": f"-- The raw {t} table for editors (equity/schema.py), never offered to viewers.\n"
        + _select(t, t)
        for t in ORG_TABLES
    },
}

__all__ = ["ORG_TABLES", "PATH", "QUERIES", "TABLE_ORDER", "VIEWS", "Col", "Table"]
