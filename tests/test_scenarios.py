"""Scenario databases of real public formats, built from fixtures of the project's own (and from the real
files in ../shared/data where present): every page shows a view with values and true words on an ACS
file of one county's tracts by race, and on a CDC WONDER state file by race and ethnicity, whose totals
WONDER withholds."""

from pathlib import Path

import pytest

from equity.ingest import ingest
from tests.helpers import write
from tests.test_ingest_acs import S1903_BASE, _q
from tests.test_ingest_wonder import FOOTER, export, row
from tests.test_pages import PAGES, charts, run_page, texts

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"

# ---- ACS: median household income by race of the householder, four tracts of one county ---------------

GROUPS = {  # code: (label path, median income in each of the four tracts)
    "S1903_C03_001E": ("Households", [52_000, 61_000, 45_000, 70_000]),
    "S1903_C03_003E": ("Households!!One race--!!Black or African American", [31_000, 40_000, 30_000, 52_000]),
    "S1903_C03_009E": (
        "Households!!Hispanic or Latino origin (of any race)",
        [38_000, 47_000, 36_000, 60_000],
    ),
    "S1903_C03_010E": ("Households!!White alone, not Hispanic or Latino", [66_000, 72_000, 75_000, 78_000]),
}


def acs_tracts(folder: Path) -> Path:
    codes, labels = ["GEO_ID", "NAME"], ["Geography", "Geographic Area Name"]
    for code, (path, _) in GROUPS.items():
        codes += [code, code[:-1] + "M"]
        label = f"Estimate!!{S1903_BASE}!!{path}"
        labels += [label, label.replace("Estimate!!", "Margin of Error!!")]
    rows = []
    for i in range(4):
        tract = f"44007{(i + 1) * 100:06d}"
        cells = [f"1400000US{tract}", f"Census Tract {i + 1}, Providence County, Rhode Island"]
        for _, values in GROUPS.values():
            cells += [str(values[i]), "1,645"]  # a 90% margin of $1,645: $1,960 at 95%, reliable
        rows.append(cells)
    text = "\n".join(",".join(_q(c) for c in r) for r in [codes, labels, *rows]) + "\n"
    return write(folder, "ACSST5Y2021.S1903-Data.csv", "\ufeff" + text)


@pytest.fixture
def acs_db(tmp_path, monkeypatch):
    path = tmp_path / "equity.duckdb"
    ingest(path, "acs", [acs_tracts(tmp_path)])
    monkeypatch.setenv("EQUITY_DB", str(path))
    return path


def test_acs_tracts_of_one_county_open_on_the_county_and_compare_its_tracts_groups(acs_db):
    at = run_page("pages/overview.py")
    assert not at.exception, at.exception
    body = texts(at)
    assert "Health equity in Providence County" in body  # not the state it says nothing else about
    # The county has no figure by group of its own: the gaps are compared between its tracts.
    assert "The gap between the worst- and best-off groups is widest in Census Tract 3" in body
    assert "Widest gaps by race and ethnicity, 2021" in body and "by income" not in body
    assert "Derived from" not in body  # a median is never averaged into its county

    at = run_page("pages/disparities.py")
    assert not at.exception, at.exception
    body = texts(at)
    assert "the source gives its groups for its neighbourhoods" in body
    titles = [c.proto.spec for c in charts(at)]
    assert any("Gap by race and ethnicity in each neighbourhood" in t for t in titles)

    at = run_page("pages/disparities.py", {"area": "44007000300"})  # one tract, from the map
    assert not at.exception, at.exception
    body = texts(at)
    assert "In 2021 in Census Tract 3" in body and "$30,000" in body and "$75,000" in body


# ---- CDC WONDER: cervical cancer by state, race and ethnicity ------------------------------------------

WONDER_STATES = {"44": "Rhode Island", "09": "Connecticut", "25": "Massachusetts"}


def wonder_states(folder: Path) -> Path:
    from tests import test_ingest_wonder as w

    w.STATES.update(WONDER_STATES)
    rows = []
    for state, (white, black, hispanic) in {
        "44": (30, 40, 20),
        "09": (90, "Suppressed", 60),
        "25": (120, 80, 50),
    }.items():
        rows += [
            row(2022, state, "White", "Non-Hispanic", white, 400_000, 7.5),
            row(2022, state, "Black or African American", "Non-Hispanic", black, 60_000, 60.0),
            row(2022, state, "White", "Hispanic", hispanic, 100_000, 20.0),
            row(2022, state, "Black or African American", "Hispanic", 0, 10_000, 0.0),
        ]
    return export(folder, rows, name="CDC_Wonder_Cervical_Cancer-Race_State.csv", footer=FOOTER)


