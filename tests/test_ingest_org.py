"""Loading the organisation's own tables (kind ``org``): a round trip through the templates (CSV files or
one Excel workbook), emptied tables, clear errors."""

import datetime as dt
import hashlib
import json
import zipfile

import openpyxl
import pandas as pd
import pytest
import shapely

from equity import db, queries
from equity.ingest import IngestError, ingest, org
from equity.ingest.org import TABLES
from tests.test_pages import run_page, shown


def export_templates(source, folder):
    """Every organisation table of ``source`` as ``<table>.csv``, as an editor exports them (raw)."""
    folder.mkdir(exist_ok=True)
    con = db.connect_read_only(source)
    try:
        for table, df in org.template_frames(con, raw=True).items():
            df.to_csv(folder / f"{table}.csv", index=False)
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
def bounded(demo_db, tmp_path_factory):
    """A copy of the demo replaced by its own tracts (counties made from them): areas, no org tables."""
    folder = tmp_path_factory.mktemp("bounded")
    path = folder / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    ingest(path, "boundaries", [demo_tracts_geojson(demo_db, folder / "tracts.json")])
    return path


@pytest.fixture(scope="module")
def org_loaded(bounded, demo_db, tmp_path_factory):
    """The demo's tracts and its own org tables, loaded from the CSV templates."""
    folder = tmp_path_factory.mktemp("org")
    path = folder / "equity.duckdb"
    path.write_bytes(bounded.read_bytes())
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
        before = org.template_frames(demo, raw=True)[table]
        demo.close()
        after = org.template_frames(con, raw=True)[table]
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
    "unknown question": (
        "program_metrics",
        lambda df: df.assign(question=df["question"].where(df.index != 1, "better off")),
        r"program_metrics\.csv, row 3, column 'question': not one of the allowed values "
        r"\(found 'better off'\); expected better_off, how_well, how_much",
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
    "history with a status not allowed": (
        "commitment_changes",
        lambda df: df.assign(was_status=df["was_status"].where(df.index != 1, "finished")),
        r"commitment_changes\.csv, row 3, column 'was_status': not one of the allowed values \(found "
        r"'finished'\); expected done, in_progress, not_started, dropped",
    ),
    "history of a commitment that does not exist": (
        "commitment_changes",
        lambda df: df.assign(commitment_id=df["commitment_id"].where(df.index != 2, "c99")),
        r"commitment_changes\.csv, row 4, column 'commitment_id': unknown commitment \(found 'c99'\); "
        r"expected a commitment_id of the database's commitments, or load commitments\.csv with this file",
    ),
    "history dated with something not a date": (
        "commitment_changes",
        lambda df: df.assign(changed_on=df["changed_on"].where(df.index != 0, "March 2024")),
        r"commitment_changes\.csv, row 2, column 'changed_on': not a date \(found 'March 2024'\); expected a "
        r"date as YYYY-MM-DD",
    ),
    "history that records no change": (
        "commitment_changes",
        lambda df: df.assign(
            was_due_date=df["was_due_date"].where(df.index != 0, ""),
            was_status=df["was_status"].where(df.index != 0, ""),
        ),
        r"commitment_changes\.csv, row 2, column 'was_due_date': the row records no change; expected the due "
        r"date \(was_due_date\) or the status \(was_status\)",
    ),
    "history changed twice on one day": (
        "commitment_changes",
        lambda df: pd.concat([df, df.iloc[[0]]], ignore_index=True),
        r"commitment_changes\.csv, row \d+: rows 2 and \d+ have the same commitment_id and changed_on",
    ),
    "owed to a partner not named": (
        "commitments",
        lambda df: df.assign(accountable_to=df["accountable_to"].where(df.index != 0, "partner")),
        r"commitments\.csv, row 2, column 'to_partner_id': the commitment is owed to a partner "
        r"\(accountable_to is partner\) but does not say which",
    ),
    "owed to a partner and the community": (
        "commitments",
        lambda df: df.assign(
            accountable_to=df["accountable_to"].where(df.index != 0, "community"),
            to_partner_id=df["to_partner_id"].where(df.index != 0, "unidos"),
        ),
        r"commitments\.csv, row 2, column 'accountable_to': the commitment names a partner it is owed to "
        r"\(to_partner_id\), so it cannot be owed to the coalition or the community as well \(found "
        r"'community'\); expected partner, or empty",
    ),
    "a partner owing itself": (
        "commitments",
        lambda df: df.assign(
            accountable_to=df["accountable_to"].where(df.index != 0, "partner"),
            to_partner_id=df["to_partner_id"].where(df.index != 0, df["partner_id"]),
        ),
        r"commitments\.csv, row 2, column 'to_partner_id': a partner cannot owe a commitment to itself",
    ),
    "the coalition owing itself": (
        "commitments",
        lambda df: df.assign(partner_id=df["partner_id"].where(df.index != 0, "")),
        r"commitments\.csv, row 2, column 'partner_id': a commitment of the coalition as a whole \(no "
        r"partner_id\) must be owed to someone outside it",
    ),
    "owed to an unknown partner": (
        "commitments",
        lambda df: df.assign(to_partner_id=df["to_partner_id"].where(df.index != 3, "nobody")),
        r"commitments\.csv, row 5, column 'to_partner_id': unknown partner \(found 'nobody'\)",
    ),
    "owed to someone unknown": (
        "commitments",
        lambda df: df.assign(accountable_to=df["accountable_to"].where(df.index != 0, "the mayor")),
        r"commitments\.csv, row 2, column 'accountable_to': not one of the allowed values \(found 'the "
        r"mayor'\); expected coalition, community, partner",
    ),
    "an action making an unknown promise": (
        "actions",
        lambda df: df.assign(commitment_id=df["commitment_id"].where(df.index != 0, "c99")),
        r"actions\.csv, row 2, column 'commitment_id': unknown commitment \(found 'c99'\)",
    ),
    "a contribution of an unknown kind": (
        "contributions",
        lambda df: df.assign(kind=df["kind"].where(df.index != 0, "cash")),
        r"contributions\.csv, row 2, column 'kind': not one of the allowed values \(found 'cash'\); expected "
        r"funding, staff_hours, in_kind, space",
    ),
    "a negative contribution": (
        "contributions",
        lambda df: df.assign(amount=df["amount"].where(df.index != 1, "-500")),
        r"contributions\.csv, row 3, column 'amount': out of range \(found '-500'\); expected 0 or more",
    ),
    "a contribution in a year that is not a year": (
        "contributions",
        lambda df: df.assign(year=df["year"].where(df.index != 0, "FY24")),
        r"contributions\.csv, row 2, column 'year': not a year \(found 'FY24'\)",
    ),
    "commitments without one the kept history has": (
        "commitments",
        lambda df: df[df["commitment_id"] != "s01"],
        r"commitments\.csv, column 'commitment_id': the database's commitment_changes \(kept, as this load "
        r"has no commitment_changes table\) still refer to the commitment_id shown.*\(found 's01'\)",
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


def test_a_change_before_the_promise_was_made_is_refused(loaded, org_loaded, tmp_path):
    csvs = org_loaded[1]
    before = loaded.read_bytes()
    changes = edit(
        csvs,
        "commitment_changes",
        tmp_path,
        lambda df: df.assign(changed_on=df["changed_on"].where(df.index != 0, "2001-01-01")),
    )
    with pytest.raises(
        IngestError,
        match=r"commitment_changes\.csv, row 2, column 'changed_on': the change is dated before the "
        r"commitment was made \(found '2001-01-01'\); expected a date on or after the commitment's "
        r"made_on in commitments",
    ):
        ingest(loaded, "org", [csvs["commitments"], changes])
    assert loaded.read_bytes() == before


def test_references_are_checked_between_the_tables_given(loaded, org_loaded, tmp_path):
    csvs = org_loaded[1]
    before = loaded.read_bytes()
    partners = edit(csvs, "partners", tmp_path, lambda df: df[df["partner_id"] != "riverbend_health"])
    with pytest.raises(
        IngestError, match=r"programs\.csv, row \d+, .*expected a partner_id listed in partners\.csv"
    ):
        ingest(loaded, "org", [partners, csvs["programs"], csvs["partner_roles"]])
    assert loaded.read_bytes() == before


# ---- which question of results-based accountability a metric answers --------------------------------

# The question column of program_metrics.csv as typed (None: the column left out, as in files made before
# it existed), and what the database then holds for every metric.
QUESTION_CELLS = [
    ("better_off", "better_off"),
    ("how_well", "how_well"),
    ("how_much", "how_much"),
    ("How_Much", "how_much"),  # coded values are read in any case
    (" better_off ", "better_off"),
    ("", None),  # blank: not yet said
    (None, None),  # no column at all: an older file
]


@pytest.mark.parametrize(("typed", "held"), QUESTION_CELLS)
def test_a_metrics_question_is_optional_and_checked(loaded, org_loaded, tmp_path, typed, held):
    def change(df):
        return df.drop(columns="question") if typed is None else df.assign(question=typed)

    ingest(loaded, "org", [edit(org_loaded[1], "program_metrics", tmp_path, change)])
    con = db.connect_read_only(loaded)
    questions = queries.run(con, "org_template_program_metrics")["question"]
    con.close()
    assert len(questions) > 0
    assert questions.isna().all() if held is None else (questions == held).all()


def test_the_templates_say_the_question_is_optional(demo_db, monkeypatch):
    from equity import text

    assert "program_metrics" in text.templates_note(11) and "left blank" in text.templates_note(11)
    assert TABLES["program_metrics"].names[-1] == "question"
    question = TABLES["program_metrics"].columns[-1]
    assert (question.required, question.allowed) == (False, ("better_off", "how_well", "how_much"))
    monkeypatch.setenv("EQUITY_DB", str(demo_db))
    at = run_page("pages/methods.py")
    assert any("how_well (how well did we do it?)" in shown(c.value) for c in at.caption)


def without_question(source, path):
    """A copy of ``source`` as a database built before program_metrics had its question column (and
    before program results were read through published_results)."""
    import duckdb

    from equity import schema

    sql = schema.PATH.read_text()
    start = sql.index("    -- The question of results-based accountability")
    end = sql.index("\n", sql.index("    question "))
    sql = sql[:start].rstrip().removesuffix(",") + sql[end:]
    start = sql.index("CREATE VIEW published_results")
    sql = sql[:start] + sql[sql.index(";", start) + 1 :]
    con = duckdb.connect(str(path))
    try:
        con.execute(sql)
        con.execute("ATTACH '{}' AS src (READ_ONLY)".format(str(source).replace("'", "''")))
        for table in db.TABLE_ORDER:
            exclude = " EXCLUDE (question)" if table == "program_metrics" else ""
            con.execute(f"INSERT INTO {table} BY NAME SELECT *{exclude} FROM src.{table}")
        con.execute("DETACH src")
    finally:
        con.close()
    return path


def test_a_database_from_before_the_question_upgrades_and_loads(loaded, org_loaded, tmp_path):
    """The build copies tables by name: an older database's metrics come through, their question blank, by
    `python -m equity upgrade` and by a load of other tables into it."""
    from equity import __main__ as cli

    before = counts(loaded)
    for step in ("upgrade", "load"):
        old = without_question(loaded, tmp_path / f"{step}.duckdb")
        with pytest.raises(db.DatabaseError, match=r"earlier version.*published_results.*equity upgrade"):
            db.connect_read_only(old)
        if step == "upgrade":
            assert cli.main(["upgrade", "--db", str(old)]) == 0
        else:
            ingest(old, "org", [org_loaded[1]["partners"]])
        assert counts(old) == before, step
        con = db.connect_read_only(old)
        metrics = queries.run(con, "org_template_program_metrics")
        con.close()
        assert metrics["question"].isna().all() and len(metrics) == before["program_metrics"], step


def test_methods_page_offers_the_templates(demo_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(demo_db))
    at = run_page("pages/methods.py")
    assert not at.exception, at.exception
    labels = [b.label for b in at.get("download_button")]
    for table in TABLES:
        assert any(label.endswith(f"{table}.csv") for label in labels), table
    assert any(label.endswith("organisation_tables.xlsx") for label in labels)
    assert "Templates for your own data" in [s.value for s in at.subheader]
    assert any("python -m equity ingest org" in m.value for m in at.markdown)


# ---- emptying a table ------------------------------------------------------------------------------------


def header_only(table, folder):
    path = folder / f"{table}.csv"
    path.write_text(",".join(TABLES[table].names) + "\n")
    return path


def test_a_header_row_alone_empties_its_table(loaded, tmp_path):
    before = counts(loaded)
    ingest(loaded, "org", [header_only("actions", tmp_path)])
    assert counts(loaded) == {**before, "actions": 0}


def test_a_table_still_referred_to_cannot_be_emptied(loaded, org_loaded, tmp_path):
    before = loaded.read_bytes()
    with pytest.raises(
        IngestError,
        match=r"programs\.csv, column 'program_id': the database's program_sites \(kept, as this load has no "
        r"program_sites table\) still refer to the program_id shown, which this file no longer has "
        r"\(found '[a-z_]+'\); expected every program_id the kept program_sites use, or load "
        r"program_sites\.csv with this file",
    ):
        ingest(loaded, "org", [header_only("programs", tmp_path)])
    assert loaded.read_bytes() == before
    # Emptied beside a table given with rows that refer to it: the row that refers is named.
    with pytest.raises(
        IngestError,
        match=r"programs\.csv, row 2, column 'lead_partner_id': unknown partner \(found '[a-z_]+'\); "
        r"expected a partner_id listed in partners\.csv",
    ):
        ingest(loaded, "org", [header_only("partners", tmp_path), org_loaded[1]["programs"]])
    assert loaded.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \r\n"])
def test_a_file_without_even_a_header_is_refused(loaded, tmp_path, content):
    path = tmp_path / "actions.csv"
    path.write_bytes(content)
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=r"actions\.csv: the file is empty; expected a header row"):
        ingest(loaded, "org", [path])
    assert loaded.read_bytes() == before


# ---- Excel workbooks -------------------------------------------------------------------------------------


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def template_book(source, path):
    """The organisation tables of ``source`` as the editor's workbook (`python -m equity export org`)."""
    con = db.connect_read_only(source)
    try:
        path.write_bytes(org.template_workbook(org.template_frames(con, raw=True)))
    finally:
        con.close()
    return path


def assert_same_org_tables(path, source):
    assert counts(path) == counts(source)
    con, want = db.connect_read_only(path), db.connect_read_only(source)
    try:
        for table in TABLES:
            got, expected = (org.template_frames(c, raw=True)[table] for c in (con, want))
            pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=table)
    finally:
        con.close()
        want.close()


