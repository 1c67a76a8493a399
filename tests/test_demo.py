"""The demo database: reproducible, internally consistent, and shaped like real data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pytest
import shapely

from equity import demo, schema, stats
from equity.demo import AGE_ADJUSTED, BREAKDOWN_INDICATORS, GROUP_DIMS, build_demo

SEED = 7
OTHER_SEED = 8
N_TRACTS = 60
TABLES = demo.TABLE_ORDER
# Every kind of partner the schema allows (data/schema.sql, read back by equity.schema): the demo has each.
PARTNER_KINDS = set(next(c.allowed for c in schema.ORG_TABLES["partners"].columns if c.name == "kind"))
PROGRAM_KINDS = {
    "community_health_center",
    "mobile_clinic",
    "school_based",
    "telehealth",
    "chw",
    "health_education",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, int]]]:
    root = tmp_path_factory.mktemp("demo")
    out = {}
    for name, seed in (("a", SEED), ("b", SEED), ("other", OTHER_SEED)):
        path = root / f"{name}.duckdb"
        out[name] = (path, build_demo(path, seed=seed, n_tracts=N_TRACTS))
    return out


@pytest.fixture(scope="module")
def con(built) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(built["a"][0]), read_only=True)
    yield connection
    connection.close()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, *params):
    return con.execute(sql, list(params)).fetchone()[0]


def table_contents(path: Path, table: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as c:
        where = " WHERE key <> 'built_at'" if table == "meta" else ""
        return c.execute(f"SELECT * FROM {table}{where} ORDER BY ALL").fetchall()


def tract_geometries(
    con: duckdb.DuckDBPyConnection, column: str = "geometry"
) -> tuple[list[str], np.ndarray]:
    rows = con.execute(
        f"SELECT area_id, {column} FROM areas WHERE level = 'tract' ORDER BY area_id"
    ).fetchall()
    return [r[0] for r in rows], shapely.from_wkb([bytes(r[1]) for r in rows])


def area_geometry(con: duckdb.DuckDBPyConnection, area_id: str, column: str = "geometry") -> shapely.Geometry:
    return shapely.from_wkb(bytes(scalar(con, f"SELECT {column} FROM areas WHERE area_id = ?", area_id)))


# --- the build -------------------------------------------------------------------------------


def test_counts_cover_every_table(built):
    path, counts = built["a"]
    assert set(counts) == set(TABLES)
    assert all(n > 0 for n in counts.values()), counts
    with duckdb.connect(str(path), read_only=True) as c:
        for table, n in counts.items():
            assert scalar(c, f"SELECT count(*) FROM {table}") == n


def test_same_seed_gives_same_tables(built):
    for table in TABLES:
        assert table_contents(built["a"][0], table) == table_contents(built["b"][0], table), table


def test_other_seed_gives_other_data(built):
    for table in ("areas", "indicator_values", "program_results", "commitments", "community_input"):
        assert table_contents(built["a"][0], table) != table_contents(built["other"][0], table), table


def test_meta_says_fictional(con):
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    assert meta["is_demo"] == "true"
    assert meta["region_name"] == "Riverbend (a fictional state)"
    assert meta["as_of"] == "2025-06-30"
    assert meta["seed"] == str(SEED)
    assert meta["generator"] == "equity.demo"
    built_at = dt.datetime.fromisoformat(meta["built_at"])
    assert built_at.tzinfo is not None
    assert abs((dt.datetime.now(dt.UTC) - built_at).total_seconds()) < 3600


def test_progress_is_reported_in_order(tmp_path):
    calls: list[tuple[float, str]] = []
    build_demo(tmp_path / "p.duckdb", seed=1, n_tracts=40, progress=lambda f, m: calls.append((f, m)))
    fractions = [f for f, _ in calls]
    assert len(calls) >= 4
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(isinstance(m, str) and m for _, m in calls)


def test_too_few_tracts_is_refused(tmp_path):
    with pytest.raises(ValueError):
        build_demo(tmp_path / "x.duckdb", n_tracts=5)
    assert not (tmp_path / "x.duckdb").exists()


def test_full_default_build(tmp_path):
    # How long it takes is measured by bench/bench_demo.py, not asserted here: a test asserts behaviour.
    counts = build_demo(tmp_path / "full.duckdb")
    assert counts["areas"] == 1 + 5 + 240
    assert counts["indicator_values"] > 100_000
    with duckdb.connect(str(tmp_path / "full.duckdb"), read_only=True) as c:
        assert scalar(c, "SELECT count(*) FROM areas WHERE level = 'tract'") == 240


# --- referential integrity ------------------------------------------------------------------

# (table, column, referenced table, referenced column, restriction on the referenced rows)
REFERENCES = (
    ("indicator_values", "area_id", "areas", "area_id", "TRUE"),
    ("indicator_values", "indicator_id", "indicators", "indicator_id", "TRUE"),
    ("indicators", "source_id", "sources", "source_id", "TRUE"),
    ("areas", "parent_id", "areas", "area_id", "level IN ('state', 'county')"),
    ("programs", "lead_partner_id", "partners", "partner_id", "TRUE"),
    ("program_sites", "program_id", "programs", "program_id", "TRUE"),
    ("program_sites", "area_id", "areas", "area_id", "level = 'tract'"),
    ("program_metrics", "program_id", "programs", "program_id", "TRUE"),
    ("program_results", "metric_id", "program_metrics", "metric_id", "TRUE"),
    ("program_reach", "program_id", "programs", "program_id", "TRUE"),
    ("program_reach", "area_id", "areas", "area_id", "level = 'tract'"),
    ("partner_roles", "program_id", "programs", "program_id", "TRUE"),
    ("partner_roles", "partner_id", "partners", "partner_id", "TRUE"),
    ("commitments", "partner_id", "partners", "partner_id", "TRUE"),
    ("commitments", "program_id", "programs", "program_id", "TRUE"),
    ("commitments", "to_partner_id", "partners", "partner_id", "TRUE"),
    ("commitment_changes", "commitment_id", "commitments", "commitment_id", "TRUE"),
    ("community_input", "area_id", "areas", "area_id", "level = 'county'"),
    ("actions", "input_id", "community_input", "input_id", "TRUE"),
    ("actions", "partner_id", "partners", "partner_id", "TRUE"),
    ("actions", "commitment_id", "commitments", "commitment_id", "accountable_to = 'community'"),
    ("contributions", "partner_id", "partners", "partner_id", "TRUE"),
    ("contributions", "program_id", "programs", "program_id", "TRUE"),
)


@pytest.mark.parametrize(("table", "column", "target", "key", "where"), REFERENCES)
def test_every_reference_resolves(con, table, column, target, key, where):
    sql = f"""SELECT count(*) FROM {table}
              WHERE {column} IS NOT NULL AND {column} NOT IN (SELECT {key} FROM {target} WHERE {where})"""
    assert scalar(con, sql) == 0
    assert scalar(con, f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL") > 0


def test_sites_lie_in_their_tract(con):
    for area_id, lon, lat in con.execute("SELECT area_id, lon, lat FROM program_sites").fetchall():
        assert shapely.contains_xy(area_geometry(con, area_id), lon, lat), area_id


# --- geography -------------------------------------------------------------------------------


def test_levels_and_ids(con):
    levels = dict(con.execute("SELECT level, count(*) FROM areas GROUP BY level").fetchall())
    assert levels == {"state": 1, "county": 5, "tract": N_TRACTS}
    assert con.execute("SELECT area_id, name FROM areas WHERE level = 'state'").fetchall() == [
        ("99", "Riverbend (fictional)")
    ]
    counties = con.execute(
        "SELECT area_id, name, parent_id FROM areas WHERE level = 'county' ORDER BY 1"
    ).fetchall()
    assert [c[0] for c in counties] == ["99001", "99003", "99005", "99007", "99009"]
    assert [c[1] for c in counties] == [
        "Alder County",
        "Birch County",
        "Cedar County",
        "Dogwood County",
        "Elm County",
    ]
    assert {c[2] for c in counties} == {"99"}
    tracts = con.execute("SELECT area_id, name, parent_id FROM areas WHERE level = 'tract'").fetchall()
    names = {c[0]: c[1] for c in counties}
    for area_id, name, parent in tracts:
        assert len(area_id) == 11 and area_id.isdigit()
        assert area_id[:5] == parent
        assert name.startswith("Tract ") and name.endswith(", " + names[parent])
    assert len({t[0] for t in tracts}) == len(tracts)


def test_populations_add_up(con):
    assert scalar(con, "SELECT count(*) FROM areas WHERE level = 'tract' AND population = 0") in (1, 2)
    assert scalar(con, "SELECT min(population) FROM areas WHERE level = 'tract' AND population > 0") >= 1200
    assert scalar(con, "SELECT max(population) FROM areas WHERE level = 'tract'") <= 8000
    mismatched = scalar(
        con,
        """SELECT count(*) FROM areas p
           WHERE p.level IN ('state', 'county')
             AND p.population <> (SELECT sum(c.population) FROM areas c WHERE c.parent_id = p.area_id)""",
    )
    assert mismatched == 0


def test_polygons_valid_and_inside_the_box(con):
    rows = con.execute("SELECT geometry, geometry_drawn, centroid_lon, centroid_lat FROM areas").fetchall()
    for column in (0, 1):
        geoms = shapely.from_wkb([bytes(r[column]) for r in rows])
        assert shapely.is_valid(geoms).all()
        assert set(shapely.get_type_id(geoms).tolist()) <= {3, 6}  # Polygon, MultiPolygon
        x0, y0, x1, y1 = shapely.total_bounds(geoms)
        assert -89.5 - 1e-6 <= x0 and x1 <= -86.5 + 1e-6 and 35 - 1e-6 <= y0 and y1 <= 37.5 + 1e-6
    assert all(-89.5 <= r[2] <= -86.5 and 35 <= r[3] <= 37.5 for r in rows)


@pytest.mark.parametrize("column", ["geometry", "geometry_drawn"])
def test_tracts_tile_the_state_without_overlap(con, column):
    _, tracts = tract_geometries(con, column)
    state = area_geometry(con, "99", column)
    assert abs(shapely.area(tracts).sum() - state.area) <= 1e-9 * state.area
    left, right = shapely.STRtree(tracts).query(tracts, predicate="intersects")
    pairs = left < right
    assert pairs.sum() > N_TRACTS  # neighbours touch...
    interiors_meet = shapely.relate_pattern(tracts[left[pairs]], tracts[right[pairs]], "T********")
    assert not interiors_meet.any()  # ...but never overlap


def test_counties_are_unions_of_their_tracts(con):
    for (county,) in con.execute("SELECT area_id FROM areas WHERE level = 'county'").fetchall():
        rows = con.execute("SELECT geometry FROM areas WHERE parent_id = ?", [county]).fetchall()
        union = shapely.union_all(shapely.from_wkb([bytes(r[0]) for r in rows]), grid_size=1e-5)
        assert shapely.equals(union, area_geometry(con, county))


def test_drawn_rings_run_clockwise(con):
    rows = con.execute("SELECT geometry_drawn FROM areas").fetchall()
    polygons = shapely.get_parts(shapely.from_wkb([bytes(r[0]) for r in rows]))
    assert not shapely.is_ccw(shapely.get_exterior_ring(polygons)).any()
    full = shapely.get_num_coordinates(
        shapely.from_wkb([bytes(r[0]) for r in con.execute("SELECT geometry FROM areas").fetchall()])
    )
    assert shapely.get_num_coordinates(shapely.from_wkb([bytes(r[0]) for r in rows])).sum() < full.sum()


# --- indicators ------------------------------------------------------------------------------


def test_indicator_catalogue(con):
    ids = {r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()}
    assert len(ids) >= 15
    assert {"uninsured", "diabetes", "poverty", "er_visits", "life_expectancy", "late_prenatal_care"} <= ids
    domains = {r[0] for r in con.execute("SELECT DISTINCT domain FROM indicators").fetchall()}
    assert domains == {
        "Access to care",
        "Chronic disease",
        "Mental health",
        "Maternal and child health",
        "Outcomes",
        "Social conditions",
    }
    assert (
        scalar(con, "SELECT higher_is_worse FROM indicators WHERE indicator_id = 'life_expectancy'") is False
    )
    # Age-adjusted: exactly the '_aa' companions of the indicators broken down by age, described like them.
    adjusted = con.execute(
        """SELECT a.indicator_id, c.indicator_id, a.label, c.label, a.unit = c.unit AND a.domain = c.domain
                  AND a.source_id = c.source_id AND a.higher_is_worse = c.higher_is_worse
           FROM indicators a JOIN indicators c ON a.indicator_id = c.indicator_id || '_aa'
           WHERE a.measure_type = 'age_adjusted' AND c.measure_type = 'crude'"""
    ).fetchall()
    assert scalar(con, "SELECT count(*) FROM indicators WHERE measure_type <> 'crude'") == len(adjusted)
    assert {(a, c) for a, c, *_ in adjusted} == {(aa, ind) for ind, aa in AGE_ADJUSTED.items()}
    assert {"diabetes", "hypertension", "uninsured", "er_visits"} <= set(AGE_ADJUSTED)
    assert all(label == f"{base} (age-adjusted)" and same for _, _, label, base, same in adjusted)
    periods = con.execute("SELECT DISTINCT period FROM indicator_values ORDER BY 1").fetchall()
    assert [p[0] for p in periods] == [2019, 2020, 2021, 2022, 2023, 2024]
    # every indicator, every area, every year, at least for 'All'
    n_areas = scalar(con, "SELECT count(*) FROM areas")
    assert (
        scalar(con, "SELECT count(*) FROM indicator_values WHERE group_dim = 'all'") == len(ids) * n_areas * 6
    )


def test_breakdowns(con):
    n_indicators = scalar(con, "SELECT count(*) FROM indicators")
    broken_down = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT indicator_id FROM indicator_values WHERE group_dim <> 'all'"
        ).fetchall()
    }
    assert broken_down == set(BREAKDOWN_INDICATORS) | set(AGE_ADJUSTED.values())
    assert len(broken_down) >= n_indicators / 3
    # An age-adjusted value by age group would mean nothing: none is published.
    assert (
        scalar(
            con,
            "SELECT count(*) FROM indicator_values WHERE indicator_id LIKE '%\\_aa' ESCAPE '\\' "
            "AND group_dim = 'age'",
        )
        == 0
    )
    dims = dict(
        con.execute(
            "SELECT group_dim, list(DISTINCT group_label ORDER BY group_label) "
            "FROM indicator_values GROUP BY 1"
        ).fetchall()
    )
    assert dims.pop("all") == ["All"]
    assert set(dims) == set(GROUP_DIMS)
    for dim, labels in GROUP_DIMS.items():
        assert sorted(dims[dim]) == sorted(labels)
    # every breakdown indicator has groups at tract, county and state level, every year
    levels = con.execute(
        """SELECT indicator_id, count(DISTINCT a.level), count(DISTINCT period)
           FROM indicator_values JOIN areas a USING (area_id) WHERE group_dim <> 'all' GROUP BY 1"""
    ).fetchall()
    assert all(r[1] == 3 and r[2] == 6 for r in levels)


def test_values_match_counts(con):
    worst = scalar(
        con,
        """SELECT max(abs(v.value - CASE i.unit WHEN 'percent' THEN 100.0 WHEN 'per_1k' THEN 1000.0
                                               ELSE 100000.0 END * v.numerator::DOUBLE / v.denominator))
           FROM indicator_values v JOIN indicators i USING (indicator_id)
           WHERE v.denominator > 0 AND i.measure_type = 'crude'""",
    )
    assert worst < 1e-9
    over = """SELECT count(*) FROM indicator_values JOIN indicators USING (indicator_id)
              WHERE unit = 'percent' AND numerator > denominator"""
    assert scalar(con, over) == 0
    assert (
        scalar(con, "SELECT count(*) FROM indicator_values WHERE NOT (ci_low <= value AND value <= ci_high)")
        == 0
    )
    assert (
        scalar(con, "SELECT count(*) FROM indicator_values WHERE value IS NOT NULL AND ci_low IS NULL") == 0
    )
    life = con.execute(
        "SELECT count(*), count(numerator), count(denominator) FROM indicator_values "
        "WHERE indicator_id = 'life_expectancy'"
    ).fetchone()
    assert life[0] > 0 and life[1] == life[2] == 0


def test_flags(con):
    # no denominator: no value, flagged no_data
    assert (
        scalar(
            con,
            "SELECT count(*) FROM indicator_values WHERE denominator = 0 AND flag IS DISTINCT FROM 'no_data'",
        )
        == 0
    )
    assert (
        scalar(con, "SELECT count(*) FROM indicator_values WHERE flag = 'no_data' AND value IS NOT NULL") == 0
    )
    # tracts where nobody lives carry no_data throughout
    empty = con.execute(
        """SELECT count(*), count(*) FILTER (WHERE flag = 'no_data' AND value IS NULL)
           FROM indicator_values JOIN areas USING (area_id) WHERE population = 0"""
    ).fetchone()
    assert empty[0] > 0 and empty[0] == empty[1]
    # unreliable: relative standard error above 30%, value kept
    unreliable = con.execute(
        "SELECT count(*), count(value) FROM indicator_values WHERE flag = 'unreliable'"
    ).fetchone()
    assert unreliable[0] > 0 and unreliable[0] == unreliable[1]
    rse = scalar(
        con,
        """SELECT max(sqrt((1 - numerator / denominator) / numerator))
           FROM indicator_values JOIN indicators USING (indicator_id)
           WHERE unit = 'percent' AND numerator > 0 AND flag IS NULL AND measure_type = 'crude'""",
    )
    assert rse <= 0.3
    # The view withholds small counts. The build marks only age-adjusted values it cannot compute:
    # a group with people but none in some age group of the standard.
    suppressed = con.execute(
        """SELECT count(*), count(*) FILTER (WHERE measure_type = 'age_adjusted' AND value IS NULL
                                             AND denominator > 0)
           FROM indicator_values JOIN indicators USING (indicator_id) WHERE flag = 'suppressed'"""
    ).fetchone()
    assert suppressed[0] == suppressed[1]


def test_small_counts_exist_and_never_leave(con):
    small = scalar(con, "SELECT count(*) FROM indicator_values WHERE numerator BETWEEN 1 AND 10")
    assert small > 50
    leaked = scalar(
        con,
        """SELECT count(*) FROM published_values p JOIN indicator_values v
               USING (indicator_id, area_id, period, group_dim, group_label)
           WHERE v.numerator BETWEEN 1 AND 10
             AND (p.value IS NOT NULL OR p.numerator IS NOT NULL OR p.denominator IS NOT NULL
                  OR p.ci_low IS NOT NULL OR p.ci_high IS NOT NULL OR p.flag <> 'suppressed')""",
    )
    assert leaked == 0
    assert scalar(con, "SELECT count(*) FROM published_values WHERE numerator BETWEEN 1 AND 10") == 0
    # Small denominators and complementary cells are withheld too (equity/privacy.py).
    withheld = scalar(con, "SELECT count(*) FROM withheld")
    assert scalar(con, "SELECT count(*) FROM published_values WHERE flag = 'suppressed'") == withheld > small


def test_counties_and_state_sum_their_tracts(con):
    for child, parent in (("tract", "county"), ("county", "state")):
        mismatched = scalar(
            con,
            f"""WITH sums AS (
                    SELECT v.indicator_id, a.parent_id AS area_id, v.period, v.group_dim, v.group_label,
                           sum(v.numerator) AS numerator, sum(v.denominator) AS denominator
                    FROM indicator_values v JOIN areas a USING (area_id)
                    WHERE a.level = '{child}' AND v.numerator IS NOT NULL
                    GROUP BY ALL)
                SELECT count(*) FROM indicator_values v JOIN areas a USING (area_id)
                JOIN sums s USING (indicator_id, area_id, period, group_dim, group_label)
                WHERE a.level = '{parent}'
                  AND (v.numerator <> s.numerator OR v.denominator <> s.denominator)""",
        )
        assert mismatched == 0
    checked = scalar(
        con,
        "SELECT count(*) FROM indicator_values JOIN areas USING (area_id) "
        "WHERE level = 'county' AND numerator IS NOT NULL",
    )
    assert checked > 1000


def test_groups_add_up_to_all(con):
    # group denominators split the tract's population, so each dimension sums to 'All' (adult ages excepted)
    mismatched = scalar(
        con,
        """WITH g AS (SELECT indicator_id, area_id, period, group_dim, sum(denominator) AS d
                      FROM indicator_values WHERE group_dim IN ('race_ethnicity', 'income', 'sex')
                      GROUP BY ALL)
           SELECT count(*) FROM g JOIN indicator_values v USING (indicator_id, area_id, period)
           WHERE v.group_dim = 'all' AND v.denominator <> g.d""",
    )
    assert mismatched == 0


def test_small_groups_are_small(con):
    share = scalar(
        con,
        """SELECT avg((numerator BETWEEN 1 AND 10)::INT) FROM indicator_values JOIN areas USING (area_id)
           WHERE level = 'tract' AND group_label = 'American Indian or Alaska Native'""",
    )
    assert share > 0.2


def test_plausible_ranges(con):
    ranges = {
        "uninsured": (2, 35),
        "diabetes": (4, 24),
        "poverty": (3, 45),
        "life_expectancy": (66, 87),
        "er_visits": (150, 900),
    }
    for indicator, (low, high) in ranges.items():
        got = con.execute(
            """SELECT min(value), max(value) FROM indicator_values JOIN areas USING (area_id)
               WHERE indicator_id = ? AND group_dim = 'all' AND level = 'tract' AND flag IS NULL""",
            [indicator],
        ).fetchone()
        assert low <= got[0] and got[1] <= high, (indicator, got)


def test_poverty_and_uninsured_go_together(con):
    r = scalar(
        con,
        """SELECT corr(p.value, u.value)
           FROM indicator_values p JOIN indicator_values u USING (area_id, period, group_dim, group_label)
           JOIN areas a USING (area_id)
           WHERE p.indicator_id = 'poverty' AND u.indicator_id = 'uninsured'
             AND a.level = 'tract' AND group_dim = 'all'""",
    )
    assert r > 0.4


def test_disparities_are_real(con):
    def state_rate(indicator: str, label: str) -> float:
        return scalar(
            con,
            "SELECT value FROM indicator_values WHERE indicator_id = ? AND area_id = '99' "
            "AND period = 2019 AND group_label = ?",
            indicator,
            label,
        )

    assert state_rate("uninsured", "Hispanic or Latino") > 1.5 * state_rate("uninsured", "White")
    assert state_rate("uninsured", "Below poverty") > 2 * state_rate("uninsured", "200% of poverty or more")
    assert state_rate("diabetes", "65 and older") > state_rate("diabetes", "18–24")


def test_age_adjusted_values_standardise_the_age_groups(con):
    """Everyone's age-adjusted value is the direct standardisation of the published age groups (children,
    counted only in 'All' for er_visits, are 'All' less the adult groups), with the same counts."""
    rows = con.execute(
        """SELECT c.indicator_id, c.area_id, c.period, c.group_label, c.numerator, c.denominator,
                  a.value, a.ci_low, a.ci_high, a.numerator, a.denominator, a.flag
           FROM indicator_values c JOIN indicator_values a
             ON a.indicator_id = c.indicator_id || '_aa' AND a.area_id = c.area_id AND a.period = c.period
           WHERE c.group_dim IN ('all', 'age') AND a.group_dim = 'all'
           ORDER BY c.indicator_id, c.area_id, c.period, c.group_dim, c.group_label"""
    ).df()
    rows.columns = [
        "ind",
        "area",
        "period",
        "group",
        "num",
        "den",
        "aa",
        "low",
        "high",
        "aa_num",
        "aa_den",
        "flag",
    ]
    checked = 0
    for (ind, _, _), df in rows.groupby(["ind", "area", "period"]):
        by = df.set_index("group")
        everyone, ages = by.loc["All"], list(GROUP_DIMS["age"])
        num = by.loc[ages, "num"].astype(float).tolist()
        den = by.loc[ages, "den"].astype(float).tolist()
        if ind == "er_visits":  # all ages: children are the rest of 'All'
            ages = ["0–17", *ages]
            num, den = [everyone.num - sum(num), *num], [everyone.den - sum(den), *den]
        assert (everyone.aa_num, everyone.aa_den) == (everyone.num, everyone.den)
        if everyone.flag in ("no_data", "suppressed"):
            assert np.isnan(everyone.aa)
            continue
        if ind == "er_visits":
            expect = stats.age_adjusted_rate(num, den, stats.standard_weights(ages), per=1_000)
        else:
            expect = tuple(
                100 * v for v in stats.age_adjusted_proportion(num, den, stats.standard_weights(ages))
            )
        assert (everyone.aa, everyone.low, everyone.high) == pytest.approx(expect, rel=1e-9)
        assert everyone.low <= everyone.aa <= everyone.high
        checked += 1
    assert checked > 1000


def test_age_adjustment_changes_young_and_old_groups_as_it_should(con):
    """Hispanic residents are younger and White residents older than the standard: adjusting raises the
    diabetes figure of the first and lowers that of the second, widening the gap crude figures understate."""

    def state(indicator: str, label: str) -> float:
        return scalar(
            con,
            "SELECT value FROM indicator_values WHERE indicator_id = ? AND area_id = '99' AND period = 2024 "
            "AND group_label = ?",
            indicator,
            label,
        )

    assert state("diabetes_aa", "Hispanic or Latino") > state("diabetes", "Hispanic or Latino")
    assert state("diabetes_aa", "White") < state("diabetes", "White")
    crude_gap = state("diabetes", "Hispanic or Latino") / state("diabetes", "White")
    assert state("diabetes_aa", "Hispanic or Latino") / state("diabetes_aa", "White") > crude_gap


def test_age_adjusted_values_never_show_what_their_crude_companion_withholds(con):
    """An adjusted value carries its group's counts, so wherever the crude value is withheld, it is too."""
    shown = scalar(
        con,
        """SELECT count(*) FROM withheld w JOIN published_values a
             ON a.indicator_id = w.indicator_id || '_aa' AND a.area_id = w.area_id AND a.period = w.period
            AND a.group_dim = w.group_dim AND a.group_label = w.group_label
           WHERE a.flag IS DISTINCT FROM 'suppressed'""",
    )
    assert shown == 0
    assert scalar(con, "SELECT count(*) FROM withheld WHERE indicator_id LIKE '%_aa'") > 0


