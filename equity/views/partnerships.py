"""The partnerships page: whether partners keep their commitments, and who has what say in each program."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from equity import charts, metrics, text

TABLE_COLUMNS = ["State", "description", "partner", "program", "owner", "due_date", "completed_on"]


@dataclass
class PartnershipsView:
    summary: dict  # metrics.commitment_summary
    takeaway: str
    counts: list[tuple[str, int]]  # headline counts: label, number
    table: pd.DataFrame  # commitments as listed, overdue first
    table_height: int  # pixels: every row up to a screenful
    by_partner: go.Figure
    roles: go.Figure | None  # None where no roles are recorded
    no_roles: str | None


def commitments_table(commitments: pd.DataFrame) -> pd.DataFrame:
    """The commitments as the page lists them: each one's state in words, then what, who and when."""
    states = [text.commitment_state(r.status, r.overdue, r.days_overdue) for r in commitments.itertuples()]
    return commitments.assign(State=states)[TABLE_COLUMNS].rename(columns=text.COMMITMENT_COLUMNS)


def counts_by_partner(commitments: pd.DataFrame) -> pd.DataFrame:
    """How many commitments each partner has in each state (overdue apart), partners as the index."""
    kinds = [text.commitment_kind(r.status, r.overdue) for r in commitments.itertuples()]
    return commitments.assign(kind=kinds).groupby(["partner", "kind"]).size().unstack(fill_value=0)


def view(commitments: pd.DataFrame, roles: pd.DataFrame, *, as_of) -> PartnershipsView:
    """What the partnerships page shows: ``commitments`` and ``roles`` are the queries of those names,
    ``as_of`` the date commitments are judged on (Frame.as_of)."""
    summary = metrics.commitment_summary(commitments)
    when = text.as_of_words(as_of)
    overdue = commitments[commitments["overdue"]]
    oldest = None
    if len(overdue):
        first = overdue.iloc[0]  # the query lists the longest overdue first
        oldest = (first.days_overdue, first.description, first.partner)
    table = commitments_table(commitments)
    counts = counts_by_partner(commitments)
    by_partner = charts.commitments_by_partner(
        counts, title=text.COMMITMENTS_TITLE, subtitle=charts.source_line(text.COMMITMENT_LOG, when)
    )
    roles_fig = None
    if not roles.empty:
        # Long program names wrap over two or three lines above the grid.
        wrapped = roles.assign(program=roles["program"].str.replace(r"\s+", "<br>", n=2, regex=True))
        roles_fig = charts.roles_grid(
            wrapped,
            title=text.ROLES_TITLE,
            subtitle=charts.source_line(text.AGREEMENTS, when, text.ROLES_KEY),
        )
    return PartnershipsView(
        summary=summary,
        takeaway=text.commitments_takeaway(summary, when, oldest),
        counts=[(label, summary[key]) for label, key in text.COMMITMENT_COUNTS],
        table=table,
        table_height=min(38 * (len(table) + 1) + 4, 520),
        by_partner=by_partner,
        roles=roles_fig,
        no_roles=text.NO_ROLES if roles.empty else None,
    )
