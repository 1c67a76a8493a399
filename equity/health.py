"""The health of the partnership (issue 12 §3): how partners rate it on a published self-assessment, and
who works with whom. Rules and every word said about them, without Streamlit.

**Self-assessment.** Partners answer a published instrument (the Wilder Collaboration Factors Inventory,
the Partnership Self-Assessment Tool) in rounds. As both instruments tabulate it, a respondent's score
for a section is the mean of the items they answered in it, and the section's score is the mean of those
scores over respondents. The database's view published_survey_sections does this in SQL, so no page or
download ever holds a person's or an item's ratings, and a section scored by fewer people than the
database's small-count threshold keeps no figures ("too few responses to show"). The spread between
partners is the standard deviation of respondents' section scores; the 95% interval of a score is
Student's t over respondents, and a change between rounds is called a rise or a fall only where the 95%
interval of the difference (Welch) leaves out zero. Scores here are the coalition's own tabulation, not
the instruments' published norms.

**Network.** Two partners are linked when they share a program (a role in it, or its lead) or either
named the other in the round's ties survey. Density is the share of possible links present, 2L/(n(n-1))
(the undirected form of ties/(n(n-1)) in METHODS.md); a partner's degree centrality is its links over
n-1 (networkx.degree_centrality); Freeman's degree centralization is sum(max - d_i)/((n-1)(n-2)), 1 for a
star and 0 where every partner has as many links. Trust and value are each tie's own 1-4 rating as
reported, averaged over the ties a partner received and over the network (PARTNER-style definitions,
METHODS.md); they are not PARTNER's scores, which combine three items each.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from scipy import stats as st

from equity import charts
from equity.i18n import N_, _, ngettext

# ---- words ---------------------------------------------------------------------------------------------

HEADING = N_("The health of the partnership")
SECTIONS_HEADING = N_("How partners rate the partnership")
NETWORK_HEADING = N_("Who works with whom")
ROUND_LABEL = N_("Survey round")
ROUND_INSTEAD = N_("the latest round")
ITEMS_LABEL = N_("What each section asks")
CENTRAL_LABEL = N_("Every partner's links, and the trust and value it receives")
PAIRS_HEADING = N_("Pairs who rate each other differently")
NO_HEALTH = N_(
    "No partnership health surveys recorded yet. Load survey_items.csv (the published instrument's "
    "sections, items and their scale), survey_rounds.csv and survey_responses.csv (one rating per "
    "respondent, round and item, with an id that is not a name) to see how partners rate the partnership, "
    "and partner_ties.csv (who works with whom, with trust and value 1 to 4) to see the network. The "
    "templates are on the Data & methods page."
)
NO_SCORES = N_(
    "No self-assessment ratings in this round. Load survey_items.csv and survey_responses.csv to see how "
    "partners rate the partnership."
)
NO_NETWORK = N_("No partners recorded yet: load partners.csv, and partner_ties.csv for the ties they report.")
TOO_FEW = N_("too few responses to show")
SURVEY_SOURCE = N_("Coalition partnership self-assessment")
TIES_SOURCE = N_("Coalition partner-ties survey and partner roles")
SECTIONS_DOWNLOAD = N_("Download the section scores")
NETWORK_DOWNLOAD = N_("Download every link")
SCORE_AXIS = N_("Average score")
SCORE_COLUMNS = {
    "section": N_("Section"),
    "score": N_("Score"),
    "interval": N_("95% interval"),
    "change": N_("Since the round before"),
    "spread": N_("Do partners agree?"),
    "respondents": N_("People"),
}
PAIR_COLUMNS = (
    N_("Partner"),
    N_("Other partner"),
    N_("Trust it gives"),
    N_("Trust it gets"),
    N_("Value it gives"),
    N_("Value it gets"),
)
CENTRAL_COLUMNS = (
    N_("Partner"),
    N_("Links"),
    N_("Degree centrality"),
    N_("Trust received"),
    N_("Value received"),
)
# The spread of respondents' section scores, as a share of the scale's length, and what it says: the
# dashboard's own rule of thumb, not an instrument's.
AGREE, DIFFER = 0.15, 0.25
DIFFERENT = 2  # points apart on a 1-4 rating: a pair that rates each other this differently is flagged
SEED = 2026  # the network layout's, so the chart is the same on every run


def survey_records(instrument: str) -> str:
    """What a download of the scores cites as its records: the survey, and the instrument it used."""
    return f"{_(SURVEY_SOURCE)} ({instrument})" if instrument else _(SURVEY_SOURCE)


def method_note(min_count: int) -> str:
    return _(
        "Each person's score for a section is the average of the items they answered in it; the section's "
        "score is the average over people, with its 95% interval. A change is called a rise or a fall only "
        "where the difference is larger than chance would give (95% interval of the difference). How much "
        "partners agree is the spread (standard deviation) of people's scores: under "
        "{agree} of the scale's length they largely agree, over {differ} they disagree widely "
        "(the dashboard's own rule of thumb). No one's ratings are shown, and a section answered by fewer "
        "than {min_count} people is not scored. Scores are the coalition's own, not the instrument's norms."
    ).format(agree=f"{AGREE:.0%}", differ=f"{DIFFER:.0%}", min_count=min_count)


NETWORK_NOTE = N_(
    "Two partners are linked when they share a program or either named the other in the round's survey. "
    "Density is the share of possible links that exist; a partner's degree centrality is the share of the "
    "other partners it is linked to; centralization (Freeman's degree centralization) is 100% when one "
    "partner holds the network together alone and 0% when every partner has as many links. Trust and value "
    "are the 1 to 4 ratings partners gave the ties they named, averaged (PARTNER-style, computed with "
    "networkx; not PARTNER's own scores)."
)


def score(value: float) -> str:
    return f"{value:.1f}"


def scale_words(low: int, high: int) -> str:
    return _("on a {low}–{high} scale").format(low=f"{low:g}", high=f"{high:g}")


def spread_words(sd: float, low: float, high: float) -> str:
    """How much partners agree, in words, from the spread of their scores on the section's scale."""
    if sd is None or (isinstance(sd, float) and math.isnan(sd)):
        return "—"
    share = sd / (high - low)
    if share < AGREE:
        return _("Largely agree (spread {sd})").format(sd=f"{sd:.1f}")
    if share < DIFFER:
        return _("Views differ (spread {sd})").format(sd=f"{sd:.1f}")
    return _("Disagree widely (spread {sd})").format(sd=f"{sd:.1f}")


