import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { readMultipart } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { voiceCloneStartedOut } from "@/lib/api/twin-actor/mappers";
import { voiceCloneFields } from "@/lib/api/twin-actor/schemas";
import { requirePrincipal } from "@/lib/auth/principal";
import { hit } from "@/lib/auth/rate-limit";
import { getCharacter } from "@/lib/characters/service";
import { startVoiceClone } from "@/lib/characters/voice";
import { inspectVoiceSample } from "@/lib/characters/voice-sample";
import { AppError } from "@/lib/errors";
import { VOICE_SAMPLE_MAX_BYTES } from "@/lib/validation/voice";

export const dynamic = "force-dynamic";

/** Form fields and their separators on top of the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** Each clone decodes and analyses up to five minutes of audio. */
const CLONES_PER_WINDOW = 30;
const WINDOW_SECONDS = 600;

/**
 * twin.actor's voice clone: `person_id`, `provider`, `audio_file` as multipart/form-data. The
 * sample is checked by content, stored, and analysed by a job; poll GET /persons/{id} until
 * `has_voice` is true (or `voice_status` is "failed").
 */
export const POST = route(async (req) => {
  const p = await requirePrincipal(req, { multipart: true });
  const form = await readMultipart(req, {
    maxBytes: VOICE_SAMPLE_MAX_BYTES + FORM_OVERHEAD_BYTES,
    field: "audio_file",
    tooLarge: `audio_file is too large (the limit is ${VOICE_SAMPLE_MAX_BYTES / 1048576} MB)`,
  });
  const fields = voiceCloneFields.parse({ person_id: form.get("person_id") ?? undefined, provider: form.get("provider") ?? undefined });
  const db = getDb();
  await getCharacter(db, { characterId: fields.person_id, workspaceId: p.workspaceId });
  const file = form.get("audio_file");
  if (!(file instanceof File)) throw new AppError("bad_request", "audio_file is required: attach the voice sample as a file", "audio_file");
  if ((await hit(db, `voice-clone:${p.workspaceId}`, WINDOW_SECONDS)) > CLONES_PER_WINDOW) {
    throw new AppError("rate_limited", "Too many voice samples in a short time; try again in a few minutes");
  }

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-upload-"));
  try {
    const samplePath = path.join(dir, "sample");
    await fs.writeFile(samplePath, Buffer.from(await file.arrayBuffer()));
    const sample = await inspectVoiceSample(samplePath, file.size);
    const started = await startVoiceClone(db, {
      workspaceId: p.workspaceId,
      characterId: fields.person_id,
      sample: { ...sample, path: samplePath },
      requested: fields.provider,
    });
    return Response.json(voiceCloneStartedOut(started, sample.durationMs), { status: 202 });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
