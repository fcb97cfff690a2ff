import { createHash } from "node:crypto";

export type TimeOfDay = "dawn" | "morning" | "noon" | "afternoon" | "golden" | "dusk" | "night";
export type Weather = "clear" | "cloudy" | "rain" | "snow" | "fog" | "storm";
export type Setting =
  | "street"
  | "beach"
  | "mountain"
  | "forest"
  | "desert"
  | "garden"
  | "road"
  | "ruins"
  | "kitchen"
  | "cafe"
  | "office"
  | "classroom"
  | "home"
  | "stage"
  | "space"
  | "open";

export const INDOOR: ReadonlySet<Setting> = new Set(["kitchen", "cafe", "office", "classroom", "home", "stage"]);

export interface Palette {
  /** Sky gradient, top to bottom. */
  sky: [string, string, string];
  /** Colour of the sun's or the lamps' light. */
  light: string;
  /** 0 (full daylight) .. 1 (deep night): how far surfaces sink toward the shade colour. */
  dark: number;
  /** What surfaces sink toward in shade: cool blue at night, warm violet at dusk. */
  shade: string;
  /** Colour of artificial lights (windows, lamps, neon). */
  lamp: string;
}

export interface SceneStyle {
  time: TimeOfDay;
  weather: Weather;
  setting: Setting;
  palette: Palette;
  /** Portrait sits on the left or right third. */
  portraitSide: "left" | "right";
}

// Each reading is the earliest mention in the prompt: prompts lead with what matters most.
const TIME_WORDS: Array<[TimeOfDay, RegExp]> = [
  ["night", /\b(night|nighttime|midnight|moonlit|moonlight|starry|neon)\b/i],
  ["dusk", /\b(dusk|twilight|evening|blue hour|nightfall)\b/i],
  ["golden", /\b(sunset|golden[- ]hour|golden light|sundown)\b/i],
  ["dawn", /\b(dawn|sunrise|daybreak|first light)\b/i],
  ["morning", /\b(morning|breakfast)\b/i],
  ["noon", /\b(noon|midday|high sun)\b/i],
  ["afternoon", /\b(afternoon)\b/i],
];

const WEATHER_WORDS: Array<[Weather, RegExp]> = [
  ["storm", /\b(storm|stormy|thunder|thunderstorm|lightning)\b/i],
  ["snow", /\b(snow|snowy|snowing|snowfall|blizzard|winter|frost|frosty|frozen)\b/i],
  ["rain", /\b(rain|rainy|raining|drizzle|downpour|rain-slicked)\b/i],
  ["fog", /\b(fog|foggy|mist|misty)\b/i],
  ["cloudy", /\b(cloudy|overcast|clouds|grey sky|gray sky)\b/i],
];

const SETTING_WORDS: Array<[Setting, RegExp]> = [
  [
    "street",
    /\b(street|streets|alley|alleys|alleyway|city|town|downtown|market|shopfronts?|crosswalk|neighbou?rhood|rooftop|skyline|plaza|square|avenue|lane|race course|finish line|spectators|marathon)\b/i,
  ],
  ["beach", /\b(beach|sea|ocean|surf|surfing|shore|coast|waves|pier|harbou?r|seaside|waterline|bay)\b/i],
  ["mountain", /\b(mountains?|summit|peak|ridge|alps|cliff|hillside|switchback)\b/i],
  ["forest", /\b(forest|woods|jungle|pine|trail|canopy)\b/i],
  ["desert", /\b(desert|dunes?|canyon|mesas?|sahara)\b/i],
  ["garden", /\b(garden|gardens|field|fields|meadow|farm|orchard|park|greenhouse|barn|vineyard|raised beds?)\b/i],
  ["road", /\b(road|highway|motorway|roadside|road trip)\b/i],
  ["ruins", /\b(aqueducts?|ruins|columns|arches|temple|colosseum|castle)\b/i],
  ["kitchen", /\b(kitchen|stovetop|stove|oven|bakery|counters?)\b/i],
  ["cafe", /\b(cafe|café|coffee shop|espresso|barista)\b/i],
  ["office", /\b(office|desk|laptop|boardroom|whiteboard|coworking|workshop|garage|lab|laboratory|studio)\b/i],
  ["classroom", /\b(classroom|school|library|lecture hall|chalkboard)\b/i],
  ["home", /\b(living room|bedroom|apartment|sofa|couch|home(?! kitchen)|house|porch)\b/i],
  ["space", /\b(spacecraft|spaceship|orbit|astronaut|outer space|alien landscape|planet|galaxy)\b/i],
  ["stage", /\b(stage|concert|keynote|spotlit|spotlight|theat(?:er|re)|audience|backstage)\b/i],
];

