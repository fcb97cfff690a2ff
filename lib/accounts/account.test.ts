import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as serveMediaRoute } from "@/app/api/media/[mediaId]/route";
import { getDb } from "@/db/client";
import { apiTokens, users } from "@/db/schema/accounts";
import { bulkBatches, bulkRows } from "@/db/schema/bulk";
import { captions } from "@/db/schema/captions";
import { characterMemories } from "@/db/schema/characters";
import { creditAllowances } from "@/db/schema/credits";
import { media } from "@/db/schema/media";
import { projects, scenes } from "@/db/schema/projects";
import { providerJobs, workspaceProviders } from "@/db/schema/providers";
import { analyticsDaily, analyticsSnapshots, channelEvents, oauthStates, postTargetEvents, postTargets, socialAccounts } from "@/db/schema/social";
import { timelines, videoJobs, videoTemplates } from "@/db/schema/videos";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema/webhooks";
import { storage } from "@/lib/storage/local";
import { getMediaUnscoped, signedMediaPath } from "@/lib/storage/media";
import { latestTask } from "@/lib/tasks/service";
import { makeAccount, makeChannelVideo, makeCharacter, TEST_PASSWORD } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { deleteAccountInput, updateProfileInput } from "@/lib/validation/account";
import { deleteAccount } from "./delete";
import { startAccountExport } from "./export";
import { accountRowCounts, accountTables, serverTables } from "./export-tables";
import { EMAIL_IN_USE, updateProfile } from "./profile";
import { verifyCredentials } from "./service";

useJobWorker();

const run = promisify(execFile);
const fetchMedia = (mediaId: string) =>
  serveMediaRoute(new Request(`http://localhost:3000${signedMediaPath(mediaId)}`), { params: Promise.resolve({ mediaId }) });
type Account = Awaited<ReturnType<typeof makeAccount>>;

/** Secret values planted in a workspace's rows: none may reach an export. */
const secretsOf = (tag: string) => ({
  tokenHash: `token-hash-${tag}`,
  sealedKey: `sealed-key-${tag}`,
  accessToken: `sealed-access-${tag}`,
  refreshToken: `sealed-refresh-${tag}`,
  stateHash: `state-hash-${tag}`,
  verifier: `code-verifier-${tag}`,
  webhookSecret: `whsec-${tag}`,
  viewerKey: `viewer-key-${tag}`,
});

