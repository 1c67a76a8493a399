"""The Disparities page's "how many fewer" section: excess cases by group (or by area, where the indicator
has no groups) against the best stable rate, with a bar chart, its sentence, its notes and its download.
Pure: the page draws what ``section`` returns."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import charts, excess, text, text_where
from equity.i18n import _

SHOWN = 15  # bars at most: the areas with the most excess cases


@dataclass
class ExcessSection:
    heading: str  # plain text
    takeaway: str | None = None
    figure: go.Figure | None = None
    notes: list[str] = field(default_factory=list)  # plain text, said under the chart
    info: str | None = None  # said instead of a chart: why there is no estimate
    table: pd.DataFrame | None = None  # the download
    method: str = field(default_factory=text_where.excess_method)  # in the run's language


def figure(
    e: excess.Excess, *, title: str, subtitle: str, shown_names: dict | None = None, by_area: bool = False
) -> go.Figure:
    """Each group's (area's) excess cases as a horizontal bar with its 95% interval, largest at the top,
    the reference named as such."""
    df = e.by_unit.sort_values(["excess", "label"], ascending=[False, True]).head(SHOWN)
    df = df.iloc[::-1]  # Plotly draws the first bar at the bottom
    names = [str((shown_names or {}).get(x, x)) for x in df["label"]]
    # The bar says its count; the interval is in the whiskers and the hover (words beside a bar would run
    # off the chart's edge at 1280 px).
    words = [text_where.excess_bar_words(r.excess, r.is_reference) for r in df.itertuples()]
    hover = [
        text_where.excess_hover(r.excess, r.excess_low, r.excess_high, r.is_reference)
        for r in df.itertuples()
    ]
    fig = go.Figure(
        go.Bar(
            x=df["excess"],
            y=names,
            orientation="h",
            marker_color=[charts.MUTED if r else charts.BAD for r in df["is_reference"]],
            error_x=dict(
                type="data",
                symmetric=False,
                array=df["excess_high"] - df["excess"],
                arrayminus=df["excess"] - df["excess_low"],
                color=charts.INK,
                thickness=1.5,
            ),
            text=words,
            textposition="auto",  # inside a bar from its base where it fits, clear of the whisker's end
            insidetextanchor="start",
            cliponaxis=False,
            textfont=dict(size=15),
            customdata=hover,
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    top = float(df["excess_high"].max()) if len(df) else 1.0
    axis = _(text_where.EXCESS_AREAS_AXIS if by_area else text_where.EXCESS_AXIS)
    fig.update_xaxes(title=axis, rangemode="tozero", range=[0, max(top, 1.0) * 1.2])
    fig.update_yaxes(title=None)
    return charts.base_layout(fig, title, subtitle, height=max(300, 110 + 46 * len(df)))


def download_table(e: excess.Excess, unit: str, indicator_id: str, year, names: dict | None = None):
    df = e.by_unit
    return pd.DataFrame(
        {
            "indicator_id": indicator_id,
            "year": year,
            "group_or_area": df["label"],
            "name": [str((names or {}).get(x, x)) for x in df["label"]],
            "numerator": df["cases"].round().astype("Int64"),
            "denominator": df["people"].round().astype("Int64"),
            "rate": [excess.in_unit(r, unit) for r in df["rate"]],
            "is_reference": df["is_reference"],
            "excess_cases": df["excess"].round(1),
            "excess_ci_low": df["excess_low"].round(1),
            "excess_ci_high": df["excess_high"].round(1),
        }
    )


def section(
    units: pd.DataFrame,
    ind: pd.Series,
    *,
    dim: str,
    place: str,
    year,
    everyone: float | None = None,
    indicators: pd.DataFrame | None = None,
    level: str | None = None,
    names: dict | None = None,
) -> ExcessSection:
    """Excess cases of ``units`` (rows with label, numerator, denominator, value, ci_low, ci_high, flag):
    the groups of ``dim`` in ``place``, or its areas of ``level`` where ``dim`` is 'area' (``names`` their
    names by area_id). ``indicators`` (the catalogue) names an age-adjusted or crude companion."""
    higher_is_worse = bool(ind.higher_is_worse)
    by_area = dim == "area"
    heading = _(text_where.EXCESS_AREAS_HEADING if by_area else text_where.EXCESS_HEADING)
    e = excess.excess_cases(
        units,
        higher_is_worse=higher_is_worse,
        unit=ind.unit,
        measure_type=getattr(ind, "measure_type", "crude"),
        everyone=everyone,
    )
    shown_dim = "area" if by_area else dim
    if e.status != "ok":
        crude = None
        iid = str(ind.name)
        if iid.endswith("_aa") and indicators is not None and iid[:-3] in indicators.index:
            crude = indicators.loc[iid[:-3], "label"]
        return ExcessSection(heading, info=text_where.no_excess(e, ind.label, shown_dim, crude))
    label_names = names or {}
    shown = e
    if by_area:  # areas are named, not labelled by id, in every sentence
        shown = excess.Excess(**{**e.__dict__})
        shown.reference = {
            **e.reference,
            "label": label_names.get(e.reference["label"], e.reference["label"]),
        }
        if e.unstable_best:
            shown.unstable_best = {
                **e.unstable_best,
                "label": label_names.get(e.unstable_best["label"], e.unstable_best["label"]),
            }
        shown.by_unit = e.by_unit.assign(label=[label_names.get(x, x) for x in e.by_unit["label"]])
    notes = []
    if e.unstable_best:
        notes.append(text_where.unstable_best(shown, shown_dim, ind.unit))
    if e.overlap:
        notes.append(text_where.overlap_note())
    if e.left_out:
        notes.append(text_where.left_out([label_names.get(x, x) for x in e.left_out], shown_dim))
    aa = f"{ind.name}_aa"
    if not by_area and indicators is not None and aa in indicators.index and dim != "age":
        notes.append(text_where.crude_note(indicators.loc[aa, "label"]))
    notes.append(_(text_where.EXCESS_CAVEAT))
    if by_area:
        level_words = text.level_plural(level or "", lower=True)
        title = text_where.excess_area_title(
            ind.label, level_words, min(SHOWN, len(e.by_unit)), len(e.by_unit)
        )
    else:
        title = text_where.excess_title(ind.label, text_where.reference_name(dim, shown.reference["label"]))
    fig = figure(
        shown,
        title=title,
        subtitle=charts.source_line(ind.source_name, year, _(text_where.EXCESS_MARKS)),
        by_area=by_area,
    )
    return ExcessSection(
        heading,
        takeaway=text_where.excess_takeaway(
            shown, dim=shown_dim, label=ind.label, unit=ind.unit, place=place, year=year
        ),
        figure=fig,
        notes=notes,
        table=download_table(e, ind.unit, str(ind.name), year, names),
    )


def within_parts_section(
    parts: pd.DataFrame, ind: pd.Series, *, level: str, place: str, year
) -> ExcessSection:
    """Excess cases within each of a region's areas of ``level`` (the query excess_part_groups), summed,
    where the region itself has no figures by group."""
    e = excess.excess_within_parts(
        parts,
        higher_is_worse=bool(ind.higher_is_worse),
        unit=ind.unit,
        measure_type=getattr(ind, "measure_type", "crude"),
    )
    heading = _(text_where.EXCESS_HEADING)
    if e.status != "ok":
        return ExcessSection(heading, info=text_where.no_excess(e, ind.label, "area"))
    names = dict(zip(parts["area_id"], parts["name"], strict=False))
    shown = min(SHOWN, len(e.by_unit))
    fig = figure(
        e,
        title=text_where.within_parts_title(ind.label, level, shown, len(e.by_unit)),
        subtitle=charts.source_line(ind.source_name, year, _(text_where.EXCESS_MARKS)),
        shown_names=names,
        by_area=True,
    )
    notes = [text_where.within_parts_note(level, place)]
    if e.left_out:
        notes.append(text_where.left_out(e.left_out, "area"))
    notes.append(_(text_where.EXCESS_CAVEAT))
    table = download_table(e, ind.unit, str(ind.name), year, names).assign(
        reference_group=e.by_unit["reference_group"].to_numpy()
    )
    return ExcessSection(
        heading,
        takeaway=text_where.within_parts_takeaway(e, label=ind.label, level=level, place=place, year=year),
        figure=fig,
        notes=notes,
        table=table,
    )
