"""Plain words: how values, intervals and flags are written, and the one-sentence takeaways."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from equity import i18n, stats
from equity.i18n import N_, _, ngettext
from equity.safety import inert, md


class Words(dict):
    """A table of English words, each marked N_ where it is written, read in this run's language
    (``TABLE[key]`` and ``TABLE.get(key)`` translate; ``.values()`` and ``.items()`` stay English)."""

    def __getitem__(self, key):
        return _(super().__getitem__(key))

    def get(self, key, default=None):
        return self[key] if key in self else default


# How a withheld figure, a missing one and an unrecorded one read, everywhere (never confused with zero).
TOO_FEW = N_("Too few to show")
NO_DATA = N_("No data")
NOT_RECORDED = N_("Not recorded")
FLAG_TEXT = Words(
    suppressed=TOO_FEW,
    no_data=NO_DATA,
    unreliable=N_("Unreliable estimate (few people surveyed)"),
)


def flag_text(flag) -> str:
    """How a flag reads, in this run's language: 'Too few to show', 'No data' (no flag: 'No data')."""
    return FLAG_TEXT.get(flag or "no_data", FLAG_TEXT["no_data"])


UNIT_SUFFIX = Words(
    percent="%",
    per_100k=N_(" per 100,000"),
    per_1k=N_(" per 1,000"),
    years=N_(" years"),
    dollars="",  # the $ comes first (number)
    index="",
)
UNIT_AXIS = Words(
    percent=N_("Percent"),
    per_100k=N_("Rate per 100,000"),
    per_1k=N_("Rate per 1,000"),
    years=N_("Years"),
    dollars=N_("Dollars"),
    index=N_("Index"),
)

MEASURE_WORDS = Words(crude=N_("crude rate"), age_adjusted=N_("age-adjusted rate"))
MEASURE_SHORT = Words(crude=N_("crude"), age_adjusted=N_("age-adjusted"))
RATE_UNITS = ("percent", "per_1k", "per_100k")  # units for which "crude or age-adjusted" means something


def measure_words(measure_type: str, unit: str, short: bool = False) -> str:
    """'crude rate' or 'age-adjusted rate' ('crude', 'age-adjusted' when ``short``) for percents and
    rates; '' for years and indexes, which are neither."""
    words = MEASURE_SHORT if short else MEASURE_WORDS
    return words.get(measure_type, "") if unit in RATE_UNITS else ""


GROUP_DIM_LABELS = Words(
    race_ethnicity=N_("Race and ethnicity"),
    race=N_("Race"),  # of any Hispanic origin
    ethnicity=N_("Hispanic origin"),  # of any race
    hispanic_race=N_("Hispanic residents by race"),  # where Hispanic people of all races cannot be added up
    income=N_("Household income"),
    age=N_("Age group"),
    sex=N_("Sex"),
    language=N_("Language"),
    insurance=N_("Insurance"),
    all=N_("Everyone"),
)


def few(min_count: int) -> str:
    """How a withheld count is written in a table cell: 'fewer than 11'."""
    return _("fewer than {n}").format(n=min_count)


def small_counts(min_count: int) -> str:
    """The counts that are withheld, in words: '1 to 10' (for the threshold the database was built with)."""
    return _("1 to {top}").format(top=min_count - 1) if min_count > 2 else "1"


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
        return _("{value} percentage points").format(value=f"{value:,.1f}")
    return number(value, unit)


def people(count) -> str:
    """A population count, or 'not known' where the data have none (boundaries carry no population)."""
    return _("not known") if is_missing(count) else f"{int(count):,}"


def interval(lo, hi, unit: str) -> str:
    """'likely between a and b' (the 95% confidence interval), or '' where there is none."""
    if is_missing(lo) or is_missing(hi):
        return ""
    return _("likely between {low} and {high}").format(low=number(lo, unit), high=number(hi, unit))


def value_with_flag(value, lo, hi, flag, unit: str) -> str:
    """How one figure is shown wherever it appears: too few, no data, or the value and its interval."""
    if flag in ("suppressed", "no_data") or is_missing(value):
        return flag_text(flag)
    text = number(value, unit)
    ci = interval(lo, hi, unit)
    if ci:
        text += f" ({ci})"
    if flag == "unreliable":
        text += _(" — unreliable estimate")
    return text


def unnamed(level: str, area_id: str) -> str:
    """The name of an area a load made from its parts' ids without being told its name ('County 44001')."""
    return f"{LEVEL_SINGULAR.get(level, 'area').capitalize()} {area_id}"


def is_unnamed(name: str, level: str, area_id: str) -> bool:
    return name == unnamed(level, area_id)


def group_dim_label(dim: str) -> str:
    return GROUP_DIM_LABELS.get(dim, dim.replace("_", " ").capitalize())


ALL_GROUP = N_("All")  # the label of the group of everyone (group_dim "all")

# Groups of the built-in data and the loaders, as a sentence names them: each said whole in Spanish.
WHO_PHRASES = (
    N_("Hispanic or Latino residents"),
    N_("Not Hispanic or Latino residents"),
    N_("Black residents"),
    N_("White residents"),
    N_("Asian residents"),
    N_("American Indian or Alaska Native residents"),
    N_("Native Hawaiian or Other Pacific Islander residents"),
    N_("Asian or Pacific Islander residents"),
    N_("Two or more races residents"),
    N_("Some other race residents"),
    N_("Other or unknown race residents"),
    N_("White, not Hispanic or Latino residents"),
    N_("people with incomes below poverty"),
    N_("people with incomes at 100–199% of poverty"),
    N_("people with incomes at 200% of poverty or more"),
)


def who(dim: str, label: str) -> str:
    """A group named the way a sentence needs it: 'Hispanic or Latino residents', 'people aged 18–24'."""
    low = label[:1].lower() + label[1:]
    if dim in ("race_ethnicity", "race", "ethnicity"):
        english = f"{label} residents"
    elif dim == "hispanic_race":
        english = f"Hispanic {label} residents"
    elif dim == "income":
        english = f"people with incomes {low}" if low.startswith("below") else f"people with incomes at {low}"
    elif dim == "age":
        english = f"people aged {label}"
    elif dim == "sex":
        english = {"female": "women", "male": "men"}.get(label.lower(), label)
    elif dim == "all":
        english = "everyone"
    else:
        english = f"the {label} group"
    if i18n.lang() == "en":
        return english
    return _who_translated(dim, label, english)


def _who_translated(dim: str, label: str, english: str) -> str:
    """who() in a language other than English: a known phrase whole, else a template around the label."""
    import re

    if english in WHO_PHRASES:
        return _(english)
    group = i18n.label(label)
    if dim in ("race_ethnicity", "race", "ethnicity"):
        return _("{group} residents").format(group=group)
    if dim == "hispanic_race":
        return _("Hispanic {group} residents").format(group=group)
    if dim == "income":
        return _("people with incomes {income}").format(income=group)
    if dim == "age":
        if m := re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", label.strip()):
            return _("people aged {low} to {high}").format(low=m[1], high=m[2])
        if m := re.fullmatch(r"(\d+) and older", label.strip()):
            return _("people aged {age} and older").format(age=m[1])
        if m := re.fullmatch(r"Under (\d+)", label.strip()):
            return _("people aged under {age}").format(age=m[1])
        return _("people aged {age}").format(age=group)
    if dim == "sex":
        words = {"female": N_("women"), "male": N_("men")}.get(label.lower())
        return _(words) if words else group
    if dim == "all":
        return _("everyone")
    return _("the {group} group").format(group=group)


def times(ratio: float) -> str:
    """A ratio in words: 'about twice', '3.4 times', 'about the same as'."""
    if ratio < 1.1:
        return _("about the same as")
    if 1.85 <= ratio < 2.15:
        return _("about twice")
    if 2.85 <= ratio < 3.15:
        return _("about three times")
    return _("{ratio} times").format(ratio=f"{ratio:.1f}")


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
    areas = level_plural(level, lower=True)
    if len(values) and len(missing) / len(values) > 0.25:
        parts = []
        if withheld:
            few_words = (
                _("{n} of {of} {areas} have too few people counted to show a figure; counties may tell more")
                if level == "tract"
                else _("{n} of {of} {areas} have too few people counted to show a figure")
            )
            parts.append(few_words.format(n=withheld, of=len(values), areas=areas))
        if no_data:
            parts.append(
                _("{n} of {of} {areas} have no figure from the source for {year}").format(
                    n=no_data, of=len(values), areas=areas, year=year
                )
            )
        note = " " + "; ".join(parts) + "."
    if len(shown) < 2:
        return (
            _("There are too few areas with data to compare {label} across {place} in {year}.").format(
                label=lower_first(label), place=place, year=year
            )
            + note
        )
    ordered = worst_first(shown, higher_is_worse)
    worst, best = ordered.iloc[0], ordered.iloc[-1]
    values_words = dict(
        year=year,
        label=lower_first(label),
        low=number(best.value, unit),
        best=best["name"],
        high=number(worst.value, unit),
        worst=worst["name"],
    )
    if best.value > 0 and higher_is_worse:
        sentence = _(
            "In {year}, {label} ranged from {low} in {best} to {high} in {worst}: {times} as high in "
            "the area of greatest need."
        ).format(times=times(worst.value / best.value), **values_words)
    else:
        sentence = _("In {year}, {label} ranged from {low} in {best} to {high} in {worst}.").format(
            **values_words
        )
    return sentence + note


