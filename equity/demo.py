"""The demo database: "Riverbend", a fictional state whose made-up data behave like real data.

Nothing here describes real places, organisations or people. Every name and number is invented,
and the meta table says so (is_demo = 'true'). The data are built to be useful for trying the
dashboard: tracts tile the state, counties add up from tracts, indicators move together the way
they do in real places, small groups give small counts (which the published_values view hides),
and where programs run, gaps between groups narrow after they start.

Everything is drawn from one seed, so the same seed gives the same tables (apart from built_at).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from equity import db, privacy, stats
from equity.db import build_atomically

GENERATOR = "equity.demo"
REGION_NAME = "Riverbend (a fictional state)"
AS_OF = dt.date(2025, 6, 30)
LAST_RESULT_MONTH = dt.date(2025, 6, 1)
PERIODS = tuple(range(2019, 2025))
IMPORTED_AT = dt.datetime(2025, 6, 30)  # fixed, so sources are identical between builds

# ---------------------------------------------------------------------------------------------
# Geography
# ---------------------------------------------------------------------------------------------

BBOX = (-89.5, 35.0, -86.5, 37.5)  # lon_min, lat_min, lon_max, lat_max of the state outline
GRID = 1e-5  # coordinate precision (about 1 m); rounding every shape to it keeps shared borders equal
DRAWN_TOLERANCE = 0.004  # degrees; simplification for geometry_drawn
MIN_SPACING = 0.012  # degrees between tract seed points, so no tract is a sliver

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
        "Hispanic or Latino",
        "Black",
        "White",
        "Asian",
        "American Indian or Alaska Native",
        "Two or more races",
    ),
    "income": ("Below poverty", "100–199% of poverty", "200% of poverty or more"),
    "age": ("18–24", "25–44", "45–64", "65 and older"),
    "sex": ("Female", "Male"),
}
# People are counted in cells race x income x age x sex. The age axis has children first: they
# count towards totals ('All') but no age group is published for them. The adult groups are whole
# groups of the 2000 U.S. standard population (15–24 split at 18), so rates can be age-adjusted.
AGE_CELLS = ("0–17",) + GROUP_DIMS["age"]
CELL_SHAPE = (len(GROUP_DIMS["race_ethnicity"]), len(GROUP_DIMS["income"]), len(AGE_CELLS), 2)
DIM_AXIS = {"race_ethnicity": 1, "income": 2, "age": 3, "sex": 4}  # axes of a (tract, *cell) array

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
    Indicator("uninsured", "Adults without health insurance",
              "Percent of adults aged 18 and older who have no health insurance of any kind.",
              "Access to care", "percent", "demo_acs"),
    Indicator("no_usual_source", "Adults with no usual source of care",
              "Percent of adults who have no doctor's office or clinic they usually go to when sick.",
              "Access to care", "percent", "demo_survey"),
    Indicator("no_checkup", "Adults without a routine checkup in the past year",
              "Percent of adults who did not see a doctor for a routine checkup in the past year.",
              "Access to care", "percent", "demo_survey"),
    Indicator("diabetes", "Adults with diagnosed diabetes",
              "Percent of adults ever told by a doctor that they have diabetes.",
              "Chronic disease", "percent", "demo_survey"),
    Indicator("hypertension", "Adults with high blood pressure",
              "Percent of adults ever told by a doctor that they have high blood pressure.",
              "Chronic disease", "percent", "demo_survey"),
    Indicator("asthma", "Adults with current asthma",
              "Percent of adults who have been told they have asthma and still have it.",
              "Chronic disease", "percent", "demo_survey"),
    Indicator("obesity", "Adults with obesity",
              "Percent of adults with a body mass index of 30 or more.",
              "Chronic disease", "percent", "demo_survey"),
    Indicator("mental_distress", "Adults with frequent mental distress",
              "Percent of adults who had 14 or more days of poor mental health in the past month.",
              "Mental health", "percent", "demo_survey"),
    Indicator("low_birthweight", "Babies born with low birthweight",
              "Percent of live births weighing less than 2,500 grams (5.5 pounds).",
              "Maternal and child health", "percent", "demo_vitals"),
    Indicator("late_prenatal_care", "Births with late or no prenatal care",
              "Percent of live births whose mothers began prenatal care after the first trimester "
              "or had none.",
              "Maternal and child health", "percent", "demo_vitals"),
    Indicator("preventable_stays", "Preventable hospital stays",
              "Hospital stays for conditions usually treatable in outpatient care, "
              "per 100,000 Medicare enrollees.",
              "Outcomes", "per_100k", "demo_hospital"),
    Indicator("er_visits", "Emergency department visits",
              "Emergency department visits per 1,000 residents of all ages.",
              "Outcomes", "per_1k", "demo_hospital"),
    Indicator("premature_death", "Years of life lost before age 75",
              "Years of potential life lost before age 75 per 100,000 residents under 75.",
              "Outcomes", "per_100k", "demo_vitals"),
    Indicator("life_expectancy", "Life expectancy at birth",
              "Average number of years a baby born to residents of the area can expect to live "
              "at current death rates.",
              "Outcomes", "years", "demo_vitals", higher_is_worse=False),
    Indicator("poverty", "People living below the poverty line",
              "Percent of residents of all ages whose family income is below the federal poverty line.",
              "Social conditions", "percent", "demo_acs"),
    Indicator("no_vehicle", "Households without a vehicle",
              "Percent of households that do not own or lease a car, van or truck.",
              "Social conditions", "percent", "demo_acs"),
    Indicator("limited_english", "Households with limited English",
              "Percent of households in which no one aged 14 or older speaks English very well.",
              "Social conditions", "percent", "demo_acs"),
    Indicator("housing_cost_burden", "Households paying over 30% of income on housing",
              "Percent of households that spend more than 30% of their income on rent or mortgage "
              "and utilities.",
              "Social conditions", "percent", "demo_acs"),
    Indicator("food_insecurity", "People who are food insecure",
              "Percent of residents who lacked reliable access to enough affordable, nutritious food "
              "in the past year.",
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
SCALE = {"percent": 100.0, "per_1k": 1_000.0, "per_100k": 100_000.0}
Z95 = 1.959963984540054
MAX_RSE = 0.30  # relative standard error above which an estimate is flagged 'unreliable'

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

# Indicators broken down by age get an age-adjusted companion ('<id>_aa', as the PLACES loader names
# them): the same counts standardised by the direct method to the 2000 U.S. standard population over the
# ages the indicator counts, for everyone and for each group, so groups of different ages compare fairly.
AGE_ADJUSTED = {ind: f"{ind}_aa" for ind in BREAKDOWN_INDICATORS if "age" in BREAKDOWN_DIMS[ind]}
FIRST_AGE_CELL = {"adults": 1, "people": 0}  # by denominator basis: adults leave out children (0–17)


def _age_adjusted_indicator(ind: Indicator) -> Indicator:
    ages = AGE_CELLS[FIRST_AGE_CELL[MODELS[ind.indicator_id].basis] :]
    return Indicator(
        AGE_ADJUSTED[ind.indicator_id],
        f"{ind.label} (age-adjusted)",
        f"{ind.description} Age-adjusted by the direct method to the 2000 U.S. standard population, in the "
        f"age groups {', '.join(ages)}, so that places and groups of different ages compare fairly.",
        ind.domain,
        ind.unit,
        ind.source_id,
        ind.higher_is_worse,
        measure_type="age_adjusted",
    )


# Every indicator the demo publishes: those drawn from counts, then their age-adjusted companions.
CATALOGUE = INDICATORS + tuple(
    _age_adjusted_indicator(i) for i in INDICATORS if i.indicator_id in AGE_ADJUSTED
)

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
    score: str  # which tracts get sites (see _site_scores)
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

# (suffix, label, unit, higher_is_better, first month, level reached, target, months to get there)
METRICS = {
    "chc": (
        ("patients", "Patients seen", "count", True, 250, 1500, 1400, 10),
        ("a1c", "Patients with diabetes whose A1c is under control", "percent", True, 45, 63, 60, 18),
        ("no_show", "No-show rate", "percent", False, 26, 15, 15, 14),
        ("same_day", "Patients offered a same-day appointment", "percent", True, 30, 55, 50, 12),
    ),
    "mobile_clinic": (
        ("visits", "Visits at mobile clinic stops", "count", True, 80, 420, 400, 8),
        ("bp_screens", "Adults screened for high blood pressure", "count", True, 40, 260, 250, 8),
        (
            "follow_up",
            "Abnormal screenings with a follow-up visit within 30 days",
            "percent",
            True,
            40,
            73,
            75,
            16,
        ),
    ),
    "school_health": (
        ("visits", "Student visits", "count", True, 100, 650, 600, 6),
        ("asthma_plans", "Students with asthma who have an action plan", "percent", True, 35, 82, 80, 20),
        ("counseling", "Counseling sessions", "count", True, 20, 180, 150, 9),
    ),
    "telehealth": (
        ("visits", "Video visits completed", "count", True, 30, 380, 350, 12),
        ("connected", "Visits completed without a connection problem", "percent", True, 78, 93, 90, 10),
        ("no_show", "No-show rate", "percent", False, 22, 12, 12, 12),
    ),
    "chw": (
        ("contacts", "Families contacted", "count", True, 60, 320, 300, 6),
        ("enrolled", "People helped to enroll in health coverage", "count", True, 10, 75, 70, 8),
        ("linked", "Referrals that led to a first clinic visit", "percent", True, 35, 67, 65, 14),
    ),
    "health_ed": (
        ("participants", "Class participants", "count", True, 15, 90, 80, 6),
        ("bp_checks", "Blood pressure checks", "count", True, 40, 210, 200, 8),
        ("completed", "Participants who finished the 8-week class", "percent", True, 55, 72, 70, 10),
    ),
}
MISSING_RESULT_SHARE = 0.04  # months with no value reported

PARTNER_ROLES = {
    "chc": (
        ("cedar_valley_clinics", "Lead and fiscal agent", "decides"),
        ("riverbend_health", "Specialty referrals and lab services", "shares"),
        ("unidos", "Outreach in Spanish", "advises"),
        ("alder_health_dept", "Data and evaluation", "advises"),
        ("cedar_foundation", "Funder", "shares"),
        ("eastside_elders", "Community advisory board", "advises"),
    ),
    "mobile_clinic": (
        ("elm_health_dept", "Lead and fiscal agent", "decides"),
        ("riverbend_health", "Clinical staffing", "shares"),
        ("elm_council", "Chooses stops with residents", "shares"),
        ("food_bank", "Hosts stops at food distributions", "advises"),
        ("equity_fund", "Funder", "informed"),
    ),
    "school_health": (
        ("alder_city_schools", "Lead and fiscal agent", "decides"),
        ("birch_valley_usd", "Host district", "shares"),
        ("riverbend_health", "Clinical partner", "shares"),
        ("cedar_foundation", "Funder", "advises"),
    ),
    "telehealth": (
        ("riverbend_health", "Lead and fiscal agent", "decides"),
        ("elm_health_dept", "Site host", "shares"),
        ("elm_council", "Resident feedback", "advises"),
        ("state_health_dept", "Evaluator", "informed"),
    ),
    "chw": (
        ("unidos", "Lead and fiscal agent", "decides"),
        ("promotoras", "Hires and trains community health workers", "shares"),
        ("cedar_valley_clinics", "Referral partner", "advises"),
        ("state_health_dept", "Medicaid enrollment support", "advises"),
        ("equity_fund", "Funder", "informed"),
        ("holy_family", "Outreach after Sunday services", "informed"),
    ),
    "health_ed": (
        ("second_street_ame", "Lead and fiscal agent", "decides"),
        ("holy_family", "Host congregation", "shares"),
        ("alder_health_dept", "Trains class leaders", "shares"),
        ("riverbend_health", "Blood pressure cuffs and referrals", "advises"),
        ("eastside_elders", "Recruits participants", "advises"),
    ),
}

COMMITMENTS = (  # partner, program (None: coalition-wide), what was promised
    ("cedar_valley_clinics", "chc", "Share monthly referral data with the coalition"),
    ("cedar_valley_clinics", "chc", "Open Saturday clinic hours"),
    ("riverbend_health", "chc", "See health center referrals to specialists within two weeks"),
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

TABLE_ORDER = tuple(t for t in db.TABLE_ORDER if t != "join_report")  # the demo loads no files


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def build_demo(
    path: Path,
    seed: int = 2026,
    n_tracts: int = 240,
    progress: Callable[[float, str], None] | None = None,
    min_count: int = privacy.DEFAULT_MIN_COUNT,
) -> dict[str, int]:
    """Build the fictional demo database at ``path`` and return the number of rows in each table.

    Counts below ``min_count`` (and any value from which one could be worked out) are withheld.
    """
    if n_tracts < 30:
        raise ValueError("n_tracts must be at least 30 so every county and program has tracts")

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    # One independent stream per part, so changing one part leaves the others' draws alone.
    rng_geo, rng_people, rng_programs, rng_values, rng_results, rng_coalition, rng_voices = (
        np.random.default_rng(seed).spawn(7)
    )
    report(0.0, "Drawing areas")
    geo = _draw_geography(rng_geo, n_tracts)
    report(0.15, "Placing people")
    tracts, cells = _people(rng_people, geo)
    report(0.25, "Placing programs")
    plans = _plan_programs(rng_programs, tracts, geo)
    report(0.35, "Computing indicators")
    values = _indicator_values(rng_values, tracts, cells, plans)
    report(0.6, "Adding program results and reach")
    program_tables = _program_tables(rng_results, tracts, plans)
    report(0.7, "Adding partners and commitments")
    coalition = _coalition_tables(rng_coalition)
    report(0.75, "Adding community input")
    voices = _voice_tables(rng_voices)

    areas = _areas(geo, tracts)
    tables = {
        "meta": _meta(seed, n_tracts, min_count),
        "sources": _sources(values),
        "areas": areas,
        "indicators": _indicators(),
        "indicator_values": values,
        "national_values": _national(values, seed),
        "withheld": privacy.withheld(
            values,
            areas.set_index("area_id")["parent_id"],
            min_count,
            companions={aa: base for base, aa in AGE_ADJUSTED.items()},
        ),
        **program_tables,
        **coalition,
        **voices,
    }
    report(0.8, "Writing database")
    counts: dict[str, int] = {}
    build_atomically(
        Path(path),
        fill=lambda con: _fill(con, tables),
        check=lambda con: counts.update(_check(con, tables)),
    )
    report(1.0, "Done")
    return counts


def _fill(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> None:
    for name in TABLE_ORDER:
        df = tables[name]
        columns = ", ".join(df.columns)
        # DuckDB scans an Arrow table faster than the same DataFrame (the same rows arrive).
        con.register("demo_frame", pa.Table.from_pandas(df, preserve_index=False))
        try:
            con.execute(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM demo_frame")
        finally:
            con.unregister("demo_frame")


def _check(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Every table arrived whole, and the view the pages read works."""
    counts = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLE_ORDER}
    wrong = {name: (n, len(tables[name])) for name, n in counts.items() if n != len(tables[name])}
    if wrong:
        raise RuntimeError(f"demo tables have the wrong number of rows (found, expected): {wrong}")
    twice = db.duplicate_value(con)
    if twice:
        raise RuntimeError(f"demo indicator values hold a key twice: {twice}")
    published = con.execute("SELECT count(*) FROM published_values").fetchone()[0]
    if published != counts["indicator_values"] + counts["national_values"]:
        raise RuntimeError("published_values does not show every indicator value")
    return counts


