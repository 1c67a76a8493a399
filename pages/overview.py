"""Overview: headline figures for the region and the widest gaps, each linking to its page."""

import streamlit as st

from equity import charts, metrics, text, ui

fr = ui.frame()
s = fr.state
ind = fr.indicator
pages = {p.url_path: p for p in st.session_state["_pages"]}

st.title(f"Health equity in {fr.region_name}")

region_series = ui.query("area_values", ind=s.ind, area=s.region)
everyone = region_series[(region_series["group_dim"] == "all") & (region_series["year"] == s.year)]
tracts = ui.query("map_values", ind=s.ind, year=s.year, level="tract", region=s.region)
areas = ui.query("map_areas", level="tract", region=s.region).drop(columns=["geometry_drawn"])
groups = ui.query("region_groups", region=s.region, year=s.year)
commitments = ui.query("commitments", as_of=fr.meta.get("as_of", "2100-01-01"))
gaps = metrics.widest_gaps(groups, fr.indicators)

if len(gaps):
    g = gaps.iloc[0]
    ui.takeaway(
        f"The widest gap in {s.year}: {g.label.lower()} was {text.times(g.ratio)} as common for "
        f"{g.worst_group} ({text.number(g.worst_value, g.unit)}) as for {g.best_group} "
        f"({text.number(g.best_value, g.unit)})."
    )

c1, c2, c3, c4 = st.columns(4)
c1.metric(
    "People living here",
    f"{int(fr.regions.loc[s.region, 'population']):,}",
    help="Population of the region in view, from the same source as the areas.",
)
if len(everyone):
    e = everyone.iloc[0]
    c2.metric(f"{ind.label}, {s.year}", text.value_with_flag(e.value, None, None, e.flag, ind.unit))
    c2.caption(text.interval(e.ci_low, e.ci_high, ind.unit).capitalize() + " (95% confidence interval).")
else:
    c2.metric(f"{ind.label}, {s.year}", "No data")
worse = tracts.dropna(subset=["value"])
if len(everyone) and len(worse) and not text.is_missing(everyone.iloc[0].value):
    ref = everyone.iloc[0].value
    n_worse = int(((worse["value"] > ref) if ind.higher_is_worse else (worse["value"] < ref)).sum())
    c3.metric(
        "Neighbourhoods worse than the region",
        f"{n_worse} of {len(tracts)}",
        help="Census tracts whose value is worse than the region as a whole.",
    )
summary = metrics.commitment_summary(commitments)
c4.metric("Partner commitments overdue", f"{summary['overdue']} of {summary['total']}")
c4.page_link(
    pages["partnerships"],
    label="See commitments",
    icon=":material/arrow_forward:",
    query_params=s.params(extra={}),
)

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(f"Widest gaps between groups, {s.year}")
    if gaps.empty:
        st.info("No indicator has values by group for this region and year.")
    else:
        gaps["group"] = gaps["group_dim"].map(text.group_dim_label)
        gaps["name"] = gaps["label"] + " — " + gaps["group"].str.lower()
        gaps["words"] = [
            f"{text.times(r.ratio)}: {r.worst_group} vs {r.best_group}" for r in gaps.itertuples()
        ]
        fig = charts.ranked_bars(
            gaps,
            x="ratio",
            y="name",
            hover="words",
            x_title="Worst-off group ÷ best-off group",
            title="How many times worse the worst-off group fares",
            subtitle=charts.source_line("indicator sources listed under Data & methods", s.year),
        )
        fig.add_vline(x=1, line=dict(color="#111", width=1.5))
        ui.chart(fig, key="overview_gaps")
        for r in gaps.itertuples():
            st.page_link(
                pages["disparities"],
                label=f"{r.label} by {r.group.lower()}",
                icon=":material/bar_chart:",
                query_params=s.params(ind=r.indicator_id, group=r.group_dim, extra={}),
            )
        ui.download(gaps.drop(columns=["name", "words"]), f"widest_gaps_{s.region}_{s.year}")
with right:
    st.subheader(
        f"Where {ind.label.lower()} is highest"
        if ind.higher_is_worse
        else f"Where {ind.label.lower()} is lowest"
    )
    ranked = text.worst_first(worse.merge(areas, on="area_id"), bool(ind.higher_is_worse)).head(6)
    if ranked.empty:
        st.info("No neighbourhood has a value to show for this indicator and year.")
    else:
        ui.takeaway(
            text.spread_takeaway(
                worse.merge(areas, on="area_id"),
                ind.label,
                ind.unit,
                bool(ind.higher_is_worse),
                s.year,
                fr.region_name,
            )
        )
        for r in ranked.itertuples():
            st.page_link(
                pages["map"],
                label=f"{r.name}: {text.number(r.value, ind.unit)}",
                icon=":material/location_on:",
                query_params=s.params(extra={"area": r.area_id}),
            )
    st.caption(f"Source: {fr.source()}, {s.year}. {ind.description}")
