import { z } from "zod";
import { platforms } from "@/db/schema/characters";
import { postStatuses, publishPlatforms } from "@/db/schema/social";
import {
  aspectRatioSchema,
  captionStyleSchema,
  type CharacterInput,
  hashtagsSchema,
  memoryNotesSchema,
  platformKeys,
  styleTagsSchema,
  voiceIdSchema,
} from "@/lib/validation/characters";
import { CAPTION_PRESETS } from "@/lib/composition/timeline";
import { type BurnStyle, CAPTION_POSITIONS, captionColorSchema, captionLanguageSchema } from "@/lib/validation/captions";
import { bulkQualitySchema, platformSchema } from "@/lib/validation/bulk";
import { UUID_PATTERN } from "@/lib/validation/ids";
import { text } from "@/lib/validation/text";
import { MAX_URL_LENGTH, publicHttpUrlField } from "@/lib/validation/urls";

/** Request schemas of the content-workflow (AINative) dialect, in its field names. */

/** Missing is "required"; present but not a string says so (both schema failures, 422). */
const required = (field: string) => (input: unknown) => (input === undefined ? `${field} is required` : `${field} must be a string`);

const name = text({ label: "name", max: 80, min: 1, required: required("name"), tooShort: "name is required" });
const personaPrompt = text({ label: "persona_prompt", max: 2000 });
const description = text({ label: "description", max: 500 });
const styleTags = styleTagsSchema.describe("Words that steer the look of generated frames");
const voiceId = voiceIdSchema.describe(
  "A voice of GET /api/v1/assets/voices (local-en-us-f3, ...) or another system's id (en-US-Neural2-A), which speaks with the voice of its locale",
);

/** One platform's defaults in the seed's snake_case; unknown settings are refused by name. */
const platformSettings = z
  .object({
    caption_style: captionStyleSchema.optional().describe('How captions are written there, e.g. "short" or "hashtag-heavy"'),
    hashtags: hashtagsSchema.optional().describe("Hashtags (without #) added to posts there"),
    aspect_ratio: aspectRatioSchema.optional().describe("The aspect ratio of renders for that platform"),
  })
  .strict();

export const platformDefaultsIn = platformKeys(z.record(z.string(), platformSettings)).describe(
  `Per platform (${platforms.join(", ")}): caption_style, hashtags, aspect_ratio`,
);

const memoryNotes = memoryNotesSchema.describe(
  "Cinetwin extension: the twin's memory (its memory_namespace), notes the story writer reads when it proposes scenes; replaces the whole list",
);

export const twinIn = z.object({
  name,
  voice_id: voiceId.nullish(),
  style_tags: styleTags.default([]),
  persona_prompt: personaPrompt.default(""),
  platform_defaults: platformDefaultsIn.default({}),
  description: description.default("").describe("Cinetwin extension: who they are, in a line"),
  memory_notes: memoryNotes.optional(),
});
export type TwinIn = z.infer<typeof twinIn>;

