import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeOpenAIEnv, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { ProviderError } from "../vendor";
import { getImageProvider } from "./index";
import { OpenAIImageProvider, openAISize } from "./openai";
import { failure } from "@/lib/test/failure";

let fake: FakeOpenAI;
let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-test-123" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "openai-image-"));
});
beforeEach(() => {
  // The operator's base URL: trusted at its host:port although it is this machine.
  Object.assign(process.env, fakeOpenAIEnv(fake, "sk-test-123"));
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const frame = { prompt: "steep narrow Lisbon alley, warm afternoon light", width: 720, height: 1280, seed: "s1" };
const out = (name: string) => path.join(dir, `${name}.png`);

describe("the OpenAI-compatible image provider", () => {
  it("is chosen by IMAGE_PROVIDER=openai and paints the exact frame size from the model's nearest size", async () => {
    process.env.IMAGE_PROVIDER = "openai";
    const provider = getImageProvider();
    delete process.env.IMAGE_PROVIDER;
    expect(provider).toBeInstanceOf(OpenAIImageProvider);
    expect(provider.freePreview).toBe(false);

    const result = await provider.generate(frame, out("gpt"));
    expect(result).toEqual({ path: out("gpt"), width: 720, height: 1280, mime: "image/png" });
    expect(await sharp(out("gpt")).metadata()).toMatchObject({ width: 720, height: 1280, format: "png" });
    expect(fake.requests).toEqual([
      {
        method: "POST",
        path: "/v1/images/generations",
        auth: "Bearer sk-test-123",
        body: { model: "gpt-image-1", prompt: frame.prompt, n: 1, size: "1024x1536" },
      },
    ]);
  });

  it("asks DALL-E 3 and other servers for base64 at their own sizes", async () => {
    await new OpenAIImageProvider("dall-e-3").generate({ ...frame, width: 1280, height: 720 }, out("dalle"));
    expect(fake.requests[0].body).toEqual({ model: "dall-e-3", prompt: frame.prompt, n: 1, size: "1792x1024", response_format: "b64_json" });
    expect(await sharp(out("dalle")).metadata()).toMatchObject({ width: 1280, height: 720 });
    expect(openAISize("dall-e-2", 1280, 720)).toBe("1024x1024");
    expect(openAISize("gpt-image-1", 1000, 1000)).toBe("1024x1024");
  });

  it("waits out 429s, then answers; a refusal keeps OpenAI's words and is permanent; a hang is a timeout; nonsense is permanent", async () => {
    fake.knobs.rateLimitNext = 2;
    await new OpenAIImageProvider().generate(frame, out("limited"));
    expect(fake.requests).toHaveLength(3);

    const refused = await failure(new OpenAIImageProvider().generate({ ...frame, prompt: "" }, out("refused")));
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ kind: "permanent", status: 400, message: "OpenAI image: 'prompt' is a required property" });

    process.env.OPENAI_API_KEY = "sk-wrong";
    expect(await failure(new OpenAIImageProvider().generate(frame, out("key")))).toMatchObject({
      kind: "permanent",
      status: 401,
      message: "OpenAI image: OpenAI refused the API key (Incorrect API key provided.)",
    });
    process.env.OPENAI_API_KEY = "sk-test-123";

    fake.knobs.malformed = true;
    const odd = await failure(new OpenAIImageProvider().generate(frame, out("odd")));
    expect(odd).toMatchObject({ kind: "permanent", message: "OpenAI image: OpenAI answered in a shape it does not document (no data[0].b64_json)" });
    await expect(fs.access(out("odd"))).rejects.toThrow();

    fake.knobs.malformed = false;
    fake.knobs.hang = true;
    process.env.OPENAI_TIMEOUT_MS = "300";
    expect(await failure(new OpenAIImageProvider().generate(frame, out("hang")))).toMatchObject({ kind: "timeout" });
  });

  it("refuses a private base URL it was not given by the operator", async () => {
    const config = () => ({ baseUrl: "http://10.0.0.7:8080/v1", apiKey: null, timeoutMs: 1000 });
    const e = await failure(new OpenAIImageProvider("gpt-image-1", config).generate(frame, out("private")));
    expect(e).toMatchObject({ kind: "permanent" });
    expect((e as Error).message).toMatch(/OpenAI's address is/);
  });
});
