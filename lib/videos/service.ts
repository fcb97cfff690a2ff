import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generatedVideos, videoJobs, videoTemplates } from "@/db/schema/videos";
import { withTransaction } from "@/db/transaction";
import type { Principal } from "@/lib/auth/tokens";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { renderVideoJob } from "@/lib/jobs/definitions";
import { storage } from "@/lib/storage/local";
import { getMedia } from "@/lib/storage/media";
import { checkCast } from "./cast";
import { validateCreative } from "./engine";

export type VideoJobRow = typeof videoJobs.$inferSelect;
export type GeneratedVideoRow = typeof generatedVideos.$inferSelect;

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export interface CreateVideoJobInput {
  videoCreative: unknown;
  dynamicVariables?: Record<string, string> | null;
  callbackUrl?: string | null;
  callbackPayload?: Record<string, unknown> | null;
  templateId?: string | null;
  draft?: boolean;
}

/**
 * Validates a videoCreative completely (variables, schema, timing, remote URLs) before anything
 * is written, and that its actors and voices exist in the workspace; then records the job and
 * enqueues its render in one transaction.
 */
export async function createVideoJob(db: Db, p: Principal, input: CreateVideoJobInput) {
  const timeline = await validateCreative(input.videoCreative, input.dynamicVariables ?? {});
  await checkCast(db, p.workspaceId, timeline);
  return withTransaction(async ({ tx, executeSql }) => {
    const [job] = await tx
      .insert(videoJobs)
      .values({
        workspaceId: p.workspaceId,
        name: timeline.settings.name,
        videoCreative: timeline as unknown as Record<string, unknown>,
        sourceCreative: input.videoCreative as Record<string, unknown>,
        dynamicVariables: input.dynamicVariables ?? null,
        callbackUrl: input.callbackUrl ?? null,
        callbackPayload: input.callbackPayload ?? null,
        templateId: input.templateId ?? null,
        draft: input.draft ?? false,
      })
      .returning();
    await sendJob(renderVideoJob, { jobId: job.id, workspaceId: p.workspaceId }, { executeSql, singletonKey: `render:${job.id}` });
    return job;
  });
}

export async function getVideoJob(db: Db, args: { workspaceId: string; jobId: string }) {
  if (!isUuid(args.jobId)) throw new AppError("bad_request", "The video generation job id must be a UUID", "jobId");
  const [job] = await db
    .select()
    .from(videoJobs)
    .where(and(eq(videoJobs.id, args.jobId), eq(videoJobs.workspaceId, args.workspaceId)));
  if (!job) throw notFound("Video generation job");
  return job;
}

/** Removes the job; a render in progress notices the missing row and stops. */
export async function deleteVideoJob(db: Db, args: { workspaceId: string; jobId: string }) {
  const job = await getVideoJob(db, args);
  await db.delete(videoJobs).where(eq(videoJobs.id, job.id));
}

export async function createJobFromTemplate(
  db: Db,
  p: Principal,
  input: { templateJobId: string; dynamicVariables: Record<string, string>; callbackUrl?: string | null; callbackPayload?: Record<string, unknown> | null },
) {
  const template = await getTemplate(db, { workspaceId: p.workspaceId, templateId: input.templateJobId });
  return createVideoJob(db, p, {
    videoCreative: template.videoCreative,
    dynamicVariables: input.dynamicVariables,
    callbackUrl: input.callbackUrl,
    callbackPayload: input.callbackPayload,
    templateId: template.id,
  });
}

export async function getTemplate(db: Db, args: { workspaceId: string; templateId: string }) {
  if (!isUuid(args.templateId)) throw new AppError("not_found", "Template job not found", "templateJobId");
  const [row] = await db
    .select()
    .from(videoTemplates)
    .where(and(eq(videoTemplates.id, args.templateId), eq(videoTemplates.workspaceId, args.workspaceId)));
  if (!row) throw new AppError("not_found", "Template job not found", "templateJobId");
  return row;
}

/** Saves a job's videoCreative (variables still as {placeholders}) as a reusable template. */
export async function saveTemplate(db: Db, p: Principal, args: { name: string; source: string; videoCreative: Record<string, unknown> }) {
  const [row] = await db
    .insert(videoTemplates)
    .values({ workspaceId: p.workspaceId, name: args.name, source: args.source, videoCreative: args.videoCreative })
    .returning();
  return row;
}

/**
 * Saves a job as a template. The job keeps its original videoCreative, with {placeholders},
 * so the template is re-rendered with new dynamicVariables each time.
 */
export async function saveJobAsTemplate(db: Db, p: Principal, args: { jobId: string; name?: string }) {
  const job = await getVideoJob(db, { workspaceId: p.workspaceId, jobId: args.jobId });
  return saveTemplate(db, p, { name: args.name ?? job.name, source: `video-job:${job.id}`, videoCreative: job.sourceCreative ?? job.videoCreative });
}

export async function listVideoJobs(db: Db, args: { workspaceId: string; limit?: number; offset?: number }) {
  return db
    .select()
    .from(videoJobs)
    .where(eq(videoJobs.workspaceId, args.workspaceId))
    .orderBy(desc(videoJobs.createdAt))
    .limit(args.limit ?? 50)
    .offset(args.offset ?? 0);
}

export async function listGeneratedVideos(db: Db, args: { workspaceId: string; limit?: number; offset?: number }) {
  return db
    .select()
    .from(generatedVideos)
    .where(eq(generatedVideos.workspaceId, args.workspaceId))
    .orderBy(desc(generatedVideos.createdAt))
    .limit(args.limit ?? 50)
    .offset(args.offset ?? 0);
}

export async function getGeneratedVideo(db: Db, args: { workspaceId: string; videoId: string }) {
  if (!isUuid(args.videoId)) throw new AppError("bad_request", "The generated video id must be a UUID", "videoId");
  const [row] = await db
    .select()
    .from(generatedVideos)
    .where(and(eq(generatedVideos.id, args.videoId), eq(generatedVideos.workspaceId, args.workspaceId)));
  if (!row) throw notFound("Generated video");
  return row;
}

export async function deleteGeneratedVideo(db: Db, args: { workspaceId: string; videoId: string }) {
  const row = await getGeneratedVideo(db, args);
  const video = await getMedia(db, { mediaId: row.mediaId, workspaceId: args.workspaceId });
  await db.delete(generatedVideos).where(eq(generatedVideos.id, row.id));
  if (video) await storage().remove(video.storageKey);
}

export async function findByShareToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const [row] = await db.select().from(generatedVideos).where(eq(generatedVideos.shareToken, token));
  return row ?? null;
}

export const newShareToken = () => randomBytes(18).toString("base64url");