/** PATCH: every field optional; platform_defaults replaces the whole map, voice_id null clears it. */
export const twinPatchIn = z
  .object({
    name: name.optional(),
    voice_id: voiceId.nullable().optional(),
    style_tags: styleTags.optional(),
    persona_prompt: personaPrompt.optional(),
    platform_defaults: platformDefaultsIn.optional(),
    description: description.optional(),
    memory_notes: memoryNotes.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to update");
export type TwinPatchIn = z.infer<typeof twinPatchIn>;

const uuid = (field: string) => text({ label: field, max: 100, required: required(field) }).regex(UUID_PATTERN, `${field} must be a twin id (a UUID)`);

export const avatarGenerateIn = z.object({
  twin_id: uuid("twin_id").describe("The twin who speaks"),
  script: text({ label: "script", max: 5000, min: 1, required: required("script") }),
  voice_id: voiceId.nullish().describe("A voice instead of the twin's own (see voice_id of POST /twins)"),
  avatar_id: uuid("avatar_id")
    .nullish()
    .describe("Another twin whose photo appears instead of this twin's (the local renderer's avatars are twins); it speaks with this twin's voice"),
});
export type AvatarGenerateIn = z.infer<typeof avatarGenerateIn>;

type PlatformSettingsIn = z.infer<typeof platformSettings>;

/** The seed's platform_defaults in the domain's words (captionStyle, aspectRatio). */
export function platformDefaultsOf(v: Partial<Record<string, PlatformSettingsIn>>): CharacterInput["platformDefaults"] {
  return Object.fromEntries(
    Object.entries(v).map(([platform, s]) => [
      platform,
      {
        ...(s?.caption_style !== undefined ? { captionStyle: s.caption_style } : {}),
        ...(s?.hashtags !== undefined ? { hashtags: s.hashtags } : {}),
        ...(s?.aspect_ratio !== undefined ? { aspectRatio: s.aspect_ratio } : {}),
      },
    ]),
  );
}

/** A twin's fields as a character's; undefined leaves a field alone (PATCH). */
export function characterFieldsOf(v: TwinPatchIn) {
  return {
    name: v.name,
    description: v.description,
    persona: v.persona_prompt,
    styleTags: v.style_tags,
    voiceId: v.voice_id,
    platformDefaults: v.platform_defaults ? platformDefaultsOf(v.platform_defaults) : undefined,
  };
}

/** Form booleans: true/false, 1/0, yes/no, on/off (an empty field is false). */
const formBoolean = (field: string) =>
  text({ label: field, max: 10 })
    .transform((v) => v.toLowerCase())
    .refine((v) => ["", "true", "false", "1", "0", "yes", "no", "on", "off"].includes(v), `${field} must be true or false`)
    .transform((v) => ["true", "1", "yes", "on"].includes(v));

/** POST /captions/generate's text fields (audio_file is the form's file). */
export const captionsGenerateFields = z.object({
  reel_url: text({ label: "reel_url", max: MAX_URL_LENGTH })
    .optional()
    .describe("URL of a video or audio file (public http(s)), or one of this workspace's: media:<id>, a signed /api/media URL or a share link of its video"),
  language: captionLanguageSchema().default("en").describe("The spoken language, e.g. en or pt-BR (default en); the offline recogniser hears English"),
  burn_in: formBoolean("burn_in").default(false).describe("Also burn the captions into the video once ready (plain, white, bottom)"),
});
export type CaptionsGenerateFields = z.infer<typeof captionsGenerateFields>;

/** The multipart body as OpenAPI shows it. */
export const captionsGenerateIn = captionsGenerateFields.extend({
  audio_file: z
    .string()
    .meta({ format: "binary" })
    .optional()
    .describe("An audio or video file (mp4, mov, webm, wav, mp3, m4a, ogg, flac); give this or reel_url"),
});

export const burnInIn = z.object({
  font_size: z
    .number({ error: "font_size must be a number" })
    .int("font_size must be a whole number of pixels")
    .min(8, "font_size must be from 8 to 300")
    .max(300, "font_size must be from 8 to 300")
    .optional()
    .describe("Pixels of the output video; absent: about 5.5% of its height"),
  // prefault, not default: a default skips the transform, and "white" would reach the renderer as it is.
  font_color: captionColorSchema("font_color").prefault("white").describe("white, yellow, black or #rrggbb"),
  position: z.enum(CAPTION_POSITIONS, { error: `position must be one of ${CAPTION_POSITIONS.join(", ")}` }).default("bottom"),
  style: z
    .enum(CAPTION_PRESETS, { error: `style must be one of ${CAPTION_PRESETS.join(", ")}` })
    .default("plain")
    .describe(
      "Cinetwin extension: plain (outlined text), boxed (text on a translucent box) or highlight (a few words at a time, the spoken word lit: vertical reels)",
    ),
});
export type BurnInIn = z.infer<typeof burnInIn>;

/** The seed's burn-in body as the domain's style. */
export const burnStyleOf = (v: BurnInIn): BurnStyle => ({
  color: v.font_color,
  position: v.position,
  preset: v.style,
  ...(v.font_size !== undefined ? { fontSize: v.font_size } : {}),
});

/** POST /bulk/reels: the form's fields beside csv_file (the seed's twin_id and platform; quality is a Cinetwin extension). */
export const bulkReelsFields = z.object({
  twin_id: uuid("twin_id").describe("The twin who speaks every reel"),
  platform: text({ label: "platform", max: 20, required: required("platform") })
    .pipe(platformSchema)
    .describe(`The target platform (${platforms.join(", ")}): rows with a blank platform cell take it`),
  quality: bulkQualitySchema
    .default("final")
    .describe(
      "Cinetwin extension: final (1080x1920) or draft (304x540: at most 540 rows high like every draft render, the fast encoder, free like every draft) for a quick look",
    ),
});

/** The form as OpenAPI documents it: the fields and the CSV file. */
export const bulkReelsForm = bulkReelsFields.extend({
  csv_file: z
    .string()
    .meta({ format: "binary" })
    .describe("CSV with script, platform, voice_id columns (at most 100 rows); other columns fill {column} in the script"),
});

/** Where the calendar and /social/publish may post: the seed's four platforms and "channel", Cinetwin's own public channel. */
const publishPlatformIn = (field: string) =>
  text({ label: field, max: 20, required: required(field) }).pipe(
    z.enum(publishPlatforms, { error: `${field} must be one of ${publishPlatforms.join(", ")}` }),
  );

const isoDateTime = (field: string) =>
  text({ label: field, max: 40, required: required(field) })
    .pipe(z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date and time, e.g. 2026-05-01T10:00:00Z` }))
    .transform((s) => new Date(s));

const videoIdIn = text({ label: "video_id", max: 100 })
  .regex(UUID_PATTERN, "video_id must be a video id (a UUID)")
  .describe(
    "Cinetwin extension: the finished video to publish (a render's video_id, e.g. from a task's result); without it the post holds the script only and cannot publish until a video is attached",
  );

/** POST /content/calendar. */
export const calendarIn = z
  .object({
    twin_id: uuid("twin_id").describe("The twin the post belongs to"),
    title: text({ label: "title", max: 200, min: 1, required: required("title"), tooShort: "title is required" }),
    platform: publishPlatformIn("platform")
      .optional()
      .describe(`${publishPlatforms.join(", ")}: channel is Cinetwin's public channel (no connection needed)`),
    platforms: z
      .array(publishPlatformIn("platforms"), { error: "platforms must be a list" })
      .min(1, "platforms cannot be empty")
      .max(5)
      .optional()
      .describe("Cinetwin extension: several platforms for the one post (instead of platform)"),
    scheduled_at: isoDateTime("scheduled_at").describe("When to publish (UTC or with an offset); must not be in the past"),
    script: text({ label: "script", max: 10_000 }).default(""),
    video_id: videoIdIn.optional(),
    caption: text({ label: "caption", max: 5000 })
      .optional()
      .describe("Cinetwin extension: the caption on every platform (else the title with the twin's hashtags there), cut to each platform's limit"),
  })
  .refine((v) => v.platform !== undefined || v.platforms !== undefined, { message: "platform is required", path: ["platform"] });
export type CalendarIn = z.infer<typeof calendarIn>;

export const calendarQuery = z.object({
  platform: publishPlatformIn("platform").optional(),
  status: text({ label: "status", max: 20 })
    .pipe(z.enum(postStatuses, { error: `status must be one of ${postStatuses.join(", ")}` }))
    .optional(),
  from_date: isoDateOrTime("from_date").optional(),
  to_date: isoDateOrTime("to_date").optional(),
});

/** A date (2026-05-01: its start in UTC) or a date and time. */
function isoDateOrTime(field: string) {
  return text({ label: field, max: 40 })
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success, `${field} must be an ISO 8601 date or date and time`)
    .transform((s) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s));
}

