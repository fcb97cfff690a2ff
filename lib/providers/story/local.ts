import type { ScenePlan, StoryCharacter, StoryRequest, StoryWriter } from "./index";
import { arcFor, BEATS, framingFor, type Beat } from "./beats";
import { parseIdea, type ParsedIdea } from "./idea-parser";
import { narrate, voiceFrom } from "./narration";
import { buildSlots, cap, clip, hash, type Slots } from "./slots";
import {
  CAMERA_MOVES,
  DEFAULT_GRADE,
  FALLBACK_SETTING,
  SETTINGS,
  WEATHER_LOOK,
  SHOT_FOR_MOVE,
  TIME_LIGHT,
  TIMES,
  type CameraMove,
  type Place,
  type SettingDef,
  type TimeOfDay,
} from "./vocabulary";

const MAX_SETTINGS = 4;
const GUIDE_TIMES: TimeOfDay[] = ["morning", "midday", "afternoon", "golden hour"];

/**
 * Offline, deterministic story writer: parses the idea, lays it on a narrative arc sized to
 * the scene count and fills each beat from word banks. Same request -> same plans.
 */
export class LocalStoryWriter implements StoryWriter {
  readonly id = "local";

  async proposeScenes(req: StoryRequest, opts?: { signal?: AbortSignal }): Promise<ScenePlan[]> {
    opts?.signal?.throwIfAborted();
    return planScenes(req);
  }
}

/** The synchronous core of the local writer, exported for tests and previews. */
export function planScenes(req: StoryRequest): ScenePlan[] {
  const character = normalizeCharacter(req.character);
  const idea = parseIdea(req.idea ?? "");
  const slots = buildSlots(idea, character);
  const seed = hash(`${idea.text.toLowerCase()}|${character.name}`);
  const beats = arcFor(req.numScenes);
  const voice = voiceFrom(character.persona);
  const settings = settingsFor(idea);
  const usedSentences = new Set<string>();
  const moves = chooseMoves(beats, seed);
  const visits = new Map<string, number>();

  return beats.map((beat, i) => {
    const setting = settings[Math.floor((i * settings.length) / beats.length)];
    const visit = visits.get(setting.key) ?? 0;
    visits.set(setting.key, visit + 1);
    const spot = setting.spots[(visit + seed) % setting.spots.length];
    const activity = setting.activities[(visit + (seed >>> 3)) % setting.activities.length];
    const ambient = setting.ambient[(visit + (seed >>> 5)) % setting.ambient.length];
    const details = [...setting.ambient.slice(visit % setting.ambient.length), ...setting.ambient.slice(0, visit % setting.ambient.length)];
    // A city with a name is that city: "in Lisbon" says more than "in the city".
    const named = setting.key === "city" && idea.locale;
    const place: Place = { name: named ? idea.locale! : setting.short, at: named ? `in ${idea.locale}` : setting.at, details };
    const time = timeFor(idea, beat, i, beats.length);
    const where = `${spot}${idea.locale && !spot.includes(idea.locale) ? ` in ${idea.locale}` : ""}`;

    return {
      description: clip(BEATS[beat].describe(slots, where, activity), 500),
      imagePrompt: clip(imagePrompt({ character, slots, idea, beat, move: moves[i], spot, activity, time }), 1000),
      motionPrompt: clip(motionPrompt(slots, beat, moves[i], setting.short, ambient), 1000),
      narrationText: clip(narrate(beat, slots, place, voice, seed, usedSentences), 600),
    };
  });
}

function normalizeCharacter(c: StoryCharacter | undefined): StoryCharacter {
  return {
    name: clip(c?.name ?? "", 80),
    description: clip(c?.description ?? "", 220),
    persona: c?.persona ?? "",
    styleTags: (c?.styleTags ?? [])
      .map((t) => clip(t, 30))
      .filter(Boolean)
      .slice(0, 8),
    memory: (c?.memory ?? []).map((n) => clip(n, 200)).filter(Boolean),
  };
}

/** The idea's settings in story order; a named place alone ("in Tokyo") reads as its streets. */
function settingsFor(idea: ParsedIdea): SettingDef[] {
  if (idea.settings.length) return orderSettings(idea).slice(0, MAX_SETTINGS);
  if (idea.locale) return [SETTINGS.find((s) => s.key === "city")!];
  return [FALLBACK_SETTING];
}

