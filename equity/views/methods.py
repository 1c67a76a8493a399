"""The Data & methods page: where every number comes from, what it means, and the data behind each page.

Its lines are Markdown with every value from a file escaped (safety.md), since sources, file names and
definitions come from what was loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from equity import text
from equity.i18n import N_, _


@dataclass
class MethodsView:
    demo_note: str | None  # Markdown: the demo is fictional
    sources: list[str]  # Markdown: one line per source
    loads: list[str]  # Markdown: what each load of a file brought in
    domains: list[tuple[str, bool, list[str]]]  # heading (plain text), shown open, indicators (Markdown)
    how_to_read: str  # Markdown list
    templates_note: str  # plain text


def view(
    sources: pd.DataFrame,
    loads: pd.DataFrame,
    indicators: pd.DataFrame,
    *,
    indicator: str,
    levels: tuple[str, ...],
    is_demo: bool,
    min_count: int,
) -> MethodsView:
    """``sources`` and ``loads`` are the queries sources and join_report, ``indicators`` the catalogue
    indexed by indicator_id, ``indicator`` the one in view, ``levels`` the map levels the database has."""
    in_view = indicators.loc[indicator, "domain"]
    domains = [
        (f"{domain} ({len(rows)})", domain == in_view, [text.indicator_facts(r) for r in rows.itertuples()])
        for domain, rows in indicators.reset_index().groupby("domain", sort=True)
    ]
    how = text.how_to_read(min_count) + ("\n" + _(text.ZCTA_NOTE) if "zcta" in levels else "")
    return MethodsView(
        demo_note=_(text.DEMO_NOTE) if is_demo else None,
        sources=[text.source_facts(r) for r in sources.itertuples()],
        loads=[text.load_facts(r) for r in loads.itertuples()],
        domains=domains,
        how_to_read=how,
        templates_note=text.templates_note(min_count),
    )


# What each kind of file reads (equity.ingest.KINDS' words), marked here so that the page can say it in the
# language of the run; a kind whose words differ from these reads as KINDS says.
KIND_READS = (
    N_(
        "American Community Survey tables from data.census.gov (data profiles DP02-DP05, subject tables such "
        "as S1701, S2701, S1903, S1601, detailed B/C tables; CSV with its two header rows), any geography"
    ),
    N_(
        "Census cartographic boundary or TIGER/Line files (shapefile or its .zip, GeoJSON, TopoJSON, "
        "GeoPackage) of states, counties, tracts, ZCTAs or places"
    ),
    N_("County Health Rankings & Roadmaps analytic data (CSV with its two header rows)"),
    N_(
        "your own long table of values, one row per area, indicator, year and group "
        "(columns in equity/ingest/generic.py)"
    ),
    N_(
        "the organisation's own tables, one CSV per table or one Excel workbook with a sheet per table "
        "(templates on the Data & methods page)"
    ),
    N_("CDC PLACES county, place, tract or ZCTA files, long or wide"),
    N_("CDC/ATSDR Social Vulnerability Index tract or county files (2018, 2020, 2022)"),
    N_(
        "CDC WONDER exports (cancer incidence, deaths, births) by year and state or county, tab-separated or "
        "CSV, with their footer"
    ),
)


def kinds_table(kinds) -> pd.DataFrame:
    """The kinds of file a load reads (equity.ingest.KINDS), as the page lists them."""
    return pd.DataFrame(
        {
            _(text.KIND_COLUMNS[0]): [f"python -m equity ingest {k.name}" for k in kinds],
            _(text.KIND_COLUMNS[1]): [_(k.reads) for k in kinds],
        }
    ).set_index(_(text.KIND_COLUMNS[0]))
