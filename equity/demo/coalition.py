"""The demo's coalition: partners, their roles, commitments (with their history) and contributions;
community input and the actions that answer it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from equity.demo.scenario import (
    ACTIONS,
    AS_OF,
    COMMITMENTS,
    CONTRIBUTION_YEARS,
    CONTRIBUTIONS,
    COUNTIES,
    DROP_REASONS,
    MIN_OVERDUE,
    MOVE_REASONS,
    MOVED_SHARE,
    N_ACTIONS,
    N_INPUTS,
    OWNER_ROLES,
    PARTICIPANTS,
    PARTNER_ROLES,
    PARTNERS,
    STORY,
    TOPICS,
    VOICES,
)


def _random_date(rng: np.random.Generator, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))


COMMITMENT_COLUMNS = [
    "commitment_id", "partner_id", "program_id", "description", "owner", "made_on", "due_date", "status",
    "completed_on", "accountable_to", "to_partner_id",
]  # fmt: skip
CHANGE_COLUMNS = ["commitment_id", "changed_on", "was_due_date", "was_status", "reason"]
FIRST_DUE = dt.date(2023, 1, 1)  # the earliest a background commitment falls due, first promise included


def coalition_tables(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    partners = pd.DataFrame(PARTNERS, columns=["partner_id", "name", "kind"])
    roles = pd.DataFrame(PARTNER_ROLES, columns=["program_id", "partner_id", "role", "decision_authority"])
    background, background_changes = _commitments(rng)
    story, story_changes = _story()
    return {
        "partners": partners,
        "partner_roles": roles,
        "commitments": pd.concat([background, story], ignore_index=True),
        "commitment_changes": pd.concat([background_changes, story_changes], ignore_index=True),
        "contributions": _contributions(rng),
    }


def _commitments(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Promises to the coalition with due dates over 2023–2026; most past-due ones are done (some late), a
    few overdue, a quarter moved once; and their history."""
    partner_kind = {p: kind for p, _, kind in PARTNERS}
    partner_name = {p: name for p, name, _ in PARTNERS}
    rows = []
    for k, (partner, program, description) in enumerate(COMMITMENTS, start=1):
        due = _random_date(rng, FIRST_DUE, dt.date(2026, 12, 31))
        made = min(due - dt.timedelta(days=int(rng.integers(120, 720))), AS_OF - dt.timedelta(days=30))
        made = max(made, dt.date(2022, 1, 1))
        draw = rng.random()
        if due < AS_OF:
            status = (
                "done"
                if draw < 0.7
                else "in_progress"
                if draw < 0.82
                else "not_started"
                if draw < 0.9
                else "dropped"
            )
        else:
            status = "done" if draw < 0.15 else "in_progress" if draw < 0.65 else "not_started"
        completed = None
        if status == "done":  # finished up to three months early, or six weeks late
            completed = min(due + dt.timedelta(days=int(rng.integers(-90, 45))), AS_OF)
            completed = max(completed, made + dt.timedelta(days=14))
        role = OWNER_ROLES[partner_kind[partner]][int(rng.integers(len(OWNER_ROLES[partner_kind[partner]])))]
        owner = f"{role}, {partner_name[partner]}"
        rows.append(
            [
                f"c{k:02d}",
                partner,
                program,
                description,
                owner,
                made,
                due,
                status,
                completed,
                "coalition",
                None,
            ]
        )
    commitments = pd.DataFrame(rows, columns=COMMITMENT_COLUMNS)
    # Always show some overdue promises: reopen the earliest-due finished ones if too few are late.
    overdue = (commitments["due_date"] < AS_OF) & commitments["status"].isin(["in_progress", "not_started"])
    missing = MIN_OVERDUE - int(overdue.sum())
    if missing > 0:
        done_past = commitments[(commitments["due_date"] < AS_OF) & (commitments["status"] == "done")]
        reopen = done_past.sort_values("due_date").index[:missing]
        commitments.loc[reopen, "status"] = "in_progress"
        commitments.loc[reopen, "completed_on"] = None
    changes = [_drawn_history(rng, r) for r in commitments.itertuples()]
    return commitments, pd.concat(changes, ignore_index=True)


