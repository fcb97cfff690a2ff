import { NARRATION_TAIL_MS, SCENE_UNIT_MS } from "@/lib/composition/recipes/story-project";
import type { Beat } from "./beats";
import { LINES, phaseOf, type Line } from "./lines";
import { cap, hash, wordCount, type Slots } from "./slots";
import type { Place } from "./vocabulary";

/**
 * A scene's narration is spoken over about 10 seconds: at ~150 words a minute that is 20-25
 * words; the bounds leave room for short and wordy ideas.
 */
export const NARRATION_MIN_WORDS = 16;
export const NARRATION_TARGET_WORDS = 20;
export const NARRATION_MAX_WORDS = 30;

// The price quoted before approval (lib/projects/cost.ts) times narration at the offline voice's 175 words a
// minute plus 350 ms a sentence; a scene lasts its narration plus a breath, and the planner keeps each
// within the seeds' 10-second unit.
const QUOTE_WPM = 175;
const SENTENCE_PAUSE_MS = 350;

/** Whether the narration, with its breath, fits the 10-second scene unit as the price quote times it. */
export function fitsScene(text: string): boolean {
  const spoken = (wordCount(text) / QUOTE_WPM) * 60_000 + splitSentences(text).length * SENTENCE_PAUSE_MS;
  return wordCount(text) <= NARRATION_MAX_WORDS && spoken + NARRATION_TAIL_MS <= SCENE_UNIT_MS;
}

export type Voice = "warm" | "energetic" | "wry" | "expert";

const VOICE_WORDS: Record<Exclude<Voice, "warm">, string[]> = {
  energetic: ["energetic", "enthusiastic", "excited", "upbeat", "hype", "bold", "passionate", "bubbly", "loud"],
  wry: ["funny", "witty", "humor", "humour", "sarcastic", "dry", "playful", "comedic", "cheeky", "ironic"],
  expert: ["professional", "expert", "authoritative", "serious", "educator", "teacher", "precise", "direct", "analytical"],
};

/** Reads the persona text for how the character talks; "warm" when it says nothing useful. */
export function voiceFrom(persona: string): Voice {
  const lower = persona.toLowerCase();
  for (const voice of ["wry", "energetic", "expert"] as const) {
    if (VOICE_WORDS[voice].some((w) => lower.includes(w))) return voice;
  }
  return "warm";
}

// The persona shows in an aside on the opening and the hard part; endings stay the idea's own.
const VOICE_LINES: Partial<Record<Voice, Partial<Record<"open" | "tension", string>>>> = {
  energetic: { open: "Buckle up, this one moves fast!", tension: "Deep breath, we've got this!" },
  wry: { open: "Spoiler: it gets messy.", tension: "Confidence is not a strategy." },
  expert: { open: "Here is how it unfolds.", tension: "This is where most people stop." },
};

/** A sentence as `narrate` remembers it in `used`: lower case, punctuation gone. */
export const sentenceKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

const splitSentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean);

/** Where the narrator says they are: the idea's named place when it has one. */
export const hereOf = (s: Slots, p: Place) => s.locale ?? p.name;

// Sensory asides that fill a short line toward ten seconds, made from the setting's own details.
const SENSES: Array<(detail: string) => string> = [(d) => `You can see ${d}.`, (d) => `I notice ${d}.`, (d) => `Around me, I can see ${d}.`];

/**
 * Narration for one beat: 2-3 spoken sentences within the word budget, never repeating a
 * sentence already in `used` (which it extends).
 */
