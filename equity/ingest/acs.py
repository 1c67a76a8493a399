"""American Community Survey tables (kind ``acs``) as downloaded from data.census.gov (Download → CSV).

Data profiles (DP02-DP05), subject tables (S1701 poverty, S2701 health insurance, S1903 income, S1601
language...) and detailed tables (B/C) share one layout, read here:

* Two header rows: variable codes (``GEO_ID``, ``NAME``, ``DP03_0099PE``...), then their labels, a
  path joined by ``!!`` (``Percent!!HEALTH INSURANCE COVERAGE!!...!!No health insurance coverage``).
  A byte-order mark and a trailing comma (an empty last column) are read as the portal writes them.
* ``GEO_ID`` carries its summary level: ``0400000US48`` state, ``0500000US48029`` county,
  ``1400000US48029110100`` tract, ``1500000US...`` block group, ``1600000US4865000`` place,
  ``860Z200US02134`` ZCTA (area ``Z02134``), ``0100000US`` the nation (kept in ``national_values``).
  Places and block groups are level ``custom`` (as the boundaries loader makes places), a place's parent
  its state, a block group's its tract. Any other summary level is refused.
* Columns are chosen by name, never by position: estimate ``E`` (or ``PE``, a percent of a data
  profile), margin of error ``M`` (``PM``), annotations ``EA``, ``MA``, ``PEA``, ``PMA``, in whatever
  order the file has them. Older downloads put the jam symbol in the annotation and leave the estimate
  empty or ``null``: the annotation is read then.

Values:

* Jam values in an estimate (``(X)`` not applicable, ``-`` too few sample cases, ``N`` not available,
  ``**``/``***``/``*****``, ``null`` and empty, and the API's negative sentinels such as ``-666666666``)
  are "no data": value NULL, flag ``no_data``; never a number.
* Bounded values (``250,000+`` top-coded, ``2,500-`` bottom-coded medians): the schema has no flag for
  "at least" or "at most", and leaving them out would hide the richest and poorest tracts. They keep the
  bound as their value with flag ``unreliable`` (a weak value, faded on the map) and no interval, and the
  load's notes say how many there were and that they are bounds. Tested in tests/test_ingest_acs.py.
* Margins of error are 90%: the 95% interval is estimate ± MOE × 1.96 / 1.645, kept within 0-100 for a
  percent and at or above 0 otherwise. A jam margin (``**``, ``***``, ``-``, ``N``, ``(X)``) leaves the
  interval empty; ``*****`` (an estimate controlled to a census count, no sampling error) gives an
  interval of the value itself. Any other text where a number belongs refuses the load, naming the file,
  row, column and value.
* ACS estimates are survey-weighted: no numerator or denominator is stored, so the small-count rules
  (built on counts of people) do not apply to them.

What is loaded: the catalogue ``CATALOGUE`` below, the measures coalitions use most (uninsured, poverty,
median household income, limited English, no vehicle, disability), by group where the table has them,
and any other variable named with ``--variables CODE=label,...``. A catalogue code is loaded only where
its label in the file says what the catalogue expects (variables are renumbered between vintages); one
that does not is left out and the load's notes say so. Groups are read from the label path: the section
(``RACE AND HISPANIC OR LATINO ORIGIN``, ``AGE``, ``SEX``, ``RATIO OF INCOME TO POVERTY LEVEL``, ``...BY
AGE OF HOUSEHOLDER``) and the path's last part, onto the dashboard's labels (``Hispanic or Latino``,
``Black``, ``18–64``, ``65 and older``, ``Below poverty``...). The Census race groups are "alone" and
include Hispanic people of that race; only ``White, not Hispanic or Latino`` excludes them.

Medians (median household income) are not additive: their description says "median", they carry no
counts, and nothing sums or averages them into a larger area (the build derives only populations).

Period: the survey's last year (2021 for 2017-2021 5-year estimates), from the file name
(``ACSDP5Y2021.DP03-Data.csv``: data profile, 5-year, 2021, table DP03) or ``--vintage``. The source is
named "U.S. Census Bureau, American Community Survey 2017–2021 5-year, DP03, census tracts" unless
``--name`` says otherwise; its vintage is the survey years. Areas the database does not know yet are
created without a shape (name from ``NAME``), with their county and state where those are unknown too,
so that regions and values read before boundaries are loaded; areas it knows keep their names and shapes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from equity import text
from equity.db import NATION_ID
from equity.i18n import N_
from equity.ingest import fips
from equity.ingest.build import Batch, assemble
from equity.ingest.read import IngestError, read_csv, read_head, refuse_first, zcta_name

PUBLISHER = "U.S. Census Bureau"
HEADER_ROWS = 2
Z90, Z95 = 1.645, 1.96
CODE = re.compile(r"^(?P<base>[A-Z][A-Z0-9]*(?:_C\d{2})?_\d{3,4})(?P<suffix>PEA|PMA|PE|PM|EA|MA|E|M)$")
FILE = re.compile(
    r"^ACS(?P<product>DP|ST|DT|CP|SPP)(?P<span>1Y|5Y|3Y|1YSPT)(?P<year>\d{4})\.(?P<table>[A-Z0-9]+)"
)
EXPECTED = (
    "an American Community Survey table downloaded from data.census.gov (Download → CSV), with its two "
    "header rows: codes (GEO_ID, NAME, DP03_0099PE...), then labels"
)
NO_DATA = {"", "null", "(X)", "-", "N", "**", "***", "*****", "X"}
SENTINELS = {-999999999, -888888888, -666666666, -555555555, -333333333, -222222222}
CONTROLLED = {"*****", "-555555555"}  # a margin of error of an estimate with no sampling error
UPPER, LOWER = re.compile(r"^([\d,]+(?:\.\d+)?)\+$"), re.compile(r"^([\d,]+(?:\.\d+)?)-$")
LEVELS = {
    "010": "nation",
    "040": "state",
    "050": "county",
    "140": "tract",
    "150": "block group",
    "160": "place",
    "860": "zcta",
}
LEVEL_WORDS = {
    "state": ("state", "states"),
    "county": ("county", "counties"),
    "tract": ("census tract", "census tracts"),
    "block group": ("block group", "block groups"),
    "place": ("place", "places"),
    "zcta": ("ZIP code area", "ZIP code areas"),
    "nation": ("the United States", "the United States"),
}
CARE, SOCIAL, PLACE = "Access to care", "Social conditions", "Physical environment"


@dataclass(frozen=True)
class Measure:
    """One catalogue measure: the variable of the whole population (``code``, whose label must contain
    ``expect``) and, where the table has them, the variables of its groups (``groups``: a pattern of
    codes whose groups the label path names, and ``named``: codes whose group the label path does not
    name by its sections, each with what its label must contain)."""

    key: str  # the indicator is acs_<table>_<key>
    label: str
    unit: str
    higher_is_worse: bool
    domain: str
    code: str
    expect: str
    groups: str | None = None
    named: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # code: (dim, label, in its label)
    median: bool = False


# Variable codes as the 2017-2021 (and neighbouring) releases number them; ``expect`` guards each. A measure
# of a table with groups says so in its label, so that one loaded from a profile beside it reads apart.
CATALOGUE = (
    Measure(
        "uninsured", N_("No health insurance"), "percent", True, CARE,
        "DP03_0099PE", "No health insurance coverage",
        named={"DP03_0101PE": ("age", N_("Under 19"), "under 19 years!!No health insurance")},
    ),
    Measure(
        "poverty", N_("Living below the poverty level"), "percent", True, SOCIAL, "DP03_0128PE",
        "!!All people",
        named={
            "DP03_0129PE": ("age", N_("Under 18"), "All people!!Under 18 years"),
            "DP03_0134PE": ("age", N_("18–64"), "18 years and over!!18 to 64 years"),
            "DP03_0135PE": ("age", N_("65 and older"), "18 years and over!!65 years and over"),
        },
    ),
    Measure(
        "median_household_income", N_("Median household income"), "dollars", False, SOCIAL, "DP03_0062E",
        "Median household income", median=True,
    ),
    Measure("disability", N_("With a disability"), "percent", True, CARE, "DP02_0072PE", "With a disability"),
    Measure(
        "limited_english", N_("Speak English less than very well"), "percent", True, SOCIAL, "DP02_0115PE",
        'less than "very well"',
    ),
    Measure(
        "no_vehicle", N_("Households with no vehicle"), "percent", True, PLACE, "DP04_0058PE", "No vehicles"
    ),
    Measure(
        "poverty", N_("Living below the poverty level, by age, sex and race"), "percent", True, SOCIAL,
        "S1701_C03_001E",
        "Percent below poverty level", groups=r"S1701_C03_\d{3}E",
    ),
    Measure(
        "uninsured", N_("No health insurance, by age, sex, race and income"), "percent", True, CARE,
        "S2701_C05_001E", "Percent Uninsured",
        groups=r"S2701_C05_\d{3}E",
    ),
    Measure(
        "median_household_income", N_("Median household income, by householder's race and age"), "dollars",
        False, SOCIAL, "S1903_C03_001E",
        "Median income (dollars)", groups=r"S1903_C03_0(0\d|1[0-4])E", median=True,
    ),
    Measure(
        "limited_english", N_("Speak English less than very well, by age and language"), "percent", True,
        SOCIAL, "S1601_C06_001E",
        'less than "very well"', groups=r"S1601_C06_\d{3}E",
    ),
    Measure(
        "median_household_income", N_("Median household income"), "dollars", False, SOCIAL, "B19013_001E",
        "Median household income", median=True,
    ),
    *(
        Measure(
            "median_household_income", N_("Median household income, by householder's race"), "dollars", False,
            SOCIAL, f"B19013{t}_001E", "Median household income",
            named={f"B19013{t}_001E": ("race_ethnicity", g, "Median household income")}, median=True,
        )
        for t, g in {
            "A": N_("White"), "B": N_("Black"), "C": N_("American Indian or Alaska Native"), "D": N_("Asian"),
            "E": N_("Native Hawaiian or Other Pacific Islander"), "F": N_("Some other race"),
            "G": N_("Two or more races"),
            "H": N_("White, not Hispanic or Latino"), "I": N_("Hispanic or Latino"),
        }.items()
    ),
)  # fmt: skip

RACE = {
    "white": N_("White"),
    "black or african american": N_("Black"),
    "american indian and alaska native": N_("American Indian or Alaska Native"),
    "asian": N_("Asian"),
    "native hawaiian and other pacific islander": N_("Native Hawaiian or Other Pacific Islander"),
    "some other race": N_("Some other race"),
    "two or more races": N_("Two or more races"),
    "hispanic or latino origin (of any race)": N_("Hispanic or Latino"),
    "hispanic or latino (of any race)": N_("Hispanic or Latino"),
    "white alone, not hispanic or latino": N_("White, not Hispanic or Latino"),
    "white, not hispanic or latino": N_("White, not Hispanic or Latino"),
}


# ---- groups from the label path ------------------------------------------------------------------------


def age_label(text: str) -> str | None:
    """'18 to 64 years' -> '18–64', '65 years and over' -> '65 and older', 'Under 18 years' -> 'Under 18'."""
    t = text.strip().rstrip(":")
    if m := re.fullmatch(r"(\d+) to (\d+) years", t):
        return f"{m[1]}–{m[2]}"
    if m := re.fullmatch(r"(\d+) years and (?:over|older)", t):
        return f"{m[1]} and older"
    if m := re.fullmatch(r"Under (\d+) years", t):
        return f"Under {m[1]}"
    return None


def income_label(text: str) -> str | None:
    """'Below 100 percent of the poverty level' -> 'Below poverty', '138 to 399 percent...' -> '138–399% of
    poverty', 'At or above 400 percent...' -> '400% of poverty or more'."""
    t = text.strip().rstrip(":")
    if m := re.match(r"Below (\d+) percent", t):
        return "Below poverty" if m[1] == "100" else f"Below {m[1]}% of poverty"
    if m := re.match(r"(\d+) to (\d+) percent", t):
        return f"{m[1]}–{m[2]}% of poverty"
    if m := re.match(r"(?:At or above|Above) (\d+) percent", t):
        return f"{m[1]}% of poverty or more"
    return None


