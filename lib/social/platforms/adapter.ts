import type { PublishPlatform } from "@/db/schema/social";
import { KnownFailure } from "@/lib/errors";

/**
 * What a publishing platform must do for Cinetwin to post to it exactly once. The engine
 * (lib/social/engine.ts) drives each post x account ("target") through these steps and saves the
 * adapter's step state after every step, so a crash resumes instead of re-posting:
 *
 *   start (resumable uploads) -> check (read-only, until processed) -> commit (irreversible)
 *   -> reconcile (read-only: after an async publish, or when commit's outcome was unknown)
 *
 * Adapters never touch the database: state comes in as `ctx.state` and goes out through
 * `ctx.save`. Every request goes through lib/net/outbound (see ./http.ts).
 */

export { platforms as socialPlatforms, type Platform as SocialPlatform } from "@/db/schema/characters";
export { publishPlatforms, type PublishPlatform } from "@/db/schema/social";

/** A platform's documented limits on what it accepts; checked before scheduling and again before publishing. */
export interface PlatformLimits {
  minDurationSec: number;
  maxDurationSec: number;
  /** width / height, inclusive. */
  minAspect: number;
  maxAspect: number;
  maxBytes: number;
  /** ffprobe codec names, e.g. "h264". */
  videoCodecs: readonly string[];
  audioCodecs: readonly string[];
  maxCaptionChars: number;
  /** How captions reach viewers there: burned into the frames, or a sidecar SRT the API takes. */
  captions: "burned" | "sidecar";
}

/** A connected account's credentials, decrypted for this call only. */
export interface AccountCredentials {
  accessToken: string;
  /** The platform's id of the account: YouTube channel id, TikTok open_id, IG user id, LinkedIn person/organization URN. */
  externalId: string;
  handle: string;
}

export interface PublishMedia {
  /** The MP4 on local disk. */
  path: string;
  sizeBytes: number;
  durationSec: number;
  width: number;
  height: number;
  videoCodec: string;
  audioCodec: string | null;
  /** A signed URL of the same file that a platform fetches itself (Instagram's video_url). */
  publicUrl: string;
  /** Sidecar captions (SRT) for platforms whose limits say "sidecar"; null when there are none. */
  srt: string | null;
}

export interface PublishPost {
  title: string;
  /** The caption for this platform, already cut to its limit. */
  caption: string;
  /** When the post goes live; a platform that schedules natively (YouTube publishAt) may use it. */
  publishAt: Date | null;
}

/** Adapter-owned step state: JSON, saved after every step (upload session URI, container id, publish id...). */
export type TargetState = Record<string, unknown>;

export interface StepContext<S extends TargetState = TargetState> {
  account: AccountCredentials;
  media: PublishMedia;
  post: PublishPost;
  /** The saved state (an empty object on the first attempt). */
  readonly state: Readonly<Partial<S>>;
  /** Merges `patch` into the saved state; resolves once it is persisted. Await it after every remote step. */
  save(patch: Partial<S>): Promise<void>;
  /** Adds a line to the target's timeline (shown to the creator), e.g. ("upload", "chunk 2 of 5"). */
  note(step: string, detail?: string): Promise<void>;
  signal: AbortSignal;
}

export type CheckResult = { state: "pending"; retryAfterMs?: number; detail?: string } | { state: "ready" } | { state: "failed"; reason: string };

export interface Published {
  /** The platform's id of the post (video id, media id, post URN). */
  postId: string;
  /** Its public address, when the platform gives one. */
  url: string | null;
}

/**
 * What commit did: the post exists, or the platform publishes asynchronously and reconcile follows
 * it to its end (TikTok's publish_id).
 */
export type CommitResult = { state: "published"; published: Published } | { state: "pending" };

/**
 * What reconcile found, read-only: the post exists; it certainly does not (commit may run again);
 * the platform is still on it; or the platform refused it for good.
 */
