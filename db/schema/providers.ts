import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

export const providerJobStatuses = ["submitting", "running", "succeeded", "failed"] as const;
export type ProviderJobStatus = (typeof providerJobStatuses)[number];

/**
 * One row per call to a model vendor (a painted frame, a clip, a narration, a clone): what was
 * asked (vendor, model, a hash of the request), the vendor's own job id saved the moment the
 * vendor gives it, and how it ended with its cost. A retry or a restart finds the row by
 * (subject, request hash) and resumes the same vendor job instead of paying for a second one.
 */
export const providerJobs = pgTable(
  "provider_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** What the call produces, as the caller names it: "scene:42:image". */
    subject: text("subject").notNull(),
    vendor: text("vendor").notNull(),
    model: text("model").notNull(),
    requestHash: text("request_hash").notNull(),
    vendorJobId: text("vendor_job_id"),
    status: text("status", { enum: providerJobStatuses }).notNull().default("submitting"),
    /** What the caller needs to use the result again without the vendor (stored media keys, timings). */
    result: jsonb("result").$type<Record<string, unknown> | null>(),
    error: text("error"),
    /** Submits made for this request: more than 1 only when a submit's answer was lost. */
    submits: integer("submits").notNull().default(0),
    /** The vendor's price for the call, in US dollars, when the vendor or our table knows it. */
    costUsd: numeric("cost_usd", { precision: 12, scale: 6 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("provider_jobs_request_idx").on(t.subject, t.requestHash), index("provider_jobs_ws_idx").on(t.workspaceId, t.createdAt)],
);

/**
 * A workspace's own choice of provider for one capability (Settings > Providers). Absent: the
 * operator's environment decides, else the local offline provider. The API key is sealed
 * (lib/providers/settings.ts, AES-256-GCM with the workspace and capability as associated data);
 * only its last four characters are kept in clear, to show which key it is.
 */
export const workspaceProviders = pgTable(
  "workspace_providers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** lib/validation/provider-settings.ts capabilities: "image", "speech"... */
    capability: text("capability").notNull(),
    providerId: text("provider_id").notNull(),
    model: text("model"),
    /** Not trusted like the operator's base URLs: requests to it go through the outbound guard. */
    baseUrl: text("base_url"),
    sealedKey: text("sealed_key"),
    keyLast4: text("key_last4"),
    /** When the vendor fails, the local provider makes the scene instead and the scene says why. */
    fallbackToOffline: boolean("fallback_to_offline").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("workspace_providers_capability_idx").on(t.workspaceId, t.capability)],
);
