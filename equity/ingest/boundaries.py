"""Census boundaries (kind ``boundaries``): shapefile (or its .zip), GeoJSON, TopoJSON or GeoPackage.

The id column is found and normalised to a zero-padded GEOID; any CRS is reprojected to WGS84; a
copy simplified for drawing keeps shared borders (coverage simplification) with rings oriented; the
state, county and tract hierarchy is derived from the GEOIDs, and a missing parent level is made by
joining its children.

Two kinds of Census file sit beside that hierarchy, and are told apart by their columns, their full
Census ids or their file name, never by the length of an id:

* ZIP Code Tabulation Areas (``cb_2020_us_zcta520_500k``, ``tl_2020_us_zcta520``, 2010's ``zcta510``):
  level ``zcta``, area id ``Z`` + the five digits (``Z02134``, see ``core.zcta``), named "ZIP Code
  02134". A ZCTA is in no county and may cross a state line; its parent is the state the file names
  (2010's state-based files have ``STATEFP10``), else the loaded state that holds a point inside it,
  else none.
* Places (cities, towns, census-designated places: ``cb_2020_06_place_500k``): level ``custom``, the
  7-digit place GEOID (``0644000``), named from ``NAMELSAD`` ("Los Angeles city"), parent the state.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from equity.ingest import limits
from equity.ingest.core import Batch, IngestError, geoid, level_of, parent_of, zcta, zcta_name
from equity.ingest.fips import STATES

ID_COLUMNS = (
    "GEOID",
    "GEOID20",
    "GEOID10",
    "GEOIDFQ",
    "GEOIDFQ20",
    "AFFGEOID",
    "AFFGEOID20",
    "AFFGEOID10",
    "GEO_ID",
    "FIPS",
    "STCOFIPS",
    "ZCTA5CE20",
    "ZCTA5CE10",
    "ZCTA5",
    "id",
)
# Full Census ids ('860Z200US02134', '1600000US0644000'): their first three digits are the summary level.
FULL_ID = re.compile(r"(AFFGEOID|GEOIDFQ|GEO_ID)(10|20)?", re.IGNORECASE)
STATE_COLUMNS = ("STATEFP", "STATEFP20", "STATEFP10")
ZCTA_COLUMNS = ("ZCTA5CE20", "ZCTA5CE10", "ZCTA5CE", "ZCTA5")
NEAR_STATE = 0.01  # degrees, about 1 km
PLACE_FILE = re.compile(r"_place(_|\.|\s|$)", re.IGNORECASE)  # cb_2020_06_place_500k, tl_2020_06_place
NAME_COLUMNS = ("NAMELSAD", "NAME", "NAME20", "name")
# Degrees; about 50 m for tracts up to about 1 km for states: detail a screen can show at that level.
DRAW_TOLERANCE = {"tract": 0.0005, "zcta": 0.0005, "county": 0.003, "state": 0.01, "custom": 0.0005}


def read(files: list[Path], source: dict, states: dict[str, bytes] | None = None) -> Batch:
    """The areas of boundary files. ``states``: the state shapes (WKB) the database already holds, in
    which ZCTAs the files do not place are placed."""
    frames = [_read_one(Path(f)) for f in files]
    areas = pd.concat(frames, ignore_index=True).drop_duplicates("area_id", keep="last")
    areas = _place_zctas(_add_missing_parents(areas), states or {})
    return Batch(
        source=source, areas=_finish(areas), files=[Path(f).name for f in files], rows_read=len(areas)
    )


def _read_one(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise IngestError(path, "no such file", expected="a shapefile, .zip, GeoJSON, TopoJSON or GeoPackage")
    # A .zip is read where it is through GDAL's /vsizip/, never extracted; ingest() has checked its
    # directory and what each member expands to (limits.check_boundary_file).
    try:
        layers = [name for name, kind in pyogrio.list_layers(path) if name.lower() != "nation"]
        # GDAL counts a GeoJSON's features only by parsing it whole; its size is bound instead.
        counted = [] if _json_inside(path) else layers
        counts = {layer: pyogrio.read_info(path, layer=layer)["features"] for layer in counted}
    except Exception as exc:  # pyogrio raises its own error types for unreadable files
        raise IngestError(
            path,
            f"this is not a boundary file GDAL can read ({str(exc).splitlines()[0][:120]})",
            expected="a shapefile, .zip, GeoJSON, TopoJSON or GeoPackage",
        ) from None
    limits.check_features(path, counts)
    frames = []
    for layer in layers:
        try:
            gdf = gpd.read_file(path, layer=layer)
        except Exception as exc:
            raise IngestError(
                path,
                f"layer {layer!r} could not be read ({str(exc).splitlines()[0][:120]})",
                expected="polygons with an id column",
            ) from None
        if gdf.empty:
            continue
        shapes = gdf.geometry
        gdf = gdf[~(shapes.isna() | shapes.is_empty) & shapes.geom_type.isin(["Polygon", "MultiPolygon"])]
        column = next((c for c in ID_COLUMNS if c in gdf.columns), None)
        if column is None:
            raise IngestError(
                path,
                f"no id column in layer {layer!r}",
                value=", ".join(map(str, gdf.columns[:8])),
                expected="one of " + ", ".join(ID_COLUMNS),
            )
        if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
            gdf = gdf.to_crs("EPSG:4326")
        kind = _kind(gdf, f"{path.name} {layer}")
        if kind == "zcta":
            # The code itself: 2010's state-based files put the state before it in GEOID10.
            column = next((c for c in ZCTA_COLUMNS if c in gdf.columns), column)
        ids = zcta(gdf[column]) if kind == "zcta" else geoid(gdf[column])
        if kind == "place":  # a place GEOID saved as an integer lost its leading zero
            ids = ids.where(~ids.str.fullmatch(r"\d{6}"), ids.str.zfill(7))
        if ids.eq("").any():
            raise IngestError(
                path,
                "a feature has no id",
                row=int(ids.eq("").to_numpy().argmax()) + 1,
                column=column,
                expected="a GEOID on every feature",
            )
        if kind == "zcta":
            bad = ~ids.str.fullmatch(r"Z\d{5}")
            if bad.any():
                raise IngestError(
                    path,
                    "not a ZIP Code Tabulation Area code",
                    row=int(bad.to_numpy().argmax()) + 1,
                    column=column,
                    value=gdf[column].iloc[int(bad.to_numpy().argmax())],
                    expected="five digits, e.g. 02134",
                )
        frames.append(
            pd.DataFrame(
                {
                    "area_id": ids.to_numpy(),
                    "name": _names(gdf, ids, kind).to_numpy(),
                    "parent_id": _given_parents(gdf, ids, kind).to_numpy(),
                    "geometry": _polygons(gdf.geometry.to_numpy()),
                }
            )
        )
    if not frames:
        raise IngestError(path, "the file has no polygons", expected="areas drawn as polygons")
    return pd.concat(frames, ignore_index=True)


def _json_inside(path: Path) -> bool:
    """Whether the file is, or its .zip holds, GeoJSON or TopoJSON."""
    names = [path.name] + (zipfile.ZipFile(path).namelist() if zipfile.is_zipfile(path) else [])
    return any(n.lower().endswith((".json", ".geojson", ".topojson")) for n in names)


def _kind(gdf: gpd.GeoDataFrame, where: str) -> str | None:
    """'zcta' or 'place' where the file says so (columns, full Census ids, file name); None otherwise.

    Never from the length of the ids: a ZCTA's five digits are a county GEOID's too.
    """
    columns = [str(c).upper() for c in gdf.columns]
    levels = set()
    for column in (c for c in gdf.columns if FULL_ID.fullmatch(str(c))):
        levels |= set(gdf[column].astype(str).str.strip().str[:3])
    if any(c.startswith("ZCTA5") for c in columns) or levels == {"860"} or "zcta" in where.lower():
        return "zcta"
    if "PLACEFP" in columns or "PLACEFP20" in columns or levels == {"160"} or PLACE_FILE.search(where):
        return "place"
    return None


def _names(gdf: gpd.GeoDataFrame, ids: pd.Series, kind: str | None) -> pd.Series:
    if kind == "zcta":  # their NAME, where there is one, is the bare code
        return ids.map(zcta_name)
    name_col = next((c for c in NAME_COLUMNS if c in gdf.columns), None)
    names = gdf[name_col].astype(str).reset_index(drop=True) if name_col else ids.reset_index(drop=True)
    # Tract files name a tract by its number alone ("152"); say what it is.
    return pd.Series(
        np.where(ids.str.len().eq(11).to_numpy() & names.str.fullmatch(r"[\d.]+"), "Tract " + names, names)
    )


def _given_parents(gdf: gpd.GeoDataFrame, ids: pd.Series, kind: str | None) -> pd.Series:
    """The state a ZCTA or place file names (STATEFP), or a place's first two digits; else none."""
    given = pd.Series([None] * len(ids), dtype=object)
    if kind is None:
        return given
    state_col = next((c for c in STATE_COLUMNS if c in gdf.columns), None)
    if state_col:
        codes = geoid(gdf[state_col]).reset_index(drop=True)
        given = codes.where(codes.str.fullmatch(r"\d{2}"), None)
    if kind == "place":  # a place GEOID is its state's two digits and five of its own
        ids = ids.reset_index(drop=True)
        given = given.fillna(ids.str[:2].where(ids.str.fullmatch(r"\d{7}"), None))
    return given


