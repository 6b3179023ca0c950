#!/usr/bin/env bash
# macOS: sign (optional) dist/LiveDesk.app, wrap it in a compressed .dmg with an
# Applications link, then sign, notarize and staple the .dmg (optional). Run by build.sh.
#   MACOS_SIGN_IDENTITY  "Developer ID Application: Name (TEAMID)" from the login keychain
#   MACOS_NOTARY_PROFILE keychain profile made once with `xcrun notarytool store-credentials`
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${1:?usage: make_dmg.sh VERSION}
APP=dist/LiveDesk.app
DMG="dist/LiveDesk-$VERSION-macos-$(uname -m).dmg"
[ -d "$APP" ] || { echo "make_dmg.sh: $APP is missing (run build.sh)" >&2; exit 1; }

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    # Hardened runtime (required for notarization) with the entitlements an embedded Python
    # needs; --deep signs the Qt frameworks and Python extensions inside the bundle.
    codesign --force --deep --timestamp --options runtime \
        --entitlements packaging/macos/entitlements.plist \
        --sign "$MACOS_SIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
else
    echo "make_dmg.sh: MACOS_SIGN_IDENTITY not set: the app is NOT signed (Gatekeeper will warn)"
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "LiveDesk $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO \
    -imagekey zlib-level=9 -ov "$DMG"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
    if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
        xcrun notarytool submit "$DMG" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
        spctl --assess --type open --context context:primary-signature --verbose "$DMG"
    fi
fi
echo "$DMG"