@pytest.fixture(scope="module")
def demo_book(demo_db, tmp_path_factory):
    return template_book(demo_db, tmp_path_factory.mktemp("book") / "organisation_tables.xlsx")


@pytest.fixture(scope="module")
def small_book(demo_book, tmp_path_factory):
    """The workbook without its two long sheets, which none of the hostile cases needs (quicker to edit)."""
    book = openpyxl.load_workbook(demo_book)
    for title in ("program_results", "program_reach"):
        book.remove(book[title])
    path = tmp_path_factory.mktemp("small") / "organisation_tables.xlsx"
    book.save(path)
    return path


def edited_book(demo_book, tmp_path, change, name="organisation_tables.xlsx"):
    book = openpyxl.load_workbook(demo_book)
    change(book)
    path = tmp_path / name
    book.save(path)
    return path


def test_the_workbook_template_has_a_sheet_per_table(demo_book, demo_db):
    book = openpyxl.load_workbook(demo_book)
    assert book.sheetnames == list(TABLES)
    for table, spec in TABLES.items():
        assert [c.value for c in book[table][1]] == spec.names, table
    programs = book["programs"]
    assert programs.max_row == counts(demo_db)["programs"] + 1
    start = programs["F2"]  # start_date: a real Excel date, shown as YYYY-MM-DD
    assert start.is_date and start.number_format == "yyyy-mm-dd"
    assert programs["A2"].number_format == "@"  # ids are text, so 01001 keeps its zero
    assert programs.column_dimensions["A"].number_format == "@"  # in rows yet to be typed too
    assert isinstance(book["program_metrics"]["E2"].value, bool)


