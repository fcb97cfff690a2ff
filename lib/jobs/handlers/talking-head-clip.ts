import path from "node:path";
import { compileAvatarScene } from "@/lib/composition/recipes/avatar-scene";
import { dataDir } from "@/lib/env";
import { renderTimeline } from "@/lib/render/render-timeline";

/**
 * Renders a talking-head clip for a story scene: the character's photo speaking the scene's
 * narration over the scene's frame, through the timeline renderer's actor track.
 */
export async function renderTalkingHeadClip(opts: {
  photoPath: string | null;
  imagePath: string;
  audioPath: string;
  durationMs: number;
  width: number;
  height: number;
  fps: number;
  workDir: string;
  outPath: string;
  signal?: AbortSignal;
}) {
  const files: Record<string, string> = { frame: opts.imagePath, narration: opts.audioPath };
  const timeline = compileAvatarScene({
    name: "Talking head",
    width: opts.width,
    height: opts.height,
    fps: opts.fps,
    durationMs: opts.durationMs,
    backgroundSrc: "frame",
    actor: "character",
    speechSrc: "narration",
  });
  const result = await renderTimeline(timeline, {
    resolveAsset: async (src) => files[src],
    resolveActor: async () => ({ photoPath: opts.photoPath, voice: null }),
    workDir: opts.workDir,
    cacheDir: path.join(dataDir(), "cache", "segments"),
    outPath: opts.outPath,
    signal: opts.signal,
  });
  return { path: result.path, durationMs: result.durationMs, move: "talking-head" };
}
