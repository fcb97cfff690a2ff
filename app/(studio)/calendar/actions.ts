"use server";

import { z } from "zod";
import { publishPlatforms, type PublishPlatform } from "@/db/schema/social";
import { authedAction } from "@/lib/actions/client";
import { accountUsableAt, listAccounts } from "@/lib/social/accounts";
import { startConform } from "@/lib/social/conform";
import { createPost, deletePost, preflight, publishNow, retryTarget, updatePost, type PreflightProblem } from "@/lib/social/posts";
import { platformNames } from "@/lib/social/preflight";
import { platformSupported } from "@/lib/social/registry";
import { uuidSchema } from "@/lib/validation/ids";
import { POST_TITLE_MAX, postInput } from "@/lib/validation/posts";
import { text } from "@/lib/validation/text";

const postId = uuidSchema("Post not found");

export const createPostAction = authedAction(postInput, async (input, { principal, db }) => {
  const post = await createPost(db, principal.workspaceId, input);
  return { id: post.id };
});

/** The edit dialog sends the whole post (never a partial one: a missing field must not reset). */
export const updatePostAction = authedAction(postInput.extend({ postId }), async ({ postId, ...input }, { principal, db }) => {
  const post = await updatePost(db, principal.workspaceId, postId, input);
  return { id: post.id };
});

/** A drag on the calendar: only the time moves. */
export const reschedulePostAction = authedAction(
  z.object({ postId, scheduledAt: z.coerce.date({ error: "Choose a date and a time" }) }),
  async ({ postId, scheduledAt }, { principal, db }) => {
    const post = await updatePost(db, principal.workspaceId, postId, { scheduledAt });
    return { id: post.id, scheduledAt: post.scheduledAt.toISOString() };
  },
);

const preflightInput = postInput.pick({ characterId: true, videoId: true, captions: true, targets: true }).extend({
  title: text({ label: "title", max: POST_TITLE_MAX }),
  scheduledAt: z.coerce.date().optional(),
});

/**
 * The dialog's "Check": the video and each caption against every chosen platform's limits
 * (the same pre-flight scheduling runs), and each account's authorization at the post's time.
 */
export const preflightAction = authedAction(preflightInput, async (input, { principal, db }): Promise<{ problems: PreflightProblem[]; warnings: string[] }> => {
  const at = input.scheduledAt ?? new Date();
  const accounts = await listAccounts(db, principal.workspaceId);
  const problems: PreflightProblem[] = [];
  for (const t of input.targets) {
    if (!platformSupported(t.platform))
      problems.push({ platform: t.platform, field: "targets", message: `publishing to ${platformNames[t.platform]} is not available on this server` });
    if (t.platform === "channel") continue;
    const account = accounts.find((a) => a.id === t.accountId && a.platform === t.platform);
    const problem = account ? accountUsableAt(account, at) : "the account was disconnected: reconnect it in Settings";
    if (problem) problems.push({ platform: t.platform, field: "targets", message: `${account?.handle ?? platformNames[t.platform]}: ${problem}` });
  }
  const platforms = [...new Set(input.targets.map((t) => t.platform))] as PublishPlatform[];
  problems.push(...(await preflight(db, principal.workspaceId, { ...input, platforms })));
  // A post may be scheduled before its video exists; it cannot be published without one.
  const warnings = input.videoId ? [] : ["No video yet: attach a finished video before the post's time, or publishing will fail"];
  return { problems, warnings };
});

export const publishNowAction = authedAction(z.object({ postId }), async ({ postId }, { principal, db }) => {
  const post = await publishNow(db, principal.workspaceId, postId);
  return { id: post.id };
});

export const retryTargetAction = authedAction(z.object({ targetId: uuidSchema("Target not found") }), async ({ targetId }, { principal, db }) => {
  const post = await retryTarget(db, principal.workspaceId, targetId);
  return { id: post.id };
});

export const deletePostAction = authedAction(z.object({ postId }), async ({ postId }, { principal, db }) => {
  await deletePost(db, principal.workspaceId, postId);
  return { id: postId };
});

/** The check's one-click fix: a copy of the video that fits the platform, made by a task the dialog follows. */
export const conformVideoAction = authedAction(
  z.object({ videoId: uuidSchema("Video not found"), platform: z.enum(publishPlatforms, { error: "no such platform" }) }),
  async ({ videoId, platform }, { principal, db }) => {
    const task = await startConform(db, principal.workspaceId, videoId, platform);
    return { taskId: task.id };
  },
);
