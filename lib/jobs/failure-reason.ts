import { DrizzleQueryError } from "drizzle-orm/errors";
import { publicMessage } from "@/lib/errors";

/**
 * What users are told when a job fails for good (the task's error, the callback): the message of
 * an error meant for them; a system error's (ENOENT with a path, ECONNREFUSED with an address) and
 * a database error's (the query: "Failed query: select ... from media ...") stay in the worker's
 * log; other errors keep their first line, at most 300 characters.
 */
export function failureReason(e: unknown): string {
  const safe = publicMessage(e);
  if (safe !== null) return safe.slice(0, 300);
  if (e instanceof Error && ("syscall" in e || "errno" in e)) return "an internal error (logged on the server)";
  if (e instanceof DrizzleQueryError || (e instanceof Error && /^Failed query:/.test(e.message))) {
    return "a database error (logged on the server)";
  }
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split("\n")[0].slice(0, 300);
}
