"""County Health Rankings & Roadmaps analytic data (kind ``chr``): counties and states, one release a file.

The file has two header rows: plain labels (``Premature death raw value``), then codes
(``v001_rawvalue``). Both are required: the codes say which columns belong to a measure, the labels
name it. Rows: ``statecode`` + ``countycode`` give the area (zero-padded here, for codes saved as
integers); county code ``000`` is a state (2-digit id). The United States row (state ``00``) becomes
the nation (area ``US``, kept in ``national_values``), the benchmark places are compared with.

One indicator per measure family ``vNNN_rawvalue`` with at least one value, id ``chr_vNNN``:

* value = ``rawvalue``, ci_low / ci_high = ``cilow`` / ``cihigh``, numerator / denominator where given.
  ``vNNN_other_data_*`` columns (e.g. the population-to-physician ratio) are not loaded; ``v051``
  (population, in later releases) gives areas the boundaries already have their population.
* unit: the table ``MEASURES`` below says it for the measures CHR has published for years. CHR
  publishes shares as proportions (0-1): those become percent (×100, with their intervals, kept within
  0-100). Years of potential life lost (per 100,000 people) and rates per 100,000 are ``per_100k``,
  rates per 1,000 ``per_1k``; days, ratios, indices, dollars and counts are ``index``. A measure not in
  the table is a percent if all its values and bounds lie between 0 and 1, else ``index``; a rate with
  a value beyond what its unit allows (a release that changed its scale) is shown as ``index``.
* Values that no unit allows are left out (flag ``no_data``) rather than changed: the 2010 release has
  two high school graduation rates above 100%. An interval that does not contain its value (two in
  2010) is dropped; the value is kept.
* higher_is_worse and the domain come from ``MEASURES`` (CHR's focus areas mapped to the dashboard's
  domains); a measure not in the table is taken as worse when higher, domain ``Outcomes``, and its
  description says so.
* An empty raw value is ``no_data``.

The period is the release year: ``--vintage``, else the one year in the file name
(``analytic_data2010.csv``), else the load asks for ``--vintage``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd

from equity.db import NATION_ID
from equity.i18n import N_
from equity.ingest.build import Batch, assemble
from equity.ingest.places import area_rows
from equity.ingest.read import (
    PLAUSIBLE,
    IngestError,
    numbers,
    read_csv,
    read_head,
    refuse_first,
    whole_population,
)

PUBLISHER = "University of Wisconsin Population Health Institute (County Health Rankings & Roadmaps)"
HEADER_ROWS = 2
CODE = re.compile(r"^(v\d{3})_(rawvalue|numerator|denominator|cilow|cihigh)$")
EXPECTED = (
    "the County Health Rankings analytic data CSV with its two header rows: labels "
    "(e.g. 'Premature death raw value'), then codes (statecode, countycode, v001_rawvalue, ...)"
)
OUTCOMES, BEHAVIOURS, CARE, MENTAL = "Outcomes", "Health behaviours", "Access to care", "Mental health"
SOCIAL, PLACE, MATERNAL = "Social conditions", "Physical environment", "Maternal and child health"
# Code: (unit, higher_is_worse, domain). Units are those of the raw value as CHR publishes it;
# "percent" means CHR gives a proportion (0-1) and the loader multiplies it by 100.
MEASURES = {
    "v001": ("per_100k", True, OUTCOMES),  # premature death: years of potential life lost per 100,000
    "v002": ("percent", True, OUTCOMES),  # poor or fair health
    "v036": ("index", True, OUTCOMES),  # poor physical health days (per month)
    "v042": ("index", True, MENTAL),  # poor mental health days (per month)
    "v037": ("percent", True, MATERNAL),  # low birthweight
    "v144": ("percent", True, OUTCOMES),  # frequent physical distress
    "v145": ("percent", True, MENTAL),  # frequent mental distress
    "v060": ("percent", True, "Chronic disease"),  # diabetes prevalence
    "v009": ("percent", True, BEHAVIOURS),  # adult smoking
    "v011": ("percent", True, BEHAVIOURS),  # adult obesity
    "v012": ("percent", True, BEHAVIOURS),  # binge drinking (2010)
    "v049": ("percent", True, BEHAVIOURS),  # excessive drinking
    "v070": ("percent", True, BEHAVIOURS),  # physical inactivity
    "v132": ("percent", False, BEHAVIOURS),  # access to exercise opportunities
    "v133": ("index", False, BEHAVIOURS),  # food environment index
    "v134": ("percent", True, BEHAVIOURS),  # alcohol-impaired driving deaths
    "v139": ("percent", True, SOCIAL),  # food insecurity
    "v010": ("percent", True, MATERNAL),  # smoking during pregnancy
    "v039": ("per_100k", True, BEHAVIOURS),  # motor vehicle crash deaths
    "v045": ("per_100k", True, BEHAVIOURS),  # chlamydia / sexually transmitted infections
    "v014": ("per_1k", True, MATERNAL),  # teen births per 1,000 females aged 15-19
    "v003": ("percent", True, CARE),  # uninsured adults
    "v085": ("percent", True, CARE),  # uninsured
    "v004": ("per_100k", False, CARE),  # primary care physicians per 100,000
    "v062": ("per_100k", False, CARE),  # mental health providers
    "v088": ("per_100k", False, CARE),  # dentists
    "v005": ("per_1k", True, CARE),  # preventable hospital stays per 1,000 Medicare enrollees (2010)
    "v007": ("percent", False, CARE),  # diabetic monitoring
    "v050": ("percent", False, CARE),  # mammography screening
    "v155": ("percent", False, CARE),  # flu vaccinations
    "v038": ("percent", False, CARE),  # hospice use
    "v006": ("percent", True, CARE),  # no recent dental visit
    "v047": ("percent", True, CARE),  # did not get needed health care
    "v021": ("percent", False, SOCIAL),  # high school graduation
    "v168": ("percent", False, SOCIAL),  # high school completion
    "v022": ("percent", False, SOCIAL),  # college degrees
    "v069": ("percent", False, SOCIAL),  # some college
    "v023": ("percent", True, SOCIAL),  # unemployment
    "v024": ("percent", True, SOCIAL),  # children in poverty
    "v044": ("index", True, SOCIAL),  # income inequality (Gini ×100 in 2010; later an 80/20 ratio)
    "v063": ("dollars", False, SOCIAL),  # median household income
    "v065": ("percent", True, SOCIAL),  # children eligible for free lunch
    "v040": ("percent", True, SOCIAL),  # inadequate social support
    "v140": ("index", False, SOCIAL),  # social associations per 10,000
    "v028": ("percent", True, SOCIAL),  # single-parent households
    "v082": ("percent", True, SOCIAL),  # children in single-parent households
    "v043": ("per_100k", True, SOCIAL),  # violent crime
    "v015": ("per_100k", True, SOCIAL),  # homicides
    "v135": ("per_100k", True, OUTCOMES),  # injury deaths
    "v046": ("index", True, PLACE),  # air pollution, particulate matter days
    "v029": ("index", True, PLACE),  # air pollution, ozone days
    "v125": ("index", True, PLACE),  # air pollution, particulate matter (µg/m³)
    "v030": ("percent", False, PLACE),  # access to healthy foods (share of ZIP codes)
    "v041": ("index", True, PLACE),  # liquor store density per 10,000
    "v136": ("percent", True, PLACE),  # severe housing problems
    "v067": ("percent", True, PLACE),  # driving alone to work
    "v137": ("percent", True, PLACE),  # long commute, driving alone
    "v034": ("percent", True, PLACE),  # lead-poisoned children (WI)
    "v033": ("percent", False, PLACE),  # municipal water (WI)
    "v048": ("percent", True, PLACE),  # contaminants in municipal water (WI)
}


# The measures' labels as County Health Rankings writes them (the 2010 to 2025 releases), marked so that a
# page in Spanish says them in Spanish (equity/i18n.py finds a label whatever its capitals: recent
# releases write 'Adult Smoking'). A measure not here shows its label as loaded, marked as English.
LABELS = (
    N_("Premature death"),
    N_("Poor or fair health"),
    N_("Poor physical health days"),
    N_("Poor mental health days"),
    N_("Low birthweight"),
    N_("Frequent physical distress"),
    N_("Frequent mental distress"),
    N_("Diabetes prevalence"),
    N_("Adult smoking"),
    N_("Adult obesity"),
    N_("Binge drinking"),
    N_("Excessive drinking"),
    N_("Physical inactivity"),
    N_("Access to exercise opportunities"),
    N_("Food environment index"),
    N_("Alcohol-impaired driving deaths"),
    N_("Food insecurity"),
    N_("Smoking during pregnancy"),
    N_("Motor vehicle crash deaths"),
    N_("Chlamydia rate"),
    N_("Sexually transmitted infections"),
    N_("Teen births"),
    N_("Uninsured adults"),
    N_("Uninsured"),
    N_("Uninsured children"),
    N_("Primary care physicians"),
    N_("Primary care provider rate per 100,000 population"),
    N_("Mental health providers"),
    N_("Dentists"),
    N_("Diabetes monitoring"),
    N_("Diabetic monitoring"),
    N_("Mammography screening"),
    N_("Flu vaccinations"),
    N_("High school graduation"),
    N_("High school completion"),
    N_("Some college"),
    N_("College degrees"),
    N_("Unemployment"),
    N_("Children in poverty"),
    N_("Income inequality"),
    N_("Children in single-parent households"),
    N_("Single-parent households"),
    N_("Social associations"),
    N_("Inadequate social support"),
    N_("Violent crime"),
    N_("Injury deaths"),
    N_("Homicides"),
    N_("Suicides"),
    N_("Firearm fatalities"),
    N_("Air pollution - particulate matter"),
    N_("Air pollution-particulate matter days"),
    N_("Air pollution-ozone days"),
    N_("Drinking water violations"),
    N_("Severe housing problems"),
    N_("Driving alone to work"),
    N_("Long commute - driving alone"),
    N_("Access to healthy foods"),
    N_("Limited access to healthy foods"),
    N_("Liquor store density"),
    N_("Did not get needed health care"),
    N_("No recent dental visit"),
    N_("Hospice use"),
    N_("Life expectancy"),
    N_("Child mortality"),
    N_("Infant mortality"),
    N_("Drug overdose deaths"),
    N_("Insufficient sleep"),
    N_("Median household income"),
    N_("Broadband access"),
    N_("Homeownership"),
    N_("Severe housing cost burden"),
    N_("Motor vehicle crash occupancy rate"),
    N_("Lead poisoned children (WI)"),
    N_("Municipal water (WI)"),
    N_("Contaminants in municipal water (WI)"),
    N_("Off-road motor vehicle crash-related ER visits"),
    N_("On-road motor vehicle crash-related ER visits"),
    N_("HIV prevalence"),
    N_("Disconnected youth"),
    N_("Voter turnout"),
    N_("Other primary care providers"),
)
POPULATION = "v051"  # not an indicator: the population of areas the database already has


def read(files: list[Path], source: dict, known_areas: set[str] | None = None) -> Batch:
    """The values and indicators of CHR analytic data files (see ``places.read`` for ``known_areas``)."""
    if source.get("publisher") in (None, "", "Your organisation"):
        source["publisher"] = PUBLISHER
    parts = [_read_one(Path(f), source) for f in files]
    values = pd.concat([p[1] for p in parts], ignore_index=True)
    indicators = pd.concat([p[2] for p in parts], ignore_index=True)
    rows = pd.concat([p[0] for p in parts], ignore_index=True)
    return assemble(
        files,
        source,
        values,
        indicators.drop_duplicates("indicator_id", keep="last").reset_index(drop=True),
        areas=area_rows(rows, known_areas) if rows["population"].notna().any() else None,
        key=["indicator_id", "area_id", "period"],
        twice="the same area appears twice for one release year",
        expected="one row for each area, or files of different release years",
        shown=["area_id"],
    )


def _headers(path: Path) -> dict[str, str]:
    """Each code's label from the two header rows; an error naming the file where they are not there."""
    lines = list(csv.reader(read_head(path, HEADER_ROWS)))
    labels, codes = (lines + [[], []])[:2]
    codes = [c.strip() for c in codes]
    has_area = {"statecode", "countycode"} <= set(codes) or "fipscode" in codes
    if len(lines) < 2 or not has_area or not any(CODE.match(c) for c in codes) or len(labels) != len(codes):
        raise IngestError(
            path,
            "not a County Health Rankings analytic data file",
            value=", ".join(c.strip() for c in (lines[0] if lines else [])[:6]),
            expected=EXPECTED,
        )
    return {code: label.strip() for label, code in zip(labels, codes, strict=True)}


