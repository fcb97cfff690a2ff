import type { Db } from "@/db/client";
import { hit, peek } from "./rate-limit";

const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES_PER_ACCOUNT = 10;
const MAX_FAILURES_PER_ADDRESS = 30;

const accountKey = (email: string) => `login:account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `login:address:${address}`;

/** False once an account or an address has failed too often in the window. */
export async function checkLoginAllowed(db: Db, email: string, address: string): Promise<boolean> {
  const [byAccount, byAddress] = await Promise.all([
    peek(db, accountKey(email), WINDOW_SECONDS),
    peek(db, addressKey(address), WINDOW_SECONDS),
  ]);
  return byAccount < MAX_FAILURES_PER_ACCOUNT && byAddress < MAX_FAILURES_PER_ADDRESS;
}

export async function recordLoginFailure(db: Db, email: string, address: string): Promise<void> {
  await Promise.all([hit(db, accountKey(email), WINDOW_SECONDS), hit(db, addressKey(address), WINDOW_SECONDS)]);
}
