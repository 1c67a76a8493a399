"""Draws the Map page's footprint mode (equity.views.footprint) with Streamlit: the indicator and
threshold controls, which write the URL's ``fp``, the map, and the footprint's profile beside it."""

from __future__ import annotations

import dataclasses
import math

import streamlit as st

from equity import footprint, maps, text, text_where, ui
from equity.i18n import _
from equity.safety import md
from equity.views import footprint as view


def offered(fr) -> list[str]:
    """The indicators with figures for the map's level in its year, in catalogue order."""
    s = fr.state
    return [i for i in fr.choices.indicators if s.year in fr.choices.years_of(i, s.level)]


def thresholds(fr, available: list[str]) -> list[footprint.Threshold]:
    """The URL's footprint, filled up to two indicators from the defaults, with its notices shown."""
    names = {i: fr.choices.indicators[i] for i in available}
    chosen, notices = footprint.parse(fr.state.extra.get("fp"), names)
    if not chosen:
        chosen = [footprint.Threshold(i, None) for i in footprint.default_indicators(available)]
    for i in footprint.default_indicators([a for a in available if a not in {t.ind for t in chosen}]):
        if len(chosen) >= footprint.MIN_INDICATORS:
            break
        notices.append(text_where.filled_up(names[i]))
        chosen.append(footprint.Threshold(i, None))
    for notice in notices:
        ui.notice_box(notice)
    return chosen


def _write(crit: list[view.Criterion], ind: str | None = None, value: float | None = None) -> dict:
    return {
        "fp": footprint.format_fp(
            [footprint.Threshold(c.ind, value if c.ind == ind else c.value) for c in crit]
        )
    }


def controls(fr, crit: list[view.Criterion], available: list[str]) -> None:
    def picked(inds: list[str]) -> dict:
        if not footprint.MIN_INDICATORS <= len(inds) <= footprint.MAX_INDICATORS:
            return {}  # the widget keeps what the URL says; the help says why
        kept = {c.ind: c.value for c in crit}
        return {"fp": footprint.format_fp([footprint.Threshold(i, kept.get(i)) for i in inds])}

    # Not ui.url_widget: its check of a value against the options is for one value, not a list.
    key = "url_fp_inds"
    if st.session_state.get(key) != [c.ind for c in crit]:
        st.session_state[key] = [c.ind for c in crit]
    columns = st.columns([2.2] + [1.4] * len(crit), gap="medium")  # one row: the map starts higher up
    columns[0].multiselect(
        _(text_where.FOOTPRINT_INDICATORS),
        available,
        key=key,
        on_change=lambda: ui.set_params(**picked(st.session_state[key])),
        format_func=fr.choices.indicators.get,
        max_selections=footprint.MAX_INDICATORS,
    )
    for column, c in zip(columns[1:], crit, strict=True):
        with column:
            ui.url_widget(
                st.slider,
                f"fp_{c.ind}",
                md(text_where.slider_label(c.label, c.higher_is_worse)),
                None,
                c.value,
                write=lambda v, ind=c.ind: _write(crit, ind, float(v)),
                min_value=c.low,
                max_value=c.high,
                step=c.step,
                format=f"%.{max(0, -int(math.floor(math.log10(c.step))))}f",
            )


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _map(version, level: str, region: str, year: int, resolved: str, lang: str, _fr):
    """The map of one footprint, cached like the Map page's own (a nation's counties take seconds), and
    by the language of its words."""
    chosen, _ = footprint.parse(resolved, dict(_fr.choices.indicators))
    inds = [t.ind for t in chosen]
    many = ui.query("map_values_many", inds=inds, year=year, level=level, region=region)
    crit, _ = view.criteria(chosen, many, _fr.indicators)
    return view.map_figure(
        ui.query("map_areas", level=level, region=region),
        many,
        crit,
        ui.query("sites", region=region),
        level=level,
        year=year,
        sources={i: _fr.indicators.loc[i, "source_name"] for i in inds},
    )


