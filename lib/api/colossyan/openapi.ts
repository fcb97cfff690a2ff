import { z } from "zod";
import { registerOperation } from "../openapi/registry";
import { pageIn, wholeListIn } from "../route";
import { actorSchema, generatedVideoSchema, templateSavedSchema, videoJobCreatedSchema, videoJobSchema, voiceSchema } from "./responses";
import { createActorIn, knowledgeDraftIn, saveTemplateIn, templateJobIn, videoJobDoc } from "./schemas";

/** The video-generation (Colossyan) dialect's operations. */

const pageFields = { limit: "Page size", offset: "Rows to skip" };
const jobParams = z.object({ job_id: z.uuid() });
const videoParams = z.object({ video_id: z.uuid() });
const badId = (what: string) => `The ${what} id is not a UUID`;
registerOperation({
  method: "post",
  path: "/api/v1/video-generation-jobs",
  summary: "Render a videoCreative timeline",
  description:
    "Scenes of tracks (actor, image, video, audio, text, captions) with Colossyan's timing rules. `{variables}` in texts are filled from dynamicVariables. The job is validated completely before it is queued; a bad body is a 400 naming the field. On finish or failure the `callback` URL gets a signed POST (Cinetwin-Signature: v1=HMAC-SHA256 of `timestamp.body`).",
  tags: ["Video generation"],
  request: videoJobDoc,
  responses: { 200: { description: "The job and the id its video will have", schema: videoJobCreatedSchema } },
});
registerOperation({
  method: "get",
  path: "/api/v1/video-generation-jobs",
  summary: "List video generation jobs",
  tags: ["Video generation"],
  query: pageIn,
  fields: pageFields,
  responses: { 200: { description: "Jobs, newest first", schema: z.array(videoJobSchema) } },
});
registerOperation({
  method: "get",
  path: "/api/v1/video-generation-jobs/{job_id}",
  summary: "Poll a job: status, progress / maximumProgress, and the job",
  tags: ["Video generation"],
  params: jobParams,
  responses: { 400: badId("job"), 200: { description: "The job", schema: videoJobSchema } },
});
registerOperation({
  method: "delete",
  path: "/api/v1/video-generation-jobs/{job_id}",
  summary: "Stop and remove a job",
  tags: ["Video generation"],
  params: jobParams,
  responses: { 400: badId("job"), 204: "Removed; a render in progress stops" },
});
registerOperation({
  method: "post",
  path: "/api/v1/video-generation-jobs/{job_id}/template",
  summary: "Save a job as a template",
  description: "The returned id is the templateJobId of /video-generation-jobs/template-jobs; the job's {placeholders} are kept.",
  tags: ["Video generation"],
  params: jobParams,
  request: saveTemplateIn,
  responses: { 400: badId("job"), 201: { description: "The template", schema: templateSavedSchema } },
});
registerOperation({
  method: "post",
  path: "/api/v1/video-generation-jobs/template-jobs",
  summary: "Render a saved template with new dynamicVariables",
  tags: ["Video generation"],
  request: templateJobIn,
  responses: { 200: { description: "The job", schema: videoJobCreatedSchema } },
});
registerOperation({
  method: "get",
  path: "/api/v1/generated-videos/{video_id}",
  summary: "Get a generated video",
  tags: ["Video generation"],
  params: videoParams,
  responses: { 400: badId("video"), 200: { description: "The video: publicUrl is the MP4 file, shareUrl its share page", schema: generatedVideoSchema } },
});
registerOperation({
  method: "delete",
  path: "/api/v1/generated-videos/{video_id}",
  summary: "Delete a generated video",
  tags: ["Video generation"],
  params: videoParams,
  responses: { 400: badId("video"), 200: "Deleted" },
});
registerOperation({
  method: "get",
  path: "/api/v1/assets/actors",
  summary: "The workspace's characters as actors",
  tags: ["Assets"],
  query: wholeListIn,
  fields: pageFields,
  responses: { 200: { description: "Actors; use `name` in actor tracks", schema: z.array(actorSchema) } },
});
registerOperation({
  method: "post",
  path: "/api/v1/assets/actors",
  summary: "Create an instant avatar from an image or video URL",
  tags: ["Assets"],
  request: createActorIn,
  responses: { 201: { description: "The new actor's name", schema: z.object({ name: z.string() }) } },
});
registerOperation({
  method: "get",
  path: "/api/v1/assets/voices",
  summary: "The voices the speech engines offer, with the workspace's cloned character voices first (speakerId character-<id>)",
  tags: ["Assets"],
  query: wholeListIn,
  fields: pageFields,
  responses: { 200: { description: "Voices; use `name` as speakerId", schema: z.array(voiceSchema) } },
});
registerOperation({
  method: "post",
  path: "/api/knowledge-to-draft/generate-draft",
  summary: "Draft a project from a structured summary (experimental)",
  description:
    "Experimental in the seed, so outside /api/v1 as there. One scene per chapter, the chapter's script as its narration; the draft opens in the studio for review.",
  tags: ["Video generation"],
  request: knowledgeDraftIn,
  responses: {
    200: {
      description: "Where the draft opens",
      schema: z.object({ url: z.string().meta({ format: "uri" }), id: z.number().int(), scenes: z.number().int() }),
    },
  },
});
