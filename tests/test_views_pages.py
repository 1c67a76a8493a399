"""The overview, map, disparities, community and methods views on small handmade frames: the sentences,
cards, tables and figures each page draws, with no Streamlit (the programs and partnerships views are in
test_views.py)."""

import dataclasses
import re

import pandas as pd
import pytest

from equity import state, text
from equity.views import community, disparities, methods, overview
from equity.views import map as map_view


def _indicators() -> pd.DataFrame:
    rows = [
        ("uninsured", "Adults without insurance", "Access to care", "percent", True, "crude", True),
        ("life", "Life expectancy", "Outcomes", "years", False, "crude", False),
        ("poverty", "People in poverty", "Social conditions", "percent", True, "crude", True),
    ]
    df = pd.DataFrame(
        rows,
        columns=["indicator_id", "label", "domain", "unit", "higher_is_worse", "measure_type", "has_groups"],
    )
    df["description"] = "Share of adults 18 to 64 with no coverage."
    df["source_name"] = "Census ACS"
    return df.set_index("indicator_id")


IND = _indicators()


def _groups(values: dict[str, float], ind="uninsured", dim="race_ethnicity") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ind,
            "group_dim": dim,
            "group_label": list(values),
            "value": list(values.values()),
            "ci_low": [v - 1 if v == v else v for v in values.values()],
            "ci_high": [v + 1 if v == v else v for v in values.values()],
            "flag": None,
        }
    )


def _tracts(values: list[float | None]) -> tuple[pd.DataFrame, pd.DataFrame]:
    ids = [f"t{i}" for i in range(len(values))]
    vals = pd.DataFrame(
        {
            "area_id": ids,
            "value": values,
            "ci_low": [None if v is None else v - 1 for v in values],
            "ci_high": [None if v is None else v + 1 for v in values],
            "flag": [None if v is not None else "suppressed" for v in values],
        }
    )
    names = pd.DataFrame(
        {
            "area_id": ids,
            "name": [f"Tract {i}" for i in range(len(values))],
            "population": [1000] * len(values),
            "centroid_lon": 0.0,
            "centroid_lat": 0.0,
        }
    )
    return vals, names


# ---- overview ----------------------------------------------------------------------------------------


def _overview(groups=None, commitments=None, everyone=12.0):
    return overview.view(**_overview_args(groups, commitments, everyone))


def _overview_args(groups=None, commitments=None, everyone=12.0) -> dict:
    tracts, names = _tracts([20.0, 8.0, 15.0, None])
    series = pd.DataFrame(
        {"year": [2024], "group_dim": ["all"], "value": [everyone], "ci_low": [11.0], "ci_high": [13.0]}
    )
    return dict(
        ind=IND.loc["uninsured"],
        indicators=IND,
        region_name="Alder County",
        population=4000,
        year=2024,
        region_series=series,
        areas=tracts,
        area_names=names.drop(columns=["centroid_lon", "centroid_lat"]),
        groups=_groups({"Asian": 5.0, "Black": 15.0, "White": 6.0}) if groups is None else groups,
        commitments=pd.DataFrame(columns=["status", "overdue"]) if commitments is None else commitments,
    )


def test_overview_leads_with_the_widest_gap_and_cards_of_the_region():
    v = _overview()
    assert v.title == "Health equity in Alder County"
    assert v.takeaway == (
        "The widest gap in 2024: adults without insurance were about three times as common among Black "
        "residents (15.0%) as among Asian residents (5.0%)."
    )
    assert v.takeaway_source == "Census ACS, 2024"
    assert v.cards == [
        ("People living here", "4,000", ""),
        (
            "Adults without insurance, 2024",
            "12.0%",
            "Likely between 11.0% and 13.0% (95% confidence interval)",
        ),
        # 2 of the 4 tracts fare worse than 12%: the withheld one is counted among the tracts, not as better
        ("Neighbourhoods faring worse than the region as a whole", "2 of 4", "adults without insurance"),
    ]  # no commitments loaded: no card for them
    assert [(link.label, link.page, link.changes) for link in v.gap_links] == [
        ("Adults without insurance by race and ethnicity", "disparities",
         {"ind": "uninsured", "group": "race_ethnicity"}),
    ]  # fmt: skip
    assert [link.label for link in v.need_links] == [
        "Tract 0: 20.0% (likely between 19.0% and 21.0%)",
        "Tract 2: 15.0% (likely between 14.0% and 16.0%)",
        "Tract 1: 8.0% (likely between 7.0% and 9.0%)",
    ]
    assert v.need_links[0].extra == {"area": "t0"} and v.need_links[0].page == "map"
    assert v.need_heading == "Where adults without insurance is highest, 2024"
    assert "Race and ethnicity" in set(v.gaps["group"])  # the download names the comparison in words
    assert v.caption == "Source: Census ACS, 2024; crude rate. Share of adults 18 to 64 with no coverage."


