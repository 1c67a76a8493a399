"""Plotly figure builders: data in, figure out; no Streamlit, no queries.

Type is large and contrast high because these charts are projected in bright rooms.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from equity import i18n, metrics, text
from equity.i18n import N_, _

FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=16, color="#111111")
INK, MUTED, GRID = "#111111", "#5f6368", "#d9dde3"
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
CATEGORICAL = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
GOOD, BAD, NEUTRAL = "#1a7f37", "#b3261e", "#0b5394"


def base_layout(fig: go.Figure, title: str, subtitle: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title=dict(
            text=title,
            subtitle=dict(text=subtitle, font=dict(size=14, color=MUTED)),
            x=0,
            xanchor="left",
            font=dict(size=20),
        ),
        font=FONT,
        height=height + 18 * subtitle.count("<br>"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin=dict(l=10, r=20, t=90 + 18 * subtitle.count("<br>"), b=40),
        legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, font=dict(size=15)),
        hoverlabel=dict(font_size=16),
    )
    fig.update_xaxes(gridcolor=GRID, zerolinecolor=GRID, automargin=True)
    fig.update_yaxes(gridcolor=GRID, zerolinecolor=GRID, automargin=True)
    return fig


def whiskers(df: pd.DataFrame, **style) -> dict:
    """Error bars that draw each value's own 95% interval (asymmetric, as published)."""
    return dict(
        type="data",
        symmetric=False,
        array=df["ci_high"] - df["value"],
        arrayminus=df["value"] - df["ci_low"],
        **style,
    )


def shown_values(df: pd.DataFrame, unit: str) -> list[str]:
    """Each row as hover text: its value and interval, or why it is not shown."""
    return [text.value_with_flag(r.value, r.ci_low, r.ci_high, r.flag, unit) for r in df.itertuples()]


# Characters of a subtitle that fit on one line of a chart on a 1280-pixel screen beside the sidebar;
# Plotly cuts a longer line off rather than wrapping it.
SUBTITLE_CHARS = 100
SOURCE_CHARS = 112  # a source line longer than this is cut off at a chart's right edge at 1280: wrapped


def source_line(source: str, year: int | str | None, extra: str = "") -> str:
    """A chart's subtitle: its source and year, and any key to its marks, which goes on a line of its own
    where one line would be too long to show whole."""
    line = _("Source: {source}").format(source=source) + ("" if year is None else f" · {year}")
    lines = textwrap.wrap(line, SOURCE_CHARS) or [line]  # Plotly does not wrap: a long source is cut off
    if extra:
        if len(lines[-1]) + len(extra) + 3 > SUBTITLE_CHARS:
            lines += textwrap.wrap(extra, SUBTITLE_CHARS) or [extra]
        else:
            lines[-1] += " · " + extra
    return "<br>".join(lines)


UNRELIABLE_OPACITY = 0.45  # an unreliable estimate's dot: visibly weaker, still findable


def group_bars(
    groups: pd.DataFrame,
    *,
    label: str,
    unit: str,
    higher_is_worse: bool,
    ref_value: float | None,
    ref_label: str,
    title: str,
    subtitle: str,
) -> go.Figure:
    """One dot per group with its 95% interval as whiskers, and the reference as a dashed line.

    Groups too small to show are listed with the words "Too few to show" where the dot would be,
    so they cannot be mistaken for zero.
    """
    df = groups.copy()
    order = df.sort_values("value", ascending=higher_is_worse, na_position="first")["group_label"].tolist()
    shown = df.dropna(subset=["value"])
    hidden = df[df["value"].isna()]
    fig = go.Figure()
    faded = shown["flag"].eq("unreliable")
    fig.add_trace(
        go.Scatter(
            x=shown["value"],
            y=shown["group_label"],
            mode="markers",
            marker=dict(
                size=16,
                color=[("#9db7d5" if f else NEUTRAL) for f in faded],
                line=dict(width=2, color=NEUTRAL),
            ),
            error_x=whiskers(
                shown,
                thickness=2.5,
                width=8,
                color=INK,
            ),
            customdata=shown_values(shown, unit),
            hovertemplate="<b>%{y}</b><br>%{customdata}<extra></extra>",
            name=label,
            showlegend=False,
        )
    )
    xmax = (
        float(shown["ci_high"].max()) if shown["ci_high"].notna().any() else float(shown["value"].max() or 1)
    )
    for r in hidden.itertuples():
        fig.add_annotation(
            x=0,
            y=r.group_label,
            xanchor="left",
            showarrow=False,
            text=f"<i>{_(text.FLAG_TEXT.get(r.flag or 'no_data', 'No data'))}</i>",
            font=dict(size=15, color=MUTED),
        )
    if ref_value is not None and not text.is_missing(ref_value):
        fig.add_vline(x=ref_value, line=dict(color=BAD, width=2, dash="dash"))
        fig.add_annotation(
            x=ref_value,
            y=1.0,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=f"{ref_label}: {text.number(ref_value, unit)}",
            font=dict(color=BAD, size=15),
        )
    fig.update_yaxes(categoryorder="array", categoryarray=order, title=None)
    fig.update_xaxes(title=_(text.UNIT_AXIS.get(unit, unit)), range=[0, xmax * 1.08], rangemode="tozero")
    height = max(320, 110 + 52 * len(order))
    return base_layout(fig, title, subtitle, height=height)


