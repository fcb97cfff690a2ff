import { z } from "zod";
import { CAMERA_MOVES } from "@/lib/providers/motion/camera-move";

/** The documented maximums of a timeline, enforced when a job is submitted (a 400 naming the field). */
export const TIMELINE_LIMITS = {
  maxScenes: 100,
  maxTracksPerScene: 50,
  /** One scene, and any duration or gap inside it. */
  maxSceneMs: 10 * 60_000,
  /** The whole video. */
  maxVideoMs: 30 * 60_000,
  maxWidth: 3840,
  maxHeight: 3840,
  maxPixels: 3840 * 2160,
  maxFps: 60,
} as const;

const MAX_PIXELS = TIMELINE_LIMITS.maxPixels;
const tooLong = `must be at most ${TIMELINE_LIMITS.maxSceneMs} ms (${TIMELINE_LIMITS.maxSceneMs / 60_000} minutes)`;
const ms = z.number().int().min(0).max(TIMELINE_LIMITS.maxSceneMs, tooLong);
const positiveMs = z.number().int().min(1).max(TIMELINE_LIMITS.maxSceneMs, tooLong);
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #rrggbb colour");
const evenSide = z
  .number()
  .int()
  .min(16)
  .max(3840)
  .refine((n) => n % 2 === 0, "must be even");

/** Common output sizes by aspect ratio. */
export const VIDEO_SIZE_PRESETS = {
  "16:9": { width: 1920, height: 1080 },
  "9:16": { width: 1080, height: 1920 },
  "1:1": { width: 1080, height: 1080 },
  "4:5": { width: 1080, height: 1350 },
} as const;
export type VideoSizePreset = keyof typeof VIDEO_SIZE_PRESETS;

/** The videoSize of a preset, optionally scaled down to at most `maxHeight` rows (sides stay even). */
export function videoSizePreset(preset: VideoSizePreset, maxHeight?: number): { width: number; height: number } {
  const base = VIDEO_SIZE_PRESETS[preset];
  if (!maxHeight || maxHeight >= base.height) return { ...base };
  const k = maxHeight / base.height;
  const even = (n: number) => Math.max(16, 2 * Math.round((n * k) / 2));
  return { width: even(base.width), height: even(base.height) };
}

const offset = z
  .number()
  .int()
  .min(-2 * TIMELINE_LIMITS.maxWidth)
  .max(2 * TIMELINE_LIMITS.maxWidth);

/** Fields every track may carry (Colossyan's common track properties). */
const trackBase = {
  /** Length of the track in ms; otherwise its media's own length, or what its gaps leave of the scene. */
  duration: positiveMs.optional(),
  /** Delay from the scene start before the track begins. */
  startTimeGap: ms.optional(),
  /** Time the track ends before the scene does. */
  endTimeGap: ms.optional(),
  referenceId: z.string().min(1).max(100).optional(),
  /** Top-left corner in output pixels; absent: the layer is centred. Anything past twice the largest frame is off screen anyway. */
  position: z.object({ x: offset, y: offset }).optional(),
  /** Box the layer is fitted into, in pixels; absent: the whole frame. */
  size: z.object({ width: z.number().int().min(2).max(7680), height: z.number().int().min(2).max(7680) }).optional(),
  /** Clockwise degrees. */
  rotation: z.number().min(-360).max(360).optional(),
};

/** An opaque asset reference ("media:<id>", a URL...) that the caller resolves to a local file. */
const src = z.string().min(1).max(2000);
const volume = z.number().min(0).max(1).optional();

const captionWordSchema = z.object({ text: z.string().max(200), startMs: ms, endMs: ms });

export const captionSegmentSchema = z.object({
  text: z.string().max(1000),
  startMs: ms,
  endMs: ms,
  /** When each word is spoken (same clock as the segment); the highlight look lights them up in turn. */
  words: z.array(captionWordSchema).max(200).optional(),
});

