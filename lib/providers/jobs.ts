import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, like, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { storage } from "@/lib/storage/local";
import { isProviderError, ProviderError, retrying, vendorSlot } from "./vendor";

/**
 * A vendor call that survives retries and restarts. An asynchronous vendor (submit, then poll a job
 * id) has its job id saved the moment the submit answers, so a later attempt for the same request
 * polls that job instead of paying for a second one; a finished call's result is kept, so a later
 * attempt uses it without asking the vendor again. Synchronous calls use the same record.
 */

export interface VendorCallScope {
  db: DbOrTx;
  workspaceId: string;
  /** What the call produces, unique for its owner: "scene:42:image". */
  subject: string;
  signal?: AbortSignal;
}

/**
 * What every provider call takes besides its request: the caller's abort signal and, for work
 * that belongs to something stored (a scene, a render, a caption), the scope its vendor calls are
 * recorded under. Without a scope (a preview, a test connection) a vendor call is made unrecorded.
 */
export interface ProviderCallOptions {
  signal?: AbortSignal;
  scope?: VendorCallScope;
  /** 0..1 as the vendor reports it, where it does. */
  onProgress?: (fraction: number) => void;
}

/** The scope a provider call runs under: the caller's, or an unrecorded one carrying its signal. */
export const callScope = (opts: ProviderCallOptions | undefined): VendorCallScope | Unrecorded =>
  opts?.scope ? { ...opts.scope, signal: opts.signal ?? opts.scope.signal } : { signal: opts?.signal };

/** A call with nothing to record it under: made once, its job id kept only in memory. */
export interface Unrecorded {
  signal?: AbortSignal;
}
const isRecorded = (s: VendorCallScope | Unrecorded): s is VendorCallScope => "db" in s;

export type PollResult<T> =
  { state: "pending"; retryAfterMs?: number; detail?: string } | { state: "done"; result: T; costUsd?: number } | { state: "failed"; reason: string };

export interface VendorJobSpec<T extends Record<string, unknown>> {
  vendor: string;
  model: string;
  /** The request as the vendor gets it, minus secrets: what the hash is made of. */
  request: unknown;
  /** Sends the job; resolves to the vendor's job id. */
  submit: () => Promise<string>;
  poll: (vendorJobId: string) => Promise<PollResult<T>>;
  /** Between polls when the vendor does not say; default 2 s. */
  pollIntervalMs?: number;
  /** Gives up (a timeout error) after this long polling one job; default 15 min. */
  maxWaitMs?: number;
  /** Told every poll, for progress. */
  onPending?: (detail: string | undefined) => void;
}

/** A stable hash of what was asked: the same vendor, model and request give the same hash. */
export function requestHash(vendor: string, model: string, request: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify([vendor, model, canonical(request)]))
    .digest("hex");
}

type Row = typeof providerJobs.$inferSelect;

async function claim(scope: VendorCallScope, vendor: string, model: string, hash: string): Promise<Row> {
  await scope.db
    .insert(providerJobs)
    .values({ workspaceId: scope.workspaceId, subject: scope.subject, vendor, model, requestHash: hash })
    .onConflictDoNothing({ target: [providerJobs.subject, providerJobs.requestHash] });
  const [row] = await scope.db
    .select()
    .from(providerJobs)
    .where(and(eq(providerJobs.subject, scope.subject), eq(providerJobs.requestHash, hash)));
  return row;
}

type Insert = typeof providerJobs.$inferInsert;
const update = (scope: VendorCallScope, id: string, set: RecordSet) =>
  scope.db
    .update(providerJobs)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(providerJobs.id, id));

const costText = (usd: number | undefined) => (usd === undefined ? undefined : usd.toFixed(6));

/**
 * Runs (or resumes) one asynchronous vendor job and returns its result. A failed record is tried
 * afresh (the caller's retry decided so); a vendor that says the job failed is a permanent error.
 */