def group_trend(series: pd.DataFrame, *, unit: str, title: str, subtitle: str) -> go.Figure:
    """Each group's value over the years with its 95% interval; gaps where a year is withheld.

    An unreliable year (relative standard error over 30%) is drawn as a hollow, faded dot, so it reads
    as weaker on a screen and in grey print alike.
    """
    fig = go.Figure()
    for i, (group, df) in enumerate(series.groupby("group_label", sort=False)):
        df = df.sort_values("year")
        color = CATEGORICAL[i % len(CATEGORICAL)]
        weak = df["flag"].eq("unreliable").to_numpy()
        fig.add_trace(
            go.Scatter(
                x=df["year"],
                y=df["value"],
                mode="lines+markers",
                name=group,
                connectgaps=False,
                line=dict(width=3, color=color),
                marker=dict(
                    size=[12 if w else 9 for w in weak],
                    symbol=["circle-open" if w else "circle" for w in weak],
                    opacity=[UNRELIABLE_OPACITY if w else 1.0 for w in weak],
                    line=dict(width=2, color=color),
                ),
                error_y=whiskers(
                    df,
                    thickness=1.5,
                    width=4,
                    color=color,
                ),
                customdata=shown_values(df, unit),
                hovertemplate=f"<b>{group}</b> %{{x}}<br>%{{customdata}}<extra></extra>",
            )
        )
    fig.update_xaxes(dtick=1, title=None)
    fig.update_yaxes(title=_(text.UNIT_AXIS.get(unit, unit)), rangemode="tozero")
    return base_layout(fig, title, subtitle, height=440)


AXIS_TITLE_WIDTH = 34  # characters on a line of a ranked chart's axis title


def ranked_bars(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    subtitle: str,
    x_title: str,
    hover: str | None = None,
    color: str = NEUTRAL,
    height: int | None = None,
) -> go.Figure:
    """Horizontal bars, largest at the top: the simplest chart to read from the back of a room."""
    df = df.sort_values(x)
    fig = go.Figure(
        go.Bar(
            x=df[x],
            y=df[y],
            orientation="h",
            marker_color=color,
            text=df[hover] if hover else None,
            textposition="auto",
            textfont=dict(size=15),
            hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>"
            if hover
            else "<b>%{y}</b><br>%{x}<extra></extra>",
        )
    )
    # The axis title is centred under the bars, which long labels leave narrow: it wraps, rather than run
    # off the chart's right edge (a Spanish title at 1280 px did).
    fig.update_xaxes(title="<br>".join(textwrap.wrap(x_title, AXIS_TITLE_WIDTH)), rangemode="tozero")
    fig.update_yaxes(title=None)
    return base_layout(fig, title, subtitle, height=height or max(300, 110 + 46 * len(df)))


# How each month's result is marked against its target (metrics.target_status): by shape as well as
# colour, so the marks read in grey print and to people who do not tell red from green.
RESULT_MARKS = {
    "met": ("circle", GOOD),
    "missed": ("x", BAD),
    "no_target": ("circle-open", MUTED),
    "not_reported": ("circle", NEUTRAL),  # draws nothing: no result
}


