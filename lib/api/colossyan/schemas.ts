import { z } from "zod";
import { timelineSchema } from "@/lib/composition/timeline";
import { jsonObject } from "@/lib/validation/json";
import { text } from "@/lib/validation/text";
import { publicHttpUrl, publicHttpUrlField, URL_REFUSED } from "@/lib/validation/urls";
import { dynamicVariablesSchema, videoCreativeSchema } from "@/lib/validation/videos";

/** Request schemas of the video-generation (Colossyan) dialect, in its field names. */

const variables = dynamicVariablesSchema.describe("Values for the {placeholders} in the videoCreative's texts and scripts");
/** Echoed in the callback's body, so kept small. */
const callbackPayload = jsonObject({ label: "callbackPayload", maxBytes: 64 * 1024 }).describe(
  "Sent back in the callback's body: at most 64 KiB of JSON, nested at most 32 levels",
);

/**
 * videoCreative is parsed by the engine after `{variables}` are filled (lib/videos/engine.ts
 * validateCreative, with lib/composition/timeline.ts), so a bad one is a 400 naming its path;
 * here it has to be an object that can be stored as sent (keys of the caller's own included).
 * The OpenAPI document shows the timeline schema itself.
 */
const videoCreativeIn = videoCreativeSchema("videoCreative");

export const videoJobIn = z.object({
  videoCreative: videoCreativeIn,
  dynamicVariables: variables.nullish(),
  /**
   * The seed's job body calls it `callback`; its template-jobs body calls it `callbackUrl`: both
   * work. Checked again, with every address the host resolves to, at delivery.
   */
  callback: publicHttpUrlField("callback").nullish().describe("URL that gets a signed POST when the video is finished or failed"),
  callbackUrl: publicHttpUrlField("callbackUrl").nullish().describe("Alias of callback"),
  callbackPayload: callbackPayload.nullish(),
  draft: z.boolean().optional().describe("Cinetwin extension: a fast preview render (at most 540p)"),
});

/** The same body as documented: videoCreative typed by the timeline schema the engine parses with. */
export const videoJobDoc = videoJobIn.extend({ videoCreative: timelineSchema });

export const templateJobIn = z.object({
  // Any other shape than a uuid cannot exist: the service answers 404 before a query.
  templateJobId: text({ label: "templateJobId", max: 100, min: 1, required: "templateJobId is required", tooShort: "templateJobId is required" }),
  // The seed marks it required; {} is the way to say "no variables".
  dynamicVariables: variables,
  callbackUrl: publicHttpUrlField("callbackUrl").nullish(),
  callback: publicHttpUrlField("callback").nullish().describe("Alias of callbackUrl"),
  callbackPayload: callbackPayload.nullish(),
});

export const saveTemplateIn = z.object({ name: text({ label: "name", max: 120, min: 1 }).optional() });

export const createActorIn = z.object({
  displayName: text({ label: "displayName", max: 80 }).optional().describe("Name to be displayed for the avatar"),
  sourceFileUrl: publicHttpUrl({
    label: "sourceFileUrl",
    required: "sourceFileUrl is required",
    invalid: "sourceFileUrl must be an absolute http or https URL",
    refused: `sourceFileUrl: ${URL_REFUSED}`,
  }).describe("URL to the video or image file for the avatar to be created from"),
  gender: text({ label: "gender", max: 20 }).optional(),
});

/** POST /api/knowledge-to-draft/generate-draft (experimental in the seed, so outside /v1). */
export const knowledgeDraftIn = z.object({
  summary: z.object({
    title: text({ label: "summary.title", max: 200, min: 1, required: "summary.title is required", tooShort: "summary.title is required" }),
    description: text({ label: "summary.description", max: 1000 }).default(""),
    chapters: z
      .array(
        z.object({
          title: text({ label: "a chapter title", max: 200, min: 1, tooShort: "each chapter needs a title", required: "each chapter needs a title" }),
          script: text({ label: "a chapter script", max: 600, min: 1, tooShort: "each chapter needs a script", required: "each chapter needs a script" }),
          searchTerms: text({ label: "searchTerms", max: 300 }).optional(),
        }),
        { error: "summary.chapters must be a list of chapters" },
      )
      .min(1, "summary.chapters needs at least one chapter")
      .max(10, "summary.chapters can have at most 10 chapters"),
  }),
  templateId: text({ label: "templateId", max: 200 }).nullish().describe("Accepted for compatibility; the studio has one draft layout"),
});
