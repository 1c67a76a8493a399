"""Lessons learned: what the coalition tried, what happened and what it would do differently, searchable
and filterable, each lesson (or the lessons shown) downloadable as a short case study."""

import streamlit as st

from equity import lessons as rules
from equity import ui
from equity.i18n import _
from equity.safety import md
from equity.views import lessons as view

fr = ui.frame()
st.title(_(rules.TITLE))
rows = ui.query("lessons")
if rows.empty:
    st.info(md(_(rules.NO_LESSONS)), icon=":material/info:")
    ui.stop()

programs = dict(zip(rows["program_id"].dropna(), rows["program"].dropna(), strict=False))
program = ui.checked("program", list(programs), instead=_(rules.ALL_PROGRAMS).lower())
tag = ui.checked("tag", rules.all_tags(rows), instead=_(rules.ALL_TAGS).lower())
query = fr.state.extra.get("q")
v = view.view(
    rows, query=query, program=program, tag=tag, region=fr.meta.get("region_name", ""), made_on=fr.as_of,
    is_demo=fr.is_demo,
)  # fmt: skip

st.markdown(md(_(rules.INTRO)))
left, middle, right = st.columns([3, 2, 2])
with left:
    ui.url_widget(st.text_input, "q", _(rules.SEARCH_LABEL), None, query or "", help=_(rules.SEARCH_HELP))
with middle:
    ui.url_widget(
        st.selectbox, "program", _(rules.PROGRAM_LABEL), list(v.programs), program, format_func=v.programs.get
    )
with right:
    ui.url_widget(
        st.selectbox, "tag", _(rules.TAG_LABEL), [None, *v.tags], tag,
        format_func=lambda t: _(rules.ALL_TAGS) if t is None else t,
    )  # fmt: skip

st.markdown(md(v.summary))
if v.export is not None:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(_(rules.DOWNLOAD_ALL), width="content")
        st.download_button(_(rules.HTML_BUTTON), v.export.html, f"{v.export.name}.html", "text/html",
                           key="case_all_html", icon=":material/download:", on_click="ignore")  # fmt: skip
        st.download_button(_(rules.MD_BUTTON), v.export.markdown, f"{v.export.name}.md", "text/markdown",
                           key="case_all_md", icon=":material/download:", on_click="ignore")  # fmt: skip

st.markdown(view.CARD_CSS, unsafe_allow_html=True)
for lesson_id, card, one in v.cards:
    st.markdown(card, unsafe_allow_html=True)  # every value in it escaped by view.card
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(_(rules.DOWNLOAD_ONE), width="content")
        st.download_button(_(rules.HTML_BUTTON), one.html, f"{one.name}.html", "text/html",
                           key=f"case_{lesson_id}_html", icon=":material/download:", on_click="ignore",
                           type="tertiary")  # fmt: skip
        st.download_button(_(rules.MD_BUTTON), one.markdown, f"{one.name}.md", "text/markdown",
                           key=f"case_{lesson_id}_md", icon=":material/download:", on_click="ignore",
                           type="tertiary")  # fmt: skip
