import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { createApiUser, expect, test, type ApiUser } from "./fixtures";
import { ASSET_PORT, E2E_AUTH_SECRET } from "./playwright.config";

/** Local stand-ins for the CDN URLs in the seed's examples (allow-listed for the server). */
let assets: http.Server;
let received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
let failuresLeft = 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinetwin-e2e-assets-"));
const base = `http://127.0.0.1:${ASSET_PORT}`;

test.beforeAll(async () => {
  execFileSync("ffmpeg", [
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=320x240:rate=25",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=330",
    "-t",
    "3",
    "-c:v",
    "libx264",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    path.join(dir, "clip.mp4"),
  ]);
  execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", path.join(dir, "image.jpg")]);
  assets = http.createServer((req, res) => {
    if (req.method === "POST" && req.url?.startsWith("/callback")) {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        if (failuresLeft > 0) {
          failuresLeft--;
          res.writeHead(500).end("try again");
        } else res.writeHead(200).end("ok");
      });
      return;
    }
    const file = path.join(dir, path.basename(req.url ?? ""));
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": file.endsWith(".mp4") ? "video/mp4" : "image/jpeg" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => assets.listen(ASSET_PORT, "127.0.0.1", () => r()));
});
test.afterAll(() => new Promise<void>((r) => assets.close(() => r())));

const size = { width: 640, height: 360 };
const box = { position: { x: 40, y: 40 }, size: { width: 560, height: 280 } };
const creative = (name: string, scenes: object[]) => ({ videoCreative: { settings: { name, videoSize: size }, scenes } });

async function submit(request: APIRequestContext, u: ApiUser, body: object) {
  const res = await request.post("/api/v1/video-generation-jobs", { headers: u.headers, data: body });
  return { status: res.status(), body: await res.json() };
}

async function waitFinished(request: APIRequestContext, u: ApiUser, jobId: string) {
  await expect
    .poll(async () => (await (await request.get(`/api/v1/video-generation-jobs/${jobId}`, { headers: u.headers })).json()).status, {
      timeout: 150_000,
      intervals: [1000],
    })
    .toBe("finished");
}

function probeSeconds(file: string): number {
  return Number(execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file]).toString().trim());
}

async function downloadSeconds(request: APIRequestContext, u: ApiUser, videoId: string) {
  const video = await (await request.get(`/api/v1/generated-videos/${videoId}`, { headers: u.headers })).json();
  // The seed: publicUrl is the video file itself; the share page is shareUrl.
  const share = await request.get(video.shareUrl);
  expect(share.status()).toBe(200);
  expect(share.headers()["content-type"]).toMatch(/text\/html/);
  const file = path.join(dir, `${videoId}.mp4`);
  const res = await request.get(video.publicUrl);
  expect(res.headers()["content-type"]).toMatch(/video\/mp4/);
  const bytes = await res.body();
  fs.writeFileSync(file, bytes);
  expect(video.videoSizeBytes).toBe(bytes.length);
  return { seconds: probeSeconds(file), reported: video.videoDurationSeconds };
}

/** A character of the user's workspace, as the actor name timelines use (`character-<id>`). */
async function actorOf(request: APIRequestContext, u: ApiUser, name: string) {
  const res = await request.post("/api/v1/persons", { headers: u.headers, data: { name } });
  expect(res.status()).toBe(201);
  return `character-${(await res.json()).id}`;
}

