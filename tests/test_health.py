"""The health of the partnership (issue 12 §3): its tables' checks with hostile files, the small-count rule
on section scores (a property test), the network measures against hand-computed answers, and the
partnerships page's section on the demo, without these tables' rows, and with hostile URL values."""

from __future__ import annotations

import math
import shutil

import duckdb
import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from equity import db, downloads, health, queries, schema
from equity.ingest import IngestError, ingest, org
from equity.views import health as health_view
from tests.test_pages import charts, run_page, texts

PARTNERS = "partner_id,name,kind\na,Alpha Clinic,health_system\nb,Beta Alliance,community_organization\n"
ITEMS = (
    "item_id,instrument,section,item_text,scale_min,scale_max\n"
    "t1,Wilder,Mutual respect,Partners trust each other,1,5\n"
    "t2,Wilder,Mutual respect,Partners understand each other,1,5\n"
    "f1,Wilder,Sufficient funds,Enough staff time,1,5\n"
)
ROUNDS = "round_id,label,opened_on,closed_on\nr1,Spring 2024,2024-03-01,2024-03-29\n"
RESPONSES = "round_id,respondent_id,item_id,rating\nr1,x1,t1,4\nr1,x1,t2,\nr1,x2,f1,2\n"
TIES = "round_id,from_partner_id,to_partner_id,trust,value\nr1,a,b,3,4\nr1,b,a,,\n"
GOOD = {
    "partners": PARTNERS,
    "survey_items": ITEMS,
    "survey_rounds": ROUNDS,
    "survey_responses": RESPONSES,
    "partner_ties": TIES,
}


def write_tables(folder, tables: dict[str, str]):
    folder.mkdir(exist_ok=True)
    paths = []
    for table, body in tables.items():
        path = folder / f"{table}.csv"
        path.write_text(body)
        paths.append(path)
    return paths


@pytest.fixture
def fresh(schema_only_db, tmp_path):
    """A database of the schema alone (not the demo), to load into."""
    path = tmp_path / "equity.duckdb"
    shutil.copy(schema_only_db, path)
    return path


def test_good_tables_load(fresh, tmp_path):
    ingest(fresh, "org", write_tables(tmp_path / "in", GOOD))
    con = db.connect_read_only(fresh)
    try:
        assert len(queries.run(con, "health_ties")) == 2
        sections = queries.run(con, "health_sections")
        assert sections["few_respondents"].all()  # one person each: nothing shown
        assert sections["mean_score"].isna().all() and sections["respondents"].isna().all()
        rounds = queries.run(con, "health_rounds")
        assert rounds["respondents"].isna().all() and rounds["few_respondents"].all()
    finally:
        con.close()


# Each hostile file: the table it replaces, the text it holds, what the refusal says, and where.
HOSTILE = [
    ("survey_responses", RESPONSES.replace("t1,4", "t1,6"), "off its item's scale", "rating", 2),
    ("survey_responses", RESPONSES.replace("f1,2", "f1,0"), "off its item's scale", "rating", 4),
    ("survey_responses", RESPONSES.replace("t1,4", "t1,4.5"), "not a whole number", "rating", 2),
    ("survey_responses", RESPONSES.replace("f1,2", "zz,2"), "unknown item", "item_id", 4),
    ("survey_responses", RESPONSES.replace("r1,x2", "r9,x2"), "unknown round", "round_id", 4),
    ("survey_responses", RESPONSES + "r1,x1,t1,3\n", "same round_id and respondent_id and item_id", None, 5),
    ("partner_ties", TIES.replace("r1,b,a", "r1,b,zz"), "unknown partner", "to_partner_id", 3),
    ("partner_ties", TIES.replace("r1,b,a", "r1,b,b"), "tie to itself", "to_partner_id", 3),
    ("partner_ties", TIES.replace("3,4", "5,4"), "out of range", "trust", 2),
    ("partner_ties", TIES.replace("3,4", "3,0"), "out of range", "value", 2),
    ("survey_items", ITEMS.replace("staff time,1,5", "staff time,5,5"), "not above", "scale_max", 4),
    ("survey_items", ITEMS.replace("understand each other,1,5", "understand each other,1,7"),
     "share one scale", "scale_max", 3),
    ("survey_items", ITEMS.replace(",1,5\nf1", ",-1,5\nf1"), "out of range", "scale_min", 3),
    ("survey_rounds", ROUNDS.replace("2024-03-01", "March 1"), "not a date", "opened_on", 2),
]  # fmt: skip


