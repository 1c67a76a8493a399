"""The overview, map, disparities, community and methods views on small handmade frames: the sentences,
cards, tables and figures each page draws, with no Streamlit (the programs and partnerships views are in
test_views.py)."""

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
    tracts, names = _tracts([20.0, 8.0, 15.0, None])
    series = pd.DataFrame(
        {"year": [2024], "group_dim": ["all"], "value": [everyone], "ci_low": [11.0], "ci_high": [13.0]}
    )
    return overview.view(
        ind=IND.loc["uninsured"],
        indicators=IND,
        region_name="Alder County",
        population=4000,
        year=2024,
        region_series=series,
        tracts=tracts,
        tract_names=names.drop(columns=["centroid_lon", "centroid_lat"]),
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
        text.NO_COMMITMENTS_CARD,
    ]
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
    assert v.takeaway is None and v.gaps_figure is None
    assert v.no_gaps == text.NO_GAPS
    assert v.cards[1] == ("Adults without insurance, 2024", "No data", "")


def test_overview_counts_overdue_commitments():
    commitments = pd.DataFrame(
        {"status": ["done", "in_progress", "not_started"], "overdue": [False, True, False]}
    )
    assert _overview(commitments=commitments).cards[-1] == ("Partner commitments overdue", "1 of 3", "1 done")


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
    nation_only = text.widest_county_gap("Alder County", "A", "B", 4.0, None, ("the nation", 2.5))
    assert nation_only.endswith("than B, against 2.5 times across the nation.")
    both = text.widest_county_gap("Alder County", "A", "B", 4.0, ("Riverbend", 3.0), ("the nation", 2.5))
    assert both.endswith("against 3.0 times across Riverbend and 2.5 times across the nation.")
    assert text.widest_county_gap("Alder County", "A", "B", 4.0).endswith("than B.")


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
    assert state.page_keys("map") == ("area", "mix", "mixw")
    assert state.page_keys("community") == ("topic",)
    assert state.page_keys("overview") == ()
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
