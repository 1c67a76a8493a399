"""Meeting mode's page logic: what each slide shows, and the story built from the data where none is stored.

A slide's figure and sentence come from the page it is a view of, through that page's own view module
(equity/views/*.py) and the same named queries the page runs for a viewer (published views, small counts
withheld), so one rule stays in one place and a slide shows nothing the page would not. ``Context.query``
is the page's query function (ui.query in the app; queries.run on a connection in a test).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import metrics, scorecard, state, stories, text
from equity.i18n import _
from equity.views import community as community_view
from equity.views import disparities as disparities_view
from equity.views import map as map_view
from equity.views import overview as overview_view
from equity.views import programs as programs_view
from equity.views import reach as reach_view


@dataclass
class Context:
    """What the data behind a slide is read through: the viewer's queries and what the database holds."""

    query: Callable[..., pd.DataFrame]
    indicators: pd.DataFrame  # the catalogue, indexed by indicator_id (the query indicators)
    regions: pd.DataFrame  # indexed by area_id (the query regions)
    choices: state.Choices
    min_count: int
    as_of: str


@dataclass
class Content:
    """What a slide shows: a figure and its sentence, or a sentence said instead."""

    figure: go.Figure | None = None
    takeaway: str | None = None
    source: str | None = None
    info: str | None = None  # said where there is no figure
    notices: list[str] = field(default_factory=list)  # what the slide's view asked for that fell back


def slide_state(ctx: Context, slide: stories.Slide) -> tuple[state.State, list[str]]:
    """The view a slide shows, read as a shared link is (state.parse), against what the database holds."""
    return state.parse(slide.view, ctx.choices, state.page_keys(slide.page))


def content(ctx: Context, slide: stories.Slide) -> Content:
    """The figure and sentence of one slide, through its page's own view logic."""
    s, notices = slide_state(ctx, slide)
    build = _BUILDERS[slide.page]
    out = build(ctx, s, slide.chart)
    out.notices = notices + out.notices
    if slide.takeaway:
        out.takeaway, out.source = slide.takeaway, out.source
    if out.figure is None and not out.info:
        out.info = _(stories.NOT_SHOWN).format(why=_("the page draws no such chart for this view."))
    return out


def _region_name(ctx: Context, s: state.State) -> str:
    return str(ctx.regions.loc[s.region, "name"])


def _overview(ctx: Context, s: state.State, chart: str) -> Content:
    q = ctx.query
    ind = ctx.indicators.loc[s.ind]
    groups = q("region_groups", region=s.region, year=s.year)
    parts = (
        q("part_groups", ind=s.ind, year=s.year, group=s.group, level=s.level, region=s.region)
        if ctx.choices.groups and groups.empty
        else None
    )
    v = overview_view.view(
        ind=ind,
        indicators=ctx.indicators,
        region_name=_region_name(ctx, s),
        population=ctx.regions.loc[s.region, "population"],
        year=s.year,
        region_series=q("area_values", ind=s.ind, area=s.region),
        areas=q("map_values", ind=s.ind, year=s.year, level=s.level, region=s.region),
        area_names=q("map_areas", level=s.level, region=s.region).drop(columns=["geometry_drawn"]),
        groups=groups,
        commitments=q("commitments", as_of=ctx.as_of),
        level=s.level,
        has_groups=bool(ctx.choices.groups),
        group_dims=tuple(ctx.choices.groups),
        parts=parts,
        group=s.group,
    )
    return Content(v.gaps_figure, v.takeaway, v.takeaway_source, v.no_gaps)


