"""Riverbend, the demo's fictional world: its places, people, indicators, programs, partners, promises and
what its residents said. This is the part to edit to tell another story; equity.demo's other modules turn
it into tables (see the package's docstring).

Nothing here describes real places, organisations or people. Every name and number is invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from equity.i18n import N_

REGION_NAME = "Riverbend (a fictional state)"
NATION_NAME = "The nation (fictional)"  # what the national comparison is called
AS_OF = dt.date(2025, 6, 30)
LAST_RESULT_MONTH = dt.date(2025, 6, 1)
PERIODS = tuple(range(2019, 2025))
IMPORTED_AT = dt.datetime(2025, 6, 30)  # fixed, so sources are identical between builds

# ---------------------------------------------------------------------------------------------
# Geography
# ---------------------------------------------------------------------------------------------

BBOX = (-89.5, 35.0, -86.5, 37.5)  # lon_min, lat_min, lon_max, lat_max of the state outline

STATE = ("99", "Riverbend (fictional)")
COUNTIES = (
    ("99001", "Alder County"),
    ("99003", "Birch County"),
    ("99005", "Cedar County"),
    ("99007", "Dogwood County"),
    ("99009", "Elm County"),
)
# County seats as fractions of the bounding box; each tract joins the county of the nearest seat.
COUNTY_SEATS = ((0.28, 0.68), (0.74, 0.74), (0.46, 0.36), (0.16, 0.30), (0.80, 0.30))
ELM = 4  # the rural county with the most disadvantage


@dataclass(frozen=True)
class City:
    name: str
    x: float  # position as a fraction of the bounding box
    y: float
    spread: float  # standard deviation of tract seed points, degrees
    share: float  # share of all tracts


CITIES = (City("Alder City", 0.30, 0.66, 0.07, 0.30), City("Cedar Falls", 0.48, 0.34, 0.05, 0.14))
# Disadvantage peaks on the east side of Alder City (offset from its centre, in degrees).
CORE_OFFSET = (0.05, -0.03)

# ---------------------------------------------------------------------------------------------
# People and groups
# ---------------------------------------------------------------------------------------------

GROUP_DIMS: dict[str, tuple[str, ...]] = {
    "race_ethnicity": (
        N_("Hispanic or Latino"),
        N_("Black"),
        N_("White"),
        N_("Asian"),
        N_("American Indian or Alaska Native"),
        N_("Two or more races"),
    ),
    "income": (N_("Below poverty"), N_("100–199% of poverty"), N_("200% of poverty or more")),
    "age": (N_("18–24"), N_("25–44"), N_("45–64"), N_("65 and older")),
    "sex": (N_("Female"), N_("Male")),
}
# People are counted in cells race x income x age x sex. The age axis has children first: they
# count towards totals ('All') but no age group is published for them. The adult groups are whole
# groups of the 2000 U.S. standard population (15–24 split at 18), so rates can be age-adjusted.
AGE_CELLS = ("0–17",) + GROUP_DIMS["age"]

RACE_BASE = np.array([0.11, 0.17, 0.60, 0.04, 0.02, 0.06])  # region-wide shares
RACE_BY_NEED = np.array([0.45, 0.75, -0.35, -0.10, 0.30, 0.10])  # log-share change per unit of need
RACE_BY_URBAN = np.array([0.40, 0.60, -0.40, 1.00, -0.80, 0.30])
RACE_BY_ELM = np.array([0.00, -0.30, 0.10, -0.50, 1.80, 0.20])
AGE_BASE = np.array([0.22, 0.09, 0.27, 0.26, 0.16])
AGE_BY_URBAN = np.array([0.00, 0.40, 0.20, -0.10, -0.35])  # cities are younger
# Log-share change of each age cell by race/ethnicity (rows in GROUP_DIMS order): as in real places, some
# groups are younger than others, which is why their crude rates of age-related conditions mislead.
AGE_BY_RACE = np.array(
    [
        [0.35, 0.25, 0.15, -0.15, -0.60],
        [0.10, 0.15, 0.05, 0.00, -0.30],
        [-0.15, -0.10, -0.05, 0.05, 0.25],
        [0.00, 0.10, 0.20, 0.00, -0.30],
        [0.20, 0.15, 0.00, -0.05, -0.40],
        [0.60, 0.30, 0.00, -0.30, -0.70],
    ]
)
FERTILITY = (0.07, 0.06)  # births per woman per year, ages 18–24 and 25–44

# ---------------------------------------------------------------------------------------------
# Sources and indicators
# ---------------------------------------------------------------------------------------------

SOURCES = (
    ("demo_survey", "Riverbend Community Health Survey (fictional)"),
    ("demo_vitals", "Riverbend Vital Records (fictional)"),
    ("demo_hospital", "Riverbend Hospital Discharge Data (fictional)"),
    ("demo_acs", "Riverbend Community Survey of Social Conditions (fictional)"),
)
SOURCE_PUBLISHER = "Equity Dashboard demo generator (fictional data)"
SOURCE_VINTAGE = "2019–2024"
SOURCE_LICENSE = "CC0 (fictional)"


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    label: str
    description: str
    domain: str
    unit: str
    source_id: str
    higher_is_worse: bool = True
    measure_type: str = "crude"


INDICATORS = (
    Indicator("uninsured", N_("Adults without health insurance"),
              N_("Percent of adults aged 18 and older who have no health insurance of any kind."),
              "Access to care", "percent", "demo_acs"),
    Indicator("no_usual_source", N_("Adults with no usual source of care"),
              N_("Percent of adults who have no doctor's office or clinic they usually go to when sick."),
              "Access to care", "percent", "demo_survey"),
    Indicator("no_checkup", N_("Adults without a routine checkup in the past year"),
              N_("Percent of adults who did not see a doctor for a routine checkup in the past year."),
              "Access to care", "percent", "demo_survey"),
    Indicator("diabetes", N_("Adults with diagnosed diabetes"),
              N_("Percent of adults ever told by a doctor that they have diabetes."),
              "Chronic disease", "percent", "demo_survey"),
    Indicator("hypertension", N_("Adults with high blood pressure"),
              N_("Percent of adults ever told by a doctor that they have high blood pressure."),
              "Chronic disease", "percent", "demo_survey"),
    Indicator("asthma", N_("Adults with current asthma"),
              N_("Percent of adults who have been told they have asthma and still have it."),
              "Chronic disease", "percent", "demo_survey"),
    Indicator("obesity", N_("Adults with obesity"),
              N_("Percent of adults with a body mass index of 30 or more."),
              "Chronic disease", "percent", "demo_survey"),
    Indicator("mental_distress", N_("Adults with frequent mental distress"),
              N_("Percent of adults who had 14 or more days of poor mental health in the past month."),
              "Mental health", "percent", "demo_survey"),
    Indicator("low_birthweight", N_("Babies born with low birthweight"),
              N_("Percent of live births weighing less than 2,500 grams (5.5 pounds)."),
              "Maternal and child health", "percent", "demo_vitals"),
    Indicator("late_prenatal_care", N_("Births with late or no prenatal care"),
              N_("Percent of live births whose mothers began prenatal care after the first trimester "
              "or had none."),
              "Maternal and child health", "percent", "demo_vitals"),
    Indicator("preventable_stays", N_("Preventable hospital stays"),
              N_("Hospital stays for conditions usually treatable in outpatient care, "
              "per 100,000 Medicare enrollees."),
              "Outcomes", "per_100k", "demo_hospital"),
    Indicator("er_visits", N_("Emergency department visits"),
              N_("Emergency department visits per 1,000 residents of all ages."),
              "Outcomes", "per_1k", "demo_hospital"),
    Indicator("premature_death", N_("Years of life lost before age 75"),
              N_("Years of potential life lost before age 75 per 100,000 residents under 75."),
              "Outcomes", "per_100k", "demo_vitals"),
    Indicator("life_expectancy", N_("Life expectancy at birth"),
              N_("Average number of years a baby born to residents of the area can expect to live "
              "at current death rates."),
              "Outcomes", "years", "demo_vitals", higher_is_worse=False),
    Indicator("poverty", N_("People living below the poverty line"),
              N_("Percent of residents of all ages whose family income is below the federal poverty line."),
              "Social conditions", "percent", "demo_acs"),
    Indicator("no_vehicle", N_("Households without a vehicle"),
              N_("Percent of households that do not own or lease a car, van or truck."),
              "Social conditions", "percent", "demo_acs"),
    Indicator("limited_english", N_("Households with limited English"),
              N_("Percent of households in which no one aged 14 or older speaks English very well."),
              "Social conditions", "percent", "demo_acs"),
    Indicator("housing_cost_burden", N_("Households paying over 30% of income on housing"),
              N_("Percent of households that spend more than 30% of their income on rent or mortgage "
              "and utilities."),
              "Social conditions", "percent", "demo_acs"),
    Indicator("food_insecurity", N_("People who are food insecure"),
              N_("Percent of residents who lacked reliable access to enough affordable, nutritious food "
              "in the past year."),
              "Social conditions", "percent", "demo_survey"),
)  # fmt: skip


@dataclass(frozen=True)
class Model:
    """How an indicator's tract values are drawn: lo + (hi - lo) * sigmoid(center + loadings)."""

    basis: str  # whose count is the denominator: adults, people, births, households, seniors, under75
    lo: float  # range of tract values, in the indicator's unit
    hi: float
    center: float
    need: float  # loading on the latent disadvantage ("need")
    urban: float = 0.0
    hispanic: float = 0.0  # loading on the tract's (standardised) Hispanic share
    noise: float = 0.35
    trend: float = 0.0  # relative change per year
    covid: float = 1.0  # factor in 2020 (its square root in 2021)


