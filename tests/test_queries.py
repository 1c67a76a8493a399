"""Every SQL file runs on a small real database with exactly the parameters it declares."""

import re

import duckdb
import pandas as pd
import pytest

from equity import db, queries
from equity.demo.stories import STORY_ID

# One realistic value for every parameter name any query declares.
SAMPLE = {
    "ind": "uninsured",
    "year": 2024,
    "reach_year": 2024,  # the year of a program's people served (program_reach), beside the need's
    "level": "tract",
    "region": "99",
    "group": "race_ethnicity",
    "area": "99001",
    "program": None,
    "as_of": "2025-06-30",
    "inds": ["poverty", "uninsured"],
    "table": "programs",
    "column": "program_id",
    "areas": ["99001", "99003"],  # a footprint's areas (two counties: sites and reach lie in them)
    "story": STORY_ID,  # the demo's stored story (meeting mode)
}


def _params(name, con):
    values = dict(SAMPLE)
    if "program" in queries.parameters(name):
        values["program"] = queries.run(con, "programs")["program_id"].iloc[0]
    return {k: values[k] for k in queries.parameters(name)}


def test_every_parameter_has_a_sample():
    declared = set().union(*(queries.parameters(n) for n in queries.names()))
    assert declared <= set(SAMPLE)


@pytest.mark.parametrize("name", queries.names())
def test_query_runs_with_its_declared_parameters(name, demo_con):
    df = queries.run(demo_con, name, _params(name, demo_con))
    assert len(df.columns) > 0
    # The demo loads no files, so it has no join report; a viewer's template of the self-assessment's
    # ratings is its header alone (each row is one person's rating).
    if name not in ("area_values", "join_report", "org_template_survey_responses"):
        assert len(df) > 0, f"{name} returned no rows on the demo database"


@pytest.mark.parametrize("name", [n for n in queries.names() if queries.parameters(n)])
def test_query_refuses_missing_or_extra_parameters(name, demo_con):
    params = _params(name, demo_con)
    with pytest.raises(queries.QueryError):
        queries.run(demo_con, name, {**params, "surplus": 1})
    with pytest.raises(queries.QueryError):
        queries.run(demo_con, name, dict(list(params.items())[1:]))


def test_parameters_ignore_comments_and_strings():
    assert queries.parameters("commitments") == {"as_of"}
    assert queries.parameters("meta") == frozenset()


def test_unknown_and_path_like_names_are_refused(demo_con):
    for name in ("nope", "../data/schema", "meta; drop"):
        with pytest.raises(queries.QueryError):
            queries.run(demo_con, name)


def test_hostile_values_are_bound_not_spliced(demo_con):
    df = queries.run(
        demo_con, "map_values", {"ind": "x' OR '1'='1", "year": 2024, "level": "tract", "region": "99"}
    )
    assert df.empty


def test_published_values_never_show_small_counts(demo_con):
    with db.cursor(demo_con) as cur:
        leaked = cur.execute(
            "SELECT count(*) FROM published_values WHERE numerator BETWEEN 1 AND 10 "
            "OR (flag = 'suppressed' AND (value IS NOT NULL OR ci_low IS NOT NULL))"
        ).fetchone()[0]
        withheld = cur.execute("SELECT count(*) FROM published_values WHERE flag = 'suppressed'").fetchone()[
            0
        ]
    assert leaked == 0
    assert withheld > 0


def test_connection_is_read_only_and_locked(demo_db):
    con = db.connect_read_only(demo_db)
    with db.cursor(con) as cur:
        for statement in (
            "CREATE TABLE x (i INT)",
            "DELETE FROM areas",
            "SET threads = 8",
            "SELECT * FROM read_csv('/etc/hostname')",
            "ATTACH '/tmp/other.duckdb' AS o",
        ):
            with pytest.raises(duckdb.Error):
                cur.execute(statement)
    con.close()


def test_not_a_dashboard_database_is_a_clear_error(empty_db, tmp_path):
    with pytest.raises(db.DatabaseError, match="missing tables"):
        db.connect_read_only(empty_db)
    with pytest.raises(db.DatabaseError, match="No database"):
        db.connect_read_only(tmp_path / "absent.duckdb")
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(db.DatabaseError, match="not a readable DuckDB database"):
        db.connect_read_only(junk)
    assert junk.read_bytes() == b"this is not a database" * 100


