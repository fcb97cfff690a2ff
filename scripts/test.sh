#!/usr/bin/env bash
# Every test, in one command (`npm test`): typecheck, lint, format, unit + integration tests (Vitest,
# real embedded PostgreSQL, real ffmpeg), a production build, then Playwright end-to-end tests in
# Debian's Chromium against the real server.
#
# On two cores the steps overlap where they do not wait on each other: the build starts beside the
# format and lint checks (Next's own TypeScript pass is skipped: tsc checks the whole project, route
# types included, once the build has written them), and Vitest runs beside the end-to-end tests,
# which wait on the server's renders more than on the CPU. What runs beside the build and the
# end-to-end run gets only the CPU they leave (see spare, below).
# Each step writes its own log; a failed step's log is printed whole and the command fails.
# TEST_SERIAL=1 runs the steps one after another instead (easier to read, slower).
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh --with-browser
if [ ! -d node_modules/next ] || [ ! -f node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

logs=$(mktemp -d)
strip() { sed -E 's/\x1b\[[0-9;]*m//g' "$1"; }
started=$(date +%s)
declare -A pids=()

# start NAME COMMAND...: runs COMMAND in the background, its output in $logs/NAME.log.
start() {
  local name=$1
  shift
  echo "== $name: started at +$(($(date +%s) - started)) s"
  ("$@" >"$logs/$name.log" 2>&1) &
  pids[$name]=$!
  if [ "${TEST_SERIAL:-}" = "1" ]; then finish "$name"; fi
}

killtree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do killtree "$child"; done
  kill "$1" 2>/dev/null || true
}

# finish NAME: waits for NAME; on failure prints its log and stops everything.
finish() {
  local name=$1 pid=${pids[$1]:-}
  [ -z "$pid" ] && return 0
  unset "pids[$name]"
  if wait "$pid"; then
    echo "== $name: passed at +$(($(date +%s) - started)) s"
  else
    echo "== $name: FAILED at +$(($(date +%s) - started)) s; its output:"
    cat "$logs/$name.log"
    for other in "${!pids[@]}"; do killtree "${pids[$other]}"; done
    wait 2>/dev/null || true
    exit 1
  fi
}

# tsc reads the route types the build writes under .next/types, so it starts once the build is done.
static() { spare npx prettier --check . --log-level warn && spare npx eslint .; }
build() { CINETWIN_SKIP_BUILD_TYPECHECK=1 npx next build; }
e2e() {
  rm -rf .e2e-data test-results e2e/artifacts
  npx playwright test -c e2e/playwright.config.ts
}

# spare COMMAND...: runs COMMAND on the CPU the longest path leaves over (Linux's SCHED_IDLE class).
# The build and then the end-to-end run are that path: they wait on the server, the browser and
# ffmpeg in many short hops, and `nice -n 10` still let Vitest's workers sit on a core at each hop.
# Two full runs with nice: 523 and 526 s, 981 and 1005 busy CPU s; two with SCHED_IDLE: 462 and
# 460 s, 898 and 902 busy CPU s (not measured apart; likely the end-to-end run's page timers and
# polling, which cost per second it lasts). Where chrt cannot set the class, nice is the fallback.
if chrt --idle 0 true 2>/dev/null; then spare() { chrt --idle 0 "$@"; }; else spare() { nice -n 19 "$@"; }; fi
start format-lint static
start build build
finish build
start e2e e2e
start vitest spare npx vitest run
start typecheck spare npx tsc --noEmit
finish format-lint
finish typecheck
finish vitest
finish e2e

echo
tail -n 6 "$logs/vitest.log"
tail -n 3 "$logs/e2e.log"
unit=$(strip "$logs/vitest.log" | grep -E '^ +Tests +[0-9]+ passed' | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' | head -n1)
e2e=$(strip "$logs/e2e.log" | grep -E '^ +[0-9]+ passed' | grep -oE '[0-9]+' | head -n1)
echo "unit+integration ${unit:-0}, end-to-end ${e2e:-0}, in $(($(date +%s) - started)) s"
echo "tests: $((${unit:-0} + ${e2e:-0})) passed, 0 failed"
