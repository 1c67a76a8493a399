"""Maps of underserved areas: GeoJSON from stored WKB, need classes, and the offline choropleth.

``choropleth_map`` with the ``white-bg`` style draws from the GeoJSON alone: no tiles, no CDN,
so the map works in a meeting room with no internet.
"""

from __future__ import annotations

import textwrap

import mapclassify
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from equity import text
from equity.charts import FONT, base_layout, shown_values
from equity.i18n import _

# Light to dark: more need is darker whichever way the indicator runs.
NEED_COLORS = ["#fde0c5", "#facba6", "#f59e72", "#e8603c", "#b3261e"]
# "Too few to show" and "No data" must never look alike, nor like a low value, in grayscale or on a
# washed-out projector as well as in colour: both are outlined in near-black (the classes have thin white
# borders), "too few to show" filled white and "no data" a mid grey, so they differ by fill and the
# outline sets both apart from every class of the ramp.
FLAG_COLORS = {"suppressed": "#ffffff", "no_data": "#8c9199"}
FLAG_OUTLINE = dict(width=1.6, color="#202124")
SITE_COLORS = ["#0b5394", "#1a7f37", "#6a3d9a", "#000000", "#b15928", "#e7298a", "#1f78b4"]


DRAWN_DECIMALS = 5  # degrees to 5 decimals is about a metre: finer than any screen shows a tract


