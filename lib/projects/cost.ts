import { storySceneLengthMs } from "@/lib/composition/recipes/story-project";
import { PRICES } from "@/lib/credits/prices";

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
