"""``python -m equity ingest KIND FILE...``: load real files, all or nothing.

Kinds available: ``boundaries`` (Census shapefile, GeoJSON, TopoJSON, GeoPackage), ``indicators`` (the
generic long table documented in equity/ingest/generic.py), ``places`` (CDC PLACES, long or wide) and
``svi`` (CDC/ATSDR SVI), ``chr`` (County Health Rankings analytic data) and ``org`` (the
organisation's own tables, from the templates on the Data & methods page).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from equity.ingest.build import Report, current, load
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

        states = _kept(path, "build/kept_states")
        batch = boundaries.read(
            files,
            source,
            {} if states is None else {r.area_id: bytes(r.geometry) for r in states.itertuples()},
            crs=crs,
            merge_parts=merge_parts,
        )
    elif kind == "chr":
        from equity.ingest import chr as chr_loader

        batch = chr_loader.read(files, source, _kept_ids(path, "build/area_ids"))
    elif kind == "org":
        from equity.ingest import org

        batch = org.read(files, source, path)
    elif kind == "places":
        from equity.ingest import places

        batch = places.read(files, source, _kept_ids(path, "build/area_ids"))
    elif kind == "svi":
        from equity.ingest import svi

        batch = svi.read(files, source, _kept_ids(path, "build/area_ids"))
    else:
        kept = _kept(path, "build/kept_indicators")
        if kept is None or kept.empty:
            batch = generic.read(files, source, set(), None)
        else:
            batch = generic.read(files, source, set(kept["indicator_id"]), kept.set_index("indicator_id"))
    batch.source["rows"] = batch.rows_read
    return load(path, batch)


def _kept(path: Path, name: str) -> pd.DataFrame | None:
    """The rows of query ``name`` on the current database that a load into it keeps: None where there is no
    database yet, it cannot be read (the load itself says why), or the demo is to be replaced."""
    try:
        with current(path) as old:
            return old.kept(name)
    except IngestError:
        return None


def _kept_ids(path: Path, name: str) -> set[str]:
    """The ids (the first column) of query ``name``'s rows that a load keeps."""
    kept = _kept(path, name)
    return set() if kept is None else set(kept.iloc[:, 0])


__all__ = ["KINDS", "IngestError", "Report", "ingest"]
