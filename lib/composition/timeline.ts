import { z } from "zod";
import { CAMERA_MOVES } from "@/lib/providers/motion/camera-move";

const MAX_PIXELS = 3840 * 2160;
const ms = z.number().int().min(0);
const positiveMs = z.number().int().min(1);
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour");
const evenSide = z.number().int().min(16).max(3840).refine((n) => n % 2 === 0, "must be even");

/** Fields every track may carry (Colossyan's common track properties, v1 subset). */
const trackBase = {
  /** Length of the track in ms; otherwise its media's own length, or the rest of the scene. */
  duration: positiveMs.optional(),
  /** Delay from the scene start before the track begins. */
  startTimeGap: ms.optional(),
  /** Time the track ends before the scene does. */
  endTimeGap: ms.optional(),
  referenceId: z.string().min(1).max(100).optional(),
};

/** An opaque asset reference ("media:<id>", a URL...) that the caller resolves to a local file. */
const src = z.string().min(1).max(2000);

export const captionSegmentSchema = z.object({
  text: z.string().max(1000),
  startMs: ms,
  endMs: ms,
});

export const videoTrackSchema = z.object({
  type: z.literal("video"),
  src,
  loop: z.boolean().optional(),
  volume: z.number().min(0).max(1).optional(),
  ...trackBase,
});

export const imageTrackSchema = z.object({
  type: z.literal("image"),
  src,
  motion: z.enum(CAMERA_MOVES).optional(),
  ...trackBase,
});

export const audioTrackSchema = z.object({
  type: z.literal("audio"),
  src,
  volume: z.number().min(0).max(1).optional(),
  ...trackBase,
});

export const captionsTrackSchema = z.object({
  type: z.literal("captions"),
  segments: z.array(captionSegmentSchema).max(500),
  style: z
    .object({
      fontSize: z.number().int().min(8).max(300).optional(),
      position: z.enum(["bottom", "center"]).optional(),
    })
    .optional(),
  ...trackBase,
});

export const textTrackSchema = z.object({
  type: z.literal("text"),
  text: z.string().min(1).max(2000),
  fontSize: z.number().int().min(8).max(400).optional(),
  color: hexColor.optional(),
  ...trackBase,
});

export const trackSchema = z.discriminatedUnion("type", [
  videoTrackSchema,
  imageTrackSchema,
  audioTrackSchema,
  captionsTrackSchema,
  textTrackSchema,
]);

export const transitionSchema = z.object({
  /** "fade" dips to black: the scene fades out over half the duration and the next fades in over the other half. */
  type: z.enum(["fade", "none"]),
  duration: ms,
});

export const sceneSchema = z.object({
  name: z.string().max(200).optional(),
  duration: positiveMs.optional(),
  tracks: z.array(trackSchema).min(1),
  /** The transition into the next scene. */
  transition: transitionSchema.optional(),
});

export const timelineSettingsSchema = z
  .object({
    name: z.string().min(1).max(200),
    videoSize: z.object({ width: evenSide, height: evenSide }),
    fps: z.number().int().min(1).max(60).default(25),
    backgroundColor: hexColor.default("#000000"),
  })
  .refine((s) => s.videoSize.width * s.videoSize.height <= MAX_PIXELS, {
    message: "videoSize may be at most 3840x2160 pixels",
    path: ["videoSize"],
  });

/** One video: settings and its scenes in order; every recipe compiles to this. */
export const timelineSchema = z.object({
  settings: timelineSettingsSchema,
  scenes: z.array(sceneSchema).min(1).max(100),
});

export type Timeline = z.infer<typeof timelineSchema>;
/** A timeline as written by hand or a recipe, before defaults are applied. */
export type TimelineInput = z.input<typeof timelineSchema>;
export type Scene = z.infer<typeof sceneSchema>;
export type Track = z.infer<typeof trackSchema>;
export type VideoTrack = z.infer<typeof videoTrackSchema>;
export type ImageTrack = z.infer<typeof imageTrackSchema>;
export type AudioTrack = z.infer<typeof audioTrackSchema>;
export type CaptionsTrack = z.infer<typeof captionsTrackSchema>;
export type TextTrack = z.infer<typeof textTrackSchema>;
export type CaptionSegment = z.infer<typeof captionSegmentSchema>;
