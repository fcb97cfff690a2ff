import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { captionStartedOut } from "@/lib/api/ainative/mappers";
import { captionsGenerateFields } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { readMultipart } from "@/lib/api/route";
import { createCaptions } from "@/lib/captions/service";
import { resolveReelUrl, storeUpload, type ResolvedSource } from "@/lib/captions/source";
import { AppError } from "@/lib/errors";
import { DEFAULT_BURN_STYLE } from "@/lib/validation/captions";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** The largest upload: a few minutes of phone video. */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * The seed's captions: reel_url or audio_file (exactly one), language, burn_in, as
 * multipart/form-data. 202 with the caption id and its task; poll either.
 */
export const POST = route(async (req) => {
  const p = await requireApiKey(req, { multipart: true });
  const form = await readMultipart(req, {
    maxBytes: MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES,
    field: "audio_file",
    tooLarge: `audio_file is too large (the limit is ${MAX_UPLOAD_BYTES / 1048576} MB)`,
  });
  const fields = captionsGenerateFields.parse({
    reel_url: form.get("reel_url") ?? undefined,
    language: form.get("language") ?? undefined,
    burn_in: form.get("burn_in") ?? undefined,
  });
  const file = form.get("audio_file");
  const upload = file instanceof File ? file : null;
  if (file !== null && !upload) throw new AppError("bad_request", "audio_file must be a file (attach it, not its name)", "audio_file");
  const url = fields.reel_url || null;
  if (!url === !upload) throw new AppError("bad_request", "reel_url: give exactly one of reel_url or audio_file", "reel_url");

  const db = getDb();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-captions-"));
  try {
    let source: ResolvedSource;
    if (upload) {
      const saved = path.join(dir, "upload");
      await fs.writeFile(saved, Buffer.from(await upload.arrayBuffer()));
      source = await storeUpload(db, p.workspaceId, saved, "audio_file");
    } else {
      source = await resolveReelUrl(db, p.workspaceId, url!, "reel_url");
    }
    const { caption, task } = await createCaptions(db, p, { source, language: fields.language, burnIn: fields.burn_in ? DEFAULT_BURN_STYLE : null });
    return Response.json(captionStartedOut(caption, task), { status: 202 });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST }, CORS_HEADERS);
