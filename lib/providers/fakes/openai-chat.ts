/**
 * POST /chat/completions for the fake OpenAI server, as OpenAI's reference documents it: `model`
 * and `messages` required; `response_format` of type json_schema (with json_schema.name and
 * .schema) or json_object (whose messages must contain the word "json"); the answer in
 * choices[0].message.content with finish_reason and usage. The answer is a story built from the
 * prompt (the idea's words carried into every scene), so a test sees what reached the model.
 */

export interface ChatKnobs {
  /** Answer prose instead of JSON this many times. */
  chatInvalidJsonNext: number;
  /** Answer one scene too few this many times. */
  chatWrongCountNext: number;
  /** Answer a narration past its 600-character limit, inside a code fence, this many times. */
  chatTooLongNext: number;
  /** Refuse response_format json_schema, as a server (or model) without structured outputs. */
  chatNoJsonSchema: boolean;
  /** Answer 404 model_not_found, as for a model the key cannot use. */
  chatModelMissing: boolean;
}

export const chatKnobsOff = (): ChatKnobs => ({
  chatInvalidJsonNext: 0,
  chatWrongCountNext: 0,
  chatTooLongNext: 0,
  chatNoJsonSchema: false,
  chatModelMissing: false,
});

export type ChatAnswer = { status: number; body: unknown };

const fail = (status: number, message: string, extra: { type?: string; param?: string | null; code?: string | null } = {}): ChatAnswer => ({
  status,
  body: { error: { message, type: extra.type ?? "invalid_request_error", param: extra.param ?? null, code: extra.code ?? null } },
});

type Message = { role?: unknown; content?: unknown };
const textOf = (m: Message) =>
  typeof m.content === "string"
    ? m.content
    : Array.isArray(m.content)
      ? m.content.map((p: { text?: unknown }) => (typeof p?.text === "string" ? p.text : "")).join("\n")
      : "";

/** The scene count: the schema's minItems when a schema came, else the prompt's "N scenes". */
function sceneCount(body: Record<string, unknown>, prompt: string): number {
  const schema = (body.response_format as { json_schema?: { schema?: { properties?: { scenes?: { minItems?: unknown } } } } } | undefined)?.json_schema?.schema;
  const min = schema?.properties?.scenes?.minItems;
  if (typeof min === "number") return min;
  const m = /(\d+) scenes/.exec(prompt);
  return m ? Number(m[1]) : 3;
}

function story(prompt: string, count: number, tooLong: boolean) {
  const idea = /^Idea: (.+)$/m.exec(prompt)?.[1] ?? "an untitled idea";
  const who = /^Character: ([^(\n]+)/m.exec(prompt)?.[1]?.trim() ?? "the character";
  const style = /^Visual style tags[^:]*: (.+)$/m.exec(prompt)?.[1] ?? "cinematic";
  return Array.from({ length: count }, (_, i) => ({
    description: `Scene ${i + 1}: ${who} and ${idea}`.slice(0, 500),
    imagePrompt: `${who} in ${idea}, ${style}, shot ${i + 1}`.slice(0, 1000),
    motionPrompt: i % 2 ? "Slow pan left" : "Slow push-in",
    narrationText: tooLong && i === 0 ? `${idea}. `.repeat(80) : `${idea}, part ${i + 1}.`.slice(0, 600),
  }));
}

export function chatCompletion(body: Record<string, unknown>, knobs: ChatKnobs): ChatAnswer {
  if (typeof body.model !== "string" || !body.model) return fail(400, "you must provide a model parameter", { param: "model" });
  if (!Array.isArray(body.messages) || body.messages.length === 0) return fail(400, "'messages' must be a non-empty array", { param: "messages" });
  const messages = body.messages as Message[];
  const roles = ["system", "developer", "user", "assistant", "tool"];
  const bad = messages.findIndex((m) => typeof m?.role !== "string" || !roles.includes(m.role));
  if (bad >= 0) return fail(400, `Invalid value for 'messages[${bad}].role'`, { param: `messages[${bad}].role` });
  if (body.stream === true) return fail(400, "this fake does not stream", { param: "stream" });
  if (knobs.chatModelMissing) return fail(404, `The model \`${body.model}\` does not exist or you do not have access to it.`, { code: "model_not_found" });

  const format = body.response_format as { type?: unknown; json_schema?: { name?: unknown; schema?: unknown } } | undefined;
  const all = messages.map(textOf).join("\n");
  if (format !== undefined) {
    if (format.type === "json_schema") {
      if (knobs.chatNoJsonSchema)
        return fail(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", { param: "response_format" });
      if (typeof format.json_schema?.name !== "string" || !format.json_schema.schema || typeof format.json_schema.schema !== "object")
        return fail(400, "Missing required parameter: 'response_format.json_schema.name' or '.schema'.", { param: "response_format.json_schema" });
    } else if (format.type === "json_object") {
      if (!/json/i.test(all))
        return fail(400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", { param: "messages" });
    } else if (format.type !== "text") {
      return fail(400, `Invalid value: '${String(format.type)}'. Supported values are: 'json_object', 'json_schema', and 'text'.`, {
        param: "response_format.type",
      });
    }
  }

  const userText = messages
    .filter((m) => m.role === "user")
    .map(textOf)
    .join("\n");
  let count = sceneCount(body, userText);
  let content: string;
  if (knobs.chatInvalidJsonNext > 0) {
    knobs.chatInvalidJsonNext--;
    content = "Here is your story! Scene one opens on the harbour {unfinished";
  } else {
    if (knobs.chatWrongCountNext > 0) {
      knobs.chatWrongCountNext--;
      count = Math.max(0, count - 1);
    }
    const tooLong = knobs.chatTooLongNext > 0;
    if (tooLong) knobs.chatTooLongNext--;
    const json = JSON.stringify({ scenes: story(userText, count, tooLong) });
    content = tooLong ? "```json\n" + json + "\n```" : json;
  }
  const promptTokens = Math.ceil(all.length / 4);
  const completionTokens = Math.ceil(content.length / 4);
  return {
    status: 200,
    body: {
      id: `chatcmpl-fake${Date.now()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      system_fingerprint: "fp_fake",
    },
  };
}
