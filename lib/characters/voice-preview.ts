import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { CharacterRow } from "./service";
import { getSpeechProvider, type VoiceProfile } from "@/lib/providers/speech/index";
import { voiceBySpeakerId } from "@/lib/providers/speech/voices";
import { characterVoice } from "./voice-view";

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