# ---------------------------------------------------------------------------------------------
# Geography: outline, tracts (Voronoi cells cut to the outline), counties and state as unions
# ---------------------------------------------------------------------------------------------


@dataclass
class Geography:
    seeds: np.ndarray  # (T, 2) tract seed points
    seats: np.ndarray  # (5, 2) county seats
    cities: np.ndarray  # (len(CITIES), 2) city centres
    tracts: np.ndarray  # (T,) geometries, full detail
    tracts_drawn: np.ndarray  # (T,) simplified with shared borders kept
    county: np.ndarray  # (T,) index into COUNTIES
    area_id: np.ndarray  # (T,) GEOIDs
    name: np.ndarray  # (T,) names


def _to_lonlat(fx: float, fy: float) -> np.ndarray:
    return np.array([BBOX[0] + fx * (BBOX[2] - BBOX[0]), BBOX[1] + fy * (BBOX[3] - BBOX[1])])


def _draw_geography(rng: np.random.Generator, n_tracts: int) -> Geography:
    outline, centre = _outline(rng)
    inner = outline.buffer(-0.06)
    seats = np.array(
        [_pull_inside(_to_lonlat(*s) + rng.normal(0, 0.03, 2), centre, inner) for s in COUNTY_SEATS]
    )
    cities = np.array([_pull_inside(_to_lonlat(c.x, c.y), centre, inner) for c in CITIES])
    seeds = _seed_points(rng, outline, seats, cities, n_tracts)

    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=outline, ordered=True)
    )
    # Cutting on the grid keeps the vertices both neighbours share identical, so borders match.
    tracts = shapely.intersection(cells, outline, grid_size=GRID)
    tracts = np.array([_polygonal(g) for g in tracts], dtype=object)
    drawn = shapely.coverage_simplify(tracts, DRAWN_TOLERANCE)

    # Each tract joins the county of the nearest seat; number tracts north to south within a county.
    county = np.argmin(((seeds[:, None, :] - seats[None, :, :]) ** 2).sum(axis=2), axis=1)
    centroids = shapely.centroid(tracts)
    lat, lon = shapely.get_y(centroids), shapely.get_x(centroids)
    area_id = np.empty(n_tracts, dtype=object)
    name = np.empty(n_tracts, dtype=object)
    for c, (county_id, county_name) in enumerate(COUNTIES):
        members = np.flatnonzero(county == c)
        members = members[np.lexsort((lon[members], -lat[members]))]
        for i, t in enumerate(members, start=1):
            area_id[t] = f"{county_id}{i * 100:06d}"
            name[t] = f"Tract {i}.00, {county_name}"
    return Geography(seeds, seats, cities, tracts, drawn, county, area_id, name)


