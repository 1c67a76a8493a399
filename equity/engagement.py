"""Engagement (issue 12, sections 2 and 4): who took part in each stage of each program, whether bodies
meet as often as they agreed, which partners come, the capacity built in community partners, and the
milestones reached. Pure functions of the engagement queries, and every word the page says of them; no
Streamlit.

The rules, in one place for every page, download and test:

- **A count of community members or participants** is shown as a number only where it is zero ("none")
  or at least the database's small-count threshold; 1 to threshold − 1 reads "too few to show", and is
  already withheld by the published views the queries read (the count NULL, ``few_…`` true). A stage the
  program has no row for is "not recorded". A sum shows only counts that are shown: where some are
  withheld it says "at least" the sum of the others, so no withheld count can be worked out.
- **At the table from the start**: community members took part in the needs assessment. A program that
  brought them in first at planning did so before it began; at implementation or evaluation, **late**.
  A withheld count is some community members (1 or more): they took part.
- **A gap in the cadence**: a body whose last meeting was longer ago than one and a half times the
  interval it agreed (a monthly body with none for 46 days or more), judged on the database's as-of
  date; the same rule counts the gaps between its meetings. A month is 365.25 / 12 days.
- **Attendance**: of the meetings of each body held from the first a partner came to (on or after the
  day the cadence was agreed), the share it attended; a partner is not counted absent from meetings of
  bodies it never joined.
- **Successes**: the milestones recorded, plus what the other tables say without being told: each
  commitment kept (on the day it was done), the first month each measure met its target, each program's
  start.
"""

from __future__ import annotations

import math

import pandas as pd

from equity.i18n import N_, _, ngettext
from equity.safety import inert, md
from equity.text import NOT_RECORDED, TOO_FEW

# ---- words ---------------------------------------------------------------------------------------------

STAGES = ("needs_assessment", "planning", "implementation", "evaluation")
STAGE_WORDS = {
    "needs_assessment": N_("Needs assessment"),
    "planning": N_("Planning"),
    "implementation": N_("Implementation"),
    "evaluation": N_("Evaluation"),
}
NONE = N_("None")
WHO = ("community", "partners")  # what the stage chart counts: the URL's who=
WHO_WORDS = {"community": N_("Community members"), "partners": N_("Partners")}
TIMING = ("from_start", "planning", "late", "never")
TIMING_WORDS = {
    "from_start": N_("From the needs assessment"),
    "planning": N_("From planning"),
    "late": N_("Only once running"),
    "never": N_("Not at the table yet"),
}
ENGAGEMENT_HEADING = N_("Who was at the table, and when")
ENGAGEMENT_SOURCE = N_("Coalition engagement records")
NO_ENGAGEMENT = N_(
    "No engagement by stage recorded yet. Load the engagement_stages template (program_id, stage: "
    "needs_assessment, planning, implementation or evaluation, and how many community members took part) "
    "and engagement_partners (the partners in each stage) from the Data & methods page to see who was at "
    "the table, and when."
)
ENGAGEMENT_RULE = N_(
    "Community members are counted, never named. “Too few to show”: {small} took part (the number is "
    "withheld); “None”: no one; “Not recorded”: the stage has no record yet. Partners are organisations, "
    "counted in full."
)
WHO_LABEL = N_("Count who took part")

MEETINGS_HEADING = N_("Meeting as often as agreed")
MEETINGS_SOURCE = N_("Coalition meeting records")
NO_MEETINGS = N_(
    "No meetings recorded yet. Load the meeting_bodies template (each body, its kind: coalition, "
    "community or steering, and the cadence agreed), meetings and meeting_attendance from the Data & "
    "methods page to see whether each body meets as often as it agreed, and who comes."
)
KIND_WORDS = {
    "coalition": N_("Coalition"),
    "community": N_("Community"),
    "steering": N_("Steering committee"),
}
ALL_BODIES = N_("Every body")
CADENCE_DOWNLOAD = N_("Download the cadence table:")
CADENCE_TITLE = N_("Each body's agreed cadence, its last meeting and its gaps")
MEETINGS_DOWNLOAD = N_("Download the meetings record:")
MEETINGS_RECORD = N_(
    "The meetings record: each meeting, the partners and community members present, decisions"
)
BODY_LABEL = N_("Meetings of")
CADENCE_RULE = N_(
    "A gap: no meeting for more than one and a half times the agreed interval (46 days for a monthly "
    "body), judged {as_of}."
)
ATTENDANCE_HEADING = N_("Who comes: each partner's attendance")
ATTENDANCE_TITLE = N_("Share of meetings each partner attended")
ATTENDANCE_AXIS = N_("Share of meetings attended")
ATTENDANCE_RULE = N_(
    "Each partner is counted against the meetings of each body held from the first one it came to, so a "
    "partner is never counted absent from a body it never joined."
)

