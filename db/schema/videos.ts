import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { media } from "./media";

/**
 * What a render job was made from: a timeline as submitted, an avatar render (a character speaking
 * a script), or a studio render (the Holoworld-style render payload of scenes).
 */
export const videoJobKinds = ["timeline", "avatar", "studio"] as const;
export type VideoJobKind = (typeof videoJobKinds)[number];

/** A timeline render request (the Colossyan dialect's video-generation job); its state is its task's ("video-job:<id>"). */
export const videoJobs = pgTable(
  "video_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Assigned up front so the caller can poll /generated-videos/{videoId} from the start. */
    videoId: uuid("video_id").notNull().defaultRandom(),
    /** Decides the price: a timeline per started minute (reserved, then captured), an avatar per second actually rendered. */
    kind: text("kind", { enum: videoJobKinds }).notNull().default("timeline"),
    name: text("name").notNull(),
    /** The videoCreative to render: variables applied, validated. */
    videoCreative: jsonb("video_creative").$type<Record<string, unknown>>().notNull(),
    /** The videoCreative as submitted, {placeholders} intact: what "save as template" keeps. */
    sourceCreative: jsonb("source_creative").$type<Record<string, unknown>>(),
    dynamicVariables: jsonb("dynamic_variables").$type<Record<string, string>>(),
    callbackUrl: text("callback_url"),
    callbackPayload: jsonb("callback_payload").$type<Record<string, unknown>>(),
    templateId: uuid("template_id"),
    /** A fast low-resolution preview (at most 540p); drafts never feed a final render's cache. */
    draft: boolean("draft").notNull().default(false),
    /** Credits reserved at submission (per started minute of output), captured or refunded by the render. */
    creditsReserved: integer("credits_reserved").notNull().default(0),
    /**
     * Set when the price is fractional (a studio render: 0.3 credits a scene): what was reserved,
     * in hundredths of a credit, and what is captured; `creditsReserved` is then 0.
     */
    creditsReservedHundredths: integer("credits_reserved_hundredths"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("video_jobs_ws_idx").on(t.workspaceId, t.createdAt)],
);

/** A finished render: the row behind /generated-videos/{videoId} and the public share page. */
export const generatedVideos = pgTable(
  "generated_videos",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    jobId: uuid("job_id"),
    projectId: integer("project_id"),
    name: text("name").notNull(),
    mediaId: uuid("media_id")
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
    thumbnailMediaId: uuid("thumbnail_media_id").references(() => media.id, { onDelete: "set null" }),
    /** Unguessable token of the public share page /v/{shareToken}. */
    shareToken: text("share_token").notNull().unique(),
    sizeBytes: integer("size_bytes").notNull(),
    durationMs: integer("duration_ms").notNull(),
    views: integer("views").notNull().default(0),
    /**
     * What the render's speech says and when (ms in this video), from the synthesized timing:
     * exact captions for it without a transcriber. Null for videos rendered before it was kept.
     */
    narration: jsonb("narration").$type<Array<{ text: string; startMs: number; endMs: number }>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("generated_videos_ws_idx").on(t.workspaceId, t.createdAt)],
);

/** A saved job body that API users re-render with new dynamic variables ("Save as template"). */
export const videoTemplates = pgTable(
  "video_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    source: text("source").notNull(),
    videoCreative: jsonb("video_creative").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("video_templates_ws_idx").on(t.workspaceId)],
);

/**
 * A timeline the creator is composing in the editor, saved as they work (autosave): the job body
 * the editor would send (videoCreative and its variables), reopened by /editor?timeline=<id>.
 */
export const timelines = pgTable(
  "timelines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    body: jsonb("body").$type<{ videoCreative: Record<string, unknown>; dynamicVariables: Record<string, string> }>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("timelines_ws_idx").on(t.workspaceId, t.updatedAt)],
);