def gap_by_served(
    con, kind: str, indicator: str, dim: str, high: str, low: str
) -> dict[tuple[bool, int], float]:
    rows = con.execute(
        """WITH served AS (SELECT DISTINCT area_id FROM program_reach JOIN programs USING (program_id)
                           WHERE kind = ?)
           SELECT v.area_id IN (SELECT area_id FROM served) AS served, period,
                  sum(numerator) FILTER (WHERE group_label = ?)
                  / sum(denominator) FILTER (WHERE group_label = ?)
                - sum(numerator) FILTER (WHERE group_label = ?)
                  / sum(denominator) FILTER (WHERE group_label = ?)
           FROM indicator_values v JOIN areas a USING (area_id)
           WHERE a.level = 'tract' AND indicator_id = ? AND group_dim = ?
           GROUP BY ALL""",
        [kind, high, high, low, low, indicator, dim],
    ).fetchall()
    return {(served, period): gap for served, period, gap in rows}


def test_programs_narrow_gaps_where_they_run(con):
    start = scalar(con, "SELECT year(start_date) FROM programs WHERE kind = 'chw'")
    assert start <= 2022
    for dim, high, low in (
        ("race_ethnicity", "Hispanic or Latino", "White"),
        ("income", "Below poverty", "200% of poverty or more"),
    ):
        gap = gap_by_served(con, "chw", "uninsured", dim, high, low)
        served_change = gap[(True, 2024)] - gap[(True, start)]
        elsewhere_change = gap[(False, 2024)] - gap[(False, start)]
        assert served_change < -0.02, (dim, gap)
        assert served_change < elsewhere_change - 0.01, (dim, gap)


