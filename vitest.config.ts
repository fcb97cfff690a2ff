import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    environment: "node",
    globalSetup: ["./lib/test/global-setup.ts"],
    // Each file gets its own database (a copy of a template migrated once) and media folder, so
    // files run in parallel. Three workers on two cores: the long files spend most of their time
    // waiting on ffmpeg, espeak-ng and Postgres, not on the test process. VITEST_MAX_WORKERS overrides.
    setupFiles: ["./lib/test/file-setup.ts"],
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 3),
    // Generous: a guard against hangs, not a speed check; the long integration files share two cores with the end-to-end run.
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
