import { z } from "zod";
import { renderStatuses } from "./status";

/** Response shapes of the studio (Holoworld) dialect, mirroring ./mappers.ts (checked by dialect.test.ts). */

const warningSchema = z.object({
  field: z.string().meta({ description: "The payload field it is about, e.g. renderPayload.scenes.0.text" }),
  message: z.string(),
});

export const renderCreatedSchema = z.object({
  id: z.string().meta({ description: "The RENDER_ID (render-<uuid>): poll GET /api/studio/render/{renderId} with it" }),
  status: z.enum(renderStatuses).meta({ description: "queued, processing, then completed or failed" }),
  videoId: z.string().meta({ description: "The video it makes, listed with the studio's videos (GET /api/v1/generated-videos/{video_id})" }),
  aspectRatio: z.enum(["1/1", "9/16"]),
  width: z.number().int(),
  height: z.number().int(),
  scenes: z.number().int(),
  creditsCharged: z.number().meta({ description: "Credits reserved now: 0.3 a scene, 0.1 more a scene with captions; refunded if the render fails" }),
  warnings: z.array(warningSchema).meta({ description: "What renders differently from what was asked: a long text, a background fitted to the frame" }),
  createdAt: z.string(),
});

export const renderSchema = z.object({
  id: z.string(),
  status: z.enum(renderStatuses),
  progress: z.number().int().meta({ description: "0 to 100" }),
  url: z.string().nullable().meta({ format: "uri", description: "The MP4 once completed (public for whoever has the link), else null" }),
  errorMessage: z.string().nullable().meta({ description: "Why it failed, once failed" }),
  videoId: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const backgroundsSchema = z.object({
  backgrounds: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        source: z.string().meta({ description: "Use as background.source" }),
        aspectRatio: z.enum(["1/1", "9/16"]),
        width: z.number().int(),
        height: z.number().int(),
      }),
    )
    .meta({ description: "Built-in backgrounds, 1200x1200 for 1/1 and 1080x1920 for 9/16" }),
  clips: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        source: z.string().meta({ description: "Use as renderPayload.brainrotClip" }),
        loopSeconds: z.number(),
        default: z.boolean().meta({ description: "The clip a brainrot render uses when none is named" }),
      }),
    )
    .meta({ description: "Built-in looping high-motion clips for the brainrot style's lower half" }),
});
