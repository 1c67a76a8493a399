"""The disparities page: one indicator by group against a reference, with intervals; each group's share
of those affected; the gap over time; and the gap here against the places around."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import charts, metrics, text
from equity.i18n import _


@dataclass
class Section:
    """One part of the page: a heading, a lead sentence, a chart, or a sentence in place of either."""

    takeaway: str | None = None
    figure: go.Figure | None = None
    info: str | None = None  # plain text said instead (too few groups, no county to compare)
    data: pd.DataFrame | None = None  # what the chart draws, for its table


@dataclass
class DisparitiesView:
    title: str  # plain text
    ref_options: list[str]  # 'best', 'overall' and each group's label
    ref_words: dict[str, str]  # how the two fixed references read
    takeaway: str
    source: str  # the indicator's source and year, for every lead sentence
    groups: go.Figure
    compared_heading: str  # plain text
    compared: pd.DataFrame  # each group against the reference, indexed by group
    summary: str | None  # Index of Disparity and summary rate ratio, in words
    shares: Section | None  # None with fewer than two groups counted
    over_time: Section = field(default_factory=Section)
    places: Section = field(default_factory=Section)
    caption: str = ""  # plain text


def comparison_table(compared: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Each group's value, rate ratio and difference against the reference, with intervals and words."""

    def cell(r, missing: str, written: str) -> str:
        if r.is_reference:
            return _("reference")
        return "—" if text.is_missing(getattr(r, missing)) else written.format(r=r)

    rows = list(compared.itertuples())
    return pd.DataFrame(
        {
            _("Group"): compared["group_label"],
            _("Value (95% interval)"): charts.shown_values(compared, unit),
            _("Rate ratio (95% interval)"): [
                cell(r, "ratio", "{r.ratio:.2f} ({r.ratio_low:.2f}–{r.ratio_high:.2f})") for r in rows
            ],
            _("Difference (95% interval)"): [
                cell(
                    r,
                    "difference",
                    _("{r.difference:+.1f} ({r.difference_low:+.1f} to {r.difference_high:+.1f})"),
                )
                for r in rows
            ],
            _("In words"): [
                _("the reference") if r.is_reference else text.ratio_words(r.ratio, r.ratio_low, r.ratio_high)
                for r in rows
            ],
        }
    ).set_index(_("Group"))


def shares_section(this_year, everyone_row, ind, group: str, year, source: str, min_count: int):
    share = metrics.shares(this_year, everyone_row)
    if len(share) < 2:
        return None
    top = share[share["group_label"] != metrics.POOLED].sort_values("relative_inequity").iloc[-1]
    return Section(
        takeaway=text.share_takeaway(
            text.who(group, top.group_label),
            top.population_share,
            top.case_share,
            top.relative_inequity,
            ind.label,
        ),
        figure=charts.share_bars(
            share,
            case_words=text.lower_first(ind.label),
            title=text.share_title(ind.label),
            subtitle=charts.source_line(source, year, text.share_note(min_count, ind.measure_type)),
        ),
        data=share.assign(  # in per cent, as the chart reads
            population_share=(share["population_share"] * 100).round(1),
            case_share=(share["case_share"] * 100).round(1),
        ),
    )


def over_time_section(series: pd.DataFrame, ind, group: str, year, dim_words: str, source: str) -> Section:
    over_time = series[series["group_dim"] == group]
    groups_now = over_time[over_time["year"] == year].dropna(subset=["value"])
    takeaway = None
    if len(groups_now) >= 2:
        ordered = text.worst_first(groups_now, bool(ind.higher_is_worse))
        worst, best = ordered.iloc[0].group_label, ordered.iloc[-1].group_label
        change = metrics.gap_over_time(over_time, worst, best)
        if change:
            takeaway = text.change_words(change, ind.unit, text.who(group, worst), text.who(group, best))
    figure = charts.group_trend(
        over_time,
        unit=ind.unit,
        title=text.trend_title(ind.label, dim_words),
        subtitle=charts.source_line(
            source,
            f"{series['year'].min()}–{series['year'].max()}",
            text.measure_and_bars(ind.measure_type, "bars"),
        ),
    )
    return Section(takeaway=takeaway, figure=figure, data=over_time)


