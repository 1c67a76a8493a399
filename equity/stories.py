"""Meeting mode: stories of slides, one idea on each, and all their words.

A story is an ordered list of slides; a slide is one view of one page (its URL keys, written as a query
string, ``ind=uninsured&group=race_ethnicity``), one of that page's charts, a title, the sentence shown in
large type (empty: the chart's own takeaway) and the presenter's notes. The organisation stores its own
(tables ``stories`` and ``story_slides``, loaded by ``python -m equity ingest org``); where it stores none,
equity.views.meeting builds one from the data.

A slide's view is read twice: here, when it is loaded, by its form alone (keys the page has, short printable
values, no markup), so that a hostile file is refused with the row and what was expected; and when it is
shown, by equity.state.parse against what the database holds then, as any shared link is, so that a value
the database no longer has falls back with a notice. Nothing here needs Streamlit.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field

import pandas as pd

from equity import safety, state
from equity.i18n import N_, _

# The charts a slide can show, by page (a subset of state.PAGE_CHARTS: a key ending in '_' is a family,
# the key and an id from the database, as the programs page's results_<metric_id>). The partnerships
# page's charts are records of many commitments, read at a desk, not from the back of a room.
SLIDE_CHARTS: dict[str, tuple[str, ...]] = {
    "overview": ("overview_gaps",),
    "map": ("map",),
    "disparities": ("groups", "shares", "trend", "places"),
    "programs": ("results_", "reach"),
    "community": ("topics",),
}
for _page, _keys in SLIDE_CHARTS.items():
    assert set(_keys) <= set(state.PAGE_CHARTS[_page]), _page  # noqa: S101 (a slip here is a bug)

# The keys a slide's view may set: the shared keys but the presentation flag (a slide is always
# presented), and the page's own but ``chart`` (the slide's chart column says which).
_NOT_IN_VIEW = ("present", "chart")
MAX_VIEW_LENGTH = 600
MAX_KEYS = 12
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|&#?[a-zA-Z0-9]+;|javascript:", re.I)
_UNSAFE_IN_VALUE = re.compile(r"[<>`\"\\]")
DEFAULT_STORY = "default"  # the story built from the data, ``story=default``
# A chart's height on a slide (pixels) under a one-line sentence, less a line's for each further line, so
# that the chart and its sentence fit 1280x720 (equity.views.meeting.slide_height).
SLIDE_HEIGHT, LINE_HEIGHT, MIN_HEIGHT, CHARACTERS_PER_LINE = 490, 40, 300, 85


def view_keys(page: str) -> tuple[str, ...]:
    """The URL keys a slide of ``page`` may set in its view."""
    keys = (*state.SHARED_KEYS, *state.page_keys(page))
    return tuple(k for k in dict.fromkeys(keys) if k not in _NOT_IN_VIEW)


def parse_view(text: str | None, page: str) -> tuple[dict[str, str], list[str]]:
    """A slide's view string as the URL keys it sets, and what is wrong with it, in words (empty if
    nothing). Its form only: whether the database has the values is for state.parse when it is shown."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or not str(text).strip():
        return {}, []
    text = str(text).strip().lstrip("?")
    if len(text) > MAX_VIEW_LENGTH:
        return {}, [f"the view is {len(text)} characters long; a view is at most {MAX_VIEW_LENGTH}"]
    allowed = view_keys(page)
    try:
        pairs = urllib.parse.parse_qsl(
            text, keep_blank_values=True, strict_parsing=True, max_num_fields=MAX_KEYS
        )
    except ValueError:
        return {}, [
            "the view could not be read as URL keys, key=value joined by &, such as "
            "“ind=uninsured&group=race_ethnicity”"
        ]
    view: dict[str, str] = {}
    problems: list[str] = []
    for key, value in pairs:
        shown = safety.inert(key, 30)
        if key not in allowed:
            problems.append(
                f"the key “{shown}” is not one the {page} page reads (it reads {', '.join(allowed)})"
            )
        elif key in view:
            problems.append(f"the key “{shown}” is given twice")
        elif (
            not value
            or len(value) > state.MAX_VALUE_LENGTH
            or not value.isprintable()
            or safety.strip_invisible(value) != value
            or _UNSAFE_IN_VALUE.search(value)
        ):
            problems.append(
                f"the value of “{shown}” (“{safety.inert(value, 30)}”) is empty, too long, or holds "
                "characters no id or label has (markup, quotes, control or invisible characters)"
            )
        else:
            view[key] = value
    return view, problems


