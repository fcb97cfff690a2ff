import type { VoiceProfile } from "@/lib/providers/speech/index";
import { countSyllables, estimatePitch } from "./analysis";

/**
 * How espeak-ng 1.51 sounds at a given setting, measured with estimatePitch / countSyllables on
 * its own output (two different English texts agreed within 3%). Mapping a sample through these
 * tables picks the setting at which the engine sounds like the sample; profile.test.ts re-measures
 * them, so an engine build that drifts fails loudly instead of quietly mis-voicing characters.
 */
export const ESPEAK_PITCH_HZ: Record<string, Array<[pitch: number, hz: number]>> = {
  "en-us": [
    [0, 69],
    [15, 76],
    [30, 85],
    [50, 102],
    [70, 124],
    [85, 146.5],
    [99, 171],
  ],
  "en-us+f3": [
    [0, 149.5],
    [15, 163],
    [30, 181],
    [50, 212],
    [70, 254.5],
    [85, 294.5],
    [99, 341],
  ],
};
export const ESPEAK_RATE_SPS: Array<[wpm: number, syllablesPerSecond: number]> = [
  [80, 2.87],
  [120, 3.9],
  [175, 5.24],
  [260, 7.07],
  [350, 9.21],
  [450, 9.8],
];

/** Above this the sample is clearly a high (typically female) voice and gets the +f3 variant. */
export const HIGH_VOICE_HZ = 175;
export const MIN_WPM = 80;
export const MAX_WPM = 450;

export interface VoiceMeasurements {
  f0Hz: number;
  syllablesPerSecond: number;
  speechSeconds: number;
}

/** The sample holds no usable speech: analysing it again cannot help, so it is not retried. */
export class VoiceSampleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VoiceSampleError";
  }
}

/** Piecewise-linear y(x) through points sorted by x; clamped at both ends. */
function interpolate(points: Array<[number, number]>, x: number): number {
  if (x <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return points[points.length - 1][1];
}

const invert = (points: Array<[number, number]>) => points.map(([a, b]) => [b, a] as [number, number]);

/** espeak voice and pitch (0..99) that reproduce a speaker's median f0. */
export function pitchSetting(f0Hz: number, base = "en-us"): { engineVoice: string; pitch: number } {
  const engineVoice = f0Hz >= HIGH_VOICE_HZ ? `${base}+f3` : base;
  const table = ESPEAK_PITCH_HZ[f0Hz >= HIGH_VOICE_HZ ? "en-us+f3" : "en-us"];
  return { engineVoice, pitch: Math.round(interpolate(invert(table), f0Hz)) };
}

/** espeak words per minute (80..450) at which the engine speaks `syllablesPerSecond`. */
export function rateSetting(syllablesPerSecond: number): number {
  const wpm = interpolate(invert(ESPEAK_RATE_SPS), syllablesPerSecond);
  return Math.round(Math.min(MAX_WPM, Math.max(MIN_WPM, wpm)));
}

/** The f0 espeak produces at a setting: what the studio shows next to the pitch number. */
export function settingHz(engineVoice: string, pitch: number): number {
  const table = ESPEAK_PITCH_HZ[engineVoice.endsWith("+f3") ? "en-us+f3" : "en-us"];
  return Math.round(interpolate(table, pitch));
}

/**
 * Measures a mono sample and derives the profile that makes the offline engine sound like it.
 * Throws VoiceSampleError when there is not enough voiced speech to measure.
 */
export function profileFromSamples(x: Float32Array, sampleRate: number): { profile: VoiceProfile; measured: VoiceMeasurements } {
  const pitch = estimatePitch(x, sampleRate);
  if (pitch.medianHz === null || pitch.voicedSeconds < 0.5) {
    throw new VoiceSampleError("No voice could be heard in the sample: record a few seconds of clear speech, close to the microphone");
  }
  const rate = countSyllables(x, sampleRate);
  if (rate.syllables < 4 || rate.speechSeconds < 1) {
    throw new VoiceSampleError("The sample has too little speech to measure: read a sentence or two aloud");
  }
  const { engineVoice, pitch: p } = pitchSetting(pitch.medianHz);
  return {
    profile: { engineVoice, pitch: p, rate: rateSetting(rate.syllablesPerSecond) },
    measured: {
      f0Hz: Math.round(pitch.medianHz * 10) / 10,
      syllablesPerSecond: Math.round(rate.syllablesPerSecond * 100) / 100,
      speechSeconds: Math.round(rate.speechSeconds * 10) / 10,
    },
  };
}
