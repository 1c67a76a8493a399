"""Census boundaries (kind ``boundaries``): shapefile (or its .zip), GeoJSON, TopoJSON or GeoPackage.

The id column is found and normalised to a zero-padded GEOID; any CRS is reprojected to WGS84; a
copy simplified for drawing keeps shared borders (coverage simplification) with rings oriented; the
state, county and tract hierarchy is derived from the GEOIDs, and a missing parent level is made by
joining its children.

Three things that would otherwise go silently wrong are refused, each with what to do instead:

* a text property a spreadsheet would run as a formula (``NAME`` = ``=HYPERLINK(...)``): names reach the
  map, the downloads and the reach tables (the rule is equity/safety.py's, as for every CSV);
* coordinates that cannot be longitude and latitude in a file that names no projection (a GeoJSON
  without a ``crs`` member reads as WGS84, so metres would be taken for degrees): ``crs`` (the command
  line's ``--crs``) says what the file is in;
* an area id given by more than one feature (the last would silently replace the others), unless
  ``merge_parts`` says they are parts of one area: they are then joined into one, and the load report
  says how many.

Two kinds of Census file sit beside that hierarchy, and are told apart by their columns, their full
Census ids or their file name, never by the length of an id:

* ZIP Code Tabulation Areas (``cb_2020_us_zcta520_500k``, ``tl_2020_us_zcta520``, 2010's ``zcta510``):
  level ``zcta``, area id ``Z`` + the five digits (``Z02134``, see ``read.zcta``), named "ZIP Code
  02134". A ZCTA is in no county and may cross a state line; its parent is the state the file names
  (2010's state-based files have ``STATEFP10``), else the loaded state that holds a point inside it,
  else none.
* Places (cities, towns, census-designated places: ``cb_2020_06_place_500k``): level ``custom``, the
  7-digit place GEOID (``0644000``), named from ``NAMELSAD`` ("Los Angeles city"), parent the state.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from equity import text
from equity.ingest import limits
from equity.ingest.build import Batch
from equity.ingest.fips import STATES
from equity.ingest.read import IngestError, check_cells, geoid, level_of, parent_of, zcta, zcta_name

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
TABLES = {".csv", ".tsv", ".txt", ".xlsx", ".xls"}  # tables of values, which hold no shapes
PLACE_FILE = re.compile(r"_place(_|\.|\s|$)", re.IGNORECASE)  # cb_2020_06_place_500k, tl_2020_06_place
NAME_COLUMNS = ("NAMELSAD", "NAME", "NAME20", "name")
# Degrees; about 50 m for tracts up to about 1 km for states: detail a screen can show at that level.
DRAW_TOLERANCE = {"tract": 0.0005, "zcta": 0.0005, "county": 0.003, "state": 0.01, "custom": 0.0005}


def read(
    files: list[Path],
    source: dict,
    states: dict[str, bytes] | None = None,
    *,
    crs: str | None = None,
    merge_parts: bool = False,
) -> Batch:
    """The areas of boundary files. ``states``: the state shapes (WKB) the database already holds, in
    which ZCTAs the files do not place are placed. ``crs``: the projection of files that name none
    (e.g. ``EPSG:3857``). ``merge_parts``: features that share an area id are parts of that area."""
    given = _given_crs(files[0], crs) if crs else None
    frames = [_read_one(Path(f), given) for f in files]
    areas = pd.concat(frames, ignore_index=True)
    features = len(areas)  # the files' features, before parts are joined and missing parents made
    areas, notes = _one_feature_each(areas, merge_parts)
    areas = _place_zctas(_add_missing_parents(areas.drop(columns=["file", "row"])), states or {})
    return Batch(
        source=source,
        areas=_finish(areas),
        files=[Path(f).name for f in files],
        rows_read=features,
        notes=notes,
    )


def _read_one(path: Path, given: pyproj.CRS | None = None) -> pd.DataFrame:
    if not path.exists():
        raise IngestError(path, "no such file", expected="a shapefile, .zip, GeoJSON, TopoJSON or GeoPackage")
    if path.suffix.lower() in TABLES:  # GDAL reads a CSV as a layer without shapes
        raise IngestError(
            path,
            "this is a table, not a boundary file: it holds no shapes",
            expected="a shapefile, .zip, GeoJSON, TopoJSON or GeoPackage (a table of values loads with "
            "its own kind: places, svi, chr or indicators)",
        )
    # A .zip is read where it is through GDAL's /vsizip/, never extracted; ingest() has checked its
    # directory and what each member expands to (limits.check_boundary_file).
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's guesses about a file it then refuses
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
        if not isinstance(gdf, gpd.GeoDataFrame) or "geometry" not in gdf:
            raise IngestError(
                path,
                f"layer {layer!r} holds no shapes",
                expected="a shapefile, .zip, GeoJSON, TopoJSON or GeoPackage of polygons",
            )
        if gdf.empty:
            continue
        where = path if len(layers) == 1 else f"{path.name}, layer {layer!r}"
        _check_properties(where, gdf)
        gdf = gdf.reset_index(drop=True)
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
        if gdf.empty:
            continue
        gdf = _in_degrees(where, gdf, given)
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
                    "file": path.name,
                    "row": gdf.index.to_numpy() + 1,  # the feature's place in its layer
                }
            )
        )
    if not frames:
        raise IngestError(path, "the file has no polygons", expected="areas drawn as polygons")
    return pd.concat(frames, ignore_index=True)


def _check_properties(where: str | Path, gdf: gpd.GeoDataFrame) -> None:
    """Every text property checked as a CSV's cells are (formulas, absurd lengths); rows are features."""
    text = [c for c in gdf.columns if c != gdf.geometry.name and not pd.api.types.is_numeric_dtype(gdf[c])]
    if text:
        cells = pd.DataFrame({c: gdf[c].astype("string").fillna("") for c in text})
        check_cells(where, cells, rows=np.arange(1, len(gdf) + 1))