def group_of(label: str) -> tuple[str, str] | None:
    """The group a variable's label path names, as (group_dim, group_label); None where it names none the
    dashboard shows (e.g. educational attainment, or a label of the whole population)."""
    parts = [p.strip() for p in label.split("!!")]
    sections = [i for i, p in enumerate(parts) if re.search(r"[A-Z]{3}", p) and p == p.upper()]
    if not sections or sections[-1] == len(parts) - 1:
        return None
    section, last = parts[sections[-1]], parts[-1].rstrip(":")
    if "RACE" in section or "HISPANIC" in section:
        key = re.sub(r" alone$", "", last.lower().replace(" alone,", ","))
        key = {"white, not hispanic or latino": "white alone, not hispanic or latino"}.get(key, key)
        return ("race_ethnicity", RACE[key]) if key in RACE else None
    if re.search(r"\bAGE\b", section):
        age = age_label(last)
        return ("age", age) if age else None
    if re.search(r"\bSEX\b", section):
        return ("sex", last) if last in ("Male", "Female") else None
    if "RATIO OF INCOME TO POVERTY" in section:
        income = income_label(last)
        return ("income", income) if income else None
    return None


# ---- cells ---------------------------------------------------------------------------------------------


def estimates(cells: pd.Series, path, column: str, rows) -> tuple[pd.Series, pd.Series]:
    """Estimate cells as (value, flag): jam values are no data, bounds keep the bound and read
    'unreliable', anything else not a number refuses the load."""
    s = cells.str.strip()
    upper, lower = s.str.extract(UPPER)[0], s.str.extract(LOWER)[0]
    bound = upper.fillna(lower)
    number = pd.to_numeric(s.str.replace(",", "", regex=False), errors="coerce")
    jam = s.isin(NO_DATA) | number.isin(SENTINELS)
    refuse_first(
        path,
        number.isna() & bound.isna() & ~jam,
        "not an estimate",
        column=column,
        values=cells,
        expected="a number, a jam value such as (X), -, N, ** or ***, or a bound such as 250,000+",
        rows=rows,
    )
    bounded = pd.to_numeric(bound.str.replace(",", "", regex=False), errors="coerce")
    value = number.where(~jam).fillna(bounded)
    flag = pd.Series(
        np.where(value.isna(), "no_data", np.where(bounded.notna(), "unreliable", None)),
        index=cells.index,
        dtype=object,
    )
    return value, flag


