import type { CameraMove, TimeOfDay } from "./vocabulary";
import type { Slots } from "./slots";

export type Beat = "hook" | "setup" | "inciting" | "progress" | "struggle" | "setback" | "turn" | "breakthrough" | "climax" | "resolution" | "reflection";

/**
 * Arc per scene count. Short arcs fold beats together: 2 = setup/payoff (hook, resolution),
 * 3 = setup/turn/resolution; longer arcs add rising-action beats in the middle.
 */
export const ARCS: Record<number, Beat[]> = {
  2: ["hook", "resolution"],
  3: ["hook", "turn", "resolution"],
  4: ["hook", "struggle", "breakthrough", "resolution"],
  5: ["hook", "setup", "struggle", "breakthrough", "resolution"],
  6: ["hook", "setup", "inciting", "struggle", "breakthrough", "resolution"],
  7: ["hook", "setup", "inciting", "struggle", "setback", "breakthrough", "resolution"],
  8: ["hook", "setup", "inciting", "progress", "struggle", "setback", "breakthrough", "resolution"],
  9: ["hook", "setup", "inciting", "progress", "struggle", "setback", "breakthrough", "climax", "resolution"],
  10: ["hook", "setup", "inciting", "progress", "struggle", "setback", "turn", "breakthrough", "climax", "resolution"],
};

export function arcFor(numScenes: number): Beat[] {
  const n = Math.min(10, Math.max(2, Math.round(Number.isFinite(numScenes) ? numScenes : 5)));
  return ARCS[n];
}

export interface BeatVisuals {
  /** Camera moves that suit the beat, best first; the planner avoids repeats between neighbours. */
  moves: CameraMove[];
  time: TimeOfDay;
  lightQuality: string;
  posture: string;
  subjectMotion: string;
  pace: string;
  /** A sentence saying who does what where; `where` is the framing with its preposition. */
  describe: (s: Slots, where: string, activity: string) => string;
}

const asRole = (s: Slots) => (s.aRole ? `, ${s.aRole},` : "");
const opening = (s: Slots) => (s.genre === "guide" ? `, opening ${s.topic3}` : s.genre === "portrait" ? `, introducing ${s.topic3}` : ` as ${s.topic3} begins`);