export const socialPlatformIn = (field: string) =>
  text({ label: field, max: 20, required: required(field) }).pipe(z.enum(platforms, { error: `${field} must be one of ${platforms.join(", ")}` }));

export const connectQuery = z.object({
  redirect_uri: publicHttpUrlField("redirect_uri").optional().describe("Where the user lands after connecting (with ?connected=<platform> or ?error=...)"),
});

export const callbackQuery = z.object({
  code: text({ label: "code", max: 4000 }).optional(),
  state: text({ label: "state", max: 200, min: 1, required: required("state"), tooShort: "state is required" }),
  error: text({ label: "error", max: 200 }).optional(),
  error_description: text({ label: "error_description", max: 1000 }).optional(),
});

/** POST /social/publish. */
export const socialPublishIn = z.object({
  platforms: z.array(publishPlatformIn("platforms"), { error: "platforms must be a list" }).min(1, "platforms cannot be empty").max(5),
  reel_url: text({ label: "reel_url", max: MAX_URL_LENGTH, min: 1, required: required("reel_url"), tooShort: "reel_url is required" }).describe(
    "The video: a Cinetwin video (its video_url, share link or media:<id>) or a public http(s) URL of an MP4, fetched once",
  ),
  caption: text({ label: "caption", max: 5000 }).default(""),
  twin_id: uuid("twin_id"),
  title: text({ label: "title", max: 200 })
    .optional()
    .describe("Cinetwin extension: the post's title (YouTube's video title); default: the caption's first line"),
});

/** Social analytics: ?platform=&days=&twin_id= of GET /analytics/social and its summary; the export's body. */
const analyticsPlatforms = [...publishPlatforms, "all"] as const;
const analyticsPlatform = z
  .enum(analyticsPlatforms, { error: `platform must be one of ${publishPlatforms.join(", ")} (or all)` })
  .transform((p) => (p === "all" ? undefined : p))
  .describe(`One platform (${publishPlatforms.join(", ")}; channel is Cinetwin's own public channel), or all (the default)`);
const DAYS = "days must be a whole number from 1 to 365";
const analyticsTwin = uuid("twin_id").describe("Only this twin's posts (and its channel's followers); accounts belong to the workspace, not to a twin");

export const analyticsQuery = z.object({
  platform: analyticsPlatform.optional(),
  days: text({ label: "days", max: 12 })
    .refine((s) => /^\d{1,3}$/.test(s) && Number(s) >= 1 && Number(s) <= 365, DAYS)
    .transform(Number)
    .optional()
    .meta({ type: "integer", minimum: 1, maximum: 365, default: 30 })
    .describe("The lookback window in days, today (UTC) included: 1 to 365, default 30"),
  twin_id: analyticsTwin.optional(),
});
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

export const analyticsExportIn = z.object({
  format: z.enum(["csv"], { error: "format must be csv" }).default("csv").describe("csv (the only format)"),
  days: z.number({ error: DAYS }).int(DAYS).min(1, DAYS).max(365, DAYS).default(30).describe("The lookback window in days, default 30"),
  platform: analyticsPlatform.optional(),
  twin_id: analyticsTwin.optional(),
});
export type AnalyticsExportIn = z.infer<typeof analyticsExportIn>;
