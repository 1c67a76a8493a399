"""Loading the organisation's own tables (kind ``org``): a round trip through the templates, clear errors."""

import importlib.util
import json

import pandas as pd
import pytest
import shapely

from equity import db, queries
from equity.ingest import IngestError, ingest
from equity.ingest.org import TABLES
from tests.test_pages import run_page


def export_templates(source, folder):
    """Every organisation table of ``source`` as ``<table>.csv`` through its template query."""
    folder.mkdir(exist_ok=True)
    con = db.connect_read_only(source)
    try:
        for table in TABLES:
            queries.run(con, f"org_template_{table}").to_csv(folder / f"{table}.csv", index=False)
    finally:
        con.close()
    return {t: folder / f"{t}.csv" for t in TABLES}


def demo_tracts_geojson(source, path):
    """The demo's tracts as a boundaries file: its '99…' ids, so the demo's areas come back on load."""
    con = db.connect_read_only(source)
    with db.cursor(con) as cur:
        tracts = cur.execute("SELECT area_id, geometry FROM areas WHERE level = 'tract'").df()
    con.close()
    features = [
        {
            "type": "Feature",
            "properties": {"GEOID": r.area_id, "NAME": r.area_id[-6:]},
            "geometry": shapely.geometry.mapping(shapely.from_wkb(bytes(r.geometry))),
        }
        for r in tracts.itertuples()
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.fixture(scope="module")
def org_loaded(demo_db, tmp_path_factory):
    """A copy of the demo replaced by its own tracts (counties made from them) and its own org tables."""
    folder = tmp_path_factory.mktemp("org")
    path = folder / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    ingest(path, "boundaries", [demo_tracts_geojson(demo_db, folder / "tracts.json")])
    csvs = export_templates(demo_db, folder / "templates")
    ingest(path, "org", list(csvs.values()))
    return path, csvs


@pytest.fixture
def loaded(org_loaded, tmp_path):
    path = tmp_path / "equity.duckdb"
    path.write_bytes(org_loaded[0].read_bytes())
    return path


def counts(path):
    con = db.connect_read_only(path)
    with db.cursor(con) as cur:
        out = {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    con.close()
    return out


def test_columns_are_the_schemas(schema_only_db):
    con = db.connect_read_only(schema_only_db)
    with db.cursor(con) as cur:
        for table, spec in TABLES.items():
            columns = [r[0] for r in cur.execute(f"DESCRIBE {table}").fetchall()]
            assert spec.names == columns, table
    con.close()


def test_round_trip_through_the_templates(org_loaded, demo_db):
    path, _ = org_loaded
    assert counts(path) == counts(demo_db)
    con = db.connect_read_only(path)
    meta = dict(queries.run(con, "meta").itertuples(index=False))
    assert meta["is_demo"] == "false"
    for table in TABLES:  # every row and value survives, in the template's form
        demo = db.connect_read_only(demo_db)
        before = queries.run(demo, f"org_template_{table}")
        demo.close()
        after = queries.run(con, f"org_template_{table}")
        pd.testing.assert_frame_equal(after, before, check_dtype=False, obj=table)
    programs = queries.run(con, "programs").set_index("program_id")
    assert programs.loc["chc", "lead_partner"] == "Cedar Valley Community Clinics"
    metrics = queries.run(con, "org_template_program_metrics").set_index("metric_id")
    assert bool(metrics.loc["chc_patients", "higher_is_better"]) is True
    sources = queries.run(con, "sources").set_index("source_id")
    assert sources.loc["org", "name"] == "Your organisation's tables"
    con.close()


def test_one_table_replaces_only_its_copy(loaded, tmp_path):
    before = counts(loaded)
    partners = tmp_path / "partners.csv"
    con = db.connect_read_only(loaded)
    df = queries.run(con, "org_template_partners")
    con.close()
    df.loc[df["partner_id"] == "riverbend_health", "name"] = "Riverbend Health"
    df.to_csv(partners, index=False)
    ingest(loaded, "org", [partners])
    assert counts(loaded) == before
    con = db.connect_read_only(loaded)
    names = queries.run(con, "org_template_partners").set_index("partner_id")["name"]
    con.close()
    assert names["riverbend_health"] == "Riverbend Health"


def test_loading_into_the_demo_needs_every_table_referred_to(demo_db, tmp_path):
    copy = tmp_path / "equity.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    before = copy.read_bytes()
    csvs = export_templates(demo_db, tmp_path / "t")
    with pytest.raises(
        IngestError, match=r"programs\.csv, row 2.*unknown partner.*demo database is replaced"
    ):
        ingest(copy, "org", [csvs["programs"]])
    assert copy.read_bytes() == before
    ingest(copy, "org", [csvs["partners"], csvs["programs"]])  # no areas needed by these two
    assert counts(copy)["programs"] == 6 and counts(copy)["program_sites"] == 0


def edit(csvs, table, tmp_path, change):
    df = pd.read_csv(csvs[table], dtype=str, keep_default_na=False)
    df = change(df)
    path = tmp_path / f"{table}.csv"
    df.to_csv(path, index=False)
    return path


HOSTILE = {
    "unknown table": (
        "budget",
        lambda df: df,
        r"budget\.csv: unknown table 'budget'.*expected one of partners, programs",
    ),
    "missing column": (
        "programs",
        lambda df: df.drop(columns="start_date"),
        r"programs\.csv: missing column\(s\) start_date",
    ),
    "extra column": (
        "programs",
        lambda df: df.assign(budget="1000"),
        r"programs\.csv: unknown column\(s\) budget",
    ),
    "unknown partner kind": (
        "partners",
        lambda df: df.assign(kind=df["kind"].where(df.index != 2, "hospital")),
        r"partners\.csv, row 4, column 'kind': not one of the allowed values \(found 'hospital'\); "
        r"expected health_system, community_organization",
    ),
    "duplicate program": (
        "programs",
        lambda df: pd.concat([df, df.iloc[[0]]], ignore_index=True),
        r"programs\.csv, row 8, column 'program_id': rows 2 and 8 have the same program_id "
        r"\(found '[a-z_]+'\)",
    ),
    "unknown lead partner": (
        "programs",
        lambda df: df.assign(lead_partner_id=df["lead_partner_id"].where(df.index != 1, "nobody")),
        r"programs\.csv, row 3, column 'lead_partner_id': unknown partner \(found 'nobody'\); "
        r"expected a partner_id of the database's partners",
    ),
    "bad date": (
        "commitments",
        lambda df: df.assign(due_date=df["due_date"].where(df.index != 0, "12/01/2024")),
        r"commitments\.csv, row 2, column 'due_date': not a date \(found '12/01/2024'\); expected a date as "
        r"YYYY-MM-DD",
    ),
    "bad boolean": (
        "program_metrics",
        lambda df: df.assign(higher_is_better="maybe"),
        r"program_metrics\.csv, row 2, column 'higher_is_better': not true or false",
    ),
    "negative people": (
        "program_reach",
        lambda df: df.assign(people=df["people"].where(df.index != 5, "-3")),
        r"program_reach\.csv, row 7, column 'people': out of range",
    ),
    "unknown area": (
        "program_sites",
        lambda df: df.assign(area_id=df["area_id"].where(df.index != 0, "44001010100")),
        r"program_sites\.csv, row 2, column 'area_id': unknown area .*load boundaries first.*or empty",
    ),
    "missing required value": (
        "actions",
        lambda df: df.assign(description=df["description"].where(df.index != 3, "")),
        r"actions\.csv, row 5, column 'description': a required value is missing",
    ),
    "partner still used by kept tables": (
        "partners",
        lambda df: df[df["partner_id"] != "cedar_valley_clinics"],
        r"partners\.csv, column 'partner_id': the database's programs .* still refer to the partner_id shown"
        r".*\(found 'cedar_valley_clinics'\); expected every partner_id the kept programs use",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_get_a_clear_error_and_change_nothing(loaded, org_loaded, tmp_path, case):
    table, change, message = HOSTILE[case]
    csvs = {**org_loaded[1], "budget": org_loaded[1]["partners"]}
    bad = edit(csvs, table, tmp_path, change)
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=message) as err:
        ingest(loaded, "org", [bad])
    assert "Nothing was changed" in str(err.value)
    assert loaded.read_bytes() == before
    assert [p.name for p in loaded.parent.iterdir() if ".tmp" in p.name] == []


def test_references_are_checked_between_the_tables_given(loaded, org_loaded, tmp_path):
    csvs = org_loaded[1]
    before = loaded.read_bytes()
    partners = edit(csvs, "partners", tmp_path, lambda df: df[df["partner_id"] != "riverbend_health"])
    with pytest.raises(
        IngestError, match=r"programs\.csv, row \d+, .*expected a partner_id listed in partners\.csv"
    ):
        ingest(loaded, "org", [partners, csvs["programs"], csvs["partner_roles"]])
    assert loaded.read_bytes() == before


@pytest.mark.skipif(importlib.util.find_spec("openpyxl") is not None, reason="openpyxl is installed")
def test_excel_without_openpyxl_says_to_save_as_csv(loaded, tmp_path):
    book = tmp_path / "coalition.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a workbook")
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=r"coalition\.xlsx: .*openpyxl.*each sheet saved as CSV"):
        ingest(loaded, "org", [book])
    assert loaded.read_bytes() == before


def test_methods_page_offers_the_templates(demo_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(demo_db))
    at = run_page("pages/methods.py")
    assert not at.exception, at.exception
    labels = [b.label for b in at.get("download_button")]
    for table in TABLES:
        assert any(label.endswith(f"{table}.csv") for label in labels), table
    assert "Templates for your own data" in [s.value for s in at.subheader]
    assert any("python -m equity ingest org" in m.value for m in at.markdown)
