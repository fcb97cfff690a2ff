import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import { makeAccount } from "@/lib/test/factories";
import { captureCredits, getBalance, getBalanceHundredths, grantCredits, refundCredits, reserveCreditHundredths, reserveCredits } from "./ledger";

afterAll(() => closeDb());

describe("credit ledger", () => {
  it("reserves, captures once and never refunds a captured reservation", async () => {
    const a = await makeAccount({ credits: 1000 });
    const db = getDb();
    await withTransaction(({ tx }) => reserveCredits(tx, { workspaceId: a.workspaceId, amount: 300, reference: "t", idempotencyKey: "k1-" + a.workspaceId }));
    expect(await getBalance(db, a.workspaceId)).toBe(700);
    expect(await captureCredits(db, { workspaceId: a.workspaceId, reference: "t", reserveKey: "k1-" + a.workspaceId })).toBe(true);
    expect(await captureCredits(db, { workspaceId: a.workspaceId, reference: "t", reserveKey: "k1-" + a.workspaceId })).toBe(false);
    expect(await refundCredits(db, { workspaceId: a.workspaceId, reference: "t", reserveKey: "k1-" + a.workspaceId })).toBe(false);
    expect(await getBalance(db, a.workspaceId)).toBe(700);
  });

  it("bills what the work produced at capture: an adjust gives back the difference, or takes the rest, once", async () => {
    const a = await makeAccount({ credits: 1000 });
    const db = getDb();
    const reserve = (key: string, amount: number) =>
      withTransaction(({ tx }) => reserveCredits(tx, { workspaceId: a.workspaceId, amount, reference: key, idempotencyKey: key }));
    await reserve(`less-${a.workspaceId}`, 130);
    expect(await captureCredits(db, { workspaceId: a.workspaceId, reference: "t", reserveKey: `less-${a.workspaceId}`, amount: 50 })).toBe(true);
    expect(await captureCredits(db, { workspaceId: a.workspaceId, reference: "t", reserveKey: `less-${a.workspaceId}`, amount: 50 })).toBe(false);
    expect(await getBalance(db, a.workspaceId)).toBe(950);
    await reserve(`more-${a.workspaceId}`, 100);
    await captureCredits(db, { workspaceId: a.workspaceId, reference: "t", reserveKey: `more-${a.workspaceId}`, amount: 120 });
    expect(await getBalance(db, a.workspaceId)).toBe(830);
    await reserve(`same-${a.workspaceId}`, 30);
    await captureCredits(db, { workspaceId: a.workspaceId, reference: "same", reserveKey: `same-${a.workspaceId}`, amount: 30 });
    expect(await getBalance(db, a.workspaceId)).toBe(800);
    const { creditLedger } = await import("@/db/schema/credits");
    const { eq } = await import("drizzle-orm");
    const rows = await db.select().from(creditLedger).where(eq(creditLedger.workspaceId, a.workspaceId));
    expect(rows.filter((r) => r.kind === "adjust").map((r) => r.amountHundredths)).toEqual([8000, -2000]);
  });

  it("refunds a failed reservation exactly once", async () => {
    const a = await makeAccount({ credits: 500 });
    const key = "k2-" + a.workspaceId;
    await withTransaction(({ tx }) => reserveCredits(tx, { workspaceId: a.workspaceId, amount: 500, reference: "t", idempotencyKey: key }));
    expect(await getBalance(getDb(), a.workspaceId)).toBe(0);
    expect(await refundCredits(getDb(), { workspaceId: a.workspaceId, reference: "t", reserveKey: key })).toBe(true);
    expect(await refundCredits(getDb(), { workspaceId: a.workspaceId, reference: "t", reserveKey: key })).toBe(false);
    expect(await captureCredits(getDb(), { workspaceId: a.workspaceId, reference: "t", reserveKey: key })).toBe(false);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(500);
  });

  it("refuses a reservation larger than the balance and writes nothing", async () => {
    const a = await makeAccount({ credits: 100 });
    await expect(
      withTransaction(({ tx }) => reserveCredits(tx, { workspaceId: a.workspaceId, amount: 101, reference: "t", idempotencyKey: "k3-" + a.workspaceId })),
    ).rejects.toThrow(/Insufficient credits/);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(100);
  });

  it("lets only one of two concurrent reservations through when the balance covers one", async () => {
    const a = await makeAccount({ credits: 500 });
    const results = await Promise.allSettled(
      ["a", "b"].map((k) =>
        withTransaction(({ tx }) =>
          reserveCredits(tx, { workspaceId: a.workspaceId, amount: 400, reference: "t", idempotencyKey: `k4-${k}-${a.workspaceId}` }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(100);
  });

  it("keeps fractional prices exact in hundredths while whole-credit callers see credits", async () => {
    const a = await makeAccount({ credits: 50 });
    const db = getDb();
    const key = `frac-${a.workspaceId}`;
    await withTransaction(({ tx }) => reserveCreditHundredths(tx, { workspaceId: a.workspaceId, hundredths: 30, reference: "t", idempotencyKey: key }));
    expect(await getBalance(db, a.workspaceId)).toBe(49.7);
    expect(await getBalanceHundredths(db, a.workspaceId)).toBe(4970);
    // Ten reservations of 0.3 are exactly 3 credits, which floating point would not give.
    for (let i = 0; i < 10; i++)
      await withTransaction(({ tx }) =>
        reserveCreditHundredths(tx, { workspaceId: a.workspaceId, hundredths: 30, reference: "t", idempotencyKey: `${key}-${i}` }),
      );
    expect(await getBalance(db, a.workspaceId)).toBe(46.7);
    expect(await refundCredits(db, { workspaceId: a.workspaceId, reference: "t", reserveKey: key })).toBe(true);
    expect(await getBalance(db, a.workspaceId)).toBe(47);
    await grantCredits(db, a.workspaceId, 3, `grant-${key}`);
    expect(await getBalance(db, a.workspaceId)).toBe(50);
    await expect(
      withTransaction(({ tx }) => reserveCreditHundredths(tx, { workspaceId: a.workspaceId, hundredths: 5001, reference: "t", idempotencyKey: `${key}-x` })),
    ).rejects.toThrow("Insufficient credits: this needs 50.01 credits and the balance is 50");
    // SQL readers see credits in `amount`, computed from the hundredths.
    const { creditLedger } = await import("@/db/schema/credits");
    const { eq } = await import("drizzle-orm");
    const [row] = await db.select().from(creditLedger).where(eq(creditLedger.idempotencyKey, key));
    expect([row.amountHundredths, Number(row.amount)]).toEqual([-30, -0.3]);
  });
});