# --- programs and coalition ------------------------------------------------------------------


def test_programs_and_partners(con):
    kinds = {r[0] for r in con.execute("SELECT kind FROM partners").fetchall()}
    assert kinds == PARTNER_KINDS
    assert scalar(con, "SELECT count(*) FROM partners") >= 12
    assert {r[0] for r in con.execute("SELECT kind FROM programs").fetchall()} == PROGRAM_KINDS
    starts = [r[0] for r in con.execute("SELECT start_date FROM programs").fetchall()]
    assert all(dt.date(2020, 1, 1) <= s <= dt.date(2022, 12, 1) for s in starts)
    per_program = con.execute(
        """SELECT p.program_id, count(r.partner_id), count(*) FILTER (WHERE r.partner_id = p.lead_partner_id)
           FROM programs p LEFT JOIN partner_roles r USING (program_id) GROUP BY 1"""
    ).fetchall()
    assert all(3 <= n <= 6 and lead == 1 for _, n, lead in per_program)
    sites = dict(con.execute("SELECT program_id, count(*) FROM program_sites GROUP BY 1").fetchall())
    assert len(sites) == len(PROGRAM_KINDS) and all(1 <= n <= 6 for n in sites.values())
    metrics = dict(con.execute("SELECT program_id, count(*) FROM program_metrics GROUP BY 1").fetchall())
    assert len(metrics) == len(PROGRAM_KINDS) and min(metrics.values()) >= 3


