import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { captions } from "@/db/schema/captions";
import { HTTP_METHODS, isMethodNotAllowed, type HttpMethod } from "@/lib/api/methods";
import { createApiToken } from "@/lib/auth/tokens";
import { stopBoss } from "@/lib/jobs/boss";
import { lavfiAudio } from "@/lib/test/audio";
import { makeAccount, makeChannelVideo, makeCharacter, makeFinishedVideo, makePhoto, makeStory, TEST_PASSWORD } from "@/lib/test/factories";
import { createPost } from "@/lib/social/posts";
import { badPathId, badQuery, classExamples, mutatedForm, mutatedJsonBody, type WireBody } from "@/lib/test/fuzz";
import { createVideoJob, saveTemplate } from "@/lib/videos/service";
import { createBulkBatch } from "@/lib/bulk/service";
import { createEndpoint } from "@/lib/webhooks/service";
import { listenLocal, type LocalServer } from "@/lib/test/local-server";

// Auth.js's Next.js build does not load under Vitest; every request here carries an API token,
// so the session is never asked for.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null, handlers: {}, signIn: async () => undefined, signOut: async () => undefined }));

/**
 * Every route handler under app/api (found on disk, so a new route is fuzzed without a word here),
 * driven with generated bad input: no answer may be a 5xx, and every error is JSON in the
 * dialects' shape ({ detail, code }) without internals. Each write endpoint first gets every bug
 * class applied to its valid example one place at a time (lib/test/fuzz.ts classExamples), then
 * FUZZ_RUNS random mutations. FUZZ_SEED=<n> replays a run (the seed is printed at the start and in
 * a failure), FUZZ_SHRINK=1 shrinks a failure to its smallest input (slower), FUZZ_DEBUG=1 prints
 * each request's status.
 */
const SEED = Number(process.env.FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS) || 10;
const API_DIR = path.join(import.meta.dirname, "../../app/api");
/** Answers every path no other route serves (a 404); fuzzed on its own below. */
const CATCH_ALL = "/api/[[...path]]";
/** `[id]`, `[...rest]` and `[[...optional]]` folders. */
const SEGMENT = /\[\[?(\.\.\.)?(\w+)\]\]?/g;

/** Routes (or `METHOD route`s) the fuzz leaves alone, each with its reason. */
const SKIPPED: Record<string, string> = {
  "/api/auth/[...nextauth]": "Auth.js's own sign-in handlers (lib/auth): not a dialect, and its Next.js build does not load under Vitest",
  "GET /api/health": "takes no input, and answers 503 by design while the worker or ffmpeg is missing",
};

/** What would show that an error's own text reached the client. */
const INTERNALS =
  /\b(select|insert into|update .* set|violates|syntax for type|relation "|column "|node_modules|TypeError|RangeError|ECONN\w*|postgres)\b|\bat \w+ \(/i;

interface RouteFile {
  /** `/api/v1/persons/[personId]` */
  route: string;
  file: string;
  params: Array<{ name: string; catchAll: boolean }>;
}

function routeFiles(dir = API_DIR, prefix = "/api"): RouteFile[] {
  const out: RouteFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routeFiles(full, `${prefix}/${entry.name}`));
    else if (entry.name === "route.ts") {
      const params = [...prefix.matchAll(SEGMENT)].map((m) => ({ name: m[2], catchAll: !!m[1] }));
      out.push({ route: prefix, file: full, params });
    }
  }
  return out;
}

type Params = Record<string, string | string[]>;
type Handler = (req: Request, ctx: { params: Promise<Params> }) => Promise<Response> | Response;

const routes = routeFiles();
const modules = new Map<string, Record<string, unknown>>();
for (const r of routes) if (!SKIPPED[r.route]) modules.set(r.route, (await import(/* @vite-ignore */ r.file)) as Record<string, unknown>);

/** The methods a route serves (the rest answer 405 through otherMethods). */
const served = (r: RouteFile) => {
  const mod = modules.get(r.route) ?? {};
  return HTTP_METHODS.filter((m) => typeof mod[m] === "function" && !isMethodNotAllowed(mod[m]));
};

