#!/usr/bin/env bash
# What the tests need from the system: Debian's Chromium for Playwright (never `playwright
# install`: it downloads). Installs it when run as root; otherwise names the command to run.
set -uo pipefail
missing=()
command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages the tests need: ${missing[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/tmp/fleetscope-apt.log 2>&1 \
    || { echo "apt-get failed (log: /tmp/fleetscope-apt.log)"; tail -20 /tmp/fleetscope-apt.log; exit 1; }
  exit 0
fi
echo "The tests need these Debian packages: ${missing[*]}. Install them with:"
echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
exit 1
