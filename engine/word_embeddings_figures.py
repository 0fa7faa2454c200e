"""Figures for word embeddings: the live 2-D map, E with one row picked out, the distance tables,
the fill-in."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from engine.figures import FONT_SIZE, bars, heatmap, layout_dict
from engine.word_corpus import SLIDE_WORDS

SLIDE_COLORS = {
    "man": "#1f5fbf",
    "woman": "#d62728",
    "king": "#0b3a82",
    "queen": "#9b1c1c",
    "apple": "#2e9e5b",
    "orange": "#f07f02",
}
OTHER = "#9aa5b1"
ARROWS = (("man", "woman"), ("king", "queen"))  # the gender offset twice: parallel once it is learned
MAP_HEIGHT = 460
MAP_MARGIN = dict(l=60, r=10, t=40, b=55)  # fixed, so the plot's size in pixels is known for the labels
_POSITIONS = (
    "middle right",
    "middle left",
    "top center",
    "bottom center",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)


def _label_boxes(
    x: float, y: float, width: float, height: float, gap: float = 6.0
) -> list[tuple[float, float, float, float]]:
    """The box (x0, y0, x1, y1) a label of this size takes in each of _POSITIONS around a point (pixels)."""
    corner = gap * 0.6
    return [
        (x + gap, y - height / 2, x + gap + width, y + height / 2),
        (x - gap - width, y - height / 2, x - gap, y + height / 2),
        (x - width / 2, y + gap, x + width / 2, y + gap + height),
        (x - width / 2, y - gap - height, x + width / 2, y - gap),
        (x + corner, y + corner, x + corner + width, y + corner + height),
        (x - corner - width, y + corner, x - corner, y + corner + height),
        (x + corner, y - corner - height, x + corner + width, y - corner),
        (x - corner - width, y - corner - height, x - corner, y - corner),
    ]


def place_labels(
    pixels: np.ndarray,
    labels: Sequence[str],
    size: tuple[float, float],
    scale: float = 1.0,
    always: int = 0,
    radius: float = 5.0,
    big: int = 0,
) -> list[str | None]:
    """For each point (in the order given, most important first) a text position where its label
    overlaps no other point and no label placed before it, or None: that word shows as a dot, its name
    on hover. The first `always` labels are placed in any case, the first `big` are in bigger bold type
    round bigger markers. `pixels` and `size` are in screen pixels."""
    width, height = size
    radii = np.where(np.arange(len(labels)) < big, radius * 1.6, radius)  # (n,)
    dots = np.column_stack([pixels - radii[:, None], pixels + radii[:, None]])  # (n, 4) x0, y0, x1, y1
    placed = np.zeros((0, 4))
    positions: list[str | None] = []
    for i, ((x, y), text) in enumerate(zip(pixels, labels)):
        char, line = (9.6 * scale, 19.0 * scale) if i < big else (7.2 * scale, 15.0 * scale)
        others = np.delete(dots, i, axis=0)
        boxes = _label_boxes(x, y, char * len(text), line, gap=radii[i] + 2)
        chosen = None
        for position, box in zip(_POSITIONS, boxes):
            inside = 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height
            if (inside or i < always) and not _overlaps(placed, box) and not _overlaps(others, box):
                chosen = (position, box)
                break
        if chosen is None and i < always:
            chosen = min(
                zip(_POSITIONS, boxes),
                key=lambda pair: (_overlaps(placed, pair[1]), _overlaps(others, pair[1])),
            )
        positions.append(None if chosen is None else chosen[0])
        if chosen is not None:
            placed = np.vstack([placed, chosen[1]])
    return positions


def _overlaps(boxes: np.ndarray, box) -> bool:
    return bool(len(boxes)) and bool(
        np.any(
            (boxes[:, 0] < box[2]) & (box[0] < boxes[:, 2]) & (boxes[:, 1] < box[3]) & (box[1] < boxes[:, 3])
        )
    )


def _ranges(points: np.ndarray) -> tuple[list[float], list[float]]:
    low, high = points.min(0), points.max(0)
    pad = np.maximum((high - low) * 0.08, 1e-6)
    return [float(low[0] - pad[0]), float(high[0] + pad[0])], [
        float(low[1] - pad[1]),
        float(high[1] + pad[1]),
    ]


def shown_words(words: Sequence[str], extra: Sequence[str] = (), most: int = 80) -> list[int]:
    """The rows a figure shows: the slide's words and `extra` first (in that order), then the
    most frequent."""
    index = {w: i for i, w in enumerate(words)}
    first = [index[w] for w in (*SLIDE_WORDS, *extra) if w in index]
    rest = [i for i in range(min(len(words), most)) if i not in first]
    return list(dict.fromkeys(first + rest))


def embedding_map(
    points: np.ndarray,
    words: Sequence[str],
    step: int,
    *,
    width: int = 640,
    scale: float = 1.0,
    height: int = MAP_HEIGHT,
) -> go.Figure:
    """The live map: E's rows on its two main directions, the slide's six words in colour, arrows man ->
    woman and king -> queen. `width` is the chart's width on screen and `scale` its text's size, for placing
    the labels apart. Built unvalidated from plain dicts: it is redrawn several times a second in training."""
    rows = shown_words(words)
    xy = points[rows]  # (n, 2)
    (x0, x1), (y0, y1) = xrange, yrange = _ranges(xy)
    margin = {side: value * scale for side, value in MAP_MARGIN.items()}
    size = (width - margin["l"] - margin["r"], height - margin["t"] - margin["b"])
    pixels = np.column_stack([(xy[:, 0] - x0) / (x1 - x0) * size[0], (xy[:, 1] - y0) / (y1 - y0) * size[1]])
    labels = [words[i] for i in rows]
    slide = sum(w in SLIDE_COLORS for w in labels)  # shown_words puts them first
    positions = place_labels(pixels, labels, size, scale, always=slide, big=slide)
    others = [k for k, w in enumerate(labels) if w not in SLIDE_COLORS]
    traces = [
        dict(
            type="scatter",
            x=xy[others, 0],
            y=xy[others, 1],
            mode="markers+text",
            name="other words",
            text=[labels[k] if positions[k] else "" for k in others],
            textposition=[positions[k] or "top center" for k in others],
            hovertext=[labels[k] for k in others],
            hoverinfo="text",
            marker=dict(size=7, color=OTHER),
            textfont=dict(size=FONT_SIZE - 2, color="#5b6570"),
        )
    ]
    for k, word in enumerate(labels):
        if word in SLIDE_COLORS:
            traces.append(
                dict(
                    type="scatter",
                    x=[xy[k, 0]],
                    y=[xy[k, 1]],
                    mode="markers+text",
                    name=word,
                    text=[f"<b>{word}</b>"],
                    textposition=positions[k],
                    hovertext=[word],
                    hoverinfo="text",
                    showlegend=False,
                    marker=dict(size=14, color=SLIDE_COLORS[word], line=dict(color="white", width=1)),
                    textfont=dict(size=FONT_SIZE + 2, color=SLIDE_COLORS[word]),
                )
            )
    where = {w: xy[k] for k, w in enumerate(labels)}
    arrows = [
        dict(
            x=float(where[b][0]),
            y=float(where[b][1]),
            ax=float(where[a][0]),
            ay=float(where[a][1]),
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            text="",
            showarrow=True,
            arrowhead=2,
            arrowwidth=2,
            arrowcolor="#6b7280",
            standoff=8,
            startstandoff=8,
        )
        for a, b in ARROWS
        if a in where and b in where
    ]
    layout = layout_dict(
        f"E on its two main directions (PCA) · step {step:,}",
        height,
        showlegend=False,
        annotations=arrows,
        xaxis=dict(range=xrange, title=dict(text="principal component 1"), zeroline=False),
        yaxis=dict(range=yrange, title=dict(text="principal component 2"), zeroline=False),
    )
    layout["margin"] = dict(MAP_MARGIN, autoexpand=False)
    return go.Figure(dict(data=traces, layout=layout), _validate=False)


def one_hot_vs_embedding(table: np.ndarray, words: Sequence[str], title: str, decimals: int = 2) -> go.Figure:
    """A small annotated table of distances or cosines between the slide's words."""
    fig = heatmap(
        table,
        title,
        x_labels=list(words),
        y_labels=list(words),
        signed=False,
        zrange=(0.0, max(1.5, float(table.max()))),
        annotate=True,
        decimals=decimals,
        colorbar=False,
        height=320,
    )
    fig.update_traces(colorscale="Blues")
    fig.update_layout(margin=dict(t=80))  # the title above the words written along the top
    return fig


