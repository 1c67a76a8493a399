"""The Programs page's "Did it work?": for each indicator a program aims to move (program_indicators), the
areas it serves against comparison areas before and after it began (difference-in-differences, an event
study and the parallel-trends check), never on model-based estimates (CDC PLACES); and, for its monthly
results, an interrupted time series around a change it records, drawn as "turn the curve".

The estimators are equity.impact's. Every word this section says is in the WORDS part below, in one place
to translate; sentences are plain text (the page escapes them where it draws them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import charts, impact, text
from equity.i18n import N_, _, ngettext
from equity.impact import Unestimable

# ---- WORDS -------------------------------------------------------------------------------------------

HEADING = N_("Did it work?")
INTRO = N_(
    "For each indicator a program aims to move, the areas it serves are compared with the other areas of "
    "the same kind in the region, before and after it began: if the served areas improved more than the "
    "others, the program may be part of why. Each estimate comes with its 95% interval."
)
AIM_LABEL = N_("Indicator the program aims to move")
METRIC_LABEL = N_("Monthly result")
CHANGE_LABEL = N_("Compared before and after")
NO_AIM = N_("none (the program names no indicators)")
ITS_HEADING = N_("Monthly results: did the curve turn?")
NO_AIMS = N_(
    "{program} names no indicators it aims to move, so there is nothing to compare yet. Add rows to the "
    "program_indicators table (template on the Data & methods page): the program, and each indicator it "
    "means to move."
)
NOT_LOADED = N_(
    "{program} aims to move the indicator “{ind}”, which this database does not hold. Load its data (the "
    "Data & methods page lists what is loaded), or correct the indicator_id in program_indicators."
)
MODEL_BASED = N_(
    "{label} comes from CDC PLACES: model-based estimates computed from national surveys and each area's "
    "make-up (age, sex, race and ethnicity, education, poverty), not measured in the area. CDC warns that "
    "these estimates should not be used to evaluate the effect of local programs, policies or "
    "interventions, nor to track local change over time, so no estimate of {program}'s effect is made "
    "from them."
)
OFFER_AIMS = N_("Directly measured indicators {program} aims to move: {names}. Choose one above.")
OFFER_OTHERS = N_(
    "None of the indicators {program} names is measured directly. Indicators in this database that are: "
    "{names}. Name one in program_indicators to compare."
)
NO_DIRECT = N_(
    "This database holds no directly measured indicators (surveys, vital records, hospital data, the "
    "organisation's own counts) to compare instead."
)
CAVEAT = N_(
    "This is an association, not proof: the served areas may differ from the others in ways that changed "
    "at the same time."
)
ABOUT_ESTIMATE = N_(
    "How: a regression of each area's yearly value on area and year effects and a served-after-start "
    "term (difference-in-differences), with errors clustered by area; {served} served and {comparison} "
    "comparison areas ({level}), {pre} before and {post} from the start year on. Served areas are those "
    "the program's reach table records people from. Withheld values are left out."
)
TRENDS_ONE_YEAR = N_(
    "Whether the served and comparison areas moved alike before {program} began cannot be checked: there "
    "is only one year of data before {start} ({year}). Read the estimate with more care."
)
TRENDS_ALIKE = N_(
    "Before {program} began, the served and comparison areas moved alike: the gaps in the years before "
    "{start} do not differ from the gap the year before it by more than chance (F test, p = {p}), as a fair "
    "comparison needs."
)
TRENDS_APART = N_(
    "Before {program} began, the served areas were already moving differently from the comparison areas "
    "(the gaps in the years before {start} differ, F test p = {p}), so the estimate may show that "
    "difference rather than the program's."
)
UNESTIMABLE = {
    "no_values": N_("There are no values of {label} in {place} to compare, so no estimate can be made."),
    "few_pre": N_(
        "There are no values of {label} from before {program} began in {start}, so there is nothing "
        "to compare the change with."
    ),
    "few_post": N_(
        "There are no values of {label} from {start} on, the year {program} began, so it is too soon to say."
    ),
    "few_served": N_(
        "Values of {label} both before and after {program} began are held for only {have} of the areas "
        "it serves in {place}; an estimate with an honest interval needs at least {need}. (Served areas "
        "are those its reach table records people from.)"
    ),
    "few_comparison": N_(
        "Values of {label} before and after {program} began are held for only {have} other areas in "
        "{place}; a fair comparison needs at least {need}. Choose a larger region."
    ),
}
ITS_UNESTIMABLE = {
    "no_values": N_("{metric} has no results to show yet."),
    "few_pre": N_(
        "{metric} has {have} months of results before {change}; a trend to project needs at least {need}."
    ),
    "few_post": N_(
        "{metric} has {have} months of results from {change} on; at least {need} are needed to "
        "say whether the curve turned."
    ),
    "no_change": N_(
        "{program} records no change to compare its results before and after, and its results "
        "begin when it did. Add a dated change (program_changes: the program, the first day, what changed) "
        "to see whether the curve turned."
    ),
}
NO_RESULTS = N_("{program} has no monthly results yet.")
ITS_ABOUT = N_(
    "How: a segmented regression of the monthly results ({pre} months before, {post} from the change) with "
    "a level change and a slope change counted from the change, and errors that allow for neighbouring "
    "months running together (Newey-West, {lags} lags). The baseline forecast is the line before the "
    "change, projected forward. Months too few to show are left out."
)
START_CHOICE = N_("The program's start, {date}")


UNIT_AFTER = {
    "percent": N_(" points"),
    "per_100k": N_(" per 100,000"),
    "per_1k": N_(" per 1,000"),
    "years": N_(" years"),
}
UNIT_AFTER["dollars"] = N_(" dollars")


def _num(x: float) -> str:
    return f"{abs(x):,.0f}" if abs(x) >= 100 else f"{abs(x):,.1f}"


def _amount(x: float, unit: str) -> str:
    """A difference as read aloud, without its sign: '3.1 points' for a percent, '38 per 1,000'."""
    return _num(x) + _(UNIT_AFTER.get(unit, ""))


def _signed(x: float, unit: str = "") -> str:
    """A difference with its sign: '−0.6 points', '+4.6 points'; without ``unit``, the number alone."""
    return ("−" if x < 0 else "+") + (_amount(x, unit) if unit else _num(x))


def _ci(lo: float, hi: float, unit: str) -> str:
    """'95% CI −1.4 to +0.1 points'."""
    return _("95% CI {low} to {high}").format(low=_signed(lo), high=_signed(hi, unit))


def did_takeaway(program: str, label: str, unit: str, est: impact.Did) -> str:
    """The estimate in one sentence, with its interval and the caveat."""
    subject = text.lower_first(label)
    lo, hi = est.ci_low, est.ci_high
    if lo > 0 or hi < 0:
        a, b = sorted((abs(lo), abs(hi)))
        words = (
            _(
                "Where {program} works, {subject} fell {amount} more than elsewhere "
                "(95% CI {low} to {high}); this is an association, not proof."
            )
            if est.estimate < 0
            else _(
                "Where {program} works, {subject} rose {amount} more than elsewhere "
                "(95% CI {low} to {high}); this is an association, not proof."
            )
        )
        return words.format(
            program=program,
            subject=subject,
            amount=_amount(est.estimate, unit),
            low=_num(a),
            high=_amount(b, unit),
        )
    return _(
        "Where {program} works, {subject} changed about as much as elsewhere: the difference, "
        "{difference} ({ci}), could be chance."
    ).format(program=program, subject=subject, difference=_signed(est.estimate, unit), ci=_ci(lo, hi, unit))


def trends_words(program: str, start: int, study: impact.EventStudy) -> str:
    if study.trends is None:
        return _(TRENDS_ONE_YEAR).format(program=program, start=start, year=start - 1)
    p = f"{study.trends.p:.2f}" if study.trends.p >= 0.01 else "< 0.01"
    words = TRENDS_ALIKE if study.trends.p >= impact.Z else TRENDS_APART
    return _(words).format(program=program, start=start, p=p)


def _years(n: int) -> str:
    return ngettext("{n} year", "{n} years", n).format(n=n)


def event_title(label: str) -> str:
    return _("{label}: served areas minus the others, year by year").format(label=label)


def event_takeaway(program: str, label: str, unit: str, study: impact.EventStudy) -> str:
    last = study.table.iloc[-1]
    ref = int(study.table.loc[study.table["ci_low"].isna(), "year"].iloc[0])
    return _(
        "By {year}, the gap in {subject} between the areas {program} serves "
        "and the others had moved {moved} from {ref}, the year before it began."
    ).format(
        year=int(last["year"]), subject=text.lower_first(label), program=program,
        moved=_signed(last["estimate"], unit), ref=ref,
    )  # fmt: skip


def its_title(change_words: str) -> str:
    return _("Turning the curve: the forecast from before {change}, what happened, the target").format(
        change=change_words
    )


def its_takeaway(metric: str, unit: str, higher_is_better: bool, seg: impact.Segmented) -> str:
    lo, hi = seg.gap_ci
    last = text.month_words(seg.table["period"].iloc[-1])
    gap = f"{_signed(seg.gap, unit)} ({_ci(lo, hi, unit)})"
    verdict = impact.turned(seg, higher_is_better)
    month = text.month_words(seg.change)
    words = dict(metric=metric, last=last, gap=gap, month=month)
    if verdict is True:
        return _(
            "{metric} turned the curve: by {last} it was {gap} from where the trend before {month} "
            "was heading, the better way."
        ).format(**words)
    if verdict is False:
        return _(
            "{metric} turned the wrong way: by {last} it was {gap} from where the trend before "
            "{month} was heading."
        ).format(**words)
    return _(
        "{metric} kept to the trend it was on before {month}: by {last} it was {gap} from the "
        "forecast, which could be chance."
    ).format(**words)


def its_detail(unit: str, seg: impact.Segmented) -> str:
    return _(
        "At the change the level moved {level} ({level_ci}), and the "
        "monthly trend by {slope} a month ({slope_ci})."
    ).format(
        level=_signed(seg.level, unit), level_ci=_ci(*seg.level_ci, unit),
        slope=_signed(seg.slope, unit), slope_ci=_ci(*seg.slope_ci, unit),
    )  # fmt: skip


EVENT_COLUMNS = {
    "relative_year": N_("Years since start"),
    "year": N_("Year"),
    "estimate": N_("Gap against the year before (served minus comparison)"),
    "ci_low": N_("95% CI low"),
    "ci_high": N_("95% CI high"),
}
ITS_COLUMNS = {
    "period": N_("Month"),
    "value": N_("Result"),
    "baseline": N_("Baseline forecast"),
    "baseline_low": N_("Forecast 95% CI low"),
    "baseline_high": N_("Forecast 95% CI high"),
    "after": N_("After the change"),
    "target": N_("Target"),
}


def _headings(columns: dict[str, str]) -> dict[str, str]:
    return {key: _(words) for key, words in columns.items()}


# ---- the view ----------------------------------------------------------------------------------------


def model_based(row) -> bool:
    """Whether an indicator's values are model-based small-area estimates (CDC PLACES): its id as the
    PLACES loader makes it (``places_``, equity/ingest/places.py), or its source named PLACES."""
    name = f"{row.get('source_name') or ''} {row.get('description') or ''}"
    return str(row.get("indicator_id", "")).startswith("places_") or "PLACES" in name


@dataclass
class DidSection:
    empty: str | None = None  # said instead of an estimate
    refusal: str | None = None  # a model-based indicator: why no estimate is made
    offer: str | None = None  # the directly measured indicators to choose instead
    takeaway: str | None = None
    trends: str | None = None
    about: str | None = None
    figure: go.Figure | None = None
    figure_takeaway: str | None = None
    table: pd.DataFrame | None = None  # the event study, for the download
    estimate: impact.Did | None = None


@dataclass
class ItsSection:
    empty: str | None = None
    takeaway: str | None = None
    detail: str | None = None
    about: str | None = None
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None


@dataclass
class ImpactView:
    aims: dict[str, str]  # indicator_id -> label, for the choice
    aim: str | None
    did: DidSection
    metrics: dict[str, str] = field(default_factory=dict)  # metric_id -> label
    metric: str | None = None
    changes: dict[str, str] = field(default_factory=dict)  # ISO date (or 'start') -> words
    change: str | None = None
    its: ItsSection = field(default_factory=ItsSection)


def aim_choices(aims: pd.DataFrame) -> dict[str, str]:
    """The indicators a program names, labelled as the database has them ('(not loaded)' where not)."""
    return {
        r.indicator_id: (
            r.label if isinstance(r.label, str) else _("{id} (not loaded)").format(id=r.indicator_id)
        )
        for r in aims.itertuples()
    }


def default_aim(aims: pd.DataFrame) -> str | None:
    """The first loaded, directly measured indicator the program names, else its first."""
    for _i, r in aims.iterrows():
        if isinstance(r["label"], str) and not model_based(r):
            return r["indicator_id"]
    return None if aims.empty else aims["indicator_id"].iloc[0]


def did_section(
    *,
    program: str,
    start_year: int,
    aim: pd.Series,
    aims: pd.DataFrame,
    indicators: pd.DataFrame,
    values: pd.DataFrame,
    place: str,
    level: str,
    source: str,
) -> DidSection:
    """The comparison for one aim (a row of the query program_aims); ``values`` the query impact_values,
    ``indicators`` every indicator of the database (indicator_id, label, source_name) to offer instead."""
    if not isinstance(aim["label"], str):
        return DidSection(empty=_(NOT_LOADED).format(program=program, ind=aim["indicator_id"]))
    label, unit = aim["label"], aim["unit"]
    if model_based(aim):
        direct = [
            r["label"] for _i, r in aims.iterrows() if isinstance(r["label"], str) and not model_based(r)
        ]
        if direct:
            offer = _(OFFER_AIMS).format(program=program, names=text._and(direct))
        else:
            others = [r["label"] for _i, r in indicators.iterrows() if not model_based(r)]
            offer = (
                _(OFFER_OTHERS).format(program=program, names=text._and(others[:8]))
                if others
                else _(NO_DIRECT)
            )
        return DidSection(refusal=_(MODEL_BASED).format(label=label, program=program), offer=offer)
    est = impact.did(values, start_year)
    if isinstance(est, Unestimable):
        words = dict(label=text.lower_first(label), program=program, start=start_year, place=place)
        return DidSection(empty=_(UNESTIMABLE[est.reason]).format(have=est.have, need=est.need, **words))
    study = impact.event_study(values, start_year)
    out = DidSection(
        takeaway=did_takeaway(program, label, unit, est),
        trends=trends_words(program, start_year, study),
        about=_(ABOUT_ESTIMATE).format(
            served=est.served,
            comparison=est.comparison,
            level=level,
            pre=_years(len(est.pre_years)),
            post=_years(len(est.post_years)),
        )
        + " "
        + _(CAVEAT),
        estimate=est,
    )
    out.figure = event_figure(
        study.table,
        unit=unit,
        start_year=start_year,
        title=event_title(label),
        subtitle=charts.source_line(source, f"{min(est.pre_years)}–{max(est.post_years)}"),
    )
    out.figure_takeaway = event_takeaway(program, label, unit, study)
    out.table = study.table.rename(columns=_headings(EVENT_COLUMNS))
    return out


def metric_choices(results: pd.DataFrame) -> dict[str, str]:
    """A program's metrics with any result, better off first (the scorecard's order)."""
    order = {"better_off": 0, "how_well": 1, "how_much": 2}
    have = results.dropna(subset=["value"])
    firsts = have.drop_duplicates("metric_id").copy()
    firsts["rank"] = firsts["question"].map(order).fillna(3)
    firsts = firsts.sort_values(["rank", "label"], kind="stable")
    return dict(zip(firsts["metric_id"], firsts["label"], strict=True))


def change_choices(changes: pd.DataFrame, start, results: pd.DataFrame) -> dict[str, str]:
    """The dates a program's results may be compared around: each change it records, earliest first, and
    its start where it has results from before it."""
    out = {}
    for r in changes.sort_values("changed_on").itertuples():
        out[pd.Timestamp(r.changed_on).date().isoformat()] = (
            f"{text.month_short(r.changed_on)}: {r.description}"
        )
    periods = pd.to_datetime(results["period"]) if len(results) else pd.Series(dtype="datetime64[ns]")
    if len(periods) and periods.min() < pd.Timestamp(start):
        out["start"] = _(START_CHOICE).format(date=text.month_short(start))
    return out


def default_change(choices: dict[str, str], series: pd.DataFrame, start) -> str | None:
    """The earliest recorded change with enough months either side, else the first offered."""
    for key in choices:
        when = start if key == "start" else key
        if not isinstance(impact.segmented(series, when), Unestimable):
            return key
    return next(iter(choices), None)


def its_section(
    *, program: str, metric: pd.DataFrame, change: str | None, changes: dict[str, str], start, records: str
) -> ItsSection:
    """The interrupted time series of one metric's results (rows of the query program_results)."""
    if metric.empty:
        return ItsSection(empty=_(NO_RESULTS).format(program=program))
    label, unit = metric["label"].iloc[0], metric["unit"].iloc[0]
    better = bool(metric["higher_is_better"].iloc[0])
    if change is None:
        return ItsSection(empty=_(ITS_UNESTIMABLE["no_change"]).format(program=program))
    when = pd.Timestamp(start if change == "start" else change)
    month = text.month_words(when)
    seg = impact.segmented(metric, when)
    if isinstance(seg, Unestimable):
        words = _(ITS_UNESTIMABLE[seg.reason])
        return ItsSection(
            empty=words.format(metric=label, change=month, have=seg.have, need=seg.need, program=program)
        )
    targets = metric.assign(period=pd.to_datetime(metric["period"]).dt.to_period("M").dt.to_timestamp())
    table = seg.table.merge(targets[["period", "target"]].drop_duplicates("period"), on="period", how="left")
    what = changes.get(change, month)
    figure = its_figure(
        table,
        unit=unit,
        change=when,
        title=its_title(text.month_short(when)),
        subtitle=charts.source_line(
            records, text.month_range(table["period"].min(), table["period"].max()), what
        ),
    )
    return ItsSection(
        takeaway=its_takeaway(label, unit, better, seg),
        detail=its_detail(unit, seg),
        about=_(ITS_ABOUT).format(pre=seg.pre_months, post=seg.post_months, lags=seg.lags),
        figure=figure,
        table=table.rename(columns=_headings(ITS_COLUMNS)),
    )


