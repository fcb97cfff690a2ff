import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { creditLedger } from "@/db/schema/credits";
import { tasks } from "@/db/schema/jobs";
import { GET as getAvatar } from "@/app/api/v1/public/multimodal/avatar/[jobId]/route";
import { POST as generate } from "@/app/api/v1/public/multimodal/avatar/generate/route";
import { DELETE as deleteTwin } from "@/app/api/v1/public/twins/[twinId]/route";
import { GET as getShared } from "@/app/api/share/[token]/[file]/route";
import { GET as getTask } from "@/app/api/v1/tasks/[taskId]/route";
import { getBalance } from "@/lib/credits/ledger";
import { fakeFalEnv, startFakeFal } from "@/lib/providers/fakes/fal";
import { saveProviderSetting } from "@/lib/providers/settings-store";
import { providerSettingInput } from "@/lib/validation/provider-settings";
import { probe } from "@/lib/media/ffmpeg";
import { makeApprovedStory } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { storage } from "@/lib/storage/local";
import { getMedia } from "@/lib/storage/media";
import { createEndpoint } from "@/lib/webhooks/service";
import { listGeneratedVideos } from "@/lib/videos/service";
import { listenLocal, type LocalServer } from "@/lib/test/local-server";
import { apiClient, twinWithPhoto } from "./test-client";

// Auth.js's Next.js entry does not load outside Next.js; these routes take API keys, never the session.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

useJobWorker();

/** A webhook receiver on 127.0.0.1, allowed for this file's deliveries. */
const received: Array<{ event: string; body: Record<string, unknown> }> = [];
let receiver: LocalServer;
const receive: http.RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    received.push({ event: String(req.headers["cinetwin-event"] ?? ""), body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
    res.writeHead(200).end("ok");
  });
};
beforeAll(async () => {
  receiver = await listenLocal(receive);
  process.env.WEBHOOK_ALLOW_HOSTS = "127.0.0.1";
});
afterAll(() => receiver.close());

type Client = Awaited<ReturnType<typeof apiClient>>;

const pollTask = (client: Client, taskId: string) =>
  waitUntil(
    `task ${taskId} to finish`,
    () => client.call(getTask, `/api/v1/tasks/${taskId}`, { params: { taskId } }),
    (r) => r.body.status === "done" || r.body.status === "error",
    180_000,
  );

