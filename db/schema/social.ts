import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { media } from "./media";
import { characters, platforms as socialPlatforms, type Platform as SocialPlatform } from "./characters";

export type { SocialPlatform };
import { generatedVideos } from "./videos";

/** Where a post can go: the social platforms, and "channel", Cinetwin's own public channel (no account, works offline). */
export const publishPlatforms = [...socialPlatforms, "channel"] as const;
export type PublishPlatform = (typeof publishPlatforms)[number];

export const accountStatuses = ["active", "expired", "revoked", "disconnected"] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/**
 * A connected social account. Tokens are sealed with AES-256-GCM (lib/social/tokens.ts) and
 * only opened for one call; disconnecting forgets them but keeps the row, as posts point at it.
 */
export const socialAccounts = pgTable(
  "social_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    platform: text("platform", { enum: socialPlatforms }).notNull(),
    externalId: text("external_id").notNull(),
    handle: text("handle").notNull(),
    accessTokenSealed: text("access_token_sealed"),
    refreshTokenSealed: text("refresh_token_sealed"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    refreshExpiresAt: timestamp("refresh_expires_at", { withTimezone: true }),
    scopes: text("scopes").array().notNull().default([]),
    status: text("status", { enum: accountStatuses }).notNull().default("active"),
    /** Why the account stopped working (a refused refresh), in words. */
    lastError: text("last_error"),
    connectedAt: timestamp("connected_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("social_accounts_ws_platform_ext_idx").on(t.workspaceId, t.platform, t.externalId)],
);

/** One OAuth authorization in flight: the state parameter (its SHA-256), the PKCE verifier and where to send the user back. */
export const oauthStates = pgTable("oauth_states", {
  stateHash: text("state_hash").primaryKey(),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  platform: text("platform", { enum: socialPlatforms }).notNull(),
  codeVerifier: text("code_verifier"),
  /** Where the platform sends the code (our callback). */
  callbackUri: text("callback_uri").notNull(),
  /** Where the user lands afterwards (the API caller's redirect_uri, or the studio's accounts page). */
  returnTo: text("return_to"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export const postStatuses = ["scheduled", "publishing", "published", "failed"] as const;
export type PostStatus = (typeof postStatuses)[number];

/** A scheduled post: one video (or, until one is attached, a script) to one or more accounts at one time. */
export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    characterId: integer("character_id")
      .notNull()
      .references(() => characters.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    script: text("script").notNull().default(""),
    videoId: uuid("video_id").references(() => generatedVideos.id, { onDelete: "set null" }),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    /** Follows the targets: publishing once one starts, then published or failed when all have ended. */
    status: text("status", { enum: postStatuses }).notNull().default("scheduled"),
    /** The caption per platform, as the creator wrote it (cut to each platform's limit when published). */
    captions: jsonb("captions").$type<Partial<Record<PublishPlatform, string>>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("posts_ws_time_idx").on(t.workspaceId, t.scheduledAt), index("posts_due_idx").on(t.status, t.scheduledAt)],
);

/**
 * The target's state machine (lib/social/engine.ts): pending -> uploading -> processing ->
 * publishing -> published; "unconfirmed" when the irreversible step's outcome is unknown (only
 * reconcile moves it on); failed when the platform refused or the retries ran out.
 */
export const targetStatuses = ["pending", "uploading", "processing", "publishing", "unconfirmed", "published", "failed"] as const;
export type TargetStatus = (typeof targetStatuses)[number];
export const commitStates = ["none", "calling", "done"] as const;
export type CommitState = (typeof commitStates)[number];
export const finalTargetStatuses: readonly TargetStatus[] = ["published", "failed"];

/** One post on one account (or the built-in channel); its publish is a task ("post-target:<id>"). */
export const postTargets = pgTable(
  "post_targets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    platform: text("platform", { enum: publishPlatforms }).notNull(),
    /** Null for the built-in channel. */
    accountId: uuid("account_id").references(() => socialAccounts.id, { onDelete: "restrict" }),
    status: text("status", { enum: targetStatuses }).notNull().default("pending"),
    /**
     * The exact file this target sends, fixed at its first attempt so a resumed upload sends the
     * same bytes: the video's own, or for platforms that take captions as a sidecar, the video
     * rendered again without its burned-in captions.
     */
    mediaId: uuid("media_id").references(() => media.id, { onDelete: "set null" }),
    /** The adapter's step state (upload session, container id, publish id), saved after every step. */
    state: jsonb("state").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * Where the irreversible step stands: "none" (not called, or proven not to have happened),
     * "calling" (called, outcome unknown: only reconcile may move on), "done" (the platform took it).
     * Saved before commit is called, so a crash during it leaves "calling".
     */
    commitState: text("commit_state", { enum: commitStates }).notNull().default("none"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    /** When the engine should look at it again (a poll, a Retry-After, a backoff). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    externalId: text("external_id"),
    externalUrl: text("external_url"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("post_targets_post_idx").on(t.postId), index("post_targets_status_idx").on(t.status, t.updatedAt)],
);

/** The per-target timeline the creator reads: every step, poll result, error and retry. */
export const postTargetEvents = pgTable(
  "post_target_events",
  {
    id: serial("id").primaryKey(),
    targetId: uuid("target_id")
      .notNull()
      .references(() => postTargets.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    step: text("step").notNull(),
    detail: text("detail").notNull().default(""),
  },
  (t) => [index("post_target_events_target_idx").on(t.targetId, t.id)],
);

/** A video on the built-in channel: /c/<handle>/<id>. One per channel target (its publish is idempotent on it). */
export const channelVideos = pgTable(
  "channel_videos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    characterId: integer("character_id")
      .notNull()
      .references(() => characters.id, { onDelete: "cascade" }),
    targetId: uuid("target_id")
      .notNull()
      .unique()
      .references(() => postTargets.id, { onDelete: "cascade" }),
    videoId: uuid("video_id")
      .notNull()
      .references(() => generatedVideos.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    caption: text("caption").notNull().default(""),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channel_videos_character_idx").on(t.characterId, t.publishedAt)],
);

export const channelEventKinds = ["view", "play", "complete"] as const;

/** One viewer's view, play or completion of a channel video on one day: counted once (the unique index). */
export const channelEvents = pgTable(
  "channel_events",
  {
    id: serial("id").primaryKey(),
    channelVideoId: uuid("channel_video_id")
      .notNull()
      .references(() => channelVideos.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: channelEventKinds }).notNull(),
    /** A keyed hash of the viewer's address and agent, salted per day: no address is stored. */
    viewerKey: text("viewer_key").notNull(),
    day: date("day").notNull(),
  },
  (t) => [uniqueIndex("channel_events_once_idx").on(t.channelVideoId, t.kind, t.viewerKey, t.day)],
);

/**
 * Daily analytics per scope: "account:<id>", "post:<targetId>", "channel:<characterId>". Where
 * a platform reports only lifetime totals, a day's row is the difference of two snapshots
 * (`derived`).
 */
export const analyticsDaily = pgTable(
  "analytics_daily",
  {
    id: serial("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    scope: text("scope").notNull(),
    platform: text("platform", { enum: publishPlatforms }).notNull(),
    characterId: integer("character_id").references(() => characters.id, { onDelete: "set null" }),
    targetId: uuid("target_id").references(() => postTargets.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    views: integer("views").notNull().default(0),
    likes: integer("likes").notNull().default(0),
    comments: integer("comments").notNull().default(0),
    shares: integer("shares").notNull().default(0),
    followersGained: integer("followers_gained").notNull().default(0),
    derived: boolean("derived").notNull().default(false),
  },
  (t) => [uniqueIndex("analytics_daily_scope_day_idx").on(t.scope, t.day), index("analytics_daily_ws_day_idx").on(t.workspaceId, t.day)],
);

/** Lifetime totals as a platform reported them on a day (the last sync of that day wins). */
export const analyticsSnapshots = pgTable(
  "analytics_snapshots",
  {
    id: serial("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    scope: text("scope").notNull(),
    day: date("day").notNull(),
    totals: jsonb("totals").$type<{ views: number; likes: number; comments: number; shares: number; followers: number | null }>().notNull(),
    takenAt: timestamp("taken_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("analytics_snapshots_scope_day_idx").on(t.scope, t.day)],
);
