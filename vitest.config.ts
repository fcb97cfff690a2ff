import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

const TEST_DIRS = ["lib", "db", "scripts", "app"];
const root = import.meta.dirname;
/** The root and both projects resolve "@/..." from the checkout's top. */
const resolve = { alias: { "@": root } };

/**
 * Test files that replace module exports (vi.mock, vi.spyOn...) or the clock. They run in a module
 * graph of their own; the others share one per worker: loading the studio's modules again for
 * every file cost a seventh to a quarter of the suite's CPU (two back-to-back runs: 544 and 680
 * busy CPU s isolated, 467 and 511 shared).
 */
function filesNeedingIsolation(): string[] {
  const hazard = /\bvi\.(mock|doMock|spyOn|stubGlobal|stubEnv|useFakeTimers)\(/;
  return TEST_DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".test.ts") && !f.split(path.sep).includes("node_modules"))
      .map((f) => path.join(dir, f))
      .filter((f) => hazard.test(fs.readFileSync(path.join(root, f), "utf8"))),
  );
}

const include = TEST_DIRS.map((dir) => `${dir}/**/*.test.ts`);
const isolated = filesNeedingIsolation();

/** What both projects share; the global setup (one embedded PostgreSQL, one template database) is the root's alone. */
const common = {
  environment: "node" as const,
  // Each file gets its own database (a copy of a template migrated once) and media folder, so
  // files run in parallel; it also closes what the file before it in a shared worker left open.
  setupFiles: ["./lib/test/file-setup.ts"],
  // Generous: a guard against hangs, not a speed check; the long integration files share two cores with the end-to-end run.
  testTimeout: 240_000,
  hookTimeout: 180_000,
};

export default defineConfig({
  resolve,
  test: {
    globalSetup: ["./lib/test/global-setup.ts"],
    // Three workers on two cores: the long files spend most of their time waiting on ffmpeg,
    // espeak-ng and Postgres, not on the test process. VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
    projects: [
      { resolve, test: { ...common, name: "shared", include, exclude: isolated, isolate: false } },
      { resolve, test: { ...common, name: "isolated", include: isolated, isolate: true } },
    ],
  },
});
