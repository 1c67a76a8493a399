"""The Programs page's "Who are we reaching?": where the people a program serves live against where people
live and where need is greatest (mapped), who they are against who lives here, and which high-need
neighbourhoods lie far from any site. Calculations in equity.reach, words in equity.reach_text."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from equity import charts, maps, reach, text
from equity import reach_text as words
from equity.i18n import _

# Diverging, colour-blind safe (orange less, blue more), light in the middle; classes in points of share
# scaled by the average neighbourhood's share (1 / areas), so a county and a state read alike.
DIFF_COLORS = ["#b35806", "#f1a340", "#f7f7f7", "#998ec3", "#542788"]
DIFF_STEPS = (0.8, 0.2)  # x the average share: beyond the first "much", beyond the second "more"/"less"
GAP_COLOR, HIGH_COLOR, OTHER_COLOR = "#7a1712", "#f59e72", "#f1f3f4"
MAP_HEIGHT = 540
# The distances from a site offered, as the URL writes them (km=5).
DISTANCES = [f"{k:g}" for k in reach.DISTANCE_CHOICES_KM]
DEFAULT_KM = f"{reach.DEFAULT_DISTANCE_KM:g}"


@dataclass
class ReachView:
    empty: str | None = None  # said instead of the section where there is no reach to show
    bases: dict[str, str] = field(default_factory=dict)  # the bases the data hold: key -> words
    base: str = "population"
    not_held: str | None = None
    map_takeaway: str = ""
    map_figure: go.Figure | None = None
    map_table: pd.DataFrame | None = None  # the map's download
    counted_note: str = ""
    high_need_takeaway: str | None = None
    high_need_table: pd.DataFrame | None = None
    high_need_note: str = ""
    groups_takeaway: str | None = None
    groups_figure: go.Figure | None = None
    groups_table: pd.DataFrame | None = None  # drawn and downloaded
    groups_note: str = ""
    sites_takeaway: str | None = None
    sites_figure: go.Figure | None = None
    sites_table: pd.DataFrame | None = None
    no_sites: str | None = None


SHARE_IDS = list(reach.SHARE_IDS)  # the indicators the query reach_area_shares is asked for


def reach_year_of(years: pd.DataFrame, year):
    """The year a program's reach is shown for (``years``: the query reach_years, latest first): the page's
    ``year`` where it records people served in it, else its latest; the page's year where it has none."""
    held = [int(y) for y in years["period"]]
    return year if not held or int(year) in held else held[0]


def level_of(recorded: pd.DataFrame) -> str:
    """The level a program's reach is recorded at (the query reach_level), tracts where it records none."""
    return str(recorded["level"].iloc[0]) if len(recorded) else "tract"


@dataclass
class Reach:
    """A program's reach as the Programs page and the meeting's slides read it."""

    level: str  # the level it is recorded at
    year: int  # the year of the people served: the page's where it has it, else its latest
    rows: pd.DataFrame  # the query program_reach: each area's people served beside its need


def program_reach(query, program: str, ind: str, year: int, region: str) -> Reach:
    """Program ``program``'s reach beside indicator ``ind`` in ``year``, in ``region``; ``query`` runs a
    named query (ui.query, or the meeting's)."""
    level = level_of(query("reach_level", program=program))
    served_in = reach_year_of(query("reach_years", program=program), year)
    rows = query(
        "program_reach", program=program, level=level, reach_year=served_in, ind=ind, year=year, region=region
    )
    return Reach(level, served_in, rows)


def base_choices(
    areas: pd.DataFrame, group_population: pd.DataFrame, shares: pd.DataFrame | None = None
) -> dict[str, pd.Series]:
    """The bases this region's data hold (equity.reach.bases), in the page's order."""
    held = reach.bases(areas, group_population, shares)
    return {b: held[b] for b in reach.BASES if b in held}


