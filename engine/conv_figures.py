"""Figures for the convolution pages: maps as heatmaps (small) or pictures (large), the sliding window."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from PIL import Image

from engine.conv import slide_number
from engine.figures import DIVERGING, FONT_SIZE, SEQUENTIAL, palette, to_uint8

SMALL_SIDE = 16  # up to 16 x 16 every cell shows its value, as on the slides
GAP = 1  # empty cells between the maps of a grid
SIDE = 4  # px left and right of a map
WINDOW_COLOR = "#2ca02c"


CELL_TEXT = FONT_SIZE - 1  # the numbers in a map's cells, px
GRID_TEXT = FONT_SIZE - 4  # the numbers in a mosaic of many maps (maps_grid), px
# widths in ems of the numbers as chromium draws plotly's sans font (DejaVu Sans where Open Sans is not
# installed: digits 0.64, "-" 0.36, "." 0.32), with a little to spare
EMS = {**dict.fromkeys("0123456789", 0.66), "-": 0.4, ".": 0.32, "−": 0.66}
WIDEST = "-0.00"  # the widest number a map of two decimals writes: every such map gets cells for it


@dataclass(frozen=True)
class Room:
    """The room a map has on screen: the column's width in px, the cell size it would like, and whether
    presenter view draws it (pages.widgets.classroom.projector_style writes a heatmap's numbers at
    max(16, 1.4 x) their size). Cells are sized to hold their numbers; numbers that cannot fit are hidden."""

    width: float = 300.0
    cell: float = 40.0
    presenter: bool = False

    def text_px(self, size: float) -> float:
        """The size a heatmap's numbers of `size` px are drawn at in this view."""
        return max(16.0, size * 1.4) if self.presenter else float(size)

    def wanted_cell(self, size: float, text: str = WIDEST) -> float:
        """A cell wide enough for `text` drawn at `size` (before the view enlarges it)."""
        return max(self.cell, text_width(text, self.text_px(size)) + self.text_px(size) / 2)

    def columns(self, share: float, gap: float = 24.0) -> "Room":
        """The room of a column that takes `share` of this one (Streamlit's gaps taken off)."""
        return Room(self.width * share - gap, self.cell, self.presenter)


def view_room(presenter: bool) -> Room:
    """The page's content width: a 1400 px window beside the sidebar, or presenter view at 1920 px (no
    sidebar); on a narrower window the maps shrink with their column (numbers then may crowd)."""
    return Room(1640.0, 40.0, True) if presenter else Room(920.0, 34.0, False)


def text_width(text: str, font_px: float) -> float:
    """About how wide `text` is drawn at `font_px` (digits, signs and points; letters as wide as digits)."""
    return font_px * sum(EMS.get(ch, 0.6) for ch in text)


def text_fits(texts, cell_px: float, font_px: float) -> bool:
    """Whether the widest of `texts` fits a `cell_px` square cell at `font_px`."""
    widest = max((text_width(t, font_px) for t in texts), default=0.0)
    return cell_px >= widest + 3 and cell_px >= 1.2 * font_px


def is_small(values: np.ndarray) -> bool:
    return values.ndim == 2 and max(values.shape) <= SMALL_SIDE


def _palette(signed: bool) -> np.ndarray:
    """One of two fixed 256-colour tables, the same for every user."""
    return palette(DIVERGING if signed else SEQUENTIAL)  # (256, 3)


def picture(values: np.ndarray, min_side: int = 224, max_side: int = 360, gray: bool = False) -> np.ndarray:
    """A map as an RGB picture: one channel in the diverging (signed) or sequential palette (or
    `gray`), three channels as colour; small maps are enlarged with sharp pixels, big ones shrunk
    to what a column shows. (H, W, 3) uint8."""
    values = np.asarray(values, np.float32)
    if gray and values.ndim == 2:
        rgb = np.repeat(to_uint8(values)[:, :, None], 3, axis=2)  # (H, W, 3)
    elif values.ndim == 3:
        rgb = _levels(values)  # (H, W, 3) all channels on one scale
    else:
        rgb = np.take(_palette(True), _levels(values), axis=0)  # (H, W, 3) zero is white
    side = max(rgb.shape[:2])
    if side < min_side:
        scale = int(np.ceil(min_side / side))
        rgb = np.asarray(
            Image.fromarray(rgb).resize(
                (rgb.shape[1] * scale, rgb.shape[0] * scale), Image.Resampling.NEAREST
            )
        )
    elif side > max_side:  # box-average down to what a column shows (fast, keeps thin edges visible)
        rgb = np.asarray(Image.fromarray(rgb).reduce(int(np.ceil(side / max_side))))
    return rgb


