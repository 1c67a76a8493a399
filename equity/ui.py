"""The Streamlit side: cached connection and queries, the shared frame (filters, banner, notices).

Pages call ``frame()`` for the current context and ``query()`` for data; everything they compute
lives in the Streamlit-free modules beside this one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from equity import brief, charts, db, downloads, i18n, queries, routing, safety, state, text
from equity.i18n import N_, _

NAV_ICONS = {
    "": ":material/dashboard:",
    "map": ":material/map:",
    "disparities": ":material/bar_chart:",
    "programs": ":material/volunteer_activism:",
    "partnerships": ":material/handshake:",
    "community": ":material/forum:",
    "lessons": ":material/lightbulb:",
    "methods": ":material/description:",
    "meeting": ":material/slideshow:",
}


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(version: db.Version):
    # Keyed by the file's identity: after a swap the next run opens the new file, while runs
    # in flight keep the previous connection (max_entries=2 keeps it alive).
    return db.connect_read_only(db.db_path(version.path))


def current_version() -> db.Version | None:
    return db.version_of(db.db_path())


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def _cached_query(version: db.Version, name: str, params: tuple) -> pd.DataFrame:
    return queries.run(_connection(version), name, dict(params))


# The columns of the pages' queries that hold an indicator's label (indicators.label): shown in this run's
# language where the catalogue knows the label (an organisation's own labels, unknown, stay as they are).
LABEL_COLUMNS = ("label", "indicator", "indicator_label")


def query(name: str, **params) -> pd.DataFrame:
    """Run a named query on the current database, cached by name, parameters and database version; in
    Spanish, known indicator labels come back translated (display only: ids stay the keys)."""
    version = st.session_state["_frame"].version
    df = _cached_query(version, name, tuple(sorted(params.items())))
    shown = [c for c in LABEL_COLUMNS if c in df.columns and not pd.api.types.is_numeric_dtype(df[c])]
    if i18n.lang() != "en" and shown and len(df):
        df = df.copy()  # the cached frame is every session's: never changed in place
        for c in shown:
            df[c] = df[c].map(lambda v: i18n.indicator_label(v, mark=False))
    return df


@st.cache_data(max_entries=4, ttl=3600, show_spinner=False)
def _org_workbook(version: db.Version, min_count: int, lang: str = "en") -> bytes:
    from equity.ingest import org

    return i18n.in_language(
        lang, downloads.org_workbook, org.template_frames(_connection(version)), min_count
    )


def org_workbook():
    """The organisation's tables as a viewer may have them, one Excel workbook with a sheet each, for
    st.download_button: built when someone asks for it (a few seconds for the full demo), not on every
    view of the page, and once per database version."""
    fr = st.session_state["_frame"]
    return functools.partial(_org_workbook, fr.version, fr.min_count, fr.state.lang)


@dataclass
class Frame:
    version: db.Version
    state: state.State
    choices: state.Choices
    meta: dict
    indicators: pd.DataFrame  # indexed by indicator_id
    regions: pd.DataFrame  # indexed by area_id
    notices: list[str]
    min_count: int  # counts from 1 to min_count - 1 are withheld (the database's own threshold)
    page: str = ""  # the page's name ('overview', 'map', ...): whose URL keys the state holds
    drawn: dict = field(default_factory=dict)  # the charts drawn so far in this run: key -> title
    slots: dict = field(default_factory=dict)  # key -> the place under each chart for its downloads
    tables: dict = field(default_factory=dict)  # key -> the place under it for its data as a table
    tabled: set = field(default_factory=set)  # the charts whose data table is under them
    shown: list = field(default_factory=list)  # what the page showed, in order, for its brief (brief.Block)
    cites: list = field(default_factory=list)  # the citations of the page's downloads, for its brief
    title: str = ""  # the page's title as drawn (plain text), for its brief

    @property
    def is_demo(self) -> bool:
        return self.meta.get("is_demo") == "true"

    @property
    def as_of(self) -> str:
        """The date commitments are judged on (overdue or not): the database's own ``as_of`` where it
        records one (the demo's fixed date, a load's day), else today. One rule for every page."""
        return self.meta.get("as_of") or dt.date.today().isoformat()

    @property
    def indicator(self) -> pd.Series:
        return self.indicators.loc[self.state.ind]

    @property
    def region_name(self) -> str:
        return str(self.regions.loc[self.state.region, "name"])

    def source(self, indicator_id: str | None = None) -> str:
        row = self.indicators.loc[indicator_id or self.state.ind]
        return f"{row.source_name}"


def _ensure_database() -> None:
    """On the very first start, with no database at the default place, build the demo with progress."""
    path = db.db_path()
    if path.exists() or path != db.DEFAULT_DB:
        return
    from equity.demo import build_demo

    with st.status("First start: building the fictional demo database…", expanded=True) as status:
        st.write(
            "There is no database yet, so the dashboard is making a fictional one to show how it works. "
            "To use your own data instead, see “Loading your own data” in the README."
        )
        bar = st.progress(0.0)
        build_demo(path, progress=lambda f, msg: bar.progress(min(max(f, 0.0), 1.0), text=msg))
        status.update(label="Demo database ready", state="complete", expanded=False)


def _stop_with(title: str, body: str) -> None:
    st.title("Equity Dashboard")
    st.error(f"**{title}**\n\n{body}", icon=":material/error:")
    st.stop()


def load_frame(page_name: str) -> Frame:
    """Open the database, read what it holds, and parse the URL against it."""
    _ensure_database()
    version = current_version()
    if version is None:
        _stop_with(
            "No database found",
            f"There is no database at `{db.db_path()}`. Build the demo with `python -m equity demo`, "
            "or set `EQUITY_DB` to the path of your database. Nothing was changed.",
        )
    try:
        _connection(version)
    except db.DatabaseError as exc:
        _stop_with("This database cannot be shown", f"{exc} Nothing was changed.")

    def holds(name: str) -> pd.DataFrame:  # what the database holds changes only with its version
        return _cached_query(version, name, ())

    meta = dict(holds("meta").itertuples(index=False))
    indicators = holds("indicators").set_index("indicator_id")
    # An indicator's label as this run's language reads it (as loaded, marked, where it has no translation).
    indicators = indicators.assign(
        label=indicators["label"].map(i18n.indicator_label),
        description=indicators["description"].map(i18n.indicator_description),
    )
    regions = holds("regions").set_index("area_id")
    years = tuple(int(y) for y in holds("years")["year"])
    dims = holds("group_dims")["group_dim"].tolist()
    if indicators.empty or regions.empty or not years:
        _stop_with(
            "This database is empty",
            f"`{version.path}` has no states or counties to choose a region from, or no indicator values "
            "yet. Build the demo with `python -m equity demo`, or load your own data (see the README); "
            "ZIP code areas and places are shown within their state, so load state, county or tract "
            "boundaries too. Nothing was changed.",
        )
    with_groups = indicators.index[indicators["has_groups"]].tolist()
    levels = tuple(holds("map_levels")["level"]) or state.LEVELS[:2]
    coverage: dict = {}
    for r in holds("coverage").itertuples(index=False):
        coverage.setdefault(r.indicator_id, {}).setdefault(r.level, {})[int(r.year)] = int(r.areas)
    choices = state.Choices(
        regions=regions["name"].to_dict(),
        indicators=indicators["label"].to_dict(),
        years=years,
        groups={d: text.group_dim_label(d) for d in dims},
        default_indicator="uninsured" if "uninsured" in indicators.index else (with_groups or [None])[0],
        default_group="race_ethnicity" if "race_ethnicity" in dims else None,
        levels=levels,
        coverage=coverage,
        default_region=state.default_region(
            [
                (a, r.parent_id if isinstance(r.parent_id, str) else None, r.name, r.level)
                for a, r in zip(regions.index, regions.itertuples(), strict=True)
            ]
        ),
    )
    parsed, notices = state.parse(
        st.query_params.to_dict() | _repeated(), choices, state.page_keys(page_name)
    )
    min_count = int(holds("threshold")["min_count"].iloc[0])
    return Frame(version, parsed, choices, meta, indicators, regions, notices, min_count, page_name)


def _repeated() -> dict:
    # A key given twice (?year=2020&year=2024): the last one counts, as in Streamlit itself.
    return {
        k: st.query_params.get_all(k) for k in st.query_params.keys() if len(st.query_params.get_all(k)) > 1
    }


def set_params(**changes) -> None:
    """Write the whole view into the URL so the address bar is always a complete share link."""
    fr: Frame = st.session_state["_frame"]
    extra = {k: v for k, v in {**fr.state.extra, **changes}.items() if k not in state.SHARED_KEYS}
    shared = {k: v for k, v in changes.items() if k in state.SHARED_KEYS}
    params = fr.state.params(**shared, extra=extra)
    params = {k: v for k, v in params.items() if v not in (None, "", "None")}
    if dict(st.query_params.to_dict()) != params:
        st.query_params.from_dict(params)


def set_language() -> None:
    """This run's language, from the link's ``lang`` (checked again, with a notice, when the frame is
    read): set before anything is worded, page titles included. Per run, so per visitor."""
    asked = st.query_params.get("lang")
    i18n.set_lang(asked if asked in i18n.LANGS else "en")


def frame() -> Frame:
    """The context dashboard.py set up for this run: every page starts with ``fr = ui.frame()``."""
    routing.through_entrypoint()
    return st.session_state["_frame"]


def pages() -> dict:
    """The dashboard's pages by url_path ('' for the overview), for st.page_link."""
    return {p.url_path: p for p in st.session_state["_pages"]}


