"""Plain words for "where would more help most": excess cases (Disparities page) and the vulnerable
populations footprint (Map page). All of this feature's wording is here, to be translated in one place."""

from __future__ import annotations

from equity import excess, text
from equity.i18n import N_, _, ngettext
from equity.text import lower_first, number

# ---- excess cases -------------------------------------------------------------------------------------

EXCESS_HEADING = "How many fewer, if every group had the best rate"
EXCESS_AREAS_HEADING = "How many fewer, if every area had the best rate"
EXCESS_AXIS = "How many fewer, if the group had the reference rate"
EXCESS_AREAS_AXIS = "How many fewer, if the area had the reference rate"
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
            f"{reference_name(dim, top.label)} alone in {text.place_words(place)} in {year} "
            f"(95% CI {count(top.excess_low)} "
            f"to {count(top.excess_high)})."
        )
    est, lo, hi = e.total
    if est <= 0:
        return (
            lead + f"there would be no fewer {what} in {text.place_words(place)} in {year}: none fares worse."
        )
    share = f", {e.share:.0%} of those counted" if e.share else ""
    return (
        lead + f"there would be about {count(est)} {fewer} {what} in {text.place_words(place)} in {year} "
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
    if e.status == "mismatch":
        return (
            f"The counts loaded with “{label}” are not those of its rate (their ratio differs from the "
            "figures shown), so excess cases are not estimated from them."
        )
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


def excess_title(label: str, reference: str) -> str:
    return f"Fewer {counted_words(label)} at the rate of {reference}, by group"


def excess_area_title(label: str, level_words: str, shown: int, of: int) -> str:
    some = f"the {shown} with the most of {of:,}" if shown < of else f"all {of}"
    return f"Fewer {counted_words(label)} at the best area's rate: {level_words}, {some}"


def excess_bar_words(excess_value: float, is_reference: bool) -> str:
    return "the reference" if is_reference else count(excess_value)


def excess_hover(excess_value: float, low: float, high: float, is_reference: bool) -> str:
    if is_reference:
        return "the reference"
    return f"about {count(excess_value)} fewer (95% CI {count(low)} to {count(high)})"


# ---- the footprint ------------------------------------------------------------------------------------

FOOTPRINT_LABEL = N_("Footprint")  # an option's value too: translated where it is shown
FOOTPRINT_INDICATORS = N_("Indicators (two or three)")
DOWNLOAD_FOOTPRINT = N_("The footprint's areas:")
FOOTPRINT_PROFILE = N_("Inside the footprint")
FOOTPRINT_GROUPS = N_("Who lives there")
FOOTPRINT_SITES = N_("Program sites inside it")
FOOTPRINT_REACH = N_("People programs served who live there")
FOOTPRINT_LEGEND = N_("Footprint")
SITE_MARK = N_("Program site")
STATUS_WORDS = {
    "in": N_("Meets every threshold (the footprint)"),
    "out": N_("Misses a threshold"),
    "suppressed": N_("Too few to show for one indicator"),
    "no_data": N_("No data for one indicator"),
}
FOOTPRINT_METHOD = N_(
    "The vulnerable populations footprint (SparkMap, University of Missouri CARES): an area is in it where "
    "each chosen indicator is at its threshold or worse. An area that misses no threshold but lacks a "
    "figure for one (too few to show, or no data) cannot be told: it is drawn apart and not counted in it."
)
FOOTPRINT_NO_SITES = N_("No program site lies inside the footprint.")
FOOTPRINT_NO_PROGRAMS = N_("This database has no program sites: load them with the program_sites template.")
FOOTPRINT_NO_REACH = N_("No program's reach is recorded for these areas.")
FOOTPRINT_SOURCE = N_("Figures:")


def status_words(status: str) -> str:
    """An area's standing against the footprint's thresholds, in this run's language."""
    return _(STATUS_WORDS[status])


def threshold_words(label: str, value: float, unit: str, higher_is_worse: bool) -> str:
    """'People living below the poverty line: 20.0% or more'."""
    words = _("{label}: {value} or more") if higher_is_worse else _("{label}: {value} or less")
    return words.format(label=label, value=number(value, unit))


def slider_label(label: str, higher_is_worse: bool) -> str:
    words = _("{label} — at least") if higher_is_worse else _("{label} — at most")
    return words.format(label=label)


def footprint_title(level: str, year) -> str:
    return _("Footprint: {areas} that meet every threshold, {year}").format(
        areas=text.areas_in_sentence(level), year=year
    )


def footprint_takeaway(inside: int, of: int, level: str, place: str, people, share, n: int, sites: int):
    place = text.place_words(place)
    if inside == 0:
        none = {
            2: _("No {area} in {place} meets both thresholds: loosen one to see where need overlaps."),
            3: _("No {area} in {place} meets all three thresholds: loosen one to see where need overlaps."),
        }.get(n, _("No {area} in {place} meets all {n} thresholds: loosen one to see where need overlaps."))
        return none.format(area=_(text.LEVEL_SINGULAR.get(level, "area")), place=place, n=n)
    areas = text.areas_in_sentence(level)
    meet = {
        2: _("{inside} of {of} {areas} in {place} meet both thresholds"),
        3: _("{inside} of {of} {areas} in {place} meet all three thresholds"),
    }.get(n, _("{inside} of {of} {areas} in {place} meet all {n} thresholds"))
    lead = meet.format(inside=f"{inside:,}", of=f"{of:,}", areas=areas, place=place, n=n)
    if people is not None and people > 0:
        if share:
            home = _("{lead}, home to {people} people, {share} of the people in {place}.")
        else:
            home = _("{lead}, home to {people} people.")
        lead = home.format(
            lead=lead, people=f"{int(people):,}", share=f"{share:.0%}" if share else "", place=place
        )
    else:
        lead += "."
    if sites:
        where = ngettext(
            "{n} program site lies inside it.", "{n} program sites lie inside it.", sites
        ).format(n=sites)
    else:
        where = _("No program site lies inside it.")
    return f"{lead} {where}"


def too_few_indicators(level: str, n: int) -> str:
    return _(
        "A footprint needs two indicators with figures for {areas}; this database has {n}. Load another "
        "indicator (the indicators template) to draw one."
    ).format(areas=text.level_words(level).lower(), n=n)


def filled_up(label: str) -> str:
    return _("A footprint needs at least two indicators; “{label}” was added.").format(label=label)


def beyond_range(label: str, asked: float, shown: float, unit: str) -> str:
    return _(
        "The link's threshold for “{label}”, {asked}, is beyond every value on this map; showing {shown} "
        "instead."
    ).format(label=label, asked=number(asked, unit), shown=number(shown, unit))


def groups_note(dim_words: str, label: str, year, withheld: int) -> str:
    note = _(
        "Shares of the people counted by {dim} in “{label}”, {year}, inside the footprint and in the rest "
        "of the region."
    ).format(dim=dim_words, label=label, year=year)
    if withheld:
        note += " " + _("Groups too few to show in {n} of its areas are left out.").format(n=f"{withheld:,}")
    return note


def no_groups(level: str) -> str:
    return _("No indicator here counts people by group for {areas}.").format(
        areas=text.level_words(level).lower()
    )


def reach_note(withheld: int) -> str:
    if withheld:
        return _(
            "Counts of people served in each program's latest year; {n} areas' counts are too few to show "
            "and left out, so these are at least."
        ).format(n=f"{withheld:,}")
    return _("Counts of people served in each program's latest year; no area's count was withheld.")


def within_parts_takeaway(e: excess.Excess, *, label: str, level: str, place: str, year) -> str:
    """Excess cases summed over a region's areas, each against its own best stable group."""
    plural = text.LEVEL_PLURAL.get(level, "areas").lower()
    one = text.LEVEL_SINGULAR.get(level, "area")
    est, lo, hi = e.total
    n = len(e.by_unit)
    return (
        f"If in each {one} every group had the rate of that {one}'s best-off group with a stable rate, there "
        f"would be about {count(est)} fewer {counted_words(label)} across {n:,} {plural} in "
        f"{text.place_words(place)} in {year} (95% CI {count(lo)} to {count(hi)})."
    )


def within_parts_note(level: str, place: str) -> str:
    one = text.LEVEL_SINGULAR.get(level, "area")
    return (
        f"The source gives no rates by group for {text.place_words(place)} as a whole, so each {one}'s "
        f"groups are compared with its own best stable group and the {one}s' excess cases are added up "
        "(the total's interval treats them as independent)."
    )


def within_parts_title(label: str, level: str, shown: int, of: int) -> str:
    plural = text.LEVEL_PLURAL.get(level, "areas").lower()
    some = f"the {shown} with the most of {of:,}" if shown < of else f"all {of}"
    return f"Fewer {counted_words(label)} at each one's best group's rate: {plural}, {some}"
