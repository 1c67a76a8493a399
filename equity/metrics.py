"""Figures computed from query results: pure pandas, testable without Streamlit."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from equity import reach as reach_rules
from equity import stats, text

# Gaps by social position are inequities; differences by age or sex are often expected biology.
SOCIAL_DIMS = ("race_ethnicity", "race", "ethnicity", "income", "language", "insurance", "disability")


GAP_COLUMNS = ["worst_group", "worst_value", "best_group", "best_value", "ratio"]


def worst_and_best(groups: pd.DataFrame, higher_is_worse: bool) -> dict | None:
    """The worst-off and best-off group with shown values, and worst / best as a ratio above 1.

    The ratio is always the worse rate over the better one, so 2.0 reads "twice as bad" whichever
    way the indicator runs. None where fewer than two groups have a value.
    """
    shown = groups.dropna(subset=["value"])
    if len(shown) < 2:
        return None
    ordered = text.worst_first(shown, higher_is_worse)
    worst, best = ordered.iloc[0], ordered.iloc[-1]
    low, high = (best.value, worst.value) if higher_is_worse else (worst.value, best.value)
    ratio = high / low if low > 0 else float("nan")
    return dict(
        worst_group=worst.group_label,
        worst_value=worst.value,
        best_group=best.group_label,
        best_value=best.value,
        ratio=ratio,
    )


def widest_gaps(
    groups: pd.DataFrame, indicators: pd.DataFrame, top: int = 6, dims: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """For each indicator and group dimension, the worst-off group against the best-off one, widest first.

    ``groups`` has indicator_id, group_dim, group_label, value (withheld values are null and
    ignored); ``indicators`` is indexed by indicator_id with label, unit and higher_is_worse. An indicator
    with an age-adjusted companion in ``groups`` is left to its companion.
    """
    if dims is not None:
        groups = groups[groups["group_dim"].isin(dims)]
    # A crude indicator and its age-adjusted companion ('<id>_aa') tell one story; groups differ in age,
    # so where both have the dimension, only the age-adjusted one is listed.
    pairs = set(zip(groups["indicator_id"], groups["group_dim"], strict=True))
    twin = [(f"{i}_aa", d) in pairs for i, d in zip(groups["indicator_id"], groups["group_dim"], strict=True)]
    groups = groups[~pd.Series(twin, index=groups.index, dtype=bool)]
    rows = []
    for (ind, dim), df in groups.groupby(["indicator_id", "group_dim"]):
        if ind not in indicators.index:
            continue
        meta = indicators.loc[ind]
        gap = worst_and_best(df, bool(meta.higher_is_worse))
        if gap is not None:
            rows.append(dict(indicator_id=ind, label=meta.label, unit=meta.unit, group_dim=dim, **gap))
    out = pd.DataFrame(rows, columns=["indicator_id", "label", "unit", "group_dim", *GAP_COLUMNS])
    return out.dropna(subset=["ratio"]).sort_values("ratio", ascending=False).head(top).reset_index(drop=True)


def reliable(groups: pd.DataFrame) -> pd.DataFrame:
    """The rows whose figure is reliable enough to name a gap between places: not flagged unreliable, and
    where an interval is given, a relative standard error (from the 95% interval) of at most
    stats.UNRELIABLE_RSE, the NCHS standard. A tract's median income of a group of a dozen households
    is not a gap of 50 times."""
    if "flag" in groups:
        groups = groups[groups["flag"].ne("unreliable").fillna(True)]
    if {"ci_low", "ci_high"} <= set(groups.columns):
        se = (groups["ci_high"] - groups["ci_low"]) / (2 * stats._z(0.95))
        rse = se / groups["value"].abs()
        groups = groups[~(rse > stats.UNRELIABLE_RSE)]
    return groups


def gap_by_place(places: pd.DataFrame, higher_is_worse: bool) -> pd.DataFrame:
    """The worst/best gap within each place of ``places`` (area_id, name, level, group_label, value),
    between its groups with reliable figures (``reliable``)."""
    rows = []
    places = reliable(places)
    for (area_id, name, level), df in places.groupby(["area_id", "name", "level"], sort=False):
        gap = worst_and_best(df, higher_is_worse)
        if gap is not None:
            rows.append(dict(area_id=area_id, name=name, level=level, **gap))
    return pd.DataFrame(rows, columns=["area_id", "name", "level", *GAP_COLUMNS])


class Reference(NamedTuple):
    value: float | None
    se: float
    name: str  # as a person reads it: "Best group (White)", "Everyone", "Asian"
    group: str | None  # the group's own label; None for everyone


def reference_value(
    groups: pd.DataFrame, everyone: pd.Series | None, ref: str, higher_is_worse: bool
) -> Reference:
    """What each group is compared with: its value, standard error and name.

    ``ref`` is 'best' (the most favourable group shown, Healthy People's default), 'overall' (the
    whole population, the row ``everyone``) or a group's label; a withheld or unknown group falls
    back to the best. The standard error comes from the published 95% interval.
    """
    shown = groups.dropna(subset=["value"])
    label = None
    if ref == "overall" and everyone is not None:
        row, name = everyone, "Everyone"
    elif shown.empty:
        return Reference(None, float("nan"), "Best group", None)
    else:
        if ref not in set(shown["group_label"]):
            ref = "best"
        _, label = stats.reference_rate(
            shown["value"], higher_is_worse, ref, labels=list(shown["group_label"])
        )
        row = shown[shown["group_label"] == label].iloc[0]
        name = f"Best group ({label})" if ref == "best" else label
    se = float(stats.standard_error_from_interval(row["ci_low"], row["ci_high"]))
    return Reference(float(row["value"]), se, name, label)


def met_target(value, target, higher_is_better: bool) -> bool | None:
    """Whether a program's result met its target: at or above it where higher is better, at or below it
    where lower is better; a result equal to its target met it. None where the result or the target is
    missing (not reported, no target set): not known, which callers must not count as met.

    The one rule for a page's cards, its takeaway and the chart's marks of missed months.
    """
    if text.is_missing(value) or text.is_missing(target):
        return None
    return bool(value >= target) if higher_is_better else bool(value <= target)


# Where a program's month stands against its target. Only "met" and "missed" are judged: a month with a
# result and no target has "no_target", which is never a miss; a count too small to show ("withheld")
# is not judged, since saying whether it met its target would narrow down the number withheld.
TARGET_STATUSES = ("met", "missed", "no_target", "withheld", "not_reported")


def target_status(value, target, higher_is_better: bool, withheld: bool = False) -> str:
    """One of TARGET_STATUSES for a program's month, by the one rule (met_target)."""
    if withheld:
        return "withheld"
    if text.is_missing(value):
        return "not_reported"
    met = met_target(value, target, higher_is_better)
    return "no_target" if met is None else ("met" if met else "missed")


