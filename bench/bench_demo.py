"""Demo build time: builds the default demo a few times and prints each time. Asserts nothing."""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from equity.demo import build_demo  # noqa: E402


def main(runs: int = 3) -> None:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            path = Path(tmp) / f"demo{i}.duckdb"
            started = time.perf_counter()
            counts = build_demo(path)
            times.append(time.perf_counter() - started)
            size = path.stat().st_size
    print(
        f"demo build (240 tracts): median {statistics.median(times):.2f} s over {runs} runs "
        f"(min {min(times):.2f}, max {max(times):.2f}); file {size / 1e6:.1f} MB"
    )
    print("rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))


if __name__ == "__main__":
    main()
