import { z } from "zod";
import { timelineSchema } from "@/lib/composition/timeline";
import { publicHttpUrl, publicHttpUrlField, URL_REFUSED } from "@/lib/validation/urls";

/** Request schemas of the video-generation (Colossyan) dialect, in its field names. */

const variables = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
  .describe("Values for the {placeholders} in the videoCreative's texts and scripts");
const callbackPayload = z.record(z.string(), z.unknown()).describe("Sent back in the callback's body");

/**
 * videoCreative is parsed by the engine after `{variables}` are filled (lib/videos/engine.ts
 * validateCreative, with lib/composition/timeline.ts), so a bad one is a 400 naming its path;
 * here it only has to be an object. The OpenAPI document shows the timeline schema itself.
 */
const videoCreativeIn = z.unknown().refine((v) => typeof v === "object" && v !== null && !Array.isArray(v), "videoCreative is required and must be an object");

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
  templateJobId: z.string({ error: "templateJobId is required" }).min(1, "templateJobId is required"),
  // The seed marks it required; {} is the way to say "no variables".
  dynamicVariables: variables,
  callbackUrl: publicHttpUrlField("callbackUrl").nullish(),
  callback: publicHttpUrlField("callback").nullish().describe("Alias of callbackUrl"),
  callbackPayload: callbackPayload.nullish(),
});

export const saveTemplateIn = z.object({ name: z.string().trim().min(1).max(120).optional() });

export const createActorIn = z.object({
  displayName: z.string().trim().max(80).optional().describe("Name to be displayed for the avatar"),
  sourceFileUrl: z
    .string({ error: "sourceFileUrl is required" })
    .pipe(publicHttpUrl({ invalid: "sourceFileUrl must be an absolute http or https URL", refused: `sourceFileUrl: ${URL_REFUSED}` }))
    .describe("URL to the video or image file for the avatar to be created from"),
  gender: z.string().max(20).optional(),
});

/** POST /api/knowledge-to-draft/generate-draft (experimental in the seed, so outside /v1). */
export const knowledgeDraftIn = z.object({
  summary: z.object({
    title: z.string({ error: "summary.title is required" }).trim().min(1, "summary.title is required").max(200),
    description: z.string().trim().max(1000).default(""),
    chapters: z
      .array(
        z.object({
          title: z.string().trim().min(1, "each chapter needs a title").max(200),
          script: z.string().trim().min(1, "each chapter needs a script").max(600, "a chapter script must be at most 600 characters"),
          searchTerms: z.string().trim().max(300).optional(),
        }),
      )
      .min(1, "summary.chapters needs at least one chapter")
      .max(10, "summary.chapters can have at most 10 chapters"),
  }),
  templateId: z.string().nullish().describe("Accepted for compatibility; the studio has one draft layout"),
});
