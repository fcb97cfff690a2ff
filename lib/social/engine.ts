import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { postTargetEvents, postTargets, posts, type TargetStatus } from "@/db/schema/social";
import { withTransaction } from "@/db/transaction";
import { KnownFailure, publicMessage } from "@/lib/errors";
import { settleTask, startTask, subjects, updateTask } from "@/lib/tasks/service";
import type { EnqueueEventInput } from "@/lib/webhooks/service";
import { credentialsFor } from "./accounts";
import { chooseTargetMedia, publishMedia } from "./media";
import { PlatformError, type AccountCredentials, type PlatformAdapter, type Published, type StepContext } from "./platforms/adapter";
import { captionProblem, cutCaption, mediaProblems, platformNames } from "./preflight";
import { adapterFor } from "./registry";
import { refreshPostStatus } from "./post-status";
import { captionFor } from "./captions";

/**
 * Drives one post target (a post on one account) through its platform's steps, exactly once:
 *
 *   pending/uploading --start--> processing --check--> publishing --commit--> published
 *
 * Every step's state is saved before the next begins (adapter state, status, commit state), so a
 * run that dies anywhere resumes where it was. The irreversible commit is marked "calling" in
 * the database before it is made; a run that finds "calling" (a crash, a timeout, a reset
 * connection during commit) never commits again but asks reconcile whether the post exists. Only
 * a proven absence lets commit run again.
 *
 * Waits (processing polls, Retry-After, backoff) happen inside the run while they fit its time
 * budget; a longer wait ends the run with the time to come back (the job re-queues itself).
 */

export type RunOutcome = { state: "settled" } | { state: "later"; afterMs: number };

/** Transient failures tolerated on one target before it fails. */
const MAX_TRANSIENT = 6;
const RUN_BUDGET_MS = 90_000;
const DEFAULT_RATE_WAIT_MS = 60_000;

function pollMs(): number {
  const base = Number(process.env.PUBLISH_POLL_MS ?? 5000);
  return Number.isFinite(base) && base >= 0 ? base : 5000;
}

/** Backoff after the n-th transient failure: poll interval x 2^n, at most 10 minutes. */
const backoffMs = (n: number) => Math.min(10 * 60_000, pollMs() * 2 ** Math.min(n, 10));

type TargetRow = typeof postTargets.$inferSelect;
type PostRow = typeof posts.$inferSelect;

const progressOf: Record<TargetStatus, number> = {
  pending: 2,
  uploading: 10,
  processing: 60,
  publishing: 85,
  unconfirmed: 90,
  published: 100,
  failed: 100,
};

const stepWords: Record<TargetStatus, string> = {
  pending: "waiting",
  uploading: "uploading the video",
  processing: "the platform is processing the video",
  publishing: "publishing",
  unconfirmed: "checking whether the post went out",
  published: "published",
  failed: "failed",
};

async function load(db: DbOrTx, targetId: string, workspaceId: string) {
  const [row] = await db
    .select({ target: postTargets, post: posts })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .where(and(eq(postTargets.id, targetId), eq(postTargets.workspaceId, workspaceId)));
  return row ?? null;
}

export async function addEvent(db: DbOrTx, targetId: string, step: string, detail = ""): Promise<void> {
  await db.insert(postTargetEvents).values({ targetId, step, detail: detail.slice(0, 1000) });
}

export async function runTarget(db: Db, args: { targetId: string; workspaceId: string }, signal: AbortSignal): Promise<RunOutcome> {
  const loaded = await load(db, args.targetId, args.workspaceId);
  if (!loaded || loaded.target.status === "published" || loaded.target.status === "failed") return { state: "settled" };
  const subject = subjects.postTarget(args.targetId);
  if (!(await startTask(db, subject, stepWords[loaded.target.status]))) return { state: "settled" };
  const run = new TargetRun(db, loaded.target, loaded.post, signal);
  return run.drive();
}

class TargetRun {
  private readonly deadline = Date.now() + RUN_BUDGET_MS;
  private adapter!: PlatformAdapter;
  private ctx!: StepContext;
  private refreshed = false;

  constructor(
    private readonly db: Db,
    private target: TargetRow,
    private readonly post: PostRow,
    private readonly signal: AbortSignal,
  ) {}

  async drive(): Promise<RunOutcome> {
    try {
      await this.prepare();
    } catch (e) {
      // An account whose refresh could not be reached is tried again; anything else about the post is final.
      if (e instanceof PlatformError && (e.kind === "transient" || e.kind === "rate_limited"))
        return { state: "later", afterMs: e.retryAfterMs ?? backoffMs(1) };
      return this.fail(publicMessage(e) ?? "the post could not be prepared");
    }
    for (;;) {
      this.signal.throwIfAborted();
      let wait: number | null;
      try {
        wait = await this.step();
      } catch (e) {
        const handled = await this.onError(e);
        if (handled === "settled") return { state: "settled" };
        wait = handled;
      }
      if (this.isFinal()) return { state: "settled" };
      if (wait === null) continue;
      if (Date.now() + wait > this.deadline) {
        await this.patch({ nextAttemptAt: new Date(Date.now() + wait) });
        return { state: "later", afterMs: wait };
      }
      await sleep(wait, undefined, { signal: this.signal });
    }
  }

