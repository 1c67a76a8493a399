"""Every page, run by Streamlit's AppTest on the demo, on empty databases and with hostile URL values."""

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from equity import db, state
from tests.helpers import page_tables

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
PAGES = [
    "pages/overview.py",
    "pages/map.py",
    "pages/disparities.py",
    "pages/programs.py",
    "pages/partnerships.py",
    "pages/community.py",
    "pages/methods.py",
]


def run_page(page, params=None):
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    # Open the page directly, as a shared link does (each page's url_path is its file name).
    return at.switch_page(page).run()


def shown(markdown: str) -> str:
    """Markdown source as it reads on screen: text from data is backslash-escaped (equity.safety.md), and
    a backslash before punctuation shows the punctuation alone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(markdown)).replace("\u2060", "")


def texts(at):
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [t.value for t in at.title] + [s.value for s in at.subheader]
    return "\n".join(shown(p) for p in parts)


def charts(at):
    return at.get("plotly_chart")


# Each page's title and the start of its lead sentence on the demo, with no address given (the defaults).
LEADS = {
    "pages/overview.py": ("Health equity in Riverbend (fictional)", "The widest gap in 2024: "),
    "pages/map.py": ("Adults without health insurance by neighbourhood, 2024", "In 2024, adults without"),
    "pages/disparities.py": ("Adults without health insurance by race and ethnicity", "In 2024 in Riverbend"),
    "pages/programs.py": ("Programs: the results scorecard", "Is anyone better off? Of "),
    "pages/partnerships.py": ("Partnerships: promises kept, both ways", " commitments are overdue as of "),
    "pages/community.py": ("Community voice: you said, we did", "People raised “"),
    "pages/methods.py": ("Data & methods", None),
}


@pytest.mark.parametrize("page", PAGES)
def test_page_draws_on_demo(page, on_demo):
    at = run_page(page)
    assert not at.exception, at.exception
    body = texts(at)
    assert "Fictional demo data" in body
    title, lead = LEADS[page]
    assert [shown(t.value) for t in at.title] == [title]
    if lead:
        assert re.search(r'<div class="takeaway">[^<]*' + re.escape(lead), body), body[:2000]
    assert not at.warning  # no address given, so nothing fell back
    if page == "pages/methods.py":
        from equity.ingest import KINDS

        listed = page_tables(at)[0].value.index.tolist()
        assert listed == [f"python -m equity ingest {k.name}" for k in KINDS]
    assert len(charts(at)) >= (0 if page == "pages/methods.py" else 1)


@pytest.mark.parametrize("page", PAGES)
def test_page_explains_an_empty_database(page, empty_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(empty_db))
    at = AppTest.from_file(APP, default_timeout=30).switch_page(page).run()
    assert not at.exception
    assert "not an Equity Dashboard database" in texts(at)
    assert "python -m equity demo" in texts(at)


def test_schema_without_rows_says_it_is_empty(schema_only_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(schema_only_db))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "This database is empty" in texts(at)


def test_missing_database_at_a_chosen_path_is_explained(tmp_path, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(tmp_path / "nowhere.duckdb"))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "No database found" in texts(at)
    assert not (tmp_path / "nowhere.duckdb").exists()


def test_first_start_builds_the_demo(tmp_path, monkeypatch):
    monkeypatch.delenv("EQUITY_DB", raising=False)
    monkeypatch.setattr(db, "DEFAULT_DB", tmp_path / "equity.duckdb")
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, at.exception
    assert (tmp_path / "equity.duckdb").exists()
    assert "Fictional demo data" in texts(at)


HOSTILE = {
    "ind": "'; DROP TABLE indicators; --",
    "year": "20x4",
    "region": "<script>alert(1)</script>",
    "level": "planet",
    "group": "x" * 5000,
    "ref": "nobody",
    "present": "maybe",
    "area": "99999999999",
    "program": "no_such_program",
    "mix": "nonsense,'; DROP TABLE areas; --",
    "mixw": "Outcomes:lots",
    "topic": "no such topic",
    "chart": "no_such_chart",
    "partner": "'; DROP TABLE partners; --",
    "by": "fortnight",
    "commitment": "<b>c01</b>",
}


@pytest.mark.parametrize("page", PAGES)
def test_hostile_url_values_fall_back_with_notices(page, on_demo, demo_db):
    before = demo_db.read_bytes()
    at = run_page(page, HOSTILE)
    assert not at.exception, at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert "instead" in warnings
    assert demo_db.read_bytes() == before


def test_url_filters_choose_the_view(on_demo):
    at = run_page("pages/disparities.py", {"ind": "diabetes", "group": "income", "year": "2021"})
    assert not at.exception
    assert "Adults with diagnosed diabetes by household income" in texts(at)
    assert "2021" in texts(at)
    assert not at.warning


def chart_words(at) -> list[str]:
    """Each chart's title, subtitle and legend title, as drawn."""
    out = []
    for chart in charts(at):
        layout = json.loads(chart.proto.spec).get("layout", {})
        title = layout.get("title", {})
        parts = [title.get("text", ""), title.get("subtitle", {}).get("text", "")]
        parts += [layout.get("coloraxis", {}).get("colorbar", {}).get("title", {}).get("text", "")]
        parts += [layout.get("legend", {}).get("title", {}).get("text", "")]
        out.append(" ".join(p for p in parts if p))
    return out


