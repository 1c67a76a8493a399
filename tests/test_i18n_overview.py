"""The Overview and Disparities pages in Spanish on the demo: no error, Spanish headings and chart words,
no marked English left; and the English pages as they were."""

from __future__ import annotations

from tests.test_i18n import chart_words, english_left, everything
from tests.test_pages import run_page


def test_the_overview_in_spanish(on_demo):
    at = run_page("pages/overview.py", {"lang": "es"})
    assert not at.exception, at.exception
    body = everything(at)
    assert "Equidad en salud en" in body
    assert "Personas que viven aquí" in body and "Compromisos vencidos" in body
    assert "Mayores brechas" in body and "Mire más de cerca una brecha" in body
    charts = chart_words(at)
    assert "Cuántas veces peor le va al grupo más afectado" in charts
    assert "Tasa del grupo más afectado" in charts and "Fuente:" in charts
    assert not english_left(body), english_left(body)


def test_the_overview_in_english_is_unchanged(on_demo):
    at = run_page("pages/overview.py")
    assert not at.exception, at.exception
    body = everything(at)
    assert "Health equity in" in body and "People living here" in body
    assert "How many times worse the worst-off group fares" in chart_words(at)
    assert "Equidad en salud" not in body


def test_the_disparities_page_in_spanish(on_demo):
    at = run_page("pages/disparities.py", {"lang": "es"})
    assert not at.exception, at.exception
    body = everything(at)
    assert "Compare cada grupo con" in [w.label for w in at.selectbox]
    assert "Con el tiempo" in body and "Comparado con otros lugares" in body
    assert "Cuántos menos habría si todos los grupos tuvieran la mejor tasa" in body
    assert "Fuente:" in chart_words(at)
    assert not english_left(body), english_left(body)


def test_the_disparities_page_in_english_is_unchanged(on_demo):
    at = run_page("pages/disparities.py")
    assert not at.exception, at.exception
    body = everything(at)
    assert "Compare each group with" in [w.label for w in at.selectbox]
    assert "Over time" in body and "Compared with other places" in body
    assert "Con el tiempo" not in body


def test_the_disparities_page_of_an_indicator_without_groups_in_spanish(on_demo):
    at = run_page("pages/disparities.py", {"lang": "es", "ind": "obesity"})
    assert not at.exception, at.exception
    body = everything(at)
    assert "no tiene valores por grupo" in body and "Vecindarios en comparación" in body
    assert "Cuántos menos habría si la zona tuviera la tasa de referencia" in chart_words(at)
    assert not english_left(body), english_left(body)