def _read_one(path: Path, source: dict) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    labels = _headers(path)
    df = read_csv(path, [], header=list(range(HEADER_ROWS)))
    year = _year(path, source)
    ids = _area_ids(path, df)
    keep = ids.ne(NATION_ID)  # the United States row is a benchmark, not an area
    file_rows = pd.Series(range(HEADER_ROWS + 1, len(df) + HEADER_ROWS + 1), index=df.index)
    name = df["county"].str.strip() if "county" in df else ids
    population = (
        numbers(df, f"{POPULATION}_rawvalue", path, required=False, header_rows=HEADER_ROWS)
        if f"{POPULATION}_rawvalue" in df
        else pd.Series(np.nan, index=df.index)
    )
    rows = pd.DataFrame({"area_id": ids, "name": name, "population": population, "period": year})[keep]
    values, indicators = [], []
    for code in dict.fromkeys(m.group(1) for c in df.columns if (m := CODE.match(c))):
        if code == POPULATION or f"{code}_rawvalue" not in df:
            continue
        part = {
            k: numbers(df, f"{code}_{k}", path, required=False, header_rows=HEADER_ROWS)
            if f"{code}_{k}" in df
            else pd.Series(np.nan, index=df.index)
            for k in ("rawvalue", "numerator", "denominator", "cilow", "cihigh")
        }
        if part["rawvalue"][keep].isna().all():
            continue  # a measure this release lists but gives for no county or state
        unit, worse, domain, known = _kind(code, part, keep)
        value, low, high = part["rawvalue"], part["cilow"], part["cihigh"]
        if unit == "percent":
            value, low, high = (value * 100).round(10), (low * 100).round(10), (high * 100).round(10)
            low, high = low.clip(0, 100), high.clip(0, 100)
        if unit != "percent" and not value.dropna().between(*PLAUSIBLE[unit]).all():
            unit = "index"  # e.g. a rate per 1,000 that a later release gives per 100,000
        value = value.where(value.between(*PLAUSIBLE[unit]))
        outside = (low > value) | (high < value)
        low, high = low.where(value.notna() & ~outside), high.where(value.notna() & ~outside)
        ind = f"chr_{code}"
        values.append(
            whole_population(ind, ids, year, value, low, high, part["numerator"], part["denominator"]).assign(
                _file=str(path), _row=file_rows
            )
        )
        label = _label(labels.get(f"{code}_rawvalue", ""), code)
        note = "" if known else " This loader does not know the measure: higher is taken to be worse."
        shown = {
            "percent": "percent (CHR's proportion × 100)",
            "per_100k": "per 100,000",
            "per_1k": "per 1,000",
        }
        indicators.append(
            {
                "indicator_id": ind,
                "label": label,
                "description": (
                    f"{label}: County Health Rankings & Roadmaps {year} release, measure {code} "
                    f"({shown.get(unit, 'as published')}), with CHR's interval where it gives one.{note}"
                ),
                "domain": domain,
                "unit": unit,
                "higher_is_worse": worse,
                "source_id": source["source_id"],
                "measure_type": "crude",
            }
        )
    if not values:
        raise IngestError(
            path, "the file has no measure with a value for a county or state", expected=EXPECTED
        )
    return rows, pd.concat(values, ignore_index=True), pd.DataFrame(indicators)


