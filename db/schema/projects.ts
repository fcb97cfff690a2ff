import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { characters } from "./characters";
import { media } from "./media";

export const projectStatuses = ["draft", "creating", "proposed", "generating", "completed", "failed"] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const stepStatuses = ["pending", "generating", "completed", "failed"] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const upscaleStatuses = ["upscaling", "completed", "failed"] as const;
export type UpscaleStatus = (typeof upscaleStatuses)[number];

/**
 * What a run does: the first generation (or its retry), regenerating one scene of a finished
 * project, or re-burning a finished project's edited captions (a free re-run of the stitch).
 */
export const runKinds = ["generate", "regenerate", "recaption"] as const;
export type RunKind = (typeof runKinds)[number];

/** A scene's media before a regeneration, put back if the regeneration fails. */
export interface PreviousSceneMedia {
  imageMediaId: string | null;
  videoMediaId: string | null;
  /** Absent in rows written before motion clips were kept apart from the scene's video. */
  motionClipMediaId?: string | null;
  imagePrompt: string;
  motionPrompt: string;
  cameraMove: string | null;
  durationMs: number | null;
  /** What the scene said was made offline; absent in rows written before it was kept. */
  providerNote?: string | null;
}

/** A scene's caption cues as the creator reworded them: cue index (in narrationSegments) to text. */
export type CaptionEdits = Record<string, string>;

export interface SpeechSegmentRow {
  text: string;
  startMs: number;
  endMs: number;
}

/** A story video's shape: landscape, vertical (reels) or square. */
export const aspectRatios = ["16:9", "9:16", "1:1"] as const;
export type AspectRatio = (typeof aspectRatios)[number];

export const projects = pgTable(
  "projects",
  {
    id: serial("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    characterId: integer("character_id").references(() => characters.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    storyIdea: text("story_idea").notNull(),
    numScenes: integer("num_scenes").notNull(),
    status: text("status", { enum: projectStatuses }).notNull().default("draft"),
    useAvatarFirstScene: boolean("use_avatar_first_scene").notNull().default(false),
    useAvatarLastScene: boolean("use_avatar_last_scene").notNull().default(false),
    /** Rows from before story videos had a shape are landscape, as they were rendered. */
    aspectRatio: text("aspect_ratio", { enum: aspectRatios }).notNull().default("16:9"),
    videoModel: text("video_model"),
    imageModel: text("image_model"),
    /** The music bed under the narration: "builtin:<id>", "media:<uuid>" (a sound from the library), or null for none. */
    music: text("music"),
    /** Bumped on every approval (and retry) so job payloads and ledger keys stay unique per run. */
    generation: integer("generation").notNull().default(0),
    runKind: text("run_kind", { enum: runKinds }).notNull().default("generate"),
    /** The scene a "regenerate" run re-makes. */
    regenerateSceneId: integer("regenerate_scene_id"),
    /** The scenes a "recaption" run re-burns (their captions changed), as the page names them. */
    recaptionSceneIds: jsonb("recaption_scene_ids").$type<number[] | null>(),
    creditsReserved: integer("credits_reserved").notNull().default(0),
    creditsUsed: integer("credits_used").notNull().default(0),
    finalVideoMediaId: uuid("final_video_media_id").references(() => media.id, { onDelete: "set null" }),
    thumbnailMediaId: uuid("thumbnail_media_id").references(() => media.id, { onDelete: "set null" }),
    captionsMediaId: uuid("captions_media_id").references(() => media.id, { onDelete: "set null" }),
    totalDurationMs: integer("total_duration_ms"),
    upscaleStatus: text("upscale_status", { enum: upscaleStatuses }),
    upscaledVideoMediaId: uuid("upscaled_video_media_id").references(() => media.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("projects_ws_idx").on(t.workspaceId, t.createdAt)],
);

export const scenes = pgTable(
  "scenes",
  {
    id: serial("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    sceneNumber: integer("scene_number").notNull(),
    description: text("description").notNull(),
    imagePrompt: text("image_prompt").notNull(),
    motionPrompt: text("motion_prompt").notNull(),
    narrationText: text("narration_text").notNull(),
    status: text("status", { enum: stepStatuses }).notNull().default("pending"),
    imageStatus: text("image_status", { enum: stepStatuses }).notNull().default("pending"),
    videoStatus: text("video_status", { enum: stepStatuses }).notNull().default("pending"),
    audioStatus: text("audio_status", { enum: stepStatuses }).notNull().default("pending"),
    imageMediaId: uuid("image_media_id").references(() => media.id, { onDelete: "set null" }),
    /** The scene's rendered segment (frame, motion, narration, captions), as the project page and API show it. */
    videoMediaId: uuid("video_media_id").references(() => media.id, { onDelete: "set null" }),
    /** Video a motion provider returned for the frame, when it makes clips; null when the renderer draws a camera move. */
    motionClipMediaId: uuid("motion_clip_media_id").references(() => media.id, { onDelete: "set null" }),
    audioMediaId: uuid("audio_media_id").references(() => media.id, { onDelete: "set null" }),
    narrationSegments: jsonb("narration_segments").$type<SpeechSegmentRow[] | null>(),
    cameraMove: text("camera_move"),
    durationMs: integer("duration_ms"),
    /** The creator's fixed length: the scene lasts at least this long (never cutting its narration); null is narration plus a breath. */
    holdMs: integer("hold_ms"),
    errorMessage: text("error_message"),
    /** Why a part of the scene was made offline: "made offline: fal failed: ..."; null when every part came from the chosen providers. */
    providerNote: text("provider_note"),
    previousMedia: jsonb("previous_media").$type<PreviousSceneMedia | null>(),
    /** The creator's wording of some of this scene's caption cues, by the cue's index in narrationSegments; burned instead of the spoken text. */
    captionEdits: jsonb("caption_edits").$type<CaptionEdits | null>(),
    /** Counts how often each artefact was produced: lets tests prove finished work is not redone. */
    imageRuns: integer("image_runs").notNull().default(0),
    videoRuns: integer("video_runs").notNull().default(0),
    audioRuns: integer("audio_runs").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("scenes_project_number_idx").on(t.projectId, t.sceneNumber)],
);
