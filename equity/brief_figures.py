"""The brief's pictures: the page's own Plotly figures redrawn with matplotlib, without a browser.

Plotly's static export (kaleido) needs a Chrome it downloads, which an offline machine cannot do
(METHODS.md, "Static export and PDF"). The dashboard's figures use a handful of trace types (dots with
intervals, lines, bars, a grid, an area map with sites), so they are redrawn here from the figure the
page drew: its data, colours, marks, axes and legend, one rule for every chart, with no page's code.

Text in a figure comes from loaded files. It is drawn as plain text: the dashboard's own tags (<br>,
<b>, ...) are taken out, entities put back, and a dollar sign cannot start matplotlib's math.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re

import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MultipleLocator

from equity import safety

WIDTH_IN = 7.6  # inches: the width of the brief's column
DPI = 170  # for the PDF's pictures: sharp in print, small enough to mail
FONT = "DejaVu Sans"  # matplotlib's own font: no font to fetch
INK = "#111111"
GRID = "#d9dde3"

_TAG = re.compile(r"</?(b|i|sup|extra|span)[^>]*>")


def plain(value) -> str:
    """A string of a (possibly escaped) Plotly figure as plain text: tags out, line breaks as new lines,
    entities back, invisible characters out, and a '$' that cannot open matplotlib's math."""
    if value is None:
        return ""
    s = html.unescape(str(value)).replace("<br>", "\n")
    s = _TAG.sub("", s)
    s = "\n".join(safety.strip_invisible(line).strip() for line in s.split("\n"))
    return s.replace("\\", "\\\\").replace("$", r"\$")


# Plotly marker symbols and dashes as matplotlib draws them.
_MARKERS = {
    "circle": "o",
    "diamond": "D",
    "square": "s",
    "triangle-up": "^",
    "x": "x",
    "cross": "P",
}
_DASHES = {"dash": (0, (5, 3)), "dot": (0, (1, 2)), "dashdot": (0, (5, 2, 1, 2)), "solid": "-", None: "-"}
_HATCH = {"/": "//", "\\": "\\\\", "x": "xx", "-": "--", "|": "||", "+": "++", ".": "..", "": None}


def _marker(symbol) -> tuple[str, bool]:
    """(matplotlib marker, hollow) for a Plotly symbol name."""
    s = str(symbol or "circle")
    hollow = s.endswith("-open")
    return _MARKERS.get(s.removesuffix("-open"), "o"), hollow


def _color(value, default=INK):
    """A Plotly colour as matplotlib takes it (rgba() strings included)."""
    if value is None:
        return default
    s = str(value).strip()
    m = re.fullmatch(r"rgba?\(([^)]*)\)", s)
    if m:
        parts = [float(p) for p in m.group(1).split(",")]
        rgb = [p / 255 for p in parts[:3]]
        return (*rgb, parts[3] if len(parts) > 3 else 1.0)
    return s


def _seq(value, n: int) -> list:
    """A per-point property as a list of ``n`` (a scalar repeated)."""
    if value is None:
        return [None] * n
    if isinstance(value, str) or np.isscalar(value):
        return [value] * n
    out = _values(value)
    return (out + [out[-1] if out else None] * n)[:n]


def _values(v) -> list:
    """A trace's array as a list. Plotly may hold a numeric array in its typed-array form, a dict of
    ``dtype`` and base64 ``bdata`` (and ``shape``), once a figure has been through JSON (a cached one)."""
    if v is None:
        return []
    if isinstance(v, dict) and "bdata" in v:
        data = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v.get("dtype", "f8")))
        shape = v.get("shape")
        if shape:
            data = data.reshape([int(n) for n in str(shape).split(",")] if isinstance(shape, str) else shape)
        return data.tolist()
    return list(v)


