"""A brief a funder can forward: the view on screen as one self-contained HTML file and as a PDF.

A page records what it shows as it draws it (equity.ui: each takeaway, card row, table and chart,
and each chart's citation from its download), so a brief holds exactly what the page shows, in the
page's order, and nothing more: no count the page withholds can reach it. This module turns those
records into the two files, with no Streamlit and nothing fetched:

- HTML: one file, its pictures inline as data: URIs (SVG drawn by equity.brief_figures, the QR code
  by segno), no script, no web font, no link but the one back to the live view. Every text is escaped.
- PDF: laid out with fpdf2 in matplotlib's own DejaVu Sans (no font to fetch), its pictures PNG, its
  text real text (a reader can search and copy it). Text is written as text, never parsed as markup.

The words are in equity.text (the brief's section), the method's words are those downloads use.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import os
import re
from dataclasses import dataclass, field

import pandas as pd

from equity import downloads, i18n, safety, text
from equity.i18n import N_, _

TABLE_ROWS = 25  # rows of a table the brief shows; the rest are counted
# The method's field names, as a download's About sheet names them (text.ABOUT_FIELDS), in the brief's words.
METHOD_FIELDS = {
    "source": N_("Source"),
    "method": N_("Method"),
    "intervals": N_("Intervals"),
    "small_counts": N_("Small counts"),
    "definition": N_("Definition"),
}
assert all(text.ABOUT_FIELDS[k] == v for k, v in METHOD_FIELDS.items())  # noqa: S101 (one wording)


@dataclass
class Block:
    """One thing a page showed, in the order it showed it."""

    kind: str  # "takeaway", "cards", "table" or "chart"
    sentence: str = ""  # a takeaway's sentence
    source: str = ""  # a takeaway's source
    cards: tuple = ()  # (label, value, note) each
    table: pd.DataFrame | None = None
    key: str = ""  # a chart's key (state.PAGE_CHARTS)
    figure: object = None  # a chart's Plotly figure, as drawn
    title: str = ""  # a chart's title, plain text
    subtitle: str = ""  # a chart's source line and key to its marks, plain text


@dataclass
class View:
    """One view of one page, as the brief tells it."""

    page: str  # the page's name in the navigation ('Disparities')
    place: str
    population: float | None
    words: str  # the view's filters in words ('Riverbend · No health insurance · 2024')
    permalink: str
    blocks: list[Block]
    citations: list[downloads.Citation]  # what the view's figures cite (sources, methods)
    min_count: int
    is_demo: bool = False
    as_of: str = ""
    heading: str = ""  # the page's own title, where it drew one

    @property
    def title(self) -> str:
        return self.heading or text.brief_title(self.page, self.place)


@dataclass
class Part:
    """What the brief writes for one block: a chart with the takeaway that leads it, or text alone."""

    kind: str
    block: Block
    takeaway: Block | None = None
    extra: dict = field(default_factory=dict)


def parts(view: View) -> list[Part]:
    """The view's blocks as the brief lays them out: a takeaway just before a chart is that chart's."""
    out: list[Part] = []
    pending: Block | None = None
    for b in view.blocks:
        if b.kind == "takeaway":
            if pending is not None:
                out.append(Part("takeaway", pending))
            pending = b
            continue
        if b.kind == "chart":
            out.append(Part("chart", b, takeaway=pending))
        else:
            if pending is not None:
                out.append(Part("takeaway", pending))
            out.append(Part(b.kind, b))
        pending = None
    if pending is not None:
        out.append(Part("takeaway", pending))
    return out


def plain(value) -> str:
    """A Plotly string the dashboard wrote (a subtitle) as plain text: its own tags out, a line break a
    space."""
    s = str(value or "")
    for tag in safety.PLOTLY_TAGS:
        s = s.replace(tag, " " if tag == "<br>" else "")
    return re.sub(r"\s+", " ", s).strip()


def clean(value) -> str:
    """Text for the brief: invisible characters out, runs of space folded. Still to be escaped for HTML."""
    if value is None or (not isinstance(value, str) and text.is_missing(value)):
        return ""
    return re.sub(r"[ \t]+", " ", safety.strip_invisible(str(value))).strip()


def method_lines(view: View) -> list[tuple[str, str]]:
    """The view's source and method in plain words, (field, line) each, without repeats: each source
    and vintage, crude or age-adjusted, how the intervals were computed, what was withheld and why."""
    f = {k: _(v) for k, v in METHOD_FIELDS.items()}
    seen: set[tuple[str, str]] = set()
    lines: list[tuple[str, str]] = []

    def add(name: str, line: str) -> None:
        line = clean(line)
        if line and (name, line) not in seen:
            seen.add((name, line))
            lines.append((name, line))

    for c in view.citations:
        for source, vintage in c.sources:
            words = _("{source} (vintage {vintage})").format(source=source, vintage=vintage)
            add(f["source"], words if vintage else f"{source}")
    for c in view.citations:
        for line in c.methods:
            add(f["method"], line)
    if any(c.intervals for c in view.citations):
        add(f["intervals"], _(text.BRIEF_INTERVALS))
    add(f["small_counts"], text.small_count_rule(view.min_count))
    for c in view.citations:
        for line in c.definitions:
            add(f["definition"], line)
    return lines


def _qr(link: str):
    import segno

    return segno.make(link, error="m")


def _table_rows(df: pd.DataFrame) -> tuple[list[str], list[list[str]], int]:
    """A table's header and first rows as text, and how many rows were left out."""
    head = [clean(c) for c in df.columns]
    rows = [[clean(v) for v in row] for row in df.head(TABLE_ROWS).itertuples(index=False, name=None)]
    return head, rows, max(0, len(df) - TABLE_ROWS)


