import { z } from "zod";
import { platforms } from "@/db/schema/characters";
import { accountStatuses, postStatuses, publishPlatforms, targetStatuses } from "@/db/schema/social";
import { ainativeStatuses, bulkStatuses } from "./status";

/** Response shapes of the content-workflow dialect, mirroring ./mappers.ts (dialect.test.ts parses real mapper output with them). */

const when = z.string().meta({ format: "date-time" });
const url = z.string().meta({ format: "uri" });

const platformSettingsOut = z.object({
  caption_style: z.string().optional(),
  hashtags: z.array(z.string()).optional(),
  aspect_ratio: z.string().optional(),
});

export const twinSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  memory_namespace: z.string().meta({ description: "twin_<id>: where the twin's memory (memory_notes) lives" }),
  style_tags: z.array(z.string()),
  voice_id: z.string().nullable().meta({ description: "The catalogue voice; a cloned voice (has_cloned_voice) speaks instead once ready" }),
  persona_prompt: z.string(),
  platform_defaults: z.record(z.string(), platformSettingsOut),
  description: z.string(),
  memory_notes: z.array(z.string()).meta({ description: "Cinetwin extension: what the story writer reads about the twin" }),
  photo_url: url.nullable().meta({ description: "Signed, expiring URL of the twin's photo (set in the studio); the avatar render animates it" }),
  has_cloned_voice: z.boolean(),
  created_at: when,
  updated_at: when,
});

export const taskSchema = z.object({
  task_id: z.uuid(),
  status: z.enum(ainativeStatuses).meta({ description: "queued, processing, then done or error" }),
  progress: z.number().int().min(0).max(100),
  result: z.record(z.string(), z.unknown()).nullable().meta({
    description: "Set when done: video_url, duration_seconds (and credits_billed for renders) for tasks that make a video; the task's own result otherwise",
  }),
  error: z.string().nullable().meta({ description: "Why it ended in error" }),
});

export const avatarStartedSchema = z.object({
  task_id: z.uuid(),
  celery_task_id: z.uuid().meta({ description: "The same as task_id (the seed's Celery id)" }),
  provider: z.string().meta({
    description:
      'Who draws the talking head: "local" (the twin\'s photo animated by the speech\'s loudness, not lip-sync), or "heygen" or "fal" (lip-synced) as the workspace\'s Settings or the server choose',
  }),
  status: z.enum(ainativeStatuses),
  progress: z.number().int(),
  estimated_seconds: z.number().int().meta({ description: "Rough time until done with an idle queue" }),
  credits_reserved: z.number().int().meta({ description: "Cinetwin extension: held now; the bill is 10 credits per rendered second and the rest comes back" }),
});

export const avatarResultSchema = z.object({
  video_url: url.meta({ description: "The MP4, public for whoever has the link" }),
  thumbnail_url: url.nullable(),
  duration_seconds: z.number(),
  credits_billed: z.number().int().meta({ description: "10 per second of video, a started second counting whole" }),
});

export const avatarJobSchema = taskSchema.extend({ result: avatarResultSchema.nullable() });

export const captionStartedSchema = z.object({
  caption_id: z.uuid(),
  task_id: z.uuid().meta({ description: "Poll GET /api/v1/tasks/{task_id}, or GET /captions/{caption_id}" }),
  status: z.enum(ainativeStatuses),
});

const segmentSchema = z.object({
  start: z.number().meta({ description: "Seconds from the start" }),
  end: z.number(),
  text: z.string(),
});

export const burnInRunSchema = z.object({
  task_id: z.uuid(),
  status: z.enum(ainativeStatuses),
  progress: z.number().int().min(0).max(100),
  output_url: url.nullable().meta({ description: "When done: the MP4 with the captions burned in (signed, expiring)" }),
  error: z.string().nullable(),
});

export const captionSchema = z.object({
  id: z.uuid(),
  status: z.enum(ainativeStatuses),
  language: z.string(),
  method: z.enum(["narration", "local", "openai"]).nullable().meta({
    description:
      "narration: a Cinetwin render's own narration and timing (exact); local: the offline recogniser; openai: an OpenAI-compatible transcription server",
  }),
  srt: z.string().nullable(),
  vtt: z.string().nullable(),
  segments: z.array(segmentSchema).nullable(),
  task_id: z.uuid().nullable(),
  error: z.string().nullable(),
  burn_in: burnInRunSchema.nullable().meta({ description: "Cinetwin extension: the newest burn-in of these captions" }),
  created_at: when,
});

export const burnInStartedSchema = z.object({
  task_id: z.uuid().meta({ description: "Poll GET /api/v1/tasks/{task_id}; result.output_url once done" }),
  status: z.enum(ainativeStatuses),
  progress: z.number().int(),
});

export const bulkStartedSchema = z.object({
  task_id: z.uuid().meta({ description: "The batch's task: poll GET /api/v1/tasks/{task_id} for its aggregate progress (on submission the same as batch_id)" }),
  batch_id: z.uuid(),
  status: z.enum(ainativeStatuses),
  progress: z.number().int().min(0).max(100),
  total_rows: z.number().int(),
  queued_rows: z
    .array(z.number().int())
    .meta({ description: "Cinetwin extension: the CSV rows (from 1) queued: every row, or the failed rows a retry queued again" }),
  quality: z.enum(["final", "draft"]),
  credits_reserved: z
    .number()
    .int()
    .meta({ description: "Cinetwin extension: held now for every queued row; each row is billed its rendered seconds when done, a failed row refunded" }),
});

