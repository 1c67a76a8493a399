"""Did a program work? The estimators behind the Programs page's "Did it work?" (issue 11, section 1).

Each returns its estimate with a 95% interval, or ``Unestimable`` saying why there is none; no wording
here (equity/views/impact.py words them).

- ``did``: difference-in-differences. One indicator's yearly values in the areas a program serves and in
  the comparison areas (the other areas of the same level in the region), before and after the year it
  began: ``value ~ served x after + area + year``, errors clustered by area (an area's years are not
  independent). The coefficient is how much more the served areas changed than the others.
- ``event_study``: the same with one term per year relative to the start (the year before, -1, is the
  reference): the served-minus-comparison gap year by year, and the parallel-trends check, a Wald F test
  that the gaps before the start are jointly zero.
- ``segmented``: interrupted time series of a program's monthly results around a date (Lopez Bernal,
  Cummins & Gasparrini, IJE 2017;46:348): ``value ~ 1 + t + after + months since``, so the level change
  and the slope change are read directly; Newey-West (HAC) errors allow for months that run together.
  Time after the change counts from the change (PMC8271192 on the pitfall of counting it from the start).
  The pre-period line projected forward is results-based accountability's baseline forecast ("turn the
  curve", Friedman).

Area and year effects are absorbed by demeaning (alternating projections), which gives the same
coefficients as a dummy per area and year (Frisch-Waugh-Lovell) without a column per area, so 9,000 tracts
cost little. The cluster-robust errors are statsmodels' (small-sample factor G/(G-1) x (N-1)/(N-K), K the
regressors left after absorbing, as Stata's ``xtreg, fe vce(cluster)``), with t intervals on G-1 degrees of
freedom. With few served areas such intervals are too narrow (Conley & Taber 2011); the minimums below keep
the worst cases out and the page says how many areas each side has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm

Z = 0.05  # two-sided: 95% intervals
MIN_SERVED = 5  # served areas with values before and after
MIN_COMPARISON = 5
MIN_PRE_YEARS = 1
MIN_POST_YEARS = 1
MIN_TREND_YEARS = 2  # years before the start needed to check that the areas moved alike before it
MIN_PRE_MONTHS = 8  # Lopez Bernal et al.: at least 8 points either side of the change, ideally more
MIN_POST_MONTHS = 6
REFERENCE = -1  # the event study's reference: the year before the start


@dataclass(frozen=True)
class Unestimable:
    """Why there is no estimate: ``reason`` one of no_values, few_pre, few_post, few_served,
    few_comparison, no_change; ``have`` and ``need`` the counts that fell short."""

    reason: str
    have: int = 0
    need: int = 0


@dataclass(frozen=True)
class Did:
    estimate: float  # served areas' change minus comparison areas' change, in the indicator's unit
    ci_low: float
    ci_high: float
    se: float
    p: float
    served: int  # areas in the estimate
    comparison: int
    pre_years: tuple[int, ...]
    post_years: tuple[int, ...]
    rows: int


@dataclass(frozen=True)
class Trends:
    """The parallel-trends check: the gaps before the start jointly zero (Wald F test)."""

    f: float
    df: int  # pre-period terms tested
    p: float


@dataclass
class EventStudy:
    # relative_year, year, estimate, ci_low, ci_high (the reference year: estimate 0, no interval)
    table: pd.DataFrame
    trends: Trends | None  # None where only the reference year precedes the start
    served: int = 0
    comparison: int = 0


@dataclass
class Segmented:
    change: pd.Timestamp
    level: float  # jump at the change, in the metric's unit
    level_ci: tuple[float, float]
    slope: float  # change in the monthly slope
    slope_ci: tuple[float, float]
    gap: float  # actual minus the baseline forecast at the last month (level + slope x months since)
    gap_ci: tuple[float, float]
    pre_months: int
    post_months: int
    lags: int  # Newey-West lags
    # period, value, baseline (the pre-period trend projected), baseline_low, baseline_high, after
    table: pd.DataFrame = field(default_factory=pd.DataFrame)


# ---- difference-in-differences and the event study ---------------------------------------------------


def panel(values: pd.DataFrame, start_year: int) -> pd.DataFrame | Unestimable:
    """The rows the estimate uses: areas with a value both before and after ``start_year`` (counted as
    after: a program runs part of its first year), or why there are too few.

    ``values``: area_id, period (year), value (None where withheld or missing), served (bool).
    """
    df = values.dropna(subset=["value"])[["area_id", "period", "value", "served"]].copy()
    if df.empty:
        return Unestimable("no_values")
    df["period"] = df["period"].astype(int)
    df["served"] = df["served"].astype(bool)
    df["after"] = df["period"] >= start_year
    pre = sorted(set(df.loc[~df["after"], "period"]))
    post = sorted(set(df.loc[df["after"], "period"]))
    if len(pre) < MIN_PRE_YEARS:
        return Unestimable("few_pre", len(pre), MIN_PRE_YEARS)
    if len(post) < MIN_POST_YEARS:
        return Unestimable("few_post", len(post), MIN_POST_YEARS)
    # Integer codes, not the ids, from here on: comparing text ids row by row is what would cost time.
    code = pd.factorize(df["area_id"])[0]
    after = df["after"].to_numpy()
    before_too = np.bincount(code, weights=~after) > 0
    after_too = np.bincount(code, weights=after) > 0
    df = df[(before_too & after_too)[code]].reset_index(drop=True)
    df["area"] = pd.factorize(df["area_id"])[0]
    served = _areas(df, True)
    if served < MIN_SERVED:
        return Unestimable("few_served", served, MIN_SERVED)
    comparison = _areas(df, False)
    if comparison < MIN_COMPARISON:
        return Unestimable("few_comparison", comparison, MIN_COMPARISON)
    return df


def _areas(df: pd.DataFrame, served: bool) -> int:
    """How many areas of the panel are served (or not)."""
    return int(np.unique(df["area"].to_numpy()[df["served"].to_numpy() == served]).size)


def absorb(x: np.ndarray, groups: list[np.ndarray], tol: float = 1e-10, max_iter: int = 1000) -> np.ndarray:
    """``x`` (rows by columns) with the means of each grouping swept out in turn until none is left: the
    residual of a regression on a dummy per group of every grouping (alternating projections; one pass for
    a balanced panel)."""
    x = np.array(x, dtype=float, copy=True)
    if x.ndim == 1:
        x = x[:, None]
    sizes = [np.bincount(g).astype(float) for g in groups]
    scale = max(1.0, float(np.abs(x).max())) if x.size else 1.0
    for _ in range(max_iter):
        moved = 0.0
        for g, n in zip(groups, sizes, strict=True):
            means = np.column_stack(
                [np.bincount(g, weights=x[:, j], minlength=len(n)) for j in range(x.shape[1])]
            )
            means /= np.where(n > 0, n, 1.0)[:, None]
            x -= means[g]
            moved = max(moved, float(np.abs(means).max()))
        if moved <= tol * scale:
            break
    return x


def _fit(df: pd.DataFrame, columns: np.ndarray):
    """OLS of value on ``columns`` with area and year effects absorbed, errors clustered by area."""
    area = df["area"].to_numpy()
    year = pd.factorize(df["period"])[0]
    both = absorb(np.column_stack([df["value"].to_numpy(float), columns]), [area, year])
    y, x = both[:, 0], both[:, 1:]
    return sm.OLS(y, x).fit(cov_type="cluster", cov_kwds={"groups": area}, use_t=True)


def _interval(res, i: int) -> tuple[float, float]:
    lo, hi = res.conf_int(alpha=Z)[i]
    return float(lo), float(hi)


def did(values: pd.DataFrame, start_year: int) -> Did | Unestimable:
    """The difference-in-differences estimate of a program that began in ``start_year`` (see ``panel``)."""
    df = panel(values, start_year)
    if isinstance(df, Unestimable):
        return df
    treat = (df["served"] & df["after"]).to_numpy(float)
    res = _fit(df, treat[:, None])
    lo, hi = _interval(res, 0)
    p = float(res.pvalues[0])
    return Did(
        estimate=float(res.params[0]),
        ci_low=lo,
        ci_high=hi,
        se=float(res.bse[0]),
        p=p if math.isfinite(p) else 1.0,
        served=_areas(df, True),
        comparison=_areas(df, False),
        pre_years=tuple(sorted(set(df.loc[~df["after"], "period"]))),
        post_years=tuple(sorted(set(df.loc[df["after"], "period"]))),
        rows=len(df),
    )


def event_study(values: pd.DataFrame, start_year: int) -> EventStudy | Unestimable:
    """The served-minus-comparison gap in each year relative to the start (-1 the reference, 0), with
    95% intervals, and the parallel-trends check where two or more years precede the start."""
    df = panel(values, start_year)
    if isinstance(df, Unestimable):
        return df
    relative = (df["period"] - start_year).to_numpy()
    present = sorted(set(relative.tolist()))
    # The year before the start is the reference; where it has no values, the nearest year before it.
    reference = REFERENCE if REFERENCE in present else max(k for k in present if k < 0)
    years = [k for k in present if k != reference]
    served = df["served"].to_numpy()
    columns = np.column_stack([(served & (relative == k)).astype(float) for k in years])
    res = _fit(df, columns)
    ci = res.conf_int(alpha=Z)
    rows = [
        (k, start_year + k, float(res.params[i]), float(ci[i][0]), float(ci[i][1]))
        for i, k in enumerate(years)
    ]
    rows.append((reference, start_year + reference, 0.0, np.nan, np.nan))
    table = pd.DataFrame(rows, columns=["relative_year", "year", "estimate", "ci_low", "ci_high"])
    pre = [i for i, k in enumerate(years) if k < 0]
    trends = None
    if pre:
        r = np.zeros((len(pre), len(years)))
        for row, i in enumerate(pre):
            r[row, i] = 1.0
        test = res.wald_test(r, use_f=True, scalar=True)
        trends = Trends(float(test.statistic), len(pre), float(test.pvalue))
    return EventStudy(
        table.sort_values("relative_year").reset_index(drop=True),
        trends,
        served=_areas(df, True),
        comparison=_areas(df, False),
    )


# ---- interrupted time series of monthly results ------------------------------------------------------


def _months(periods: pd.Series, origin: pd.Timestamp) -> np.ndarray:
    p = pd.to_datetime(periods)
    return ((p.dt.year - origin.year) * 12 + (p.dt.month - origin.month)).to_numpy()


def newey_west_lags(n: int) -> int:
    """Newey & West's (1994) rule of thumb for the lags of the HAC errors: floor(4 (n/100)^(2/9))."""
    return max(1, int(4 * (n / 100) ** (2 / 9)))


