"""Command line: ``python -m equity COMMAND``; each command takes ``--help`` and ``--db PATH``."""

from __future__ import annotations

import argparse
import sys
import textwrap
import time
from pathlib import Path

from equity import db, queries, text


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $EQUITY_DB, else data/equity.duckdb)"
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from equity.demo import build_demo

    path = db.db_path(args.db)
    started = time.perf_counter()

    def progress(fraction: float, message: str) -> None:
        print(f"  {fraction:4.0%}  {message}", flush=True)

    print(f"Building the fictional demo database at {path} (seed {args.seed})")
    counts = build_demo(
        path, seed=args.seed, n_tracts=args.tracts, progress=progress, min_count=args.min_count
    )
    print(
        f"Done in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{n:,} {table}" for table, n in counts.items())
    )
    return 0


def _open(path: Path):
    """The database, read-only; None (having said why) where it cannot be opened."""
    try:
        return db.connect_read_only(path)
    except db.DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _print_report(heading: str, report) -> int:
    print(heading)
    for line in report.lines():
        print(f"  {line}")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    con = _open(path)
    if con is None:
        return 2
    try:
        meta = dict(queries.run(con, "meta").itertuples(index=False))
        print(f"Database: {path}")
        if meta.get("is_demo") == "true":
            print("This is the FICTIONAL demo database: no real place or person is described.")
        for key in ("region_name", "as_of", "built_at"):
            if key in meta:
                print(f"  {key.replace('_', ' ')}: {meta[key]}")
        print("\nSources:")
        for s in queries.run(con, "sources").itertuples():
            rows = "rows unknown" if text.is_missing(s.rows) else f"{int(s.rows):,} rows"
            print(f"  {s.name} — {s.publisher}, vintage {s.vintage}, {rows}")
        print("\nAreas by level:")
        for r in queries.run(con, "areas_by_level").itertuples():
            people = (
                "population unknown" if text.is_missing(r.population) else f"population {int(r.population):,}"
            )
            print(f"  {r.level:<8} {r.areas:>7,} areas, {people}")
        print("\nRows:")
        for r in queries.run(con, "table_counts").itertuples():
            print(f"  {r.table_name:<18} {r.rows:>10,}")
        years = queries.run(con, "years")["year"].tolist()
        if years:
            print(f"\nIndicator years: {years[0]}–{years[-1]}")
    finally:
        con.close()
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from equity.ingest import IngestError, ingest

    path = db.db_path(args.db)
    options = {k: getattr(args, k) for k in ("source_id", "name", "publisher", "vintage", "url", "license")}
    try:
        report = ingest(
            path,
            args.kind,
            args.files,
            crs=args.crs,
            merge_parts=args.merge_parts,
            variables=args.variables,
            **options,
        )
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return _print_report(f"Loaded into {path}:", report)


def cmd_export(args: argparse.Namespace) -> int:
    """The organisation's tables exactly as held, small counts included: an editor's round trip."""
    from equity.ingest import org

    path = db.db_path(args.db)
    con = _open(path)
    if con is None:
        return 2
    try:
        frames = org.template_frames(con, raw=True)
    finally:
        con.close()
    out: Path = args.file
    if out.suffix.lower() == ".xlsx":
        out.write_bytes(org.template_workbook(frames))
        written = [out]
    else:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table, df in frames.items():
            df.to_csv(out / f"{table}.csv", index=False)
            written.append(out / f"{table}.csv")
    rows = sum(len(df) for df in frames.values())
    print(
        f"Wrote {rows:,} rows of {len(frames)} tables to {', '.join(map(str, written[:3]))}"
        + (f" and {len(written) - 3} more" if len(written) > 3 else "")
    )
    print(
        f"These are the raw tables: they hold counts of 1 to {_threshold(path) - 1} people, which viewers "
        "never see, so keep them among editors. Load them back with `python -m equity ingest org FILE`."
    )
    return 0


def _threshold(path: Path) -> int:
    con = db.connect_read_only(path)
    try:
        return int(queries.run(con, "threshold")["min_count"].iloc[0])
    finally:
        con.close()


def cmd_upgrade(args: argparse.Namespace) -> int:
    from equity.ingest import IngestError
    from equity.ingest.build import upgrade

    path = db.db_path(args.db)
    try:
        report = upgrade(path)
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return _print_report(f"Upgraded {path}:", report)