def half_widths(cells: pd.Series, path, column: str, rows) -> pd.Series:
    """90% margins of error as half-widths of 95% intervals: × 1.96 / 1.645; 0 for a controlled estimate,
    NaN where the margin is a jam value."""
    s = cells.str.strip()
    number = pd.to_numeric(s.str.replace(",", "", regex=False), errors="coerce")
    controlled = s.isin(CONTROLLED)
    jam = s.isin(NO_DATA) | number.isin(SENTINELS) | number.lt(0)
    refuse_first(
        path,
        number.isna() & ~jam & ~controlled,
        "not a margin of error",
        column=column,
        values=cells,
        expected="a number or a jam value such as **, *** or -",
        rows=rows,
    )
    return (number.where(~jam) * Z95 / Z90).where(~controlled, 0.0)


# ---- areas ---------------------------------------------------------------------------------------------


def area_ids(geo: pd.Series, path, rows) -> tuple[pd.Series, pd.Series]:
    """(area_id, level) of each GEO_ID; the nation is area 'US'."""
    g = geo.str.strip()
    m = g.str.extract(r"^(?P<sl>\d{3})[0-9A-Z]{4}US(?P<id>\d*)$")
    level = m["sl"].map(LEVELS)
    digits = {"state": 2, "county": 5, "tract": 11, "block group": 12, "place": 7, "zcta": 5, "nation": 0}
    ok = level.notna() & (m["id"].str.len() == level.map(digits))
    refuse_first(
        path,
        ~ok.fillna(False).astype(bool),
        "not a Census geography this loader reads",
        column="GEO_ID",
        values=geo,
        expected="a GEO_ID of a state (0400000US48), county (0500000US48029), tract (1400000US48029110100), "
        "block group, place (1600000US4865000) or ZCTA (860Z200US02134)",
        rows=rows,
    )
    ids = m["id"].where(level.ne("zcta"), "Z" + m["id"]).where(level.ne("nation"), NATION_ID)
    return ids, level