@pytest.mark.parametrize("ind, words", [("diabetes", "crude"), ("diabetes_aa", "age-adjusted")])
@pytest.mark.parametrize("page", ["pages/disparities.py", "pages/map.py"])
def test_every_chart_says_crude_or_age_adjusted(on_demo, page, ind, words):
    at = run_page(page, {"ind": ind, "group": "race_ethnicity"})
    assert not at.exception, at.exception
    drawn = chart_words(at)
    assert drawn and all(words in w for w in drawn), drawn
    if ind.endswith("_aa"):
        assert "(age-adjusted)" in texts(at)  # the page title names the measure too


def test_an_age_adjusted_indicator_has_no_age_groups(on_demo):
    at = run_page("pages/disparities.py", {"ind": "diabetes_aa", "group": "age"})
    assert not at.exception, at.exception
    said = texts(at)
    # No figures by age at all, which is not "too few people": the page says which, and what to do.
    assert "There are no figures of adults with diagnosed diabetes (age-adjusted) by age group" in said
    assert "Too few groups" not in said
    at = run_page("pages/disparities.py", {"ind": "diabetes", "group": "age"})
    assert "There are no figures" not in texts(at)


def test_map_area_drill_down_from_url(on_demo, demo_con):
    from equity import queries

    area = queries.run(demo_con, "map_areas", {"level": "tract", "region": "99"})["area_id"].iloc[3]
    at = run_page("pages/map.py", {"area": area})
    assert not at.exception
    assert at.dataframe, "the selected area's profile table is shown"


def _spec(at, key):
    return json.loads(next(c for c in at.get("plotly_chart") if key in c.proto.id).proto.spec)


def test_disparities_compares_a_county_with_its_state_and_the_nation(on_demo):
    at = run_page("pages/disparities.py", {"region": "99001", "ind": "uninsured", "group": "race_ethnicity"})
    assert not at.exception, at.exception
    said = texts(at)
    assert "The gap between the worst- and best-off groups is" in said
    assert "the nation (fictional)" in said
    names = {t["name"] for t in _spec(at, "places")["data"]}
    assert {"Riverbend (fictional)", "The nation (fictional)"} <= names and len(names) == 3


def test_disparities_of_one_tract_from_the_map(on_demo, demo_con):
    from equity import queries

    tracts = queries.run(demo_con, "areas_in_region", {"region": "99"})
    tract = tracts[tracts["level"] == "tract"].iloc[5]
    at = run_page("pages/disparities.py", {"area": tract.area_id, "ind": "uninsured"})
    assert not at.exception, at.exception
    assert f"**{tract['name']}**, in Riverbend (fictional)." in texts(at)
    assert not at.warning
    names = [t["name"] for t in _spec(at, "places")["data"]]
    assert names[0] == tract["name"]  # the tract first, then its county, the state and the nation
    assert names[-1] == "The nation (fictional)"
    # The "Back to all of …" button is exercised in a real browser (test_browser.py): AppTest keeps
    # sending the query string it started with, so a page clearing a parameter cannot be seen here.


def test_disparities_area_outside_the_region_falls_back_with_a_notice(on_demo):
    at = run_page("pages/disparities.py", {"region": "99003", "area": "99001000100"})
    assert not at.exception, at.exception
    assert "which is not in" in "\n".join(w.value for w in at.warning)


def test_map_need_index_from_url(on_demo):
    at = run_page("pages/map.py", {"mix": "poverty,uninsured,diabetes", "mixw": "Chronic disease:2"})
    assert not at.exception, at.exception
    assert "Combined need index by neighbourhood" in texts(at)
    assert not at.warning
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = " ".join(t.get("name", "") for t in spec["data"])
    assert "0.80 – 1.00" in names  # need classes of the index, 0 to 1


