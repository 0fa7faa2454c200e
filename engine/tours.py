"""Guided tours: for each page an ordered list of scenes, each a few settings and the words to say.

A tour lives in `assets/tours/<page>.toml`, one `[[scene]]` table per scene:

    [[scene]]
    title = "The lecture's X"
    narration = "Two or three sentences in the lecture's words."
    [scene.settings]
    "filters_pooling-input" = "X"      # a widget key on that page, and the value it takes

Scenes only set widgets the page already has, by their keys, so a tour is content a teacher can
edit without touching code.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

TOURS = Path(__file__).resolve().parents[1] / "assets" / "tours"
SettingValue = bool | int | float | str | list


@dataclass(frozen=True)
class Scene:
    title: str
    narration: str
    settings: dict[str, SettingValue] = field(default_factory=dict)


@functools.lru_cache(maxsize=64)  # tour files are read-only content: parse each once per process
def load(page: str, folder: Path = TOURS) -> tuple[Scene, ...]:
    """The scenes of `page` (a page file's stem), in order; no file means no tour."""
    path = folder / f"{page}.toml"
    if not path.is_file():
        return ()
    return parse(path.read_text(encoding="utf-8"), source=path.name)


def parse(text: str, source: str = "tour") -> tuple[Scene, ...]:
    """Scenes from a tour file's text; a malformed file raises ValueError naming what is wrong."""
    try:
        tables = tomllib.loads(text).get("scene", [])
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: {error}") from None
    scenes = []
    for number, table in enumerate(tables, start=1):
        title, narration = table.get("title"), table.get("narration")
        settings = table.get("settings", {})
        if not isinstance(title, str) or not isinstance(narration, str) or not isinstance(settings, dict):
            raise ValueError(f"{source}: scene {number} needs a title, a narration and a settings table")
        scenes.append(Scene(title.strip(), " ".join(narration.split()), dict(settings)))
    return tuple(scenes)