def _name_parts(name: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,]", name)]


def new_areas(rows: pd.DataFrame, known: set[str]) -> pd.DataFrame | None:
    """The areas the rows name that the database does not know, with their counties and states: named from
    ``NAME`` ('Census Tract 1101, Bexar County, Texas'; ';' in later vintages), without shapes."""
    out: dict[str, dict] = {}

    def add(area_id, name, level, parent):
        if area_id not in known and area_id not in out:
            out[area_id] = {"area_id": area_id, "name": name, "level": level, "parent_id": parent}

    for r in rows.drop_duplicates("area_id").itertuples():
        i, parts, level = r.area_id, _name_parts(r.name), r.level
        state_name = parts[-1] if len(parts) > 1 else fips.STATES.get(i[:2], f"State {i[:2]}")
        if level == "state":
            add(i, r.name.strip() or fips.STATES.get(i, f"State {i}"), "state", None)
        elif level == "county":
            add(i, parts[0], "county", i[:2])
            add(i[:2], state_name, "state", None)
        elif level in ("tract", "block group"):
            county = parts[1] if len(parts) > 2 else text.unnamed("county", i[:5])
            add(i, parts[0], "tract" if level == "tract" else "custom", i[:5] if level == "tract" else i[:11])
            if level == "tract":
                add(i[:5], county, "county", i[:2])
                add(i[:2], state_name, "state", None)
        elif level == "place":
            add(i, parts[0], "custom", i[:2])
            add(i[:2], state_name, "state", None)
        elif level == "zcta":
            add(i, zcta_name(i), "zcta", None)
    if not out:
        return None
    areas = pd.DataFrame(list(out.values()))
    areas["population"] = pd.array([None] * len(areas), dtype="Int64")
    for column in ("geometry", "geometry_drawn"):
        areas[column] = pd.Series(None, index=areas.index, dtype=object)
    for column in ("centroid_lon", "centroid_lat"):
        areas[column] = float("nan")
    return areas


