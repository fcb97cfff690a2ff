// ESLint flat config (`npm run lint`). Type-aware typescript-eslint rules are the point: a drizzle query
// runs only when awaited, so a floating promise is a silent no-op (no-floating-promises, no-misused-promises).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

/** Modules the worker and the CLI load too: they must not pull in the request (Next.js) or the session (lib/auth). */
const workerSafe = ["db/**", "lib/validation/**", "lib/composition/**", "lib/render/**", "lib/providers/**", "lib/jobs/**", "lib/net/**"];

const requestOnly = {
  paths: [
    { name: "next", message: "Worker-loaded modules must not import Next.js (CONTRIBUTING.md, Rules)." },
    { name: "server-only", message: "The worker and CLI load this module too; server-only would make them throw." },
  ],
  patterns: [
    { group: ["next/*"], message: "Worker-loaded modules must not import Next.js (CONTRIBUTING.md, Rules)." },
    // Auth.js's Next.js package loads next/* itself.
    { group: ["next-auth", "next-auth/*"], message: "Worker-loaded modules must not import Auth.js: it loads Next.js." },
    {
      regex: "^(@/lib/auth|(\\.\\./)+(lib/)?auth)(/|$)",
      message: "Worker-loaded modules must not import lib/auth: take the user or workspace as an argument instead.",
    },
  ],
};

export default defineConfig([
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "data/**",
    ".e2e-data/**",
    ".test-data/**",
    "test-results/**",
    "playwright-report/**",
    "e2e/artifacts/**",
    "bench/out/**",
    "next-env.d.ts",
    // shadcn/ui output: changed through the shadcn CLI only, so findings there are not ours to fix.
    "components/ui/**",
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // An async function without await is how a provider or test double implements a Promise-returning
      // interface; what matters, an unawaited promise, is no-floating-promises' job.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Where React lives; a test helper such as useJobWorker() is a Vitest hook, not a React one.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/hooks/**/*.{ts,tsx}", "lib/**/*.tsx"],
    ignores: ["**/*.test.ts"],
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs["core-web-vitals"].rules,
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // next.config.mjs, postcss.config.mjs, scripts/server.mjs are outside the TypeScript project.
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    // Node's globals, listed rather than taken from the `globals` package for three small files.
    languageOptions: {
      globals: Object.fromEntries(
        ["process", "console", "URL", "Buffer", "setTimeout", "clearTimeout", "setInterval", "clearInterval"].map((g) => [g, "readonly"]),
      ),
    },
  },
  {
    // Tests read JSON bodies as `any` (Response.json(), Playwright's APIResponse.json()) and assert on
    // their shape; typing every body would restate the API in the tests. Promise rules stay on: a
    // missing `await expect(...)` is a check that never runs.
    files: ["e2e/**/*.ts", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  {
    files: workerSafe,
    rules: { "no-restricted-imports": ["error", requestOnly] },
  },
]);