def test_a_running_dashboard_shows_newly_loaded_data_without_restart(demo_db, tmp_path, monkeypatch):
    from equity.ingest import ingest

    path = tmp_path / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "Fictional demo data" in texts(at)
    square = [[[-71.5, 41.5], [-71.4, 41.5], [-71.4, 41.6], [-71.5, 41.6], [-71.5, 41.5]]]
    geojson = tmp_path / "tracts.json"
    geojson.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"GEOID": "44001010100"},
                        "geometry": {"type": "Polygon", "coordinates": square},
                    }
                ],
            }
        )
    )
    table = tmp_path / "asthma.csv"
    table.write_text(
        "area_id,indicator_id,period,value,label,unit,higher_is_worse\n"
        "44001010100,asthma,2023,9.5,Adults with asthma,percent,true\n"
    )
    ingest(path, "boundaries", [geojson])
    ingest(path, "indicators", [table])
    at.run()  # the same session, the next rerun: no restart
    assert not at.exception, at.exception
    body = texts(at)
    assert "Fictional demo data" not in body
    assert "Health equity in Rhode Island" in body


@pytest.fixture
def with_zctas(tmp_path, squares_geojson, monkeypatch):
    """Real loads: tracts of Rhode Island, Census ZCTA boundaries, and a PLACES ZCTA file."""
    from equity.ingest import ingest

    path = tmp_path / "equity.duckdb"
    ingest(
        path, "boundaries", [squares_geojson(["44001010100", "44001010200", "44003020100"], "tracts.json")]
    )
    zctas = squares_geojson(
        ["02806", "02809", "02818"],
        "cb_2020_us_zcta520_500k.json",
        properties=lambda c: {"ZCTA5CE20": c, "GEOID20": c, "AFFGEOID20": f"860Z200US{c}"},
    )
    ingest(path, "boundaries", [zctas])
    rows = "".join(
        f"2022,{code},Health Outcomes,Current asthma,%,{v},{v - 1},{v + 1},1200,{code},CASTHMA,CrdPrv\n"
        for code, v in (("02806", 9.0), ("02809", 10.0), ("02818", 11.0))
    )
    places = tmp_path / "PLACES_ZCTA.csv"
    places.write_text(
        "Year,LocationName,Category,Measure,Data_Value_Unit,Data_Value,Low_Confidence_Limit,"
        "High_Confidence_Limit,TotalPopulation,LocationID,MeasureId,DataValueTypeID\n" + rows
    )
    ingest(path, "places", [places])
    monkeypatch.setenv("EQUITY_DB", str(path))
    return path


@pytest.mark.parametrize("page", PAGES)
def test_pages_draw_with_zctas_loaded(page, with_zctas):
    at = run_page(page)
    assert not at.exception, at.exception
    assert not at.warning
    body = texts(at)
    assert "Fictional demo data" not in body
    if page == "pages/overview.py":
        assert "Health equity in Rhode Island" in body
    if page in ("pages/programs.py", "pages/partnerships.py", "pages/community.py"):
        # Real public files hold no organisation tables: each page says what to load.
        assert "see “Loading your own data” in the README" in body


def test_map_shows_zctas_from_url(with_zctas):
    at = run_page("pages/map.py", {"level": "zcta", "region": "44", "ind": "places_casthma", "year": "2022"})
    assert not at.exception, at.exception
    assert not at.warning
    assert "Current asthma among adults by ZIP code area, 2022" in texts(at)
    spec = json.loads(charts(at)[0].proto.spec)
    shown = {loc for trace in spec["data"] for loc in trace.get("locations") or []}
    assert shown == {"Z02806", "Z02809", "Z02818"}
    assert "ZIP code areas (ZCTAs)" in [o for r in at.sidebar.radio for o in r.options]
    at = run_page("pages/map.py", {"level": "zcta", "region": "44001", "ind": "places_casthma"})
    assert not at.exception and "Choose the state" in texts(at)  # ZCTAs lie in no one county


# Markup a link might carry; none of it may reach the page as markup (equity.safety).
MARKUP = {
    "markdown image": "![x](http://127.0.0.1:9/a.png)",
    "markdown link": "[Verify your login](https://example.com/p)",
    "colour directive": ":red[**SYSTEM ERROR**]",
    "html": "<img src=http://127.0.0.1:9/b.png><a href='https://example.com'>x</a>",
    "bidi override": "uninsured\u202e",
    "very long": "![x](http://127.0.0.1:9/c.png)" * 200,
}
URL_KEYS = (
    "ind",
    "year",
    "region",
    "level",
    "group",
    "ref",
    "lang",
    "present",
    "area",
    "program",
    "mix",
    "mixw",
    "topic",
    "chart",
    "partner",
    "by",
    "commitment",
    "heard",
)


def rendered_sources(at) -> list[str]:
    """The Markdown source of everything AppTest sees rendered as Markdown: text elements and labels."""
    out = [e.value for kind in ("markdown", "caption", "warning", "info", "error", "title", "subheader")
           for e in at.get(kind)]  # fmt: skip
    for kind in ("button", "download_button", "selectbox", "expander", "number_input", "segmented_control"):
        out += [str(getattr(e, "label", "")) for e in at.get(kind)]
    return [str(v) for v in out]


