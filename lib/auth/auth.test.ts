import { SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { changePassword, registerUser, verifyCredentials } from "@/lib/accounts/service";
import { authSecret } from "@/lib/env";
import { makeAccount, TEST_PASSWORD } from "@/lib/test/factories";
import { hashPassword, verifyPassword } from "./password";
import { endSessions } from "./sessions";
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
    expect(await verifyCredentials(getDb(), a.email, TEST_PASSWORD)).toMatchObject({ userId: a.userId, workspaceId: a.workspaceId, sessionGeneration: 0 });
    expect(await verifyCredentials(getDb(), a.email, "nope-nope")).toBeNull();
  });

  it("issues access tokens that verify, and rejects tampered ones", async () => {
    const a = await makeAccount();
    const t = await issueAccessToken({ ...a, sessionGeneration: 0 });
    expect(await verifyAccessToken(getDb(), t)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
    expect(await verifyAccessToken(getDb(), t.slice(0, -2) + "xx")).toBeNull();
  });

  it("stores API tokens hashed and records their last use", async () => {
    const a = await makeAccount();
    const t = await createApiToken(getDb(), a, "script");
    expect(t.token.startsWith("ctw_")).toBe(true);
    expect(await verifyApiToken(getDb(), t.token)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
    expect(await verifyApiToken(getDb(), t.token + "x")).toBeNull();
  });
});

describe("ending sessions", () => {
  const signIn = async (email: string, password = TEST_PASSWORD) => issueAccessToken((await verifyCredentials(getDb(), email, password))!);

  it("a sign-out (or sign out everywhere) ends every access token issued before it, and only those", async () => {
    const a = await makeAccount();
    const b = await makeAccount();
    const [first, second, others] = [await signIn(a.email), await signIn(a.email), await signIn(b.email)];
    expect(await verifyAccessToken(getDb(), first)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });

    expect(await endSessions(getDb(), a.userId)).toBe(1);
    expect(await verifyAccessToken(getDb(), first)).toBeNull();
    expect(await verifyAccessToken(getDb(), second)).toBeNull();
    // Another user's token is untouched, and a sign-in after the sign-out works.
    expect(await verifyAccessToken(getDb(), others)).toEqual({ userId: b.userId, workspaceId: b.workspaceId });
    expect(await verifyAccessToken(getDb(), await signIn(a.email))).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
  });

  it("a password change ends the tokens of the old password; API tokens keep working", async () => {
    const a = await makeAccount();
    const old = await signIn(a.email);
    const apiToken = await createApiToken(getDb(), a, "ci");
    const next = "amber-glacier-whistle-97";
    expect(await changePassword(getDb(), a.userId, { currentPassword: TEST_PASSWORD, newPassword: next })).toEqual({ email: a.email, sessionGeneration: 1 });
    expect(await verifyAccessToken(getDb(), old)).toBeNull();
    expect(await verifyCredentials(getDb(), a.email, TEST_PASSWORD)).toBeNull();
    expect(await verifyAccessToken(getDb(), await signIn(a.email, next))).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
    expect(await verifyApiToken(getDb(), apiToken.token)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
  });

  it("a token issued before generations existed counts as generation 0", async () => {
    const a = await makeAccount();
    const legacy = await new SignJWT({ wid: a.workspaceId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(a.userId)
      .setAudience("cinetwin-api")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(authSecret()));
    expect(await verifyAccessToken(getDb(), legacy)).toEqual({ userId: a.userId, workspaceId: a.workspaceId });
    await endSessions(getDb(), a.userId);
    expect(await verifyAccessToken(getDb(), legacy)).toBeNull();
  });
});
