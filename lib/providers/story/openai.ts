import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { AISDKError, generateText, NoObjectGeneratedError, Output, type ModelMessage } from "ai";
import { callScope, runVendorCall, type ProviderCallOptions } from "../jobs";
import { openAIConfig, type OpenAIConfig } from "../openai/client";
import { isProviderError, malformed, ProviderError, vendorRequest } from "../vendor";
import { answerProblems, extractJson, repairAnswer, storyAnswerSchema, systemPrompt, userPrompt, type StoryAnswer } from "./chat-plan";
import type { ScenePlan, StoryRequest, StoryWriter } from "./index";

const VENDOR = "OpenAI";
const WHAT = "OpenAI story";
/** Asks of the model per proposal: the first, then two more with what was wrong with the last answer. */
const ASKS = 3;

/**
 * How the answer's shape is asked for. `json_schema` (structured outputs) first: OpenAI, Ollama,
 * vLLM, LM Studio and llama.cpp's server take it and constrain the answer to the schema. It is
 * sent with `strict: false`, since strict mode refuses schemas with keywords it does not support
 * (our length limits) on some models, and our own validation is the guarantee anyway. A server
 * that refuses json_schema (a 400 naming response_format) is asked in `json_object` mode (JSON
 * mode: any JSON object, the shape told in the prompt), and one that refuses that too gets no
 * response_format at all (`text`: JSON read out of the reply). The mode that worked is kept per
 * server and model for the life of the process.
 */
type Mode = "json_schema" | "json_object" | "text";
const NEXT_MODE: Record<Mode, Mode | null> = { json_schema: "json_object", json_object: "text", text: null };
const modes = new Map<string, Mode>();

/**
 * The AI SDK's fetch, made through the one outbound module (lib/net): the SSRF guard, the
 * operator-trusted base URL, the per-call deadline and typed vendor errors. A non-2xx answer is
 * thrown here as a ProviderError with the vendor's own words; with the SDK's retries off, it
 * reaches us unwrapped, and runVendorCall retries a 429 or 5xx after the vendor's Retry-After.
 */
export function outboundFetch(cfg: Pick<OpenAIConfig, "timeoutMs">, what: string): typeof globalThis.fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const method = (init?.method ?? "GET").toUpperCase() as "GET" | "POST";
    if (init?.body !== undefined && init.body !== null && typeof init.body !== "string") throw new Error(`${what}: only text request bodies are sent`);
    const res = await vendorRequest({
      vendor: VENDOR,
      what,
      method,
      url,
      headers,
      body: init?.body ?? undefined,
      timeoutMs: cfg.timeoutMs,
      signal: init?.signal ?? undefined,
    });
    return new Response(new Uint8Array(res.bytes), { status: res.status, headers: res.headers });
  };
}

/** A 400 that says the server does not take this response_format: the next mode may work. */
const refusesFormat = (e: unknown) => isProviderError(e) && e.status === 400 && /response_format|json_schema|json_object/i.test(e.message);

/**
 * Writes scenes with a chat model through the Vercel AI SDK, on any server speaking OpenAI's chat
 * completions (OpenAI at OPENAI_BASE_URL's default, or Ollama, vLLM, LM Studio...). The answer is
 * validated by scenePlanSchema; one that is not (bad JSON, the wrong count, a field too long) is
 * repaired where that is safe (trimmed, clipped) or asked again with what was wrong, then reported.
 */
export class OpenAIStoryWriter implements StoryWriter {
  readonly id = "openai";

  constructor(
    private readonly model = process.env.OPENAI_CHAT_MODEL?.trim() || "gpt-4o-mini",
    private readonly config: () => OpenAIConfig = openAIConfig,
  ) {}