@pytest.mark.parametrize("name", MARKUP)
@pytest.mark.parametrize("page", PAGES)
def test_markup_in_every_url_key_is_shown_as_text(page, name, on_demo):
    value = MARKUP[name]
    at = run_page(page, {key: value for key in URL_KEYS})
    assert not at.exception, at.exception
    raw = value[:30] if name == "very long" else value
    for source in rendered_sources(at):
        assert raw not in source, source
        assert "\u202e" not in source
        for live in ("![", "](", ":red[", "<img", "<a "):
            assert live not in source.replace("\\[", "").replace("\\(", "").replace("\\<", ""), source
    assert any("“" in w.value for w in at.warning), "the link's values were quoted back"
    longest = max((len(w.value) for w in at.warning), default=0)
    assert longest < 400  # a quoted value is shortened


def cells(table) -> dict[str, dict[str, str]]:
    """A static table as it reads on screen, by its first column: {row: {column: text}}."""
    df = table.value.map(shown)
    return {row[df.columns[0]]: dict(row) for _, row in df.iterrows()}


def test_programs_page_shows_the_coalitions_scorecard_and_the_programs(on_demo):
    at = run_page("pages/programs.py", {"program": "mobile_clinic"})
    assert not at.exception, at.exception
    assert not at.warning
    coalition, *program = page_tables(at)
    rows = cells(coalition)
    assert list(next(iter(rows.values()))) == [
        "Program",
        "Is anyone better off?",
        "Trend",
        "On track?",
        "How well did we do it?",
        "How much did we do?",
    ]
    assert len(rows) == 6  # one row per program
    van = rows["Rural Health on Wheels"]
    assert van["Is anyone better off?"].startswith(
        "Patients with high blood pressure whose blood pressure is under control: "
    )
    assert van["Trend"] == "↑ Getting better"
    assert "1 getting worse" in van["How well did we do it?"]  # follow-up slipped after the nurse left
    assert rows["Telehealth Access Points"]["On track?"] == "No target set"  # never counted as missed
    assert rows["Promotores de Salud"]["Is anyone better off?"].startswith(
        "People helped to enroll in health coverage: "
    )
    body = texts(at)
    assert "Rural Health on Wheels: its scorecard" in body
    assert re.search(
        r'<div class="takeaway">Is anyone better off\? Patients with high blood pressure whose blood '
        r"pressure is under control: \d+\.\d% in \w+ 2025, (on|off) track \(its target is 60\.0% or "
        r"more\), getting better than a year before\.</div>",
        body,
    ), body[:3000]
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings == [
        "#### Is anyone better off?",
        "#### How well did we do it?",
        "#### How much did we do?",
    ]
    better_off, how_well, how_much = (cells(t) for t in program)
    assert list(better_off) == ["Patients with high blood pressure whose blood pressure is under control"]
    assert how_well["Abnormal screenings with a follow-up visit within 30 days"]["Trend"].startswith(
        "↓ Getting worse: averaging "
    )
    assert set(how_much) == {"Visits at mobile clinic stops", "Adults screened for high blood pressure"}
    for row in (*better_off.values(), *how_well.values(), *how_much.values()):
        assert re.fullmatch(r"[▁▂▃▄▅▆▇█·]{12}", row["Last 12 months"]), row
        assert row["Target"].endswith(" or more")
    assert any("a month with no target set is never counted as missed" in c.value for c in at.caption)
    assert "Download the coalition's scorecard:" in [m.value for m in at.markdown]
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("CSV") == labels.count("Excel") == 2  # the coalition's scorecard; the months


@pytest.mark.parametrize(
    ("params", "part", "heading"),
    [
        ({}, "results", "Month by month, against targets"),
        ({"chart": "results_mobile_clinic_bp_control"}, "results", "Month by month, against targets"),
        ({"chart": "impact_its"}, "impact", "Did it work?"),
        ({"chart": "reach_sites"}, "reach", "Who are we reaching?"),
        ({"part": "impact", "chart": "reach_map"}, "impact", "Did it work?"),  # the link's part wins
        ({"chart": "no_such_chart"}, "results", "Month by month, against targets"),
    ],
)
def test_programs_one_part_at_a_time_and_a_charts_link_opens_its_part(on_demo, params, part, heading):
    from equity.views import programs as programs_view

    at = run_page("pages/programs.py", {"program": "mobile_clinic", **params})
    assert not at.exception, at.exception
    assert at.segmented_control(key="url_part").value == part
    assert heading in [s.value for s in at.subheader]
    drawn = set(at.session_state["_frame"].drawn)
    family = {c: "results_" if c.startswith("results_") else c for c in drawn}
    assert drawn and {programs_view.CHART_PART[family[c]] for c in drawn} == {part}  # no other part's
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("CSV") == labels.count("Excel") >= 2  # each part's figures can be had