@pytest.mark.parametrize(("table", "body", "problem", "column", "row"), HOSTILE)
def test_hostile_files_are_refused_with_file_row_and_column(
    fresh, tmp_path, table, body, problem, column, row
):
    before = fresh.read_bytes()
    files = write_tables(tmp_path / "in", {**GOOD, table: body})
    with pytest.raises(IngestError) as caught:
        ingest(fresh, "org", files)
    message = str(caught.value)
    assert problem in message and f"{table}.csv" in message, message
    assert f"row {row}" in message, message
    if column:
        assert column in message, message
    assert fresh.read_bytes() == before  # all or nothing


def test_references_hold_both_ways_against_the_kept_tables(fresh, tmp_path):
    ingest(fresh, "org", write_tables(tmp_path / "in", GOOD))
    # Items that drop one the kept ratings use: refused, naming the kept table.
    fewer = ITEMS.replace("f1,Wilder,Sufficient funds,Enough staff time,1,5\n", "")
    with pytest.raises(IngestError, match="survey_responses.*still refer"):
        ingest(fresh, "org", write_tables(tmp_path / "a", {"survey_items": fewer}))
    # Ratings loaded alone are checked against the kept items' scales.
    with pytest.raises(IngestError, match="off its item's scale"):
        ingest(
            fresh,
            "org",
            write_tables(tmp_path / "b", {"survey_responses": RESPONSES.replace("t1,4", "t1,9")}),
        )
    # Items loaded alone are checked against the kept ratings.
    narrow = ITEMS.replace("trust each other,1,5", "trust each other,1,3").replace(
        "understand each other,1,5", "understand each other,1,3"
    )
    with pytest.raises(IngestError, match="off the new scale"):
        ingest(fresh, "org", write_tables(tmp_path / "c", {"survey_items": narrow}))
    # A partner the kept ties name cannot be dropped.
    alone = PARTNERS.replace("b,Beta Alliance,community_organization\n", "")
    with pytest.raises(IngestError, match="partner_ties.*still refer"):
        ingest(fresh, "org", write_tables(tmp_path / "d", {"partners": alone}))


