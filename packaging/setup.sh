#!/usr/bin/env bash
# Developer set-up on a fresh Debian/Ubuntu machine: the system libraries Qt needs, then a
# virtual environment in .venv with LiveDesk and its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's xcb/offscreen platform plugins, OpenGL/EGL, fonts, D-Bus (keyring); xvfb for a real
# display in headless sessions; a colour emoji font for gift icons. Alert sounds use the
# system's own player (pw-play, paplay or aplay); without one, alerts are silent and say so.
QT_DEBS=(libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
         libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
         libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0
         libxcb-xkb1 libx11-xcb1 fonts-dejavu-core fonts-noto-color-emoji xvfb xauth)

if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    missing=()
    for deb in "${QT_DEBS[@]}"; do
        dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$deb")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing system libraries for Qt: ${missing[*]}"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
else
    echo "apt-get not found: install Qt's system libraries with your package manager." >&2
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
echo "LiveDesk is installed in .venv. Start the console with: .venv/bin/livedesk"