def test_every_chart_of_the_programs_page_is_in_one_part():
    from equity.views import programs as programs_view

    assert set(programs_view.CHART_PART) == set(state.PAGE_CHARTS["programs"])
    assert set(programs_view.CHART_PART.values()) == set(programs_view.PARTS)


def test_a_programs_part_the_page_does_not_have_says_so(on_demo):
    at = run_page("pages/programs.py", {"part": "<b>everything</b>"})
    assert not at.exception, at.exception
    assert at.segmented_control(key="url_part").value == "results"
    notices = [w.value for w in at.warning]
    assert notices == [  # as text: the markup escaped
        "The link asked for the part “\\<b\\>everything\\</b\\>”, which this page does not have; showing "
        "results and scorecards instead."
    ]


def test_a_program_with_no_target_for_its_better_off_measure_says_so(on_demo):
    at = run_page("pages/programs.py", {"program": "telehealth"})
    assert not at.exception, at.exception
    better_off = cells(page_tables(at)[1])
    assert better_off["Patients who have a regular clinician"]["On track?"] == "No target set"
    assert better_off["Patients who have a regular clinician"]["Target"] == "None set"
    assert "Patients who have a regular clinician: " in texts(at) and "with no target set" in texts(at)


@pytest.fixture
def questions_unsaid(demo_db, tmp_path, monkeypatch):
    """The demo as if its metrics had been loaded from files made before the question column."""
    import duckdb

    path = tmp_path / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    con = duckdb.connect(str(path))
    con.execute("UPDATE program_metrics SET question = NULL")
    con.close()
    monkeypatch.setenv("EQUITY_DB", str(path))


def test_programs_page_with_no_question_said_lists_the_measures_apart(questions_unsaid):
    at = run_page("pages/programs.py")
    assert not at.exception, at.exception
    body = texts(at)
    assert "None of the measures of the 6 programs says yet which question it answers" in body
    assert set(cells(page_tables(at)[0])["Eastside Community Health Center"].values()) >= {
        "Not yet said which question its measures answer"
    }
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings[-1] == "#### Which question? Not yet said"
    assert len(cells(page_tables(at)[-1])) == 4  # every measure of the health center, listed apart
    assert [c.value for c in at.caption].count("No measure answers this yet.") == 3


def test_community_topic_from_the_url_narrows_the_table(on_demo, demo_con):
    from equity import queries

    rows = queries.run(demo_con, "community_input", {})
    topic = sorted(rows["topic"].unique())[1]
    at = run_page("pages/community.py", {"topic": topic})
    assert not at.exception, at.exception
    assert not at.warning
    assert at.selectbox(key="url_topic").value == topic
    table = at.dataframe[0].value
    assert set(table["Topic"]) == {topic}
    assert len(table) == int((rows["topic"] == topic).sum())
    at = run_page("pages/community.py", {"topic": "Moon travel"})
    assert "which no one raised here; showing all topics instead" in at.warning[0].value
    assert at.selectbox(key="url_topic").value is None
    assert len(at.dataframe[0].value) == len(rows)


@pytest.fixture
def counties_only(tmp_path, squares_geojson, monkeypatch):
    """A scenario of real loads: one state's counties and a county indicator file (no groups, no tracts),
    whose latest year covers only one county and whose other indicator has no 2023 values."""
    from equity.ingest import ingest

    path = tmp_path / "equity.duckdb"
    counties = ["44001", "44003", "44005", "44007", "44009"]
    names = ["Rhode Island", "Bristol", "Kent", "Newport", "Providence", "Washington"]
    ingest(
        path, "boundaries", [squares_geojson(["44", *counties], "cb_2022_us_county_500k.json", names=names)]
    )
    rows = [f"{c},obesity,2022,{30 + i},Adults with obesity,percent,true" for i, c in enumerate(counties)]
    rows += ["44001,obesity,2023,33.0,Adults with obesity,percent,true"]  # a year barely begun
    rows += [f"{c},screening,2021,{70 + i},Cancer screening,percent,false" for i, c in enumerate(counties)]
    table = tmp_path / "county_values.csv"
    table.write_text(
        "area_id,indicator_id,period,value,label,unit,higher_is_worse\n" + "\n".join(rows) + "\n"
    )
    ingest(path, "indicators", [table])
    monkeypatch.setenv("EQUITY_DB", str(path))
    return path


