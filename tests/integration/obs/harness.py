"""A real OBS Studio for tests: Xvfb, a fresh config from a template, an ephemeral port.

Debian's obs-studio 29 (obs-websocket 5.1.0) reads the websocket server's settings from
global.ini's [OBSWebSocket] section; it is written fresh for every start because OBS writes
its settings back on exit. Without a display OBS prints "Unable to open X display" and exits
0, so readiness is the port answering, never the exit code. SIGINT shuts it down cleanly
(SIGTERM skips the shutdown).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

OBS = shutil.which("obs") or ""
XVFB = shutil.which("Xvfb") or ""
FFMPEG = shutil.which("ffmpeg") or ""
PROFILE = "LiveDeskTest"
COLLECTION = "LiveDeskTest"
SCENE = "Main"
START_TIMEOUT_S = 20.0


class ObsUnavailable(Exception):
    """OBS cannot run here; str() says why (the tests skip with it, or fail in CI)."""


def required() -> bool:
    """In CI the OBS tests must run, not skip."""
    return bool(os.environ.get("LIVEDESK_REQUIRE_OBS")) or os.environ.get("CI") == "true"


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0, what: str = "") -> None:
    """Poll `condition` while the running loop goes on."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.02)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(home: Path, port: int, password: str, record_dir: Path) -> Path:
    """OBS's config folder (XDG_CONFIG_HOME) with the websocket on, a profile, a collection."""
    root = home / "obs-studio"
    profile = root / "basic" / "profiles" / PROFILE
    scenes = root / "basic" / "scenes"
    profile.mkdir(parents=True)
    scenes.mkdir(parents=True)
    auth = "true" if password else "false"
    (root / "global.ini").write_text(
        "[General]\nFirstRun=true\nLastVersion=486539264\n"
        f"[Basic]\nProfile={PROFILE}\nProfileDir={PROFILE}\n"
        f"SceneCollection={COLLECTION}\nSceneCollectionFile={COLLECTION}\n"
        "[BasicWindow]\nPreviewEnabled=false\nSysTrayEnabled=false\n"
        "WarnBeforeStartingStream=false\nWarnBeforeStoppingStream=false\n"
        "WarnBeforeStoppingRecord=false\n"
        "[OBSWebSocket]\nFirstLoad=false\nServerEnabled=true\nAlertsEnabled=false\n"
        f"ServerPort={port}\nAuthRequired={auth}\nServerPassword={password}\n",
        encoding="utf-8",
    )
    # Small and slow video: the tests need a running output, not a picture.
    (profile / "basic.ini").write_text(
        f"[General]\nName={PROFILE}\n"
        "[Video]\nBaseCX=320\nBaseCY=180\nOutputCX=320\nOutputCY=180\nFPSType=0\n"
        "FPSCommon=10\n"
        "[Output]\nMode=Simple\n"
        f"[SimpleOutput]\nFilePath={record_dir}\nRecFormat=mkv\nRecQuality=Stream\n"
        "VBitrate=300\nABitrate=64\nPreset=ultrafast\n",
        encoding="utf-8",
    )
    collection = {
        "name": COLLECTION,
        "current_scene": SCENE,
        "current_program_scene": SCENE,
        "scene_order": [{"name": SCENE}],
        "sources": [
            {
                "id": "scene",
                "versioned_id": "scene",
                "name": SCENE,
                "settings": {"items": [], "id_counter": 0},
            }
        ],
    }
    (scenes / f"{COLLECTION}.json").write_text(json.dumps(collection), encoding="utf-8")
    return root


