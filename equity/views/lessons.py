"""The lessons learned page: the lessons matching the search and filters, each as a card, and the case
studies to download. The rules and words are equity.lessons'."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from equity import lessons as rules
from equity.i18n import _
from equity.safety import html

CARD_CSS = """
<style>
  .lesson { border: 1px solid #c9ced6; border-left: 0.4rem solid #0b5394; border-radius: 0.5rem;
            padding: 0.7rem 0.9rem; background: #fff; overflow-wrap: anywhere; margin: 0.2rem 0 0.4rem 0; }
  .lesson .title { font-size: 1.3rem; font-weight: 700; color: #111; line-height: 1.3; }
  .lesson .meta, .lesson .tags { font-size: 0.95rem; color: #4a4f55; margin: 0.1rem 0 0.3rem 0; }
  .lesson .part { font-size: 0.9rem; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase;
                  color: #4a4f55; margin-top: 0.5rem; }
  .lesson .body { font-size: 1.08rem; color: #111; line-height: 1.45; }
</style>
"""


@dataclass
class Export:
    name: str  # file name without extension
    html: str
    markdown: str


@dataclass
class LessonsView:
    programs: dict[str | None, str]  # the program filter: None for all, else program_id -> name
    tags: list[str]  # the tag filter's tags, most used first
    shown: pd.DataFrame  # the lessons listed, newest first
    summary: str  # what the list shows
    cards: list[tuple[str, str, Export]]  # lesson_id, its card's HTML (escaped), its case study
    export: Export | None  # the lessons listed together, where there are any


def card(r) -> str:
    """One lesson as HTML the page writes as it is; every value escaped."""
    parts = "".join(
        f'<div class="part">{html(_(heading))}</div><div class="body">{html(getattr(r, column))}</div>'
        for column, heading in rules.PARTS
    )
    tags = rules.tags_of(r.tags)
    tag_line = f'<div class="tags">{html(rules.tags_line(tags))}</div>' if tags else ""
    return (
        f'<section class="lesson" aria-label="{html(r.title)}"><div class="title">{html(r.title)}</div>'
        f'<div class="meta">{html(rules.recorded(r.date, r.recorded_by_role, r.program))}</div>'
        f"{parts}{tag_line}</section>"
    )


def export(lessons: pd.DataFrame, program_id: str | None, program: str | None, **words) -> Export:
    return Export(
        rules.file_name(lessons, program_id),
        rules.case_study_html(lessons, program=program, **words),
        rules.case_study_markdown(lessons, program=program, **words),
    )


def view(
    lessons: pd.DataFrame,
    *,
    query: str | None,
    program: str | None,
    tag: str | None,
    region: str,
    made_on,
    is_demo: bool,
) -> LessonsView:
    """What the page shows: ``lessons`` is the query lessons (not empty); ``query``, ``program`` (an id
    of ``programs``) and ``tag`` (one of ``tags``) the URL's search and filters, already checked."""
    named = lessons.dropna(subset=["program_id"]).drop_duplicates("program_id")
    programs: dict[str | None, str] = {None: _(rules.ALL_PROGRAMS)}
    programs.update(
        dict(sorted(zip(named["program_id"], named["program"], strict=True), key=lambda kv: kv[1]))
    )
    shown = rules.filtered(lessons, query=query, program=program, tag=tag)
    name = programs.get(program) if program else None
    words = dict(region=region, made_on=made_on, is_demo=is_demo)
    cards = [
        (r.lesson_id, card(r), export(shown[shown["lesson_id"] == r.lesson_id], None, None, **words))
        for r in shown.itertuples()
    ]
    return LessonsView(
        programs=programs,
        tags=rules.all_tags(lessons),
        shown=shown,
        summary=rules.shown_words(len(shown), len(lessons), query or "", name, tag),
        cards=cards,
        export=export(shown, program, name, **words) if len(shown) else None,
    )