def chart_problem(page: str, chart) -> str | None:
    """What is wrong with a slide's chart key on its page, in words; None if it is one a slide can show."""
    chart = "" if chart is None or (isinstance(chart, float) and pd.isna(chart)) else str(chart)
    keys = SLIDE_CHARTS.get(page, ())
    whole = [k for k in keys if not k.endswith("_")]
    if chart in whole or any(k.endswith("_") and chart.startswith(k) and len(chart) > len(k) for k in keys):
        return None
    listed = ", ".join(k + "<metric_id>" if k.endswith("_") else k for k in keys)
    return f"the {page} page has no chart “{safety.inert(chart, 30)}” a slide can show (it has {listed})"


def markup_in(value) -> bool:
    """Whether a title, sentence or note holds markup (a tag, an entity, a script link): slides are text."""
    return isinstance(value, str) and bool(_MARKUP.search(value))


def slide_problems(row) -> list[tuple[str, str, str]]:
    """What is wrong with one story_slides row: (column, problem, what was expected), first problem first.
    The generic checks (types, keys, allowed pages, references, formulas) are the loader's."""
    out = []
    problem = chart_problem(row.page, row.chart)
    if problem:
        out.append(("chart", problem, "one of the charts equity/stories.py SLIDE_CHARTS lists for the page"))
    _, view_problems = parse_view(row.view, row.page)
    if view_problems:
        out.append(
            (
                "view",
                view_problems[0],
                "the page's URL keys as a query string, such as “ind=uninsured&group=race_ethnicity”",
            )
        )
    for column in ("title", "takeaway", "notes"):
        if markup_in(getattr(row, column)):
            out.append(
                (column, f"the {column} holds markup (HTML tags or entities)", "plain text: slides show text")
            )
    return out


def story_title_problem(value) -> bool:
    return markup_in(value)


# ---- a story as the page shows it -------------------------------------------------------------------


@dataclass(frozen=True)
class Slide:
    page: str
    view: dict  # URL keys of the page
    chart: str
    title: str
    takeaway: str | None = None  # None: the chart's own
    notes: str = ""


@dataclass
class Story:
    story_id: str
    title: str
    slides: list[Slide]
    left_out: list[str] = field(default_factory=list)  # sentences: slides the default story could not build


def stored(slides: pd.DataFrame, story_id: str, title: str) -> Story:
    """A stored story from the query story_slides (in order). A view that no longer reads (a row loaded
    before a rule) keeps the keys that do."""

    def text_or(value, default):
        return default if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

    out = []
    for r in slides.itertuples():
        view, _ = parse_view(r.view, r.page)
        if chart_problem(r.page, r.chart):
            continue
        out.append(
            Slide(r.page, view, str(r.chart), str(r.title), text_or(r.takeaway, None), text_or(r.notes, ""))
        )
    return Story(story_id, title, out)


def slide_number(value, total: int) -> tuple[int, str | None]:
    """The slide a URL's ``slide`` asks for (1 to total), and a notice where it is not one."""
    if value in (None, ""):
        return 1, None
    text = str(value).strip()
    if re.fullmatch(r"[0-9]{1,4}", text) and 1 <= int(text) <= total:
        return int(text), None
    return 1, _(SLIDE_NOTICE).format(asked=safety.inert(text, 30), total=total)


def switch(value, notice: str) -> tuple[bool, str | None]:
    """An on/off key of the URL (``notes``, ``contrast``): on only for "1", off for nothing or "0", and
    anything else off with ``notice`` (a template of ``asked``) quoting it as text."""
    if value in (None, "", "0", "1"):
        return value == "1", None
    return False, _(notice).format(asked=safety.inert(value, 30))


def with_changes(params: dict, **changes) -> dict:
    return {**params, **{k: str(v) for k, v in changes.items()}}


# ---- words ------------------------------------------------------------------------------------------

