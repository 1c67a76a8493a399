"""The URL as the source of truth: every shareable choice, its default, and how a bad value falls back.

Parsing is pure (no Streamlit) so it can be tested with a table of good and hostile values. An
unknown or malformed value never raises and never reaches SQL: it is checked against what the
database holds and replaced by the default, with a notice the page shows.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import asdict, dataclass, field, replace

from equity import i18n, safety, text
from equity.db import NATION_ID as NATION
from equity.i18n import N_, _

# Shared keys, in the order they appear in a share link.
SHARED_KEYS = ("level", "region", "ind", "year", "group", "ref", "lang", "present")
# Every level the map can show, in the order it offers them; a database offers those it holds.
# The nation's map is of its states: 'state' is a level where more than one state is loaded.
LEVELS = ("tract", "county", "zcta", "custom", "state")
LANGS = tuple(i18n.LANGS)
REF_BEST, REF_OVERALL = "best", "overall"

# Retired key names mapped to current ones, so that old shared links keep working.
RENAMED_KEYS = {"indicator": "ind", "geo": "level", "county": "region"}

MAX_VALUE_LENGTH = 120


@dataclass(frozen=True)
class Choices:
    """What the database holds, i.e. every value a URL may ask for."""

    regions: dict[str, str]  # area_id -> name; the first is the whole region (state)
    indicators: dict[str, str]  # indicator_id -> label
    years: tuple[int, ...]  # ascending
    groups: dict[str, str]  # group_dim -> label (excludes "all")
    default_indicator: str | None = None
    default_group: str | None = None
    levels: tuple[str, ...] = LEVELS[:2]  # the map's levels this database has areas of
    # What has values: indicator_id -> level -> {year: areas with a value}. None where not known (then
    # every year and level is offered for every indicator).
    coverage: dict[str, dict[str, dict[int, int]]] | None = None
    default_region: str | None = None  # the region a link naming none opens on (else the first)

    def years_of(self, ind: str, level: str) -> tuple[int, ...]:
        """The years the indicator has values in at that level (every year where nothing is known)."""
        if self.coverage is None:
            return self.years
        return tuple(sorted(self.coverage.get(ind, {}).get(level, {})))


@dataclass(frozen=True)
class State:
    level: str
    region: str
    ind: str
    year: int
    group: str
    ref: str
    lang: str = "en"
    present: bool = False
    extra: dict = field(default_factory=dict)  # page-specific keys, passed through as text

    def params(self, **changes) -> dict[str, str]:
        """All shared keys written out explicitly, so a link keeps meaning the same view later."""
        data = asdict(replace(self, **changes))
        extra = data.pop("extra")
        out = {k: str(data[k]) for k in SHARED_KEYS if k != "present"}
        if data["present"]:
            out["present"] = "1"
        out.update({k: str(v) for k, v in extra.items()})
        return out


# Indicators a coalition most often opens on, as the loaders name them, in order of preference: a default
# view leads with the first of these that covers (nearly) as many areas as any indicator does.
PREFERRED = (
    "uninsured",  # the demo
    "places_access2",  # CDC PLACES: no health insurance, adults 18-64
    "chr_v003",  # County Health Rankings: uninsured adults
    "svi_ep_uninsur",  # CDC/ATSDR SVI: no health insurance
    "svi_rpl_themes",  # CDC/ATSDR SVI: overall vulnerability
    "svi_ep_pov150",
    "svi_ep_pov",
)


def _best_year(counts: dict[int, int]) -> int:
    """The latest year with (nearly) the most areas: a year a source covers only in part is passed over."""
    most = max(counts.values())
    return max(y for y, n in counts.items() if n >= 0.9 * most)


def default_view(choices: Choices) -> tuple[str, str, int]:
    """The level, indicator and year shown where a link names none: a view with values. The most detailed
    level of the map that has values; there the database's preferred indicator if it has values, else the
    first of PREFERRED that covers nearly as many areas as any, else the one with values for the most
    areas; and its latest year with (nearly) its most areas."""
    level = (choices.levels or LEVELS)[0]
    ind = choices.default_indicator or next(iter(choices.indicators), "")
    year = choices.years[-1] if choices.years else 0
    cov = {i: by for i, by in (choices.coverage or {}).items() if i in choices.indicators}
    with_values = [lv for lv in choices.levels if any(lv in by for by in cov.values())]
    if not with_values:
        return level, ind, year
    level = with_values[0]
    at = {i: by[level] for i, by in cov.items() if level in by}
    ind = choices.default_indicator
    if ind not in at:
        most = max(max(counts.values()) for counts in at.values())
        covered = [i for i in PREFERRED if i in at and max(at[i].values()) >= 0.9 * most]
        order = list(choices.indicators)
        ind = covered[0] if covered else min(at, key=lambda i: (-max(at[i].values()), order.index(i)))
    return level, ind, _best_year(at[ind])


def default_region(regions: list[tuple[str, str | None, str, str]]) -> str:
    """The region a link naming none opens on, of ``regions`` (area_id, parent_id, name, level; the whole
    first): the first, or where it holds one region only, and that one has its own name, that one, and so
    on down. A file of one county's tracts (the ACS of Bexar County) opens on the county, not on a state it
    says nothing else about; one tract's boundary opens on its state, not on "County 44001"."""
    if not regions:
        return ""
    here = regions[0][0]
    while True:
        inside = [
            (a, name, level)
            for a, parent, name, level in regions
            if parent == here or (here == NATION and parent is None and a != here)
        ]
        if len(inside) != 1 or text.is_unnamed(inside[0][1], inside[0][2], inside[0][0]):
            return here
        here = inside[0][0]


