import { z } from "zod";
import { accessTokenSchema, accountSchema, apiTokenCreatedSchema, apiTokenOutSchema, actorSchema, approvedSchema, generatedVideoSchema, meSchema, templateSavedSchema, videoJobCreatedSchema, videoJobSchema, voiceCloneStartedSchema, voiceSchema, personOutSchema, projectOutSchema, projectStatusSchema, regenerateStartedSchema, sceneUpdatedSchema, upscaleStartedSchema } from "@/lib/api/openapi/responses";
import { buildOpenApiDocument, registerOperation } from "@/lib/api/openapi/registry";
import { pageIn } from "@/lib/api/route";
import { approveIn, regenerateIn, personIn, personPatchIn, projectListQuery, sceneUpdateIn, storyIn } from "@/lib/api/twin-actor";
import { apiTokenInput } from "@/lib/validation/api-tokens";
import { templateJobIn, videoJobIn } from "@/lib/api/colossyan";
import { createActorIn } from "@/lib/videos/actors";
import { createEndpointInput } from "@/lib/validation/webhooks";
import { loginInput, registerInput } from "@/lib/validation/auth";
import { voiceCloneProviderIds } from "@/lib/validation/voice";

/**
 * The REST API's OpenAPI 3.1 document, built from the zod schemas the routes parse with.
 * A new endpoint adds one `registerOperation` call here.
 */

const id = (...names: string[]) => z.object(Object.fromEntries(names.map((n) => [n, z.number().int().positive()])));
const projectParams = id("project_id");
const pageFields = { limit: "Page size", offset: "Rows to skip" };

// Auth
registerOperation({ method: "post", path: "/api/v1/auth/register", summary: "Create an account", tags: ["Auth"], auth: false, request: registerInput, responses: { 201: { description: "The new account and its workspace", schema: accountSchema }, 403: "Sign-up is disabled on this server", 409: "The email is already registered" } });
registerOperation({ method: "post", path: "/api/v1/auth/login", summary: "Get an access token (OAuth2 password form)", description: "Send `username` (the email) and `password` form-encoded; JSON is accepted too.", tags: ["Auth"], auth: false, request: loginInput, requestType: "application/x-www-form-urlencoded", fields: { username: "The account's email" }, responses: { 200: { description: "A 24-hour access token", schema: accessTokenSchema }, 401: "Incorrect username or password", 429: "Too many failed attempts for this account or from this address; Retry-After gives the seconds to wait" } });
registerOperation({ method: "get", path: "/api/v1/auth/me", summary: "Who the credentials belong to", tags: ["Auth"], responses: { 200: { description: "The user, workspace and credit balance", schema: meSchema } } });

// Persons
registerOperation({ method: "get", path: "/api/v1/persons", summary: "List persons", tags: ["Persons"], query: pageIn, fields: pageFields, responses: { 200: { description: "Persons, newest first", schema: z.array(personOutSchema) } } });
registerOperation({ method: "post", path: "/api/v1/persons", summary: "Create a person", tags: ["Persons"], request: personIn, fields: { photo_base64: "JPG, PNG or WebP as base64 or a data URL" }, responses: { 201: { description: "The person", schema: personOutSchema } } });
registerOperation({ method: "get", path: "/api/v1/persons/{person_id}", summary: "Get a person", tags: ["Persons"], params: id("person_id"), responses: { 200: { description: "The person", schema: personOutSchema } } });
registerOperation({ method: "patch", path: "/api/v1/persons/{person_id}", summary: "Update a person (PUT works too)", tags: ["Persons"], params: id("person_id"), request: personPatchIn, responses: { 200: { description: "The updated person", schema: personOutSchema } } });
registerOperation({ method: "delete", path: "/api/v1/persons/{person_id}", summary: "Delete a person", tags: ["Persons"], params: id("person_id"), responses: { 204: "Deleted" } });