MEETING_TITLE = N_("Meeting slides")
DEFAULT_TITLE = N_("Where we stand: need, gaps, what works, what we heard")
PREVIOUS = N_("Previous")
NEXT = N_("Next")
NOTES_LINK = N_("Speaker notes (new window)")
NOTES_HEADING = N_("Speaker notes")
LEFT_OUT_HEADING = N_("Left out of this story")
ON_SCREEN = N_("On the screen:")
NO_NOTES = N_("No notes for this slide.")
LAST_SLIDE = N_("This is the last slide.")
STORY_NOTICE = N_(
    "The link asked for the story “{asked}”, which this database does not have; showing {instead} instead."
)
SLIDE_NOTICE = N_(
    "The link asked for slide “{asked}”, which this story does not have (it has {total}); showing the first."
)
NOTES_NOTICE = N_("The link's notes setting “{asked}” was not understood; showing the slides.")
CONTRAST_ON = N_("High contrast")
CONTRAST_OFF = N_("Standard contrast")
CONTRAST_HELP = N_(
    "For a bright room: black, heavier type and outlined charts, which a projector washes out less."
)
CONTRAST_NOTICE = N_("The link's contrast setting “{asked}” was not understood; showing standard contrast.")
NOTHING_TO_SHOW = N_(
    "There is nothing to show as slides yet: this database has no figures by group, no map, no program "
    "results and no community input. Load data (see Data & methods), or a story (stories.csv and "
    "story_slides.csv, templates on the Data & methods page)."
)
DEFAULT_NOTE = N_(
    "This story was built from the data, as no story is stored. To tell your own, load stories.csv and "
    "story_slides.csv (templates on the Data & methods page)."
)
KEYS_HINT = N_("Arrow keys, Page Up and Page Down (a presentation clicker) move between slides.")
NOT_SHOWN = N_("This slide cannot be drawn from the data now: {why}")


def progress(n: int, total: int) -> str:
    return _("{n} of {total}").format(n=n, total=total)


def next_up(title: str | None) -> str:
    return _("Next: {title}").format(title=title) if title else _(LAST_SLIDE)


def no_groups(label: str, place: str) -> str:
    return _("{place} has no figures of {label} by this group.").format(place=place, label=text_lower(label))


def text_lower(label: str) -> str:
    return label[:1].lower() + label[1:]


TOO_FEW_GROUPS = N_("fewer than two groups have counts to compare.")


def the_default(title: str) -> str:
    return _("the story built from the data (“{title}”)").format(title=title)


def the_first(title: str) -> str:
    return _("“{title}”").format(title=title)


# The default story's slides: titles, notes, and the sentence for each one it had to leave out.
GAP_TITLE = N_("The widest gap")
MAP_TITLE = N_("Where need is greatest")
PROGRAM_TITLE = N_("A program that is working")
VOICE_TITLE = N_("What you told us, and what was done")
GAP_NOTES = N_(
    "Of every indicator with figures by group, this one shows the widest gap between groups (a rate "
    "ratio, the worse-off group against the best-off). The bars show each group's figure with its 95% "
    "interval: where intervals overlap, the difference may be chance."
)
MAP_NOTES = N_(
    "Each neighbourhood shaded by this indicator; the darkest fare worst. Dots are program sites: ask the "
    "room whether they sit where need is."
)
PROGRAM_NOTES = N_(
    "The program whose measure of whether anyone is better off stands best against its target, from the "
    "coalition's scorecard. The line is the monthly result; the dashed line its target."
)
VOICE_NOTES = N_(
    "How often each topic came up in surveys, focus groups and listening sessions. The Community voice "
    "page lists each thing heard beside the action taken on it."
)
PARTS_GAP_NOTES = N_(
    "The region itself has no figures by group, but its parts do: the bars show the places where the gap "
    "between groups is widest (a rate ratio, the worse-off group against the best-off). Choose one as the "
    "region, on the Disparities page, to see its groups with their intervals."
)
NO_GAP = N_("There is no slide of the widest gap: no indicator here has figures by group.")
NO_MAP = N_("There is no map slide: no area here has a value and a shape to draw.")
NO_PROGRAM = N_(
    "There is no slide of a program that is working: no program here has reported a measure of whether "
    "anyone is better off."
)
NO_VOICE = N_("There is no slide of what people said: no community input is loaded (community_input.csv).")
