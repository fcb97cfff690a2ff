import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import sharp from "sharp";
import type { DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { AppError, notFound } from "@/lib/errors";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { saveMedia, signedMediaPath, type MediaRow } from "@/lib/storage/media";
import { isUuid } from "@/lib/validation/ids";

/**
 * The workspace's media library: images, videos and sounds uploaded once and used in any track as
 * `media:<id>` (never fetched over HTTP). Each upload is checked by its content (only these
 * containers are opened), measured, and given a thumbnail for the library's grid.
 */

export const libraryKinds = ["image", "video", "audio"] as const;
export type LibraryKind = (typeof libraryKinds)[number];

export const LIBRARY_LIMITS: Record<LibraryKind, { maxBytes: number; label: string }> = {
  image: { maxBytes: 15 * 1024 * 1024, label: "15 MB" },
  video: { maxBytes: 200 * 1024 * 1024, label: "200 MB" },
  audio: { maxBytes: 50 * 1024 * 1024, label: "50 MB" },
};
export const LIBRARY_MAX_BYTES = LIBRARY_LIMITS.video.maxBytes;

/** Containers ffprobe may open for each kind; anything else is refused before a decoder sees it. */
const VIDEO_FORMATS = ["mov", "mp4", "m4a", "3gp", "matroska", "webm"] as const;
const AUDIO_FORMATS = ["wav", "mp3", "ogg", "flac", "aac", "mov", "mp4", "m4a"] as const;
const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

export interface LibraryItem {
  id: string;
  kind: LibraryKind;
  name: string;
  mime: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** A signed URL of the file (for previews); tracks reference it as `media:<id>`. */
  url: string;
  thumbnailUrl: string | null;
  createdAt: string;
}

export function libraryItemOf(row: MediaRow): LibraryItem {
  return {
    id: row.id,
    kind: row.kind as LibraryKind,
    name: row.name ?? "untitled",
    mime: row.mime,
    sizeBytes: row.sizeBytes,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    url: signedMediaPath(row.id),
    thumbnailUrl: row.thumbnailMediaId ? signedMediaPath(row.thumbnailMediaId) : row.kind === "image" ? signedMediaPath(row.id) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

const refuse = (message: string) => new AppError("bad_request", message, "file");

/** What a file is, by its content: an image (sharp), else a video or sound (ffprobe, allowed containers only). */
async function identify(file: string): Promise<{ kind: LibraryKind; mime: string; width: number | null; height: number | null; durationMs: number | null }> {
  const image = await sharp(file)
    .metadata()
    .catch(() => null);
  if (image?.format && IMAGE_TYPES[image.format] && image.width && image.height)
    return { kind: "image", mime: IMAGE_TYPES[image.format], width: image.width, height: image.height, durationMs: null };
  const info = await probe(file, { formats: [...new Set([...VIDEO_FORMATS, ...AUDIO_FORMATS])] }).catch(() => null);
  if (!info) throw refuse("the file is not an image (PNG, JPEG, WebP), a video (MP4, MOV, WebM) or a sound (WAV, MP3, M4A, OGG, FLAC)");
  const video = info.streams.find((s) => s.codecType === "video" && !s.attachedPicture);
  const audio = info.streams.find((s) => s.codecType === "audio");
  if (video)
    return {
      kind: "video",
      mime: info.formatName.includes("webm") ? "video/webm" : "video/mp4",
      width: video.width ?? null,
      height: video.height ?? null,
      durationMs: info.durationMs,
    };
  if (audio)
    return {
      kind: "audio",
      mime: info.formatName.includes("mp3")
        ? "audio/mpeg"
        : info.formatName.includes("wav")
          ? "audio/wav"
          : info.formatName.includes("ogg")
            ? "audio/ogg"
            : info.formatName.includes("flac")
              ? "audio/flac"
              : "audio/mp4",
      width: null,
      height: null,
      durationMs: info.durationMs,
    };
  throw refuse("the file holds neither pictures nor sound");
}

async function thumbnail(file: string, kind: LibraryKind, durationMs: number | null, dir: string): Promise<string | null> {
  const out = path.join(dir, "thumb.jpg");
  if (kind === "image") {
    await sharp(file).rotate().resize(320, 320, { fit: "inside" }).jpeg({ quality: 80 }).toFile(out);
    return out;
  }
  if (kind === "video") {
    const at = Math.min(1, Math.max(0, (durationMs ?? 0) / 2000));
    await runFfmpeg(["-y", "-ss", at.toFixed(2), "-i", file, "-frames:v", "1", "-vf", "scale=320:320:force_original_aspect_ratio=decrease", out]);
    return out;
  }
  return null;
}

/** A file's name as shown: without control characters (and NUL, which Postgres refuses), at most 200 characters. */
const cleanName = (name: string) =>
  [...name]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 200) || "untitled";

/** Adds an uploaded file to the library; 400 naming `file` when it is not a supported image, video or sound, or too large for its kind. */
export async function addToLibrary(db: DbOrTx, workspaceId: string, upload: { path: string; name: string }): Promise<LibraryItem> {
  const { size } = await fs.stat(upload.path);
  if (size === 0) throw refuse("the file is empty");
  const what = await identify(upload.path);
  const limit = LIBRARY_LIMITS[what.kind];
  if (size > limit.maxBytes)
    throw refuse(`${what.kind === "audio" ? "sounds" : `${what.kind}s`} may be at most ${limit.label}; this one is ${Math.ceil(size / 1048576)} MB`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-library-"));
  try {
    const thumb = await thumbnail(upload.path, what.kind, what.durationMs, dir).catch(() => null);
    const thumbRow = thumb ? await saveMedia(db, { workspaceId, kind: "image", mime: "image/jpeg", source: { path: thumb } }) : null;
    const row = await saveMedia(db, {
      workspaceId,
      kind: what.kind,
      mime: what.mime,
      source: { path: upload.path },
      width: what.width,
      height: what.height,
      durationMs: what.durationMs,
    });
    const name = cleanName(upload.name);
    const [saved] = await db
      .update(media)
      .set({ inLibrary: true, name, thumbnailMediaId: thumbRow?.id ?? null })
      .where(eq(media.id, row.id))
      .returning();
    return libraryItemOf(saved);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function listLibrary(db: DbOrTx, workspaceId: string, kind?: LibraryKind): Promise<LibraryItem[]> {
  const rows = await db
    .select()
    .from(media)
    .where(and(eq(media.workspaceId, workspaceId), eq(media.inLibrary, true), ...(kind ? [eq(media.kind, kind)] : [])))
    .orderBy(desc(media.createdAt))
    .limit(500);
  return rows.map(libraryItemOf);
}

/** Takes an item out of the library; renders that used it keep their file. */
export async function removeFromLibrary(db: DbOrTx, workspaceId: string, mediaId: string): Promise<void> {
  const rows = isUuid(mediaId)
    ? await db
        .update(media)
        .set({ inLibrary: false })
        .where(and(eq(media.id, mediaId), eq(media.workspaceId, workspaceId), eq(media.inLibrary, true)))
        .returning({ id: media.id })
    : [];
  if (!rows.length) throw notFound("Media");
}