class _Axis:
    """Category positions of one axis, as Plotly orders them: the category array if given, else the
    order in which the traces first name each category."""

    def __init__(self, layout_axis, traces_values: list[list]):
        self.axis = layout_axis
        values = [v for vs in traces_values for v in vs if v is not None]
        # Dates (a month's result, a milestone's day) are a time axis, as Plotly draws them.
        self.dates = layout_axis.type == "date" or any(
            isinstance(v, (dt.date, np.datetime64)) for v in values
        )
        self.categorical = not self.dates and (
            layout_axis.type == "category" or any(isinstance(v, str) for v in values)
        )
        order = []
        if self.categorical:
            given = layout_axis.categoryarray if layout_axis.categoryorder == "array" else None
            for v in list(given or ()) + values:
                if str(v) not in order:
                    order.append(str(v))
        self.order = order
        self.pos = {c: i for i, c in enumerate(order)}

    def map(self, values) -> np.ndarray:
        if self.dates:
            when = pd.to_datetime(pd.Series(list(values), dtype=object), errors="coerce")
            return np.asarray([np.nan if pd.isna(t) else mdates.date2num(t) for t in when], float)
        if not self.categorical:
            return np.asarray([np.nan if v is None else v for v in values])
        return np.asarray([self.pos.get(str(v), np.nan) if v is not None else np.nan for v in values], float)


def _format(axis) -> FuncFormatter | None:
    fmt, prefix = axis.tickformat or "", axis.tickprefix or ""
    if fmt.endswith("%"):
        places = int(fmt[fmt.index(".") + 1 : -1]) if "." in fmt else 0
        return FuncFormatter(lambda v, _: f"{v * 100:.{places}f}%")
    if fmt in (",.0f", ",d", "d") or prefix:
        sep = "," if "," in fmt else ""
        return FuncFormatter(lambda v, _: f"{prefix}{v:{sep}.0f}".replace(r"$", r"\$"))
    return None


def _date_format(locator):
    """Dates on an axis: matplotlib's concise labels in English; in another language the months in its
    own words (matplotlib's come from the C locale, in English), 'mar 2026', or the day where ticks are
    days apart."""
    from equity import i18n

    if i18n.lang() == "en":
        return mdates.ConciseDateFormatter(locator)

    def label(value, _pos):
        when = mdates.num2date(value).date()
        return plain(i18n.date(when, "MMM y" if when.day == 1 else "d MMM"))

    return FuncFormatter(label)


def _style_axis(ax, which: str, layout_axis, cats: _Axis) -> None:
    setter = ax.set_xlabel if which == "x" else ax.set_ylabel
    title = layout_axis.title.text if layout_axis.title else None
    if title:
        setter(plain(title), fontsize=9)
    target = ax.xaxis if which == "x" else ax.yaxis
    if cats.categorical:
        ticks = list(range(len(cats.order)))
        labels = [plain(c) for c in cats.order]
        (ax.set_xticks if which == "x" else ax.set_yticks)(ticks, labels)
        lim = (-0.6, len(cats.order) - 0.4)
        (ax.set_xlim if which == "x" else ax.set_ylim)(*lim)
    else:
        if layout_axis.range is not None and None not in layout_axis.range:
            (ax.set_xlim if which == "x" else ax.set_ylim)(*layout_axis.range)
        elif layout_axis.rangemode == "tozero":
            lo, hi = ax.get_xlim() if which == "x" else ax.get_ylim()
            (ax.set_xlim if which == "x" else ax.set_ylim)(min(0, lo), max(hi, 0))
        if cats.dates:
            locator = mdates.AutoDateLocator()
            target.set_major_locator(locator)
            target.set_major_formatter(_date_format(locator))
        elif layout_axis.dtick == 1:
            target.set_major_locator(MultipleLocator(1))
        formatter = _format(layout_axis)
        if formatter is not None:
            target.set_major_formatter(formatter)
    if layout_axis.autorange == "reversed":
        (ax.invert_xaxis if which == "x" else ax.invert_yaxis)()
    if layout_axis.side == "top":
        target.tick_top()
        target.set_label_position("top")
    ax.tick_params(axis=which, labelsize=8.5)
    if which == "x" and cats.categorical and max((len(c) for c in cats.order), default=0) > 12:
        for t in ax.get_xticklabels():
            t.set_wrap(True)