def _outline(rng: np.random.Generator) -> tuple[shapely.Polygon, np.ndarray]:
    """An irregular star-shaped outline (so always a valid polygon), stretched to the bounding box."""
    theta = np.linspace(0.0, 2 * np.pi, 720, endpoint=False)
    radius = np.ones_like(theta)
    for k in range(2, 7):
        radius += rng.normal(0.0, 0.09 / k) * np.cos(k * theta + rng.uniform(0, 2 * np.pi))
    # The eastern border follows a river, so it wiggles at a finer scale (this is what gets simplified).
    east = np.exp(-0.5 * (((theta + np.pi) % (2 * np.pi) - np.pi) / 0.4) ** 2)
    radius += east * (
        0.035 * np.sin(17 * theta + rng.uniform(0, 2 * np.pi))
        + 0.012 * np.sin(53 * theta + rng.uniform(0, 2 * np.pi))
    )
    x, y = radius * np.cos(theta), radius * np.sin(theta)
    fx, fy = (x - x.min()) / np.ptp(x), (y - y.min()) / np.ptp(y)
    ring = _to_lonlat(fx, fy).T
    centre = _to_lonlat(-x.min() / np.ptp(x), -y.min() / np.ptp(y))  # where the star is centred
    return shapely.set_precision(shapely.Polygon(ring), GRID), centre


def _pull_inside(point: np.ndarray, centre: np.ndarray, region: shapely.Geometry) -> np.ndarray:
    """Move a point towards the outline's centre until it lies inside (the outline is star-shaped)."""
    for step in np.linspace(0.0, 1.0, 21):
        candidate = point + step * (centre - point)
        if shapely.contains_xy(region, *candidate):
            return candidate
    return centre


