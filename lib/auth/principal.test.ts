import { count, eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { apiTokens } from "@/db/schema/accounts";
import { webhookEndpoints } from "@/db/schema/webhooks";
import { POST as createApiTokenRoute } from "@/app/api/v1/api-tokens/route";
import { POST as voiceCloneRoute } from "@/app/api/v1/voice-clone/clone/route";
import { POST as createWebhookRoute } from "@/app/api/v1/webhooks/route";
import { makeAccount } from "@/lib/test/factories";
import { issueApiToken } from "./api-tokens";

// The browser session, as Auth.js would read it from the cookie: these tests are about what a
// request carrying it may do, not about reading cookies.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; workspaceId: string } } }));
vi.mock("@/lib/auth/auth", () => ({ auth: () => Promise.resolve(session.current) }));

afterAll(() => closeDb());

const STUDIO = "http://studio.local:3000";
const ctx = { params: Promise.resolve({}) };

function post(path: string, headers: Record<string, string>, body: BodyInit) {
  return new Request(`${STUDIO}${path}`, { method: "POST", headers: { host: "studio.local:3000", ...headers }, body });
}

async function signedIn() {
  const a = await makeAccount();
  session.current = { user: { id: a.userId, workspaceId: a.workspaceId } };
  return a;
}

const tokensOf = async (workspaceId: string) => (await getDb().select({ n: count() }).from(apiTokens).where(eq(apiTokens.workspaceId, workspaceId)))[0].n;
const webhooksOf = async (workspaceId: string) =>
  (await getDb().select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId)))[0].n;

beforeEach(() => {
  session.current = null;
});

describe("writes with the session cookie", () => {
  it("a cross-origin text/plain POST is a 403 in the route's error shape and creates nothing", async () => {
    const a = await signedIn();
    const body = JSON.stringify({ name: "planted", url: "https://hooks.example.com/x" });
    for (const [route, path, created] of [
      [createApiTokenRoute, "/api/v1/api-tokens", tokensOf],
      [createWebhookRoute, "/api/v1/webhooks", webhooksOf],
    ] as const) {
      const res = await route(post(path, { origin: "http://evil.example", "content-type": "text/plain" }, body), ctx);
      expect(res.status, path).toBe(403);
      expect(await res.json()).toEqual({ detail: expect.stringMatching(/^Cross-origin request refused/), code: "forbidden" });
      // From our own origin text/plain is refused too: the type check stands should the origin check ever be fooled.
      const plain = await route(post(path, { origin: STUDIO, "content-type": "text/plain" }, body), ctx);
      expect(plain.status, path).toBe(403);
      expect((await plain.json()).detail).toMatch(/^Send the request body as application\/json/);
      expect(await created(a.workspaceId), path).toBe(0);
    }
  });

  it("a same-origin JSON POST still works", async () => {
    const a = await signedIn();
    const res = await createApiTokenRoute(
      post("/api/v1/api-tokens", { origin: STUDIO, "content-type": "application/json" }, JSON.stringify({ name: "mine" })),
      ctx,
    );
    expect(res.status).toBe(201);
    // A browser may leave Origin out of a same-origin request; its Sec-Fetch-Site then vouches for it.
    const fetched = await createWebhookRoute(
      post("/api/v1/webhooks", { "sec-fetch-site": "same-origin", "content-type": "application/json" }, JSON.stringify({ url: "https://hooks.example.com/x" })),
      ctx,
    );
    expect(fetched.status).toBe(201);
    expect([await tokensOf(a.workspaceId), await webhooksOf(a.workspaceId)]).toEqual([1, 1]);
  });

  it("the voice-clone upload takes multipart from our own origin, not from another", async () => {
    await signedIn();
    const form = () => {
      const f = new FormData();
      f.set("person_id", "999999");
      return f;
    };
    const foreign = await voiceCloneRoute(post("/api/v1/voice-clone/clone", { origin: "http://evil.example" }, form()), ctx);
    expect(foreign.status).toBe(403);
    // Past the origin and type checks: the (unknown) person is what stops it.
    const own = await voiceCloneRoute(post("/api/v1/voice-clone/clone", { origin: STUDIO }, form()), ctx);
    expect(own.status).toBe(404);
  });

  it("token requests are not checked: a script's text/plain POST from anywhere is its own business", async () => {
    const a = await makeAccount();
    const { token } = await issueApiToken(getDb(), a, { name: "script" });
    const res = await createApiTokenRoute(
      post(
        "/api/v1/api-tokens",
        { origin: "http://elsewhere.example", "content-type": "text/plain", authorization: `Bearer ${token}` },
        JSON.stringify({ name: "from a script" }),
      ),
      ctx,
    );
    expect(res.status).toBe(201);
  });
});
