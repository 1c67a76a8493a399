"""Lessons learned: searching and filtering them, and a lesson, or a program's lessons together, as a short
case study another coalition could use, in HTML and Markdown. Pure functions and their words.

Everything in a lesson is the coalition's own text from a file, so it is shown and exported as text: the
HTML escapes it (and loads nothing from outside: no scripts, fonts, images or links, and a
Content-Security-Policy that forbids them), the Markdown backslash-escapes every character that could
start markup (equity.safety.md), so a title cannot become a link, an image or HTML.
"""

from __future__ import annotations

import html as _html
import re

import pandas as pd

from equity import i18n, safety, text
from equity.i18n import N_, _, ngettext

# ---- words ------------------------------------------------------------------------------------------

TITLE = N_("Lessons learned")
INTRO = N_(
    "What the coalition tried, what happened, and what it would do differently, kept so that it and "
    "other coalitions can learn from it."
)
NO_LESSONS = N_(
    "There are no lessons recorded yet. Add lessons.csv (or a lessons sheet in the organisation workbook; "
    "the template is on the Data & methods page): what was tried, what happened, what you would do "
    "differently, tags, the program, the date and the role of who recorded it, and load it with "
    "`python -m equity ingest org lessons.csv`."
)
SEARCH_LABEL = N_("Search the lessons")
SEARCH_HELP = N_("Finds lessons whose title, text, tags or recorder's role hold every word typed.")
PROGRAM_LABEL = N_("Program")
TAG_LABEL = N_("Tag")
ALL_PROGRAMS = N_("All programs")
ALL_TAGS = N_("All tags")
COALITION = N_("The coalition as a whole")
PARTS = (
    ("what_was_tried", N_("What we tried")),
    ("what_happened", N_("What happened")),
    ("do_differently", N_("What we would do differently")),
)
CASE_STUDY = N_("Case study")
DOWNLOAD_ALL = N_("Download these lessons as a case study:")
DOWNLOAD_ONE = N_("Download this lesson as a case study:")
HTML_BUTTON, MD_BUTTON = N_("Web page (HTML)"), N_("Markdown")
TAG_SEP = " · "  # tags may hold commas ('you said, we did')
SOURCE = N_("the coalition's lessons learned records")


def program_link(n: int) -> str:
    """The Programs page's link to the lessons learned from the program shown."""
    return _("Lessons learned from this program ({n})").format(n=n)


def shown_words(n: int, total: int, query: str, program: str | None, tag: str | None) -> str:
    """What the list shows: 'Showing 3 of 10 lessons, for Rural Health on Wheels, tagged transportation,
    holding “snow”.'"""
    parts = []
    if program:
        parts.append(_("for {program}").format(program=program))
    if tag:
        parts.append(_("tagged “{tag}”").format(tag=tag))
    if query:
        parts.append(_("holding “{query}”").format(query=safety.inert(query, 60)))
    which = (", " + ", ".join(parts)) if parts else ""
    if n == 0:
        return _(
            "No lesson of the {total} recorded matches{which}. Clear the search or choose another filter."
        ).format(total=total, which=which)
    return ngettext(
        "Showing {n} of {total} lesson{which}.", "Showing {n} of {total} lessons{which}.", total
    ).format(n=n, total=total, which=which)


def _day(date) -> str:
    """'14 Oct 2022' ('14 oct 2022' in Spanish)."""
    day = pd.Timestamp(date)
    if i18n.lang() == "en":
        return f"{day.day} {day:%b %Y}"
    return i18n.date(day.date(), "d MMM y").replace(".", "")


def recorded(date, role: str, program: str | None) -> str:
    """'Recorded 14 Oct 2022 by the Health educator · Healthy Hearts in Faith Communities'."""
    program = program if isinstance(program, str) else _(COALITION)
    return _("Recorded {day} by: {role} · {program}").format(day=_day(date), role=role, program=program)


def case_study_title(lessons: pd.DataFrame, program: str | None) -> str:
    if len(lessons) == 1:
        return _("Case study: {title}").format(title=lessons.iloc[0]["title"])
    if program:
        return _("Case study: lessons from {program}").format(program=program)
    return _("Case study: lessons learned")


def case_study_lead(lessons: pd.DataFrame, region: str) -> str:
    first, last = pd.Timestamp(lessons["date"].min()), pd.Timestamp(lessons["date"].max())
    if first == last:
        span = text.month_year(first)
    else:
        span = _("{first} to {last}").format(first=text.month_year(first), last=text.month_year(last))
    n = len(lessons)
    return ngettext(
        "{n} lesson recorded by {region}'s health equity coalition, {span}: what was "
        "tried, what happened, and what the coalition would do differently.",
        "{n} lessons recorded by {region}'s health equity coalition, {span}: what was "
        "tried, what happened, and what the coalition would do differently.",
        n,
    ).format(n=n, region=region, span=span)


# ---- tags, search and filters -----------------------------------------------------------------------


def tags_of(value) -> list[str]:
    """A lesson's tags: its ``tags`` split at semicolons, trimmed, empty ones dropped, each once."""
    if not isinstance(value, str):
        return []
    return list(dict.fromkeys(t.strip() for t in value.split(";") if t.strip()))


def all_tags(lessons: pd.DataFrame) -> list[str]:
    """Every tag used, most used first, then alphabetically."""
    counts: dict[str, int] = {}
    for value in lessons["tags"]:
        for t in tags_of(value):
            counts[t] = counts.get(t, 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t.casefold()))


