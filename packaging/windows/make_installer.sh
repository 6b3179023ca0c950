#!/usr/bin/env bash
# Windows (Git Bash): sign the programs (optional), compile the NSIS installer, sign it.
#   WINDOWS_SIGN_CERT     path of a .pfx code-signing certificate (or use a cloud HSM's signtool)
#   WINDOWS_SIGN_PASSWORD its password
# Also runs on Linux with Debian's `nsis` package to check the script (CHECK_ONLY=1 with a
# fake bundle: see tests/packaging/test_installer_recipes.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${1:?usage: make_installer.sh VERSION}
SRC=${SRC:-dist/livedesk}
OUT=${OUT:-dist/LiveDesk-$VERSION-windows-x64-setup.exe}
[ -f "$SRC/livedesk.exe" ] || { echo "make_installer.sh: $SRC/livedesk.exe is missing" >&2; exit 1; }

sign() {
    if [ -n "${WINDOWS_SIGN_CERT:-}" ]; then
        signtool sign /fd SHA256 /td SHA256 /tr http://timestamp.digicert.com \
            /f "$WINDOWS_SIGN_CERT" /p "${WINDOWS_SIGN_PASSWORD:-}" "$@"
    fi
}
[ -n "${WINDOWS_SIGN_CERT:-}" ] || echo "make_installer.sh: WINDOWS_SIGN_CERT not set: NOT signed (SmartScreen will warn)"
sign "$SRC/livedesk.exe" "$SRC/livedesk-server.exe"

# Numeric version for the installer's file properties: 0.1.0rc1 -> 0.1.0.0
NUMERIC=$(echo "$VERSION" | grep -oE '^[0-9]+(\.[0-9]+){0,2}')
while [ "$(echo "$NUMERIC" | tr -cd . | wc -c)" -lt 3 ]; do NUMERIC="$NUMERIC.0"; done
case "$OUT" in /* | [A-Za-z]:*) ;; *) OUT="$(pwd)/$OUT" ;; esac
MAKENSIS=${MAKENSIS:-makensis}
"$MAKENSIS" -V2 -DVERSION="$VERSION" -DNUMERIC_VERSION="$NUMERIC" \
    -DSRCDIR="$(cd "$SRC" && pwd)" -DOUTFILE="$OUT" \
    -DICON="$(pwd)/resources/icons/livedesk.ico" packaging/windows/livedesk.nsi
sign "$OUT"
echo "$OUT"
