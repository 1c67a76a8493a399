"""Golden outputs for the queries whose numbers people read, on a fixture small enough to check by hand.

The fixture (built below through the same build-and-swap path as any database):

    01 Alpha State (1,000 people)
    ├── 01001 Birch County (600)
    │   ├── 01001000100 Tract 1 (250)   uninsured 5 of 250: a small count, withheld
    │   └── 01001000200 Tract 2 (350)   uninsured 40 of 350: withheld as its complement (privacy.py),
    │                                   else Birch's 45 minus it would give Tract 1's 5
    └── 01003 Cedar County (400)
        └── 01003000100 Tract 3 (400)   uninsured 50 of 400 in 2024, 52 of 400 in 2023: shown

Poverty, the second indicator, is shown in Tracts 1 and 2 and has no data for Tract 3. The mobile clinic
served 4 people from Tract 1 in 2024 (too few to show), 120 from Tract 2, and no one from Tract 3; its
30 Black residents of Tract 2 are a group row, which no page shows. The threshold is the default, 11.

Each expected row below was worked out from that picture, not copied from a run.
"""

from __future__ import annotations

import pandas as pd
import pytest

from equity import db, privacy, queries, text

STATE, BIRCH, CEDAR = "01", "01001", "01003"
T1, T2, T3 = "01001000100", "01001000200", "01003000100"

AREAS = [  # area_id, name, level, parent_id, population
    (STATE, "Alpha State", "state", None, 1000),
    (BIRCH, "Birch County", "county", STATE, 600),
    (CEDAR, "Cedar County", "county", STATE, 400),
    (T1, "Tract 1", "tract", BIRCH, 250),
    (T2, "Tract 2", "tract", BIRCH, 350),
    (T3, "Tract 3", "tract", CEDAR, 400),
]
VALUES = [  # indicator_id, area_id, period, group_dim, group_label, value, ci_low, ci_high, num, den, flag
    ("uninsured", STATE, 2024, "all", "All", 9.5, 9.0, 10.0, 95, 1000, None),
    ("uninsured", STATE, 2024, "race_ethnicity", "Black", 14.0, 9.0, 19.0, 42, 300, "unreliable"),
    ("uninsured", STATE, 2024, "race_ethnicity", "White", 7.6, 6.0, 9.2, 53, 700, None),
    ("uninsured", BIRCH, 2024, "all", "All", 7.5, 6.0, 9.0, 45, 600, None),
    ("uninsured", CEDAR, 2024, "all", "All", 12.5, 10.0, 15.0, 50, 400, None),
    ("uninsured", T1, 2024, "all", "All", 2.0, 0.5, 3.5, 5, 250, None),
    ("uninsured", T2, 2024, "all", "All", 11.4, 8.0, 14.8, 40, 350, None),
    ("uninsured", T3, 2023, "all", "All", 13.0, 10.5, 15.5, 52, 400, None),
    ("uninsured", T3, 2024, "all", "All", 12.5, 10.0, 15.0, 50, 400, None),
    ("poverty", T1, 2024, "all", "All", 20.0, 15.0, 25.0, 50, 250, None),
    ("poverty", T2, 2024, "all", "All", 10.0, 7.0, 13.0, 35, 350, None),
    ("poverty", T3, 2024, "all", "All", None, None, None, None, None, "no_data"),
]
# What equity/privacy.py decides (test_the_fixture_withholds_what_privacy_decides): Tract 1 is a small
# count (which published_values also catches by itself), Tract 2 its complement.
WITHHELD = [
    ("uninsured", T1, 2024, "all", "All", "small_count"),
    ("uninsured", T2, 2024, "all", "All", "complementary"),
]
REACH = [  # program_id, area_id, period, group_dim, group_label, people
    ("mobile", T1, 2024, "all", "All", 4),
    ("mobile", T2, 2024, "all", "All", 120),
    ("mobile", T2, 2024, "race_ethnicity", "Black", 30),
    ("mobile", T3, 2023, "all", "All", 15),
]


