import { storySceneLengthMs } from "@/lib/composition/recipes/story-project";
import { PRICES } from "@/lib/credits/prices";
import { estimateVendorCost, type ProviderSelection, type VendorEstimate } from "@/lib/credits/vendor-prices";

/** The offline speech engine's default pace; real engines are close to it. */
const WORDS_PER_MINUTE = 175;
const SENTENCE_PAUSE_MS = 350;

/** How long the narration will take to speak, estimated before any audio exists; `wordsPerMinute` is the voice's pace when known. */
export function estimateNarrationMs(text: string, wordsPerMinute = WORDS_PER_MINUTE): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  const sentences = Math.max(1, (text.match(/[.!?]+(\s|$)/g) ?? []).length);
  return Math.round((words / wordsPerMinute) * 60_000 + sentences * SENTENCE_PAUSE_MS);
}

export interface CostEstimate {
  scenes: Array<{ sceneNumber: number; seconds: number; credits: number }>;
  totalSeconds: number;
  totalCredits: number;
}

/**
 * The price quoted before approval and reserved by it: whole seconds of each scene (its narration
 * plus a breath, or the creator's hold: the story recipe's rule), rounded up per scene, at the
 * seeds' rate of 100 credits per 10-second unit.
 */
export function estimateCost(scenes: Array<{ sceneNumber: number; narrationText: string; holdMs?: number | null }>): CostEstimate {
  const rows = scenes.map((s) => {
    const seconds = Math.ceil(storySceneLengthMs(estimateNarrationMs(s.narrationText), s.holdMs) / 1000);
    return { sceneNumber: s.sceneNumber, seconds, credits: seconds * PRICES.storyCreditsPerSecond };
  });
  return {
    scenes: rows,
    totalSeconds: rows.reduce((a, r) => a + r.seconds, 0),
    totalCredits: rows.reduce((a, r) => a + r.credits, 0),
  };
}

/** The providers configured by the environment (IMAGE_PROVIDER, MOTION_PROVIDER, SPEECH_PROVIDER and their models), "local" when unset. */
export function providersFromEnv(e: Record<string, string | undefined> = process.env): ProviderSelection {
  const id = (v: string | undefined) => v?.trim().toLowerCase() || "local";
  const speech = id(e.SPEECH_PROVIDER);
  return {
    image: id(e.IMAGE_PROVIDER),
    motion: id(e.MOTION_PROVIDER),
    speech,
    imageModel: (id(e.IMAGE_PROVIDER) === "fal" ? e.FAL_IMAGE_MODEL : e.OPENAI_IMAGE_MODEL)?.trim() || undefined,
    videoModel: e.FAL_VIDEO_MODEL?.trim() || undefined,
    speechModel: (speech === "elevenlabs" ? e.ELEVENLABS_MODEL : e.OPENAI_SPEECH_MODEL)?.trim() || undefined,
  };
}

/**
 * What the vendors charge for generating these scenes with `providers` (the credits are
 * estimateCost's): a frame, a clip and a narration per scene, each scene's length estimated as
 * estimateCost estimates it.
 */
export function estimateProjectVendorCost(
  scenes: Array<{ sceneNumber: number; narrationText: string; holdMs?: number | null }>,
  providers: ProviderSelection,
  frame: { width: number; height: number },
): VendorEstimate {
  const rows = scenes.map((s) => {
    const narrationMs = estimateNarrationMs(s.narrationText);
    return { sceneNumber: s.sceneNumber, narrationText: s.narrationText, narrationMs, sceneMs: storySceneLengthMs(narrationMs, s.holdMs) };
  });
  return estimateVendorCost(rows, providers, { frame });
}
