import { z } from "zod";

const when = z.string().meta({ format: "date-time" });

export const apiTokenOutSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().meta({ description: "The first 10 characters, to recognise the token" }),
  created_at: when,
  last_used_at: when.nullable(),
});
export const apiTokenCreatedSchema = apiTokenOutSchema.omit({ last_used_at: true }).extend({
  token: z.string().meta({ description: "The secret `ctw_...` token. Shown in this response only; store it now" }),
});

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  enabled: z.boolean(),
  created_at: when,
  last_delivery_at: when.nullable(),
  secret: z.string().optional().meta({ description: "The signing secret: only in the response that created the endpoint" }),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  subject: z.string(),
  url: z.string(),
  endpoint_id: z.string().nullable().meta({ description: "null for a per-job callback URL rather than a registered endpoint" }),
  status: z.string(),
  attempts: z.number().int(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: when,
  delivered_at: when.nullable(),
});
