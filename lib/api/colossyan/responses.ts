import { z } from "zod";
import { videoJobStatuses } from "./status";

/** Response shapes of the video-generation dialect, mirroring ./mappers.ts (checked by mappers.test.ts). */

export const videoJobCreatedSchema = z.object({ id: z.string(), videoId: z.string() });
export const videoJobSchema = z.object({
  id: z.string(),
  videoId: z.string(),
  status: z.enum(videoJobStatuses).meta({ description: "in_queue, rendering, then finished or failed" }),
  draft: z.boolean(),
  progress: z.number().int(),
  maximumProgress: z.number().int(),
  creditsReserved: z.number().meta({
    description: "Credits reserved for this render: 10 per started minute of output; drafts are free (a studio render: 0.3 a scene, 0.1 more with captions)",
  }),
  name: z.string(),
  errorMessage: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  videoCreative: z.record(z.string(), z.unknown()).meta({ description: "The job's timeline with variables filled and defaults applied" }),
  dynamicVariables: z.record(z.string(), z.string()),
  callbackPayload: z.record(z.string(), z.unknown()).nullable(),
});
export const generatedVideoSchema = z.object({
  id: z.string(),
  jobId: z.string().nullable(),
  publicUrl: z.string().meta({ format: "uri", description: "The video file (MP4), public for whoever has the link" }),
  shareUrl: z.string().meta({ format: "uri", description: "The share page that plays the video" }),
  thumbnailUrl: z.string().nullable(),
  name: z.string(),
  createdAt: z.string(),
  videoSizeBytes: z.number().int(),
  videoDurationSeconds: z.number(),
});
export const templateSavedSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
export const actorSchema = z.object({ name: z.string(), display_name: z.string(), preview_url: z.string().nullable() }).passthrough();
export const voiceSchema = z.object({ name: z.string(), displayName: z.string(), languages: z.array(z.string()), genders: z.array(z.string()) }).passthrough();
