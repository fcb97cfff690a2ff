import { z } from "zod";
import { registerOperation } from "../openapi/registry";
import { wholeListIn } from "../route";
import {
  analyticsRowSchema,
  analyticsSummarySchema,
  analyticsTaskSchema,
  avatarJobSchema,
  avatarStartedSchema,
  bulkBatchSchema,
  bulkStartedSchema,
  burnInStartedSchema,
  calendarItemSchema,
  captionSchema,
  captionStartedSchema,
  publishJobSchema,
  socialAccountSchema,
  socialPublishStartedSchema,
  taskSchema,
  twinSchema,
} from "./responses";
import {
  analyticsExportIn,
  analyticsQuery,
  avatarGenerateIn,
  bulkReelsForm,
  burnInIn,
  calendarIn,
  calendarQuery,
  callbackQuery,
  captionsGenerateIn,
  connectQuery,
  socialPublishIn,
  twinIn,
  twinPatchIn,
} from "./schemas";
import { platforms } from "@/db/schema/characters";

/** The content-workflow (AINative) dialect's operations: X-API-Key, its status words and error codes. */

const tags = ["Content workflow"];
const twinParams = z.object({ twin_id: z.uuid() });
const errors = {
  401: "Missing or invalid API key (send X-API-Key)",
  422: "Schema validation failure: the body is not JSON, not an object, or a field is missing or of the wrong type",
};
const notFound = "Not found: unknown, soft-deleted or another workspace's; a malformed id too";

