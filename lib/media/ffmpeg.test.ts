import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ffmpegVersion, parseProgressLine, probe, runFfmpeg } from "./ffmpeg";

describe("ffmpeg helpers", () => {
  it("parses progress lines (out_time_ms is microseconds too)", () => {
    expect(parseProgressLine("out_time_us=1500000")).toBe(1500);
    expect(parseProgressLine("out_time_ms=2000000")).toBe(2000);
    expect(parseProgressLine("frame=12")).toBeNull();
  });

  it("runs ffmpeg with progress and probes the result", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "ffmpeg-test-"));
    const out = path.join(dir, "tone.m4a");
    const seen: number[] = [];
    await runFfmpeg(["-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", out], { onProgress: (ms) => seen.push(ms) });
    const info = await probe(out);
    expect(info.durationMs).toBeGreaterThan(1_950);
    expect(info.streams[0]).toMatchObject({ codecType: "audio", codecName: "aac", sampleRate: 44100 });
    expect(info.sizeBytes).toBeGreaterThan(1000);
    expect(seen.at(-1)).toBeGreaterThan(1_900);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("rejects with the tail of stderr, and stops on abort", async () => {
    await expect(runFfmpeg(["-i", "/nonexistent/input.mp4", "-f", "null", "-"])).rejects.toThrow(/No such file/);
    const ctrl = new AbortController();
    const run = runFfmpeg(["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "null", "-"], { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(new Error("cancelled")), 200);
    await expect(run).rejects.toThrow("cancelled");
  });

  it("reports the version line", async () => {
    expect(await ffmpegVersion()).toMatch(/^ffmpeg version /);
  });
});