def _levels(values: np.ndarray) -> np.ndarray:
    """0..255 with zero at 128; the scale is set by the 99.5th percentile, so a few extreme
    cells (strong edges) do not leave the rest of the map washed out."""
    step = max(1, max(values.shape[:2]) // 128)
    sample = np.abs(values[::step, ::step])  # at most ~128 x 128 cells
    peak = float(np.percentile(sample, 99.5)) or float(np.abs(values).max()) or 1.0
    return ((values / peak + 1.0) * 127.5).clip(0, 255).astype(np.uint8)


def shape_text(values: np.ndarray) -> str:
    """ "7 x 7" or "7 x 7 x 3" (rows x columns x channels)."""
    return " x ".join(str(n) for n in values.shape)


def map_figure(
    values: np.ndarray,
    title: str = "",
    *,
    window: tuple[int, int, int, int] | None = None,
    cell: tuple[int, int] | None = None,
    height: int = 300,
    zrange=None,
    taps: list[tuple[int, int]] | None = None,
    room: Room | None = None,
    colorscale: str = DIVERGING,
) -> go.Figure:
    """A small map with its value in every cell, cut to two decimals as the slides print it (zero white);
    `window` (top, left, bottom, right), `cell` (row, col) and single `taps` outlined. With a `room`, the
    figure is as tall as cells that hold their numbers (or as the column allows) and numbers that would
    not fit are left out (hover still tells them); without one, `height`. Built in one go: every plotly
    `update_*` call re-validates the figure, and a page draws a dozen of these per rerun."""
    values = np.asarray(values, np.float64)
    peak = float(np.abs(values).max()) or 1.0
    decimals = 0 if np.all(values == np.round(values)) else 2
    text = [[slide_number(v, decimals) for v in row] for row in values]
    show_numbers = True
    top = 40 if title else 10
    if room is not None:
        rows, columns = values.shape
        top = (52 if room.presenter else 40) if title else 10
        widest = max((t for line in text for t in line), key=len)  # maps of decimals: one cell size
        side = min(
            room.wanted_cell(CELL_TEXT, widest if decimals == 0 else max(widest, WIDEST, key=len)),
            (room.width - 2 * SIDE) / columns,
        )
        height = int(round(rows * side + top + 10))
        show_numbers = text_fits([t for line in text for t in line], side, room.text_px(CELL_TEXT))
    boxes = [window] if window is not None else []
    boxes += [(r, c, r, c) for r, c in ([cell] if cell is not None else []) + list(taps or [])]
    shapes = [
        dict(
            type="rect",
            x0=left - 0.5,
            x1=right + 0.5,
            y0=top_ - 0.5,
            y1=bottom + 0.5,
            line=dict(color=WINDOW_COLOR, width=4 if window is not None and box is window else 3),
        )
        for box in boxes
        for top_, left, bottom, right in [box]
    ]
    axis = dict(showticklabels=False, showgrid=False, zeroline=False, ticks="")
    lowest, highest = zrange if zrange else (-peak, peak)
    numbers = dict(
        text=text,
        texttemplate="%{text}",
        textfont=dict(size=CELL_TEXT if room else max(9, FONT_SIZE - values.shape[1] // 4)),
    )
    heat = go.Heatmap(
        z=values,
        zmin=lowest,
        zmax=highest,
        colorscale=colorscale,
        showscale=False,
        xgap=1,
        ygap=1,
        hovertemplate="row %{y}, col %{x}: %{z:.3f}<extra></extra>",
        **(numbers if show_numbers else {}),
    )
    return go.Figure(
        heat,
        layout=dict(
            title=dict(text=title, x=0.0, xanchor="left", font=dict(size=FONT_SIZE + 2)),
            height=height,
            font=dict(size=FONT_SIZE),
            margin=dict(l=SIDE, r=SIDE, t=top, b=10),
            shapes=shapes,
            paper_bgcolor="rgba(0,0,0,0)",
            plot_bgcolor="rgba(0,0,0,0)",
            xaxis=dict(axis, constrain="domain"),
            yaxis=dict(axis, autorange="reversed", scaleanchor="x", constrain="domain"),
        ),
    )


def window_figure(
    image: np.ndarray, window, title: str = "", height: int = 300, room: Room | None = None
) -> go.Figure:
    """The input (with the zero padding the window reaches) and the window's taps outlined."""
    h, w = image.shape
    pad = max(
        0,
        -int(window.rows.min()),
        -int(window.cols.min()),
        int(window.rows.max()) - h + 1,
        int(window.cols.max()) - w + 1,
    )
    shown = np.pad(image, pad)  # (H + 2pad, W + 2pad)
    taps = list(zip((window.rows + pad).ravel().tolist(), (window.cols + pad).ravel().tolist()))
    return map_figure(shown, title, height=height, taps=taps, room=room)


def maps_grid(
    rows: dict[str, np.ndarray],
    *,
    unit: tuple[str, int, int, int] | None = None,
    cell_px: int = 18,
    labels: list[str] | None = None,
    annotate_cells: int = 16,
    decimals: int = 1,
    room: Room | None = None,
) -> go.Figure:
    """Many small maps drawn as ONE heatmap (dozens of plotly subplots are slow to paint): one
    row per stage (name -> (C, h, w) maps), one column per channel, empty gaps between; each
    stage's colours are scaled to its own peak (zero is white), hover shows the real values.

    `unit` (stage, channel, row, col) is outlined; maps of up to `annotate_cells` cells show their
    values (cut as the slides do) when their cells can hold them: with a `room`, cells grow to hold
    them as far as the column allows, and numbers are hidden where they still cannot fit."""
    names = list(rows)
    channels = max(m.shape[0] for m in rows.values())
    tile = max(m.shape[2] for m in rows.values())  # column width
    row_heights = [rows[n].shape[1] for n in names]  # each stage only as tall as its maps
    tops = np.cumsum([0] + [h + GAP for h in row_heights])[:-1]
    height, width = int(tops[-1] + row_heights[-1]), channels * (tile + GAP) - GAP
    room = room or Room(1020.0, cell_px)
    texts = {
        n: np.vectorize(lambda v: slide_number(v, decimals), otypes=[object])(np.asarray(rows[n], np.float64))
        for n in names
        if rows[n].shape[1] * rows[n].shape[2] <= annotate_cells
    }
    widest = max((t for block in texts.values() for t in block.ravel()), key=len, default="")
    wanted = max(cell_px, room.wanted_cell(GRID_TEXT, widest)) if texts else cell_px
    label_px = text_width(max(names, key=len), FONT_SIZE * (1.5 if room.presenter else 1)) * 0.9
    pixels = min(wanted, (room.width - 20 - label_px) / width)
    show = text_fits([t for block in texts.values() for t in block.ravel()], pixels, room.text_px(GRID_TEXT))
    colour = np.full((height, width), np.nan)
    info = np.full((height, width, 4), np.nan)  # value, map, row, col for hover
    text = np.full((height, width), "", dtype=object)
    for r, name in enumerate(names):
        maps = np.asarray(rows[name], np.float64)
        peak = float(np.abs(maps).max()) or 1.0
        for c in range(maps.shape[0]):
            h, w = maps[c].shape
            top, left = int(tops[r]), c * (tile + GAP)
            colour[top : top + h, left : left + w] = maps[c] / peak
            info[top : top + h, left : left + w] = np.dstack(
                [maps[c], np.full((h, w), c), *np.mgrid[0:h, 0:w]]
            )
            if show and name in texts:
                text[top : top + h, left : left + w] = texts[name][c]
    annotated = show and bool(texts)
    # numbers only in customdata: plotly copies and cleans object arrays cell by cell (slow)
    heat = go.Heatmap(
        z=colour,
        zmin=-1,
        zmax=1,
        colorscale=DIVERGING,
        showscale=False,
        customdata=info,
        text=text.tolist() if annotated else None,
        texttemplate="%{text}" if annotated else None,
        textfont=dict(size=GRID_TEXT),
        hoverongaps=False,
        hovertemplate="map %{customdata[1]} · row %{customdata[2]}, col %{customdata[3]}: "
        "%{customdata[0]:.3f}<extra></extra>",
    )
    shapes = []
    if unit is not None and unit[0] in names:
        top, left = int(tops[names.index(unit[0])]) + unit[2], unit[1] * (tile + GAP) + unit[3]
        shapes.append(
            dict(
                type="rect",
                x0=left - 0.5,
                x1=left + 0.5,
                y0=top - 0.5,
                y1=top + 0.5,
                line=dict(color=WINDOW_COLOR, width=3),
            )
        )
    return go.Figure(
        heat,
        layout=dict(  # one go: each update_* call would re-validate the figure
            height=int(height * pixels + (80 if room.presenter else 60)),
            font=dict(size=FONT_SIZE),
            margin=dict(l=10, r=10, t=30, b=10),
            paper_bgcolor="rgba(0,0,0,0)",
            plot_bgcolor="rgba(0,0,0,0)",
            shapes=shapes,
            xaxis=dict(
                tickvals=[c * (tile + GAP) + (tile - 1) / 2 for c in range(channels)],
                ticktext=labels or [str(c) for c in range(channels)],
                side="top",
                showgrid=False,
                zeroline=False,
                constrain="domain",
            ),
            yaxis=dict(
                tickvals=[t + (h - 1) / 2 for t, h in zip(tops, row_heights)],
                ticktext=names,
                autorange="reversed",
                scaleanchor="x",
                showgrid=False,
                zeroline=False,
                constrain="domain",
            ),
        ),
    )
