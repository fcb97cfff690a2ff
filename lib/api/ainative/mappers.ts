import type { PlatformDefaults } from "@/db/schema/characters";
import type { CaptionRow, CaptionView } from "@/lib/captions/service";
import { toSrt, toVtt } from "@/lib/render/captions";
import type { BulkBatchStarted, BulkBatchView, BulkRowView } from "@/lib/bulk/service";
import type { CharacterRow } from "@/lib/characters/service";
import type { SocialAccountRow } from "@/lib/social/accounts";
import type { PostTargetRow, PostWithTargets } from "@/lib/social/posts";
import { rangeLength, type AnalyticsSummary, type Metrics as AnalyticsMetrics, type PeriodTotals, type SeriesRow } from "@/lib/social/analytics-report";
import { signedMediaPath } from "@/lib/storage/media";
import type { TaskRow } from "@/lib/tasks/service";
import type { AvatarRenderStarted } from "@/lib/videos/avatar";
import type { GeneratedVideoRow } from "@/lib/videos/service";
import { shareFileUrl, shareThumbnailUrl } from "@/lib/videos/urls";
import { absoluteUrl, requestOrigin } from "../route";
import { bulkStatusWord, taskStatusWord } from "./status";

/** Response mappers of the content-workflow (AINative) dialect. */

/** The seed: "memory_namespace": "twin_<id>". */
export const memoryNamespace = (publicId: string) => `twin_${publicId}`;

function platformSettingsOut(s: PlatformDefaults) {
  return {
    ...(s.captionStyle !== undefined ? { caption_style: s.captionStyle } : {}),
    ...(s.hashtags !== undefined ? { hashtags: s.hashtags } : {}),
    ...(s.aspectRatio !== undefined ? { aspect_ratio: s.aspectRatio } : {}),
  };
}