# ---- HTML ----------------------------------------------------------------------------------------

CSS = """
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #111; max-width: 52rem;
       margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0.2rem 0; } h2 { font-size: 1.3rem; margin: 1.6rem 0 0.3rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 0.2rem; }
.demo { background: #fff4ce; border: 2px solid #8a6d00; padding: 0.4rem 0.8rem; border-radius: 0.3rem; }
.head { display: flex; gap: 1.2rem; align-items: flex-start; justify-content: space-between; }
.facts { color: #333; } .facts p { margin: 0.15rem 0; }
.qr { width: 8.5rem; text-align: center; font-size: 0.8rem; color: #4a4f55; }
.qr img { width: 8.5rem; height: 8.5rem; }
.takeaway { font-size: 1.15rem; font-weight: 600; margin: 0.3rem 0; }
.cite, .sub { color: #4a4f55; font-size: 0.88rem; font-weight: 400; }
figure { margin: 0.4rem 0 1rem; } figure img { width: 100%; height: auto; }
.cards { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 0.5rem 0; }
.card { border: 1px solid #c9ced6; border-radius: 0.4rem; padding: 0.4rem 0.7rem; min-width: 9rem; }
.card .v { font-size: 1.5rem; font-weight: 700; } .card .n { font-size: 0.85rem; color: #4a4f55; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.4rem 0; }
th, td { border: 1px solid #c9ced6; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
dl.method dt { font-weight: 700; margin-top: 0.4rem; } dl.method dd { margin: 0 0 0 1rem; }
footer { margin-top: 2rem; color: #4a4f55; font-size: 0.85rem; border-top: 1px solid #c9ced6; }
@media print { .view { break-before: page; } .view:first-of-type { break-before: auto; }
               figure, .card, table { break-inside: avoid; } }
"""


def _e(value) -> str:
    """Escaped for HTML text and attributes alike."""
    return html.escape(clean(value), quote=True)


def _data_uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _picture(fig) -> str:
    """A figure as a data: URI."""
    from equity import brief_figures  # matplotlib: loaded when a brief is made, not with every page

    mime, out = brief_figures.picture(fig)
    if mime == "image/svg+xml":
        # The DOCTYPE names an external DTD (no browser fetches it) and matplotlib's comments repeat each
        # label (its text is drawn as shapes): both dropped, so the picture names no address and no label.
        out = re.sub(rb"<!DOCTYPE[^>]*>\s*", b"", out, count=1)
        out = re.sub(rb"<!--.*?-->", b"", out, flags=re.S)
    return _data_uri(mime, out)


def _is_web(link: str) -> bool:
    return bool(re.match(r"https?://[^\s]+$", link))


