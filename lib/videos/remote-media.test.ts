import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createActor } from "@/app/api/v1/assets/actors/route";
import { POST as createJob } from "@/app/api/v1/video-generation-jobs/route";
import { POST as createWebhook } from "@/app/api/v1/webhooks/route";
import { getDb } from "@/db/client";
import { issueAccessToken } from "@/lib/auth/tokens";
import { getBalance } from "@/lib/credits/ledger";
import { createVideoJob, getGeneratedVideo } from "@/lib/videos/service";
import { getMedia } from "@/lib/storage/media";
import { latestTask, subjects, type TaskRow } from "@/lib/tasks/service";
import { makeAccount, makePhoto } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";

// The routes are called with Bearer tokens; Auth.js (browser sessions) does not load outside Next.js.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));
useJobWorker();

const REFUSED = "not allowed or unreachable";

/** A local server that counts its hits; dual-stack when the machine has IPv6, so every loopback spelling would reach it. */
async function countingServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => {
    server.once("error", () => server.listen(0, "127.0.0.1", resolve));
    server.listen({ port: 0, host: "::", ipv6Only: false }, resolve);
  });
  return { hits, port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())) };
}

let photo: Buffer;
let media: Awaited<ReturnType<typeof countingServer>>;
let redirector: Awaited<ReturnType<typeof countingServer>>;
beforeAll(async () => {
  photo = await makePhoto(320, 180);
  media = await countingServer((req, res) => {
    if (req.url?.endsWith(".png")) return void res.writeHead(200, { "content-type": "image/png" }).end(photo);
    res.writeHead(404).end();
  });
  // Stands in for a public host (allow-listed here) that sends the fetch on to loopback.
  redirector = await countingServer((req, res) => res.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${media.port}/secret.png` }).end());
});
afterEach(() => {
  delete process.env.OUTBOUND_ALLOW_HOSTS;
  media.hits.length = 0;
  redirector.hits.length = 0;
});
afterAll(async () => {
  await media.close();
  await redirector.close();
});

async function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, path: string, body: unknown) {
  const account = await makeAccount();
  const startingBalance = await getBalance(getDb(), account.workspaceId);
  const req = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${await issueAccessToken({ ...account, sessionGeneration: 0 })}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await handler(req, { params: Promise.resolve({}) });
  return { account, startingBalance, status: res.status, body: (await res.json()) as { detail: string; field?: string; id?: string } };
}

const timeline = (tracks: object[], duration = 1000, fps = 25) => ({
  videoCreative: { settings: { name: `t-${randomUUID().slice(0, 8)}`, videoSize: { width: 320, height: 180 }, fps }, scenes: [{ duration, tracks }] },
});

/** Waits for a job's task to settle, then gives pg-boss time to have retried it if it were going to. */
async function settled(jobId: string): Promise<TaskRow> {
  const task = await waitUntil(
    `job ${jobId} to settle`,
    () => latestTask(getDb(), subjects.videoJob(jobId)),
    (t) => !!t && ["succeeded", "failed", "canceled"].includes(t.status),
  );
  await waitUntil(
    "its pg-boss job to end",
    () => getDb().execute<{ state: string }>(sql`select state from pgboss.job where name = 'render-video' and data->>'jobId' = ${jobId}`),
    (r) => r.rows.every((row) => ["completed", "failed"].includes(row.state)),
  );
  return task!;
}

describe("remote media and callbacks through the API", () => {
  it("refuses an actor's sourceFileUrl and a timeline image on IPv4-mapped loopback before fetching anything", async () => {
    const mapped = `http://[::ffff:127.0.0.1]:${media.port}/me.png`;
    const actor = await call(createActor, "/api/v1/assets/actors", { sourceFileUrl: mapped });
    expect(actor.status).toBe(400);
    expect(actor.body.detail).toBe(`sourceFileUrl: ${REFUSED}`);

    for (const imageUrl of [
      mapped,
      `http://[::ffff:7f00:1]:${media.port}/a.png`,
      `http://2130706433:${media.port}/a.png`,
      `http://localhost:${media.port}/a.png`,
    ]) {
      const job = await call(createJob, "/api/v1/video-generation-jobs", timeline([{ type: "image", imageUrl }]));
      expect([imageUrl, job.status, job.body.detail]).toEqual([imageUrl, 400, `videoCreative.scenes[0].tracks[0].imageUrl: ${REFUSED}`]);
    }
    expect(media.hits).toEqual([]);
  });

  it("refuses callback and webhook URLs that are not public http(s) when they are submitted, naming the field", async () => {
    const text = timeline([{ type: "text", text: "hi" }]);
    for (const [field, url, message] of [
      ["callback", "javascript:alert(1)", "must be an absolute http or https URL"],
      ["callbackUrl", "file:///etc/passwd", "must be an absolute http or https URL"],
      ["callback", "gopher://example.com/", "must be an absolute http or https URL"],
      ["callback", `http://[::ffff:127.0.0.1]:${media.port}/cb`, REFUSED],
      ["callbackUrl", "http://169.254.169.254/latest", REFUSED],
    ]) {
      const res = await call(createJob, "/api/v1/video-generation-jobs", { ...text, [field]: url });
      expect([url, res.status, res.body.field, res.body.detail]).toEqual([url, 400, field, `${field} ${message}`]);
    }
    const direct = await makeAccount();
    await expect(createVideoJob(getDb(), direct, { videoCreative: text.videoCreative, callbackUrl: "javascript:alert(1)" })).rejects.toMatchObject({
      status: 400,
      field: "callbackUrl",
    });
    const hook = await call(createWebhook, "/api/v1/webhooks", { url: "gopher://example.com/" });
    expect([hook.status, hook.body.field]).toEqual([400, "url"]);
    const local = await call(createWebhook, "/api/v1/webhooks", { url: `http://[::ffff:7f00:1]:${media.port}/hook` });
    expect([local.status, local.body.field]).toEqual([400, "url"]);
    expect(local.body.detail).toContain(REFUSED);
    expect(media.hits).toEqual([]);
  });

  it("fails a render whose media redirects to loopback or is gone after one attempt, refunds it, and says no more than the generic message", async () => {
    process.env.OUTBOUND_ALLOW_HOSTS = `127.0.0.1:${redirector.port},127.0.0.1:${media.port}`;
    const cases = [
      { url: `http://127.0.0.1:${redirector.port}/photo.png`, server: redirector },
      { url: `http://127.0.0.1:${media.port}/gone.jpg`, server: media },
    ];
    for (const { url, server } of cases) {
      const job = await call(createJob, "/api/v1/video-generation-jobs", timeline([{ type: "image", imageUrl: url }]));
      expect(job.status).toBe(200);
      const task = await settled(job.body.id!);
      expect(task).toMatchObject({ status: "failed", attempts: 1, error: `Rendering failed: scenes[0].tracks[0].src: ${REFUSED}` });
      expect(server.hits, "one attempt reached the remote host").toHaveLength(1);
      expect(await getBalance(getDb(), job.account.workspaceId), "the reservation came back").toBe(job.startingBalance);
    }
    expect(media.hits, "the redirect to loopback was never followed").toEqual(["GET /gone.jpg"]);
  });

  it("renders a 200 ms timeline and a one-frame one, each with its thumbnail", async () => {
    for (const [duration, fps] of [
      [200, 25],
      [200, 5],
    ]) {
      const job = await call(createJob, "/api/v1/video-generation-jobs", timeline([{ type: "text", text: `short ${fps}` }], duration, fps));
      expect(job.status).toBe(200);
      const task = await settled(job.body.id!);
      expect([fps, task.status, task.error, task.attempts]).toEqual([fps, "succeeded", null, 1]);
      const video = await getGeneratedVideo(getDb(), { workspaceId: job.account.workspaceId, videoId: (task.result as { videoId: string }).videoId });
      expect(video.durationMs).toBeGreaterThan(0);
      expect(await getMedia(getDb(), { mediaId: video.thumbnailMediaId!, workspaceId: job.account.workspaceId })).toMatchObject({ mime: "image/jpeg" });
    }
  });
});
