"""Mutual accountability as specifications: what became of a commitment, the record over time, each
promise's history in words, the page a community meeting reads, and databases and files of before."""

from __future__ import annotations

import json
import re
import shutil

import duckdb
import pandas as pd
import pytest

from equity import accountability as acc
from equity import db, queries, state, text
from equity.accountability import Event
from equity.views import partnerships as partnerships_view
from tests.helpers import page_tables
from tests.test_pages import run_page, texts

AS_OF = "2025-06-30"
D = pd.Timestamp

# ---- the record rules ---------------------------------------------------------------------------------

# status, due date now, first due date, completed on -> outcome, days (late or overdue), judged on AS_OF
OUTCOMES = {
    "done the day first promised": ("done", "2024-03-31", "2024-03-31", "2024-03-31", "kept_on_time", None),
    "done early": ("done", "2024-03-31", "2024-03-31", "2024-01-10", "kept_on_time", None),
    "done a day late": ("done", "2024-03-31", "2024-03-31", "2024-04-01", "kept_late", 1),
    "done by a date moved later": ("done", "2024-09-30", "2024-03-31", "2024-09-01", "kept_late", 154),
    "done, no date recorded": ("done", "2024-03-31", "2024-03-31", None, "kept_undated", None),
    "dropped after its date": ("dropped", "2024-03-31", "2024-03-31", None, "dropped", None),
    "dropped before its date": ("dropped", "2026-03-31", "2026-03-31", None, "dropped", None),
    "open, due yesterday": ("in_progress", "2025-06-29", "2025-06-29", None, "overdue", 1),
    "open, due today": ("in_progress", "2025-06-30", "2025-06-30", None, "not_yet_due", None),
    "never started, long past due": ("not_started", "2023-06-30", "2023-06-30", None, "overdue", 731),
    "moved past today": ("not_started", "2025-09-30", "2025-03-31", None, "not_yet_due", None),
    "moved, past the new date": ("in_progress", "2025-05-31", "2025-03-31", None, "overdue", 30),
}


@pytest.mark.parametrize("case", OUTCOMES)
def test_what_became_of_a_commitment(case):
    status, due, first, completed, outcome, days = OUTCOMES[case]
    assert acc.outcome(status, D(due), D(first), None if completed is None else D(completed), AS_OF) == (
        outcome,
        days,
    )


def frames(rows, changes=()):
    """Commitments as the query gives them, from (id, partner_id, status, due now, completed, to, to partner)
    rows, and their history from (id, changed on, was due, was status, reason) rows."""
    c = pd.DataFrame(
        rows, columns=["commitment_id", "partner_id", "status", "due_date", "completed_on", "accountable_to",
                       "to_partner"],
    )  # fmt: skip
    c = c.assign(
        partner=c["partner_id"].map(lambda p: p.title() if isinstance(p, str) else None),
        description=c["commitment_id"].str.upper(),
        made_on=D("2023-01-02"),
        due_date=pd.to_datetime(c["due_date"]),
        completed_on=pd.to_datetime(c["completed_on"]),
    )
    h = pd.DataFrame(
        list(changes), columns=["commitment_id", "changed_on", "was_due_date", "was_status", "reason"]
    )
    return c, h.astype({"changed_on": "datetime64[ns]", "was_due_date": "datetime64[ns]"})


def test_the_first_due_date_is_the_earliest_ever_promised_and_moves_are_counted():
    c, h = frames(
        [("a", "p", "done", "2024-12-31", "2024-12-01", "coalition", None),
         ("b", "p", "in_progress", "2025-09-30", None, "coalition", None),
         ("c", "q", "done", "2024-06-30", "2024-06-30", "coalition", None)],
        [("a", "2024-03-01", "2024-03-31", None, None),  # first due in March, moved twice
         ("a", "2024-06-01", "2024-06-30", "not_started", None),
         ("b", "2025-01-10", None, "not_started", None),  # a status change is not a move
         ("c", "2024-01-01", "2024-09-30", None, "Moved earlier")],  # moved earlier: its first date counts
    )  # fmt: skip
    judged = acc.judge(c, h, AS_OF).set_index("commitment_id")
    assert judged["first_due"].dt.strftime("%Y-%m-%d").to_dict() == {
        "a": "2024-03-31", "b": "2025-09-30", "c": "2024-09-30"
    }  # fmt: skip
    assert judged["moves"].to_dict() == {"a": 2, "b": 0, "c": 1}
    assert judged["outcome"].to_dict() == {"a": "kept_late", "b": "not_yet_due", "c": "kept_on_time"}


