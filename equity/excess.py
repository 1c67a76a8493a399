"""Excess cases: how many fewer cases there would be if every group (or every area) had the rate of the
best-off one, with a 95% interval. Pure numpy/pandas, no Streamlit.

The measure is the population attributable risk in counts (HD*Calc; WHO's Health Equity Assessment
Toolkit, Schlotheuber & Hosseinpoor 2022, "paf" and "parisk")::

    excess_j = max(0, r_j - r_ref) · N_j        (r_j = cases_j / N_j, from the published counts)
    excess   = Σ_j excess_j                      (= (μ - r_ref) · N where every group is above the reference)

where ref is the group with the most favourable rate whose rate is stable (below). A group already better
than the reference is left as it is (clamped at 0), so the total is what the worse-off groups would gain.
The interval is by simulation, as HD*Calc and stats.simulate_interval compute every summary measure's:
each group's rate is drawn 10,000 times from a normal distribution with its standard error (from the
published 95% interval where there is one, else the Poisson standard error of its count, sqrt(cases) / N),
truncated at 0, and the 2.5th and 97.5th percentiles of the excess are taken. The reference group stays
the same group in every draw. Each group's own excess has a delta-method interval (its rate's and the
reference's standard errors, taken as independent), clamped at 0.

The reference must be stable: taking the lowest *observed* rate as the reference biases the excess
upwards when groups are small (the best of noisy rates is better than the best true rate), so the
reference must rest on at least MIN_REFERENCE_CASES cases (NCHS: rates based on fewer than 20 events are
unreliable) and pass metrics.reliable (not flagged unreliable, relative standard error at most 30%). Where
the lowest rate is not stable, the lowest stable one is used and the caller says so; where none is, there
is no estimate.

Nothing is derived from a withheld count: rows without both counts (published_values withholds them)
are left out, by name, and the total is over the groups counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from equity import metrics, stats

MIN_REFERENCE_CASES = 20  # NCHS: a rate based on fewer than 20 events is unreliable
OVERLAP_TOLERANCE = 1.02  # groups whose people add up to more than everyone's (by 2%) overlap
COUNT_UNITS = ("percent", "per_1k", "per_100k")  # units whose counts are cases out of people
SCALE = {"percent": 100.0, "per_1k": 1_000.0, "per_100k": 100_000.0}

# Why there is no estimate (Excess.status): the view says each in words.
STATUSES = ("ok", "no_counts", "too_few", "no_stable", "not_counts", "age_adjusted", "mismatch")
# The counts must be those of the rate shown: cases / people in the indicator's unit within this factor of
# the published value (in the median row). County Health Rankings' premature death is years of life lost
# per 100,000, but its counts are deaths: excess "cases" from them would not be of the figure shown.
AGREE = 1.25


@dataclass
class Excess:
    status: str  # one of STATUSES
    higher_is_worse: bool = True
    reference: dict | None = None  # label, rate (per person), cases, people
    unstable_best: dict | None = None  # the lowest rate, where it was not stable: label, rate, cases
    total: tuple[float, float, float] | None = None  # estimate, low, high; None where groups overlap
    share: float | None = None  # the total as a share of all the cases counted
    by_unit: pd.DataFrame = field(default_factory=pd.DataFrame)  # label, people, cases, rate, excess...
    left_out: list[str] = field(default_factory=list)  # labels without counts (withheld or none)
    overlap: bool = False  # the groups overlap (a person in two), so their excess is not added up


def counted(units: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The rows with both counts (a denominator above 0), with their rate per person and its standard
    error; and the labels of the rest. ``units`` has label, numerator, denominator, value, ci_low,
    ci_high and flag."""
    df = units.copy()
    num = pd.to_numeric(df["numerator"], errors="coerce").astype(float)
    den = pd.to_numeric(df["denominator"], errors="coerce").astype(float)
    ok = num.notna() & den.notna() & (den > 0) & df["flag"].ne("suppressed").fillna(True)
    left_out = df.loc[~ok, "label"].astype(str).tolist()
    df = df[ok].assign(cases=num[ok], people=den[ok])
    df["rate"] = df["cases"] / df["people"]
    # The published interval's standard error, in the rate per person: the value's unit is scaled away
    # by the ratio of the rate to the value (so it holds for percents and rates per 1,000 or 100,000).
    value = pd.to_numeric(df["value"], errors="coerce").astype(float)
    se_value = stats.standard_error_from_interval(df["ci_low"].astype(float), df["ci_high"].astype(float))
    with np.errstate(divide="ignore", invalid="ignore"):
        published = se_value * df["rate"] / value
    poisson = np.sqrt(df["cases"]) / df["people"]
    df["se"] = published.where(published.notna() & np.isfinite(published) & (value > 0), poisson)
    return df.reset_index(drop=True), left_out


