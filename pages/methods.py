"""Data & methods: where every number comes from, what it means, and the data behind each page."""

import streamlit as st

from equity import schema, text, ui
from equity.i18n import _
from equity.ingest import KINDS
from equity.safety import md
from equity.views import methods as view

fr = ui.frame()
s = fr.state
ind = fr.indicator

sources = ui.query("sources")
v = view.view(
    sources,
    ui.query("join_report"),
    fr.indicators,
    indicator=s.ind,
    levels=fr.choices.levels,
    is_demo=fr.is_demo,
    min_count=fr.min_count,
)

ui.title(_("Data & methods"))
if v.demo_note:
    st.markdown(v.demo_note)

st.subheader(_("Sources"))
for line in v.sources:
    st.markdown(line)
if v.loads:
    st.markdown("**" + _(text.WHAT_LOADS_BROUGHT) + "**")
    for line in v.loads:
        st.markdown(line)

st.subheader(_("Indicators and definitions"))
for heading, expanded, lines in v.domains:
    with st.expander(md(heading), expanded=expanded):
        for line in lines:
            st.markdown(line)

st.subheader(_("How to read the numbers"))
st.markdown(v.how_to_read)
st.subheader(_(view.PROGRAMS_HEADING))
st.markdown(v.programs)

if not s.present:  # downloads are for a desk, not a meeting's screen
    st.subheader(_("Download the data"))
    st.caption(_(text.DOWNLOADS_NOTE))
    ui.download(
        ui.query("indicator_download", ind=s.ind, region=s.region),
        f"indicator_{s.ind}_{s.region}",
        _("{what} (Map, Disparities, Overview):").format(
            what=md(text.indicator_download(ind.label, fr.region_name))
        ),
    )
    ui.download(
        ui.query("program_results_all"),
        "program_results_all",
        _("Program results (Programs):"),
        records=_(text.PROGRAM_RECORDS),
    )
    ui.download(
        ui.query("commitments", as_of=fr.as_of),
        "commitments_all",
        _("Commitments (Partnerships):"),
        records=_(text.COMMITMENT_LOG),
    )
    ui.download(
        ui.query("community_input"),
        "community_input_all",
        _("Community input and actions (Community voice):"),
        records=_(text.COMMUNITY_SOURCE),
    )
    ui.download(sources, "sources", _("Sources (this page):"), records=_(text.SOURCES_RECORDS))

st.subheader(_("Loading your own data"))
st.markdown(_(text.KINDS_INTRO))
st.table(view.kinds_table(KINDS))  # a static table wraps each line; a data grid would cut it off

if not s.present:  # templates are for a desk, not a meeting's screen
    st.subheader(_("Templates for your own data"))
    st.caption(md(v.templates_note))
    st.download_button(
        text.workbook_label(len(schema.ORG_TABLES)),
        ui.org_workbook(),
        file_name="organisation_tables.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="download_org_workbook",
        on_click="ignore",
    )
    for table, spec in schema.ORG_TABLES.items():
        ui.download(ui.query(f"org_template_{table}"), table, f"{spec.label}: {table}.csv", excel=False)
    st.markdown(_(text.LOADING_ORG))
