"""Reach and equity of reach: who a program serves, against who lives where and who is in need.

Pure calculations (no Streamlit, no SQL), on frames the queries return:

- **Served share minus population share** for each area (the Urban Institute's Spatial Equity Data
  Tool): ``share of the people served living here - share of the people (or of people in poverty,
  children, seniors) living here``. Over the areas counted it sums to zero: a program that serves every
  area in proportion to its people has zero everywhere. Urban Institute, "Spatial Equity Data Tool:
  technical appendix" (2021), disparity score = share of the program's users minus share of the
  population.
- **The high-need fifth**: the fifth of areas with the most need on the page's indicator, and the share of
  the people served who live there against the share of the people who do.
- **Reach by group**: each group's share of the people served, with a Wilson interval, against its share
  of the population.
- **Catchments**: each area's distance from its centroid to the nearest site, measured in a projected
  (UTM) coordinate system, so "within 5 km" means 5 km on the ground.

Small counts: an area whose count of people served is withheld (``few_people``) is left out of every share
here, served and population alike, so nothing shown times anything shown gives back a withheld count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from equity import stats

HIGH_NEED_FRACTION = 0.2  # the fifth of areas with the most need
CONFIDENCE = 0.95
# The bases a served share is set against, in the order the page offers them.
BASES = ("population", "poverty", "children", "seniors")
CHILD_LAST_AGE = 17
SENIOR_FIRST_AGE = 65
# Indicators giving, for the whole population, the percent of people in poverty, children, seniors: used
# where no figures by group count them (the demo's poverty; CDC/ATSDR SVI's EP_ estimates).
SHARE_INDICATORS = {
    "poverty": ("poverty", "svi_ep_pov"),
    "children": ("svi_ep_age17",),
    "seniors": ("svi_ep_age65",),
}
SHARE_IDS = tuple(i for ids in SHARE_INDICATORS.values() for i in ids)
DEFAULT_DISTANCE_KM = 5.0
DISTANCE_CHOICES_KM = (1.0, 2.0, 3.0, 5.0, 8.0, 10.0, 15.0, 20.0, 30.0, 50.0)


def spatial_equity(reach: pd.DataFrame, base: pd.Series) -> pd.DataFrame:
    """Each area's share of the people served minus its share of ``base`` (people per area_id).

    ``reach`` has area_id, people (None where withheld) and few_people. An area is *counted* where its
    count served is shown and its base is known; the shares are of the counted areas' totals, so the
    differences over them sum to zero. Returns one row per area of ``reach``: area_id, served_share,
    base_share, difference (shares 0-1, NaN where not counted) and status ('counted', 'withheld' (too few
    served to show), 'no_base').
    """
    df = reach[["area_id", "people", "few_people"]].copy()
    df["base"] = pd.to_numeric(df["area_id"].map(base), errors="coerce")
    withheld = df["few_people"].fillna(False).astype(bool) | df["people"].isna()
    no_base = df["base"].isna() & ~withheld
    counted = ~withheld & ~no_base
    people = pd.to_numeric(df["people"], errors="coerce").where(counted)
    bases = df["base"].where(counted)
    served_total, base_total = people.sum(), bases.sum()
    df["served_share"] = people / served_total if served_total > 0 else np.nan
    df["base_share"] = bases / base_total if base_total > 0 else np.nan
    df["difference"] = df["served_share"] - df["base_share"]
    df["status"] = np.where(withheld, "withheld", np.where(no_base, "no_base", "counted"))
    return df[["area_id", "served_share", "base_share", "difference", "status"]]


def high_need(need: pd.Series, higher_is_worse: bool, fraction: float = HIGH_NEED_FRACTION) -> pd.Series:
    """Whether each area is in the ``fraction`` of areas with a need value that have the most need (ties
    at the cut are in). Areas without a value are not."""
    shown = need.dropna()
    if shown.empty:
        return pd.Series(False, index=need.index)
    if higher_is_worse:
        cut = shown.quantile(1 - fraction)
        return need.ge(cut).fillna(False)
    cut = shown.quantile(fraction)
    return need.le(cut).fillna(False)


def share_in(reach: pd.DataFrame, base: pd.Series, inside: pd.Series) -> dict | None:
    """The share of the people served, and of ``base`` (people per area_id), living in the areas where
    ``inside`` (by area_id) holds: served, base and their difference (served - base).

    Unlike the map's measure, an area whose count served is withheld stays in the base (its people
    live there whoever was served), and the people served there are not counted among those served
    (they are not shown), so the served share is of the people shown. None where no one is shown served.
    """
    people = pd.to_numeric(reach["people"], errors="coerce").where(
        ~reach["few_people"].fillna(False).astype(bool)
    )
    people = people.fillna(0).to_numpy(dtype=float)
    counts = pd.to_numeric(reach["area_id"].map(base), errors="coerce").to_numpy(dtype=float)
    mask = reach["area_id"].map(inside).fillna(False).astype(bool).to_numpy()
    known = ~np.isnan(counts)
    if people.sum() <= 0 or counts[known].sum() <= 0:
        return None
    served = float(people[mask].sum() / people.sum())
    share = float(counts[mask & known].sum() / counts[known].sum())
    return {"served": served, "base": share, "difference": served - share, "areas": int(mask.sum())}


def extremes(measure: pd.DataFrame, names: pd.Series, n: int = 3) -> tuple[list[str], list[str]]:
    """The names of the ``n`` most under-served and ``n`` most over-served counted areas (served share
    furthest below, and above, the base share)."""
    counted = measure[measure["status"] == "counted"].dropna(subset=["difference"])
    under = counted[counted["difference"] < 0].sort_values(["difference", "area_id"]).head(n)
    over = counted[counted["difference"] > 0].sort_values(["difference", "area_id"], ascending=[False, True])
    return [str(names.get(a, a)) for a in under["area_id"]], [
        str(names.get(a, a)) for a in over.head(n)["area_id"]
    ]


# ---- bases: people per area, and who of them are in poverty, children, seniors -------------------------


def age_range(label: str) -> tuple[int, int | None] | None:
    """(first age, last age or None) of an age group's label, None where it cannot be read."""
    try:
        return stats._parse_age_group(label)
    except ValueError:
        return None


