import fs from "node:fs";

/**
 * The Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's chromium-headless-shell
 * (the headless-only build of the same Chromium, what Playwright's own headless mode runs; about
 * an eighth less CPU than the full browser here), else Debian's full chromium.
 * scripts/system-deps.sh --with-browser installs the shell, or the full browser when it cannot.
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((p) => fs.existsSync(p)) ?? "/usr/bin/chromium";