def _seed_points(
    rng: np.random.Generator, outline: shapely.Geometry, seats: np.ndarray, cities: np.ndarray, n: int
) -> np.ndarray:
    """Tract seed points: dense in the cities (small urban tracts), sparse elsewhere."""
    # One point beside each county seat first, so no county is ever left without a tract.
    points = [seat + np.array([0.01, 0.01]) for seat in seats]
    spreads = [c.spread for c in CITIES]
    shares = np.array([c.share for c in CITIES] + [1.0 - sum(c.share for c in CITIES)])
    lo, hi = np.array(BBOX[:2]), np.array(BBOX[2:])
    while len(points) < n:
        k = rng.choice(len(shares), p=shares)
        candidate = rng.normal(cities[k], spreads[k]) if k < len(CITIES) else rng.uniform(lo, hi)
        if not shapely.contains_xy(outline, *candidate):
            continue
        if np.min(np.hypot(*(np.array(points) - candidate).T)) < MIN_SPACING:
            continue
        points.append(candidate)
    return np.array(points)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep only the areal parts of an overlay result (grid snapping can leave stray lines)."""
    if shapely.get_type_id(geom) in (3, 6):
        return geom
    parts = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (3, 6)]
    return shapely.union_all(parts, grid_size=GRID)


# ---------------------------------------------------------------------------------------------
# People: population, disadvantage, and who lives where
# ---------------------------------------------------------------------------------------------


def _people(rng: np.random.Generator, geo: Geography) -> tuple[pd.DataFrame, np.ndarray]:
    """Per-tract features, base indicator levels, and residents counted by cell (race, income, age, sex)."""
    n = len(geo.tracts)
    xy = geo.seeds  # distances are measured between tract seed points, which lie inside their tracts

    def bump(centre: np.ndarray, width: float) -> np.ndarray:
        return np.exp(-0.5 * (np.hypot(*(xy - centre).T) / width) ** 2)

    urban = np.max([bump(geo.cities[k], 2.5 * c.spread) for k, c in enumerate(CITIES)], axis=0)
    elm = bump(geo.seats[ELM], 0.35)
    # A smooth random surface (a few long waves), so neighbouring tracts resemble each other.
    waves = rng.normal(0.0, 1.5, (8, 2))
    phases = rng.uniform(0, 2 * np.pi, 8)
    field = np.cos(xy @ waves.T + phases).sum(axis=1) * np.sqrt(2 / 8)
    need = 1.4 * bump(geo.cities[0] + np.array(CORE_OFFSET), 0.09) + 1.0 * elm + 0.45 * field
    need = need + rng.normal(0.0, 0.3, n)
    need = (need - need.mean()) / need.std()

    population = np.clip(np.round(np.exp(rng.normal(np.log(2600) + 0.9 * urban, 0.28))), 1200, 8000)
    # A park and an airport: tracts where nobody lives, as in real tract files.
    urban_order = np.argsort(-urban, kind="stable")
    park = urban_order[rng.integers(0, max(1, n // 8))]
    airport = rng.choice(np.setdiff1d(np.arange(n), [park]))
    population[[park, airport]] = 0
    population = population.astype(np.int64)

    race = _softmax(
        np.log(RACE_BASE)
        + np.outer(need, RACE_BY_NEED)
        + np.outer(urban, RACE_BY_URBAN)
        + np.outer(elm, RACE_BY_ELM)
        + rng.normal(0.0, 0.35, (n, 6))
    )
    hispanic_z = (race[:, 0] - race[:, 0].mean()) / race[:, 0].std()
    tracts = pd.DataFrame(
        {
            "area_id": geo.area_id,
            "county": geo.county,
            "x": xy[:, 0],
            "y": xy[:, 1],
            "urban": urban,
            "need": need,
            "hispanic_z": hispanic_z,
            "black_z": (race[:, 1] - race[:, 1].mean()) / race[:, 1].std(),
            "population": population,
        }
    )
    for ind, model in MODELS.items():
        tracts[f"level_{ind}"] = _base_level(rng, model, tracts, lower_is_worse=(ind == "life_expectancy"))

    poor = tracts["level_poverty"].to_numpy() / 100
    near_poor = np.clip(0.17 + 0.35 * poor + rng.normal(0.0, 0.02, n), 0.08, 0.4)
    income = np.column_stack([poor, near_poor, 1.0 - poor - near_poor])
    age = _softmax(np.log(AGE_BASE) + np.outer(urban, AGE_BY_URBAN) + rng.normal(0.0, 0.08, (n, 5)))
    age_by_race = age[:, None, :] * np.exp(AGE_BY_RACE)[None, :, :]
    age_by_race /= age_by_race.sum(axis=2, keepdims=True)
    female = np.clip(0.51 + rng.normal(0.0, 0.01, n), 0.45, 0.56)
    sex = np.column_stack([female, 1.0 - female])
    shares = np.einsum("tr,ti,tra,ts->trias", race, income, age_by_race, sex).reshape(n, -1)
    shares /= shares.sum(axis=1, keepdims=True)
    cells = rng.multinomial(population, shares).reshape((n, *CELL_SHAPE))
    for k in range(len(GROUP_DIMS["race_ethnicity"])):
        tracts[f"race_share_{k}"] = race[:, k]
    for k in range(len(GROUP_DIMS["income"])):
        tracts[f"income_share_{k}"] = income[:, k]
    size = np.clip(2.6 - 0.4 * urban + rng.normal(0.0, 0.1, n), 1.8, 3.2)
    tracts["households"] = np.round(population / size).astype(np.int64)
    return tracts, cells


def _softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _base_level(
    rng: np.random.Generator, model: Model, tracts: pd.DataFrame, lower_is_worse: bool
) -> np.ndarray:
    """A tract's 2019 level, in the indicator's unit, driven by need with its own noise."""
    score = (
        model.center
        + model.need * tracts["need"].to_numpy()
        + model.urban * tracts["urban"].to_numpy()
        + model.hispanic * tracts["hispanic_z"].to_numpy()
        + rng.normal(0.0, model.noise, len(tracts))
    )
    span = (model.hi - model.lo) * _sigmoid(score)
    return model.hi - span if lower_is_worse else model.lo + span


# ---------------------------------------------------------------------------------------------
# Programs: where they are, whom they serve, when they start
# ---------------------------------------------------------------------------------------------


@dataclass
class Plan:
    program: Program
    start: dt.date
    sites: list[tuple[str, str, int, float, float]]  # site_id, name, tract index, lon, lat
    served: np.ndarray  # (T,) bool
    distance: np.ndarray  # (T,) degrees to the nearest site

    def years_running(self, year: int) -> np.ndarray:
        """Per tract, full years the program has run before ``year`` (0 where it does not serve)."""
        return np.where(self.served, max(0, year - self.start.year), 0)


def _site_scores(tracts: pd.DataFrame) -> dict[str, np.ndarray]:
    need, urban = tracts["need"].to_numpy(), tracts["urban"].to_numpy()
    return {
        "urban_need": need + urban,
        "rural": 1.5 * (1.0 - urban) + 0.5 * need,
        "hispanic": tracts["hispanic_z"].to_numpy() + 0.5 * need,
        "black": tracts["black_z"].to_numpy() + 0.5 * need,
    }


def _plan_programs(rng: np.random.Generator, tracts: pd.DataFrame, geo: Geography) -> list[Plan]:
    scores = _site_scores(tracts)
    xy = tracts[["x", "y"]].to_numpy()
    lived_in = tracts["population"].to_numpy() > 0
    plans = []
    for program in PROGRAMS:
        score = scores[program.score] + rng.normal(0.0, 0.3, len(tracts))
        chosen = _pick_tracts(score, xy, lived_in, len(program.sites), program.min_separation)
        sites = []
        for k, t in enumerate(chosen):
            site_name = program.sites[k]
            if program.kind == "telehealth":  # named after the county it sits in
                site_name = f"{COUNTIES[tracts['county'].iat[t]][1]} {site_name}"
            lon, lat = _point_in(rng, geo.tracts[t])
            sites.append((f"{program.program_id}_site{k + 1}", site_name, int(t), lon, lat))
        site_xy = np.array([[s[3], s[4]] for s in sites])
        distance = np.min(np.hypot(*(xy[:, None, :] - site_xy[None, :, :]).transpose(2, 0, 1)), axis=1)
        served = (distance <= program.radius) & lived_in
        served[chosen] = True
        month = int(rng.integers(0, 36))  # start between 2020-01 and 2022-12
        start = dt.date(2020 + month // 12, month % 12 + 1, 1)
        plans.append(Plan(program, start, sites, served, distance))
    return plans


def _pick_tracts(
    score: np.ndarray, xy: np.ndarray, allowed: np.ndarray, k: int, separation: float
) -> list[int]:
    """The k best-scoring tracts at least ``separation`` apart (relaxed if too few qualify)."""
    order = [int(t) for t in np.argsort(-score, kind="stable") if allowed[t]]
    while True:
        picked: list[int] = []
        for t in order:
            if all(np.hypot(*(xy[t] - xy[p])) >= separation for p in picked):
                picked.append(t)
                if len(picked) == k:
                    return picked
        separation /= 2


def _point_in(rng: np.random.Generator, polygon: shapely.Geometry) -> tuple[float, float]:
    """A random point inside the polygon, rounded to the grid."""
    x0, y0, x1, y1 = shapely.bounds(polygon)
    for _ in range(200):
        x, y = np.round(rng.uniform([x0, y0], [x1, y1]), 5)
        if shapely.contains_xy(polygon, x, y):
            return float(x), float(y)
    p = shapely.point_on_surface(polygon)
    return float(shapely.get_x(p)), float(shapely.get_y(p))


# ---------------------------------------------------------------------------------------------
# Indicator values: counts drawn per tract and group, summed to counties and state
# ---------------------------------------------------------------------------------------------


def _area_ids(tracts: pd.DataFrame) -> np.ndarray:
    """The order of areas in every block of indicator rows: tracts, then counties, then the state."""
    return np.array([*tracts["area_id"], *(c[0] for c in COUNTIES), STATE[0]], dtype=object)


def _roll_up(per_tract: np.ndarray, county: np.ndarray) -> np.ndarray:
    """Tract values followed by their sums per county and for the state (the order of _area_ids), along
    the first axis."""
    per_county = np.zeros((len(COUNTIES), *per_tract.shape[1:]), dtype=per_tract.dtype)
    np.add.at(per_county, county, per_tract)
    return np.concatenate([per_tract, per_county, per_tract.sum(axis=0, keepdims=True)])


def _year_factor(model: Model, year: int) -> float:
    covid = {2020: model.covid, 2021: np.sqrt(model.covid)}.get(year, 1.0)
    return (1.0 + model.trend) ** (year - PERIODS[0]) * covid


def _cell_mask(groups: dict[str, tuple[str, ...]] | None) -> np.ndarray:
    """Cells belonging to any of the listed groups (all cells for None)."""
    if groups is None:
        return np.ones(CELL_SHAPE, dtype=bool)
    mask = np.zeros(CELL_SHAPE, dtype=bool)
    for dim, labels in groups.items():
        axis = DIM_AXIS[dim] - 1
        labels_here = AGE_CELLS if dim == "age" else GROUP_DIMS[dim]
        for label in labels:
            index = [slice(None)] * len(CELL_SHAPE)
            index[axis] = labels_here.index(label)
            mask[tuple(index)] = True
    return mask


def _effects(plans: list[Plan], indicator_id: str, year: int, n: int) -> np.ndarray:
    """Log multiplier of odds (or rates) per tract and cell from programs running in ``year``."""
    log_factor = np.zeros((n, *CELL_SHAPE))
    for plan in plans:
        for target, groups, cut in PROGRAM_EFFECTS.get(plan.program.kind, ()):
            if target == indicator_id:
                years = plan.years_running(year).astype(float)
                log_factor += years.reshape(-1, 1, 1, 1, 1) * np.log1p(-cut) * _cell_mask(groups)
    return log_factor


def _relative_risk(indicator_id: str) -> np.ndarray:
    rr = RELATIVE_RISK[indicator_id]
    return np.einsum(
        "r,i,a,s->rias",
        np.array(rr["race_ethnicity"]),
        np.array(rr["income"]),
        np.array(rr["age"]),
        np.array(rr["sex"]),
    )


def _draw_cells(
    rng: np.random.Generator,
    unit: str,
    den: np.ndarray,
    mean: np.ndarray,
    rr: np.ndarray,
    log_factor: np.ndarray,
) -> np.ndarray:
    """Numerators per tract and cell, so that before programs the tract's expected value is ``mean``.

    Percents: group odds = tract odds x odds ratio, shifted per tract to keep the tract mean
    (binomial counts). Rates: group rate = tract rate x rate ratio, normalised (Poisson counts).
    Program effects apply after the normalisation, so a group's gain lowers the tract's value.
    """
    n = den.shape[0]
    den2, rr2, lf2 = den.reshape(n, -1), rr.reshape(1, -1), log_factor.reshape(n, -1)
    total = den2.sum(axis=1)
    if unit == "percent":
        logits = np.log(mean / (1 - mean))[:, None] + np.log(rr2)
        shift = np.zeros(n)
        for _ in range(8):  # Newton steps: sum(den * p) = mean * sum(den)
            p = _sigmoid(logits - shift[:, None])
            f = (den2 * p).sum(axis=1) - mean * total
            slope = (den2 * p * (1 - p)).sum(axis=1)
            shift += np.divide(f, slope, out=np.zeros(n), where=slope > 0)
        p = _sigmoid(logits - shift[:, None] + lf2)
        return rng.binomial(den2, p).reshape(den.shape)
    norm = np.divide((den2 * rr2).sum(axis=1), total, out=np.ones(n), where=total > 0)
    rate = mean[:, None] * rr2 / norm[:, None] * np.exp(lf2)
    return rng.poisson(den2 * rate).reshape(den.shape)


def _group_sums(cells: np.ndarray, dims: tuple[str, ...]) -> dict[tuple[str, str], np.ndarray]:
    """Totals per tract for 'All' and for each published group of each dimension."""
    sums = {("all", "All"): cells.sum(axis=(1, 2, 3, 4))}
    for dim in dims:
        axis = DIM_AXIS[dim]
        by_group = cells.sum(axis=tuple(a for a in (1, 2, 3, 4) if a != axis))
        if dim == "age":
            by_group = by_group[:, 1:]  # children count in 'All' only
        for k, label in enumerate(GROUP_DIMS[dim]):
            sums[(dim, label)] = by_group[:, k]
    return sums


VALUE_COLUMNS = (
    "indicator_id", "area_id", "period", "group_dim", "group_label",
    "value", "ci_low", "ci_high", "numerator", "denominator", "flag",
)  # fmt: skip


def _block(indicator_id: str, area_ids: np.ndarray, period: int, dim: str, label: str, **columns) -> dict:
    """Rows of one indicator, year and group for every area, as arrays (one DataFrame is built at the end,
    which is far quicker than one per block). Columns not given are empty."""
    n = len(area_ids)
    block = {
        "indicator_id": np.full(n, indicator_id, dtype=object),
        "area_id": area_ids,
        "period": np.full(n, period),
        "group_dim": np.full(n, dim, dtype=object),
        "group_label": np.full(n, label, dtype=object),
        "value": np.full(n, np.nan),
        "ci_low": np.full(n, np.nan),
        "ci_high": np.full(n, np.nan),
        "numerator": np.full(n, np.nan),
        "denominator": np.full(n, np.nan),
        "flag": np.full(n, None, dtype=object),
    }
    block.update(columns)
    return block


def _indicator_values(
    rng: np.random.Generator, tracts: pd.DataFrame, cells: np.ndarray, plans: list[Plan]
) -> pd.DataFrame:
    """Every indicator, area, year and group: counts per tract, summed to counties and state."""
    area_ids, county = _area_ids(tracts), tracts["county"].to_numpy()
    population = tracts["population"].to_numpy()
    bases, base_cells = _denominators(tracts, cells)
    blocks: list[dict] = []
    counted: list[bool] = []  # whether a block's estimates are still to be computed from its counts
    for year in PERIODS:
        births = np.zeros_like(cells)  # by the mother's cell: women 18–24 and 25–44
        for a, rate in zip((1, 2), FERTILITY, strict=True):
            births[:, :, :, a, 0] = rng.binomial(cells[:, :, :, a, 0], rate)
        base_cells["births"], bases["births"] = births, births.sum(axis=(1, 2, 3, 4))
        for ind in INDICATORS:
            level = tracts[f"level_{ind.indicator_id}"].to_numpy()
            if ind.indicator_id == "life_expectancy":
                blocks.append(_life_expectancy(rng, year, level, population, area_ids, county))
                counted.append(False)
                continue
            nums, dens, by_cell = _draw_indicator(rng, ind, year, level, bases, base_cells, plans)
            for (dim, label), num in nums.items():
                blocks.append(
                    _block(
                        ind.indicator_id,
                        area_ids,
                        year,
                        dim,
                        label,
                        numerator=_roll_up(num, county),
                        denominator=_roll_up(dens[(dim, label)], county),
                    )
                )
                counted.append(True)
            if ind.indicator_id in AGE_ADJUSTED:
                adjusted = _age_adjusted_values(ind, *by_cell, area_ids, county, year)
                blocks.extend(adjusted)
                counted.extend([False] * len(adjusted))
    columns = {c: np.concatenate([b[c] for b in blocks]) for c in VALUE_COLUMNS}
    for c in ("indicator_id", "area_id", "group_dim", "group_label", "flag"):
        # Arrow-backed text: DuckDB and pandas read it in bulk, where Python objects go one by one.
        columns[c] = pd.array(columns[c], dtype="str")
    rows = np.concatenate([np.full(len(b["area_id"]), c) for b, c in zip(blocks, counted, strict=True)])
    return _with_estimates(pd.DataFrame(columns), rows)


def _age_adjusted_values(
    ind: Indicator,
    num_cells: np.ndarray,
    den_cells: np.ndarray,
    area_ids: np.ndarray,
    county: np.ndarray,
    year: int,
) -> list[dict]:
    """The age-adjusted companion of one indicator and year, for everyone and each race/ethnicity, income
    and sex group, in every area: direct standardisation of the group's own age-specific counts.

    Percents: Korn-Graubard interval of the standardised proportion; rates: Fay-Feuer gamma interval
    (equity.stats). The numerator and denominator are the group's counts summed over the ages, those of
    its crude row, with which equity.privacy withholds it. A group's age-specific counts are never
    published, and an adjusted value with its interval and total does not determine them, so small
    numbers are judged on the total, as NCHS and SEER do. A group with people but none in some age group
    cannot be standardised: 'suppressed' (too few to show).
    """
    first = FIRST_AGE_CELL[MODELS[ind.indicator_id].basis]
    weights = stats.standard_weights(AGE_CELLS[first:]).to_numpy()
    groups = [("all", "All")] + [
        (d, label) for d in ("race_ethnicity", "income", "sex") for label in GROUP_DIMS[d]
    ]

    def by_group(c: np.ndarray) -> np.ndarray:
        """(areas, groups, ages): counts per area for each group and counted age."""
        c = c[:, :, :, first:, :]  # (tract, race, income, age, sex)
        per_tract = np.concatenate(
            [
                c.sum(axis=(1, 2, 4))[:, None, :],
                c.sum(axis=(2, 4)),
                c.sum(axis=(1, 4)),
                c.sum(axis=(1, 2)).transpose(0, 2, 1),
            ],
            axis=1,
        )
        return _roll_up(per_tract, county)

    num, den = by_group(num_cells), by_group(den_cells)
    shape = num.shape[:2]
    flat_num, flat_den = num.reshape(-1, num.shape[2]), den.reshape(-1, den.shape[2])
    if ind.unit == "percent":
        value, low, high, se = stats.age_adjusted_proportion(flat_num, flat_den, weights, return_se=True)
    else:
        value, low, high, se = stats.age_adjusted_rate(flat_num, flat_den, weights, per=1.0, return_se=True)
    total_num, total_den = flat_num.sum(axis=1), flat_den.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rse = np.where(np.isnan(se / value), np.inf, se / value)
    flag = np.where(
        total_den == 0,
        "no_data",
        np.where(np.isnan(value), "suppressed", np.where(rse > MAX_RSE, "unreliable", None)),
    ).astype(object)
    scale = SCALE[ind.unit]
    columns = {
        "value": value * scale,
        "ci_low": low * scale,
        "ci_high": high * scale,
        "numerator": total_num.astype(float),
        "denominator": total_den.astype(float),
        "flag": flag,
    }
    return [
        _block(
            AGE_ADJUSTED[ind.indicator_id],
            area_ids,
            year,
            dim,
            label,
            **{k: v.reshape(shape)[:, g] for k, v in columns.items()},
        )
        for g, (dim, label) in enumerate(groups)
    ]


def _denominators(
    tracts: pd.DataFrame, cells: np.ndarray
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Denominator counts per tract by basis, and per tract and cell where groups are published."""
    population = tracts["population"].to_numpy()
    adults = cells.copy()
    adults[:, :, :, 0, :] = 0
    seniors = cells[:, :, :, 4, :].sum(axis=(1, 2, 3))
    bases = {
        "people": population,
        "adults": adults.sum(axis=(1, 2, 3, 4)),
        "households": tracts["households"].to_numpy(),
        "seniors": seniors,  # stand-in for Medicare enrollees
        "under75": population - np.round(0.45 * seniors).astype(np.int64),
    }
    return bases, {"people": cells, "adults": adults}


