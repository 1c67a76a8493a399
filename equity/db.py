"""Database access: where the file is, how a new one is built and swapped in, and read-only use.

The dashboard never writes the file it has open. A build writes a new file beside the target,
checks it, and moves it into place with ``os.replace``; readers holding the old file keep reading
it, and the next connection (keyed by the file's identity) sees the new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from equity import schema

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "equity.duckdb"
SCHEMA = schema.PATH

REQUIRED_TABLES = ("meta", "sources", "areas", "indicators", "indicator_values")
# The views and macros through which every query reads what may be shown, and which area lies in which
# region (data/schema.sql): a file built before one of them existed is refused with a way to upgrade it,
# never read around them.
REQUIRED_VIEWS = (
    "published_values",
    "published_reach",
    "published_reach_groups",  # reach by group (equity.reach)
    "published_results",
    "published_community_input",
    "published_input_participants",
    "area_regions",
    "published_engagement_stages",  # engagement (equity/engagement.py)
    "published_meetings",
    "published_trainings",
    "published_survey_sections",  # partnership health: section scores, never a person's ratings
)
REQUIRED_MACROS = ("min_count", "is_small")
# Columns (and, by a column of theirs, tables) added since the first release, which pages read.
REQUIRED_COLUMNS = (
    ("sources", "notes"),
    ("commitments", "accountable_to"),  # to whom a commitment is owed
    ("commitments", "to_partner_id"),
    ("commitment_changes", "was_due_date"),  # a commitment's earlier promises
    ("actions", "commitment_id"),  # the promise an action makes to the community
    ("contributions", "amount"),  # resources pooled
    ("program_indicators", "indicator_id"),  # what each program aims to move (equity/impact.py)
    ("program_changes", "changed_on"),  # dated changes its monthly results are compared around
    # Engagement (equity/engagement.py): stages, meetings, capacity building, milestones.
    ("engagement_stages", "community_members"),
    ("engagement_partners", "partner_id"),
    ("meeting_bodies", "every_n"),
    ("meetings", "held_on"),
    ("meeting_attendance", "partner_id"),
    ("trainings", "participants"),
    ("milestones", "reached_on"),
    ("survey_responses", "rating"),  # partnership health: the self-assessment and the partner network
    ("partner_ties", "trust"),
    ("input_participants", "participants"),  # who was heard, by group
    ("lessons", "what_was_tried"),  # lessons learned
    ("story_slides", "notes"),  # meeting mode's stories
)
NATION_ID = "US"  # the nation's area id in published_values and in loaded files
# Every table in data/schema.sql, in the order it creates them, which lets each foreign key find its row
# when filled; and of them the organisation's own (equity/schema.py reads both from the schema).
TABLE_ORDER = schema.TABLE_ORDER
ORG_TABLES = tuple(schema.ORG_TABLES)


class DatabaseError(Exception):
    """The database is missing, empty or not an Equity Dashboard database; the message says what to do."""


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database file: an explicit path, else ``$EQUITY_DB``, else ``data/equity.duckdb``."""
    chosen = explicit or os.environ.get("EQUITY_DB") or DEFAULT_DB
    return Path(chosen).expanduser().resolve()


@dataclass(frozen=True)
class Version:
    """Identity of one built file: a swap gives a new inode and mtime, so a new version."""

    path: str
    inode: int
    mtime_ns: int
    size: int


def version_of(path: Path) -> Version | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return Version(str(path), st.st_ino, st.st_mtime_ns, st.st_size)