def _polygons(geoms: np.ndarray) -> np.ndarray:
    geoms = shapely.make_valid(geoms)
    # Repair can leave a collection with stray lines or points; keep only the polygonal part.
    mixed = ~np.isin(shapely.get_type_id(geoms), (3, 6))
    geoms[mixed] = shapely.buffer(geoms[mixed], 0)
    return geoms


def _add_missing_parents(areas: pd.DataFrame) -> pd.DataFrame:
    """Counties made from their tracts, and states from their counties, where the file has none."""
    derived = areas["area_id"].map(parent_of)
    out = areas.assign(level=areas["area_id"].map(level_of), parent_id=areas["parent_id"].fillna(derived))
    for child, parent in (("tract", "county"), ("county", "state")):
        have = set(out.loc[out["level"] == parent, "area_id"])
        kids = out[(out["level"] == child) & ~out["parent_id"].isin(have) & out["parent_id"].notna()]
        made = [
            {
                "area_id": pid,
                "name": STATES.get(pid, f"State {pid}") if parent == "state" else f"County {pid}",
                "geometry": shapely.union_all(part["geometry"].to_numpy()),
                "level": parent,
                "parent_id": parent_of(pid),
            }
            for pid, part in kids.groupby("parent_id")
        ]
        if made:
            out = pd.concat([out, pd.DataFrame(made)], ignore_index=True)
    return out


