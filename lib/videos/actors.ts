import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import type { Principal } from "@/lib/auth/tokens";
import { createCharacter } from "@/lib/characters/service";
import { AppError } from "@/lib/errors";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { downloadToFile, OutboundError } from "@/lib/net/outbound";

/**
 * An "instant avatar": a character made from an image, or from a frame of a video, at a URL.
 * The studio's offline actor animates that picture with the speech.
 */
export async function createActorFromUrl(db: Db, p: Principal, input: { displayName?: string; sourceFileUrl: string; gender?: string }) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-actor-"));
  try {
    const fetched = await downloadToFile(input.sourceFileUrl, {
      destPath: path.join(dir, "source"),
      maxBytes: 100 * 1024 * 1024,
      allowedTypes: ["image/", "video/"],
      timeoutMs: 30_000,
    }).catch((e: unknown) => {
      if (e instanceof OutboundError) throw new AppError("bad_request", `sourceFileUrl: ${e.message}`, "sourceFileUrl");
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
