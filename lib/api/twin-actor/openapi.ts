import { z } from "zod";
import { registerOperation } from "../openapi/registry";
import { wholeListIn } from "../route";
import { loginInput, registerInput } from "@/lib/validation/auth";
import { voiceCloneProviderIds } from "@/lib/validation/voice";
import {
  accessTokenSchema,
  accountSchema,
  approvedSchema,
  meSchema,
  personOutSchema,
  projectOutSchema,
  projectStatusSchema,
  regenerateStartedSchema,
  sceneUpdatedSchema,
  upscaleStartedSchema,
  voiceCloneStartedSchema,
} from "./responses";
import { approveIn, personIn, personPatchIn, projectListQuery, regenerateIn, sceneUpdateIn, storyIn } from "./schemas";

/** The twin.actor dialect's operations (auth, persons, voice clone, stories, scene projects). */

/** Path ids: serial integers. */
const id = (...names: string[]) => z.object(Object.fromEntries(names.map((n) => [n, z.number().int().positive()])));
const projectParams = id("project_id");
const pageFields = { limit: "Page size", offset: "Rows to skip" };

// Auth
registerOperation({
  method: "post",
  path: "/api/v1/auth/register",
  summary: "Create an account",
  tags: ["Auth"],
  auth: false,
  request: registerInput,
  responses: {
    201: { description: "The new account and its workspace", schema: accountSchema },
    400: "Invalid input, or a password that is easy to guess: `detail` says why (`field` is `password`)",
    403: "Sign-up is disabled on this server",
    409: "The email is already registered",
  },
});
registerOperation({
  method: "post",
  path: "/api/v1/auth/login",
  summary: "Get an access token (OAuth2 password form)",
  description: "Send `username` (the email) and `password` form-encoded; JSON is accepted too.",
  tags: ["Auth"],
  auth: false,
  request: loginInput,
  requestType: "application/x-www-form-urlencoded",
  fields: { username: "The account's email" },
  responses: {
    200: { description: "A 24-hour access token", schema: accessTokenSchema },
    401: "Incorrect username or password",
    429: "Too many failed attempts from this address, or for this account from this address (each wait longer than the one before); Retry-After gives the seconds to wait",
  },
});
registerOperation({
  method: "get",
  path: "/api/v1/auth/me",
  summary: "Who the credentials belong to",
  tags: ["Auth"],
  responses: { 200: { description: "The user, workspace and credit balance", schema: meSchema } },
});

// Persons
registerOperation({
  method: "get",
  path: "/api/v1/persons",
  summary: "List persons",
  tags: ["Persons"],
  query: wholeListIn,
  fields: pageFields,
  responses: { 200: { description: "Persons, newest first", schema: z.array(personOutSchema) } },
});
registerOperation({
  method: "post",
  path: "/api/v1/persons",
  summary: "Create a person",
  tags: ["Persons"],
  request: personIn,
  fields: { photo_base64: "JPG, PNG or WebP as base64 or a data URL" },
  responses: { 201: { description: "The person", schema: personOutSchema } },
});
registerOperation({
  method: "get",
  path: "/api/v1/persons/{person_id}",
  summary: "Get a person",
  tags: ["Persons"],
  params: id("person_id"),
  responses: { 200: { description: "The person", schema: personOutSchema } },
});
registerOperation({
  method: "patch",
  path: "/api/v1/persons/{person_id}",
  summary: "Update a person (same as PUT)",
  tags: ["Persons"],
  params: id("person_id"),
  request: personPatchIn,
  responses: { 200: { description: "The updated person", schema: personOutSchema } },
});
registerOperation({
  method: "put",
  path: "/api/v1/persons/{person_id}",
  summary: "Update a person",
  tags: ["Persons"],
  params: id("person_id"),
  request: personPatchIn,
  responses: { 200: { description: "The updated person", schema: personOutSchema } },
});
registerOperation({
  method: "delete",
  path: "/api/v1/persons/{person_id}",
  summary: "Delete a person",
  tags: ["Persons"],
  params: id("person_id"),
  responses: { 204: "Deleted" },
});