export async function runVendorJob<T extends Record<string, unknown>>(scope: VendorCallScope | Unrecorded, spec: VendorJobSpec<T>): Promise<T> {
  if (!isRecorded(scope)) {
    const jobId = await retrying(() => vendorSlot(spec.vendor, spec.submit), { signal: scope.signal, kinds: ["rate_limited", "retryable"] });
    return pollUntilDone(scope, spec, jobId, async () => undefined);
  }
  const hash = requestHash(spec.vendor, spec.model, spec.request);
  let row = await claim(scope, spec.vendor, spec.model, hash);
  if (await reusable(row)) return row.result as T;
  // A finished job whose stored copy is gone is asked for again: the vendor's own URLs have expired.
  let jobId = row.status === "failed" || row.status === "succeeded" ? null : row.vendorJobId;
  if (!jobId) {
    await update(scope, row.id, { status: "submitting", error: null, submits: sql`${providerJobs.submits} + 1` });
    try {
      // A refused or rate-limited submit made no job: it may be sent again. One whose answer was lost
      // (a timeout) may have, so it is not repeated here; the record counts it if a retry does.
      jobId = await retrying(() => vendorSlot(spec.vendor, spec.submit), { signal: scope.signal, kinds: ["rate_limited", "retryable"] });
    } catch (e) {
      await update(scope, row.id, { status: "failed", error: errorText(e) });
      throw e;
    }
    // Saved before any waiting: a restart from here on resumes this job.
    await update(scope, row.id, { status: "running", vendorJobId: jobId });
    row = { ...row, vendorJobId: jobId };
  }
  const id = row.id;
  const result = await pollUntilDone(scope, spec, jobId, (set) => update(scope, id, set));
  await releaseSuperseded(scope, id);
  return result;
}

type RecordSet = { [K in keyof Insert]?: Insert[K] | SQL };

/** Polls one submitted job until it is done, failed or past its deadline, recording each turn. */
async function pollUntilDone<T extends Record<string, unknown>>(
  scope: Unrecorded,
  spec: VendorJobSpec<T>,
  jobId: string,
  record: (set: RecordSet) => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + (spec.maxWaitMs ?? 15 * 60_000);
  for (;;) {
    scope.signal?.throwIfAborted();
    let answer: PollResult<T>;
    try {
      answer = await vendorSlot(spec.vendor, () => spec.poll(jobId));
    } catch (e) {
      if (isProviderError(e) && e.retryable && Date.now() < deadline) {
        await sleep(e.retryAfterMs ?? spec.pollIntervalMs ?? 2_000, undefined, { signal: scope.signal });
        continue;
      }
      // A poll that failed for a while is not the job failing: the next attempt resumes it. One the
      // vendor refuses (the job unknown, the key revoked) will not get better by asking again: the
      // next attempt submits afresh rather than polling a dead job for ever.
      const resumable = !isProviderError(e) || e.retryable;
      await record(resumable ? { error: errorText(e) } : { status: "failed", error: errorText(e) });
      throw e;
    }
    if (answer.state === "done") {
      await record({ status: "succeeded", result: answer.result, costUsd: costText(answer.costUsd), error: null });
      return answer.result;
    }
    if (answer.state === "failed") {
      await record({ status: "failed", error: answer.reason });
      throw new ProviderError("permanent", spec.vendor, answer.reason);
    }
    spec.onPending?.(answer.detail);
    if (Date.now() >= deadline) {
      await record({ error: "still running at the deadline" });
      throw new ProviderError(
        "timeout",
        spec.vendor,
        `${spec.vendor} job ${jobId} was still running after ${Math.round((spec.maxWaitMs ?? 900_000) / 1000)} s`,
      );
    }
    await sleep(answer.retryAfterMs ?? spec.pollIntervalMs ?? 2_000, undefined, { signal: scope.signal });
  }
}

