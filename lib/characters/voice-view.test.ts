import { describe, expect, it } from "vitest";
import { characterVoice, narrationVoice, toVoiceView } from "./voice-view";

const voice = { engineVoice: "en-us+f3", pitch: 40, rate: 190, measured: { f0Hz: 195.2, syllablesPerSecond: 5.6, speechSeconds: 12.1 } };
const base = { id: 7, voice, voiceProvider: "local", voiceError: null };

describe("narrationVoice", () => {
  it("uses the cloned profile only once it is ready, and never passes measurements to the engine", () => {
    expect(narrationVoice({ voice, voiceStatus: "ready" })).toEqual({ engineVoice: "en-us+f3", pitch: 40, rate: 190 });
    for (const status of ["none", "processing", "failed"] as const) expect(narrationVoice({ voice, voiceStatus: status })).toBeNull();
    expect(narrationVoice({ voice: null, voiceStatus: "ready" })).toBeNull();
    expect(narrationVoice(undefined)).toBeNull();
  });
});

describe("characterVoice", () => {
  it("speaks with the cloned voice once ready, else the catalogue voice chosen, else the default narrator", () => {
    expect(characterVoice({ voice, voiceStatus: "ready", voiceId: "local-fr-fr" })).toEqual({ engineVoice: "en-us+f3", pitch: 40, rate: 190 });
    expect(characterVoice({ voice, voiceStatus: "processing", voiceId: "local-fr-fr-f3" })).toEqual({ engineVoice: "fr-fr+f3", pitch: 55 });
    expect(characterVoice({ voice: null, voiceStatus: "none", voiceId: "en-GB-RyanNeural" })).toMatchObject({ engineVoice: "en-gb" });
    expect(characterVoice({ voice: null, voiceStatus: "none", voiceId: null })).toBeNull();
  });
});

describe("toVoiceView", () => {
  it("shows the profile and what was heard when ready, the error when failed, nothing stale otherwise", () => {
    expect(toVoiceView({ ...base, voiceStatus: "ready" })).toEqual({
      characterId: 7,
      status: "ready",
      provider: "local",
      error: null,
      profile: { engineVoice: "en-us+f3", pitch: 40, pitchHz: 197, rate: 190 },
      measured: voice.measured,
    });
    expect(toVoiceView({ ...base, voiceStatus: "processing" })).toMatchObject({ profile: null, measured: null, error: null });
    expect(toVoiceView({ ...base, voice: null, voiceStatus: "failed", voiceError: "No voice could be heard" })).toMatchObject({
      status: "failed",
      error: "No voice could be heard",
      profile: null,
    });
  });
});
