import http from "node:http";
import { listenLocal } from "@/lib/test/local-server";

/**
 * A local server speaking ElevenLabs' API as its reference documents it, for the adapters' tests:
 * the xi-api-key header; POST /v1/text-to-speech/{voice_id}/with-timestamps (JSON text and
 * model_id, output_format in the query) answering audio_base64 and the character alignment;
 * POST /v1/voices/add (multipart: name and one or more files) answering voice_id; and the
 * documented error body `{ detail: { status, message } }` (FastAPI's `{ detail: [...] }` for a
 * malformed request). Knobs: rateLimitNext (429s with Retry-After), hang (never answers),
 * malformed (a 200 without the documented fields), voiceLimitReached (the add is refused).
 */
export interface FakeElevenLabs {
  url: string;
  requests: Array<{ method: string; path: string; query: Record<string, string>; key: string | undefined; body: Record<string, unknown> }>;
  /** Voice ids that exist: the library's stock voice and every voice added. */
  voices: Set<string>;
  knobs: { rateLimitNext: number; hang: boolean; malformed: boolean; voiceLimitReached: boolean };
  counts: { speech: number; adds: number };
  reset(): void;
  close(): Promise<void>;
}

/** The fake's speech: 24 kHz mono, each character MS_PER_CHAR long (a tone, silence for a space). */
export const FAKE_MS_PER_CHAR = 50;
export const FAKE_STOCK_VOICE = "JBFqnCBsd6RMkjVDRZzb";

/** The environment that points the ElevenLabs adapters at a fake (an operator's base URL, so trusted). */
export const fakeElevenLabsEnv = (fake: Pick<FakeElevenLabs, "url">, apiKey: string) => ({
  ELEVENLABS_BASE_URL: fake.url,
  ELEVENLABS_API_KEY: apiKey,
  ELEVENLABS_TIMEOUT_MS: "5000",
});

const PCM_RATES: Record<string, number> = { pcm_16000: 16_000, pcm_22050: 22_050, pcm_24000: 24_000, pcm_44100: 44_100 };

