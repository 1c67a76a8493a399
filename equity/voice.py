"""Community voice that closes the loop: who was heard, set against who lives here, and how long what
people said waits for an answer. Pure functions (no Streamlit, no queries) and their words.

**Sessions.** A survey or listening session that ranked several topics is recorded as several rows of
community_input, one per topic, sharing its method, date, area, group and participants. Its people are
counted once: rows that share those columns are one session, known by its first input_id.

**Who was heard, by group.** For each session, its breakdown in input_participants where it has one
(the first of its rows that has one, for each breakdown), else, for a session held with one group (a
focus group with Spanish speakers), all its participants count for that group. Only what viewers may see
is added up (published_input_participants and published_community_input): a withheld group at one session
(1 to min_count - 1 people, or what would give one away) is left out of the sums, so every sum is of
shown counts, zero or at least min_count, and nothing withheld can be worked out from them. A group
whose only counts were withheld is "too few to show", never zero and never a number.

**Under-heard.** A group is under-heard where its share of the people heard (of those whose group in
that breakdown was recorded) is below four fifths of its share of the people who live here: the
"four-fifths" rule of thumb for adverse impact (U.S. EEOC, Uniform Guidelines on Employee Selection
Procedures, 29 CFR 1607.4(D)), used here as a plain threshold, not a test.

**Waiting.** Days from the day a thing was heard to the first action recorded in answer; what has no
action yet counts as still waiting, its days so far up to the database's as_of date. The median over
everything heard therefore counts the waiting at their wait so far: the true median is at least this.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from equity import i18n
from equity.i18n import N_, _, ngettext

SESSION = ["method", "collected_on", "area_id", "group_dim", "group_label", "participants"]
UNDER_HEARD = 0.8  # share heard below this fraction of the share of residents: under-heard

# ---- words ------------------------------------------------------------------------------------------

HEARD_HEADING = N_("Who was heard")
WAIT_HEADING = N_("How long what people said waits for an answer")
HEARD_TITLE = N_("Who took part, against who lives here: {dim}")
HEARD_AXIS = N_("Share of each, in percent")
SHARE_HEARD = N_("Share of the people heard")
SHARE_RESIDENTS = N_("Share of the people who live here")
HEARD_BY_LABEL = N_("Compare by")
HEARD_COLUMNS = (
    N_("Group"),
    N_("People heard"),
    N_("Share of the people heard"),
    N_("Share of residents"),
    N_("Heard enough?"),
)
NO_PARTICIPANTS = N_(
    "No input records who took part by group yet. Add input_participants.csv (the people at each survey or "
    "session by race and ethnicity, age, ...; a template is on the Data & methods page), or hold sessions "
    "with one group, to see who was heard against who lives here."
)
NO_POPULATION = N_(
    "The database has no figures of the people who live here by {dim}, so who was heard cannot be set "
    "against them. Load a Census table with counts by group (see “Loading your own data” in the README)."
)
# The chart's subtitle, a line each (Plotly cuts a long line off rather than wrap it).
HEARD_SOURCE = N_(
    "Source: the coalition's records of who took part<br>Residents: the people counted for “{indicator}”,"
    "<br>{source}, {year}"
)
HEARD_NOTE = N_(
    "People are counted once per survey or session, in the breakdowns it recorded; a focus group held with "
    "one group counts for that group. A group of {small} people at one session is not shown, nor added in, "
    "and a group with no other count reads “{too_few}”. Under-heard: a share of the people heard below four "
    "fifths of the share of residents (a rule of thumb, not a test)."
)
WAIT_NOTE = N_(
    "Days from the day a thing was heard to the first action recorded in answer (the day its promise to "
    "the community was made, where it names one, else the action's date). What has no action yet counts "
    "as still waiting, for its days so far up to {as_of}."
)
WAIT_CARDS = (N_("Median wait for a first answer"), N_("Longest still waiting"), N_("Still waiting now"))
GROUP_DIM_WORDS = ("race_ethnicity", "age", "income", "sex", "language", "insurance")


def dim_words(dim: str) -> str:
    """A breakdown inside a sentence: 'race and ethnicity', 'age group' (text.GROUP_DIM_LABELS' words)."""
    from equity import text

    if dim in GROUP_DIM_WORDS:
        return text.lower_first(_(text.GROUP_DIM_LABELS[dim]))
    return dim.replace("_", " ")


def days(n: float) -> str:
    n = int(round(n))
    return ngettext("{n} day", "{n} days", n).format(n=f"{n:,}")


def month_year(day) -> str:
    """'Mar 2024' ('mar 2024' in Spanish)."""
    from equity import text

    return text.month_year(day)


def as_of(day) -> str:
    """The day the waits are counted up to: 'as of March 1, 2025' (in Spanish the date alone, '1 de marzo
    de 2025', which its sentence introduces)."""
    from equity import text

    if i18n.lang() == "en":
        return text.as_of_words(day)
    return i18n.date(pd.Timestamp(day).date())


def percent(share: float) -> str:
    return "—" if pd.isna(share) else f"{share:.0%}"


def listing(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = [str(n) for n in names]
    if len(names) == 1:
        return names[0]
    return _("{these} and {last}").format(these=", ".join(names[:-1]), last=names[-1])


# ---- sessions and who was heard --------------------------------------------------------------------


def session_of(inputs: pd.DataFrame) -> pd.Series:
    """Each input row's session: the first input_id among the rows that share method, date, area, group
    and participants (a survey or session that ranked several topics)."""
    key = [c if c != "area_id" or c in inputs else "area" for c in SESSION]  # the query names the area
    return inputs.groupby(key, dropna=False)["input_id"].transform("min").rename("session")


def heard_by_group(inputs: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """People heard by group: group_dim, group_label, heard (shown counts summed; NaN where too few to
    show), too_few (True where the group's every count was withheld), sessions (counted in).

    ``inputs`` is published_community_input's rows (input_id, the session columns with participants NULL
    where withheld, few_participants); ``cells`` is published_input_participants' rows."""
    columns = ["group_dim", "group_label", "heard", "too_few", "sessions"]
    if inputs.empty:
        return pd.DataFrame(columns=columns)
    inputs = inputs.drop_duplicates("input_id")
    session = dict(zip(inputs["input_id"], session_of(inputs), strict=True))
    given = cells[cells["input_id"].isin(session)].assign(session=lambda d: d["input_id"].map(session))
    # One breakdown per session and dimension: that of its first row which has one.
    first_row = given.groupby(["session", "group_dim"])["input_id"].transform("min")
    given = given[given["input_id"] == first_row]
    broken_down = set(zip(given["session"], given["group_dim"], strict=True))
    firsts = inputs[inputs["input_id"] == inputs["input_id"].map(session)]
    held_with = firsts[
        (firsts["group_dim"] != "all")
        & np.array(
            [(s, d) not in broken_down for s, d in zip(firsts["input_id"], firsts["group_dim"], strict=True)],
            dtype=bool,
        )
    ]
    parts = pd.concat(
        [
            given[["session", "group_dim", "group_label", "participants", "few_participants"]],
            held_with.assign(session=held_with["input_id"])[
                ["session", "group_dim", "group_label", "participants", "few_participants"]
            ],
        ],
        ignore_index=True,
    )
    if parts.empty:
        return pd.DataFrame(columns=columns)
    parts["shown"] = pd.to_numeric(parts["participants"], errors="coerce").where(
        ~parts["few_participants"].astype(bool)
    )
    out = (
        parts.groupby(["group_dim", "group_label"], sort=True)
        .agg(heard=("shown", lambda s: float(s.sum(min_count=1)) if s.notna().any() else np.nan),
             sessions=("shown", lambda s: int(s.notna().sum())),
             withheld=("shown", lambda s: int(s.isna().sum())))
        .reset_index()
    )  # fmt: skip
    out["heard"] = pd.array(out["heard"], dtype="Float64").to_numpy(dtype=float, na_value=np.nan)
    out["too_few"] = out["heard"].isna() & (out["withheld"] > 0)
    return out[columns]


def against_population(heard: pd.DataFrame, population: pd.DataFrame, dim: str) -> pd.DataFrame:
    """For one breakdown: each group living here and each group heard, with the people heard (NaN where
    too few to show), too_few, each share, and whether under-heard (None where it cannot be said). Groups
    by their share of residents, largest first; groups heard but not among the residents' groups last."""
    h = heard[heard["group_dim"] == dim][["group_label", "heard", "too_few"]]
    p = population[population["group_dim"] == dim][["group_label", "population"]]
    df = p.merge(h, on="group_label", how="outer")
    df["too_few"] = df["too_few"].astype("boolean").fillna(False).astype(bool)
    # A group living here that no one from was recorded: zero heard, unless its counts were withheld.
    df["heard"] = df["heard"].where(df["heard"].notna() | df["too_few"], 0.0)
    shown_total = df["heard"].sum()
    residents = df["population"].sum()
    df["heard_share"] = df["heard"] / shown_total if shown_total > 0 else np.nan
    df["population_share"] = df["population"] / residents if residents > 0 else np.nan
    under = df["heard_share"] < UNDER_HEARD * df["population_share"]
    known = df["heard_share"].notna() & df["population_share"].notna()
    df["under"] = pd.Series(np.where(known, under, None), index=df.index, dtype=object)
    df = df.sort_values(["population_share", "heard"], ascending=False, na_position="last", kind="stable")
    return df.reset_index(drop=True)


DIM_ORDER = ("race_ethnicity", "income", "age", "sex", "language")  # the breakdowns equity work leads with


def heard_dims(heard: pd.DataFrame, population: pd.DataFrame) -> list[str]:
    """The breakdowns people were heard in: those with residents' figures first, in DIM_ORDER, then by
    the most people heard."""
    if heard.empty:
        return []
    total = heard.groupby("group_dim")["heard"].sum()
    with_pop = set(population["group_dim"])
    first = {d: k for k, d in enumerate(DIM_ORDER)}
    return sorted(total.index, key=lambda d: (d not in with_pop, first.get(d, len(first)), -total[d], d))


def heard_takeaway(compared: pd.DataFrame, dim: str) -> str:
    """One sentence naming the under-heard groups of a breakdown (and those too few to show)."""
    under = compared[compared["under"].eq(True)]
    few = [i18n.group(g) for g in compared[compared["too_few"]]["group_label"]]
    if not compared["under"].isin([True, False]).any():
        sentence = _("By {dim}, too few of the people heard were counted to compare with residents.").format(
            dim=dim_words(dim)
        )
    elif under.empty:
        sentence = _(
            "By {dim}, every group's share of the people heard is at least four fifths of its "
            "share of residents."
        ).format(dim=dim_words(dim))
    else:
        named = [
            _("{group} ({heard} of the people heard, {residents} of residents)").format(
                group=i18n.group(r.group_label),
                heard=percent(r.heard_share),
                residents=percent(r.population_share),
            )
            for r in under.itertuples()
        ]
        sentence = _("Under-heard by {dim}: {groups}.").format(dim=dim_words(dim), groups=listing(named))
    if few:
        sentence += " " + _("Too few people took part at any one session to show for: {groups}.").format(
            groups=listing(few)
        )
    return sentence


# ---- waiting for an answer -------------------------------------------------------------------------


def waits(rows: pd.DataFrame, as_of) -> pd.DataFrame:
    """Each input's wait (the query community_waits): days to its first answer, or, where it has none yet,
    days so far to ``as_of`` with waiting True. An answer recorded before the day heard counts as 0."""
    as_of = pd.Timestamp(as_of)
    heard = pd.to_datetime(rows["collected_on"])
    answer = pd.to_datetime(rows["first_answer"])
    waiting = answer.isna()
    until = answer.where(~waiting, as_of)
    out = rows[["input_id", "topic", "collected_on"]].copy()
    out["days"] = (until - heard).dt.days.clip(lower=0).astype(int)
    out["waiting"] = waiting.to_numpy()
    return out


@dataclass(frozen=True)
class WaitSummary:
    median: float  # days, the waiting counted at their wait so far
    answered: int
    waiting: int
    longest_days: int  # the longest still waiting (or, where nothing waits, the longest wait)
    longest_topic: str
    longest_since: pd.Timestamp
    longest_waiting: bool  # whether the longest is still waiting


def wait_summary(w: pd.DataFrame) -> WaitSummary | None:
    """The median wait over everything heard, and the longest still waiting; None where nothing was heard."""
    if w.empty:
        return None
    open_ = w[w["waiting"]]
    pool = open_ if not open_.empty else w
    longest = pool.sort_values(["days", "collected_on"], ascending=[False, True], kind="stable").iloc[0]
    return WaitSummary(
        median=float(np.median(w["days"])),
        answered=int((~w["waiting"]).sum()),
        waiting=int(w["waiting"].sum()),
        longest_days=int(longest["days"]),
        longest_topic=str(longest["topic"]),
        longest_since=pd.Timestamp(longest["collected_on"]),
        longest_waiting=not open_.empty,
    )


def wait_takeaway(s: WaitSummary) -> str:
    if s.waiting:
        head = _(
            "Half of what people told us waited {days} or more for a first action, counting what still waits "
            "until today."
        )
    else:
        head = _("Half of what people told us waited {days} or more for a first action.")
    head = head.format(days=days(s.median))
    if s.longest_waiting:
        return (
            head
            + " "
            + ngettext(
                "{n} thing is still waiting; the longest, about “{topic}”, has waited {days} since {month}.",
                "{n} things are still waiting; the longest, about “{topic}”, has waited {days} "
                "since {month}.",
                s.waiting,
            ).format(
                n=s.waiting,
                topic=s.longest_topic,
                days=days(s.longest_days),
                month=month_year(s.longest_since),
            )
        )
    return (
        head
        + " "
        + _("Everything has an answer; the longest wait was {days}.").format(days=days(s.longest_days))
    )


def wait_cards(s: WaitSummary) -> list[tuple[str, str, str]]:
    """Label, value, note for ui.cards."""
    return [
        (_(WAIT_CARDS[0]), days(s.median), _("waiting counted so far")),
        (
            _(WAIT_CARDS[1]) if s.longest_waiting else _("Longest wait"),
            days(s.longest_days),
            _("{topic}, heard {month}").format(topic=s.longest_topic, month=month_year(s.longest_since)),
        ),
        (
            _(WAIT_CARDS[2]),
            f"{s.waiting:,}",
            _("of {total} things heard").format(total=f"{s.waiting + s.answered:,}"),
        ),
    ]
