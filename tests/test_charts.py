"""Chart figures: what a reader can tell apart (weak, withheld and missing values), checked on the figure."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from equity import charts, i18n


def _trend() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2021, 2022, 2023, 2021, 2022, 2023],
            "group_label": ["Black", "Black", "Black", "White", "White", "White"],
            "value": [12.0, 30.0, None, 8.0, 7.5, 7.0],
            "ci_low": [10.0, 5.0, None, 7.0, 6.9, 6.2],
            "ci_high": [14.0, 55.0, None, 9.0, 8.1, 7.8],
            "flag": [None, "unreliable", "suppressed", None, None, None],
        }
    )


def test_trend_draws_unreliable_years_hollow_and_faded_and_leaves_withheld_years_as_gaps():
    fig = charts.group_trend(_trend(), unit="percent", title="t", subtitle="s")
    black, white = fig.data
    assert list(black.marker.symbol) == ["circle", "circle-open", "circle"]
    assert list(black.marker.opacity) == [1.0, charts.UNRELIABLE_OPACITY, 1.0]
    assert pd.isna(black.y[2]) and black.connectgaps is False  # withheld: a gap, never zero
    assert "Too few to show" in black.customdata[2]
    assert "unreliable" in black.customdata[1]
    assert set(white.marker.symbol) == {"circle"}


def test_group_bars_name_withheld_groups_instead_of_drawing_zero():
    groups = _trend().query("year == 2023")
    fig = charts.group_bars(
        groups,
        label="Diabetes",
        unit="percent",
        higher_is_worse=True,
        ref_value=7.0,
        ref_label="Best group (White)",
        title="t",
        subtitle="s",
    )
    assert list(fig.data[0].y) == ["White"]  # the withheld group has no dot
    notes = [a.text for a in fig.layout.annotations]
    assert any("Too few to show" in n for n in notes)
    assert any("Best group (White)" in n for n in notes)


def test_map_shapes_are_sent_with_coordinates_rounded_and_shared_borders_still_meeting():
    import shapely

    from equity import maps

    left = shapely.box(-71.123456789, 41.0, -71.0000004, 41.5)
    right = shapely.box(-71.0000004, 41.0, -70.9, 41.5)
    areas = pd.DataFrame(
        {"area_id": ["a", "b"], "geometry_drawn": [shapely.to_wkb(left), shapely.to_wkb(right)]}
    )
    features = maps.geojson(areas)["features"]
    xs = [x for f in features for ring in f["geometry"]["coordinates"] for x, _ in ring]
    assert all(round(x, maps.DRAWN_DECIMALS) == x for x in xs)
    a, b = (shapely.geometry.shape(f["geometry"]) for f in features)
    assert a.intersection(b).length > 0.49  # the shared edge is still shared, not a gap or overlap
    assert a.intersection(b).area == 0


def test_the_nations_map_is_centred_on_its_bulk_not_on_the_antimeridian():
    """Many areas: the map fits their bulk. The Aleutians (one county spanning -180 to 180) and Guam
    would otherwise centre the nation's map off Africa."""
    import shapely

    from equity import maps

    boxes = [
        shapely.box(-120 + (i % 50), 30 + (i // 50), -119 + (i % 50), 31 + (i // 50)) for i in range(300)
    ]
    boxes += [shapely.box(-180, 51, 180, 53), shapely.box(144.6, 13.2, 145.0, 13.7)]
    areas = pd.DataFrame({"geometry_drawn": [shapely.to_wkb(b) for b in boxes]})
    center, zoom = maps.fit_view(areas, height=600)
    assert -100 < center["lon"] < -90 and 31 < center["lat"] < 36 and zoom > 2.5
    few = pd.DataFrame({"geometry_drawn": [shapely.to_wkb(b) for b in boxes[:3]]})
    center, _ = maps.fit_view(few, height=600)  # a few areas: all of them, exactly
    assert center == {"lon": pytest.approx(-118.5), "lat": pytest.approx(30.5)}


@pytest.mark.parametrize(
    ("source", "year", "extra", "expected"),
    [
        ("Census ACS", 2024, "", "Source: Census ACS · 2024"),
        ("Census ACS", None, "", "Source: Census ACS"),
        ("Census ACS", 2024, "◇ = 1 to 10 people served, not shown",
         "Source: Census ACS · 2024 · ◇ = 1 to 10 people served, not shown"),
        # Too long for one line of a chart on a 1280-pixel screen: the key goes on a line of its own.
        ("Elm County Health Department and Riverbend Community Survey of Social Conditions (fictional)", 2024,
         "◇ = 1 to 10 people served, not shown",
         "Source: Elm County Health Department and Riverbend Community Survey of Social Conditions "
         "(fictional) · 2024<br>◇ = 1 to 10 people served, not shown"),
        # A source too long for one line is wrapped itself (Plotly cuts it off at the chart's edge).
        ("Elm County Health Department monthly reports and CDC/ATSDR Social Vulnerability Index 2018, census "
         "tracts (Rhode Island)", "people served 2024, need 2018", "",
         "Source: Elm County Health Department monthly reports and CDC/ATSDR Social Vulnerability Index "
         "2018, census<br>tracts (Rhode Island) · people served 2024, need 2018"),
    ],
)  # fmt: skip
def test_a_subtitle_too_long_for_one_line_puts_its_key_on_the_next(source, year, extra, expected):
    assert charts.source_line(source, year, extra) == expected
    fig = charts.base_layout(go.Figure(), "t", expected)
    assert fig.layout.margin.t == (108 if "<br>" in expected else 90)  # room for the second line


def _grey(hex_colour: str) -> float:
    """A colour's relative luminance (WCAG), as grayscale print or a washed-out projector keeps it."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_too_few_to_show_and_no_data_stay_apart_in_grayscale_and_from_every_class():
    import shapely

    from equity import maps

    boxes = [shapely.box(i, 0, i + 1, 1) for i in range(7)]
    areas = pd.DataFrame(
        {
            "area_id": list("abcdefg"),
            "name": list("ABCDEFG"),
            "population": [100] * 7,
            "geometry_drawn": [shapely.to_wkb(b) for b in boxes],
        }
    )
    values = pd.DataFrame(
        {
            "area_id": list("abcdefg"),
            "value": [1.0, 2.0, 3.0, 4.0, 5.0, None, None],
            "ci_low": None,
            "ci_high": None,
            "flag": [None] * 5 + ["suppressed", "no_data"],
        }
    )
    fig = maps.choropleth(
        areas, values, None, label="L", unit="percent", higher_is_worse=True, title="T", subtitle="S"
    )
    by_name = {t.name: t for t in fig.data}
    few, none = by_name["Too few to show"], by_name["No data"]
    classes = [t for t in fig.data if t.name not in ("Too few to show", "No data")]
    fills = {t.name: t.colorscale[0][1] for t in fig.data}
    # The two differ by fill in grayscale (a clear step in luminance), not by hue alone...
    assert abs(_grey(fills["Too few to show"]) - _grey(fills["No data"])) > 0.4
    # ...and both carry a dark outline that no class has, so neither reads as a low or high value.
    for flagged in (few, none):
        assert _grey(flagged.marker.line.color) < 0.05 and flagged.marker.line.width >= 1.5
    assert all(_grey(t.marker.line.color) > 0.9 for t in classes)


def test_the_bright_rooms_theme_darkens_ink_and_outlines_shapes_but_keeps_colours_and_data_sizes():
    fig = go.Figure(
        [
            go.Bar(x=["a", "b"], y=[1, 2], marker_color=["#E69F00", "#dadce0"]),
            go.Scatter(x=[1, 2], y=[3, 4], mode="lines+markers", line=dict(width=2, color="#0072B2")),
            go.Scatter(x=[1, 2], y=[3, 4], mode="markers", marker=dict(size=[5, 30])),
        ]
    )
    fig.update_layout(font_color="#777777", annotations=[dict(text="note", font_color="#999999")])
    bright = charts.high_contrast(fig)
    assert bright is not fig and fig.layout.font.color == "#777777"  # a copy: the page's figure unchanged
    assert bright.layout.font.color == charts.CONTRAST_INK
    assert bright.layout.title.subtitle.font.color == charts.CONTRAST_INK
    assert bright.layout.annotations[0].font.color == charts.CONTRAST_INK
    assert bright.layout.xaxis.linecolor == charts.CONTRAST_INK and bright.layout.yaxis.showline
    bar, line, dots = bright.data
    assert tuple(bar.marker.color) == ("#E69F00", "#dadce0") and bar.marker.line.color == charts.CONTRAST_INK
    assert line.line.width == 4 and line.line.color == "#0072B2" and line.marker.size == 9
    assert tuple(dots.marker.size) == (5, 30)  # sized by their data: kept
    assert dots.marker.line.color == charts.CONTRAST_INK


@pytest.mark.parametrize(
    ("first", "last", "lang", "values", "words"),
    [
        # Three years of months: a tick each half year, named as the language names months.
        ("2022-05-01", "2025-06-01", "es", ["2022-07-01", "2023-01-01", "2023-07-01", "2024-01-01",
         "2024-07-01", "2025-01-01"],
         ["jul 2022", "ene 2023", "jul 2023", "ene 2024", "jul 2024", "ene 2025"]),
        ("2022-05-01", "2025-06-01", "en", ["2022-07-01", "2023-01-01", "2023-07-01", "2024-01-01",
         "2024-07-01", "2025-01-01"],
         ["Jul 2022", "Jan 2023", "Jul 2023", "Jan 2024", "Jul 2024", "Jan 2025"]),
        # Half a year: a tick a month.
        ("2024-01-01", "2024-06-01", "es", ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01",
         "2024-05-01", "2024-06-01"],
         ["ene 2024", "feb 2024", "mar 2024", "abr 2024", "may 2024", "jun 2024"]),
        # Ten years: a tick every two years, the year alone.
        ("2015-01-01", "2024-12-01", "es", ["2015-01-01", "2017-01-01", "2019-01-01", "2021-01-01",
         "2023-01-01"], ["2015", "2017", "2019", "2021", "2023"]),
    ],
)  # fmt: skip
def test_month_ticks_are_written_in_the_language(first, last, lang, values, words):
    i18n.set_lang(lang)
    assert charts.month_ticks(pd.Timestamp(first), pd.Timestamp(last)) == (values, words)


def test_dates_in_spanish_reach_the_ticks_and_the_hovers_and_english_is_left_alone():
    def figure():
        return go.Figure(
            [
                go.Scatter(
                    x=pd.to_datetime(["2024-06-01", "2024-07-01"]), y=[1, 2],
                    hovertemplate="%{x|%B %Y}: %{y:,.1f}<extra></extra>",
                ),
                go.Scatter(
                    x=["2024-06-03", "2024-07-09"], y=[0, 0], customdata=["Site A", "Site B"],
                    hovertemplate="<b>%{customdata}</b><br>%{x|%B %-d, %Y}<extra></extra>",
                ),
                go.Bar(x=["Black", "White"], y=[3, 4]),  # no dates: untouched
            ]
        )  # fmt: skip

    english = charts.dates_in_language(figure())
    assert english.layout.xaxis.tickvals is None and "%{x|%B %Y}" in english.data[0].hovertemplate
    i18n.set_lang("es")
    fig = charts.dates_in_language(figure())
    assert list(fig.layout.xaxis.ticktext) == ["jun 2024", "jul 2024"]
    months, days, bars = fig.data
    assert months.hovertemplate == "%{customdata[0]}: %{y:,.1f}<extra></extra>"
    assert [list(r) for r in months.customdata] == [["junio de 2024"], ["julio de 2024"]]
    assert days.hovertemplate == "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>"
    assert [list(r) for r in days.customdata] == [
        ["Site A", "3 de junio de 2024"],
        ["Site B", "9 de julio de 2024"],
    ]
    assert bars.customdata is None and list(bars.x) == ["Black", "White"]


def test_the_nations_map_opens_on_the_contiguous_states_and_says_where_the_rest_are():
    import shapely

    from equity import maps

    # A county in each of 48 contiguous states, and Alaska's, Hawaii's and Puerto Rico's.
    boxes = {f"{s:02d}001": shapely.box(-120 + s * 0.9, 30, -119.5 + s * 0.9, 31) for s in range(3, 51)}
    boxes |= {"02013": shapely.box(-170, 52, -160, 56), "15001": shapely.box(-156, 19, -155, 20),
              "72001": shapely.box(-67, 18, -66, 18.5)}  # fmt: skip
    areas = pd.DataFrame(
        {"area_id": list(boxes), "geometry_drawn": [shapely.to_wkb(b) for b in boxes.values()]}
    )
    assert set(areas.loc[maps.outlying(areas), "area_id"]) == {"02013", "15001", "72001"}
    center, _ = maps.fit_view(areas, height=600)
    assert -120 < center["lon"] < -70 and 29 < center["lat"] < 32  # the contiguous states' middle
    assert "Alaska, Hawaii, Puerto Rico" in maps.outlying_note(areas)
    # A state's own counties, Alaska's included, are all its map: nothing is left out, nothing said.
    alaska = pd.DataFrame(
        {"area_id": ["02013", "02016"], "geometry_drawn": [shapely.to_wkb(boxes["02013"])] * 2}
    )
    assert not maps.outlying(alaska).any() and maps.outlying_note(alaska) == ""
    few = areas[areas["area_id"].isin(["06001", "02013"])]  # two states are not the nation
    assert not maps.outlying(few).any()
