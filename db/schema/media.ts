import { bigint, boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

/** A stored file. `storageKey` is relative to the storage driver's root. */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["image", "audio", "video", "captions"] }).notNull(),
    storageKey: text("storage_key").notNull(),
    mime: text("mime").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    width: integer("width"),
    height: integer("height"),
    durationMs: integer("duration_ms"),
    /** In the workspace's media library (uploaded there to use in any track), with the file's name. */
    inLibrary: boolean("in_library").notNull().default(false),
    name: text("name"),
    /** A small JPEG of it (the library's grid): the image scaled, or a frame of the video. */
    thumbnailMediaId: uuid("thumbnail_media_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("media_ws_idx").on(t.workspaceId), index("media_library_idx").on(t.workspaceId, t.inLibrary, t.createdAt)],
);
