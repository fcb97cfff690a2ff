import type { Beat } from "./beats";
import { cap, hash, wordCount, type Slots } from "./slots";
import type { Place } from "./vocabulary";

/** Roughly 10 seconds of speech at a normal pace. */
export const NARRATION_MIN_WORDS = 12;
export const NARRATION_MAX_WORDS = 30;

/** A template yields two sentences, or null when the idea lacks a slot it needs. */
type Line = (s: Slots, place: Place) => [string, string] | null;

const LINES: Record<Beat, Line[]> = {
  hook: [
    (s) => (s.aFrom && s.to ? [`Every ${s.to} starts somewhere.`, `Mine started with ${s.aFrom} and a feeling I could not shake.`] : null),
    (s, p) =>
      s.kind === "day-in-life" && s.aRole
        ? [`Before ${p.name} wakes up, my day as ${s.aRole} has already begun.`, `Come along and see what it really takes.`]
        : null,
    (s, p) => (s.action ? [`I never thought I could ${s.action}.`, `This is the story of how ${p.name} became my classroom.`] : null),
    (s) => (s.aRole ? [`Nobody expected much from ${s.aRole} like me.`, `But ${s.theSubject} was about to change everything.`] : null),
    (s) => [`It all began with ${s.theSubject} and a question I could not stop asking.`, `This is that story.`],
  ],
  setup: [
    (s, p) =>
      s.aFrom && s.from && s.theTo
        ? [
            `Back then, ${s.aFrom} was all I had${p.name.includes(s.from) ? "" : ` and ${p.name} was my whole world`}.`,
            `${cap(s.theTo)} felt impossibly far away.`,
          ]
        : null,
    (s, p) => (s.aRole ? [`As ${s.aRole}, I knew ${p.name} inside out.`, `What I did not know yet was how much ${s.theSubject} would ask of me.`] : null),
    (s, p) => [`I set up ${p.at} with a plan, a notebook and big hopes for ${s.theSubject}.`, `Experience was another matter.`],
  ],
  inciting: [
    (s) => (s.aFrom && s.theTo ? [`Then I said it out loud: I would turn ${s.aFrom} into ${s.theTo}.`, `No turning back now.`] : null),
    (s) => [`Then something shifted.`, `One small moment with ${s.theSubject} made it clear there was no going back.`],
  ],
  progress: [
    (s) => [`Day by day, the story of ${s.theSubject} took shape.`, `Small wins, long hours and one hard lesson at a time.`],
    (s, p) => [`Step by step, I got closer.`, `Every hour ${p.at} made ${s.theSubject} feel a little more real.`],
  ],
  struggle: [
    (s) => (s.action ? [`My first attempts to ${s.action} were a disaster.`, `Honestly, I almost gave up more than once.`] : null),
    (s) => [`Then came the hard part.`, `Nothing about ${s.theSubject} went to plan, and for a while nothing I tried seemed to work.`],
    (s, p) => [`Some nights ${p.name} felt like a maze.`, `I questioned everything, even why ${s.theSubject} mattered so much to me.`],
  ],
  setback: [
    (s, p) => [`And just when it looked possible, it all fell apart ${p.at}.`, `I had to decide how much ${s.theSubject} really meant to me.`],
    (s) => [`The setback hit hard.`, `I stared at the mess and wondered if ${s.theSubject} had been a mistake all along.`],
  ],
  turn: [
    (s) => [`It was not easy, and ${s.theSubject} tested me more than once.`, `Then, slowly, something finally clicked.`],
    (s, p) => [`So I stopped forcing it and looked at ${s.theSubject} with fresh eyes.`, `The answer had been right there ${p.at} all along.`],
  ],
  breakthrough: [
    (s, p) => (s.action ? [`Then one morning, I finally managed to ${s.action}.`, `I laughed out loud, alone ${p.at}.`] : null),
    (s) => (s.aFrom && s.theTo ? [`And then it happened: ${s.aFrom} had become ${s.theTo}.`, `I had to look twice to believe it.`] : null),
    (s) => [`And then it worked.`, `Everything about ${s.theSubject} clicked in a way I had only dreamed about.`],
  ],
  climax: [
    (s) => [`This was the moment everything had built toward.`, `All eyes on ${s.theSubject}, and no second takes.`],
    (s) => [`Heart pounding, I stepped forward.`, `Everything I had poured into ${s.theSubject} came down to this.`],
  ],
  resolution: [
    (s) => (s.from && s.to ? [`From ${s.from} to ${s.to}, every single step counted.`, `And honestly, this is only the beginning.`] : null),
    (s, p) => (s.kind === "day-in-life" ? [`As night falls over ${p.name}, I count the small victories.`, `Tomorrow, I get to do it all again.`] : null),
    (s) => (s.action ? [`Now I can ${s.action} without even thinking.`, `If I could learn it, so can you.`] : null),
    (s) => (s.aRole ? [`I started out as ${s.aRole} with a hunch.`, `Today ${s.theSubject} is real, and every hard step was worth it.`] : null),
    (s) => [`Looking back, ${s.theSubject} taught me more than I ever expected.`, `And this is only the beginning.`],
  ],
  reflection: [(s) => [`If there is one thing I would tell you, it is this: start before you feel ready.`, `${cap(s.theSubject)} was worth every step.`]],
};

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

