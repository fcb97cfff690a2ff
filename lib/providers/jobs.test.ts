import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { storage } from "@/lib/storage/local";
import { makeAccount } from "@/lib/test/factories";
import { forgetVendorCalls, requestHash, runVendorCall, runVendorJob, type PollResult } from "./jobs";
import { isProviderError, malformed, ProviderError, vendorRequest } from "./vendor";
import { failure } from "@/lib/test/failure";
import { listenLocal, type LocalServer } from "@/lib/test/local-server";

/**
 * A vendor with a queue, as fal's and HeyGen's work: POST /jobs answers a job id, GET /jobs/:id
 * answers IN_PROGRESS a few times then the result. Knobs make it refuse, rate-limit, hang or
 * answer nonsense; it counts submits and polls.
 */
function fakeQueue() {
  const state = {
    submits: 0,
    polls: 0,
    pendingPolls: 2,
    rateLimitNext: 0,
    refuse: false,
    hang: false,
    nonsense: false,
    failJob: false,
    /** The vendor no longer knows any job: every poll is a 404. */
    forgetJobs: false,
    keys: [] as string[],
  };
  const jobs = new Map<string, number>();
  let server: LocalServer | undefined;
  const handler: http.RequestListener = (req, res) => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    state.keys.push(String(req.headers.authorization));
    if (state.hang) return;
    if (state.rateLimitNext > 0) {
      state.rateLimitNext--;
      return json(429, { detail: "Too many requests" }, { "retry-after": "0" });
    }
    if (req.method === "POST" && req.url === "/jobs") {
      state.submits++;
      if (state.refuse) return json(422, { detail: "prompt must not be empty" });
      const id = `job-${state.submits}`;
      jobs.set(id, state.pendingPolls);
      return json(200, { request_id: id, status: "IN_QUEUE" });
    }
    const m = /^\/jobs\/([\w-]+)$/.exec(req.url ?? "");
    if (req.method === "GET" && m && jobs.has(m[1]) && !state.forgetJobs) {
      state.polls++;
      if (state.nonsense) return json(200, { hello: "world" });
      const left = jobs.get(m[1])!;
      if (left > 0) {
        jobs.set(m[1], left - 1);
        return json(200, { status: "IN_PROGRESS" });
      }
      if (state.failJob) return json(200, { status: "FAILED", error: "the model could not draw that" });
      return json(200, { status: "COMPLETED", output: { url: `https://cdn.example/${m[1]}.png` }, cost: 0.025 });
    }
    json(404, { detail: "Not found" });
  };
  return {
    state,
    listen: async () => (server = await listenLocal(handler)).url,
    close: () => server?.close(),
  };
}

const fake = fakeQueue();
let base = "";
beforeAll(async () => {
  base = await fake.listen();
  process.env.OUTBOUND_ALLOW_HOSTS = new URL(base).host;
});
afterAll(async () => {
  delete process.env.OUTBOUND_ALLOW_HOSTS;
  await fake.close();
  await closeDb();
});
beforeEach(() =>
  Object.assign(fake.state, {
    submits: 0,
    polls: 0,
    pendingPolls: 2,
    rateLimitNext: 0,
    refuse: false,
    hang: false,
    nonsense: false,
    failJob: false,
    forgetJobs: false,
    keys: [],
  }),
);

/** The adapter side: what a real adapter does with vendorRequest. */
function spec(prompt: string, opts: { timeoutMs?: number } = {}) {
  const call = { vendor: "fakequeue", token: "sk-test", timeoutMs: opts.timeoutMs ?? 5_000 };
  return {
    vendor: "fakequeue",
    model: "painter-1",
    request: { prompt },
    pollIntervalMs: 5,
    submit: async () => {
      const res = await vendorRequest({ ...call, what: "fakequeue submit", method: "POST", url: `${base}/jobs`, body: { prompt } });
      const id = (res.json as { request_id?: unknown } | null)?.request_id;
      if (typeof id !== "string") throw malformed("fakequeue", "fakequeue submit", "no request_id");
      return id;
    },
    poll: async (id: string): Promise<PollResult<{ url: string }>> => {
      const res = await vendorRequest({ ...call, what: "fakequeue status", method: "GET", url: `${base}/jobs/${id}` });
      const j = res.json as { status?: string; output?: { url?: string }; cost?: number; error?: string };
      if (j.status === "IN_QUEUE" || j.status === "IN_PROGRESS") return { state: "pending", detail: j.status };
      if (j.status === "FAILED") return { state: "failed", reason: `fakequeue: ${j.error}` };
      if (j.status === "COMPLETED" && typeof j.output?.url === "string") return { state: "done", result: { url: j.output.url }, costUsd: j.cost };
      throw malformed("fakequeue", "fakequeue status", `status ${String(j.status)}`);
    },
  };
}

