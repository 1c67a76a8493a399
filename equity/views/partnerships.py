"""The partnerships page: whether promises are kept, both ways (partners to the coalition, the coalition
and partners to the community, partners to each other), each one's history, who has what say in each
program, and what partners pooled. The rules are equity.accountability's; the words equity.text's."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from equity import accountability, charts, text
from equity.accountability import COALITION, OUTCOMES, PERIODS
from equity.i18n import N_, _
from equity.safety import md

__all__ = ["PERIODS", "PartnershipsView", "PooledView", "parties", "view"]

SHOWN = ("state", "description", "by", "to", "due", "completed_on")  # the on-screen list's columns
OVERDUE_SHOWN = ("state", "description", "by", "to", "due")


@dataclass
class PooledView:
    takeaway: str
    figure: go.Figure
    by_partner: pd.DataFrame  # for st.table: Markdown-escaped
    by_program: pd.DataFrame
    note: str


@dataclass
class PartnershipsView:
    takeaway: str | None  # None where no commitments are recorded
    directions: str
    cards: list[tuple[str, str, str]]  # label, value, note (ui.cards)
    overdue: pd.DataFrame | None  # for st.table (Markdown-escaped); None where nothing is overdue
    record: go.Figure | None
    record_data: pd.DataFrame | None  # what it draws, for its table (plain text)
    record_heading: str
    record_rule: str
    parties: dict[str | None, str]  # the record chart's choice: None for all, else a party's key
    party: str | None
    by: str
    no_record: str | None  # said instead of the chart where the chosen party has no commitments
    by_partner: go.Figure | None
    partner_table: pd.DataFrame | None  # for st.table
    partner_data: pd.DataFrame | None  # the same in plain text, for the chart's table
    table: pd.DataFrame  # every commitment, as the on-screen list shows it (st.table)
    show_all: str  # the label of the fold it sits in
    download: pd.DataFrame  # every commitment with what became of it, for the CSV
    choices: dict[str, str]  # commitment_id -> how the history's chooser lists it
    commitment: str | None
    history: pd.DataFrame | None  # When, What happened (st.table)
    no_commitments: str | None
    roles: go.Figure | None  # None where no roles are recorded
    no_roles: str | None
    pooled: PooledView | None
    no_pooled: str | None


def wrap(name: str, width: int = 11) -> str:
    """A program's name over as many lines of about ``width`` characters as it needs ('<br>' between)."""
    return "<br>".join(textwrap.wrap(str(name), width, break_long_words=False)) or str(name)


def parties(commitments: pd.DataFrame) -> dict[str, str]:
    """Who is accountable for at least one commitment, by key (a partner_id, or the coalition's key), in
    the order the record lists them: the URL's ``partner=`` choices."""
    if commitments.empty:
        return {}
    names = dict(zip(commitments["partner_id"].fillna(COALITION), commitments["partner"], strict=True))
    named = {k: text.promised_by(None if k == COALITION else names[k]) for k in names}
    return dict(sorted(named.items(), key=lambda kv: (kv[0] != COALITION, kv[1])))


def _words(judged: pd.DataFrame) -> pd.DataFrame:
    """Each commitment in words: what became of it, who promised, to whom, its due date and history."""
    return pd.DataFrame(
        {
            "state": [text.outcome_words(r.outcome, r.days, r.status) for r in judged.itertuples()],
            "description": judged["description"],
            "by": [text.promised_by(p) for p in judged["partner"]],
            "to": [text.promised_to(r.accountable_to, r.to_partner, r.answers) for r in judged.itertuples()],
            "due": [text.due_history(r.due_date, r.first_due, r.moves) for r in judged.itertuples()],
            "completed_on": [text.day(d) if pd.notna(d) else "" for d in judged["completed_on"]],
        },
        index=judged.index,
    )


def _escaped(df: pd.DataFrame) -> pd.DataFrame:
    """A frame for st.table, which renders Markdown: every cell shown as typed."""
    return df.map(lambda v: md(v) if isinstance(v, str) else v)


def _named(df: pd.DataFrame, columns) -> pd.DataFrame:
    return df[list(columns)].rename(columns=text.translated(text.COMMITMENT_COLUMNS))


def _cards(summary: dict) -> list[tuple[str, str, str]]:
    due = summary["fallen_due"]
    out = []
    for outcome in text.OUTCOME_CARDS:
        note = _("still to come") if outcome == "not_yet_due" else _("of {due} that fell due").format(due=due)
        out.append((text.outcome_label(outcome), f"{summary[outcome]:,}", note))
    if summary["kept_undated"]:
        undated = f"{summary['kept_undated']:,}"
        out.insert(3, (text.outcome_label("kept_undated"), undated, _("of {due}").format(due=due)))
    return out