def test_the_record_counts_each_commitment_in_the_period_it_was_first_due_overdue_first():
    c, h = frames(
        [("a", "p", "done", "2025-02-28", "2025-02-20", "coalition", None),  # first due Nov 2024
         ("b", "p", "in_progress", "2024-05-01", None, "coalition", None),
         ("c", None, "dropped", "2024-07-01", None, "community", None),
         ("d", "q", "done", "2025-04-15", "2025-04-01", "partner", "P"),
         ("e", "q", "not_started", "2026-01-15", None, "coalition", None)],
        [("a", "2024-10-01", "2024-11-30", None, None)],
    )  # fmt: skip
    judged = acc.judge(c, h, AS_OF)
    assert list(judged["commitment_id"]) == ["b", "c", "a", "d", "e"]  # overdue, dropped, late, kept, open
    by_year = acc.record(judged)
    assert list(by_year.columns) == list(acc.OUTCOMES)
    assert by_year.values.tolist() == [[1, 1, 1, 0, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 1]]
    assert list(by_year.index) == ["2024", "2025", "2026"]
    by_quarter = acc.record(acc.judge(c, h, AS_OF, by="quarter"), by="quarter")
    assert list(by_quarter.index) == [  # every quarter between, those with nothing due too
        "2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1"
    ]  # fmt: skip
    assert by_quarter.loc["2025 Q1"].sum() == 0 and by_quarter.loc["2024 Q4", "kept_late"] == 1
    gap = acc.record(acc.judge(c[c["commitment_id"].isin(["b", "e"])], h, AS_OF))
    assert list(gap.index) == ["2024", "2025", "2026"] and gap.loc["2025"].sum() == 0
    assert acc.summary(judged) == {
        "overdue": 1, "dropped": 1, "kept_late": 1, "kept_undated": 0, "kept_on_time": 1, "not_yet_due": 1,
        "total": 5, "fallen_due": 4,
    }  # fmt: skip
    record = acc.partner_record(judged)
    assert list(record.index) == ["p", "coalition", "q"]  # overdue first, then dropped, then late
    assert record.loc["p", "moves"] == 1 and record.loc["q", "total"] == 2
    assert acc.directions(judged) == {
        "to_coalition": 3, "to_community": 1, "coalition_to_community": 1, "between_partners": 1,
        "coalition_to_partner": 0,
    }  # fmt: skip


def test_the_commitments_query_and_the_rules_agree_on_what_is_overdue(demo_con):
    """The overview counts the query's overdue; the partnerships page the rules': one rule, both places."""
    c = queries.run(demo_con, "commitments", {"as_of": AS_OF})
    judged = acc.judge(c, queries.run(demo_con, "commitment_changes"), AS_OF)
    assert (judged["outcome"].eq("overdue") == judged["overdue"]).all()
    assert (
        judged["days"].where(judged["overdue"]).dropna().tolist() == judged["days_overdue"].dropna().tolist()
    )


# ---- the history, in words ---------------------------------------------------------------------------

