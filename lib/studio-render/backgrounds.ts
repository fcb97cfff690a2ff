import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { downloadToFile, OutboundError } from "@/lib/net/outbound";
import { storage } from "@/lib/storage/local";
import { getMedia, saveMedia, type MediaRow } from "@/lib/storage/media";
import { parseSourceRef } from "@/lib/validation/sources";
import { STUDIO_LIMITS, STUDIO_SOURCE_RULE } from "@/lib/validation/studio-render";
import { builtinBackgroundMedia, builtinClipMedia, builtinIdOf, findBuiltinBackground, isBuiltinClip } from "./builtins";

/**
 * A studio render's media, checked and stored before anything is charged: every background ends
 * up as a JPEG or PNG file of the workspace (`media:<id>`), every clip as a video of it. A remote
 * background is downloaded once, here, through the one outbound module and judged by its content.
 */

const MAX_MB = STUDIO_LIMITS.maxBackgroundBytes / 1024 / 1024;
const IMAGE_MIME: Record<string, string> = { jpeg: "image/jpeg", png: "image/png" };
const REMOTE_TIMEOUT_MS = 30_000;

const refuse = (field: string, message: string) => new AppError("bad_request", `${field}: ${message}`, field);

export interface ResolvedImage {
  src: string;
  width: number;
  height: number;
}

/** What a JPEG or PNG is, by its content; anything else (a GIF, a WebP, not an image) is refused naming `field`. */
async function judgeImage(file: string, field: string): Promise<{ mime: string; width: number; height: number }> {
  const meta = await sharp(file)
    .metadata()
    .catch(() => null);
  const mime = meta?.format ? IMAGE_MIME[meta.format] : undefined;
  if (!meta?.format || !meta.width || !meta.height) throw refuse(field, "the file is not an image; backgrounds must be JPG or PNG");
  if (!mime) throw refuse(field, `the image is ${meta.format.toUpperCase()}; backgrounds must be JPG or PNG`);
  return { mime, width: meta.width, height: meta.height };
}

function checkSize(bytes: number, field: string) {
  if (bytes > STUDIO_LIMITS.maxBackgroundBytes) throw refuse(field, `the image is larger than ${MAX_MB} MB; backgrounds may be at most ${MAX_MB} MB`);
}

/** Downloads a background through lib/net/outbound.ts (at most 5 MB), judges it by content and stores it in the workspace. */
async function downloadBackground(db: Db, workspaceId: string, url: string, field: string, signal?: AbortSignal): Promise<MediaRow> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-studio-bg-"));
  try {
    const file = path.join(dir, "background");
    await downloadToFile(url, {
      destPath: file,
      maxBytes: STUDIO_LIMITS.maxBackgroundBytes,
      allowedTypes: ["image/", "application/octet-stream", "binary/octet-stream"],
      timeoutMs: REMOTE_TIMEOUT_MS,
      signal,
    }).catch((e: unknown) => {
      if (!(e instanceof OutboundError)) throw e;
      if (e.reason === "too_large") checkSize(STUDIO_LIMITS.maxBackgroundBytes + 1, field);
      if (e.reason === "type") throw refuse(field, "the URL does not serve an image; backgrounds must be JPG or PNG");
      throw refuse(field, `the image could not be downloaded (${e.message})`);
    });
    const image = await judgeImage(file, field);
    return await saveMedia(db, { workspaceId, kind: "image", mime: image.mime, source: { path: file }, width: image.width, height: image.height });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A stored image of the workspace used as a background: JPEG or PNG, at most 5 MB, judged again by its content. */
async function storedBackground(db: Db, workspaceId: string, mediaId: string, field: string): Promise<MediaRow> {
  const row = await getMedia(db, { mediaId, workspaceId });
  if (!row) throw refuse(field, `media:${mediaId} is not a file of this workspace`);
  if (row.kind !== "image") throw refuse(field, `media:${mediaId} is not an image; backgrounds must be JPG or PNG`);
  checkSize(row.sizeBytes, field);
  const image = await judgeImage(await storage().localPath(row.storageKey), field);
  return { ...row, width: row.width ?? image.width, height: row.height ?? image.height };
}

/** A background source (builtin:<id>, media:<id>, or an http(s) URL) as a stored image of the workspace. */
export async function resolveBackground(db: Db, workspaceId: string, source: string, field: string, signal?: AbortSignal): Promise<ResolvedImage> {
  const builtin = builtinIdOf(source);
  let row: MediaRow;
  if (builtin !== null) {
    const bg = findBuiltinBackground(builtin);
    if (!bg) throw refuse(field, `there is no built-in background "${builtin}" (GET /api/studio/backgrounds lists them)`);
    row = await builtinBackgroundMedia(db, workspaceId, bg);
  } else {
    const ref = parseSourceRef(source);
    if (!ref) throw refuse(field, STUDIO_SOURCE_RULE);
    row =
      ref.kind === "media" ? await storedBackground(db, workspaceId, ref.mediaId, field) : await downloadBackground(db, workspaceId, ref.url, field, signal);
  }
  return { src: `media:${row.id}`, width: row.width ?? 0, height: row.height ?? 0 };
}

/** A brainrot clip (builtin:<id>, or media:<id> of a video in the workspace) as a video the render loops in a `size` box. */
export async function resolveClip(db: Db, workspaceId: string, source: string, field: string, size: { width: number; height: number }): Promise<string> {
  const builtin = builtinIdOf(source);
  if (builtin !== null) {
    if (!isBuiltinClip(builtin)) throw refuse(field, `there is no built-in clip "${builtin}" (GET /api/studio/backgrounds lists them)`);
    return `media:${(await builtinClipMedia(db, workspaceId, builtin, size)).id}`;
  }
  const ref = parseSourceRef(source);
  if (ref?.kind !== "media") throw refuse(field, "must be builtin:<id> or media:<id> of a video in this workspace's library");
  const row = await getMedia(db, { mediaId: ref.mediaId, workspaceId });
  if (!row) throw refuse(field, `media:${ref.mediaId} is not a file of this workspace`);
  if (row.kind !== "video") throw refuse(field, `media:${ref.mediaId} is not a video`);
  return `media:${row.id}`;
}
