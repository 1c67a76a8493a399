"""Community voice that closes the loop: the board (their words as text), who was heard against who lives
here (sessions counted once, small counts withheld: a property test of the view and of the sums), how
long input waits (hand-computed), and the page on the demo, without the new records and with hostile
values in the link."""

from __future__ import annotations

import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equity import db, voice
from equity.views import community as view
from tests.test_pages import run_page, shown, texts

# ---- how long input waits ----------------------------------------------------------------------------

AS_OF = "2025-06-30"
WAITS = pd.DataFrame(
    [  # input_id, topic, heard, first answer
        ("a", "Wait times", "2025-01-01", "2025-01-31"),  # 30 days
        ("b", "Wait times", "2025-03-01", "2025-03-11"),  # 10 days
        ("c", "Cost of care", "2025-06-01", None),  # waiting: 29 days so far
        ("d", "Healthy food", "2024-06-30", None),  # waiting: 365 days so far (2025 is no leap year)
        ("e", "Language access", "2025-05-01", "2025-04-20"),  # answered before it was heard: 0
    ],
    columns=["input_id", "topic", "collected_on", "first_answer"],
).assign(
    collected_on=lambda d: pd.to_datetime(d["collected_on"]),
    first_answer=lambda d: pd.to_datetime(d["first_answer"]),
)


def test_waits_count_days_to_the_first_answer_and_the_waiting_until_as_of():
    w = voice.waits(WAITS, AS_OF)
    assert w["days"].tolist() == [30, 10, 29, 365, 0]
    assert w["waiting"].tolist() == [False, False, True, True, False]
    s = voice.wait_summary(w)
    # Sorted: 0, 10, 29, 30, 365: the median is the third, 29 (the waiting counted at their wait so far).
    assert s.median == 29 and s.answered == 3 and s.waiting == 2
    assert (s.longest_days, s.longest_topic, s.longest_waiting) == (365, "Healthy food", True)
    assert s.longest_since == pd.Timestamp("2024-06-30")
    assert voice.wait_takeaway(s) == (
        "Half of what people told us waited 29 days or more for a first action, counting what still waits "
        "until today. 2 things are still waiting; the longest, about “Healthy food”, has waited 365 days "
        "since Jun 2024."
    )


def test_with_nothing_waiting_the_longest_wait_is_the_longest_answered():
    s = voice.wait_summary(voice.waits(WAITS[WAITS["first_answer"].notna()], AS_OF))
    assert s.median == 10 and s.waiting == 0 and (s.longest_days, s.longest_waiting) == (30, False)
    assert voice.wait_takeaway(s).endswith("Everything has an answer; the longest wait was 30 days.")
    assert voice.wait_summary(voice.waits(WAITS.iloc[0:0], AS_OF)) is None


def test_an_even_number_of_waits_has_the_mean_of_the_middle_two_as_its_median():
    s = voice.wait_summary(voice.waits(WAITS.iloc[:4], AS_OF))  # 10, 29, 30, 365
    assert s.median == 29.5 and voice.days(s.median) == "30 days"


# ---- who was heard: sessions counted once, breakdowns, groups held with --------------------------------