// Persona shows through a swapped second sentence on the beats where a narrator's voice is most audible.
const VOICE_LINES: Partial<Record<Voice, Partial<Record<Beat, string>>>> = {
  energetic: {
    hook: "Buckle up, because this one moves fast!",
    breakthrough: "Best feeling in the world, no question!",
    resolution: "And we are just getting started!",
  },
  wry: {
    hook: "Spoiler: it did not go to plan at first.",
    struggle: "Turns out confidence is not a strategy.",
    resolution: "Not bad for someone who nearly quit twice.",
  },
  expert: {
    hook: "Here is exactly how it unfolded, step by step.",
    struggle: "This is the stage where most people stop.",
    resolution: "The lesson: consistency beats talent, every time.",
  },
};

/** A sentence as `narrate` remembers it in `used`: lower case, punctuation gone. */
export const sentenceKey = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * Narration for one beat: 1-2 sentences within the word budget, never repeating a sentence
 * already in `used` (which it extends).
 */
export function narrate(beat: Beat, slots: Slots, place: Place, voice: Voice, seed: number, used: Set<string>): string {
  const applicable = LINES[beat].filter((line) => line(slots, place) !== null);
  // Idea-specific templates lead; the seed only rotates the generic ones so similar ideas still vary.
  const specific = applicable.filter((line) => line(BARE, place) === null);
  const generic = applicable.filter((line) => line(BARE, place) !== null);
  const turn = hash(`${seed}:${beat}`) % Math.max(1, generic.length);
  const order = [...specific, ...generic.slice(turn), ...generic.slice(0, turn)].map((line) => line(slots, place)!);
  for (const [first, second] of order) {
    const voiced = VOICE_LINES[voice]?.[beat];
    const carriesIdea = ideaWords(slots, place).some((w) => second.toLowerCase().includes(w));
    const candidates = voiced && !carriesIdea ? [`${first} ${voiced}`, `${first} ${second}`, first] : [`${first} ${second}`, first];
    for (const text of candidates) {
      const n = wordCount(text);
      const sentences = text.split(/(?<=[.!?])\s+/).map(sentenceKey);
      if (n < NARRATION_MIN_WORDS || n > NARRATION_MAX_WORDS || sentences.some((x) => used.has(x))) continue;
      sentences.forEach((x) => used.add(x));
      return text;
    }
  }
  return fallback(beat, used);
}

const ideaWords = (s: Slots, p: Place) => [s.subject, s.from, s.to, s.role, s.action, p.name].filter((w): w is string => !!w).map((w) => w.toLowerCase());

// Slots with only what every idea has, used to tell generic templates from idea-specific ones.
const BARE: Slots = { name: "", subject: "it", theSubject: "it", kind: "general" };

// Last resort when every template collides or overflows: fixed lines, distinct per beat.
const FALLBACK: Record<Beat, string> = {
  hook: "Some stories start quietly. This one started with a single choice I could not take back.",
  setup: "Every story needs a starting point, and this was mine, long before anyone was watching.",
  inciting: "One decision changed the direction of everything, and I felt it the moment I made it.",
  progress: "Little by little, the pieces started to fit, even when the days blurred together.",
  struggle: "Nothing about this part was easy, and there were days I wanted to walk away.",
  setback: "Then the floor gave way, and I had to find out what I was really made of.",
  turn: "Slowly, I learned to see the problem differently, and the path ahead opened up.",
  breakthrough: "Then, against the odds, it finally worked, and I could hardly believe my eyes.",
  climax: "Everything came down to one moment, and I gave it absolutely everything I had.",
  resolution: "In the end, it was worth every step, and this is only the beginning.",
  reflection: "Looking back now, I would not trade a single moment of it for anything.",
};

function fallback(beat: Beat, used: Set<string>): string {
  const text = FALLBACK[beat];
  text.split(/(?<=[.!?])\s+/).forEach((x) => used.add(sentenceKey(x)));
  return text;
}
