"""The demo's geography: an outline, tracts as Voronoi cells cut to it, counties and the state as unions
of their tracts, so every border lines up."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from equity.demo.scenario import BBOX, CITIES, COUNTIES, COUNTY_SEATS, STATE

GRID = 1e-5  # coordinate precision (about 1 m); rounding every shape to it keeps shared borders equal
DRAWN_TOLERANCE = 0.004  # degrees; simplification for geometry_drawn
MIN_SPACING = 0.012  # degrees between tract seed points, so no tract is a sliver


@dataclass
class Geography:
    seeds: np.ndarray  # (T, 2) tract seed points
    seats: np.ndarray  # (5, 2) county seats
    cities: np.ndarray  # (len(CITIES), 2) city centres
    tracts: np.ndarray  # (T,) geometries, full detail
    tracts_drawn: np.ndarray  # (T,) simplified with shared borders kept
    county: np.ndarray  # (T,) index into COUNTIES
    area_id: np.ndarray  # (T,) GEOIDs
    name: np.ndarray  # (T,) names


def _to_lonlat(fx: float, fy: float) -> np.ndarray:
    return np.array([BBOX[0] + fx * (BBOX[2] - BBOX[0]), BBOX[1] + fy * (BBOX[3] - BBOX[1])])


def draw_geography(rng: np.random.Generator, n_tracts: int) -> Geography:
    outline, centre = _outline(rng)
    inner = outline.buffer(-0.06)
    seats = np.array(
        [_pull_inside(_to_lonlat(*s) + rng.normal(0, 0.03, 2), centre, inner) for s in COUNTY_SEATS]
    )
    cities = np.array([_pull_inside(_to_lonlat(c.x, c.y), centre, inner) for c in CITIES])
    seeds = _seed_points(rng, outline, seats, cities, n_tracts)

    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=outline, ordered=True)
    )
    # Cutting on the grid keeps the vertices both neighbours share identical, so borders match.
    tracts = shapely.intersection(cells, outline, grid_size=GRID)
    tracts = np.array([_polygonal(g) for g in tracts], dtype=object)
    drawn = shapely.coverage_simplify(tracts, DRAWN_TOLERANCE)

    # Each tract joins the county of the nearest seat; number tracts north to south within a county.
    county = np.argmin(((seeds[:, None, :] - seats[None, :, :]) ** 2).sum(axis=2), axis=1)
    centroids = shapely.centroid(tracts)
    lat, lon = shapely.get_y(centroids), shapely.get_x(centroids)
    area_id = np.empty(n_tracts, dtype=object)
    name = np.empty(n_tracts, dtype=object)
    for c, (county_id, county_name) in enumerate(COUNTIES):
        members = np.flatnonzero(county == c)
        members = members[np.lexsort((lon[members], -lat[members]))]
        for i, t in enumerate(members, start=1):
            area_id[t] = f"{county_id}{i * 100:06d}"
            name[t] = f"Tract {i}.00, {county_name}"
    return Geography(seeds, seats, cities, tracts, drawn, county, area_id, name)


def _outline(rng: np.random.Generator) -> tuple[shapely.Polygon, np.ndarray]:
    """An irregular star-shaped outline (so always a valid polygon), stretched to the bounding box."""
    theta = np.linspace(0.0, 2 * np.pi, 720, endpoint=False)
    radius = np.ones_like(theta)
    for k in range(2, 7):
        radius += rng.normal(0.0, 0.09 / k) * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    # The eastern border follows a river, so it wiggles at a finer scale (this is what gets simplified).
    east = np.exp(-0.5 * (((theta + np.pi) % (2 * np.pi) - np.pi) / 0.4) ** 2)
    radius += east * (
        0.035 * np.sin(17 * theta + rng.uniform(0, 2 * np.pi))
        + 0.012 * np.sin(53 * theta + rng.uniform(0, 2 * np.pi))
    )
    x, y = radius * np.cos(theta), radius * np.sin(theta)
    fx, fy = (x - x.min()) / np.ptp(x), (y - y.min()) / np.ptp(y)
    ring = _to_lonlat(fx, fy).T
    centre = _to_lonlat(-x.min() / np.ptp(x), -y.min() / np.ptp(y))  # where the star is centred
    return shapely.set_precision(shapely.Polygon(ring), GRID), centre


def _pull_inside(point: np.ndarray, centre: np.ndarray, region: shapely.Geometry) -> np.ndarray:
    """Move a point towards the outline's centre until it lies inside (the outline is star-shaped)."""
    for step in np.linspace(0.0, 1.0, 21):
        candidate = point + step * (centre - point)
        if shapely.contains_xy(region, *candidate):
            return candidate
    return centre