/** A valid value for each path parameter or example field, by name (`personId`, `jobId`...). */
type Fixtures = Record<string, string>;

let owner: { account: { userId: string; workspaceId: string }; email: string; token: string };
let voiceSample: Blob;
let photoBase64: string;
let assetBase: string;
let assetServer: LocalServer | undefined;
/** A finished video and a video on a channel, made once for the file: nothing here deletes or uses them up. */
let finished: Promise<{ id: string; mediaId: string }> | undefined;
let channelVideoId: Promise<string> | undefined;

const creative = (tracks: object[] = [{ type: "text", text: "Hello" }]) => ({
  settings: { name: "Fuzz", videoSize: { width: 320, height: 180 } },
  scenes: [{ duration: 1000, tracks }],
});

/**
 * How each fixture is made: a fresh set for each endpoint (in one workspace: an account costs a
 * password hash) so that a DELETE or an approval elsewhere changes nothing. `made` shares what
 * several names come from (a character gives personId, twinId and mediaId) within one set.
 */
function makers(made: <T>(what: string, make: () => Promise<T>) => Promise<T>): Record<string, () => Promise<string>> {
  const db = getDb();
  const a = owner.account;
  const character = () => made("character", () => makeCharacter(a));
  const story = () =>
    made("story", async () => makeStory(a, (await character()).id, { idea: "A founder's journey from a garage to launch day", numScenes: 2 }));
  const job = () => made("job", () => createVideoJob(db, a, { videoCreative: creative() }));
  const video = () => (finished ??= makeFinishedVideo(a));
  const post = () =>
    made("post", async () =>
      createPost(db, a.workspaceId, {
        characterId: (await character()).id,
        title: "Launch day",
        script: "",
        videoId: (await video()).id,
        scheduledAt: new Date(Date.now() + 86_400_000),
        targets: [{ platform: "channel" }],
        captions: {},
      }),
    );
  return {
    itemId: async () => (await post()).id,
    postId: async () => (await post()).id,
    platform: async () => "youtube",
    personId: async () => String((await character()).id),
    characterId: async () => String((await character()).id),
    twinId: async () => (await character()).publicId,
    mediaId: async () => (await character()).photoMediaId ?? "",
    projectId: async () => String((await story()).id),
    sceneId: async () => String((await story()).scenes[0].id),
    endpointId: async () => (await createEndpoint(db, a, { url: "https://hooks.example.com/cinetwin", events: [] })).id,
    jobId: async () => (await job()).id,
    videoId: async () => (await job()).videoId,
    taskId: async () => (await job()).taskId ?? "",
    renderId: async () => `render-${(await job()).id}`,
    tokenId: async () => (await createApiToken(db, a, "fuzz fixture")).id,
    templateId: async () => (await saveTemplate(db, a, { name: "T", source: "fuzz", videoCreative: creative() })).id,
    // Captions ready to burn in (of the character's photo: the fuzz never runs the render).
    captionId: async () => {
      const [caption] = await db
        .insert(captions)
        .values({
          workspaceId: a.workspaceId,
          sourceMediaId: (await character()).photoMediaId,
          method: "local",
          segments: [{ text: "Hello", startMs: 0, endMs: 1000 }],
        })
        .returning();
      return caption.id;
    },
    batchId: async () => {
      const bulk = await createBulkBatch(db, a, {
        characterId: (await character()).id,
        platform: "tiktok",
        quality: "draft",
        rows: [{ row: 1, script: "Hello.", platform: "tiktok", voiceId: null, variables: {} }],
      });
      return bulk.batch.id;
    },
    token: async () => "AAAAAAAAAAAAAAAAAAAAAAAA",
    file: async () => "video",
    finishedId: async () => (await video()).id,
    finishedMediaId: async () => (await video()).mediaId,
    channelVideoId: async () => (channelVideoId ??= makeChannelVideo(a, (await character()).id).then((v) => v.id)),
  };
}

/** The fixture names there are makers for. */
const fixtureNames = () => new Set(Object.keys(makers(() => new Promise(() => {}))));

