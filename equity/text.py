"""Plain words: how values, intervals and flags are written, and the one-sentence takeaways."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from equity import i18n, stats
from equity.i18n import N_, _, ngettext
from equity.safety import inert, md

FLAG_TEXT = {
    "suppressed": N_("Too few to show"),
    "no_data": N_("No data"),
    "unreliable": N_("Unreliable estimate (few people surveyed)"),
}

UNIT_SUFFIX = {
    "percent": "%",
    "per_100k": " per 100,000",
    "per_1k": " per 1,000",
    "years": " years",
    "dollars": "",  # the $ comes first (number)
    "index": "",
}
UNIT_AXIS = {
    "percent": "Percent",
    "per_100k": "Rate per 100,000",
    "per_1k": "Rate per 1,000",
    "years": "Years",
    "dollars": "Dollars",
    "index": "Index",
}

MEASURE_WORDS = {"crude": "crude rate", "age_adjusted": "age-adjusted rate"}
MEASURE_SHORT = {"crude": "crude", "age_adjusted": "age-adjusted"}
RATE_UNITS = ("percent", "per_1k", "per_100k")  # units for which "crude or age-adjusted" means something


def measure_words(measure_type: str, unit: str, short: bool = False) -> str:
    """'crude rate' or 'age-adjusted rate' ('crude', 'age-adjusted' when ``short``) for percents and
    rates; '' for years and indexes, which are neither."""
    words = MEASURE_SHORT if short else MEASURE_WORDS
    return words.get(measure_type, "") if unit in RATE_UNITS else ""


GROUP_DIM_LABELS = {
    "race_ethnicity": "Race and ethnicity",
    "race": "Race",  # of any Hispanic origin
    "ethnicity": "Hispanic origin",  # of any race
    "hispanic_race": "Hispanic residents by race",  # where Hispanic people of all races cannot be added up
    "income": "Household income",
    "age": "Age group",
    "sex": "Sex",
    "language": "Language",
    "insurance": "Insurance",
    "all": "Everyone",
}


def few(min_count: int) -> str:
    """How a withheld count is written in a table cell: 'fewer than 11'."""
    return _("fewer than {n}").format(n=min_count)


def small_counts(min_count: int) -> str:
    """The counts that are withheld, in words: '1 to 10' (for the threshold the database was built with)."""
    return _("1 to {n}").format(n=min_count - 1) if min_count > 2 else "1"


def lower_first(label: str) -> str:
    """A label inside a sentence: 'Adults without insurance' -> 'adults without insurance', names kept."""
    if not label or label[:2].isupper():
        return label
    return label[0].lower() + label[1:]


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def number(value, unit: str) -> str:
    """A value with its unit, rounded for reading aloud: 12.3%, 4,512 per 100,000, 78.1 years."""
    if is_missing(value):
        return "—"
    if unit in ("per_100k", "per_1k") and abs(value) >= 100:
        body = f"{value:,.0f}"
    elif unit == "dollars":
        body = f"${value:,.0f}" if value >= 0 else f"−${-value:,.0f}"
    elif unit == "index":
        body = f"{value:.2f}"
    else:
        body = f"{value:,.1f}"
    return body + UNIT_SUFFIX.get(unit, "")


def difference(value, unit: str) -> str:
    """A difference between two values: percentage points for percents, else the value's own unit."""
    if unit == "percent" and not is_missing(value):
        return f"{value:,.1f} percentage points"
    return number(value, unit)


def people(count) -> str:
    """A population count, or 'not known' where the data have none (boundaries carry no population)."""
    return "not known" if is_missing(count) else f"{int(count):,}"


def interval(lo, hi, unit: str) -> str:
    """'likely between a and b' (the 95% confidence interval), or '' where there is none."""
    if is_missing(lo) or is_missing(hi):
        return ""
    return f"likely between {number(lo, unit)} and {number(hi, unit)}"


def value_with_flag(value, lo, hi, flag, unit: str) -> str:
    """How one figure is shown wherever it appears: too few, no data, or the value and its interval."""
    if flag in ("suppressed", "no_data") or is_missing(value):
        return FLAG_TEXT.get(flag or "no_data", "No data")
    text = number(value, unit)
    ci = interval(lo, hi, unit)
    if ci:
        text += f" ({ci})"
    if flag == "unreliable":
        text += " — unreliable estimate"
    return text


def unnamed(level: str, area_id: str) -> str:
    """The name of an area a load made from its parts' ids without being told its name ('County 44001')."""
    return f"{LEVEL_SINGULAR.get(level, 'area').capitalize()} {area_id}"


def is_unnamed(name: str, level: str, area_id: str) -> bool:
    return name == unnamed(level, area_id)


def group_dim_label(dim: str) -> str:
    return GROUP_DIM_LABELS.get(dim, dim.replace("_", " ").capitalize())


def who(dim: str, label: str) -> str:
    """A group named the way a sentence needs it: 'Hispanic or Latino residents', 'people aged 18–24'."""
    low = label[:1].lower() + label[1:]
    if dim in ("race_ethnicity", "race", "ethnicity"):
        return f"{label} residents"
    if dim == "hispanic_race":
        return f"Hispanic {label} residents"
    if dim == "income":
        return f"people with incomes {low}" if low.startswith("below") else f"people with incomes at {low}"
    if dim == "age":
        return f"people aged {label}"
    if dim == "sex":
        return {"female": "women", "male": "men"}.get(label.lower(), label)
    if dim == "all":
        return "everyone"
    return f"the {label} group"


def times(ratio: float) -> str:
    """A ratio in words: 'about twice', '3.4 times', 'about the same as'."""
    if ratio < 1.1:
        return "about the same as"
    if 1.85 <= ratio < 2.15:
        return "about twice"
    if 2.85 <= ratio < 3.15:
        return "about three times"
    return f"{ratio:.1f} times"


def worst_first(df: pd.DataFrame, higher_is_worse: bool, column: str = "value") -> pd.DataFrame:
    return df.sort_values(column, ascending=not higher_is_worse, na_position="last")


def spread_takeaway(
    values: pd.DataFrame,
    label: str,
    unit: str,
    higher_is_worse: bool,
    year: int,
    place: str,
    level: str = "tract",
) -> str:
    """Where need is greatest among areas: 'In 2024, X ranged from a in A to b in B ...'.

    Unreliable estimates are left out of the range when at least two reliable ones remain. A map that is
    mostly without figures says why, telling areas whose figure is withheld (too few people counted)
    from areas the source has no figure for, since its colours then describe only a few areas.
    """
    shown = values.dropna(subset=["value"])
    reliable = shown[shown["flag"].ne("unreliable")] if "flag" in shown else shown
    if len(reliable) >= 2:
        shown = reliable
    missing = values[values["value"].isna()]
    withheld = int(missing["flag"].eq("suppressed").sum()) if "flag" in missing else 0
    no_data = len(missing) - withheld
    note = ""
    areas = LEVEL_PLURAL.get(level, "Areas").lower()
    if len(values) and len(missing) / len(values) > 0.25:
        parts = []
        if withheld:
            finer = "; counties may tell more" if level == "tract" else ""
            parts.append(
                f"{withheld} of {len(values)} {areas} have too few people counted to show a figure{finer}"
            )
        if no_data:
            parts.append(f"{no_data} of {len(values)} {areas} have no figure from the source for {year}")
        note = " " + "; ".join(parts) + "."
    if len(shown) < 2:
        return (
            f"There are too few areas with data to compare {lower_first(label)} across {place} in {year}."
            + note
        )
    ordered = worst_first(shown, higher_is_worse)
    worst, best = ordered.iloc[0], ordered.iloc[-1]
    sentence = (
        f"In {year}, {lower_first(label)} ranged from {number(best.value, unit)} in {best['name']} "
        f"to {number(worst.value, unit)} in {worst['name']}"
    )
    if best.value > 0 and higher_is_worse:
        sentence += f": {times(worst.value / best.value)} as high in the area of greatest need"
    return sentence + "." + note


def group_takeaway(
    groups: pd.DataFrame, label: str, unit: str, higher_is_worse: bool, year: int, place: str, dim: str
) -> str:
    """Which group fares worst, against the group that fares best."""
    shown = groups.dropna(subset=["value"])
    if groups.empty:  # no figures by these groups at all: not the same as groups too small to show
        return (
            f"There are no figures of {lower_first(label)} by {group_dim_label(dim).lower()} in {place} "
            f"for {year}; choose another comparison in the sidebar."
        )
    if len(shown) < 2:
        return (
            f"Too few groups have enough people to compare {lower_first(label)} by "
            f"{group_dim_label(dim).lower()} in {place} in {year}."
        )
    ordered = worst_first(shown, higher_is_worse)
    worst, best = ordered.iloc[0], ordered.iloc[-1]
    if not higher_is_worse:
        return (
            f"In {year} in {place}, {lower_first(label)} was lowest for {who(dim, worst.group_label)} "
            f"({number(worst.value, unit)}) and highest for {who(dim, best.group_label)} "
            f"({number(best.value, unit)})."
        )
    ratio = worst.value / best.value if best.value else float("inf")
    overlap = not (is_missing(worst.ci_low) or is_missing(best.ci_high)) and worst.ci_low <= best.ci_high
    certainty = (
        "but the intervals overlap, so chance alone could explain the gap"
        if overlap
        else "larger than chance alone would explain"
    )
    return (
        # A share of people ("adults without insurance") is common among a group; a rate is high.
        f"In {year} in {place}, {lower_first(label)} "
        f"{'were most common' if unit == 'percent' else 'was highest'} among {who(dim, worst.group_label)} "
        f"({number(worst.value, unit)}): {times(ratio)} the rate among {who(dim, best.group_label)} "
        f"({number(best.value, unit)}), {certainty}."
    )