  private isFinal() {
    return this.target.status === "published" || this.target.status === "failed";
  }

  /** The adapter, the media, the account and the caption; the pre-flight check again, now that it is time. */
  private async prepare() {
    const t = this.target;
    this.adapter = adapterFor(this.db, {
      id: t.id,
      workspaceId: t.workspaceId,
      platform: t.platform,
      characterId: this.post.characterId,
      videoId: this.post.videoId,
    });
    if (!this.post.videoId) throw new KnownFailure("the post has no video: attach a finished video before it is published", false);
    if (!t.mediaId) {
      await addEvent(
        this.db,
        t.id,
        "prepare",
        this.adapter.limits.captions === "sidecar" ? "preparing the video (captions as a separate track)" : "preparing the video",
      );
      await this.patch({ mediaId: await chooseTargetMedia(this.db, t.workspaceId, this.post.videoId, this.adapter.limits.captions, this.signal) });
    }
    const media = await publishMedia(this.db, t.workspaceId, this.post.videoId, this.target.mediaId!);
    const [character] = await this.db.select().from(characters).where(eq(characters.id, this.post.characterId));
    const caption = cutCaption(captionFor(this.post, t.platform, character), this.adapter.limits.maxCaptionChars);
    const problems = [...mediaProblems(t.platform, this.adapter.limits, media)];
    const captionIssue = captionProblem(t.platform, this.adapter.limits, caption);
    if (captionIssue) problems.push(captionIssue);
    if (problems.length) throw new KnownFailure(problems.join("; "), false);
    this.ctx = {
      account: await this.account(false),
      media,
      post: { title: this.post.title, caption, publishAt: this.post.scheduledAt > new Date() ? this.post.scheduledAt : null },
      state: { ...t.state },
      save: async (patch) => {
        const next = { ...this.target.state, ...patch };
        await this.patch({ state: next });
        (this.ctx as { state: Record<string, unknown> }).state = next;
      },
      note: (step, detail) => addEvent(this.db, t.id, step, detail),
      signal: this.signal,
    };
  }

  private async account(force: boolean): Promise<AccountCredentials> {
    if (!this.target.accountId) return { accessToken: "", externalId: `channel:${this.post.characterId}`, handle: "" };
    return credentialsFor(this.db, this.target.accountId, { force, signal: this.signal });
  }