def test_round_trip_through_the_workbook(bounded, demo_book, demo_db, tmp_path):
    path = tmp_path / "equity.duckdb"
    path.write_bytes(bounded.read_bytes())
    report = ingest(path, "org", [demo_book])
    assert_same_org_tables(path, demo_db)
    con = db.connect_read_only(path)
    sources = queries.run(con, "sources").set_index("source_id")
    con.close()
    assert sources.loc["org", "name"] == "Your organisation's tables"
    assert report.counts["program_results"] == counts(demo_db)["program_results"]


def test_sheets_left_out_keep_their_tables(loaded, demo_book, tmp_path):
    """A workbook of some tables replaces those; a sheet left out keeps the database's copy."""
    before = counts(loaded)

    def only_partners_renamed(book):
        for title in book.sheetnames:
            if title != "partners":
                del book[title]
        ws = book["partners"]
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "riverbend_health")
        row[1].value = "Riverbend Health"

    ingest(loaded, "org", [edited_book(demo_book, tmp_path, only_partners_renamed)])
    assert counts(loaded) == before
    con = db.connect_read_only(loaded)
    names = queries.run(con, "org_template_partners").set_index("partner_id")["name"]
    con.close()
    assert names["riverbend_health"] == "Riverbend Health"


def test_a_workbook_named_after_a_table_may_hold_it_on_any_sheet(loaded, demo_book, tmp_path):
    def partners_on_sheet1(book):
        for title in book.sheetnames:
            if title != "partners":
                del book[title]
        book["partners"].title = "Sheet1"
        book.create_sheet("Sheet2")  # blank, as Excel adds them: ignored

    before = counts(loaded)
    ingest(loaded, "org", [edited_book(demo_book, tmp_path, partners_on_sheet1, name="Partners.xlsx")])
    assert counts(loaded) == before


