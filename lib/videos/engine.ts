import { createHash } from "node:crypto";
import { estimatedDurationMs } from "./quote";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { media } from "@/db/schema/media";
import { applyTemplateVariables } from "@/lib/composition/template-variables";
import { parseTimeline, TIMELINE_LIMITS, TimelineValidationError, trackSrc, type Timeline, type TimelineInput, type Track } from "@/lib/composition/timeline";
import { characterScope } from "@/lib/characters/scope";
import { characterVoice, narrationVoice } from "@/lib/characters/voice-view";
import { AppError, isRetryable, KnownFailure } from "@/lib/errors";
import { checkOutboundUrl, downloadToFile, OutboundError } from "@/lib/net/outbound";
import { renderTimeline, type RenderTimelineResult } from "@/lib/render/render-timeline";
import { storage } from "@/lib/storage/local";
import { providerFor } from "@/lib/providers/settings";
import { getMedia } from "@/lib/storage/media";
import { parseSourceRef, SOURCE_REF_RULE } from "@/lib/validation/sources";

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
        if (!src) continue;
        const field = `videoCreative.scenes[${si}].tracks[${ti}].${srcField(track)}`;
        const ref = parseSourceRef(src);
        if (!ref) throw new AppError("bad_request", `${field} ${SOURCE_REF_RULE}`, field);
        if (ref.kind === "url") {
          await checkOutboundUrl(ref.url).catch((e: unknown) => {
            if (!(e instanceof OutboundError)) throw e;
            throw new AppError("bad_request", `${field}: ${e.message}`, field);
          });
        }
      }
    }
    return { timeline, durationMs };
  } catch (e) {
    return asBadRequest(e);
  }
}

/** The Colossyan name of a track's media field, for messages. */
const srcField = (track: Track) => (track.type === "image" ? "imageUrl" : track.type === "video" ? "videoUrl" : "audioUrl");

/** The `media:<id>` files a timeline names, with the field each is named in. */
export function mediaRefs(timeline: Timeline): Array<{ mediaId: string; field: string }> {
  return timeline.scenes.flatMap((scene, si) =>
    scene.tracks.flatMap((track, ti) => {
      const src = trackSrc(track);
      const ref = src ? parseSourceRef(src) : null;
      return ref?.kind === "media" ? [{ mediaId: ref.mediaId, field: `videoCreative.scenes[${si}].tracks[${ti}].${srcField(track)}` }] : [];
    }),
  );
}

/** Every `media:<id>` a timeline names must be a file of the workspace: else a 400 naming the first field that names another. */
export async function checkMediaRefs(db: Db, workspaceId: string, timeline: Timeline): Promise<void> {
  const refs = mediaRefs(timeline);
  if (!refs.length) return;
  const ids = [...new Set(refs.map((r) => r.mediaId))];
  const found = new Set(
    (
      await db
        .select({ id: media.id })
        .from(media)
        .where(and(eq(media.workspaceId, workspaceId), inArray(media.id, ids)))
    ).map((r) => r.id),
  );
  const missing = refs.find((r) => !found.has(r.mediaId));
  if (missing) throw new AppError("bad_request", `${missing.field}: media:${missing.mediaId} is not a file of this workspace`, missing.field);
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

/** A track's file: a stored one of the workspace, or a download. Checked when the job was submitted; a job stored before that check meets the same rule here. */
async function resolveSource(src: string, ctx: RenderCreativeContext): Promise<string> {
  const ref = parseSourceRef(src);
  if (!ref) throw new AppError("bad_request", `the source "${src.slice(0, 100)}" ${SOURCE_REF_RULE}`);
  if (ref.kind === "media") {
    const row = await getMedia(ctx.db, { mediaId: ref.mediaId, workspaceId: ctx.workspaceId });
    if (!row) throw new AppError("not_found", `media:${ref.mediaId} is not a file of this workspace`);
    return storage().localPath(row.storageKey);
  }
  const name = createHash("sha256").update(src).digest("hex").slice(0, 16);
  const fetched = await downloadToFile(ref.url, {
    destPath: path.join(ctx.workDir, `remote-${name}`),
    maxBytes: MAX_REMOTE_BYTES,
    allowedTypes: REMOTE_TYPES,
    timeoutMs: REMOTE_TIMEOUT_MS,
    signal: ctx.signal,
  });
  return fetched.path;
}

async function renderParsed(timeline: Timeline, ctx: RenderCreativeContext, fetchFailures: Map<string, unknown>): Promise<RenderTimelineResult> {
  const characterOf = async (name: string) => {
    const id = characterIdOf(name);
    if (!id) return null;
    const [c] = await ctx.db.select().from(characters).where(characterScope(ctx.workspaceId, id));
    return c ?? null;
  };
  // The workspace's talking-head provider (Settings > Providers, else the server's); a draft stays local.
  const chosen = ctx.draft ? undefined : await providerFor(ctx.db, ctx.workspaceId, "talking-head");
  return renderTimeline(timeline, {
    talkingHead: chosen?.provider,
    talkingHeadFallback: chosen?.choice.fallbackToOffline ? { retry: true } : undefined,
    workDir: ctx.workDir,
    cacheDir: ctx.cacheDir,
    outPath: ctx.outPath,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    draft: ctx.draft,
    // A vendor's talking head is recorded by its content: the workspace pays for one clip of a photo saying a line.
    vendorScope: { db: ctx.db, workspaceId: ctx.workspaceId, subject: "render" },
    resolveAsset: async (src) => {
      try {
        return await resolveSource(src, ctx);
      } catch (e) {
        // The renderer names the track; whether another attempt can help is this error's to say.
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
