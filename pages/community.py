"""Community voice: what people told the coalition, and what was done about it ("you said, we did")."""

import pandas as pd
import streamlit as st

from equity import charts, text, ui

fr = ui.frame()
st.title("Community voice: you said, we did")
rows = ui.query("community_input")
if rows.empty:
    st.info(
        "There is no community input yet. Add survey and focus group results and the actions taken to see "
        "them here (see “Loading your own data” in the README).",
        icon=":material/info:",
    )
    st.stop()

inputs = rows.drop_duplicates("input_id")
answered = rows.dropna(subset=["action_id"])
n_answered = answered["input_id"].nunique()
done = answered[answered["action_status"] == "done"]["input_id"].nunique()
topics = (
    inputs.groupby("topic")
    .agg(times_raised=("input_id", "count"), top_priority=("priority_rank", lambda r: int((r == 1).sum())))
    .reset_index()
)
top = topics.sort_values(["times_raised", "top_priority"], ascending=False).iloc[0]
ui.takeaway(
    f"People raised “{top.topic}” most often ({top.times_raised} times). Of {len(inputs)} things "
    f"people told us, {n_answered} have an action in answer and {done} of those are done."
)

c1, c2, c3 = st.columns(3)
c1.metric("Things people told us", len(inputs))
c2.metric("With an action in answer", n_answered)
c3.metric("Still waiting for an answer", len(inputs) - n_answered)

topics["words"] = [
    f"raised {r.times_raised} times, {r.top_priority} as the top priority" for r in topics.itertuples()
]
first, last = pd.Timestamp(inputs["collected_on"].min()), pd.Timestamp(inputs["collected_on"].max())
fig = charts.ranked_bars(
    topics,
    x="times_raised",
    y="topic",
    hover="words",
    x_title="Times raised",
    title="What people raised most",
    subtitle=charts.source_line(
        "Coalition surveys, focus groups and listening sessions", f"{first:%Y}–{last:%Y}"
    ),
)
ui.chart(fig, key="topics")

st.subheader("You said, we did")
method_words = {"survey": "Survey", "focus_group": "Focus group", "listening_session": "Listening session"}
status_words = {"done": "✓ Done", "in_progress": "In progress", "planned": "Planned"}
table = rows.assign(
    Heard=[
        f"{method_words.get(r.method, r.method)}, {pd.Timestamp(r.collected_on):%b %Y}"
        for r in rows.itertuples()
    ],
    Who=[f"{r.group_label if r.group_dim != 'all' else 'Everyone'}, {r.area}" for r in rows.itertuples()],
    People=[
        text.few(fr.min_count) if r.few_participants else f"{int(r.participants):,}"
        for r in rows.itertuples()
    ],
    Action=rows["action"].fillna("No action yet"),
    Status=[status_words.get(s, "—") if isinstance(s, str) else "Waiting" for s in rows["action_status"]],
)
topic = st.selectbox("Topic", ["All topics", *sorted(inputs["topic"].unique())])
if topic != "All topics":
    table = table[table["topic"] == topic]
st.dataframe(
    table[["summary", "topic", "Who", "People", "Heard", "Action", "Status"]].rename(
        columns={"summary": "You said", "topic": "Topic"}
    ),
    hide_index=True,
    height=min(38 * (len(table) + 1) + 4, 560),
)
ui.download(rows, "community_voice")
st.caption(
    f"Groups of {text.small_counts(fr.min_count)} people are shown as “{text.few(fr.min_count)}” so no one "
    "can be recognised. "
    f"{text.FLAG_TEXT['suppressed']} applies to counts the same way on every page."
)