def _disparities(ctx: Context, s: state.State, chart: str) -> Content:
    q = ctx.query
    ind = ctx.indicators.loc[s.ind]
    series = q("area_values", ind=s.ind, area=s.region)
    if not (series["group_dim"] == s.group).any():
        return Content(
            info=_(stories.NOT_SHOWN).format(why=stories.no_groups(ind.label, _region_name(ctx, s)))
        )
    options = disparities_view.reference_options(series, s.year, s.group)
    notices = []
    ref = s.ref if s.ref in options else "best"
    if s.ref not in options:
        notices.append(state.check("disparities", "ref", s.ref, options))
    v = disparities_view.view(
        series,
        q("place_groups", ind=s.ind, year=s.year, group=s.group, region=s.region),
        ind,
        group=s.group,
        ref=ref,
        year=s.year,
        focus=s.region,
        place=_region_name(ctx, s),
        level=str(ctx.regions.loc[s.region, "level"]),
        min_count=ctx.min_count,
    )
    if chart == "groups":
        out = Content(v.groups, v.takeaway, v.source)
    else:
        part = {"shares": v.shares, "trend": v.over_time, "places": v.places}[chart]
        part = part or disparities_view.Section(
            info=_(stories.NOT_SHOWN).format(why=_(stories.TOO_FEW_GROUPS))
        )
        out = Content(part.figure, part.takeaway, v.source, part.info)
    out.notices = [n for n in notices if n]
    return out


def _map(ctx: Context, s: state.State, chart: str) -> Content:
    q = ctx.query
    mix, notices = state.parse_mix(s.extra.get("mix"), ctx.choices.indicators)
    weights, more = state.parse_weights(s.extra.get("mixw"), map_view.domains(mix, ctx.indicators))
    need = map_view.Need(ctx.indicators.loc[s.ind], mix, weights)
    if need.is_index:
        many = q("map_values_many", inds=need.mix, year=s.year, level=s.level, region=s.region)
        values = map_view.index_values(many, need.mix, need.weights, ctx.indicators)
    else:
        values = q("map_values", ind=s.ind, year=s.year, level=s.level, region=s.region)
    drawn = q("map_areas", level=s.level, region=s.region)
    if drawn.empty or drawn["geometry_drawn"].isna().all():
        return Content(info=_(stories.NO_MAP), notices=notices + more)
    name = _region_name(ctx, s)
    v = map_view.view(
        drawn.drop(columns=["geometry_drawn"]),
        values,
        need,
        indicators=ctx.indicators,
        level=s.level,
        region=s.region,
        region_name=name,
        year=s.year,
    )
    fig = map_view.figure(
        drawn, values, q("sites", region=s.region), need, year=s.year, region_name=name, selected=None,
        heading=v.title,
    )  # fmt: skip
    return Content(fig, v.takeaway, v.source, notices=notices + more)


def _programs_view(ctx: Context, s: state.State, program: str | None):
    q = ctx.query
    programs = q("programs")
    if programs.empty:
        return None, []
    ids = programs["program_id"].tolist()
    notices = []
    if program not in ids:
        if program:
            notices.append(state.check("programs", "program", program, ids, instead=programs["name"].iloc[0]))
        program = ids[0]
    ind = ctx.indicators.loc[s.ind]
    reach = reach_view.program_reach(q, program, s.ind, s.year, s.region)  # as the Programs page reads it
    v = programs_view.view(
        programs,
        program,
        q("program_results", program=program),
        reach.rows,
        all_results=q("program_results_all"),
        ind_label=ind.label,
        ind_unit=ind.unit,
        measure_type=ind.measure_type,
        higher_is_worse=bool(ind.higher_is_worse),
        year=s.year,
        place=_region_name(ctx, s),
        source=str(ind.source_name),
        min_count=ctx.min_count,
        level=reach.level,
        reach_year=reach.year,
    )
    return v, notices


def _programs(ctx: Context, s: state.State, chart: str) -> Content:
    v, notices = _programs_view(ctx, s, s.extra.get("program"))
    if v is None:
        return Content(info=_(text.NO_PROGRAMS))  # the programs page's words, translated there
    if chart == "reach":
        return Content(v.reach_figure, v.reach_takeaway, None, v.no_reach, notices)
    figures = dict(v.figures)
    if chart not in figures:
        return Content(info=_(stories.NOT_SHOWN).format(why=_(text.NO_MEASURE)), notices=notices)
    headline = scorecard.headline(scorecard.measures(v.results))
    said = v.headline if headline is not None and chart == f"results_{headline.metric_id}" else v.takeaway
    return Content(figures[chart], said, v.records, notices=notices)