async function scope(subject: string, signal?: AbortSignal) {
  const a = await makeAccount();
  return { db: getDb(), workspaceId: a.workspaceId, subject, signal };
}
const rowOf = async (subject: string) => (await getDb().select().from(providerJobs).where(eq(providerJobs.subject, subject)))[0];

describe("a vendor job", () => {
  it("submits once, polls until done, records the vendor's id and cost, and reuses the result afterwards", async () => {
    const s = await scope("scene:1:image");
    const pending: Array<string | undefined> = [];
    const result = await runVendorJob(s, { ...spec("a lighthouse at dusk"), onPending: (d) => pending.push(d) });
    expect(result).toEqual({ url: "https://cdn.example/job-1.png" });
    expect(fake.state).toMatchObject({ submits: 1, polls: 3 });
    expect(pending).toEqual(["IN_PROGRESS", "IN_PROGRESS"]);
    expect(fake.state.keys.every((k) => k === "Bearer sk-test")).toBe(true);
    expect(await rowOf("scene:1:image")).toMatchObject({ status: "succeeded", vendorJobId: "job-1", submits: 1, costUsd: "0.025000", model: "painter-1" });

    expect(await runVendorJob(s, spec("a lighthouse at dusk"))).toEqual(result);
    expect(fake.state.submits, "a finished request is not asked again").toBe(1);
    // Another request for the same subject is another job.
    await runVendorJob(s, spec("a lighthouse at dawn"));
    expect(fake.state.submits).toBe(2);
  });

  it("resumes the same vendor job after a restart in the middle of it, without a second submit", async () => {
    const first = new AbortController();
    const s = await scope("scene:2:clip", first.signal);
    fake.state.pendingPolls = 50;
    const run = failure(runVendorJob(s, { ...spec("waves"), onPending: () => fake.state.polls >= 2 && first.abort() }));
    expect(await run).toMatchObject({ name: "AbortError" });
    expect(await rowOf("scene:2:clip")).toMatchObject({ status: "running", vendorJobId: "job-1", submits: 1 });

    fake.state.pendingPolls = 0;
    // The vendor's job finishes while we were down: the next attempt polls it and is done.
    const res = await runVendorJob({ ...s, signal: undefined }, spec("waves"));
    expect(res).toEqual({ url: "https://cdn.example/job-1.png" });
    expect(fake.state.submits).toBe(1);
  });

  it("waits out a 429 with the vendor's Retry-After, then succeeds", async () => {
    const s = await scope("scene:3:image");
    fake.state.rateLimitNext = 2;
    expect(await runVendorJob(s, spec("rain"))).toEqual({ url: "https://cdn.example/job-1.png" });
    expect(fake.state.submits).toBe(1);
  });

  it("types a refusal as permanent with the vendor's words, a hang as a timeout, nonsense as permanent, a failed job as permanent", async () => {
    fake.state.refuse = true;
    const refused = await failure(runVendorJob(await scope("scene:4:image"), spec("")));
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ kind: "permanent", status: 422, message: "fakequeue submit: prompt must not be empty" });
    expect(await rowOf("scene:4:image")).toMatchObject({ status: "failed", error: "fakequeue submit: prompt must not be empty" });

    fake.state.refuse = false;
    fake.state.hang = true;
    const hung = await failure(runVendorJob(await scope("scene:5:image"), spec("fog", { timeoutMs: 200 })));
    expect(hung).toMatchObject({ kind: "timeout", message: "fakequeue submit: no answer from fakequeue in time" });

    fake.state.hang = false;
    fake.state.nonsense = true;
    const odd = await failure(runVendorJob(await scope("scene:6:image"), spec("snow")));
    expect(odd).toMatchObject({ kind: "permanent" });
    expect((odd as Error).message).toMatch(/shape it does not document/);

    fake.state.nonsense = false;
    fake.state.failJob = true;
    const failed = await failure(runVendorJob(await scope("scene:7:image"), spec("fire")));
    expect(failed).toMatchObject({ kind: "permanent", message: "fakequeue: the model could not draw that" });
    expect(isProviderError(failed) && failed.retryable).toBe(false);
    // A failed record is tried afresh when the caller retries.
    fake.state.failJob = false;
    expect(await runVendorJob(await scope("scene:7:image"), spec("fire"))).toEqual({ url: expect.stringMatching(/job-\d+\.png$/) });
  });

  it("submits afresh after the vendor refuses to answer for a job it no longer knows, instead of polling it for ever", async () => {
    const first = new AbortController();
    const s = await scope("scene:9:clip", first.signal);
    fake.state.pendingPolls = 50;
    await failure(runVendorJob(s, { ...spec("tide"), onPending: () => fake.state.polls >= 1 && first.abort() }));
    fake.state.forgetJobs = true;
    const lost = await failure(runVendorJob({ ...s, signal: undefined }, spec("tide")));
    expect(lost).toMatchObject({ kind: "permanent", status: 404 });
    expect(await rowOf("scene:9:clip")).toMatchObject({ status: "failed", vendorJobId: "job-1" });

    fake.state.forgetJobs = false;
    fake.state.pendingPolls = 0;
    expect(await runVendorJob({ ...s, signal: undefined }, spec("tide"))).toEqual({ url: "https://cdn.example/job-2.png" });
    expect(fake.state.submits).toBe(2);
  });
});