def build_atomically(
    path: Path,
    fill: Callable[[duckdb.DuckDBPyConnection], None],
    check: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> None:
    """Create a fresh database with the schema, let ``fill`` write it, ``check`` it, then swap it in.

    On any exception the target file is left exactly as it was and the temporary file removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # The "building-" prefix names the new file's catalog (DuckDB takes it from the name up to its first
    # dot) apart from the aliases a build ATTACHes (old, src): a database called old.duckdb must build.
    fd, tmp_name = tempfile.mkstemp(prefix=f"building-{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        con = duckdb.connect(str(tmp), config=BUILD_SETTINGS)
        try:
            con.execute(SCHEMA.read_text())
            fill(con)
            if check is not None:
                check(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        with contextlib.suppress(FileNotFoundError):
            Path(str(tmp) + ".wal").unlink()
        raise


# A build holds at most this much in DuckDB's memory and writes the rest to its file as it goes, so a
# national load stays within a small machine's memory beside the rows pandas holds.
BUILD_SETTINGS = {"memory_limit": "400MB", "preserve_insertion_order": False}


def duplicate_value(con: duckdb.DuckDBPyConnection) -> tuple | None:
    """The first key of indicator_values held twice, if any (the table's uniqueness, checked at build)."""
    from equity import queries  # here: queries reads through this module's cursor

    return queries.execute(con, "build/duplicate_value").fetchone()


def attach_read_only(con: duckdb.DuckDBPyConnection, path: Path, alias: str) -> None:
    """ATTACH the database at ``path`` read-only as ``alias``: ``db`` for the dashboard's connection,
    ``old`` for the database a build copies. ATTACH cannot bind its path, so it is quoted here; the
    path comes from configuration or the command line, never from a URL."""
    if alias not in ("db", "old"):
        raise ValueError(f"unexpected alias {alias!r}")
    con.execute("ATTACH '{}' AS {} (READ_ONLY)".format(str(path).replace("'", "''"), alias))


def tables(cur: duckdb.DuckDBPyConnection) -> set[str]:
    """The tables of the database attached as ``db``."""
    rows = cur.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'db'").fetchall()
    return {r[0] for r in rows}


READ_ONLY_SETTINGS = {
    "threads": 2,
    "memory_limit": "1GB",
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


def connect_read_only(path: Path, current: bool = True) -> duckdb.DuckDBPyConnection:
    """A locked-down connection to ``path``: read-only, no file access, configuration frozen.

    ``current`` refuses a file built before the views and macros the pages read through existed;
    a build that copies such a file into the current schema passes False.

    The file is attached to a private in-memory instance rather than opened directly, because
    DuckDB caches instances by path: a direct reopen after a swap would return the old data.
    """
    if not path.exists():
        raise DatabaseError(f"No database at {path}. Run `python -m equity demo` to build the demo.")
    con = duckdb.connect(":memory:", config=READ_ONLY_SETTINGS)
    try:
        attach_read_only(con, path, "db")
    except duckdb.Error as exc:
        con.close()
        raise DatabaseError(f"{path} is not a readable DuckDB database ({exc}).") from exc
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    with cursor(con) as cur:
        present = tables(cur)
        missing = [t for t in REQUIRED_TABLES if t not in present]
        older: list[str] = []
        if current and not missing:
            views = {
                r[0]
                for r in cur.execute(
                    "SELECT view_name FROM duckdb_views() WHERE database_name = 'db'"
                ).fetchall()
            }
            macros = {
                r[0]
                for r in cur.execute(
                    "SELECT function_name FROM duckdb_functions() WHERE database_name = 'db'"
                ).fetchall()
            }
            older = [v for v in (*REQUIRED_VIEWS, *REQUIRED_MACROS) if v not in views | macros]
            columns = set(
                cur.execute(
                    "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = 'db'"
                ).fetchall()
            )
            older += [f"{t}.{c}" for t, c in REQUIRED_COLUMNS if (t, c) not in columns]
    if missing:
        con.close()
        raise DatabaseError(
            f"{path} is not an Equity Dashboard database (missing tables: {', '.join(missing)}). "
            "Build the demo with `python -m equity demo`, or point EQUITY_DB at a database built by it."
        )
    if older:
        con.close()
        raise DatabaseError(
            f"{path} was built by an earlier version of the dashboard (it lacks {', '.join(older)}, "
            "through which the pages read what may be shown and where). Rebuild it in place with "
            "`python -m equity upgrade`: your data is kept."
        )
    return con


@contextlib.contextmanager
def cursor(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own for each query: connections are not thread-safe, cursors are."""
    with con.cursor() as cur:
        cur.execute("USE db")
        yield cur
