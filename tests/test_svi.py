"""The need index reproduces the published CDC/ATSDR Social Vulnerability Index exactly.

Reads the real SVI files in ../shared/data/svi (beside the project root): the 2018 Rhode Island tract
file (2018 schema, ranked within the state) and the 2020 U.S. county file (2020 schema, ranked
nationally), rebuilds every percentile, sum and flag from the EP_ (percentage) columns with
``need_index``, and compares them with the published EPL_, SPL_, RPL_ and F_ columns to the published
4 decimals. Skipped when the shared data directory is absent.

What the documentation says, and what the files show (both checked here):

* Values of -999 mean "no data". Tracts with a total population of 0 "were removed during the ranking
  process" and all their rankings and flags are -999 (SVI 2018 documentation). Their EP_ values are not
  all -999 (EP_AGE17 is 0.0 in the three empty Rhode Island tracts), so they must be left out by
  population, not by -999: ranking them shifts 239 of 240 EPL_AGE17 values.
* Per capita income (2018) is ranked so that lower income is more vulnerable; ties get the higher
  percentile (1 - PERCENTRANK.INC), which the two Rhode Island tracts with equal income show.
* SVI 2020 county file: the District of Columbia's F_ flags are published as -999 although all its
  rankings are published; such rows are skipped for the flag columns only.
* SVI 2020, housing cost burden: "December 22, 2022: Data values for Housing Burden and Overall SVI in
  the 2020 SVI dataset have been updated. These variables were previously using E_HBURD instead of
  EP_HBURD in the calculation and thus the values after release on 10/27/22 and before 12/22/22 were
  incorrect." (CDC/ATSDR SVI Data and Documentation Download page). The file here is from that first
  release: its EPL_HBURD is the percentile rank of the count E_HBURD. The HBURD-dependent columns are
  therefore checked against whichever documented calculation the file carries.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from equity.stats import need_index, percentile_rank

pytestmark = pytest.mark.shared_data

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SVI_DIR = SHARED / "svi"

# Theme variables as each release documents them (theme number -> EP_ variables).
THEMES_2018 = {
    "THEME1": ["EP_POV", "EP_UNEMP", "EP_PCI", "EP_NOHSDP"],  # socioeconomic status
    "THEME2": ["EP_AGE65", "EP_AGE17", "EP_DISABL", "EP_SNGPNT"],  # household composition & disability
    "THEME3": ["EP_MINRTY", "EP_LIMENG"],  # minority status & language
    "THEME4": ["EP_MUNIT", "EP_MOBILE", "EP_CROWD", "EP_NOVEH", "EP_GROUPQ"],  # housing type & transport
}
INVERT_2018 = {"EP_PCI"}  # higher per capita income is less vulnerable

THEMES_2020 = {
    "THEME1": ["EP_POV150", "EP_UNEMP", "EP_HBURD", "EP_NOHSDP", "EP_UNINSUR"],  # socioeconomic status
    "THEME2": ["EP_AGE65", "EP_AGE17", "EP_DISABL", "EP_SNGPNT", "EP_LIMENG"],  # household characteristics
    "THEME3": ["EP_MINRTY"],  # racial & ethnic minority status
    "THEME4": ["EP_MUNIT", "EP_MOBILE", "EP_CROWD", "EP_NOVEH", "EP_GROUPQ"],  # housing type & transport
}
# Columns of the 2020 file that depend on housing cost burden (see the module docstring).
HBURD_COLUMNS = {
    "EPL_HBURD",
    "SPL_THEME1",
    "RPL_THEME1",
    "SPL_THEMES",
    "RPL_THEMES",
    "F_HBURD",
    "F_THEME1",
    "F_TOTAL",
}


def _read(name: str) -> pd.DataFrame:
    path = SVI_DIR / name
    if not path.exists():
        pytest.skip(f"the shared SVI file {path} is not here (tests need ../shared/data beside the project)")
    df = pd.read_csv(path, encoding="utf-8-sig", dtype={"ST": str, "STCNTY": str, "FIPS": str})
    numeric = df.select_dtypes("number").columns
    df[numeric] = df[numeric].mask(df[numeric] == -999)  # -999 is the SVI's "no data"
    return df.set_index("FIPS")


@pytest.fixture(scope="module")
def ri_2018() -> pd.DataFrame:
    return _read("RI_tract_2018.csv")


@pytest.fixture(scope="module")
def us_2020() -> pd.DataFrame:
    return _read("SVI2020_US_COUNTY.csv")


def _published_names(themes: dict[str, list[str]]) -> dict[str, str]:
    """Our output column -> the SVI's published column."""
    names = {}
    for theme, cols in themes.items():
        for col in cols:
            var = col.removeprefix("EP_")
            names[f"pctl_{col}"] = f"EPL_{var}"
            names[f"flag_{col}"] = f"F_{var}"
        names[f"sum_{theme}"] = f"SPL_{theme}"
        names[f"pctl_{theme}"] = f"RPL_{theme}"
        names[f"flags_{theme}"] = f"F_{theme}"
    names.update(sum_overall="SPL_THEMES", pctl_overall="RPL_THEMES", flags_total="F_TOTAL")
    return names