export function narrate(beat: Beat, slots: Slots, place: Place, voice: Voice, seed: number, used: Set<string>): string {
  const phase = phaseOf(beat);
  // The genre's own lines first; the story lines only when all of those are spent.
  // Building lines keep their order (a guide starts with the basics); the others rotate by the seed.
  // Idea-specific lines that do not apply are left out first, so the seed spreads ideas over the lines that do.
  const rotate = (all: Line[]) => {
    const bank = all.filter((line) => line(slots, place, hereOf(slots, place)) !== null);
    const turn = phase === "build" ? 0 : hash(`${seed}:${beat}`) % Math.max(1, bank.length);
    return [...bank.slice(turn), ...bank.slice(0, turn)];
  };
  const order: Line[] = [...rotate(LINES[slots.genre][phase]), ...(slots.genre === "story" ? [] : rotate(LINES.story[phase]))];
  const voiced = phase === "open" || phase === "tension" ? VOICE_LINES[voice]?.[phase] : undefined;
  // One aside per sight: the detail itself is remembered, whichever way it was said.
  const sights = place.details ?? [];
  const senses = [...sights.filter((d) => !used.has(`sight:${d}`)), ...sights.filter((d) => used.has(`sight:${d}`))].flatMap((d, i) =>
    SENSES.map((_, k) => ({ sight: d, text: SENSES[(seed + i + k + beat.length) % SENSES.length](d) })),
  );
  for (const line of order) {
    const sentences = line(slots, place, hereOf(slots, place));
    if (!sentences) continue;
    // The persona's aside joins the line, or stands in for its second sentence when the first already says the idea.
    const carrier = sentences.find((x) => [slots.topic, slots.focus, slots.locale, slots.to, slots.action].some((w) => w && x.includes(w)));
    const options = voiced ? [[...sentences, voiced], ...(carrier ? [[carrier, voiced]] : []), sentences] : [sentences];
    for (const option of options) {
      const fitted = fit(option, senses, used);
      if (!fitted) continue;
      if (fitted.sight) used.add(`sight:${fitted.sight}`);
      return remember(fitted.text, used);
    }
  }
  return remember(fallback(beat, slots, place), used);
}

/** Sentences padded with an aside up to the target, or undefined when they cannot fit. Marks nothing as used. */
function fit(sentences: string[], senses: Array<{ sight: string; text: string }>, used: Set<string>): { text: string; sight?: string } | undefined {
  if (sentences.some((x) => used.has(sentenceKey(x)))) return undefined;
  const parts = sentences.map((x) => cap(x));
  let sight: string | undefined;
  if (wordCount(parts.join(" ")) < NARRATION_TARGET_WORDS) {
    const aside = senses.find((x) => !used.has(sentenceKey(x.text)) && fitsScene([...parts, x.text].join(" ")));
    if (aside) {
      parts.push(cap(aside.text));
      sight = aside.sight;
    }
  }
  const text = parts.join(" ");
  return wordCount(text) >= NARRATION_MIN_WORDS && fitsScene(text) ? { text, sight } : undefined;
}

function remember(text: string, used: Set<string>): string {
  splitSentences(text).forEach((x) => used.add(sentenceKey(x)));
  return text;
}

// Last resort when every line collides or overflows: still the idea's words, distinct per beat.
const FALLBACK: Record<Beat, (s: Slots, p: Place, here: string) => string> = {
  hook: (s, p) => `Some stories start quietly. This one starts ${p.at}, with ${s.topic} and a feeling I cannot shake.`,
  setup: (s, p) => `Every story needs a starting point. For ${s.topic}, it is ${p.at}, long before anyone is watching.`,
  inciting: (s) => `One decision changes the direction of ${s.topic}. I feel it the moment I make it.`,
  progress: (s, p) => `Little by little, the pieces of ${s.topic} fit together ${p.at}. The days blur, but it is working.`,
  struggle: (s) => `Nothing about this part of ${s.topic} is easy. There are moments I want to walk away.`,
  setback: (s, p) => `Then the floor gives way ${p.at}. I have to find out how much ${s.topic} really means to me.`,
  turn: (s) => `Slowly, I learn to see ${s.focus} differently. The path ahead finally opens up.`,
  breakthrough: (s, p) => `Then, against the odds, ${s.focus} comes together ${p.at}. I can hardly believe it.`,
  climax: (s) => `Everything comes down to one moment. I give ${s.topic} absolutely everything I have.`,
  resolution: (s, _p, h) => `In the end, ${s.topic} was worth every step. ${cap(h)} will stay with me for a long time.`,
  reflection: (s, p) => `Looking back on ${s.topic}, I would not trade a single moment of it. I will always remember ${p.name}.`,
};

const fallback = (beat: Beat, s: Slots, p: Place) => FALLBACK[beat](s, p, hereOf(s, p));
