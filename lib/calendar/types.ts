import type { Platform, PlatformDefaults } from "@/db/schema/characters";
import type { PostStatus, PublishPlatform, TargetStatus } from "@/db/schema/social";

/** One step of a target's publishing timeline, as the post sheet shows it. */
export interface TargetEventView {
  id: number;
  step: string;
  detail: string;
  at: string;
}

/** One place a post goes, as the calendar reads it (no adapter state, no tokens). */
export interface TargetView {
  id: string;
  platform: PublishPlatform;
  accountId: string | null;
  accountHandle: string | null;
  /** Why the account cannot post at the post's time (expired, revoked, disconnected), or null. */
  accountProblem: string | null;
  status: TargetStatus;
  attempts: number;
  lastError: string | null;
  externalId: string | null;
  externalUrl: string | null;
  publishedAt: string | null;
  /** Oldest first; only in a single post's view (GET /api/posts/{postId}). */
  events?: TargetEventView[];
}

/** A post as GET /api/posts and GET /api/posts/{postId} return it; dates are ISO UTC. */
export interface PostView {
  id: string;
  characterId: number;
  title: string;
  script: string;
  videoId: string | null;
  scheduledAt: string;
  status: PostStatus;
  captions: Partial<Record<PublishPlatform, string>>;
  createdAt: string;
  updatedAt: string;
  targets: TargetView[];
}

/** A connected account as the page lists it, with the flag the calendar shows. */
export interface AccountChoice {
  id: string;
  platform: Platform;
  handle: string;
  status: string;
  /** Why it cannot post now (or within the warning window), or null when it is fine. */
  problem: string | null;
}

/** A finished video the post can carry. */
export interface VideoChoice {
  id: string;
  name: string;
  durationMs: number;
  createdAt: string;
  posterUrl: string | null;
  videoUrl: string;
}

export interface CharacterChoice {
  id: number;
  name: string;
  platformDefaults: Partial<Record<Platform, PlatformDefaults>>;
}

/** What the page knows about each platform: whether this server can publish there, and its caption limit. */
export type PlatformInfo = Record<PublishPlatform, { supported: boolean; maxCaptionChars: number | null }>;
