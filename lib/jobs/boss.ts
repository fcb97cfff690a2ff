import PgBoss from "pg-boss";
import { allJobs, schedules, type JobDefinition } from "./definitions";
import type { z } from "zod";

const g = globalThis as unknown as { cinetwinBoss?: Promise<PgBoss> };

/** The process-wide pg-boss instance on the app database, started once with every queue created. */
export function getBoss(): Promise<PgBoss> {
  if (!g.cinetwinBoss) {
    g.cinetwinBoss = (async () => {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error("DATABASE_URL is not set");
      const boss = new PgBoss({ connectionString: url, max: 5 });
      boss.on("error", (e) => console.error("[pg-boss]", e));
      await boss.start();
      for (const job of allJobs) {
        const existing = await boss.getQueue(job.name);
        if (!existing) await boss.createQueue(job.name, { name: job.name, ...job.options });
        // A queue made by an older release keeps its options until told: retries and expiry follow the definitions.
        else if (queueDiffers(existing, job.options)) await boss.updateQueue(job.name, { name: job.name, ...job.options });
      }
      for (const s of schedules) await boss.schedule(s.job.name, s.cron, {}, { tz: "UTC" });
      return boss;
    })().catch((e) => {
      g.cinetwinBoss = undefined;
      throw e;
    });
  }
  return g.cinetwinBoss;
}

/** Whether a queue's stored options differ from any its definition sets. */
function queueDiffers(stored: PgBoss.QueueResult, wanted: (typeof allJobs)[number]["options"]): boolean {
  return (Object.keys(wanted) as Array<keyof typeof wanted>).some((key) => stored[key as keyof PgBoss.QueueResult] !== wanted[key]);
}

export async function stopBoss(): Promise<void> {
  const pending = g.cinetwinBoss;
  g.cinetwinBoss = undefined;
  if (pending) await (await pending).stop({ graceful: false, wait: true }).catch(() => {});
}

/**
 * The Postgres channel a job is announced on when it is queued: idle workers of its queue, on any
 * machine, fetch it at once instead of on their next poll (lib/jobs/wake.ts). Polling stays the fallback.
 */
export const JOB_QUEUED_CHANNEL = "cinetwin_job_queued";

/**
 * Enqueues a validated payload; pass `executeSql` to enqueue inside an open transaction. A job that
 * may start now is announced on JOB_QUEUED_CHANNEL, in the same transaction: Postgres delivers the
 * notification at commit, when a worker can see the job, and never for a rollback.
 */
export async function sendJob<S extends z.ZodType>(
  def: JobDefinition<S>,
  payload: z.infer<S>,
  opts: {
    singletonKey?: string;
    priority?: number;
    /** Seconds to wait before the job may start. */
    startAfter?: number;
    executeSql?: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;
  } = {},
): Promise<string | null> {
  const boss = await getBoss();
  const data = def.schema.parse(payload) as object;
  const id = await boss.send(def.name, data, {
    ...def.options,
    singletonKey: opts.singletonKey,
    ...(opts.priority !== undefined ? { priority: opts.priority } : {}),
    ...(opts.startAfter !== undefined ? { startAfter: opts.startAfter } : {}),
    db: opts.executeSql ? { executeSql: (t, v) => opts.executeSql!(t, v) } : undefined,
  });
  if (id && !opts.startAfter) {
    const executeSql = opts.executeSql ?? ((text: string, values: unknown[]) => boss.getDb().executeSql(text, values));
    await executeSql("select pg_notify($1, $2)", [JOB_QUEUED_CHANNEL, def.name]);
  }
  return id;
}
