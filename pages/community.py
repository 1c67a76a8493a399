"""Community voice: what people told the coalition, and what was done about it ("you said, we did"); who
was heard against who lives here; how long what people said waits for an answer."""

import streamlit as st

from equity import text, ui, voice
from equity.i18n import _
from equity.safety import md
from equity.views import community as view

fr = ui.frame()
ui.title(_("Community voice: you said, we did"))
rows = ui.query("community_input")
if rows.empty:
    st.info(_(text.NO_COMMUNITY_INPUT), icon=":material/info:")
    ui.stop()

topic = ui.checked("topic", view.topics_raised(rows), instead=text.lower_first(_(text.ALL_TOPICS)))
v = view.view(rows, topic=topic, min_count=fr.min_count)

ui.takeaway(v.takeaway)
for column, (label, count) in zip(st.columns(len(v.counts)), v.counts, strict=True):
    column.metric(label, count)
ui.chart(v.figure, key="topics")

st.subheader(_("You said, we did"))
with st.columns([2, 3])[0]:
    ui.url_widget(
        st.selectbox,
        "topic",
        _("Topic"),
        [None, *v.topics],
        topic,
        format_func=lambda t: _(text.ALL_TOPICS) if t is None else t,
    )
# Every value in the board is escaped by view.board (equity.safety.html): what people said shows as typed.
st.markdown(view.board(rows, topic=topic, present=fr.state.present), unsafe_allow_html=True)
with st.expander(_(view.TABLE_FOLD)):
    st.dataframe(v.table, hide_index=True, height=v.table_height)
ui.download(rows, "community_voice", chart="topics", records=_(text.COMMUNITY_SOURCE))
st.caption(md(v.note))

st.subheader(_(voice.HEARD_HEADING))
h = view.heard_view(
    rows,
    ui.query("input_participants"),
    ui.query("population_by_group", region=next(iter(fr.choices.regions))),
    ui.query("community_waits"),
    dim=fr.state.extra.get("heard"),
    as_of=fr.as_of,
    min_count=fr.min_count,
)
if h.empty:
    st.info(md(h.empty), icon=":material/info:")
else:
    ui.checked("heard", h.dims, default=h.dim, instead=voice.dim_words(h.dim))  # a notice if it fell back
    ui.takeaway(h.takeaway)
    if len(h.dims) > 1:
        ui.url_widget(
            st.segmented_control, "heard", _(voice.HEARD_BY_LABEL), h.dims, h.dim, format_func=voice.dim_words
        )
    ui.chart(h.figure, key="heard")
    ui.download(h.data, f"who_was_heard_{h.dim}", chart="heard", records=_(text.COMMUNITY_SOURCE))
    ui.table(h.table)
st.caption(md(h.note))

st.subheader(_(voice.WAIT_HEADING))
if h.wait_takeaway:
    ui.takeaway(h.wait_takeaway)
    ui.cards(h.wait_cards)
st.caption(md(h.wait_note))