def _draw_indicator(
    rng: np.random.Generator,
    ind: Indicator,
    year: int,
    level: np.ndarray,
    bases: dict[str, np.ndarray],
    base_cells: dict[str, np.ndarray],
    plans: list[Plan],
) -> tuple[dict[tuple[str, str], np.ndarray], dict[tuple[str, str], np.ndarray], tuple]:
    """Numerators and denominators per tract for one indicator and year, keyed by (dim, label), and the
    numerators and denominators per tract and cell where groups are drawn (else an empty tuple)."""
    iid, model = ind.indicator_id, MODELS[ind.indicator_id]
    mean = level * _year_factor(model, year) * np.exp(rng.normal(0.0, 0.04, len(level))) / SCALE[ind.unit]
    if ind.unit == "percent":
        mean = np.clip(mean, 0.001, 0.95)
    if iid in BREAKDOWN_INDICATORS:
        den_cells = base_cells[model.basis]
        effects = _effects(plans, iid, year, len(level))
        num_cells = _draw_cells(rng, ind.unit, den_cells, mean, _relative_risk(iid), effects)
        dims = BREAKDOWN_DIMS[iid]
        return _group_sums(num_cells, dims), _group_sums(den_cells, dims), (num_cells, den_cells)
    for plan in plans:  # whole-population effects (telehealth, school clinics)
        for target, _, cut in PROGRAM_EFFECTS.get(plan.program.kind, ()):
            if target == iid:
                mean = mean * (1 - cut) ** plan.years_running(year)
    den = bases[model.basis]
    num = rng.binomial(den, mean) if ind.unit == "percent" else rng.poisson(den * mean)
    return {("all", "All"): num}, {("all", "All"): den}, ()