def _scatter(ax, tr, xa: _Axis, ya: _Axis, legend: list) -> None:
    x, y = xa.map(_values(tr.x)), ya.map(_values(tr.y))
    n = len(x)
    mode = tr.mode or ("markers" if n > 20 else "lines+markers")
    line_color = _color(tr.line.color if tr.line else None, "#0b5394")
    marker = tr.marker
    colors = _seq(marker.color if marker else None, n)
    colors = [_color(c, line_color) for c in colors]
    symbols = _seq(marker.symbol if marker else None, n)
    sizes = _seq(marker.size if marker and marker.size is not None else 8, n)
    opac = _seq(marker.opacity if marker and marker.opacity is not None else 1.0, n)
    edge_given = marker.line.color if marker and marker.line and marker.line.color is not None else None
    edges = [None if e is None else _color(e) for e in _seq(edge_given, n)]
    if "lines" in mode and n:
        ax.plot(
            x,
            y,
            color=line_color,
            linewidth=(tr.line.width or 2) * 0.6,
            linestyle=_DASHES.get(tr.line.dash, "-"),
            zorder=2,
        )
    for err, horizontal in ((tr.error_x, True), (tr.error_y, False)):
        if err is None or err.array is None or not n:
            continue
        plus = np.asarray(_values(err.array), float)
        minus = np.asarray(_values(err.arrayminus), float) if err.arrayminus is not None else plus
        kw = dict(fmt="none", ecolor=_color(err.color, line_color), elinewidth=(err.thickness or 2) * 0.6)
        kw["capsize"] = (err.width or 4) * 0.5
        if horizontal:
            ax.errorbar(x, y, xerr=[minus, plus], zorder=3, **kw)
        else:
            ax.errorbar(x, y, yerr=[minus, plus], zorder=3, **kw)
    if "markers" in mode:
        # Points that look alike are drawn together: one line object per look, not one per point.
        looks: dict[tuple, list[int]] = {}
        for i in range(n):
            m, hollow = _marker(symbols[i])
            c = colors[i]
            face = "none" if hollow or m == "x" else c
            edge_i = c if (hollow or m == "x" or edges[i] is None) else edges[i]
            alpha = float(opac[i] if opac[i] is not None else 1.0)
            looks.setdefault((m, str(face), str(edge_i), float(sizes[i] or 8), alpha), []).append(i)
        for (m, face, edge_i, size, alpha), idx in looks.items():
            ax.plot(
                x[idx],
                y[idx],
                marker=m,
                linestyle="none",
                markersize=size * 0.55,
                markerfacecolor=_color(face) if face != "none" else "none",
                markeredgecolor=_color(edge_i),
                markeredgewidth=1.3,
                alpha=alpha,
                zorder=4,
                clip_on=tr.cliponaxis is not False,
            )
    if tr.showlegend is not False and tr.name:
        m, hollow = _marker(symbols[0] if n else None)
        legend.append(
            Line2D(
                [],
                [],
                color=line_color if "lines" in mode else colors[0] if n else line_color,
                marker=m if "markers" in mode else None,
                markerfacecolor="none" if hollow else (colors[0] if n else line_color),
                linestyle=_DASHES.get(tr.line.dash, "-") if "lines" in mode else "none",
                label=plain(tr.name),
            )
        )


