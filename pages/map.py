"""Map: one indicator across neighbourhoods, counties, ZIP code areas or places, program sites on top;
click an area to see it."""

import streamlit as st

from equity import charts, maps, metrics, state, text, ui
from equity.safety import inert, md

fr = ui.frame()
s = fr.state
ind = fr.indicator
level_word = {"tract": "neighbourhood", "county": "county", "zcta": "ZIP code area", "custom": "area"}[
    s.level
]
INDEX_LABEL = "Combined need index"

title = st.empty()
mix, mix_notices = state.parse_mix(s.extra.get("mix"), fr.choices.indicators)
for notice in mix_notices:
    ui.notice_box(notice)
current_mode = INDEX_LABEL if mix else "One indicator"
# A meeting sees the prepared view, not the controls that make it.
mode = (
    current_mode
    if s.present
    else st.segmented_control(
        "Show", ["One indicator", INDEX_LABEL], default=current_mode, key=f"map_mode_{bool(mix)}"
    )
)
if (mode == INDEX_LABEL) != bool(mix):
    ui.set_params(mix="default" if mode == INDEX_LABEL else "", mixw="")
    st.rerun()

domains = sorted({str(fr.indicators.loc[i, "domain"]) for i in mix})
weights, weight_notices = state.parse_weights(s.extra.get("mixw"), domains)
for notice in weight_notices:
    ui.notice_box(notice)

if mix:
    title.title(f"{INDEX_LABEL} by {level_word}, {s.year}")
    with st.expander(f"What goes into the index ({len(mix)} indicators)", expanded=False):
        picked = st.multiselect(
            "Indicators",
            list(fr.choices.indicators),
            default=mix,
            format_func=fr.choices.indicators.get,
            key=f"mix_{state.format_mix(mix)}",
        )
        cols = st.columns(max(len(domains), 1))
        new_weights = {
            d: cols[i].number_input(
                md(f"Weight of {d.lower()}"),
                0.0,
                state.MAX_WEIGHT,
                weights[d],
                0.5,
                key=f"w_{d}_{weights[d]}",
            )
            for i, d in enumerate(domains)
        }
        st.caption(
            "Each indicator is ranked across the areas in view, ranks are summed within each domain and "
            "ranked again, and the domain sums (times their weights) are summed and ranked once more: the "
            "way CDC/ATSDR computes the Social Vulnerability Index. 0 is the least need, 1 the most."
        )
    if picked and (picked != mix or new_weights != weights):
        ui.set_params(mix=state.format_mix(picked), mixw=state.format_weights(new_weights))
        st.rerun()
else:
    title.title(md(f"{ind.label} by {level_word}, {s.year}"))


def view_values(level, region, year, indicator, mix_text, weights_text):
    """The values the map shades: one indicator's, or the need index over the indicators in ``mix``."""
    if not mix_text:
        return ui.query("map_values", ind=indicator, year=year, level=level, region=region)
    chosen, _ = state.parse_mix(mix_text, fr.choices.indicators)
    doms = sorted({str(fr.indicators.loc[i, "domain"]) for i in chosen})
    w, _ = state.parse_weights(weights_text, doms)
    many = ui.query("map_values_many", inds=chosen, year=year, level=level, region=region)
    return metrics.composite_need(many, fr.indicators.loc[chosen], w)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def map_figure(version, level, region, indicator, year, selected, region_name, mix_text, weights_text):
    """The map for one view; cached so reruns send byte-identical figures (Streamlit deduplicates them)."""
    values = view_values(level, region, year, indicator, mix_text, weights_text)
    if mix_text:
        label, unit, worse = f"{INDEX_LABEL}<br>(0 = least, 1 = most need)", "index", True
        title = f"Source: the indicators' own sources (see Data & methods) · {year}"
        what = "percentile rank of combined need"
    else:
        meta = fr.indicators.loc[indicator]
        measure = text.measure_words(meta.measure_type, meta.unit, short=True)
        label, unit, worse = (
            f"{meta.label}<br>({text.UNIT_AXIS[meta.unit].lower()}{', ' + measure if measure else ''})",
            meta.unit,
            meta.higher_is_worse,
        )
        title = charts.source_line(meta.source_name, year)
        what = (
            text.MEASURE_WORDS[meta.measure_type]
            if meta.unit in text.RATE_UNITS
            else text.UNIT_AXIS[meta.unit]
        )
    return maps.choropleth(
        ui.query("map_areas", level=level, region=region),
        values,
        ui.query("sites", region=region),
        label=label,
        unit=unit,
        higher_is_worse=bool(worse),
        selected=selected,
        title=title,
        subtitle=f"{region_name} · {what} · darker = greater need · click an area for its details",
        height=540,
    ).update_layout(title_font_size=15, margin_t=56)