def _drawn_history(rng: np.random.Generator, c) -> pd.DataFrame:
    """A background commitment's history: sometimes a move of its due date, when work started, and the
    day it was kept or dropped."""
    moves, steps = [], []
    first = c.due_date
    if rng.random() < MOVED_SHARE:
        first = c.due_date - dt.timedelta(days=int(rng.integers(45, 150)))
        latest = min(first, AS_OF)
        soon = c.made_on + dt.timedelta(days=45)
        if first > max(soon, FIRST_DUE) and latest > c.made_on + dt.timedelta(days=15):
            moved_on = _random_date(rng, c.made_on + dt.timedelta(days=15), latest)
            moves.append((moved_on, c.due_date, MOVE_REASONS[int(rng.integers(len(MOVE_REASONS)))]))
        else:
            first = c.due_date
    end = min(d for d in (c.completed_on, c.due_date, AS_OF) if d is not None and not pd.isna(d))
    started = None
    if c.status != "not_started" and end > c.made_on + dt.timedelta(days=8):
        started = _random_date(
            rng, c.made_on + dt.timedelta(days=7), min(end, c.made_on + dt.timedelta(days=90))
        )
        steps.append((started, "in_progress", None))
    if c.status == "done" and started is not None:
        steps.append((c.completed_on, "done", None))
    if c.status == "dropped":
        dropped = _random_date(rng, (started or c.made_on) + dt.timedelta(days=1), AS_OF)
        steps.append((dropped, "dropped", DROP_REASONS[int(rng.integers(len(DROP_REASONS)))]))
    return _history(c.commitment_id, first, moves, steps)


def _history(commitment_id: str, first_due: dt.date, moves: list, steps: list) -> pd.DataFrame:
    """The commitment_changes rows for a history told forwards: ``moves`` are (day, new due date, reason),
    ``steps`` (day, new status, reason) from not started. Each row keeps what was true until its day; a
    move and a step on the same day share a row."""
    by_day: dict[dt.date, dict] = {}
    due = first_due
    for day, new_due, reason in sorted(moves):
        by_day.setdefault(day, {})
        by_day[day].update(was_due_date=due, reason=reason)
        due = new_due
    status = "not_started"
    for day, new_status, reason in sorted(steps, key=lambda s: s[0]):
        row = by_day.setdefault(day, {})
        row["was_status"] = status
        if reason:
            row["reason"] = "; ".join(r for r in (row.get("reason"), reason) if r)
        status = new_status
    rows = [
        [commitment_id, day, r.get("was_due_date"), r.get("was_status"), r.get("reason")]
        for day, r in sorted(by_day.items())
    ]
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _story() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The story's promises (scenario.STORY) as commitments as they stand now, and their history."""
    rows, changes = [], []
    for p in STORY:
        due = p.moves[-1][1] if p.moves else p.due
        completed = p.closed if p.status == "done" else None
        rows.append(
            [p.commitment_id, p.partner, p.program, p.description, p.owner, p.made, due, p.status, completed,
             p.to, p.to_partner]
        )  # fmt: skip
        steps = [(p.started, "in_progress", None)] if p.started else []
        if p.status in ("done", "dropped") and (p.started or p.status == "dropped"):
            steps.append((p.closed, p.status, p.reason))
        changes.append(_history(p.commitment_id, p.due, list(p.moves), steps))
    return pd.DataFrame(rows, columns=COMMITMENT_COLUMNS), pd.concat(changes, ignore_index=True)


def _contributions(rng: np.random.Generator) -> pd.DataFrame:
    """What each partner put in each year: its typical amount, give or take a fifth, in round figures."""
    rows = []
    for year in CONTRIBUTION_YEARS:
        for partner, program, kind, typical, description in CONTRIBUTIONS:
            step = 10 if kind == "staff_hours" else 1000
            amount = round(typical * rng.uniform(0.8, 1.2) / step) * step
            rows.append([partner, program, year, kind, float(amount), description])
    out = pd.DataFrame(rows, columns=["partner_id", "program_id", "year", "kind", "amount", "description"])
    out.insert(0, "contribution_id", [f"r{k:03d}" for k in range(1, len(out) + 1)])
    return out