# ---- the shared frame: navigation, filters, banner --------------------------------------------------

CSS = """
<style>
  [data-testid="stMainBlockContainer"] { padding-top: 3.8rem; }
  /* A link's label wraps, as a sentence does, rather than end in an ellipsis ("probablemente entre 4.9…") */
  [data-testid="stPageLink"] span:not([data-testid="stIconMaterial"]),
  [data-testid="stPageLink"] [data-testid="stMarkdownContainer"], [data-testid="stPageLink"] p {
    white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
  h1 { font-size: 1.95rem !important; padding-top: 0.2rem !important; }
  h2, h3 { font-size: 1.45rem !important; }
  h4 { font-size: 1.15rem !important; padding-bottom: 0.2rem !important; }
  .takeaway { font-size: 1.3rem !important; line-height: 1.45; margin: 0.1rem 0 0.7rem 0; color: #111;
              font-weight: 500; }
  .demo-banner { background: #fff4ce; border: 2px solid #8a6d00; color: #3d3000; padding: 0.35rem 0.8rem;
                 border-radius: 0.4rem; font-size: 0.98rem; margin-bottom: 0.2rem; }
  .takeaway .cite { font-size: 0.95rem; font-weight: 400; color: #4a4f55; white-space: nowrap; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: 0.8rem;
           margin: 0.3rem 0 0.9rem 0; }
  .card { border: 1px solid #c9ced6; border-radius: 0.5rem; padding: 0.6rem 0.9rem; background: #fff; }
  .card .label { font-size: 1rem; color: #333; line-height: 1.3; }
  .card .value { font-size: 2.1rem; font-weight: 700; color: #111; line-height: 1.2; margin-top: 0.2rem; }
  .card .note { font-size: 0.9rem; color: #4a4f55; line-height: 1.3; }
  [class*="st-key-chart_"] { scroll-margin-top: 4.5rem; }  /* a chart's link lands below the header */
</style>
"""
PRESENT_CSS = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stExpandSidebarButton"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { padding-top: 1rem; max-width: 100%; }
  [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.25rem; }
  h1 { font-size: 2.4rem !important; }
  .takeaway { font-size: 1.75rem !important; font-weight: 600; }
  [data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.15rem; }
  .card .value { font-size: 2.8rem; }
  .card .label { font-size: 1.25rem; }
  h4 { font-size: 1.3rem !important; }
  [data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.2rem; }
