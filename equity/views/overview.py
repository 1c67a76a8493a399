"""The overview page: headline figures for the region, the widest gaps between groups, and the
neighbourhoods of greatest need, each leading to the page that looks closer."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import charts, metrics, text
from equity.i18n import _
from equity.views import disparities


@dataclass
class Link:
    label: str  # plain text: the page escapes it
    page: str  # url_path of the page it leads to
    changes: dict = field(default_factory=dict)  # shared keys to change (ind, group)
    extra: dict = field(default_factory=dict)  # the page's own keys (area)


@dataclass
class OverviewView:
    title: str  # plain text
    takeaway: str | None  # the widest gap in a sentence; None where no indicator has groups
    takeaway_source: str | None
    cards: list[tuple[str, str, str]]  # label, figure, note
    gaps_heading: str | None  # None where the database has no values by group: no gaps section
    no_gaps: str | None  # said instead of the gaps chart
    gaps_figure: go.Figure | None
    gaps_data: pd.DataFrame | None  # what it draws where it is the gaps in each area (``gaps`` is empty)
    gap_links: list[Link]
    gaps: pd.DataFrame  # the download: one row per indicator and comparison
    need_heading: str  # plain text
    need_links: list[Link]  # the areas of greatest need, worst first
    no_need: str | None  # said where no area has a value
    caption: str  # plain text: the indicator's source, measure and definition
    overdue: bool = False  # whether any commitment is overdue (the link to them is shown only then)


def headline(
    ind: pd.Series,
    population,
    everyone: pd.DataFrame,
    shown: pd.DataFrame,
    areas: int,
    commitments: pd.DataFrame,
    year,
    level: str = "tract",
    all_areas: pd.DataFrame | None = None,
) -> list[tuple[str, str, str]]:
    """The headline cards: people living here, the indicator for everyone, how many of the region's
    ``areas`` (tracts) fare worse than it (``shown`` are those with a value), and partner commitments
    overdue. Where the source has no figure for the region, it is derived from ``all_areas`` (value and
    population of each area), and its note says so."""
    all_areas = shown if all_areas is None else all_areas
    cards = [(text.people_here(), text.people(population), "")]
    region_value = None
    if len(everyone) and not text.is_missing(everyone.iloc[0].value):
        e = everyone.iloc[0]
        region_value = e.value
        note = text.interval_note(e.ci_low, e.ci_high, ind.unit)
    elif (derived := metrics.derived_from_parts(all_areas, ind.label)) is not None:
        # The source gives the areas but not the region: derived from its parts, and said to be.
        region_value = derived["value"]
        note = text.derived_note(derived["parts"], derived["of"], level, derived["weighted"], derived["by"])
    if region_value is not None:
        cards.append((f"{ind.label}, {year}", text.number(region_value, ind.unit), note))
        worse = (shown["value"] > region_value) if ind.higher_is_worse else (shown["value"] < region_value)
        cards.append(
            (text.faring_worse(level), text.of_n(int(worse.sum()), areas), text.lower_first(ind.label))
        )
    else:
        cards.append((f"{ind.label}, {year}", _(text.FLAG_TEXT["no_data"]), ""))
    summary = metrics.commitment_summary(commitments)
    if summary["total"]:
        cards.append(
            (
                _(text.COMMITMENTS_OVERDUE),
                text.of_n(summary["overdue"], summary["total"]),
                text.done_n(summary["done"]),
            )
        )
    # No commitments loaded: no card (a card with nothing behind it says nothing).
    return cards


def gaps_figure(gaps: pd.DataFrame, year) -> go.Figure:
    """The widest gaps as ranked bars, each labelled with its indicator, comparison and groups."""
    gaps = gaps.assign(
        name=[
            text.gap_bar_label(r.label, text.group_dim_label(r.group_dim), r.worst_group, r.best_group)
            for r in gaps.itertuples()
        ],
        words=[f"{r.ratio:.1f}×" for r in gaps.itertuples()],
    )
    fig = charts.ranked_bars(
        gaps,
        x="ratio",
        y="name",
        hover="words",
        x_title=_(text.RATIO_AXIS),
        title=_(text.GAPS_TITLE),
        subtitle=charts.source_line(_(text.SOURCES_UNDER_METHODS), year, _(text.CRUDE_UNLESS)),
        height=470,
    )
    fig.add_vline(x=1, line=dict(color="#111", width=1.5))
    return fig


def view(
    *,
    ind: pd.Series,
    indicators: pd.DataFrame,
    region_name: str,
    population,
    year: int,
    region_series: pd.DataFrame,
    areas: pd.DataFrame,
    area_names: pd.DataFrame,
    groups: pd.DataFrame,
    commitments: pd.DataFrame,
    level: str = "tract",
    has_groups: bool = True,
    group_dims: tuple[str, ...] = ("race_ethnicity", "income"),
    parts: pd.DataFrame | None = None,
    group: str = "race_ethnicity",
) -> OverviewView:
    """What the overview shows for the region and year in view.

    ``region_series`` is the query area_values for the region and indicator, ``areas`` map_values and
    ``area_names`` map_areas (without geometry) at the map's ``level``, ``groups`` region_groups and
    ``commitments`` the query of that name; ``indicators`` is the catalogue indexed by indicator_id;
    ``has_groups`` whether the database has values by any group (else there are no gaps to look for),
    ``group_dims`` the groups it has. ``parts`` (the query part_groups by ``group`` at ``level``) is where
    the region itself has no figures by group but its areas do (a WONDER state file seen nationally): the
    gaps are then compared between its areas.
    """
    everyone = region_series[(region_series["group_dim"] == "all") & (region_series["year"] == year)]
    named = areas.dropna(subset=["value"]).merge(area_names, on="area_id")
    gaps = metrics.widest_gaps(groups, indicators, dims=metrics.SOCIAL_DIMS)
    gaps = gaps.assign(group=gaps["group_dim"].map(text.group_dim_label))
    takeaway = source = None
    in_parts = None
    if gaps.empty and parts is not None and len(parts):
        in_parts = disparities.gaps_in_parts(
            parts,
            ind,
            group=group,
            level=level,
            dim_words=text.group_dim_label(group).lower(),
            year=year,
            source=ind.source_name,
        )
    if len(gaps):
        g = gaps.iloc[0]
        takeaway = text.widest_gap_takeaway(
            year,
            g.label,
            g.ratio,
            text.who(g.group_dim, g.worst_group),
            text.number(g.worst_value, g.unit),
            text.who(g.group_dim, g.best_group),
            text.number(g.best_value, g.unit),
        )
        source = f"{indicators.loc[g.indicator_id, 'source_name']}, {year}"
    elif in_parts is not None and in_parts.takeaway:  # the gap between groups where it is widest
        takeaway, source = in_parts.takeaway, f"{ind.source_name}, {year}"
    elif len(areas):  # no gaps between groups: lead with where need is greatest among areas
        every = areas.merge(area_names, on="area_id", how="right")
        takeaway = text.spread_takeaway(
            every, ind.label, ind.unit, bool(ind.higher_is_worse), year, region_name, level
        )
        source = f"{ind.source_name}, {year}"
    gap_links = [
        Link(
            text.gap_link(r.label, text.group_dim_label(r.group_dim)),
            "disparities",
            changes={"ind": r.indicator_id, "group": r.group_dim},
        )
        for r in gaps.itertuples()
    ]
    if in_parts is not None and in_parts.figure is not None:
        gap_links.append(
            Link(
                text.gap_link(ind.label, text.group_dim_label(group)),
                "disparities",
                changes={"ind": ind.name, "group": group},
            )
        )
    ranked = text.worst_first(named, bool(ind.higher_is_worse)).head(5)
    need_links = [
        Link(
            f"{r.name}: {text.value_with_flag(r.value, r.ci_low, r.ci_high, r.flag, ind.unit)}",
            "map",
            extra={"area": r.area_id},
        )
        for r in ranked.itertuples()
    ]
    social = [d for d in metrics.SOCIAL_DIMS if d in group_dims] or ["race_ethnicity"]
    drawn_in_parts = in_parts is not None and in_parts.figure is not None
    return OverviewView(
        title=text.overview_title(region_name),
        takeaway=takeaway,
        takeaway_source=source,
        cards=headline(
            ind,
            population,
            everyone,
            named,
            len(areas),
            commitments,
            year,
            level,
            all_areas=areas.merge(area_names, on="area_id", how="right"),
        ),
        gaps_heading=text.gaps_heading(year, social) if has_groups else None,
        no_gaps=text.no_gaps(social) if gaps.empty and has_groups and not drawn_in_parts else None,
        gaps_figure=gaps_figure(gaps, year) if len(gaps) else in_parts.figure if drawn_in_parts else None,
        gaps_data=in_parts.data if drawn_in_parts and gaps.empty else None,
        gap_links=gap_links,
        gaps=gaps,
        need_heading=text.need_heading(ind.label, bool(ind.higher_is_worse), year),
        need_links=need_links,
        no_need=text.no_area_value(level) if ranked.empty else None,
        overdue=metrics.commitment_summary(commitments)["overdue"] > 0,
        caption=text.indicator_caption(ind, year),
    )
