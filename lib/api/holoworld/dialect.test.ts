import { describe, expect, it } from "vitest";
import { characterBox, compileStudioRender, studioStage } from "@/lib/composition/recipes/studio-render";
import { studioPrice } from "@/lib/credits/prices";
import { AppError, notFound } from "@/lib/errors";
import { listStudioBackgrounds, type StudioRenderStarted } from "@/lib/studio-render/service";
import type { GeneratedVideoRow, VideoJobRow } from "@/lib/videos/service";
import { errorResponse } from "../route";
import { holoworldWords } from "./errors";
import { backgroundsOut, jobIdOfRender, renderCreatedOut, renderOut } from "./mappers";
import { backgroundsSchema, renderCreatedSchema, renderSchema } from "./responses";
import { renderIn, studioRenderOf } from "./schemas";
import { renderStatusWord } from "./status";

const req = new Request("http://localhost:3000/api/studio/render/x", { headers: { host: "studio.lan:8080" } });
const when = new Date("2026-01-02T03:04:05Z");
const jobId = "12345678-abcd-4876-9fgh-123456789abc".replace("g", "a").replace("h", "b");
const job = { id: jobId, videoId: "v1", status: "queued", progress: 0, errorMessage: null, createdAt: when, finishedAt: null } as unknown as VideoJobRow;

/** The seed's request body, with a built-in background. */
const seedBody = {
  renderPayload: {
    aspectRatio: "1/1",
    withCaption: true,
    brainrot: false,
    scenes: [
      {
        text: "The text that will be spoken by the AI model",
        background: { type: "image", source: "builtin:sunset-city-square" },
        includeOutro: true,
        modelConfig: { id: "12", scale: 1.0, x: 50, y: 50 },
      },
    ],
  },
};

describe("the studio (Holoworld) dialect", () => {
  it("reads the seed's payload into the domain's words", () => {
    expect(studioRenderOf(renderIn.parse(seedBody))).toEqual({
      aspectRatio: "1:1",
      captions: true,
      brainrot: false,
      brainrotClip: null,
      scenes: [
        {
          text: "The text that will be spoken by the AI model",
          backgroundSource: "builtin:sunset-city-square",
          includeOutro: true,
          characterId: 12,
          scale: 1,
          x: 50,
          y: 50,
        },
      ],
    });
  });

  it("answers in the documented shapes, with the seed's render-<uuid> id and status words", () => {
    const started = {
      job,
      render: { aspectRatio: "9:16", captions: false, brainrot: true, scenes: [{}, {}] },
      warnings: [{ field: "scenes.1.backgroundSource", message: "scenes.1.backgroundSource: fitted" }],
      price: studioPrice(2, { captions: false }),
    } as unknown as StudioRenderStarted;
    const created = renderCreatedSchema.parse(renderCreatedOut(started));
    expect(created).toMatchObject({ id: `render-${jobId}`, status: "queued", aspectRatio: "9/16", width: 1080, height: 1920, creditsCharged: 0.6 });
    expect(created.warnings).toEqual([{ field: "renderPayload.scenes.1.background.source", message: "renderPayload.scenes.1.background.source: fitted" }]);
    expect(jobIdOfRender(created.id)).toBe(jobId);

    const video = { shareToken: "tok_abcdefghijklmnop" } as GeneratedVideoRow;
    const done = renderSchema.parse(renderOut(req, { job: { ...job, status: "succeeded", progress: 100 }, video }));
    expect(done).toMatchObject({ status: "completed", url: "http://studio.lan:8080/api/share/tok_abcdefghijklmnop/video", errorMessage: null });
    const failed = renderSchema.parse(renderOut(req, { job: { ...job, status: "failed", errorMessage: "Rendering failed: x" }, video: null }));
    expect(failed).toMatchObject({ status: "failed", url: null, errorMessage: "Rendering failed: x" });
    expect((["queued", "running", "succeeded", "failed", "canceled"] as const).map(renderStatusWord)).toEqual([
      "queued",
      "processing",
      "completed",
      "failed",
      "failed",
    ]);
    expect(backgroundsSchema.parse(backgroundsOut(listStudioBackgrounds())).backgrounds).toHaveLength(12);
  });

  it("names the seed's fields and calls a character an agent in its errors", async () => {
    const field = "scenes.2.characterId";
    const e = new AppError("bad_request", `${field}: no character 9 in this workspace`, field);
    expect(await errorResponse(e, holoworldWords).json()).toEqual({
      detail: "renderPayload.scenes.2.modelConfig.id: no agent 9 in this workspace",
      code: "bad_request",
      field: "renderPayload.scenes.2.modelConfig.id",
    });
    expect(await errorResponse(notFound("Character"), holoworldWords).json()).toMatchObject({ detail: "Agent not found" });
    const zod = renderIn.safeParse({ renderPayload: { ...seedBody.renderPayload, scenes: [{ ...seedBody.renderPayload.scenes[0], text: "x".repeat(2001) }] } });
    expect(await errorResponse(zod.error, holoworldWords).json()).toMatchObject({
      field: "renderPayload.scenes.0.text",
      detail: expect.stringMatching(/^renderPayload\.scenes\.0\.text: .*2000 characters/),
    });
  });

  it("prices 0.3 credits a scene and 0.1 more a captioned one, exactly", () => {
    expect(studioPrice(3, { captions: true })).toEqual({ scenes: 3, hundredths: 120, credits: 1.2 });
    expect(studioPrice(5, { captions: false })).toEqual({ scenes: 5, hundredths: 150, credits: 1.5 });
  });

  it("places the agent's box by its centre in percent of the stage, scaled to it; brainrot splits the frame", () => {
    const full = studioStage({ width: 1200, height: 1200, brainrot: false });
    expect(characterBox(full, { scale: 2, x: 50, y: 50 })).toEqual({ x: 0, y: 0, width: 1200, height: 1200 });
    expect(characterBox(full, { scale: 1, x: 50, y: 50 })).toEqual({ x: 300, y: 300, width: 600, height: 600 });
    expect(characterBox(full, { scale: 1, x: 25, y: 75 })).toEqual({ x: 0, y: 600, width: 600, height: 600 });
    const top = studioStage({ width: 1080, height: 1920, brainrot: true });
    expect(top).toEqual({ x: 0, y: 0, width: 1080, height: 960 });
    const timeline = compileStudioRender({
      name: "t",
      width: 1080,
      height: 1920,
      captions: true,
      brainrotClipSrc: "media:00000000-0000-4000-8000-000000000001",
      scenes: [
        { text: "Hi.", backgroundSrc: "media:00000000-0000-4000-8000-000000000002", actor: "character-1", includeOutro: true, scale: 0.5, x: 50, y: 50 },
      ],
    });
    const tracks = timeline.scenes[0].tracks;
    expect(tracks.map((t) => t.type)).toEqual(["image", "video", "actor", "captions"]);
    expect(tracks[0]).toMatchObject({ fit: "cover", position: { x: 0, y: 0 }, size: { width: 1080, height: 960 } });
    expect(tracks[1]).toMatchObject({ loop: true, position: { x: 0, y: 960 }, size: { width: 1080, height: 960 } });
    expect(tracks[2]).toMatchObject({ includeOutro: true, position: { x: 405, y: 360 }, size: { width: 270, height: 240 } });
    expect(tracks[3]).toMatchObject({ sourceTrackReference: "speaker", style: { position: "center", preset: "highlight" } });
  });
});
