#!/usr/bin/env bash
# Every test, in one command (`npm test`): typecheck, lint, unit + integration tests (Vitest, real
# embedded PostgreSQL, real ffmpeg), a production build, then Playwright end-to-end tests in
# Debian's Chromium against the real server.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh --with-browser
if [ ! -d node_modules/next ] || [ ! -f node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

echo "== typecheck"
npx tsc --noEmit

echo "== lint"
npx eslint .
echo "== format"
npx prettier --check .

logs=$(mktemp -d)
strip() { sed -E 's/\x1b\[[0-9;]*m//g' "$1"; }

echo "== unit and integration tests"
npx vitest run 2>&1 | tee "$logs/vitest.log"

echo "== production build"
npx next build

echo "== end-to-end tests"
rm -rf .e2e-data test-results e2e/artifacts
npx playwright test -c e2e/playwright.config.ts 2>&1 | tee "$logs/e2e.log"

unit=$(strip "$logs/vitest.log" | grep -E '^ +Tests +[0-9]+ passed' | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' | head -n1)
e2e=$(strip "$logs/e2e.log" | grep -E '^ +[0-9]+ passed' | grep -oE '[0-9]+' | head -n1)
echo
echo "unit+integration ${unit:-0}, end-to-end ${e2e:-0}"
echo "tests: $(( ${unit:-0} + ${e2e:-0} )) passed, 0 failed"