def group_takeaway(
    groups: pd.DataFrame, label: str, unit: str, higher_is_worse: bool, year: int, place: str, dim: str
) -> str:
    """Which group fares worst, against the group that fares best."""
    shown = groups.dropna(subset=["value"])
    dim_words = group_dim_label(dim).lower()
    if groups.empty:  # no figures by these groups at all: not the same as groups too small to show
        return _(
            "There are no figures of {label} by {dim} in {place} for {year}; choose another comparison in "
            "the sidebar."
        ).format(label=lower_first(label), dim=dim_words, place=place, year=year)
    if len(shown) < 2:
        return _(
            "Too few groups have enough people to compare {label} by {dim} in {place} in {year}."
        ).format(label=lower_first(label), dim=dim_words, place=place, year=year)
    ordered = worst_first(shown, higher_is_worse)
    worst, best = ordered.iloc[0], ordered.iloc[-1]
    values = dict(
        year=year,
        place=place,
        label=lower_first(label),
        worst=who(dim, worst.group_label),
        worst_value=number(worst.value, unit),
        best=who(dim, best.group_label),
        best_value=number(best.value, unit),
    )
    if not higher_is_worse:
        return _(
            "In {year} in {place}, {label} was lowest for {worst} ({worst_value}) and highest for {best} "
            "({best_value})."
        ).format(**values)
    ratio = worst.value / best.value if best.value else float("inf")
    overlap = not (is_missing(worst.ci_low) or is_missing(best.ci_high)) and worst.ci_low <= best.ci_high
    # A share of people ("adults without insurance") is common among a group; a rate is high.
    if unit == "percent" and overlap:
        words = _(
            "In {year} in {place}, {label} were most common among {worst} ({worst_value}): {times} the rate "
            "among {best} ({best_value}), but the intervals overlap, so chance alone could explain the gap."
        )
    elif unit == "percent":
        words = _(
            "In {year} in {place}, {label} were most common among {worst} ({worst_value}): {times} the rate "
            "among {best} ({best_value}), larger than chance alone would explain."
        )
    elif overlap:
        words = _(
            "In {year} in {place}, {label} was highest among {worst} ({worst_value}): {times} the rate "
            "among {best} ({best_value}), but the intervals overlap, so chance alone could explain the gap."
        )
    else:
        words = _(
            "In {year} in {place}, {label} was highest among {worst} ({worst_value}): {times} the rate "
            "among {best} ({best_value}), larger than chance alone would explain."
        )
    return words.format(times=times(ratio), **values)


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
        return _(FLAG_TEXT["suppressed"])
    if ratio >= 1.1:
        size = _("{times} as high").format(times=times(ratio))
    elif ratio <= 1 / 1.1:
        size = (
            _("about half as high")
            if 0.45 <= ratio <= 0.55
            else _("{share} lower").format(share=f"{1 - ratio:.0%}")
        )
    else:
        size = _("about the same")
    if is_missing(low) or is_missing(high):
        return size
    chance = (
        _("larger than chance alone would explain")
        if (low > 1 or high < 1)
        else _("chance alone could explain the difference")
    )
    return f"{size}; {chance}"


def change_words(change: dict, unit: str, worst: str, best: str) -> str:
    """The gap between two groups over time, with whether chance could explain the change."""
    gap_first, gap_last = abs(change["gap_first"]), abs(change["gap_last"])
    sentence = (
        _("The gap between {worst} and {best} narrowed from {first} in {first_year} to {last} in {last_year}")
        if gap_last < gap_first
        else _(
            "The gap between {worst} and {best} widened from {first} in {first_year} to {last} in {last_year}"
        )
    ).format(
        worst=worst,
        best=best,
        first=difference(gap_first, unit),
        first_year=change["first_year"],
        last=difference(gap_last, unit),
        last_year=change["last_year"],
    )
    if change["narrowing"] is None:
        return sentence + _(", a change chance alone could explain.")
    pct = change["percent_change"]
    size = ""
    if not is_missing(pct):
        size = (_(" ({pct} smaller)") if change["narrowing"] else _(" ({pct} larger)")).format(
            pct=f"{abs(pct):.0f}%"
        )
    return sentence + size + _(", more than chance alone would explain.")


NATION_NAME = "United States"  # the nation's region where a database names none (queries/regions.sql)


def place_words(name: str) -> str:
    """A place inside a sentence: 'Alder County', 'the United States', 'the nation (fictional)'."""
    if i18n.lang() != "en":  # names as loaded: no English article
        return name
    if name.startswith("The "):
        return lower_first(name)
    return f"the {name}" if name.startswith("United ") else name


def place_gap_words(here: str, ratio: float, others: list[tuple[str, float]]) -> str:
    """How the worst/best gap in one place compares with the places around it, in one sentence."""
    if all(ratio > r for _n, r in others) or all(ratio < r for _n, r in others):
        around = _and(
            [
                _("{place} ({ratio} times)").format(place=place_words(name), ratio=f"{r:.1f}")
                for name, r in others
            ]
        )
        words = (
            _(
                "The gap between the worst- and best-off groups is wider in {here} ({ratio} times) than "
                "across {around}."
            )
            if ratio > others[0][1]
            else _(
                "The gap between the worst- and best-off groups is narrower in {here} ({ratio} times) than "
                "across {around}."
            )
        )
        return words.format(here=here, ratio=f"{ratio:.1f}", around=around)
    around = _and(
        [
            _("{ratio} times across {place}").format(ratio=f"{r:.1f}", place=place_words(name))
            for name, r in others
        ]
    )
    return _(
        "The gap between the worst- and best-off groups is {ratio} times in {here}, against {around}."
    ).format(ratio=f"{ratio:.1f}", here=here, around=around)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + _(" and ") + items[-1]


# ---- programs: results against targets, reach against need -----------------------------------------

NO_PROGRAMS = N_(
    "There is no program data yet. Add your programs, sites and monthly results to see them here "
    "(see “Loading your own data” in the README)."
)
PROGRAM_COLUMNS = {
    "name": N_("Program"),
    "lead_partner": N_("Lead partner"),
    "start_date": N_("Started"),
    "sites": N_("Sites"),
    "last_reported": N_("Last report"),
}
NO_TARGET_MARK = N_("○ = no target set")


def month_words(value) -> str:
    """A month in words: 'March 2026', 'marzo de 2026'."""
    from equity import i18n

    when = pd.Timestamp(value)
    return f"{when:%B %Y}" if i18n.lang() == "en" else i18n.date(when.date(), "MMMM 'de' y")


def month_short(value) -> str:
    """A month, short: 'Mar 2026', 'mar 2026'."""
    from equity import i18n

    when = pd.Timestamp(value)
    return f"{when:%b %Y}" if i18n.lang() == "en" else i18n.date(when.date(), "MMM y").replace(".", "")


def result_marks(missed: bool, no_target: bool, withheld: bool, min_count: int) -> str:
    """A results chart's key to its marks: missed months, months with no target and counts too few to
    show, each where the chart has any, and gaps."""
    marks = [_("✕ = missed target")] if missed else []
    if no_target:
        marks.append(_(NO_TARGET_MARK))
    if withheld:
        marks.append(_("◇ = {counts}, not shown").format(counts=small_counts(min_count)))
    return "; ".join([*marks, _("gaps = not reported")])


REACH_TITLE = N_("People served by each {area}'s need")


def program_intro(name: str, description: str, lead_partner: str, start_date, sites: int) -> str:
    """One line of Markdown about a program: what it is, who leads it, since when, at how many sites.

    Names and description come from the organisation's files, so they are escaped (safety.md)."""
    return ngettext(
        "**{name}** — {description} Led by **{lead}** since {month}; {n} site.",
        "**{name}** — {description} Led by **{lead}** since {month}; {n} sites.",
        int(sites),
    ).format(
        name=md(name), description=md(description), lead=md(lead_partner), month=month_words(start_date),
        n=int(sites),
    )  # fmt: skip


def result_value(value, unit: str) -> str:
    """A program's monthly result or target as its card shows it: '81.5%', '1,204'."""
    return f"{value:.1f}%" if unit == "percent" else f"{value:,.0f}"


def results_takeaway(program: str, met: int, judged: int, no_target: int, month) -> str:
    """How many of a program's measures met their target in their latest reports; those with no target
    set are counted apart, never as missed."""
    when = month_words(month)
    if not judged:
        return _("In their latest reports (to {month}), no measure of {program} has a target set.").format(
            month=when, program=program
        )
    sentence = _(
        "In their latest reports (to {month}), {met} of {judged} measures of {program} with a target met it"
    ).format(month=when, met=met, judged=judged, program=program)
    if no_target:
        sentence += ngettext("; {n} has no target set", "; {n} have no target set", no_target).format(
            n=no_target
        )
    return sentence + "."


def result_title(label: str, higher_is_better: bool) -> str:
    """A measure's chart title, saying so where a lower result is the better one."""
    return label if higher_is_better else _("{label} (lower is better)").format(label=label)


def monthly_reports(lead_partner: str) -> str:
    return _("{partner} monthly reports").format(partner=lead_partner)


def results_download(program: str) -> str:
    """What a program's results download holds."""
    return _("{program}: each measure's monthly results against its target").format(program=program)


def month_range(first, last) -> str:
    """'Jan 2023–Dec 2024'."""
    return f"{month_short(first)}–{month_short(last)}"