  private async patch(set: Partial<TargetRow>) {
    const [row] = await this.db
      .update(postTargets)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(postTargets.id, this.target.id))
      .returning();
    this.target = row;
  }

  private async moveTo(status: TargetStatus, detail?: string) {
    await this.patch({ status });
    await addEvent(this.db, this.target.id, status, detail ?? "");
    await updateTask(this.db, subjects.postTarget(this.target.id), { progress: progressOf[status], step: stepWords[status] });
  }

  /** One step of the machine; returns how long to wait before the next (null: go on at once). */
  private async step(): Promise<number | null> {
    const t = this.target;
    if (t.commitState === "calling" || t.status === "unconfirmed") return this.reconcile("unknown");
    if (t.commitState === "done") return this.reconcile("after-commit");
    switch (t.status) {
      case "pending":
      case "uploading":
        if (t.status === "pending") await this.moveTo("uploading");
        await this.adapter.start(this.ctx);
        await this.moveTo("processing");
        return null;
      case "processing": {
        const r = await this.adapter.check(this.ctx);
        if (r.state === "ready") {
          await this.moveTo("publishing");
          return null;
        }
        if (r.state === "failed") return this.failStep(`${platformNames[t.platform]} could not process the video: ${r.reason}`);
        if (r.detail) await addEvent(this.db, t.id, "processing", r.detail);
        return r.retryAfterMs ?? pollMs();
      }
      case "publishing":
        return this.commit();
      default:
        return null;
    }
  }

  private async commit(): Promise<number | null> {
    // Recorded before the call: a crash from here on leaves "calling", and no run commits again blindly.
    await this.patch({ commitState: "calling" });
    await addEvent(this.db, this.target.id, "commit", "publishing on the platform");
    let result;
    try {
      result = await this.adapter.commit(this.ctx);
    } catch (e) {
      // The platform answered and refused: nothing was published, so commit may run again later.
      if (e instanceof PlatformError && e.kind !== "transient") await this.patch({ commitState: "none" });
      else {
        await this.patch({ status: "unconfirmed" });
        await addEvent(
          this.db,
          this.target.id,
          "unconfirmed",
          `no clear answer from the platform (${publicMessage(e) ?? "an error"}); looking the post up instead of publishing again`,
        );
      }
      throw e;
    }
    if (result.state === "published") return this.finish(result.published);
    await this.patch({ commitState: "done" });
    await addEvent(this.db, this.target.id, "committed", "the platform took the post and is publishing it");
    return pollMs();
  }

  private async reconcile(why: "unknown" | "after-commit"): Promise<number | null> {
    const r = await this.adapter.reconcile(this.ctx);
    switch (r.state) {
      case "published":
        return this.finish(r.published);
      case "pending":
        if (r.detail) await addEvent(this.db, this.target.id, "reconcile", r.detail);
        return r.retryAfterMs ?? pollMs();
      case "failed":
        return this.failStep(`${platformNames[this.target.platform]} did not publish the post: ${r.reason}`);
      case "absent":
        if (why === "after-commit") return this.failStep(`${platformNames[this.target.platform]} accepted the post but no longer has it`);
        // Proven not published: commit may run again.
        await this.patch({ commitState: "none", status: "publishing" });
        await addEvent(this.db, this.target.id, "reconcile", "the post was not published; publishing again");
        return null;
    }
  }

  private async onError(e: unknown): Promise<number | "settled"> {
    if (!(e instanceof PlatformError)) {
      if (e instanceof KnownFailure && !e.retryable) {
        await this.fail(e.message);
        return "settled";
      }
      // A crash of ours or a lost connection: like a transient platform error.
      return this.transient(publicMessage(e) ?? "an unexpected error");
    }
    await addEvent(this.db, this.target.id, "error", e.message);
    switch (e.kind) {
      case "auth":
        if (!this.refreshed && this.target.accountId) {
          this.refreshed = true;
          try {
            this.ctx.account = await this.account(true);
            await addEvent(this.db, this.target.id, "auth", "the account's authorization was renewed");
            return 0;
          } catch (refreshError) {
            await this.fail(publicMessage(refreshError) ?? "the account needs reconnecting");
            return "settled";
          }
        }
        await this.fail(e.message);
        return "settled";
      case "rate_limited":
        return e.retryAfterMs ?? DEFAULT_RATE_WAIT_MS;
      case "bad_request":
        await this.fail(e.message);
        return "settled";
      case "transient":
        return this.transient(e.message);
    }
  }

  private async transient(message: string): Promise<number | "settled"> {
    const attempts = this.target.attempts + 1;
    await this.patch({ attempts, lastError: message });
    if (attempts > MAX_TRANSIENT && this.target.status !== "unconfirmed" && this.target.commitState !== "calling") {
      await this.fail(`${message} (gave up after ${MAX_TRANSIENT} tries)`);
      return "settled";
    }
    return backoffMs(attempts);
  }

  private async failStep(reason: string): Promise<null> {
    await this.fail(reason);
    return null;
  }

  /** The webhook of a target's end, recorded in the transaction that settles it. */
  private event(event: "post.published" | "post.failed", extra: Record<string, unknown>): EnqueueEventInput {
    return {
      workspaceId: this.target.workspaceId,
      event,
      subject: subjects.postTarget(this.target.id),
      payload: { post_id: this.post.id, title: this.post.title, target_id: this.target.id, platform: this.target.platform, ...extra },
    };
  }

  private async fail(reason: string): Promise<RunOutcome> {
    await withTransaction(async (tx) => {
      await tx.tx
        .update(postTargets)
        .set({ status: "failed", lastError: reason, nextAttemptAt: null, updatedAt: new Date() })
        .where(eq(postTargets.id, this.target.id));
      await addEvent(tx.tx, this.target.id, "failed", reason);
      await settleTask(tx, subjects.postTarget(this.target.id), { status: "failed", error: reason }, this.event("post.failed", { error: reason }));
      await refreshPostStatus(tx.tx, this.post.id);
    });
    this.target = { ...this.target, status: "failed", lastError: reason };
    return { state: "settled" };
  }

  private async finish(p: Published): Promise<null> {
    await withTransaction(async (tx) => {
      await tx.tx
        .update(postTargets)
        .set({
          status: "published",
          commitState: "done",
          externalId: p.postId,
          externalUrl: p.url,
          publishedAt: sql`coalesce(${postTargets.publishedAt}, now())`,
          lastError: null,
          nextAttemptAt: null,
          updatedAt: new Date(),
        })
        .where(eq(postTargets.id, this.target.id));
      await addEvent(tx.tx, this.target.id, "published", p.url ?? p.postId);
      await settleTask(
        tx,
        subjects.postTarget(this.target.id),
        { status: "succeeded", result: { platform: this.target.platform, postId: p.postId, url: p.url } },
        this.event("post.published", { platform_post_id: p.postId, url: p.url }),
      );
      await refreshPostStatus(tx.tx, this.post.id);
    });
    this.target = { ...this.target, status: "published" };
    return null;
  }
}
