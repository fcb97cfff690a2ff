import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { scenes } from "@/db/schema/projects";
import { workspaceProviders } from "@/db/schema/providers";
import { getProject } from "@/lib/projects/queries";
import { regenerateScene } from "@/lib/projects/regenerate";
import { startUpscale } from "@/lib/projects/upscale";
import { makeAccount, makeApprovedStory, makeCharacter } from "@/lib/test/factories";
import { waitForProject, waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { testProviderConnection } from "./connection-test";
import { startFakeOpenAI, type FakeOpenAI } from "./fakes/openai";
import { fakeHeyGenEnv, startFakeHeyGen } from "./fakes/heygen";
import { startFakeReplicate } from "./fakes/replicate";
import { LocalImageProvider } from "./image/local";
import { OpenAIImageProvider } from "./image/openai";
import { dropOfflineNotes, providerChoice, providerFor } from "./settings";
import { listProviderSettings, saveProviderSetting } from "./settings-store";

/**
 * Settings > Providers against the real database and the OpenAI fake: keys sealed at rest,
 * workspace > env > local, a workspace base URL checked by the outbound guard, the connection
 * test, and a scene made offline when the vendor refuses and fallback is on.
 */

useJobWorker();

const KEY = "sk-workspace-secret-9876";
let fake: FakeOpenAI;
let other: FakeOpenAI;
const saved = { OPENAI_BASE_URL: process.env.OPENAI_BASE_URL, OPENAI_API_KEY: process.env.OPENAI_API_KEY, IMAGE_PROVIDER: process.env.IMAGE_PROVIDER };

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
  other = await startFakeOpenAI({ apiKey: KEY });
  // The operator's address (trusted by the guard); `other` is on loopback too but named by no operator.
  process.env.OPENAI_BASE_URL = fake.url;
  process.env.OPENAI_TIMEOUT_MS = "5000";
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  await fake.close();
  await other.close();
});

const input = (over: Partial<Parameters<typeof saveProviderSetting>[2]> = {}) => ({
  capability: "image" as const,
  providerId: "openai" as const,
  model: null,
  baseUrl: null,
  apiKey: KEY,
  removeKey: false,
  fallbackToOffline: false,
  ...over,
});