# ---- programs: the results scorecard (results-based accountability; rules in equity/scorecard.py) ------

PROGRAMS_TITLE = N_("Programs: the results scorecard")
QUESTION_TITLES = {
    "better_off": N_("Is anyone better off?"),
    "how_well": N_("How well did we do it?"),
    "how_much": N_("How much did we do?"),
    None: N_("Which question? Not yet said"),
}
NO_MEASURE = N_("No measure answers this yet.")
SCORECARD_COLUMNS = (
    N_("Measure"),
    N_("Latest"),
    N_("Last 12 months"),
    N_("Trend"),
    N_("Target"),
    N_("On track?"),
)
COALITION_HEADING = N_("All programs: the coalition's scorecard")
COALITION_COLUMNS = (
    N_("Program"),
    N_("Is anyone better off?"),
    N_("Trend"),
    N_("On track?"),
    N_("How well did we do it?"),
    N_("How much did we do?"),
)
COALITION_DOWNLOAD = N_("Download the coalition's scorecard:")
# Where a measure's latest month stands against its target (equity.metrics.TARGET_STATUSES).
STATUS_WORDS = {
    "met": N_("On track: met its target"),
    "missed": N_("Off track: missed its target"),
    "no_target": N_("No target set"),
    "withheld": N_("Not judged: too few to show"),
    "not_reported": N_("Not reported yet"),
}
STATUS_COUNTED = {
    "met": N_("on track"),
    "missed": N_("off track"),
    "no_target": N_("with no target set"),
    "withheld": N_("too few to show"),
    "not_reported": N_("not reported yet"),
}
TREND_ARROWS = {"up": "↑", "down": "↓", "steady": "→", "too_soon": "…"}
VERDICT_WORDS = {
    "better": N_("Getting better"),
    "worse": N_("Getting worse"),
    "steady": N_("About the same"),
    "too_soon": N_("Too soon to tell"),
}
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_GAP = "·"


def scorecard_columns() -> list[str]:
    """A program's scorecard's column headings, in this run's language."""
    return [_(c) for c in SCORECARD_COLUMNS]


def coalition_columns() -> list[str]:
    """The coalition's scorecard's column headings, in this run's language."""
    return [_(c) for c in COALITION_COLUMNS]


def question_title(question) -> str:
    return _(QUESTION_TITLES[question])


def against_words(against: str | None, months: int) -> str:
    """What a trend compares with: 'a year before', 'in the 6 months before'."""
    if against == "year":
        return _("a year before")
    return _("in the {months} months before").format(months=months)


def target_words(target, unit: str, higher_is_better: bool) -> str:
    """A scorecard's target: '60.0% or more', '15.0% or less' (lower is better), 'None set'."""
    if is_missing(target):
        return _("None set")
    words = _("{target} or more") if higher_is_better else _("{target} or less")
    return words.format(target=result_value(target, unit))


def latest_words(m) -> str:
    """A measure's latest month: '63.0% (May 2025)', 'Too few to show (June 2025)', 'Not reported yet'."""
    if m.status == "not_reported":
        return _(STATUS_WORDS["not_reported"])
    month = month_short(m.period)
    if m.status == "withheld":
        return f"{_(FLAG_TEXT['suppressed'])} ({month})"
    return f"{result_value(m.value, m.unit)} ({month})"


def on_track_words(m) -> str:
    """Whether a measure is on track, with its target where one was set: 'Off track: missed its target
    (75.0% or more)'; a month with no target reads 'No target set', never a miss."""
    words = _(STATUS_WORDS[m.status])
    if m.status in ("met", "missed"):
        words += f" ({target_words(m.target, m.unit, m.higher_is_better)})"
    return words


def trend_words(t, unit: str, higher_is_better: bool, months: int, short: bool = False) -> str:
    """A trend in words, its arrow the way the figure moved (up, down, level) and its words whether that
    is better: '↓ Getting better: 12.1%, down from 15.3% a year before' for a no-show rate. ``short``
    gives the arrow and verdict alone."""
    verdict = t.verdict(higher_is_better)
    head = f"{TREND_ARROWS[t.direction]} {_(VERDICT_WORDS[verdict])}"
    if short or verdict == "too_soon":
        return head
    now, was = result_value(t.after, unit), result_value(t.before, unit)
    if unit != "percent":
        now = _("{value} a month").format(value=now)
    moved = {
        "steady": _("{head}: averaging {now}, against {was} {against}"),
        "up": _("{head}: averaging {now}, up from {was} {against}"),
        "down": _("{head}: averaging {now}, down from {was} {against}"),
    }[t.direction]
    return moved.format(head=head, now=now, was=was, against=against_words(t.against, months))


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
        return _("No measure yet")
    parts = [f"{counts[s]} {_(STATUS_COUNTED[s])}" for s in STATUS_COUNTED if counts.get(s)]
    words = ", ".join(parts)
    if counts.get("worse"):
        words += _("; {n} getting worse").format(n=counts["worse"])
    return words


def headline_words(m, more: int) -> str:
    """A program's better-off headline in the coalition's scorecard: its label and latest result."""
    words = f"{m.label}: {latest_words(m)}"
    return words + (_(" (and {n} more on its scorecard)").format(n=more) if more else "")


NO_BETTER_OFF = N_("No measure of this yet")
UNSAID_BETTER_OFF = N_("Not yet said which question its measures answer")


def scorecard_headline(program: str, m, months: int) -> str:
    """A program's scorecard in one sentence, led by whether anyone is better off."""
    if m is None:
        return _("{program} has no measure yet of whether anyone is better off.").format(program=program)
    label = m.label
    if m.status == "not_reported":
        return _("Is anyone better off? {program} has not yet reported {measure}.").format(
            program=program, measure=lower_first(label)
        )
    month = month_words(m.period)
    if m.status == "withheld":
        return _("Is anyone better off? {label}: too few to show in {month}.").format(
            label=label, month=month
        )
    target = target_words(m.target, m.unit, m.higher_is_better)
    standing = {
        "met": _("on track (its target is {target})").format(target=target),
        "missed": _("off track (its target is {target})").format(target=target),
        "no_target": _("with no target set"),
    }[m.status]
    verdict = m.verdict
    since = against_words(m.trend.against, months)
    moving = {
        "better": _("getting better than {since}").format(since=since),
        "worse": _("getting worse than {since}").format(since=since),
        "steady": _("about the same as {since}").format(since=since),
        "too_soon": _("too soon to tell which way it is going"),
    }[verdict]
    return _("Is anyone better off? {label}: {value} in {month}, {standing}, {moving}.").format(
        label=label, value=result_value(m.value, m.unit), month=month, standing=standing, moving=moving
    )


def coalition_takeaway(programs: int, counts, measures: int, unsaid: int) -> str:
    """The coalition's scorecard in one sentence: where the programs' better-off measures stand."""
    if not measures:
        if unsaid:
            return _(
                "None of the measures of the {programs} programs says yet which question it answers: add "
                "the question column to the program metrics to see whether anyone is better off."
            ).format(programs=programs)
        return _("None of the {programs} programs has a measure yet of whether anyone is better off.").format(
            programs=programs
        )
    standing = _and([_counted(counts[s], s) for s in STATUS_COUNTED if counts.get(s)])
    moving = [
        (
            ngettext("{n} is getting better", "{n} are getting better", counts[v])
            if v == "better"
            else ngettext("{n} is getting worse", "{n} are getting worse", counts[v])
        ).format(n=counts[v])
        for v in ("better", "worse")
        if counts.get(v)
    ]
    trend = _and(moving) if moving else _("none is clearly getting better or worse")
    of = ngettext("{n} measure", "{n} measures", measures).format(n=measures)
    across = ngettext("{n} program", "{n} programs", programs).format(n=programs)
    return _("Is anyone better off? Of {measures} across {programs}, {standing}; {trend}.").format(
        measures=of, programs=across, standing=standing, trend=trend
    )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _is(n: int) -> str:
    return "is" if n == 1 else "are"


def _counted(n: int, status: str) -> str:
    """'2 are on track', '1 has no target set': a count of measures with its verb."""
    if status == "met":
        words = ngettext("{n} is on track", "{n} are on track", n)
    elif status == "missed":
        words = ngettext("{n} is off track", "{n} are off track", n)
    elif status == "no_target":
        words = ngettext("{n} has no target set", "{n} have no target set", n)
    elif status == "withheld":
        words = ngettext("{n} is too few to show", "{n} are too few to show", n)
    else:
        words = ngettext("{n} has not been reported yet", "{n} have not been reported yet", n)
    return words.format(n=n)


def scorecard_note(months: int, points: float, share: float, min_count: int) -> str:
    """How to read a scorecard, under it (the rules' figures from equity.scorecard)."""
    return _(
        "Latest: the last month reported. Trend: the average of the last "
        "{months} months against the same months a year before (or the {months} months just before, for a "
        "young program); “about the same” is a change of {points} percentage points or {share} at "
        "most. The arrow "
        "shows which way the figure moved, the words whether that is better (a falling no-show rate is). "
        "On track: the latest result met its target; a month with no target set is never counted as "
        "missed. In the last 12 months, {gap} marks a month not reported or a count of "
        "{counts}, not shown."
    ).format(
        months=months,
        points=f"{points:g}",
        share=f"{share:.0%}",
        gap=SPARK_GAP,
        counts=small_counts(min_count),
    )