def _with_estimates(values: pd.DataFrame, counted: np.ndarray) -> pd.DataFrame:
    """Value, interval and flag for the ``counted`` rows (life expectancy and age-adjusted rows arrive
    computed)."""
    units = {ind.indicator_id: ind.unit for ind in CATALOGUE}
    num = values["numerator"].to_numpy(dtype=float, na_value=np.nan)[counted]
    den = values["denominator"].to_numpy(dtype=float, na_value=np.nan)[counted]
    unit = values["indicator_id"].map(units).to_numpy()[counted]
    value, low, high, rse = _estimates(unit, num, den)
    for column, computed in (("value", value), ("ci_low", low), ("ci_high", high)):
        column_values = values[column].to_numpy(dtype=float, na_value=np.nan, copy=True)
        column_values[counted] = computed
        values[column] = column_values
    flag = values["flag"].to_numpy(dtype=object, copy=True)
    flag[counted] = np.where(den == 0, "no_data", np.where(rse > MAX_RSE, "unreliable", None))
    values["flag"] = flag
    values["numerator"] = values["numerator"].astype("Int64")
    values["denominator"] = values["denominator"].astype("Int64")
    return values[list(VALUE_COLUMNS)]


def _estimates(
    unit: np.ndarray, num: np.ndarray, den: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Value, 95% interval and relative standard error; NaN where the denominator is zero.

    Percents: Wilson score interval. Rates: exact Poisson below 100 events, Byar's approximation above
    (equity.stats, the same functions the dashboard's own figures use).
    """
    scale = np.select([unit == "percent", unit == "per_1k"], [100.0, 1_000.0], 100_000.0)
    percent = unit == "percent"
    with np.errstate(divide="ignore", invalid="ignore"):
        n = np.where(den > 0, den, np.nan)
        p = num / n
        # Each row gets only its own kind of interval: the exact Poisson one is costly on every row.
        low, high = np.empty_like(p), np.empty_like(p)
        low[percent], high[percent] = stats.wilson_interval(num[percent], n[percent])
        _, low[~percent], high[~percent] = stats.rate_interval(num[~percent], n[~percent], per=1.0)
        # Both intervals contain the estimate; clipping only removes rounding error at 0 and 100%.
        low = np.minimum(np.where(percent, np.maximum(low, 0.0), low), p)
        high = np.maximum(np.where(percent, np.minimum(high, 1.0), high), p)
        rse = np.where(percent, np.sqrt((1 - p) / (n * p)), 1 / np.sqrt(num))
    rse = np.where(np.isnan(rse), np.inf, rse)
    return scale * p, low * scale, high * scale, rse


def _life_expectancy(
    rng: np.random.Generator,
    year: int,
    level: np.ndarray,
    population: np.ndarray,
    area_ids: np.ndarray,
    county: np.ndarray,
) -> dict:
    """Life expectancy has no counts: tract estimates with a normal interval; areas above are
    population-weighted means of their tracts."""
    n = len(level)
    lived_in = population > 0
    se = np.where(lived_in, 2.5 / np.sqrt(np.maximum(population, 1) / 1000), np.nan)
    truth = level + LIFE_EXPECTANCY_SHIFT[year] + rng.normal(0.0, 0.25, n)
    estimate = np.where(lived_in, truth + rng.normal(0.0, 0.6, n) * np.nan_to_num(se), np.nan)
    weight = population.astype(float)
    total = _roll_up(weight, county)[n:]
    value = np.concatenate([estimate, _roll_up(weight * np.nan_to_num(estimate), county)[n:] / total])
    se_above = np.sqrt(_roll_up((weight * np.nan_to_num(se)) ** 2, county)[n:]) / total
    se_all = np.concatenate([se, se_above])
    return _block(
        "life_expectancy",
        area_ids,
        year,
        "all",
        "All",
        value=value,
        ci_low=value - Z95 * se_all,
        ci_high=value + Z95 * se_all,
        flag=np.where(np.isnan(value), "no_data", None).astype(object),
    )


# ---------------------------------------------------------------------------------------------
# Simple tables: meta, sources, areas, indicators
# ---------------------------------------------------------------------------------------------


def _meta(seed: int, n_tracts: int, min_count: int) -> pd.DataFrame:
    rows = {
        "is_demo": "true",
        "region_name": REGION_NAME,
        "as_of": AS_OF.isoformat(),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seed": str(seed),
        "n_tracts": str(n_tracts),
        "generator": GENERATOR,
        "min_count": str(min_count),
        "nation_name": "The nation (fictional)",
    }
    return pd.DataFrame({"key": list(rows), "value": list(rows.values())})


def _national(values: pd.DataFrame, seed: int) -> pd.DataFrame:
    """A fictional nation to compare Riverbend with: the state's figures a few percent better on the
    whole (worse for some), with the narrow intervals of a large national sample and no counts."""
    rng = np.random.default_rng([seed, 99])  # its own stream: the other tables' draws stay as they were
    state = values[(values["area_id"] == STATE[0]) & values["value"].notna()].drop(columns="area_id")
    meta = {i.indicator_id: i for i in CATALOGUE}
    worse = state["indicator_id"].map(lambda i: meta[i].higher_is_worse).to_numpy(bool)
    unit = state["indicator_id"].map(lambda i: meta[i].unit).to_numpy()
    better = rng.normal(0.06, 0.05, len(state))
    factor = np.where(worse, 1 - better, 1 + better / 4)
    value = state["value"].to_numpy() * factor
    value = np.where(unit == "percent", np.clip(value, 0.1, 99.9), value).round(1)
    half = np.maximum(0.1, np.abs(value) * 0.015).round(1)
    return state.assign(
        value=value,
        ci_low=(value - half).round(1),
        ci_high=(value + half).round(1),
        numerator=pd.NA,
        denominator=pd.NA,
        flag=None,
    ).reset_index(drop=True)


def _sources(values: pd.DataFrame) -> pd.DataFrame:
    source_of = {ind.indicator_id: ind.source_id for ind in CATALOGUE}
    rows = values["indicator_id"].map(source_of).value_counts()
    return pd.DataFrame(
        {
            "source_id": [s for s, _ in SOURCES],
            "name": [name for _, name in SOURCES],
            "publisher": SOURCE_PUBLISHER,
            "vintage": SOURCE_VINTAGE,
            "url": None,
            "license": SOURCE_LICENSE,
            "file_sha256": None,
            "rows": [int(rows.get(s, 0)) for s, _ in SOURCES],
            "imported_at": IMPORTED_AT,
        }
    )


def _indicators() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": [i.indicator_id for i in CATALOGUE],
            "label": [i.label for i in CATALOGUE],
            "description": [i.description for i in CATALOGUE],
            "domain": [i.domain for i in CATALOGUE],
            "unit": [i.unit for i in CATALOGUE],
            "higher_is_worse": [i.higher_is_worse for i in CATALOGUE],
            "source_id": [i.source_id for i in CATALOGUE],
            "measure_type": [i.measure_type for i in CATALOGUE],
        }
    )


def _areas(geo: Geography, tracts: pd.DataFrame) -> pd.DataFrame:
    """State, counties and tracts. Counties and state are unions of tracts, so borders line up."""
    population = tracts["population"].to_numpy()
    full, drawn, ids, names, levels, parents, pops = [], [], [], [], [], [], []
    for c, (county_id, county_name) in enumerate(COUNTIES):
        members = geo.county == c
        full.append(shapely.union_all(geo.tracts[members], grid_size=GRID))
        drawn.append(shapely.union_all(geo.tracts_drawn[members], grid_size=GRID))
        ids.append(county_id)
        names.append(county_name)
        levels.append("county")
        parents.append(STATE[0])
        pops.append(int(population[members].sum()))
    state_full = shapely.union_all(full, grid_size=GRID)
    state_drawn = shapely.union_all(drawn, grid_size=GRID)
    full = np.array([state_full, *full, *geo.tracts], dtype=object)
    drawn = shapely.orient_polygons(
        np.array([state_drawn, *drawn, *geo.tracts_drawn], dtype=object), exterior_cw=True
    )
    county_ids = [c[0] for c in COUNTIES]
    centroids = shapely.centroid(full)
    return pd.DataFrame(
        {
            "area_id": [STATE[0], *ids, *geo.area_id],
            "name": [STATE[1], *names, *geo.name],
            "level": ["state", *levels, *(["tract"] * len(geo.tracts))],
            "parent_id": [None, *parents, *(county_ids[c] for c in geo.county)],
            "population": [int(population.sum()), *pops, *population.tolist()],
            "geometry": shapely.to_wkb(full),
            "geometry_drawn": shapely.to_wkb(drawn),
            "centroid_lon": shapely.get_x(centroids),
            "centroid_lat": shapely.get_y(centroids),
        }
    )


# ---------------------------------------------------------------------------------------------
# Program tables: programs, sites, metrics, monthly results, reach
# ---------------------------------------------------------------------------------------------


def _program_tables(
    rng: np.random.Generator, tracts: pd.DataFrame, plans: list[Plan]
) -> dict[str, pd.DataFrame]:
    programs = pd.DataFrame(
        {
            "program_id": [p.program.program_id for p in plans],
            "name": [p.program.name for p in plans],
            "kind": [p.program.kind for p in plans],
            "description": [p.program.description for p in plans],
            "lead_partner_id": [p.program.lead for p in plans],
            "start_date": [p.start for p in plans],
        }
    )
    sites = pd.DataFrame(
        [
            (site_id, p.program.program_id, name, tracts["area_id"].iat[t], lon, lat)
            for p in plans
            for site_id, name, t, lon, lat in p.sites
        ],
        columns=["site_id", "program_id", "name", "area_id", "lon", "lat"],
    )
    metrics, results = _metrics_and_results(rng, plans)
    return {
        "programs": programs,
        "program_sites": sites,
        "program_metrics": metrics,
        "program_results": results,
        "program_reach": _reach(rng, tracts, plans),
    }


def _metrics_and_results(rng: np.random.Generator, plans: list[Plan]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Monthly results: a ramp-up towards a plateau with noise, seasons and a few unreported months."""
    metric_rows, result_frames = [], []
    for plan in plans:
        pid = plan.program.program_id
        months = pd.date_range(plan.start, LAST_RESULT_MONTH, freq="MS")
        m = np.arange(len(months))
        month_of_year = months.month.to_numpy()
        for suffix, label, unit, higher_is_better, first, level, target, tau in METRICS[pid]:
            metric_id = f"{pid}_{suffix}"
            metric_rows.append((metric_id, pid, label, unit, higher_is_better))
            expected = level + (first - level) * np.exp(-m / tau)
            if unit == "count":
                season = np.ones(len(m))
                if pid == "school_health":  # schools close for the summer
                    season = np.where(np.isin(month_of_year, (6, 7, 8)), 0.15, 1.0)
                value = np.round(expected * season * np.exp(rng.normal(0.0, 0.09, len(m))))
                if pid == "mobile_clinic":  # winter weather cancels stops
                    value = np.round(value * np.where(np.isin(month_of_year, (12, 1, 2)), 0.75, 1.0))
                goal = np.round(target * np.minimum(1.0, (m + 1) / 12) * season, -1)
            else:
                value = np.round(np.clip(expected + rng.normal(0.0, 2.2, len(m)), 0, 100), 1)
                goal = np.full(len(m), float(target))
            missing = rng.random(len(m)) < MISSING_RESULT_SHARE
            if unit == "percent":
                missing[-1] = True  # outcome measures are reported a month late
            result_frames.append(
                pd.DataFrame(
                    {
                        "metric_id": metric_id,
                        "period": [d.date() for d in months],
                        "value": np.where(missing, np.nan, value),
                        "target": goal,
                    }
                )
            )
    metrics = pd.DataFrame(
        metric_rows, columns=["metric_id", "program_id", "label", "unit", "higher_is_better"]
    )
    return metrics, pd.concat(result_frames, ignore_index=True)


def _reach(rng: np.random.Generator, tracts: pd.DataFrame, plans: list[Plan]) -> pd.DataFrame:
    """People served per program, year and home tract, in all and by race/ethnicity and income."""
    shares = {
        "race_ethnicity": tracts[[f"race_share_{k}" for k in range(6)]].to_numpy(),
        "income": tracts[[f"income_share_{k}" for k in range(3)]].to_numpy(),
    }
    population = tracts["population"].to_numpy()
    frames = []
    for plan in plans:
        program = plan.program
        served = np.flatnonzero(plan.served)
        nearness = np.exp(-plan.distance[served] / program.radius)
        for year in range(plan.start.year, PERIODS[-1] + 1):
            if year == plan.start.year:
                ramp = (13 - plan.start.month) / 12 * 0.5
            else:
                ramp = min(1.0, 0.6 + 0.2 * (year - plan.start.year))
            people = rng.poisson(population[served] * program.uptake * ramp * nearness)
            groups = {("all", "All"): people}
            for dim, share in shares.items():
                propensity = REACH_PROPENSITY[dim].copy()
                if program.kind == "chw" and dim == "race_ethnicity":
                    propensity[0] = REACH_PROPENSITY_CHW_HISPANIC
                weights = share[served] * propensity
                split = rng.multinomial(people, weights / weights.sum(axis=1, keepdims=True))
                for k, label in enumerate(GROUP_DIMS[dim]):
                    groups[(dim, label)] = split[:, k]
            for (dim, label), counts in groups.items():
                frames.append(
                    pd.DataFrame(
                        {
                            "program_id": program.program_id,
                            "area_id": tracts["area_id"].to_numpy()[served],
                            "period": year,
                            "group_dim": dim,
                            "group_label": label,
                            "people": counts.astype(np.int64),
                        }
                    )
                )
    return pd.concat(frames, ignore_index=True)


# ---------------------------------------------------------------------------------------------
# Coalition tables: partners, roles, commitments; community input and actions
# ---------------------------------------------------------------------------------------------


def _random_date(rng: np.random.Generator, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=int(rng.integers(0, (last - first).days + 1)))


def _coalition_tables(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    partners = pd.DataFrame(PARTNERS, columns=["partner_id", "name", "kind"])
    roles = pd.DataFrame(
        [
            (pid, partner, role, authority)
            for pid, rows in PARTNER_ROLES.items()
            for partner, role, authority in rows
        ],
        columns=["program_id", "partner_id", "role", "decision_authority"],
    )
    return {"partners": partners, "partner_roles": roles, "commitments": _commitments(rng)}


def _commitments(rng: np.random.Generator) -> pd.DataFrame:
    """Promises with due dates over 2023–2026; most past-due ones are done (some late), a few overdue."""
    partner_kind = {p: kind for p, _, kind in PARTNERS}
    partner_name = {p: name for p, name, _ in PARTNERS}
    rows = []
    for k, (partner, program, description) in enumerate(COMMITMENTS, start=1):
        due = _random_date(rng, dt.date(2023, 1, 1), dt.date(2026, 12, 31))
        made = min(due - dt.timedelta(days=int(rng.integers(120, 720))), AS_OF - dt.timedelta(days=30))
        made = max(made, dt.date(2022, 1, 1))
        draw = rng.random()
        if due < AS_OF:
            status = (
                "done"
                if draw < 0.6
                else "in_progress"
                if draw < 0.8
                else "not_started"
                if draw < 0.9
                else "dropped"
            )
        else:
            status = "done" if draw < 0.15 else "in_progress" if draw < 0.65 else "not_started"
        completed = None
        if status == "done":  # finished up to three months early or late
            completed = min(due + dt.timedelta(days=int(rng.integers(-90, 90))), AS_OF)
            completed = max(completed, made + dt.timedelta(days=14))
        role = OWNER_ROLES[partner_kind[partner]][int(rng.integers(len(OWNER_ROLES[partner_kind[partner]])))]
        owner = f"{role}, {partner_name[partner]}"
        rows.append([f"c{k:02d}", partner, program, description, owner, made, due, status, completed])
    commitments = pd.DataFrame(
        rows,
        columns=[
            "commitment_id", "partner_id", "program_id", "description", "owner",
            "made_on", "due_date", "status", "completed_on",
        ],
    )  # fmt: skip
    # Always show some overdue promises: reopen the earliest-due finished ones if too few are late.
    overdue = (commitments["due_date"] < AS_OF) & commitments["status"].isin(["in_progress", "not_started"])
    missing = MIN_OVERDUE - int(overdue.sum())
    if missing > 0:
        done_past = commitments[(commitments["due_date"] < AS_OF) & (commitments["status"] == "done")]
        reopen = done_past.sort_values("due_date").index[:missing]
        commitments.loc[reopen, "status"] = "in_progress"
        commitments.loc[reopen, "completed_on"] = None
    return commitments


def _voice_tables(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Listening: sessions that each rank a few topics, and the actions partners took in answer."""
    topics = list(TOPICS)
    sessions = []
    total = 0
    while total < N_INPUTS:
        method = ["survey", "focus_group", "listening_session"][rng.choice(3, p=[0.4, 0.35, 0.25])]
        dim, label, favourite = VOICES[int(rng.integers(len(VOICES)))]
        weights = np.ones(len(topics))
        if favourite is not None:
            weights[topics.index(favourite)] = 5.0
        k = min(int(rng.integers(2, 5)), N_INPUTS - total)
        ranked = [
            topics[i] for i in rng.choice(len(topics), size=k, replace=False, p=weights / weights.sum())
        ]
        area = None if rng.random() < 0.2 else COUNTIES[int(rng.integers(len(COUNTIES)))][0]
        low, high = PARTICIPANTS[method]
        sessions.append(
            (
                _random_date(rng, dt.date(2022, 1, 15), dt.date(2025, 6, 15)),
                method,
                area,
                dim,
                label,
                int(rng.integers(low, high + 1)),
                ranked,
            )
        )
        total += k
    sessions.sort(key=lambda s: s[0])
    rows = []
    for collected, method, area, dim, label, participants, ranked in sessions:
        for rank, topic in enumerate(ranked, start=1):
            said = TOPICS[topic][int(rng.integers(len(TOPICS[topic])))]
            rows.append((collected, method, area, dim, label, topic, rank, participants, said))
    inputs = pd.DataFrame(
        rows,
        columns=[
            "collected_on", "method", "area_id", "group_dim", "group_label",
            "topic", "priority_rank", "participants", "summary",
        ],
    )  # fmt: skip
    inputs.insert(0, "input_id", [f"in{k:03d}" for k in range(1, len(inputs) + 1)])
    return {"community_input": inputs, "actions": _actions(rng, inputs)}


def _actions(rng: np.random.Generator, inputs: pd.DataFrame) -> pd.DataFrame:
    """Answers to the older, higher-priority input first; the most recent input mostly waits."""
    age_days = np.array([(AS_OF - d).days for d in inputs["collected_on"]])
    weight = (6 - inputs["priority_rank"].to_numpy()) * (0.2 + age_days / age_days.max())
    chosen = np.sort(rng.choice(len(inputs), size=N_ACTIONS, replace=False, p=weight / weight.sum()))
    rows = []
    for k, i in enumerate(chosen, start=1):
        topic, collected = inputs["topic"].iat[i], inputs["collected_on"].iat[i]
        description, partner = ACTIONS[topic][int(rng.integers(len(ACTIONS[topic])))]
        years_ago = age_days[i] / 365
        p_done = 0.7 if years_ago > 2 else 0.4 if years_ago > 1 else 0.1
        draw = rng.random()
        status = "done" if draw < p_done else "in_progress" if draw < p_done + 0.3 else "planned"
        updated = _random_date(rng, min(collected + dt.timedelta(days=30), AS_OF), AS_OF)
        rows.append((f"act{k:03d}", inputs["input_id"].iat[i], partner, description, status, updated))
    return pd.DataFrame(
        rows, columns=["action_id", "input_id", "partner_id", "description", "status", "updated_on"]
    )
