import { z } from "zod";
import { registerOperation } from "../openapi/registry";
import { pageIn } from "../route";
import { apiTokenInput } from "@/lib/validation/api-tokens";
import { createEndpointInput } from "@/lib/validation/webhooks";
import { apiTokenCreatedSchema, apiTokenOutSchema, webhookDeliverySchema, webhookEndpointSchema } from "./responses";

/** The studio's own API: API tokens and webhook endpoints. */

const pageFields = { limit: "Page size", offset: "Rows to skip" };
// API tokens
registerOperation({
  method: "get",
  path: "/api/v1/api-tokens",
  summary: "List API tokens",
  tags: ["API tokens"],
  query: pageIn,
  fields: pageFields,
  responses: { 200: { description: "The workspace's active tokens, newest first (never the secret)", schema: z.array(apiTokenOutSchema) } },
});
registerOperation({
  method: "post",
  path: "/api/v1/api-tokens",
  summary: "Create an API token",
  description: "The `token` is returned once. Use it as `Authorization: Bearer ctw_...` or `X-API-Key: ctw_...`.",
  tags: ["API tokens"],
  request: apiTokenInput,
  fields: { name: "What the token is for, e.g. the tool that uses it" },
  responses: { 201: { description: "The token, with its secret shown this once", schema: apiTokenCreatedSchema } },
});
registerOperation({
  method: "delete",
  path: "/api/v1/api-tokens/{token_id}",
  summary: "Revoke an API token",
  tags: ["API tokens"],
  responses: { 204: "Revoked; the token stops working at once" },
});

// Webhooks
const webhookParams = z.object({ endpoint_id: z.string().uuid() });
registerOperation({
  method: "post",
  path: "/api/v1/webhooks",
  summary: "Register a webhook endpoint",
  description:
    "Events: project.completed, project.failed, scene.regenerated, upscale.completed, video.finished, video.failed, post.published, post.failed (empty = all; post events come once per platform a post goes to). The signing secret is returned once; deliveries carry Cinetwin-Signature: v1=HMAC-SHA256(secret, `timestamp.body`).",
  tags: ["Webhooks"],
  request: createEndpointInput,
  responses: { 201: { description: "The endpoint with its secret", schema: webhookEndpointSchema } },
});
registerOperation({
  method: "get",
  path: "/api/v1/webhooks",
  summary: "List webhook endpoints",
  tags: ["Webhooks"],
  query: pageIn,
  fields: pageFields,
  responses: { 200: { description: "Endpoints (without secrets)", schema: z.array(webhookEndpointSchema.omit({ secret: true })) } },
});
registerOperation({
  method: "delete",
  path: "/api/v1/webhooks/{endpoint_id}",
  summary: "Delete a webhook endpoint",
  tags: ["Webhooks"],
  params: webhookParams,
  responses: { 204: "Deleted" },
});
registerOperation({
  method: "post",
  path: "/api/v1/webhooks/{endpoint_id}/test",
  summary: "Send a signed test event",
  tags: ["Webhooks"],
  params: webhookParams,
  responses: { 202: { description: "Queued", schema: z.object({ delivery_id: z.string() }) } },
});
registerOperation({
  method: "get",
  path: "/api/v1/webhooks/{endpoint_id}/deliveries",
  summary: "The endpoint's delivery log",
  tags: ["Webhooks"],
  query: pageIn,
  fields: pageFields,
  params: webhookParams,
  responses: { 200: { description: "Deliveries, newest first: status, attempts, last response code", schema: z.array(webhookDeliverySchema) } },
});