MONTHLY_HEADING = N_("Month by month, against targets")


def program_scorecard_heading(program: str) -> str:
    return _("{program}: its scorecard").format(program=program)


def reach_heading(label: str, year, reach_year=None) -> str:
    return _("Does reach follow need? {label}, {year}").format(
        label=label, year=reach_years(year if reach_year is None else reach_year, year)
    )


def reach_years(reach_year, year) -> str:
    """The year a reach figure is of: one where the people served and the need agree, else each named."""
    if str(reach_year) == str(year):
        return str(year)
    return _("people served {served}, need {need}").format(served=reach_year, need=year)


def no_reach(program: str, place: str, year) -> str:
    """Said instead of the reach chart when a program reported no one served in the place that year."""
    return _("{program} reported no people served in {place} in {year}.").format(
        program=program, place=place, year=year
    )


def reach_takeaway(
    program: str, year, share: float, label: str, high_need_share_of_pop: float, level: str = "tract"
) -> str:
    """Whether a program reaches the areas of greatest need (at ``level``), against their share of the
    people."""
    return _(
        "In {year}, {share} of the people {program} served lived in the fifth of "
        "{areas} with the most {need}, where "
        "{pop_share} of people live."
    ).format(
        year=year, share=f"{share:.0%}", program=program, need=lower_first(label),
        pop_share=f"{high_need_share_of_pop:.0%}", **area_words(level),
    )  # fmt: skip


def unit_words(unit: str, measure_type: str) -> str:
    """An indicator's unit and measure, short: 'percent, crude', 'rate per 100,000, age-adjusted'."""
    measure = measure_words(measure_type, unit, short=True)
    return f"{_(UNIT_AXIS[unit]).lower()}{', ' + measure if measure else ''}"


def need_axis(label: str, unit: str, measure_type: str) -> str:
    """An indicator as an axis title: 'Adults without insurance (percent, crude)'."""
    return f"{label} ({unit_words(unit, measure_type)})"


def reach_sources(lead_partner: str, source: str) -> str:
    return _("{partner} and {source}").format(partner=lead_partner, source=source)


def withheld_reach(min_count: int) -> str:
    """The reach chart's key to its open diamonds."""
    return _("◇ = {counts} people served, not shown").format(counts=small_counts(min_count))


# ---- partnerships: commitments both ways, roles, resources pooled -----------------------------------

PARTNERSHIPS_TITLE = N_("Partnerships: promises kept, both ways")
NO_PARTNERSHIPS = N_(
    "There is no partnership data yet. Add partners, their roles, their commitments and what they "
    "contribute to see them here (see “Loading your own data” in the README)."
)
NO_COMMITMENTS = N_(
    "No commitments recorded yet. Load commitments.csv (and commitment_changes.csv for their history) to "
    "see who promised what, to whom, and whether it was kept."
)
NO_ROLES = N_("No partner roles recorded yet.")
COALITION = N_("The coalition")  # the coalition as a whole, where it is the one accountable
COMMITMENT_STATUS = {
    "done": N_("done"),
    "in_progress": N_("in progress"),
    "not_started": N_("not started"),
    "dropped": N_("dropped"),
}
# What became of a commitment (equity.accountability.OUTCOMES), overdue first.
OUTCOME_WORDS = {
    "overdue": N_("Overdue"),
    "dropped": N_("Dropped"),
    "kept_late": N_("Kept late"),
    "kept_undated": N_("Kept, date not recorded"),
    "kept_on_time": N_("Kept on time"),
    "not_yet_due": N_("Not yet due"),
}
# The headline cards: outcomes, overdue first.
OUTCOME_CARDS = ("overdue", "kept_on_time", "kept_late", "dropped", "not_yet_due")
OVERDUE_HEADING = N_("Overdue now")
PARTNER_RECORD_HEADING = N_("Each partner's record")
ALL_COMMITMENTS_HEADING = N_("Every commitment, overdue first")


def outcome_label(outcome: str) -> str:
    """What became of a commitment, as a card, a legend or a column names it, in this run's language."""
    return _(OUTCOME_WORDS[outcome])


def outcome_labels() -> dict[str, str]:
    return {k: _(v) for k, v in OUTCOME_WORDS.items()}


def show_all(n: int) -> str:
    """The label of the list of every commitment, folded away until asked for."""
    return _("Show all {n} commitments").format(n=n)


HISTORY_HEADING = N_("One commitment's history")
RECORD_TITLE = N_("What became of the commitments due each {by}")
PARTNER_RECORD_TITLE = N_("Each partner's commitments, overdue first")
COMMITMENT_LOG = N_("Coalition commitment log")
RECORD_RULE = N_(
    "Kept on time means done by the date first promised; a date moved later still counts as late. "
    "Overdue means not done and past its due date as it stands now. Each commitment counts in the "
    "{by} it was first due."
)
PERIOD_WORDS = {"year": N_("year"), "quarter": N_("quarter")}
RECORD_HEADINGS = {"year": N_("The record, year by year"), "quarter": N_("The record, quarter by quarter")}
PERIOD_LABEL = N_("Count by")
PERIOD_INSTEAD = N_("year")  # what a link's unknown by= falls back to
COMMITMENT_INSTEAD = N_("the one moved most")  # what a link's unknown commitment= falls back to
HISTORY_DOWNLOAD = N_("Download every commitment's history (CSV)")
COMMITMENTS_DOWNLOAD = N_("Download every commitment, with what became of it (CSV)")
PARTY_LABEL = N_("Whose commitments")
ALL_PARTIES = N_("Every partner and the coalition")
COMMITMENT_LABEL = N_("Commitment")
COMMITMENTS_AXIS = N_("Commitments")
COMMITMENT_COLUMNS = {
    "state": N_("What became of it"),
    "description": N_("Commitment"),
    "by": N_("Who promised"),
    "to": N_("To whom"),
    "due": N_("Due"),
    "completed_on": N_("Done on"),
}
PARTNER_COLUMNS = {"party": N_("Who promised"), "moves": N_("Dates moved"), "total": N_("All")}
HISTORY_COLUMNS = (N_("When"), N_("What happened"))
ROLES_TITLE = N_("Each partner's say in each program")
ROLES_HEADING = N_("Who does what")
AGREEMENTS = N_("Coalition partnership agreements")
CONTRIBUTIONS = N_("Coalition partners' contributions")
ROLES_KEY = N_("darker = more decision authority")


def period_words(by: str) -> str:
    """'year' or 'quarter', in this run's language (the record's chooser, its title and rule)."""
    return _(PERIOD_WORDS[by])


def translated(table: dict) -> dict:
    """A table of marked words (N_), each in this run's language."""
    return {k: _(v) for k, v in table.items()}


def _long_date(value) -> str:
    """'March 1, 2025' / '1 de marzo de 2025'."""
    from equity import i18n

    stamp = pd.Timestamp(value)
    return f"{stamp:%B %-d, %Y}" if i18n.lang() == "en" else i18n.date(stamp.date(), "long")


def as_of_words(as_of) -> str:
    """'as of March 1, 2025': the date commitments are judged on."""
    return _("as of {date}").format(date=_long_date(as_of))


def day(value) -> str:
    """A date as tables write it: 'Mar 31, 2025'; '—' where there is none."""
    from equity import i18n

    if is_missing(value) or value is pd.NaT:
        return "—"
    stamp = pd.Timestamp(value)
    return f"{stamp:%b %-d, %Y}" if i18n.lang() == "en" else i18n.date(stamp.date(), "d MMM y")


def days(n) -> str:
    """'1 day', '30 days'."""
    n = int(n)
    return ngettext("{n} day", "{n} days", n).format(n=f"{n:,}")


def times_moved(n: int) -> str:
    """How often a date moved: 'once', 'twice', '3 times'."""
    n = int(n)
    if n == 1:
        return _("once")
    if n == 2:
        return _("twice")
    return _("{n} times").format(n=n)


def due_history(due, first_due, moves: int) -> str:
    """A commitment's due date with the earlier promise kept in view: 'Mar 31, 2025', or
    'Sep 30, 2025 (first due Mar 31, 2025; moved twice)'."""
    if not moves:
        return day(due)
    if pd.Timestamp(due) == pd.Timestamp(first_due):
        return _("{due} (moved {times}, back to the date first promised)").format(
            due=day(due), times=times_moved(moves)
        )
    return _("{due} (first due {first}; moved {times})").format(
        due=day(due), first=day(first_due), times=times_moved(moves)
    )


def outcome_words(outcome: str, n=None, status: str | None = None) -> str:
    """What became of a commitment, in words: 'Overdue by 30 days', 'Kept late, by 48 days',
    'Not yet due (in progress)'."""
    if outcome == "overdue":
        return _("Overdue by {days}").format(days=days(n))
    if outcome == "kept_late":
        return _("Kept late, by {days}").format(days=days(n))
    if outcome == "not_yet_due" and status in COMMITMENT_STATUS:
        return _("Not yet due ({status})").format(status=_(COMMITMENT_STATUS[status]))
    return outcome_label(outcome)


def is_coalition(party) -> bool:
    """Whether a party's name is the coalition's own (in either language)."""
    return party in (COALITION, _(COALITION))


def promised_by(partner) -> str:
    """Who is accountable: the partner's name, or the coalition itself."""
    return _(COALITION) if is_missing(partner) else str(partner)


