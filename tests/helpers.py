"""Small helpers the ingest tests share: write a fixture file, read a table of a built database."""

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