def test_overview_without_groups_or_a_regional_figure_says_so():
    v = _overview(groups=_groups({}), everyone=float("nan"))
    assert v.gaps_figure is None
    assert v.no_gaps == text.NO_GAPS
    # No figure for the region: one derived from its tracts (20, 8 and 15, a thousand people each), said so.
    assert v.cards[1] == (
        "Adults without insurance, 2024",
        "14.3%",
        "Derived from 3 of its 4 neighbourhoods, weighted by population; no interval",
    )
    # With no gaps between groups, the lead is where the indicator is highest among the areas.
    assert v.takeaway.startswith("In 2024, adults without insurance ranged from 8.0% in Tract 1 to 20.0%")
    assert v.takeaway_source == "Census ACS, 2024"
    assert not v.overdue


def test_overview_of_a_database_without_groups_has_no_gaps_section():
    v = _overview(groups=_groups({}))
    v2 = overview.view(**{**_overview_args(), "has_groups": False, "level": "county"})
    assert v.gaps_heading and v2.gaps_heading is None and v2.no_gaps is None
    assert v2.cards[2][0] == "Counties faring worse than the region as a whole"


def test_overview_counts_overdue_commitments():
    commitments = pd.DataFrame(
        {"status": ["done", "in_progress", "not_started"], "overdue": [False, True, False]}
    )
    assert _overview(commitments=commitments).cards[-1] == ("Commitments overdue", "1 of 3", "1 done")


# ---- map ---------------------------------------------------------------------------------------------


def _map(need, selected=None, profile=None, level="tract"):
    values, names = _tracts([20.0, 8.0, 15.0, None])
    return map_view.view(
        names, values, need, indicators=IND, level=level, region="99", region_name="Alder County",
        year=2024, selected=selected, profile=profile,
    )  # fmt: skip


def test_map_of_one_indicator():
    v = _map(map_view.Need(IND.loc["uninsured"]))
    assert v.title == "Adults without insurance by neighbourhood, 2024"
    assert v.takeaway.startswith(
        "In 2024, adults without insurance ranged from 8.0% in Tract 1 to 20.0% in Tract 0"
    )
    assert v.source == "Census ACS, 2024"
    assert [name for name, _ in v.top] == [
        "Tract 0",
        "Tract 2",
        "Tract 1",
    ]  # the withheld tract is not ranked
    assert v.about == [
        ("", "Share of adults 18 to 64 with no coverage."),
        ("Source:", "Census ACS, 2024."),
        ("", text.RANGES_ARE_CIS),
    ]
    assert v.download_name == "map_uninsured_tract_99_2024"
    assert set(v.table["indicator_id"]) == {"uninsured"} and len(v.table) == 4


@pytest.mark.parametrize(
    ("level", "title"),
    [
        ("tract", "by neighbourhood"),
        ("county", "by county"),
        ("zcta", "by ZIP code area"),
        ("custom", "by area"),
    ],
)
def test_map_title_names_one_area_of_its_level(level, title):
    assert (
        f"Adults without insurance {title}, 2024"
        == _map(map_view.Need(IND.loc["uninsured"]), level=level).title
    )


def test_map_of_the_need_index_names_what_it_holds():
    need = map_view.Need(
        IND.loc["uninsured"], ["uninsured", "poverty"], {"Access to care": 2.0, "Social conditions": 1.0}
    )
    v = _map(need)
    assert v.title == "Combined need index by neighbourhood, 2024"
    assert v.takeaway == "Combining 2 indicators, the greatest need in 2024 is in Tract 0, Tract 2, Tract 1."
    assert v.source is None
    assert v.about == [
        ("In the index:", "Adults without insurance (Census ACS); People in poverty (Census ACS), 2024. "
         "Weights: access to care 2, social conditions 1."),
    ]  # fmt: skip
    assert v.download_name == "need_index_tract_99_2024"
    assert set(v.table["index_of"]) == {"uninsured,poverty"}


def test_map_of_an_index_no_area_can_be_ranked_on_says_what_to_do():
    assert text.index_takeaway(3, 2024, []).startswith("Too few areas have every chosen indicator")


