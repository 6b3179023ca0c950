#!/usr/bin/env bash
# Build LiveDesk's installers for the OS this runs on (it cannot cross-build); all in dist/.
#   Linux:   dist/livedesk/ (bundle), dist/livedesk-<v>-linux-<arch>.tar.gz, dist/livedesk_<v>_<arch>.deb
#   macOS:   dist/LiveDesk.app, dist/LiveDesk-<v>-macos-<arch>.dmg
#   Windows: dist/livedesk/, dist/LiveDesk-<v>-windows-x64-setup.exe (run from Git Bash; needs NSIS)
# Needs the virtual environment of packaging/setup.sh; installs the `packaging` extra into it.
# Signing is optional and driven by environment variables: see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1

case "$(uname -s)" in
    Linux) OS=linux; PY=.venv/bin/python ;;
    Darwin) OS=macos; PY=.venv/bin/python ;;
    MINGW* | MSYS* | CYGWIN*) OS=windows; PY=.venv/Scripts/python.exe ;;
    *) echo "build.sh: unsupported system $(uname -s)" >&2; exit 1 ;;
esac
if [ ! -x "$PY" ]; then
    echo "build.sh: no virtual environment in .venv: run packaging/setup.sh first" >&2
    exit 1
fi
VERSION=$("$PY" -c 'import re,pathlib; print(re.search(r"__version__ = \"([^\"]+)\"", pathlib.Path("app/__init__.py").read_text()).group(1))')
started=$SECONDS
step() { echo "== build: $1 ($((SECONDS - started)) s)"; }

step "PyInstaller (pinned in pyproject's packaging extra)"
mkdir -p build
"$PY" -m pip install -q -e ".[packaging]" >build/pip.log 2>&1 || { cat build/pip.log; exit 1; }

if [ "$OS" = linux ] && command -v apt-get >/dev/null 2>&1; then
    # dpkg-shlibdeps must find every library the bundle links to (the Wayland plugins' too)
    # to declare it in Depends; the validators check the desktop entry and AppStream file;
    # nsis only lets linux/verify.sh compile the Windows installer script as a syntax check.
    BUILD_DEBS=(dpkg-dev libwayland-client0 libwayland-cursor0 libwayland-egl1
                desktop-file-utils appstream xz-utils nsis file)
    missing=()
    for deb in "${BUILD_DEBS[@]}"; do
        dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$deb")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        SUDO=""
        [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        echo "Installing build tools: ${missing[*]}"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
fi

step "bundle (PyInstaller, one folder)"
rm -rf dist/livedesk dist/LiveDesk.app
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build \
    packaging/livedesk.spec

case "$OS" in
    linux)
        ARCH=$(uname -m)
        step "tar.gz"
        tar -C dist --owner=0 --group=0 --numeric-owner --transform "s,^livedesk,livedesk-$VERSION," \
            -czf "dist/livedesk-$VERSION-linux-$ARCH.tar.gz" livedesk
        step ".deb"
        "$PY" packaging/linux/mkdeb.py --bundle dist/livedesk --out dist
        ;;
    macos)
        step ".dmg"
        bash packaging/macos/make_dmg.sh "$VERSION"
        ;;
    windows)
        step "installer (NSIS)"
        bash packaging/windows/make_installer.sh "$VERSION"
        ;;
esac

step "done"
du -sh dist/livedesk dist/*.* 2>/dev/null || true
