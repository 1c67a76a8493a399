"""The Map page's footprint mode: the areas that meet every threshold on two or three indicators, drawn
apart from the rest (in grey print too), profiled beside the map: their people, their groups, the program
sites inside them and the people programs served there. Pure: equity.views.footprint_draw draws it."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import charts, footprint, maps, text, text_where
from equity.i18n import _

# Each standing's colour: four steps of lightness, so they read apart in grey print as well as in colour.
# The footprint is darkest, with a black outline; "too few to show" and "no data" keep the map's own
# colours (maps.FLAG_COLORS); the areas that miss a threshold are white.
STATUS_COLORS = {
    "in": "#8b1a12",
    "no_data": maps.FLAG_COLORS["no_data"],
    "suppressed": maps.FLAG_COLORS["suppressed"],
    "out": "#ffffff",
}
SITE_COLOR = "#0b5394"
STATUS_LINES = {"in": ("#000000", 1.6), "out": ("#8a8f96", 1.0)}
# From this many areas the outlines are drawn finer (FINE_LINES of their width): the nation's 3,000
# counties drew the footprint's small counties as black blots, all outline and no fill.
FINE_FROM, FINE_LINES = 1000, 0.35
TITLE_CHARS = 46  # the map's title in its column at 1280, in the presentation view's type too


@dataclass
class Criterion:
    ind: str
    label: str
    unit: str
    higher_is_worse: bool
    value: float
    low: float  # the slider's range: the values in view
    high: float
    step: float


@dataclass
class FootprintView:
    title: str
    takeaway: str
    criteria: list[Criterion]
    figure: go.Figure | None
    cards: list[tuple[str, str, str]]
    groups: pd.DataFrame | None  # Group, In the footprint, Rest of the region (plain text)
    groups_note: str
    sites: pd.DataFrame  # Program, Sites (their names)
    sites_note: str | None
    reach: pd.DataFrame  # Program, People served living there, Year
    reach_note: str | None
    sources: str  # each indicator's source and year
    table: pd.DataFrame  # the download: each area, its values and standing
    notices: list[str] = field(default_factory=list)


def criteria(
    thresholds: list[footprint.Threshold], many: pd.DataFrame, indicators: pd.DataFrame
) -> tuple[list[Criterion], list[str]]:
    """Each threshold with its indicator's words and the slider's range (the values in view); a default
    threshold where none was given, and a threshold beyond every value brought to the last value, with a
    notice."""
    out, notices = [], []
    for t in thresholds:
        meta = indicators.loc[t.ind]
        worse = bool(meta.higher_is_worse)
        values = many.loc[many["indicator_id"] == t.ind, "value"].dropna().astype(float)
        if values.empty:
            continue
        lo, hi = float(values.min()), float(values.max())
        step = footprint.slider_step(hi - lo)
        lo, hi = footprint.nice(lo - step / 2, hi - lo), footprint.nice(hi + step / 2, hi - lo)
        lo, hi = min(lo, float(values.min())), max(hi, float(values.max()))
        value = t.value if t.value is not None else footprint.default_threshold(values, worse)
        if value < lo or value > hi:
            shown = min(max(value, lo), hi)
            notices.append(text_where.beyond_range(meta.label, value, shown, meta.unit))
            value = shown
        out.append(Criterion(t.ind, meta.label, meta.unit, worse, float(value), lo, hi, step))
    return out, notices


def figure(
    areas: pd.DataFrame, stand: pd.DataFrame, sites: pd.DataFrame, crit: list[Criterion], *, title, subtitle
):
    """The footprint over ``areas`` (map_areas with geometry): one trace per standing, sites on top."""
    drawn = areas[areas["geometry_drawn"].notna()]
    gj = maps.geojson(drawn)
    df = drawn.drop(columns=["geometry_drawn"]).merge(stand, on="area_id", how="left")
    df["status"] = df["status"].fillna("no_data")
    df["shown"] = [
        "<br>".join(
            f"{c.label}: {text.number(getattr(r, 'v_' + str(k)), c.unit)}" for k, c in enumerate(crit)
        )
        for r in df.rename(columns={c.ind: f"v_{k}" for k, c in enumerate(crit)}).itertuples()
    ]
    df["pop"] = df["population"].map(text.people)
    fig = go.Figure()
    for status in footprint.STATUSES:
        part = df[df["status"] == status]
        if part.empty:
            continue
        trace = maps._area_trace(
            part,
            gj,
            STATUS_COLORS[status],
            text_where.status_words(status),
            _(text_where.FOOTPRINT_LEGEND),
            0.95,
        )
        color, width = STATUS_LINES.get(status, ("#ffffff", 0.6))
        trace.marker.line = dict(color=color, width=width * (FINE_LINES if len(df) >= FINE_FROM else 1))
        trace.update(legendgroup=None, legendgrouptitle_text="")  # one row of legend under the map
        fig.add_trace(trace)
    if sites is not None and len(sites):  # one mark for every site: the profile lists them by program
        ring = dict(lon=sites["lon"], lat=sites["lat"], mode="markers")
        fig.add_trace(
            go.Scattermap(**ring, marker=dict(size=16, color="#ffffff"), hoverinfo="skip", showlegend=False)
        )
        fig.add_trace(
            go.Scattermap(
                **ring,
                name=_(text_where.SITE_MARK),
                marker=dict(size=10, color=SITE_COLOR),
                customdata=sites[["name", "program"]].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            )
        )
    height, legend_px = 600, 96
    map_px = height - 70 - legend_px
    center, zoom = maps.fit_view(drawn, height=map_px + 140, width=440)  # its column at 1280
    below = legend_px / height
    fig.update_layout(
        map=dict(style="white-bg", center=center, zoom=zoom, domain=dict(x=[0, 1], y=[below, 1]))
    )
    # The map shares the page with the footprint's profile: a long title (Spanish) wraps in its column.
    title = "<br>".join(textwrap.wrap(title, TITLE_CHARS)) or title
    fig = charts.base_layout(fig, title, subtitle, height=height)
    # The legend under the map, not over it.
    fig.update_layout(
        # Room above the map for each line of the title and the subtitle, in big type too.
        margin=dict(l=0, r=0, t=74 + 40 * (title + subtitle).count("<br>"), b=0),
        legend=dict(
            orientation="h",
            yanchor="top",
            y=below - 0.01,
            x=0,
            xanchor="left",
            font=dict(size=14),
            traceorder="normal",
        ),
        title_font_size=15,
    )
    return fig


def _groups_table(groups: pd.DataFrame | None, place: str) -> pd.DataFrame | None:
    if groups is None or groups.empty:
        return None
    shares = footprint.group_shares(groups)
    if shares["share_inside"].isna().all():
        return None
    return pd.DataFrame(
        {
            _("Group"): shares["group_label"],
            _("In the footprint"): [text.number(100 * v, "percent") for v in shares["share_inside"]],
            _("Rest of {place}").format(place=place): [
                text.number(100 * v, "percent") for v in shares["share_outside"]
            ],
        }
    )


def view(
    areas: pd.DataFrame,
    many: pd.DataFrame,
    crit: list[Criterion],
    *,
    level: str,
    place: str,
    year,
    sources: dict[str, str],
    sites: pd.DataFrame | None = None,
    site_rows: pd.DataFrame | None = None,
    reach: pd.DataFrame | None = None,
    groups: pd.DataFrame | None = None,
    groups_about: tuple[str, str] | None = None,
    has_programs: bool = True,
    with_map: bool = True,
) -> FootprintView:
    """What the footprint mode shows. ``areas`` is map_areas (with geometry_drawn), ``many`` map_values_many
    of the criteria's indicators, ``sites`` the region's sites (query sites, for the map), ``site_rows``
    footprint_sites, ``reach`` footprint_reach, ``groups`` footprint_groups with ``groups_about`` (the group
    dimension's words and the indicator's label) where the database counts people by group. Without
    ``with_map`` the figure is left for the caller (who caches it: ``map_figure``)."""
    thresholds = {c.ind: c.value for c in crit}
    worse = {c.ind: c.higher_is_worse for c in crit}
    stand = footprint.standing(many.merge(areas[["area_id"]], on="area_id"), thresholds, worse)
    named = areas.drop(columns=["geometry_drawn"], errors="ignore").merge(stand, on="area_id", how="left")
    named["status"] = named["status"].fillna("no_data")
    inside = named[named["status"] == "in"]
    population = named["population"].astype(float)
    people = inside["population"].astype(float).sum() if inside["population"].notna().any() else None
    share = people / population.sum() if people and population.sum() > 0 else None
    n_sites = 0 if site_rows is None else len(site_rows)
    title = text_where.footprint_title(level, year)
    source_words = "; ".join(dict.fromkeys(sources.get(c.ind, "") for c in crit)) + f", {year}"
    fig = None
    if with_map and areas["geometry_drawn"].notna().any():
        named_sources = "; ".join(dict.fromkeys(sources.get(c.ind, "") for c in crit))
        subtitle = (
            _("Source: {sources}<br>{year}") if len(named_sources) > 50 else _("Source: {sources} · {year}")
        ).format(sources=named_sources, year=year)
        fig = figure(areas, stand, sites, crit, title=title, subtitle=subtitle)
    site_columns = [_("Program"), _("Sites")]
    sites_table = pd.DataFrame(columns=site_columns)
    if site_rows is not None and len(site_rows):
        sites_table = (
            site_rows.groupby("program", sort=True)["name"]
            .agg(lambda names: "; ".join(names))
            .reset_index()
            .set_axis(site_columns, axis=1)
        )
    reach_columns = [_("Program"), _("People served who live there"), _("Year")]
    reach_table = pd.DataFrame(columns=reach_columns)
    reach_note = None
    if reach is not None and len(reach):
        reach_table = pd.DataFrame(
            {
                reach_columns[0]: reach["program"],
                reach_columns[1]: [
                    _(text.FLAG_TEXT["suppressed"]) if text.is_missing(p) else f"{int(p):,}"
                    for p in reach["people"]
                ],
                reach_columns[2]: reach["year"].astype(str),
            }
        )
        reach_note = text_where.reach_note(int(reach["tracts_withheld"].sum()))
    groups_note = text_where.no_groups(level)
    table = _groups_table(groups, place)
    if table is not None and groups_about:
        withheld = int(groups["areas_withheld"].max()) if "areas_withheld" in groups else 0
        groups_note = text_where.groups_note(groups_about[0], groups_about[1], year, withheld)
    download = named.drop(columns=["centroid_lon", "centroid_lat"], errors="ignore").assign(
        in_footprint=lambda d: d["status"].eq("in"), year=year, footprint=footprint.format_fp(
            [footprint.Threshold(c.ind, c.value) for c in crit]
        )
    )  # fmt: skip
    return FootprintView(
        title=title,
        takeaway=text_where.footprint_takeaway(
            len(inside), len(named), level, place, people, share, len(crit), n_sites
        ),
        criteria=crit,
        figure=fig,
        cards=[
            (
                _(text.LEVEL_PLURAL.get(level, "Areas")),
                f"{len(inside):,}",
                _("of {n}").format(n=f"{len(named):,}"),
            ),
            (
                _("People"),
                text.people(people) if people is not None else _("not known"),
                _("{share} of {place}").format(share=f"{share:.0%}", place=place) if share else "",
            ),
            (_("Program sites"), f"{n_sites:,}", ""),
        ],
        groups=table,
        groups_note=groups_note,
        sites=sites_table,
        sites_note=None
        if n_sites
        else _(text_where.FOOTPRINT_NO_SITES if has_programs else text_where.FOOTPRINT_NO_PROGRAMS),
        reach=reach_table,
        reach_note=reach_note,
        sources=source_words,
        table=download,
    )


def map_figure(areas, many, crit, sites, *, level: str, year, sources: dict[str, str]) -> go.Figure | None:
    """The footprint's map alone (what ``view`` draws with ``with_map``), for a caller that caches it."""
    return view(areas, many, crit, level=level, place="", year=year, sources=sources, sites=sites).figure
