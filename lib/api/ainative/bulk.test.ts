import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq, inArray, sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { bulkBatches, bulkRows } from "@/db/schema/bulk";
import { creditLedger } from "@/db/schema/credits";
import { tasks } from "@/db/schema/jobs";
import { videoJobs } from "@/db/schema/videos";
import { GET as getBatch } from "@/app/api/v1/public/bulk/reels/[batchId]/route";
import { POST as retry } from "@/app/api/v1/public/bulk/reels/[batchId]/retry/route";
import { POST as submit } from "@/app/api/v1/public/bulk/reels/route";
import { GET as getShared } from "@/app/api/share/[token]/[file]/route";
import { GET as getTask } from "@/app/api/v1/tasks/[taskId]/route";
import { getBalance } from "@/lib/credits/ledger";
import { probe } from "@/lib/media/ffmpeg";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { apiClient, twinWithPhoto } from "./test-client";

// Auth.js's Next.js entry does not load outside Next.js; these routes take API keys, never the session.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

// A row fails for certain while `failing` is set: its script says FAIL-ME. The worker runs in this process.
const fault = vi.hoisted(() => ({ failing: true }));
vi.mock("@/lib/render/render-timeline", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/render/render-timeline")>();
  const { KnownFailure } = await import("@/lib/errors");
  return {
    ...real,
    renderTimeline: (async (timeline, opts) => {
      if (fault.failing && JSON.stringify(timeline).includes("FAIL-ME")) throw new KnownFailure("The reel could not be drawn (injected by the test)", false);
      return real.renderTimeline(timeline, opts);
    }) as typeof real.renderTimeline,
  };
});

useJobWorker();

type Client = Awaited<ReturnType<typeof apiClient>>;
const run = promisify(execFile);