def inputs_of(rows):
    cols = ["input_id", "method", "collected_on", "area", "group_dim", "group_label", "topic", "participants",
            "few_participants"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


INPUTS = inputs_of(
    [
        # One survey of 200 that ranked three topics: three rows, one session.
        ("s1", "survey", "2024-01-10", "Alder County", "all", "All", "Cost of care", 200, False),
        ("s2", "survey", "2024-01-10", "Alder County", "all", "All", "Wait times", 200, False),
        ("s3", "survey", "2024-01-10", "Alder County", "all", "All", "Healthy food", 200, False),
        # A focus group of 12 held with Black residents, no breakdown: all 12 count for Black.
        ("f1", "focus_group", "2024-02-01", "Birch", "race_ethnicity", "Black", "Respect", 12, False),
        # A focus group of 7: its count is withheld, so it adds nothing and makes its group too few to show.
        ("f2", "focus_group", "2024-03-01", "Birch", "race_ethnicity", "Asian", "Language", None,
         True),
        # A session held with Spanish speakers that recorded race and ethnicity: the breakdown counts.
        ("l1", "listening_session", "2024-04-01", "Elm", "language", "Spanish speakers", "Language", 40,
         False),
    ]
)  # fmt: skip
CELLS = pd.DataFrame(
    [  # the survey's breakdown on each of its rows (counted once), and the session's
        *[(i, "race_ethnicity", g, n, False) for i in ("s1", "s2", "s3")
          for g, n in (("White", 120), ("Black", 50), ("Hispanic or Latino", 30))],
        *[(i, "age", g, n, False) for i in ("s1", "s2", "s3")
          for g, n in (("18–24", 0), ("65 and older", 200))],
        ("l1", "race_ethnicity", "Hispanic or Latino", 34, False),
        ("l1", "race_ethnicity", "White", None, True),  # 4 withheld
        ("l1", "race_ethnicity", "Two or more races", None, True),  # 2 withheld, and so its complement
    ],
    columns=["input_id", "group_dim", "group_label", "participants", "few_participants"],
)  # fmt: skip


def test_people_heard_by_group_count_each_session_once():
    h = voice.heard_by_group(INPUTS, CELLS).set_index(["group_dim", "group_label"])
    race = h.loc["race_ethnicity"]
    assert race.loc["White", "heard"] == 120  # the session's withheld 4 are not added in
    assert race.loc["Black", "heard"] == 50 + 12  # the survey once, and the focus group held with them
    assert race.loc["Hispanic or Latino", "heard"] == 30 + 34
    assert race.loc["Asian", "too_few"] and np.isnan(race.loc["Asian", "heard"])  # never 0, never 7
    assert race.loc["Two or more races", "too_few"]
    assert not race.loc["White", "too_few"]
    assert h.loc[("age", "18–24"), "heard"] == 0 and not h.loc[("age", "18–24"), "too_few"]  # a true zero
    assert h.loc[("age", "65 and older"), "heard"] == 200
    assert h.loc[("language", "Spanish speakers"), "heard"] == 40  # a session held with them: all 40 were


POPULATION = pd.DataFrame(
    [
        ("race_ethnicity", "White", 6000),
        ("race_ethnicity", "Black", 2000),
        ("race_ethnicity", "Hispanic or Latino", 1500),
        ("race_ethnicity", "Asian", 500),
    ],
    columns=["group_dim", "group_label", "population"],
)


def test_under_heard_groups_are_those_below_four_fifths_of_their_share_of_residents():
    compared = voice.against_population(voice.heard_by_group(INPUTS, CELLS), POPULATION, "race_ethnicity")
    c = compared.set_index("group_label")
    # Heard and shown: White 120, Black 62, Hispanic 64: 246. Residents 10,000.
    assert c.loc["White", "heard_share"] == pytest.approx(120 / 246)  # 48.8% against 60%: 0.81, not under
    assert c.loc["White", "under"] is False
    assert c.loc["Black", "under"] is False  # 25.2% against 20%
    assert c.loc["Hispanic or Latino", "under"] is False  # 26.0% against 15%
    assert c.loc["Asian", "under"] is None and c.loc["Asian", "too_few"]  # cannot be said
    assert c.loc["Two or more races", "under"] is None  # heard (too few), but no residents' figure
    assert list(compared["group_label"])[:4] == ["White", "Black", "Hispanic or Latino", "Asian"]
    assert voice.heard_takeaway(compared, "race_ethnicity") == (
        "By race and ethnicity, every group's share of the people heard is at least four fifths of its share "
        "of residents. Too few people took part at any one session to show for: Asian and Two or more races."
    )
    fewer_white = CELLS.assign(participants=CELLS["participants"].where(CELLS["group_label"] != "White", 60))
    again = voice.against_population(voice.heard_by_group(INPUTS, fewer_white), POPULATION, "race_ethnicity")
    # White 60 of 186 heard (32%) against 60% of residents: under-heard; the others are not.
    assert again.set_index("group_label")["under"].to_dict()["White"] is True
    assert voice.heard_takeaway(again, "race_ethnicity").startswith(
        "Under-heard by race and ethnicity: White (32% of the people heard, 60% of residents)."
    )


def test_a_group_no_one_from_was_recorded_is_heard_zero_times_not_too_few():
    no_hispanic = CELLS[CELLS["group_label"] != "Hispanic or Latino"]
    c = voice.against_population(voice.heard_by_group(INPUTS, no_hispanic), POPULATION, "race_ethnicity")
    row = c.set_index("group_label").loc["Hispanic or Latino"]
    assert row["heard"] == 0 and not row["too_few"] and row["under"] is True


# ---- the small-count rule: the published view and the sums, as a property -----------------------------

SCHEMA = db.SCHEMA.read_text()


@pytest.fixture(scope="module")
def memory():
    con = duckdb.connect(":memory:")
    con.execute(SCHEMA)
    yield con
    con.close()


breakdowns = st.lists(  # sessions: (participants of each group of one breakdown)
    st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=5), min_size=1, max_size=6
)


