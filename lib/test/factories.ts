import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { getDb } from "@/db/client";
import { registerUser } from "@/lib/accounts/service";
import { createCharacter } from "@/lib/characters/service";

/** The password of every account makeAccount creates: one the strength check accepts. */
export const TEST_PASSWORD = "quiet-harbor-lantern-42";

/** A fresh user with their workspace and starting credits. */
export async function makeAccount(opts: { credits?: number } = {}) {
  const prev = process.env.STARTING_CREDITS;
  const account = await registerUser(getDb(), { email: `u-${randomUUID()}@test.local`, password: TEST_PASSWORD }, { bypassSignupSwitch: true });
  if (opts.credits !== undefined) {
    const { grantCredits, getBalance } = await import("@/lib/credits/ledger");
    const balance = await getBalance(getDb(), account.workspaceId);
    const delta = opts.credits - balance;
    if (delta > 0) await grantCredits(getDb(), account.workspaceId, delta, `test:${randomUUID()}`);
    if (delta < 0) {
      const { creditLedger } = await import("@/db/schema/credits");
      await getDb()
        .insert(creditLedger)
        .values({ workspaceId: account.workspaceId, amountHundredths: delta * 100, kind: "adjust", idempotencyKey: `test:${randomUUID()}` });
    }
  }
  // Assigning undefined would store the string "undefined", which a later env() refuses.
  if (prev === undefined) delete process.env.STARTING_CREDITS;
  else process.env.STARTING_CREDITS = prev;
  return account;
}

export async function makePhoto(width = 64, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 60 } } })
    .png()
    .toBuffer();
}

export async function makeCharacter(account: { userId: string; workspaceId: string }, withPhoto = true) {
  return createCharacter(
    getDb(),
    account,
    { name: "Alex Chen", description: "Tech startup founder", persona: "Optimistic and direct", styleTags: ["cinematic"] },
    withPhoto ? { buffer: await makePhoto() } : null,
  );
}

/** A proposed story project of the character. */
export async function makeStory(
  account: { userId: string; workspaceId: string },
  characterId: number,
  opts: { idea: string; numScenes?: number; useAvatarFirstScene?: boolean; useAvatarLastScene?: boolean; aspectRatio?: "16:9" | "9:16" | "1:1" },
) {
  const { createStoryProject } = await import("@/lib/projects/service");
  return createStoryProject(getDb(), account, {
    characterId,
    storyIdea: opts.idea,
    numScenes: opts.numScenes ?? 2,
    useAvatarFirstScene: opts.useAvatarFirstScene ?? false,
    useAvatarLastScene: opts.useAvatarLastScene ?? false,
    aspectRatio: opts.aspectRatio,
  });
}

/** A story project approved at once: its credits reserved and generation queued. */
export async function makeApprovedStory(...args: Parameters<typeof makeStory>) {
  const { approveProject } = await import("@/lib/projects/service");
  const project = await makeStory(...args);
  const { cost } = await approveProject(getDb(), { workspaceId: args[0].workspaceId, projectId: project.id, input: { confirmCredits: true } });
  return { project, cost };
}

/** The kinds of the ledger rows that name `reference` ("project:42"), in the order they were written. */
export async function ledgerKinds(reference: string): Promise<string[]> {
  const { creditLedger } = await import("@/db/schema/credits");
  const { asc, eq } = await import("drizzle-orm");
  const rows = await getDb().select().from(creditLedger).where(eq(creditLedger.reference, reference)).orderBy(asc(creditLedger.createdAt));
  return rows.map((r) => r.kind);
}

/**
 * A finished video of the workspace, as a render leaves it (a generated_videos row over a stored
 * MP4): testsrc2 frames with a tone, H.264 + AAC, and a narration line for its captions.
 */
export async function makeFinishedVideo(account: { workspaceId: string }, opts: { width?: number; height?: number; seconds?: number; name?: string } = {}) {
  const { mkdtemp, rm } = await import("node:fs/promises");
  const os = await import("node:os");
  const path = await import("node:path");
  const { runFfmpeg } = await import("@/lib/media/ffmpeg");
  const { saveMedia } = await import("@/lib/storage/media");
  const { generatedVideos } = await import("@/db/schema/videos");
  const { width = 360, height = 640, seconds = 2 } = opts;
  const dir = await mkdtemp(path.join(os.tmpdir(), "cinetwin-video-"));
  try {
    const file = path.join(dir, "v.mp4");
    await runFfmpeg([
      "-y",
      ...["-f", "lavfi", "-i", `testsrc2=size=${width}x${height}:rate=25`],
      ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"],
      ...["-t", String(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file],
    ]);
    const stored = await saveMedia(getDb(), {
      workspaceId: account.workspaceId,
      kind: "video",
      mime: "video/mp4",
      source: { path: file },
      width,
      height,
      durationMs: seconds * 1000,
    });
    const [video] = await getDb()
      .insert(generatedVideos)
      .values({
        id: randomUUID(),
        workspaceId: account.workspaceId,
        name: opts.name ?? "Test video",
        mediaId: stored.id,
        shareToken: randomUUID().replace(/-/g, ""),
        sizeBytes: stored.sizeBytes,
        durationMs: seconds * 1000,
        narration: [{ text: "Hello from the test video.", startMs: 0, endMs: seconds * 1000 }],
      })
      .returning();
    return video;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A video on the character's channel, written straight to its rows (a published post, its channel
 * target and the channel video) for tests that need one without running the publish job.
 */
export async function makeChannelVideo(account: { workspaceId: string }, characterId: number, opts: { title?: string } = {}) {
  const { posts, postTargets, channelVideos } = await import("@/db/schema/social");
  const { ensureChannelHandle } = await import("@/lib/social/platforms/channel");
  const video = await makeFinishedVideo(account, { seconds: 1 });
  const title = opts.title ?? "Test channel video";
  const db = getDb();
  const [post] = await db
    .insert(posts)
    .values({ workspaceId: account.workspaceId, characterId, title, videoId: video.id, scheduledAt: new Date(), status: "published" })
    .returning();
  const [target] = await db
    .insert(postTargets)
    .values({ workspaceId: account.workspaceId, postId: post.id, platform: "channel", status: "published", commitState: "done", publishedAt: new Date() })
    .returning();
  const handle = await ensureChannelHandle(db, characterId);
  const [row] = await db
    .insert(channelVideos)
    .values({ workspaceId: account.workspaceId, characterId, targetId: target.id, videoId: video.id, title })
    .returning();
  return { ...row, handle };
}