CAPACITY_HEADING = N_("Capacity built in community partners")
CAPACITY_SOURCE = N_("Coalition training records")
NO_TRAININGS = N_(
    "No trainings recorded yet. Load the trainings template (the community partner, topic, kind: "
    "training, coaching, technical_assistance or mentoring, date, participants and hours) from the Data & "
    "methods page to see the capacity the coalition builds."
)
TRAINING_KIND_WORDS = {
    "training": N_("Training"),
    "coaching": N_("Coaching"),
    "technical_assistance": N_("Technical assistance"),
    "mentoring": N_("Mentoring"),
}
CAPACITY_TITLE = N_("Hours of training and support each community partner received")
CAPACITY_AXIS = N_("Hours")

SUCCESS_HEADING = N_("Successes to celebrate")
SUCCESS_SOURCE = N_("Coalition milestones, commitments and program reports")
NO_SUCCESSES = N_(
    "No successes to show yet. Load the milestones template (date, kind, title) from the Data & methods "
    "page; commitments kept, targets met and programs started are added from their own tables."
)
SUCCESS_KINDS = (
    "target_met",
    "commitment_kept",
    "site_opened",
    "program_launched",
    "funding_secured",
    "other",
)
SUCCESS_WORDS = {
    "target_met": N_("Target met"),
    "commitment_kept": N_("Commitment kept"),
    "site_opened": N_("Site opened"),
    "program_launched": N_("Program started"),
    "funding_secured": N_("Funding secured"),
    "other": N_("Other milestone"),
}
SUCCESS_PLURAL = {
    "target_met": N_("targets met for the first time"),
    "commitment_kept": N_("commitments kept"),
    "site_opened": N_("sites opened"),
    "program_launched": N_("programs started"),
    "funding_secured": N_("funding agreements secured"),
    "other": N_("other milestones"),
}
ALL_YEARS = N_("Every year")
YEAR_LABEL = N_("Year")
SUCCESS_TITLE = N_("Successes, year by year")
SUCCESS_FROM = {
    "recorded": N_("Recorded milestone"),
    "commitments": N_("Commitments record"),
    "results": N_("Program results"),
    "programs": N_("Programs"),
}


def meetings_fold(body: str, n: int) -> str:
    """The label of the fold holding the meetings record (Markdown: the body's name escaped)."""
    name = _(ALL_BODIES).lower() if body in (ALL_BODIES, _(ALL_BODIES)) else md(inert(body, 80))
    return ngettext(
        "The meetings record, {name} ({n} meeting)", "The meetings record, {name} ({n} meetings)", n
    ).format(name=name, n=f"{n:,}")


def count_cell(value, few: bool, recorded: bool = True) -> str:
    """One count of people as a cell says it: the number, 'None' (zero), 'Too few to show', or 'Not
    recorded' (no row, or no count given)."""
    if not recorded:
        return _(NOT_RECORDED)
    if few:
        return _(TOO_FEW)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return _(NOT_RECORDED)
    return _(NONE) if int(value) == 0 else f"{int(value):,}"


def at_least(values: pd.Series, few: pd.Series) -> str:
    """A sum of counts of people of which some may be withheld: the sum ('48'), 'at least 48' where some
    are withheld, 'Too few to show' where all that are not zero are, 'None' for zero."""
    shown = pd.to_numeric(values, errors="coerce").fillna(0)
    total, hidden = int(shown[~few.astype(bool)].sum()), bool(few.astype(bool).any())
    if hidden:
        return _("at least {n}").format(n=f"{total:,}") if total else _(TOO_FEW)
    return _(NONE) if total == 0 else f"{total:,}"


