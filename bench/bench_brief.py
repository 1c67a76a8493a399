"""Time to build the brief (HTML and PDF) of the demo's Overview and Disparities pages, and the files' sizes.

Each page is drawn once by Streamlit's AppTest on the full demo database (built here unless --db names
one), then its brief is built --runs times: the first build includes loading matplotlib and fpdf2.
Prints figures; asserts nothing about time.

    python bench/bench_brief.py [--db PATH] [--runs 3] [--pages overview disparities map programs]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="+", default=["overview", "disparities"])
    args = parser.parse_args()
    db = args.db
    if db is None:
        from equity.demo import build_demo

        db = Path(tempfile.mkdtemp()) / "demo.duckdb"
        build_demo(db)
    os.environ["EQUITY_DB"] = str(db)

    from pypdf import PdfReader  # a test dependency (requirements-dev.txt): the page count only
    from streamlit.testing.v1 import AppTest

    from equity import brief, ui

    print(f"database: {db}")
    print(f"{'page':<14}{'charts':>7}{'first html s':>14}{'html s':>9}{'html kB':>9}"
          f"{'first pdf s':>13}{'pdf s':>8}{'pdf kB':>8}{'pdf pages':>10}")  # fmt: skip
    for page in args.pages:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
        at.switch_page(f"pages/{page}.py").run()
        if at.exception:
            print(f"{page}: the page failed: {at.exception}")
            continue
        fr = at.session_state["_frame"]
        view = ui.brief_view(
            fr, "http://localhost:8501/" + ("" if page == "overview" else page), page.title()
        )
        times: dict[str, list[float]] = {"html": [], "pdf": []}
        sizes: dict[str, int] = {}
        out: dict[str, bytes] = {}
        for _ in range(max(1, args.runs)):
            for kind, build in (("html", brief.build_html), ("pdf", brief.build_pdf)):
                start = time.perf_counter()
                out[kind] = build([view])
                times[kind].append(time.perf_counter() - start)
                sizes[kind] = len(out[kind])
        pages = len(PdfReader(io.BytesIO(out["pdf"])).pages)
        charts = sum(b.kind == "chart" for b in view.blocks)
        html_s, pdf_s = later(times["html"]), later(times["pdf"])
        print(
            f"{page:<14}{charts:>7}{times['html'][0]:>14.2f}{html_s:>9.2f}{sizes['html'] / 1e3:>9.0f}"
            f"{times['pdf'][0]:>13.2f}{pdf_s:>8.2f}{sizes['pdf'] / 1e3:>8.0f}{pages:>10}"
        )


def later(times: list[float]) -> float:
    """The median of the builds after the first (the first alone where there is one)."""
    return statistics.median(times[1:]) if len(times) > 1 else times[0]


if __name__ == "__main__":
    main()