test("the seed's timing examples render with the durations the rules give", async ({ request }) => {
  const u = await createApiUser(request);
  // The seed's "karen" and "ryan" are Colossyan's stock actors; here actors are the workspace's characters.
  const [karen, ryan] = [await actorOf(request, u, "Karen"), await actorOf(request, u, "Ryan")];
  const line = "This scene is exactly two seconds long. It does not matter how long any of the tracks are.";
  const examples: Array<[string, object[], number | "speech"]> = [
    [
      "single actor track",
      [{ tracks: [{ type: "actor", ...box, actor: karen, text: "This is my first video generated with Cinetwin!", speakerId: "en-GB-RyanNeural" }] }],
      "speech",
    ],
    ["explicit 2 s scene", [{ duration: 2000, tracks: [{ type: "actor", ...box, actor: ryan, text: line, speakerId: "en-GB-RyanNeural" }] }], 2],
    [
      "until the actor stops",
      [
        {
          intrinsicDurationTrackReference: "speech",
          tracks: [
            { type: "actor", referenceId: "speech", ...box, actor: ryan, text: "It does not matter how long I am talking.", speakerId: "en-GB-RyanNeural" },
          ],
        },
      ],
      "speech",
    ],
    ["video intrinsic duration", [{ tracks: [{ type: "video", ...box, videoUrl: `${base}/clip.mp4` }] }], 3],
    ["image with explicit duration", [{ tracks: [{ type: "image", duration: 3000, ...box, imageUrl: `${base}/image.jpg` }] }], 3],
    ["gaps", [{ duration: 5000, tracks: [{ type: "image", startTimeGap: 1000, endTimeGap: 2000, ...box, imageUrl: `${base}/image.jpg` }] }], 5],
  ];
  const jobs = [];
  for (const [name, scenes, expected] of examples) {
    const res = await submit(request, u, creative(name, scenes));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ id: expect.any(String), videoId: expect.any(String) });
    jobs.push({ ...res.body, expected, name });
  }
  for (const job of jobs) {
    await waitFinished(request, u, job.id);
    const { seconds, reported } = await downloadSeconds(request, u, job.videoId);
    expect(Math.abs(seconds - reported), job.name).toBeLessThan(0.2);
    if (job.expected === "speech") expect(seconds, job.name).toBeGreaterThan(1.5);
    else expect(Math.abs(seconds - job.expected), job.name).toBeLessThan(0.15);
  }
});

test("bad jobs get a clear 4xx and nothing is queued", async ({ request }) => {
  const u = await createApiUser(request);
  const image = { type: "image", ...box, imageUrl: `${base}/image.jpg` };
  const cases: Array<[string, object, RegExp]> = [
    [
      "over-constrained",
      creative("x", [{ duration: 4000, tracks: [{ ...image, duration: 3000, startTimeGap: 500, endTimeGap: 1000 }] }]),
      /scenes\[0\]\.tracks\[0\]/,
    ],
    [
      "ambiguous",
      creative("x", [
        {
          tracks: [
            { ...image, duration: 1000 },
            { ...image, duration: 2000 },
          ],
        },
      ]),
      /scenes\[0\]/,
    ],
    ["undetermined", creative("x", [{ tracks: [image] }]), /scenes\[0\]/],
    ["unknown track type", creative("x", [{ duration: 1000, tracks: [{ type: "hologram" }] }]), /scenes\.0\.tracks\.0|scenes\[0\]\.tracks\[0\]/],
    [
      "missing variable",
      { ...creative("x", [{ duration: 1000, tracks: [{ type: "text", text: "Hi {name}, meet {product}" }] }]), dynamicVariables: { name: "Ada" } },
      /product/,
    ],
    [
      "huge size",
      { videoCreative: { settings: { name: "x", videoSize: { width: 20000, height: 20000 } }, scenes: [{ duration: 1000, tracks: [image] }] } },
      /videoSize/,
    ],
    ["private address", creative("x", [{ duration: 1000, tracks: [{ ...image, imageUrl: "http://10.0.0.1/a.jpg" }] }]), /imageUrl|address/i],
    [
      "actor the workspace lacks",
      creative("x", [{ tracks: [{ type: "actor", ...box, actor: "karen", text: "Hi" }] }]),
      /scenes\[0\]\.tracks\[0\]\.actor.*karen.*no actors yet/,
    ],
    ["link-local address", creative("x", [{ duration: 1000, tracks: [{ ...image, imageUrl: "http://169.254.169.254/latest" }] }]), /imageUrl|address/i],
  ];
  for (const [name, body, message] of cases) {
    const res = await submit(request, u, body);
    expect([400, 422], name).toContain(res.status);
    expect(JSON.stringify(res.body), name).toMatch(message);
  }
  const list = await (await request.get("/api/v1/video-generation-jobs", { headers: u.headers })).json();
  expect(list).toEqual([]);
  expect((await request.get("/api/v1/video-generation-jobs/00000000-0000-0000-0000-000000000000", { headers: u.headers })).status()).toBe(404);
  // The seed: an id that cannot be one is a 400 ("Invalid videoId parameter").
  expect((await request.get("/api/v1/video-generation-jobs/not-a-job", { headers: u.headers })).status()).toBe(400);
  expect((await request.get("/api/v1/generated-videos/not-a-video", { headers: u.headers })).status()).toBe(400);

  // An unknown voice is refused too, listing the voices there are.
  const actor = await actorOf(request, u, "Sam");
  const voice = await submit(request, u, creative("x", [{ tracks: [{ type: "actor", ...box, actor, text: "Hi", speakerId: "aquXcfLbkxpW4BBI5qKm" }] }]));
  expect(voice.status).toBe(400);
  expect(voice.body.field).toBe("videoCreative.scenes[0].tracks[0].speakerId");
  expect(voice.body.detail).toMatch(/local-en-us/);
  expect(await (await request.get("/api/v1/video-generation-jobs", { headers: u.headers })).json()).toEqual([]);
});