/** A fresh set of the named fixtures, made only as far as these names need. */
async function fixtures(names: Iterable<string>): Promise<Fixtures> {
  const shared = new Map<string, Promise<unknown>>();
  const make = makers(<T>(what: string, fn: () => Promise<T>) => {
    if (!shared.has(what)) shared.set(what, fn());
    return shared.get(what) as Promise<T>;
  });
  const out: Fixtures = {};
  for (const name of new Set(names)) if (make[name]) out[name] = await make[name]();
  return out;
}

/** The fixture names a body example reads, found by running it over a recording stand-in. */
function namesRead(example: ((f: Fixtures) => unknown) | undefined): string[] {
  const read = new Set<string>();
  example?.(new Proxy({}, { get: (_, name) => (read.add(String(name)), "1") }));
  return [...read];
}

/** Path parameters that a route names differently from what its folder says. */
const PARAM_OVERRIDES: Record<string, Record<string, string>> = {
  // The seed's {scene_number} shares the folder of PUT .../scenes/{scene_id}.
  "/api/v1/scene-projects/[projectId]/scenes/[sceneId]/regenerate": { sceneId: "1" },
  // A built-in music track is named, not numbered.
  "/api/music/[id]": { id: "calm" },
};

const twinBody = {
  name: "Tech Creator",
  voice_id: "en-US-Neural2-A",
  style_tags: ["casual", "educational"],
  persona_prompt: "You are an engaging tech educator.",
  platform_defaults: { tiktok: { caption_style: "short", hashtags: ["ai"], aspect_ratio: "9:16" } },
  description: "Explains things",
};

/** A valid body for each endpoint that reads one: the fuzz mutates it, so a bad value gets past everything else that would stop it. */
const EXAMPLES: Record<string, (f: Fixtures) => Record<string, unknown>> = {
  "POST /api/knowledge-to-draft/generate-draft": () => ({
    summary: { title: "Launch", description: "A launch", chapters: [{ title: "One", script: "We shipped it.", searchTerms: "rocket" }] },
    templateId: null,
  }),
  "POST /api/v1/api-tokens": () => ({ name: "ci" }),
  "POST /api/v1/assets/actors": () => ({ displayName: "Avatar", sourceFileUrl: `${assetBase}/photo.png`, gender: "female" }),
  "POST /api/v1/auth/login": () => ({ username: owner.email, password: TEST_PASSWORD }),
  "POST /api/v1/auth/register": () => ({ email: `fuzz-${Math.random().toString(36).slice(2)}@test.local`, password: TEST_PASSWORD, name: "Fuzz" }),
  "POST /api/v1/persons": () => ({ name: "Sam", description: "Chef", photo_base64: photoBase64 }),
  "PUT /api/v1/persons/[personId]": () => ({ name: "Sam", description: "Chef", photo_base64: photoBase64 }),
  "PATCH /api/v1/persons/[personId]": () => ({ description: "Chef" }),
  "POST /api/v1/scene-projects/[projectId]/approve": () => ({ confirm_credits: true, video_model: "kling-2.6-pro", image_model: "flux-pro" }),
  "POST /api/v1/scene-projects/[projectId]/scenes/[sceneId]/regenerate": () => ({
    regenerate_image: true,
    regenerate_video: true,
    updated_image_prompt: "A garage at night",
    updated_motion_prompt: "Slow push-in",
  }),
  "PUT /api/v1/scene-projects/[projectId]/scenes/[sceneId]": () => ({
    description: "A garage",
    image_prompt: "A garage at night",
    motion_prompt: "Slow push-in",
    narration_text: "It began here.",
  }),
  "PATCH /api/v1/scene-projects/[projectId]/scenes/[sceneId]": () => ({ narration_text: "It began here." }),
  "POST /api/v1/stories/create": (f) => ({
    person_id: Number(f.personId),
    story_idea: "A founder's journey from a garage to launch day",
    num_scenes: 2,
    use_avatar_first_scene: false,
    use_avatar_last_scene: false,
  }),
  "POST /api/v1/video-generation-jobs": (f) => ({
    videoCreative: {
      ...creative([
        { type: "image", src: `media:${f.mediaId}`, fit: "cover" },
        { type: "image", imageUrl: `${assetBase}/photo.png`, fit: "contain", position: { x: 10, y: 10 }, size: { width: 100, height: 100 } },
        { type: "text", text: "Hello {name}", color: "#ffffff", backgroundBox: { color: "#000000", opacity: 0.5 } },
      ]),
      custom: { note: "kept as sent" },
    },
    dynamicVariables: { name: "Sam" },
    callback: "https://hooks.example.com/done",
    callbackPayload: { orderId: 42, tags: ["a"] },
    draft: true,
  }),
  "POST /api/v1/video-generation-jobs/[jobId]/template": () => ({ name: "Saved" }),
  "POST /api/v1/video-generation-jobs/template-jobs": (f) => ({
    templateJobId: f.templateId,
    dynamicVariables: { name: "Sam" },
    callbackUrl: "https://hooks.example.com/done",
    callbackPayload: { orderId: 42 },
  }),
  "POST /api/v1/webhooks": () => ({ url: "https://hooks.example.com/new", events: ["video.finished"], description: "CI" }),
  "POST /api/v1/public/twins": () => twinBody,
  "PATCH /api/v1/public/twins/[twinId]": () => ({ ...twinBody, memory_notes: ["Grew up in Lisbon"] }),
  "POST /api/v1/public/multimodal/avatar/generate": (f) => ({ twin_id: f.twinId, script: "Hello there.", voice_id: "en-US-Neural2-A" }),
  "POST /api/channel/[channelVideoId]/events": () => ({ kind: "view" }),
  "POST /api/v1/public/captions/[captionId]/burn-in": () => ({ font_size: 24, font_color: "white", position: "bottom", style: "boxed" }),
  "POST /api/v1/public/content/calendar": (f) => ({
    twin_id: f.twinId,
    title: "How AI is changing content creation",
    platform: "channel",
    scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
    script: "AI is transforming how creators work...",
    video_id: f.finishedId,
    caption: "Out now #ai",
  }),
  "POST /api/v1/public/social/publish": (f) => ({
    platforms: ["channel"],
    reel_url: `media:${f.finishedMediaId}`,
    caption: "Check out my latest video! #AIContent",
    twin_id: f.twinId,
  }),
  "POST /api/v1/public/analytics/social/export": () => ({ format: "csv", days: 30, platform: "instagram" }),
  "POST /api/studio/render": (f) => ({
    renderPayload: {
      aspectRatio: "1/1",
      withCaption: true,
      brainrot: false,
      scenes: [
        {
          text: "From a URL.",
          background: { type: "image", source: `${assetBase}/photo.png` },
          includeOutro: true,
          modelConfig: { id: f.personId, scale: 0.5, x: 30, y: 60 },
        },
      ],
    },
  }),
};