/** POST /bulk/reels as curl -F would send it. */
async function post(client: Client, fields: Record<string, string | undefined>, csv?: string, key?: string | null) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  if (csv !== undefined) form.append("csv_file", new Blob([csv], { type: "text/csv" }), "scripts.csv");
  const headers: Record<string, string> = { host: "studio.test" };
  const k = key === undefined ? client.token : key;
  if (k) headers["x-api-key"] = k;
  const res = await submit(new Request("http://studio.test/api/v1/public/bulk/reels", { method: "POST", headers, body: form }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const batchOf = (client: Client, batchId: string) => client.call(getBatch, `/api/v1/public/bulk/reels/${batchId}`, { params: { batchId } });
const waitForBatch = (client: Client, batchId: string, timeoutMs = 240_000) =>
  waitUntil(
    `batch ${batchId} to finish`,
    () => batchOf(client, batchId),
    (r) => ["done", "partial", "error"].includes(r.body.status as string),
    timeoutMs,
  );
type RowOut = {
  row: number;
  status: string;
  result_url: string | null;
  error: string | null;
  script: string;
  caption_preset: string;
  task_id: string;
  attempts: number;
};

async function jobsOf(workspaceId: string) {
  return getDb().select({ id: videoJobs.id }).from(videoJobs).where(eq(videoJobs.workspaceId, workspaceId));
}

async function downloadReel(url: string, dir: string) {
  const token = /\/share\/([\w-]+)\/video$/.exec(url)![1];
  const res = await getShared(new Request(url), { params: Promise.resolve({ token, file: "video" }) });
  expect(res.status).toBe(200);
  const file = path.join(dir, `${token}.mp4`);
  await fs.writeFile(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

describe("bulk reels (/api/v1/public/bulk/reels)", () => {
  it("renders one vertical reel per row with burned-in captions; a failed row is refunded, leaves the others done, and a retry makes it succeed", async () => {
    const client = await apiClient({ credits: 2000 });
    const twinId = (
      await twinWithPhoto(client, { name: "Tech Creator", voice_id: "en-US-Neural2-A", platform_defaults: { tiktok: { caption_style: "boxed" } } })
    ).id;
    const csv = [
      "script,platform,voice_id,name,product",
      "Hi {name}! Meet {product}.,instagram,,Ana,Cinetwin",
      "FAIL-ME now.,youtube,local-en-us-f3,,",
      "Short and sweet.,,en-GB,,",
    ].join("\n");
    const started = await post(client, { twin_id: twinId, platform: "tiktok" }, csv);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ status: "queued", progress: 0, total_rows: 3, queued_rows: [1, 2, 3], quality: "final" });
    expect(started.body.batch_id).toBe(started.body.task_id);
    const batchId = started.body.batch_id as string;
    const reserved = started.body.credits_reserved as number;
    expect(reserved).toBeGreaterThan(0);
    expect(await getBalance(getDb(), client.account.workspaceId)).toBe(2000 - reserved);

    const partial = await waitForBatch(client, batchId);
    expect(partial.body, JSON.stringify(partial.body)).toMatchObject({
      status: "partial",
      progress: 100,
      total_rows: 3,
      done_rows: 2,
      failed_rows: [2],
      twin_id: twinId,
      platform: "tiktok",
    });
    const rows = partial.body.rows as RowOut[];
    expect(rows.map((r) => [r.row, r.status, r.caption_preset])).toEqual([
      [1, "done", "highlight"],
      [2, "error", "boxed"],
      [3, "done", "boxed"],
    ]);
    // Template variables filled in from the row's other columns.
    expect(rows[0].script).toBe("Hi Ana! Meet Cinetwin.");
    expect(rows[1]).toMatchObject({ result_url: null, error: expect.stringContaining("injected by the test") });
    expect(rows[0].result_url).toMatch(/^http:\/\/studio\.test\/api\/share\/[\w-]+\/video$/);

    // The batch is one task: the seed's polling endpoint has its aggregate, and lists the failed row.
    const task = await client.call(getTask, `/api/v1/tasks/${batchId}`, { params: { taskId: batchId } });
    expect(task.body).toMatchObject({
      status: "done",
      progress: 100,
      result: { batch_id: batchId, total_rows: 3, succeeded_rows: 2, failed_rows: [2], partial: true },
    });

    // The failed row's reservation came back; the others were billed their rendered seconds.
    const failedJob = (await getDb().select().from(bulkRows).where(eq(bulkRows.batchId, batchId))).find((r) => r.rowNumber === 2)!.videoJobId!;
    const ledger = await getDb()
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.reference, `video-job:${failedJob}`));
    expect(ledger.map((l) => l.kind).sort()).toEqual(["refund", "reserve"]);

    // A reel: 1080x1920 H.264 + AAC; a frame shows the twin and the captions.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "bulk-test-"));
    const reel = await downloadReel(rows[0].result_url!, dir);
    const info = await probe(reel);
    expect(info.streams.find((s) => s.codecType === "video")).toMatchObject({ codecName: "h264", width: 1080, height: 1920 });
    expect(info.streams.some((s) => s.codecType === "audio" && s.codecName === "aac")).toBe(true);
    const frame = path.join(process.env.BULK_FRAME_DIR ?? dir, "bulk-reel-frame.png");
    await run("ffmpeg", ["-v", "error", "-y", "-ss", String(info.durationMs / 2000), "-i", reel, "-frames:v", "1", frame]);
    const { stdout } = await run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", frame]);
    expect(stdout.trim()).toBe("1080,1920");
    // The twin's photo fills the upper box (not the #1c2230 background); white caption text sits in the bottom band.
    const stats = async (top: number, height: number) => sharp(frame).extract({ left: 100, top, width: 880, height }).stats();
    const photo = await stats(400, 600);
    expect(Math.abs(photo.channels[0].mean - 0x1c) + Math.abs(photo.channels[2].mean - 0x30)).toBeGreaterThan(60);
    const band = await stats(1500, 350);
    expect(band.channels.every((c) => c.max > 230)).toBe(true);

    // Retry queues only the failed row, as a new run of the batch.
    fault.failing = false;
    const again = await client.call(retry, `/api/v1/public/bulk/reels/${batchId}/retry`, { method: "POST", params: { batchId } });
    expect(again.status, JSON.stringify(again.body)).toBe(202);
    expect(again.body).toMatchObject({ batch_id: batchId, queued_rows: [2], total_rows: 3 });
    expect(again.body.task_id).not.toBe(batchId);
    const done = await waitForBatch(client, batchId);
    expect(done.body).toMatchObject({ status: "done", done_rows: 3, failed_rows: [], task_id: again.body.task_id });
    const after = done.body.rows as RowOut[];
    expect(after.map((r) => [r.status, r.attempts])).toEqual([
      ["done", 1],
      ["done", 2],
      ["done", 1],
    ]);
    expect(after[0].result_url).toBe(rows[0].result_url);
    const nothing = await client.call(retry, "/x", { method: "POST", params: { batchId } });
    expect([nothing.status, nothing.body.code]).toEqual([409, "conflict"]);
    expect(await getBalance(getDb(), client.account.workspaceId)).toBeLessThan(2000);
  });

  it("refuses what it cannot render, naming the row and column, and queues nothing and charges nothing", async () => {
    const client = await apiClient({ credits: 1000 });
    const twinId = (await twinWithPhoto(client)).id;
    const ok = "script,platform,voice_id\nHello world!,instagram,en-US\n";
    const refused = async (fields: Record<string, string | undefined>, csv: string | undefined, status: number, detail: RegExp | string) => {
      const r = await post(client, fields, csv);
      expect([r.status, r.body.detail], JSON.stringify(r.body)).toEqual([status, typeof detail === "string" ? detail : expect.stringMatching(detail)]);
      return r;
    };
    const fields = { twin_id: twinId, platform: "instagram" };
    expect((await post(client, fields, ok, null)).status).toBe(401);
    expect((await post(client, fields, ok, "ctw_nope")).status).toBe(401);
    await refused({ platform: "instagram" }, ok, 422, "twin_id is required");
    await refused({ twin_id: twinId }, ok, 422, "platform is required");
    await refused(fields, undefined, 422, "csv_file is required: attach the CSV as a file");
    const platform = await refused({ ...fields, platform: "facebook" }, ok, 400, /^facebook is not a platform; use instagram, tiktok/);
    expect(platform.body.field).toBe("platform");
    await refused({ ...fields, twin_id: "twin-1" }, ok, 400, "twin_id must be a twin id (a UUID)");
    await refused({ ...fields, quality: "8k" }, ok, 400, /quality/);
    await refused({ ...fields, twin_id: "645b5b56-f879-4f2f-8ccc-106e8912f522" }, ok, 404, /^twin_id: twin 645b5b56-f879-4f2f-8ccc-106e8912f522 not found/);

    const empty = await refused(fields, "script,platform,voice_id\nFine.,,\n   ,tiktok,\n", 400, "csv_file: row 2, column script: the script is empty");
    expect(empty.body.field).toBe("csv_file");
    await refused(fields, "script,platform,voice_id\nFine.,,\nHi,myspace,\n", 400, /row 2, column platform: myspace is not a platform/);
    await refused(fields, "script,platform,voice_id\nHi,,robot-9000\n", 400, /row 1, column voice_id: there is no voice "robot-9000"/);
    await refused(fields, "script,platform\nHi,tiktok\n", 400, /header row, column voice_id: the voice_id column is missing/);
    await refused(fields, 'script,platform,voice_id\n"Hi,tiktok,\n', 400, /row 1, column script: malformed CSV/);
    const unfilled = await refused(
      fields,
      "script,platform,voice_id,name\nHi {name},,,Bo\nHi {name},,,\n",
      400,
      /row 2, column name: the script's \{name\} needs a value/,
    );
    expect(unfilled.body.errors).toHaveLength(1);

    const rows101 = ["script,platform,voice_id", ...Array.from({ length: 101 }, (_, i) => `Line ${i + 1}.,,`)].join("\n");
    const over = await refused(fields, rows101, 403, "Plan limit: a batch has at most 100 rows and this one has 101");
    expect(over.body.code).toBe("forbidden");

    const broke = await apiClient({ credits: 5 });
    const brokeTwin = (await twinWithPhoto(broke)).id;
    const poor = await post(broke, { twin_id: brokeTwin, platform: "tiktok" }, ok);
    expect([poor.status, poor.body.code]).toEqual([403, "insufficient_credits"]);
    expect(poor.body.detail).toMatch(/^Insufficient credits: this batch needs \d+ credits and the balance is 5$/);

    for (const c of [client, broke]) {
      expect(await jobsOf(c.account.workspaceId)).toEqual([]);
      expect(await getDb().select().from(bulkBatches).where(eq(bulkBatches.workspaceId, c.account.workspaceId))).toEqual([]);
    }
    expect(await getBalance(getDb(), client.account.workspaceId)).toBe(1000);
    expect(await getBalance(getDb(), broke.account.workspaceId)).toBe(5);
  });

  it("hides a batch from another workspace (404); the batch's rows wait their fair turn behind other workspaces' renders", async () => {
    const client = await apiClient({ credits: 1000 });
    const started = await post(
      client,
      { twin_id: (await twinWithPhoto(client)).id, platform: "linkedin", quality: "draft" },
      "script,platform,voice_id\nHi.,,\nYo.,,\nOk.,,\n",
    );
    const batchId = started.body.batch_id as string;
    const other = await apiClient({ credits: 1000 });
    // Fairness as for any backlog: the batch's renders queue at priorities 0, -1, -2, so another
    // workspace's first render (priority 0) is not held behind the rest of the batch.
    const otherBatch = await post(
      other,
      { twin_id: (await twinWithPhoto(other)).id, platform: "tiktok", quality: "draft" },
      "script,platform,voice_id\nMe first.,,\n",
    );
    const priorities = async (c: Client) => {
      const jobs = (await jobsOf(c.account.workspaceId)).map((j) => j.id);
      const res = await getDb().execute<{ priority: number }>(
        sql`select priority from pgboss.job where name = 'render-video' and data->>'jobId' in ${jobs} order by priority desc`,
      );
      return res.rows.map((r) => r.priority);
    };
    expect(await priorities(client)).toEqual([0, -1, -2]);
    expect(await priorities(other)).toEqual([0]);
    for (const r of [
      await batchOf(other, batchId),
      await other.call(retry, "/x", { method: "POST", params: { batchId } }),
      await other.call(getTask, "/x", { params: { taskId: batchId } }),
    ]) {
      expect(r.status).toBe(404);
    }
    expect((await batchOf(other, batchId)).body.detail).toBe("Batch not found");
    expect((await batchOf(client, "not-a-uuid")).status).toBe(404);
    expect((await batchOf(client, batchId)).status).toBe(200);
    await waitForBatch(client, batchId);
    await waitForBatch(other, otherBatch.body.batch_id as string);
  });

  // A throughput test: a hundred renders take about 75 s alone and three times that beside the rest of the suite.
  it("completes a 100-row batch of tiny draft reels", { timeout: 600_000 }, async () => {
    const client = await apiClient({ credits: 10 });
    const twinId = (await twinWithPhoto(client)).id;
    const words = ["Hello.", "Yes.", "Go.", "Now.", "Wow."];
    const csv = ["script,platform,voice_id", ...Array.from({ length: 100 }, (_, i) => `${words[i % words.length]},,`)].join("\n");
    const started = await post(client, { twin_id: twinId, platform: "tiktok", quality: "draft" }, csv);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ total_rows: 100, quality: "draft", credits_reserved: 0 });
    const done = await waitForBatch(client, started.body.batch_id as string, 600_000);
    expect(done.body).toMatchObject({ status: "done", done_rows: 100, failed_rows: [] });
    const jobs = await jobsOf(client.account.workspaceId);
    expect(jobs).toHaveLength(100);
    const rowTasks = await getDb()
      .select({ status: tasks.status })
      .from(tasks)
      .where(
        inArray(
          tasks.subject,
          jobs.map((j) => `video-job:${j.id}`),
        ),
      );
    expect(rowTasks.every((t) => t.status === "succeeded")).toBe(true);
    const reel = await downloadReel((done.body.rows as RowOut[])[0].result_url!, await fs.mkdtemp(path.join(os.tmpdir(), "bulk-draft-")));
    expect((await probe(reel)).streams.find((s) => s.codecType === "video")).toMatchObject({ width: 304, height: 540 });
  });
});