/**
 * Caption looks: "plain" (outlined text at the bottom), "boxed" (text on a translucent box) and
 * "highlight" (a few words at a time, the word being spoken lit up: vertical reels).
 */
export const CAPTION_PRESETS = ["plain", "boxed", "highlight"] as const;
export type CaptionPreset = (typeof CAPTION_PRESETS)[number];

/**
 * How an actor's animated photo is shown: full_body (cut out of a plain backdrop, else the whole
 * photo in a soft frame), bubble (a round crop of the face with a thin ring), shoulder (a bust in
 * a rounded box).
 */
export const ACTOR_VARIANTS = ["full_body", "bubble", "shoulder"] as const;
export const TRANSITION_TYPES = ["none", "fade", "wipeleft", "wiperight", "slideleft", "slideup", "dissolve", "circleopen"] as const;

// Input shapes accept Colossyan's names (imageUrl, videoUrl, audioUrl) as well as our `src`;
// the timeline transform below folds them into `src`, the only field the engine reads.
const videoTrackInput = z.object({
  type: z.literal("video"),
  src: src.optional(),
  videoUrl: src.optional(),
  loop: z.boolean().optional(),
  volume,
  ...trackBase,
});
const imageTrackInput = z.object({
  type: z.literal("image"),
  src: src.optional(),
  imageUrl: src.optional(),
  fit: z.enum(["cover", "contain", "fill"]).optional(),
  motion: z.enum(CAMERA_MOVES).optional(),
  ...trackBase,
});
const audioTrackInput = z.object({ type: z.literal("audio"), src: src.optional(), audioUrl: src.optional(), volume, ...trackBase });
const actorTrackInput = z.object({
  type: z.literal("actor"),
  /** A character id the caller's resolveActor understands. */
  actor: z.string().min(1).max(200),
  variant: z.enum(ACTOR_VARIANTS).optional(),
  view: z.string().max(100).optional(),
  /** What the actor says (synthesized with speakerId's voice, else the actor's own voice). */
  text: z.string().min(1).max(5000).optional(),
  speakerId: z.string().max(200).optional(),
  /** Pre-recorded speech instead of text. */
  src: src.optional(),
  audioUrl: src.optional(),
  volume,
  /**
   * After the speech, a closing gesture of about a second (a nod and a small bow, then the photo
   * settles). The track's own length grows by it, so a scene that takes its length from the track
   * shows it; an explicit scene or track duration still cuts it short. Absent: false.
   */
  includeOutro: z.boolean().optional(),
  ...trackBase,
});
const textTrackInput = z.object({
  type: z.literal("text"),
  text: z.string().min(1).max(2000),
  font: z.string().max(100).optional(),
  fontSize: z.number().int().min(8).max(400).optional(),
  color: hexColor.optional(),
  alignment: z.enum(["left", "center", "right"]).optional(),
  backgroundBox: z
    .object({ color: hexColor, opacity: z.number().min(0).max(1).default(0.6), padding: z.number().int().min(0).max(400).default(12) })
    .optional(),
  animation: z.object({ enter: z.enum(["none", "fade", "slide-up"]).default("none"), exit: z.enum(["none", "fade"]).default("none") }).optional(),
  ...trackBase,
});
const captionsTrackInput = z.object({
  type: z.literal("captions"),
  /** Exactly one source: explicit segments, the referenceId of an actor/audio track with speech timings, or an SRT document. */
  segments: z.array(captionSegmentSchema).max(500).optional(),
  sourceTrackReference: z.string().min(1).max(100).optional(),
  srt: z.string().max(200_000).optional(),
  style: z
    .object({
      fontSize: z.number().int().min(8).max(300).optional(),
      color: hexColor.optional(),
      /** Where the lines sit; captions ignore the common `position`. */
      position: z.enum(["bottom", "center", "top"]).optional(),
      /** How the lines look: see CAPTION_PRESETS. */
      preset: z.enum(CAPTION_PRESETS).optional(),
    })
    .optional(),
  ...trackBase,
});

