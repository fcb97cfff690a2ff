import { timelineSchema, type CaptionPreset, type Timeline } from "../timeline";

export interface AvatarRenderInput {
  /** The video's name, as the videos page lists it. */
  name: string;
  /** Portrait output size (even sides). */
  width: number;
  height: number;
  /** The character who appears, as the renderer's resolveActor knows it (`character-12`). */
  actor: string;
  /** What they say. */
  script: string;
  /** The voice that says it; absent: the actor's own voice. */
  speakerId?: string;
  /** How the burned-in captions look (a bulk reel's platform look); absent: the renderer's default. */
  captionPreset?: CaptionPreset;
}

const BACKGROUND = "#1c2230";
const SPEAKER = "speaker";

/**
 * An avatar render (the content-workflow dialect's "talking-head avatar video") as a timeline of
 * one scene: the character's animated photo (moved by the speech's loudness, blinking where it
 * has a face; cut out of a plain backdrop where it has one) speaking the script on a plain
 * background, with the script as captions below. The scene lasts as long as the speech, so the
 * video's length, and its price, is the script's spoken length.
 */
export function compileAvatarRender(input: AvatarRenderInput): Timeline {
  const even = (n: number) => 2 * Math.round(n / 2);
  const margin = even(input.height * 0.05);
  const boxWidth = even(input.width * 0.9);
  const boxHeight = even(input.height * 0.68);
  return timelineSchema.parse({
    settings: { name: input.name, videoSize: { width: input.width, height: input.height }, fps: 25, backgroundColor: BACKGROUND },
    scenes: [
      {
        name: "Avatar",
        intrinsicDurationTrackReference: SPEAKER,
        tracks: [
          {
            type: "actor",
            referenceId: SPEAKER,
            actor: input.actor,
            variant: "full_body",
            text: input.script,
            ...(input.speakerId ? { speakerId: input.speakerId } : {}),
            position: { x: Math.round((input.width - boxWidth) / 2), y: margin },
            size: { width: boxWidth, height: boxHeight },
          },
          { type: "captions", sourceTrackReference: SPEAKER, style: { position: "bottom", ...(input.captionPreset ? { preset: input.captionPreset } : {}) } },
        ],
      },
    ],
  });
}