def _outcomes_shown(record: pd.DataFrame) -> list[str]:
    """The outcomes a record's table shows: "kept, no date" only where a commitment has it."""
    return [o for o in OUTCOMES if o != "kept_undated" or record[o].any()]


def _partner_words(record: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Each party's record with its headings in words (plain text: ui.table and st.table escape it)."""
    table = record[[*_outcomes_shown(record), "moves"]].copy()
    table.insert(0, "party", [names[k] for k in table.index])
    table = table.rename(columns={**text.outcome_labels(), **text.translated(text.PARTNER_COLUMNS)})
    return table.reset_index(drop=True)


def _record_words(record: pd.DataFrame, by: str) -> pd.DataFrame:
    """The record over time as its chart draws it: a row for each period, a column for each outcome."""
    table = record[_outcomes_shown(record)].rename(columns=text.outcome_labels())
    return table.rename_axis(text.period_words(by).capitalize()).reset_index()


def _history(judged: pd.DataFrame, changes: pd.DataFrame, commitment: str, as_of) -> pd.DataFrame:
    row = judged[judged["commitment_id"] == commitment].iloc[0]
    events = accountability.timeline(row, changes, as_of)
    when, what = (_(c) for c in text.HISTORY_COLUMNS)
    return _escaped(
        pd.DataFrame({when: [text.day(e.on) for e in events], what: [text.event_words(e) for e in events]})
    )


def view(
    commitments: pd.DataFrame,
    changes: pd.DataFrame,
    roles: pd.DataFrame,
    contributions: pd.DataFrame,
    *,
    as_of,
    party: str | None = None,
    by: str = "year",
    commitment: str | None = None,
) -> PartnershipsView:
    """What the partnerships page shows. ``commitments``, ``changes`` (commitment_changes), ``roles``
    (partner_roles) and ``contributions`` are the queries of those names; ``as_of`` the date commitments
    are judged on (Frame.as_of); ``party`` the one whose record the chart shows (a key of ``parties``, or
    None for all), ``by`` 'year' or 'quarter', ``commitment`` the one whose history is shown (None: the
    one moved most)."""
    when = text.as_of_words(as_of)
    judged = accountability.judge(commitments, changes, as_of, by)
    summary = accountability.summary(judged)
    names = parties(commitments)
    words = _words(judged)
    takeaway = directions = None
    overdue = record_fig = record_data = by_partner = partner_data = partner_table = history = None
    no_record = None
    if len(judged):
        late = judged[judged["outcome"] == "overdue"]
        oldest = None
        if len(late):
            first = late.index[0]  # judge lists the longest overdue first
            oldest = (
                late.at[first, "days"],
                late.at[first, "description"],
                words.at[first, "by"],
                words.at[first, "to"],
            )
            overdue = _escaped(_named(words.loc[late.index], OVERDUE_SHOWN).reset_index(drop=True))
        takeaway = text.record_takeaway(summary, when, oldest)
        directions = text.directions_line(accountability.directions(judged))
        chosen = judged if party is None else judged[judged["party"] == party]
        subtitle = charts.source_line(_(text.COMMITMENT_LOG), when)
        if chosen.empty:
            no_record = text.no_record(names.get(party, str(party)))
        else:
            over_time = accountability.record(chosen, by)
            record_data = _record_words(over_time, by)
            record_fig = charts.record_bars(
                over_time,
                names=text.outcome_labels(),
                title=text.record_title(by, None if party is None else names[party]),
                subtitle=subtitle,
                axis_title="",  # the years speak for themselves; the rule below says which year counts
                value_title=_(text.COMMITMENTS_AXIS),
            )
        record = accountability.partner_record(judged)
        by_partner = charts.record_bars(
            record[list(OUTCOMES)].set_axis([names[k] for k in record.index]),
            names=text.outcome_labels(),
            title=_(text.PARTNER_RECORD_TITLE),
            subtitle=subtitle,
            axis_title="",
            value_title=_(text.COMMITMENTS_AXIS),
            horizontal=True,
        )
        partner_data = _partner_words(record, names)
        partner_table = _escaped(partner_data)
        if commitment is None:
            commitment = accountability.most_moved(judged)
        history = _history(judged, changes, commitment, as_of)
    table = _escaped(_named(words, SHOWN).reset_index(drop=True))
    download = judged.assign(
        what_became_of_it=words["state"], first_due=judged["first_due"].dt.date, due_history=words["due"]
    ).drop(columns=["party", "overdue", "days_overdue"], errors="ignore")
    roles_fig = None
    if not roles.empty:
        # Long program names wrap into short lines above the grid, so side by side they do not run together.
        wrapped = roles.assign(program=[wrap(name) for name in roles["program"]])
        roles_fig = charts.roles_grid(
            wrapped,
            title=_(text.ROLES_TITLE),
            subtitle=charts.source_line(_(text.AGREEMENTS), when, _(text.ROLES_KEY)),
        )
    return PartnershipsView(
        takeaway=takeaway,
        directions=directions or "",
        cards=_cards(summary) if len(judged) else [],
        overdue=overdue,
        record=record_fig,
        record_data=record_data,
        record_heading=text.record_heading(by),
        record_rule=text.record_rule(by),
        parties={None: _(text.ALL_PARTIES), **names},
        party=party,
        by=by,
        no_record=no_record,
        by_partner=by_partner,
        partner_table=partner_table,
        partner_data=partner_data,
        table=table,
        show_all=text.show_all(len(table)),
        download=download,
        choices={
            r.commitment_id: text.commitment_choice(r.description, w)
            for r, w in zip(judged.itertuples(), words["by"], strict=True)
        },
        commitment=commitment,
        history=history,
        no_commitments=_(text.NO_COMMITMENTS) if judged.empty else None,
        roles=roles_fig,
        no_roles=_(text.NO_ROLES) if roles.empty else None,
        pooled=pooled_view(contributions) if len(contributions) else None,
        no_pooled=_(text.NO_CONTRIBUTIONS) if contributions.empty else None,
    )


def pooled_totals(contributions: pd.DataFrame, by: str) -> pd.DataFrame:
    """Contributions added up per ``by`` (partner, program or year): dollars of each kind, all dollars,
    and staff hours apart; most dollars first (years in order)."""
    table = contributions.pivot_table(index=by, columns="kind", values="amount", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[*text.DOLLAR_KINDS, "staff_hours"], fill_value=0)
    table["dollars"] = table[list(text.DOLLAR_KINDS)].sum(axis=1)
    if by == "year":
        return table.sort_index()
    table["_name"] = table.index
    return table.sort_values(["dollars", "staff_hours", "_name"], ascending=[False, False, True]).drop(
        columns="_name"
    )


def _pooled_table(totals: pd.DataFrame, label: str) -> pd.DataFrame:
    out = pd.DataFrame({label: totals.index})
    for kind in text.DOLLAR_KINDS:
        if totals[kind].any():
            out[_(text.KIND_WORDS[kind])] = [text.money(v) for v in totals[kind]]
    out[_(text.POOLED_COLUMNS["dollars"])] = [text.money(v) for v in totals["dollars"]]
    if totals["staff_hours"].any():
        out[_(text.KIND_WORDS["staff_hours"])] = [text.hours(v) for v in totals["staff_hours"]]
    return _escaped(out)


def pooled_view(contributions: pd.DataFrame) -> PooledView:
    """What the partners pooled (``contributions``: the query of that name, not empty)."""
    years = pooled_totals(contributions, "year")
    partners = pooled_totals(contributions, "partner")
    span = text.year_span(contributions["year"])
    dollars = {k: float(years[k].sum()) for k in text.DOLLAR_KINDS}
    top = (str(partners.index[0]), float(partners["dollars"].iloc[0]))
    figure = charts.pooled_bars(
        years[list(text.DOLLAR_KINDS)],
        names=text.translated(text.KIND_WORDS),
        title=_(text.POOLED_TITLE),
        subtitle=charts.source_line(_(text.CONTRIBUTIONS_SOURCE), span),
        axis_title=_(text.POOLED_AXIS),
    )
    return PooledView(
        takeaway=text.pooled_takeaway(
            dollars, float(years["staff_hours"].sum()), span, contributions["partner_id"].nunique(), top
        ),
        figure=figure,
        by_partner=_pooled_table(partners, _(text.POOLED_COLUMNS["partner"])),
        by_program=_pooled_table(pooled_totals(contributions, "program"), _(text.POOLED_COLUMNS["program"])),
        note=_(text.POOLED_NOTE),
    )


# ---- the page's parts: one shown at a time, so that a meeting reads one part and the page draws only
# what it shows (the whole page was 16,000 pixels long at 1280 and drew 10 charts before the first
# appeared). The part is in the address (part=); a chart's link opens the part that holds it.
PARTS = {
    "promises": N_("Promises kept"),
    "roles": N_("Roles and resources"),
    "engagement": N_("Who takes part"),
    "health": N_("Health of the partnership"),
}
CHART_PART = {
    "record": "promises", "record_by_partner": "promises", "roles": "roles", "pooled": "roles",
    "engagement": "engagement", "attendance": "engagement", "capacity": "engagement",
    "successes": "engagement", "health_sections": "health", "health_network": "health",
}  # fmt: skip
