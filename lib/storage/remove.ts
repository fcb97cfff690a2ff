import { storage } from "./local";

/**
 * Removes stored files whose media rows are already deleted (call it after the commit). Nothing
 * serves them any more, so a file left behind is litter, not an error to report: it is logged.
 */
export async function removeStoredFiles(files: Array<{ storageKey: string }>, context: string): Promise<void> {
  const removed = await Promise.allSettled(files.map((f) => storage().remove(f.storageKey)));
  for (const r of removed) if (r.status === "rejected") console.error(`[storage] could not remove a file of ${context}`, r.reason);
}