def link_story(coalition: dict[str, pd.DataFrame], voices: dict[str, pd.DataFrame]) -> None:
    """The actions that make the story's promises to the community: each answers the latest input on its
    topic heard before the promise was made, and says how far the promise has come."""
    actions = voices["actions"]
    actions["commitment_id"] = None
    commitments = coalition["commitments"].set_index("commitment_id")
    added = []
    for p in STORY:
        if p.answers is None:
            continue
        inputs = voices["community_input"]
        heard = inputs[(inputs["topic"] == p.answers) & (inputs["collected_on"] <= p.made)]
        if heard.empty:  # no one happened to raise it before (another seed): a listening session did
            session = {
                "input_id": f"in{len(inputs) + 1:03d}", "method": "listening_session",
                "collected_on": p.made - dt.timedelta(days=45), "area_id": None, "group_dim": "all",
                "group_label": "All", "topic": p.answers, "priority_rank": 1, "participants": 24,
                "summary": TOPICS[p.answers][0],
            }  # fmt: skip
            voices["community_input"] = pd.concat([inputs, pd.DataFrame([session])], ignore_index=True)
            heard = voices["community_input"].iloc[[-1]]
        source = heard.sort_values("collected_on").iloc[-1]
        c = commitments.loc[p.commitment_id]
        status = {"done": "done", "in_progress": "in_progress"}.get(c["status"], "planned")
        updated = max(p.closed or p.started or p.made, source["collected_on"])
        added.append(
            [f"act{len(actions) + len(added) + 1:03d}", source["input_id"], p.partner, p.description, status,
             min(updated, AS_OF), p.commitment_id]
        )  # fmt: skip
    voices["actions"] = pd.concat([actions, pd.DataFrame(added, columns=actions.columns)], ignore_index=True)


def voice_tables(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Listening: sessions that each rank a few topics, and the actions partners took in answer."""
    topics = list(TOPICS)
    sessions = []
    total = 0
    while total < N_INPUTS:
        method = ["survey", "focus_group", "listening_session"][rng.choice(3, p=[0.4, 0.35, 0.25])]
        dim, label, favourite = VOICES[int(rng.integers(len(VOICES)))]
        weights = np.ones(len(topics))
        if favourite is not None:
            weights[topics.index(favourite)] = 5.0
        k = min(int(rng.integers(2, 5)), N_INPUTS - total)
        ranked = [
            topics[i] for i in rng.choice(len(topics), size=k, replace=False, p=weights / weights.sum())
        ]
        area = None if rng.random() < 0.2 else COUNTIES[int(rng.integers(len(COUNTIES)))][0]
        low, high = PARTICIPANTS[method]
        sessions.append(
            (
                _random_date(rng, dt.date(2022, 1, 15), dt.date(2025, 6, 15)),
                method,
                area,
                dim,
                label,
                int(rng.integers(low, high + 1)),
                ranked,
            )
        )
        total += k
    sessions.sort(key=lambda s: s[0])
    rows = []
    for collected, method, area, dim, label, participants, ranked in sessions:
        for rank, topic in enumerate(ranked, start=1):
            said = TOPICS[topic][int(rng.integers(len(TOPICS[topic])))]
            rows.append((collected, method, area, dim, label, topic, rank, participants, said))
    inputs = pd.DataFrame(
        rows,
        columns=[
            "collected_on", "method", "area_id", "group_dim", "group_label",
            "topic", "priority_rank", "participants", "summary",
        ],
    )  # fmt: skip
    inputs.insert(0, "input_id", [f"in{k:03d}" for k in range(1, len(inputs) + 1)])
    return {"community_input": inputs, "actions": _actions(rng, inputs)}


def _actions(rng: np.random.Generator, inputs: pd.DataFrame) -> pd.DataFrame:
    """Answers to the older, higher-priority input first; the most recent input mostly waits."""
    age_days = np.array([(AS_OF - d).days for d in inputs["collected_on"]])
    weight = (6 - inputs["priority_rank"].to_numpy()) * (0.2 + age_days / age_days.max())
    chosen = np.sort(rng.choice(len(inputs), size=N_ACTIONS, replace=False, p=weight / weight.sum()))
    rows = []
    for k, i in enumerate(chosen, start=1):
        topic, collected = inputs["topic"].iat[i], inputs["collected_on"].iat[i]
        description, partner = ACTIONS[topic][int(rng.integers(len(ACTIONS[topic])))]
        years_ago = age_days[i] / 365
        p_done = 0.7 if years_ago > 2 else 0.4 if years_ago > 1 else 0.1
        draw = rng.random()
        status = "done" if draw < p_done else "in_progress" if draw < p_done + 0.3 else "planned"
        updated = _random_date(rng, min(collected + dt.timedelta(days=30), AS_OF), AS_OF)
        rows.append((f"act{k:03d}", inputs["input_id"].iat[i], partner, description, status, updated))
    return pd.DataFrame(
        rows, columns=["action_id", "input_id", "partner_id", "description", "status", "updated_on"]
    )