def change_words(row) -> str:
    if row.previous is None or pd.isna(row.previous):
        return "—"
    if pd.isna(row.change_low):
        return _("was {score}").format(score=score(row.previous))
    if row.change_low > 0:
        return _("Rose from {score}").format(score=score(row.previous))
    if row.change_high < 0:
        return _("Fell from {score}").format(score=score(row.previous))
    return _("About the same (was {score})").format(score=score(row.previous))


def sections_title(round_label: str) -> str:
    return _("How partners rated each part of the partnership, {round}, weakest first").format(
        round=round_label
    )


def sections_takeaway(scored: pd.DataFrame, round_label: str, previous_label: str | None) -> str:
    shown = scored[~scored["few"]]
    if shown.empty:
        return _("In {round}, too few people answered any section for its score to be shown.").format(
            round=round_label
        )
    weak, strong = shown.iloc[0], shown.iloc[-1]
    values = dict(
        round=round_label, weak=weak.section, weak_score=score(weak.score),
        scale=scale_words(weak.scale_min, weak.scale_max), strong=strong.section,
        strong_score=score(strong.score),
    )  # fmt: skip
    risen = shown[shown["change_low"] > 0]
    if previous_label and len(risen):
        top = risen.loc[(risen["score"] - risen["previous"]).idxmax()]
        return _(
            "In {round}, partners rated “{weak}” weakest ({weak_score} {scale}) and “{strong}” strongest "
            "({strong_score}); “{risen}” rose most since {previous} ({was} to {now})."
        ).format(
            **values,
            risen=top.section,
            previous=previous_label,
            was=score(top.previous),
            now=score(top.score),
        )
    return _(
        "In {round}, partners rated “{weak}” weakest ({weak_score} {scale}) and “{strong}” strongest "
        "({strong_score})."
    ).format(**values)


