"""The demo's coalition: partners, their roles and commitments; community input and the actions that
answer it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from equity.demo.scenario import (
    ACTIONS,
    AS_OF,
    COMMITMENTS,
    COUNTIES,
    MIN_OVERDUE,
    N_ACTIONS,
    N_INPUTS,
    OWNER_ROLES,
    PARTICIPANTS,
    PARTNER_ROLES,
    PARTNERS,
    TOPICS,
    VOICES,
)


def _random_date(rng: np.random.Generator, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def coalition_tables(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    partners = pd.DataFrame(PARTNERS, columns=["partner_id", "name", "kind"])
    roles = pd.DataFrame(PARTNER_ROLES, columns=["program_id", "partner_id", "role", "decision_authority"])
    return {"partners": partners, "partner_roles": roles, "commitments": _commitments(rng)}


def _commitments(rng: np.random.Generator) -> pd.DataFrame:
    """Promises with due dates over 2023–2026; most past-due ones are done (some late), a few overdue."""
    partner_kind = {p: kind for p, _, kind in PARTNERS}
    partner_name = {p: name for p, name, _ in PARTNERS}
    rows = []
    for k, (partner, program, description) in enumerate(COMMITMENTS, start=1):
        due = _random_date(rng, dt.date(2023, 1, 1), dt.date(2026, 12, 31))
        made = min(due - dt.timedelta(days=int(rng.integers(120, 720))), AS_OF - dt.timedelta(days=30))
        made = max(made, dt.date(2022, 1, 1))
        draw = rng.random()
        if due < AS_OF:
            status = (
                "done"
                if draw < 0.6
                else "in_progress"
                if draw < 0.8
                else "not_started"
                if draw < 0.9
                else "dropped"
            )
        else:
            status = "done" if draw < 0.15 else "in_progress" if draw < 0.65 else "not_started"
        completed = None
        if status == "done":  # finished up to three months early or late
            completed = min(due + dt.timedelta(days=int(rng.integers(-90, 90))), AS_OF)
            completed = max(completed, made + dt.timedelta(days=14))
        role = OWNER_ROLES[partner_kind[partner]][int(rng.integers(len(OWNER_ROLES[partner_kind[partner]])))]
        owner = f"{role}, {partner_name[partner]}"
        rows.append([f"c{k:02d}", partner, program, description, owner, made, due, status, completed])
    commitments = pd.DataFrame(
        rows,
        columns=[
            "commitment_id", "partner_id", "program_id", "description", "owner",
            "made_on", "due_date", "status", "completed_on",
        ],
    )  # fmt: skip
    # Always show some overdue promises: reopen the earliest-due finished ones if too few are late.
    overdue = (commitments["due_date"] < AS_OF) & commitments["status"].isin(["in_progress", "not_started"])
    missing = MIN_OVERDUE - int(overdue.sum())
    if missing > 0:
        done_past = commitments[(commitments["due_date"] < AS_OF) & (commitments["status"] == "done")]
        reopen = done_past.sort_values("due_date").index[:missing]
        commitments.loc[reopen, "status"] = "in_progress"
        commitments.loc[reopen, "completed_on"] = None
    return commitments


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
