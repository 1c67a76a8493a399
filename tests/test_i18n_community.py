"""Community voice, Lessons learned and Data & methods in Spanish on the demo: no exception, Spanish
headings, charts and tables in Spanish, no marked English left; the English pages unchanged."""

from __future__ import annotations

import re

from equity import i18n, text
from tests.test_i18n import chart_words, english_left, everything
from tests.test_pages import run_page, shown

# Words of text.py that equity/ui.py writes (the chart's link and table, the download buttons): translated
# once ui.py wraps them in _() at its call sites.
UI_WORDS = {text.CHART_LINK, text.CHART_LINK_NOTE, text.CHART_TABLE, text.CSV, text.EXCEL}


def left(at) -> list[str]:
    return [m for m in english_left(everything(at)) if m not in UI_WORDS]


def headings_of(at) -> list[str]:
    return [shown(t.value) for t in at.title] + [shown(s.value) for s in at.subheader]


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
    # An indicator's definition ("**Label** — what it counts") is the data's own text, shown as loaded.
    words = re.sub(r"(?m)^(\*\*[^\n]*?\*\*) — .*$", r"\1", body)
    assert not [m for m in english_left(words) if m not in UI_WORDS]


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


def test_lessons_learned_in_spanish(on_demo):
    at = run_page("pages/lessons.py", {"lang": "es"})
    assert not at.exception, at.exception
    assert "Lecciones aprendidas" in headings_of(at)
    body = everything(at)
    assert "Se muestran 10 de 10 lecciones." in body and "Lo que intentamos" in body
    assert "Registrada el " in body
    assert [w.label for w in at.text_input] == ["Buscar en las lecciones"]
    assert "Página web (HTML)" in [b.label for b in at.get("download_button")]
    assert not left(at), left(at)


def test_lessons_learned_in_english_is_unchanged(on_demo):
    at = run_page("pages/lessons.py")
    assert not at.exception, at.exception
    body = everything(at)
    assert "Showing 10 of 10 lessons." in body and "What we tried" in body and "Recorded " in body


def test_a_case_study_in_spanish():
    import datetime as dt

    import pandas as pd

    from equity import lessons as rules

    one = pd.DataFrame(
        {
            "lesson_id": ["les01"],
            "title": ["Vans in the snow"],
            "what_was_tried": ["A van"],
            "what_happened": ["Snow"],
            "do_differently": ["Chains"],
            "tags": ["transportation; rural"],
            "recorded_by_role": ["Health educator"],
            "program": [None],
            "program_id": [None],
            "date": [pd.Timestamp("2022-10-14")],
        }
    )
    words = dict(program=None, region="Riverbend", made_on=dt.date(2026, 3, 5), is_demo=True)
    i18n.set_lang("es")
    page = rules.case_study_html(one, **words)
    assert '<html lang="es">' in page and "Estudio de caso: Vans in the snow" in page
    assert "Lo que haríamos de otra manera" in page and "Etiquetas: transportation · rural" in page
    assert "Registrada el 14 oct 2022 por: Health educator · La coalición en su conjunto" in page
    assert "1 lección registrada por la coalición de equidad en salud de Riverbend, oct 2022" in page
    text_md = rules.case_study_markdown(one, **words)
    assert "exportado por el Panel de Equidad el 5 mar 2026." in text_md
    i18n.set_lang("en")
    page = rules.case_study_html(one, **words)
    assert (
        '<html lang="en">' in page
        and "Recorded 14 Oct 2022 by: Health educator · The coalition as a whole" in page
    )