def places_section(places, ind, *, focus, place, level, group, dim_words, year, source, subtitle) -> Section:
    """The gap here against the places around it (a county or tract), or in each county (a state)."""
    gaps = metrics.gap_by_place(places, bool(ind.higher_is_worse))
    here = gaps[gaps["area_id"] == focus]
    if level != "state":
        around = gaps[(gaps["area_id"] != focus) & (gaps["level"] != level)]
        out = Section()
        if len(here) and len(around):
            out.takeaway = text.place_gap_words(
                place, here.iloc[0].ratio, list(zip(around["name"], around["ratio"], strict=True))
            )
        elif here.empty:
            out.info = text.too_few_groups_here(place)
        out.figure = charts.places_by_group(
            places, unit=ind.unit, title=text.places_title(ind.label, dim_words, place), subtitle=subtitle
        )
        out.data = places
        return out
    return gaps_in_parts(
        places,
        ind,
        group=group,
        level="county",
        dim_words=dim_words,
        year=year,
        source=source,
        gaps=gaps,
        here=(place, here.iloc[0].ratio) if len(here) else None,
    )


def gaps_in_parts(parts, ind, *, group, level, dim_words, year, source, gaps=None, here=None) -> Section:
    """The gap between groups in each of a region's areas of ``level`` (a state's counties, the nation's
    states), the widest named, against the region's own gap (``here``: its name and ratio) and the
    nation's where the source gives them. ``parts`` has area_id, name, level, group_label and value."""
    gaps = metrics.gap_by_place(parts, bool(ind.higher_is_worse)) if gaps is None else gaps
    nation = gaps[gaps["level"] == "nation"]
    inside = gaps[gaps["level"] == level].copy()
    if not (parts["level"] == level).any():
        return Section(info=text.no_part_groups(level, dim_words))
    if inside.empty:
        return Section(info=text.no_part_gaps(level))
    widest = inside.sort_values("ratio", ascending=False).iloc[0]
    takeaway = text.widest_part_gap(
        widest["name"],
        text.who(group, widest.worst_group),
        text.who(group, widest.best_group),
        widest.ratio,
        here,
        (text.place_words(nation.iloc[0]["name"]), nation.iloc[0].ratio) if len(nation) else None,
    )
    # Each bar is named by its place and, under it, its groups; the bar says the ratio: words beside a bar
    # would run off the chart's edge at 1280 px.
    inside["words"] = [f"{r.ratio:.1f}×" for r in inside.itertuples()]
    inside["label"] = [
        f"{r.name}<br>" + _("{worst} vs {best}").format(worst=r.worst_group, best=r.best_group)
        for r in inside.itertuples()
    ]
    drawn = inside.sort_values("ratio", ascending=False).head(SHOWN_AREAS)
    # none for a median income
    measure = (
        _(text.MEASURE_PLURAL[ind.measure_type]) if text.measure_words(ind.measure_type, ind.unit) else ""
    )
    fig = charts.ranked_bars(
        drawn,
        x="ratio",
        y="label",
        hover="words",
        x_title=_(text.RATIO_AXIS),
        title=text.part_gaps_title(dim_words, level, len(drawn), len(inside)),
        subtitle=charts.source_line(source, year, measure),
    )
    fig.data[0].showlegend = False
    lines = [(here, charts.BAD, "dash")]
    if len(nation):
        lines.append(((nation.iloc[0]["name"], nation.iloc[0].ratio), charts.INK, "dot"))
    charts.reference_lines(
        fig, [(f"{pair[0]}: {pair[1]:.1f}×", pair[1], color, dash) for pair, color, dash in lines if pair]
    )
    return Section(takeaway=takeaway, figure=fig, data=drawn.drop(columns=["words", "label", "level"]))


def reference_words(label: str, group: str | None) -> str:
    """The reference's name as metrics.reference_value gives it ('Best group (White)', 'Everyone'), in
    this run's language; a group's own label as loaded."""
    if label == "Everyone":
        return _("Everyone")
    if label == "Best group":
        return _("Best group")
    if group is not None and label == f"Best group ({group})":
        return _("Best group ({group})").format(group=group)
    return label


def reference_options(series: pd.DataFrame, year, group: str) -> list[str]:
    """What each group can be compared with: the best-off group, everyone, or a named group."""
    this_year = series[(series["year"] == year) & (series["group_dim"] == group)]
    return ["best", "overall", *this_year["group_label"].tolist()]