def test_a_county_database_opens_on_a_view_with_values_in_its_own_words(counties_only):
    at = run_page("pages/overview.py")
    assert not at.exception, at.exception
    body = texts(at)
    assert "Health equity in Rhode Island" in body
    assert "In 2022, adults with obesity ranged from 30.0% in Bristol to 34.0% in Washington" in body
    # The file has no figure for the state itself: the card derives one from the counties, and says so.
    assert 'Adults with obesity, 2022</div><div class="value">32.0%' in body
    assert "Derived from its 5 counties, each counted once (no populations loaded); no interval" in body
    assert "Counties faring worse than the region as a whole" in body
    assert "eighbourhood" not in body  # no tracts here
    assert "See the overdue commitments" not in body and "Commitments" not in body
    assert "Widest gaps" not in body  # no values by group: no gaps section

    at = run_page("pages/map.py")
    body = texts(at)
    assert "Adults with obesity by county, 2022" in body
    assert "too few people" not in body.split("Darker areas")[0]  # nothing was withheld
    years = next(s for s in at.sidebar.selectbox if s.label == "Year")
    assert list(years.options) == ["2023", "2022"]  # the years this indicator has, not 2021

    at = run_page("pages/map.py", {"ind": "screening", "year": "2022"})
    assert "“Cancer screening” has no figures for 2022; showing 2021" in "\n".join(
        w.value for w in at.warning
    )
    assert "Cancer screening by county, 2021" in texts(at)

    at = run_page("pages/disparities.py")
    body = texts(at)
    assert [shown(t.value) for t in at.title] == ["Adults with obesity"]  # no dangling "by"
    assert (
        "“Adults with obesity” has no values by group, and no indicator in this database has them yet."
        in body
    )


SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.shared_data
def test_rhode_island_tracts_with_the_svi_compare_places_on_the_disparities_page(tmp_path, monkeypatch):
    """The real files: Census tract boundaries and the SVI of Rhode Island, no groups anywhere."""
    from equity.ingest import ingest

    shapes, svi = SHARED / "boundaries" / "cb_2018_44_tract_500k.json", SHARED / "svi" / "RI_tract_2018.csv"
    if not (shapes.exists() and svi.exists()):
        pytest.skip(f"the shared files {shapes.name} and {svi.name} are not here (../shared/data)")
    path = tmp_path / "equity.duckdb"
    ingest(path, "boundaries", [shapes])
    ingest(path, "svi", [svi])
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = run_page("pages/disparities.py")
    assert not at.exception, at.exception
    body = texts(at)
    assert [shown(t.value) for t in at.title] == ["No health insurance (civilian non-institutionalised)"]
    assert "Neighbourhoods compared" in body
    assert "In the most socially vulnerable fifth of neighbourhoods (48 neighbourhoods, by the SVI)" in body
    assert "is concentrated in the more socially vulnerable neighbourhoods" in body
    assert charts(at)
    at = run_page("pages/map.py")
    assert "No health insurance (civilian non-institutionalised) by neighbourhood, 2018" in texts(at)
    assert "too few people" not in texts(at).split("Darker areas")[0]


def test_areas_without_shapes_are_shown_everywhere_but_drawn_nowhere(demo_db, tmp_path, monkeypatch):
    """Areas a values file brought without boundaries (ACS tracts before their shapes): the map says how
    many it cannot draw and how to add them, and still lists their figures."""
    import duckdb

    path = tmp_path / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    con = duckdb.connect(str(path))
    tracts = [
        r[0] for r in con.execute("SELECT area_id FROM areas WHERE level = 'tract' ORDER BY 1").fetchall()
    ]
    unshape = "UPDATE areas SET geometry = NULL, geometry_drawn = NULL WHERE area_id IN (SELECT unnest($1))"
    con.execute(unshape, [tracts[:5]])
    con.close()
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = run_page("pages/map.py")
    assert not at.exception, at.exception
    said = "\n".join(i.value for i in at.info)
    assert (
        f"5 of the {len(tracts)} neighbourhoods here have no shape loaded, so the map cannot draw them"
        in shown(said)
    )
    assert charts(at)  # the others are drawn
    drawn = {
        loc for trace in json.loads(charts(at)[0].proto.spec)["data"] for loc in trace.get("locations") or []
    }
    assert not drawn & set(tracts[:5]) and drawn