def _area_ids(path: Path, df: pd.DataFrame) -> pd.Series:
    """5-digit county or 2-digit state ids, zero-padded; the nation's id for the United States row."""
    if {"statecode", "countycode"} <= set(df.columns):
        state, county = df["statecode"].str.strip(), df["countycode"].str.strip()
        column = "statecode"
    else:
        fips = df["fipscode"].str.strip()
        state, county = fips.str[:-3], fips.str[-3:]
        column = "fipscode"
    state = state.str.replace(r"\.0$", "", regex=True).str.zfill(2)
    county = county.str.replace(r"\.0$", "", regex=True).str.zfill(3)
    bad = ~(state.str.fullmatch(r"\d{2}") & county.str.fullmatch(r"\d{3}"))
    refuse_first(
        path,
        bad,
        "not a state and county FIPS code",
        column=column,
        values=df[column],
        expected="a 2-digit state code and a 3-digit county code (000 for the state)",
        first_row=HEADER_ROWS + 1,
    )
    ids = (state + county).where(county.ne("000"), state)
    return ids.where(state.ne("00"), NATION_ID)


def _kind(code: str, part: dict[str, pd.Series], keep: pd.Series) -> tuple[str, bool, str, bool]:
    """Unit, higher_is_worse, domain, and whether the measure is in ``MEASURES``."""
    if code in MEASURES:
        return (*MEASURES[code], True)
    shown = pd.concat([part[k][keep] for k in ("rawvalue", "cilow", "cihigh")]).dropna()
    unit = "percent" if shown.between(0, 1).all() else "index"
    return unit, True, OUTCOMES, False


def _label(text: str, code: str) -> str:
    text = re.sub(r"\s+raw value$", "", text.strip(), flags=re.IGNORECASE)
    return text.replace("100000", "100,000") or code


def _year(path: Path, source: dict) -> int:
    vintage = str(source.get("vintage") or "").strip()
    if vintage not in ("", "unknown"):
        if not re.fullmatch(r"(19|20)\d\d", vintage):
            raise IngestError(path, "not a year", column="--vintage", value=vintage, expected="e.g. 2010")
        return int(vintage)
    named = set(re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", path.name))
    if len(named) == 1:
        return int(named.pop())
    raise IngestError(
        path,
        "the County Health Rankings release year cannot be told from the file name",
        expected="the release year given with --vintage, e.g. --vintage 2010",
    )