def test_a_database_built_before_these_tables_is_sent_to_upgrade(tmp_path, schema_only_db):
    path = tmp_path / "old.duckdb"
    shutil.copy(schema_only_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DROP TABLE partner_ties")
    with pytest.raises(db.DatabaseError, match="partner_ties.trust.*upgrade"):
        db.connect_read_only(path)


def test_viewers_never_get_individual_ratings_in_a_template(demo_con):
    assert "FROM published_survey_responses" in queries.sql("org_template_survey_responses")
    frames = org.template_frames(demo_con)
    assert frames["survey_responses"].empty
    assert list(frames["survey_responses"].columns) == schema.ORG_TABLES["survey_responses"].names
    assert len(org.template_frames(demo_con, raw=True)["survey_responses"]) > 0  # editors export them


# ---- the small-count rule on section scores ------------------------------------------------------------

SCHEMA = schema.PATH.read_text()


def _database(min_count: int, counts: list[int], ratings) -> duckdb.DuckDBPyConnection:
    """An in-memory database of the schema: one round, a section per count with that many respondents."""
    con = duckdb.connect(":memory:")
    con.execute(SCHEMA)
    con.execute("INSERT INTO meta VALUES ('min_count', ?)", [str(min_count)])
    con.execute("INSERT INTO survey_rounds VALUES ('r1', 'Spring', DATE '2025-03-01', NULL)")
    con.execute("INSERT INTO survey_rounds VALUES ('r0', 'Autumn', DATE '2024-09-01', NULL)")
    rows = []
    for s, n in enumerate(counts):
        for j in range(2):
            con.execute(
                "INSERT INTO survey_items VALUES (?, 'Wilder', ?, 'item', 1, 5)", [f"s{s}i{j}", f"S{s}"]
            )
        for p in range(n):
            for j in range(2):
                rating = None if (p + j) % 5 == 4 and j else ratings[(s * 7 + p * 3 + j) % len(ratings)]
                for round_id in ("r0", "r1"):
                    rows.append((round_id, f"p{s}_{p}", f"s{s}i{j}", rating))
    if rows:
        con.executemany("INSERT INTO survey_responses VALUES (?, ?, ?, ?)", rows)
    return con


@settings(max_examples=25)
@given(
    min_count=st.integers(min_value=2, max_value=25),
    counts=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=5),
    ratings=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=9),
)
def test_no_section_score_from_fewer_respondents_than_the_threshold(min_count, counts, ratings):
    con = _database(min_count, counts, ratings)
    sections = con.execute(queries.sql("health_sections")).df()
    con.close()
    scored = health.section_scores(sections, "r1", "r0")
    table = health.section_table(scored)
    download = health.section_download(scored, "Spring")
    csv = downloads.read_any(downloads.csv(download, min_count), "x.csv")["x.csv"]
    fig = health.sections_chart(
        scored, title="t", subtitle="s", round_label="Spring", previous_label="Autumn"
    )
    drawn = {y for trace in fig.data if trace.mode != "text" for y in (trace.y or ())}
    for s, n in enumerate(counts):
        name = f"S{s}"
        i = scored.index[scored["section"] == name][0]
        few = n < min_count
        assert bool(scored.at[i, "few"]) == few
        row = csv[csv["section"] == name].iloc[0]
        figures = ["respondents", "mean_score", "ci_low", "ci_high", "sd_score", "previous_mean_score"]
        if few:
            assert table.at[i, "Score"] == health.TOO_FEW
            assert all(row[c] == "" for c in figures), row
            assert name not in drawn
            assert math.isnan(scored.at[i, "score"])
        else:
            assert row["mean_score"] != "" and int(row["respondents"]) == n
            assert name in drawn
    assert not (pd.to_numeric(csv["respondents"], errors="coerce").between(1, min_count - 1)).any()


def test_a_section_score_is_the_mean_of_respondents_means():
    """Two items, three people (threshold 2): people's section scores 4, 2 and 3 (one answered one item)."""
    con = duckdb.connect(":memory:")
    con.execute(SCHEMA)
    con.execute("INSERT INTO meta VALUES ('min_count', '2')")
    con.execute("INSERT INTO survey_rounds VALUES ('r1', 'Spring', DATE '2025-03-01', NULL)")
    con.execute("INSERT INTO survey_items VALUES ('a', 'W', 'S', 'x', 1, 5), ('b', 'W', 'S', 'y', 1, 5)")
    con.execute(
        "INSERT INTO survey_responses VALUES ('r1','p','a',5), ('r1','p','b',3), ('r1','q','a',2), "
        "('r1','q','b',2), ('r1','r','a',3), ('r1','r','b',NULL)"
    )
    row = con.execute(queries.sql("health_sections")).df().iloc[0]
    con.close()
    assert (
        row.respondents == 3 and row.mean_score == pytest.approx(3.0) and row.sd_score == pytest.approx(1.0)
    )
    low, high = health._interval(3.0, 1.0, 3)
    assert (low, high) == pytest.approx((3 - 4.302653 / math.sqrt(3), 3 + 4.302653 / math.sqrt(3)))


@pytest.mark.parametrize(
    ("sd", "words"),
    [(0.4, "Largely agree"), (0.59, "Largely agree"), (0.61, "Views differ"), (0.99, "Views differ"),
     (1.0, "Disagree widely")],
)  # fmt: skip
def test_spread_in_words_on_a_five_point_scale(sd, words):
    assert health.spread_words(sd, 1, 5).startswith(words)


# ---- the network, by hand ------------------------------------------------------------------------------


def _graph(edges, nodes):
    g = nx.Graph()
    g.add_nodes_from((n, {"name": n.upper()}) for n in nodes)
    g.add_edges_from(edges)
    return g


