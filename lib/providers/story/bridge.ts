import type { ScenePlan, StoryCharacter } from "./index";
import { arcFor } from "./beats";
import { parseIdea } from "./idea-parser";
import { planScenes } from "./local";
import { narrate, sentenceKey, voiceFrom } from "./narration";
import { buildSlots, clip, hash } from "./slots";
import { FALLBACK_SETTING } from "./vocabulary";

export interface BridgeRequest {
  idea: string;
  character: StoryCharacter;
  /** Where the new scene goes, 0-based, in a story that will have `numScenes` scenes with it. */
  position: number;
  numScenes: number;
  /** The scenes on either side as they read now (the creator may have rewritten them). */
  before?: Pick<ScenePlan, "narrationText">;
  after?: Pick<ScenePlan, "narrationText">;
}

const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+/)
    .map(sentenceKey)
    .filter(Boolean);

/**
 * A scene that fits between two neighbours: the beat the arc of the longer story puts at that
 * position (a struggle between the hook and the breakthrough, say), its frame and camera move,
 * and narration for that beat that repeats no sentence either neighbour already says.
 */
export function bridgeScene(req: BridgeRequest): ScenePlan {
  const numScenes = Math.min(10, Math.max(2, req.numScenes));
  const position = Math.min(numScenes - 1, Math.max(0, req.position));
  const planned = planScenes({ idea: req.idea, numScenes, character: req.character })[position];
  const beat = arcFor(numScenes)[position];

  const idea = parseIdea(req.idea);
  const slots = buildSlots(idea, req.character);
  const setting = idea.settings[0] ?? FALLBACK_SETTING;
  const used = new Set([req.before, req.after].flatMap((s) => (s ? sentences(s.narrationText) : [])));
  // The scene the full plan has there, when it says nothing its neighbours already say: putting back a removed scene restores it.
  if (!sentences(planned.narrationText).some((x) => used.has(x))) return planned;
  const seed = hash(`${idea.text.toLowerCase()}|${req.character.name}|${position}`);
  const narrationText = clip(narrate(beat, slots, { name: setting.short, at: setting.at }, voiceFrom(req.character.persona), seed, used), 600);
  return { ...planned, narrationText };
}
