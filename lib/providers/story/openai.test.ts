import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { createDraftFromSummary } from "@/lib/projects/draft";
import { makeAccount } from "@/lib/test/factories";
import { fakeOpenAIEnv, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { getStoryWriter, scenePlanSchema, type StoryRequest } from "./index";
import { OpenAIStoryWriter } from "./openai";
import { failure } from "@/lib/test/failure";

let fake: FakeOpenAI;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-story" });
});
beforeEach(() => {
  // The operator's base URL: trusted at its host:port although it is this machine.
  Object.assign(process.env, fakeOpenAIEnv(fake, "sk-story"));
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await closeDb();
});

const request: StoryRequest = {
  idea: "A fisherman in Porto finds a brass compass at the Ribeira market",
  numScenes: 3,
  character: {
    name: "Marta",
    description: "a weathered fisherwoman",
    persona: "Dry humour, speaks in short sentences",
    styleTags: ["film grain", "teal and orange"],
    memory: ["Always wears a yellow raincoat", "Never shown on a boat at night"],
  },
};
const chats = () => fake.requests.filter((r) => r.path === "/v1/chat/completions");
const messagesOf = (i: number) => chats()[i].body.messages as Array<{ role: string; content: string }>;

describe("the chat-model story writer (AI SDK, OpenAI-compatible)", () => {
  it("asks for structured scenes with the character's persona, style and memory, and keeps the idea's places", async () => {
    process.env.STORY_WRITER = "openai";
    const writer = getStoryWriter();
    delete process.env.STORY_WRITER;
    expect(writer).toBeInstanceOf(OpenAIStoryWriter);
    const plans = await writer.proposeScenes(request);
    expect(plans).toHaveLength(3);
    for (const p of plans) {
      expect(scenePlanSchema.parse(p)).toEqual(p);
      expect(p.description).toContain("Porto");
      expect(p.imagePrompt).toContain("Ribeira market");
    }
    expect(chats()).toHaveLength(1);
    const [call] = chats();
    expect(call.auth).toBe("Bearer sk-story");
    expect(call.body).toMatchObject({
      model: "gpt-4o-mini",
      response_format: { type: "json_schema", json_schema: { name: "story", strict: false } },
    });
    const schema = (call.body.response_format as { json_schema: { schema: { properties: { scenes: unknown } } } }).json_schema.schema;
    expect(schema.properties.scenes).toMatchObject({ minItems: 3, maxItems: 3 });
    const sent = messagesOf(0)
      .map((m) => m.content)
      .join("\n");
    for (const words of [
      "Dry humour, speaks in short sentences",
      "film grain, teal and orange",
      "Always wears a yellow raincoat",
      "Never shown on a boat at night",
      "Marta",
    ])
      expect(sent).toContain(words);
    expect(sent).toMatch(/Keep the idea's own places, people and objects/);
  });

  it("repairs what it can (a code fence, a field too long) without asking again, and asks again after bad JSON", async () => {
    fake.knobs.chatTooLongNext = 1;
    const clipped = await new OpenAIStoryWriter().proposeScenes(request);
    expect(chats()).toHaveLength(1);
    expect(clipped[0].narrationText.length).toBeLessThanOrEqual(600);
    expect(clipped[0].narrationText).toMatch(/^A fisherman in Porto/);

    fake.reset();
    fake.knobs.chatInvalidJsonNext = 1;
    const plans = await new OpenAIStoryWriter().proposeScenes(request);
    expect(plans).toHaveLength(3);
    expect(chats()).toHaveLength(2);
    const again = messagesOf(1);
    expect(again.at(-2)).toMatchObject({ role: "assistant", content: expect.stringContaining("Here is your story!") });
    expect(again.at(-1)).toMatchObject({ role: "user", content: expect.stringContaining("the answer was not JSON") });
  });

  it("asks again after the wrong count, and reports what was wrong when the model never gets it right", async () => {
    fake.knobs.chatWrongCountNext = 1;
    expect(await new OpenAIStoryWriter().proposeScenes(request)).toHaveLength(3);
    expect(chats()).toHaveLength(2);
    expect(messagesOf(1).at(-1)?.content).toContain("there must be exactly 3 scenes, the answer had 2");

    fake.reset();
    fake.knobs.chatWrongCountNext = 10;
    const e = await failure(new OpenAIStoryWriter().proposeScenes(request));
    expect(e).toMatchObject({ kind: "permanent", vendor: "OpenAI" });
    expect((e as Error).message).toBe(
      "OpenAI story: gpt-4o-mini gave no usable 3 scenes in 3 tries (scenes: there must be exactly 3 scenes, the answer had 2)",
    );
    expect(chats()).toHaveLength(3);
  });

  it("falls back to JSON mode on a server without json_schema, and remembers it", async () => {
    fake.knobs.chatNoJsonSchema = true;
    const writer = new OpenAIStoryWriter("llama3.2");
    expect(await writer.proposeScenes(request)).toHaveLength(3);
    expect(chats().map((c) => (c.body.response_format as { type: string }).type)).toEqual(["json_schema", "json_object"]);
    await writer.proposeScenes(request);
    expect(chats().map((c) => (c.body.response_format as { type: string }).type)).toEqual(["json_schema", "json_object", "json_object"]);
  });

  it("waits out a 429; a 4xx is permanent in the vendor's words; a hang times out; an abort stops it", async () => {
    fake.knobs.rateLimitNext = 1;
    expect(await new OpenAIStoryWriter().proposeScenes(request)).toHaveLength(3);
    expect(chats()).toHaveLength(2);

    fake.reset();
    fake.knobs.chatModelMissing = true;
    const refused = await failure(new OpenAIStoryWriter("gpt-nope").proposeScenes(request));
    expect(refused).toMatchObject({
      kind: "permanent",
      status: 404,
      message: "OpenAI story: The model `gpt-nope` does not exist or you do not have access to it.",
    });
    expect(chats()).toHaveLength(1);

    fake.reset();
    fake.knobs.hang = true;
    process.env.OPENAI_TIMEOUT_MS = "300";
    expect(await failure(new OpenAIStoryWriter().proposeScenes(request))).toMatchObject({ kind: "timeout" });

    process.env.OPENAI_TIMEOUT_MS = "5000";
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(), 100);
    const aborted = await failure(new OpenAIStoryWriter().proposeScenes(request, { signal: stop.signal }));
    expect(aborted).toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("types a 200 without choices as the vendor's malformed answer", async () => {
    fake.knobs.malformed = true;
    const odd = await failure(new OpenAIStoryWriter().proposeScenes(request));
    expect(odd).toMatchObject({ kind: "permanent" });
    expect((odd as Error).message).toMatch(/shape it does not document/);
  });

  it("records a proposal under its scope and reuses it instead of asking again", async () => {
    const a = await makeAccount();
    const scope = { db: getDb(), workspaceId: a.workspaceId, subject: "project:1:story" };
    const first = await new OpenAIStoryWriter().proposeScenes(request, { scope });
    const second = await new OpenAIStoryWriter().proposeScenes(request, { scope });
    expect(second).toEqual(first);
    expect(chats()).toHaveLength(1);
  });

  it("writes knowledge-to-draft's visuals too: one scene per chapter, the chapter's script as narration", async () => {
    process.env.STORY_WRITER = "openai";
    const a = await makeAccount();
    const project = await createDraftFromSummary(getDb(), a, {
      summary: {
        title: "The trams of Lisbon",
        description: "How the number 28 tram climbs Alfama",
        chapters: [
          { title: "Origins", script: "The first electric tram ran in 1901." },
          { title: "Today", script: "Now the 28 carries more tourists than locals." },
        ],
      },
    });
    delete process.env.STORY_WRITER;
    expect(chats()).toHaveLength(1);
    expect(messagesOf(0).at(-1)?.content).toContain("The trams of Lisbon. How the number 28 tram climbs Alfama");
    const { scenes } = project;
    expect(scenes.map((s) => s.narrationText)).toEqual(["The first electric tram ran in 1901.", "Now the 28 carries more tourists than locals."]);
    for (const s of scenes) expect(s.imagePrompt).toContain("Alfama");
  });
});
