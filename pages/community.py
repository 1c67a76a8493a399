"""Community voice: what people told the coalition, and what was done about it ("you said, we did")."""

import streamlit as st

from equity import text, ui
from equity.views import community as view

fr = ui.frame()
ui.title("Community voice: you said, we did")
rows = ui.query("community_input")
if rows.empty:
    st.info(text.NO_COMMUNITY_INPUT, icon=":material/info:")
    st.stop()

topic = ui.checked("topic", view.topics_raised(rows), instead=text.lower_first(text.ALL_TOPICS))
v = view.view(rows, topic=topic, min_count=fr.min_count)

ui.takeaway(v.takeaway)
for column, (label, count) in zip(st.columns(len(v.counts)), v.counts, strict=True):
    column.metric(label, count)
ui.chart(v.figure, key="topics")

st.subheader("You said, we did")
ui.url_widget(
    st.selectbox,
    "topic",
    "Topic",
    [None, *v.topics],
    topic,
    format_func=lambda t: text.ALL_TOPICS if t is None else t,
)
st.dataframe(v.table, hide_index=True, height=v.table_height)
ui.download(rows, "community_voice", chart="topics", records=text.COMMUNITY_SOURCE)
st.caption(v.note)
