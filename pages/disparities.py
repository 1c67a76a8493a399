"""Disparities: one indicator by group with 95% intervals against a reference, and over time."""

import pandas as pd
import streamlit as st

from equity import charts, metrics, text, ui
from equity.safety import inert, md

fr = ui.frame()
s = fr.state
ind = fr.indicator
dim_words = text.group_dim_label(s.group).lower()
cited = f"{fr.source()}, {s.year}"

# An area inside the region (a county or tract, e.g. from the map) can be looked at on its own.
inside = ui.query("areas_in_region", region=s.region).set_index("area_id")
focus = s.extra.get("area") or s.region
if focus not in inside.index and focus != s.region:
    s = ui.fall_back(
        "area",
        None,
        f"The link asked for the area “{inert(focus)}”, which is not in {fr.region_name}; showing the "
        "whole region instead.",
    )
    focus = s.region
place = fr.region_name if focus == s.region else inside.loc[focus, "name"]
level = fr.regions.loc[s.region, "level"] if focus == s.region else inside.loc[focus, "level"]

st.title(md(f"{ind.label} by {dim_words}"))
if focus != s.region:
    st.markdown(f"**{md(place)}**, in {md(fr.region_name)}.")
    if st.button(md(f"Back to all of {fr.region_name}"), icon=":material/arrow_back:"):
        ui.set_params(area="")
        st.rerun()

series = ui.query("area_values", ind=s.ind, area=focus)
if not (series["group_dim"] != "all").any():
    with_groups = fr.indicators[fr.indicators["has_groups"]]
    st.info(
        md(f"“{ind.label}” has no values by group. These indicators do: " + ", ".join(with_groups["label"]))
        + ".",
        icon=":material/info:",
    )
    st.stop()

this_year = series[(series["year"] == s.year) & (series["group_dim"] == s.group)]
everyone = series[(series["year"] == s.year) & (series["group_dim"] == "all")]
everyone_row = None if everyone.empty or text.is_missing(everyone.iloc[0].value) else everyone.iloc[0]
labels = this_year["group_label"].tolist()

ref_options = ["best", "overall", *labels]
ref = s.ref if s.ref in ref_options else "best"
if s.ref not in ref_options:
    s = ui.fall_back(
        "ref",
        "best",
        f"The link asked to compare with “{inert(s.ref)}”, which is not a group here; comparing with the "
        "best-off group instead.",
    )
ref_words = {"best": "The best-off group", "overall": f"Everyone in {place}"}
chosen = st.columns([2, 3])[0].selectbox(
    "Compare each group with",
    ref_options,
    index=ref_options.index(ref),
    format_func=lambda r: ref_words.get(r, r),
    key=f"ref_{s.group}_{ref}",
)
if chosen != ref:
    ui.set_params(ref=chosen)
    st.rerun()

ref_value, ref_se, ref_label, ref_group = metrics.reference_value(
    this_year, everyone_row, ref, bool(ind.higher_is_worse)
)
ui.takeaway(
    text.group_takeaway(this_year, ind.label, ind.unit, bool(ind.higher_is_worse), s.year, place, s.group),
    source=cited,
)
source = charts.source_line(
    fr.source(), s.year, f"{text.MEASURE_WORDS[ind.measure_type]}s · whiskers: 95% confidence interval"
)
fig = charts.group_bars(
    this_year,
    label=ind.label,
    unit=ind.unit,
    higher_is_worse=bool(ind.higher_is_worse),
    ref_value=ref_value,
    ref_label=ref_label,
    title=f"{ind.label} by {dim_words}, {place}",
    subtitle=source,
)
ui.chart(fig, key="groups")

st.subheader(md(f"Each group against {text.lower_first(ref_label)}"))
compared = metrics.compare_with_reference(this_year, ref_value, ref_se, ref_group)
table = pd.DataFrame(
    {
        "Group": compared["group_label"],
        "Value (95% interval)": charts.shown_values(compared, ind.unit),
        "Rate ratio (95% interval)": [
            "reference"
            if r.is_reference
            else (
                "—" if text.is_missing(r.ratio) else f"{r.ratio:.2f} ({r.ratio_low:.2f}–{r.ratio_high:.2f})"
            )
            for r in compared.itertuples()
        ],
        "Difference (95% interval)": [
            "reference"
            if r.is_reference
            else (
                "—"
                if text.is_missing(r.difference)
                else f"{r.difference:+.1f} ({r.difference_low:+.1f} to {r.difference_high:+.1f})"
            )
            for r in compared.itertuples()
        ],
        "In words": [
            "the reference" if r.is_reference else text.ratio_words(r.ratio, r.ratio_low, r.ratio_high)
            for r in compared.itertuples()
        ],
    }
)
st.table(table.set_index("Group"))  # a static table wraps long words; a data grid cuts them off
summary = metrics.summary_measures(this_year, bool(ind.higher_is_worse))
if summary:
    idx, idx_lo, idx_hi = summary["index_of_disparity"]
    srr, srr_lo, srr_hi = summary["summary_rate_ratio"]
    st.markdown(
        f"**Across all groups:** on average, groups fare {idx:.0f}% worse than the best-off group "
        f"(Index of Disparity {idx:.0f}%, likely between {idx_lo:.0f}% and {idx_hi:.0f}%; summary rate ratio "
        f"{srr:.2f}, likely between {srr_lo:.2f} and {srr_hi:.2f}). Intervals by simulation from each "
        "group's standard error, as Healthy People computes them."
    )