def disagreement_sentence(scored: pd.DataFrame) -> str | None:
    shown = scored[~scored["few"]].dropna(subset=["sd"])
    if shown.empty:
        return None
    top = shown.loc[(shown["sd"] / (shown["scale_max"] - shown["scale_min"])).idxmax()]
    share = top.sd / (top.scale_max - top.scale_min)
    if share < AGREE:
        return _("Partners largely agree about every section.")
    return _(
        "Partners disagree most about “{section}”: their scores are spread widely (standard deviation "
        "{sd} {scale}), a subject to talk through together."
    ).format(section=top.section, sd=f"{top.sd:.1f}", scale=scale_words(top.scale_min, top.scale_max))


def few_sentence(scored: pd.DataFrame, min_count: int) -> str | None:
    few = scored[scored["few"]]["section"].tolist()
    if not few:
        return None
    names = ", ".join(_("“{section}”").format(section=s) for s in few)
    return _("{names}: {too_few} (fewer than {min_count} people answered), so no score is shown.").format(
        names=names, too_few=_(TOO_FEW), min_count=min_count
    )


def network_takeaway(m: NetworkMeasures, round_label: str) -> str:
    central = ", ".join(m.central[:2])
    values = dict(
        round=round_label, links=m.links, possible=m.possible, partners=m.partners,
        density=f"{m.density:.0%}", central=central,
    )  # fmt: skip
    sentence = ngettext(
        "In {round}, {links} of {possible} possible links between {partners} partners exist (density "
        "{density}); {central} is the most connected",
        "In {round}, {links} of {possible} possible links between {partners} partners exist (density "
        "{density}); {central} are the most connected",
        len(m.central[:2]),
    ).format(**values)
    if m.edge:
        sentence += ngettext(
            ", and {edge} is on the edge", ", and {edge} are on the edge", len(m.edge)
        ).format(edge=_and(m.edge))
    return sentence + "."


def trust_sentence(m: NetworkMeasures, round_label: str, previous_label: str | None) -> str | None:
    if m.trust is None:
        return None
    sentence = _("Trust between partners averages {trust} of 4 in {round}").format(
        trust=f"{m.trust:.1f}", round=round_label
    )
    if m.trust_before is not None and previous_label:
        sentence += " " + _("(it was {trust} in {previous})").format(
            trust=f"{m.trust_before:.1f}", previous=previous_label
        )
    if m.value is not None:
        sentence += _("; the value partners see in each other averages {value} of 4").format(
            value=f"{m.value:.1f}"
        )
    return sentence + "."


def pairs_sentence(n: int) -> str:
    if n == 0:
        return _("No two partners rate each other very differently.")
    return ngettext(
        "{n} pair of partners rates each other {points} or more points apart on trust or value: "
        "worth talking through.",
        "{n} pairs of partners rate each other {points} or more points apart on trust or value: "
        "worth talking through.",
        n,
    ).format(n=n, points=DIFFERENT)


def network_title(round_label: str) -> str:
    return _("Who works with whom, {round}").format(round=round_label)


