import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getTask } from "@/lib/tasks/service";
import { makeAccount, makeFinishedVideo } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { conformPlan, startConform } from "./conform";
import { mediaFacts } from "./media";
import { CHANNEL_LIMITS } from "./platforms/channel";
import { TIKTOK_LIMITS } from "./platforms/tiktok";
import { mediaProblems } from "./preflight";

useJobWorker();

describe("the conforming plan", () => {
  const facts = { durationSec: 20, width: 1920, height: 1080, sizeBytes: 10_000_000, videoCodec: "h264", audioCodec: "aac" };

  it("changes nothing for a video that fits", () => {
    expect(conformPlan(facts, CHANNEL_LIMITS)).toEqual({ trimSec: null, frame: null, videoKbps: null });
  });

  it("trims to the longest allowed, frames to the nearest allowed shape keeping the longer side, and lowers the bitrate under the size limit", () => {
    const limits = { ...TIKTOK_LIMITS, maxDurationSec: 10, minAspect: 0.5, maxAspect: 1, maxBytes: 2_000_000 };
    const plan = conformPlan(facts, limits);
    expect(plan.trimSec).toBe(10);
    expect(plan.frame).toEqual({ width: 1920, height: 1920 });
    // 2 MB x 8 x 0.9 over 10 s = 1440 kbit/s, less 128 for the audio.
    expect(plan.videoKbps).toBe(1312);
  });
});

describe("a one-click copy that fits", () => {
  it("re-renders a too-wide video into the channel's range as a new finished video; a fitting one is a 409", async () => {
    const account = await makeAccount();
    const wide = await makeFinishedVideo(account, { width: 640, height: 120, seconds: 1, name: "Panorama" });
    const before = await mediaFacts(getDb(), account.workspaceId, wide.id);
    expect(mediaProblems("channel", CHANNEL_LIMITS, before!)).toHaveLength(1);
    const task = await startConform(getDb(), account.workspaceId, wide.id, "channel");
    const done = await waitUntil(
      "the conform task",
      () => getTask(getDb(), { taskId: task.id, workspaceId: account.workspaceId }),
      (t) => t!.status === "succeeded" || t!.status === "failed",
      60_000,
    );
    expect(done).toMatchObject({ status: "succeeded", progress: 100 });
    const copyId = done!.result!.videoId as string;
    const after = await mediaFacts(getDb(), account.workspaceId, copyId);
    expect(mediaProblems("channel", CHANNEL_LIMITS, after!)).toEqual([]);
    expect(after).toMatchObject({ width: 640, height: 184, videoCodec: "h264", audioCodec: "aac" });
    expect(after!.durationSec).toBeCloseTo(1, 0);
    const refused = await startConform(getDb(), account.workspaceId, copyId, "channel").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(409);
  });
});
