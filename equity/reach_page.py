"""Draws the Programs page's "Who are we reaching?" part (equity.views.reach): the one call pages/programs.py
makes, so the page stays thin and the part is in one place. Its choices are in the URL (``measure``, what
the people served are compared with; ``km``, the distance from a site)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from equity import reach_text, text, ui
from equity.i18n import _
from equity.safety import md
from equity.views import programs as programs_view
from equity.views import reach as reach_view


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _section(
    _fr, version, name, program, level, reach_year, region, year, ind_id, base, km, place, records, min_count,
    lang,
):  # fmt: skip
    """The section for one view; cached, as its maps take a moment to build (``lang``: its words'; the
    frame ``_fr`` is not hashed: ``version`` and ``ind_id`` say what of it is read)."""
    row = _fr.indicators.loc[ind_id]
    return reach_view.view(
        name,
        ui.query(
            "program_reach",
            program=program,
            level=level,
            reach_year=reach_year,
            ind=ind_id,
            year=year,
            region=region,
        ),
        ui.query("map_areas", level=level, region=region),
        ui.query("reach_groups", program=program, level=level, year=reach_year, region=region),
        ui.query("reach_group_population", level=level, year=year, region=region),
        ui.query("sites", region=region),
        program_id=program,
        base=base,
        km=float(km),
        ind_label=row.label,
        ind_unit=row.unit,
        higher_is_worse=bool(row.higher_is_worse),
        year=year,
        place=place,
        source=_fr.source(ind_id),
        records=records,
        min_count=min_count,
        level=level,
        reach_year=reach_year,
        area_shares=ui.query(
            "reach_area_shares", inds=reach_view.SHARE_IDS, level=level, year=year, region=region
        ),
    )


def draw(
    fr: ui.Frame,
    names: dict,
    current: str,
    level: str,
    reach_year: int,
    reach: pd.DataFrame,
    v: programs_view.ProgramsView,
) -> None:
    """The part for program ``current`` (a key of ``names``, program_id to name), whose reach is recorded
    by area at ``level`` and shown for ``reach_year`` (the page's year, or the program's latest);
    ``reach`` its people served beside the page's indicator (the query program_reach), ``v`` the page's
    view (its reach chart)."""
    s = fr.state

    def download(df: pd.DataFrame, chart: str, name: str | None = None, inds: list | None = None) -> None:
        """A chart's data as CSV and Excel under it, named for the program and the year of its reach."""
        ui.download(
            df, f"{name or chart}_{current}_{reach_year}", _(text.DOWNLOAD_CHART), chart=chart,
            records=v.records, inds=[s.ind] if inds is None else inds,
        )  # fmt: skip

    st.subheader(md(v.reach_heading))
    if v.no_reach:
        st.info(md(v.no_reach))
    else:
        ui.takeaway(v.reach_takeaway)
        ui.chart(v.reach_figure, key="reach")
        download(reach, "reach", name="program_reach")

    st.subheader(_(reach_text.HEADING))
    st.caption(_(reach_text.INTRO))
    years = reach_text.years_note(names[current], reach_year, s.year)
    if years:
        st.caption(md(years))
    held = reach_view.base_choices(
        ui.query("map_areas", level=level, region=s.region),
        ui.query("reach_group_population", level=level, year=s.year, region=s.region),
        ui.query("reach_area_shares", inds=reach_view.SHARE_IDS, level=level, year=s.year, region=s.region),
    )
    base = ui.checked("measure", list(held), default="population", instead=_(reach_text.BASE_INSTEAD))
    kms = reach_view.DISTANCES
    km = ui.checked("km", kms, default=reach_view.DEFAULT_KM, instead=reach_view.DEFAULT_KM)
    with st.spinner(_(text.DRAWING_MAP)):
        rv = _section(
            fr,
            fr.version,
            names[current],
            current,
            level,
            reach_year,
            s.region,
            s.year,
            s.ind,
            base,
            km,
            fr.region_name,
            v.records,
            fr.min_count,
            s.lang,
        )
    if rv.empty:
        st.info(md(rv.empty))
    else:
        if rv.not_held:
            st.caption(md(rv.not_held))
        if not s.present and len(rv.bases) > 1:
            with st.columns([2, 3])[0]:
                ui.url_widget(
                    st.selectbox,
                    "measure",
                    _(reach_text.BASE_LABEL),
                    list(rv.bases),
                    rv.base,
                    format_func=rv.bases.get,
                )
        ui.takeaway(rv.map_takeaway)
        ui.chart(rv.map_figure, key="reach_map")
        st.caption(md(reach_text.say(reach_text.MAP_KEY, level) + " " + rv.counted_note))
        download(rv.map_table, "reach_map")
        st.markdown("##### " + reach_text.say(reach_text.HIGH_NEED_HEADING, level))
        if rv.high_need_takeaway:
            ui.takeaway(rv.high_need_takeaway)
        st.dataframe(rv.high_need_table, hide_index=True)  # plain text; not among the scorecard's tables
        st.caption(md(rv.high_need_note))

        st.markdown("##### " + _(reach_text.GROUPS_HEADING))
        ui.takeaway(rv.groups_takeaway)
        if rv.groups_figure is not None:
            ui.chart(rv.groups_figure, key="reach_groups")
            st.caption(md(rv.groups_note))
            download(rv.groups_table, "reach_groups", inds=[])

        st.markdown("##### " + reach_text.say(reach_text.SITES_HEADING, level))
        if rv.no_sites:
            st.info(rv.no_sites)
        else:
            if not s.present:
                with st.columns([2, 3])[0]:
                    ui.url_widget(st.select_slider, "km", _(reach_text.DISTANCE_LABEL), kms, km)
            ui.takeaway(rv.sites_takeaway)
            ui.chart(rv.sites_figure, key="reach_sites")
            st.caption(reach_text.say(reach_text.SITES_METHOD, level))
            download(rv.sites_table, "reach_sites")

    # Where would more help most: the two views that answer it, on the pages that hold them.
    st.markdown("##### " + _(reach_text.NEXT_HEADING))
    pages = ui.pages()
    for page, extra, label, icon in (
        ("map", {"fp": "default", "chart": "footprint"}, reach_text.NEXT_FOOTPRINT, ":material/layers:"),
        ("disparities", {"chart": "excess"}, reach_text.NEXT_EXCESS, ":material/calculate:"),
    ):
        st.page_link(pages[page], label=_(label), icon=icon, query_params=s.params(extra=extra))
