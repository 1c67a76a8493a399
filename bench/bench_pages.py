"""Time to first chart per page in headless Chromium, cold and warm, beside a trivial one-chart page.

Also prints the map figure's size in bytes and the server's memory after every page was visited.
Prints figures; asserts nothing about time. Needs Debian's chromium and `pip install playwright`.

    python bench/bench_pages.py [--runs 3] [--pages /programs /partnerships]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = [
    "/",
    "/map",
    "/disparities",
    "/programs",
    "/partnerships",
    "/community",
    "/lessons",
    "/meeting",
    "/methods",
]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def start(script: Path, env: dict) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/_stcore/health", timeout=1)
            return proc, base
        except OSError:
            time.sleep(0.25)
    raise RuntimeError("server did not start")


def first_chart(browser, url: str) -> float:
    """Seconds from navigation until the first Plotly chart has drawn (methods: its definitions; lessons,
    which draws no chart: its first lesson)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    started = time.perf_counter()
    page.goto(url)
    if url.endswith("/methods"):
        page.wait_for_selector("[data-testid='stExpander']", timeout=120_000)
    elif url.endswith("/lessons"):
        page.wait_for_selector("section.lesson", timeout=120_000)
    else:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    took = time.perf_counter() - started
    ctx.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", default=PAGES, help="the pages to time (default: all)")
    args = parser.parse_args()
    from equity import db, maps, queries
    from equity.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "equity.duckdb"
        build_demo(path)
        env = {**os.environ, "EQUITY_DB": str(path)}
        con = db.connect_read_only(path)
        areas = queries.run(con, "map_areas", {"level": "tract", "region": "99"})
        values = queries.run(
            con, "map_values", {"ind": "uninsured", "year": 2024, "level": "tract", "region": "99"}
        )
        sites = queries.run(con, "sites", {"region": "99"})
        fig = maps.choropleth(
            areas, values, sites, label="x", unit="percent", higher_is_worse=True, title="t", subtitle="s"
        )
        print(f"map figure (240 tracts, sites): {len(fig.to_json().encode()):,} bytes as JSON")
        con.close()

        chromium = shutil.which("chromium")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            floor_proc, floor = start(ROOT / "bench" / "floor_app.py", env)
            floor_times = [first_chart(browser, floor + "/") for _ in range(args.runs + 1)]
            floor_proc.terminate()
            print(
                f"floor (one-chart page): cold {floor_times[0]:.2f} s, "
                f"warm median {statistics.median(floor_times[1:]):.2f} s"
            )

            proc, base = start(ROOT / "dashboard.py", env)
            print(f"{'page':<32}{'cold s':>8}{'warm s':>8}")
            for page in args.pages:
                times = [first_chart(browser, base + page) for _ in range(args.runs + 1)]
                print(f"{page:<32}{times[0]:>8.2f}{statistics.median(times[1:]):>8.2f}")
            rss = psutil.Process(proc.pid).memory_info().rss
            print(f"server memory after every page: {rss / 2**20:.0f} MiB RSS")
            print(
                json.dumps(
                    {"floor_warm_s": statistics.median(floor_times[1:]), "server_rss_mib": rss / 2**20}
                )
            )
            proc.terminate()
            browser.close()


if __name__ == "__main__":
    main()
