"""The words of the Programs page's "Who are we reaching?" (equity.views.reach), in one place so they can
be translated. Plain text throughout: names from data are escaped where they are drawn."""

from __future__ import annotations

from equity import text
from equity.text import _and, people

HEADING = "Who are we reaching?"
INTRO = (
    "Where the people a program serves live, against where the people live and where need is greatest; "
    "who it serves, against who lives here; and who lives far from its sites."
)
NO_PROGRAMS = (
    "Once your programs are loaded, this section shows who each one reaches: where the people it served "
    "live against where need is greatest, who they are, and who lives far from its sites. Load the "
    "programs, program_sites and program_reach templates (see “Loading your own data” in the README)."
)
BASE_LABEL = "Set the people served against"
BASE_WORDS = {
    "population": "everyone who lives here",
    "poverty": "people in poverty",
    "children": "children (under 18)",
    "seniors": "seniors (65 and older)",
}
BASE_SHORT = {
    "population": "people",
    "poverty": "people in poverty",
    "children": "children",
    "seniors": "seniors",
}
BASE_INSTEAD = "everyone who lives here"
DISTANCE_LABEL = "Distance from a site (km)"
MAP_KEY = (
    "Each neighbourhood's share of the people served minus its share of the people it is compared with "
    "(Urban Institute Spatial Equity Data Tool). Purple: served more than its share; orange: less. Light "
    "grey: too few served to show; dark grey: no figure to compare with."
)
GROUPS_HEADING = "Who: the people served by group, against who lives here"
SITES_HEADING = "How far: the high-need neighbourhoods near a site, and the service gaps"
HIGH_NEED_HEADING = "The highest-need fifth of neighbourhoods"
HIGH_NEED_COLUMNS = ("Compared with", "Share of the people served who live there", "Share who live there",
                     "Difference")  # fmt: skip
GROUP_COLUMNS = {
    "breakdown": "Breakdown",
    "group": "Group",
    "people": "People served (shown)",
    "share": "Share of the people served",
    "interval": "95% interval",
    "pop_share": "Share of the people who live here",
    "verdict": "Reached",
}
VERDICT_WORDS = {
    "under": "less than its share",
    "over": "more than its share",
    "about": "about its share",
    "unclear": "cannot tell: too few to show in some neighbourhoods",
}
MAP_COLUMNS = {
    "name": "Neighbourhood",
    "population": "Population",
    "people": "People served",
    "served_share": "Share of the people served (%)",
    "base_share": "Share of the people compared with (%)",
    "difference": "Difference (percentage points)",
    "status": "Note",
}
STATUS_WORDS = {
    "counted": "",
    "withheld": "too few people served to show; left out of both shares",
    "no_base": "no figure to compare with; left out of both shares",
}
SITE_COLUMNS = {
    "name": "Neighbourhood",
    "population": "Population",
    "need": "Need",
    "site_km": "Km to the program's nearest site",
    "any_km": "Km to any program's nearest site",
    "near": "Within the distance of the program's site",
    "gap": "Service gap",
}
CLASS_WORDS = (
    "Much less than its share",
    "Less than its share",
    "About its share",
    "More than its share",
    "Much more than its share",
)
TOO_FEW = "Too few served to show"
NO_BASE = "No figure to compare with"
HIGH_NEED_AREA = "Highest-need fifth"
OTHER_AREA = "Other neighbourhoods"
GAP_AREA = "Service gap: high need, no program's site within reach"
SITES_LEGEND_AREAS = "Neighbourhoods"
CATCHMENT = "Within reach of the program's sites"
SITES_LEGEND = "Sites"
SHARE_AXIS = "Share of the people (%)"
SERVED_MARK = "Share of the people served (95% interval)"
POPULATION_MARK = "Share of the people who live here"
RECORDS = "program reach records"


def no_reach(program: str, place: str, year) -> str:
    return (
        f"{program} has no people served recorded in {place} in {year}, so there is no reach to compare. "
        "Load its program_reach template (people served by home neighbourhood, in all and by group)."
    )


def map_legend(base: str) -> str:
    return f"Share of the people served minus share of {BASE_SHORT[base]}"


def compared(base: str) -> str:
    return f"compared with {BASE_WORDS[base]}"


def map_title(base: str, year) -> str:
    return f"Where the people served live, against {BASE_WORDS[base]}, {year}"


def map_takeaway(program: str, base: str, under: list[str], over: list[str]) -> str:
    """The map's sentence, naming the most under- and over-served areas."""
    who = BASE_SHORT[base]
    if not under and not over:
        return f"{program} serves each neighbourhood about in proportion to its {who}."
    parts = []
    if under:
        parts.append(f"furthest below their share of the {who}: {_and(under)}")
    if over:
        parts.append(f"furthest above: {_and(over)}")
    return f"Where {program} serves: " + "; ".join(parts) + "."