def _fill(con):
    con.execute("INSERT INTO meta VALUES ('min_count', '11')")
    con.execute(
        "INSERT INTO sources (source_id, name, publisher, vintage, imported_at) "
        "VALUES ('survey', 'Fixture survey', 'Tests', '2024', TIMESTAMP '2025-01-01')"
    )
    con.execute(
        "INSERT INTO indicators (indicator_id, label, description, domain, unit, higher_is_worse, source_id) "
        "VALUES ('uninsured', 'Uninsured', 'No health insurance', 'access', 'percent', true, 'survey'), "
        "('poverty', 'Poverty', 'Below the poverty line', 'economic', 'percent', true, 'survey')"
    )
    con.executemany(
        "INSERT INTO areas (area_id, name, level, parent_id, population) VALUES (?, ?, ?, ?, ?)", AREAS
    )
    con.executemany("INSERT INTO indicator_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", VALUES)
    con.executemany("INSERT INTO withheld VALUES (?, ?, ?, ?, ?, ?)", WITHHELD)
    con.execute("INSERT INTO partners VALUES ('clinic', 'Clinic Partners', 'health_system')")
    con.execute(
        "INSERT INTO programs VALUES ('mobile', 'Mobile clinic', 'mobile_clinic', 'A van', 'clinic', "
        "DATE '2023-01-01')"
    )
    con.executemany("INSERT INTO program_reach VALUES (?, ?, ?, ?, ?, ?)", REACH)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = tmp_path_factory.mktemp("golden") / "golden.duckdb"
    db.build_atomically(path, _fill)
    con = db.connect_read_only(path)
    yield con
    con.close()


def _rows(df: pd.DataFrame, ordered: bool) -> list[tuple]:
    """The result as plain tuples, a missing value as None; sorted when the query promises no order."""
    out = [tuple(None if text.is_missing(v) else v for v in row) for row in df.itertuples(index=False)]
    return out if ordered else sorted(out, key=lambda r: tuple((v is None, str(v)) for v in r))


S, N = "suppressed", None  # a withheld value's flag; a sound value's (no) flag

