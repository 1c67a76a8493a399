"""The community voice page: what people told the coalition, and what was done ("you said, we did")."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from equity import charts, text

TABLE_COLUMNS = ["You said", "Topic", "Who", "People", "Heard", "Action", "Status"]


@dataclass
class CommunityView:
    takeaway: str
    counts: list[tuple[str, int]]  # headline counts: label, number
    topics: list[str]  # every topic raised, in order, for the topic filter
    topic: str | None  # the topic the table is narrowed to; None for all
    figure: go.Figure  # times each topic was raised
    table: pd.DataFrame  # "you said, we did", narrowed to ``topic``
    table_height: int  # pixels: every row up to a screenful
    note: str  # how withheld counts are shown


def topic_counts(inputs: pd.DataFrame) -> pd.DataFrame:
    """How many times each topic was raised, and how many times as the top priority."""
    return (
        inputs.groupby("topic")
        .agg(
            times_raised=("input_id", "count"), top_priority=("priority_rank", lambda r: int((r == 1).sum()))
        )
        .reset_index()
    )


def topics_raised(rows: pd.DataFrame) -> list[str]:
    """Every topic people raised, in alphabetical order: what the topic filter (``topic=``) offers."""
    return sorted(rows["topic"].dropna().unique())


def said_and_done(rows: pd.DataFrame, min_count: int) -> pd.DataFrame:
    """Each thing heard beside the action taken on it, in words; counts under the threshold withheld."""
    table = pd.DataFrame(
        {
            "You said": rows["summary"],
            "Topic": rows["topic"],
            "Who": [text.heard_from(r.group_dim, r.group_label, r.area) for r in rows.itertuples()],
            "People": [
                text.few(min_count) if r.few_participants else text.people(r.participants)
                for r in rows.itertuples()
            ],
            "Heard": [text.heard_how(r.method, r.collected_on) for r in rows.itertuples()],
            "Action": rows["action"].fillna(text.NO_ACTION),
            "Status": [text.action_status(s) for s in rows["action_status"]],
        },
        index=rows.index,
    )
    return table[TABLE_COLUMNS]


def view(rows: pd.DataFrame, *, topic: str | None, min_count: int) -> CommunityView:
    """What the page shows: ``rows`` is the query community_input (one row per input and action, not
    empty), ``topic`` the topic the table is narrowed to (a topic in the rows, or None for all)."""
    inputs = rows.drop_duplicates("input_id")
    answered = rows.dropna(subset=["action_id"])
    n_answered = answered["input_id"].nunique()
    done = answered[answered["action_status"] == "done"]["input_id"].nunique()
    topics = topic_counts(inputs)
    top = topics.sort_values(["times_raised", "top_priority"], ascending=False).iloc[0]
    topics["words"] = [text.times_raised(r.times_raised, r.top_priority) for r in topics.itertuples()]
    first, last = pd.Timestamp(inputs["collected_on"].min()), pd.Timestamp(inputs["collected_on"].max())
    figure = charts.ranked_bars(
        topics,
        x="times_raised",
        y="topic",
        hover="words",
        x_title=text.TIMES_RAISED,
        title=text.TOPICS_TITLE,
        subtitle=charts.source_line(text.COMMUNITY_SOURCE, f"{first:%Y}–{last:%Y}"),
    )
    table = said_and_done(rows, min_count)
    if topic is not None:
        table = table[rows["topic"] == topic]
    return CommunityView(
        takeaway=text.community_takeaway(top.topic, int(top.times_raised), len(inputs), n_answered, done),
        counts=[
            (text.COMMUNITY_COUNTS[0], len(inputs)),
            (text.COMMUNITY_COUNTS[1], n_answered),
            (text.COMMUNITY_COUNTS[2], len(inputs) - n_answered),
        ],
        topics=topics_raised(rows),
        topic=topic,
        figure=figure,
        table=table,
        table_height=min(38 * (len(table) + 1) + 4, 560),
        note=text.community_note(min_count),
    )
