"""One console per account and data folder: two real `livedesk` processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env(private_data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)  # LIVEDESK_DATA_DIR / _CONFIG_DIR: the test's private folders
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        }
    )
    return env


def _start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_console(first: subprocess.Popen[str], folder: Path) -> None:
    """Until the first console runs its window (its store exists)."""
    deadline = time.monotonic() + 60
    while not list(folder.glob("accounts/*/store.db")):
        assert first.poll() is None, first.communicate()[1]
        assert time.monotonic() < deadline, "the first console did not start"
        time.sleep(0.1)


@pytest.mark.slow
def test_a_second_start_raises_the_first_window_and_exits(private_data_dir: Path) -> None:
    env = _env(private_data_dir)
    first = _start(env, "--quit-after", "25")
    try:
        _wait_for_console(first, private_data_dir)
        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "app"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=40,
        )
        took = time.monotonic() - started
        assert second.returncode == 0, second.stderr
        assert "already running for this account" in second.stderr
        assert "brought to the front" in second.stderr
        assert "Traceback" not in second.stderr
        print(f"second start exited after {took:.1f} s")
        # The first quits by itself (--quit-after) without hanging, having been raised.
        _, first_err = first.communicate(timeout=60)
        assert first.returncode == 0, first_err
        assert "brought its window to the front" in first_err
        assert "UNIQUE constraint" not in first_err and "Traceback" not in first_err
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()


@pytest.mark.slow
def test_a_lock_left_by_a_killed_console_is_taken_over(private_data_dir: Path) -> None:
    env = _env(private_data_dir)
    first = _start(env)
    try:
        _wait_for_console(first, private_data_dir)
    finally:
        first.kill()  # kill -9: the lock file stays behind
        first.communicate()
    assert list(private_data_dir.glob("locks/*.lock"))
    again = subprocess.run(
        [sys.executable, "-m", "app", "--quit-after", "3"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert again.returncode == 0, again.stderr
    assert "already running" not in again.stderr


HOLDER = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("held", flush=True)
time.sleep(60)
"""


def test_a_console_that_does_not_answer_is_named_with_its_process(
    private_data_dir: Path, qapp: object
) -> None:
    from app.ui.singleinstance import AlreadyRunning, claim, instance_key

    key = instance_key(private_data_dir, "", "creator")
    (private_data_dir / "locks").mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(private_data_dir / "locks" / f"{key}.lock")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        outcome = claim(private_data_dir, "", "creator")
        assert isinstance(outcome, AlreadyRunning) and not outcome.raised
        assert f"process {holder.pid}" in outcome.message
        assert "did not answer" in outcome.message
        other = claim(private_data_dir, "wss://elsewhere/ws", "creator")  # another account
        assert not isinstance(other, AlreadyRunning)
        other.release()
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
