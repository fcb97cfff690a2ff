import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import sharp from "sharp";
import { probe, runFfmpeg } from "../lib/media/ffmpeg";
import { estimateCost } from "../lib/projects/cost";
import { createApiUser, expect, test, type ApiUser } from "./fixtures";

const SCRIPT = path.join(import.meta.dirname, "quickstart", "quickstart.py");
const STEP_STATUSES = ["pending", "generating", "completed", "failed"];
// API responses, checked field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, asserted on field by field
type Json = Record<string, any>;

/**
 * The first Python that has `requests`: the one on PATH (a pyenv or venv, say), else Debian's,
 * which `scripts/system-deps.sh --with-browser` gives python3-requests when neither has it.
 */
function pythonWithRequests(): string {
  for (const bin of ["python3", "/usr/bin/python3"]) {
    try {
      execFileSync(bin, ["-c", "import requests"], { stdio: "ignore" });
      return bin;
    } catch {
      // no `requests` for this one: try the next
    }
  }
  throw new Error("No python3 with `requests`: run `bash scripts/system-deps.sh --with-browser` (installs python3-requests)");
}

function runScript(python: string, args: string[], env: Record<string, string>, timeoutMs: number) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(python, ["-u", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    // The seed's loop has no deadline of its own; a stuck project must fail the test, not hang it.
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function download(request: APIRequestContext, url: string, file: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  fs.writeFileSync(file, await res.body());
  return probe(file);
}

/** The seed's flow through the API, checking each response against the seed's shapes. */
async function seedFlowThroughApi(request: APIRequestContext, u: ApiUser, photoJpeg: Buffer) {
  const created = await request.post("/api/v1/persons", {
    headers: u.headers,
    data: { name: "Alex Chen", description: "Tech startup founder", photo_base64: `data:image/jpeg;base64,${photoJpeg.toString("base64")}` },
  });
  expect(created.status()).toBe(201);
  const person = await created.json();
  // The seed's six fields, plus the voice's state so a poller can tell a failed clone from a slow one.
  expect(Object.keys(person).sort()).toEqual(["created_at", "description", "has_voice", "id", "name", "photo_url", "voice_error", "voice_status"]);
  expect(person).toMatchObject({ name: "Alex Chen", description: "Tech startup founder", has_voice: false });
  expect(Number.isInteger(person.id)).toBe(true);
  expect(new Date(person.created_at).toISOString()).toBe(person.created_at);
  const photo = await request.get(person.photo_url);
  expect(photo.status()).toBe(200);
  expect(photo.headers()["content-type"]).toBe("image/jpeg");

  const story = await request.post("/api/v1/stories/create", {
    headers: u.headers,
    data: { person_id: person.id, story_idea: "A day in the life of a startup founder building the next big AI product", num_scenes: 2 },
  });
  expect(story.status()).toBe(201);
  const project = await story.json();
  expect(project).toMatchObject({
    status: "proposed",
    story_idea: "A day in the life of a startup founder building the next big AI product",
    num_scenes: 2,
    person_id: person.id,
  });
  expect(Number.isInteger(project.id)).toBe(true);
  expect(project.scenes.map((s: { scene_number: number }) => s.scene_number)).toEqual([1, 2]);
  for (const s of project.scenes) {
    expect(s.status).toBe("pending");
    for (const field of ["description", "image_prompt", "motion_prompt", "narration_text"]) {
      expect(typeof s[field], field).toBe("string");
      expect(s[field].length, field).toBeGreaterThan(0);
    }
  }

  const approve = await request.post(`/api/v1/scene-projects/${project.id}/approve`, {
    headers: u.headers,
    data: { confirm_credits: true, video_model: "kling-2.6-pro" },
  });
  expect(approve.status()).toBe(202);
  expect(await approve.json()).toEqual({
    id: project.id,
    status: "generating",
    progress: 0,
    message: `Video generation started. Use GET /scene-projects/${project.id}/status to track progress.`,
  });

  const seen: Array<{ status: string; progress: number; current_step: string }> = [];
  let last: Json = {};
  await expect
    .poll(
      async () => {
        last = await (await request.get(`/api/v1/scene-projects/${project.id}/status`, { headers: u.headers })).json();
        const s = last;
        expect(s.id).toBe(project.id);
        expect(typeof s.current_step).toBe("string");
        expect(s.scenes.map((x: Json) => x.scene_number)).toEqual([1, 2]);
        for (const x of s.scenes as Json[]) {
          expect(STEP_STATUSES).toContain(x.image_status);
          expect(STEP_STATUSES).toContain(x.video_status);
        }
        seen.push({ status: s.status, progress: s.progress, current_step: s.current_step });
        return s.status;
      },
      { timeout: 180_000, intervals: [500] },
    )
    .toBe("completed");
  return { personId: person.id as number, projectId: project.id as number, seen, completed: last, scenes: project.scenes };
}

test("the quickstart's complete Python example runs to 'Video ready' against Cinetwin", async ({ request, baseURL }, testInfo) => {
  const python = pythonWithRequests();
  const u = await createApiUser(request);
  const photoJpeg = await sharp({ create: { width: 480, height: 600, channels: 3, background: "#c89b7b" } })
    .composite([{ input: Buffer.from('<svg width="480" height="600"><circle cx="240" cy="230" r="110" fill="#6b4a35"/></svg>') }])
    .jpeg()
    .toBuffer();
  const photoPath = testInfo.outputPath("founder_photo.jpg");
  fs.writeFileSync(photoPath, photoJpeg);
  expect((await sharp(photoPath).metadata()).format).toBe("jpeg");

  // The script and the same flow through the API run side by side: one render's wait covers both.
  const script = runScript(python, [SCRIPT, photoPath], { API_BASE: `${baseURL}/api/v1`, EMAIL: u.email, PASSWORD: u.password }, 200_000);
  const api = await seedFlowThroughApi(request, u, photoJpeg);
  const run = await script;
  await testInfo.attach("quickstart.py stdout", { body: run.stdout, contentType: "text/plain" });
  expect(run.code, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);

  // What the seed prints, in its order.
  const lines = run.stdout.split("\n").filter(Boolean);
  expect(lines[0]).toMatch(/^Created person: \d+$/);
  expect(lines[1]).toBe("Created project with 2 scenes");
  expect(lines[2]).toBe("Generation started...");
  const progress = lines.slice(3, -1);
  expect(progress.length).toBeGreaterThan(0);
  const percents = progress.map((l) => {
    const m = /^Progress: (\d+)% - ([a-z_]+)$/.exec(l);
    expect(m, l).not.toBeNull();
    return Number(m![1]);
  });
  // Progress is shown as it moves, not only at the end. (Not asserted to be monotonic: two scene
  // jobs recompute it concurrently and a stale write can land last; see lib/jobs/progress.ts.)
  expect(new Set(percents).size).toBeGreaterThan(1);
  expect(percents.every((p) => p >= 0 && p <= 100)).toBe(true);
  expect(progress.at(-1)).toBe("Progress: 100% - completed");
  const ready = /^Video ready: (http\S+)$/.exec(lines.at(-1)!);
  expect(ready, lines.at(-1)).not.toBeNull();
  const finalUrl = ready![1];
  // The script got there through API_BASE; the URL it is handed must be reachable the same way.
  expect(new URL(finalUrl).origin).toBe(new URL(baseURL!).origin);

  // The script's project, read back through the API.
  const scriptPersonId = Number(/\d+/.exec(lines[0])![0]);
  const person = await (await request.get(`/api/v1/persons/${scriptPersonId}`, { headers: u.headers })).json();
  expect(person).toMatchObject({ id: scriptPersonId, name: "Alex Chen", description: "Tech startup founder", has_voice: false });
  const [scriptProject] = await (await request.get(`/api/v1/scene-projects?person_id=${scriptPersonId}`, { headers: u.headers })).json();
  const status = await (await request.get(`/api/v1/scene-projects/${scriptProject.id}/status`, { headers: u.headers })).json();
  expect(status).toMatchObject({ id: scriptProject.id, status: "completed", progress: 100, final_video_url: finalUrl });

  // The final video: H.264 + AAC, yuv420p, the e2e server's 640x360, as long as its scenes.
  const final = await download(request, finalUrl, testInfo.outputPath("final.mp4"));
  const video = final.streams.find((s) => s.codecType === "video");
  const audio = final.streams.find((s) => s.codecType === "audio");
  expect(video).toMatchObject({ codecName: "h264", pixFmt: "yuv420p", width: 640, height: 360 });
  expect(audio?.codecName).toBe("aac");
  let sceneMs = 0;
  for (const s of status.scenes) {
    expect(s).toMatchObject({ image_status: "completed", video_status: "completed" });
    const clip = await download(request, s.video_url, testInfo.outputPath(`scene-${s.scene_number}.mp4`));
    // As long as its narration plus a breath: no dead air, never under 3 s.
    expect(clip.durationMs).toBeGreaterThanOrEqual(3_000 - 50);
    expect(await trailingSilenceMs(testInfo.outputPath(`scene-${s.scene_number}.mp4`), clip.durationMs)).toBeLessThan(1_300);
    sceneMs += clip.durationMs;
  }
  expect(Math.abs(final.durationMs - sceneMs), `final ${final.durationMs} ms, scenes ${sceneMs} ms`).toBeLessThan(250);
  expect(Math.abs(status.total_duration_seconds * 1000 - final.durationMs)).toBeLessThanOrEqual(500);

  // The API's own run of the flow: the completed response has the seed's fields.
  expect(api.seen[0].status).toBe("generating");
  expect(api.seen.at(-1)).toEqual({ status: "completed", progress: 100, current_step: "completed" });
  expect(api.completed).toMatchObject({ id: api.projectId, status: "completed", progress: 100 });
  expect(typeof api.completed.final_video_url).toBe("string");
  expect(Number.isInteger(api.completed.total_duration_seconds)).toBe(true);
  // 10 credits a second of each scene (100 per 10 s, the seeds' unit), as quoted before approval.
  expect(api.completed.credits_used).toBe(
    estimateCost(api.scenes.map((s: { scene_number: number; narration_text: string }) => ({ sceneNumber: s.scene_number, narrationText: s.narration_text })))
      .totalCredits,
  );
  expect(status.credits_used).toBeGreaterThanOrEqual(30 * status.scenes.length);
  const me = await (await request.get("/api/v1/auth/me", { headers: u.headers })).json();
  expect(me.credits).toBe(1000 - api.completed.credits_used - status.credits_used);

  // A finished project is past "proposed": approving it again or editing it is refused, for free.
  const again = await request.post(`/api/v1/scene-projects/${api.projectId}/approve`, { headers: u.headers, data: { confirm_credits: true } });
  expect(again.status()).toBe(400);
  expect((await again.json()).detail).toMatch(/not in proposed state \(project is completed\)/);
  const edit = await request.put(`/api/v1/scene-projects/${api.projectId}/scenes/${api.scenes[0].id}`, {
    headers: u.headers,
    data: { narration_text: "Too late." },
  });
  expect(edit.status()).toBe(400);
  expect((await edit.json()).detail).toMatch(/before approval \(project is completed\)/);
  expect((await (await request.get("/api/v1/auth/me", { headers: u.headers })).json()).credits).toBe(me.credits);
  const listed = async (query: string) =>
    ((await (await request.get(`/api/v1/scene-projects?${query}`, { headers: u.headers })).json()) as Array<{ id: number }>)
      .map((p) => p.id)
      .sort((a, b) => a - b);
  expect(await listed("status_filter=completed")).toEqual([api.projectId, scriptProject.id].sort((a, b) => a - b));
  expect(await listed("status_filter=proposed")).toEqual([]);

  // The script's person and the API run's, and nobody else's.
  const persons = await (await request.get("/api/v1/persons", { headers: u.headers })).json();
  expect(persons.map((p: { id: number }) => p.id).sort((a: number, b: number) => a - b)).toEqual([api.personId, scriptPersonId].sort((a, b) => a - b));
});

/** How long a video's sound is silent at its end (ms): the dead air after the last word. */
async function trailingSilenceMs(file: string, durationMs: number): Promise<number> {
  let stderr = "";
  await runFfmpeg(["-i", file, "-map", "0:a:0", "-af", "silencedetect=noise=-45dB:d=0.2", "-f", "null", "-"], { onStderr: (c) => void (stderr += c) });
  const starts = [...stderr.matchAll(/silence_start: ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
  const ends = [...stderr.matchAll(/silence_end: ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
  // A silence still running at the end has a start and no end of its own.
  return starts.length > ends.length ? durationMs - starts[starts.length - 1] : 0;
}