def commitment_summary(commitments: pd.DataFrame) -> dict:
    """Counts of commitments by state, with overdue ones apart from the rest of the open ones."""
    open_ = commitments[~commitments["status"].isin(["done", "dropped"])]
    return {
        "total": len(commitments),
        "done": int((commitments["status"] == "done").sum()),
        "overdue": int(open_["overdue"].sum()),
        "open": int(len(open_) - open_["overdue"].sum()),
        "dropped": int((commitments["status"] == "dropped").sum()),
    }


def reach_in_high_need(reach: pd.DataFrame, higher_is_worse: bool) -> dict:
    """Share of people served (where shown) who live in the highest-need fifth of areas (equity.reach's
    rule, as the reach section's)."""
    df = reach.dropna(subset=["need"])
    served = df.dropna(subset=["people"])
    total = served["people"].sum()
    if df.empty or total <= 0:
        return {"share": None, "served": int(total), "tracts_served": 0, "high_need_share_of_pop": None}
    high = reach_rules.high_need(df["need"], higher_is_worse)
    high_ids = set(df.loc[high, "area_id"])
    in_high = served.loc[served["area_id"].isin(high_ids), "people"].sum()
    pop_share = df.loc[high, "population"].sum() / max(df["population"].sum(), 1)
    return {
        "share": in_high / total,
        "served": int(total),
        "tracts_served": int((served["people"] > 0).sum()),
        "high_need_share_of_pop": pop_share,
    }