/** Endpoints whose valid example is refused all the same, and why: the fuzz reaches less deep there. */
const EXAMPLE_REFUSED: Record<string, string> = {
  "POST /api/v1/scene-projects/[projectId]/scenes/[sceneId]/regenerate": "only a completed project's scenes regenerate; the fixture's is proposed",
  "POST /api/v1/scene-projects/[projectId]/upscale": "only a completed project is upscaled; the fixture's is proposed",
  "DELETE /api/v1/generated-videos/[videoId]": "the fixture's job has not rendered its video",
  "POST /api/v1/public/bulk/reels/[batchId]/retry": "only a finished batch's failed rows are retried; the fixture's batch is still queued",
  "DELETE /api/v1/public/social/disconnect/[platform]": "the fixture workspace has no connected account to disconnect (a 404)",
  "DELETE /api/media/library/[mediaId]": "the fixture's media is a character's photo, not a library item (a 404)",
};

/** Endpoints whose body is a multipart form. */
const FORMS: Record<string, (f: Fixtures) => Record<string, string | Blob>> = {
  "POST /api/v1/voice-clone/clone": (f) => ({ person_id: f.personId, provider: "local", audio_file: voiceSample }),
  "POST /api/v1/public/captions/generate": () => ({ audio_file: voiceSample, language: "en", burn_in: "false" }),
  "POST /api/media/library": () => ({ file: voiceSample }),
  "POST /api/v1/public/bulk/reels": (f) => ({
    twin_id: f.twinId,
    platform: "instagram",
    quality: "draft",
    csv_file: new Blob(["script,platform,voice_id,name\nHello {name}!,tiktok,en-US,Ana\nCheck this out.,,,\n"], { type: "text/csv" }),
  }),
};