def test_monthly_results(con):
    rows = con.execute(
        """SELECT m.metric_id, min(r.period), max(r.period), count(*), any_value(p.start_date),
                  count(*) FILTER (WHERE r.value IS NULL)
           FROM program_results r JOIN program_metrics m USING (metric_id) JOIN programs p USING (program_id)
           GROUP BY 1"""
    ).fetchall()
    for metric, first, last, n, start, _ in rows:
        assert first == start and last == dt.date(2025, 6, 1), metric
        assert n == (last.year - first.year) * 12 + last.month - first.month + 1, metric
    assert sum(r[5] for r in rows) > 0  # some months not reported
    below = scalar(
        con,
        """SELECT count(*) FROM program_results JOIN program_metrics USING (metric_id)
           WHERE higher_is_better AND value < target""",
    )
    assert below > 0


# Each kind of measure, true to life: what was done, how well, and whether anyone is better off for it.
QUESTIONS = [
    ("chc_patients", "how_much"),  # people seen
    ("health_ed_bp_checks", "how_much"),  # checks done
    ("school_health_counseling", "how_much"),  # sessions held
    ("chc_no_show", "how_well"),  # kept appointments
    ("health_ed_completed", "how_well"),  # finished the class
    ("telehealth_connected", "how_well"),  # visits without a problem
    ("chc_a1c", "better_off"),  # diabetes under control
    ("health_ed_bp_controlled", "better_off"),  # blood pressure under control
    ("chw_enrolled", "better_off"),  # insured
]


