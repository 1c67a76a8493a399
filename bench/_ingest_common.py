"""Shared by bench_ingest_places.py and bench_ingest_boundaries.py: synthetic national files, and a child
process that runs one ``equity.ingest.ingest`` call and reports its own time and peak memory.

Nothing here asserts anything about time; the benchmarks print figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Approximate 2020 census tract counts by state (50 states and DC; about 84,400 in all), used only as
# weights so the synthetic states are as unequal as the real ones (the largest holds about 11%).
STATE_TRACTS = {
    "06": 9129, "48": 6896, "36": 5411, "12": 5160, "42": 3446, "17": 3265, "39": 3168, "26": 3017,
    "13": 2796, "37": 2672, "51": 2198, "34": 2181, "53": 1784, "04": 1765, "47": 1701, "18": 1696,
    "29": 1654, "25": 1620, "55": 1542, "27": 1505, "24": 1475, "08": 1447, "01": 1437, "22": 1388,
    "45": 1323, "21": 1306, "40": 1206, "41": 1001, "19": 896, "09": 884, "28": 878, "20": 829, "05": 823,
    "32": 777, "49": 716, "35": 612, "31": 556, "54": 546, "15": 461, "16": 456, "23": 407, "33": 350,
    "30": 319, "44": 250, "11": 206, "50": 193, "56": 160, "46": 242, "10": 262, "38": 225, "02": 177,
}  # fmt: skip
COUNTIES = 3_200  # at full scale (85,000 tracts); scaled with the tract count
FULL_TRACTS = 85_000
EXTENT = (-125.0, 25.0, -67.0, 49.0)  # lon/lat of the contiguous United States


def state_sizes(n: int) -> dict[str, int]:
    """``n`` tracts split over the states in proportion to their real tract counts (each at least 1)."""
    total = sum(STATE_TRACTS.values())
    sizes = {s: max(1, math.floor(n * c / total)) for s, c in STATE_TRACTS.items()}
    biggest = max(sizes, key=sizes.get)
    sizes[biggest] += n - sum(sizes.values())
    return sizes


def tract_ids(n: int) -> list[str]:
    """``n`` 11-digit tract GEOIDs in sorted order: state, then county, then tract number.

    Counties per state follow the state's share of tracts (about 3,200 counties at 85,000 tracts).
    """
    counties_total = max(1, round(COUNTIES * n / FULL_TRACTS))
    ids: list[str] = []
    for state, size in state_sizes(n).items():
        k = max(1, min(size, round(counties_total * size / n)))
        per = np.array_split(np.arange(size), k)
        for c, part in enumerate(per):
            county = f"{2 * c + 1:03d}"  # real county codes are odd numbers
            ids.extend(f"{state}{county}{100 * (j + 1):06d}" for j in range(len(part)))
    return ids


# ---- polygons -----------------------------------------------------------------------------------------


def tessellation(n: int, seed: int = 2026, step: float = 0.006, wiggle: float = 0.05):
    """About ``n`` polygons covering ``EXTENT`` with exactly shared borders, shaped like census tracts.

    A Voronoi tessellation of random points; every edge is split every ``step`` degrees (about 600 m;
    about 80 vertices a polygon at full scale, as in the 1:500,000 cartographic files) and bent by a
    smooth random curve (zero at its ends, at most about ``wiggle`` of its length), once per edge, so
    both neighbours hold the very same vertices: borders a coverage simplification keeps shared, and
    that still carry detail at the drawing tolerance. Returns an array of shapely Polygons.
    """
    import shapely

    rng = np.random.default_rng(seed)
    x0, y0, x1, y1 = EXTENT
    n = round(n * 1.015)  # polygonize drops about 1.5% of the cells (crossed bent edges merge them)
    pts = np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])
    box = shapely.box(*EXTENT)
    edges = shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=box, only_edges=True)
    edges = shapely.intersection(edges, box)
    lines = list(shapely.get_parts(edges))
    lines = [g for g in lines if g.geom_type == "LineString" and g.length > 0]
    lines.append(box.exterior)
    coords = []
    for line in lines:
        xy = shapely.get_coordinates(line)
        if len(xy) != 2:  # the extent's border: kept straight
            coords.append(xy)
            continue
        (ax, ay), (bx, by) = xy
        length = math.hypot(bx - ax, by - ay)
        m = max(1, int(length / step))
        t = np.linspace(0.0, 1.0, m + 1)
        k = np.arange(1, 7)
        c = rng.normal(0.0, 1.0, 6) / k**1.5
        bend = wiggle / 3 * length * (np.sin(np.pi * np.outer(t, k)) @ c)
        nx, ny = -(by - ay) / length, (bx - ax) / length
        coords.append(np.column_stack([ax + t * (bx - ax) + bend * nx, ay + t * (by - ay) + bend * ny]))
    polys = shapely.get_parts(shapely.polygonize([shapely.linestrings(c) for c in coords]))
    return polys


def tract_frame(n: int, seed: int = 2026):
    """A GeoDataFrame of about ``n`` tract-like polygons with GEOID and NAME, states spatially contiguous.

    Polygons are put in Hilbert-curve order of their centres and cut into states (in proportion to real
    tract counts) and counties, so each state and county is a compact block of neighbouring tracts.
    """
    import geopandas as gpd

    polys = tessellation(n, seed)
    gs = gpd.GeoSeries(polys, crs="EPSG:4326")
    centres = gs.representative_point().hilbert_distance(total_bounds=EXTENT).to_numpy()
    order = np.argsort(centres, kind="stable")
    ids = tract_ids(len(polys))
    return gpd.GeoDataFrame(
        {"GEOID": ids, "NAME": [str(int(i[5:]) / 100).removesuffix(".0") for i in ids]},
        geometry=gs.iloc[order].reset_index(drop=True),
        crs="EPSG:4326",
    )


def write_geojson(gdf, path: Path) -> None:
    import pyogrio

    pyogrio.write_dataframe(gdf, path, driver="GeoJSON", layer_options={"COORDINATE_PRECISION": 6})


# ---- running one ingest in a child process --------------------------------------------------------------

CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
t0 = time.perf_counter()
from equity.ingest import ingest
imported = time.perf_counter() - t0
db, kind, files, profile = {db!r}, {kind!r}, {files!r}, {profile!r}
if profile:
    import cProfile, pstats, io
    prof = cProfile.Profile()
    started = time.perf_counter()
    prof.enable()
    report = ingest(Path(db), kind, [Path(f) for f in files])
    prof.disable()
    seconds = time.perf_counter() - started
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats(key).print_stats({top})
        print(f"---- profile sorted by {{key}} ----", file=sys.stderr)
        print(out.getvalue(), file=sys.stderr)
else:
    from equity.ingest import IngestError
    started = time.perf_counter()
    try:
        report = ingest(Path(db), kind, [Path(f) for f in files])
    except IngestError as exc:
        if not {refusal!r}:
            raise
        report = exc
    seconds = time.perf_counter() - started
peak_kib = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
outcome = ({{"error": str(report)}} if isinstance(report, Exception)
           else {{"counts": report.counts, "lines": report.lines()}})
print(json.dumps({{"seconds": seconds, "import_seconds": imported, "peak_kib": peak_kib, **outcome}}))
"""