describe("a result's stored copy", () => {
  /** A call that stores what the vendor answered, as the media adapters do. */
  const storing = (workspaceId: string, text: string, counter: { calls: number }) => ({
    vendor: "fakesync",
    model: "voice-1",
    request: { text },
    call: async () => {
      counter.calls++;
      return { result: { storageKey: await storage().put(workspaceId, "txt", { buffer: Buffer.from(text) }) } };
    },
  });

  it("is asked for again when the copy has gone missing, rather than failing every retry", async () => {
    const s = await scope("scene:10:narration");
    const counter = { calls: 0 };
    const { storageKey } = await runVendorCall(s, storing(s.workspaceId, "hello", counter));
    expect(await runVendorCall(s, storing(s.workspaceId, "hello", counter))).toEqual({ storageKey });
    expect(counter.calls).toBe(1);
    await storage().remove(storageKey);
    const again = await runVendorCall(s, storing(s.workspaceId, "hello", counter));
    expect(counter.calls).toBe(2);
    expect(await storage().size(again.storageKey)).toBe(5);
  });

  it("of a superseded result is removed, and a deleted scene's calls are forgotten with their copies", async () => {
    const s = await scope("scene:11:narration");
    const counter = { calls: 0 };
    const first = await runVendorCall(s, storing(s.workspaceId, "first take", counter));
    const second = await runVendorCall(s, storing(s.workspaceId, "second take", counter));
    expect(await storage().size(first.storageKey), "the old take's copy is gone").toBeNull();
    expect(await storage().size(second.storageKey)).toBe(11);
    // Asked for the first take again: made again, since its copy is gone.
    await runVendorCall(s, storing(s.workspaceId, "first take", counter));
    expect(counter.calls).toBe(3);

    const other = await runVendorCall({ ...s, subject: "scene:110:narration" }, storing(s.workspaceId, "another scene", counter));
    const files = await forgetVendorCalls(getDb(), s.workspaceId, ["scene:11"]);
    expect(files).toHaveLength(1);
    expect(await getDb().select().from(providerJobs).where(eq(providerJobs.workspaceId, s.workspaceId))).toHaveLength(1);
    expect(await storage().size(other.storageKey), "scene 110 is not scene 11").toBe(13);
  });
});

describe("a synchronous vendor call", () => {
  it("retries a 503 in place, records a failure that outlasts the retries, and reuses a result", async () => {
    const s = await scope("scene:8:speech");
    let calls = 0;
    const call = async () => {
      calls++;
      // Three tries in one attempt, all refused; the next attempt's first try answers.
      if (calls <= 3) throw new ProviderError("retryable", "fakesync", "fakesync answered 503", { retryAfterMs: 0 });
      return { result: { key: "audio/8.mp3" }, costUsd: 0.003 };
    };
    const req = { vendor: "fakesync", model: "voice-1", request: { text: "Hello" }, call };
    expect(await failure(runVendorCall(s, req))).toMatchObject({ kind: "retryable" });
    expect(calls).toBe(3);
    expect(await rowOf("scene:8:speech")).toMatchObject({ status: "failed", submits: 1, error: "fakesync answered 503" });
    expect(await runVendorCall(s, req)).toEqual({ key: "audio/8.mp3" });
    expect(await runVendorCall(s, req)).toEqual({ key: "audio/8.mp3" });
    expect(calls).toBe(4);
    expect(await rowOf("scene:8:speech")).toMatchObject({ status: "succeeded", submits: 2, costUsd: "0.003000" });
  });

  it("hashes a request the same whatever the order of its keys", () => {
    expect(requestHash("v", "m", { a: 1, b: [{ y: 2, x: 1 }] })).toBe(requestHash("v", "m", { b: [{ x: 1, y: 2 }], a: 1 }));
    expect(requestHash("v", "m", { a: 1 })).not.toBe(requestHash("v", "m2", { a: 1 }));
  });
});