@pytest.mark.parametrize(("metric", "question"), QUESTIONS)
def test_each_measure_says_which_question_it_answers(con, metric, question):
    assert scalar(con, "SELECT question FROM program_metrics WHERE metric_id = ?", metric) == question


def test_every_program_answers_all_three_questions(con):
    asked = con.execute(
        "SELECT program_id, list(DISTINCT question ORDER BY question) FROM program_metrics GROUP BY 1"
    ).fetchall()
    assert len(asked) == len(PROGRAM_KINDS)
    assert all(questions == ["better_off", "how_much", "how_well"] for _, questions in asked), asked
    assert scalar(con, "SELECT count(*) FROM program_metrics WHERE question IS NULL") == 0


def test_the_results_tell_the_scorecards_stories(con):
    """Measured the way the scorecard reads them: the last six months reported against the same months a
    year before. Follow-up at the mobile clinic slips while blood pressure control improves, short of its
    target; enrolment rises; the telehealth points set no target for their better-off measure."""

    def change(metric):
        return scalar(
            con,
            """SELECT avg(value) FILTER (WHERE period >= DATE '2024-12-01')
                      - avg(value) FILTER (WHERE period BETWEEN DATE '2023-12-01' AND DATE '2024-05-01')
               FROM program_results WHERE metric_id = ?""",
            metric,
        )

    assert change("mobile_clinic_follow_up") < -4
    assert change("mobile_clinic_bp_control") > 3
    assert change("chw_enrolled") > 8
    assert (
        scalar(con, "SELECT count(target) FROM program_results WHERE metric_id = 'telehealth_usual_source'")
        == 0
    )
    latest_bp = scalar(
        con,
        "SELECT arg_max(value, period) FROM program_results WHERE metric_id = 'mobile_clinic_bp_control'",
    )
    assert latest_bp < 60


