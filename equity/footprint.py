"""The vulnerable populations footprint (SparkMap, Center for Applied Research and Environmental Systems,
University of Missouri): thresholds on two or three indicators, and the areas that meet all of them.

The URL holds the footprint as ``fp=poverty:20;uninsured:15``: each indicator with its threshold, an area
meeting it where its value is at the threshold or worse (at or above it where higher is worse, at or
below it where higher is better). ``fp=default`` asks for the default indicators, and an indicator given
without a threshold (``fp=poverty;uninsured``) gets the edge of the worst quarter of the areas in view.
Pure: no Streamlit, nothing from the URL reaches SQL but checked indicator ids.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from equity import safety
from equity.i18n import _

MIN_INDICATORS, MAX_INDICATORS = 2, 3
DEFAULT_QUANTILE = 0.75  # a default threshold: the worst quarter of the areas in view meet it
MAX_ABS = 1e12  # a threshold beyond this is no threshold
# Indicators a footprint opens on where the database has them, in order (SparkMap's own default pairs
# poverty with a health or access measure): the demo's, then PLACES, SVI, CHR and ACS ids.
PREFERRED = (
    "poverty",
    "uninsured",
    "no_vehicle",
    "svi_ep_pov",
    "svi_ep_pov150",
    "svi_ep_uninsur",
    "svi_ep_noveh",
    "places_access2",
    "chr_v003",
    "chr_v001",
    "acs_dp03_poverty",
    "acs_dp03_uninsured",
)
# Each area's standing, in the order the legend lists them.
STATUSES = ("in", "out", "suppressed", "no_data")


@dataclass(frozen=True)
class Threshold:
    ind: str
    value: float | None  # None: not given, so the default (the worst quarter's edge)


def parse(text: str | None, indicators: dict[str, str]) -> tuple[list[Threshold], list[str]]:
    """``fp`` as thresholds, and a plain-language notice for each part left out or not understood. At
    most MAX_INDICATORS; an unknown indicator, a repeated one or an unreadable number is dropped (the
    number's indicator kept with the default threshold). ``default`` gives no thresholds (the caller
    picks the defaults)."""
    if not text or text.strip() == "default":
        return [], []
    out: list[Threshold] = []
    notices: list[str] = []
    for part in text.split(";")[:20]:
        part = part.strip()
        if not part:
            continue
        ind, sep, number = part.partition(":")
        ind = ind.strip()
        if ind not in indicators:
            notices.append(
                _(
                    "The link's footprint asked for “{asked}”, which this database does not have; it was "
                    "left out."
                ).format(asked=safety.inert(ind, 40))
            )
            continue
        if any(t.ind == ind for t in out):
            continue
        if len(out) == MAX_INDICATORS:
            notices.append(
                _("A footprint takes at most {n} indicators; “{label}” was left out.").format(
                    n=MAX_INDICATORS, label=indicators[ind]
                )
            )
            continue
        value = None
        if sep and number.strip():
            try:
                value = float(number)
            except ValueError:
                value = math.nan
            if not math.isfinite(value) or abs(value) > MAX_ABS:
                notices.append(
                    _(
                        "The link's threshold “{asked}” for “{label}” was not understood; the worst quarter "
                        "of areas is used instead."
                    ).format(asked=safety.inert(number, 40), label=indicators[ind])
                )
                value = None
        out.append(Threshold(ind, value))
    return out, notices


def format_fp(thresholds: list[Threshold]) -> str:
    return ";".join(t.ind if t.value is None else f"{t.ind}:{t.value:g}" for t in thresholds)


def default_indicators(available: list[str]) -> list[str]:
    """Two indicators to open on, of ``available`` (those with values in view, in catalogue order): the
    first two of PREFERRED there, filled up from the catalogue's order."""
    chosen = [i for i in PREFERRED if i in available][:MIN_INDICATORS]
    chosen += [i for i in available if i not in chosen][: MIN_INDICATORS - len(chosen)]
    return chosen


def nice(value: float, span: float) -> float:
    """A threshold rounded for reading: to a step of about a hundredth of the values' span."""
    step = slider_step(span)
    return float(round(round(value / step) * step, 10))


def slider_step(span: float) -> float:
    if not np.isfinite(span) or span <= 0:
        return 1.0
    return float(10 ** math.floor(math.log10(span / 100))) if span >= 1e-9 else 1.0


def default_threshold(values: pd.Series, higher_is_worse: bool) -> float | None:
    """The edge of the worst quarter of ``values``: the 75th percentile where higher is worse, else
    the 25th, rounded (``nice``). None where no area has a value."""
    shown = values.dropna().astype(float)
    if shown.empty:
        return None
    edge = shown.quantile(DEFAULT_QUANTILE if higher_is_worse else 1 - DEFAULT_QUANTILE)
    rounded = nice(edge, shown.max() - shown.min())
    # Rounding must not push the edge past every value (a footprint of none by default).
    worst = shown.max() if higher_is_worse else shown.min()
    return float(min(rounded, worst) if higher_is_worse else max(rounded, worst))


def meets(value, threshold: float, higher_is_worse: bool) -> bool:
    return bool(value >= threshold) if higher_is_worse else bool(value <= threshold)


def standing(
    values: pd.DataFrame, thresholds: dict[str, float], higher_is_worse: dict[str, bool]
) -> pd.DataFrame:
    """Each area's standing against every threshold. ``values`` is long (area_id, indicator_id, value,
    flag; map_values_many), ``thresholds`` the indicator ids and their thresholds. An area is 'in' the
    footprint where it meets all of them; 'out' where one of its values misses one (whatever the others
    are); else it cannot be told: 'suppressed' where a value is withheld ("too few to show"), 'no_data'
    where one is missing. Returns area_id, status and a column per indicator (its value)."""
    inds = list(thresholds)
    wide = values[values["indicator_id"].isin(inds)].pivot_table(
        index="area_id", columns="indicator_id", values="value", aggfunc="first", dropna=False
    )
    areas = pd.Index(values["area_id"].drop_duplicates(), name="area_id")
    wide = wide.reindex(index=areas, columns=inds)
    withheld = values[values["flag"].eq("suppressed") & values["indicator_id"].isin(inds)]
    withheld_areas = set(withheld["area_id"])
    statuses = []
    for area_id, row in wide.iterrows():
        known = row.dropna()
        if any(not meets(v, thresholds[i], higher_is_worse[i]) for i, v in known.items()):
            statuses.append("out")
        elif len(known) == len(inds):
            statuses.append("in")
        else:
            statuses.append("suppressed" if area_id in withheld_areas else "no_data")
    return wide.reset_index().assign(status=statuses)


def group_shares(groups: pd.DataFrame) -> pd.DataFrame:
    """The footprint's people by group against the rest of the region's: ``groups`` (the query
    footprint_groups) has group_label, inside, outside (sums of the published counts of people), and
    areas_withheld. Shares of the people counted in the groups shown, so no total, and so no withheld
    count, can be worked out from them. Returns group_label, share_inside, share_outside."""
    df = groups.copy()
    inside = df["inside"].astype(float)
    outside = df["outside"].astype(float)
    df["share_inside"] = inside / inside.sum() if inside.sum() > 0 else np.nan
    df["share_outside"] = outside / outside.sum() if outside.sum() > 0 else np.nan
    return df[["group_label", "share_inside", "share_outside"]]