def _community(ctx: Context, s: state.State, chart: str) -> Content:
    rows = ctx.query("community_input")
    if rows.empty:
        return Content(info=_(stories.NO_VOICE))
    v = community_view.view(rows, topic=None, min_count=ctx.min_count)
    return Content(v.figure, v.takeaway, _(text.COMMUNITY_SOURCE))


_BUILDERS = {
    "overview": _overview,
    "map": _map,
    "disparities": _disparities,
    "programs": _programs,
    "community": _community,
}
assert set(_BUILDERS) == set(stories.SLIDE_CHARTS)  # noqa: S101


# ---- the story built from the data --------------------------------------------------------------------


def best_program(ctx: Context) -> tuple[str, str] | None:
    """The program that is working, by the coalition's scorecard: of each program's headline measure
    (whether anyone is better off), the one that met its target and is getting better, else met it, else
    is getting better. (program_id, metric_id), or None where no program has such a measure reported."""
    programs = ctx.query("programs")
    if programs.empty:
        return None
    results = ctx.query("program_results_all")
    every = scorecard.measures(results)
    of_program = dict(zip(results["metric_id"], results["program_id"], strict=False))
    heads = []
    for p in programs.itertuples():
        top = scorecard.headline([m for m in every if of_program.get(m.metric_id) == p.program_id])
        if top is not None and top.status != "not_reported":
            heads.append((p.program_id, top))

    def rank(item):
        m = item[1]
        return (m.status != "met", m.verdict != "better", m.verdict == "worse")

    if not heads:
        return None
    program, m = min(heads, key=rank)
    return program, m.metric_id


def default_story(ctx: Context) -> stories.Story:
    """The story where none is stored: the widest gap, the map of need, a program that is working, what
    people said and what was done. A slide the data cannot make is left out, with a sentence saying so."""
    base = state.defaults(ctx.choices)
    slides: list[stories.Slide] = []
    left_out: list[str] = []

    gaps = metrics.widest_gaps(
        ctx.query("region_groups", region=base.region, year=base.year),
        ctx.indicators,
        dims=metrics.SOCIAL_DIMS,
    )
    if len(gaps):
        g = gaps.iloc[0]
        view = {"ind": str(g.indicator_id), "group": str(g.group_dim), "year": str(base.year)}
        slides.append(
            stories.Slide("disparities", view, "groups", _(stories.GAP_TITLE), notes=_(stories.GAP_NOTES))
        )
    elif ctx.choices.groups and len(
        ctx.query("part_groups", ind=base.ind, year=base.year, group=base.group, level=base.level,
                  region=base.region)
    ):  # fmt: skip
        # A nation of states with groups (a CDC WONDER load): the Overview's gaps between its parts.
        view = {"ind": base.ind, "year": str(base.year), "group": base.group}
        slides.append(
            stories.Slide(
                "overview", view, "overview_gaps", _(stories.GAP_TITLE), notes=_(stories.PARTS_GAP_NOTES)
            )
        )
    else:
        left_out.append(_(stories.NO_GAP))

    drawn = ctx.query("map_areas", level=base.level, region=base.region)
    values = ctx.query("map_values", ind=base.ind, year=base.year, level=base.level, region=base.region)
    if len(drawn) and drawn["geometry_drawn"].notna().any() and values["value"].notna().any():
        view = {"ind": base.ind, "level": base.level, "year": str(base.year)}
        slides.append(stories.Slide("map", view, "map", _(stories.MAP_TITLE), notes=_(stories.MAP_NOTES)))
    else:
        left_out.append(_(stories.NO_MAP))

    best = best_program(ctx)
    if best:
        program, metric = best
        slides.append(
            stories.Slide(
                "programs",
                {"program": program},
                f"results_{metric}",
                _(stories.PROGRAM_TITLE),
                notes=_(stories.PROGRAM_NOTES),
            )
        )
    else:
        left_out.append(_(stories.NO_PROGRAM))

    if len(ctx.query("community_input")):
        slides.append(
            stories.Slide("community", {}, "topics", _(stories.VOICE_TITLE), notes=_(stories.VOICE_NOTES))
        )
    else:
        left_out.append(_(stories.NO_VOICE))
    return stories.Story(stories.DEFAULT_STORY, _(stories.DEFAULT_TITLE), slides, left_out)