export async function startFakeElevenLabs(opts: { apiKey: string }): Promise<FakeElevenLabs> {
  const knobs = { rateLimitNext: 0, hang: false, malformed: false, voiceLimitReached: false };
  const counts = { speech: 0, adds: 0 };
  const requests: FakeElevenLabs["requests"] = [];
  const voices = new Set([FAKE_STOCK_VOICE]);
  let nextVoice = 1;

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  const error = (res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    send(res, status, { detail: { status: code, message } }, headers);

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const url = new URL(req.url ?? "/", "http://fake");
    const type = String(req.headers["content-type"] ?? "");
    let body: Record<string, unknown> = {};
    if (type.startsWith("multipart/form-data")) {
      const form = await new Request(url, { method: "POST", headers: { "content-type": type }, body: new Uint8Array(raw) }).formData();
      const files = [...form.getAll("files"), ...form.getAll("files[]")].filter((f): f is File => typeof f !== "string");
      body = {
        name: form.get("name"),
        files: await Promise.all(files.map(async (f) => ({ name: f.name, type: f.type, size: (await f.arrayBuffer()).byteLength }))),
      };
    } else if (raw.length) {
      try {
        body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
      } catch {
        return send(res, 422, { detail: [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }] });
      }
    }
    const key = req.headers["xi-api-key"] as string | undefined;
    requests.push({ method: req.method ?? "", path: url.pathname, query: Object.fromEntries(url.searchParams), key, body });
    if (knobs.hang) return;
    if (key !== opts.apiKey) return error(res, 401, "invalid_api_key", "Invalid API key");
    if (knobs.rateLimitNext > 0) {
      knobs.rateLimitNext--;
      return error(res, 429, "too_many_concurrent_requests", "Too many concurrent requests.", { "retry-after": "0" });
    }
    const tts = /^\/v1\/text-to-speech\/([^/]+)\/with-timestamps$/.exec(url.pathname);
    if (req.method === "POST" && tts) return speech(res, decodeURIComponent(tts[1]), body, url.searchParams.get("output_format") ?? "mp3_44100_128");
    if (req.method === "POST" && url.pathname === "/v1/voices/add") return addVoice(res, body);
    // GET /v1/user: the account and its subscription, the cheap call a connection test makes.
    if (req.method === "GET" && url.pathname === "/v1/user")
      return send(res, 200, {
        user_id: "fake-user",
        subscription: { tier: "creator", character_count: 1200, character_limit: 100000, status: "active" },
        is_new_user: false,
      });
    send(res, 404, { detail: "Not Found" });
  }

  function speech(res: http.ServerResponse, voiceId: string, body: Record<string, unknown>, format: string) {
    counts.speech++;
    if (typeof body.text !== "string" || !body.text.trim())
      return send(res, 422, { detail: [{ loc: ["body", "text"], msg: "Field required", type: "missing" }] });
    if (body.text.length > 10_000)
      return error(
        res,
        400,
        "max_character_limit_exceeded",
        `This request's text has ${body.text.length} characters and exceeds the character limit of 10000 characters.`,
      );
    if (!voices.has(voiceId)) return error(res, 400, "voice_not_found", `A voice with the voice_id ${voiceId} was not found.`);
    const rate = PCM_RATES[format];
    if (!rate) return error(res, 400, "invalid_output_format", `this fake only answers PCM output formats, not ${format}`);
    if (knobs.malformed) return send(res, 200, { audio_base64: "", alignment: null });
    const chars = [...body.text];
    const perChar = Math.round((FAKE_MS_PER_CHAR * rate) / 1000);
    const data = Buffer.alloc(chars.length * perChar * 2);
    chars.forEach((c, i) => {
      if (/\s/.test(c)) return;
      const hz = 180 + (c.codePointAt(0)! % 40) * 5;
      for (let n = 0; n < perChar; n++) data.writeInt16LE(Math.round(7000 * Math.sin((2 * Math.PI * hz * n) / rate)), (i * perChar + n) * 2);
    });
    const seconds = (i: number) => (i * FAKE_MS_PER_CHAR) / 1000;
    const alignment = {
      characters: chars,
      character_start_times_seconds: chars.map((_, i) => seconds(i)),
      character_end_times_seconds: chars.map((_, i) => seconds(i + 1)),
    };
    send(res, 200, { audio_base64: data.toString("base64"), alignment, normalized_alignment: alignment });
  }

  function addVoice(res: http.ServerResponse, body: Record<string, unknown>) {
    counts.adds++;
    const files = (body.files as Array<{ size: number }> | undefined) ?? [];
    if (typeof body.name !== "string" || !body.name) return send(res, 422, { detail: [{ loc: ["body", "name"], msg: "Field required", type: "missing" }] });
    if (files.length === 0) return send(res, 422, { detail: [{ loc: ["body", "files"], msg: "Field required", type: "missing" }] });
    if (files.some((f) => f.size === 0)) return error(res, 400, "invalid_audio", "One of the uploaded files is empty.");
    if (knobs.voiceLimitReached)
      return error(
        res,
        400,
        "voice_limit_reached",
        "You have reached your maximum amount of custom voices (10 / 10). You can upgrade your subscription to increase your custom voice limit.",
      );
    if (knobs.malformed) return send(res, 200, { requires_verification: false });
    const id = `clonedVoice${String(nextVoice++).padStart(8, "0")}`;
    voices.add(id);
    send(res, 200, { voice_id: id, requires_verification: false });
  }

  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void answer(req, res, Buffer.concat(chunks)));
  };
  const server = await listenLocal(handler);
  return {
    url: server.url,
    requests,
    voices,
    knobs,
    counts,
    reset: () => {
      Object.assign(knobs, { rateLimitNext: 0, hang: false, malformed: false, voiceLimitReached: false });
      Object.assign(counts, { speech: 0, adds: 0 });
      requests.length = 0;
    },
    close: server.close,
  };
}
