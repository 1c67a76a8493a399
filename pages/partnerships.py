"""Partnerships, one part at a time: promises kept both ways and each one's history; who decides what and
what partners pooled; who takes part; and the health of the partnership."""

import streamlit as st

from equity import engagement as eng
from equity import health, text, ui
from equity.i18n import _
from equity.safety import md
from equity.views import engagement as engaged
from equity.views import health as health_view
from equity.views import partnerships as view

fr = ui.frame()

ui.title(_(text.PARTNERSHIPS_TITLE))
commitments = ui.query("commitments", as_of=fr.as_of)
changes = ui.query("commitment_changes")
roles = ui.query("partner_roles")
pooled = ui.query("contributions")
# The page's own empty state only where no table of any of its sections holds a row; otherwise each
# section says what to load for itself.
PARTNERSHIP_TABLES = ["commitments", "contributions", "engagement_stages", "meetings", "trainings",
                      "milestones", "survey_responses", "partner_ties"]  # fmt: skip
counts = ui.query("table_counts").set_index("table_name")["rows"]
if roles.empty and not counts.reindex(PARTNERSHIP_TABLES).fillna(0).any():
    st.info(_(text.NO_PARTNERSHIPS), icon=":material/info:")
    ui.stop()

parties = view.parties(commitments)
party = ui.checked("partner", list(parties), instead=text.lower_first(_(text.ALL_PARTIES)))
by = ui.checked("by", view.PERIODS, default="year", instead=_(text.PERIOD_INSTEAD))
commitment = ui.checked("commitment", list(commitments["commitment_id"]), instead=_(text.COMMITMENT_INSTEAD))

# One part of the page at a time (views/partnerships.PARTS), in the address; a chart's link opens its part.
part = ui.part(view.PARTS, view.CHART_PART)
if part in ("promises", "roles"):  # the two parts drawn from the commitments' view
    v = view.view(
        commitments, changes, roles, pooled, as_of=fr.as_of, party=party, by=by, commitment=commitment
    )

if part == "promises":
    if v.no_commitments:
        st.info(v.no_commitments, icon=":material/info:")
    else:
        ui.takeaway(v.takeaway)
        st.markdown(v.directions)
        ui.cards(v.cards)
        if v.overdue is not None:
            st.subheader(_(text.OVERDUE_HEADING))
            st.table(v.overdue, hide_index=True)

        st.subheader(v.record_heading)
        left, right = st.columns([3, 2])
        with left:
            ui.url_widget(
                st.selectbox,
                "partner",
                _(text.PARTY_LABEL),
                list(v.parties),
                v.party,
                format_func=v.parties.get,
            )
        with right:
            ui.url_widget(
                st.segmented_control, "by", _(text.PERIOD_LABEL), list(view.PERIODS), v.by,
                format_func=text.period_words,
            )  # fmt: skip
        if v.record is not None:
            ui.chart(v.record, key="record", data=v.record_data)
        else:
            st.info(v.no_record)
        st.caption(md(v.record_rule))

        st.subheader(_(text.PARTNER_RECORD_HEADING))
        ui.chart(v.by_partner, key="record_by_partner", data=v.partner_data)
        st.table(v.partner_table, hide_index=True)

        st.subheader(_(text.ALL_COMMITMENTS_HEADING))
        with st.expander(v.show_all):
            st.table(v.table, hide_index=True)
        ui.download(
            v.download, "commitments", label=_(text.COMMITMENTS_DOWNLOAD), records=_(text.COMMITMENT_LOG)
        )

        st.subheader(_(text.HISTORY_HEADING))
        ui.url_widget(
            st.selectbox, "commitment", _(text.COMMITMENT_LABEL), list(v.choices), v.commitment,
            format_func=v.choices.get,
        )  # fmt: skip
        st.table(v.history, hide_index=True)
        ui.download(
            changes, "commitment_changes", label=_(text.HISTORY_DOWNLOAD), records=_(text.COMMITMENT_LOG)
        )