def composite_need(
    values: pd.DataFrame, indicators: pd.DataFrame, weights: dict[str, float] | None = None
) -> pd.DataFrame:
    """A need index over several indicators for the areas in view, ranked the way CDC/ATSDR ranks the SVI.

    ``values`` is long (area_id, population, indicator_id, value); ``indicators`` is indexed by
    indicator_id with domain and higher_is_worse. Each domain is a theme; ``weights`` maps a domain to
    its weight in the overall sum (1 each by default). Areas with no people, or missing any chosen
    indicator (withheld or no data), get no index: the SVI does not rank them either.
    Returns area_id, value (the overall percentile, 0 = least need, 1 = most), flag and flags_total.
    """
    wide = values.pivot_table(index="area_id", columns="indicator_id", values="value", aggfunc="first")
    chosen = [i for i in indicators.index if i in set(values["indicator_id"])]
    wide = wide.reindex(columns=chosen)
    population = values.drop_duplicates("area_id").set_index("area_id")["population"].reindex(wide.index)
    themes: dict[str, list[str]] = {}
    for ind in chosen:
        themes.setdefault(str(indicators.loc[ind, "domain"]), []).append(ind)
    invert = {i for i in chosen if not bool(indicators.loc[i, "higher_is_worse"])}
    index = stats.need_index(wide, themes, weights=weights, invert=invert, include=population.fillna(0) > 0)
    out = pd.DataFrame(
        {
            "area_id": wide.index,
            "value": index["pctl_overall"].to_numpy(),
            "flags_total": index["flags_total"].to_numpy(),
        }
    )
    # An area left unranked because a component was withheld reads "too few to show", not "no data".
    withheld = set(values.loc[values["flag"].eq("suppressed"), "area_id"])
    out["flag"] = [
        None if not text.is_missing(v) else ("suppressed" if a in withheld else "no_data")
        for a, v in zip(out["area_id"], out["value"], strict=True)
    ]
    return out.assign(ci_low=float("nan"), ci_high=float("nan"), numerator=pd.NA, denominator=pd.NA)


def compare_with_reference(
    groups: pd.DataFrame, ref_value: float | None, ref_se: float, ref_label: str
) -> pd.DataFrame:
    """Each group against the reference: rate ratio (log method) and rate difference, with 95% intervals.

    Standard errors come from each value's published interval (normal approximation), so the
    source's own intervals are used as given, never recomputed. The reference itself gets ratio 1.
    Sorted by ratio, largest first; withheld groups come last with no figures.
    """
    df = groups.copy()
    se = stats.standard_error_from_interval(df["ci_low"], df["ci_high"])
    nan = float("nan")
    ref = nan if ref_value is None else float(ref_value)
    df["ratio"], df["ratio_low"], df["ratio_high"] = stats.rate_ratio(df["value"], se, ref, ref_se)
    df["difference"], df["difference_low"], df["difference_high"] = stats.rate_difference(
        df["value"], se, ref, ref_se
    )
    df["significant"] = stats.is_significant(df["ratio_low"], df["ratio_high"], 1.0)
    df["is_reference"] = df["group_label"].eq(ref_label)
    return df.sort_values(["ratio", "group_label"], ascending=[False, True], na_position="last").reset_index(
        drop=True
    )


def summary_measures(groups: pd.DataFrame, higher_is_worse: bool, seed: int = 0) -> dict | None:
    """Healthy People's Index of Disparity and summary rate ratio from the best group, with intervals
    by simulation from the groups' standard errors. None with fewer than two groups shown."""
    shown = groups.dropna(subset=["value", "ci_low", "ci_high"])
    if len(shown) < 2:
        return None
    rates = shown["value"].to_numpy(float)
    ses = stats.standard_error_from_interval(shown["ci_low"], shown["ci_high"]).to_numpy(float)

    def index(r):
        return stats.index_of_disparity(r, higher_is_worse=higher_is_worse)

    def ratio(r):
        return stats.summary_rate_ratio(r, higher_is_worse=higher_is_worse)

    return {
        "index_of_disparity": stats.simulate_interval(index, rates, ses, seed=seed),
        "summary_rate_ratio": stats.simulate_interval(ratio, rates, ses, seed=seed),
    }