// Voice clone: the route reads these multipart fields with lib/validation/voice.ts (voiceCloneFields) plus the file.
const voiceCloneForm = z.object({ person_id: z.number().int().positive(), provider: z.enum(voiceCloneProviderIds).default("local"), audio_file: z.string().meta({ format: "binary" }) });
registerOperation({ method: "post", path: "/api/v1/voice-clone/clone", summary: "Clone a person's voice from an audio sample", description: "Upload 3 s to 5 min of speech (mp3, wav, m4a/aac, ogg/opus, webm or flac; at most 20 MB; checked by content). The sample is analysed in the background: poll GET /persons/{person_id} until `has_voice` is true, or `voice_status` is `failed` (see `voice_error`). Without an ElevenLabs adapter configured, `elevenlabs` requests are served by the local profiler; `provider` in the response says which one worked.", tags: ["Persons"], request: voiceCloneForm, requestType: "multipart/form-data", fields: { person_id: "The person whose voice this is", provider: "local or elevenlabs", audio_file: "The voice sample" }, responses: { 202: { description: "The sample is stored and being analysed", schema: voiceCloneStartedSchema }, 400: "A field is missing or invalid; `audio_file` is not audio, empty, too short, too long or too large", 429: "Too many samples in a short time" } });

// Stories
registerOperation({ method: "post", path: "/api/v1/stories/create", summary: "Write a story into a scene project", description: "Plans the scenes of a story for a person. Review and edit them, then approve to render.", tags: ["Stories"], request: storyIn, fields: { person_id: "The person who stars in the story", story_idea: "What the video is about", num_scenes: "How many scenes to plan", use_avatar_first_scene: "Open with the person speaking to camera", use_avatar_last_scene: "Close with the person speaking to camera" }, responses: { 201: { description: "The proposed project with its scenes", schema: projectOutSchema } } });

// Scene projects
registerOperation({ method: "get", path: "/api/v1/scene-projects", summary: "List scene projects", tags: ["Scene projects"], query: projectListQuery, fields: { ...pageFields, person_id: "Only this person's projects", status_filter: "Only projects in this status" }, responses: { 200: { description: "Projects, newest first", schema: z.array(projectOutSchema) } } });
registerOperation({ method: "get", path: "/api/v1/scene-projects/{project_id}", summary: "Get a scene project", tags: ["Scene projects"], params: projectParams, responses: { 200: { description: "The project with its scenes", schema: projectOutSchema } } });
registerOperation({ method: "get", path: "/api/v1/scene-projects/{project_id}/status", summary: "Poll a project's progress", tags: ["Scene projects"], params: projectParams, responses: { 200: { description: "Status, progress and per-scene steps", schema: projectStatusSchema } } });
registerOperation({ method: "post", path: "/api/v1/scene-projects/{project_id}/approve", summary: "Approve the credit cost and start rendering", tags: ["Scene projects"], params: projectParams, request: approveIn, responses: { 202: { description: "Rendering started; poll the status endpoint", schema: approvedSchema }, 400: "The project is not in proposed state, or confirm_credits is not true", 403: "Insufficient credits" } });
registerOperation({ method: "patch", path: "/api/v1/scene-projects/{project_id}/scenes/{scene_id}", summary: "Edit a scene before approval (PUT works too)", tags: ["Scene projects"], params: id("project_id", "scene_id"), request: sceneUpdateIn, description: "Send at least one field.", responses: { 200: { description: "The updated scene", schema: sceneUpdatedSchema }, 400: "The project can no longer be edited (already approved)" } });

