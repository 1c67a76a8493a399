"""The words of the Programs page's "Who are we reaching?" (equity.views.reach), in one place so they can
be translated. Plain text throughout: names from data are escaped where they are drawn. The constants are
English, marked (``N_``) and translated where they are used (``_``)."""

from __future__ import annotations

from equity import text
from equity.i18n import N_, _, ngettext
from equity.text import _and, people

HEADING = N_("Who are we reaching?")
INTRO = N_(
    "Where the people a program serves live, against where the people live and where need is greatest; "
    "who it serves, against who lives here; and who lives far from its sites."
)
NO_PROGRAMS = N_(
    "Once your programs are loaded, this section shows who each one reaches: where the people it served "
    "live against where need is greatest, who they are, and who lives far from its sites. Load the "
    "programs, program_sites and program_reach templates (see “Loading your own data” in the README)."
)
BASE_LABEL = N_("Set the people served against")
BASE_WORDS = {
    "population": N_("everyone who lives here"),
    "poverty": N_("people in poverty"),
    "children": N_("children (under 18)"),
    "seniors": N_("seniors (65 and older)"),
}
BASE_SHORT = {
    "population": N_("people"),
    "poverty": N_("people in poverty"),
    "children": N_("children"),
    "seniors": N_("seniors"),
}
BASE_INSTEAD = N_("everyone who lives here")
DISTANCE_LABEL = N_("Distance from a site (km)")
MAP_KEY = N_(
    "Each {area}'s share of the people served minus its share of the people it is compared with "
    "(Urban Institute Spatial Equity Data Tool). Purple: served more than its share; orange: less. Light "
    "grey: too few served to show; dark grey: no figure to compare with."
)
GROUPS_HEADING = N_("Who: the people served by group, against who lives here")
SITES_HEADING = N_("How far: the high-need {areas} near a site, and the service gaps")
HIGH_NEED_HEADING = N_("The highest-need fifth of {areas}")
HIGH_NEED_COLUMNS = (N_("Compared with"), N_("Share of the people served who live there"),
                     N_("Share who live there"), N_("Difference"))  # fmt: skip
GROUP_COLUMNS = {
    "breakdown": N_("Breakdown"),
    "group": N_("Group"),
    "people": N_("People served (shown)"),
    "share": N_("Share of the people served"),
    "interval": N_("95% interval"),
    "pop_share": N_("Share of the people who live here"),
    "verdict": N_("Reached"),
}
VERDICT_WORDS = {
    "under": N_("less than its share"),
    "over": N_("more than its share"),
    "about": N_("about its share"),
    "unclear": N_("cannot tell: too few to show in some {areas}"),
}
MAP_COLUMNS = {
    "name": None,  # the level's word (text.area_words: "Neighbourhood", "County")
    "population": N_("Population"),
    "people": N_("People served"),
    "served_share": N_("Share of the people served (%)"),
    "base_share": N_("Share of the people compared with (%)"),
    "difference": N_("Difference (percentage points)"),
    "status": N_("Note"),
}
STATUS_WORDS = {
    "counted": "",
    "withheld": N_("too few people served to show; left out of both shares"),
    "no_base": N_("no figure to compare with; left out of both shares"),
}
SITE_COLUMNS = {
    "name": None,  # the level's word (text.area_words: "Neighbourhood", "County")
    "population": N_("Population"),
    "need": N_("Need"),
    "site_km": N_("Km to the program's nearest site"),
    "any_km": N_("Km to any program's nearest site"),
    "near": N_("Within the distance of the program's site"),
    "gap": N_("Service gap"),
}
CLASS_WORDS = (
    N_("Much less than its share"),
    N_("Less than its share"),
    N_("About its share"),
    N_("More than its share"),
    N_("Much more than its share"),
)
TOO_FEW = N_("Too few served to show")
NO_BASE = N_("No figure to compare with")
HIGH_NEED_AREA = N_("Highest-need fifth")
OTHER_AREA = N_("Other {areas}")
GAP_AREA = N_("Service gap: high need, no program's site within reach")
CATCHMENT = N_("Within reach of the program's sites")
SITES_LEGEND = N_("Sites")
SHARE_AXIS = N_("Share of the people (%)")
SERVED_MARK = N_("Share of the people served (95% interval)")
POPULATION_MARK = N_("Share of the people who live here")
RECORDS = N_("program reach records")
YES, NO = N_("yes"), N_("no")