def cmd_translations(args) -> int:
    from equity import i18n

    gaps = i18n.missing(args.lang)
    for message, (filename, line) in gaps.items():
        print(f"{filename}:{line}\t{message}")
    print(f"{len(gaps)} string(s) without a translation in {args.lang}.", file=sys.stderr)
    return 1 if gaps else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m equity", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        help="build the fictional demo database (deterministic, seeded)",
        description="Build the fictional demo database. It replaces the file atomically.",
    )
    _add_db(demo)
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    demo.add_argument("--tracts", type=int, default=240, help="number of tract-like areas (default 240)")
    demo.add_argument(
        "--min-count",
        type=int,
        default=11,
        metavar="N",
        help="withhold counts below N, and anything that reveals one (default 11: 1 to 10 hidden)",
    )
    demo.set_defaults(func=cmd_demo)

    from equity.ingest import KINDS, NAMES

    ingest = sub.add_parser(
        "ingest",
        help="load real files, all or nothing (kinds: " + ", ".join(NAMES) + ")",
        description=textwrap.fill(
            "Load files into a new database and swap it in; on any error the database is left "
            "exactly as it was. Loading into the demo database replaces the demo."
        ),
        epilog="kinds:\n"
        + "\n".join(
            textwrap.fill(k.reads, initial_indent=f"  {k.name:<12}", subsequent_indent=" " * 14)
            for k in KINDS
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the kinds, one a line
    )
    _add_db(ingest)
    ingest.add_argument("kind", choices=NAMES, help="what the files are (below)")
    ingest.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ingest.add_argument("--source-id", help="short id of the source (default: from the first file's name)")
    ingest.add_argument("--name", help="the source's name as people know it")
    ingest.add_argument("--publisher", help="who published it")
    ingest.add_argument("--vintage", help="which release or years, e.g. 2023")
    ingest.add_argument("--url", help="where it was downloaded from")
    ingest.add_argument("--license", help="its licence")
    ingest.add_argument(
        "--crs",
        metavar="CRS",
        help="boundaries: the projection of files that name none, e.g. EPSG:3857 (a file whose coordinates "
        "cannot be longitude and latitude is refused without it); they are reprojected to WGS84",
    )
    ingest.add_argument(
        "--merge-parts",
        action="store_true",
        help="boundaries: features that share an area id are parts of one area; join them (the report "
        "says how many) instead of refusing the file",
    )
    ingest.add_argument(
        "--variables",
        metavar="CODE=label,...",
        help="acs: variables to load beyond the built-in measures, each an estimate code from the file's "
        "first header row and its label, e.g. DP03_0009PE=Unemployment rate,DP03_0119PE=Families in poverty",
    )
    ingest.set_defaults(func=cmd_ingest)

    info = sub.add_parser(
        "info",
        help="what the database holds: sources, vintages, row counts, areas",
        description="Print what the database holds.",
    )
    _add_db(info)
    info.set_defaults(func=cmd_info)

    export = sub.add_parser(
        "export",
        help="write the organisation's own tables, raw, for editors (export org FILE.xlsx or FOLDER)",
        description="Write the organisation's tables exactly as the database holds them, small counts "
        "included, as one Excel workbook (FILE.xlsx) or a folder of CSV files: the editor's copy to "
        "correct and load back with `ingest org`. Viewers' downloads on the Data & methods page withhold "
        "small counts instead.",
    )
    _add_db(export)
    export.add_argument("what", choices=["org"], help="what to export: the organisation's tables")
    export.add_argument("file", type=Path, metavar="FILE", help="a .xlsx workbook, or a folder for CSVs")
    export.set_defaults(func=cmd_export)

    upgrade = sub.add_parser(
        "upgrade",
        help="rebuild a database made by an earlier version in the current schema, keeping its data",
        description="Rebuild the database in the current schema with every row it holds and the "
        "small-count threshold it was built with, and swap it in atomically.",
    )
    _add_db(upgrade)
    upgrade.set_defaults(func=cmd_upgrade)

    words = sub.add_parser(
        "translations",
        help="list the strings marked for translation that a language's catalogue does not yet translate",
        description="Print each string the code marks for translation (_() and N_()) that the catalogues in "
        "equity/locale/LANG/LC_MESSAGES/ do not translate, with where it is; exit 1 if there is one.",
    )
    words.add_argument("--lang", default="es", help="the language to check (default: es)")
    words.set_defaults(func=cmd_translations)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