</style>
"""

# ``lang`` is one of i18n.LANGS (the frame checked it), written as a JSON string.
LANG_SCRIPT = "<script>document.documentElement.lang = {lang};</script>"

# Which shared filters each page uses; the others still travel in the URL, unchanged.
PAGE_FILTERS = {
    "": ("region", "ind", "year"),
    "map": ("region", "ind", "year", "level"),
    "disparities": ("region", "ind", "year", "group"),
    "programs": ("region", "ind", "year"),
    "methods": ("region", "ind"),
}


def url_widget(kind, key: str, label: str, options, value, write=None, **kwargs):
    """A widget that shows a URL value and writes the address when someone changes it.

    The URL wins: the widget is set to the value the link gives (already checked against the
    database), and a change writes the address before the rerun, so that the page is drawn from the
    address alone and the address bar is always a share link. (Why not ``bind="query-params"``: see
    equity.state.) ``key`` names the widget (``url_<key>``) and, unless ``write`` is given, the URL key
    it writes; ``write(value)`` returns the URL keys to change instead. ``options`` is None for a widget
    without options (a number); a value not among the options shows the first."""
    widget_key = f"url_{key}"
    if options is not None and value not in options:
        value = options[0] if len(options) else None
    if st.session_state.get(widget_key) != value:
        st.session_state[widget_key] = value
    args = () if options is None else (options,)
    return kind(label, *args, key=widget_key, on_change=_write_back, args=(key, widget_key, write), **kwargs)


def _write_back(key: str, widget_key: str, write) -> None:
    value = st.session_state[widget_key]
    set_params(**(write(value) if write else {key: value}))


def render_frame(fr: Frame, pages: list, current) -> None:
    """Sidebar navigation and the page's filters, the demo banner, and notices about the URL."""
    st.markdown(CSS, unsafe_allow_html=True)
    s = fr.state
    if s.present:
        st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    shared = s.params(extra={})
    wanted = PAGE_FILTERS.get(current.url_path, ())
    with st.sidebar:
        st.markdown("### " + _("Equity Dashboard"))
        st.caption(safety.md(fr.meta.get("region_name", "")))
        url_widget(
            st.segmented_control, "lang", i18n.SWITCH_LABEL, list(i18n.LANGS), s.lang,
            format_func=i18n.LANGS.get, write=lambda v: {"lang": v or s.lang},
        )  # fmt: skip
        # The page says which language it is in, for screen readers and the browser's own translation.
        st.html(LANG_SCRIPT.format(lang=json.dumps(s.lang)), unsafe_allow_javascript=True)
        for page in pages:
            st.page_link(page, label=page.title, icon=NAV_ICONS.get(page.url_path), query_params=shared)
        st.divider()
        if "region" in wanted:
            url_widget(
                st.selectbox,
                "region",
                _("Region"),
                list(fr.choices.regions),
                s.region,
                format_func=fr.choices.regions.get,
            )
        if "ind" in wanted:
            ids = fr.indicators.sort_values(["domain", "label"]).index.tolist()
            url_widget(
                st.selectbox,
                "ind",
                _("Indicator"),
                ids,
                s.ind,
                format_func=lambda i: fr.indicators.loc[i, "label"],
                help=_(
                    "Indicators are grouped by domain: access to care, chronic disease, mental health, "
                    "maternal and child health, outcomes and social conditions."
                ),
            )
        if "year" in wanted:
            years = fr.choices.years_of(s.ind, s.level) or fr.choices.years  # those with values, if known
            url_widget(st.selectbox, "year", _("Year"), list(reversed(years)), s.year)
        if "group" in wanted and fr.choices.groups:
            url_widget(
                st.selectbox,
                "group",
                _("Compare groups by"),
                list(fr.choices.groups),
                s.group,
                format_func=fr.choices.groups.get,
            )
        if "level" in wanted:
            url_widget(
                st.radio, "level", _("Show"), list(fr.choices.levels), s.level, format_func=text.level_words
            )
        if wanted:
            st.divider()
        st.page_link(
            current,
            label=_("Presentation view (big type)"),
            icon=":material/co_present:",
            query_params=s.params(present=True, extra=s.extra),
        )
        if not s.present and current.url_path != "meeting":  # slides are shown, not briefed
            brief_buttons(fr, current.title)
        meeting = next((p for p in pages if p.url_path == "meeting"), None)
        if meeting is not None and current.url_path != "meeting":  # a meeting starts the story's slides
            st.page_link(
                meeting, label=_(text.START_MEETING), icon=":material/slideshow:", query_params=shared
            )
    if fr.is_demo:
        st.markdown(
            '<div class="demo-banner" role="note"><b>{}</b> {}</div>'.format(
                safety.html(_("Fictional demo data:")),
                safety.html(
                    _("this region and every number here are made up to show how the dashboard works.")
                ),
            ),
            unsafe_allow_html=True,
        )
    for notice in fr.notices:
        notice_box(notice)
    if "chart" in state.PAGE_KEYS.get(fr.page, {}):
        checked("chart", _chart_keys(fr))
        if not fr.state.extra.get("chart"):
            st.session_state.pop("_scrolled_to", None)


