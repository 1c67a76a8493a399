"""What "Did it work?" costs (equity/impact.py), at the demo's size and at a large state's.

For N areas over six years (2019-2024), a program that began in 2022 and serves a tenth of them, with a
fifth of the values missing (so the demeaning iterates, as on real data), times over several runs:
- ``did``: the difference-in-differences estimate, area and year effects absorbed, errors clustered;
- ``event_study``: one term per year around the start, and the parallel-trends F test;
- ``segmented``: the interrupted time series of 60 monthly results (its size does not grow with N).
Prints each median beside the target; asserts nothing.

    python bench/bench_impact.py [--areas 240 9000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from equity import impact  # noqa: E402

TARGET = 1.0  # seconds for the three estimates together, drawn on each run of the Programs page
YEARS = range(2019, 2025)
START = 2022


def values(n: int, rng: np.random.Generator) -> pd.DataFrame:
    area = np.repeat(np.arange(n), len(YEARS))
    year = np.tile(np.array(YEARS), n)
    served = area < max(5, n // 10)
    y = rng.normal(20, 5, n)[area] + 0.4 * (year - 2019) + rng.normal(0, 1.5, len(area))
    y = y - 1.5 * (served & (year >= START))
    y[rng.random(len(y)) < 0.2] = np.nan
    return pd.DataFrame(
        {"area_id": [f"a{i:05d}" for i in area], "period": year, "value": y, "served": served}
    )


def monthly(rng: np.random.Generator) -> pd.DataFrame:
    months = pd.date_range("2021-01-01", periods=60, freq="MS")
    t = np.arange(60)
    y = 40 + 0.2 * t + np.where(t >= 42, 0.4 * (t - 42), 0) + rng.normal(0, 2, 60)
    return pd.DataFrame({"period": months, "value": y})


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, nargs="+", default=[240, 9000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(11)
    impact.did(values(240, rng), START)  # warm: statsmodels' first fit loads what it needs
    series = monthly(rng)
    for n in args.areas:
        df = values(n, rng)
        did = timed(lambda df=df: impact.did(df, START), args.runs)
        study = timed(lambda df=df: impact.event_study(df, START), args.runs)
        its = timed(lambda: impact.segmented(series, "2024-07-01"), args.runs)
        est = impact.did(df, START)
        total = did + study + its
        print(
            f"{n:>6,} areas, {df['value'].notna().sum():>7,} values: did {did:.3f} s, "
            f"event study {study:.3f} s, "
            f"segmented {its:.3f} s; together {total:.3f} s (target {TARGET:.1f} s: "
            f"{'within' if total <= TARGET else 'OVER'}); estimate {est.estimate:+.2f} "
            f"(95% CI {est.ci_low:+.2f} to {est.ci_high:+.2f}; true -1.50)"
        )


if __name__ == "__main__":
    main()