# query, parameters, the columns, whether the query orders its rows, the rows expected.
GOLDEN = [
    # Which region holds which area: itself (0), its parent (1), its parent's parent (2).
    ("area_regions", {}, ["area_id", "region_id", "depth"], False, [
        (STATE, STATE, 0),
        (BIRCH, BIRCH, 0), (BIRCH, STATE, 1),
        (CEDAR, CEDAR, 0), (CEDAR, STATE, 1),
        (T1, T1, 0), (T1, BIRCH, 1), (T1, STATE, 2),
        (T2, T2, 0), (T2, BIRCH, 1), (T2, STATE, 2),
        (T3, T3, 0), (T3, CEDAR, 1), (T3, STATE, 2),
    ]),
    # The areas inside a region, never the region itself; by level, then name.
    ("areas_in_region", {"region": STATE}, ["area_id", "name", "level", "parent_id"], True, [
        (BIRCH, "Birch County", "county", STATE),
        (CEDAR, "Cedar County", "county", STATE),
        (T1, "Tract 1", "tract", BIRCH),
        (T2, "Tract 2", "tract", BIRCH),
        (T3, "Tract 3", "tract", CEDAR),
    ]),
    ("areas_in_region", {"region": BIRCH}, ["area_id", "name", "level", "parent_id"], True, [
        (T1, "Tract 1", "tract", BIRCH),
        (T2, "Tract 2", "tract", BIRCH),
    ]),
    ("areas_in_region", {"region": T3}, ["area_id", "name", "level", "parent_id"], True, []),
    # The map: both withheld tracts lose value, interval and counts and read 'suppressed'.
    ("map_values", {"ind": "uninsured", "year": 2024, "level": "tract", "region": STATE},
     ["area_id", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"], False, [
        (T1, None, None, None, None, None, S),
        (T2, None, None, None, None, None, S),
        (T3, 12.5, 10.0, 15.0, 50, 400, N),
    ]),
    ("map_values", {"ind": "uninsured", "year": 2024, "level": "tract", "region": CEDAR},
     ["area_id", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"], False, [
        (T3, 12.5, 10.0, 15.0, 50, 400, N),
    ]),
    ("map_values", {"ind": "uninsured", "year": 2024, "level": "county", "region": STATE},
     ["area_id", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"], False, [
        (BIRCH, 7.5, 6.0, 9.0, 45, 600, N),
        (CEDAR, 12.5, 10.0, 15.0, 50, 400, N),
    ]),
    # A county's map of counties is the county itself.
    ("map_values", {"ind": "uninsured", "year": 2024, "level": "county", "region": BIRCH},
     ["area_id", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"], False, [
        (BIRCH, 7.5, 6.0, 9.0, 45, 600, N),
    ]),
    # 'no data' is not 'too few to show'.
    ("map_values", {"ind": "poverty", "year": 2024, "level": "tract", "region": STATE},
     ["area_id", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"], False, [
        (T1, 20.0, 15.0, 25.0, 50, 250, N),
        (T2, 10.0, 7.0, 13.0, 35, 350, N),
        (T3, None, None, None, None, None, "no_data"),
    ]),
    ("map_values", {"ind": "uninsured", "year": 2022, "level": "tract", "region": STATE},
     ["area_id", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"], False, []),
    # An area's profile: every year and group, by year, then group.
    ("area_values", {"ind": "uninsured", "area": T3},
     ["year", "group_dim", "group_label", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"],
     True, [
        (2023, "all", "All", 13.0, 10.5, 15.5, 52, 400, N),
        (2024, "all", "All", 12.5, 10.0, 15.0, 50, 400, N),
    ]),
    ("area_values", {"ind": "uninsured", "area": T1},
     ["year", "group_dim", "group_label", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"],
     True, [
        (2024, "all", "All", None, None, None, None, None, S),
    ]),
    ("area_values", {"ind": "uninsured", "area": STATE},
     ["year", "group_dim", "group_label", "value", "ci_low", "ci_high", "numerator", "denominator", "flag"],
     True, [
        (2024, "all", "All", 9.5, 9.0, 10.0, 95, 1000, N),
        (2024, "race_ethnicity", "Black", 14.0, 9.0, 19.0, 42, 300, "unreliable"),
        (2024, "race_ethnicity", "White", 7.6, 6.0, 9.2, 53, 700, N),
    ]),
    # The groups of a region in a year, never the whole population; a source's own flag kept.
    ("region_groups", {"region": STATE, "year": 2024},
     ["indicator_id", "group_dim", "group_label", "value", "ci_low", "ci_high", "flag"], False, [
        ("uninsured", "race_ethnicity", "Black", 14.0, 9.0, 19.0, "unreliable"),
        ("uninsured", "race_ethnicity", "White", 7.6, 6.0, 9.2, N),
    ]),
    ("region_groups", {"region": BIRCH, "year": 2024},
     ["indicator_id", "group_dim", "group_label", "value", "ci_low", "ci_high", "flag"], False, []),
    # Reach beside need, every tract of the region: 4 people withheld (NULL, few_people), no row read as
    # no one served (0), the 2023 row and the group row not counted in 2024.
    ("program_reach",
     {"program": "mobile", "level": "tract", "reach_year": 2024, "ind": "uninsured", "year": 2024,
      "region": STATE},
     ["area_id", "name", "population", "people", "few_people", "need", "need_flag"], False, [
        (T1, "Tract 1", 250, None, True, None, S),
        (T2, "Tract 2", 350, 120, False, None, S),
        (T3, "Tract 3", 400, 0, False, 12.5, N),
    ]),
    ("program_reach",
     {"program": "mobile", "level": "tract", "reach_year": 2023, "ind": "poverty", "year": 2023,
      "region": CEDAR},
     ["area_id", "name", "population", "people", "few_people", "need", "need_flag"], False, [
        (T3, "Tract 3", 400, 15, False, None, None),
    ]),
    # The level the program's reach is recorded at: its tracts (a withheld count served is still served);
    # a program with no reach has none.
    ("reach_level", {"program": "mobile"}, ["level"], False, [("tract",)]),
    ("reach_level", {"program": "no_such"}, ["level"], False, []),
    # The years its reach records, latest first (the page shows its own year's, else the latest).
    ("reach_years", {"program": "mobile"}, ["period"], False, [(2024,), (2023,)]),
    # The places above an area (area_regions read upwards): Birch has no groups of its own, its state has.
    ("place_groups", {"ind": "uninsured", "year": 2024, "group": "race_ethnicity", "region": BIRCH},
     ["area_id", "name", "level", "is_region", "group_label", "value", "ci_low", "ci_high", "flag"], True, [
        (STATE, "Alpha State", "state", False, "Black", 14.0, 9.0, 19.0, "unreliable"),
        (STATE, "Alpha State", "state", False, "White", 7.6, 6.0, 9.2, N),
    ]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "params", "columns", "ordered", "expected"),
    GOLDEN,
    ids=[f"{g[0]}-{'-'.join(str(v) for v in g[1].values())}" for g in GOLDEN],
)
def test_golden_output(con, name, params, columns, ordered, expected):
    if name in queries.names():
        df = queries.run(con, name, params)
    else:  # a view of data/schema.sql
        with db.cursor(con) as cur:
            df = cur.execute(f"SELECT {', '.join(columns)} FROM {name}").df()
    assert list(df.columns) == columns
    assert _rows(df, ordered) == _rows(pd.DataFrame(expected, columns=columns), ordered)


def test_every_golden_query_is_covered():
    """The queries whose numbers people read each have a golden here."""
    covered = {g[0] for g in GOLDEN}
    assert {"map_values", "area_values", "region_groups", "program_reach", "areas_in_region"} <= covered


def test_the_fixture_withholds_what_privacy_decides():
    values = pd.DataFrame(
        VALUES, columns=[*privacy.KEY, "value", "ci_low", "ci_high", "numerator", "denominator", "flag"]
    )
    values = values.astype({"numerator": "Int64", "denominator": "Int64"})
    parents = pd.Series({a[0]: a[3] for a in AREAS})
    assert sorted(privacy.withheld(values, parents).itertuples(index=False, name=None)) == sorted(WITHHELD)