# ---- reading -------------------------------------------------------------------------------------------


def parse_variables(text: str | None, path="--variables") -> dict[str, str]:
    """``--variables DP03_0009PE=Unemployment rate,S1701_C03_002E=Children in poverty`` as {code: label}."""
    if not text:
        return {}
    out = {}
    for item in re.split(r",\s*(?=[A-Z][A-Z0-9]*(?:_C\d{2})?_\d{3,4}[A-Z]*\s*=)", text.strip()):
        code, sep, label = item.partition("=")
        code = code.strip()
        if (
            not sep
            or not CODE.match(code)
            or CODE.match(code)["suffix"] not in ("E", "PE")
            or not label.strip()
        ):
            raise IngestError(
                path,
                "not a variable and its label",
                column="--variables",
                value=item,
                expected="CODE=label pairs separated by commas, e.g. DP03_0009PE=Unemployment rate "
                "(an estimate code, ending in E or PE)",
            )
        out[code] = label.strip()
    return out


@dataclass
class Wanted:
    """One variable to load: its indicator, group and estimate code."""

    indicator_id: str
    code: str
    group: tuple[str, str]


def read(files: list[Path], source: dict, known_areas: set[str], variables: str | None = None) -> Batch:
    """The values, indicators and new areas of ACS table files."""
    files = [Path(f) for f in files]
    given = parse_variables(variables)
    if source.get("publisher") in (None, "", "Your organisation"):
        source["publisher"] = PUBLISHER
    parts = [_read_one(f, source, given) for f in files]
    values = pd.concat([p[0] for p in parts], ignore_index=True)
    indicators = pd.concat([p[1] for p in parts], ignore_index=True)
    rows = pd.concat([p[2] for p in parts], ignore_index=True)
    notes = [n for p in parts for n in p[3]]
    unused = set(given) - {c for p in parts for c in p[4]}
    if unused:
        raise IngestError(
            files[0],
            "a variable given with --variables is in none of the files",
            column="--variables",
            value=", ".join(sorted(unused)),
            expected="estimate codes from the files' first header row",
        )
    _name_source(files, source, rows, parts)
    batch = assemble(
        files,
        source,
        values,
        indicators.drop_duplicates("indicator_id", keep="last").reset_index(drop=True),
        areas=new_areas(rows[rows["area_id"].ne(NATION_ID)], known_areas),
        key=["indicator_id", "area_id", "period", "group_dim", "group_label"],
        twice="the same area appears twice for one variable and survey year",
        expected="one row for each area, or files of different tables or years",
        shown=["indicator_id", "area_id", "group_label"],
    )
    batch.notes.extend(notes)
    return batch