def results_against_target(
    df: pd.DataFrame, *, label: str, unit: str, higher_is_better: bool, title: str, subtitle: str
) -> go.Figure:
    """A metric's monthly results as a line, its target dashed; months that missed are marked, months
    with no target set apart from them. A count too small to show (``few_people``) is drawn at zero as
    an open diamond, so it is not read as a month not reported."""
    df = df.sort_values("period")
    withheld = (
        df["few_people"].fillna(False).astype(bool) if "few_people" in df else pd.Series(False, df.index)
    )
    status = [
        metrics.target_status(v, t, higher_is_better, bool(w))
        for v, t, w in zip(df["value"], df["target"], withheld, strict=True)
    ]
    symbols, colors = zip(*(RESULT_MARKS.get(s, RESULT_MARKS["not_reported"]) for s in status), strict=True)
    fig = go.Figure()
    if df["target"].notna().any():  # a legend's "Target" with no line would say there is one
        fig.add_trace(
            go.Scatter(
                x=df["period"],
                y=df["target"],
                name=_("Target"),
                mode="lines",
                line=dict(color=MUTED, width=2.5, dash="dash"),
            )
        )
    fig.add_trace(
        go.Scatter(
            x=df["period"],
            y=df["value"],
            name=_("Result"),
            mode="lines+markers",
            connectgaps=False,
            line=dict(color=NEUTRAL, width=3),
            marker=dict(
                size=8, color=list(colors), symbol=list(symbols), line=dict(width=1.5, color=list(colors))
            ),
            hovertemplate="%{x|%B %Y}: %{y:,.1f}<extra></extra>",
        )
    )
    if withheld.any():
        fig.add_trace(
            go.Scatter(
                x=df.loc[withheld, "period"],
                y=[0] * int(withheld.sum()),
                name=_("Too few to show"),
                mode="markers",
                marker=dict(size=10, color=BAD, symbol="diamond-open", line=dict(width=2)),
                cliponaxis=False,  # drawn on the axis at zero, whole
                hovertemplate="%{x|%B %Y}: " + _("too few to show") + "<extra></extra>",
            )
        )
    fig.update_yaxes(title=_("Percent") if unit == "percent" else _("Count"), rangemode="tozero")
    fig.update_xaxes(title=None)
    return base_layout(fig, title, subtitle, height=380)


def reach_against_need(
    reach: pd.DataFrame, *, x_title: str, title: str, subtitle: str, y_title: str | None = None
) -> go.Figure:
    """One dot per neighbourhood with data on need: its need across, the people a program served up.

    ``reach`` has name, need, people and few_people. A neighbourhood where too few people were served
    to show is drawn at zero as an open red diamond, so it is not read as "served no one".
    """
    served = reach.dropna(subset=["need"]).copy()
    served["people_shown"] = served["people"].fillna(0)
    fig = go.Figure(
        go.Scatter(
            x=served["need"],
            y=served["people_shown"],
            mode="markers",
            marker=dict(
                size=11,
                color=[BAD if f else NEUTRAL for f in served["few_people"]],
                symbol=["diamond-open" if f else "circle" for f in served["few_people"]],
            ),
            customdata=served[["name"]].to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><br>"
            + _("need {x}").format(x="%{x:,.1f}")
            + "<br>"
            + _("served {y}").format(y="%{y:,}")
            + "<extra></extra>",
        )
    )
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=_("People served") if y_title is None else y_title, rangemode="tozero")
    return base_layout(fig, title, subtitle)


# What became of a commitment (equity.accountability.OUTCOMES), overdue first: each segment's fill, the
# pattern over it and the colour of the count written on it. Fills step in lightness (overdue near black,
# kept on time mid grey, the hatched ones light, not yet due white), so they tell apart in grayscale too.
RECORD_STYLE = {
    "overdue": ("#7a1712", "", "white"),
    "dropped": ("#c4c7cc", "x", INK),
    "kept_late": ("#f2b950", "/", INK),
    "kept_undated": ("#9ecae1", "-", INK),
    "kept_on_time": ("#5fb894", "", INK),
    "not_yet_due": ("#ffffff", ".", INK),
}
# A pattern faint enough that the count written over it reads, strong enough to tell apart in grayscale.
PATTERN = dict(fgcolor="#3c4043", size=12, solidity=0.1, fillmode="overlay")


