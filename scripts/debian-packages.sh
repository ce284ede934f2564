#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages a purpose needs, only those missing.
# Usage: scripts/debian-packages.sh app|test
set -euo pipefail

# FFmpeg's libraries for the media crate (ffmpeg-next), and libclang for the
# bindings it generates when it builds.
app=(build-essential pkg-config curl wget file libssl-dev libdbus-1-dev libwebkit2gtk-4.1-dev libxdo-dev
     libayatana-appindicator3-dev librsvg2-dev libavcodec-dev libavformat-dev libavutil-dev libswscale-dev
     libclang-dev nodejs npm)
test=("${app[@]}" xvfb xauth dbus dbus-x11 gnome-keyring webkit2gtk-driver chromium imagemagick
      fonts-noto-core fonts-dejavu-core rpm)

case "${1:-}" in
  app) wanted=("${app[@]}") ;;
  test) wanted=("${test[@]}") ;;
  *) echo "usage: $0 app|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  # Node may come from elsewhere (nvm, nodesource): only ask apt when the command is missing.
  if [[ $package == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ $package == npm ]] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
check_node() {
  # Vite 8 needs Node 20.19 or newer; Debian 12's own nodejs package is 18.
  local version
  version=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
    echo "Node.js $version is too old: this project needs Node 20.19 or newer." >&2
    echo "Install it from NodeSource (https://github.com/nodesource/distributions) or with nvm, then run this again." >&2
    exit 1
  fi
}

if [[ ${#missing[@]} -eq 0 ]]; then check_node; exit 0; fi

sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)
echo "Installing Debian packages: ${missing[*]}"
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
check_node
