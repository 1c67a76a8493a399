"""Labels in Spanish: indicators, groups, flags and units read in Spanish wherever they are shown, a label
loaded without a translation is shown as loaded and marked, and group labels stay English as keys (the
data, the URL's ``ref=``)."""

from __future__ import annotations

import json

import duckdb
import pytest

from equity import i18n, text
from tests.test_i18n import english_left, everything
from tests.test_pages import run_page


def _indicator_box(at):
    return next(w for w in at.selectbox if w.label == "Indicador")


def _groups_chart(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_the_tables_of_words_read_in_each_language():
    assert text.flag_text("suppressed") == "Too few to show" and text.flag_text(None) == "No data"
    assert text.number(4512.0, "per_100k") == "4,512 per 100,000"
    assert text.who("race_ethnicity", "Hispanic or Latino") == "Hispanic or Latino residents"
    assert text.who("age", "18–24") == "people aged 18–24"
    assert text.group_dim_label("income") == "Household income"
    i18n.set_lang("es")
    assert (
        text.flag_text("suppressed") == "Muy pocos para mostrar" and text.flag_text("no_data") == "Sin datos"
    )
    assert text.FLAG_TEXT["no_data"] == "Sin datos" and text.UNIT_AXIS["percent"] == "Porcentaje"
    assert text.number(4512.0, "per_100k") == "4,512 por 100,000"
    assert text.measure_words("age_adjusted", "percent") == "tasa ajustada por edad"
    assert text.group_dim_label("race_ethnicity") == "Raza y etnia"
    assert text.who("race_ethnicity", "Hispanic or Latino") == "residentes hispanos o latinos"
    assert text.who("age", "18–24") == "personas de 18 a 24 años"
    assert text.who("age", "65 and older") == "personas de 65 años o más"
    assert text.who("sex", "Female") == "mujeres"
    assert i18n.indicator_label("Adults with obesity") == "Adultos con obesidad"
    assert (
        i18n.indicator_label("Adults with obesity (age-adjusted)")
        == "Adultos con obesidad (ajustada por edad)"
    )
    assert i18n.indicator_label("Adults who walk to work") == "Adults who walk to work (en inglés)"
    svi = i18n.indicator_label("Social vulnerability: overall (percentile, ranked within Rhode Island)")
    assert svi == "Vulnerabilidad social: general (percentil, clasificación dentro de Rhode Island)"
    arthritis = i18n.indicator_label("Arthritis among adults (age-adjusted)")
    assert arthritis == "Artritis en adultos (ajustada por edad)"
    # CDC WONDER's cancer measures, as equity/ingest/wonder.py builds their labels from its sites.
    assert i18n.indicator_label("Cervical cancer incidence") == "Incidencia de cáncer de cuello uterino"
    assert i18n.indicator_label("Lung cancer deaths (age-adjusted)") == (
        "Muertes por cáncer de pulmón (ajustada por edad)"
    )
    assert i18n.indicator_label("All sites cancer incidence") == "Incidencia de cáncer (todos los tipos)"
    assert i18n.indicator_label("Appendix cancer incidence") == "Appendix cancer incidence (en inglés)"
    # County Health Rankings' measures, as the 2010 release writes them and as recent ones do.
    assert i18n.indicator_label("Adult smoking") == "Tabaquismo en adultos"
    assert i18n.indicator_label("Adult Smoking") == "Tabaquismo en adultos"
    assert i18n.indicator_label("Premature Death") == "Muerte prematura"


def test_the_indicator_choices_and_the_groups_chart_are_in_spanish(on_demo):
    at = run_page("pages/disparities.py", {"lang": "es"})
    assert not at.exception, at.exception
    options = _indicator_box(at).options
    assert "Adultos sin seguro médico" in options and "Adults without health insurance" not in options
    spec = _groups_chart(at)
    names = [y for trace in spec["data"] for y in (trace.get("y") or []) if isinstance(y, str)]
    assert "Hispano o latino" in names and "Blanco" in names, names
    assert "Hispanic or Latino" not in names and "White" not in names
    assert spec["layout"]["xaxis"]["title"]["text"] == "Porcentaje"
    assert "Hispanic or Latino" not in json.dumps(spec["layout"]["yaxis"].get("categoryarray", []))
    ref = next(w for w in at.selectbox if w.options and "Hispano o latino" in w.options)
    assert ref is not None  # the comparison group's options are read in Spanish
    body = everything(at)
    assert "Raza y etnia" in body
    left = [m for m in english_left(body) if m in LABELS]
    assert not left, left


def test_ref_in_english_still_selects_the_group_in_spanish(on_demo):
    at = run_page("pages/disparities.py", {"lang": "es", "ref": "White"})
    assert not at.exception, at.exception
    assert not [w.value for w in at.warning if "ref" in w.value.lower()]
    ref = next(w for w in at.selectbox if w.options and "Blanco" in w.options)
    assert ref.value == "White"  # the key stays English, only its words are Spanish
    assert at.query_params.get("ref") in ("White", ["White"], None)


def test_a_label_without_a_translation_is_shown_as_loaded_and_marked(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "equity.duckdb"
    path.write_bytes(demo_db.read_bytes())
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE indicators SET label = 'Adults who walk to work' WHERE indicator_id = 'asthma'")
    monkeypatch.setenv("EQUITY_DB", str(path))
    at = run_page("pages/disparities.py", {"lang": "es", "ind": "asthma"})
    assert not at.exception, at.exception
    assert "Adults who walk to work (en inglés)" in _indicator_box(at).options
    english = run_page("pages/disparities.py", {"ind": "asthma"})
    assert "Adults who walk to work" in next(w for w in english.selectbox if w.label == "Indicator").options


def test_english_is_unchanged(on_demo):
    at = run_page("pages/disparities.py")
    assert not at.exception, at.exception
    assert (
        "Adults without health insurance" in next(w for w in at.selectbox if w.label == "Indicator").options
    )
    spec = _groups_chart(at)
    names = [y for trace in spec["data"] for y in (trace.get("y") or []) if isinstance(y, str)]
    assert "Hispanic or Latino" in names and "White" in names
    assert spec["layout"]["xaxis"]["title"]["text"] == "Percent"


# The labels this part translates (catalogue labels.po): a page may still show other parts' English.
LABELS = set(i18n.label_words("es"))


DEMO_UNINSURED = "Percent of adults aged 18 and older who have no health insurance of any kind."
SPANISH_UNINSURED = "Porcentaje de adultos de 18 años o más que no tienen ningún tipo de seguro médico."
ADJUSTED_ES = "Ajustado por edad por el método directo a la población estándar de EE. UU. del año 2000"


@pytest.mark.parametrize(
    "english, starts, ends",
    [
        (DEMO_UNINSURED, SPANISH_UNINSURED, SPANISH_UNINSURED),
        # the demo's age-adjusted variant: its base's words, then the method with its age groups in Spanish
        (
            DEMO_UNINSURED
            + " Age-adjusted by the direct method to the 2000 U.S. standard population, in the "
            "age groups 18–24, 65 and older, so that places and groups of different ages compare fairly.",
            SPANISH_UNINSURED + " " + ADJUSTED_ES,
            "en los grupos de edad 18 a 24 años, 65 años o más, para que lugares y grupos de edades "
            "distintas se comparen con justicia.",
        ),
        # as equity/ingest/generic.py writes it, of a loaded description with no translation
        (
            "Share of people. Age-adjusted by the direct method to the 2000 U.S. standard population from "
            "the age groups 18–24, 65 and older.",
            "Share of people. (en inglés) " + ADJUSTED_ES,
            "18 a 24 años, 65 años o más, para que lugares y grupos de edades distintas se comparen con "
            "justicia.",
        ),
        # a public source's words as its loader wrote them: as loaded, marked
        (
            "New cases per 100,000 women, crude rate.",
            "New cases per 100,000 women, crude rate.",
            "(en inglés)",
        ),
        ("", "", ""),
    ],
)
def test_an_indicators_description_reads_in_spanish_or_is_marked(english, starts, ends):
    i18n.set_lang("es")
    words = i18n.indicator_description(english)
    assert words.startswith(starts) and words.endswith(ends), words
    i18n.set_lang("en")
    assert i18n.indicator_description(english) == english


def test_the_page_caption_gives_the_indicators_description_in_spanish(on_demo):
    at = run_page("pages/overview.py", {"lang": "es"})
    captions = " ".join(str(c.value) for c in at.caption)
    assert "Porcentaje de adultos de 18 años o más" in captions
    assert DEMO_UNINSURED not in captions
