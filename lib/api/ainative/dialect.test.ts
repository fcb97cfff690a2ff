import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { notFound } from "@/lib/errors";
import type { CharacterRow } from "@/lib/characters/service";
import type { TaskRow } from "@/lib/tasks/service";
import type { GeneratedVideoRow } from "@/lib/videos/service";
import { otherMethods } from "@/lib/api/methods";
import { CORS_HEADERS, preflight, route } from "./errors";
import type { CaptionView } from "@/lib/captions/service";
import {
  analyticsRowsOut,
  analyticsSummaryOut,
  analyticsTaskOut,
  avatarJobOut,
  avatarStartedOut,
  bulkBatchOut,
  bulkStartedOut,
  burnInStartedOut,
  captionOut,
  captionStartedOut,
  taskOut,
  twinOut,
} from "./mappers";
import {
  analyticsRowSchema,
  analyticsSummarySchema,
  analyticsTaskSchema,
  avatarJobSchema,
  avatarStartedSchema,
  bulkBatchSchema,
  bulkStartedSchema,
  burnInStartedSchema,
  captionSchema,
  captionStartedSchema,
  taskSchema,
  twinSchema,
} from "./responses";
import { avatarGenerateIn, twinIn } from "./schemas";
import { bulkStatusWord, taskStatusWord } from "./status";
import type { BulkBatchView } from "@/lib/bulk/service";

const req = new Request("http://localhost:3000/api/v1/public/twins", { headers: { host: "studio.lan:8080" } });
const when = new Date("2026-04-30T02:12:14Z");
const publicId = "645b5b56-f879-4f2f-8ccc-106e8912f522";
const twin = {
  id: 7,
  publicId,
  name: "Tech Creator",
  description: "",
  persona: "You are an engaging tech educator.",
  styleTags: ["casual", "educational"],
  voiceId: "en-US-Neural2-A",
  voiceStatus: "none",
  platformDefaults: { tiktok: { captionStyle: "short" }, instagram: { captionStyle: "hashtag-heavy", hashtags: ["ai"] } },
  photoMediaId: null,
  createdAt: when,
  updatedAt: when,
} as unknown as CharacterRow;
const task = (over: Partial<TaskRow>): TaskRow =>
  ({
    id: "b1ebec31-ce3e-45c2-8629-9ac12ff4ea3c",
    status: "running",
    progress: 42,
    result: null,
    error: null,
    subject: "video-job:x",
    ...over,
  }) as TaskRow;
const video = { shareToken: "tok_abcdefghijklmnop", thumbnailMediaId: "t", durationMs: 11_340 } as GeneratedVideoRow;

/** Runs a handler that throws `e` through the dialect's wrapper. */
const failWith = (e: unknown) =>
  route(async () => {
    throw e;
  })(req, { params: Promise.resolve({}) });

