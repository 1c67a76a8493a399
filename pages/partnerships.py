"""Partnerships: who does what and decides what, and whether partners keep their commitments."""

import pandas as pd
import streamlit as st

from equity import charts, metrics, ui

fr = ui.frame()
as_of = fr.as_of

st.title("Partnerships: roles and commitments")
commitments = ui.query("commitments", as_of=as_of)
roles = ui.query("partner_roles")
if commitments.empty and roles.empty:
    st.info(
        "There is no partnership data yet. Add partners, their roles and their commitments to see them here "
        "(see “Loading your own data” in the README).",
        icon=":material/info:",
    )
    st.stop()

summary = metrics.commitment_summary(commitments)
when = f"as of {pd.Timestamp(as_of):%B %-d, %Y}"
overdue = commitments[commitments["overdue"]]
sentence = (
    f"{summary['done']} of {summary['total']} commitments are done; {summary['overdue']} are overdue {when}"
)
if len(overdue):
    oldest = overdue.iloc[0]
    sentence += f", the longest by {int(oldest.days_overdue)} days: “{oldest.description}” ({oldest.partner})"
ui.takeaway(sentence + ".")

c1, c2, c3, c4 = st.columns(4)
c1.metric("Done", summary["done"])
c2.metric("Overdue", summary["overdue"])
c3.metric("On the way, not yet due", summary["open"])
c4.metric("Dropped", summary["dropped"])

st.subheader("Commitments, overdue first")
status_words = {
    "done": "Done",
    "in_progress": "In progress",
    "not_started": "Not started",
    "dropped": "Dropped",
}
table = commitments.assign(
    State=[
        f"Overdue by {int(r.days_overdue)} days" if r.overdue else status_words.get(r.status, r.status)
        for r in commitments.itertuples()
    ]
)
st.dataframe(
    table[["State", "description", "partner", "program", "owner", "due_date", "completed_on"]].rename(
        columns={
            "description": "Commitment",
            "partner": "Partner",
            "program": "Program",
            "owner": "Owner",
            "due_date": "Due",
            "completed_on": "Completed",
        }
    ),
    hide_index=True,
    height=min(38 * (len(table) + 1) + 4, 520),
)
ui.download(commitments, "commitments")

by_partner = commitments.assign(
    kind=[("Overdue" if r.overdue else status_words[r.status]) for r in commitments.itertuples()]
)
counts = by_partner.groupby(["partner", "kind"]).size().unstack(fill_value=0)
fig = charts.go.Figure()
palette = {
    "Overdue": charts.BAD,
    "Not started": "#f0b37e",
    "In progress": "#6baed6",
    "Done": charts.GOOD,
    "Dropped": "#9aa0a6",
}
for kind, color in palette.items():
    if kind in counts:
        fig.add_trace(
            charts.go.Bar(y=counts.index, x=counts[kind], name=kind, orientation="h", marker_color=color)
        )
fig.update_layout(barmode="stack")
fig.update_xaxes(title="Commitments", dtick=1)
charts.base_layout(
    fig,
    "Commitments by partner",
    charts.source_line("Coalition commitment log", when),
    height=max(360, 130 + 34 * len(counts)),
)
ui.chart(fig, key="commitments_by_partner")

st.subheader("Who does what")
if roles.empty:
    st.info("No partner roles recorded yet.")
else:
    roles = roles.assign(program=roles["program"].str.replace(r"\s+", "<br>", n=2, regex=True))
    fig = charts.roles_grid(
        roles,
        title="Each partner's say in each program",
        subtitle=charts.source_line(
            "Coalition partnership agreements", when, "darker = more decision authority"
        ),
    )
    ui.chart(fig, key="roles")
    ui.download(ui.query("partner_roles"), "partner_roles")
