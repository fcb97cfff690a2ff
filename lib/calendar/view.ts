import type { Db } from "@/db/client";
import { publishPlatforms } from "@/db/schema/social";
import { accountUsableAt, listAccounts, type SocialAccountRow } from "@/lib/social/accounts";
import type { PostTargetEvent, PostWithTargets } from "@/lib/social/posts";
import { platformLimits, platformSupported } from "@/lib/social/registry";
import { listGeneratedVideos } from "@/lib/videos/service";
import type { AccountChoice, PlatformInfo, PostView, TargetView, VideoChoice } from "./types";

/** An account whose authorization runs out within this long is flagged on the calendar before it does. */
export const EXPIRY_WARNING_MS = 7 * 24 * 3600_000;

/** Why a target's account cannot post at `at`; a target without an account (the channel) never has a problem. */
function accountProblem(accountId: string | null, accounts: Map<string, SocialAccountRow>, at: Date): string | null {
  if (!accountId) return null;
  const a = accounts.get(accountId);
  return a ? accountUsableAt(a, at) : "the account was disconnected: reconnect it in Settings";
}

/** A post as the studio's calendar reads it: dates in ISO UTC, the adapter's step state left out. */
export function toPostView(post: PostWithTargets, accounts: SocialAccountRow[], events?: Record<string, PostTargetEvent[]>): PostView {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  return {
    id: post.id,
    characterId: post.characterId,
    title: post.title,
    script: post.script,
    videoId: post.videoId,
    scheduledAt: post.scheduledAt.toISOString(),
    status: post.status,
    captions: post.captions,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
    targets: post.targets.map((t): TargetView => ({
      id: t.id,
      platform: t.platform,
      accountId: t.accountId,
      accountHandle: t.accountHandle,
      // Only a target still to publish can be stopped by its account.
      accountProblem: t.status === "published" ? null : accountProblem(t.accountId, byId, post.scheduledAt),
      status: t.status,
      attempts: t.attempts,
      lastError: t.lastError,
      externalId: t.externalId,
      externalUrl: t.externalUrl,
      publishedAt: t.publishedAt?.toISOString() ?? null,
      ...(events ? { events: (events[t.id] ?? []).map((e) => ({ id: e.id, step: e.step, detail: e.detail, at: e.at.toISOString() })) } : {}),
    })),
  };
}

/** The workspace's connected accounts, each flagged when it is (or will within a week be) unable to post. */
export async function accountChoices(db: Db, workspaceId: string, now = new Date()): Promise<AccountChoice[]> {
  const rows = await listAccounts(db, workspaceId);
  return rows.map((a) => ({
    id: a.id,
    platform: a.platform,
    handle: a.handle,
    status: a.status,
    problem:
      accountUsableAt(a, now) ??
      (accountUsableAt(a, new Date(now.getTime() + EXPIRY_WARNING_MS)) ? "its authorization expires within a week: reconnect it" : null),
  }));
}

/** Finished videos of the workspace, newest first, with the share URLs the studio plays them from. */
export async function videoChoices(db: Db, workspaceId: string, limit = 100): Promise<VideoChoice[]> {
  const rows = await listGeneratedVideos(db, { workspaceId, limit });
  return rows.map((v) => ({
    id: v.id,
    name: v.name,
    durationMs: v.durationMs,
    createdAt: v.createdAt.toISOString(),
    posterUrl: v.thumbnailMediaId ? `/api/share/${v.shareToken}/thumbnail` : null,
    videoUrl: `/api/share/${v.shareToken}/video`,
  }));
}

export function platformInfo(): PlatformInfo {
  return Object.fromEntries(
    publishPlatforms.map((p) => [p, { supported: platformSupported(p), maxCaptionChars: platformLimits(p)?.maxCaptionChars ?? null }]),
  ) as PlatformInfo;
}
