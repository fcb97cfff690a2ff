import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { channelVideos, postTargetEvents, postTargets, socialAccounts } from "@/db/schema/social";
import { createEndpoint } from "@/lib/webhooks/service";
import { webhookDeliveries } from "@/db/schema/webhooks";
import { AppError } from "@/lib/errors";
import { getTask, subjects } from "@/lib/tasks/service";
import { latestTask } from "@/lib/tasks/service";
import { makeAccount, makeCharacter, makeFinishedVideo } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { postInput } from "@/lib/validation/posts";
import { PlatformError, type PlatformAdapter, type Published } from "./platforms/adapter";
import { CHANNEL_LIMITS } from "./platforms/channel";
import { createPost, dispatchDuePosts, getPost, retryTarget, targetEvents } from "./posts";
import { overrideAdapter } from "./registry";
import { sealToken } from "./tokens";

process.env.PUBLISH_POLL_MS = "50";
useJobWorker();

type Account = Awaited<ReturnType<typeof makeAccount>>;
let account: Account;
let characterId: number;
let videoId: string;

beforeAll(async () => {
  account = await makeAccount();
  await createEndpoint(getDb(), account, { url: "https://hooks.example.com/cinetwin", events: ["post.published", "post.failed"] });
  characterId = (await makeCharacter(account)).id;
  videoId = (await makeFinishedVideo(account)).id;
});

afterEach(() => overrideAdapter("youtube", null));

const soon = () => new Date(Date.now() + 5 * 60_000);
const input = (over: Record<string, unknown> = {}) =>
  postInput.parse({ characterId, title: "Lisbon at dawn", videoId, scheduledAt: soon().toISOString(), targets: [{ platform: "channel" }], ...over });

/** The time comes: what the every-minute cron does, with the clock moved past the post. */
const timeComes = () => dispatchDuePosts(getDb(), new Date(Date.now() + 10 * 60_000));

const waitForPost = (postId: string, status: string) =>
  waitUntil(
    `post ${postId} ${status}`,
    () => getPost(getDb(), account.workspaceId, postId),
    (p) => p.status === status,
    60_000,
  );

describe("publishing to the built-in channel", () => {
  it("publishes a due post once, with a timeline, a settled task and a channel video", async () => {
    const post = await createPost(getDb(), account.workspaceId, input());
    expect(post.status).toBe("scheduled");
    expect(post.targets.map((t) => t.platform)).toEqual(["channel"]);
    expect(await timeComes()).toBeGreaterThanOrEqual(1);
    // A second dispatcher finds nothing more to do.
    await timeComes();
    const done = await waitForPost(post.id, "published");
    const target = done.targets[0];
    expect(target.status).toBe("published");
    expect(target.externalUrl).toMatch(/\/c\/alex-chen\/[0-9a-f-]{36}$/);
    const videos = await getDb().select().from(channelVideos).where(eq(channelVideos.targetId, target.id));
    expect(videos).toHaveLength(1);
    expect(videos[0].title).toBe("Lisbon at dawn");
    const task = await latestTask(getDb(), subjects.postTarget(target.id));
    expect(task).toMatchObject({ status: "succeeded", progress: 100, kind: "social-publish" });
    // The webhook of the transition, recorded with it.
    const [delivery] = await getDb()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subject, subjects.postTarget(target.id)));
    expect(delivery).toMatchObject({ event: "post.published" });
    expect(delivery.payload).toMatchObject({ post_id: post.id, platform: "channel", url: target.externalUrl });
    const steps = (await targetEvents(getDb(), account.workspaceId, post.id))[target.id].map((e) => e.step);
    expect(steps).toEqual(["prepare", "uploading", "upload", "processing", "publishing", "commit", "published"]);
  });

  it("refuses a time in the past, an unknown character and a video that breaks the platform's limits, naming the field", async () => {
    const refusal = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(AppError);
      return e as AppError;
    };
    expect((await refusal(createPost(getDb(), account.workspaceId, input({ scheduledAt: new Date(Date.now() - 3_600_000).toISOString() })))).field).toBe(
      "scheduledAt",
    );
    expect((await refusal(createPost(getDb(), account.workspaceId, input({ characterId: 999_999 })))).field).toBe("characterId");
    const wide = await makeFinishedVideo(account, { width: 640, height: 120, seconds: 1 });
    const tooWide = await refusal(createPost(getDb(), account.workspaceId, input({ videoId: wide.id })));
    expect(tooWide.field).toBe("videoId");
    expect(tooWide.message).toContain(`to ${CHANNEL_LIMITS.maxAspect.toFixed(2)} wide per 1 high; this one is 640x120`);
    overrideAdapter("youtube", scriptedPlatform().adapter);
    const unconnected = await refusal(createPost(getDb(), account.workspaceId, input({ targets: [{ platform: "youtube" }] })));
    expect(unconnected).toMatchObject({ field: "platform", message: "no YouTube account is connected: connect one first, or publish to your channel" });
    expect(() => input({ targets: [{ platform: "myspace" }] })).toThrow(/platform must be one of instagram, tiktok, linkedin, youtube, channel/);
  });
});

