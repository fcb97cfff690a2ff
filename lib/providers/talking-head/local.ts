import path from "node:path";
import { timelineSchema } from "@/lib/composition/timeline";
import { renderTimeline } from "@/lib/render/render-timeline";
import type { ProviderCallOptions } from "../jobs";
import type { TalkingHeadProvider, TalkingHeadRequest, TalkingHeadResult } from "./index";

const SPEAKER = "speaker";

/**
 * The in-house talking head: the render's own actor track (the photo cut out of a plain backdrop,
 * moved by the speech's loudness, blinking where it has a face) filling the clip, rendered alone.
 * The same code draws the avatar renders; a vendor's avatar id means nothing here (the photo, or
 * the neutral silhouette without one, is shown).
 */
export class LocalTalkingHeadProvider implements TalkingHeadProvider {
  readonly id = "local";

  async render(req: TalkingHeadRequest, opts: ProviderCallOptions = {}): Promise<TalkingHeadResult> {
    const speech = req.audioPath ? { src: req.audioPath } : req.text?.trim() ? { text: req.text } : null;
    if (!speech) throw new Error("a talking head needs narration audio or text");
    const timeline = timelineSchema.parse({
      settings: { name: "Talking head", videoSize: { width: req.width, height: req.height }, fps: 25, backgroundColor: "#1c2230" },
      scenes: [
        {
          name: "Talking head",
          intrinsicDurationTrackReference: SPEAKER,
          tracks: [
            {
              type: "actor",
              referenceId: SPEAKER,
              actor: SPEAKER,
              variant: "full_body",
              ...speech,
              position: { x: 0, y: 0 },
              size: { width: req.width, height: req.height },
            },
          ],
        },
      ],
    });
    const out = await renderTimeline(timeline, {
      // The only src is the caller's own local audio file.
      resolveAsset: async (src) => src,
      resolveActor: async () => ({ photoPath: req.photoPath ?? null, voice: req.voice ?? null }),
      workDir: req.workDir,
      cacheDir: path.join(req.workDir, "cache"),
      outPath: req.outPath,
      signal: opts.signal,
      onProgress: opts.onProgress,
      // The renderer's own animated photo, whatever TALKING_HEAD_PROVIDER says.
      talkingHead: this,
    });
    return { path: out.path, durationMs: out.durationMs };
  }
}
