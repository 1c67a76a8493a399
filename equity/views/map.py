"""The map page: one indicator, or a combined need index, across the areas of one level in a region;
the areas of greatest need; and one area's profile when it is selected."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from equity import charts, maps, metrics, state, text
from equity.i18n import _


@dataclass
class Need:
    """What the map shades: one indicator, or the combined need index over ``mix`` with ``weights``."""

    ind: pd.Series  # the indicator chosen in the sidebar (a row of the catalogue)
    mix: list[str] = field(default_factory=list)  # the index's indicators; empty for one indicator
    weights: dict[str, float] = field(default_factory=dict)  # each domain's weight in the index

    @property
    def is_index(self) -> bool:
        return bool(self.mix)

    @property
    def label(self) -> str:
        return _(text.INDEX_LABEL) if self.mix else self.ind.label

    @property
    def unit(self) -> str:
        return "index" if self.mix else self.ind.unit

    @property
    def higher_is_worse(self) -> bool:
        return True if self.mix else bool(self.ind.higher_is_worse)


def domains(mix: list[str], indicators: pd.DataFrame) -> list[str]:
    """The domains of the indicators in the index, each weighted on its own."""
    return sorted({str(indicators.loc[i, "domain"]) for i in mix})


def index_values(many: pd.DataFrame, mix: list[str], weights: dict, indicators: pd.DataFrame) -> pd.DataFrame:
    """The need index of each area: ``many`` is the query map_values_many for the indicators in ``mix``."""
    return metrics.composite_need(many, indicators.loc[mix], weights)


def figure(
    areas: pd.DataFrame,
    values: pd.DataFrame,
    sites: pd.DataFrame,
    need: Need,
    *,
    year,
    region_name: str,
    selected: str | None,
    heading: str | None = None,
) -> go.Figure:
    """The choropleth of ``values`` over ``areas`` (map_areas with geometry), program ``sites`` on top.

    On the page, its heading says what the map is and the map's title names the source. ``heading`` is
    for a slide, which has no heading: the map's title, with the source and what the colours mean under
    it, and no invitation to click."""
    if need.is_index:
        label, title, what = _(text.INDEX_LEGEND), text.index_source(year), _(text.INDEX_WHAT)
    else:
        ind = need.ind
        label = f"{ind.label}<br>({text.unit_words(ind.unit, ind.measure_type)})"
        title = charts.source_line(ind.source_name, year)
        what = text.map_measure(ind.unit, ind.measure_type)
    return maps.choropleth(
        areas,
        values,
        sites,
        label=label,
        unit=need.unit,
        higher_is_worse=need.higher_is_worse,
        selected=selected,
        title=heading or title,
        subtitle=f"{title}<br>{text.map_subtitle(region_name, what, click=False)}"
        if heading
        else text.map_subtitle(region_name, what),
        height=540,
    ).update_layout(title_font_size=15, margin_t=80 if heading else 56)


@dataclass
class AreaDetail:
    heading: str  # plain text: the area's name
    label: str  # plain text: what the figure is, and its year
    value: str  # plain text: the figure, with its interval or flag
    people: str
    profile: pd.DataFrame  # every indicator in this area beside the region
    link: str  # plain text: to the area's gaps between groups


@dataclass
class MapView:
    title: str  # plain text
    takeaway: str
    source: str | None
    top: list[tuple[str, str]]  # the areas of greatest need: name, figure (plain text)
    selected: AreaDetail | None
    about: list[tuple[str, str]]  # lines of plain text, each after a bold lead ('' for none)
    table: pd.DataFrame  # the download
    download_name: str
    indicator_ids: list[str]  # the indicators behind the download, for its citation
    download_method: str | None = None  # how the download's figures were derived, where they were


def top_areas(named: pd.DataFrame, need: Need, n: int) -> pd.DataFrame:
    return text.worst_first(named.dropna(subset=["value"]), need.higher_is_worse).head(n)


def area_detail(row: pd.Series, need: Need, profile: pd.DataFrame, region_name: str, year) -> AreaDetail:
    """One selected area: its figure and population, and its profile (query area_profile)."""
    table = pd.DataFrame(
        {
            _("Indicator"): profile["label"],
            _("This area"): [
                text.value_with_flag(r.value, None, None, r.flag, r.unit) for r in profile.itertuples()
            ],
            region_name: [text.number(r.region_value, r.unit) for r in profile.itertuples()],
        }
    )
    return AreaDetail(
        heading=str(row["name"]),
        label=f"{need.label}, {year}",
        value=text.value_with_flag(row.value, row.ci_low, row.ci_high, row.flag, need.unit),
        people=text.people(row.population),
        profile=table,
        link=text.area_gaps_link(row["name"]),
    )


def view(
    areas: pd.DataFrame,
    values: pd.DataFrame,
    need: Need,
    *,
    indicators: pd.DataFrame,
    level: str,
    region: str,
    region_name: str,
    year,
    selected: str | None = None,
    profile: pd.DataFrame | None = None,
) -> MapView:
    """What the map page shows beside the map: ``areas`` is map_areas (geometry dropped), ``values`` the
    values shaded (map_values, or index_values), ``profile`` area_profile for the ``selected`` area."""
    named = values.merge(areas, on="area_id", how="right")
    if need.is_index:
        top = top_areas(named, need, 3)
        takeaway = text.index_takeaway(len(need.mix), year, list(top["name"]))
        source = None
        parts = [(indicators.loc[i, "label"], indicators.loc[i, "source_name"]) for i in need.mix]
        about = [(_(text.IN_THE_INDEX), text.index_about(parts, year, need.weights))]
        table = named.drop(columns=["centroid_lon", "centroid_lat"]).assign(
            index_of=state.format_mix(need.mix), year=year
        )
        name = f"need_index_{level}_{region}_{year}"
    else:
        ind = need.ind
        takeaway = text.spread_takeaway(
            named, ind.label, ind.unit, bool(ind.higher_is_worse), year, region_name, level
        )
        source = f"{ind.source_name}, {year}"
        about = [
            ("", ind.description),
            (_(text.SOURCE), f"{ind.source_name}, {year}."),
            ("", _(text.RANGES_ARE_CIS)),
        ]
        table = named.drop(columns=["centroid_lon", "centroid_lat"]).assign(indicator_id=ind.name, year=year)
        name = f"map_{ind.name}_{level}_{region}_{year}"
    detail = None
    if selected is not None and profile is not None:
        row = named[named["area_id"] == selected].iloc[0]
        detail = area_detail(row, need, profile, region_name, year)
    return MapView(
        title=text.map_title(need.label, level, year),
        takeaway=takeaway,
        source=source,
        top=[
            (r.name, text.value_with_flag(r.value, r.ci_low, r.ci_high, r.flag, need.unit))
            for r in top_areas(named, need, 6).itertuples()
        ],
        selected=detail,
        about=about,
        table=table,
        download_name=name,
        indicator_ids=list(need.mix) if need.is_index else [need.ind.name],
        download_method=_(text.INDEX_METHOD) if need.is_index else None,
    )
