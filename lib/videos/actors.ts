import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { Principal } from "@/lib/auth/tokens";
import { createCharacter, type CharacterRow } from "@/lib/characters/service";
import { AppError } from "@/lib/errors";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { fetchRemote, RemoteFetchError } from "@/lib/media/fetch-remote";
import { actorIdOf } from "./engine";

export const createActorIn = z.object({
  displayName: z.string().trim().max(80).optional(),
  sourceFileUrl: z.string({ error: "sourceFileUrl is required" }).url("sourceFileUrl must be an absolute URL"),
  gender: z.string().max(20).optional(),
});

/**
 * An "instant avatar": a character made from an image, or from a frame of a video, at a URL.
 * The studio's offline actor animates that picture with the speech.
 */
export async function createActorFromUrl(db: Db, p: Principal, input: { displayName?: string; sourceFileUrl: string; gender?: string }) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-actor-"));
  try {
    const fetched = await fetchRemote(input.sourceFileUrl, {
      destPath: path.join(dir, "source"),
      maxBytes: 100 * 1024 * 1024,
      allowedTypes: ["image/", "video/"],
      timeoutMs: 30_000,
    }).catch((e: unknown) => {
      if (e instanceof RemoteFetchError) throw new AppError("bad_request", `sourceFileUrl: ${e.message}`, "sourceFileUrl");
      throw e;
    });
    let photoPath = fetched.path;
    if (fetched.contentType.startsWith("video/")) {
      photoPath = path.join(dir, "frame.png");
      await runFfmpeg(["-y", "-ss", "0.5", "-i", fetched.path, "-frames:v", "1", photoPath]).catch(() => {
        throw new AppError("bad_request", "sourceFileUrl: the video could not be read", "sourceFileUrl");
      });
    }
    const name = input.displayName?.trim() || "Instant avatar";
    const row = await createCharacter(
      db,
      p,
      { name, description: input.gender ? `Instant avatar (${input.gender})` : "Instant avatar", persona: "", styleTags: [] },
      { buffer: await fs.readFile(/*turbopackIgnore: true*/ photoPath), field: "sourceFileUrl" },
    );
    return row;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A character in the shape of the assets/actors dialect. */
export function actorOut(c: CharacterRow, photoUrl: string | null) {
  return {
    name: actorIdOf(c.id),
    display_name: c.name,
    preview_url: photoUrl,
    version: "v1",
    type: "Studio",
    gender: null,
    quality: "lite",
    emotions: [],
    default_voice: "local-en-us",
    views: [
      {
        viewVariantType: "front",
        aspectRatio: { width: 1, height: 1, ratio: 1 },
        supportedActorTrackVariants: ["full_body", "bubble", "shoulder"],
        supportedInferenceModels: ["local-talking-head"],
        images: { thumbnail: photoUrl, editor: photoUrl },
      },
    ],
    features: { side_view: false, emotions: false, hand_gesture: false },
  };
}