MODELS = {
    "uninsured": Model("adults", 5, 32, -0.9, 1.3, trend=-0.03),
    "no_usual_source": Model("adults", 8, 35, -0.6, 1.0, urban=-0.3, trend=-0.01),
    "no_checkup": Model("adults", 15, 40, -0.3, 0.9, covid=1.15),
    "diabetes": Model("adults", 6, 19, -0.5, 1.2, noise=0.3, trend=0.01),
    "hypertension": Model("adults", 22, 48, -0.3, 1.0, urban=-0.3, noise=0.3, trend=0.005),
    "asthma": Model("adults", 7, 14, -0.3, 0.8, urban=0.3),
    "obesity": Model("adults", 24, 45, 0.0, 0.9, urban=-0.3, trend=0.012),
    "mental_distress": Model("adults", 10, 22, -0.2, 0.9, urban=0.1, trend=0.02, covid=1.12),
    "low_birthweight": Model("births", 5, 14, -0.4, 1.0),
    "late_prenatal_care": Model("births", 10, 40, -0.7, 1.1, covid=1.1),
    "preventable_stays": Model("seniors", 2000, 6000, -0.3, 1.1, trend=-0.01, covid=0.8),
    "er_visits": Model("people", 250, 700, -0.4, 1.2, urban=0.2, covid=0.8),
    "premature_death": Model("under75", 5000, 13000, -0.4, 1.2, noise=0.3, covid=1.12),
    "life_expectancy": Model("people", 71, 84, -0.3, 1.2, noise=0.3),  # hi - (hi - lo) * sigmoid(...)
    "poverty": Model("people", 5, 40, -0.8, 1.3, noise=0.3, trend=-0.015),
    "no_vehicle": Model("households", 2, 25, -1.2, 0.9, urban=1.2),
    "limited_english": Model("households", 0.5, 15, -1.8, 0.5, urban=0.5, hispanic=0.9, noise=0.25),
    "housing_cost_burden": Model("households", 20, 50, -0.2, 0.8, urban=0.5, trend=0.01),
    "food_insecurity": Model("people", 7, 25, -0.5, 1.2, covid=1.1),
}
LIFE_EXPECTANCY_SHIFT = {2019: 0.0, 2020: -1.3, 2021: -1.6, 2022: -0.7, 2023: -0.3, 2024: -0.1}  # years

