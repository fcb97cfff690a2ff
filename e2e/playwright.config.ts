import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { testPort } from "../lib/test/ports";
import { CHROMIUM_PATH } from "./browser";

const PORT = Number(process.env.E2E_PORT ?? testPort(20000));
export const E2E_PG_PORT = testPort(41000);
/** The crash-safety spec runs its own server here. */
export const CRASH_PORT = PORT + 1;
/** A local stand-in for remote asset hosts and callback receivers, allow-listed for the server. */
export const ASSET_PORT = testPort(22000);
/** A webhook receiver of the webhooks spec. */
export const WEBHOOK_TEST_PORT = ASSET_PORT + 1;
export const E2E_AUTH_SECRET = "e2e-secret-0123456789abcdef0123456789";
const root = path.resolve(import.meta.dirname, "..");

/**
 * End-to-end tests against the real server started by `npm start` (production build, embedded
 * PostgreSQL in .e2e-data, in-process worker, real ffmpeg), driven in Debian's Chromium.
 */
export default defineConfig({
  testDir: ".",
  outputDir: path.join(root, "test-results"),
  timeout: 240_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // One worker: on two cores the server, its ffmpeg renders and Chromium already fill the machine.
  // Two workers over the 8 specs that share no fixed port ran 26 tests in 3.0 min against 3.2 min
  // with one, within the noise of a loaded machine; colossyan and regenerate-upscale would also
  // need ASSET_PORT per worker, and the crash-safety kill timing is sensitive to load.
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: path.join(root, "playwright-report") }]],
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // A trace records DOM snapshots and a screencast of every test, passed or not: a quarter of the
    // run's CPU on two cores (the fit, studio and Studio-page specs: 131 busy CPU s with, 100 without).
    // E2E_TRACE=1 keeps it for a failure being chased; the failure's screenshot and page snapshot stay.
    trace: process.env.E2E_TRACE === "1" ? "retain-on-failure" : "off",
    // The studio honours a reduced-motion preference (app/globals.css): spinners and skeletons stand
    // still. Their endless repaints cost the software-rendering browser a sixth of its CPU here.
    reducedMotion: "reduce",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npm start",
    cwd: root,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: path.join(root, ".e2e-data"),
      EMBEDDED_PG_PORT: String(E2E_PG_PORT),
      AUTH_SECRET: E2E_AUTH_SECRET,
      // The fake asset host and webhook receiver are on loopback, which outbound requests may not reach otherwise.
      OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${ASSET_PORT},127.0.0.1:${WEBHOOK_TEST_PORT}`,
      ALLOW_SIGNUP: "true",
      STARTING_CREDITS: "1000",
      VIDEO_WIDTH: "640",
      VIDEO_HEIGHT: "360",
      // Retries (callbacks, webhooks) wait a fifth of production backoff: 1 s, 2 s... rather than 5, 10.
      JOB_RETRY_DELAY_SCALE: "0.2",
    },
  },
});