def trend_takeaway(series: pd.DataFrame, label: str, unit: str, higher_is_worse: bool, place: str) -> str:
    """How the whole population's figure moved from the first year to the last."""
    shown = series.dropna(subset=["value"]).sort_values("year")
    if len(shown) < 2:
        return f"There is not enough data over time to say how {lower_first(label)} is changing in {place}."
    first, last = shown.iloc[0], shown.iloc[-1]
    change = last.value - first.value
    if abs(change) < 0.02 * max(abs(first.value), 1e-9):
        direction = "held about steady"
    else:
        better = (change < 0) == higher_is_worse
        direction = f"{'fell' if change < 0 else 'rose'} ({'better' if better else 'worse'})"
    return (
        f"In {place}, {lower_first(label)} {direction} from {number(first.value, unit)} in {int(first.year)} "
        f"to {number(last.value, unit)} in {int(last.year)}."
    )


def ratio_words(ratio, low, high) -> str:
    """'about twice as high; larger than chance alone would explain' for a rate ratio and its interval."""
    if is_missing(ratio):
        return FLAG_TEXT["suppressed"]
    if ratio >= 1.1:
        size = f"{times(ratio)} as high"
    elif ratio <= 1 / 1.1:
        size = "about half as high" if 0.45 <= ratio <= 0.55 else f"{1 - ratio:.0%} lower"
    else:
        size = "about the same"
    if is_missing(low) or is_missing(high):
        return size
    chance = (
        "larger than chance alone would explain"
        if (low > 1 or high < 1)
        else "chance alone could explain the difference"
    )
    return f"{size}; {chance}"


def change_words(change: dict, unit: str, worst: str, best: str) -> str:
    """The gap between two groups over time, with whether chance could explain the change."""
    gap_first, gap_last = abs(change["gap_first"]), abs(change["gap_last"])
    verb = "narrowed" if gap_last < gap_first else "widened"
    sentence = (
        f"The gap between {worst} and {best} {verb} from {difference(gap_first, unit)} in "
        f"{change['first_year']} to {difference(gap_last, unit)} in {change['last_year']}"
    )
    if change["narrowing"] is None:
        return sentence + ", a change chance alone could explain."
    pct = change["percent_change"]
    size = (
        f" ({abs(pct):.0f}% {'smaller' if change['narrowing'] else 'larger'})" if not is_missing(pct) else ""
    )
    return sentence + size + ", more than chance alone would explain."


NATION_NAME = "United States"  # the nation's region where a database names none (queries/regions.sql)


def place_words(name: str) -> str:
    """A place inside a sentence: 'Alder County', 'the United States', 'the nation (fictional)'."""
    if name.startswith("The "):
        return lower_first(name)
    return f"the {name}" if name.startswith("United ") else name


def place_gap_words(here: str, ratio: float, others: list[tuple[str, float]]) -> str:
    """How the worst/best gap in one place compares with the places around it, in one sentence."""
    lead = "The gap between the worst- and best-off groups"
    if all(ratio > r for _, r in others) or all(ratio < r for _, r in others):
        wider = "wider" if ratio > others[0][1] else "narrower"
        around = _and([f"{place_words(name)} ({r:.1f} times)" for name, r in others])
        return f"{lead} is {wider} in {here} ({ratio:.1f} times) than across {around}."
    around = _and([f"{r:.1f} times across {place_words(name)}" for name, r in others])
    return f"{lead} is {ratio:.1f} times in {here}, against {around}."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# ---- programs: results against targets, reach against need -----------------------------------------

NO_PROGRAMS = (
    "There is no program data yet. Add your programs, sites and monthly results to see them here "
    "(see “Loading your own data” in the README)."
)
PROGRAM_COLUMNS = {
    "name": "Program",
    "lead_partner": "Lead partner",
    "start_date": "Started",
    "sites": "Sites",
    "last_reported": "Last report",
}
NO_TARGET_MARK = "○ = no target set"


def result_marks(missed: bool, no_target: bool, withheld: bool, min_count: int) -> str:
    """A results chart's key to its marks: missed months, months with no target and counts too few to
    show, each where the chart has any, and gaps."""
    marks = ["✕ = missed target"] if missed else []
    if no_target:
        marks.append(NO_TARGET_MARK)
    if withheld:
        marks.append(f"◇ = {small_counts(min_count)}, not shown")
    return "; ".join([*marks, "gaps = not reported"])


REACH_TITLE = "People served by each neighbourhood's need"


def program_intro(name: str, description: str, lead_partner: str, start_date, sites: int) -> str:
    """One line of Markdown about a program: what it is, who leads it, since when, at how many sites.

    Names and description come from the organisation's files, so they are escaped (safety.md)."""
    return (
        f"**{md(name)}** — {md(description)} Led by **{md(lead_partner)}** since "
        f"{pd.Timestamp(start_date):%B %Y}; {int(sites)} site{'s' if sites != 1 else ''}."
    )


def result_value(value, unit: str) -> str:
    """A program's monthly result or target as its card shows it: '81.5%', '1,204'."""
    return f"{value:.1f}%" if unit == "percent" else f"{value:,.0f}"


def results_takeaway(program: str, met: int, judged: int, no_target: int, month) -> str:
    """How many of a program's measures met their target in their latest reports; those with no target
    set are counted apart, never as missed."""
    latest = f"In their latest reports (to {pd.Timestamp(month):%B %Y})"
    if not judged:
        return f"{latest}, no measure of {program} has a target set."
    sentence = f"{latest}, {met} of {judged} measures of {program} with a target met it"
    if no_target:
        sentence += f"; {no_target} {'has' if no_target == 1 else 'have'} no target set"
    return sentence + "."


def result_title(label: str, higher_is_better: bool) -> str:
    """A measure's chart title, saying so where a lower result is the better one."""
    return label + ("" if higher_is_better else " (lower is better)")


def monthly_reports(lead_partner: str) -> str:
    return f"{lead_partner} monthly reports"


def results_download(program: str) -> str:
    """What a program's results download holds."""
    return f"{program}: each measure's monthly results against its target"


def month_range(first, last) -> str:
    """'Jan 2023–Dec 2024'."""
    return f"{pd.Timestamp(first):%b %Y}–{pd.Timestamp(last):%b %Y}"


# ---- programs: the results scorecard (results-based accountability; rules in equity/scorecard.py) ------

PROGRAMS_TITLE = "Programs: the results scorecard"
QUESTION_TITLES = {
    "better_off": "Is anyone better off?",
    "how_well": "How well did we do it?",
    "how_much": "How much did we do?",
    None: "Which question? Not yet said",
}
NO_MEASURE = "No measure answers this yet."
SCORECARD_COLUMNS = ("Measure", "Latest", "Last 12 months", "Trend", "Target", "On track?")
COALITION_HEADING = "All programs: the coalition's scorecard"
COALITION_COLUMNS = (
    "Program",
    "Is anyone better off?",
    "Trend",
    "On track?",
    "How well did we do it?",
    "How much did we do?",
)
COALITION_DOWNLOAD = "Download the coalition's scorecard:"
# Where a measure's latest month stands against its target (equity.metrics.TARGET_STATUSES).
STATUS_WORDS = {
    "met": "On track: met its target",
    "missed": "Off track: missed its target",
    "no_target": "No target set",
    "withheld": "Not judged: too few to show",
    "not_reported": "Not reported yet",
}
STATUS_COUNTED = {
    "met": "on track",
    "missed": "off track",
    "no_target": "with no target set",
    "withheld": "too few to show",
    "not_reported": "not reported yet",
}
TREND_ARROWS = {"up": "↑", "down": "↓", "steady": "→", "too_soon": "…"}
VERDICT_WORDS = {
    "better": "Getting better",
    "worse": "Getting worse",
    "steady": "About the same",
    "too_soon": "Too soon to tell",
}
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_GAP = "·"


def against_words(against: str | None, months: int) -> str:
    """What a trend compares with: 'a year before', 'in the 6 months before'."""
    return "a year before" if against == "year" else f"in the {months} months before"


def target_words(target, unit: str, higher_is_better: bool) -> str:
    """A scorecard's target: '60.0% or more', '15.0% or less' (lower is better), 'None set'."""
    if is_missing(target):
        return "None set"
    return f"{result_value(target, unit)} or {'more' if higher_is_better else 'less'}"


def latest_words(m) -> str:
    """A measure's latest month: '63.0% (May 2025)', 'Too few to show (June 2025)', 'Not reported yet'."""
    if m.status == "not_reported":
        return STATUS_WORDS["not_reported"]
    month = f"{pd.Timestamp(m.period):%b %Y}"
    if m.status == "withheld":
        return f"{FLAG_TEXT['suppressed']} ({month})"
    return f"{result_value(m.value, m.unit)} ({month})"


def on_track_words(m) -> str:
    """Whether a measure is on track, with its target where one was set: 'Off track: missed its target
    (75.0% or more)'; a month with no target reads 'No target set', never a miss."""
    words = STATUS_WORDS[m.status]
    if m.status in ("met", "missed"):
        words += f" ({target_words(m.target, m.unit, m.higher_is_better)})"
    return words


def trend_words(t, unit: str, higher_is_better: bool, months: int, short: bool = False) -> str:
    """A trend in words, its arrow the way the figure moved (up, down, level) and its words whether that
    is better: '↓ Getting better: 12.1%, down from 15.3% a year before' for a no-show rate. ``short``
    gives the arrow and verdict alone."""
    verdict = t.verdict(higher_is_better)
    head = f"{TREND_ARROWS[t.direction]} {VERDICT_WORDS[verdict]}"
    if short or verdict == "too_soon":
        return head
    per = "" if unit == "percent" else " a month"
    now, was = result_value(t.after, unit) + per, result_value(t.before, unit)
    moved = "against" if t.direction == "steady" else ("up from" if t.direction == "up" else "down from")
    return f"{head}: averaging {now}, {moved} {was} {against_words(t.against, months)}"