def high_need_note(label: str, min_count: int) -> str:
    return (
        f"The highest-need fifth: the fifth of neighbourhoods with the most {text.lower_first(label)} (the "
        f"indicator chosen at the left). People served where {text.small_counts(min_count)} were served in a "
        "neighbourhood are not shown, so they are not counted among those served; the people who live "
        "there are."
    )


def counted_note(withheld: int, no_base: int, min_count: int) -> str:
    """What the shares leave out, and why."""
    parts = []
    if withheld:
        parts.append(
            f"{text._plural(withheld, 'neighbourhood')} where {text.small_counts(min_count)} people were "
            "served (not shown)"
        )
    if no_base:
        parts.append(f"{text._plural(no_base, 'neighbourhood')} with no figure to compare with")
    if not parts:
        return "Every neighbourhood is counted; the differences add up to zero."
    return (
        "Left out of both shares: " + " and ".join(parts) + ". Over the rest, the differences add up to zero."
    )


def not_held(missing: list[str]) -> str | None:
    """Said plainly where the data hold no figures for some of the bases."""
    if not missing:
        return None
    words = _and([BASE_WORDS[m] for m in missing])
    return (
        f"The data loaded hold no figures for {words} by neighbourhood (figures by age or income group, or "
        "the percent of people below the poverty line, aged 17 and younger or 65 and older), so the people "
        "served cannot be compared with them here."
    )


def high_need_takeaway(program: str, label: str, served: float, base: float) -> str:
    if served < base:
        verb = "misses"
    elif served > base * 1.1:
        verb = "reaches"
    else:
        verb = "reaches about in proportion"
    if verb == "misses":
        return (
            f"{program} misses the highest-need neighbourhoods: {served:.0%} of the people it served live in "
            f"the fifth with the most {text.lower_first(label)}, where {base:.0%} of people live."
        )
    if verb == "reaches":
        return (
            f"{program} reaches the highest-need neighbourhoods: {served:.0%} of the people it served live "
            f"in the fifth with the most {text.lower_first(label)}, where {base:.0%} of people live."
        )
    return (
        f"{program} reaches the highest-need neighbourhoods about in proportion: {served:.0%} of the "
        f"people it served live in the fifth with the most {text.lower_first(label)}, where {base:.0%} "
        "of people live."
    )


def points(diff: float) -> str:
    return f"{diff * 100:+.1f} points"


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def group_title(year) -> str:
    return f"Who the people served are, against who lives here, {year}"


def group_takeaway(program: str, under: list[str], over: list[str]) -> str:
    """The groups' sentence: who is under-reached."""
    if under:
        s = f"{program} reaches fewer {_and(under)} than their share of the people who live here"
        if over:
            s += f", and more {_and(over)}"
        return s + "."
    if over:
        return (
            f"{program} reaches more {_and(over)} than their share of the people who live here, and no "
            "group less."
        )
    return f"{program} reaches each group about in proportion to the people who live here."


NO_GROUPS = (
    "No reach by group to compare: load the people served by group (program_reach rows with a group_dim "
    "such as race_ethnicity or income) and indicator values by the same groups."
)


def group_method(min_count: int) -> str:
    return (
        "Shares of the people served are of those served from neighbourhoods where the count is shown, with "
        "95% Wilson intervals; a group's share is set against its share of the people counted by the "
        f"indicator that counts the most people in that breakdown. Where {text.small_counts(min_count)} of a "
        "group were served in a neighbourhood, those are left out of its count, so its share is a floor; "
        "a group is called under-reached only if it would be even with all of them. In the table, + marks "
        "such a floor."
    )


def sites_title(km: float) -> str:
    return f"The highest-need fifth of neighbourhoods, and which lie within {km:g} km of a site"


def sites_takeaway(program: str, km: float, c: dict, gaps_named: list[str]) -> str:
    if not c["high_areas"]:
        return "No neighbourhood has a need figure, so none can be called high-need."
    share = c["near_people"] / c["high_people"] if c["high_people"] else 0.0
    s = (
        f"{people(c['near_people'])} people ({share:.0%}) of the highest-need fifth of neighbourhoods live "
        f"within {km:g} km of a site of {program}."
    )
    gaps = len(c["gap_ids"])
    if gaps:
        named = f", among them {_and(gaps_named)}" if gaps_named else ""
        s += (
            f" {text._plural(gaps, 'high-need neighbourhood')} ({people(c['gap_people'])} people) "
            f"{text._is(gaps)} farther than {km:g} km from any program's site{named}: service gaps."
        )
    else:
        s += f" Every high-need neighbourhood is within {km:g} km of some program's site."
    return s


NO_SITES = "This program has no sites recorded in this region, so distances from its sites cannot be shown."
SITES_METHOD = (
    "Distance is measured on the ground from each neighbourhood's centre to the nearest site, in the UTM "
    "zone of the region (a projection in metres); populations are the neighbourhoods' published totals."
)
