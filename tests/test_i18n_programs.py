"""The Programs page in Spanish: its scorecards, monthly results, "Did it work?" and "Who are we
reaching?" say their words in Spanish on the demo, charts' titles and axes included, and the English page
is as it was."""

from __future__ import annotations

import pytest

from equity import i18n, scorecard, text
from equity.views import impact as impact_view
from tests.helpers import page_views
from tests.test_i18n import chart_words, english_left, everything
from tests.test_pages import run_page

PAGE = "pages/programs.py"


def whole_page(params: dict):
    """The text and the charts' words of every part of the page (it shows one part at a time)."""
    body, words = "", ""
    for part in page_views(PAGE):
        at = run_page(PAGE, params | part)
        assert not at.exception, (part, at.exception)
        body += everything(at)
        words += chart_words(at)
    return at, body, words


@pytest.mark.parametrize("program", [None, "mobile_clinic"])
def test_the_programs_page_in_spanish(on_demo, program):
    at, body, charts = whole_page({"lang": "es"} | ({"program": program} if program else {}))
    for heading in (
        "Programas: la tarjeta de resultados",
        "Todos los programas: la tarjeta de resultados de la coalición",
        "Mes a mes, frente a las metas",
        "¿Funcionó?",
        "¿A quién estamos llegando?",
        "¿Alguien está mejor?",
    ):
        assert heading in body, heading
    assert at.segmented_control(key="url_part").options == [
        "Resultados y tarjetas",
        "¿Funcionó?",
        "A quién llegamos",
    ]
    left = english_left(body)
    assert not left, left
    for english in ("Share of the people", "Years since the program began", "Change in the gap", "Baseline"):
        assert english not in charts, (english, charts)
    assert "Proporción de las personas" in charts or "Personas atendidas" in charts, charts


def test_the_english_page_is_unchanged(on_demo):
    _, body, _ = whole_page({})
    for heading in (
        "Programs: the results scorecard",
        "All programs: the coalition's scorecard",
        "Month by month, against targets",
        "Did it work?",
        "Who are we reaching?",
        "Is anyone better off? Of ",
    ):
        assert heading in body, heading
    assert "¿" not in body


def test_scorecard_words_in_each_language():
    trend = scorecard.Trend("down", before=15.3, after=12.1, against="year")
    assert text.trend_words(trend, "percent", False, 6) == (
        "↓ Getting better: averaging 12.1%, down from 15.3% a year before"
    )
    assert text.coalition_takeaway(2, {"met": 1, "missed": 1, "worse": 1}, 2, 0) == (
        "Is anyone better off? Of 2 measures across 2 programs, 1 is on track and 1 is off track; "
        "1 is getting worse."
    )
    i18n.set_lang("es")
    assert text.trend_words(trend, "percent", False, 6) == (
        "↓ Mejorando: promedio de 12.1%, menos que 15.3% un año antes"
    )
    assert text.question_title("how_much") == "¿Cuánto hicimos?"
    assert text.coalition_columns()[0] == "Programa"
    assert _c(1) == "1 está en camino" and _c(3) == "3 están en camino"


def _c(n):
    return text._counted(n, "met")


def test_the_caveat_keeps_its_meaning():
    i18n.set_lang("es")
    assert "es una asociación, no una prueba" in i18n._(impact_view.CAVEAT).lower()
