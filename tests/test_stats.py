"""equity.stats: hand-computed and published worked examples for every function, then properties.

Where an expected number comes from is said beside it. "Hand" means worked out from the formula in the
function's docstring, with the arithmetic shown.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats as sst

from equity import stats
from equity.stats import (
    UNRELIABLE_RSE,
    US_2000_POPULATION,
    US_2000_STANDARD,
    age_adjusted_proportion,
    age_adjusted_rate,
    byar_interval,
    gap_change,
    index_of_disparity,
    is_significant,
    need_index,
    normal_interval,
    percentile_rank,
    poisson_exact_interval,
    rate_difference,
    rate_interval,
    rate_ratio,
    reference_rate,
    relative_standard_error,
    reliability_flag,
    share_vs_population,
    simulate_interval,
    standard_error_from_interval,
    standard_weights,
    summary_rate_ratio,
    wilson_interval,
)

Z95 = 1.959963984540054
# Property tests keep no example database, so running them leaves nothing behind in the project.
quiet = settings(database=None)


# ---------------------------------------------------------------------------------------------------
# Wilson score interval
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [
        # Newcombe RG, Stat Med 1998;17:857-872: the paper's worked examples, method 3 (score interval
        # without continuity correction).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (29, 29, 0.8830, 1.0000),
        (0, 10, 0.0000, 0.2775),
    ],
)
def test_wilson_matches_newcombe_1998(x, n, low, high):
    got_low, got_high = wilson_interval(x, n)
    assert round(got_low, 4) == low
    assert round(got_high, 4) == high


def test_wilson_edges_and_shapes():
    # 0/n starts exactly at 0 and n/n ends exactly at 1; a zero denominator has no interval.
    assert wilson_interval(0, 10)[0] == 0.0
    assert wilson_interval(10, 10)[1] == 1.0
    low, high = wilson_interval(0, 0)
    assert math.isnan(low) and math.isnan(high)
    # Series in, Series out with the same index.
    num = pd.Series([81, 0, 3], index=["a", "b", "c"])
    den = pd.Series([263, 0, 2], index=["a", "b", "c"])  # 3/2 is impossible: NaN
    low, high = wilson_interval(num, den)
    assert isinstance(low, pd.Series) and list(low.index) == ["a", "b", "c"]
    assert round(low["a"], 4) == 0.2553 and np.isnan(low["b"]) and np.isnan(high["c"])
    # A lower level gives a narrower interval (hand: z = 1.645 for 90%).
    low90, high90 = wilson_interval(81, 263, level=0.90)
    assert 0.2553 < low90 and high90 < 0.3662
    with pytest.raises(ValueError):
        wilson_interval(1, 2, level=95)


# ---------------------------------------------------------------------------------------------------
# Poisson intervals for a count
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "low", "high"),
    [
        # Exact Poisson 95% limits as found in standard tables of exact Poisson limits (the chi-square
        # form of Ulm, Am J Epidemiol 1990): 0 -> (0, 3.689), 1 -> (0.0253, 5.572),
        # 5 -> (1.623, 11.668), 10 -> (4.795, 18.390).
        (0, 0.0, 3.6889),
        (1, 0.0253, 5.5716),
        (5, 1.6235, 11.6683),
        (10, 4.7954, 18.3904),
    ],
)
def test_poisson_exact_interval_published_limits(count, low, high):
    got_low, got_high = poisson_exact_interval(count)
    assert round(got_low, 4) == low
    assert round(got_high, 4) == high


def test_poisson_exact_interval_vectorised_and_invalid():
    low, high = poisson_exact_interval(np.array([0, 10, -1, np.nan]))
    assert low[0] == 0.0 and round(low[1], 4) == 4.7954
    assert np.isnan(low[2:]).all() and np.isnan(high[2:]).all()


def test_byar_interval_by_hand():
    # Hand, count x = 10, z = 1.959964:
    #   low  = 10 (1 - 1/90 - 1.959964/(3*3.162278))^3 = 10 * 0.782291^3 = 4.7874
    #   high = 11 (1 - 1/99 + 1.959964/(3*3.316625))^3 = 11 * 1.186883^3 = 18.3915
    low, high = byar_interval(10)
    assert low == pytest.approx(4.7874, abs=1e-4)
    assert high == pytest.approx(18.3915, abs=1e-4)
    # x = 0: no lower limit below 0; the upper limit is the formula with x + 1 = 1:
    #   (1 - 1/9 + 1.959964/3)^3 = 1.542210^3 = 3.6680
    low0, high0 = byar_interval(0)
    assert low0 == 0.0 and high0 == pytest.approx(3.6680, abs=1e-4)


def test_byar_converges_to_exact_for_large_counts():
    # Breslow & Day: Byar's approximation is accurate for moderate and large counts.
    for x in (100, 1000, 10_000):
        b_low, b_high = byar_interval(x)
        e_low, e_high = poisson_exact_interval(x)
        assert b_low == pytest.approx(e_low, rel=1e-4)
        assert b_high == pytest.approx(e_high, rel=1e-4)


def test_rate_interval_switches_from_exact_to_byar():
    # Hand: 5 cases among 10,000 people is 50 per 100,000; exact limits for 5 are (1.6235, 11.6683),
    # times 100,000/10,000 = (16.235, 116.683).
    rate, low, high = rate_interval(5, 10_000)
    assert rate == 50.0
    assert low == pytest.approx(16.2349, abs=1e-3) and high == pytest.approx(116.6833, abs=1e-3)
    # Element by element: 99 events use the exact interval, 100 use Byar's.
    rate, low, high = rate_interval(np.array([99, 100]), np.array([1e5, 1e5]), per=1e5)
    assert low[0] == pytest.approx(poisson_exact_interval(99)[0])
    assert low[1] == pytest.approx(byar_interval(100)[0])
    assert high[1] == pytest.approx(byar_interval(100)[1])
    # exact_below moves the switch.
    _, low_all_exact, _ = rate_interval(np.array([150]), np.array([1e5]), per=1e5, exact_below=1e9)
    assert low_all_exact[0] == pytest.approx(poisson_exact_interval(150)[0])
    # A population of 0 has no rate.
    rate, low, high = rate_interval(3, 0)
    assert all(math.isnan(v) for v in (rate, low, high))
    # Series keep their index.
    rate, *_ = rate_interval(pd.Series([1, 2], index=["x", "y"]), pd.Series([100, 100], index=["x", "y"]))
    assert list(rate.index) == ["x", "y"] and rate["y"] == 2000.0


# ---------------------------------------------------------------------------------------------------
# Standard errors and reliability
# ---------------------------------------------------------------------------------------------------


def test_standard_error_from_interval_by_hand():
    # Hand: a 95% interval 10 ± 1.959964*2 gives back SE 2.
    assert standard_error_from_interval(10 - Z95 * 2, 10 + Z95 * 2) == pytest.approx(2.0)
    # 90%: 10 ± 1.644854*2.
    assert standard_error_from_interval(10 - 1.644854 * 2, 10 + 1.644854 * 2, level=0.9) == pytest.approx(2.0)


def test_normal_interval_by_hand_and_back():
    # Hand: 10 ± 1.959964*2 at 95%, 10 ± 1.644854*2 at 90%.
    assert normal_interval(10, 2) == pytest.approx((10 - Z95 * 2, 10 + Z95 * 2))
    assert normal_interval(10, 2, level=0.9) == pytest.approx((10 - 1.644854 * 2, 10 + 1.644854 * 2))
    low, high = normal_interval(pd.Series([1.0, 5.0], index=["a", "b"]), np.array([0.5, np.nan]))
    assert list(low.index) == ["a", "b"] and np.isnan(high["b"])
    assert standard_error_from_interval(low, high)["a"] == pytest.approx(0.5)


def test_relative_standard_error_and_flag():
    assert relative_standard_error(10, 3) == pytest.approx(0.3)
    assert relative_standard_error(-10, 3) == pytest.approx(0.3)
    assert math.isinf(relative_standard_error(0, 1))
    assert UNRELIABLE_RSE == 0.30
    # NCHS: unreliable when the RSE is *above* 30%; exactly 30% is not flagged.
    assert reliability_flag(10, 3) is None
    assert reliability_flag(10, 3.1) == "unreliable"
    assert reliability_flag(0, 1) == "unreliable"
    assert reliability_flag(float("nan"), 1) is None
    flags = reliability_flag(pd.Series([10, 10], index=["a", "b"]), pd.Series([1, 5], index=["a", "b"]))
    assert flags.to_dict() == {"a": None, "b": "unreliable"}


# ---------------------------------------------------------------------------------------------------
# Two groups
# ---------------------------------------------------------------------------------------------------


def test_rate_difference_by_hand():
    # Hand: 30 (SE 3) vs 20 (SE 4): diff 10, SE sqrt(9 + 16) = 5, 10 ± 1.959964*5 = (0.2002, 19.7998).
    diff, low, high = rate_difference(30, 3, 20, 4)
    assert diff == 10
    assert low == pytest.approx(0.2002, abs=1e-4) and high == pytest.approx(19.7998, abs=1e-4)
    assert is_significant(low, high) is True


def test_rate_ratio_by_hand():
    # Hand: 30 (SE 3) vs 20 (SE 4): ratio 1.5; SE(log) = sqrt((3/30)^2 + (4/20)^2) = sqrt(0.05) = 0.223607;
    # 1.5 * exp(±1.959964*0.223607) = 1.5 * exp(±0.438262) = (0.9677, 2.3250).
    ratio, low, high = rate_ratio(30, 3, 20, 4)
    assert ratio == 1.5
    assert low == pytest.approx(0.9677, abs=1e-4) and high == pytest.approx(2.3250, abs=1e-4)
    assert is_significant(low, high, null=1) is False


def test_rate_ratio_zero_rates():
    ratio, low, high = rate_ratio(5, 1, 0, 1)
    assert all(math.isnan(v) for v in (ratio, low, high))
    ratio, low, high = rate_ratio(0, 1, 5, 1)
    assert ratio == 0 and math.isnan(low) and math.isnan(high)


def test_is_significant():
    got = is_significant(np.array([0.1, -1, -2, np.nan]), np.array([1, 1, -0.5, 1]))
    assert got.tolist() == [True, False, True, False]
    assert is_significant(0.9, 1.2, null=1) is False
    assert is_significant(1.1, 1.2, null=1) is True


def test_reference_rate():
    rates = pd.Series([5.0, 3.0, 8.0, np.nan], index=["A", "B", "C", "D"])
    assert reference_rate(rates, higher_is_worse=True) == (3.0, "B")
    assert reference_rate(rates, higher_is_worse=False) == (8.0, "C")
    assert reference_rate(rates, True, ref="overall", overall=4.5) == (4.5, "overall")
    assert reference_rate(rates, True, ref="A") == (5.0, "A")
    assert reference_rate([5, 3, 3], True) == (3.0, 1)  # ties go to the first group
    assert reference_rate([1, 2], True, labels=["x", "y"]) == (1.0, "x")
    value, label = reference_rate([np.nan, np.nan], True)
    assert math.isnan(value) and label is None
    with pytest.raises(ValueError):
        reference_rate(rates, True, ref="overall")
    with pytest.raises(ValueError):
        reference_rate(rates, True, ref="Z")


# ---------------------------------------------------------------------------------------------------
# Summary measures
# ---------------------------------------------------------------------------------------------------

# Published worked example of the Index of Disparity measured from the total population's rate, n = all
# groups (Pearcy & Keppel 2002's form): Sex Transm Dis 2017;44(9):513-518 (PMC6727205), table 4,
# gonorrhea cases and populations by race and ethnicity: ID 166.5 in 1992 and 163.8 in 1993.
STD_POPULATION = np.array([200e6, 40e6, 55e6, 20e6, 3e6])  # White, Black, Hispanic, A/PI, AI/AN
STD_CASES = {
    1992: (np.array([70_800, 563_240, 52_360, 4_480, 2_820]), 166.5),
    1993: (np.array([56_600, 482_300, 49_200, 4_200, 2_880]), 163.8),
}


@pytest.mark.parametrize("year", [1992, 1993])
def test_index_of_disparity_published_example(year):
    cases, published = STD_CASES[year]
    rates = cases / STD_POPULATION * 1e5
    overall = cases.sum() / STD_POPULATION.sum() * 1e5
    assert round(index_of_disparity(rates, overall), 1) == published


def test_index_of_disparity_and_summary_rate_ratio_from_the_best_group():
    # Hand, adverse outcome, rates 2, 4, 6: best 2; the other two differ by 2 and 4, mean 3;
    # ID = 3/2*100 = 150 (HP2010: average percent difference from the best group rate).
    assert index_of_disparity([2, 4, 6]) == pytest.approx(150.0)
    # Summary rate ratio (Talih & Huang 2016): mean of the others / best = 5/2 = 2.5, and
    # ID = (SRR - 1) * 100 for adverse outcomes.
    assert summary_rate_ratio([2, 4, 6]) == pytest.approx(2.5)
    # Favourable outcome (higher is better), 80, 60, 70: best 80; differences 20 and 10, mean 15;
    # ID = 15/80*100 = 18.75; SRR = 80 / mean(60, 70) = 80/65 = 1.230769.
    assert index_of_disparity([80, 60, 70], higher_is_worse=False) == pytest.approx(18.75)
    assert summary_rate_ratio([80, 60, 70], higher_is_worse=False) == pytest.approx(80 / 65)
    # Order does not matter, missing groups are left out.
    assert index_of_disparity([6, np.nan, 2, 4]) == pytest.approx(150.0)
    # No disparity at all.
    assert index_of_disparity([3, 3, 3]) == 0.0
    assert summary_rate_ratio([3, 3, 3]) == 1.0


def test_index_of_disparity_named_reference_group_and_vectorised():
    rates = pd.Series([2.0, 4.0, 6.0], index=["white", "black", "hispanic"])
    # Hand, reference "black" (4): others differ by 2 and 2, mean 2; 2/4*100 = 50.
    assert index_of_disparity(rates, reference_group="black") == pytest.approx(50.0)
    assert index_of_disparity(rates, reference_group=1) == pytest.approx(50.0)
    # Hand: SRR against group 0 = mean(4, 6)/2 = 2.5; against an external rate 4: mean(2,4,6)/4 = 1.
    assert summary_rate_ratio(rates, reference_group=0) == pytest.approx(2.5)
    assert summary_rate_ratio(rates, 4.0) == pytest.approx(1.0)
    # Rows of a 2-D array are separate sets of groups (how simulate_interval calls it).
    got = index_of_disparity(np.array([[2, 4, 6], [3, 3, 3], [1, 1, 4]]))
    assert got == pytest.approx([150.0, 0.0, 150.0])  # last: best 1, others 0 and 3, mean 1.5 -> 150
    with pytest.raises(ValueError):
        index_of_disparity([1, 2], reference="worst")


def test_simulate_interval_is_deterministic_and_sensible():
    rates, ses = [20.0, 40.0, 60.0], [2.0, 3.0, 4.0]
    first = simulate_interval(index_of_disparity, rates, ses, n=2_000, seed=1)
    assert first == simulate_interval(index_of_disparity, rates, ses, n=2_000, seed=1)
    assert first != simulate_interval(index_of_disparity, rates, ses, n=2_000, seed=2)
    estimate, low, high = first
    assert estimate == pytest.approx(150.0)
    assert low < estimate < high
    # With no sampling error the interval collapses onto the estimate.
    assert simulate_interval(index_of_disparity, rates, [0, 0, 0], n=100) == (150.0, 150.0, 150.0)


def test_simulate_interval_matches_the_normal_interval_for_a_single_rate():
    # The measure "rate of group 0" with rate 100, SE 5 (truncation at 0 is 20 SEs away): the interval
    # should be 100 ± 1.96*5 = (90.2, 109.8), up to simulation error.
    _, low, high = simulate_interval(lambda r: r[..., 0], [100.0, 50.0], [5.0, 5.0], n=40_000, seed=3)
    assert low == pytest.approx(90.2, abs=0.3) and high == pytest.approx(109.8, abs=0.3)


def test_simulate_interval_truncates_at_zero_and_accepts_scalar_functions():
    # A rate of 1 with SE 10 would often be negative; truncated draws never are.
    _, low, _ = simulate_interval(lambda r: float(np.min(r)), [1.0, 2.0], [10.0, 10.0], n=500)
    assert low >= 0
    with pytest.raises(ValueError):
        simulate_interval(index_of_disparity, [1, 2], [1])


def test_simulate_interval_widens_to_reach_a_biased_estimate():
    # Equal rates: the ID is 0, but every noisy draw has some disparity, so the plain percentile interval
    # lies above 0; it is widened down to the estimate.
    estimate, low, high = simulate_interval(index_of_disparity, [10, 10, 10], [1, 1, 1], n=1_000)
    assert estimate == 0.0 and low == 0.0 and high > 0


def test_share_vs_population_by_hand():
    # Hand: cases 10 and 30 (shares 0.25, 0.75) in equal populations (0.5 each):
    # relative inequity (0.25-0.5)/0.5 = -0.5 and (0.75-0.5)/0.5 = +0.5.
    got = share_vs_population(pd.Series([10, 30], index=["x", "y"]), [500, 500])
    assert list(got.columns) == ["case_share", "population_share", "relative_inequity"]
    assert list(got.index) == ["x", "y"]
    assert got["case_share"].tolist() == [0.25, 0.75]
    assert got["relative_inequity"].tolist() == [-0.5, 0.5]
    # No cases at all: no shares.
    assert share_vs_population([0, 0], [1, 1])["case_share"].isna().all()


# ---------------------------------------------------------------------------------------------------
# Age adjustment
# ---------------------------------------------------------------------------------------------------


def test_us_2000_standard_population():
    # NCHS (Klein & Schoenborn 2001, Healthy People Statistical Notes 20) and SEER's
    # "2000 U.S. Std Million", 11 age groups.
    assert US_2000_STANDARD == {
        "<1": 13_818,
        "1-4": 55_317,
        "5-14": 145_565,
        "15-24": 138_646,
        "25-34": 135_573,
        "35-44": 162_613,
        "45-54": 134_834,
        "55-64": 87_247,
        "65-74": 66_037,
        "75-84": 44_842,
        "85+": 15_508,
    }
    assert sum(US_2000_STANDARD.values()) == 1_000_000


def test_standard_weights_collapse_and_renormalise():
    full = standard_weights(list(US_2000_STANDARD))
    assert full.tolist() == pytest.approx([c / 1e6 for c in US_2000_STANDARD.values()])
    # Hand: 0-4 = 13,818 + 55,317 = 69,135; 65+ = 66,037 + 44,842 + 15,508 = 126,387.
    coarse = standard_weights(["0-4", "5-24", "25-44", "45-64", "65+"])
    assert coarse["0-4"] == pytest.approx(0.069135) and coarse["65+"] == pytest.approx(0.126387)
    assert coarse.sum() == pytest.approx(1.0)
    # Adults only: weights renormalised over 25+ (1,000,000 - 69,135 - 145,565 - 138,646 = 646,654).
    adults = standard_weights(["25-44", "45-64", "65+"])
    assert adults.tolist() == pytest.approx([298_186 / 646_654, 222_081 / 646_654, 126_387 / 646_654])
    # Tuples work too; (85, None) is 85+.
    assert standard_weights([(0, 0), (85, None)]).tolist() == pytest.approx(
        [13_818 / 29_326, 15_508 / 29_326]
    )


def test_the_2000_population_in_thousands_agrees_with_the_standard_million():
    # Census P25-1130 as NCHS tabulates it: 274,634 thousand, 18+ 203,851, and 15-17 + 18-24 = 15-24.
    assert sum(US_2000_POPULATION.values()) == 274_634
    assert sum(v for k, v in US_2000_POPULATION.items() if k not in ("<1", "1-4", "5-14", "15-17")) == 203_851
    assert US_2000_POPULATION["15-17"] + US_2000_POPULATION["18-24"] == 38_077
    # The standard million is each group's share of the thousands, rounded to 6 decimals (75-84 rounded
    # up so that the million adds up).
    for group, million in US_2000_STANDARD.items():
        thousands = US_2000_POPULATION.get(group, 38_077)
        assert abs(thousands / 274_634 - million / 1e6) < 1e-6, group


def test_standard_weights_for_adults_split_15_24_at_18():
    # The adult weights of Klein & Schoenborn (2001) and NYC DOHMH, to their 6 decimals:
    # 18-24 26,258 / 203,851; 25-44 (37,233 + 44,659) / 203,851; 45-64 (37,030 + 23,961) / 203,851; 65+ rest.
    nyc = standard_weights(["18-24", "25-44", "45-64", "65+"])
    assert nyc.round(6).tolist() == [0.128810, 0.401725, 0.299194, 0.170271]
    assert nyc["18-24"] == pytest.approx(26_258 / 203_851, rel=1e-12)
    klein = standard_weights(["18-44", "45-64", "65+"])
    assert klein.round(6).tolist() == [0.530535, 0.299194, 0.170271]
    # The demo's labels; an all-ages set with children as one group: 0-17 = 3,795 + 15,192 + 39,977 + 11,819.
    demo = standard_weights(["18–24", "25–44", "45–64", "65 and older"])
    assert demo.tolist() == pytest.approx(nyc.tolist(), rel=1e-12)
    everyone = standard_weights(["0-17", "18-24", "25-44", "45-64", "65+"])
    assert everyone["0-17"] == pytest.approx(70_783 / 274_634, rel=1e-12)
    assert everyone.sum() == pytest.approx(1.0)
    # 18-34 is 18-24 and 25-34, whole pieces now; 35-49 still is not (49 lies in 45-54).
    assert standard_weights(["18-34", "35+"]).tolist() == pytest.approx([63_491 / 203_851, 140_360 / 203_851])
    assert standard_weights(["15-17", "18+"]).tolist() == pytest.approx([11_819 / 215_670, 203_851 / 215_670])
    # Written other ways people write them.
    assert standard_weights(["Under 18", "18 years and over"]).tolist() == pytest.approx(
        [70_783 / 274_634, 203_851 / 274_634], rel=1e-12
    )


@pytest.mark.parametrize(
    "groups", [["18-34", "35-49"], ["18-39"], ["0-19"], ["50-64"], ["0-4", "3-14"], ["16-24"]]
)
def test_standard_weights_rejects_groups_that_split_a_standard_group(groups):
    with pytest.raises(ValueError, match="inside a group of the 2000 U.S. standard"):
        standard_weights(groups)


def test_standard_weights_rejects_overlaps_and_nonsense():
    with pytest.raises(ValueError, match="overlaps"):
        standard_weights(["25-44", "35-54"])
    with pytest.raises(ValueError, match="cannot read"):
        standard_weights(["adults"])


def test_age_adjusted_rate_by_hand_and_fay_feuer():
    counts, pops, weights = [10, 40], [10_000, 20_000], [0.6, 0.4]
    rate, low, high = age_adjusted_rate(counts, pops, weights)
    # Hand: age-specific rates 100 and 200 per 100,000; 0.6*100 + 0.4*200 = 140.
    assert rate == pytest.approx(140.0)
    # Fay & Feuer (1997) in the paper's chi-square form, an independent route to the same limits:
    #   y = 0.0014, v = 0.6²·10/10⁸ + 0.4²·40/(4·10⁸) = 5.2e-8, w_M = max(0.6/10⁴, 0.4/(2·10⁴)) = 6e-5
    #   low  = v/(2y) · χ²_{2y²/v}(0.025),   high = (v+w_M²)/(2(y+w_M)) · χ²_{2(y+w_M)²/(v+w_M²)}(0.975)
    y, v, wm = 0.0014, 5.2e-8, 6e-5
    expect_low = v / (2 * y) * sst.chi2.ppf(0.025, 2 * y**2 / v) * 1e5
    expect_high = (v + wm**2) / (2 * (y + wm)) * sst.chi2.ppf(0.975, 2 * (y + wm) ** 2 / (v + wm**2)) * 1e5
    assert low == pytest.approx(expect_low, rel=1e-9)
    assert high == pytest.approx(expect_high, rel=1e-9)
    assert low < rate < high


def test_age_adjusted_rate_with_one_group_is_the_exact_poisson_interval():
    # Fay & Feuer (1997): with a single stratum the gamma interval is the exact Poisson interval.
    rate, low, high = age_adjusted_rate([10], [1_000], [1.0], per=1_000)
    exact_low, exact_high = poisson_exact_interval(10)
    assert (rate, low, high) == pytest.approx((10.0, exact_low, exact_high))


def test_age_adjusted_rate_with_the_2000_standard():
    weights = standard_weights(list(US_2000_STANDARD))
    pops = np.full(11, 50_000)
    # The same rate in every age group: the adjusted rate is that rate, whatever the weights.
    rate, _, _ = age_adjusted_rate(np.full(11, 25), pops, weights)
    assert rate == pytest.approx(50.0)
    # Hand: deaths only at 85+ (20 among 50,000 = 40 per 100,000): adjusted = 0.015508 * 40 = 0.62032.
    counts = np.zeros(11)
    counts[-1] = 20
    rate, low, high = age_adjusted_rate(counts, pops, weights)
    assert rate == pytest.approx(0.62032)
    # No events: rate 0, interval from 0.
    rate, low, high = age_adjusted_rate(np.zeros(11), pops, weights)
    assert rate == 0 and low == 0 and high > 0


def test_age_adjusted_rate_standard_error():
    _, _, _, se = age_adjusted_rate([10, 40], [10_000, 20_000], [0.6, 0.4], return_se=True)
    assert se == pytest.approx(math.sqrt(5.2e-8) * 1e5)  # √v of the hand example above


def clopper_pearson(x, n, level=0.95):
    """Clopper-Pearson limits through the F distribution (Leemis & Trivedi 1996), another route than Beta."""
    a = 1 - level
    low = 0.0 if x == 0 else x / (x + (n - x + 1) * sst.f.ppf(1 - a / 2, 2 * (n - x + 1), 2 * x))
    if x == n:
        return low, 1.0
    f = sst.f.ppf(1 - a / 2, 2 * (x + 1), 2 * (n - x))
    return low, (x + 1) * f / (n - x + (x + 1) * f)


def test_age_adjusted_proportion_by_hand_and_korn_graubard():
    p, low, high, se = age_adjusted_proportion([10, 30], [100, 200], [0.7, 0.3], return_se=True)
    # Hand: p = 0.7·0.10 + 0.3·0.15 = 0.115; v = 0.49·0.1·0.9/100 + 0.09·0.15·0.85/200 = 0.000498375;
    # n* = 0.115·0.885/v = 204.2137 (under N = 300), x* = 0.115·n* = 23.4846.
    assert p == pytest.approx(0.115)
    assert se == pytest.approx(math.sqrt(0.000498375))
    n_eff = 0.115 * 0.885 / 0.000498375
    assert n_eff == pytest.approx(204.2137, abs=1e-4)
    expect = clopper_pearson(0.115 * n_eff, n_eff)
    assert (low, high) == pytest.approx(expect, rel=1e-9)
    assert low < p < high


def test_age_adjusted_proportion_with_one_group_is_clopper_pearson():
    for x, n in ((0, 40), (7, 40), (40, 40), (123, 4567)):
        p, low, high = age_adjusted_proportion([x], [n], [1.0])
        assert p == pytest.approx(x / n)
        assert (low, high) == pytest.approx(clopper_pearson(x, n), rel=1e-9, abs=1e-12)


def test_age_adjusted_proportion_edges():
    # No cases anywhere: 0, interval from 0 up to the Clopper-Pearson limit for 0 of everyone counted.
    p, low, high = age_adjusted_proportion([0, 0], [100, 50], [0.5, 0.5])
    assert (p, low) == (0.0, 0.0) and high == pytest.approx(clopper_pearson(0, 150)[1])
    # Variance 0 with 0 < p < 1 (all of one age, none of the other): n* is capped at N.
    p, low, high = age_adjusted_proportion([100, 0], [100, 50], [0.5, 0.5])
    assert p == 0.5 and (low, high) == pytest.approx(clopper_pearson(75, 150))
    # Stratification can push n* above N; it is capped there.
    _, low, high = age_adjusted_proportion([0, 50], [50, 50], [0.5, 0.5])
    assert (low, high) == pytest.approx(clopper_pearson(50, 100))
    # A weighted age group without people, or more cases than people: NaN.
    assert np.isnan(age_adjusted_proportion([1, 2], [0, 10], [0.5, 0.5])[0])
    assert np.isnan(age_adjusted_proportion([11, 2], [10, 10], [0.5, 0.5])[1])
    # An unweighted age group without people is ignored.
    assert age_adjusted_proportion([3, 0], [10, 0], [1.0, 0.0])[0] == pytest.approx(0.3)


def test_age_adjusted_proportion_for_many_areas():
    ages = ["18-24", "25-44", "45-64", "65+"]
    w = standard_weights(ages)
    cases = pd.DataFrame([[1, 10, 30, 40], [0, 0, 0, 0]], index=["a", "b"], columns=ages)
    people = pd.DataFrame([[50, 200, 200, 100]] * 2, index=cases.index, columns=ages)
    p, low, high = age_adjusted_proportion(cases[ages[::-1]], people[ages[::-1]], w)
    assert list(p.index) == ["a", "b"]
    assert p["a"] == pytest.approx(w["18-24"] * 0.02 + w["25-44"] * 0.05 + w["45-64"] * 0.15 + w["65+"] * 0.4)
    assert p["b"] == 0 and low["b"] == 0 and 0 < high["b"] < 1
    # The same proportion in every age group: standardising changes nothing.
    same, _, _ = age_adjusted_proportion([5, 20, 20, 10], [50, 200, 200, 100], w)
    assert same == pytest.approx(0.1)


def test_age_adjusted_rate_for_many_areas_from_dataframes():
    ages = ["0-44", "45-64", "65+"]
    weights = standard_weights(ages)
    counts = pd.DataFrame([[10, 20, 30], [0, 0, 0], [5, 5, 5]], index=["n1", "n2", "n3"], columns=ages)
    pops = pd.DataFrame([[1e4, 1e4, 1e4], [1e4, 1e4, 1e4], [1e4, 0, 1e4]], index=counts.index, columns=ages)
    rate, low, high = age_adjusted_rate(counts[ages[::-1]], pops[ages[::-1]], weights)  # columns by label
    assert list(rate.index) == ["n1", "n2", "n3"]
    # Hand for n1: Σ w_i d_i/n_i * 1e5 = (w0*10 + w1*20 + w2*30) * 10.
    assert rate["n1"] == pytest.approx(
        10 * (weights.iloc[0] * 10 + weights.iloc[1] * 20 + weights.iloc[2] * 30)
    )
    assert rate["n2"] == 0
    assert np.isnan(rate["n3"]) and np.isnan(low["n3"])  # no population in an age group with weight
    with pytest.raises(ValueError):
        age_adjusted_rate(counts, pops, standard_weights(["0-44", "45-64"]))


# ---------------------------------------------------------------------------------------------------
# Change of a gap over time
# ---------------------------------------------------------------------------------------------------


def test_gap_change_by_hand():
    # Hand: gap 10 (SE 1) -> 5 (SE 1): change -5, SE sqrt(2) = 1.414214, -5 ± 2.771808 = (-7.7718, -2.2282);
    # narrowing, -50% from baseline.
    got = gap_change(10, 1, 5, 1)
    assert got["change"] == -5
    assert got["low"] == pytest.approx(-7.7718, abs=1e-4) and got["high"] == pytest.approx(-2.2282, abs=1e-4)
    assert got["narrowing"] is True
    assert got["percent_change"] == pytest.approx(-50.0)
    # Widening, a negative gap closing, and no detectable change (interval includes 0).
    assert gap_change(5, 1, 10, 1)["narrowing"] is False
    assert gap_change(-10, 1, -5, 1)["narrowing"] is True
    assert gap_change(10, 5, 9, 5)["narrowing"] is None
    assert math.isnan(gap_change(0, 1, 5, 1)["percent_change"])
    many = gap_change(np.array([10, 10]), np.array([1, 5]), np.array([5, 9]), np.array([1, 5]))
    assert many["narrowing"].tolist() == [True, None]


# ---------------------------------------------------------------------------------------------------
# Percentile ranks and the need index
# ---------------------------------------------------------------------------------------------------


def test_percentile_rank_by_hand():
    # Hand: 10, 20, 20, 30: values strictly lower 0, 1, 1, 3 over N-1 = 3.
    assert percentile_rank([10, 20, 20, 30]).tolist() == [0.0, 0.3333, 0.3333, 1.0]
    # Inverted (higher is better): 1 - that, ties take the higher percentile.
    assert percentile_rank([10, 20, 20, 30], invert=True).tolist() == [1.0, 0.6667, 0.6667, 0.0]
    # Missing values stay missing and are not counted in N.
    got = percentile_rank(pd.Series([5, np.nan, 1], index=["a", "b", "c"]))
    assert got["a"] == 1.0 and np.isnan(got["b"]) and got["c"] == 0.0
    assert np.isnan(percentile_rank([7.0])).all()
    # Halves round up, exactly: 1/32 = 0.03125 -> 0.0313 (np.round would give 0.0312).
    assert percentile_rank(np.arange(33))[1] == 0.0313
    assert percentile_rank([1, 2, 3], decimals=None)[1] == 0.5


def _toy():
    return pd.DataFrame(
        {
            "pov": [10, 20, 30, 40, 50],
            "income": [50, 40, 40, 20, 10],  # higher is better
            "crowd": [1, 1, 1, 1, 5],
        },
        index=list("abcde"),
    )


THEMES = {"econ": ["pov", "income"], "housing": ["crowd"]}


def test_need_index_by_hand():
    got = need_index(_toy(), THEMES, invert={"income"})
    # Hand:
    #   pov     10..50 -> 0, .25, .5, .75, 1
    #   income  inverted: 1 - (lower values)/4 = 1-4/4, 1-2/4, 1-2/4, 1-1/4, 1-0 = 0, .5, .5, .75, 1
    #   crowd   1,1,1,1,5 -> 0, 0, 0, 0, 1
    #   econ sum 0, .75, 1, 1.5, 2 -> ranks 0, .25, .5, .75, 1;  housing sum = crowd -> 0, 0, 0, 0, 1
    #   overall 0, .75, 1, 1.5, 3 -> 0, .25, .5, .75, 1;  flags (>= .90) only in row e: 2 + 1 = 3
    assert got["pctl_income"].tolist() == [0.0, 0.5, 0.5, 0.75, 1.0]
    assert got["sum_econ"].tolist() == [0.0, 0.75, 1.0, 1.5, 2.0]
    assert got["pctl_econ"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert got["pctl_housing"].tolist() == [0.0, 0.0, 0.0, 0.0, 1.0]
    assert got["sum_overall"].tolist() == [0.0, 0.75, 1.0, 1.5, 3.0]
    assert got["pctl_overall"].tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert got["flag_pov"].tolist() == [0, 0, 0, 0, 1]
    assert got["flags_econ"].tolist() == [0, 0, 0, 0, 2]
    assert got["flags_total"].tolist() == [0, 0, 0, 0, 3]
    assert list(got.index) == list("abcde")


def test_need_index_exclusions_missing_values_and_weights():
    df = _toy()
    # Row e left out (as the SVI leaves out areas with no people): the others are ranked among 4.
    got = need_index(df, THEMES, invert={"income"}, include=df.index != "e")
    assert got.loc["e"].isna().all()
    assert got["pctl_pov"].tolist()[:4] == [0.0, 0.3333, 0.6667, 1.0]
    # A missing value: not ranked, its theme and overall sums are missing, flags count what exists.
    df.loc["b", "pov"] = np.nan
    got = need_index(df, THEMES, invert={"income"})
    assert np.isnan(got.loc["b", "pctl_pov"]) and got.loc["b", "flag_pov"] is pd.NA
    assert np.isnan(got.loc["b", "sum_econ"]) and np.isnan(got.loc["b", "pctl_overall"])
    assert got.loc["b", "flags_econ"] == 0 and got.loc["b", "flags_total"] == 0
    assert got.loc["c", "pctl_pov"] == 0.3333  # 30 among 10, 30, 40, 50
    # Theme weights multiply the theme sums in the overall sum (hand, row e: 2 + 2*1 = 4).
    got = need_index(_toy(), THEMES, invert={"income"}, weights={"housing": 2})
    assert got.loc["e", "sum_overall"] == 4.0


def test_need_index_rejects_bad_specifications():
    df = _toy()
    with pytest.raises(ValueError, match="not in the data"):
        need_index(df, {"t": ["nope"]})
    with pytest.raises(ValueError, match="more than one theme"):
        need_index(df, {"t": ["pov"], "u": ["pov"]})
    with pytest.raises(ValueError, match="invert"):
        need_index(df, THEMES, invert={"nope"})
    with pytest.raises(ValueError, match="theme names"):
        need_index(df, {"pov": ["pov"]})


def test_module_exports():
    for name in stats.__all__:
        assert hasattr(stats, name)


# ---------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=1_000_000)
levels = st.sampled_from([0.8, 0.9, 0.95, 0.99])
positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
ses = st.floats(min_value=0, max_value=1e3, allow_nan=False, allow_infinity=False)


@quiet
@given(n=st.integers(min_value=1, max_value=100_000), frac=st.floats(0, 1), level=levels)
def test_wilson_contains_the_proportion(n, frac, level):
    x = round(frac * n)
    low, high = wilson_interval(x, n, level)
    assert 0 <= low <= x / n <= high <= 1


@quiet
@given(x=counts, level=levels)
def test_count_intervals_contain_the_count(x, level):
    for low, high in (poisson_exact_interval(x, level), byar_interval(x, level)):
        assert 0 <= low <= x <= high


@quiet
@given(x=counts, pop=st.integers(min_value=1, max_value=10_000_000), level=levels)
def test_rate_interval_contains_the_rate(x, pop, level):
    rate, low, high = rate_interval(x, pop, level=level)
    assert low <= rate <= high


@quiet
@given(
    d=st.lists(st.integers(0, 5_000), min_size=1, max_size=11),
    data=st.data(),
    level=levels,
)
def test_age_adjusted_interval_contains_the_rate(d, data, level):
    k = len(d)
    pops = data.draw(st.lists(st.integers(1, 1_000_000), min_size=k, max_size=k))
    weights = data.draw(st.lists(st.floats(0.01, 1), min_size=k, max_size=k))
    rate, low, high = age_adjusted_rate(d, pops, weights, level=level)
    assert low <= rate * (1 + 1e-12) and rate <= high * (1 + 1e-12)


@quiet
@given(
    people=st.lists(st.integers(1, 1_000_000), min_size=1, max_size=11),
    data=st.data(),
    level=levels,
)
def test_age_adjusted_proportion_interval_contains_the_proportion(people, data, level):
    k = len(people)
    cases = [data.draw(st.integers(0, n)) for n in people]
    weights = data.draw(st.lists(st.floats(0.01, 1), min_size=k, max_size=k))
    p, low, high = age_adjusted_proportion(cases, people, weights, level=level)
    assert 0 <= low <= p * (1 + 1e-12) and p <= high * (1 + 1e-12) and high <= 1


@quiet
@given(r1=positive, s1=ses, r2=positive, s2=ses, level=levels)
def test_rate_ratio_swapping_groups_inverts_ratio_and_interval(r1, s1, r2, s2, level):
    ratio, low, high = rate_ratio(r1, s1, r2, s2, level)
    back, back_low, back_high = rate_ratio(r2, s2, r1, s1, level)
    assume(np.isfinite([low, high, back_low, back_high]).all() and low > 0 and back_low > 0)
    assert back == pytest.approx(1 / ratio, rel=1e-9)
    assert back_low == pytest.approx(1 / high, rel=1e-9)
    assert back_high == pytest.approx(1 / low, rel=1e-9)
    assert low <= ratio <= high


@quiet
@given(r1=positive, s1=ses, r2=positive, s2=ses, level=levels)
def test_rate_difference_is_antisymmetric(r1, s1, r2, s2, level):
    diff, low, high = rate_difference(r1, s1, r2, s2, level)
    back, back_low, back_high = rate_difference(r2, s2, r1, s1, level)
    assert back == -diff
    assert back_low == pytest.approx(-high) and back_high == pytest.approx(-low)
    assert low <= diff <= high


values = st.lists(
    st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from([0.0, 1.0, 2.5])),
    min_size=2,
    max_size=60,
)


@quiet
@given(xs=values, invert=st.booleans())
def test_percentile_ranks_are_bounded_monotone_and_tie_equal(xs, invert):
    x = np.array(xs)
    p = percentile_rank(x, invert=invert)
    assert ((p >= 0) & (p <= 1)).all()
    order = np.argsort(x, kind="stable")
    ranked = p[order]
    steps = np.diff(ranked)
    assert (steps <= 0).all() if invert else (steps >= 0).all()
    for value in np.unique(x):
        assert len(set(p[x == value])) == 1
    # The lowest value has nothing below it: percentile 0, or 1 when inverted.
    assert p[x == x.min()][0] == (1.0 if invert else 0.0)


@settings(deadline=None, max_examples=30, database=None)
@given(
    rates=st.lists(st.floats(0.5, 500), min_size=2, max_size=6),
    data=st.data(),
    which=st.sampled_from(["id", "srr", "id_fav"]),
)
def test_simulated_interval_contains_the_estimate(rates, data, which):
    errors = data.draw(st.lists(st.floats(0, 50), min_size=len(rates), max_size=len(rates)))
    fn = {
        "id": index_of_disparity,
        "srr": summary_rate_ratio,
        "id_fav": lambda r: index_of_disparity(r, higher_is_worse=False),
    }[which]
    estimate, low, high = simulate_interval(fn, rates, errors, n=300, seed=0)
    assert low <= estimate <= high


@quiet
@given(rates=st.lists(st.floats(0.1, 1e4), min_size=2, max_size=8), adverse=st.booleans())
def test_best_group_summary_measures(rates, adverse):
    idx = index_of_disparity(rates, higher_is_worse=adverse)
    srr = summary_rate_ratio(rates, higher_is_worse=adverse)
    assert idx >= 0 and srr >= 1 - 1e-12
    if adverse:  # Talih & Huang 2016: ID = (SRR - 1) x 100 for adverse outcomes
        assert idx == pytest.approx((srr - 1) * 100, rel=1e-9, abs=1e-9)