WORDS = {
    "never moved": (text.due_history, (D("2025-03-31"), D("2025-03-31"), 0), "Mar 31, 2025"),
    "moved once": (text.due_history, (D("2025-06-30"), D("2025-03-31"), 1),
                   "Jun 30, 2025 (first due Mar 31, 2025; moved once)"),
    "moved twice": (text.due_history, (D("2025-09-30"), D("2025-03-31"), 2),
                    "Sep 30, 2025 (first due Mar 31, 2025; moved twice)"),
    "moved and back": (text.due_history, (D("2025-03-31"), D("2025-03-31"), 3),
                       "Mar 31, 2025 (moved 3 times, back to the date first promised)"),
    "overdue": (text.outcome_words, ("overdue", 1), "Overdue by 1 day"),
    "late": (text.outcome_words, ("kept_late", 48), "Kept late, by 48 days"),
    "open": (text.outcome_words, ("not_yet_due", None, "not_started"), "Not yet due (not started)"),
    "undated": (text.outcome_words, ("kept_undated",), "Kept, date not recorded"),
    "by the coalition": (text.promised_by, (None,), "The coalition"),
    "to a partner": (text.promised_to, ("partner", "Unidos"), "Unidos"),
    "to the community": (text.promised_to, ("community", None, None), "The community"),
    "answering input": (text.promised_to, ("community", None, "Cost of care; Wait times"),
                        "The community, answering what people said about Cost of care and Wait times"),
    "made": (text.event_words, (Event(D("2023-09-12"), "made", now=D("2024-03-31")),),
             "Promised, due Mar 31, 2024."),
    "moved, with why": (text.event_words,
                        (Event(D("2024-03-20"), "moved", D("2024-03-31"), D("2024-09-30"), "Lawyers"),),
                        "Due date moved from Mar 31, 2024 to Sep 30, 2024. Why: Lawyers."),
    "started": (text.event_words, (Event(D("2024-01-08"), "status", "not_started", "in_progress"),),
                "In progress (was not started)."),
    "dropped": (text.event_words, (Event(D("2024-08-20"), "status", "in_progress", "dropped", "No funds."),),
                "Dropped (was in progress). Why: No funds."),
    "kept late": (text.event_words, (Event(D("2025-02-10"), "kept", 316),),
                  "Kept, 316 days after the date first promised."),
    "kept on time": (text.event_words, (Event(D("2025-02-10"), "kept"),), "Kept, on time."),
    "overdue now": (text.event_words, (Event(D("2025-06-30"), "overdue", 30),), "Overdue by 30 days."),
}  # fmt: skip


@pytest.mark.parametrize("case", WORDS)
def test_history_wording(case):
    words, args, expected = WORDS[case]
    assert words(*args) == expected


@pytest.mark.parametrize(
    ("summary", "oldest", "expected"),
    [
        (dict(overdue=1, kept_on_time=1, kept_late=0, kept_undated=0, dropped=0, fallen_due=2),
         (30, "Report back", "The coalition", "The community"),
         "1 commitment is overdue as of June 30, 2025, the longest by 30 days: “Report back” (The coalition "
         "to the community). Of the 2 that have fallen due, 1 was kept on time, 0 late and 0 dropped."),
        (dict(overdue=0, kept_on_time=3, kept_late=2, kept_undated=1, dropped=1, fallen_due=7), None,
         "No commitment is overdue as of June 30, 2025. Of the 7 that have fallen due, 3 were kept on time, "
         "2 late, 1 on a date not recorded and 1 dropped."),
        (dict(overdue=0, kept_on_time=0, kept_late=0, kept_undated=0, dropped=0, fallen_due=0), None,
         "No commitment is overdue as of June 30, 2025. None has fallen due yet."),
    ],
)  # fmt: skip
def test_the_lead_sentence_puts_overdue_first(summary, oldest, expected):
    assert text.record_takeaway(summary, text.as_of_words(AS_OF), oldest) == expected


def test_a_history_told_in_order_with_each_earlier_promise_kept():
    c, h = frames(
        [("a", "p", "done", "2025-01-31", "2025-02-10", "coalition", None)],
        [("a", "2024-01-08", None, "not_started", None),
         ("a", "2024-03-20", "2024-03-31", None, "Lawyers"),
         ("a", "2024-09-16", "2024-09-30", None, "New records system"),
         ("a", "2025-02-10", None, "in_progress", None)],
    )  # fmt: skip
    row = acc.judge(c, h, AS_OF).iloc[0]
    assert [(e.on.strftime("%Y-%m-%d"), text.event_words(e)) for e in acc.timeline(row, h, AS_OF)] == [
        ("2023-01-02", "Promised, due Mar 31, 2024."),
        ("2024-01-08", "In progress (was not started)."),
        ("2024-03-20", "Due date moved from Mar 31, 2024 to Sep 30, 2024. Why: Lawyers."),
        ("2024-09-16", "Due date moved from Sep 30, 2024 to Jan 31, 2025. Why: New records system."),
        ("2025-02-10", "Kept, 316 days after the date first promised."),
    ]


# ---- the page a community meeting reads, on the demo ----------------------------------------------------


