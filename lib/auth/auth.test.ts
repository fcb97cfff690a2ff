import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { registerUser, verifyCredentials } from "@/lib/accounts/service";
import { makeAccount, TEST_PASSWORD } from "@/lib/test/factories";
import { hashPassword, verifyPassword } from "./password";
import { createApiToken, issueAccessToken, verifyAccessToken, verifyApiToken } from "./tokens";

afterAll(() => closeDb());

describe("accounts and tokens", () => {
  it("hashes passwords with scrypt and verifies them", async () => {
    const h = await hashPassword("correct horse");
    expect(h.startsWith("scrypt$")).toBe(true);
    expect(await verifyPassword("correct horse", h)).toBe(true);
    expect(await verifyPassword("wrong horse", h)).toBe(false);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    const a = await makeAccount();
    await expect(registerUser(getDb(), { email: a.email.toUpperCase(), password: TEST_PASSWORD })).rejects.toMatchObject({ status: 409 });
    expect(await verifyCredentials(getDb(), a.email, TEST_PASSWORD)).toMatchObject({ userId: a.userId, workspaceId: a.workspaceId });
    expect(await verifyCredentials(getDb(), a.email, "nope-nope")).toBeNull();
  });

  it("issues access tokens that verify, and rejects tampered ones", async () => {
    const a = await makeAccount();
    const t = await issueAccessToken(a);
    expect(await verifyAccessToken(t)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
    expect(await verifyAccessToken(t.slice(0, -2) + "xx")).toBeNull();
  });

  it("stores API tokens hashed and records their last use", async () => {
    const a = await makeAccount();
    const t = await createApiToken(getDb(), a, "script");
    expect(t.token.startsWith("ctw_")).toBe(true);
    expect(await verifyApiToken(getDb(), t.token)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
    expect(await verifyApiToken(getDb(), t.token + "x")).toBeNull();
  });
});
