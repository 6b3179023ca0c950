"""The Browser Source requests "Add to OBS" builds from the overlay server's own pages."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from app.obs.connection import ObsRequestError
from app.obs.overlaysources import add_to_obs, overlay_sources, source_name
from app.obs.requests import InputKindMissing
from app.overlay.server import PAGES, OverlayServer


def sources_for(server: OverlayServer) -> list[Any]:
    return overlay_sources(((p, w, h) for p, (_, w, h) in PAGES.items()), server.url)


def test_every_overlay_page_becomes_a_source_with_its_url_and_size() -> None:
    server = OverlayServer("s3cret/key+x", port=8771)
    sources = sources_for(server)
    assert [s.page for s in sources] == list(PAGES)  # a page added to the overlay comes along
    for source in sources:
        _, width, height = PAGES[source.page]
        settings = source.settings()
        assert settings["url"] == server.url(source.page)
        assert settings["url"].endswith("?key=s3cret%2Fkey%2Bx")
        assert (settings["width"], settings["height"]) == (width, height)
        assert settings["is_local_file"] is False
        assert "rgba(0, 0, 0, 0)" in settings["css"]  # transparent background
        assert source.name == source_name(source.page) == f"LiveDesk {source.page}"


class FakeObs:
    """Answers like OBS (recorded request by request) so the request sequence can be read."""

    def __init__(self, kinds: list[str], existing: dict[str, str]) -> None:
        self.kinds = kinds
        self.existing = existing  # input name -> kind
        self.requests: list[tuple[str, dict[str, Any]]] = []

    async def call(
        self, request: str, data: dict[str, Any] | None = None, *, timeout: float = 5
    ) -> dict[str, Any]:
        data = data or {}
        self.requests.append((request, data))
        if request == "GetInputKindList":
            return {"inputKinds": self.kinds}
        if request == "GetCurrentProgramScene":
            return {"currentProgramSceneName": "Live"}
        if request == "GetInputSettings":
            if data["inputName"] not in self.existing:
                raise ObsRequestError(request, 600, "no input")
            return {"inputKind": self.existing[data["inputName"]], "inputSettings": {}}
        if request == "GetSceneItemId":
            raise ObsRequestError(request, 600, "not in scene")
        return {}


def test_add_creates_new_sources_and_updates_existing_ones_in_the_current_scene() -> None:
    server = OverlayServer("k" * 20, port=8770)
    sources = sources_for(server)
    obs = FakeObs(["browser_source"], {"LiveDesk alert": "browser_source"})
    result = asyncio.run(add_to_obs(obs, sources))
    assert result.scene == "Live"
    assert result.done["LiveDesk alert"] == "updated"
    assert all(result.done[s.name] == "created" for s in sources if s.page != "alert")
    created = [d for r, d in obs.requests if r == "CreateInput"]
    assert {d["sceneName"] for d in created} == {"Live"}
    assert all(d["inputKind"] == "browser_source" for d in created)
    updated = [d for r, d in obs.requests if r == "SetInputSettings"]
    assert updated == [
        {"inputName": "LiveDesk alert", "inputSettings": sources[0].settings(), "overlay": True}
    ]
    # The existing source was not in this scene: it is added to it.
    assert ("CreateSceneItem", {"sceneName": "Live", "sourceName": "LiveDesk alert"}) in (
        obs.requests
    )


def test_no_browser_source_in_obs_stops_before_any_change() -> None:
    obs = FakeObs(["image_source"], {})
    with pytest.raises(InputKindMissing):
        asyncio.run(add_to_obs(obs, sources_for(OverlayServer("k" * 20))))
    assert [r for r, _ in obs.requests] == ["GetInputKindList"]