def tables(at) -> list[pd.DataFrame]:
    return [t.value for t in page_tables(at)]


def plain(value: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(value))


def test_the_partnerships_page_reads_to_a_community_meeting(on_demo, demo_db):
    at = run_page("pages/partnerships.py")
    assert not at.exception, at.exception
    assert not at.warning
    said = texts(at)
    assert [plain(t.value) for t in at.title] == ["Partnerships: promises kept, both ways"]
    # The lead is what is overdue, as of the day commitments are judged, then how the rest were kept.
    lead = re.search(r'<div class="takeaway">([^<]*)</div>', said)[1]
    assert re.fullmatch(
        r"\d+ commitments? (is|are) overdue as of June 30, 2025, the longest by [\d,]+ days: “[^”]+” "
        r"\([^)]+ to [^)]+\)\. Of the \d+ that have fallen due, \d+ (was|were) kept on time, \d+ late "
        r"and \d+ dropped\.",
        lead,
    ), lead
    assert re.search(
        r"Promises run every way: \d+ from partners to the coalition, \d+ to the community \(\d+ of them the "
        r"coalition's own\), \d+ between partners",
        said,
    )
    headings = [s.value for s in at.subheader]
    assert headings.index("Overdue now") < headings.index("The record, year by year")  # overdue first
    overdue = tables(at)[0]
    assert all(plain(s).startswith("Overdue by") for s in overdue["What became of it"])
    assert "The coalition" in set(overdue["Who promised"].map(plain))  # the coalition answers for its own
    cards = re.findall(r'<div class="label">([^<]*)</div><div class="value">', said)
    assert cards[0] == "Overdue"
    # The hospital's promise to the coalition, moved twice and kept late, with each earlier date kept.
    history = tables(at)[3].map(plain)
    assert list(history["What happened"]) == [
        "Promised, due Mar 31, 2024.",
        "In progress (was not started).",
        "Due date moved from Mar 31, 2024 to Sep 30, 2024. Why: The data-sharing agreement was still with "
        "the hospital's lawyers.",
        "Due date moved from Sep 30, 2024 to Jan 31, 2025. Why: A new health records system delayed the "
        "first extract.",
        "Kept, 316 days after the date first promised.",
    ]
    every = tables(at)[2].map(plain)
    hospital = every[every["Commitment"].str.startswith("Share emergency department visits")].iloc[0]
    assert hospital["Due"] == "Jan 31, 2025 (first due Mar 31, 2024; moved twice)"
    assert hospital["What became of it"] == "Kept late, by 316 days"
    assert hospital["To whom"] == "The coalition"
    to_whom = set(every["To whom"])
    assert "The community, answering what people said about Language access" in to_whom
    assert {"Alder City Public Schools", "Unidos Community Alliance"} <= to_whom  # partners to each other
    assert (every["What became of it"] == "Dropped").sum() >= 1
    # Every chart draws its key, and the record's segments tell apart without colour.
    specs = {
        json.loads(c.proto.spec)["layout"]["title"]["text"]: json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
    }
    record = specs["What became of the commitments due each year"]
    assert [t["name"] for t in record["data"]][:2] == ["Overdue", "Dropped"]
    assert {t["name"] for t in record["data"] if t["marker"].get("pattern")} >= {
        "Dropped",
        "Kept late",
        "Not yet due",
    }
    assert all(t.get("showlegend", True) for t in record["data"])
    # The page shows one part at a time: what partners put in is the next part.
    assert [b.label for b in at.get("segmented_control") if b.key == "url_part"] == ["Part of the page"]
    resources = run_page("pages/partnerships.py", {"part": "roles"})
    assert not resources.exception, resources.exception
    assert "In 2023–2025, 15 partners put in $" in texts(resources)
    assert "In 2023–2025, 15 partners put in $" not in said
    said += texts(resources)
    # Nothing about a person: what community members said, and how many said it, stays on its own page
    # (where small counts are withheld); here a promise names only the topic it answers.
    con = db.connect_read_only(demo_db)
    try:
        heard = queries.run(con, "community_input")
        columns = set(queries.run(con, "commitments", {"as_of": AS_OF}).columns)
    finally:
        con.close()
    assert not any(s in said for s in heard["summary"])
    assert not columns & {"summary", "participants", "few_participants", "group_label"}


