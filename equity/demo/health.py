"""The demo's partnership health: two rounds of a self-assessment on the Wilder Collaboration Factors
Inventory's factors, and the ties partners reported in each round.

The story: between spring 2024 and spring 2025 trust rose (the factor "Mutual respect, understanding,
and trust", and the trust Unidos and Riverbend Health System report in each other); sufficient funds,
staff, materials and time stayed the weakest factor; partners disagreed widely about communication in
2025; too few answered on multiple layers of participation in 2025 for its score to be shown; Birch
Valley Unified School District sits on the edge of the network, and the state health department and the
Elm County Neighborhood Council rate their trust in each other very differently.

The factor names are the inventory's as published (Mattessich, Murray-Close and Monsey, 2001); the
items' words are the demo's own, not the inventory's, and no score here is the inventory's.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from equity.demo.scenario import PARTNER_ROLES, PARTNERS, PROGRAMS

INSTRUMENT = "Wilder Collaboration Factors Inventory (factors as published, 2001; items worded for the demo)"
# factor, the demo's two items, mean score in 2024 and 2025 (None: few answer), spread between people
FACTORS = (
    ("Mutual respect, understanding, and trust", ("Partners trust each other to do what they say.",
     "Partners understand how each other's organisations work."), 3.0, 3.8, 0.55),
    ("Open and frequent communication", ("Partners hear about decisions in time to weigh in.",
     "Partners talk with each other between meetings."), 3.4, 3.3, 0.6),
    ("Development of clear roles and policy guidelines", ("Each partner knows what it is responsible for.",
     "We have agreed how decisions are made."), 3.9, 4.1, 0.5),
    ("Shared vision", ("Partners want the same things for the community.",
     "Our goals are written down and agreed."), 4.2, 4.3, 0.45),
    ("Sufficient funds, staff, materials, and time", ("The partnership has the staff time its work needs.",
     "The partnership has the money its work needs."), 2.5, 2.4, 0.6),
    ("Skilled leadership", ("The people who lead the partnership bring partners together well.",
     "Leaders keep the work moving."), 3.7, 3.9, 0.5),
    ("Multiple layers of participation", ("Staff at every level of each partner take part.",
     "Residents take part in the partnership's decisions."), 3.2, None, 0.6),
    ("Members see collaboration as in their self-interest", ("My organisation gains from taking part.",
     "Working together gets more done than working alone."), 4.0, 4.0, 0.5),
)  # fmt: skip
DISAGREE_2025 = "Open and frequent communication"  # half rate it low, half high
ROUNDS = (
    ("2024_spring", "Spring 2024", dt.date(2024, 3, 4), dt.date(2024, 3, 29), 18),
    ("2025_spring", "Spring 2025", dt.date(2025, 3, 3), dt.date(2025, 3, 28), 21),
)  # id, label, opened, closed, respondents
FEW_ANSWER = 8  # of 2025's respondents, so many answer multiple layers of participation
SKIPPED = 0.04  # an item left blank (don't know)

EDGE = "birch_valley_usd"  # names no one beyond its program, and is named by one partner
RISING = ("unidos", "riverbend_health")  # trust each other 2 in 2024, 4 in 2025
APART = ("state_health_dept", "elm_council")  # rate their trust in each other 4 and 1


def health_tables(seed: int) -> dict[str, pd.DataFrame]:
    """survey_items, survey_rounds, survey_responses and partner_ties of the demo (deterministic)."""
    rng = np.random.default_rng([seed, 12])  # a stream of its own: the other parts' draws are unchanged
    items = pd.DataFrame(
        [
            (f"w{i + 1:02d}{'ab'[j]}", INSTRUMENT, factor, words, 1, 5)
            for i, (factor, texts, *_rest) in enumerate(FACTORS)
            for j, words in enumerate(texts)
        ],
        columns=["item_id", "instrument", "section", "item_text", "scale_min", "scale_max"],
    )
    rounds = pd.DataFrame([r[:4] for r in ROUNDS], columns=["round_id", "label", "opened_on", "closed_on"])
    return {
        "survey_items": items,
        "survey_rounds": rounds,
        "survey_responses": _responses(rng),
        "partner_ties": _ties(rng),
    }


def _responses(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    ids = rng.choice(16**6, size=sum(r[4] for r in ROUNDS), replace=False)
    taken = 0
    for k, (round_id, _, _, _, n) in enumerate(ROUNDS):
        people = [f"r{i:06x}" for i in ids[taken : taken + n]]  # opaque: says nothing of who or where
        taken += n
        leaning = rng.normal(0, 0.25, n)  # some people rate everything a little higher
        for i, (factor, texts, *means, spread) in enumerate(FACTORS):
            mean = means[k]
            answering = set(range(n)) if mean is not None else set(rng.choice(n, FEW_ANSWER, replace=False))
            for p, person in enumerate(people):
                centre = mean if mean is not None else 3.0
                if k == 1 and factor == DISAGREE_2025:
                    centre = 2.0 if p % 2 else 4.5
                for j in range(len(texts)):
                    rating = None
                    if p in answering and rng.random() >= SKIPPED:
                        draw = centre + leaning[p] + rng.normal(0, spread)
                        rating = int(np.clip(np.rint(draw), 1, 5))
                    rows.append((round_id, person, f"w{i + 1:02d}{'ab'[j]}", rating))
    out = pd.DataFrame(rows, columns=["round_id", "respondent_id", "item_id", "rating"])
    return out.astype({"rating": "Int64"})


def _together() -> set[frozenset[str]]:
    """Pairs of partners that share a program (a role in it, or its lead)."""
    members: dict[str, set[str]] = {p.program_id: {p.lead} for p in PROGRAMS}
    for program, partner, *_ in PARTNER_ROLES:
        members[program].add(partner)
    return {frozenset((a, b)) for m in members.values() for a in m for b in m if a < b}


def _ties(rng: np.random.Generator) -> pd.DataFrame:
    partners = [p[0] for p in PARTNERS]
    together = _together()
    rows = []
    for k, (round_id, *_rest) in enumerate(ROUNDS):
        for a in partners:
            for b in partners:
                if a == b or (a == EDGE) or (b == EDGE and a != "alder_city_schools"):
                    continue
                pair = frozenset((a, b))
                story = {a, b} in ({*RISING}, {*APART}) or (a, b) == ("alder_city_schools", EDGE)
                if story:
                    named = True
                else:
                    # Partners of a program name each other most of the time; others now and then, more
                    # often in 2025 as the partnership grows.
                    named = rng.random() < (0.75 if pair in together else 0.12 + 0.06 * k)
                if not named:
                    continue
                trust = int(np.clip(np.rint(rng.normal(2.7 + 0.4 * k, 0.6)), 1, 4))
                value = int(np.clip(np.rint(rng.normal(3.0 + 0.2 * k, 0.6)), 1, 4))
                if {a, b} == set(RISING):
                    trust = 2 + 2 * k
                if (a, b) == APART:
                    trust = 4
                elif (b, a) == APART:
                    trust = 1
                asked = story or rng.random() >= 0.05  # a few ties were named without rating them
                rows.append((round_id, a, b, trust if asked else None, value if asked else None))
    out = pd.DataFrame(rows, columns=["round_id", "from_partner_id", "to_partner_id", "trust", "value"])
    return out.astype({"trust": "Int64", "value": "Int64"})
