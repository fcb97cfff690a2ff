import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { media } from "./media";
import { generatedVideos } from "./videos";

/** A word and where it is spoken (ms from the start of the media). */
export interface CaptionWord {
  text: string;
  startMs: number;
  endMs: number;
}

/** One caption line; `words` when the timing of each word is known (the highlight look uses it). */
export interface CaptionSegmentRow {
  text: string;
  startMs: number;
  endMs: number;
  words?: CaptionWord[];
}

/** How the segments were made: the render's own narration (exact), or a transcriber. */
export const captionMethods = ["narration", "local", "openai"] as const;
export type CaptionMethod = (typeof captionMethods)[number];

/**
 * Captions of one piece of media (the content-workflow seed's caption_id). Their work is tasks:
 * "caption:<id>" transcribes, "caption:<id>:burn-in" burns them into the video; this row keeps
 * only what they produced and what the creator edited.
 */
export const captions = pgTable(
  "captions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** A language code as given (en, pt-BR). */
    language: text("language").notNull().default("en"),
    /** The media captioned: an upload, a render, or the reel_url once fetched. */
    sourceMediaId: uuid("source_media_id").references(() => media.id, { onDelete: "set null" }),
    /** The reel_url given, fetched by the job (through lib/net/outbound). */
    sourceUrl: text("source_url"),
    /** The studio's video these captions are of, when they are of one (the caption editor's page). */
    generatedVideoId: uuid("generated_video_id").references(() => generatedVideos.id, { onDelete: "set null" }),
    method: text("method", { enum: captionMethods }),
    /** Null until transcribed. */
    segments: jsonb("segments").$type<CaptionSegmentRow[]>(),
    /** The newest video with these captions burned in. */
    burnedMediaId: uuid("burned_media_id").references(() => media.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("captions_ws_idx").on(t.workspaceId, t.createdAt), index("captions_video_idx").on(t.generatedVideoId)],
);
