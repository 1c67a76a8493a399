"""Overview: headline figures for the region and the widest gaps, each linking to its page."""

import streamlit as st

from equity import charts, metrics, text, ui
from equity.safety import md

fr = ui.frame()
s = fr.state
ind = fr.indicator
pages = {p.url_path: p for p in st.session_state["_pages"]}
links = s.params(extra={})

st.title(f"Health equity in {md(fr.region_name)}")

region_series = ui.query("area_values", ind=s.ind, area=s.region)
everyone = region_series[(region_series["group_dim"] == "all") & (region_series["year"] == s.year)]
tracts = ui.query("map_values", ind=s.ind, year=s.year, level="tract", region=s.region)
areas = ui.query("map_areas", level="tract", region=s.region).drop(columns=["geometry_drawn"])
named = tracts.dropna(subset=["value"]).merge(areas, on="area_id")
groups = ui.query("region_groups", region=s.region, year=s.year)
commitments = ui.query("commitments", as_of=fr.as_of)
gaps = metrics.widest_gaps(groups, fr.indicators, dims=metrics.SOCIAL_DIMS)

if len(gaps):
    g = gaps.iloc[0]
    ui.takeaway(
        f"The widest gap in {s.year}: {text.lower_first(g.label)} were {text.times(g.ratio)} as common among "
        f"{text.who(g.group_dim, g.worst_group)} ({text.number(g.worst_value, g.unit)}) as among "
        f"{text.who(g.group_dim, g.best_group)} ({text.number(g.best_value, g.unit)}).",
        source=f"{fr.source(g.indicator_id)}, {s.year}",
    )

headline = [("People living here", text.people(fr.regions.loc[s.region, "population"]), "")]
if len(everyone) and not text.is_missing(everyone.iloc[0].value):
    e = everyone.iloc[0]
    headline.append(
        (
            f"{ind.label}, {s.year}",
            text.number(e.value, ind.unit),
            text.interval(e.ci_low, e.ci_high, ind.unit).capitalize() + " (95% confidence interval)",
        )
    )
    worse = (named["value"] > e.value) if ind.higher_is_worse else (named["value"] < e.value)
    headline.append(
        (
            "Neighbourhoods faring worse than the region as a whole",
            f"{int(worse.sum())} of {len(tracts)}",
            text.lower_first(ind.label),
        )
    )
else:
    headline.append((f"{ind.label}, {s.year}", text.FLAG_TEXT["no_data"], ""))
summary = metrics.commitment_summary(commitments)
if summary["total"]:
    headline.append(
        (
            "Partner commitments overdue",
            f"{summary['overdue']} of {summary['total']}",
            f"{summary['done']} done",
        )
    )
else:
    headline.append(
        ("Partner commitments", "None yet", "Load your coalition's commitments to track them here")
    )
ui.cards(headline)

st.subheader(f"Widest gaps by race and ethnicity and by income, {s.year}")
if gaps.empty:
    st.info("No indicator has values by race and ethnicity or by income for this region and year.")
else:
    gaps["group"] = gaps["group_dim"].map(text.group_dim_label)
    gaps["name"] = [
        f"{r.label} — by {r.group.lower()}<br><span style='font-size:14px;color:#4a4f55'>"
        f"{r.worst_group} vs {r.best_group}</span>"
        for r in gaps.itertuples()
    ]
    gaps["words"] = [f"{r.ratio:.1f}×" for r in gaps.itertuples()]
    fig = charts.ranked_bars(
        gaps,
        x="ratio",
        y="name",
        hover="words",
        x_title="Worst-off group's rate ÷ best-off group's rate",
        title="How many times worse the worst-off group fares",
        subtitle=charts.source_line(
            "indicator sources listed under Data & methods",
            s.year,
            "crude rates unless labelled age-adjusted",
        ),
        height=470,
    )
    fig.add_vline(x=1, line=dict(color="#111", width=1.5))
    ui.chart(fig, key="overview_gaps")

left, right = st.columns(2, gap="large")
with left:
    st.markdown("**Look closer at a gap**")
    for r in gaps.itertuples():
        st.page_link(
            pages["disparities"],
            label=md(f"{r.label} by {r.group.lower()}"),
            icon=":material/bar_chart:",
            query_params=s.params(ind=r.indicator_id, group=r.group_dim, extra={}),
        )
    if len(gaps):
        ui.download(
            gaps.drop(columns=["name", "words"]),
            f"widest_gaps_{s.region}_{s.year}",
            label="Download these gaps (CSV)",
        )
with right:
    verb = "highest" if ind.higher_is_worse else "lowest"
    st.markdown(f"**Where {md(text.lower_first(ind.label))} is {verb}, {s.year}**")
    ranked = text.worst_first(named, bool(ind.higher_is_worse)).head(5)
    if ranked.empty:
        st.info("No neighbourhood has a value to show for this indicator and year.")
    for r in ranked.itertuples():
        st.page_link(
            pages["map"],
            label=md(f"{r.name}: {text.value_with_flag(r.value, r.ci_low, r.ci_high, r.flag, ind.unit)}"),
            icon=":material/location_on:",
            query_params=s.params(extra={"area": r.area_id}),
        )
    st.page_link(
        pages["partnerships"],
        label="See the overdue commitments",
        icon=":material/handshake:",
        query_params=links,
    )
measure = text.measure_words(ind.measure_type, ind.unit)
st.caption(md(f"Source: {fr.source()}, {s.year}{'; ' + measure if measure else ''}. {ind.description}"))