def month_year(value) -> str:
    from equity import i18n

    stamp = pd.Timestamp(value)
    return f"{stamp:%B %Y}" if i18n.lang() == "en" else i18n.date(stamp.date(), "MMMM 'de' y")


def long_day(value) -> str:
    """'March 1, 2025' / '1 de marzo de 2025'."""
    from equity import i18n

    stamp = pd.Timestamp(value)
    return f"{stamp:%B %-d, %Y}" if i18n.lang() == "en" else i18n.date(stamp.date(), "long")


def as_of_words(as_of) -> str:
    return _("as of {date}").format(date=long_day(as_of))


def words(table: dict) -> dict:
    """A table of marked words (N_), each in this run's language."""
    return {k: _(v) for k, v in table.items()}


def _and(items: list[str]) -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


# ---- who took part in each stage ---------------------------------------------------------------------------


def stage_table(stages: pd.DataFrame) -> pd.DataFrame:
    """Every program (rows, in the query's order) by stage (columns): each stage's record as
    ``(members, few, partners, recorded)``, for the grid, its download and the timing."""
    programs = list(dict.fromkeys(stages["program"]))
    cells = {p: {s: (None, False, 0, False) for s in STAGES} for p in programs}
    for r in stages.dropna(subset=["stage"]).itertuples():
        members = None if pd.isna(r.community_members) else int(r.community_members)
        cells[r.program][r.stage] = (members, bool(r.few_members), int(r.partners), True)
    table = pd.DataFrame.from_dict(cells, orient="index")[list(STAGES)]
    # Those at the table from the start first, those that brought the community in late after.
    rank = [TIMING.index(timing(table.loc[p])) for p in table.index]
    return table.iloc[sorted(range(len(table)), key=lambda i: rank[i])]


def took_part(cell) -> bool:
    """Whether community members took part in a stage: counted above zero, or withheld (1 or more)."""
    members, few, _, recorded = cell
    return recorded and (few or (members or 0) > 0)


def timing(row: pd.Series) -> str:
    """When a program brought community members to the table (TIMING)."""
    for stage in STAGES:
        if took_part(row[stage]):
            return {"needs_assessment": "from_start", "planning": "planning"}.get(stage, "late")
    return "never"


def stage_cells(table: pd.DataFrame, who: str) -> pd.DataFrame:
    """The grid's words: community members (count_cell) or partners (a count, 'None', 'Not recorded')."""
    if who == "community":
        return table.map(lambda c: count_cell(c[0], c[1], c[3]))
    return table.map(lambda c: _(NOT_RECORDED) if not c[3] else (_(NONE) if c[2] == 0 else str(c[2])))


def stage_takeaway(table: pd.DataFrame) -> str:
    """Which programs had the community at the table from the start, and which brought it in late."""
    when = {p: timing(table.loc[p]) for p in table.index}
    groups = {t: [p for p, w in when.items() if w == t] for t in TIMING}
    n = len(table)
    parts = []
    if groups["from_start"]:
        k = len(groups["from_start"])
        parts.append(
            _(
                "{k} of {n} programs had community members at the table from the needs assessment on "
                "({names})"
            ).format(k=k, n=n, names=_and(groups["from_start"]))
        )
    else:
        parts.append(_("None of the {n} programs had community members in its needs assessment").format(n=n))
    if groups["planning"]:
        k = len(groups["planning"])
        parts.append(
            ngettext(
                "{k} program brought them in at planning ({names})",
                "{k} programs brought them in at planning ({names})",
                k,
            ).format(k=f"{k:,}", names=_and(groups["planning"]))
        )
    if groups["late"]:
        k = len(groups["late"])
        parts.append(
            ngettext(
                "{k} program brought them in only once running ({names})",
                "{k} programs brought them in only once running ({names})",
                k,
            ).format(k=f"{k:,}", names=_and(groups["late"]))
        )
    if groups["never"]:
        k = len(groups["never"])
        parts.append(
            ngettext("{k} program has not yet ({names})", "{k} programs have not yet ({names})", k).format(
                k=f"{k:,}", names=_and(groups["never"])
            )
        )
    return "; ".join(parts) + "."