def gap_over_time(series: pd.DataFrame, worst: str, best: str) -> dict | None:
    """How the gap (worst minus best) moved from the first year both have to the last, with an interval."""
    both = series[series["group_label"].isin([worst, best])].dropna(subset=["value", "ci_low", "ci_high"])
    wide = both.pivot_table(index="year", columns="group_label", values=["value", "ci_low", "ci_high"])
    wide = wide.dropna()
    if len(wide) < 2 or worst not in wide["value"] or best not in wide["value"]:
        return None
    se = {g: stats.standard_error_from_interval(wide["ci_low"][g], wide["ci_high"][g]) for g in (worst, best)}
    gap = wide["value"][worst] - wide["value"][best]
    gap_se = (se[worst] ** 2 + se[best] ** 2) ** 0.5
    first, last = wide.index[0], wide.index[-1]
    change = stats.gap_change(gap[first], gap_se[first], gap[last], gap_se[last])
    return {
        "first_year": int(first),
        "last_year": int(last),
        "gap_first": float(gap[first]),
        "gap_last": float(gap[last]),
        **{k: (v if k == "narrowing" else float(v)) for k, v in change.items()},
    }


POOLED = "Groups too small to show"  # the row shares() pools withheld groups into


def shares(groups: pd.DataFrame, everyone: pd.Series | None) -> pd.DataFrame:
    """Each group's share of the cases against its share of the people counted, and relative inequity.

    Withheld groups are pooled into one row ("Groups too small to show"), taken from the whole
    population's counts, so the shares still add up to 100%; the privacy rules make that pooled
    count safe to show (it is never from 1 to 10). Empty where there are no counts.
    """
    shown = groups.dropna(subset=["numerator", "denominator"])
    if shown.empty:
        return pd.DataFrame(columns=["group_label", "case_share", "population_share", "relative_inequity"])
    rows = shown[["group_label", "numerator", "denominator"]].astype(
        {"numerator": float, "denominator": float}
    )
    if everyone is not None and not text.is_missing(everyone.get("numerator")) and len(shown) < len(groups):
        rest_cases = float(everyone["numerator"]) - rows["numerator"].sum()
        rest_people = float(everyone["denominator"]) - rows["denominator"].sum()
        if rest_cases >= 0 and rest_people > 0:
            rows.loc[len(rows)] = [POOLED, rest_cases, rest_people]
    out = stats.share_vs_population(
        rows["numerator"].reset_index(drop=True), rows["denominator"].reset_index(drop=True)
    )
    return pd.concat([rows[["group_label"]].reset_index(drop=True), out], axis=1)


# The ranking areas are compared along where a database has no groups: CDC/ATSDR's overall SVI.
VULNERABILITY = "svi_rpl_themes"
MIN_AREAS_FOR_FIFTHS = 10  # at least two areas in each fifth


def _weighted_mean(r: np.ndarray, w: np.ndarray) -> np.ndarray:
    return (r * w).sum(axis=-1) / w.sum()