def _seed_points(
    rng: np.random.Generator, outline: shapely.Geometry, seats: np.ndarray, cities: np.ndarray, n: int
) -> np.ndarray:
    """Tract seed points: dense in the cities (small urban tracts), sparse elsewhere."""
    # One point beside each county seat first, so no county is ever left without a tract.
    points = [seat + np.array([0.01, 0.01]) for seat in seats]
    spreads = [c.spread for c in CITIES]
    shares = np.array([c.share for c in CITIES] + [1.0 - sum(c.share for c in CITIES)])
    lo, hi = np.array(BBOX[:2]), np.array(BBOX[2:])
    while len(points) < n:
        k = rng.choice(len(shares), p=shares)
        candidate = rng.normal(cities[k], spreads[k]) if k < len(CITIES) else rng.uniform(lo, hi)
        if not shapely.contains_xy(outline, *candidate):
            continue
        if np.min(np.hypot(*(np.array(points) - candidate).T)) < MIN_SPACING:
            continue
        points.append(candidate)
    return np.array(points)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep only the areal parts of an overlay result (grid snapping can leave stray lines)."""
    if shapely.get_type_id(geom) in (3, 6):
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (3, 6)]
    return shapely.union_all(parts, grid_size=GRID)


def area_table(geo: Geography, tracts: pd.DataFrame) -> pd.DataFrame:
    """State, counties and tracts. Counties and state are unions of tracts, so borders line up."""
    population = tracts["population"].to_numpy()
    full, drawn, ids, names, levels, parents, pops = [], [], [], [], [], [], []
    for c, (county_id, county_name) in enumerate(COUNTIES):
        members = geo.county == c
        full.append(shapely.union_all(geo.tracts[members], grid_size=GRID))
        drawn.append(shapely.union_all(geo.tracts_drawn[members], grid_size=GRID))
        ids.append(county_id)
        names.append(county_name)
        levels.append("county")
        parents.append(STATE[0])
        pops.append(int(population[members].sum()))
    state_full = shapely.union_all(full, grid_size=GRID)
    state_drawn = shapely.union_all(drawn, grid_size=GRID)
    full = np.array([state_full, *full, *geo.tracts], dtype=object)
    drawn = shapely.orient_polygons(
        np.array([state_drawn, *drawn, *geo.tracts_drawn], dtype=object), exterior_cw=True
    )
    county_ids = [c[0] for c in COUNTIES]
    centroids = shapely.centroid(full)
    return pd.DataFrame(
        {
            "area_id": [STATE[0], *ids, *geo.area_id],
            "name": [STATE[1], *names, *geo.name],
            "level": ["state", *levels, *(["tract"] * len(geo.tracts))],
            "parent_id": [None, *parents, *(county_ids[c] for c in geo.county)],
            "population": [int(population.sum()), *pops, *population.tolist()],
            "geometry": shapely.to_wkb(full),
            "geometry_drawn": shapely.to_wkb(drawn),
            "centroid_lon": shapely.get_x(centroids),
            "centroid_lat": shapely.get_y(centroids),
        }
    )
