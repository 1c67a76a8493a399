"""Small numbers protected: hand cases, and properties no sum, difference or share can break."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from equity import db, privacy


def table(rows):
    """rows: (area_id, group_dim, group_label, numerator, denominator)."""
    df = pd.DataFrame(rows, columns=["area_id", "group_dim", "group_label", "numerator", "denominator"])
    return df.assign(indicator_id="x", period=2024, value=None, flag=None)


def hidden_set(values, parents, min_count=11):
    w = privacy.withheld(values, pd.Series(parents, dtype=object), min_count)
    return {(r.area_id, r.group_label): r.reason for r in w.itertuples()}


def test_a_single_small_group_takes_a_second_one_with_it():
    values = table(
        [
            ("c", "all", "All", 120, 1000),
            ("c", "sex", "Female", 5, 480),  # small: hidden
            ("c", "sex", "Male", 115, 520),  # would give Female away as 120 - 115
        ]
    )
    assert hidden_set(values, {"c": None}) == {("c", "Female"): "small_count", ("c", "Male"): "complementary"}


def test_the_smallest_other_group_is_chosen_and_zeros_are_not():
    values = table(
        [
            ("c", "all", "All", 200, 1000),
            ("c", "race", "A", 3, 100),
            ("c", "race", "B", 0, 100),  # a zero protects nothing
            ("c", "race", "C", 40, 300),
            ("c", "race", "D", 157, 500),
        ]
    )
    assert hidden_set(values, {"c": None}) == {("c", "A"): "small_count", ("c", "C"): "complementary"}


def test_two_small_groups_whose_sum_is_small_take_a_third():
    values = table(
        [
            ("c", "all", "All", 100, 1000),
            ("c", "race", "A", 2, 100),
            ("c", "race", "B", 3, 100),  # A + B = 5 = 100 - C - D: still a small count
            ("c", "race", "C", 30, 300),
            ("c", "race", "D", 65, 500),
        ]
    )
    assert set(hidden_set(values, {"c": None})) == {("c", "A"), ("c", "B"), ("c", "C")}


def test_a_small_tract_takes_a_neighbour_in_its_county():
    values = table(
        [
            ("county", "all", "All", 300, 30000),
            ("t1", "all", "All", 4, 3000),
            ("t2", "all", "All", 96, 9000),
            ("t3", "all", "All", 200, 18000),
        ]
    )
    parents = {"county": None, "t1": "county", "t2": "county", "t3": "county"}
    assert hidden_set(values, parents) == {("t1", "All"): "small_count", ("t2", "All"): "complementary"}


def test_nothing_to_protect_withholds_nothing():
    values = table(
        [("c", "all", "All", 120, 1000), ("c", "sex", "Female", 50, 480), ("c", "sex", "Male", 70, 520)]
    )
    assert hidden_set(values, {"c": None}) == {}


def test_a_small_denominator_is_protected_too():
    values = table([("c", "all", "All", 0, 5)])  # "0 of 5 people" still describes 5 people
    assert hidden_set(values, {"c": None}) == {("c", "All"): "small_count"}


def test_an_age_adjusted_companion_is_withheld_with_its_base():
    rows = [
        ("c", "all", "All", 120, 1000),
        ("c", "age", "18–44", 5, 400),  # small: hidden, and 45+ with it
        ("c", "age", "45+", 115, 600),
        ("c", "sex", "Female", 50, 480),
        ("c", "sex", "Male", 70, 520),
    ]
    base = table(rows)
    # The companion repeats the counts (no age groups); one of its own rows the builder flagged.
    adjusted = table([r for r in rows if r[1] != "age"]).assign(indicator_id="x_aa")
    adjusted.loc[adjusted["group_label"] == "Male", "flag"] = "suppressed"
    w = privacy.withheld(pd.concat([base, adjusted]), pd.Series({"c": None}, dtype=object), 11, {"x_aa": "x"})
    got = {(r.indicator_id, r.group_label): r.reason for r in w.itertuples()}
    assert got == {
        ("x", "18–44"): "small_count",
        ("x", "45+"): "complementary",
        # Everyone's adjusted value would be a second equation in the withheld age groups.
        ("x_aa", "All"): "complementary",
        # Its own flag; and it takes no other row with it (its counts are the base's, which shows Female).
        ("x_aa", "Male"): "small_count",
    }


def test_companions_are_age_adjusted_indicators_computed_from_counts():
    indicators = pd.DataFrame(
        {
            "indicator_id": ["x", "x_aa", "p", "p_aa", "y_aa"],
            "measure_type": ["crude", "age_adjusted", "crude", "age_adjusted", "age_adjusted"],
        }
    )
    values = pd.DataFrame(
        {"indicator_id": ["x", "x_aa", "p", "p_aa", "y_aa"], "numerator": [5, 5, None, None, 3]}
    )
    # p_aa is a publisher's estimate without counts (PLACES); y_aa has no crude base.
    assert privacy.companions(indicators, values) == {"x_aa": "x"}


# ---- properties --------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=60)


@st.composite
def county_with_tracts_and_groups(draw):
    """A county of 2 to 5 tracts, each split into 2 to 4 groups, totals adding up at every level."""
    n_tracts = draw(st.integers(2, 5))
    n_groups = draw(st.integers(2, 4))
    cells = np.array(
        draw(
            st.lists(
                st.lists(counts, min_size=n_groups, max_size=n_groups), min_size=n_tracts, max_size=n_tracts
            )
        )
    )
    dens = cells + np.array(
        draw(
            st.lists(
                st.lists(counts, min_size=n_groups, max_size=n_groups), min_size=n_tracts, max_size=n_tracts
            )
        )
    )
    rows, parents = [], {"c": None}
    for t in range(n_tracts):
        parents[f"t{t}"] = "c"
        rows.append((f"t{t}", "all", "All", int(cells[t].sum()), int(dens[t].sum())))
        rows += [(f"t{t}", "g", f"G{g}", int(cells[t, g]), int(dens[t, g])) for g in range(n_groups)]
    rows.append(("c", "all", "All", int(cells.sum()), int(dens.sum())))
    rows += [("c", "g", f"G{g}", int(cells[:, g].sum()), int(dens[:, g].sum())) for g in range(n_groups)]
    return table(rows), parents


def shown_and_hidden(values, parents):
    w = privacy.withheld(values, pd.Series(parents, dtype=object))
    hidden = set(zip(w["area_id"], w["group_label"], strict=True))
    return values.assign(
        hidden=[(a, g) in hidden for a, g in zip(values.area_id, values.group_label, strict=True)]
    )


def sets_that_add_up(df, parents):
    """(total row, member rows) for every set of cells that adds up to a total."""
    for _area, part in df.groupby("area_id"):
        total = part[part.group_dim == "all"]
        yield total.iloc[0], part[part.group_dim != "all"]
    children = df.assign(parent=df.area_id.map(parents)).dropna(subset=["parent"])
    for (parent, label), part in children.groupby(["parent", "group_label"]):
        total = df[(df.area_id == parent) & (df.group_label == label)]
        yield total.iloc[0], part


@settings(max_examples=150, deadline=None)
@given(county_with_tracts_and_groups())
def test_no_small_count_is_shown_or_can_be_worked_out(case):
    values, parents = case
    df = shown_and_hidden(values, parents)
    small = df.numerator.between(1, 10) | df.denominator.between(1, 10)
    assert df.loc[small, "hidden"].all(), "every small count is withheld"
    for total, members in sets_that_add_up(df, parents):
        if total.hidden:
            continue
        withheld = members[members.hidden]
        if len(withheld) == 0:
            continue
        # What an onlooker can work out: the total minus what is shown, i.e. the withheld cells' sum.
        for column in ("numerator", "denominator"):
            recovered = total[column] - members.loc[~members.hidden, column].sum()
            assert recovered == withheld[column].sum()
            assert not (1 <= recovered <= 10), f"{column} {recovered} can be worked out"


def test_published_values_withholds_what_privacy_decides(demo_db):
    con = db.connect_read_only(demo_db)
    with db.cursor(con) as cur:
        withheld = cur.execute("SELECT count(*) FROM withheld").fetchone()[0]
        complementary = cur.execute(
            "SELECT count(*) FROM withheld WHERE reason = 'complementary'"
        ).fetchone()[0]
        shown_withheld = cur.execute(
            "SELECT count(*) FROM published_values p JOIN withheld w "
            "USING (indicator_id, area_id, period, group_dim, group_label) "
            "WHERE p.value IS NOT NULL OR p.numerator IS NOT NULL OR p.denominator IS NOT NULL "
            "OR p.ci_low IS NOT NULL OR p.flag <> 'suppressed'"
        ).fetchone()[0]
        small_shown = cur.execute(
            "SELECT count(*) FROM published_values "
            "WHERE numerator BETWEEN 1 AND 10 OR denominator BETWEEN 1 AND 10"
        ).fetchone()[0]
    con.close()
    assert withheld > 0 and complementary > 0
    assert shown_withheld == 0 and small_shown == 0


def test_no_query_reads_raw_values():
    """Every page reads through published_values, so no page can bypass the protection."""
    from equity import queries

    for name in queries.names():
        text = queries.sql(name)
        body = text.replace("published_values", "")
        if "indicator_values" in body:
            # Only catalogue queries may look at the raw table, and never at a value in it.
            assert not any(word in body for word in ("value,", "numerator", "denominator", "ci_low")), name