# graph, density (2L / n(n-1)), Freeman degree centralization (sum(max - d) / ((n-1)(n-2))), on the edge
NETWORKS = [
    ("star of 5", [("a", b) for b in "bcde"], "abcde", 4 / 10, 1.0, []),
    ("path of 4", [("a", "b"), ("b", "c"), ("c", "d")], "abcd", 3 / 6, 2 / 6, []),
    ("one far out", [(a, b) for a in "abcd" for b in "abcd" if a < b] + [("a", "e")], "abcde", 7 / 10,
     (0 + 1 + 1 + 1 + 3) / 12, ["e"]),
    ("complete 4", [(a, b) for a in "abcd" for b in "abcd" if a < b], "abcd", 1.0, 0.0, []),
    ("triangle and one alone", [("a", "b"), ("b", "c"), ("a", "c")], "abcd", 3 / 6, 2 / 6, ["d"]),
    ("two", [("a", "b")], "ab", 1.0, 0.0, []),
]  # fmt: skip


@pytest.mark.parametrize(("name", "edges", "nodes", "dens", "cent", "edge"), NETWORKS)
def test_density_centralization_and_the_edge_by_hand(name, edges, nodes, dens, cent, edge):
    g = _graph(edges, nodes)
    assert health.density(g) == pytest.approx(dens)
    assert health.centralization(g) == pytest.approx(cent)
    assert health.on_the_edge(g) == edge


def test_links_come_from_shared_programs_and_reported_ties_and_pairs_apart_are_flagged():
    partners = pd.DataFrame({"partner_id": list("abcd"), "name": ["A", "B", "C", "D"]})
    shared = pd.DataFrame({"partner_a": ["a"], "partner_b": ["b"], "program_names": ["Clinic"]})
    ties = pd.DataFrame(
        {
            "round_id": "r1",
            "from_partner_id": ["a", "b", "c", "c"],
            "from_partner": ["A", "B", "C", "C"],
            "to_partner_id": ["b", "a", "a", "c"],  # c to itself: never a link
            "to_partner": ["B", "A", "A", "C"],
            "trust": pd.array([4, 1, 3, 4], dtype="Int64"),
            "value": pd.array([3, 3, pd.NA, 4], dtype="Int64"),
        }
    )
    g = health.works_with(partners, shared, ties)
    assert sorted(tuple(sorted(e)) for e in g.edges) == [("a", "b"), ("a", "c")]
    assert g.edges["a", "b"]["named"] and g.edges["a", "b"]["program"] == "Clinic"
    m = health.measures(g, ties[ties["from_partner_id"] != ties["to_partner_id"]], None)
    assert (m.links, m.possible, m.density) == (2, 6, pytest.approx(2 / 6))
    assert m.central == ["A"] and m.edge == ["D"]
    assert m.pairs.values.tolist() == [["A", "B", "4", "1", "3", "3"]]  # trust 4 against 1: flagged
    assert m.trust == pytest.approx((4 + 1 + 3) / 3)
    assert health.layout(g) == health.layout(g)  # seeded: the same picture every run


# ---- the page ------------------------------------------------------------------------------------------


def test_the_demo_tells_the_story(demo_con):
    q = {
        n: queries.run(demo_con, f"health_{n}")
        for n in ("rounds", "sections", "items", "partners", "shared", "ties")
    }
    v = health_view.view(
        q["rounds"],
        q["sections"],
        q["items"],
        q["partners"],
        q["shared"],
        q["ties"],
        round_id=None,
        min_count=11,
    )
    assert v.round_id == "2025_spring"
    assert "“Sufficient funds, staff, materials, and time” weakest" in v.takeaway
    assert "“Mutual respect, understanding, and trust” rose most since Spring 2024" in v.takeaway
    assert "disagree most about “Open and frequent communication”" in v.disagreement
    assert "Multiple layers of participation" in v.few and health.TOO_FEW in v.few
    assert "Birch Valley Unified School District" in v.network_takeaway.split("and ")[-1]
    assert "it was" in v.trust  # trust rose between the rounds
    assert "Elm County Neighborhood Council" in v.pairs.iloc[:, :2].values
    assert "individual" not in v.method


def test_the_section_draws_on_the_demo_with_its_charts_and_downloads(on_demo):
    at = run_page("pages/partnerships.py", {"part": "health"})
    assert not at.exception, at.exception
    body = texts(at)
    assert health.HEADING in body and "weakest" in body and "on the edge" in body
    fr = at.session_state["_frame"]
    assert {"health_sections", "health_network"} <= set(fr.drawn)
    titles = [c.proto.spec for c in charts(at)]
    assert any("weakest first" in t for t in titles) and any("Who works with whom" in t for t in titles)
    assert not at.warning