export type ReconcileResult =
  | { state: "published"; published: Published }
  | { state: "absent" }
  | { state: "pending"; retryAfterMs?: number; detail?: string }
  | { state: "failed"; reason: string };

/** Lifetime totals the platform reports; the analytics sync derives daily deltas from snapshots. */
export interface Metrics {
  views: number;
  likes: number;
  comments: number;
  shares: number;
}

export interface InsightsResult {
  /** The account's follower count now (subscribers, followers), when the platform gives it. */
  followers: number | null;
  /** Lifetime totals per post, keyed by Published.postId. */
  posts: Record<string, Metrics>;
}

/** Tokens from a code exchange or a refresh. A refresh that returns no refresh token keeps the old one. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** When the access token stops working; null when the platform does not say. */
  expiresAt: Date | null;
  /** When the refresh token stops working, when the platform says (TikTok: refresh_expires_in). */
  refreshExpiresAt: Date | null;
  scopes: string[];
}

export interface AccountProfile {
  externalId: string;
  /** Shown in lists: "@name", a channel title. */
  handle: string;
}

/** A platform app's credentials, from the environment; absent means "not configured". */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface OAuthSpec {
  /** Whether the platform requires PKCE (TikTok does); the engine always sends a state. */
  pkce: boolean;
  scopes: readonly string[];
  authorizeUrl(args: { client: ClientCredentials; redirectUri: string; state: string; codeChallenge: string | null }): string;
  exchangeCode(args: { client: ClientCredentials; code: string; redirectUri: string; codeVerifier: string | null; signal?: AbortSignal }): Promise<TokenSet>;
  refresh(args: { client: ClientCredentials; refreshToken: string; signal?: AbortSignal }): Promise<TokenSet>;
  profile(args: { accessToken: string; signal?: AbortSignal }): Promise<AccountProfile>;
}

export interface PlatformAdapter<S extends TargetState = TargetState> {
  readonly platform: PublishPlatform;
  readonly limits: PlatformLimits;
  /** Null for the built-in channel. */
  readonly oauth: OAuthSpec | null;
  /**
   * Gets the media to the platform, resumably: continues from ctx.state, saves after every step
   * (session URI, each chunk's offset or ETag). Must not make anything public.
   */
  start(ctx: StepContext<S>): Promise<void>;
  /** Read-only: has the platform finished processing the upload, so commit may run? */
  check(ctx: StepContext<S>): Promise<CheckResult>;
  /**
   * The one irreversible step (publish). The engine records that it is committing before calling
   * it and never calls it again while the outcome is unknown; it calls reconcile instead.
   */
  commit(ctx: StepContext<S>): Promise<CommitResult>;
  /** Read-only: whether the post exists (after an unknown commit, or while an async publish runs). */
  reconcile(ctx: StepContext<S>): Promise<ReconcileResult>;
  /** Lifetime metrics of the account and of the given posts; read-only. */
  insights?(args: { account: AccountCredentials; postIds: string[]; signal?: AbortSignal }): Promise<InsightsResult>;
}

/** Why a platform call failed, as the engine acts on it. */
export type PlatformErrorKind =
  /** The token is expired or revoked: refresh once, else the account needs reconnecting. */
  | "auth"
  /** Too many requests: wait `retryAfterMs` (the platform's Retry-After when it sent one). */
  | "rate_limited"
  /** The request itself is wrong (4xx): retrying the same will not help. */
  | "bad_request"
  /** 5xx, a reset connection, a timeout: the outcome may be unknown; safe to retry read-only or resumable steps. */
  | "transient";

/** A failed platform call; `message` is written for the creator (it reaches the post's timeline). */
export class PlatformError extends KnownFailure {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly opts: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, kind === "transient" || kind === "rate_limited", { cause: opts.cause });
    this.name = "PlatformError";
  }
  get retryAfterMs(): number | undefined {
    return this.opts.retryAfterMs;
  }
  get status(): number | undefined {
    return this.opts.status;
  }
}
