#!/usr/bin/env bash
# A real OBS Studio for the streaming tests, headless, on a Debian 12 host.
#
#   scripts/obs-headless.sh setup
#       Makes (once) a Debian 13 root with OBS 30.2 and Xvfb, cached outside
#       the repository in $MONA_OBS_ROOT (default /var/cache/mona-spark/obs-trixie).
#       Debian 12's own OBS (29.0) is older than what obws accepts (30.2).
#   scripts/obs-headless.sh run STATE_DIR PORT [PASSWORD]
#       Writes a known profile ("MonaTest": 640x360, 30 fps, mkv recordings
#       into STATE_DIR/recordings) and scene collection (scenes "Intro",
#       "Live" and "Pause"; "Live" holds the sources "Fond" and "Logo",
#       "Pause" holds "Rideau" and "Jingle", a media source with sound) into
#       STATE_DIR/home, then runs OBS in the foreground with its websocket
#       server on 127.0.0.1:PORT (authentication on when PASSWORD is given).
#       STATE_DIR is seen at the same path inside and outside the root, so a
#       recording's path as OBS reports it is valid on the host.
#       Killing this process with SIGKILL (what the tests do), or Ctrl+C in a
#       terminal, stops OBS and its X server: they live in a PID namespace of
#       their own. (unshare ignores SIGTERM while it waits for its child.)
#
# Needs root (debootstrap, chroot, mounts). The streaming crate's tests call
# `run` themselves; `eval "$(scripts/obs-headless.sh env)"` tells them where
# this script is (see src-tauri/streaming/tests/support).
set -euo pipefail

root=${MONA_OBS_ROOT:-/var/cache/mona-spark/obs-trixie}
here=$(cd "$(dirname "$0")" && pwd)

need_root() {
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then exec sudo -E "$0" "$@"; fi
    echo "obs-headless.sh needs root (debootstrap, chroot and mounts)" >&2
    exit 1
  fi
}

setup() {
  need_root setup
  if [[ -x $root/usr/bin/obs && -f $root/.mona-ready ]]; then return 0; fi
  if ! command -v debootstrap >/dev/null; then
    echo "Installing debootstrap for the headless OBS" >&2
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >&2
  fi
  echo "Making a Debian 13 root with OBS Studio in $root (once; about 2 minutes)" >&2
  rm -rf "$root.partial"
  mkdir -p "$(dirname "$root")"
  debootstrap --variant=minbase \
    --include=obs-studio,xvfb,xauth,libgl1-mesa-dri,libglx-mesa0,libegl-mesa0 \
    trixie "$root.partial" >&2
  chroot "$root.partial" apt-get clean
  # D-Bus warns on every start without a machine id.
  printf '%s\n' "$(cat /proc/sys/kernel/random/uuid | tr -d -)" > "$root.partial/etc/machine-id"
  touch "$root.partial/.mona-ready"
  rm -rf "$root"
  mv "$root.partial" "$root"
}

# JSON string escaping for the few values written into OBS's files.
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

