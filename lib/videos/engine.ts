import { createHash } from "node:crypto";
import { estimatedDurationMs } from "./quote";
import path from "node:path";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { applyTemplateVariables } from "@/lib/composition/template-variables";
import { parseTimeline, TIMELINE_LIMITS, TimelineValidationError, trackSrc, type Timeline, type TimelineInput } from "@/lib/composition/timeline";
import { characterScope } from "@/lib/characters/scope";
import { characterVoice, narrationVoice } from "@/lib/characters/voice-view";
import { AppError, isRetryable, KnownFailure } from "@/lib/errors";
import { checkOutboundUrl, downloadToFile, OutboundError } from "@/lib/net/outbound";
import { renderTimeline, type RenderTimelineResult } from "@/lib/render/render-timeline";
import { storage } from "@/lib/storage/local";
import { getMedia } from "@/lib/storage/media";

const MAX_REMOTE_BYTES = 200 * 1024 * 1024;
const REMOTE_TIMEOUT_MS = 30_000;
const REMOTE_TYPES = ["image/", "video/", "audio/", "application/octet-stream"];

/** `character-12` -> 12: how the studio's characters are named as actors in timelines. */
export const actorIdOf = (characterId: number) => `character-${characterId}`;
const characterIdOf = (actor: string) => (/^character-(\d{1,9})$/.exec(actor) ? Number(actor.slice(10)) : null);

function asBadRequest(e: unknown): never {
  if (e instanceof TimelineValidationError) {
    const first = e.issues[0];
    throw new AppError("bad_request", e.message, first ? String(first.path[0] ?? "") : undefined);
  }
  throw e;
}

/**
 * Everything that can be checked before rendering, so a bad job is refused with a 400 that names
 * the field and nothing is queued: template variables, the schema, the timing rules (with a
 * stand-in length for media whose real length is only known after download) and remote URLs.
 */
export async function validateCreative(raw: unknown, dynamicVariables: Record<string, string>): Promise<{ timeline: Timeline; durationMs: number }> {
  try {
    if (typeof raw !== "object" || raw === null || !Array.isArray((raw as { scenes?: unknown }).scenes)) {
      throw new AppError("bad_request", "videoCreative.scenes: expected an array of scenes", "videoCreative");
    }
    const filled = applyTemplateVariables(raw as TimelineInput, dynamicVariables);
    const timeline = parseTimeline(filled);
    const durationMs = estimatedDurationMs(timeline);
    if (durationMs > TIMELINE_LIMITS.maxVideoMs) {
      throw new AppError(
        "bad_request",
        `videoCreative.scenes: the video lasts ${Math.ceil(durationMs / 1000)} s; at most ${TIMELINE_LIMITS.maxVideoMs / 60_000} minutes are allowed`,
        "videoCreative.scenes",
      );
    }
    for (const [si, scene] of timeline.scenes.entries()) {
      for (const [ti, track] of scene.tracks.entries()) {
        const src = trackSrc(track);
        if (src && /^https?:/i.test(src)) {
          await checkOutboundUrl(src).catch((e: unknown) => {
            if (!(e instanceof OutboundError)) throw e;
            const field = `videoCreative.scenes[${si}].tracks[${ti}].${track.type === "image" ? "imageUrl" : track.type === "video" ? "videoUrl" : "audioUrl"}`;
            throw new AppError("bad_request", `${field}: ${e.message}`, field);
          });
        } else if (src && !src.startsWith("media:")) {
          throw new AppError("bad_request", `scenes[${si}].tracks[${ti}]: the media URL must be http(s)`);
        }
      }
    }
    return { timeline, durationMs };
  } catch (e) {
    return asBadRequest(e);
  }
}

export interface RenderCreativeContext {
  db: Db;
  workspaceId: string;
  workDir: string;
  cacheDir: string;
  outPath: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  draft?: boolean;
}

/**
 * Renders a stored (already validated) videoCreative: remote media fetched, actors resolved to
 * characters. A failure that another attempt cannot fix (a creative that no longer parses, media
 * refused for good) is a KnownFailure with `retryable: false`.
 */
export async function renderCreative(stored: unknown, ctx: RenderCreativeContext): Promise<RenderTimelineResult> {
  let timeline: Timeline;
  try {
    timeline = parseTimeline(stored);
  } catch (e) {
    throw new KnownFailure(e instanceof Error ? e.message : "the video's timeline is invalid", false, { cause: e });
  }
  const fetchFailures = new Map<string, unknown>();
  try {
    return await renderParsed(timeline, ctx, fetchFailures);
  } catch (e) {
    throw withFetchFailure(e, timeline, fetchFailures);
  }
}

/**
 * The renderer reports a media file it could not get as a TimelineValidationError naming the
 * track (with the safe message); whether retrying can help is the fetch's own error's to say.
 */
function withFetchFailure(e: unknown, timeline: Timeline, fetchFailures: Map<string, unknown>): unknown {
  if (!(e instanceof TimelineValidationError)) return e;
  const [, scene, , track] = e.issues[0]?.path ?? [];
  const at = typeof scene === "number" && typeof track === "number" ? timeline.scenes[scene]?.tracks[track] : undefined;
  const src = at ? trackSrc(at) : null;
  const cause = src ? fetchFailures.get(src) : undefined;
  return cause ? new KnownFailure(e.message, isRetryable(cause), { cause }) : e;
}

async function renderParsed(timeline: Timeline, ctx: RenderCreativeContext, fetchFailures: Map<string, unknown>): Promise<RenderTimelineResult> {
  const characterOf = async (name: string) => {
    const id = characterIdOf(name);
    if (!id) return null;
    const [c] = await ctx.db.select().from(characters).where(characterScope(ctx.workspaceId, id));
    return c ?? null;
  };
  return renderTimeline(timeline, {
    workDir: ctx.workDir,
    cacheDir: ctx.cacheDir,
    outPath: ctx.outPath,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    draft: ctx.draft,
    resolveAsset: async (src) => {
      if (src.startsWith("media:")) {
        const row = await getMedia(ctx.db, { mediaId: src.slice(6), workspaceId: ctx.workspaceId });
        if (!row) throw new Error(`media ${src.slice(6)} not found`);
        return storage().localPath(row.storageKey);
      }
      const name = createHash("sha256").update(src).digest("hex").slice(0, 16);
      try {
        const fetched = await downloadToFile(src, {
          destPath: path.join(ctx.workDir, `remote-${name}`),
          maxBytes: MAX_REMOTE_BYTES,
          allowedTypes: REMOTE_TYPES,
          timeoutMs: REMOTE_TIMEOUT_MS,
          signal: ctx.signal,
        });
        return fetched.path;
      } catch (e) {
        fetchFailures.set(src, e);
        throw e;
      }
    },
    // A character's cloned voice is a speakerId of its own: `character-12`, as /assets/voices lists it.
    resolveVoice: async (speakerId) => narrationVoice(await characterOf(speakerId)),
    resolveActor: async (actor) => {
      const c = await characterOf(actor);
      const photo = c?.photoMediaId ? await getMedia(ctx.db, { mediaId: c.photoMediaId, workspaceId: ctx.workspaceId }) : null;
      return { photoPath: photo ? await storage().localPath(photo.storageKey) : null, voice: characterVoice(c) };
    },
  });
}
