import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { projects } from "@/db/schema/projects";
import { withProjectTasks } from "@/lib/projects/queries";

/** Polls `read` until `done` holds; a done that throws ends the wait with that error. */
export async function waitUntil<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 150_000): Promise<T> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits for a project to reach `status`; reaching `failed` instead is an error carrying the project's reason. */
export function waitForProject(projectId: number, status: string, timeoutMs?: number) {
  return waitUntil(
    `project ${projectId} to be ${status}`,
    async () => (await withProjectTasks(getDb(), await getDb().select().from(projects).where(eq(projects.id, projectId))))[0],
    (p) => {
      if (p.status === "failed" && status !== "failed") throw new Error(`project failed: ${p.errorMessage}`);
      return p.status === status;
    },
    timeoutMs,
  );
}

/** Waits until pg-boss holds no job of `queue` that is still to run or running (each test file has its own database). */
export function waitForIdleJobs(queue: string, timeoutMs?: number) {
  return waitUntil(
    `${queue} jobs to finish`,
    () => getDb().execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = ${queue} and state in ('created', 'retry', 'active')`),
    (r) => r.rows[0].n === 0,
    timeoutMs,
  );
}