describe("avatar render (/api/v1/public/multimodal/avatar)", () => {
  it("renders a twin speaking its script into an MP4, billed 10 credits per second, with the webhook and the videos list", async () => {
    const client = await apiClient({ credits: 1000 });
    await createEndpoint(getDb(), client.account, { url: `${receiver.url}/hook`, events: [] });
    const twin = await twinWithPhoto(client);

    const script = "Hello! I'm your AI twin. Let's create something amazing.";
    const started = await client.call(generate, "/api/v1/public/multimodal/avatar/generate", { method: "POST", body: { twin_id: twin.id, script } });
    expect(started.status).toBe(202);
    const taskId = started.body.task_id as string;
    expect(started.body).toMatchObject({ celery_task_id: taskId, provider: "local", status: "queued", progress: 0, estimated_seconds: expect.any(Number) });
    const reserved = started.body.credits_reserved as number;
    expect(await getBalance(getDb(), client.account.workspaceId)).toBe(1000 - reserved);

    const seen = new Set<string>();
    const done = await waitUntil(
      "the avatar render",
      async () => {
        const r = await client.call(getAvatar, `/api/v1/public/multimodal/avatar/${taskId}`, { params: { jobId: taskId } });
        seen.add(r.body.status as string);
        return r;
      },
      (r) => r.body.status === "done" || r.body.status === "error",
      180_000,
    );
    expect(done.body, JSON.stringify(done.body)).toMatchObject({ task_id: taskId, status: "done", progress: 100, error: null });
    expect([...seen].every((s) => ["queued", "processing", "done"].includes(s))).toBe(true);
    const result = done.body.result as { video_url: string; duration_seconds: number; credits_billed: number };
    expect(result.video_url).toMatch(/^http:\/\/studio\.test\/api\/share\/[\w-]+\/video$/);
    expect(result.credits_billed).toBe(Math.ceil(result.duration_seconds - 1e-9) * 10);
    expect(result.duration_seconds).toBeGreaterThan(2);

    // The MP4 behind video_url: H.264 + AAC, portrait, as long as the speech.
    const token = /\/share\/([\w-]+)\/video$/.exec(result.video_url)![1];
    const file = await getShared(new Request(result.video_url), { params: Promise.resolve({ token, file: "video" }) });
    expect(file.status).toBe(200);
    const tmp = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "avatar-test-")), "avatar.mp4");
    await fs.writeFile(tmp, Buffer.from(await file.arrayBuffer()));
    const info = await probe(tmp);
    expect(info.formatName).toContain("mp4");
    const videoStream = info.streams.find((s) => s.codecType === "video");
    expect(videoStream).toMatchObject({ codecName: "h264" });
    expect(videoStream!.height!).toBeGreaterThan(videoStream!.width!);
    expect(info.streams.some((s) => s.codecType === "audio" && s.codecName === "aac")).toBe(true);
    expect(Math.abs(info.durationMs / 1000 - result.duration_seconds)).toBeLessThan(0.3);

    // The ledger: reserved at submission, captured on success with the difference given back.
    const ledger = await getDb()
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.reference, `video-job:${(await jobOfTask(taskId)) ?? ""}`));
    expect(ledger.map((r) => r.kind).sort()).toEqual(reserved === result.credits_billed ? ["capture", "reserve"] : ["adjust", "capture", "reserve"]);
    expect(await getBalance(getDb(), client.account.workspaceId)).toBe(1000 - result.credits_billed);

    // The same task through the seed's polling endpoint, with the same result.
    expect((await client.call(getTask, `/api/v1/tasks/${taskId}`, { params: { taskId } })).body).toEqual(done.body);

    // It is one of the workspace's videos, and the webhook system told the endpoint.
    const videos = await listGeneratedVideos(getDb(), { workspaceId: client.account.workspaceId });
    expect(videos.map((v) => v.shareToken)).toEqual([token]);
    expect(videos[0].name).toBe("Tech Creator: Hello! I'm your AI twin. Let's…");
    const event = await waitUntil(
      "the video.finished webhook",
      async () => received.find((r) => r.event === "video.finished" && r.body.url === `http://localhost:3000/api/share/${token}/video`),
      (r) => !!r,
      30_000,
    );
    expect(event!.body).toMatchObject({ status: "finished", videoId: videos[0].id });
  });

  it("lip-syncs on fal when the workspace chose fal for talking heads, and says so", async () => {
    const fake = await startFakeFal({ key: "fal-key-avatar" });
    const saved = { ...process.env };
    // The operator's fal endpoint (trusted); the workspace's own key and choice.
    Object.assign(process.env, fakeFalEnv(fake, "the-operator-key"));
    try {
      const client = await apiClient({ credits: 1000 });
      await saveProviderSetting(
        getDb(),
        client.account,
        providerSettingInput.parse({ capability: "talking-head", providerId: "fal", apiKey: "fal-key-avatar" }),
      );
      const twin = await twinWithPhoto(client);
      const started = await client.call(generate, "/api/v1/public/multimodal/avatar/generate", {
        method: "POST",
        body: { twin_id: twin.id, script: "Lip-synced, this time." },
      });
      expect(started.body).toMatchObject({ provider: "fal", status: "queued" });
      const done = await pollTask(client, started.body.task_id as string);
      expect(done.body, JSON.stringify(done.body)).toMatchObject({ status: "done" });
      expect(fake.submits).toBe(1);
      expect(fake.inputs[0]).toMatchObject({ model: "veed/fabric-1.0", auth: "Key fal-key-avatar" });

      // fal refuses the next one; with the offline fallback on, the twin is animated in-house and the task says why.
      await saveProviderSetting(
        getDb(),
        client.account,
        providerSettingInput.parse({ capability: "talking-head", providerId: "fal", fallbackToOffline: true }),
      );
      fake.knobs.failJob = true;
      const second = await client.call(generate, "/api/v1/public/multimodal/avatar/generate", {
        method: "POST",
        body: { twin_id: twin.id, script: "Made at home, this time." },
      });
      const secondDone = await pollTask(client, second.body.task_id as string);
      expect(secondDone.body, JSON.stringify(secondDone.body)).toMatchObject({ status: "done" });
      expect(fake.submits).toBe(2);
      const [task] = await getDb()
        .select({ result: tasks.result })
        .from(tasks)
        .where(eq(tasks.id, second.body.task_id as string));
      expect(task.result).toMatchObject({ offlineNote: expect.stringMatching(/^Talking head made offline: fal failed: /) });
    } finally {
      process.env = saved;
      await fake.close();
    }
  });

  it("refuses a submission it cannot render: 401, 403 without the credits, 404 for unknown or deleted twins, 400 and 422 naming the field", async () => {
    const client = await apiClient({ credits: 1000 });
    const twin = await twinWithPhoto(client);
    const post = (body: unknown, key?: string | null) => client.call(generate, "/api/v1/public/multimodal/avatar/generate", { method: "POST", body, key });
    const script = "A short line.";

    expect((await post({ twin_id: twin.id, script }, null)).status).toBe(401);
    expect((await post({ twin_id: twin.id, script }, "ctw_nope")).status).toBe(401);

    const voice = await post({ twin_id: twin.id, script, voice_id: "robot-9000" });
    expect([voice.status, voice.body.field]).toEqual([400, "voice_id"]);
    expect(voice.body.detail).toMatch(/^voice_id: there is no voice "robot-9000"; available: local-en-us/);
    const malformed = await post({ twin_id: "twin-1", script });
    expect([malformed.status, malformed.body.field, malformed.body.detail]).toEqual([400, "twin_id", "twin_id must be a twin id (a UUID)"]);
    const long = await post({ twin_id: twin.id, script: "x".repeat(5001) });
    expect([long.status, long.body.field]).toEqual([400, "script"]);
    const missing = await post({ twin_id: twin.id });
    expect([missing.status, missing.body.field, missing.body.detail]).toEqual([422, "script", "script is required"]);

    const unknown = await post({ twin_id: "645b5b56-f879-4f2f-8ccc-106e8912f522", script });
    expect([unknown.status, unknown.body.field]).toEqual([404, "twin_id"]);
    const other = await apiClient({ credits: 1000 });
    expect((await other.call(generate, "/x", { method: "POST", body: { twin_id: twin.id, script } })).status).toBe(404);
    const badAvatar = await post({ twin_id: twin.id, script, avatar_id: "645b5b56-f879-4f2f-8ccc-106e8912f522" });
    expect([badAvatar.status, badAvatar.body.field]).toEqual([404, "avatar_id"]);

    const broke = await apiClient({ credits: 5 });
    const brokeTwin = await twinWithPhoto(broke);
    const poor = await broke.call(generate, "/x", { method: "POST", body: { twin_id: brokeTwin.id, script } });
    expect([poor.status, poor.body.code]).toEqual([403, "insufficient_credits"]);
    expect(poor.body.detail).toMatch(/^Insufficient credits: this needs \d+ credits and the balance is 5$/);
    expect(await getBalance(getDb(), broke.account.workspaceId)).toBe(5);

    await client.call(deleteTwin, "/x", { method: "DELETE", params: { twinId: twin.id } });
    expect((await post({ twin_id: twin.id, script })).status).toBe(404);
    expect(await getBalance(getDb(), client.account.workspaceId)).toBe(1000);
  });

  it("refunds a render that fails and reports it as an error", async () => {
    const client = await apiClient({ credits: 1000 });
    const twin = await twinWithPhoto(client);
    // The twin's photo is gone from storage (its row stays): submission passes, the render cannot read it.
    const [row] = await getDb().select().from(characters).where(eq(characters.id, twin.characterId));
    const photo = (await getMedia(getDb(), { mediaId: row.photoMediaId!, workspaceId: client.account.workspaceId }))!;
    await storage().remove(photo.storageKey);
    const started = await client.call(generate, "/x", { method: "POST", body: { twin_id: twin.id, script: "This render will not find my photo." } });
    expect(started.status).toBe(202);
    expect(await getBalance(getDb(), client.account.workspaceId)).toBeLessThan(1000);

    const failed = await pollTask(client, started.body.task_id as string);
    expect(failed.body).toMatchObject({ status: "error", result: null, error: expect.any(String) });
    const avatar = await client.call(getAvatar, "/x", { params: { jobId: started.body.task_id as string } });
    expect(avatar.body).toMatchObject({ status: "error", result: null });
    expect(await getBalance(getDb(), client.account.workspaceId)).toBe(1000);
  });

  it("polls any task of the workspace at /api/v1/tasks, a story run included; another workspace's or a malformed id is a 404", async () => {
    const client = await apiClient({ credits: 1000 });
    const twin = await twinWithPhoto(client, { name: "Storyteller", memory_notes: ["Always wears a red scarf"] });
    const { project } = await makeApprovedStory(client.account, twin.characterId, { idea: "A lighthouse keeper answers a message in a bottle", numScenes: 2 });
    // The story writer read the twin's memory.
    expect(project.scenes.every((s) => s.imagePrompt.includes("Always wears a red scarf"))).toBe(true);
    const { latestTask } = await import("@/lib/tasks/service");
    const task = (await latestTask(getDb(), `project:${project.id}`))!;
    const done = await pollTask(client, task.id);
    expect(done.body, JSON.stringify(done.body)).toMatchObject({ task_id: task.id, status: "done", progress: 100, error: null });
    expect(done.body.result).toMatchObject({ video_url: expect.stringMatching(/\/api\/share\/[\w-]+\/video$/), duration_seconds: expect.any(Number) });

    const other = await apiClient();
    expect((await other.call(getTask, "/x", { params: { taskId: task.id } })).status).toBe(404);
    const malformed = await client.call(getTask, "/x", { params: { taskId: "abc123" } });
    expect([malformed.status, malformed.body.detail]).toEqual([404, "Task not found"]);
    expect((await client.call(getTask, "/x", { params: { taskId: task.id }, key: null })).status).toBe(401);
    // A story run is a task but not an avatar render.
    expect((await client.call(getAvatar, "/x", { params: { jobId: task.id } })).status).toBe(404);
  });
});

async function jobOfTask(taskId: string) {
  const { tasks } = await import("@/db/schema/jobs");
  const [t] = await getDb().select().from(tasks).where(eq(tasks.id, taskId));
  return t?.subject.replace(/^video-job:/, "");
}
