import { describe, expect, it } from "vitest";
import { FAL_VIDEO_MODELS } from "@/lib/providers/fal/models";
import { estimateProjectVendorCost, providersFromEnv } from "@/lib/projects/cost";
import { estimateVendorCost, formatUsd, upscaleUsd, VENDOR_PRICES } from "./vendor-prices";

const portrait = { width: 720, height: 1280 };
const square = { width: 720, height: 720 };
// 100 characters of narration, 6 seconds of it, in an 8-second scene.
const scene = { sceneNumber: 1, narrationText: "x".repeat(100), narrationMs: 6_000, sceneMs: 8_000 };

describe("vendor cost estimate", () => {
  it("is $0 offline, whatever the scenes", () => {
    const e = estimateVendorCost([scene, { ...scene, sceneNumber: 2 }], { image: "local", motion: "local", speech: "local" }, { frame: portrait });
    expect(e).toMatchObject({ totalUsd: 0, partial: false, label: "offline" });
    expect(e.scenes.map((s) => s.total)).toEqual([0, 0]);
  });

  it("prices fal's picture per megapixel and its Kling clip per second of the clip it makes", () => {
    const e = estimateVendorCost([scene], { image: "fal", motion: "fal", speech: "local", imageModel: "flux-dev" }, { frame: portrait });
    // 720x1280 is 0.92 MP, billed as 1 MP at $0.025; an 8 s scene gets a 10 s clip (5 s slowed 1.5x covers 7.5 s) at $0.07/s.
    expect(e.scenes[0]).toEqual({ sceneNumber: 1, image: 0.025, motion: 0.7, speech: 0, total: 0.725 });
    expect(FAL_VIDEO_MODELS["kling-2.6-pro"].usdPerSecond).toBe(0.07);
    expect(e.label).toBe("fal/flux-dev + fal/kling-2.6-pro");
    // A short scene needs only the 5 s clip.
    expect(estimateVendorCost([{ ...scene, sceneMs: 7_000 }], { image: "local", motion: "fal", speech: "local" }, { frame: square }).totalUsd).toBe(0.35);
  });

  it("prices OpenAI's picture by shape and its speech per minute; ElevenLabs per character", () => {
    const openai = estimateVendorCost([scene], { image: "openai", motion: "local", speech: "openai" }, { frame: portrait });
    expect(openai.scenes[0]).toMatchObject({ image: VENDOR_PRICES.openaiImage["gpt-image-1"].other, speech: 0.0015 });
    expect(estimateVendorCost([scene], { image: "openai", motion: "local", speech: "local" }, { frame: square }).totalUsd).toBe(0.042);
    expect(openai.label).toBe("OpenAI gpt-image-1 + OpenAI speech");
    const tts1 = estimateVendorCost([scene], { image: "local", motion: "local", speech: "openai", speechModel: "tts-1" }, { frame: square });
    expect(tts1.totalUsd).toBe(0.0015); // 100 chars at $15 per million
    const eleven = estimateVendorCost([scene, { ...scene, sceneNumber: 2 }], { image: "local", motion: "local", speech: "elevenlabs" }, { frame: square });
    expect(eleven.scenes[0].speech).toBe(0.01); // 100 chars at $0.10 per thousand
    expect(eleven.totalUsd).toBe(0.02);
  });

  it("says so when a model's price is not in the table, and counts what it knows", () => {
    const e = estimateVendorCost(
      [scene],
      { image: "fal", motion: "fal", speech: "local", imageModel: "flux-pro", videoModel: "kling-2.1-master" },
      { frame: square },
    );
    expect(e).toMatchObject({ totalUsd: 0, partial: true });
  });

  it("prices a Replicate upscale per second of hardware; the local one is free", () => {
    expect(upscaleUsd("replicate", 100)).toBeCloseTo(0.0225, 6);
    expect(upscaleUsd("local", 100)).toBe(0);
  });

  it("reads the providers from the environment and estimates a project's scenes as estimateCost sizes them", () => {
    const sel = providersFromEnv({ IMAGE_PROVIDER: "FAL", MOTION_PROVIDER: "fal", SPEECH_PROVIDER: "elevenlabs", ELEVENLABS_MODEL: "eleven_flash_v2_5" });
    expect(sel).toEqual({ image: "fal", motion: "fal", speech: "elevenlabs", imageModel: undefined, videoModel: undefined, speechModel: "eleven_flash_v2_5" });
    expect(providersFromEnv({})).toMatchObject({ image: "local", motion: "local", speech: "local" });
    const e = estimateProjectVendorCost([{ sceneNumber: 1, narrationText: "A short line.", holdMs: 4_000 }], sel, square);
    // 1 MP flux-dev $0.025 + a 5 s clip $0.35 + 13 characters at $0.05 per thousand.
    expect(e.totalUsd).toBeCloseTo(0.025 + 0.35 + 0.00065, 4);
  });

  it("formats dollars as an estimate reads", () => {
    expect([formatUsd(0), formatUsd(0.42), formatUsd(0.0015), formatUsd(12.5)]).toEqual(["$0", "$0.42", "$0.002", "$12.50"]);
  });
});
