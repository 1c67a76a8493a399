"""The partnerships page's engagement sections: who was at the table in each stage of each program,
whether each body meets as often as it agreed and who comes, the capacity built in community partners,
and the successes to celebrate. The rules and words are equity.engagement's; no Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from equity import charts, text
from equity import engagement as e
from equity.i18n import _
from equity.safety import md

__all__ = ["EngagementView", "body_choices", "view", "year_choices"]

# The stage grid's shades: not recorded, none, too few to show, counted (light to dark, so it reads in
# grey too), with the words written in every cell.
GRID_SHADES = {e.NOT_RECORDED: 0, e.NONE: 1, e.TOO_FEW: 2}  # English: translated where compared
GRID_COLORS = ["#ffffff", "#fbe3d6", "#c6dbef", "#6baed6"]
SUCCESS_SYMBOLS = {
    "target_met": "star",
    "commitment_kept": "circle",
    "site_opened": "square",
    "program_launched": "diamond",
    "funding_secured": "triangle-up",
    "other": "hexagon",
}


@dataclass
class Section:
    takeaway: str
    figure: go.Figure | None
    tables: list[pd.DataFrame]  # for st.table: Markdown-escaped
    download: pd.DataFrame
    note: str = ""


@dataclass
class EngagementView:
    stages: Section | None
    no_stages: str | None
    who: str
    cadence: Section | None  # the cadence table and the meetings record (tables[1]), with gaps in words
    gaps: list[str]  # each gap flagged, in words
    attendance: Section | None
    no_meetings: str | None
    bodies: dict[str | None, str]  # the meetings record's choice: None for every body
    body: str | None
    capacity: Section | None
    no_trainings: str | None
    successes: Section | None
    no_successes: str | None
    years: dict[str | None, str]  # the successes' choice: None for every year
    year: str | None


def _escaped(df: pd.DataFrame) -> pd.DataFrame:
    """A frame for st.table, which renders Markdown: every text cell shown as typed."""
    return df.map(lambda v: md(v) if isinstance(v, str) else v)


def body_choices(bodies: pd.DataFrame) -> dict[str | None, str]:
    """The meetings record's choices (the URL's ``body=``): every body, or one."""
    return {None: _(e.ALL_BODIES), **dict(zip(bodies["body_id"], bodies["name"], strict=True))}


def year_choices(found: pd.DataFrame) -> dict[str | None, str]:
    """The successes' choices (the URL's ``myear=``): every year, or one with a success, newest first."""
    years = sorted({int(d.year) for d in found["date"]}, reverse=True) if len(found) else []
    return {None: _(e.ALL_YEARS), **{str(y): str(y) for y in years}}


def stage_grid(table: pd.DataFrame, who: str, *, title: str, subtitle: str) -> go.Figure:
    """Programs (rows, with when each brought the community in) by stage, each cell saying its count."""
    words = e.stage_cells(table, who)
    shades = {_(w): n for w, n in GRID_SHADES.items()}
    shade = words.map(lambda w: shades.get(w, 3))
    when = [_(e.TIMING_WORDS[e.timing(table.loc[p])]) for p in table.index]
    rows = [
        f"{p}<br><span style='font-size:14px;color:#4a4f55'>{w}</span>"
        for p, w in zip(table.index, when, strict=True)
    ]
    scale = []
    for i, color in enumerate(GRID_COLORS):
        scale += [[i / len(GRID_COLORS), color], [(i + 1) / len(GRID_COLORS), color]]
    fig = go.Figure(
        go.Heatmap(
            z=shade.to_numpy(),
            x=[_(e.STAGE_WORDS[s]) for s in e.STAGES],
            y=rows,
            zmin=-0.5,
            zmax=3.5,
            colorscale=scale,
            showscale=False,
            text=words.to_numpy(),
            texttemplate="%{text}",
            textfont=dict(size=17, color=charts.INK),
            xgap=3,
            ygap=3,
            hovertemplate="<b>%{y}</b><br>%{x}: %{text} (" + _(e.WHO_WORDS[who]).lower() + ")<extra></extra>",
        )
    )
    fig.update_xaxes(side="top", showgrid=False, tickfont=dict(size=15), title=None)
    fig.update_yaxes(autorange="reversed", showgrid=False, title=None)
    fig = charts.base_layout(fig, title, subtitle, height=max(420, 170 + 62 * len(rows)))
    fig.update_layout(margin=dict(t=150), title=dict(yref="container", y=0.98, yanchor="top"))
    return fig


def _stages(stages: pd.DataFrame, who: str, as_of: str, min_count: int) -> Section:
    table = e.stage_table(stages)
    title = (
        _("Community members who took part in each stage of each program")
        if who == "community"
        else _("Partners who took part in each stage of each program")
    )
    when = e.as_of_words(as_of)
    fig = stage_grid(table, who, title=title, subtitle=charts.source_line(_(e.ENGAGEMENT_SOURCE), when))
    words = e.stage_cells(table, who).rename(columns=e.words(e.STAGE_WORDS))
    words.insert(0, _("Program"), list(table.index))
    words[_("Community at the table")] = [_(e.TIMING_WORDS[e.timing(table.loc[p])]) for p in table.index]
    small = text.small_counts(min_count)
    return Section(
        takeaway=e.stage_takeaway(table),
        figure=fig,
        tables=[_escaped(words.reset_index(drop=True))],
        download=e.stage_download(table),
        note=_(e.ENGAGEMENT_RULE).format(small=small),
    )


def _meetings(bodies, meetings, attended, as_of: str, body: str | None):
    table = e.cadence(bodies, meetings, as_of)
    chosen = meetings if body is None else meetings[meetings["body_id"] == body]
    behind = table[table["behind"]]
    gaps = [e.gap_sentence(r) for _, r in behind.iterrows()]
    when = e.as_of_words(as_of)
    cadence = Section(
        takeaway=e.cadence_takeaway(table, as_of),
        figure=None,
        tables=[_escaped(e.cadence_rows(table)), _escaped(e.meeting_rows(chosen))],
        download=table.assign(
            gap_in_words=[e.gap_sentence(r) if r["behind"] else "" for _, r in table.iterrows()]
        ),
        note=_(e.CADENCE_RULE).format(as_of=when),
    )
    record = e.attendance(attended, meetings, bodies)
    attendance = None
    if len(record):
        fig = go.Figure(
            go.Bar(
                y=list(record["partner"]),
                x=list(record["share"] * 100),
                orientation="h",
                marker=dict(color=charts.NEUTRAL),
                text=[
                    _("{share} ({attended} of {of})").format(share=f"{s:.0%}", attended=a, of=o)
                    for s, a, o in zip(record["share"], record["attended"], record["of"], strict=True)
                ],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
            )
        )
        fig.update_yaxes(autorange="reversed", title=None)
        # Room at the right for the longest label ('100% (69 of 69)') on a 1280-pixel screen.
        fig.update_xaxes(
            title=_(e.ATTENDANCE_AXIS),
            range=[0, 140],
            tickvals=[0, 25, 50, 75, 100],
            ticktext=["0%", "25%", "50%", "75%", "100%"],
        )
        fig = charts.base_layout(
            fig,
            _(e.ATTENDANCE_TITLE),
            charts.source_line(_(e.MEETINGS_SOURCE), when),
            height=170 + 30 * len(record),
        )
        table_words = pd.DataFrame(
            {
                _("Partner"): record["partner"],
                _("Meetings attended"): record["attended"],
                _("Of meetings since it first came"): record["of"],
                _("Share"): [f"{s:.0%}" for s in record["share"]],
            }
        )
        attendance = Section(
            takeaway=e.attendance_takeaway(record),
            figure=fig,
            tables=[_escaped(table_words)],
            download=record,
            note=_(e.ATTENDANCE_RULE),
        )
    return cadence, gaps, attendance


def _capacity(trainings: pd.DataFrame) -> Section:
    by_partner = e.capacity_by_partner(trainings)
    years = pd.to_datetime(trainings["held_on"]).dt.year
    span = str(years.min()) if years.min() == years.max() else f"{years.min()}–{years.max()}"
    fig = go.Figure()
    for i, (kind, words) in enumerate(e.words(e.TRAINING_KIND_WORDS).items()):
        if not by_partner[kind].any():
            continue
        fig.add_trace(
            go.Bar(
                y=list(by_partner["partner"]),
                x=list(by_partner[kind]),
                name=words,
                orientation="h",
                marker=dict(color=charts.CATEGORICAL[i], line=dict(color=charts.INK, width=1)),
                hovertemplate="<b>%{y}</b><br>" + words + ": " + _("%{x:,.0f} hours") + "<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=_(e.CAPACITY_AXIS), rangemode="tozero")
    fig = charts.base_layout(
        fig,
        _(e.CAPACITY_TITLE),
        charts.source_line(_(e.CAPACITY_SOURCE), span),
        height=260 + 34 * len(by_partner),
    )
    # The key above the bars, so it never covers the axis's title below them.
    fig.update_layout(legend=dict(yanchor="bottom", y=1.01), margin=dict(t=130))
    download = trainings.drop(columns=["few_participants"])
    return Section(
        takeaway=e.capacity_takeaway(trainings, by_partner),
        figure=fig,
        tables=[_escaped(e.capacity_rows(by_partner)), _escaped(e.training_rows(trainings))],
        download=download,
        note=_(
            "Participants are counted, never named; a count under the small-count rule reads “Too few to "
            "show”, and a partner's total says “at least” the counts that are shown."
        ),
    )


def success_timeline(shown: pd.DataFrame, *, title: str, subtitle: str) -> go.Figure:
    """Successes on a timeline: one lane per kind, a mark per success, its title on hover."""
    fig = go.Figure()
    lanes = [k for k in e.SUCCESS_KINDS if (shown["kind"] == k).any()]
    names = {k: f"{_(e.SUCCESS_WORDS[k])} ({int((shown['kind'] == k).sum())})" for k in lanes}
    for i, kind in enumerate(lanes):
        rows = shown[shown["kind"] == kind]
        fig.add_trace(
            go.Scatter(
                x=list(rows["date"]),
                y=[names[kind]] * len(rows),
                mode="markers",
                name=_(e.SUCCESS_WORDS[kind]),
                marker=dict(
                    symbol=SUCCESS_SYMBOLS[kind],
                    size=18,
                    color=charts.CATEGORICAL[i % len(charts.CATEGORICAL)],
                    line=dict(color=charts.INK, width=1),
                ),
                customdata=list(rows["title"]),
                hovertemplate="<b>%{customdata}</b><br>" + _("%{x|%B %-d, %Y}") + "<extra></extra>",
            )
        )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=[names[k] for k in lanes[::-1]], title=None
    )
    fig.update_xaxes(title=_("Date reached"), type="date")
    fig.update_layout(showlegend=False)
    return charts.base_layout(fig, title, subtitle, height=200 + 55 * len(lanes))


def _successes(found: pd.DataFrame, chosen: str | None) -> Section:
    year = None if chosen is None else int(chosen)
    shown = found if year is None else found[found["date"].dt.year == year]
    title = _(e.SUCCESS_TITLE) if year is None else _("Successes in {year}").format(year=year)
    first, last = shown["date"].min().year, shown["date"].max().year
    span = year or (str(first) if first == last else f"{first}–{last}")
    fig = success_timeline(shown, title=title, subtitle=charts.source_line(_(e.SUCCESS_SOURCE), span))
    download = shown.assign(
        kind_in_words=shown["kind"].map(e.words(e.SUCCESS_WORDS)),
        source=shown["source"].map(e.words(e.SUCCESS_FROM)),
    )
    return Section(
        takeaway=e.success_takeaway(shown, year),
        figure=fig,
        tables=[_escaped(e.success_rows(shown))],
        download=download.assign(date=download["date"].dt.date),
    )


def view(
    *,
    stages: pd.DataFrame,
    bodies: pd.DataFrame,
    meetings: pd.DataFrame,
    attended: pd.DataFrame,
    trainings: pd.DataFrame,
    found: pd.DataFrame,
    as_of: str,
    min_count: int,
    who: str = "community",
    body: str | None = None,
    year: str | None = None,
) -> EngagementView:
    """What the engagement sections show. The frames are the queries of those names (``found``:
    equity.engagement.successes); ``who`` what the stage grid counts, ``body`` whose meetings the record
    lists (None: every body's), ``year`` the successes shown (None: every year)."""
    recorded = stages.dropna(subset=["stage"]) if len(stages) else stages
    cadence = gaps = attendance = None
    if len(bodies):
        cadence, gaps, attendance = _meetings(bodies, meetings, attended, as_of, body)
    return EngagementView(
        stages=_stages(stages, who, as_of, min_count) if len(recorded) else None,
        no_stages=None if len(recorded) else _(e.NO_ENGAGEMENT),
        who=who,
        cadence=cadence,
        gaps=gaps or [],
        attendance=attendance,
        no_meetings=None if len(bodies) else _(e.NO_MEETINGS),
        bodies=body_choices(bodies),
        body=body,
        capacity=_capacity(trainings) if len(trainings) else None,
        no_trainings=None if len(trainings) else _(e.NO_TRAININGS),
        successes=_successes(found, year) if len(found) else None,
        no_successes=None if len(found) else _(e.NO_SUCCESSES),
        years=year_choices(found),
        year=year,
    )
