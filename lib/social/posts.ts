import { and, asc, eq, gte, inArray, lte, ne, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { postTargetEvents, postTargets, posts, socialAccounts, type PublishPlatform } from "@/db/schema/social";
import { generatedVideos } from "@/db/schema/videos";
import { withTransaction, type TxContext } from "@/db/transaction";
import { characterScope } from "@/lib/characters/scope";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { publishTargetJob } from "@/lib/jobs/definitions";
import { createTask, latestTasks, subjects, type TaskRow } from "@/lib/tasks/service";
import { isUuid } from "@/lib/validation/ids";
import type { PostFilters, PostInput, PostPatch } from "@/lib/validation/posts";
import { accountUsableAt } from "./accounts";
import { captionFor } from "./captions";
import { mediaFacts } from "./media";
import { captionProblem, mediaProblems, platformNames } from "./preflight";
import { platformLimits, platformSupported } from "./registry";

export type PostRow = typeof posts.$inferSelect;
export type PostTargetRow = typeof postTargets.$inferSelect;
export type PostTargetEvent = typeof postTargetEvents.$inferSelect;
export interface PostWithTargets extends PostRow {
  targets: Array<PostTargetRow & { accountHandle: string | null; task: TaskRow | null }>;
}

/** A moment that is already past, give or take this, is refused as a schedule. */
const PAST_TOLERANCE_MS = 60_000;

/** One problem the pre-flight check found, for one place the post goes. */
export interface PreflightProblem {
  platform: PublishPlatform;
  field: "videoId" | "captions" | "targets" | "scheduledAt";
  message: string;
}

interface ResolvedTarget {
  platform: PublishPlatform;
  accountId: string | null;
  accountHandle: string | null;
}

/** Each target's account: the one named, else the workspace's only connected account on that platform. */
async function resolveTargets(db: DbOrTx, workspaceId: string, input: PostInput["targets"], at: Date): Promise<ResolvedTarget[]> {
  const out: ResolvedTarget[] = [];
  const seen = new Set<string>();
  for (const t of input) {
    if (!platformSupported(t.platform))
      throw new AppError("bad_request", `publishing to ${platformNames[t.platform]} is not available on this server`, "targets");
    if (t.platform === "channel") {
      if (seen.has("channel")) continue;
      seen.add("channel");
      out.push({ platform: "channel", accountId: null, accountHandle: null });
      continue;
    }
    const candidates = await db
      .select()
      .from(socialAccounts)
      .where(
        and(
          eq(socialAccounts.workspaceId, workspaceId),
          eq(socialAccounts.platform, t.platform),
          ne(socialAccounts.status, "disconnected"),
          ...(t.accountId ? [eq(socialAccounts.id, t.accountId)] : []),
        ),
      );
    if (!candidates.length)
      throw new AppError("bad_request", `no ${platformNames[t.platform]} account is connected: connect one first, or publish to your channel`, "platform");
    if (candidates.length > 1) throw new AppError("bad_request", `several ${platformNames[t.platform]} accounts are connected: say which account`, "accountId");
    const account = candidates[0];
    const problem = accountUsableAt(account, at);
    if (problem) throw new AppError("bad_request", `${platformNames[t.platform]} ${account.handle}: ${problem}`, "targets");
    if (seen.has(account.id)) continue;
    seen.add(account.id);
    out.push({ platform: t.platform, accountId: account.id, accountHandle: account.handle });
  }
  return out;
}

async function characterOf(db: DbOrTx, workspaceId: string, characterId: number) {
  const [c] = await db.select().from(characters).where(characterScope(workspaceId, characterId));
  if (!c) throw new AppError("bad_request", `character ${characterId} does not exist in this workspace`, "characterId");
  return c;
}

async function checkVideo(db: DbOrTx, workspaceId: string, videoId: string) {
  const [v] = await db
    .select({ id: generatedVideos.id })
    .from(generatedVideos)
    .where(and(eq(generatedVideos.id, videoId), eq(generatedVideos.workspaceId, workspaceId)));
  if (!v) throw new AppError("bad_request", `video ${videoId} is not a finished video of this workspace`, "videoId");
}

function checkFuture(at: Date) {
  if (at.getTime() < Date.now() - PAST_TOLERANCE_MS) throw new AppError("bad_request", "the time is in the past: choose a time from now on", "scheduledAt");
}

/**
 * The pre-flight check: the video against each platform's documented limits (duration, frame,
 * size, codecs) and each caption against its length limit. Run when scheduling and again
 * before publishing (lib/social/engine.ts).
 */
export async function preflight(
  db: Db,
  workspaceId: string,
  input: { characterId: number; title: string; videoId?: string | null; captions: PostInput["captions"]; platforms: PublishPlatform[] },
): Promise<PreflightProblem[]> {
  const character = await characterOf(db, workspaceId, input.characterId);
  const facts = input.videoId ? await mediaFacts(db, workspaceId, input.videoId) : null;
  const problems: PreflightProblem[] = [];
  for (const platform of new Set(input.platforms)) {
    const limits = platformLimits(platform);
    if (!limits) continue;
    if (facts) for (const message of mediaProblems(platform, limits, facts)) problems.push({ platform, field: "videoId", message });
    const caption = captionFor({ captions: input.captions, title: input.title }, platform, character);
    const tooLong = captionProblem(platform, limits, caption);
    if (tooLong) problems.push({ platform, field: "captions", message: tooLong });
  }
  return problems;
}

function refuse(problems: PreflightProblem[]): never {
  const first = problems[0];
  throw new AppError("bad_request", problems.map((p) => p.message).join("; "), first.field);
}

export async function createPost(db: Db, workspaceId: string, input: PostInput): Promise<PostWithTargets> {
  checkFuture(input.scheduledAt);
  await characterOf(db, workspaceId, input.characterId);
  if (input.videoId) await checkVideo(db, workspaceId, input.videoId);
  const targets = await resolveTargets(db, workspaceId, input.targets, input.scheduledAt);
  const problems = await preflight(db, workspaceId, { ...input, platforms: targets.map((t) => t.platform) });
  if (problems.length) refuse(problems);
  const id = await withTransaction(async ({ tx }) => {
    const [post] = await tx
      .insert(posts)
      .values({
        workspaceId,
        characterId: input.characterId,
        title: input.title,
        script: input.script,
        videoId: input.videoId ?? null,
        scheduledAt: input.scheduledAt,
        captions: input.captions,
      })
      .returning();
    await tx.insert(postTargets).values(targets.map((t) => ({ workspaceId, postId: post.id, platform: t.platform, accountId: t.accountId })));
    return post.id;
  });
  return getPost(db, workspaceId, id);
}

async function findPost(db: DbOrTx, workspaceId: string, postId: string): Promise<PostRow> {
  const [row] = isUuid(postId)
    ? await db
        .select()
        .from(posts)
        .where(and(eq(posts.id, postId), eq(posts.workspaceId, workspaceId)))
    : [];
  if (!row) throw notFound("Post");
  return row;
}

async function withTargets(db: DbOrTx, rows: PostRow[]): Promise<PostWithTargets[]> {
  if (!rows.length) return [];
  const targets = await db
    .select({ target: postTargets, accountHandle: socialAccounts.handle })
    .from(postTargets)
    .leftJoin(socialAccounts, eq(socialAccounts.id, postTargets.accountId))
    .where(
      inArray(
        postTargets.postId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(postTargets.platform));
  const tasks = await latestTasks(
    db,
    targets.map((t) => subjects.postTarget(t.target.id)),
  );
  return rows.map((post) => ({
    ...post,
    targets: targets
      .filter((t) => t.target.postId === post.id)
      .map((t) => ({ ...t.target, accountHandle: t.accountHandle, task: tasks.get(subjects.postTarget(t.target.id)) ?? null })),
  }));
}

export async function getPost(db: DbOrTx, workspaceId: string, postId: string): Promise<PostWithTargets> {
  return (await withTargets(db, [await findPost(db, workspaceId, postId)]))[0];
}

export async function listPosts(db: DbOrTx, workspaceId: string, f: PostFilters = {}, limit = 500): Promise<PostWithTargets[]> {
  const where: SQL[] = [eq(posts.workspaceId, workspaceId)];
  if (f.status) where.push(eq(posts.status, f.status));
  if (f.from) where.push(gte(posts.scheduledAt, f.from));
  if (f.to) where.push(lte(posts.scheduledAt, f.to));
  if (f.characterId) where.push(eq(posts.characterId, f.characterId));
  if (f.platform) where.push(sql`exists (select 1 from ${postTargets} where ${postTargets.postId} = ${posts.id} and ${postTargets.platform} = ${f.platform})`);
  const rows = await db
    .select()
    .from(posts)
    .where(and(...where))
    .orderBy(asc(posts.scheduledAt))
    .limit(limit);
  return withTargets(db, rows);
}

/** The timeline of one target: every step, poll, error and retry, oldest first. */
export async function targetEvents(db: DbOrTx, workspaceId: string, postId: string): Promise<Record<string, PostTargetEvent[]>> {
  const post = await getPost(db, workspaceId, postId);
  const ids = post.targets.map((t) => t.id);
  if (!ids.length) return {};
  const rows = await db.select().from(postTargetEvents).where(inArray(postTargetEvents.targetId, ids)).orderBy(asc(postTargetEvents.id));
  const out: Record<string, PostTargetEvent[]> = Object.fromEntries(ids.map((id) => [id, []]));
  for (const r of rows) out[r.targetId].push(r);
  return out;
}

/** A post can be changed while it is scheduled and its time has not come; published and past posts are locked. */
function checkEditable(post: PostRow) {
  if (post.status !== "scheduled") throw new AppError("conflict", `the post is ${post.status}: it can no longer be changed`);
  if (post.scheduledAt.getTime() < Date.now()) throw new AppError("conflict", "the post's time has passed: it is locked");
}

export async function updatePost(db: Db, workspaceId: string, postId: string, patch: PostPatch): Promise<PostWithTargets> {
  const post = await getPost(db, workspaceId, postId);
  checkEditable(post);
  const next = {
    characterId: patch.characterId ?? post.characterId,
    title: patch.title ?? post.title,
    script: patch.script ?? post.script,
    videoId: patch.videoId === undefined ? post.videoId : patch.videoId,
    scheduledAt: patch.scheduledAt ?? post.scheduledAt,
    captions: patch.captions ?? post.captions,
  };
  if (patch.scheduledAt) checkFuture(patch.scheduledAt);
  if (patch.characterId) await characterOf(db, workspaceId, patch.characterId);
  if (patch.videoId) await checkVideo(db, workspaceId, patch.videoId);
  const targets = patch.targets
    ? await resolveTargets(db, workspaceId, patch.targets, next.scheduledAt)
    : post.targets.map((t) => ({ platform: t.platform, accountId: t.accountId, accountHandle: t.accountHandle }));
  const problems = await preflight(db, workspaceId, { ...next, platforms: targets.map((t) => t.platform) });
  if (problems.length) refuse(problems);
  await withTransaction(async ({ tx }) => {
    // Only while still scheduled: a dispatch that began meanwhile wins and the edit is refused.
    const changed = await tx
      .update(posts)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(posts.id, postId), eq(posts.status, "scheduled")))
      .returning({ id: posts.id });
    if (!changed.length) throw new AppError("conflict", "the post has started publishing: it can no longer be changed");
    if (patch.targets) {
      await tx.delete(postTargets).where(eq(postTargets.postId, postId));
      await tx.insert(postTargets).values(targets.map((t) => ({ workspaceId, postId, platform: t.platform, accountId: t.accountId })));
    }
  });
  return getPost(db, workspaceId, postId);
}

