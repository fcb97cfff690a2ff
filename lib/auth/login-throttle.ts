import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { type Backoff, giveBack, reset, take, takeWithBackoff } from "./rate-limit";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_ATTEMPTS_PER_ADDRESS = 30;

/**
 * Failures of one account from one address: five are free, then each waits twice as long as the
 * one before (5 s, 10 s, 20 s ... up to 15 minutes), and a day without failures forgets them.
 */
export const PAIR_BACKOFF: Backoff = { free: 5, baseSeconds: 5, maxSeconds: 15 * 60, forgetSeconds: 24 * 3600 };

// Hashed: the login name is whatever the caller sent (it may be kilobytes long), and a table of
// who tried to sign in as whom, from where, is worth not keeping in the clear.
const hash = (s: string) => createHash("sha256").update(s).digest("hex");
/** The counters' keys, as stored (tests age them). */
export const pairKey = (email: string, address: string) => `login:pair:${hash(`${email.trim().toLowerCase()}\n${address}`)}`;
export const addressKey = (address: string) => `login:address:${hash(address)}`;

export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt *before* the password is checked, and refuses it while its address has
 * had too many in the window or its account has failed too often from this address lately.
 * Counting first (rather than checking, then recording the failure) keeps a burst of concurrent
 * guesses from all passing one read of the counters while the slow password hashes run.
 *
 * The address limit stops one address guessing many accounts. The backoff is per account *and*
 * address: it slows guessing one password from one place to a few tries an hour, yet a stranger's
 * failures never lock the owner out, who signs in from an address of their own. (Guessing one
 * password from many addresses is left to each address's own limit: an account-wide lock is
 * exactly the lever that lets anyone lock anyone out.)
 */
export async function beginLoginAttempt(db: Db, email: string, address: string): Promise<LoginGate> {
  const byAddress = await take(db, addressKey(address), LOGIN_WINDOW_SECONDS);
  if (byAddress.count > MAX_ATTEMPTS_PER_ADDRESS) return { allowed: false, retryAfterSeconds: byAddress.retryAfterSeconds };
  const byPair = await takeWithBackoff(db, pairKey(email, address), PAIR_BACKOFF);
  return byPair.allowed ? { allowed: true } : byPair;
}

/** A correct password gives its address attempt back and ends the backoff of its account at this address. */
export async function loginSucceeded(db: Db, email: string, address: string): Promise<void> {
  await Promise.all([giveBack(db, addressKey(address), LOGIN_WINDOW_SECONDS), reset(db, pairKey(email, address))]);
}

/** "30 seconds", "1 minute", "15 minutes": how long a refused sign-in waits, in words. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