def promised_to(accountable_to: str, to_partner=None, answers=None) -> str:
    """To whom a commitment is owed: 'The coalition', a partner's name, 'The community', or 'The
    community, answering what people said about Language access'."""
    if accountable_to == "partner" and not is_missing(to_partner):
        return str(to_partner)
    if accountable_to == "community":
        if is_missing(answers) or not str(answers).strip():
            return _("The community")
        topics = (" " + _("and") + " ").join(str(answers).split("; "))
        return _("The community, answering what people said about {topics}").format(topics=topics)
    return _(COALITION)


def _and_words(items: list[str]) -> str:
    """'a, b and c' in this run's language."""
    if len(items) == 1:
        return items[0]
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def record_takeaway(summary: dict, when: str, oldest: tuple[int, str, str, str] | None = None) -> str:
    """The page's lead, overdue first: how many are overdue (naming the longest: its days, description,
    who promised and to whom), then how the commitments that have fallen due were kept."""
    n = summary["overdue"]
    if n and oldest is not None:
        late, description, by, to = oldest
        sentence = ngettext(
            "{n} commitment is overdue {when}, the longest by {days}: “{description}” ({by} to {to})",
            "{n} commitments are overdue {when}, the longest by {days}: “{description}” ({by} to {to})",
            n,
        ).format(n=n, when=when, days=days(late), description=description, by=by, to=lower_first(to))
    elif n:
        sentence = ngettext(
            "{n} commitment is overdue {when}", "{n} commitments are overdue {when}", n
        ).format(n=n, when=when)
    else:
        sentence = _("No commitment is overdue {when}").format(when=when)
    due = summary["fallen_due"]
    if not due:
        return sentence + ". " + _("None has fallen due yet.")
    on_time = summary["kept_on_time"]
    values = dict(
        due=due, on_time=on_time, late=summary["kept_late"], undated=summary["kept_undated"],
        dropped=summary["dropped"],
    )  # fmt: skip
    if summary["kept_undated"]:
        kept = ngettext(
            "Of the {due} that have fallen due, {on_time} was kept on time, {late} late, {undated} on a "
            "date not recorded and {dropped} dropped.",
            "Of the {due} that have fallen due, {on_time} were kept on time, {late} late, {undated} on a "
            "date not recorded and {dropped} dropped.",
            on_time,
        )
    else:
        kept = ngettext(
            "Of the {due} that have fallen due, {on_time} was kept on time, {late} late and {dropped} "
            "dropped.",
            "Of the {due} that have fallen due, {on_time} were kept on time, {late} late and {dropped} "
            "dropped.",
            on_time,
        )
    return sentence + ". " + kept.format(**values)


def directions_line(d: dict) -> str:
    """Which ways the promises run: '29 from partners to the coalition, 4 to the community (2 of them the
    coalition's own), 3 between partners and 1 from the coalition to a partner.'"""
    parts = []
    if d["to_coalition"]:
        parts.append(_("{n} from partners to the coalition").format(n=d["to_coalition"]))
    if d["to_community"]:
        own = d["coalition_to_community"]
        if own:
            part = _("{n} to the community ({own} of them the coalition's own)").format(
                n=d["to_community"], own=own
            )
        else:
            part = _("{n} to the community").format(n=d["to_community"])
        parts.append(part)
    if d["between_partners"]:
        parts.append(_("{n} between partners").format(n=d["between_partners"]))
    if d["coalition_to_partner"]:
        parts.append(_("{n} from the coalition to a partner").format(n=d["coalition_to_partner"]))
    if not parts:
        return ""
    return _("Promises run every way: {parts}.").format(parts=_and_words(parts))


def record_title(by: str, party: str | None = None) -> str:
    """The record chart's title: every commitment's, or one party's ('Riverbend Health System's')."""
    if party is None:
        return _(RECORD_TITLE).format(by=period_words(by))
    if is_coalition(party):
        return _("What became of the coalition's own commitments due each {by}").format(by=period_words(by))
    return _("What became of {party}'s commitments due each {by}").format(party=party, by=period_words(by))


def record_heading(by: str) -> str:
    """'The record, year by year' (or quarter by quarter)."""
    return _(RECORD_HEADINGS[by])


def record_rule(by: str) -> str:
    return _(RECORD_RULE).format(by=period_words(by))


def no_record(party: str) -> str:
    return _("{party} has no commitments recorded.").format(party=party)


def _why(reason, note: bool = False) -> str:
    """' Why: the grant came late.' (or ' Note: …'), a full stop added where the reason has none."""
    if not reason:
        return ""
    words = (_("Note: {reason}") if note else _("Why: {reason}")).format(reason=reason)
    if not words.endswith((".", "!", "?")):
        words += "."
    return " " + words


def event_words(event) -> str:
    """One step of a commitment's history (equity.accountability.Event) in words."""
    if event.kind == "made":
        return _("Promised, due {date}.").format(date=day(event.now))
    if event.kind == "moved":
        moved = _("Due date moved from {was} to {now}.").format(was=day(event.was), now=day(event.now))
        return moved + _why(event.reason)
    if event.kind == "status":
        was = _(COMMITMENT_STATUS[event.was]) if event.was in COMMITMENT_STATUS else event.was
        now = _(COMMITMENT_STATUS[event.now]) if event.now in COMMITMENT_STATUS else event.now
        now = now[:1].upper() + now[1:]
        return _("{now} (was {was}).").format(now=now, was=was) + _why(event.reason)
    if event.kind == "kept":
        note = _why(event.reason, note=True)
        if event.was is None or is_missing(event.was):
            return _("Kept, on time.") + note
        return _("Kept, {days} after the date first promised.").format(days=days(event.was)) + note
    return _("Overdue by {days}.").format(days=days(event.was))


def commitment_choice(description: str, by: str) -> str:
    """A commitment as the history's chooser lists it: 'Share data… (Riverbend Health System)'."""
    return f"{inert(description, 70)} ({by})"


# ---- partnerships: resources pooled ------------------------------------------------------------------

POOLED_HEADING = N_("Resources pooled")
NO_CONTRIBUTIONS = N_(
    "No contributions recorded yet. Load contributions.csv (partner, program, year, kind: funding, "
    "staff_hours, in_kind or space, and amount) to see what partners put in."
)
KIND_WORDS = {
    "funding": N_("Funding"),
    "in_kind": N_("In-kind goods and services"),
    "space": N_("Space (value of the rent saved)"),
    "staff_hours": N_("Staff hours"),
}
KIND_IN_SENTENCE = {
    "funding": N_("funding"),
    "in_kind": N_("goods and services in kind"),
    "space": N_("space"),
}
DOLLAR_KINDS = ("funding", "in_kind", "space")
POOLED_TITLE = N_("What partners put in each year, in dollars")
POOLED_AXIS = N_("Dollars")
CONTRIBUTIONS_SOURCE = N_("Coalition contribution records")
POOLED_COLUMNS = {"partner": N_("Partner"), "program": N_("Program"), "dollars": N_("All in dollars")}
POOLED_NOTE = N_(
    "Funding is money given; in-kind goods and services and space are what partners value them at. "
    "Staff hours are counted apart and never turned into dollars."
)


def money(value) -> str:
    """'$1,250,000'; '—' for none."""
    return "—" if is_missing(value) or not value else f"${value:,.0f}"


def hours(value) -> str:
    """'2,400 hours'; '—' for none."""
    return "—" if is_missing(value) or not value else _("{n} hours").format(n=f"{value:,.0f}")


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
    kinds = [
        _("{money} of {kind}").format(money=money(v), kind=_(KIND_IN_SENTENCE[k]))
        for k, v in dollars.items()
        if v
    ]
    sentence = _("In {span}, {partners} partners put in {total}").format(
        span=span, partners=partners, total=money(total)
    )
    if len(kinds) > 1:
        sentence += f" ({_and_words(kinds)})"
    if staff_hours:
        sentence += " " + _("and {hours} of staff time").format(hours=hours(staff_hours))
    name, amount = top
    return _("{pooled}; {name} gave the most in dollars ({amount}).").format(
        pooled=sentence, name=name, amount=money(amount)
    )


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
    who = i18n.group(group_label) if group_dim != "all" else _("Everyone")
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

PEOPLE_HERE = N_("People living here")


def people_here() -> str:
    """A card's or a profile's label for an area's population, in this run's language."""
    return _(PEOPLE_HERE)


COMMITMENTS_OVERDUE = N_("Commitments overdue")  # partners' and the coalition's own
NO_COMMITMENTS_CARD = (
    "Commitments",
    "None yet",
    "Load your coalition's commitments to track them here",
)
RATIO_AXIS = N_("Worst-off group's rate ÷ best-off group's rate")
GAPS_TITLE = N_("How many times worse the worst-off group fares")
SOURCES_UNDER_METHODS = N_("indicator sources listed under Data & methods")
CRUDE_UNLESS = N_("crude rates unless labelled age-adjusted")


def by_dim(dim: str) -> str:
    """'by race and ethnicity': a comparison inside a sentence, in this run's language."""
    return _("by {dim}").format(dim=group_dim_label(dim).lower())


def no_gaps(dims: list[str]) -> str:
    """Said where no indicator has values by the social groups the database has (metrics.SOCIAL_DIMS)."""
    by = _(" or ").join(by_dim(d) for d in dims)
    return _("No indicator has values {by} for this region and year.").format(by=by)


