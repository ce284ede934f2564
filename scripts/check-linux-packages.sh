#!/usr/bin/env bash
# Builds the .deb and .rpm packages and checks what a user installing them
# gets: the binary and the media worker beside it, the desktop entry, the
# icon and the declared runtime libraries. The packages wrap the debug build
# the end-to-end tests already made: what is checked is the packaging, and an
# optimised build (fat LTO, one codegen unit) would add a whole second build
# of the app on CI's two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tauri build --debug --bundles deb,rpm
deb=$(ls target/debug/bundle/deb/*.deb)
rpm=$(ls target/debug/bundle/rpm/*.rpm)
passed=0; failed=0
check() {
  if eval "$2"; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1"; fi
}
# Listings are read whole before grep: `grep -q` stops at its first match, and
# with pipefail the writer it left behind (killed by SIGPIPE) would fail the check.
deb_files=$(dpkg-deb -c "$deb")
deb_depends=$(dpkg-deb -f "$deb" Depends)
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null)
rpm_requires=$(rpm -qRp "$rpm" 2>/dev/null)
check "the .deb holds the binary" "grep -q ' usr/bin/mona-spark$' <<<\"\$deb_files\""
check "the .deb holds the media worker beside it" "grep -q ' usr/bin/mona-media-worker$' <<<\"\$deb_files\""
check "the .deb holds a desktop entry" "grep -q '\.desktop$' <<<\"\$deb_files\""
check "the .deb holds the icon" "grep -q 'icons/hicolor/.*\.png$' <<<\"\$deb_files\""
check "the .deb declares WebKitGTK" "grep -q 'libwebkit2gtk-4.1-0' <<<\"\$deb_depends\""
check "the .deb declares FFmpeg's libraries" "grep -q 'libavcodec59' <<<\"\$deb_depends\" && grep -q 'libswscale6' <<<\"\$deb_depends\""
check "the .rpm holds the binary" "grep -q '/usr/bin/mona-spark$' <<<\"\$rpm_files\""
check "the .rpm holds the media worker beside it" "grep -q '/usr/bin/mona-media-worker$' <<<\"\$rpm_files\""
check "the .rpm declares WebKitGTK" "grep -qi 'webkit2gtk' <<<\"\$rpm_requires\""
check "the .rpm declares FFmpeg's libraries" "grep -q 'libavcodec' <<<\"\$rpm_requires\""
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