def is_poverty(label: str) -> bool:
    """Whether an income group's label names the people below the poverty line."""
    words = str(label).lower()
    return "below poverty" in words or "under poverty" in words or words.replace(" ", "").startswith("<100%")


def bases(
    areas: pd.DataFrame, groups: pd.DataFrame, shares: pd.DataFrame | None = None
) -> dict[str, pd.Series]:
    """The bases the data hold, each people per area_id: 'population' (areas' population), and where the
    group figures (query reach_group_population) count them, 'poverty' (the income group below the
    poverty line), 'children' (age groups wholly under 18, when they cover every age from 0 to 17) and
    'seniors' (age groups wholly 65 and older); else, where ``shares`` (query reach_area_shares) give the
    percent of the people who are, that percent of the population. A base the data do not hold is left
    out."""
    out = {"population": areas.set_index("area_id")["population"].astype("float64")}
    out.update(_group_bases(groups))
    if shares is not None and not shares.empty:
        for base, ids in SHARE_INDICATORS.items():
            given = [i for i in ids if i in set(shares["indicator_id"])]
            if base in out or not given:
                continue
            pct = shares[shares["indicator_id"] == given[0]].set_index("area_id")["value"].astype("float64")
            out[base] = (out["population"] * pct.reindex(out["population"].index) / 100.0).astype("float64")
    return out


def _group_bases(groups: pd.DataFrame) -> dict[str, pd.Series]:
    out = {}
    income = groups[(groups["group_dim"] == "income") & groups["group_label"].map(is_poverty)]
    if not income.empty and income["population"].notna().any():
        out["poverty"] = _per_area(income)
    ages = groups[groups["group_dim"] == "age"].copy()
    if not ages.empty:
        ranges = ages["group_label"].map(age_range)
        ages = ages[ranges.notna()]
        ranges = ranges[ranges.notna()]
        first = ranges.map(lambda r: r[0])
        last = ranges.map(lambda r: r[1])
        child = last.notna() & (last <= CHILD_LAST_AGE)
        covered = set()
        for lo, hi in ranges[child]:
            covered |= set(range(lo, int(hi) + 1))
        if child.any() and covered >= set(range(CHILD_LAST_AGE + 1)):
            out["children"] = _per_area(ages[child])
        senior = first >= SENIOR_FIRST_AGE
        if senior.any():
            out["seniors"] = _per_area(ages[senior])
    return out


def _per_area(rows: pd.DataFrame) -> pd.Series:
    """People per area over the rows' groups; an area with any group withheld has no figure."""
    pop = pd.to_numeric(rows["population"], errors="coerce")
    total = pop.groupby(rows["area_id"]).sum(min_count=1)
    unknown = pop.isna().groupby(rows["area_id"]).any()
    return total.where(~unknown).astype("float64")


# ---- reach by group ----------------------------------------------------------------------------------