# ---- the figures -------------------------------------------------------------------------------------


def _axis(unit: str) -> str:
    return _("points") if unit == "percent" else _(text.UNIT_AXIS[unit]).lower()


def event_figure(table: pd.DataFrame, *, unit: str, start_year: int, title: str, subtitle: str) -> go.Figure:
    """The event study: each year's served-minus-comparison gap against the year before the start (the
    reference, an open dot at zero) with its 95% interval, the start marked."""
    est = table.sort_values("relative_year").fillna(
        {"ci_low": 0.0, "ci_high": 0.0}
    )  # the reference: 0, exact
    ref = table[table["ci_low"].isna()]
    fig = go.Figure()
    fig.add_hline(y=0, line=dict(color=charts.MUTED, width=1.5))
    fig.add_vline(x=-0.5, line=dict(color=charts.MUTED, width=2, dash="dash"))
    fig.add_annotation(
        x=-0.5, y=1, yref="paper", text=_("{year}: the program begins").format(year=start_year),
        showarrow=False, xanchor="left",
        font=dict(size=14, color=charts.MUTED),
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=est["relative_year"],
            y=est["estimate"],
            name=_("Gap, with its 95% interval"),
            mode="lines+markers",
            line=dict(color=charts.NEUTRAL, width=2.5),
            marker=dict(size=11, color=charts.NEUTRAL),
            error_y=dict(
                type="data",
                symmetric=False,
                array=est["ci_high"] - est["estimate"],
                arrayminus=est["estimate"] - est["ci_low"],
                color=charts.NEUTRAL,
                thickness=2,
            ),
            customdata=est["year"],
            hovertemplate=_("%{customdata}: %{y:+.2f} (95% CI shown)<extra></extra>"),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=ref["relative_year"],
            y=[0.0] * len(ref),
            name=_("The year before the start (the reference)"),
            mode="markers",
            marker=dict(size=12, color="white", line=dict(color=charts.INK, width=2)),
            customdata=ref["year"],
            hovertemplate=_("%{customdata}: the reference<extra></extra>"),
        )
    )
    years = table.sort_values("relative_year")
    fig.update_xaxes(
        title=_("Years since the program began (0 = {year})").format(year=start_year),
        tickvals=years["relative_year"],
        ticktext=[
            f"{k:+d}<br>({y})" if k else f"0<br>({y})"
            for k, y in zip(years["relative_year"], years["year"], strict=True)
        ],
    )
    fig.update_yaxes(title=_("Change in the gap ({unit})").format(unit=_axis(unit)))
    charts.base_layout(fig, title, subtitle, height=460)
    fig.update_layout(legend_y=-0.3)  # below the two-line year labels and the axis title
    return fig