NO_GAPS = no_gaps(["race_ethnicity", "income"])  # English: made at import
LOOK_CLOSER = N_("Look closer at a gap")
SEE_OVERDUE = N_("See the overdue commitments")


# Areas of each level, as a card or a sentence names them.
LEVEL_PLURAL = {
    "tract": N_("Neighbourhoods"),
    "county": N_("Counties"),
    "zcta": N_("ZIP code areas"),
    "custom": N_("Areas"),
    "state": N_("States"),
}


def level_plural(level: str, lower: bool = False) -> str:
    """'Neighbourhoods', 'counties' (``lower``): the areas of a level, in this run's language."""
    words = _(LEVEL_PLURAL.get(level, "Areas"))
    return words.lower() if lower else words


FARING_WORSE = {
    "tract": N_("Neighbourhoods faring worse than the region as a whole"),
    "county": N_("Counties faring worse than the region as a whole"),
    "zcta": N_("ZIP code areas faring worse than the region as a whole"),
    "custom": N_("Areas faring worse than the region as a whole"),
    "state": N_("States faring worse than the region as a whole"),
}
NO_AREA_VALUE = {
    "tract": N_("No neighbourhood has a value to show for this indicator and year."),
    "county": N_("No county has a value to show for this indicator and year."),
    "zcta": N_("No ZIP code area has a value to show for this indicator and year."),
    "custom": N_("No area has a value to show for this indicator and year."),
    "state": N_("No state has a value to show for this indicator and year."),
}


def faring_worse(level: str) -> str:
    return _(FARING_WORSE[level])


def no_area_value(level: str) -> str:
    return _(NO_AREA_VALUE[level])


def of_n(n, of) -> str:
    """A card's figure: '3 of 12'."""
    return _("{n} of {of}").format(n=n, of=of)


def done_n(n: int) -> str:
    """Under the commitments card: '4 done'."""
    return _("{n} done").format(n=n)


DERIVED_HOW = {
    "unweighted": N_("each counted once (no populations loaded)"),
    "counts": N_("their counts added up"),
    "weighted": N_("weighted by population"),
}
DERIVED_AREAS = {
    "tract": (
        N_("Derived from its {parts} neighbourhoods, {how}; no interval"),
        N_("Derived from {parts} of its {of} neighbourhoods, {how}; no interval"),
    ),
    "county": (
        N_("Derived from its {parts} counties, {how}; no interval"),
        N_("Derived from {parts} of its {of} counties, {how}; no interval"),
    ),
    "zcta": (
        N_("Derived from its {parts} zip code areas, {how}; no interval"),
        N_("Derived from {parts} of its {of} zip code areas, {how}; no interval"),
    ),
    "custom": (
        N_("Derived from its {parts} areas, {how}; no interval"),
        N_("Derived from {parts} of its {of} areas, {how}; no interval"),
    ),
    "state": (
        N_("Derived from its {parts} states, {how}; no interval"),
        N_("Derived from {parts} of its {of} states, {how}; no interval"),
    ),
}


def derived_note(
    parts: int, of: int, level: str, weighted: bool = True, by: str | None = "population"
) -> str:
    """Under a region's figure derived from its areas (metrics.derived_from_parts)."""
    how = _(DERIVED_HOW["unweighted" if not weighted else "counts" if by == "denominator" else "weighted"])
    every, some = DERIVED_AREAS[level]
    return _(every if parts == of else some).format(parts=parts, of=of, how=how)


def derived_reference(place: str) -> str:
    """A chart's line at a region's figure derived from its areas (metrics.derived_from_parts)."""
    return _("{place} (derived from its areas)").format(place=place)


def overview_title(region: str) -> str:
    return _("Health equity in {place}").format(place=place_words(region))


def interval_note(lo, hi, unit: str) -> str:
    """Under a headline figure: 'Likely between a and b (95% confidence interval)', or '' without one."""
    if is_missing(lo) or is_missing(hi):
        return ""
    return _("Likely between {low} and {high} (95% confidence interval)").format(
        low=number(lo, unit), high=number(hi, unit)
    )


def widest_gap_takeaway(
    year, label: str, ratio: float, worst: str, worst_value: str, best: str, best_value: str
):
    """The overview's lead: the widest gap between groups, in a sentence."""
    return _(
        "The widest gap in {year}: {label} were {times} as common among {worst} ({worst_value}) as among "
        "{best} ({best_value})."
    ).format(
        year=year,
        label=lower_first(label),
        times=times(ratio),
        worst=worst,
        worst_value=worst_value,
        best=best,
        best_value=best_value,
    )


def gap_bar_label(label: str, dim: str, worst: str, best: str) -> str:
    """A bar's label on the gaps chart: the indicator and comparison, the two groups below in grey."""
    return _("{label} — by {dim}").format(label=label, dim=dim.lower()) + (
        "<br><span style='font-size:14px;color:#4a4f55'>"
        + _("{worst} vs {best}").format(worst=worst, best=best)
        + "</span>"
    )


def gap_link(label: str, dim: str) -> str:
    return _("{label} by {dim}").format(label=label, dim=dim.lower())


def gaps_heading(year, dims: tuple[str, ...] | list[str] = ("race_ethnicity", "income")) -> str:
    """'Widest gaps by race and ethnicity and by income, 2024': the social groups the database has."""
    by = _(" and ").join(by_dim(d) for d in dims)
    return _("Widest gaps {by}, {year}").format(by=by, year=year)


def need_heading(label: str, higher_is_worse: bool, year) -> str:
    words = _("Where {label} is highest, {year}") if higher_is_worse else _("Where {label} is lowest, {year}")
    return words.format(label=lower_first(label), year=year)


def indicator_caption(ind, year) -> str:
    """Under a page: the indicator's source and year, whether crude or age-adjusted, and its definition
    (``ind`` a row of the indicator catalogue). Plain text."""
    measure = measure_words(ind.measure_type, ind.unit)
    if measure:
        head = _("Source: {source}, {year}; {measure}.").format(
            source=ind.source_name, year=year, measure=measure
        )
    else:
        head = _("Source: {source}, {year}.").format(source=ind.source_name, year=year)
    return f"{head} {ind.description}"


# ---- map: one indicator or the need index across areas ---------------------------------------------

INDEX_LABEL = N_("Combined need index")  # an option's value too: translated where it is shown
ONE_INDICATOR = N_("One indicator")
INDEX_LEGEND = N_("Combined need index<br>(0 = least, 1 = most need)")
INDEX_WHAT = N_("percentile rank of combined need")
INDEX_METHOD = N_(
    "Each indicator is ranked across the areas in view, ranks are summed within each domain and "
    "ranked again, and the domain sums (times their weights) are summed and ranked once more: the "
    "way CDC/ATSDR computes the Social Vulnerability Index. 0 is the least need, 1 the most."
)
MAP_KEY = N_(
    "Darker areas have greater need; colours split the areas into five groups of equal size. Light grey "
    "areas have too few people counted to show a figure; dark grey areas have no data. Faded areas are "
    "unreliable estimates. Dots are program sites. Click an area to see its details."
)
OUTLYING_NOTE = N_(
    "Alaska, Hawaii, Puerto Rico and the islands are on the map beyond its first view: drag the map or "
    "zoom out to see them."
)
GREATEST_NEED = N_("Greatest need")
ABOUT_MAP = N_("About this map")
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
# The words for the areas a sentence counts, by level: a program's reach is recorded by one (the query
# reach_level). Each Spanish word is masculine, so that the sentences around it agree whatever the level.
AREA_WORDS = {
    "tract": (N_("neighbourhood"), N_("neighbourhoods")),
    "county": (N_("county"), N_("counties")),
    "zcta": (N_("ZIP code"), N_("ZIP codes")),
    "custom": (N_("place"), N_("places")),
    "state": (N_("state"), N_("states")),
}


def area_words(level: str) -> dict[str, str]:
    """{area}, {areas} and their capitalised {Area}, {Areas} for a level, in this run's language."""
    one, many = (_(w) for w in AREA_WORDS.get(level, AREA_WORDS["custom"]))
    return {"area": one, "areas": many, "Area": upper_first(one), "Areas": upper_first(many)}


def upper_first(words: str) -> str:
    return words[:1].upper() + words[1:]


NO_AREAS = N_(
    "There are no areas of this level in this region. Choose another region or level in the sidebar."
)


def areas_in_sentence(level: str) -> str:
    """A level's areas, lower case, as a sentence names them ('neighbourhoods'), in this run's language."""
    return _(LEVEL_PLURAL.get(level, "Areas")).lower()


def no_shapes(unshaped: int, of: int, level: str) -> str:
    """Areas loaded from a values file alone: their figures show everywhere but on the map."""
    if unshaped == of:
        which = _("None of the {of} {areas} here has a shape loaded")
    else:
        which = _("{unshaped} of the {of} {areas} here have no shape loaded")
    which = which.format(of=of, unshaped=unshaped, areas=areas_in_sentence(level))
    return _(
        "{which}, so the map cannot draw them; their figures are below and on every other page. Load their "
        "boundaries (Census cartographic boundary files) with `python -m equity ingest boundaries FILE`."
    ).format(which=which)


def map_title(label: str, level: str, year) -> str:
    return _("{label} by {level}, {year}").format(label=label, level=_(LEVEL_SINGULAR[level]), year=year)


def index_source(year) -> str:
    return _("Source: the indicators' own sources (see Data & methods) · {year}").format(year=year)


