"""What a load says in words a newcomer reads: a public file's name as its publisher would give it, the
areas its rows are for, and why rows did not join the boundaries loaded.

Nothing here reads a file or a database: the loaders and equity/ingest/build.py pass the area ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from equity.ingest.fips import STATES
from equity.ingest.read import ZCTA_ID

# The kinds of area, by what their ids look like, in the words a sentence uses for several of them.
PLURAL = {
    "state": "states",
    "county": "counties",
    "place": "places",
    "tract": "census tracts",
    "zcta": "ZIP code areas",
    "custom": "areas",
}
SINGULAR = {
    "state": "state",
    "county": "county",
    "place": "place",
    "tract": "census tract",
    "zcta": "ZIP code area",
}
YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def kind_of(area_id: str) -> str:
    """The kind of area an id is by its form: a GEOID's length (2 state, 5 county, 7 place, 11 tract), a
    ZCTA's ``Z`` code; anything else is the organisation's own (``custom``)."""
    area_id = str(area_id)
    if re.fullmatch(ZCTA_ID, area_id):
        return "zcta"
    if area_id.isdigit():
        return {2: "state", 5: "county", 7: "place", 11: "tract"}.get(len(area_id), "custom")
    return "custom"


def and_list(words: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1] if words else ""


def count(n: int, kind: str) -> str:
    """``1 county``, ``3,141 counties``."""
    return f"{n:,} {SINGULAR.get(kind, 'area') if n == 1 else PLURAL[kind]}"


def kinds(ids: Iterable[str]) -> list[str]:
    """The kinds of area among ``ids``, most numerous first."""
    seen: dict[str, int] = {}
    for i in ids:
        k = kind_of(i)
        seen[k] = seen.get(k, 0) + 1
    return sorted(seen, key=lambda k: -seen[k])


def tally(ids: Iterable[str]) -> str:
    """``243 census tracts, 5 counties and 1 state``: the areas among ``ids`` by kind, most numerous first."""
    ids = list(ids)
    return and_list(count(sum(kind_of(i) == k for i in ids), k) for k in kinds(ids))


def states_of(ids: Iterable[str]) -> list[str]:
    """The names of the states the GEOIDs among ``ids`` are in, in order of their codes."""
    codes = {str(i)[:2] for i in ids if kind_of(i) in ("state", "county", "place", "tract")}
    return [STATES[c] for c in sorted(codes) if c in STATES]


def release_year(files: Iterable[Path | str]) -> str | None:
    """The year a public file's name gives (``SVI2020_US_COUNTY``, ``cb_2018_44_tract_500k``,
    ``..._2022_release``), the first if there are several; None where it gives none."""
    for f in files:
        m = YEAR.search(Path(f).stem)
        if m:
            return m.group(0)
    return None


def source_name(
    official: str,
    edition: str,
    files: list[Path],
    ids: Iterable[str],
    vintage: str | None = None,
    vintage_is_release: bool = True,
) -> str:
    """A known public file's name as its publisher gives it: ``official``, its release and the areas it holds.

    ``edition`` is how the kind says its year (``", {} release"``, ``" {}"``); the year is the one the file
    name gives, else the ``vintage`` (given with --vintage, or the data's years): as the release where
    ``vintage_is_release`` (an SVI or CHR year is its release's), else as the data's years (a PLACES
    release is named two years after its data). ``ids``: the areas the file holds; where all are in one
    state (a state's tract file), the state is named too.
    """
    ids = list(ids)
    name = official
    year = release_year(files)
    if year:
        name += edition.format(year)
    elif vintage and vintage not in ("unknown", ""):
        years = [y.strip() for y in str(vintage).split(",")]
        if vintage_is_release and len(years) == 1:
            name += edition.format(years[0])
        else:
            name += f", {years[0]} data" if len(years) == 1 else f", {years[0]}–{years[-1]} data"
    # The most numerous kind: a county file's states and nation, a tract file's counties, are their parents.
    levels = kinds(ids)[:1]
    if levels:
        name += ", " + PLURAL[levels[0]]
    states = states_of(ids)
    if len(states) == 1 and levels != ["state"]:
        name += f" ({states[0]})"
    return name


# Areas that changed between boundary vintages: where a file's ids are of one vintage and the boundaries
# loaded of another, these are the ids that do not join (U.S. Census Bureau, substantial changes to counties).
CHANGED = {
    "02063": "Chugach Census Area (02063), made in 2019 from Valdez-Cordova (02261)",
    "02066": "Copper River Census Area (02066), made in 2019 from Valdez-Cordova (02261)",
    "02261": "Valdez-Cordova Census Area (02261), split in 2019 into Chugach (02063) and Copper River "
    "(02066)",
    "02158": "Kusilvak Census Area (02158), named Wade Hampton (02270) until 2015",
    "02270": "Wade Hampton Census Area (02270), renamed Kusilvak (02158) in 2015",
    "46102": "Oglala Lakota County (46102), named Shannon County (46113) until 2015",
    "46113": "Shannon County (46113), renamed Oglala Lakota County (46102) in 2015",
    "51515": "Bedford city (51515), part of Bedford County (51019) since 2013",
    "02201": "Prince of Wales-Outer Ketchikan (02201), split in 2008",
    "02232": "Skagway-Hoonah-Angoon (02232), split in 2007",
    "02280": "Wrangell-Petersburg (02280), split in 2008",
}
CT_REGIONS = re.compile(r"091[1-9]0")  # Connecticut's planning regions, its county-level areas since 2022
CT_COUNTIES = re.compile(r"090(0[1-9]|1[0-5])")  # its eight counties, until 2022


def _changed(area_id: str) -> str | None:
    area_id = str(area_id)
    county = area_id[:5] if kind_of(area_id) in ("county", "tract") else None
    if county in CHANGED:
        return CHANGED[county]
    if county and CT_REGIONS.fullmatch(county):
        return f"Connecticut's planning regions ({county}), its county-level areas since 2022"
    if county and CT_COUNTIES.fullmatch(county):
        return f"Connecticut's counties ({county}), replaced by planning regions in 2022"
    return None


def unjoined_cause(unjoined: Iterable[str], held: Iterable[str]) -> str:
    """Why the areas ``unjoined`` match none of those the database holds (``held``), in a sentence.

    Said in the first way that applies: no boundaries of that kind are loaded at all; the areas are in
    states none of whose areas of that kind are loaded (a Hawaii tract file into a Rhode Island database);
    they are areas that changed between boundary vintages (Connecticut's planning regions, Alaska's 2019
    split); else areas the boundaries loaded lack, most often because they are of another year.
    """
    unjoined = sorted({str(i) for i in unjoined})
    held = {str(i) for i in held}
    if not unjoined:
        return ""
    kind = kinds(unjoined)[0]
    of_kind = [i for i in unjoined if kind_of(i) == kind]
    held_of_kind = {i for i in held if kind_of(i) == kind}
    these = PLURAL[kind]
    if not held_of_kind:
        if not held:
            return (
                "no boundaries are loaded yet: load the boundary file of these "
                f"{these} first (python -m equity ingest boundaries FILE)"
            )
        loaded = and_list(PLURAL[k] for k in kinds(held))
        return (
            f"no boundaries of {these} are loaded (the database holds {loaded}): load the boundary file of "
            f"these {these} first (python -m equity ingest boundaries FILE)"
        )
    if kind in ("county", "place", "tract"):
        theirs = states_of(of_kind)
        loaded = states_of(held_of_kind)
        elsewhere = [s for s in theirs if s not in loaded]
        if theirs and elsewhere == theirs:
            whose = and_list(loaded) + ("'" if and_list(loaded).endswith("s") else "'s")
            return (
                f"these {these} are in {and_list(theirs)}; the boundaries loaded are {whose}: load the "
                f"boundaries of {and_list(theirs)} to include them"
            )
    changed = list(dict.fromkeys(c for i in of_kind if (c := _changed(i))))
    if changed:
        shown = "; ".join(changed[:3]) + (f"; and {len(changed) - 3} more" if len(changed) > 3 else "")
        others = [i for i in of_kind if not _changed(i)]
        if others:  # e.g. an area whose shape the boundaries leave out (Falls Church at 1:10m)
            more = " and others" if len(others) > 3 else ""
            verb = "is" if len(others) == 1 else "are"
            shown += f". {and_list(others[:3])}{more} {verb} not in the boundaries either"
        return (
            f"the file and the boundaries are of different years: {shown}. Load boundaries of the "
            "file's year to include them"
        )
    return (
        f"the boundaries loaded have no such {these}, most often because they are of another year than the "
        "file: load boundaries of the file's year to include them"
    )
