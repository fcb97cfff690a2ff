import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { toPostView } from "@/lib/calendar/view";
import { listAccounts } from "@/lib/social/accounts";
import { listPosts } from "@/lib/social/posts";
import { serialIdParamSchema } from "@/lib/validation/ids";
import { postFilters } from "@/lib/validation/posts";

export const dynamic = "force-dynamic";

/** The query string's characterId is text. */
const query = postFilters.extend({ characterId: serialIdParamSchema("characterId must be the id of a character").optional() });

/** The posts of a range of the calendar (?from&to, ISO), filtered by platform, status and character; what the calendar polls. */
export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const filters = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = getDb();
  const [posts, accounts] = await Promise.all([listPosts(db, p.workspaceId, filters), listAccounts(db, p.workspaceId)]);
  return Response.json(
    posts.map((post) => toPostView(post, accounts)),
    { headers: { "Cache-Control": "no-store" } },
  );
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
