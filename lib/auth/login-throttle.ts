import type { Db } from "@/db/client";
import { giveBack, take } from "./rate-limit";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_ATTEMPTS_PER_ACCOUNT = 10;
export const MAX_ATTEMPTS_PER_ADDRESS = 30;

const accountKey = (email: string) => `login:account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `login:address:${address}`;

export type LoginGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt against its account and its address *before* the password is
 * checked, and refuses it once either has had too many in the window. Counting first (rather
 * than checking, then recording the failure) keeps a burst of concurrent guesses from all
 * passing one read of the counters while the slow password hashes run.
 * The account limit stops guessing one password from many addresses; the address limit stops
 * one address guessing many accounts; a limit hit by one never touches other accounts or addresses.
 */
export async function beginLoginAttempt(db: Db, email: string, address: string): Promise<LoginGate> {
  const [byAccount, byAddress] = await Promise.all([take(db, accountKey(email), LOGIN_WINDOW_SECONDS), take(db, addressKey(address), LOGIN_WINDOW_SECONDS)]);
  const blocked = [
    byAccount.count > MAX_ATTEMPTS_PER_ACCOUNT ? byAccount.retryAfterSeconds : 0,
    byAddress.count > MAX_ATTEMPTS_PER_ADDRESS ? byAddress.retryAfterSeconds : 0,
  ];
  const retryAfterSeconds = Math.max(...blocked);
  return retryAfterSeconds > 0 ? { allowed: false, retryAfterSeconds } : { allowed: true };
}

/** A correct password gives its attempt back, so only failures use up the allowance. */
export async function loginSucceeded(db: Db, email: string, address: string): Promise<void> {
  await Promise.all([giveBack(db, accountKey(email), LOGIN_WINDOW_SECONDS), giveBack(db, addressKey(address), LOGIN_WINDOW_SECONDS)]);
}