test("templates, callbacks with a valid signature and retries, delete", async ({ request }) => {
  const u = await createApiUser(request);
  received = [];
  failuresLeft = 2;
  const first = await submit(request, u, {
    ...creative("Hello {name}", [{ duration: 1500, tracks: [{ type: "text", text: "Hello {name}!", fontSize: 48 }] }]),
    dynamicVariables: { name: "Ada" },
  });
  expect(first.status).toBe(200);
  const saved = await request.post(`/api/v1/video-generation-jobs/${first.body.id}/template`, { headers: u.headers, data: { name: "Greeting" } });
  expect(saved.status()).toBe(201);
  const { id: templateJobId } = await saved.json();

  const missing = await request.post("/api/v1/video-generation-jobs/template-jobs", { headers: u.headers, data: { templateJobId, dynamicVariables: {} } });
  expect(missing.status()).toBe(400);
  expect((await missing.json()).detail).toMatch(/name/);

  const fromTemplate = await request.post("/api/v1/video-generation-jobs/template-jobs", {
    headers: u.headers,
    data: { templateJobId, dynamicVariables: { name: "Grace" }, callbackUrl: `${base}/callback`, callbackPayload: { crmId: 42 } },
  });
  expect(fromTemplate.status()).toBe(200);
  const job = await fromTemplate.json();
  await waitFinished(request, u, job.id);

  // The receiver failed twice; the delivery was retried until it succeeded.
  await expect.poll(() => received.length, { timeout: 90_000, intervals: [1000] }).toBe(3);
  const last = received[2];
  const body = JSON.parse(last.body);
  expect(body).toMatchObject({ status: "finished", crmId: 42, dynamicVariables: { name: "Grace" }, videoId: job.videoId });
  expect(body.url).toMatch(/\/api\/share\/.+\/video$/);
  expect(body.shareUrl).toMatch(/\/v\//);
  const workspaceId = (await (await request.get("/api/v1/auth/me", { headers: u.headers })).json()).workspace_id;
  const secret = `whsec_${createHmac("sha256", E2E_AUTH_SECRET).update(`webhook-callback:${workspaceId}`).digest("base64url")}`;
  const ts = String(last.headers["cinetwin-timestamp"]);
  const expected = "v1=" + createHmac("sha256", secret).update(`${ts}.${last.body}`).digest("hex");
  expect(last.headers["cinetwin-signature"]).toBe(expected);

  expect((await request.delete(`/api/v1/generated-videos/${job.videoId}`, { headers: u.headers })).status()).toBe(200);
  expect((await request.get(`/api/v1/generated-videos/${job.videoId}`, { headers: u.headers })).status()).toBe(404);
  expect((await request.delete(`/api/v1/video-generation-jobs/${job.id}`, { headers: u.headers })).status()).toBe(204);
  expect((await request.get(`/api/v1/video-generation-jobs/${job.id}`, { headers: u.headers })).status()).toBe(404);
});

test("knowledge to draft makes a proposed project with one scene per chapter", async ({ request }) => {
  const u = await createApiUser(request);
  const res = await request.post("/api/knowledge-to-draft/generate-draft", {
    headers: u.headers,
    data: {
      summary: {
        title: "How solar panels work",
        description: "A short explainer for homeowners",
        chapters: [
          { title: "Sunlight", script: "Sunlight carries energy in tiny packets called photons.", searchTerms: "sun, rooftop" },
          { title: "Cells", script: "Silicon cells turn those photons into a flow of electrons.", searchTerms: "solar cell closeup" },
          { title: "Your home", script: "An inverter makes that current ready for your kettle.", searchTerms: "inverter, kitchen" },
        ],
      },
    },
  });
  expect(res.status()).toBe(200);
  const draft = await res.json();
  expect(draft.url).toMatch(/\/projects\/\d+$/);
  const project = await (await request.get(`/api/v1/scene-projects/${draft.id}`, { headers: u.headers })).json();
  expect(project.status).toBe("proposed");
  expect(project.scenes.map((s: { narration_text: string }) => s.narration_text)).toEqual([
    "Sunlight carries energy in tiny packets called photons.",
    "Silicon cells turn those photons into a flow of electrons.",
    "An inverter makes that current ready for your kettle.",
  ]);
  const bad = await request.post("/api/knowledge-to-draft/generate-draft", { headers: u.headers, data: { summary: { title: "x", chapters: [] } } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).detail).toMatch(/chapters/);
});

test("a draft render is at most 540p; deleting a job stops it", async ({ request }) => {
  const u = await createApiUser(request);
  const draft = await submit(request, u, {
    videoCreative: {
      settings: { name: "Draft", videoSize: { width: 1920, height: 1080 } },
      scenes: [{ duration: 1500, tracks: [{ type: "text", text: "Draft" }] }],
    },
    draft: true,
  });
  expect(draft.status).toBe(200);
  await waitFinished(request, u, draft.body.id);
  const video = await (await request.get(`/api/v1/generated-videos/${draft.body.videoId}`, { headers: u.headers })).json();
  const file = path.join(dir, "draft.mp4");
  fs.writeFileSync(file, await (await request.get(video.publicUrl)).body());
  const height = Number(
    execFileSync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=height", "-of", "csv=p=0", file]).toString().trim(),
  );
  expect(height).toBeLessThanOrEqual(540);

  const long = await submit(
    request,
    u,
    creative("Long", [{ duration: 60_000, tracks: [{ type: "image", imageUrl: `${base}/image.jpg`, motion: "push-in" }] }]),
  );
  await expect
    .poll(async () => (await (await request.get(`/api/v1/video-generation-jobs/${long.body.id}`, { headers: u.headers })).json()).status, { timeout: 60_000 })
    .toBe("rendering");
  expect((await request.delete(`/api/v1/video-generation-jobs/${long.body.id}`, { headers: u.headers })).status()).toBe(204);
  expect((await request.get(`/api/v1/video-generation-jobs/${long.body.id}`, { headers: u.headers })).status()).toBe(404);
  // No video appears for the deleted job.
  await new Promise((r) => setTimeout(r, 3000));
  expect((await request.get(`/api/v1/generated-videos/${long.body.videoId}`, { headers: u.headers })).status()).toBe(404);
});

test("actors and voices: an instant avatar from an image URL speaks in a job", async ({ request }) => {
  const u = await createApiUser(request);
  const created = await request.post("/api/v1/assets/actors", {
    headers: u.headers,
    data: { displayName: "Test Presenter", sourceFileUrl: `${base}/image.jpg` },
  });
  expect(created.status()).toBe(201);
  const { name } = await created.json();
  expect(name).toMatch(/^character-\d+$/);
  const actors = await (await request.get("/api/v1/assets/actors", { headers: u.headers })).json();
  expect(actors.map((a: { name: string }) => a.name)).toContain(name);
  expect(actors[0].views[0].supportedActorTrackVariants).toEqual(["full_body", "bubble", "shoulder"]);
  const voices = await (await request.get("/api/v1/assets/voices", { headers: u.headers })).json();
  expect(voices.length).toBeGreaterThan(5);
  const refused = await request.post("/api/v1/assets/actors", { headers: u.headers, data: { sourceFileUrl: "http://192.168.1.10/me.jpg" } });
  expect(refused.status()).toBe(400);
  expect((await refused.json()).detail).toMatch(/sourceFileUrl/);

  const job = await submit(
    request,
    u,
    creative("Presenter", [{ tracks: [{ type: "actor", actor: name, variant: "bubble", ...box, text: "Hello from my photo.", speakerId: voices[1].name }] }]),
  );
  expect(job.status).toBe(200);
  await waitFinished(request, u, job.body.id);
  const { seconds } = await downloadSeconds(request, u, job.body.videoId);
  expect(seconds).toBeGreaterThan(0.8);
});
