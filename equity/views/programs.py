"""The programs page: the coalition's results scorecard, each program's scorecard and monthly results
against its targets, and whether its reach follows need."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import charts, i18n, metrics, scorecard, text
from equity.i18n import N_, _

RESULT_COLUMNS = ["period", "value", "target", "few_people"]  # a results chart's table


@dataclass
class Section:
    """One question of a program's scorecard: its heading, and its table or the sentence said instead."""

    question: str | None
    heading: str  # plain text
    table: pd.DataFrame | None  # text.SCORECARD_COLUMNS, plain text; None where no measure answers it
    empty: str | None = None


@dataclass
class ProgramsView:
    intro: str  # Markdown, names from data escaped
    results: pd.DataFrame  # the program's monthly results, periods as dates: the download
    met: int  # measures whose latest result met its target
    measures: int  # measures with a latest result
    takeaway: str | None  # None where no measure has a result yet
    headline: str  # the program's scorecard in a sentence, led by whether anyone is better off
    scorecard_heading: str
    sections: list[Section]  # better off first
    scorecard_note: str
    coalition_takeaway: str
    coalition: pd.DataFrame  # text.COALITION_COLUMNS, one row per program, plain text: drawn and downloaded
    figures: list[tuple[str, go.Figure]]  # (chart key, figure), one per measure, in the scorecard's order
    figure_data: dict[str, pd.DataFrame]  # chart key -> the months it draws, for its table
    reach_heading: str
    reach_takeaway: str | None = None
    no_reach: str | None = None  # said instead of the reach chart when no one was served
    reach_figure: go.Figure | None = None
    table: pd.DataFrame = field(default_factory=pd.DataFrame)  # all programs
    records: str = ""  # whose records the results and reach come from, for the downloads' citation
    results_title: str = ""  # what the results download holds


# The words equity.charts writes into the results and reach charts (in English), said here in this run's
# language: the charts are drawn in English, then their words looked up (see in_language).
CHART_WORDS = (
    N_("Target"),
    N_("Result"),
    text.TOO_FEW,
    N_("Percent"),
    N_("Count"),
    N_("%{x|%B %Y}: too few to show<extra></extra>"),
    N_("<b>%{customdata[0]}</b><br>need %{x:,.1f}<br>served %{y:,}<extra></extra>"),
)


def in_language(fig: go.Figure) -> go.Figure:
    """A chart of equity.charts with its legend names, hover texts and axis titles in this run's
    language (English unchanged)."""
    if i18n.lang() == "en":
        return fig
    for trace in fig.data:
        if trace.name:
            trace.name = _(trace.name)
        if getattr(trace, "hovertemplate", None):
            trace.hovertemplate = _(trace.hovertemplate)
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.title and axis.title.text:
            axis.title.text = _(axis.title.text)
    return fig


def scorecard_table(measures: list[scorecard.Measure]) -> pd.DataFrame:
    """A question's measures as the scorecard lists them: latest, the last months' shape, trend, target,
    on track, in plain words (text.SCORECARD_COLUMNS)."""
    rows = [
        (
            m.label,
            text.latest_words(m),
            text.sparkline(m.spark, *m.spark_range),
            text.trend_words(m.trend, m.unit, m.higher_is_better, scorecard.TREND_MONTHS),
            text.target_words(m.target, m.unit, m.higher_is_better),
            text.on_track_words(m),
        )
        for m in measures
    ]
    return pd.DataFrame(rows, columns=text.scorecard_columns())


def sections(measures: list[scorecard.Measure]) -> list[Section]:
    """A program's scorecard, one section per question, "Is anyone better off?" first."""
    return [
        Section(
            q,
            text.question_title(q),
            scorecard_table(rows) if rows else None,
            None if rows else _(text.NO_MEASURE),
        )
        for q, rows in scorecard.by_question(measures).items()
    ]


def coalition_row(name: str, measures: list[scorecard.Measure]) -> tuple[str, ...]:
    """One program in the coalition's scorecard: its better-off headline first, then how well and how
    much, each as a count of its measures by where they stand."""
    asked = scorecard.by_question(measures)
    top = scorecard.headline(measures)
    if top is None:
        said = any(m.question is not None for m in measures)
        better_off = (_(text.NO_BETTER_OFF if said or not measures else text.UNSAID_BETTER_OFF), "", "")
    else:
        better_off = (
            text.headline_words(top, len(asked["better_off"]) - 1),
            text.trend_words(top.trend, top.unit, top.higher_is_better, scorecard.TREND_MONTHS, short=True),
            text.on_track_words(top),
        )
    tallies = [text.tally_words(scorecard.tally(asked[q]), len(asked[q])) for q in ("how_well", "how_much")]
    return (name, *better_off, *tallies)


