import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { characters, platforms } from "./characters";
import { videoJobs } from "./videos";

export const bulkQualities = ["final", "draft"] as const;

/**
 * A batch of reels made from one CSV: a character speaking each row's script. Its state is its
 * task's ("bulk-batch:<id>"; a retry of failed rows is a new task of the same subject); the id
 * is its first task's, as the seed's batch_id and task_id are one.
 */
export const bulkBatches = pgTable(
  "bulk_batches",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    characterId: integer("character_id")
      .notNull()
      .references(() => characters.id, { onDelete: "cascade" }),
    /** The platform of rows whose platform cell is blank. */
    platform: text("platform", { enum: platforms }).notNull(),
    /** "draft" renders at most 540 rows high (304x540) with the fast encoder, for previews (and the tests). */
    quality: text("quality", { enum: bulkQualities }).notNull().default("final"),
    totalRows: integer("total_rows").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bulk_batches_ws_idx").on(t.workspaceId, t.createdAt)],
);

/** One CSV row: what to say, where, with which voice; its render is a video job (the latest attempt's). */
export const bulkRows = pgTable(
  "bulk_rows",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => bulkBatches.id, { onDelete: "cascade" }),
    /** The CSV's data row, from 1. */
    rowNumber: integer("row_number").notNull(),
    /** The script with its {placeholders} filled. */
    script: text("script").notNull(),
    platform: text("platform", { enum: platforms }).notNull(),
    /** The row's voice; null speaks with the character's. */
    voiceId: text("voice_id"),
    variables: jsonb("variables").$type<Record<string, string>>().notNull().default({}),
    /** The burned-in caption look chosen for the row's platform (captionPresetFor). */
    captionPreset: text("caption_preset").notNull(),
    /** The latest attempt's render; a retry points it at a new job. */
    videoJobId: uuid("video_job_id").references(() => videoJobs.id, { onDelete: "set null" }),
    /** Renders queued for this row: 1, then one more per retry. */
    attempts: integer("attempts").notNull().default(1),
  },
  (t) => [uniqueIndex("bulk_rows_batch_row_idx").on(t.batchId, t.rowNumber), index("bulk_rows_job_idx").on(t.videoJobId)],
);