def test_swap_is_atomic_and_readers_see_new_data_after(demo_db, tmp_path):
    target = tmp_path / "swap.duckdb"
    db.build_atomically(target, lambda con: con.execute("INSERT INTO meta VALUES ('v', '1')"))
    old = db.connect_read_only(target)
    db.build_atomically(target, lambda con: con.execute("INSERT INTO meta VALUES ('v', '2')"))
    new = db.connect_read_only(target)
    assert queries.run(new, "meta").set_index("key").loc["v", "value"] == "2"
    assert queries.run(old, "meta").set_index("key").loc["v", "value"] == "1"  # in flight: still the old file
    before = target.read_bytes()

    def fail(con):
        con.execute("INSERT INTO meta VALUES ('v', '3')")
        raise ValueError("boom")

    with pytest.raises(ValueError):
        db.build_atomically(target, fail)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["swap.duckdb"]


# ---- small counts: no query a page or a viewer's download runs shows one -------------------------------

EDITOR_ONLY = {n for n in queries.names() if n.startswith("org_export_")}  # `python -m equity export org`
RAW_TABLES = ("indicator_values", "national_values", "program_reach", "program_results", "community_input")


def _every_variant(name, con):
    """The query's sample parameters, and for a query about one program, every program."""
    params = _params(name, con)
    if "program" not in params:
        return [params]
    return [{**params, "program": p} for p in queries.run(con, "programs")["program_id"]]


@pytest.mark.parametrize("threshold", [11, 20])
@pytest.mark.parametrize("name", sorted(set(queries.names()) - EDITOR_ONLY))
def test_no_query_shows_a_count_under_the_threshold(name, threshold, demo_db, demo_db_20):
    from equity.downloads import COUNT_COLUMNS

    con = db.connect_read_only(demo_db if threshold == 11 else demo_db_20)
    try:
        assert queries.run(con, "threshold")["min_count"].iloc[0] == threshold
        for params in _every_variant(name, con):
            df = queries.run(con, name, params)
            for column in set(COUNT_COLUMNS) & set(df.columns):
                counts = pd.to_numeric(df[column], errors="coerce")
                assert not counts.between(1, threshold - 1).any(), (name, column, params)
    finally:
        con.close()


@pytest.mark.parametrize("threshold", [11, 20])
@pytest.mark.parametrize("name", sorted(set(queries.names()) - EDITOR_ONLY))
def test_no_query_shows_a_small_monthly_count(name, threshold, demo_db, demo_db_20):
    """A program's monthly count (people seen, people enrolled, sessions held) from 1 to the threshold
    less one is withheld wherever a page or a viewer's download shows results; a percent is not a count."""
    con = db.connect_read_only(demo_db if threshold == 11 else demo_db_20)
    try:
        units = queries.run(con, "org_export_program_metrics").set_index("metric_id")["unit"]
        for params in _every_variant(name, con):
            df = queries.run(con, name, params)
            if not {"metric_id", "value"} <= set(df.columns):
                continue
            counted = df["metric_id"].map(units).ne("percent")
            assert not (counted & df["value"].between(1, threshold - 1)).any(), (name, params)
    finally:
        con.close()


def test_small_monthly_counts_are_withheld_not_dropped(demo_con):
    raw = queries.run(demo_con, "org_export_program_results")
    shown = queries.run(demo_con, "org_template_program_results")
    assert len(shown) == len(raw)
    units = queries.run(demo_con, "org_export_program_metrics").set_index("metric_id")["unit"]
    small = raw["value"].between(1, 10) & raw["metric_id"].map(units).eq("count")
    assert small.any()  # the demo has months with a handful of people enrolled
    assert shown.loc[small, "value"].isna().all()
    assert shown.loc[~small, "value"].equals(raw.loc[~small, "value"])
    assert shown["target"].equals(raw["target"])


@pytest.mark.parametrize("name", sorted(set(queries.names()) - EDITOR_ONLY))
def test_queries_read_values_and_counts_only_through_the_published_views(name, demo_con):
    """A query may read a raw table for what it holds (its years, its indicators, its size), never for a
    value or a count: those come through published_values, published_reach, published_community_input."""
    body = queries._COMMENTS_AND_STRINGS.sub("", queries.sql(name)).lower()
    if any(re.search(rf"\b(from|join)\s+{table}\b", body) for table in RAW_TABLES):
        columns = set(queries.run(demo_con, name, _params(name, demo_con)).columns)
        assert not columns & {
            "value",
            "ci_low",
            "ci_high",
            "people",
            "participants",
            "numerator",
            "denominator",
        }