# The brief's six, plus no_usual_source so that at least a third of the indicators have breakdowns.
BREAKDOWN_INDICATORS = (
    "uninsured", "no_usual_source", "no_checkup", "diabetes", "hypertension", "er_visits",
    "late_prenatal_care",
)  # fmt: skip
# Births are broken down by the mother's race and income only: the published age groups (up to 65
# and older) and sex do not describe births.
BREAKDOWN_DIMS = {
    ind: (("race_ethnicity", "income") if ind == "late_prenatal_care" else tuple(GROUP_DIMS))
    for ind in BREAKDOWN_INDICATORS
}
# Odds ratios (rate ratios for er_visits) of each group against its tract's average; the age tuple
# starts with children (0–17). These are the disparities the dashboard is meant to surface.
RELATIVE_RISK = {
    "uninsured": {
        "race_ethnicity": (2.6, 1.5, 0.7, 1.0, 2.2, 1.1),
        "income": (2.4, 1.7, 0.5),
        "age": (1.0, 1.8, 1.5, 1.05, 0.1),
        "sex": (0.8, 1.25),
    },
    "no_usual_source": {
        "race_ethnicity": (1.6, 1.1, 0.85, 1.2, 1.4, 1.1),
        "income": (1.6, 1.3, 0.75),
        "age": (1.0, 1.9, 1.4, 0.9, 0.5),
        "sex": (0.75, 1.35),
    },
    "no_checkup": {
        "race_ethnicity": (1.5, 0.9, 1.0, 1.2, 1.4, 1.1),
        "income": (1.5, 1.2, 0.8),
        "age": (1.0, 1.9, 1.5, 0.95, 0.45),
        "sex": (0.7, 1.4),
    },
    "diabetes": {
        "race_ethnicity": (1.6, 1.7, 0.8, 1.3, 2.1, 1.1),
        "income": (1.7, 1.3, 0.7),
        "age": (1.0, 0.1, 0.35, 1.4, 2.4),
        "sex": (0.9, 1.1),
    },
    "hypertension": {
        "race_ethnicity": (1.0, 1.8, 0.95, 0.85, 1.3, 1.0),
        "income": (1.4, 1.2, 0.85),
        "age": (1.0, 0.1, 0.35, 1.5, 3.2),
        "sex": (0.85, 1.15),
    },
    "er_visits": {
        "race_ethnicity": (1.2, 1.8, 0.8, 0.5, 1.6, 1.2),
        "income": (2.0, 1.3, 0.65),
        "age": (0.9, 1.35, 1.1, 0.85, 1.15),
        "sex": (1.05, 0.95),
    },
    "late_prenatal_care": {
        "race_ethnicity": (1.8, 1.9, 0.7, 1.0, 2.4, 1.2),
        "income": (2.2, 1.4, 0.55),
        "age": (1.0, 1.0, 1.0, 1.0, 1.0),
        "sex": (1.0, 1.0),
    },
}

# ---------------------------------------------------------------------------------------------
# Coalition: partners, programs, sites, metrics, roles, commitments, community input
# ---------------------------------------------------------------------------------------------

