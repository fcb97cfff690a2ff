import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getShared } from "@/app/api/share/[token]/[file]/route";
import { GET as getBackgrounds } from "@/app/api/studio/backgrounds/route";
import { GET as getRender } from "@/app/api/studio/render/[renderId]/route";
import { POST as postRender } from "@/app/api/studio/render/route";
import { closeDb, getDb } from "@/db/client";
import { creditLedger } from "@/db/schema/credits";
import { tasks } from "@/db/schema/jobs";
import { media } from "@/db/schema/media";
import { videoJobs } from "@/db/schema/videos";
import { createApiToken } from "@/lib/auth/tokens";
import { getBalance } from "@/lib/credits/ledger";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { storage } from "@/lib/storage/local";
import { makeAccount, makeCharacter } from "@/lib/test/factories";
import { listGeneratedVideos } from "@/lib/videos/service";
import { listenLocal, type LocalServer } from "@/lib/test/local-server";

// Auth.js's Next.js entry does not load outside Next.js; these routes take API keys, never the session.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** This server's studio routes over real HTTP, as a script reaches them (the seed's polling loop uses fetch). */
const ROUTES: Array<[string, RegExp, Handler, string[]]> = [
  ["POST", /^\/api\/studio\/render$/, postRender, []],
  ["GET", /^\/api\/studio\/render\/([^/]+)$/, getRender as Handler, ["renderId"]],
  ["GET", /^\/api\/studio\/backgrounds$/, getBackgrounds, []],
  ["GET", /^\/api\/share\/([^/]+)\/([^/]+)$/, getShared as Handler, ["token", "file"]],
];
const studioRoutes: http.RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const found = ROUTES.map(([m, re, h, names]) => ({ m, match: re.exec(url.pathname), h, names })).find((r) => r.m === req.method && r.match);
      if (!found) return void res.writeHead(404).end();
      const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const params = Object.fromEntries(found.names.map((n, i) => [n, decodeURIComponent(found.match![i + 1])]));
      const answer = await found.h(new Request(url, { method: req.method, headers, body }), { params: Promise.resolve(params) });
      res.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
      res.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
};

/** Remote backgrounds: a PNG of another size, a GIF, and a 6 MB "image". */
const images = new Map<string, { type: string; body: Buffer }>();
const assetFiles: http.RequestListener = (req, res) => {
  const file = images.get(req.url ?? "");
  if (!file) return void res.writeHead(404).end();
  res.writeHead(200, { "content-type": file.type, "content-length": String(file.body.length) }).end(file.body);
};

let base = "";
let studio: LocalServer;
let assets: LocalServer;
let assetBase = "";
let worker: RunningWorker | undefined;
/** The job worker, started by the first test that renders (the failure test deletes a file before it may start). */
const ensureWorker = async () => void (worker ??= await startWorker());
const RENDER_TIMEOUT_MS = 90_000;