def geojson(areas: pd.DataFrame) -> dict:
    """A FeatureCollection with ``id`` = area_id and no properties (values travel in the trace).

    Coordinates are rounded, which halves what a large state's map sends to the browser; a vertex two
    areas share rounds the same in both, so their border still meets.
    """
    geoms = shapely.from_wkb(areas["geometry_drawn"].map(bytes).to_numpy())
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, DRAWN_DECIMALS))
    features = [
        {"type": "Feature", "id": area_id, "geometry": shapely.geometry.mapping(g)}
        for area_id, g in zip(areas["area_id"], geoms, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def need_classes(values: pd.Series, higher_is_worse: bool, k: int = 5) -> tuple[np.ndarray, list[str]]:
    """Class of need (0 = least) for each value by quantiles, and a legend label for each class."""
    shown = values.dropna()
    k = max(1, min(k, shown.nunique()))
    if k < 2:
        return np.zeros(len(values), dtype=int), [_("All areas")]
    scheme = mapclassify.Quantiles(shown.to_numpy(), k=k)
    bins = np.asarray(scheme.bins)
    lows = np.concatenate([[shown.min()], bins[:-1]])
    classes = (
        pd.Series(np.searchsorted(bins, values.fillna(bins[-1]).to_numpy(), side="left"), index=values.index)
        .clip(0, len(bins) - 1)
        .to_numpy()
    )
    if not higher_is_worse:
        classes = (len(bins) - 1) - classes
    bounds = list(zip(lows, bins, strict=True))
    return classes, bounds


def choropleth(
    areas: pd.DataFrame,
    values: pd.DataFrame,
    sites: pd.DataFrame | None,
    *,
    label: str,
    unit: str,
    higher_is_worse: bool,
    title: str,
    subtitle: str,
    selected: str | None = None,
    height: int = 600,
) -> go.Figure:
    """Areas shaded by need in five quantile classes, areas without a value in grey, sites as dots.

    Areas without a shape (loaded from a table such as the ACS before their boundaries) are not drawn;
    their values still reach the page's lists and download."""
    areas = areas[areas["geometry_drawn"].notna()]
    df = areas.drop(columns=["geometry_drawn"]).merge(values, on="area_id", how="left")
    gj = geojson(areas)
    df["shown"] = shown_values(df, unit)
    df["pop"] = df["population"].map(text.people)
    has_value = df["value"].notna()
    fig = go.Figure()
    if has_value.any():
        classes, bounds = need_classes(df.loc[has_value, "value"], higher_is_worse)
        ncls = len(bounds)
        palette = NEED_COLORS[-ncls:] if ncls > 1 else NEED_COLORS[2:3]
        shown = df[has_value].assign(cls=classes)
        # One trace per class keeps a true legend entry per class; each trace carries only its areas.
        for cls in sorted(shown["cls"].unique(), reverse=True):
            part = shown[(shown["cls"] == cls) & shown["flag"].ne("unreliable")]
            lo, hi = bounds[cls] if higher_is_worse else bounds[ncls - 1 - cls]
            name = f"{text.number(lo, unit)} – {text.number(hi, unit)}"
            fig.add_trace(_area_trace(part, gj, palette[cls], name, label))
        # Unreliable estimates keep their class colour, faded, under one legend entry of their own.
        weak = shown[shown["flag"].eq("unreliable")]
        for i, (cls, part) in enumerate(weak.groupby("cls")):
            trace = _area_trace(part, gj, palette[cls], _("Faded: unreliable estimate"), label, opacity=0.35)
            fig.add_trace(trace.update(legendgroup="unreliable", legendgrouptitle_text="", showlegend=i == 0))
    missing = df[~has_value]
    for flag, part in missing.groupby(missing["flag"].fillna("no_data")):
        color = FLAG_COLORS.get(flag, FLAG_COLORS["no_data"])
        trace = _area_trace(part, gj, color, _(text.FLAG_TEXT.get(flag, "No data")), label, 0.9)
        fig.add_trace(trace.update(marker_line=FLAG_OUTLINE))
    if selected is not None and selected in set(df["area_id"]):
        sel = df[df["area_id"] == selected]
        fig.add_trace(
            go.Choroplethmap(
                geojson=_subset(gj, sel["area_id"]),
                locations=sel["area_id"],
                z=[1] * len(sel),
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                marker=dict(line=dict(width=4, color="#111111")),
                name=_("Selected area"),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    if sites is not None and len(sites):
        for i, (program, part) in enumerate(sites.groupby("program", sort=True)):
            fig.add_trace(
                go.Scattermap(
                    lon=part["lon"],
                    lat=part["lat"],
                    mode="markers",
                    name=program,
                    legendgroup="sites",
                    legendgrouptitle=dict(text="<b>" + _("Program sites") + "</b>"),
                    marker=dict(size=13, color=SITE_COLORS[i % len(SITE_COLORS)]),
                    customdata=part[["name"]].to_numpy(),
                    hovertemplate="<b>%{customdata[0]}</b><br>" + program + "<extra></extra>",
                )
            )
    center, zoom = fit_view(areas, height=height)
    fig.update_layout(
        map=dict(style="white-bg", center=center, zoom=zoom, domain=dict(x=[0, 0.66], y=[0, 1])),
    )
    fig = base_layout(fig, title, subtitle, height=height)
    fig.update_layout(
        margin=dict(l=0, r=0, t=90, b=0),
        legend=dict(
            orientation="v",
            yanchor="top",
            y=1.0,
            x=0.68,
            xanchor="left",
            groupclick="toggleitem",
            bgcolor="rgba(255,255,255,0.92)",
            bordercolor="#999",
            borderwidth=1,
            font=dict(size=15),
        ),
        font=FONT,
    )
    return fig


FIT_BULK_FROM = 200  # areas; from this many the map fits their bulk (FIT_QUANTILE each side), not all
FIT_QUANTILE = 0.01
# The states and territories outside the contiguous states, by FIPS code: Alaska, Hawaii, American Samoa,
# Guam, the Northern Mariana Islands, Puerto Rico, the Virgin Islands. The nation's map opens on the
# contiguous states, as a national map is read; these are drawn on it, a drag or a zoom out away, and the
# page says so (text.OUTLYING_NOTE). Fitted in, they left the contiguous states a fifth of the map, and
# Alaska under its title.
OUTLYING_STATES = frozenset({"02", "15", "60", "66", "69", "72", "78"})
NATION_FROM = 10  # states: areas across this many contiguous states are the nation's, or most of it


def outlying(areas: pd.DataFrame) -> pd.Series:
    """Whether each area (a state's, county's or tract's FIPS code) lies outside the contiguous states,
    where the areas span the nation; all False for a state's or a region's own areas."""
    ids = areas["area_id"].astype(str) if "area_id" in areas else pd.Series("", index=areas.index)
    fips = ids.str.fullmatch(r"\d{2}|\d{5}|\d{11}")
    far = fips & ids.str[:2].isin(OUTLYING_STATES)
    if not far.any() or ids[fips & ~far].str[:2].nunique() < NATION_FROM:
        return pd.Series(False, index=areas.index)
    return far


def outlying_note(areas: pd.DataFrame) -> str:
    """The sentence that says where the map's first view leaves areas out (``outlying``), with a space
    before it; else nothing."""
    return " " + _(text.OUTLYING_NOTE) if outlying(areas).any() else ""


def fit_view(areas: pd.DataFrame, height: int, width: int = 560) -> tuple[dict, float]:
    """Centre and zoom that fit the areas' outline into a map of about ``width`` x ``height`` pixels: the
    contiguous states' where the areas span the nation (``outlying``)."""
    areas = areas[~outlying(areas)]
    shapes = shapely.from_wkb(areas["geometry_drawn"].map(bytes).to_numpy())
    if len(shapes) >= FIT_BULK_FROM:
        # The bulk of many areas, not their outliers: the nation's counties span the antimeridian (the
        # Aleutians) and the Pacific (Guam), whose full extent would centre the map on Africa.
        b = shapely.bounds(shapes)
        lon0, lat0 = np.nanquantile(b[:, 0], FIT_QUANTILE), np.nanquantile(b[:, 1], FIT_QUANTILE)
        lon1, lat1 = np.nanquantile(b[:, 2], 1 - FIT_QUANTILE), np.nanquantile(b[:, 3], 1 - FIT_QUANTILE)
    else:
        lon0, lat0, lon1, lat1 = shapely.total_bounds(shapes)
    mid_lat = (lat0 + lat1) / 2
    # Web Mercator: the world is 512 * 2**zoom pixels wide; latitude stretches by 1 / cos(latitude).
    span_lon = max(lon1 - lon0, 1e-4)
    span_lat = max((lat1 - lat0) / np.cos(np.radians(mid_lat)), 1e-4)
    usable = height - 140  # title and margins
    zoom = min(np.log2(width * 360 / (512 * span_lon)), np.log2(usable * 360 / (512 * span_lat))) - 0.1
    return {"lon": (lon0 + lon1) / 2, "lat": mid_lat}, float(np.clip(zoom, 2, 14))


def _wrap(title: str, width: int = 34) -> str:
    """A legend title in lines short enough to leave the map its room (Plotly does not wrap text)."""
    return "<br>".join(line for part in title.split("<br>") for line in textwrap.wrap(part, width) or [""])


def _subset(gj: dict, ids) -> dict:
    keep = set(ids)
    return {"type": "FeatureCollection", "features": [f for f in gj["features"] if f["id"] in keep]}


def _area_trace(
    part: pd.DataFrame, gj: dict, color: str, name: str, group: str, opacity: float = 0.95
) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=_subset(gj, part["area_id"]),
        locations=part["area_id"],
        z=[1] * len(part),
        colorscale=[[0, color], [1, color]],
        showscale=False,
        showlegend=True,
        name=name,
        legendgroup="areas",
        legendgrouptitle=dict(text=f"<b>{_wrap(group)}</b>"),
        marker=dict(line=dict(width=0.6, color="#ffffff"), opacity=opacity),
        customdata=part[["name", "shown", "pop"]].to_numpy(),
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        + _("Population %{customdata[2]}")
        + "<extra></extra>",
    )
