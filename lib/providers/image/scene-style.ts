import { createHash } from "node:crypto";

export type Mood = "night" | "golden" | "day" | "overcast";
export type Setting = "city" | "ocean" | "forest" | "stage" | "mountains" | "abstract";

export interface Palette {
  /** Sky gradient, top to bottom. */
  sky: [string, string, string];
  /** Ground / silhouette colour nearest the viewer. */
  ground: string;
  /** Sun, moon, windows, lights. */
  light: string;
  accents: string[];
}

export interface SceneStyle {
  mood: Mood;
  setting: Setting;
  palette: Palette;
  /** Portrait sits on the left or right third. */
  portraitSide: "left" | "right";
}

// Order matters: the first matching group wins, so specific words come before generic ones.
const MOOD_WORDS: Array<[Mood, RegExp]> = [
  ["night", /\b(night|midnight|dark|neon|moon|moonlit|stars?|starry|evening|late)\b/i],
  ["golden", /\b(sunrise|sunset|dawn|dusk|morning|golden|warm|sun|autumn)\b/i],
  ["overcast", /\b(rain|rainy|storm|fog|foggy|mist|grey|gray|winter|snow)\b/i],
];

const SETTING_WORDS: Array<[Setting, RegExp]> = [
  ["stage", /\b(stage|launch|celebration|celebrate|party|concert|festival|crowd|applause|award|spotlight|keynote)\b/i],
  ["ocean", /\b(ocean|sea|beach|shore|coast|waves?|harbou?r|lake|island|surf)\b/i],
  ["forest", /\b(forest|park|trees?|woods?|garden|jungle|meadow|nature)\b/i],
  ["mountains", /\b(mountains?|hills?|valley|peak|desert|canyon|trail|hike)\b/i],
  ["city", /\b(office|city|garage|skyline|street|downtown|building|rooftop|studio|cafe|kitchen|shop|market|town|apartment|workshop)\b/i],
];

const PALETTES: Record<Mood, Palette[]> = {
  night: [
    { sky: ["#070b24", "#1f1147", "#4a1f6e"], ground: "#06061a", light: "#f4f1de", accents: ["#ff2a6d", "#05d9e8", "#b967ff"] },
    { sky: ["#020617", "#0c1e4a", "#27408b"], ground: "#030712", light: "#e0e7ff", accents: ["#22d3ee", "#a78bfa", "#f472b6"] },
  ],
  golden: [
    { sky: ["#2e1a47", "#e76f51", "#f9c74f"], ground: "#3a1f2b", light: "#fff3b0", accents: ["#f4a261", "#e9c46a", "#ff7b54"] },
    { sky: ["#5b2a86", "#ff7e5f", "#feb47b"], ground: "#402039", light: "#fff1c1", accents: ["#ffd166", "#ef476f", "#f8961e"] },
  ],
  day: [
    { sky: ["#1e6fd9", "#5fa8f5", "#cde8ff"], ground: "#1d3557", light: "#fffbe6", accents: ["#ffb703", "#fb8500", "#8ecae6"] },
    { sky: ["#0077b6", "#48cae4", "#e0fbfc"], ground: "#14304a", light: "#ffffff", accents: ["#f72585", "#ffd60a", "#90e0ef"] },
  ],
  overcast: [{ sky: ["#2b3440", "#5c6b7a", "#a9b4c2"], ground: "#1b222b", light: "#e5e9f0", accents: ["#88c0d0", "#d08770", "#a3be8c"] }],
};

/** Deterministic 32-bit PRNG (mulberry32): same seed, same picture, on every machine. */
export function makeRandom(seed: string): () => number {
  let a = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks mood, setting and palette from the prompt's keywords; ties and defaults use the seed. */
export function chooseStyle(prompt: string, rand: () => number): SceneStyle {
  const mood = MOOD_WORDS.find(([, re]) => re.test(prompt))?.[0] ?? "day";
  const setting = SETTING_WORDS.find(([, re]) => re.test(prompt))?.[0] ?? "abstract";
  const options = PALETTES[mood];
  const palette = options[Math.floor(rand() * options.length)];
  return { mood, setting, palette, portraitSide: rand() < 0.5 ? "left" : "right" };
}

/** Linear blend of two #rrggbb colours; t=0 gives a, t=1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  const out = pa.map((v, i) => Math.round(v + (pb[i] - v) * t));
  return `#${out.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

function parseHex(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