if part == "roles":
    st.subheader(_(text.ROLES_HEADING))
    if v.no_roles:
        st.info(v.no_roles)
    else:
        ui.chart(v.roles, key="roles")
        ui.download(roles, "partner_roles", chart="roles", records=_(text.AGREEMENTS))

    st.subheader(_(text.POOLED_HEADING))
    if v.no_pooled:
        st.info(v.no_pooled)
    else:
        ui.takeaway(v.pooled.takeaway)
        ui.chart(v.pooled.figure, key="pooled")
        st.table(v.pooled.by_partner, hide_index=True)
        st.table(v.pooled.by_program, hide_index=True)
        st.caption(md(v.pooled.note))
        ui.download(pooled, "contributions", chart="pooled", records=_(text.CONTRIBUTIONS))


# Who was at the table, meetings, capacity built, successes (equity/views/engagement.py)
if part == "engagement":
    found = eng.successes(
        ui.query("milestones"), commitments, ui.query("targets_first_met"), ui.query("programs")
    )
    bodies = ui.query("meeting_bodies")
    ev = engaged.view(
        stages=ui.query("engagement_stages"),
        bodies=bodies,
        meetings=ui.query("meetings"),
        attended=ui.query("meeting_attendance"),
        trainings=ui.query("trainings"),
        found=found,
        as_of=fr.as_of,
        min_count=fr.min_count,
        who=ui.checked("who", eng.WHO, default="community", instead=_(eng.WHO_WORDS["community"]).lower()),
        body=ui.checked("body", list(bodies["body_id"]), instead=_(eng.ALL_BODIES).lower()),
        year=ui.checked(
            "myear", [y for y in engaged.year_choices(found) if y], instead=_(eng.ALL_YEARS).lower()
        ),
    )

    st.subheader(_(eng.ENGAGEMENT_HEADING))
    if ev.stages is None:
        st.info(ev.no_stages)
    else:
        ui.takeaway(ev.stages.takeaway)
        ui.url_widget(
            st.segmented_control,
            "who",
            _(eng.WHO_LABEL),
            list(eng.WHO),
            ev.who,
            format_func=eng.words(eng.WHO_WORDS).get,
        )
        ui.chart(ev.stages.figure, key="engagement")
        ui.download(
            ev.stages.download, "engagement_by_stage", chart="engagement", records=_(eng.ENGAGEMENT_SOURCE)
        )
        st.table(ev.stages.tables[0], hide_index=True)
        st.caption(md(ev.stages.note))

    st.subheader(_(eng.MEETINGS_HEADING))
    if ev.cadence is None:
        st.info(ev.no_meetings)
    else:
        ui.takeaway(ev.cadence.takeaway)  # each gap flagged in words, behind first
        st.table(ev.cadence.tables[0], hide_index=True)
        st.caption(md(ev.cadence.note))
        ui.download(
            ev.cadence.download, "meeting_cadence", _(eng.CADENCE_DOWNLOAD), records=_(eng.MEETINGS_SOURCE),
            title=_(eng.CADENCE_TITLE),
        )  # fmt: skip
        ui.url_widget(
            st.selectbox, "body", _(eng.BODY_LABEL), list(ev.bodies), ev.body, format_func=ev.bodies.get
        )
        with st.expander(eng.meetings_fold(ev.bodies[ev.body], len(ev.cadence.tables[1]))):
            st.table(ev.cadence.tables[1], hide_index=True)
        ui.download(
            ui.query("meetings"), "meetings", _(eng.MEETINGS_DOWNLOAD), records=_(eng.MEETINGS_SOURCE),
            title=_(eng.MEETINGS_RECORD),
        )  # fmt: skip
        if ev.attendance is not None:
            st.subheader(_(eng.ATTENDANCE_HEADING))
            ui.takeaway(ev.attendance.takeaway)
            ui.chart(ev.attendance.figure, key="attendance")
            ui.download(
                ev.attendance.download, "attendance", chart="attendance", records=_(eng.MEETINGS_SOURCE)
            )
            st.caption(md(ev.attendance.note))

    st.subheader(_(eng.CAPACITY_HEADING))
    if ev.capacity is None:
        st.info(ev.no_trainings)
    else:
        ui.takeaway(ev.capacity.takeaway)
        ui.chart(ev.capacity.figure, key="capacity")
        ui.download(ev.capacity.download, "trainings", chart="capacity", records=_(eng.CAPACITY_SOURCE))
        st.table(ev.capacity.tables[0], hide_index=True)
        with st.expander(_("Every training and support ({n})").format(n=len(ev.capacity.tables[1]))):
            st.table(ev.capacity.tables[1], hide_index=True)
        st.caption(md(ev.capacity.note))

    st.subheader(_(eng.SUCCESS_HEADING))
    if ev.successes is None:
        st.info(ev.no_successes)
    else:
        ui.url_widget(
            st.selectbox, "myear", _(eng.YEAR_LABEL), list(ev.years), ev.year, format_func=ev.years.get
        )
        ui.takeaway(ev.successes.takeaway)
        ui.chart(ev.successes.figure, key="successes")
        ui.download(ev.successes.download, "successes", chart="successes", records=_(eng.SUCCESS_SOURCE))
        st.table(ev.successes.tables[0], hide_index=True)

