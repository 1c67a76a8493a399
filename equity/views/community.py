"""The community voice page: what people told the coalition, and what was done ("you said, we did")."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from equity import charts, i18n, text, voice
from equity.i18n import N_, _, ngettext

TABLE_COLUMNS = [
    N_("You said"),
    N_("Topic"),
    N_("Who"),
    N_("People"),
    N_("Heard"),
    N_("Action"),
    N_("Status"),
]


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
            "Action": rows["action"].fillna(_(text.NO_ACTION)),
            "Status": [text.action_status(s) for s in rows["action_status"]],
        },
        index=rows.index,
    )
    return table[TABLE_COLUMNS].rename(columns=_)


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
        x_title=_(text.TIMES_RAISED),
        title=_(text.TOPICS_TITLE),
        subtitle=charts.source_line(_(text.COMMUNITY_SOURCE), f"{first:%Y}–{last:%Y}"),
    )
    table = said_and_done(rows, min_count)
    if topic is not None:
        table = table[rows["topic"] == topic]
    return CommunityView(
        takeaway=text.community_takeaway(top.topic, int(top.times_raised), len(inputs), n_answered, done),
        counts=[
            (_(text.COMMUNITY_COUNTS[0]), len(inputs)),
            (_(text.COMMUNITY_COUNTS[1]), n_answered),
            (_(text.COMMUNITY_COUNTS[2]), len(inputs) - n_answered),
        ],
        topics=topics_raised(rows),
        topic=topic,
        figure=figure,
        table=table,
        table_height=min(38 * (len(table) + 1) + 4, 560),
        note=text.community_note(min_count),
    )


# ---- "you said, we did" as a board a room can read --------------------------------------------------

BOARD_CSS = """
<style>
  .board { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
           gap: 0.9rem; margin: 0.4rem 0 1rem 0; }
  .topic-card { border: 1px solid #c9ced6; border-left: 0.4rem solid #0b5394; border-radius: 0.5rem;
                padding: 0.7rem 0.9rem; background: #fff; overflow-wrap: anywhere; min-width: 0; }
  .topic-card.waiting { border-left-color: #b3261e; }
  .topic-card .topic { font-size: 1.3rem; font-weight: 700; color: #111; line-height: 1.3; }
  .topic-card .meta { font-size: 0.98rem; color: #4a4f55; margin: 0.1rem 0 0.5rem 0; }
  .topic-card .part { font-size: 0.9rem; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase;
                      color: #4a4f55; margin-top: 0.5rem; }
  .topic-card .said { margin: 0.25rem 0 0.4rem 0; padding-left: 0.6rem; border-left: 3px solid #d9dde3;
                      font-size: 1.08rem; color: #111; line-height: 1.4; }
  .topic-card .who, .topic-card .when { display: block; font-size: 0.92rem; color: #4a4f55; }
  .topic-card .did { margin: 0.25rem 0 0.4rem 0; font-size: 1.08rem; color: #111; line-height: 1.4; }
  .topic-card .status { font-weight: 700; }
  .topic-card .status.done { color: #1a7f37; }
  .topic-card .status.waiting { color: #b3261e; }
  .topic-card .more { font-size: 0.95rem; color: #4a4f55; }
</style>
"""
PRESENT_BOARD_CSS = """
<style>
  .board { grid-template-columns: repeat(auto-fit, minmax(25rem, 1fr)); }
  .topic-card .topic { font-size: 1.6rem; }
  .topic-card .said, .topic-card .did { font-size: 1.3rem; }
  .topic-card .who, .topic-card .when, .topic-card .meta { font-size: 1.1rem; }
</style>
"""
TABLE_FOLD = N_("Everything heard, as one table")
QUOTES = {"en": ("“", "”"), "es": ("«", "»")}  # quotation marks as each language writes them
SAID_SHOWN = 3  # things said shown per topic on the whole board; a topic chosen shows them all


def _month(day) -> str:
    return text.month_year(day) if pd.notna(day) else ""


def board(rows: pd.DataFrame, *, topic: str | None = None, present: bool = False) -> str:
    """The board as HTML the page writes as it is: one card per topic (most raised first), what people
    said in their words, what was done, its status and when. Every value from the database is escaped
    (safety.html), so a summary holding Markdown or HTML shows as typed."""
    from equity.safety import html

    cards = []
    said_word, did_word = html(_(BOARD_SAID)), html(_(BOARD_DID))
    open_quote, close_quote = QUOTES.get(i18n.lang(), QUOTES["en"])
    chosen = rows if topic is None else rows[rows["topic"] == topic]
    inputs = chosen.drop_duplicates("input_id")
    order = inputs.groupby("topic")["input_id"].count().sort_values(ascending=False, kind="stable")
    for name in order.index:
        heard = inputs[inputs["topic"] == name].sort_values(["collected_on", "input_id"], ascending=False)
        acts = chosen[(chosen["topic"] == name) & chosen["action_id"].notna()]
        answered = set(acts["input_id"])
        # The same action answering several things heard is one thing done: its latest state.
        acts = acts.sort_values(["updated_on", "action_id"], ascending=False).drop_duplicates("action")
        waiting = int((~heard["input_id"].isin(answered)).sum())
        said = heard.drop_duplicates("summary")
        shown = said if topic is not None else said.head(SAID_SHOWN)
        quotes = "".join(
            f'<div class="said">{open_quote}{html(r.summary)}{close_quote}<span class="who">'
            f"{html(text.heard_from(r.group_dim, r.group_label, r.area))} · "
            f"{html(text.heard_how(r.method, r.collected_on))}</span></div>"
            for r in shown.itertuples()
        )
        if len(said) > len(shown):
            quotes += f'<div class="more">{html(board_more(len(said) - len(shown)))}</div>'
        if acts.empty:
            done = f'<div class="did"><span class="status waiting">{html(text.action_status(None))}</span> '
            done += f"{html(_(BOARD_NOTHING_YET))}</div>"
        else:
            done = "".join(
                f'<div class="did"><span class="status{" done" if a.action_status == "done" else ""}">'
                f"{html(text.action_status(a.action_status))}</span> {html(a.action)}"
                f'<span class="when">{html(board_when(a.action_status, a.updated_on, a.action_partner))}'
                "</span></div>"
                for a in acts.sort_values(["updated_on", "action_id"], ascending=False).itertuples()
            )
        meta = board_meta(len(heard), waiting)
        cards.append(
            f'<section class="topic-card{" waiting" if waiting else ""}" aria-label="{html(name)}">'
            f'<div class="topic">{html(name)}</div><div class="meta">{html(meta)}</div>'
            f'<div class="part">{said_word}</div>{quotes}<div class="part">{did_word}</div>{done}</section>'
        )
    css = BOARD_CSS + (PRESENT_BOARD_CSS if present else "")
    return f'{css}<div class="board">{"".join(cards)}</div>'


BOARD_SAID, BOARD_DID = N_("You said"), N_("We did")
BOARD_NOTHING_YET = N_("Nothing has been done about this yet.")


def board_more(n: int) -> str:
    return ngettext(
        "and {n} more thing said (choose the topic to see them all)",
        "and {n} more things said (choose the topic to see them all)",
        n,
    ).format(n=n)


def board_meta(heard: int, waiting: int) -> str:
    said = ngettext("Heard {n} time", "Heard {n} times", heard).format(n=heard)
    if waiting:
        return said + " · " + _("{waiting} still waiting for an answer").format(waiting=waiting)
    return said + " · " + _("every one answered")


WHEN_WORDS = {
    "done": N_("done {month}"),
    "in_progress": N_("updated {month}"),
    "planned": N_("planned {month}"),
}


def board_when(status, day, partner) -> str:
    month = _month(day)
    when = _(WHEN_WORDS.get(status, WHEN_WORDS["in_progress"])).format(month=month)
    by = f" · {partner}" if isinstance(partner, str) and partner else ""
    return f"{when}{by}"


# ---- who was heard, and how long input waits --------------------------------------------------------


@dataclass
class HeardView:
    dims: list[str]  # breakdowns that can be set against residents, for the chooser
    dim: str | None
    takeaway: str | None
    figure: go.Figure | None
    table: pd.DataFrame | None  # for ui.table (plain text, escaped there)
    data: pd.DataFrame | None  # the chart's data, for its download
    empty: str | None  # said instead, where nothing can be compared
    note: str
    wait_takeaway: str | None
    wait_cards: list[tuple[str, str, str]]
    wait_note: str


def heard_figure(compared: pd.DataFrame, dim: str, subtitle: str) -> go.Figure:
    """Each group's share of the people heard beside its share of residents, paired horizontal bars; a
    group too few to show has its words where its bar would be, never a bar of zero."""
    df = compared.iloc[::-1]
    labels = df["group_label"].astype(str).tolist()
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=df["population_share"] * 100,
            orientation="h",
            name=_(voice.SHARE_RESIDENTS),
            marker_color="#9db7d5",
            text=[voice.percent(v) for v in df["population_share"]],
            textposition="outside",
            hovertemplate=_("%{y}: %{text} of the people who live here<extra></extra>"),
        )
    )
    under_heard = " · " + _("under-heard")
    heard_text = [
        _(text.TOO_FEW)
        if r.too_few
        else voice.percent(r.heard_share) + (under_heard if r.under is True else "")
        for r in df.itertuples()
    ]
    fig.add_trace(
        go.Bar(
            y=labels,
            x=(df["heard_share"] * 100).fillna(0),
            orientation="h",
            name=_(voice.SHARE_HEARD),
            marker_color=[charts.BAD if u is True else charts.NEUTRAL for u in df["under"]],
            text=heard_text,
            textposition="outside",
            hovertemplate=_("%{y}: %{text} of the people heard<extra></extra>"),
        )
    )
    top = float(pd.concat([df["population_share"], df["heard_share"]]).max(skipna=True) or 0) * 100
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(
        title=_(voice.HEARD_AXIS), rangemode="tozero", range=[0, max(top * 1.35, 10)], ticksuffix="%"
    )
    fig.update_yaxes(title=None)
    title = _(voice.HEARD_TITLE).format(dim=voice.dim_words(dim))
    fig = charts.base_layout(fig, title, subtitle, height=max(360, 170 + 62 * len(df)))
    # The legend below the axis title, apart from it at a projector's larger type too.
    return fig.update_layout(legend=dict(y=-0.32), margin=dict(b=110))


def heard_view(
    inputs: pd.DataFrame,
    cells: pd.DataFrame,
    population: pd.DataFrame,
    waits: pd.DataFrame,
    *,
    dim: str | None,
    as_of,
    min_count: int,
) -> HeardView:
    """Who was heard by group against residents (``dim``: the breakdown chosen, None for the first of
    ``dims``), and how long input waits. ``inputs`` is the query community_input, ``cells``
    input_participants, ``population`` population_by_group, ``waits`` community_waits."""
    heard = voice.heard_by_group(inputs, cells)
    shown = heard[heard["heard"].fillna(0) > 0]
    dims = [d for d in voice.heard_dims(shown, population) if d in set(population["group_dim"])]
    note = _(voice.HEARD_NOTE).format(small=text.small_counts(min_count), too_few=_(text.TOO_FEW))
    summary = voice.wait_summary(voice.waits(waits, as_of))
    wait = dict(
        wait_takeaway=voice.wait_takeaway(summary) if summary else None,
        wait_cards=voice.wait_cards(summary) if summary else [],
        wait_note=_(voice.WAIT_NOTE).format(as_of=voice.as_of(as_of)),
    )
    if not dims:
        empty = (
            _(voice.NO_PARTICIPANTS)
            if heard.empty
            else _(voice.NO_POPULATION).format(dim=listing_dims(sorted(set(heard["group_dim"]))))
        )
        return HeardView(dims, None, None, None, None, None, empty, note, **wait)
    dim = dim if dim in dims else dims[0]
    compared = voice.against_population(heard, population, dim)
    pop = population[population["group_dim"] == dim].iloc[0]
    subtitle = _(voice.HEARD_SOURCE).format(
        indicator=i18n.group(pop["indicator"]), source=pop["source"], year=int(pop["period"])
    )
    few, cols = _(text.TOO_FEW), [_(c) for c in voice.HEARD_COLUMNS]
    under, yes, cannot = _("Under-heard"), _("Yes"), _("Cannot say")
    table = pd.DataFrame(
        {
            cols[0]: compared["group_label"],
            cols[1]: [few if r.too_few else f"{int(r.heard):,}" for r in compared.itertuples()],
            cols[2]: [few if r.too_few else voice.percent(r.heard_share) for r in compared.itertuples()],
            cols[3]: [voice.percent(v) for v in compared["population_share"]],
            cols[4]: [under if u is True else yes if u is False else cannot for u in compared["under"]],
        }
    )
    data = pd.DataFrame(
        {
            "group_dim": dim,
            "group_label": compared["group_label"],
            "people_heard": compared["heard"].astype("Float64"),
            "too_few_to_show": compared["too_few"],
            "share_heard": compared["heard_share"].astype("Float64").round(4),
            "residents": compared["population"].astype("Float64"),
            "share_of_residents": compared["population_share"].astype("Float64").round(4),
            "under_heard": compared["under"],
        }
    )
    return HeardView(
        dims,
        dim,
        voice.heard_takeaway(compared, dim),
        heard_figure(compared, dim, subtitle),
        table,
        data,
        None,
        note,
        **wait,
    )


def listing_dims(dims: list[str]) -> str:
    return voice.listing([voice.dim_words(d) for d in dims]) if dims else _("group")
