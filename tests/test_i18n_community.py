"""Community voice, Lessons learned and Data & methods in Spanish on the demo: no exception, Spanish
headings, charts and tables in Spanish, no marked English left; the English pages unchanged."""

from __future__ import annotations

import json

import pytest

from equity import i18n, text
from tests.test_i18n import english_left, everything
from tests.test_pages import run_page, shown


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_lang("en")


@pytest.fixture
def on_demo(demo_db, monkeypatch):
    monkeypatch.setenv("EQUITY_DB", str(demo_db))


# Words of text.py that equity/ui.py writes (the chart's link and table, the download buttons): translated
# once ui.py wraps them in _() at its call sites.
UI_WORDS = {text.CHART_LINK, text.CHART_LINK_NOTE, text.CHART_TABLE, text.CSV, text.EXCEL}


def left(at) -> list[str]:
    return [m for m in english_left(everything(at)) if m not in UI_WORDS]


def headings_of(at) -> list[str]:
    return [shown(t.value) for t in at.title] + [shown(s.value) for s in at.subheader]


def chart_words(at) -> str:
    """The titles, axis titles, legend names and hover templates of a page's charts."""
    words = []
    for c in at.get("plotly_chart"):
        fig = json.loads(c.proto.spec)
        layout = fig.get("layout", {})
        words.append(str(layout.get("title", {}).get("text", "")))
        for axis in ("xaxis", "yaxis"):
            title = layout.get(axis, {}).get("title", {})
            words.append(str(title.get("text", "") if isinstance(title, dict) else title))
        for trace in fig.get("data", []):
            words += [str(trace.get("name", "")), str(trace.get("hovertemplate", ""))]
    return "\n".join(words)


def test_community_voice_in_spanish(on_demo):
    at = run_page("pages/community.py", {"lang": "es"})
    assert not at.exception, at.exception
    headings = headings_of(at)
    assert "Voz de la comunidad: ustedes dijeron, nosotros hicimos" in headings
    assert "Ustedes dijeron, nosotros hicimos" in headings and "A quién escuchamos" in headings
    body = everything(at)
    assert "El tema que la gente mencionó más fue «" in body
    assert "Nosotros hicimos" in body and "Escuchado " in body
    words = chart_words(at)
    assert "Lo que la gente mencionó más" in words and "Veces mencionado" in words
    assert "Quién participó, frente a quién vive aquí: " in words  # the breakdown: the labels helper's words
    assert "Proporción de las personas escuchadas" in words
    assert "of the people" not in words
    assert not left(at), left(at)


def test_community_voice_in_english_is_unchanged(on_demo):
    at = run_page("pages/community.py")
    assert not at.exception, at.exception
    body = everything(at)
    assert "Community voice: you said, we did" in headings_of(at)
    assert "People raised “" in body and "You said" in body and "We did" in body
    assert "Who took part, against who lives here: race and ethnicity" in chart_words(at)
    assert "«" not in body


def test_data_and_methods_in_spanish(on_demo):
    at = run_page("pages/methods.py", {"lang": "es"})
    assert not at.exception, at.exception
    headings = headings_of(at)
    assert "Datos y métodos" in headings and "Cómo leer los números" in headings
    assert "Cargar sus propios datos" in headings
    body = everything(at)
    assert "intervalo de confianza del 95%" in body and "cargado el " in body
    assert "base de datos ficticia de demostración" in body
    assert "python -m equity ingest" in body  # the command lines stay as they are
    assert not left(at), left(at)


def test_data_and_methods_in_english_is_unchanged(on_demo):
    at = run_page("pages/methods.py")
    assert not at.exception, at.exception
    assert "How to read the numbers" in headings_of(at)
    body = everything(at)
    assert "is the 95% confidence interval" in body and "loaded " in body


def test_the_download_cover_sheet_in_spanish():
    import datetime as dt

    import pandas as pd

    from equity import downloads

    cite = downloads.Citation(permalink="https://example.org/?lang=es", min_count=11, chart="Gráfico")
    df = pd.DataFrame({"area": ["Alder"], "value": [1.5]})
    i18n.set_lang("es")
    book = downloads.read_any(downloads.excel(df, 11, cite, dt.datetime(2026, 3, 5, 12, 0)), "x.xlsx")
    assert list(book) == ["Acerca de", "Datos"]
    sheet = book["Acerca de"]
    about = "\n".join([*map(str, sheet.columns), *sheet.astype(str).to_numpy().ravel()])
    assert "Acerca de esta descarga" in about and "Conteos pequeños" in about
    assert "Los conteos de 1 a 10 personas se ocultan" in about
    i18n.set_lang("en")
    book = downloads.read_any(downloads.excel(df, 11, cite, dt.datetime(2026, 3, 5, 12, 0)), "x.xlsx")
    assert list(book) == ["About", "Data"]
