"""Files that exhaust the machine: time and peak memory until each is refused. Asserts nothing.

Builds, in a temporary folder, the hostile files measured before the limits (equity/ingest/limits.py) at
their real sizes, with the builders the tests use at small sizes (tests/hostile.py):

* a boundary .zip of one GeoJSON, about 4.6 MB, expanding to 1 GiB (6.4 million features)
  (before: loaded after 90 s at a 7.0 GB peak);
* the same 1 GiB as a shapefile .zip (about 50 MB: its .shx compresses poorly), within the ratio;
* a 64 KB .xlsx whose rows reach column XFD (before: MemoryError after 92 s at 9.5 GB);
* a 4 MB .xlsx holding a 1 GiB sheet (before: still running at 300 s, 2.7 GB);
* a 7.9 MB CSV whose header names 1,000,000 columns (before: still running at 300 s, 2.2 GB);
* a 1 GiB CSV whose second line has no end.

Each is loaded, with the default limits, into a copy of a small database by a child process
(bench/_ingest_common.py) that reports its own time and peak memory (VmHWM); the database's sha256 is
compared before and after.

    python bench/bench_hostile_files.py
    python bench/bench_hostile_files.py --keep /tmp/hostile     # keep the files

Target: each refused within 10 s and 500 MB (the child's Python and its imports included).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _ingest_common import parser, run_ingest, work_dir  # noqa: E402

from tests import hostile  # noqa: E402

TARGET_SECONDS = 10
TARGET_MIB = 500
SQUARES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"GEOID": f"4400101{i:04d}"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x, 41.5], [x + 0.1, 41.5], [x + 0.1, 41.6], [x, 41.6], [x, 41.5]]],
            },
        }
        for i, x in enumerate((-71.5, -71.4))
    ],
}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus(work: Path) -> list[tuple[str, str, Path]]:
    """(what, kind, file) of each hostile file, built at full size."""
    return [
        (
            "boundary .zip, 1 GiB GeoJSON",
            "boundaries",
            hostile.geojson_zip(work / "tracts_bomb.zip", 6_400_000),
        ),
        (
            "boundary .zip, 1 GiB shapefile",
            "boundaries",
            hostile.shapefile_zip(work / "tracts_shapefile.zip", 6_400_000),
        ),
        ("workbook reaching column XFD", "org", hostile.xfd_workbook(work / "programs.xlsx", 6_000)),
        ("workbook of a 1 GiB sheet", "org", hostile.big_sheet_workbook(work / "partners.xlsx", 1024)),
        ("CSV, 1,000,000-column header", "indicators", hostile.wide_csv(work / "wide.csv", 1_000_000)),
        ("CSV, 1 GiB line", "indicators", hostile.long_line_csv(work / "long_line.csv", 1024)),
    ]


def size(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n / 1024:,.0f} KiB"


def main() -> None:
    args = parser(__doc__).parse_args()
    work, tmp = work_dir(args.keep)
    base = work / "base.duckdb"
    squares = work / "squares.json"
    squares.write_text(json.dumps(SQUARES))
    run_ingest(base, "boundaries", [squares])

    started = time.perf_counter()
    files = corpus(work)
    print(f"corpus built in {time.perf_counter() - started:.0f} s in {work}")
    rows, met = [], True
    for what, kind, file in files:
        expanded = (
            sum(m.file_size for m in zipfile.ZipFile(file).infolist())
            if zipfile.is_zipfile(file)
            else file.stat().st_size
        )
        db = work / "equity.duckdb"
        shutil.copyfile(base, db)
        before = sha(db)
        r = run_ingest(db, kind, [file], refusal=True)
        unchanged = sha(db) == before
        ok = "error" in r and r["seconds"] < TARGET_SECONDS and r["peak_mib"] < TARGET_MIB and unchanged
        met &= ok
        rows.append((what, file, expanded, r, unchanged, ok))
        print(
            f"\n{what}: {file.name}, {size(file.stat().st_size)} on disk, {size(expanded)} expanded\n"
            f"  {'refused' if 'error' in r else 'LOADED'} in {r['seconds']:.2f} s "
            f"(child wall {r['wall_seconds']:.1f} s incl. {r['import_seconds']:.1f} s imports), "
            f"peak {r['peak_mib']:,.0f} MiB; database {'unchanged' if unchanged else 'CHANGED'}; "
            f"target {'met' if ok else 'NOT met'}"
        )
        print(f"  {r.get('error') or '; '.join(r['lines'])}")
    print(
        f"\ntarget (each refused within {TARGET_SECONDS} s and {TARGET_MIB} MiB, database unchanged): "
        + ("met" if met else "NOT met")
    )
    print("\n| file | on disk | expanded | refused in | peak |\n|---|---|---|---|---|")
    for what, file, expanded, r, _, _ in rows:
        print(
            f"| {what} | {size(file.stat().st_size)} | {size(expanded)} | {r['seconds']:.2f} s | "
            f"{r['peak_mib']:,.0f} MiB |"
        )
    if not args.keep:
        tmp.cleanup()


if __name__ == "__main__":
    main()
