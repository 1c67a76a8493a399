"""Meeting slides and the brief in Spanish: the story built from the data, its buttons, notes window and
notices in Spanish, still shaped for 1280x720; the brief's HTML (lang="es") and PDF in Spanish, accents
and «» intact; the English of both unchanged."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from equity import brief, i18n, stories
from equity.i18n import _
from tests.test_brief import MADE, hostile_view
from tests.test_i18n import english_left, everything
from tests.test_pages import charts, run_page, texts

PAGE = "pages/meeting.py"
TITLES = [stories.GAP_TITLE, stories.MAP_TITLE, stories.PROGRAM_TITLE, stories.VOICE_TITLE]


def spanish(english: str) -> str:
    i18n.set_lang("es")
    try:
        return _(english)
    finally:
        i18n.set_lang("en")


def slide_title(at) -> str:
    found = re.search(r'<div class="slide-title">([^<]*)</div>', texts(at))
    return found.group(1) if found else ""


def test_the_default_storys_words_have_spanish_and_titles_stay_short():
    for english in [*TITLES, stories.DEFAULT_TITLE]:
        words = spanish(english)
        assert words and words != english, english
    # A slide's title is one line in large type at 1280x720: no Spanish title much longer than its English.
    for english in TITLES:
        assert len(spanish(english)) <= 40, spanish(english)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_each_slide_of_the_built_story_in_spanish(on_demo, n):
    at = run_page(PAGE, {"lang": "es", "story": "default", "slide": str(n)})
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert slide_title(at) == spanish(TITLES[n - 1])
    assert f"{n} de 4" in texts(at)
    assert len(charts(at)) == 1
    labels = [b.label for b in at.button]
    assert "Anterior" in labels and "Siguiente" in labels
    assert "Notas del presentador (ventana nueva)" in [b.label for b in at.get("link_button")]
    body = everything(at)
    assert not english_left(body), english_left(body)
    for word in ("Previous", "Next", "Speaker notes", " of 4"):
        assert word not in texts(at), word


def test_the_notes_window_in_spanish(on_demo):
    at = run_page(PAGE, {"lang": "es", "story": "default", "slide": "1", "notes": "1"})
    assert not at.exception, at.exception
    body = texts(at)
    assert "Notas del presentador: 1 de 4" in body
    assert spanish(stories.GAP_NOTES)[:40] in body
    assert f"Sigue: {spanish(stories.MAP_TITLE)}" in body
    assert "En la pantalla:" in body
    assert not english_left(everything(at)), english_left(everything(at))
    last = run_page(PAGE, {"lang": "es", "story": "default", "slide": "4", "notes": "1"})
    assert "Esta es la última diapositiva." in texts(last)


def test_a_notice_of_the_link_in_spanish(on_demo):
    at = run_page(PAGE, {"lang": "es", "story": "nowhere", "slide": "99"})
    assert not at.exception, at.exception
    warnings = re.sub(r"\\(.)", r"\1", " ".join(w.value for w in at.warning)).replace("\u2060", "")
    assert "El enlace pedía la historia «nowhere»" in warnings, warnings
    assert "The link asked" not in warnings


def test_the_english_slides_are_unchanged(on_demo):
    at = run_page(PAGE, {"story": "default", "slide": "2"})
    assert not at.exception, at.exception
    assert slide_title(at) == "Where need is greatest"
    assert "2 of 4" in texts(at)
    assert {"Previous", "Next"} <= {b.label for b in at.button}
    notes = texts(run_page(PAGE, {"story": "default", "slide": "4", "notes": "1"}))
    assert "Speaker notes: 4 of 4" in notes and "This is the last slide." in notes


# ---- the brief ---------------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


ACCENTED = "Peñasco «Río» ¿Qué? ¡Sí! áéíóú"


def spanish_view() -> brief.View:
    view = hostile_view(label="Zoë & Ñandú")
    view.place = ACCENTED
    view.heading = ""  # the title the brief makes: "Equidad en salud en …"
    view.page = "Resumen"  # the navigation's name in Spanish
    return view


def test_the_brief_in_spanish_html():
    i18n.set_lang("es")
    page = brief.build_html([spanish_view()], MADE).decode("utf-8")
    assert '<html lang="es">' in page
    for words in (
        "Equidad en salud en Peñasco «Río» ¿Qué? ¡Sí! áéíóú",
        "Fuente y método",
        "Datos ficticios de demostración.",
        "Escanee para abrir la vista en línea",
        "Código QR del enlace a la vista en línea",
        "Vista en línea:",
        "1 de diciembre de 2026, 15:30 UTC",
        "Hecho con el Panel de Equidad el 1 de diciembre de 2026",
        "donde viven 959,808 personas",
        "(edición 2019–2024)",
        "<dt>Fuente</dt>",
        "<dt>Intervalos</dt>",
        "Los rangos son intervalos de confianza del 95%",
        "Fuente: Zoë &amp; Ñandú.",
    ):
        assert words in page, words
    for english in ("Source and method", "Scan to open", "Made with the Equity Dashboard", "people living"):
        assert english not in page, english
    assert not english_left(page), english_left(page)


def test_the_brief_in_spanish_pdf_keeps_its_accents():
    i18n.set_lang("es")
    words = pdf_text(brief.build_pdf([spanish_view()], MADE))
    for line in (
        "Equidad en salud en Peñasco «Río» ¿Qué? ¡Sí! áéíóú",
        "Fuente y método",
        "Datos ficticios de demostración.",
        "Escanee para abrir",
        "1 de diciembre de 2026, 15:30 UTC",
        "Hecho con el Panel de Equidad el 1 de diciembre de 2026",
        "Conteos pequeños",
        "Método",
    ):
        assert line in words, (line, words[:600])
    assert "Source and method" not in words


def test_the_brief_in_english_is_unchanged():
    view = spanish_view()
    view.page = "Overview"
    page = brief.build_html([view], MADE).decode("utf-8")
    assert '<html lang="en">' in page
    for words in (
        "Health equity in Peñasco",
        "Source and method",
        "December 1, 2026, 15:30 UTC",
        "Made with the Equity Dashboard on December 1, 2026",
        "959,808 people living here",
        "(vintage 2019–2024)",
        "<dt>Source</dt>",
        "Source: Zoë &amp; Ñandú.",
    ):
        assert words in page, words
    words = pdf_text(brief.build_pdf([view], MADE))
    assert "Health equity in Peñasco «Río» ¿Qué? ¡Sí! áéíóú" in words
    assert "Scan to open the live view" in words


def test_several_views_and_more_rows_in_each_language():
    assert brief.text.brief_several(3) == "A brief of 3 views"
    assert brief.text.brief_more_rows(1) == "… and 1 more row: the page and its download have them all."
    assert brief.text.brief_more_rows(1234) == (
        "… and 1,234 more rows: the page and its download have them all."
    )
    i18n.set_lang("es")
    assert brief.text.brief_several(3) == "Un informe de 3 vistas"
    assert brief.text.brief_more_rows(1234).startswith("… y 1,234 filas más")
    assert brief.text.brief_made(dt.datetime(2026, 3, 5, 9, 7)) == "5 de marzo de 2026, 09:07 UTC"


def test_a_brief_figures_dates_name_their_months_in_spanish():
    import pandas as pd
    import plotly.graph_objects as go

    from equity import brief_figures

    days = pd.date_range("2025-01-01", periods=12, freq="MS")
    fig = go.Figure(go.Scatter(x=list(days), y=list(range(12)), mode="lines"))

    def ticks() -> list[str]:
        out = brief_figures.draw(fig)
        out.canvas.draw()
        return [t.get_text() for t in out.axes[0].get_xticklabels() if t.get_text()]

    english = ticks()
    assert any(m in " ".join(english) for m in ("Apr", "Jul", "Oct")), english
    i18n.set_lang("es")
    words = " ".join(ticks())
    assert any(m in words for m in ("abr", "jul", "oct")), words
    assert not any(m in words for m in ("Apr", "Jul", "Oct")), words