def coalition(programs: pd.DataFrame, results: pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """The coalition's scorecard, one row per program in the page's order, and its sentence.

    ``results`` is the query program_results_all (every program's monthly results, small counts withheld).
    """
    every = scorecard.measures(results)
    of_program = dict(zip(results["metric_id"], results["program_id"], strict=False))
    rows = [
        coalition_row(p.name, [m for m in every if of_program.get(m.metric_id) == p.program_id])
        for p in programs.itertuples()
    ]
    better_off = [m for m in every if m.question == "better_off"]
    unsaid = sum(m.question is None for m in every)
    sentence = text.coalition_takeaway(len(programs), scorecard.tally(better_off), len(better_off), unsaid)
    return sentence, pd.DataFrame(rows, columns=text.coalition_columns())


def latest_results(results: pd.DataFrame) -> pd.DataFrame:
    """Each measure's latest reported result, with its ``status`` against its target by the one rule
    (metrics.target_status: met, missed or no target set) and ``met`` where it met it."""
    latest = results.dropna(subset=["value"]).sort_values("period").groupby("metric_id").tail(1)
    status = [metrics.target_status(r.value, r.target, bool(r.higher_is_better)) for r in latest.itertuples()]
    status = pd.Series(status, index=latest.index, dtype=object)
    return latest.assign(status=status, met=status.eq("met"))


def program_table(programs: pd.DataFrame) -> pd.DataFrame:
    """Every program as the page lists them; dates as dates (a DATE reaches pandas as a timestamp, which
    the table would show with a midnight time)."""
    headings = {key: _(words) for key, words in text.PROGRAM_COLUMNS.items()}
    table = programs.rename(columns=headings)[list(headings.values())].copy()
    for key in ("start_date", "last_reported"):
        table[headings[key]] = pd.to_datetime(table[headings[key]]).dt.date
    return table


def view(
    programs: pd.DataFrame,
    current: str,
    results: pd.DataFrame,
    reach: pd.DataFrame,
    *,
    all_results: pd.DataFrame,
    ind_label: str,
    ind_unit: str,
    measure_type: str,
    higher_is_worse: bool,
    year: int,
    place: str,
    source: str,
    min_count: int,
    level: str = "tract",
    reach_year=None,
) -> ProgramsView:
    """What the programs page shows for program ``current`` (a program_id in ``programs``), whose reach is
    recorded by area at ``level``.

    ``results`` is the query program_results, ``all_results`` program_results_all (the coalition's
    scorecard), ``reach`` program_reach for the indicator (label, unit, measure type, direction) and year
    chosen; ``place`` names the region, ``source`` the indicator's.
    """
    p = programs.set_index("program_id").loc[current]
    name, lead = p["name"], p["lead_partner"]
    results = results.assign(period=pd.to_datetime(results["period"]))

    latest = latest_results(results)
    met = int(latest["met"].sum())
    no_target = int(latest["status"].eq("no_target").sum())
    takeaway = (
        text.results_takeaway(name, met, len(latest) - no_target, no_target, latest["period"].max())
        if len(latest)
        else None
    )
    measures = scorecard.measures(results)
    coalition_takeaway, coalition_table = coalition(programs, all_results)
    figures, figure_data = [], {}
    for m in measures:  # in the scorecard's order: better off first
        df = results[results["metric_id"] == m.metric_id]
        withheld = bool(df["few_people"].fillna(False).any()) if "few_people" in df else False
        unset = bool((df["value"].notna() & df["target"].isna()).any())  # months with no target
        missed = any(
            metrics.met_target(v, t, m.higher_is_better) is False
            for v, t in zip(df["value"], df["target"], strict=True)
        )
        fig = charts.results_against_target(
            df,
            label=m.label,
            unit=m.unit,
            higher_is_better=m.higher_is_better,
            title=text.result_title(m.label, m.higher_is_better),
            subtitle=charts.source_line(
                text.monthly_reports(lead),
                text.month_range(df["period"].min(), df["period"].max()),
                text.result_marks(missed, unset, withheld, min_count),
            ),
        )
        figures.append((f"results_{m.metric_id}", in_language(fig)))
        # its months, as drawn: the title says the measure, the scorecard its question
        figure_data[f"results_{m.metric_id}"] = df[[c for c in RESULT_COLUMNS if c in df.columns]]

    out = ProgramsView(
        intro=text.program_intro(name, p["description"], lead, p["start_date"], p["sites"]),
        results=results,
        met=met,
        measures=len(latest),
        takeaway=takeaway,
        headline=text.scorecard_headline(name, scorecard.headline(measures), scorecard.TREND_MONTHS),
        scorecard_heading=text.program_scorecard_heading(name),
        sections=sections(measures),
        scorecard_note=text.scorecard_note(
            scorecard.TREND_MONTHS, scorecard.STEADY_POINTS, scorecard.STEADY_SHARE, min_count
        ),
        coalition_takeaway=coalition_takeaway,
        coalition=coalition_table,
        figures=figures,
        figure_data=figure_data,
        reach_heading=text.reach_heading(ind_label, year, reach_year),
        table=program_table(programs),
        records=text.monthly_reports(lead),
        results_title=text.results_download(name),
    )
    summary = metrics.reach_in_high_need(reach, bool(higher_is_worse))
    if summary["share"] is None:
        out.no_reach = text.no_reach(name, place, year if reach_year is None else reach_year)
        return out
    out.reach_takeaway = text.reach_takeaway(
        name, year if reach_year is None else reach_year, summary["share"], ind_label,
        summary["high_need_share_of_pop"], level,
    )  # fmt: skip
    out.reach_figure = in_language(
        charts.reach_against_need(
            reach,
            x_title=text.need_axis(ind_label, ind_unit, measure_type),
            title=_(text.REACH_TITLE).format(**text.area_words(level)),
            subtitle=charts.source_line(
                text.reach_sources(lead, source),
                text.reach_years(year if reach_year is None else reach_year, year),
                text.withheld_reach(min_count),
            ),
            y_title=_("People served"),
        )
    )
    return out


# ---- the page's parts: one shown at a time, so that a meeting reads one part and the page draws only
# what it shows (the whole page drew 10 charts and 3 maps, 16 s before it was whole). The part is in the
# address (part=); a chart's link opens the part that holds it (ui.part).
PARTS = {
    "results": N_("Results and scorecards"),
    "impact": N_("Did it work?"),
    "reach": N_("Who we reach"),
}
CHART_PART = {
    "results_": "results", "impact_event": "impact", "impact_its": "impact", "reach": "reach",
    "reach_map": "reach", "reach_groups": "reach", "reach_sites": "reach",
}  # fmt: skip