def map_measure(unit: str, measure_type: str) -> str:
    """What a map's colours measure: 'crude rate', 'age-adjusted rate', or the unit ('Years')."""
    if unit in RATE_UNITS:
        return {"crude": _("crude rate"), "age_adjusted": _("age-adjusted rate")}[measure_type]
    return {"years": _("Years"), "dollars": _("Dollars"), "index": _("Index")}.get(unit, UNIT_AXIS[unit])


def map_subtitle(region: str, what: str, *, click: bool = True) -> str:
    """What the map shows and how to read it; ``click=False`` where nobody clicks (a slide)."""
    if not click:
        return _("{region} · {what} · darker = greater need").format(region=region, what=what)
    return _("{region} · {what} · darker = greater need · click an area for its details").format(
        region=region, what=what
    )


def index_weight_label(domain: str) -> str:
    return _("Weight of {domain}").format(domain=_(domain).lower())


def index_contents(n: int) -> str:
    return _("What goes into the index ({n} indicators)").format(n=n)


def index_takeaway(n: int, year, greatest: list[str]) -> str:
    """The need index's lead: where the greatest need is, or why it cannot be ranked."""
    if not greatest:
        return _("Too few areas have every chosen indicator to rank them; try fewer indicators or counties.")
    return _("Combining {n} indicators, the greatest need in {year} is in {areas}.").format(
        n=n, year=year, areas=", ".join(greatest)
    )


def index_about(parts: list[tuple[str, str]], year, weights: dict[str, float]) -> str:
    """What the index holds: each indicator with its source, the year, each domain's weight."""
    held = "; ".join(f"{label} ({source})" for label, source in parts)
    weighted = ", ".join(f"{_(d).lower()} {w:g}" for d, w in weights.items())
    return _("{held}, {year}. Weights: {weighted}.").format(held=held, year=year, weighted=weighted)


RANGES_ARE_CIS = N_("Ranges in brackets are 95% confidence intervals.")
IN_THE_INDEX = N_("In the index:")
SOURCE = N_("Source:")


def area_gaps_link(name: str) -> str:
    return _("Gaps between groups in {name}").format(name=name)


def zip_and_places_in_states(level: str) -> str:
    """Why a county shows no ZIP code areas or places: they lie in a state, not inside one county."""
    return _(
        "{areas} are shown for a whole state, not a county. Choose the state as the region in the sidebar."
    ).format(areas=_(LEVEL_WORDS[level]))


# ---- disparities: groups against a reference, shares, over time, other places ----------------------

BEST_OFF_GROUP = N_("The best-off group")
COMPARE_WITH = N_("Compare each group with")
ACROSS_GROUPS = N_("Across all groups:")
SHARES_HEADING = N_("Share of those affected and share of the people")
OVER_TIME = N_("Over time")
OTHER_PLACES = N_("Compared with other places")

# 'No county', 'a county': an area of each level where a sentence needs its own words for one.
NO_ONE = {
    "tract": N_("No neighbourhood"),
    "county": N_("No county"),
    "zcta": N_("No ZIP code area"),
    "custom": N_("No area"),
    "state": N_("No state"),
}
A_ONE = {
    "tract": N_("a neighbourhood"),
    "county": N_("a county"),
    "zcta": N_("a ZIP code area"),
    "custom": N_("a area"),  # as the English has always read
    "state": N_("a state"),
}


def no_part_groups(level: str, dim_words: str) -> str:
    """Said where no area inside the region has figures by the groups chosen (but has others)."""
    return _(
        "{no_one} inside this region has figures of this indicator by {dim}; choose another comparison in "
        "the sidebar."
    ).format(no_one=_(NO_ONE.get(level, NO_ONE["custom"])), dim=dim_words)


def no_part_gaps(level: str) -> str:
    return _("{no_one} inside this region has enough groups with values to compare.").format(
        no_one=_(NO_ONE.get(level, NO_ONE["custom"]))
    )


UNRELIABLE_NOTE = (
    f"relative standard error over {stats.UNRELIABLE_RSE:.0%}"  # the NCHS standard, as stats applies it
)


def unreliable_note() -> str:
    return _("relative standard error over {share}").format(share=f"{stats.UNRELIABLE_RSE:.0%}")


def disparities_title(label: str, dim_words: str) -> str:
    """'Adults without insurance by race and ethnicity'; the label alone where there are no groups, or
    where it says its groups itself ('Median household income, by householder's race and age')."""
    if dim_words and ", by " not in label:
        return _("{label} by {dim}").format(label=label, dim=dim_words)
    return label


def groups_title(label: str, dim_words: str, place: str) -> str:
    return _("{label} by {dim}, {place}").format(label=label, dim=dim_words, place=place)


def trend_title(label: str, dim_words: str) -> str:
    return _("{label} by {dim} over time").format(label=label, dim=dim_words)


def places_title(label: str, dim_words: str, place: str) -> str:
    return _("{label} by {dim}: {place} and the places around it").format(
        label=label, dim=dim_words, place=place
    )


def part_gaps_title(dim_words: str, level: str = "county", shown: int = 0, of: int = 0) -> str:
    """'Gap by race and ethnicity in each county'; where only the widest are drawn, how many of how many."""
    if of > shown > 0:
        return _("Gap by {dim}: the {shown} {parts} where it is widest, of {of}").format(
            dim=dim_words, shown=shown, parts=level_plural(level, lower=True), of=f"{of:,}"
        )
    return _("Gap by {dim} in each {one}").format(dim=dim_words, one=_(LEVEL_SINGULAR.get(level, "area")))


def share_title(label: str) -> str:
    return _("{label}: who is affected").format(label=label)


def everyone_in(place: str) -> str:
    return _("Everyone in {place}").format(place=place)


def back_to(region: str) -> str:
    return _("Back to all of {region}").format(region=region)


def place_in(place: str, region: str) -> str:
    """Under the title where an area inside the region is looked at (Markdown: both escaped)."""
    return _("**{place}**, in {region}.").format(place=md(place), region=md(region))


def no_groups(
    label: str, with_groups: list[str], place: str = "", elsewhere: bool = False, part_level: str = "county"
) -> str:
    """Said when an indicator has no values by group here, naming those that have them (if any do).
    ``elsewhere``: the indicator itself has groups, for other areas than ``place`` (a tract file's
    groups, say, with no figure for its state)."""
    if elsewhere:
        return _(
            "“{label}” has no values by group for {place} itself; the source gives its groups for its "
            "{parts}. Their gaps are compared below; choose {a_one} as the region (or on the map) to see its "
            "groups."
        ).format(
            label=label,
            place=place_words(place),
            parts=level_plural(part_level, lower=True),
            a_one=_(A_ONE.get(part_level, A_ONE["custom"])),
        )
    if not with_groups:
        return _("“{label}” has no values by group, and no indicator in this database has them yet.").format(
            label=label
        )
    return _("“{label}” has no values by group. These indicators do: {indicators}.").format(
        label=label, indicators=", ".join(with_groups)
    )


MEASURE_PLURAL = {"crude": N_("crude rates"), "age_adjusted": N_("age-adjusted rates")}
MARKS_WORDS = {"bars": N_("bars"), "whiskers": N_("whiskers")}


def measure_and_bars(measure_type: str, marks: str) -> str:
    """A group chart's key: 'crude rates · whiskers: 95% confidence interval'."""
    return _("{measures} · {marks}: 95% confidence interval").format(
        measures=_(MEASURE_PLURAL[measure_type]), marks=_(MARKS_WORDS.get(marks, marks))
    )


def against_reference(ref_label: str) -> str:
    return _("Each group against {reference}").format(reference=lower_first(ref_label))


def summary_words(summary: dict) -> str:
    """Healthy People's Index of Disparity and summary rate ratio, with their intervals, in words."""
    idx, idx_lo, idx_hi = summary["index_of_disparity"]
    srr, srr_lo, srr_hi = summary["summary_rate_ratio"]
    return _(
        "on average, groups fare {idx}% worse than the best-off group (Index of Disparity {idx}%, likely "
        "between {idx_low}% and {idx_high}%; summary rate ratio {srr}, likely between {srr_low} and "
        "{srr_high}). Intervals by simulation from each group's standard error, as Healthy People computes "
        "them."
    ).format(
        idx=f"{idx:.0f}",
        idx_low=f"{idx_lo:.0f}",
        idx_high=f"{idx_hi:.0f}",
        srr=f"{srr:.2f}",
        srr_low=f"{srr_lo:.2f}",
        srr_high=f"{srr_hi:.2f}",
    )


def share_takeaway(group_words: str, population_share: float, case_share: float, inequity: float, label: str):
    """A group's share of those affected against its share of the people."""
    return _(
        "{group} make up {population_share} of the people counted but {case_share} of {label}: {inequity} "
        "against their share."
    ).format(
        group=group_words[:1].upper() + group_words[1:],
        population_share=f"{population_share:.0%}",
        case_share=f"{case_share:.0%}",
        label=lower_first(label),
        inequity=f"{inequity:+.0%}",
    )


def share_note(min_count: int, measure_type: str) -> str:
    if measure_type == "age_adjusted":
        words = _("groups of {counts} people are pooled · crude counts, not age-adjusted")
    else:
        words = _("groups of {counts} people are pooled · crude counts")
    return words.format(counts=small_counts(min_count))


def too_few_groups_here(place: str) -> str:
    return _(
        "Too few groups have values in {place} to measure its gap; the chart shows what there is."
    ).format(place=place)