def sparkline(values, low: float, high: float) -> str:
    """Monthly results as a line of block characters, ▁ for ``low`` to █ for ``high``, with · for a month
    not reported or too few to show: the shape of the last months, readable without colour."""
    top = len(SPARK_BLOCKS) - 1

    def block(v) -> str:
        if is_missing(v):
            return SPARK_GAP
        if high <= low:
            return SPARK_BLOCKS[top // 2]
        return SPARK_BLOCKS[min(top, max(0, round((v - low) / (high - low) * top)))]

    return "".join(block(v) for v in values)


def tally_words(counts, measures: int) -> str:
    """Where a program's measures of one question stand: '1 on track, 1 off track; 1 getting worse'."""
    if not measures:
        return "No measure yet"
    parts = [f"{counts[s]} {STATUS_COUNTED[s]}" for s in STATUS_COUNTED if counts.get(s)]
    words = ", ".join(parts)
    if counts.get("worse"):
        words += f"; {counts['worse']} getting worse"
    return words


def headline_words(m, more: int) -> str:
    """A program's better-off headline in the coalition's scorecard: its label and latest result."""
    words = f"{m.label}: {latest_words(m)}"
    return words + (f" (and {more} more on its scorecard)" if more else "")


NO_BETTER_OFF = "No measure of this yet"
UNSAID_BETTER_OFF = "Not yet said which question its measures answer"


def scorecard_headline(program: str, m, months: int) -> str:
    """A program's scorecard in one sentence, led by whether anyone is better off."""
    if m is None:
        return f"{program} has no measure yet of whether anyone is better off."
    label = m.label
    if m.status == "not_reported":
        return f"Is anyone better off? {program} has not yet reported {lower_first(label)}."
    month = f"{pd.Timestamp(m.period):%B %Y}"
    if m.status == "withheld":
        return f"Is anyone better off? {label}: too few to show in {month}."
    standing = {
        "met": f"on track (its target is {target_words(m.target, m.unit, m.higher_is_better)})",
        "missed": f"off track (its target is {target_words(m.target, m.unit, m.higher_is_better)})",
        "no_target": "with no target set",
    }[m.status]
    verdict = m.verdict
    since = against_words(m.trend.against, months)
    moving = {
        "better": f"getting better than {since}",
        "worse": f"getting worse than {since}",
        "steady": f"about the same as {since}",
        "too_soon": "too soon to tell which way it is going",
    }[verdict]
    return f"Is anyone better off? {label}: {result_value(m.value, m.unit)} in {month}, {standing}, {moving}."


def coalition_takeaway(programs: int, counts, measures: int, unsaid: int) -> str:
    """The coalition's scorecard in one sentence: where the programs' better-off measures stand."""
    if not measures:
        if unsaid:
            return (
                f"None of the measures of the {programs} programs says yet which question it answers: add "
                "the question column to the program metrics to see whether anyone is better off."
            )
        return f"None of the {programs} programs has a measure yet of whether anyone is better off."
    standing = _and([_counted(counts[s], s) for s in STATUS_COUNTED if counts.get(s)])
    moving = [f"{counts[v]} {_is(counts[v])} getting {v}" for v in ("better", "worse") if counts.get(v)]
    trend = _and(moving) if moving else "none is clearly getting better or worse"
    of = f"{_plural(measures, 'measure')} across {_plural(programs, 'program')}"
    return f"Is anyone better off? Of {of}, {standing}; {trend}."


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _counted(n: int, status: str) -> str:
    """'2 are on track', '1 has no target set': a count of measures with its verb."""
    has = "has" if n == 1 else "have"
    return {
        "met": f"{n} {_is(n)} on track",
        "missed": f"{n} {_is(n)} off track",
        "no_target": f"{n} {has} no target set",
        "withheld": f"{n} {_is(n)} too few to show",
        "not_reported": f"{n} {has} not been reported yet",
    }[status]


def scorecard_note(months: int, points: float, share: float, min_count: int) -> str:
    """How to read a scorecard, under it (the rules' figures from equity.scorecard)."""
    return (
        "Latest: the last month reported. Trend: the average of the last "
        f"{months} months against the same months a year before (or the {months} months just before, for a "
        f"young program); “about the same” is a change of {points:g} percentage points or {share:.0%} at "
        "most. The arrow "
        "shows which way the figure moved, the words whether that is better (a falling no-show rate is). "
        "On track: the latest result met its target; a month with no target set is never counted as "
        f"missed. In the last 12 months, {SPARK_GAP} marks a month not reported or a count of "
        f"{small_counts(min_count)}, not shown."
    )


MONTHLY_HEADING = "Month by month, against targets"


def program_scorecard_heading(program: str) -> str:
    return f"{program}: its scorecard"


def reach_heading(label: str, year) -> str:
    return f"Does reach follow need? {label}, {year}"


def no_reach(program: str, place: str, year) -> str:
    """Said instead of the reach chart when a program reported no one served in the place that year."""
    return f"{program} reported no people served in {place} in {year}."


def reach_takeaway(program: str, year, share: float, label: str, high_need_share_of_pop: float) -> str:
    """Whether a program reaches the neighbourhoods of greatest need, against their share of the people."""
    return (
        f"In {year}, {share:.0%} of the people {program} served lived in the quarter of "
        f"neighbourhoods with the most {lower_first(label)}, where "
        f"{high_need_share_of_pop:.0%} of people live."
    )


def unit_words(unit: str, measure_type: str) -> str:
    """An indicator's unit and measure, short: 'percent, crude', 'rate per 100,000, age-adjusted'."""
    measure = measure_words(measure_type, unit, short=True)
    return f"{UNIT_AXIS[unit].lower()}{', ' + measure if measure else ''}"


def need_axis(label: str, unit: str, measure_type: str) -> str:
    """An indicator as an axis title: 'Adults without insurance (percent, crude)'."""
    return f"{label} ({unit_words(unit, measure_type)})"


def reach_sources(lead_partner: str, source: str) -> str:
    return f"{lead_partner} and {source}"


def withheld_reach(min_count: int) -> str:
    """The reach chart's key to its open diamonds."""
    return f"◇ = {small_counts(min_count)} people served, not shown"


# ---- partnerships: commitments both ways, roles, resources pooled -----------------------------------

PARTNERSHIPS_TITLE = "Partnerships: promises kept, both ways"
NO_PARTNERSHIPS = (
    "There is no partnership data yet. Add partners, their roles, their commitments and what they "
    "contribute to see them here (see “Loading your own data” in the README)."
)
NO_COMMITMENTS = (
    "No commitments recorded yet. Load commitments.csv (and commitment_changes.csv for their history) to "
    "see who promised what, to whom, and whether it was kept."
)
NO_ROLES = "No partner roles recorded yet."
COALITION = "The coalition"  # the coalition as a whole, where it is the one accountable
COMMITMENT_STATUS = {
    "done": "done",
    "in_progress": "in progress",
    "not_started": "not started",
    "dropped": "dropped",
}
# What became of a commitment (equity.accountability.OUTCOMES), overdue first.
OUTCOME_WORDS = {
    "overdue": "Overdue",
    "dropped": "Dropped",
    "kept_late": "Kept late",
    "kept_undated": "Kept, date not recorded",
    "kept_on_time": "Kept on time",
    "not_yet_due": "Not yet due",
}
# The headline cards: outcomes, overdue first.
OUTCOME_CARDS = ("overdue", "kept_on_time", "kept_late", "dropped", "not_yet_due")
OVERDUE_HEADING = "Overdue now"
PARTNER_RECORD_HEADING = "Each partner's record"
ALL_COMMITMENTS_HEADING = "Every commitment, overdue first"


def show_all(n: int) -> str:
    """The label of the list of every commitment, folded away until asked for."""
    return f"Show all {n} commitments"


HISTORY_HEADING = "One commitment's history"
RECORD_TITLE = "What became of the commitments due each {by}"
PARTNER_RECORD_TITLE = "Each partner's commitments, overdue first"
COMMITMENT_LOG = "Coalition commitment log"
RECORD_RULE = (
    "Kept on time means done by the date first promised; a date moved later still counts as late. "
    "Overdue means not done and past its due date as it stands now. Each commitment counts in the "
    "{by} it was first due."
)
PERIOD_WORDS = {"year": "year", "quarter": "quarter"}
PERIOD_LABEL = "Count by"
PERIOD_INSTEAD = "year"  # what a link's unknown by= falls back to
COMMITMENT_INSTEAD = "the one moved most"  # what a link's unknown commitment= falls back to
HISTORY_DOWNLOAD = "Download every commitment's history (CSV)"
COMMITMENTS_DOWNLOAD = "Download every commitment, with what became of it (CSV)"
PARTY_LABEL = "Whose commitments"
ALL_PARTIES = "Every partner and the coalition"
COMMITMENT_LABEL = "Commitment"
COMMITMENTS_AXIS = "Commitments"
COMMITMENT_COLUMNS = {
    "state": "What became of it",
    "description": "Commitment",
    "by": "Who promised",
    "to": "To whom",
    "due": "Due",
    "completed_on": "Done on",
}
PARTNER_COLUMNS = {"party": "Who promised", "moves": "Dates moved", "total": "All"}
HISTORY_COLUMNS = ("When", "What happened")
ROLES_TITLE = "Each partner's say in each program"
ROLES_HEADING = "Who does what"
AGREEMENTS = "Coalition partnership agreements"
CONTRIBUTIONS = "Coalition partners' contributions"
ROLES_KEY = "darker = more decision authority"


def as_of_words(as_of) -> str:
    """'as of March 1, 2025': the date commitments are judged on."""
    return f"as of {pd.Timestamp(as_of):%B %-d, %Y}"


def day(value) -> str:
    """A date as tables write it: 'Mar 31, 2025'; '—' where there is none."""
    return "—" if is_missing(value) or value is pd.NaT else f"{pd.Timestamp(value):%b %-d, %Y}"


def days(n) -> str:
    """'1 day', '30 days'."""
    n = int(n)
    return f"{n:,} day{'' if n == 1 else 's'}"


def times_moved(n: int) -> str:
    """How often a date moved: 'once', 'twice', '3 times'."""
    return {1: "once", 2: "twice"}.get(int(n), f"{int(n)} times")


def due_history(due, first_due, moves: int) -> str:
    """A commitment's due date with the earlier promise kept in view: 'Mar 31, 2025', or
    'Sep 30, 2025 (first due Mar 31, 2025; moved twice)'."""
    if not moves:
        return day(due)
    if pd.Timestamp(due) == pd.Timestamp(first_due):
        return f"{day(due)} (moved {times_moved(moves)}, back to the date first promised)"
    return f"{day(due)} (first due {day(first_due)}; moved {times_moved(moves)})"


def outcome_words(outcome: str, n=None, status: str | None = None) -> str:
    """What became of a commitment, in words: 'Overdue by 30 days', 'Kept late, by 48 days',
    'Not yet due (in progress)'."""
    if outcome == "overdue":
        return f"Overdue by {days(n)}"
    if outcome == "kept_late":
        return f"Kept late, by {days(n)}"
    if outcome == "not_yet_due" and status in COMMITMENT_STATUS:
        return f"Not yet due ({COMMITMENT_STATUS[status]})"
    return OUTCOME_WORDS[outcome]


def promised_by(partner) -> str:
    """Who is accountable: the partner's name, or the coalition itself."""
    return COALITION if is_missing(partner) else str(partner)


def promised_to(accountable_to: str, to_partner=None, answers=None) -> str:
    """To whom a commitment is owed: 'The coalition', a partner's name, 'The community', or 'The
    community, answering what people said about Language access'."""
    if accountable_to == "partner" and not is_missing(to_partner):
        return str(to_partner)
    if accountable_to == "community":
        if is_missing(answers) or not str(answers).strip():
            return "The community"
        return f"The community, answering what people said about {str(answers).replace('; ', ' and ')}"
    return COALITION


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def record_takeaway(summary: dict, when: str, oldest: tuple[int, str, str, str] | None = None) -> str:
    """The page's lead, overdue first: how many are overdue (naming the longest: its days, description,
    who promised and to whom), then how the commitments that have fallen due were kept."""
    n = summary["overdue"]
    if n:
        sentence = f"{_count(n, 'commitment is', 'commitments are')} overdue {when}"
        if oldest is not None:
            late, description, by, to = oldest
            sentence += f", the longest by {days(late)}: “{description}” ({by} to {lower_first(to)})"
    else:
        sentence = f"No commitment is overdue {when}"
    due = summary["fallen_due"]
    if not due:
        return sentence + ". None has fallen due yet."
    kept = f"{_count(summary['kept_on_time'], 'was', 'were')} kept on time, {summary['kept_late']} late"
    if summary["kept_undated"]:
        kept += f", {summary['kept_undated']} on a date not recorded"
    return sentence + f". Of the {due} that have fallen due, {kept} and {summary['dropped']} dropped."


def directions_line(d: dict) -> str:
    """Which ways the promises run: '29 from partners to the coalition, 4 to the community (2 of them the
    coalition's own), 3 between partners and 1 from the coalition to a partner.'"""
    parts = []
    if d["to_coalition"]:
        parts.append(f"{d['to_coalition']} from partners to the coalition")
    if d["to_community"]:
        own = d["coalition_to_community"]
        part = f"{d['to_community']} to the community"
        if own:
            part += f" ({'1 of them' if own == 1 else f'{own} of them'} the coalition's own)"
        parts.append(part)
    if d["between_partners"]:
        parts.append(f"{d['between_partners']} between partners")
    if d["coalition_to_partner"]:
        parts.append(f"{d['coalition_to_partner']} from the coalition to a partner")
    if not parts:
        return ""
    return "Promises run every way: " + _and(parts) + "."


def record_title(by: str, party: str | None = None) -> str:
    """The record chart's title: every commitment's, or one party's ('Riverbend Health System's')."""
    title = RECORD_TITLE.format(by=PERIOD_WORDS[by])
    if party is None:
        return title
    owner = "the coalition's own" if party == COALITION else f"{party}'s"
    return title.replace("the commitments", f"{owner} commitments")


def record_heading(by: str) -> str:
    """'The record, year by year' (or quarter by quarter)."""
    return f"The record, {PERIOD_WORDS[by]} by {PERIOD_WORDS[by]}"


def record_rule(by: str) -> str:
    return RECORD_RULE.format(by=PERIOD_WORDS[by])


def no_record(party: str) -> str:
    return f"{party} has no commitments recorded."


def event_words(event) -> str:
    """One step of a commitment's history (equity.accountability.Event) in words."""
    why = f" Why: {event.reason}" if event.reason else ""
    if why and not why.endswith((".", "!", "?")):
        why += "."
    if event.kind == "made":
        return f"Promised, due {day(event.now)}."
    if event.kind == "moved":
        return f"Due date moved from {day(event.was)} to {day(event.now)}.{why}"
    if event.kind == "status":
        was = COMMITMENT_STATUS.get(event.was, event.was)
        now = COMMITMENT_STATUS.get(event.now, event.now)
        return f"{now[:1].upper() + now[1:]} (was {was}).{why}"
    if event.kind == "kept":
        note = why.replace(" Why: ", " Note: ")
        if event.was is None or is_missing(event.was):
            return f"Kept, on time.{note}"
        return f"Kept, {days(event.was)} after the date first promised.{note}"
    return f"Overdue by {days(event.was)}."


def commitment_choice(description: str, by: str) -> str:
    """A commitment as the history's chooser lists it: 'Share data… (Riverbend Health System)'."""
    return f"{inert(description, 70)} ({by})"


# ---- partnerships: resources pooled ------------------------------------------------------------------

POOLED_HEADING = "Resources pooled"
NO_CONTRIBUTIONS = (
    "No contributions recorded yet. Load contributions.csv (partner, program, year, kind: funding, "
    "staff_hours, in_kind or space, and amount) to see what partners put in."
)
KIND_WORDS = {
    "funding": "Funding",
    "in_kind": "In-kind goods and services",
    "space": "Space (value of the rent saved)",
    "staff_hours": "Staff hours",
}
KIND_IN_SENTENCE = {"funding": "funding", "in_kind": "goods and services in kind", "space": "space"}
DOLLAR_KINDS = ("funding", "in_kind", "space")
POOLED_TITLE = "What partners put in each year, in dollars"
POOLED_AXIS = "Dollars"
CONTRIBUTIONS_SOURCE = "Coalition contribution records"
POOLED_COLUMNS = {"partner": "Partner", "program": "Program", "dollars": "All in dollars"}
POOLED_NOTE = (
    "Funding is money given; in-kind goods and services and space are what partners value them at. "
    "Staff hours are counted apart and never turned into dollars."
)


def money(value) -> str:
    """'$1,250,000'; '—' for none."""
    return "—" if is_missing(value) or not value else f"${value:,.0f}"


def hours(value) -> str:
    """'2,400 hours'; '—' for none."""
    return "—" if is_missing(value) or not value else f"{value:,.0f} hours"


def year_span(years) -> str:
    """'2023–2025', or '2024' for one year."""
    first, last = int(min(years)), int(max(years))
    return str(first) if first == last else f"{first}–{last}"


def pooled_takeaway(
    dollars: dict, staff_hours: float, span: str, partners: int, top: tuple[str, float]
) -> str:
    """What the partnership pooled, in one sentence: dollars by kind, staff hours apart, the largest
    contributor."""
    total = sum(dollars.values())
    kinds = [f"{money(v)} of {KIND_IN_SENTENCE[k]}" for k, v in dollars.items() if v]
    sentence = f"In {span}, {partners} partners put in {money(total)}"
    if len(kinds) > 1:
        sentence += f" ({_and(kinds)})"
    if staff_hours:
        sentence += f" and {hours(staff_hours)} of staff time"
    name, amount = top
    return sentence + f"; {name} gave the most in dollars ({money(amount)})."


# ---- community voice: you said, we did --------------------------------------------------------------

NO_COMMUNITY_INPUT = N_(
    "There is no community input yet. Add survey and focus group results and the actions taken to see "
    "them here (see “Loading your own data” in the README)."
)
ALL_TOPICS = N_("All topics")
NO_ACTION = N_("No action yet")
TIMES_RAISED = N_("Times raised")
TOPICS_TITLE = N_("What people raised most")
COMMUNITY_SOURCE = N_("Coalition surveys, focus groups and listening sessions")
COMMUNITY_COUNTS = (
    N_("Things people told us"),
    N_("With an action in answer"),
    N_("Still waiting for an answer"),
)
METHOD_WORDS = {
    "survey": N_("Survey"),
    "focus_group": N_("Focus group"),
    "listening_session": N_("Listening session"),
}
ACTION_STATUS = {"done": N_("✓ Done"), "in_progress": N_("In progress"), "planned": N_("Planned")}


def month_year(day) -> str:
    """'Mar 2024' (in Spanish 'mar 2024')."""
    day = pd.Timestamp(day)
    if i18n.lang() == "en":
        return f"{day:%b %Y}"
    return i18n.date(day.date(), "MMM y").replace(".", "")


def community_takeaway(topic: str, times: int, heard: int, answered: int, done: int) -> str:
    return _(
        "People raised “{topic}” most often ({times} times). Of {heard} things "
        "people told us, {answered} have an action in answer and {done} of those are done."
    ).format(topic=topic, times=times, heard=heard, answered=answered, done=done)


def times_raised(times: int, top_priority: int) -> str:
    return _("raised {times} times, {top} as the top priority").format(times=times, top=top_priority)


def heard_from(group_dim: str, group_label, area: str) -> str:
    """Who a thing was heard from: 'Everyone, Alder County', 'Spanish speakers, Birch County'."""
    who = group_label if group_dim != "all" else _("Everyone")
    return f"{who}, {area}"


def heard_how(method: str, collected_on) -> str:
    """'Focus group, Mar 2024'."""
    how = _(METHOD_WORDS[method]) if method in METHOD_WORDS else method
    return f"{how}, {month_year(collected_on)}"


def action_status(status) -> str:
    """An action's state in words; 'Waiting' where nothing has been done in answer yet."""
    if not isinstance(status, str):
        return _("Waiting")
    return _(ACTION_STATUS[status]) if status in ACTION_STATUS else "—"


def community_note(min_count: int) -> str:
    return _(
        "Groups of {small} people are shown as “{few}” so no one "
        "can be recognised. {too_few} applies to counts the same way on every page."
    ).format(small=small_counts(min_count), few=few(min_count), too_few=_(FLAG_TEXT["suppressed"]))


# ---- overview: headline figures and the widest gaps -------------------------------------------------

PEOPLE_HERE = "People living here"
COMMITMENTS_OVERDUE = "Commitments overdue"  # partners' and the coalition's own
NO_COMMITMENTS_CARD = (
    "Commitments",
    "None yet",
    "Load your coalition's commitments to track them here",
)
RATIO_AXIS = "Worst-off group's rate ÷ best-off group's rate"
GAPS_TITLE = "How many times worse the worst-off group fares"
SOURCES_UNDER_METHODS = "indicator sources listed under Data & methods"
CRUDE_UNLESS = "crude rates unless labelled age-adjusted"


def no_gaps(dims: list[str]) -> str:
    """Said where no indicator has values by the social groups the database has (metrics.SOCIAL_DIMS)."""
    by = " or ".join(f"by {group_dim_label(d).lower()}" for d in dims)
    return f"No indicator has values {by} for this region and year."


NO_GAPS = no_gaps(["race_ethnicity", "income"])
LOOK_CLOSER = "Look closer at a gap"
SEE_OVERDUE = "See the overdue commitments"


# Areas of each level, as a card or a sentence names them.
LEVEL_PLURAL = {
    "tract": "Neighbourhoods",
    "county": "Counties",
    "zcta": "ZIP code areas",
    "custom": "Areas",
    "state": "States",
}


def faring_worse(level: str) -> str:
    return f"{LEVEL_PLURAL[level]} faring worse than the region as a whole"


def no_area_value(level: str) -> str:
    return f"No {LEVEL_SINGULAR[level]} has a value to show for this indicator and year."


def derived_note(
    parts: int, of: int, level: str, weighted: bool = True, by: str | None = "population"
) -> str:
    """Under a region's figure derived from its areas (metrics.derived_from_parts)."""
    which = f"its {parts}" if parts == of else f"{parts} of its {of}"
    how = (
        "each counted once (no populations loaded)"
        if not weighted
        else "their counts added up"
        if by == "denominator"
        else "weighted by population"
    )
    return f"Derived from {which} {LEVEL_PLURAL[level].lower()}, {how}; no interval"


def derived_reference(place: str) -> str:
    """A chart's line at a region's figure derived from its areas (metrics.derived_from_parts)."""
    return f"{place} (derived from its areas)"


def overview_title(region: str) -> str:
    return f"Health equity in {place_words(region)}"


def interval_note(lo, hi, unit: str) -> str:
    """Under a headline figure: 'Likely between a and b (95% confidence interval)', or '' without one."""
    ci = interval(lo, hi, unit)
    return ci.capitalize() + " (95% confidence interval)" if ci else ""


def widest_gap_takeaway(
    year, label: str, ratio: float, worst: str, worst_value: str, best: str, best_value: str
):
    """The overview's lead: the widest gap between groups, in a sentence."""
    return (
        f"The widest gap in {year}: {lower_first(label)} were {times(ratio)} as common among "
        f"{worst} ({worst_value}) as among {best} ({best_value})."
    )


def gap_bar_label(label: str, dim: str, worst: str, best: str) -> str:
    """A bar's label on the gaps chart: the indicator and comparison, the two groups below in grey."""
    return (
        f"{label} — by {dim.lower()}<br><span style='font-size:14px;color:#4a4f55'>{worst} vs {best}</span>"
    )


def gap_link(label: str, dim: str) -> str:
    return f"{label} by {dim.lower()}"


def gaps_heading(year, dims: tuple[str, ...] | list[str] = ("race_ethnicity", "income")) -> str:
    """'Widest gaps by race and ethnicity and by income, 2024': the social groups the database has."""
    by = " and ".join(f"by {group_dim_label(d).lower()}" for d in dims)
    return f"Widest gaps {by}, {year}"


def need_heading(label: str, higher_is_worse: bool, year) -> str:
    return f"Where {lower_first(label)} is {'highest' if higher_is_worse else 'lowest'}, {year}"


def indicator_caption(ind, year) -> str:
    """Under a page: the indicator's source and year, whether crude or age-adjusted, and its definition
    (``ind`` a row of the indicator catalogue). Plain text."""
    measure = measure_words(ind.measure_type, ind.unit)
    return f"Source: {ind.source_name}, {year}{'; ' + measure if measure else ''}. {ind.description}"


# ---- map: one indicator or the need index across areas ---------------------------------------------

INDEX_LABEL = "Combined need index"
ONE_INDICATOR = "One indicator"
INDEX_LEGEND = f"{INDEX_LABEL}<br>(0 = least, 1 = most need)"
INDEX_WHAT = "percentile rank of combined need"
INDEX_METHOD = (
    "Each indicator is ranked across the areas in view, ranks are summed within each domain and "
    "ranked again, and the domain sums (times their weights) are summed and ranked once more: the "
    "way CDC/ATSDR computes the Social Vulnerability Index. 0 is the least need, 1 the most."
)
MAP_KEY = (
    "Darker areas have greater need; colours split the areas into five groups of equal size. Light grey "
    "areas have too few people counted to show a figure; dark grey areas have no data. Faded areas are "
    "unreliable estimates. Dots are program sites. Click an area to see its details."
)
GREATEST_NEED = "Greatest need"
ABOUT_MAP = "About this map"
CLEAR_SELECTION = N_("Clear the selection")
DRAWING_MAP = N_("Drawing the map…")


# Each level as the map's choice of level names it, and one area of it in a sentence or a title.
LEVEL_WORDS = {
    "tract": N_("Neighbourhoods (census tracts)"),
    "county": N_("Counties"),
    "zcta": N_("ZIP code areas (ZCTAs)"),
    "custom": N_("Cities, towns and your own areas"),
    "state": N_("States"),
}


def level_words(level: str) -> str:
    """The map's name for a level ('Neighbourhoods (census tracts)'), in this run's language."""
    return _(LEVEL_WORDS.get(level, level))


LEVEL_SINGULAR = {
    "tract": N_("neighbourhood"),
    "county": N_("county"),
    "zcta": N_("ZIP code area"),
    "custom": N_("area"),
    "state": N_("state"),
}
NO_AREAS = "There are no areas of this level in this region. Choose another region or level in the sidebar."


def no_shapes(unshaped: int, of: int, level: str) -> str:
    """Areas loaded from a values file alone: their figures show everywhere but on the map."""
    areas = LEVEL_PLURAL[level].lower()
    which = (
        f"None of the {of} {areas} here has a shape loaded"
        if unshaped == of
        else f"{unshaped} of the {of} {areas} here have no shape loaded"
    )
    return (
        f"{which}, so the map cannot draw them; their figures are below and on every other page. Load their "
        "boundaries (Census cartographic boundary files) with `python -m equity ingest boundaries FILE`."
    )


def map_title(label: str, level: str, year) -> str:
    return f"{label} by {LEVEL_SINGULAR[level]}, {year}"


def index_source(year) -> str:
    return f"Source: the indicators' own sources (see Data & methods) · {year}"


def map_measure(unit: str, measure_type: str) -> str:
    """What a map's colours measure: 'crude rate', 'age-adjusted rate', or the unit ('Years')."""
    return MEASURE_WORDS[measure_type] if unit in RATE_UNITS else UNIT_AXIS[unit]


def map_subtitle(region: str, what: str) -> str:
    return f"{region} · {what} · darker = greater need · click an area for its details"


def index_weight_label(domain: str) -> str:
    return f"Weight of {domain.lower()}"


def index_contents(n: int) -> str:
    return f"What goes into the index ({n} indicators)"


def index_takeaway(n: int, year, greatest: list[str]) -> str:
    """The need index's lead: where the greatest need is, or why it cannot be ranked."""
    if not greatest:
        return "Too few areas have every chosen indicator to rank them; try fewer indicators or counties."
    return f"Combining {n} indicators, the greatest need in {year} is in " + ", ".join(greatest) + "."


def index_about(parts: list[tuple[str, str]], year, weights: dict[str, float]) -> str:
    """What the index holds: each indicator with its source, the year, each domain's weight."""
    held = "; ".join(f"{label} ({source})" for label, source in parts)
    weighted = ", ".join(f"{d.lower()} {w:g}" for d, w in weights.items())
    return f"{held}, {year}. Weights: {weighted}."


RANGES_ARE_CIS = "Ranges in brackets are 95% confidence intervals."
IN_THE_INDEX = "In the index:"
SOURCE = "Source:"


def area_gaps_link(name: str) -> str:
    return f"Gaps between groups in {name}"


def zip_and_places_in_states(level: str) -> str:
    """Why a county shows no ZIP code areas or places: they lie in a state, not inside one county."""
    return (
        f"{LEVEL_WORDS[level]} are shown for a whole state, not a county. Choose the state as the region in "
        "the sidebar."
    )


# ---- disparities: groups against a reference, shares, over time, other places ----------------------

BEST_OFF_GROUP = "The best-off group"
COMPARE_WITH = "Compare each group with"
ACROSS_GROUPS = "Across all groups:"
SHARES_HEADING = "Share of those affected and share of the people"
OVER_TIME = "Over time"
OTHER_PLACES = "Compared with other places"


def no_part_groups(level: str, dim_words: str) -> str:
    """Said where no area inside the region has figures by the groups chosen (but has others)."""
    return (
        f"No {LEVEL_SINGULAR.get(level, 'area')} inside this region has figures of this indicator by "
        f"{dim_words}; choose another comparison in the sidebar."
    )


def no_part_gaps(level: str) -> str:
    return (
        f"No {LEVEL_SINGULAR.get(level, 'area')} inside this region has enough groups with values to compare."
    )


UNRELIABLE_NOTE = (
    f"relative standard error over {stats.UNRELIABLE_RSE:.0%}"  # the NCHS standard, as stats applies it
)


def disparities_title(label: str, dim_words: str) -> str:
    """'Adults without insurance by race and ethnicity'; the label alone where there are no groups, or
    where it says its groups itself ('Median household income, by householder's race and age')."""
    return f"{label} by {dim_words}" if dim_words and ", by " not in label else label


def groups_title(label: str, dim_words: str, place: str) -> str:
    return f"{label} by {dim_words}, {place}"


def trend_title(label: str, dim_words: str) -> str:
    return f"{label} by {dim_words} over time"


def places_title(label: str, dim_words: str, place: str) -> str:
    return f"{label} by {dim_words}: {place} and the places around it"


def part_gaps_title(dim_words: str, level: str = "county", shown: int = 0, of: int = 0) -> str:
    """'Gap by race and ethnicity in each county'; where only the widest are drawn, how many of how many."""
    if of > shown > 0:
        parts = LEVEL_PLURAL.get(level, "Areas").lower()
        return f"Gap by {dim_words}: the {shown} {parts} where it is widest, of {of:,}"
    return f"Gap by {dim_words} in each {LEVEL_SINGULAR.get(level, 'area')}"


def share_title(label: str) -> str:
    return f"{label}: who is affected"


def everyone_in(place: str) -> str:
    return f"Everyone in {place}"


def back_to(region: str) -> str:
    return f"Back to all of {region}"


def no_groups(
    label: str, with_groups: list[str], place: str = "", elsewhere: bool = False, part_level: str = "county"
) -> str:
    """Said when an indicator has no values by group here, naming those that have them (if any do).
    ``elsewhere``: the indicator itself has groups, for other areas than ``place`` (a tract file's
    groups, say, with no figure for its state)."""
    if elsewhere:
        parts = LEVEL_PLURAL.get(part_level, "Areas").lower()
        one = LEVEL_SINGULAR.get(part_level, "area")
        return (
            f"“{label}” has no values by group for {place_words(place)} itself; the source gives its groups "
            "for its "
            f"{parts}. Their gaps are compared below; choose a {one} as the region (or on the map) to see "
            "its groups."
        )
    if not with_groups:
        return f"“{label}” has no values by group, and no indicator in this database has them yet."
    return f"“{label}” has no values by group. These indicators do: {', '.join(with_groups)}."


def measure_and_bars(measure_type: str, marks: str) -> str:
    """A group chart's key: 'crude rates · whiskers: 95% confidence interval'."""
    return f"{MEASURE_WORDS[measure_type]}s · {marks}: 95% confidence interval"


def against_reference(ref_label: str) -> str:
    return f"Each group against {lower_first(ref_label)}"


def summary_words(summary: dict) -> str:
    """Healthy People's Index of Disparity and summary rate ratio, with their intervals, in words."""
    idx, idx_lo, idx_hi = summary["index_of_disparity"]
    srr, srr_lo, srr_hi = summary["summary_rate_ratio"]
    return (
        f"on average, groups fare {idx:.0f}% worse than the best-off group "
        f"(Index of Disparity {idx:.0f}%, likely between {idx_lo:.0f}% and {idx_hi:.0f}%; summary rate ratio "
        f"{srr:.2f}, likely between {srr_lo:.2f} and {srr_hi:.2f}). Intervals by simulation from each "
        "group's standard error, as Healthy People computes them."
    )


def share_takeaway(group_words: str, population_share: float, case_share: float, inequity: float, label: str):
    """A group's share of those affected against its share of the people."""
    return (
        f"{group_words[:1].upper() + group_words[1:]} make up {population_share:.0%} of the people counted "
        f"but {case_share:.0%} of {lower_first(label)}: {inequity:+.0%} against their share."
    )


def share_note(min_count: int, measure_type: str) -> str:
    return f"groups of {small_counts(min_count)} people are pooled · crude counts" + (
        ", not age-adjusted" if measure_type == "age_adjusted" else ""
    )


def too_few_groups_here(place: str) -> str:
    return f"Too few groups have values in {place} to measure its gap; the chart shows what there is."


def widest_part_gap(county: str, worst: str, best: str, ratio: float, here=None, nation=None) -> str:
    """Where among a region's counties (or the nation's states: ``level``) the gap between groups is
    widest, against the region's and the nation's (``here`` and ``nation`` each a place and its ratio, or
    None)."""
    against = [f"{r:.1f} times across {name}" for name, r in (p for p in (here, nation) if p is not None)]
    overall = f", against {_and(against)}" if against else ""
    return (
        f"The gap between the worst- and best-off groups is widest in {county}: "
        f"{worst} fare {ratio:.1f} times worse than {best}{overall}."
    )


def disparities_caption(description: str, min_count: int) -> str:
    return (
        f"{description} Groups with {few(min_count)} people counted are shown as "
        f"“{FLAG_TEXT['suppressed']}”, never as zero. "
        f"Faded dots are unreliable estimates ({UNRELIABLE_NOTE})."
    )


# ---- data & methods: sources, loads, definitions, how to read, downloads ---------------------------

DEMO_NOTE = N_(
    "This dashboard is showing the **fictional demo database**. Riverbend, its counties, programs, "
    "partners and every figure are generated by `python -m equity demo` to show how the dashboard "
    "works. Nothing describes a real place or person."
)
WHAT_LOADS_BROUGHT = N_("What each load brought in")
DOWNLOADS_NOTE = N_(
    "The data behind each page, for the filters in the sidebar. Withheld values stay withheld."
)
LOADING_ORG = N_(
    "Load what you filled in with `python -m equity ingest org organisation_tables.xlsx`, or with the CSV "
    "files, each named after its table: `python -m equity ingest org partners.csv programs.csv ...`. Each "
    "table you load (a sheet, or a CSV) replaces the dashboard's copy whole; the others are kept, and a "
    "header row with no rows under it empties that table. Dates are written YYYY-MM-DD (or typed as dates "
    "in Excel), yes-or-no columns true or false, values typed rather than calculated by formulas, and area "
    "ids must be areas already loaded (load boundaries first)."
)
KINDS_INTRO = N_(
    "An editor loads public files and the coalition's own tables on the server, with one command per kind "
    "of file; a load is all or nothing, and a file that cannot be read changes nothing. See “Loading your "
    "own data” in the README for each kind's details."
)
KIND_COLUMNS = (N_("Command"), N_("Reads"))
ZCTA_NOTE = N_(
    "- **ZIP code areas** are the Census Bureau's ZIP Code Tabulation Areas (ZCTAs), drawn from where "
    "people live; they are close to, but not the same as, the ZIP codes mail is sorted by. In downloads "
    "and links a ZIP code area's id is Z and its five digits (Z02134), so that it is never mistaken "
    "for a county's code and keeps its leading zero in a spreadsheet. Some cross a state line: each is "
    "shown with one state, the one that holds a point inside it."
)


def source_facts(r) -> str:
    """One source as Markdown: its name in bold, publisher, years, licence, rows, when loaded, address.
    The address is text to copy, not a link: it comes from a loaded file or the command line."""
    if is_missing(r.rows):
        rows = _("row count unknown")
    else:
        rows = ngettext("{n} row", "{n} rows", int(r.rows)).format(n=f"{int(r.rows):,}")
    where = f" · {r.url}" if isinstance(r.url, str) and r.url else ""
    facts = (
        _("{publisher}; years covered {vintage}; licence {licence}; {rows}; loaded {day}").format(
            publisher=r.publisher,
            vintage=r.vintage,
            licence=r.license or _("not stated"),
            rows=rows,
            day=long_day(r.imported_at),
        )
        + where
    )
    notes = getattr(r, "notes", None)
    said = f"  \n{_(PUBLISHER_NOTES)} {md(notes)}" if isinstance(notes, str) and notes else ""
    return f"**{md(r.name)}** — {md(facts)}.{said}"


PUBLISHER_NOTES = N_("*What the publisher notes about these figures:*")


def long_day(day) -> str:
    """'March 5, 2026' ('5 de marzo de 2026' in Spanish)."""
    day = pd.Timestamp(day)
    return f"{day:%B %-d, %Y}" if i18n.lang() == "en" else i18n.date(day.date())


def load_facts(r) -> str:
    """One load of a file as a Markdown list item: the file's rows read, the values (or a boundary file's
    areas) loaded, and the values that matched no area. (A database loaded before this counted values as
    rows read.)"""
    if getattr(r, "has_values", True):
        loaded = _("{file} ({source}): {read} rows read, {loaded} values loaded")
    else:
        loaded = _("{file} ({source}): {read} rows read, {loaded} areas loaded")
    loaded = loaded.format(file=r.file, source=r.source, read=f"{r.rows_read:,}", loaded=f"{r.rows_loaded:,}")
    line = "- " + md(loaded)
    if r.rows_unjoined:
        line += _(
            "; **{n} values did not match any area** in the boundaries (for example "
            "{examples}), usually because the boundaries are of another vintage"
        ).format(n=f"{r.rows_unjoined:,}", examples=md(r.examples))
    return line + "."


def indicator_facts(r) -> str:
    """One indicator of the catalogue as Markdown: label, definition, unit, direction, measure, source."""
    facts = [
        UNIT_AXIS[r.unit].lower(),
        _("higher is worse") if r.higher_is_worse else _("higher is better"),
        measure_words(r.measure_type, r.unit, short=True),
        _("by group too") if r.has_groups else _("whole population only"),
    ]
    line = "; ".join(f for f in facts if f).capitalize()
    source = _("Source: {source}.").format(source=md(r.source_name))
    return f"**{md(r.label)}** — {md(r.description)}  \n{line}. {source}"


def how_to_read(min_count: int) -> str:
    """How to read the numbers, as a Markdown list: intervals, withheld counts, no data, reliability,
    crude and age-adjusted rates, map classes."""
    small = small_counts(min_count)
    items = [
        _(HOW_TO_READ[0]),
        _(HOW_TO_READ[1]).format(too_few=_(FLAG_TEXT["suppressed"]), small=small),
        _(HOW_TO_READ[2]).format(no_data=_(FLAG_TEXT["no_data"])),
        _(HOW_TO_READ[3]).format(rse=f"{stats.UNRELIABLE_RSE:.0%}"),
        _(HOW_TO_READ[4]),
        _(HOW_TO_READ[5]),
        _(HOW_TO_READ[6]).format(small=small),
    ]
    return "\n".join(items)


HOW_TO_READ = (
    N_(
        "- **Intervals.** “Likely between a and b” is the 95% confidence interval: if the survey were "
        "repeated many times, 95 in 100 intervals would contain the true value. Where two groups' intervals "
        "overlap, chance alone could explain the difference."
    ),
    N_(
        "- **{too_few}.** Any count of {small} people, and any rate or "
        "interval computed from one, is withheld so that nobody can be recognised. It is drawn in grey, "
        "never as zero."
    ),
    N_("- **{no_data}** means the source has no figure for that area or group."),
    N_("- **Unreliable** estimates (relative standard error above {rse}) are drawn faded."),
    N_(
        "- **Crude and age-adjusted.** A crude rate counts everyone as they are. An age-adjusted rate "
        "applies each age group's rate to the same standard population (the 2000 U.S. standard, by the "
        "direct method), so a place or group with more older people does not look worse for that alone; "
        "each chart says which it shows. The dashboard computes age-adjusted figures (“… (age-adjusted)”) "
        "wherever it has counts by age groups that line up with the standard: in the demo, and in loaded "
        "files that give them. Their intervals are Korn–Graubard for percentages and Fay–Feuer for rates. An "
        "age-adjusted figure is withheld wherever its crude one is, and for everyone wherever an age group "
        "it is built from is."
    ),
    N_("- **Map classes.** Map colours split the areas shown into five groups of equal size (quintiles)."),
    N_(
        "- **Results scorecard.** Each program measure answers one of the three questions of Results-Based "
        "Accountability (Mark Friedman, *Trying Hard Is Not Good Enough*): how much did we do, how well did "
        "we do it, and is anyone better off, which leads. Its trend compares the average of the last six "
        "months with the same months a year before, so that a season is compared with itself; on track "
        "means the latest month met its target, and a month with no target set is never counted as missed. "
        "Monthly counts of {small} are withheld and left out of every average."
    ),
)


def indicator_download(label: str, region: str) -> str:
    return _("{label}: every area, year and group in {region}").format(label=label, region=region)


def templates_note(min_count: int) -> str:
    return _(
        "Your organisation's own tables in the columns the dashboard reads: all of them in one Excel "
        "workbook with a sheet per table, or one CSV each. On the demo they hold the worked example; "
        "replace its rows with yours and keep the header row. As on every page, counts of "
        "{small} people are left blank and program reach is given for everyone, not by "
        "group; editors export the tables whole with `python -m equity export org FILE.xlsx`. "
    ).format(small=small_counts(min_count)) + _(METRIC_QUESTION_NOTE)


# The program_metrics column that says which question of results-based accountability a metric answers.
METRIC_QUESTION_NOTE = N_(
    "In program_metrics, the column question says which question each measure answers: better_off (is "
    "anyone better off?), how_well (how well did we do it?) or how_much (how much did we do?). It may be "
    "left blank, meaning not yet said, and files made before the column existed load as they are."
)


def workbook_label(tables: int) -> str:
    return _("All {n} tables in one Excel workbook, a sheet each: organisation_tables.xlsx").format(n=tables)


# ---- disparities between places, where there are no groups -----------------------------------------

VULNERABILITY_SOURCE = "CDC/ATSDR Social Vulnerability Index (overall percentile rank)"


def vulnerability_caption(svi_year, year) -> str:
    """Which SVI ranked the areas, and that its year is not the indicator's where they differ."""
    apart = f" (the SVI nearest to {year})" if svi_year != year else ""
    return f"Vulnerability: {VULNERABILITY_SOURCE}, {svi_year}{apart}."


def places_heading(level: str) -> str:
    return f"{LEVEL_PLURAL[level]} compared"


def too_few_areas(label: str, level: str, place: str, year) -> str:
    return (
        f"Fewer than three {LEVEL_PLURAL[level].lower()} in {place_words(place)} have a figure of "
        f"{lower_first(label)} for "
        f"{year}, so there is nothing to compare."
    )


def ranked_areas_title(label: str, level: str, place: str, shown: int, of: int) -> str:
    """The ranked areas chart's title, short enough for a projector: what it shows comes in its subtitle."""
    which = f"the {shown} of {of:,} with the most need" if shown < of else f"all {of:,}"
    return f"{LEVEL_PLURAL[level]} of {place_words(place)}: {which}"


def fifths_words(label: str, unit: str, level: str, f: dict) -> str:
    """The most against the least socially vulnerable fifth of areas, with the ratio's interval."""
    ratio, low, high = f["ratio"]
    chance = (
        "larger than chance alone would explain"
        if (low > 1 or high < 1)
        else ("a difference chance alone could explain")
    )
    areas = LEVEL_PLURAL[level].lower()
    return (
        f"In the most socially vulnerable fifth of {areas} ({f['areas']} {areas}, by the SVI), "
        f"{lower_first(label)} averages {number(f['most'], unit)}, against {number(f['least'], unit)} in the "
        f"least vulnerable fifth: a ratio of {ratio:.2f}, likely between {low:.2f} and {high:.2f}, {chance}. "
        "Averages are weighted by population."
    )


def signed(x: float, places: int = 2) -> str:
    """A number with its sign as a reader writes it: '+0.12', '−0.03' (a minus sign), '0.00' (never
    '−0.00')."""
    shown = f"{abs(x):.{places}f}"
    if float(shown) == 0:
        return shown
    return ("+" if x > 0 else "−") + shown


def concentration_words(label: str, level: str, rci: tuple[float, float, float]) -> str:
    """The concentration index in words (stats.concentration_index), with its interval."""
    value, low, high = rci
    areas = LEVEL_PLURAL[level].lower()
    if low <= 0 <= high:
        where = f"spread about evenly between more and less vulnerable {areas}"
    elif value < 0:
        where = f"concentrated in the more socially vulnerable {areas}"
    else:
        where = f"concentrated in the less socially vulnerable {areas}"
    return (
        f"Concentration index {signed(value)} (likely between {signed(low)} and {signed(high)}): "
        f"{lower_first(label)} is {where}. The index runs from −1 (all of it in the most vulnerable) to +1 "
        f"(all in the least), 0 for an even spread (Wagstaff, Paci and van Doorslaer 1991; NCI's HD*Calc)."
    )


def no_vulnerability(level: str, loaded: bool) -> str:
    areas = LEVEL_PLURAL[level].lower()
    if loaded:
        return (
            f"Too few {areas} have both this figure and a Social Vulnerability Index rank to compare the "
            "most and least vulnerable."
        )
    return (
        f"Load the CDC/ATSDR Social Vulnerability Index for these {areas} (`python -m equity ingest svi`) to "
        "compare the most and the least socially vulnerable of them."
    )


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def peer_words(place: str, state: str, level: str, standing: dict, label: str, unit: str, worse: bool) -> str:
    """Where a place stands among its peers: 'Among the 5 counties of Riverbend with a figure, Kent has the
    2nd highest …' (``worse``: higher is worse)."""
    most = "highest" if worse else "lowest"
    rank = "the" if standing["rank"] == 1 else f"the {ordinal(standing['rank'])}"
    spread = (
        f"median {number(standing['median'], unit)}, range {number(standing['low'], unit)} to "
        f"{number(standing['high'], unit)}"
    )
    return (
        f"Among the {standing['of']} {LEVEL_PLURAL[level].lower()} of {state} with a figure, {place} has "
        f"{rank} {most} {lower_first(label)} ({number(standing['value'], unit)}; {spread})."
    )


# ---- downloads and links: each chart's data with its citation, each chart's own link ----------------

DOWNLOAD_CHART = "Download this chart's data:"
DOWNLOAD_MAP = "Download the map's data:"
DOWNLOAD_GAPS = "Download these gaps:"
DOWNLOAD_CHARTS = "Download these charts' data:"
DOWNLOAD_GROUPS = "Download this chart's data, every year and group:"
CSV, EXCEL = N_("CSV"), N_("Excel")
CHART_LINK = N_("Link to this chart")
CHART_LINK_NOTE = N_(
    "This address opens this page at this chart, with the same filters. Point at it for its copy button."
)
CHART_TABLE = N_("This chart's data as a table")
TABLE_ROWS = 25  # rows shown under a chart; the downloads hold them all
# How a download's columns are named where a person reads them (the chart's table); the download keeps
# its column names, which a program reading it relies on. A name not here reads with its underscores as
# spaces.
COLUMN_WORDS = {
    "area": N_("Area"),
    "label": N_("What"),
    "name": N_("Name"),
    "level": N_("Level"),
    "year": N_("Year"),
    "period": N_("Period"),
    "group_dim": N_("Grouped by"),
    "group_label": N_("Group"),
    "value": N_("Value"),
    "ci_low": N_("95% interval, low"),
    "ci_high": N_("95% interval, high"),
    "numerator": N_("Count"),
    "denominator": N_("Out of"),
    "flag": N_("Note"),
    "people": N_("People"),
    "participants": N_("Participants"),
    "population": N_("Population"),
    "target": N_("Target"),
    # Columns the community voice page's tables show; in English as their names read.
    "people_heard": N_("People heard"),
    "too_few_to_show": N_("Too few to show"),
    "share_heard": N_("Share heard"),
    "residents": N_("Residents"),
    "share_of_residents": N_("Share of residents"),
    "under_heard": N_("Under heard"),
    "times_raised": N_("Times raised"),
    "topic": N_("Topic"),
}


# Codes a program needs in a download but a person reading the chart's table does not: each has its
# words in another column (the area's name beside its code, the group beside its grouping's code).
CODE_COLUMNS = ("group_dim", "unit", "measure_type")


def column_words(name: str) -> str:
    """A download's column as a heading a person reads."""
    name = str(name)
    return _(COLUMN_WORDS[name]) if COLUMN_WORDS.get(name) else name.replace("_", " ").capitalize()


def table_columns(columns) -> list:
    """The columns of a download a chart's table shows: not its codes (``…_id``, CODE_COLUMNS), unless it
    would show nothing else."""
    kept = [c for c in columns if not (str(c).endswith("_id") or c in CODE_COLUMNS)]
    return kept or list(columns)


def cell_words(value) -> str:
    """A cell of a chart's table as text: empty where there is no value (a withheld count, or none), a
    whole number without decimals, a fraction to two places."""
    if value is None or (not isinstance(value, (str, bytes)) and bool(pd.isna(value))):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return _("yes") if value else _("no")
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else f"{float(value):.2f}".rstrip("0").rstrip(".")
    return str(value)


def table_rows_note(shown: int, total: int) -> str:
    if total <= shown:
        return ""
    return _("The first {shown} of {total} rows; the downloads hold them all.").format(
        shown=f"{shown:,}", total=f"{total:,}"
    )


ABOUT_SHEET, DATA_SHEET = N_("About"), N_("Data")
ABOUT_HEADING = N_("About this download")
ABOUT_FIELDS = {
    "chart": N_("Chart"),
    "view": N_("View"),
    "source": N_("Source"),
    "vintage": N_("Vintage"),
    "method": N_("Method"),
    "definition": N_("Definition"),
    "intervals": N_("Intervals"),
    "small_counts": N_("Small counts"),
    "link": N_("Link to this view"),
    "downloaded": N_("Downloaded"),
    "demo": N_("Fictional data"),
    "rows": N_("Rows"),
    "cells": N_("Text cells"),
}
DEMO_DOWNLOAD = N_(
    "These are the dashboard's fictional demo data: the region, its people, programs and every number are "
    "made up to show how the dashboard works."
)
INTERVALS_METHOD = N_(
    "ci_low and ci_high bound the 95% confidence interval. Published figures keep their publisher's interval "
    "(an American Community Survey 90% margin of error is widened to 95%). Where the dashboard computes an "
    "interval from counts it uses the Wilson interval for a crude percent, the exact Poisson interval "
    "(Byar's approximation for large counts) for a crude rate, and for an age-adjusted figure the "
    "Korn–Graubard interval (percents) or the Fay–Feuer interval (rates). Each definition says where its "
    "figures come from."
)
RECORDS_METHOD = N_(
    "Counted from the coalition's own records as they were entered; the records are not a sample, so they "
    "have no confidence intervals."
)
SOURCES_RECORDS = N_("This database's list of the sources it was loaded from")
PROGRAM_RECORDS = N_("Programs' own monthly reports")
CELLS_NOTE = N_(
    "A text cell that a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a "
    "carriage return) starts with an apostrophe ('), so that it stays text."
)

# ---- the brief (equity.brief): a view as an HTML file and a PDF to forward --------------------------

BRIEF_HEADING = N_("Make a brief")
BRIEF_NOTE = N_("This view as one file to forward: its charts, takeaways, source and method, and its link.")
BRIEF_HTML = N_("Brief (HTML)")
BRIEF_PDF = N_("Brief (PDF)")
BRIEF_ADD = N_("Add this view to the brief")
BRIEF_CLEAR = N_("Start the brief again")
BRIEF_VIEW = N_("View:")
BRIEF_PLACE = N_("Place and population:")
BRIEF_LIVE = N_("Live view:")
BRIEF_MADE = N_("Made:")
BRIEF_QR = "Scan to open the live view"
BRIEF_QR_ALT = "QR code of the link to the live view"
BRIEF_DEMO_LABEL = "Fictional demo data."
BRIEF_METHOD_HEADING = "Source and method"
BRIEF_VINTAGE = "vintage"
BRIEF_INTERVALS = (
    "Ranges are 95% confidence intervals: the range the true value most likely lies in. Published figures "
    "keep their publisher's interval (an American Community Survey 90% margin of error is widened to 95%). "
    "Where the dashboard computes an interval from counts it uses the Wilson interval for a crude percent, "
    "the exact Poisson interval (Byar's approximation for large counts) for a crude rate, and for an "
    "age-adjusted figure the Korn–Graubard interval (percents) or the Fay–Feuer interval (rates)."
)


def brief_title(page: str, place: str) -> str:
    """'Disparities in Riverbend'; the overview is the place's health equity."""
    return f"Health equity in {place}" if page == "Overview" else f"{page}: {place}"


def brief_place(place: str, population) -> str:
    """'Riverbend, 512,345 people living here'."""
    return place if is_missing(population) else f"{place}, {people(population)} people living here"


def brief_made(when) -> str:
    """'December 1, 2026, 18:40 UTC'."""
    return f"{pd.Timestamp(when):%B %-d, %Y, %H:%M} UTC"


def brief_footer(when) -> str:
    return f"Made with the Equity Dashboard on {pd.Timestamp(when):%B %-d, %Y}"


def brief_several(n: int) -> str:
    return f"A brief of {n} views"


def brief_more_rows(n: int) -> str:
    return f"… and {n:,} more {'row' if n == 1 else 'rows'}: the page and its download have them all."


def brief_chosen(n: int) -> str:
    return ngettext(
        "The brief holds {n} chosen view and this one.", "The brief holds {n} chosen views and this one.", n
    ).format(n=n)


def records_vintage(as_of) -> str:
    """The organisation's own records' vintage: 'As recorded up to June 30, 2025'."""
    return _("As recorded up to {day}").format(day=long_day(as_of))


def source_words(name: str, publisher) -> str:
    """A source as the About sheet names it: its name and, where known and not repeated, its publisher."""
    if isinstance(publisher, str) and publisher and publisher not in name:
        return f"{name}, {publisher}"
    return name


def method_words(label: str, unit: str, measure_type: str) -> str:
    """One indicator's method in a line: 'Adults without health insurance: percent, crude rate.' An
    age-adjusted rate names its standard."""
    measure = measure_words(measure_type, unit)
    if measure_type == "age_adjusted" and measure:
        measure += " " + _("(direct method, 2000 U.S. standard population)")
    unit_words = UNIT_AXIS.get(unit, unit).lower()
    return f"{label}: {unit_words}{', ' + measure if measure else ''}."


def small_count_rule(min_count: int) -> str:
    """The small-count rule as a download states it, with the database's own threshold."""
    return _(
        "Counts of {small} people are withheld (this database's threshold: counts under "
        "{min_count}), and so is any figure from which such a count could be worked out: a rate or interval "
        "computed from it, or the part of a shown total that the other parts would give away. A withheld "
        "figure is left blank, flagged “suppressed” where the table has a flag; a blank is not a zero."
    ).format(small=small_counts(min_count), min_count=min_count)


def rows_cut(shown: int, total: int) -> str:
    """Said where a table is longer than an Excel sheet can hold."""
    return _(
        "This workbook holds the first {shown} of {total} rows, as many as an Excel sheet can; the CSV "
        "download holds them all."
    ).format(shown=f"{shown:,}", total=f"{total:,}")


def downloaded_words(when) -> str:
    """'2026-12-01 15:29 UTC'."""
    return f"{pd.Timestamp(when):%Y-%m-%d %H:%M} UTC"


def view_words(parts: list[str]) -> str:
    """The filters of a view in a line: 'Riverbend · Adults without health insurance · 2024'."""
    return " · ".join(p for p in parts if p)


# Meeting mode (equity/stories.py holds its own words): the sidebar's link that starts the slides.
START_MEETING = N_("Meeting slides (one idea on each)")