def segmented(series: pd.DataFrame, change) -> Segmented | Unestimable:
    """Segmented regression of monthly ``series`` (period, value; a withheld or unreported month None)
    around ``change`` (the first month it was in place): level change, slope change, and the gap between
    what happened and the baseline forecast at the last month, each with a 95% interval (HAC errors)."""
    change = pd.Timestamp(change).to_period("M").to_timestamp()
    df = series.dropna(subset=["value"])[["period", "value"]].copy()
    df["period"] = pd.to_datetime(df["period"]).dt.to_period("M").dt.to_timestamp()
    df = df.sort_values("period").drop_duplicates("period").reset_index(drop=True)
    if df.empty:
        return Unestimable("no_values")
    t = _months(df["period"], df["period"].iloc[0]).astype(float)
    t0 = float(_months(pd.Series([change]), df["period"].iloc[0])[0])
    after = t >= t0
    pre, post = int((~after).sum()), int(after.sum())
    if pre < MIN_PRE_MONTHS:
        return Unestimable("few_pre", pre, MIN_PRE_MONTHS)
    if post < MIN_POST_MONTHS:
        return Unestimable("few_post", post, MIN_POST_MONTHS)
    since = np.where(after, t - t0, 0.0)
    x = np.column_stack([np.ones_like(t), t, after.astype(float), since])
    lags = newey_west_lags(len(t))
    res = sm.OLS(df["value"].to_numpy(float), x).fit(cov_type="HAC", cov_kwds={"maxlags": lags}, use_t=True)
    last = float(t.max() - t0)
    gap = res.t_test(np.array([[0.0, 0.0, 1.0, last]]))
    gap_ci = gap.conf_int(alpha=Z)[0]

    # The baseline forecast: the pre-period line, projected over every month from the first to the last.
    months = pd.date_range(df["period"].iloc[0], df["period"].iloc[-1], freq="MS")
    tm = _months(pd.Series(months), df["period"].iloc[0]).astype(float)
    base = np.column_stack([np.ones_like(tm), tm, np.zeros_like(tm), np.zeros_like(tm)])
    pred = res.get_prediction(base).summary_frame(alpha=Z)
    table = pd.DataFrame(
        {
            "period": months,
            "baseline": pred["mean"].to_numpy(),
            "baseline_low": pred["mean_ci_lower"].to_numpy(),
            "baseline_high": pred["mean_ci_upper"].to_numpy(),
            "after": tm >= t0,
        }
    ).merge(df, on="period", how="left")
    return Segmented(
        change=change,
        level=float(res.params[2]),
        level_ci=_interval(res, 2),
        slope=float(res.params[3]),
        slope_ci=_interval(res, 3),
        gap=float(np.asarray(gap.effect).ravel()[0]),
        gap_ci=(float(gap_ci[0]), float(gap_ci[1])),
        pre_months=pre,
        post_months=post,
        lags=lags,
        table=table[["period", "value", "baseline", "baseline_low", "baseline_high", "after"]],
    )


def turned(seg: Segmented, higher_is_better: bool) -> bool | None:
    """Whether the curve turned: the last month's gap from the baseline forecast lies, whole interval, on
    the better side (True), the worse side (False), or could be chance (None)."""
    lo, hi = seg.gap_ci
    if lo > 0 or hi < 0:
        return (lo > 0) == higher_is_better
    return None
