import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { toPostView } from "@/lib/calendar/view";
import { listAccounts } from "@/lib/social/accounts";
import { getPost, targetEvents } from "@/lib/social/posts";

export const dynamic = "force-dynamic";

/** One post with each target's timeline; the post sheet polls it while a target is publishing. A post of another workspace is not found. */
export const GET = route<{ postId: string }>(async (req, { postId }) => {
  const p = await requirePrincipal(req);
  const db = getDb();
  const post = await getPost(db, p.workspaceId, postId);
  const [events, accounts] = await Promise.all([targetEvents(db, p.workspaceId, post.id), listAccounts(db, p.workspaceId)]);
  return Response.json(toPostView(post, accounts, events), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