def places_compared(areas: pd.DataFrame, vulnerability: pd.DataFrame | None, higher_is_worse: bool) -> dict:
    """Areas compared with each other where there are no groups to compare (place data: PLACES, SVI, CHR).

    ``areas`` has area_id, name, population, value, ci_low, ci_high; ``vulnerability`` area_id and value
    (the SVI's overall percentile rank, 1 = most vulnerable) or None. Returns ``ranked`` (areas with a
    value, worst first), and where the SVI ranks at least MIN_AREAS_FOR_FIFTHS of them: ``fifths``, the
    population-weighted mean in the most and in the least vulnerable fifth of areas and their ratio and
    difference with 95% intervals, and ``concentration``, the concentration index over the areas ranked
    from most to least vulnerable (stats.concentration_index), with its interval. Intervals by simulation
    from each area's standard error (HD*Calc's method); an area without an interval is held fixed.
    """
    shown = areas.dropna(subset=["value"])
    out: dict = {"ranked": text.worst_first(shown, higher_is_worse), "fifths": None, "concentration": None}
    if vulnerability is None or vulnerability.empty:
        return out
    both = shown.merge(
        vulnerability[["area_id", "value"]].rename(columns={"value": "svi"}), on="area_id"
    ).dropna(subset=["svi"])
    if len(both) < MIN_AREAS_FOR_FIFTHS:
        return out
    both = both.sort_values(["svi", "area_id"], ascending=[False, True]).reset_index(drop=True)
    rates = both["value"].to_numpy(float)
    ses = np.nan_to_num(stats.standard_error_from_interval(both["ci_low"], both["ci_high"]).to_numpy(float))
    weights = both["population"].astype(float).fillna(1.0).clip(lower=0).to_numpy()
    if not (weights > 0).any():
        weights = np.ones(len(both))
    fifth = np.floor(np.arange(len(both)) * 5 / len(both)).astype(int)  # 0 = most vulnerable
    # Draws: 10,000 for a state's counties, fewer for a nation's (at least 1,000, enough for a 95%
    # percentile interval), so that thousands of areas are compared in about a second.
    draws = int(max(1_000, min(10_000, 2_000_000 // len(both))))
    most, least = fifth == 0, fifth == 4

    def ratio(r):
        return _weighted_mean(r[..., most], weights[most]) / _weighted_mean(r[..., least], weights[least])

    def difference(r):
        return _weighted_mean(r[..., most], weights[most]) - _weighted_mean(r[..., least], weights[least])

    out["fifths"] = {
        "areas": int(most.sum()),
        "most": float(_weighted_mean(rates[most], weights[most])),
        "least": float(_weighted_mean(rates[least], weights[least])),
        "ratio": stats.simulate_interval(ratio, rates, ses, n=draws),
        "difference": stats.simulate_interval(difference, rates, ses, n=draws),
    }
    out["concentration"] = stats.simulate_interval(
        lambda r: stats.concentration_index(r, weights), rates, ses, n=draws
    )
    return out


MOST_PARTS = 0.75  # a region's figure is derived only where most of its areas have one (3 of 4)


def derived_from_parts(areas: pd.DataFrame, label: str = "") -> dict | None:
    """A region's figure derived from its areas' where the source gives none for the region itself: their
    values' mean weighted by population (``areas`` has value and population). No interval: the parts'
    intervals do not combine into one honestly without their sampling design. Where no area has a
    population, each counts once (``weighted`` False, for the words to say). None where fewer than two
    areas, or fewer than MOST_PARTS of them, have a value, where only some have a population, or for a
    median (``label``), which no mean of medians gives."""
    if "median" in label.lower():
        return None
    parts = areas.dropna(subset=["value"])
    if len(parts) < MOST_PARTS * len(areas):  # 2 of 51 states are not the nation
        return None
    if len(parts) >= 2 and "denominator" in parts and (parts["denominator"].astype(float) > 0).all():
        # Each figure's own denominator (the women a cancer rate counts): the sum of the counts over the
        # sum of the denominators, which a population weight only approximates.
        weights = parts["denominator"].astype(float)
        value = float((parts["value"].astype(float) * weights).sum() / weights.sum())
        return {"value": value, "parts": len(parts), "of": len(areas), "weighted": True, "by": "denominator"}
    weighted = parts.dropna(subset=["population"])
    weighted = weighted[weighted["population"] > 0]
    if len(weighted) == len(parts) and len(parts) >= 2:
        weights = weighted["population"].astype(float)
        value = float((weighted["value"].astype(float) * weights).sum() / weights.sum())
        return {"value": value, "parts": len(parts), "of": len(areas), "weighted": True, "by": "population"}
    if len(parts) >= 2 and weighted.empty:  # no populations loaded at all: each area counts once, said so
        return {
            "value": float(parts["value"].mean()),
            "parts": len(parts),
            "of": len(areas),
            "weighted": False,
            "by": None,
        }
    return None


MIN_PEERS = 3  # no rank among fewer peers: first of two says little, and may single a place out


def peer_standing(peers: pd.DataFrame, area_id: str, higher_is_worse: bool) -> dict | None:
    """Where one area stands among its peers (``peers``: area_id, value; the area among them): its rank
    from the greatest need (1 = most), how many have a value, their median and range. None where the
    area has no value or fewer than MIN_PEERS peers have one."""
    shown = peers.dropna(subset=["value"])
    if len(shown) < MIN_PEERS or area_id not in set(shown["area_id"]):
        return None
    ordered = text.worst_first(shown, higher_is_worse).reset_index(drop=True)
    value = float(shown.loc[shown["area_id"] == area_id, "value"].iloc[0])
    # Ties share the better rank: an area is never ranked worse than one with the same value.
    worse = (ordered["value"] > value) if higher_is_worse else (ordered["value"] < value)
    return {
        "rank": int(worse.sum()) + 1,
        "of": len(shown),
        "value": value,
        "median": float(shown["value"].median()),
        "low": float(shown["value"].min()),
        "high": float(shown["value"].max()),
    }
