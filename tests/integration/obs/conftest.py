"""Fixtures: a real OBS Studio under Xvfb. Skipped where OBS cannot start, required in CI."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.obs.harness import ObsUnavailable, RtmpSink, RunningObs, required


def _start(workdir_factory: pytest.TempPathFactory) -> RunningObs:
    obs = RunningObs(workdir_factory.mktemp("obs"))
    try:
        obs.start()
    except ObsUnavailable as exc:
        obs.close()
        if required():
            raise RuntimeError(f"OBS is required here (CI) but did not start: {exc}") from None
        pytest.skip(f"OBS Studio cannot run here: {exc}")
    return obs


@pytest.fixture(scope="module")
def shared_obs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningObs]:
    """One OBS for a module's tests that leave it running and usable."""
    obs = _start(tmp_path_factory)
    yield obs
    obs.close()


@pytest.fixture
def own_obs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningObs]:
    """An OBS of the test's own, for tests that kill, pause or restart it."""
    obs = _start(tmp_path_factory)
    yield obs
    obs.close()


@pytest.fixture
def rtmp_sink() -> Iterator[RtmpSink]:
    """Where OBS streams to in tests: ffmpeg receiving RTMP on 127.0.0.1."""
    try:
        sink = RtmpSink()
    except ObsUnavailable as exc:
        if required():
            raise RuntimeError(f"required here (CI): {exc}") from None
        pytest.skip(str(exc))
    yield sink
    sink.close()
