"""The partnerships page's section on the health of the partnership: the self-assessment's section scores
in a round against the round before, and the partner network in that round. Rules and words are
equity.health's; this puts them together for the page, without Streamlit."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from equity import charts, health
from equity.i18n import _
from equity.safety import md

__all__ = ["HealthView", "rounds", "view"]


@dataclass
class HealthView:
    round_id: str
    file_key: str  # the round's id as a download's file name may hold it
    rounds: dict[str, str]  # round_id -> label, the chooser's options in order
    # The self-assessment (None where the round has no ratings: ``no_scores`` says so)
    takeaway: str | None
    sections: go.Figure | None
    table: pd.DataFrame | None  # for st.table: Markdown-escaped
    disagreement: str | None
    few: str | None
    sections_download: pd.DataFrame | None
    instrument: str  # the instrument as the data cite it
    items: pd.DataFrame | None  # what each section asks, for st.table (escaped)
    no_scores: str | None
    method: str
    # The network
    network_takeaway: str | None
    network: go.Figure | None
    trust: str | None
    pairs_sentence: str | None
    pairs: pd.DataFrame | None  # for st.table (escaped); None where no pair is flagged
    central: pd.DataFrame | None  # for st.table (escaped)
    links_download: pd.DataFrame | None
    no_network: str | None
    network_note: str


def rounds(rounds_table: pd.DataFrame) -> dict[str, str]:
    """The rounds the URL's ``round=`` may name, in order, with their labels."""
    return dict(zip(rounds_table["round_id"], rounds_table["label"], strict=True))


def _escaped(df: pd.DataFrame) -> pd.DataFrame:
    return df.map(lambda v: md(v) if isinstance(v, str) else v)


def view(
    rounds_table: pd.DataFrame,
    sections: pd.DataFrame,
    items: pd.DataFrame,
    partners: pd.DataFrame,
    shared: pd.DataFrame,
    ties: pd.DataFrame,
    *,
    round_id: str | None,
    min_count: int,
) -> HealthView:
    """What the section shows for ``round_id`` (one of ``rounds``; None: the latest). The frames are the
    queries health_rounds, health_sections, health_items, health_partners, health_shared, health_ties."""
    labels = rounds(rounds_table)
    round_id = round_id if round_id in labels else list(labels)[-1]
    label = labels[round_id]
    previous = health.previous_round(rounds_table, round_id)
    previous_label = labels.get(previous) if previous else None

    scored = health.section_scores(sections, round_id, previous)
    takeaway = fig = table = disagreement = few = download = item_table = None
    instrument = ""
    if len(scored):
        instrument = " · ".join(dict.fromkeys(scored["instrument"]))
        takeaway = health.sections_takeaway(scored, label, previous_label)
        fig = health.sections_chart(
            scored,
            title=health.sections_title(label),
            subtitle=charts.source_line(_(health.SURVEY_SOURCE), label, instrument),
            round_label=label,
            previous_label=previous_label,
        )
        table = _escaped(health.section_table(scored))
        disagreement = health.disagreement_sentence(scored)
        few = health.few_sentence(scored, min_count)
        download = health.section_download(scored, label)
        asked = items[items["instrument"].isin(scored["instrument"])]
        item_table = _escaped(
            pd.DataFrame(
                {
                    _("Section"): asked["section"],
                    _("Item"): asked["item_text"],
                    _("Scale"): [
                        _("{low} to {high}").format(low=f"{a:g}", high=f"{b:g}")
                        for a, b in zip(asked["scale_min"], asked["scale_max"], strict=True)
                    ],
                }
            )
        )

    net_takeaway = net_fig = trust = pairs_words = pairs = central = links = None
    if len(partners):
        now = ties[ties["round_id"] == round_id]
        before = ties[ties["round_id"] == previous] if previous else None
        g = health.works_with(partners, shared, now)
        m = health.measures(g, now, before if before is not None and len(before) else None)
        net_takeaway = health.network_takeaway(m, label)
        net_fig = health.network_chart(
            g,
            m,
            title=health.network_title(label),
            subtitle=charts.source_line(
                _(health.TIES_SOURCE),
                label,
                _("density {density} · centralization {centralization}").format(
                    density=f"{m.density:.0%}", centralization=f"{m.centralization:.0%}"
                ),
            ),
        )
        trust = health.trust_sentence(m, label, previous_label)
        if now["trust"].notna().any() or now["value"].notna().any():
            pairs_words = health.pairs_sentence(len(m.pairs))
        pairs = _escaped(m.pairs) if len(m.pairs) else None
        central = _escaped(m.by_partner)
        links = health.links_download(g, now, label)
    return HealthView(
        round_id=round_id,
        file_key=re.sub(r"[^A-Za-z0-9_-]+", "_", str(round_id))[:40],
        rounds=labels,
        takeaway=takeaway,
        sections=fig,
        table=table,
        disagreement=disagreement,
        few=few,
        sections_download=download,
        instrument=instrument,
        items=item_table,
        no_scores=None if len(scored) else _(health.NO_SCORES),
        method=health.method_note(min_count),
        network_takeaway=net_takeaway,
        network=net_fig,
        trust=trust,
        pairs_sentence=pairs_words,
        pairs=pairs,
        central=central,
        links_download=links,
        no_network=None if len(partners) else _(health.NO_NETWORK),
        network_note=_(health.NETWORK_NOTE),
    )
