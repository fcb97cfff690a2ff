import { z } from "zod";
import { uuidSchema } from "./ids";
import { text } from "./text";
import { publicHttpUrl, URL_REFUSED } from "./urls";

/** Events an endpoint can subscribe to. `webhook.test` always reaches the endpoint it targets. */
export const webhookEvents = [
  "project.completed",
  "project.failed",
  "scene.regenerated",
  "upscale.completed",
  "video.finished",
  "video.failed",
  "post.published",
  "post.failed",
] as const;
export type WebhookEvent = (typeof webhookEvents)[number] | "webhook.test";

export const createEndpointInput = z.object({
  url: z
    .string({ error: "url is required" })
    .trim()
    .min(1, "Enter the URL that should receive events")
    .pipe(publicHttpUrl({ label: "The URL", invalid: "Enter a full URL starting with https:// or http://", refused: `Webhook URL ${URL_REFUSED}` })),
  events: z
    .array(z.enum(webhookEvents, { error: `events must be some of ${webhookEvents.join(", ")}` }))
    .max(webhookEvents.length)
    .default([]),
  description: text({ label: "The description", max: 200 }).optional(),
});
export type CreateEndpointInput = z.input<typeof createEndpointInput>;

/** Names one endpoint; ids that are not UUIDs cannot exist. */
const endpointId = uuidSchema("Webhook not found");
export const endpointIdInput = z.object({ id: endpointId });

export const setEndpointEnabledInput = z.object({ id: endpointId, enabled: z.boolean() });
