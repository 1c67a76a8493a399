"""The Data & methods page: where every number comes from, what it means, and the data behind each page.

Its lines are Markdown with every value from a file escaped (safety.md), since sources, file names and
definitions come from what was loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from equity import text


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
    how = text.how_to_read(min_count) + ("\n" + text.ZCTA_NOTE if "zcta" in levels else "")
    return MethodsView(
        demo_note=text.DEMO_NOTE if is_demo else None,
        sources=[text.source_facts(r) for r in sources.itertuples()],
        loads=[text.load_facts(r) for r in loads.itertuples()],
        domains=domains,
        how_to_read=how,
        templates_note=text.templates_note(min_count),
    )


def kinds_table(kinds) -> pd.DataFrame:
    """The kinds of file a load reads (equity.ingest.KINDS), as the page lists them."""
    return pd.DataFrame(
        {
            text.KIND_COLUMNS[0]: [f"python -m equity ingest {k.name}" for k in kinds],
            text.KIND_COLUMNS[1]: [k.reads for k in kinds],
        }
    ).set_index(text.KIND_COLUMNS[0])