def _describe(files, rows: pd.DataFrame, parts) -> tuple[str, str]:
    tables = list(dict.fromkeys(t for p in parts for t in [p[5]["table"]]))
    spans = {p[5]["span"] for p in parts}
    years = sorted({p[5]["years"] for p in parts})
    levels = [lv for lv in LEVEL_WORDS if lv in set(rows["level"])]
    geo = " and ".join(LEVEL_WORDS[lv][1] for lv in levels)
    span = " and ".join(sorted(spans))
    return f"American Community Survey {', '.join(years)} {span}, {' and '.join(tables)}, {geo}", ", ".join(
        years
    )


def _name_source(files, source: dict, rows: pd.DataFrame, parts) -> None:
    """'U.S. Census Bureau, American Community Survey 2017–2021 5-year, DP03, census tracts' unless --name;
    the vintage the survey years ('2017–2021'; a --vintage YEAR is the survey's last year, see _survey)."""
    name, years = _describe(files, rows, parts)
    if source.get("name") in (None, "", files[0].stem):
        source["name"] = f"{PUBLISHER}, {name}"
    if source.get("vintage") in (None, "", "unknown") or re.fullmatch(r"\d{4}", str(source["vintage"])):
        source["vintage"] = years


def _survey(path: Path, source: dict) -> dict:
    """Table, span ('5-year'), period (the last survey year) and survey years, from the file name or
    --vintage."""
    m = FILE.match(path.name)
    vintage = str(source.get("vintage") or "").strip()
    year = int(m["year"]) if m else None
    if vintage not in ("", "unknown"):
        if not re.fullmatch(r"(19|20)\d\d", vintage):
            raise IngestError(path, "not a year", column="--vintage", value=vintage, expected="e.g. 2021")
        year = int(vintage)
    if year is None:
        raise IngestError(
            path,
            "the survey year cannot be told from the file name",
            expected="the name data.census.gov gives (ACSDP5Y2021.DP03-Data.csv) or --vintage 2021",
        )
    n = int(m["span"][0]) if m else 5
    table = m["table"] if m else ""
    return {
        "table": table,
        "span": f"{n}-year",
        "period": year,
        "years": f"{year - n + 1}–{year}" if n > 1 else str(year),
    }