def defaults(choices: Choices) -> State:
    level, ind, year = default_view(choices)
    group = choices.default_group or next(iter(choices.groups), "")
    return State(
        level=level,
        region=choices.default_region or next(iter(choices.regions), ""),
        ind=ind,
        year=year,
        group=group,
        ref=REF_BEST,
    )


def nearest_year(years, year: int) -> int:
    """Of ``years``, the nearest to ``year``; the later of two as near."""
    return min(years, key=lambda y: (abs(y - year), -y))


def _with_values(choices: Choices, ind: str, level: str, year: int, asked: set[str]) -> tuple[str, int, list]:
    """The level and year an indicator is shown at: the level asked for if the indicator has values there
    (else the most detailed one where it has), the year asked for if it has values then (else the nearest
    year that has, the later of two as near). A notice for each change of what the link ``asked`` for."""
    notices: list[str] = []
    by = (choices.coverage or {}).get(ind)
    if not by:
        return level, year, notices
    label = choices.indicators.get(ind, ind)
    if level not in by:
        other = next((lv for lv in choices.levels if lv in by), None)
        if other is not None:
            if "level" in asked:
                notices.append(
                    _("“{label}” has no figures for {level}; showing {other} instead.").format(
                        label=label,
                        level=text.lower_first(text.level_words(level)),
                        other=text.lower_first(text.level_words(other)),
                    )
                )
            level = other
    years = sorted(by.get(level, {}))
    if years and year not in years:
        nearest = nearest_year(years, year)
        if "year" in asked:
            notices.append(
                _(
                    "“{label}” has no figures for {year}; showing {nearest}, the nearest year with figures."
                ).format(label=label, year=year, nearest=nearest)
            )
        year = nearest
    return level, year, notices


