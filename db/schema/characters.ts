import { index, jsonb, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { media } from "./media";

export const voiceStatuses = ["none", "processing", "ready", "failed"] as const;
export type VoiceStatus = (typeof voiceStatuses)[number];

export interface VoiceSettings {
  engineVoice?: string;
  pitch?: number;
  rate?: number;
  /** What the voice-clone provider heard in the sample (the studio shows it; narration ignores it). */
  measured?: { f0Hz: number; syllablesPerSecond: number; speechSeconds: number };
}

/** The seeds' "persons" and "twins": integer ids, as the scene-projects dialect exposes them. */
export const characters = pgTable(
  "characters",
  {
    id: serial("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    persona: text("persona").notNull().default(""),
    styleTags: text("style_tags").array().notNull().default([]),
    photoMediaId: uuid("photo_media_id").references(() => media.id, { onDelete: "set null" }),
    /** The profile narration uses; set only once a voice sample has been analysed (voiceStatus "ready"). */
    voice: jsonb("voice").$type<VoiceSettings | null>(),
    voiceStatus: text("voice_status", { enum: voiceStatuses }).notNull().default("none"),
    voiceProvider: text("voice_provider"),
    voiceSampleMediaId: uuid("voice_sample_media_id").references(() => media.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("characters_ws_idx").on(t.workspaceId)],
);
