import { and, arrayContains, asc } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import type { Principal } from "@/lib/auth/tokens";
import { characterScope } from "@/lib/characters/scope";
import { createCharacter } from "@/lib/characters/service";
import { createStoryProject } from "@/lib/projects/service";
import { CLEAREST_VOICE } from "@/lib/providers/speech/voices";

/** The style tag that marks the sample character: no column of its own, and a creator may keep or drop it. */
export const SAMPLE_TAG = "sample";

/** The character a new workspace is offered: an offline voice, so the sample story speaks without any vendor. */
export const SAMPLE_CHARACTER = {
  name: "Juniper Vale",
  description: "A cheerful night-market cook who tells short food stories",
  persona: "Warm, curious and quick to laugh. Speaks simply, loves street food and the people who make it, and ends each story with a small lesson.",
  styleTags: [SAMPLE_TAG, "illustrated", "warm", "street food"],
  voiceId: CLEAREST_VOICE,
};

/** The idea the "Try a sample story" button writes: two scenes, so the first video is quick to make. */
export const SAMPLE_STORY = {
  storyIdea: "Juniper opens her tiny noodle stall at dusk and wins over a grumpy first customer with one perfect bowl.",
  numScenes: 2,
  aspectRatio: "9:16" as const,
};

/**
 * The sample character's portrait, painted here (no download): a friendly illustrated face on a
 * warm backdrop, square, large enough for every recipe that frames a character.
 */
export function samplePortraitSvg(size = 768): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 512 512">
  <defs>
    <radialGradient id="bg" cx="50%" cy="40%" r="70%"><stop offset="0" stop-color="#ffd9a8"/><stop offset="1" stop-color="#f08a5d"/></radialGradient>
    <linearGradient id="skin" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6c9a0"/><stop offset="1" stop-color="#e8ad83"/></linearGradient>
  </defs>
  <rect width="512" height="512" fill="url(#bg)"/>
  <path d="M96 512 C110 400 180 360 256 360 C332 360 402 400 416 512 Z" fill="#2f6f73"/>
  <path d="M216 330 h80 v50 c-20 18 -60 18 -80 0 Z" fill="#e8ad83"/>
  <path d="M140 230 C130 120 200 70 262 72 C340 74 392 130 376 240 C372 300 360 330 350 340 L162 340 C150 320 142 280 140 230 Z" fill="#3b2a24"/>
  <ellipse cx="256" cy="228" rx="98" ry="116" fill="url(#skin)"/>
  <path d="M160 190 C190 110 320 100 356 186 C320 150 260 140 200 170 Z" fill="#3b2a24"/>
  <ellipse cx="160" cy="236" rx="14" ry="22" fill="#e8ad83"/>
  <ellipse cx="352" cy="236" rx="14" ry="22" fill="#e8ad83"/>
  <path d="M196 204 q22 -14 44 0" stroke="#3b2a24" stroke-width="7" fill="none" stroke-linecap="round"/>
  <path d="M272 204 q22 -14 44 0" stroke="#3b2a24" stroke-width="7" fill="none" stroke-linecap="round"/>
  <ellipse cx="218" cy="232" rx="12" ry="14" fill="#2b1d18"/>
  <ellipse cx="294" cy="232" rx="12" ry="14" fill="#2b1d18"/>
  <circle cx="222" cy="227" r="4" fill="#fff"/>
  <circle cx="298" cy="227" r="4" fill="#fff"/>
  <path d="M256 240 q-8 26 0 34 q6 3 10 0" stroke="#c98963" stroke-width="5" fill="none" stroke-linecap="round"/>
  <ellipse cx="196" cy="276" rx="18" ry="10" fill="#f08a7a" opacity="0.55"/>
  <ellipse cx="316" cy="276" rx="18" ry="10" fill="#f08a7a" opacity="0.55"/>
  <path d="M222 292 q34 30 68 0 q-34 14 -68 0 Z" fill="#b8463f" stroke="#8e2f2a" stroke-width="3" stroke-linejoin="round"/>
  <path d="M180 96 C220 60 300 60 340 96 L330 120 C290 100 230 100 190 120 Z" fill="#f4f1ea"/>
  <rect x="186" y="112" width="140" height="16" rx="8" fill="#e05a47"/>
</svg>`;
}

/** The portrait as a PNG, as an upload would arrive. */
export async function paintSamplePortrait(): Promise<Buffer> {
  return sharp(Buffer.from(samplePortraitSvg())).png().toBuffer();
}

/** The workspace's sample character (the oldest with the sample tag), if it has one. */
export async function findSampleCharacter(db: Db, workspaceId: string) {
  const [row] = await db
    .select()
    .from(characters)
    .where(and(characterScope(workspaceId), arrayContains(characters.styleTags, [SAMPLE_TAG])))
    .orderBy(asc(characters.id))
    .limit(1);
  return row ?? null;
}

/** Makes the sample character unless the workspace already has it (a second click makes no twin). */
export async function ensureSampleCharacter(db: Db, p: Principal) {
  const found = await findSampleCharacter(db, p.workspaceId);
  if (found) return found;
  return createCharacter(db, p, SAMPLE_CHARACTER, { buffer: await paintSamplePortrait() });
}

/** "Try a sample story": the sample character (made if missing) and a proposed story of the sample idea. */
export async function startSampleStory(db: Db, p: Principal) {
  const character = await ensureSampleCharacter(db, p);
  return createStoryProject(db, p, { characterId: character.id, ...SAMPLE_STORY, useAvatarFirstScene: false, useAvatarLastScene: false });
}