@dataclass
class RunningObs:
    """One OBS process on its own Xvfb display."""

    workdir: Path
    password: str = "livedesk-test"
    port: int = 0
    record_dir: Path = field(init=False)
    proc: subprocess.Popen[bytes] | None = None
    xvfb: subprocess.Popen[bytes] | None = None
    display: str = ""
    started_in_s: float = 0.0

    def __post_init__(self) -> None:
        self.record_dir = self.workdir / "recordings"
        self.record_dir.mkdir(parents=True, exist_ok=True)

    @property
    def log_path(self) -> Path:
        return self.workdir / "obs.log"

    def start_display(self) -> None:
        if not XVFB:
            raise ObsUnavailable("needs Xvfb (apt-get install xvfb)")
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            [XVFB, "-displayfd", str(write), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise ObsUnavailable("Xvfb did not start")
        self.display = f":{number}"

    def start(self, timeout: float = START_TIMEOUT_S) -> None:
        """Start OBS with a fresh config and wait until its websocket accepts connections."""
        if not OBS:
            raise ObsUnavailable("needs OBS Studio (apt-get install obs-studio)")
        if self.xvfb is None:
            self.start_display()
        self.port = self.port or free_port()
        config = self.workdir / "config"
        shutil.rmtree(config, ignore_errors=True)
        write_config(config, self.port, self.password, self.record_dir)
        env = {
            **os.environ,
            "DISPLAY": self.display,
            "HOME": str(self.workdir),
            "XDG_CONFIG_HOME": str(config),
            "LIBGL_ALWAYS_SOFTWARE": "1",
            "QT_QPA_PLATFORM": "xcb",
        }
        args = [
            OBS,
            "--multi",
            "--disable-missing-files-check",
            "--disable-updater",
            "--collection",
            COLLECTION,
            "--profile",
            PROFILE,
        ]
        began = time.monotonic()
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                args, env=env, cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = began + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-600:]
                raise ObsUnavailable(f"OBS exited with {self.proc.returncode}: {tail}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                self.started_in_s = time.monotonic() - began
                return
            time.sleep(0.05)
        self.stop()
        raise ObsUnavailable(f"OBS did not open its websocket port within {timeout:g} s")

    def stop(self, timeout: float = 10.0) -> None:
        """SIGINT: OBS shuts down cleanly (and writes its files)."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def kill(self) -> None:
        """OBS vanishing: no shutdown, the connection just drops."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()

    def pause(self) -> None:
        """A hung OBS: the process stops answering but keeps its socket open."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)
        stat = Path(f"/proc/{self.proc.pid}/stat")
        deadline = time.monotonic() + 5
        # The signal is delivered asynchronously: wait until every thread has stopped.
        while time.monotonic() < deadline:
            states = {
                (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
                for task in (stat.parent / "task").iterdir()
            }
            if states <= {"T", "t"}:
                return
            time.sleep(0.01)
        raise RuntimeError("OBS did not stop on SIGSTOP")

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)

    def close(self) -> None:
        self.stop()
        xvfb, self.xvfb = self.xvfb, None
        if xvfb is not None:
            xvfb.terminate()
            try:
                xvfb.wait(5)
            except subprocess.TimeoutExpired:
                xvfb.kill()
                xvfb.wait()


class RtmpSink:
    """A stream destination for OBS: ffmpeg listening for one RTMP stream, discarding it."""

    def __init__(self) -> None:
        if not FFMPEG:
            raise ObsUnavailable("needs ffmpeg as the stream's receiver (apt-get install ffmpeg)")
        self.port = free_port()
        self.url = f"rtmp://127.0.0.1:{self.port}/live"
        self.key = "livedesk-test"
        self.start()

    def start(self) -> None:
        """Listen (again: ffmpeg takes one stream and exits when it ends)."""
        args = ["-nostdin", "-loglevel", "quiet", "-listen", "1", "-i", f"{self.url}/{self.key}"]
        self.proc = subprocess.Popen(
            [FFMPEG, *args, "-f", "null", "-"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # ffmpeg accepts one connection only: wait for its listening socket without touching it.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not _listening(self.port):
            time.sleep(0.05)

    def service(self) -> dict[str, object]:
        """SetStreamServiceSettings for OBS to stream here."""
        return {
            "streamServiceType": "rtmp_custom",
            "streamServiceSettings": {"server": self.url, "key": self.key},
        }

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


def _listening(port: int) -> bool:
    """Whether some process listens on 127.0.0.1:`port` (Linux: /proc/net/tcp, state 0A)."""
    lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return any(
        line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A" for line in lines
    )
