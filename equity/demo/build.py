"""Building the demo database: every table drawn, written into a new file, checked, swapped in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from equity import db, privacy
from equity.db import build_atomically
from equity.demo.coalition import coalition_tables, link_story, voice_tables
from equity.demo.engagement import engagement_tables
from equity.demo.geography import area_table, draw_geography
from equity.demo.health import health_tables
from equity.demo.impact import impact_tables
from equity.demo.indicators import (
    AGE_ADJUSTED,
    indicator_table,
    indicator_values,
    national_values,
    source_table,
)
from equity.demo.lessons import lesson_tables
from equity.demo.people import draw_people
from equity.demo.programs import plan_programs, program_tables
from equity.demo.reach import miss_high_need
from equity.demo.scenario import AS_OF, NATION_NAME, REGION_NAME
from equity.demo.stories import story_tables
from equity.demo.voice import participant_tables

GENERATOR = "equity.demo"
TABLE_ORDER = tuple(t for t in db.TABLE_ORDER if t != "join_report")  # the demo loads no files
SQL_DIR = Path(__file__).resolve().parent / "sql"  # the statements this module runs, one file each


def build_demo(
    path: Path,
    seed: int = 2026,
    n_tracts: int = 240,
    progress: Callable[[float, str], None] | None = None,
    min_count: int = privacy.DEFAULT_MIN_COUNT,
) -> dict[str, int]:
    """Build the fictional demo database at ``path`` and return the number of rows in each table.

    Counts below ``min_count`` (and any value from which one could be worked out) are withheld.
    """
    if n_tracts < 30:
        raise ValueError("n_tracts must be at least 30 so every county and program has tracts")

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    # One independent stream per part, so changing one part leaves the others' draws alone.
    rng_geo, rng_people, rng_programs, rng_values, rng_results, rng_coalition, rng_voices = (
        np.random.default_rng(seed).spawn(7)
    )
    report(0.0, "Drawing areas")
    geo = draw_geography(rng_geo, n_tracts)
    report(0.15, "Placing people")
    tracts, cells = draw_people(rng_people, geo)
    report(0.25, "Placing programs")
    plans = plan_programs(rng_programs, tracts, geo)
    report(0.35, "Computing indicators")
    values = indicator_values(rng_values, tracts, cells, plans)
    report(0.6, "Adding program results and reach")
    programs = program_tables(rng_results, tracts, plans)
    programs["program_reach"] = miss_high_need(programs["program_reach"], tracts)  # a reach story
    report(0.7, "Adding partners and commitments")
    coalition = coalition_tables(rng_coalition)
    report(0.75, "Adding community input")
    voices = voice_tables(rng_voices)
    link_story(coalition, voices)

    areas = area_table(geo, tracts)
    tables = {
        "meta": _meta(seed, n_tracts, min_count),
        "sources": source_table(values),
        "areas": areas,
        "indicators": indicator_table(),
        "indicator_values": values,
        "national_values": national_values(values, seed),
        "withheld": privacy.withheld(
            values,
            areas.set_index("area_id")["parent_id"],
            min_count,
            companions={aa: base for base, aa in AGE_ADJUSTED.items()},
        ),
        **programs,
        **coalition,
        **voices,
        **impact_tables(programs),
        **engagement_tables(np.random.default_rng([seed, 12]), programs["programs"]),
        **health_tables(seed),  # partnership health: self-assessment rounds and partner ties
        **participant_tables(voices["community_input"]),
        **lesson_tables(),
        **story_tables(),  # meeting mode's stored story
    }
    report(0.8, "Writing database")
    counts: dict[str, int] = {}
    build_atomically(
        Path(path),
        fill=lambda con: _fill(con, tables),
        check=lambda con: counts.update(_check(con, tables)),
    )
    report(1.0, "Done")
    return counts


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text()


def _fill(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    for name in TABLE_ORDER:  # the one name spliced into SQL, so only ever one of db.TABLE_ORDER
        # DuckDB scans an Arrow table faster than the same DataFrame (the same rows arrive).
        con.register("demo_frame", pa.Table.from_pandas(tables[name], preserve_index=False))
        try:
            con.execute(_sql("insert_frame").format(table=name))
        finally:
            con.unregister("demo_frame")


def _check(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Every table arrived whole, and the view the pages read works."""
    counts = {name: con.execute(_sql("table_rows"), {"table": name}).fetchone()[0] for name in TABLE_ORDER}
    wrong = {name: (n, len(tables[name])) for name, n in counts.items() if n != len(tables[name])}
    if wrong:
        raise RuntimeError(f"demo tables have the wrong number of rows (found, expected): {wrong}")
    twice = db.duplicate_value(con)
    if twice:
        raise RuntimeError(f"demo indicator values hold a key twice: {twice}")
    published = con.execute(_sql("published_rows")).fetchone()[0]
    if published != counts["indicator_values"] + counts["national_values"]:
        raise RuntimeError("published_values does not show every indicator value")
    return counts


def _meta(seed: int, n_tracts: int, min_count: int) -> pd.DataFrame:
    rows = {
        "is_demo": "true",
        "region_name": REGION_NAME,
        "as_of": AS_OF.isoformat(),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seed": str(seed),
        "n_tracts": str(n_tracts),
        "generator": GENERATOR,
        "min_count": str(min_count),
        "nation_name": NATION_NAME,
    }
    return pd.DataFrame({"key": list(rows), "value": list(rows.values())})