def test_a_selected_area_shows_its_profile_beside_the_region():
    profile = pd.DataFrame(
        {"label": ["Adults without insurance", "Life expectancy"], "unit": ["percent", "years"],
         "value": [20.0, None], "flag": [None, "no_data"], "region_value": [12.0, 78.04]}
    )  # fmt: skip
    v = _map(map_view.Need(IND.loc["uninsured"]), selected="t0", profile=profile)
    d = v.selected
    assert (d.heading, d.label, d.people) == ("Tract 0", "Adults without insurance, 2024", "1,000")
    assert d.value == "20.0% (likely between 19.0% and 21.0%)"
    assert d.profile.to_dict("list") == {
        "Indicator": ["Adults without insurance", "Life expectancy"],
        "This area": ["20.0%", "No data"],
        "Alder County": ["12.0%", "78.0 years"],
    }
    assert d.link == "Gaps between groups in Tract 0"


# ---- disparities -------------------------------------------------------------------------------------


def _series(groups: dict[str, float], year=2024, dim="race_ethnicity", everyone=10.0) -> pd.DataFrame:
    rows = [dict(year=year, group_dim="all", group_label="Everyone", value=everyone, ci_low=everyone - 1,
                 ci_high=everyone + 1, numerator=None, denominator=None, flag=None)]  # fmt: skip
    rows += [
        dict(year=year, group_dim=dim, group_label=g, value=v, ci_low=v - 1, ci_high=v + 1, numerator=None,
             denominator=None, flag=None)
        for g, v in groups.items()
    ]  # fmt: skip
    return pd.DataFrame(rows)


def _places(ratios: dict[tuple[str, str, str], tuple[float, float]]) -> pd.DataFrame:
    rows = []
    for (area_id, name, level), (worst, best) in ratios.items():
        for label, value in (("Black", worst), ("White", best)):
            row = dict(area_id=area_id, name=name, level=level, is_region=level == "state")
            rows.append(
                row | dict(group_label=label, value=value, ci_low=value - 1, ci_high=value + 1, flag=None)
            )
    columns = ["area_id", "name", "level", "is_region", "group_label", "value", "ci_low", "ci_high", "flag"]
    return pd.DataFrame(rows, columns=columns)


def _disparities(series, places, ref="best", focus="99", place="Riverbend", level="state"):
    return disparities.view(
        series, places, IND.loc["uninsured"], group="race_ethnicity", ref=ref, year=2024, focus=focus,
        place=place, level=level, min_count=11,
    )  # fmt: skip


def test_disparities_compares_each_group_with_the_reference():
    places = _places(
        {("99", "Riverbend", "state"): (15.0, 5.0), ("99001", "Alder County", "county"): (20.0, 5.0)}
    )
    v = _disparities(_series({"Black": 15.0, "White": 5.0, "Asian": 6.0}), places)
    assert v.title == "Adults without insurance by race and ethnicity"
    assert v.ref_options == ["best", "overall", "Black", "White", "Asian"]
    assert v.ref_words == {"best": "The best-off group", "overall": "Everyone in Riverbend"}
    assert v.takeaway.startswith(
        "In 2024 in Riverbend, adults without insurance were most common among Black"
    )
    assert v.compared_heading == "Each group against best group (White)"
    assert v.compared.loc["White", "Rate ratio (95% interval)"] == "reference"
    assert v.compared.loc["Black", "Rate ratio (95% interval)"].startswith("3.00 (")
    assert v.compared.index[0] == "Black"  # largest ratio first
    assert v.summary.startswith("on average, groups fare ")
    assert v.shares is None  # no counts by group: no shares chart
    assert v.places.takeaway == (
        "The gap between the worst- and best-off groups is widest in Alder County: Black residents fare "
        "4.0 times worse than White residents, against 3.0 times across Riverbend."
    )
    assert v.caption.endswith("Faded dots are unreliable estimates (relative standard error over 30%).")


def test_the_widest_county_gap_reads_whole_with_or_without_a_state_figure():
    nation_only = text.widest_part_gap("Alder County", "A", "B", 4.0, None, ("the nation", 2.5))
    assert nation_only.endswith("than B, against 2.5 times across the nation.")
    both = text.widest_part_gap("Alder County", "A", "B", 4.0, ("Riverbend", 3.0), ("the nation", 2.5))
    assert both.endswith("against 3.0 times across Riverbend and 2.5 times across the nation.")
    assert text.widest_part_gap("Alder County", "A", "B", 4.0).endswith("than B.")


def test_disparities_of_a_county_against_the_places_around_it():
    places = _places(
        {("99001", "Alder County", "county"): (20.0, 5.0), ("99", "Riverbend", "state"): (15.0, 5.0)}
    )
    v = _disparities(_series({"Black": 20.0, "White": 5.0}), places, focus="99001", place="Alder County",
                     level="county")  # fmt: skip
    assert v.places.takeaway == (
        "The gap between the worst- and best-off groups is wider in Alder County (4.0 times) than across "
        "Riverbend (3.0 times)."
    )
    assert v.places.figure is not None and v.places.info is None