def test_reach(con):
    assert scalar(con, "SELECT min(people) FROM program_reach") >= 0
    dims = {r[0] for r in con.execute("SELECT DISTINCT group_dim FROM program_reach").fetchall()}
    assert dims == {"all", "race_ethnicity", "income"}
    assert scalar(con, "SELECT count(*) FROM program_reach WHERE people BETWEEN 1 AND 10") > 0
    years = con.execute(
        """SELECT p.program_id, year(p.start_date), min(r.period), max(r.period)
           FROM programs p JOIN program_reach r USING (program_id) GROUP BY ALL"""
    ).fetchall()
    assert len(years) == len(PROGRAM_KINDS)
    assert all(start == first and last == 2024 for _, start, first, last in years)


def test_commitments(con):
    assert 25 <= scalar(con, "SELECT count(*) FROM commitments") <= 40
    assert scalar(con, "SELECT count(*) FROM commitments WHERE program_id IS NULL") > 0
    overdue = scalar(
        con,
        "SELECT count(*) FROM commitments WHERE due_date < DATE '2025-06-30' "
        "AND status NOT IN ('done', 'dropped')",
    )
    assert overdue >= 3
    assert (
        scalar(con, "SELECT count(*) FROM commitments WHERE (status = 'done') <> (completed_on IS NOT NULL)")
        == 0
    )
    assert scalar(con, "SELECT count(*) FROM commitments WHERE completed_on > due_date") > 0  # some done late
    years = {r[0] for r in con.execute("SELECT DISTINCT year(due_date) FROM commitments").fetchall()}
    assert years <= {2023, 2024, 2025, 2026} and len(years) >= 3
    assert (
        scalar(
            con, "SELECT count(*) FROM commitments WHERE made_on > due_date OR made_on > DATE '2025-06-30'"
        )
        == 0
    )
    assert (
        scalar(con, "SELECT count(*) FROM commitments WHERE owner NOT LIKE '%, %'") == 0
    )  # a role, at an organisation


