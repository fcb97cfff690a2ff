import { afterAll, describe, expect, it } from "vitest";
import { testProviderConnection } from "./connection-test";
import { startFakeComfy } from "./fakes/comfyui";
import { startFakeElevenLabs } from "./fakes/elevenlabs";
import { startFakeHeyGen } from "./fakes/heygen";
import { startFakeOpenAI } from "./fakes/openai";
import { startFakeReplicate } from "./fakes/replicate";

/**
 * "Test connection" asks each vendor one cheap authenticated question: here against each fake, at
 * the operator's base URL (trusted), with the workspace's key right and wrong.
 */
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

const cfg = (id: string, apiKey: string | null) => ({ id, model: null, baseUrl: null, apiKey });

describe("a provider's connection test", () => {
  it("is OK with the right key and says the vendor's words with a wrong one, for every vendor with an account call", async () => {
    const eleven = await startFakeElevenLabs({ apiKey: "xi-right" });
    const heygen = await startFakeHeyGen({ apiKey: "hg-right" });
    const replicate = await startFakeReplicate({ token: "r8_right" });
    const openai = await startFakeOpenAI({ apiKey: "sk-right" });
    Object.assign(process.env, {
      ELEVENLABS_BASE_URL: eleven.url,
      HEYGEN_BASE_URL: heygen.url,
      REPLICATE_BASE_URL: replicate.url,
      OPENAI_BASE_URL: openai.url,
    });
    try {
      expect(await testProviderConnection("speech", cfg("elevenlabs", "xi-right"))).toEqual({ ok: true, message: "OK: ElevenLabs answered" });
      expect(await testProviderConnection("speech", cfg("elevenlabs", "xi-wrong"))).toEqual({
        ok: false,
        message: "ElevenLabs connection test: ElevenLabs refused the API key (Invalid API key)",
      });
      expect(eleven.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/user", key: "xi-wrong" });

      expect(await testProviderConnection("talking-head", cfg("heygen", "hg-right"))).toEqual({ ok: true, message: "OK: HeyGen answered" });
      expect(await testProviderConnection("talking-head", cfg("heygen", "hg-wrong"))).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^HeyGen connection test: HeyGen refused the API key \(Unauthorized/),
      });

      expect(await testProviderConnection("upscale", cfg("replicate", "r8_right"))).toEqual({ ok: true, message: "OK: Replicate answered" });
      expect(await testProviderConnection("upscale", cfg("replicate", "r8_wrong"))).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^Replicate connection test: Replicate refused the API key/),
      });
      expect(replicate.state.auths.slice(-2)).toEqual(["Bearer r8_right", "Bearer r8_wrong"]);

      // Transcription asks the same OpenAI-compatible server as the other capabilities unless told otherwise.
      expect(await testProviderConnection("transcription", cfg("openai", "sk-right"))).toEqual({ ok: true, message: "OK: OpenAI answered" });
      expect(openai.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models", auth: "Bearer sk-right" });
    } finally {
      await Promise.all([eleven.close(), heygen.close(), replicate.close(), openai.close()]);
    }
  });

  it("asks a ComfyUI server for its queue, and says when nothing answers", async () => {
    const comfy = await startFakeComfy();
    process.env.COMFYUI_URL = comfy.url;
    try {
      expect(await testProviderConnection("motion", cfg("comfyui", null))).toEqual({ ok: true, message: "OK: ComfyUI answered" });
    } finally {
      await comfy.close();
    }
    expect(await testProviderConnection("motion", cfg("comfyui", null))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^ComfyUI connection test: no answer from ComfyUI/),
    });
  });
});
