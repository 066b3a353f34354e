#!/usr/bin/env bash
# Installs what Fieldbook needs to build (and, with "test", to test) on
# Debian 12 / Ubuntu 24.04: Debian packages when missing, Go modules, and the
# npm packages pinned in the lockfiles. Safe to run again: it only does
# what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-build}

packages=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
if [ "$mode" = test ]; then
  # A virtual display, a session bus, Chromium for the browser tests and
  # ImageMagick for the window screenshot.
  packages+=(xvfb xauth dbus dbus-x11 chromium imagemagick fonts-dejavu-core)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "deps: run as root or install sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Toolchains are not apt packages here: Debian's Go and Node are too old.
need_version() { # name have want
  if [ "$(printf '%s\n%s\n' "$3" "$2" | sort -V | head -n1)" != "$3" ]; then
    echo "deps: $1 $3 or newer is needed, found $2. $4" >&2
    exit 1
  fi
}
command -v go >/dev/null || { echo "deps: Go 1.25+ is needed: https://go.dev/dl/" >&2; exit 1; }
command -v node >/dev/null || { echo "deps: Node.js 20.19+ is needed: https://nodejs.org/" >&2; exit 1; }
need_version Go "$(go env GOVERSION | sed 's/^go//')" 1.25 "Install it from https://go.dev/dl/"
need_version Node.js "$(node --version | sed 's/^v//')" 20.19 "Install it from https://nodejs.org/"

go mod download

npm_ci() { # folder
  # npm writes node_modules/.package-lock.json after a successful install;
  # reinstall only when the lockfile is newer.
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci frontend
[ "$mode" = test ] && npm_ci e2e
exit 0
