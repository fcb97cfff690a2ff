import { z } from "zod";
import { registerOperation } from "../openapi/registry";
import { backgroundsSchema, renderCreatedSchema, renderSchema } from "./responses";
import { renderIn } from "./schemas";

/** The studio (Holoworld) dialect's operations. */

registerOperation({
  method: "post",
  path: "/api/studio/render",
  summary: "Render a video of scenes: an agent speaking over a background",
  description: [
    "Authenticate with `x-api-key: <API token>` (Settings → API tokens). At most 5 scenes. Each scene's agent (`modelConfig.id`, a character of your workspace) speaks its text with its own voice, over the scene's background image, for as long as the speech.",
    "Placement: `modelConfig.x` and `modelConfig.y` are the agent's centre in percent of the frame (0,0 the top left, 50,50 the middle), as in the studio's editor; `modelConfig.scale` (0.1 to 2.0) sizes the agent's box relative to the frame: `scale` times half the frame's width and height, so 1.0 is a box half the frame's size with the background around it and 2.0 the whole frame; the agent is fitted inside the box. In the brainrot style the frame is the top half.",
    "Output: 1200x1200 for 1/1, 1080x1920 for 9/16. Backgrounds: builtin:<id> (GET /api/studio/backgrounds), media:<id> of a library image, or an http(s) URL of a JPG or PNG of at most 5 MB (checked by content; a GIF is a 400); another size is fitted (cover) and `warnings` says so. A text over 200 characters renders with a `warnings` entry.",
    "Price: 0.3 credits a scene, 0.1 more a scene with captions, reserved now, captured when the render completes and refunded if it fails. A 400 names the field and charges nothing.",
  ].join("\n\n"),
  tags: ["Studio"],
  request: renderIn,
  responses: { 200: { description: "The render, queued", schema: renderCreatedSchema } },
});
registerOperation({
  method: "get",
  path: "/api/studio/render/{renderId}",
  summary: "Poll a render: status, and the MP4's url once completed",
  tags: ["Studio"],
  params: z.object({ renderId: z.string().meta({ description: "The id POST /api/studio/render returned (render-<uuid>)" }) }),
  responses: { 200: { description: "The render", schema: renderSchema } },
});
registerOperation({
  method: "get",
  path: "/api/studio/backgrounds",
  summary: "Built-in backgrounds (1200x1200 and 1080x1920) and brainrot clips",
  tags: ["Studio"],
  responses: { 200: { description: "Backgrounds and clips, each with the source a render accepts", schema: backgroundsSchema } },
});
