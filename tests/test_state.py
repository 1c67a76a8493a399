"""URL parsing: a table of good and hostile values; none raises, every bad one falls back with a notice."""

import pytest

from equity import state

CHOICES = state.Choices(
    regions={"99": "Riverbend", "99001": "Alder County"},
    indicators={"uninsured": "Adults without health insurance", "diabetes": "Adults with diagnosed diabetes"},
    years=(2019, 2020, 2021, 2022, 2023, 2024),
    groups={"race_ethnicity": "Race and ethnicity", "income": "Household income"},
    default_indicator="uninsured",
    default_group="race_ethnicity",
)


def test_empty_url_gives_defaults_and_no_notice():
    s, notices = state.parse({}, CHOICES)
    assert (s.level, s.region, s.ind, s.year, s.group, s.ref, s.present) == (
        "tract",
        "99",
        "uninsured",
        2024,
        "race_ethnicity",
        "best",
        False,
    )
    assert notices == []


@pytest.mark.parametrize(
    "raw, field, expected",
    [
        ({"ind": "diabetes"}, "ind", "diabetes"),
        ({"year": "2021"}, "year", 2021),
        ({"region": "99001"}, "region", "99001"),
        ({"level": "county"}, "level", "county"),
        ({"group": "income"}, "group", "income"),
        ({"ref": "White"}, "ref", "White"),
        ({"ref": "overall"}, "ref", "overall"),
        ({"present": "1"}, "present", True),
        ({"year": ["2020", "2022"]}, "year", 2022),  # repeated key: the last one counts
        ({"indicator": "diabetes"}, "ind", "diabetes"),  # retired key name still works
        ({"year": " 2023 "}, "year", 2023),
    ],
)
def test_good_values_are_taken(raw, field, expected):
    s, notices = state.parse(raw, CHOICES)
    assert getattr(s, field) == expected
    assert notices == []


@pytest.mark.parametrize(
    "raw, field, default",
    [
        ({"ind": "'; DROP TABLE indicators; --"}, "ind", "uninsured"),
        ({"ind": "UNINSURED"}, "ind", "uninsured"),
        ({"ind": "x" * 10_000}, "ind", "uninsured"),
        ({"year": "2031"}, "year", 2024),
        ({"year": "20x1"}, "year", 2024),
        ({"year": "-1"}, "year", 2024),
        ({"year": "1e3"}, "year", 2024),
        ({"year": "２０２１"}, "year", 2024),  # full-width digits are not a year
        ({"region": "<script>alert(1)</script>"}, "region", "99"),
        ({"region": "99999"}, "region", "99"),
        ({"level": "planet"}, "level", "tract"),
        ({"group": "zodiac_sign"}, "group", "race_ethnicity"),
        ({"lang": "xx"}, "lang", "en"),
        ({"present": "maybe"}, "present", False),
        ({"ref": "bad\x00value"}, "ref", "best"),
    ],
)
def test_bad_values_fall_back_with_a_notice(raw, field, default):
    s, notices = state.parse(raw, CHOICES)
    assert getattr(s, field) == default
    assert len(notices) == 1
    assert "instead" in notices[0] or "ignored" in notices[0] or "not understood" in notices[0]
    assert len(notices[0]) < 400  # a 10,000-character value is not echoed back whole


def test_levels_are_those_the_database_has():
    from dataclasses import replace

    with_zctas = replace(CHOICES, levels=("tract", "county", "zcta"))
    s, notices = state.parse({"level": "zcta"}, with_zctas)
    assert s.level == "zcta" and notices == []
    s, notices = state.parse({"level": "zcta"}, CHOICES)  # a database without ZCTAs
    assert s.level == "tract" and "instead" in notices[0]
    counties_only = replace(CHOICES, levels=("county",))
    assert state.parse({}, counties_only)[0].level == "county"  # the default is a level it has


def test_page_keys_pass_through_only_when_readable():
    s, notices = state.parse({"area": "99001000100", "junk": "x"}, CHOICES, page_keys=("area",))
    assert s.extra == {"area": "99001000100"} and notices == []
    s, notices = state.parse({"area": "a" * 500}, CHOICES, page_keys=("area",))
    assert s.extra == {} and len(notices) == 1


def test_params_write_every_shared_key_explicitly():
    s, _ = state.parse({"ind": "diabetes"}, CHOICES)
    params = s.params()
    assert params == {
        "level": "tract",
        "region": "99",
        "ind": "diabetes",
        "year": "2024",
        "group": "race_ethnicity",
        "ref": "best",
        "lang": "en",
    }
    assert s.params(present=True)["present"] == "1"
    again, notices = state.parse(params, CHOICES)
    assert again == s and notices == []


def test_empty_database_choices_do_not_raise():
    empty = state.Choices(regions={}, indicators={}, years=(), groups={})
    s, notices = state.parse({"ind": "x", "year": "2020"}, empty)
    assert s.year == 0 and s.ind == ""
    assert len(notices) == 2


INDICATORS = {"poverty": "Poverty", "uninsured": "Uninsured", "er_visits": "ER visits"}


@pytest.mark.parametrize(
    "text, chosen, n_notices",
    [
        (None, [], 0),
        ("", [], 0),
        ("poverty,uninsured", ["poverty", "uninsured"], 0),
        ("poverty,poverty", ["poverty"], 0),
        ("poverty,nonsense", ["poverty"], 1),
        ("default", ["poverty", "uninsured", "er_visits"], 0),
        ("'; drop table x --", [], 1),
    ],
)
def test_parse_mix(text, chosen, n_notices):
    got, notices = state.parse_mix(text, INDICATORS)
    assert got == chosen and len(notices) == n_notices


@pytest.mark.parametrize(
    "text, expected, n_notices",
    [
        (None, {"A": 1.0, "B c": 1.0}, 0),
        ("B c:2", {"A": 1.0, "B c": 2.0}, 0),
        ("A:0.5;B c:0", {"A": 0.5, "B c": 0.0}, 0),
        ("A:99", {"A": 1.0, "B c": 1.0}, 1),
        ("A:-1", {"A": 1.0, "B c": 1.0}, 1),
        ("A:nan", {"A": 1.0, "B c": 1.0}, 1),
        ("Z:2", {"A": 1.0, "B c": 1.0}, 1),
        ("A:x", {"A": 1.0, "B c": 1.0}, 1),
    ],
)
def test_parse_weights(text, expected, n_notices):
    got, notices = state.parse_weights(text, ["A", "B c"])
    assert got == expected and len(notices) == n_notices
    again, _ = state.parse_weights(state.format_weights(got), ["A", "B c"])
    assert again == got
