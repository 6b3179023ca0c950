#!/usr/bin/env bash
# Checks the Linux packages in dist/ as a user gets them (run after packaging/build.sh):
#  1. sizes; the .deb's metadata (Depends satisfiable here, desktop entry, AppStream);
#  2. the .deb unpacked with dpkg-deb -x: --version, livedesk-server --help, --self-test
#     offscreen, on a real X server under Xvfb, and against a real Secret Service
#     (gnome-keyring on a private D-Bus), and the packaged livedesk-server answering a
#     websocket client;
#  3. an upgrade with dpkg --root into a private dpkg database: an older .deb (same bundle,
#     version <v>.dev0) is installed and run so that it keeps real history in the per-user
#     data folder, the new .deb is installed over it, the history must still be there and
#     readable by the new version; removing the package must leave the data alone;
#  4. the Windows installer script compiles (makensis on a stand-in bundle), if NSIS is here.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIST=${1:-dist}
PY=.venv/bin/python
VERSION=$("$PY" -c 'import re,pathlib; print(re.search(r"__version__ = \"([^\"]+)\"", pathlib.Path("app/__init__.py").read_text()).group(1))')
DEB_VERSION=$("$PY" -c "import importlib.util as u; s=u.spec_from_file_location('m','packaging/linux/mkdeb.py'); m=u.module_from_spec(s); s.loader.exec_module(m); print(m.pep440_to_debian('$VERSION'))")
ARCH=$(dpkg --print-architecture)
DEB="$DIST/livedesk_${DEB_VERSION}_${ARCH}.deb"
TARBALL="$DIST/livedesk-$VERSION-linux-$(uname -m).tar.gz"
MAX_COMPRESSED_MB=100

TMP=$(mktemp -d)
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "verify: FAIL: $*" >&2; exit 1; }
started=$SECONDS
steps=0
step() { steps=$((steps + 1)); echo "== verify: $1 ($((SECONDS - started)) s)"; }
# A user's environment: platformdirs' default folders under a private HOME, offscreen Qt.
unset LIVEDESK_DATA_DIR LIVEDESK_CONFIG_DIR XDG_DATA_HOME XDG_CONFIG_HOME
export QT_QPA_PLATFORM=offscreen
as_user() { local home=$1; shift; HOME="$home" timeout 90 "$@"; }

[ -f "$DEB" ] || fail "$DEB is missing (run packaging/build.sh)"
[ -f "$TARBALL" ] || fail "$TARBALL is missing (run packaging/build.sh)"

step "sizes"
mb() { echo $(( ($(stat -c %s "$1") + 524288) / 1048576 )); }
echo "bundle dist/livedesk: $(du -sm "$DIST/livedesk" | cut -f1) MB unpacked"
echo "$TARBALL: $(mb "$TARBALL") MB"
echo "$DEB: $(mb "$DEB") MB"
for file in "$TARBALL" "$DEB"; do
    [ "$(mb "$file")" -lt "$MAX_COMPRESSED_MB" ] || fail "$file is $(mb "$file") MB (limit $MAX_COMPRESSED_MB)"
done

