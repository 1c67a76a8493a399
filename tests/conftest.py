"""Shared fixtures: small real DuckDB files built by the demo generator, an empty one, a schema-only one."""

from __future__ import annotations

import duckdb
import pytest

from equity import db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """A small demo database (60 tracts): every table filled, quick to build."""
    from equity.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "equity.duckdb"
    build_demo(path, seed=7, n_tracts=60)
    return path


@pytest.fixture(scope="session")
def demo_db_20(tmp_path_factory):
    """The small demo built with a stricter threshold: counts from 1 to 19 withheld."""
    from equity.demo import build_demo

    path = tmp_path_factory.mktemp("demo20") / "equity.duckdb"
    build_demo(path, seed=7, n_tracts=60, min_count=20)
    return path


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory):
    """A valid DuckDB file with no tables at all."""
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    duckdb.connect(str(path)).close()
    return path


@pytest.fixture(scope="session")
def schema_only_db(tmp_path_factory):
    """The dashboard's schema with no rows in it."""
    path = tmp_path_factory.mktemp("schema") / "schema.duckdb"
    db.build_atomically(path, lambda con: None)
    return path


@pytest.fixture
def demo_con(demo_db):
    con = db.connect_read_only(demo_db)
    yield con
    con.close()


@pytest.fixture
def squares_geojson(tmp_path):
    """A writer of GeoJSON boundary files: one small square per GEOID, side by side, named 101, 102, ...

    ``properties`` (a function of the id) gives each feature the columns of another kind of Census file
    instead of GEOID and NAME.
    """
    import json

    def write(ids, name="boundaries.json", names=None, properties=None):
        def columns(i, area):
            return (
                properties(area)
                if properties
                else {"GEOID": area, "NAME": names[i] if names else f"{101 + i}"}
            )

        features = [
            {
                "type": "Feature",
                "properties": columns(i, area),
                "geometry": {"type": "Polygon", "coordinates": [[
                    [-71.5 + 0.1 * i, 41.5], [-71.4 + 0.1 * i, 41.5], [-71.4 + 0.1 * i, 41.6],
                    [-71.5 + 0.1 * i, 41.6], [-71.5 + 0.1 * i, 41.5],
                ]]},
            }
            for i, area in enumerate(ids)
        ]  # fmt: skip
        path = tmp_path / name
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
        return path

    return write
