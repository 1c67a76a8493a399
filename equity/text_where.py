"""Plain words for "where would more help most": excess cases (Disparities page) and the vulnerable
populations footprint (Map page). All of this feature's wording is here, to be translated in one place."""

from __future__ import annotations

from equity import excess, i18n, text
from equity.i18n import N_, _, ngettext
from equity.text import lower_first, number

# ---- excess cases -------------------------------------------------------------------------------------

EXCESS_HEADING = N_("How many fewer, if every group had the best rate")
EXCESS_AREAS_HEADING = N_("How many fewer, if every area had the best rate")
EXCESS_AXIS = N_("How many fewer, if the group had the reference rate")
EXCESS_AREAS_AXIS = N_("How many fewer, if the area had the reference rate")
DOWNLOAD_EXCESS = N_("Excess cases:")
EXCESS_METHOD = (
    "Excess cases = the sum over groups of (the group's rate − the reference's rate) × its people, a group "
    "already better than the reference counted as 0 (the population attributable risk in counts: HD*Calc; "
    "Schlotheuber & Hosseinpoor 2022). Rates are each group's published cases over its people. The total's "
    "95% interval is by simulation from each group's standard error (HD*Calc's method), each group's by the "
    "delta method. The reference is the best rate resting on at least "
    f"{excess.MIN_REFERENCE_CASES} cases with a relative standard error of at most 30% (NCHS standards)."
)
EXCESS_CAVEAT = N_(
    "The best observed rate tends to be better than the best true rate, most where groups are small, so "
    "such estimates lean high; they measure a gap, not what any one program would achieve."
)
EXCESS_MARKS = N_("whiskers: 95% intervals · crude counts")
PLURAL_STARTS = (
    "adults", "people", "households", "babies", "births", "children", "women", "men", "residents",
    "deaths", "visits", "emergency", "preventable", "years", "teen", "new ",
)  # fmt: skip


def excess_method() -> str:
    return _(
        "Excess cases = the sum over groups of (the group's rate − the reference's rate) × its people, a "
        "group already better than the reference counted as 0 (the population attributable risk in counts: "
        "HD*Calc; Schlotheuber & Hosseinpoor 2022). Rates are each group's published cases over its people. "
        "The total's 95% interval is by simulation from each group's standard error (HD*Calc's method), each "
        "group's by the delta method. The reference is the best rate resting on at least {cases} cases with "
        "a relative standard error of at most 30% (NCHS standards)."
    ).format(cases=excess.MIN_REFERENCE_CASES)


def counted_words(label: str) -> str:
    """What an indicator counts, as a plural noun a sentence can take: 'adults without health insurance',
    'new cases of cervical cancer', 'deaths from heart disease', else 'cases of “Label”'."""
    low = lower_first(label.strip())
    if i18n.lang() != "en":  # the label as translated already names what it counts
        return low
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
    rate = number(excess.in_unit(ref["rate"], unit), unit)
    what = counted_words(label)
    lead = (
        _("If every area had the rate of {reference} ({rate}), ")
        if dim == "area"
        else _("If every group had the rate of {reference} ({rate}), ")
    ).format(reference=reference_name(dim, ref["label"]), rate=rate)
    where = dict(what=what, place=text.place_words(place), year=year)
    if e.total is None:  # groups overlap: the largest group's excess, not a sum
        top = e.by_unit.sort_values("excess").iloc[-1]
        words = (
            _(
                "there would be about {n} fewer {what} among {group} alone in {place} in {year} "
                "(95% CI {low} to {high})."
            )
            if e.higher_is_worse
            else _(
                "there would be about {n} more people not {what} among {group} alone in {place} in {year} "
                "(95% CI {low} to {high})."
            )
        )
        return lead + words.format(
            n=count(top.excess),
            group=reference_name(dim, top.label),
            low=count(top.excess_low),
            high=count(top.excess_high),
            **where,
        )
    est, lo, hi = e.total
    if est <= 0:
        return lead + _("there would be no fewer {what} in {place} in {year}: none fares worse.").format(
            **where
        )
    share = _(", {share} of those counted").format(share=f"{e.share:.0%}") if e.share else ""
    words = (
        _("there would be about {n} fewer {what} in {place} in {year} (95% CI {low} to {high}){share}.")
        if e.higher_is_worse
        else _(
            "there would be about {n} more people not {what} in {place} in {year} "
            "(95% CI {low} to {high}){share}."
        )
    )
    return lead + words.format(n=count(est), low=count(lo), high=count(hi), share=share, **where)


def unstable_best(e: excess.Excess, dim: str, unit: str) -> str:
    b = e.unstable_best
    rate = number(excess.in_unit(b["rate"], unit), unit)
    return _(
        "The best rate, of {best} ({rate}), rests on {cases} cases, too few to be stable (at least {least} "
        "cases and a relative standard error of at most 30%, the NCHS standards); the comparison uses "
        "{reference}, the best stable rate."
    ).format(
        best=reference_name(dim, b["label"]),
        rate=rate,
        cases=f"{int(b['cases']):,}",
        least=excess.MIN_REFERENCE_CASES,
        reference=reference_name(dim, e.reference["label"]),
    )


