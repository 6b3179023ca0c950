"""What LiveDesk asks of OBS: scenes, inputs created or updated, outputs. Plain async functions
over anything with ObsLink's `call` (a link or a single connection)."""

from __future__ import annotations

from typing import Any, Literal, Protocol

from app.obs.connection import CALL_TIMEOUT_S, ObsRequestError

RESOURCE_NOT_FOUND = 600  # obs-websocket RequestStatus codes
INVALID_INPUT_KIND = 605


class Caller(Protocol):
    async def call(
        self, request: str, data: dict[str, Any] | None = None, *, timeout: float = CALL_TIMEOUT_S
    ) -> dict[str, Any]: ...


class SceneMissing(Exception):
    """A scene named in LiveDesk does not exist in OBS (renamed or deleted there)."""

    def __init__(self, scene: str) -> None:
        super().__init__(f"OBS has no scene named {scene!r}")
        self.scene = scene


class InputKindMissing(Exception):
    """This OBS lacks the plugin for an input kind (Debian's build has no browser_source)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"OBS has no {kind!r} input (its plugin is not installed)")
        self.kind = kind


class NameTaken(Exception):
    """A source of another kind already has the name LiveDesk would give its own."""

    def __init__(self, name: str, kind: str) -> None:
        super().__init__(f"OBS already has a {kind!r} source named {name!r}")
        self.name = name
        self.kind = kind


async def scene_names(obs: Caller) -> list[str]:
    """OBS's scenes in the order its Scenes dock shows them (top first)."""
    data = await obs.call("GetSceneList")
    scenes = sorted(data.get("scenes", []), key=lambda s: -int(s.get("sceneIndex", 0)))
    return [str(s["sceneName"]) for s in scenes]


async def current_scene(obs: Caller) -> str:
    data = await obs.call("GetCurrentProgramScene")
    return str(data.get("currentProgramSceneName", ""))


async def switch_scene(obs: Caller, scene: str) -> None:
    try:
        await obs.call("SetCurrentProgramScene", {"sceneName": scene})
    except ObsRequestError as exc:
        if exc.code == RESOURCE_NOT_FOUND:
            raise SceneMissing(scene) from None
        raise


async def input_kinds(obs: Caller) -> list[str]:
    data = await obs.call("GetInputKindList", {"unversioned": True})
    return [str(k) for k in data.get("inputKinds", [])]


async def ensure_input(
    obs: Caller, scene: str, name: str, kind: str, settings: dict[str, Any]
) -> Literal["created", "updated"]:
    """Create the input `name` in `scene`, or update the settings of the one that exists
    (and put it into `scene` if it is not there yet). Other settings of it stay as they are."""
    try:
        existing = await obs.call("GetInputSettings", {"inputName": name})
    except ObsRequestError as exc:
        if exc.code != RESOURCE_NOT_FOUND:
            raise
        existing = None
    if existing is None:
        try:
            await obs.call(
                "CreateInput",
                {
                    "sceneName": scene,
                    "inputName": name,
                    "inputKind": kind,
                    "inputSettings": settings,
                },
            )
        except ObsRequestError as exc:
            if exc.code == INVALID_INPUT_KIND:
                raise InputKindMissing(kind) from None
            if exc.code == RESOURCE_NOT_FOUND:
                raise SceneMissing(scene) from None
            raise
        return "created"
    found_kind = str(existing.get("inputKind", ""))
    if found_kind and _unversioned(found_kind) != _unversioned(kind):
        raise NameTaken(name, found_kind)
    await obs.call(
        "SetInputSettings", {"inputName": name, "inputSettings": settings, "overlay": True}
    )
    try:
        await obs.call("GetSceneItemId", {"sceneName": scene, "sourceName": name})
    except ObsRequestError as exc:
        if exc.code != RESOURCE_NOT_FOUND:
            raise
        await obs.call("CreateSceneItem", {"sceneName": scene, "sourceName": name})
    return "updated"


def _unversioned(kind: str) -> str:
    """text_ft2_source_v2 -> text_ft2_source: OBS versions some kinds' ids."""
    head, sep, tail = kind.rpartition("_v")
    return head if sep and tail.isdigit() else kind