def test_with_more_than_one_state_the_nation_is_a_region(tmp_path, squares_geojson, monkeypatch):
    from equity.ingest import ingest

    path = tmp_path / "equity.duckdb"
    ids = ["44", "44001", "44003", "25", "25001", "25003"]
    names = ["Rhode Island", "Bristol", "Kent", "Massachusetts", "Barnstable", "Berkshire"]
    ingest(path, "boundaries", [squares_geojson(ids, "cb_2022_us_county_500k.json", names=names)])
    rows = [
        f"{c},obesity,2022,{30 + i},Adults with obesity,percent,true"
        for i, c in enumerate(ids[1:3] + ids[4:])
    ]
    table = tmp_path / "county_values.csv"
    table.write_text(
        "area_id,indicator_id,period,value,label,unit,higher_is_worse\n" + "\n".join(rows) + "\n"
    )
    ingest(path, "indicators", [table])
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = run_page("pages/map.py")
    assert not at.exception, at.exception
    region = next(s for s in at.sidebar.selectbox if s.label == "Region")
    assert list(region.options)[:3] == ["United States", "Massachusetts", "Rhode Island"]
    assert region.value == "US"  # the nation, as the whole of what was loaded
    assert [c.value for c in at.sidebar.caption][:1] == ["United States"]  # not "2 states"
    # Seen nationally, a county is named with its state (counties of two states may share a name).
    assert "Barnstable, Massachusetts" in texts(at) and "Bristol, Rhode Island" in texts(at)
    spec = json.loads(charts(at)[0].proto.spec)
    drawn = {loc for trace in spec["data"] for loc in trace.get("locations") or []}
    assert drawn == {"44001", "44003", "25001", "25003"}  # every county of both states
    assert "Health equity in the United States" in texts(run_page("pages/overview.py"))
    levels = [o for r in at.sidebar.radio for o in r.options]
    assert levels == ["Counties", "States"]  # the nation's map can be of its states; no tracts here


def test_group_labels_from_a_file_are_text_in_the_disparities_table(tmp_path, squares_geojson, monkeypatch):
    """st.table renders Markdown: a group label from a loaded file must come out as typed, not a link."""
    from equity.ingest import ingest

    path = tmp_path / "equity.duckdb"
    names = ["Rhode Island", "Bristol"]
    ingest(path, "boundaries", [squares_geojson(["44", "44001"], "cb_2022_us_county_500k.json", names=names)])
    rows = [
        "44,screening,2022,all,All,70.0,Cancer screening,percent,false",
        "44,screening,2022,race_ethnicity,[click](http://evil.example),60.0,Cancer screening,percent,false",
        "44,screening,2022,race_ethnicity,**Bold**,75.0,Cancer screening,percent,false",
    ]
    table = tmp_path / "values.csv"
    table.write_text(
        "area_id,indicator_id,period,group_dim,group_label,value,label,unit,higher_is_worse\n"
        + "\n".join(rows)
        + "\n"
    )
    ingest(path, "indicators", [table])
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = run_page("pages/disparities.py", {"region": "44"})
    assert not at.exception, at.exception
    cells = page_tables(at)[0].value.astype(str).to_numpy().ravel().tolist()
    assert any(c.startswith("\\[click\\]") for c in cells), cells  # escaped: shown as typed
    assert not any(c.startswith(("[click]", "**Bold**")) for c in cells)


# ---- each chart's own link, and its data as CSV and Excel -----------------------------------------------

CHART_PAGES = [p for p in PAGES if p != "pages/methods.py"]


@pytest.mark.parametrize("page", CHART_PAGES)
def test_every_chart_has_its_link_and_every_download_both_formats(page, on_demo, demo_con):
    from equity import queries, state

    at = run_page(page)
    assert not at.exception, at.exception
    fr = at.session_state["_frame"]
    metric_ids = queries.run(demo_con, "metric_ids")["metric_id"]
    assert fr.drawn and set(fr.drawn) <= state.chart_keys(fr.page, metric_ids)  # each one a link can name
    links = [c.value for c in at.code]
    assert len(links) == len(fr.drawn)
    for link, key in zip(links, fr.drawn, strict=True):
        path = "/" if page == "pages/overview.py" else "/" + page.split("/")[1].removesuffix(".py")
        assert link.startswith(path + "?level=") and link.endswith(f"&chart={key}")
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("CSV") == labels.count("Excel") >= 1, labels


def test_the_methods_page_offers_each_table_in_both_formats_and_templates_as_csv(on_demo):
    at = run_page("pages/methods.py")
    assert not at.exception, at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("CSV") == labels.count("Excel") == 5
    templates = sum(label.endswith(".csv") for label in labels)  # to fill in: no citation
    assert templates == len(db.ORG_TABLES)
    assert not at.code  # no chart, no chart link


