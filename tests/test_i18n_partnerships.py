"""The Partnerships page in Spanish: commitments both ways, their history, roles, resources pooled,
engagement and the partnership's health, in Spanish on the demo; the English page as it was."""

from __future__ import annotations

import json
import re

from equity import i18n, text
from tests.test_i18n import english_left, everything
from tests.test_pages import run_page, shown

PAGE = "pages/partnerships.py"
# Headings a chart's text alternative makes of its download's column names (text.column_words, the
# downloads' part, not this page's): 'community_at_the_table' reads "Community at the table".
CHART_TABLE_HEADINGS = {"Community at the table"}


def test_the_partnerships_page_in_spanish(on_demo):
    from equity.views import partnerships

    headings, body, specs = [], "", []
    for part in partnerships.PARTS:  # the page shows one part at a time
        at = run_page(PAGE, {"lang": "es", "part": part})
        assert not at.exception, at.exception
        assert [shown(t.value) for t in at.title] == ["Alianzas: compromisos cumplidos, en ambos sentidos"]
        headings += [shown(s.value) for s in at.subheader]
        body += everything(at)
        specs += [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
        assert at.segmented_control(key="url_part").options == [
            "Compromisos cumplidos", "Funciones y recursos", "Quién participa", "Salud de la alianza"
        ]  # fmt: skip
    for heading in ("Vencidos ahora", "El historial de cada socio", "Quién hace qué", "Recursos reunidos"):
        assert heading in headings, headings
    charts = json.dumps(specs, ensure_ascii=False)
    assert " están vencidos al " in body
    assert "Qué pasó con los compromisos que vencían cada año" in charts  # the record chart's title
    assert "Lo que aportaron los socios cada año, en dólares" in charts
    assert "Evaluación de necesidades" in charts and "Porcentaje de reuniones con asistencia" in charts
    assert "Logros para celebrar" in headings and "Quién participó, y cuándo" in headings
    assert "Cumplido a tiempo" in body and "Quién prometió" in body
    left = [m for m in english_left(body) if m not in CHART_TABLE_HEADINGS]
    assert not left, left


def test_the_partnerships_page_in_english_is_unchanged(on_demo):
    at = run_page(PAGE)
    assert not at.exception, at.exception
    body = everything(at)
    assert "Partnerships: promises kept, both ways" in [shown(t.value) for t in at.title]
    assert " commitments are overdue as of " in body
    assert "What became of the commitments due each year" in body
    assert "Alianzas" not in body


def test_commitment_words_in_spanish():
    i18n.set_lang("es")
    assert text.outcome_words("overdue", 1) == "Vencido hace 1 día"
    assert text.outcome_words("not_yet_due", None, "in_progress") == "Aún no vence (en curso)"
    assert text.promised_by(None) == "La coalición"
    assert text.times_moved(2) == "dos veces"
    assert text.record_heading("quarter") == "El historial, trimestre por trimestre"
    i18n.set_lang("en")
    assert text.outcome_words("overdue", 30) == "Overdue by 30 days"
    assert text.times_moved(3) == "3 times"


def test_the_record_by_quarter_names_its_quarters_in_spanish(on_demo):
    at = run_page(PAGE, {"lang": "es", "by": "quarter"})
    assert not at.exception, at.exception
    record = next(
        json.loads(c.proto.spec) for c in at.get("plotly_chart") if "trimestre" in c.proto.spec.lower()
    )
    shown_x = {x for t in record["data"] for x in (t.get("x") or []) if isinstance(x, str)}
    assert shown_x and all(re.fullmatch(r"T[1-4] \d{4}", x) for x in shown_x), shown_x
    english = run_page(PAGE, {"by": "quarter"})
    spec = next(json.loads(c.proto.spec) for c in english.get("plotly_chart") if "quarter" in c.proto.spec)
    assert any(re.fullmatch(r"\d{4} Q[1-4]", x) for t in spec["data"] for x in (t.get("x") or []))
