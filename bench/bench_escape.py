"""What escaping every figure costs (equity.safety.figure, run on every chart a page draws).

Builds the map figure the dashboard draws for a state of N tracts (the largest state, Texas-sized
by default: 9,231) from synthetic square tracts, then times, over several runs:
- building the figure (equity.maps.choropleth),
- escaping it (safety.figure: every string walked and escaped, then a validated copy),
- serialising it as Streamlit does (plotly.io.to_json), for scale.
Prints figures beside the target; asserts nothing.

    python bench/bench_escape.py [--tracts 9231] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from equity import maps, safety  # noqa: E402

TARGET = 0.25  # escaping should cost at most a quarter of what serialising the figure already does


def synthetic(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(1)
    side = int(np.ceil(np.sqrt(n)))
    boxes = [
        shapely.Polygon(
            [(x, y) for x, y in zip(
                -100 + (i % side) * 0.01 + 0.01 * np.cos(np.linspace(0, 2 * np.pi, 40)),
                30 + (i // side) * 0.01 + 0.01 * np.sin(np.linspace(0, 2 * np.pi, 40)),
                strict=True,
            )]
        )
        for i in range(n)
    ]  # fmt: skip
    ids = [f"48{i:09d}" for i in range(n)]
    areas = pd.DataFrame(
        {
            "area_id": ids,
            "name": [f"Census Tract {i / 100:.2f}, Some County & Co <x>" for i in range(n)],
            "population": rng.integers(1000, 8000, n),
            "geometry_drawn": shapely.to_wkb(boxes),
        }
    )
    values = pd.DataFrame(
        {
            "area_id": ids,
            "value": rng.uniform(2, 40, n),
            "ci_low": np.nan,
            "ci_high": np.nan,
            "flag": rng.choice([None, "unreliable", "suppressed"], n, p=[0.8, 0.1, 0.1]),
        }
    )
    values.loc[values["flag"].eq("suppressed"), "value"] = np.nan
    return areas, values


def timed(fn, runs: int) -> tuple[float, float, float, object]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), max(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tracts", type=int, default=9231)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    areas, values = synthetic(args.tracts)

    def build():
        return maps.choropleth(
            areas, values, None, label="Uninsured", unit="percent", higher_is_worse=True,
            title="Uninsured by tract", subtitle="Source: bench",
        )  # fmt: skip

    b = timed(build, args.runs)
    fig = b[3]
    # A fresh copy each run: a figure is escaped once, in place.
    copies = [go.Figure(fig) for _ in range(args.runs)]
    e = timed(lambda: safety.figure(copies.pop()), args.runs)
    s = timed(lambda: pio.to_json(fig, validate=False), args.runs)
    size = len(pio.to_json(fig, validate=False))
    print(
        f"map of {args.tracts:,} tracts, {size:,} bytes of figure JSON, {args.runs} runs (min / median / max)"
    )
    for name, (lo, med, hi, _) in (("build the figure", b), ("escape it", e), ("serialise it", s)):
        print(f"  {name:<18} {lo:7.4f} / {med:7.4f} / {hi:7.4f} s")
    ratio = e[1] / s[1]
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"  escaping / serialising: {ratio:.2f} (target at most {TARGET:.2f}: {verdict})")


if __name__ == "__main__":
    main()