def _chart_keys(fr: Frame) -> set[str]:
    """The charts a link may point to on the frame's page (state.PAGE_CHARTS)."""
    ids = ()
    if any(k.endswith("_") for k in state.PAGE_CHARTS.get(fr.page, ())):
        ids = tuple(_cached_query(fr.version, "metric_ids", ())["metric_id"])
    return state.chart_keys(fr.page, ids)


# ---- the brief: this view (and any chosen before) as an HTML file and a PDF -------------------------

BRIEF_VIEWS = 6  # views a brief holds at most: each keeps its figures in the session until it is made


def brief_view(fr: Frame, address: str, page_title: str) -> brief.View:
    """The view ``fr`` showed, as its brief tells it: what the page recorded as it drew (Frame.shown), the
    citations of its downloads, and the indicator in view's own where the page has one. Pure: it is called
    when someone asks for the file, after the page has drawn, outside the page's run."""
    extra = {k: v for k, v in fr.state.extra.items() if k != "chart"}
    link = state.permalink(address, fr.state.params(extra=extra))
    cites = list(fr.cites)
    if "ind" in PAGE_FILTERS.get("" if fr.page == "overview" else fr.page, ()):
        ind = fr.indicators.loc[[fr.state.ind]].reset_index()
        cites.insert(0, downloads.cite(ind, permalink=link, min_count=fr.min_count, is_demo=fr.is_demo))
    population = (
        fr.regions.loc[fr.state.region, "population"] if fr.state.region in fr.regions.index else None
    )
    return brief.View(
        page=page_title,
        heading=fr.title,
        place=fr.region_name,
        population=population,
        words=view_words(fr=fr),
        permalink=link,
        blocks=list(fr.shown),
        citations=cites,
        min_count=fr.min_count,
        is_demo=fr.is_demo,
        as_of=fr.as_of,
    )


def brief_views(fr: Frame, address: str, page_title: str, chosen: list[brief.View]) -> list[brief.View]:
    """The views ``chosen`` for the brief, and this one (unless it was chosen already)."""
    this = brief_view(fr, address, page_title)
    return [*(v for v in chosen if v.permalink != this.permalink), this]


def _add_to_brief(fr: Frame, address: str, page_title: str) -> None:
    # A button's callback runs before the next run draws: ``fr`` is this run's frame, drawn whole.
    views = st.session_state.setdefault("_brief_views", [])
    view = brief_view(fr, address, page_title)
    views[:] = [v for v in views if v.permalink != view.permalink][-(BRIEF_VIEWS - 1) :] + [view]