def _headers(path: Path) -> dict[str, str]:
    """Each code's label, from the two header rows."""
    lines = list(csv.reader(read_head(path, HEADER_ROWS)))
    codes, labels = ([c.strip() for c in line] for line in (lines + [[], []])[:2])
    if len(lines) < 2 or "GEO_ID" not in codes or "NAME" not in codes or len(labels) != len(codes):
        raise IngestError(
            path, "not an American Community Survey table", value=", ".join(codes[:4]), expected=EXPECTED
        )
    return dict(zip(codes, labels, strict=True))


def _wanted(path: Path, labels: dict[str, str], given: dict[str, str], table: str) -> tuple[list, list, list]:
    """The variables of the file to load, their indicators, and notes on catalogue codes left out."""
    wanted: list[Wanted] = []
    indicators: list[dict] = []
    notes: list[str] = []
    for m in CATALOGUE:
        if m.code not in labels:
            continue
        if m.expect.lower() not in labels[m.code].lower():
            notes.append(
                f"{path.name}: {m.code} is not '{m.expect}' in this file ({labels[m.code]!r}); a different "
                f"release numbers its variables differently, so it was not loaded (name it with --variables)."
            )
            continue
        tbl = m.code.split("_")[0]
        ind = f"acs_{re.sub(r'[A-I]$', '', tbl).lower()}_{m.key}"
        codes = [(m.code, m.named[m.code][:2] if m.code in m.named else ("all", "All"))]
        pattern = re.compile(m.groups) if m.groups else None
        for code, label in labels.items():
            if code == m.code:
                continue
            if code in m.named:
                if m.named[code][2].lower() in label.lower():
                    codes.append((code, m.named[code][:2]))
                else:
                    notes.append(
                        f"{path.name}: {code} is not '{m.named[code][2]}' in this file ({label!r}), so the "
                        f"group {m.named[code][1]} of {m.label.lower()} was not loaded."
                    )
            elif pattern and pattern.fullmatch(code) and (g := group_of(label)):
                codes.append((code, g))
        seen = set()
        for code, g in codes:
            if g not in seen:  # the first code of a group names it: a group is given once
                seen.add(g)
                wanted.append(Wanted(ind, code, g))
        indicators.append(
            _indicator(ind, m.label, m.unit, m.higher_is_worse, m.domain, m.code, labels, m.median)
        )
    for code, label in given.items():
        if code not in labels:
            continue
        head = [p.strip().lower() for p in labels[code].split("!!")[:2]]
        share = CODE.match(code)["suffix"] == "PE" or any(p.startswith("percent") for p in head)
        unit = "percent" if share else "index"
        median = "median" in labels[code].lower() or "median" in label.lower()
        ind = f"acs_{code.lower()}"
        wanted.append(Wanted(ind, code, ("all", "All")))
        indicators.append(_indicator(ind, label, unit, True, SOCIAL, code, labels, median, given=True))
    return wanted, indicators, notes


def _indicator(ind, label, unit, worse, domain, code, labels, median, given=False) -> dict:
    path = labels[code].replace("!!", " › ")
    text = f"{label}: U.S. Census Bureau, American Community Survey, variable {code} ({path})."
    text += " 95% intervals from the published 90% margins of error (× 1.96 / 1.645)."
    if median:
        text += (
            " A median: not additive, so it is never summed or averaged into a larger area; a larger area's "
            "median comes only from a file that gives it."
        )
    if given:
        text += " Named with --variables: higher is taken to be worse."
    return {
        "indicator_id": ind,
        "label": label,
        "description": text,
        "domain": domain,
        "unit": unit,
        "higher_is_worse": worse,
        "source_id": None,
        "measure_type": "crude",
    }