def _one(value) -> str | None:
    """The last of repeated values, as Streamlit does; None for an empty value."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if value is None:
        return None
    return str(value).strip()


def parse(raw: dict, choices: Choices, page_keys: tuple[str, ...] = ()) -> tuple[State, list[str]]:
    """Read the URL's query parameters into a State, and plain-language notices for what was replaced."""
    base = defaults(choices)
    notices: list[str] = []
    raw = dict(raw)
    for old, new in RENAMED_KEYS.items():
        if old in raw and new not in raw:
            raw[new] = raw.pop(old)

    def shown(text: str) -> str:  # what the link said, made inert and short for quoting back
        return safety.inert(text, 40)

    def pick(key: str, allowed, default, label: str, describe=str):
        text = _one(raw.get(key))
        if text is None or text == "":
            return default
        if len(text) <= MAX_VALUE_LENGTH and text in allowed:
            return text
        notices.append(
            _(
                "The link asked for {label} “{asked}”, which this database does not have; showing {instead} "
                "instead."
            ).format(label=_(label), asked=shown(text), instead=describe(default))
        )
        return default

    level = pick("level", choices.levels, base.level, N_("the area level"))
    region = pick(
        "region", choices.regions, base.region, N_("the region"), lambda r: choices.regions.get(r, r)
    )
    ind = pick(
        "ind", choices.indicators, base.ind, N_("the indicator"), lambda i: choices.indicators.get(i, i)
    )
    group = pick(
        "group", choices.groups, base.group, N_("the comparison"), lambda g: choices.groups.get(g, g)
    )
    lang = pick("lang", LANGS, base.lang, N_("the language"), lambda _lang: i18n.LANGS["en"])

    year = base.year
    year_text = _one(raw.get("year"))
    if year_text:
        if re.fullmatch(r"[0-9]{4}", year_text) and int(year_text) in choices.years:
            year = int(year_text)
        else:
            notices.append(
                _(
                    "The link asked for the year “{asked}”, which this database does not have; showing "
                    "{instead}, the latest, instead."
                ).format(asked=shown(year_text), instead=base.year)
            )

    ref = base.ref
    ref_text = _one(raw.get("ref"))
    if ref_text:
        if len(ref_text) <= MAX_VALUE_LENGTH and ref_text.isprintable():
            ref = ref_text  # a group label is checked by the page against the groups it has
        else:
            notices.append(
                _("The link's comparison group could not be read; comparing with the best group instead.")
            )

    present_text = _one(raw.get("present"))
    present = present_text in ("1", "true", "yes")
    if present_text not in (None, "", "0", "false", "no", "1", "true", "yes"):
        notices.append(
            _(
                "The link's presentation setting “{asked}” was not understood; showing the normal view."
            ).format(asked=shown(present_text))
        )

    extra = {}
    for key in page_keys:
        text = _one(raw.get(key))
        if text and len(text) <= MAX_VALUE_LENGTH and text.isprintable():
            extra[key] = text
        elif text:
            notices.append(_("The link's “{key}” value could not be read and was ignored.").format(key=key))

    asked = {k for k in ("level", "year") if _one(raw.get(k))}
    level, year, more = _with_values(choices, ind, level, year, asked)
    notices += more
    state = State(
        level=level,
        region=region,
        ind=ind,
        year=year,
        group=group,
        ref=ref,
        lang=lang,
        present=present,
        extra=extra,
    )
    return state, notices


# ---- each page's own keys, and the values the page checks against what it shows -------------------

# Streamlit's ``bind="query-params"`` (1.6x) would sync a widget with the URL by itself, but it does not
# do this job, for three reasons it documents: a bound key is dropped from the address while its value
# equals the widget's default, and a shared link must keep meaning the same view when the database, and
# so its defaults, change later (State.params writes every key); a value the widget does not offer is
# cleared silently, and the viewer must be told what the link asked for and what is shown instead (the
# notices below); and a bound key cannot be written through st.query_params, which links between pages
# and the map's click use. So the URL is parsed here, once per run, and widgets write it back
# (ui.url_widget).