write_config() {
  local state=$1 port=$2 password=$3
  local config=$state/home/.config/obs-studio
  mkdir -p "$config/basic/profiles/MonaTest" "$config/basic/scenes" \
    "$config/plugin_config/obs-websocket" "$state/recordings"

  cat > "$config/global.ini" <<INI
[General]
FirstRun=true
LastVersion=503447552
EnableAutoUpdates=false
ConfirmOnExit=false

[Basic]
Profile=MonaTest
ProfileDir=MonaTest
SceneCollection=MonaTest
SceneCollectionFile=MonaTest
INI
  # OBS 30+ keeps its user settings in user.ini; both are read.
  cp "$config/global.ini" "$config/user.ini"

  cat > "$config/basic/profiles/MonaTest/basic.ini" <<INI
[General]
Name=MonaTest

[Video]
BaseCX=640
BaseCY=360
OutputCX=640
OutputCY=360
FPSType=1
FPSInt=30
# No remux to MP4 after a recording: OBS would open its remux dialog, and
# announce the stop only once a person closed it.
AutoRemux=false

[Audio]
SampleRate=48000
ChannelSetup=Stereo

[Output]
Mode=Simple

[SimpleOutput]
FilePath=$state/recordings
RecFormat2=mkv
# A recording encoder of its own ("Stream" shares the stream's, and OBS
# cannot pause such a recording).
RecQuality=Small
RecEncoder=x264
StreamEncoder=x264
Preset=ultrafast
VBitrate=800
ABitrate=128
RecRB=false
INI

  local auth=false
  [[ -n $password ]] && auth=true
  cat > "$config/plugin_config/obs-websocket/config.json" <<JSON
{"first_load": false, "server_enabled": true, "server_port": $port,
 "alerts_enabled": false, "auth_required": $auth, "server_password": $(json_string "$password")}
JSON

  # Colours are 0xAABBGGRR. Each scene item needs its scale.
  item() { # name uuid id visible
    printf '{"name": "%s", "source_uuid": "%s", "id": %s, "visible": %s, "locked": false,
      "pos": {"x": 0.0, "y": 0.0}, "scale": {"x": 1.0, "y": 1.0}, "rot": 0.0, "align": 5,
      "bounds_type": 0, "bounds_align": 0, "bounds": {"x": 0.0, "y": 0.0}}' "$@"
  }
  colour() { # name uuid colour width height
    printf '{"id": "color_source_v3", "versioned_id": "color_source_v3", "name": "%s", "uuid": "%s",
      "enabled": true, "settings": {"color": %s, "width": %s, "height": %s}}' "$@"
  }
  scene() { # name uuid counter items
    printf '{"id": "scene", "versioned_id": "scene", "name": "%s", "uuid": "%s", "enabled": true,
      "settings": {"id_counter": %s, "custom_size": false, "items": [%s]}}' "$@"
  }
  cat > "$config/basic/scenes/MonaTest.json" <<JSON
{
  "name": "MonaTest",
  "current_scene": "Intro",
  "current_program_scene": "Intro",
  "scene_order": [{"name": "Intro"}, {"name": "Live"}, {"name": "Pause"}],
  "current_transition": "Cut",
  "transition_duration": 300,
  "transitions": [],
  "sources": [
    $(colour "Titre" "6d6f6e61-0000-4000-8000-000000000001" 4294934528 640 360),
    $(colour "Fond" "6d6f6e61-0000-4000-8000-000000000002" 4281545523 640 360),
    $(colour "Logo" "6d6f6e61-0000-4000-8000-000000000003" 4278255615 160 90),
    $(colour "Rideau" "6d6f6e61-0000-4000-8000-000000000004" 4287137928 640 360),
    $(scene "Intro" "6d6f6e61-0000-4000-8000-000000000011" 1 "$(item Titre 6d6f6e61-0000-4000-8000-000000000001 1 true)"),
    $(scene "Live" "6d6f6e61-0000-4000-8000-000000000012" 2 "$(item Fond 6d6f6e61-0000-4000-8000-000000000002 1 true), $(item Logo 6d6f6e61-0000-4000-8000-000000000003 2 true)"),
    {"id": "ffmpeg_source", "versioned_id": "ffmpeg_source", "name": "Jingle",
     "uuid": "6d6f6e61-0000-4000-8000-000000000005", "enabled": true,
     "settings": {"is_local_file": true, "local_file": ""}},
    $(scene "Pause" "6d6f6e61-0000-4000-8000-000000000013" 2 "$(item Rideau 6d6f6e61-0000-4000-8000-000000000004 1 true), $(item Jingle 6d6f6e61-0000-4000-8000-000000000005 2 true)")
  ]
}
JSON
}

run() {
  local state=${1:?usage: obs-headless.sh run STATE_DIR PORT [PASSWORD]}
  local port=${2:?usage: obs-headless.sh run STATE_DIR PORT [PASSWORD]}
  local password=${3:-}
  need_root run "$@"
  setup
  mkdir -p "$state"
  state=$(cd "$state" && pwd)
  write_config "$state" "$port" "$password"
  # A mount namespace keeps the mounts private and leaves nothing behind; a
  # PID namespace takes OBS and Xvfb down with this process.
  exec unshare --mount --pid --fork --kill-child --propagation private /bin/bash -c '
    set -e
    root=$1 state=$2
    mount --rbind /dev "$root/dev"
    mount -t proc proc "$root/proc"
    mount -t tmpfs tmpfs "$root/tmp"
    mkdir -p "$root$state"
    mount --bind "$state" "$root$state"
    exec chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME="$state/home" \
      LIBGL_ALWAYS_SOFTWARE=1 QT_QPA_PLATFORM=xcb LANG=C.UTF-8 /bin/bash -c "
        Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>\"\$HOME/display\" >/dev/null 2>&1 &
        for _ in \$(seq 1 100); do [[ -s \$HOME/display ]] && break; sleep 0.05; done
        export DISPLAY=:\$(cat \"\$HOME/display\")
        exec obs --multi --disable-shutdown-check --disable-missing-files-check \
          --collection MonaTest --profile MonaTest
      "
  ' mona-obs "$root" "$state"
}

case "${1:-}" in
  setup) setup ;;
  run) shift; run "$@" ;;
  env) echo "export MONA_OBS_SCRIPT=$here/obs-headless.sh" ;;
  *) echo "usage: $0 setup | run STATE_DIR PORT [PASSWORD] | env" >&2; exit 2 ;;
esac