describe("the content-workflow (AINative) dialect", () => {
  it("maps a twin to the seed's fields, with its memory namespace", () => {
    const out = twinOut(req, twin, ["Grew up in Lisbon"]);
    expect(twinSchema.parse(out)).toBeTruthy();
    expect(out).toMatchObject({
      id: publicId,
      name: "Tech Creator",
      memory_namespace: `twin_${publicId}`,
      style_tags: ["casual", "educational"],
      created_at: "2026-04-30T02:12:14.000Z",
      voice_id: "en-US-Neural2-A",
      platform_defaults: { tiktok: { caption_style: "short" }, instagram: { caption_style: "hashtag-heavy", hashtags: ["ai"] } },
      memory_notes: ["Grew up in Lisbon"],
    });
  });

  it("maps the five task statuses to queued, processing, done and error", () => {
    expect((["queued", "running", "succeeded", "failed", "canceled"] as const).map(taskStatusWord)).toEqual(["queued", "processing", "done", "error", "error"]);
  });

  it("polls tasks in the seed's shape: result only once done, a video's URL and length", () => {
    const running = taskOut(req, task({}), null);
    expect(taskSchema.parse(running)).toEqual({ task_id: task({}).id, status: "processing", progress: 42, result: null, error: null });
    const done = taskOut(req, task({ status: "succeeded", progress: 100, result: { videoId: "v", creditsBilled: 120 } }), video);
    expect(taskSchema.parse(done).result).toEqual({
      video_url: "http://studio.lan:8080/api/share/tok_abcdefghijklmnop/video",
      thumbnail_url: "http://studio.lan:8080/api/share/tok_abcdefghijklmnop/thumbnail",
      duration_seconds: 11.3,
      credits_billed: 120,
    });
    const voice = taskOut(req, task({ status: "succeeded", result: { engineVoice: "en-us+f3" } }), null);
    expect(voice.result).toEqual({ engine_voice: "en-us+f3" });
    const failed = taskOut(req, task({ status: "failed", error: "boom" }), null);
    expect(failed).toMatchObject({ status: "error", error: "boom", result: null });
    expect(avatarJobSchema.parse(avatarJobOut(req, task({ status: "succeeded", result: { creditsBilled: 120 } }), video)).result).toMatchObject({
      credits_billed: 120,
    });
  });

  it("answers a submission with task_id and celery_task_id alike, and an honest provider", () => {
    const out = avatarStartedOut({
      job: { taskId: "b1ebec31-ce3e-45c2-8629-9ac12ff4ea3c", status: "queued", progress: 0, creditsReserved: 130 } as never,
      provider: "local",
      estimatedSeconds: 14,
    });
    expect(avatarStartedSchema.parse(out)).toEqual({
      task_id: "b1ebec31-ce3e-45c2-8629-9ac12ff4ea3c",
      celery_task_id: "b1ebec31-ce3e-45c2-8629-9ac12ff4ea3c",
      provider: "local",
      status: "queued",
      progress: 0,
      estimated_seconds: 14,
      credits_reserved: 130,
    });
  });

  it("reads the seed's create body, refusing an unknown platform by name", () => {
    const body = {
      name: "Tech Creator",
      voice_id: "en-US-Neural2-A",
      style_tags: ["casual", "educational"],
      persona_prompt: "You are an engaging tech educator who explains complex topics simply.",
      platform_defaults: { tiktok: { caption_style: "short" }, instagram: { caption_style: "hashtag-heavy" } },
    };
    expect(twinIn.parse(body)).toMatchObject(body);
    const bad = twinIn.safeParse({ ...body, platform_defaults: { facebook: { caption_style: "short" } } });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["platform_defaults", "facebook"], message: expect.stringContaining("facebook is not a platform") });
    expect(avatarGenerateIn.safeParse({ twin_id: publicId, script: "" }).success).toBe(false);
  });

  it("answers any origin, errors and the preflight included: the seed's hook calls it from the creator's own app", async () => {
    const ok = await route(async () => Response.json({ ok: true }))(req, { params: Promise.resolve({}) });
    const failed = await failWith(notFound("Task"));
    // A wrong method too: every route file of the dialect passes CORS_HEADERS to otherMethods.
    const routes = fs.readdirSync("app/api/v1", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
    const dialectRoutes = routes.filter((f) => fs.readFileSync(path.join("app/api/v1", f), "utf8").includes("@/lib/api/ainative/"));
    expect(dialectRoutes.length).toBeGreaterThanOrEqual(5);
    for (const f of dialectRoutes) expect(fs.readFileSync(path.join("app/api/v1", f), "utf8"), f).toMatch(/otherMethods\([^)]*, CORS_HEADERS\)/);
    const wrongMethod = otherMethods({ GET: ok }, CORS_HEADERS).PUT(req);
    expect(wrongMethod.status).toBe(405);
    for (const res of [ok, failed, wrongMethod, await preflight()]) {
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-headers")).toContain("X-API-Key");
    }
    expect((await preflight()).status).toBe(204);
  });

  it("words errors as twins, a 422 for a body of the wrong shape and a 400 for refused values", async () => {
    const nf = await failWith(notFound("Character"));
    expect([nf.status, await nf.json()]).toEqual([404, { detail: "Twin not found", code: "not_found" }]);

    const missing = await failWith(twinIn.safeParse({}).error);
    expect(missing.status).toBe(422);
    expect(await missing.json()).toMatchObject({ code: "unprocessable", field: "name", detail: "name is required" });
    const wrongType = await failWith(twinIn.safeParse({ name: 5 }).error);
    expect([wrongType.status, (await wrongType.json()).detail]).toEqual([422, "name must be a string"]);

    const tooLong = await failWith(twinIn.safeParse({ name: "x".repeat(81) }).error);
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toMatchObject({ code: "bad_request", field: "name", detail: "name must be at most 80 characters" });
  });

  it("maps captions to the seed's shape: SRT, VTT and segments in seconds once done, a burn-in's output_url", () => {
    const captionId = "5bc41d91-867a-4ccb-821a-2b9544c45719";
    const view = {
      caption: {
        id: captionId,
        language: "en",
        method: "narration",
        segments: [{ text: "AI is transforming how creators work.", startMs: 0, endMs: 3500 }],
        createdAt: when,
      },
      task: task({ id: "b1ebec31-ce3e-45c2-8629-9ac12ff4ea3c", status: "succeeded" }),
      burnIn: task({ id: "c1ebec31-ce3e-45c2-8629-9ac12ff4ea3c", status: "succeeded", result: { outputMediaId: "d1ebec31-ce3e-45c2-8629-9ac12ff4ea3c" } }),
    } as unknown as CaptionView;
    const out = captionSchema.parse(captionOut(req, view));
    expect(out).toMatchObject({
      id: captionId,
      status: "done",
      srt: "1\n00:00:00,000 --> 00:00:03,500\nAI is transforming how creators work.\n",
      segments: [{ start: 0, end: 3.5, text: "AI is transforming how creators work." }],
      burn_in: { status: "done", output_url: expect.stringMatching(/^http:\/\/studio\.lan:8080\/api\/media\/d1ebec31-/) },
    });
    expect(out.vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:03\.500\nAI is/);
    const pending = captionOut(req, { ...view, caption: { ...view.caption, segments: null }, task: task({ status: "queued" }), burnIn: null });
    expect(pending).toMatchObject({ status: "queued", srt: null, vtt: null, segments: null, burn_in: null });
    expect(captionStartedSchema.parse(captionStartedOut(view.caption, task({ status: "queued" })))).toMatchObject({ caption_id: captionId, status: "queued" });
    expect(burnInStartedSchema.parse(burnInStartedOut(task({ status: "queued", progress: 0 })))).toMatchObject({ status: "queued" });
    // The one polling endpoint hands a burn-in's stored output over as a signed URL.
    expect(taskOut(req, view.burnIn!, null).result).toEqual({ output_url: expect.stringMatching(/\/api\/media\/d1ebec31-.*sig=/) });
  });

  it("maps a bulk batch: partial when some rows failed, each row's status, result_url and error", () => {
    const batch = { id: publicId, totalRows: 2, quality: "final", platform: "tiktok", createdAt: when, characterId: 7 } as BulkBatchView["batch"];
    const started = bulkStartedOut({ batch, task: task({ id: publicId, status: "queued", progress: 0 }), creditsReserved: 60, queuedRows: [1, 2] });
    expect(bulkStartedSchema.parse(started)).toEqual({
      task_id: publicId,
      batch_id: publicId,
      status: "queued",
      progress: 0,
      total_rows: 2,
      queued_rows: [1, 2],
      quality: "final",
      credits_reserved: 60,
    });
    const row = (n: number, over: object) => ({
      rowNumber: n,
      videoJobId: "j",
      progress: 100,
      row: { script: "Hi", platform: "tiktok", voiceId: null, captionPreset: "highlight", attempts: 1 },
      ...over,
    });
    const view = {
      batch,
      task: task({ status: "succeeded", progress: 100, result: { partial: true }, finishedAt: when }),
      character: { id: 7, publicId, name: "Tech Creator" },
      rows: [
        row(1, { status: "succeeded", task: task({ status: "succeeded" }), video }),
        row(2, { status: "failed", task: task({ status: "failed", error: "Rendering failed: boom" }), video: null }),
      ],
    } as unknown as BulkBatchView;
    const out = bulkBatchSchema.parse(bulkBatchOut(req, view));
    expect(out).toMatchObject({ status: "partial", done_rows: 1, failed_rows: [2], finished_at: "2026-04-30T02:12:14.000Z" });
    expect(out.rows[0]).toMatchObject({
      status: "done",
      result_url: "http://studio.lan:8080/api/share/tok_abcdefghijklmnop/video",
      error: null,
      duration_seconds: 11.3,
    });
    expect(out.rows[1]).toMatchObject({ status: "error", result_url: null, error: "Rendering failed: boom" });
    expect(bulkStatusWord({ status: "succeeded", result: { partial: false } })).toBe("done");
    expect(bulkStatusWord({ status: "failed", result: null })).toBe("error");
  });

  it("maps social analytics: the seed's flat rows, a summary with deltas and top posts, an export's task", () => {
    const m = { views: 15420, likes: 823, comments: 94, shares: 201, followersGained: 47 };
    const rows = analyticsRowsOut([{ platform: "instagram", date: "2026-04-29", ...m }]);
    expect(rows.map((r) => analyticsRowSchema.strict().parse(r))).toEqual([
      { platform: "instagram", date: "2026-04-29", views: 15420, likes: 823, comments: 94, shares: 201, followers_gained: 47 },
    ]);
    const previous = { ...m, views: 10000, likes: 0 };
    const deltas = {
      views: { change: 5420, percent: 54.2 },
      likes: { change: 823, percent: null },
      comments: { change: 0, percent: 0 },
      shares: { change: 0, percent: 0 },
      followersGained: { change: 0, percent: 0 },
    };
    const out = analyticsSummarySchema.parse(
      analyticsSummaryOut({
        range: { from: "2026-04-01", to: "2026-04-30" },
        previousRange: { from: "2026-03-02", to: "2026-03-31" },
        totals: m,
        previous,
        deltas,
        platforms: [{ platform: "instagram", totals: m, previous, deltas }],
        topPosts: [
          {
            targetId: publicId,
            postId: publicId,
            title: "How AI is changing content creation",
            platform: "instagram",
            characterId: 7,
            characterPublicId: publicId,
            characterName: "Tech Creator",
            publishedAt: when,
            url: null,
            views: 15420,
            likes: 823,
            comments: 94,
            shares: 201,
          },
        ],
      }),
    );
    expect(out).toMatchObject({ days: 30, from: "2026-04-01", previous_to: "2026-03-31", totals: { followers_gained: 47 } });
    expect(out.deltas).toMatchObject({ views: { change: 5420, percent: 54.2 }, likes: { percent: null }, followers_gained: { change: 0 } });
    expect(out.top_posts[0]).toMatchObject({ twin_id: publicId, published_at: "2026-04-30T02:12:14.000Z", views: 15420 });
    expect(analyticsTaskSchema.parse(analyticsTaskOut(task({ status: "queued", progress: 0 })))).toEqual({
      task_id: task({}).id,
      status: "queued",
      progress: 0,
    });
    // The export's result, polled: download_url as stored (signed when the file was written, for one hour).
    const exported = taskOut(
      req,
      task({
        status: "succeeded",
        result: { format: "csv", downloadUrl: "http://studio.lan:8080/api/media/x?exp=1&sig=y&download=1", expiresAt: "2026-04-30T03:20:00.000Z", rows: 30 },
      }),
      null,
    );
    expect(exported.result).toEqual({
      format: "csv",
      download_url: "http://studio.lan:8080/api/media/x?exp=1&sig=y&download=1",
      expires_at: "2026-04-30T03:20:00.000Z",
      rows: 30,
    });
  });
});
