#!/usr/bin/env bash
# What the tests need from the system: Debian's Chromium for Playwright (never `playwright
# install`: it downloads), and a real GlusterFS with an sshd for the storage integration test
# (test/integration/storage/gluster-real.test.ts), and Prometheus with promtool for the metrics
# tests (test/integration/metrics/: a real Prometheus scrapes `serve --demo`, promtool checks and
# unit-tests the shipped rules), and poppler-utils' pdftoppm to turn the incident report's PDF into a PNG
# (test/integration/report/). Installs them when run as root; otherwise names the command to run.
set -uo pipefail
missing=()
command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x /usr/sbin/glusterd ] && [ -x /usr/sbin/gluster ] || missing+=(glusterfs-server)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
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
