"""The demo's indicators: the catalogue (with age-adjusted companions), and every indicator value by area,
year and group, drawn as counts per tract and group and summed to counties and the state; the nation to
compare with, and the sources."""

from __future__ import annotations

import numpy as np
import pandas as pd

from equity import stats
from equity.demo.people import CELL_SHAPE, DIM_AXIS, sigmoid
from equity.demo.programs import Plan
from equity.demo.scenario import (
    AGE_CELLS,
    BREAKDOWN_DIMS,
    BREAKDOWN_INDICATORS,
    COUNTIES,
    FERTILITY,
    GROUP_DIMS,
    IMPORTED_AT,
    INDICATORS,
    LIFE_EXPECTANCY_SHIFT,
    MODELS,
    PERIODS,
    PROGRAM_EFFECTS,
    RELATIVE_RISK,
    SOURCE_LICENSE,
    SOURCE_PUBLISHER,
    SOURCE_VINTAGE,
    SOURCES,
    STATE,
    Indicator,
    Model,
)

SCALE = {"percent": 100.0, "per_1k": 1_000.0, "per_100k": 100_000.0}

# Indicators broken down by age get an age-adjusted companion ('<id>_aa', as the PLACES loader names
# them): the same counts standardised by the direct method to the 2000 U.S. standard population over the
# ages the indicator counts, for everyone and for each group, so groups of different ages compare fairly.
AGE_ADJUSTED = {ind: f"{ind}_aa" for ind in BREAKDOWN_INDICATORS if "age" in BREAKDOWN_DIMS[ind]}
FIRST_AGE_CELL = {"adults": 1, "people": 0}  # by denominator basis: adults leave out children (0–17)


def _age_adjusted_indicator(ind: Indicator) -> Indicator:
    ages = AGE_CELLS[FIRST_AGE_CELL[MODELS[ind.indicator_id].basis] :]
    return Indicator(
        AGE_ADJUSTED[ind.indicator_id],
        f"{ind.label} (age-adjusted)",
        f"{ind.description} Age-adjusted by the direct method to the 2000 U.S. standard population, in the "
        f"age groups {', '.join(ages)}, so that places and groups of different ages compare fairly.",
        ind.domain,
        ind.unit,
        ind.source_id,
        ind.higher_is_worse,
        measure_type="age_adjusted",
    )


# Every indicator the demo publishes: those drawn from counts, then their age-adjusted companions.
CATALOGUE = INDICATORS + tuple(
    _age_adjusted_indicator(i) for i in INDICATORS if i.indicator_id in AGE_ADJUSTED
)


def _area_ids(tracts: pd.DataFrame) -> np.ndarray:
    """The order of areas in every block of indicator rows: tracts, then counties, then the state."""
    return np.array([*tracts["area_id"], *(c[0] for c in COUNTIES), STATE[0]], dtype=object)


def _roll_up(per_tract: np.ndarray, county: np.ndarray) -> np.ndarray:
    """Tract values followed by their sums per county and for the state (the order of _area_ids), along
    the first axis."""
    per_county = np.zeros((len(COUNTIES), *per_tract.shape[1:]), dtype=per_tract.dtype)
    np.add.at(per_county, county, per_tract)
    return np.concatenate([per_tract, per_county, per_tract.sum(axis=0, keepdims=True)])


def _year_factor(model: Model, year: int) -> float:
    covid = {2020: model.covid, 2021: np.sqrt(model.covid)}.get(year, 1.0)
    return (1.0 + model.trend) ** (year - PERIODS[0]) * covid


def _cell_mask(groups: dict[str, tuple[str, ...]] | None) -> np.ndarray:
    """Cells belonging to any of the listed groups (all cells for None)."""
    if groups is None:
        return np.ones(CELL_SHAPE, dtype=bool)
    mask = np.zeros(CELL_SHAPE, dtype=bool)
    for dim, labels in groups.items():
        axis = DIM_AXIS[dim] - 1
        labels_here = AGE_CELLS if dim == "age" else GROUP_DIMS[dim]
        for label in labels:
            index = [slice(None)] * len(CELL_SHAPE)
            index[axis] = labels_here.index(label)
            mask[tuple(index)] = True
    return mask


def _effects(plans: list[Plan], indicator_id: str, year: int, n: int) -> np.ndarray:
    """Log multiplier of odds (or rates) per tract and cell from programs running in ``year``."""
    log_factor = np.zeros((n, *CELL_SHAPE))
    for plan in plans:
        for target, groups, cut in PROGRAM_EFFECTS.get(plan.program.kind, ()):
            if target == indicator_id:
                years = plan.years_running(year).astype(float)
                log_factor += years.reshape(-1, 1, 1, 1, 1) * np.log1p(-cut) * _cell_mask(groups)
    return log_factor