@pytest.mark.parametrize(
    ("groups", "said"),
    [
        ({}, "There are no figures of adults without insurance by race and ethnicity in Riverbend for 2024"),
        ({"Black": float("nan"), "White": 5.0}, "Too few groups have enough people to compare"),
    ],
)
def test_no_figures_and_too_few_figures_are_told_apart(groups, said):
    assert _disparities(_series(groups), _places({})).takeaway.startswith(said)


@pytest.mark.parametrize(
    ("with_groups", "said"),
    [
        (["Poverty", "Diabetes"], "“Life” has no values by group. These indicators do: Poverty, Diabetes."),
        ([], "“Life” has no values by group, and no indicator in this database has them yet."),
    ],
)
def test_an_indicator_without_groups_names_those_with_them(with_groups, said):
    assert text.no_groups("Life", with_groups) == said


def test_an_indicator_with_groups_only_in_smaller_areas_says_where_they_are():
    said = text.no_groups("Uninsured", ["Uninsured"], "Texas", elsewhere=True)
    assert said.startswith("“Uninsured” has no values by group for Texas itself; the source gives its groups")
    assert "These indicators do" not in said  # never names the indicator itself as the one that has them


# ---- community voice ---------------------------------------------------------------------------------


def _input_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "input_id": ["i1", "i1", "i2", "i3"],
            "method": ["survey", "survey", "focus_group", "listening_session"],
            "collected_on": pd.to_datetime(["2023-03-01", "2023-03-01", "2024-05-01", "2024-06-01"]),
            "area": ["Alder County"] * 4,
            "group_dim": ["all", "all", "language", "all"],
            "group_label": ["Everyone", "Everyone", "Spanish speakers", "Everyone"],
            "topic": ["Wait times", "Wait times", "Transport", "Wait times"],
            "priority_rank": [1, 1, 2, 1],
            "participants": [120, 120, None, 40],
            "few_participants": [False, False, True, False],
            "summary": [
                "Waits are long.",
                "Waits are long.",
                "No bus to the clinic.",
                "Evening hours, please.",
            ],
            "action_id": ["a1", "a2", None, "a3"],
            "action": ["Extra nurse", "Text reminders", None, "Open Thursdays"],
            "action_status": ["done", "in_progress", None, "planned"],
        }
    )


def test_community_view_says_what_was_heard_and_what_was_done():
    v = community.view(_input_rows(), topic=None, min_count=11)
    assert v.takeaway == (
        "People raised “Wait times” most often (2 times). Of 3 things people told us, 2 have an action in "
        "answer and 1 of those are done."
    )
    assert v.counts == [("Things people told us", 3), ("With an action in answer", 2),
                        ("Still waiting for an answer", 1)]  # fmt: skip
    assert v.topics == ["Transport", "Wait times"]
    assert list(v.table.columns) == community.TABLE_COLUMNS
    transport = v.table[v.table["Topic"] == "Transport"].iloc[0]
    assert transport["People"] == "fewer than 11"  # withheld, never a number
    assert (transport["Who"], transport["Heard"]) == (
        "Spanish speakers, Alder County",
        "Focus group, May 2024",
    )
    assert (transport["Action"], transport["Status"]) == ("No action yet", "Waiting")
    assert list(v.table["Status"]) == ["✓ Done", "In progress", "Waiting", "Planned"]
    assert v.figure.layout.title.subtitle.text.endswith("2023–2024")


def test_community_view_narrows_the_table_to_a_topic():
    v = community.view(_input_rows(), topic="Transport", min_count=20)
    assert list(v.table["You said"]) == ["No bus to the clinic."]
    assert v.table.iloc[0]["People"] == "fewer than 20"
    assert "1 to 19 people" in v.note
    assert v.counts[0] == ("Things people told us", 3)  # the headline counts stay whole


# ---- data & methods ----------------------------------------------------------------------------------


def _sources() -> pd.DataFrame:
    return pd.DataFrame(
        {"name": ["PLACES [2024](http://x)"], "publisher": ["CDC"], "vintage": ["2022"], "url": [""],
         "license": [None], "rows": [None], "imported_at": [pd.Timestamp("2026-11-30")]}
    )  # fmt: skip


