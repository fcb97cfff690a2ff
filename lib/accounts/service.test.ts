import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { getBalance } from "@/lib/credits/ledger";
import { reloadEnv } from "@/lib/env";
import { makeAccount, TEST_PASSWORD } from "@/lib/test/factories";
import { changePassword, registerUser, verifyCredentials } from "./service";

afterEach(() => {
  delete process.env.ALLOW_SIGNUP;
  reloadEnv();
});

afterAll(() => closeDb());

describe("sign-up", () => {
  it("gives every new user a workspace and the starting grant", async () => {
    process.env.STARTING_CREDITS = "750";
    reloadEnv();
    const a = await registerUser(getDb(), { email: `grant-${Date.now()}@test.local`, password: TEST_PASSWORD });
    expect(await getBalance(getDb(), a.workspaceId)).toBe(750);
    delete process.env.STARTING_CREDITS;
  });

  it("is refused when ALLOW_SIGNUP=false, except for operators", async () => {
    process.env.ALLOW_SIGNUP = "false";
    reloadEnv();
    await expect(registerUser(getDb(), { email: `off-${Date.now()}@test.local`, password: TEST_PASSWORD })).rejects.toMatchObject({
      status: 403,
      message: "Sign-up is disabled on this server",
    });
    const op = await registerUser(getDb(), { email: `op-${Date.now()}@test.local`, password: TEST_PASSWORD }, { bypassSignupSwitch: true });
    expect(op.workspaceId).toBeTruthy();
  });

  it("refuses a weak password with its reason, and creates nothing", async () => {
    const email = `weak-${randomUUID()}@test.local`;
    await expect(registerUser(getDb(), { email, password: "password123" })).rejects.toMatchObject({
      status: 400,
      field: "password",
      message: "password is too weak: this is a commonly used password. Add more words that are less common.",
    });
    // The operator's CLI too: no account is ever made with a guessable password.
    await expect(registerUser(getDb(), { email, password: "qwertyuiop" }, { bypassSignupSwitch: true })).rejects.toMatchObject({ status: 400 });
    await expect(
      registerUser(getDb(), { email: `alex.rivera-${randomUUID().slice(0, 4)}@test.local`, password: "alex.rivera", name: "Alex Rivera" }),
    ).rejects.toMatchObject({
      field: "password",
    });
    expect(await registerUser(getDb(), { email, password: TEST_PASSWORD })).toMatchObject({ email });
  });
});

describe("password change", () => {
  const next = "amber-glacier-whistle-97";

  it("needs the current password, a different and strong new one", async () => {
    const a = await makeAccount();
    const change = (currentPassword: string, newPassword: string) => changePassword(getDb(), a.userId, { currentPassword, newPassword });
    await expect(change("not-the-password", next)).rejects.toMatchObject({
      status: 400,
      field: "currentPassword",
      message: "The current password is not correct",
    });
    await expect(change(TEST_PASSWORD, TEST_PASSWORD)).rejects.toMatchObject({
      status: 400,
      field: "newPassword",
      message: "The new password must differ from the current one",
    });
    await expect(change(TEST_PASSWORD, "letmein123")).rejects.toMatchObject({
      status: 400,
      field: "newPassword",
      message: expect.stringMatching(/^new password is too weak: this is (similar to )?a commonly used password/),
    });
    // Nothing changed so far.
    expect(await verifyCredentials(getDb(), a.email, TEST_PASSWORD)).toMatchObject({ sessionGeneration: 0 });

    await change(TEST_PASSWORD, next);
    expect(await verifyCredentials(getDb(), a.email, TEST_PASSWORD)).toBeNull();
    expect(await verifyCredentials(getDb(), a.email, next)).toMatchObject({ userId: a.userId, sessionGeneration: 1 });
  });

  it("stops guessing the current password after 10 wrong tries", async () => {
    const a = await makeAccount();
    for (let i = 0; i < 10; i++) {
      await expect(changePassword(getDb(), a.userId, { currentPassword: `guess-${i}`, newPassword: next })).rejects.toMatchObject({ status: 400 });
    }
    await expect(changePassword(getDb(), a.userId, { currentPassword: TEST_PASSWORD, newPassword: next })).rejects.toMatchObject({
      status: 429,
      message: expect.stringMatching(/^Too many wrong current passwords; try again in \d+ minutes?$/),
    });
  });
});