function earliest<T>(prompt: string, table: Array<[T, RegExp]>): T | undefined {
  let best: { value: T; at: number } | undefined;
  for (const [value, re] of table) {
    const at = prompt.search(re);
    if (at >= 0 && (!best || at < best.at)) best = { value, at };
  }
  return best?.value;
}

const SKIES: Record<TimeOfDay, Omit<Palette, "lamp"> & { lamp?: string }> = {
  dawn: { sky: ["#34406e", "#b98aa6", "#ffd1a1"], light: "#ffe0bd", dark: 0.35, shade: "#3a3560" },
  morning: { sky: ["#4f8fdc", "#a3cbf1", "#f6ead6"], light: "#fff3d6", dark: 0.08, shade: "#4a5a80" },
  noon: { sky: ["#2a78dc", "#6db2f4", "#d4ebff"], light: "#ffffff", dark: 0, shade: "#3d4f75" },
  afternoon: { sky: ["#3f86d4", "#93c1ec", "#ffe2ad"], light: "#ffe6b0", dark: 0.06, shade: "#5a4a6a" },
  golden: { sky: ["#3f3475", "#ec875a", "#ffd27a"], light: "#ffcf85", dark: 0.28, shade: "#4a2f55" },
  dusk: { sky: ["#161c45", "#52397a", "#dd7f78"], light: "#ffb88a", dark: 0.55, shade: "#231d45" },
  night: { sky: ["#03050c", "#0a1228", "#182449"], light: "#dfe6ff", dark: 0.82, shade: "#070a18" },
};

const LAMPS = ["#ffd38a", "#ffc46b", "#ffe0a8"];

/** Overcast and wet weather greys the sky and darkens the ground; fog and snow pale them. */
const WEATHER_SKY: Record<Weather, { toward: string; by: number; darker: number }> = {
  clear: { toward: "#000000", by: 0, darker: 0 },
  cloudy: { toward: "#8a929c", by: 0.55, darker: 0.08 },
  rain: { toward: "#5d6670", by: 0.7, darker: 0.18 },
  storm: { toward: "#2f3540", by: 0.8, darker: 0.3 },
  snow: { toward: "#d7dde6", by: 0.6, darker: 0.02 },
  fog: { toward: "#c7ccd2", by: 0.75, darker: 0.05 },
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

/**
 * Reads the prompt for time of day, weather and setting, and lights the scene accordingly.
 * Nothing read means a clear afternoon in the open; the seed only varies details.
 */
export function chooseStyle(prompt: string, rand: () => number): SceneStyle {
  const time = earliest(prompt, TIME_WORDS) ?? "afternoon";
  const weather = WEATHER_WORDS.find(([, re]) => re.test(prompt))?.[0] ?? "clear";
  const setting = earliest(prompt, SETTING_WORDS) ?? "open";
  const base = SKIES[time];
  const w = WEATHER_SKY[weather];
  // Night keeps its darkness under any weather; only the colour of the sky shifts.
  const by = time === "night" ? w.by * 0.35 : w.by;
  const sky = base.sky.map((c) => mix(c, time === "night" ? mix(w.toward, "#000000", 0.8) : w.toward, by)) as Palette["sky"];
  const palette: Palette = {
    sky,
    light: weather === "clear" ? base.light : mix(base.light, "#e6e9ee", 0.5),
    dark: Math.min(0.9, base.dark + w.darker),
    shade: base.shade,
    lamp: LAMPS[Math.floor(rand() * LAMPS.length)],
  };
  return { time, weather, setting, palette, portraitSide: rand() < 0.5 ? "left" : "right" };
}

/** Linear blend of two #rrggbb colours; t=0 gives a, t=1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  const out = pa.map((v, i) => Math.round(v + (pb[i] - v) * t));
  return `#${out.map((v) => Math.min(255, Math.max(0, v)).toString(16).padStart(2, "0")).join("")}`;
}

/** A surface colour as this scene's light shows it: sunk toward the shade colour by the darkness. */
export function lit(color: string, palette: Palette, extraShade = 0): string {
  return mix(color, palette.shade, Math.min(0.95, palette.dark + extraShade));
}

function parseHex(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