beforeAll(async () => {
  // The seed's loop polls on a kept-alive connection: the server keeps it longer than any pause between polls on a
  // loaded machine, so a poll never lands on a socket the server is just closing (an ECONNRESET).
  studio = await listenLocal(studioRoutes);
  studio.server.keepAliveTimeout = 60_000;
  assets = await listenLocal(assetFiles);
  base = studio.url;
  const assetHost = new URL(assets.url).host;
  assetBase = `http://${assetHost}`;
  process.env.OUTBOUND_ALLOW_HOSTS = assetHost;
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><defs><linearGradient id="g"><stop offset="0" stop-color="#204080"/><stop offset="1" stop-color="#e0a040"/></linearGradient></defs><rect width="640" height="480" fill="url(#g)"/></svg>`,
  );
  images.set("/small.png", { type: "image/png", body: await sharp(gradient).png().toBuffer() });
  images.set("/anim.gif", { type: "image/gif", body: await sharp(gradient).gif().toBuffer() });
  images.set("/huge.png", { type: "image/png", body: Buffer.alloc(6 * 1024 * 1024, 1) });
});

afterAll(async () => {
  await worker?.stop();
  await closeDb();
  await studio.close();
  await assets.close();
  delete process.env.OUTBOUND_ALLOW_HOSTS;
});

async function client(credits = 10) {
  const account = await makeAccount({ credits });
  const { token } = await createApiToken(getDb(), account, "holoworld");
  const character = await makeCharacter(account);
  return { account, token, character };
}

const post = (key: string | null, body: unknown) =>
  fetch(`${base}/api/studio/render`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { "x-api-key": key } : {}) },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

const scene = (agentId: number, over: Record<string, unknown> = {}) => ({
  text: "Hi there.",
  background: { type: "image", source: "builtin:sunset-city-square" },
  includeOutro: true,
  modelConfig: { id: String(agentId), scale: 1.0, x: 50, y: 50 },
  ...over,
});
const payload = (scenes: object[], over: Record<string, unknown> = {}) => ({
  renderPayload: { aspectRatio: "1/1", withCaption: true, brainrot: false, scenes, ...over },
});

const tasksOf = (workspaceId: string) => getDb().select().from(tasks).where(eq(tasks.workspaceId, workspaceId));

async function videoFile(url: string, name: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  // An MP4 starts with its ftyp box.
  expect(bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "holoworld-test-")), name);
  await fs.writeFile(file, bytes);
  return file;
}

/**
 * The seed's "Watching the video rendering status in Typescript", changed only in its base URL
 * and key (its `return` needs a function around it).
 */
async function seedPollingLoop(renderId: string, YOUR_API_KEY: string): Promise<string> {
  // Await for the video to be completed!
  while (true) {
    const response = await fetch(`${base}/api/studio/render/${renderId}`, {
      method: "GET",
      headers: {
        "Content-Type": "application/json",
        "x-api-key": YOUR_API_KEY,
      },
    });

    if (!response.ok) {
      const errorData = await response.json();
      throw new Error(`HTTP error while polling video render status! status: ${response.status} data: ${errorData}`);
    }

    const data = await response.json();

    if (data.status === "completed") {
      return data.url;
    }

    if (data.status === "failed") {
      throw new Error(`Failed to render video! Reason: ${data.errorMessage}`);
    }

    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

describe("the studio render API (/api/studio)", () => {
  it("refuses what the seed limits with a 400 naming the field, and charges nothing", async () => {
    const { account, token, character } = await client();
    expect((await post(null, payload([scene(character.id)]))).status).toBe(401);
    expect((await post("ctw_not-a-key", payload([scene(character.id)]))).status).toBe(401);
    const cases: Array<[object, string, RegExp]> = [
      [payload(Array.from({ length: 6 }, () => scene(character.id))), "renderPayload.scenes", /at most 5 scenes/],
      [
        payload([scene(character.id, { background: { type: "image", source: `${assetBase}/anim.gif` } })]),
        "renderPayload.scenes.0.background.source",
        /GIF.*JPG or PNG/,
      ],
      [
        payload([scene(character.id, { background: { type: "image", source: `${assetBase}/huge.png` } })]),
        "renderPayload.scenes.0.background.source",
        /at most 5 MB/,
      ],
      [
        payload([scene(character.id, { modelConfig: { id: character.id, scale: 3.0, x: 50, y: 50 } })]),
        "renderPayload.scenes.0.modelConfig.scale",
        /0\.1 to 2\.0/,
      ],
      [payload([scene(character.id), scene(999_999)]), "renderPayload.scenes.1.modelConfig.id", /no agent 999999/],
      [
        payload([scene(character.id, { background: { type: "video", source: "builtin:sunset-city-square" } })]),
        "renderPayload.scenes.0.background.type",
        /"image"/,
      ],
      [
        payload([scene(character.id, { background: { type: "image", source: "builtin:nope" } })]),
        "renderPayload.scenes.0.background.source",
        /no built-in background/,
      ],
    ];
    for (const [body, field, detail] of cases) {
      const r = await post(token, body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body).toMatchObject({ code: "bad_request", field });
      expect(r.body.detail).toMatch(detail);
      expect(r.body.detail).toContain(field);
    }
    expect(await getBalance(getDb(), account.workspaceId)).toBe(10);
    expect(await tasksOf(account.workspaceId)).toEqual([]);
  });

  it("lists built-in backgrounds of both sizes and clips, each with a source a render accepts", async () => {
    const { token } = await client();
    const res = await fetch(`${base}/api/studio/backgrounds`, { headers: { "x-api-key": token } });
    const body = (await res.json()) as { backgrounds: Array<Record<string, unknown>>; clips: Array<Record<string, unknown>> };
    expect(body.backgrounds).toContainEqual(expect.objectContaining({ source: "builtin:sunset-city-square", aspectRatio: "1/1", width: 1200, height: 1200 }));
    expect(body.backgrounds).toContainEqual(
      expect.objectContaining({ source: "builtin:sunset-city-vertical", aspectRatio: "9/16", width: 1080, height: 1920 }),
    );
    expect(body.clips.filter((c) => c.default)).toHaveLength(1);
    expect((await fetch(`${base}/api/studio/backgrounds`)).status).toBe(401);
  });

  it(
    "reserves 3 scenes with captions at exactly 1.2 credits, warns what it changed, and refunds a failed render",
    async () => {
      const { account, token, character } = await client();
      const long = "A scene with far more words than a short clip wants. ".repeat(5).trim();
      const r = await post(token, {
        renderPayload: {
          aspectRatio: "1/1",
          withCaption: true,
          brainrot: false,
          scenes: [
            scene(character.id, { text: long, background: { type: "image", source: `${assetBase}/small.png` } }),
            // Spoken as written: braces are not template variables here.
            scene(character.id, { text: "Two {ok}." }),
            scene(character.id, { text: "Three." }),
          ],
        },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ id: expect.stringMatching(/^render-[0-9a-f-]{36}$/), status: "queued", creditsCharged: 1.2, width: 1200, height: 1200 });
      expect(r.body.warnings).toEqual([
        { field: "renderPayload.scenes.0.text", message: `the text has ${long.length} characters; keep it under 200 for a short scene` },
        { field: "renderPayload.scenes.0.background.source", message: "the background is 640x480; it was fitted (cover) to 1200x1200" },
      ]);
      expect(await getBalance(getDb(), account.workspaceId)).toBe(8.8);

      // The downloaded background disappears before the render starts: it fails for good.
      const jobId = (r.body.id as string).slice("render-".length);
      const [job] = await getDb().select().from(videoJobs).where(eq(videoJobs.id, jobId));
      const scenes = (job.videoCreative as { scenes: Array<{ tracks: Array<{ src?: string }> }> }).scenes;
      const downloaded = scenes[0].tracks[0].src!.slice("media:".length);
      await getDb().delete(media).where(eq(media.id, downloaded));
      await ensureWorker();
      await expect(seedPollingLoop(r.body.id as string, token)).rejects.toThrow(
        /Failed to render video! Reason: Rendering failed: .*not a file of this workspace/,
      );
      expect(await getBalance(getDb(), account.workspaceId)).toBe(10);
      const ledger = await getDb()
        .select()
        .from(creditLedger)
        .where(and(eq(creditLedger.workspaceId, account.workspaceId), eq(creditLedger.reference, `video-job:${jobId}`)));
      expect(ledger.map((l) => [l.kind, l.amountHundredths]).sort()).toEqual([
        ["refund", 120],
        ["reserve", -120],
      ]);
    },
    RENDER_TIMEOUT_MS,
  );

  it(
    "renders the seed's payload to a 1200x1200 MP4 that the seed's polling loop reaches, billed 0.4 credits",
    async () => {
      await ensureWorker();
      const { account, token, character } = await client();
      // The seed's request, with a built-in background and a short text.
      const started = await post(token, payload([scene(character.id)]));
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      expect(started.body).toMatchObject({ status: "queued", creditsCharged: 0.4, warnings: [] });
      const url = await seedPollingLoop(started.body.id as string, token);
      expect(url).toMatch(/\/api\/share\/[\w-]+\/video$/);
      const info = await probe(await videoFile(url, "square.mp4"));
      expect(info.streams.find((s) => s.codecType === "video")).toMatchObject({ codecName: "h264", width: 1200, height: 1200 });
      expect(info.streams.some((s) => s.codecType === "audio")).toBe(true);
      expect(await getBalance(getDb(), account.workspaceId)).toBe(9.6);
      // It is one of the workspace's videos.
      const videos = await listGeneratedVideos(getDb(), { workspaceId: account.workspaceId });
      expect(videos.map((v) => v.name)).toEqual(["Alex Chen: Hi there."]);
      const done = (await (await fetch(`${base}/api/studio/render/${started.body.id as string}`, { headers: { "x-api-key": token } })).json()) as object;
      expect(done).toMatchObject({ id: started.body.id, status: "completed", progress: 100, url, errorMessage: null });
      // Another workspace's key does not find it.
      const other = await client();
      expect((await fetch(`${base}/api/studio/render/${started.body.id as string}`, { headers: { "x-api-key": other.token } })).status).toBe(404);
    },
    RENDER_TIMEOUT_MS,
  );

  it(
    "renders brainrot 9/16 as a 1080x1920 split: the still scene on top, a moving clip below",
    async () => {
      await ensureWorker();
      const { account, token, character } = await client();
      const started = await post(token, {
        renderPayload: {
          aspectRatio: "9/16",
          withCaption: true,
          brainrot: true,
          scenes: [
            scene(character.id, {
              background: { type: "image", source: "builtin:ocean-day-vertical" },
              modelConfig: { id: character.id, scale: 0.3, x: 50, y: 50 },
            }),
          ],
        },
      });
      expect(started.status, JSON.stringify(started.body)).toBe(200);
      // The vertical background fills the top half (1080x960) by cover: that is a fitting, said in warnings.
      expect(started.body.warnings).toEqual([
        { field: "renderPayload.scenes.0.background.source", message: "the background is 1080x1920; it was fitted (cover) to 1080x960" },
      ]);
      const file = await videoFile(await seedPollingLoop(started.body.id as string, token), "brainrot.mp4");
      const info = await probe(file);
      expect(info.streams.find((s) => s.codecType === "video")).toMatchObject({ width: 1080, height: 1920 });

      const frameAt = async (seconds: number) => {
        const png = `${file}-${seconds}.png`;
        await runFfmpeg(["-y", "-ss", String(seconds), "-i", file, "-frames:v", "1", png]);
        return png;
      };
      const d = info.durationMs / 1000;
      const [early, late] = [await frameAt(d * 0.2), await frameAt(d * 0.7)];
      // Top-left corner of the top half (away from the character and the captions), and the lower half below the captions.
      const top = { left: 0, top: 0, width: 240, height: 320 };
      const bottom = { left: 0, top: 1280, width: 1080, height: 600 };
      const region = async (png: string, r: typeof top) => sharp(png).extract(r).removeAlpha().raw().toBuffer();
      const meanDiff = (a: Buffer, b: Buffer) => a.reduce((n, v, i) => n + Math.abs(v - b[i]), 0) / a.length;
      // The top half is the background, cover-fitted, and still; the lower half moves.
      const [bg] = await getDb()
        .select()
        .from(media)
        .where(and(eq(media.workspaceId, account.workspaceId), eq(media.name, "builtin:ocean-day-vertical")));
      const fitted = await sharp(await storage().localPath(bg.storageKey))
        .resize(1080, 960, { fit: "cover" })
        .png()
        .toBuffer();
      const expectedTop = await sharp(fitted).extract(top).removeAlpha().raw().toBuffer();
      expect(meanDiff(await region(early, top), expectedTop)).toBeLessThan(12);
      expect(meanDiff(await region(early, top), await region(late, top))).toBeLessThan(4);
      expect(meanDiff(await region(early, bottom), await region(late, bottom))).toBeGreaterThan(15);
      const bottomEarly = await region(early, bottom);
      expect(meanDiff(bottomEarly, Buffer.alloc(bottomEarly.length, expectedTop[0]))).toBeGreaterThan(20);
    },
    RENDER_TIMEOUT_MS,
  );
});
