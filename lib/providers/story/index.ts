import { z } from "zod";
import { LocalStoryWriter } from "./local";
import { OpenAIStoryWriter } from "./openai";
import { chosenId, chosenModel, configEnv, VENDOR_VARS, type ProviderConfig } from "@/lib/providers/choice";
import type { ProviderCallOptions } from "@/lib/providers/jobs";
import { openAIConfig } from "@/lib/providers/openai/client";

/** The on-screen character the story is written for. */
export interface StoryCharacter {
  name: string;
  description: string;
  persona: string;
  styleTags: string[];
  /**
   * The character's memory: notes to respect in every story (facts, looks, habits, things to
   * avoid), oldest first. A chat-model writer puts them in its prompt; the local planner carries
   * them into the image prompts for continuity.
   */
  memory?: string[];
}

/** What the creator asked for: an idea, how many 10-second scenes, and who stars in them. */
export interface StoryRequest {
  idea: string;
  numScenes: number;
  character: StoryCharacter;
}

/** One proposed scene, in our own field names (dialect mappers rename them for twin.actor). */
export interface ScenePlan {
  description: string;
  imagePrompt: string;
  motionPrompt: string;
  narrationText: string;
}

/** Turns a story idea into scene proposals; implementations return exactly `numScenes` plans. */
export interface StoryWriter {
  readonly id: string;
  proposeScenes(req: StoryRequest, opts?: ProviderCallOptions): Promise<ScenePlan[]>;
}

const field = (name: string, max: number) => z.string().trim().min(1, `${name} cannot be empty`).max(max, `${name} must be at most ${max} characters`);

/** Shape every writer's output must satisfy before it is stored as a scene. */
export const scenePlanSchema = z.object({
  description: field("The description", 500),
  imagePrompt: field("The image prompt", 1000),
  motionPrompt: field("The motion prompt", 1000),
  narrationText: field("The narration", 600),
});

const WRITERS: Record<string, (cfg?: ProviderConfig) => StoryWriter> = {
  local: () => new LocalStoryWriter(),
  openai: (cfg) => new OpenAIStoryWriter(chosenModel(cfg), () => openAIConfig(configEnv(cfg, VENDOR_VARS.openai))),
};

/**
 * The story writer chosen by env STORY_WRITER (default "local", the offline planner).
 * Throws on an unknown value so a typo fails at the first request instead of silently
 * falling back to a different writer.
 */
export function getStoryWriter(cfg?: ProviderConfig): StoryWriter {
  // Read directly rather than via lib/env so the worker and scripts can switch writers per process.
  const id = chosenId(cfg, process.env.STORY_WRITER);
  const make = WRITERS[id];
  if (!make) {
    throw new Error(`Unknown STORY_WRITER "${id}". Supported values: ${Object.keys(WRITERS).join(", ")}.`);
  }
  return make(cfg);
}
