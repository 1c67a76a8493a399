"""What the partnership-health tables must say together, which data/schema.sql cannot (equity/health.py
reads them): an item's scale runs upwards and the items of one section share it; every rating lies on
its item's scale, whether the items come in the same load or are kept in the database; a partner does
not report a tie to itself. Types, ranges, keys and references both ways are the loader's generic checks
(equity/ingest/org.py), driven from the schema."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from equity.ingest import build
from equity.ingest.read import IngestError, refuse_first


def check(given: dict[str, pd.DataFrame], shown: dict[str, str], path: Path) -> None:
    """Refuse the first row of the given tables that breaks a rule, naming its file, row and column."""
    if "survey_items" in given:
        _items(shown["survey_items"], given["survey_items"])
    if "partner_ties" in given:
        ties = given["partner_ties"]
        refuse_first(
            shown["partner_ties"],
            ties["from_partner_id"].eq(ties["to_partner_id"]),
            "a partner cannot report a tie to itself",
            column="to_partner_id",
            values=ties["to_partner_id"],
            expected="another partner's partner_id",
            rows=ties["_row"],
        )
    if "survey_responses" in given or "survey_items" in given:
        _ratings(given, shown, path)


def _items(where: str, items: pd.DataFrame) -> None:
    refuse_first(
        where,
        items["scale_max"] <= items["scale_min"],
        "the scale's top is not above its bottom",
        column="scale_max",
        values=items["scale_max"],
        expected="a whole number above scale_min",
        rows=items["_row"],
    )
    scales = items.groupby(["instrument", "section"])[["scale_min", "scale_max"]].transform("first")
    other = (items["scale_min"] != scales["scale_min"]) | (items["scale_max"] != scales["scale_max"])
    refuse_first(
        where,
        other,
        "the items of one section must share one scale, so that the section has one score",
        column="scale_max",
        values=items["scale_min"].astype(str) + " to " + items["scale_max"].astype(str),
        expected="the scale of the section's first item",
        rows=items["_row"],
    )


def _ratings(given: dict[str, pd.DataFrame], shown: dict[str, str], path: Path) -> None:
    """Each rating on its item's scale: the items given, else those the database keeps; and where only
    the items are given, the ratings the database keeps on the new scales."""
    items = given.get("survey_items")
    responses = given.get("survey_responses")
    kept = None
    if items is None or responses is None:
        try:
            with build.current(path, older=True) as old:
                wanted = "org_export_survey_items" if items is None else "org_export_survey_responses"
                kept = old.kept(wanted) if "survey_items" in old.tables else None
        except IngestError:
            return  # the load itself says why the database cannot be read
        if kept is None:
            return
    if items is None:
        items = kept
    scale = items.set_index("item_id")[["scale_min", "scale_max"]]
    if responses is not None:
        low = responses["item_id"].map(scale["scale_min"])
        high = responses["item_id"].map(scale["scale_max"])
        rating = responses["rating"]
        outside = rating.notna() & low.notna() & ((rating < low) | (rating > high))
        shown_scale = low.astype("Int64").astype(str) + " to " + high.astype("Int64").astype(str)
        i = outside.to_numpy().argmax() if outside.any() else 0
        refuse_first(
            shown["survey_responses"],
            outside,
            "the rating is off its item's scale",
            column="rating",
            values=rating,
            expected=f"a whole number from {shown_scale.iloc[i] if len(shown_scale) else ''} (the item's "
            "scale in survey_items), or empty where it was not answered",
            rows=responses["_row"],
        )
        return
    low = kept["item_id"].map(scale["scale_min"])
    high = kept["item_id"].map(scale["scale_max"])
    outside = kept["rating"].notna() & low.notna() & ((kept["rating"] < low) | (kept["rating"] > high))
    if outside.any():
        item = kept.loc[outside.to_numpy().argmax(), "item_id"]
        raise IngestError(
            shown["survey_items"],
            "the database's survey_responses (kept, as this load has no survey_responses table) hold "
            "ratings off the new scale of the item shown",
            column="scale_max",
            value=item,
            expected="a scale that holds the kept ratings, or load survey_responses.csv with this file",
        )
