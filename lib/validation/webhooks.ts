import { z } from "zod";
import { publicHttpUrl, URL_REFUSED } from "./urls";

/** Events an endpoint can subscribe to. `webhook.test` always reaches the endpoint it targets. */
export const webhookEvents = ["project.completed", "project.failed", "scene.regenerated", "upscale.completed", "video.finished", "video.failed"] as const;
export type WebhookEvent = (typeof webhookEvents)[number] | "webhook.test";

export const createEndpointInput = z.object({
  url: z
    .string({ error: "url is required" })
    .trim()
    .min(1, "Enter the URL that should receive events")
    .pipe(publicHttpUrl({ invalid: "Enter a full URL starting with https:// or http://", refused: `Webhook URL ${URL_REFUSED}` })),
  events: z.array(z.enum(webhookEvents)).max(webhookEvents.length).default([]),
  description: z.string().trim().max(200, "The description must be at most 200 characters").optional(),
});
export type CreateEndpointInput = z.input<typeof createEndpointInput>;

/** Names one endpoint; ids that are not UUIDs cannot exist. */
export const endpointIdInput = z.object({ id: z.uuid() });

export const setEndpointEnabledInput = z.object({ id: z.uuid(), enabled: z.boolean() });