def _mismatches(ours: pd.DataFrame, published: pd.DataFrame, names: dict[str, str]) -> dict[str, int]:
    """For each published column, how many of the rows that have a published value differ from ours
    (to the published 4 decimals; a missing value of ours where one is published counts as different)."""
    bad = {}
    for mine, theirs in names.items():
        pub = published[theirs]
        have = pub.notna()
        got = ours.loc[have, mine].astype(float).to_numpy()
        want = pub[have].astype(float).to_numpy()
        differs = np.isnan(got) | (np.round(np.abs(got - want), 6) > 0)
        if differs.any():
            bad[theirs] = int(differs.sum())
    return bad


def test_ri_tract_2018_reproduced_exactly(ri_2018):
    populated = ri_2018["E_TOTPOP"] > 0
    ours = need_index(ri_2018, THEMES_2018, invert=INVERT_2018, include=populated)
    names = _published_names(THEMES_2018)

    assert _mismatches(ours, ri_2018, names) == {}
    # Every published value was compared: all 240 populated tracts have all of them.
    assert int(populated.sum()) == 240
    assert ri_2018.loc[populated, list(names.values())].notna().all().all()
    # The empty tracts are published as -999 everywhere and are NaN in ours.
    assert ri_2018.loc[~populated, list(names.values())].isna().all().all()
    assert ours.loc[~populated].isna().all().all()


def test_ri_tract_2018_empty_tracts_must_be_left_out_not_just_their_missing_values(ri_2018):
    # Ranking the three empty tracts (whose EP_AGE17 is 0.0, not -999) would change the other tracts'
    # percentiles, which is why the documentation says they were removed before ranking.
    assert (ri_2018.loc[ri_2018["E_TOTPOP"] == 0, "EP_AGE17"] == 0).all()
    naive = percentile_rank(ri_2018["EP_AGE17"])
    populated = ri_2018["E_TOTPOP"] > 0
    assert (naive[populated] != ri_2018.loc[populated, "EPL_AGE17"]).sum() > 200


def test_ri_tract_2018_income_ties_take_the_higher_percentile(ri_2018):
    populated = ri_2018[ri_2018["E_TOTPOP"] > 0]
    tied = populated[populated["EP_PCI"].duplicated(keep=False)]
    assert len(tied) == 2 and tied["EPL_PCI"].nunique() == 1
    ours = percentile_rank(populated["EP_PCI"], invert=True)
    assert (ours[tied.index] == tied["EPL_PCI"]).all()


def test_us_county_2020_reproduced_exactly_apart_from_housing_burden(us_2020):
    ours = need_index(us_2020, THEMES_2020)
    names = {k: v for k, v in _published_names(THEMES_2020).items() if v not in HBURD_COLUMNS}

    assert _mismatches(ours, us_2020, names) == {}
    assert len(us_2020) == 3143  # every county ranked together (the national ranking)
    # Only DC's flags are unpublished (-999); all its rankings are published and matched above.
    missing_flags = us_2020["F_TOTAL"].isna()
    assert list(us_2020.index[missing_flags]) == ["11001"]
    assert us_2020.loc["11001", [v for v in names.values() if not v.startswith("F_")]].notna().all()


def test_us_county_2020_housing_burden_matches_a_documented_release(us_2020):
    names = {k: v for k, v in _published_names(THEMES_2020).items() if v in HBURD_COLUMNS}

    as_documented = _mismatches(need_index(us_2020, THEMES_2020), us_2020, names)
    first_release = us_2020.assign(EP_HBURD=us_2020["E_HBURD"])  # the 10/27/2022 release's error
    as_first_released = _mismatches(need_index(first_release, THEMES_2020), us_2020, names)

    assert as_documented == {} or as_first_released == {}, (as_documented, as_first_released)


def test_us_county_2020_percentiles_break_ties_by_the_smallest_rank(us_2020):
    # EP_ values are published to 1 decimal, so most of them are tied with other counties; the published
    # percentile of a tied value is the share of counties strictly lower.
    values = us_2020["EP_POV150"]
    assert values.duplicated().sum() > 2000
    lower = values.apply(lambda v: (values < v).sum())
    expected = (lower / (len(values) - 1)).round(4)
    assert (us_2020["EPL_POV150"] == expected).all()