def stage_download(table: pd.DataFrame) -> pd.DataFrame:
    """One row per program and stage, as a download: community members (withheld where few), partners,
    and when the program brought the community in."""
    rows = []
    for program in table.index:
        when = _(TIMING_WORDS[timing(table.loc[program])])
        for stage in STAGES:
            members, few, partners, recorded = table.at[program, stage]
            rows.append(
                {
                    "program": program,
                    "stage": _(STAGE_WORDS[stage]),
                    "community_members": members if recorded and not few else None,
                    "community_members_shown_as": count_cell(members, few, recorded),
                    "partners": partners if recorded else None,
                    "community_at_the_table": when,
                }
            )
    return pd.DataFrame(rows)


# ---- meetings: cadence, gaps, attendance ----------------------------------------------------------------

MONTH_DAYS = 365.25 / 12
GRACE = 1.5  # a gap: longer than this many agreed intervals


def interval_days(every_n: int, unit: str) -> float:
    """The agreed interval in days: every_n weeks (7 days) or months (365.25 / 12 days)."""
    return int(every_n) * (7.0 if unit == "weeks" else MONTH_DAYS)


def cadence_words(every_n: int, unit: str) -> str:
    """'monthly', 'weekly', 'every 3 months', 'every 2 weeks'."""
    every_n = int(every_n)
    if every_n == 1:
        return _("weekly") if unit == "weeks" else _("monthly")
    if unit == "weeks":
        return _("every {n} weeks").format(n=every_n)
    if unit == "months":
        return _("every {n} months").format(n=every_n)
    return f"every {every_n} {unit}"


def gaps(held: list, agreed_on, as_of, every_n: int, unit: str) -> tuple[int, int]:
    """Between the day the cadence was agreed (or the first meeting) and ``as_of``: how many gaps longer
    than GRACE agreed intervals there were (the one running now included), and the longest in days."""
    limit = GRACE * interval_days(every_n, unit)
    days = sorted(pd.Timestamp(d).normalize() for d in held)
    start = pd.Timestamp(agreed_on).normalize() if agreed_on is not None and not pd.isna(agreed_on) else None
    points = ([start] if start is not None and (not days or start < days[0]) else []) + days
    points.append(pd.Timestamp(as_of).normalize())
    spans = [(b - a).days for a, b in zip(points, points[1:], strict=False)]
    return sum(1 for s in spans if s > limit), max(spans, default=0)


def cadence(bodies: pd.DataFrame, meetings: pd.DataFrame, as_of) -> pd.DataFrame:
    """Each body (the meeting_bodies query's rows): its last meeting, days since, whether a gap is open
    now (``behind``), meetings held in the 12 months to ``as_of`` and those the cadence asks for, gaps and
    the longest; behind first, then by kind and name."""
    as_of = pd.Timestamp(as_of).normalize()
    year_ago = as_of - pd.DateOffset(years=1)
    rows = []
    for b in bodies.itertuples():
        held = pd.to_datetime(meetings.loc[meetings["body_id"] == b.body_id, "held_on"])
        held = held[held <= as_of]
        last = held.max() if len(held) else None
        since = (
            (as_of - (last if last is not None else pd.Timestamp(b.agreed_on))).days
            if (last is not None or not pd.isna(b.agreed_on))
            else None
        )
        limit = GRACE * interval_days(b.every_n, b.unit)
        n_gaps, longest = gaps(list(held), b.agreed_on, as_of, b.every_n, b.unit)
        rows.append(
            {
                "body_id": b.body_id,
                "body": b.name,
                "kind": b.kind,
                "area": None if pd.isna(b.area) else b.area,
                "cadence": cadence_words(b.every_n, b.unit),
                "last_held": last,
                "days_since": since,
                "behind": since is not None and since > limit,
                "held_last_year": int((held > year_ago).sum()),
                "expected_last_year": max(1, round(365.25 / interval_days(b.every_n, b.unit))),
                "gaps": n_gaps,
                "longest_gap_days": longest,
            }
        )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    order = out.assign(_k=out["kind"].map({k: i for i, k in enumerate(KIND_WORDS)}))
    return (
        order.sort_values(["behind", "_k", "body"], ascending=[False, True, True])
        .drop(columns="_k")
        .reset_index(drop=True)
    )


