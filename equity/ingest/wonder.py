"""CDC WONDER exports (kind ``wonder``): U.S. Cancer Statistics incidence and mortality, underlying cause
of death, natality; national, state and county rows by year, optionally by race and Hispanic origin.

The file is WONDER's "Export" (tab-separated ``.txt``) or a copy saved as CSV: UTF-8 with or without a
byte-order mark, CRLF or LF, a ``Notes`` column (empty on data rows, ``Total`` on the totals WONDER adds
when "Show Totals" is on), then a ``"---"`` line and a quoted footer: the dataset, the query, the
suggested citation and numbered caveats. The footer is kept: the dataset names the source ("CDC WONDER,
U.S. Cancer Statistics incidence, 1999–2022"), the citation goes into its licence field (shown on Data &
methods), and its messages and caveats into its notes (shown there too).

Rows and columns:

* The area: ``County Code`` (5 digits), else ``States Code`` / ``State Code`` (2 digits), else the nation
  (``US``, kept in ``national_values`` as County Health Rankings' United States row is). A total row with
  its area empty is the nation's. Areas the database has no boundaries for are added without a shape.
* The year: ``Year Code`` or ``Year`` (four digits). A total over years is left out.
* The indicator: the cause or cancer site column (any dimension with a ``... Code`` column other than
  year, area, race and ethnicity, e.g. ``Leading Cancer Sites``), else the dataset as a whole; id
  ``wonder_<incidence|mortality|deaths|births>_<site>``, a crude rate per 100,000.
* Cells: ``Count`` / ``Deaths`` / ``Births`` is the numerator, ``Population`` the denominator; the rate
  is count / population × 100,000 with WONDER's own 95% interval where exported (``Crude Rate Lower 95%
  Confidence Interval``), else the exact Poisson interval (equity.stats.poisson_exact_interval).
  ``Suppressed`` reads flag ``suppressed``; ``Missing`` and ``Not Applicable`` read ``no_data``; never
  numbers. ``Unreliable`` on a rate (or ``7.2 (Unreliable)``) keeps the rate with flag ``unreliable``.
  ``Age Adjusted Rate`` (with its interval) becomes the companion ``<id>_aa`` (measure_type
  ``age_adjusted``, the same counts), withheld wherever its crude rate is (equity/privacy.py).
* Race and Hispanic origin. Exported together (``Race`` × ``Ethnicity``) they become the standard groups
  (``race_ethnicity``): non-Hispanic people by race (``White``, ``Black``, ``Asian or Pacific Islander``,
  ...), and ``Hispanic or Latino`` (of any race) as the sum of the Hispanic cells of every race, where
  every one of them is a number. Where one is suppressed or missing (WONDER suppresses Hispanic Black and
  Hispanic Asian or Pacific Islander at state level), the Hispanic cells are kept apart, by race, as
  group ``hispanic_race``, for that area and year only: a sum and its parts are never both shown.
  Ethnicity ``Unknown or Missing`` is in no group (the load report counts its cases). Race alone is group
  ``race`` (of any Hispanic origin), ethnicity alone ``ethnicity``. Without either, the whole population.
  WONDER's subtotals inside a breakdown (one race, all ethnicities) are left out.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from equity import stats
from equity.db import NATION_ID
from equity.i18n import N_
from equity.ingest.build import Batch, assemble
from equity.ingest.read import IngestError, check_cells, level_of, parent_of, refuse_first, text_encoding

PUBLISHER = "Centers for Disease Control and Prevention (CDC WONDER)"
LICENSE = "U.S. government work, public domain"
PER = 100_000
EXPECTED = (
    "a CDC WONDER export (Export results, tab-separated, or saved as CSV) with a header row naming Year, "
    "States or County, and Count and Population"
)
COUNTS = ("Count", "Deaths", "Births")
POPULATIONS = ("Population",)
ABSENT = {"Suppressed": "suppressed", "Missing": "no_data", "Not Applicable": "no_data"}
UNRELIABLE = re.compile(r"^\s*([0-9.,]*)\s*\(?Unreliable\)?\s*$")
# WONDER's race names, as the dashboard names its groups (equity/demo/scenario.py GROUP_DIMS).
RACES = {
    "White": N_("White"),
    "Black or African American": N_("Black"),
    "American Indian or Alaska Native": N_("American Indian or Alaska Native"),
    "Asian or Pacific Islander": N_("Asian or Pacific Islander"),
    "Asian": N_("Asian"),
    "Native Hawaiian or Other Pacific Islander": N_("Native Hawaiian or Other Pacific Islander"),
    "More than one race": N_("Two or more races"),
    "Other Races and Unknown combined": N_("Other or unknown race"),
}
KEY = ["indicator_id", "area_id", "period"]  # one area's figures of one year
HISPANIC, NOT_HISPANIC = N_("Hispanic or Latino"), N_("Not Hispanic or Latino")
ETHNICITIES = {
    "Hispanic": HISPANIC,
    "Hispanic or Latino": HISPANIC,
    "Non-Hispanic": NOT_HISPANIC,
    "Not Hispanic or Latino": NOT_HISPANIC,
}
RACE_COLUMNS = ("Race", "Single Race 6", "Single Race 15", "Bridged Race")
ETHNICITY_COLUMNS = ("Ethnicity", "Hispanic Origin")
KNOWN = {
    "Notes",
    "Year",
    "Year Code",
    "States",
    "States Code",
    "State",
    "State Code",
    "County",
    "County Code",
}
KNOWN |= {*RACE_COLUMNS, *ETHNICITY_COLUMNS, *COUNTS, *POPULATIONS}


def read(files: list[Path], source: dict, known_areas: set[str] | None = None) -> Batch:
    """The values, indicators and new areas of WONDER export files (``known_areas``: the database's)."""
    known_areas = known_areas or set()
    parts = [_read_one(Path(f)) for f in files]
    footer = parts[0]["footer"]
    if source.get("publisher") in (None, "", "Your organisation"):
        source["publisher"] = PUBLISHER
    named = _source_name(footer.get("Dataset", ""))
    # The footer's dataset names the source, unless the command line did (--name): the default is the
    # file's stem (equity.ingest.generic.source_for).
    if named and source.get("name") in (None, "", Path(files[0]).stem, f"CDC WONDER ({Path(files[0]).stem})"):
        source["name"] = named
    if not source.get("license") and footer.get("Suggested Citation"):
        source["license"] = f"{LICENSE}; suggested citation: {footer['Suggested Citation']}"
    if not source.get("notes"):
        source["notes"] = _caveats(footer) or None
    url = re.search(r"Accessed at (https?://\S+)", footer.get("Suggested Citation", ""))
    if not source.get("url") and url:
        source["url"] = url.group(1)
    values = pd.concat([p["values"] for p in parts], ignore_index=True)
    indicators = pd.concat([p["indicators"] for p in parts], ignore_index=True).drop_duplicates(
        "indicator_id"
    )
    indicators["source_id"] = source["source_id"]
    names = pd.concat([p["names"] for p in parts], ignore_index=True).drop_duplicates("area_id")
    new = names[~names["area_id"].isin(known_areas) & names["area_id"].ne(NATION_ID)]
    areas = pd.DataFrame(
        {
            "area_id": new["area_id"].to_numpy(),
            "name": new["name"].to_numpy(),
            "level": new["area_id"].map(level_of).to_numpy(),
            "parent_id": new["area_id"].map(parent_of).to_numpy(),
        }
    )
    # Empty columns typed as the stored ones (the build keeps the shapes of areas that have them).
    areas["population"] = pd.Series(None, index=areas.index, dtype="Int64")
    for column in ("geometry", "geometry_drawn"):
        areas[column] = pd.Series(None, index=areas.index, dtype=object)
    areas["centroid_lon"] = areas["centroid_lat"] = float("nan")
    batch = assemble(
        files,
        source,
        values,
        indicators,
        areas=areas if len(areas) else None,
        key=["indicator_id", "area_id", "period", "group_dim", "group_label"],
        twice="the same indicator, area, year and group appear twice",
        expected="one row for each (files of different years, areas or causes)",
        shown=["indicator_id", "area_id", "period", "group_label"],
    )
    years = sorted({int(p) for p in values["period"]})
    if source.get("vintage") in (None, "", "unknown") or batch.source["vintage"] == ", ".join(
        map(str, years)
    ):
        batch.source["vintage"] = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    batch.notes = [n for p in parts for n in p["notes"]]
    return batch


def _caveats(footer: dict[str, str]) -> str:
    """WONDER's numbered caveats (and messages) as one text: "1. Statistics are suppressed ... 2. ..."."""
    said = [footer[k] for k in footer if k.startswith(("Message ", "Caveat "))]
    return " ".join(f"{i}. {c}" for i, c in enumerate(said, 1))


def _source_name(dataset: str) -> str | None:
    """'CDC WONDER, U.S. Cancer Statistics incidence, 1999–2022' from WONDER's dataset line."""
    dataset = dataset.strip()
    if not dataset:
        return None
    years = re.search(r"((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)", dataset)
    span = f"{years.group(1)}–{years.group(2)}" if years else ""
    if "Cancer Statistics" in dataset:
        what = "incidence" if "Incidence" in dataset else "mortality" if "Mortality" in dataset else ""
        return ", ".join(p for p in ("CDC WONDER", f"U.S. Cancer Statistics {what}".strip(), span) if p)
    return "CDC WONDER, " + re.sub(r"((?:19|20)\d\d)\s*-\s*((?:19|20)\d\d)", r"\1–\2", dataset)


# ---- one file -------------------------------------------------------------------------------------------


FOOTER = re.compile(r'^[ \t]*"?---"?[ \t]*\r?$', re.MULTILINE)


def _split(path: Path) -> tuple[str, list[str]]:
    """The data part of the file as text (quoted line breaks inside a cell kept), and the footer's lines:
    everything from the first line that is ``"---"``."""
    with open(path, encoding=text_encoding(path), newline="") as f:
        text = f.read()
    end = FOOTER.search(text)
    if end is None:
        return text, []
    return text[: end.start()], text[end.start() :].splitlines()


LABELLED = re.compile(
    r"^(Dataset|Suggested Citation|Query Date|Help|Title|Standard Population|Calculate Rates Per):\s*(.*)$"
)


PARAMETER = re.compile(r"^([A-Z][A-Za-z0-9 ,/()-]{0,60}):\s*(.*)$")


def _footer(lines: list[str]) -> dict[str, str]:
    """The footer's sections: 'Dataset', 'Suggested Citation', each 'Caveat N' and 'Message N', wrapped
    lines joined, WONDER's HTML tags and doubled quotes removed."""
    out: dict[str, str] = {}
    key, section = None, ""
    for raw in lines:
        line = raw.strip()
        if line.startswith('"') and line.endswith('"') and len(line) >= 2:
            line = line[1:-1].replace('""', '"')
        line = re.sub(r"<[^>]{0,20}>", " ", line).strip()
        if line == "---":
            key, section = None, ""
            continue
        if line in ("Caveats:", "Messages:"):
            section, key = line[:-2], None  # 'Caveat', 'Message'
            continue
        if line == "Query Parameters:":  # one parameter a line: 'Sex: Female', 'Group By: Year; States'
            section, key = "Query", None
            continue
        numbered = re.match(r"^(\d+)\.\s+(.*)$", line)
        labelled = re.match(LABELLED, line) or (section == "Query" and re.match(PARAMETER, line))
        if labelled:
            key, line = labelled.group(1), labelled.group(2)
            section = "Query" if section == "Query" else ""
        elif section and numbered:
            key, line = f"{section} {numbered.group(1)}", numbered.group(2)
        elif key is None:
            continue
        out[key] = re.sub(r"\s+", " ", f"{out.get(key, '')} {line}").strip()
    return out


def _read_one(path: Path) -> dict:
    data, footer_lines = _split(path)
    first = data.split("\n", 1)[0]
    sep = "\t" if first.count("\t") > first.count(",") else ","
    try:
        df = pd.read_csv(
            io.StringIO(data), sep=sep, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise IngestError(
            path, f"the file could not be read ({str(exc).splitlines()[0]})", expected=EXPECTED
        ) from None
    df.columns = [str(c).strip() for c in df.columns]
    check_cells(path, df)  # before stripping: a leading tab or carriage return is a formula's start
    df = df.apply(lambda s: s.str.strip())
    count_col = next((c for c in COUNTS if c in df), None)
    pop_col = next((c for c in POPULATIONS if c in df), None)
    if "Year" not in df and "Year Code" not in df or count_col is None or pop_col is None:
        raise IngestError(path, "not a CDC WONDER export", value=", ".join(df.columns[:8]), expected=EXPECTED)
    if df.empty:
        raise IngestError(path, "the file has a header but no rows", expected="at least one row of data")
    rows = pd.Series(np.arange(2, len(df) + 2), index=df.index)
    footer = _footer(footer_lines)
    notes: list[str] = []
    total = df["Notes"].eq("Total") if "Notes" in df else pd.Series(False, index=df.index)

    year_col = "Year Code" if "Year Code" in df else "Year"
    year = df[year_col]
    no_year = year.eq("") & total
    refuse_first(
        path,
        ~year.str.fullmatch(r"(19|20)\d\d") & ~no_year,
        "not a year",
        column=year_col,
        values=year,
        expected="a four-digit year such as 2022",
    )
    area, names = _areas(path, df, total)
    race = next((c for c in RACE_COLUMNS if c in df), None)
    eth = next((c for c in ETHNICITY_COLUMNS if c in df), None)
    cause = _cause_column(path, df)
    dims = [c for c in (race, eth) if c]
    # A row belongs to a breakdown where all its group columns are given, to the whole population where
    # none is (a total), and to no table of ours where some are (a subtotal inside the breakdown).
    given = pd.concat([df[c].ne("") for c in dims], axis=1) if dims else pd.DataFrame(index=df.index)
    whole = ~given.any(axis=1) if dims else pd.Series(True, index=df.index)
    full = given.all(axis=1) if dims else pd.Series(True, index=df.index)
    keep = (whole | full) & ~no_year & area.notna()
    if cause:
        keep &= df[cause].ne("")
    dropped = int((~keep).sum())
    if dropped:
        notes.append(f"{path.name}: {dropped:,} subtotal rows (over years, causes or one group) left out")
    df, area, rows, whole = df[keep], area[keep], rows[keep], whole[keep]

    count, count_flag = _cells(path, df, count_col, rows)
    pop, pop_flag = _cells(path, df, pop_col, rows)
    dataset = footer.get("Dataset", "")
    kind = _kind(dataset, count_col)
    if cause:
        ind = kind + "_" + df[cause].map(_slug)
        label = df[cause]
    else:
        ind = pd.Series(kind, index=df.index)
        label = pd.Series("", index=df.index)
    base = pd.DataFrame(
        {
            "indicator_id": ind,
            "area_id": area,
            "period": df[year_col].astype(int),
            "count": count,
            "pop": pop,
            "flag": _worst(count_flag, pop_flag),
            "race": df[race].map(lambda r: RACES.get(r, r)) if race else "",
            "eth": df[eth] if eth else "",
            "_file": str(path),
            "_row": rows,
        }
    )
    base["group_dim"], base["group_label"] = "all", "All"
    base.loc[~whole, ["group_dim", "group_label"]] = None
    crude_low, crude_high, rate_flag = _published(path, df, rows, "Crude Rate")
    adjusted, aa_low, aa_high, aa_flag = None, None, None, None
    if "Age Adjusted Rate" in df:
        adjusted, aa_flag = _rate_cells(path, df, "Age Adjusted Rate", rows)
        aa_low, aa_high, _ = _published(path, df, rows, "Age Adjusted Rate")
    per = pd.to_numeric(footer.get("Calculate Rates Per", str(PER)).replace(",", ""), errors="coerce")
    scale = PER / per if per and per > 0 else 1.0  # WONDER's own rates are per what the query said
    base["low"], base["high"], base["rate_flag"] = crude_low * scale, crude_high * scale, rate_flag
    if adjusted is not None:
        base["aa"], base["aa_flag"] = adjusted * scale, aa_flag
        base["aa_low"], base["aa_high"] = aa_low * scale, aa_high * scale

    groups, note = _groups(base, race, eth)
    notes.extend(f"{path.name}: {n}" for n in note)
    values = _crude(groups)
    if adjusted is not None:
        values = pd.concat([values, _adjusted(groups)], ignore_index=True)
    indicators = _indicators(groups, label.reindex(groups.index), kind, dataset, adjusted is not None, footer)
    said = sum(k.startswith(("Message ", "Caveat ")) for k in footer)
    if said:
        notes.append(
            f"{path.name}: WONDER's {said} caveats and messages are kept with the source (shown on Data & "
            "methods)"
        )
    return {"values": values, "indicators": indicators, "names": names, "footer": footer, "notes": notes}


def _areas(path: Path, df: pd.DataFrame, total: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    """Each row's area id (None for a row to leave out), and the areas' names."""
    county = "County Code" if "County Code" in df else None
    state = next((c for c in ("States Code", "State Code") if c in df), None)
    area = pd.Series(NATION_ID, index=df.index, dtype=object)
    name = pd.Series("United States", index=df.index, dtype=object)
    for column, digits, label in ((state, 2, ("States", "State")), (county, 5, ("County",))):
        if column is None:
            continue
        code = df[column].str.replace(r"\.0$", "", regex=True)
        code = code.where(~code.str.fullmatch(r"\d+") | code.eq(""), code.str.zfill(digits))
        given = code.ne("")
        refuse_first(
            path,
            given & ~code.str.fullmatch(rf"\d{{{digits}}}"),
            "not a FIPS code",
            column=column,
            values=df[column],
            expected=f"a {digits}-digit {'county' if digits == 5 else 'state'} FIPS code",
        )
        refuse_first(
            path,
            ~given & ~total,
            "an area code is missing",
            column=column,
            expected=f"a {digits}-digit FIPS code (only WONDER's total rows leave it empty)",
        )
        area = code.where(given, area)
        names = next((df[c] for c in label if c in df), code)
        name = names.where(given, name)
    names = pd.DataFrame({"area_id": area, "name": name}).drop_duplicates("area_id")
    return area, names


def _cause_column(path: Path, df: pd.DataFrame) -> str | None:
    """The dimension that names what is counted (a cancer site, a cause of death), if any. An export
    grouped by anything else as well (sex, age groups, a second cause) is refused: its rows would read
    as values of one group of several breakdowns at once, which the database cannot hold."""
    extra = [c for c in df.columns if c not in KNOWN and f"{c} Code" in df and not c.endswith("Code")]
    other = [c for c in extra if re.search(r"\b(Sex|Gender|Age|Ages)\b", c)] or extra[1:]
    if other:
        raise IngestError(
            path,
            f"the export is grouped by {other[0]}, which this loader does not read",
            column=other[0],
            expected="an export grouped by Year, States or County, Race and Ethnicity, and at most one "
            "cancer site or cause (pick one sex or age range in the query instead)",
        )
    return extra[0] if extra else None


def _kind(dataset: str, count_col: str) -> str:
    if "Cancer Statistics" in dataset:
        return "wonder_incidence" if "Incidence" in dataset else "wonder_mortality"
    return {"Deaths": "wonder_deaths", "Births": "wonder_births"}.get(count_col, "wonder_count")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "all"


def _cells(path: Path, df: pd.DataFrame, column: str, rows: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A count or population column: numbers, and the flag WONDER's words give (never numbers)."""
    raw = df[column].str.replace(",", "", regex=False)
    flag = raw.map(ABSENT)
    number = pd.to_numeric(raw.where(flag.isna()), errors="coerce")
    refuse_first(
        path,
        number.isna() & flag.isna(),
        "not a count",
        column=column,
        values=df[column],
        expected="a whole number, Suppressed, Missing or Not Applicable",
        rows=rows,
    )
    refuse_first(path, number < 0, "a count cannot be negative", column=column, values=df[column], rows=rows)
    return number, flag


def _rate_cells(path: Path, df: pd.DataFrame, column: str, rows: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A rate column: its number (kept where marked Unreliable), and its flag."""
    raw = df[column].str.replace(",", "", regex=False)
    flag = raw.map(ABSENT)
    unreliable = raw.str.match(UNRELIABLE)
    flag = flag.where(~unreliable, "unreliable")
    number = pd.to_numeric(
        raw.str.replace(UNRELIABLE, r"\1", regex=True).where(raw.map(ABSENT).isna()), errors="coerce"
    )
    refuse_first(
        path,
        number.isna() & flag.isna(),
        "not a rate",
        column=column,
        values=df[column],
        expected="a number, Unreliable, Suppressed, Missing or Not Applicable",
        rows=rows,
    )
    return number, flag


def _published(path: Path, df: pd.DataFrame, rows: pd.Series, rate: str):
    """WONDER's own interval of ``rate`` where exported (NaN otherwise) and the rate column's flag."""
    out = []
    for side in ("Lower", "Upper"):
        column = f"{rate} {side} 95% Confidence Interval"
        out.append(
            _rate_cells(path, df, column, rows)[0] if column in df else pd.Series(np.nan, index=df.index)
        )
    flag = (
        _rate_cells(path, df, rate, rows)[1] if rate in df else pd.Series(None, index=df.index, dtype=object)
    )
    return out[0], out[1], flag


def _worst(*flags: pd.Series) -> pd.Series:
    """Why a value is absent or weak, the weightiest first: suppressed, no_data, unreliable."""
    out = pd.Series(None, index=flags[0].index, dtype=object)
    for word in ("unreliable", "no_data", "suppressed"):
        for f in flags:
            out = out.where(~f.eq(word).fillna(False).to_numpy(), word)
    return out


def _groups(base: pd.DataFrame, race: str | None, eth: str | None) -> tuple[pd.DataFrame, list[str]]:
    """The rows as the dashboard's groups (see the module's docstring), and notes on what was left out."""
    notes: list[str] = []
    whole = base["group_dim"].eq("all")
    rest = base[~whole].copy()
    if race and not eth:
        rest["group_dim"], rest["group_label"] = "race", rest["race"]
        return pd.concat([base[whole], _everyone(base, whole, KEY), rest]), notes
    if eth and not race:
        rest["group_label"] = rest["eth"].map(lambda e: ETHNICITIES.get(e, e))
        rest["group_dim"] = "ethnicity"
        return pd.concat([base[whole], _everyone(base, whole, KEY), rest]), notes
    if not race:
        return base, notes
    hispanic = rest["eth"].map(ETHNICITIES).eq(HISPANIC)
    non = rest["eth"].map(ETHNICITIES).eq(NOT_HISPANIC)
    unknown = rest[~hispanic & ~non]
    if len(unknown):
        cases = int(unknown["count"].sum())
        notes.append(
            f"{len(unknown):,} rows of unknown Hispanic origin ({cases:,} cases counted) are in no group"
        )
    nh = rest[non].assign(group_dim="race_ethnicity", group_label=rest.loc[non, "race"])
    h = rest[hispanic]
    key = KEY
    # Combined only where every Hispanic cell has a count; the population of the races that have one.
    whole_parts = h.groupby(key)["count"].apply(lambda s: s.notna().all()).rename("combinable")
    h = h.join(whole_parts, on=key)
    parts = h[~h["combinable"]].assign(group_dim="hispanic_race", group_label=lambda d: d["race"])
    summed = _summed(h[h["combinable"]], key, "race_ethnicity", HISPANIC)
    if len(parts):
        years = parts[key].drop_duplicates().shape[0]
        notes.append(
            f"Hispanic or Latino of any race could not be added up for {years:,} area-years (a race's "
            "Hispanic cell is suppressed or missing): their Hispanic cells are kept apart by race (group "
            "hispanic_race)"
        )
    out = pd.concat([base[whole], _everyone(base, whole, key), nh, summed, parts], ignore_index=True)
    return out.drop(columns=["combinable"], errors="ignore"), notes


def _everyone(base: pd.DataFrame, whole: pd.Series, key: list[str]) -> pd.DataFrame:
    """The whole population of each area and year whose export gives no total ("Show Totals" off, or
    disabled by WONDER's suppression rules): the sum of every cell of its breakdown, unknown Hispanic
    origin included, where every cell's count is a number. Where one is suppressed or missing there is no
    total: the sum of the rest would be wrong, and the total less the rest would give the suppressed cell
    away, which is why WONDER withholds totals there."""
    rest = base[~whole]
    if rest.empty:
        return rest
    complete = rest.groupby(key)["count"].apply(lambda c: bool(c.notna().all())).rename("complete")
    rest = rest.join(complete, on=key)
    sums = _summed(rest[rest["complete"]], key, "all", "All")
    given = sums.merge(base.loc[whole, key].drop_duplicates(), on=key, how="left", indicator=True)
    return sums[given["_merge"].eq("left_only").to_numpy()]


def _summed(cells: pd.DataFrame, key: list[str], dim: str, label: str) -> pd.DataFrame:
    """Cells added up into one group of each area and year (``dim``, ``label``): their counts, and the
    populations of those that have one. No interval of WONDER's own, and no age-adjusted rate: those do
    not add up across groups."""
    out = cells.groupby(key, as_index=False).agg(
        count=("count", "sum"),
        pop=("pop", lambda s: s.sum(min_count=1)),
        _file=("_file", "first"),
        _row=("_row", "first"),
    )
    out = out.assign(group_dim=dim, group_label=label, low=np.nan, high=np.nan, rate_flag=None, aa=np.nan)
    out["flag"] = np.where(out["pop"].isna(), "no_data", None)
    out["aa_flag"] = "no_data"
    return out


def _crude(g: pd.DataFrame) -> pd.DataFrame:
    """Crude rates per 100,000: count / population, WONDER's interval or the exact Poisson one."""
    count, pop = g["count"].to_numpy(float), g["pop"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(pop > 0, PER / np.where(pop > 0, pop, 1), np.nan)
    low, high = stats.poisson_exact_interval(count)
    rate = count * scale
    flag = _worst(g["flag"], g["rate_flag"].reindex(g.index))
    flag = flag.where(~(pd.Series(np.isnan(rate), index=g.index) & flag.isna()), "no_data")
    absent = flag.isin(["suppressed", "no_data"]).to_numpy()
    own = g["low"].notna().to_numpy() & g["high"].notna().to_numpy()
    ci_low = np.where(own, g["low"].to_numpy(float), np.asarray(low) * scale)
    ci_high = np.where(own, g["high"].to_numpy(float), np.asarray(high) * scale)
    return _rows(g, g["indicator_id"], rate, ci_low, ci_high, flag, absent)


def _adjusted(g: pd.DataFrame) -> pd.DataFrame:
    """WONDER's age-adjusted rates as the companions ``<id>_aa``, with the crude rate's counts."""
    flag = _worst(g["flag"], g["aa_flag"].reindex(g.index))
    value = g["aa"].to_numpy(float)
    flag = flag.where(~(pd.Series(np.isnan(value), index=g.index) & flag.isna()), "no_data")
    absent = flag.isin(["suppressed", "no_data"]).to_numpy()
    return _rows(
        g,
        g["indicator_id"] + "_aa",
        value,
        g["aa_low"].to_numpy(float),
        g["aa_high"].to_numpy(float),
        flag,
        absent,
    )


def _rows(g, ind, value, low, high, flag, absent) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ind.to_numpy(),
            "area_id": g["area_id"].to_numpy(),
            "period": g["period"].astype(int).to_numpy(),
            "group_dim": g["group_dim"].to_numpy(),
            "group_label": g["group_label"].to_numpy(),
            "value": np.where(absent, np.nan, value),
            "ci_low": np.where(absent, np.nan, low),
            "ci_high": np.where(absent, np.nan, high),
            "numerator": g["count"].to_numpy(float),
            "denominator": g["pop"].to_numpy(float),
            "flag": flag.to_numpy(),
            "_file": g["_file"].to_numpy(),
            "_row": g["_row"].to_numpy(),
        }
    )


# WONDER's cancer site names as a sentence says them ("cervical cancer"); others are lower-cased. Marked for
# translation: equity/i18n.py says a label built of them ("Cervical cancer incidence") in Spanish.
SITES = {
    "Cervix Uteri": N_("cervical"),
    "Female Breast": N_("female breast"),
    "Colon and Rectum": N_("colorectal"),
    "Lung and Bronchus": N_("lung"),
    "Corpus Uteri": N_("uterine"),
    "Corpus and Uterus, NOS": N_("uterine"),
    "Urinary Bladder": N_("bladder"),
    "Kidney and Renal Pelvis": N_("kidney"),
    "Melanoma of the Skin": N_("skin melanoma"),
    "Pancreas": N_("pancreatic"),
    "Ovary": N_("ovarian"),
    "Liver and Intrahepatic Bile Duct": N_("liver"),
    "Esophagus": N_("esophageal"),
    "Brain and Other Nervous System": N_("brain"),
    "Larynx": N_("laryngeal"),
    "Non-Hodgkin Lymphoma": N_("non-Hodgkin lymphoma"),
}
PEOPLE = {"Female": "women", "Male": "men"}  # the query's Sex, where it picked one

WHAT = {
    "wonder_incidence": ("{} cancer incidence", "New cases of {} cancer per 100,000 people"),
    "wonder_mortality": ("{} cancer deaths", "Deaths from {} cancer per 100,000 people"),
    "wonder_deaths": ("Deaths: {}", "Deaths ({}) per 100,000 people"),
    "wonder_births": ("Births: {}", "Births ({}) per 100,000 people"),
    "wonder_count": ("{}", "{} per 100,000 people"),
}


def _indicators(
    g: pd.DataFrame, labels: pd.Series, kind: str, dataset: str, adjusted: bool, footer
) -> pd.DataFrame:
    firsts = g.assign(label=labels.fillna("")).drop_duplicates("indicator_id")
    out = []
    where = f" ({dataset})" if dataset else ""
    people = PEOPLE.get(footer.get("Sex", ""), "people")
    everyone = (
        " Where WONDER gives no total, an area's figure for everyone is the sum of all its cells (unknown "
        "Hispanic origin included), and only where WONDER suppressed none of them."
        if (g["group_dim"] != "all").any()
        else ""
    )
    for r in firsts.itertuples():
        thing = r.label or {"wonder_deaths": "all causes", "wonder_births": "all births"}.get(
            kind, N_("all sites")
        )
        thing = SITES.get(thing, thing[:1].lower() + thing[1:])
        short, long = WHAT[kind]
        long = long.replace("people", people)
        label = short.format(thing)
        label = label[:1].upper() + label[1:]
        description = (
            f"{long.format(thing)}, crude rate: CDC WONDER{where}, count over population, with WONDER's 95% "
            "interval where exported, else the exact Poisson interval. WONDER suppresses small counts "
            f"itself; its caveats are listed with the source.{everyone}"
        )
        worse = kind != "wonder_births"
        common = {"domain": "Outcomes", "unit": "per_100k", "higher_is_worse": worse, "source_id": ""}
        out.append(
            {
                "indicator_id": r.indicator_id,
                "label": label,
                "description": description,
                **common,
                "measure_type": "crude",
            }
        )
        if adjusted:
            std = footer.get("Standard Population", "the 2000 U.S. standard population")
            out.append(
                {
                    "indicator_id": f"{r.indicator_id}_aa",
                    "label": f"{label} (age-adjusted)",
                    "description": f"{long.format(thing)}, age-adjusted by CDC WONDER{where} to {std}, with "
                    "WONDER's 95% interval.",
                    **common,
                    "measure_type": "age_adjusted",
                }
            )
    return pd.DataFrame(out)
