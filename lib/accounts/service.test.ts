import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { getBalance } from "@/lib/credits/ledger";
import { reloadEnv } from "@/lib/env";
import { registerUser } from "./service";

afterEach(() => {
  delete process.env.ALLOW_SIGNUP;
  reloadEnv();
});

afterAll(() => closeDb());

describe("sign-up", () => {
  it("gives every new user a workspace and the starting grant", async () => {
    process.env.STARTING_CREDITS = "750";
    reloadEnv();
    const a = await registerUser(getDb(), { email: `grant-${Date.now()}@test.local`, password: "password123" });
    expect(await getBalance(getDb(), a.workspaceId)).toBe(750);
    delete process.env.STARTING_CREDITS;
  });

  it("is refused when ALLOW_SIGNUP=false, except for operators", async () => {
    process.env.ALLOW_SIGNUP = "false";
    reloadEnv();
    await expect(registerUser(getDb(), { email: `off-${Date.now()}@test.local`, password: "password123" })).rejects.toMatchObject({
      status: 403,
      message: "Sign-up is disabled on this server",
    });
    const op = await registerUser(getDb(), { email: `op-${Date.now()}@test.local`, password: "password123" }, { bypassSignupSwitch: true });
    expect(op.workspaceId).toBeTruthy();
  });
});