# Every page's own keys, with the notice for a value the page does not have. ``{asked}`` is the value
# (made inert), ``{instead}`` what is shown in its place, ``{place}`` the region's name. A key whose
# notice is None is read by its own parser (parse_mix, parse_weights).
CHART_NOTICE = N_(
    "The link asked for the chart “{asked}”, which this page does not have; showing the top of the page "
    "instead."
)
PART_NOTICE = N_(
    "The link asked for the part “{asked}”, which this page does not have; showing {instead} instead."
)
PAGE_KEYS: dict[str, dict[str, str | None]] = {
    "overview": {"chart": CHART_NOTICE},
    "map": {
        "area": N_(
            "The link asked for the area “{asked}”, which is not on this map; showing no area selected "
            "instead."
        ),
        "mix": None,
        "mixw": None,
        "chart": CHART_NOTICE,
        "fp": None,  # the footprint's thresholds, read by equity.footprint.parse
    },
    "disparities": {
        "area": N_(
            "The link asked for the area “{asked}”, which is not in {place}; showing the whole region "
            "instead."
        ),
        "chart": CHART_NOTICE,
    },
    "programs": {
        "program": N_(
            "The link asked for the program “{asked}”, which this database does not have; showing "
            "{instead} instead."
        ),
        "chart": CHART_NOTICE,
        "part": PART_NOTICE,
        # Who are we reaching? (equity.views.reach)
        "measure": N_(
            "The link asked to compare the people served with “{asked}”, which the data here do not "
            "hold; comparing them with {instead} instead."
        ),
        "km": N_(
            "The link asked for “{asked}” km from a site, which is not one of the distances offered; "
            "showing {instead} km instead."
        ),
    },
    "partnerships": {
        "chart": CHART_NOTICE,
        "part": PART_NOTICE,
        "partner": N_(
            "The link asked for the record of “{asked}”, who has no commitments here; showing "
            "{instead} instead."
        ),
        "by": N_("The link asked to count commitments by “{asked}”; counting them by {instead} instead."),
        "commitment": N_(
            "The link asked for the commitment “{asked}”, which this database does not have; "
            "showing {instead} instead."
        ),
    },
    "community": {
        "topic": N_(
            "The link asked for the topic “{asked}”, which no one raised here; showing {instead} instead."
        ),
        "chart": CHART_NOTICE,
        "heard": N_(
            "The link asked to compare who was heard by “{asked}”, which cannot be compared here; "
            "comparing by {instead} instead."
        ),
    },
    "lessons": {
        "q": None,  # free text, searched as text (equity.lessons.search), never a pattern or SQL
        "program": N_(
            "The link asked for the lessons of the program “{asked}”, which has none here; showing "
            "{instead} instead."
        ),
        "tag": N_(
            "The link asked for lessons tagged “{asked}”, which no lesson is; showing {instead} instead."
        ),
    },
}
# Shared keys whose value only a page can check (the groups it compares depend on its indicator).
CHECKED_SHARED = {
    "ref": N_(
        "The link asked to compare with “{asked}”, which is not a group here; comparing with the "
        "best-off group instead."
    ),
}


# ---- each chart's own link: ``chart=KEY`` opens the page at that chart, in the same view ------------

# Every chart each page can draw, by the key ui.chart draws it with. A key ending in '_' names a family:
# the key and an id from the database (the programs page draws a chart per measure, results_<metric_id>).
PAGE_CHARTS: dict[str, tuple[str, ...]] = {
    "overview": ("overview_gaps",),
    "map": ("map", "footprint"),
    "disparities": (
        "groups",
        "shares",
        "trend",
        "places",
        "part_gaps",
        "places_ranked",
        "excess",
        "excess_areas",
    ),
    "programs": ("results_", "reach", "reach_map", "reach_groups", "reach_sites"),
    "partnerships": ("record", "record_by_partner", "roles", "pooled"),
    "community": ("topics", "heard"),
}

# The partnerships page's engagement sections (equity/engagement.py): what the stage chart counts, whose
# meetings the record lists, the year of successes shown; and their charts.
PAGE_KEYS["partnerships"].update(
    {
        "who": N_("The link asked the stage chart to count “{asked}”; counting {instead} instead."),
        "body": N_(
            "The link asked for the meetings of “{asked}”, which this database does not have; showing "
            "{instead} instead."
        ),
        "myear": N_(
            "The link asked for the successes of “{asked}”, a year with none here; showing {instead} instead."
        ),
    }
)
PAGE_CHARTS["partnerships"] += ("engagement", "attendance", "capacity", "successes")


def chart_keys(page: str, ids=()) -> set[str]:
    """The keys a ``chart`` value may take on a page: its charts, a family's with each of ``ids``."""
    keys: set[str] = set()
    for key in PAGE_CHARTS.get(page, ()):
        keys |= {key + str(i) for i in ids} if key.endswith("_") else {key}
    return keys


def page_address(url: str | None, page: str) -> str:
    """The address of a page without its query: the browser's own (``url``, as Streamlit reports it) where
    it is a web address, else the page's path ('/disparities', '/' for the overview)."""
    parts = urllib.parse.urlsplit(safety.strip_invisible(url or "").strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))
    return "/" + ("" if page == "overview" else page)


