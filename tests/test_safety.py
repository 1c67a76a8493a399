"""Text from outside made harmless: Markdown, Plotly markup, invisible characters; and the guard every
download passes. The formula rule's own table of cells is in test_safety_formulas.py."""

import io

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from equity import downloads, safety

# Strings a hostile file or link might hold, each with what it would do if rendered.
HOSTILE = {
    "markdown image": "![t](http://127.0.0.1:9/x.png)",
    "markdown link": "[Verify your login](https://example.com/p)",
    "colour directive": ":red[**SYSTEM ERROR**]",
    "html image": "<img src=http://127.0.0.1:9/h.png>",
    "html link": "<a href='http://127.0.0.1:9/a'>click</a>",
    "autolink": "see www.example.com or http://example.com",
    "heading": "# Official notice",
    "list": "1. first",
    "bidi override": "abc\u202edcb",
    "zero width": "a\u200bb",
    "emoji shortcode": ":material/warning: :smile:",
    "math": "$x^2$",
}


def test_formula_rule_on_a_column_with_gaps_and_numbers():
    cells = pd.Series(["=x", None, "ok", "-5", "-x", float("nan")], dtype=object)
    assert safety.formula_like(cells).tolist() == [True, False, False, False, True, False]


@pytest.mark.parametrize("name", HOSTILE)
def test_md_leaves_no_markup(name):
    """Rendered by CommonMark with GitHub's extensions, the escaped text has no link, image, emphasis,
    directive, block or entity left: every special character is escaped."""
    escaped = safety.md(HOSTILE[name])
    unescaped_specials = [
        ch for i, ch in enumerate(escaped) if ch in "[]()<>*_`:$#|~@&" and (i == 0 or escaped[i - 1] != "\\")
    ]
    assert unescaped_specials == [], escaped
    assert "\u202e" not in escaped and "\u200b" not in escaped
    assert "www." not in escaped.lower()
    assert "://" not in escaped.replace("\\", "") and "@" + "b" not in escaped  # no autolink survives


def test_md_reads_the_same_once_escapes_are_dropped():
    import re

    for value in HOSTILE.values():
        shown = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", safety.md(value)).replace(safety.WORD_JOINER, "")
        assert shown == safety.strip_invisible(value)


def test_inert_shortens_and_strips():
    assert safety.inert("a\u202eb\u2066c\nd" + "x" * 100, 10) == "abc dxxxx…"
    assert len(safety.inert("y" * 500)) == 40


def test_html_escapes_tags_and_folds_lines():
    assert safety.html("<b>x</b>\n\n![i](u) & y") == "&lt;b&gt;x&lt;/b&gt;  ![i](u) &amp; y"


def test_plotly_text_keeps_the_dashboards_own_tags_only():
    own = "<b>Title</b><br><span style='font-size:14px;color:#4a4f55'>note</span><extra></extra>"
    assert safety.plotly_text(own) == own
    assert safety.plotly_text("<a href='http://x'>c</a>") == "&lt;a href='http://x'&gt;c&lt;/a&gt;"
    assert safety.plotly_text("<span style='fill:url(http://x)'>s</span>") == (
        "&lt;span style='fill:url(http://x)'&gt;s</span>"
    )


def test_figure_escapes_every_text_but_ids():
    fig = go.Figure(
        go.Bar(
            y=["<a href='http://x'>A</a>", "B & C"],
            x=[1, 2],
            customdata=np.array([["<img src=x>"], ["ok"]], dtype=object),
            ids=["<id>", "id2"],
            name="<a href='http://x'>legend</a>",
            hovertemplate="<b>%{y}</b><br>%{customdata[0]}<extra></extra>",
        )
    )
    fig.update_layout(title_text="Gap in <a href='http://x'>here</a>")
    fig.update_yaxes(categoryarray=["<a href='http://x'>A</a>", "B & C"])
    out = safety.figure(fig).to_dict()
    trace = out["data"][0]
    assert list(trace["y"]) == ["&lt;a href='http://x'&gt;A&lt;/a&gt;", "B &amp; C"]
    assert list(out["layout"]["yaxis"]["categoryarray"]) == list(trace["y"])  # order still matches
    assert trace["customdata"][0][0] == "&lt;img src=x&gt;"
    assert list(trace["ids"]) == ["<id>", "id2"]
    assert trace["name"].startswith("&lt;a")
    assert trace["hovertemplate"] == "<b>%{y}</b><br>%{customdata[0]}<extra></extra>"
    assert "&lt;a href" in out["layout"]["title"]["text"]


# ---- the download guard ------------------------------------------------------------------------------------


@pytest.mark.parametrize("min_count", [11, 20])
def test_download_blanks_every_small_count_and_keeps_zero(min_count):
    df = pd.DataFrame(
        {
            "area": ["a", "b", "c", "d", "e"],
            "people": [0, 1, min_count - 1, min_count, 500],
            "participants": [None, 5, 12, 30, 0],
            "numerator": [3.0, None, 40.0, 2.0, 11.0],
            "population": [5, 5, 5, 5, 5],  # a published Census figure, not a count the rule is about
        }
    )
    out = downloads.for_viewer(df, min_count)
    assert out["people"].tolist()[0] == 0 and out["people"].tolist()[3:] == [min_count, 500]
    assert out["people"].iloc[1:3].isna().all()
    assert out["participants"].iloc[1] is pd.NA and out["participants"].iloc[4] == 0
    assert pd.isna(out["participants"].iloc[2]) == (12 < min_count)
    assert out["population"].tolist() == [5] * 5
    read = pd.read_csv(io.BytesIO(downloads.csv(df, min_count)))
    small = read[["people", "participants", "numerator"]].apply(lambda c: c.between(1, min_count - 1))
    assert not small.to_numpy().any()


def test_download_neutralises_formulas_in_csv_and_workbook(tmp_path):
    from equity.ingest import org

    frames = {t: pd.DataFrame(columns=cols) for t, cols in org.template_columns().items()}
    frames["partners"] = pd.DataFrame(
        {"partner_id": ["p1", "p2"], "name": ['=HYPERLINK("http://x","c")', "-2+3+cmd|' /C calc'!A0"]}
    ).assign(kind="school")
    book = downloads.read_any(downloads.org_workbook(frames, 11), "t.xlsx")
    assert book["partners"]["name"].tolist() == ['\'=HYPERLINK("http://x","c")', "'-2+3+cmd|' /C calc'!A0"]
    import openpyxl

    path = tmp_path / "t.xlsx"
    path.write_bytes(downloads.org_workbook(frames, 11))
    sheet = openpyxl.load_workbook(path)["partners"]
    assert all(c.data_type == "s" for row in sheet.iter_rows(min_row=2) for c in row)  # no formula cell
    csv = downloads.read_any(downloads.csv(frames["partners"], 11), "p.csv")["p.csv"]
    assert csv["name"].str.startswith("'").all()
