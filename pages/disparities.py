"""Disparities: one indicator by group with 95% intervals against a reference, and over time."""

import streamlit as st

from equity import i18n, metrics, state, text, text_where, ui
from equity.i18n import _
from equity.safety import md
from equity.views import disparities as view
from equity.views import excess as excess_view

fr = ui.frame()
s = fr.state
ind = fr.indicator

# An area inside the region (a county or tract, e.g. from the map) can be looked at on its own.
inside = ui.query("areas_in_region", region=s.region).set_index("area_id")
focus = ui.checked("area", {*inside.index, s.region}, default=s.region, place=fr.region_name)
place = fr.region_name if focus == s.region else inside.loc[focus, "name"]
level = fr.regions.loc[s.region, "level"] if focus == s.region else inside.loc[focus, "level"]

ui.title(text.disparities_title(ind.label, text.group_dim_label(s.group).lower()))
if focus != s.region:
    st.markdown(text.place_in(place, fr.region_name))
    if st.button(md(text.back_to(fr.region_name)), icon=":material/arrow_back:"):
        ui.set_params(area="")
        st.rerun()

series = ui.query("area_values", ind=s.ind, area=focus)


def excess_part(ex: excess_view.ExcessSection, key: str, name: str, quiet: bool = False) -> None:
    """Where would more help most: excess cases against the best stable rate (equity/views/excess.py);
    nothing at all where there is no estimate and ``quiet`` (another section says why)."""
    if quiet and ex.info:
        return
    st.subheader(ex.heading)
    if ex.info:
        st.info(md(ex.info), icon=":material/info:")
        return
    ui.takeaway(ex.takeaway, source=f"{ind.source_name}, {s.year}")
    ui.chart(ex.figure, key=key)
    ui.download(ex.table, name, _(text_where.DOWNLOAD_EXCESS), chart=key, method=ex.method)
    st.caption(md(" ".join(ex.notes)))


if not (series["group_dim"] != "all").any():
    # No groups to compare: compare the region's areas with each other, and along social vulnerability.
    with_groups = fr.indicators.loc[fr.indicators["has_groups"], "label"].tolist()
    elsewhere = bool(fr.indicators.loc[s.ind, "has_groups"]) and level != s.level
    st.info(md(text.no_groups(ind.label, with_groups, place, elsewhere, s.level)), icon=":material/info:")
    if elsewhere:  # the groups of its areas: where the gap between them is widest
        parts = ui.query("part_groups", ind=s.ind, year=s.year, group=s.group, level=s.level, region=focus)
        gaps = view.gaps_in_parts(
            parts,
            ind,
            group=s.group,
            level=s.level,
            dim_words=text.group_dim_label(s.group).lower(),
            year=s.year,
            source=ind.source_name,
        )
        if gaps.takeaway:
            ui.takeaway(gaps.takeaway, source=f"{ind.source_name}, {s.year}")
        if gaps.info:
            st.info(md(gaps.info))
        if gaps.figure is not None:
            ui.chart(gaps.figure, key="part_gaps", data=gaps.data)
        counts = ui.query(
            "excess_part_groups", ind=s.ind, year=s.year, group=s.group, level=s.level, region=focus
        )
        excess_part(
            excess_view.within_parts_section(counts, ind, level=s.level, place=place, year=s.year),
            "excess",
            f"excess_{s.ind}_{s.level}_{focus}_{s.year}",
            quiet=True,  # the areas' own section below says why there is none
        )
    areas = ui.query("map_values", ind=s.ind, year=s.year, level=s.level, region=s.region).merge(
        ui.query("map_areas", level=s.level, region=s.region).drop(columns=["geometry_drawn"]),
        on="area_id",
        how="right",
    )
    vulnerability = svi_year = None
    if metrics.VULNERABILITY in fr.indicators.index:
        svi_years = fr.choices.years_of(metrics.VULNERABILITY, s.level)
        if svi_years:
            svi_year = state.nearest_year(svi_years, s.year)
            vulnerability = ui.query(
                "map_values", ind=metrics.VULNERABILITY, year=svi_year, level=s.level, region=s.region
            )
    everyone = series[(series["year"] == s.year) & (series["group_dim"] == "all")]["value"]
    p = view.places_view(
        areas,
        vulnerability,
        ind,
        level=s.level,
        place=place,
        year=s.year,
        region_value=everyone.iloc[0] if len(everyone) else None,
    )
    if elsewhere and p.figure is None:  # too few figures for everyone: the gaps above say it all
        ui.download(parts.assign(indicator_id=s.ind), f"gaps_{s.ind}_{s.region}", chart="part_gaps")
        ui.stop()
    st.subheader(p.heading)
    standing = None
    parent = fr.regions.loc[s.region, "parent_id"] if fr.regions.loc[s.region, "level"] == "county" else None
    if isinstance(parent, str) and parent in fr.regions.index:  # a county among its state's counties
        peers = ui.query("map_values", ind=s.ind, year=s.year, level="county", region=parent)
        standing = metrics.peer_standing(peers, s.region, bool(ind.higher_is_worse))
        if standing:
            state_name = fr.regions.loc[parent, "name"]
            worse = bool(ind.higher_is_worse)
            peer = text.peer_words(place, state_name, "county", standing, ind.label, ind.unit, worse)
            ui.takeaway(peer, source=f"{ind.source_name}, {s.year}")
    if p.figure is not None or not standing:  # a county alone at county level: its standing says it all
        if p.takeaway:
            ui.takeaway(p.takeaway, source=f"{ind.source_name}, {s.year}")
        if p.figure is not None:
            ui.chart(p.figure, key="places_ranked")
        for line in (p.fifths, p.concentration, p.note):
            if line:
                st.markdown(md(line))
        if p.fifths:
            st.caption(md(text.vulnerability_caption(svi_year, s.year)))
    ui.download(
        areas.drop(columns=["centroid_lon", "centroid_lat"], errors="ignore").assign(indicator_id=s.ind),
        f"places_{s.ind}_{s.region}",
        chart="places_ranked",
    )
    names = dict(zip(areas["area_id"], areas["name"], strict=True))
    excess_part(
        excess_view.section(
            areas.rename(columns={"area_id": "label"}),
            ind,
            dim="area",
            place=place,
            year=s.year,
            indicators=fr.indicators,
            level=s.level,
            names=names,
        ),
        "excess_areas",
        f"excess_{s.ind}_{s.level}_{s.region}_{s.year}",
    )
    ui.stop()

