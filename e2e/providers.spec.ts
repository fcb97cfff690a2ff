import http from "node:http";
import { startFakeOpenAI } from "../lib/providers/fakes/openai";
import { createApiUser, expect, screenshots, test } from "./fixtures";
import { AuthPages } from "./pages/studio";
import { ASSET_PORT } from "./playwright.config";

/**
 * Settings > Providers, the golden path: the owner sets an OpenAI-compatible story writer with a
 * key, sees only ••••last4, tests the connection against the OpenAI fake (on the allow-listed
 * port: a workspace's base URL is not trusted like the operator's), then removes the setting.
 */
test("a workspace sets a provider with a key, tests it and removes it", async ({ page, request }) => {
  const key = "sk-e2e-provider-4321";
  // The fake listens on a random port; a proxy on the allow-listed one forwards to it.
  const fake = await startFakeOpenAI({ apiKey: key });
  const target = new URL(fake.url);
  const proxy = http.createServer((req, res) => {
    const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => proxy.listen(ASSET_PORT, "127.0.0.1", () => r()));
  try {
    const user = await createApiUser(request);
    await new AuthPages(page).signIn(user.email, user.password);
    await page.goto("/settings");
    const providers = page.getByRole("region", { name: "Providers" });
    await expect(providers.getByTestId("offline-summary")).toContainText("Story writer");

    const row = providers.getByTestId("provider-story");
    await row.getByRole("button", { name: "Edit Story writer provider" }).click();
    await row.getByLabel("Provider", { exact: true }).selectOption("openai");
    await row.getByLabel("Base URL", { exact: true }).fill(`http://127.0.0.1:${ASSET_PORT}/v1`);
    await row.getByLabel("API key", { exact: true }).fill(key);
    await row.getByLabel(/Offline fallback/).click();
    await row.getByRole("button", { name: "Save", exact: true }).click();
    // Closed, the form's own "OpenAI-compatible" option is gone and only the row's badge says it.
    await expect(row.getByRole("button", { name: "Edit Story writer provider" })).toHaveText("Edit");
    await expect(row.getByText("OpenAI-compatible", { exact: true })).toBeVisible();
    expect(await page.content()).not.toContain(key);

    await row.getByRole("button", { name: "Edit Story writer provider" }).click();
    await expect(row.getByTestId("story-key")).toHaveText("••••4321");
    await screenshots(page, "settings-providers");
    await row.getByRole("button", { name: "Test saved connection" }).click();
    await expect(row.getByRole("status")).toHaveText("OK: OpenAI answered");
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models", auth: `Bearer ${key}` });

    await row.getByRole("button", { name: "Use server default" }).click();
    // The form closes once the setting is gone; until then its own "offline" words are on the row too.
    await expect(row.getByRole("button", { name: "Edit Story writer provider" })).toHaveText("Edit");
    await expect(row.getByText("Offline", { exact: true })).toBeVisible();
    await expect(row.getByText("Offline fallback", { exact: true })).toHaveCount(0);
    await expect(providers.getByTestId("offline-summary")).toContainText("Story writer");
  } finally {
    await new Promise<void>((r) => proxy.close(() => r()));
    await fake.close();
  }
});
