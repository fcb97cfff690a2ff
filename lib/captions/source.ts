import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generatedVideos } from "@/db/schema/videos";
import { AppError } from "@/lib/errors";
import { probe } from "@/lib/media/ffmpeg";
import { checkOutboundUrl, OutboundError } from "@/lib/net/outbound";
import { getMedia, saveMedia, verifyMediaSignature, type MediaRow } from "@/lib/storage/media";
import { storage } from "@/lib/storage/local";
import { parseSourceRef } from "@/lib/validation/sources";
import { URL_REFUSED } from "@/lib/validation/urls";
import { urlProblem } from "@/lib/net/address";

/** What captions are made of: a stored file of the workspace (maybe one of its videos), or a URL the job fetches. */
export type ResolvedSource = { kind: "media"; media: MediaRow; generatedVideoId: string | null; hasVideo: boolean } | { kind: "url"; url: string };

/** Containers an upload may be: what users send as audio or video. */
export const UPLOAD_FORMATS = ["mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm", "wav", "mp3", "ogg", "flac", "aac"] as const;

const notOurs = (field: string, ref: string) => new AppError("bad_request", `${field}: ${ref} is not a file of this workspace`, field);

/**
 * A reel_url as the file it names. Cinetwin's own media come first, so their known narration
 * can be used: `media:<id>`, a signed /api/media/<id> URL of this server (its signature proves
 * it; the host does not matter), or a share link /api/share/<token>/video of the workspace's
 * own video. Anything else must be a public http(s) URL (publicHttpUrl's rule, then resolved
 * and checked as the fetch will be): 400 naming `field` otherwise.
 */
export async function resolveReelUrl(db: Db, workspaceId: string, raw: string, field: string): Promise<ResolvedSource> {
  const ref = parseSourceRef(raw);
  if (ref?.kind === "media") return mediaSource(db, workspaceId, ref.mediaId, () => notOurs(field, raw));
  const own = await ownMediaOfUrl(db, workspaceId, raw);
  if (own) return mediaSource(db, workspaceId, own, () => notOurs(field, "the URL"));
  const problem = urlProblem(raw);
  if (problem)
    throw new AppError(
      "bad_request",
      problem === "invalid" ? `${field} must be an absolute http or https URL or media:<id>` : `${field} ${URL_REFUSED}`,
      field,
    );
  await checkOutboundUrl(raw).catch((e: unknown) => {
    if (!(e instanceof OutboundError)) throw e;
    throw new AppError("bad_request", `${field}: ${e.message}`, field);
  });
  return { kind: "url", url: raw };
}

/** The media id a URL of this server names: a signed media URL, or a share link of this workspace. */
async function ownMediaOfUrl(db: Db, workspaceId: string, raw: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const media = /^\/api\/media\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (media && verifyMediaSignature(media[1], url.searchParams.get("exp"), url.searchParams.get("sig"))) return media[1];
  const share = /^\/api\/share\/([A-Za-z0-9_-]{16,64})\/video$/.exec(url.pathname);
  if (!share) return null;
  const [video] = await db
    .select({ mediaId: generatedVideos.mediaId })
    .from(generatedVideos)
    .where(and(eq(generatedVideos.shareToken, share[1]), eq(generatedVideos.workspaceId, workspaceId)));
  return video?.mediaId ?? null;
}

async function mediaSource(db: Db, workspaceId: string, mediaId: string, missing: () => AppError): Promise<ResolvedSource> {
  const row = await getMedia(db, { mediaId, workspaceId });
  if (!row || (row.kind !== "video" && row.kind !== "audio")) throw missing();
  const [video] = await db
    .select({ id: generatedVideos.id })
    .from(generatedVideos)
    .where(and(eq(generatedVideos.mediaId, row.id), eq(generatedVideos.workspaceId, workspaceId)));
  return { kind: "media", media: row, generatedVideoId: video?.id ?? null, hasVideo: row.kind === "video" };
}

/**
 * An uploaded audio or video file, checked by content (only media containers are opened, and it
 * must hold sound), stored in the workspace. 400 naming `field` otherwise.
 */
export async function storeUpload(db: Db, workspaceId: string, filePath: string, field: string): Promise<ResolvedSource> {
  const info = await probe(filePath, { formats: UPLOAD_FORMATS }).catch(() => null);
  if (!info) throw new AppError("bad_request", `${field} is not an audio or video file ffmpeg can read`, field);
  if (!info.streams.some((s) => s.codecType === "audio")) throw new AppError("bad_request", `${field} has no sound to caption`, field);
  if (info.durationMs > MAX_SOURCE_MS) throw new AppError("bad_request", `${field} lasts more than ${MAX_SOURCE_MS / 60_000} minutes`, field);
  const video = info.streams.find((s) => s.codecType === "video" && !s.attachedPicture);
  const row = await saveMedia(db, {
    workspaceId,
    kind: video ? "video" : "audio",
    mime: mimeOf(info.formatName, !!video),
    source: { path: filePath },
    width: video?.width ?? null,
    height: video?.height ?? null,
    durationMs: info.durationMs,
  });
  return { kind: "media", media: row, generatedVideoId: null, hasVideo: !!video };
}

/** The longest media captioned (a timeline's limit: burn-in renders it). */
export const MAX_SOURCE_MS = 30 * 60_000;

/** A MIME type for a probed container, as media rows record it (and the file's extension follows). */
export function mimeOf(formatName: string, hasVideo: boolean): string {
  if (/mp4|mov/.test(formatName)) return hasVideo ? "video/mp4" : "audio/mp4";
  if (/webm|matroska/.test(formatName)) return hasVideo ? "video/webm" : "audio/webm";
  if (formatName.includes("wav")) return "audio/wav";
  if (formatName.includes("mp3")) return "audio/mpeg";
  if (formatName.includes("ogg")) return "audio/ogg";
  if (formatName.includes("flac")) return "audio/flac";
  if (formatName.includes("aac")) return "audio/aac";
  return hasVideo ? "video/mp4" : "application/octet-stream";
}

/** A stored file's path on this machine (the S3 driver downloads it). */
export const localPathOf = (row: MediaRow) => storage().localPath(row.storageKey);
