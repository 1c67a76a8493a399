"""CDC PLACES (kind ``places``): model-based estimates for counties, places, census tracts and ZCTAs.

Two layouts are read, told apart by their header:

* the long table (one row per area, measure and value type: ``Year``, ``LocationID``, ``MeasureId``,
  ``DataValueTypeID``, ``Data_Value``, ``Low_Confidence_Limit``, ``High_Confidence_Limit``, ...). Each
  value keeps its own ``Year``: a release mixes data years (annual and biennial survey questions).
* the wide "GIS friendly" table (``<MEASURE>_CrudePrev``, ``<MEASURE>_Crude95CI`` as ``"( 7.1,  7.8)"``,
  ``<MEASURE>_AdjPrev``, ``<MEASURE>_Adj95CI``, an id column ``TractFIPS``, ``PlaceFIPS``, ``ZCTA5`` or
  ``CountyFIPS``). It does not say its year, so the load needs ``--vintage YEAR``.

Each release comes for counties, places (cities and towns: 7-digit place GEOIDs such as ``0644000``),
census tracts and ZIP Code Tabulation Areas. A ZCTA's five digits are also a county GEOID's, so a file
is read as ZCTAs only where it says so: the wide file's ``ZCTA5`` column, or a long file whose
``LocationName`` is the code itself (a county file names the county; a tract file has ``CountyFIPS``).
ZCTA rows get the area ids ZCTA boundaries get (``Z02134``, see ``read.zcta``).

Indicator ids are ``places_`` + the measure id in lower case, with ``_aa`` for the age-adjusted
prevalence, which is kept apart from the crude one. Values and intervals are used exactly as CDC
published them (they come from a model; nothing here recomputes them). An empty value with a footnote
is ``suppressed``, without one ``no_data``.

Areas: ``TotalPopulation`` is given to areas the boundaries already have (their names, levels and
shapes are kept); rows of other areas do not join and are reported, as for every loader. Places and
ZCTAs join the Census place and ZCTA boundary files (kind ``boundaries``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from equity.i18n import N_
from equity.ingest.build import Batch, assemble
from equity.ingest.read import (
    ZCTA_ID,
    IngestError,
    geoid,
    level_of,
    numbers,
    parent_of,
    read_csv,
    read_csv_chunks,
    read_head,
    refuse_first,
    whole_population,
    zcta,
    zcta_name,
)

PUBLISHER = "Centers for Disease Control and Prevention"
LONG = [
    "Year",
    "LocationID",
    "LocationName",
    "MeasureId",
    "DataValueTypeID",
    "Data_Value",
    "Low_Confidence_Limit",
    "High_Confidence_Limit",
]
# The first present names the areas (a tract file has CountyFIPS too).
WIDE_IDS = ("TractFIPS", "PlaceFIPS", "ZCTA5", "CountyFIPS", "LocationName")
WIDE_NAMES = {"PlaceFIPS": "PlaceName", "CountyFIPS": "CountyName"}
WIDE_COLUMN = re.compile(r"^([A-Z][A-Z0-9_]*?)_(CrudePrev|Crude95CI|AdjPrev|Adj95CI)$")
TYPES = {"CrdPrv": "crude", "AgeAdjPrv": "age_adjusted"}
CI = re.compile(r"^\(\s*(-?\d+(?:\.\d*)?)\s*,\s*(-?\d+(?:\.\d*)?)\s*\)$")
DOMAINS = {
    "Health Outcomes": "Chronic disease",
    "Prevention": "Access to care",
    "Health Risk Behaviors": "Health behaviours",
    "Health Status": "Outcomes",
    "Disability": "Disability",
    "Social Needs": "Social conditions",
    "Health-Related Social Needs": "Social conditions",
}
# Measure id: (plain label, PLACES category). Labels say what is counted, in plain words.
MEASURES = {
    "ARTHRITIS": (N_("Arthritis among adults"), "Health Outcomes"),
    "BPHIGH": (N_("High blood pressure among adults"), "Health Outcomes"),
    "CANCER": (N_("Cancer (except skin cancer) among adults"), "Health Outcomes"),
    "CASTHMA": (N_("Current asthma among adults"), "Health Outcomes"),
    "CHD": (N_("Coronary heart disease among adults"), "Health Outcomes"),
    "COPD": (N_("COPD among adults"), "Health Outcomes"),
    "DEPRESSION": (N_("Depression among adults"), "Health Outcomes"),
    "DIABETES": (N_("Diagnosed diabetes among adults"), "Health Outcomes"),
    "HIGHCHOL": (N_("High cholesterol among adults screened"), "Health Outcomes"),
    "KIDNEY": (N_("Chronic kidney disease among adults"), "Health Outcomes"),
    "OBESITY": (N_("Obesity among adults"), "Health Outcomes"),
    "STROKE": (N_("Stroke among adults"), "Health Outcomes"),
    "TEETHLOST": (N_("All teeth lost among adults 65 and older"), "Health Outcomes"),
    "ACCESS2": (N_("No health insurance, adults 18-64"), "Prevention"),
    "BPMED": (N_("Taking blood pressure medicine, adults with high blood pressure"), "Prevention"),
    "CERVICAL": (N_("Cervical cancer screening, women 21-65"), "Prevention"),
    "CHECKUP": (N_("Routine checkup in the past year, adults"), "Prevention"),
    "CHOLSCREEN": (N_("Cholesterol screening in the past 5 years, adults"), "Prevention"),
    "COLON_SCREEN": (N_("Colorectal cancer screening, adults 50-75"), "Prevention"),
    "COREM": (N_("Up to date on core preventive services, men 65 and older"), "Prevention"),
    "COREW": (N_("Up to date on core preventive services, women 65 and older"), "Prevention"),
    "DENTAL": (N_("Dental visit in the past year, adults"), "Prevention"),
    "MAMMOUSE": (N_("Mammography in the past 2 years, women 50-74"), "Prevention"),
    "BINGE": (N_("Binge drinking among adults"), "Health Risk Behaviors"),
    "CSMOKING": (N_("Current smoking among adults"), "Health Risk Behaviors"),
    "LPA": (N_("No leisure-time physical activity among adults"), "Health Risk Behaviors"),
    "SLEEP": (N_("Short sleep (under 7 hours) among adults"), "Health Risk Behaviors"),
    "GHLTH": (N_("Fair or poor health among adults"), "Health Status"),
    "MHLTH": (N_("Frequent mental distress among adults"), "Health Status"),
    "PHLTH": (N_("Frequent physical distress among adults"), "Health Status"),
    "DISABILITY": (N_("Any disability among adults"), "Disability"),
    "HEARING": (N_("Hearing disability among adults"), "Disability"),
    "VISION": (N_("Vision disability among adults"), "Disability"),
    "COGNITION": (N_("Cognitive disability among adults"), "Disability"),
    "MOBILITY": (N_("Mobility disability among adults"), "Disability"),
    "SELFCARE": (N_("Self-care disability among adults"), "Disability"),
    "INDEPLIVE": (N_("Independent living disability among adults"), "Disability"),
    "ISOLATION": (N_("Loneliness among adults"), "Health-Related Social Needs"),
    "EMOTIONSPT": (N_("Lack of social and emotional support among adults"), "Health-Related Social Needs"),
    "FOODINSECU": (N_("Food insecurity in the past year among adults"), "Health-Related Social Needs"),
    "FOODSTAMP": (N_("Received food stamps (SNAP) in the past year, adults"), "Health-Related Social Needs"),
    "HOUSINSECU": (N_("Housing insecurity in the past year among adults"), "Health-Related Social Needs"),
    "LACKTRPT": (
        N_("Lack of reliable transportation in the past year, adults"),
        "Health-Related Social Needs",
    ),
    "SHUTUPTHREAT": (
        N_("Utility services shut-off threat in the past year, adults"),
        "Health-Related Social Needs",
    ),
}
# Prevention measures where a higher share is better; every other PLACES measure is worse when higher.
HIGHER_IS_BETTER = {
    "BPMED",
    "CERVICAL",
    "CHECKUP",
    "CHOLSCREEN",
    "COLON_SCREEN",
    "COREM",
    "COREW",
    "DENTAL",
    "MAMMOUSE",
}


def read(files: list[Path], source: dict, known_areas: set[str] | None = None) -> Batch:
    """The values, indicators and area populations of PLACES files.

    ``known_areas``: the area ids the database holds; only those get a population, and keep their own
    name, level and shape. ``None`` makes an area row for every area in the files.
    """
    if source.get("publisher") in (None, "", "Your organisation"):
        source["publisher"] = PUBLISHER
    parts = [_read_one(Path(f), source) for f in files]
    rows = pd.concat([r for r, _ in parts], ignore_index=True)
    about = pd.concat([a for _, a in parts]).drop_duplicates(["measure", "measure_type"])
    values, indicators = _values(rows, about, source["source_id"])
    return assemble(files, source, values, indicators, areas=area_rows(rows, known_areas))


def area_rows(rows: pd.DataFrame, known: set[str] | None) -> pd.DataFrame | None:
    """One row per area with its population; for areas already known, the population alone."""
    # Only the columns needed, before sorting: a national file has millions of rows.
    latest = rows[[c for c in ("area_id", "name", "population", "period") if c in rows]]
    latest = latest.dropna(subset=["population"])
    latest = latest.sort_values("period", kind="stable") if "period" in latest else latest
    latest = latest.drop_duplicates("area_id", keep="last")
    out = pd.DataFrame(
        {
            "area_id": latest["area_id"].to_numpy(),
            "name": latest["name"].to_numpy(),
            "level": latest["area_id"].map(level_of).to_numpy(),
            "parent_id": latest["area_id"].map(parent_of).to_numpy(),
            "population": latest["population"].round().astype("Int64").to_numpy(),
        }
    )
    if known is not None:
        out = out[out["area_id"].isin(known)].copy()
        out[["name", "level", "parent_id"]] = None  # the boundaries' own are kept (build._merge)
    # Empty columns typed as the stored ones, so that build._merge can fill them from the areas it has.
    for column in ("geometry", "geometry_drawn"):
        out[column] = pd.Series(None, index=out.index, dtype=object)
    for column in ("centroid_lon", "centroid_lat"):
        out[column] = float("nan")
    return out if len(out) else None


def area_names(ids: pd.Series, names: pd.Series) -> pd.Series:
    """Tracts are named ``Tract <GEOID>``, ZCTAs ``ZIP Code <code>``; other areas as the file names them."""
    names = names.where(ids.str.len().ne(11), "Tract " + ids).str.strip()
    is_zcta = ids.str.fullmatch(ZCTA_ID)
    return names.where(~is_zcta, ids.map(zcta_name))


# ---- reading one file ------------------------------------------------------------------------------------


# Every column the long-format reader looks at; the national file's other ten are not read.
LONG_USED = {
    *LONG,
    "Data_Value_Unit",
    "Category",
    "Measure",
    "Short_Question_Text",
    "TotalPopulation",
    "Data_Value_Footnote_Symbol",
    "Data_Value_Footnote",
    "CountyName",
}


CHUNK_ROWS = 400_000  # rows of a long file read at once: about 150 MB of text

# What is said once per measure and value type, however many rows repeat it: kept apart from the rows.
ABOUT = ["measure", "measure_type", "category", "measure_text", "short_text"]


def _read_one(path: Path, source: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The file's rows and, apart, what it says about each measure (see ``ABOUT``)."""
    header = {c.strip() for c in next(csv.reader(read_head(path, 1)), [])}
    if set(LONG) <= header:
        # Read in pieces: a national tract file as text is several GB, its values a few hundred MB.
        pieces = [
            _split(_read_long(path, df, header, first))
            for first, df in read_csv_chunks(
                path, [], usecols=lambda c: c.strip() in LONG_USED, rows=CHUNK_ROWS
            )
        ]
        rows = pd.concat([r for r, _ in pieces], ignore_index=True)
        return rows, pd.concat([a for _, a in pieces]).drop_duplicates(["measure", "measure_type"])
    df = read_csv(path, [])
    if any(WIDE_COLUMN.match(c) for c in df.columns) and any(c in df.columns for c in WIDE_IDS):
        return _split(_read_wide(path, df, source))
    raise IngestError(
        path,
        "not a CDC PLACES file",
        value=", ".join(df.columns[:8]),
        expected="the long PLACES table (columns "
        + ", ".join(LONG)
        + ") or the GIS-friendly table (TractFIPS, PlaceFIPS, ZCTA5 or CountyFIPS, <MEASURE>_CrudePrev, "
        "<MEASURE>_Crude95CI)",
    )