def _bars(ax, bars: list, layout, xa: _Axis, ya: _Axis, legend: list) -> None:
    """Bar traces, stacked, grouped or overlaid as the layout says."""
    mode = layout.barmode or "group"
    group = [b for b in bars]
    k = len(group) if mode == "group" else 1
    width = (1 - (layout.bargap if layout.bargap is not None else 0.2)) / k
    stacks: dict[float, float] = {}
    for j, tr in enumerate(group):
        horizontal = tr.orientation == "h"
        cats = ya if horizontal else xa
        pos = cats.map(_values(tr.y if horizontal else tr.x))
        vals = np.asarray([np.nan if v is None else v for v in _values(tr.x if horizontal else tr.y)], float)
        offset = (j - (k - 1) / 2) * width if mode == "group" else 0.0
        base = np.asarray([stacks.get(p, 0.0) for p in pos]) if mode == "stack" else np.zeros(len(pos))
        marker = tr.marker
        # One colour, or one per bar (Plotly takes either; a tuple of colours is not one colour).
        colors = [_color(c, "#0b5394") for c in _seq(marker.color if marker else None, len(pos))]
        shape = marker.pattern.shape if marker and marker.pattern else ""
        edge = _color(marker.line.color, INK) if marker and marker.line and marker.line.color else "none"
        kw = dict(color=colors, edgecolor=edge, linewidth=0.6, hatch=_HATCH.get(shape or "", None), zorder=2)
        if horizontal:
            drawn = ax.barh(pos + offset, np.nan_to_num(vals), height=width, left=base, **kw)
        else:
            drawn = ax.bar(pos + offset, np.nan_to_num(vals), width=width, bottom=base, **kw)
        if mode == "stack":
            for p, v in zip(pos, vals, strict=True):
                stacks[p] = stacks.get(p, 0.0) + (0 if np.isnan(v) else v)
        labels = [plain(t) for t in _seq(tr.text, len(pos))] if tr.text is not None else None
        if labels and any(labels):
            inside = tr.textposition in ("inside", "auto", None)
            ink = _color(tr.textfont.color, INK) if tr.textfont and tr.textfont.color else INK
            ax.bar_label(
                drawn,
                labels=labels,
                label_type="center" if inside and mode == "stack" else "edge",
                padding=2,
                fontsize=7.5,
                color=ink if mode == "stack" else INK,
            )
        if tr.showlegend is not False and tr.name and len(bars) > 1:
            legend.append(
                Patch(
                    facecolor=colors[0] if colors else "#0b5394",
                    edgecolor=edge,
                    hatch=_HATCH.get(shape or ""),
                    label=plain(tr.name),
                )
            )


def _heatmap(ax, tr) -> None:
    z = np.asarray([[np.nan if v is None else v for v in _values(row)] for row in _values(tr.z)], float)
    scale = tr.colorscale or ()
    zmin, zmax = (
        tr.zmin if tr.zmin is not None else np.nanmin(z),
        tr.zmax if tr.zmax is not None else np.nanmax(z),
    )

    def color_of(v):
        if np.isnan(v):
            return "#ffffff"
        t = (v - zmin) / ((zmax - zmin) or 1)
        chosen = scale[0][1] if scale else "#cccccc"
        for stop, c in scale:
            if t >= stop:
                chosen = c
        return _color(chosen)

    xs = [plain(v) for v in _values(tr.x)]
    ys = [plain(v) for v in _values(tr.y)]
    texts = tr.text
    for i in range(len(ys)):
        for j in range(len(xs)):
            v = z[i, j]
            c = color_of(v)
            ax.add_patch(_rect(j, i, c))
            if texts is not None and not np.isnan(v):
                dark = zmax and v >= zmin + 0.7 * (zmax - zmin)
                ax.text(j, i, plain(texts[i][j]), ha="center", va="center", fontsize=6.5,
                        color="white" if dark else INK)  # fmt: skip
    ax.set_xticks(range(len(xs)), [x.replace(" ", "\n", 2) for x in xs], fontsize=7)
    ax.set_yticks(range(len(ys)), ys, fontsize=7.5)
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylim(len(ys) - 0.5, -0.5)
    ax.xaxis.tick_top()
    for s in ax.spines.values():
        s.set_visible(False)
    ax.tick_params(length=0)