def _relative_risk(indicator_id: str) -> np.ndarray:
    rr = RELATIVE_RISK[indicator_id]
    return np.einsum(
        "r,i,a,s->rias",
        np.array(rr["race_ethnicity"]),
        np.array(rr["income"]),
        np.array(rr["age"]),
        np.array(rr["sex"]),
    )


def _draw_cells(
    rng: np.random.Generator,
    unit: str,
    den: np.ndarray,
    mean: np.ndarray,
    rr: np.ndarray,
    log_factor: np.ndarray,
) -> np.ndarray:
    """Numerators per tract and cell, so that before programs the tract's expected value is ``mean``.

    Percents: group odds = tract odds x odds ratio, shifted per tract to keep the tract mean
    (binomial counts). Rates: group rate = tract rate x rate ratio, normalised (Poisson counts).
    Program effects apply after the normalisation, so a group's gain lowers the tract's value.
    """
    n = den.shape[0]
    den2, rr2, lf2 = den.reshape(n, -1), rr.reshape(1, -1), log_factor.reshape(n, -1)
    total = den2.sum(axis=1)
    if unit == "percent":
        logits = np.log(mean / (1 - mean))[:, None] + np.log(rr2)
        shift = np.zeros(n)
        for _ in range(8):  # Newton steps: sum(den * p) = mean * sum(den)
            p = sigmoid(logits - shift[:, None])
            f = (den2 * p).sum(axis=1) - mean * total
            slope = (den2 * p * (1 - p)).sum(axis=1)
            shift += np.divide(f, slope, out=np.zeros(n), where=slope > 0)
        p = sigmoid(logits - shift[:, None] + lf2)
        return rng.binomial(den2, p).reshape(den.shape)
    norm = np.divide((den2 * rr2).sum(axis=1), total, out=np.ones(n), where=total > 0)
    rate = mean[:, None] * rr2 / norm[:, None] * np.exp(lf2)
    return rng.poisson(den2 * rate).reshape(den.shape)


def _group_sums(cells: np.ndarray, dims: tuple[str, ...]) -> dict[tuple[str, str], np.ndarray]:
    """Totals per tract for 'All' and for each published group of each dimension."""
    sums = {("all", "All"): cells.sum(axis=(1, 2, 3, 4))}
    for dim in dims:
        axis = DIM_AXIS[dim]
        by_group = cells.sum(axis=tuple(a for a in (1, 2, 3, 4) if a != axis))
        if dim == "age":
            by_group = by_group[:, 1:]  # children count in 'All' only
        for k, label in enumerate(GROUP_DIMS[dim]):
            sums[(dim, label)] = by_group[:, k]
    return sums


VALUE_COLUMNS = (
    "indicator_id", "area_id", "period", "group_dim", "group_label",
    "value", "ci_low", "ci_high", "numerator", "denominator", "flag",
)  # fmt: skip


def _block(indicator_id: str, area_ids: np.ndarray, period: int, dim: str, label: str, **columns) -> dict:
    """Rows of one indicator, year and group for every area, as arrays (one DataFrame is built at the end,
    which is far quicker than one per block). Columns not given are empty."""
    n = len(area_ids)
    block = {
        "indicator_id": np.full(n, indicator_id, dtype=object),
        "area_id": area_ids,
        "period": np.full(n, period),
        "group_dim": np.full(n, dim, dtype=object),
        "group_label": np.full(n, label, dtype=object),
        "value": np.full(n, np.nan),
        "ci_low": np.full(n, np.nan),
        "ci_high": np.full(n, np.nan),
        "numerator": np.full(n, np.nan),
        "denominator": np.full(n, np.nan),
        "flag": np.full(n, None, dtype=object),
    }
    block.update(columns)
    return block


