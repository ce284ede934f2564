#!/usr/bin/env bash
# Builds the .deb and .rpm packages and checks what a user installing them
# gets: the binary, the desktop entry, the icon and the declared runtime
# libraries.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tauri build --bundles deb,rpm
deb=$(ls target/release/bundle/deb/*.deb)
rpm=$(ls target/release/bundle/rpm/*.rpm)
passed=0; failed=0
check() {
  if eval "$2"; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1"; fi
}
check "the .deb holds the binary" "dpkg-deb -c '$deb' | grep -q ' usr/bin/mona-spark$'"
check "the .deb holds a desktop entry" "dpkg-deb -c '$deb' | grep -q '\.desktop$'"
check "the .deb holds the icon" "dpkg-deb -c '$deb' | grep -q 'icons/hicolor/.*\.png$'"
check "the .deb declares WebKitGTK" "dpkg-deb -f '$deb' Depends | grep -q 'libwebkit2gtk-4.1-0'"
check "the .rpm holds the binary" "rpm -qlp '$rpm' 2>/dev/null | grep -q '/usr/bin/mona-spark$'"
check "the .rpm declares WebKitGTK" "rpm -qRp '$rpm' 2>/dev/null | grep -qi 'webkit2gtk'"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
