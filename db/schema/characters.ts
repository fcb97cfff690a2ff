import { index, integer, jsonb, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { media } from "./media";

export const voiceStatuses = ["none", "processing", "ready", "failed"] as const;
export type VoiceStatus = (typeof voiceStatuses)[number];

export interface VoiceSettings {
  /** The vendor a cloned voice lives at ("elevenlabs"), with its id there; absent: a local profile. */
  provider?: string;
  voiceId?: string;
  engineVoice?: string;
  pitch?: number;
  rate?: number;
  /** What the voice-clone provider heard in the sample (the studio shows it; narration ignores it). */
  measured?: { f0Hz: number; syllablesPerSecond: number; speechSeconds: number };
}

/** The social platforms a character keeps per-platform defaults for. */
export const platforms = ["instagram", "tiktok", "linkedin", "youtube"] as const;
export type Platform = (typeof platforms)[number];

/** How a character's content is dressed for one platform. */
export interface PlatformDefaults {
  /** Free words such as "short" or "hashtag-heavy", read by caption writers. */
  captionStyle?: string;
  /** Hashtags without the '#', added to posts on that platform. */
  hashtags?: string[];
  /** The aspect ratio renders for that platform use ("9:16", ...). */
  aspectRatio?: string;
}

/**
 * The seeds' "persons" and "twins": integer ids, as the scene-projects dialect exposes them, and a
 * UUID `publicId` for the content-workflow dialect. A deleted character keeps its row
 * (`deletedAt` set) and is not found anywhere.
 */
export const characters = pgTable(
  "characters",
  {
    id: serial("id").primaryKey(),
    publicId: uuid("public_id").notNull().defaultRandom().unique(),
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
    /** A voice of the speech engine's catalogue (a speakerId); narration uses it until a cloned voice is ready. */
    voiceId: text("voice_id"),
    /** The built-in channel's address, /c/<handle>: given on the first publish to it, then kept. */
    channelHandle: text("channel_handle").unique(),
    platformDefaults: jsonb("platform_defaults").$type<Partial<Record<Platform, PlatformDefaults>>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("characters_ws_idx").on(t.workspaceId)],
);

/** A character's memory: notes about them that the story writer reads when it proposes scenes. */
export const characterMemories = pgTable(
  "character_memories",
  {
    id: serial("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    characterId: integer("character_id")
      .notNull()
      .references(() => characters.id, { onDelete: "cascade" }),
    note: text("note").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("character_memories_character_idx").on(t.characterId, t.createdAt)],
);
