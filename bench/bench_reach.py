"""The reach calculations (equity.reach) at the demo's 240 tracts and at a large state's 9,000: served share
minus population share, the highest-need fifth, reach by group, and distances from 20 sites. Prints figures;
asserts nothing about time.

    python bench/bench_reach.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from equity import reach  # noqa: E402


def frames(n: int, rng: np.random.Generator):
    ids = [f"t{i:05d}" for i in range(n)]
    population = rng.integers(500, 8000, n)
    people = rng.poisson(population * 0.02)
    few = (people > 0) & (people < 11)
    reach_rows = pd.DataFrame({"area_id": ids, "people": np.where(few, np.nan, people), "few_people": few})
    areas = pd.DataFrame(
        {
            "area_id": ids,
            "name": ids,
            "population": population,
            "centroid_lon": -100 + rng.uniform(-2.5, 2.5, n),
            "centroid_lat": 31 + rng.uniform(-2.5, 2.5, n),
        }
    )
    sites = pd.DataFrame({"lon": -100 + rng.uniform(-2, 2, 20), "lat": 31 + rng.uniform(-2, 2, 20)})
    need = pd.Series(rng.uniform(0, 40, n), index=ids)
    labels = [f"g{k}" for k in range(6)]
    served = pd.DataFrame(
        {
            "group_dim": "race_ethnicity",
            "group_label": labels,
            "people": rng.integers(100, 5000, 6),
            "cells_withheld": rng.integers(0, n // 10, 6),
            "withheld_at_most": rng.integers(0, 500, 6),
            "served": 20_000,
        }
    )
    pop = pd.DataFrame(
        {
            "area_id": np.repeat(ids, 6),
            "group_dim": "race_ethnicity",
            "group_label": labels * n,
            "population": rng.integers(10, 2000, 6 * n),
        }
    )
    return reach_rows, areas, sites, need, served, pop


def timed(label: str, fn, repeat: int = 3) -> None:
    best = min(_once(fn) for _ in range(repeat))
    print(f"  {label:<42} {best * 1000:8.1f} ms")


def _once(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(n: int, rng: np.random.Generator) -> None:
    reach_rows, areas, sites, need, served, pop = frames(n, rng)
    base = areas.set_index("area_id")["population"]
    fifth = reach.high_need(need, True)
    km = reach.nearest_site_km(areas, sites)
    print(f"{n:,} tracts")
    timed("served share minus population share", lambda: reach.spatial_equity(reach_rows, base))
    timed("highest-need fifth and its share served", lambda: reach.share_in(reach_rows, base, fifth))
    timed("reach by group (Wilson intervals)", lambda: reach.group_reach(served, pop))
    timed("distance to the nearest of 20 sites (UTM)", lambda: reach.nearest_site_km(areas, sites))
    timed("catchment and service gaps at 5 km", lambda: reach.catchment(areas, fifth, km, km, 5.0))


def main() -> None:
    rng = np.random.default_rng(1)
    reach.nearest_site_km(*frames(10, rng)[1:3])  # imports geopandas and pyproj once, outside the timings
    for n in (240, 9_000):
        run(n, rng)


if __name__ == "__main__":
    main()
