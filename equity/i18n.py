"""The dashboard's languages: English, the source, and Spanish, from gettext catalogues.

Every string a person reads is written in English where it is made, wrapped in ``_()`` (``N_()`` marks a
string kept in a table and translated where it is used), and looked up here in the catalogue of the
language of the run. The language is a context variable set at the start of each run from the URL
(``lang=es``), so one visitor's choice never reaches another: Streamlit runs each session's script in its
own thread, and each thread has its own context.

The catalogues are the ``.po`` files in ``equity/locale/<lang>/LC_MESSAGES/`` (one per part of the
dashboard, so that the parts can be translated apart), compiled by babel when first needed; ``pybabel
extract -F babel.cfg -k N_ -o messages.pot .`` lists every marked string (see the README), and
``tests/test_i18n.py`` fails when one has no translation. Numbers and dates are formatted by babel for
the language: Spanish as written in the United States (``es_US``: 1,234.5; "5 de marzo de 2026"), where
the coalitions this serves meet.
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import functools
import gettext as _gettext
import io
import re
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGS = {"en": "English", "es": "Español"}
BABEL_LOCALE = {"en": "en_US", "es": "es_US"}
SWITCH_LABEL = "Language · Idioma"  # said in both languages, so that anyone can find it

_lang: contextvars.ContextVar[str] = contextvars.ContextVar("equity_lang", default="en")


def set_lang(lang: str) -> None:
    """The language of this run (of this thread): one of LANGS, else English."""
    _lang.set(lang if lang in LANGS else "en")


def lang() -> str:
    return _lang.get()


def locale() -> str:
    """babel's locale of this run's language."""
    return BABEL_LOCALE[lang()]


@functools.cache
def catalogue(lang: str) -> _gettext.NullTranslations:
    """Every .po file of ``lang``, compiled in memory by babel (so the catalogue read is always the one
    in the tree) and chained into one; English, the source, is the identity."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    first = _gettext.NullTranslations()
    if lang == "en":
        return first
    chain = None
    for po in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            cat = read_po(f, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, cat, use_fuzzy=False)
        buf.seek(0)
        t = _gettext.GNUTranslations(buf)
        if chain is None:
            chain = t
        else:
            chain.add_fallback(t)
    return chain or first


@functools.cache
def messages(lang: str) -> dict[str, str]:
    """msgid → translation of every message of ``lang``'s catalogues (empty translations left out)."""
    from babel.messages.pofile import read_po

    out: dict[str, str] = {}
    for po in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as f:
            for m in read_po(f, locale=lang):
                if m.id and m.string and not m.fuzzy:
                    key = m.id[0] if isinstance(m.id, tuple) else m.id
                    out[key] = m.string[0] if isinstance(m.string, tuple) else m.string
    return out