PARTNERS = (
    ("riverbend_health", "Riverbend Health System", "health_system"),
    ("cedar_valley_clinics", "Cedar Valley Community Clinics", "health_system"),
    ("alder_health_dept", "Alder County Health Department", "public_agency"),
    ("elm_health_dept", "Elm County Health Department", "public_agency"),
    ("state_health_dept", "Riverbend Department of Public Health", "public_agency"),
    ("unidos", "Unidos Community Alliance", "community_organization"),
    ("promotoras", "Red de Promotoras de Riverbend", "community_organization"),
    ("food_bank", "Riverbend Regional Food Bank", "community_organization"),
    ("alder_city_schools", "Alder City Public Schools", "school"),
    ("birch_valley_usd", "Birch Valley Unified School District", "school"),
    ("second_street_ame", "Second Street AME Church", "faith_based"),
    ("holy_family", "Holy Family Parish", "faith_based"),
    ("cedar_foundation", "Cedar Community Foundation", "foundation"),
    ("equity_fund", "Riverbend Health Equity Fund", "foundation"),
    ("elm_council", "Elm County Neighborhood Council", "local_leader"),
    ("eastside_elders", "Eastside Council of Elders", "local_leader"),
)
# Owners of commitments are roles, never people.
OWNER_ROLES = {
    "health_system": ("Program director", "Community benefit manager", "Chief medical officer's office"),
    "public_agency": ("Health officer", "Epidemiologist", "Community health manager"),
    "community_organization": ("Executive director", "Outreach coordinator"),
    "school": ("Director of student health services",),
    "faith_based": ("Health ministry coordinator",),
    "foundation": ("Program officer",),
    "local_leader": ("Council chair", "Council secretary"),
}


@dataclass(frozen=True)
class Program:
    program_id: str
    kind: str
    name: str
    lead: str
    description: str
    sites: tuple[str, ...]  # site names; telehealth sites are named after their county instead
    score: str  # which tracts get sites (see programs._site_scores)
    min_separation: float  # degrees between sites
    radius: float  # degrees: tracts whose seed point is this close to a site are served
    uptake: float  # share of a served tract's residents reached in a full year, near a site


PROGRAMS = (
    Program("chc", "community_health_center", "Eastside Community Health Center", "cedar_valley_clinics",
            "A full-service primary care clinic on the east side of Alder City that sees everyone, "
            "whatever their insurance or ability to pay.",
            ("Eastside Community Health Center", "Eastside Health Center – Riverside Annex"),
            "urban_need", 0.04, 0.12, 0.10),
    Program("mobile_clinic", "mobile_clinic", "Rural Health on Wheels", "elm_health_dept",
            "A mobile clinic van that makes regular stops in rural towns for checkups, screenings "
            "and vaccines.",
            ("Hollow Creek Grange Hall", "County Fairgrounds", "Pine Ridge General Store",
             "Millbrook Community Center", "Sandy Ford Volunteer Fire Station"),
            "rural", 0.25, 0.18, 0.05),
    Program("school_health", "school_based", "School-Based Health Centers", "alder_city_schools",
            "Clinics inside schools that offer checkups, asthma care and counseling to students "
            "and their families.",
            ("Lincoln High School Health Center", "Jefferson Middle School Health Room",
             "Riverside Elementary Family Clinic"),
            "urban_need", 0.08, 0.07, 0.04),
    Program("telehealth", "telehealth", "Telehealth Access Points", "riverbend_health",
            "Private video-visit rooms in libraries and senior centers so rural residents can see a "
            "clinician without a long drive.",
            ("Public Library telehealth room", "Senior Center telehealth room",
             "Library branch telehealth room"),
            "rural", 0.6, 0.35, 0.02),
    Program("chw", "chw", "Promotores de Salud", "unidos",
            "Bilingual community health workers help families enroll in coverage, find a regular clinic "
            "and keep their appointments.",
            ("Unidos Community Alliance Office", "Mercado Plaza Outreach Table"),
            "hispanic", 0.06, 0.14, 0.03),
    Program("health_ed", "health_education", "Healthy Hearts in Faith Communities", "second_street_ame",
            "Blood pressure checks and diabetes prevention classes held in congregations.",
            ("Second Street AME Church", "Holy Family Parish Hall", "Greater New Hope Baptist Church",
             "Masjid Al-Noor Community Room"),
            "black", 0.05, 0.08, 0.015),
)  # fmt: skip

# Per year after a program's start year, in the tracts it serves, the odds (rates, for er_visits)
# of the listed groups multiply by 1 - cut; None means everyone. So gaps narrow where programs run.
PROGRAM_EFFECTS = {
    "chw": (
        ("uninsured", {"race_ethnicity": ("Hispanic or Latino",), "income": ("Below poverty",)}, 0.15),
        ("no_checkup", {"race_ethnicity": ("Hispanic or Latino",), "income": ("Below poverty",)}, 0.10),
    ),
    "community_health_center": (
        ("er_visits", {"income": ("Below poverty", "100–199% of poverty")}, 0.10),
        ("er_visits", None, 0.03),
        ("no_checkup", {"income": ("Below poverty",)}, 0.08),
    ),
    "mobile_clinic": (("no_checkup", None, 0.06),),
    "school_based": (("asthma", None, 0.03),),
    "telehealth": (("no_usual_source", None, 0.05),),
    "health_education": (("late_prenatal_care", {"race_ethnicity": ("Black",)}, 0.08),),
}
# How much more likely each group is than its share of residents to be among the people reached.
REACH_PROPENSITY = {
    "race_ethnicity": np.array([1.5, 1.4, 0.8, 0.9, 1.3, 1.0]),
    "income": np.array([2.0, 1.3, 0.6]),
}
REACH_PROPENSITY_CHW_HISPANIC = 4.0


