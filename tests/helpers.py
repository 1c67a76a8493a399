"""Small helpers the tests share: write a fixture file, read a table of a built database, the tables a
page draws (without the charts' own tables)."""

from pathlib import Path

import pandas as pd

from equity import db


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """A fixture file with exactly these bytes (no newline translation), in ``encoding``."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def table(path: Path, sql: str, params=None) -> pd.DataFrame:
    """A query's result on the database at ``path``, through the dashboard's read-only connection."""
    con = db.connect_read_only(path)
    try:
        with db.cursor(con) as cur:
            return cur.execute(sql, params or []).df()
    finally:
        con.close()


def page_tables(at) -> list:
    """The tables an AppTest run drew, less each chart's data as a table (ui.chart_table) under it."""
    from equity import text

    inner = {id(t) for e in at.get("expander") if str(e.label) == text.CHART_TABLE for t in e.get("table")}
    return [t for t in at.table if id(t) not in inner]


def page_views(page: str) -> list[dict]:
    """The URL values that together show the whole of a page: one per part where it shows one part at a
    time (its view's PARTS), else the page as it opens."""
    from equity.views import partnerships, programs

    parts = {"pages/partnerships.py": partnerships.PARTS, "pages/programs.py": programs.PARTS}
    return [{"part": p} for p in parts[page]] if page in parts else [{}]
