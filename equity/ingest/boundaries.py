"""Census boundaries (kind ``boundaries``): shapefile (or its .zip), GeoJSON, TopoJSON or GeoPackage.

The id column is found and normalised to a zero-padded GEOID; any CRS is reprojected to WGS84; a
copy simplified for drawing keeps shared borders (coverage simplification) with rings oriented; the
state, county and tract hierarchy is derived from the GEOIDs, and a missing parent level is made by
joining its children.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from equity.ingest.core import Batch, IngestError, geoid, level_of, parent_of
from equity.ingest.fips import STATES

ID_COLUMNS = ("GEOID", "GEOID20", "GEOID10", "GEOIDFQ", "AFFGEOID", "FIPS", "STCOFIPS", "ZCTA5CE20", "id")
NAME_COLUMNS = ("NAMELSAD", "NAME", "NAME20", "name")
# Degrees; about 50 m for tracts up to about 1 km for states: detail a screen can show at that level.
DRAW_TOLERANCE = {"tract": 0.0005, "zcta": 0.0005, "county": 0.003, "state": 0.01, "custom": 0.0005}


def read(files: list[Path], source: dict) -> Batch:
    frames = [_read_one(Path(f)) for f in files]
    areas = pd.concat(frames, ignore_index=True).drop_duplicates("area_id", keep="last")
    areas = _add_missing_parents(areas)
    return Batch(
        source=source, areas=_finish(areas), files=[Path(f).name for f in files], rows_read=len(areas)
    )


def _read_one(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise IngestError(path, "no such file", expected="a shapefile, .zip, GeoJSON, TopoJSON or GeoPackage")
    try:
        layers = [name for name, kind in pyogrio.list_layers(path) if name.lower() != "nation"]
    except Exception as exc:  # pyogrio raises its own error types for unreadable files
        raise IngestError(
            path,
            f"this is not a boundary file GDAL can read ({str(exc).splitlines()[0][:120]})",
            expected="a shapefile, .zip, GeoJSON, TopoJSON or GeoPackage",
        ) from None
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
        ids = geoid(gdf[column])
        if ids.eq("").any():
            raise IngestError(
                path,
                "a feature has no id",
                row=int(ids.eq("").to_numpy().argmax()) + 1,
                column=column,
                expected="a GEOID on every feature",
            )
        name_col = next((c for c in NAME_COLUMNS if c in gdf.columns), None)
        names = gdf[name_col].astype(str) if name_col else ids
        # Tract files name a tract by its number alone ("152"); say what it is.
        names = pd.Series(
            np.where(ids.str.len().eq(11) & names.str.fullmatch(r"[\d.]+"), "Tract " + names, names)
        )
        geoms = shapely.make_valid(gdf.geometry.to_numpy())
        # Repair can leave a collection with stray lines or points; keep only the polygonal part.
        mixed = ~np.isin(shapely.get_type_id(geoms), (3, 6))
        geoms[mixed] = shapely.buffer(geoms[mixed], 0)
        frames.append(pd.DataFrame({"area_id": ids.to_numpy(), "name": names.to_numpy(), "geometry": geoms}))
    if not frames:
        raise IngestError(path, "the file has no polygons", expected="areas drawn as polygons")
    return pd.concat(frames, ignore_index=True)


def _add_missing_parents(areas: pd.DataFrame) -> pd.DataFrame:
    """Counties made from their tracts, and states from their counties, where the file has none."""
    out = areas.assign(level=areas["area_id"].map(level_of), parent_id=areas["area_id"].map(parent_of))
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
