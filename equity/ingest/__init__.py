"""``python -m equity ingest KIND FILE...``: load real files, all or nothing.

Kinds available: ``boundaries`` (Census shapefile, GeoJSON, TopoJSON, GeoPackage), ``indicators`` (the
generic long table documented in equity/ingest/generic.py), ``places`` (CDC PLACES, long or wide) and
``svi`` (CDC/ATSDR SVI), ``chr`` (County Health Rankings analytic data) and ``org`` (the
organisation's own tables, from the templates on the Data & methods page).
"""

from __future__ import annotations

from pathlib import Path

from equity import db, queries
from equity.ingest.build import Report, load
from equity.ingest.read import IngestError

KINDS = ("boundaries", "chr", "indicators", "org", "places", "svi")
OFFICIAL_NAMES = {
    "boundaries": "Census cartographic boundaries",
    "chr": "County Health Rankings & Roadmaps",
    "places": "CDC PLACES",
    "svi": "CDC/ATSDR Social Vulnerability Index",
}


def ingest(
    path: Path,
    kind: str,
    files: list[Path],
    *,
    crs: str | None = None,
    merge_parts: bool = False,
    **source_options,
) -> Report:
    """Load ``files`` of ``kind`` into the database at ``path``; on any error it is left exactly as it was.

    For boundaries only: ``crs`` is the projection of files that name none (``EPSG:3857``), and
    ``merge_parts`` joins features that share an area id into one area instead of refusing them.
    """
    files = [Path(f) for f in files]
    for f in files:
        if not f.is_file():
            raise IngestError(f, "no such file", expected="a path to a file you downloaded")
    if kind not in KINDS:
        raise IngestError(
            files[0] if files else "command", f"unknown kind {kind!r}", expected="one of " + ", ".join(KINDS)
        )
    if kind != "boundaries" and (crs or merge_parts):
        option = "--crs" if crs else "--merge-parts"
        raise IngestError(files[0], f"{option} is for boundary files only", expected=f"{option} left out")
    from equity.ingest import generic, limits

    for f in files:  # files too large, or archives that expand too far, are refused before they are read
        limits.check_file(kind, f)

    if kind == "boundaries" and not source_options.get("publisher"):
        source_options["publisher"] = "U.S. Census Bureau"
    if kind in OFFICIAL_NAMES and not source_options.get("name"):
        source_options["name"] = f"{OFFICIAL_NAMES[kind]} ({files[0].stem})"
    source = generic.source_for(files, **source_options)
    if kind == "boundaries":
        from equity.ingest import boundaries

        states = _kept_rows(
            path, "SELECT area_id, geometry FROM areas WHERE level = 'state' AND geometry NOT NULL"
        )
        batch = boundaries.read(
            files,
            source,
            {area_id: bytes(shape) for area_id, shape in states},
            crs=crs,
            merge_parts=merge_parts,
        )
    elif kind == "chr":
        from equity.ingest import chr as chr_loader

        batch = chr_loader.read(files, source, _kept(path, "areas", "area_id"))
    elif kind == "org":
        from equity.ingest import org

        batch = org.read(files, source, path)
    elif kind == "places":
        from equity.ingest import places

        batch = places.read(files, source, _kept(path, "areas", "area_id"))
    elif kind == "svi":
        from equity.ingest import svi

        batch = svi.read(files, source, _kept(path, "areas", "area_id"))
    else:
        batch = generic.read(files, source, _kept(path, "indicators", "indicator_id"), _kept_indicators(path))
    batch.source["rows"] = batch.rows_read
    return load(path, batch)


def _kept(path: Path, table: str, column: str) -> set[str]:
    """Ids the current database holds that a load into it will keep (none where the demo is replaced)."""
    return {r[0] for r in _kept_rows(path, f"SELECT {column} FROM {table}")}


def _kept_rows(path: Path, sql: str) -> list[tuple]:
    """Rows of a query on the current database, where a load into it keeps them: none where there is no
    database yet, or the demo is to be replaced."""
    if not path.exists():
        return []
    try:
        con = db.connect_read_only(path)
    except db.DatabaseError:
        return []  # the load itself reports why the database cannot be read
    try:
        meta = dict(queries.run(con, "meta").itertuples(index=False))
        if meta.get("is_demo") == "true":
            return []
        with db.cursor(con) as cur:
            return cur.execute(sql).fetchall()
    finally:
        con.close()


def _kept_indicators(path: Path):
    """The catalogue rows of the indicators a load into ``path`` keeps, indexed by indicator_id (None when
    there are none), so a file can bring age groups of an indicator loaded before."""
    kept = _kept(path, "indicators", "indicator_id")
    if not kept:
        return None
    con = db.connect_read_only(path)
    try:
        with db.cursor(con) as cur:
            return cur.execute("SELECT * FROM indicators").df().set_index("indicator_id")
    finally:
        con.close()


__all__ = ["KINDS", "IngestError", "Report", "ingest"]
