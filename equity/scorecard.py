"""The results scorecard of results-based accountability (Mark Friedman, *Trying Hard Is Not Good Enough*;
the Clear Impact scorecard): each program's measures grouped by the question they answer, "Is anyone
better off?" first, then "How well did we do it?" and "How much did we do?", each with its latest result,
its trend, its target and whether it is on track.

The rules, in one place for the page, its download and its tests (the words are in equity.text):

- **Latest**: the last month with a result, or with a count too small to show (published_results
  withholds it). On track is judged on that month alone, by metrics.target_status: met, missed, no
  target set (never a miss), or not judged where the count is withheld.
- **Trend**: the mean of the results shown in the last ``TREND_MONTHS`` calendar months up to the latest
  result, against the same months a year before (so a school's summer or a van's winter is compared with
  its own season), or, where the program is too young for that, against the ``TREND_MONTHS`` months just
  before. Each window needs ``TREND_MIN_REPORTED`` results; a withheld month is left out, never guessed.
  A change within ``STEADY_POINTS`` percentage points (percents) or ``STEADY_SHARE`` of the earlier level
  (counts) is "about the same": month-to-month noise in program reports is about that large.
- **Headline**: a program's first measure of whether anyone is better off, by label; the coalition's
  scorecard gives each program's headline first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from equity import metrics, text

QUESTIONS = ("better_off", "how_well", "how_much")  # the scorecard's order; None (not yet said) comes last
TREND_MONTHS = 6
TREND_MIN_REPORTED = 3
STEADY_POINTS = 3.0
STEADY_SHARE = 0.10
SPARK_MONTHS = 12
# A sparkline spans at least this much (percentage points; a share of the months' mean for counts), so
# that a steady measure's month-to-month noise draws as a nearly level line, not as peaks and troughs.
SPARK_SPAN_POINTS = 20.0
SPARK_SPAN_SHARE = 0.5


@dataclass(frozen=True)
class Trend:
    """How a measure moved: ``direction`` up, down, steady or too_soon (too few months to tell);
    ``before`` and ``after`` the means compared; ``against`` 'year' (the same months a year before) or
    'before' (the months just before)."""

    direction: str
    before: float | None = None
    after: float | None = None
    against: str | None = None

    def verdict(self, higher_is_better: bool) -> str:
        """better, worse, steady or too_soon: the direction read the way the measure is read."""
        if self.direction in ("steady", "too_soon"):
            return self.direction
        return "better" if (self.direction == "up") == bool(higher_is_better) else "worse"


@dataclass(frozen=True)
class Measure:
    """One row of a scorecard."""

    metric_id: str
    label: str
    unit: str
    higher_is_better: bool
    question: str | None  # one of QUESTIONS, or None: not yet said
    period: pd.Timestamp | None = None  # the latest month with a result or a withheld count
    value: float | None = None  # its result (None where withheld or none reported)
    target: float | None = None  # its target that month
    status: str = "not_reported"  # metrics.TARGET_STATUSES
    trend: Trend = field(default_factory=lambda: Trend("too_soon"))
    spark: tuple = ()  # the results of the SPARK_MONTHS months up to ``period``, None where not shown
    spark_range: tuple[float, float] = (0.0, 0.0)  # the values its lowest and highest blocks stand for

    @property
    def verdict(self) -> str:
        return self.trend.verdict(self.higher_is_better)


def _month(period) -> int:
    p = pd.Timestamp(period)
    return p.year * 12 + p.month - 1


def trend(periods, values, unit: str) -> Trend:
    """The trend of one measure's monthly results (``values`` by ``periods``; missing where not shown)."""
    shown = {_month(p): float(v) for p, v in zip(periods, values, strict=True) if not text.is_missing(v)}
    if not shown:
        return Trend("too_soon")
    last = max(shown)

    def window(end: int) -> list[float]:
        return [shown[m] for m in range(end - TREND_MONTHS + 1, end + 1) if m in shown]

    after = window(last)
    if len(after) < TREND_MIN_REPORTED:
        return Trend("too_soon")
    # The same months a year before where the program ran then; else the months just before.
    compared = (("year", window(last - 12)), ("before", window(last - TREND_MONTHS)))
    against, before = next(((a, w) for a, w in compared if len(w) >= TREND_MIN_REPORTED), (None, []))
    if against is None:
        return Trend("too_soon")
    was, now = sum(before) / len(before), sum(after) / len(after)
    band = STEADY_POINTS if unit == "percent" else STEADY_SHARE * abs(was)
    change = now - was
    direction = "steady" if abs(change) <= band else ("up" if change > 0 else "down")
    return Trend(direction, was, now, against)