mix_text, weights_text = state.format_mix(mix), state.format_weights(weights)
areas = ui.query("map_areas", level=s.level, region=s.region)
values = view_values(s.level, s.region, s.year, s.ind, mix_text, weights_text)
named = values.merge(areas.drop(columns=["geometry_drawn"]), on="area_id", how="right")
shown_label, shown_unit = (INDEX_LABEL, "index") if mix else (ind.label, ind.unit)

selected = s.extra.get("area")
if selected and selected not in set(areas["area_id"]):
    s = ui.fall_back(
        "area",
        None,
        f"The link asked for the area “{inert(selected)}”, which is not on this map; "
        "showing no area selected instead.",
    )
    selected = None

if areas.empty:
    if s.level in ("zcta", "custom") and fr.regions.loc[s.region, "level"] == "county":
        # They lie in a state, not inside one county, so only a state's map holds them.
        st.info(
            f"{ui.LEVEL_WORDS[s.level]} are shown for a whole state, not a county. Choose the state as the "
            "region in the sidebar."
        )
    else:
        st.info(
            "There are no areas of this level in this region. Choose another region or level in the sidebar."
        )
    st.stop()

if mix:
    top = text.worst_first(named.dropna(subset=["value"]), higher_is_worse=True).head(3)
    ui.takeaway(
        f"Combining {len(mix)} indicators, the greatest need in {s.year} is in "
        + ", ".join(top["name"])
        + "."
        if len(top)
        else "Too few areas have every chosen indicator to rank them; try fewer indicators or counties."
    )
else:
    ui.takeaway(
        text.spread_takeaway(named, ind.label, ind.unit, bool(ind.higher_is_worse), s.year, fr.region_name),
        source=f"{fr.source()}, {s.year}",
    )
with st.spinner("Drawing the map…"):
    fig = map_figure(
        fr.version, s.level, s.region, s.ind, s.year, selected, fr.region_name, mix_text, weights_text
    )
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
        st.subheader(md(row["name"]))
        shown = text.value_with_flag(row.value, row.ci_low, row.ci_high, row.flag, shown_unit)
        st.markdown(
            f"**{md(shown_label)}, {s.year}:** {md(shown)}  \n"
            f"**People living here:** {text.people(row.population)}"
        )
        profile = ui.query("area_profile", area=selected, region=s.region, year=s.year)
        profile["This area"] = [
            text.value_with_flag(r.value, None, None, r.flag, r.unit) for r in profile.itertuples()
        ]
        profile[fr.region_name] = [text.number(r.region_value, r.unit) for r in profile.itertuples()]
        st.dataframe(
            profile[["label", "This area", fr.region_name]].rename(columns={"label": "Indicator"}),
            hide_index=True,
        )
        pages = {p.url_path: p for p in st.session_state["_pages"]}
        st.page_link(
            pages["disparities"],
            label=md(f"Gaps between groups in {row['name']}"),
            icon=":material/bar_chart:",
            query_params=s.params(extra={"area": selected}),
        )
        if st.button("Clear the selection", icon=":material/close:"):
            ui.set_params(area="")
            st.rerun()
    else:
        st.subheader("Greatest need")
        worse = True if mix else bool(ind.higher_is_worse)
        top = text.worst_first(named.dropna(subset=["value"]), worse).head(6)
        for r in top.itertuples():
            st.markdown(
                f"**{md(r.name)}** — "
                + md(text.value_with_flag(r.value, r.ci_low, r.ci_high, r.flag, shown_unit))
            )
with right:
    st.subheader("About this map")
    if mix:
        parts = [f"{fr.choices.indicators[i]} ({fr.indicators.loc[i, 'source_name']})" for i in mix]
        st.markdown(
            "**In the index:** "
            + md(
                "; ".join(parts)
                + f", {s.year}. Weights: "
                + ", ".join(f"{d.lower()} {w:g}" for d, w in weights.items())
            )
            + "."
        )
        table = named.drop(columns=["centroid_lon", "centroid_lat"]).assign(index_of=mix_text, year=s.year)
        name = f"need_index_{s.level}_{s.region}_{s.year}"
    else:
        st.markdown(
            f"{md(ind.description)}  \n**Source:** {md(fr.source())}, {s.year}.  \n"
            "Ranges in brackets are 95% confidence intervals."
        )
        table = named.drop(columns=["centroid_lon", "centroid_lat"]).assign(indicator_id=s.ind, year=s.year)
        name = f"map_{s.ind}_{s.level}_{s.region}_{s.year}"
    ui.download(table, name, label="Download the map's data (CSV)")
