"""Plain words for "where would more help most": excess cases (Disparities page) and the vulnerable
populations footprint (Map page). All of this feature's wording is here, to be translated in one place."""

from __future__ import annotations

from equity import excess, text
from equity.text import lower_first, number

# ---- excess cases -------------------------------------------------------------------------------------

EXCESS_HEADING = "How many fewer, if every group had the best rate"
EXCESS_AREAS_HEADING = "How many fewer, if every area had the best rate"
EXCESS_AXIS = "Fewer cases if it had the reference rate"
DOWNLOAD_EXCESS = "Excess cases:"
EXCESS_METHOD = (
    "Excess cases = the sum over groups of (the group's rate − the reference's rate) × its people, a group "
    "already better than the reference counted as 0 (the population attributable risk in counts: HD*Calc; "
    "Schlotheuber & Hosseinpoor 2022). Rates are each group's published cases over its people. The total's "
    "95% interval is by simulation from each group's standard error (HD*Calc's method), each group's by the "
    "delta method. The reference is the best rate resting on at least "
    f"{excess.MIN_REFERENCE_CASES} cases with a relative standard error of at most 30% (NCHS standards)."
)
EXCESS_CAVEAT = (
    "The best observed rate tends to be better than the best true rate, most where groups are small, so "
    "such estimates lean high; they measure a gap, not what any one program would achieve."
)
PLURAL_STARTS = (
    "adults", "people", "households", "babies", "births", "children", "women", "men", "residents",
    "deaths", "visits", "emergency", "preventable", "years", "teen", "new ",
)  # fmt: skip


def counted_words(label: str) -> str:
    """What an indicator counts, as a plural noun a sentence can take: 'adults without health insurance',
    'new cases of cervical cancer', 'deaths from heart disease', else 'cases of “Label”'."""
    low = lower_first(label.strip())
    for suffix, lead in ((" incidence", "new cases of "), (" mortality", "deaths from ")):
        if low.lower().endswith(suffix):
            return lead + lower_first(low[: -len(suffix)])
    if low.lower().startswith(PLURAL_STARTS):
        return low
    return f"cases of “{label}”"


def count(value: float) -> str:
    return f"{excess.rounded(value):,}"


def reference_name(dim: str, label: str) -> str:
    return text.who(dim, label) if dim != "area" else label


def excess_takeaway(e: excess.Excess, *, dim: str, label: str, unit: str, place: str, year) -> str:
    """'If every group had the rate of White residents (6.7%), there would be about 42,900 fewer adults
    without health insurance in Riverbend in 2023 (95% CI 42,300 to 43,400), 46% of those counted.'"""
    ref = e.reference
    who = "area" if dim == "area" else "group"
    rate = number(excess.in_unit(ref["rate"], unit), unit)
    fewer = "fewer" if e.higher_is_worse else "more people not"
    what = counted_words(label)
    lead = f"If every {who} had the rate of {reference_name(dim, ref['label'])} ({rate}), "
    if e.total is None:  # groups overlap: the largest group's excess, not a sum
        top = e.by_unit.sort_values("excess").iloc[-1]
        return (
            lead + f"there would be about {count(top.excess)} {fewer} {what} among "
            f"{reference_name(dim, top.label)} alone in {place} in {year} (95% CI {count(top.excess_low)} "
            f"to {count(top.excess_high)})."
        )
    est, lo, hi = e.total
    if est <= 0:
        return lead + f"there would be no fewer {what} in {place} in {year}: no {who} fares worse than it."
    share = f", {e.share:.0%} of those counted" if e.share else ""
    return (
        lead + f"there would be about {count(est)} {fewer} {what} in {place} in {year} "
        f"(95% CI {count(lo)} to {count(hi)}){share}."
    )


def unstable_best(e: excess.Excess, dim: str, unit: str) -> str:
    b = e.unstable_best
    rate = number(excess.in_unit(b["rate"], unit), unit)
    return (
        f"The best rate, of {reference_name(dim, b['label'])} ({rate}), "
        f"rests on {int(b['cases']):,} cases, too few to be stable (at least {excess.MIN_REFERENCE_CASES} "
        "cases and a relative standard error of at most 30%, the NCHS standards); the comparison uses "
        f"{reference_name(dim, e.reference['label'])}, the best stable rate."
    )


def no_excess(e: excess.Excess, label: str, dim: str, crude: str | None = None) -> str:
    """Why there is no estimate of excess cases, in words."""
    who = "area" if dim == "area" else "group"
    if e.status == "age_adjusted":
        tail = f" Choose “{crude}” to see them." if crude else ""
        return (
            "Excess cases are counted from cases and people, and an age-adjusted rate is not their ratio, "
            f"so they are not estimated for “{label}”.{tail}"
        )
    if e.status == "not_counts":
        return f"“{label}” is not a count of cases among people, so excess cases do not apply to it."
    if e.status == "no_counts":
        return f"“{label}” has no counts of cases and people here, so excess cases cannot be estimated."
    if e.status == "too_few":
        return f"Fewer than two {who}s have counts to show here, so excess cases cannot be estimated."
    b = e.unstable_best
    return (
        f"No {who}'s rate rests on enough cases to be a stable reference (at least "
        f"{excess.MIN_REFERENCE_CASES} cases and a relative standard error of at most 30%, the NCHS "
        f"standards; the best, {reference_name(dim, b['label'])}, has {int(b['cases']):,}), so excess cases "
        "are not estimated."
    )


def left_out(labels: list[str], dim: str) -> str:
    who = "areas" if dim == "area" else "groups"
    return (
        f"Left out, too few to show or not counted: {text._and(labels)}."
        if len(labels) <= 6
        else (f"Left out: {len(labels):,} {who} too few to show or not counted.")
    )


def overlap_note() -> str:
    return (
        "These groups overlap (a person can be counted in two), so each group's excess is shown on its own "
        "and not added up."
    )


def crude_note(aa_label: str) -> str:
    return (
        "These are crude counts: groups differ in age, which explains part of the gap "
        f"(the age-adjusted rates are under “{aa_label}”)."
    )


def excess_title(label: str, dim_words: str) -> str:
    return f"{label}: how many fewer if each {dim_words} had the reference rate"


def excess_area_title(label: str, level_words: str, shown: int, of: int) -> str:
    some = f"the {shown} with the most, of {of:,}" if shown < of else f"all {of}"
    return f"{label}: how many fewer in each of {level_words} ({some}), at the best area's rate"


def excess_bar_words(excess_value: float, low: float, high: float, is_reference: bool) -> str:
    if is_reference:
        return "the reference"
    return f"{count(excess_value)} ({count(low)} to {count(high)})"