const trackInputSchema = z.discriminatedUnion("type", [videoTrackInput, imageTrackInput, audioTrackInput, actorTrackInput, textTrackInput, captionsTrackInput]);
type TrackInputParsed = z.output<typeof trackInputSchema>;

export const transitionSchema = z.object({
  /**
   * The transition into the next scene. "fade" dips to black inside each scene (no overlap, the
   * join stays a stream copy); the others overlap the two scenes by `duration` via xfade.
   */
  type: z.enum(TRANSITION_TYPES),
  duration: ms,
});

const sceneInput = z.object({
  name: z.string().max(200).optional(),
  duration: positiveMs.optional(),
  /** The referenceId of the track whose length the scene takes. */
  intrinsicDurationTrackReference: z.string().min(1).max(100).optional(),
  tracks: z.array(trackInputSchema).min(1).max(TIMELINE_LIMITS.maxTracksPerScene),
  transition: transitionSchema.optional(),
});

export const timelineSettingsSchema = z
  .object({
    name: z.string().min(1).max(200),
    videoSize: z.object({ width: evenSide, height: evenSide }),
    fps: z.number().int().min(1).max(TIMELINE_LIMITS.maxFps).default(25),
    backgroundColor: hexColor.default("#000000"),
    /**
     * Accepted for Colossyan compatibility. The output is MP4/H.264 yuv420p, which has no alpha,
     * so transparent areas are always flattened onto backgroundColor.
     */
    alphaChannel: z.boolean().optional(),
    /**
     * A music bed under the whole video, looped to its length: a library sound or a built-in track
     * (`builtin:music/<id>`). Ducked under speech when `duck` is set; the whole mix is brought to
     * the render's loudness target.
     */
    music: z
      .object({
        src: z.string().trim().min(1, "music.src is required").max(2048),
        /** The bed's level before ducking, 0..1 of its own loudness. */
        volume: z.number().min(0, "music.volume must be from 0 to 1").max(1, "music.volume must be from 0 to 1").default(0.35),
        duck: z.boolean().default(true),
      })
      .optional(),
  })
  .refine((s) => s.videoSize.width * s.videoSize.height <= MAX_PIXELS, {
    message: "videoSize may be at most 3840x2160 pixels",
    path: ["videoSize"],
  });

type Common = Pick<TrackInputParsed, "duration" | "startTimeGap" | "endTimeGap" | "referenceId" | "position" | "size" | "rotation">;
type Strip<T, K extends string> = Omit<T, K | keyof Common> & Common;
export type VideoTrack = Strip<Extract<TrackInputParsed, { type: "video" }>, "videoUrl" | "src"> & { src: string };
export type ImageTrack = Strip<Extract<TrackInputParsed, { type: "image" }>, "imageUrl" | "src"> & { src: string };
export type AudioTrack = Strip<Extract<TrackInputParsed, { type: "audio" }>, "audioUrl" | "src"> & { src: string };
export type ActorTrack = Strip<Extract<TrackInputParsed, { type: "actor" }>, "audioUrl" | "src" | "variant"> & {
  variant: (typeof ACTOR_VARIANTS)[number];
  src?: string;
};
export type TextTrack = Extract<TrackInputParsed, { type: "text" }>;
export type CaptionsTrack = Extract<TrackInputParsed, { type: "captions" }>;
export type Track = VideoTrack | ImageTrack | AudioTrack | ActorTrack | TextTrack | CaptionsTrack;