def test_header_only_sheets_empty_their_tables(loaded, demo_book, tmp_path):
    def empty_voice(book):
        for title in book.sheetnames:
            if title not in ("community_input", "actions", "input_participants"):
                del book[title]
            else:
                book[title].delete_rows(2, book[title].max_row)

    before = counts(loaded)
    ingest(loaded, "org", [edited_book(demo_book, tmp_path, empty_voice)])
    assert counts(loaded) == {**before, "community_input": 0, "actions": 0, "input_participants": 0}


def test_a_sheet_missing_from_a_workbook_loaded_into_the_demo(demo_db, demo_book, tmp_path):
    copy = tmp_path / "equity.duckdb"
    copy.write_bytes(demo_db.read_bytes())
    before = sha(copy)
    path = edited_book(demo_book, tmp_path, lambda book: book.remove(book["partners"]))
    with pytest.raises(
        IngestError,
        match=r"organisation_tables\.xlsx, sheet 'programs', row 2, column 'lead_partner_id': unknown "
        r"partner \(found '[a-z_]+'\); expected a partner_id of the database's partners, or add a sheet "
        r"partners to the workbook \(the demo database is replaced",
    ):
        ingest(copy, "org", [path])
    assert sha(copy) == before


def test_excel_values_as_people_type_them(squares_geojson, tmp_path):
    """Real dates and dates as text, whole numbers stored as 1.0, GEOIDs that lost their leading zero."""
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [squares_geojson(["01001020100", "01001020200"])])
    book = openpyxl.Workbook()
    book.active.title = "partners"
    book["partners"].append(["partner_id", "name", "kind"])
    book["partners"].append(["clinic", "Clinic", "Health_System"])
    programs = book.create_sheet("programs")
    programs.append(TABLES["programs"].names)
    programs.append(["vans", "Vans", "mobile", "A van", "clinic", dt.datetime(2023, 5, 1)])
    programs.append(["school", "School", "school", "A nurse", "clinic", " 2024-01-15 "])
    programs.append(["phone", "Phone", "telehealth", "Calls", "clinic", dt.date(2024, 2, 1)])
    sites = book.create_sheet("program_sites")
    sites.append(TABLES["program_sites"].names)
    sites.append([1.0, "vans", "Main St", 1001020100, -71.45, 41.55])  # ids typed as numbers
    sites.append([2, "school", "North", "01001020200", -71.35, 41.55])
    reach = book.create_sheet("program_reach")
    reach.append(TABLES["program_reach"].names)
    reach.append(["vans", 1001020200.0, 2024.0, "all", "All", 120.0])
    file = tmp_path / "mine.xlsx"
    book.save(file)
    ingest(path, "org", [file])
    con = db.connect_read_only(path)
    got = {t: queries.run(con, f"org_template_{t}") for t in ("programs", "program_sites", "program_reach")}
    con.close()
    starts = got["programs"].set_index("program_id")["start_date"].dt.strftime("%Y-%m-%d").to_dict()
    assert starts == {"vans": "2023-05-01", "school": "2024-01-15", "phone": "2024-02-01"}
    assert got["program_sites"].set_index("site_id")["area_id"].to_dict() == {
        "1": "01001020100",
        "2": "01001020200",
    }
    assert got["program_reach"][["area_id", "period", "people"]].values.tolist() == [
        ["01001020200", 2024, 120]
    ]


