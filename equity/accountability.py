"""Mutual accountability: what became of each commitment, the record partners make over time, and the
history of each promise. Pure functions of the commitments and commitment_changes queries; no Streamlit.

The rules, in one place for every page, download and test:

- A commitment's **first due date** is the earliest due date it was ever given: the earliest
  ``was_due_date`` in its history, or its due date where it never moved. Each change that records an
  earlier due date is a **move**.
- **Kept on time**: done, and completed on or before the first due date. **Kept late**: done after it, even
  where the due date was moved to allow it (the moves are shown beside it). **Kept, date not recorded**:
  done, with no completion date.
- **Overdue**: neither done nor dropped, and past its due date as it stands now, on the date commitments
  are judged (the same rule as the commitments query's ``overdue``, which the overview counts). A date
  moved later is a new promise: not overdue until that date passes, but never on time either.
- **Not yet due**: neither done nor dropped, and its due date not passed. **Dropped**: given up.
- **The record over time** counts commitments by the year (or quarter) they first fell due, so a promise
  moved from one year into the next still counts in the year it was first made for.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Every outcome, overdue first: the order of cards, chart segments, legends and table columns.
OUTCOMES = ("overdue", "dropped", "kept_late", "kept_undated", "kept_on_time", "not_yet_due")
OPEN = ("in_progress", "not_started")
PERIODS = ("year", "quarter")
COALITION = "coalition"  # the key of the coalition as a whole, where it is the one accountable


def _day(value) -> pd.Timestamp | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).normalize()


def first_due(commitments: pd.DataFrame, changes: pd.DataFrame) -> pd.Series:
    """Each commitment's first due date (indexed by commitment_id): its earliest due date ever."""
    due = pd.to_datetime(commitments.set_index("commitment_id")["due_date"])
    moved = changes.dropna(subset=["was_due_date"])
    if moved.empty:
        return due
    earliest = moved.sort_values("changed_on").groupby("commitment_id")["was_due_date"].first()
    return pd.to_datetime(earliest).reindex(due.index).fillna(due)


def moves(commitments: pd.DataFrame, changes: pd.DataFrame) -> pd.Series:
    """How many times each commitment's due date moved (indexed by commitment_id)."""
    counted = changes.dropna(subset=["was_due_date"]).groupby("commitment_id").size()
    return counted.reindex(commitments["commitment_id"], fill_value=0).astype(int)


def outcome(status: str, due_date, first: pd.Timestamp, completed_on, as_of) -> tuple[str, int | None]:
    """What became of one commitment, and by how many days (late, or overdue) where that applies."""
    if status == "dropped":
        return "dropped", None
    if status == "done":
        done = _day(completed_on)
        if done is None:
            return "kept_undated", None
        late = (done - _day(first)).days
        return ("kept_late", late) if late > 0 else ("kept_on_time", None)
    overdue = (_day(as_of) - _day(due_date)).days
    return ("overdue", overdue) if overdue > 0 else ("not_yet_due", None)


def period_of(day, by: str = "year") -> str:
    """The year ('2024') or quarter ('2024 Q3') a day falls in."""
    day = pd.Timestamp(day)
    return f"{day.year}" if by == "year" else f"{day.year} Q{day.quarter}"


def judge(commitments: pd.DataFrame, changes: pd.DataFrame, as_of, by: str = "year") -> pd.DataFrame:
    """The commitments with their first due date, moves, outcome, days (late or overdue), the period they
    first fell due in, and who is accountable (``party``: a partner_id, or COALITION), overdue first."""
    firsts = first_due(commitments, changes)
    out = commitments.assign(
        first_due=firsts.reindex(commitments["commitment_id"]).to_numpy(),
        moves=moves(commitments, changes).to_numpy(),
        party=commitments["partner_id"].fillna(COALITION),
    )
    judged = [outcome(r.status, r.due_date, r.first_due, r.completed_on, as_of) for r in out.itertuples()]
    out["outcome"] = [o for o, _ in judged]
    out["days"] = pd.array([d for _, d in judged], dtype="Int64")
    out["period"] = [period_of(d, by) for d in out["first_due"]]
    rank = {o: i for i, o in enumerate(OUTCOMES)}
    order = out.assign(
        _rank=out["outcome"].map(rank), _days=out["days"].fillna(0), _due=pd.to_datetime(out["due_date"])
    )
    order = order.sort_values(["_rank", "_days", "_due"], ascending=[True, False, True], kind="stable")
    return order.drop(columns=["_rank", "_days", "_due"]).reset_index(drop=True)


def summary(judged: pd.DataFrame) -> dict[str, int]:
    """How many commitments have each outcome (every outcome, zeros too), with 'fallen_due' (all but those
    not yet due) and 'total'."""
    counts = judged["outcome"].value_counts()
    out = {o: int(counts.get(o, 0)) for o in OUTCOMES}
    out["total"] = len(judged)
    out["fallen_due"] = out["total"] - out["not_yet_due"]
    return out


def periods_between(first, last, by: str = "year") -> list[str]:
    """Every year (or quarter) from the one ``first`` falls in to the one ``last`` does, in order."""
    freq = "Y" if by == "year" else "Q"
    return [
        period_of(p.start_time, by)
        for p in pd.period_range(pd.Timestamp(first), pd.Timestamp(last), freq=freq)
    ]


