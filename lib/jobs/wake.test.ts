import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import { getBoss, sendJob } from "@/lib/jobs/boss";
import { analyticsSyncDueJob, creditAllowanceJob } from "@/lib/jobs/definitions";
import { listenForQueuedJobs } from "@/lib/jobs/wake";
import { useJobWorker } from "@/lib/test/worker";

useJobWorker();

const heard: string[] = [];
const listener = listenForQueuedJobs(process.env.DATABASE_URL!, (queue) => heard.push(queue));
afterAll(() => listener.close());

/** Queues a job nobody else announces and waits until it is heard: every announcement made before it has arrived by then (Postgres delivers in commit order). */
async function heardSoFar(): Promise<string[]> {
  await sendJob(analyticsSyncDueJob, {});
  await expect.poll(() => heard.includes(analyticsSyncDueJob.name), { timeout: 10_000 }).toBe(true);
  const so = [...heard];
  heard.length = 0;
  return so;
}

describe("queued jobs wake the workers", () => {
  it("announces a job when its transaction commits, never for a rollback or a job that starts later", async () => {
    await listener.ready;
    await expect(
      withTransaction(async ({ executeSql }) => {
        await sendJob(creditAllowanceJob, {}, { executeSql });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await sendJob(creditAllowanceJob, {}, { startAfter: 3600, singletonKey: "later" });
    expect(await heardSoFar()).toEqual([analyticsSyncDueJob.name]);

    await withTransaction(async ({ executeSql }) => {
      await sendJob(creditAllowanceJob, {}, { executeSql, singletonKey: "now" });
    });
    expect(await heardSoFar()).toEqual([creditAllowanceJob.name, analyticsSyncDueJob.name]);
  });

  it("wakes the queue's waiting slot when a job is queued, and a slot looks for its next job as soon as one ends", async () => {
    const boss = await getBoss();
    // The jobs of the test above end first, so that every wake-up below is this job's.
    const due = sql`select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after <= now()`;
    await expect.poll(async () => (await getDb().execute<{ n: number }>(due)).rows[0].n, { timeout: 10_000 }).toBe(0);
    const notify = vi.spyOn(boss, "notifyWorker");
    const id = await sendJob(creditAllowanceJob, {}, { singletonKey: "wake" });
    await expect.poll(async () => (await boss.getJobById(creditAllowanceJob.name, id!))?.state, { timeout: 10_000 }).toBe("completed");
    // Once for the announcement, once when the job ended: both to the one slot of the queue.
    await expect.poll(() => notify.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(notify.mock.calls.map(([slot]) => slot)).size).toBe(1);
  });
});