/** Deletes a post from the calendar (what is already on a platform stays there); not while it is publishing. */
export async function deletePost(db: DbOrTx, workspaceId: string, postId: string): Promise<void> {
  const post = await findPost(db, workspaceId, postId);
  if (post.status === "publishing") throw new AppError("conflict", "the post is publishing right now: wait until it has finished");
  await db.delete(posts).where(and(eq(posts.id, post.id), ne(posts.status, "publishing")));
}

/**
 * Starts publishing the post's unstarted targets: the post turns "publishing" and each target
 * gets a task and a job, in one transaction that only one dispatcher can win (the status check).
 */
export async function dispatchPost(ctx: TxContext, workspaceId: string, postId: string): Promise<boolean> {
  const moved = await ctx.tx
    .update(posts)
    .set({ status: "publishing", updatedAt: new Date() })
    .where(and(eq(posts.id, postId), eq(posts.workspaceId, workspaceId), eq(posts.status, "scheduled")))
    .returning({ id: posts.id });
  if (!moved.length) return false;
  const targets = await ctx.tx
    .select({ id: postTargets.id })
    .from(postTargets)
    .where(and(eq(postTargets.postId, postId), notInArray(postTargets.status, ["published", "failed"])));
  for (const t of targets) await queueTarget(ctx, workspaceId, t.id);
  return true;
}

