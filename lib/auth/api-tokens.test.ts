import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { makeAccount } from "@/lib/test/factories";
import { apiTokenInput } from "@/lib/validation/api-tokens";
import { issueApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { verifyApiToken } from "./tokens";

afterAll(() => closeDb());

describe("API tokens", () => {
  it("creates a token shown once, lists it without the secret, and records its use", async () => {
    const db = getDb();
    const a = await makeAccount();
    const created = await issueApiToken(db, a, { name: "CI pipeline" });
    expect(created.token).toMatch(/^ctw_[A-Za-z0-9_-]{32}$/);
    expect(created.prefix).toBe(created.token.slice(0, 10));

    let list = await listApiTokens(db, a.workspaceId);
    expect(list).toEqual([{ id: created.id, name: "CI pipeline", prefix: created.prefix, createdAt: expect.any(Date), lastUsedAt: null }]);
    expect(JSON.stringify(list)).not.toContain(created.token);

    expect(await verifyApiToken(db, created.token)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
    list = await listApiTokens(db, a.workspaceId);
    expect(list[0].lastUsedAt).toBeInstanceOf(Date);
  });

  it("lists newest first and only the workspace's own tokens", async () => {
    const db = getDb();
    const a = await makeAccount();
    const b = await makeAccount();
    const first = await issueApiToken(db, a, { name: "first" });
    const second = await issueApiToken(db, a, { name: "second" });
    await issueApiToken(db, b, { name: "b's" });
    const ids = (await listApiTokens(db, a.workspaceId)).map((t) => t.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids)).toEqual(new Set([first.id, second.id]));
  });

  it("revokes: the token stops verifying and leaves the list; a second revoke is a 404", async () => {
    const db = getDb();
    const a = await makeAccount();
    const t = await issueApiToken(db, a, { name: "to revoke" });
    await revokeApiToken(db, { workspaceId: a.workspaceId, tokenId: t.id });
    expect(await verifyApiToken(db, t.token)).toBeNull();
    expect(await listApiTokens(db, a.workspaceId)).toEqual([]);
    await expect(revokeApiToken(db, { workspaceId: a.workspaceId, tokenId: t.id })).rejects.toMatchObject({ status: 404, message: "API token not found" });
  });

  it("answers 404 for another workspace's token and leaves it working", async () => {
    const db = getDb();
    const a = await makeAccount();
    const b = await makeAccount();
    const t = await issueApiToken(db, a, { name: "a's token" });
    await expect(revokeApiToken(db, { workspaceId: b.workspaceId, tokenId: t.id })).rejects.toMatchObject({ status: 404 });
    expect(await verifyApiToken(db, t.token)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
  });

  it("answers 404 for unknown and malformed ids", async () => {
    const a = await makeAccount();
    for (const tokenId of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "1"]) {
      await expect(revokeApiToken(getDb(), { workspaceId: a.workspaceId, tokenId })).rejects.toMatchObject({ status: 404 });
    }
  });

  it("validates the name: trimmed, 1 to 60 characters", () => {
    expect(apiTokenInput.parse({ name: "  Zapier  " })).toEqual({ name: "Zapier" });
    expect(apiTokenInput.safeParse({ name: "   " }).error?.issues[0].message).toBe("name is required");
    expect(apiTokenInput.safeParse({}).error?.issues[0].message).toBe("name is required");
    expect(apiTokenInput.safeParse({ name: "x".repeat(61) }).error?.issues[0].message).toBe("name must be at most 60 characters");
    expect(apiTokenInput.safeParse({ name: "x".repeat(60) }).success).toBe(true);
  });
});
