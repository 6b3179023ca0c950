"""The stream overlay's pages as OBS Browser Sources: the requests "Add to OBS" sends."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from app.obs.requests import Caller, InputKindMissing, current_scene, ensure_input, input_kinds

BROWSER_SOURCE = "browser_source"
# OBS's own default page style: a transparent background, so only the overlay shows.
TRANSPARENT_CSS = "body { background-color: rgba(0, 0, 0, 0); margin: 0px auto; overflow: hidden; }"


@dataclass(frozen=True)
class BrowserSource:
    """One overlay page as a Browser Source in OBS."""

    page: str
    name: str
    url: str
    width: int
    height: int

    def settings(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "is_local_file": False,
            "width": self.width,
            "height": self.height,
            "css": TRANSPARENT_CSS,
            "reroute_audio": False,  # alert sounds play from LiveDesk, not twice
            "shutdown": False,  # keep the page's websocket while the source is hidden
            "restart_when_active": False,
        }


def source_name(page: str) -> str:
    """Stable across languages and runs: a second "Add to OBS" finds and updates it."""
    return f"LiveDesk {page}"


def overlay_sources(
    pages: Iterable[tuple[str, int, int]], url_for: Callable[[str], str]
) -> list[BrowserSource]:
    """`pages`: (page, width, height) of every overlay page the overlay server serves."""
    return [BrowserSource(p, source_name(p), url_for(p), w, h) for p, w, h in pages]


@dataclass(frozen=True)
class AddResult:
    scene: str
    done: dict[str, Literal["created", "updated"]]  # source name -> what happened


async def add_to_obs(obs: Caller, sources: list[BrowserSource]) -> AddResult:
    """Create or update each source in OBS's current scene. Raises InputKindMissing before
    touching anything when this OBS has no Browser Source."""
    if BROWSER_SOURCE not in await input_kinds(obs):
        raise InputKindMissing(BROWSER_SOURCE)
    scene = await current_scene(obs)
    done: dict[str, Literal["created", "updated"]] = {}
    for source in sources:
        done[source.name] = await ensure_input(
            obs, scene, source.name, BROWSER_SOURCE, source.settings()
        )
    return AddResult(scene, done)