def test_methods_view_writes_each_source_and_load_escaped():
    loads = pd.DataFrame(
        {"file": ["places.csv"], "source": ["PLACES"], "rows_read": [1200], "rows_loaded": [1100],
         "rows_unjoined": [100], "examples": ["44001999999"]}
    )  # fmt: skip
    v = methods.view(
        _sources(), loads, IND, indicator="life", levels=("tract", "county"), is_demo=False, min_count=11
    )
    assert v.demo_note is None
    assert v.sources[0].startswith("**PLACES \\[2024\\]\\(http")  # a name from a file is no link
    assert "](http" not in v.sources[0]
    assert v.sources[0].endswith(
        " — CDC; years covered 2022; licence not stated; row count unknown; loaded November 30, 2026."
    )
    assert "](http" not in v.sources[0] and v.sources[0].endswith("loaded November 30, 2026.")
    assert v.loads == [
        "- places.csv \\(PLACES\\)\\: 1,200 rows read, 1,100 values loaded; **100 values did not match any "
        "area** in the boundaries (for example 44001999999), usually because the boundaries are of another "
        "vintage."
    ]
    assert [(heading, shown) for heading, shown, _ in v.domains] == [
        ("Access to care (1)", False),
        ("Outcomes (1)", True),
        ("Social conditions (1)", False),
    ]
    assert "Any count of 1 to 10 people" in v.how_to_read and "ZIP code areas" not in v.how_to_read


def test_methods_view_explains_zip_code_areas_only_where_there_are_some():
    v = methods.view(
        _sources(),
        pd.DataFrame(),
        IND,
        indicator="life",
        levels=("tract", "zcta"),
        is_demo=True,
        min_count=20,
    )
    assert "ZIP Code Tabulation Areas" in v.how_to_read and "1 to 19 people" in v.how_to_read
    assert v.demo_note == text.DEMO_NOTE and v.loads == []


def test_methods_view_names_how_programs_and_partnerships_are_measured_and_whose_method_it_is():
    v = methods.view(
        _sources(), pd.DataFrame(), IND, indicator="life", levels=("tract",), is_demo=False, min_count=20
    )
    items = v.programs.split("\n")
    heads = [re.match(r"- \*\*(.+?)\*\* ", line)[1] for line in items]
    assert heads == [
        "Did it work?", "Monthly results.", "Reach.", "Excess cases.", "Footprint.",
        "The health of the partnership.", "Who works with whom.",
    ]  # fmt: skip
    cited = {
        "Did it work?": ("difference-in-differences", "clustered by area", "not proof", "PLACES"),
        "Monthly results.": ("segmented regression", "Lopez Bernal", "Newey–West", "baseline forecast"),
        "Reach.": ("Spatial Equity Data Tool", "Wilson interval"),
        "Excess cases.": ("at least 20 cases", "95% interval"),
        "Footprint.": ("SparkMap",),
        "The health of the partnership.": ("fewer than 20 people is not scored",),  # the database's rule
        "Who works with whom.": ("networkx", "not PARTNER's own scores"),
    }
    for head, line in zip(heads, items, strict=True):
        for words in cited[head]:
            assert words in line, (head, words)


# ---- the URL keys each page checks -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "key", "value", "allowed", "words", "notice"),
    [
        ("programs", "program", "x", {"chc"}, {"instead": "Clinic"},
         "The link asked for the program “x”, which this database does not have; showing Clinic instead."),
        ("map", "area", "x", {"t1"}, {},
         "The link asked for the area “x”, which is not on this map; showing no area selected instead."),
        ("disparities", "area", "x", {"99"}, {"place": "Riverbend"},
         "The link asked for the area “x”, which is not in Riverbend; showing the whole region instead."),
        ("community", "topic", "x", {"Wait"}, {"instead": "all topics"},
         "The link asked for the topic “x”, which no one raised here; showing all topics instead."),
        ("disparities", "ref", "x", {"best"}, {},
         "The link asked to compare with “x”, which is not a group here; comparing with the best-off group "
         "instead."),
        ("programs", "program", "chc", {"chc"}, {}, None),  # a value the page has
        ("programs", "program", None, {"chc"}, {}, None),  # no value: the default, silently
        ("community", "topic", "", {"Wait"}, {}, None),
    ],
)  # fmt: skip
def test_each_page_key_is_checked_with_its_own_notice(page, key, value, allowed, words, notice):
    assert state.check(page, key, value, allowed, **words) == notice


def test_a_quoted_value_is_made_inert_and_short():
    said = state.check("community", "topic", "a\u202e" + "b" * 80, set(), instead="all topics")
    assert "\u202e" not in said and "…" in said


def test_every_page_key_reaches_the_state():
    assert state.page_keys("map") == ("area", "mix", "mixw", "chart", "fp")
    assert state.page_keys("community") == ("topic", "chart", "heard")
    assert state.page_keys("overview") == ("chart",)  # every page with a chart takes a chart's link
    assert state.page_keys("methods") == ()
    raw = {"topic": "Wait times", "program": "chc"}
    parsed, notices = state.parse(raw, _choices(), state.page_keys("community"))
    assert parsed.extra == {"topic": "Wait times"} and notices == []  # another page's key is not kept