/** Route files whose handlers read a body. */
const readsBody = (file: string) => /readJson\(|readMultipart\(|readFormFields\(|formData\(/.test(fs.readFileSync(file, "utf8"));

function request(method: HttpMethod | "OPTIONS", url: string, body?: WireBody | Record<string, string | Blob>): Request {
  const headers = new Headers({ authorization: `Bearer ${owner.token}` });
  let payload: BodyInit | undefined;
  if (body && "text" in body && typeof body.text === "string") {
    if (body.contentType) headers.set("content-type", body.contentType as string);
    payload = body.text;
  } else if (body) {
    const form = new FormData();
    for (const [k, v] of Object.entries(body)) form.append(k, v as string | Blob);
    payload = form;
  }
  return new Request(url, { method, headers, body: method === "GET" ? undefined : payload });
}

const call = (handler: Handler, method: HttpMethod | "OPTIONS", r: RouteFile, params: Params, body?: WireBody | Record<string, string | Blob>, query = "") =>
  handler(request(method, urlOf(r.route, params, query), body), { params: Promise.resolve(params) });

function urlOf(route: string, params: Params, query = "") {
  const pathname = route.replace(SEGMENT, (_, _dots: string, name: string) => {
    const v = params[name];
    return Array.isArray(v) ? v.map(encodeURIComponent).join("/") : encodeURIComponent(v);
  });
  return `http://localhost:3000${pathname}${query ? `?${query}` : ""}`;
}

/** No 5xx; an error is JSON in the shared shape and tells nothing of the server's insides. */
async function expectHandled(res: Response, what: string) {
  const text = await res.text();
  expect(res.status, `${what} -> ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status < 400) return;
  expect(res.headers.get("content-type"), what).toMatch(/^application\/json/);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(body, `${what} -> ${text.slice(0, 300)}`).toMatchObject({ detail: expect.any(String), code: expect.any(String) });
  expect(body.detail, what).not.toMatch(INTERNALS);
}

/** An error with this status, as JSON in the shared shape. */
async function expectError(res: Response, status: number, what: string) {
  expect(res.status, what).toBe(status);
  await expectHandled(res, what);
}

const VALID = Symbol("a valid id");
type ParamChoice = string | string[] | typeof VALID;

/** Each path parameter a valid id of the fixtures or a bad one; catch-all segments are lists. */
function paramsArb(r: RouteFile, onlyBad = false): fc.Arbitrary<Record<string, ParamChoice>> {
  return fc.record(
    Object.fromEntries(
      r.params.map((p) => [
        p.name,
        p.catchAll ? fc.array(badPathId, { minLength: 1, maxLength: 3 }) : onlyBad ? badPathId : fc.oneof(fc.constant<ParamChoice>(VALID), badPathId),
      ]),
    ),
  );
}

const validParams = (r: RouteFile, f: Fixtures): Params =>
  Object.fromEntries(r.params.map((p) => [p.name, p.catchAll ? ["x"] : (PARAM_OVERRIDES[r.route]?.[p.name] ?? f[p.name])]));
const resolve = (r: RouteFile, choice: Record<string, ParamChoice>, f: Fixtures): Params => {
  const valid = validParams(r, f);
  return Object.fromEntries(Object.entries(choice).map(([k, v]) => [k, v === VALID ? valid[k] : v]));
};

const assertProperty = <T>(arb: fc.Arbitrary<T>, check: (v: T) => Promise<void>, numRuns = RUNS, examples: T[] = []) =>
  // fast-check counts the examples within numRuns: they come on top of the random runs here.
  fc.assert(fc.asyncProperty(arb, check), {
    seed: SEED,
    numRuns: numRuns + examples.length,
    examples: examples.map((e): [T] => [e]),
    endOnFailure: process.env.FUZZ_SHRINK !== "1",
  });

beforeAll(async () => {
  const account = await makeAccount({ credits: 100_000_000 });
  owner = { account, email: account.email, token: (await createApiToken(getDb(), account, "fuzz")).token };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinetwin-fuzz-"));
  voiceSample = new Blob([new Uint8Array(fs.readFileSync(await lavfiAudio(path.join(dir, "tone.wav"), "sine=frequency=220:duration=4")))], {
    type: "audio/wav",
  });
  const photo = await makePhoto(32, 32);
  photoBase64 = photo.toString("base64");
  // A remote file the actor and image URLs can fetch: loopback is refused unless allowed by name.
  assetServer = await listenLocal((_, res) => res.writeHead(200, { "content-type": "image/png" }).end(photo));
  const host = new URL(assetServer.url).host;
  assetBase = `http://${host}`;
  process.env.OUTBOUND_ALLOW_HOSTS = host;
  console.log(`[fuzz] seed ${SEED} (FUZZ_SEED=${SEED} replays this run), ${RUNS} runs per endpoint`);
});

afterAll(async () => {
  await assetServer?.close();
  await stopBoss();
  await closeDb();
});

describe("the API under bad input", () => {
  it("finds every route; every skip and example names one that exists", () => {
    expect(routes.length).toBeGreaterThan(30);
    const keys = new Set(routes.flatMap((r) => [r.route, ...HTTP_METHODS.map((m) => `${m} ${r.route}`)]));
    const named = [SKIPPED, EXAMPLES, FORMS, PARAM_OVERRIDES, EXAMPLE_REFUSED].flatMap((table) => Object.keys(table));
    expect(named.filter((k) => !keys.has(k))).toEqual([]);
  });

  it("has a valid body for every endpoint that reads one, and a valid id for every path parameter", () => {
    const names = fixtureNames();
    const missing: string[] = [];
    for (const r of routes.filter((x) => !SKIPPED[x.route])) {
      for (const p of r.params)
        if (!p.catchAll && !PARAM_OVERRIDES[r.route]?.[p.name] && !names.has(p.name)) missing.push(`[${p.name}] of ${r.route}: add a maker to makers()`);
      if (!readsBody(r.file)) continue;
      for (const m of served(r).filter((x) => x !== "GET" && x !== "DELETE")) {
        const key = `${m} ${r.route}`;
        if (!EXAMPLES[key] && !FORMS[key] && !SKIPPED[key]) missing.push(`${key}: add a valid body to EXAMPLES (or FORMS), or a reason to SKIPPED`);
        for (const name of namesRead(EXAMPLES[key] ?? FORMS[key])) if (!names.has(name)) missing.push(`${key} reads ${name}: add a maker to makers()`);
      }
    }
    expect(missing).toEqual([]);
  });

  // Writes first and DELETEs last: each endpoint has fixtures of its own anyway.
  const writes = routes.flatMap((r) => served(r).flatMap((m) => (m === "GET" ? [] : [{ r, m }])));
  for (const { r, m } of [...writes.filter((w) => w.m !== "DELETE"), ...writes.filter((w) => w.m === "DELETE")]) {
    const key = `${m} ${r.route}`;
    if (SKIPPED[r.route] || SKIPPED[key] || r.route === CATCH_ALL) continue;
    it(`${key}: bad bodies and bad path ids get a 4xx in the dialect's shape`, async () => {
      const handler = modules.get(r.route)![m] as Handler;
      // Only what this endpoint names is made: its path ids and what its example body reads.
      const needs = [...r.params.map((p) => p.name), ...namesRead(EXAMPLES[key] ?? FORMS[key])];
      let f = await fixtures(needs);
      const example = EXAMPLES[key]?.(f);
      const form = FORMS[key]?.(f);
      // The example itself must succeed, or the mutations below would stop where it stops.
      const given = await call(handler, m, r, validParams(r, f), form ?? { text: JSON.stringify(example ?? {}), contentType: "application/json" });
      if (!EXAMPLE_REFUSED[key]) expect(given.status, `${key} as given: ${await given.clone().text()}`).toBeLessThan(300);
      await expectHandled(given, `${key} as given`);
      if (given.status < 300) f = await fixtures(needs);
      const body: fc.Arbitrary<WireBody | Record<string, string | Blob>> = form
        ? fc.oneof(mutatedForm(form), mutatedJsonBody({ ...form, audio_file: "x" }))
        : mutatedJsonBody(example ?? {});
      const allValid = Object.fromEntries(r.params.map((p) => [p.name, VALID])) as Record<string, ParamChoice>;
      const examples = (form ? [] : classExamples(example ?? {})).map((b) => [allValid, b] as [Record<string, ParamChoice>, WireBody]);
      await assertProperty(
        fc.tuple(paramsArb(r), body),
        async ([choice, b]) => {
          const params = resolve(r, choice, f);
          const res = await call(handler, m, r, params, b);
          if (process.env.FUZZ_DEBUG) console.log("[run]", key, res.status, typeof b.text === "string" ? b.text.slice(0, 120) : "form");
          // A success may have used the fixtures up (an approval, a delete): the next run gets new ones.
          if (res.status < 300) f = await fixtures(needs);
          await expectHandled(res, `${key} ${JSON.stringify(params).slice(0, 200)} ${typeof b.text === "string" ? b.text.slice(0, 200) : ""}`);
        },
        RUNS,
        examples,
      );
    });
  }

  for (const r of routes.filter((x) => !SKIPPED[x.route] && !SKIPPED[`GET ${x.route}`] && x.route !== CATCH_ALL && served(x).includes("GET"))) {
    it(`GET ${r.route}: bad path ids and query strings get a 4xx in the dialect's shape`, async () => {
      const handler = modules.get(r.route)!.GET as Handler;
      // Only bad ids: with valid ones some GETs do real work (a preview renders). Lists get bad queries.
      await assertProperty(
        fc.tuple(paramsArb(r, true), badQuery),
        async ([params, query]) => {
          const res = await call(handler, "GET", r, params as Params, undefined, query);
          await expectHandled(res, `GET ${r.route} ${JSON.stringify(params).slice(0, 200)}?${query.slice(0, 200)}`);
        },
        Math.ceil(RUNS / 2),
      );
    });
  }

  it("answers a method a route does not serve with a JSON 405 naming the ones it does", async () => {
    const missing: string[] = [];
    for (const r of routes.filter((x) => !SKIPPED[x.route] && x.route !== CATCH_ALL)) {
      const mod = modules.get(r.route)!;
      const allow = served(r);
      for (const m of [...HTTP_METHODS.filter((x) => !allow.includes(x)), "OPTIONS" as const]) {
        const handler = mod[m] as Handler | undefined;
        if (!handler) {
          missing.push(`${m} ${r.route}`);
          continue;
        }
        const params = Object.fromEntries(r.params.map((p) => [p.name, p.catchAll ? ["x"] : "1"]));
        const res = await call(handler, m, r, params, { text: "{}", contentType: "application/json" });
        if (m === "OPTIONS") {
          // otherMethods' OPTIONS lists the methods; a route may answer its own (a CORS preflight).
          expect(res.status, r.route).toBe(204);
          if (res.headers.get("allow") !== null) {
            expect(res.headers.get("allow"), r.route).toBe(`${allow.join(", ")}, OPTIONS`);
          }
        } else {
          await expectError(res.clone(), 405, `${m} ${r.route}`);
          expect(res.headers.get("allow"), `${m} ${r.route}`).toBe(allow.join(", "));
        }
      }
    }
    // Next.js answers a method a route file does not export with an empty 405 (and its OPTIONS
    // would list every export): each must be exported, as lib/api/methods.ts otherMethods() does.
    expect(missing).toEqual([]);
  });

  it("answers a path under /api that no route serves with a JSON 404, whatever the method", async () => {
    const mod = modules.get(CATCH_ALL)!;
    const r = routes.find((x) => x.route === CATCH_ALL)!;
    const segments = fc.array(fc.oneof(badPathId, fc.constantFrom("v1", "persons", "unknown")), { maxLength: 5 });
    await assertProperty(fc.tuple(fc.constantFrom(...HTTP_METHODS, "OPTIONS" as const), segments, badQuery), async ([m, path, query]) => {
      const res = await call(mod[m] as Handler, m, r, { path }, { text: "{}", contentType: "application/json" }, query);
      await expectError(res, 404, `${m} /api/${path.join("/")}`);
    });
  });
});
