import http from "node:http";
import sharp from "sharp";
import { writeWav } from "@/lib/media/wav";
import { listenLocal } from "@/lib/test/local-server";
import { chatCompletion, chatKnobsOff, type ChatKnobs } from "./openai-chat";

/**
 * A local server speaking OpenAI's API as its reference documents it, for the adapters' tests:
 * Bearer auth, the documented request fields and their limits, the documented answers, and
 * OpenAI's error body `{ error: { message, type, param, code } }`. Knobs: rateLimitNext (429s with
 * Retry-After before answering), hang (never answers), malformed (a 200 without the fields), and
 * the chat knobs of ./openai-chat.ts for POST /chat/completions.
 */
export interface FakeOpenAI {
  url: string;
  /** Every request's method, path and parsed JSON body, in order. */
  requests: Array<{ method: string; path: string; auth: string | undefined; body: Record<string, unknown> }>;
  knobs: { rateLimitNext: number; hang: boolean; malformed: boolean } & ChatKnobs;
  /** Knobs off and the request log emptied, between tests. */
  reset(): void;
  close(): Promise<void>;
}

/** The environment that points the OpenAI-compatible providers at a fake (an operator's base URL, so trusted). */
export const fakeOpenAIEnv = (fake: Pick<FakeOpenAI, "url">, apiKey: string) => ({
  OPENAI_BASE_URL: fake.url,
  OPENAI_API_KEY: apiKey,
  OPENAI_TIMEOUT_MS: "5000",
});

const IMAGE_SIZES: Record<string, string[]> = {
  gpt: ["1024x1024", "1536x1024", "1024x1536", "auto"],
  "dall-e-3": ["1024x1024", "1792x1024", "1024x1792"],
  "dall-e-2": ["256x256", "512x512", "1024x1024"],
};

