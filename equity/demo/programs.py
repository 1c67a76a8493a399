"""The demo's programs: where their sites are, which tracts they serve and from when, and the tables of
programs, sites, metrics, monthly results and reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from equity.demo.geography import Geography
from equity.demo.scenario import (
    COUNTIES,
    GROUP_DIMS,
    LAST_RESULT_MONTH,
    METRICS,
    MISSING_RESULT_SHARE,
    PERIODS,
    PROGRAMS,
    REACH_PROPENSITY,
    REACH_PROPENSITY_CHW_HISPANIC,
    Program,
)


@dataclass
class Plan:
    program: Program
    start: dt.date
    sites: list[tuple[str, str, int, float, float]]  # site_id, name, tract index, lon, lat
    served: np.ndarray  # (T,) bool
    distance: np.ndarray  # (T,) degrees to the nearest site

    def years_running(self, year: int) -> np.ndarray:
        """Per tract, full years the program has run before ``year`` (0 where it does not serve)."""
        return np.where(self.served, max(0, year - self.start.year), 0)


def _site_scores(tracts: pd.DataFrame) -> dict[str, np.ndarray]:
    need, urban = tracts["need"].to_numpy(), tracts["urban"].to_numpy()
    return {
        "urban_need": need + urban,
        "rural": 1.5 * (1.0 - urban) + 0.5 * need,
        "hispanic": tracts["hispanic_z"].to_numpy() + 0.5 * need,
        "black": tracts["black_z"].to_numpy() + 0.5 * need,
    }


def plan_programs(rng: np.random.Generator, tracts: pd.DataFrame, geo: Geography) -> list[Plan]:
    scores = _site_scores(tracts)
    xy = tracts[["x", "y"]].to_numpy()
    lived_in = tracts["population"].to_numpy() > 0
    plans = []
    for program in PROGRAMS:
        score = scores[program.score] + rng.normal(0.0, 0.3, len(tracts))
        chosen = _pick_tracts(score, xy, lived_in, len(program.sites), program.min_separation)
        sites = []
        for k, t in enumerate(chosen):
            site_name = program.sites[k]
            if program.kind == "telehealth":  # named after the county it sits in
                site_name = f"{COUNTIES[tracts['county'].iat[t]][1]} {site_name}"
            lon, lat = _point_in(rng, geo.tracts[t])
            sites.append((f"{program.program_id}_site{k + 1}", site_name, int(t), lon, lat))
        site_xy = np.array([[s[3], s[4]] for s in sites])
        distance = np.min(np.hypot(*(xy[:, None, :] - site_xy[None, :, :]).transpose(2, 0, 1)), axis=1)
        served = (distance <= program.radius) & lived_in
        served[chosen] = True
        month = int(rng.integers(0, 36))  # start between 2020-01 and 2022-12
        start = dt.date(2020 + month // 12, month % 12 + 1, 1)
        plans.append(Plan(program, start, sites, served, distance))
    return plans


def _pick_tracts(
    score: np.ndarray, xy: np.ndarray, allowed: np.ndarray, k: int, separation: float
) -> list[int]:
    """The k best-scoring tracts at least ``separation`` apart (relaxed if too few qualify)."""
    order = [int(t) for t in np.argsort(-score, kind="stable") if allowed[t]]
    while True:
        picked: list[int] = []
        for t in order:
            if all(np.hypot(*(xy[t] - xy[p])) >= separation for p in picked):
                picked.append(t)
                if len(picked) == k:
                    return picked
        separation /= 2


def _point_in(rng: np.random.Generator, polygon: shapely.Geometry) -> tuple[float, float]:
    """A random point inside the polygon, rounded to the grid."""
    x0, y0, x1, y1 = shapely.bounds(polygon)
    for _ in range(200):
        x, y = np.round(rng.uniform([x0, y0], [x1, y1]), 5)
        if shapely.contains_xy(polygon, x, y):
            return float(x), float(y)
    p = shapely.point_on_surface(polygon)
    return float(shapely.get_x(p)), float(shapely.get_y(p))


def program_tables(
    rng: np.random.Generator, tracts: pd.DataFrame, plans: list[Plan]
) -> dict[str, pd.DataFrame]:
    programs = pd.DataFrame(
        {
            "program_id": [p.program.program_id for p in plans],
            "name": [p.program.name for p in plans],
            "kind": [p.program.kind for p in plans],
            "description": [p.program.description for p in plans],
            "lead_partner_id": [p.program.lead for p in plans],
            "start_date": [p.start for p in plans],
        }
    )
    sites = pd.DataFrame(
        [
            (site_id, p.program.program_id, name, tracts["area_id"].iat[t], lon, lat)
            for p in plans
            for site_id, name, t, lon, lat in p.sites
        ],
        columns=["site_id", "program_id", "name", "area_id", "lon", "lat"],
    )
    metrics, results = _metrics_and_results(rng, plans)
    return {
        "programs": programs,
        "program_sites": sites,
        "program_metrics": metrics,
        "program_results": results,
        "program_reach": _reach(rng, tracts, plans),
    }


def _metrics_and_results(rng: np.random.Generator, plans: list[Plan]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monthly results: a ramp-up towards a plateau with noise, seasons, the scenario's late turns and a
    few unreported months."""
    metric_rows, result_frames = [], []
    for plan in plans:
        pid = plan.program.program_id
        months = pd.date_range(plan.start, LAST_RESULT_MONTH, freq="MS")
        m = np.arange(len(months))
        month_of_year = months.month.to_numpy()
        for metric in METRICS[pid]:
            metric_id = f"{pid}_{metric.suffix}"
            metric_rows.append(
                (metric_id, pid, metric.label, metric.unit, metric.higher_is_better, metric.question)
            )
            expected = metric.level + (metric.first - metric.level) * np.exp(-m / metric.tau)
            turned = _turn(months, metric.turn)
            target = np.nan if metric.target is None else metric.target
            if metric.unit == "count":
                expected = expected * (1.0 + turned)
                season = np.ones(len(m))
                if pid == "school_health":  # schools close for the summer
                    season = np.where(np.isin(month_of_year, (6, 7, 8)), 0.15, 1.0)
                value = np.round(expected * season * np.exp(rng.normal(0.0, 0.09, len(m))))
                if pid == "mobile_clinic":  # winter weather cancels stops
                    value = np.round(value * np.where(np.isin(month_of_year, (12, 1, 2)), 0.75, 1.0))
                goal = np.round(target * np.minimum(1.0, (m + 1) / 12) * season, -1)
            else:
                value = np.round(np.clip(expected + turned + rng.normal(0.0, 2.2, len(m)), 0, 100), 1)
                goal = np.full(len(m), float(target))
            missing = rng.random(len(m)) < MISSING_RESULT_SHARE
            if metric.unit == "percent":
                missing[-1] = True  # outcome measures are reported a month late
            result_frames.append(
                pd.DataFrame(
                    {
                        "metric_id": metric_id,
                        "period": [d.date() for d in months],
                        "value": np.where(missing, np.nan, value),
                        "target": goal,
                    }
                )
            )
    metrics = pd.DataFrame(
        metric_rows, columns=["metric_id", "program_id", "label", "unit", "higher_is_better", "question"]
    )
    return metrics, pd.concat(result_frames, ignore_index=True)