def no_excess(e: excess.Excess, label: str, dim: str, crude: str | None = None) -> str:
    """Why there is no estimate of excess cases, in words."""
    if e.status == "age_adjusted":
        tail = _(" Choose “{crude}” to see them.").format(crude=crude) if crude else ""
        return (
            _(
                "Excess cases are counted from cases and people, and an age-adjusted rate is not their "
                "ratio, so they are not estimated for “{label}”."
            ).format(label=label)
            + tail
        )
    if e.status == "not_counts":
        return _(
            "“{label}” is not a count of cases among people, so excess cases do not apply to it."
        ).format(label=label)
    if e.status == "mismatch":
        return _(
            "The counts loaded with “{label}” are not those of its rate (their ratio differs from the "
            "figures shown), so excess cases are not estimated from them."
        ).format(label=label)
    if e.status == "no_counts":
        return _(
            "“{label}” has no counts of cases and people here, so excess cases cannot be estimated."
        ).format(label=label)
    if e.status == "too_few":
        return (
            _("Fewer than two areas have counts to show here, so excess cases cannot be estimated.")
            if dim == "area"
            else _("Fewer than two groups have counts to show here, so excess cases cannot be estimated.")
        )
    b = e.unstable_best
    words = (
        _(
            "No area's rate rests on enough cases to be a stable reference (at least {least} cases and a "
            "relative standard error of at most 30%, the NCHS standards; the best, {best}, has {cases}), so "
            "excess cases are not estimated."
        )
        if dim == "area"
        else _(
            "No group's rate rests on enough cases to be a stable reference (at least {least} cases and a "
            "relative standard error of at most 30%, the NCHS standards; the best, {best}, has {cases}), so "
            "excess cases are not estimated."
        )
    )
    return words.format(
        least=excess.MIN_REFERENCE_CASES, best=reference_name(dim, b["label"]), cases=f"{int(b['cases']):,}"
    )


def left_out(labels: list[str], dim: str) -> str:
    if len(labels) <= 6:
        return _("Left out, too few to show or not counted: {labels}.").format(labels=text._and(labels))
    words = (
        _("Left out: {n} areas too few to show or not counted.")
        if dim == "area"
        else _("Left out: {n} groups too few to show or not counted.")
    )
    return words.format(n=f"{len(labels):,}")


def overlap_note() -> str:
    return _(
        "These groups overlap (a person can be counted in two), so each group's excess is shown on its own "
        "and not added up."
    )


def crude_note(aa_label: str) -> str:
    return _(
        "These are crude counts: groups differ in age, which explains part of the gap "
        "(the age-adjusted rates are under “{label}”)."
    ).format(label=aa_label)


def excess_title(label: str, reference: str) -> str:
    return _("Fewer {what} at the rate of {reference}, by group").format(
        what=counted_words(label), reference=reference
    )


def _some(shown: int, of: int) -> str:
    if shown < of:
        return _("the {shown} with the most of {of}").format(shown=shown, of=f"{of:,}")
    return _("all {of}").format(of=of)


def excess_area_title(label: str, level_words: str, shown: int, of: int) -> str:
    return _("Fewer {what} at the best area's rate: {areas}, {some}").format(
        what=counted_words(label), areas=level_words, some=_some(shown, of)
    )


def excess_bar_words(excess_value: float, is_reference: bool) -> str:
    return _("the reference") if is_reference else count(excess_value)


def excess_hover(excess_value: float, low: float, high: float, is_reference: bool) -> str:
    if is_reference:
        return _("the reference")
    return _("about {n} fewer (95% CI {low} to {high})").format(
        n=count(excess_value), low=count(low), high=count(high)
    )


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
    est, lo, hi = e.total
    n = len(e.by_unit)
    return _(
        "If in each {one} every group had the rate of that {one}'s best-off group with a stable rate, "
        "there would be about {n} fewer {what} across {areas} {parts} in {place} in {year} (95% CI {low} "
        "to {high})."
    ).format(
        one=_(text.LEVEL_SINGULAR.get(level, "area")),
        n=count(est),
        what=counted_words(label),
        areas=f"{n:,}",
        parts=text.level_plural(level, lower=True),
        place=text.place_words(place),
        year=year,
        low=count(lo),
        high=count(hi),
    )


WITHIN_PARTS_NOTE = {
    "tract": N_(
        "The source gives no rates by group for {place} as a whole, so each neighbourhood's groups are "
        "compared with its own best stable group and the neighbourhoods' excess cases are added up (the "
        "total's interval treats them as independent)."
    ),
    "county": N_(
        "The source gives no rates by group for {place} as a whole, so each county's groups are compared "
        "with its own best stable group and the countys' excess cases are added up (the total's interval "
        "treats them as independent)."
    ),
    "zcta": N_(
        "The source gives no rates by group for {place} as a whole, so each ZIP code area's groups are "
        "compared with its own best stable group and the ZIP code areas' excess cases are added up (the "
        "total's interval treats them as independent)."
    ),
    "custom": N_(
        "The source gives no rates by group for {place} as a whole, so each area's groups are compared "
        "with its own best stable group and the areas' excess cases are added up (the total's interval "
        "treats them as independent)."
    ),
    "state": N_(
        "The source gives no rates by group for {place} as a whole, so each state's groups are compared "
        "with its own best stable group and the states' excess cases are added up (the total's interval "
        "treats them as independent)."
    ),
}


def within_parts_note(level: str, place: str) -> str:
    return _(WITHIN_PARTS_NOTE.get(level, WITHIN_PARTS_NOTE["custom"])).format(place=text.place_words(place))


def within_parts_title(label: str, level: str, shown: int, of: int) -> str:
    return _("Fewer {what} at each one's best group's rate: {areas}, {some}").format(
        what=counted_words(label), areas=text.level_plural(level, lower=True), some=_some(shown, of)
    )
