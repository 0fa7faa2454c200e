"""Generated scenes for captioning: one or two coloured shapes on a small white canvas.

Captions name the left (or upper) object first, so every scene has exactly one right caption:
"a red circle left of a blue square", "a green triangle above a yellow circle", "a blue square".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

SIZE = 32  # the canvas the model sees: (32, 32, 3)
COLORS: dict[str, tuple[int, int, int]] = {
    "red": (220, 40, 40),
    "green": (30, 160, 60),
    "blue": (40, 80, 230),
    "yellow": (235, 190, 20),
}
SHAPES = ("circle", "square", "triangle")
RELATIONS = {"horizontal": ("left", "of"), "vertical": ("above",)}
SPECIALS = ("<pad>", "<start>", "<end>")
VOCAB: tuple[str, ...] = SPECIALS + ("a", *COLORS, *SHAPES, "left", "of", "above")
WORD_INDEX = {w: i for i, w in enumerate(VOCAB)}
PAD, START, END = 0, 1, 2
MAX_WORDS = 9  # "a red circle left of a blue square" + <end>
MIN_SIDE, MAX_SIDE = 7, 15  # object sizes in pixels
SUPERSAMPLE = 2  # shapes drawn at 2x and averaged down: soft edges like a drawing


@dataclass(frozen=True)
class Thing:
    """One object: its shape, colour name, centre (x, y) in pixels and side (diameter) in pixels."""

    shape: str
    color: str
    x: float
    y: float
    side: float


@dataclass(frozen=True)
class Scene:
    things: tuple[Thing, ...]  # in caption order: left (or upper) object first
    relation: str = ""  # "horizontal" | "vertical" | "" for a single object


def caption_words(scene: Scene) -> list[str]:
    """The scene's one right caption, as words."""
    first = ["a", scene.things[0].color, scene.things[0].shape]
    if not scene.relation:
        return first
    second = scene.things[1]
    return first + list(RELATIONS[scene.relation]) + ["a", second.color, second.shape]


def encode(words: list[str]) -> list[int]:
    return [WORD_INDEX[w] for w in words]


def decode(tokens) -> list[str]:
    """Token ids -> words, stopping at <end>."""
    words = []
    for t in tokens:
        if int(t) == END:
            break
        words.append(VOCAB[int(t)])
    return words


def shape_mask(thing: Thing, size: int = SIZE, supersample: int = SUPERSAMPLE) -> np.ndarray:
    """Coverage of one object on the canvas, (size, size) floats in [0, 1]."""
    r = thing.side / 2
    lo = max(0, int(min(thing.x, thing.y) - r) - 1)  # only the object's box is drawn
    hi = min(size, int(max(thing.x, thing.y) + r) + 2)
    n = (hi - lo) * supersample
    coords = lo + (np.arange(n) + 0.5) / supersample  # pixel-centre coordinates
    yy, xx = np.meshgrid(coords, coords, indexing="ij")  # (n, n)
    dx, dy = xx - thing.x, yy - thing.y
    if thing.shape == "circle":
        inside = dx**2 + dy**2 <= r**2
    elif thing.shape == "square":
        inside = (np.abs(dx) <= r) & (np.abs(dy) <= r)
    else:  # triangle pointing up, base at the bottom of its box
        inside = (dy <= r) & (dy >= -r) & (np.abs(dx) <= (dy + r) / 2)
    cover = np.zeros((size, size))
    cover[lo:hi, lo:hi] = inside.reshape(hi - lo, supersample, hi - lo, supersample).mean(axis=(1, 3))
    return cover


def render(scene: Scene, size: int = SIZE) -> np.ndarray:
    """The scene as a picture: (size, size, 3) uint8, white background."""
    canvas = np.full((size, size, 3), 255.0)
    for thing in scene.things:
        cover = shape_mask(thing, size)[:, :, None]  # (size, size, 1)
        canvas = canvas * (1 - cover) + np.array(COLORS[thing.color]) * cover
    return canvas.round().astype(np.uint8)


def _thing(rng: np.random.Generator, x_range, y_range) -> Thing:
    side = float(rng.uniform(MIN_SIDE, MAX_SIDE))
    half = side / 2 + 0.5
    x = float(rng.uniform(max(half, x_range[0]), min(SIZE - half, x_range[1])))
    y = float(rng.uniform(max(half, y_range[0]), min(SIZE - half, y_range[1])))
    return Thing(str(rng.choice(SHAPES)), str(rng.choice(list(COLORS))), x, y, side)


def random_scene(rng: np.random.Generator, p_single: float = 0.2) -> Scene:
    """One or two objects; two are clearly side by side or clearly one above the other."""
    if rng.random() < p_single:
        return Scene((_thing(rng, (0, SIZE), (0, SIZE)),))
    relation = "horizontal" if rng.random() < 0.5 else "vertical"
    while True:
        a, b = _thing(rng, (0, SIZE), (0, SIZE)), _thing(rng, (0, SIZE), (0, SIZE))
        along, across = (b.x - a.x, b.y - a.y) if relation == "horizontal" else (b.y - a.y, b.x - a.x)
        gap = abs(along) - (a.side + b.side) / 2
        if gap >= 1.5 and abs(along) >= abs(across) + 4:
            first, second = (a, b) if along > 0 else (b, a)
            return Scene((first, second), relation)


def batch(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, list[Scene]]:
    """n scenes: images (n, 32, 32, 3) uint8, padded token ids (n, MAX_WORDS + 1) as
    [<start>, words..., <end>, <pad>...], and the scenes themselves."""
    scenes = [random_scene(rng) for _ in range(n)]
    images = np.stack([render(s) for s in scenes])
    tokens = np.full((n, MAX_WORDS + 1), PAD, np.int64)
    for i, scene in enumerate(scenes):
        ids = [START, *encode(caption_words(scene)), END]
        tokens[i, : len(ids)] = ids
    return images, tokens, scenes


def from_picture(rgb: np.ndarray, size: int = SIZE) -> np.ndarray:
    """Any picture (a drawing, an upload) as the model's canvas: centre square, box-averaged down."""
    h, w = rgb.shape[:2]
    side = min(h, w)
    top, left = (h - side) // 2, (w - side) // 2
    square = Image.fromarray(np.ascontiguousarray(rgb[top : top + side, left : left + side, :3], np.uint8))
    return np.asarray(square.resize((size, size), Image.Resampling.BOX), dtype=np.uint8)


def rgba_over_white(rgba: np.ndarray) -> np.ndarray:
    """A drawing pad's RGBA strokes laid over a white page: (H, W, 3) uint8."""
    rgba = np.asarray(rgba, dtype=np.float32)
    alpha = rgba[:, :, 3:4] / 255.0
    return (rgba[:, :, :3] * alpha + 255.0 * (1 - alpha)).round().clip(0, 255).astype(np.uint8)