step "package metadata"
dpkg-deb --field "$DEB" Package Version Architecture Installed-Size
dpkg-deb --field "$DEB" Depends | tr ',' '\n' | sed 's/^ */  /' | head -60
# Every declared dependency must exist and be satisfied on this Debian (the build machine).
dpkg --dry-run -i "$DEB" >"$TMP/dry-run.log" 2>&1 || { cat "$TMP/dry-run.log"; fail "Depends not satisfiable here"; }
ROOT="$TMP/root"
dpkg-deb -x "$DEB" "$ROOT"
desktop-file-validate "$ROOT/usr/share/applications/livedesk.desktop"
appstreamcli validate --no-net "$ROOT"/usr/share/metainfo/*.metainfo.xml
for size in 16 32 48 64 128 256 512; do
    [ -s "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/livedesk.png" ] || fail "no ${size}px icon"
done
[ "$(readlink "$ROOT/usr/bin/livedesk")" = "../../opt/livedesk/livedesk" ] || fail "bad /usr/bin/livedesk link"

step "unpacked .deb: --version, livedesk-server --help, --self-test"
got=$("$ROOT/usr/bin/livedesk" --version)
[ "$got" = "LiveDesk $VERSION" ] || fail "--version printed '$got'"
"$ROOT/usr/bin/livedesk-server" --help | grep -q -- "--print-creator-token" || fail "server --help"
as_user "$TMP/home1" "$ROOT/usr/bin/livedesk" --self-test || fail "--self-test (offscreen) failed"
if command -v xvfb-run >/dev/null 2>&1; then
    step "unpacked .deb: --self-test on an X server (Xvfb, xcb platform plugin)"
    QT_QPA_PLATFORM=xcb as_user "$TMP/home1" xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$ROOT/usr/bin/livedesk" --self-test || fail "--self-test under Xvfb failed"
fi

step "unpacked .deb: --self-test with a real Secret Service (gnome-keyring on a private D-Bus)"
# The frozen keyring path (SecretStorage, jeepney, cryptography) must work against a real
# keyring daemon, not just report that none is there. Debian's packages, installed if missing.
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        gnome-keyring dbus >/dev/null
fi
cat >"$TMP/with-keyring.sh" <<'EOF_KEYRING'
#!/bin/sh
# In a private D-Bus session: a fresh login keyring, unlocked, then the command.
mkdir -p "$HOME"
printf 'self-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
EOF_KEYRING
HOME="$TMP/home-keyring" timeout 90 dbus-run-session -- sh "$TMP/with-keyring.sh" \
    "$ROOT/usr/bin/livedesk" --self-test 2>/dev/null >"$TMP/keyring.txt" || true
cat "$TMP/keyring.txt"
grep -q "ok    keyring: usable: keyring.backends.SecretService" "$TMP/keyring.txt" \
    || fail "the packaged app could not use a running Secret Service"
grep -q "^PASSED" "$TMP/keyring.txt" || fail "--self-test with a Secret Service failed"

step "unpacked .deb: livedesk-server serves a websocket client"
"$ROOT/usr/bin/livedesk-server" --port 0 --demo --print-creator-token \
    --data-dir "$TMP/server" >"$TMP/server.out" 2>"$TMP/server.err" &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$TMP/server.out" ] && break; sleep 0.1; done
[ -s "$TMP/server.out" ] || { cat "$TMP/server.err"; fail "livedesk-server printed no token"; }
"$PY" - "$TMP/server.out" <<'EOF'
import json, sys
from websockets.sync.client import connect

info = json.loads(open(sys.argv[1]).readline())
with connect(info["url"], additional_headers={"Authorization": f"Bearer {info['token']}"}) as ws:
    hello = json.loads(ws.recv(timeout=10))
    assert hello.get("op") == "hello", hello
    print(f"livedesk-server at {info['url']} said hello (protocol {hello.get('protocol')})")
EOF
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || fail "livedesk-server did not stop cleanly on SIGTERM"
SERVER_PID=""

step "upgrade: older .deb installed and used, newer .deb over it (dpkg --root)"
"$PY" packaging/linux/mkdeb.py --bundle "$DIST/livedesk" --out "$TMP/old" \
    --version "$VERSION.dev0" --compression zstd >/dev/null
OLD_DEB=$(ls "$TMP"/old/livedesk_*.deb)
DPKG_ROOT="$TMP/dpkgroot"
mkdir -p "$DPKG_ROOT"/var/lib/dpkg/{info,updates,triggers}
touch "$DPKG_ROOT"/var/lib/dpkg/{status,available}
# --force-depends: the private root holds no libraries; the programs use the host's.
dpkg_root() { dpkg --root="$DPKG_ROOT" --force-depends "$@"; }
installed_version() { dpkg --root="$DPKG_ROOT" -s livedesk | sed -n 's/^Version: //p'; }
messages_in() { sed -n 's/.*account stores, \([0-9]*\) messages.*/\1/p' "$1"; }
HOME_U="$TMP/home2"

