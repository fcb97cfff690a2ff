/**
 * Bulk reels benchmark: a 20-row batch of short scripts submitted through the service the API
 * uses, rendered by the real worker (pg-boss on an embedded PostgreSQL, espeak, ffmpeg) as
 * vertical 1080x1920 reels, once with one render slot and once with two (the worker's default),
 * in the same run. Prints reels per minute for each and the ratio. Each run's scripts differ, so
 * neither reuses the other's cached segments.
 *
 *   npx tsx bench/bulk.ts [--rows 20] [--quality final|draft] [--keep]
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROWS = Number(arg("rows", "20"));
const QUALITY = arg("quality", "final") === "draft" ? "draft" : "final";
const SCRIPTS = [
  "Three tips for better hooks.",
  "Post at the same time every day.",
  "Film in natural light.",
  "Keep your first line short.",
  "Reply to every comment.",
];

// A database and media folder of its own, removed afterwards (unless --keep).
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-bench-bulk-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { ensureAuthSecret, ensureSystemTools, prepareDatabase } = await import("../scripts/runtime");
ensureSystemTools();
ensureAuthSecret(dataDir);
const embedded = await prepareDatabase(dataDir);
const { closeDb, getDb } = await import("@/db/client");
const { startWorker } = await import("@/lib/jobs/worker");
const { renderVideoJob } = await import("@/lib/jobs/definitions");
const { createBulkBatch } = await import("@/lib/bulk/service");
const { latestTask, subjects } = await import("@/lib/tasks/service");
const { makeAccount, makeCharacter } = await import("@/lib/test/factories");

/** Submits one batch and waits for it with `slots` render slots; returns seconds from submission to the last reel. */
async function run(slots: number, take: string): Promise<{ seconds: number; status: string }> {
  const worker = await startWorker({ concurrency: { [renderVideoJob.name]: slots } });
  try {
    const account = await makeAccount({ credits: 1_000_000 });
    const character = await makeCharacter(account);
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      row: i + 1,
      script: `${take} ${i + 1}: ${SCRIPTS[i % SCRIPTS.length]}`,
      platform: "tiktok" as const,
      voiceId: null,
      variables: {},
    }));
    const started = Date.now();
    const { batch } = await createBulkBatch(getDb(), account, { characterId: character.id, platform: "tiktok", quality: QUALITY, rows });
    for (;;) {
      const task = await latestTask(getDb(), subjects.bulkBatch(batch.id));
      if (task && task.status !== "queued" && task.status !== "running") {
        return { seconds: (Date.now() - started) / 1000, status: task.result?.partial ? "partial" : task.status };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await worker.stop();
  }
}

try {
  console.log(`bulk reels: ${ROWS} rows, ${QUALITY === "draft" ? "draft (304x540)" : "1080x1920"}, ${os.cpus().length} CPUs`);
  const one = await run(1, "Take one");
  const two = await run(2, "Take two");
  const perMinute = (s: number) => (ROWS * 60) / s;
  for (const [label, r] of [
    ["1 render slot", one],
    ["2 render slots", two],
  ] as const) {
    console.log(`${label.padEnd(15)} ${r.seconds.toFixed(1).padStart(6)} s  ${perMinute(r.seconds).toFixed(1).padStart(6)} reels/min  (${r.status})`);
  }
  console.log(`ratio (2 slots / 1 slot): ${(perMinute(two.seconds) / perMinute(one.seconds)).toFixed(2)}x`);
} finally {
  await closeDb();
  await embedded?.stop();
  if (!process.argv.includes("--keep")) await fs.rm(dataDir, { recursive: true, force: true });
}