def test_the_record_of_one_partner_by_quarter_from_the_link(on_demo):
    at = run_page(
        "pages/partnerships.py", {"partner": "riverbend_health", "by": "quarter", "commitment": "s06"}
    )
    assert not at.exception, at.exception
    assert not at.warning
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
    assert "What became of Riverbend Health System's commitments due each quarter" in titles
    assert at.selectbox(key="url_partner").value == "riverbend_health"
    history = tables(at)[3].map(plain)
    assert history["What happened"].iloc[-1] == (
        "Dropped (was in progress). Why: The foundation's board cut its transport grants; ride vouchers were "
        "agreed instead."
    )


@pytest.mark.parametrize(
    ("key", "value", "notice"),
    [
        ("partner", "nobody", "who has no commitments here; showing every partner and the coalition instead"),
        ("by", "decade", "counting them by year instead"),
        ("commitment", "c999", "which this database does not have; showing the one moved most instead"),
        ("part", "<script>alert(1)</script>", "which this page does not have; showing promises kept instead"),
        ("part", "Health", "which this page does not have; showing promises kept instead"),
    ],
)
def test_a_link_the_page_cannot_follow_falls_back_with_a_notice(on_demo, key, value, notice):
    at = run_page("pages/partnerships.py", {key: value})
    assert not at.exception, at.exception
    assert notice in "\n".join(w.value for w in at.warning)
    assert texts(at).count("Overdue now") == 1


# ---- databases and files made before -----------------------------------------------------------------------

NEW_COLUMNS = {"commitments": ("accountable_to", "to_partner_id"), "actions": ("commitment_id",)}
NEW_TABLES = ("commitment_changes", "contributions")


def older_schema() -> str:
    """data/schema.sql as it was before commitments said to whom, kept their history, and partners'
    contributions were counted."""
    schema = db.SCHEMA.read_text()
    for table in NEW_TABLES:
        schema = re.sub(rf"CREATE TABLE {table} \(.*?\n\);\n", "", schema, flags=re.S)
    schema = re.sub(r",\n\s*-- To whom it is owed.*?REFERENCES partners \(partner_id\)\n\);", "\n);", schema,
                    count=1, flags=re.S)  # fmt: skip
    link = r",\n\s*commitment_id VARCHAR REFERENCES commitments \(commitment_id\)[^\n]*\n\);"
    schema = re.sub(link, "\n);", schema, count=1)
    return schema.replace(
        "partner_id     VARCHAR REFERENCES partners (partner_id),  -- who is accountable",
        "partner_id     VARCHAR NOT NULL REFERENCES partners (partner_id),  -- who is accountable",
    )


def build_older(demo_db, path, values: bool = True):
    """A coalition's file built by the dashboard of before, holding the demo's rows that fit it (without
    its indicator values where ``values`` is false: a load checks those, and they are not its business)."""
    con = duckdb.connect(str(path))
    schema = older_schema()
    assert "accountable_to VARCHAR" not in schema and "CREATE TABLE commitment_changes" not in schema
    assert "    commitment_id VARCHAR REFERENCES" not in schema and "TABLE contributions" not in schema
    con.execute(schema)
    con.execute(f"ATTACH '{demo_db}' AS demo (READ_ONLY)")
    skipped = NEW_TABLES if values else (*NEW_TABLES, "indicator_values", "national_values", "withheld")
    for name in db.TABLE_ORDER:
        if name in skipped:
            continue
        dropped = NEW_COLUMNS.get(name)
        kept = f"* EXCLUDE ({', '.join(dropped)})" if dropped else "*"
        where = "WHERE partner_id IS NOT NULL" if name == "commitments" else ""
        con.execute(f"INSERT INTO {name} BY NAME SELECT {kept} FROM demo.{name} {where}")
    con.execute("UPDATE meta SET value = 'false' WHERE key = 'is_demo'")  # a coalition's own, not the demo
    con.close()
    return path


@pytest.fixture(scope="module")
def older_db(demo_db, tmp_path_factory):
    return build_older(demo_db, tmp_path_factory.mktemp("older") / "older.duckdb")