def record_bars(
    counts: pd.DataFrame,
    *,
    names: dict[str, str],
    title: str,
    subtitle: str,
    axis_title: str,
    value_title: str,
    horizontal: bool = False,
) -> go.Figure:
    """Commitments stacked by what became of them, overdue first: one bar per period (``horizontal``:
    per partner, the first row of ``counts`` at the top), each segment labelled with its count.

    ``counts`` has a column per outcome (RECORD_STYLE's keys, in that order); ``names`` gives each
    outcome's legend entry. A kept-undated column that is all zeros is left out, the others stay in the
    legend even at zero, so every chart has the same key.
    """
    fig = go.Figure()
    categories = [str(c) for c in counts.index]
    for outcome, (fill, pattern, ink) in RECORD_STYLE.items():
        if outcome not in counts or (outcome == "kept_undated" and not counts[outcome].any()):
            continue
        values = counts[outcome].astype(int).tolist()
        bar = dict(
            name=names[outcome],
            marker=dict(
                color=fill,
                line=dict(color=INK, width=1),
                pattern=dict(shape=pattern, **PATTERN) if pattern else None,
            ),
            text=[str(v) if v else "" for v in values],
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            textfont=dict(color=ink, size=17, weight="bold"),
            hovertemplate=f"<b>%{{{'y' if horizontal else 'x'}}}</b><br>{names[outcome]}: "
            f"%{{{'x' if horizontal else 'y'}}}<extra></extra>",
        )
        if horizontal:
            fig.add_trace(go.Bar(y=categories, x=values, orientation="h", **bar))
        else:
            fig.add_trace(go.Bar(x=categories, y=values, **bar))
    # A count too big for its segment is left out rather than shrunk; the table beside gives every count.
    fig.update_layout(
        barmode="stack", bargap=0.25, legend_traceorder="normal", uniformtext=dict(minsize=14, mode="hide")
    )
    if horizontal:
        fig.update_yaxes(categoryorder="array", categoryarray=categories, autorange="reversed", title=None)
        fig.update_xaxes(title=value_title, dtick=1 if counts.to_numpy().sum(axis=1).max() <= 12 else None)
        height = max(380, 170 + 34 * len(categories))
    else:
        fig.update_xaxes(type="category", title=axis_title or None)
        whole = counts.to_numpy().sum(axis=1).max() <= 12  # small counts: a line at each whole number
        fig.update_yaxes(title=value_title, rangemode="tozero", dtick=1 if whole else None, tickformat="d")
        height = 440
    return base_layout(fig, title, subtitle, height=height)


# Each kind of contribution counted in dollars, in the order the bars stack: fill and pattern, lightness
# stepping as the record's does.
POOLED_STYLE = {
    "funding": ("#0b5394", ""),
    "in_kind": ("#9ecae1", "/"),
    "space": ("#f2f2f2", "x"),
}