def test_the_excel_download_of_a_chart_on_the_demo_cites_it(on_demo, monkeypatch):
    import io

    import openpyxl
    import streamlit as st

    from equity import text

    offered = {}
    real = st.download_button

    def record(label, data, *args, **kwargs):
        offered[kwargs.get("file_name")] = data
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", record)
    at = run_page("pages/disparities.py", {"ref": "Asian"})
    assert not at.exception, at.exception
    assert "Excel" in [b.label for b in at.get("download_button")]
    name = "disparities_uninsured_99.xlsx"
    assert callable(offered[name])  # built when someone asks for it, not on every view
    book = openpyxl.load_workbook(io.BytesIO(offered[name]()))
    assert book.sheetnames == [text.ABOUT_SHEET, text.DATA_SHEET]
    about = {}
    for field, line in book[text.ABOUT_SHEET].iter_rows(min_row=2, values_only=True):
        about.setdefault(field, []).append(line)
    f = text.ABOUT_FIELDS
    chart = "Adults without health insurance by race and ethnicity, Riverbend (fictional)"
    assert about[f["chart"]] == [chart]
    assert about[f["source"]][0].startswith("Riverbend Community Survey of Social Conditions (fictional)")
    assert about[f["vintage"]] == ["2019–2024"]
    assert "counts under 11" in about[f["small_counts"]][0]
    link = about[f["link"]][0]
    assert link.startswith("/disparities?") and "ref=Asian" in link and link.endswith("&chart=groups")
    assert about[f["downloaded"]][0].endswith(" UTC") and f["demo"] in about
    header = [c.value for c in book[text.DATA_SHEET][1]]
    assert {"year", "group_label", "value", "ci_low", "ci_high", "numerator", "denominator"} <= set(header)
    rows = book[text.DATA_SHEET].iter_rows(min_row=2, values_only=True)
    counts = [r[header.index(c)] for r in rows for c in ("numerator", "denominator")]
    assert not [n for n in counts if n is not None and 1 <= n < 11]


def scroll_scripts(at) -> list[str]:
    """The page's scripts that scroll to a chart (the frame's one script says the page's language)."""
    return [h.proto.body for h in at.get("html") if "document.documentElement.lang" not in h.proto.body]


def test_every_page_says_its_language_to_the_browser(on_demo):
    for lang in ("en", "es"):
        at = run_page("pages/overview.py", {"lang": lang})
        said = [h.proto.body for h in at.get("html") if "document.documentElement.lang" in h.proto.body]
        assert said == [f'<script>document.documentElement.lang = "{lang}";</script>'], said


def test_a_chart_link_opens_the_page_at_that_chart_once(on_demo):
    at = run_page("pages/disparities.py", {"chart": "trend"})
    assert not at.exception, at.exception
    assert not at.warning
    scripts = scroll_scripts(at)
    assert len(scripts) == 1 and '"st-key-chart_trend"' in scripts[0]
    assert at.query_params["chart"] == "trend"  # the link keeps saying which chart
    at.run()  # a rerun in the same view (a change of filter) leaves the page where the reader has it
    assert not scroll_scripts(at)


@pytest.mark.parametrize("value", ["nope", "<img src=x>", "groups\u202e", "trend" * 40])
def test_a_chart_link_the_page_does_not_have_opens_at_the_top_with_a_notice(on_demo, value):
    at = run_page("pages/disparities.py", {"chart": value})
    assert not at.exception, at.exception
    assert not scroll_scripts(at)  # no scrolling anywhere
    notices = [w.value for w in at.warning]
    assert len(notices) == 1, notices
    assert "could not be read" in notices[0] or "which this page does not have" in notices[0]
    assert "\u202e" not in notices[0] and "<img" not in notices[0].replace("\\<", "")
    assert "chart" not in at.query_params  # and the address no longer names it


@pytest.mark.parametrize("page", PAGES)
def test_the_presentation_view_shows_charts_without_download_buttons(page, on_demo):
    at = run_page(page, {"present": "1"})
    assert not at.exception
    assert not at.get("download_button"), "a meeting sees the chart, not the controls"
    plain = run_page(page)
    assert len(charts(plain)) == len(charts(at))  # every chart is still drawn


@pytest.mark.parametrize("page", ["pages/programs.py", "pages/partnerships.py", "pages/community.py",
                                  "pages/lessons.py", "pages/map.py"])  # fmt: skip
def test_a_page_that_ends_early_ends_as_every_page_does(page, with_zctas):
    # Real public files and no organisation tables: the pages end on their empty state (and the map, on
    # its footprint); in the presentation view they still step to the pages either side and give the way
    # out, and the address still holds the whole view.
    at = run_page(page, {"present": "1", **({"fp": "default"} if page.endswith("map.py") else {})})
    assert not at.exception, at.exception
    labels = [link.proto.label for link in at.get("page_link")]
    assert "Leave the presentation view" in labels, labels
    assert any(label.endswith(" →") for label in labels) and any(label.startswith("← ") for label in labels)
    assert {"region", "ind", "year", "present"} <= set(at.query_params), dict(at.query_params)