def say(message: str, level: str, **values) -> str:
    """One of the constants above in this run's language, its areas named as ``level``'s are."""
    return _(message).format(**text.area_words(level), **values)


def col(table: dict, key: str, level: str = "tract") -> str:
    """A column heading of one of the tables above, in this run's language (its areas' at ``level``)."""
    return text.area_words(level)["Area"] if table[key] is None else _(table[key])


def base_words(base: str) -> str:
    return _(BASE_WORDS[base])


def no_reach(program: str, place: str, year) -> str:
    return _(
        "{program} has no people served recorded in {place} in {year}, so there is no reach to compare. "
        "Load its program_reach template (people served by home area, in all and by group)."
    ).format(program=program, place=place, year=year)


def years_note(program: str, reach_year, year) -> str | None:
    """Said where the people served are of another year than the data chosen at the left."""
    if str(reach_year) == str(year):
        return None
    return _(
        "The people {program} served are shown for {served}, the latest year its reach records; the "
        "people who live here and their need are of {year}, the year chosen at the left."
    ).format(program=program, served=reach_year, year=year)


def map_legend(base: str) -> str:
    return _("Share of the people served minus share of {who}").format(who=_(BASE_SHORT[base]))


def compared(base: str) -> str:
    return _("compared with {base}").format(base=base_words(base))


def map_title(base: str, year) -> str:
    return _("Where the people served live, against {base}, {year}").format(base=base_words(base), year=year)


def map_takeaway(program: str, base: str, under: list[str], over: list[str], *, level: str) -> str:
    """The map's sentence, naming the most under- and over-served areas."""
    who = _(BASE_SHORT[base])
    if not under and not over:
        return say(N_("{program} serves each {area} about in proportion to its {who}."), level,
                   program=program, who=who)  # fmt: skip
    parts = []
    if under:
        parts.append(_("furthest below their share of the {who}: {names}").format(who=who, names=_and(under)))
    if over:
        parts.append(_("furthest above: {names}").format(names=_and(over)))
    return _("Where {program} serves: {parts}.").format(program=program, parts="; ".join(parts))


def high_need_note(label: str, min_count: int, *, level: str) -> str:
    return say(
        N_(
            "The highest-need fifth: the fifth of {areas} with the most {need} (the "
            "indicator chosen at the left). People served where {counts} were served in a "
            "{area} are not shown, so they are not counted among those served; the people who live "
            "there are."
        ),
        level,
        need=text.lower_first(label),
        counts=text.small_counts(min_count),
    )


def counted_note(withheld: int, no_base: int, min_count: int, *, level: str) -> str:
    """What the shares leave out, and why."""
    aw = text.area_words(level)
    parts = []
    if withheld:
        parts.append(
            ngettext(
                "{n} {area} where {counts} people were served (not shown)",
                "{n} {areas} where {counts} people were served (not shown)",
                withheld,
            ).format(n=withheld, counts=text.small_counts(min_count), **aw)
        )
    if no_base:
        parts.append(
            ngettext(
                "{n} {area} with no figure to compare with",
                "{n} {areas} with no figure to compare with",
                no_base,
            ).format(n=no_base, **aw)
        )
    if not parts:
        return say(N_("Every {area} is counted; the differences add up to zero."), level)
    return _("Left out of both shares: {parts}. Over the rest, the differences add up to zero.").format(
        parts=_(" and ").join(parts)
    )


def not_held(missing: list[str], *, level: str) -> str | None:
    """Said plainly where the data hold no figures for some of the bases."""
    if not missing:
        return None
    words = _and([base_words(m) for m in missing])
    return say(
        N_(
            "The data loaded hold no figures for {bases} by {area} (figures by age or income group, or "
            "the percent of people below the poverty line, aged 17 and younger or 65 and older), so the "
            "people served cannot be compared with them here."
        ),
        level,
        bases=words,
    )


def high_need_takeaway(program: str, label: str, served: float, base: float, *, level: str) -> str:
    words = dict(program=program, served=f"{served:.0%}", need=text.lower_first(label), base=f"{base:.0%}")
    words |= text.area_words(level)
    if served < base:
        return _(
            "{program} misses the highest-need {areas}: {served} of the people it served live in "
            "the fifth with the most {need}, where {base} of people live."
        ).format(**words)
    if served > base * 1.1:
        return _(
            "{program} reaches the highest-need {areas}: {served} of the people it served live "
            "in the fifth with the most {need}, where {base} of people live."
        ).format(**words)
    return _(
        "{program} reaches the highest-need {areas} about in proportion: {served} of the "
        "people it served live in the fifth with the most {need}, where {base} "
        "of people live."
    ).format(**words)


