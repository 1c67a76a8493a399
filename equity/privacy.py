"""Small numbers protected: which indicator values must be withheld, and why.

A count from 1 to ``min_count - 1`` (10 by default) is never shown, nor anything from which it
could be worked out. Two rules, applied until nothing changes:

- **small count** (primary): the value's numerator or denominator is from 1 to ``min_count - 1``.
- **complementary** (secondary): where cells add up to a total that is shown, a single withheld
  cell could be recovered as the total minus the others. So each such set must withhold none, or
  at least two cells whose withheld counts add up to ``min_count`` or more. Two kinds of sets add
  up: the groups of one breakdown (race and ethnicity, income, ...) sum to the area's whole
  population, and the areas inside a parent (tracts in a county) sum to the parent.

An **age-adjusted companion** (``<id>_aa``, computed by this dashboard from the age-specific counts of
``<id>``) repeats its base's counts and is a weighted sum of age-specific rates, a second equation in
the same cells. So it forms no sets of its own; it is withheld where its own counts are small or its
builder flagged it ``suppressed`` (an age-specific count it is built from is small, or it cannot be
computed), where its base row is withheld, and, for the whole population, where any of its base's age
groups in that area and year is withheld. It then shows nothing its base does not, and nothing from
which a withheld age group could be solved for.

The result is stored in the ``withheld`` table at build time; the ``published_values`` view every
query reads nulls the value, interval, numerator and denominator of each withheld row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_MIN_COUNT = 11
KEY = ["indicator_id", "area_id", "period", "group_dim", "group_label"]


def small_count(values: pd.DataFrame, min_count: int = DEFAULT_MIN_COUNT) -> pd.Series:
    """Primary suppression: a numerator or denominator from 1 to min_count - 1, or a source's own flag."""
    num, den = values["numerator"], values["denominator"]
    small = num.between(1, min_count - 1) | den.between(1, min_count - 1)
    return (small.fillna(False) | values["flag"].eq("suppressed").fillna(False)).astype(bool)


def companions(indicators: pd.DataFrame, values: pd.DataFrame) -> dict[str, str]:
    """Age-adjusted companions computed from counts, and the indicator each repeats the counts of:
    ``<id>_aa`` (measure_type age_adjusted, with numerators) of a crude ``<id>``. Publishers' own
    age-adjusted estimates without counts (CDC PLACES) are not companions: nothing here computed them."""
    kind = indicators.set_index("indicator_id")["measure_type"]
    counted = set(values.loc[values["numerator"].notna(), "indicator_id"])
    return {
        i: i[:-3]
        for i, m in kind.items()
        if m == "age_adjusted" and i.endswith("_aa") and kind.get(i[:-3]) == "crude" and i in counted
    }


def withheld(
    values: pd.DataFrame,
    parents: pd.Series,
    min_count: int = DEFAULT_MIN_COUNT,
    companions: dict[str, str] | None = None,
) -> pd.DataFrame:
    """The rows of ``values`` to withhold, with the reason: 'small_count' or 'complementary'.

    ``values`` has the indicator_values columns; ``parents`` maps area_id to parent area_id;
    ``companions`` maps age-adjusted companions to their base indicator (see :func:`companions`).
    """
    companions = companions or {}
    linked = values["indicator_id"].isin(list(companions)).to_numpy()
    ordinary = _withheld(values[~linked], parents, min_count)
    if not linked.any():
        return ordinary
    return pd.concat([ordinary, _companions_withheld(values[linked], ordinary, companions, min_count)])[
        [*KEY, "reason"]
    ].reset_index(drop=True)


def _companions_withheld(
    values: pd.DataFrame, base_withheld: pd.DataFrame, companions: dict[str, str], min_count: int
) -> pd.DataFrame:
    df = values[[*KEY, "numerator", "denominator", "flag"]].reset_index(drop=True)
    primary = small_count(df, min_count).to_numpy()
    base = df.assign(indicator_id=df["indicator_id"].map(companions))
    hidden_key = pd.MultiIndex.from_frame(base_withheld[KEY])
    same_row = pd.MultiIndex.from_frame(base[KEY]).isin(hidden_key)
    # The whole population's adjusted value is built from the base's age groups in that area and year.
    ages = base_withheld.loc[base_withheld["group_dim"] == "age", ["indicator_id", "area_id", "period"]]
    by_age = (
        pd.MultiIndex.from_frame(base[["indicator_id", "area_id", "period"]]).isin(
            pd.MultiIndex.from_frame(ages)
        )
        & (df["group_dim"] == "all").to_numpy()
    )
    hidden = primary | same_row | by_age
    out = df.loc[hidden, KEY].copy()
    out["reason"] = np.where(primary, "small_count", "complementary")[hidden]
    return out


