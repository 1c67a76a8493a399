"""Figures computed from query results: pure pandas, testable without Streamlit."""

from __future__ import annotations

import pandas as pd

from equity import stats

# Gaps by social position are inequities; differences by age or sex are often expected biology.
SOCIAL_DIMS = ("race_ethnicity", "income", "language", "insurance", "disability")


GAP_COLUMNS = ["worst_group", "worst_value", "best_group", "best_value", "ratio"]


def worst_and_best(groups: pd.DataFrame, higher_is_worse: bool) -> dict | None:
    """The worst-off and best-off group with shown values, and worst / best as a ratio above 1.

    The ratio is always the worse rate over the better one, so 2.0 reads "twice as bad" whichever
    way the indicator runs. None where fewer than two groups have a value.
    """
    shown = groups.dropna(subset=["value"])
    if len(shown) < 2:
        return None
    ordered = shown.sort_values("value", ascending=not higher_is_worse)
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
    ignored); ``indicators`` is indexed by indicator_id with label, unit and higher_is_worse.
    """
    if dims is not None:
        groups = groups[groups["group_dim"].isin(dims)]
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


def gap_by_place(places: pd.DataFrame, higher_is_worse: bool) -> pd.DataFrame:
    """The worst/best gap within each place of ``places`` (area_id, name, level, group_label, value)."""
    rows = []
    for (area_id, name, level), df in places.groupby(["area_id", "name", "level"], sort=False):
        gap = worst_and_best(df, higher_is_worse)
        if gap is not None:
            rows.append(dict(area_id=area_id, name=name, level=level, **gap))
    return pd.DataFrame(rows, columns=["area_id", "name", "level", *GAP_COLUMNS])


def reference_value(
    groups: pd.DataFrame, overall: float | None, ref: str, higher_is_worse: bool
) -> tuple[float | None, str]:
    """The value a group is compared with, and its name: the best group, the whole population, or a group."""
    shown = groups.dropna(subset=["value"])
    if ref == "overall":
        return overall, "Everyone"
    if ref != "best" and ref in set(shown["group_label"]):
        return float(shown.loc[shown["group_label"] == ref, "value"].iloc[0]), ref
    if shown.empty:
        return None, "Best group"
    best = shown.sort_values("value", ascending=higher_is_worse).iloc[0]
    return float(best.value), f"Best group ({best.group_label})"


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
    """Share of people served (where shown) who live in the quarter of tracts with the greatest need."""
    df = reach.dropna(subset=["need"])
    served = df.dropna(subset=["people"])
    total = served["people"].sum()
    if df.empty or total <= 0:
        return {"share": None, "served": int(total), "tracts_served": 0, "high_need_share_of_pop": None}
    cut = df["need"].quantile(0.75 if higher_is_worse else 0.25)
    high = df["need"] >= cut if higher_is_worse else df["need"] <= cut
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
        None if v == v else ("suppressed" if a in withheld else "no_data")
        for a, v in zip(out["area_id"], out["value"], strict=True)
    ]
    return out.assign(ci_low=float("nan"), ci_high=float("nan"), numerator=pd.NA, denominator=pd.NA)