async function queueTarget(ctx: TxContext, workspaceId: string, targetId: string) {
  await createTask(ctx.tx, { workspaceId, kind: "social-publish", subject: subjects.postTarget(targetId) });
  await sendJob(publishTargetJob, { targetId, workspaceId }, { singletonKey: targetId, executeSql: ctx.executeSql });
}

/** Every scheduled post whose time has come is dispatched; `FOR UPDATE SKIP LOCKED` lets two workers share the batch. */
export async function dispatchDuePosts(db: Db, now = new Date()): Promise<number> {
  let n = 0;
  for (;;) {
    const done = await withTransaction(async (ctx) => {
      const due = await ctx.tx
        .select({ id: posts.id, workspaceId: posts.workspaceId })
        .from(posts)
        .where(and(eq(posts.status, "scheduled"), lte(posts.scheduledAt, now)))
        .orderBy(asc(posts.scheduledAt))
        .limit(20)
        .for("update", { skipLocked: true });
      for (const p of due) if (await dispatchPost(ctx, p.workspaceId, p.id)) n++;
      return due.length < 20;
    });
    if (done) return n;
  }
}

/** Publishes a scheduled post now (the calendar's "Publish now"): its time moves to now. */
export async function publishNow(db: Db, workspaceId: string, postId: string): Promise<PostWithTargets> {
  const post = await findPost(db, workspaceId, postId);
  if (post.status !== "scheduled") throw new AppError("conflict", `the post is ${post.status}`);
  await withTransaction(async (ctx) => {
    await ctx.tx.update(posts).set({ scheduledAt: new Date() }).where(eq(posts.id, postId));
    await dispatchPost(ctx, workspaceId, postId);
  });
  return getPost(db, workspaceId, postId);
}