@settings(max_examples=80)
@given(sessions=breakdowns, min_count=st.sampled_from([2, 5, 11, 20]))
def test_no_small_count_is_shown_or_can_be_worked_out(memory, sessions, min_count):
    con = memory
    for name in ("input_participants", "community_input", "meta"):
        con.execute(f"DELETE FROM {name}")
    con.execute("INSERT INTO meta VALUES ('min_count', ?)", [str(min_count)])
    truth = {}
    for k, groups in enumerate(sessions):
        total = sum(groups)
        con.execute(
            "INSERT INTO community_input VALUES (?, 'survey', DATE '2024-01-01' + ?::INTEGER, NULL, 'all', "
            "'All', 'Topic', 1, ?, 'said')",
            [f"i{k}", k, total],
        )
        for j, n in enumerate(groups):
            con.execute("INSERT INTO input_participants VALUES (?, 'race', ?, ?)", [f"i{k}", f"g{j}", n])
            truth[(f"i{k}", f"g{j}")] = n
    cells = con.execute("SELECT * FROM published_input_participants").df()
    inputs = con.execute(
        "SELECT input_id, method, collected_on, coalesce(area_id, 'Whole region') AS area, group_dim, "
        "group_label, topic, participants, few_participants FROM published_community_input"
    ).df()
    shown_cells = cells["participants"].dropna()
    assert not shown_cells.between(1, min_count - 1).any()  # no small cell shown
    total_shown = inputs.set_index("input_id")["few_participants"].eq(False)
    for input_id, part in cells.groupby("input_id"):
        hidden = [truth[(input_id, g)] for g in part.loc[part["few_participants"], "group_label"]]
        if hidden and total_shown[input_id]:
            # At least two withheld with people in them, whose sum is not small: the input's total, shown
            # beside its breakdown, minus the shown groups gives only their sum.
            assert sum(1 for n in hidden if n > 0) >= 2 and sum(hidden) >= min_count, (input_id, hidden)
    heard = voice.heard_by_group(inputs, cells)
    assert not heard["heard"].dropna().between(1, min_count - 1).any()  # no small sum shown
    shown_by_group = cells.dropna(subset=["participants"]).groupby("group_label")["participants"].sum()
    for r in heard.itertuples():
        if r.too_few:
            assert np.isnan(r.heard)  # "too few to show", never zero and never a number
        else:
            assert r.heard == shown_by_group.get(r.group_label, 0)  # only shown counts are added


# ---- the board: their words as text -------------------------------------------------------------------

BOARD_ROWS = pd.DataFrame(
    [
        ("i1", "survey", pd.Timestamp("2024-01-10"), "Alder County", "all", "All", "Wait <b>times</b>", 1, 40,
         False, '<img src=x onerror="alert(1)"> [link](https://evil.example) **six weeks**', "x1",
         "Opened <script>same-day</script> slots", "done", pd.Timestamp("2024-05-01"), "Clinic & Co"),
        ("i2", "focus_group", pd.Timestamp("2024-02-10"), "Birch County", "language", "Spanish speakers",
         "Wait <b>times</b>", 2, None, True, "Evening hours", None, None, None, None, None),
        ("i3", "survey", pd.Timestamp("2024-03-10"), "Birch County", "all", "All", "Cost", 1, 90, False,
         "Co-pays", None, None, None, None, None),
    ],
    columns=["input_id", "method", "collected_on", "area", "group_dim", "group_label", "topic",
             "priority_rank", "participants", "few_participants", "summary", "action_id", "action",
             "action_status", "updated_on", "action_partner"],
)  # fmt: skip