def _place_zctas(areas: pd.DataFrame, known: dict[str, bytes]) -> pd.DataFrame:
    """Each ZCTA the file does not place, in the state that holds a point inside it.

    The states are those of this load, else those the database holds. A ZCTA in no such state keeps no
    parent: it is stored, but a map of a state does not show it.
    """
    todo = (areas["level"] == "zcta") & areas["parent_id"].isna()
    if not todo.any():
        return areas
    states = dict(zip(known, shapely.from_wkb(list(known.values())), strict=True)) if known else {}
    mine = areas[areas["level"] == "state"]
    states.update(zip(mine["area_id"], mine["geometry"], strict=True))
    if not states:
        return areas
    ids, shapes = list(states), np.asarray(list(states.values()), dtype=object)
    points = shapely.point_on_surface(areas.loc[todo, "geometry"].to_numpy())
    tree, names = shapely.STRtree(shapes), np.asarray(ids, dtype=object)
    parents = pd.Series([None] * len(points), dtype=object)
    hit, state = tree.query(points, predicate="within")
    parents.iloc[hit] = names[state]
    # A coastal ZCTA's point can fall just outside a state drawn more coarsely: take the state within
    # about a kilometre.
    outside = np.flatnonzero(parents.isna().to_numpy())
    if len(outside):
        hit, state = tree.query_nearest(points[outside], max_distance=NEAR_STATE, all_matches=False)
        parents.iloc[outside[hit]] = names[state]
    areas = areas.copy()
    areas.loc[todo, "parent_id"] = parents.to_numpy()
    return areas


def _finish(areas: pd.DataFrame) -> pd.DataFrame:
    """WKB for storage, a simplified copy for drawing (shared borders kept, exterior rings clockwise)."""
    drawn = np.empty(len(areas), dtype=object)
    for level, idx in areas.groupby("level").indices.items():
        geoms = areas["geometry"].to_numpy()[idx]
        simple = shapely.coverage_simplify(geoms, DRAW_TOLERANCE.get(level, 0.0005))
        simple = shapely.set_precision(simple, 1e-5)
        drawn[idx] = shapely.orient_polygons(simple, exterior_cw=True)
    centroids = shapely.centroid(areas["geometry"].to_numpy())
    return pd.DataFrame(
        {
            "area_id": areas["area_id"],
            "name": areas["name"],
            "level": areas["level"],
            "parent_id": areas["parent_id"],
            "population": pd.Series([None] * len(areas), dtype="Int64"),
            "geometry": shapely.to_wkb(areas["geometry"].to_numpy()),
            "geometry_drawn": shapely.to_wkb(drawn),
            "centroid_lon": shapely.get_x(centroids),
            "centroid_lat": shapely.get_y(centroids),
        }
    )
