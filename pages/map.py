"""Map: one indicator across neighbourhoods or counties, program sites on top; click an area to see it."""

import streamlit as st

from equity import charts, maps, text, ui

fr = ui.frame()
s = fr.state
ind = fr.indicator
level_word = "neighbourhood" if s.level == "tract" else "county"

st.title(f"{ind.label} by {level_word}, {s.year}")


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def map_figure(version, level, region, indicator, year, selected, region_name):
    """The map for one view; cached so reruns send byte-identical figures (Streamlit deduplicates them)."""
    meta = fr.indicators.loc[indicator]
    return maps.choropleth(
        ui.query("map_areas", level=level, region=region),
        ui.query("map_values", ind=indicator, year=year, level=level, region=region),
        ui.query("sites", region=region),
        label=f"{meta.label}<br>({text.UNIT_AXIS[meta.unit].lower()})",
        unit=meta.unit,
        higher_is_worse=bool(meta.higher_is_worse),
        selected=selected,
        title=charts.source_line(meta.source_name, year),
        subtitle=f"{region_name} · {text.MEASURE_WORDS[meta.measure_type]} · darker = greater need"
        " · click an area for its details",
        height=540,
    ).update_layout(title_font_size=15, margin_t=56)


areas = ui.query("map_areas", level=s.level, region=s.region)
values = ui.query("map_values", ind=s.ind, year=s.year, level=s.level, region=s.region)
named = values.merge(areas.drop(columns=["geometry_drawn"]), on="area_id", how="right")

selected = s.extra.get("area")
if selected and selected not in set(areas["area_id"]):
    st.warning(
        f"The link asked for the area “{selected[:40]}”, which is not on this map; "
        "showing no area selected instead.",
        icon=":material/link_off:",
    )
    selected = None

if areas.empty:
    st.info("There are no areas of this level in this region. Choose another region or level in the sidebar.")
    st.stop()

ui.takeaway(
    text.spread_takeaway(named, ind.label, ind.unit, bool(ind.higher_is_worse), s.year, fr.region_name)
)
with st.spinner("Drawing the map…"):
    fig = map_figure(fr.version, s.level, s.region, s.ind, s.year, selected, fr.region_name)
event = ui.chart(fig, key="map", on_select="rerun", selection_mode="points")
points = event.get("selection", {}).get("points", []) if event else []
clicked = next((p.get("location") for p in points if p.get("location")), None)
# A selection persists across reruns; act on each new click once.
if clicked and clicked != st.session_state.get("map_last_click"):
    st.session_state["map_last_click"] = clicked
    ui.set_params(area=clicked)
    st.rerun()
st.caption(
    "Darker areas have greater need; colours split the areas into five groups of equal size. Light grey "
    "areas have too few people counted to show a figure; dark grey areas have no data. Faded areas are "
    "unreliable estimates. Dots are program sites. Click an area to see its details."
)

left, right = st.columns([3, 2], gap="large")
with left:
    if selected:
        row = named[named["area_id"] == selected].iloc[0]
        st.subheader(row["name"])
        shown = text.value_with_flag(row.value, row.ci_low, row.ci_high, row.flag, ind.unit)
        st.markdown(f"**{ind.label}, {s.year}:** {shown}  \n**People living here:** {int(row.population):,}")
        profile = ui.query("area_profile", area=selected, region=s.region, year=s.year)
        profile["This area"] = [
            text.value_with_flag(r.value, None, None, r.flag, r.unit) for r in profile.itertuples()
        ]
        profile[fr.region_name] = [text.number(r.region_value, r.unit) for r in profile.itertuples()]
        st.dataframe(
            profile[["label", "This area", fr.region_name]].rename(columns={"label": "Indicator"}),
            hide_index=True,
        )
        if st.button("Clear the selection", icon=":material/close:"):
            ui.set_params(area="")
            st.rerun()
    else:
        st.subheader("Greatest need")
        top = text.worst_first(named.dropna(subset=["value"]), bool(ind.higher_is_worse)).head(6)
        for r in top.itertuples():
            st.markdown(
                f"**{r.name}** — {text.value_with_flag(r.value, r.ci_low, r.ci_high, r.flag, ind.unit)}"
            )
with right:
    st.subheader("About this map")
    st.markdown(
        f"{ind.description}  \n**Source:** {fr.source()}, {s.year}.  \n"
        "Ranges in brackets are 95% confidence intervals."
    )
    table = named.drop(columns=["centroid_lon", "centroid_lat"]).assign(indicator_id=s.ind, year=s.year)
    ui.download(table, f"map_{s.ind}_{s.level}_{s.region}_{s.year}", label="Download the map's data (CSV)")