export function twinOut(req: Request, c: CharacterRow, memoryNotes: string[]) {
  return {
    id: c.publicId,
    name: c.name,
    memory_namespace: memoryNamespace(c.publicId),
    style_tags: c.styleTags,
    voice_id: c.voiceId,
    persona_prompt: c.persona,
    platform_defaults: Object.fromEntries(Object.entries(c.platformDefaults).map(([p, s]) => [p, platformSettingsOut(s ?? {})])),
    description: c.description,
    memory_notes: memoryNotes,
    photo_url: c.photoMediaId ? absoluteUrl(req, signedMediaPath(c.photoMediaId)) : null,
    has_cloned_voice: c.voiceStatus === "ready",
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** A finished video in the seed's result words; credits_billed when the task recorded a bill. */
function videoResult(req: Request, task: TaskRow, v: GeneratedVideoRow) {
  const origin = requestOrigin(req);
  const billed = task.result?.creditsBilled;
  return {
    video_url: shareFileUrl(v.shareToken, origin),
    thumbnail_url: v.thumbnailMediaId ? shareThumbnailUrl(v.shareToken, origin) : null,
    duration_seconds: seconds(v.durationMs),
    ...(typeof billed === "number" ? { credits_billed: billed } : {}),
  };
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A task's own result in snake_case; a stored output (outputMediaId) as its signed, expiring output_url. */
function ownResult(req: Request, result: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(result).map(([k, v]) =>
      k === "outputMediaId" && typeof v === "string" ? ["output_url", absoluteUrl(req, signedMediaPath(v))] : [snake(k), v],
    ),
  );
}

/** GET /tasks/{task_id}: any task of the workspace, its result once done. */
export function taskOut(req: Request, task: TaskRow, video: GeneratedVideoRow | null) {
  const done = task.status === "succeeded";
  const own = task.result ? ownResult(req, task.result) : {};
  return {
    task_id: task.id,
    status: taskStatusWord(task.status),
    progress: task.progress,
    result: done ? (video ? videoResult(req, task, video) : own) : null,
    error: task.error,
  };
}

/** 202 of POST /multimodal/avatar/generate. */
export function avatarStartedOut(started: AvatarRenderStarted) {
  const taskId = started.job.taskId!;
  return {
    task_id: taskId,
    celery_task_id: taskId,
    provider: started.provider,
    status: taskStatusWord(started.job.status),
    progress: started.job.progress,
    estimated_seconds: started.estimatedSeconds,
    credits_reserved: started.job.creditsReserved,
  };
}

/** GET /multimodal/avatar/{job_id}. */
export function avatarJobOut(req: Request, task: TaskRow, video: GeneratedVideoRow | null) {
  const base = taskOut(req, task, null);
  if (!video) return { ...base, result: null };
  const r = videoResult(req, task, video);
  return { ...base, result: { ...r, credits_billed: r.credits_billed ?? 0 } };
}

const secs = (ms: number) => Math.round(ms) / 1000;

/** 202 of POST /captions/generate. */
export function captionStartedOut(caption: CaptionRow, task: TaskRow) {
  return { caption_id: caption.id, task_id: task.id, status: taskStatusWord(task.status) };
}

/** A burn-in run as GET /captions/{id} nests it. */
function burnInOut(req: Request, task: TaskRow) {
  const out = typeof task.result?.outputMediaId === "string" ? task.result.outputMediaId : null;
  return {
    task_id: task.id,
    status: taskStatusWord(task.status),
    progress: task.progress,
    output_url: task.status === "succeeded" && out ? absoluteUrl(req, signedMediaPath(out)) : null,
    error: task.error,
  };
}

/** GET /captions/{caption_id}: SRT, VTT and segments (seconds) once done; null before. */
export function captionOut(req: Request, view: CaptionView) {
  const { caption, task, burnIn } = view;
  const cues = caption.segments ?? null;
  return {
    id: caption.id,
    status: taskStatusWord(task?.status ?? "queued"),
    language: caption.language,
    method: caption.method,
    srt: cues ? toSrt(cues) : null,
    vtt: cues ? toVtt(cues) : null,
    segments: cues ? cues.map((c) => ({ start: secs(c.startMs), end: secs(c.endMs), text: c.text })) : null,
    task_id: task?.id ?? null,
    error: task?.error ?? null,
    burn_in: burnIn ? burnInOut(req, burnIn) : null,
    created_at: caption.createdAt.toISOString(),
  };
}

/** 202 of POST /captions/{caption_id}/burn-in. */
export function burnInStartedOut(task: TaskRow) {
  return { task_id: task.id, status: taskStatusWord(task.status), progress: task.progress };
}

/** 202 of POST /bulk/reels and of its retry: the batch's (new) task. */
export function bulkStartedOut(started: BulkBatchStarted) {
  return {
    task_id: started.task.id,
    batch_id: started.batch.id,
    status: taskStatusWord(started.task.status),
    progress: started.task.progress,
    total_rows: started.batch.totalRows,
    queued_rows: started.queuedRows,
    quality: started.batch.quality,
    credits_reserved: started.creditsReserved,
  };
}

function bulkRowOut(req: Request, r: BulkRowView) {
  const origin = requestOrigin(req);
  return {
    row: r.rowNumber,
    script: r.row.script,
    platform: r.row.platform,
    voice_id: r.row.voiceId,
    caption_preset: r.row.captionPreset,
    task_id: r.task?.id ?? null,
    status: taskStatusWord(r.status),
    progress: r.progress,
    result_url: r.video ? shareFileUrl(r.video.shareToken, origin) : null,
    thumbnail_url: r.video?.thumbnailMediaId ? shareThumbnailUrl(r.video.shareToken, origin) : null,
    duration_seconds: r.video ? seconds(r.video.durationMs) : null,
    error: r.status === "succeeded" ? null : r.status === "canceled" && !r.task ? "The reel's render was deleted" : (r.task?.error ?? null),
    attempts: r.row.attempts,
  };
}

/** GET /bulk/reels/{batch_id}. */
export function bulkBatchOut(req: Request, view: BulkBatchView) {
  const failed = view.rows.filter((r) => r.status === "failed" || r.status === "canceled");
  return {
    batch_id: view.batch.id,
    task_id: view.task.id,
    twin_id: view.character.publicId,
    platform: view.batch.platform,
    quality: view.batch.quality,
    status: bulkStatusWord(view.task),
    progress: view.task.progress,
    total_rows: view.batch.totalRows,
    done_rows: view.rows.filter((r) => r.status === "succeeded").length,
    failed_rows: failed.map((r) => r.rowNumber),
    error: view.task.error,
    created_at: view.batch.createdAt.toISOString(),
    finished_at: view.task.finishedAt?.toISOString() ?? null,
    rows: view.rows.map((r) => bulkRowOut(req, r)),
  };
}

/** A calendar item: the seed's id, title, platform, status, scheduled_at; the targets are a Cinetwin extension. */
export function calendarItemOut(post: PostWithTargets, twinId: string) {
  return {
    id: post.id,
    title: post.title,
    platform: post.targets[0]?.platform ?? null,
    status: post.status,
    scheduled_at: post.scheduledAt.toISOString(),
    twin_id: twinId,
    script: post.script,
    video_id: post.videoId,
    platforms: post.targets.map((t) => t.platform),
    targets: post.targets.map((t) => ({
      platform: t.platform,
      account: t.accountHandle,
      status: t.status,
      task_id: t.task?.id ?? null,
      post_id: t.externalId,
      post_url: t.externalUrl,
      attempts: t.task?.attempts ?? 0,
      last_error: t.lastError,
    })),
    created_at: post.createdAt.toISOString(),
  };
}

export function socialAccountOut(a: SocialAccountRow) {
  return {
    id: a.id,
    platform: a.platform,
    handle: a.handle,
    connected_at: a.connectedAt.toISOString(),
    status: a.status,
    token_expires_at: a.tokenExpiresAt?.toISOString() ?? null,
  };
}

/** GET /social/publish/{job_id}: the publish task, with where it went once done. */
export function publishJobOut(task: TaskRow, target: PostTargetRow) {
  return {
    task_id: task.id,
    platform: target.platform,
    status: taskStatusWord(task.status),
    progress: task.progress,
    step: task.step,
    result: task.status === "succeeded" ? { post_id: target.externalId, post_url: target.externalUrl } : null,
    error: task.error,
    post_id: target.postId,
  };
}

/** GET /analytics/social: the seed's Recharts-ready rows. */
export const analyticsRowsOut = (rows: SeriesRow[]) =>
  rows.map((r) => ({
    platform: r.platform,
    date: r.date,
    views: r.views,
    likes: r.likes,
    comments: r.comments,
    shares: r.shares,
    followers_gained: r.followersGained,
  }));

const totalsOut = (m: AnalyticsMetrics) => ({ views: m.views, likes: m.likes, comments: m.comments, shares: m.shares, followers_gained: m.followersGained });

function periodOut(p: PeriodTotals) {
  const { followersGained, ...deltas } = p.deltas;
  return { totals: totalsOut(p.totals), previous_totals: totalsOut(p.previous), deltas: { ...deltas, followers_gained: followersGained } };
}

/** GET /analytics/social/summary. */
export function analyticsSummaryOut(s: AnalyticsSummary) {
  return {
    days: rangeLength(s.range),
    from: s.range.from,
    to: s.range.to,
    previous_from: s.previousRange.from,
    previous_to: s.previousRange.to,
    ...periodOut(s),
    platforms: s.platforms.map((p) => ({ platform: p.platform, ...periodOut(p) })),
    top_posts: s.topPosts.map((t) => ({
      post_id: t.postId,
      target_id: t.targetId,
      title: t.title,
      platform: t.platform,
      twin_id: t.characterPublicId,
      published_at: t.publishedAt?.toISOString() ?? null,
      url: t.url,
      views: t.views,
      likes: t.likes,
      comments: t.comments,
      shares: t.shares,
    })),
  };
}

/** 202 of POST /analytics/social/export and /sync. */
export const analyticsTaskOut = (task: TaskRow) => ({ task_id: task.id, status: taskStatusWord(task.status), progress: task.progress });
