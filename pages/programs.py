"""Programs: the coalition's results scorecard, each program's scorecard and monthly results against its
targets, and whether reach follows need."""

import streamlit as st

from equity import impact_page, lessons, reach_text, text, ui
from equity.i18n import _
from equity.safety import md
from equity.views import programs as view
from equity.views import reach as reach_view

fr = ui.frame()
s = fr.state
ind = fr.indicator

ui.title(_(text.PROGRAMS_TITLE))
programs = ui.query("programs")
if programs.empty:
    st.info(_(text.NO_PROGRAMS), icon=":material/info:")
    st.subheader(_(reach_text.HEADING))
    st.info(_(reach_text.NO_PROGRAMS), icon=":material/info:")
    st.stop()

ids = programs["program_id"].tolist()
names = dict(zip(programs["program_id"], programs["name"], strict=True))
current = ui.checked("program", names, default=ids[0], instead=names[ids[0]])

results = ui.query("program_results", program=current)
reach = ui.query("program_reach", program=current, ind=s.ind, year=s.year, region=s.region)
v = view.view(
    programs,
    current,
    results,
    reach,
    all_results=ui.query("program_results_all"),
    ind_label=ind.label,
    ind_unit=ind.unit,
    measure_type=ind.measure_type,
    higher_is_worse=bool(ind.higher_is_worse),
    year=s.year,
    place=fr.region_name,
    source=fr.source(),
    min_count=fr.min_count,
)

ui.takeaway(v.coalition_takeaway)
st.subheader(_(text.COALITION_HEADING))
ui.table(v.coalition)
ui.download(
    v.coalition,
    "scorecard_all_programs",
    _(text.COALITION_DOWNLOAD),
    records=text.PROGRAM_RECORDS,
    title=_(text.COALITION_HEADING),
)

st.subheader(md(v.scorecard_heading))
with st.columns([2, 3])[0]:
    ui.url_widget(st.selectbox, "program", _("Program"), ids, current, format_func=names.get)
learned = int(ui.query("lessons")["program_id"].eq(current).sum())  # lessons from it: a link to them
if learned:
    st.page_link(ui.pages()["lessons"], label=md(lessons.program_link(learned)), icon=":material/lightbulb:",
                 query_params={**s.params(extra={}), "program": current})  # fmt: skip
st.markdown(v.intro)
ui.takeaway(v.headline)
for section in v.sections:
    st.markdown(f"#### {section.heading}")
    if section.table is None:
        st.caption(md(section.empty))
    else:
        ui.table(section.table)
st.caption(md(v.scorecard_note))

st.subheader(_(text.MONTHLY_HEADING))
if v.takeaway:
    st.markdown(md(v.takeaway))
for key, fig in v.figures:
    ui.chart(fig, key=key, data=v.figure_data[key])  # each with the months it draws
if v.figures:
    ui.download(
        v.results,
        f"program_results_{current}",
        _(text.DOWNLOAD_CHARTS),
        chart=v.figures[-1][0],  # under the last of them, all the program's months
        records=v.records,
        title=v.results_title,
    )

st.subheader(md(v.reach_heading))
if v.no_reach:
    st.info(md(v.no_reach))
else:
    ui.takeaway(v.reach_takeaway)
    ui.chart(v.reach_figure, key="reach")
    ui.download(
        reach,
        f"program_reach_{current}_{s.year}",
        _(text.DOWNLOAD_CHART),
        chart="reach",
        records=v.records,
        inds=[s.ind],
    )

impact_page.draw(fr, programs, current, results)  # "Did it work?" (equity/impact_page.py)


# Who are we reaching? (equity.views.reach)
@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def reach_section(version, program, region, year, ind_id, base, km, place, records, min_count, lang):
    """The section for one view; cached, as its maps take a moment to build (``lang``: its words')."""
    row = fr.indicators.loc[ind_id]
    return reach_view.view(
        names[program],
        ui.query("program_reach", program=program, ind=ind_id, year=year, region=region),
        ui.query("map_areas", level="tract", region=region),
        ui.query("reach_groups", program=program, year=year, region=region),
        ui.query("reach_group_population", year=year, region=region),
        ui.query("sites", region=region),
        program_id=program,
        base=base,
        km=float(km),
        ind_label=row.label,
        ind_unit=row.unit,
        higher_is_worse=bool(row.higher_is_worse),
        year=year,
        place=place,
        source=fr.source(ind_id),
        records=records,
        min_count=min_count,
        area_shares=ui.query("reach_area_shares", inds=reach_view.SHARE_IDS, year=year, region=region),
    )


st.subheader(_(reach_text.HEADING))
st.caption(_(reach_text.INTRO))
held = reach_view.base_choices(
    ui.query("map_areas", level="tract", region=s.region),
    ui.query("reach_group_population", year=s.year, region=s.region),
    ui.query("reach_area_shares", inds=reach_view.SHARE_IDS, year=s.year, region=s.region),
)
base = ui.checked("measure", list(held), default="population", instead=_(reach_text.BASE_INSTEAD))
kms = reach_view.DISTANCES
km = ui.checked("km", kms, default=reach_view.DEFAULT_KM, instead=reach_view.DEFAULT_KM)
with st.spinner(_(text.DRAWING_MAP)):
    rv = reach_section(
        fr.version,
        current,
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
    st.caption(md(_(reach_text.MAP_KEY) + " " + rv.counted_note))
    ui.download(
        rv.map_table,
        f"reach_map_{current}_{s.year}",
        _(text.DOWNLOAD_CHART),
        chart="reach_map",
        records=v.records,
        inds=[s.ind],
    )
    st.markdown("##### " + _(reach_text.HIGH_NEED_HEADING))
    if rv.high_need_takeaway:
        ui.takeaway(rv.high_need_takeaway)
    st.dataframe(rv.high_need_table, hide_index=True)  # plain text; not among the scorecard's tables
    st.caption(md(rv.high_need_note))

    st.markdown("##### " + _(reach_text.GROUPS_HEADING))
    ui.takeaway(rv.groups_takeaway)
    if rv.groups_figure is not None:
        ui.chart(rv.groups_figure, key="reach_groups")
        st.caption(md(rv.groups_note))
        ui.download(
            rv.groups_table,
            f"reach_groups_{current}_{s.year}",
            _(text.DOWNLOAD_CHART),
            chart="reach_groups",
            records=v.records,
            inds=[],
        )

    st.markdown("##### " + _(reach_text.SITES_HEADING))
    if rv.no_sites:
        st.info(rv.no_sites)
    else:
        if not s.present:
            with st.columns([2, 3])[0]:
                ui.url_widget(st.select_slider, "km", _(reach_text.DISTANCE_LABEL), kms, km)
        ui.takeaway(rv.sites_takeaway)
        ui.chart(rv.sites_figure, key="reach_sites")
        st.caption(_(reach_text.SITES_METHOD))
        ui.download(
            rv.sites_table,
            f"reach_sites_{current}_{s.year}",
            _(text.DOWNLOAD_CHART),
            chart="reach_sites",
            records=v.records,
            inds=[s.ind],
        )

st.subheader(_("All programs"))
st.dataframe(v.table, hide_index=True)