def view(
    series: pd.DataFrame,
    places: pd.DataFrame,
    ind: pd.Series,
    *,
    group: str,
    ref: str,
    year: int,
    focus: str,
    place: str,
    level: str,
    min_count: int,
) -> DisparitiesView:
    """What the page shows for indicator ``ind`` by ``group`` in ``focus`` (named ``place``, of ``level``)
    in ``year``, against reference ``ref``: ``series`` is the query area_values for the focus and
    ``places`` place_groups. ``series`` has values by group (the page says so where it has none)."""
    dim_words = text.group_dim_label(group).lower()
    source = ind.source_name
    this_year = series[(series["year"] == year) & (series["group_dim"] == group)]
    everyone = series[(series["year"] == year) & (series["group_dim"] == "all")]
    everyone_row = None if everyone.empty or text.is_missing(everyone.iloc[0].value) else everyone.iloc[0]
    higher_is_worse = bool(ind.higher_is_worse)
    ref_value, ref_se, ref_label, ref_group = metrics.reference_value(
        this_year, everyone_row, ref, higher_is_worse
    )
    ref_label = reference_words(ref_label, ref_group)
    subtitle = charts.source_line(source, year, text.measure_and_bars(ind.measure_type, "whiskers"))
    summary = metrics.summary_measures(this_year, higher_is_worse)
    return DisparitiesView(
        title=text.disparities_title(ind.label, dim_words),
        ref_options=reference_options(series, year, group),
        ref_words={"best": _(text.BEST_OFF_GROUP), "overall": text.everyone_in(place)},
        takeaway=text.group_takeaway(this_year, ind.label, ind.unit, higher_is_worse, year, place, group),
        source=f"{source}, {year}",
        groups=charts.group_bars(
            this_year,
            label=ind.label,
            unit=ind.unit,
            higher_is_worse=higher_is_worse,
            ref_value=ref_value,
            ref_label=ref_label,
            title=text.groups_title(ind.label, dim_words, place),
            subtitle=subtitle,
        ),
        compared_heading=text.against_reference(ref_label),
        compared=comparison_table(
            metrics.compare_with_reference(this_year, ref_value, ref_se, ref_group), ind.unit
        ),
        summary=text.summary_words(summary) if summary else None,
        shares=shares_section(this_year, everyone_row, ind, group, year, source, min_count),
        over_time=over_time_section(series, ind, group, year, dim_words, source),
        places=places_section(
            places,
            ind,
            focus=focus,
            place=place,
            level=level,
            group=group,
            dim_words=dim_words,
            year=year,
            source=source,
            subtitle=subtitle,
        ),
        caption=text.disparities_caption(ind.description, min_count),
    )


SHOWN_AREAS = 15  # the ranked chart shows the areas of greatest need, at most this many


@dataclass
class PlacesView:
    """Where an indicator has no groups: its areas compared with each other, and along vulnerability."""

    heading: str  # plain text
    takeaway: str | None
    figure: go.Figure | None  # the areas of greatest need with their intervals
    fifths: str | None  # the most against the least vulnerable fifth of areas, in words
    concentration: str | None  # the concentration index, in words
    note: str | None  # why there is no comparison along vulnerability


def places_view(
    areas: pd.DataFrame,
    vulnerability: pd.DataFrame | None,
    ind: pd.Series,
    *,
    level: str,
    place: str,
    year,
    region_value=None,
) -> PlacesView:
    """``areas`` is map_values merged with map_areas (names, population) at the map's ``level`` in the
    region; ``vulnerability`` map_values of metrics.VULNERABILITY there, or None where it is not loaded."""
    higher_is_worse = bool(ind.higher_is_worse)
    compared = metrics.places_compared(areas, vulnerability, higher_is_worse)
    ranked = compared["ranked"]
    heading = text.places_heading(level)
    if len(ranked) < metrics.MIN_PEERS:  # a ranking of two says little, and singles one out
        return PlacesView(heading, None, None, None, None, text.too_few_areas(ind.label, level, place, year))
    ref_label = place
    if region_value is None or text.is_missing(region_value):  # no figure of its own: from its parts
        derived = metrics.derived_from_parts(areas, ind.label)
        region_value = derived["value"] if derived else None
        ref_label = text.derived_reference(place) if derived else place
    top = ranked.head(SHOWN_AREAS)
    twice = top["name"].duplicated(keep=False)
    top = top.assign(
        group_label=[
            f"{n} ({a})" if d else n for n, a, d in zip(top["name"], top["area_id"], twice, strict=True)
        ]
    )
    figure = charts.group_bars(
        top,
        label=ind.label,
        unit=ind.unit,
        higher_is_worse=higher_is_worse,
        ref_value=region_value,
        ref_label=ref_label,
        title=text.ranked_areas_title(ind.label, level, place, len(top), len(ranked)),
        subtitle=charts.source_line(
            ind.source_name, year, text.measure_and_bars(ind.measure_type, "whiskers")
        ),
    )
    fifths = concentration = note = None
    if compared["fifths"]:
        f = compared["fifths"]
        fifths = text.fifths_words(ind.label, ind.unit, level, f)
        concentration = text.concentration_words(ind.label, level, compared["concentration"])
    else:
        note = text.no_vulnerability(level, vulnerability is not None)
    return PlacesView(
        heading=heading,
        takeaway=text.spread_takeaway(areas, ind.label, ind.unit, higher_is_worse, year, place, level),
        figure=figure,
        fifths=fifths,
        concentration=concentration,
        note=note,
    )