@pytest.fixture
def wonder_db(tmp_path, monkeypatch):
    path = tmp_path / "equity.duckdb"
    ingest(path, "wonder", [wonder_states(tmp_path)])
    monkeypatch.setenv("EQUITY_DB", str(path))
    return path


def test_a_wonder_state_file_by_race_compares_its_states_groups(wonder_db):
    at = run_page("pages/overview.py")
    assert not at.exception, at.exception
    body = texts(at)
    assert "Health equity in the United States" in body
    assert "The gap between the worst- and best-off groups is widest in" in body
    assert "Widest gaps by race and ethnicity, 2022" in body

    at = run_page("pages/disparities.py")
    body = texts(at)
    assert (
        "has no values by group for the United States itself; the source gives its groups for its states"
        in body
    )
    assert any("Gap by race and ethnicity in each state" in c.proto.spec for c in charts(at))
    assert "Fewer than three states" not in body  # no ranking of the two states with totals

    at = run_page("pages/disparities.py", {"region": "25"})
    body = texts(at)
    assert "In 2022 in Massachusetts, cervical cancer incidence was highest among Black residents" in body

    at = run_page("pages/map.py")
    body = texts(at)
    assert "Cervical cancer incidence by state, 2022" in body
    assert "too few people" not in body.split("Darker areas")[0]

    at = run_page("pages/methods.py")
    body = texts(at)
    assert "What the publisher notes about these figures" in body
    assert "fewer than 16 cases" in body


def test_the_meetings_built_story_shows_the_gaps_between_a_nations_states(wonder_db):
    """The nation has no figures by group, its states do: the story's first slide is their gaps."""
    at = run_page("pages/meeting.py")
    assert not at.exception, at.exception
    assert '<div class="slide-title">The widest gap</div>' in texts(at)
    assert "The gap between the worst- and best-off groups is widest in" in texts(at)
    assert len(charts(at)) == 1
    notes = texts(run_page("pages/meeting.py", {"notes": "1"}))
    assert "The region itself has no figures by group, but its parts do" in notes


# ---- the real files ------------------------------------------------------------------------------------

REAL_WONDER = SHARED / "wonder" / "CDC_Wonder_Cervical_Cancer-Race_State.csv"
REAL_S1903 = SHARED / "acs" / "ACSST5Y2021.S1903-Data.csv"


@pytest.mark.shared_data
def test_the_real_wonder_file_opens_on_the_nation_with_its_states_gaps(tmp_path, monkeypatch):
    if not REAL_WONDER.is_file():
        pytest.skip(f"the real WONDER export is not at {REAL_WONDER}")
    path = tmp_path / "equity.duckdb"
    ingest(path, "wonder", [REAL_WONDER])
    monkeypatch.setenv("EQUITY_DB", str(path))
    body = texts(run_page("pages/overview.py"))
    assert "Health equity in the United States" in body
    assert "Cervical cancer incidence" in body
    assert "The gap between the worst- and best-off groups is widest in California" in body
    at = run_page("pages/disparities.py")
    assert any(
        "Gap by race and ethnicity: the 15 states where it is widest" in c.proto.spec for c in charts(at)
    )
    # The meeting's built story opens on the same gaps between states, and says no map or program is here.
    at = run_page("pages/meeting.py")
    assert not at.exception, at.exception
    body = texts(at)
    assert '<div class="slide-title">The widest gap</div>' in body and "1 of 1" in body
    assert "widest in California" in body and len(charts(at)) == 1


@pytest.mark.shared_data
def test_the_real_s1903_file_opens_on_bexar_county(tmp_path, monkeypatch):
    if not REAL_S1903.is_file():
        pytest.skip(f"the real ACS S1903 file is not at {REAL_S1903}")
    path = tmp_path / "equity.duckdb"
    ingest(path, "acs", [REAL_S1903])
    monkeypatch.setenv("EQUITY_DB", str(path))
    body = texts(run_page("pages/overview.py"))
    assert "Health equity in Bexar County" in body
    assert "Health equity in Texas" not in body
    at = run_page("pages/disparities.py")
    assert any(
        "Gap by race and ethnicity: the 15 neighbourhoods where it is widest" in c.proto.spec
        for c in charts(at)
    )


@pytest.mark.parametrize("scenario", ["acs_db", "wonder_db"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_each_scenario_in_true_words(scenario, page, request):
    """No page fails, claims a withheld figure where none was withheld, or ends a sentence on nothing."""
    request.getfixturevalue(scenario)
    at = run_page(page)
    assert not at.exception, at.exception
    body = texts(at)
    assert "too few people counted" not in body.split("Darker areas")[0]
    assert "These indicators do: ." not in body and " by ," not in body
    assert not any(w.value for w in at.warning), [
        w.value for w in at.warning
    ]  # nothing asked, nothing fell back