def pooled_bars(dollars: pd.DataFrame, *, names: dict[str, str], title: str, subtitle: str, axis_title: str):
    """Dollars pooled each year, stacked by kind (``dollars``: a row per year, a column per kind)."""
    fig = go.Figure()
    for kind, (fill, pattern) in POOLED_STYLE.items():
        if kind not in dollars or not dollars[kind].any():
            continue
        values = dollars[kind].tolist()
        fig.add_trace(
            go.Bar(
                x=[str(y) for y in dollars.index],
                y=values,
                name=names[kind],
                marker=dict(
                    color=fill,
                    line=dict(color=INK, width=1),
                    pattern=dict(shape=pattern, **PATTERN) if pattern else None,
                ),
                text=[f"${v / 1000:,.0f}k" if v else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont=dict(color="white" if not pattern else INK, size=16, weight="bold"),
                hovertemplate=f"<b>%{{x}}</b><br>{names[kind]}: $%{{y:,.0f}}<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack", bargap=0.3, legend_traceorder="normal", uniformtext=dict(minsize=14, mode="hide")
    )
    fig.update_xaxes(type="category", title=None)
    fig.update_yaxes(title=axis_title, tickprefix="$", tickformat=",.0f", rangemode="tozero")
    return base_layout(fig, title, subtitle, height=440)


AUTHORITY_ORDER = {"informed": 1, "advises": 2, "shares": 3, "decides": 4}
AUTHORITY_WORDS = {
    "decides": N_("Decides"),
    "shares": N_("Shares decisions"),
    "advises": N_("Advises"),
    "informed": N_("Kept informed"),
}
# What a cell of the grid says, short enough to fit its cell on a projector (the hover says it whole).
AUTHORITY_SHORT = {
    "decides": N_("Decides"),
    "shares": N_("Shares"),
    "advises": N_("Advises"),
    "informed": N_("Informed"),
}


def roles_grid(roles: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Programs by partners, shaded by how much say each partner has in each program."""
    grid = roles.pivot_table(index="partner", columns="program", values="decision_authority", aggfunc="first")
    z = grid.apply(lambda col: col.map(AUTHORITY_ORDER))
    words = grid.apply(lambda col: col.map({k: _(v) for k, v in AUTHORITY_WORDS.items()})).fillna("")
    short = grid.apply(lambda col: col.map({k: _(v) for k, v in AUTHORITY_SHORT.items()})).fillna("")
    colors = [
        [0, "#f1f4f8"],
        [0.25, "#f1f4f8"],
        [0.25, "#c6dbef"],
        [0.5, "#c6dbef"],
        [0.5, "#6baed6"],
        [0.75, "#6baed6"],
        [0.75, "#08519c"],
        [1, "#08519c"],
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.values,
            x=[c for c in grid.columns],
            y=list(grid.index),
            zmin=0.5,
            zmax=4.5,
            colorscale=colors,
            showscale=False,
            text=short.values,
            customdata=words.values,
            texttemplate="%{text}",
            textfont=dict(size=13),
            xgap=3,
            ygap=3,
            hovertemplate=_("<b>%{y}</b> in %{x}: %{customdata}") + "<extra></extra>",
        )
    )
    fig.update_xaxes(side="top", tickangle=0, showgrid=False, tickfont=dict(size=14))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig = base_layout(fig, title, subtitle, height=max(460, 190 + 38 * len(grid.index)))
    # The programs' names (up to three lines) sit above the grid: the title is pinned to the top of the
    # figure and the margin leaves room for both, so neither covers the other.
    fig.update_layout(margin=dict(t=200), title=dict(yref="container", y=0.99, yanchor="top"))
    return fig


def places_by_group(places: pd.DataFrame, *, unit: str, title: str, subtitle: str) -> go.Figure:
    """Each group's value in several places side by side, with 95% intervals; withheld groups left out."""
    fig = go.Figure()
    symbols = ["circle", "diamond", "square", "triangle-up"]
    for i, (name, df) in enumerate(places.dropna(subset=["value"]).groupby("name", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=df["value"],
                y=df["group_label"],
                mode="markers",
                name=name,
                marker=dict(
                    size=15, symbol=symbols[i % len(symbols)], color=CATEGORICAL[i % len(CATEGORICAL)]
                ),
                error_x=whiskers(
                    df,
                    thickness=2,
                    width=6,
                ),
                customdata=shown_values(df, unit),
                hovertemplate=f"<b>{name}</b> · %{{y}}<br>%{{customdata}}<extra></extra>",
            )
        )
    fig.update_xaxes(title=_(text.UNIT_AXIS.get(unit, unit)), rangemode="tozero")
    fig.update_yaxes(title=None, autorange="reversed")
    height = max(380, 230 + 50 * places["group_label"].nunique())
    base_layout(fig, title, subtitle, height=height)
    # The legend of places sits at the foot of the figure, below the axis title, not over it.
    fig.update_layout(legend=dict(yref="container", y=0, yanchor="bottom"), margin=dict(b=120))
    return fig


def reference_lines(fig: go.Figure, lines: list[tuple[str, float, str, str]]) -> go.Figure:
    """Vertical lines (label, x, colour, dash) named in the legend below the chart, not written over
    bars where the text would be lost against them."""
    for label, x, color, dash in lines:
        fig.add_vline(x=x, line=dict(color=color, width=2.5, dash=dash))
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="lines", name=label, line=dict(color=color, width=2.5, dash=dash)
            )
        )
    fig.update_layout(showlegend=True, legend=dict(yref="container", y=0, yanchor="bottom"))
    fig.update_layout(margin=dict(b=110), height=fig.layout.height + 40)
    return fig


def share_bars(shares: pd.DataFrame, *, case_words: str, title: str, subtitle: str) -> go.Figure:
    """Each group's share of the people beside its share of the cases, as paired horizontal bars."""
    df = shares.iloc[::-1]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=df["group_label"],
            x=df["population_share"],
            orientation="h",
            name=_("Share of the people"),
            marker_color="#9db7d5",
            text=[f"{v:.0%}" for v in df["population_share"]],
            textposition="outside",
            hovertemplate=_("%{y}: %{x:.1%} of the people") + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=df["group_label"],
            x=df["case_share"],
            orientation="h",
            name=_("Share of {cases}").format(cases=case_words),
            marker_color=NEUTRAL,
            text=[f"{v:.0%}" for v in df["case_share"]],
            textposition="outside",
            hovertemplate=_("%{y}: %{x:.1%} of {cases}").replace("{cases}", case_words) + "<extra></extra>",
        )
    )
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(
        tickformat=".0%",
        rangemode="tozero",
        title=None,
        range=[0, float(max(df["case_share"].max(), df["population_share"].max())) * 1.18],
    )
    fig.update_yaxes(title=None)
    return base_layout(fig, title, subtitle, height=max(340, 130 + 60 * len(df)))