def gap_sentence(row) -> str:
    """A gap flagged in words: 'No community meeting in Elm County since January 2025; the agreed cadence
    is monthly.'"""
    held = row["last_held"] is not None and not pd.isna(row["last_held"])
    values = dict(cadence=row["cadence"], since=month_year(row["last_held"]) if held else "")
    if row["kind"] == "community" and row["area"]:
        values["area"] = inert(row["area"], 60)
        if held:
            return _("No community meeting in {area} since {since}; the agreed cadence is {cadence}.").format(
                **values
            )
        return _("No community meeting in {area} yet; the agreed cadence is {cadence}.").format(**values)
    values["body"] = lower_name(row["body"])
    if held:
        return _("No meeting of the {body} since {since}; the agreed cadence is {cadence}.").format(**values)
    return _("No meeting of the {body} yet; the agreed cadence is {cadence}.").format(**values)


def lower_name(name: str) -> str:
    name = inert(name, 60)
    return name[0].lower() + name[1:] if name and not name[:2].isupper() else name


def cadence_takeaway(table: pd.DataFrame, as_of) -> str:
    """The bodies behind their cadence first, each in words; else that every body meets as agreed."""
    behind = table[table["behind"]]
    if behind.empty:
        return _("Every body has met as often as it agreed, as of {date}.").format(date=long_day(as_of))
    return " ".join(gap_sentence(r) for _, r in behind.iterrows())


def cadence_status(row) -> str:
    if row["behind"]:
        return _("Behind: {n} days since the last meeting").format(n=f"{row['days_since']:,}")
    if row["last_held"] is None or pd.isna(row["last_held"]):
        return _("No meeting yet")
    return _("Meeting as agreed")


