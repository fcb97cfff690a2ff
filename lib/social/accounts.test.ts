import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { postTargets, socialAccounts } from "@/db/schema/social";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { makeAccount, makeCharacter, makeFinishedVideo } from "@/lib/test/factories";
import { credentialsFor, type SocialAccountRow } from "./accounts";
import { fakeYouTubeEnv, startFakeYouTube, type FakeYouTube } from "./platforms/fakes/youtube";
import { createPost, sweepStuckTargets } from "./posts";
import { openToken, sealToken } from "./tokens";

let yt: FakeYouTube;
let account: Awaited<ReturnType<typeof makeAccount>>;

beforeAll(async () => {
  yt = await startFakeYouTube({ clientId: "yt-client", clientSecret: "yt-secret" });
  Object.assign(process.env, fakeYouTubeEnv(yt));
  account = await makeAccount();
});

afterAll(async () => {
  for (const k of Object.keys(fakeYouTubeEnv(yt))) delete process.env[k];
  await stopBoss();
  await closeDb();
  await yt.close();
});

async function connected(opts: { expiresInMs: number; refreshToken?: string | null; externalId: string }): Promise<SocialAccountRow> {
  const [row] = await getDb()
    .insert(socialAccounts)
    .values({ workspaceId: account.workspaceId, platform: "youtube", externalId: opts.externalId, handle: "@alex" })
    .returning();
  const refresh = opts.refreshToken === undefined ? yt.refreshToken : opts.refreshToken;
  const [saved] = await getDb()
    .update(socialAccounts)
    .set({
      accessTokenSealed: sealToken("stale-token", row.id),
      refreshTokenSealed: refresh ? sealToken(refresh, row.id) : null,
      tokenExpiresAt: new Date(Date.now() + opts.expiresInMs),
    })
    .where(eq(socialAccounts.id, row.id))
    .returning();
  return saved;
}

describe("tokens at rest", () => {
  it("are sealed with AES-256-GCM bound to their account: not readable in the row, not movable to another", async () => {
    const row = await connected({ expiresInMs: 3_600_000, externalId: "UC-sealed" });
    expect(row.accessTokenSealed).not.toContain("stale-token");
    expect(row.accessTokenSealed).toMatch(/^v1\./);
    expect(openToken(row.accessTokenSealed!, row.id)).toBe("stale-token");
    expect(() => openToken(row.accessTokenSealed!, "00000000-0000-4000-8000-000000000000")).toThrow();
    const tampered = row.accessTokenSealed!.slice(0, -2) + (row.accessTokenSealed!.endsWith("A") ? "BB" : "AA");
    expect(() => openToken(tampered, row.id)).toThrow();
  });
});

describe("refreshing before expiry", () => {
  it("refreshes once when several callers want a token at the same moment, and keeps the refresh token the platform did not resend", async () => {
    const row = await connected({ expiresInMs: 60_000, externalId: "UC-refresh" });
    const before = yt.counters.calls.refresh;
    const creds = await Promise.all(Array.from({ length: 4 }, () => credentialsFor(getDb(), row.id)));
    expect(yt.counters.calls.refresh - before).toBe(1);
    expect(new Set(creds.map((c) => c.accessToken)).size).toBe(1);
    expect(creds[0].accessToken).not.toBe("stale-token");
    const [after] = await getDb().select().from(socialAccounts).where(eq(socialAccounts.id, row.id));
    // Google answers a refresh without a refresh token: the stored one stays.
    expect(openToken(after.refreshTokenSealed!, row.id)).toBe(yt.refreshToken);
    expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
  });

  it("an account whose refresh is refused is flagged for reconnecting, in words", async () => {
    const row = await connected({ expiresInMs: 60_000, refreshToken: "revoked-refresh-token", externalId: "UC-revoked" });
    await expect(credentialsFor(getDb(), row.id)).rejects.toThrow(/reconnect the account/);
    const [after] = await getDb().select().from(socialAccounts).where(eq(socialAccounts.id, row.id));
    expect(after.status).toBe("expired");
    expect(after.lastError).toMatch(/refused to renew/);
  });
});

describe("the hourly sweep", () => {
  it("re-drives a target left mid-way with no job on it, and leaves fresh or finished ones alone", async () => {
    await getBoss(); // the sweep reads pg-boss's job table, which the worker's boss creates
    const characterId = (await makeCharacter(account)).id;
    const videoId = (await makeFinishedVideo(account, { seconds: 1 })).id;
    const post = await createPost(getDb(), account.workspaceId, {
      characterId,
      title: "Stuck",
      script: "",
      videoId,
      scheduledAt: new Date(Date.now() + 60_000),
      targets: [{ platform: "channel" }],
      captions: {},
    });
    const [target] = post.targets;
    await getDb().update(postTargets).set({ status: "processing" }).where(eq(postTargets.id, target.id));
    expect(await sweepStuckTargets(getDb())).toBe(0);
    await getDb()
      .update(postTargets)
      .set({ updatedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(postTargets.id, target.id));
    expect(await sweepStuckTargets(getDb())).toBe(1);
    // Its job is queued now: a second sweep does not queue another.
    expect(await sweepStuckTargets(getDb())).toBe(0);
  });
});