# ---- a bright room's theme ----------------------------------------------------------------------------

CONTRAST_INK = "#000000"
CONTRAST_GRID = "#6b6b6b"  # gridlines a washed-out projector still draws, 5.3:1 on white


def high_contrast(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` for a bright room, where a projector washes out everything pale: every word in
    black and bold, axes and gridlines dark, lines twice as thick, and a black outline on every bar, dot
    and area, so that a pale colour still shows its shape. Colours are kept (what each means stays the
    same, "too few to show" and "no data" among them, each with its own pattern or outline)."""
    fig = go.Figure(fig)
    ink = dict(color=CONTRAST_INK)
    fig.update_layout(
        font=ink, title_font=dict(color=CONTRAST_INK, weight="bold"), title_subtitle_font=ink,
        legend_font=ink, legend_bordercolor=CONTRAST_INK,
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
    )  # fmt: skip
    axis = dict(
        linecolor=CONTRAST_INK, linewidth=2, showline=True, gridcolor=CONTRAST_GRID, gridwidth=1,
        zerolinecolor=CONTRAST_INK, zerolinewidth=2, tickfont=ink, title_font=ink,
    )  # fmt: skip
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    for note in fig.layout.annotations or ():
        note.font.color = CONTRAST_INK
    outline = dict(color=CONTRAST_INK, width=1.5)
    for trace in fig.data:
        kind = trace.type
        if kind == "scatter":
            if "lines" in (trace.mode or "lines"):
                trace.line.width = max(4.0, 2 * (trace.line.width or 2))
            if "markers" in (trace.mode or ""):
                trace.marker.line = outline
                _bigger(trace.marker, 6)
        elif kind == "bar":
            trace.marker.line = outline
        elif kind in ("choroplethmap", "choropleth"):
            trace.marker.line = dict(color=CONTRAST_INK, width=1.2)
        elif kind in ("scattermap", "scattergeo"):
            _bigger(trace.marker, 8)
    return fig


def _bigger(marker, default: float) -> None:
    # A dot of one size grows by 3 pixels; dots sized by their data keep their sizes.
    if marker.size is None or isinstance(marker.size, (int, float)):
        marker.size = (marker.size or default) + 3


# ---- dates in the run's language ------------------------------------------------------------------------
# Plotly names months in English only (its other locales are scripts the page would have to load). In
# another language a date axis gets its ticks written here by babel, and a hover's date its words.

HOVER_DATE = re.compile(r"%\{x\|([^}]*)\}")
# strftime as the charts write it in a hover -> babel's pattern or skeleton for the same date.
HOVER_DATE_WORDS = {"%B %Y": "yMMMM", "%B %-d, %Y": "long", "%b %Y": "yMMM", "%Y": "y"}
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60)  # months between ticks
MOST_TICKS = 7


def _as_dates(values) -> pd.DatetimeIndex | None:
    if values is None or isinstance(values, str) or not len(values):
        return None
    array = np.asarray(values)
    if array.dtype.kind == "M":
        return pd.DatetimeIndex(array)
    first = next((v for v in array.tolist() if v is not None), None)
    if isinstance(first, (dt.date, pd.Timestamp)) or (
        isinstance(first, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T].*)?", first)
    ):
        return pd.DatetimeIndex(pd.to_datetime(pd.Series(array), errors="coerce"))
    return None


def _date_words(when: pd.Timestamp, pattern: str) -> str:
    if pd.isna(when):
        return ""
    day = when.date()
    if pattern in ("long", "medium", "short", "full"):
        return i18n.date(day, pattern)
    return i18n.skeleton(day, pattern)


def month_ticks(first: pd.Timestamp, last: pd.Timestamp) -> tuple[list[str], list[str]]:
    """Ticks for a date axis from ``first`` to ``last``: a month's first day every 1, 2, 3, 6, 12, 24 or
    60 months (at most seven), as ISO dates and as this run's language writes them ('jul 2022', or the
    year alone from a tick a year)."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((s for s in TICK_STEPS if months / s <= MOST_TICKS), TICK_STEPS[-1])
    start = pd.Timestamp(year=first.year, month=1, day=1)
    ticks = [
        t for t in pd.date_range(start, last + pd.offsets.MonthBegin(1), freq=f"{step}MS")
        if first - pd.Timedelta(days=16) <= t <= last + pd.Timedelta(days=16)
    ]  # fmt: skip
    pattern = "y" if step >= 12 else "yMMM"
    return [t.strftime("%Y-%m-%d") for t in ticks], [_date_words(t, pattern) for t in ticks]


def dates_in_language(fig: go.Figure) -> go.Figure:
    """``fig`` (changed in place, and returned) with its date axes' ticks and its hovers' dates in this
    run's language; in English as it was."""
    if i18n.lang() == "en":
        return fig
    spans: dict[str, list[pd.Timestamp]] = {}
    for trace in fig.data:
        dates = _as_dates(getattr(trace, "x", None))
        if dates is None or dates.isna().all():
            continue
        axis = "xaxis" + (getattr(trace, "xaxis", None) or "x")[1:]
        spans.setdefault(axis, []).extend([dates.min(), dates.max()])
        template = getattr(trace, "hovertemplate", None)
        if isinstance(template, str) and HOVER_DATE.search(template):
            _hover_dates(trace, template, dates)
    for axis, ends in spans.items():
        values, words = month_ticks(min(ends), max(ends))
        if values:
            fig.layout[axis].update(tickmode="array", tickvals=values, ticktext=words)
    return fig


def _hover_dates(trace, template: str, dates: pd.DatetimeIndex) -> None:
    # Each hover's date goes into a column of its own at the end of customdata, which the template names.
    data = trace.customdata
    if data is None:
        rows = [[] for _ in dates]
    else:
        single = len(data) and not isinstance(data[0], (list, tuple, np.ndarray))
        rows = [[r] if single else list(r) for r in data]
        if single:
            template = template.replace("%{customdata}", "%{customdata[0]}")
        if len(rows) != len(dates):
            return
    width = max(map(len, rows), default=0)
    rows = [r + [None] * (width - len(r)) for r in rows]
    patterns = HOVER_DATE.findall(template)
    for pattern in patterns:
        words = HOVER_DATE_WORDS.get(pattern, "yMMMM")
        for r, when in zip(rows, dates, strict=True):
            r.append(_date_words(when, words))
    column = iter(range(width, width + len(patterns)))
    trace.hovertemplate = HOVER_DATE.sub(lambda _m: f"%{{customdata[{next(column)}]}}", template)
    trace.customdata = np.array(rows, dtype=object)