def test_the_story_of_promises_kept_both_ways(con):
    """A hospital's promise to the coalition moved twice and kept late; the coalition's own promises to the
    community, one answering what people said, one overdue; partners' promises to each other, one dropped
    with its reason; every change dated between the promise and the day commitments are judged."""
    hospital = con.execute(
        "SELECT c.due_date, c.completed_on, count(*) FILTER (WHERE h.was_due_date IS NOT NULL), "
        "min(h.was_due_date) FROM commitments c JOIN partners p USING (partner_id) "
        "JOIN commitment_changes h USING (commitment_id) "
        "WHERE p.kind = 'health_system' AND c.accountable_to = 'coalition' "
        "AND c.description LIKE '%ZIP code%' GROUP BY ALL"
    ).fetchall()
    assert len(hospital) == 1
    due, completed, moves, first = hospital[0]
    assert moves == 2 and first < due < completed  # moved twice, kept after the date it was moved to
    answered = con.execute(
        "SELECT c.status, i.topic, i.collected_on <= c.made_on FROM commitments c "
        "JOIN actions a USING (commitment_id) JOIN community_input i USING (input_id) "
        "WHERE c.partner_id IS NULL AND c.accountable_to = 'community'"
    ).fetchall()
    assert answered and all(heard_first for _, _, heard_first in answered)
    overdue_own = scalar(
        con,
        "SELECT count(*) FROM commitments WHERE partner_id IS NULL AND status NOT IN ('done', 'dropped') "
        "AND due_date < DATE '2025-06-30'",
    )
    assert overdue_own == 1
    between = con.execute(
        "SELECT status FROM commitments WHERE accountable_to = 'partner' AND partner_id IS NOT NULL"
    ).fetchall()
    assert {"done", "dropped", "in_progress"} <= {s for (s,) in between}
    assert scalar(
        con,
        "SELECT count(*) FROM commitment_changes h JOIN commitments c USING (commitment_id) "
        "WHERE c.status = 'dropped' AND c.accountable_to = 'partner' AND h.reason IS NOT NULL",
    ) == 1  # fmt: skip
    outside = scalar(
        con,
        "SELECT count(*) FROM commitment_changes h JOIN commitments c USING (commitment_id) "
        "WHERE h.changed_on < c.made_on OR h.changed_on > DATE '2025-06-30' "
        "OR (h.was_due_date IS NULL AND h.was_status IS NULL)",
    )
    assert outside == 0
    assert scalar(con, "SELECT count(*) FROM commitments WHERE completed_on > due_date") >= 2  # kept late