def _split(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    about = rows[ABOUT].drop_duplicates(["measure", "measure_type"])
    return rows.drop(columns=ABOUT[2:]), about


def _long_ids(df: pd.DataFrame, header: set[str]) -> pd.Series:
    """Area ids of a long file: ZCTAs where the rows say so, places padded to 7 digits, else GEOIDs.

    A ZCTA file names each area by its code (``LocationName`` = ``LocationID``); a county file names the
    county, and a tract file, which also names areas by their code, has ``CountyFIPS``.
    """
    ids = geoid(df["LocationID"])
    names = df["LocationName"].str.strip()
    if ids.str.fullmatch(ZCTA_ID).all():  # written with their full Census id, 860Z200US02134
        return ids
    same = names.str.fullmatch(r"\d+") & names.str.lstrip("0").eq(ids.str.lstrip("0"))
    if "CountyFIPS" not in header and ids.str.fullmatch(r"\d{3,5}").all() and same.all():
        return zcta(ids)
    if ids.str.fullmatch(r"\d{6,7}").all() and not same.any():  # a place saved as an integer lost a zero
        return ids.str.zfill(7)
    return ids


def _read_long(path: Path, df: pd.DataFrame, header: set[str], first_row: int = 2) -> pd.DataFrame:
    """One piece of a long file; ``first_row`` is the file row of its first row, for messages."""
    ids = _long_ids(df, header)
    _check_ids(path, ids, "LocationID", df["LocationID"], first_row)
    year = df["Year"].str.strip()
    bad = ~year.str.fullmatch(r"(19|20)\d\d")
    at = {"first_row": first_row}
    refuse_first(path, bad, "not a year", column="Year", values=df["Year"], expected="e.g. 2023", **at)
    kind = df["DataValueTypeID"].str.strip()
    bad = ~kind.isin(TYPES)
    refuse_first(
        path,
        bad,
        "unknown value type",
        column="DataValueTypeID",
        values=kind,
        expected="CrdPrv (crude prevalence) or AgeAdjPrv (age-adjusted prevalence)",
        **at,
    )
    if "Data_Value_Unit" in df:
        unit = df["Data_Value_Unit"].str.strip()
        bad = ~unit.isin(["%", ""])
        refuse_first(path, bad, "not a percentage", column="Data_Value_Unit", values=unit, expected="%", **at)
    measure = df["MeasureId"].str.strip().str.upper()
    bad = ~measure.str.fullmatch(r"[A-Z][A-Z0-9_]{0,40}")
    refuse_first(path, bad, "not a PLACES measure id", column="MeasureId", values=df["MeasureId"], **at)
    footnote = pd.Series("", index=df.index)
    for column in ("Data_Value_Footnote_Symbol", "Data_Value_Footnote"):
        if column in df:
            footnote = footnote + df[column].str.strip()
    header_rows = {"header_rows": first_row - 1}
    population = (
        numbers(df, "TotalPopulation", path, required=False, **header_rows)
        if "TotalPopulation" in df
        else float("nan")
    )
    return pd.DataFrame(
        {
            "area_id": ids,
            "name": area_names(ids, df["LocationName"]),
            "population": population,
            "measure": measure,
            "measure_type": kind.map(TYPES),
            "period": year.astype(int),
            "value": numbers(df, "Data_Value", path, required=False, **header_rows),
            "ci_low": numbers(df, "Low_Confidence_Limit", path, required=False, **header_rows),
            "ci_high": numbers(df, "High_Confidence_Limit", path, required=False, **header_rows),
            "footnote": footnote,
            "category": df["Category"].str.strip() if "Category" in df else "",
            "measure_text": df["Measure"].str.strip() if "Measure" in df else "",
            "short_text": df["Short_Question_Text"].str.strip() if "Short_Question_Text" in df else "",
            "_file": pd.Categorical([str(path)] * len(df)),
            "_row": range(first_row, first_row + len(df)),
        }
    )


def _read_wide(path: Path, df: pd.DataFrame, source: dict) -> pd.DataFrame:
    vintage = str(source.get("vintage") or "").strip()
    if not re.fullmatch(r"(19|20)\d\d", vintage):
        raise IngestError(
            path,
            "this GIS-friendly PLACES file does not say which year its estimates are for",
            value=None if vintage in ("", "unknown") else vintage,
            expected="the data year given with --vintage YEAR, e.g. --vintage 2022",
        )
    id_column = next(c for c in WIDE_IDS if c in df.columns)
    ids = geoid(df[id_column])
    # ZCTA5 names ZCTAs; so does a LocationName of bare codes where no county is named.
    bare_codes = ids.str.fullmatch(r"\d{3,5}").all() and not {"CountyName", "CountyFIPS"} & set(df.columns)
    if id_column == "ZCTA5" or (id_column == "LocationName" and bare_codes):
        ids = zcta(ids)
    elif id_column == "PlaceFIPS":  # a place saved as an integer lost its leading zero
        ids = ids.where(~ids.str.fullmatch(r"\d{6}"), ids.str.zfill(7))
    _check_ids(path, ids, id_column, df[id_column])
    name_column = WIDE_NAMES.get(id_column)
    names = df[name_column] if name_column and name_column in df else ids
    population = (
        numbers(df, "TotalPopulation", path, required=False) if "TotalPopulation" in df else float("nan")
    )
    frames = []
    measures = dict.fromkeys(m.group(1) for c in df.columns if (m := WIDE_COLUMN.match(c)))
    for measure in measures:
        for prev, interval, kind in (
            ("CrudePrev", "Crude95CI", "crude"),
            ("AdjPrev", "Adj95CI", "age_adjusted"),
        ):
            column = f"{measure}_{prev}"
            if column not in df:
                continue
            value = numbers(df, column, path, required=False)
            low, high = (
                _intervals(df, f"{measure}_{interval}", path)
                if f"{measure}_{interval}" in df
                else (float("nan"), float("nan"))
            )
            frames.append(
                pd.DataFrame(
                    {
                        "area_id": ids,
                        "name": area_names(ids, names),
                        "population": population,
                        "measure": measure,
                        "measure_type": kind,
                        "period": int(vintage),
                        "value": value,
                        "ci_low": low,
                        "ci_high": high,
                        "footnote": "",
                        "category": "",
                        "measure_text": "",
                        "short_text": "",
                        "_file": str(path),
                        "_row": range(2, len(df) + 2),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def _intervals(df: pd.DataFrame, column: str, path: Path) -> tuple[pd.Series, pd.Series]:
    """``"( 7.1,  7.8)"`` as two numbers; an empty cell as none."""
    text = df[column].str.strip()
    parts = text.str.extract(CI)
    bad = parts[0].isna() & text.ne("")
    refuse_first(
        path,
        bad,
        "not a confidence interval",
        column=column,
        values=df[column],
        expected='two numbers in brackets, e.g. "( 7.1,  7.8)"',
    )
    return pd.to_numeric(parts[0]), pd.to_numeric(parts[1])


def _check_ids(path: Path, ids: pd.Series, column: str, raw: pd.Series, first_row: int = 2) -> None:
    bad = ~ids.str.fullmatch(r"\d{5}|\d{7}|\d{11}|" + ZCTA_ID)
    refuse_first(
        path,
        bad,
        "not a county, place, tract or ZCTA code",
        column=column,
        values=raw,
        expected="5 digits (county or ZCTA), 7 (place) or 11 (census tract)",
        first_row=first_row,
    )


# ---- values and indicators -------------------------------------------------------------------------------


def _indicator_ids(rows: pd.DataFrame) -> pd.Series:
    return (
        "places_"
        + rows["measure"].str.lower()
        + rows["measure_type"].map({"crude": "", "age_adjusted": "_aa"})
    )


def _values(rows: pd.DataFrame, about: pd.DataFrame, source_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = rows.assign(indicator_id=_indicator_ids(rows))
    key = ["indicator_id", "area_id", "period"]
    dup = rows.duplicated(key, keep=False)
    if dup.any():
        first = rows[dup].iloc[0]
        raise IngestError(
            first["_file"],
            "the same measure, value type, area and year appear twice",
            row=int(first["_row"]),
            value=" / ".join(str(first[k]) for k in key),
            expected="one row for each",
        )
    missing = rows["value"].isna()
    flag = pd.Series(None, index=rows.index, dtype=object)
    flag[missing & rows["footnote"].ne("")] = "suppressed"
    flag[missing & rows["footnote"].eq("")] = "no_data"
    values = whole_population(
        rows["indicator_id"],
        rows["area_id"],
        rows["period"].astype(int),
        rows["value"],
        rows["ci_low"].where(~missing),
        rows["ci_high"].where(~missing),
        flag=flag,
    )
    about = about.assign(indicator_id=_indicator_ids(about))
    indicators = [_indicator(r, source_id) for r in about.itertuples()]
    return values, pd.DataFrame(indicators)


def _indicator(r, source_id: str) -> dict:
    known_label, known_category = MEASURES.get(r.measure, (None, None))
    text = re.sub(r"\s+", " ", r.measure_text or "")
    plain = re.sub(r"\s*aged? >= ?18 years", "", text).strip()
    label = known_label or plain or r.short_text or r.measure
    category = r.category or known_category or ""
    domain = "Mental health" if r.measure == "MHLTH" else DOMAINS.get(category, "Outcomes")
    adjusted = r.measure_type == "age_adjusted"
    return {
        "indicator_id": r.indicator_id,
        "label": label + (" (age-adjusted)" if adjusted else ""),
        "description": (
            f"{text or label}: {'age-adjusted' if adjusted else 'crude'} prevalence, percent. "
            "CDC PLACES model-based estimate (measure "
            f"{r.measure}); values and 95% intervals as CDC published them."
        ),
        "domain": domain,
        "unit": "percent",
        "higher_is_worse": r.measure not in HIGHER_IS_BETTER,
        "source_id": source_id,
        "measure_type": r.measure_type,
    }
