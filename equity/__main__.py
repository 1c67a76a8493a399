"""Command line: ``python -m equity COMMAND``; each command takes ``--help`` and ``--db PATH``."""

from __future__ import annotations

import argparse
import sys
import time

from equity import db, queries


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


def cmd_info(args: argparse.Namespace) -> int:
    path = db.db_path(args.db)
    try:
        con = db.connect_read_only(path)
    except db.DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
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
            rows = f"{int(s.rows):,} rows" if s.rows == s.rows and s.rows is not None else "rows unknown"
            print(f"  {s.name} — {s.publisher}, vintage {s.vintage}, {rows}")
        print("\nAreas by level:")
        for r in queries.run(con, "areas_by_level").itertuples():
            print(f"  {r.level:<8} {r.areas:>7,} areas, population {int(r.population or 0):,}")
        print("\nRows:")
        for r in queries.run(con, "table_counts").itertuples():
            print(f"  {r.table_name:<18} {r.rows:>10,}")
        years = queries.run(con, "years")["year"].tolist()
        if years:
            print(f"\nIndicator years: {years[0]}–{years[-1]}")
    finally:
        con.close()
    return 0


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

    info = sub.add_parser(
        "info",
        help="what the database holds: sources, vintages, row counts, areas",
        description="Print what the database holds.",
    )
    _add_db(info)
    info.set_defaults(func=cmd_info)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
