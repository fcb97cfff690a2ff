import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { hit } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import type { CharacterRow } from "./service";
import { getSpeechProvider, type VoiceProfile } from "@/lib/providers/speech/index";
import { voiceBySpeakerId } from "@/lib/providers/speech/voices";
import { characterVoice } from "./voice-view";

/** Every preview runs the speech engine; this keeps one tab from monopolising the CPU. */
const PREVIEWS_PER_MINUTE = 30;

/** Counts a voice preview against the workspace's minute; a 429 past the limit. Character and catalogue previews share it. */
export async function limitPreviews(db: Db, workspaceId: string): Promise<void> {
  if ((await hit(db, `voice-preview:${workspaceId}`, 60)) > PREVIEWS_PER_MINUTE) {
    throw new AppError("rate_limited", "Too many previews in a minute; try again shortly");
  }
}

/** The line a character reads when the studio previews its voice. */
export function previewLine(name: string): string {
  const first = name.trim().split(/\s+/)[0] || "your narrator";
  return `Hi, I'm ${first}. This is how I will sound in your stories.`;
}

/** Speaks the preview line in the voice narration would use now, and returns the WAV bytes. */
export function synthesizeVoicePreview(c: CharacterRow): Promise<Buffer> {
  return speakPreview(previewLine(c.name), characterVoice(c));
}

/** The preview line of a catalogue voice, before a character has it (the character form's picker). */
export function synthesizeCatalogueVoicePreview(voiceId: string, name: string): Promise<Buffer> {
  return speakPreview(previewLine(name), voiceBySpeakerId(voiceId));
}

async function speakPreview(line: string, voice: VoiceProfile | null): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-preview-"));
  try {
    const out = await getSpeechProvider().synthesize(line, voice, path.join(dir, "preview.wav"));
    return await fs.readFile(out.path);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
