import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import pg from "pg";
import { ensureDatabase } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { createApiUser, expect, photoPng, test } from "./fixtures";
import { CRASH_PORT, E2E_PG_PORT } from "./playwright.config";

const PORT = CRASH_PORT;
const root = path.resolve(import.meta.dirname, "..");
const base = `http://127.0.0.1:${PORT}`;

/** A second server (worker inside) on its own database, so that killing it touches nothing else. */
function startServer(env: Record<string, string>): ChildProcess {
  // The production server itself (what `npm start` runs once the database is ready).
  const child = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(PORT) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = fs.createWriteStream(path.join(root, "test-results", "crash-server.log"), { flags: "a" });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function waitHealthy() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("crash-test server did not become healthy");
}

test("SIGKILL mid-generation: the project still completes, no scene is redone, credits are charged once", async () => {
  fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
  const url = await ensureDatabase(`postgres://cinetwin:cinetwin-local@127.0.0.1:${E2E_PG_PORT}/postgres`, "cinetwin_crash");
  await runMigrations(url);
  const env = {
    DATABASE_URL: url,
    DATA_DIR: path.join(root, ".e2e-data", "crash"),
    AUTH_SECRET: "crash-secret-0123456789abcdef0123456789",
    VIDEO_WIDTH: "640",
    VIDEO_HEIGHT: "360",
    STARTING_CREDITS: "1000",
  };
  let server = startServer(env);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await waitHealthy();
    const request = await playwrightRequest.newContext({ baseURL: base });
    const u = await createApiUser(request);
    const person = await (
      await request.post("/api/v1/persons", { headers: u.headers, data: { name: "Alex", photo_base64: (await photoPng(128, 128)).toString("base64") } })
    ).json();
    const project = await (
      await request.post("/api/v1/stories/create", {
        headers: u.headers,
        data: { person_id: person.id, story_idea: "A startup founder's journey from idea to product launch", num_scenes: 3 },
      })
    ).json();
    expect((await request.post(`/api/v1/scene-projects/${project.id}/approve`, { headers: u.headers, data: { confirm_credits: true } })).status()).toBe(202);

    // Kill as soon as one scene is finished and the rest are not.
    let doneBefore: number[] = [];
    await expect
      .poll(
        async () => {
          const r = await db.query("select id, status from scenes where project_id = $1", [project.id]);
          doneBefore = r.rows.filter((s) => s.status === "completed").map((s) => s.id);
          return doneBefore.length;
        },
        { timeout: 120_000, intervals: [200] },
      )
      .toBeGreaterThan(0);
    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));
    const atKill = await db.query("select status from projects where id = $1", [project.id]);
    expect(atKill.rows[0].status).toBe("generating");

    server = startServer(env);
    await waitHealthy();
    await expect
      .poll(async () => (await (await request.get(`/api/v1/scene-projects/${project.id}/status`, { headers: u.headers })).json()).status, {
        timeout: 180_000,
        intervals: [1000],
      })
      .toBe("completed");

    const scenes = await db.query("select id, image_runs, audio_runs, video_runs from scenes where project_id = $1", [project.id]);
    for (const s of scenes.rows.filter((r) => doneBefore.includes(r.id))) {
      expect([s.image_runs, s.audio_runs, s.video_runs]).toEqual([1, 1, 1]);
    }
    const ledger = await db.query("select kind, amount from credit_ledger where reference = $1 order by id", [`project:${project.id}`]);
    expect(ledger.rows.map((r) => r.kind)).toEqual(["reserve", "capture"]);
    const status = await (await request.get(`/api/v1/scene-projects/${project.id}/status`, { headers: u.headers })).json();
    expect(status.credits_used).toBe(-ledger.rows[0].amount);
    const video = await request.get(status.final_video_url);
    expect(video.status()).toBe(200);
    await request.dispose();
  } finally {
    server.kill("SIGKILL");
    await db.end();
  }
});
