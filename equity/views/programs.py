"""The programs page: a program's results against its targets, and whether its reach follows need."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import charts, metrics, text


@dataclass
class ProgramsView:
    intro: str  # Markdown, names from data escaped
    results: pd.DataFrame  # the program's monthly results, periods as dates: the download
    met: int  # measures whose latest result met its target
    measures: int  # measures with a latest result
    takeaway: str | None  # None where no measure has a result yet
    cards: list[tuple[str, str, str]]  # label, latest result, against its target
    figures: list[tuple[str, go.Figure]]  # (chart key, figure), one per measure
    reach_heading: str
    reach_takeaway: str | None = None
    no_reach: str | None = None  # said instead of the reach chart when no one was served
    reach_figure: go.Figure | None = None
    table: pd.DataFrame = field(default_factory=pd.DataFrame)  # all programs


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
    table = programs.rename(columns=text.PROGRAM_COLUMNS)[list(text.PROGRAM_COLUMNS.values())].copy()
    for column in ("Started", "Last report"):
        table[column] = pd.to_datetime(table[column]).dt.date
    return table


def view(
    programs: pd.DataFrame,
    current: str,
    results: pd.DataFrame,
    reach: pd.DataFrame,
    *,
    ind_label: str,
    ind_unit: str,
    measure_type: str,
    higher_is_worse: bool,
    year: int,
    place: str,
    source: str,
    min_count: int,
) -> ProgramsView:
    """What the programs page shows for program ``current`` (a program_id in ``programs``).

    ``results`` is the query program_results, ``reach`` program_reach for the indicator (label, unit,
    measure type, direction) and year chosen; ``place`` names the region, ``source`` the indicator's.
    """
    p = programs.set_index("program_id").loc[current]
    name, lead = p["name"], p["lead_partner"]
    results = results.assign(period=pd.to_datetime(results["period"]))

    latest = latest_results(results)
    met, measures = int(latest["met"].sum()), len(latest)
    no_target = int(latest["status"].eq("no_target").sum())
    takeaway = (
        text.results_takeaway(name, met, measures - no_target, no_target, latest["period"].max())
        if measures
        else None
    )
    cards = [
        (
            r.label,
            text.result_value(r.value, r.unit),
            text.target_note(r.status, r.target, r.unit, bool(r.higher_is_better), r.period),
        )
        for r in latest.itertuples()
    ]
    figures = []
    for metric_id, df in results.groupby("metric_id", sort=False):
        first = df.iloc[0]
        withheld = bool(df["few_people"].fillna(False).any()) if "few_people" in df else False
        no_target = bool((df["value"].notna() & df["target"].isna()).any())
        fig = charts.results_against_target(
            df,
            label=first.label,
            unit=first.unit,
            higher_is_better=bool(first.higher_is_better),
            title=text.result_title(first.label, bool(first.higher_is_better)),
            subtitle=charts.source_line(
                text.monthly_reports(lead),
                text.month_range(df["period"].min(), df["period"].max()),
                text.result_marks(no_target, withheld, min_count),
            ),
        )
        figures.append((f"results_{metric_id}", fig))

    out = ProgramsView(
        intro=text.program_intro(name, p["description"], lead, p["start_date"], p["sites"]),
        results=results,
        met=met,
        measures=measures,
        takeaway=takeaway,
        cards=cards,
        figures=figures,
        reach_heading=text.reach_heading(ind_label, year),
        table=program_table(programs),
    )
    summary = metrics.reach_in_high_need(reach, bool(higher_is_worse))
    if summary["share"] is None:
        out.no_reach = text.no_reach(name, place, year)
        return out
    out.reach_takeaway = text.reach_takeaway(
        name, year, summary["share"], ind_label, summary["high_need_share_of_pop"]
    )
    out.reach_figure = charts.reach_against_need(
        reach,
        x_title=text.need_axis(ind_label, ind_unit, measure_type),
        title=text.REACH_TITLE,
        subtitle=charts.source_line(text.reach_sources(lead, source), year, text.withheld_reach(min_count)),
    )
    return out
