"""``python -m equity ingest KIND FILE...``: load real files, all or nothing.

The kinds of file a load reads are ``KINDS``, one ``Kind`` each: the command line's choices and its
``--help``, the README's table of kinds and the Data & methods page all read them from there.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from equity.ingest.build import Batch, Report, current, load
from equity.ingest.read import IngestError


@dataclass(frozen=True)
class Kind:
    """One kind of file ``python -m equity ingest KIND`` loads."""

    name: str  # KIND on the command line
    reads: str  # what files it reads, in a line: for --help, the README and the Data & methods page
    read: Callable[..., Batch]  # (files, source, path of the current database, **options) -> Batch
    official: str | None = None  # the publisher's name for it: a source is named by ``title`` by default
    publisher: str | None = None  # who publishes it, where its loader does not say
    shapes: bool = False  # its files are shapes: --crs and --merge-parts apply
    variables: bool = False  # --variables names what to load of its files' columns
    titled: bool = True  # named by ``title`` (False: its loader names the source from the file itself)
    edition: str = ", {} release"  # how its name says the year its file name gives
    vintage_is_release: bool = True  # its --vintage, or its values' year, is its release's (not PLACES')

    def title(self, files: list[Path], batch: Batch) -> str:
        """The source's name as its publisher gives it: "CDC PLACES, 2022 release, counties", from
        ``official``, the year of the file name (else the data's) and the areas the batch holds."""
        from equity import db
        from equity.ingest.words import source_name

        if batch.values is not None and len(batch.values):
            ids = batch.values["area_id"].drop_duplicates()
        elif batch.areas is not None:
            ids = batch.areas["area_id"]
        else:
            ids = []
        ids = [i for i in ids if i != db.NATION_ID]
        vintage = batch.source.get("vintage")
        return source_name(self.official, self.edition, files, ids, vintage, self.vintage_is_release)


def _kept(path: Path, name: str) -> pd.DataFrame | None:
    """The rows of query ``name`` on the current database that a load into it keeps: None where there is no
    database yet, it cannot be read (the load itself says why), or the demo is to be replaced."""
    try:
        with current(path) as old:
            return old.kept(name)
    except IngestError:
        return None


def _read_boundaries(files: list[Path], source: dict, path: Path, **options) -> Batch:
    from equity.ingest import boundaries

    states = _kept(path, "build/kept_states")
    shapes = {} if states is None else {r.area_id: bytes(r.geometry) for r in states.itertuples()}
    return boundaries.read(files, source, shapes, **options)


def _read_values_of_areas(module: str) -> Callable[..., Batch]:
    """The loader of equity.ingest.<module>, given the areas the current database keeps (their
    populations join them)."""

    def read(files: list[Path], source: dict, path: Path) -> Batch:
        kept = _kept(path, "build/area_ids")
        known = set() if kept is None else set(kept["area_id"])
        return importlib.import_module(f"equity.ingest.{module}").read(files, source, known)

    return read


def _read_indicators(files: list[Path], source: dict, path: Path) -> Batch:
    from equity.ingest import generic

    kept = _kept(path, "build/kept_indicators")
    if kept is None or kept.empty:
        return generic.read(files, source, set(), None)
    return generic.read(files, source, set(kept["indicator_id"]), kept.set_index("indicator_id"))


def _read_acs(files: list[Path], source: dict, path: Path, variables: str | None = None) -> Batch:
    from equity.ingest import acs

    kept = _kept(path, "build/area_ids")
    return acs.read(files, source, set() if kept is None else set(kept["area_id"]), variables)


def _read_org(files: list[Path], source: dict, path: Path) -> Batch:
    from equity.ingest import org

    return org.read(files, source, path)


KINDS = (
    Kind(
        "acs",
        "American Community Survey tables from data.census.gov (data profiles DP02-DP05, subject tables such "
        "as S1701, S2701, S1903, S1601, detailed B/C tables; CSV with its two header rows), any geography",
        _read_acs,
        publisher="U.S. Census Bureau",
        variables=True,
    ),
    Kind(
        "boundaries",
        "Census cartographic boundary or TIGER/Line files (shapefile or its .zip, GeoJSON, TopoJSON, "
        "GeoPackage) of states, counties, tracts, ZCTAs or places",
        _read_boundaries,
        official="Census cartographic boundaries",
        publisher="U.S. Census Bureau",
        shapes=True,
        edition=" {}",
    ),
    Kind(
        "chr",
        "County Health Rankings & Roadmaps analytic data (CSV with its two header rows)",
        _read_values_of_areas("chr"),
        official="County Health Rankings & Roadmaps",
    ),
    Kind(
        "indicators",
        "your own long table of values, one row per area, indicator, year and group "
        "(columns in equity/ingest/generic.py)",
        _read_indicators,
    ),
    Kind(
        "org",
        "the organisation's own tables, one CSV per table or one Excel workbook with a sheet per table "
        "(templates on the Data & methods page)",
        _read_org,
    ),
    Kind(
        "places",
        "CDC PLACES county, place, tract or ZCTA files, long or wide",
        _read_values_of_areas("places"),
        official="CDC PLACES",
        vintage_is_release=False,
    ),
    Kind(
        "svi",
        "CDC/ATSDR Social Vulnerability Index tract or county files (2018, 2020, 2022)",
        _read_values_of_areas("svi"),
        official="CDC/ATSDR Social Vulnerability Index",
        edition=" {}",
    ),
    Kind(
        "wonder",
        "CDC WONDER exports (cancer incidence, deaths, births) by year and state or county, "
        "tab-separated or CSV, with their footer",
        _read_values_of_areas("wonder"),
        official="CDC WONDER",
        titled=False,  # named from its footer's dataset line
    ),
)
NAMES = tuple(k.name for k in KINDS)


def ingest(
    path: Path,
    kind: str,
    files: list[Path],
    *,
    crs: str | None = None,
    merge_parts: bool = False,
    variables: str | None = None,
    **source_options,
) -> Report:
    """Load ``files`` of ``kind`` into the database at ``path``; on any error it is left exactly as it was.

    For boundaries only: ``crs`` is the projection of files that name none (``EPSG:3857``), and
    ``merge_parts`` joins features that share an area id into one area instead of refusing them.
    For ACS tables only: ``variables`` names variables to load beyond the built-in measures
    (``CODE=label,...``).
    """
    files = [Path(f) for f in files]
    for f in files:
        if not f.is_file():
            raise IngestError(f, "no such file", expected="a path to a file you downloaded")
    spec = next((k for k in KINDS if k.name == kind), None)
    if spec is None:
        raise IngestError(
            files[0] if files else "command", f"unknown kind {kind!r}", expected="one of " + ", ".join(NAMES)
        )
    if not spec.shapes and (crs or merge_parts):
        option = "--crs" if crs else "--merge-parts"
        raise IngestError(files[0], f"{option} is for boundary files only", expected=f"{option} left out")
    if variables and not spec.variables:
        raise IngestError(files[0], "--variables is for ACS tables only", expected="--variables left out")
    from equity.ingest import generic, limits

    for f in files:  # files too large, or archives that expand too far, are refused before they are read
        limits.check_file(kind, f)

    if spec.publisher and not source_options.get("publisher"):
        source_options["publisher"] = spec.publisher
    named = bool(source_options.get("name"))  # --name overrides the publisher's name
    source = generic.source_for(files, **source_options)
    options = {"crs": crs, "merge_parts": merge_parts} if spec.shapes else {}
    if spec.variables:
        options["variables"] = variables
    batch = spec.read(files, source, path, **options)
    if spec.official and spec.titled and not named:
        batch.source["name"] = spec.title(files, batch)
    batch.source["rows"] = batch.rows_read
    return load(path, batch)


__all__ = ["KINDS", "NAMES", "IngestError", "Kind", "Report", "ingest"]