def _withheld(values: pd.DataFrame, parents: pd.Series, min_count: int) -> pd.DataFrame:
    """Withheld rows by the two rules above, for indicators that are not companions."""
    df = values[[*KEY, "numerator", "denominator", "flag"]].reset_index(drop=True)
    df = df.assign(parent_id=df["area_id"].map(parents))
    primary = small_count(df, min_count).to_numpy()
    hidden = primary.copy()
    num = df["numerator"].astype("float64").fillna(0).to_numpy()
    den = df["denominator"].astype("float64").fillna(0).to_numpy()
    # A cell's cost of withholding: its count, zeros last (withholding a zero protects nothing).
    size = np.where(num > 0, num, np.where(den > 0, den, np.inf))

    sets = [
        # Groups of one breakdown add up to the same area's whole-population row.
        _sets(
            df,
            ["indicator_id", "area_id", "period", "group_dim"],
            df["group_dim"] != "all",
            df["group_dim"] == "all",
            ["indicator_id", "area_id", "period"],
        ),
        # Areas inside a parent add up to the parent's row for the same indicator, year and group.
        _sets(
            df,
            ["indicator_id", "period", "group_dim", "group_label", "parent_id"],
            df["parent_id"].notna(),
            pd.Series(True, index=df.index),
            ["indicator_id", "period", "group_dim", "group_label", "area_id"],
        ),
    ]
    while True:
        added = 0
        for member_of, total_row in sets:
            exposed = _exposed(member_of, total_row, hidden, num, den, min_count)
            if not exposed.any():
                continue
            candidates = np.flatnonzero(
                (member_of >= 0) & ~hidden & np.isin(member_of, np.flatnonzero(exposed))
            )
            if len(candidates) == 0:
                continue
            order = np.lexsort((candidates, size[candidates], member_of[candidates]))
            ranked = candidates[order]
            first = np.r_[True, member_of[ranked][1:] != member_of[ranked][:-1]]
            hidden[ranked[first]] = True
            added += int(first.sum())
        if added == 0:
            break
    out = df.loc[hidden, KEY].copy()
    out["reason"] = np.where(primary, "small_count", "complementary")[hidden]
    return out.reset_index(drop=True)


def _sets(
    df: pd.DataFrame, by: list[str], member: pd.Series, is_total: pd.Series, total_key: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's set (-1 for none) and each set's total row (-1 where the total is not in the data)."""
    member = member.to_numpy() & df[by].notna().all(axis=1).to_numpy()
    codes = np.full(len(df), -1)
    keys = df.loc[member, by]
    # Sets numbered in order of first appearance, the order drop_duplicates keeps their keys in. (Grouping
    # column by column is far quicker than factorising a MultiIndex, which builds a tuple per row.)
    codes[member] = keys.groupby(by, sort=False).ngroup().to_numpy()
    uniques = keys.drop_duplicates()
    totals = df.loc[is_total.to_numpy(), total_key]
    # The total's key is the set's key, level for level (a set's parent_id is its total's area_id).
    wanted = uniques.iloc[:, : len(total_key)].set_axis(total_key, axis=1)
    rows = totals.reset_index(names="_row").drop_duplicates(total_key)
    found = wanted.merge(rows, on=total_key, how="left")["_row"]  # a left merge keeps the sets' order
    total_row = found.fillna(-1).to_numpy(dtype=np.int64)
    return codes, total_row


def _exposed(
    member_of: np.ndarray,
    total_row: np.ndarray,
    hidden: np.ndarray,
    num: np.ndarray,
    den: np.ndarray,
    min_count: int,
) -> np.ndarray:
    """Sets whose withheld cells could be recovered from a shown total: one alone, or a too-small sum."""
    n = len(total_row)
    inside = member_of >= 0
    h = inside & hidden
    count = np.bincount(member_of[h], minlength=n)
    num_sum = np.bincount(member_of[h], weights=num[h], minlength=n)
    den_sum = np.bincount(member_of[h], weights=den[h], minlength=n)
    total_shown = (total_row >= 0) & ~hidden[np.maximum(total_row, 0)]
    too_small = ((num_sum > 0) & (num_sum < min_count)) | ((den_sum > 0) & (den_sum < min_count))
    return total_shown & ((count == 1) | ((count > 1) & too_small))
