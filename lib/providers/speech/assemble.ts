import fs from "node:fs/promises";
import path from "node:path";
import { levelSpeech } from "@/lib/media/loudness";
import { joinPcm, pcmDurationMs, writeWav, type Pcm } from "@/lib/media/wav";
import type { SpeechResult, SpeechSegment } from "./index";
import { splitSentences } from "./sentences";

/** Silence between sentences; matches the estimate lib/projects/cost.ts quotes before synthesis. */
export const SENTENCE_PAUSE_MS = 350;

/**
 * Speaks a text one sentence at a time (`speak` gives each sentence's audio) and joins the clips
 * into one WAV at `outPath`, so each sentence's exact place in it is known: those places become
 * caption segments, whatever the engine. The WAV is levelled to the delivery loudness (levelSpeech).
 */
export async function speakBySentence(text: string, outPath: string, speak: (sentence: string, index: number) => Promise<Pcm>): Promise<SpeechResult> {
  const sentences = splitSentences(text);
  if (sentences.length === 0) throw new Error("there is no text to speak");
  const clips: Pcm[] = [];
  for (const [i, sentence] of sentences.entries()) clips.push(await speak(sentence, i));
  const { pcm, spans } = joinPcm(clips, SENTENCE_PAUSE_MS);
  await fs.mkdir(path.dirname(outPath), { recursive: true });
  await fs.writeFile(outPath, writeWav(levelSpeech(pcm)));
  const durationMs = Math.round(pcmDurationMs(pcm));
  const segments: SpeechSegment[] = sentences.map((t, i) => ({
    text: t,
    startMs: Math.round(spans[i].startMs),
    endMs: Math.min(durationMs, Math.round(spans[i].endMs)),
  }));
  return { path: outPath, durationMs, segments };
}