function normaliseTrack(t: TrackInputParsed, ctx: z.RefinementCtx, path: Array<string | number>): Track {
  const need = (value: string | undefined, names: string) => {
    if (!value) ctx.addIssue({ code: "custom", path: [...path, "src"], message: `${names} is required` });
    return value ?? "";
  };
  switch (t.type) {
    case "video": {
      const { videoUrl, src: s, ...rest } = t;
      return { ...rest, src: need(s ?? videoUrl, "videoUrl (or src)") };
    }
    case "image": {
      const { imageUrl, src: s, ...rest } = t;
      return { ...rest, src: need(s ?? imageUrl, "imageUrl (or src)") };
    }
    case "audio": {
      const { audioUrl, src: s, ...rest } = t;
      return { ...rest, src: need(s ?? audioUrl, "audioUrl (or src)") };
    }
    case "actor": {
      const { audioUrl, src: s, variant, ...rest } = t;
      const audio = s ?? audioUrl;
      if (!audio && !rest.text)
        ctx.addIssue({ code: "custom", path: [...path, "text"], message: "an actor track needs text (with speakerId or the actor's voice) or audioUrl" });
      if (audio && rest.text) ctx.addIssue({ code: "custom", path: [...path, "text"], message: "give an actor track either text or audioUrl, not both" });
      return { ...rest, variant: variant ?? "shoulder", ...(audio ? { src: audio } : {}) };
    }
    case "captions": {
      const sources = [t.segments, t.sourceTrackReference, t.srt].filter((x) => x !== undefined).length;
      if (sources !== 1)
        ctx.addIssue({ code: "custom", path: [...path, "segments"], message: "captions need exactly one of segments, sourceTrackReference or srt" });
      return t;
    }
    default:
      return t;
  }
}

/** One video: settings and its scenes in order; every recipe compiles to this (Colossyan's videoCreative). */
export const timelineSchema = z
  .object({
    settings: timelineSettingsSchema,
    scenes: z.array(sceneInput).min(1).max(TIMELINE_LIMITS.maxScenes),
  })
  .transform((t, ctx) => ({
    settings: t.settings,
    scenes: t.scenes.map((scene, si) => {
      const ids = new Set<string>();
      scene.tracks.forEach((tr, ti) => {
        if (!tr.referenceId) return;
        if (ids.has(tr.referenceId))
          ctx.addIssue({
            code: "custom",
            path: ["scenes", si, "tracks", ti, "referenceId"],
            message: `referenceId "${tr.referenceId}" is used twice in this scene`,
          });
        ids.add(tr.referenceId);
      });
      scene.tracks.forEach((tr, ti) => {
        if (tr.type !== "captions" || tr.sourceTrackReference === undefined) return;
        const source = scene.tracks.find((x) => x.referenceId === tr.sourceTrackReference);
        if (source?.type !== "actor" || !source.text) {
          ctx.addIssue({
            code: "custom",
            path: ["scenes", si, "tracks", ti, "sourceTrackReference"],
            message: `must be the referenceId of an actor track with text in this scene`,
          });
        }
      });
      return { ...scene, tracks: scene.tracks.map((tr, ti) => normaliseTrack(tr, ctx, ["scenes", si, "tracks", ti])) };
    }),
  }));

export type Timeline = z.output<typeof timelineSchema>;
/** A timeline as written by hand, a recipe or the API, before defaults and aliases are applied. */
export type TimelineInput = z.input<typeof timelineSchema>;
export type Scene = Timeline["scenes"][number];
export type Transition = z.output<typeof transitionSchema>;
export type CaptionSegment = z.infer<typeof captionSegmentSchema>;

export interface TimelineIssue {
  path: Array<string | number>;
  message: string;
}

/** `["scenes", 2, "duration"]` -> `scenes[2].duration`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

/**
 * A timeline that fails validation or timing. `issues` carry paths like zod's; the message starts
 * with the first issue's path (`scenes[0].tracks[1].type: ...`) so a one-line log names the field.
 */
export class TimelineValidationError extends Error {
  constructor(readonly issues: TimelineIssue[]) {
    super(issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "));
    this.name = "TimelineValidationError";
  }
}

/** Parses and normalises a timeline, throwing TimelineValidationError (not a ZodError) on bad input. */
export function parseTimeline(input: unknown): Timeline {
  const r = timelineSchema.safeParse(input);
  if (r.success) return r.data;
  throw new TimelineValidationError(r.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })));
}

/** Whether a track may be timed: captions and text have no media of their own. */
export function trackSrc(track: Track): string | null {
  return "src" in track && track.src ? track.src : null;
}
