import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db/client";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";

/** Runs the real job worker for the tests of this file, and closes it and the database after them. */
export function useJobWorker() {
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await closeDb();
  });
}
