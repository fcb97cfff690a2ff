import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { socialAccounts } from "@/db/schema/social";
import { stopBoss } from "@/lib/jobs/boss";
import { makeAccount, makeCharacter, makeFinishedVideo } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { fakeYouTubeEnv, startFakeYouTube, type FakeYouTube } from "./platforms/fakes/youtube";
import { createPost, getPost, publishNow, targetEvents } from "./posts";
import { sealToken } from "./tokens";

/**
 * Exactly once across crashes: real worker processes (scripts/worker.ts) publish to the fake
 * YouTube, one is SIGKILLed while YouTube holds the answer to the irreversible step, and two
 * run side by side; the fake counts the videos actually created.
 */

let yt: FakeYouTube;
let account: Awaited<ReturnType<typeof makeAccount>>;
let characterId: number;
let videoId: string;
const workers: ChildProcess[] = [];

function startWorkerProcess(name: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/worker.ts")], {
    env: {
      ...process.env,
      PUBLISH_POLL_MS: "50",
      JOB_RETRY_DELAY_SCALE: "0.2",
      ...fakeYouTubeEnv(yt),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = fs.createWriteStream(path.join(process.env.DATA_DIR!, `${name}.log`));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  workers.push(child);
  return child;
}

const kill = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });

beforeAll(async () => {
  yt = await startFakeYouTube({ clientId: "yt-client", clientSecret: "yt-secret" });
  account = await makeAccount();
  characterId = (await makeCharacter(account)).id;
  videoId = (await makeFinishedVideo(account, { seconds: 1 })).id;
  const [row] = await getDb()
    .insert(socialAccounts)
    .values({ workspaceId: account.workspaceId, platform: "youtube", externalId: yt.channel.id, handle: yt.channel.customUrl })
    .returning();
  await getDb()
    .update(socialAccounts)
    .set({
      accessTokenSealed: sealToken(yt.accessToken, row.id),
      refreshTokenSealed: sealToken(yt.refreshToken, row.id),
      tokenExpiresAt: new Date(Date.now() + 3_600_000),
    })
    .where(eq(socialAccounts.id, row.id));
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => kill(w, "SIGTERM")));
});

afterAll(async () => {
  await stopBoss();
  await closeDb();
  await yt.close();
});

async function publishToYouTube(title: string) {
  const post = await createPost(getDb(), account.workspaceId, {
    characterId,
    title,
    script: "",
    videoId,
    scheduledAt: new Date(Date.now() + 60_000),
    targets: [{ platform: "youtube" }],
    captions: {},
  });
  await publishNow(getDb(), account.workspaceId, post.id);
  return post.id;
}

const published = (postId: string) =>
  waitUntil(
    `post ${postId} published`,
    () => getPost(getDb(), account.workspaceId, postId),
    (p) => {
      if (p.status === "failed") throw new Error(`publish failed: ${p.targets[0].lastError}`);
      return p.status === "published";
    },
    120_000,
  );

it("a worker killed while the publish's answer is outstanding: the next worker looks the video up, and it exists once", async () => {
  yt.delayPublish(60_000);
  const first = startWorkerProcess("worker-killed");
  const postId = await publishToYouTube("Killed mid-publish");
  // The last chunk arrived: YouTube made the video, its answer is held back.
  await waitUntil(
    "YouTube to create the video",
    async () => yt.counters.publishes,
    (n) => n === 1,
    60_000,
  );
  await kill(first, "SIGKILL");
  startWorkerProcess("worker-after");
  const done = await published(postId);
  expect(yt.counters.publishes).toBe(1);
  expect(done.targets[0].externalId).toBe([...yt.posts.keys()][0]);
  const [target] = done.targets;
  expect(target.commitState).toBe("done");
  // The second worker never committed again: it reconciled.
  const steps = (await targetEvents(getDb(), account.workspaceId, postId))[target.id].map((e) => e.step);
  expect(steps.filter((s) => s === "commit")).toHaveLength(1);
  expect(steps.at(-1)).toBe("published");
}, 180_000);

it("two workers side by side publish each post exactly once", async () => {
  const before = yt.counters.publishes;
  startWorkerProcess("worker-a");
  startWorkerProcess("worker-b");
  const ids = await Promise.all(["One", "Two", "Three"].map((t) => publishToYouTube(t)));
  for (const id of ids) await published(id);
  expect(yt.counters.publishes - before).toBe(3);
  const titles = [...yt.posts.values()].map((v) => v.snippet.title);
  for (const t of ["One", "Two", "Three"]) expect(titles.filter((x) => x === t)).toHaveLength(1);
}, 180_000);