/** A row in every table a workspace has rows in (the factories where they exist, straight inserts for the rest). */
async function fillWorkspace(a: Account, tag: string) {
  const db = getDb();
  const s = secretsOf(tag);
  const ws = a.workspaceId;
  const character = await makeCharacter(a);
  const channel = await makeChannelVideo(a, character.id, { title: `channel ${tag}` });
  await db.insert(characterMemories).values({ workspaceId: ws, characterId: character.id, note: `memory ${tag}` });
  const [project] = await db
    .insert(projects)
    .values({ workspaceId: ws, characterId: character.id, title: `story ${tag}`, storyIdea: `idea ${tag}`, numScenes: 1 })
    .returning();
  await db
    .insert(scenes)
    .values({ workspaceId: ws, projectId: project.id, sceneNumber: 1, description: `scene ${tag}`, imagePrompt: "p", motionPrompt: "m", narrationText: "n" });
  await db.insert(apiTokens).values({ workspaceId: ws, userId: a.userId, name: `token ${tag}`, prefix: "ctw_x", tokenHash: s.tokenHash });
  const [batch] = await db
    .insert(bulkBatches)
    .values({ id: randomUUID(), workspaceId: ws, characterId: character.id, platform: "tiktok", totalRows: 1 })
    .returning();
  const [job] = await db
    .insert(videoJobs)
    .values({ workspaceId: ws, name: `job ${tag}`, videoCreative: { tag } })
    .returning();
  await db
    .insert(bulkRows)
    .values({ workspaceId: ws, batchId: batch.id, rowNumber: 1, script: `row ${tag}`, platform: "tiktok", captionPreset: "bold", videoJobId: job.id });
  await db.insert(captions).values({ workspaceId: ws, sourceUrl: `https://example.com/${tag}.mp4` });
  await db.insert(creditAllowances).values({ workspaceId: ws, credits: 50 });
  // A vendor's answer kept for retries: a stored file named only by its record.
  const vendorCopy = await storage().put(ws, "png", { buffer: Buffer.from(`vendor frame ${tag}`) });
  await db.insert(providerJobs).values({
    workspaceId: ws,
    subject: `scene:${tag}`,
    vendor: "fal",
    model: "flux",
    requestHash: `hash-${tag}`,
    status: "succeeded",
    result: { storageKey: vendorCopy },
  });
  await db.insert(workspaceProviders).values({ workspaceId: ws, capability: "image", providerId: "openai", sealedKey: s.sealedKey, keyLast4: "abcd" });
  const [account] = await db
    .insert(socialAccounts)
    .values({
      workspaceId: ws,
      platform: "tiktok",
      externalId: `ext-${tag}`,
      handle: `@${tag}`,
      accessTokenSealed: s.accessToken,
      refreshTokenSealed: s.refreshToken,
    })
    .returning();
  await db.insert(oauthStates).values({
    workspaceId: ws,
    platform: "youtube",
    stateHash: s.stateHash,
    codeVerifier: s.verifier,
    callbackUri: "http://localhost/cb",
    expiresAt: new Date(),
  });
  await db.insert(postTargetEvents).values({ targetId: channel.targetId, step: `published ${tag}` });
  await db.insert(channelEvents).values({ channelVideoId: channel.id, kind: "view", viewerKey: s.viewerKey, day: "2026-01-02" });
  await db.insert(analyticsDaily).values({ workspaceId: ws, scope: `account:${account.id}`, platform: "tiktok", day: "2026-01-02", views: 3 });
  await db
    .insert(analyticsSnapshots)
    .values({ workspaceId: ws, scope: `account:${account.id}`, day: "2026-01-02", totals: { views: 3, likes: 0, comments: 0, shares: 0, followers: null } });
  await db.insert(timelines).values({ workspaceId: ws, name: `timeline ${tag}`, body: { videoCreative: { tag }, dynamicVariables: {} } });
  await db.insert(videoTemplates).values({ workspaceId: ws, name: `template ${tag}`, source: "timeline", videoCreative: { tag } });
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({ workspaceId: ws, url: `https://example.com/hook/${tag}`, secret: s.webhookSecret })
    .returning();
  await db
    .insert(webhookDeliveries)
    .values({ workspaceId: ws, endpointId: endpoint.id, url: endpoint.url, event: "video.completed", subject: tag, payload: { tag } });
  // A post target on the social account: its foreign key restricts deleting the account.
  const [{ postId }] = await db.select({ postId: postTargets.postId }).from(postTargets).where(eq(postTargets.id, channel.targetId));
  await db.insert(postTargets).values({ workspaceId: ws, postId, platform: "tiktok", accountId: account.id });
}

const storageKeysOf = (workspaceId: string) => getDb().select({ key: media.storageKey, id: media.id }).from(media).where(eq(media.workspaceId, workspaceId));

/** Runs the export through the real job and unpacks its zip; returns the folder. */
async function exportAndUnzip(a: Account) {
  const task = await startAccountExport({ workspaceId: a.workspaceId, userId: a.userId }, "http://studio.test");
  const subject = task.subject;
  const done = (await waitUntil(
    "the export to settle",
    () => latestTask(getDb(), subject),
    (t) => !!t && ["succeeded", "failed"].includes(t.status),
    120_000,
  ))!;
  expect(done, done.error ?? "").toMatchObject({ status: "succeeded", progress: 100 });
  const result = done.result as { mediaId: string; downloadUrl: string; tables: Record<string, number>; files: number };
  expect(result.downloadUrl).toMatch(new RegExp(`^http://studio\\.test/api/media/${result.mediaId}\\?exp=\\d+&sig=.+&download=1$`));
  const row = await getMediaUnscoped(getDb(), result.mediaId);
  expect(row).toMatchObject({ workspaceId: a.workspaceId, mime: "application/zip" });
  const dir = await mkdtemp(path.join(os.tmpdir(), "account-export-test-"));
  const zip = path.join(dir, "export.zip");
  await writeFile(zip, await readFile(await storage().localPath(row!.storageKey)));
  await run("unzip", ["-q", zip, "-d", path.join(dir, "out")]);
  return { dir, out: path.join(dir, "out"), result };
}