def draw(fr) -> None:
    s = fr.state
    available = offered(fr)
    if len(available) < footprint.MIN_INDICATORS:
        st.info(md(text_where.too_few_indicators(s.level, len(available))), icon=":material/info:")
        return
    chosen = thresholds(fr, available)
    inds = [t.ind for t in chosen]
    many = ui.query("map_values_many", inds=inds, year=s.year, level=s.level, region=s.region)
    crit, notices = view.criteria(chosen, many, fr.indicators)
    for notice in notices:
        ui.notice_box(notice)
    resolved = footprint.format_fp([footprint.Threshold(c.ind, c.value) for c in crit])
    if resolved != s.extra.get("fp"):  # the link says the thresholds shown, so it means this view later
        ui.set_params(fp=resolved)
        s = fr.state = dataclasses.replace(s, extra={**s.extra, "fp": resolved})
    areas = ui.query("map_areas", level=s.level, region=s.region)
    if areas.empty or len(crit) < footprint.MIN_INDICATORS:
        st.info(_(text.NO_AREAS) if areas.empty else md(text_where.too_few_indicators(s.level, len(crit))))
        return
    if not s.present:
        controls(fr, crit, available)
    stand_ids = footprint.standing(
        many, {c.ind: c.value for c in crit}, {c.ind: c.higher_is_worse for c in crit}
    )
    inside = stand_ids.loc[stand_ids["status"] == "in", "area_id"].tolist()
    groups = about = None
    counts = ui.query("footprint_group_counts", year=s.year, level=s.level, region=s.region)
    if len(counts):
        dims = counts[counts["group_dim"] == s.group] if (counts["group_dim"] == s.group).any() else counts
        first = dims.assign(mine=dims["indicator_id"].isin(inds)).sort_values(
            ["mine", "areas"], ascending=False
        )
        pick = first.iloc[0]
        groups = ui.query(
            "footprint_groups",
            areas=inside,
            ind=pick.indicator_id,
            year=s.year,
            group=pick.group_dim,
            level=s.level,
            region=s.region,
        )
        about = (text.group_dim_label(pick.group_dim).lower(), fr.indicators.loc[pick.indicator_id, "label"])
    sites = ui.query("sites", region=s.region)
    v = view.view(
        areas,
        many,
        crit,
        level=s.level,
        place=fr.region_name,
        year=s.year,
        sources={i: fr.indicators.loc[i, "source_name"] for i in inds},
        sites=sites,
        site_rows=ui.query("footprint_sites", areas=inside),
        reach=ui.query("footprint_reach", areas=inside),
        groups=groups,
        groups_about=about,
        has_programs=len(ui.query("programs")) > 0,
        with_map=False,
    )
    if areas["geometry_drawn"].notna().any():
        with st.spinner(_(text.DRAWING_MAP)):
            v.figure = _map(fr.version, s.level, s.region, s.year, resolved, s.lang, fr)
    ui.takeaway(v.takeaway, source=v.sources)
    left, right = st.columns([3, 2], gap="large")
    with left:
        if v.figure is not None:
            ui.chart(v.figure, key="footprint")
        st.caption(md(_(text_where.FOOTPRINT_METHOD) + maps.outlying_note(areas)))
    with right:
        st.subheader(_(text_where.FOOTPRINT_PROFILE))
        ui.cards(v.cards)
        st.markdown(
            "  \n".join(
                md(text_where.threshold_words(c.label, c.value, c.unit, c.higher_is_worse))
                for c in v.criteria
            )
        )
        st.markdown(f"**{_(text_where.FOOTPRINT_GROUPS)}**")
        if v.groups is not None:
            ui.table(v.groups)
        st.caption(md(v.groups_note))
        st.markdown(f"**{_(text_where.FOOTPRINT_SITES)}**")
        if len(v.sites):
            ui.table(v.sites)
        if v.sites_note:
            st.caption(md(v.sites_note))
        if len(v.reach):
            st.markdown(f"**{_(text_where.FOOTPRINT_REACH)}**")
            ui.table(v.reach)
            st.caption(md(v.reach_note))
    ui.download(
        v.table,
        f"footprint_{s.level}_{s.region}_{s.year}",
        _(text_where.DOWNLOAD_FOOTPRINT),
        chart="footprint" if v.figure is not None else None,
        title=v.title,
        inds=inds,
        method=_(text_where.FOOTPRINT_METHOD),
    )