describe("workspace provider settings", () => {
  it("seals the key: never in clear in the database or the page's view, only its last 4; the owner alone may change it", async () => {
    const a = await makeAccount();
    await saveProviderSetting(getDb(), a, input());
    const [row] = await getDb().select().from(workspaceProviders).where(eq(workspaceProviders.workspaceId, a.workspaceId));
    expect(JSON.stringify(row)).not.toContain(KEY);
    expect(row.sealedKey).toMatch(/^v1\./);
    expect(row.keyLast4).toBe("9876");
    const view = await listProviderSettings(getDb(), a.workspaceId);
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect(view.find((v) => v.capability === "image")?.saved?.keyLast4).toBe("9876");
    expect((await providerChoice(getDb(), a.workspaceId, "image")).config?.apiKey).toBe(KEY);

    // Replacing other fields keeps the key; removing it forgets it.
    await saveProviderSetting(getDb(), a, input({ apiKey: null, model: "dall-e-3" }));
    expect((await providerChoice(getDb(), a.workspaceId, "image")).config).toMatchObject({ apiKey: KEY, model: "dall-e-3" });
    await saveProviderSetting(getDb(), a, input({ apiKey: null, removeKey: true }));
    expect((await providerChoice(getDb(), a.workspaceId, "image")).config?.apiKey).toBeNull();

    const b = await makeAccount();
    await expect(saveProviderSetting(getDb(), { userId: b.userId, workspaceId: a.workspaceId }, input())).rejects.toMatchObject({ code: "forbidden" });
  });

  it("resolves workspace > env > local", async () => {
    const a = await makeAccount();
    delete process.env.IMAGE_PROVIDER;
    expect(await providerChoice(getDb(), a.workspaceId, "image")).toMatchObject({ source: "default", id: "local" });
    expect((await providerFor(getDb(), a.workspaceId, "image")).provider).toBeInstanceOf(LocalImageProvider);
    process.env.IMAGE_PROVIDER = "fal";
    expect(await providerChoice(getDb(), a.workspaceId, "image")).toMatchObject({ source: "env", id: "fal" });
    await saveProviderSetting(getDb(), a, input());
    expect(await providerChoice(getDb(), a.workspaceId, "image")).toMatchObject({ source: "workspace", id: "openai" });
    expect((await providerFor(getDb(), a.workspaceId, "image")).provider).toBeInstanceOf(OpenAIImageProvider);
    delete process.env.IMAGE_PROVIDER;
  });

  it("tests a connection: OK through the operator's trusted address, the vendor's words for a bad key, refused for a workspace base URL on loopback", async () => {
    expect(await testProviderConnection("image", { id: "openai", model: null, baseUrl: null, apiKey: KEY })).toEqual({
      ok: true,
      message: "OK: OpenAI answered",
    });
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models", auth: `Bearer ${KEY}` });
    const wrong = await testProviderConnection("story", { id: "openai", model: null, baseUrl: null, apiKey: "sk-wrong" });
    expect(wrong).toEqual({ ok: false, message: "OpenAI connection test: OpenAI refused the API key (Incorrect API key provided.)" });
    const before = other.requests.length;
    const guarded = await testProviderConnection("image", { id: "openai", model: null, baseUrl: other.url, apiKey: KEY });
    expect(guarded.ok).toBe(false);
    expect(guarded.message).toMatch(/address is not allowed/);
    expect(other.requests.length).toBe(before);
  });

  it("keeps both notes when the frame and the narration, made at once, both fall back offline", async () => {
    const a = await makeAccount();
    await saveProviderSetting(getDb(), a, input({ apiKey: "sk-refused", fallbackToOffline: true }));
    await saveProviderSetting(getDb(), a, input({ capability: "speech", apiKey: "sk-refused", fallbackToOffline: true }));
    const c = await makeCharacter(a);
    const { project } = await makeApprovedStory(a, c.id, { idea: "A lighthouse keeper answers a letter", numScenes: 2 });
    await waitForProject(project.id, "completed");
    for (const s of await getDb().select().from(scenes).where(eq(scenes.projectId, project.id))) {
      // In the order the two fell back.
      expect(s.providerNote!.split("; ").sort()).toEqual([
        "Frame made offline: openai failed: OpenAI image: OpenAI refused the API key (Incorrect API key provided.)",
        expect.stringMatching(/^Narration made offline: openai failed: .*refused the API key/),
      ]);
    }
  });

  it("makes the frame offline when the vendor refuses and fallback is on, and the scene says why", async () => {
    const a = await makeAccount();
    await saveProviderSetting(getDb(), a, input({ apiKey: "sk-refused", fallbackToOffline: true }));
    const c = await makeCharacter(a);
    const { project } = await makeApprovedStory(a, c.id, { idea: "A founder pitches a robot to a room of investors", numScenes: 2 });
    await waitForProject(project.id, "completed");
    const rows = await getDb().select().from(scenes).where(eq(scenes.projectId, project.id));
    for (const s of rows)
      expect(s.providerNote).toBe("Frame made offline: openai failed: OpenAI image: OpenAI refused the API key (Incorrect API key provided.)");

    // Back to the offline painter: a scene painted again no longer says its frame was made offline; the other still does.
    await getDb().delete(workspaceProviders).where(eq(workspaceProviders.workspaceId, a.workspaceId));
    await regenerateScene(getDb(), {
      workspaceId: a.workspaceId,
      projectId: project.id,
      sceneNumber: 1,
      input: { regenerateImage: true, regenerateVideo: true },
    });
    await waitForProject(project.id, "completed");
    const after = await getDb().select().from(scenes).where(eq(scenes.projectId, project.id)).orderBy(scenes.sceneNumber);
    expect(after.map((s) => s.providerNote)).toEqual([null, rows.find((r) => r.sceneNumber === 2)!.providerNote]);

    // An upscale the vendor refuses is made offline too, and the project says so beside the upscaled video.
    const replicate = await startFakeReplicate({ token: "r8_right" });
    const env = { ...process.env };
    Object.assign(process.env, { REPLICATE_BASE_URL: replicate.url, REPLICATE_POLL_MS: "5", REPLICATE_TIMEOUT_MS: "5000" });
    try {
      await saveProviderSetting(getDb(), a, input({ capability: "upscale", providerId: "replicate", apiKey: "r8_wrong", fallbackToOffline: true }));
      await startUpscale(getDb(), { workspaceId: a.workspaceId, projectId: project.id });
      const up = await waitUntil(
        "the upscale",
        () => getProject(getDb(), { projectId: project.id, workspaceId: a.workspaceId }),
        (p) => p.upscaleStatus !== "upscaling",
      );
      expect(up).toMatchObject({
        upscaleStatus: "completed",
        upscaleNote: expect.stringMatching(/^Upscale made offline: replicate failed: .*refused the API key/),
      });
      expect(replicate.state.auths).toContain("Bearer r8_wrong");
      expect(replicate.state.submits).toBe(0);
    } finally {
      process.env = env;
      await replicate.close();
    }
  });
});