def _html_view(view: View, made: dt.datetime) -> str:
    out = ['<section class="view">']
    if view.is_demo:
        label, about = _(text.BRIEF_DEMO_LABEL), _(text.DEMO_DOWNLOAD)
        out.append(f'<p class="demo" role="note"><b>{_e(label)}</b> {_e(about)}</p>')
    link = clean(view.permalink)
    qr = _qr(link)
    svg = io.BytesIO()
    qr.save(svg, kind="svg", xmldecl=False, scale=4, border=2, title=None, desc=None)
    qr_img = _data_uri("image/svg+xml", svg.getvalue())
    link_html = (
        f'<a href="{_e(link)}">{_e(link)}</a>' if _is_web(link) else f"<code>{_e(link)}</code>"
    )  # a link only to a web address; a path alone is shown as text
    qr_alt = _(text.BRIEF_QR_ALT)
    facts = [
        f"<p><b>{_e(_(text.BRIEF_VIEW))}</b> {_e(view.words)}</p>",
        f"<p><b>{_e(_(text.BRIEF_PLACE))}</b> {_e(text.brief_place(view.place, view.population))}</p>",
        f"<p><b>{_e(_(text.BRIEF_LIVE))}</b> {link_html}</p>",
        f"<p><b>{_e(_(text.BRIEF_MADE))}</b> {_e(text.brief_made(made))}</p>",
    ]
    out.append(
        f'<div class="head"><div class="facts"><h1>{_e(view.title)}</h1>{"".join(facts)}</div>'
        f'<div class="qr"><img src="{qr_img}" alt="{_e(qr_alt)}">{_e(_(text.BRIEF_QR))}</div></div>'
    )
    for part in parts(view):
        b = part.block
        if part.kind == "takeaway":
            out.append(_html_takeaway(b))
        elif part.kind == "cards":
            cards = "".join(
                f'<div class="card"><div>{_e(label)}</div><div class="v">{_e(value)}</div>'
                + (f'<div class="n">{_e(note)}</div>' if clean(note) else "")
                + "</div>"
                for label, value, note in b.cards
            )
            out.append(f'<div class="cards">{cards}</div>')
        elif part.kind == "table" and b.table is not None and len(b.table.columns):
            head, rows, more = _table_rows(b.table)
            body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in r) + "</tr>" for r in rows)
            out.append(
                "<table><thead><tr>" + "".join(f"<th>{_e(h)}</th>" for h in head) + "</tr></thead>"
                f"<tbody>{body}</tbody></table>"
                + (f'<p class="sub">{_e(text.brief_more_rows(more))}</p>' if more else "")
            )
        elif part.kind == "chart":
            out.append(f"<h2>{_e(b.title)}</h2>")
            if part.takeaway is not None:
                out.append(_html_takeaway(part.takeaway))
            alt = clean(b.title) + (". " + clean(part.takeaway.sentence) if part.takeaway else "")
            img = _picture(b.figure)
            out.append(
                f'<figure><img src="{img}" alt="{_e(alt)}"><figcaption class="sub">{_e(b.subtitle)}'
                "</figcaption></figure>"
            )
    rows = "".join(f"<dt>{_e(name)}</dt><dd>{_e(line)}</dd>" for name, line in method_lines(view))
    out.append(f'<h2>{_e(_(text.BRIEF_METHOD_HEADING))}</h2><dl class="method">{rows}</dl>')
    out.append("</section>")
    return "\n".join(out)


def _html_takeaway(b: Block) -> str:
    cite = source_line(b.source)
    cite = f' <span class="cite">{_e(cite)}</span>' if cite else ""
    return f'<p class="takeaway">{_e(b.sentence)}{cite}</p>'


def source_line(source) -> str:
    """'Source: American Community Survey, 2024.' under a takeaway; empty where it names none."""
    return _("Source: {source}.").format(source=clean(source)) if clean(source) else ""


def build_html(views: list[View], made: dt.datetime | None = None) -> bytes:
    """The brief as one HTML file that needs nothing else: no script, no font, no picture to fetch."""
    made = made or dt.datetime.now(dt.UTC)
    title = views[0].title if len(views) == 1 else text.brief_several(len(views))
    body = "\n".join(_html_view(v, made) for v in views)
    page = (
        f'<!DOCTYPE html>\n<html lang="{i18n.lang()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # Nothing in the file may load anything: no script, style or picture from elsewhere.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">"
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>\n{body}\n"
        f"<footer><p>{_e(text.brief_footer(made))}</p></footer></body></html>\n"
    )
    return page.encode("utf-8")


# ---- PDF -----------------------------------------------------------------------------------------


