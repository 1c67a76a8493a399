"""English and Spanish: the catalogue is complete for the built-in text, its placeholders match, a
Spanish page shows no marked English string, the language is per session, numbers and dates read as
the language writes them."""

from __future__ import annotations

import datetime as dt
import json
import re
import threading

import pytest

from equity import i18n, state
from equity.i18n import _, ngettext
from tests.test_pages import run_page, shown, texts


def test_every_marked_string_has_a_spanish_translation():
    gaps = i18n.missing("es")
    assert not gaps, "no Spanish for:\n" + "\n".join(f"{f}:{n}  {m}" for m, (f, n) in list(gaps.items())[:40])


PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")


def test_each_translation_keeps_the_placeholders_of_its_english():
    wrong = {
        msgid: words
        for msgid, words in i18n.messages("es").items()
        if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(words))
    }
    assert not wrong, wrong


def test_no_string_is_translated_two_ways_in_two_catalogues():
    from babel.messages.pofile import read_po

    said: dict[str, set[str]] = {}
    for po in sorted((i18n.LOCALE_DIR / "es" / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            for m in read_po(f, locale="es"):
                if m.id and m.string:
                    key = m.id[0] if isinstance(m.id, tuple) else m.id
                    said.setdefault(key, set()).add(m.string[0] if isinstance(m.string, tuple) else m.string)
    assert not {k: v for k, v in said.items() if len(v) > 1}


def test_the_catalogue_holds_no_string_the_code_no_longer_marks():
    stale = set(i18n.messages("es")) - set(i18n.marked())
    assert not stale, sorted(stale)[:20]


@pytest.mark.parametrize(
    ("lang", "english", "expected"),
    [
        ("en", "Overview", "Overview"),
        ("es", "Overview", "Resumen"),
        ("es", "Meeting slides", "Diapositivas para reuniones"),
        ("fr", "Overview", "Overview"),  # a language not offered is English
    ],
)
def test_a_string_in_each_language(lang, english, expected):
    i18n.set_lang(lang)
    assert _(english) == expected


def test_plurals_and_labels_from_files():
    i18n.set_lang("es")
    one, many = (
        "The brief holds {n} chosen view and this one.",
        "The brief holds {n} chosen views and this one.",
    )
    assert ngettext(one, many, 1).format(n=1) == "El informe incluye 1 vista elegida y esta."
    assert ngettext(one, many, 3).format(n=3) == "El informe incluye 3 vistas elegidas y esta."
    assert i18n.label("Counties") == "Condados"
    # A label loaded from a file that the catalogue does not know stays as loaded, marked.
    assert i18n.label("Adults who walk to work") == "Adults who walk to work (en inglés)"
    i18n.set_lang("en")
    assert i18n.label("Adults who walk to work") == "Adults who walk to work"


def test_numbers_and_dates_as_each_language_writes_them():
    i18n.set_lang("es")
    assert i18n.decimal(1234567.5, "#,##0.0") == "1,234,567.5"  # Spanish as written in the United States
    assert i18n.date(dt.date(2026, 3, 5)) == "5 de marzo de 2026"
    assert i18n.date(dt.date(2026, 3, 5), "MMMM 'de' y") == "marzo de 2026"
    i18n.set_lang("en")
    assert i18n.date(dt.date(2026, 3, 5)) == "March 5, 2026"


def test_one_visitors_language_never_reaches_another():
    """Streamlit runs each session's script in a thread of its own: the language set in one is not seen
    in another running at the same time."""
    seen: dict[str, list[str]] = {"en": [], "es": []}
    both = threading.Barrier(2)

    def visitor(lang):
        i18n.set_lang(lang)
        both.wait()  # each has set its language before either reads
        for _n in range(50):
            seen[lang].append(_("Overview"))

    threads = [threading.Thread(target=visitor, args=(lang,)) for lang in ("en", "es")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(seen["en"]) == {"Overview"} and set(seen["es"]) == {"Resumen"}


def test_lang_es_is_a_language_of_the_link_and_a_bad_one_falls_back_with_a_notice():
    choices = state.Choices(
        regions={"99": "Riverbend"}, indicators={"uninsured": "Uninsured"}, years=(2024,), groups={}
    )
    parsed, notices = state.parse({"lang": "es"}, choices)
    assert parsed.lang == "es" and notices == []
    parsed, notices = state.parse({"lang": "<b>fr</b>"}, choices)
    assert parsed.lang == "en" and any("the language" in n for n in notices), notices


# ---- the pages in Spanish ------------------------------------------------------------------------


def everything(at) -> str:
    """All a page shows: its text, captions, tables, widgets' labels and options, and its charts."""
    parts = [texts(at)] + [shown(c.value) for c in at.caption]
    parts += [
        shown(w.label)
        for kind in ("selectbox", "radio", "multiselect", "slider", "button")
        for w in at.get(kind)
    ]
    parts += [shown(o) for w in at.selectbox for o in w.options]
    parts += [shown(link.proto.label) for link in at.get("page_link")]
    for t in at.table:
        df = t.value
        parts += [shown(c) for c in df.columns] + [shown(v) for v in df.astype(str).to_numpy().ravel()]
    parts += [c.proto.spec for c in at.get("plotly_chart")]
    return "\n".join(parts)


def chart_words(at) -> str:
    """Every word a page's charts draw: titles and subtitles, every axis's title, annotations, and each
    trace's name, legend group title and hover template."""

    def text_of(title) -> str:
        return str(title.get("text", "") if isinstance(title, dict) else title or "")

    words = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec.get("layout", {})
        title = layout.get("title", {})
        words.append(text_of(title))
        if isinstance(title, dict):
            words.append(text_of(title.get("subtitle", {})))
        for key, axis in layout.items():
            if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
                words.append(text_of(axis.get("title", {})))
        words += [str(a.get("text", "")) for a in layout.get("annotations", [])]
        for trace in spec.get("data", []):
            words += [str(trace.get("name", "")), str(trace.get("hovertemplate", ""))]
            words.append(text_of(trace.get("legendgrouptitle") or {}))
    return "\n".join(w for w in words if w)


def english_left(body: str) -> list[str]:
    """The marked English strings (of three words or more) a page shows as they are, untranslated."""
    have = i18n.messages("es")
    return [m for m in i18n.marked() if len(m.split()) >= 3 and m in body and have.get(m) != m]


def test_the_frame_in_spanish_names_the_pages_and_filters_in_spanish(on_demo):
    at = run_page("pages/overview.py", {"lang": "es"})
    assert not at.exception, at.exception
    assert not at.warning, [w.value for w in at.warning]
    assert at.get("segmented_control")[0].value == "es"
    labels = [w.label for w in at.selectbox]
    assert "Región" in labels and "Indicador" in labels
    body = everything(at)
    assert "Datos ficticios de demostración" in body
    assert not english_left(body), english_left(body)


def test_the_presentation_view_in_spanish_steps_and_leaves_in_spanish(on_demo):
    at = run_page("pages/programs.py", {"lang": "es", "present": "1"})
    assert not at.exception, at.exception
    labels = [link.proto.label for link in at.get("page_link")]
    assert "Salir de la vista de presentación" in labels, labels
    assert "← Disparidades" in labels and "Alianzas →" in labels
    assert not english_left(everything(at)), english_left(everything(at))


def test_the_switch_sets_the_language_in_the_link(on_demo):
    at = run_page("pages/overview.py")
    assert at.get("segmented_control")[0].value == "en"
    at.get("segmented_control")[0].set_value("es").run()
    assert not at.exception, at.exception
    assert at.query_params.get("lang") in ("es", ["es"])
    assert "Región" in [w.label for w in at.selectbox]