# The health of the partnership (issue 12 §3): equity/views/health.py, its words equity/health.py
if part == "health":
    st.subheader(_(health.HEADING))
    health_rounds = ui.query("health_rounds")
    if health_rounds.empty:
        st.info(_(health.NO_HEALTH), icon=":material/info:")
    else:
        chosen = ui.checked("round", list(health_rounds["round_id"]), instead=_(health.ROUND_INSTEAD))
        h = health_view.view(
            health_rounds, ui.query("health_sections"), ui.query("health_items"), ui.query("health_partners"),
            ui.query("health_shared"), ui.query("health_ties"), round_id=chosen, min_count=fr.min_count,
        )  # fmt: skip
        with st.columns([2, 3])[0]:
            ui.url_widget(
                st.selectbox,
                "round",
                _(health.ROUND_LABEL),
                list(h.rounds),
                h.round_id,
                format_func=h.rounds.get,
            )
        st.markdown("#### " + _(health.SECTIONS_HEADING))
        if h.no_scores:
            st.info(h.no_scores)
        else:
            ui.takeaway(h.takeaway)
            ui.chart(h.sections, key="health_sections")
            ui.download(
                h.sections_download, f"partnership_sections_{h.file_key}", chart="health_sections",
                records=health.survey_records(h.instrument), method=h.method,
            )  # fmt: skip
            st.table(h.table, hide_index=True)
            for line in (h.disagreement, h.few):
                if line:
                    st.markdown(md(line))
            with st.expander(_(health.ITEMS_LABEL)):
                st.table(h.items, hide_index=True)
            st.caption(md(h.method))
        st.markdown("#### " + _(health.NETWORK_HEADING))
        if h.no_network:
            st.info(h.no_network)
        else:
            ui.takeaway(h.network_takeaway)
            ui.chart(h.network, key="health_network")
            ui.download(
                h.links_download, f"partner_network_{h.file_key}", chart="health_network",
                records=_(health.TIES_SOURCE), method=_(health.NETWORK_NOTE),
            )  # fmt: skip
            for line in (h.trust, h.pairs_sentence):
                if line:
                    st.markdown(md(line))
            if h.pairs is not None:
                st.table(h.pairs, hide_index=True)
            with st.expander(_(health.CENTRAL_LABEL)):
                st.table(h.central, hide_index=True)
            st.caption(md(h.network_note))