def brief_buttons(fr: Frame, page_title: str) -> None:
    """In the sidebar: the brief of this view as HTML and PDF, built when asked for (the page is drawn by
    then), and a button to keep this view for a brief of several."""
    address = state.page_address(st.context.url, fr.page)
    st.divider()
    st.markdown(f"**{_(text.BRIEF_HEADING)}**", help=_(text.BRIEF_NOTE))
    chosen = list(st.session_state.get("_brief_views", []))
    if chosen:
        st.caption(text.brief_chosen(len(chosen)))
    name = brief.file_name(page_title, several=bool(chosen))

    def make(build):
        return lambda: i18n.in_language(fr.state.lang, build, brief_views(fr, address, page_title, chosen))

    with st.container(horizontal=True):
        st.download_button(
            _(text.BRIEF_HTML), make(brief.build_html), file_name=f"{name}.html", mime="text/html",
            icon=":material/description:", key="brief_html", on_click="ignore",
        )  # fmt: skip
        st.download_button(
            _(text.BRIEF_PDF), make(brief.build_pdf), file_name=f"{name}.pdf", mime="application/pdf",
            icon=":material/picture_as_pdf:", key="brief_pdf", on_click="ignore",
        )  # fmt: skip
    with st.container(horizontal=True):
        st.button(
            _(text.BRIEF_ADD), icon=":material/add:", key="brief_add", type="tertiary",
            on_click=_add_to_brief, args=(fr, address, page_title),
        )  # fmt: skip
        if chosen:
            st.button(
                _(text.BRIEF_CLEAR), icon=":material/restart_alt:", key="brief_clear", type="tertiary",
                on_click=lambda: st.session_state.pop("_brief_views", None),
            )  # fmt: skip


def fall_back(key: str, default, notice: str) -> state.State:
    """A page's check of a URL value failed: say so, and put ``default`` in its place in the view and in
    the address bar at once, so that a link copied now shows what the page shows (a page may stop
    before the end of the run, where the address is otherwise written). Returns the new state."""
    fr = frame()
    notice_box(notice)
    if key in state.SHARED_KEYS:
        fr.state = dataclasses.replace(fr.state, **{key: default})
    else:
        extra = {k: v for k, v in fr.state.extra.items() if k != key}
        if default not in (None, ""):
            extra[key] = default
        fr.state = dataclasses.replace(fr.state, extra=extra)
    set_params()
    return fr.state


def checked(key: str, allowed, default=None, **words):
    """A URL key's value if the page has it (one of ``allowed``), else ``default`` (also where the link
    gives none), with the notice the state module words for that key (``words`` fill it in) and the
    address rewritten."""
    fr = frame()
    value = getattr(fr.state, key) if key in state.SHARED_KEYS else fr.state.extra.get(key)
    notice = state.check(fr.page, key, value, allowed, **words)
    if notice is None:
        return default if value in (None, "") else value
    # A page's own key is left out of the address (the page's default shows); a shared key gets its
    # default written, since every shared key is always in a share link.
    fall_back(key, default if key in state.SHARED_KEYS else None, notice)
    return default


PART_LABEL = N_("Part of the page")


def part(parts: dict[str, str], chart_part: dict[str, str]) -> str:
    """The part of a page shown, of ``parts`` (key: its label), one at a time so that a meeting reads one
    part and the page draws only what it shows: the address's ``part=``, else the part holding the chart
    the link names (``chart_part``: chart key, or a family's key ending in '_', to its part), else the
    first; drawn as the row of buttons that switches it."""
    chart = str(frame().state.extra.get("chart") or "")
    first = next(iter(parts))
    held = next(
        (p for k, p in chart_part.items() if chart == k or (k.endswith("_") and chart.startswith(k))), first
    )
    shown = checked("part", list(parts), default=held, instead=text.lower_first(_(parts[held])))
    url_widget(
        st.segmented_control, "part", _(PART_LABEL), list(parts), shown,
        format_func=lambda p: _(parts[p]), write=lambda p: {"part": p, "chart": None},
        label_visibility="collapsed",
    )  # fmt: skip
    return shown


def notice_box(sentence: str) -> None:
    """A notice about the link (a value that fell back to its default): shown as plain text, since it
    quotes what the URL said."""
    st.warning(safety.md(sentence), icon=":material/link_off:")


def cards(items: list[tuple[str, str, str]]) -> None:
    """Headline figures as cards that wrap their labels instead of cutting them off."""
    frame().shown.append(brief.Block("cards", cards=tuple(items)))
    body = "".join(
        f'<div class="card"><div class="label">{safety.html(label)}</div>'
        f'<div class="value">{safety.html(value)}</div>'
        + (f'<div class="note">{safety.html(note)}</div>' if note else "")
        + "</div>"
        for label, value, note in items
    )
    st.markdown(f'<div class="cards">{body}</div>', unsafe_allow_html=True)


