import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { startWorker } from "@/lib/jobs/worker";
import { GET } from "./route";

afterAll(() => closeDb());

describe("GET /api/health", () => {
  it("names the failing part with 503, then answers 200 once a worker is live", async () => {
    const before = await GET();
    // Another test file's worker may still be fresh in the workers table; only assert the shape then.
    const body = await before.json();
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.ffmpeg.detail).toMatch(/^ffmpeg version/);
    if (before.status === 503) expect(body.failing).toEqual(["worker"]);

    const worker = await startWorker();
    try {
      const after = await GET();
      expect(after.status).toBe(200);
      expect((await after.json()).status).toBe("ok");
    } finally {
      await worker.stop();
    }
  });
});