share = metrics.shares(this_year, everyone_row)
if len(share) >= 2:
    st.subheader("Share of those affected and share of the people")
    top = share[share["group_label"] != "Groups too small to show"].sort_values("relative_inequity").iloc[-1]
    group_words = text.who(s.group, top.group_label)
    group_words = group_words[:1].upper() + group_words[1:]
    ui.takeaway(
        f"{group_words} make up {top.population_share:.0%} of the people counted "
        f"but {top.case_share:.0%} of {text.lower_first(ind.label)}: "
        f"{top.relative_inequity:+.0%} against their share.",
        source=cited,
    )
    fig_share = charts.share_bars(
        share,
        case_words=text.lower_first(ind.label),
        title=f"{ind.label}: who is affected",
        subtitle=charts.source_line(
            fr.source(),
            s.year,
            f"groups of {text.small_counts(fr.min_count)} people are pooled · crude counts"
            + (", not age-adjusted" if ind.measure_type == "age_adjusted" else ""),
        ),
    )
    ui.chart(fig_share, key="shares")

st.subheader("Over time")
over_time = series[series["group_dim"] == s.group]
groups_now = over_time[over_time["year"] == s.year].dropna(subset=["value"])
if len(groups_now) >= 2:
    ordered = text.worst_first(groups_now, bool(ind.higher_is_worse))
    worst, best = ordered.iloc[0].group_label, ordered.iloc[-1].group_label
    change = metrics.gap_over_time(over_time, worst, best)
    if change:
        ui.takeaway(
            text.change_words(change, ind.unit, text.who(s.group, worst), text.who(s.group, best)),
            source=cited,
        )
fig2 = charts.group_trend(
    over_time,
    unit=ind.unit,
    title=f"{ind.label} by {dim_words} over time",
    subtitle=charts.source_line(
        fr.source(),
        f"{series['year'].min()}–{series['year'].max()}",
        f"{text.MEASURE_WORDS[ind.measure_type]}s · bars: 95% confidence interval",
    ),
)
ui.chart(fig2, key="trend")
st.subheader("Compared with other places")
places = ui.query("place_groups", ind=s.ind, year=s.year, group=s.group, region=focus)
gaps = metrics.gap_by_place(places, bool(ind.higher_is_worse))
here = gaps[gaps["area_id"] == focus]
nation = gaps[gaps["level"] == "nation"]
if level != "state":
    # A county or a tract against the places around it: its county, its state, the nation.
    around = gaps[(gaps["area_id"] != focus) & (gaps["level"] != level)]
    if len(here) and len(around):
        ui.takeaway(
            text.place_gap_words(
                place, here.iloc[0].ratio, list(zip(around["name"], around["ratio"], strict=True))
            ),
            source=cited,
        )
    elif here.empty:
        st.info(
            md(f"Too few groups have values in {place} to measure its gap; the chart shows what there is.")
        )
    fig3 = charts.places_by_group(
        places,
        unit=ind.unit,
        title=f"{ind.label} by {dim_words}: {place} and the places around it",
        subtitle=source,
    )
    ui.chart(fig3, key="places")
else:
    counties = gaps[gaps["level"] == "county"].copy()
    if counties.empty:
        st.info("No county inside this region has enough groups with values to compare.")
    else:
        widest = counties.sort_values("ratio", ascending=False).iloc[0]
        overall = f", against {here.iloc[0].ratio:.1f} times across {place}" if len(here) else ""
        if len(nation):
            overall += (
                f" and {nation.iloc[0].ratio:.1f} times across {text.place_words(nation.iloc[0]['name'])}"
            )
        ui.takeaway(
            f"The gap between the worst- and best-off groups is widest in {widest['name']}: "
            f"{text.who(s.group, widest.worst_group)} fare {widest.ratio:.1f} times worse than "
            f"{text.who(s.group, widest.best_group)}{overall}.",
            source=cited,
        )
        counties["words"] = [
            f"{r.ratio:.1f}×: {r.worst_group} vs {r.best_group}" for r in counties.itertuples()
        ]
        fig3 = charts.ranked_bars(
            counties,
            x="ratio",
            y="name",
            hover="words",
            x_title="Worst-off group's rate ÷ best-off group's rate",
            title=f"Gap by {dim_words} in each county",
            subtitle=charts.source_line(fr.source(), s.year, text.MEASURE_WORDS[ind.measure_type] + "s"),
        )
        fig3.data[0].showlegend = False
        charts.reference_lines(
            fig3,
            [
                (f"{row.iloc[0]['name']}: {row.iloc[0].ratio:.1f}×", row.iloc[0].ratio, color, dash)
                for row, color, dash in ((here, charts.BAD, "dash"), (nation, charts.INK, "dot"))
                if len(row)
            ],
        )
        ui.chart(fig3, key="places")
ui.download(series.assign(indicator_id=s.ind, area_id=focus), f"disparities_{s.ind}_{focus}")
st.caption(
    f"{md(ind.description)} Groups with {text.few(fr.min_count)} people counted are shown as “Too few to "
    "show”, never as zero. Faded dots are unreliable estimates (relative standard error over 30%)."
)