def cadence_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The cadence table in words, behind first."""
    return pd.DataFrame(
        {
            _("Body"): table["body"],
            _("Kind"): table["kind"].map(words(KIND_WORDS)),
            _("Agreed cadence"): table["cadence"],
            _("Last meeting"): [day(d) for d in table["last_held"]],
            _("Now"): [cadence_status(r) for _i, r in table.iterrows()],
            _("Meetings in the last 12 months"): [
                _("{held} of {agreed} agreed").format(held=h, agreed=e)
                for h, e in zip(table["held_last_year"], table["expected_last_year"], strict=True)
            ],
            _("Gaps since agreed"): table["gaps"],
        }
    )


def day(value) -> str:
    from equity import i18n

    if value is None or pd.isna(value):
        return "—"
    stamp = pd.Timestamp(value)
    return f"{stamp:%b %-d, %Y}" if i18n.lang() == "en" else i18n.date(stamp.date(), "d MMM y")


def attendance(attended: pd.DataFrame, meetings: pd.DataFrame, bodies: pd.DataFrame) -> pd.DataFrame:
    """Each partner's attendance (ATTENDANCE_RULE): meetings attended, the meetings it is counted
    against, and the share; highest share first. ``attended`` is the meeting_attendance query."""
    if attended.empty:
        return pd.DataFrame(columns=["partner_id", "partner", "attended", "of", "share"])
    agreed = pd.to_datetime(bodies.set_index("body_id")["agreed_on"])
    came = attended.assign(held_on=pd.to_datetime(attended["held_on"]))
    firsts = came.groupby(["partner_id", "partner", "body_id"], as_index=False)["held_on"].min()
    start = firsts["body_id"].map(agreed)
    firsts["since"] = firsts["held_on"].where(start.isna() | (firsts["held_on"] >= start), start)
    held = meetings[["body_id", "held_on"]].assign(held_on=lambda d: pd.to_datetime(d["held_on"]))
    counted = held.merge(firsts[["partner_id", "body_id", "since"]], on="body_id")
    of = counted[counted["held_on"] >= counted["since"]].groupby("partner_id").size()
    came = came.merge(firsts[["partner_id", "body_id", "since"]], on=["partner_id", "body_id"])
    present = came[came["held_on"] >= came["since"]].groupby("partner_id").size()
    names = firsts.drop_duplicates("partner_id").set_index("partner_id")["partner"]
    out = pd.DataFrame(
        {
            "partner_id": names.index,
            "partner": names.to_numpy(),
            "attended": present.reindex(names.index, fill_value=0).to_numpy().astype(int),
            "of": of.reindex(names.index, fill_value=0).to_numpy().astype(int),
        }
    )
    out["share"] = out["attended"] / out["of"].where(out["of"] > 0)
    return out.sort_values(["share", "partner"], ascending=[False, True]).reset_index(drop=True)


def attendance_takeaway(table: pd.DataFrame) -> str:
    if table.empty:
        return _("No partner attendance recorded yet.")
    high = table.iloc[0]
    low = table.iloc[-1]
    line = _("{high} came to {high_share} of the meetings it is counted against; {low} to {low_share}.")
    return line.format(
        high=inert(high["partner"], 60), high_share=f"{high['share']:.0%}",
        low=inert(low["partner"], 60), low_share=f"{low['share']:.0%}",
    )  # fmt: skip


def meeting_rows(meetings: pd.DataFrame) -> pd.DataFrame:
    """The meetings record in words, newest first: community members as count_cell says them."""
    return pd.DataFrame(
        {
            _("Date"): [day(d) for d in meetings["held_on"]],
            _("Body"): meetings["body"],
            _("Partners present"): meetings["partners_present"].astype(int),
            _("Community members present"): [
                count_cell(v, bool(f))
                for v, f in zip(meetings["community_members"], meetings["few_members"], strict=True)
            ],
            _("Decisions"): [
                "—" if pd.isna(n) else str(int(n)) + (f": {inert(t, 90)}" if isinstance(t, str) and t else "")
                for n, t in zip(meetings["decisions"], meetings["decided"], strict=True)
            ],
        }
    )


# ---- capacity building -----------------------------------------------------------------------------------


def capacity_by_partner(trainings: pd.DataFrame) -> pd.DataFrame:
    """Per community partner: trainings, hours by kind and in all, participants (``at_least``); most hours
    first."""
    rows = []
    for (partner_id, partner), t in trainings.groupby(["partner_id", "partner"], sort=False):
        row = {"partner_id": partner_id, "partner": partner, "trainings": len(t)}
        for kind in TRAINING_KIND_WORDS:
            row[kind] = float(t.loc[t["kind"] == kind, "hours"].fillna(0).sum())
        row["hours"] = float(t["hours"].fillna(0).sum())
        row["participants"] = at_least(t["participants"], t["few_participants"])
        rows.append(row)
    out = pd.DataFrame(rows)
    return out.sort_values(["hours", "partner"], ascending=[False, True]).reset_index(drop=True)


def capacity_takeaway(trainings: pd.DataFrame, by_partner: pd.DataFrame) -> str:
    years = pd.to_datetime(trainings["held_on"]).dt.year
    span = str(years.min()) if years.min() == years.max() else f"{years.min()}–{years.max()}"
    top = by_partner.iloc[0]
    support = ngettext(
        "{n} training or other support", "{n} trainings and other support", len(trainings)
    ).format(n=f"{len(trainings):,}")
    partners = ngettext("{n} partner", "{n} partners", len(by_partner)).format(n=f"{len(by_partner):,}")
    return _(
        "In {span}, community partners received {support}, {hours} hours in all, across {partners}; "
        "{top} received the most ({top_hours} hours)."
    ).format(
        span=span, support=support, hours=f"{trainings['hours'].fillna(0).sum():,.0f}", partners=partners,
        top=inert(top["partner"], 60), top_hours=f"{top['hours']:,.0f}",
    )  # fmt: skip


def capacity_rows(by_partner: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            _("Community partner"): by_partner["partner"],
            _("Trainings and support"): by_partner["trainings"],
            _("Hours"): [f"{h:,.0f}" for h in by_partner["hours"]],
            _("People who took part"): by_partner["participants"],
        }
    )


def training_rows(trainings: pd.DataFrame) -> pd.DataFrame:
    """Every training, newest first, participants as count_cell says them."""
    t = trainings.sort_values("held_on", ascending=False)
    return pd.DataFrame(
        {
            _("Date"): [day(d) for d in t["held_on"]],
            _("Community partner"): t["partner"],
            _("Topic"): t["topic"],
            _("Kind"): t["kind"].map(words(TRAINING_KIND_WORDS)),
            _("Given by"): t["given_by"],
            _("People who took part"): [
                count_cell(v, bool(f)) for v, f in zip(t["participants"], t["few_participants"], strict=True)
            ],
            _("Hours"): ["—" if pd.isna(h) else f"{h:,.0f}" for h in t["hours"]],
        }
    )


# ---- successes ---------------------------------------------------------------------------------------------


def successes(
    milestones: pd.DataFrame, commitments: pd.DataFrame, targets: pd.DataFrame, programs: pd.DataFrame
) -> pd.DataFrame:
    """Every success on one timeline, oldest first: ``date, kind, title, program, who, source``. From the
    milestones recorded, each commitment kept (the commitments query: done, with its completion date), the
    first month each measure met its target (targets_first_met) and each program's start (programs)."""
    parts = [
        pd.DataFrame(
            {
                "date": pd.to_datetime(milestones["reached_on"]),
                "kind": milestones["kind"],
                "title": milestones["title"],
                "program": milestones["program"],
                "who": milestones["partner"],
                "source": "recorded",
            }
        )
    ]
    if len(commitments):
        kept = commitments[(commitments["status"] == "done") & commitments["completed_on"].notna()]
        parts.append(
            pd.DataFrame(
                {
                    "date": pd.to_datetime(kept["completed_on"]),
                    "kind": "commitment_kept",
                    "title": [_("Kept: {description}").format(description=d) for d in kept["description"]],
                    "program": kept["program"],
                    "who": kept["partner"].fillna(_("The coalition")),
                    "source": "commitments",
                }
            )
        )
    if len(targets):
        parts.append(
            pd.DataFrame(
                {
                    "date": pd.to_datetime(targets["reached_on"]),
                    "kind": "target_met",
                    "title": [
                        _("{label}: target met for the first time").format(label=label)
                        for label in targets["label"]
                    ],
                    "program": targets["program"],
                    "who": None,
                    "source": "results",
                }
            )
        )
    if len(programs):
        parts.append(
            pd.DataFrame(
                {
                    "date": pd.to_datetime(programs["start_date"]),
                    "kind": "program_launched",
                    "title": [_("{program} began").format(program=n) for n in programs["name"]],
                    "program": programs["name"],
                    "who": programs["lead_partner"],
                    "source": "programs",
                }
            )
        )
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=["date", "kind", "title", "program", "who", "source"])
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["date", "kind", "title"], kind="stable").reset_index(drop=True)


