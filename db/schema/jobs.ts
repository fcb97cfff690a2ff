import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

export const taskStatuses = ["queued", "running", "succeeded", "failed", "canceled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
/** A task in one of these states never changes again. */
export const terminalTaskStatuses: readonly TaskStatus[] = ["succeeded", "failed", "canceled"];

/**
 * One row per long-running operation (a story run, a regeneration, an upscale, a timeline render,
 * a voice clone, ...): the progress and error every page, API dialect and webhook reads. Domain
 * rows keep only their domain state; `subject` names the row the work is about ("project:42").
 */
export const tasks = pgTable(
  "tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    status: text("status", { enum: taskStatuses }).notNull().default("queued"),
    progress: integer("progress").notNull().default(0),
    step: text("step"),
    error: text("error"),
    result: jsonb("result").$type<Record<string, unknown> | null>(),
    /** Job attempts that have started on this task (1 on the first run, more after retries). */
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("tasks_subject_idx").on(t.workspaceId, t.subject), index("tasks_subject_created_idx").on(t.subject, t.createdAt)],
);

/**
 * Which worker holds which active pg-boss job, refreshed by a heartbeat. pg-boss 10 only
 * notices a dead worker at the job's expiry; the reaper uses these leases to hand a killed
 * worker's jobs back within seconds.
 */
export const jobLeases = pgTable("job_leases", {
  jobId: uuid("job_id").primaryKey(),
  queue: text("queue").notNull(),
  workerId: text("worker_id").notNull(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Live job workers, each refreshing its row; /api/health reads it. */
export const workers = pgTable("workers", {
  id: text("id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
});
