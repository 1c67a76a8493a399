"""Engagement (issue 12, sections 2 and 4): who took part in each stage, meetings and their cadence,
attendance, capacity building, successes. The rules of equity/engagement.py by hand-computed cases; the
small-count rule as a property over any counts; the loader's checks with hostile files; the page on the
demo, on a database without these tables, and with hostile URL values."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equity import db, downloads, queries
from equity import engagement as e
from equity.ingest import IngestError, ingest
from equity.views import engagement as engaged
from tests.test_ingest_org import bounded, edit, loaded, org_loaded  # noqa: F401 (fixtures)
from tests.test_pages import run_page, texts

AS_OF = "2025-06-30"
NEW_TABLES = (
    "engagement_stages",
    "engagement_partners",
    "meeting_bodies",
    "meetings",
    "meeting_attendance",
    "trainings",
    "milestones",
)


def plain(value) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(value))


# ---- how a count of people is shown ----


@pytest.mark.parametrize(
    ("value", "few", "recorded", "shown"),
    [
        (0, False, True, "None"),
        (None, True, True, "Too few to show"),  # withheld by the published view
        (11, False, True, "11"),
        (1234, False, True, "1,234"),
        (None, False, True, "Not recorded"),  # a meeting whose community members were not counted
        (None, False, False, "Not recorded"),  # no row for the stage
    ],
)
def test_a_count_is_a_number_none_too_few_or_not_recorded(value, few, recorded, shown):
    assert e.count_cell(value, few, recorded) == shown


@pytest.mark.parametrize(
    ("values", "few", "shown"),
    [
        ([18, None, None], [False, True, True], "at least 18"),  # two withheld: only what is shown adds up
        ([None, None], [True, True], "Too few to show"),
        ([0, None], [False, True], "Too few to show"),
        ([12, 30], [False, False], "42"),
        ([0, 0], [False, False], "None"),
    ],
)
def test_a_sum_of_counts_adds_only_those_shown(values, few, shown):
    assert e.at_least(pd.Series(values, dtype="Float64"), pd.Series(few)) == shown


# ---- who took part in each stage ----


def stages_frame(rows):
    """The engagement_stages query's shape: (program, stage, members, few, partners); stage None: a
    program with no stage recorded."""
    return pd.DataFrame(
        rows, columns=["program", "stage", "community_members", "few_members", "partners"]
    ).assign(program_id=lambda d: d["program"], started_on=None, how=None, start_date=None)


def test_when_each_program_brought_the_community_to_the_table():
    stages = stages_frame(
        [
            ("Late", "needs_assessment", 0, False, 2),
            ("Late", "evaluation", None, True, 3),  # withheld: some took part
            ("Start", "needs_assessment", 40, False, 1),
            ("Planned", "needs_assessment", 0, False, 1),
            ("Planned", "planning", 12, False, 2),
            ("Never", "needs_assessment", 0, False, 1),
            ("Blank", None, None, False, 0),
        ]
    )
    table = e.stage_table(stages)
    assert {p: e.timing(table.loc[p]) for p in table.index} == {
        "Start": "from_start",
        "Planned": "planning",
        "Late": "late",
        "Never": "never",
        "Blank": "never",
    }
    assert list(table.index) == ["Start", "Planned", "Late", "Never", "Blank"]  # from the start first
    cells = e.stage_cells(table, "community")
    assert list(cells.loc["Late"]) == ["None", "Not recorded", "Not recorded", "Too few to show"]
    assert list(e.stage_cells(table, "partners").loc["Late"]) == ["2", "Not recorded", "Not recorded", "3"]
    assert e.stage_takeaway(table) == (
        "1 of 5 programs had community members at the table from the needs assessment on (Start); 1 program "
        "brought them in at planning (Planned); 1 program brought them in only once running (Late); "
        "2 programs have not yet (Never and Blank)."
    )
    download = e.stage_download(table)
    late = download[download["program"] == "Late"].set_index("stage")
    assert pd.isna(late.at["Evaluation", "community_members"])
    assert late.at["Evaluation", "community_members_shown_as"] == "Too few to show"


# ---- cadence and its gaps ----


@pytest.mark.parametrize(
    ("every_n", "unit", "words"),
    [
        (1, "months", "monthly"),
        (1, "weeks", "weekly"),
        (3, "months", "every 3 months"),
        (2, "weeks", "every 2 weeks"),
    ],
)
def test_cadence_in_words(every_n, unit, words):
    assert e.cadence_words(every_n, unit) == words


def body(kind="community", every_n=1, unit="months", agreed_on="2024-01-01", area="Elm County", name=None):
    return pd.DataFrame(
        [
            {
                "body_id": "b",
                "name": name or f"{area} community meetings",
                "kind": kind,
                "area_id": None,
                "area": area,
                "every_n": every_n,
                "unit": unit,
                "agreed_on": pd.Timestamp(agreed_on),
            }
        ]
    )


def held(*days):
    return pd.DataFrame(
        {"meeting_id": [f"m{i}" for i in range(len(days))], "body_id": "b", "held_on": list(days)}
    )


# (every_n, unit, days since the last meeting, behind?): a gap is more than 1.5 agreed intervals, a month
# being 365.25 / 12 days (monthly: 45.66 days; every 3 months: 136.97; weekly: 10.5; every 2 weeks: 21).
GAP_CASES = [
    (1, "months", 45, False),
    (1, "months", 46, True),
    (3, "months", 136, False),
    (3, "months", 137, True),
    (1, "weeks", 10, False),
    (1, "weeks", 11, True),
    (2, "weeks", 21, False),
    (2, "weeks", 22, True),
]


@pytest.mark.parametrize(("every_n", "unit", "since", "behind"), GAP_CASES)
def test_a_gap_is_more_than_one_and_a_half_agreed_intervals(every_n, unit, since, behind):
    as_of = pd.Timestamp("2025-06-30")
    table = e.cadence(body(every_n=every_n, unit=unit), held(as_of - pd.Timedelta(days=since)), as_of)
    assert bool(table.at[0, "behind"]) is behind
    assert table.at[0, "days_since"] == since


def test_a_gap_is_flagged_in_words_and_the_gaps_between_meetings_counted():
    meetings = held(dt.date(2025, 1, 10), dt.date(2025, 2, 10), dt.date(2025, 5, 10))
    table = e.cadence(body(agreed_on="2025-01-01"), meetings, "2025-07-20")
    row = table.iloc[0]
    assert bool(row["behind"]) and row["days_since"] == 71
    assert row["gaps"] == 2  # February to May (89 days), and May to now (71)
    assert row["longest_gap_days"] == 89
    assert row["held_last_year"] == 3 and row["expected_last_year"] == 12
    assert e.gap_sentence(row) == (
        "No community meeting in Elm County since May 2025; the agreed cadence is monthly."
    )
    assert e.cadence_takeaway(table, "2025-07-20") == e.gap_sentence(row)
    assert e.cadence_rows(table).at[0, "Now"] == "Behind: 71 days since the last meeting"


def test_a_body_that_never_met_is_behind_once_an_interval_and_a_half_has_passed():
    steering = body(kind="steering", area=None, name="Steering committee", agreed_on="2025-05-01")
    table = e.cadence(steering, held(), "2025-06-10")  # 40 days: not yet
    assert not table.at[0, "behind"] and e.cadence_rows(table).at[0, "Now"] == "No meeting yet"
    table = e.cadence(steering, held(), "2025-06-30")  # 60 days
    assert table.at[0, "behind"]
    assert e.gap_sentence(table.iloc[0]) == (
        "No meeting of the steering committee yet; the agreed cadence is monthly."
    )


def test_every_body_meeting_as_agreed_says_so():
    table = e.cadence(body(), held(dt.date(2025, 6, 1)), "2025-06-30")
    assert e.cadence_takeaway(table, "2025-06-30") == (
        "Every body has met as often as it agreed, as of June 30, 2025."
    )


def test_attendance_counts_a_partner_only_from_the_first_meeting_it_came_to():
    meetings = held(dt.date(2025, 1, 5), dt.date(2025, 2, 5), dt.date(2025, 3, 5), dt.date(2025, 4, 5))
    attended = pd.DataFrame(
        [
            ("m0", "b", dt.date(2025, 1, 5), "a", "Always"),
            ("m1", "b", dt.date(2025, 2, 5), "a", "Always"),
            ("m2", "b", dt.date(2025, 3, 5), "a", "Always"),
            ("m3", "b", dt.date(2025, 4, 5), "a", "Always"),
            ("m2", "b", dt.date(2025, 3, 5), "n", "Newcomer"),  # joined in March, missed April
        ],
        columns=["meeting_id", "body_id", "held_on", "partner_id", "partner"],
    )
    record = e.attendance(attended, meetings, body()).set_index("partner_id")
    assert (record.at["a", "attended"], record.at["a", "of"], record.at["a", "share"]) == (4, 4, 1.0)
    assert (record.at["n", "attended"], record.at["n", "of"], record.at["n", "share"]) == (1, 2, 0.5)


# ---- the small-count rule, whatever the counts ----

SCHEMA = db.SCHEMA.read_text()
COUNT_WORDS = ("Community members present", "People who took part")


def small_db(min_count, stage_counts, meeting_counts, training_counts):
    """An in-memory database of the dashboard's schema holding these counts (the published views apply)."""
    con = duckdb.connect(":memory:")
    con.execute("ATTACH ':memory:' AS db")  # the catalog every query's cursor uses (equity.db.cursor)
    con.execute("USE db")
    con.execute(SCHEMA)
    con.execute("INSERT INTO meta VALUES ('min_count', ?)", [str(min_count)])
    con.execute(
        "INSERT INTO partners VALUES ('p1', 'One', 'community_organization'), ('p2', 'Two', 'school')"
    )
    for i in range(len(stage_counts) // 4 + 1):
        con.execute(
            "INSERT INTO programs VALUES (?, ?, 'chw', 'x', 'p1', DATE '2020-01-01')", [f"g{i}", f"P{i}"]
        )
    for i, n in enumerate(stage_counts):
        con.execute(
            "INSERT INTO engagement_stages VALUES (?, ?, NULL, ?, NULL)", [f"g{i // 4}", e.STAGES[i % 4], n]
        )
    con.execute("INSERT INTO meeting_bodies VALUES ('b', 'B', 'community', NULL, 1, 'months', NULL)")
    for i, n in enumerate(meeting_counts):
        con.execute(
            "INSERT INTO meetings VALUES (?, 'b', DATE '2024-01-01' + INTERVAL (?) DAY, ?, 1, NULL)",
            [f"m{i}", i, n],
        )
        con.execute("INSERT INTO meeting_attendance VALUES (?, 'p1')", [f"m{i}"])
    for i, n in enumerate(training_counts):
        con.execute(
            "INSERT INTO trainings VALUES (?, ?, NULL, NULL, 'T', 'training', DATE '2024-03-01', ?, 2)",
            [f"t{i}", "p1" if i % 2 else "p2", n],
        )
    return con


counts = st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8)


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(
    min_count=st.integers(min_value=2, max_value=25),
    stage_counts=counts,
    meeting_counts=counts,
    training_counts=counts,
)
def test_no_count_under_the_threshold_is_shown_or_downloaded(
    min_count, stage_counts, meeting_counts, training_counts
):
    con = small_db(min_count, stage_counts, meeting_counts, training_counts)
    try:
        frames = {n: queries.run(con, n) for n in ("engagement_stages", "meeting_bodies", "meetings")}
        frames |= {n: queries.run(con, n) for n in ("meeting_attendance", "trainings")}
    finally:
        con.close()
    v = engaged.view(
        stages=frames["engagement_stages"],
        bodies=frames["meeting_bodies"],
        meetings=frames["meetings"],
        attended=frames["meeting_attendance"],
        trainings=frames["trainings"],
        found=e.successes(
            pd.DataFrame(columns=["reached_on", "kind", "title", "program", "partner"]),
            pd.DataFrame(),
            pd.DataFrame(),
            pd.DataFrame(),
        ),  # fmt: skip
        as_of=AS_OF,
        min_count=min_count,
    )

    def small(word: str) -> bool:
        numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", str(word))]
        return any(1 <= n < min_count for n in numbers)

    said = [*v.stages.tables[0].drop(columns="Program").to_numpy().ravel()]
    said += list(v.stages.figure.data[0].text.ravel())
    for table in (*v.cadence.tables, *v.capacity.tables):
        for column in COUNT_WORDS:
            if column in table:
                said += list(table[column])
    assert not [w for w in said if small(w)], said
    # Every download, as a viewer gets it, and the raw query results the page offers.
    for df in (v.stages.download, v.capacity.download, frames["meetings"], frames["trainings"]):
        viewer = downloads.for_viewer(df, min_count)
        for column in ("community_members", "participants"):
            if column in viewer:
                values = pd.to_numeric(viewer[column], errors="coerce").dropna()
                assert not values.between(1, min_count - 1).any(), (column, list(values))
    # What is shown adds up to what is not withheld: a partner's total never reveals a withheld count.
    trainings = frames["trainings"]
    for partner, rows in trainings.groupby("partner"):
        shown = rows.loc[~rows["few_participants"], "participants"].sum()
        total = v.capacity.tables[0].set_index("Community partner").at[partner, "People who took part"]
        if rows["few_participants"].any():
            assert total == (f"at least {int(shown):,}" if shown else "Too few to show")