def _choices():
    return state.Choices(regions={"99": "Riverbend"}, indicators={"uninsured": "Uninsured"}, years=(2024,),
                         groups={"race_ethnicity": "Race"})  # fmt: skip


def test_views_need_no_streamlit():
    import subprocess
    import sys

    code = (
        "import sys, equity.views.overview, equity.views.map, equity.views.disparities, "
        "equity.views.community, equity.views.methods, equity.views.programs, equity.views.partnerships; "
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_methods_lists_every_kind_a_load_reads_from_the_registry():
    from equity.ingest import KINDS

    table = methods.kinds_table(KINDS)
    assert list(table.index) == [f"python -m equity ingest {k.name}" for k in KINDS]
    assert list(table["Reads"]) == [k.reads for k in KINDS]


# ---- a default view with values; an indicator's nearest year; no data against too few --------------


def _covered(coverage, levels=("tract", "county"), default=None):
    return state.Choices(
        regions={"44": "Rhode Island"},
        indicators={"a": "A", "b": "B", "c": "C"},
        years=(2018, 2020, 2022, 2023),
        groups={},
        default_indicator=default,
        levels=levels,
        coverage=coverage,
    )


@pytest.mark.parametrize(
    ("coverage", "default", "view"),
    [
        # The most detailed level with values; there the indicator with the most areas, its latest year.
        ({"a": {"county": {2022: 5}}, "b": {"tract": {2018: 240, 2020: 243}}}, None, ("tract", "b", 2020)),
        # The preferred indicator where it has values at that level.
        ({"a": {"tract": {2018: 10}}, "b": {"tract": {2020: 243}}}, "a", ("tract", "a", 2018)),
        # A year a source covers only in part (the latest, 50 of 3,000 areas) is passed over.
        ({"c": {"county": {2022: 3000, 2023: 50}}}, None, ("county", "c", 2022)),
        # Nothing known: the first level, the preferred indicator, the latest year of all.
        ({}, "b", ("tract", "b", 2023)),
    ],
)
def test_the_default_view_has_values(coverage, default, view):
    choices = _covered(coverage, default=default)
    s = state.defaults(choices)
    assert (s.level, s.ind, s.year) == view
    parsed, notices = state.parse({}, choices)
    assert (parsed.level, parsed.ind, parsed.year) == view and notices == []


@pytest.mark.parametrize(
    ("raw", "shown", "said"),
    [
        ({"ind": "a", "year": "2022"}, ("county", "a", 2022), []),  # a has no tracts: counties, silently
        ({"ind": "b", "year": "2023"}, ("tract", "b", 2020), ["“B” has no figures for 2023; showing 2020, "
                                                              "the nearest year with figures."]),
        # 2018 and 2022 as near: the later
        ({"ind": "c", "year": "2020"}, ("tract", "c", 2022), ["“C” has no figures for 2020; showing 2022, "
                                                              "the nearest year with figures."]),
        ({"ind": "a", "level": "tract"}, ("county", "a", 2022),
         ["“A” has no figures for neighbourhoods (census tracts); showing counties instead."]),
    ],
)  # fmt: skip
def test_an_indicator_moves_to_a_level_and_year_it_has(raw, shown, said):
    choices = _covered(
        {
            "a": {"county": {2022: 5}},
            "b": {"tract": {2018: 240, 2020: 243}},
            "c": {"tract": {2018: 9, 2022: 9}},
        }
    )
    parsed, notices = state.parse(raw, choices)
    assert (parsed.level, parsed.ind, parsed.year) == shown
    assert notices == said
    assert choices.years_of("b", "tract") == (2018, 2020) and choices.years_of("b", "county") == ()


@pytest.mark.parametrize(
    ("values", "flags", "note"),
    [
        ([None] * 4, [None] * 4, "4 of 4 neighbourhoods have no figure from the source for 2024."),
        ([None] * 4, ["suppressed"] * 4,
         "4 of 4 neighbourhoods have too few people counted to show a figure; counties may tell more."),
        ([None, None, None, 1.0], ["suppressed", None, None, None],
         "1 of 4 neighbourhoods have too few people counted to show a figure; counties may tell more; "
         "2 of 4 neighbourhoods have no figure from the source for 2024."),
        ([1.0, 2.0, 3.0, None], [None] * 4, None),  # a quarter missing: no note
    ],
)  # fmt: skip
def test_no_data_and_too_few_to_show_are_told_apart_on_the_map(values, flags, note):
    df = pd.DataFrame({"name": list("ABCD"), "value": values, "flag": flags})
    said = text.spread_takeaway(df, "Asthma", "percent", True, 2024, "Kent", "tract")
    if note is None:
        assert "have no figure" not in said and "too few people" not in said
    else:
        assert said.endswith(note), said
    on_counties = text.spread_takeaway(df, "Asthma", "percent", True, 2024, "Kent", "county")
    assert "counties may tell more" not in on_counties


def test_a_default_view_prefers_an_indicator_coalitions_open_on_where_it_covers_the_areas():
    choices = state.Choices(
        regions={"44": "Rhode Island"},
        indicators={"svi_ep_age17": "Aged 17 and younger", "svi_ep_uninsur": "No insurance", "x": "X"},
        years=(2018,),
        groups={},
        levels=("tract",),
        coverage={"svi_ep_age17": {"tract": {2018: 243}}, "svi_ep_uninsur": {"tract": {2018: 240}}},
    )
    assert state.defaults(choices).ind == "svi_ep_uninsur"
    thin = dataclasses.replace(
        choices, coverage={**choices.coverage, "svi_ep_uninsur": {"tract": {2018: 40}}}
    )
    assert state.defaults(thin).ind == "svi_ep_age17"  # a preferred indicator that covers few areas is not


# ---- places compared, where an indicator has no groups -----------------------------------------------


def _places_areas(n=20, step=1.0):
    values = [10 + step * i for i in range(n)]
    return pd.DataFrame(
        {
            "area_id": [f"a{i:02d}" for i in range(n)],
            "name": [f"Area {i}" for i in range(n)],
            "population": [100] * n,
            "value": values,
            "ci_low": [v - 1 for v in values],
            "ci_high": [v + 1 for v in values],
            "flag": None,
        }
    )


def test_concentration_index_by_its_definition():
    from equity import stats

    assert stats.concentration_index([5, 5, 5, 5], [1, 1, 1, 1]) == pytest.approx(0.0)
    # All of it in the most disadvantaged of four equal units: (2/1)(1/4 · 4 · 1/8) − 1 = −0.75.
    assert stats.concentration_index([4, 0, 0, 0], [1, 1, 1, 1]) == pytest.approx(-0.75)
    assert stats.concentration_index([0, 0, 0, 4], [1, 1, 1, 1]) == pytest.approx(0.75)
    # Weights are population shares: the big last unit's rate counts more.
    assert stats.concentration_index([1, 2], [1, 3]) == pytest.approx(
        2 / (0.25 + 1.5) * (0.25 * 0.125 + 1.5 * 0.625) - 1
    )


def test_places_are_compared_along_vulnerability_where_the_svi_is_loaded():
    from equity import metrics

    areas = _places_areas()
    svi = pd.DataFrame(
        {"area_id": areas["area_id"], "value": [i / 19 for i in range(20)]}
    )  # a19 most vulnerable
    out = metrics.places_compared(areas, svi, higher_is_worse=True)
    f = out["fifths"]
    assert f["areas"] == 4
    assert (f["most"], f["least"]) == (27.5, 11.5)  # a16..a19 against a00..a03
    ratio, low, high = f["ratio"]
    assert ratio == pytest.approx(27.5 / 11.5) and low < ratio < high
    rci, low, high = out["concentration"]
    assert rci < 0 and high < 0  # more of it among the more vulnerable
    v = disparities.places_view(
        areas, svi, IND.loc["uninsured"], level="county", place="Riverbend", year=2024
    )
    assert v.heading == "Counties compared"
    assert v.fifths.startswith(
        "In the most socially vulnerable fifth of counties (4 counties, by the SVI), adults"
    )
    assert "larger than chance alone would explain" in v.fifths
    assert "concentrated in the more socially vulnerable counties" in v.concentration
    assert v.figure.layout.title.text == "Counties of Riverbend: the 15 of 20 with the most need"
    assert v.note is None


@pytest.mark.parametrize(
    ("svi", "note"),
    [
        (None, "Load the CDC/ATSDR Social Vulnerability Index for these counties"),
        (pd.DataFrame({"area_id": ["a00", "a01"], "value": [0.1, 0.9]}), "Too few counties have both"),
    ],
)
def test_without_enough_svi_the_page_says_what_would_compare_the_vulnerable(svi, note):
    v = disparities.places_view(
        _places_areas(), svi, IND.loc["uninsured"], level="county", place="R", year=2024
    )
    assert v.fifths is None and v.concentration is None and v.note.startswith(note)
    assert v.figure is not None  # the areas are still ranked


def test_an_even_spread_is_said_to_be_even():
    from equity import metrics

    flat = _places_areas(step=0.0)
    svi = pd.DataFrame({"area_id": flat["area_id"], "value": [i / 19 for i in range(20)]})
    rci = metrics.places_compared(flat, svi, True)["concentration"]
    assert "spread about evenly" in text.concentration_words("Asthma", "tract", rci)


@pytest.mark.parametrize(
    ("values", "populations", "label", "derived"),
    [
        ([10.0, 20.0], [100, 300], "Asthma", (17.5, True)),  # weighted by population
        ([10.0, 20.0, *[15.0] * 7, None], [None] * 10, "Asthma", (15.0, False)),  # no populations: each once
        ([10.0, 20.0, *[None] * 49], [100] * 51, "Asthma", None),  # 2 of 51 states are not the nation
        ([10.0, 20.0], [100, None], "Asthma", None),  # some populations only: no honest weighting
        ([10.0], [100], "Asthma", None),  # one area is not a region
        ([50_000.0, 60_000.0], [100, 100], "Median household income", None),  # no mean of medians
    ],
)
def test_a_region_figure_derived_from_its_parts(values, populations, label, derived):
    from equity import metrics

    areas = pd.DataFrame({"value": values, "population": populations})
    out = metrics.derived_from_parts(areas, label)
    assert (None if out is None else (out["value"], out["weighted"])) == derived


ORDINALS = [
    (1, "1st"),
    (2, "2nd"),
    (3, "3rd"),
    (4, "4th"),
    (11, "11th"),
    (12, "12th"),
    (13, "13th"),
    (21, "21st"),
]


@pytest.mark.parametrize(("n", "said"), [*ORDINALS, (102, "102nd")])
def test_ordinal(n, said):
    assert text.ordinal(n) == said


@pytest.mark.parametrize(
    ("values", "area", "worse", "standing"),
    [
        ([30.0, 31.0, 32.0, 33.0], "p1", True, (3, 4)),  # 31 is the third highest of four
        ([30.0, 31.0, 32.0, 33.0], "p1", False, (2, 4)),  # ... and the second lowest
        ([30.0, 32.0, 32.0, 33.0], "p2", True, (2, 4)),  # a tie shares the better rank
        ([30.0, 31.0, None], "p1", True, None),  # two peers with a figure: no rank
        ([30.0, None, 32.0, 33.0], "p1", True, None),  # the area itself has no figure
    ],
)
def test_where_a_place_stands_among_its_peers(values, area, worse, standing):
    from equity import metrics

    peers = pd.DataFrame({"area_id": [f"p{i}" for i in range(len(values))], "value": values})
    out = metrics.peer_standing(peers, area, worse)
    assert (None if out is None else (out["rank"], out["of"])) == standing


@pytest.mark.parametrize(
    ("region_value", "line"),
    [
        (15.0, ("Riverbend", 15.0)),  # the source's own figure, as published
        (None, ("Riverbend (derived from its areas)", 19.5)),  # none: from its 20 areas, by population
    ],
)
def test_the_ranked_areas_are_drawn_against_the_regions_figure_or_one_derived_from_them(region_value, line):
    v = disparities.places_view(
        _places_areas(), None, IND.loc["uninsured"], level="county", place="Riverbend", year=2024,
        region_value=region_value,
    )  # fmt: skip
    spec = v.figure.to_plotly_json()
    said = [a["text"] for a in spec["layout"].get("annotations", [])] + [
        t.get("name", "") for t in spec["data"]
    ]
    assert any(line[0] in s and "derived" not in s.replace(line[0], "") for s in said), said
    xs = [s.get("x0") for s in spec["layout"].get("shapes", [])]
    assert line[1] in [pytest.approx(x) for x in xs if x is not None] or any(
        t.get("x") and pytest.approx(line[1]) in list(t["x"]) for t in spec["data"]
    ), spec["layout"].get("shapes")


def test_a_region_figure_from_counts_adds_up_its_parts_counts():
    """Where every part gives its denominator (a WONDER rate's women, a PLACES share's adults), the
    region's figure is their counts added up: each rate weighted by its own denominator."""
    from equity import metrics

    areas = pd.DataFrame(
        {"value": [10.0, 20.0, None], "population": [100, 300, 50], "denominator": [300.0, 100.0, None]}
    )
    areas.loc[2, "value"] = 30.0  # 3 of 3 with a value...
    areas.loc[2, "denominator"] = float("nan")  # ...but one without its denominator: by population
    assert metrics.derived_from_parts(areas)["by"] == "population"
    areas = areas.iloc[:2]
    out = metrics.derived_from_parts(areas)
    assert (out["value"], out["by"]) == (12.5, "denominator")  # (10 x 300 + 20 x 100) / 400
    assert text.derived_note(2, 2, "state", True, out["by"]) == (
        "Derived from its 2 states, their counts added up; no interval"
    )