def _font_dir() -> str:
    import matplotlib

    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf")


class _Pdf:
    """An fpdf2 document in DejaVu Sans, written top to bottom."""

    def __init__(self, made: dt.datetime):
        from fpdf import FPDF

        pdf = FPDF(unit="mm", format="letter")
        pdf.set_margins(16, 14, 16)
        pdf.set_auto_page_break(True, margin=16)
        fonts = _font_dir()
        pdf.add_font("DejaVu", "", os.path.join(fonts, "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", os.path.join(fonts, "DejaVuSans-Bold.ttf"))
        pdf.set_creation_date(made)
        footer = clean(text.brief_footer(made))

        def page_footer():
            pdf.set_y(-11)
            pdf.set_font("DejaVu", "", 7.5)
            pdf.set_text_color(90, 95, 100)
            pdf.cell(0, 4, f"{footer} · {pdf.page_no()}", align="C")

        pdf.footer = page_footer
        self.pdf = pdf
        self.width = pdf.w - pdf.l_margin - pdf.r_margin

    def text(self, words: str, size: float = 10, style: str = "", color=(17, 17, 17), gap: float = 1.2):
        words = clean(words)
        if not words:
            return
        p = self.pdf
        p.set_font("DejaVu", style, size)
        p.set_text_color(*color)
        p.set_x(p.l_margin)
        p.multi_cell(self.width, size * 0.48, words, new_x="LMARGIN", new_y="NEXT", align="L")
        p.ln(gap)

    def need(self, height: float) -> None:
        p = self.pdf
        if p.get_y() + height > p.h - p.b_margin:
            p.add_page()


def _pdf_view(doc: _Pdf, view: View, made: dt.datetime) -> None:
    p = doc.pdf
    p.add_page()
    if view.is_demo:
        p.set_fill_color(255, 244, 206)
        p.set_draw_color(138, 109, 0)
        p.set_font("DejaVu", "B", 9.5)
        p.set_text_color(61, 48, 0)
        p.multi_cell(
            doc.width, 5, clean(f"{_(text.BRIEF_DEMO_LABEL)} {_(text.DEMO_DOWNLOAD)}"), border=1, fill=True,
            new_x="LMARGIN", new_y="NEXT", padding=1.5,
        )  # fmt: skip
        p.ln(2)
    top = p.get_y()
    qr_size = 30
    link = clean(view.permalink)
    png = io.BytesIO()
    _qr(link).save(png, kind="png", scale=6, border=2)
    p.image(
        png, x=p.w - p.r_margin - qr_size, y=top, w=qr_size, h=qr_size, link=link if _is_web(link) else ""
    )
    p.set_xy(p.w - p.r_margin - qr_size, top + qr_size)
    p.set_font("DejaVu", "", 7)
    p.set_text_color(74, 79, 85)
    p.multi_cell(qr_size, 3, clean(_(text.BRIEF_QR)), align="C")
    p.set_xy(p.l_margin, top)
    width = doc.width - qr_size - 4
    p.set_font("DejaVu", "B", 17)
    p.set_text_color(17, 17, 17)
    p.multi_cell(width, 7.5, clean(view.title), new_x="LMARGIN", new_y="NEXT", align="L")
    p.ln(1)
    for label, value in (
        (_(text.BRIEF_VIEW), view.words),
        (_(text.BRIEF_PLACE), text.brief_place(view.place, view.population)),
        (_(text.BRIEF_MADE), text.brief_made(made)),
    ):
        p.set_font("DejaVu", "", 9.5)
        p.multi_cell(width, 4.8, clean(f"{label} {value}"), new_x="LMARGIN", new_y="NEXT", align="L")
    p.set_font("DejaVu", "", 9.5)
    p.multi_cell(
        width, 4.8, clean(f"{_(text.BRIEF_LIVE)} {link}"), new_x="LMARGIN", new_y="NEXT",
        link=link if _is_web(link) else "",
        align="L",
    )  # fmt: skip
    p.set_y(max(p.get_y(), top + qr_size + 8))
    p.ln(2)
    for part in parts(view):
        b = part.block
        if part.kind == "takeaway":
            doc.text(b.sentence, 11.5, "B", gap=0.4)
            if clean(b.source):
                doc.text(source_line(b.source), 8.5, color=(74, 79, 85))
        elif part.kind == "cards":
            _pdf_cards(doc, b.cards)
        elif part.kind == "table" and b.table is not None and len(b.table.columns):
            _pdf_table(doc, b.table)
        elif part.kind == "chart":
            from equity import brief_figures

            picture = brief_figures.png(b.figure)
            w_px, h_px = _png_size(picture)
            h = doc.width * h_px / w_px
            doc.need(14 + h)
            doc.text(b.title, 12.5, "B", gap=0.6)
            if part.takeaway is not None:
                doc.text(part.takeaway.sentence, 11, "B", gap=0.6)
            doc.need(h)
            p.image(io.BytesIO(picture), x=p.l_margin, w=doc.width)
            doc.text(b.subtitle, 8, color=(74, 79, 85), gap=3)
    doc.need(30)
    doc.text(_(text.BRIEF_METHOD_HEADING), 12.5, "B", gap=1)
    for name, line in method_lines(view):
        doc.text(name, 9, "B", gap=0)
        doc.text(line, 9, gap=1.2)


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _pdf_cards(doc: _Pdf, cards) -> None:
    p = doc.pdf
    cards = list(cards)
    if not cards:
        return
    per_row = min(4, len(cards))
    w = (doc.width - 3 * (per_row - 1)) / per_row
    for start in range(0, len(cards), per_row):
        row = cards[start : start + per_row]
        doc.need(24)
        y = p.get_y()
        bottom = y
        for i, (label, value, note) in enumerate(row):
            x = p.l_margin + i * (w + 3)
            p.set_xy(x + 2, y + 1.5)
            p.set_font("DejaVu", "", 8)
            p.set_text_color(51, 51, 51)
            p.multi_cell(w - 4, 3.6, clean(label), new_x="LEFT", new_y="NEXT", align="L")
            p.set_font("DejaVu", "B", 14)
            p.set_text_color(17, 17, 17)
            p.multi_cell(w - 4, 6.5, clean(value), new_x="LEFT", new_y="NEXT", align="L")
            if clean(note):
                p.set_font("DejaVu", "", 7.5)
                p.set_text_color(74, 79, 85)
                p.multi_cell(w - 4, 3.4, clean(note), new_x="LEFT", new_y="NEXT", align="L")
            bottom = max(bottom, p.get_y() + 1.5)
        p.set_draw_color(201, 206, 214)
        for i in range(len(row)):
            p.rect(p.l_margin + i * (w + 3), y, w, bottom - y)
        p.set_xy(p.l_margin, bottom + 3)


def _pdf_table(doc: _Pdf, df: pd.DataFrame) -> None:
    from fpdf.fonts import FontFace

    p = doc.pdf
    head, rows, more = _table_rows(df)
    p.set_font("DejaVu", "", 7.5)
    p.set_text_color(17, 17, 17)
    p.set_draw_color(201, 206, 214)
    p.set_fill_color(255, 255, 255)
    doc.need(20)
    with p.table(
        headings_style=FontFace(emphasis="BOLD", fill_color=(241, 244, 248)),
        line_height=3.6,
        text_align="LEFT",
        width=doc.width,
        first_row_as_headings=True,
    ) as table:
        for r in [head, *rows]:
            row = table.row()
            for v in r:
                row.cell(v[:400])
    p.ln(1)
    if more:
        doc.text(text.brief_more_rows(more), 8, color=(74, 79, 85))
    p.ln(2)


def build_pdf(views: list[View], made: dt.datetime | None = None) -> bytes:
    """The brief as a PDF: a page (or more) for each view, the text selectable, nothing fetched."""
    made = made or dt.datetime.now(dt.UTC)
    doc = _Pdf(made)
    title = views[0].title if len(views) == 1 else text.brief_several(len(views))
    doc.pdf.set_title(clean(title))
    doc.pdf.set_creator("Equity Dashboard")
    for view in views:
        _pdf_view(doc, view, made)
    return bytes(doc.pdf.output())


def file_name(page: str, several: bool = False, made: dt.datetime | None = None) -> str:
    """A brief's file name, without extension: the page and the date ('brief_disparities_2026-12-01')."""
    made = made or dt.datetime.now(dt.UTC)
    page = "views" if several else re.sub(r"[^a-z0-9]+", "_", page.lower()).strip("_")
    return f"brief_{page or 'view'}_{made:%Y-%m-%d}"