def test_the_stricter_threshold_withholds_what_the_default_shows(demo_db, demo_db_20):
    """Built with --min-count 20, reach of 11 to 19 people and inputs of 11 to 19 participants, shown at
    the default, are withheld."""
    shown = {}
    for path in (demo_db, demo_db_20):
        con = db.connect_read_only(path)
        try:
            with db.cursor(con) as cur:
                shown[path] = cur.execute(
                    "SELECT (SELECT count(*) FROM published_reach WHERE people BETWEEN 11 AND 19), "
                    "(SELECT count(*) FROM published_community_input WHERE participants BETWEEN 11 AND 19), "
                    "(SELECT count(*) FROM published_reach WHERE few_people)"
                ).fetchone()
        finally:
            con.close()
    assert shown[demo_db][0] > 0 and shown[demo_db][1] > 0
    assert shown[demo_db_20][:2] == (0, 0)
    assert shown[demo_db_20][2] > shown[demo_db][2]


@pytest.mark.parametrize(
    ("missing", "drop"),
    [
        ("published_reach", "DROP VIEW published_reach"),
        ("published_results", "DROP VIEW published_results"),
        ("area_regions", "DROP VIEW area_regions"),
        ("sources.notes", "notes"),  # a column the sources had not yet: the file is built without it
    ],
)
def test_an_older_database_is_refused_with_the_way_to_upgrade_it(missing, drop, demo_db, tmp_path):
    """A file built before one of the views the pages read through existed (published_reach, or
    area_regions, without which every map query would fail), or a column they read (the sources'
    notes), is refused, and the upgrade gives it back."""
    import shutil

    from equity.ingest.build import upgrade

    old = tmp_path / "old.duckdb"  # named like the alias a build ATTACHes the current file as
    if drop.startswith("DROP"):
        shutil.copy(demo_db, old)
        con = duckdb.connect(str(old))
        con.execute(drop)
    else:  # the schema of before, filled with the demo's rows (a column cannot be dropped under keys)
        schema = db.SCHEMA.read_text()
        line = next(x for x in schema.splitlines() if x.strip().startswith(f"{drop} "))
        con = duckdb.connect(str(old))
        con.execute(
            schema.replace(line, "").replace(
                "imported_at TIMESTAMP NOT NULL,", "imported_at TIMESTAMP NOT NULL"
            )
        )
        con.execute(f"ATTACH '{demo_db}' AS demo (READ_ONLY)")
        for name in db.TABLE_ORDER:
            kept = f"* EXCLUDE ({drop})" if name == "sources" else "*"
            con.execute(f"INSERT INTO {name} BY NAME SELECT {kept} FROM demo.{name}")
    con.close()
    with pytest.raises(db.DatabaseError, match=rf"earlier version.*{missing}.*python -m equity upgrade"):
        db.connect_read_only(old)
    report = upgrade(old)
    con = db.connect_read_only(old)
    try:
        assert queries.run(con, "threshold")["min_count"].iloc[0] == 11
        assert len(queries.run(con, "org_template_program_reach")) > 0
        assert len(queries.run(con, "map_areas", {"level": "tract", "region": "99"})) > 0
        assert len(queries.run(con, "sources")) > 0
    finally:
        con.close()
    assert report.counts["program_reach"] > 0


# ---- the build's queries (queries/build/) ---------------------------------------------------------------


def test_build_queries_splice_only_the_schemas_tables():
    """A build query written for any table runs for one of db.TABLE_ORDER, never a name from elsewhere."""
    con = duckdb.connect()
    try:
        for table in ("areas; DROP TABLE meta", "old.areas", "nope"):
            with pytest.raises(queries.QueryError):
                queries.execute(con, "build/count", table=table)
        with pytest.raises(queries.QueryError):
            queries.execute(con, "build/count")  # written for any table: one must be named
        with pytest.raises(queries.QueryError):
            queries.execute(con, "build/area_ids", table="areas")  # written for one table
        with pytest.raises(queries.QueryError):
            queries.execute(con, "build/region_names")  # $level is not bound
    finally:
        con.close()


def test_every_build_query_is_run():
    """Each file of queries/build/ is named by the code that runs it (none is left behind by a change)."""
    from pathlib import Path

    code = "".join(p.read_text() for p in Path("equity").rglob("*.py"))
    assert queries.names("build")
    assert [n for n in queries.names("build") if f'"{n}"' not in code] == []


def test_the_area_merge_names_every_area_column():
    from equity.ingest.build import AREA_COLUMNS

    body = queries.sql("build/merge_given_areas")
    assert [c for c in AREA_COLUMNS if c != "area_id" and f"coalesce(n.{c}, o.{c}) AS {c}" not in body] == []
