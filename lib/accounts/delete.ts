import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workspaces } from "@/db/schema/accounts";
import { media } from "@/db/schema/media";
import { providerJobs } from "@/db/schema/providers";
import { postTargets } from "@/db/schema/social";
import { AppError } from "@/lib/errors";
import { removeStoredFiles } from "@/lib/storage/remove";
import { confirmsDeletion, type DeleteAccountInput } from "@/lib/validation/account";
import { proveCurrentPassword, signedInUser } from "./service";

/**
 * Deletes the user, their workspace with every row in it, and its stored files. A workspace has
 * one member, its owner (workspaces.owner_id; there are no shared workspaces), so nobody else loses
 * anything. Everything goes in one transaction, so a signed URL handed out earlier is a 404 at
 * once and every session and token ends (their user is gone); the files go after the commit.
 *
 * The rows go by the foreign keys' cascades from users and workspaces, except post targets:
 * their account_id restricts deleting a social account, so they are deleted first.
 */
export async function deleteAccount(db: Db, userId: string, input: DeleteAccountInput): Promise<{ workspaces: number; files: number }> {
  const user = await signedInUser(db, userId);
  if (!confirmsDeletion(input.confirmation, user.email)) {
    throw new AppError("bad_request", `Type your email (${user.email}) or “delete my account” to confirm`, "confirmation");
  }
  await proveCurrentPassword(db, user, input.currentPassword);
  const { files, count } = await db.transaction(async (tx) => {
    const owned = await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.ownerId, userId)).for("update");
    const ids = owned.map((w) => w.id);
    const stored = ids.length ? await tx.delete(media).where(inArray(media.workspaceId, ids)).returning({ storageKey: media.storageKey }) : [];
    // The vendors' answers kept for retries are stored files too, named only by their call's record.
    const vendorCopies = ids.length
      ? (await tx.select({ result: providerJobs.result }).from(providerJobs).where(inArray(providerJobs.workspaceId, ids))).flatMap((r) =>
          typeof r.result?.storageKey === "string" ? [{ storageKey: r.result.storageKey }] : [],
        )
      : [];
    if (ids.length) {
      await tx.delete(postTargets).where(inArray(postTargets.workspaceId, ids));
      // Work still waiting in the queue for these workspaces would only find its rows gone
      // (the queue's tables exist once a worker has started).
      const queue = await tx.execute<{ ok: boolean }>(sql`select to_regclass('pgboss.job') is not null as ok`);
      if (queue.rows[0]?.ok)
        await tx.execute(
          sql`delete from pgboss.job where state in ('created', 'retry') and data->>'workspaceId' in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        );
    }
    await tx.delete(users).where(eq(users.id, userId));
    return { files: [...stored, ...vendorCopies], count: ids.length };
  });
  await removeStoredFiles(files, "a deleted account");
  return { workspaces: count, files: files.length };
}
