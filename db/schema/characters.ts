import { index, jsonb, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { media } from "./media";

export interface VoiceSettings {
  engineVoice?: string;
  pitch?: number;
  rate?: number;
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
    voice: jsonb("voice").$type<VoiceSettings | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("characters_ws_idx").on(t.workspaceId)],
);