export const BEATS: Record<Beat, BeatVisuals> = {
  hook: {
    moves: ["slow push-in", "tilt down", "pan across"],
    time: "dusk",
    lightQuality: "moody",
    posture: "gazing into the distance, quietly determined",
    subjectMotion: "turns slowly toward the light",
    pace: "Unhurried, intriguing opening over 10 seconds.",
    describe: (s, w, act) => `${s.name}${asRole(s)} is ${act} ${w}${opening(s)}.`,
  },
  setup: {
    moves: ["pan right", "pan across", "static"],
    time: "morning",
    lightQuality: "soft",
    posture: "focused, sleeves rolled up",
    subjectMotion: "works steadily with small, deliberate movements",
    pace: "Calm, steady motion over 10 seconds.",
    describe: (s, w, act) => `${s.name} is ${act} ${w}, taking in ${s.focus3}.`,
  },
  inciting: {
    moves: ["slow push-in", "pan left", "tilt up"],
    time: "afternoon",
    lightQuality: "crisp",
    posture: "leaning forward with sudden resolve",
    subjectMotion: "stands up abruptly, decision made",
    pace: "Building energy over 10 seconds.",
    describe: (s, w, act) =>
      s.from && s.to
        ? `${s.name} commits to the road from ${s.from} to ${s.to}, ${act} ${w}.`
        : `${s.name} is ${act} ${w} with new urgency, and ${s.topic3} is under way.`,
  },
  progress: {
    moves: ["pan right", "pan left", "pan across"],
    time: "midday",
    lightQuality: "bright",
    posture: "absorbed in the work, moving fast",
    subjectMotion: "moves quickly from task to task",
    pace: "Brisk, montage-like rhythm over 10 seconds.",
    describe: (s, w, act) => `${s.name} is ${act} ${w} as ${s.topic3} takes shape.`,
  },
  struggle: {
    moves: ["static", "slow push-in", "tilt down"],
    time: "night",
    lightQuality: "harsh, high-contrast",
    posture: "head in hands, exhausted",
    subjectMotion: "rubs their eyes and exhales heavily",
    pace: "Slow and heavy over 10 seconds.",
    describe: (s, w) => (s.other3 ? `${s.name} watches ${s.other3} run into trouble ${w}.` : `${s.name} hits a hard moment ${w}, wrestling with ${s.focus3}.`),
  },
  setback: {
    moves: ["tilt down", "pull back", "static"],
    time: "night",
    lightQuality: "cold, overcast",
    posture: "slumped, staring at what went wrong",
    subjectMotion: "sinks back, shoulders dropping",
    pace: "Quiet, lingering motion over 10 seconds.",
    describe: (s, w) => `A setback ${w}: ${s.name} stares at what went wrong with ${s.focus3}.`,
  },
  turn: {
    moves: ["pan left", "slow push-in", "tilt up"],
    time: "dawn",
    lightQuality: "hopeful",
    posture: "a spark of realization crossing their face",
    subjectMotion: "pauses, then a slow smile spreads",
    pace: "Gentle shift in energy over 10 seconds.",
    describe: (s, w, act) => `${s.name} sees ${s.focus3} with fresh eyes ${w} and tries a new approach, ${act}.`,
  },
  breakthrough: {
    moves: ["tilt up", "slow push-in", "pan right"],
    time: "morning",
    lightQuality: "radiant",
    posture: "breaking into a wide grin",
    subjectMotion: "throws both hands up in triumph",
    pace: "Uplifting, rising energy over 10 seconds.",
    describe: (s, w, act) => `${s.name} is ${act} ${w} as everything with ${s.focus3} finally comes together.`,
  },
  climax: {
    moves: ["slow push-in", "pan across", "tilt up"],
    time: "night",
    lightQuality: "dramatic spotlit",
    posture: "standing tall, everything on the line",
    subjectMotion: "steps forward into the light",
    pace: "Intense, peak-energy motion over 10 seconds.",
    describe: (s, w) => `The big moment ${w}: ${s.name} faces ${s.focus3} with everything on the line.`,
  },
  resolution: {
    moves: ["pull back", "zoom out", "tilt up"],
    time: "golden hour",
    lightQuality: "warm",
    posture: "smiling, relaxed and proud",
    subjectMotion: "looks up and breathes out, content",
    pace: "Slow, satisfying close over 10 seconds.",
    describe: (s, w) =>
      s.to && s.from
        ? `${s.name} reaches the end of the road from ${s.from} to ${s.to} ${w}, smiling and proud.`
        : s.genre === "portrait"
          ? `${s.name} pauses ${w}, calm and smiling, as the story of ${s.topic3} comes to a close.`
          : `${s.name} pauses ${w}, calm and proud, as ${s.topic3} comes to a close.`,
  },
  reflection: {
    moves: ["static", "zoom out", "pull back"],
    time: "dusk",
    lightQuality: "gentle",
    posture: "quietly reflective, soft smile",
    subjectMotion: "gazes into the distance, still and at peace",
    pace: "Still, contemplative ending over 10 seconds.",
    describe: (s, w) => `${s.name} looks back ${w} on ${s.topic3}, quietly reflective.`,
  },
};

/** Motion-prompt opening for each move; the move phrase itself stays lowercase for the parser. */
export function framingFor(move: CameraMove, name: string, place: string): string {
  switch (move) {
    case "slow push-in":
      return `slow push-in toward ${name}'s face`;
    case "pull back":
      return `pull back from ${name} to reveal ${place}`;
    case "zoom out":
      return `zoom out from ${name} to reveal the whole of ${place}`;
    case "pan left":
      return `pan left across ${place} to settle on ${name}`;
    case "pan right":
      return `pan right across ${place}, following ${name}`;
    case "pan across":
      return `pan across ${place}, passing ${name}`;
    case "tilt up":
      return `tilt up from ${name}'s hands to their face`;
    case "tilt down":
      return `tilt down from above to find ${name}`;
    case "static":
      return `static, locked-off frame on ${name}`;
  }
}
