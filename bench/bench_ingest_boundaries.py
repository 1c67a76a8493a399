"""National tract boundaries load and the largest state's map payload. Asserts nothing.

Generates (seeded) about 85,000 tract-like polygons over a US-sized extent (a Voronoi tessellation with
bent, exactly shared borders; see bench/_ingest_common.py), numbered into about 3,200 counties and 51
states (50 and DC, sized like the real ones), writes them as GeoJSON, and times
``ingest(db, "boundaries", [file])`` in a child process with its peak RSS. Then it draws the tract map
of the state with the most tracts the way the Map page does (``equity.maps.choropleth`` over
``queries.run(con, "map_areas", ...)`` on a read-only connection) and prints ``len(fig.to_json())``.

    python bench/bench_ingest_boundaries.py                  # 85,000 polygons
    python bench/bench_ingest_boundaries.py --polygons 10000
    python bench/bench_ingest_boundaries.py --profile        # also a cProfile run (on stderr)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _ingest_common import parser, run_ingest, tract_frame, work_dir, write_geojson  # noqa: E402

from equity import db, maps, queries  # noqa: E402


def values_for(areas: pd.DataFrame, seed: int = 2026) -> pd.DataFrame:
    """A PLACES-like value for each area: most shown, a few suppressed, a few without data."""
    rng = np.random.default_rng(seed)
    n = len(areas)
    value = rng.uniform(5, 40, n).round(1)
    flag = np.full(n, None, dtype=object)
    draw = rng.random(n)
    flag[draw < 0.01] = "suppressed"
    flag[(draw >= 0.01) & (draw < 0.02)] = "no_data"
    value = np.where(pd.isna(flag), value, np.nan)
    return pd.DataFrame(
        {
            "area_id": areas["area_id"].to_numpy(),
            "value": value,
            "ci_low": value - 1.0,
            "ci_high": value + 1.0,
            "numerator": np.nan,
            "denominator": np.nan,
            "flag": flag,
        }
    )


def main() -> None:
    options = parser(__doc__)
    options.add_argument("--polygons", type=int, default=85_000)
    args = options.parse_args()
    work, tmp = work_dir(args.keep)
    path, geo = work / "boundaries.duckdb", work / "cb_synthetic_us_tract_500k.geojson"
    path.unlink(missing_ok=True)

    started = time.perf_counter()
    gdf = tract_frame(args.polygons)
    made = time.perf_counter() - started
    started = time.perf_counter()
    write_geojson(gdf, geo)
    vertices = int(gdf.geometry.count_coordinates().sum())
    print(
        f"file: {len(gdf):,} polygons ({vertices / len(gdf):.0f} vertices each on average), "
        f"{gdf['GEOID'].str[:5].nunique():,} counties, {gdf['GEOID'].str[:2].nunique()} states; made in "
        f"{made:.1f} s, GeoJSON written in {time.perf_counter() - started:.1f} s, "
        f"{geo.stat().st_size / 2**20:.0f} MiB"
    )

    r = run_ingest(path, "boundaries", [geo])
    secs = r["seconds"]
    print(
        f"boundaries load: {len(gdf):,} polygons in {secs:.1f} s ({len(gdf) / secs:,.0f} polygons/s; child "
        f"wall {r['wall_seconds']:.1f} s incl. {r['import_seconds']:.1f} s imports), peak RSS "
        f"{r['peak_mib']:,.0f} MiB, database {path.stat().st_size / 2**20:.1f} MiB"
    )
    print("  counts: " + ", ".join(f"{k} {v:,}" for k, v in r["counts"].items()))

    largest = gdf["GEOID"].str[:2].value_counts().index[0]
    con = db.connect_read_only(path)
    try:
        started = time.perf_counter()
        areas = queries.run(con, "map_areas", {"level": "tract", "region": largest})
        queried = time.perf_counter() - started
    finally:
        con.close()
    started = time.perf_counter()
    fig = maps.choropleth(
        areas,
        values_for(areas),
        None,
        label="Synthetic measure",
        unit="percent",
        higher_is_worse=True,
        title="t",
        subtitle="s",
    )
    built = time.perf_counter() - started
    started = time.perf_counter()
    payload = len(fig.to_json())
    serialised = time.perf_counter() - started
    drawn = int(areas["geometry_drawn"].map(len).sum())
    print(
        f"map of state {largest} (largest, {len(areas):,} tracts): drawn payload len(fig.to_json()) = "
        f"{payload:,} bytes ({payload / 2**20:.1f} MiB; {payload / len(areas):,.0f} per tract); "
        f"geometry_drawn WKB {drawn / 2**20:.1f} MiB; query {queried:.2f} s, figure {built:.2f} s, "
        f"to_json {serialised:.2f} s"
    )
    if args.profile:
        path.unlink()
        p = run_ingest(path, "boundaries", [geo], profile=True, top=args.top)
        print(f"profiled load: {p['seconds']:.1f} s (cProfile overhead included); tables on stderr")
    tmp.cleanup()


if __name__ == "__main__":
    main()