def permalink(address: str, params: dict[str, str]) -> str:
    """A view's link: the page's address and every key of the view, written out (State.params)."""
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "", "None")})
    return f"{address}?{query}" if query else address


def page_keys(page: str) -> tuple[str, ...]:
    """The URL keys of one page (its path, '' for the overview), as ``parse`` takes them."""
    return tuple(PAGE_KEYS.get(page, ()))


def check(page: str, key: str, value, allowed, **words) -> str | None:
    """Whether a page's URL value is one of those it has: None if so (or if there is no value), else the
    notice to show. ``words`` fill the notice (``instead``, ``place``)."""
    if value in (None, "") or value in allowed:
        return None
    template = CHECKED_SHARED.get(key) or PAGE_KEYS[page][key]
    return _(template).format(asked=safety.inert(str(value)), **words)


# ---- the map's composite need index: which indicators, and each domain's weight ---------------------

DEFAULT_MIX = ("poverty", "uninsured", "no_vehicle", "housing_cost_burden", "food_insecurity", "er_visits")
MAX_WEIGHT = 5.0


def parse_mix(text: str | None, indicators: dict[str, str]) -> tuple[list[str], list[str]]:
    """``mix=poverty,uninsured``: the indicators in the need index, and notices for unknown ones.

    ``mix=default`` asks for the default set (those of DEFAULT_MIX the database has).
    """
    if not text:
        return [], []
    if text == "default":
        return [i for i in DEFAULT_MIX if i in indicators] or list(indicators)[:5], []
    chosen, notices = [], []
    for part in text.split(",")[:40]:
        part = part.strip()
        if part in chosen:
            continue
        if part in indicators:
            chosen.append(part)
        elif part:
            notices.append(
                f"The link's need index asked for “{safety.inert(part, 40)}”, which this database does not "
                "have; it was left out."
            )
    return chosen, notices


def format_mix(chosen: list[str]) -> str:
    return ",".join(chosen)


def parse_weights(text: str | None, domains: list[str]) -> tuple[dict[str, float], list[str]]:
    """``mixw=Social conditions:2;Outcomes:0.5``: each domain's weight (1 where not given)."""
    weights, notices = {d: 1.0 for d in domains}, []
    for part in (text or "").split(";")[:20]:
        if not part.strip():
            continue
        name, _, number = part.rpartition(":")
        try:
            value = float(number)
        except ValueError:
            value = float("nan")
        if name in weights and 0 <= value <= MAX_WEIGHT:
            weights[name] = value
        else:
            notices.append(
                f"The link's weight “{safety.inert(part, 40)}” was not understood; that domain keeps "
                "weight 1."
            )
    return weights, notices


def format_weights(weights: dict[str, float]) -> str:
    """Only weights other than 1 are written, so the default index has a short link."""
    return ";".join(f"{d}:{w:g}" for d, w in weights.items() if w != 1.0)


# ---- the Programs page's "Did it work?" (equity/views/impact.py): its choices and its two charts ------
PAGE_KEYS["programs"].update(
    {
        "aim": N_(
            "The link asked for the indicator “{asked}”, which this program does not aim to move; showing "
            "{instead} instead."
        ),
        "metric": N_(
            "The link asked for the monthly result “{asked}”, which this program does not report; "
            "showing {instead} instead."
        ),
        "change": N_(
            "The link asked to compare results around “{asked}”, a date this program records no change "
            "on; comparing around {instead} instead."
        ),
    }
)
PAGE_CHARTS["programs"] += ("impact_event", "impact_its")
# The partnerships page's section on the health of the partnership (equity/views/health.py): the survey
# round it shows, and its charts.
PAGE_KEYS["partnerships"]["round"] = N_(
    "The link asked for the survey round “{asked}”, which this database does not have; showing {instead} "
    "instead."
)
PAGE_CHARTS["partnerships"] += ("health_sections", "health_network")
# Meeting mode's page (equity/stories.py): which story, which slide, and whether this is the notes window.
# Each is checked by the page against the stories it has, with the notices stories.py words.
PAGE_KEYS["meeting"] = {"story": None, "slide": None, "notes": None, "contrast": None}