/**
 * A synchronous vendor call (one request answers with the result), recorded the same way: a
 * finished call's result is reused; an unfinished one is called again (there is no job to resume).
 */
export async function runVendorCall<T extends Record<string, unknown>>(
  scope: VendorCallScope | Unrecorded,
  spec: { vendor: string; model: string; request: unknown; call: () => Promise<{ result: T; costUsd?: number }> },
): Promise<T> {
  if (!isRecorded(scope)) {
    return (await retrying(() => vendorSlot(spec.vendor, spec.call), { signal: scope.signal, kinds: ["rate_limited", "retryable"] })).result;
  }
  const hash = requestHash(spec.vendor, spec.model, spec.request);
  const row = await claim(scope, spec.vendor, spec.model, hash);
  if (await reusable(row)) return row.result as T;
  await update(scope, row.id, { status: "running", error: null, submits: sql`${providerJobs.submits} + 1` });
  try {
    const { result, costUsd } = await retrying(() => vendorSlot(spec.vendor, spec.call), { signal: scope.signal, kinds: ["rate_limited", "retryable"] });
    await update(scope, row.id, { status: "succeeded", result, costUsd: costText(costUsd) });
    await releaseSuperseded(scope, row.id);
    return result;
  } catch (e) {
    await update(scope, row.id, { status: "failed", error: errorText(e) });
    throw e;
  }
}

/**
 * Whether a record's result can be used again: it succeeded and, when it names a stored copy of
 * the vendor's media, that copy is still in storage (a lost copy would otherwise fail every retry).
 */
async function reusable(row: Row): Promise<boolean> {
  if (row.status !== "succeeded" || !row.result) return false;
  if (!("storageKey" in row.result)) return true;
  const key = row.result.storageKey;
  return typeof key === "string" && (await storage().size(key)) !== null;
}

const storedKey = (result: Record<string, unknown> | null) => (typeof result?.storageKey === "string" ? result.storageKey : null);

/**
 * A new result for a subject supersedes the older ones (a scene painted again): their stored
 * copies are removed and the records kept, for the cost history, without a copy to reuse.
 */
async function releaseSuperseded(scope: VendorCallScope, keptId: string): Promise<void> {
  const older = await scope.db
    .select({ id: providerJobs.id, result: providerJobs.result })
    .from(providerJobs)
    .where(and(eq(providerJobs.workspaceId, scope.workspaceId), eq(providerJobs.subject, scope.subject), ne(providerJobs.id, keptId)));
  const [kept] = await scope.db.select({ result: providerJobs.result }).from(providerJobs).where(eq(providerJobs.id, keptId));
  const keep = storedKey(kept?.result ?? null);
  for (const row of older) {
    const key = storedKey(row.result);
    if (!key || key === keep) continue;
    await scope.db
      .update(providerJobs)
      .set({ result: { ...row.result, storageKey: null } })
      .where(eq(providerJobs.id, row.id));
    await storage()
      .remove(key)
      .catch((e: unknown) => console.error("[providers] could not remove a superseded vendor copy", e));
  }
}

/**
 * Forgets the vendor calls made for the given subjects (a deleted scene's "scene:42" covers
 * "scene:42:image" and the rest) and returns their stored copies' keys, for the caller to remove
 * once its transaction commits.
 */
export async function forgetVendorCalls(db: DbOrTx, workspaceId: string, subjects: string[]): Promise<Array<{ storageKey: string }>> {
  if (!subjects.length) return [];
  const rows = await db
    .delete(providerJobs)
    .where(
      and(
        eq(providerJobs.workspaceId, workspaceId),
        or(...subjects.flatMap((s) => [eq(providerJobs.subject, s), like(providerJobs.subject, `${s.replace(/[\\%_]/g, "\\$&")}:%`)])),
      ),
    )
    .returning({ result: providerJobs.result });
  return rows.flatMap((r) => {
    const key = storedKey(r.result);
    return key ? [{ storageKey: key }] : [];
  });
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 1000);