def matrix_figure(E: np.ndarray, words: Sequence[str], rows: Sequence[int], picked: int | None) -> go.Figure:
    """E (V, D) as a heatmap, the given rows, the picked word's row outlined."""
    values = E[list(rows)]  # (n, D)
    fig = heatmap(
        values,
        f"E: {E.shape[0]} rows (words) × {E.shape[1]} columns (D), {len(rows)} rows shown",
        x_labels=[str(j + 1) for j in range(E.shape[1])],
        y_labels=[words[i] for i in rows],
        signed=True,
        annotate=False,
        height=max(260, 80 + 24 * len(rows)),
        hover_name="e",
    )
    if picked is not None and picked in rows:
        k = list(rows).index(picked)
        fig.add_shape(
            type="rect",
            xref="x",
            yref="y",
            x0=-0.5,
            x1=E.shape[1] - 0.5,
            y0=k - 0.5,
            y1=k + 0.5,
            line=dict(color="black", width=3),
        )
    fig.update_xaxes(type="category")  # columns 1 ... D by their place, so the outline covers the row
    fig.update_layout(margin=dict(t=70))
    return fig


def one_hot_strip(index: int, words: Sequence[str]) -> go.Figure:
    """o_w as a (1, V) row: a single 1 at the word's index."""
    row = np.zeros((1, len(words)))
    row[0, index] = 1.0
    fig = heatmap(
        row,
        f"o_{words[index]}: 1 × {len(words)}, a single 1 at index {index}",
        x_labels=list(words),
        y_labels=["o"],
        signed=False,
        zrange=(0.0, 1.0),
        annotate=False,
        colorbar=False,
        height=110,
        hover_name="value",
    )
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(scaleanchor=None)
    return fig


def row_figure(row: np.ndarray, word: str) -> go.Figure:
    """e_w, the word's row of E: (1, D)."""
    fig = heatmap(
        row[None, :],
        f"e_{word} = o_{word} E: 1 × {len(row)}",
        x_labels=[str(j + 1) for j in range(len(row))],
        y_labels=["e"],
        signed=True,
        annotate=len(row) <= 16,
        decimals=2,
        colorbar=False,
        height=150,
        hover_name="e",
    )
    fig.update_xaxes(type="category")
    fig.update_layout(margin=dict(t=70))
    return fig


def fill_in_bars(probs: np.ndarray, answers: Sequence[str], title: str) -> go.Figure:
    """A reader's probabilities; its answer in green, none when it cannot choose (all equal)."""
    top = np.sort(probs)[::-1]
    chosen = int(np.argmax(probs)) if top[0] - top[1] > 1e-3 else None
    fig = bars([float(p) for p in probs], list(answers), title, highlight=chosen, height=240)
    fig.update_yaxes(range=[0, 1.1])
    return fig