# ---- the loader's checks, with hostile files ----

HOSTILE = {
    "a stage that is not one": (
        "engagement_stages",
        lambda df: df.assign(stage=df["stage"].where(df.index != 0, "launch")),
        r"engagement_stages\.csv, row 2, column 'stage': not one of the allowed values \(found 'launch'\); "
        r"expected needs_assessment, planning, implementation, evaluation",
    ),
    "a negative count of community members": (
        "engagement_stages",
        lambda df: df.assign(community_members=df["community_members"].where(df.index != 1, "-4")),
        r"engagement_stages\.csv, row 3, column 'community_members': out of range \(found '-4'\); expected 0 "
        r"or more",
    ),
    "community members given as words": (
        "engagement_stages",
        lambda df: df.assign(community_members=df["community_members"].where(df.index != 0, "a few")),
        r"engagement_stages\.csv, row 2, column 'community_members': not a number \(found 'a few'\)",
    ),
    "a partner in a stage of an unknown program": (
        "engagement_partners",
        lambda df: df.assign(program_id=df["program_id"].where(df.index != 0, "nothing")),
        r"engagement_partners\.csv, row 2, column 'program_id': unknown program \(found 'nothing'\)",
    ),
    "an unknown partner in a stage": (
        "engagement_partners",
        lambda df: df.assign(partner_id=df["partner_id"].where(df.index != 2, "nobody")),
        r"engagement_partners\.csv, row 4, column 'partner_id': unknown partner \(found 'nobody'\)",
    ),
    "a body of a kind that is not one": (
        "meeting_bodies",
        lambda df: df.assign(kind=df["kind"].where(df.index != 0, "board")),
        r"meeting_bodies\.csv, row 2, column 'kind': not one of the allowed values \(found 'board'\); "
        r"expected coalition, community, steering",
    ),
    "a cadence in days": (
        "meeting_bodies",
        lambda df: df.assign(unit=df["unit"].where(df.index != 0, "days")),
        r"meeting_bodies\.csv, row 2, column 'unit': not one of the allowed values \(found 'days'\); "
        r"expected weeks, months",
    ),
    "a cadence of every zero months": (
        "meeting_bodies",
        lambda df: df.assign(every_n=df["every_n"].where(df.index != 0, "0")),
        r"meeting_bodies\.csv, row 2, column 'every_n': out of range \(found '0'\); expected 1 or more",
    ),
    "a meeting of an unknown body": (
        "meetings",
        lambda df: df.assign(body_id=df["body_id"].where(df.index != 0, "council")),
        r"meetings\.csv, row 2, column 'body_id': unknown body \(found 'council'\); expected a body_id "
        r"of the database's meeting_bodies, or load meeting_bodies\.csv with this file",
    ),
    "a negative count at a meeting": (
        "meetings",
        lambda df: df.assign(community_members=df["community_members"].where(df.index != 0, "-1")),
        r"meetings\.csv, row 2, column 'community_members': out of range \(found '-1'\); expected 0 or more",
    ),
    "a formula in what was decided": (
        "meetings",
        lambda df: df.assign(decided=df["decided"].where(df.index != 0, '=HYPERLINK("http://x","c")')),
        r"meetings\.csv, row 2, column 'decided': a cell holds a spreadsheet formula",
    ),
    "an unknown partner present": (
        "meeting_attendance",
        lambda df: df.assign(partner_id=df["partner_id"].where(df.index != 0, "nobody")),
        r"meeting_attendance\.csv, row 2, column 'partner_id': unknown partner \(found 'nobody'\)",
    ),
    "a training of a kind that is not one": (
        "trainings",
        lambda df: df.assign(kind=df["kind"].where(df.index != 0, "webinar")),
        r"trainings\.csv, row 2, column 'kind': not one of the allowed values \(found 'webinar'\); expected "
        r"training, coaching, technical_assistance, mentoring",
    ),
    "a training given by an unknown partner": (
        "trainings",
        lambda df: df.assign(given_by_id=df["given_by_id"].where(df.index != 0, "nobody")),
        r"trainings\.csv, row 2, column 'given_by_id': unknown partner \(found 'nobody'\)",
    ),
    "negative participants": (
        "trainings",
        lambda df: df.assign(participants=df["participants"].where(df.index != 0, "-2")),
        r"trainings\.csv, row 2, column 'participants': out of range \(found '-2'\); expected 0 or more",
    ),
    "negative hours": (
        "trainings",
        lambda df: df.assign(hours=df["hours"].where(df.index != 0, "-1.5")),
        r"trainings\.csv, row 2, column 'hours': out of range \(found '-1.5'\); expected 0 or more",
    ),
    "a formula in a training's topic": (
        "trainings",
        lambda df: df.assign(topic=df["topic"].where(df.index != 0, "@SUM(1)")),
        r"trainings\.csv, row 2, column 'topic': a cell holds a spreadsheet formula",
    ),
    "a milestone of a kind that is not one": (
        "milestones",
        lambda df: df.assign(kind=df["kind"].where(df.index != 0, "party")),
        r"milestones\.csv, row 2, column 'kind': not one of the allowed values \(found 'party'\)",
    ),
    "a milestone with a formula for a title": (
        "milestones",
        lambda df: df.assign(title=df["title"].where(df.index != 0, "+cmd")),
        r"milestones\.csv, row 2, column 'title': a cell holds a spreadsheet formula",
    ),
    "a milestone dated with words": (
        "milestones",
        lambda df: df.assign(reached_on=df["reached_on"].where(df.index != 0, "last spring")),
        r"milestones\.csv, row 2, column 'reached_on': not a date \(found 'last spring'\)",
    ),
    "partners without one a kept meeting had present": (
        "partners",
        lambda df: df[df["partner_id"] != "eastside_elders"],
        r"partners\.csv, column 'partner_id': the database's .* still refer to the partner_id shown",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_get_a_clear_error_and_change_nothing(loaded, org_loaded, tmp_path, case):  # noqa: F811
    table, change, message = HOSTILE[case]
    bad = edit(org_loaded[1], table, tmp_path, change)
    before = loaded.read_bytes()
    with pytest.raises(IngestError, match=message) as err:
        ingest(loaded, "org", [bad])
    assert "Nothing was changed" in str(err.value)
    assert loaded.read_bytes() == before


def test_a_partner_in_a_stage_the_program_does_not_record_is_refused(loaded, org_loaded, tmp_path):  # noqa: F811
    csvs = org_loaded[1]
    stages = edit(csvs, "engagement_stages", tmp_path, lambda df: df[df["stage"] != "evaluation"])
    before = loaded.read_bytes()
    with pytest.raises(
        IngestError,
        match=r"engagement_partners\.csv, row \d+, column 'stage': the partner took part in a stage "
        r"engagement_stages does not record for that program \(found 'evaluation'\)",
    ):
        ingest(loaded, "org", [stages, csvs["engagement_partners"]])
    assert loaded.read_bytes() == before


def test_the_engagement_tables_round_trip_through_their_templates(org_loaded, demo_db):  # noqa: F811
    path, _ = org_loaded
    for table in NEW_TABLES:
        demo, back = db.connect_read_only(demo_db), db.connect_read_only(path)
        try:
            before, after = (queries.run(c, f"org_export_{table}") for c in (demo, back))
        finally:
            demo.close()
            back.close()
        assert len(before) > 0, table
        pd.testing.assert_frame_equal(after, before, check_dtype=False, obj=table)


def test_a_viewers_template_withholds_small_counts(demo_con):
    for table, column in (("engagement_stages", "community_members"), ("meetings", "community_members"),
                          ("trainings", "participants")):  # fmt: skip
        raw = queries.run(demo_con, f"org_export_{table}")[column]
        viewer = queries.run(demo_con, f"org_template_{table}")[column]
        assert raw.between(1, 10).any(), table  # the demo has small counts
        assert not viewer.between(1, 10).any(), table


# ---- an older database, without these tables ----


def without_engagement() -> str:
    """data/schema.sql as it was before the engagement tables."""
    start = SCHEMA.index("-- ---- Engagement (issue 12")
    end = SCHEMA.index("-- ---- Partnership health")
    return SCHEMA[:start] + SCHEMA[end:]


def test_a_database_from_before_the_engagement_tables_is_refused_with_the_way_to_upgrade(demo_db, tmp_path):
    path = tmp_path / "older.duckdb"
    con = duckdb.connect(str(path))
    con.execute(without_engagement())
    con.execute(f"ATTACH '{demo_db}' AS demo (READ_ONLY)")
    for name in db.TABLE_ORDER:
        if name not in NEW_TABLES:
            con.execute(f"INSERT INTO {name} SELECT * FROM demo.{name}")
    con.close()
    with pytest.raises(
        db.DatabaseError, match=r"engagement_stages\.community_members.*python -m equity upgrade"
    ):
        db.connect_read_only(path)
    from equity.ingest.build import upgrade

    report = upgrade(path)
    assert report.counts["meetings"] == 0 and report.counts["commitments"] > 0
    db.connect_read_only(path).close()


# ---- the page ----


def specs(at) -> dict[str, dict]:
    out = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        out[spec["layout"]["title"]["text"]] = spec
    return out


def table_with(at, column: str) -> pd.DataFrame:
    """The first static table on the page that has ``column``."""
    return next(t.value for t in at.table if column in t.value.columns)


def test_the_engagement_sections_read_to_a_community_meeting(on_demo):  # noqa: F811
    at = run_page("pages/partnerships.py", {"part": "engagement"})
    assert not at.exception, at.exception
    assert not at.warning
    said = texts(at)
    headings = [s.value for s in at.subheader]
    for heading in (e.ENGAGEMENT_HEADING, e.MEETINGS_HEADING, e.CAPACITY_HEADING, e.SUCCESS_HEADING):
        assert heading in headings
    # Who was at the table, from the start or late.
    assert re.search(
        r"3 of 6 programs had community members at the table from the needs assessment on \([^)]*Promotores "
        r"de Salud[^)]*\);.* brought them in only once running \([^)]*Eastside Community Health Center",
        said,
    ), said
    charts = specs(at)
    grid = charts["Community members who took part in each stage of each program"]
    cells = [c for row in grid["data"][0]["text"] for c in row]
    assert {"None", "Too few to show", "Not recorded"} <= set(cells)
    assert not [c for c in cells if c.isdigit() and 1 <= int(c) <= 10]
    assert grid["layout"]["xaxis"]["side"] == "top"
    # The gap, in words.
    assert "No community meeting in Elm County since January 2025; the agreed cadence is monthly." in said
    cadence = table_with(at, "Agreed cadence").map(plain)
    assert cadence.iloc[0]["Body"] == "Elm County community meetings"  # behind first
    assert cadence.iloc[0]["Now"].startswith("Behind: ")
    # Attendance, capacity and successes, each a chart with its own key and downloads.
    for title in (e.ATTENDANCE_TITLE, e.CAPACITY_TITLE, e.SUCCESS_TITLE):
        assert title in charts
    assert charts[e.CAPACITY_TITLE]["layout"]["xaxis"]["title"]["text"] == "Hours"
    assert re.search(r"In 2023–2025, community partners received 16 trainings and other support", said)
    assert "at least" in " ".join(table_with(at, "Trainings and support")["People who took part"])
    assert re.search(r"the coalition marked \d+ successes: \d+ targets met for the first time, \d+ "
                     r"commitments kept, 3 sites opened", said)  # fmt: skip
    keys = {b.key for b in at.get("download_button")}
    for name in (
        "engagement_by_stage",
        "meeting_cadence",
        "meetings",
        "attendance",
        "trainings",
        "successes",
    ):
        assert f"download_{name}" in keys and f"download_{name}_xlsx" in keys


@pytest.mark.parametrize(
    ("params", "expect"),
    [
        ({"who": "partners"}, "Partners who took part in each stage of each program"),
        ({"myear": "2024"}, "Successes in 2024"),
    ],
)
def test_the_choices_come_from_the_link(on_demo, params, expect):  # noqa: F811
    at = run_page("pages/partnerships.py", {"part": "engagement", **params})
    assert not at.exception, at.exception
    assert not at.warning
    assert expect in specs(at)


def test_one_bodys_meetings_from_the_link(on_demo):  # noqa: F811
    at = run_page("pages/partnerships.py", {"part": "engagement", "body": "elm_community"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="url_body").value == "elm_community"
    labels = [x.label for x in at.expander]
    assert any(re.fullmatch(r"The meetings record, Elm County community meetings \(\d+ meetings\)", plain(x))
               for x in labels), labels  # fmt: skip
    record = table_with(at, "Community members present")
    assert set(record["Body"].map(plain)) == {"Elm County community meetings"}


@pytest.mark.parametrize(
    ("key", "value", "notice"),
    [
        ("who", "<script>alert(1)</script>", "counting community members instead"),
        (
            "body",
            "'; DROP TABLE meetings; --",
            "which this database does not have; showing every body instead",
        ),
        ("myear", "20x4", "a year with none here; showing every year instead"),
        ("myear", "1999", "a year with none here; showing every year instead"),
        ("chart", "no_such_chart", "which this page does not have"),
    ],
)
def test_hostile_link_values_fall_back_with_a_notice(on_demo, demo_db, key, value, notice):  # noqa: F811
    before = demo_db.read_bytes()
    at = run_page("pages/partnerships.py", {"part": "engagement", key: value})
    assert not at.exception, at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert notice in warnings
    assert "<script>" not in warnings
    assert e.SUCCESS_HEADING in [s.value for s in at.subheader]
    assert demo_db.read_bytes() == before


@pytest.fixture(scope="module")
def without_rows(demo_db, tmp_path_factory):
    """The demo with the engagement tables empty, as a coalition's database is before it loads them."""
    path = tmp_path_factory.mktemp("bare") / "equity.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    for table in reversed(NEW_TABLES):
        con.execute(f"DELETE FROM {table}")
    con.close()
    return path


def test_a_database_without_engagement_rows_says_which_template_to_load(without_rows, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(without_rows))
    at = run_page("pages/partnerships.py", {"part": "engagement"})
    assert not at.exception, at.exception
    infos = [plain(i.value) for i in at.info]
    assert e.NO_ENGAGEMENT in infos and e.NO_MEETINGS in infos and e.NO_TRAININGS in infos
    for template in ("engagement_stages", "meeting_bodies", "trainings"):
        assert any(template in i and "Data & methods" in i for i in infos), template
    # Successes still come from what the other tables say: commitments kept, targets met, programs begun.
    assert e.SUCCESS_TITLE in specs(at)