/**
 * The creator's "retry" of a failed target: from where it stopped (an upload resumes; a target
 * whose publish outcome was never learned is looked up first, not published again).
 */
export async function retryTarget(db: Db, workspaceId: string, targetId: string): Promise<PostWithTargets> {
  const [t] = isUuid(targetId)
    ? await db
        .select()
        .from(postTargets)
        .where(and(eq(postTargets.id, targetId), eq(postTargets.workspaceId, workspaceId)))
    : [];
  if (!t) throw notFound("Target");
  if (t.status !== "failed") throw new AppError("conflict", `the target is ${t.status}: only a failed one can be retried`);
  await withTransaction(async (ctx) => {
    const resumeAt =
      t.commitState === "calling" ? "unconfirmed" : t.commitState === "done" ? "publishing" : t.state && Object.keys(t.state).length ? "uploading" : "pending";
    await ctx.tx
      .update(postTargets)
      .set({ status: resumeAt, attempts: 0, lastError: null, nextAttemptAt: null, updatedAt: new Date() })
      .where(eq(postTargets.id, t.id));
    await ctx.tx.insert(postTargetEvents).values({ targetId: t.id, step: "retry", detail: "retried by the creator" });
    await ctx.tx.update(posts).set({ status: "publishing", updatedAt: new Date() }).where(eq(posts.id, t.postId));
    await queueTarget(ctx, workspaceId, t.id);
  });
  return getPost(db, workspaceId, t.postId);
}

/**
 * The hourly sweep: targets in a non-final state whose last move is older than `staleMs` and
 * that no job is driving get a job again (a lost job, a crash between steps).
 */
export async function sweepStuckTargets(db: Db, staleMs = 15 * 60_000): Promise<number> {
  const stale = await db
    .select({ id: postTargets.id, workspaceId: postTargets.workspaceId })
    .from(postTargets)
    .where(
      and(
        notInArray(postTargets.status, ["published", "failed"]),
        // A pending target is stuck only once its post was dispatched.
        sql`(${postTargets.status} <> 'pending' or exists (select 1 from ${posts} where ${posts.id} = ${postTargets.postId} and ${posts.status} = 'publishing'))`,
        lte(postTargets.updatedAt, new Date(Date.now() - staleMs)),
        sql`not exists (select 1 from pgboss.job j where j.name = ${publishTargetJob.name} and j.singleton_key = ${postTargets.id}::text and j.state in ('created', 'retry', 'active'))`,
      ),
    );
  for (const t of stale) {
    await addSweepEvent(db, t.id);
    await sendJob(publishTargetJob, { targetId: t.id, workspaceId: t.workspaceId }, { singletonKey: t.id });
  }
  return stale.length;
}

async function addSweepEvent(db: DbOrTx, targetId: string) {
  await db.insert(postTargetEvents).values({ targetId, step: "sweep", detail: "picked up again by the hourly check" });
}

/** A post made and published at once (the API's /social/publish): one target, and one task, per platform. */
export async function publishImmediately(db: Db, workspaceId: string, input: Omit<PostInput, "scheduledAt">): Promise<PostWithTargets> {
  const post = await createPost(db, workspaceId, { ...input, scheduledAt: new Date() });
  return publishNow(db, workspaceId, post.id);
}

/** A publish task's target (the API's /social/publish/{job_id}). */
export async function targetOfTask(db: DbOrTx, workspaceId: string, task: TaskRow): Promise<PostTargetRow | null> {
  const id = task.subject.startsWith("post-target:") ? task.subject.slice("post-target:".length) : null;
  if (!id) return null;
  const [t] = await db
    .select()
    .from(postTargets)
    .where(and(eq(postTargets.id, id), eq(postTargets.workspaceId, workspaceId)));
  return t ?? null;
}