// A journey should open where it starts ("from the farm") and end where it lands ("to the cup").
function orderSettings(idea: ParsedIdea): SettingDef[] {
  const rank = (setting: SettingDef) => {
    const mentions = (phrase?: string) =>
      !!phrase &&
      phrase
        .toLowerCase()
        .split(/\s+/)
        .some((w) => setting.keywords.some((k) => w === k || w === `${k}s`));
    return mentions(idea.from) ? -1 : mentions(idea.to) ? 1 : 0;
  };
  return [...idea.settings].sort((a, b) => rank(a) - rank(b));
}

function timeFor(idea: ParsedIdea, beat: Beat, i: number, n: number): TimeOfDay {
  // A day-in-the-life runs the clock from dawn to night; other stories keep a stated time or the beat's mood.
  if (idea.kind === "day-in-life") return TIMES[Math.round((i * (TIMES.length - 1)) / (n - 1))];
  // A tour, lesson, demo or a named day (a first day, a launch day) is shown in daylight unless the idea
  // says otherwise; other stories let each beat set a mood.
  if ((idea.genre === "guide" || /\bday\b/i.test(idea.text)) && !idea.time) return GUIDE_TIMES[Math.round((i * (GUIDE_TIMES.length - 1)) / Math.max(1, n - 1))];
  return idea.time ?? BEATS[beat].time;
}

/** Beat-preferred moves, never the same move twice in a row and spread across the plan. */
function chooseMoves(beats: Beat[], seed: number): CameraMove[] {
  const out: CameraMove[] = [];
  const counts = new Map<CameraMove, number>();
  const offset = seed % CAMERA_MOVES.length;
  const rotated = [...CAMERA_MOVES.slice(offset), ...CAMERA_MOVES.slice(0, offset)];
  for (const beat of beats) {
    const prev = out[out.length - 1];
    const preferred = BEATS[beat].moves;
    const turn = hash(`${seed}:${beat}`) % preferred.length;
    // Rotating the beat's favourites by the seed keeps different ideas from sharing one camera script.
    const candidates = [...preferred.slice(turn), ...preferred.slice(0, turn), ...rotated].filter((m) => m !== prev);
    const least = Math.min(...candidates.map((m) => counts.get(m) ?? 0));
    const move = candidates.find((m) => (counts.get(m) ?? 0) === least)!;
    counts.set(move, (counts.get(move) ?? 0) + 1);
    out.push(move);
  }
  return out;
}

interface ImageInput {
  character: StoryCharacter;
  slots: Slots;
  idea: ParsedIdea;
  beat: Beat;
  move: CameraMove;
  spot: string;
  activity: string;
  time: TimeOfDay;
}

function imagePrompt({ character, slots, idea, beat, move, spot, activity, time }: ImageInput): string {
  const { shot, lens } = SHOT_FOR_MOVE[move];
  const who = character.description ? `${slots.name}, ${character.description}` : `${slots.name}`;
  const role = slots.aRole ? `, as ${slots.aRole}` : "";
  const locale = idea.locale && !spot.includes(idea.locale) ? ` in ${idea.locale}` : "";
  const style = character.styleTags.length ? character.styleTags.join(", ") : "cinematic, natural skin texture";
  const company = slots.other3 ? `with ${slots.other3}` : slots.focus3 !== slots.topic3 ? `featuring ${slots.focus3}` : "";
  return [
    `Photorealistic cinematic film still, ${shot} of ${who}${role}`,
    `${activity}, ${BEATS[beat].posture}`,
    `${spot}${locale}`,
    // The light before the topic: a painter reads the first time of day it meets ("the first morning" is not the hour).
    `${BEATS[beat].lightQuality} ${TIME_LIGHT[time]}`,
    ...(idea.weather ? [WEATHER_LOOK[idea.weather]] : []),
    `scene from ${slots.topic3}`,
    ...(company ? [company] : []),
    idea.mood?.grade ?? DEFAULT_GRADE,
    lens,
    style,
    "sharp focus on the face, high detail",
    ...continuity(character),
  ].join(", ");
}

/** The character's memory notes as continuity details of every frame, newest kept when they run long. */
function continuity(character: StoryCharacter): string[] {
  const notes = (character.memory ?? []).map((n) => n.replace(/[.;,\s]+$/, ""));
  let text = "";
  for (const note of [...notes].reverse()) {
    const next = text ? `${note}; ${text}` : note;
    if (next.length > 300) break;
    text = next;
  }
  return text ? [`continuity: ${text}`] : [];
}

function motionPrompt(slots: Slots, beat: Beat, move: CameraMove, placeName: string, ambient: string): string {
  const b = BEATS[beat];
  return `Camera: ${framingFor(move, slots.name, placeName)}. ${cap(slots.name)} ${b.subjectMotion}; ${ambient}. ${b.pace}`;
}