def spark_range(values, unit: str) -> tuple[float, float]:
    """The values a sparkline's lowest and highest blocks stand for: the months' own range, widened about
    its middle to at least SPARK_SPAN_POINTS (percents) or SPARK_SPAN_SHARE of their mean (counts)."""
    shown = [float(v) for v in values if not text.is_missing(v)]
    if not shown:
        return (0.0, 0.0)
    low, high = min(shown), max(shown)
    least = SPARK_SPAN_POINTS if unit == "percent" else SPARK_SPAN_SHARE * abs(sum(shown) / len(shown))
    if high - low >= least:
        return (low, high)
    middle = (low + high) / 2
    return (middle - least / 2, middle + least / 2)


def measure(rows: pd.DataFrame) -> Measure:
    """One measure's scorecard row from its monthly results (the query program_results' columns)."""
    rows = rows.assign(period=pd.to_datetime(rows["period"])).sort_values("period")
    first = rows.iloc[0]
    withheld = (
        rows["few_people"].fillna(False).astype(bool)
        if "few_people" in rows
        else pd.Series(False, index=rows.index)
    )
    question = first.get("question")
    about = dict(
        metric_id=first["metric_id"],
        label=first["label"],
        unit=first["unit"],
        higher_is_better=bool(first["higher_is_better"]),
        question=None if text.is_missing(question) or question not in QUESTIONS else question,
    )
    reported = rows[rows["value"].notna() | withheld]
    if reported.empty:
        return Measure(**about)
    latest = reported.iloc[-1]
    few = bool(withheld.loc[latest.name])
    value = None if few or text.is_missing(latest["value"]) else float(latest["value"])
    target = None if text.is_missing(latest["target"]) else float(latest["target"])
    by_month = dict(zip(rows["period"].map(_month), rows["value"], strict=True))
    end = _month(latest["period"])
    spark = tuple(
        None if text.is_missing(v := by_month.get(m)) else float(v)
        for m in range(end - SPARK_MONTHS + 1, end + 1)
    )
    return Measure(
        **about,
        period=latest["period"],
        value=value,
        target=target,
        status=metrics.target_status(value, target, about["higher_is_better"], few),
        trend=trend(rows["period"], rows["value"], about["unit"]),
        spark=spark,
        spark_range=spark_range(spark, about["unit"]),
    )


def _order(m: Measure) -> tuple:
    return (QUESTIONS.index(m.question) if m.question in QUESTIONS else len(QUESTIONS), m.label)


def measures(results: pd.DataFrame) -> list[Measure]:
    """Every measure of ``results`` (one program's, or several), better off first, then by label."""
    if results.empty:
        return []
    return sorted((measure(df) for _, df in results.groupby("metric_id", sort=False)), key=_order)


def by_question(rows: list[Measure]) -> dict[str | None, list[Measure]]:
    """The measures under each question, in the scorecard's order; None (not yet said) last, if any."""
    out: dict[str | None, list[Measure]] = {q: [m for m in rows if m.question == q] for q in QUESTIONS}
    unsaid = [m for m in rows if m.question is None]
    if unsaid:
        out[None] = unsaid
    return out


def headline(rows: list[Measure]) -> Measure | None:
    """A program's headline: its first measure of whether anyone is better off (None if it has none)."""
    return next((m for m in sorted(rows, key=_order) if m.question == "better_off"), None)


def tally(rows: list[Measure]) -> Counter:
    """How many measures stand where against their targets (metrics.TARGET_STATUSES), and how many are
    getting better or worse (``better``, ``worse``)."""
    counts = Counter(m.status for m in rows)
    counts.update(m.verdict for m in rows if m.verdict in ("better", "worse"))
    return counts


__all__ = [
    "QUESTIONS",
    "Measure",
    "Trend",
    "by_question",
    "headline",
    "measure",
    "measures",
    "tally",
    "trend",
]
