import { describe, expect, it } from "vitest";
import { AppError, notFound } from "@/lib/errors";
import type { GeneratedVideoRow, VideoJobRow } from "@/lib/videos/service";
import { errorResponse } from "../route";
import { colossyanWords } from "./errors";
import { generatedVideoOut, jobOut } from "./mappers";
import { generatedVideoSchema, videoJobSchema } from "./responses";
import { templateJobIn } from "./schemas";
import { jobStatusWord } from "./status";

const req = new Request("http://localhost:3000/api/v1/generated-videos/x", { headers: { host: "studio.lan:8080" } });
const when = new Date("2026-01-02T03:04:05Z");

describe("the video-generation (Colossyan) dialect", () => {
  it("gives publicUrl as the video file and the share page as shareUrl", () => {
    const v = {
      id: "v1",
      jobId: "j1",
      shareToken: "tok_abcdefghijklmnop",
      thumbnailMediaId: "t",
      name: "My first video",
      createdAt: when,
      sizeBytes: 1234,
      durationMs: 2049,
    } as unknown as GeneratedVideoRow;
    const out = generatedVideoOut(req, v);
    expect(generatedVideoSchema.parse(out)).toBeTruthy();
    expect(out.publicUrl).toBe("http://studio.lan:8080/api/share/tok_abcdefghijklmnop/video");
    expect(out.shareUrl).toBe("http://studio.lan:8080/v/tok_abcdefghijklmnop");
    expect(out.videoDurationSeconds).toBe(2);
  });

  it("reports jobs in the seed's status words", () => {
    const job = {
      id: "j1",
      videoId: "v1",
      status: "running",
      progress: 40,
      draft: false,
      creditsReserved: 10,
      name: "n",
      errorMessage: null,
      createdAt: when,
      finishedAt: null,
      videoCreative: {},
      dynamicVariables: null,
      callbackPayload: null,
    } as unknown as VideoJobRow;
    expect(videoJobSchema.parse(jobOut(job))).toMatchObject({ status: "rendering", progress: 40, maximumProgress: 100 });
    expect((["queued", "running", "succeeded", "failed", "canceled"] as const).map(jobStatusWord)).toEqual([
      "in_queue",
      "rendering",
      "finished",
      "failed",
      "failed",
    ]);
  });

  it("requires dynamicVariables on template jobs, as the seed does", () => {
    expect(templateJobIn.safeParse({ templateJobId: "t" }).success).toBe(false);
    expect(templateJobIn.parse({ templateJobId: "t", dynamicVariables: { n: 1 } }).dynamicVariables).toEqual({ n: "1" });
  });

  it("calls a character an actor in its errors", async () => {
    expect(await errorResponse(notFound("Character"), colossyanWords).json()).toMatchObject({ detail: "Actor not found" });
    const none = new AppError(
      "bad_request",
      'scenes[0].tracks[0].actor: no actor "character-9"; it has no characters yet',
      "videoCreative.scenes[0].tracks[0].actor",
    );
    expect(await errorResponse(none, colossyanWords).json()).toMatchObject({
      detail: 'scenes[0].tracks[0].actor: no actor "character-9"; it has no actors yet',
    });
  });
});