describe("a story's talking head with the offline fallback", () => {
  it("animates the photo in-house when HeyGen fails the job, says so on the scene, and the stitch does not ask HeyGen again", async () => {
    const heygen = await startFakeHeyGen({ apiKey: "hg-workspace" });
    const env = { ...process.env };
    // The operator's HeyGen address (trusted); the workspace's own key and choice.
    Object.assign(process.env, fakeHeyGenEnv(heygen, "hg-operator"), { HEYGEN_POLL_MS: "5" });
    try {
      const a = await makeAccount();
      await saveProviderSetting(getDb(), a, input({ capability: "talking-head", providerId: "heygen", apiKey: "hg-workspace", fallbackToOffline: true }));
      heygen.knobs.failJob = true;
      const c = await makeCharacter(a);
      const { project } = await makeApprovedStory(a, c.id, { idea: "A baker opens her shop at dawn", numScenes: 2, useAvatarLastScene: true });
      await waitForProject(project.id, "completed");
      const rows = await getDb().select().from(scenes).where(eq(scenes.projectId, project.id)).orderBy(scenes.sceneNumber);
      expect(rows.map((r) => r.cameraMove)).toEqual([expect.not.stringMatching(/talking-head/), "talking-head"]);
      expect(rows[0].providerNote).toBeNull();
      expect(rows[1].providerNote).toMatch(/^Talking head made offline: heygen failed: .*Face not detected/);
      // The scene job asked once; the stitch kept its choice instead of paying for a second try.
      expect(heygen.counts.submits).toBe(1);
    } finally {
      process.env = env;
      await heygen.close();
    }
  });
});

describe("a scene's offline notes", () => {
  it("drop what is being made again and keep the rest, whatever the messages say", () => {
    const note = "Frame made offline: fal failed: fal image: a; b; c; Narration made offline: elevenlabs failed: quota; Motion made offline: fal failed: x";
    expect(dropOfflineNotes(note, ["image", "motion"])).toBe("Narration made offline: elevenlabs failed: quota");
    expect(dropOfflineNotes(note, ["motion"])).toBe("Frame made offline: fal failed: fal image: a; b; c; Narration made offline: elevenlabs failed: quota");
    expect(dropOfflineNotes("Motion made offline: comfyui failed: down", ["motion"])).toBeNull();
    expect(dropOfflineNotes(null, ["image"])).toBeNull();
  });
});