def formula_after_a_blank_row(book):
    book["programs"].insert_rows(3)  # errors name the sheet's own rows, blank ones counted
    book["programs"]["B5"] = '=HYPERLINK("http://example.com","Clinic")'


def text_that_is_a_formula(book):
    book["programs"]["B3"] = "=cmd|' /C calc'!A0"
    book["programs"]["B3"].data_type = "s"


def duplicate_after_a_blank_row(book):
    ws = book["partners"]
    last = ws.max_row
    for j, cell in enumerate(ws[2], start=1):
        ws.cell(last + 2, j, cell.value)


def percent_formatted(book):
    cell = book["program_sites"]["F2"]
    cell.value, cell.number_format = 0.4, "0%"


HOSTILE_BOOKS = {
    "real formula": (
        formula_after_a_blank_row,
        r"organisation_tables\.xlsx, sheet 'programs', row 5, column 'name': a cell holds a spreadsheet "
        r"formula \(found '=HYPERLINK\(\"http://example\.com\",\"Clinic\"\)'\); expected plain "
        r"values, not formulas",
    ),
    "text that is a formula": (
        text_that_is_a_formula,
        r"sheet 'programs', row 3, column 'name': a cell holds a spreadsheet formula \(found \"=cmd",
    ),
    "error cell": (
        lambda book: book["commitments"].cell(4, 5, "#N/A"),
        r"sheet 'commitments', row 4, column 'owner': a cell holds a spreadsheet error \(found '#N/A'\)",
    ),
    "10,000-character field": (
        lambda book: book["actions"].cell(2, 4, "x" * 10_000),
        r"sheet 'actions', row 2, column 'description': a field is far longer than any real value",
    ),
    "duplicate key": (
        duplicate_after_a_blank_row,
        r"sheet 'partners', row 19, column 'partner_id': rows 2 and 19 have the same partner_id",
    ),
    "unknown sheet": (
        lambda book: book.create_sheet("Budget").append(["item", "amount"]),
        r"organisation_tables\.xlsx, sheet 'Budget': unknown table 'Budget': the sheet name says which table "
        r"it holds \(found 'Budget'\); expected one of partners, programs",
    ),
    "empty sheet of a table": (
        lambda book: book["actions"].delete_rows(1, book["actions"].max_row),
        r"sheet 'actions': the sheet is empty; expected its header row",
    ),
    "date with a time of day": (
        lambda book: book["programs"].cell(2, 6, dt.datetime(2024, 3, 1, 10, 30)),
        r"sheet 'programs', row 2, column 'start_date': not a date \(found '2024-03-01 10:30:00'\)",
    ),
    "number in a coded column": (
        lambda book: book["partners"].cell(3, 3, 7),
        r"sheet 'partners', row 3, column 'kind': not one of the allowed values \(found '7'\)",
    ),
    "percentage cell": (
        percent_formatted,
        r"sheet 'program_sites', row 2, column 'lat': a number is formatted as a percentage, so the cell "
        r"holds a fraction of it \(found '0\.4, shown as 40%'\); expected the number itself \(25 for 25%\)",
    ),
    "column named twice": (
        lambda book: book["partners"].cell(1, 4, "name"),
        r"sheet 'partners': the header row names a column twice \(found 'name'\)",
    ),
    "history sheet with a day that is not a date": (
        lambda book: book["commitment_changes"].cell(3, 2, "soon"),
        r"sheet 'commitment_changes', row 3, column 'changed_on': not a date \(found 'soon'\)",
    ),
    "sheet missing a column": (
        lambda book: book["programs"].delete_cols(6),
        r"sheet 'programs': missing column\(s\) start_date",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_BOOKS))
