"""CDC/ATSDR Social Vulnerability Index (kind ``svi``): 2018, 2020 and 2022 files, tracts or counties.

Read from each row: ``FIPS`` (the GEOID, zero-padded here), ``E_TOTPOP`` (the population, given to areas
the boundaries already have) and

* the percentage estimates ``EP_*`` the file holds (``svi_ep_pov150``, ...; per capita income
  ``svi_ep_pci`` in dollars, unit ``index``, lower is worse), each with a 95% interval from its ACS
  90% margin ``MP_*``: EP ± MP × 1.96 / 1.645, kept within 0-100 for percentages. The 2020 and 2022
  race and ethnicity shares (``EP_AFAM``, ``EP_HISP``, ...) are left out: "higher is worse" does not
  describe them.
* the percentile ranks ``RPL_THEME1`` to ``RPL_THEME4`` and ``RPL_THEMES`` (unit ``index``, 0-1). Their
  labels say whether the file ranks areas nationally or within one state: a file with a single ``ST``
  ranks within that state, unless its name says ``US`` (CDC's national files).

``-999`` means missing (flag ``no_data``). Areas with no residents (``E_TOTPOP`` 0) are not ranked by
CDC, and their percentages are percentages of nobody: all their values are ``no_data``. The ``F_``
flags are not loaded (they count the themes in the top decile; the ranks carry that information).

The year is ``--vintage`` if given, else a year in the file name (2014-2030), else the 2018 schema
(``EP_POV`` with ``EP_PCI``) says 2018; the 2020 and 2022 schemas are alike, so they need one of the two.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from equity.i18n import N_
from equity.ingest.build import Batch, assemble
from equity.ingest.fips import STATES
from equity.ingest.places import area_names, area_rows
from equity.ingest.read import IngestError, geoid, numbers, read_csv, refuse_first, whole_population

PUBLISHER = "CDC/ATSDR"
MISSING = ("", "-999", "-999.0", "-999.00", "-999.0000")
Z = 1.96 / 1.645  # ACS margins are 90%; the dashboard shows 95% intervals
ESTIMATES = {  # variable: plain label (percent of people unless it says households or housing)
    "POV": N_("Below the poverty line"),
    "POV150": N_("Below 150% of the poverty line"),
    "UNEMP": N_("Unemployed (civilian labour force, 16 and older)"),
    "HBURD": N_("Housing cost-burdened households (income under $75,000, 30%+ on housing)"),
    "NOHSDP": N_("No high school diploma (25 and older)"),
    "UNINSUR": N_("No health insurance (civilian non-institutionalised)"),
    "PCI": N_("Per capita income (dollars)"),
    "AGE65": N_("Aged 65 and older"),
    "AGE17": N_("Aged 17 and younger"),
    "DISABL": N_("With a disability (civilian non-institutionalised)"),
    "SNGPNT": N_("Single-parent households with children under 18"),
    "MINRTY": N_("Racial and ethnic minority (all but non-Hispanic white)"),
    "LIMENG": N_("Speak English less than well (5 and older)"),
    "MUNIT": N_("Housing in structures with 10 or more units"),
    "MOBILE": N_("Mobile homes"),
    "CROWD": N_("Crowded households (more people than rooms)"),
    "NOVEH": N_("Households with no vehicle"),
    "GROUPQ": N_("Living in group quarters"),
    "NOINT": N_("Households without a broadband internet subscription"),
}
THEMES = {
    "THEMES": N_("overall"),
    "THEME1": N_("socioeconomic status"),
    "THEME2": N_("household characteristics"),  # 2018: household composition & disability
    "THEME3": N_("racial and ethnic minority status"),  # 2018: minority status & language
    "THEME4": N_("housing type and transportation"),
}
THEMES_2018 = {
    "THEME2": N_("household composition and disability"),
    "THEME3": N_("minority status and language"),
}


def read(files: list[Path], source: dict, known_areas: set[str] | None = None) -> Batch:
    """The values, indicators and area populations of SVI files (see ``places.read`` for ``known_areas``)."""
    if source.get("publisher") in (None, "", "Your organisation"):
        source["publisher"] = PUBLISHER
    parts = [_read_one(Path(f), source) for f in files]
    rows = pd.concat([p[0] for p in parts], ignore_index=True)
    values = pd.concat([p[1] for p in parts], ignore_index=True)
    indicators = pd.concat([p[2] for p in parts], ignore_index=True)
    batch = assemble(
        files,
        source,
        values,
        indicators.drop_duplicates("indicator_id").reset_index(drop=True),
        areas=area_rows(rows, known_areas),
        key=["indicator_id", "area_id", "period"],
        twice="the same area appears twice",
        expected="one row for each area",
        shown=["area_id"],
    )
    labels = indicators.drop_duplicates(["indicator_id", "label"])
    if labels["indicator_id"].duplicated().any():
        ind = labels.loc[labels["indicator_id"].duplicated(), "indicator_id"].iloc[0]
        raise IngestError(
            ", ".join(Path(f).name for f in files),
            f"the files describe {ind} differently (a different year or ranking)",
            expected="files of one SVI release ranked the same way, or one load for each",
        )
    return batch


def _read_one(path: Path, source: dict) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    df = read_csv(path, [])
    wanted = [c for c in df.columns if _variable(c)]
    if "FIPS" not in df.columns or "E_TOTPOP" not in df.columns or not wanted:
        raise IngestError(
            path,
            "not a CDC/ATSDR Social Vulnerability Index file",
            value=", ".join(df.columns[:8]),
            expected="the SVI columns FIPS, E_TOTPOP, EP_* estimates and RPL_THEMES",
        )
    ids = geoid(df["FIPS"])
    bad = ~ids.str.fullmatch(r"\d{5}|\d{11}")
    refuse_first(
        path,
        bad,
        "not a county or tract GEOID",
        column="FIPS",
        values=df["FIPS"],
        expected="5 digits (county) or 11 digits (census tract)",
    )
    year = _year(path, df, source)
    population = numbers(df, "E_TOTPOP", path, required=False, missing=MISSING)
    name_column = next((c for c in ("LOCATION", "COUNTY") if c in df.columns), None)
    names = df[name_column].str.strip() if name_column else ids
    rows = pd.DataFrame(
        {"area_id": ids, "name": area_names(ids, names), "population": population, "period": year}
    )
    scope = _scope(path, df)
    empty = population.eq(0)
    values, indicators = [], []
    for column in wanted:
        kind, var = _variable(column)
        value = numbers(df, column, path, required=False, missing=MISSING).where(~empty)
        low = high = pd.Series(np.nan, index=df.index)
        if kind == "EP":
            unit = "index" if var == "PCI" else "percent"
            margin = (
                numbers(df, f"MP_{var}", path, required=False, missing=MISSING)
                if f"MP_{var}" in df
                else pd.Series(np.nan, index=df.index)
            )
            top = 100 if unit == "percent" else np.inf
            low = (value - margin * Z).clip(lower=0, upper=top).where(value.notna())
            high = (value + margin * Z).clip(lower=0, upper=top).where(value.notna())
            label = ESTIMATES[var]
            description = (
                f"{label}: the ACS 5-year estimate CDC/ATSDR used for the {year} SVI ({column}); the "
                "interval is its 90% margin of error widened to 95%."
            )
            worse = var != "PCI"
        else:
            unit = "index"
            theme = (THEMES_2018 if year <= 2018 else {}).get(var, THEMES[var])
            label = f"Social vulnerability: {theme} (percentile, {scope})"
            description = (
                f"CDC/ATSDR SVI {year} percentile rank ({column}), 0 to 1; higher is more vulnerable. "
                f"Areas are {scope}."
            )
            worse = True
        ind = f"svi_{column.lower()}"
        values.append(
            whole_population(ind, ids, year, value, low, high).assign(
                _file=str(path), _row=range(2, len(df) + 2)
            )
        )
        indicators.append(
            {
                "indicator_id": ind,
                "label": label,
                "description": description,
                "domain": "Social conditions",
                "unit": unit,
                "higher_is_worse": worse,
                "source_id": source["source_id"],
                "measure_type": "crude",
            }
        )
    return rows, pd.concat(values, ignore_index=True), pd.DataFrame(indicators)


def _variable(column: str) -> tuple[str, str] | None:
    """``("EP", "POV150")`` for ``EP_POV150``, ``("RPL", "THEMES")`` for ``RPL_THEMES``; else None."""
    m = re.fullmatch(r"(EP|RPL)_([A-Z0-9]+)", column)
    if not m or m.group(2) not in (ESTIMATES if m.group(1) == "EP" else THEMES):
        return None
    return m.group(1), m.group(2)


def _year(path: Path, df: pd.DataFrame, source: dict) -> int:
    vintage = str(source.get("vintage") or "").strip()
    if vintage not in ("", "unknown"):
        if not re.fullmatch(r"20\d\d", vintage):
            raise IngestError(path, "not a year", column="--vintage", value=vintage, expected="e.g. 2020")
        year = int(vintage)
    else:
        named = [int(y) for y in re.findall(r"(?<!\d)(20[123]\d)(?!\d)", path.name) if 2014 <= int(y) <= 2030]
        schema_2018 = "EP_PCI" in df.columns and "EP_POV" in df.columns
        if len(set(named)) == 1:
            year = named[0]
        elif schema_2018:
            year = 2018
        else:
            raise IngestError(
                path,
                "the SVI year cannot be told from the file",
                expected="the year given with --vintage, e.g. --vintage 2022",
            )
    if year >= 2020 and "EP_PCI" in df.columns:
        raise IngestError(
            path,
            f"the columns are of the 2018 SVI or earlier, not {year}",
            column="EP_PCI",
            expected="--vintage 2018",
        )
    if year <= 2018 and "EP_POV150" in df.columns:
        raise IngestError(
            path,
            f"the columns are of the 2020 SVI or later, not {year}",
            column="EP_POV150",
            expected="2020 or 2022",
        )
    return year


def _scope(path: Path, df: pd.DataFrame) -> str:
    """``ranked nationally`` or ``ranked within Rhode Island``."""
    column = next((c for c in ("ST", "STATE") if c in df.columns), None)
    national = re.search(r"(?<![A-Za-z])US(?![A-Za-z])", path.stem) is not None
    if column is None or national:
        return "ranked nationally"
    states = df[column].str.strip().unique()
    if len(states) != 1:
        return "ranked nationally"
    state = states[0]
    if state.isdigit():
        return f"ranked within {STATES.get(state.zfill(2), 'state ' + state)}"
    if "STATE" in df.columns:
        return f"ranked within {df['STATE'].iloc[0].strip().title()}"
    return f"ranked within {state}"
