"""Statistics behind the dashboard's figures: intervals, group comparisons, summary disparity measures,
age adjustment and the composite need index. Pure numpy/scipy/pandas, no Streamlit.

Every function is vectorised: give it numbers, numpy arrays or pandas Series and it gives back the same
shape (a float for scalars, an array for arrays, a Series with the input's index for Series). Arrays are
combined by position, never aligned by label.

Sources (named again where each method is used):

* Newcombe RG. Two-sided confidence intervals for the single proportion. Stat Med 1998;17:857-872.
* Ulm K. A simple method to calculate the confidence interval of a standardized mortality ratio.
  Am J Epidemiol 1990;131:373-375 (exact Poisson limits from the chi-square distribution).
* Breslow NE, Day NE. Statistical Methods in Cancer Research, vol. II, IARC 1987 (Byar's approximation).
* Fay MP, Feuer EJ. Confidence intervals for directly standardized rates: a method based on the gamma
  distribution. Stat Med 1997;16:791-801.
* Klein RJ, Schoenborn CA. Age adjustment using the 2000 projected U.S. population. Healthy People
  Statistical Notes no. 20, NCHS 2001 (the 2000 U.S. standard population and its adult weights).
* Day JC. Population projections of the United States by age, sex, race, and Hispanic origin: 1995 to
  2050. Current Population Reports P25-1130, U.S. Census Bureau 1996 (the projection the standard is).
* Korn EL, Graubard BI. Confidence intervals for proportions with small expected number of positive
  counts estimated from survey data. Survey Methodology 1998;24:193-201.
* Parker JD, Talih M, Malec DJ, et al. National Center for Health Statistics data presentation
  standards for proportions. Vital Health Stat 2(175), NCHS 2017 (Korn-Graubard intervals).
* Pearcy JN, Keppel KG. A summary measure of health disparity. Public Health Rep 2002;117:273-280.
* Keppel K, Pamuk E, Lynch J, et al. Methodological issues in measuring health disparities. Vital Health
  Stat 2(141), NCHS 2005.
* Talih M, Huang DT. Measuring progress toward target attainment and the elimination of health
  disparities in Healthy People 2020. Healthy People Statistical Notes no. 27, NCHS 2016.
* CDC/ATSDR Social Vulnerability Index documentation, 2018 and 2020 releases.
* NCHS data presentation standards: estimates with a relative standard error above 30% are unreliable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import special as _special
from scipy import stats as _st

__all__ = [
    "UNRELIABLE_RSE",
    "US_2000_POPULATION",
    "US_2000_STANDARD",
    "age_adjusted_proportion",
    "age_adjusted_rate",
    "byar_interval",
    "gap_change",
    "index_of_disparity",
    "is_significant",
    "concentration_index",
    "need_index",
    "normal_interval",
    "percentile_rank",
    "poisson_exact_interval",
    "rate_difference",
    "rate_interval",
    "rate_ratio",
    "reference_rate",
    "relative_standard_error",
    "reliability_flag",
    "share_vs_population",
    "simulate_interval",
    "standard_error_from_interval",
    "standard_weights",
    "summary_rate_ratio",
    "wilson_interval",
]

# NCHS: an estimate whose relative standard error exceeds 30% is flagged as unreliable.
UNRELIABLE_RSE = 0.30

# The 2000 U.S. standard population (Census P25-1130), 11 age groups, per million, as NCHS uses it
# (Klein & Schoenborn 2001; the same figures SEER lists as "2000 U.S. Std Million").
# Keys are the age groups; ages are completed years and both ends are included.
US_2000_STANDARD: dict[str, int] = {
    "<1": 13_818,
    "1-4": 55_317,
    "5-14": 145_565,
    "15-24": 138_646,
    "25-34": 135_573,
    "35-44": 162_613,
    "45-54": 134_834,
    "55-64": 87_247,
    "65-74": 66_037,
    "75-84": 44_842,
    "85+": 15_508,
}
# The same projected 2000 population in thousands (Census P25-1130, Day 1996, as NCHS tabulates it:
# Klein & Schoenborn 2001), with 15-24 split at 18, since adult data start at 18 and the standard million
# has no such split. Of 15-24 (38,077), 18-24 is 26,258 and so 15-17 is 11,819; ages 18+ are 203,851.
# Check: 18-24 / 25-44 / 45-64 / 65+ then weigh 0.128810 / 0.401725 / 0.299194 / 0.170271, the adult
# weights of Klein & Schoenborn (and NYC DOHMH), and 18-44 / 45-64 / 65+ 0.530535 / 0.299194 / 0.170271.
US_2000_POPULATION: dict[str, int] = {
    "<1": 3_795,
    "1-4": 15_192,
    "5-14": 39_977,
    "15-17": 11_819,
    "18-24": 26_258,
    "25-34": 37_233,
    "35-44": 44_659,
    "45-54": 37_030,
    "55-64": 23_961,
    "65-74": 18_136,
    "75-84": 12_315,
    "85+": 4_259,
}
# First age of each piece of US_2000_POPULATION; the last is open-ended. Groups are built from these.
_PIECE_STARTS = (0, 1, 5, 15, 18, 25, 35, 45, 55, 65, 75, 85)
# The standard million per piece. 15-17 and 18-24 share 15-24's figure: when neither is split off (the
# only time the million is used, see standard_weights) a group holds both or neither, so 15-24 counts once.
_PIECE_MILLION = (
    13_818,
    55_317,
    145_565,
    138_646,
    0,
    135_573,
    162_613,
    134_834,
    87_247,
    66_037,
    44_842,
    15_508,
)


# ---------------------------------------------------------------------------------------------------
# Shapes in and out
# ---------------------------------------------------------------------------------------------------


def _f(x) -> np.ndarray:
    """A float array of ``x`` (Series and DataFrames by position)."""
    if isinstance(x, pd.Series | pd.DataFrame):
        return x.to_numpy(dtype=float, na_value=np.nan)
    return np.asarray(x, dtype=float)


def _like(result, *inputs, dtype=float):
    """``result`` in the shape of the inputs: a Series/DataFrame keeping the first pandas input's labels,
    a Python scalar when every input was a scalar, else a numpy array."""
    result = np.asarray(result, dtype=dtype)
    for x in inputs:
        if isinstance(x, pd.Series) and result.shape == (len(x),):
            return pd.Series(result, index=x.index, dtype=dtype)
        if isinstance(x, pd.DataFrame) and result.shape == x.shape:
            return pd.DataFrame(result, index=x.index, columns=x.columns)
    if result.ndim == 0:
        value = result.item()
        return None if value is None else value
    return result


def _z(level: float) -> float:
    """Two-sided standard normal critical value for a confidence level, e.g. 1.959964 for 0.95."""
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    return float(_st.norm.ppf(0.5 + level / 2))


# ---------------------------------------------------------------------------------------------------
# Intervals for one estimate
# ---------------------------------------------------------------------------------------------------


def wilson_interval(numerator, denominator, level: float = 0.95):
    """Wilson score interval for a proportion x/n, as proportions (0-1).

    With p = x/n and z the normal critical value::

        centre = (p + z²/2n) / (1 + z²/n)
        half   = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²)

    (Newcombe 1998, method 3.) A denominator of 0 (or x outside 0..n) gives NaN.
    Returns ``(low, high)``.
    """
    x, n = np.broadcast_arrays(_f(numerator), _f(denominator))
    z = _z(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = (n > 0) & (x >= 0) & (x <= n)
        p = np.where(ok, x / np.where(ok, n, 1), np.nan)
        n = np.where(ok, n, np.nan)
        d = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / d
        half = z / d * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = np.clip(centre - half, 0, 1)
    high = np.clip(centre + half, 0, 1)
    low = np.where(ok & (x == 0), 0.0, low)
    high = np.where(ok & (x == n), 1.0, high)
    return _like(low, numerator, denominator), _like(high, numerator, denominator)


def poisson_exact_interval(count, level: float = 0.95):
    """Exact (Garwood) Poisson interval for a count, from the chi-square distribution (Ulm 1990)::

        low  = χ²(α/2;  2x) / 2        (0 when x = 0)
        high = χ²(1-α/2; 2x + 2) / 2

    which is the same as the gamma quantiles Γ(α/2; x, 1) and Γ(1-α/2; x+1, 1).
    Negative or missing counts give NaN. Returns ``(low, high)`` on the count scale.
    """
    x = _f(count)
    alpha = 1 - level
    _z(level)
    bad = ~(x >= 0)
    xs = np.where(bad, 0.0, x)
    with np.errstate(invalid="ignore"):
        low = np.where(xs > 0, _st.chi2.ppf(alpha / 2, 2 * np.where(xs > 0, xs, 1)) / 2, 0.0)
        high = _st.chi2.ppf(1 - alpha / 2, 2 * xs + 2) / 2
    low = np.where(bad, np.nan, low)
    high = np.where(bad, np.nan, high)
    return _like(low, count), _like(high, count)


def byar_interval(count, level: float = 0.95):
    """Byar's approximation to the exact Poisson interval for a count x (Breslow & Day 1987)::

        low  = x (1 - 1/(9x) - z/(3√x))³                     (0 when x = 0)
        high = (x+1) (1 - 1/(9(x+1)) + z/(3√(x+1)))³

    Close to exact from about 10 events up. Returns ``(low, high)`` on the count scale.
    """
    x = _f(count)
    z = _z(level)
    bad = ~(x >= 0)
    xs = np.where(bad, 0.0, x)
    safe = np.where(xs > 0, xs, 1.0)
    low = np.where(xs > 0, xs * (1 - 1 / (9 * safe) - z / (3 * np.sqrt(safe))) ** 3, 0.0)
    low = np.maximum(low, 0.0)
    x1 = xs + 1
    high = x1 * (1 - 1 / (9 * x1) + z / (3 * np.sqrt(x1))) ** 3
    low = np.where(bad, np.nan, low)
    high = np.where(bad, np.nan, high)
    return _like(low, count), _like(high, count)


def rate_interval(count, population, per: float = 100_000, level: float = 0.95, exact_below: float = 100):
    """A crude rate per ``per`` people with its interval: the exact Poisson interval where the count is
    below ``exact_below``, Byar's approximation from there up (element by element); both are divided by
    the population and multiplied by ``per``. A population of 0 gives NaN.

    Returns ``(rate, low, high)``.
    """
    x, pop = np.broadcast_arrays(_f(count), _f(population))
    exact_low, exact_high = poisson_exact_interval(x, level)
    byar_low, byar_high = byar_interval(x, level)
    use_exact = x < exact_below
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(pop > 0, per / np.where(pop > 0, pop, 1), np.nan)
    rate = x * scale
    low = np.where(use_exact, exact_low, byar_low) * scale
    high = np.where(use_exact, exact_high, byar_high) * scale
    return tuple(_like(v, count, population) for v in (rate, low, high))


# ---------------------------------------------------------------------------------------------------
# Standard errors and reliability
# ---------------------------------------------------------------------------------------------------


def standard_error_from_interval(low, high, level: float = 0.95):
    """The standard error implied by a published symmetric normal interval: SE = (high - low) / (2z).

    For asymmetric published intervals (exact, gamma, log-scale) this is only an approximation.
    """
    se = (_f(high) - _f(low)) / (2 * _z(level))
    return _like(se, low, high)


def normal_interval(value, se, level: float = 0.95):
    """The symmetric normal interval of an estimate known by its standard error: value ± z·SE (the inverse
    of ``standard_error_from_interval``). Returns ``(low, high)``."""
    v, s = np.broadcast_arrays(_f(value), _f(se))
    half = _z(level) * s
    return _like(v - half, value, se), _like(v + half, value, se)


def relative_standard_error(value, se):
    """RSE = SE / |value| (a fraction: 0.30 means 30%). A value of 0 gives inf, or NaN when SE is 0 too."""
    v, s = np.broadcast_arrays(_f(value), _f(se))
    with np.errstate(divide="ignore", invalid="ignore"):
        rse = s / np.abs(v)
    return _like(rse, value, se)


def reliability_flag(value, se):
    """``'unreliable'`` where the relative standard error exceeds ``UNRELIABLE_RSE`` (30%, the NCHS
    standard), else ``None`` (also when the RSE cannot be computed)."""
    rse = np.asarray(_f(relative_standard_error(value, se)))
    flag = np.where(rse > UNRELIABLE_RSE, "unreliable", None).astype(object)
    return _like(flag, value, se, dtype=object)


# ---------------------------------------------------------------------------------------------------
# Comparing two groups
# ---------------------------------------------------------------------------------------------------


def rate_difference(r1, se1, r2, se2, level: float = 0.95):
    """Difference r1 - r2 with a normal interval, the groups taken as independent::

        SE = sqrt(se1² + se2²),   interval = diff ± z·SE

    Returns ``(diff, low, high)``.
    """
    a, sa, b, sb = np.broadcast_arrays(_f(r1), _f(se1), _f(r2), _f(se2))
    diff = a - b
    half = _z(level) * np.sqrt(sa**2 + sb**2)
    return tuple(_like(v, r1, se1, r2, se2) for v in (diff, diff - half, diff + half))


def rate_ratio(r1, se1, r2, se2, level: float = 0.95):
    """Ratio r1 / r2 with its interval by the log method, the groups taken as independent::

        SE(log ratio) = sqrt((se1/r1)² + (se2/r2)²),   interval = ratio · exp(±z·SE)

    The ratio is NaN where r2 is not positive; the interval is NaN unless both rates are positive.
    Returns ``(ratio, low, high)``.
    """
    a, sa, b, sb = np.broadcast_arrays(_f(r1), _f(se1), _f(r2), _f(se2))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = np.where(b > 0, a / np.where(b > 0, b, 1), np.nan)
        both = (a > 0) & (b > 0)
        se_log = np.sqrt((sa / a) ** 2 + (sb / b) ** 2)
        factor = np.where(both, np.exp(_z(level) * se_log), np.nan)
    return tuple(_like(v, r1, se1, r2, se2) for v in (ratio, ratio / factor, ratio * factor))


def is_significant(low, high, null: float = 0.0):
    """True where the interval [low, high] excludes ``null`` (0 for differences, 1 for ratios).
    False where it includes it or where either end is missing."""
    lo, hi = np.broadcast_arrays(_f(low), _f(high))
    with np.errstate(invalid="ignore"):
        sig = (lo > null) | (hi < null)
    return _like(sig, low, high, dtype=bool)


def reference_rate(
    values,
    higher_is_worse: bool,
    ref: str = "best",
    labels: Sequence | None = None,
    overall: float | None = None,
) -> tuple[float, object]:
    """The value groups are compared with, and its label.

    * ``'best'`` (the Healthy People default, Keppel et al. 2005): the most favourable group: the lowest
      value when higher is worse, the highest otherwise. Missing values are ignored; ties go to the
      first group. Its label is the group's label.
    * ``'overall'``: the whole population's value, passed as ``overall``; its label is ``'overall'``.
    * any other string: the group with that label.

    Labels are ``labels`` if given, else the Series index, else the positions 0..J-1. Returns
    ``(nan, None)`` when no group has a value.
    """
    v = _f(values).ravel()
    if labels is None:
        labels = list(values.index) if isinstance(values, pd.Series) else list(range(len(v)))
    labels = list(labels)
    if len(labels) != len(v):
        raise ValueError(f"{len(labels)} labels for {len(v)} values")
    if ref == "overall":
        if overall is None:
            raise ValueError("ref='overall' needs the overall value")
        return float(overall), "overall"
    if ref == "best":
        if np.all(np.isnan(v)):
            return float("nan"), None
        i = int(np.nanargmin(v) if higher_is_worse else np.nanargmax(v))
        return float(v[i]), labels[i]
    if ref not in labels:
        raise ValueError(f"reference group {ref!r} is not one of {labels}")
    return float(v[labels.index(ref)]), ref


# ---------------------------------------------------------------------------------------------------
# Summary measures across several groups
# ---------------------------------------------------------------------------------------------------


def _reference_and_others(rates, reference, higher_is_worse, reference_group):
    """The reference rate and the mask of the groups compared with it, along the last axis."""
    r = _f(rates)
    if r.ndim == 0:
        raise ValueError("give one rate per group")
    valid = ~np.isnan(r)
    exclude = np.zeros(r.shape, dtype=bool)
    if reference_group is not None:
        if isinstance(rates, pd.Series) and not isinstance(reference_group, int | np.integer):
            reference_group = rates.index.get_loc(reference_group)
        ref = r[..., reference_group]
        exclude[..., reference_group] = True
    elif isinstance(reference, str):
        if reference != "best":
            raise ValueError(
                f"reference must be 'best', a rate, or given as reference_group; not {reference!r}"
            )
        filled = np.where(valid, r, np.inf if higher_is_worse else -np.inf)
        idx = np.argmin(filled, axis=-1) if higher_is_worse else np.argmax(filled, axis=-1)
        ref = np.take_along_axis(r, idx[..., None], axis=-1)[..., 0]
        np.put_along_axis(exclude, idx[..., None], True, axis=-1)
    else:
        ref = _f(reference)
    return r, ref, valid & ~exclude


def index_of_disparity(rates, reference="best", *, higher_is_worse: bool = True, reference_group=None):
    """Index of Disparity: the mean absolute difference of the groups from a reference rate, as a
    percentage of the reference::

        ID = ( Σ_j |r_j - r_ref| / J ) / r_ref × 100

    Which groups j, and what J is, depends on the reference (both as NCHS uses them):

    * ``reference='best'`` (default; Healthy People 2010, Keppel et al. 2005): r_ref is the most
      favourable group's rate (direction from ``higher_is_worse``) and the mean is over the J groups
      *other than* the best one, i.e. the HP2010 "average of the percent differences from the best group
      rate". For adverse outcomes this equals (summary rate ratio - 1) × 100 (Talih & Huang 2016).
    * ``reference_group=k`` (a position, or a label for a Series): r_ref is group k's rate; the mean is
      over the other groups.
    * ``reference=<number>``, e.g. the total population's rate (Pearcy & Keppel 2002): the mean is over
      all J groups.

    Keppel et al. recommend expressing indicators as adverse events first (e.g. % not screened).
    Missing rates are left out. Vectorised over leading axes: ``rates`` may be (draws, groups), with the
    groups on the last axis; returns one value per row. A reference of 0 gives NaN.
    """
    r, ref, others = _reference_and_others(rates, reference, higher_is_worse, reference_group)
    n = others.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        dev = np.where(others, np.abs(r - np.asarray(ref)[..., None]), 0.0).sum(axis=-1)
        out = np.where((n > 0) & (ref > 0), dev / n / ref * 100, np.nan)
    return _like(out)


def summary_rate_ratio(rates, reference="best", *, higher_is_worse: bool = True, reference_group=None):
    """Summary rate ratio (Healthy People 2020; Talih & Huang 2016): the ratio between the best group's
    rate and the average rate of all the other groups::

        adverse outcomes (higher is worse):    SRR = mean_{j≠best}(r_j) / r_best
        favourable outcomes (higher is better): SRR = r_best / mean_{j≠best}(r_j)

    so that it is ≥ 1 either way, and 1 means no disparity. For adverse outcomes the HP2010 Index of
    Disparity is (SRR - 1) × 100 (Talih & Huang 2016). Talih & Huang define it for adverse outcomes; the
    orientation for favourable ones (best over the mean of the others) is this module's choice.

    ``reference`` and ``reference_group`` work as in :func:`index_of_disparity` (with a numeric
    reference, e.g. the total population's rate, the mean is over all groups). Vectorised over leading
    axes like :func:`index_of_disparity`.
    """
    r, ref, others = _reference_and_others(rates, reference, higher_is_worse, reference_group)
    n = others.sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(others, r, 0.0).sum(axis=-1) / n
        out = mean / ref if higher_is_worse else ref / mean
        out = np.where((n > 0) & (ref > 0) & (mean > 0), out, np.nan)
    return _like(out)


def simulate_interval(
    fn: Callable[[np.ndarray], np.ndarray],
    rates,
    ses,
    n: int = 10_000,
    seed: int = 0,
    level: float = 0.95,
):
    """Interval for a summary measure by Monte Carlo simulation (as NCI's HD*Calc does): draw each group's
    rate ``n`` times from a normal distribution with its standard error, truncated at 0, apply ``fn`` to
    every draw and take the α/2 and 1-α/2 percentiles.

    ``fn`` takes an array with the groups on the last axis (shape (n, J)) and returns one value per draw,
    like :func:`index_of_disparity` and :func:`summary_rate_ratio`; a function of one 1-D array of rates
    also works (it is then applied draw by draw). Groups with a standard error of 0 are held fixed.
    The same ``seed`` gives the same interval.

    Measures such as the ID from the best group are biased upwards by noise (the best of noisy rates is
    better than the best true rate), so the percentile interval can miss the point estimate when groups
    are close; the interval is then widened to reach the estimate, so an estimate is never shown outside
    its own interval. Returns ``(estimate, low, high)``.
    """
    r = _f(rates).ravel()
    s = _f(ses).ravel()
    if r.shape != s.shape:
        raise ValueError(f"{r.size} rates but {s.size} standard errors")
    if np.any(s[~np.isnan(r)] < 0) or np.any(np.isnan(s[~np.isnan(r)])):
        raise ValueError("every rate needs a standard error of 0 or more")
    alpha = 1 - level
    _z(level)
    rng = np.random.default_rng(seed)
    draws = np.tile(r, (n, 1))
    vary = (s > 0) & ~np.isnan(r)
    if vary.any():
        loc, scale = r[vary], s[vary]
        with np.errstate(over="ignore"):
            lower = -loc / scale  # 0 in standard units (-inf when the SE is negligible)
        # The normal truncated at 0 by its inverse CDF: a uniform draw above the mass below 0, mapped back
        # (scipy's truncnorm.rvs gives the same distribution, ten times slower on thousands of areas).
        below = _special.ndtr(lower)
        u = below + rng.random((n, int(vary.sum()))) * (1.0 - below)
        draws[:, vary] = loc + scale * _special.ndtri(np.clip(u, 1e-300, 1 - 1e-16))

    def apply(a: np.ndarray) -> np.ndarray:
        out = np.asarray(fn(a), dtype=float)
        if out.shape != a.shape[:-1]:
            out = np.array([float(np.asarray(fn(row), dtype=float)) for row in a])
        return out

    estimate = float(apply(r[None, :])[0])
    values = apply(draws)
    values = values[~np.isnan(values)]
    if values.size == 0 or np.isnan(estimate):
        return estimate, float("nan"), float("nan")
    low, high = np.quantile(values, [alpha / 2, 1 - alpha / 2])
    return estimate, float(min(low, estimate)), float(max(high, estimate))


def concentration_index(rates, weights):
    """The relative concentration index (HD*Calc; Wagstaff, Paci & van Doorslaer 1991) of ``rates`` over
    units already ordered from the most to the least disadvantaged (the last axis), each weighted by its
    population ``weights``::

        RCI = (2 / μ) Σ_j p_j r_j R_j − 1,   μ = Σ_j p_j r_j,

    where p_j is unit j's share of the population and R_j the midpoint of its cumulative share (the
    fractional rank). 0 means the rate is spread evenly over the ranking; a negative value that it is
    concentrated among the most disadvantaged, a positive one among the least; the bounds are ±1.
    Units without a rate are left out. Takes draws on the leading axes, like :func:`simulate_interval`.
    """
    r = _f(rates)
    w = np.broadcast_to(_f(weights), r.shape)
    keep = ~np.isnan(r) & ~np.isnan(w) & (w > 0)
    p = np.where(keep, w, 0.0)
    p = p / p.sum(axis=-1, keepdims=True)
    rank = np.cumsum(p, axis=-1) - p / 2
    rr = np.where(keep, r, 0.0)
    mu = (p * rr).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = 2.0 / mu * (p * rr * rank).sum(axis=-1) - 1.0
    return _like(np.where(mu > 0, out, np.nan))


def share_vs_population(cases, population) -> pd.DataFrame:
    """Each group's share of the cases against its share of the population (Health Equity Tracker)::

        case_share = cases_j / Σ cases,   population_share = pop_j / Σ pop
        relative_inequity = (case_share - population_share) / population_share

    ``relative_inequity`` is a fraction: +0.5 means the group has 50% more of the cases than of the
    population. Missing groups are left out of the totals. Returns a DataFrame indexed like ``cases``
    (if it is a Series) with columns case_share, population_share and relative_inequity.
    """
    c, p = np.broadcast_arrays(_f(cases).ravel(), _f(population).ravel())
    with np.errstate(divide="ignore", invalid="ignore"):
        c_total, p_total = np.nansum(c), np.nansum(p)
        case_share = c / c_total if c_total > 0 else np.full(c.shape, np.nan)
        pop_share = p / p_total if p_total > 0 else np.full(p.shape, np.nan)
        inequity = np.where(pop_share > 0, (case_share - pop_share) / pop_share, np.nan)
    index = cases.index if isinstance(cases, pd.Series) else None
    if index is None and isinstance(population, pd.Series):
        index = population.index
    return pd.DataFrame(
        {"case_share": case_share, "population_share": pop_share, "relative_inequity": inequity}, index=index
    )


# ---------------------------------------------------------------------------------------------------
# Age adjustment
# ---------------------------------------------------------------------------------------------------


def _parse_age_group(group) -> tuple[int, int | None]:
    """(first age, last age or None when open-ended) of '<1', '1-4', '85+', '0', '65 and older',
    'under 18', '18-24 years', or a tuple (first, last)."""
    if isinstance(group, tuple):
        lo, hi = group
        return int(lo), None if hi is None else int(hi)
    text = str(group).strip().lower().replace("–", "-").replace("—", "-")
    # Words people write around the numbers: 'ages 18-24 years', '65 years and older', 'under 5'.
    text = re.sub(r"\b(ages?|aged|years?|yrs?)\b", "", text)
    text = re.sub(r"\s*(and|or)\s*(older|over|above|more)\b", "+", text)
    text = re.sub(r"^\s*under\s*", "<", text).replace(" to ", "-").replace(" ", "")
    if m := re.fullmatch(r"<(\d+)", text):
        return 0, int(m.group(1)) - 1
    if m := re.fullmatch(r"(\d+)\+", text):
        return int(m.group(1)), None
    if m := re.fullmatch(r"(\d+)-(\d+)", text):
        return int(m.group(1)), int(m.group(2))
    if m := re.fullmatch(r"(\d+)", text):
        return int(m.group(1)), int(m.group(1))
    raise ValueError(f"cannot read the age group {group!r}: write it like '<1', '25-34' or '85+'")


def standard_weights(groups: Iterable) -> pd.Series:
    """Weights of the 2000 U.S. standard population for coarser age groups, summing to 1 over the groups
    given (so a set of adult groups is standardised to the standard's adult ages).

    Groups are written '<1', '1-4', '25-34' (both ends included), '65+', '65 and older', or as tuples
    (first, last) with last=None for open-ended. Each group must be made of whole standard groups, e.g.
    '0-4', '5-24', '25-44', '45-64', '65+', except that 15-24 may be split at 18 (15-17 and 18-24), since
    adult data start at 18: '18-24', '25-44', '45-64', '65+' or '0-17', '18-44', ... are accepted.

    Made of the 11 standard groups alone, the weights are sums of the standard million (US_2000_STANDARD),
    exactly as NCHS and SEER publish them. Split at 18, they are computed, as Klein & Schoenborn (2001)
    compute their adult weights, from the population in thousands (US_2000_POPULATION), the only figures
    with that split. The routes agree to about 6 decimals: the million is the thousands' proportions
    rounded to 6 decimals.

    A group whose bounds fall elsewhere inside a standard group (e.g. '35-49': 49 lies in 45-54) raises
    ValueError, since splitting it would need the single-year standard; so do overlapping groups. Returns a
    Series indexed by the groups as given.
    """
    groups = list(groups)
    starts = list(_PIECE_STARTS)
    ends = [s - 1 for s in starts[1:]] + [None]  # last age of each piece
    outer = [s for s in starts if s != 18]  # where the standard million's own groups start
    used: set[int] = set()
    memberships, split = [], False
    for group in groups:
        lo, hi = _parse_age_group(group)
        if lo not in starts:
            raise ValueError(
                f"age group {group!r} starts at {lo}, inside a group of the 2000 U.S. standard; its groups "
                f"start at ages {', '.join(map(str, outer))} (85+ last), and at 18 for adult data"
            )
        if hi is not None and hi not in ends:
            raise ValueError(
                f"age group {group!r} ends at {hi}, inside a group of the 2000 U.S. standard; its groups "
                f"end at ages {', '.join(str(s - 1) for s in outer[1:])} (85+ last), and at 17 before "
                "adult data"
            )
        if hi is not None and hi < lo:
            raise ValueError(f"age group {group!r} ends before it starts")
        first = starts.index(lo)
        last = len(starts) - 1 if hi is None else ends.index(hi)
        members = list(range(first, last + 1))
        if used.intersection(members):
            raise ValueError(f"age group {group!r} overlaps another group")
        used.update(members)
        memberships.append(members)
        split = split or lo == 18 or hi == 17
    counts = list(US_2000_POPULATION.values()) if split else _PIECE_MILLION
    w = np.asarray([sum(counts[i] for i in members) for members in memberships], dtype=float)
    return pd.Series(w / w.sum(), index=pd.Index(groups, dtype=object, tupleize_cols=False), name="weight")


def _standardisation_inputs(counts, populations, weights):
    """Age-specific counts d, populations n and weights w (normalised to sum to 1) as float arrays with
    the age groups on the last axis; the DataFrame whose index labels the result, if one was given."""
    template = counts if isinstance(counts, pd.DataFrame) else None
    if isinstance(weights, pd.Series) and isinstance(counts, pd.DataFrame):
        missing = [c for c in counts.columns if c not in weights.index]
        if missing:
            raise ValueError(f"no standard weight for the age groups {missing}")
        weights = weights.reindex(counts.columns)
    d, n = np.broadcast_arrays(_f(counts), _f(populations))
    w = _f(weights)
    if w.ndim != 1 or w.shape[0] != d.shape[-1]:
        raise ValueError(f"{w.size} weights for {d.shape[-1]} age groups")
    return d, n, w / w.sum(), template


def _standardised_out(arrays, template):
    if template is not None:
        return tuple(pd.Series(a, index=template.index) for a in arrays)
    return tuple(_like(a) for a in arrays)


def age_adjusted_rate(
    counts, populations, weights, per: float = 100_000, level: float = 0.95, *, return_se: bool = False
):
    """Directly age-standardised rate with the gamma interval of Fay & Feuer (1997).

    With age-specific counts d_i, populations n_i and standard weights w_i (normalised to sum to 1)::

        y   = Σ w_i d_i / n_i                 (the standardised rate)
        v   = Σ w_i² d_i / n_i²               (its variance under the Poisson model)
        w_M = max_i w_i / n_i
        low  = Gamma⁻¹(α/2;   shape y²/v,                 scale v/y)            (0 when y = 0)
        high = Gamma⁻¹(1-α/2; shape (y+w_M)²/(v+w_M²),     scale (v+w_M²)/(y+w_M))

    each multiplied by ``per``. With one age group this is exactly the exact Poisson interval.

    ``counts`` and ``populations`` have the age groups on the last axis: 1-D for one area (returns
    floats), 2-D (areas × ages) or DataFrames with the age groups as columns (returns arrays, or Series
    with the DataFrame's index). ``weights`` has one weight per age group, e.g. from
    :func:`standard_weights`; a Series is matched to DataFrame columns by label. An age group with
    people in the standard but no population gives NaN. Returns ``(rate, low, high)``, and the standard
    error √v · per after them with ``return_se=True``.
    """
    d, n, w, template = _standardisation_inputs(counts, populations, weights)
    z_alpha = 1 - level
    _z(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = np.all((n > 0) | (w == 0), axis=-1) & np.all(d >= 0, axis=-1)
        share = np.where(w > 0, w / np.where(n > 0, n, 1), 0.0)
        y = np.sum(share * d, axis=-1)
        v = np.sum(share**2 * d, axis=-1)
        w_max = np.max(share, axis=-1)
        low = np.where(y > 0, _st.gamma.ppf(z_alpha / 2, y**2 / np.where(v > 0, v, 1), scale=v / y), 0.0)
        high = _st.gamma.ppf(
            1 - z_alpha / 2, (y + w_max) ** 2 / (v + w_max**2), scale=(v + w_max**2) / (y + w_max)
        )
    out = [np.where(ok, a * per, np.nan) for a in (y, low, high)]
    if return_se:
        out.append(np.where(ok, np.sqrt(v) * per, np.nan))
    return _standardised_out(out, template)


def age_adjusted_proportion(counts, populations, weights, level: float = 0.95, *, return_se: bool = False):
    """Directly age-standardised proportion (prevalence), as a proportion 0-1, with the Korn-Graubard
    interval: the Clopper-Pearson interval at the effective sample size (Korn & Graubard 1998), the
    interval NCHS uses for weighted prevalence estimates (Parker et al. 2017).

    With age-specific cases d_i among n_i people and standard weights w_i (normalised to sum to 1)::

        p     = Σ w_i p_i,   p_i = d_i / n_i                 (the standardised proportion)
        v     = Σ w_i² p_i (1 - p_i) / n_i                  (its binomial variance)
        n*    = p (1 - p) / v,  capped at N = Σ n_i over the weighted groups;  N when v = 0
        x*    = p n*
        low   = Beta⁻¹(α/2;   x*,     n* - x* + 1)          (0 when x* = 0)
        high  = Beta⁻¹(1-α/2; x* + 1, n* - x*)              (1 when x* = n*)

    The binomial variance is that of a count of people among people counted: survey-weighted counts
    would need the survey's own variance. The cap at N keeps the standardisation from claiming more
    precision than a simple random sample of everyone counted (stratification can push n* above N).
    With one age group n* = n and this is the Clopper-Pearson interval of d out of n. The interval always
    contains p.

    Shapes and ``weights`` as for :func:`age_adjusted_rate`. An age group with weight but no people, or
    more cases than people, gives NaN. Returns ``(proportion, low, high)``, and the standard error √v after
    them with ``return_se=True``.
    """
    d, n, w, template = _standardisation_inputs(counts, populations, weights)
    alpha = 1 - level
    _z(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        ok = np.all((n > 0) | (w == 0), axis=-1) & np.all((d >= 0) & ((d <= n) | (w == 0)), axis=-1)
        weighted = w > 0
        rate = np.where(weighted, d / np.where(n > 0, n, 1), 0.0)
        p = np.sum(w * rate, axis=-1)
        v = np.sum(np.where(weighted, w**2 * rate * (1 - rate) / np.where(n > 0, n, 1), 0.0), axis=-1)
        total = np.sum(np.where(weighted, n, 0.0), axis=-1)
        n_eff = np.where(v > 0, np.minimum(p * (1 - p) / np.where(v > 0, v, 1), total), total)
        x_eff = p * n_eff
        low = np.where(x_eff > 0, _st.beta.ppf(alpha / 2, x_eff, n_eff - x_eff + 1), 0.0)
        high = np.where(x_eff < n_eff, _st.beta.ppf(1 - alpha / 2, x_eff + 1, n_eff - x_eff), 1.0)
    out = [np.where(ok, a, np.nan) for a in (p, low, high)]
    if return_se:
        out.append(np.where(ok, np.sqrt(v), np.nan))
    return _standardised_out(out, template)


# ---------------------------------------------------------------------------------------------------
# Change over time
# ---------------------------------------------------------------------------------------------------


def gap_change(gap_start, se_start, gap_end, se_end, level: float = 0.95) -> dict:
    """How a gap between groups changed from a baseline to a later period (independent estimates)::

        change = gap_end - gap_start,  SE = sqrt(se_start² + se_end²),  interval = change ± z·SE
        percent_change = change / |gap_start| × 100        (NaN when the baseline gap is 0)

    ``narrowing`` is True when the interval excludes 0 and the gap moved towards zero from the baseline
    (a fall for a positive baseline gap, a rise for a negative one), False when it excludes 0 and moved
    away, and None when the interval includes 0 (no detectable change). Gaps are on an additive scale;
    for ratios pass log ratios. Returns a dict of change, low, high, narrowing, percent_change.
    """
    a, sa, b, sb = np.broadcast_arrays(_f(gap_start), _f(se_start), _f(gap_end), _f(se_end))
    change = b - a
    half = _z(level) * np.sqrt(sa**2 + sb**2)
    low, high = change - half, change + half
    significant = np.asarray(_f(is_significant(low, high, 0.0)), dtype=bool)
    toward_zero = np.where(a > 0, change < 0, np.where(a < 0, change > 0, False))
    narrowing = np.empty(change.shape, dtype=object)
    for i in np.ndindex(change.shape):
        narrowing[i] = bool(toward_zero[i]) if significant[i] else None
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(a != 0, change / np.abs(a) * 100, np.nan)
    inputs = (gap_start, se_start, gap_end, se_end)
    return {
        "change": _like(change, *inputs),
        "low": _like(low, *inputs),
        "high": _like(high, *inputs),
        "narrowing": _like(narrowing, *inputs, dtype=object),
        "percent_change": _like(pct, *inputs),
    }


# ---------------------------------------------------------------------------------------------------
# Composite need index, computed the way CDC/ATSDR computes the SVI
# ---------------------------------------------------------------------------------------------------


def percentile_rank(values, *, invert: bool = False, decimals: int | None = 4):
    """Percentile rank as the CDC/ATSDR SVI computes it::

        percentile = (rank - 1) / (N - 1)

    where N counts the non-missing values and tied values share the smallest rank (Excel's
    PERCENTRANK.INC: the share of the other values that are strictly lower). Missing values (NaN) are not
    ranked and stay NaN; fewer than two values give NaN. The result is rounded to ``decimals`` (4, as the
    SVI publishes it; halves round up) using exact integer arithmetic, so it does not depend on floating
    point; ``None`` skips rounding.

    ``invert=True`` is for variables where higher is better (per capita income in SVI 2018): the
    percentile is 1 - PERCENTRANK.INC(x), i.e. a descending rank in which tied values share the *largest*
    rank. This is what the published EPL_PCI values show (two Rhode Island tracts with equal income
    both get the higher percentile).
    """
    v = _f(values)
    flat = v.ravel()
    ok = ~np.isnan(flat)
    sorted_vals = np.sort(flat[ok])
    n = sorted_vals.size
    out = np.full(flat.shape, np.nan)
    if n >= 2:
        below = np.searchsorted(sorted_vals, flat[ok], side="left")  # values strictly lower
        k = (n - 1 - below) if invert else below
        d = n - 1
        if decimals is None:
            out[ok] = k / d
        else:
            scale = 10**decimals
            out[ok] = ((2 * k * scale + d) // (2 * d)) / scale
    return _like(out.reshape(v.shape), values)


def need_index(
    df: pd.DataFrame,
    themes: Mapping[str, Sequence[str]],
    weights: Mapping[str, float] | None = None,
    invert: Iterable[str] = frozenset(),
    include=None,
    flag_at: float = 0.90,
) -> pd.DataFrame:
    """A composite need index computed exactly as CDC/ATSDR computes the SVI (documentation 2018, 2020),
    which this reproduces digit for digit from the published files:

    1. each variable is percentile-ranked (:func:`percentile_rank`, 4 decimals); variables in ``invert``
       (higher is better) are ranked the other way;
    2. a theme's sum is the sum of its variables' percentiles, rounded to 4 decimals; the theme's
       percentile is the percentile rank of that sum;
    3. the overall sum is the sum of the theme sums (the same as the sum of every variable's percentile),
       and the overall percentile is its percentile rank;
    4. a variable is flagged (1) where its percentile is ≥ 0.90 (the SVI's "top 10%"), else 0; a theme's
       flag count is the number of flags among its variables, and the total is the number of all flags.

    Rows where ``include`` is False (the SVI leaves out areas with no population) are not ranked and get
    NaN throughout. A missing variable is not ranked (SVI: "-999 ... not used for further calculations"):
    its percentile and flag are NaN, the flag counts count the flags that exist, and the theme and overall
    sums, which would not be comparable, are NaN. ``weights`` (optional, theme -> weight) multiply the
    theme sums in the overall sum; the SVI weights every theme equally (the default).

    Output columns, with the SVI's names for them: ``pctl_<column>`` (EPL_), ``flag_<column>`` (F_),
    ``sum_<theme>`` (SPL_THEMEn), ``pctl_<theme>`` (RPL_THEMEn), ``flags_<theme>`` (F_THEMEn),
    ``sum_overall`` (SPL_THEMES), ``pctl_overall`` (RPL_THEMES), ``flags_total`` (F_TOTAL). Flags are
    nullable integers; everything else is float. The index is ``df``'s.
    """
    invert = set(invert)
    columns = [c for cols in themes.values() for c in cols]
    if len(set(columns)) != len(columns):
        raise ValueError("a column appears in more than one theme")
    if missing := [c for c in columns if c not in df.columns]:
        raise ValueError(f"columns not in the data: {missing}")
    if unknown := invert - set(columns):
        raise ValueError(f"columns to invert that are in no theme: {sorted(unknown)}")
    if clash := set(map(str, themes)) & set(map(str, columns)) | (
        {"overall", "total"} & set(map(str, themes))
    ):
        raise ValueError(f"theme names must differ from column names and from 'overall'/'total': {clash}")
    weights = dict(weights or {})
    if unknown := set(weights) - set(themes):
        raise ValueError(f"weights for unknown themes: {sorted(unknown)}")

    data = df[columns].apply(pd.to_numeric, errors="coerce").astype(float)
    if include is not None:
        keep = np.asarray(include, dtype=bool)
        data = data.where(pd.Series(keep, index=data.index), axis=0)

    out: dict[str, pd.Series] = {}
    all_flags = []
    overall = pd.Series(0.0, index=data.index)
    for theme, cols in themes.items():
        pctls, flags = [], []
        for col in cols:
            p = percentile_rank(data[col], invert=col in invert)
            f = (p >= flag_at).astype("Int64").where(p.notna(), pd.NA)
            out[f"pctl_{col}"], out[f"flag_{col}"] = p, f
            pctls.append(p)
            flags.append(f)
        theme_sum = pd.concat(pctls, axis=1).sum(axis=1, skipna=False).round(4)
        out[f"sum_{theme}"] = theme_sum
        out[f"pctl_{theme}"] = percentile_rank(theme_sum)
        out[f"flags_{theme}"] = pd.concat(flags, axis=1).sum(axis=1, min_count=1).astype("Int64")
        overall = overall + weights.get(theme, 1.0) * theme_sum
        all_flags.extend(flags)
    out["sum_overall"] = overall.round(4)
    out["pctl_overall"] = percentile_rank(out["sum_overall"])
    out["flags_total"] = pd.concat(all_flags, axis=1).sum(axis=1, min_count=1).astype("Int64")
    return pd.DataFrame(out, index=data.index)
