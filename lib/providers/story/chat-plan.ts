import { z } from "zod";
import { scenePlanSchema, type ScenePlan, type StoryRequest } from "./index";

/**
 * What a chat-model writer asks for and how it reads the answer, apart from the transport: the
 * prompt, the schema the answer must satisfy (scenePlanSchema, exactly numScenes of them), and
 * the local repairs worth making before asking the model again.
 */

/** The field limits of scenePlanSchema, for the prompt and for clipping an answer that runs over. */
export const FIELD_LIMITS = { description: 500, imagePrompt: 1000, motionPrompt: 1000, narrationText: 600 } as const;

/**
 * The answer's shape: an object holding the scenes, since OpenAI's structured outputs take an
 * object at the root, never a bare array.
 */
export const storyAnswerSchema = (numScenes: number) =>
  z.object({
    scenes: z.array(scenePlanSchema).length(numScenes, `there must be exactly ${numScenes} scenes`).describe(`Exactly ${numScenes} scenes, in story order`),
  });

export type StoryAnswer = { scenes: ScenePlan[] };

const lines = (items: Array<string | false | undefined | null>) => items.filter(Boolean).join("\n");

/**
 * The system prompt: the shape spelled out in words too, so a server that ignores the schema
 * (JSON mode, or no response_format at all) still knows what to write. It names JSON, which
 * OpenAI's JSON mode requires of the messages.
 */
export function systemPrompt(numScenes: number): string {
  return lines([
    "You are a screenwriter for short AI-generated videos: each scene is a 10-second shot with an image, a camera move and a narration.",
    `Answer with JSON only, no prose and no code fences: {"scenes": [...]} with exactly ${numScenes} objects, each having these string fields:`,
    `- "description": what happens in the scene, at most ${FIELD_LIMITS.description} characters;`,
    `- "imagePrompt": a prompt for an image model showing the character in the scene (subject, setting, light, framing, style), at most ${FIELD_LIMITS.imagePrompt} characters;`,
    `- "motionPrompt": the camera move and what moves in the shot, at most ${FIELD_LIMITS.motionPrompt} characters;`,
    `- "narrationText": one or two sentences spoken over the scene in the character's voice, at most ${FIELD_LIMITS.narrationText} characters.`,
    "Keep the idea's own places, people and objects by their names; do not replace them with generic ones.",
  ]);
}

/** The user prompt: the idea, the count, and who stars in it with their persona, style tags and memory. */
export function userPrompt(req: StoryRequest): string {
  const c = req.character;
  return lines([
    `Idea: ${req.idea.trim()}`,
    `Write ${req.numScenes} scenes.`,
    `Character: ${c.name}${c.description ? ` (${c.description})` : ""}`,
    c.persona && `Persona and voice: ${c.persona}`,
    c.styleTags.length > 0 && `Visual style tags, to use in every image prompt: ${c.styleTags.join(", ")}`,
    (c.memory?.length ?? 0) > 0 && `Facts to respect in every scene (the character's memory):\n${(c.memory ?? []).map((m) => `- ${m}`).join("\n")}`,
  ]);
}

/** The JSON inside a model's text: code fences and prose around it dropped. Null when there is none. */
export function extractJson(text: string): unknown {
  const unfenced = text.replace(/```(?:json)?/gi, "").trim();
  const starts = [unfenced.indexOf("{"), unfenced.indexOf("[")].filter((i) => i >= 0);
  if (!starts.length) return null;
  const start = Math.min(...starts);
  const end = Math.max(unfenced.lastIndexOf("}"), unfenced.lastIndexOf("]"));
  try {
    return JSON.parse(unfenced.slice(start, end + 1));
  } catch {
    return null;
  }
}

const clipAt = (s: string, max: number) => {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd();
};

/**
 * The local repairs of an answer that did not validate: a bare array taken as the scenes, other
 * key spellings (snake_case) renamed, text trimmed and clipped to its limit at a word. What is
 * still wrong (a missing field, the wrong count) needs the model.
 */
export function repairAnswer(value: unknown): unknown {
  const scenes = Array.isArray(value) ? value : (value as { scenes?: unknown } | null)?.scenes;
  if (!Array.isArray(scenes)) return value;
  return {
    scenes: scenes.map((s: unknown) => {
      if (!s || typeof s !== "object") return s;
      const o = s as Record<string, unknown>;
      const pick = (camel: keyof typeof FIELD_LIMITS, snake: string) => {
        const v = o[camel] ?? o[snake];
        return typeof v === "string" ? clipAt(v.trim(), FIELD_LIMITS[camel]) : v;
      };
      return {
        description: pick("description", "description"),
        imagePrompt: pick("imagePrompt", "image_prompt"),
        motionPrompt: pick("motionPrompt", "motion_prompt"),
        narrationText: pick("narrationText", "narration_text"),
      };
    }),
  };
}

/** What is wrong with an answer, in words for the model (and the error if it never gets it right). */
export function answerProblems(value: unknown, numScenes: number): string[] {
  if (value === null || value === undefined) return ["the answer was not JSON"];
  const parsed = storyAnswerSchema(numScenes).safeParse(value);
  if (parsed.success) return [];
  const scenes = (value as { scenes?: unknown }).scenes;
  return parsed.error.issues.slice(0, 6).map((i) => {
    const where = i.path.length ? `${i.path.join(".")}: ` : "";
    if (i.path.length === 1 && i.path[0] === "scenes" && Array.isArray(scenes))
      return `scenes: there must be exactly ${numScenes} scenes, the answer had ${scenes.length}`;
    return `${where}${i.message}`;
  });
}
