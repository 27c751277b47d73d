#!/usr/bin/env bash
# `npm test`: lint, type checks, build, unit + integration (vitest) and end-to-end (Playwright
# driving Debian's Chromium). Ends with one line `N passed, N failed` summed over every stage.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 FORCE_COLOR=0
export ELECTRON_OVERRIDE_DIST_PATH="${ELECTRON_OVERRIDE_DIST_PATH:-/nonexistent}"   # requiring electron never downloads
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
LOG=out/test-logs; mkdir -p "$LOG"
pass=0; fail=0

bash scripts/ensure-system-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

# A stage that is itself one check (lint, types, build) counts once.
check() { local name=$1; shift; local t0=$SECONDS
  if "$@" >"$LOG/$name.log" 2>&1; then echo "ok   $name ($((SECONDS-t0)) s)"; pass=$((pass+1))
  else echo "FAIL $name ($((SECONDS-t0)) s) — last lines of $LOG/$name.log:"; tail -40 "$LOG/$name.log"; fail=$((fail+1)); fi; }
# A stage that runs tests counts its tests, from the runner's own `N passed, N failed` line. It is
# stopped (its whole process group) after `limit` seconds, about three times its usual length: a
# test that hangs then fails the run with the log, instead of the run never ending.
suite() { local name=$1 limit=$2; shift 2; local t0=$SECONDS rc line p q
  timeout --kill-after=30 "$limit" "$@" >"$LOG/$name.log" 2>&1; rc=$?
  [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && echo "$name: stopped after $limit s (its limit): the tests it was running have no result line above" >>"$LOG/$name.log"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$LOG/$name.log" | tail -1)
  p=${line%% passed*}; q=${line#*passed, }; q=${q%% failed*}
  [ -n "$line" ] || { p=0; q=1; }
  [ "$rc" -ne 0 ] && [ "${q:-0}" -eq 0 ] && q=1
  pass=$((pass+p)); fail=$((fail+q))
  if [ "$rc" -eq 0 ]; then echo "ok   $name: $line ($((SECONDS-t0)) s)"
  else echo "FAIL $name: ${line:-no summary} ($((SECONDS-t0)) s)"
    # The failing tests' names first: a long log's tail can hide them.
    grep -E '^ *(×|✘|FAIL) |^ +[0-9]+\) \[' "$LOG/$name.log" | head -20
    echo "— last lines of $LOG/$name.log:"; tail -60 "$LOG/$name.log"; fi; }

check lint npm run -s lint
check typecheck npm run -s typecheck
check build node scripts/build.mjs
suite unit-integration 2700 npx vitest run
suite e2e 1200 npx playwright test --project=debian-chromium
echo "${pass} passed, ${fail} failed"
[ "$fail" -eq 0 ]
