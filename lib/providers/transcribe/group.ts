import type { TranscriptSegment, TranscriptWord } from "./index";

/** What a caption line may hold: about two short lines on screen, read comfortably in its time. */
export const CAPTION_LIMITS = { maxChars: 42, maxMs: 5000, pauseMs: 600 } as const;

/**
 * Timed words as caption segments of a readable length: a new segment starts after a pause, when
 * the line would pass `maxChars`, or when it would stay up longer than `maxMs`; a sentence end
 * closes a segment once it holds a few words. Pure.
 */
export function groupWords(words: TranscriptWord[], limits: Partial<typeof CAPTION_LIMITS> = {}): TranscriptSegment[] {
  const { maxChars, maxMs, pauseMs } = { ...CAPTION_LIMITS, ...limits };
  const out: TranscriptSegment[] = [];
  let current: TranscriptWord[] = [];
  const flush = () => {
    if (!current.length) return;
    out.push({
      text: current.map((w) => w.text).join(" "),
      startMs: current[0].startMs,
      endMs: current[current.length - 1].endMs,
      words: current,
    });
    current = [];
  };
  for (const w of words) {
    const text = w.text.trim();
    if (!text || w.endMs < w.startMs) continue;
    const word = { text, startMs: w.startMs, endMs: w.endMs };
    const last = current[current.length - 1];
    if (last) {
      const chars = current.reduce((n, c) => n + c.text.length + 1, 0) + text.length;
      const sentenceEnded = /[.!?]$/.test(last.text) && current.length >= 3;
      if (word.startMs - last.endMs >= pauseMs || chars > maxChars || word.endMs - current[0].startMs > maxMs || sentenceEnded) flush();
    }
    current.push(word);
  }
  flush();
  return out;
}