export const bulkRowSchema = z.object({
  row: z.number().int().meta({ description: "The CSV data row, from 1" }),
  script: z.string().meta({ description: "The script spoken, placeholders filled" }),
  platform: z.string(),
  voice_id: z.string().nullable().meta({ description: "The row's voice; null: the twin's" }),
  caption_preset: z.string().meta({ description: "The burned-in caption look for the row's platform: plain, boxed or highlight" }),
  task_id: z.uuid().nullable().meta({ description: "The row's render task (its latest attempt)" }),
  status: z.enum(ainativeStatuses),
  progress: z.number().int().min(0).max(100),
  result_url: url.nullable().meta({ description: "The reel's MP4 once done" }),
  thumbnail_url: url.nullable(),
  duration_seconds: z.number().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int().meta({ description: "Renders queued for this row: 1, plus one per retry" }),
});

export const bulkBatchSchema = z.object({
  batch_id: z.uuid(),
  task_id: z.uuid().meta({ description: "The batch's current run: the submission's task, or the latest retry's" }),
  twin_id: z.uuid(),
  platform: z.string(),
  quality: z.enum(["final", "draft"]),
  status: z
    .enum(bulkStatuses)
    .meta({ description: "queued, processing, then done (every row), partial (some rows failed: see failed_rows) or error (none succeeded)" }),
  progress: z.number().int().min(0).max(100),
  total_rows: z.number().int(),
  done_rows: z.number().int(),
  failed_rows: z.array(z.number().int()),
  error: z.string().nullable(),
  created_at: when,
  finished_at: when.nullable(),
  rows: z.array(bulkRowSchema),
});

const publishPlatformOut = z.enum(publishPlatforms);

export const calendarItemSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  platform: publishPlatformOut.nullable().meta({ description: "The first platform of the post (see platforms for all)" }),
  status: z.enum(postStatuses).meta({ description: "scheduled, publishing, then published or failed" }),
  scheduled_at: when,
  twin_id: z.uuid(),
  script: z.string(),
  video_id: z.uuid().nullable(),
  platforms: z.array(publishPlatformOut),
  targets: z
    .array(
      z.object({
        platform: publishPlatformOut,
        account: z.string().nullable().meta({ description: "The connected account's handle (null for channel)" }),
        status: z
          .enum(targetStatuses)
          .meta({ description: "pending, uploading, processing, publishing, unconfirmed (outcome being looked up), published, failed" }),
        task_id: z.uuid().nullable().meta({ description: "Its publish task (GET /social/publish/{job_id} or /tasks/{task_id}) once publishing began" }),
        post_id: z.string().nullable(),
        post_url: z.string().nullable(),
        attempts: z.number().int(),
        last_error: z.string().nullable(),
      }),
    )
    .meta({ description: "Cinetwin extension: where the post goes and how each went" }),
  created_at: when,
});

export const socialAccountSchema = z.object({
  id: z.uuid(),
  platform: z.enum(platforms),
  handle: z.string(),
  connected_at: when,
  status: z.enum(accountStatuses).meta({ description: "active; expired or revoked: reconnect it" }),
  token_expires_at: when.nullable(),
});

export const socialPublishStartedSchema = z.object({
  results: z.array(z.object({ platform: publishPlatformOut, task_id: z.uuid(), status: z.enum(ainativeStatuses) })),
  post_id: z.uuid().meta({ description: "Cinetwin extension: the calendar item made for this publish" }),
});

export const publishJobSchema = z.object({
  task_id: z.uuid(),
  platform: publishPlatformOut,
  status: z.enum(ainativeStatuses),
  progress: z.number().int().min(0).max(100),
  step: z.string().meta({ description: "What is happening, in words" }),
  result: z.object({ post_id: z.string().nullable(), post_url: z.string().nullable() }).nullable(),
  error: z.string().nullable(),
  post_id: z.uuid().meta({ description: "The calendar item" }),
});

const count = z.number().int().min(0);
const day = z.string().meta({ format: "date", description: "A UTC calendar day, YYYY-MM-DD" });
const analyticsPlatform = z.enum(publishPlatforms);

export const analyticsRowSchema = z.object({
  platform: analyticsPlatform,
  date: day,
  views: count,
  likes: count,
  comments: count,
  shares: count,
  followers_gained: count,
});

const analyticsTotalsSchema = z.object({ views: count, likes: count, comments: count, shares: count, followers_gained: count });
const deltaSchema = z.object({
  change: z.number().int().meta({ description: "This period minus the previous one" }),
  percent: z.number().nullable().meta({ description: "The change in percent of the previous period (one decimal); null when the previous period had none" }),
});
const analyticsDeltasSchema = z.object({
  views: deltaSchema,
  likes: deltaSchema,
  comments: deltaSchema,
  shares: deltaSchema,
  followers_gained: deltaSchema,
});
const periodSchema = z.object({ totals: analyticsTotalsSchema, previous_totals: analyticsTotalsSchema, deltas: analyticsDeltasSchema });

export const topPostSchema = z.object({
  post_id: z.uuid(),
  target_id: z.uuid().meta({ description: "The post on this one platform" }),
  title: z.string(),
  platform: analyticsPlatform,
  twin_id: z.uuid(),
  published_at: when.nullable(),
  url: url.nullable().meta({ description: "The post on its platform (the channel page for the built-in channel)" }),
  views: count,
  likes: count,
  comments: count,
  shares: count,
});

export const analyticsSummarySchema = periodSchema.extend({
  days: z.number().int(),
  from: day,
  to: day,
  previous_from: day,
  previous_to: day,
  platforms: z.array(periodSchema.extend({ platform: analyticsPlatform })),
  top_posts: z.array(topPostSchema).meta({ description: "Up to 10 posts with the most views in the period" }),
});

export const analyticsTaskSchema = z.object({
  task_id: z.uuid().meta({ description: "Poll GET /api/v1/tasks/{task_id}" }),
  status: z.enum(ainativeStatuses),
  progress: z.number().int().min(0).max(100),
});