def _and(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


# ---- the self-assessment -------------------------------------------------------------------------------


def rounds_with_data(rounds: pd.DataFrame) -> list[str]:
    """The rounds a page may show (the URL's ``round=``), in order."""
    return rounds["round_id"].tolist()


def previous_round(rounds: pd.DataFrame, round_id: str) -> str | None:
    ids = rounds_with_data(rounds)
    i = ids.index(round_id)
    return ids[i - 1] if i > 0 else None


def _interval(mean: float, sd: float, n: float) -> tuple[float, float]:
    if pd.isna(mean) or pd.isna(sd) or pd.isna(n) or n < 2:
        return (math.nan, math.nan)
    half = st.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    return (mean - half, mean + half)


def _difference(a, b) -> tuple[float, float]:
    """The 95% interval of a's mean less b's (Welch), from each one's mean, sd and count."""
    if any(
        pd.isna(v) for v in (a.mean_score, a.sd_score, a.respondents, b.mean_score, b.sd_score, b.respondents)
    ):
        return (math.nan, math.nan)
    va, vb = a.sd_score**2 / a.respondents, b.sd_score**2 / b.respondents
    if va + vb == 0:
        diff = a.mean_score - b.mean_score
        return (diff, diff)
    df = (va + vb) ** 2 / (va**2 / (a.respondents - 1) + vb**2 / (b.respondents - 1))
    half = st.t.ppf(0.975, df) * math.sqrt(va + vb)
    diff = a.mean_score - b.mean_score
    return (diff - half, diff + half)


def section_scores(sections: pd.DataFrame, round_id: str, previous: str | None) -> pd.DataFrame:
    """The round's sections, weakest first (those with too few responses last): score, interval, spread,
    respondents, and the round before's score with the interval of the change. ``sections`` is the query
    health_sections, whose figures are already withheld where too few answered."""
    now = sections[sections["round_id"] == round_id].set_index(["instrument", "section"])
    before = sections[sections["round_id"] == previous].set_index(["instrument", "section"])
    rows = []
    for key, r in now.iterrows():
        low, high = _interval(r.mean_score, r.sd_score, r.respondents)
        b = before.loc[key] if key in before.index else None
        prev = None if b is None or bool(b.few_respondents) else b.mean_score
        c_low, c_high = (math.nan, math.nan) if prev is None or r.few_respondents else _difference(r, b)
        rows.append(
            dict(
                instrument=key[0],
                section=key[1],
                scale_min=r.scale_min,
                scale_max=r.scale_max,
                few=bool(r.few_respondents),
                respondents=r.respondents,
                score=r.mean_score,
                ci_low=low,
                ci_high=high,
                sd=r.sd_score,
                previous=prev,
                change_low=c_low,
                change_high=c_high,
            )
        )
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    out["_order"] = out["score"].where(~out["few"], np.inf)
    return out.sort_values(["_order", "section"]).drop(columns="_order").reset_index(drop=True)


def section_table(scored: pd.DataFrame) -> pd.DataFrame:
    """The scores as the page's table writes them: plain text; too few responses said, never a zero."""
    rows = []
    for r in scored.itertuples():
        if r.few:
            rows.append((r.section, _(TOO_FEW), "", "", "", _(TOO_FEW)))
            continue
        rows.append(
            (
                r.section,
                _("{score} of {top}").format(score=score(r.score), top=f"{r.scale_max:g}"),
                f"{score(r.ci_low)}–{score(r.ci_high)}" if not pd.isna(r.ci_low) else "—",
                change_words(r),
                spread_words(r.sd, r.scale_min, r.scale_max),
                f"{int(r.respondents):,}",
            )
        )
    return pd.DataFrame(rows, columns=[_(c) for c in SCORE_COLUMNS.values()])


def section_download(scored: pd.DataFrame, round_label: str) -> pd.DataFrame:
    """The section scores for a download: the same figures the page shows, none where too few answered."""
    out = scored.assign(round=round_label, shown=np.where(scored["few"], _(TOO_FEW), _("shown")))
    out = out.rename(columns={"score": "mean_score", "sd": "sd_score", "previous": "previous_mean_score"})
    cols = [
        "round", "instrument", "section", "scale_min", "scale_max", "respondents", "mean_score", "ci_low",
        "ci_high", "sd_score", "previous_mean_score", "change_low", "change_high", "shown",
    ]  # fmt: skip
    out = out[cols].copy()
    fixed = ("round", "instrument", "section", "scale_min", "scale_max", "shown")
    figures = [c for c in cols if c not in fixed]
    out[figures] = out[figures].astype("Float64")
    out.loc[scored["few"].to_numpy(), figures] = pd.NA  # nothing of a section too few answered
    return out.astype({"respondents": "Int64"})


def sections_chart(
    scored: pd.DataFrame, *, title: str, subtitle: str, round_label: str, previous_label: str | None
):
    """Each section's score with its 95% interval, weakest at the top, the round before as a hollow ring;
    a section with too few responses named on its row, with no mark (never drawn as zero)."""
    rows = scored.iloc[::-1]  # Plotly draws the first category at the bottom
    labels = [_wrap(s, 34) for s in rows["section"]]
    shown = rows[~rows["few"]]
    shown_labels = [label for label, few in zip(labels, rows["few"], strict=True) if not few]
    fig = go.Figure()
    low, high = float(scored["scale_min"].min()), float(scored["scale_max"].max())
    if previous_label and shown["previous"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=shown["previous"],
                y=shown_labels,
                mode="markers",
                name=previous_label,
                marker=dict(symbol="circle-open", size=14, color=charts.MUTED, line=dict(width=2)),
                hovertemplate="%{y}<br>" + previous_label + ": %{x:.1f}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=shown["score"],
            y=shown_labels,
            mode="markers+text",
            name=round_label,
            marker=dict(size=15, color=charts.NEUTRAL),
            error_x=dict(
                type="data",
                symmetric=False,
                array=(shown["ci_high"] - shown["score"]).fillna(0),
                arrayminus=(shown["score"] - shown["ci_low"]).fillna(0),
                color=charts.NEUTRAL,
                thickness=2,
            ),
            text=[score(v) for v in shown["score"]],
            textposition="top center",
            textfont=dict(size=14),
            hovertemplate="%{y}<br>" + _("Score %{x:.1f}") + "<extra></extra>",
        )
    )
    few = rows[rows["few"]]
    if len(few):
        fig.add_trace(
            go.Scatter(
                x=[low] * len(few),
                y=[label for label, f in zip(labels, rows["few"], strict=True) if f],
                mode="text",
                text=[_(TOO_FEW).capitalize()] * len(few),
                textposition="middle right",
                textfont=dict(size=14, color=charts.MUTED),
                name=_(TOO_FEW).capitalize(),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_xaxes(
        title=_(SCORE_AXIS) + " " + scale_words(low, high), range=[low - 0.1, high + 0.1], dtick=1
    )
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=labels)
    fig = charts.base_layout(fig, title, subtitle, height=max(380, 170 + 60 * len(rows)))
    fig.update_layout(legend=dict(y=-0.25), margin_b=100)  # below the axis's title, in big type too
    return fig


def _wrap(words: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(str(words), width, break_long_words=False)) or str(words)


# ---- the network -------------------------------------------------------------------------------------


@dataclass
class NetworkMeasures:
    partners: int
    links: int
    possible: int
    density: float
    centralization: float
    central: list[str]  # names, most connected first
    edge: list[str]  # names of partners on the edge
    trust: float | None
    trust_before: float | None
    value: float | None
    pairs: pd.DataFrame  # pairs that rate each other differently (PAIR_COLUMNS)
    by_partner: pd.DataFrame  # CENTRAL_COLUMNS, most connected first


def works_with(partners: pd.DataFrame, shared: pd.DataFrame, ties: pd.DataFrame) -> nx.Graph:
    """The undirected network: every partner a node, a link where two share a program or either named
    the other in ``ties`` (one round's). Each link says how it came: ``program`` and ``named``."""
    g = nx.Graph()
    for r in partners.itertuples():
        g.add_node(r.partner_id, name=r.name)
    for r in shared.itertuples():
        g.add_edge(r.partner_a, r.partner_b, program=r.program_names, named=False)
    for r in ties.itertuples():
        if r.from_partner_id == r.to_partner_id or r.from_partner_id not in g or r.to_partner_id not in g:
            continue
        if g.has_edge(r.from_partner_id, r.to_partner_id):
            g.edges[r.from_partner_id, r.to_partner_id]["named"] = True
        else:
            g.add_edge(r.from_partner_id, r.to_partner_id, program="", named=True)
    return g


def density(g: nx.Graph) -> float:
    """The share of possible links present: 2L / (n(n-1)); 0 for fewer than two partners."""
    return nx.density(g) if g.number_of_nodes() > 1 else 0.0


def centralization(g: nx.Graph) -> float:
    """Freeman's degree centralization: sum over partners of (most links - their links), over its
    largest possible value, (n-1)(n-2), that of a star. 0 for fewer than three partners."""
    n = g.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in g.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def on_the_edge(g: nx.Graph) -> list[str]:
    """Partners with at most half the median partner's links (every partner without a link): the
    fewest first."""
    if g.number_of_nodes() < 2:
        return []
    degrees = dict(g.degree())
    cut = float(np.median(list(degrees.values()))) / 2
    names = nx.get_node_attributes(g, "name")
    low = [p for p, d in degrees.items() if d <= cut or d == 0]
    return [p for p in sorted(low, key=lambda p: (degrees[p], names[p]))]


def _received(ties: pd.DataFrame, column: str) -> pd.Series:
    return ties.dropna(subset=[column]).groupby("to_partner_id")[column].mean()


def different_pairs(ties: pd.DataFrame) -> pd.DataFrame:
    """Pairs who both rated each other, where trust or value differs by DIFFERENT points or more (Levels
    of Collaboration: flagged for discussion), each pair once, most apart first."""
    there = ties.merge(
        ties,
        left_on=["from_partner_id", "to_partner_id"],
        right_on=["to_partner_id", "from_partner_id"],
        suffixes=("", "_back"),
    )
    there = there[there["from_partner"] < there["to_partner"]]
    apart = pd.concat(
        [(there["trust"] - there["trust_back"]).abs(), (there["value"] - there["value_back"]).abs()], axis=1
    ).max(axis=1)
    there = there.assign(apart=apart.astype("Float64"))
    flagged = there[there["apart"] >= DIFFERENT].sort_values(
        ["apart", "from_partner"], ascending=[False, True]
    )

    def cell(v):
        return "—" if pd.isna(v) else f"{int(v)}"

    return pd.DataFrame(
        [
            (
                r.from_partner,
                r.to_partner,
                cell(r.trust),
                cell(r.trust_back),
                cell(r.value),
                cell(r.value_back),
            )
            for r in flagged.itertuples()
        ],
        columns=[_(c) for c in PAIR_COLUMNS],
    )


def measures(g: nx.Graph, ties: pd.DataFrame, ties_before: pd.DataFrame | None) -> NetworkMeasures:
    names = nx.get_node_attributes(g, "name")
    n = g.number_of_nodes()
    degrees = dict(g.degree())
    centrality = nx.degree_centrality(g) if n > 1 else {p: 0.0 for p in g}
    ranked = sorted(g, key=lambda p: (-degrees[p], names[p]))
    top = degrees[ranked[0]] if ranked else 0
    central = [names[p] for p in ranked if degrees[p] == top and top > 0][:3] or [
        names[p] for p in ranked[:1]
    ]
    trust_in, value_in = _received(ties, "trust"), _received(ties, "value")

    def mean(df, column):
        if df is None or df[column].dropna().empty:
            return None
        return float(df[column].dropna().mean())

    by_partner = pd.DataFrame(
        [
            (
                names[p],
                f"{degrees[p]:,}",
                f"{centrality[p]:.0%}",
                f"{trust_in[p]:.1f}" if p in trust_in.index else "—",
                f"{value_in[p]:.1f}" if p in value_in.index else "—",
            )
            for p in ranked
        ],
        columns=[_(c) for c in CENTRAL_COLUMNS],
    )
    return NetworkMeasures(
        partners=n,
        links=g.number_of_edges(),
        possible=n * (n - 1) // 2,
        density=density(g),
        centralization=centralization(g),
        central=central,
        edge=[names[p] for p in on_the_edge(g)],
        trust=mean(ties, "trust"),
        trust_before=mean(ties_before, "trust"),
        value=mean(ties, "value"),
        pairs=different_pairs(ties),
        by_partner=by_partner,
    )


def layout(g: nx.Graph) -> dict:
    """Each partner's place on the chart: a force-directed layout, seeded, so every run draws the same."""
    if g.number_of_nodes() == 0:
        return {}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(g.nodes(data=True)))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)))
    if ordered.number_of_nodes() < 3:
        return nx.circular_layout(ordered)
    # A seeded force-directed start, settled by Kamada-Kawai (even spacing), then stretched to fill each
    # axis so a partner far out does not squeeze the others together.
    start = nx.spring_layout(ordered, seed=SEED)
    pos = nx.kamada_kawai_layout(ordered, pos=start)
    xy = np.array([pos[p] for p in ordered])
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = np.where(high - low > 0, high - low, 1)
    return {p: tuple(2 * (xy[i] - low) / span - 1) for i, p in enumerate(ordered)}


