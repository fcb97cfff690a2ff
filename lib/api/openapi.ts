import { buildOpenApiDocument } from "@/lib/api/openapi/registry";
// Each dialect registers its operations when its module loads.
import "@/lib/api/twin-actor/openapi";
import "@/lib/api/colossyan/openapi";
import "@/lib/api/studio/openapi";
import "@/lib/api/ainative/openapi";
import "@/lib/api/holoworld/openapi";

/**
 * The REST API's OpenAPI 3.1 document, generated from the zod schemas the routes parse with.
 * A new endpoint adds one `registerOperation` call in its dialect's openapi.ts.
 */

const tags = [
  { name: "Auth", description: "Accounts and access tokens" },
  { name: "Persons", description: "The people who star in your videos" },
  { name: "Stories", description: "Turn an idea into a planned scene project" },
  { name: "Scene projects", description: "Review, edit, approve and follow a video as it renders" },
  { name: "API tokens", description: "Long-lived tokens for scripts and integrations" },
  { name: "Video generation", description: "Render timelines of scenes and tracks; templates; callbacks" },
  { name: "Assets", description: "Actors and voices for timelines" },
  { name: "Webhooks", description: "Signed event deliveries to your endpoints" },
  { name: "Content workflow", description: "Twins (personas with voice, style and platform defaults), avatar renders and task polling, with X-API-Key" },
  {
    name: "Studio",
    description: "Holoworld-style renders: up to 5 scenes of an agent speaking over a background, square or vertical, captions, brainrot; with x-api-key",
  },
];

/** The document as served at /api/openapi.json; `serverUrl` is this server's origin. */
export function openApiDocument(serverUrl: string) {
  return buildOpenApiDocument({
    title: "Cinetwin API",
    version: "1.0.0",
    description:
      'The REST API of this Cinetwin server. Authenticate with an API token (Settings → API tokens) as `Authorization: Bearer ctw_...` or `X-API-Key: ctw_...`, or with an access token from POST /api/v1/auth/login. Errors are JSON `{ "detail": "..." }`.',
    serverUrl,
    tags,
  });
}