def indicator_values(
    rng: np.random.Generator, tracts: pd.DataFrame, cells: np.ndarray, plans: list[Plan]
) -> pd.DataFrame:
    """Every indicator, area, year and group: counts per tract, summed to counties and state."""
    area_ids, county = _area_ids(tracts), tracts["county"].to_numpy()
    population = tracts["population"].to_numpy()
    bases, base_cells = _denominators(tracts, cells)
    blocks: list[dict] = []
    counted: list[bool] = []  # whether a block's estimates are still to be computed from its counts
    for year in PERIODS:
        births = np.zeros_like(cells)  # by the mother's cell: women 18–24 and 25–44
        for a, rate in zip((1, 2), FERTILITY, strict=True):
            births[:, :, :, a, 0] = rng.binomial(cells[:, :, :, a, 0], rate)
        base_cells["births"], bases["births"] = births, births.sum(axis=(1, 2, 3, 4))
        for ind in INDICATORS:
            level = tracts[f"level_{ind.indicator_id}"].to_numpy()
            if ind.indicator_id == "life_expectancy":
                blocks.append(_life_expectancy(rng, year, level, population, area_ids, county))
                counted.append(False)
                continue
            nums, dens, by_cell = _draw_indicator(rng, ind, year, level, bases, base_cells, plans)
            for (dim, label), num in nums.items():
                blocks.append(
                    _block(
                        ind.indicator_id,
                        area_ids,
                        year,
                        dim,
                        label,
                        numerator=_roll_up(num, county),
                        denominator=_roll_up(dens[(dim, label)], county),
                    )
                )
                counted.append(True)
            if ind.indicator_id in AGE_ADJUSTED:
                adjusted = _age_adjusted_values(ind, *by_cell, area_ids, county, year)
                blocks.extend(adjusted)
                counted.extend([False] * len(adjusted))
    columns = {c: np.concatenate([b[c] for b in blocks]) for c in VALUE_COLUMNS}
    for c in ("indicator_id", "area_id", "group_dim", "group_label", "flag"):
        # Arrow-backed text: DuckDB and pandas read it in bulk, where Python objects go one by one.
        columns[c] = pd.array(columns[c], dtype="str")
    rows = np.concatenate([np.full(len(b["area_id"]), c) for b, c in zip(blocks, counted, strict=True)])
    return _with_estimates(pd.DataFrame(columns), rows)


def _age_adjusted_values(
    ind: Indicator,
    num_cells: np.ndarray,
    den_cells: np.ndarray,
    area_ids: np.ndarray,
    county: np.ndarray,
    year: int,
) -> list[dict]:
    """The age-adjusted companion of one indicator and year, for everyone and each race/ethnicity, income
    and sex group, in every area: direct standardisation of the group's own age-specific counts.

    Percents: Korn-Graubard interval of the standardised proportion; rates: Fay-Feuer gamma interval
    (equity.stats). The numerator and denominator are the group's counts summed over the ages, those of
    its crude row, with which equity.privacy withholds it. A group's age-specific counts are never
    published, and an adjusted value with its interval and total does not determine them, so small
    numbers are judged on the total, as NCHS and SEER do. A group with people but none in some age group
    cannot be standardised: 'suppressed' (too few to show).
    """
    first = FIRST_AGE_CELL[MODELS[ind.indicator_id].basis]
    weights = stats.standard_weights(AGE_CELLS[first:]).to_numpy()
    groups = [("all", "All")] + [
        (d, label) for d in ("race_ethnicity", "income", "sex") for label in GROUP_DIMS[d]
    ]

    def by_group(c: np.ndarray) -> np.ndarray:
        """(areas, groups, ages): counts per area for each group and counted age."""
        c = c[:, :, :, first:, :]  # (tract, race, income, age, sex)
        per_tract = np.concatenate(
            [
                c.sum(axis=(1, 2, 4))[:, None, :],
                c.sum(axis=(2, 4)),
                c.sum(axis=(1, 4)),
                c.sum(axis=(1, 2)).transpose(0, 2, 1),
            ],
            axis=1,
        )
        return _roll_up(per_tract, county)

    num, den = by_group(num_cells), by_group(den_cells)
    shape = num.shape[:2]
    flat_num, flat_den = num.reshape(-1, num.shape[2]), den.reshape(-1, den.shape[2])
    if ind.unit == "percent":
        value, low, high, se = stats.age_adjusted_proportion(flat_num, flat_den, weights, return_se=True)
    else:
        value, low, high, se = stats.age_adjusted_rate(flat_num, flat_den, weights, per=1.0, return_se=True)
    total_num, total_den = flat_num.sum(axis=1), flat_den.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rse = np.where(np.isnan(se / value), np.inf, se / value)
    flag = np.where(
        total_den == 0,
        "no_data",
        np.where(np.isnan(value), "suppressed", np.where(rse > stats.UNRELIABLE_RSE, "unreliable", None)),
    ).astype(object)
    scale = SCALE[ind.unit]
    columns = {
        "value": value * scale,
        "ci_low": low * scale,
        "ci_high": high * scale,
        "numerator": total_num.astype(float),
        "denominator": total_den.astype(float),
        "flag": flag,
    }
    return [
        _block(
            AGE_ADJUSTED[ind.indicator_id],
            area_ids,
            year,
            dim,
            label,
            **{k: v.reshape(shape)[:, g] for k, v in columns.items()},
        )
        for g, (dim, label) in enumerate(groups)
    ]