ref_options = view.reference_options(series, s.year, s.group)
ref = ui.checked("ref", ref_options, default="best")
v = view.view(
    series,
    ui.query("place_groups", ind=s.ind, year=s.year, group=s.group, region=focus),
    ind,
    group=s.group,
    ref=ref,
    year=s.year,
    focus=focus,
    place=place,
    level=level,
    min_count=fr.min_count,
)
with st.columns([2, 3])[0]:
    ui.url_widget(
        st.selectbox,
        "ref",
        _(text.COMPARE_WITH),
        v.ref_options,
        ref,
        format_func=lambda r: v.ref_words.get(r) or i18n.group(r),
    )
ui.takeaway(v.takeaway, source=v.source)
ui.chart(v.groups, key="groups")
ui.download(
    series.assign(indicator_id=s.ind, area_id=focus),
    f"disparities_{s.ind}_{focus}",
    _(text.DOWNLOAD_GROUPS),
    chart="groups",
)

st.subheader(md(v.compared_heading))
ui.table(v.compared.reset_index())  # static, so long words wrap; escaped: group labels come from files
if v.summary:
    st.markdown(f"**{_(text.ACROSS_GROUPS)}** {md(v.summary)}")


def section(part: view.Section, key: str) -> None:
    if part.takeaway:
        ui.takeaway(part.takeaway, source=v.source)
    if part.info:
        st.info(md(part.info))
    if part.figure is not None:
        ui.chart(part.figure, key=key, data=part.data)


if v.shares:
    st.subheader(_(text.SHARES_HEADING))
    section(v.shares, "shares")
groups_now = series[(series["year"] == s.year) & (series["group_dim"] == s.group)]
everyone_now = series[(series["year"] == s.year) & (series["group_dim"] == "all")]["denominator"].dropna()
excess_part(
    excess_view.section(
        groups_now.rename(columns={"group_label": "label"}),
        ind,
        dim=s.group,
        place=place,
        year=s.year,
        everyone=float(everyone_now.iloc[0]) if len(everyone_now) else None,
        indicators=fr.indicators,
    ),
    "excess",
    f"excess_{s.ind}_{focus}_{s.year}",
)
st.subheader(_(text.OVER_TIME))
section(v.over_time, "trend")
st.subheader(_(text.OTHER_PLACES))
section(v.places, "places")
st.caption(md(v.caption))
