import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { runFfmpeg, untrustedInputArgs } from "@/lib/media/ffmpeg";
import { VOICE_SAMPLE_FORMATS } from "@/lib/media/audio-formats";
import { ELEVENLABS, elevenLabsConfig, elevenLabsRequest, type ElevenLabsConfig } from "../elevenlabs/client";
import { callScope, runVendorCall } from "../jobs";
import { malformed, ProviderError } from "../vendor";
import type { VoiceCloneProvider, VoiceCloneRequest, VoiceCloneResult } from "./index";
import { LocalVoiceCloneProvider } from "./local";

/** ElevenLabs asks for one to two minutes of speech; more only makes the upload longer. */
const UPLOAD_SECONDS = 180;
const WHAT = "ElevenLabs voice clone";

/**
 * ElevenLabs' instant voice clone (POST /v1/voices/add, multipart `name` and `files`): the
 * sample, cut to UPLOAD_SECONDS and sent as a plain WAV whatever it was uploaded as, becomes a
 * voice at ElevenLabs, and the profile names it `{ provider: "elevenlabs", voiceId }` for the
 * ElevenLabs speech provider. The sample is heard here first: one without speech fails at once
 * (VoiceSampleError, as with the local profiler) instead of becoming a voice of noise, and what
 * was measured is kept for the studio. Recorded under the request's scope, so a retried job does
 * not add the same voice twice.
 */
export class ElevenLabsVoiceCloneProvider implements VoiceCloneProvider {
  readonly id = "elevenlabs" as const;

  constructor(private readonly config: () => ElevenLabsConfig = elevenLabsConfig) {}

  static configured(env: NodeJS.ProcessEnv = process.env): boolean {
    return Boolean(env.ELEVENLABS_API_KEY?.trim());
  }

  async clone(req: VoiceCloneRequest): Promise<VoiceCloneResult> {
    const { measured } = await new LocalVoiceCloneProvider().clone(req);
    const name = (req.name?.trim() || "Cinetwin voice").slice(0, 100);
    const scope = callScope({ signal: req.signal, scope: req.scope });
    const { voiceId } = await runVendorCall(scope, {
      vendor: ELEVENLABS,
      model: "instant-voice-clone",
      request: { name, sample: await sha256(req.samplePath) },
      call: async () => ({ result: { voiceId: await this.add(name, req) } }),
    });
    return { profile: { provider: "elevenlabs", voiceId }, measured };
  }

  private async add(name: string, req: VoiceCloneRequest): Promise<string> {
    const wav = path.join(req.workDir, "elevenlabs-sample.wav");
    await runFfmpeg(
      [
        "-y",
        ...untrustedInputArgs(VOICE_SAMPLE_FORMATS),
        "-i",
        req.samplePath,
        "-map",
        "0:a:0",
        "-vn",
        "-ac",
        "1",
        "-ar",
        "22050",
        "-t",
        String(UPLOAD_SECONDS),
        wav,
      ],
      { signal: req.signal },
    );
    const form = new FormData();
    form.append("name", name);
    form.append("files", new Blob([new Uint8Array(await fs.readFile(wav))], { type: "audio/wav" }), "sample.wav");
    const res = await elevenLabsRequest(this.config(), { method: "POST", path: "/v1/voices/add", body: form, what: WHAT, signal: req.signal });
    const j = res.json as { voice_id?: unknown; requires_verification?: unknown } | null;
    if (typeof j?.voice_id !== "string" || !j.voice_id) throw malformed(ELEVENLABS, WHAT, "no voice_id");
    if (j.requires_verification === true)
      throw new ProviderError("permanent", ELEVENLABS, `${WHAT}: ElevenLabs wants the voice ${j.voice_id} verified on its site before it speaks`);
    return j.voice_id;
  }
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
