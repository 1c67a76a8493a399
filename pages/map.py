"""Map: one indicator across neighbourhoods, counties, ZIP code areas or places, program sites on top;
click an area to see it."""

import streamlit as st

from equity import maps, state, text, text_where, ui
from equity.i18n import _
from equity.safety import md
from equity.views import footprint_draw
from equity.views import map as view

fr = ui.frame()
s = fr.state


def need_of(ind: str, mix_text: str | None, weights_text: str | None) -> tuple[view.Need, list[str]]:
    """What the map shades, from the URL's ``ind``, ``mix`` and ``mixw``; and notices for what it dropped."""
    mix, notices = state.parse_mix(mix_text, fr.choices.indicators)
    weights, more = state.parse_weights(weights_text, view.domains(mix, fr.indicators))
    return view.Need(fr.indicators.loc[ind], mix, weights), notices + more


def shaded(level: str, region: str, year: int, need: view.Need):
    if not need.is_index:
        return ui.query("map_values", ind=need.ind.name, year=year, level=level, region=region)
    many = ui.query("map_values_many", inds=need.mix, year=year, level=level, region=region)
    return view.index_values(many, need.mix, need.weights, fr.indicators)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def map_figure(version, level, region, ind, year, selected, region_name, mix_text, weights_text, lang):
    """The map for one view; cached so reruns send byte-identical figures (Streamlit deduplicates them);
    ``lang`` keys the cache by the language its words are in."""
    need, _ = need_of(ind, mix_text, weights_text)
    return view.figure(
        ui.query("map_areas", level=level, region=region),  # maps.choropleth leaves out areas without shapes
        shaded(level, region, year, need),
        ui.query("sites", region=region),
        need,
        year=year,
        region_name=region_name,
        selected=selected,
    )


need, notices = need_of(s.ind, s.extra.get("mix"), s.extra.get("mixw"))
mix_text, weights_text = state.format_mix(need.mix), state.format_weights(need.weights)
if s.extra.get("fp"):
    ui.title(text_where.footprint_title(s.level, s.year))
else:
    ui.title(text.map_title(need.label, s.level, s.year))
for notice in notices:
    ui.notice_box(notice)

FOOTPRINT = text_where.FOOTPRINT_LABEL  # the option's value; format_func shows it translated
if not s.present:  # a meeting sees the prepared view, not the controls that make it
    ui.url_widget(
        st.segmented_control,
        "map_mode",
        _("Show"),
        [text.ONE_INDICATOR, text.INDEX_LABEL, FOOTPRINT],
        FOOTPRINT if s.extra.get("fp") else text.INDEX_LABEL if need.is_index else text.ONE_INDICATOR,
        write=lambda mode: {
            "mix": "default" if mode == text.INDEX_LABEL else "",
            "mixw": "",
            "fp": "default" if mode == FOOTPRINT else "",
        },
        format_func=_,
    )
if s.extra.get("fp"):  # the footprint: areas meeting thresholds on two or three indicators
    footprint_draw.draw(fr)
    ui.stop()
if need.is_index:
    with st.expander(text.index_contents(len(need.mix)), expanded=False):
        ui.url_widget(
            st.multiselect,
            "mix",
            _("Indicators"),
            list(fr.choices.indicators),
            need.mix,
            write=lambda picked: {"mix": state.format_mix(picked)} if picked else {},
            format_func=fr.choices.indicators.get,
        )
        domains = list(need.weights)

        def weights_now(_) -> dict:
            chosen = {d: st.session_state[f"url_w_{d}"] for d in domains}
            return {"mixw": state.format_weights(chosen)}

        for column, d in zip(st.columns(max(len(domains), 1)), domains, strict=False):
            with column:
                ui.url_widget(
                    st.number_input,
                    f"w_{d}",
                    md(text.index_weight_label(d)),
                    None,
                    need.weights[d],
                    write=weights_now,
                    min_value=0.0,
                    max_value=state.MAX_WEIGHT,
                    step=0.5,
                )
        st.caption(_(text.INDEX_METHOD))

drawn = ui.query("map_areas", level=s.level, region=s.region)
unshaped = int(drawn["geometry_drawn"].isna().sum())
areas = drawn.drop(columns=["geometry_drawn"])
selected = ui.checked("area", set(areas["area_id"]))
if areas.empty:
    if s.level in ("zcta", "custom") and fr.regions.loc[s.region, "level"] == "county":
        st.info(text.zip_and_places_in_states(s.level))
    else:
        st.info(_(text.NO_AREAS))
    ui.stop()

v = view.view(
    areas,
    shaded(s.level, s.region, s.year, need),
    need,
    indicators=fr.indicators,
    level=s.level,
    region=s.region,
    region_name=fr.region_name,
    year=s.year,
    selected=selected,
    profile=ui.query("area_profile", area=selected, region=s.region, year=s.year) if selected else None,
)
ui.takeaway(v.takeaway, source=v.source)
if unshaped:
    st.info(md(text.no_shapes(unshaped, len(areas), s.level)), icon=":material/info:")
event = None
if unshaped < len(areas):
    with st.spinner(_(text.DRAWING_MAP)):
        fig = map_figure(
            fr.version, s.level, s.region, s.ind, s.year, selected, fr.region_name, mix_text, weights_text,
            s.lang,
        )  # fmt: skip
    event = ui.chart(fig, key="map", on_select="rerun", selection_mode="points")
points = event.get("selection", {}).get("points", []) if event else []
clicked = next((p.get("location") for p in points if p.get("location")), None)
# A selection persists across reruns; act on each new click once.
if clicked and clicked != st.session_state.get("map_last_click"):
    st.session_state["map_last_click"] = clicked
    ui.set_params(area=clicked)
    st.rerun()
st.caption(_(text.MAP_KEY) + maps.outlying_note(areas))

left, right = st.columns([3, 2], gap="large")
with left:
    if v.selected:
        d = v.selected
        st.subheader(md(d.heading))
        st.markdown(f"**{md(d.label)}:** {md(d.value)}  \n**{text.people_here()}:** {d.people}")
        st.dataframe(d.profile, hide_index=True)
        st.page_link(
            ui.pages()["disparities"],
            label=md(d.link),
            icon=":material/bar_chart:",
            query_params=s.params(extra={"area": selected}),
        )
        if st.button(_(text.CLEAR_SELECTION), icon=":material/close:"):
            ui.set_params(area="")
            st.rerun()
    else:
        st.subheader(_(text.GREATEST_NEED))
        for name, shown in v.top:
            st.markdown(f"**{md(name)}** — " + md(shown))
with right:
    st.subheader(_(text.ABOUT_MAP))
    st.markdown("  \n".join(f"**{lead}** {md(line)}" if lead else md(line) for lead, line in v.about))
    ui.download(
        v.table,
        v.download_name,
        _(text.DOWNLOAD_MAP),
        chart="map",
        title=v.title,
        inds=v.indicator_ids,
        method=v.download_method,
    )