def _turn(months: pd.DatetimeIndex, turn: tuple[dt.date, float] | None) -> np.ndarray:
    """Per month, how far a late change in the story has gone: 0 before it starts, rising steadily to
    its full size at the last month reported."""
    if turn is None:
        return np.zeros(len(months))
    start, change = pd.Timestamp(turn[0]), turn[1]
    span = max(1, (months[-1].year - start.year) * 12 + months[-1].month - start.month)
    since = (months.year - start.year) * 12 + months.month - start.month
    return change * np.clip(since.to_numpy() / span, 0.0, 1.0)


def _reach(rng: np.random.Generator, tracts: pd.DataFrame, plans: list[Plan]) -> pd.DataFrame:
    """People served per program, year and home tract, in all and by race/ethnicity and income."""
    shares = {
        "race_ethnicity": tracts[[f"race_share_{k}" for k in range(6)]].to_numpy(),
        "income": tracts[[f"income_share_{k}" for k in range(3)]].to_numpy(),
    }
    population = tracts["population"].to_numpy()
    frames = []
    for plan in plans:
        program = plan.program
        served = np.flatnonzero(plan.served)
        nearness = np.exp(-plan.distance[served] / program.radius)
        for year in range(plan.start.year, PERIODS[-1] + 1):
            if year == plan.start.year:
                ramp = (13 - plan.start.month) / 12 * 0.5
            else:
                ramp = min(1.0, 0.6 + 0.2 * (year - plan.start.year))
            people = rng.poisson(population[served] * program.uptake * ramp * nearness)
            groups = {("all", "All"): people}
            for dim, share in shares.items():
                propensity = REACH_PROPENSITY[dim].copy()
                if program.kind == "chw" and dim == "race_ethnicity":
                    propensity[0] = REACH_PROPENSITY_CHW_HISPANIC
                weights = share[served] * propensity
                split = rng.multinomial(people, weights / weights.sum(axis=1, keepdims=True))
                for k, label in enumerate(GROUP_DIMS[dim]):
                    groups[(dim, label)] = split[:, k]
            for (dim, label), counts in groups.items():
                frames.append(
                    pd.DataFrame(
                        {
                            "program_id": program.program_id,
                            "area_id": tracts["area_id"].to_numpy()[served],
                            "period": year,
                            "group_dim": dim,
                            "group_label": label,
                            "people": counts.astype(np.int64),
                        }
                    )
                )
    return pd.concat(frames, ignore_index=True)