  async proposeScenes(req: StoryRequest, opts: ProviderCallOptions = {}): Promise<ScenePlan[]> {
    const cfg = this.config();
    try {
      const answer = await runVendorCall(callScope(opts), {
        vendor: VENDOR,
        model: this.model,
        request: { idea: req.idea, numScenes: req.numScenes, character: req.character },
        call: async () => ({ result: await this.write(cfg, req, opts.signal) }),
      });
      return answer.scenes;
    } catch (e) {
      // The caller's abort is theirs, not the vendor's failure.
      if (opts.signal?.aborted) throw opts.signal.reason;
      throw e;
    }
  }

  private async write(cfg: OpenAIConfig, req: StoryRequest, signal: AbortSignal | undefined): Promise<StoryAnswer> {
    const messages: ModelMessage[] = [{ role: "user", content: userPrompt(req) }];
    for (let ask = 1; ; ask++) {
      const got = await this.askInSomeMode(cfg, req.numScenes, messages, signal);
      if ("answer" in got) return got.answer;
      const repaired = repairAnswer(extractJson(got.text));
      const problems = answerProblems(repaired, req.numScenes);
      if (!problems.length) return storyAnswerSchema(req.numScenes).parse(repaired);
      if (ask >= ASKS)
        throw new ProviderError("permanent", VENDOR, `${WHAT}: ${this.model} gave no usable ${req.numScenes} scenes in ${ASKS} tries (${problems.join("; ")})`);
      messages.push(
        { role: "assistant", content: got.text },
        {
          role: "user",
          content: `That answer could not be used: ${problems.join("; ")}. Answer again with the JSON only: {"scenes": [...]} with exactly ${req.numScenes} scenes.`,
        },
      );
    }
  }

  /** One ask in the mode this server takes, stepping down the modes while it refuses them. */
  private async askInSomeMode(cfg: OpenAIConfig, numScenes: number, messages: ModelMessage[], signal: AbortSignal | undefined) {
    const key = `${cfg.baseUrl}|${this.model}`;
    for (let mode: Mode | null = modes.get(key) ?? "json_schema"; mode; mode = NEXT_MODE[mode]) {
      try {
        const got = await this.ask(cfg, mode, numScenes, messages, signal);
        modes.set(key, mode);
        return got;
      } catch (e) {
        if (!refusesFormat(e) || !NEXT_MODE[mode]) throw e;
      }
    }
    throw new Error("unreachable");
  }

  private async ask(
    cfg: OpenAIConfig,
    mode: Mode,
    numScenes: number,
    messages: ModelMessage[],
    signal: AbortSignal | undefined,
  ): Promise<{ answer: StoryAnswer } | { text: string }> {
    const provider = createOpenAICompatible({
      name: "openai",
      baseURL: cfg.baseUrl,
      apiKey: cfg.apiKey ?? undefined,
      fetch: outboundFetch(cfg, WHAT),
      supportsStructuredOutputs: mode === "json_schema",
      transformRequestBody: mode === "text" ? ({ response_format: _dropped, ...rest }) => rest : undefined,
    });
    try {
      const { output } = await generateText({
        model: provider.chatModel(this.model),
        system: systemPrompt(numScenes),
        messages,
        output: Output.object({ schema: storyAnswerSchema(numScenes), name: "story", description: `Exactly ${numScenes} scenes of a short video` }),
        providerOptions: { openaiCompatible: { strictJsonSchema: false } },
        // Retries are ours (runVendorCall: the vendor's Retry-After, typed errors), not the SDK's.
        maxRetries: 0,
        abortSignal: signal,
      });
      return { answer: output };
    } catch (e) {
      // The SDK parsed or validated the answer and it failed: its text is ours to repair or re-ask.
      if (NoObjectGeneratedError.isInstance(e)) return { text: e.text ?? "" };
      // Any other SDK error after a 2xx (no choices, a body that is not a chat completion) is the
      // server answering in a shape OpenAI does not document.
      if (!isProviderError(e) && !signal?.aborted && AISDKError.isInstance(e)) throw malformed(VENDOR, WHAT, e.message);
      throw e;
    }
  }
}