def table(df: pd.DataFrame, in_brief: bool = True) -> None:
    """A small table of plain text drawn static, so long words wrap where a data grid would cut them
    off. st.table renders each cell as Markdown, so every cell is escaped (a name from a file is text).
    ``in_brief=False``: a table the page's brief leaves out (a chart's text alternative: the chart is in)."""
    if in_brief:
        frame().shown.append(brief.Block("table", table=_labels_shown(df)))
    shown = _labels_shown(df).map(safety.md)
    shown.columns = [safety.md(c) for c in df.columns]  # a heading can hold a loaded name ("Rest of …")
    st.table(shown, hide_index=True)


@functools.cache
def _group_names(lang: str):
    """The group labels of the built-in data and the loaders that ``lang`` translates, as one pattern
    (longest first, whole words), with the labels' translations."""
    from equity.demo import scenario
    from equity.ingest import acs, wonder

    labels = {g for gs in scenario.GROUP_DIMS.values() for g in gs}
    labels |= set(wonder.RACES.values()) | set(acs.RACE.values()) | {wonder.HISPANIC, wonder.NOT_HISPANIC}
    words = i18n.label_words(lang)
    known = sorted((g for g in labels if g in words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, known)) + r")(?!\w)") if known else None, words


QUARTER = re.compile(r"(\d{4}) Q([1-4])")


def _label_words(v):
    """A string shown in a chart or a table, in this run's language where it is a known label or names
    known groups ('Below poverty vs 200% of poverty or more'); anything else as it is."""
    if not isinstance(v, str) or not v or i18n.lang() == "en":
        return v
    pattern, words = _group_names(i18n.lang())
    if v in words:
        return words[v]
    if quarter := QUARTER.fullmatch(v):  # the record's quarters ('2024 Q3', accountability.period_of)
        return i18n.quarter(int(quarter[1]), int(quarter[2]))
    return pattern.sub(lambda m: words[m[1]], v) if pattern else v


def _labels_shown(df: pd.DataFrame) -> pd.DataFrame:
    """A table's cells that are, or name, a known label (a group's, a flag's) in this run's language: for
    display only, the data keep their English."""
    if i18n.lang() == "en":
        return df
    return df.map(_label_words)


def _labels_drawn(fig):
    """A figure whose strings that are exactly a known label (group names on an axis, in a legend or an
    annotation, the category order), and whose dates, read in this run's language; the figure given is
    left as it is."""
    if i18n.lang() == "en":
        return fig

    def words(v):
        if isinstance(v, str):
            return _label_words(v)
        if isinstance(v, dict):  # a map's boundaries hold no words to read
            return {k: (x if k == "geojson" else words(x)) for k, x in v.items()}
        if isinstance(v, list | tuple):
            if v and isinstance(v[0], int | float) and not isinstance(v[-1], str):
                return v  # numbers (coordinates, values)
            return type(v)(words(x) for x in v)
        if isinstance(v, np.ndarray) and v.dtype.kind in "OU":
            return np.array([words(x) for x in v.tolist()], dtype=object).reshape(v.shape)
        return v

    return charts.dates_in_language(go.Figure(words(fig.to_dict())))


def title(words: str) -> None:
    """The page's title, plain text (escaped here), kept for the page's brief."""
    frame().title = words
    st.title(safety.md(words))


def takeaway(sentence: str, source: str | None = None) -> None:
    """The one plain-language sentence that leads a chart, with where its numbers come from."""
    frame().shown.append(brief.Block("takeaway", sentence=sentence, source=source or ""))
    cite = (
        ' <span class="cite">{}</span>'.format(safety.html(_("Source: {source}.").format(source=source)))
        if source
        else ""
    )
    st.markdown(f'<div class="takeaway">{safety.html(sentence)}{cite}</div>', unsafe_allow_html=True)


def chart(fig, key: str, *, data: pd.DataFrame | None = None, legend_size: int = 19, **kwargs):
    """Draw a Plotly figure with the project's own palette and no Plotly logo or CDN-bound buttons, and
    under it a row for the chart's downloads (``download(..., chart=key)`` fills it) and the chart's own
    link. ``key`` names the chart (state.PAGE_CHARTS): ``chart=key`` in a link opens the page at it.
    ``data`` is what the chart draws, for its table, where no download of its own follows (the first
    download under a chart gives its table otherwise). ``legend_size`` is the legend's type size in the
    presentation view."""
    fr = frame()
    fig = _labels_drawn(fig)
    fr.drawn[key] = downloads.plain_title(fig)
    subtitle = fig.layout.title.subtitle.text if fig.layout.title.subtitle else ""
    fr.shown.append(
        brief.Block("chart", key=key, figure=fig, title=fr.drawn[key], subtitle=brief.plain(subtitle))
    )
    config = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage", "lasso2d", "select2d"]}
    if fr.state.present:  # read from the back of a room
        fig.update_layout(
            font_size=21, title_font_size=26, legend_font_size=legend_size, hoverlabel_font_size=20
        )
    with st.container(key=f"chart_{key}"):
        # Every string in the figure is escaped here, once for all pages: a loaded name is text, not a link.
        escaped = safety.figure(fig)
        drawn = st.plotly_chart(escaped, theme=None, config=config, key=key, width="stretch", **kwargs)
        with st.container(horizontal=True, vertical_alignment="center"):
            fr.slots[key] = st.container(horizontal=True, vertical_alignment="center", width="content")
            if not fr.state.present:  # a meeting sees the chart, not the controls
                st.space("stretch")  # the link at the right, with downloads or without
                chart_link(key)
        fr.tables[key] = st.container()  # the chart's text alternative (``data`` or a download fills it)
        if data is not None and not fr.state.present:  # a meeting sees the chart, not its table
            _table_under(key, data)
        _scroll_to(key)  # last, so that the next run, without it, leaves the chart where it is
    return drawn