dpkg_root -i "$OLD_DEB" >"$TMP/dpkg-old.log" 2>&1 || { cat "$TMP/dpkg-old.log"; fail "installing the old .deb"; }
echo "installed $(installed_version)"
as_user "$HOME_U" "$DPKG_ROOT/usr/bin/livedesk" --quit-after 4 >/dev/null 2>&1 \
    || fail "the old version did not run"
as_user "$HOME_U" "$DPKG_ROOT/usr/bin/livedesk" --self-test >"$TMP/before.txt" 2>/dev/null \
    || { cat "$TMP/before.txt"; fail "self-test of the old version"; }
before=$(messages_in "$TMP/before.txt")
if [ -z "$before" ] || [ "$before" -eq 0 ]; then
    cat "$TMP/before.txt"
    fail "the old version kept no history"
fi
echo "old version: $(grep 'data folder' "$TMP/before.txt" | sed 's/^ *//')"

dpkg_root -i "$DEB" >"$TMP/dpkg-new.log" 2>&1 || { cat "$TMP/dpkg-new.log"; fail "upgrading"; }
grep -q "over (${DEB_VERSION}~dev0)" "$TMP/dpkg-new.log" || { cat "$TMP/dpkg-new.log"; fail "dpkg did not upgrade"; }
[ "$(installed_version)" = "$DEB_VERSION" ] || fail "installed version is $(installed_version)"
echo "upgraded to $(installed_version): $(grep -o 'Unpacking.*' "$TMP/dpkg-new.log")"
as_user "$HOME_U" "$DPKG_ROOT/usr/bin/livedesk" --self-test >"$TMP/after.txt" 2>/dev/null \
    || { cat "$TMP/after.txt"; fail "self-test after the upgrade"; }
after=$(messages_in "$TMP/after.txt")
[ "$after" = "$before" ] || fail "history changed across the upgrade: $before -> $after messages"
as_user "$HOME_U" "$DPKG_ROOT/usr/bin/livedesk" --quit-after 4 >/dev/null 2>&1 \
    || fail "the new version did not run on the old data"
as_user "$HOME_U" "$DPKG_ROOT/usr/bin/livedesk" --self-test >"$TMP/later.txt" 2>/dev/null \
    || fail "self-test after using the new version"
later=$(messages_in "$TMP/later.txt")
[ "$later" -ge "$before" ] || fail "history shrank after using the new version: $before -> $later"
echo "new version: kept $before messages; after one more session: $(grep 'data folder' "$TMP/later.txt" | sed 's/^ *//')"

dpkg_root -r livedesk >"$TMP/dpkg-remove.log" 2>&1 || { cat "$TMP/dpkg-remove.log"; fail "removing"; }
[ ! -e "$DPKG_ROOT/opt/livedesk" ] || fail "/opt/livedesk is left after removal"
[ -d "$HOME_U/.local/share/LiveDesk/accounts" ] || fail "removal touched the user's data"
echo "removed: /opt/livedesk gone, $HOME_U/.local/share/LiveDesk kept"

if command -v makensis >/dev/null 2>&1; then
    step "Windows installer script compiles (makensis, on a stand-in bundle)"
    FAKE="$TMP/fake-windows-bundle"
    mkdir -p "$FAKE/_internal/resources"
    cp resources/icons/livedesk-16.png "$FAKE/_internal/resources/"
    echo stand-in >"$FAKE/livedesk.exe"
    echo stand-in >"$FAKE/livedesk-server.exe"
    SRC="$FAKE" OUT="$TMP/setup.exe" bash packaging/windows/make_installer.sh "$VERSION" >/dev/null
    file "$TMP/setup.exe" | grep -q "Nullsoft Installer" || fail "makensis made no installer"
    echo "livedesk.nsi compiled with $(makensis -VERSION)"
fi

echo "== verify: all checks passed in $((SECONDS - started)) s"
echo "packaging: $steps passed, 0 failed"
