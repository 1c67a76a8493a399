"""The demo's story of a program whose reach misses the highest-need neighbourhoods.

"Healthy Hearts in Faith Communities" holds its classes in congregations that sit in neighbourhoods of
great need, but most of the people who come drive in from better-off neighbourhoods nearby, where many
members have moved; few come from the streets around the churches. So the tracts it serves are the same,
and its sites are where need is, but the people it serves live mostly where need is least: the
Programs page's "Who are we reaching?" shows it (served share far below the highest-need fifth's share of
the people), beside programs whose reach follows need.

The counts are the generator's, moved between the tracts the program serves: each tract's count is
scaled by a weight that falls with the tract's need, keeping the program's total each year, and each
group's count is scaled with it (largest remainders, so the groups still add up to the tract's count).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PROGRAM = "health_ed"
# How steeply the weight falls with need (need is standardised: mean 0, sd 1 across tracts).
STEEPNESS = 2.5


def miss_high_need(reach: pd.DataFrame, tracts: pd.DataFrame) -> pd.DataFrame:
    """``reach`` (program_reach) with PROGRAM's counts moved towards the served tracts of least need."""
    need = tracts.set_index("area_id")["need"]
    mine = reach["program_id"] == PROGRAM
    if not mine.any():
        return reach
    out = reach.copy()
    rows = out[mine]
    weight = np.exp(-STEEPNESS * rows["area_id"].map(need).fillna(0.0).to_numpy())
    people = rows["people"].to_numpy(dtype=float)
    is_all = (rows["group_dim"] == "all").to_numpy()
    years = rows["period"].to_numpy()
    factor = np.ones(len(rows))
    for year in np.unique(years):
        here = is_all & (years == year)
        total, moved = people[here].sum(), (people[here] * weight[here]).sum()
        if moved > 0:
            factor[years == year] = weight[years == year] * total / moved
    new_all = np.round(people * factor)
    key = rows["area_id"].astype(str) + "|" + rows["period"].astype(str)
    all_of = pd.Series(new_all[is_all], index=key[is_all].to_numpy())
    new = new_all.copy()
    for _, idx in rows[~is_all].groupby(["area_id", "period", "group_dim"]).indices.items():
        at = np.flatnonzero(~is_all)[idx]
        target = all_of[key.iat[at[0]]]
        new[at] = _split(people[at], target)
    out.loc[mine, "people"] = new.astype(np.int64)
    return out


def _split(counts: np.ndarray, total: float) -> np.ndarray:
    """``counts`` scaled to add up to ``total`` (a whole number), by largest remainders."""
    if counts.sum() <= 0:
        return np.zeros(len(counts))
    exact = counts * total / counts.sum()
    whole = np.floor(exact)
    short = int(total - whole.sum())
    if short > 0:
        whole[np.argsort(-(exact - whole), kind="stable")[:short]] += 1
    return whole
