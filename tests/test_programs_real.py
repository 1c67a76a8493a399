"""The Programs page on real public files and an organisation's own tables, as a coalition has them on its
first day: Rhode Island's census tracts and CDC/ATSDR SVI 2018 (../shared/data), and one program's tables
loaded with ``ingest org`` from the CSV templates, its people served by Rhode Island tract in 2021-2024.

Every part draws; the reach part compares the tracts the program serves, in its latest year beside SVI's
2018, and says so; "Did it work?" says plainly that one year of SVI, from before the program began,
cannot show a change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import shapely

from equity import db
from equity.ingest import ingest
from equity.views import programs as programs_view
from tests.helpers import page_views
from tests.test_ingest_org import export_templates
from tests.test_pages import run_page, texts

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TRACTS = SHARED / "boundaries" / "cb_2018_44_tract_500k.json"
SVI = SHARED / "svi" / "RI_tract_2018.csv"
PROGRAM = "mobile_clinic"
# Its own tables: the program, its lead partner, its sites, metrics, results, reach, aims and changes.
TABLES = ("partners", "programs", "program_sites", "program_metrics", "program_results", "program_reach",
          "program_indicators", "program_changes")  # fmt: skip

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def ri_program(demo_db, tmp_path_factory):
    """Rhode Island's tracts and SVI, and the demo's mobile clinic moved onto them: each demo tract's
    rows given a Rhode Island tract's id, its sites at those tracts' centres, its aim SVI's uninsured."""
    for file in (TRACTS, SVI):
        if not file.is_file():
            pytest.skip(f"the real file is not at {file}")
    folder = tmp_path_factory.mktemp("ri_program")
    path = folder / "equity.duckdb"
    ingest(path, "boundaries", [TRACTS])
    ingest(path, "svi", [SVI])
    con = db.connect_read_only(path)
    with db.cursor(con) as cur:
        ri = cur.execute("SELECT area_id, geometry FROM areas WHERE level = 'tract' ORDER BY area_id").df()
    con.close()
    demo = {t: pd.read_csv(f, dtype=str) for t, f in export_templates(demo_db, folder / "demo").items()}
    demo_tracts = sorted(set(demo["program_reach"]["area_id"]) | set(demo["program_sites"]["area_id"]))
    moved = dict(zip(demo_tracts, ri["area_id"], strict=False))
    centres = {
        a: shapely.from_wkb(bytes(g)).representative_point()
        for a, g in zip(ri["area_id"], ri["geometry"], strict=True)
    }

    own = {t: demo[t][demo[t]["program_id"] == PROGRAM].copy() for t in TABLES if "program_id" in demo[t]}
    own["program_results"] = demo["program_results"][
        demo["program_results"]["metric_id"].isin(own["program_metrics"]["metric_id"])
    ]
    own["partners"] = demo["partners"][
        demo["partners"]["partner_id"].isin(own["programs"]["lead_partner_id"])
    ]
    own["program_reach"]["area_id"] = own["program_reach"]["area_id"].map(moved)
    sites = own["program_sites"]
    sites["area_id"] = sites["area_id"].map(moved)
    sites["lon"] = [f"{centres[a].x:.5f}" for a in sites["area_id"]]
    sites["lat"] = [f"{centres[a].y:.5f}" for a in sites["area_id"]]
    own["program_indicators"] = own["program_indicators"].head(1).assign(indicator_id="svi_ep_uninsur")
    files = []
    for table in TABLES:
        own[table].dropna(subset=[c for c in ("area_id",) if c in own[table]]).to_csv(
            folder / f"{table}.csv", index=False
        )
        files.append(folder / f"{table}.csv")
    ingest(path, "org", files)
    shutil.rmtree(folder / "demo")
    return path


@pytest.mark.parametrize("view", page_views("pages/programs.py"))
def test_every_part_draws_on_real_tracts_and_the_organisations_own_tables(ri_program, monkeypatch, view):
    monkeypatch.setenv("EQUITY_DB", str(ri_program))
    at = run_page("pages/programs.py", view)
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    body = texts(at)
    assert "Fictional demo data" not in body
    drawn = at.session_state["_frame"].drawn
    family = {c: "results_" if c.startswith("results_") else c for c in drawn}
    assert {programs_view.CHART_PART[family[c]] for c in drawn} <= {view["part"]}
    if view["part"] == "results":
        assert "Rural Health on Wheels: its scorecard" in body
        assert any(c.startswith("results_") for c in drawn)
    if view["part"] == "reach":
        # Its reach is of 2021-2024, SVI of 2018: shown for 2024 beside 2018's need, and said so.
        assert "no people served" not in body
        notes = " ".join(c.value for c in at.caption)
        assert (
            "served are shown for 2024, the latest year its reach records" in notes and "are of 2018" in notes
        )
        assert {"reach", "reach_map", "reach_sites"} <= set(drawn)
        assert "The highest-need fifth of neighbourhoods" in body
    if view["part"] == "impact":
        # One year of SVI, 2018, before the program began: nothing after it, said plainly; no estimate.
        said = " ".join(i.value for i in at.info)
        assert (
            "There are no values of no health insurance" in said
            and "the year Rural Health on Wheels began, so it is too soon to say" in said
        ), said
        assert "impact_event" not in drawn
