"""The demo's people: each tract's population, disadvantage ("need") and base indicator levels, and its
residents counted by cell (race/ethnicity x income x age x sex)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from equity.demo.geography import Geography
from equity.demo.scenario import (
    AGE_BASE,
    AGE_BY_RACE,
    AGE_BY_URBAN,
    AGE_CELLS,
    CITIES,
    CORE_OFFSET,
    ELM,
    GROUP_DIMS,
    MODELS,
    RACE_BASE,
    RACE_BY_ELM,
    RACE_BY_NEED,
    RACE_BY_URBAN,
    Model,
)

CELL_SHAPE = (len(GROUP_DIMS["race_ethnicity"]), len(GROUP_DIMS["income"]), len(AGE_CELLS), 2)
DIM_AXIS = {"race_ethnicity": 1, "income": 2, "age": 3, "sex": 4}  # axes of a (tract, *cell) array


def draw_people(rng: np.random.Generator, geo: Geography) -> tuple[pd.DataFrame, np.ndarray]:
    """Per-tract features, base indicator levels, and residents counted by cell (race, income, age, sex)."""
    n = len(geo.tracts)
    xy = geo.seeds  # distances are measured between tract seed points, which lie inside their tracts

    def bump(centre: np.ndarray, width: float) -> np.ndarray:
        return np.exp(-0.5 * (np.hypot(*(xy - centre).T) / width) ** 2)

    urban = np.max([bump(geo.cities[k], 2.5 * c.spread) for k, c in enumerate(CITIES)], axis=0)
    elm = bump(geo.seats[ELM], 0.35)
    # A smooth random surface (a few long waves), so neighbouring tracts resemble each other.
    waves = rng.normal(0.0, 1.5, (8, 2))
    phases = rng.uniform(0, 2 * np.pi, 8)
    field = np.cos(xy @ waves.T + phases).sum(axis=1) * np.sqrt(2 / 8)
    need = 1.4 * bump(geo.cities[0] + np.array(CORE_OFFSET), 0.09) + 1.0 * elm + 0.45 * field
    need = need + rng.normal(0.0, 0.3, n)
    need = (need - need.mean()) / need.std()

    population = np.clip(np.round(np.exp(rng.normal(np.log(2600) + 0.9 * urban, 0.28))), 1200, 8000)
    # A park and an airport: tracts where nobody lives, as in real tract files.
    urban_order = np.argsort(-urban, kind="stable")
    park = urban_order[rng.integers(0, max(1, n // 8))]
    airport = rng.choice(np.setdiff1d(np.arange(n), [park]))
    population[[park, airport]] = 0
    population = population.astype(np.int64)

    race = _softmax(
        np.log(RACE_BASE)
        + np.outer(need, RACE_BY_NEED)
        + np.outer(urban, RACE_BY_URBAN)
        + np.outer(elm, RACE_BY_ELM)
        + rng.normal(0.0, 0.35, (n, 6))
    )
    hispanic_z = (race[:, 0] - race[:, 0].mean()) / race[:, 0].std()
    tracts = pd.DataFrame(
        {
            "area_id": geo.area_id,
            "county": geo.county,
            "x": xy[:, 0],
            "y": xy[:, 1],
            "urban": urban,
            "need": need,
            "hispanic_z": hispanic_z,
            "black_z": (race[:, 1] - race[:, 1].mean()) / race[:, 1].std(),
            "population": population,
        }
    )
    for ind, model in MODELS.items():
        tracts[f"level_{ind}"] = _base_level(rng, model, tracts, lower_is_worse=(ind == "life_expectancy"))

    poor = tracts["level_poverty"].to_numpy() / 100
    near_poor = np.clip(0.17 + 0.35 * poor + rng.normal(0.0, 0.02, n), 0.08, 0.4)
    income = np.column_stack([poor, near_poor, 1.0 - poor - near_poor])
    age = _softmax(np.log(AGE_BASE) + np.outer(urban, AGE_BY_URBAN) + rng.normal(0.0, 0.08, (n, 5)))
    age_by_race = age[:, None, :] * np.exp(AGE_BY_RACE)[None, :, :]
    age_by_race /= age_by_race.sum(axis=2, keepdims=True)
    female = np.clip(0.51 + rng.normal(0.0, 0.01, n), 0.45, 0.56)
    sex = np.column_stack([female, 1.0 - female])
    shares = np.einsum("tr,ti,tra,ts->trias", race, income, age_by_race, sex).reshape(n, -1)
    shares /= shares.sum(axis=1, keepdims=True)
    cells = rng.multinomial(population, shares).reshape((n, *CELL_SHAPE))
    for k in range(len(GROUP_DIMS["race_ethnicity"])):
        tracts[f"race_share_{k}"] = race[:, k]
    for k in range(len(GROUP_DIMS["income"])):
        tracts[f"income_share_{k}"] = income[:, k]
    size = np.clip(2.6 - 0.4 * urban + rng.normal(0.0, 0.1, n), 1.8, 3.2)
    tracts["households"] = np.round(population / size).astype(np.int64)
    return tracts, cells


def _softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _base_level(
    rng: np.random.Generator, model: Model, tracts: pd.DataFrame, lower_is_worse: bool
) -> np.ndarray:
    """A tract's 2019 level, in the indicator's unit, driven by need with its own noise."""
    score = (
        model.center
        + model.need * tracts["need"].to_numpy()
        + model.urban * tracts["urban"].to_numpy()
        + model.hispanic * tracts["hispanic_z"].to_numpy()
        + rng.normal(0.0, model.noise, len(tracts))
    )
    span = (model.hi - model.lo) * sigmoid(score)
    return model.hi - span if lower_is_worse else model.lo + span
