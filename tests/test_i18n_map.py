"""The Map page and its footprint in Spanish: headings, notices, tables, the map's legend and hover words,
with no marked English left; and the English page as it was."""

from __future__ import annotations

import json

from equity import footprint, i18n, text, text_where
from tests.test_i18n import english_left, everything
from tests.test_pages import run_page, shown, texts


def body_of(at) -> str:
    """All the page shows (tests.test_i18n.everything) and its data grids' headings and cells."""
    parts = [everything(at)]
    for d in at.dataframe:
        parts += [str(c) for c in d.value.columns] + [str(v) for v in d.value.astype(str).to_numpy().ravel()]
    return "\n".join(parts)


def legend_names(at) -> set[str]:
    return {t.get("name", "") for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"]}


def map_words(at) -> str:
    """The map's words as it draws them: its traces' names, legend titles and hover texts, and its titles."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    parts = [json.dumps(spec["layout"].get("title", {}), ensure_ascii=False)]
    for t in spec["data"]:
        parts += [str(t.get("name", "")), str(t.get("hovertemplate", ""))]
        parts.append(str((t.get("legendgrouptitle") or {}).get("text", "")))
    return "\n".join(parts)


def spanish_page(params: dict):
    at = run_page("pages/map.py", {"lang": "es", **params})
    assert not at.exception, at.exception
    body = body_of(at)
    assert not english_left(body), english_left(body)
    return at, body


def test_the_map_in_spanish(on_demo):
    at, body = spanish_page({})
    assert at.title[0].value.endswith("por vecindario, 2024"), at.title[0].value
    subheaders = [s.value for s in at.subheader]
    assert "Mayor necesidad" in subheaders and "Acerca de este mapa" in subheaders
    assert "Las zonas más oscuras tienen mayor necesidad" in body
    assert "Descargar los datos del mapa:" in body
    words = map_words(at)
    assert "Sedes de programas" in words and "Población %{customdata[2]}" in words
    assert "más oscuro = mayor necesidad" in words
    assert "Population" not in words and "Program sites" not in words


def test_one_area_in_spanish(on_demo, demo_con):
    from equity import queries

    area = queries.run(demo_con, "map_areas", {"level": "tract", "region": "99"})["area_id"].iloc[3]
    at, body = spanish_page({"area": area})
    assert "Personas que viven aquí" in body
    assert "Esta zona" in list(at.dataframe[0].value.columns)
    assert any(b.label == "Borrar la selección" for b in at.button)
    assert "Zona seleccionada" in legend_names(at)


def test_the_need_index_in_spanish(on_demo):
    at, body = spanish_page({"mix": "poverty,uninsured,diabetes"})
    assert at.title[0].value.startswith("Índice combinado de necesidad por vecindario"), at.title[0].value
    assert "Qué incluye el índice (3 indicadores)" in [e.label for e in at.expander]
    assert "Al combinar 3 indicadores, la mayor necesidad en 2024 está en" in body
    words = map_words(at)
    assert "0 = menor, 1 = mayor necesidad" in words and "rango percentil" in words


def test_the_footprint_in_spanish(on_demo):
    at, body = spanish_page({"fp": "default"})
    assert shown(at.title[0].value) == "Huella: vecindarios que cumplen todos los umbrales, 2024"
    assert "Dentro de la huella" in [s.value for s in at.subheader]
    assert "La huella de poblaciones vulnerables" in body
    assert "cumplen los dos umbrales" in body or "no hay vecindario que cumpla" in body
    names = legend_names(at)
    assert "Cumple todos los umbrales (la huella)" in names and "Sede de programa" in names
    tables = [list(t.value.columns) for t in at.table]
    assert ["Programa", "Sedes"] in tables or any("Programa" in cols for cols in tables)


def test_the_footprint_s_notices_in_spanish(on_demo):
    at, body = spanish_page({"fp": "nonsense:1;poverty:abc"})
    warnings = "\n".join(w.value for w in at.warning)
    assert "La huella del enlace pedía" in warnings and "No se entendió el umbral" in warnings, warnings


def test_the_english_map_is_as_it_was(on_demo):
    at = run_page("pages/map.py")
    assert not at.exception, at.exception
    assert at.title[0].value == "Adults without health insurance by neighbourhood, 2024"
    said = texts(at)
    assert "Greatest need" in said and "About this map" in said
    assert "Program sites" in map_words(at)
    at = run_page("pages/map.py", {"fp": "default"})
    assert shown(at.title[0].value) == "Footprint: neighbourhoods that meet every threshold, 2024"
    assert "Meets every threshold (the footprint)" in legend_names(at)


def test_footprint_words_in_english_are_unchanged_and_spanish_whole():
    assert text_where.footprint_takeaway(3, 60, "tract", "Riverbend", 4200, 0.05, 2, 1) == (
        "3 of 60 neighbourhoods in Riverbend meet both thresholds, home to 4,200 people, 5% of the people "
        "in Riverbend. 1 program site lies inside it."
    )
    assert text_where.footprint_takeaway(0, 60, "county", "Riverbend", None, None, 3, 0) == (
        "No county in Riverbend meets all three thresholds: loosen one to see where need overlaps."
    )
    assert text_where.footprint_takeaway(2, 9, "zcta", "Riverbend", None, None, 2, 2) == (
        "2 of 9 zip code areas in Riverbend meet both thresholds. 2 program sites lie inside it."
    )
    assert text.map_title("Uninsured", "county", 2024) == "Uninsured by county, 2024"
    i18n.set_lang("es")
    assert text_where.footprint_takeaway(3, 60, "tract", "Riverbend", 4200, 0.05, 2, 1) == (
        "3 de 60 vecindarios en Riverbend cumplen los dos umbrales; allí viven 4,200 personas, el 5% de la "
        "población de Riverbend. 1 sede de programa está dentro de la huella."
    )
    assert text.map_title("Sin seguro", "county", 2024) == "Sin seguro por condado, 2024"
    _, notices = footprint.parse("poverty;uninsured;diabetes;no_vehicle", {i: i for i in (
        "poverty", "uninsured", "diabetes", "no_vehicle")})  # fmt: skip
    assert notices == ["Una huella admite como máximo 3 indicadores; «no_vehicle» se dejó fuera."]


def test_the_map_s_notices_in_spanish():
    assert text.no_shapes(3, 10, "county").startswith("3 of the 10 counties here have no shape loaded, so")
    i18n.set_lang("es")
    assert text.no_shapes(3, 10, "county").startswith("3 de las 10 zonas de aquí (condados) no")
    assert text.no_shapes(10, 10, "tract").startswith("No se ha cargado el contorno de ninguna")
    assert "`python -m equity ingest boundaries FILE`" in text.no_shapes(1, 2, "tract")
    assert text.zip_and_places_in_states("zcta").endswith("Elija el estado como región en la barra lateral.")
    assert text.map_measure("percent", "age_adjusted") == "tasa ajustada por edad"
    assert text_where.threshold_words("Pobreza", 20.0, "percent", True) == "Pobreza: 20.0% o más"
    assert text_where.reach_note(0).endswith("no se ocultó el conteo de ninguna zona.")