def slide_height(sentence: str | None) -> int:
    """A chart's height on a slide, in pixels: what 1280x720 leaves under the title and the sentence (in
    large type, about 85 characters a line) above the row of controls."""
    lines = max(1, -(-len(sentence or "") // stories.CHARACTERS_PER_LINE))
    return max(stories.MIN_HEIGHT, stories.SLIDE_HEIGHT - stories.LINE_HEIGHT * (lines - 1))


SLIDE_SITES = "#000000"  # every program's sites in one colour on a slide's map


def sized(fig: go.Figure, height: int = stories.SLIDE_HEIGHT) -> go.Figure:
    """A copy of a page's figure at a slide's height, so that it and its sentence fit 1280x720; a map is
    zoomed out as much as it is made shorter, so its areas stay whole."""
    fig = go.Figure(fig)
    before = fig.layout.height
    fig.update_layout(height=height, margin=dict(t=95, b=40))
    zoom = fig.layout.map.zoom if "map" in fig.layout else None
    if zoom is not None and before and before > height:
        fig.update_layout(map_zoom=float(zoom - math.log2(before / height)))
    sites = [t for t in fig.data if t.type == "scattermap" and t.legendgroup == "sites"]
    if sites:
        # A slide's map is short: its program sites as one entry of the key (each site still names its
        # program when pointed at), so that every entry fits beside the map.
        for i, trace in enumerate(sites):
            trace.update(
                marker_color=SLIDE_SITES, name=_("Program sites"), legendgrouptitle_text="", showlegend=i == 0
            )
    return fig


def legend_size(fig: go.Figure) -> int:
    """The type size of a slide's legend: a map's key (its classes, no data, too few, the sites) a little
    smaller than a chart's few entries, so that all of it fits beside the map."""
    return 17 if any(t.type == "choroplethmap" for t in fig.data) else 19


# A slide fills a projector's screen: no sidebar, header or toolbar; black on white, large type; the
# controls (previous, progress, next, notes) in one row at the foot.
# The slides' type and buttons. No words in it: it is written into the page, where a test reads every word.
# The greyed first "Previous" and last "Next" stay readable (WCAG AA) on a projector.
CSS = """
<style>
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stExpandSidebarButton"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  .modebar-container { display: none !important; }
  .stApp, [data-testid="stMain"] { background: #ffffff !important; color: #000000 !important; }
  [data-testid="stMainBlockContainer"] { padding: 0.6rem 2rem 0.4rem 2rem !important;
                                         max-width: 100% !important; }
  [data-testid="stMainBlockContainer"] > div { gap: 0.35rem; }
  .demo-banner { font-size: 0.95rem !important; padding: 0.15rem 0.6rem !important; margin: 0 !important; }
  .slide-title { font-size: 2.3rem; font-weight: 800; color: #000; line-height: 1.15; margin: 0.1rem 0 0 0; }
  .slide-takeaway { font-size: 1.75rem; font-weight: 600; color: #000; line-height: 1.3; margin: 0.1rem 0 0 0;
                    padding-bottom: 1rem; }
  .slide-takeaway .cite { font-size: 1rem; font-weight: 400; color: #222; white-space: nowrap; }
  .slide-progress { font-size: 1.3rem; font-weight: 700; color: #000; text-align: center;
                    padding-bottom: 1rem;
  }
  .slide-info { font-size: 1.6rem; color: #000; border-left: 0.4rem solid #000; padding-left: 0.8rem; }
  .notes-head { padding-bottom: 1rem; }
  .notes-body { font-size: 1.6rem; line-height: 1.45; color: #000; white-space: pre-wrap;
                padding-bottom: 1rem; }
  .notes-next { font-size: 1.3rem; color: #000; border-top: 2px solid #000; padding: 0.4rem 0 1.2rem 0; }
  [class*="st-key-slide_nav"] button { font-size: 1.2rem; border: 2px solid #000; color: #000; }
  [class*="st-key-slide_nav"] button[data-testid="stBaseButton-tertiary"] { padding: 0.25rem 0.75rem; }
  [class*="st-key-slide_nav"] button:disabled, [class*="st-key-slide_nav"] button:disabled * {
    color: #4a4f55 !important; opacity: 1 !important; border-color: #6b7078 !important; }
  [class*="st-key-slide_nav"] button[data-testid="stBaseButton-primary"]:not(:disabled),
  [class*="st-key-slide_nav"] button[data-testid="stBaseButton-primary"]:not(:disabled) * {
    color: #fff !important; }
</style>
"""

# The bright room's theme (contrast=1), over CSS: every word black and heavier, the source line too, the
# banner and buttons outlined thick; the charts follow (equity.charts.high_contrast).
CONTRAST_CSS = """
<style>
  .slide-title { font-weight: 900; }
  .slide-takeaway { font-weight: 700; }
  .slide-takeaway .cite, .slide-progress { color: #000 !important; font-weight: 700; }
  .demo-banner { border-width: 3px !important; color: #000 !important; font-weight: 700; }
  [class*="st-key-slide_nav"] button { border-width: 3px !important; font-weight: 700; }
  [class*="st-key-slide_nav"] button:disabled, [class*="st-key-slide_nav"] button:disabled * {
    color: #333 !important; border-color: #333 !important; }
</style>
"""

# The notes window follows the slides: the slides' window says which slide it shows, on a channel of
# this browser (no network), and the notes window opens that slide's notes.
# The keys that move between slides, and the button each presses: the arrows, and Page Up and Page
# Down, which presentation clickers send. One listener for the browser tab, added once (the page's
# script runs again on every slide); it presses the button on screen when the key comes, so a key moves
# exactly one slide, does nothing on the first and last, and does nothing on the dashboard's other pages
# or while someone types. (Streamlit's own button shortcuts take one key each, and would need hidden
# copies of the buttons, which a screen reader reads out, for the clicker's keys.)
SLIDE_KEYS = {
    "ArrowRight": "slide_next", "PageDown": "slide_next", "ArrowLeft": "slide_prev", "PageUp": "slide_prev",
}  # fmt: skip
KEYS = """<script>
(() => {
  const doc = window.parent.document;
  if (doc.__slideKeys) return;
  doc.__slideKeys = true;
  const keys = __KEYS__;
  doc.addEventListener("keydown", (e) => {
    const key = keys[e.key];
    if (!key || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const t = e.target;
    if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
    const button = doc.querySelector(".st-key-" + key + " button");
    if (!button) return;
    e.preventDefault();
    if (!button.disabled && !e.repeat) button.click();
  });
})();
</script>""".replace("__KEYS__", json.dumps(SLIDE_KEYS))

FOLLOW = """<script>
(() => {
  const here = __HERE__;
  const channel = new BroadcastChannel("equity-meeting");
  if (!here.notes) { channel.postMessage(here); return; }
  channel.onmessage = (event) => {
    const m = event.data || {};
    if (m.story !== here.story || m.slide === here.slide) return;
    const url = new URL(window.parent.location.href);
    url.searchParams.set("story", m.story);
    url.searchParams.set("slide", String(m.slide));
    url.searchParams.set("notes", "1");
    window.parent.location.replace(url.toString());
  };
})();
</script>"""
