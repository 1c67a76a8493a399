"""Overview: headline figures for the region and the widest gaps, each linking to its page."""

import streamlit as st

from equity import text, ui
from equity.i18n import _
from equity.safety import md
from equity.views import overview as view

fr = ui.frame()
s = fr.state
pages = ui.pages()

groups = ui.query("region_groups", region=s.region, year=s.year)
# Where the region has no figures by group but its areas do (a state file by race, seen nationally).
parts = (
    ui.query("part_groups", ind=s.ind, year=s.year, group=s.group, level=s.level, region=s.region)
    if fr.choices.groups and groups.empty
    else None
)
v = view.view(
    ind=fr.indicator,
    indicators=fr.indicators,
    region_name=fr.region_name,
    population=fr.regions.loc[s.region, "population"],
    year=s.year,
    region_series=ui.query("area_values", ind=s.ind, area=s.region),
    areas=ui.query("map_values", ind=s.ind, year=s.year, level=s.level, region=s.region),
    area_names=ui.query("map_areas", level=s.level, region=s.region).drop(columns=["geometry_drawn"]),
    groups=groups,
    commitments=ui.query("commitments", as_of=fr.as_of),
    level=s.level,
    has_groups=bool(fr.choices.groups),
    group_dims=tuple(fr.choices.groups),
    parts=parts,
    group=s.group,
)


def link(to: view.Link, icon: str) -> None:
    st.page_link(
        pages[to.page], label=md(to.label), icon=icon, query_params=s.params(**to.changes, extra=to.extra)
    )


ui.title(v.title)
if v.takeaway:
    ui.takeaway(v.takeaway, source=v.takeaway_source)
ui.cards(v.cards)

if v.gaps_heading:
    st.subheader(v.gaps_heading)
    if v.no_gaps:
        st.info(v.no_gaps)
    else:
        ui.chart(v.gaps_figure, key="overview_gaps", data=v.gaps_data)

# Two columns where there are gaps to look closer at; else the places of greatest need take the width.
left, right = st.columns(2, gap="large") if v.gap_links else (st.container(), st.container())
with left:
    if v.gap_links:
        st.markdown(f"**{_(text.LOOK_CLOSER)}**")
    for to in v.gap_links:
        link(to, ":material/bar_chart:")
    gaps = v.gaps if len(v.gaps) else v.gaps_data  # the widest gaps, or the gap in each of its areas
    if gaps is not None and len(gaps):
        ui.download(gaps, f"widest_gaps_{s.region}_{s.year}", _(text.DOWNLOAD_GAPS), chart="overview_gaps")
with right:
    st.markdown(f"**{md(v.need_heading)}**")
    if v.no_need:
        st.info(v.no_need)
    for to in v.need_links:
        link(to, ":material/location_on:")
    if v.overdue:
        link(view.Link(_(text.SEE_OVERDUE), "partnerships"), ":material/handshake:")
st.caption(md(v.caption))