def test_the_round_in_the_url_chooses_the_view(on_demo):
    at = run_page("pages/partnerships.py", {"part": "health", "round": "2024_spring"})
    assert not at.exception, at.exception
    body = texts(at)
    assert "In Spring 2024, partners rated" in body and not at.warning


@pytest.mark.parametrize(
    "value",
    ["no_such_round", "<script>alert(1)</script>", "'; DROP TABLE survey_items; --", "x" * 5000,
     "2025_spring\u202e"],
)  # fmt: skip
def test_hostile_round_values_fall_back_with_a_notice(on_demo, demo_db, value):
    before = demo_db.read_bytes()
    at = run_page("pages/partnerships.py", {"part": "health", "round": value})
    assert not at.exception, at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert "instead" in warnings or "could not be read" in warnings
    assert "In Spring 2025, partners rated" in texts(at)
    assert demo_db.read_bytes() == before


@pytest.fixture
def without_health(demo_db, tmp_path, monkeypatch):
    """The demo with no partnership-health rows: its tables there, empty."""
    path = tmp_path / "equity.duckdb"
    shutil.copy(demo_db, path)
    with duckdb.connect(str(path)) as con:
        for table in ("partner_ties", "survey_responses", "survey_items", "survey_rounds"):
            con.execute(f"DELETE FROM {table}")
    monkeypatch.setenv("EQUITY_DB", str(path))
    return path


def test_without_these_tables_the_section_says_what_to_load(without_health):
    at = run_page("pages/partnerships.py", {"part": "health"})
    assert not at.exception, at.exception
    infos = "\n".join(i.value for i in at.info)
    for template in ("survey_items.csv", "survey_rounds.csv", "survey_responses.csv", "partner_ties.csv"):
        assert template in infos
    fr = at.session_state["_frame"]
    assert not {"health_sections", "health_network"} & set(fr.drawn)
    promises = run_page("pages/partnerships.py")  # the rest of the page still draws
    assert not promises.exception, promises.exception
    assert "record" in promises.session_state["_frame"].drawn


def test_the_view_needs_no_streamlit():
    import subprocess
    import sys

    code = "import sys, equity.health, equity.views.health; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_names_from_files_stay_text_in_every_table_the_view_gives():
    """A section or partner named like Markdown or HTML is shown as typed (escaped for st.table)."""
    hostile = "[Verify](https://example.com) <img src=x>"
    rounds = pd.DataFrame({"round_id": ["r1"], "label": ["Spring"]})
    sections = pd.DataFrame(
        {"round_id": ["r1"], "instrument": ["W"], "section": [hostile], "scale_min": [1], "scale_max": [5],
         "respondents": [12], "mean_score": [3.0], "sd_score": [0.5], "few_respondents": [False]}
    )  # fmt: skip
    items = pd.DataFrame(
        {
            "instrument": ["W"],
            "section": [hostile],
            "item_text": [hostile],
            "scale_min": [1],
            "scale_max": [5],
        }
    )
    partners = pd.DataFrame({"partner_id": ["a", "b"], "name": [hostile, "B"]})
    shared = pd.DataFrame({"partner_a": ["a"], "partner_b": ["b"], "program_names": [hostile]})
    ties = pd.DataFrame(
        {"round_id": ["r1", "r1"], "from_partner_id": ["a", "b"], "from_partner": [hostile, "B"],
         "to_partner_id": ["b", "a"], "to_partner": ["B", hostile], "trust": pd.array([4, 1], dtype="Int64"),
         "value": pd.array([2, 2], dtype="Int64")}
    )  # fmt: skip
    v = health_view.view(rounds, sections, items, partners, shared, ties, round_id="r1", min_count=11)
    for table in (v.table, v.items, v.pairs, v.central):
        cells = " ".join(str(c) for c in table.to_numpy().ravel())
        assert "](" not in cells.replace("\\](", "") and "<img" not in cells.replace("\\<img", ""), cells
    assert v.pairs is not None and len(v.pairs) == 1
