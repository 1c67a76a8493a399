"""Programs, one part at a time (equity.views.programs.PARTS): the coalition's and each program's results
scorecard and monthly results against its targets; did it work; and who it reaches, and where next."""

import streamlit as st

from equity import impact_page, lessons, reach_page, reach_text, text, ui
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
    ui.stop()

ids = programs["program_id"].tolist()
names = dict(zip(programs["program_id"], programs["name"], strict=True))
current = ui.checked("program", names, default=ids[0], instead=names[ids[0]])

with st.columns([2, 3])[0]:
    ui.url_widget(st.selectbox, "program", _("Program"), ids, current, format_func=names.get)
learned = int(ui.query("lessons")["program_id"].eq(current).sum())  # lessons from it: a link to them
if learned:
    st.page_link(ui.pages()["lessons"], label=md(lessons.program_link(learned)), icon=":material/lightbulb:",
                 query_params={**s.params(extra={}), "program": current})  # fmt: skip
part = ui.part(view.PARTS, view.CHART_PART)  # in the address; a chart's link opens its part

results = ui.query("program_results", program=current)
r = reach_view.program_reach(ui.query, current, s.ind, s.year, s.region)  # at its level, of its year
level, reach_year, reach = r.level, r.year, r.rows
if part == "impact":  # "Did it work?" (equity/impact_page.py), which needs none of the view below
    impact_page.draw(fr, programs, current, level, results)
else:
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
        level=level,
        reach_year=reach_year,
    )
if part == "reach":
    reach_page.draw(
        fr, names, current, level, reach_year, reach, v
    )  # "Who are we reaching?" (equity/reach_page.py)
elif part == "results":  # the coalition's scorecard, the program's, and its months against its targets
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

    st.subheader(_("All programs"))
    st.dataframe(v.table, hide_index=True)