@dataclass(frozen=True)
class Metric:
    """A program's monthly measure: a ramp from ``first`` towards ``level`` (``tau`` months to get most of
    the way) with noise, against ``target`` (None: no target was ever set). ``turn`` is a late change in
    the story: from that month on the level moves steadily by ``change`` by the last month reported
    (percentage points for a percent, a share of the level for a count)."""

    suffix: str
    question: str  # results-based accountability: better_off, how_well or how_much
    label: str
    unit: str  # count or percent
    higher_is_better: bool
    first: float
    level: float
    target: float | None
    tau: float
    turn: tuple[dt.date, float] | None = None


# Each program answers the three questions of results-based accountability (Friedman): how much did we
# do (people seen, sessions held), how well did we do it (on time, without a problem, finished), and is
# anyone better off (blood pressure or asthma under control, insured). The stories for the scorecard:
# the health center's diabetes care holds its target; the mobile clinic lost its nurse in late 2024, so
# follow-up slipped while blood pressure control, still short of its target, kept improving; the
# telehealth points began tracking whether patients have a regular clinician without agreeing a target;
# the promotores enrolled more people as families lost coverage when Medicaid renewals resumed.
METRICS = {
    "chc": (
        Metric("patients", "how_much", "Patients seen", "count", True, 250, 1500, 1400, 10),
        Metric("a1c", "better_off", "Patients with diabetes whose A1c is under control", "percent", True,
               45, 63, 60, 18),
        Metric("no_show", "how_well", "No-show rate", "percent", False, 26, 15, 15, 14),
        Metric("same_day", "how_well", "Patients offered a same-day appointment", "percent", True,
               30, 55, 50, 12),
    ),
    "mobile_clinic": (
        Metric("visits", "how_much", "Visits at mobile clinic stops", "count", True, 80, 420, 400, 8),
        Metric("bp_screens", "how_much", "Adults screened for high blood pressure", "count", True,
               40, 260, 250, 8),
        Metric("follow_up", "how_well", "Abnormal screenings with a follow-up visit within 30 days",
               "percent", True, 40, 76, 75, 12, turn=(dt.date(2024, 9, 1), -16.0)),
        Metric("bp_control", "better_off", "Patients with high blood pressure whose blood pressure is "
               "under control", "percent", True, 38, 50, 60, 20, turn=(dt.date(2024, 1, 1), 7.0)),
    ),
    "school_health": (
        Metric("visits", "how_much", "Student visits", "count", True, 100, 650, 600, 6),
        Metric("asthma_plans", "how_well", "Students with asthma who have an action plan", "percent", True,
               35, 82, 80, 20),
        Metric("counseling", "how_much", "Counseling sessions", "count", True, 20, 180, 150, 9),
        Metric("asthma_days", "better_off", "Students with asthma who missed no school for asthma this "
               "month", "percent", True, 70, 86, 85, 18),
    ),
    "telehealth": (
        Metric("visits", "how_much", "Video visits completed", "count", True, 30, 380, 350, 12),
        Metric("connected", "how_well", "Visits completed without a connection problem", "percent", True,
               78, 93, 90, 10),
        Metric("no_show", "how_well", "No-show rate", "percent", False, 22, 12, 12, 12),
        Metric("usual_source", "better_off", "Patients who have a regular clinician", "percent", True,
               48, 66, None, 16),
    ),
    "chw": (
        Metric("contacts", "how_much", "Families contacted", "count", True, 60, 320, 300, 6),
        Metric("enrolled", "better_off", "People helped to enroll in health coverage", "count", True,
               10, 75, 70, 8, turn=(dt.date(2024, 4, 1), 0.3)),
        Metric("linked", "how_well", "Referrals that led to a first clinic visit", "percent", True,
               35, 67, 65, 14),
    ),
    "health_ed": (
        Metric("participants", "how_much", "Class participants", "count", True, 15, 90, 80, 6),
        Metric("bp_checks", "how_much", "Blood pressure checks", "count", True, 40, 210, 200, 8),
        Metric("completed", "how_well", "Participants who finished the 8-week class", "percent", True,
               55, 72, 70, 10),
        Metric("bp_controlled", "better_off", "Participants whose blood pressure is under control at the "
               "end of the class", "percent", True, 50, 68, 65, 14),
    ),
}  # fmt: skip
MISSING_RESULT_SHARE = 0.04  # months with no value reported

