"""The demo's record of who took part in community input, by group: surveys asked people's race and
ethnicity and age, listening sessions kept a sign-in sheet of race and ethnicity; focus groups, small and
held with one group, recorded no breakdown (their group is the one they were held with). The shares
follow whom each was held with, so, as in many real coalitions, the groups its outreach aimed at are
heard and others are not: Asian residents hardly ever (fictional)."""

from __future__ import annotations

import pandas as pd

from equity import voice

# Who came, by the group a survey or session was held with: shares of race and ethnicity.
RACE_MIX = {
    "Hispanic or Latino": {"Hispanic or Latino": 0.86, "White": 0.06, "Black": 0.03,
                           "Two or more races": 0.04, "Asian": 0.01},
    "Spanish speakers": {"Hispanic or Latino": 0.93, "White": 0.03, "Two or more races": 0.03, "Asian": 0.01},
    "Black": {"Black": 0.84, "White": 0.07, "Hispanic or Latino": 0.05, "Two or more races": 0.04},
    "American Indian or Alaska Native": {"American Indian or Alaska Native": 0.78, "White": 0.14,
                                         "Two or more races": 0.08},
    None: {"White": 0.50, "Hispanic or Latino": 0.22, "Black": 0.19, "American Indian or Alaska Native": 0.04,
           "Two or more races": 0.03, "Asian": 0.02},
}  # fmt: skip
AGE_MIX = {
    "65 and older": {"65 and older": 0.9, "45–64": 0.1},
    "18–24": {"18–24": 0.86, "25–44": 0.14},
    None: {"18–24": 0.07, "25–44": 0.24, "45–64": 0.36, "65 and older": 0.33},
}


def _split(total: int, shares: dict[str, float]) -> dict[str, int]:
    """``total`` people split by ``shares`` in whole people (the remainder to the largest group)."""
    counts = {g: int(total * s) for g, s in shares.items()}
    largest = max(shares, key=shares.get)
    counts[largest] += total - sum(counts.values())
    return {g: n for g, n in counts.items() if n > 0}


def participant_tables(inputs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``input_participants`` for the demo's ``community_input``: each survey's and listening session's
    breakdown, on every row of it (one per topic it ranked), as a coalition's file would have it."""
    rows = []
    sessions = voice.session_of(inputs)
    for _, session in inputs.assign(session=sessions).groupby("session", sort=True):
        first = session.iloc[0]
        if first["method"] == "focus_group":
            continue
        mixes = [("race_ethnicity", RACE_MIX)]
        if first["method"] == "survey":
            mixes.append(("age", AGE_MIX))
        for dim, mix in mixes:
            shares = mix.get(first["group_label"], mix[None])
            for label, n in _split(int(first["participants"]), shares).items():
                rows += [(i, dim, label, n) for i in session["input_id"]]
    return {
        "input_participants": pd.DataFrame(
            rows, columns=["input_id", "group_dim", "group_label", "participants"]
        ).sort_values(["input_id", "group_dim", "group_label"], ignore_index=True)
    }