registerOperation({ method: "post", path: "/api/v1/scene-projects/{project_id}/scenes/{scene_number}/regenerate", summary: "Regenerate one scene and re-stitch the video", description: "Charges that scene's credits again (reserved now, captured on success, refunded on failure). A new image implies a new clip. Only that scene's segment is re-rendered; if regeneration fails the previous version is kept.", tags: ["Scene projects"], params: id("project_id", "scene_number"), request: regenerateIn, fields: { regenerate_image: "Paint a new image (and so a new clip)", regenerate_video: "Make a new clip", updated_image_prompt: "Replace the image prompt first", updated_motion_prompt: "Replace the motion prompt first" }, responses: { 202: { description: "Regeneration started; poll the status endpoint", schema: regenerateStartedSchema }, 400: "The project is not completed, or nothing to regenerate", 403: "Insufficient credits" } });
registerOperation({ method: "post", path: "/api/v1/scene-projects/{project_id}/upscale", summary: "Upscale the final video to twice its size (free)", tags: ["Scene projects"], params: projectParams, responses: { 202: { description: "Upscaling started; final_video_url_upscaled is set when done", schema: upscaleStartedSchema }, 200: { description: "Already upscaled", schema: upscaleStartedSchema }, 400: "The project is not completed" } });

// API tokens
registerOperation({ method: "get", path: "/api/v1/api-tokens", summary: "List API tokens", tags: ["API tokens"], query: pageIn, fields: pageFields, responses: { 200: { description: "The workspace's active tokens, newest first (never the secret)", schema: z.array(apiTokenOutSchema) } } });
registerOperation({ method: "post", path: "/api/v1/api-tokens", summary: "Create an API token", description: "The `token` is returned once. Use it as `Authorization: Bearer ctw_...` or `X-API-Key: ctw_...`.", tags: ["API tokens"], request: apiTokenInput, fields: { name: "What the token is for, e.g. the tool that uses it" }, responses: { 201: { description: "The token, with its secret shown this once", schema: apiTokenCreatedSchema } } });
registerOperation({ method: "delete", path: "/api/v1/api-tokens/{token_id}", summary: "Revoke an API token", tags: ["API tokens"], responses: { 204: "Revoked; the token stops working at once" } });

// Video generation (the timeline dialect)
const jobParams = z.object({ job_id: z.string().uuid() });
const videoParams = z.object({ video_id: z.string().uuid() });
registerOperation({ method: "post", path: "/api/v1/video-generation-jobs", summary: "Render a videoCreative timeline", description: "Scenes of tracks (actor, image, video, audio, text, captions) with Colossyan's timing rules. `{variables}` in texts are filled from dynamicVariables. The job is validated completely before it is queued; a bad body is a 400 naming the field. On finish or failure the `callback` URL gets a signed POST (Cinetwin-Signature: v1=HMAC-SHA256 of `timestamp.body`).", tags: ["Video generation"], request: videoJobIn, responses: { 200: { description: "The job and the id its video will have", schema: videoJobCreatedSchema } } });
registerOperation({ method: "get", path: "/api/v1/video-generation-jobs", summary: "List video generation jobs", tags: ["Video generation"], query: pageIn, fields: pageFields, responses: { 200: { description: "Jobs, newest first", schema: z.array(videoJobSchema) } } });
registerOperation({ method: "get", path: "/api/v1/video-generation-jobs/{job_id}", summary: "Poll a job: status, progress / maximumProgress, and the job", tags: ["Video generation"], params: jobParams, responses: { 200: { description: "The job", schema: videoJobSchema } } });
registerOperation({ method: "delete", path: "/api/v1/video-generation-jobs/{job_id}", summary: "Stop and remove a job", tags: ["Video generation"], params: jobParams, responses: { 204: "Removed; a render in progress stops" } });
registerOperation({ method: "post", path: "/api/v1/video-generation-jobs/{job_id}/template", summary: "Save a job as a template", description: "The returned id is the templateJobId of /video-generation-jobs/template-jobs; the job's {placeholders} are kept.", tags: ["Video generation"], params: jobParams, responses: { 201: { description: "The template", schema: templateSavedSchema } } });
registerOperation({ method: "post", path: "/api/v1/video-generation-jobs/template-jobs", summary: "Render a saved template with new dynamicVariables", tags: ["Video generation"], request: templateJobIn, responses: { 200: { description: "The job", schema: videoJobCreatedSchema } } });
registerOperation({ method: "get", path: "/api/v1/generated-videos/{video_id}", summary: "Get a generated video", tags: ["Video generation"], params: videoParams, responses: { 200: { description: "The video; publicUrl opens its share page", schema: generatedVideoSchema } } });
registerOperation({ method: "delete", path: "/api/v1/generated-videos/{video_id}", summary: "Delete a generated video", tags: ["Video generation"], params: videoParams, responses: { 200: "Deleted" } });
registerOperation({ method: "get", path: "/api/v1/assets/actors", summary: "The workspace's characters as actors", tags: ["Assets"], query: pageIn, fields: pageFields, responses: { 200: { description: "Actors; use `name` in actor tracks", schema: z.array(actorSchema) } } });
registerOperation({ method: "post", path: "/api/v1/assets/actors", summary: "Create an instant avatar from an image or video URL", tags: ["Assets"], request: createActorIn, responses: { 201: { description: "The new actor's name", schema: z.object({ name: z.string() }) } } });
registerOperation({ method: "get", path: "/api/v1/assets/voices", summary: "The voices the speech engines offer, with the workspace's cloned character voices first (speakerId character-<id>)", tags: ["Assets"], query: pageIn, fields: pageFields, responses: { 200: { description: "Voices; use `name` as speakerId", schema: z.array(voiceSchema) } } });