def view(
    program: str,
    reach_rows: pd.DataFrame,
    areas: pd.DataFrame,
    groups: pd.DataFrame,
    group_population: pd.DataFrame,
    sites: pd.DataFrame,
    *,
    program_id: str,
    base: str,
    km: float,
    ind_label: str,
    ind_unit: str,
    higher_is_worse: bool,
    year,
    place: str,
    source: str,
    records: str,
    min_count: int,
    area_shares: pd.DataFrame | None = None,
    level: str = "tract",
    reach_year=None,
) -> ReachView:
    """The section for one program (``program`` its name) in one region and year.

    ``reach_rows`` is the query program_reach (people served by tract beside need on the page's
    indicator), ``areas`` map_areas at tract level, ``groups`` reach_groups, ``group_population``
    reach_group_population, ``sites`` the query sites (every program's in the region), ``area_shares``
    reach_area_shares (percents of people in poverty, children, seniors, where no group figures count
    them). ``base`` is one of equity.reach.BASES the data hold (checked by the page), ``km`` the distance
    from a site, ``reach_year`` the year of the people served (``year`` that of the need and population,
    where they differ: reach_year_of), ``level`` the level its reach is recorded at (the query
    reach_level), which names the areas in its words.
    """
    out = ReachView()
    reach_year = year if reach_year is None else reach_year
    years = text.reach_years(reach_year, year)  # what the charts' source lines say they are of
    served = pd.to_numeric(reach_rows["people"], errors="coerce").fillna(0)
    if reach_rows.empty or not (served.gt(0) | reach_rows["few_people"].fillna(False)).any():
        out.empty = words.no_reach(program, place, reach_year)
        return out
    held = base_choices(areas, group_population, area_shares)
    out.bases = {b: words.base_words(b) for b in held}
    out.not_held = words.not_held([b for b in reach.BASES if b not in held], level=level)
    out.base = base if base in held else "population"
    names = areas.set_index("area_id")["name"]

    # Where: each area's share of the people served minus its share of the base.
    measure = reach.spatial_equity(reach_rows, held[out.base])
    under, over = reach.extremes(measure, names)
    out.map_takeaway = words.map_takeaway(program, out.base, under, over, level=level)
    status = measure["status"].value_counts()
    out.counted_note = words.counted_note(
        int(status.get("withheld", 0)), int(status.get("no_base", 0)), min_count, level=level
    )
    table = reach_rows[["area_id", "name", "population", "people"]].merge(measure, on="area_id")
    out.map_figure = difference_map(
        areas,
        table,
        base=out.base,
        title=words.map_title(out.base, reach_year),
        subtitle=charts.source_line(text.reach_sources(records, source), years, words.compared(out.base)),
    )
    out.map_table = pd.DataFrame(
        {
            words.col(words.MAP_COLUMNS, "name", level): table["name"],
            _(words.MAP_COLUMNS["population"]): table["population"],
            _(words.MAP_COLUMNS["people"]): table["people"],
            _(words.MAP_COLUMNS["served_share"]): (table["served_share"] * 100).round(2),
            _(words.MAP_COLUMNS["base_share"]): (table["base_share"] * 100).round(2),
            _(words.MAP_COLUMNS["difference"]): (table["difference"] * 100).round(2),
            _(words.MAP_COLUMNS["status"]): table["status"].map(lambda k: _(words.STATUS_WORDS[k])),
        }
    ).rename(columns={_(words.MAP_COLUMNS["people"]): "people"})  # the download guard knows this column

    # The highest-need fifth, against each base the data hold.
    need = reach_rows.set_index("area_id")["need"]
    fifth = reach.high_need(need, higher_is_worse)
    rows = []
    for b, counts in held.items():
        share = reach.share_in(reach_rows, counts, fifth)
        if share is None:
            continue
        rows.append(
            (
                words.base_words(b),
                words.percent(share["served"]),
                words.percent(share["base"]),
                words.points(share["difference"]),
            )
        )
        if b == "population":
            out.high_need_takeaway = words.high_need_takeaway(
                program, ind_label, share["served"], share["base"], level=level
            )
    out.high_need_table = pd.DataFrame(rows, columns=[_(c) for c in words.HIGH_NEED_COLUMNS])
    out.high_need_note = words.high_need_note(ind_label, min_count, level=level)

    # Who: reach by group.
    by_group = reach.group_reach(groups, group_population)
    if by_group.empty:
        out.groups_takeaway = _(words.NO_GROUPS)
    else:
        label = [
            f"{text.group_dim_label(d)}: {g}"
            for d, g in zip(by_group["group_dim"], by_group["group_label"], strict=True)
        ]
        under = [text.who(r.group_dim, r.group_label) for r in by_group.itertuples() if r.verdict == "under"]
        over = [text.who(r.group_dim, r.group_label) for r in by_group.itertuples() if r.verdict == "over"]
        out.groups_takeaway = words.group_takeaway(program, under, over)
        out.groups_figure = group_figure(
            by_group.assign(label=label),
            title=words.group_title(reach_year),
            subtitle=charts.source_line(text.reach_sources(records, source), years),
        )
        out.groups_table = pd.DataFrame(
            {
                _(words.GROUP_COLUMNS["breakdown"]): by_group["group_dim"].map(text.group_dim_label),
                _(words.GROUP_COLUMNS["group"]): by_group["group_label"],
                "people": by_group["people"],
                _(words.GROUP_COLUMNS["share"]): [
                    words.percent(s) + ("+" if w else "")
                    for s, w in zip(by_group["share"], by_group["cells_withheld"] > 0, strict=True)
                ],
                _(words.GROUP_COLUMNS["interval"]): [
                    _("{low} to {high}").format(low=words.percent(lo), high=words.percent(hi))
                    for lo, hi in zip(by_group["low"], by_group["high"], strict=True)
                ],
                _(words.GROUP_COLUMNS["pop_share"]): by_group["pop_share"].map(words.percent),
                _(words.GROUP_COLUMNS["verdict"]): by_group["verdict"].map(
                    lambda k: words.say(words.VERDICT_WORDS[k], level)
                ),
            }
        )
    out.groups_note = words.group_method(min_count, level=level)

    # How far: the high-need fifth near the program's sites, and the service gaps.
    own = sites[sites["program_id"] == program_id] if "program_id" in sites else sites.iloc[0:0]
    if own.empty:
        out.no_sites = _(words.NO_SITES)
        return out
    site_km = reach.nearest_site_km(areas, own)
    any_km = reach.nearest_site_km(areas, sites)
    c = reach.catchment(areas, fifth, site_km, any_km, km)
    gaps = areas[areas["area_id"].isin(c["gap_ids"])].sort_values("population", ascending=False)
    out.sites_takeaway = words.sites_takeaway(program, km, c, gaps["name"].head(3).tolist(), level=level)
    out.sites_figure = sites_map(
        areas,
        fifth,
        c["gap_ids"],
        own,
        reach.catchment_circles(own, km),
        program=program,
        title=words.sites_title(km, level=level),
        subtitle=charts.source_line(text.reach_sources(records, source), years),
        level=level,
    )
    high = areas[areas["area_id"].map(fifth).fillna(False).astype(bool)]
    out.sites_table = pd.DataFrame(
        {
            words.col(words.SITE_COLUMNS, "name", level): high["name"].to_numpy(),
            _(words.SITE_COLUMNS["population"]): high["population"].to_numpy(),
            _(words.SITE_COLUMNS["need"]): high["area_id"].map(need).to_numpy(),
            _(words.SITE_COLUMNS["site_km"]): high["area_id"].map(site_km).round(1).to_numpy(),
            _(words.SITE_COLUMNS["any_km"]): high["area_id"].map(any_km).round(1).to_numpy(),
            _(words.SITE_COLUMNS["near"]): high["area_id"]
            .map(site_km)
            .le(km)
            .map({True: _(words.YES), False: _(words.NO)})
            .to_numpy(),
            _(words.SITE_COLUMNS["gap"]): high["area_id"]
            .isin(c["gap_ids"])
            .map({True: _(words.YES), False: ""})
            .to_numpy(),
        }
    )
    return out


