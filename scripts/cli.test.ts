import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { verifyApiToken } from "@/lib/auth/tokens";

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { env: { ...process.env, STARTING_CREDITS: "1000" } });

afterAll(() => closeDb());

describe("operator CLI", () => {
  it("creates a user, adds credits and issues a working API token", async () => {
    const email = `cli-${randomUUID().slice(0, 8)}@test.local`;
    const created = JSON.parse((await cli("user:create", "--email", email, "--password", "quiet-harbor-lantern-42")).stdout.trim().split("\n").pop()!);
    expect(created.email).toBe(email);
    const balance = JSON.parse((await cli("credits:add", "--email", email, "--amount", "2500")).stdout.trim().split("\n").pop()!);
    expect(balance).toEqual({ balance: 3500 });
    const token = (await cli("token:create", "--email", email, "--name", "ci")).stdout.trim().split("\n").pop()!;
    expect(await verifyApiToken(getDb(), token)).toMatchObject({ workspaceId: created.workspaceId });
    await expect(cli("credits:add", "--email", email, "--amount=-5")).rejects.toMatchObject({ stderr: expect.stringMatching(/--amount must be a positive/) });
  });
});