def widest_part_gap(county: str, worst: str, best: str, ratio: float, here=None, nation=None) -> str:
    """Where among a region's counties (or the nation's states: ``level``) the gap between groups is
    widest, against the region's and the nation's (``here`` and ``nation`` each a place and its ratio, or
    None)."""
    against = [
        _("{ratio} times across {place}").format(ratio=f"{r:.1f}", place=name)
        for name, r in (p for p in (here, nation) if p is not None)
    ]
    values = dict(county=county, worst=worst, best=best, ratio=f"{ratio:.1f}")
    if against:
        return _(
            "The gap between the worst- and best-off groups is widest in {county}: {worst} fare {ratio} "
            "times worse than {best}, against {against}."
        ).format(against=_and(against), **values)
    return _(
        "The gap between the worst- and best-off groups is widest in {county}: {worst} fare {ratio} times "
        "worse than {best}."
    ).format(**values)


def disparities_caption(description: str, min_count: int) -> str:
    return _(
        "{description} Groups with {few} people counted are shown as “{too_few}”, never as zero. Faded dots "
        "are unreliable estimates ({unreliable})."
    ).format(
        description=description,
        few=few(min_count),
        too_few=_(FLAG_TEXT["suppressed"]),
        unreliable=unreliable_note(),
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

VULNERABILITY_SOURCE = N_("CDC/ATSDR Social Vulnerability Index (overall percentile rank)")


def vulnerability_caption(svi_year, year) -> str:
    """Which SVI ranked the areas, and that its year is not the indicator's where they differ."""
    if svi_year != year:
        words = _("Vulnerability: {source}, {svi_year} (the SVI nearest to {year}).")
    else:
        words = _("Vulnerability: {source}, {svi_year}.")
    return words.format(source=_(VULNERABILITY_SOURCE), svi_year=svi_year, year=year)


def places_heading(level: str) -> str:
    return _("{areas} compared").format(areas=level_plural(level))


def too_few_areas(label: str, level: str, place: str, year) -> str:
    return _(
        "Fewer than three {areas} in {place} have a figure of {label} for {year}, so there is nothing to "
        "compare."
    ).format(
        areas=level_plural(level, lower=True), place=place_words(place), label=lower_first(label), year=year
    )


def ranked_areas_title(label: str, level: str, place: str, shown: int, of: int) -> str:
    """The ranked areas chart's title, short enough for a projector: what it shows comes in its subtitle."""
    which = (
        _("the {shown} of {of} with the most need").format(shown=shown, of=f"{of:,}")
        if shown < of
        else _("all {of}").format(of=f"{of:,}")
    )
    return _("{areas} of {place}: {which}").format(
        areas=level_plural(level), place=place_words(place), which=which
    )


def fifths_words(label: str, unit: str, level: str, f: dict) -> str:
    """The most against the least socially vulnerable fifth of areas, with the ratio's interval."""
    ratio, low, high = f["ratio"]
    chance = (
        _("larger than chance alone would explain")
        if (low > 1 or high < 1)
        else _("a difference chance alone could explain")
    )
    return _(
        "In the most socially vulnerable fifth of {areas} ({n} {areas}, by the SVI), {label} averages "
        "{most}, against {least} in the least vulnerable fifth: a ratio of {ratio}, likely between {low} "
        "and {high}, {chance}. Averages are weighted by population."
    ).format(
        areas=level_plural(level, lower=True),
        n=f["areas"],
        label=lower_first(label),
        most=number(f["most"], unit),
        least=number(f["least"], unit),
        ratio=f"{ratio:.2f}",
        low=f"{low:.2f}",
        high=f"{high:.2f}",
        chance=chance,
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
    areas = level_plural(level, lower=True)
    if low <= 0 <= high:
        where = _("spread about evenly between more and less vulnerable {areas}")
    elif value < 0:
        where = _("concentrated in the more socially vulnerable {areas}")
    else:
        where = _("concentrated in the less socially vulnerable {areas}")
    return _(
        "Concentration index {value} (likely between {low} and {high}): {label} is {where}. The index runs "
        "from −1 (all of it in the most vulnerable) to +1 (all in the least), 0 for an even spread "
        "(Wagstaff, Paci and van Doorslaer 1991; NCI's HD*Calc)."
    ).format(
        value=signed(value),
        low=signed(low),
        high=signed(high),
        label=lower_first(label),
        where=where.format(areas=areas),
    )


def no_vulnerability(level: str, loaded: bool) -> str:
    areas = level_plural(level, lower=True)
    if loaded:
        return _(
            "Too few {areas} have both this figure and a Social Vulnerability Index rank to compare the most "
            "and least vulnerable."
        ).format(areas=areas)
    return _(
        "Load the CDC/ATSDR Social Vulnerability Index for these {areas} (`python -m equity ingest svi`) to "
        "compare the most and the least socially vulnerable of them."
    ).format(areas=areas)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st (in Spanish 1.ª, 2.ª)."""
    if i18n.lang() != "en":
        return f"{n}.ª"  # feminine: the figure (la cifra) it ranks
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def peer_words(place: str, state: str, level: str, standing: dict, label: str, unit: str, worse: bool) -> str:
    """Where a place stands among its peers: 'Among the 5 counties of Riverbend with a figure, Kent has the
    2nd highest …' (``worse``: higher is worse)."""
    first = standing["rank"] == 1
    if worse:
        words = (
            _(
                "Among the {of} {areas} of {state} with a figure, {place} has the highest {label} "
                "({value}; {spread})."
            )
            if first
            else _(
                "Among the {of} {areas} of {state} with a figure, {place} has the {rank} highest {label} "
                "({value}; {spread})."
            )
        )
    else:
        words = (
            _(
                "Among the {of} {areas} of {state} with a figure, {place} has the lowest {label} "
                "({value}; {spread})."
            )
            if first
            else _(
                "Among the {of} {areas} of {state} with a figure, {place} has the {rank} lowest {label} "
                "({value}; {spread})."
            )
        )
    spread = _("median {median}, range {low} to {high}").format(
        median=number(standing["median"], unit),
        low=number(standing["low"], unit),
        high=number(standing["high"], unit),
    )
    return words.format(
        of=standing["of"],
        areas=level_plural(level, lower=True),
        state=state,
        place=place,
        label=lower_first(label),
        value=number(standing["value"], unit),
        spread=spread,
        **({} if first else {"rank": ordinal(standing["rank"])}),
    )


# ---- downloads and links: each chart's data with its citation, each chart's own link ----------------

DOWNLOAD_CHART = N_("Download this chart's data:")
DOWNLOAD_MAP = N_("Download the map's data:")
DOWNLOAD_GAPS = N_("Download these gaps:")
DOWNLOAD_CHARTS = N_("Download these charts' data:")
DOWNLOAD_GROUPS = N_("Download this chart's data, every year and group:")
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
    "population_share": N_("Share of the people (%)"),
    "case_share": N_("Share of the cases (%)"),
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
    "too_few_to_show": TOO_FEW,
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
BRIEF_QR = N_("Scan to open the live view")
BRIEF_QR_ALT = N_("QR code of the link to the live view")
BRIEF_DEMO_LABEL = N_("Fictional demo data.")
BRIEF_METHOD_HEADING = N_("Source and method")
BRIEF_VINTAGE = "vintage"  # equity.brief says "{source} (vintage {vintage})" whole
BRIEF_INTERVALS = N_(
    "Ranges are 95% confidence intervals: the range the true value most likely lies in. Published figures "
    "keep their publisher's interval (an American Community Survey 90% margin of error is widened to 95%). "
    "Where the dashboard computes an interval from counts it uses the Wilson interval for a crude percent, "
    "the exact Poisson interval (Byar's approximation for large counts) for a crude rate, and for an "
    "age-adjusted figure the Korn–Graubard interval (percents) or the Fay–Feuer interval (rates)."
)


def brief_title(page: str, place: str) -> str:
    """'Disparities in Riverbend'; the overview is the place's health equity."""
    if page in ("Overview", _("Overview")):  # the navigation's name, in this run's language
        return _("Health equity in {place}").format(place=place)
    return f"{page}: {place}"


def brief_place(place: str, population) -> str:
    """'Riverbend, 512,345 people living here'."""
    if is_missing(population):
        return place
    return _("{place}, {people} people living here").format(place=place, people=people(population))


def brief_made(when) -> str:
    """'December 1, 2026, 18:40 UTC' ('1 de diciembre de 2026, 18:40 UTC')."""
    from equity import i18n

    when = pd.Timestamp(when)
    if i18n.lang() == "en":
        return f"{when:%B %-d, %Y, %H:%M} UTC"
    return f"{i18n.date(when.date())}, {when:%H:%M} UTC"


def brief_footer(when) -> str:
    from equity import i18n

    when = pd.Timestamp(when)
    day = f"{when:%B %-d, %Y}" if i18n.lang() == "en" else i18n.date(when.date())
    return _("Made with the Equity Dashboard on {day}").format(day=day)


def brief_several(n: int) -> str:
    return ngettext("A brief of {n} view", "A brief of {n} views", n).format(n=n)


def brief_more_rows(n: int) -> str:
    return ngettext(
        "… and {n} more row: the page and its download have them all.",
        "… and {n} more rows: the page and its download have them all.",
        n,
    ).format(n=f"{n:,}")


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