CRS_HELP = (
    "the projection named with --crs, e.g. --crs EPSG:3857 for web-map metres, or the EPSG code of the "
    "UTM zone or state plane it was drawn in (https://epsg.io)"
)


def _given_crs(file: Path, crs: str) -> pyproj.CRS:
    try:
        return pyproj.CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError:
        raise IngestError(
            file,
            "--crs names no projection pyproj knows",
            value=crs,
            expected="an EPSG code such as EPSG:3857",
        ) from None


def _in_degrees(where: str | Path, gdf: gpd.GeoDataFrame, given: pyproj.CRS | None) -> gpd.GeoDataFrame:
    """The features in WGS84 longitude and latitude: reprojected from the CRS the file names, else from
    ``given``; refused where coordinates that cannot be degrees would be taken for degrees.

    GDAL reads a GeoJSON without a ``crs`` member as WGS84 (RFC 7946 allows nothing else), so a file that
    says WGS84 cannot be told from one that says nothing: either is taken to name no projection.
    """
    named = gdf.crs
    unnamed = named is None or named.equals("EPSG:4326")
    bounds = gdf.total_bounds
    in_degrees = _within_degrees(bounds)
    if given is not None:
        if not unnamed and not named.equals(given):
            raise IngestError(
                where,
                f"the file names its projection ({named.name}) and --crs names another ({given.name})",
                expected="--crs only for files that name none (leave it out to use the file's own)",
            )
        if given.is_projected and in_degrees:
            raise IngestError(
                where,
                f"the coordinates are already longitude and latitude, but --crs says {given.name}",
                value=_corner(bounds),
                expected="--crs left out for a file in longitude and latitude",
            )
        gdf = gdf.set_crs(given, allow_override=True)
    elif not in_degrees and (unnamed or named.is_geographic):
        said = "names no projection" if unnamed else f"says it is in {named.name}"
        raise IngestError(
            where,
            f"the coordinates cannot be longitude and latitude, and the file {said}",
            value=_corner(bounds),
            expected=CRS_HELP,
        )
    elif named is None:
        gdf = gdf.set_crs("EPSG:4326")
    if not gdf.crs.equals("EPSG:4326"):
        source, had_area = gdf.crs.name, shapely.area(gdf.geometry.to_numpy()) > 0
        gdf = gdf.to_crs("EPSG:4326")
        # Outside a projection's domain coordinates become infinite, or wrap round and collapse a shape.
        fits = (
            _within_degrees(gdf.total_bounds)
            and not (had_area & ~(shapely.area(gdf.geometry.to_numpy()) > 0)).any()
        )
        if not fits:
            raise IngestError(
                where,
                f"the coordinates do not fit {source}: reprojected, they are not longitude and latitude",
                value=_corner(gdf.total_bounds),
                expected="the projection the file was drawn in, named with --crs",
            )
    return gdf


def _within_degrees(bounds) -> bool:
    x0, y0, x1, y1 = bounds
    return bool(np.isfinite(bounds).all() and x0 >= -180 and y0 >= -90 and x1 <= 180 and y1 <= 90)


def _corner(bounds) -> str:
    """The coordinates' extent, as found: 'x -7995657 to -7918219, y 5028500 to 5160000'."""
    x0, y0, x1, y1 = (f"{v:.0f}" if abs(v) >= 1000 else f"{v:.4g}" for v in bounds)
    return f"x {x0} to {x1}, y {y0} to {y1}"


def _one_feature_each(areas: pd.DataFrame, merge_parts: bool) -> tuple[pd.DataFrame, list[str]]:
    """Each area once. Features sharing an id are refused, naming them, unless ``merge_parts`` says they
    are parts of one area: then they are joined into one (name and parent from the first part)."""
    twice = areas["area_id"].duplicated(keep=False).to_numpy()
    if not twice.any():
        return areas, []
    parts = areas[twice]
    ids = parts["area_id"].drop_duplicates()
    if not merge_parts:
        files = parts["file"].drop_duplicates()

        def where(group: pd.DataFrame) -> str:
            if len(files) == 1:
                return "rows " + ", ".join(map(str, group["row"]))
            return ", ".join(f"{r.file} row {r.row}" for r in group.itertuples())

        shown = [f"{i} ({where(g)})" for i, g in parts.groupby("area_id", sort=False)][:5]
        more = f" and {len(ids) - 5:,} more" if len(ids) > 5 else ""
        raise IngestError(
            ", ".join(files),
            f"{_count(len(ids), 'area id is', 'area ids are')} given by more than one feature: "
            + "; ".join(shown)
            + more,
            expected="each area once; if the features are parts of one area, --merge-parts joins them",
        )
    merged = parts.groupby("area_id", sort=False).agg(
        name=("name", "first"),
        parent_id=("parent_id", "first"),
        geometry=("geometry", lambda g: shapely.union_all(g.to_numpy())),
        file=("file", "first"),
        row=("row", "first"),
    )
    merged = merged.reset_index()
    merged["geometry"] = _polygons(merged["geometry"].to_numpy())
    note = (
        f"{_count(len(ids), 'area was', 'areas were')} given in several parts ({len(parts):,} features) "
        f"and merged into one each (for example {', '.join(ids.head(3))})"
    )
    return pd.concat([areas[~twice], merged], ignore_index=True), [note]


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


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
                "name": STATES.get(pid, text.unnamed("state", pid))
                if parent == "state"
                else text.unnamed("county", pid),
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