PARTNER_ROLES = (  # program, partner, role, decision authority
    ("chc", "cedar_valley_clinics", "Lead and fiscal agent", "decides"),
    ("chc", "riverbend_health", "Specialty referrals and lab services", "shares"),
    ("chc", "unidos", "Outreach in Spanish", "advises"),
    ("chc", "alder_health_dept", "Data and evaluation", "advises"),
    ("chc", "cedar_foundation", "Funder", "shares"),
    ("chc", "eastside_elders", "Community advisory board", "advises"),
    ("mobile_clinic", "elm_health_dept", "Lead and fiscal agent", "decides"),
    ("mobile_clinic", "riverbend_health", "Clinical staffing", "shares"),
    ("mobile_clinic", "elm_council", "Chooses stops with residents", "shares"),
    ("mobile_clinic", "food_bank", "Hosts stops at food distributions", "advises"),
    ("mobile_clinic", "equity_fund", "Funder", "informed"),
    ("school_health", "alder_city_schools", "Lead and fiscal agent", "decides"),
    ("school_health", "birch_valley_usd", "Host district", "shares"),
    ("school_health", "riverbend_health", "Clinical partner", "shares"),
    ("school_health", "cedar_foundation", "Funder", "advises"),
    ("telehealth", "riverbend_health", "Lead and fiscal agent", "decides"),
    ("telehealth", "elm_health_dept", "Site host", "shares"),
    ("telehealth", "elm_council", "Resident feedback", "advises"),
    ("telehealth", "state_health_dept", "Evaluator", "informed"),
    ("chw", "unidos", "Lead and fiscal agent", "decides"),
    ("chw", "promotoras", "Hires and trains community health workers", "shares"),
    ("chw", "cedar_valley_clinics", "Referral partner", "advises"),
    ("chw", "state_health_dept", "Medicaid enrollment support", "advises"),
    ("chw", "equity_fund", "Funder", "informed"),
    ("chw", "holy_family", "Outreach after Sunday services", "informed"),
    ("health_ed", "second_street_ame", "Lead and fiscal agent", "decides"),
    ("health_ed", "holy_family", "Host congregation", "shares"),
    ("health_ed", "alder_health_dept", "Trains class leaders", "shares"),
    ("health_ed", "riverbend_health", "Blood pressure cuffs and referrals", "advises"),
    ("health_ed", "eastside_elders", "Recruits participants", "advises"),
)

COMMITMENTS = (  # partner, program (None: coalition-wide), what was promised
    ("cedar_valley_clinics", "chc", "Share monthly referral data with the coalition"),
    ("unidos", "chw", "Hire two bilingual community health workers"),
    ("promotoras", "chw", "Train ten new promotoras each year"),
    ("state_health_dept", "chw", "Give community health workers direct access to Medicaid enrollment"),
    ("equity_fund", "chw", "Fund community health worker salaries for three years"),
    ("elm_health_dept", "mobile_clinic", "Publish the mobile clinic schedule in English and Spanish"),
    ("elm_council", "mobile_clinic", "Recruit hosts for two new mobile clinic stops"),
    ("food_bank", "mobile_clinic", "Bring produce boxes to every mobile clinic stop"),
    ("riverbend_health", "mobile_clinic", "Staff the van with a nurse practitioner four days a week"),
    ("alder_city_schools", "school_health", "Open a health center in one more school"),
    ("birch_valley_usd", "school_health", "Send consent forms home in families' languages"),
    ("cedar_foundation", "school_health", "Fund a counselor in each school health center"),
    ("riverbend_health", "telehealth", "Add video visits with specialists"),
    ("elm_health_dept", "telehealth", "Keep library telehealth rooms open two evenings a week"),
    ("state_health_dept", "telehealth", "Pay for telehealth visits at the same rate as in-person visits"),
    ("second_street_ame", "health_ed", "Hold blood pressure checks after services every month"),
    ("holy_family", "health_ed", "Host a diabetes prevention class each season"),
    ("alder_health_dept", "health_ed", "Train twenty lay health educators"),
    ("eastside_elders", "health_ed", "Recruit elders to join the Healthy Hearts classes"),
    ("alder_health_dept", None, "Publish tract-level data on the coalition dashboard"),
    ("state_health_dept", None, "Share hospital discharge data by race and ethnicity"),
    ("riverbend_health", None, "Report patient experience scores by language spoken"),
    ("cedar_foundation", None, "Fund an independent evaluation of coalition programs"),
    ("equity_fund", None, "Set aside grants for resident-led projects"),
    ("unidos", None, "Hold listening sessions in every county each year"),
    ("elm_council", None, "Bring resident priorities to every coalition meeting"),
    ("riverbend_health", None, "Add race, ethnicity and language questions to intake forms"),
    ("alder_city_schools", None, "Share chronic absence data by school"),
)
MIN_OVERDUE = 4
# How often a background commitment's due date moved once, and why dates move and promises are dropped.
MOVED_SHARE = 0.25
MOVE_REASONS = (
    "Waiting on a signed data-sharing agreement",
    "Staff turnover: the post was vacant for three months",
    "The grant that pays for it started late",
    "Partners asked for more time to involve residents",
)
DROP_REASONS = (
    "Funding for it ended; partners agreed to drop it",
    "Another program now does this",
    "Residents said other work mattered more",
)
COALITION_OWNER = "Chair, coalition steering committee"  # a role, as every owner is


@dataclass(frozen=True)
class Promise:
    """A commitment the demo's story needs, with its whole history (the rest are drawn at random)."""

    commitment_id: str
    partner: str | None  # who is accountable; None: the coalition itself
    program: str | None
    description: str
    owner: str  # a role, never a name
    to: str  # coalition, community or partner
    made: dt.date
    due: dt.date  # the first due date promised
    to_partner: str | None = None
    moves: tuple[tuple[dt.date, dt.date, str], ...] = ()  # (changed on, new due date, reason)
    started: dt.date | None = None
    status: str = "in_progress"  # now
    closed: dt.date | None = None  # completed on (done), or the day it was dropped
    reason: str | None = None  # why it was dropped
    answers: str | None = None  # the topic of community input it answers (an action is linked to it)