def record(judged: pd.DataFrame, by: str = "year") -> pd.DataFrame:
    """The record over time: for every period from the first to the last a commitment first fell due in
    (those with none too, so time reads evenly), how many have each outcome, as columns in OUTCOMES order.
    ``by`` is the period ``judge`` was given."""
    if judged.empty:
        return pd.DataFrame(columns=list(OUTCOMES), dtype=int)
    table = judged.groupby(["period", "outcome"]).size().unstack(fill_value=0)
    every = periods_between(judged["first_due"].min(), judged["first_due"].max(), by)
    return table.reindex(index=every, columns=list(OUTCOMES), fill_value=0).astype(int)


def partner_record(judged: pd.DataFrame) -> pd.DataFrame:
    """Each accountable party's record (indexed by ``party``): its outcomes in OUTCOMES order, its dates
    moved and its total; those with commitments overdue first (most first), then by dropped and late."""
    if judged.empty:
        return pd.DataFrame(columns=[*OUTCOMES, "moves", "total"], dtype=int)
    table = judged.groupby(["party", "outcome"]).size().unstack(fill_value=0)
    table = table.reindex(columns=list(OUTCOMES), fill_value=0).astype(int)
    table["moves"] = judged.groupby("party")["moves"].sum().reindex(table.index).astype(int)
    table["total"] = table[list(OUTCOMES)].sum(axis=1)
    table["_name"] = table.index
    table = table.sort_values(
        ["overdue", "dropped", "kept_late", "_name"], ascending=[False, False, False, True], kind="stable"
    )
    return table.drop(columns="_name")


def directions(judged: pd.DataFrame) -> dict[str, int]:
    """How many commitments run each way: partners to the coalition, the coalition itself to the community
    or a partner, partners to the community, and partners to each other."""
    own = judged["party"].eq(COALITION)
    to = judged["accountable_to"]
    return {
        "to_coalition": int((~own & to.eq("coalition")).sum()),
        "to_community": int(to.eq("community").sum()),
        "coalition_to_community": int((own & to.eq("community")).sum()),
        "between_partners": int((~own & to.eq("partner")).sum()),
        "coalition_to_partner": int((own & to.eq("partner")).sum()),
    }


@dataclass(frozen=True)
class Event:
    """One dated step in a commitment's history (equity.text.event_words puts it in words)."""

    on: pd.Timestamp
    kind: str  # made, moved, status, kept, overdue
    was: object = None  # the due date or status before
    now: object = None  # the due date or status after
    reason: str | None = None


def timeline(commitment, changes: pd.DataFrame, as_of) -> list[Event]:
    """A commitment's history, oldest first: when it was made and first due, each move of its due date
    and change of status (what it was before and after), when it was kept, and whether it is overdue now.

    ``commitment`` is one row of ``judge``; ``changes`` the commitment_changes rows (any commitment's).
    The value after a change is what the next change says it was, or the commitment's own value now.
    """
    own = changes[changes["commitment_id"] == commitment.commitment_id].sort_values("changed_on")
    events = [Event(_day(commitment.made_on), "made", now=_day(commitment.first_due))]
    due_rows = own.dropna(subset=["was_due_date"])
    dues = ([_day(d) for d in due_rows["was_due_date"]] + [_day(commitment.due_date)])[1:]
    for (_, row), after in zip(due_rows.iterrows(), dues, strict=True):
        events.append(
            Event(_day(row.changed_on), "moved", _day(row.was_due_date), after, _reason(row.reason))
        )
    status_rows = own.dropna(subset=["was_status"])
    statuses = (list(status_rows["was_status"]) + [commitment.status])[1:]
    kept_on = _day(commitment.completed_on) if commitment.outcome in ("kept_on_time", "kept_late") else None
    reason = None
    for (_, row), after in zip(status_rows.iterrows(), statuses, strict=True):
        if after == "done" and _day(row.changed_on) == kept_on:
            reason = _reason(row.reason)  # the day it was kept says it (below), with this change's reason
            continue
        events.append(Event(_day(row.changed_on), "status", row.was_status, after, _reason(row.reason)))
    if kept_on is not None:
        events.append(Event(kept_on, "kept", commitment.days, reason=reason))
    if commitment.outcome == "overdue":
        events.append(Event(_day(as_of), "overdue", commitment.days))
    order = {"made": 0, "moved": 1, "status": 2, "kept": 3, "overdue": 4}
    return sorted(events, key=lambda e: (e.on, order[e.kind]))


def _reason(value) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value).strip()


def most_moved(judged: pd.DataFrame) -> str | None:
    """The commitment whose history the page opens on: the one moved most (overdue ones first among
    equals), else the first listed."""
    if judged.empty:
        return None
    moved = judged[judged["moves"] == judged["moves"].max()]
    return str(moved["commitment_id"].iloc[0])


__all__ = [
    "COALITION",
    "OUTCOMES",
    "PERIODS",
    "Event",
    "directions",
    "first_due",
    "judge",
    "most_moved",
    "moves",
    "outcome",
    "partner_record",
    "period_of",
    "periods_between",
    "record",
    "summary",
    "timeline",
]
