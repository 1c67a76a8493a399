"""Partnerships: who does what and decides what, and whether partners keep their commitments."""

import streamlit as st

from equity import text, ui
from equity.views import partnerships as view

fr = ui.frame()

st.title("Partnerships: roles and commitments")
commitments = ui.query("commitments", as_of=fr.as_of)
roles = ui.query("partner_roles")
if commitments.empty and roles.empty:
    st.info(text.NO_PARTNERSHIPS, icon=":material/info:")
    st.stop()

v = view.view(commitments, roles, as_of=fr.as_of)
ui.takeaway(v.takeaway)
for column, (label, count) in zip(st.columns(len(v.counts)), v.counts, strict=True):
    column.metric(label, count)

st.subheader("Commitments, overdue first")
st.dataframe(v.table, hide_index=True, height=v.table_height)
ui.chart(v.by_partner, key="commitments_by_partner")
ui.download(commitments, "commitments", chart="commitments_by_partner", records=text.COMMITMENT_LOG)

st.subheader("Who does what")
if v.no_roles:
    st.info(v.no_roles)
else:
    ui.chart(v.roles, key="roles")
    ui.download(roles, "partner_roles", chart="roles", records=text.AGREEMENTS)
