import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema/accounts";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { getBalance } from "@/lib/credits/ledger";

/** Who the credentials belong to: the user, their workspace and its credit balance. */
export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const db = getDb();
  const [user] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, p.userId));
  return Response.json({ id: p.userId, email: user?.email, name: user?.name, workspace_id: p.workspaceId, credits: await getBalance(db, p.workspaceId) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
