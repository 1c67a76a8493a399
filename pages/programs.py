"""Programs: the coalition's results scorecard, each program's scorecard and monthly results against its
targets, and whether reach follows need."""

import streamlit as st

from equity import lessons, text, ui
from equity.safety import md
from equity.views import programs as view

fr = ui.frame()
s = fr.state
ind = fr.indicator

st.title(text.PROGRAMS_TITLE)
programs = ui.query("programs")
if programs.empty:
    st.info(text.NO_PROGRAMS, icon=":material/info:")
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
st.subheader(text.COALITION_HEADING)
ui.table(v.coalition)
ui.download(
    v.coalition,
    "scorecard_all_programs",
    text.COALITION_DOWNLOAD,
    records=text.PROGRAM_RECORDS,
    title=text.COALITION_HEADING,
)

st.subheader(md(v.scorecard_heading))
with st.columns([2, 3])[0]:
    ui.url_widget(st.selectbox, "program", "Program", ids, current, format_func=names.get)
learned = int(ui.query("lessons")["program_id"].eq(current).sum())  # lessons from it: a link to them
if learned:
    st.page_link(ui.pages()["lessons"], label=md(lessons.program_link(learned)), icon=":material/lightbulb:",
                 query_params={**s.params(extra={}), "program": current})  # fmt: skip
st.markdown(v.intro)
ui.takeaway(v.headline)
for section in v.sections:
    st.markdown(f"#### {section.heading}")
    if section.table is None:
        st.caption(section.empty)
    else:
        ui.table(section.table)
st.caption(v.scorecard_note)

st.subheader(text.MONTHLY_HEADING)
if v.takeaway:
    st.markdown(md(v.takeaway))
for key, fig in v.figures:
    ui.chart(fig, key=key)
if v.figures:
    ui.download(
        v.results,
        f"program_results_{current}",
        text.DOWNLOAD_CHARTS,
        chart=v.figures[-1][0],  # under the last of them
        records=v.records,
        title=v.results_title,
    )

st.subheader(md(v.reach_heading))
if v.no_reach:
    st.info(md(v.no_reach))
else:
    ui.takeaway(v.reach_takeaway)
    ui.chart(v.reach_figure, key="reach")
    ui.download(reach, f"program_reach_{current}_{s.year}", chart="reach", records=v.records, inds=[s.ind])

st.subheader("All programs")
st.dataframe(v.table, hide_index=True)
