import fs from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { dataDir } from "@/lib/env";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { LocalImageProvider } from "@/lib/providers/image/local";
import { saveMedia, type MediaRow } from "@/lib/storage/media";
import { BUILTIN_PREFIX, STUDIO_SIZES, type StudioAspectRatio } from "@/lib/validation/studio-render";

/**
 * The studio's own backgrounds and brainrot clips, made here rather than downloaded: backgrounds
 * are painted by the offline image provider at the seed's sizes, clips are ffmpeg lavfi patterns
 * that never stand still. Each is made once per data directory (cached on disk) and stored in a
 * workspace as an ordinary media file the first time a render there uses it, so the render reads
 * it as `media:<id>` like any upload.
 */

export interface BuiltinBackground {
  id: string;
  name: string;
  aspectRatio: StudioAspectRatio;
  width: number;
  height: number;
}

export interface BuiltinClip {
  id: string;
  name: string;
  /** Seconds before it repeats. */
  loopSeconds: number;
}

/** What each background shows: the offline painter reads its mood and setting from these words. */
const THEMES: Array<{ key: string; name: string; prompt: string }> = [
  { key: "sunset-city", name: "Sunset city", prompt: "golden sunset over a city skyline" },
  { key: "neon-night", name: "Neon night", prompt: "neon city street at night" },
  { key: "ocean-day", name: "Ocean day", prompt: "sunny day at the ocean beach with waves" },
  { key: "forest", name: "Forest", prompt: "calm forest park with trees" },
  { key: "stage", name: "Stage", prompt: "concert stage with spotlight at night" },
  { key: "mountains", name: "Mountains", prompt: "misty mountains valley in winter" },
];

const FORMATS: Array<{ suffix: string; label: string; aspectRatio: StudioAspectRatio }> = [
  { suffix: "square", label: "square", aspectRatio: "1:1" },
  { suffix: "vertical", label: "vertical", aspectRatio: "9:16" },
];

export const BUILTIN_BACKGROUNDS: BuiltinBackground[] = FORMATS.flatMap((f) =>
  THEMES.map((t) => ({ id: `${t.key}-${f.suffix}`, name: `${t.name} (${f.label})`, aspectRatio: f.aspectRatio, ...STUDIO_SIZES[f.aspectRatio] })),
);

const CLIP_SECONDS = 2;
const CLIP_FPS = 25;

/** Each clip's lavfi graph for a w x h frame: drawn at a quarter size where the pattern is per-pixel work, then scaled up. */
const CLIP_GRAPHS: Record<string, { name: string; graph: (w: number, h: number) => string }> = {
  "clip-life": {
    name: "Game of life",
    graph: (w, h) => `life=s=${q(w)}x${q(h)}:r=${CLIP_FPS}:mold=10:ratio=0.3:seed=7:death_color=#1b1035:life_color=#28f0c8,scale=${w}:${h}:flags=neighbor`,
  },
  "clip-waves": {
    name: "Colour waves",
    graph: (w, h) =>
      `nullsrc=s=${q(w)}x${q(h)}:r=${CLIP_FPS},geq=r='128+127*sin((X+T*240)/9)':g='128+127*sin((Y-T*300)/7)':b='128+127*sin((X+Y+T*400)/11)',scale=${w}:${h}`,
  },
  "clip-test-card": {
    name: "Spinning test card",
    graph: (w, h) => `testsrc2=s=${w}x${h}:r=${CLIP_FPS},hue=H=PI*t`,
  },
};
const q = (n: number) => Math.max(16, 2 * Math.round(n / 8));

export const BUILTIN_CLIPS: BuiltinClip[] = Object.entries(CLIP_GRAPHS).map(([id, c]) => ({ id, name: c.name, loopSeconds: CLIP_SECONDS }));

/** The clip a brainrot render uses when none is named. */
export const DEFAULT_BRAINROT_CLIP = BUILTIN_CLIPS[0].id;

export const builtinSource = (id: string) => `${BUILTIN_PREFIX}${id}`;
export const builtinIdOf = (source: string) => (source.startsWith(BUILTIN_PREFIX) ? source.slice(BUILTIN_PREFIX.length) : null);

export const findBuiltinBackground = (id: string) => BUILTIN_BACKGROUNDS.find((b) => b.id === id) ?? null;
export const isBuiltinClip = (id: string) => id in CLIP_GRAPHS;

const cacheDir = () => path.join(dataDir(), "cache", "builtin");

async function cached(name: string, make: (tmp: string) => Promise<void>): Promise<string> {
  const file = path.join(cacheDir(), name);
  if (await fs.stat(file).catch(() => null)) return file;
  await fs.mkdir(cacheDir(), { recursive: true });
  // Written aside and renamed: two renders making the same file never read half of it.
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp${path.extname(name)}`;
  await make(tmp);
  await fs.rename(tmp, file);
  return file;
}

function backgroundFile(bg: BuiltinBackground): Promise<string> {
  const theme = THEMES.find((t) => bg.id.startsWith(`${t.key}-`))!;
  return cached(`${bg.id}.png`, async (tmp) => {
    await new LocalImageProvider().generate({ prompt: theme.prompt, seed: `builtin:${bg.id}`, width: bg.width, height: bg.height }, tmp);
  });
}

function clipFile(id: string, width: number, height: number, signal?: AbortSignal): Promise<string> {
  return cached(`${id}-${width}x${height}.mp4`, async (tmp) => {
    const graph = CLIP_GRAPHS[id].graph(width, height);
    await runFfmpeg(
      ["-y", "-f", "lavfi", "-i", graph, "-t", String(CLIP_SECONDS), "-an", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", tmp],
      { signal },
    );
  });
}

/** The workspace's stored copy of a built-in file (by `name`), stored on first use. */
async function stored(db: DbOrTx, workspaceId: string, name: string, save: () => Promise<MediaRow>): Promise<MediaRow> {
  const [found] = await db
    .select()
    .from(media)
    .where(and(eq(media.workspaceId, workspaceId), eq(media.name, name), eq(media.inLibrary, false)))
    .limit(1);
  if (found) return found;
  const row = await save();
  const [named] = await db.update(media).set({ name }).where(eq(media.id, row.id)).returning();
  return named;
}

/** A built-in background as a media file of the workspace. */
export async function builtinBackgroundMedia(db: DbOrTx, workspaceId: string, bg: BuiltinBackground): Promise<MediaRow> {
  return stored(db, workspaceId, builtinSource(bg.id), async () =>
    saveMedia(db, { workspaceId, kind: "image", mime: "image/png", source: { path: await backgroundFile(bg) }, width: bg.width, height: bg.height }),
  );
}

/** A built-in clip, made at exactly `width` x `height` (the box it fills), as a media file of the workspace. */
export async function builtinClipMedia(db: DbOrTx, workspaceId: string, id: string, size: { width: number; height: number }): Promise<MediaRow> {
  const { width, height } = size;
  return stored(db, workspaceId, `${builtinSource(id)}@${width}x${height}`, async () =>
    saveMedia(db, {
      workspaceId,
      kind: "video",
      mime: "video/mp4",
      source: { path: await clipFile(id, width, height) },
      width,
      height,
      durationMs: CLIP_SECONDS * 1000,
    }),
  );
}
