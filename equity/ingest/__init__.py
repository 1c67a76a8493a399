"""``python -m equity ingest KIND FILE...``: load real files, all or nothing.

Kinds available: ``boundaries`` (Census shapefile, GeoJSON, TopoJSON, GeoPackage) and ``indicators``
(the generic long table documented in equity/ingest/generic.py). CDC PLACES, CDC/ATSDR SVI, County
Health Rankings and the organisation's own tables are still to come.
"""

from __future__ import annotations

from pathlib import Path

from equity import db, queries
from equity.ingest.core import IngestError, Report, load

KINDS = ("boundaries", "indicators")


def ingest(path: Path, kind: str, files: list[Path], **source_options) -> Report:
    """Load ``files`` of ``kind`` into the database at ``path``; on any error it is left exactly as it was."""
    files = [Path(f) for f in files]
    for f in files:
        if not f.is_file():
            raise IngestError(f, "no such file", expected="a path to a file you downloaded")
    if kind not in KINDS:
        raise IngestError(
            files[0] if files else "command", f"unknown kind {kind!r}", expected="one of " + ", ".join(KINDS)
        )
    from equity.ingest import generic

    if kind == "boundaries" and not source_options.get("publisher"):
        source_options["publisher"] = "U.S. Census Bureau"
    source = generic.source_for(files, **source_options)
    if kind == "boundaries":
        from equity.ingest import boundaries

        batch = boundaries.read(files, source)
    else:
        batch = generic.read(files, source, _known_indicators(path))
    batch.source["rows"] = batch.rows_read
    return load(path, batch)


def _known_indicators(path: Path) -> set[str]:
    if not path.exists():
        return set()
    try:
        con = db.connect_read_only(path)
    except db.DatabaseError:
        return set()
    try:
        meta = dict(queries.run(con, "meta").itertuples(index=False))
        if meta.get("is_demo") == "true":
            return set()  # the demo is replaced, so its indicators will not be there
        return set(queries.run(con, "indicators")["indicator_id"])
    finally:
        con.close()


__all__ = ["KINDS", "IngestError", "Report", "ingest"]