registerOperation({
  method: "post",
  path: "/api/v1/public/twins",
  summary: "Create a twin",
  description:
    "A twin is a studio character: its persona, voice, style tags and per-platform defaults drive generated content. memory_namespace (twin_<id>) holds its memory, the memory_notes the story writer reads.",
  tags,
  request: twinIn,
  responses: {
    ...errors,
    400: "Validation error: a value is refused (too long, an unknown platform or voice_id); `field` names it",
    201: { description: "The twin", schema: twinSchema },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/twins",
  summary: "List twins",
  tags,
  query: wholeListIn,
  responses: { 401: errors[401], 200: { description: "The workspace's twins, newest first", schema: z.array(twinSchema) } },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/twins/{twin_id}",
  summary: "Get a twin",
  tags,
  params: twinParams,
  responses: { 401: errors[401], 404: notFound, 200: { description: "The twin", schema: twinSchema } },
});
registerOperation({
  method: "patch",
  path: "/api/v1/public/twins/{twin_id}",
  summary: "Update a twin (partial)",
  description: "Fields left out keep their values; platform_defaults and memory_notes replace the whole map or list; voice_id null clears it.",
  tags,
  params: twinParams,
  request: twinPatchIn,
  responses: { ...errors, 404: notFound, 200: { description: "The updated twin", schema: twinSchema } },
});
registerOperation({
  method: "delete",
  path: "/api/v1/public/twins/{twin_id}",
  summary: "Delete a twin (soft delete)",
  description: "The twin is kept for its videos' history but is not found again anywhere: a second DELETE or GET is a 404.",
  tags,
  params: twinParams,
  responses: { 401: errors[401], 404: notFound, 204: "Deleted" },
});
registerOperation({
  method: "post",
  path: "/api/v1/public/multimodal/avatar/generate",
  summary: "Render a talking-head avatar video of a twin speaking a script",
  description:
    "Rendered on this server (provider \"local\"): the twin's photo animated by the speech's loudness, not lip-sync, in 9:16 with the script as captions. Billing: 10 credits per second of rendered video; the estimate is reserved now (403 if the balance is short), the real length billed when done and the rest given back; a failed render is refunded. On completion the workspace's webhooks get video.finished (or video.failed). Poll GET /api/v1/public/multimodal/avatar/{task_id} or GET /api/v1/tasks/{task_id}.",
  tags,
  request: avatarGenerateIn,
  responses: {
    ...errors,
    400: "Validation error: the script is too long, a twin id is not a UUID, or voice_id is unknown (the detail lists the voices)",
    403: "Plan limit: not enough credits for the reservation",
    404: "twin_id or avatar_id names no twin of this workspace",
    202: { description: "Queued", schema: avatarStartedSchema },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/multimodal/avatar/{job_id}",
  summary: "Poll an avatar render",
  tags,
  params: z.object({ job_id: z.uuid().describe("The task_id the submission returned") }),
  responses: {
    401: errors[401],
    404: "No avatar render has this task id in this workspace",
    200: { description: "Its status; result once done", schema: avatarJobSchema },
  },
});
registerOperation({
  method: "post",
  path: "/api/v1/public/captions/generate",
  summary: "Generate captions from a video or audio file",
  description:
    "Give exactly one of reel_url or audio_file. A Cinetwin render (media:<id>, a signed /api/media URL or a share link of the workspace's video) is captioned from its own narration with the synthesized timing, exactly; anything else is transcribed (the offline recogniser, English; or an OpenAI-compatible Whisper server when TRANSCRIBER=openai). Free; burn_in=true chains a burn-in (priced as a render) once the captions are ready: its task id appears in the task's result (burn_in_task_id) and under burn_in of GET /captions/{caption_id}.",
  tags,
  request: captionsGenerateIn,
  requestType: "multipart/form-data",
  fields: { reel_url: "URL of the media", audio_file: "The media itself", language: "Default en", burn_in: "true to burn the captions in" },
  responses: {
    ...errors,
    400: "Validation error: neither or both of reel_url and audio_file, a bad or refused URL, a file that is not audio or video, a language code that is malformed or that the transcriber cannot hear; `field` names it",
    403: "Plan limit: burn_in needs more credits than the balance holds",
    202: { description: "Queued", schema: captionStartedSchema },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/captions/{caption_id}",
  summary: "Get caption result: SRT, VTT and segments (seconds) once done",
  tags,
  params: z.object({ caption_id: z.uuid() }),
  responses: { 401: errors[401], 404: notFound, 200: { description: "The captions", schema: captionSchema } },
});
registerOperation({
  method: "post",
  path: "/api/v1/public/captions/{caption_id}/burn-in",
  summary: "Burn captions into the video",
  description:
    "Renders the captioned media with the segments burned in (sound alone gets a plain background). Priced as a timeline render, per started minute: reserved now (403 if short), billed on success, refunded on failure. Poll GET /api/v1/tasks/{task_id} until done, then download result.output_url.",
  tags,
  params: z.object({ caption_id: z.uuid() }),
  request: burnInIn,
  responses: {
    ...errors,
    400: "Validation error: font_size out of range, an unknown position or style, a colour that is not white, yellow, black or #rrggbb; or the captions are not ready yet",
    403: "Plan limit: not enough credits for the render",
    404: notFound,
    409: "A burn-in of these captions is already queued or running",
    202: { description: "Queued", schema: burnInStartedSchema },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/tasks/{task_id}",
  summary: "Poll any task: queued, processing, done or error",
  description:
    "The seed's one polling pattern (its useTask hook), outside /public as there: every long-running task of the workspace (avatar renders, bulk batches, timeline renders, story runs, voice clones, captions, burn-ins). result is set when done; a burn-in's has output_url; a bulk batch's is total_rows, succeeded_rows, failed_rows and partial.",
  tags,
  params: z.object({ task_id: z.uuid() }),
  responses: { 401: errors[401], 404: "No task has this id in this workspace (or the id is malformed)", 200: { description: "The task", schema: taskSchema } },
});

const batchParams = z.object({ batch_id: z.uuid().describe("The batch_id the submission returned") });
registerOperation({
  method: "post",
  path: "/api/v1/public/bulk/reels",
  summary: "Submit a batch of reels from a CSV",
  description:
    "One reel per CSV row: the twin speaking the row's script in a vertical 1080x1920 video (304x540 with quality=draft, at most 540 rows high like every draft render), with captions burned in in the look of the row's platform (the twin's platform_defaults caption_style when it names plain, boxed or highlight). Columns: script, platform (blank: the form's platform), voice_id (blank: the twin's voice); any other column fills {column} placeholders in the script. At most 100 rows. The whole CSV is checked before anything is queued: a refused cell is a 400 naming its row and column (`errors` lists every one), and nothing is queued or charged. Each row is its own render (10 credits per rendered second, draft free), reserved now and billed per row when it finishes; a failed row is refunded and does not stop the others. Poll GET /api/v1/public/bulk/reels/{batch_id} (per row) or GET /api/v1/tasks/{task_id} (aggregate).",
  tags,
  request: bulkReelsForm,
  requestType: "multipart/form-data",
  responses: {
    400: "Validation error: a CSV cell (empty script, unknown platform or voice_id, unfilled {placeholder}, malformed row, missing column; the detail names row and column), or a field",
    401: errors[401],
    403: "Plan limit: more than 100 rows, or not enough credits for the reservation (code insufficient_credits)",
    404: "twin_id names no twin of this workspace",
    422: "Schema validation failure: a required field (twin_id, platform, csv_file) is missing",
    202: { description: "Queued: one render per row", schema: bulkStartedSchema },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/bulk/reels/{batch_id}",
  summary: "Get a batch's status, with each row's progress and result_url",
  tags,
  params: batchParams,
  responses: { 401: errors[401], 404: notFound, 200: { description: "The batch and its rows", schema: bulkBatchSchema } },
});
registerOperation({
  method: "post",
  path: "/api/v1/public/bulk/reels/{batch_id}/retry",
  summary: "Retry a batch's failed rows (Cinetwin extension)",
  description:
    "Not in the seed. Queues only the rows that failed again, each a new render with its own reservation, as a new run of the batch: task_id is the new run's (poll it), batch_id stays. The rows that succeeded keep their reels. 409 while the batch is still rendering or when no row failed.",
  tags,
  params: batchParams,
  responses: {
    401: errors[401],
    403: "Not enough credits for the failed rows' reservation",
    404: notFound,
    409: "The batch is still rendering, or none of its rows failed",
    202: { description: "The failed rows are queued again", schema: bulkStartedSchema },
  },
});

const calendarTags = ["Content workflow: calendar and publishing"];
const platformParams = z.object({ platform: z.enum(platforms) });
registerOperation({
  method: "post",
  path: "/api/v1/public/content/calendar",
  summary: "Schedule a post",
  description:
    "The post is published at scheduled_at by a job that checks every minute: to each platform's connected account, or to channel, Cinetwin's own public channel (/c/<handle>, no connection needed). The video (video_id, a Cinetwin extension) is checked against each platform's documented limits (duration, frame, size, codecs) and the caption against its length now and again before publishing; a refusal is a 400 naming the field. Publishing is exactly once per platform: an upload resumes after a crash, and a publish whose answer was lost is looked up rather than repeated.",
  tags: calendarTags,
  request: calendarIn,
  responses: {
    ...errors,
    400: "Validation error: scheduled_at in the past, an unknown twin_id, an unknown platform, no connected account for the platform, a video or caption beyond a platform's limits; `field` names it",
    201: { description: "The calendar item", schema: calendarItemSchema },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/content/calendar",
  summary: "List calendar items",
  tags: calendarTags,
  query: calendarQuery,
  responses: { 401: errors[401], 200: { description: "Items by scheduled time", schema: z.array(calendarItemSchema) } },
});
const itemParams = z.object({ item_id: z.uuid() });
registerOperation({
  method: "get",
  path: "/api/v1/public/content/calendar/{item_id}",
  summary: "Get a calendar item, with each platform's status, post id and URL",
  tags: calendarTags,
  params: itemParams,
  responses: { 401: errors[401], 404: notFound, 200: { description: "The item", schema: calendarItemSchema } },
});
registerOperation({
  method: "delete",
  path: "/api/v1/public/content/calendar/{item_id}",
  summary: "Delete a calendar item",
  description: "Removes the item from the calendar; what a platform already published stays there. 409 while it is publishing.",
  tags: calendarTags,
  params: itemParams,
  responses: { 401: errors[401], 404: notFound, 409: "The item is publishing right now", 204: "Deleted" },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/social/connect/{platform}",
  summary: "Connect a platform (OAuth)",
  description:
    "302 to the platform's consent page (its URL also in the body as authorization_url). The state parameter is random and usable once; PKCE is used where the platform takes it. After consent the platform calls /social/callback/{platform}, which stores the tokens encrypted (AES-256-GCM) and redirects to redirect_uri with ?connected=<platform>&account_id=... (or ?error=...). A platform whose app credentials (e.g. YOUTUBE_CLIENT_ID and YOUTUBE_CLIENT_SECRET) are not set on the server is a 400 saying it is not configured.",
  tags: calendarTags,
  params: platformParams,
  query: connectQuery,
  responses: {
    401: errors[401],
    400: "An unknown platform, a bad redirect_uri, or the platform is not configured on this server",
    302: { description: "To the platform's consent page", schema: z.object({ authorization_url: z.string() }) },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/social/callback/{platform}",
  summary: "OAuth callback (called by the platform)",
  description: "No API key: the state issued by /social/connect identifies the workspace. A forged, expired or replayed state is a 400 and nothing is stored.",
  tags: calendarTags,
  auth: false,
  params: platformParams,
  query: callbackQuery,
  responses: {
    400: "A bad or used state, or the platform refused the code",
    302: "To the redirect_uri given to /social/connect",
    200: { description: "The connected account (when no redirect_uri was given)", schema: socialAccountSchema },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/social/accounts",
  summary: "List connected accounts",
  tags: calendarTags,
  responses: { 401: errors[401], 200: { description: "Connected accounts, newest first", schema: z.array(socialAccountSchema) } },
});
registerOperation({
  method: "post",
  path: "/api/v1/public/social/publish",
  summary: "Publish a video to several platforms now",
  description:
    "A calendar item at the current time with one task per platform; poll GET /social/publish/{job_id}. reel_url is a Cinetwin video (its video_url, share link or media:<id>) or a public MP4 URL, fetched once. channel publishes to Cinetwin's public channel.",
  tags: calendarTags,
  request: socialPublishIn,
  responses: {
    ...errors,
    400: "Validation error: an unknown platform or twin_id, a reel_url that is not a reachable video, no connected account, a video beyond a platform's limits; `field` names it",
    202: { description: "One task per platform", schema: socialPublishStartedSchema },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/social/publish/{job_id}",
  summary: "Poll one platform's publish",
  tags: calendarTags,
  params: z.object({ job_id: z.uuid() }),
  responses: { 401: errors[401], 404: notFound, 200: { description: "The publish task", schema: publishJobSchema } },
});
registerOperation({
  method: "delete",
  path: "/api/v1/public/social/disconnect/{platform}",
  summary: "Disconnect a platform",
  description: "Forgets the platform's accounts and their tokens. Posts already made stay on the platform.",
  tags: calendarTags,
  params: platformParams,
  responses: { 401: errors[401], 404: "No account of the platform is connected", 204: "Disconnected" },
});

const analyticsNote =
  "Synced every 6 hours (and by POST /analytics/social/sync): the built-in channel counts its viewers per day; a social platform reports lifetime totals, so a day's numbers there are the difference of two daily snapshots (a post's first snapshot counts on its publish day; never negative). Days are UTC; the window is the last `days` days, today included. Engagement (views, likes, comments, shares) is the posts'; followers_gained is the accounts' (with twin_id: that twin's channel only, as accounts belong to the workspace).";
registerOperation({
  method: "get",
  path: "/api/v1/public/analytics/social",
  summary: "Get analytics: daily rows per platform (Recharts-compatible)",
  description: `One row per platform per day, zero-filled so a chart is continuous, sorted by date then platform: pass it to <AreaChart data={...}> (filter by platform or pivot per platform for one series each). Without platform: the platforms the workspace publishes to (rows, connected accounts, the channel once it has a video). ${analyticsNote}`,
  tags,
  query: analyticsQuery,
  responses: {
    401: errors[401],
    400: "Validation error: days outside 1..365, an unknown platform, a twin_id that is not a UUID or names no twin of this workspace; `field` names it",
    200: { description: "The rows", schema: z.array(analyticsRowSchema) },
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/public/analytics/social/summary",
  summary: "Summary rollup: totals and deltas against the previous period",
  description: `Totals of the window and of the period of the same length just before it, the change and percent change, overall and per platform, and the top 10 posts by views. ${analyticsNote}`,
  tags,
  query: analyticsQuery,
  responses: {
    401: errors[401],
    400: "Validation error: days, platform or twin_id; `field` names it",
    200: { description: "The summary", schema: analyticsSummarySchema },
  },
});
registerOperation({
  method: "post",
  path: "/api/v1/public/analytics/social/export",
  summary: "Export report (CSV)",
  description:
    "Queues a CSV of the same daily rows as GET /analytics/social (columns platform, date, views, likes, comments, shares, followers_gained). Poll GET /api/v1/tasks/{task_id}: when done, result.download_url is a signed link to the file, valid for one hour (result.expires_at says until when), with result.rows, from, to and platform.",
  tags,
  request: analyticsExportIn,
  responses: {
    ...errors,
    400: "Validation error: format other than csv, days outside 1..365, an unknown platform or twin_id; `field` names it",
    202: { description: "Queued", schema: analyticsTaskSchema },
  },
});
registerOperation({
  method: "post",
  path: "/api/v1/public/analytics/social/sync",
  summary: "Sync analytics now (Cinetwin extension)",
  description:
    "Not in the seed, which syncs on a schedule only. Queues the workspace's sync (the channel's views, each connected account's insights); while one is queued or running, answers with that one's task instead of starting another. Poll GET /api/v1/tasks/{task_id}; result has rows (daily rows written), accounts and skipped (accounts whose platform refused, with the reason).",
  tags,
  responses: { 401: errors[401], 202: { description: "The sync's task", schema: analyticsTaskSchema } },
});