export async function startFakeOpenAI(opts: { apiKey?: string } = {}): Promise<FakeOpenAI> {
  const knobs = { rateLimitNext: 0, hang: false, malformed: false, ...chatKnobsOff() };
  const requests: FakeOpenAI["requests"] = [];
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void answer(req, res, Buffer.concat(chunks)));
  };

  const error = (
    res: http.ServerResponse,
    status: number,
    message: string,
    extra: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {},
  ) =>
    res
      .writeHead(status, { "content-type": "application/json", ...extra.headers })
      .end(JSON.stringify({ error: { message, type: extra.type ?? "invalid_request_error", param: extra.param ?? null, code: extra.code ?? null } }));

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const path = (req.url ?? "").replace(/\?.*$/, "");
    let body: Record<string, unknown> = {};
    const type = String(req.headers["content-type"] ?? "");
    if (type.startsWith("multipart/form-data")) {
      // Uploads (transcriptions): the text fields, and each file as its name, type and size.
      const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData().catch(() => null);
      if (!form) return error(res, 400, "Could not parse multipart form");
      for (const [k, v] of form.entries()) {
        const value = typeof v === "string" ? v : { name: v.name, type: v.type, size: v.size };
        body[k] = k in body ? [body[k], value].flat() : value;
      }
    } else {
      try {
        body = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : {};
      } catch {
        return error(res, 400, "We could not parse the JSON body of your request.");
      }
    }
    requests.push({ method: req.method ?? "", path, auth: req.headers.authorization, body });
    if (knobs.hang) return;
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`)
      return error(res, 401, "Incorrect API key provided.", { type: "invalid_request_error", code: "invalid_api_key" });
    if (knobs.rateLimitNext > 0) {
      knobs.rateLimitNext--;
      return error(res, 429, "Rate limit reached for requests", { type: "requests", code: "rate_limit_exceeded", headers: { "retry-after": "0" } });
    }
    // GET /models, the cheap authenticated call a connection test makes: the models this fake serves.
    if (req.method === "GET" && path === "/v1/models")
      return res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          object: "list",
          data: ["gpt-image-1", "gpt-4o-mini", "gpt-4o-mini-tts"].map((id) => ({ id, object: "model", created: 1, owned_by: "fake" })),
        }),
      );
    if (req.method === "POST" && path === "/v1/images/generations") return images(res, body);
    if (req.method === "POST" && path === "/v1/audio/speech") return speech(res, body);
    if (req.method === "POST" && path === "/v1/chat/completions") return chat(res, body);
    if (req.method === "POST" && path === "/v1/audio/transcriptions") return transcription(res, body);
    error(res, 404, `Invalid URL (${req.method} ${path})`);
  }

  async function images(res: http.ServerResponse, body: Record<string, unknown>) {
    const model = typeof body.model === "string" ? body.model : "dall-e-2";
    const fam = /^gpt-image/.test(model) ? "gpt" : model;
    if (typeof body.prompt !== "string" || !body.prompt) return error(res, 400, "'prompt' is a required property", { param: "prompt" });
    const sizes = IMAGE_SIZES[fam] ?? IMAGE_SIZES.gpt;
    const size = typeof body.size === "string" ? body.size : "1024x1024";
    if (!sizes.includes(size))
      return error(res, 400, `Invalid value: '${size}'. Supported values are: ${sizes.map((s) => `'${s}'`).join(", ")}.`, { param: "size" });
    if (fam === "gpt" && body.response_format !== undefined) return error(res, 400, "Unknown parameter: 'response_format'.", { param: "response_format" });
    if (fam !== "gpt" && body.response_format !== "b64_json")
      return error(res, 400, "this fake only answers response_format b64_json", { param: "response_format" });
    if (knobs.malformed) return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ created: 1, data: [{}] }));
    const [w, h] = size === "auto" ? [1024, 1024] : size.split("x").map(Number);
    // A picture that shows which prompt it was drawn for: a colour from the prompt's letters.
    const hue = [...body.prompt].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 360, 7);
    const png = await sharp({ create: { width: w, height: h, channels: 3, background: `hsl(${hue}, 70%, 50%)` } })
      .png()
      .toBuffer();
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        created: Math.floor(Date.now() / 1000),
        data: [{ b64_json: png.toString("base64"), ...(fam === "dall-e-3" ? { revised_prompt: body.prompt } : {}) }],
        ...(fam === "gpt" ? { usage: { total_tokens: 4200, input_tokens: 50, output_tokens: 4150 } } : {}),
      }),
    );
  }

  function chat(res: http.ServerResponse, body: Record<string, unknown>) {
    if (knobs.malformed) return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "chatcmpl-odd", choices: [] }));
    const answer = chatCompletion(body, knobs);
    res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  }

  /** Speech as documented: model, input (at most 4096 characters), voice; a WAV of 60 ms per character of a 220 Hz tone. */
  function speech(res: http.ServerResponse, body: Record<string, unknown>) {
    if (typeof body.model !== "string" || !body.model) return error(res, 400, "'model' is a required property", { param: "model" });
    if (typeof body.input !== "string" || !body.input) return error(res, 400, "'input' is a required property", { param: "input" });
    if (body.input.length > 4096) return error(res, 400, "'input' is too long: at most 4096 characters", { param: "input" });
    if (typeof body.voice !== "string" || !body.voice) return error(res, 400, "'voice' is a required property", { param: "voice" });
    const format = body.response_format ?? "mp3";
    if (format !== "wav") return error(res, 400, "this fake only answers response_format wav", { param: "response_format" });
    if (knobs.malformed) return res.writeHead(200, { "content-type": "audio/wav" }).end("ID3 not a wav");
    const rate = 24_000;
    const samples = Math.round((body.input.length * 60 * rate) / 1000);
    const data = Buffer.alloc(samples * 2);
    for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / rate)), i * 2);
    res.writeHead(200, { "content-type": "audio/wav" }).end(writeWav({ sampleRate: rate, channels: 1, bitsPerSample: 16, data }));
  }

  /** Transcription as documented: multipart file and model; verbose_json answers one segment with its words. */
  function transcription(res: http.ServerResponse, body: Record<string, unknown>) {
    if (typeof body.model !== "string" || !body.model) return error(res, 400, "'model' is a required property", { param: "model" });
    if (!body.file || typeof body.file !== "object") return error(res, 400, "'file' is a required property", { param: "file" });
    if (knobs.malformed) return res.writeHead(200, { "content-type": "text/plain" }).end("not json");
    const words = ["Heard", "by", "the", "fake."].map((word, i) => ({ word, start: i * 0.4, end: i * 0.4 + 0.35 }));
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        task: "transcribe",
        language: "english",
        duration: 1.6,
        text: "Heard by the fake.",
        segments: [{ id: 0, start: 0, end: 1.55, text: " Heard by the fake." }],
        words,
      }),
    );
  }

  const server = await listenLocal(handler);
  return {
    url: `${server.url}/v1`,
    requests,
    knobs,
    reset: () => {
      Object.assign(knobs, { rateLimitNext: 0, hang: false, malformed: false, ...chatKnobsOff() });
      requests.length = 0;
    },
    close: server.close,
  };
}