def run_ingest(
    db: Path, kind: str, files: list[Path], *, profile: bool = False, top: int = 30, refusal: bool = False
) -> dict:
    """Run ``ingest(db, kind, files)`` in a fresh Python; its own seconds, and the child's peak RSS.

    With ``refusal`` an IngestError is a result (its message under "error"), not a failure.

    Peak memory is the child's own ``VmHWM`` (peak resident set of its address space), read by the
    child as it ends. Not ``ru_maxrss`` from ``os.wait4``: Linux carries the parent's high-water mark
    over the child's ``exec``, so after this process has built a national file it read 2.1 GB for a
    child that never used more than 1.4 GB. With ``profile`` the cProfile tables go to stderr.
    """
    code = CHILD.format(
        root=str(ROOT),
        db=str(db),
        kind=kind,
        files=[str(f) for f in files],
        profile=profile,
        top=top,
        refusal=refusal,
    )
    wall = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=None, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - wall
    if proc.returncode != 0:
        raise RuntimeError(f"ingest child failed with exit code {proc.returncode}:\n{out}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mib"] = result.pop("peak_kib") / 1024
    result["parent_inclusive_maxrss_mib"] = usage.ru_maxrss / 1024  # what wait4 says, for comparison
    result["wall_seconds"] = wall
    return result


def parser(doc: str) -> argparse.ArgumentParser:
    """The options both ingest benches take; each adds the size of what it generates."""
    p = argparse.ArgumentParser(description=doc.splitlines()[0])
    p.add_argument("--profile", action="store_true", help="run the load again under cProfile")
    p.add_argument("--top", type=int, default=30, help="profile rows to print")
    p.add_argument("--keep", type=Path, help="keep the files in this directory")
    return p


def work_dir(keep: Path | None) -> tuple[Path, tempfile.TemporaryDirectory]:
    """Where the generated files go: ``keep`` if given, else a temporary folder (clean it up at the end)."""
    tmp = tempfile.TemporaryDirectory()
    work = keep or Path(tmp.name)
    work.mkdir(parents=True, exist_ok=True)
    return work, tmp