def _rect(x, y, color):
    from matplotlib.patches import Rectangle

    return Rectangle((x - 0.47, y - 0.47), 0.94, 0.94, facecolor=color, edgecolor="none")


def _rings(geometry: dict) -> list[list]:
    """Exterior and interior rings of a GeoJSON (Multi)Polygon, as lists of (lon, lat)."""
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return [ring for poly in polys for ring in poly[:1]]


def _map(ax, traces: list, layout, legend: list) -> None:
    """The area map: each Choroplethmap trace's areas in its colour, sites as dots; lon/lat drawn with
    the latitude's scale, no tiles."""
    lats = []
    for tr in traces:
        if tr.type == "choroplethmap" and tr.geojson:
            scale = tr.colorscale or ((0, "#cccccc"), (1, "#cccccc"))
            color = _color(scale[-1][1])
            if isinstance(color, tuple) and len(color) == 4 and color[3] == 0:
                width = (tr.marker.line.width or 1) * 0.5 if tr.marker and tr.marker.line else 1
                face, edge = "none", _color(tr.marker.line.color, INK)
            else:
                face, edge, width = color, "white", 0.25
            polys = [ring for f in tr.geojson["features"] for ring in _rings(f.get("geometry") or {})]
            for ring in polys[:200]:
                lats.extend(p[1] for p in ring[:: max(1, len(ring) // 8)])
            alpha = tr.marker.opacity if tr.marker and tr.marker.opacity is not None else 1.0
            ax.add_collection(
                PolyCollection(polys, facecolors=face, edgecolors=edge, linewidths=width, alpha=alpha)
            )
            if tr.showlegend is not False and tr.name and face != "none":
                legend.append(Patch(facecolor=face, alpha=alpha, edgecolor="#999", label=plain(tr.name)))
        elif tr.type == "scattermap":
            color = _color(tr.marker.color if tr.marker else None, "#0b5394")
            ax.plot(_values(tr.lon), _values(tr.lat), "o", color=color, markeredgecolor="white", markersize=5)
            if tr.name:
                legend.append(Line2D([], [], marker="o", linestyle="none", color=color, label=plain(tr.name)))
    ax.autoscale_view()
    mid = np.nanmean(lats) if lats else 40.0
    view = layout.map
    if view is not None and view.center is not None and view.center.lon is not None and view.zoom is not None:
        # The window the page's map opens on (equity.maps.fit_view: about 560 pixels wide, the height less
        # 140), not every shape's extent: the nation's counties reach over the antimeridian to Guam.
        mid = float(view.center.lat)
        per_degree = 512 * 2 ** float(view.zoom) / 360
        half_lon = 560 / per_degree / 2
        half_lat = max((layout.height or 600) - 140, 200) / per_degree / 2 * np.cos(np.radians(mid))
        ax.set_xlim(float(view.center.lon) - half_lon, float(view.center.lon) + half_lon)
        ax.set_ylim(mid - half_lat, mid + half_lat)
    ax.set_aspect(1 / max(np.cos(np.radians(mid)), 0.1))
    ax.set_axis_off()


def _shapes(ax, layout, ya: _Axis, xa: _Axis) -> None:
    for shape in layout.shapes or ():
        if shape.type != "line":
            continue
        color = _color(shape.line.color, INK) if shape.line else INK
        style = _DASHES.get(shape.line.dash if shape.line else None, "-")
        # A line's place on its axis as the axis maps its values (a date, a category, a number).
        if shape.x0 == shape.x1 and shape.x0 is not None:
            ax.axvline(float(xa.map([shape.x0])[0]), color=color, linestyle=style, linewidth=1.2, zorder=1)
        elif shape.y0 == shape.y1 and shape.y0 is not None:
            ax.axhline(float(ya.map([shape.y0])[0]), color=color, linestyle=style, linewidth=1.2, zorder=1)


def _annotations(ax, layout, xa: _Axis, ya: _Axis) -> None:
    for a in layout.annotations or ():
        words = plain(a.text)
        if not words:
            continue
        color = _color(a.font.color, "#5f6368") if a.font and a.font.color else "#5f6368"
        paper_x, paper_y = a.xref == "paper", a.yref == "paper"
        x = a.x if paper_x else (xa.map([a.x])[0] if a.x is not None else 0)
        y = a.y if paper_y else (ya.map([a.y])[0] if a.y is not None else 0)
        if paper_x or paper_y:
            transform = ax.get_xaxis_transform() if paper_y and not paper_x else ax.transAxes
            if paper_x and not paper_y:
                transform = ax.get_yaxis_transform()
        else:
            transform = ax.transData
        ax.text(
            x,
            y,
            words,
            transform=transform,
            ha={"left": "left", "right": "right"}.get(a.xanchor, "center"),
            va="bottom" if a.yanchor == "bottom" else "center",
            fontsize=7.5,
            color=color,
            style="italic" if "<i>" in str(a.text) or "&lt;i&gt;" in str(a.text) else "normal",
        )


def draw(fig) -> Figure:
    """A matplotlib Figure of a dashboard Plotly figure: its marks, axes and legend (its title and
    subtitle are the brief's own text, not part of the picture)."""
    layout = fig.layout
    traces = list(fig.data)
    height_px = layout.height or 420
    is_map = any(t.type in ("choroplethmap", "scattermap") for t in traces)
    height = min(9.0, max(2.4, (height_px - 60) / 110)) if not is_map else 5.2
    out = Figure(figsize=(WIDTH_IN, height), layout="constrained")
    ax = out.add_subplot()
    ax.set_facecolor("white")
    legend: list = []
    if is_map:
        _map(ax, traces, layout, legend)
        if legend:
            out.legend(handles=legend, loc="outside right upper", fontsize=7.5, frameon=False)
        return out
    if any(t.type == "heatmap" for t in traces):
        _heatmap(ax, next(t for t in traces if t.type == "heatmap"))
        return out
    xa = _Axis(layout.xaxis, [_values(t.x) for t in traces if hasattr(t, "x")])
    ya = _Axis(layout.yaxis, [_values(t.y) for t in traces if hasattr(t, "y")])
    bars = [t for t in traces if t.type == "bar"]
    if bars:
        _bars(ax, bars, layout, xa, ya, legend)
    for tr in traces:
        if tr.type == "scatter":
            _scatter(ax, tr, xa, ya, legend)
    _shapes(ax, layout, ya, xa)
    _annotations(ax, layout, xa, ya)
    _style_axis(ax, "x", layout.xaxis, xa)
    _style_axis(ax, "y", layout.yaxis, ya)
    ax.grid(True, color=GRID, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(legend) > 1 or (legend and layout.showlegend):
        out.legend(
            handles=legend, loc="outside lower left", ncols=min(3, len(legend)), fontsize=7.5, frameon=False
        )
    return out


def svg(fig) -> bytes:
    """The figure as SVG, its text drawn as shapes (no font to load, no text to run)."""
    buf = io.BytesIO()
    # No metadata: it would name matplotlib's web site, a date and RDF namespaces, none of them needed.
    draw(fig).savefig(
        buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None}
    )
    return buf.getvalue()


SVG_SHAPES = 600  # areas on a map beyond which a picture is smaller as PNG than as SVG


def shapes(fig) -> int:
    """How many areas a figure's map draws."""
    return sum(len(t.geojson["features"]) for t in fig.data if t.type == "choroplethmap" and t.geojson)


def picture(fig) -> tuple[str, bytes]:
    """The figure for a web page: (MIME type, bytes), SVG, or PNG where a map has many areas."""
    if shapes(fig) > SVG_SHAPES:
        return "image/png", png(fig, dpi=140)
    return "image/svg+xml", svg(fig)


def png(fig, dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    draw(fig).savefig(buf, format="png", dpi=dpi, metadata={"Software": None})  # no web address in it
    return buf.getvalue()