describe("export all my data", () => {
  it("writes every row and file of the workspace, none of another's, and no secrets", async () => {
    const a = await makeAccount();
    const b = await makeAccount();
    const tagA = `A${randomUUID().slice(0, 6)}`;
    const tagB = `B${randomUUID().slice(0, 6)}`;
    await fillWorkspace(a, tagA);
    await fillWorkspace(b, tagB);
    const { dir, out, result } = await exportAndUnzip(a);
    try {
      const names = await readdir(out);
      const all: string[] = [];
      for (const t of accountTables()) {
        expect(names, `${t.name}.json`).toContain(`${t.name}.json`);
        const text = await readFile(path.join(out, `${t.name}.json`), "utf8");
        all.push(text);
        const rows = JSON.parse(text) as Array<Record<string, unknown>>;
        // Every table has rows of A (the fill reaches them all), each of them A's.
        expect(rows.length, `${t.name} rows`).toBeGreaterThan(0);
        for (const r of rows) if ("workspace_id" in r) expect(r.workspace_id, t.name).toBe(a.workspaceId);
      }
      const counts = await accountRowCounts(getDb(), { workspaceId: a.workspaceId, userId: a.userId });
      // The zip itself is stored (as one more media row) after it was written.
      expect(result.tables).toEqual({ ...counts, media: counts.media - 1 });
      const users_ = JSON.parse(await readFile(path.join(out, "users.json"), "utf8")) as Array<Record<string, unknown>>;
      expect(users_).toEqual([expect.objectContaining({ id: a.userId, email: a.email })]);
      expect(users_[0]).not.toHaveProperty("password_hash");

      const text = all.join("\n");
      expect(text).toContain(tagA);
      expect(text).not.toContain(tagB);
      expect(text).not.toContain(b.workspaceId);
      for (const secret of Object.values(secretsOf(tagA))) expect(text).not.toContain(secret);
      expect(text).not.toContain("scrypt$");

      // Every stored file of A is in media/, byte for byte.
      const files = await readdir(path.join(out, "media"));
      const stored = await storageKeysOf(a.workspaceId);
      const expected = stored.filter((m) => !m.key.endsWith(".zip"));
      expect(files.sort()).toEqual(expected.map((m) => `${m.id}.${m.key.split(".").pop()}`).sort());
      expect(result.files).toBe(expected.length);
      for (const m of expected) {
        const inZip = await readFile(path.join(out, "media", `${m.id}.${m.key.split(".").pop()}`));
        expect(inZip.equals(await readFile(await storage().localPath(m.key))), m.id).toBe(true);
      }
      expect(await readFile(path.join(out, "README.txt"), "utf8")).toMatch(/password_hash/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names every table of the schema: a workspace's, reached through one, or the server's own", () => {
    const names = accountTables().map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["users", "workspaces", "scenes", "post_target_events", "channel_events", "media"]));
    for (const t of serverTables) expect(names).not.toContain(t);
  });
});

