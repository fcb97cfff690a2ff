import path from "node:path";
import { z } from "zod";

const boolish = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

/** An empty variable counts as unset (a `.env` line like `S3_ENDPOINT=`). */
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());

const envSchema = z
  .object({
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
    MEDIA_URL_TTL: z.coerce
      .number()
      .int()
      .min(30)
      .default(6 * 3600),
    MAX_PHOTO_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(8 * 1024 * 1024),
    /**
     * host or host:port list that outbound requests (remote media, callbacks, webhooks) may reach
     * although private; off unless set (read by lib/net/address.ts on each request).
     */
    OUTBOUND_ALLOW_HOSTS: z.string().optional(),
    /** Older name of OUTBOUND_ALLOW_HOSTS, still read. */
    REMOTE_FETCH_ALLOW_HOSTS: z.string().optional(),
    /** How often, at most, a running task writes its progress (ms). */
    TASK_PROGRESS_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(500),
    /** Older name of OUTBOUND_ALLOW_HOSTS, still read. */
    WEBHOOK_ALLOW_HOSTS: z.string().optional(),
    /** Who transcribes captions of media Cinetwin did not make: "local" (pocketsphinx, offline, English) or "openai" (read by lib/providers/transcribe). */
    TRANSCRIBE_PROVIDER: z.enum(["local", "openai"]).default("local"),
    /** The same, by the name the other capabilities' variables follow; wins over TRANSCRIBE_PROVIDER. */
    TRANSCRIBER: z.enum(["local", "openai"]).optional(),
    /** An OpenAI-compatible server's API root (OpenAI's, or a self-hosted faster-whisper server's /v1). */
    TRANSCRIBE_OPENAI_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
    /** Its key (else OPENAI_API_KEY); a self-hosted server may need none. */
    TRANSCRIBE_OPENAI_API_KEY: optionalString,
    /** Its model: whisper-1 at OpenAI; the server's model name elsewhere (e.g. Systran/faster-whisper-small). */
    TRANSCRIBE_OPENAI_MODEL: optionalString,
    /** The pocketsphinx_continuous binary (default: from PATH). */
    POCKETSPHINX_PATH: optionalString,
    /** Where media lives: "local" (DATA_DIR/media) or an S3-compatible bucket (read by lib/storage). */
    STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
    S3_BUCKET: optionalString,
    S3_REGION: optionalString.transform((v) => v ?? "us-east-1"),
    /** For MinIO and other S3-compatibles; unset means AWS itself. */
    S3_ENDPOINT: z.preprocess((v) => (v === "" ? undefined : v), z.string().url().optional()),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /** Bucket in the path (http://host/bucket/key) rather than the host name: most S3-compatibles want it. */
    S3_FORCE_PATH_STYLE: boolish.default(false),
  })
  .superRefine((e, ctx) => {
    if (e.STORAGE_DRIVER !== "s3") return;
    const missing = (name: keyof typeof e, why: string) => ctx.addIssue({ code: "custom", path: [name], message: `required when STORAGE_DRIVER=s3${why}` });
    if (!e.S3_BUCKET) missing("S3_BUCKET", "");
    // On AWS the SDK's own credential chain (AWS_* variables, an instance role) may supply the
    // keys; an S3-compatible server at S3_ENDPOINT has no such chain, and half a key pair is a typo.
    const why = e.S3_ENDPOINT ? " and S3_ENDPOINT is set" : " and the other key of the pair is set";
    const needKeys = !!e.S3_ENDPOINT || !!e.S3_ACCESS_KEY_ID || !!e.S3_SECRET_ACCESS_KEY;
    if (needKeys && !e.S3_ACCESS_KEY_ID) missing("S3_ACCESS_KEY_ID", why);
    if (needKeys && !e.S3_SECRET_ACCESS_KEY) missing("S3_SECRET_ACCESS_KEY", why);
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