// Webhooks
const webhookParams = z.object({ endpoint_id: z.string().uuid() });
registerOperation({ method: "post", path: "/api/v1/webhooks", summary: "Register a webhook endpoint", description: "Events: project.completed, project.failed, scene.regenerated, upscale.completed, video.finished, video.failed (empty = all). The signing secret is returned once; deliveries carry Cinetwin-Signature: v1=HMAC-SHA256(secret, `timestamp.body`).", tags: ["Webhooks"], request: createEndpointInput, responses: { 201: "The endpoint with its secret" } });
registerOperation({ method: "get", path: "/api/v1/webhooks", summary: "List webhook endpoints", tags: ["Webhooks"], query: pageIn, fields: pageFields, responses: { 200: "Endpoints (without secrets)" } });
registerOperation({ method: "delete", path: "/api/v1/webhooks/{endpoint_id}", summary: "Delete a webhook endpoint", tags: ["Webhooks"], params: webhookParams, responses: { 204: "Deleted" } });
registerOperation({ method: "post", path: "/api/v1/webhooks/{endpoint_id}/test", summary: "Send a signed test event", tags: ["Webhooks"], params: webhookParams, responses: { 202: "Queued" } });
registerOperation({ method: "get", path: "/api/v1/webhooks/{endpoint_id}/deliveries", summary: "The endpoint's delivery log", tags: ["Webhooks"], query: pageIn, fields: pageFields, params: webhookParams, responses: { 200: "Deliveries, newest first: status, attempts, last response code" } });

const tags = [
  { name: "Auth", description: "Accounts and access tokens" },
  { name: "Persons", description: "The people who star in your videos" },
  { name: "Stories", description: "Turn an idea into a planned scene project" },
  { name: "Scene projects", description: "Review, edit, approve and follow a video as it renders" },
  { name: "API tokens", description: "Long-lived tokens for scripts and integrations" },
  { name: "Video generation", description: "Render timelines of scenes and tracks; templates; callbacks" },
  { name: "Assets", description: "Actors and voices for timelines" },
  { name: "Webhooks", description: "Signed event deliveries to your endpoints" },
];

/** The document as served at /api/openapi.json; `serverUrl` is this server's origin. */
export function openApiDocument(serverUrl: string) {
  return buildOpenApiDocument({
    title: "Cinetwin API",
    version: "1.0.0",
    description:
      "The REST API of this Cinetwin server. Authenticate with an API token (Settings → API tokens) as `Authorization: Bearer ctw_...` or `X-API-Key: ctw_...`, or with an access token from POST /api/v1/auth/login. Errors are JSON `{ \"detail\": \"...\" }`.",
    serverUrl,
    tags,
  });
}
