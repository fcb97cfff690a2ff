import type { CaptionSegmentRow } from "@/db/schema/captions";
import { timelineSchema, type Timeline } from "@/lib/composition/timeline";
import type { BurnStyle } from "@/lib/validation/captions";

/** Caption lines one captions track holds (the timeline's limit per track). */
const SEGMENTS_PER_TRACK = 500;
const SOURCE = "source";

/**
 * A burn-in as a timeline of one scene, so it goes through the one renderer (libass captions in
 * the captions track's preset): the source video as it is, or for sound alone a plain background
 * (portrait for the highlight look, which is made for reels), with the segments as captions
 * tracks. The scene lasts as long as the source. Pure.
 */
export function compileBurnIn(input: {
  name: string;
  /** The source's `media:<id>`. */
  src: string;
  /** The source's picture size; null: it has no picture. */
  video: { width: number; height: number } | null;
  segments: CaptionSegmentRow[];
  style: BurnStyle;
}): Timeline {
  const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));
  const size = input.video
    ? { width: even(input.video.width), height: even(input.video.height) }
    : input.style.preset === "highlight"
      ? { width: 720, height: 1280 }
      : { width: 1280, height: 720 };
  const media = input.video ? { type: "video", src: input.src, referenceId: SOURCE } : { type: "audio", src: input.src, referenceId: SOURCE };
  const chunks: CaptionSegmentRow[][] = [];
  for (let i = 0; i < input.segments.length; i += SEGMENTS_PER_TRACK) chunks.push(input.segments.slice(i, i + SEGMENTS_PER_TRACK));
  const style = {
    position: input.style.position,
    preset: input.style.preset,
    color: input.style.color,
    ...(input.style.fontSize ? { fontSize: input.style.fontSize } : {}),
  };
  return timelineSchema.parse({
    settings: { name: input.name, videoSize: size, fps: 25, backgroundColor: "#111318" },
    scenes: [
      {
        name: "Captions",
        intrinsicDurationTrackReference: SOURCE,
        tracks: [media, ...chunks.map((segments) => ({ type: "captions", segments, style }))],
      },
    ],
  });
}