def permalink(chart: str | None = None) -> str:
    """The link to the view on screen: the page's address and every key of the view, as the address bar
    holds them (the page's own keys where they are not its defaults), and ``chart`` for the chart it opens
    at."""
    fr = frame()
    extra = {k: v for k, v in fr.state.extra.items() if k != "chart"}
    if chart:
        extra["chart"] = chart
    return state.permalink(state.page_address(st.context.url, fr.page), fr.state.params(extra=extra))


def chart_link(key: str) -> None:
    """A chart's own link, to copy: shown as code (text, with Streamlit's copy button), never as a link or
    Markdown, since it carries values from the URL."""
    with st.popover(_(text.CHART_LINK), icon=":material/link:", type="tertiary", key=f"link_{key}"):
        st.caption(_(text.CHART_LINK_NOTE))
        st.code(permalink(chart=key), language=None, wrap_lines=True)


# Scrolls the page to a chart's container once it is drawn, and again while what is above it grows (charts
# drawing), until the reader scrolls, clicks or types, or 12 seconds have passed.
SCROLL_TO = """<script>
(() => {
  const target = document.getElementsByClassName(__CLASS__);
  let reader = false;
  for (const e of ["wheel", "touchstart", "keydown", "mousedown"]) {
    window.addEventListener(e, () => { reader = true; }, { once: true, capture: true });
  }
  const start = Date.now();
  let at = null;
  const tick = () => {
    if (reader || Date.now() - start > 12000) return;
    const el = target[0];
    if (el && (at === null || Math.abs(el.getBoundingClientRect().top - at) > 2)) {
      el.scrollIntoView({ block: "start" });
      at = el.getBoundingClientRect().top;
    }
    setTimeout(tick, 200);
  };
  tick();
})();
</script>"""


def css_key(key: str) -> str:
    """The class Streamlit gives a container with ``key`` (st-key- and the key, other characters as -)."""
    return "st-key-" + re.sub(r"[^a-zA-Z0-9_-]", "-", key.strip())


def _scroll_to(key: str) -> None:
    """Where the link names this chart, scroll to it, once for each arrival by such a link (a rerun of the
    same view, on a change of filter, leaves the page where the reader has it)."""
    fr = frame()
    if fr.state.extra.get("chart") != key or st.session_state.get("_scrolled_to") == (fr.page, key):
        return
    st.session_state["_scrolled_to"] = (fr.page, key)
    # The class comes from the chart's key, not from the URL, and holds only letters, digits, _ and -.
    st.html(SCROLL_TO.replace("__CLASS__", json.dumps(css_key(f"chart_{key}"))), unsafe_allow_javascript=True)


def view_words(with_indicator: bool = True, fr: Frame | None = None) -> str:
    """The filters of the view on screen (or of ``fr``), in words, as far as the page uses them."""
    fr = fr or frame()
    s = fr.state
    wanted = PAGE_FILTERS.get("" if fr.page == "overview" else fr.page, ())
    parts = [fr.region_name]
    if with_indicator and "ind" in wanted:
        parts.append(str(fr.indicator["label"]))
    if with_indicator and "level" in wanted:
        parts.append(text.LEVEL_WORDS.get(s.level, s.level))
    if with_indicator and "year" in wanted:
        parts.append(str(s.year))
    if with_indicator and "group" in wanted and s.group in fr.choices.groups:
        parts.append(fr.choices.groups[s.group])
    return text.view_words(parts)


def citation(df: pd.DataFrame, *, chart=None, records=None, inds=None, method=None, title=None):
    """A download's citation (equity.downloads.Citation) in the view on screen: the sources and methods of
    ``inds`` (by default the indicators in the data's ``indicator_id``, else, for data that are not the
    organisation's ``records``, the indicator in view)."""
    fr = frame()
    if inds is None:
        if "indicator_id" in df.columns:
            inds = df["indicator_id"].dropna().astype(str).unique().tolist()
        else:
            inds = [] if records else [fr.state.ind]
    rows = fr.indicators.loc[[i for i in dict.fromkeys(inds) if i in fr.indicators.index]]
    return downloads.cite(
        rows.reset_index(),
        permalink=permalink(chart if chart in fr.drawn else None),
        min_count=fr.min_count,
        chart=title or fr.drawn.get(chart, ""),
        view=view_words(with_indicator=len(rows) > 0),
        records=records,
        as_of=fr.as_of,
        method=method,
        is_demo=fr.is_demo,
    )