# Promises in every direction, as a coalition keeps them: a hospital's to the coalition, moved twice and
# kept late; the coalition's own to the community, one kept and one overdue; a clinic's to the community,
# kept late; partners' to each other, one kept, one dropped, one not yet due.
STORY = (
    Promise("s01", "riverbend_health", None,
            "Share emergency department visits by ZIP code with the coalition every quarter",
            "Community benefit manager, Riverbend Health System", "coalition",
            dt.date(2023, 9, 12), dt.date(2024, 3, 31),
            moves=((dt.date(2024, 3, 20), dt.date(2024, 9, 30),
                    "The data-sharing agreement was still with the hospital's lawyers"),
                   (dt.date(2024, 9, 16), dt.date(2025, 1, 31),
                    "A new health records system delayed the first extract")),
            started=dt.date(2024, 1, 8), status="done", closed=dt.date(2025, 2, 10)),
    Promise("s02", None, None, "Translate every clinic form and appointment reminder into Spanish",
            COALITION_OWNER, "community", dt.date(2024, 4, 22), dt.date(2024, 12, 31),
            started=dt.date(2024, 5, 15), status="done", closed=dt.date(2024, 11, 18),
            answers="Language access"),
    Promise("s03", None, None, "Report back in every county on what was done with what residents said",
            COALITION_OWNER, "community", dt.date(2024, 6, 10), dt.date(2025, 3, 31),
            moves=((dt.date(2025, 3, 24), dt.date(2025, 5, 31), "The 2024 survey results came in late"),),
            started=dt.date(2024, 9, 2)),
    Promise("s04", "cedar_valley_clinics", "chc",
            "Open Saturday hours at the Eastside Community Health Center",
            "Program director, Cedar Valley Community Clinics", "community",
            dt.date(2023, 10, 2), dt.date(2024, 3, 31), started=dt.date(2023, 11, 1), status="done",
            closed=dt.date(2024, 5, 18), answers="Wait times"),
    Promise("s05", "riverbend_health", "chc",
            "See health center patients referred to a specialist within two weeks",
            "Chief medical officer's office, Riverbend Health System", "partner",
            dt.date(2023, 5, 1), dt.date(2024, 6, 30), to_partner="cedar_valley_clinics",
            started=dt.date(2023, 6, 1), status="done", closed=dt.date(2024, 6, 12)),
    Promise("s06", "cedar_foundation", "chw", "Fund a van for community health worker home visits",
            "Program officer, Cedar Community Foundation", "partner",
            dt.date(2023, 11, 15), dt.date(2024, 12, 31), to_partner="unidos",
            started=dt.date(2024, 2, 1), status="dropped", closed=dt.date(2024, 8, 20),
            reason="The foundation's board cut its transport grants; ride vouchers were agreed instead"),
    Promise("s07", "unidos", "school_health",
            "Staff a bilingual family liaison at every school health center open house",
            "Outreach coordinator, Unidos Community Alliance", "partner",
            dt.date(2025, 1, 20), dt.date(2025, 9, 30), to_partner="alder_city_schools",
            started=dt.date(2025, 2, 15)),
    Promise("s08", "elm_health_dept", "mobile_clinic",
            "Move a mobile clinic stop to the grocery store on market day",
            "Community health manager, Elm County Health Department", "community",
            dt.date(2024, 8, 5), dt.date(2024, 10, 31), started=dt.date(2024, 8, 19), status="done",
            closed=dt.date(2024, 10, 12), answers="Transportation to appointments"),
    Promise("s09", None, None,
            "Give the Eastside Council of Elders a seat and a vote on the steering committee",
            COALITION_OWNER, "partner", dt.date(2024, 2, 1), dt.date(2024, 6, 30),
            to_partner="eastside_elders", status="done", closed=dt.date(2024, 6, 20)),
)  # fmt: skip

# What partners put in, per program (None: the coalition as a whole) and year: partner, program, kind,
# a typical yearly amount (dollars; hours for staff_hours), and what it is.
CONTRIBUTION_YEARS = (2023, 2024, 2025)
CONTRIBUTIONS = (
    ("cedar_foundation", "chc", "funding", 250_000, "Operating grant"),
    ("cedar_foundation", "school_health", "funding", 120_000, "School counselor salaries"),
    ("cedar_foundation", None, "funding", 60_000, "Independent evaluation"),
    ("equity_fund", "chw", "funding", 180_000, "Community health worker salaries"),
    ("equity_fund", "mobile_clinic", "funding", 90_000, "Van fuel, insurance and upkeep"),
    ("equity_fund", None, "funding", 40_000, "Grants for resident-led projects"),
    ("riverbend_health", "mobile_clinic", "staff_hours", 1_600, "Nurse practitioner on the van"),
    ("riverbend_health", "telehealth", "in_kind", 45_000, "Video visit equipment and licences"),
    ("riverbend_health", "chc", "in_kind", 30_000, "Lab tests at cost"),
    ("cedar_valley_clinics", "chc", "staff_hours", 2_400, "Clinicians for Saturday hours"),
    ("alder_health_dept", None, "staff_hours", 700, "Epidemiologist for the coalition's data"),
    ("alder_health_dept", "health_ed", "staff_hours", 300, "Training class leaders"),
    ("elm_health_dept", "telehealth", "space", 18_000, "Library telehealth rooms"),
    ("unidos", "chw", "staff_hours", 1_200, "Supervising community health workers"),
    ("promotoras", "chw", "staff_hours", 900, "Training new promotoras"),
    ("food_bank", "mobile_clinic", "in_kind", 35_000, "Produce boxes at clinic stops"),
    ("alder_city_schools", "school_health", "space", 40_000, "Health rooms in three schools"),
    ("birch_valley_usd", "school_health", "space", 15_000, "A health room at Riverside Elementary"),
    ("second_street_ame", "health_ed", "space", 8_000, "Fellowship hall for classes"),
    ("holy_family", "health_ed", "space", 6_000, "Parish hall for classes"),
    ("elm_council", "mobile_clinic", "staff_hours", 250, "Volunteers who choose stops with residents"),
    ("eastside_elders", None, "staff_hours", 200, "Elders on the community advisory board"),
)

