import { z } from "zod";
import { publishPlatforms, postStatuses } from "@/db/schema/social";
import { serialIdSchema, uuidSchema } from "./ids";
import { text } from "./text";

/** Domain words; each dialect maps the field names (characterId -> twin_id) in its own folder. */

export const POST_TITLE_MAX = 200;
export const POST_SCRIPT_MAX = 10_000;
export const POST_CAPTION_MAX = 5_000;

const platform = z.enum(publishPlatforms, { error: `platform must be one of ${publishPlatforms.join(", ")}` });

const scheduledAt = z.coerce.date({ error: "scheduledAt must be a date and time (ISO 8601, e.g. 2026-05-01T10:00:00Z)" });

export const postTargetInput = z.object({
  platform,
  /** Null or absent: the workspace's one connected account on that platform (none for the channel). */
  accountId: uuidSchema("accountId must be the id of a connected account").nullish(),
});

/** The fields, without defaults: a patch must leave out what it does not change. */
const postFields = {
  characterId: serialIdSchema("characterId must be the id of a character"),
  title: text({ label: "title", max: POST_TITLE_MAX, min: 1 }),
  script: text({ label: "script", max: POST_SCRIPT_MAX }),
  videoId: uuidSchema("videoId must be the id of a finished video").nullish(),
  scheduledAt,
  targets: z.array(postTargetInput, { error: "targets must be a list" }).min(1, "choose at least one place to publish").max(10, "at most 10 targets"),
  captions: z.partialRecord(platform, text({ label: "caption", max: POST_CAPTION_MAX })),
};

export const postInput = z.object({ ...postFields, script: postFields.script.default(""), captions: postFields.captions.default({}) });
export type PostInput = z.infer<typeof postInput>;

/** An edit of a scheduled post: any of its fields; those left out keep their values. */
export const postPatch = z.object(postFields).partial();
export type PostPatch = z.infer<typeof postPatch>;

export const postFilters = z.object({
  platform: platform.optional(),
  status: z.enum(postStatuses, { error: `status must be one of ${postStatuses.join(", ")}` }).optional(),
  from: z.coerce.date({ error: "from must be a date (ISO 8601)" }).optional(),
  to: z.coerce.date({ error: "to must be a date (ISO 8601)" }).optional(),
  characterId: serialIdSchema("characterId must be the id of a character").optional(),
});
export type PostFilters = z.infer<typeof postFilters>;