def test_an_older_database_is_refused_with_the_way_to_upgrade_it_and_upgrades(
    older_db, tmp_path, monkeypatch
):
    from equity.ingest.build import upgrade

    path = tmp_path / "older.duckdb"
    shutil.copy(older_db, path)
    with pytest.raises(db.DatabaseError, match=r"commitments\.accountable_to.*python -m equity upgrade"):
        db.connect_read_only(path)
    before = duckdb.connect(str(path), read_only=True)
    n = before.execute("SELECT count(*) FROM commitments").fetchone()[0]
    before.close()
    report = upgrade(path)
    assert report.counts["commitments"] == n and report.counts["commitment_changes"] == 0
    con = db.connect_read_only(path)
    c = queries.run(con, "commitments", {"as_of": AS_OF})
    con.close()
    assert set(c["accountable_to"]) == {"coalition"}  # what every commitment meant before
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = run_page("pages/partnerships.py")
    assert not at.exception, at.exception
    said = texts(at)
    assert "overdue as of June 30, 2025" in said
    resources = texts(run_page("pages/partnerships.py", {"part": "roles"}))
    assert text.NO_CONTRIBUTIONS in resources  # what to load to see resources pooled
    assert "moved" not in "".join(tables(at)[2]["Due"])  # no history was kept: no date moved


def test_older_files_still_load_into_an_older_database(demo_db, tmp_path):
    """Organisation files without the new columns (commitments without to whom, actions without the
    promise they make) load into a database of before; the new database has the current schema."""
    from equity.ingest import ingest
    from tests.test_ingest_org import export_templates

    path = build_older(demo_db, tmp_path / "older.duckdb", values=False)
    csvs = export_templates(demo_db, tmp_path / "t")
    commitments = pd.read_csv(csvs["commitments"], dtype=str, keep_default_na=False)
    commitments = commitments[commitments["partner_id"] != ""].drop(
        columns=["accountable_to", "to_partner_id"]
    )
    commitments.to_csv(csvs["commitments"], index=False)
    actions = pd.read_csv(csvs["actions"], dtype=str, keep_default_na=False).drop(columns="commitment_id")
    actions.to_csv(csvs["actions"], index=False)
    report = ingest(path, "org", [csvs["commitments"], csvs["actions"]])
    assert report.counts["commitments"] == len(commitments) and report.counts["actions"] == len(actions)
    con = db.connect_read_only(path)  # the current schema now: nothing to upgrade
    c = queries.run(con, "commitments", {"as_of": AS_OF})
    con.close()
    assert set(c["accountable_to"]) == {"coalition"} and c["partner"].notna().all()


# ---- the page's parts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "part", "heading"),
    [
        ({}, "promises", "Overdue now"),
        ({"chart": "record_by_partner"}, "promises", "Each partner's record"),
        ({"chart": "pooled"}, "roles", "Resources pooled"),
        ({"chart": "successes"}, "engagement", "Successes to celebrate"),
        ({"chart": "health_sections"}, "health", "The health of the partnership"),
        ({"part": "roles", "chart": "health_network"}, "roles", "Who does what"),  # the link's part wins
        ({"chart": "no_such_chart"}, "promises", "Overdue now"),
    ],
)
def test_one_part_at_a_time_and_a_charts_link_opens_its_part(on_demo, params, part, heading):
    at = run_page("pages/partnerships.py", params)
    assert not at.exception, at.exception
    assert at.segmented_control(key="url_part").value == part
    assert heading in [s.value for s in at.subheader]
    drawn = set(at.session_state["_frame"].drawn)
    assert drawn and {partnerships_view.CHART_PART[c] for c in drawn} == {part}  # the other parts not drawn


def test_every_chart_of_the_page_is_in_one_part():
    assert set(partnerships_view.CHART_PART) == set(state.PAGE_CHARTS["partnerships"])
    assert set(partnerships_view.CHART_PART.values()) == set(partnerships_view.PARTS)


def test_choosing_a_part_writes_it_in_the_address_and_drops_the_charts_link(on_demo):
    at = run_page("pages/partnerships.py", {"chart": "record"})
    at.segmented_control(key="url_part").set_value("health").run()
    at.run()
    assert not at.exception, at.exception
    assert at.query_params.get("part") in ("health", ["health"])
    assert not at.query_params.get("chart")
    assert "The health of the partnership" in [s.value for s in at.subheader]
