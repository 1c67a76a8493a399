"""Draws the Programs page's "Did it work?" section (equity.views.impact): the one call pages/programs.py
makes, so the page stays thin and the section is in one place. The choices are in the URL (``aim``, the
indicator; ``metric`` and ``change``, the monthly result and the date it is compared around)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from equity import text, ui
from equity.i18n import _
from equity.safety import md
from equity.views import impact as view


def draw(fr: ui.Frame, programs: pd.DataFrame, current: str, level: str, results: pd.DataFrame) -> None:
    """The section for program ``current`` (a program_id in the query programs), whose reach is recorded by
    area at ``level`` (its served areas and those they are compared with); ``results`` its monthly results
    (the query program_results)."""
    p = programs.set_index("program_id").loc[current]
    name, start = str(p["name"]), pd.Timestamp(p["start_date"])
    st.subheader(_(view.HEADING))
    st.caption(_(view.INTRO))

    aims = ui.query("program_aims", program=current)
    choices = view.aim_choices(aims)
    if not choices:
        ui.checked("aim", choices, instead=_(view.NO_AIM))  # a link's aim this program no longer names
        st.info(md(_(view.NO_AIMS).format(program=name)), icon=":material/info:")
    else:
        first = view.default_aim(aims)
        aim = ui.checked("aim", choices, default=first, instead=choices[first])
        with st.columns([2, 3])[0]:
            ui.url_widget(st.selectbox, "aim", _(view.AIM_LABEL), list(choices), aim, format_func=choices.get)
        row = aims.set_index("indicator_id").loc[aim].copy()
        row["indicator_id"] = aim
        values = ui.query("impact_values", program=current, level=level, ind=aim, region=fr.state.region)
        out = view.did_section(
            program=name,
            start_year=start.year,
            aim=row,
            aims=aims,
            indicators=fr.indicators.reset_index(),
            values=values,
            place=fr.region_name,
            level=_(text.LEVEL_PLURAL.get(level, "Areas")).lower(),
            source=fr.source(aim) if aim in fr.indicators.index else "",
        )
        if out.refusal:
            st.warning(md(out.refusal), icon=":material/block:")
            st.markdown(md(out.offer))
        elif out.empty:
            st.info(md(out.empty), icon=":material/info:")
        else:
            ui.takeaway(out.takeaway)
            st.markdown(md(out.trends))
            st.markdown(md(out.figure_takeaway))
            ui.chart(out.figure, key="impact_event")
            ui.download(
                out.table,
                f"impact_{current}_{aim}",
                _(text.DOWNLOAD_CHART),
                chart="impact_event",
                inds=[aim],
                method=out.about,
            )
            st.caption(md(out.about))

    st.markdown("##### " + _(view.ITS_HEADING))  # under Did it work?, below the scorecard's h4s
    metrics = view.metric_choices(results)
    if not metrics:
        st.info(md(_(view.NO_RESULTS).format(program=name)), icon=":material/info:")
        return
    first_metric = next(iter(metrics))
    metric = ui.checked("metric", metrics, default=first_metric, instead=metrics[first_metric])
    series = results[results["metric_id"] == metric]
    changes = view.change_choices(ui.query("program_changes", program=current), start, results)
    picked = view.default_change(changes, series, start)
    change = (
        ui.checked("change", changes, default=picked, instead=changes.get(picked, "")) if changes else None
    )
    left, right = st.columns(2)
    with left:
        ui.url_widget(
            st.selectbox, "metric", _(view.METRIC_LABEL), list(metrics), metric, format_func=metrics.get
        )
    if changes:
        with right:
            ui.url_widget(
                st.selectbox, "change", _(view.CHANGE_LABEL), list(changes), change, format_func=changes.get
            )
    records = text.monthly_reports(str(p["lead_partner"]))
    its = view.its_section(
        program=name, metric=series, change=change, changes=changes, start=start, records=records
    )
    if its.empty:
        st.info(md(its.empty), icon=":material/info:")
        return
    ui.takeaway(its.takeaway)
    st.markdown(md(its.detail))
    ui.chart(its.figure, key="impact_its")
    ui.download(
        its.table, f"turn_the_curve_{metric}", _(text.DOWNLOAD_CHART), chart="impact_its", records=records,
        method=its.about,
    )  # fmt: skip
    st.caption(md(its.about))
