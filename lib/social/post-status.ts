import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { postTargets, posts, type PostStatus } from "@/db/schema/social";

/**
 * A post's status follows its targets: published when all are, failed when all have ended and
 * one failed, publishing while any is under way, scheduled before any began.
 */
export async function refreshPostStatus(db: DbOrTx, postId: string): Promise<PostStatus> {
  const targets = await db.select({ status: postTargets.status }).from(postTargets).where(eq(postTargets.postId, postId));
  const ended = targets.every((t) => t.status === "published" || t.status === "failed");
  const status: PostStatus =
    targets.length && targets.every((t) => t.status === "published")
      ? "published"
      : ended && targets.length
        ? "failed"
        : targets.some((t) => t.status !== "pending")
          ? "publishing"
          : "scheduled";
  await db.update(posts).set({ status, updatedAt: new Date() }).where(eq(posts.id, postId));
  return status;
}
