import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generatedVideos, videoJobs } from "@/db/schema/videos";
import type { Principal } from "@/lib/auth/tokens";
import { getCharacter, type CharacterRow } from "@/lib/characters/service";
import { compileStudioRender, studioStage } from "@/lib/composition/recipes/studio-render";
import { listTemplateVariables } from "@/lib/composition/template-variables";
import { studioPrice } from "@/lib/credits/prices";
import { AppError, isAppError, notFound } from "@/lib/errors";
import { sliceText } from "@/lib/format";
import { actorIdOf } from "@/lib/videos/engine";
import { createVideoJob, getVideoJob, type GeneratedVideoRow, type VideoJobRow } from "@/lib/videos/service";
import { isUuid } from "@/lib/validation/ids";
import { STUDIO_LIMITS, STUDIO_SIZES, studioRenderInput, type StudioRender, type StudioRenderInput } from "@/lib/validation/studio-render";
import { resolveBackground, resolveClip, type ResolvedImage } from "./backgrounds";
import { BUILTIN_BACKGROUNDS, BUILTIN_CLIPS, builtinSource, DEFAULT_BRAINROT_CLIP } from "./builtins";

/**
 * Studio renders: the Holoworld-style render payload (scenes of a character speaking over an image
 * background) compiled into one timeline and rendered by the one render path, as a video job of
 * kind "studio" (a task of kind timeline-render, listed with the workspace's other videos).
 */

/** Something rendered differently from what was asked, said in the response rather than refused. */
export interface StudioWarning {
  /** The domain field it is about: `scenes.0.text`, `scenes.1.backgroundSource`. */
  field: string;
  message: string;
}

export interface StudioRenderStarted {
  job: VideoJobRow;
  /** The payload as rendered, defaults applied. */
  render: StudioRender;
  warnings: StudioWarning[];
  price: ReturnType<typeof studioPrice>;
}

/** What a render payload costs: 0.3 credits a scene, 0.1 more a scene when captioned (lib/credits/prices.ts); `hundredths` is exact. */
export function studioRenderPrice(payload: Pick<StudioRenderInput, "scenes" | "captions">) {
  return studioPrice(payload.scenes.length, { captions: !!payload.captions });
}

/** The built-in backgrounds (both sizes) and brainrot clips, with the source a render accepts for each. */
export function listStudioBackgrounds() {
  return {
    backgrounds: BUILTIN_BACKGROUNDS.map((b) => ({ ...b, source: builtinSource(b.id) })),
    clips: BUILTIN_CLIPS.map((c) => ({ ...c, source: builtinSource(c.id), default: c.id === DEFAULT_BRAINROT_CLIP })),
  };
}

const sceneField = (i: number, name: string) => `scenes.${i}.${name}`;

/** Each character the scenes name, once; one the workspace does not have (or deleted) is a 400 naming the first scene that names it. */
async function charactersOf(db: Db, workspaceId: string, render: StudioRender): Promise<Map<number, CharacterRow>> {
  const found = new Map<number, CharacterRow>();
  for (const [i, scene] of render.scenes.entries()) {
    if (found.has(scene.characterId)) continue;
    try {
      found.set(scene.characterId, await getCharacter(db, { characterId: scene.characterId, workspaceId }));
    } catch (e) {
      if (!isAppError(e) || e.code !== "not_found") throw e;
      const field = sceneField(i, "characterId");
      throw new AppError("bad_request", `${field}: no character ${scene.characterId} in this workspace`, field);
    }
  }
  return found;
}

const titleOf = (render: StudioRender, characters: Map<number, CharacterRow>) => {
  const first = render.scenes[0];
  const words = first.text.split(/\s+/).slice(0, 6).join(" ");
  return sliceText(`${characters.get(first.characterId)?.name ?? "Studio"}: ${words.length < first.text.length ? `${words}…` : words}`, 200);
};

/**
 * Checks a render payload completely (limits, characters, every background by its content and
 * size), stores its media, compiles it and queues the render, reserving its exact price. A 400
 * names the field; nothing is charged or queued before every check has passed.
 */
export async function createStudioRender(db: Db, p: Principal, payload: StudioRenderInput, opts: { signal?: AbortSignal } = {}): Promise<StudioRenderStarted> {
  const render = studioRenderInput.parse(payload);
  const size = STUDIO_SIZES[render.aspectRatio];
  const warnings: StudioWarning[] = [];
  const characters = await charactersOf(db, p.workspaceId, render);
  const stage = studioStage({ ...size, brainrot: render.brainrot });
  const lowerHalf = { width: size.width, height: size.height - stage.height };
  const brainrotClipSrc = render.brainrot
    ? await resolveClip(db, p.workspaceId, render.brainrotClip ?? builtinSource(DEFAULT_BRAINROT_CLIP), "brainrotClip", lowerHalf)
    : null;
  const backgrounds = new Map<string, ResolvedImage>();
  for (const [i, scene] of render.scenes.entries()) {
    if (scene.text.length > STUDIO_LIMITS.adviseTextChars)
      warnings.push({
        field: sceneField(i, "text"),
        message: `the text has ${scene.text.length} characters; keep it under ${STUDIO_LIMITS.adviseTextChars} for a short scene`,
      });
    const field = sceneField(i, "backgroundSource");
    // A source named by several scenes is fetched and stored once.
    const bg = backgrounds.get(scene.backgroundSource) ?? (await resolveBackground(db, p.workspaceId, scene.backgroundSource, field, opts.signal));
    backgrounds.set(scene.backgroundSource, bg);
    if (bg.width !== stage.width || bg.height !== stage.height)
      warnings.push({ field, message: `the background is ${bg.width}x${bg.height}; it was fitted (cover) to ${stage.width}x${stage.height}` });
  }
  const timeline = compileStudioRender({
    name: titleOf(render, characters),
    ...size,
    captions: render.captions,
    brainrotClipSrc,
    scenes: render.scenes.map((s) => ({
      text: s.text,
      backgroundSrc: backgrounds.get(s.backgroundSource)!.src,
      actor: actorIdOf(s.characterId),
      includeOutro: s.includeOutro,
      scale: s.scale,
      x: s.x,
      y: s.y,
    })),
  });
  const price = studioPrice(render.scenes.length, { captions: render.captions });
  // A scene's text is spoken as written: its {braces} are not template variables, so each fills with itself.
  const dynamicVariables = Object.fromEntries(listTemplateVariables(timeline).map((n) => [n, `{${n}}`]));
  const job = await createVideoJob(db, p, { videoCreative: timeline, dynamicVariables, kind: "studio", creditHundredthsToReserve: price.hundredths });
  return { job, render, warnings, price };
}

/** A studio render of the workspace by its job id, with its video once done; any other job is not found. */
export async function getStudioRender(db: Db, args: { workspaceId: string; renderId: string }): Promise<{ job: VideoJobRow; video: GeneratedVideoRow | null }> {
  if (!isUuid(args.renderId)) throw notFound("Render");
  const [row] = await db
    .select({ id: videoJobs.id })
    .from(videoJobs)
    .where(and(eq(videoJobs.id, args.renderId), eq(videoJobs.workspaceId, args.workspaceId), eq(videoJobs.kind, "studio")));
  if (!row) throw notFound("Render");
  const job = await getVideoJob(db, { workspaceId: args.workspaceId, jobId: row.id });
  const [video] =
    job.status === "succeeded"
      ? await db
          .select()
          .from(generatedVideos)
          .where(and(eq(generatedVideos.jobId, job.id), eq(generatedVideos.workspaceId, args.workspaceId)))
      : [];
  return { job, video: video ?? null };
}