def _(message: str) -> str:
    """``message`` in this run's language."""
    if not message or _lang.get() == "en":
        return message
    return catalogue(_lang.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    if _lang.get() == "en":
        return singular if n == 1 else plural
    return catalogue(_lang.get()).ngettext(singular, plural, n)


def in_language(lang: str, fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` run in ``lang``, in a context of its own: for what a page builds later,
    outside its run (a download made when its button is clicked), in the page's language."""

    def run():
        set_lang(lang)
        return fn(*args, **kwargs)

    return contextvars.copy_context().run(run)


def N_(message: str) -> str:
    """Marks a string to translate where it is used (a table's labels, made at import)."""
    return message


def has(message: str) -> bool:
    """Whether this run's language says ``message`` in words of its own (English always does)."""
    return _lang.get() == "en" or message in messages(_lang.get())


def label(english: str) -> str:
    """A label that may come from a file (an indicator's, a group's): its translation where the
    catalogue has one, else the label as loaded, marked as not translated."""
    if _lang.get() == "en" or not english:
        return english
    words = messages(_lang.get()).get(english)
    return words if words else f"{english} {_(UNTRANSLATED)}"


UNTRANSLATED = N_("(in English)")
ADJUSTED = N_("age-adjusted")
LABELS_PO = "labels.po"  # the catalogue of the labels of indicators, groups, flags and units


@functools.cache
def label_words(lang: str) -> dict[str, str]:
    """msgid → translation of the labels' catalogue alone (indicators, groups, flags, units)."""
    from babel.messages.pofile import read_po

    po = LOCALE_DIR / lang / "LC_MESSAGES" / LABELS_PO
    if not po.exists():
        return {}
    with po.open("rb") as f:
        return {
            m.id: m.string
            for m in read_po(f, locale=lang)
            if isinstance(m.id, str) and m.string and not m.fuzzy
        }


@functools.cache
def _labels_any_case(lang: str) -> dict[str, str]:
    return {k.casefold(): v for k, v in label_words(lang).items()}


def indicator_label(english: str, mark: bool = True) -> str:
    """An indicator's label as loaded, in this run's language: its translation, an age-adjusted
    variant's ('… (age-adjusted)') from its base label's, else as loaded marked "(in English)" (unmarked
    where ``mark`` is False: a column of labels that may be an organisation's own)."""
    if _lang.get() == "en" or not isinstance(english, str) or not english:
        return english
    words = (
        label_words(_lang.get()).get(english)
        or messages(_lang.get()).get(english)
        or _labels_any_case(_lang.get()).get(english.casefold())  # 'Adult Smoking' (a CHR release's)
    )
    if words:
        return words
    base, suffix = english[: -len(" (age-adjusted)")], english[-len(" (age-adjusted)") :]
    if suffix == " (age-adjusted)" and (words := indicator_label(base, mark=False)) != base:
        return f"{words} ({_(ADJUSTED)})"
    if (svi := SVI_LABEL.fullmatch(english)) and svi["theme"] in label_words(_lang.get()):
        theme = label_words(_lang.get())[svi["theme"]]
        if svi["state"] is None:
            return _("Social vulnerability: {theme} (percentile, ranked nationally)").format(theme=theme)
        return _("Social vulnerability: {theme} (percentile, ranked within {state})").format(
            theme=theme, state=svi["state"]
        )
    if (cancer := CANCER_LABEL.fullmatch(english)) and (
        site := messages(_lang.get()).get(cancer["site"][:1].lower() + cancer["site"][1:])
    ):
        return _(CANCER_WORDS[cancer["what"]]).format(site=site)
    return label(english) if mark else english


def indicator_description(english: str) -> str:
    """An indicator's description as loaded, in this run's language: its translation; an age-adjusted
    variant's, as equity/demo and equity/ingest/generic.py write it, from its base description's and its age
    groups; else as loaded, marked "(in English)"."""
    if _lang.get() == "en" or not isinstance(english, str) or not english:
        return english
    words = label_words(_lang.get()).get(english) or messages(_lang.get()).get(english)
    if words:
        return words
    if adjusted := AGE_ADJUSTED_DESCRIPTION.fullmatch(english):
        base = adjusted["base"].rstrip(".") + "."
        ages = ", ".join(group(a) for a in adjusted["ages"].split(", "))
        said = _(AGE_ADJUSTED_WORDS).format(ages=ages)
        return f"{indicator_description(base)} {said}"
    return label(english)


# How an age-adjusted indicator's description ends (equity/demo/indicators.py, equity/ingest/generic.py).
AGE_ADJUSTED_DESCRIPTION = re.compile(
    r"(?P<base>.+?) Age-adjusted by the direct method to the 2000 U\.S\. standard population,? (?:in|from) "
    r"the age groups (?P<ages>.+?)(?:, so that places and groups of different ages compare fairly)?\.",
    re.S,
)
AGE_ADJUSTED_WORDS = N_(
    "Age-adjusted by the direct method to the 2000 U.S. standard population, in the age groups {ages}, so "
    "that places and groups of different ages compare fairly."
)


# The label of a CDC WONDER cancer measure as equity/ingest/wonder.py writes it ('Cervical cancer
# incidence'), the site's words marked there (SITES).
CANCER_LABEL = re.compile(r"(?P<site>.+) cancer (?P<what>incidence|deaths)")
CANCER_WORDS = {"incidence": N_("{site} cancer incidence"), "deaths": N_("{site} cancer deaths")}

# The label of an SVI theme as equity/ingest/svi.py writes it.
SVI_LABEL = re.compile(
    r"Social vulnerability: (?P<theme>.+) \(percentile, ranked (?:nationally|within (?P<state>.+))\)"
)


def group(english):
    """A string shown in a chart or a table: a known label's translation (a group's, a flag's) where it
    is exactly one, else the string as it is. Display only: data, keys and URLs keep the English."""
    if _lang.get() == "en" or not isinstance(english, str) or not english:
        return english
    return label_words(_lang.get()).get(english, english)


def decimal(value: float, pattern: str) -> str:
    """A number by a babel pattern ('#,##0.0'), written as the language writes it."""
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=locale())


def date(value: _dt.date, pattern: str = "long") -> str:
    """A date in words: 'long' is 'March 5, 2026' / '5 de marzo de 2026'; 'MMMM y' the month and year."""
    from babel.dates import format_date

    return format_date(value, format=pattern, locale=locale())


def skeleton(value: _dt.date, pattern: str) -> str:
    """A date by a CLDR skeleton ('yMMM': 'Jul 2022' / 'jul 2022'; 'yMMMM': 'July 2022' / 'julio de
    2022'), in the order and words of this run's language."""
    from babel.dates import format_skeleton

    return format_skeleton(pattern, value, locale=locale())


def quarter(year: int, q: int) -> str:
    """A quarter as the language writes it short: 'Q3 2024', 'T3 2024' (trimestre)."""
    from babel.dates import format_date

    return format_date(_dt.date(year, 3 * q - 2, 1), format="QQQ y", locale=locale())


# ---- the catalogue kept complete: what the code marks, what each language says ---------------------

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
METHOD_MAP = [
    ("**/.venv/**", "ignore"),
    ("tests/**", "ignore"),
    ("bench/**", "ignore"),
    ("dashboard.py", "python"),
    ("pages/**.py", "python"),
    ("equity/**.py", "python"),
]  # as babel.cfg says, for `pybabel extract -F babel.cfg -k N_ -o messages.pot .`


def marked(root: Path = ROOT) -> dict[str, tuple[str, int]]:
    """Every string the code marks for translation (a plural by its singular), with where it first is."""
    from babel.messages.extract import extract_from_dir

    out: dict[str, tuple[str, int]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(str(root), METHOD_MAP, KEYWORDS):
        key = message[0] if isinstance(message, tuple) else message
        if key and key.strip():
            out.setdefault(key, (filename, line))
    return out


def missing(lang: str = "es", root: Path = ROOT) -> dict[str, tuple[str, int]]:
    """The marked strings ``lang``'s catalogues do not translate."""
    have = messages(lang)
    return {m: where for m, where in marked(root).items() if m not in have}


def write_po(path: Path, lang: str, entries: dict) -> None:
    """A catalogue file of ``entries`` (msgid → translation; a plural as (singular, plural) → (one,
    other)), sorted, in babel's format."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po as _write

    cat = Catalog(
        locale=lang, project="Equity Dashboard", charset="utf-8", fuzzy=False,
        header_comment=f"# The Equity Dashboard in {lang}: one part of its catalogue "
        "(equity/i18n.py says how it is read and kept complete).",
    )  # fmt: skip
    for msgid, msgstr in sorted(entries.items(), key=lambda kv: str(kv[0])):
        if isinstance(msgid, tuple):  # every plural form the language has: the last form repeated
            msgstr = tuple(msgstr) + (msgstr[-1],) * (cat.num_plurals - len(msgstr))
        cat.add(msgid, msgstr)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        _write(f, cat, width=100, omit_header=False, sort_output=True)