def network_chart(g: nx.Graph, m: NetworkMeasures, *, title: str, subtitle: str) -> go.Figure:
    """The network: links named in the survey drawn solid, links through a shared program only dotted;
    the most connected partners and those on the edge marked apart, every partner named."""
    pos = layout(g)
    names = nx.get_node_attributes(g, "name")
    fig = go.Figure()
    for named, label, style in (
        (False, _("Share a program only"), dict(color="#b8bec7", width=1.2, dash="dot")),
        (True, _("Named in the survey (either way)"), dict(color="#8b929c", width=1.4)),
    ):
        xs, ys = [], []
        for a, b, d in sorted(g.edges(data=True)):
            if bool(d.get("named")) == named:
                xs += [pos[a][0], pos[b][0], None]
                ys += [pos[a][1], pos[b][1], None]
        if xs:
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=style, name=label, hoverinfo="skip"))
    degrees = dict(g.degree())
    central, edge = set(m.central), set(m.edge)
    groups = (
        (_("Most connected"), lambda p: names[p] in central, charts.CATEGORICAL[0], 24),
        (_("On the edge"), lambda p: names[p] in edge, charts.CATEGORICAL[1], 18),
        (_("Other partners"), lambda p: names[p] not in central | edge, "#8aa4c8", 16),
    )
    for label, chosen, color, size in groups:
        nodes = [p for p in sorted(g) if chosen(p)]
        if not nodes:
            continue
        fig.add_trace(
            go.Scatter(
                x=[pos[p][0] for p in nodes],
                y=[pos[p][1] for p in nodes],
                mode="markers+text",
                name=label,
                marker=dict(size=size, color=color, line=dict(color="white", width=1.5)),
                text=[_wrap(names[p], 18) for p in nodes],
                textposition="bottom center",
                textfont=dict(size=12),
                customdata=[[names[p], degrees[p]] for p in nodes],
                hovertemplate="<b>%{customdata[0]}</b><br>" + _("%{customdata[1]} links") + "<extra></extra>",
            )
        )
    fig.update_xaxes(visible=False, range=[-1.2, 1.2])
    fig.update_yaxes(visible=False, range=[-1.22, 1.1])
    fig = charts.base_layout(fig, title, subtitle, height=680)
    fig.update_layout(legend=dict(y=-0.02))
    return fig


def links_download(g: nx.Graph, ties: pd.DataFrame, round_label: str) -> pd.DataFrame:
    """Every link of the network, each pair once, with how it came and the ratings each way."""
    names = nx.get_node_attributes(g, "name")
    rated = ties.set_index(["from_partner_id", "to_partner_id"])

    def rating(a, b, column):
        return rated.at[(a, b), column] if (a, b) in rated.index else None

    rows = []
    for a, b, d in sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)):
        rows.append(
            dict(
                round=round_label,
                partner=names[a],
                other_partner=names[b],
                shared_programs=d.get("program") or "",
                named_in_survey=bool(d.get("named")),
                trust_given=rating(a, b, "trust"),
                trust_received=rating(b, a, "trust"),
                value_given=rating(a, b, "value"),
                value_received=rating(b, a, "value"),
            )
        )
    return pd.DataFrame(rows)