def success_takeaway(shown: pd.DataFrame, year: int | None) -> str:
    span = (
        _("In {year}").format(year=year)
        if year is not None
        else _("From {first} to {last}").format(
            first=month_year(shown["date"].min()), last=month_year(shown["date"].max())
        )
    )
    counts = shown["kind"].value_counts()
    parts = [f"{counts[k]:,} {_(SUCCESS_PLURAL[k])}" for k in SUCCESS_KINDS if counts.get(k, 0)]
    latest = shown.iloc[-1]
    marked = ngettext(
        "{span}, the coalition marked {n} success: {parts}. The latest: “{title}” ({when}).",
        "{span}, the coalition marked {n} successes: {parts}. The latest: “{title}” ({when}).",
        len(shown),
    )
    return marked.format(
        span=span, n=f"{len(shown):,}", parts=_and(parts), title=inert(latest["title"], 90),
        when=month_year(latest["date"]),
    )  # fmt: skip


def success_rows(shown: pd.DataFrame) -> pd.DataFrame:
    s = shown.iloc[::-1]
    return pd.DataFrame(
        {
            _("When"): [day(d) for d in s["date"]],
            _("Success"): s["title"],
            _("Kind"): s["kind"].map(words(SUCCESS_WORDS)),
            _("Program"): s["program"].fillna(_("Whole coalition")),
            _("Who"): s["who"].fillna("—"),
        }
    )
