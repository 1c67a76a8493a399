"""A small database for the excess-cases and footprint tests: one state, one county and twelve square
tracts in a row, two indicators with values and intervals but no counts, groups by race without counts,
and no programs at all. Built through the same build-and-swap path as any database."""

from __future__ import annotations

import shapely
from shapely.geometry import box

from equity import db

STATE, COUNTY = "01", "01001"
TRACTS = [f"01001{i:06d}" for i in range(1, 13)]
# Tract i (1..12): poverty 5·i %, uninsured 26 − 2·i %: poverty rises along the row, uninsurance falls.
POVERTY = {t: 5.0 * i for i, t in enumerate(TRACTS, start=1)}
UNINSURED = {t: 26.0 - 2.0 * i for i, t in enumerate(TRACTS, start=1)}
POPULATION = {t: 1000 + 100 * i for i, t in enumerate(TRACTS, start=1)}


def _fill(con):
    con.execute("INSERT INTO meta VALUES ('min_count', '11'), ('region_name', 'Small State')")
    con.execute(
        "INSERT INTO sources (source_id, name, publisher, vintage, imported_at) "
        "VALUES ('survey', 'Fixture survey', 'Tests', '2024', TIMESTAMP '2025-01-01')"
    )
    con.execute(
        "INSERT INTO indicators (indicator_id, label, description, domain, unit, higher_is_worse, source_id) "
        "VALUES ('uninsured', 'Adults without health insurance', 'No insurance', 'access', 'percent', true, "
        "'survey'), ('poverty', 'People living below the poverty line', 'Poverty', 'economic', 'percent', "
        "true, 'survey')"
    )
    rows = [(STATE, "Small State", "state", None, sum(POPULATION.values()), None)]
    rows.append((COUNTY, "Alder County", "county", STATE, sum(POPULATION.values()), None))
    for i, t in enumerate(TRACTS):
        shape = shapely.to_wkb(box(-90 + i * 0.1, 35, -90 + (i + 1) * 0.1, 35.1))
        rows.append((t, f"Tract {i + 1}", "tract", COUNTY, POPULATION[t], shape))
    con.executemany(
        "INSERT INTO areas (area_id, name, level, parent_id, population, geometry, geometry_drawn) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*r, r[-1]) for r in rows],
    )
    values = []
    for t in TRACTS:
        values.append(
            ("poverty", t, 2024, "all", "All", POVERTY[t], POVERTY[t] - 1, POVERTY[t] + 1, None, None, None)
        )
        values.append(
            (
                "uninsured",
                t,
                2024,
                "all",
                "All",
                UNINSURED[t],
                UNINSURED[t] - 1,
                UNINSURED[t] + 1,
                None,
                None,
                None,
            )
        )
    for area in (STATE, COUNTY):
        for label, v in (("White", 8.0), ("Black", 16.0), ("Asian", 10.0)):
            values.append(
                ("uninsured", area, 2024, "race_ethnicity", label, v, v - 1, v + 1, None, None, None)
            )
        values.append(("uninsured", area, 2024, "all", "All", 11.0, 10.0, 12.0, None, None, None))
    con.executemany("INSERT INTO indicator_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)


def build_small(path):
    db.build_atomically(path, _fill)
    return path