def agrees(df: pd.DataFrame, unit: str) -> bool:
    """Whether the counted rows' cases over people give the values published (see AGREE); true where no
    value is published to check against."""
    value = pd.to_numeric(df["value"], errors="coerce").astype(float)
    ratio = (df["rate"] * SCALE.get(unit, 1.0) / value)[(value > 0) & (df["cases"] > 0)]
    if ratio.empty:
        return True
    middle = float(ratio.median())
    return 1 / AGREE <= middle <= AGREE


def stable(df: pd.DataFrame) -> pd.Series:
    """Whether each counted row's rate is stable enough to be the reference: at least
    MIN_REFERENCE_CASES cases, and reliable by metrics.reliable (flag, relative standard error)."""
    reliable = df.index.isin(metrics.reliable(df).index)
    rse = stats.relative_standard_error(df["rate"], df["se"])
    return pd.Series(
        reliable & (df["cases"] >= MIN_REFERENCE_CASES) & ~(rse > stats.UNRELIABLE_RSE), index=df.index
    )


def _gap(rates: np.ndarray, ref: np.ndarray, higher_is_worse: bool) -> np.ndarray:
    return np.maximum(0.0, rates - ref if higher_is_worse else ref - rates)


def excess_cases(
    units: pd.DataFrame,
    *,
    higher_is_worse: bool,
    unit: str = "percent",
    measure_type: str = "crude",
    everyone: float | None = None,
    n: int = 10_000,
    seed: int = 0,
) -> Excess:
    """The excess cases of ``units`` (groups or areas; see ``counted``) against the best stable one.

    ``everyone`` is the whole population's denominator, where known, to tell groups that overlap.
    Where higher is better (a checkup), the excess is the people who would gain it: the gap is the
    reference's rate minus each group's."""
    if unit not in COUNT_UNITS:
        return Excess("not_counts", higher_is_worse)
    if measure_type == "age_adjusted":  # its counts are crude: the rates they give are not the ones shown
        return Excess("age_adjusted", higher_is_worse)
    df, left_out = counted(units)
    if df.empty:
        return Excess("no_counts", higher_is_worse, left_out=left_out)
    if not agrees(df, unit):
        return Excess("mismatch", higher_is_worse)
    if len(df) < 2:
        return Excess("too_few", higher_is_worse, left_out=left_out)
    df = df.sort_values(["rate", "label"], ascending=[higher_is_worse, True]).reset_index(drop=True)
    steady = stable(df)
    best = df.iloc[0]
    if not steady.any():
        unstable = dict(label=best["label"], rate=best["rate"], cases=best["cases"])
        return Excess("no_stable", higher_is_worse, unstable_best=unstable, left_out=left_out)
    i = int(np.flatnonzero(steady.to_numpy())[0])
    ref = df.iloc[i]
    unstable_best = None if i == 0 else dict(label=best["label"], rate=best["rate"], cases=best["cases"])
    rates, ses = df["rate"].to_numpy(float), df["se"].to_numpy(float)
    people = df["people"].to_numpy(float)

    def per_group(r: np.ndarray) -> np.ndarray:
        return _gap(r, r[..., i : i + 1], higher_is_worse) * people

    # Each group's own interval by the delta method (independent groups: var = N_j² (se_j² + se_ref²)),
    # clamped at 0; the total's by simulation, which the clamping of each group makes non-normal.
    raw = ((rates - rates[i]) if higher_is_worse else (rates[i] - rates)) * people
    half = np.where(df.index == i, 0.0, stats._z(0.95) * people * np.sqrt(ses**2 + ses[i] ** 2))
    df["excess"] = np.maximum(0.0, raw)
    df["excess_low"] = np.maximum(0.0, raw - half)
    df["excess_high"] = np.maximum(0.0, raw + half)
    df["is_reference"] = df.index == i
    overlap = everyone is not None and not pd.isna(everyone) and people.sum() > OVERLAP_TOLERANCE * everyone
    total = share = None
    if not overlap:
        draws = int(max(1_000, min(n, 2_000_000 // len(df))))  # thousands of areas in about a second
        total = stats.simulate_interval(lambda r: per_group(r).sum(axis=-1), rates, ses, n=draws, seed=seed)
        share = total[0] / df["cases"].sum() if df["cases"].sum() > 0 else None
    return Excess(
        "ok",
        higher_is_worse,
        reference=dict(label=ref["label"], rate=ref["rate"], cases=ref["cases"], people=ref["people"]),
        unstable_best=unstable_best,
        total=total,
        share=share,
        by_unit=df[
            ["label", "people", "cases", "rate", "excess", "excess_low", "excess_high", "is_reference"]
        ],
        left_out=left_out,
        overlap=bool(overlap),
    )


def in_unit(rate: float, unit: str) -> float:
    """A rate per person in the indicator's unit (a percent, per 1,000, per 100,000)."""
    return rate * SCALE.get(unit, 1.0)


def rounded(count: float) -> int:
    """A count read aloud: to two significant figures below 1,000, three from there (1,243 -> 1,240)."""
    if count is None or not np.isfinite(count) or count <= 0:
        return 0
    digits = 2 if count < 1_000 else 3
    return int(round(count, digits - 1 - int(np.floor(np.log10(count)))))


def excess_within_parts(
    parts: pd.DataFrame, *, higher_is_worse: bool, unit: str = "percent", measure_type: str = "crude", seed=0
) -> Excess:
    """Excess cases within each of a region's areas (``parts``: area_id, name, group_label and the columns
    ``counted`` reads), each area's groups against its own best stable group, where the region itself has
    no figures by group: each area's total (``excess_cases``), and their sum. The sum's interval takes
    the areas as independent and each total's as normal (SE = interval width / 2z): an approximation, as
    the clamping of each group at 0 makes each area's own interval asymmetric. Areas without an estimate
    are listed in ``left_out``; ``by_unit`` has one row per area (label = area_id, reference = the
    group used there)."""
    rows, left = [], []
    for (area_id, name), df in parts.groupby(["area_id", "name"], sort=True):
        e = excess_cases(
            df.rename(columns={"group_label": "label"}),
            higher_is_worse=higher_is_worse,
            unit=unit,
            measure_type=measure_type,
            n=2_000,
            seed=seed,
        )
        if e.status in ("not_counts", "age_adjusted"):
            return Excess(e.status, higher_is_worse)
        if e.status != "ok" or e.total is None:
            left.append(name)
            continue
        est, lo, hi = e.total
        rows.append(
            dict(
                label=area_id,
                people=e.by_unit["people"].sum(),
                cases=e.by_unit["cases"].sum(),
                rate=e.reference["rate"],
                excess=est,
                excess_low=lo,
                excess_high=hi,
                is_reference=False,
                reference_group=e.reference["label"],
            )
        )
    if not rows:
        return Excess("no_counts" if not left else "too_few", higher_is_worse, left_out=left)
    by = pd.DataFrame(rows)
    est = float(by["excess"].sum())
    se = float(np.sqrt((((by["excess_high"] - by["excess_low"]) / (2 * stats._z(0.95))) ** 2).sum()))
    half = stats._z(0.95) * se
    total = (est, max(0.0, est - half), est + half)
    return Excess(
        "ok",
        higher_is_worse,
        total=total,
        share=est / by["cases"].sum() if by["cases"].sum() > 0 else None,
        by_unit=by,
        left_out=left,
    )
