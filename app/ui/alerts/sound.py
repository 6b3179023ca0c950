"""Alert sounds through the system's own player (no QtMultimedia), never blocking the UI.

Why not QSoundEffect: QtMultimedia ships only in PySide6-Addons (a 175 MB wheel, most of it
unused here) and needs libpulse on Linux; every OS already has a player for a short WAV:
winsound on Windows (standard library, asynchronous), afplay on macOS, pw-play / paplay /
aplay on Linux desktops. Volume is applied to the samples themselves, so it works the same
with every player. Without a player the console stays silent and says so.
"""

from __future__ import annotations

import array
import os
import shlex
import shutil
import sys
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from app.ui.i18n import resources_dir

PLAYER_ENV = "LIVEDESK_SOUND_PLAYER"  # e.g. "paplay" or "aplay -q": overrides the choice
_LINUX_PLAYERS: tuple[tuple[str, ...], ...] = (("pw-play",), ("paplay",), ("aplay", "-q"))
VOLUME_STEP = 5  # percent: volumes are cached as files, so only 21 levels exist


def sounds_dir() -> Path:
    return resources_dir() / "sounds"


def scale_wav(source: Path, target: Path, factor: float) -> None:
    """Write `source` (16-bit PCM) with every sample multiplied by `factor` (0..1)."""
    with wave.open(str(source), "rb") as r:
        params = r.getparams()
        if params.sampwidth != 2:
            raise ValueError(f"{source.name}: only 16-bit PCM is supported")
        samples = array.array("h", r.readframes(params.nframes))
    if sys.byteorder == "big":
        samples.byteswap()
    factor = max(0.0, min(1.0, factor))
    scaled = array.array("h", (int(s * factor) for s in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with wave.open(str(tmp), "wb") as w:
        w.setparams(params)
        w.writeframes(scaled.tobytes())
    os.replace(tmp, target)


def find_player() -> tuple[list[str] | None, str]:
    """The command that plays a WAV file here, or None and why there is none."""
    configured = os.environ.get(PLAYER_ENV, "").strip()
    if configured:
        argv = shlex.split(configured)
        if shutil.which(argv[0]):
            return argv, ""
        return None, f"{PLAYER_ENV} names {argv[0]!r}, which is not installed"
    if sys.platform == "win32":
        return ["winsound"], ""
    if sys.platform == "darwin":
        return (["afplay"], "") if shutil.which("afplay") else (None, "afplay is missing")
    for candidate in _LINUX_PLAYERS:
        if shutil.which(candidate[0]):
            return list(candidate), ""
    return None, "no sound player found (install pipewire, pulseaudio-utils or alsa-utils)"


class AlertSound(QObject):
    """Plays one short sound at a time; a new one cuts the previous one off (never a pile-up).

    `available` is False (with `problem`) when there is no player or the last sound failed;
    `availability_changed` tells the UI so it can show "sound unavailable".
    """

    availability_changed = Signal()
    played = Signal(str)  # the file that was handed to the player

    def __init__(
        self,
        cache_dir: Path,
        *,
        source_dir: Path | None = None,
        player: list[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache_dir = cache_dir
        self.source_dir = source_dir or sounds_dir()
        if player is None:
            self._player, self.problem = find_player()
        else:
            self._player, self.problem = player, ""
        self.muted = False
        self.volume = 70  # percent
        self._process: QProcess | None = None

    @property
    def available(self) -> bool:
        return self._player is not None and not self.problem

    def set_volume(self, percent: int) -> None:
        self.volume = max(0, min(100, int(percent)))

    def play(self, name: str, loudness: float = 1.0) -> bool:
        """Start `name`.wav at `loudness` x the volume; False if nothing was started."""
        if self.muted or self._player is None or self.volume == 0:
            return False
        level = round(self.volume * max(0.0, min(1.0, loudness)) / VOLUME_STEP) * VOLUME_STEP
        if level <= 0:
            return False
        try:
            path = self._file(name, level)
        except (OSError, ValueError, EOFError, wave.Error) as exc:
            self._fail(f"{name}.wav: {exc}")
            return False
        if self._player == ["winsound"]:
            return self._play_winsound(path)
        self._stop_process()
        process = QProcess(self)
        process.setProgram(self._player[0])
        process.setArguments([*self._player[1:], str(path)])
        process.setStandardOutputFile(QProcess.nullDevice())
        process.setStandardErrorFile(QProcess.nullDevice())
        process.errorOccurred.connect(lambda _e, p=process: self._on_error(p))
        process.finished.connect(lambda code, _s, p=process: self._on_finished(p, code))
        self._process = process
        process.start()
        self.played.emit(str(path))
        return True

    def close(self) -> None:
        """Stop a sound still playing (call before the application quits)."""
        self._stop_process()

    # --- internals --------------------------------------------------------------------

    def _file(self, name: str, level: int) -> Path:
        source = self.source_dir / f"{name}.wav"
        if level >= 100:
            return source
        target = self.cache_dir / f"{name}-{level}.wav"
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            scale_wav(source, target, level / 100)
        return target

    def _play_winsound(self, path: Path) -> bool:
        if sys.platform == "win32":
            import winsound

            # SND_ASYNC returns at once, and a new sound stops the one still playing.
            flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
            try:
                winsound.PlaySound(str(path), flags)
            except RuntimeError as exc:
                self._fail(str(exc))
                return False
            self.played.emit(str(path))
            return True
        return False

    def _stop_process(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.blockSignals(True)
        if process.state() != QProcess.ProcessState.NotRunning:
            process.kill()
            process.waitForFinished(500)
        process.deleteLater()

    def _on_error(self, process: QProcess) -> None:
        if process.error() == QProcess.ProcessError.FailedToStart:
            self._fail(f"{process.program()} could not be started")

    def _on_finished(self, process: QProcess, code: int) -> None:
        if code != 0:
            self._fail(f"{process.program()} failed (exit code {code})")
        elif self.problem:
            self.problem = ""
            self.availability_changed.emit()
        if process is self._process:
            self._process = None
            process.deleteLater()

    def _fail(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            self.availability_changed.emit()
