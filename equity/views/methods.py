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
    programs: str  # Markdown list: how programs and partnerships are measured
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
        programs=program_methods(min_count),
        templates_note=text.templates_note(min_count),
    )


# How the Programs and Partnerships pages measure what they show, with the methods' sources; each page
# words its own figure's method beside it (and in its downloads), these say it once for a reader.
PROGRAMS_HEADING = N_("How programs and partnerships are measured")
PROGRAM_METHODS = (
    N_(
        "- **Did it work?** A difference-in-differences estimate: how much more an indicator changed, from "
        "before a program began to after, in the areas it serves than in the region's other areas, from a "
        "regression with area and year effects and errors clustered by area (statsmodels). The event study "
        "shows the gap year by year around the start, and the parallel-trends check asks whether the gaps "
        "before the start were zero. It is an association, not proof. Model-based estimates (CDC PLACES) "
        "are never used for it: CDC warns that its model cannot detect local interventions."
    ),
    N_(
        "- **Monthly results.** An interrupted time series: a segmented regression with a change in level "
        "and in slope at the start or at a change the program records (Lopez Bernal, Cummins & Gasparrini, "
        "*International Journal of Epidemiology* 2017), with Newey–West errors for months that run "
        "together. “Turn the curve” draws the line of the months before carried forward (the baseline "
        "forecast), the months after, and the target."
    ),
    N_(
        "- **Reach.** Each area's share of the people a program served minus its share of the people (or of "
        "people in poverty, children or seniors): the Urban Institute's Spatial Equity Data Tool measure; "
        "zero everywhere means the program serves every area in proportion. Each group's share of the people "
        "served has a Wilson interval. Distances to a site are from an area's centre, on the ground."
    ),
    N_(
        "- **Excess cases.** How many fewer cases there would be if every group (or area) had the rate of "
        "the best-off one whose rate is stable (at least {cases} cases, and reliable): the population "
        "attributable risk in counts, with a 95% interval by simulation from each rate's standard error."
    ),
    N_(
        "- **Footprint.** The areas that meet every threshold chosen, on two or three indicators (the "
        "vulnerable populations footprint of SparkMap, University of Missouri), with their people, sites "
        "and programs."
    ),
)


def program_methods(min_count: int) -> str:
    """How programs and partnerships are measured, as a Markdown list: the estimators' methods, then the
    partnership survey's and network's own notes (equity.health), said once here."""
    from equity import excess, health

    items = [_(m) for m in PROGRAM_METHODS]
    items[3] = items[3].format(cases=excess.MIN_REFERENCE_CASES)
    items.append("- **" + _(health.HEADING) + ".** " + health.method_note(min_count))
    items.append("- **" + _(health.NETWORK_HEADING) + ".** " + _(health.NETWORK_NOTE))
    return "\n".join(items)


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
