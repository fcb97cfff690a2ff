import { eq, like } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { creditLedger } from "@/db/schema/credits";
import { creditAllowanceJob, schedules } from "@/lib/jobs/definitions";
import { handleCreditAllowance } from "@/lib/jobs/handlers/credit-allowance";
import { makeAccount } from "@/lib/test/factories";
import { addCreditsInput, setAllowanceInput } from "@/lib/validation/credits";
import { getBalance } from "./ledger";
import { addCredits, allowanceKey, listLedgerEntries, setAllowance } from "./manage";

afterAll(() => closeDb());

describe("adding credits", () => {
  it("adds credits as the owner, with the owner as the entry's actor and its note", async () => {
    const a = await makeAccount({ credits: 100 });
    const db = getDb();
    expect(await addCredits(db, a, { amount: 250, note: "Top-up for December" })).toEqual({ balance: 350 });
    expect(await getBalance(db, a.workspaceId)).toBe(350);
    const [row] = await db.select().from(creditLedger).where(eq(creditLedger.reference, "manual"));
    expect(row).toMatchObject({ workspaceId: a.workspaceId, amountHundredths: 25_000, kind: "grant", actorId: a.userId, note: "Top-up for December" });
    const entries = await listLedgerEntries(db, a.workspaceId);
    expect(entries[0]).toMatchObject({ kind: "grant", amount: 250, note: "Top-up for December" });
  });

  it("refuses anyone but the workspace's owner with a 403 that says why", async () => {
    const owner = await makeAccount({ credits: 100 });
    const member = await makeAccount();
    const db = getDb();
    const asMember = { userId: member.userId, workspaceId: owner.workspaceId };
    await expect(addCredits(db, asMember, { amount: 10 })).rejects.toMatchObject({ status: 403, message: "Only the workspace's owner can add credits" });
    await expect(setAllowance(db, asMember, { credits: 10, mode: "add" })).rejects.toMatchObject({
      status: 403,
      message: "Only the workspace's owner can set the monthly allowance",
    });
    expect(await getBalance(db, owner.workspaceId)).toBe(100);
  });

  it("validates the amount naming the field: 1..100000 whole credits", () => {
    const issue = (amount: unknown) => {
      const r = addCreditsInput.safeParse({ amount });
      return r.success ? null : { path: r.error.issues[0].path, message: r.error.issues[0].message };
    };
    expect(issue(0)).toEqual({ path: ["amount"], message: "amount must be at least 1" });
    expect(issue(100_001)).toEqual({ path: ["amount"], message: "amount must be at most 100,000" });
    expect(issue(1.5)).toEqual({ path: ["amount"], message: "amount must be a whole number of credits" });
    expect(issue("lots")?.path).toEqual(["amount"]);
    expect(issue("lots")?.message).toMatch(/^amount must be a number/);
    expect(issue(100_000)).toBeNull();
    expect(addCreditsInput.parse({ amount: "25" }).amount).toBe(25);
    expect(setAllowanceInput.safeParse({ credits: 0, mode: "top_up" }).success).toBe(true);
    expect(setAllowanceInput.safeParse({ credits: 5, mode: "double" }).error?.issues[0].message).toBe("mode must be add or top_up");
  });
});

describe("the monthly allowance", () => {
  const allowanceRows = (workspaceId: string) =>
    getDb()
      .select()
      .from(creditLedger)
      .where(like(creditLedger.idempotencyKey, `allowance:${workspaceId}:%`));

  it("grants once a month, even when the cron runs twice or on two workers at once", async () => {
    const a = await makeAccount({ credits: 100 });
    const db = getDb();
    await setAllowance(db, a, { credits: 500, mode: "add" });
    const first = new Date("2031-03-01T00:05:00Z");
    await Promise.all([handleCreditAllowance(db, first), handleCreditAllowance(db, first)]);
    await handleCreditAllowance(db, new Date("2031-03-17T12:00:00Z"));
    expect(await getBalance(db, a.workspaceId)).toBe(600);
    const rows = await allowanceRows(a.workspaceId);
    expect(rows.map((r) => r.idempotencyKey)).toEqual([allowanceKey(a.workspaceId, "2031-03")]);
    // Next month, one more.
    await Promise.all([handleCreditAllowance(db, new Date("2031-04-01T00:05:00Z")), handleCreditAllowance(db, new Date("2031-04-01T00:05:01Z"))]);
    expect(await getBalance(db, a.workspaceId)).toBe(1100);
  });

  it("catches up after downtime: the hourly run's first turn in a month, whenever it comes, grants that month", async () => {
    expect(schedules.find((s) => s.job === creditAllowanceJob)?.cron, "hourly, not only on the 1st").toBe("5 * * * *");
    const a = await makeAccount({ credits: 0 });
    const db = getDb();
    await setAllowance(db, a, { credits: 300, mode: "add" });
    // Down from the 28th to the 9th: the first run of September is on the 9th.
    await handleCreditAllowance(db, new Date("2031-08-28T10:05:00Z"));
    await handleCreditAllowance(db, new Date("2031-09-09T14:05:00Z"));
    await handleCreditAllowance(db, new Date("2031-09-09T15:05:00Z"));
    expect(await getBalance(db, a.workspaceId)).toBe(600);
  });

  it("tops up to the allowance once a month: spending after the grant does not bring a second one", async () => {
    const a = await makeAccount({ credits: 120 });
    const db = getDb();
    await setAllowance(db, a, { credits: 500, mode: "top_up" });
    await handleCreditAllowance(db, new Date("2031-05-01T00:05:00Z"));
    expect(await getBalance(db, a.workspaceId)).toBe(500);
    await db.insert(creditLedger).values({ workspaceId: a.workspaceId, amountHundredths: -40_000, kind: "adjust", idempotencyKey: `spend:${a.workspaceId}` });
    await handleCreditAllowance(db, new Date("2031-05-02T00:05:00Z"));
    expect(await getBalance(db, a.workspaceId)).toBe(100);
    await handleCreditAllowance(db, new Date("2031-06-01T00:05:00Z"));
    expect(await getBalance(db, a.workspaceId)).toBe(500);
    // Already above the allowance: the month is marked done with nothing added.
    await addCredits(db, a, { amount: 100 });
    await handleCreditAllowance(db, new Date("2031-07-01T00:05:00Z"));
    expect(await getBalance(db, a.workspaceId)).toBe(600);
    expect((await allowanceRows(a.workspaceId)).map((r) => r.amountHundredths)).toEqual([38_000, 40_000, 0]);
  });

  it("grants nothing once the allowance is turned off", async () => {
    const a = await makeAccount({ credits: 10 });
    const db = getDb();
    await setAllowance(db, a, { credits: 50, mode: "add" });
    await setAllowance(db, a, { credits: 0, mode: "add" });
    await handleCreditAllowance(db, new Date("2031-08-01T00:05:00Z"));
    expect(await getBalance(db, a.workspaceId)).toBe(10);
  });
});