/**
 * A scripted platform standing in for a social network: it counts what it published, and can be
 * told to publish but not answer (the outcome unknown to us), or to refuse with a status.
 */
function scriptedPlatform() {
  const s = { published: [] as Published[], commits: 0, loseAnswer: 0, startCalls: 0, rateLimitOnce: false };
  const adapter: PlatformAdapter = {
    platform: "youtube",
    limits: { ...CHANNEL_LIMITS, captions: "sidecar" },
    oauth: null,
    async start(ctx) {
      s.startCalls++;
      if (!ctx.state.session) await ctx.save({ session: `s-${s.startCalls}` });
    },
    async check() {
      return { state: "ready" };
    },
    async commit() {
      s.commits++;
      if (s.rateLimitOnce) {
        s.rateLimitOnce = false;
        throw new PlatformError("rate_limited", "slow down", { status: 429, retryAfterMs: 20 });
      }
      const p = { postId: `v${s.published.length + 1}`, url: null };
      s.published.push(p);
      if (s.loseAnswer > 0) {
        s.loseAnswer--;
        throw new PlatformError("transient", "no answer from the platform");
      }
      return { state: "published", published: p };
    },
    async reconcile() {
      const p = s.published.at(-1);
      return p ? { state: "published", published: p } : { state: "absent" };
    },
  };
  return { s, adapter };
}

async function connectYoutube() {
  const [row] = await getDb()
    .insert(socialAccounts)
    .values({ workspaceId: account.workspaceId, platform: "youtube", externalId: "UC-alex", handle: "Alex's channel" })
    .onConflictDoNothing()
    .returning();
  if (row)
    await getDb()
      .update(socialAccounts)
      .set({ accessTokenSealed: sealToken("token-1", row.id), tokenExpiresAt: new Date(Date.now() + 3_600_000) })
      .where(eq(socialAccounts.id, row.id));
}

describe("the exactly-once rules", () => {
  it("a commit whose answer is lost is reconciled, never repeated", async () => {
    const { s, adapter } = scriptedPlatform();
    overrideAdapter("youtube", adapter);
    await connectYoutube();
    s.loseAnswer = 1;
    const post = await createPost(getDb(), account.workspaceId, input({ targets: [{ platform: "youtube" }] }));
    await timeComes();
    const done = await waitForPost(post.id, "published");
    expect(s.commits).toBe(1);
    expect(s.published).toHaveLength(1);
    expect(done.targets[0].externalId).toBe("v1");
    const steps = (await targetEvents(getDb(), account.workspaceId, post.id))[done.targets[0].id].map((e) => e.step);
    expect(steps).toContain("unconfirmed");
    expect(steps.indexOf("published")).toBeGreaterThan(steps.indexOf("unconfirmed"));
  });

  it("a 429 on commit waits and publishes once; a refusal fails the target, and retry resumes it", async () => {
    const { s, adapter } = scriptedPlatform();
    overrideAdapter("youtube", adapter);
    await connectYoutube();
    s.rateLimitOnce = true;
    const post = await createPost(getDb(), account.workspaceId, input({ targets: [{ platform: "youtube" }] }));
    await timeComes();
    await waitForPost(post.id, "published");
    expect(s.commits).toBe(2);
    expect(s.published).toHaveLength(1);

    // A platform that refuses the upload outright: the target fails in words, and a retry by hand resumes.
    const refusing = { ...adapter, start: async () => Promise.reject(new PlatformError("bad_request", "YouTube upload: invalid title")) };
    overrideAdapter("youtube", refusing);
    const second = await createPost(getDb(), account.workspaceId, input({ targets: [{ platform: "youtube" }] }));
    await timeComes();
    const failed = await waitForPost(second.id, "failed");
    expect(failed.targets[0].lastError).toBe("YouTube upload: invalid title");
    const task = await getTask(getDb(), { taskId: failed.targets[0].task!.id, workspaceId: account.workspaceId });
    expect(task).toMatchObject({ status: "failed", error: "YouTube upload: invalid title" });
    overrideAdapter("youtube", adapter);
    await retryTarget(getDb(), account.workspaceId, failed.targets[0].id);
    const retried = await waitForPost(second.id, "published");
    expect(retried.targets[0].task?.status).toBe("succeeded");
    const events = await getDb().select().from(postTargetEvents).where(eq(postTargetEvents.targetId, failed.targets[0].id));
    expect(events.map((e) => e.step)).toContain("retry");
    const [t] = await getDb().select().from(postTargets).where(eq(postTargets.id, failed.targets[0].id));
    expect(t.status).toBe("published");
  });
});