def its_figure(
    table: pd.DataFrame, *, unit: str, change: pd.Timestamp, title: str, subtitle: str
) -> go.Figure:
    """Turn the curve: the monthly results, the baseline forecast from the trend before the change (its
    95% band after it), the target, and the change marked."""
    after = table[table["after"]]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=list(after["period"]) + list(after["period"][::-1]),
            y=list(after["baseline_high"]) + list(after["baseline_low"][::-1]),
            fill="toself",
            fillcolor="rgba(95, 99, 104, 0.18)",
            line=dict(width=0),
            name=_("Forecast's 95% interval"),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=table["period"],
            y=table["baseline"],
            name=_("Baseline forecast (the trend before, projected)"),
            mode="lines",
            line=dict(color=charts.MUTED, width=2.5, dash="dash"),
            hovertemplate=_("%{x|%B %Y}: forecast %{y:,.1f}<extra></extra>"),
        )
    )
    if table["target"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=table["period"],
                y=table["target"],
                name=_("Target"),
                mode="lines",
                line=dict(color=charts.GOOD, width=2, dash="dot"),
                hovertemplate=_("%{x|%B %Y}: target %{y:,.1f}<extra></extra>"),
            )
        )
    fig.add_trace(
        go.Scatter(
            x=table["period"],
            y=table["value"],
            name=_("Result"),
            mode="lines+markers",
            connectgaps=False,
            line=dict(color=charts.NEUTRAL, width=3),
            marker=dict(size=7, color=charts.NEUTRAL),
            hovertemplate="%{x|%B %Y}: %{y:,.1f}<extra></extra>",
        )
    )
    fig.add_vline(x=change, line=dict(color=charts.INK, width=2, dash="dash"))
    fig.add_annotation(
        x=change, y=0.02, yref="paper", text=_("{month}: the change ").format(month=text.month_short(change)),
        showarrow=False, xanchor="right",
        yanchor="bottom",
        font=dict(size=14, color=charts.MUTED),
    )  # fmt: skip
    fig.update_yaxes(title=_("Percent") if unit == "percent" else _("Count"))
    fig.update_xaxes(title=None)  # months, read from their dates
    return charts.base_layout(fig, title, subtitle, height=420)
