import type { Db } from "@/db/client";
import { dispatchDuePosts, sweepStuckTargets } from "@/lib/social/posts";
import { runTarget } from "@/lib/social/engine";
import { withTransaction } from "@/db/transaction";
import { sendJob } from "../boss";
import { publishTargetJob, type JobPayload } from "../definitions";
import { scaledRetryDelay } from "../retry-scale";
import { postTargets } from "@/db/schema/social";
import { eq } from "drizzle-orm";
import { settleTask, subjects } from "@/lib/tasks/service";
import { addEvent } from "@/lib/social/engine";
import { refreshPostStatus } from "@/lib/social/post-status";

type Payload = JobPayload<typeof publishTargetJob>;

/**
 * Runs a target until it settles or must wait longer than a run may; then queues the next run
 * for when it should look again (a processing poll, a Retry-After, a backoff).
 */
export async function handlePublishTarget(db: Db, data: Payload, signal: AbortSignal): Promise<void> {
  const outcome = await runTarget(db, data, signal);
  if (outcome.state === "later") {
    await sendJob(publishTargetJob, data, { singletonKey: data.targetId, startAfter: Math.max(1, Math.ceil(scaledRetryDelay(outcome.afterMs / 1000))) });
  }
}

/** The job's attempts ran out (crashes, not platform answers): the target fails where the creator sees it, retryable by hand. */
export async function failPublishTarget(db: Db, data: Payload, reason: string): Promise<void> {
  await withTransaction(async (ctx) => {
    const [t] = await ctx.tx
      .update(postTargets)
      .set({ status: "failed", lastError: reason, updatedAt: new Date() })
      .where(eq(postTargets.id, data.targetId))
      .returning();
    if (!t) return;
    await addEvent(ctx.tx, t.id, "failed", reason);
    await settleTask(ctx, subjects.postTarget(t.id), { status: "failed", error: reason });
    await refreshPostStatus(ctx.tx, t.postId);
  });
}

export async function handlePublishDue(db: Db): Promise<void> {
  const n = await dispatchDuePosts(db);
  if (n) console.log(`[publish] dispatched ${n} due post(s)`);
}

export async function handlePublishSweep(db: Db): Promise<void> {
  const n = await sweepStuckTargets(db);
  if (n) console.log(`[publish] re-drove ${n} stuck target(s)`);
}