def group_reach(served: pd.DataFrame, population: pd.DataFrame, level: float = CONFIDENCE) -> pd.DataFrame:
    """Each group's share of the people served against its share of the people.

    ``served`` is the query reach_groups (group_dim, group_label, people shown, cells_withheld,
    withheld_at_most, served); ``population`` reach_group_population (summed here over the region).
    The served share is people / served, with a Wilson interval; where cells were withheld the share
    shown is a floor, and ``share_most`` the ceiling it could reach with every withheld person in it.
    ``verdict``: 'under' where even the ceiling's interval lies below the population share, 'over' where
    the floor's interval lies above it, 'about' where the interval holds it, 'unclear' where withheld
    cells could move it either way. Rows for groups with no population figure are dropped.
    """
    pop = (
        population.groupby(["group_dim", "group_label"])["population"]
        .sum(min_count=1)
        .rename("population")
        .reset_index()
    )
    df = served.merge(pop, on=["group_dim", "group_label"], how="inner")
    df = df[df["population"].notna() & (df["population"] > 0)].copy()
    if df.empty:
        return df.assign(share=[], low=[], high=[], share_most=[], high_most=[], pop_share=[], verdict=[])
    df["pop_share"] = df["population"] / df.groupby("group_dim")["population"].transform("sum")
    n = pd.to_numeric(df["served"], errors="coerce").astype("float64")
    x = pd.to_numeric(df["people"], errors="coerce").astype("float64")
    most = np.minimum(x + pd.to_numeric(df["withheld_at_most"], errors="coerce").fillna(0), n)
    with np.errstate(invalid="ignore", divide="ignore"):
        df["share"] = x / n
        df["share_most"] = most / n
    low, high = stats.wilson_interval(x.to_numpy(), n.to_numpy(), level)
    _, high_most = stats.wilson_interval(most.to_numpy(), n.to_numpy(), level)
    df["low"], df["high"], df["high_most"] = low, high, high_most
    df["verdict"] = [
        _verdict(r.low, r.high, r.high_most, r.pop_share, r.cells_withheld > 0) for r in df.itertuples()
    ]
    return df.reset_index(drop=True)


def _verdict(low, high, high_most, pop_share, withheld: bool) -> str:
    if not np.isfinite(low) or not np.isfinite(high):
        return "unclear"
    if high_most < pop_share:
        return "under"
    if low > pop_share:
        return "over"
    if withheld and high < pop_share:  # below, unless the withheld people would lift it
        return "unclear"
    return "about"


# ---- catchments: distance from sites --------------------------------------------------------------------


def projected_crs(lon: np.ndarray, lat: np.ndarray):
    """The UTM zone of the points' middle (a projection in metres where distances are true to a fraction
    of a percent within a few hundred kilometres)."""
    import pyproj

    lon0, lat0 = float(np.nanmedian(lon)), float(np.nanmedian(lat))
    zone = int(np.floor((lon0 + 180) / 6) % 60) + 1
    return pyproj.CRS.from_epsg((32600 if lat0 >= 0 else 32700) + zone)


def nearest_site_km(areas: pd.DataFrame, sites: pd.DataFrame) -> pd.Series:
    """Each area's distance (km) from its centroid (centroid_lon, centroid_lat) to the nearest site
    (lon, lat), by area_id; NaN where an area has no centroid or there are no sites."""
    import geopandas as gpd

    out = pd.Series(np.nan, index=areas["area_id"].to_numpy(), dtype="float64")
    placed = areas.dropna(subset=["centroid_lon", "centroid_lat"])
    if placed.empty or sites.empty:
        return out
    crs = projected_crs(
        np.r_[placed["centroid_lon"].to_numpy(float), sites["lon"].to_numpy(float)],
        np.r_[placed["centroid_lat"].to_numpy(float), sites["lat"].to_numpy(float)],
    )
    a = gpd.GeoSeries.from_xy(placed["centroid_lon"], placed["centroid_lat"], crs=4326).to_crs(crs)
    s = gpd.GeoSeries.from_xy(sites["lon"], sites["lat"], crs=4326).to_crs(crs)
    ax, ay = a.x.to_numpy()[:, None], a.y.to_numpy()[:, None]
    d = np.hypot(ax - s.x.to_numpy()[None, :], ay - s.y.to_numpy()[None, :]).min(axis=1) / 1000.0
    out.loc[placed["area_id"].to_numpy()] = d
    return out


def catchment_circles(sites: pd.DataFrame, km: float):
    """Each site's circle of radius ``km`` on the ground, as shapely polygons in WGS84."""
    import geopandas as gpd

    if sites.empty:
        return []
    crs = projected_crs(sites["lon"].to_numpy(float), sites["lat"].to_numpy(float))
    points = gpd.GeoSeries.from_xy(sites["lon"], sites["lat"], crs=4326).to_crs(crs)
    return list(points.buffer(km * 1000.0, quad_segs=16).to_crs(4326))


def catchment(
    areas: pd.DataFrame, need_fifth: pd.Series, site_km: pd.Series, any_site_km: pd.Series, km: float
) -> dict:
    """The high-need areas (``need_fifth`` by area_id) within ``km`` of a program's site (``site_km``:
    each area's distance to its nearest), their population, and the high-need areas farther than ``km``
    from any site (``any_site_km``): the service gaps. Populations are the areas' published totals."""
    pop = areas.set_index("area_id")["population"].astype("float64")
    high = need_fifth.reindex(pop.index).fillna(False).astype(bool)
    near = site_km.reindex(pop.index).le(km) & high
    gaps = ~any_site_km.reindex(pop.index).le(km) & high
    return {
        "high_areas": int(high.sum()),
        "high_people": float(pop[high].sum()),
        "near_areas": int(near.sum()),
        "near_people": float(pop[near].sum()),
        "gap_ids": list(pop.index[gaps]),
        "gap_people": float(pop[gaps].sum()),
    }
