import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import * as twinRoute from "@/app/api/v1/public/twins/[twinId]/route";
import * as twinsRoute from "@/app/api/v1/public/twins/route";
import { GET as getPersons } from "@/app/api/v1/persons/route";
import { GET as getActors } from "@/app/api/v1/assets/actors/route";
import { listCharacters } from "@/lib/characters/service";
import { makeStory } from "@/lib/test/factories";
import { apiClient } from "./test-client";

// Auth.js's Next.js entry does not load outside Next.js; these routes take API keys, never the session.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

afterAll(() => closeDb());

const seedBody = {
  name: "Tech Creator",
  voice_id: "en-US-Neural2-A",
  style_tags: ["casual", "educational"],
  persona_prompt: "You are an engaging tech educator who explains complex topics simply.",
  platform_defaults: { tiktok: { caption_style: "short" }, instagram: { caption_style: "hashtag-heavy" } },
};

describe("the twins API (/api/v1/public/twins)", () => {
  it("creates, lists, gets, patches and soft-deletes a twin as the seed documents", async () => {
    const { call } = await apiClient();
    const created = await call(twinsRoute.POST, "/api/v1/public/twins", { method: "POST", body: seedBody });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body).toMatchObject({
      name: "Tech Creator",
      memory_namespace: `twin_${id}`,
      style_tags: ["casual", "educational"],
      voice_id: "en-US-Neural2-A",
      persona_prompt: seedBody.persona_prompt,
      platform_defaults: seedBody.platform_defaults,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const list = await call(twinsRoute.GET, "/api/v1/public/twins");
    expect(list.status).toBe(200);
    expect(list.body.map((t) => t.id)).toEqual([id]);

    const params = { twinId: id };
    expect((await call(twinRoute.GET, `/api/v1/public/twins/${id}`, { params })).body).toEqual(created.body);

    const patched = await call(twinRoute.PATCH, `/api/v1/public/twins/${id}`, {
      method: "PATCH",
      params,
      body: { persona_prompt: "Updated persona...", memory_notes: ["Grew up in Lisbon", "Never mentions competitors"] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      persona_prompt: "Updated persona...",
      name: "Tech Creator",
      style_tags: ["casual", "educational"],
      platform_defaults: seedBody.platform_defaults,
      memory_notes: ["Grew up in Lisbon", "Never mentions competitors"],
    });
    const cleared = await call(twinRoute.PATCH, `/api/v1/public/twins/${id}`, { method: "PATCH", params, body: { voice_id: null } });
    expect(cleared.body.voice_id).toBeNull();

    const deleted = await call(twinRoute.DELETE, `/api/v1/public/twins/${id}`, { method: "DELETE", params });
    expect([deleted.status, deleted.body]).toEqual([204, null]);
    for (const handler of [twinRoute.GET, twinRoute.DELETE]) {
      const gone = await call(handler, `/api/v1/public/twins/${id}`, { method: handler === twinRoute.GET ? "GET" : "DELETE", params });
      expect([gone.status, gone.body.detail]).toEqual([404, "Twin not found"]);
    }
    const again = await call(twinRoute.PATCH, `/api/v1/public/twins/${id}`, { method: "PATCH", params, body: { name: "Back" } });
    expect(again.status).toBe(404);
    expect((await call(twinsRoute.GET, "/api/v1/public/twins")).body).toEqual([]);
    // Soft: the row is kept, marked deleted.
    const [row] = await getDb().select().from(characters).where(eq(characters.publicId, id));
    expect(row.deletedAt).toBeInstanceOf(Date);
  });

  it("hides a deleted twin from the other dialects and the studio's services too", async () => {
    const { call, account } = await apiClient();
    const created = await call(twinsRoute.POST, "/api/v1/public/twins", { method: "POST", body: { name: "Gone soon" } });
    const [row] = await getDb()
      .select()
      .from(characters)
      .where(eq(characters.publicId, created.body.id as string));
    const project = await makeStory(account, row.id, { idea: "A baker opens a shop by the sea and wins the town over" });
    await call(twinRoute.DELETE, "/api/v1/public/twins/x", { method: "DELETE", params: { twinId: created.body.id as string } });

    expect((await call(getPersons, "/api/v1/persons")).body).toEqual([]);
    expect((await call(getActors, "/api/v1/assets/actors")).body).toEqual([]);
    expect(await listCharacters(getDb(), { workspaceId: account.workspaceId })).toEqual([]);
    const { GET: getPerson } = await import("@/app/api/v1/persons/[personId]/route");
    expect((await call(getPerson, `/api/v1/persons/${row.id}`, { params: { personId: String(row.id) } })).status).toBe(404);
    // A story of it cannot be written any more; its old project stays, starring no one.
    await expect(makeStory(account, row.id, { idea: "A second story about the same baker by the sea" })).rejects.toThrow(/Character not found/);
    const { listProjects } = await import("@/lib/projects/queries");
    const [listed] = await listProjects(getDb(), { workspaceId: account.workspaceId });
    expect(listed).toMatchObject({ project: { id: project.id }, characterName: null });
  });

  it("refuses what the seed calls errors: 401 without or with a bad key, 404 elsewhere, 400 and 422 naming the field", async () => {
    const a = await apiClient();
    const b = await apiClient();
    const mine = await a.call(twinsRoute.POST, "/api/v1/public/twins", { method: "POST", body: { name: "Mine" } });
    const params = { twinId: mine.body.id as string };

    const noKey = await a.call(twinsRoute.GET, "/api/v1/public/twins", { key: null });
    expect([noKey.status, noKey.body.detail]).toEqual([401, "Missing API key: send it in the X-API-Key header"]);
    expect((await a.call(twinsRoute.GET, "/api/v1/public/twins", { key: "ctw_not-a-real-key" })).status).toBe(401);
    expect((await a.call(twinRoute.GET, "/x", { key: null, params })).status).toBe(401);

    expect((await b.call(twinRoute.GET, "/x", { params })).status).toBe(404);
    expect((await b.call(twinRoute.PATCH, "/x", { method: "PATCH", params, body: { name: "Stolen" } })).status).toBe(404);
    expect((await b.call(twinRoute.DELETE, "/x", { method: "DELETE", params })).status).toBe(404);
    expect((await a.call(twinRoute.GET, "/x", { params: { twinId: "not-a-uuid" } })).status).toBe(404);
    expect((await a.call(twinRoute.GET, "/x", { params: { twinId: "645b5b56-f879-4f2f-8ccc-106e8912f522" } })).status).toBe(404);
    expect((await a.call(twinRoute.GET, "/x", { params })).body.name).toBe("Mine");

    const post = (body: unknown) => a.call(twinsRoute.POST, "/api/v1/public/twins", { method: "POST", body });
    const unknownVoice = await post({ name: "V", voice_id: "klingon-warrior" });
    expect(unknownVoice.status).toBe(400);
    expect(unknownVoice.body).toMatchObject({ field: "voice_id", code: "bad_request" });
    expect(unknownVoice.body.detail).toMatch(/^voice_id: there is no voice "klingon-warrior"; available: local-en-us-slt, local-en-us, local-en-us-f3,/);

    const platform = await post({ name: "P", platform_defaults: { facebook: { caption_style: "short" } } });
    expect([platform.status, platform.body.field]).toEqual([400, "platform_defaults.facebook"]);
    expect(platform.body.detail).toContain("facebook is not a platform; use instagram, tiktok, linkedin, youtube");
    const setting = await post({ name: "P", platform_defaults: { tiktok: { caption_stlye: "short" } } });
    expect([setting.status, setting.body.field]).toEqual([400, "platform_defaults.tiktok"]);
    const long = await post({ name: "x".repeat(81) });
    expect([long.status, long.body.field, long.body.detail]).toEqual([400, "name", "name must be at most 80 characters"]);

    const missing = await post({ voice_id: "en-US-Neural2-A" });
    expect([missing.status, missing.body.field, missing.body.detail]).toEqual([422, "name", "name is required"]);
    const wrongType = await post({ name: "T", style_tags: "casual" });
    expect([wrongType.status, wrongType.body.field]).toEqual([422, "style_tags"]);
    const notJson = await post("{name:");
    expect([notJson.status, notJson.body.detail]).toEqual([422, "Request body is not valid JSON"]);
    const emptyPatch = await a.call(twinRoute.PATCH, "/x", { method: "PATCH", params, body: {} });
    expect([emptyPatch.status, emptyPatch.body.detail]).toEqual([400, "Give at least one field to update"]);
    expect(await listCharacters(getDb(), { workspaceId: a.account.workspaceId })).toHaveLength(1);
  });
});