def test_resources_pooled(con):
    kinds = {r[0] for r in con.execute("SELECT DISTINCT kind FROM contributions").fetchall()}
    assert kinds == {"funding", "staff_hours", "in_kind", "space"}
    assert scalar(con, "SELECT count(DISTINCT year) FROM contributions") >= 3
    assert scalar(con, "SELECT count(*) FROM contributions WHERE program_id IS NULL") > 0  # the coalition's
    assert scalar(con, "SELECT min(amount) FROM contributions") > 0


def test_community_input_and_actions(con):
    n_inputs = scalar(con, "SELECT count(*) FROM community_input")
    assert 30 <= n_inputs <= 50
    methods = {r[0] for r in con.execute("SELECT DISTINCT method FROM community_input").fetchall()}
    assert methods <= {"survey", "focus_group", "listening_session"} and len(methods) >= 2
    assert scalar(con, "SELECT min(priority_rank) FROM community_input") == 1
    assert scalar(con, "SELECT max(priority_rank) FROM community_input") <= 5
    sizes = con.execute(
        "SELECT method, min(participants), max(participants) FROM community_input GROUP BY 1"
    ).fetchall()
    bounds = {"survey": (40, 400), "focus_group": (6, 14), "listening_session": (1, 500)}
    assert all(bounds[m][0] <= lo and hi <= bounds[m][1] for m, lo, hi in sizes)
    n_actions = scalar(con, "SELECT count(*) FROM actions")
    assert 15 <= n_actions <= 35
    unanswered = scalar(
        con, "SELECT count(*) FROM community_input WHERE input_id NOT IN (SELECT input_id FROM actions)"
    )
    assert unanswered > 0
    assert (
        scalar(
            con,
            "SELECT count(*) FROM actions a JOIN community_input i USING (input_id) "
            "WHERE a.updated_on < i.collected_on",
        )
        == 0
    )