def points(diff: float) -> str:
    return _("{diff} points").format(diff=f"{diff * 100:+.1f}")


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def group_title(year) -> str:
    return _("Who the people served are, against who lives here, {year}").format(year=year)


def group_takeaway(program: str, under: list[str], over: list[str]) -> str:
    """The groups' sentence: who is under-reached."""
    if under and over:
        return _(
            "{program} reaches fewer {under} than their share of the people who live here, and more {over}."
        ).format(program=program, under=_and(under), over=_and(over))
    if under:
        return _("{program} reaches fewer {under} than their share of the people who live here.").format(
            program=program, under=_and(under)
        )
    if over:
        return _(
            "{program} reaches more {over} than their share of the people who live here, and no group less."
        ).format(program=program, over=_and(over))
    return _("{program} reaches each group about in proportion to the people who live here.").format(
        program=program
    )


NO_GROUPS = N_(
    "No reach by group to compare: load the people served by group (program_reach rows with a group_dim "
    "such as race_ethnicity or income) and indicator values by the same groups."
)


def group_method(min_count: int, *, level: str) -> str:
    return say(
        N_(
            "Shares of the people served are of those served from {areas} where the count is shown, with "
            "95% Wilson intervals; a group's share is set against its share of the people counted by the "
            "indicator that counts the most people in that breakdown. Where {counts} of a "
            "group were served in a {area}, those are left out of its count, so its share is a floor; "
            "a group is called under-reached only if it would be even with all of them. In the table, + "
            "marks such a floor."
        ),
        level,
        counts=text.small_counts(min_count),
    )


def sites_title(km: float, *, level: str) -> str:
    return say(N_("The highest-need fifth of {areas}, and which lie within {km} km of a site"), level,
               km=f"{km:g}")  # fmt: skip


def sites_takeaway(program: str, km: float, c: dict, gaps_named: list[str], *, level: str) -> str:
    if not c["high_areas"]:
        return say(N_("No {area} has a need figure, so none can be called high-need."), level)
    share = c["near_people"] / c["high_people"] if c["high_people"] else 0.0
    s = say(
        N_(
            "{people} people ({share}) of the highest-need fifth of {areas} live within {km} km of a site of "
            "{program}."
        ),
        level, people=people(c["near_people"]), share=f"{share:.0%}", km=f"{km:g}", program=program,
    )  # fmt: skip
    gaps = len(c["gap_ids"])
    if gaps:
        words = dict(n=gaps, people=people(c["gap_people"]), km=f"{km:g}", **text.area_words(level))
        if gaps_named:
            said = ngettext(
                "{n} high-need {area} ({people} people) is farther than {km} km from any program's "
                "site, among them {names}: service gaps.",
                "{n} high-need {areas} ({people} people) are farther than {km} km from any program's "
                "site, among them {names}: service gaps.",
                gaps,
            ).format(names=_and(gaps_named), **words)
        else:
            said = ngettext(
                "{n} high-need {area} ({people} people) is farther than {km} km from any program's "
                "site: service gaps.",
                "{n} high-need {areas} ({people} people) are farther than {km} km from any program's "
                "site: service gaps.",
                gaps,
            ).format(**words)
        s += " " + said
    else:
        s += " " + say(
            N_("Every high-need {area} is within {km} km of some program's site."), level, km=f"{km:g}"
        )
    return s


NO_SITES = N_(
    "This program has no sites recorded in this region, so distances from its sites cannot be shown."
)
SITES_METHOD = N_(
    "Distance is measured on the ground from each {area}'s centre to the nearest site, in the UTM "
    "zone of the region (a projection in metres); populations are the {areas}' published totals."
)
NEXT_HEADING = N_("Where would more help most?")
NEXT_FOOTPRINT = N_(
    "On the map: the areas that meet every threshold of need you set (the footprint), with who lives there "
    "and which programs' sites are near"
)
NEXT_EXCESS = N_(
    "On Disparities: how many fewer cases there would be if every group had the best-off group's rate"
)
