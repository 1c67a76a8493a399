"""Loads of the real public files in ../shared/data: time, peak memory and database size. Asserts nothing.

Each sample the README's "Loading your own data" names is loaded the way a coalition loads it, by
``ingest(db, kind, [file])`` in a fresh Python (bench/_ingest_common.py), a few times, each time into a
fresh database: an empty one, or for values that join boundaries, a fresh copy of a database holding
only those boundaries (built once, beforehand). A sample that is absent is skipped, saying so.

    python bench/bench_load_real.py                  # 3 runs of each
    python bench/bench_load_real.py --runs 5
    python bench/bench_load_real.py --data /path/to/shared/data

Targets, on a 2-core machine: a single public file loads in under 30 s (the load itself, imports apart)
within 1 GiB peak RSS (the child's Python and its imports included), and the database it leaves is under
64 MiB: a file to copy and open on a laptop.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _ingest_common import ROOT, parser, run_ingest, work_dir  # noqa: E402

TARGET_SECONDS = 30
TARGET_MIB = 1024
TARGET_DB_MIB = 64
DATA = ROOT.parent / "shared" / "data"
US_COUNTIES = "boundaries/counties-10m.json"
RI_TRACTS = "boundaries/cb_2018_44_tract_500k.json"


@dataclass(frozen=True)
class Sample:
    what: str
    kind: str
    file: str  # relative to the data folder
    base: str | None = None  # boundaries loaded first (once), relative to the data folder


SAMPLES = [
    Sample("US county boundaries (TopoJSON)", "boundaries", US_COUNTIES),
    Sample("SVI 2020, US counties", "svi", "svi/SVI2020_US_COUNTY.csv", US_COUNTIES),
    Sample("RI tract boundaries (GeoJSON)", "boundaries", RI_TRACTS),
    Sample("SVI 2018, RI tracts", "svi", "svi/RI_tract_2018.csv", RI_TRACTS),
    Sample("ACS DP03, Bexar tracts", "acs", "acs/ACSDP5Y2021.DP03-Data.csv"),
    Sample("ACS S1903, Bexar tracts", "acs", "acs/ACSST5Y2021.S1903-Data.csv"),
    Sample("WONDER cervical cancer, states", "wonder", "wonder/CDC_Wonder_Cervical_Cancer-Race_State.csv"),
    Sample("CHR 2010, US counties", "chr", "chr/analytic_data2010.csv", US_COUNTIES),
    Sample("PLACES county sample", "places", "places/PLACES_Dataset_5counties.csv", US_COUNTIES),
]


def size(n: float) -> str:
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n / 1024:,.0f} KiB"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    options = parser(__doc__)
    options.add_argument("--runs", type=int, default=3, help="loads of each sample, each into a new database")
    options.add_argument("--data", type=Path, default=DATA, help="the real files (default: %(default)s)")
    args = options.parse_args()
    work, tmp = work_dir(args.keep)
    data = args.data
    print(f"real files from {data}; {args.runs} runs of each load, each into a fresh database\n")

    bases: dict[str, Path | None] = {}
    rows, met = [], True
    for s in SAMPLES:
        file = data / s.file
        if not file.is_file():
            print(f"{s.what}: skipped, {file} is absent")
            continue
        if s.base and s.base not in bases:
            base_file = data / s.base
            bases[s.base] = None
            if base_file.is_file():
                path = work / f"base-{base_file.stem}.duckdb"
                path.unlink(missing_ok=True)
                run_ingest(path, "boundaries", [base_file])
                bases[s.base] = path
        base = bases.get(s.base) if s.base else None
        if s.base and base is None:
            print(f"{s.what}: skipped, its boundaries {data / s.base} are absent")
            continue

        results = []
        db = work / "equity.duckdb"
        for _ in range(args.runs):
            db.unlink(missing_ok=True)
            if base:
                shutil.copyfile(base, db)
            results.append(run_ingest(db, s.kind, [file]))
        secs = [r["seconds"] for r in results]
        peak = max(r["peak_mib"] for r in results)
        db_bytes = db.stat().st_size
        ok_time, ok_mem = max(secs) < TARGET_SECONDS, peak < TARGET_MIB
        ok_db = db_bytes < TARGET_DB_MIB * 2**20
        met &= ok_time and ok_mem and ok_db
        rows.append((s, file, secs, peak, db_bytes, base, ok_time, ok_mem, ok_db))
        wall = statistics.median(r["wall_seconds"] for r in results)
        imports = statistics.median(r["import_seconds"] for r in results)
        onto = " into an empty database"
        if base:
            onto = f" onto {Path(s.base).name} ({size(base.stat().st_size)})"
        print(
            f"{s.what}: {s.kind} {file.name}, {size(file.stat().st_size)}{onto}\n  load "
            f"{min(secs):.2f} / {statistics.median(secs):.2f} / {max(secs):.2f} s (min / median / max; "
            f"child wall {wall:.1f} s incl. {imports:.1f} s imports; target < {TARGET_SECONDS} s: "
            f"{verdict(ok_time)}), peak RSS {peak:,.0f} MiB (target < {TARGET_MIB} MiB: {verdict(ok_mem)}), "
            f"database {size(db_bytes)} (target < {TARGET_DB_MIB} MiB: {verdict(ok_db)})"
        )
        lines = results[-1]["lines"]
        for line in lines[1:3] or lines[:1]:
            print(f"  report: {line[:200]}{'…' if len(line) > 200 else ''}")

    print(
        f"\ntargets (each load < {TARGET_SECONDS} s, < {TARGET_MIB} MiB peak, "
        f"database < {TARGET_DB_MIB} MiB): " + (verdict(met) if rows else "nothing measured")
    )
    if rows:
        print(
            f"\n| load | kind | file | onto | load s, min / median / max (< {TARGET_SECONDS}) | "
            f"peak RSS (< {TARGET_MIB} MiB) | database (< {TARGET_DB_MIB} MiB) | targets |\n"
            "|---|---|---|---|---|---|---|---|"
        )
        for s, file, secs, peak, db_bytes, base, ok_time, ok_mem, ok_db in rows:
            onto = f"{Path(s.base).name} ({size(base.stat().st_size)})" if base else "empty"
            missed = [n for n, ok in (("time", ok_time), ("memory", ok_mem), ("size", ok_db)) if not ok]
            print(
                f"| {s.what} | {s.kind} | {size(file.stat().st_size)} | {onto} | "
                f"{min(secs):.2f} / {statistics.median(secs):.2f} / {max(secs):.2f} | {peak:,.0f} MiB | "
                f"{size(db_bytes)} | {'met' if not missed else 'NOT met: ' + ', '.join(missed)} |"
            )
    if not args.keep:
        tmp.cleanup()


if __name__ == "__main__":
    main()
