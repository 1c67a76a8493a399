"""Programs: outcomes against targets month by month, and whether reach follows need."""

import pandas as pd
import streamlit as st

from equity import charts, metrics, text, ui
from equity.safety import inert, md

fr = ui.frame()
s = fr.state
ind = fr.indicator

st.title("Programs: results against targets")
programs = ui.query("programs")
if programs.empty:
    st.info(
        "There is no program data yet. Add your programs, sites and monthly results to see them here "
        "(see “Loading your own data” in the README).",
        icon=":material/info:",
    )
    st.stop()

ids = programs["program_id"].tolist()
names = dict(zip(programs["program_id"], programs["name"], strict=True))
wanted = s.extra.get("program")
if wanted and wanted not in names:
    s = ui.fall_back(
        "program",
        None,
        f"The link asked for the program “{inert(wanted)}”, which this database does not have; showing "
        f"{names[ids[0]]} instead.",
    )
current = wanted if wanted in names else ids[0]
picked = st.columns([2, 3])[0].selectbox(
    "Program", ids, index=ids.index(current), format_func=names.get, key=f"program_{current}"
)
if picked != current:
    ui.set_params(program=picked)
    st.rerun()

p = programs.set_index("program_id").loc[current]
st.markdown(
    f"**{md(p['name'])}** — {md(p.description)} Led by **{md(p.lead_partner)}** since "
    f"{pd.Timestamp(p.start_date):%B %Y}; {int(p.sites)} site{'s' if p.sites != 1 else ''}."
)

results = ui.query("program_results", program=current)
results["period"] = pd.to_datetime(results["period"])
latest = results.dropna(subset=["value"]).sort_values("period").groupby("metric_id").tail(1)
if len(latest):
    met = [bool(metrics.met_target(r.value, r.target, r.higher_is_better)) for r in latest.itertuples()]
    month = latest["period"].max()
    ui.takeaway(
        f"In their latest reports (to {month:%B %Y}), {sum(met)} of {len(met)} measures of {p['name']} "
        "met their target."
    )

    def shown(value, unit):
        return f"{value:.1f}%" if unit == "percent" else f"{value:,.0f}"

    ui.cards(
        [
            (
                r.label,
                shown(r.value, r.unit),
                f"{'Met' if ok else 'Missed'} the target of {shown(r.target, r.unit)} "
                f"{'(lower is better) ' if not r.higher_is_better else ''}in {r.period:%B %Y}",
            )
            for r, ok in zip(latest.itertuples(), met, strict=True)
        ]
    )

for metric_id, df in results.groupby("metric_id", sort=False):
    first = df.iloc[0]
    fig = charts.results_against_target(
        df,
        label=first.label,
        unit=first.unit,
        higher_is_better=bool(first.higher_is_better),
        title=first.label + ("" if first.higher_is_better else " (lower is better)"),
        subtitle=charts.source_line(
            f"{p.lead_partner} monthly reports",
            f"{df['period'].min():%b %Y}–{df['period'].max():%b %Y}",
            "✕ = missed target; gaps = not reported",
        ),
    )
    ui.chart(fig, key=f"results_{metric_id}")
ui.download(results, f"program_results_{current}")

st.subheader(md(f"Does reach follow need? {ind.label}, {s.year}"))
reach = ui.query("program_reach", program=current, ind=s.ind, year=s.year, region=s.region)
summary = metrics.reach_in_high_need(reach, bool(ind.higher_is_worse))
if summary["share"] is None:
    st.info(md(f"{p['name']} reported no people served in {fr.region_name} in {s.year}."))
else:
    ui.takeaway(
        f"In {s.year}, {summary['share']:.0%} of the people {p['name']} served lived in the quarter of "
        f"neighbourhoods with the most {text.lower_first(ind.label)}, where "
        f"{summary['high_need_share_of_pop']:.0%} of people live."
    )
    served = reach.dropna(subset=["need"]).copy()
    served["people_shown"] = served["people"].fillna(0)
    fig = charts.go.Figure(
        charts.go.Scatter(
            x=served["need"],
            y=served["people_shown"],
            mode="markers",
            marker=dict(
                size=11,
                color=["#b3261e" if f else charts.NEUTRAL for f in served["few_people"]],
                symbol=["diamond-open" if f else "circle" for f in served["few_people"]],
            ),
            customdata=served[["name"]].to_numpy(),
            hovertemplate="<b>%{customdata[0]}</b><br>need %{x:,.1f}<br>served %{y:,}<extra></extra>",
        )
    )
    measure = text.measure_words(ind.measure_type, ind.unit, short=True)
    fig.update_xaxes(
        title=f"{ind.label} ({text.UNIT_AXIS[ind.unit].lower()}{', ' + measure if measure else ''})"
    )
    fig.update_yaxes(title="People served", rangemode="tozero")
    charts.base_layout(
        fig,
        "People served by each neighbourhood's need",
        charts.source_line(
            f"{p.lead_partner} and {fr.source()}",
            s.year,
            f"◇ = {text.small_counts(fr.min_count)} people served, not shown",
        ),
    )
    ui.chart(fig, key="reach")
    ui.download(reach, f"program_reach_{current}_{s.year}")

st.subheader("All programs")
st.dataframe(
    programs.rename(
        columns={
            "name": "Program",
            "lead_partner": "Lead partner",
            "start_date": "Started",
            "sites": "Sites",
            "last_reported": "Last report",
        }
    )[["Program", "Lead partner", "Started", "Sites", "Last report"]],
    hide_index=True,
)