SEARCHED = (
    "title",
    "what_was_tried",
    "what_happened",
    "do_differently",
    "tags",
    "recorded_by_role",
    "program",
)


def _folded(value) -> str:
    return safety.strip_invisible(str(value)).casefold() if isinstance(value, str) else ""


def search(lessons: pd.DataFrame, query: str | None) -> pd.Series:
    """Which lessons hold every word of ``query`` (case and accents as typed, case ignored), in any of
    their text; plain substring matching, so a query is never a pattern."""
    words = _folded(query or "").split()
    if not words:
        return pd.Series(True, index=lessons.index)
    present = [c for c in SEARCHED if c in lessons]
    haystack = lessons[present].apply(lambda r: " ".join(_folded(v) for v in r), axis=1)
    return haystack.map(lambda h: all(w in h for w in words)).astype(bool)


def filtered(
    lessons: pd.DataFrame, *, query: str | None = None, program: str | None = None, tag: str | None = None
) -> pd.DataFrame:
    """The lessons matching the search, of one program (its id; the coalition's own where the lesson has
    none is not a program), with one tag; newest first."""
    keep = search(lessons, query)
    if program is not None:
        keep &= lessons["program_id"].eq(program).fillna(False).astype(bool)
    if tag is not None:
        keep &= lessons["tags"].map(lambda v: tag in tags_of(v)).astype(bool)
    return lessons[keep].sort_values(["date", "lesson_id"], ascending=[False, True], kind="stable")


# ---- case studies -----------------------------------------------------------------------------------

CSP = "default-src 'none'; style-src 'unsafe-inline'"  # nothing loaded from anywhere; the page's own style
HTML_STYLE = (
    "body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;padding:0 1rem;"
    "color:#111;line-height:1.5}h1{font-size:1.7rem}h2{font-size:1.3rem;margin-top:2rem;border-top:1px solid "
    "#ccc;padding-top:1rem}h3{font-size:1.05rem;margin-bottom:0.2rem}.meta{color:#444;font-size:0.95rem}"
    ".tags{color:#444;font-size:0.9rem}footer{margin-top:2.5rem;color:#444;font-size:0.85rem}"
)


def _h(value) -> str:
    """Text for HTML: invisible characters removed, everything that could be markup escaped."""
    return _html.escape(safety.strip_invisible(str(value)), quote=True)


def case_study_html(
    lessons: pd.DataFrame, *, program: str | None, region: str, made_on, is_demo: bool
) -> str:
    """The lessons as one self-contained web page: escaped, with nothing loaded from outside."""
    title = case_study_title(lessons, program)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{i18n.lang()}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>{HTML_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(title)}</h1>",
        f'<p class="meta">{_h(case_study_lead(lessons, region))}</p>',
    ]
    if is_demo:
        out.append(f'<p class="meta"><strong>{_h(_(DEMO_NOTE))}</strong></p>')
    for r in lessons.itertuples():
        out.append(f"<h2>{_h(r.title)}</h2>")
        out.append(f'<p class="meta">{_h(recorded(r.date, r.recorded_by_role, r.program))}</p>')
        for column, heading in PARTS:
            out.append(f"<h3>{_h(_(heading))}</h3>")
            out.append(f"<p>{_h(getattr(r, column))}</p>")
        tags = tags_of(r.tags)
        if tags:
            out.append(f'<p class="tags">{_h(tags_line(tags))}</p>')
    out.append(f"<footer>{_h(footer(made_on))}</footer>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


DEMO_NOTE = N_("Fictional demo data: these lessons are made up to show how the dashboard works.")


def tags_line(tags: list[str]) -> str:
    """'Tags: transportation · rural'."""
    return _("Tags: {tags}").format(tags=TAG_SEP.join(tags))


def footer(made_on) -> str:
    return _("From {source}, exported by the Equity Dashboard on {day}.").format(
        source=_(SOURCE), day=_day(made_on)
    )


def _m(value) -> str:
    """Text for Markdown: every character that could start markup backslash-escaped (equity.safety.md)."""
    return safety.md(value)


def case_study_markdown(
    lessons: pd.DataFrame, *, program: str | None, region: str, made_on, is_demo: bool
) -> str:
    """The lessons as one Markdown document; user text escaped so it cannot make links, images or HTML."""
    title = case_study_title(lessons, program)
    out = [f"# {_m(title)}", "", _m(case_study_lead(lessons, region)), ""]
    if is_demo:
        out += [f"**{_m(_(DEMO_NOTE))}**", ""]
    for r in lessons.itertuples():
        out += [f"## {_m(r.title)}", "", f"*{_m(recorded(r.date, r.recorded_by_role, r.program))}*", ""]
        for column, heading in PARTS:
            out += [f"### {_m(_(heading))}", "", _m(getattr(r, column)), ""]
        tags = tags_of(r.tags)
        if tags:
            out += [_("Tags: {tags}").format(tags=_m(TAG_SEP.join(tags))), ""]
    out += ["---", "", _m(footer(made_on)), ""]
    return "\n".join(out)


def file_name(lessons: pd.DataFrame, program_id: str | None) -> str:
    """A download's file name without its extension: 'case_study_les04', 'case_study_mobile_clinic'."""
    if len(lessons) == 1:
        key = str(lessons.iloc[0]["lesson_id"])
    else:
        key = program_id or "lessons"
    return "case_study_" + (re.sub(r"[^A-Za-z0-9_-]+", "_", key).strip("_")[:60] or "lessons")