# ---- figures --------------------------------------------------------------------------------------------


def difference_classes(diff: pd.Series, n_areas: int) -> pd.Series:
    """Each difference's class, 0 (much less than its share) to 4 (much more), on steps scaled by the
    average neighbourhood's share."""
    avg = 1.0 / max(n_areas, 1)
    much, some = DIFF_STEPS[0] * avg, DIFF_STEPS[1] * avg
    bins = [-np.inf, -much, -some, some, much, np.inf]
    return pd.cut(diff, bins=bins, labels=False, right=False)


def difference_map(
    areas: pd.DataFrame, table: pd.DataFrame, *, base: str, title: str, subtitle: str
) -> go.Figure:
    """Neighbourhoods shaded by share served minus share of the base, in five diverging classes; too few
    to show and no figure each drawn apart (equity.maps' flag colours)."""
    drawn = areas[areas["geometry_drawn"].notna()]
    gj = maps.geojson(drawn)
    df = table[table["area_id"].isin(drawn["area_id"])].copy()
    counted = df["status"] == "counted"
    df["cls"] = difference_classes(df["difference"], int(counted.sum()))
    df["shown"] = [
        words.points(d) if s == "counted" else _(words.STATUS_WORDS[s])
        for d, s in zip(df["difference"], df["status"], strict=True)
    ]
    df["pop"] = df["population"].map(text.people)
    legend = words.map_legend(base)
    fig = go.Figure()
    for cls in (4, 3, 2, 1, 0):
        part = df[counted & (df["cls"] == cls)]
        if len(part):
            fig.add_trace(_trace(part, gj, DIFF_COLORS[cls], _(words.CLASS_WORDS[cls]), legend))
    for status, color, name in (
        ("withheld", maps.FLAG_COLORS["suppressed"], _(words.TOO_FEW)),
        ("no_base", maps.FLAG_COLORS["no_data"], _(words.NO_BASE)),
    ):
        part = df[df["status"] == status]
        if len(part):
            fig.add_trace(_trace(part, gj, color, name, legend))
    return _map_layout(fig, drawn, title, subtitle)