def _denominators(
    tracts: pd.DataFrame, cells: np.ndarray
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Denominator counts per tract by basis, and per tract and cell where groups are published."""
    population = tracts["population"].to_numpy()
    adults = cells.copy()
    adults[:, :, :, 0, :] = 0
    seniors = cells[:, :, :, 4, :].sum(axis=(1, 2, 3))
    bases = {
        "people": population,
        "adults": adults.sum(axis=(1, 2, 3, 4)),
        "households": tracts["households"].to_numpy(),
        "seniors": seniors,  # stand-in for Medicare enrollees
        "under75": population - np.round(0.45 * seniors).astype(np.int64),
    }
    return bases, {"people": cells, "adults": adults}


def _draw_indicator(
    rng: np.random.Generator,
    ind: Indicator,
    year: int,
    level: np.ndarray,
    bases: dict[str, np.ndarray],
    base_cells: dict[str, np.ndarray],
    plans: list[Plan],
) -> tuple[dict[tuple[str, str], np.ndarray], dict[tuple[str, str], np.ndarray], tuple]:
    """Numerators and denominators per tract for one indicator and year, keyed by (dim, label), and the
    numerators and denominators per tract and cell where groups are drawn (else an empty tuple)."""
    iid, model = ind.indicator_id, MODELS[ind.indicator_id]
    mean = level * _year_factor(model, year) * np.exp(rng.normal(0.0, 0.04, len(level))) / SCALE[ind.unit]
    if ind.unit == "percent":
        mean = np.clip(mean, 0.001, 0.95)
    if iid in BREAKDOWN_INDICATORS:
        den_cells = base_cells[model.basis]
        effects = _effects(plans, iid, year, len(level))
        num_cells = _draw_cells(rng, ind.unit, den_cells, mean, _relative_risk(iid), effects)
        dims = BREAKDOWN_DIMS[iid]
        return _group_sums(num_cells, dims), _group_sums(den_cells, dims), (num_cells, den_cells)
    for plan in plans:  # whole-population effects (telehealth, school clinics)
        for target, _, cut in PROGRAM_EFFECTS.get(plan.program.kind, ()):
            if target == iid:
                mean = mean * (1 - cut) ** plan.years_running(year)
    den = bases[model.basis]
    num = rng.binomial(den, mean) if ind.unit == "percent" else rng.poisson(den * mean)
    return {("all", "All"): num}, {("all", "All"): den}, ()


def _with_estimates(values: pd.DataFrame, counted: np.ndarray) -> pd.DataFrame:
    """Value, interval and flag for the ``counted`` rows (life expectancy and age-adjusted rows arrive
    computed)."""
    units = {ind.indicator_id: ind.unit for ind in CATALOGUE}
    num = values["numerator"].to_numpy(dtype=float, na_value=np.nan)[counted]
    den = values["denominator"].to_numpy(dtype=float, na_value=np.nan)[counted]
    unit = values["indicator_id"].map(units).to_numpy()[counted]
    value, low, high, rse = _estimates(unit, num, den)
    for column, computed in (("value", value), ("ci_low", low), ("ci_high", high)):
        column_values = values[column].to_numpy(dtype=float, na_value=np.nan, copy=True)
        column_values[counted] = computed
        values[column] = column_values
    flag = values["flag"].to_numpy(dtype=object, copy=True)
    flag[counted] = np.where(den == 0, "no_data", np.where(rse > stats.UNRELIABLE_RSE, "unreliable", None))
    values["flag"] = flag
    values["numerator"] = values["numerator"].astype("Int64")
    values["denominator"] = values["denominator"].astype("Int64")
    return values[list(VALUE_COLUMNS)]


def _estimates(
    unit: np.ndarray, num: np.ndarray, den: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Value, 95% interval and relative standard error; NaN where the denominator is zero.

    Percents: Wilson score interval. Rates: exact Poisson below 100 events, Byar's approximation above
    (equity.stats, the same functions the dashboard's own figures use).
    """
    scale = pd.Series(unit).map(SCALE).to_numpy(dtype=float)
    percent = unit == "percent"
    with np.errstate(divide="ignore", invalid="ignore"):
        n = np.where(den > 0, den, np.nan)
        p = num / n
        # Each row gets only its own kind of interval: the exact Poisson one is costly on every row.
        low, high = np.empty_like(p), np.empty_like(p)
        low[percent], high[percent] = stats.wilson_interval(num[percent], n[percent])
        _, low[~percent], high[~percent] = stats.rate_interval(num[~percent], n[~percent], per=1.0)
        # Both intervals contain the estimate; clipping only removes rounding error at 0 and 100%.
        low = np.minimum(np.where(percent, np.maximum(low, 0.0), low), p)
        high = np.maximum(np.where(percent, np.minimum(high, 1.0), high), p)
        rse = np.where(percent, np.sqrt((1 - p) / (n * p)), 1 / np.sqrt(num))
    rse = np.where(np.isnan(rse), np.inf, rse)
    return scale * p, low * scale, high * scale, rse


def _life_expectancy(
    rng: np.random.Generator,
    year: int,
    level: np.ndarray,
    population: np.ndarray,
    area_ids: np.ndarray,
    county: np.ndarray,
) -> dict:
    """Life expectancy has no counts: tract estimates with a normal interval; areas above are
    population-weighted means of their tracts."""
    n = len(level)
    lived_in = population > 0
    se = np.where(lived_in, 2.5 / np.sqrt(np.maximum(population, 1) / 1000), np.nan)
    truth = level + LIFE_EXPECTANCY_SHIFT[year] + rng.normal(0.0, 0.25, n)
    estimate = np.where(lived_in, truth + rng.normal(0.0, 0.6, n) * np.nan_to_num(se), np.nan)
    weight = population.astype(float)
    total = _roll_up(weight, county)[n:]
    value = np.concatenate([estimate, _roll_up(weight * np.nan_to_num(estimate), county)[n:] / total])
    se_above = np.sqrt(_roll_up((weight * np.nan_to_num(se)) ** 2, county)[n:]) / total
    low, high = stats.normal_interval(value, np.concatenate([se, se_above]))
    return _block(
        "life_expectancy",
        area_ids,
        year,
        "all",
        "All",
        value=value,
        ci_low=low,
        ci_high=high,
        flag=np.where(np.isnan(value), "no_data", None).astype(object),
    )


def national_values(values: pd.DataFrame, seed: int) -> pd.DataFrame:
    """A fictional nation to compare Riverbend with: the state's figures a few percent better on the
    whole (worse for some), with the narrow intervals of a large national sample and no counts."""
    rng = np.random.default_rng([seed, 99])  # its own stream: the other tables' draws stay as they were
    state = values[(values["area_id"] == STATE[0]) & values["value"].notna()].drop(columns="area_id")
    meta = {i.indicator_id: i for i in CATALOGUE}
    worse = state["indicator_id"].map(lambda i: meta[i].higher_is_worse).to_numpy(bool)
    unit = state["indicator_id"].map(lambda i: meta[i].unit).to_numpy()
    better = rng.normal(0.06, 0.05, len(state))
    factor = np.where(worse, 1 - better, 1 + better / 4)
    value = state["value"].to_numpy() * factor
    value = np.where(unit == "percent", np.clip(value, 0.1, 99.9), value).round(1)
    half = np.maximum(0.1, np.abs(value) * 0.015).round(1)
    return state.assign(
        value=value,
        ci_low=(value - half).round(1),
        ci_high=(value + half).round(1),
        numerator=pd.NA,
        denominator=pd.NA,
        flag=None,
    ).reset_index(drop=True)


def source_table(values: pd.DataFrame) -> pd.DataFrame:
    source_of = {ind.indicator_id: ind.source_id for ind in CATALOGUE}
    rows = values["indicator_id"].map(source_of).value_counts()
    return pd.DataFrame(
        {
            "source_id": [s for s, _ in SOURCES],
            "name": [name for _, name in SOURCES],
            "publisher": SOURCE_PUBLISHER,
            "vintage": SOURCE_VINTAGE,
            "url": None,
            "license": SOURCE_LICENSE,
            "file_sha256": None,
            "rows": [int(rows.get(s, 0)) for s, _ in SOURCES],
            "imported_at": IMPORTED_AT,
        }
    )


def indicator_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": [i.indicator_id for i in CATALOGUE],
            "label": [i.label for i in CATALOGUE],
            "description": [i.description for i in CATALOGUE],
            "domain": [i.domain for i in CATALOGUE],
            "unit": [i.unit for i in CATALOGUE],
            "higher_is_worse": [i.higher_is_worse for i in CATALOGUE],
            "source_id": [i.source_id for i in CATALOGUE],
            "measure_type": [i.measure_type for i in CATALOGUE],
        }
    )