describe("delete account", () => {
  it("needs the typed confirmation and the password, then removes every row and file of the workspace and nothing of another's", async () => {
    const a = await makeAccount();
    const b = await makeAccount();
    await fillWorkspace(a, `A${randomUUID().slice(0, 6)}`);
    await fillWorkspace(b, `B${randomUUID().slice(0, 6)}`);
    const scopeA = { workspaceId: a.workspaceId, userId: a.userId };
    const scopeB = { workspaceId: b.workspaceId, userId: b.userId };
    const filesA = await storageKeysOf(a.workspaceId);
    const filesB = await storageKeysOf(b.workspaceId);
    const countsB = await accountRowCounts(getDb(), scopeB);
    expect(filesA.length).toBeGreaterThanOrEqual(2);

    await expect(deleteAccount(getDb(), a.userId, { confirmation: b.email, currentPassword: TEST_PASSWORD })).rejects.toMatchObject({
      status: 400,
      field: "confirmation",
    });
    await expect(deleteAccount(getDb(), a.userId, { confirmation: a.email, currentPassword: "not-the-password" })).rejects.toMatchObject({
      status: 400,
      field: "currentPassword",
      message: "The current password is not correct",
    });
    expect((await accountRowCounts(getDb(), scopeA)).media).toBe(filesA.length);
    for (const f of filesA) expect((await fetchMedia(f.id)).status, f.id).toBe(200);

    const [vendorRecord] = await getDb().select().from(providerJobs).where(eq(providerJobs.workspaceId, a.workspaceId));
    const vendorCopy = vendorRecord.result!.storageKey as string;
    expect(await storage().size(vendorCopy)).not.toBeNull();
    expect(await deleteAccount(getDb(), a.userId, { confirmation: "  Delete My Account ", currentPassword: TEST_PASSWORD })).toEqual({
      workspaces: 1,
      files: filesA.length + 1,
    });
    expect(await storage().size(vendorCopy), "the vendor's copy goes too").toBeNull();
    const after = await accountRowCounts(getDb(), scopeA);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    for (const f of filesA) {
      expect(await storage().size(f.key), f.key).toBeNull();
      expect(await getMediaUnscoped(getDb(), f.id)).toBeNull();
      expect((await fetchMedia(f.id)).status, f.id).toBe(404);
    }
    expect(await verifyCredentials(getDb(), a.email, TEST_PASSWORD)).toBeNull();

    expect(await accountRowCounts(getDb(), scopeB)).toEqual(countsB);
    for (const f of filesB) {
      expect(await storage().size(f.key), f.key).not.toBeNull();
      expect((await fetchMedia(f.id)).status, f.id).toBe(200);
    }
  });
});

describe("name and email", () => {
  it("validates the fields with named errors", () => {
    expect(deleteAccountInput.safeParse({ confirmation: " ", currentPassword: "" }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["confirmation", "type your email or “delete my account”"],
      ["currentPassword", "current password is required"],
    ]);
    const bad = updateProfileInput.safeParse({ name: "x".repeat(101), email: "not-an-email" });
    expect(bad.success).toBe(false);
    const fields = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(fields).toEqual({ name: "name must be at most 100 characters", email: "email must be a valid email address" });
    expect(updateProfileInput.safeParse({ name: "", email: "" }).error?.issues[0]).toMatchObject({ path: ["email"], message: "email is required" });
  });

  it("saves the name freely; a new email needs the password and must be free, whatever its case", async () => {
    const a = await makeAccount();
    const b = await makeAccount();
    const save = (input: { name: string; email: string; currentPassword?: string }) => updateProfile(getDb(), a.userId, input);

    expect(await save({ name: "Alex Rivera", email: a.email.toUpperCase() })).toEqual({ name: "Alex Rivera", email: a.email, emailChanged: false });
    const next = `new-${randomUUID().slice(0, 8)}@test.local`;
    await expect(save({ name: "Alex Rivera", email: next })).rejects.toMatchObject({ status: 400, field: "currentPassword" });
    await expect(save({ name: "Alex Rivera", email: next, currentPassword: "wrong-password" })).rejects.toMatchObject({
      field: "currentPassword",
      message: "The current password is not correct",
    });
    await expect(save({ name: "Alex Rivera", email: b.email.toUpperCase(), currentPassword: TEST_PASSWORD })).rejects.toMatchObject({
      status: 409,
      field: "email",
      message: EMAIL_IN_USE,
    });

    expect(await save({ name: "", email: next.toUpperCase(), currentPassword: TEST_PASSWORD })).toEqual({ name: null, email: next, emailChanged: true });
    const [row] = await getDb().select().from(users).where(eq(users.id, a.userId));
    expect(row).toMatchObject({ email: next, name: null });
    expect(await verifyCredentials(getDb(), next, TEST_PASSWORD)).toMatchObject({ userId: a.userId });
    expect(await verifyCredentials(getDb(), a.email, TEST_PASSWORD)).toBeNull();
  });
});