def test_hostile_workbooks_get_a_clear_error_and_change_nothing(loaded, small_book, tmp_path, case):
    change, message = HOSTILE_BOOKS[case]
    path = edited_book(small_book, tmp_path, change)
    before = sha(loaded)
    with pytest.raises(IngestError, match=message) as err:
        ingest(loaded, "org", [path])
    assert str(err.value).endswith("Nothing was changed.")
    assert sha(loaded) == before


def not_a_workbook(kind, path):
    if kind == "binary":
        path.write_bytes(bytes(range(256)) * 40)
    elif kind == "csv renamed":
        path.write_text("partner_id,name,kind\nclinic,Clinic,health_system\n")
    elif kind == "zip of something else":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("notes.txt", "hello")
    elif kind == "truncated workbook":
        whole = (path.parent.parent / "whole.xlsx").read_bytes()
        path.write_bytes(whole[: len(whole) // 2])


@pytest.mark.parametrize("kind", ["binary", "csv renamed", "zip of something else", "truncated workbook"])
def test_a_file_that_is_not_a_workbook_is_refused(loaded, demo_book, tmp_path, kind):
    (tmp_path / "whole.xlsx").write_bytes(demo_book.read_bytes())
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "organisation_tables.xlsx"
    not_a_workbook(kind, path)
    before = sha(loaded)
    with pytest.raises(
        IngestError,
        match=r"organisation_tables\.xlsx: the file could not be read as an Excel workbook \(.*\); expected "
        r"an \.xlsx workbook",
    ):
        ingest(loaded, "org", [path])
    assert sha(loaded) == before


def test_an_empty_workbook_and_other_spreadsheets_are_refused(loaded, tmp_path):
    empty = tmp_path / "organisation_tables.xlsx"
    openpyxl.Workbook().save(empty)  # one blank sheet, as Excel's File → New makes
    nothing = tmp_path / "partners.xlsx"
    nothing.write_bytes(b"")
    old = tmp_path / "programs.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    before = sha(loaded)
    with pytest.raises(
        IngestError, match=r"organisation_tables\.xlsx: the workbook is empty; expected a sheet"
    ):
        ingest(loaded, "org", [empty])
    with pytest.raises(IngestError, match=r"partners\.xlsx: the file is empty; expected an \.xlsx workbook"):
        ingest(loaded, "org", [nothing])
    with pytest.raises(
        IngestError, match=r"programs\.xls: \.xls spreadsheets are not read; expected .*\.xlsx"
    ):
        ingest(loaded, "org", [old])
    assert sha(loaded) == before


def test_a_table_given_twice_in_a_workbook_and_a_csv(loaded, org_loaded, demo_book):
    before = sha(loaded)
    with pytest.raises(
        IngestError,
        match=r"organisation_tables\.xlsx, sheet 'partners': the table partners is given twice \(also in "
        r"partners\.csv\)",
    ):
        ingest(loaded, "org", [org_loaded[1]["partners"], demo_book])
    assert sha(loaded) == before


def test_an_editor_exports_the_raw_tables_from_the_command_line_and_loads_them_back(
    bounded, demo_db, tmp_path
):
    """`python -m equity export org` writes what viewers never get (small counts included), as a workbook
    or a folder of CSV files, and either loads back exactly."""
    from equity import __main__ as cli

    book, folder = tmp_path / "raw.xlsx", tmp_path / "raw"
    assert cli.main(["export", "org", str(book), "--db", str(demo_db)]) == 0
    assert cli.main(["export", "org", str(folder), "--db", str(demo_db)]) == 0
    reach = pd.read_csv(folder / "program_reach.csv")
    assert reach["people"].between(1, 10).any()  # the editor's copy: small counts kept
    assert (reach["group_dim"] != "all").any()
    for given in ([book], sorted(folder.glob("*.csv"))):
        path = tmp_path / "equity.duckdb"
        path.write_bytes(bounded.read_bytes())
        ingest(path, "org", given)
        assert_same_org_tables(path, demo_db)
    assert cli.main(["export", "org", str(book), "--db", str(tmp_path / "missing.duckdb")]) == 2


def test_the_viewers_templates_withhold_small_counts(demo_con):
    frames = org.template_frames(demo_con)
    assert not frames["program_reach"]["people"].between(1, 10).any()
    assert frames["program_reach"]["people"].isna().any()  # withheld, not dropped
    assert set(frames["program_reach"]["group_dim"]) == {"all"}
    assert not frames["community_input"]["participants"].between(1, 10).any()
    assert frames["community_input"]["participants"].isna().any()


def test_the_tables_are_read_from_the_schema_and_anything_unread_is_refused(tmp_path, monkeypatch):
    """equity.schema takes the organisation tables from data/schema.sql; a constraint it cannot read is
    refused at import, never left unchecked by the loader. Viewers' templates of the tables that count
    people read the published views."""
    from equity import schema

    assert "FROM published_reach" in queries.sql("org_template_program_reach")
    assert "FROM published_community_input" in queries.sql("org_template_community_input")
    assert "FROM published_results" in queries.sql("org_template_program_results")
    assert "FROM program_reach" in queries.sql("org_export_program_reach")
    path = tmp_path / "schema.sql"
    path.write_text(schema.PATH.read_text().replace("CHECK (people >= 0)", "CHECK (people % 2 = 0)"))
    monkeypatch.setattr(schema, "PATH", path)
    with pytest.raises(ValueError, match="does not read"):
        schema._read()