def _read_one(path: Path, source: dict, given: dict[str, str]):
    labels = _headers(path)
    survey = _survey(path, source)
    wanted, indicators, notes = _wanted(path, labels, given, survey["table"])
    if not wanted:
        raise IngestError(
            path,
            "the file holds none of the measures this loader knows",
            expected="a table with one of them (DP02, DP03, DP04, S1701, S2701, S1903, S1601, B19013) or "
            "the variables to load named with --variables CODE=label",
        )
    columns = {"GEO_ID", "NAME"}
    for w in wanted:
        base, suffix = CODE.match(w.code)["base"], CODE.match(w.code)["suffix"]
        moe = base + ("PM" if suffix == "PE" else "M")
        columns |= {w.code, moe, w.code + "A", moe + "A"}
    df = read_csv(path, ["GEO_ID", "NAME"], header=0, usecols=lambda c: c.strip() in columns)
    df = df.iloc[1:]  # the labels' row
    if df.empty:
        raise IngestError(path, "the file has its header rows but no rows", expected="at least one area")
    rows = np.arange(HEADER_ROWS + 1, HEADER_ROWS + 1 + len(df))
    ids, level = area_ids(df["GEO_ID"], path, rows)
    period = survey["period"]
    out = []
    bounded = 0
    units = {i["indicator_id"]: i["unit"] for i in indicators}
    for w in wanted:
        base, suffix = CODE.match(w.code)["base"], CODE.match(w.code)["suffix"]
        moe_code = base + ("PM" if suffix == "PE" else "M")
        cells = df[w.code].str.strip()
        if w.code + "A" in df:  # older downloads: the jam symbol in the annotation, the estimate empty
            note = df[w.code + "A"].str.strip()
            cells = cells.where(~(cells.isin(["", "null"]) & note.isin(NO_DATA - {"", "null"})), note)
        value, flag = estimates(cells, path, w.code, rows)
        bounded += int(flag.eq("unreliable").sum())
        if moe_code in df:
            moe = df[moe_code].str.strip()
            if moe_code + "A" in df:
                note = df[moe_code + "A"].str.strip()
                moe = moe.where(~(moe.isin(["", "null"]) & note.isin(NO_DATA - {"", "null"})), note)
            half = half_widths(moe, path, moe_code, rows).where(flag.isna())
        else:
            half = pd.Series(np.nan, index=df.index)
        low, high = value - half, value + half
        if units[w.indicator_id] == "percent":
            low, high = low.clip(0, 100), high.clip(0, 100)
        else:
            low = low.clip(lower=0)
        out.append(
            pd.DataFrame(
                {
                    "indicator_id": w.indicator_id,
                    "area_id": ids.to_numpy(),
                    "period": period,
                    "group_dim": w.group[0],
                    "group_label": w.group[1],
                    "value": value.to_numpy(),
                    "ci_low": low.round(6).to_numpy(),
                    "ci_high": high.round(6).to_numpy(),
                    "numerator": np.nan,
                    "denominator": np.nan,
                    "flag": flag.to_numpy(),
                    "_file": str(path),
                    "_row": rows,
                }
            )
        )
    if bounded:
        notes.append(
            f"{path.name}: "
            + ("1 value is a bound" if bounded == 1 else f"{bounded:,} values are bounds")
            + " the Census Bureau publishes instead of the estimate (such as 250,000+ or 2,500-): "
            + ("it is" if bounded == 1 else "each is")
            + " kept at its bound and marked unreliable, without an interval."
        )
    ind = pd.DataFrame(indicators).assign(source_id=source["source_id"])
    area_rows = pd.DataFrame(
        {"area_id": ids.to_numpy(), "name": df["NAME"].to_numpy(), "level": level.to_numpy()}
    )
    used = [w.code for w in wanted]
    return pd.concat(out, ignore_index=True), ind, area_rows, notes, used, survey