def sites_map(
    areas: pd.DataFrame,
    fifth: pd.Series,
    gap_ids: list[str],
    sites: pd.DataFrame,
    circles: list,
    *,
    program: str,
    title: str,
    subtitle: str,
    level: str = "tract",
) -> go.Figure:
    """The highest-need fifth shaded, its service gaps dark, the program's sites and their circles."""
    import shapely

    drawn = areas[areas["geometry_drawn"].notna()].copy()
    gj = maps.geojson(drawn)
    drawn["shown"] = ""
    drawn["pop"] = drawn["population"].map(text.people)
    high = drawn["area_id"].map(fifth).fillna(False).astype(bool)
    gap = drawn["area_id"].isin(gap_ids)
    legend = text.area_words(level)["Areas"]
    fig = go.Figure()
    for mask, color, name in (
        (gap, GAP_COLOR, _(words.GAP_AREA)),
        (high & ~gap, HIGH_COLOR, _(words.HIGH_NEED_AREA)),
        (~high, OTHER_COLOR, words.say(words.OTHER_AREA, level)),
    ):
        part = drawn[mask]
        if len(part):
            fig.add_trace(_trace(part, gj, color, name, legend))
    lon, lat = [], []
    for circle in circles:
        ring = np.asarray(shapely.get_exterior_ring(circle).coords)
        lon += [*ring[:, 0].round(5), None]
        lat += [*ring[:, 1].round(5), None]
    if lon:
        fig.add_trace(
            go.Scattermap(
                lon=lon,
                lat=lat,
                mode="lines",
                line=dict(width=2.5, color="#0b5394"),
                name=_(words.CATCHMENT),
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scattermap(
            lon=sites["lon"],
            lat=sites["lat"],
            mode="markers",
            name=program,
            legendgroup="sites",
            legendgrouptitle=dict(text="<b>" + _(words.SITES_LEGEND) + "</b>"),
            marker=dict(size=13, color="#0b5394"),
            customdata=sites[["name"]].to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><extra></extra>",
        )
    )
    return _map_layout(fig, drawn, title, subtitle)


def _trace(part: pd.DataFrame, gj: dict, color: str, name: str, group: str = "") -> go.Choroplethmap:
    return go.Choroplethmap(
        legendgroup="areas",
        legendgrouptitle=dict(text=f"<b>{maps._wrap(group)}</b>" if group else ""),
        geojson=maps._subset(gj, part["area_id"]),
        locations=part["area_id"],
        z=[1] * len(part),
        colorscale=[[0, color], [1, color]],
        showscale=False,
        showlegend=True,
        name=name,
        marker=dict(line=dict(width=0.6, color="#9aa0a6"), opacity=0.95),
        customdata=part[["name", "shown", "pop"]].to_numpy(),
        hovertemplate=_(
            "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Population %{customdata[2]}<extra></extra>"
        ),
    )


def _map_layout(fig: go.Figure, drawn: pd.DataFrame, title: str, subtitle: str) -> go.Figure:
    center, zoom = maps.fit_view(drawn, height=MAP_HEIGHT)
    fig.update_layout(
        map=dict(style="white-bg", center=center, zoom=zoom, domain=dict(x=[0, 0.66], y=[0, 1]))
    )
    fig = charts.base_layout(fig, title, subtitle, height=MAP_HEIGHT)
    fig.update_layout(
        margin=dict(l=0, r=0, t=90, b=0),
        legend=dict(
            orientation="v", yanchor="top", y=1.0, x=0.68, xanchor="left",
            bgcolor="rgba(255,255,255,0.92)", bordercolor="#999", borderwidth=1, font=dict(size=15),
        ),
    )  # fmt: skip
    return fig


def group_figure(df: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Each group's share of the people served (a dot with its 95% interval) beside its share of the
    people who live here (an open diamond), one row per group, breakdowns one after another."""
    df = df.iloc[::-1]  # plotly draws the first row at the bottom
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=df["share"] * 100,
            y=df["label"],
            mode="markers",
            name=_(words.SERVED_MARK),
            marker=dict(size=13, color=charts.NEUTRAL),
            error_x=dict(
                type="data",
                symmetric=False,
                array=(df["high"] - df["share"]) * 100,
                arrayminus=(df["share"] - df["low"]) * 100,
                color=charts.NEUTRAL,
                thickness=2,
            ),
            hovertemplate=_("%{y}<br>served %{x:.1f}%<extra></extra>"),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=df["pop_share"] * 100,
            y=df["label"],
            mode="markers",
            name=_(words.POPULATION_MARK),
            marker=dict(size=14, symbol="diamond-open", color=charts.BAD, line=dict(width=2.5)),
            hovertemplate=_("%{y}<br>lives here %{x:.1f}%<extra></extra>"),
        )
    )
    fig.update_xaxes(title=_(words.SHARE_AXIS), rangemode="tozero")
    fig.update_yaxes(title=None)
    fig = charts.base_layout(fig, title, subtitle, height=max(360, 44 * len(df) + 200))
    # The key below the axis title, not over it.
    return fig.update_layout(legend=dict(yref="container", y=0, yanchor="bottom"), margin_b=90)
