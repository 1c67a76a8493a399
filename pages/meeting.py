"""Meeting: a story's slides, one idea on each, for a projector at 1280x720; notes in a second window."""

import dataclasses
import json

import streamlit as st

from equity import charts, safety, state, stories, ui
from equity.i18n import _
from equity.views import meeting as view

fr = ui.frame()
# A button or key moved the slide (go, below): write the address and run again from it, so that the
# address bar shows the slide on screen (a query parameter set in a callback reaches it a run late).
moved = st.session_state.pop("_meeting_moved", None)
if moved:
    ui.set_params(**moved)
    st.rerun()
base = dataclasses.replace(fr.state, present=False)  # a slide is always presented; no page steps
fr.state = base
ctx = view.Context(ui.query, fr.indicators, fr.regions, fr.choices, fr.min_count, fr.as_of)
st.markdown(view.CSS, unsafe_allow_html=True)

# Which story: the one the link names, else the first stored, else the one built from the data.
stored = ui.query("stories")
stored = stored[stored["slides"] > 0]
titles = dict(zip(stored["story_id"], stored["title"], strict=True))
asked = base.extra.get("story")
story_id = asked or next(iter(titles), stories.DEFAULT_STORY)
if story_id != stories.DEFAULT_STORY and story_id not in titles:
    story_id = next(iter(titles), stories.DEFAULT_STORY)
    instead = (
        stories.the_first(titles[story_id])
        if story_id in titles
        else stories.the_default(_(stories.DEFAULT_TITLE))
    )
    ui.notice_box(_(stories.STORY_NOTICE).format(asked=safety.inert(asked, 40), instead=instead))
if story_id == stories.DEFAULT_STORY:
    story = view.default_story(ctx)
else:
    story = stories.stored(ui.query("story_slides", story=story_id), story_id, titles[story_id])
if not story.slides:
    st.markdown(
        f'<div class="slide-info">{safety.html(_(stories.NOTHING_TO_SHOW))}</div>', unsafe_allow_html=True
    )
    for line in story.left_out:
        st.text(line)
    ui.stop()

total = len(story.slides)
n, notice = stories.slide_number(base.extra.get("slide"), total)
if notice:
    ui.notice_box(notice)
is_notes, notes_notice = stories.switch(base.extra.get("notes"), stories.NOTES_NOTICE)
high, contrast_notice = stories.switch(base.extra.get("contrast"), stories.CONTRAST_NOTICE)  # a bright room
for line in (notes_notice, contrast_notice):
    if line:
        ui.notice_box(line)
if high:
    st.markdown(view.CONTRAST_CSS, unsafe_allow_html=True)
fr.state = base = dataclasses.replace(
    base,
    extra={
        "story": story_id, "slide": str(n), **({"notes": "1"} if is_notes else {}),
        **({"contrast": "1"} if high else {}),
    },
)  # fmt: skip
slide = story.slides[n - 1]
shown = view.content(ctx, slide)


def go(to: int) -> None:
    st.session_state["_meeting_moved"] = {"story": story_id, "slide": str(to)}


st.html(
    view.FOLLOW.replace("__HERE__", json.dumps({"story": story_id, "slide": n, "notes": is_notes})),
    unsafe_allow_javascript=True,
)
title = f'<div class="slide-title">{safety.html(slide.title)}</div>'
if is_notes:  # the presenter's window: this slide's notes, and what comes next
    st.markdown(
        f'<div class="notes-head"><div class="slide-progress">{safety.html(_(stories.NOTES_HEADING))}: '
        f"{stories.progress(n, total)}</div>{title}</div>",
        unsafe_allow_html=True,
    )
    st.markdown(
        f'<div class="notes-body">{safety.html(slide.notes or _(stories.NO_NOTES))}</div>',
        unsafe_allow_html=True,
    )
    for line in shown.notices:
        ui.notice_box(line)
    if shown.takeaway or shown.info:
        on_screen = f"{safety.html(_(stories.ON_SCREEN))} {safety.html(shown.takeaway or shown.info)}"
        st.markdown(
            f'<div class="notes-next">{on_screen}</div>',
            unsafe_allow_html=True,
        )
    following = story.slides[n].title if n < total else None
    st.markdown(
        f'<div class="notes-next">{safety.html(stories.next_up(following))}</div>', unsafe_allow_html=True
    )
    if story.left_out:  # the presenter is told what the built story could not show, not the room
        st.markdown(f"**{_(stories.LEFT_OUT_HEADING)}**")
        for line in [*story.left_out, _(stories.DEFAULT_NOTE)]:
            st.text(line)
else:
    said = shown.takeaway or shown.info or ""
    # The chart names its source under its title; a sentence alone names its own.
    cite = shown.source if shown.source and shown.figure is None else None
    cite = _("Source: {source}.").format(source=safety.html(cite)) if cite else ""
    cite = f' <span class="cite">{cite}</span>' if cite else ""
    st.markdown(f'{title}<div class="slide-takeaway">{safety.html(said)}{cite}</div>', unsafe_allow_html=True)
    if shown.figure is not None:
        fr.state = dataclasses.replace(base, present=True)  # the figure's type for the back of a room
        figure = view.sized(shown.figure, view.slide_height(said))
        figure = charts.high_contrast(figure) if high else figure
        ui.chart(figure, key="slide", legend_size=view.legend_size(figure))
        fr.state = base

with st.container(horizontal=True, vertical_alignment="center", key="slide_nav"):
    st.button(
        _(stories.PREVIOUS), icon=":material/arrow_back:", disabled=n == 1, on_click=go, args=(n - 1,),
        key="slide_prev",
    )  # fmt: skip
    st.space("stretch")
    st.markdown(f'<div class="slide-progress">{stories.progress(n, total)}</div>', unsafe_allow_html=True)
    st.space("stretch")
    if not is_notes:
        notes_url = state.permalink(
            state.page_address(st.context.url, "meeting"), base.params(extra={**base.extra, "notes": "1"})
        )
        st.link_button(_(stories.NOTES_LINK), notes_url, icon=":material/speaker_notes:", type="tertiary")
        st.button(
            _(stories.CONTRAST_OFF if high else stories.CONTRAST_ON), icon=":material/contrast:",
            help=_(stories.CONTRAST_HELP), on_click=ui.set_params, kwargs={"contrast": None if high else "1"},
            key="slide_contrast", type="tertiary",
        )  # fmt: skip
    st.button(
        _(stories.NEXT), icon=":material/arrow_forward:", disabled=n == total, on_click=go, args=(n + 1,),
        key="slide_next", type="primary",
    )  # fmt: skip
# The arrows and what presentation clickers send (Page Up, Page Down) press the buttons above.
st.html(view.KEYS, unsafe_allow_javascript=True)
