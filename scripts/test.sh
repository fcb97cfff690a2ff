#!/usr/bin/env bash
# Every test, in one command (`npm test`): typecheck, unit + integration tests (Vitest, real
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

echo "== unit and integration tests"
npx vitest run

echo "== production build"
npx next build

echo "== end-to-end tests"
rm -rf .e2e-data test-results e2e/artifacts
npx playwright test -c e2e/playwright.config.ts