TOPICS = {  # topic -> things people said (paraphrased, no names)
    "Transportation to appointments": (
        "The bus does not reach the clinic before nine, so early appointments are impossible without a car.",
        "People rely on neighbours or family for rides and cancel when no one is free.",
        "The nearest clinic is a long drive, and gas money is short at the end of the month.",
    ),
    "Cost of care": (
        "Even with insurance, co-pays and surprise bills make people wait until it is an emergency.",
        "People skip filling prescriptions or split pills to make them last.",
        "Many did not know the health center has a sliding fee scale.",
    ),
    "Language access": (
        "Reminders and forms come only in English, and children end up interpreting for their parents.",
        "The phone line offers no other languages, so people hang up before reaching anyone.",
        "People want an interpreter in the room, not over a speakerphone.",
    ),
    "Wait times": (
        "It takes six weeks to get a first appointment, so people go to the emergency room instead.",
        "Waiting rooms are full and people lose a day's pay to be seen.",
        "Evening and weekend hours would let working parents come without missing a shift.",
    ),
    "Mental health support": (
        "Counselors have long waitlists and few take their insurance.",
        "People want someone to talk to who understands their culture, close to home.",
        "Stigma keeps people from asking for help; they would rather talk to someone at church or school.",
    ),
    "Healthy food": (
        "The nearest full grocery store is miles away and the corner store has little fresh food.",
        "Fresh produce costs too much at the end of the month when benefits run out.",
        "People asked for cooking classes that use foods they already eat.",
    ),
    "Respect from providers": (
        "People feel rushed and not listened to, and some said staff assumed they could not pay.",
        "Several said they were treated differently once staff heard their accent.",
        "Elders want providers to explain things plainly and take time to answer questions.",
    ),
}
ACTIONS = {  # topic -> (what was done, partner)
    "Transportation to appointments": (
        ("Arranged free ride vouchers for clinic appointments", "elm_council"),
        ("Moved a mobile clinic stop to the grocery store parking lot on market day", "elm_health_dept"),
        ("Asked the transit authority for an earlier bus to the health center", "alder_health_dept"),
    ),
    "Cost of care": (
        ("Posted the sliding fee scale in English and Spanish at every site", "cedar_valley_clinics"),
        ("Added a financial counselor to help with bills and coverage", "riverbend_health"),
        ("Started a prescription assistance fund", "cedar_foundation"),
    ),
    "Language access": (
        ("Hired two bilingual community health workers", "unidos"),
        ("Added a Spanish option to the appointment phone line", "cedar_valley_clinics"),
        ("Translated appointment reminder texts into Spanish", "riverbend_health"),
    ),
    "Wait times": (
        ("Added Saturday hours at the Eastside Community Health Center", "cedar_valley_clinics"),
        ("Opened same-day slots for new patients", "cedar_valley_clinics"),
        ("Offered video visits for follow-up appointments", "riverbend_health"),
    ),
    "Mental health support": (
        ("Placed a counselor in the school-based health centers", "alder_city_schools"),
        ("Trained faith leaders in mental health first aid", "second_street_ame"),
        ("Funded a peer support group for young adults", "equity_fund"),
    ),
    "Healthy food": (
        ("Started produce boxes at mobile clinic stops", "food_bank"),
        ("Doubled food benefits spent at the farmers market", "cedar_foundation"),
        ("Offered cooking classes at Holy Family Parish Hall", "holy_family"),
    ),
    "Respect from providers": (
        ("Held listening sessions between clinic staff and residents", "eastside_elders"),
        ("Required respectful-care training for front-desk staff", "riverbend_health"),
        ("Added residents to the health center's advisory board", "cedar_valley_clinics"),
    ),
}
VOICES = (  # groups heard, and the topic each tends to put first
    ("all", "All", None),
    ("race_ethnicity", "Hispanic or Latino", "Language access"),
    ("race_ethnicity", "Black", "Respect from providers"),
    ("race_ethnicity", "American Indian or Alaska Native", "Transportation to appointments"),
    ("age", "65 and older", "Transportation to appointments"),
    ("age", "18–24", "Mental health support"),
    ("language", "Spanish speakers", "Language access"),
    ("income", "Below poverty", "Cost of care"),
)
PARTICIPANTS = {"survey": (40, 400), "focus_group": (6, 14), "listening_session": (15, 60)}
N_INPUTS = 40
N_ACTIONS = 25