def test_the_board_shows_each_topic_with_their_words_as_text():
    html = view.board(BOARD_ROWS)
    assert html.count('class="topic-card') == 2
    assert "<img" not in html and "<script" not in html and "<b>" not in html and "<a " not in html
    assert '&lt;img src=x onerror="alert(1)"&gt; [link](https://evil.example) **six weeks**' in html
    assert "Opened &lt;script&gt;same-day&lt;/script&gt; slots" in html and "Clinic &amp; Co" in html
    # Most raised first; a topic with something unanswered is marked as waiting.
    assert html.index("Wait &lt;b&gt;times&lt;/b&gt;") < html.index(">Cost<")
    assert "Heard 2 times · 1 still waiting for an answer" in html
    assert "Nothing has been done about this yet." in html  # Cost: no action
    assert "done May 2024 · Clinic &amp; Co" in html


def test_the_board_narrowed_to_a_topic_shows_every_thing_said():
    many = pd.concat(
        [BOARD_ROWS.iloc[[2]].assign(input_id=f"c{k}", summary=f"Said {k}") for k in range(5)],
        ignore_index=True,
    )
    whole = view.board(many)
    assert whole.count('class="said"') == view.SAID_SHOWN and "and 2 more things said" in whole
    assert view.board(many, topic="Cost").count('class="said"') == 5


# ---- the page ---------------------------------------------------------------------------------------------


def test_the_page_on_the_demo_shows_the_board_who_was_heard_and_the_wait(on_demo):
    at = run_page("pages/community.py")
    assert not at.exception, at.exception
    assert not at.warning
    board = [m.value for m in at.markdown if 'class="board"' in m.value]
    assert len(board) == 1 and board[0].count('class="topic-card') == 7
    body = texts(at)
    assert "Who was heard" in body and "Under-heard by" in body
    assert "Half of what people told us waited" in body
    assert [c.proto.id for c in at.get("plotly_chart")] and len(at.get("plotly_chart")) == 2
    # The table of who was heard never shows a count from 1 to 10.
    heard = next(t.value for t in at.table if "Heard enough?" in t.value.columns).map(shown)
    counts = pd.to_numeric(heard["People heard"].str.replace(",", ""), errors="coerce").dropna()
    assert not counts.between(1, 10).any()


def test_the_breakdown_compared_comes_from_the_link(on_demo):
    at = run_page("pages/community.py", {"heard": "age"})
    assert not at.exception, at.exception
    assert not at.warning
    assert at.get("segmented_control")[0].value == "age"
    assert "age group" in texts(at)


@pytest.mark.parametrize("value", ["moon", "<img src=x>", "[a](https://evil.example)", "language"])
def test_a_breakdown_that_cannot_be_compared_falls_back_with_a_notice(on_demo, value):
    at = run_page("pages/community.py", {"heard": value})
    assert not at.exception, at.exception
    notices = [shown(w.value) for w in at.warning]
    assert any("cannot be compared here; comparing by" in n for n in notices), notices
    assert all("<img" not in w.value.replace("\\<", "") and "](" not in w.value for w in at.warning)


@pytest.fixture
def without_participants(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "equity.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    con.execute("DELETE FROM input_participants")
    con.execute("DELETE FROM community_input WHERE group_dim <> 'all' AND input_id NOT IN "
                "(SELECT input_id FROM actions)")  # fmt: skip
    con.execute("UPDATE community_input SET group_dim = 'all', group_label = 'All'")
    con.close()
    monkeypatch.setenv("EQUITY_DB", str(path))


def test_a_database_without_who_took_part_says_what_to_load(without_participants):
    at = run_page("pages/community.py")
    assert not at.exception, at.exception
    said = "\n".join(shown(i.value) for i in at.info)
    assert "No input records who took part by group yet" in said and "input_participants.csv" in said
    assert len(at.get("plotly_chart")) == 1  # the topics chart; no chart of who was heard
    assert "Half of what people told us waited" in texts(at)  # the wait is still told