// Voice clone: multipart fields (./schemas.ts voiceCloneFields) plus the file, typed as a client sends them.
const voiceCloneForm = z.object({
  person_id: z.number().int().positive(),
  provider: z.enum(voiceCloneProviderIds).default("local"),
  audio_file: z.string().meta({ format: "binary" }),
});
registerOperation({
  method: "post",
  path: "/api/v1/voice-clone/clone",
  summary: "Clone a person's voice from an audio sample",
  description:
    "Upload 3 s to 5 min of speech (mp3, wav, m4a/aac, ogg/opus, webm or flac; at most 20 MB; checked by content). The sample is analysed in the background: poll GET /persons/{person_id} until `has_voice` is true, or `voice_status` is `failed` (see `voice_error`). Without an ElevenLabs adapter configured, `elevenlabs` requests are served by the local profiler; `provider` in the response says which one worked.",
  tags: ["Persons"],
  request: voiceCloneForm,
  requestType: "multipart/form-data",
  fields: { person_id: "The person whose voice this is", provider: "local or elevenlabs", audio_file: "The voice sample" },
  responses: {
    202: { description: "The sample is stored and being analysed", schema: voiceCloneStartedSchema },
    400: "A field is missing or invalid; `audio_file` is not audio, empty, too short, too long or too large",
    429: "Too many samples in a short time",
  },
});

// Stories
registerOperation({
  method: "post",
  path: "/api/v1/stories/create",
  summary: "Write a story into a scene project",
  description: "Plans the scenes of a story for a person. Review and edit them, then approve to render.",
  tags: ["Stories"],
  request: storyIn,
  fields: {
    person_id: "The person who stars in the story",
    story_idea: "What the video is about",
    num_scenes: "How many scenes to plan",
    use_avatar_first_scene: "Open with the person speaking to camera",
    use_avatar_last_scene: "Close with the person speaking to camera",
  },
  responses: { 201: { description: "The proposed project with its scenes", schema: projectOutSchema } },
});

// Scene projects
registerOperation({
  method: "get",
  path: "/api/v1/scene-projects",
  summary: "List scene projects",
  tags: ["Scene projects"],
  query: projectListQuery,
  fields: { ...pageFields, person_id: "Only this person's projects", status_filter: "Only projects in this status" },
  responses: { 200: { description: "Projects, newest first", schema: z.array(projectOutSchema) } },
});
registerOperation({
  method: "get",
  path: "/api/v1/scene-projects/{project_id}",
  summary: "Get a scene project",
  tags: ["Scene projects"],
  params: projectParams,
  responses: { 200: { description: "The project with its scenes", schema: projectOutSchema } },
});
registerOperation({
  method: "get",
  path: "/api/v1/scene-projects/{project_id}/status",
  summary: "Poll a project's progress",
  tags: ["Scene projects"],
  params: projectParams,
  responses: { 200: { description: "Status, progress and per-scene steps", schema: projectStatusSchema } },
});
registerOperation({
  method: "post",
  path: "/api/v1/scene-projects/{project_id}/approve",
  summary: "Approve the credit cost and start rendering",
  tags: ["Scene projects"],
  params: projectParams,
  request: approveIn,
  responses: {
    202: { description: "Rendering started; poll the status endpoint", schema: approvedSchema },
    400: "The project is not in proposed state, or confirm_credits is not true",
    403: "Insufficient credits",
  },
});
// The seed's verb is PUT; PATCH does the same.
for (const method of ["patch", "put"] as const) {
  registerOperation({
    method,
    path: "/api/v1/scene-projects/{project_id}/scenes/{scene_id}",
    summary: method === "put" ? "Edit a scene before approval" : "Edit a scene before approval (same as PUT)",
    tags: ["Scene projects"],
    params: id("project_id", "scene_id"),
    request: sceneUpdateIn,
    description: "Send at least one field.",
    responses: { 200: { description: "The updated scene", schema: sceneUpdatedSchema }, 400: "The project can no longer be edited (already approved)" },
  });
}

registerOperation({
  method: "post",
  path: "/api/v1/scene-projects/{project_id}/scenes/{scene_number}/regenerate",
  summary: "Regenerate one scene and re-stitch the video",
  description:
    "Charges that scene's credits again (reserved now, captured on success, refunded on failure). A new image implies a new clip. Only that scene's segment is re-rendered; if regeneration fails the previous version is kept.",
  tags: ["Scene projects"],
  params: id("project_id", "scene_number"),
  request: regenerateIn,
  fields: {
    regenerate_image: "Paint a new image (and so a new clip)",
    regenerate_video: "Make a new clip",
    updated_image_prompt: "Replace the image prompt first",
    updated_motion_prompt: "Replace the motion prompt first",
  },
  responses: {
    202: { description: "Regeneration started; poll the status endpoint", schema: regenerateStartedSchema },
    400: "The project is not completed, or nothing to regenerate",
    403: "Insufficient credits",
  },
});
registerOperation({
  method: "post",
  path: "/api/v1/scene-projects/{project_id}/upscale",
  summary: "Upscale the final video to twice its size (free)",
  tags: ["Scene projects"],
  params: projectParams,
  responses: {
    202: { description: "Upscaling started; final_video_url_upscaled is set when done", schema: upscaleStartedSchema },
    200: { description: "Already upscaled", schema: upscaleStartedSchema },
    400: "The project is not completed",
  },
});