def download(
    df: pd.DataFrame,
    name: str,
    label: str | None = None,
    *,
    chart: str | None = None,
    records: str | None = None,
    inds=None,
    method: str | None = None,
    title: str | None = None,
    excel: bool = True,
) -> None:
    """Offer ``df`` as a CSV and as an Excel workbook with its citation first (equity.downloads), both
    through the one guard every download passes. ``chart`` is the chart the data are behind: drawn
    already, the buttons go under it, beside its link, and its title and link go in the citation.
    ``records`` names the organisation's records the data come from, ``inds`` the indicators (see
    ``citation``); ``method`` is a line on how they were derived, ``title`` what they are where no chart
    says. ``label`` leads the buttons and is Markdown, as Streamlit's own labels are: escape what comes
    from data with safety.md. ``excel=False`` offers the CSV alone, as the one button ``label`` (a
    template to fill in, which a citation sheet would spoil)."""
    fr = frame()
    if fr.state.present:  # a meeting sees the chart and its sentence, not the controls
        return
    # Built when asked for, as the Excel workbook is: a page offers dozens, and most are never taken.
    data = functools.partial(i18n.in_language, fr.state.lang, downloads.csv, df, fr.min_count)
    csv = dict(file_name=f"{name}.csv", mime="text/csv", icon=":material/download:", on_click="ignore")
    if not excel:
        st.download_button(label or _(text.CSV), data, key=f"download_{name}", **csv)
        return
    cite = citation(df, chart=chart, records=records, inds=inds, method=method, title=title)
    fr.cites.append(cite)
    if chart in fr.tables and chart not in fr.tabled:
        _table_under(chart, df)
    with fr.slots.get(chart) or st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(label or _(text.DOWNLOAD_CHART), width="content")
        with st.container(horizontal=True, width="content"):  # the two stay together when a line wraps
            # No help tooltips: with one, Streamlit also draws a hidden copy of the button.
            st.download_button(_(text.CSV), data, key=f"download_{name}", **csv)
            st.download_button(
                _(text.EXCEL),
                # built when asked for, in the page's language
                functools.partial(i18n.in_language, fr.state.lang, downloads.excel, df, fr.min_count, cite),
                file_name=f"{name}.xlsx",
                mime=downloads.XLSX_MIME,
                icon=":material/download:",
                key=f"download_{name}_xlsx",
                on_click="ignore",  # a download changes nothing on the page: no rerun
            )


def _table_under(key: str, df: pd.DataFrame) -> None:
    """The chart ``key``'s data as its table, in the place under it, once."""
    fr = frame()
    fr.tabled.add(key)
    with fr.tables[key]:
        chart_table(df, fr.min_count)


def chart_table(df: pd.DataFrame, min_count: int) -> None:
    """A chart's text alternative for a screen reader (and anyone): the data behind it as a static
    table, its first rows, in an expander under the chart; what a viewer may download, no more."""
    with st.expander(_(text.CHART_TABLE), icon=":material/table:"):
        shown = downloads.readable(df, min_count, rows=text.TABLE_ROWS)
        table(shown, in_brief=False)
        note = text.table_rows_note(len(shown), len(df))
        if note:
            st.caption(note)


def end_page() -> None:
    """What every page ends on, after its own drawing (dashboard.py): the whole view written into the
    address, and in the presentation view the steps to the pages either side and the way out."""
    fr = frame()
    set_params()
    present_steps(st.session_state["_pages"], pages()["" if fr.page == "overview" else fr.page])


def stop() -> None:
    """End a page early (an empty state, the map's footprint) as every page ends (end_page), then stop:
    st.stop() alone skipped the end, so the address missed its view and the presentation view its steps
    and its way out."""
    end_page()
    st.stop()


def present_steps(pages: list, current) -> None:
    """In the presentation view, step to the previous or next page with the same filters."""
    fr = frame()
    if not fr.state.present:
        return
    index = next(i for i, p in enumerate(pages) if p.url_path == current.url_path)
    left, middle, right = st.columns([1, 3, 1])
    params = fr.state.params(extra={})
    middle.page_link(
        current,
        label=_("Leave the presentation view"),
        icon=":material/close_fullscreen:",
        query_params=fr.state.params(present=False),
    )
    if index > 0:
        left.page_link(pages[index - 1], label=f"← {pages[index - 1].title}", query_params=params)
    if index < len(pages) - 1:
        right.page_link(pages[index + 1], label=f"{pages[index + 1].title} →", query_params=params)
