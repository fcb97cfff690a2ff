import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { makeAccount } from "@/lib/test/factories";
import { endSessions, isSessionCurrent } from "./sessions";

afterAll(() => closeDb());

describe("session generations", () => {
  it("only the current generation stands; each end of sessions moves it on", async () => {
    const a = await makeAccount();
    expect(await isSessionCurrent(getDb(), a.userId, 0)).toBe(true);
    expect(await isSessionCurrent(getDb(), a.userId, undefined)).toBe(true); // a cookie from before generations
    expect(await endSessions(getDb(), a.userId)).toBe(1);
    expect(await isSessionCurrent(getDb(), a.userId, 0)).toBe(false);
    expect(await isSessionCurrent(getDb(), a.userId, undefined)).toBe(false);
    expect(await isSessionCurrent(getDb(), a.userId, 1)).toBe(true);
    expect(await endSessions(getDb(), a.userId)).toBe(2);
    expect(await isSessionCurrent(getDb(), a.userId, 1)).toBe(false);
  });

  it("a session of a user who no longer exists, or a malformed one, does not stand", async () => {
    const a = await makeAccount();
    expect(await isSessionCurrent(getDb(), randomUUID(), 0)).toBe(false);
    expect(await isSessionCurrent(getDb(), "not-a-uuid", 0)).toBe(false);
    expect(await isSessionCurrent(getDb(), a.userId, "0")).toBe(false);
    expect(await isSessionCurrent(getDb(), a.userId, null)).toBe(false);
    expect(await endSessions(getDb(), randomUUID())).toBeNull();
  });
});
