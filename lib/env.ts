import path from "node:path";
import { z } from "zod";

const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./data"),
  PORT: z.coerce.number().int().positive().default(3000),
  AUTH_SECRET: z.string().min(16).optional(),
  ALLOW_SIGNUP: boolish.default(true),
  STARTING_CREDITS: z.coerce.number().int().min(0).default(1000),
  /** "inline" runs the pg-boss worker inside the web server; "off" leaves it to `npm run worker`. */
  WORKER_MODE: z.enum(["inline", "off"]).default("inline"),
  PUBLIC_URL: z.string().url().optional(),
  /**
   * How many reverse proxies stand in front of the server, each appending to X-Forwarded-For.
   * 0 (the default): the TCP peer is the client, and a client-sent X-Forwarded-For is ignored.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  VIDEO_WIDTH: z.coerce.number().int().min(160).max(3840).default(1280),
  VIDEO_HEIGHT: z.coerce.number().int().min(90).max(2160).default(720),
  /** Seconds one media URL stays valid. */
  MEDIA_URL_TTL: z.coerce.number().int().min(30).default(6 * 3600),
  MAX_PHOTO_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  /** host or host:port list that remote asset fetches may reach although private (read by lib/media). */
  REMOTE_FETCH_ALLOW_HOSTS: z.string().optional(),
  /** How often, at most, a running task writes its progress (ms). */
  TASK_PROGRESS_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /** host or host:port list that webhooks may be delivered to although private (read by lib/webhooks). */
  WEBHOOK_ALLOW_HOSTS: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | null = null;

/** The environment, parsed once. Read lazily so scripts can set variables before first use. */
export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${issues}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Forgets the parsed environment so the next env() call reads process.env again (tests, CLI). */
export function reloadEnv(): void {
  cached = null;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

export function authSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set (scripts/start.ts generates one under DATA_DIR)");
  return secret;
}
